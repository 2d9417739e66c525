<?xml version="1.0" encoding="UTF-8"?>
<!--
  One text's header as a section of the about page: publication facts, licence, sources,
  editorial declarations, project and encoding description, revision history, and a citation.
  Notes inside the header have no list of footnotes to go to: they run in brackets.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:s="urn:edition:shell"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:mode name="about-text" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Editorial declarations by their element: decl.<name> in the catalogue. -->
  <xsl:function name="s:decl-label" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if (r:has-msg('decl.' || $name)) then r:msg('decl.' || $name) else $name"/>
  </xsl:function>

  <xsl:template match="TEI" mode="about-text" as="element()">
    <xsl:variable name="header" as="element()?" select="teiHeader"/>
    <xsl:variable name="multiple" as="xs:boolean" select="count(../TEI) gt 1"/>
    <section id="text-{@ed:stem}" class="about-text" aria-labelledby="text-{@ed:stem}-title">
      <h2 id="text-{@ed:stem}-title">
        <xsl:sequence select="r:title-lang-attributes(.)"/>
        <xsl:value-of select="r:title(.)"/>
        <xsl:sequence select="r:distinct-heading(.)"/>
      </h2>
      <xsl:for-each select="r:parallel-titles(.)">
        <p class="parallel-title" lang="{?lang}" dir="{(r:lang-dir(?lang), 'auto')[1]}">
          <xsl:value-of select="?title"/>
        </p>
      </xsl:for-each>
      <xsl:if test="exists(r:authors(.))">
        <p class="authors">
          <!-- the names in the language the header gives them (Антон Чехов) -->
          <xsl:for-each select="(teiHeader/fileDesc/titleStmt/author[1]
              /ancestor-or-self::*/@xml:lang)[last()] ! r:lang(.)[. ne r:ui-lang()]">
            <xsl:attribute name="lang" select="."/>
          </xsl:for-each>
          <xsl:value-of select="string-join(r:authors(.), '; ')"/>
        </p>
      </xsl:if>
      <xsl:if test="exists(r:editors(.))">
        <p class="editors"><xsl:value-of select="string-join(r:editors(.), '; ')
            || ' (' || r:msg(if (count(r:editors(.)) gt 1) then 'citation.editors'
            else 'citation.editor') || ')'"/></p>
      </xsl:if>
      <p><a href="{@ed:stem}.html"><xsl:value-of select="r:msg('about.read')"/></a></p>
      <xsl:call-template name="facts"/>
      <xsl:for-each select="$header/fileDesc/sourceDesc">
        <h3><xsl:value-of select="r:msg('about.source')"/></h3>
        <!-- a catalogue record's description is its reading page (manuscripts.xsl), and a
             transcription's page shows its manuscript's beside the text -->
        <xsl:variable name="on-page" as="xs:boolean"
            select="../../../text/(@ed:catalogue, @ed:described) = 'true'"/>
        <xsl:for-each select="* except (if ($on-page) then msDesc else ())">
          <xsl:choose>
            <xsl:when test="self::bibl or self::biblStruct or self::biblFull or self::listBibl">
              <xsl:apply-templates select="." mode="r:source"/>
            </xsl:when>
            <!-- a letter's correspondence description heads its reading page -->
            <xsl:when test="self::correspDesc"/>
            <xsl:otherwise>
              <xsl:apply-templates select="." mode="r:main">
                <xsl:with-param name="r:level" select="4" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:if test="$on-page and msDesc">
          <p><a href="{ancestor::TEI/@ed:stem}.html"><xsl:value-of select="r:msg('ms.record')"/></a></p>
        </xsl:if>
      </xsl:for-each>
      <!-- the hands of a transcribed source (profileDesc/handNotes), which its page names
           only in the titles of what each hand wrote -->
      <!-- (those of several handNotes in one list, numbered through: a second handNotes
           was a second heading, its first hand "Hand 1" again, probe 155) -->
      <xsl:for-each select="$header/profileDesc[handNotes/handNote]">
        <h3><xsl:value-of select="r:msg('ms.handDesc')"/></h3>
        <dl class="hands">
          <xsl:for-each select="handNotes/handNote">
            <!-- its scribe, else a number: an id ("hand_2") is no word for a reader -->
            <dt><xsl:value-of select="(r:scribe(.), r:hand-number(.))[1]"/></dt>
            <dd>
              <xsl:choose>
                <xsl:when test="p | ab | list">
                  <xsl:apply-templates select="*" mode="r:main"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:apply-templates mode="r:main">
                    <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                  </xsl:apply-templates>
                </xsl:otherwise>
              </xsl:choose>
            </dd>
          </xsl:for-each>
        </dl>
      </xsl:for-each>
      <!-- what the text is about, in its editors' words (profileDesc/abstract) -->
      <xsl:for-each select="$header/profileDesc/abstract[normalize-space()]">
        <h3><xsl:value-of select="r:msg('about.abstract')"/></h3>
        <xsl:choose>
          <xsl:when test="p | ab | list">
            <xsl:apply-templates select="*" mode="r:main"/>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:apply-templates mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates></p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="$multiple">
        <xsl:for-each select="$header/encodingDesc/projectDesc">
          <h3><xsl:value-of select="r:msg('about.project')"/></h3>
          <xsl:apply-templates select="*" mode="r:main"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:for-each select="$header/encodingDesc/editorialDecl[normalize-space()]">
        <h3><xsl:value-of select="r:msg('about.decl')"/></h3>
        <xsl:apply-templates select="p | ab" mode="r:main"/>
        <xsl:for-each select="* except (p | ab)">
          <h4><xsl:value-of select="s:decl-label(local-name())"/></h4>
          <xsl:apply-templates select="*" mode="r:main"/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:call-template name="encoding"/>
      <!-- the changes are the revisionDesc's own or those of its listChange (TEI's
           revisionDesc holds change+, listChange or a list; the Austrian dialect dictionary's
           articles list theirs in a listChange, which the page left out: probe 40) -->
      <xsl:for-each select="$header/revisionDesc[descendant::change]">
        <h3><xsl:value-of select="r:msg('about.revisions')"/></h3>
        <ul class="changes">
          <xsl:for-each select="descendant::change">
            <li>
              <!-- the date in words, as "Last revised" gives it (a value that is no date,
                   ELTeC's when="20211026", as written), and the colon only before words: a
                   change without them read "20211026: " (probe 19) -->
              <xsl:if test="@when">
                <xsl:variable name="iso" as="xs:boolean"
                    select="matches(@when, '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')"/>
                <xsl:element name="{if ($iso) then 'time' else 'span'}">
                  <xsl:if test="$iso">
                    <xsl:attribute name="datetime" select="@when"/>
                  </xsl:if>
                  <xsl:value-of select="if ($iso) then r:date-words(@when, true()) else @when"/>
                </xsl:element>
                <xsl:if test="normalize-space()">
                  <xsl:text>: </xsl:text>
                </xsl:if>
              </xsl:if>
              <xsl:apply-templates mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
              <!-- who made it (@who, by name as a note's @resp is named): a record's changes
                   were each by one of the team its header lists (probe 40) -->
              <xsl:variable name="who" as="xs:string*" select="r:pointed-names(., @who)[. != '']"/>
              <xsl:if test="exists($who)">
                <span class="change-who">
                  <xsl:value-of select="' — ' || string-join($who, ', ')"/>
                </span>
              </xsl:if>
              <!-- and the state the text was left in (att.docStatus: "finished", "external
                   correction", the WBÖ articles' stages, shown nowhere: probe 40), in the
                   encoder's words -->
              <xsl:for-each select="@status[normalize-space()]">
                <span class="change-status">
                  <xsl:value-of select="' (' || r:token-words(.) || ')'"/>
                </span>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:for-each>
      <h3><xsl:value-of select="r:msg('about.cite.text')"/></h3>
      <xsl:call-template name="s:citation">
        <xsl:with-param name="tei" select="."/>
        <xsl:with-param name="date" select="$date"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- A text's citation, each part set apart (bdi): a title written right to left keeps the
       date after it (probe 84: "5 .الغزالي والشعر December 2026."). -->
  <xsl:template name="s:citation" as="element()">
    <xsl:param name="tei" as="element()" required="yes"/>
    <xsl:param name="date" as="xs:string" required="yes"/>
    <!-- the title is the part after the authors, when there are any; in its language
         (probe 165: an Arabic title on an English page had no lang) -->
    <xsl:variable name="title-at" as="xs:integer"
        select="1 + count(string-join(r:authors($tei), '; ')[. != ''])"/>
    <p class="citation">
      <xsl:for-each select="r:citation-parts($tei, $date)">
        <xsl:if test="position() gt 1"><xsl:text>. </xsl:text></xsl:if>
        <bdi>
          <xsl:if test="position() eq $title-at">
            <xsl:sequence select="r:title-attributes($tei)"/>
          </xsl:if>
          <xsl:value-of select="."/>
        </bdi>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>

  <xsl:template name="facts" as="element()">
    <xsl:variable name="licence" as="element()?" select="r:licence(.)"/>
    <dl class="facts">
      <xsl:for-each select="teiHeader/fileDesc/editionStmt/edition[exists(r:edition-words(.))]">
        <dt><xsl:value-of select="r:msg('fact.edition')"/></dt>
        <dd><xsl:value-of select="r:edition-words(.)"/></dd>
      </xsl:for-each>
      <!-- who did what (respStmt of the title and edition statements, Guidelines 2.2.1-2):
           a catalogue record's cataloguers, a text's transcribers; the book's title page
           listed them, the web nowhere (probes 23 and 24) -->
      <xsl:for-each select="teiHeader/fileDesc/(titleStmt | editionStmt)/respStmt
          [r:resp-label(.) != ''][r:resp-names(.) != '']">
        <dt>
          <!-- the words of the source, in its language where it says another -->
          <xsl:for-each select="(resp/ancestor-or-self::*/@xml:lang)[last()]
              [r:lang(.) ne r:ui-lang()]">
            <xsl:attribute name="lang" select="r:lang(.)"/>
          </xsl:for-each>
          <xsl:value-of select="r:resp-label(.)"/>
        </dt>
        <dd><xsl:value-of select="r:resp-names(.)"/></dd>
      </xsl:for-each>
      <!-- when and where the text was made (profileDesc/creation): its words, else what the
           attributes of its date say -->
      <xsl:for-each select="teiHeader/profileDesc/creation">
        <xsl:variable name="words" as="xs:string" select="(r:plain(.)[. != ''],
            date[1] ! r:date-attribute-words(.), '')[1]"/>
        <xsl:if test="$words != ''">
          <dt><xsl:value-of select="r:msg('fact.creation')"/></dt>
          <dd><xsl:value-of select="$words"/></dd>
        </xsl:if>
      </xsl:for-each>
      <xsl:if test="exists(r:publisher(.))">
        <dt><xsl:value-of select="r:msg('fact.publisher')"/></dt>
        <dd><xsl:value-of select="r:publisher(.)"/></dd>
      </xsl:if>
      <!-- an ISO date in words, as the revision date below (probe 57: "Date 2026-12-06") -->
      <xsl:for-each select="r:publication-date(.)">
        <dt><xsl:value-of select="r:msg('fact.date')"/></dt>
        <dd>
          <xsl:choose>
            <!-- HTML's datetime takes no time zone ("2023-04-21-05:00", a valid xs:date) -->
            <xsl:when test="matches(., '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')">
              <time datetime="{.}"><xsl:value-of select="r:date-words(., true())"/></time>
            </xsl:when>
            <xsl:when test="r:is-iso-date(.)">
              <xsl:value-of select="r:date-words(., true())"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:for-each>
      <xsl:for-each select="r:revision-date(.)">
        <dt><xsl:value-of select="r:msg('text.revised')"/></dt>
        <dd><time datetime="{.}"><xsl:value-of select="r:date-words(., true())"/></time></dd>
      </xsl:for-each>
      <xsl:if test="exists(r:identifier(.))">
        <dt><xsl:value-of select="r:msg('fact.identifier')"/></dt>
        <dd>
          <xsl:variable name="id" as="xs:string" select="r:identifier(.)"/>
          <xsl:choose>
            <xsl:when test="matches($id, '^https?://')"><a href="{$id}"><xsl:value-of select="$id"/></a></xsl:when>
            <xsl:otherwise><code><xsl:value-of select="$id"/></code></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
      <!-- an availability that states its terms in words alone (IAph's "Creative Commons
           licence Attribution 4.0 (...)" in a p, no licence element) states them: "Licence:
           Not stated in the header" above them was false (probe 42); they follow as rights -->
      <xsl:variable name="statements" as="element()*"
          select="teiHeader/fileDesc/publicationStmt/availability/p[normalize-space()]"/>
      <xsl:variable name="in-words" as="xs:boolean" select="empty($licence) and exists($statements)"/>
      <!-- what the availability says beside its licence (the rights in the text itself, when
           the licence covers the encoding alone), in the header's order: probe 94, "the
           licence below" stood below the licence -->
      <xsl:variable name="rights" as="element()*">
        <xsl:for-each select="$statements">
          <dt><xsl:value-of select="r:msg('fact.rights')"/></dt>
          <dd><xsl:value-of select="r:plain(.)"/></dd>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="rights-first" as="xs:boolean"
          select="exists($licence) and exists($statements[1][. &lt;&lt; $licence])"/>
      <xsl:sequence select="$rights[$rights-first]"/>
      <xsl:if test="not($in-words)">
        <dt><xsl:value-of select="r:msg('fact.licence')"/></dt>
        <dd>
          <xsl:variable name="href" as="xs:string?" select="r:safe-url($licence/@target)"/>
          <xsl:choose>
            <xsl:when test="empty($licence)"><xsl:value-of select="r:msg('fact.no-licence')"/></xsl:when>
            <xsl:when test="exists($href)">
              <a href="{$href}">
                <xsl:if test="r:licenses-text($licence)"><xsl:attribute name="rel">license</xsl:attribute></xsl:if>
                <xsl:value-of select="if (normalize-space($licence)) then r:plain($licence) else $href"/>
              </a>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="r:plain($licence)"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
      <xsl:sequence select="$rights[not($rights-first)]"/>
      <dt><xsl:value-of select="r:msg('fact.page')"/></dt>
      <dd><a href="{@ed:stem}.html"><xsl:value-of select="@ed:stem || '.html'"/></a></dd>
    </dl>
  </xsl:template>

  <!-- What the encoding description says, in short, and where the full guide is. -->
  <xsl:template name="encoding" as="element()*">
    <xsl:variable name="encoding" as="element()?" select="teiHeader/encodingDesc"/>
    <xsl:variable name="keywords" as="element(term)*"
        select="teiHeader/profileDesc/textClass/keywords/term[r:plain(.) != '']"/>
    <xsl:variable name="languages" as="xs:string*"
        select="teiHeader/profileDesc/langUsage/language ! r:language-label(.)"/>
    <h3><xsl:value-of select="r:msg('about.encoding')"/></h3>
    <p>
      <!-- {1} is the encoding's version in brackets, or nothing (never left unfilled) -->
      <!-- a P4 file is read through a light conversion (pipeline/reshape.py): "TEI P5" was
           untrue of it (probe 19) -->
      <xsl:value-of select="r:msg(if (@ed:p4 = 'true') then 'about.encoding.tei-p4'
          else 'about.encoding.tei', (normalize-space($encoding/@n)[. != '']
          ! (' (' || . || ')'), '')[1])"/>
      <xsl:value-of select="' ' || r:msg('about.encoding.names')"/>
      <xsl:if test="$guide-url != '' and exists(r:safe-url($guide-url))">
        <!-- "See the {1}." with the link in place of {1} -->
        <xsl:variable name="see" as="xs:string*" select="tokenize(r:msg('about.guide'), '\{1\}')"/>
        <xsl:value-of select="' ' || $see[1]"/>
        <a href="{r:safe-url($guide-url)}"><xsl:value-of select="r:msg('about.guide.link')"/></a>
        <xsl:value-of select="$see[2]"/>
      </xsl:if>
    </p>
    <xsl:if test="exists($languages)">
      <p><xsl:value-of select="r:msg('about.languages', string-join($languages, '; '))"/></p>
    </xsl:if>
    <xsl:if test="exists($keywords)">
      <!-- "Keywords: {1}." with each term in place of {1}, a term in another language than
           the page's marked with it and its direction (a French name in an English list) -->
      <xsl:variable name="said" as="xs:string*" select="tokenize(r:msg('about.keywords'), '\{1\}')"/>
      <p>
        <xsl:value-of select="$said[1]"/>
        <xsl:for-each select="$keywords">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:variable name="lang" as="xs:string"
              select="(ancestor-or-self::*[@xml:lang][1]/@xml:lang ! r:lang(.), r:ui-lang())[1]"/>
          <xsl:variable name="dir" as="xs:string"
              select="(r:lang-dir($lang), r:script-dir(.//text()[normalize-space()]))[1]"/>
          <xsl:choose>
            <xsl:when test="$lang ne r:ui-lang() or $dir ne r:ui-dir()">
              <span lang="{$lang}">
                <xsl:if test="$dir ne r:ui-dir()">
                  <xsl:attribute name="dir" select="$dir"/>
                </xsl:if>
                <xsl:value-of select="r:plain(.)"/>
              </span>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="r:plain(.)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <!-- a last term with its own full stop (a library's subject heading, "ca.
             1600-1775.") takes no second one: "1600-1775.." before probe 23 -->
        <xsl:value-of select="if (matches(r:plain($keywords[last()]), '\.$'))
            then replace($said[2], '^\.', '') else $said[2]"/>
      </p>
    </xsl:if>
    <!-- the notation the lines' and stanzas' @met and @rhyme use (metDecl, Guidelines 6.4):
         its prose, and each symbol with what it stands for -->
    <xsl:for-each select="$encoding/metDecl[normalize-space() or metSym]">
      <h4><xsl:value-of select="r:msg('about.metdecl')"/></h4>
      <xsl:apply-templates select="* except metSym" mode="r:main"/>
      <xsl:if test="metSym">
        <dl class="metsym">
          <xsl:for-each select="metSym">
            <dt><code><xsl:value-of select="@value"/></code></dt>
            <dd>
              <xsl:apply-templates mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </dd>
          </xsl:for-each>
        </dl>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$encoding/tagsDecl/namespace[tagUsage]">
      <table class="tag-usage">
        <caption><xsl:value-of select="r:msg('about.tags')"/></caption>
        <thead><tr><th scope="col"><xsl:value-of select="r:msg('about.tags.element')"/></th>
          <th scope="col"><xsl:value-of select="r:msg('about.tags.count')"/></th></tr></thead>
        <tbody>
          <xsl:for-each select="tagUsage">
            <tr><td><code><xsl:value-of select="@gi"/></code></td><td><xsl:value-of select="@occurs"/></td></tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:for-each>
  </xsl:template>

  <!-- The recordings a transcription of speech was made from (recordingStmt, Guidelines
       8.2): "Recording (audio, 2 min): 4 May 2019", then whatever else each says (equipment,
       broadcast, responsibility). -->
  <xsl:template match="recordingStmt" mode="r:main" as="element()">
    <div class="recordings">
      <xsl:apply-templates select="*" mode="r:main"/>
    </div>
  </xsl:template>

  <xsl:template match="recordingStmt/recording" mode="r:main" as="element()">
    <xsl:variable name="facts" as="xs:string*" select="(@type ! r:words(.),
        (@dur, @dur-iso)[1] ! r:duration-words(.))"/>
    <p class="recording">
      <xsl:value-of select="r:msg('about.recording') || (if (exists($facts))
          then ' (' || string-join($facts, ', ') || ')' else '') || (if (*) then ':' else '')"/>
      <xsl:for-each select="*">
        <xsl:text> </xsl:text>
        <xsl:apply-templates select="." mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:for-each>
    </p>
  </xsl:template>

  <!-- Header notes run in brackets: the about page has no list of footnotes. -->
  <xsl:template match="teiHeader//note" mode="r:main" as="element()">
    <span class="note-inline">
      <xsl:call-template name="r:in-brackets"/>
    </span>
  </xsl:template>

</xsl:stylesheet>

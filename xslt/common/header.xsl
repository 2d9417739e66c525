<?xml version="1.0" encoding="UTF-8"?>
<!--
  The teiHeader as metadata (TEI Guidelines chapter 2, "The TEI Header"): title, authors and
  other agents, language, publication and revision dates, stable identifier, licence, series,
  and a citation, as plain values for page titles, <meta> elements, the home and about pages
  and the EPUB package. The header itself is never rendered in a reading page's body; its
  sources (sourceDesc) are formatted as labelled citations by sources.xsl.

  Names of agents (author, editor, respStmt) are their persName / name / orgName words only:
  an idno, date, note or affiliation inside them is data about the person, never part of the
  name ("William Shakespeare", not "William Shakespeare Q692").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="i18n.xsl"/>

  <!-- The words of a name: text, with name parts kept apart, without the data about the
       person that TEI allows inside author, editor and respStmt. -->
  <xsl:mode name="r:name-text" on-no-match="text-only-copy" on-multiple-match="fail"/>

  <xsl:template match="idno | date | note | affiliation | email | address | birth | death
      | ptr | bibl | listBibl | state | trait | residence | occupation | floruit"
      mode="r:name-text" as="empty-sequence()"/>

  <!-- "<forename>Ada</forename><surname>Lovelace</surname>" is two words. -->
  <xsl:template match="forename | surname | addName | genName | nameLink | roleName | persName
      | orgName | name" mode="r:name-text" as="xs:string*">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="r:name-text"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <xsl:function name="r:name-text" as="xs:string">
    <xsl:param name="e" as="element()?"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$e/node()" mode="r:name-text"/>
    </xsl:variable>
    <!-- the space set around a part is no space before the punctuation the source puts
         after it, nor after an opening bracket: "<surname>Birr</surname>, <forename>..." is
         "Birr, Christiane", not "Birr , Christiane" -->
    <xsl:sequence select="replace(replace(normalize-space(string-join($parts)),
        ' ([,;.:)\]])', '$1'), '([(\[]) ', '$1')"/>
  </xsl:function>

  <!-- The name of an agent (author, editor, respStmt/name ...): its persName, name or
       orgName (a regularised one first) when it has one, else its own words. -->
  <xsl:function name="r:agent-name" as="xs:string">
    <xsl:param name="agent" as="element()"/>
    <xsl:variable name="names" as="element()*" select="$agent/(persName | name | orgName)"/>
    <xsl:variable name="best" as="element()?" select="($names[@type = ('reg', 'main',
        'preferred', 'full')], $names[not(@type = ('variant', 'alt', 'orig', 'short'))],
        $names)[1]"/>
    <xsl:sequence select="r:name-text(($best, $agent)[1])"/>
  </xsl:function>

  <!-- A text's own title: a letter's or article's (level a), else the main title, else the
       first that names neither a subtitle nor what the text is part of (a series, or a
       volume or collection by its @type: every Dodis document's titleStmt opens with its
       volume's title, "When the Wall Came Down ...", and a Barth sermon's with "Predigten
       1915"; each text was titled by it). pipeline/builders/html.py text_title and
       index/entities.xsl ed:title choose alike. -->
  <!-- The language of a text's title as its markup says it: the nearest xml:lang around it
       (the title's own, the header's, the root's: Guidelines vi.1, xml:lang is inherited), or
       none. An English header of a Hebrew text (TEI xml:lang="en", text xml:lang="he") had
       its title marked Hebrew and set right to left, its full stop at the wrong end; an
       English teiHeader under a German root, German (probe 74). -->
  <xsl:function name="r:title-lang" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="r:title-element($tei)/ancestor-or-self::*[@xml:lang][1]/@xml:lang
        ! r:lang(.)"/>
  </xsl:function>

  <!-- A text's title on a page in the interface's language (the list of texts, its book's
       link, its citation on the about page): a title in another says which, with its
       direction (a Hebrew title in an English list). "Untitled text" is the interface's
       words: none of the text's (probe 32: it was marked Persian, right to left, in the
       list). -->
  <xsl:function name="r:title-attributes" as="attribute()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="lang" as="xs:string"
        select="(r:title-lang($tei), r:text-lang($tei))[1]"/>
    <xsl:variable name="dir" as="xs:string" select="(r:lang-dir($lang),
        r:script-dir(r:title-element($tei)//text()[normalize-space()]))[1]"/>
    <xsl:if test="exists(r:title-element($tei))">
      <xsl:if test="$lang ne r:ui-lang()">
        <xsl:attribute name="lang" select="$lang"/>
      </xsl:if>
      <xsl:if test="$dir ne r:ui-dir()">
        <xsl:attribute name="dir" select="$dir"/>
      </xsl:if>
    </xsl:if>
  </xsl:function>

  <xsl:function name="r:title-element" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element()*" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="($titles[@level = 'a'], $titles[@type = 'main'],
        $titles[not(@level = ('s', 'j', 'u'))]
            [not(@type = ('sub', 'desc', 'alt', 'short', 'volume', 'series', 'collection'))],
        $titles)[normalize-space()][1]"/>
  </xsl:function>

  <xsl:function name="r:title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="main" as="xs:string" select="r:plain(r:title-element($tei))"/>
    <xsl:sequence select="if ($main != '') then $main else r:msg('text.untitled')"/>
  </xsl:function>

  <!-- An edition statement's words (edition, Guidelines 2.2.2), else the number its @n
       gives it: <edition n="0.1"/> was an "Edition" with nothing after it (probe 177). -->
  <xsl:function name="r:edition-words" as="xs:string?">
    <xsl:param name="edition" as="element()"/>
    <xsl:sequence select="(r:plain($edition), normalize-space($edition/@n))[. != ''][1]"/>
  </xsl:function>

  <!-- The title as r:title gives it ($words), its parts in another language than the title's
       marked as such (lang and dir; xml:lang too in a book): a Syriac foreign inside an English
       title was said English in the heading (probe 171). Words of the title's own language
       are text, as the heading's were; a title with no such part is $words alone. -->
  <xsl:function name="r:title-nodes" as="node()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="words" as="xs:string"/>
    <xsl:param name="book" as="xs:boolean"/>
    <xsl:variable name="title" as="element()?" select="r:title-element($tei)"/>
    <xsl:variable name="own" as="xs:string" select="(($title/ancestor-or-self::*/@xml:lang)
        [last()] ! r:lang(.), r:text-lang($tei))[1]"/>
    <xsl:variable name="other" as="element()*"
        select="$title/*[@xml:lang][r:lang(@xml:lang) != $own][normalize-space()]"/>
    <xsl:choose>
      <xsl:when test="empty($other) or $words ne r:title($tei)">
        <xsl:value-of select="$words"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="parts" as="item()*" select="$title/node() ! (
            if (. intersect $other) then . else if (. instance of text())
            then replace(., '\s+', ' ') else if (. instance of element()) then r:plain(.)
            else ())"/>
        <xsl:for-each select="$parts">
          <xsl:choose>
            <xsl:when test=". instance of element()">
              <xsl:variable name="lang" as="xs:string" select="r:lang(@xml:lang)"/>
              <span lang="{$lang}" dir="{(r:lang-dir($lang), 'auto')[1]}">
                <xsl:if test="$book">
                  <xsl:attribute name="xml:lang" select="$lang"/>
                </xsl:if>
                <xsl:value-of select="r:plain(.)"/>
              </span>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="start" as="xs:string"
                  select="if (position() eq 1) then replace(., '^\s+', '') else string(.)"/>
              <xsl:value-of select="if (position() eq last()) then replace($start, '\s+$', '')
                  else $start"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="r:subtitle" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/teiHeader/fileDesc/titleStmt/title[@type = 'sub'])[1] ! r:plain(.)"/>
  </xsl:function>

  <!-- lang and dir for the title of a text named on a page in the interface's language,
       when the title is in another (the about page's headings and contents named a Russian
       play in an English page without saying so, probe 24; home.xsl marks its list alike). -->
  <xsl:function name="r:title-lang-attributes" as="attribute()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="lang" as="xs:string"
        select="(r:title-lang($tei), r:text-lang($tei))[1]"/>
    <!-- "Untitled text" is the interface's words, not the text's (probe 32) -->
    <xsl:if test="$lang ne r:ui-lang() and $lang ne 'und' and exists(r:title-element($tei))">
      <xsl:attribute name="lang" select="$lang"/>
      <xsl:variable name="dir" as="xs:string" select="(r:lang-dir($lang),
          r:script-dir(r:title-element($tei)//text()[normalize-space()]), 'ltr')[1]"/>
      <xsl:if test="$dir ne r:ui-dir()">
        <xsl:attribute name="dir" select="$dir"/>
      </xsl:if>
    </xsl:if>
  </xsl:function>

  <!-- The text's title in other languages (parallel titles: a title statement may give one
       title for each language, its xml:lang telling which, Guidelines 2.2.1): one string
       per language, its main title and subtitle as the statement orders them, with the
       language. RusDraCor's "Медведь" is "The Bear: A Joke in One Act" in English too; the
       page, the about page and the book gave the Russian title alone (probe 24). -->
  <xsl:function name="r:parallel-titles" as="map(xs:string, xs:string)*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="main" as="element()?" select="r:title-element($tei)"/>
    <xsl:variable name="lang" as="xs:string"
        select="($main/@xml:lang ! r:lang(.), r:text-lang($tei))[1]"/>
    <xsl:variable name="others" as="element()*" select="$tei/teiHeader/fileDesc/titleStmt
        /title[@xml:lang][r:lang(@xml:lang) ne $lang][not(@level = ('s', 'j', 'u'))]
        [not(@type = ('short', 'alt', 'volume', 'series', 'collection', 'desc'))]
        [normalize-space()]"/>
    <xsl:for-each-group select="$others" group-by="r:lang(@xml:lang)">
      <xsl:sequence select="map { 'lang': current-grouping-key(),
          'title': string-join(current-group() ! r:plain(.), ': ') }"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The titles two or more texts of a header records' corpus share (computed once, when a
       page of the records asks: a reading page never does). -->
  <xsl:variable name="r:shared-titles" as="map(xs:string, xs:boolean)">
    <xsl:map>
      <xsl:for-each-group select="/*/TEI" group-by="r:title(.)">
        <xsl:if test="count(current-group()) gt 1">
          <xsl:map-entry key="current-grouping-key()" select="true()"/>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <!-- After a title other texts of the edition share (probe 32: a sonnet bank's poems, each
       titled by the bank, their own titles their bodies' heads): the text's first heading,
       which tells it apart, when it says something else than the title. It is read from the
       header records of the home and about pages (pipeline/sources.py header_record copies
       it as ed:heading). -->
  <xsl:function name="r:distinct-heading" as="node()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="title" as="xs:string" select="r:title($tei)"/>
    <xsl:variable name="own" as="element()?" select="$tei/text/ed:heading/*[1]"/>
    <xsl:if test="exists($own) and r:plain($own) ne $title
        and map:contains($r:shared-titles, $title)">
      <xsl:text> — </xsl:text>
      <span class="text-own-title" dir="auto">
        <xsl:for-each select="$own/ancestor-or-self::*[@xml:lang][1]/@xml:lang ! r:lang(.)
            [. ne r:ui-lang()]">
          <xsl:attribute name="lang" select="."/>
        </xsl:for-each>
        <xsl:value-of select="r:plain($own)"/>
      </span>
    </xsl:if>
  </xsl:function>

  <!-- The series a text belongs to: a series title in the title statement (level s), else
       the series statement's title. -->
  <xsl:function name="r:series" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="file" as="element()?" select="$tei/teiHeader/fileDesc"/>
    <xsl:sequence select="($file/titleStmt/title[@level = 's'], $file/seriesStmt/title)
        [normalize-space()][1] ! r:plain(.)"/>
  </xsl:function>

  <!-- The text's authors: its title statement's, else those of the one source it is
       transcribed from (probe 32: a sonnet bank's poems name their poet in sourceDesc/bibl
       alone, and the lists, the citation and the book named no author). A sourceDesc
       citing several works (its sources, or literature) names no one author. pipeline/
       citation.py text_citation reads them alike. -->
  <xsl:function name="r:authors" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="own" as="xs:string*"
        select="$tei/teiHeader/fileDesc/titleStmt/author ! r:agent-names(.)[. != '']"/>
    <xsl:variable name="sources" as="element()*"
        select="$tei/teiHeader/fileDesc/sourceDesc/(bibl | biblStruct | biblFull)"/>
    <xsl:sequence select="if (exists($own) or count($sources) ne 1) then $own
        else r:source-authors($sources) ! r:agent-names(.)[. != '']"/>
  </xsl:function>

  <!-- The author elements of a source: a bibl's, a biblStruct's part's (else its
       monograph's), a biblFull's title statement's. -->
  <xsl:function name="r:source-authors" as="element()*">
    <xsl:param name="source" as="element()"/>
    <xsl:sequence select="if ($source/self::bibl) then $source/author
        else if ($source/self::biblFull) then $source/fileDesc/titleStmt/author
        else ($source/analytic[author][1]/author, $source/monogr[author][1]/author)[1]
            /../author"/>
  </xsl:function>

  <xsl:function name="r:editors" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/titleStmt/editor ! r:agent-names(.)[. != '']"/>
  </xsl:function>

  <!-- The people an author or editor element names: each of its plain persName or name
       children (an editor "of several such", Guidelines 2.2.1: the Schnitzler letters'
       <editor><name>Müller, Martin Anton</name><name>Susen, Gerd-Hermann</name>, whose
       second editor the page and the about page left out, probe 24); names in several
       languages or of several kinds are one person's. pipeline/citation.py names_of reads
       them alike. -->
  <xsl:function name="r:agent-names" as="xs:string*">
    <xsl:param name="agent" as="element()"/>
    <xsl:variable name="people" as="element()*" select="$agent/(persName | name)"/>
    <xsl:sequence select="if (count($people) gt 1 and empty($people/(@xml:lang | @type)))
        then $people ! r:name-text(.) else r:agent-name($agent)"/>
  </xsl:function>

  <!-- What a statement of responsibility says someone did: its resp elements, each with the
       year it names ("Cataloguer (1984)"), joined by "; " (a respStmt of two resp read
       "TemplateTEI Encoder" in the book, probe 23); capitalised, as a label. -->
  <xsl:function name="r:resp-label" as="xs:string">
    <xsl:param name="stmt" as="element(respStmt)"/>
    <xsl:variable name="label" as="xs:string" select="string-join($stmt/resp[normalize-space()]
        ! (normalize-space(string-join(.//text()[not(ancestor::note)], ''))
           || (@when[matches(., '^-?\d{4}')] ! (' (' || substring(., 1, 4) || ')'))), '; ')"/>
    <xsl:sequence select="upper-case(substring($label, 1, 1)) || substring($label, 2)"/>
  </xsl:function>

  <!-- Who a statement of responsibility names, joined by "; " (a name written "Müller,
       Martin" has a comma of its own). -->
  <xsl:function name="r:resp-names" as="xs:string">
    <xsl:param name="stmt" as="element(respStmt)"/>
    <xsl:sequence select="string-join(($stmt/(name | persName | orgName) ! r:name-text(.))
        [. != ''], '; ')"/>
  </xsl:function>

  <!-- The language of a text for the html element; "und" when the header does not say. -->
  <xsl:function name="r:text-lang" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(r:lang(r:declared-lang($tei)), 'und')[1]"/>
  </xsl:function>

  <xsl:function name="r:publication-date" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="date" as="element()?"
        select="$tei/teiHeader/fileDesc/publicationStmt/date[1]"/>
    <xsl:sequence select="($date/@when, $date[normalize-space()] ! normalize-space(.))[1] ! string(.)"/>
  </xsl:function>

  <!-- The text's own revision date: the latest ISO date of its revision history. It is the
       date the encoding last changed, not the date the edition was built. A date with a time
       zone counts ("2009-08-24+01:00"), one that is no date does not (probe 118: "Last
       revised 2009-14-01", a thirteenth month and more, was the latest). -->
  <xsl:function name="r:revision-date" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="dates" as="xs:string*" select="$tei/teiHeader/revisionDesc//change
        /(@when, date/@when)[matches(normalize-space(.),
        '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?([T ].*|Z|[+\-][0-9]{2}:[0-9]{2})?$')]
        ! replace(normalize-space(.), '([T ].*|Z|[+\-][0-9]{2}:[0-9]{2})$', '')
        [. castable as xs:date or . castable as xs:gYearMonth or . castable as xs:gYear]"/>
    <xsl:sequence select="if (exists($dates)) then sort($dates)[last()] else ()"/>
  </xsl:function>

  <!-- The stable identifier: a URI/DOI/URN idno of the publication statement. -->
  <xsl:function name="r:identifier" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="idnos" as="element()*"
        select="$tei/teiHeader/fileDesc/publicationStmt/idno[normalize-space()]"/>
    <!-- a project's own file or record name (filename, msID ...) is no identifier a reader
         can use -->
    <xsl:sequence select="($idnos[lower-case(@type) = ('uri', 'url', 'doi', 'urn', 'handle')],
        $idnos[not(matches(@type, '^(file ?name|msid|collection|catalogue|internal|local)$|hybrid',
            'i'))])[1] ! normalize-space(.)"/>
  </xsl:function>

  <xsl:function name="r:licence" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <!-- a licence of no words and no address (a template's comment, "Licensing statement to
         come") is none: the about page showed an empty "Licence" (probe 23) -->
    <xsl:sequence select="($tei/teiHeader/fileDesc/publicationStmt/availability//licence
        [normalize-space() or normalize-space(@target)])[1]"/>
  </xsl:function>

  <!-- Whether a licence's address licenses the text, so machines may read it as its licence
       (rel="license"): not when the availability's status is restricted, nor when a status
       of unknown says more than the licence beside it (the licence of the encoding alone);
       pipeline/citation.py's licence_of decides alike for the JSON-LD. -->
  <xsl:function name="r:licenses-text" as="xs:boolean">
    <xsl:param name="licence" as="element()"/>
    <xsl:variable name="availability" as="element()?" select="$licence/ancestor::availability[1]"/>
    <xsl:variable name="status" as="xs:string" select="normalize-space($availability/@status)"/>
    <xsl:sequence select="not($status = 'restricted' or ($status = 'unknown'
        and exists($availability/(p | ab)[normalize-space()])))"/>
  </xsl:function>

  <!-- The publisher: its name, or the names of the bodies it is made of, in their order
       ("Special Collections, Bodleian Libraries, University of Oxford"), never run together. -->
  <xsl:function name="r:publisher" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="agent" as="element()?" select="($tei/teiHeader/fileDesc/publicationStmt
        /(publisher | distributor | authority))[1]"/>
    <xsl:variable name="bodies" as="element()*" select="$agent/orgName[normalize-space()]
        [not(@type = ('variant', 'alt', 'orig', 'short', 'abbr'))]"/>
    <!-- without the separator a library catalogue writes after it ("Text Creation
         Partnership,", r:unpunctuated) -->
    <xsl:sequence select="if (count($bodies) gt 1)
        then string-join($bodies ! r:name-text(.), r:comma($agent,
            string-join($bodies ! r:name-text(.), ' ')))
        else $agent ! r:agent-name(.) ! r:unpunctuated(.)"/>
  </xsl:function>

  <!-- "Authors. Title. Editors, eds. Publisher, date. Identifier." with what the header has;
       the date is the publication date, else the text's revision date, else $fallback-date,
       in words when it is an ISO date (probe 57: "Project, 2026-12-06", and no editors, where
       the page's own citation named them). -->
  <xsl:function name="r:citation" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="fallback-date" as="xs:string"/>
    <xsl:sequence select="string-join(r:citation-parts($tei, $fallback-date), '. ') || '.'"/>
  </xsl:function>

  <!-- The parts of a text's citation (authors, title, editors, imprint, identifier), each
       without its full stop: a page sets each apart, so that a title written right to left
       keeps the date after it (probe 84: "5 .الغزالي والشعر December 2026."). -->
  <xsl:function name="r:citation-parts" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="fallback-date" as="xs:string"/>
    <xsl:variable name="authors" as="xs:string?"
        select="string-join(r:authors($tei), '; ')[. != '']"/>
    <xsl:variable name="editors" as="xs:string*" select="r:editors($tei)"/>
    <xsl:variable name="edited" as="xs:string?" select="if (empty($editors)) then ()
        else string-join($editors, ', ') || ', '
            || r:msg(if (count($editors) gt 1) then 'citation.editors' else 'citation.editor')"/>
    <xsl:variable name="date" as="xs:string?" select="(r:publication-date($tei),
        r:revision-date($tei), $fallback-date)[. != ''][1]
        ! (if (r:is-iso-date(.)) then r:date-words(., true()) else .)"/>
    <xsl:variable name="imprint" as="xs:string?"
        select="string-join((r:publisher($tei), $date), ', ')[. != '']"/>
    <xsl:sequence select="($authors, r:title($tei), $edited, $imprint, r:identifier($tei))
        ! replace(., '\.$', '')"/>
  </xsl:function>

</xsl:stylesheet>

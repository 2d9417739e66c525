<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level TEI: highlighting (hi and its @rend; @style renditions become classes in
  base.xsl), emphasis, foreign words (with lang), titles, terms, mentioned words and other
  phrases. The transcription and editorial elements (choice, add, del, gap, lb, pb ...) are in
  transcription.xsl, the apparatus (app, lem, rdg) in apparatus.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>

  <!-- @rend token -> HTML element, when the whole @rend is that one token. -->
  <xsl:variable name="r:rend-elements" as="map(xs:string, xs:string)" select="map {
      'italic': 'i', 'italics': 'i', 'i': 'i', 'bold': 'b', 'b': 'b', 'sup': 'sup',
      'super': 'sup', 'superscript': 'sup', 'sub': 'sub', 'subscript': 'sub', 'underline': 'u',
      'u': 'u', 'strikethrough': 's', 'strike': 's'}"/>

  <xsl:template match="hi" mode="r:main" as="element()">
    <xsl:variable name="rend" as="xs:string" select="lower-case(normalize-space(@rend))"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element"
          select="if (map:contains($r:rend-elements, $rend)) then $r:rend-elements($rend)
                  else 'span'" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
      <!-- a hi that says nothing of how it is distinct (no @rend, @rendition, @style) is
           still set off from its text: in italics, as printed emphasis usually is -->
      <xsl:with-param name="class" select="if (empty(@rend | @rendition | @style)) then 'hi hi-plain'
          else 'hi'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="emph" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'em'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="foreign | mentioned" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'i'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="title" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="if (@level = ('a', 'u')) then 'span' else 'cite'"/>
      <xsl:with-param name="class" select="'title' || (@level ! (' title-' || r:token-class('level', .)))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="term | gloss | soCalled | distinct | num
      | measure | time | roleName | forename | surname | addName | genName | nameLink
      | affiliation | street | postCode | postBox | email | author
      | editor | publisher | pubPlace | distributor | authority | idno | edition
      | extent | series | respStmt | resp | unit
      | country | region | settlement | district | bloc | geog | desc | geo
      | location | ellipsis | metSym | offset"
      mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
      <!-- "translated by" and the name after it, with nothing between them in the source -->
      <xsl:with-param name="fields" select="if (self::respStmt) then r:fields-separator(.) else ()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A DOI or a web address given as an identifier of a work (idno type="DOI", "URI") leads
       where it resolves (probe 54: a biblStruct's DOI was words to copy by hand); inside a
       link, or of another form, it stays words. -->
  <xsl:template match="idno[not(*)][r:idno-href(.) != '']" mode="r:main" as="node()+"
      priority="1">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:in-link">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:word-space"/>
        <a href="{r:idno-href(.)}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'idno'"/>
          </xsl:call-template>
          <xsl:value-of select="."/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="r:idno-href" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space($idno/@type))"/>
    <xsl:variable name="value" as="xs:string" select="normalize-space($idno)"/>
    <xsl:sequence select="if ($type = 'doi' and matches($value, '^(doi:\s*)?10\.\d{4,9}/\S+$', 'i'))
          then 'https://doi.org/' || encode-for-uri(replace($value, '^doi:\s*', '', 'i'))
            ! replace(., '%2F', '/')
        else if ($type = ('doi', 'uri', 'url', 'handle', 'hdl', 'ark')
            and matches($value, '^https?://[^\s&lt;&gt;&quot;]+$')) then $value
        else ''"/>
  </xsl:function>

  <!-- Coordinates written against the words before them (I.Sicily's "on the pavement ... of
       the agora<geo>37.998054, 14.262639</geo>" in a provenance) are set apart from them: the
       page read "agora37.998054" (probe 42). -->
  <xsl:template match="geo[r:ptr-glued(preceding-sibling::node()[1], true())]" mode="r:main"
      as="node()+" priority="1">
    <xsl:text> </xsl:text>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="'geo'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="gb | anchor" mode="r:main" as="node()*">
    <xsl:if test="self::gb and r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:if test="@xml:id or node()">
      <!-- empty by definition, but a span of text wrapped in one keeps its words -->
      <span class="{local-name()}">
        <xsl:if test="@xml:id">
          <xsl:attribute name="id" select="@xml:id"/>
        </xsl:if>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- Code and the names of markup (TEI Guidelines 22.1, "Phrase Level Terms"): what a text
       about encoding quotes, written as a reader of markup expects: <gi>p</gi> as <p>,
       <att>rend</att> as @rend, <val>x</val> as "x", <tag type="end">p</tag> as </p>. -->
  <xsl:template match="code | ident | gi | att | val | tag" mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:variable name="words" as="xs:string" select="string(.)"/>
    <code>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="self::gi">
          <xsl:value-of select="'&lt;' || $words || '&gt;'"/>
        </xsl:when>
        <xsl:when test="self::att">
          <xsl:value-of select="'@' || $words"/>
        </xsl:when>
        <xsl:when test="self::val">
          <xsl:value-of select="'&quot;' || $words || '&quot;'"/>
        </xsl:when>
        <xsl:when test="self::tag">
          <xsl:value-of select="let $t := string(@type) return
              if ($t = 'end') then '&lt;/' || $words || '&gt;'
              else if ($t = 'empty') then '&lt;' || $words || '/&gt;'
              else if ($t = 'pi') then '&lt;?' || $words || '?&gt;'
              else if ($t = 'comment') then '&lt;!--' || $words || '--&gt;'
              else if ($t = 'ms') then '&lt;![CDATA[' || $words || ']]&gt;'
              else '&lt;' || $words || '&gt;'"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$words"/>
        </xsl:otherwise>
      </xsl:choose>
    </code>
  </xsl:template>

  <!-- A specification described in a text about the encoding (specDesc, Guidelines 22.1.2):
       the element it names, then the attributes it lists ("<gap>: @reason, @extent"); a
       list of them (specList) one after the other, separated by semicolons. -->
  <xsl:template match="specList" mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'specList'"/>
      </xsl:call-template>
      <xsl:for-each select="specDesc">
        <xsl:if test="position() gt 1">
          <xsl:text>; </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="r:main"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="specDesc" mode="r:main" as="element()">
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'specDesc'"/>
      </xsl:call-template>
      <code class="gi"><xsl:value-of select="'&lt;' || normalize-space(@key) || '&gt;'"/></code>
      <xsl:for-each select="tokenize(normalize-space(@atts))">
        <xsl:value-of select="if (position() = 1) then ': ' else ', '"/>
        <code class="att"><xsl:value-of select="'@' || ."/></code>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- An index entry (TEI 3.9.2) marks the place a subject is discussed: its terms are the
       index's words, not the text's, so only its id stands here, the anchor the subject
       index links to (the normalisation stage gives every entry of the text one). -->
  <xsl:template match="index[@xml:id]" mode="r:main" as="element()">
    <span class="index-anchor" id="{@xml:id}"></span>
  </xsl:template>

  <!-- index, alt and link groups are metadata about the text, not text. So are an interp and
       a span standing alone (Guidelines 17.3, model.global.meta: an interpretation of the
       passage, a trial's "male" inside a defendant's name): probe 133, an Old Bailey trial
       read "Joseph Kempstermale" on the page, in the book and in the index (a tier's span
       in a block of a transcription is its words: spoken.xsl). -->
  <!-- (and a substJoin, 11.3.1.5: which parts of a text make one substitution, probe 139) -->
  <xsl:template match="index | alt | altGrp | link | linkGrp | join | joinGrp | timeline
      | certainty | precision | respons | interpGrp | spanGrp | fs | fLib | fvLib
      | interp | span | substJoin" mode="r:main" as="empty-sequence()"/>
  <!-- (one with an id a pointer may name stays its place, as an index entry does: probe 135,
       a ref at an interp lost its link on the page and led nowhere in the book) -->
  <!-- (and the ids inside it: an interp of an interpGrp, probe 137) -->
  <!-- (and of the links, joins and alternations between places of the text, a substJoin:
       probe 143, a ref at one lost its link on the page and led nowhere in the book) -->
  <xsl:template match="(interp | span | interpGrp | spanGrp | substJoin | join | joinGrp | link
      | linkGrp | alt | altGrp)[descendant-or-self::*/@xml:id]" mode="r:main" as="element()+">
    <xsl:for-each select="descendant-or-self::*[@xml:id]">
      <span class="anchor-only" id="{@xml:id}"></span>
    </xsl:for-each>
  </xsl:template>

  <!-- Ruby (TEI 3.4.4, ruby, rb, rt): HTML's own; the base is the ruby's text itself, as HTML
       no longer has rb. A gloss below its base is placed by its ruby's class: Chromium reads
       ruby-position on the ruby, not on the rt (it drew such a gloss above). -->
  <xsl:template match="ruby" mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'ruby'"/>
      <xsl:with-param name="class"
          select="string-join(('ruby', ('ruby-below')[exists(current()/rt[r:rt-below(.)])]), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="rb" mode="r:main" as="node()*">
    <xsl:apply-templates mode="r:main">
      <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A gloss above and one below one base (rt/@place, Japanese readings over a word and
       its meaning under it): HTML pairs a ruby's second rt with a base that is not there, so
       the two were drawn side by side (probe 9); the inner ruby holds the base and the
       glosses above, the outer one the glosses below (HTML's double-sided ruby). -->
  <xsl:template match="ruby[rt[r:rt-below(.)]][rt[not(r:rt-below(.))]]" mode="r:main"
      as="node()+">
    <xsl:call-template name="r:word-space"/>
    <ruby>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'ruby ruby-below'"/>
      </xsl:call-template>
      <ruby class="ruby">
        <xsl:apply-templates select="node() except rt[r:rt-below(.)]" mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </ruby>
      <xsl:apply-templates select="rt[r:rt-below(.)]" mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </ruby>
  </xsl:template>

  <xsl:function name="r:rt-below" as="xs:boolean">
    <xsl:param name="rt" as="element()"/>
    <xsl:sequence select="normalize-space($rt/@place) = ('below', 'under')"/>
  </xsl:function>

  <!-- A gloss in parentheses (rp) where ruby is not drawn (a reader without it, a copy), and
       out of the search index: the base is found as a word ("樟木", not "樟木くすのき"). A gloss
       placed below its base (@place="below") is drawn there. -->
  <xsl:template match="rt" mode="r:main" as="element()+">
    <rp>(</rp>
    <rt>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="string-join(('rt',
            ('rt-below')[r:rt-below(current())]), ' ')"/>
      </xsl:call-template>
      <xsl:attribute name="data-pagefind-ignore" select="''"/>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </rt>
    <rp>)</rp>
  </xsl:template>

  <!-- A character or glyph the text declares (TEI 5, g): its content when it has some, else
       the character its declaration maps it to (the standard mapping first; a private-use
       code point, which no font a reader has will show, only when nothing else names it),
       else the declared name in brackets; the name is the title. A declaration with a
       diplomatic mapping beside the normalised one shows each in its view ("quoꝝ" in the
       diplomatic view, "quorum" in the reading view). A glyph declared in another file
       (ref="chars.xml#yogh") is named by its id. -->
  <!-- r:glyph-decl, r:glyph-shown and r:glyph-symbol are in reading.xsl, which the index
       reads its words with too. -->

  <!-- Plain text: a g without words reads as it maps; in the source's side of a choice (a
       title naming an abbreviation, "quoꝝ") by its diplomatic mapping when it has one. -->
  <xsl:template match="g[not(string(.))]" mode="r:plain" as="xs:string?">
    <xsl:variable name="decl" as="element()?" select="r:glyph-decl(.)"/>
    <xsl:sequence select="((if (ancestor::abbr or ancestor::orig or ancestor::sic)
        then $decl/mapping[@type = 'diplomatic'][string(.) != ''] else (),
        r:glyph-shown($decl))[1] ! string(.), r:glyph-symbol(.))[1]"/>
  </xsl:template>

  <xsl:template match="g" mode="r:main" as="element()">
    <xsl:variable name="decl" as="element()?" select="r:glyph-decl(.)"/>
    <!-- without a declaration, the glyph's @type ("slanting-stroke") names it -->
    <xsl:variable name="name" as="xs:string?" select="(($decl/(glyphName | charName),
        $decl/localProp[@name = 'name']/@value, $decl/desc)[normalize-space()] ! normalize-space(.),
        @type[normalize-space()] ! r:token-words(.),
        (if (empty($decl)) then substring-after(normalize-space(@ref), '#')[. != '']
            ! r:token-words(.) else ()))[1]"/>
    <xsl:variable name="shown" as="element()?" select="r:glyph-shown($decl)"/>
    <xsl:variable name="diplomatic" as="element()?" select="$decl/mapping[@type = 'diplomatic']
        [string(.) != ''][string(.) != string($shown)][1]"/>
    <span>
      <xsl:call-template name="r:attributes">
        <!-- 'g-decl': the character shown is the declaration's, not the source's -->
        <xsl:with-param name="class" select="if (string(.) != '') then 'g' else 'g g-decl'"/>
      </xsl:call-template>
      <xsl:if test="exists($name)">
        <xsl:attribute name="title" select="$name"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="string(.) != ''">
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:when test="exists($diplomatic)">
          <span class="ed-read"><xsl:value-of select="$shown"/></span>
          <span class="ed-dipl">
            <xsl:if test="not($r:views)">
              <xsl:attribute name="hidden" select="'hidden'"/>
            </xsl:if>
            <xsl:value-of select="$diplomatic"/>
          </span>
        </xsl:when>
        <xsl:when test="exists($shown)">
          <xsl:value-of select="$shown"/>
        </xsl:when>
        <xsl:when test="exists(r:glyph-symbol(.))">
          <xsl:value-of select="r:glyph-symbol(.)"/>
        </xsl:when>
        <xsl:when test="exists($name)">
          <xsl:value-of select="'[' || $name || ']'"/>
        </xsl:when>
      </xsl:choose>
    </span>
  </xsl:template>

</xsl:stylesheet>

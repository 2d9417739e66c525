<?xml version="1.0" encoding="UTF-8"?>
<!--
  Bibliography and links: bibl, biblStruct and their parts, ref and ptr. A link target passes
  the URL allow-list of base.xsl (http, https, mailto, relative; "file.xml#id" becomes the
  reading page of that text); a target that fails it renders as plain text, the words kept.
  Lists of bibliographic items (listBibl) are lists (blocks.xsl).
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

  <xsl:template match="bibl | biblStruct | biblFull | analytic | monogr | imprint | series
      | relatedItem" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <!-- A reference that holds a list of others (sourceDesc/bibl/relatedItem/listBibl)
           is a block of blocks: a p could not hold the list. -->
      <xsl:when test="not($r:phrasing) and not(r:is-inline(.))
          and exists((listBibl | relatedItem)/(listBibl | bibl | biblStruct) | listBibl)">
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'div'"/>
          <xsl:with-param name="class" select="local-name()"/>
          <xsl:with-param name="fields" select="r:fields-separator(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="not($r:phrasing) and self::relatedItem and exists(listBibl | bibl)">
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'div'"/>
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$r:phrasing or r:is-inline(.) or not(self::bibl or self::biblStruct)">
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="local-name()"/>
          <xsl:with-param name="fields" select="r:fields-separator(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'p'"/>
          <xsl:with-param name="class" select="local-name()"/>
          <xsl:with-param name="fields" select="r:fields-separator(.)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The source of a quotation run into its sentence (cit: a quote and "a bibliographic
       reference to its source", Guidelines 3.3.3) stands apart from the quoted words, in
       parentheses, the editor's signs (out of the search index): written against the quote,
       as encoders do, it read "All the world's a stageAs You Like It 2.7" (probe 50). One
       the source already brackets keeps its own brackets. A block citation (an epigraph, a
       blockquote) sets its source on a line of its own and is left as it is. A source given by
       a pointer (ptr, ref: Guidelines 3.3.3 allow them in cit) is one too (probe 54:
       "pleasuresFrancis Bacon 1625"). -->
  <xsl:template match="(bibl | biblStruct | ptr | ref)[r:is-cit-source(.)]" mode="r:main"
      as="node()+" priority="3">
    <xsl:call-template name="r:cit-source">
      <xsl:with-param name="content" as="node()*"><xsl:next-match/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Whether $e is the source of a quotation: in a cit, right after its quote. -->
  <xsl:function name="r:is-cit-source" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[parent::cit]
        [preceding-sibling::node()[not(self::text()[not(normalize-space())])][1]
          [self::quote or self::q]])"/>
  </xsl:function>

  <!-- A quotation's source as $content renders it, set apart (the book's pointers are its
       own templates: epub/modules/links.xsl calls this too). -->
  <xsl:template name="r:cit-source" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="bracketed" as="xs:boolean"
        select="matches(normalize-space(.), '^[(\[].*[)\]]$')"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing">
        <xsl:if test="not(preceding-sibling::node()[1][self::text()])">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="not($bracketed)">
          <span class="sign" data-pagefind-ignore="">(</span>
        </xsl:if>
        <xsl:sequence select="$content"/>
        <xsl:if test="not($bracketed)">
          <span class="sign" data-pagefind-ignore="">)</span>
        </xsl:if>
      </xsl:when>
      <!-- a pointer, a phrase, is set on its line as a bibl is (it ran on after the quote's
           last words in a copy: "garden.Francis Bacon") -->
      <xsl:when test="self::ptr or self::ref">
        <p class="bibl"><xsl:sequence select="$content"/></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$content"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A short reference in running words that points at its full entry (bibl is att.canonical:
       @ref locates "a full definition or identity"; probe 29, a commentary's "According to
       <bibl ref="#lettich1983">Lettich</bibl>" beside the bibliography's entry lettich1983)
       leads to that entry when it is an element of this document's text; its words were plain. A
       target elsewhere, or none, keeps the words unlinked (no link to a page not there). -->
  <!-- A short reference at a work of a bibliography kept in a file of its own (ref or
       corresp="biblio.xml#lettich1983") leads to the work on the bibliography page. -->
  <xsl:template match="bibl[@ref] | bibl[@corresp]" mode="r:main"
      as="element()+" priority="2">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="ref" as="xs:string" select="normalize-space(@ref)"/>
    <xsl:variable name="target" as="element()?" select="if (matches($ref, '^#[^\s#]+$'))
        then key('r:entry', substring($ref, 2), root(.))[1] else ()"/>
    <xsl:variable name="work" as="xs:string*" select="(@ref, @corresp)
        ! r:pointed-entry(.)[local-name() = $r:work-kinds] ! r:entry-href(.)"/>
    <xsl:choose>
      <xsl:when test="exists($work) and not($r:in-link) and ($r:phrasing or r:is-inline(.))
          and empty(.//(ref | ptr))">
        <a class="bibl-ref" href="{$work[1]}">
          <xsl:next-match>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:next-match>
        </a>
        <xsl:call-template name="r:work-card-button"/>
      </xsl:when>
      <!-- both in the text: the header is shown on the about page, the text on its own -->
      <xsl:when test="exists($target/ancestor::text) and exists(ancestor::text)
          and not($target is .) and not($r:in-link)
          and ($r:phrasing or r:is-inline(.)) and empty(.//(ref | ptr))">
        <a class="bibl-ref" href="{r:target-href(@ref)}">
          <xsl:next-match>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:next-match>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A structured reference (biblStruct, its analytic, monogr, imprint and series, or a bibl
       of fields alone) has nothing between its fields in the source: written one after the
       other, "Jones" "Structtitle" "Pub" would read "JonesStructtitlePub". Its fields are
       kept as encoded and in their order, with the punctuation of a citation between them:
       ". " between the parts of a biblStruct, ", " between fields ("، " in Arabic script:
       r:comma). A reference with words of its own between its fields is written as it is
       (empty sequence). The loci of a locusGrp are listed so too, "ff. 2r–9v, ff. 1r–1v":
       they ran together, "ff. 2r–9vff. 1r–1v" (probe 35, manuscripta.se's items written on
       leaves out of order). -->
  <xsl:function name="r:fields-separator" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (empty($e/*) or exists($e/text()[normalize-space()])) then ()
        else if ($e/self::biblStruct) then '. '
        else if ($e[self::bibl or self::analytic or self::monogr or self::imprint
            or self::series or self::msIdentifier or self::relatedItem]) then r:comma($e)
        else if ($e/self::respStmt) then ' '
        else if ($e/self::locusGrp) then r:comma($e)
        else ()"/>
  </xsl:function>

  <!-- An editor or a translator among a structured reference's fields says so ("Roe, Mary
       (ed.)"): between the authors they read as authors. -->
  <xsl:template match="editor[..[r:fields-separator(.)]][normalize-space()]" mode="r:main"
      as="element()">
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'editor'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:text> </xsl:text>
      <span class="editor-role">
        <xsl:value-of select="'(' || r:msg(if (r:translator(.)) then 'citation.translator'
            else 'citation.editor') || ')'"/>
      </span>
    </span>
  </xsl:template>

  <xsl:function name="r:scope-key" as="xs:string?">
    <xsl:param name="scope" as="element()"/>
    <!-- the scope's words, or what its attributes say when it has none ("1–4") -->
    <xsl:param name="words" as="xs:string"/>
    <xsl:variable name="unit" as="xs:string"
        select="lower-case(normalize-space(($scope/@unit, $scope/@type)[normalize-space()][1]))"/>
    <xsl:variable name="before" as="xs:string"
        select="string($scope/preceding-sibling::node()[1][self::text()])"/>
    <xsl:variable name="labelled" as="xs:boolean" select="matches($before,
        '(^|[^\p{L}])(\p{L}{1,5}\.|pages?|seiten?|heft|band|volume|issue|number)\s*$', 'i')"/>
    <xsl:sequence select="
        if (matches($words, '^\p{L}') or $words = '' or $labelled) then ()
        else if ($unit = ('volume', 'vol', 'tome')) then 'bibl.volume'
        else if ($unit = ('issue', 'number', 'no', 'num')) then 'bibl.issue'
        else if ($unit = ('page', 'pages', 'pp', 'p')) then (if (matches($words, '\d\s*[-–—]\s*\d'))
          then 'bibl.pages' else 'bibl.page')
        else if ($unit = ('chapter', 'chap', 'ch')) then 'bibl.chapter'
        else ()"/>
  </xsl:function>

  <!-- What a scope without words of its own counts: its range (att.citing's @from and @to),
       else its number (@n). -->
  <xsl:function name="r:scope-range" as="xs:string">
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="range" as="xs:string" select="string-join(distinct-values(
        ($scope/@from, $scope/@to) ! normalize-space(.)[. != '']), '–')"/>
    <xsl:sequence select="if ($range != '') then $range else normalize-space($scope/@n)"/>
  </xsl:function>

  <!-- A scope of a reference (biblScope, citedRange) says what it counts by @unit: "vol. 7",
       "no. 2", "pp. 12–34" in the interface's words, unless its words say it already
       ("pp. 12-34", "Band 3"), or the words written just before it do (a bibl's "pp. <biblScope
       unit="page">224–253</biblScope>", a Yiddish "ז. 1–64": "pp. pp. 224–253" before probe
       15). A scope given by its attributes alone (att.citing: a catalogue's <citedRange
       unit="page" from="79" to="85"/>) reads from them, "pp. 79–85", as the citation line
       does (sources.xsl); it showed nothing, and a catalogue's references lost their pages
       (probe 35). -->
  <xsl:template match="biblScope | citedRange" mode="r:main" as="node()+">
    <!-- the range its attributes give, when it has no words of its own -->
    <xsl:variable name="range" as="xs:string" select="if (normalize-space(.) != '' or exists(*))
        then '' else r:scope-range(.)"/>
    <!-- @type is the unit's older name (deprecated in P5 2.5, in the Whitman Archive's
         letters: <biblScope type="volume">4</biblScope>, read "4, 52" before probe 18) -->
    <xsl:variable name="key" as="xs:string?"
        select="r:scope-key(., if ($range != '') then $range else normalize-space(.))"/>
    <xsl:call-template name="r:word-space"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="exists($key)">
          <!-- the words around {1} in the interface's message, the scope's own nodes in it -->
          <xsl:variable name="message" as="xs:string" select="r:msg($key, '&#xE000;')"/>
          <xsl:for-each select="substring-before($message, '&#xE000;')[. != '']">
            <span class="scope-unit"><xsl:value-of select="."/></span>
          </xsl:for-each>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:value-of select="$range"/>
          <xsl:for-each select="substring-after($message, '&#xE000;')[. != '']">
            <span class="scope-unit"><xsl:value-of select="."/></span>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <!-- a unit the interface has no words for is named as written ("column 157C") -->
          <xsl:value-of select="string-join((normalize-space((@unit, @type)[1])[$range != ''],
              $range)[. != ''], ' ')"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template match="ref" mode="r:main" as="element()+">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="href" as="xs:string?" select="r:pointer-href(@target)"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not($r:in-link)">
        <!-- a ref without words says what a ptr says (the element's heading or number, an
             entry's name, a text's title), as the book does, else the address (probe 125:
             the page read "#handNote2" where the book read the hand's note) -->
        <xsl:variable name="shown" as="xs:string" select="if (not(normalize-space()) and empty(*))
            then r:pointer-words(., $href) else normalize-space()"/>
        <a href="{$href}">
          <!-- shows-url: the words are the address itself; a printout adds it to no other -->
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'ref' || (if ($shown = $href
                or $shown = replace($href, '^[a-z]+://', '')) then ' shows-url' else '')"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <!-- a ref without words shows where it goes, as a ptr does: never an empty link -->
          <xsl:if test="not(normalize-space()) and empty(*)">
            <span class="{if ($shown = $href) then 'ref-url' else 'ref-words'}">
              <xsl:value-of select="$shown"/>
            </span>
          </xsl:if>
        </a>
        <xsl:call-template name="r:work-card-button"/>
      </xsl:when>
      <!-- a ref without words that leads nowhere the edition publishes says what it
           pointed at, as a ptr does: its label (@n), else its target, unlinked. IAph's
           commentary lists related inscriptions as <ref type="inscription" n="1122"
           target="iAph010005"/>: the page read "of Aphrodite: , , , , ." (probe 42). -->
      <xsl:when test="not(normalize-space()) and empty(*)
          and (normalize-space(@n) or exists(r:safe-url(@target)) or r:private-uri(@target))">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'ref unresolved'"/>
          </xsl:call-template>
          <xsl:value-of select="(normalize-space(@n)[. != ''],
              tokenize(normalize-space(@target))[1])[1]"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="'ref'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ptr has no text: the link shows its own target. -->
  <xsl:template match="ptr" mode="r:main" as="node()*">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="href" as="xs:string?" select="r:pointer-href(@target)"/>
    <!-- its words are the edition's, not the source's: a ptr written against a word (the
         Whitman Archive's note calls, "U S America<ptr target="bms.00001_n1"/>") is set
         apart from it, or the reader, a copy and the search read "Americabms.00001_n1"
         (probe 18) -->
    <xsl:variable name="shown" as="xs:boolean" select="exists($href)
        or exists(r:safe-url(@target)) or r:private-uri(@target)"/>
    <xsl:if test="$shown and r:ptr-glued(preceding-sibling::node()[1], true())">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:apply-templates select="." mode="r:ptr">
      <xsl:with-param name="href" select="$href"/>
    </xsl:apply-templates>
    <xsl:if test="$shown and r:ptr-glued(following-sibling::node()[1], false())">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Whether a pointer's first target is an abbreviated pointer or another URI of a scheme
       no browser runs ("bib:b0148", IOSPE's bibliography keys, whose prefix the project's
       shared encodingDesc declares; "urn:cts:..."): shown as words when it leads nowhere, as a
       bare id is. A ptr to it showed nothing, and a reference read ", 38 № 19" (probe 42). The
       schemes a browser would run or open are never shown. -->
  <xsl:function name="r:private-uri" as="xs:boolean">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:variable name="first" as="xs:string"
        select="lower-case(string(tokenize(normalize-space($target))[1]))"/>
    <xsl:sequence select="matches($first, '^[a-z][a-z0-9+.-]*:[^/\s]\S*$')
        and not(matches($first, '^(javascript|vbscript|data|file|blob|about|filesystem):'))"/>
  </xsl:function>

  <!-- Whether the text beside a ptr touches it: a word or a sentence's end before it, a
       word after it. -->
  <xsl:function name="r:ptr-glued" as="xs:boolean">
    <xsl:param name="beside" as="node()?"/>
    <xsl:param name="before" as="xs:boolean"/>
    <xsl:sequence select="exists($beside) and r:phrase-level($beside)
        and (if ($before) then matches(r:last-char($beside), '[\w\p{Pe}\p{Pf}.,;:!?]')
             else matches(substring(string($beside), 1, 1), '\w'))"/>
  </xsl:function>

  <xsl:mode name="r:ptr" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="ptr" mode="r:ptr" as="element()*">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="href" as="xs:string?" required="yes"/>
    <xsl:choose>
      <!-- a link to what the edition does not publish shows where it pointed, unlinked;
           an address the allow-list refuses (javascript: ...) shows nothing -->
      <xsl:when test="empty($href) and (exists(r:safe-url(@target)) or r:private-uri(@target))">
        <span class="ptr unresolved">
          <xsl:value-of select="tokenize(normalize-space(@target))[1]"/>
        </span>
      </xsl:when>
      <xsl:when test="empty($href)"/>
      <xsl:when test="$r:in-link">
        <span class="ptr"><xsl:value-of select="r:pointer-words(., $href)"/></span>
      </xsl:when>
      <xsl:otherwise>
        <a href="{$href}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'ptr'"/>
          </xsl:call-template>
          <xsl:value-of select="r:pointer-words(., $href)"/>
        </a>
        <xsl:call-template name="r:work-card-button"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The register entry a pointer names ("#ev1", "persons.xml#ada": a person, a place, an
       event of the registers, in the header, a standOff or a register file), if any: the
       pointer then leads to its entry of the index, as a name does, and a ptr shows its
       name. pipeline/sources.py (used_ids) counts such an entry as used. -->
  <xsl:function name="r:pointed-entry" as="element()?">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:variable name="first" as="xs:string?" select="tokenize(normalize-space($target))[1]"/>
    <xsl:variable name="id" as="xs:string?" select="
        if (starts-with($first, '#')) then substring($first, 2)
        else if (matches($first, '^[^#:]+\.xml#.')) then substring-after($first, '#')
        else ()"/>
    <!-- a work of a bibliography file is named by the file (a text's "#b1" is its own bibl) -->
    <xsl:sequence select="if (exists($id)) then r:entry($id)
        [local-name() = ('person', 'personGrp', 'place', 'org', 'event', 'object', 'nym')
         or (local-name() = $r:work-kinds and not(starts-with($first, '#')))]
        else ()"/>
  </xsl:function>

  <!-- Where a ref or ptr leads: a register entry's entry of the index, else r:target-href. -->
  <xsl:function name="r:pointer-href" as="xs:string?">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:sequence select="(r:pointed-entry($target) ! r:entry-href(.), r:target-href($target))[1]"/>
  </xsl:function>

  <!-- What a ptr shows: for a register entry, its name; for a pointer to an element of the
       same document ("#t1"), that element's heading, else its number (@n); for one to another
       text of the edition, that text's title; else the address as written, as the book shows
       one it cannot follow (epub/modules/links.xsl): the link's own address was shown, an
       image of another folder, "../a/images/f1r.png", read "images/f1r.png" on the page and
       "../a/images/f1r.png" in the book (probe 159). -->
  <xsl:function name="r:pointer-words" as="xs:string">
    <xsl:param name="ptr" as="element()"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:variable name="entry" as="element()?" select="r:pointed-entry($ptr/@target)"/>
    <xsl:variable name="target" as="xs:string" select="normalize-space($ptr/@target)"/>
    <xsl:variable name="to" as="element()?" select="if (matches($target, '^#[^\s#]+$'))
        then root($ptr)/id(substring($target, 2))[1] else ()"/>
    <xsl:sequence select="if (exists($entry)) then r:entry-words($entry)
        else if ($to/self::note) then r:note-name($to)
        else ($to ! r:element-words(.), r:linked-title($ptr/@target),
            tokenize($target)[1], $href)[1]"/>
  </xsl:function>

  <!-- What a pointer at a register entry says: a work's short form ("Lettich 1983"), else
       the entry's name. -->
  <xsl:function name="r:entry-words" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if (local-name($entry) = $r:work-kinds)
        then (r:short-citation($entry)[normalize-space()], string($entry/@xml:id))[1]
        else r:preferred-name($entry, string($entry/@xml:id))"/>
  </xsl:function>

  <!-- A pointer to an entry of a bibliography says it as an author-date citation: its first
       author's surname (or name, before a comma) and year ("Jones 1999"), else its title and
       year; its @n when it has one ("[12]") (common/reading.xsl r:short-form, which the index
       shares). Its names ran together ("Jones, Peter Roe, Mary A Book..."). -->
  <xsl:function name="r:short-citation" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:sequence select="r:short-form($bibl, r:plain#1)"/>
  </xsl:function>

  <!-- The button of the card of the work a pointer cites (names.xsl r:cited-work), after its
       link, as a name's follows its link: the card gives the entry as the bibliography page
       formats it, and leads there. -->
  <xsl:template name="r:work-card-button" as="element()?">
    <xsl:context-item as="element()" use="required"/>
    <xsl:for-each select="r:cited-work(.)/@xml:id">
      <xsl:call-template name="r:card-button">
        <xsl:with-param name="entity" select="string(.)"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- A work of a bibliography file formatted as the reading pages format an entry of a
       bibliography, for its card and the bibliography page (index/works.xsl): a copy without
       its ids, which the page has already (the card's, the entry's section) and two works
       may share, kept in a listBibl of a document of its own, so that a note in it reads in
       its place, as a bibliography's note does (r:entry-note), and not as a footnote of a
       page that lists none (the bibliography page failed on one: the note counter is a
       reading page's). -->
  <xsl:function name="r:work-citation" as="node()*">
    <xsl:param name="work" as="element()"/>
    <xsl:variable name="copy" as="document-node()">
      <xsl:document>
        <tei:listBibl>
          <xsl:apply-templates select="$work" mode="r:without-ids"/>
        </tei:listBibl>
      </xsl:document>
    </xsl:variable>
    <xsl:apply-templates select="$copy/tei:listBibl/*" mode="r:main"/>
  </xsl:function>

  <xsl:mode name="r:without-ids" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template match="@xml:id" mode="r:without-ids" as="empty-sequence()"/>

  <!-- What a cross-reference to an element of the text says (a ptr has no words of its own):
       its heading, else its number (@n), else its first words in quotation marks ("“It was
       a dark…”"); never its id. -->
  <xsl:function name="r:element-words" as="xs:string?">
    <xsl:param name="to" as="element()"/>
    <!-- a text of a group (a corpus's member, a composite text's part: 4.3.1) is named by the
         title its front opens with, not by its first words, which ran its title, source and
         first lines together ("First letterMSDear friend,One.") -->
    <xsl:variable name="head" as="xs:string?" select="(
        $to/head[normalize-space()],
        $to[self::text]/front/(titlePage/docTitle, .//head)[normalize-space()])[1]
        ! normalize-space(string-join(.//text()[not(ancestor::note)]))"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize(normalize-space(string-join(
        $to//text()[not(ancestor::note)])))"/>
    <xsl:variable name="work" as="xs:string?" select="$to[self::bibl or self::biblStruct
        or self::biblFull] ! r:short-citation(.)[normalize-space()]"/>
    <!-- a work by its short form; one of plain words (no author or date to make it from) by
         its first words: a ptr at it was an empty link (probe 54) -->
    <xsl:sequence select="if ($work) then $work
        else if ($to[self::bibl or self::biblStruct or self::biblFull] and exists($words))
          then string-join(subsequence($words, 1, 8), ' ')
            || (if (count($words) gt 8) then '…' else '')
        else if ($head) then $head
        else if (normalize-space($to/@n)) then normalize-space($to/@n)
        else if (exists($words)) then r:quoted-in($to, string-join(subsequence($words, 1, 6),
          ' ') || (if (count($words) gt 6) then '…' else ''))
        else ()"/>
  </xsl:function>

</xsl:stylesheet>

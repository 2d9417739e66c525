<?xml version="1.0" encoding="UTF-8"?>
<!--
  One part of a book (named template ee:nav-part, called by xslt/epub/book.xsl):
  normalized TEI -> the navigation document (nav.xhtml), wrapped in
  <ee:document>: the table of contents (the text's divs, nested as in the text), the landmarks
  and, when the text has page breaks, the page-list (one entry per pb, linking to its marker).

  Parameters: $has-index (adds the index to the toc and the landmarks), $map-file (the page
  of the map of places that Python adds after the indexes, "" for none), $max-chars
  (plan.xsl); the subject index (modules/subjects.xsl) is listed after the index when the
  text has entries.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:mode name="ee:toc" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The map of places is a page of the book made in Python (builders/epub.py), after the
       index: without an entry here a reader could not reach it (it is in the spine alone). -->
  <xsl:param name="map-file" as="xs:string" select="''"/>

  <xsl:template name="ee:nav-part" as="element()">
    <xsl:variable name="text" as="element()" select="r:main-text(tei:TEI)"/>
    <!-- the pages of a documentary transcription -->
    <xsl:variable name="pages" as="element()*"
        select="$text/self::tei:sourceDoc//tei:surface[not(ancestor::tei:surface)]"/>
    <!-- the divisions of the text, nested, and a play's cast list (common/drama.xsl); an
         anthology's titled groups and texts (a corpus's members) by their titles, holding
         their own (ee:nav-children), as the page's contents nest them: the book listed the
         divisions of every text side by side, no group, and no title of a text that had
         divisions (probe 161) -->
    <xsl:variable name="entries" as="element()*">
      <xsl:apply-templates select="$text/self::tei:text, $pages" mode="ee:toc"/>
    </xsl:variable>
    <!-- where the body begins: its first element with an id that the book shows (it writes
         an element's id where it writes the element), else the file its first element went
         to. A transcript's timeline, which the book does not show, opened its body with
         <when xml:id="T0">: the landmark led nowhere (probe 110, epubcheck RSC-012); the
         elements the book leaves out are passed over, not all but blocks, which skipped a
         play's opening stage direction (probe 116). -->
    <!-- (a text's body, or the group of texts that stands for it in an anthology: probe 164,
         whose "Start of text" led to the front matter) -->
    <xsl:variable name="first-body" as="element()?" select="($text/(tei:body | tei:group)//*[@xml:id]
        [not(ancestor-or-self::*[self::tei:timeline or self::tei:spanGrp or self::tei:linkGrp
            or self::tei:interpGrp or self::tei:joinGrp or self::tei:altGrp or self::tei:fvLib
            or self::tei:fLib or self::tei:fs or self::tei:note or self::tei:rdg
            or self::tei:rdgGrp or self::tei:index or self::tei:certainty
            or self::tei:precision or self::tei:respons])]
        [not(self::tei:span or self::tei:link or self::tei:interp or self::tei:join
            or self::tei:alt)], $pages)[1]"/>
    <xsl:call-template name="ee:document">
      <xsl:with-param name="href" select="'nav.xhtml'"/>
      <xsl:with-param name="title" select="r:msg('toc.title') || ' — ' || ee:title()"/>
      <xsl:with-param name="properties" select="'nav'"/>
      <xsl:with-param name="body-type" select="'frontmatter'"/>
      <xsl:with-param name="content" as="node()*">
        <nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
          <h1 id="toc-title">
            <xsl:sequence select="r:ui-words($text)"/>
            <xsl:value-of select="r:msg('toc.title')"/>
          </h1>
          <ol>
            <!-- in spine order: the list of witnesses comes before the text -->
            <xsl:if test="ee:has-witnesses()">
              <li><a href="{$ee:witnesses-file}"><xsl:sequence select="r:ui-words($text)"/><xsl:value-of select="r:msg('app.witnesses')"/></a></li>
            </xsl:if>
            <!-- a text of no divisions by its title: its file's start comes first; so is
                 one whose divisions give no entry (all empty: the list was empty, which
                 epubcheck refuses, RSC-005) -->
            <xsl:if test="empty($entries)">
              <li><a href="{$ee:plan[1]?file}"><xsl:value-of select="ee:title()"/></a></li>
            </xsl:if>
            <!-- the description of the manuscript the book opens with (manuscripts.xsl) -->
            <xsl:if test="exists(r:record-descriptions(tei:TEI))
                and not(r:catalogue-record(tei:TEI))">
              <li><a href="{$ee:plan[1]?file}#ed-ms-described"><xsl:sequence
                  select="r:ui-words($text)"/><xsl:value-of select="r:msg('ms.msDesc')"/></a></li>
            </xsl:if>
            <xsl:sequence select="$entries"/>
            <xsl:if test="$has-index">
              <li><a href="{$ee:index-file}"><xsl:sequence select="r:ui-words($text)"/><xsl:value-of select="r:msg('epub.index')"/></a></li>
            </xsl:if>
            <xsl:if test="exists($ee:subjects)">
              <li><a href="{$ee:subjects-file}"><xsl:sequence select="r:ui-words($text)"/><xsl:value-of select="r:msg('index.subjects')"/></a></li>
            </xsl:if>
            <!-- the interface's words, in its language inside a book in another (probe 61:
                 an English book's Arabic "index" and "map" entries were unmarked) -->
            <xsl:if test="$map-file != ''">
              <li><a href="{$map-file}"><xsl:sequence select="r:ui-words($text)"/><xsl:value-of select="r:msg('map.title')"/></a></li>
            </xsl:if>
          </ol>
        </nav>
        <nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
          <!-- the interface's words, in its language inside a book in another -->
          <xsl:sequence select="r:ui-words($text)"/>
          <h2 id="landmarks-title"><xsl:value-of select="r:msg('epub.landmarks')"/></h2>
          <ol>
            <li><a epub:type="titlepage" href="{$ee:titlepage-file}"><xsl:value-of select="r:msg('epub.titlepage')"/></a></li>
            <li><a epub:type="toc" href="nav.xhtml#toc"><xsl:value-of select="r:msg('toc.title')"/></a></li>
            <li>
              <a epub:type="bodymatter"
                  href="{if (exists($first-body)) then ee:href($first-body)
                      else ($text/(tei:body | tei:group)/*[1] ! ee:file(.), $ee:plan[1]?file)[1]}"><xsl:value-of select="r:msg('epub.start')"/></a>
            </li>
            <xsl:if test="$has-index">
              <li><a epub:type="index" href="{$ee:index-file}"><xsl:value-of select="r:msg('epub.index')"/></a></li>
            </xsl:if>
            <xsl:if test="exists($ee:subjects)">
              <li><a epub:type="index" href="{$ee:subjects-file}"><xsl:value-of select="r:msg('index.subjects')"/></a></li>
            </xsl:if>
          </ol>
        </nav>
        <!-- a page break inside a footnote (a note that runs onto the next page, a page of
             drawings kept in a note) is no entry: it would lead into a footnote, which a
             reading system keeps hidden until its call is followed (pages.xsl marks it as
             no page break); one in a note read where it stands is (probe 78: a letter's
             passages kept in such notes left four of its five pages out of the list) -->
        <xsl:variable name="pbs" as="element(tei:pb)*"
            select="$text//tei:pb[not((@ed or @edRef) and r:secondary-pb(.))]
                [not(ancestor::tei:note[ee:called(.)])]"/>
        <xsl:if test="exists($pbs | $pages)">
          <nav epub:type="page-list" role="doc-pagelist" id="page-list"
              aria-labelledby="page-list-title" hidden="hidden">
            <h2 id="page-list-title">
              <xsl:sequence select="r:ui-words($text)"/>
              <xsl:value-of select="r:msg('epub.pages')"/>
            </h2>
            <ol>
              <xsl:for-each select="$pbs">
                <li><a href="{ee:href(.)}"><xsl:value-of select="ee:page-label(.)"/></a></li>
              </xsl:for-each>
              <!-- a page of a documentary transcription: its page-break marker -->
              <xsl:for-each select="$pages">
                <li><a href="{ee:file(.)}#{@xml:id}-page"><xsl:value-of select="r:surface-n(.)"/></a></li>
              </xsl:for-each>
            </ol>
          </nav>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:surface" mode="ee:toc" as="element()">
    <li>
      <a href="{ee:href(.)}"><xsl:value-of select="if (exists(r:surface-label(.))) then r:surface-n(.)
          else r:msg('facs.page', r:surface-n(.))"/></a>
    </li>
  </xsl:template>

  <!-- A text and its parts, a group without a title or a text of a group without one (or
       without an element with an id to link): their entries, passed up. -->
  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group" mode="ee:toc"
      as="element()*">
    <xsl:apply-templates select="ee:nav-children(.)" mode="ee:toc"/>
  </xsl:template>

  <!-- A titled group of texts (an anthology's part) and a text of a group, by its title
       (r:group-title: its front's or its body's, a corpus member's): an entry holding the
       entries of what it holds (toc.xsl does so on the page). -->
  <xsl:template match="tei:group[exists(r:group-title(.))][exists(r:group-target(.))]
      | tei:group/tei:text[exists(r:group-title(.))][exists(r:group-target(.))]"
      mode="ee:toc" as="element()" priority="1">
    <xsl:variable name="children" as="element()*">
      <xsl:apply-templates select="ee:nav-children(.)" mode="ee:toc"/>
    </xsl:variable>
    <li>
      <a href="{ee:href(r:group-target(.))}"><xsl:value-of select="r:plain(r:group-title(.))"/></a>
      <xsl:if test="exists($children)">
        <ol><xsl:sequence select="$children"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:function name="ee:nav-children" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/(tei:front | tei:body | tei:back | tei:group | tei:text
        | *[ee:is-div(.)] | tei:castList[@xml:id] | tei:lg[r:is-poem-entry(.)])"/>
  </xsl:function>

  <!-- The division a corpus member opens with is its text's title, the text's entry
       (above): no entry of its own beside the text's parts (probe 161). -->
  <xsl:template match="*[ee:is-div(.)][r:is-member-opening(.)][exists(r:group-title(../..))]
      [exists(r:group-target(../..))]" mode="ee:toc" as="element()*" priority="2">
    <xsl:apply-templates select="ee:nav-children(.)" mode="ee:toc"/>
  </xsl:template>

  <xsl:template match="tei:castList" mode="ee:toc" as="element()">
    <xsl:variable name="head" as="xs:string" select="r:plain(tei:head[1])"/>
    <li>
      <a href="{ee:href(.)}">
        <xsl:if test="$head = ''">
          <xsl:sequence select="r:ui-words(.)"/>
        </xsl:if>
        <xsl:value-of select="if ($head != '') then $head else r:msg('drama.cast')"/>
      </a>
    </li>
  </xsl:template>

  <!-- A division of no words (an EpiDoc template's translation, <p><!- - too fragmentary - -></p>)
       has no heading in the book, as on the page (r:part-type): it is no entry of the
       contents, which led to nothing (probe 42); nor is one of a gap alone (r:nothing-to-read,
       probe 47), which the page's contents do not list either. -->
  <xsl:template match="*[ee:is-div(.)][r:nothing-to-read(.)]" mode="ee:toc" priority="1"
      as="empty-sequence()"/>

  <!-- a poem of a collection, by its title (toc.xsl, r:is-poem-entry) -->
  <xsl:template match="tei:lg" mode="ee:toc" as="element()">
    <li>
      <a href="{ee:href(.)}"><xsl:value-of select="r:plain(tei:head[1])"/></a>
    </li>
  </xsl:template>

  <xsl:template match="*" mode="ee:toc">
    <!-- its divisions, and a cast list of its own (a libretto's list of the performers of
         each entry, probe 36), as the page's contents list it (toc.xsl, r:toc-children) -->
    <xsl:variable name="children" as="element()*"
        select="*[ee:is-div(.)] | tei:castList[@xml:id] | tei:lg[r:is-poem-entry(.)]"/>
    <li>
      <a href="{ee:href(.)}">
        <!-- a division without head is named in the interface's words ("Item", "Chapter 2"):
             in a book in another language they carry their own, or a reading system reads
             them with the voice and direction of the book's -->
        <xsl:if test="not(ee:has-head(.))">
          <xsl:sequence select="r:ui-words(.)"/>
        </xsl:if>
        <xsl:value-of select="ee:label(.)"/>
      </a>
      <xsl:if test="exists($children)">
        <ol>
          <xsl:apply-templates select="$children" mode="ee:toc"/>
        </ol>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB overrides of the shared rendering (xslt/common/, mode r:main) for text structure.

  - a div is a section with its normalized id, the EPUB structural semantic of its type
    (epub:type) and the matching DPUB-ARIA role; a div split over several content documents
    (plan.xsl) renders only the nodes given in $content, with the apparatus of the div's own
    content (r:unit-content, xslt/common/apparatus.xsl);
  - headings start at h1 in every content document (the title is on the title page, not above
    the text as on a web page) and carry no self-link: a reading system has its own.
  - a graphic/media renders an img only when the builder packaged its file: $images has one
    line per graphic/media of the document, in document order (the normalized TEI is an
    identity copy, so the builder counts them in the source alike), holding the image's href
    relative to the package document, or nothing when the file is missing, outside the text's
    folder or not a core image type. Its alt text is the figure's description (figDesc); the
    figure's head and description stay as its caption whether or not there is an image.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Headings start at h1 in a content document (base.xsl r:section-level). -->
  <xsl:variable name="r:heading-shift" as="xs:integer" select="-1"/>

  <!-- div types with an EPUB structural semantic and its DPUB-ARIA role (DPUB-ARIA 1.1),
       the front and back matter's with the body's (probe 161: an appendix, a bibliography
       were plain sections; TEI 4.5 and 4.7 name these types). Ace's best practice asks an
       epub:type that has a role for that role too, so a type comes with its role or not
       at all. Left out: a division of notes, whose notes the book shows as footnotes where
       they are called (no collection of endnotes, doc-endnotes), and an index, whose
       epub:type is the EPUB Indexes' structure of entries and locators (epub/modules/
       index.xsl), which a printed index's list is not. -->
  <xsl:variable name="ee:div-semantics" as="map(xs:string, xs:string*)" select="map {
      'chapter': ('chapter', 'doc-chapter'),
      'introduction': ('introduction', 'doc-introduction'),
      'preface': ('preface', 'doc-preface'),
      'foreword': ('foreword', 'doc-foreword'),
      'prologue': ('prologue', 'doc-prologue'),
      'epilogue': ('epilogue', 'doc-epilogue'),
      'dedication': ('dedication', 'doc-dedication'),
      'abstract': ('abstract', 'doc-abstract'),
      'acknowledgments': ('acknowledgments', 'doc-acknowledgments'),
      'acknowledgements': ('acknowledgments', 'doc-acknowledgments'),
      'afterword': ('afterword', 'doc-afterword'),
      'conclusion': ('conclusion', 'doc-conclusion'),
      'appendix': ('appendix', 'doc-appendix'),
      'colophon': ('colophon', 'doc-colophon'),
      'errata': ('errata', 'doc-errata'),
      'corrigenda': ('errata', 'doc-errata'),
      'bibliography': ('bibliography', 'doc-bibliography'),
      'glossary': ('glossary', 'doc-glossary'),
      'part': ('part', 'doc-part'),
      'group': ('part', 'doc-part'),
      'volume': ('volume', ())
    }"/>

  <!-- The semantic and role of a div ($ee:div-semantics); a bibliography and a glossary only
       when the division holds what the role is: a list of references (listBibl, a list in
       the book), a glossary list (a description list of terms and their definitions,
       blocks.xsl r:is-glossary-list). An essay on the sources headed "Bibliography" is a
       section of prose. -->
  <xsl:function name="ee:semantics-of" as="xs:string*">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="string($div/@type)"/>
    <xsl:variable name="own" as="element()*" select="$div//(tei:listBibl | tei:list)
        [ancestor::*[ee:is-div(.)][1] is $div]"/>
    <xsl:sequence select="if ($type = 'bibliography'
            and empty($own[self::tei:listBibl][* except tei:head])) then ()
        else if ($type = 'glossary' and empty($own[r:is-glossary-list(.)])) then ()
        else $ee:div-semantics($type)"/>
  </xsl:function>

  <!-- The front, body and back of a text in one content document (content.xsl: its body
       says no partition then) are its front matter, body matter and back matter; an
       anthology's group of texts, where a body would stand, is its body matter (probe 162:
       it was marked as nothing between its marked front and back). -->
  <xsl:template match="tei:front | tei:body | tei:back | tei:text/tei:group" mode="r:main"
      as="element()" priority="1">
    <xsl:param name="ee:partitions" as="element()*" tunnel="yes" select="()"/>
    <xsl:variable name="unit" as="element()">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:variable name="partition" as="xs:string"
        select="(if (self::tei:group) then 'body' else local-name()) || 'matter'"/>
    <xsl:choose>
      <xsl:when test=". intersect $ee:partitions">
        <xsl:copy select="$unit">
          <xsl:sequence select="$unit/@*"/>
          <xsl:attribute name="epub:type" select="$partition"/>
          <xsl:sequence select="$unit/node()"/>
        </xsl:copy>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$unit"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5
      | tei:div6 | tei:div7" mode="r:main" as="element()">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:variable name="sem" as="xs:string*" select="ee:semantics-of(.)"/>
    <section>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'div'"/>
      </xsl:call-template>
      <xsl:if test="exists($sem[1])">
        <xsl:attribute name="epub:type" select="$sem[1]"/>
      </xsl:if>
      <xsl:if test="exists($sem[2])">
        <xsl:attribute name="role" select="$sem[2]"/>
      </xsl:if>
      <!-- a book's headings start at h1 (the page's at h2) -->
      <xsl:call-template name="r:generated-head">
        <xsl:with-param name="level" select="1"/>
      </xsl:call-template>
      <xsl:variable name="body" as="node()*">
        <xsl:call-template name="r:unit-content">
          <xsl:with-param name="content" select="$content"/>
          <xsl:with-param name="r:phrasing" select="false()" tunnel="yes"/>
        </xsl:call-template>
      </xsl:variable>
      <!-- a passage of a parallel text: its counterparts, after its heading; so is the link
           to the part before of a division split over pages (common/structure.xsl) -->
      <xsl:variable name="after" as="xs:integer" select="r:after-heading($body)"/>
      <xsl:sequence select="$body[position() le $after]"/>
      <xsl:call-template name="ee:parallel-links"/>
      <xsl:sequence select="r:continued(., @prev, 'div.continued-from', 'div.part-earlier')"/>
      <xsl:sequence select="$body[position() gt $after]"/>
      <xsl:sequence select="r:continued(., @next, 'div.continued-on', 'div.part-later')"/>
    </section>
  </xsl:template>

  <!-- Parallel texts (common/alignment.xsl) are in sequence in the book: reading systems
       cannot be relied on for columns, and a page is too narrow for two. Each passage links
       to its counterparts, both ways: a division of the run after its heading ("Parallel
       text: English"), a paragraph that corresponds to one of another division of the run at
       its end, where the web page has its pilcrow. So does a division to a translation that
       does not stand beside it (r:linked-counterparts, probe 169: with another poem between
       the two, neither linked to the other). -->
  <xsl:template name="ee:parallel-links" as="element()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="div" as="element()" select="."/>
    <xsl:for-each select="(r:parallel-set(.) except .) | r:linked-counterparts(.)[@xml:id]">
      <p class="parallel-text">
        <xsl:sequence select="r:ui-words($div)"/>
        <a href="{ee:href(.)}">
          <xsl:for-each select="r:lang(r:passage-lang(.))">
            <xsl:attribute name="hreflang" select="."/>
          </xsl:for-each>
          <xsl:value-of select="r:msg('parallel.text', ee:language-of(.))"/>
        </a>
      </p>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="r:paragraph-link" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <!-- a paragraph of a text that aligns nothing (most) asks its divisions nothing -->
    <xsl:if test="$r:aligns or not(root(.) is $r:root)">
      <xsl:call-template name="ee:counterpart-links"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ee:counterpart-links" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="set" as="element()*"
        select="ancestor::*[r:parallel-unit(.)][1] ! r:parallel-set(.)"/>
    <xsl:variable name="here" as="element()?" select="ancestor::*[. intersect $set]"/>
    <!-- the other columns of its run, and the translations of its divisions that stand
         elsewhere (probe 169) -->
    <xsl:call-template name="r:counterpart-passage-links">
      <xsl:with-param name="others" select="($set except $here)
          | ancestor::*[r:parallel-unit(.)] ! r:linked-counterparts(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A link to a passage of the text: its file of the book. -->
  <xsl:function name="r:passage-href" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ee:href($e)"/>
  </xsl:function>

  <!-- A passage's language in the interface's words ("English"). -->
  <xsl:function name="ee:language-of" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="r:passage-language($e)"/>
  </xsl:function>

  <xsl:template match="tei:head[r:is-div(..)][. is r:main-head(..)]" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- one level up from the page's, h6 the last (r:heading-depth) -->
    <xsl:element name="{if ($r:phrasing) then 'span' else 'h' || min((6, r:heading-depth(.) - 1))}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'head'"/>
      </xsl:call-template>
      <xsl:call-template name="r:children"/>
    </xsl:element>
  </xsl:template>

  <!-- Packaged images, one line per graphic/media in document order ('' = not packaged). -->
  <xsl:param name="images" as="xs:string" select="''"/>
  <xsl:variable name="ee:images" as="xs:string*" select="tokenize($images, '\n')"/>

  <xsl:template match="tei:graphic | tei:media" mode="r:main" as="element()?">
    <!-- its place among the graphics and media of the document (xslt/common/facsimile.xsl):
         one pass, where xsl:number walked back over the whole text for each image -->
    <xsl:variable name="n" as="xs:integer" select="accumulator-before('r:graphic-number')"/>
    <xsl:variable name="href" as="xs:string?" select="$ee:images[$n][. ne '']"/>
    <xsl:variable name="desc" as="xs:string?" select="(tei:desc ! r:plain(.))[. != ''][1]"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <!-- hrefs are relative to the package document; so is the content document's name. -->
        <xsl:variable name="up" as="xs:integer" select="count(tokenize(ee:file(.), '/')) - 1"/>
        <img src="{string-join((1 to $up) ! '../') || $href}"
            alt="{(r:plain(ancestor::tei:figure[1]/tei:figDesc)[. != ''], $desc, '')[1]}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'graphic'"/>
          </xsl:call-template>
        </img>
      </xsl:when>
      <!-- not in the book (a recording, a video, an image elsewhere): its description -->
      <xsl:when test="exists($desc)">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'media media-desc'"/>
          </xsl:call-template>
          <xsl:value-of select="$desc"/>
        </span>
      </xsl:when>
      <!-- a recording or a film without a description: its file's name, a link when it is on
           the web (the sentence around it named it: "and a film ." read nothing) -->
      <xsl:when test="self::tei:media and exists(r:file-name(normalize-space(@url)))
          and empty(ancestor::tei:figure/tei:figDesc[normalize-space()])">
        <xsl:variable name="url" as="xs:string" select="normalize-space(@url)"/>
        <xsl:variable name="link" as="xs:string?"
            select="r:safe-url($url[matches(., '^https?://', 'i')])"/>
        <xsl:element name="{if (exists($link)) then 'a' else 'span'}">
          <xsl:if test="exists($link)">
            <xsl:attribute name="href" select="$link"/>
          </xsl:if>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'media media-file'"/>
          </xsl:call-template>
          <xsl:value-of select="r:file-name($url)"/>
        </xsl:element>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

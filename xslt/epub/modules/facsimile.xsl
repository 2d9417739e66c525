<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB override of the facsimile (xslt/common/facsimile.xsl): a graphic shows the image the
  book packaged for it ($images, structure.xsl: one line per graphic/media in document order,
  relative to the package document). The facsimile's page images are packaged only when the
  edition asks for them ([tool.edition] epub-facsimiles) and the files are local: then each
  page break pointing at a page (pb/@facs) is preceded by its image (ee:page-image, called by
  pages.xsl). Otherwise nothing of the facsimile shows in the book.
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

  <xsl:function name="r:graphic-src" as="xs:string?">
    <xsl:param name="graphic" as="element()"/>
    <xsl:sequence select="$ee:images[$graphic/accumulator-before('r:graphic-number')][. ne '']"/>
  </xsl:function>

  <!-- The start of a page of a documentary transcription (common/facsimile.xsl): its page-break
       marker (the nav's page-list links to it), then its image when the book carries it. -->
  <xsl:template name="r:surface-start" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:if test="empty(ancestor::tei:surface)">
      <span epub:type="pagebreak" role="doc-pagebreak" id="{@xml:id}-page"
          aria-label="{r:surface-n(.)}"/>
      <xsl:variable name="src" as="xs:string?" select="r:page-src(.)"/>
      <xsl:if test="exists($src)">
        <xsl:variable name="up" as="xs:integer" select="count(tokenize(ee:file(.), '/')) - 1"/>
        <span class="facs-image">
          <img src="{string-join((1 to $up) ! '../') || $src}"
              alt="{r:msg('facs.alt', r:surface-n(.))}"/>
        </span>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A page's own image shows at its start (above), not as a figure of the text; a part's
       image where it stands, and its desc, are the text's (common/facsimile.xsl). -->
  <xsl:template match="tei:sourceDoc//tei:graphic[parent::tei:surface or parent::tei:zone]"
      mode="r:main" as="element()*" priority="2">
    <xsl:call-template name="r:part-image"/>
    <xsl:call-template name="r:graphic-desc"/>
  </xsl:template>

  <!-- A packaged image's href is relative to the package document, like the content
       document's name: from the content document, up to the package's folder first. -->
  <xsl:function name="r:image-href" as="xs:string">
    <xsl:param name="src" as="xs:string"/>
    <xsl:param name="at" as="element()"/>
    <xsl:variable name="up" as="xs:integer" select="count(tokenize(ee:file($at), '/')) - 1"/>
    <xsl:sequence select="string-join((1 to $up) ! '../') || $src"/>
  </xsl:function>

  <!-- The page image before a page break, when the book carries it. -->
  <xsl:template name="ee:page-image" as="element()?">
    <xsl:param name="pb" as="element(tei:pb)" required="yes"/>
    <xsl:variable name="page" as="element()?" select="if ($pb/@facs) then r:pb-page($pb) else ()"/>
    <xsl:if test="exists($page)">
      <!-- packaged hrefs are relative to the package document, like the document's name -->
      <xsl:variable name="up" as="xs:integer" select="count(tokenize(ee:file($pb), '/')) - 1"/>
      <span class="facs-image">
        <img src="{string-join((1 to $up) ! '../') || r:page-src($page)}"
            alt="{r:msg('facs.alt', (normalize-space($pb/@n)[. ne ''], ee:page-label($pb))[1])}"/>
      </span>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

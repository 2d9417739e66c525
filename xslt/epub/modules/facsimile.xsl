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
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:function name="r:graphic-src" as="xs:string?">
    <xsl:param name="graphic" as="element()"/>
    <xsl:sequence select="$ee:images[$graphic/accumulator-before('r:graphic-number')][. ne '']"/>
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

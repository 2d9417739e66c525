<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB override for manuscript descriptions (xslt/common/manuscripts.xsl): a note of a
  description stays in it, in brackets, as on the web page (not an EPUB footnote: the
  description is not one of the book's content units).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:msDesc//tei:note" mode="r:main" priority="1" as="element()"
      xmlns:r="urn:edition:render">
    <xsl:apply-imports/>
  </xsl:template>

</xsl:stylesheet>

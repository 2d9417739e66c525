<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB override of the transcription (xslt/common/transcription.xsl): a book has the reading
  view only. What only the diplomatic view shows (deletions, the source's spellings and
  abbreviations, forme work ...) stays in the document with the hidden attribute, so that no
  anchor an index entry or a link points at is lost; line breaks of a transcription with two
  views are spaces, as in the reading view of the web page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="#all">

  <xsl:variable name="r:views" as="xs:boolean" select="false()"/>

</xsl:stylesheet>

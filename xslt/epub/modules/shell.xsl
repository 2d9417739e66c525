<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell of every XHTML content document of the book: html with its language, head
  with title and the book's stylesheet, body with its structural semantics.

  Documents leave the transforms wrapped in <ee:document href="..." properties="...">, because
  Saxon never writes files: Python takes each wrapped html element, serialises it as XHTML
  (XML declaration, <!DOCTYPE html>) and puts it in the package.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ee="urn:edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- The book's stylesheet, relative to the content documents. -->
  <xsl:variable name="ee:css" as="xs:string" select="'book.css'"/>
  <!-- The edition's own stylesheets ([tool.edition] css), one file name per line: packaged
       beside book.css and linked after it. -->
  <xsl:param name="custom-css" as="xs:string" select="''"/>

  <xsl:template name="ee:document" as="element(ee:document)">
    <xsl:param name="href" as="xs:string" required="yes"/>
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="body-type" as="xs:string?" select="()"/>
    <xsl:param name="properties" as="xs:string?" select="()"/>
    <xsl:param name="linear" as="xs:boolean" select="true()"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <ee:document href="{$href}" linear="{if ($linear) then 'yes' else 'no'}">
      <xsl:if test="exists($properties)">
        <xsl:attribute name="properties" select="$properties"/>
      </xsl:if>
      <html xml:lang="{ee:language()}" lang="{ee:language()}">
        <xsl:if test="ee:direction() = 'rtl'">
          <xsl:attribute name="dir" select="'rtl'"/>
        </xsl:if>
        <head>
          <meta charset="utf-8"/>
          <title><xsl:value-of select="$title"/></title>
          <link rel="stylesheet" type="text/css" href="{$ee:css}"/>
          <xsl:for-each select="tokenize($custom-css, '\n')[normalize-space()]">
            <link rel="stylesheet" type="text/css" href="{normalize-space(.)}"/>
          </xsl:for-each>
        </head>
        <body>
          <xsl:if test="exists($body-type)">
            <xsl:attribute name="epub:type" select="$body-type"/>
          </xsl:if>
          <xsl:sequence select="$content"/>
        </body>
      </html>
    </ee:document>
  </xsl:template>

</xsl:stylesheet>

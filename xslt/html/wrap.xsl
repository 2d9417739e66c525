<?xml version="1.0" encoding="UTF-8"?>
<!--
  Puts a page fragment (one XML element: the content of an index page, XHTML or no namespace)
  into the edition's page shell. The page title is the fragment's first h1.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:s="urn:edition:shell"
    xmlns:r="urn:edition:render"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="modules/shell.xsl"/>
  <xsl:import href="modules/xhtml.xsl"/>

  <!-- escape-uri-attributes="no": see html/page.xsl -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" include-content-type="no"
      indent="no" escape-uri-attributes="no" use-character-maps="s:html-text"/>

  <xsl:param name="page" as="xs:string" select="'index-page.html'"/>
  <xsl:param name="lang" as="xs:string" select="'en'"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="/" as="element()">
    <xsl:variable name="content" as="node()*">
      <xsl:apply-templates select="node()" mode="s:xhtml"/>
    </xsl:variable>
    <xsl:variable name="h1" as="xs:string"
        select="normalize-space(($content/descendant-or-self::h:h1)[1])"/>
    <xsl:call-template name="s:page">
      <xsl:with-param name="title" select="if ($h1 != '') then $h1 else r:msg('index.title')"/>
      <xsl:with-param name="page" select="$page"/>
      <xsl:with-param name="lang" select="$lang"/>
      <xsl:with-param name="body-class" select="'page index-page'"/>
      <xsl:with-param name="content" select="$content"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

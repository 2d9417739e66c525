<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading page of one text: normalized TEI -> one HTML5 page (OUT/html/<stem>.html).
  A manifest: the shared rendering (common/render.xsl) in the page shell (modules/shell.xsl),
  with the text's header as metadata, its contents as navigation, the text, its notes and the
  popover cards of the register entries it names.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:s="urn:edition:shell"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="../common/render.xsl"/>
  <xsl:import href="modules/shell.xsl"/>
  <xsl:import href="modules/reading.xsl"/>
  <xsl:import href="modules/cite.xsl"/>
  <xsl:import href="modules/parts.xsl"/>

  <!-- Links are written as the ids and names they hold (escape-uri-attributes="no"): the
       serializer's escaping normalises (NFC) a URI before it escapes it, so a link to an id
       whose combining marks are not in canonical order (a Hebrew name's vowel points,
       "mִikhֵָl") named no id of its page; a browser escapes what it reads itself. The book
       (XML) never escaped them. -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" include-content-type="no"
      indent="no" escape-uri-attributes="no" use-character-maps="s:html-text"/>

  <!-- use-accumulators: verse line numbers and split lines (common/verse.xsl) -->
  <xsl:mode on-no-match="fail" on-multiple-match="fail" use-accumulators="#all"/>

  <!-- One page; or, for a long text (modules/parts.xsl), its pages one after the other. -->
  <xsl:template match="/" as="item()*">
    <xsl:choose>
      <xsl:when test="exists($r:parts)">
        <xsl:for-each select="TEI">
          <xsl:call-template name="r:split-pages"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="TEI" mode="reading-page"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

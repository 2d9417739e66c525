<?xml version="1.0" encoding="UTF-8"?>
<!--
  Copies an XHTML fragment the edition did not write itself (an index page fragment, the
  encoding guide, the home page's introduction converted from Markdown) into the page:
  elements in no namespace move into XHTML; script, style and event attributes are dropped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:s="urn:edition:shell"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:mode name="s:xhtml" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template match="*[namespace-uri() = '']" mode="s:xhtml" as="element()">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:apply-templates select="@* | node()" mode="s:xhtml"/>
    </xsl:element>
  </xsl:template>

  <!-- A heading moved $s:heading-shift levels down (to h6 at most): an introduction's own
       "# About these letters" stood as a second h1 of the home page (probe 124). -->
  <xsl:template match="*[namespace-uri() = ''][matches(local-name(), '^h[1-6]$')]"
      mode="s:xhtml" as="element()" priority="1">
    <xsl:param name="s:heading-shift" as="xs:integer" tunnel="yes" select="0"/>
    <xsl:element name="h{min((6, xs:integer(substring(local-name(), 2)) + $s:heading-shift))}"
        namespace="http://www.w3.org/1999/xhtml">
      <xsl:apply-templates select="@* | node()" mode="s:xhtml"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="*:script | *:style | @*[starts-with(lower-case(local-name()), 'on')]"
      mode="s:xhtml" as="empty-sequence()" priority="2"/>

</xsl:stylesheet>

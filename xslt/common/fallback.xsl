<?xml version="1.0" encoding="UTF-8"?>
<!--
  The policy for elements that have no rendering (DocBook xslTNG's "warn and render visibly"):
  their text is always rendered, inside a span (in running text) or a div (between blocks)
  with the class tei-unknown, and the first such element of each name in a document is
  reported with the code html.unknown-element.

  render.xsl imports this module first, so that its catch-all template has the lowest import
  precedence of all and never beats a real rendering.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>

  <xsl:template match="*" mode="r:main" priority="-10" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test=". is key('r:by-name', node-name(.), root(.))[1]">
      <xsl:call-template name="r:diagnostic">
        <xsl:with-param name="code" select="'html.unknown-element'"/>
        <!-- on the home and about pages (the headers of every text together, no file of
             their own to name) the warning says whose header it is in -->
        <xsl:with-param name="message" select="'element ' || name()
            || ' has no rendering; its text is shown as is' || (ancestor::TEI[@ed:stem][1]
            [parent::ed:corpus] ! (' (in the header of ' || @ed:stem || ')'))
            || '; correct its name if it is misspelt, or render it with a stylesheet of your own ([tool.edition] xslt: docs/customising.md)'"/>
      </xsl:call-template>
    </xsl:if>
    <!-- In running text (a p, a heading, a line ...) a span, and everything inside it phrasing
         too: a div there, or a p inside the span, would be invalid HTML. -->
    <xsl:variable name="inline" as="xs:boolean" select="$r:phrasing or r:is-inline(.)"/>
    <xsl:element name="{if ($inline) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'tei-unknown tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="$inline" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  ISO Schematron -> XSLT 3.0 compiler (entry stylesheet).

  Input: one Schematron schema as XML text, includes already resolved by
  pipeline/validate/schematron.py (Saxon is locked and may not read files).
  Output: a self-contained XSLT 3.0 stylesheet (no import/include) that turns a document
  into SVRL. Two passes, one module each:
    modules/normalize.xsl  phase selection, abstract patterns (is-a + param), abstract
                           rules (extends): a schema of concrete patterns only;
    modules/generate.xsl   one mode per pattern, one template per rule, SVRL output.

  Parameters (all optional):
    phase          phase id; '' = @defaultPhase, else #ALL
    only           the key of the one pattern to compile (finding a pattern that breaks)
    skip           whitespace-separated keys of patterns to leave out
    list-patterns  true: output the keys of the active patterns, one per line, as text
  A pattern's key is its @id, else "pattern-N" (N = its position among concrete patterns).
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:sch="http://purl.oclc.org/dsdl/schematron"
                xmlns:c="urn:x-edition:schematron-compiler"
                exclude-result-prefixes="#all">

  <xsl:import href="modules/normalize.xsl"/>
  <xsl:import href="modules/generate.xsl"/>

  <xsl:output method="xml" indent="no" encoding="UTF-8"/>

  <xsl:param name="phase" as="xs:string" select="''"/>
  <xsl:param name="only" as="xs:string" select="''"/>
  <xsl:param name="skip" as="xs:string" select="''"/>
  <xsl:param name="list-patterns" as="xs:boolean" select="false()"/>

  <xsl:mode on-no-match="fail"/>

  <xsl:template match="/" as="node()*">
    <xsl:variable name="schema" as="element(sch:schema)?" select="sch:schema"/>
    <xsl:if test="empty($schema)">
      <xsl:call-template name="c:fail">
        <xsl:with-param name="code" select="'not-schematron'"/>
        <xsl:with-param name="message">the root element is not sch:schema in namespace http://purl.oclc.org/dsdl/schematron</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="c:check-binding">
      <xsl:with-param name="schema" select="$schema"/>
    </xsl:call-template>
    <xsl:variable name="normal" as="element(sch:schema)">
      <xsl:call-template name="c:normalize">
        <xsl:with-param name="schema" select="$schema"/>
        <xsl:with-param name="phase" select="$phase"/>
        <xsl:with-param name="only" select="$only"/>
        <xsl:with-param name="skip" select="tokenize($skip)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$list-patterns">
        <xsl:value-of select="$normal/sch:pattern/@c:key" separator="&#10;"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$normal" mode="c:generate"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- XPath 2.0 or later only; 'xslt' (XPath 1.0) schemas are run as XPath 2+, which accepts
       nearly all XPath 1.0 expressions. -->
  <xsl:template name="c:check-binding" as="empty-sequence()">
    <xsl:param name="schema" as="element(sch:schema)"/>
    <xsl:variable name="binding" as="xs:string"
                  select="lower-case(normalize-space($schema/@queryBinding))"/>
    <xsl:if test="not($binding = ('', 'xslt', 'xslt2', 'xslt3', 'xpath2', 'xpath3', 'xpath31'))">
      <xsl:call-template name="c:fail">
        <xsl:with-param name="code" select="'query-binding'"/>
        <xsl:with-param name="message">queryBinding "<xsl:value-of select="$schema/@queryBinding"/>" is not supported: use xslt2 or xslt3</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

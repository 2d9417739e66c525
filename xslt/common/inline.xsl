<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level TEI: highlighting (hi and its @rend; @style renditions become classes in
  base.xsl), emphasis, foreign words (with lang), titles, terms, mentioned words and other
  phrases. The transcription and editorial elements (choice, add, del, gap, lb, pb ...) are in
  transcription.xsl, the apparatus (app, lem, rdg) in apparatus.xsl.
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

  <!-- @rend token -> HTML element, when the whole @rend is that one token. -->
  <xsl:variable name="r:rend-elements" as="map(xs:string, xs:string)" select="map {
      'italic': 'i', 'italics': 'i', 'i': 'i', 'bold': 'b', 'b': 'b', 'sup': 'sup',
      'super': 'sup', 'superscript': 'sup', 'sub': 'sub', 'subscript': 'sub', 'underline': 'u',
      'u': 'u', 'strikethrough': 's', 'strike': 's'}"/>

  <xsl:template match="hi" mode="r:main" as="element()">
    <xsl:variable name="rend" as="xs:string" select="lower-case(normalize-space(@rend))"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element"
          select="if (map:contains($r:rend-elements, $rend)) then $r:rend-elements($rend)
                  else 'span'" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
      <xsl:with-param name="class" select="'hi'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="emph" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'em'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="foreign | mentioned" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'i'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="title" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="if (@level = ('a', 'u')) then 'span' else 'cite'"/>
      <xsl:with-param name="class" select="'title' || (@level ! (' title-' || r:token-class('level', .)))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="term | gloss | soCalled | distinct | num
      | measure | time | roleName | forename | surname | addName | genName | nameLink
      | affiliation | street | postCode | postBox | email | author
      | editor | publisher | pubPlace | distributor | authority | idno | biblScope | edition
      | extent | series | respStmt | resp | unit
      | country | region | settlement | district | bloc | geog | desc | interp | span"
      mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="gb | anchor" mode="r:main" as="node()*">
    <xsl:if test="self::gb and r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:if test="@xml:id or node()">
      <!-- empty by definition, but a span of text wrapped in one keeps its words -->
      <span class="{local-name()}">
        <xsl:if test="@xml:id">
          <xsl:attribute name="id" select="@xml:id"/>
        </xsl:if>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- index, alt and link groups are metadata about the text, not text. -->
  <xsl:template match="index | alt | altGrp | link | linkGrp | join | joinGrp | timeline
      | certainty | precision | respons" mode="r:main" as="empty-sequence()"/>

</xsl:stylesheet>

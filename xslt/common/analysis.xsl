<?xml version="1.0" encoding="UTF-8"?>
<!--
  Simple analytic mechanisms (TEI Guidelines chapter 17): words (w), morphemes (m), characters
  (c), punctuation (pc), s-units (s), clauses (cl), phrases (phr) and generic segments (seg).
  They render as spans with their name as class; what this module is about is that no word
  boundary the encoding makes is lost: two adjacent tokens with nothing between them
  ("<w>Who's</w><w>there</w>") are set off by a space (base.xsl r:space-before), while
  punctuation keeps to its word and the parts of one word (m, c, a w in a w) stay joined.
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

  <xsl:template match="w | pc | seg | s | cl | phr | m | c" mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A token's linguistic annotation (att.linguistic: its lemma, part of speech and
       morphosyntactic description) is what a reader of an annotated corpus looks a word up
       for: it is the token's title, read on hover, never words of the text. -->
  <xsl:template match="(w | pc | m)[normalize-space(@lemma) or normalize-space(@pos)
      or normalize-space(@msd)]" mode="r:main" as="node()+" priority="2">
    <xsl:call-template name="r:word-space"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:attribute name="title" select="string-join((
          @lemma[normalize-space()] ! r:msg('w.lemma', normalize-space(.)),
          @pos[normalize-space()] ! r:msg('w.pos', normalize-space(.)),
          @msd[normalize-space()] ! r:msg('w.msd', normalize-space(.))), '; ')"/>
      <xsl:call-template name="r:fields">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:call-template>
    </span>
  </xsl:template>

</xsl:stylesheet>

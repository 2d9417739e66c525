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
    xmlns:me="http://www.menota.org/ns/1.0"
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

  <!-- An empty character whose @rendition names nothing the document declares (probe 24: the
       Schnitzler letters' <c rendition="#kaufmannsund"/>, the "&" of "Holzwarth & Ortony",
       declared in the project's schema alone) showed nothing; its name stands in brackets,
       as that of a glyph declared nowhere does (inline.xsl, g). -->
  <xsl:template match="c[not(node())][normalize-space(@rendition)][not(some $p in
      tokenize(normalize-space(@rendition)) satisfies exists(key('r:entry', replace($p, '^#', ''))))]"
      mode="r:main" as="node()+" priority="1">
    <xsl:variable name="name" as="xs:string"
        select="string-join(tokenize(normalize-space(@rendition)) ! r:token-words(.), ', ')"/>
    <xsl:call-template name="r:word-space"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'c g-decl'"/>
      </xsl:call-template>
      <xsl:attribute name="title" select="$name"/>
      <xsl:value-of select="'[' || $name || ']'"/>
    </span>
  </xsl:template>

  <!-- A token's linguistic annotation (att.linguistic: its lemma, part of speech and
       morphosyntactic description) is what a reader of an annotated corpus looks a word up
       for: it is the token's title, read on hover, never words of the text. So are the
       features of a feature structure its @ana points at (Guidelines 18), "case: genitive",
       which were not shown (the linguistic annotation items of docs/known-gaps.md), and
       Menota's me:msa, its morphology. -->
  <xsl:template match="(w | pc | m)[normalize-space(@lemma) or normalize-space(@pos)
      or normalize-space(@msd) or normalize-space(@me:msa) or exists(r:token-features(.))]"
      mode="r:main" as="node()+" priority="2">
    <xsl:call-template name="r:word-space"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:attribute name="title" select="string-join((
          @lemma[normalize-space()] ! r:msg('w.lemma', normalize-space(.)),
          @pos[normalize-space()] ! r:msg('w.pos', normalize-space(.)),
          @msd[normalize-space()] ! r:msg('w.msd', normalize-space(.)),
          (: Menota's morphosyntactic analysis (me:msa, its Handbook's att.linguistic), which
             was not shown (probe 19) :)
          @me:msa[normalize-space()][empty(../@msd)] ! r:msg('w.msd', normalize-space(.)),
          r:token-features(.)), '; ')"/>
      <xsl:call-template name="r:fields">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:call-template>
    </span>
  </xsl:template>

  <!-- "name: value" of each feature of the feature structures (fs) a token's @ana points at in
       its document: a symbol's, number's or truth value's @value, a string's words, a
       feature's own words; several values (a vColl, alternatives) joined by commas. -->
  <xsl:function name="r:token-features" as="xs:string*">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="structures" as="element(fs)*" select="distinct-values(
        tokenize(normalize-space($token/@ana))[starts-with(., '#')] ! substring(., 2))
        ! key('r:entry', ., root($token))[self::fs]"/>
    <xsl:for-each select="$structures/f[normalize-space(@name)]">
      <xsl:variable name="values" as="xs:string*" select="(descendant::*[self::symbol
          or self::numeric or self::binary]/@value, descendant::string,
          self::f[empty(*)])[normalize-space()] ! normalize-space(.)"/>
      <xsl:if test="exists($values)">
        <xsl:sequence select="normalize-space(@name) || ': ' || string-join($values, ', ')"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

</xsl:stylesheet>

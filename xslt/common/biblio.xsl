<?xml version="1.0" encoding="UTF-8"?>
<!--
  Bibliography and links: bibl, biblStruct and their parts, ref and ptr. A link target passes
  the URL allow-list of base.xsl (http, https, mailto, relative; "file.xml#id" becomes the
  reading page of that text); a target that fails it renders as plain text, the words kept.
  Lists of bibliographic items (listBibl) are lists (blocks.xsl).
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

  <xsl:template match="bibl | biblStruct | biblFull | analytic | monogr | imprint | citedRange
      | relatedItem" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <!-- A reference that holds a list of others (sourceDesc/bibl/relatedItem/listBibl)
           is a block of blocks: a p could not hold the list. -->
      <xsl:when test="not($r:phrasing) and not(r:is-inline(.))
          and exists((listBibl | relatedItem)/(listBibl | bibl | biblStruct) | listBibl)">
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'div'"/>
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="not($r:phrasing) and self::relatedItem and exists(listBibl | bibl)">
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'div'"/>
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$r:phrasing or r:is-inline(.) or not(self::bibl or self::biblStruct)">
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'p'"/>
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="ref" mode="r:main" as="element()">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="href" as="xs:string?" select="r:href(@target)"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not($r:in-link)">
        <a href="{$href}">
          <!-- shows-url: the words are the address itself; a printout adds it to no other -->
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'ref' || (if (normalize-space() = ('', $href)
                or normalize-space() = replace($href, '^[a-z]+://', '')) then ' shows-url' else '')"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <!-- a ref without words shows where it goes, as a ptr does: never an empty link -->
          <xsl:if test="not(normalize-space()) and empty(*)">
            <span class="ref-url"><xsl:value-of select="$href"/></span>
          </xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="'ref'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ptr has no text: the link shows its own target. -->
  <xsl:template match="ptr" mode="r:main" as="element()?">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="href" as="xs:string?" select="r:href(@target)"/>
    <xsl:choose>
      <xsl:when test="empty($href)"/>
      <xsl:when test="$r:in-link">
        <span class="ptr"><xsl:value-of select="$href"/></span>
      </xsl:when>
      <xsl:otherwise>
        <a href="{$href}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'ptr'"/>
          </xsl:call-template>
          <xsl:value-of select="$href"/>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

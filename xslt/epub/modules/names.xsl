<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and the links between the text and the book's own index (mode ee:text).

  A name that resolved to a register entry (ed:entity, set by normalisation) links to its entry
  in index.xhtml (the entry's id is the register xml:id) and keeps its mention id (m12) so the
  index can link back to it. Links do not nest in HTML: a name inside another link (a nested
  placeName, a name inside a ref) keeps its id on a span. Without an index there are no links.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:ee="urn:edition:epub"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- True when the book has an index document (index.xhtml). -->
  <xsl:param name="has-index" as="xs:boolean" select="false()"/>

  <xsl:variable name="ee:index-file" as="xs:string" select="'index.xhtml'"/>

  <!-- Elements that become an HTML link. -->
  <xsl:function name="ee:is-link" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:ref | self::tei:ptr)[@target])
        or ($has-index and exists($e[ee:is-name(.)]/@ed:entity))"/>
  </xsl:function>

  <xsl:function name="ee:is-name" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:persName | self::tei:placeName | self::tei:orgName
        | self::tei:name | self::tei:rs | self::tei:geogName | self::tei:objectName))"/>
  </xsl:function>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs
      | tei:geogName | tei:objectName" mode="ee:text">
    <xsl:variable name="class" as="xs:string"
        select="string-join(('name', @ed:kind, local-name()), ' ')"/>
    <xsl:choose>
      <xsl:when test="$has-index and @ed:entity and empty(ancestor::*[ee:is-link(.)])">
        <a href="{$ee:index-file}#{@ed:entity}" class="{$class}">
          <xsl:call-template name="ee:id"/>
          <xsl:call-template name="ee:lang"/>
          <xsl:apply-templates mode="ee:text">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}">
          <xsl:call-template name="ee:id"/>
          <xsl:call-template name="ee:lang"/>
          <xsl:apply-templates mode="ee:text">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

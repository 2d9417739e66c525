<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB override of the shared rendering (mode r:main) for names: the book's own index instead
  of the web index pages and popovers.

  A name that resolved to a register entry (ed:entity, set by normalisation) links to its entry
  in index.xhtml (the entry's id is the register xml:id) and keeps its mention id (m12), which
  the index links back to. Links do not nest: inside a link (r:in-link) a name keeps its id on
  a span. Without an index ($has-index false) names are spans. No buttons, no popovers, no
  script.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- True when the book has an index document (index.xhtml). -->
  <xsl:param name="has-index" as="xs:boolean" select="exists($ee:index-entities)"/>

  <xsl:variable name="ee:index-file" as="xs:string" select="'index.xhtml'"/>

  <!-- A register entry kept in the text links to its entry in the book's index, when the
       book's index lists it (a person the text never mentions is not there). -->
  <xsl:function name="r:entry-href" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($has-index and $entry/@xml:id = $ee:index-entities/@id)
        then $ee:index-file || '#' || $entry/@xml:id else ()"/>
  </xsl:function>

  <!-- An entry the book's index lists (a correspondent of a letter's head, say): there,
       not on the web's index pages, which are not in the book. -->
  <xsl:function name="r:entity-href" as="xs:string?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:sequence select="if ($has-index and $id = $ee:index-entities/@id)
        then $ee:index-file || '#' || $id else ()"/>
  </xsl:function>

  <xsl:function name="ee:is-name" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:persName | self::tei:placeName | self::tei:orgName
        | self::tei:name | self::tei:rs | self::tei:geogName | self::tei:objectName
        | self::tei:eventName | (self::tei:settlement | self::tei:region | self::tei:country
        | self::tei:district | self::tei:bloc)[@ref or @key]))"/>
  </xsl:function>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs
      | tei:geogName | tei:objectName | tei:eventName | (tei:settlement | tei:region
      | tei:country | tei:district | tei:bloc)[@ref or @key]" mode="r:main" as="node()+">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:variable name="class" as="xs:string" select="string-join(('name', local-name(),
        (@ed:kind ! r:token-class('kind', .))), ' ')"/>
    <xsl:choose>
      <xsl:when test="$has-index and @ed:entity and not($r:in-link)">
        <a href="{$ee:index-file}#{@ed:entity}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="$class"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Page breaks of the source (pb): the EPUB override of the shared rendering (mode r:main) and
  the label every page is known by (shared by the marker, the nav's page-list and the index).

  The marker is an empty span with epub:type pagebreak, role doc-pagebreak and the page's
  label as its accessible name; its id is the pb's normalized xml:id (page12). A pb without
  @n is labelled by its position among the text's pbs. The page's image comes before it when
  the book carries the facsimile (facsimile.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:accumulator name="ee:page-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:pb[not((@ed or @edRef) and r:secondary-pb(.))]"
        select="$value + 1"/>
  </xsl:accumulator>

  <!-- The label of the page a node is on (empty before the first pb). -->
  <xsl:accumulator name="ee:page" as="xs:string?" initial-value="()">
    <xsl:accumulator-rule match="tei:pb[not((@ed or @edRef) and r:secondary-pb(.))]"
        select="ee:page-label(.)"/>
  </xsl:accumulator>

  <xsl:function name="ee:page-label" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="if (normalize-space($pb/@n) != '') then normalize-space($pb/@n)
        else string($pb/accumulator-before('ee:page-number'))"/>
  </xsl:function>

  <!-- A page break of a second pagination (common/base.xsl: r:secondary-pb) is no page of the
       book's page list: only its anchor stays. -->
  <xsl:template match="tei:pb[@ed or @edRef][r:secondary-pb(.)]" mode="r:main" as="node()+"
      priority="2">
    <xsl:if test="r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <span class="pb-secondary">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:pb" mode="r:main" as="node()+">
    <!-- between two words with no whitespace: a space, or they would run together -->
    <xsl:if test="r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:call-template name="ee:page-image">
      <xsl:with-param name="pb" select="."/>
    </xsl:call-template>
    <!-- inside a footnote, no page break of the book: the page list leaves it out (nav.xsl),
         and Ace asks every page break to be in it -->
    <xsl:choose>
      <xsl:when test="ancestor::tei:note[ee:called(.)]">
        <span class="pb-in-note">
          <xsl:if test="@xml:id">
            <xsl:attribute name="id" select="@xml:id"/>
          </xsl:if>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <span epub:type="pagebreak" role="doc-pagebreak" aria-label="{ee:page-label(.)}">
          <xsl:if test="@xml:id">
            <xsl:attribute name="id" select="@xml:id"/>
          </xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

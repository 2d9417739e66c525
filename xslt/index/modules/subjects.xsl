<?xml version="1.0" encoding="UTF-8"?>
<!--
  The subject index of the texts (TEI index and term, xslt/common/subjects.xsl) as records of
  the entity index, which pipeline/builders/index_merge.py adds up over the corpus and
  xslt/index/modules/page-subjects.xsl lays out as subjects.html:

  <ed:subjects>                          only when a text has an index entry
    <ed:subject index="" ...where...>    one per path of terms of an entry, document order;
                                         index: its @indexName ("" for the unnamed index)
      <ed:term sort="" same="" lang="">words</ed:term>+   from the outermost term down
    </ed:subject>
  </ed:subjects>

  Where an entry is: document, file (the reading page it is on), mention (its anchor),
  section, heading, part, page and page-id, as a mention record says them (mentions.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="xs tei r">

  <xsl:import href="../../common/subjects.xsl"/>

  <xsl:template name="ed:subjects" as="element(ed:subjects)?">
    <xsl:param name="texts" as="element()*" required="yes"/>
    <xsl:variable name="entries" as="element(tei:index)*"
        select="$texts ! r:subject-entries(.)"/>
    <xsl:if test="exists($entries)">
      <ed:subjects>
        <xsl:for-each select="$entries">
          <xsl:variable name="where" as="attribute()*">
            <xsl:call-template name="ed:subject-place"/>
          </xsl:variable>
          <xsl:variable name="name" as="xs:string" select="r:index-name(.)"/>
          <xsl:for-each select="r:subject-paths(.)">
            <ed:subject index="{$name}">
              <xsl:sequence select="$where"/>
              <xsl:for-each select="r:term">
                <ed:term>
                  <xsl:sequence select="@*"/>
                  <xsl:value-of select="."/>
                </ed:term>
              </xsl:for-each>
            </ed:subject>
          </xsl:for-each>
        </xsl:for-each>
      </ed:subjects>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:subject-place" as="attribute()*">
    <xsl:context-item as="element(tei:index)" use="required"/>
    <xsl:variable name="section" as="element()?" select="ed:section(.)"/>
    <xsl:variable name="page" as="element(tei:pb)?" select="accumulator-before('ed:page')"/>
    <xsl:attribute name="document" select="ancestor::ed:document[1]/@ed:stem"/>
    <xsl:attribute name="file" select="ed:file(.)"/>
    <xsl:attribute name="mention" select="@xml:id"/>
    <xsl:attribute name="section" select="$section/@xml:id"/>
    <xsl:attribute name="heading" select="($section ! r:main-head(.) ! ed:text(.), '')[1]"/>
    <xsl:call-template name="ed:part">
      <xsl:with-param name="section" select="$section"/>
    </xsl:call-template>
    <xsl:attribute name="page" select="$page/@n"/>
    <xsl:attribute name="page-id" select="$page/@xml:id"/>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  One part of a book (named template ee:content-part, called by xslt/epub/book.xsl):
  normalized TEI -> the book's metadata record, its title page and its
  content documents, wrapped as
    <ee:book> <ee:metadata/> <ee:document href="title.xhtml">html</ee:document> ... </ee:book>
  Python (pipeline/builders/epub.py) serialises each document and writes the package.

  Parameters: $has-index (names link to index.xhtml), $max-chars (document size, plan.xsl).
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

  <xsl:template name="ee:content-part" as="element()">
    <xsl:variable name="text" as="element()" select="r:main-text(tei:TEI)"/>
    <ee:book>
      <xsl:call-template name="ee:metadata">
        <xsl:with-param name="text" select="$text"/>
      </xsl:call-template>
      <xsl:call-template name="ee:titlepage"/>
      <xsl:call-template name="ee:witnesses-document"/>
      <xsl:for-each select="$ee:plan">
        <xsl:call-template name="ee:unit">
          <xsl:with-param name="unit" select="."/>
          <xsl:with-param name="r:dir" select="ee:direction()" tunnel="yes"/>
        </xsl:call-template>
      </xsl:for-each>
    </ee:book>
  </xsl:template>

  <xsl:template name="ee:unit" as="element(ee:document)">
    <xsl:param name="unit" as="map(*)" required="yes"/>
    <xsl:variable name="nodes" as="node()*" select="$unit?before, $unit?lead, $unit?nodes, $unit?after"/>
    <xsl:variable name="first-div" as="element()?"
        select="($unit?lead, $unit?nodes/descendant-or-self::*[ee:is-div(.)])[1]"/>
    <xsl:variable name="partitions" as="element()*" select="if ($unit?whole
        and exists($unit?nodes[self::tei:front or self::tei:back])) then
        $unit?nodes[self::tei:front or self::tei:body or self::tei:group or self::tei:back]
        else ()"/>
    <xsl:call-template name="ee:document">
      <xsl:with-param name="href" select="$unit?file"/>
      <xsl:with-param name="title" select="
          if ($unit?whole or empty($first-div)) then ee:title()
          else ee:label($first-div) || ' — ' || ee:title()"/>
      <!-- a text of one content document with front or back matter has its partitions on
           its front, body and back (ee:partitions), not one for all on the document's body
           (probe 161: a title page and a preface in a body of bodymatter) -->
      <xsl:with-param name="body-type" select="if (exists($partitions)) then ()
          else ($unit?matter, 'bodymatter')[1]"/>
      <xsl:with-param name="content" as="node()*">
        <!-- a catalogue record's text is its manuscript description; a transcription's
             book opens with the description of its manuscript -->
        <xsl:if test="$unit?file = $ee:plan[1]?file">
          <xsl:for-each select="$ee:tei">
            <xsl:call-template name="r:shown-descriptions">
              <xsl:with-param name="collapsed" select="false()"/>
              <xsl:with-param name="r:level" select="1" tunnel="yes"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:if>
        <xsl:apply-templates select="$unit?before" mode="r:main"/>
        <xsl:choose>
          <xsl:when test="exists($unit?lead)">
            <xsl:apply-templates select="$unit?lead" mode="r:main">
              <xsl:with-param name="content" select="$unit?nodes"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="$unit?nodes" mode="r:main">
              <xsl:with-param name="ee:partitions" select="$partitions" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:apply-templates select="$unit?after" mode="r:main"/>
        <xsl:call-template name="ee:footnotes">
          <xsl:with-param name="nodes" select="$unit?before, $unit?nodes, $unit?after"/>
        </xsl:call-template>
        <!-- an apparatus and notes kept in the standOff end the text (r:href-of, ee:href lead
             there) -->
        <xsl:if test="$unit?file = $ee:plan[last()]?file">
          <xsl:call-template name="r:standoff-apparatus">
            <xsl:with-param name="tei" select="$ee:tei"/>
          </xsl:call-template>
          <xsl:call-template name="r:standoff-notes">
            <xsl:with-param name="tei" select="$ee:tei"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Labels of the book's parts: what the nav, the landmarks, document titles and index locators
  call a div. A div's label is its head (notes and page breaks left out); a div without head
  is named after its type ("Introduction"), numbered among its siblings of that type when
  there are several ("Chapter 3"), or "Section N".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ee="urn:edition:epub"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="#all">

  <xsl:function name="ee:label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="head" as="xs:string" select="r:plain(r:main-head($div))"/>
    <xsl:choose>
      <xsl:when test="$head != ''">
        <xsl:sequence select="$head"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="type" as="xs:string" select="normalize-space($div/@type)"/>
        <!-- numbered among the divisions the contents list (nav.xsl): a Hebrew play's
             empty division, left out, made them "Section 2, Section 4" (probe 47) -->
        <xsl:variable name="same" as="element()*" select="$div/../*[ee:is-div(.)]
            [normalize-space(@type) = $type][. is $div or not(r:nothing-to-read(.))]"/>
        <!-- a type the catalogue names (div.chapter = "Chapter"), else the type itself -->
        <xsl:variable name="name" as="xs:string" select="if ($type = '') then r:msg('toc.section')
            else if ($type = 'titlepage') then r:msg('epub.titlepage')
            else r:div-kind($type)"/>
        <!-- parts of one type in two languages are told apart by their language (r:part-title:
             "Translation (Italian)"), not by their number -->
        <xsl:variable name="part" as="xs:string?" select="r:part-title($div)"/>
        <xsl:sequence select="if (exists($part) and $part ne r:msg('div.' || r:part-type($div)))
            then $part
            (: an EpiDoc textpart by its label on the page (Chest b, probe 29), not by a number :)
            else if ($type = 'textpart' and (normalize-space($div/@n) or normalize-space($div/@subtype)))
            then r:textpart-label($div)
            else if (count($same) gt 1 or $type = '')
            then $name || ' ' || (index-of($same ! generate-id(.), generate-id($div))[1])
            else $name"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Whether a div's label is its own words (its head) rather than the interface's. -->
  <xsl:function name="ee:has-head" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="r:plain(r:main-head($div)) != ''"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Labels of the book's parts: what the nav, the landmarks, document titles and index locators
  call a div. A div's label is its head (notes and page breaks left out); a div without head
  is named after its type ("Introduction") and its @n ("Chapter 4"), else numbered among its
  siblings of that type when there are several ("Chapter 3"), or "Section N".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
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
             empty division, left out, made them "Section 2, Section 4" (probe 47); those
             numbers are counted once for the parent (ee:readable-numbers), and only a
             division the contents leave out is counted among its siblings here -->
        <xsl:variable name="numbers" as="map(xs:string, xs:integer)" select="if (exists($div/..))
            then ee:readable-numbers($div/.., $type) else map { }"/>
        <xsl:variable name="own" as="xs:integer?" select="$numbers(generate-id($div))"/>
        <xsl:variable name="same" as="element()*" select="if (exists($own)) then ()
            else $div/../*[ee:is-div(.)][normalize-space(@type) = $type]
                [. is $div or not(r:nothing-to-read(.))]"/>
        <xsl:variable name="count" as="xs:integer"
            select="if (exists($own)) then map:size($numbers) else count($same)"/>
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
            (: its own number (Guidelines 1.3.1, @n), not its place among its siblings: an
               unheaded chapter numbered 4 was Chapter 1 (probe 54) :)
            else if (normalize-space($div/@n) != '' and $type != 'titlepage')
            then r:kind-numbered($name, normalize-space($div/@n))
            else if ($count gt 1 or $type = '')
            then $name || ' ' || ($own, index-of($same ! generate-id(.), generate-id($div)))[1]
            else $name"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The number of each division of $type under $parent that the contents list, by id.
       Cached: the nav, the landmarks, the documents' titles and every index locator ask a
       division's label, and counting its siblings each time made a book of 2,000 unheaded
       articles take 16 times the time of one of 500. -->
  <xsl:function name="ee:readable-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="parent" as="node()"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="readable" as="element()*" select="$parent/*[ee:is-div(.)]
        [normalize-space(@type) = $type][not(r:nothing-to-read(.))]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($readable)
        return map:entry(generate-id($readable[$i]), $i))"/>
  </xsl:function>

  <!-- Whether a div's label is its own words (its head) rather than the interface's. -->
  <xsl:function name="ee:has-head" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="r:plain(r:main-head($div)) != ''"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The book's plan: which content document each part of the text goes to (the rules are those of
  xslt/common/plan.xsl, weighed in characters of text only: $max-chars per document).

  Every entry stylesheet of the EPUB (content, nav, index) includes this module, so the three of
  them agree on file names without passing state between transforms. Documents are
  text-001.xhtml, text-002.xhtml ...
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    exclude-result-prefixes="#all">

  <xsl:import href="../../common/plan.xsl"/>

  <!-- Characters of text per content document; ~300 KB of XHTML with markup overhead. -->
  <xsl:param name="max-chars" as="xs:integer" select="150000"/>

  <xsl:function name="ee:is-div" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="r:plan-is-div($node)"/>
  </xsl:function>

  <!-- The plan of the text being transformed, and where each of its nodes landed. -->
  <xsl:variable name="ee:plan" as="map(*)*" select="r:plan-files(
      r:plan((/tei:TEI/tei:text, /tei:TEI/tei:sourceDoc, /tei:text)[1], $max-chars, 0),
      function($n as xs:integer) as xs:string { 'text-' || format-number($n, '000') || '.xhtml' })"/>

  <xsl:variable name="ee:file-of" as="map(xs:string, xs:string)" select="r:plan-file-map($ee:plan)"/>

  <!-- The content document holding a node of the text. -->
  <xsl:function name="ee:file" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="r:plan-file-of($ee:file-of, $node, $ee:plan[1]?file)"/>
  </xsl:function>

  <!-- A link from another document of the book to an element with an id; what the standOff
       keeps (notes, an apparatus) ends the last one. -->
  <xsl:function name="ee:href" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:sequence select="(if (exists($target/ancestor::tei:standOff)) then $ee:plan[last()]?file
        else ee:file($target)) || '#' || $target/@xml:id"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The book's plan: which content document each part of the text goes to.

  Every entry stylesheet of the EPUB (content, nav, index) imports this module, so the three of
  them agree on file names without passing state between transforms: the plan is a pure
  function of the normalized TEI and of $max-chars.

  Rules:
  - a text whose characters fit in $max-chars is one document (text-001.xhtml);
  - otherwise every top-level div (child of front, body, back) is a document; a div larger than
    $max-chars that has child divs is split again at its child divs: its leading material
    (head, epigraphs, ...) becomes a small document of its own, holding the div's section;
  - material between divs travels with the div that follows it; a unit without any text (a
    lone pb or milestone) is merged into the next unit, so no document is empty.
  Document sizes are estimated from string-length() of the text, never by serialising it.

  A unit is a map: 'nodes' (the TEI nodes rendered in it, in order), optionally 'lead' (a div
  whose section opens in this unit and holds 'nodes'), 'file' (the document name) and 'matter'
  (front, body or back: the EPUB structural semantics of the document).
  generate-id() is used only for lookups inside one run, never written to the output.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ee="urn:edition:epub"
    exclude-result-prefixes="#all">

  <!-- Characters of text per content document; ~300 KB of XHTML with markup overhead. -->
  <xsl:param name="max-chars" as="xs:integer" select="150000"/>

  <xsl:function name="ee:is-div" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/(self::tei:div | self::tei:div1 | self::tei:div2
        | self::tei:div3 | self::tei:div4 | self::tei:div5))"/>
  </xsl:function>

  <xsl:function name="ee:child-divs" as="element()*">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="$div/*[ee:is-div(.)]"/>
  </xsl:function>

  <xsl:function name="ee:big" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="string-length(string($div)) gt $max-chars
        and exists(ee:child-divs($div))"/>
  </xsl:function>

  <!-- Units for a run of sibling nodes: each unit ends with a div; big divs are split. -->
  <xsl:function name="ee:split" as="map(*)*">
    <xsl:param name="nodes" as="element()*"/>
    <xsl:for-each-group select="$nodes" group-ending-with="*[ee:is-div(.)]">
      <xsl:variable name="div" as="element()?" select="current-group()[last()][ee:is-div(.)]"/>
      <xsl:choose>
        <xsl:when test="exists($div) and ee:big($div)">
          <xsl:variable name="loose" as="element()*" select="current-group() except $div"/>
          <xsl:if test="exists($loose)">
            <xsl:sequence select="map { 'nodes': $loose }"/>
          </xsl:if>
          <xsl:variable name="first" as="element()" select="ee:child-divs($div)[1]"/>
          <xsl:sequence select="map { 'lead': $div, 'nodes': $div/*[. &lt;&lt; $first] }"/>
          <xsl:sequence select="ee:split($div/*[not(. &lt;&lt; $first)])"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="map { 'nodes': current-group() }"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:function>

  <xsl:function name="ee:empty-unit" as="xs:boolean">
    <xsl:param name="unit" as="map(*)"/>
    <xsl:sequence select="not(exists($unit?lead))
        and normalize-space(string-join($unit?nodes, '')) = ''
        and empty($unit?nodes/descendant-or-self::tei:figure)"/>
  </xsl:function>

  <!-- Merge units without text into the next unit (or into the previous one at the end). -->
  <xsl:function name="ee:merge" as="map(*)*">
    <xsl:param name="units" as="map(*)*"/>
    <xsl:iterate select="$units">
      <xsl:param name="pending" as="element()*" select="()"/>
      <xsl:param name="done" as="map(*)*" select="()"/>
      <xsl:on-completion>
        <xsl:choose>
          <xsl:when test="empty($pending)">
            <xsl:sequence select="$done"/>
          </xsl:when>
          <xsl:when test="empty($done)">
            <xsl:sequence select="map { 'nodes': $pending }"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="last" as="map(*)" select="$done[last()]"/>
            <xsl:sequence select="$done[position() lt last()],
                map:put($last, 'after', ($last?after, $pending))"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:on-completion>
      <xsl:choose>
        <xsl:when test="ee:empty-unit(.)">
          <xsl:next-iteration>
            <xsl:with-param name="pending" select="$pending, ?nodes"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:next-iteration>
            <xsl:with-param name="pending" select="()"/>
            <xsl:with-param name="done" select="$done, map:put(., 'before', $pending)"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- $text: a text, or a documentary transcription (sourceDoc), whose pages are documents
       when it is too big for one. -->
  <xsl:function name="ee:plan" as="map(*)*">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="parts" as="element()*" select="$text/(tei:front | tei:body | tei:back)"/>
    <xsl:variable name="units" as="map(*)*">
      <xsl:choose>
        <xsl:when test="string-length(string($text)) le $max-chars">
          <xsl:sequence select="map { 'nodes': $text/node()[not(self::text())], 'whole': true() }"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$text/*">
            <xsl:variable name="matter" as="xs:string" select="ee:matter(.)"/>
            <xsl:sequence select="(if (. intersect $parts) then ee:split(*) else map { 'nodes': . })
                ! map:put(., 'matter', $matter)"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="ee:merge($units)">
      <xsl:sequence select="map:put(., 'file', 'text-' || format-number(position(), '000') || '.xhtml')"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="ee:matter" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="if ($part/self::tei:front) then 'frontmatter'
        else if ($part/self::tei:back) then 'backmatter' else 'bodymatter'"/>
  </xsl:function>

  <!-- The plan of the text being transformed, and where each of its nodes landed. -->
  <xsl:variable name="ee:plan" as="map(*)*"
      select="ee:plan((/tei:TEI/tei:text, /tei:TEI/tei:sourceDoc, /tei:text)[1])"/>

  <xsl:variable name="ee:file-of" as="map(xs:string, xs:string)">
    <xsl:map>
      <xsl:for-each select="$ee:plan">
        <xsl:variable name="file" as="xs:string" select="?file"/>
        <xsl:for-each select="?before, ?lead, ?nodes, ?after">
          <xsl:map-entry key="generate-id(.)" select="$file"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <!-- The content document holding a node of the text. -->
  <xsl:function name="ee:file" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="holder" as="node()?"
        select="($node/ancestor-or-self::node()[map:contains($ee:file-of, generate-id(.))])[last()]"/>
    <xsl:sequence select="if (exists($holder)) then $ee:file-of(generate-id($holder))
        else $ee:plan[1]?file"/>
  </xsl:function>

  <!-- A link from another document of the book to an element with an id. -->
  <xsl:function name="ee:href" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:sequence select="ee:file($target) || '#' || $target/@xml:id"/>
  </xsl:function>

</xsl:stylesheet>

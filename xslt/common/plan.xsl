<?xml version="1.0" encoding="UTF-8"?>
<!--
  The plan of a long text: which file each part of it goes to. Shared by the book (an EPUB's
  content documents, epub/modules/plan.xsl), the web edition (a long text's reading pages,
  html/modules/parts.xsl) and the entity index (which page each name is on, index/entities.xsl),
  so that all of them agree without passing state between transforms: a plan is a pure
  function of the normalized TEI and of a size.

  Rules:
  - a text whose weight fits in $max is one unit;
  - otherwise every top-level div (child of front, body, back) is a unit; a div heavier than
    $max that has child divs is split again at its child divs: its leading material (head,
    epigraphs, ...) becomes a small unit of its own ('lead': the div whose section opens there);
  - material between divs travels with the div that follows it; a unit without any text (a
    lone pb or milestone) is merged into the next unit, so no unit is empty;
  - the divisions of a parallel text (a text and its translation side by side, counterparts.xsl)
    are one unit, unless one of them is split.
  The weight of a node is its number of characters of text plus $per-element for each element
  in it (the markup a writer adds around them), estimated, never by rendering or serialising.

  A unit is a map: 'nodes' (the TEI nodes rendered in it, in order), optionally 'lead',
  'before' and 'after' (merged material), 'whole' (the text is one unit) and 'matter'
  (frontmatter, bodymatter or backmatter). Writers add 'file'.
  generate-id() is used only for lookups inside one run, never written to the output.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="#all">

  <xsl:import href="counterparts.xsl"/>

  <!-- Characters of HTML an element adds to its text on a reading page (its tags, ids and
       classes), as measured on the ELTeC novels (between 30 and 55): the weight of an element
       in the plan of the reading pages (html/modules/parts.xsl, index/entities.xsl). -->
  <xsl:variable name="r:html-markup-weight" as="xs:integer" select="50"/>

  <!-- The reading pages of a text of the web edition: none when it is one page, else its
       units with their files (<stem><sep>1.html ...), for a page weight of $chars. -->
  <xsl:function name="r:html-parts" as="map(*)*">
    <xsl:param name="text" as="element(tei:text)?"/>
    <xsl:param name="stem" as="xs:string"/>
    <xsl:param name="chars" as="xs:integer"/>
    <xsl:param name="separator" as="xs:string"/>
    <xsl:variable name="units" as="map(*)*" select="if ($chars le 0 or empty($text)) then ()
        else r:plan($text, $chars, $r:html-markup-weight)"/>
    <xsl:sequence select="if (count($units) le 1) then () else r:plan-files($units,
        function($n as xs:integer) as xs:string { $stem || $separator || $n || '.html' })"/>
  </xsl:function>

  <xsl:function name="r:plan-is-div" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/(self::tei:div | self::tei:div1 | self::tei:div2
        | self::tei:div3 | self::tei:div4 | self::tei:div5))"/>
  </xsl:function>

  <xsl:function name="r:plan-child-divs" as="element()*">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="$div/*[r:plan-is-div(.)]"/>
  </xsl:function>

  <xsl:function name="r:plan-weight" as="xs:integer">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="per-element" as="xs:integer"/>
    <xsl:sequence select="string-length(string($node))
        + (if ($per-element gt 0) then $per-element * count($node/descendant-or-self::*) else 0)"/>
  </xsl:function>

  <xsl:function name="r:plan-big" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:param name="size" as="map(xs:string, xs:integer)"/>
    <xsl:sequence select="exists(r:plan-child-divs($div))
        and r:plan-weight($div, $size?per-element) gt $size?max"/>
  </xsl:function>

  <!-- Units for a run of sibling nodes: each unit ends with a div; big divs are split. -->
  <xsl:function name="r:plan-split" as="map(*)*">
    <xsl:param name="nodes" as="element()*"/>
    <xsl:param name="size" as="map(xs:string, xs:integer)"/>
    <!-- the divisions of a parallel text (counterparts.xsl) but its last go on with the next:
         a text and its translation are on one page, side by side, unless one of them is
         split itself -->
    <xsl:variable name="held" as="element()*" select="(if (exists($nodes))
        then r:parallel-runs($nodes[1]/..) else ())
        [every $div in ?* satisfies not(r:plan-big($div, $size))] ! ?*[position() lt last()]"/>
    <xsl:for-each-group select="$nodes"
        group-ending-with="*[r:plan-is-div(.)][empty(. intersect $held)]">
      <xsl:variable name="div" as="element()?" select="current-group()[last()][r:plan-is-div(.)]"/>
      <xsl:choose>
        <xsl:when test="exists($div) and r:plan-big($div, $size)">
          <xsl:variable name="loose" as="element()*" select="current-group() except $div"/>
          <xsl:if test="exists($loose)">
            <xsl:sequence select="map { 'nodes': $loose }"/>
          </xsl:if>
          <xsl:variable name="first" as="element()" select="r:plan-child-divs($div)[1]"/>
          <xsl:variable name="leading" as="element()*" select="$div/*[. &lt;&lt; $first]"/>
          <xsl:variable name="parts" as="map(*)*"
              select="r:plan-split($div/*[not(. &lt;&lt; $first)], $size)"/>
          <xsl:choose>
            <!-- a division with nothing of its own before its first division (ELTeC's
                 volumes, div type="group" without a head) opens in the unit of that one: a
                 unit of its own was an empty document of the book and an empty page of the
                 site (probe 78: "Group 1", a blank page before Wuthering Heights' first
                 chapter) -->
            <xsl:when test="r:plan-empty-unit(map { 'nodes': $leading }) and exists($parts)
                and empty($parts[1]?lead)">
              <xsl:sequence select="map:put(map:put($parts[1], 'lead', $div), 'nodes',
                  ($leading, $parts[1]?nodes)), subsequence($parts, 2)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:sequence select="map { 'lead': $div, 'nodes': $leading }"/>
              <xsl:sequence select="$parts"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="map { 'nodes': current-group() }"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:function>

  <xsl:function name="r:plan-empty-unit" as="xs:boolean">
    <xsl:param name="unit" as="map(*)"/>
    <xsl:sequence select="not(exists($unit?lead))
        and normalize-space(string-join($unit?nodes, '')) = ''
        and empty($unit?nodes/descendant-or-self::tei:figure)"/>
  </xsl:function>

  <!-- Merge units without text into the next unit (or into the previous one at the end). -->
  <xsl:function name="r:plan-merge" as="map(*)*">
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
        <xsl:when test="r:plan-empty-unit(.)">
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

  <!-- The units of a text: one ('whole') when it weighs no more than $max, else as above.
       $per-element: the weight of an element's markup (0: characters of text only). -->
  <xsl:function name="r:plan" as="map(*)*">
    <!-- a text, or a documentary transcription (sourceDoc: each of its surfaces a unit) -->
    <xsl:param name="text" as="element()"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:param name="per-element" as="xs:integer"/>
    <xsl:variable name="size" as="map(xs:string, xs:integer)"
        select="map { 'max': $max, 'per-element': $per-element }"/>
    <xsl:variable name="parts" as="element()*" select="$text/(tei:front | tei:body | tei:back)"/>
    <xsl:choose>
      <xsl:when test="r:plan-weight($text, $per-element) le $max">
        <xsl:sequence select="map { 'nodes': $text/node()[not(self::text())], 'whole': true() }"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="units" as="map(*)*">
          <xsl:for-each select="$text/*">
            <xsl:variable name="matter" as="xs:string" select="r:plan-matter(.)"/>
            <xsl:sequence select="(if (. intersect $parts) then r:plan-split(*, $size)
                else map { 'nodes': . }) ! map:put(., 'matter', $matter)"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:sequence select="r:plan-merge($units)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="r:plan-matter" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="if ($part/self::tei:front) then 'frontmatter'
        else if ($part/self::tei:back) then 'backmatter' else 'bodymatter'"/>
  </xsl:function>

  <!-- The units with file names: $name(position) for each. -->
  <xsl:function name="r:plan-files" as="map(*)*">
    <xsl:param name="units" as="map(*)*"/>
    <xsl:param name="name" as="function(xs:integer) as xs:string"/>
    <xsl:for-each select="$units">
      <xsl:sequence select="map:put(., 'file', $name(position()))"/>
    </xsl:for-each>
  </xsl:function>

  <!-- Where each node a unit holds went: generate-id() -> file (a lookup of one run). -->
  <xsl:function name="r:plan-file-map" as="map(xs:string, xs:string)">
    <xsl:param name="units" as="map(*)*"/>
    <xsl:map>
      <xsl:for-each select="$units">
        <xsl:variable name="file" as="xs:string" select="?file"/>
        <xsl:for-each select="?before, ?lead, ?nodes, ?after">
          <xsl:map-entry key="generate-id(.)" select="$file"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:map>
  </xsl:function>

  <!-- The file holding a node: that of its innermost ancestor-or-self a unit holds, else
       $default. -->
  <xsl:function name="r:plan-file-of" as="xs:string">
    <xsl:param name="files" as="map(xs:string, xs:string)"/>
    <xsl:param name="node" as="node()"/>
    <xsl:param name="default" as="xs:string"/>
    <xsl:variable name="holder" as="node()?"
        select="($node/ancestor-or-self::node()[map:contains($files, generate-id(.))])[last()]"/>
    <xsl:sequence select="if (exists($holder)) then $files(generate-id($holder)) else $default"/>
  </xsl:function>

</xsl:stylesheet>

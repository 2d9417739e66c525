<?xml version="1.0" encoding="UTF-8"?>
<!--
  Alternatives of the source (alt, altGrp: Guidelines 17.8, and 11.3.1.5 for a writer's
  alternative readings): which member the reading view reads.

  Imported last by render.xsl: a member is any element (a seg, an add, a w ...), whose own
  rendering this module's template wraps (xsl:next-match), so it must come before every
  other template of the element, whatever module has it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:r="urn:edition:render"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="i18n.xsl"/>

  <!-- Alternatives of the source (alt, Guidelines 17.8 and 11.3.1.5: the writer's
       "perceive" with "recieve" written above it, of which one is to be read; @mode excl,
       the default of an altGrp). The alt itself shows nothing (inline.xsl); its members were
       rendered one after the other, "perceiverecieve" on the page, in the book and in the
       search (probe 175). The reading view reads the member of the greatest weight
       (@weights, one per member of @target) and leaves the others to the diplomatic view;
       with no weights, or equal ones, it shows every member, set apart by a sign "|" that
       is no word of the text. The diplomatic view shows the source as written. -->
  <xsl:key name="r:alt-excl" match="alt[normalize-space(@target)]
      [(@mode, parent::altGrp/@mode, 'excl')[1] = 'excl']"
      use="tokenize(normalize-space(@target)) ! replace(., '^#', '')"/>
  <xsl:variable name="r:has-alts" as="xs:boolean"
      select="exists(/descendant::alt[normalize-space(@target)][1])"/>

  <xsl:template match="*[@xml:id][$r:has-alts or not(root(.) is $r:root)]
      [root(.) instance of document-node()][exists(key('r:alt-excl', @xml:id, root(.)))]"
      mode="r:main" as="node()*" priority="20">
    <xsl:variable name="id" as="xs:string" select="@xml:id"/>
    <xsl:variable name="alt" as="element()" select="key('r:alt-excl', $id, root(.))[1]"/>
    <xsl:variable name="tokens" as="xs:string*"
        select="tokenize(normalize-space($alt/@target)) ! replace(., '^#', '')"/>
    <xsl:variable name="members" as="element()*"
        select="$tokens ! key('r:entry', ., root($alt))[1]"/>
    <xsl:variable name="weights" as="xs:double*"
        select="tokenize(normalize-space($alt/@weights)) ! (if (. castable as xs:double)
            then xs:double(.) else xs:double('NaN'))"/>
    <xsl:variable name="weighed" as="xs:boolean" select="count($weights) eq count($tokens)
        and count($tokens) gt 1 and (every $w in $weights satisfies $w = $w)
        and count(distinct-values($weights)) gt 1"/>
    <xsl:variable name="mine" as="xs:double?" select="$weights[index-of($tokens, $id)[1]]"/>
    <xsl:choose>
      <xsl:when test="$weighed and exists($mine) and $mine lt max($weights)">
        <span class="alt-member ed-dipl">
          <xsl:if test="not($r:views)">
            <xsl:attribute name="hidden" select="'hidden'"/>
          </xsl:if>
          <xsl:attribute name="title" select="r:msg('tr.alt-other')"/>
          <xsl:next-match/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <!-- the sign before every member that another one shown precedes -->
        <xsl:if test="not($weighed) and exists($members[. &lt;&lt; current()])">
          <!-- (indexed: the words it sets apart are words of their own for the search) -->
          <span class="sign ed-read">
            <xsl:if test="not($r:views)">
              <!-- the book has the reading view alone: the sign is its text -->
              <xsl:attribute name="class" select="'sign'"/>
            </xsl:if>
            <xsl:text> | </xsl:text>
          </span>
        </xsl:if>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

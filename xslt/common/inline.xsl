<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level TEI: highlighting (hi and its @rend), emphasis, foreign words (with lang), titles,
  terms, mentioned words, line and page breaks, and the transcription and editorial elements
  (choice with sic/corr, abbr/expan, orig/reg; gap, unclear, del, add, supplied). Both readings
  of a choice are rendered (the editorial one first), so that no word of the source is lost.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>

  <!-- @rend token -> HTML element, when the whole @rend is that one token. -->
  <xsl:variable name="r:rend-elements" as="map(xs:string, xs:string)" select="map {
      'italic': 'i', 'italics': 'i', 'i': 'i', 'bold': 'b', 'b': 'b', 'sup': 'sup',
      'super': 'sup', 'superscript': 'sup', 'sub': 'sub', 'subscript': 'sub', 'underline': 'u',
      'u': 'u', 'strikethrough': 's', 'strike': 's'}"/>

  <xsl:template match="hi" mode="r:main" as="element()">
    <xsl:variable name="rend" as="xs:string" select="lower-case(normalize-space(@rend))"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element"
          select="if (map:contains($r:rend-elements, $rend)) then $r:rend-elements($rend)
                  else 'span'" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
      <xsl:with-param name="class" select="'hi'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="emph" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'em'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="foreign | mentioned" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'i'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="title" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="if (@level = ('a', 'u')) then 'span' else 'cite'"/>
      <xsl:with-param name="class" select="'title' || (@level ! (' title-' || r:token-class('level', .)))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="term | gloss | soCalled | distinct | num
      | measure | time | roleName | forename | surname | addName | genName | nameLink
      | affiliation | street | postCode | postBox | email | author
      | editor | publisher | pubPlace | distributor | authority | idno | biblScope | edition
      | extent | series | respStmt | resp | unit
      | country | region | settlement | district | bloc | geog | surplus | secl | fw
      | catchwords | signatures | lem | rdg | app | metamark | ex | am | subst | restore
      | mod | redo | undo | damage | handShift | desc | interp | span" mode="r:main"
      as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="lb" mode="r:main" as="element()?">
    <xsl:if test="not(@break = 'no')">
      <br>
        <xsl:call-template name="r:attributes"/>
      </br>
    </xsl:if>
  </xsl:template>

  <!-- A page break: a marker with the page number, whose id is the pb's xml:id; a space
       before it when it stands between two words (r:glued). -->
  <xsl:template match="pb" mode="r:main" as="node()+">
    <xsl:if test="r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'pb'"/>
      </xsl:call-template>
      <xsl:if test="normalize-space(@n)">
        <span class="pb-n"><span class="visually-hidden">page </span>
          <xsl:value-of select="normalize-space(@n)"/></span>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="cb | gb | anchor" mode="r:main" as="node()*">
    <xsl:if test="(self::cb or self::gb) and r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:if test="@xml:id or node()">
      <!-- empty by definition, but a span of text wrapped in one keeps its words -->
      <span class="{local-name()}">
        <xsl:if test="@xml:id">
          <xsl:attribute name="id" select="@xml:id"/>
        </xsl:if>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="space" mode="r:main" as="text()">
    <xsl:value-of select="' '"/>
  </xsl:template>

  <!-- index, alt and link groups are metadata about the text, not text. -->
  <xsl:template match="index | alt | altGrp | link | linkGrp | join | joinGrp | timeline
      | certainty | precision | respons" mode="r:main" as="empty-sequence()"/>

  <!-- choice: the editorial reading, then the source's in a bracket. -->
  <xsl:template match="choice" mode="r:main" as="element()">
    <xsl:variable name="preferred" as="element()?"
        select="(corr, reg, expan, seg, unclear, *)[1]"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'choice'"/>
      </xsl:call-template>
      <xsl:apply-templates select="$preferred" mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:for-each select="* except $preferred">
        <span class="alt alt-{local-name()}">
          <span class="visually-hidden">
            <xsl:value-of select="r:alt-label(.)"/>
          </span>
          <xsl:apply-templates select="." mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:function name="r:alt-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/self::sic) then 'the source reads: '
        else if ($e/self::orig) then 'original spelling: '
        else if ($e/self::abbr) then 'abbreviated: '
        else if ($e/self::expan) then 'expanded: '
        else 'or: '"/>
  </xsl:function>

  <xsl:template match="choice/*" mode="r:main" as="element()" priority="2">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="if (self::abbr) then 'abbr' else 'span'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="sic | corr | orig | reg | expan" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="abbr" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'abbr'"/>
      <xsl:with-param name="class" select="'abbr'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="del" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'del'"/>
      <xsl:with-param name="class" select="'del'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="add" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'ins'"/>
      <xsl:with-param name="class" select="'add'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="unclear | supplied" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- gap: a visible mark, and what is missing in words for screen readers. -->
  <xsl:template match="gap" mode="r:main" as="element()">
    <xsl:variable name="what" as="xs:string*" select="
        (if (@quantity or @extent) then normalize-space(string-join((@quantity, @extent), ' '))
         else ()),
        (if (@unit) then replace(@unit, '([a-z])([A-Z])', '$1 $2') ! lower-case(.) else ()),
        (if (@reason) then '(' || normalize-space(@reason) || ')' else ())"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'gap'"/>
      </xsl:call-template>
      <xsl:if test="exists($what)">
        <xsl:attribute name="title" select="'omitted: ' || string-join($what, ' ')"/>
      </xsl:if>
      <xsl:text>[…</xsl:text>
      <span class="visually-hidden">
        <xsl:value-of select="' omitted ' || string-join($what, ' ')"/>
      </span>
      <xsl:apply-templates select="desc" mode="r:main"/>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The body of the HTML index pages: one section per entity (id = register xml:id) with its
  names, note, authority links and every occurrence linked to the reading page
  (<stem>.html#<mention id>); the timeline lists every dated mention.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="xs ed r">

  <xsl:mode name="ed:html" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Authority types as readers know them. -->
  <xsl:variable name="ed:authority-labels" as="map(xs:string, xs:string)"
      select="map { 'wikidata': 'Wikidata', 'viaf': 'VIAF', 'geonames': 'GeoNames' }"/>

  <xsl:function name="ed:speeches" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="r:msg(if ($n eq 1) then 'index.speech' else 'index.speeches',
        string($n))"/>
  </xsl:function>

  <!-- "1 mention", "3 mentions": the catalogue's KEY.one or KEY.other, with the number. -->
  <xsl:function name="ed:plural" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="r:msg($key || (if ($n eq 1) then '.one' else '.other'), string($n))"/>
  </xsl:function>

  <!-- lang attribute only where the text is not in the page's language. -->
  <xsl:template name="ed:lang" as="attribute()?">
    <xsl:param name="lang" as="xs:string?" required="yes"/>
    <xsl:param name="page-lang" as="xs:string" tunnel="yes" required="yes"/>
    <xsl:if test="$lang and $lang ne $page-lang">
      <xsl:attribute name="lang" select="$lang"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="ed:entity" mode="ed:html" as="element()">
    <section class="index-entry index-{@type}" id="{@id}">
      <h2>
        <span>
          <xsl:call-template name="ed:lang">
            <xsl:with-param name="lang" select="ed:name/@lang"/>
          </xsl:call-template>
          <xsl:value-of select="ed:name"/>
        </span>
        <xsl:text> </xsl:text>
        <small class="index-count">
          <!-- a character of a play is counted by speeches; mentions when there are any -->
          <xsl:value-of select="string-join((
              (ed:plural(xs:integer(@count), 'index.mention'))[xs:integer(current()/@count) gt 0
                  or xs:integer(current()/@speeches) eq 0],
              (ed:speeches(xs:integer(@speeches)))[xs:integer(current()/@speeches) gt 0]), ' · ')"/>
        </small>
      </h2>
      <xsl:apply-templates select="ed:note" mode="ed:html"/>
      <xsl:if test="ed:variant">
        <p class="index-variants">
          <xsl:value-of select="r:msg('index.as-written') || ' '"/>
          <xsl:for-each select="ed:variant">
            <xsl:if test="position() gt 1">
              <xsl:text>; </xsl:text>
            </xsl:if>
            <q>
              <xsl:call-template name="ed:lang">
                <xsl:with-param name="lang" select="@lang"/>
              </xsl:call-template>
              <xsl:value-of select="."/>
            </q>
            <xsl:value-of select="' (' || @count || ')'"/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:if test="ed:authority or ed:coordinates">
        <ul class="index-authority">
          <xsl:apply-templates select="ed:authority, ed:coordinates" mode="ed:html"/>
        </ul>
      </xsl:if>
      <xsl:if test="ed:occurrence">
        <ol class="index-occurrences">
          <xsl:apply-templates select="ed:occurrence" mode="ed:html"/>
        </ol>
      </xsl:if>
      <xsl:call-template name="ed:speeches"/>
    </section>
  </xsl:template>

  <!-- A character's speeches: per text and scene, one numbered link to each speech (its
       first words as the link's title and accessible name). -->
  <xsl:template name="ed:speeches" as="element()?">
    <xsl:context-item as="element(ed:entity)" use="required"/>
    <xsl:param name="documents" as="element(ed:document)*" tunnel="yes" required="yes"/>
    <xsl:if test="ed:speech">
      <div class="index-speeches">
        <p class="index-speeches-title"><xsl:value-of select="r:msg('index.speeches-title')"/></p>
        <ul>
          <xsl:for-each-group select="ed:speech" group-adjacent="@document || '#' || @section">
            <xsl:variable name="title" as="xs:string" select="($documents[@stem =
                current()/@document]/@title[normalize-space()], @document)[1]"/>
            <li>
              <span class="index-speeches-where">
                <xsl:value-of select="string-join(((if (count($documents) gt 1) then $title
                    else ()), @heading[normalize-space()]), ', ')"/>
              </span>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="current-group()">
                <xsl:if test="position() gt 1">
                  <xsl:text> </xsl:text>
                </xsl:if>
                <a href="{@document}.html#{@speech}" title="{ed:text}"
                    aria-label="{position() || ': ' || ed:text}">
                  <xsl:value-of select="position()"/>
                </a>
              </xsl:for-each>
            </li>
          </xsl:for-each-group>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="ed:note" mode="ed:html" as="element()">
    <p class="index-note">
      <xsl:value-of select="."/>
    </p>
  </xsl:template>

  <xsl:template match="ed:authority" mode="ed:html" as="element()">
    <xsl:variable name="label" as="xs:string"
        select="($ed:authority-labels(@type), @type, r:msg('fact.identifier'))[1]"/>
    <li>
      <xsl:choose>
        <xsl:when test="matches(@url, '^https?://')">
          <a href="{@url}">
            <xsl:value-of select="$label || ' ' || @value"/>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$label || ' ' || @value"/>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template match="ed:coordinates" mode="ed:html" as="element()">
    <li class="index-coordinates">
      <xsl:value-of select="r:msg('index.coordinates', (string(@lat), string(@long)))"/>
    </li>
  </xsl:template>

  <!-- One occurrence: where it is (linked) and the context with the mention marked. -->
  <xsl:template match="ed:occurrence | ed:date" mode="ed:html" as="element()">
    <xsl:param name="documents" as="element(ed:document)*" tunnel="yes" required="yes"/>
    <xsl:variable name="document" as="element(ed:document)?"
        select="$documents[@stem = current()/@document]"/>
    <li>
      <xsl:if test="self::ed:date">
        <xsl:call-template name="ed:date-label"/>
        <xsl:text>: </xsl:text>
      </xsl:if>
      <xsl:variable name="title" as="xs:string"
          select="($document/@title[normalize-space()], @document)[1]"/>
      <xsl:variable name="where" as="xs:string*" select="
          (if (count($documents) gt 1) then $title else ()),
          @heading[normalize-space()],
          @page[normalize-space()] ! r:msg('index.page', string(.))"/>
      <a href="{@document}.html#{@mention}">
        <xsl:value-of select="if (exists($where)) then string-join($where, ', ') else $title"/>
      </a>
      <xsl:text>: </xsl:text>
      <span class="index-context">
        <xsl:value-of select="ed:before"/>
        <mark>
          <xsl:call-template name="ed:lang">
            <xsl:with-param name="lang" select="@lang"/>
          </xsl:call-template>
          <xsl:value-of select="ed:text"/>
        </mark>
        <xsl:value-of select="ed:after"/>
      </span>
    </li>
  </xsl:template>

  <!-- A date as machine-readable time elements where the value is an ISO date. -->
  <xsl:template name="ed:date-label" as="node()*">
    <xsl:context-item as="element(ed:date)" use="required"/>
    <xsl:variable name="values" as="xs:string*"
        select="if (@when) then string(@when)
                else (@from, @notBefore)[1] ! string(.), (@to, @notAfter)[1] ! string(.)"/>
    <xsl:for-each select="$values">
      <xsl:if test="position() gt 1">
        <xsl:text> – </xsl:text>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="matches(., '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')">
          <time datetime="{.}">
            <xsl:value-of select="."/>
          </time>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:if test="empty($values)">
      <xsl:value-of select="r:msg('index.undated')"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB overrides of the critical apparatus (xslt/common/apparatus.xsl): the apparatus of each
  unit as endnotes of its chapter (a section with epub:type endnotes, its entries endnote list
  items), the links in the text as EPUB note references; sigla link to the list of witnesses,
  which the book carries as a document of its own after the title page (witnesses.xhtml) when
  the header holds it.
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

  <xsl:variable name="ee:witnesses-file" as="xs:string" select="'witnesses.xhtml'"/>

  <!-- True when the book has a list of witnesses document. Asked by every siglum: the
       search of the text is cached (r:text-lists-witnesses). -->
  <xsl:function name="ee:has-witnesses" as="xs:boolean">
    <xsl:sequence select="exists($ee:tei/tei:teiHeader//tei:listWit) and r:has-apparatus($ee:tei)
        and not(r:text-lists-witnesses($ee:tei))"/>
  </xsl:function>

  <xsl:function name="r:witness-href" as="xs:string?">
    <xsl:param name="target" as="element()"/>
    <xsl:variable name="id" as="xs:string?" select="r:witness-id($target)"/>
    <xsl:sequence select="
        if (empty($id) or empty($target[self::tei:witness or self::tei:listWit
            or self::tei:bibl or self::tei:biblStruct or self::tei:msDesc])) then ()
        else if (exists($target/ancestor::tei:text)) then r:href-of($target, $id)
        else if (ee:has-witnesses() and exists($target/ancestor::tei:listWit))
        then $ee:witnesses-file || '#' || $id
        else ()"/>
  </xsl:function>

  <!-- An element of the text may be in another content document of the book; an entry of
       an apparatus kept in the standOff is at the end of the last one. -->
  <xsl:function name="r:href-of" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="(if (exists($e/ancestor::tei:standOff)) then $ee:plan[last()]?file
        else ee:file($e)) || '#' || $id"/>
  </xsl:function>

  <!-- A line an entry's @loc names, in the content document that holds it. -->
  <xsl:function name="r:line-href" as="xs:string">
    <xsl:param name="line" as="element()"/>
    <xsl:sequence select="r:href-of($line, string($line/@xml:id))"/>
  </xsl:function>

  <xsl:template name="r:app-ref" as="element()">
    <xsl:param name="id" as="xs:string" required="yes"/>
    <xsl:param name="number" as="xs:integer" required="yes"/>
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:in-link">
        <sup class="app-ref"><xsl:value-of select="$number"/></sup>
      </xsl:when>
      <xsl:otherwise>
        <a class="app-ref" href="#{$id}-entry" epub:type="noteref" role="doc-noteref"
            aria-label="{r:msg('app.ref', string($number))}">
          <sup><xsl:value-of select="$number"/></sup>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="r:apparatus" as="element()?">
    <xsl:param name="apps" as="element()*" required="yes"/>
    <xsl:if test="exists($apps)">
      <xsl:variable name="id" as="xs:string" select="r:app-id($apps[1]) || '-apparatus'"/>
      <!-- each chapter's endnotes are a landmark: its name says whose they are -->
      <xsl:variable name="unit" as="element()?" select="r:app-unit($apps[1])"/>
      <xsl:variable name="whose" as="xs:string" select="(r:plain($unit ! r:main-head(.))[. ne ''],
          normalize-space($unit/@n)[. ne ''], string($unit/@xml:id), local-name($unit))[1]"/>
      <section class="apparatus" epub:type="endnotes" role="doc-endnotes"
          aria-label="{r:msg('app.title.of', $whose)}">
        <xsl:copy-of select="r:editorial-lang($apps[1])"/>
        <p class="apparatus-title" id="{$id}">
          <xsl:sequence select="r:ui-words($apps[1])"/>
          <xsl:value-of select="r:msg('app.title')"/>
        </p>
        <ol class="apparatus-list">
          <xsl:apply-templates select="$apps" mode="r:app-entry"/>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:app" mode="r:app-entry" as="element()">
    <xsl:variable name="id" as="xs:string" select="r:app-id(.)"/>
    <li id="{$id}-entry" class="app-entry" epub:type="endnote">
      <a class="app-back" href="#{$id}" role="doc-backlink"
          aria-label="{r:msg('app.back', string(r:app-number(.)))}">
        <xsl:value-of select="r:app-number(.)"/>
      </a>
      <xsl:text> </xsl:text>
      <span class="app-body">
        <xsl:call-template name="r:entry-body"/>
      </span>
    </li>
  </xsl:template>

  <!-- A witness's note stays in its description, as on the web page. -->
  <xsl:template match="tei:witness//tei:note" mode="r:main" priority="1" as="element()">
    <xsl:apply-imports/>
  </xsl:template>

  <!-- The list of witnesses, a document of the book after its title page. -->
  <xsl:template name="ee:witnesses-document" as="element(ee:document)?">
    <xsl:if test="ee:has-witnesses()">
      <xsl:call-template name="ee:document">
        <xsl:with-param name="href" select="$ee:witnesses-file"/>
        <xsl:with-param name="title" select="r:msg('app.witnesses') || ' — ' || ee:title()"/>
        <xsl:with-param name="body-type" select="'frontmatter'"/>
        <xsl:with-param name="content" as="node()*">
          <xsl:call-template name="r:witnesses">
            <xsl:with-param name="tei" select="$ee:tei"/>
            <xsl:with-param name="level" select="1"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

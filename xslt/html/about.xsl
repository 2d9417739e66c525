<?xml version="1.0" encoding="UTF-8"?>
<!--
  The about page (OUT/html/about.html) from the texts' headers: for each text its sources,
  editorial declarations and encoding description, its licence, and how to cite it with its
  stable identifier and date.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:s="urn:edition:shell"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="../common/render.xsl"/>
  <xsl:import href="modules/shell.xsl"/>
  <xsl:import href="modules/header-pages.xsl"/>
  <xsl:import href="modules/downloads.xsl"/>

  <!-- escape-uri-attributes="no": see html/page.xsl -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" include-content-type="no"
      indent="no" escape-uri-attributes="no" use-character-maps="s:html-text"/>

  <!-- use-accumulators: verse line numbers and split lines (common/verse.xsl) -->
  <xsl:mode on-no-match="fail" on-multiple-match="fail" use-accumulators="#all"/>

  <!-- Where the encoding guidelines of the edition are published (empty: not linked). -->
  <xsl:param name="guide-url" as="xs:string" select="''"/>
  <!-- The edition's editors (display names, one a line) and publisher, from its settings. -->
  <xsl:param name="edition-editors" as="xs:string" select="''"/>
  <xsl:param name="publisher" as="xs:string" select="''"/>

  <xsl:template match="/" as="element()">
    <xsl:variable name="texts" as="element()*" select="ed:corpus/TEI"/>
    <xsl:call-template name="s:page">
      <xsl:with-param name="title" select="r:msg('about.title')"/>
      <xsl:with-param name="page" select="'about.html'"/>
      <!-- the site's own pages are in the interface's language (s:page's default); the
           titles of texts in them carry their own -->
      <xsl:with-param name="body-class" select="'page about'"/>
      <xsl:with-param name="content" as="element()*">
        <header class="page-header">
          <h1><xsl:value-of select="r:msg('about.title')"/></h1>
        </header>
        <section id="ed-cite" class="cite" aria-labelledby="ed-cite-title">
          <h2 id="ed-cite-title"><xsl:value-of select="r:msg('footer.cite')"/></h2>
          <xsl:choose>
            <xsl:when test="count($texts) = 1">
              <xsl:call-template name="s:citation">
                <xsl:with-param name="tei" select="$texts"/>
                <xsl:with-param name="date" select="$date"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <!-- the edition: its title, its editors and its publisher as the settings name
                   them, its date ("Letters. Probe Sixty, Erika Mustermann, eds. Probe 60
                   Press, 5 December 2026.") -->
              <xsl:variable name="editors" as="xs:string*"
                  select="tokenize($edition-editors, '\n')[normalize-space()]"/>
              <p>
                <xsl:value-of select="string-join(($edition-title,
                    (string-join($editors, ', ') || ', ' || r:msg(if (count($editors) gt 1)
                        then 'citation.editors' else 'citation.editor'))[exists($editors)],
                    string-join(($publisher[normalize-space()],
                        if (r:is-iso-date($date)) then r:date-words($date, true()) else $date),
                        ', ')) ! replace(., '\.$', ''), '. ') || '.'"/>
                <xsl:value-of select="' ' || r:msg('about.cite.each')"/>
              </p>
            </xsl:otherwise>
          </xsl:choose>
        </section>
        <xsl:call-template name="s:download-table">
          <xsl:with-param name="texts" select="$texts"/>
        </xsl:call-template>
        <xsl:if test="count($texts) gt 1">
          <nav class="about-toc" aria-label="{r:msg('nav.texts')}">
            <ul>
              <xsl:for-each select="$texts">
                <li><a href="#text-{@ed:stem}"><xsl:sequence select="r:title-lang-attributes(.)"/><xsl:value-of select="r:title(.)"/></a><xsl:sequence select="r:distinct-heading(.)"/></li>
              </xsl:for-each>
            </ul>
          </nav>
        </xsl:if>
        <!-- the headers' own ids are left out: texts share ids, and some repeat one -->
        <xsl:apply-templates select="$texts" mode="about-text">
          <xsl:with-param name="r:ids" select="false()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

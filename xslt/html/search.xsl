<?xml version="1.0" encoding="UTF-8"?>
<!--
  The search page (OUT/html/search.html; issue 11, item 3). The search itself runs in the
  reader's browser over the static index Pagefind wrote at build time (html/pagefind/),
  driven by assets/search.js: the form works as a plain GET form (?q=word), the filters (text,
  entity type, language) are filled in from the index, each result links to the paragraph
  the word stands in. Without script the page says that it cannot search, and links the index
  pages instead. The input document is ignored.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:s="urn:edition:shell"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="modules/shell.xsl"/>

  <!-- escape-uri-attributes="no": see html/page.xsl -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" include-content-type="no"
      indent="no" escape-uri-attributes="no" use-character-maps="s:html-text"/>

  <xsl:param name="page" as="xs:string" select="'search.html'"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="/" as="element()">
    <xsl:call-template name="s:page">
      <xsl:with-param name="title" select="r:msg('search.title')"/>
      <xsl:with-param name="page" select="$page"/>
      <xsl:with-param name="body-class" select="'page search-page'"/>
      <xsl:with-param name="head" as="element()*">
        <script src="assets/search.js" defer=""></script>
      </xsl:with-param>
      <xsl:with-param name="content" as="element()*">
        <h1><xsl:value-of select="r:msg('search.title')"/></h1>
        <!-- the labels the script shows, in the interface's language -->
        <form id="ed-search" class="search-form" action="search.html" method="get" role="search"
            data-results-one="{r:msg('search.result')}" data-results="{r:msg('search.results')}"
            data-none="{r:msg('search.none')}" data-loading="{r:msg('search.loading')}"
            data-unavailable="{r:msg('search.unavailable')}" data-all="{r:msg('search.all')}"
            data-in="{r:msg('search.in')}">
          <p class="search-field">
            <label for="ed-search-query"><xsl:value-of select="r:msg('search.label')"/></label>
            <xsl:text> </xsl:text>
            <input id="ed-search-query" type="search" name="q" autocomplete="off"/>
            <xsl:text> </xsl:text>
            <button type="submit"><xsl:value-of select="r:msg('search.button')"/></button>
          </p>
          <!-- filled in by search.js from the index's filters; hidden until then -->
          <fieldset class="search-filters" hidden="hidden">
            <legend><xsl:value-of select="r:msg('search.filters')"/></legend>
            <xsl:for-each select="('text', 'type', 'language')">
              <p class="search-filter">
                <label for="ed-filter-{.}"><xsl:value-of select="r:msg('search.filter.' || .)"/></label>
                <xsl:text> </xsl:text>
                <select id="ed-filter-{.}" data-filter="{.}" disabled="disabled">
                  <option value=""><xsl:value-of select="r:msg('search.all')"/></option>
                </select>
              </p>
            </xsl:for-each>
          </fieldset>
        </form>
        <p id="ed-search-status" class="search-status" role="status"></p>
        <ol id="ed-search-results" class="search-results"></ol>
        <div class="search-noscript" id="ed-search-noscript">
          <p><xsl:value-of select="r:msg('search.noscript')"/></p>
          <ul>
            <xsl:for-each select="s:index-pages()">
              <li><a href="{.}"><xsl:value-of select="s:index-label(.)"/></a></li>
            </xsl:for-each>
            <li><a href="index.html"><xsl:value-of select="r:msg('nav.texts')"/></a></li>
          </ul>
        </div>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell of every HTML page of the edition (reading pages, home, about, index pages):
  document head, skip link, site header with navigation, main landmark, footer. Nothing is
  loaded from elsewhere: one local stylesheet and one small local script (progressive: every
  page works without it).

  Call the named template s:page with the page's content. Parameters every entry stylesheet
  passes on from Python: edition-title, date (the build date, YYYY-MM-DD), index-pages (the
  index page files that exist, one per line) and custom-css (the edition's own stylesheets,
  [tool.edition] css, one file name per line: linked after ours, from assets/).

  s:page, s:site-header and s:site-footer are part of the customisation API
  (docs/customising.md): an edition may replace them ([tool.edition] templates or xslt).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:s="urn:edition:shell"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="../../common/base.xsl"/>
  <xsl:import href="../../common/i18n.xsl"/>

  <!-- A carriage return in a text (&#xD; before each line end, as files exported from some
       transcription platforms write: probe 39, the Davy notebooks) is written as itself, not
       as the reference the HTML serializer makes of it, which HTML forbids ("a numeric
       character reference expanded to carriage return", 41 errors of the Nu checker on one
       page): the HTML parser reads a raw one as the line end it is. Every page's xsl:output
       names this map. -->
  <xsl:character-map name="s:html-text">
    <xsl:output-character character="&#13;" string="&#13;"/>
  </xsl:character-map>

  <xsl:param name="edition-title" as="xs:string" select="'Digital edition'"/>
  <xsl:param name="date" as="xs:string" select="''"/>
  <xsl:param name="index-pages" as="xs:string" select="''"/>
  <!-- The site's published address ([tool.edition] base-url, ending in "/"), "" when unknown:
       every page then names its canonical URL. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <!-- Whether the site has a search page (search.html and its Pagefind index). -->
  <xsl:param name="search" as="xs:boolean" select="false()"/>
  <xsl:param name="custom-css" as="xs:string" select="''"/>

  <xsl:variable name="s:index-labels" as="map(xs:string, xs:string)" select="map {
      'persons.html': r:msg('nav.persons'), 'places.html': r:msg('nav.places'),
      'organisations.html': r:msg('nav.organisations'), 'entities.html': r:msg('nav.entities'),
      'subjects.html': r:msg('nav.subjects'), 'timeline.html': r:msg('nav.timeline'),
      'bibliography.html': r:msg('nav.bibliography')}"/>
  <xsl:variable name="s:index-order" as="xs:string*"
      select="('persons.html', 'places.html', 'organisations.html', 'entities.html',
               'bibliography.html', 'subjects.html', 'timeline.html')"/>

  <!-- The index pages that exist, in the order of the navigation. -->
  <xsl:function name="s:index-pages" as="xs:string*">
    <xsl:variable name="pages" as="xs:string*"
        select="tokenize($index-pages, '\n')[normalize-space()] ! normalize-space(.)"/>
    <xsl:sequence select="$s:index-order[. = $pages],
        sort($pages[not(. = $s:index-order)])"/>
  </xsl:function>

  <xsl:function name="s:index-label" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="($s:index-labels($page),
        replace($page, '\.html$', '') ! (upper-case(substring(., 1, 1)) || substring(., 2)))[1]"/>
  </xsl:function>

  <xsl:template name="s:page" as="element()">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="page" as="xs:string" required="yes"/>
    <!-- the language of the page's main content; the chrome keeps the interface language -->
    <xsl:param name="lang" as="xs:string" select="r:ui-lang()"/>
    <!-- and its writing direction: the language's (base.xsl), else the interface's -->
    <xsl:param name="dir" as="xs:string" select="(r:lang-dir($lang), r:ui-dir())[1]"/>
    <xsl:param name="description" as="xs:string?" select="()"/>
    <xsl:param name="body-class" as="xs:string" select="'page'"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <xsl:param name="aside" as="element()?" select="()"/>
    <xsl:param name="skip-label" as="xs:string" select="r:msg('skip')"/>
    <!-- further elements of the head (link rel=prev/next ...) -->
    <xsl:param name="head" as="element()*" select="()"/>
    <!-- Attributes of main for the search index: the reading page's filters (text, language)
         as data-pagefind-filter and the attributes they read. -->
    <xsl:param name="search-attributes" as="attribute()*" select="()"/>
    <!-- The page is in its text's language when the text declares another than the
         interface's: a screen reader and a search engine read the whole page in the language
         of html/@lang (and Pagefind files the page under it). A text of no declared language
         ("und"), or of the interface's in another region (en-GB under en: Pagefind would
         keep an index apart for it), leaves the page in the interface's language and marks
         its main alone, as every page was before. -->
    <xsl:variable name="own" as="xs:boolean"
        select="not($lang = ('und', '')) and exists(r:ui-attributes($lang, $dir))"/>
    <xsl:variable name="page-lang" as="xs:string" select="if ($own) then $lang else r:ui-lang()"/>
    <xsl:variable name="page-dir" as="xs:string" select="if ($own) then $dir else r:ui-dir()"/>
    <!-- the site's own words around the text keep the interface's language and direction -->
    <xsl:variable name="chrome" as="attribute()*" select="r:ui-attributes($page-lang, $page-dir)"/>
    <html lang="{$page-lang}" dir="{$page-dir}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:value-of select="if ($title = $edition-title) then $title
                                else $title || ' · ' || $edition-title"/>
        </title>
        <xsl:if test="normalize-space($description)">
          <meta name="description" content="{normalize-space($description)}"/>
        </xsl:if>
        <meta name="generator" content="edition pipeline"/>
        <meta name="color-scheme" content="light dark"/>
        <!-- an empty icon: browsers ask for /favicon.ico otherwise -->
        <link rel="icon" href="data:,"/>
        <xsl:if test="$base-url != ''">
          <link rel="canonical" href="{$base-url}{$page}"/>
        </xsl:if>
        <link rel="stylesheet" href="assets/edition.css"/>
        <link rel="stylesheet" href="assets/reader.css"/>
        <xsl:for-each select="tokenize($custom-css, '\n')[normalize-space()]">
          <link rel="stylesheet" href="assets/{normalize-space(.)}"/>
        </xsl:for-each>
        <script src="assets/edition.js" defer=""></script>
        <script src="assets/reader.js" defer=""></script>
        <xsl:sequence select="$head"/>
      </head>
      <body class="{$body-class}">
        <a class="skip-link" href="#ed-main">
          <xsl:sequence select="$chrome"/>
          <xsl:value-of select="$skip-label"/>
        </a>
        <xsl:variable name="header" as="element()*">
          <xsl:call-template name="s:site-header">
            <xsl:with-param name="page" select="$page"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:sequence select="s:in-interface-language($header, $chrome)"/>
        <div class="layout{if (exists($aside)) then ' with-aside' else ''}">
          <xsl:sequence select="s:in-interface-language($aside, $chrome)"/>
          <main id="ed-main" tabindex="-1">
            <xsl:if test="$lang != $page-lang">
              <xsl:attribute name="lang" select="$lang"/>
            </xsl:if>
            <xsl:if test="$dir != $page-dir">
              <xsl:attribute name="dir" select="$dir"/>
            </xsl:if>
            <xsl:if test="$page = (s:index-pages(), 'timeline.html')">
              <!-- the labels of the filter box reader.js adds to an index page -->
              <xsl:attribute name="data-filter-label" select="r:msg('filter.label')"/>
              <xsl:attribute name="data-filter-count" select="r:msg('filter.count')"/>
            </xsl:if>
            <xsl:call-template name="s:search-attributes">
              <xsl:with-param name="page" select="$page"/>
              <xsl:with-param name="extra" select="$search-attributes"/>
            </xsl:call-template>
            <xsl:sequence select="$content"/>
          </main>
        </div>
        <xsl:variable name="footer" as="element()*">
          <xsl:call-template name="s:site-footer"/>
        </xsl:variable>
        <xsl:sequence select="s:in-interface-language($footer, $chrome)"/>
      </body>
    </html>
  </xsl:template>

  <!-- $parts of the page (header, contents, footer) with the interface's lang and dir
       ($chrome, empty when the page is in the interface's language) on each: added here rather
       than in the templates that make them, so that an edition's own header or footer
       (docs/customising.md) is marked too. A part that says its language keeps it. -->
  <xsl:function name="s:in-interface-language" as="element()*">
    <xsl:param name="parts" as="element()*"/>
    <xsl:param name="chrome" as="attribute()*"/>
    <xsl:for-each select="$parts">
      <xsl:copy>
        <xsl:sequence select="(if (@lang or @dir) then () else $chrome), @*, node()"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:function>

  <!-- What Pagefind indexes (pipeline/builders/search.py): the main content of reading and
       index pages, not the home, about, guide or search pages, which only repeat titles. An
       index page of one kind of entity is filtered by that kind ("type"). -->
  <xsl:template name="s:search-attributes" as="attribute()*">
    <xsl:param name="page" as="xs:string" required="yes"/>
    <xsl:param name="extra" as="attribute()*" select="()"/>
    <xsl:if test="$search and not($page = ('index.html', 'about.html', 'search.html', 'guide.html'))">
      <xsl:attribute name="data-pagefind-body" select="''"/>
      <xsl:choose>
        <xsl:when test="$page = ('persons.html', 'places.html', 'organisations.html', 'entities.html')">
          <xsl:attribute name="data-pagefind-filter" select="'type[data-ed-type]'"/>
          <xsl:attribute name="data-ed-type" select="s:index-label($page)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$extra"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="s:site-header" as="element()">
    <xsl:param name="page" as="xs:string" required="yes"/>
    <header class="site-header">
      <div class="site-header-inner">
        <p class="site-title">
          <a href="index.html"><xsl:value-of select="$edition-title"/></a>
        </p>
        <xsl:call-template name="s:site-nav">
          <xsl:with-param name="page" select="$page"/>
        </xsl:call-template>
        <xsl:if test="$search">
          <!-- a plain form: without script it still opens the search page, which says why it
               cannot search and links the index pages -->
          <form class="site-search" role="search" action="search.html" method="get">
            <label for="ed-search-box" class="visually-hidden"><xsl:value-of select="r:msg('search.label')"/></label>
            <input id="ed-search-box" type="search" name="q" autocomplete="off"/>
            <button type="submit"><xsl:value-of select="r:msg('search.button')"/></button>
          </form>
        </xsl:if>
      </div>
    </header>
  </xsl:template>

  <!-- The site's navigation: the texts, the index pages that exist, the about page; the
       current page is marked (aria-current). -->
  <xsl:template name="s:site-nav" as="element()">
    <xsl:param name="page" as="xs:string" required="yes"/>
    <nav class="site-nav" aria-label="{r:msg('nav.label')}">
      <ul>
        <xsl:for-each select="'index.html', s:index-pages(), 'about.html'">
          <li>
            <a href="{.}">
              <xsl:if test=". = $page">
                <xsl:attribute name="aria-current" select="'page'"/>
              </xsl:if>
              <xsl:value-of select="if (. = 'index.html') then r:msg('nav.texts')
                  else if (. = 'about.html') then r:msg('nav.about') else s:index-label(.)"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="s:site-footer" as="element()">
    <footer class="site-footer">
      <p>
        <a href="index.html"><xsl:value-of select="$edition-title"/></a>
        <xsl:if test="$date != ''">
          <xsl:text> · </xsl:text>
          <xsl:variable name="built" as="xs:string*" select="tokenize(r:msg('footer.built'), '\{1\}')"/>
          <xsl:value-of select="$built[1]"/>
          <time datetime="{$date}"><xsl:value-of select="r:date-words($date, true())"/></time>
          <xsl:value-of select="$built[2]"/>
        </xsl:if>
        <xsl:text> · </xsl:text>
        <a href="about.html#ed-cite"><xsl:value-of select="r:msg('footer.cite')"/></a>
      </p>
    </footer>
  </xsl:template>

</xsl:stylesheet>

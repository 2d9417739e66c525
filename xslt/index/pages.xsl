<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entity index XML (entities.xsl), or the part of it one page shows -> one HTML index page,
  chosen by $page: persons.html, places.html, organisations.html, entities.html (every other
  register kind) or timeline.html; $index-pages names every page (for the navigation).
  pipeline/builders/index.py (render_index_pages) runs it once per page; the
  HTML writer puts the pages in OUT/html/ beside the reading pages, so links to mentions are
  <stem>.html#<mention id> and each entity's section carries id="<register xml:id>", the
  anchor the reading pages link names to.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="xs ed">

  <xsl:import href="modules/page-shell.xsl"/>
  <xsl:import href="modules/page-entries.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <xsl:param name="page" as="xs:string" select="'persons.html'"/>
  <!-- Every index page of this edition, one per line (the navigation between them). -->
  <xsl:param name="index-pages" as="xs:string" select="''"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>

  <!-- Page file -> (title, register kinds listed on it); entities.html takes the rest. -->
  <xsl:variable name="pages" as="map(xs:string, xs:string*)" select="map {
      'persons.html': ('Persons', 'person', 'personGrp'),
      'places.html': ('Places', 'place'),
      'organisations.html': ('Organisations', 'org'),
      'entities.html': ('Other entities'),
      'timeline.html': ('Timeline') }"/>
  <xsl:variable name="page-order" as="xs:string+" select="('persons.html', 'places.html',
      'organisations.html', 'entities.html', 'timeline.html')"/>
  <xsl:variable name="listed-kinds" as="xs:string+"
      select="('person', 'personGrp', 'place', 'org')"/>

  <xsl:template match="/" as="element()">
    <xsl:apply-templates select="ed:index"/>
  </xsl:template>

  <xsl:template match="ed:index" as="element()">
    <xsl:variable name="lang" as="xs:string"
        select="(ed:documents/ed:document/@lang[normalize-space()], 'en')[1]"/>
    <xsl:variable name="title" as="xs:string" select="($pages($page)[1], 'Index')[1]"/>
    <xsl:variable name="kinds" as="xs:string*" select="tail($pages($page))"/>
    <xsl:variable name="entities" as="element(ed:entity)*" select="
        if ($page eq 'entities.html') then ed:entities/ed:entity[not(@type = $listed-kinds)]
        else ed:entities/ed:entity[@type = $kinds]"/>
    <xsl:call-template name="ed:index-shell">
      <xsl:with-param name="title" select="$title || ' – Index'"/>
      <xsl:with-param name="lang" select="$lang"/>
      <xsl:with-param name="nav" as="element()*">
        <xsl:for-each select="$page-order[. = tokenize($index-pages, '\n')]">
          <li>
            <a href="{.}">
              <xsl:if test=". eq $page">
                <xsl:attribute name="aria-current" select="'page'"/>
              </xsl:if>
              <xsl:value-of select="$pages(.)[1]"/>
            </a>
          </li>
        </xsl:for-each>
        <xsl:for-each select="ed:documents/ed:document">
          <li>
            <a href="{@stem}.html">
              <xsl:value-of select="(@title[normalize-space()], @stem)[1]"/>
            </a>
          </li>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <h1>
          <xsl:value-of select="$title"/>
        </h1>
        <xsl:choose>
          <xsl:when test="$page eq 'timeline.html'">
            <xsl:call-template name="timeline"/>
          </xsl:when>
          <xsl:when test="empty($entities)">
            <p>No entries.</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="index-summary">
              <xsl:value-of select="ed:plural(count($entities), 'entry') => replace('ys$', 'ies')
                  || ', ' || ed:plural(xs:integer(sum($entities/@count)), 'mention') || '.'"/>
            </p>
            <xsl:apply-templates select="$entities" mode="ed:html">
              <xsl:with-param name="page-lang" select="$lang" tunnel="yes"/>
              <xsl:with-param name="documents" select="ed:documents/ed:document" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="timeline" as="element()">
    <xsl:context-item as="element(ed:index)" use="required"/>
    <xsl:choose>
      <xsl:when test="ed:timeline/ed:date">
        <ol class="index-timeline">
          <xsl:apply-templates select="ed:timeline/ed:date" mode="ed:html">
            <xsl:with-param name="page-lang"
                select="(ed:documents/ed:document/@lang[normalize-space()], 'en')[1]" tunnel="yes"/>
            <xsl:with-param name="documents" select="ed:documents/ed:document" tunnel="yes"/>
          </xsl:apply-templates>
        </ol>
      </xsl:when>
      <xsl:otherwise>
        <p>No dates.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

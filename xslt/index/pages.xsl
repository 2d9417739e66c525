<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entity index XML (entities.xsl), or the part of it one page shows -> one HTML index page,
  chosen by $page: persons.html, places.html, organisations.html, entities.html (every other
  register kind), subjects.html (the texts' index entries: modules/page-subjects.xsl) or
  timeline.html; $index-pages names every page (for the navigation).
  pipeline/builders/index.py (render_index_pages) runs it once per page; the
  HTML writer puts the pages in OUT/html/ beside the reading pages, so links to mentions are
  <stem>.html#<mention id> and each entity's section carries id="<register xml:id>", the
  anchor the reading pages link names to.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:s="urn:edition:shell"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="xs ed s r">

  <!-- The page shell shared with every HTML page (head, site navigation, main, footer);
       its parameters edition-title, date and index-pages come from the HTML writer's
       site_params. -->
  <xsl:import href="../html/modules/shell.xsl"/>
  <xsl:import href="modules/page-entries.xsl"/>
  <xsl:import href="modules/page-subjects.xsl"/>

  <!-- escape-uri-attributes="no": see html/page.xsl -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" escape-uri-attributes="no"
      include-content-type="no" use-character-maps="s:html-text"/>

  <xsl:param name="page" as="xs:string" select="'persons.html'"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>

  <!-- Page file -> (title, register kinds listed on it); entities.html takes the rest. -->
  <xsl:variable name="pages" as="map(xs:string, xs:string*)" select="map {
      'persons.html': (r:msg('nav.persons'), 'person', 'personGrp', 'role', 'castItem'),
      'places.html': (r:msg('nav.places'), 'place'),
      'organisations.html': (r:msg('nav.organisations'), 'org'),
      'bibliography.html': (r:msg('nav.bibliography'), 'bibl', 'biblStruct', 'biblFull'),
      'entities.html': (r:msg('nav.entities')),
      'subjects.html': (r:msg('nav.subjects')),
      'timeline.html': (r:msg('nav.timeline')) }"/>
  <xsl:variable name="listed-kinds" as="xs:string+"
      select="('person', 'personGrp', 'role', 'castItem', 'place', 'org', 'bibl', 'biblStruct',
          'biblFull')"/>

  <xsl:template match="/" as="element()">
    <xsl:apply-templates select="ed:index"/>
  </xsl:template>

  <xsl:template match="ed:index" as="element()">
    <!-- the names are sorted as the texts' language sorts them: the language most of them
         are in, the pages' on a tie, never the first file's (probe 84: renaming a file
         changed the order of the index) -->
    <xsl:variable name="langs" as="xs:string*"
        select="ed:documents/ed:document/@lang[normalize-space()] ! string()"/>
    <xsl:variable name="names-lang" as="xs:string" select="(sort(distinct-values($langs), (),
        function ($l) { -count($langs[. eq $l]), if ($l eq r:ui-lang()) then 0 else 1, $l })[1],
        'en')[1]"/>
    <xsl:variable name="title" as="xs:string" select="($pages($page)[1], r:msg('index.title'))[1]"/>
    <xsl:variable name="kinds" as="xs:string*" select="tail($pages($page))"/>
    <xsl:variable name="entities" as="element(ed:entity)*" select="
        if ($page eq 'entities.html') then ed:entities/ed:entity[not(@type = $listed-kinds)]
        else ed:entities/ed:entity[@type = $kinds]"/>
    <xsl:call-template name="s:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="page" select="$page"/>
      <!-- in the interface's language (s:page's default), as the site's other pages; the
           names in it carry their own -->
      <xsl:with-param name="body-class" select="'index-page'"/>
      <xsl:with-param name="content" as="node()*">
        <h1>
          <xsl:value-of select="$title"/>
        </h1>
        <xsl:choose>
          <xsl:when test="$page eq 'timeline.html'">
            <xsl:call-template name="timeline"/>
          </xsl:when>
          <xsl:when test="$page eq 'subjects.html'">
            <xsl:call-template name="ed:subject-index">
              <xsl:with-param name="subjects" select="ed:subjects/ed:subject"/>
              <xsl:with-param name="page-lang" select="r:ui-lang()" tunnel="yes"/>
              <xsl:with-param name="collation-lang" select="$names-lang" tunnel="yes"/>
              <xsl:with-param name="documents" select="ed:documents" tunnel="yes"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="empty($entities)">
            <p><xsl:value-of select="r:msg('index.none')"/></p>
          </xsl:when>
          <xsl:otherwise>
            <p class="index-summary">
              <xsl:variable name="speeches" as="xs:integer"
                  select="xs:integer(sum($entities/@speeches))"/>
              <xsl:value-of select="if ($speeches gt 0)
                  then r:msg('index.summary.speeches', (ed:plural(count($entities), 'index.entry'),
                      ed:plural(xs:integer(sum($entities/@count)), 'index.mention'),
                      ed:speeches($speeches)))
                  else r:msg('index.summary', (ed:plural(count($entities), 'index.entry'),
                      ed:plural(xs:integer(sum($entities/@count)), 'index.mention')))"/>
            </p>
            <xsl:call-template name="ed:by-initial">
              <xsl:with-param name="entities" select="$entities"/>
              <xsl:with-param name="page-lang" select="r:ui-lang()" tunnel="yes"/>
              <xsl:with-param name="collation-lang" select="$names-lang" tunnel="yes"/>
              <xsl:with-param name="documents" select="ed:documents" tunnel="yes"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="timeline" as="element()+">
    <xsl:context-item as="element(ed:index)" use="required"/>
    <!-- the entries the registers date by their own attributes (an event's when, from, to),
         among the dates the texts mention, each leading to its entry: they were on the
         timeline only where a text mentioned them with a date (probe 55's leftover) -->
    <xsl:variable name="events" as="element(ed:date)*">
      <xsl:for-each select="ed:entities/ed:entity[ed:when]">
        <ed:date event="{@id}" event-type="{@type}">
          <xsl:sequence select="ed:when/@*"/>
          <ed:text><xsl:value-of select="ed:name"/></ed:text>
        </ed:date>
      </xsl:for-each>
    </xsl:variable>
    <!-- the texts' dates come in the index's order; an entry's take their place among them
         by start, then end (a stable sort: the texts' order among equals stays) -->
    <xsl:variable name="dates" as="element(ed:date)*" select="if (empty($events))
        then ed:timeline/ed:date else sort((ed:timeline/ed:date, $events), (),
            function ($d) { ed:timeline-key($d) })"/>
    <xsl:choose>
      <xsl:when test="exists($dates)">
        <xsl:call-template name="ed:timeline">
          <xsl:with-param name="dates" select="$dates"/>
          <xsl:with-param name="page-lang" select="r:ui-lang()" tunnel="yes"/>
          <xsl:with-param name="documents" select="ed:documents" tunnel="yes"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="r:msg('index.no-dates')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date's place on the timeline, as the index orders the texts' dates
       (index/entities.xsl): dated before undated, then by start (a century or decade by its
       first year, before the years it spans), then end; a year BCE before the common era
       (r:date-in-order, the index's own key). -->
  <xsl:function name="ed:timeline-key" as="xs:string+">
    <xsl:param name="date" as="element(ed:date)"/>
    <xsl:variable name="start" as="xs:string?" select="($date/(@when, @from, @notBefore, @to,
        @notAfter))[1] ! string(.)"/>
    <xsl:variable name="end" as="xs:string?"
        select="($date/(@when, @to, @notAfter))[1] ! string(.)"/>
    <xsl:sequence select="(if (exists($start) or $date/@period-start) then '0' else '1'),
        r:date-in-order(($date/@period-start ! string(.), $start, '')[1]),
        (if ($date/@period) then '0' else '1'), r:date-in-order(($start, '')[1]),
        r:date-in-order(($end, '')[1])"/>
  </xsl:function>


</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The home page (OUT/html/index.html) from the texts' headers (<ed:corpus> of TEI elements with
  their teiHeader and ed:stem): the edition's title, its introduction, the list of texts
  (grouped by series when texts belong to one; an edition of letters by date and year:
  modules/calendar.xsl) and the downloads (EPUB books, index exports).

  The introduction is the edition's own text ([tool.edition] about, passed as $about: a TEI
  document rendered like the texts, or an XHTML fragment converted from Markdown); without
  one, a one-text edition is introduced by its text's project description, and a collection
  by nothing: one text's projectDesc does not speak for the others.
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
  <xsl:import href="modules/xhtml.xsl"/>
  <xsl:import href="modules/downloads.xsl"/>
  <xsl:import href="modules/calendar.xsl"/>

  <!-- Whether the EPUB books exist beside the site (not after a build of the HTML alone). -->
  <xsl:param name="epub" as="xs:boolean" select="true()"/>
  <!-- The edition's introduction ([tool.edition] about): TEI, or XHTML without namespace. -->
  <xsl:param name="about" as="document-node()?" select="()"/>

  <!-- escape-uri-attributes="no": see html/page.xsl -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" include-content-type="no"
      indent="no" escape-uri-attributes="no" use-character-maps="s:html-text"/>

  <!-- use-accumulators: verse line numbers and split lines (common/verse.xsl) -->
  <xsl:mode on-no-match="fail" on-multiple-match="fail" use-accumulators="#all"/>

  <!-- Index exports written by the index builder into OUT/index/. -->
  <xsl:variable name="exports" as="map(xs:string, xs:string)*" select="
      map {'file': 'entities.json', 'label': r:msg('export.entities-json')},
      map {'file': 'entities.csv', 'label': r:msg('export.entities-csv')},
      map {'file': 'occurrences.csv', 'label': r:msg('export.occurrences-csv')},
      map {'file': 'relations.csv', 'label': r:msg('export.relations-csv')},
      map {'file': 'entities.xml', 'label': r:msg('export.entities-xml')},
      map {'file': 'places.geojson', 'label': r:msg('export.places-geojson')}"/>

  <xsl:template match="/" as="element()">
    <xsl:variable name="texts" as="element()*" select="ed:corpus/TEI"/>
    <xsl:variable name="about-tei" as="element()?" select="($about/TEI/text/body,
        $about/TEI/text, $about/text/body, $about/text, $about/body, $about/div)[1]"/>
    <!-- a Markdown introduction opening with "# Title" is headed by it, as a TEI one by its
         head (probe 124: its h1 stood as the page's second) -->
    <xsl:variable name="about-h1" as="element()?"
        select="if (exists($about-tei)) then () else $about/*/*[1][local-name() = 'h1']"/>
    <xsl:variable name="intro" as="element()*" select="
        if (exists($about-tei)) then $about-tei/(node() except (head, docTitle))[self::*]
        else if (exists($about)) then $about/*/* except $about-h1
        else if (count($texts) = 1)
        then $texts/teiHeader/encodingDesc/projectDesc/(p, ab)[position() le 3]
        else ()"/>
    <xsl:variable name="intro-title" as="xs:string"
        select="($about-tei/head[1] ! r:plain(.), $about-h1 ! normalize-space(.)[. != ''],
            r:msg('home.intro'))[1]"/>
    <xsl:call-template name="s:page">
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="page" select="'index.html'"/>
      <!-- the site's own pages are in the interface's language (s:page's default); the
           titles of texts in them carry their own -->
      <xsl:with-param name="description" select="normalize-space(string(
          ($intro/descendant-or-self::*[local-name() = 'p'])[1]))"/>
      <xsl:with-param name="body-class" select="'page home'"/>
      <xsl:with-param name="content" as="element()*">
        <header class="page-header">
          <h1><xsl:value-of select="$edition-title"/></h1>
          <xsl:for-each select="$texts[count($texts) = 1]/teiHeader/fileDesc/editionStmt
              /edition[exists(r:edition-words(.))]">
            <p class="lead"><xsl:value-of select="r:edition-words(.)"/></p>
          </xsl:for-each>
          <xsl:if test="count($texts) gt 1">
            <p class="lead">
              <xsl:value-of select="r:msg('home.count', string(count($texts)))"/>
            </p>
          </xsl:if>
        </header>
        <!-- (an introduction of a title alone is one still: probe 130) -->
        <xsl:if test="exists($intro) or exists($about-h1)">
          <section class="introduction" aria-labelledby="ed-intro">
            <h2 id="ed-intro"><xsl:value-of select="$intro-title"/></h2>
            <xsl:choose>
              <xsl:when test="exists($about) and empty($about-tei)">
                <!-- its headings below the section's h2 -->
                <xsl:variable name="levels" as="xs:integer*" select="$intro/descendant-or-self::*
                    [matches(local-name(), '^h[1-6]$')] ! xs:integer(substring(local-name(), 2))"/>
                <!-- (headed by its own "# Title", the section's h2, its other h1 are that
                     title's siblings: h2 too, probe 130) -->
                <xsl:apply-templates select="$intro" mode="s:xhtml">
                  <xsl:with-param name="s:heading-shift" tunnel="yes"
                      select="if (exists($about-h1)) then 1
                          else max((0, 3 - (min($levels), 3)[1]))"/>
                </xsl:apply-templates>
              </xsl:when>
              <xsl:otherwise>
                <xsl:apply-templates select="$intro" mode="r:main"/>
              </xsl:otherwise>
            </xsl:choose>
            <p><a href="about.html"><xsl:value-of select="r:msg('home.about')"/></a></p>
          </section>
        </xsl:if>
        <section class="texts" aria-labelledby="ed-texts">
          <h2 id="ed-texts"><xsl:value-of select="r:msg('nav.texts')"/></h2>
          <!-- an edition of letters lists them by date, under their years (calendar.xsl) -->
          <xsl:variable name="letters" as="xs:boolean" select="r:letters-edition($texts)"/>
          <!-- its texts that are no letters (a play, poems) are listed after the calendar,
               not in it as undated letters (probe 163) -->
          <xsl:variable name="listed" as="element()*"
              select="if ($letters) then $texts[r:letter(.)] else $texts"/>
          <xsl:variable name="others" as="element()*"
              select="if ($letters) then $texts[not(r:letter(.))] else ()"/>
          <xsl:variable name="keys" as="map(xs:string, xs:string)"
              select="if ($letters) then r:letter-sort-keys($listed) else map {}"/>
          <xsl:variable name="groups" as="xs:integer"
              select="count(distinct-values($listed ! (r:series(.), '')[1]))"/>
          <xsl:for-each-group select="$listed" group-by="(r:series(.), '')[1]">
            <!-- the series of letters in the order of their first letters, the undated last,
                 then the letters of no series ("Other letters": those not in the series
                 above); other texts' series in the order of their files (stable sort) -->
            <xsl:sort select="$letters and current-grouping-key() = ''"/>
            <xsl:sort select="$letters and empty(current-group() ! $keys(@ed:stem))"/>
            <xsl:sort select="min(current-group() ! $keys(@ed:stem))"/>
            <!-- letters of no series beside series get a heading of the series' rank, their
                 years one rank below: a year heading of the series' rank read as a series -->
            <xsl:variable name="title" as="xs:string" select="if (current-grouping-key() = ''
                and $letters and $groups gt 1) then r:msg('home.other-letters')
                else current-grouping-key()"/>
            <xsl:if test="$title != ''">
              <h3 class="series-title"><xsl:value-of select="$title"/></h3>
            </xsl:if>
            <xsl:choose>
              <xsl:when test="$letters">
                <xsl:call-template name="r:calendar">
                  <xsl:with-param name="letters" select="current-group()"/>
                  <xsl:with-param name="level" select="if ($title != '') then 4 else 3"/>
                  <xsl:with-param name="suffix" select="if ($groups gt 1) then '-' || position()
                      else ''"/>
                  <xsl:with-param name="series" select="$title"/>
                  <xsl:with-param name="keys" select="$keys"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <ol class="text-list">
                  <xsl:for-each select="current-group()">
                    <xsl:call-template name="text-entry"/>
                  </xsl:for-each>
                </ol>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each-group>
          <!-- under a heading of the series' rank, their own series one rank below, in the
               order of their files as any other edition lists its texts -->
          <xsl:if test="exists($others)">
            <h3 class="series-title" id="ed-other-texts">
              <xsl:value-of select="r:msg('home.other-texts')"/>
            </h3>
            <xsl:for-each-group select="$others" group-by="(r:series(.), '')[1]">
              <xsl:if test="current-grouping-key() != ''">
                <h4 class="series-title"><xsl:value-of select="current-grouping-key()"/></h4>
              </xsl:if>
              <ol class="text-list">
                <xsl:for-each select="current-group()">
                  <xsl:call-template name="text-entry"/>
                </xsl:for-each>
              </ol>
            </xsl:for-each-group>
          </xsl:if>
        </section>
        <section class="downloads" aria-labelledby="ed-downloads">
          <h2 id="ed-downloads"><xsl:value-of select="r:msg('home.downloads')"/></h2>
          <xsl:if test="$epub">
            <h3><xsl:value-of select="r:msg('home.epubs')"/></h3>
            <ul class="download-list">
              <xsl:for-each select="$texts">
                <li>
                  <a href="../epub/{@ed:stem}.epub" type="application/epub+zip">
                    <!-- the title in its language, as the list of texts marks it (probe
                         165: an Arabic title inherited the page's English) -->
                    <xsl:sequence select="r:title-attributes(.)"/>
                    <xsl:value-of select="r:title(.)"/>
                  </a>
                  <xsl:sequence select="r:distinct-heading(.)"/>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <xsl:call-template name="s:tei-downloads">
            <xsl:with-param name="texts" select="$texts"/>
          </xsl:call-template>
          <h3><xsl:value-of select="r:msg('home.index')"/></h3>
          <ul class="download-list">
            <xsl:for-each select="$exports">
              <li><a href="../index/{?file}"><xsl:value-of select="?label"/></a>
                <xsl:text> </xsl:text><code><xsl:value-of select="?file"/></code></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="text-entry" as="element()">
    <!-- in a calendar of letters (calendar.xsl), a letter dated in its dateline alone
         says that date -->
    <xsl:param name="r:in-calendar" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="source" as="element()?"
        select="(teiHeader/fileDesc/sourceDesc/(bibl | biblStruct | biblFull))[1]"/>
    <!-- the source's date in words, as the pages say dates: the list gave a newspaper's
         issue as "1714-01-13" (probe 48) -->
    <xsl:variable name="date" as="xs:string?" select="(r:letter-date(.),
        (if ($r:in-calendar) then r:dateline-words(.) else ()), r:letter-received-words(.),
        ($source//date)[1] ! (if (r:is-iso-date(normalize-space(@when)))
            then r:date-words(normalize-space(@when), true())
            else (@when, normalize-space(.))[. != ''][1] ! string(.)))[1]"/>
    <li>
      <!-- the page is in the interface's language: a title in another says which, with its
           direction (a Hebrew title in an English list) -->
      <a class="text-title" href="{@ed:stem}.html">
        <xsl:sequence select="r:title-attributes(.)"/>
        <xsl:value-of select="r:title(.)"/>
      </a>
      <!-- texts of one title are told apart by their first heading -->
      <xsl:sequence select="r:distinct-heading(.)"/>
      <!-- a letter says to whom it was sent as well as by whom (probe 24: a list of letters
           whose titles do not name them gave their senders and dates alone) -->
      <xsl:variable name="desc" as="element()?" select="r:corresp-desc(.)"/>
      <!-- its authors, else the names of its sending action -->
      <xsl:variable name="authors" as="xs:string*" select="r:authors(.)[. != '']"/>
      <!-- (a name whose pointer leads nowhere has no words: left out, where it read "Anna
           to ; Karl", probe 155) -->
      <!-- (several joined as the letter's head joins them, "John Bellamy and Harriet
           Bellamy": probe 165, where they read "John Bellamy; Harriet Bellamy") -->
      <xsl:variable name="from" as="xs:string?" select="r:names-said((if (exists($authors))
          then $authors else $desc ! r:corresp-names(., 'sent') ! r:corresp-name-words(.))
          [. != ''], .)"/>
      <xsl:variable name="to" as="xs:string?" select="r:names-said((($desc ! r:corresp-names(.,
          'received'), $desc/addressee/(persName | orgName | name | rs)[normalize-space()])
          ! r:corresp-name-words(.))[. != ''], .)"/>
      <!-- a file of several letters (one correspDesc each: a CMIF file, a correspondence
           edited as one text) is not its first letter: how many, and from when to when
           (probe 107: the first letter's sender, addressee and date stood for all of them) -->
      <xsl:variable name="letters" as="element()*" select="r:corresp-descs(.)"/>
      <xsl:variable name="several" as="xs:boolean" select="count($letters) gt 1"/>
      <xsl:variable name="who" as="xs:string?" select="
          if ($several) then r:msg('letter.described', string(count($letters)))
          else if (exists($from) and exists($to)) then r:msg('home.letter', ($from, $to))
          else if (exists($to)) then r:msg('letter.to') || ' ' || $to
          else $from"/>
      <!-- and where it was written, before its date as a calendar of letters gives them
           ("Nevers, 3 July 1568"; probe 41: the list named no place): the sending action's
           first place named, not its postal address -->
      <xsl:variable name="where" as="xs:string?" select="($desc/correspAction[lower-case(
          normalize-space(@type)) = 'sent']/(placeName | settlement), $desc/placeSender
          /(placeName | settlement))[normalize-space()][1] ! r:plain(.)"/>
      <!-- the earliest and the latest of its dated letters, whatever their order in the
           file; no date when fewer than two are dated (probe 106: one date stood for all) -->
      <xsl:variable name="dated" as="element()*" select="sort($letters ! r:sent-date(.)
          [exists(r:iso-value(.))], (), function ($d) { r:date-in-order(r:iso-value($d)) })"/>
      <xsl:variable name="dates" as="xs:string*" select="if (not($several)) then $date
          else if (count($dated) lt 2) then ()
          else distinct-values(($dated[1], $dated[last()])
              ! (r:plain(.)[. != ''], r:date-attribute-words(.))[1])"/>
      <xsl:variable name="meta" as="xs:string" select="string-join(($who,
          $where[not($several)], string-join($dates, ' – ')[. != '']), ', ')"/>
      <!-- a title that says all of it already (a calendar's "A to B, Place, date") is not
           said twice (probe 165) -->
      <xsl:if test="$meta != '' and normalize-space($meta) ne normalize-space(r:title(.))">
        <span class="text-meta" dir="auto">
          <xsl:choose>
            <!-- each part in a right-to-left script an isolate of its own: an Arabic
                 author's name before an English date read "August 1910 7" (probe 177) -->
            <xsl:when test="matches($meta, $r:rtl-letters)">
              <xsl:for-each select="($who, $where[not($several)],
                  string-join($dates, ' – '))[. != '']">
                <xsl:if test="position() gt 1">
                  <xsl:text>, </xsl:text>
                </xsl:if>
                <xsl:choose>
                  <xsl:when test="matches(., $r:rtl-letters)">
                    <bdi><xsl:value-of select="."/></bdi>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:value-of select="."/>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="$meta"/>
            </xsl:otherwise>
          </xsl:choose>
        </span>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>

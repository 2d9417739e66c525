<?xml version="1.0" encoding="UTF-8"?>
<!--
  The home page's list of an edition of letters as a calendar (html/home.xsl): its letters in
  the order they were sent, under a heading for each year, the undated ones last under a
  heading that says so, and, when the list is long, a navigation to the years.

  Which editions: those whose texts are letters (r:letters-edition): more than half of the
  texts listed, and at least two, have a date of sending (r:sent-date of their first
  correspondence description: in words or in attributes; the older dateSender too) or, when
  they have none, of receiving (r:letter-timeline-date), or are
  letters dated in their first dateline (r:dated-letter). Any other edition keeps its list
  in the order of its files, unchanged.

  The order: the sending date's ISO value (r:letter-sort-date: @when, else the start of its
  range, @notBefore or @from, else its end, @notAfter or @to, and their -iso forms; else the
  first dateline's, else the receiving date's), then the order of the files. A letter whose
  date has no such value (words alone: "20. 3. 1897" without @when; a century or a decade,
  r:period, which names no one year) is undated here: its entry still says the date in its
  words.

  Which texts the calendar lists: the letters (r:letter: a correspondence description, or a
  greeting of its own). The other texts of an edition of letters (a play, poems, an essay)
  follow under a heading of their own in the order of their files (html/home.xsl): listed in
  the calendar, they read as undated letters (probe 163).

  Series keep their grouping (html/home.xsl): each is a calendar of its own, the series in
  the order of their first letters, the letters of no series last under a heading of the
  series' rank ("Other letters"), their years one rank below.

  Every function below reads one text's header, never the others': sorting and grouping
  (xsl:sort, xsl:for-each-group) cost no scan of all texts per text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <!-- More letters than this, over more than one year, get the navigation to their years:
       a short list is read from top to bottom. -->
  <xsl:variable name="r:calendar-nav-from" as="xs:integer" select="31"/>

  <!-- Whether the texts listed are letters: most of them (more than half, at least two) say
       when they were sent. A single letter, or a collection with a few letters among other
       texts, keeps the list of its files. -->
  <xsl:function name="r:letters-edition" as="xs:boolean">
    <xsl:param name="texts" as="element()*"/>
    <xsl:variable name="dated" as="xs:integer" select="count($texts[r:dated-letter(.)])"/>
    <xsl:sequence select="$dated ge 2 and $dated * 2 gt count($texts)"/>
  </xsl:function>

  <!-- Whether a text is a letter that says when it was written: its correspondence
       description gives a sending date; or its first dateline is dated (ed:dateline of the
       header record, pipeline/datelines.py) and the text is a letter by its correspondence
       description or by the greeting beside that dateline (ed:saluted). A dateline alone
       makes no letter: the TEI Guidelines give one to "a letter, newspaper story, or other
       work", and a diary's entries have one each. -->
  <xsl:function name="r:dated-letter" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="desc" as="element()?" select="r:corresp-desc($tei)"/>
    <xsl:sequence select="exists($desc ! r:letter-timeline-date(.))
        or (exists(r:dateline-date($tei)) and (exists($desc) or $tei/text/@ed:saluted = 'true'))"/>
  </xsl:function>

  <!-- Whether a text is a letter, dated or not: it has a correspondence description, or it
       greets its reader (ed:greets of the header record: a salute of its own,
       pipeline/datelines.py). A text that is neither (a play with its cast list, a
       collection of poems) is no undated letter in a calendar (probe 163). -->
  <xsl:function name="r:letter" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="exists(r:corresp-desc($tei)) or $tei/text/@ed:greets = 'true'"/>
  </xsl:function>

  <!-- The ISO date of a text's first dateline, as its header record carries it
       (ed:dateline, normalised by pipeline/datelines.py), or (). -->
  <xsl:function name="r:dateline-date" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/text/@ed:dateline[r:is-iso-date(.)] ! string(.)"/>
  </xsl:function>

  <!-- A letter's dateline date in words (r:date-words), for its entry in the calendar when
       its correspondence description says no date. -->
  <xsl:function name="r:dateline-words" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="r:dateline-date($tei) ! r:date-words(., true())"/>
  </xsl:function>

  <!-- The ISO date a letter is filed under: its sending date's @when, else the start of its
       range, else its end (a letter "not after 1900" was written by then); else, when its
       correspondence description gives no such date, its first dateline's (r:dateline-date:
       many letters are dated in their text alone); else its received date's (a letter is
       written by the day it arrives); () when none is an ISO date, or the
       sending date is a century or a decade (r:period: its years are bounds, not the
       letter's year). -->
  <xsl:function name="r:letter-sort-date" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <!-- r:period asks only a date typed so: most dates skip its regular expressions -->
    <xsl:variable name="date" as="element()?" select="r:corresp-desc($tei) ! r:sent-date(.)
        [not(@type) or empty(r:period(.))]"/>
    <xsl:variable name="received" as="element()?" select="r:corresp-desc($tei)
        ! r:received-date(.)[not(@type) or empty(r:period(.))]"/>
    <xsl:sequence select="($date ! r:iso-value(.), r:dateline-date($tei),
        $received ! r:iso-value(.))[1]"/>
  </xsl:function>

  <!-- The ISO value a date is filed by: its own, else its range's start, else its end. -->
  <xsl:function name="r:iso-value" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="(($date/(@when, @when-iso, @notBefore, @notBefore-iso, @from,
        @from-iso, @notAfter, @notAfter-iso, @to, @to-iso) ! normalize-space(.))
        [r:is-iso-date(.)])[1]"/>
  </xsl:function>

  <!-- A letter's date as a string that sorts as the dates do: its year as a number of five
       digits from 10000 (-0098: 09902, 1897: 11897: a year before the common era sorts
       before the others, and by its number), then the rest of the ISO value (a year alone
       before its months, a month before its days); () when undated. -->
  <xsl:function name="r:letter-sort-key" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="r:letter-sort-date($tei) ! (format-number(xs:integer(r:iso-year(.))
        + 10000, '00000') || replace(., '^-?[0-9]{4}', ''))"/>
  </xsl:function>

  <!-- Each dated letter's r:letter-sort-key by its stem: computed once for the page, where
       sorting and grouping would ask each letter several times. -->
  <xsl:function name="r:letter-sort-keys" as="map(xs:string, xs:string)">
    <xsl:param name="texts" as="element()*"/>
    <xsl:sequence select="map:merge(for $text in $texts, $key in r:letter-sort-key($text)
        return map {string($text/@ed:stem): $key})"/>
  </xsl:function>

  <!-- The year of an ISO date as r:iso-parts writes it (with its sign: -0098). -->
  <xsl:function name="r:iso-year" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="r:iso-parts($iso)[1]"/>
  </xsl:function>

  <!-- The year of a r:letter-sort-key, as r:iso-year writes it (11897: 1897, 09902: -0098). -->
  <xsl:function name="r:key-year" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="year" as="xs:integer" select="xs:integer(substring($key, 1, 5)) - 10000"/>
    <xsl:sequence select="(if ($year lt 0) then '-' else '') || format-number(abs($year), '0000')"/>
  </xsl:function>

  <!-- The letters of one group of the list (the whole list, or one series) as a calendar.
       $level: the rank of the year headings (3 under the list's heading, 4 under a
       series'); $suffix: what makes their ids unique on the page when several groups have
       the same years; $series: the series' title, '' for none (the navigation's name). -->
  <xsl:template name="r:calendar" as="element()*">
    <xsl:param name="letters" as="element()*"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="suffix" as="xs:string"/>
    <xsl:param name="series" as="xs:string"/>
    <!-- r:letter-sort-keys of the page's letters -->
    <xsl:param name="keys" as="map(xs:string, xs:string)"/>
    <!-- the dated in the order of their dates (xsl:sort is stable: then in file order),
         the undated after them in file order -->
    <xsl:variable name="sorted" as="element()*">
      <xsl:perform-sort select="$letters">
        <xsl:sort select="not(map:contains($keys, @ed:stem))"/>
        <xsl:sort select="$keys(@ed:stem)"/>
      </xsl:perform-sort>
    </xsl:variable>
    <!-- each letter's year, '' for the undated, computed once -->
    <xsl:variable name="years" as="xs:string*"
        select="$sorted ! ($keys(@ed:stem) ! r:key-year(.), '')[1]"/>
    <xsl:variable name="headings" as="xs:string*" select="distinct-values($years)"/>
    <xsl:if test="count($headings) gt 1 and count($sorted) ge $r:calendar-nav-from">
      <nav class="year-nav" aria-label="{if ($series != '') then r:msg('home.years-of',
          $series) else r:msg('home.years')}">
        <ul>
          <xsl:for-each select="$headings">
            <li><a href="#{r:year-id(., $suffix)}"><xsl:value-of select="r:year-heading(.)"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
    <!-- positions in $sorted, grouped by year: an ol numbers on from the year before -->
    <xsl:for-each-group select="1 to count($sorted)" group-adjacent="$years[current()]">
      <xsl:element name="h{$level}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:attribute name="class" select="if (current-grouping-key() = '')
            then 'year-title undated' else 'year-title'"/>
        <xsl:attribute name="id" select="r:year-id(current-grouping-key(), $suffix)"/>
        <xsl:value-of select="r:year-heading(current-grouping-key())"/>
      </xsl:element>
      <ol class="text-list">
        <xsl:if test="current-group()[1] gt 1">
          <xsl:attribute name="start" select="current-group()[1]"/>
        </xsl:if>
        <!-- by position: a comparison with every letter would scan them all per year -->
        <xsl:for-each select="for $i in current-group() return $sorted[$i]">
          <xsl:call-template name="text-entry">
            <xsl:with-param name="r:in-calendar" select="true()" tunnel="yes"/>
          </xsl:call-template>
        </xsl:for-each>
      </ol>
    </xsl:for-each-group>
  </xsl:template>

  <!-- A year heading's id: ed-year-1897 (a year before the common era with its sign), ed-undated. -->
  <xsl:function name="r:year-id" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:param name="suffix" as="xs:string"/>
    <xsl:sequence select="(if ($year = '') then 'ed-undated' else 'ed-year-' || $year)
        || $suffix"/>
  </xsl:function>

  <!-- A year as the pages write it (r:year-words: 1897, 98 BCE), or the undated's heading. -->
  <xsl:function name="r:year-heading" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence select="if ($year = '') then r:msg('home.undated') else r:year-words($year)"/>
  </xsl:function>

</xsl:stylesheet>

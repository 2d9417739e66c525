<?xml version="1.0" encoding="UTF-8"?>
<!--
  The body of the HTML index pages: one section per entity (id = register xml:id) with its
  names, note, authority links and every occurrence linked to the reading page it is on
  (<stem>.html#<mention id>, or the part of a long text: @file), the entities sorted by their
  sort key in the collation of the page's language (Unicode Collation Algorithm) under
  headings by initial letter; the timeline lists every dated mention by year and month, its
  dates in words of the interface language ("September 1944", "between September and December
  1944"), each entry with the id its date in the text links to (r:timeline-id).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="xs ed r">

  <!-- ed:facts: births, deaths, events and relations in words -->
  <xsl:import href="page-facts.xsl"/>
  <!-- r:index-collation, r:index-initial: the subject index of the books files alike -->
  <xsl:import href="../../common/subjects.xsl"/>

  <xsl:mode name="ed:html" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Authority types as readers know them. -->
  <xsl:variable name="ed:authority-labels" as="map(xs:string, xs:string)"
      select="map { 'wikidata': 'Wikidata', 'viaf': 'VIAF', 'geonames': 'GeoNames', 'gnd': 'GND' }"/>

  <xsl:function name="ed:speeches" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="r:msg(if ($n eq 1) then 'index.speech' else 'index.speeches',
        string($n))"/>
  </xsl:function>

  <!-- "1 mention", "3 mentions": the catalogue's KEY.one or KEY.other, with the number; in
       Arabic its dual and plurals too (CLDR's plural categories: 2 "two", 3-10 "few", 11-99
       "many" by the last two digits), where the catalogue has them ("مدخلان", "9 مداخل",
       "11 مدخلًا": probe 61 read "2 مدخل"). -->
  <xsl:function name="ed:plural" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="category" as="xs:string?" select="if (r:ui-lang() ne 'ar') then ()
        else if ($n eq 2) then 'two'
        else if ($n mod 100 ge 3 and $n mod 100 le 10) then 'few'
        else if ($n mod 100 ge 11) then 'many'
        else ()"/>
    <xsl:sequence select="r:msg((($category ! ($key || '.' || .))[r:has-msg(.)],
        $key || (if ($n eq 1) then '.one' else '.other'))[1], string($n))"/>
  </xsl:function>

  <!-- The document a stem names, looked up through a key: the predicate $documents[@stem =
       ...] scanned every document for every occurrence, so the index pages of a
       correspondence grew with the square of its letters (persons.html of 2,248 letters:
       7.6 s). The templates pass the documents' list as one item, ed:documents, not as the
       sequence of its children: Saxon checked a sequence passed to a template's or function's
       typed parameter item by item at every call (persons.html of 9,761 letters: 18.6 s, of
       which 14 s in those checks). -->
  <xsl:key name="ed:document" match="ed:document" use="string(@stem)"/>

  <xsl:function name="ed:document" as="element(ed:document)?">
    <xsl:param name="documents" as="element(ed:documents)?"/>
    <xsl:param name="stem" as="xs:string?"/>
    <xsl:sequence select="if (empty($documents) or empty($stem)) then ()
        else key('ed:document', $stem, $documents)[1]"/>
  </xsl:function>

  <!-- lang attribute only where the text is not in the page's language. -->
  <xsl:template name="ed:lang" as="attribute()*">
    <xsl:param name="lang" as="xs:string?" required="yes"/>
    <xsl:param name="page-lang" as="xs:string" tunnel="yes" required="yes"/>
    <!-- as a BCP 47 tag, as the reading pages write it: a text's "deu" is "de" in HTML -->
    <xsl:variable name="code" as="xs:string?" select="r:lang($lang)"/>
    <xsl:if test="$code and $code ne $page-lang">
      <xsl:attribute name="lang" select="$code"/>
      <!-- a Hebrew name or context on a page read left to right runs right to left -->
      <xsl:for-each select="r:lang-dir($code)[. ne r:ui-dir()]">
        <xsl:attribute name="dir" select="."/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The collation of the index: the Unicode Collation Algorithm for the page's language,
       accents and case second to the letters (É with E, a with A). -->
  <xsl:function name="ed:collation" as="xs:string">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="r:index-collation($lang)"/>
  </xsl:function>

  <!-- The letter an entry is filed under: the first letter of its sort key without accents,
       in capitals; "" for a key that does not begin with a letter. -->
  <xsl:function name="ed:initial" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="r:index-initial($key)"/>
  </xsl:function>

  <!-- Entities in the order of the collation, under a heading per initial letter, with the
       letters as a navigation at the top. -->
  <xsl:template name="ed:by-initial" as="element()*">
    <xsl:param name="entities" as="element(ed:entity)*" required="yes"/>
    <xsl:param name="collation-lang" as="xs:string" tunnel="yes" required="yes"/>
    <xsl:variable name="sorted" as="element(ed:entity)*">
      <xsl:perform-sort select="$entities">
        <!-- the script of the pages' language first, as the README says: the texts' language
             put the Persian names first or last as the first file's name went (probe 84) -->
        <xsl:sort select="r:script-rank(@sort, r:ui-lang())"/>
        <xsl:sort select="r:sort-key(@sort, $collation-lang)" collation="{ed:collation($collation-lang)}"/>
        <xsl:sort select="r:sort-key(ed:name, $collation-lang)" collation="{ed:collation($collation-lang)}"/>
        <xsl:sort select="normalize-unicode(ed:name, 'NFD')"
            collation="{ed:collation($collation-lang)}"/>
        <xsl:sort select="@id"/>
      </xsl:perform-sort>
    </xsl:variable>
    <xsl:variable name="groups" as="map(*)*">
      <!-- by initial, not by runs of one: the collation may set a key that begins with no
           letter ("(Anonymous)", "[...]") between two of one initial, which then gave two
           headings with one id; the letters in the order they first come, the rest last -->
      <xsl:for-each-group select="$sorted" group-by="ed:initial(@sort)">
        <xsl:sort select="current-grouping-key() = ''"/>
        <xsl:sequence select="map { 'letter': current-grouping-key(),
            'entities': current-group() }"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:if test="count($groups) gt 1">
      <nav class="index-letters" aria-label="{r:msg('index.letters')}">
        <ul>
          <xsl:for-each select="$groups">
            <li><a href="#{ed:letter-id(?letter)}"><xsl:value-of
                select="ed:letter-label(?letter)"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
    <xsl:for-each select="$groups">
      <section class="index-letter" aria-labelledby="{ed:letter-id(?letter)}">
        <h2 id="{ed:letter-id(?letter)}" class="index-letter-heading"><xsl:value-of
            select="ed:letter-label(?letter)"/></h2>
        <xsl:apply-templates select="?entities" mode="ed:html"/>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="ed:letter-id" as="xs:string">
    <xsl:param name="letter" as="xs:string"/>
    <xsl:sequence select="'ed-letter-' || (if ($letter = '') then 'other' else $letter)"/>
  </xsl:function>

  <xsl:function name="ed:letter-label" as="xs:string">
    <xsl:param name="letter" as="xs:string"/>
    <xsl:sequence select="if ($letter = '') then r:msg('index.other-initial') else $letter"/>
  </xsl:function>

  <xsl:template match="ed:entity" mode="ed:html" as="element()">
    <section class="index-entry index-{@type}" id="{@id}">
      <h3>
        <span>
          <xsl:call-template name="ed:lang">
            <xsl:with-param name="lang" select="ed:name/@lang"/>
          </xsl:call-template>
          <xsl:value-of select="ed:name"/>
        </span>
        <xsl:text> </xsl:text>
        <small class="index-count">
          <!-- a character of a play is counted by speeches; mentions when there are any -->
          <xsl:variable name="letters" as="xs:integer" select="xs:integer((@letters, 0)[1])"/>
          <xsl:value-of select="string-join((
              (ed:plural(xs:integer(@count), 'index.mention'))[xs:integer(current()/@count) gt 0
                  or (xs:integer(current()/@speeches) eq 0 and $letters eq 0)],
              (ed:speeches(xs:integer(@speeches)))[xs:integer(current()/@speeches) gt 0],
              ed:plural($letters, 'index.letter')[$letters gt 0]), ' · ')"/>
        </small>
      </h3>
      <xsl:apply-templates select="ed:life, ed:when, ed:desc, ed:note" mode="ed:html"/>
      <xsl:call-template name="ed:facts"/>
      <!-- the register's other names, each in its language and direction; a spelling given
           for several languages once (probe 24: RusDraCor's Попова, transliterated for
           English and for German alike, was "Also named: Popova; Popova"), and not the
           entry's own name again -->
      <xsl:variable name="others" as="element()*" select="ed:other-name[normalize-space()]
          [not(normalize-space() = (preceding-sibling::ed:other-name, ../ed:name)
              ! normalize-space())]"/>
      <xsl:if test="exists($others)">
        <p class="index-names">
          <xsl:value-of select="r:msg('index.also-named') || ' '"/>
          <xsl:for-each select="$others">
            <xsl:if test="position() gt 1">
              <xsl:text>; </xsl:text>
            </xsl:if>
            <span>
              <xsl:call-template name="ed:lang">
                <xsl:with-param name="lang" select="@lang"/>
              </xsl:call-template>
              <xsl:value-of select="."/>
            </span>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:if test="ed:variant">
        <p class="index-variants">
          <xsl:value-of select="r:msg('index.as-written') || ' '"/>
          <xsl:for-each select="ed:variant">
            <xsl:if test="position() gt 1">
              <xsl:text>; </xsl:text>
            </xsl:if>
            <!-- the quotation marks are the sentence's, in the interface's language and
                 direction; the spelling inside them its own (probe 156: a Hebrew spelling's
                 q, marked right to left, drew its marks the wrong way round, ”אהרן“) -->
            <q>
              <bdi>
                <xsl:call-template name="ed:lang">
                  <xsl:with-param name="lang" select="@lang"/>
                </xsl:call-template>
                <xsl:value-of select="."/>
              </bdi>
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
      <xsl:call-template name="ed:letters"/>
    </section>
  </xsl:template>

  <!-- The letters an entity sent and received (a place: sent from and to it), each linked to
       its text by the text's title and the date it was sent; a file that describes several
       letters (CMIF) links each to its own address, when it has one. -->
  <xsl:template name="ed:letters" as="element()?">
    <xsl:context-item as="element(ed:entity)" use="required"/>
    <xsl:param name="documents" as="element(ed:documents)?" tunnel="yes" required="yes"/>
    <xsl:if test="ed:letter">
      <div class="index-letters">
        <p class="index-letters-title"><xsl:value-of select="r:msg('index.letters-title')"/></p>
        <ul>
          <xsl:for-each-group select="ed:letter" group-by="@role">
            <xsl:sort select="index-of(('sent', 'transmitted', 'redirected', 'forwarded',
                'received'), current-grouping-key())"/>
            <li>
              <span class="index-letters-role">
                <xsl:value-of select="r:msg('index.letters.' || current-grouping-key())"/>
              </span>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="current-group()">
                <xsl:if test="position() gt 1">
                  <xsl:text>; </xsl:text>
                </xsl:if>
                <xsl:variable name="title" as="xs:string" select="(ed:document($documents,
                    @document)/@title[normalize-space()], @document)[1]"/>
                <xsl:variable name="ref" as="xs:string?"
                    select="r:safe-url(@ref)[matches(., '^https?://')]"/>
                <a href="{if (exists($ref) and count(current-group()[@document =
                    current()/@document]) gt 1) then $ref else @file}">
                  <xsl:value-of select="$title"/>
                </a>
                <xsl:for-each select="if (normalize-space(@when)) then r:date-words(@when, true())
                    else if (@received) then r:msg('date.received', ed:interval-words(@received))
                    else r:date-attribute-words(.)">
                  <xsl:value-of select="' (' || . || ')'"/>
                </xsl:for-each>
              </xsl:for-each>
            </li>
          </xsl:for-each-group>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- An ISO date, or an interval of two ("1850-03-02/1850-03-10", an open end ".."), in
       words: "2 March 1850", "between 2 and 10 March 1850", "after 2 March 1850". -->
  <xsl:function name="ed:interval-words" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="ends" as="xs:string*" select="tokenize($value, '/')"/>
    <xsl:variable name="range" as="element()">
      <ed:range>
        <xsl:if test="count($ends) = 1">
          <xsl:attribute name="when" select="$ends"/>
        </xsl:if>
        <xsl:if test="count($ends) = 2 and $ends[1] != '..'">
          <xsl:attribute name="notBefore" select="$ends[1]"/>
        </xsl:if>
        <xsl:if test="count($ends) = 2 and $ends[2] != '..'">
          <xsl:attribute name="notAfter" select="$ends[2]"/>
        </xsl:if>
      </ed:range>
    </xsl:variable>
    <xsl:sequence select="if (count($ends) = 1) then r:date-words($value, true())
        else string((r:date-attribute-words($range), $value)[1])"/>
  </xsl:function>

  <!-- A character's speeches: per text and scene, one numbered link to each speech (its
       first words as the link's title and accessible name). -->
  <xsl:template name="ed:speeches" as="element()?">
    <xsl:context-item as="element(ed:entity)" use="required"/>
    <xsl:param name="documents" as="element(ed:documents)?" tunnel="yes" required="yes"/>
    <xsl:if test="ed:speech">
      <div class="index-speeches">
        <p class="index-speeches-title"><xsl:value-of select="r:msg('index.speeches-title')"/></p>
        <ul>
          <xsl:for-each-group select="ed:speech" group-adjacent="@document || '#' || @section">
            <xsl:variable name="title" as="xs:string" select="(ed:document($documents,
                @document)/@title[normalize-space()], @document)[1]"/>
            <li>
              <!-- a scene headed as printed, "Dritter Auftritt.", gives up its full stop to
                   the colon: "Doctor Ritter, Dritter Auftritt.:" (probe 48) -->
              <!-- the text's title where nothing else says where (a transcript's utterances
                   in its body: probe 133 read ": 1 2 3") -->
              <xsl:variable name="where" as="xs:string" select="string-join(distinct-values(((
                  if (exists($documents/ed:document[2])) then $title else ()),
                  @heading[normalize-space()] ! normalize-space(), @part ! ed:part-label(.))),
                  ', ')"/>
              <span class="index-speeches-where">
                <xsl:value-of select="replace(if ($where = '') then $title else $where,
                    '([^.])\.$', '$1')"/>
              </span>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="current-group()">
                <xsl:if test="position() gt 1">
                  <xsl:text> </xsl:text>
                </xsl:if>
                <a href="{(@file, @document || '.html')[1]}#{@speech}" title="{ed:text}"
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

  <!-- "13 September 1819, Leipzig – 20 May 1896, Bonn", "? – 1896", as the page's card says
       them: each date in words (r:date-attribute-words: "between 1800 and 1810"), else as
       written, and its place linked to the place's entry -->
  <xsl:template match="ed:life" mode="ed:html" as="element()">
    <p class="index-life">
      <xsl:variable name="birth" as="node()*">
        <xsl:apply-templates select="ed:birth" mode="ed:life-part"/>
      </xsl:variable>
      <xsl:sequence select="if (exists($birth)) then $birth else '?'"/>
      <xsl:text> – </xsl:text>
      <xsl:apply-templates select="ed:death" mode="ed:life-part"/>
    </p>
  </xsl:template>

  <xsl:mode name="ed:life-part" on-no-match="fail" on-multiple-match="fail"/>

  <!-- A birth or a death: its date as the timeline says dates, else as written, and its
       places. -->
  <xsl:template match="ed:birth | ed:death" mode="ed:life-part" as="node()*">
    <xsl:variable name="dated" as="xs:boolean" select="exists(@when | @notBefore | @notAfter
        | @from | @to | @period | ed:text)"/>
    <xsl:if test="$dated">
      <xsl:call-template name="ed:date-label"/>
    </xsl:if>
    <xsl:if test="$dated and ed:place">
      <xsl:text>, </xsl:text>
    </xsl:if>
    <xsl:sequence select="ed:entry-links(ed:place)"/>
    <!-- words beside a date its attributes give ("Estagel"), which the label leaves out -->
    <xsl:if test="exists(@when | @notBefore | @notAfter | @from | @to) and normalize-space(ed:text)
        and empty(ed:place)">
      <xsl:value-of select="', ' || normalize-space(ed:text)"/>
    </xsl:if>
  </xsl:template>

  <!-- When an event happened: "1 June 1875", "between 1890 and 1892", "from January to
       March 1905", in the words of the timeline. -->
  <xsl:template match="ed:when" mode="ed:html" as="element()">
    <p class="index-dates"><xsl:call-template name="ed:date-label"/></p>
  </xsl:template>

  <xsl:template match="ed:note" mode="ed:html" as="element()">
    <p class="index-note">
      <xsl:value-of select="."/>
    </p>
  </xsl:template>

  <!-- A key of the source's own (@key; the register keyed.py makes of keyed names) is a code
       of the editors, no name of the entity: printed as an authority, "key Gilgal_Deu.11.30"
       read as an entry's name (probe 48). The entry is named by its mentions; the key stays,
       small and labelled, for a reader who searches the source by it. -->
  <xsl:template match="ed:authority[@type = 'key'][not(matches(@url, '^https?://'))]"
      mode="ed:html" as="element()">
    <li class="index-key">
      <small>
        <xsl:value-of select="r:msg('index.source-key') || ' '"/>
        <code dir="ltr"><xsl:value-of select="@value"/></code>
      </small>
    </li>
  </xsl:template>

  <xsl:template match="ed:authority[not(@type = 'key') or matches(@url, '^https?://')]"
      mode="ed:html" as="element()">
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

  <!-- An entry of the registers dated by its own attributes (an event), on the timeline: its
       date, its name linked to its entry of the index, and its kind. -->
  <xsl:template match="ed:date[@event]" mode="ed:html" as="element()" priority="1">
    <li id="entry-{@event}" class="timeline-entry">
      <span class="timeline-date"><xsl:call-template name="ed:date-label"/></span>
      <xsl:text>: </xsl:text>
      <a href="{($ed:kind-pages(string(@event-type)), 'entities.html')[1]}#{@event}">
        <xsl:value-of select="ed:text"/>
      </a>
      <xsl:if test="@event-type = 'event'">
        <xsl:text> </xsl:text>
        <small class="timeline-kind">
          <xsl:value-of select="'(' || r:msg('card.event') || ')'"/>
        </small>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- One occurrence: where it is (linked) and the context with the mention marked. A dated
       mention's entry has the id its date in the text links to. -->
  <xsl:template match="ed:occurrence | ed:date" mode="ed:html" as="element()">
    <xsl:param name="documents" as="element(ed:documents)?" tunnel="yes" required="yes"/>
    <xsl:variable name="document" as="element(ed:document)?"
        select="ed:document($documents, @document)"/>
    <li>
      <xsl:if test="self::ed:date">
        <xsl:attribute name="id" select="r:timeline-id(@document, @mention)"/>
        <xsl:variable name="label" as="node()*">
          <xsl:call-template name="ed:date-label"/>
        </xsl:variable>
        <!-- a letter on the timeline by the day it arrived says so -->
        <span class="timeline-date"><xsl:sequence select="if (@received = 'true')
            then ed:fill('date.received', [$label]) else $label"/></span>
        <xsl:text>: </xsl:text>
      </xsl:if>
      <xsl:variable name="title" as="xs:string"
          select="($document/@title[normalize-space()], @document)[1]"/>
      <!-- the parts of the place, each in its language: the text's title (an Arabic title in
           an English list, probe 32), its heading (the text's), a part or page (the
           interface's) -->
      <!-- a heading that is the text's title says it once (probe 57: "The Great Fire at
           Odessa, The Great Fire at Odessa") -->
      <xsl:variable name="heading" as="attribute()?"
          select="@heading[normalize-space()][normalize-space() ne normalize-space($title)]"/>
      <xsl:variable name="where" as="element(ed:where)*">
        <xsl:if test="exists($documents/ed:document[2])
            or empty(($heading, @part, @page[normalize-space()]))">
          <ed:where lang="{($document/@title-lang, $document/@lang)[1]}">
            <xsl:value-of select="$title"/>
          </ed:where>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="exists($heading)">
            <!-- in its own division's language when that is another (probe 165) -->
            <ed:where lang="{(@heading-lang, $document/@lang)[1]}"><xsl:value-of
                select="$heading"/></ed:where>
          </xsl:when>
          <xsl:when test="@heading[normalize-space()]"/>
          <xsl:when test="@part">
            <ed:where><xsl:value-of select="ed:part-label(@part)"/></ed:where>
          </xsl:when>
        </xsl:choose>
        <xsl:for-each select="@page[normalize-space()]">
          <ed:where><xsl:value-of select="r:page-label(string(.))"/></ed:where>
        </xsl:for-each>
      </xsl:variable>
      <a href="{(@file, @document || '.html')[1]}#{@mention}">
        <xsl:for-each select="$where">
          <xsl:if test="position() gt 1">
            <xsl:text>, </xsl:text>
          </xsl:if>
          <xsl:variable name="lang" as="attribute()*">
            <xsl:call-template name="ed:lang">
              <xsl:with-param name="lang" select="string(@lang)"/>
            </xsl:call-template>
          </xsl:variable>
          <!-- a heading's own full stop before the comma that follows it ("Scene 2. The
               shore., p. 2", probe 67) -->
          <xsl:variable name="words" as="xs:string" select="if (position() lt last()
              and matches(., '[^.]\.$')) then replace(., '\.$', '') else string(.)"/>
          <xsl:choose>
            <xsl:when test="exists($lang)">
              <span><xsl:sequence select="$lang"/><xsl:value-of select="$words"/></span>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="$words"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </a>
      <xsl:text>: </xsl:text>
      <span class="index-context">
        <!-- the words around a mention are in its text's language and direction, or its
             part's (a translation beside its original) -->
        <xsl:call-template name="ed:lang">
          <xsl:with-param name="lang" select="(@context-lang, $document/@lang)[1]"/>
        </xsl:call-template>
        <xsl:variable name="context-dir" as="xs:string"
            select="(r:lang-dir((@context-lang, $document/@lang)[1]), r:ui-dir())[1]"/>
        <xsl:sequence select="ed:isolated(string(ed:before), $context-dir)"/>
        <mark>
          <xsl:call-template name="ed:lang">
            <xsl:with-param name="lang" select="@lang"/>
          </xsl:call-template>
          <xsl:choose>
            <!-- a date without words (<date when="1642-02"/>) is read as the page reads it -->
            <xsl:when test="self::ed:date and not(normalize-space(ed:text))">
              <xsl:call-template name="ed:date-label"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="ed:text"/>
            </xsl:otherwise>
          </xsl:choose>
        </mark>
        <xsl:sequence select="ed:isolated(string(ed:after), $context-dir)"/>
      </span>
    </li>
  </xsl:template>

  <!-- The words around a mention are plain text: a run of words written in the other
       direction (a Hebrew quotation in an English sentence, an English one in a Hebrew
       sentence) is isolated (bdi), as the reading page isolates its foreign and quote
       elements, so that the numbers and punctuation after it stay where they are written
       (probe 102: "read the inscription 2 ,שלום עליכם times"). -->
  <!-- letters only: a combining mark (U+05C2 after a Greek word, probe 106) or a digit
       begins no run, and stays with its base -->
  <xsl:variable name="ed:rtl-letter" as="xs:string" select="'[\p{IsHebrew}\p{IsArabic}\p{IsSyriac}'
      || '\p{IsThaana}\p{IsArabicPresentationForms-A}\p{IsArabicPresentationForms-B}-[\P{L}]]'"/>
  <xsl:variable name="ed:ltr-letter" as="xs:string" select="'[\p{L}-[\p{IsHebrew}\p{IsArabic}'
      || '\p{IsSyriac}\p{IsThaana}\p{IsArabicPresentationForms-A}'
      || '\p{IsArabicPresentationForms-B}]]'"/>

  <xsl:function name="ed:isolated" as="node()*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="dir" as="xs:string"/>
    <xsl:variable name="other" as="xs:string"
        select="if ($dir = 'rtl') then $ed:ltr-letter else $ed:rtl-letter"/>
    <xsl:choose>
      <xsl:when test="not(matches($text, $other))">
        <xsl:value-of select="$text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:analyze-string select="$text"
            regex="{$other}+(?:[\s\p{{P}}\p{{N}}\p{{M}}]*{$other}+)*\p{{M}}*">
          <xsl:matching-substring>
            <bdi><xsl:value-of select="."/></bdi>
          </xsl:matching-substring>
          <xsl:non-matching-substring>
            <xsl:value-of select="."/>
          </xsl:non-matching-substring>
        </xsl:analyze-string>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The timeline: a section per year and a list per month (a date known to the year only
       comes first in its year; one not in ISO form, last, under "Other dates"), a section per
       century or decade before the years it spans (1701 for the 18th century as counted, so
       that a plain 1700 comes before it), in the order of the index (by start, end and place
       in the text). -->
  <xsl:template name="ed:timeline" as="element()+">
    <xsl:param name="dates" as="element(ed:date)+" required="yes"/>
    <!-- dates not in ISO form sort among the others (by their words): all of them are one
         section, the last -->
    <xsl:variable name="years" as="map(*)*">
      <!-- by key, not by neighbour: the index files a century or decade before the years it
           spans (entities.xsl), a section headed by it ahead of theirs; one key for its dates
           keeps them one section all the same -->
      <xsl:for-each-group select="$dates[ed:year-key(.) != '']" group-by="ed:year-key(.)">
        <xsl:sequence select="map { 'year': current-grouping-key(), 'dates': current-group() }"/>
      </xsl:for-each-group>
      <xsl:variable name="other" as="element(ed:date)*" select="$dates[ed:year-key(.) = '']"/>
      <xsl:if test="exists($other)">
        <xsl:sequence select="map { 'year': '', 'dates': $other }"/>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="count($years) gt 1">
      <nav class="index-letters" aria-label="{r:msg('timeline.years')}">
        <ul>
          <xsl:for-each select="$years">
            <li><a href="#{ed:year-id(?year)}"><xsl:value-of select="ed:year-label(?year)"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
    <xsl:for-each select="$years">
      <section class="timeline-year" aria-labelledby="{ed:year-id(?year)}">
        <h2 id="{ed:year-id(?year)}"><xsl:value-of select="ed:year-label(?year)"/></h2>
        <xsl:for-each-group select="?dates" group-adjacent="ed:months(.)">
          <xsl:choose>
            <xsl:when test="current-grouping-key() = ''">
              <ol class="index-timeline">
                <xsl:apply-templates select="current-group()" mode="ed:html"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <section class="timeline-month">
                <h3><xsl:value-of select="ed:months-label(current-grouping-key())"/></h3>
                <ol class="index-timeline">
                  <xsl:apply-templates select="current-group()" mode="ed:html"/>
                </ol>
              </section>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- The months a date is filed under, as "YYYY-MM" (one month) or "YYYY-MM/YYYY-MM" (a span
       over several: "late 1944", 1944-09-01 to 1944-12-31, is no date of September), "YYYY/YYYY"
       (a span of years: 1890 to 1910 is no date of 1890); "" for a date known to the year
       only, or spanning a whole year (filed first in its year), or a century or decade (its
       own section). -->
  <xsl:function name="ed:months" as="xs:string">
    <xsl:param name="date" as="element(ed:date)"/>
    <xsl:sequence select="if (ed:said-period($date) != '') then '' else ed:span-months($date)"/>
  </xsl:function>

  <xsl:function name="ed:span-months" as="xs:string">
    <xsl:param name="date" as="element(ed:date)"/>
    <xsl:variable name="start" as="xs:string" select="ed:start($date)"/>
    <xsl:variable name="end" as="xs:string" select="string(($date/(@to, @notAfter))[1])"/>
    <xsl:variable name="first" as="xs:string" select="ed:month-of($start)"/>
    <xsl:variable name="last" as="xs:string"
        select="if ($date/@when or not(r:is-iso-date($end))) then $first else ed:month-of($end)"/>
    <!-- a span from a year into another (1701 to 1800, an untyped century) is no date of
         its first year either -->
    <xsl:variable name="years" as="xs:boolean" select="empty($date/@when) and r:is-iso-date($start)
        and r:is-iso-date($end) and ed:date-part($end, 1) != ed:date-part($start, 1)"/>
    <xsl:sequence select="
        if ($first = '') then (if ($years) then ed:date-part($start, 1) || '/'
            || (ed:month-of($end)[. != ''], ed:date-part($end, 1))[1] else '')
        else if ($last = $first) then $first
        else if (ed:date-part($end, 1) = ed:date-part($start, 1)
            and ($last = '' or ends-with($first, '-01') and ends-with($last, '-12'))) then ''
        else $first || '/' || ($last[. != ''], ed:date-part($end, 1))[1]"/>
  </xsl:function>

  <!-- "YYYY-MM" of an ISO date, "" when it has no month. -->
  <xsl:function name="ed:month-of" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="month" as="xs:string" select="ed:date-part($value, 2)"/>
    <xsl:sequence select="if ($month = '') then '' else ed:date-part($value, 1) || '-' || $month"/>
  </xsl:function>

  <!-- A month group's heading: "September 1944", "September–December 1944", "November 1944 –
       March 1945", "1890–1910", "550–600" (years as they are said: a manuscript catalogue's
       "between 550 and 600" was headed "0550–0600", probe 46). -->
  <xsl:function name="ed:months-label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="first" as="xs:string" select="substring-before($key || '/', '/')"/>
    <xsl:variable name="last" as="xs:string" select="substring-after($key, '/')"/>
    <xsl:sequence select="
        if ($last = '') then r:date-words($first, true())
        else if (matches($first || $last, '^[0-9]{8}$'))
          then r:year-words($first) || '–' || r:year-words($last)
        else if (substring($first, 1, 4) = substring($last, 1, 4))
          then r:date-words($first, false()) || '–' || r:date-words($last, true())
        else r:date-words($first, true()) || ' – ' || r:date-words($last, true())"/>
  </xsl:function>

  <!-- An unheaded division's kind in words, and its number if it has one ("introduction":
       "Introduction", "chapter 3": "Chapter 3", "chapter IV": "Chapter IV"; a type is one
       token, so the number is what follows the first space). -->
  <xsl:function name="ed:part-label" as="xs:string">
    <xsl:param name="part" as="xs:string"/>
    <xsl:variable name="type" as="xs:string" select="substring-before($part || ' ', ' ')"/>
    <xsl:variable name="n" as="xs:string" select="substring-after($part, ' ')"/>
    <xsl:sequence select="if ($n = '') then r:div-kind($type)
        else r:kind-numbered(r:div-kind($type), $n)"/>
  </xsl:function>

  <xsl:function name="ed:start" as="xs:string">
    <xsl:param name="date" as="element(ed:date)"/>
    <xsl:sequence select="string(($date/(@when, @from, @notBefore, @to, @notAfter))[1])"/>
  </xsl:function>

  <!-- The year (1) or month (2) of an ISO date (YYYY, YYYY-MM, YYYY-MM-DD), "" if it has none. -->
  <xsl:function name="ed:date-part" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="part" as="xs:integer"/>
    <xsl:sequence select="if (not(r:is-iso-date($value))) then ''
        else string(r:iso-parts($value)[$part])"/>
  </xsl:function>

  <!-- The section of the timeline a date is filed in: its year (of its start), "" for the
       dates that are not ISO; a century or decade said as such (r:period) has a section of
       its own, headed by it (filed under its first year, it read as a date of that year). -->
  <xsl:function name="ed:year-key" as="xs:string">
    <xsl:param name="date" as="element(ed:date)"/>
    <xsl:sequence select="(ed:said-period($date)[. != ''], ed:date-part(ed:start($date), 1))[1]"/>
  </xsl:function>

  <!-- A date's century or decade ("century 18") when the interface can say it, else "". -->
  <xsl:function name="ed:said-period" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="string($date/@period[exists(r:period-words(.))])"/>
  </xsl:function>

  <xsl:function name="ed:year-id" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence
        select="'ed-year-' || (if ($year = '') then 'other' else replace($year, ' ', '-'))"/>
  </xsl:function>

  <xsl:function name="ed:year-label" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence select="if ($year = '') then r:msg('timeline.other')
        else if (contains($year, ' ')) then string(r:period-words($year))
        else r:year-words($year)"/>
  </xsl:function>



  <!-- A dated mention's date in words: @when, or the range of @from/@to (a span of time) or
       @notBefore/@notAfter (an uncertain date), else its words as written; an ISO @when is
       also a time element. -->
  <!-- (also the date of a birth, a death or an event of the registers: ed:birth, ed:death,
       ed:when) -->
  <xsl:template name="ed:date-label" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="label" as="node()*">
      <xsl:call-template name="ed:date-words"/>
    </xsl:variable>
    <!-- an imprecise date is "c. 1838", an uncertain one "12 April 1845 (uncertain)" -->
    <xsl:sequence select="
        if (@precision = ('low', 'unknown')) then ed:fill('date.circa', [$label])
        else if (@cert = ('low', 'unknown')) then ed:fill('date.uncertain', [$label])
        else $label"/>
  </xsl:template>

  <xsl:template name="ed:date-words" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="start" as="xs:string?" select="(@from, @notBefore)[1] ! string(.)"/>
    <xsl:variable name="end" as="xs:string?" select="(@to, @notAfter)[1] ! string(.)"/>
    <xsl:variable name="span" as="xs:boolean" select="exists(@from | @to)"/>
    <xsl:choose>
      <!-- a century or a decade as such: "18th century", never the year it is filed by -->
      <xsl:when test="ed:said-period(.) != ''">
        <xsl:value-of select="r:period-words(@period)"/>
      </xsl:when>
      <xsl:when test="@when and r:is-iso-date(@when) and not(starts-with(@when, '-'))">
        <time datetime="{@when}"><xsl:value-of select="r:date-words(@when, true())"/></time>
      </xsl:when>
      <!-- a date before the common era, a day or month of no year (- -09-13) in words,
           anything else as written -->
      <xsl:when test="@when">
        <xsl:value-of select="r:date-words(@when, true())"/>
      </xsl:when>
      <xsl:when test="exists($start) and exists($end)">
        <xsl:variable name="range" as="xs:string+" select="r:whole-months($start, $end)"/>
        <xsl:value-of select="if ($range[1] = $range[2]) then r:date-words($range[1], true())
            else r:msg(if ($span) then 'date.from-to' else 'date.between',
                (r:range-start($range[1], $range[2]), r:date-words($range[2], true())))"/>
      </xsl:when>
      <xsl:when test="exists($start)">
        <xsl:value-of select="r:msg(if ($span) then 'date.from' else 'date.after',
            r:date-words($start, true()))"/>
      </xsl:when>
      <xsl:when test="exists($end)">
        <xsl:value-of select="r:msg(if ($span) then 'date.to' else 'date.before',
            r:date-words($end, true()))"/>
      </xsl:when>
      <!-- a date in another calendar (when-custom) or one no attribute dates: as written,
           never "undated" for a date that says when -->
      <xsl:when test="normalize-space(ed:text)">
        <!-- the words are the text's: "سنة ١٢٨١" of a Hijri date runs right to left in an
             English timeline (probe 32) -->
        <xsl:variable name="lang" as="attribute()*">
          <xsl:call-template name="ed:lang">
            <xsl:with-param name="lang" select="string(@lang)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="exists($lang)">
            <span><xsl:sequence select="$lang"/><xsl:value-of select="normalize-space(ed:text)"/></span>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="normalize-space(ed:text)"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="r:msg('index.undated')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register entries -> ed:entity records: preferred name, register note, authority links,
  coordinates, variants as they occur in the texts and every occurrence.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="xs tei r">

  <!-- r:main-head(): a division's heading, as the reading page gives it. -->
  <xsl:import href="../../common/reading.xsl"/>
  <xsl:import href="../../common/authorities.xsl"/>
  <!-- r:sent-date(): the date a letter was sent, as the timeline and the letter's page take it -->
  <xsl:import href="../../common/timeline.xsl"/>
  <!-- ed:life, ed:when, ed:event and ed:relations: what the register says beyond names -->
  <xsl:import href="facts.xsl"/>

  <xsl:mode name="ed:entity" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="ed:authority" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="ed:coordinates" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Kinds of register entries, in the order the index lists them; role and castItem are
       the characters of a play's cast list that its speeches (sp/@who) point at. -->
  <xsl:variable name="ed:entry-kinds" as="xs:string+"
      select="('person', 'personGrp', 'place', 'org', 'event', 'object', 'nym', 'role',
               'castItem')"/>

  <!-- The register entry an element belongs to: itself or its nearest entry ancestor. -->
  <xsl:function name="ed:entry-of" as="element()?">
    <xsl:param name="element" as="element()?"/>
    <xsl:sequence select="$element/ancestor-or-self::*[local-name() = $ed:entry-kinds][1]"/>
  </xsl:function>

  <!-- Preferred name: a name child typed "preferred", else the first name-like child. -->
  <xsl:function name="ed:preferred-name-element" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" as="element()*" select="$entry/*[local-name() = ('persName',
        'placeName', 'orgName', 'name', 'eventName', 'objectName', 'geogName', 'label', 'form')]"/>
    <!-- a gazetteer's place named by its parts alone (TEI 13.3.4: settlement, district,
         region, country, bloc; the Bullinger letters' localities: <settlement>Basel</settlement>
         <district>Basel-Stadt</district> <country>Schweiz</country>), is named by the most
         specific of them: probe 18, it was named by its id ("l28") on the index pages, the
         map and in the warnings. -->
    <xsl:variable name="parts" as="element()*" select="$entry/self::tei:place
        ! (tei:settlement, tei:district, tei:region, tei:country, tei:bloc)[normalize-space()]"/>
    <!-- a role's own words first: a name inside it ("<hi>Othello</hi>, the <persName>Moor
         </persName>") is a part of them (probe 69: the entry was "Moor", under M) -->
    <!-- an event named by its heading, an object by the name of its identification (TEI
         13.3.6: objectIdentifier/objectName): both were their ids in the index and its
         exports (probe 90), where the page's card named them -->
    <xsl:variable name="own" as="element()*" select="$entry/self::tei:event/tei:head,
        $entry/self::tei:object/tei:objectIdentifier/tei:objectName"/>
    <xsl:sequence select="if ($entry/self::tei:role[normalize-space()]) then ()
        else ($names[@type = 'preferred'], $names, $own[normalize-space()], $parts)[1]"/>
  </xsl:function>

  <!-- The language of a register's name: the nearest xml:lang around it (TEI inherits it). -->
  <xsl:function name="ed:lang" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="$name/ancestor-or-self::*[@xml:lang][1]/@xml:lang/string()"/>
  </xsl:function>

  <xsl:function name="ed:preferred-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <!-- a cast item with no words of its own (the Folger texts' "ATTENDANTS.0.1_MND") is
         named by its group's head ("Lords and Attendants"), else its roleDesc -->
    <xsl:variable name="name" as="element()?" select="(ed:preferred-name-element($entry),
        $entry/self::tei:role, $entry/self::tei:castItem/tei:role,
        $entry/self::tei:castItem[not(normalize-space())]/(../tei:head, tei:roleDesc)
            [normalize-space()])[1]"/>
    <!-- a role of a cast list ends with the list's punctuation ("HORATIO,"): not its name -->
    <xsl:sequence select="if (empty($name)) then string($entry/@xml:id)
        else if ($name/self::tei:role or $name/self::tei:head)
        then replace(ed:text($name), '[\s,.;:]+$', '')
        else ed:name-words($name)"/>
  </xsl:function>

  <!-- An entry's name in the index. A role declared without words (a chorus or an ensemble
       the cast list gives only an id: <role xml:id="tous"/>) is named as the speeches it
       speaks alone call it ("tous trois"), else by its id: it was an entry of no name, a
       blank line of the index and "()" in its warning (probe 36). -->
  <xsl:function name="ed:entity-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="speeches" as="element()*"/>
    <xsl:variable name="name" as="xs:string" select="ed:preferred-name($entry)"/>
    <xsl:sequence select="if (normalize-space($name)) then $name
        else (($speeches[count(tokenize(normalize-space(@who))) eq 1]
               /tei:speaker[normalize-space()])[1]
              ! replace(ed:text(.), '[\s,.;:]+$', '')[normalize-space()],
              string($entry/@xml:id))[1]"/>
  </xsl:function>

  <!-- The words of a name. A name that gives its whole form as a part typed "full" beside
       its parts (the EpiDoc prosopographies: <persName><name type="full">Vassio</name>
       <name type="cognomen">Vassio</name></persName>) is that whole form: the parts repeat
       it, and the index named the entry "Vassio Vassio" (probe 29). Only that type: a name
       whose parts are simply written one after the other reads as before. -->
  <xsl:function name="ed:name-words" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="full" as="element()?"
        select="$name/tei:name[@type = 'full'][normalize-space()][1]"/>
    <xsl:variable name="fore" as="element()?" select="ed:inverted-at($name)"/>
    <xsl:sequence select="if (exists($fore))
        then string-join(($name/*[. &lt;&lt; $fore] ! ed:text(.))[. != ''], ' ') || ', '
            || string-join(($name/*[not(. &lt;&lt; $fore)] ! (if (self::tei:addName)
                then ed:text(.)[. != ''] ! (if (matches(., '[\s\p{Zs}]')
                    and not(matches(., '^[(\[].*[)\]]$'))) then '(' || . || ')' else .)
                else ed:text(.)))[. != ''], ' ')
        else ed:text(($full, $name)[1])"/>
  </xsl:function>

  <!-- A person named surname first without a comma ("<surname>Bahr</surname><forename>
       Hermann</forename>") is "Bahr, Hermann" (xslt/common/names.xsl, r:inverted-at, says
       why): its first forename, where the comma goes before. An additional name after the
       forename, of several words, is in brackets there: "Plessner, Elsa (auch Elisabeth, verh.
       Ginsberg)", which read as forenames all (probe 105); "Bahr, Hermann Jr." stays. -->
  <xsl:function name="ed:inverted-at" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="fore" as="element()?" select="$name/tei:forename[1]"/>
    <xsl:sequence select="$fore[$name/self::tei:persName][$name/*[. &lt;&lt; $fore]/self::tei:surname]
        [empty($name/text()[normalize-space()])][empty($name/tei:name[@type = 'full'])]
        [every $p in $name/*[. &lt;&lt; $fore]
         satisfies ($p/self::tei:surname or $p/self::tei:nameLink)]"/>
  </xsl:function>

  <!-- Sort key, as a reader looks a name up: "Holzinger, Robert" for a persName with
       surname and forename, else the preferred name without a leading article. -->
  <xsl:function name="ed:sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" as="element()?" select="ed:preferred-name-element($entry)"/>
    <xsl:sequence select="
        if ($name/tei:surname and $name/tei:forename)
        then normalize-space(string-join($name/tei:surname, ' ')) || ', '
             || normalize-space(string-join($name/tei:forename, ' '))
        else r:without-article(ed:preferred-name($entry))"/>
  </xsl:function>

  <xsl:template match="*" mode="ed:entity" as="element(ed:entity)">
    <xsl:param name="mentions" as="element()*" required="yes"/>
    <xsl:param name="speeches" as="element()*" select="()"/>
    <xsl:param name="letters" as="element()*" select="()"/>
    <!-- one record per letter and role, however often the letter names the entity -->
    <xsl:variable name="letter-records" as="element(ed:letter)*">
      <xsl:for-each-group select="$letters" group-by="generate-id(../..) || r:corresp-role(.)">
        <xsl:call-template name="ed:letter-record"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="name" as="xs:string" select="ed:entity-name(., $speeches)"/>
    <ed:entity id="{@xml:id}" type="{local-name()}"
        sort="{if (normalize-space(ed:preferred-name(.))) then ed:sort-key(.)
               else r:without-article($name)}"
        count="{count($mentions)}" speeches="{count($speeches)}"
        letters="{count(distinct-values($letters ! generate-id(../..)))}">
      <xsl:if test="@type">
        <xsl:attribute name="subtype" select="@type"/>
      </xsl:if>
      <xsl:attribute name="source" select="ancestor::*[@ed:source][1]/@ed:source"/>
      <ed:name>
        <!-- the language it is in, its own or inherited (a register whose root alone says
             xml:lang="ar": its names were of no language, shown unmarked on a page of
             another; the registers' lists keep what they inherit: pipeline/stages.py) -->
        <xsl:for-each select="ed:preferred-name-element(.) ! ed:lang(.)">
          <xsl:attribute name="lang" select="."/>
        </xsl:for-each>
        <xsl:value-of select="$name"/>
      </ed:name>
      <!-- its parts as the register writes them (forename, surname ...), for the TEI export -->
      <xsl:for-each select="ed:preferred-name-element(.)[*]">
        <ed:name-parts>
          <xsl:copy-of select="node()" copy-namespaces="no"/>
        </ed:name-parts>
      </xsl:for-each>
      <xsl:call-template name="ed:variants">
        <xsl:with-param name="mentions" select="$mentions"/>
      </xsl:call-template>
      <xsl:call-template name="ed:other-names"/>
      <!-- a role's description in its cast list ("Duke of Illyria") is its note, followed
           by the words of the groups it is cast in, inner first (castGroup's head and
           roleDesc: "Courtiers"), which tell who the role is as its own description does
           (probe 93: a role described by its group alone had no note) -->
      <!-- (a place's or an organisation's desc is its note when it has none: a Syriaca
           record's "City in the historical region of Syria", probe 118; an event's is
           its ed:desc) -->
      <xsl:variable name="own" as="xs:string?" select="(tei:note,
          tei:desc[not(parent::tei:event)], self::tei:role/../tei:roleDesc,
          self::tei:castItem/tei:roleDesc)[normalize-space()][1] ! ed:text(.)"/>
      <xsl:variable name="groups" as="xs:string*"
          select="reverse((self::tei:role | self::tei:castItem)/ancestor::tei:castGroup)
              ! (tei:head, tei:roleDesc)[normalize-space()] ! ed:text(.)"/>
      <xsl:if test="exists(($own, $groups)[. ne $name])">
        <ed:note>
          <!-- an unnamed item is named by its group's head: not its note too -->
          <xsl:value-of select="string-join(distinct-values(($own, $groups))
              [normalize-space()][. ne $name], '; ')"/>
        </ed:note>
      </xsl:if>
      <!-- a person's birth and death: the ISO date when the register gives one (a range as
           an interval), else its words that say a date ("c. 1819"), for the exports; and for the pages the date as its attributes
           give it and the place (ed:birth, ed:death) -->
      <xsl:if test="tei:birth or tei:death">
        <ed:life>
          <xsl:for-each select="(tei:birth[1], tei:death[1])">
            <!-- a range as an ISO 8601 interval ("1815-12-01/1815-12-31"), words only when
                 they say a date (a digit): probe 60's "London" was a birth date -->
            <xsl:variable name="range" as="xs:string?" select="(., tei:date)[(@notBefore
                | @notAfter | @from | @to)[normalize-space()]][1] ! string-join((
                    ((@from, @notBefore)[1] ! normalize-space(.), '..')[. != ''][1],
                    ((@to, @notAfter)[1] ! normalize-space(.), '..')[. != ''][1]), '/')"/>
            <xsl:variable name="value" as="xs:string?" select="((., tei:date) ! ed:dating(.)
                [local-name() = ('when', 'when-iso')], $range,
                r:life-words(.)[matches(., '\d')])[normalize-space()][1] ! string(.)"/>
            <xsl:if test="exists($value)">
              <xsl:attribute name="{local-name()}" select="$value"/>
            </xsl:if>
          </xsl:for-each>
          <xsl:apply-templates select="(tei:birth[1], tei:death[1])" mode="ed:life"/>
        </ed:life>
      </xsl:if>
      <!-- when an event (or any entry its own attributes date) happened -->
      <xsl:if test="ed:dated(.)">
        <ed:when>
          <xsl:sequence select="ed:date-attributes(.)"/>
        </ed:when>
      </xsl:if>
      <xsl:if test="self::tei:event">
        <xsl:call-template name="ed:event"/>
      </xsl:if>
      <!-- the places a place lies in, nearest first: TEI records containment by nesting
           places (Guidelines 13.3.4); probe 57's district had lost its city and country -->
      <xsl:if test="self::tei:place">
        <xsl:for-each select="ed:places-around(., .)">
          <xsl:sequence select="ed:named(., 'within')"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="self::tei:person or self::tei:personGrp">
        <xsl:call-template name="ed:traits"/>
      </xsl:if>
      <xsl:call-template name="ed:relations"/>
      <xsl:apply-templates select="tei:idno" mode="ed:authority"/>
      <!-- its own location's, not that of a place it lies in (probe 105: an organisation
           took the coordinates of its city, PMB's location type="located_in_place") -->
      <xsl:apply-templates select="(tei:location[r:own-location(.)]/tei:geo)[1]"
          mode="ed:coordinates"/>
      <xsl:for-each select="$mentions">
        <ed:occurrence>
          <xsl:call-template name="ed:mention-record"/>
        </ed:occurrence>
      </xsl:for-each>
      <xsl:for-each select="$speeches">
        <xsl:call-template name="ed:speech-record"/>
      </xsl:for-each>
      <xsl:sequence select="$letter-records"/>
    </ed:entity>
  </xsl:template>

  <!-- A work of a bibliography file as an entity of the index: its short form as its name
       ("Lettich 1983", as a pointer at it reads), the entry itself for the bibliography page
       to format (ed:work), and the passages that cite it. -->
  <xsl:template name="ed:work" as="element(ed:entity)">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="mentions" as="element()*" required="yes"/>
    <ed:entity id="{@xml:id}" type="{local-name()}" sort="{ed:work-sort(.)}"
        count="{count($mentions)}" speeches="0" letters="0">
      <xsl:attribute name="source" select="ancestor::*[@ed:source][1]/@ed:source"/>
      <ed:name>
        <xsl:value-of select="ed:work-name(.)"/>
      </ed:name>
      <!-- without its ids: the page's section has the work's id, and an id of the entry's
           parts would be there twice when two works share a part's id -->
      <ed:work>
        <xsl:apply-templates select="." mode="ed:without-ids"/>
      </ed:work>
      <xsl:variable name="words" as="xs:string" select="ed:work-name(.)"/>
      <xsl:for-each select="$mentions">
        <xsl:variable name="record" as="node()*">
          <xsl:call-template name="ed:mention-record"/>
        </xsl:variable>
        <ed:occurrence>
          <xsl:sequence select="$record[self::attribute()][local-name() != 'mention']"/>
          <!-- a pointer has no id of its own on the page: the passage it stands in -->
          <xsl:attribute name="mention" select="(@xml:id, ed:block(.)/@xml:id,
              ed:section(.)/@xml:id)[1]"/>
          <!-- a pointer (no name the normalisation resolved) is found in the source by its
               place among the pointers (ed:citation): its ordinal is the name's before it
               (probe 169) -->
          <xsl:if test="empty(@ed:entity)">
            <xsl:attribute name="citation" select="accumulator-before('ed:citation')"/>
          </xsl:if>
          <!-- a ptr has no words: the short form it reads as on the page -->
          <xsl:sequence select="$record[not(self::attribute())]
              ! (if (self::ed:text and current()/self::tei:ptr)
                 then ed:text-record($words) else .)"/>
        </ed:occurrence>
      </xsl:for-each>
    </ed:entity>
  </xsl:template>

  <xsl:function name="ed:text-record" as="element(ed:text)">
    <xsl:param name="words" as="xs:string"/>
    <ed:text><xsl:value-of select="$words"/></ed:text>
  </xsl:function>

  <xsl:mode name="ed:without-ids" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template match="@xml:id" mode="ed:without-ids" as="empty-sequence()"/>

  <!-- A work's author (else its title), its year and its short form, by the rule a pointer
       at it follows on the reading pages (common/reading.xsl r:short-form: one function for
       both), its words read as the index reads a name's (ed:text: no note in them). -->
  <xsl:function name="ed:work-agent" as="xs:string">
    <xsl:param name="work" as="element()"/>
    <xsl:sequence select="r:citation-agent($work, ed:text#1)"/>
  </xsl:function>

  <xsl:function name="ed:work-year" as="xs:string?">
    <xsl:param name="work" as="element()"/>
    <xsl:sequence select="r:citation-year($work)"/>
  </xsl:function>

  <!-- What a pointer at the work says; its id for a work of no words to say. -->
  <xsl:function name="ed:work-name" as="xs:string">
    <xsl:param name="work" as="element()"/>
    <xsl:sequence select="(r:short-form($work, ed:text#1)[. != ''], string($work/@xml:id))[1]"/>
  </xsl:function>

  <!-- By author, then year, then title: as a bibliography is read. -->
  <xsl:function name="ed:work-sort" as="xs:string">
    <xsl:param name="work" as="element()"/>
    <xsl:sequence select="string-join((ed:work-agent($work), ed:work-year($work),
        ($work//tei:title[normalize-space()])[1] ! ed:text(.)), ' ')"/>
  </xsl:function>

  <!-- A letter the entity sent or received (the context: a name of its correspAction): its
       text, its role, the date it was sent (or the bounds of it; else the day it was
       received) and its own address. -->
  <xsl:template name="ed:letter-record" as="element(ed:letter)">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="desc" as="element()" select="../.."/>
    <xsl:variable name="date" as="element()?" select="r:sent-date($desc)"/>
    <!-- a letter whose description says only when it arrived: that day (ISO), apart from
         when, which is always a sending date; a range as an ISO 8601 interval, an open end
         ".." (probe 92: "between 2 and 10 March 1850" was its first day) -->
    <xsl:variable name="arrived" as="element()?" select="if (exists($date)) then ()
        else $desc ! r:received-date(.)"/>
    <xsl:variable name="iso" as="function(xs:string*) as xs:string?" select="function ($names) {
        ($arrived/@*[local-name() = $names] ! normalize-space(.))[r:is-iso-date(.)][1] }"/>
    <xsl:variable name="start" as="xs:string?"
        select="$iso(('notBefore', 'notBefore-iso', 'from', 'from-iso'))"/>
    <xsl:variable name="end" as="xs:string?" select="$iso(('notAfter', 'notAfter-iso', 'to',
        'to-iso'))"/>
    <xsl:variable name="received" as="xs:string?" select="($iso(('when', 'when-iso')),
        if (exists($start) or exists($end)) then ($start, '..')[1] || '/' || ($end, '..')[1]
        else ())[1]"/>
    <xsl:variable name="stem" as="xs:string" select="ancestor::ed:document[1]/@ed:stem"/>
    <!-- when: a date it was sent on; a range is its bounds as written (probe 60: a letter of
         "between 1 and 15 April 1841" was sent "1 April 1841") -->
    <ed:letter document="{$stem}" file="{$stem}.html" role="{r:corresp-role(.)}"
        when="{($date/(@when, @when-iso))[1]}"
        ref="{tokenize(normalize-space($desc/@ref))[1]}">
      <xsl:for-each select="$date/(@notBefore, @notAfter, @from, @to)[normalize-space()]">
        <xsl:attribute name="{local-name()}" select="normalize-space(.)"/>
      </xsl:for-each>
      <xsl:for-each select="$received">
        <xsl:attribute name="received" select="."/>
      </xsl:for-each>
    </ed:letter>
  </xsl:template>

  <!-- A speech of the entity (sp whose @who points at it): where it is (the heads of the
       divs around it: "Act 1, Scene 2") and how it begins. -->
  <xsl:template name="ed:speech-record" as="element(ed:speech)">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="section" as="element()?" select="ed:section(.)"/>
    <xsl:variable name="page" as="element(tei:pb)?" select="accumulator-before('ed:page')"/>
    <!-- its words as the page reads them: an event between them (a pause, a laugh, a door
         slamming) no word of what was said, tokens written against each other words apart
         and a token's punctuation against its word (probe 133: "well I don't really know
         laughs what he meant", "typical ."), a line or a paragraph apart (ed:broken) -->
    <xsl:variable name="speech" as="element()" select="."/>
    <xsl:variable name="words" as="xs:string" select="normalize-space(string-join(
        (node() except tei:speaker)/descendant-or-self::text()[not(ancestor::tei:note)]
        [empty(ancestor::*[self::tei:vocal or self::tei:kinesic or self::tei:incident]
            [. >> $speech])][r:read-in(., $speech)]
        ! (ed:broken(., $speech) || ed:speech-gap(.) || r:joined(.))))"/>
    <ed:speech document="{ancestor::ed:document[1]/@ed:stem}" file="{ed:file(.)}"
        speech="{ancestor-or-self::*[@xml:id][1]/@xml:id}"
        section="{$section/@xml:id}" heading="{string-join(ancestor::*[tei:head][self::tei:div
            or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4
            or self::tei:div5] ! r:main-head(.) ! ed:text(.), ', ')}"
        page="{$page/@n}" page-id="{$page/@xml:id}">
      <!-- an unheaded division it is in by its kind: two of one scene (a libretto's musical
           number and the dialogue after it) were two groups of one heading (probe 36) -->
      <xsl:call-template name="ed:part">
        <xsl:with-param name="section" select="$section"/>
      </xsl:call-template>
      <ed:text>
        <xsl:value-of select="if (string-length($words) le $ed:context-width) then $words
            else substring($words, 1, $ed:context-width) || '…'"/>
      </ed:text>
    </ed:speech>
  </xsl:template>

  <!-- A space before a text of a speech where nothing of the file parts it from the words
       before: after an event (a laugh between two words), a gap, an interpretation the page
       does not show; at the start of a token after another token ("<w>so</w><w>typical</w>",
       "<seg><w>a</w></seg><w>b</w>", an opening mark after a word), but for punctuation that
       joins the word before and a word after an opening mark (probe 135: "endgone", "ab"). -->
  <xsl:function name="ed:speech-gap" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="before" as="node()?" select="$text/preceding-sibling::node()[1]"/>
    <xsl:variable name="token" as="element()?" select="$text/ancestor::*[ed:is-token(.)][1]
        [descendant::text()[1] is $text]"/>
    <xsl:variable name="prev" as="node()?" select="$token/preceding-sibling::node()[1]"/>
    <xsl:sequence select="if (ed:between-words($before) or $before[self::tei:interp
            or self::tei:span or self::tei:interpGrp or self::tei:spanGrp]) then ' '
        else if (ed:between-words($prev)) then ' '
        else if (empty($prev) or not($prev instance of element() and ed:is-token($prev))) then ''
        else if ($token/self::tei:pc and not($token/@pre = ('true', '1'))) then ''
        else if ($prev/self::tei:pc and ($prev/@pre = ('true', '1')
            or matches(normalize-space($prev), '^[\p{Ps}\p{Pi}]+$'))) then ''
        (: a seg written against a seg and the rest of its word (ed:seg-joins), as the
           page joins it (r:space-before: probe 146, the summary read Ar ma) :)
        else if ($token/self::tei:seg and $prev/self::tei:seg
            and not(($token | $prev)/self::tei:seg[lower-case(normalize-space(@type))
                = ('w', 'word', 'token', 'tok', 'phrase', 'phr', 'clause', 'sentence')
                or tei:w or tei:pc])
            and ed:seg-joins(ed:seg-words($prev), normalize-space(ed:seg-words($token)),
                substring(lower-case(($prev/ancestor-or-self::*[@xml:lang][1]/@xml:lang,
                    '')[1]), 1, 2) = ('fr', 'it', 'ca', 'oc')))
            then ''
        (: Chinese and Japanese tokens as the page writes them, without a space between
           (r:space-before: probe 138, the summary read 天地， 玄黃) :)
        else if (matches(substring(normalize-space($prev), string-length(normalize-space($prev))),
                $ed:han-kana)
            and matches(substring(normalize-space($text), 1, 1), $ed:han-kana)
            and not(starts-with(lower-case(string($text/ancestor::*[@xml:lang][1]/@xml:lang)),
                'ko'))) then ''
        else ' '"/>
  </xsl:function>

  <!-- A segment's words, its notes left out (r:seg-words in base.xsl). -->
  <xsl:function name="ed:seg-words" as="xs:string">
    <xsl:param name="seg" as="element()"/>
    <xsl:sequence select="string-join($seg//text()[not(ancestor::tei:note[. >> $seg])])"/>
  </xsl:function>

  <!-- Whether the second of two segments written against each other is the rest of the
       first one's word, as the page reads them (r:seg-joins in base.xsl, the same rule:
       probes 151, 154, 158; probe 159, a symbol, a dash after a space and a number end a
       word, "see →below", "1914was", but for an ordinal's or a book format's ending, "4to";
       probe 164, "the dogs’ tails", "said ’tis", "pre-War", "1914 to"). -->
  <xsl:function name="ed:seg-joins" as="xs:boolean">
    <xsl:param name="prev" as="xs:string"/>
    <xsl:param name="next" as="xs:string"/>
    <xsl:param name="elides" as="xs:boolean"/>
    <xsl:sequence select="matches($prev, '\p{L}\p{M}*[''’\-‐‑&#xAD;¬=⸗]?$')
        and not(matches($prev, '(^|\s)[''‘’]\S*[''’]$'))
        and (matches($next, '^\p{Ll}')
                and ($elides or not(matches($prev, '[\p{L}\p{M}]{4,}[''’]$')))
                and not(matches($prev, '(^|[^\p{L}\p{M}])(po|mo|be|ca|fa|sta|va|da|di|to)[''’]$'))
             or matches($next, '^[\-‐‑]\p{L}')
             or matches($next, '^[''’]\p{L}[^''’]*$')
                and ($elides or matches($next, '^[''’](s|ll|d|re|ve|m|t)(\P{L}|$)')
                     or not(matches($prev, '[\p{L}\p{M}]{4,}$')))
             or matches($prev, '\p{L}\p{M}*[\-‐‑]$') and matches($next, '^[\p{Lu}\p{Nd}]'))
        or matches($prev, '\p{Nd}$')
           and matches($next, '^(st|nd|rd|th|d|s|to|vo|mo|fo|er|re|e|ème)\p{P}*$')
           and (matches($prev, '(^|\D)\d{1,3}$') or not(matches($next, '^(to|vo|mo|fo)')))
           and (matches($prev, '0$') or not(matches($next, '^s\p{P}*$')))"/>
  </xsl:function>

  <!-- The Han and kana letters and marks of common/base.xsl's $r:han-kana, which this
       stylesheet does not import. -->
  <xsl:variable name="ed:han-kana" as="xs:string" select="'['
      || '&#x2E80;-&#x2FDF;&#x3000;-&#x30FF;&#x3190;-&#x31FF;&#x3400;-&#x4DBF;'
      || '&#x4E00;-&#x9FFF;&#xF900;-&#xFAFF;&#xFF00;-&#xFF65;&#x20000;-&#x3134F;]'"/>

  <!-- Whether a node is an event or a gap of a speech, which stands between words. -->
  <xsl:function name="ed:between-words" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node[self::tei:vocal or self::tei:kinesic or self::tei:incident
        or self::tei:pause or self::tei:shift or self::tei:gap])"/>
  </xsl:function>

  <!-- A token as the page sets tokens apart (r:is-token, xslt/common/base.xsl, which this
       stylesheet does not import: its rendering rules would be copied into the index); a
       morpheme or a segment inside a word is no word: "<w><m>un</m><m>do</m></w>" is
       "undo", probe 137. -->
  <xsl:function name="ed:is-token" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:w or self::tei:pc or self::tei:seg or self::tei:s
        or self::tei:cl or self::tei:phr or self::tei:m][empty(ancestor::tei:w)])"/>
  </xsl:function>

  <!-- The entry's other names, as the register gives them, each once with its language:
       a gazetteer's or a biographical dictionary's names in other languages and scripts
       (Syriaca.org's Aphrahat is also افرهاط الفارسي and ܐܦܪܗܛ ܦܪܣܝܐ), a pseudonym, a
       married name. They were shown nowhere: the index gave the first name alone. -->
  <!-- The places $place lies in, nearest first: the places it is nested in, else the place
       its location points at (PMB's and the Schnitzler letters' registers: <location
       type="located_in_place"><placeName ref="#pmb51"/></location>: probe 97) and the places
       that one lies in; each once, the walk ending at a place already passed (probe 99: two
       places pointing at each other read "In: Loop B, Loop A, Loop B, ..."). $seen: the
       places passed, $place first. -->
  <xsl:function name="ed:places-around" as="element()*">
    <xsl:param name="place" as="element()"/>
    <xsl:param name="seen" as="element()*"/>
    <xsl:variable name="nested" as="element()*" select="reverse($place/ancestor::tei:place[@xml:id])"/>
    <xsl:variable name="up" as="element()?" select="if (exists($nested)) then ()
        else ($place/tei:location/*[@ref] ! tokenize(normalize-space(@ref))[1]
            ! replace(., '^.*#', '') ! key('entry', ., $registers)[self::tei:place])[1]
            [empty(. intersect ($place, $seen))]"/>
    <xsl:sequence select="if (exists($nested)) then $nested[empty(. intersect $seen)]
        else $up ! (., ed:places-around(., ($seen, $place)))"/>
  </xsl:function>

  <xsl:template name="ed:other-names" as="element(ed:other-name)*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="preferred" as="element()?" select="ed:preferred-name-element(.)"/>
    <!-- the names of an event's or an object's place and people are not its own (an event's
         placeName says where it took place) -->
    <!-- a nym's forms are its names (TEI 13.3.7: a nym's spellings, in their languages; probe
         90: "Hwerf" of the Wharfe was in no index) -->
    <!-- (nor are an organisation's place and people, its placeName where it sits: probe 152,
         "Also named: Stuttgart") -->
    <xsl:variable name="kinds" as="xs:string+" select="if (self::tei:event or self::tei:object)
        then ('name', 'eventName', 'objectName') else if (self::tei:nym) then ('form', 'name')
        else if (self::tei:org) then ('orgName', 'name')
        else ('persName', 'placeName', 'orgName', 'name', 'eventName', 'objectName', 'geogName')"/>
    <xsl:variable name="names" as="element()*" select="*[local-name() = $kinds]
        except $preferred"/>
    <!-- a web address kept as a name (probe 24: the Schnitzler registers' placeName
         type="legacy-uri-merge", the address of a merged entry) names nothing -->
    <xsl:for-each-group select="$names[ed:name-words(.) != '']
        [not(matches(ed:name-words(.), '^https?://\S+$'))]"
        group-by="ed:name-words(.), string(ed:lang(.))" composite="yes">
      <xsl:if test="not(ed:name-words(.) = ed:preferred-name(current()/..)
          and string(ed:lang(.)) = string($preferred ! ed:lang(.)))">
        <ed:other-name>
          <xsl:for-each select="ed:lang(.)">
            <xsl:attribute name="lang" select="."/>
          </xsl:for-each>
          <!-- what the register calls it (an abbreviation, a pseudonym), for the TEI export -->
          <xsl:for-each select="(current-group()/@type[normalize-space()])[1]">
            <xsl:attribute name="type" select="normalize-space(.)"/>
          </xsl:for-each>
          <xsl:value-of select="ed:name-words(.)"/>
        </ed:other-name>
      </xsl:if>
    </xsl:for-each-group>
  </xsl:template>

  <!-- Forms as they occur in the texts, most frequent first. -->
  <xsl:template name="ed:variants" as="element(ed:variant)*">
    <xsl:param name="mentions" as="element()*" required="yes"/>
    <xsl:for-each-group select="$mentions" group-by="ed:text(.)">
      <xsl:sort select="count(current-group())" order="descending"/>
      <xsl:sort select="current-grouping-key()"/>
      <xsl:variable name="lang" as="xs:string?"
          select="ancestor-or-self::*[@xml:lang][1]/@xml:lang/string()"/>
      <ed:variant count="{count(current-group())}">
        <xsl:if test="exists($lang)">
          <xsl:attribute name="lang" select="$lang"/>
        </xsl:if>
        <xsl:value-of select="current-grouping-key()"/>
      </ed:variant>
    </xsl:for-each-group>
  </xsl:template>

  <!-- An authority identifier and, when its type is known or it is a web address, a link. -->
  <xsl:template match="tei:idno" mode="ed:authority" as="element(ed:authority)?">
    <xsl:variable name="value" as="xs:string" select="normalize-space(.)"/>
    <xsl:variable name="type" as="xs:string" select="ed:authority-type(.)"/>
    <xsl:variable name="known" as="map(xs:string, xs:string)?" select="$ed:authorities($type)"/>
    <xsl:variable name="url" as="xs:string?" select="ed:authority-url(.)"/>
    <!-- an identifier written as its known authority's address (https://d-nb.info/gnd/118554700)
         is its number, as the card says it and as the others are kept (probe 60: "GND
         https://d-nb.info/gnd/..." beside "GND 118554700"); the address stays its link -->
    <xsl:variable name="tail" as="xs:string"
        select="replace(replace($value, '/+$', ''), '^.*[/:=]', '')"/>
    <xsl:variable name="id" as="xs:string" select="if (exists($known) and exists($url)
        and matches($value, '^https?://') and matches($tail, $known?pattern)
        and contains($value, '//' || substring-before(substring-after($known?prefix, '//'), '/')
            || '/')) then $tail else $value"/>
    <xsl:if test="$value">
      <ed:authority type="{$type}" value="{$id}">
        <xsl:if test="exists($url)">
          <xsl:attribute name="url" select="$url"/>
        </xsl:if>
      </ed:authority>
    </xsl:if>
  </xsl:template>

  <!-- geo holds "latitude longitude" in decimal degrees ("51.028 4.481", "51.028,4.481",
       "51.028;4.481", or
       with decimal commas, as German and French registers write them, "48,208333 16,373056");
       anything else is left out. -->
  <xsl:template match="tei:geo" mode="ed:coordinates" as="element(ed:coordinates)?">
    <xsl:variable name="text" as="xs:string" select="normalize-space(.)"/>
    <xsl:variable name="parts" as="xs:string*" select="
        if (matches($text, '^[-+]?[0-9]+,[0-9]+\s*[ ;]\s*[-+]?[0-9]+,[0-9]+$'))
        then tokenize(translate($text, ',', '.'), '[ ;]+')
        else tokenize($text, '[ ,;]+')"/>
    <xsl:if test="count($parts) eq 2 and (every $p in $parts satisfies $p castable as xs:decimal)
        and abs(xs:decimal($parts[1])) le 90 and abs(xs:decimal($parts[2])) le 180">
      <ed:coordinates lat="{xs:decimal($parts[1])}" long="{xs:decimal($parts[2])}"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

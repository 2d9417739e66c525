<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a register says of an entry beyond its names (TEI Guidelines 13.3: namesdates), as
  language-neutral records of the entity index; the index pages put them in words.

  <ed:life birth="" death="">             (entries.xsl: the exports' values)
    <ed:birth when="" notBefore="" notAfter="" from="" to="" period="" type="">   the date as
      <ed:text>c. 1800</ed:text>?         its attributes give it, else as written (with them:
                                          words that are not the date, r:life-said); period: a
                                          century or decade (r:period, "century 18"); type:
                                          the register's @type of it (TEI index only)
      <ed:place id="leipzig" type="place">Leipzig</ed:place>*   a place of the register (id,
                                          type: its entry), else the words written
    </ed:birth>
    <ed:death>...</ed:death>
  </ed:life>
  <ed:when when="" .../>                  the dates of an entry dated by its own attributes
  <ed:desc>...</ed:desc>*                 an event's description (desc, p)
  <ed:place .../>*                        where an event took place (@where, its place names)
  <ed:within id="" type="place">name</ed:within>*   the places a place lies in, nearest first
  <ed:trait kind="occupation" type="" when="" ... id="" entry-type="">words</ed:trait>*
                                          what a person or group was and did (occupation,
                                          affiliation, residence, education, faith,
                                          nationality, socecStatus, floruit), in the
                                          register's order: its @type, its dates as the
                                          attributes give them, the register entry it or a
                                          name in it points at (id, entry-type), and its
                                          words (else the entry's name)
  <ed:participant id="" type="">name</ed:participant>*   who took part in an event
  <ed:relation name="" type="" ref="" active="" passive="" mutual="" role="active|passive|mutual">
    <ed:other id="" type="">name</ed:other>+   a relation of listRelation that involves the
    <ed:desc>...</ed:desc>?                    entry: its attributes as written, the others
  </ed:relation>                               (id, type: when an entry) and its description;
                                               its dates (@when, @from ...) as written too
                                               (common/relations.xsl, r:relation-records)

  Pointers are read as the normalisation stage reads a name's: "#id" or "file.xml#id" names
  the register entry of that id; an abbreviated pointer (psn:0012) was expanded when the
  registers document was made (pipeline/stages.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="xs tei r">

  <xsl:import href="../../common/relations.xsl"/>
  <!-- r:place-names, r:place-as-written, r:life-words: a life as the cards say it -->
  <xsl:import href="../../common/lives.xsl"/>

  <xsl:mode name="ed:life" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:key name="ed:register-entry" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- The register entry a pointer names, if any. -->
  <xsl:function name="ed:pointed" as="element()?">
    <xsl:param name="token" as="xs:string"/>
    <xsl:sequence select="r:pointer-id($token) ! key('ed:register-entry', ., $registers)
        [local-name() = $ed:entry-kinds][1]"/>
  </xsl:function>

  <xsl:function name="ed:dated" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists(ed:dating($element))"/>
  </xsl:function>

  <xsl:function name="ed:date-attributes" as="attribute()*">
    <xsl:param name="element" as="element()"/>
    <xsl:for-each select="ed:dating($element)">
      <xsl:attribute name="{local-name()}" select="normalize-space(.)"/>
    </xsl:for-each>
    <xsl:sequence select="ed:doubt($element)"/>
  </xsl:function>

  <!-- (ed:dating, the attributes that date an element, W3C's or ISO's under the W3C names,
       is index/entities.xsl's: the one stylesheet that imports this module) -->

  <!-- How sure and how precise a date is (att.dimensions' @cert, @precision: "low",
       "unknown" ...), which the pages say ("c. 1838", "12 April 1845 (uncertain)"; probe 57:
       they were left out). -->
  <xsl:function name="ed:doubt" as="attribute()*">
    <xsl:param name="element" as="element()"/>
    <xsl:for-each select="$element/(@cert, @precision)[normalize-space()]">
      <xsl:attribute name="{local-name()}" select="lower-case(normalize-space(.))"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:template match="tei:birth | tei:death" mode="ed:life" as="element()">
    <xsl:element name="ed:{local-name()}">
      <xsl:variable name="dated" as="element()?"
          select="(., tei:date[ed:dated(.)])[ed:dated(.)][1]"/>
      <!-- a century or a decade (r:period: "century 18"), which the pages say as such: its
           date's when that is the one with attributes, else one of words alone
           (<date type="century">18</date>) when no other words say when -->
      <xsl:variable name="period" as="xs:string?" select="if (exists($dated)) then r:period($dated)
          else if (r:life-words(.) != '') then () else (tei:date ! r:period(.))[1]"/>
      <xsl:for-each select="$period">
        <xsl:attribute name="period" select="."/>
      </xsl:for-each>
      <!-- its classification as the register wrote it (att.typed), for the TEI index: the
           birth's own, else that of the date it was read from ("century") -->
      <xsl:for-each select="(@type, $dated/@type, tei:date[exists($period)]
          [r:period(.) = $period]/@type)[normalize-space()][1]">
        <xsl:attribute name="type" select="normalize-space(.)"/>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="exists($dated)">
          <xsl:sequence select="ed:date-attributes($dated)"/>
          <!-- and what it says beside (a place as plain words): probe 60 -->
          <xsl:for-each select="r:life-said(.)">
            <ed:text><xsl:value-of select="."/></ed:text>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="r:life-words(.) != ''">
          <ed:text><xsl:value-of select="r:life-words(.)"/></ed:text>
        </xsl:when>
      </xsl:choose>
      <xsl:sequence select="ed:places(., tokenize(normalize-space(@ref)))"/>
    </xsl:element>
  </xsl:template>

  <!-- Where: the register's places its pointers name, else the names of places it holds (the
       outermost: a placeName of a settlement and a country is one place), each by its entry
       when its @ref names one, else by its words. A place of no coordinates and no
       identifier is named all the same. -->
  <xsl:function name="ed:places" as="element(ed:place)*">
    <xsl:param name="context" as="element()"/>
    <xsl:param name="pointers" as="xs:string*"/>
    <!-- and the places of a list it holds (an event's listPlace) -->
    <xsl:variable name="entries" as="element()*" select="$pointers ! ed:pointed(.),
        $context/tei:listPlace//tei:place[@xml:id]"/>
    <xsl:variable name="names" as="element()*" select="$context/descendant::*
        [local-name() = $r:place-names][namespace-uri() = 'http://www.tei-c.org/ns/1.0']
        [empty(ancestor::*[local-name() = ($r:place-names, 'note', 'place', 'person', 'org')]
            intersect $context/descendant::*)]"/>
    <xsl:choose>
      <xsl:when test="exists($entries)">
        <xsl:sequence select="$entries ! ed:named(., 'place')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$names">
          <xsl:variable name="entry" as="element()?"
              select="(tokenize(normalize-space(@ref)) ! ed:pointed(.))[1]"/>
          <xsl:choose>
            <xsl:when test="exists($entry)">
              <xsl:sequence select="ed:named($entry, 'place')"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="words" as="xs:string" select="r:place-as-written(.)"/>
              <xsl:if test="$words != ''">
                <ed:place><xsl:value-of select="$words"/></ed:place>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- An entry as a record named $record: its id, its kind and its name. -->
  <xsl:function name="ed:named" as="element()">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="record" as="xs:string"/>
    <xsl:element name="ed:{$record}">
      <xsl:attribute name="id" select="$entry/@xml:id"/>
      <xsl:attribute name="type" select="local-name($entry)"/>
      <xsl:value-of select="ed:preferred-name($entry)"/>
    </xsl:element>
  </xsl:function>

  <!-- An event's description, place and participants (TEI 13.3.1: event holds desc or p,
       says where by @where or the names of places it holds, and who by the names of persons
       and organisations, or the lists of them, it holds). -->
  <xsl:template name="ed:event" as="element()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:for-each select="(tei:desc | tei:p)[normalize-space()]">
      <ed:desc><xsl:value-of select="ed:text(.)"/></ed:desc>
    </xsl:for-each>
    <xsl:sequence select="ed:places(., tokenize(normalize-space(@where)))"/>
    <xsl:variable name="named" as="element()*" select="(.//(tei:persName | tei:orgName
        | tei:name | tei:rs)/@ref ! tokenize(normalize-space(.)))
        ! ed:pointed(.)[not(self::tei:place)]
        | (tei:listPerson | tei:listOrg)//(tei:person | tei:personGrp | tei:org)[@xml:id]"/>
    <xsl:for-each select="$named">
      <xsl:sequence select="ed:named(., 'participant')"/>
    </xsl:for-each>
    <!-- a participant named without a pointer: as written -->
    <xsl:for-each select=".//(tei:persName | tei:orgName)[not(@ref)]
        [not(ancestor::tei:person | ancestor::tei:personGrp | ancestor::tei:org)]
        [normalize-space()]">
      <ed:participant><xsl:value-of select="ed:text(.)"/></ed:participant>
    </xsl:for-each>
  </xsl:template>

  <!-- A person's or a group's characteristics that the index pages and the exports say
       (Guidelines 13.3.2.1): the others (sex, gender, age, langKnowledge, state, trait) are
       codes or structured descriptions no sentence reads well from. -->
  <!-- (and the events of a life it records, a marriage: Guidelines 13.3.2.1 lets a person
       hold an event; probe 152, it was shown nowhere) -->
  <xsl:variable name="ed:trait-kinds" as="xs:string+" select="('occupation', 'affiliation',
      'residence', 'education', 'faith', 'nationality', 'socecStatus', 'floruit', 'event')"/>

  <!-- Each characteristic as a record, in the register's order (probe 57: an occupation and
       an affiliation were shown nowhere). An affiliation's organisation, a residence's place:
       the entry its @ref names, else the first a name inside it names. -->
  <xsl:template name="ed:traits" as="element(ed:trait)*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:for-each select="*[local-name() = $ed:trait-kinds]
        [namespace-uri() = 'http://www.tei-c.org/ns/1.0']">
      <xsl:variable name="entry" as="element()?" select="(tokenize(normalize-space(@ref))
          ! ed:pointed(.), descendant::*[@ref]/tokenize(normalize-space(@ref))
          ! ed:pointed(.))[1]"/>
      <xsl:variable name="words" as="xs:string" select="(r:trait-blocks(., ed:text#1)[. != ''],
          ed:text(.))[1]"/>
      <xsl:if test="$words != '' or exists($entry) or ed:dated(.)">
        <ed:trait kind="{local-name()}">
          <xsl:for-each select="@type[normalize-space()]">
            <xsl:attribute name="type" select="normalize-space(.)"/>
          </xsl:for-each>
          <xsl:sequence select="ed:date-attributes(.)"/>
          <xsl:for-each select="$entry">
            <xsl:attribute name="id" select="@xml:id"/>
            <xsl:attribute name="entry-type" select="local-name()"/>
          </xsl:for-each>
          <xsl:value-of select="if ($words != '') then $words
              else $entry ! ed:preferred-name(.)"/>
        </ed:trait>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The relations the entry takes part in, each with the other participants as the entry
       reads them (common/relations.xsl), an entry named as the index names it. -->
  <xsl:template name="ed:relations" as="element(ed:relation)*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:sequence select="r:relation-records($registers, string(@xml:id), ed:pointed#1,
        ed:preferred-name#1)"/>
  </xsl:template>

</xsl:stylesheet>

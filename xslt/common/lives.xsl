<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a register entry's birth, death or floruit says in words (TEI Guidelines 13.3.2.1):
  the names of places it may hold and the words that say when. The entity cards
  (common/names.xsl) and the index (index/modules/facts.xsl) ask the functions below, so a
  life reads alike on the card, the index pages and in the book.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:r="urn:edition:render"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Elements that say where (TEI 13.2.3, model.placeNamePart and the names of places). -->
  <xsl:variable name="r:place-names" as="xs:string+" select="('placeName', 'settlement',
      'district', 'region', 'country', 'bloc', 'geogName')"/>

  <!-- A place as written: its parts, ", " between them ("Gijón, España"), else its words. -->
  <xsl:function name="r:place-as-written" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="parts" as="element()*"
        select="$name/*[local-name() = $r:place-names][normalize-space()]"/>
    <xsl:sequence select="if (exists($parts)) then string-join($parts ! normalize-space(.), ', ')
        else normalize-space($name)"/>
  </xsl:function>

  <!-- The words of a birth or death that say when: its dates' words (a century's aside),
       else its words that name no place ("c. 1800" of "<birth>c. 1800,
       <placeName>Leipzig</placeName></birth>"). -->
  <xsl:function name="r:life-words" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="dates" as="xs:string" select="normalize-space(string-join(
        $e/date[not(@type = 'century')], ' '))"/>
    <xsl:variable name="rest" as="xs:string" select="normalize-space(string-join(
        $e//text()[empty(ancestor::*[local-name() = ($r:place-names, 'location', 'note',
            'date')] intersect $e/descendant::*)], ' '))"/>
    <xsl:sequence select="replace(if ($dates != '') then $dates else $rest,
        '^[\s,;:]+|[\s,;:]+$', '')"/>
  </xsl:function>

  <!-- Whether a birth or death says when by its attributes (or its date's). -->
  <xsl:function name="r:life-dated" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists(($e, $e/date)/@*[replace(local-name(), '-iso$', '') = ('when',
        'notBefore', 'notAfter', 'from', 'to')][normalize-space()])"/>
  </xsl:function>

  <!-- The words of a birth or death dated by its attributes that are not its date, where no
       place is named: "Estagel" of <birth when="1786-02-26">Estagel</birth>, which the cards,
       the index and the exports dropped (probe 60). Words that restate the date ("26
       February 1786": every year of its attributes) are not said twice; words with other
       numbers are the source's own statement and are said: a date in another calendar ("٣٠٣
       هـ", "303 AH" beside when="0915"), in the birth's words or its date's (probe 84: they
       were dropped from every output). -->
  <xsl:function name="r:life-said" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="rest" as="xs:string" select="replace(normalize-space(string-join(
        $e//text()[empty(ancestor::*[local-name() = ($r:place-names, 'location', 'note',
            'date')] intersect $e/descendant::*)], ' ')), '^[\s,;:]+|[\s,;:]+$', '')"/>
    <xsl:variable name="said" as="xs:string*" select="
        $rest[. != ''][not(r:restates(., $e))],
        $e/date[normalize-space()][not(r:restates(string(.), .))] ! normalize-space()"/>
    <xsl:sequence select="string-join($said, ', ')[. != ''][r:life-dated($e)]
        [empty($e/@ref | $e/descendant::*[local-name() = $r:place-names])]"/>
  </xsl:function>

  <!-- Whether words with numbers restate the dates of $e (its attributes, its date's): each
       of their numbers, in any script's digits, a day (31 at most) or a year the dates span
       ("26 February 1786", "3rd May", "c. 1852" between 1850 and 1855: probe 87, "3 May
       1850, 3rd May"). A number of another kind is the words' own: "٣٠٣ هـ", "303 AH". -->
  <xsl:function name="r:restates" as="xs:boolean">
    <xsl:param name="words" as="xs:string"/>
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="digits" as="xs:string"
        select="translate($words, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789')"/>
    <xsl:variable name="years" as="xs:integer*" select="($e, $e/date)/@*[replace(local-name(),
        '-iso$', '') = ('when', 'notBefore', 'notAfter', 'from', 'to')]
        [matches(normalize-space(.), '^-?[0-9]{1,4}')]
        ! xs:integer(replace(normalize-space(.), '^(-?[0-9]{1,4}).*$', '$1'))"/>
    <xsl:variable name="numbers" as="xs:integer*"
        select="analyze-string($digits, '[0-9]+')/*:match ! xs:integer(.)"/>
    <xsl:sequence select="exists($numbers) and (every $n in $numbers satisfies
        ($n le 31 or exists($years) and $n ge min($years) and $n le max($years)))"/>
  </xsl:function>

  <!-- Whether a location is the entry's own, not that of a place it lies in, which a
       register may give beside its own (PMB's location type="located_in_place" holding the
       city's name and geo: probe 105, an organisation took its city's coordinates). -->
  <xsl:function name="r:own-location" as="xs:boolean">
    <xsl:param name="location" as="element()"/>
    <xsl:sequence select="not(matches(string($location/@type), 'located.?in|within|part.?of', 'i'))"/>
  </xsl:function>
</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- Authority files: the address of an identifier a register entry gives (idno), and the key
     by which a name's @ref written as such an address (CMIF's letters:
     ref="https://d-nb.info/gnd/118540238") finds the entry. Imported by the index
     (index/modules/entries.xsl: the entries' links) and the normalisation stage
     (stages/normalize.xsl: a name's @ref), which must read an identifier alike. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- Authority types with a URL pattern: the identifier goes after the prefix (the GND's
       as the reading pages' cards link it, names.xsl; probe 52: the index gave it unlinked). -->
  <xsl:variable name="ed:authorities" as="map(xs:string, map(xs:string, xs:string))" select="map {
      'wikidata': map { 'pattern': '^Q[0-9]+$', 'prefix': 'https://www.wikidata.org/wiki/' },
      'viaf': map { 'pattern': '^[0-9]+$', 'prefix': 'https://viaf.org/viaf/' },
      'geonames': map { 'pattern': '^[0-9]+$', 'prefix': 'https://www.geonames.org/' },
      'gnd': map { 'pattern': '^[0-9]+[0-9X]?(-[0-9X])?$', 'prefix': 'https://d-nb.info/gnd/' }
      }"/>

  <!-- The address of an identifier: itself when it is one, else its known authority's; a
       number written with its authority's prefix ("gnd:118540238", probe 105) as the number. -->
  <xsl:function name="ed:authority-url" as="xs:string?">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="value" as="xs:string" select="normalize-space($idno)"/>
    <xsl:variable name="known" as="map(xs:string, xs:string)?"
        select="$ed:authorities(ed:authority-type($idno))"/>
    <xsl:variable name="bare" as="xs:string" select="replace($value, '^[A-Za-z-]+:\s*', '')"/>
    <xsl:sequence select="
        if (matches($value, '^https?://[^\s]+$')) then $value
        else if (exists($known) and matches($value, $known?pattern)) then $known?prefix || $value
        else if (exists($known) and $bare != $value and matches($bare, $known?pattern))
        then $known?prefix || $bare
        else ()"/>
  </xsl:function>

  <!-- The authority an identifier belongs to, in lower case: its @type, else, where that
       says only its form ("URL", "URI"), its @subtype or the authority its address is at
       (the PMB's idno type="URL" subtype="wikidata": probe 105, every such identifier was a
       "url"). -->
  <xsl:function name="ed:authority-type" as="xs:string">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space($idno/@type))"/>
    <xsl:variable name="subtype" as="xs:string"
        select="replace(lower-case(normalize-space($idno/@subtype)), '^d-nb$', 'gnd')"/>
    <xsl:variable name="host" as="xs:string" select="lower-case(replace(normalize-space($idno),
        '^https?://(www\.)?([^/]+)(/gnd)?.*$', '$2$3'))"/>
    <xsl:sequence select="
        if (map:contains($ed:authorities, $type) or not($type = ('', 'url', 'uri', 'link')))
        then $type
        else if (map:contains($ed:authorities, $subtype)) then $subtype
        else if ($host = 'wikidata.org') then 'wikidata'
        else if ($host = 'd-nb.info/gnd') then 'gnd'
        else if ($host = ('geonames.org', 'sws.geonames.org')) then 'geonames'
        else if ($host = 'viaf.org') then 'viaf'
        else $type"/>
  </xsl:function>

  <!-- An address as a key: without its scheme and "www.", its host in lower case, its path
       without final slashes, its fragment kept ("http://www.geonames.org/2657896/" and
       "https://geonames.org/2657896" alike; "persons.xml#p1" and "#p2" apart, and a path's
       case its own: probe 87, a name was given to the entry of another fragment or case). -->
  <xsl:function name="ed:authority-key" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="bare" as="xs:string"
        select="replace(normalize-space($url), '^[A-Za-z][A-Za-z0-9+.-]*://(www\.)?', '', 'i')"/>
    <xsl:variable name="address" as="xs:string" select="substring-before($bare || '#', '#')"/>
    <xsl:variable name="host" as="xs:string" select="substring-before($address || '/', '/')"/>
    <xsl:sequence select="lower-case($host) || replace(substring($address,
        string-length($host) + 1), '/+$', '') || substring-after($bare, '#')[. != ''] ! ('#' || .)"/>
  </xsl:function>
</xsl:stylesheet>

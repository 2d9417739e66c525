<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index pages' words for what a register says of an entry beyond its names
  (index/modules/facts.xsl makes the records): an event's description, place and
  participants, and the relations the entry takes part in ("Relations: parent of Anna Weber;
  married with Karl Weber"), every other entry linked to its own entry of the index. The
  book's index (epub/modules/index.xsl) says relations so too, linked its own way
  (ed:entry-link), and so do the cards of the reading pages (common/names.xsl). Dates are
  page-entries.xsl's (ed:date-label, the timeline's words).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="xs ed r array">

  <!-- r:relation-name, r:relation-links -->
  <xsl:import href="../../common/relations.xsl"/>

  <!-- The index page of each kind of entry. The index pages do not import the rendering of
       the reading pages, whose r:index-page says the same (common/names.xsl). -->
  <xsl:variable name="ed:kind-pages" as="map(xs:string, xs:string)" select="map {
      'person': 'persons.html', 'personGrp': 'persons.html', 'role': 'persons.html',
      'castItem': 'persons.html', 'place': 'places.html', 'org': 'organisations.html'}"/>

  <!-- Relations TEI's examples name (Guidelines 13.3.2.3), by the key of their words: a
       relation read from its active side and from its passive side; one key for both when it
       reads alike from either. Any other name is shown as written. -->
  <xsl:variable name="ed:relation-keys" as="map(xs:string, xs:string+)" select="map {
      'parent': ('relation.parent.active', 'relation.parent.passive'),
      'parents': ('relation.parent.active', 'relation.parent.passive'),
      'child': ('relation.child.active', 'relation.child.passive'),
      'children': ('relation.child.active', 'relation.child.passive'),
      'spouse': 'relation.spouse', 'spouses': 'relation.spouse', 'marriage': 'relation.spouse',
      'married': 'relation.spouse', 'sibling': 'relation.sibling',
      'siblings': 'relation.sibling', 'friend': 'relation.friend',
      'friends': 'relation.friend', 'friendship': 'relation.friend',
      'supervisor': ('relation.supervisor.active', 'relation.supervisor.passive')}"/>

  <!-- Characters of the Unicode private use area standing for the links a message is filled
       with, which r:msg takes as strings only. -->
  <xsl:variable name="ed:slots" as="xs:string+" select="('&#xE001;', '&#xE002;', '&#xE003;')"/>

  <!-- A message whose {1}, {2}, {3} are nodes (links): the message filled with stand-ins,
       then each stand-in replaced by its nodes. -->
  <xsl:function name="ed:fill" as="node()*">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="array(node()*)"/>
    <xsl:variable name="text" as="xs:string"
        select="r:msg($key, subsequence($ed:slots, 1, array:size($args)))"/>
    <xsl:for-each select="analyze-string($text, '[&#xE001;-&#xE003;]')/*">
      <xsl:choose>
        <xsl:when test="local-name() = 'match'">
          <xsl:sequence select="$args(index-of($ed:slots, string(.)))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- An entry named in another's record: a link to its entry of the index when it is one
       (id), else its words as written. -->
  <xsl:function name="ed:entry-link" as="node()">
    <xsl:param name="record" as="element()"/>
    <xsl:choose>
      <xsl:when test="$record/@id">
        <a href="{($ed:kind-pages(string($record/@type)), 'entities.html')[1]}#{$record/@id}">
          <xsl:value-of select="$record"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$record"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Several entries, "; " between them. -->
  <xsl:function name="ed:entry-links" as="node()*">
    <xsl:param name="records" as="element()*"/>
    <xsl:sequence select="ed:entry-links($records, '; ')"/>
  </xsl:function>

  <xsl:function name="ed:entry-links" as="node()*">
    <xsl:param name="records" as="element()*"/>
    <xsl:param name="between" as="xs:string"/>
    <xsl:for-each select="$records">
      <xsl:if test="position() gt 1">
        <xsl:value-of select="$between"/>
      </xsl:if>
      <xsl:sequence select="ed:entry-link(.)"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:template match="ed:desc" mode="ed:html" as="element()">
    <p class="index-desc"><xsl:value-of select="."/></p>
  </xsl:template>

  <!-- The places a place lies in, an event's place and participants, a person's
       characteristics, and the entry's relations. -->
  <xsl:template name="ed:facts" as="element()*">
    <xsl:context-item as="element(ed:entity)" use="required"/>
    <xsl:if test="ed:within">
      <p class="index-within">
        <xsl:sequence select="ed:fill('index.within', [ed:entry-links(ed:within, ', ')])"/>
      </p>
    </xsl:if>
    <xsl:if test="ed:place">
      <p class="index-place">
        <xsl:sequence select="ed:fill('index.where', [ed:entry-links(ed:place)])"/>
      </p>
    </xsl:if>
    <xsl:if test="ed:participant">
      <p class="index-participants">
        <xsl:sequence select="ed:fill('index.participants', [ed:entry-links(ed:participant)])"/>
      </p>
    </xsl:if>
    <!-- a person's occupations, affiliations ..., one line a kind: "Occupation: lawyer (from
         1920 to 1938); teacher" -->
    <xsl:for-each-group select="ed:trait" group-by="string(@kind)">
      <p class="index-trait index-{current-grouping-key()}">
        <xsl:sequence select="if (current-grouping-key() = 'floruit')
            then r:msg('date.floruit', string-join(current-group() ! ed:trait-dates(.), '; '))
            else ed:fill('index.trait.' || current-grouping-key(),
                [current-group() ! ed:trait-words(.)])"/>
      </p>
    </xsl:for-each-group>
    <xsl:if test="ed:relation">
      <p class="index-relations">
        <xsl:sequence select="ed:relations-words(ed:relation, string(ed:name))"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- A characteristic in words: what it says (linked to the entry it names), then when it
       held in brackets; "; " before it when it is not the first of its kind. -->
  <xsl:function name="ed:trait-words" as="node()*">
    <xsl:param name="trait" as="element(ed:trait)"/>
    <xsl:if test="$trait/preceding-sibling::ed:trait[@kind = $trait/@kind]">
      <xsl:text>; </xsl:text>
    </xsl:if>
    <xsl:variable name="named" as="element()">
      <ed:named>
        <xsl:for-each select="$trait/@id">
          <xsl:attribute name="id" select="."/>
          <xsl:attribute name="type" select="../@entry-type"/>
        </xsl:for-each>
        <xsl:value-of select="$trait"/>
      </ed:named>
    </xsl:variable>
    <xsl:variable name="when" as="xs:string?" select="r:date-attribute-words($trait)"/>
    <xsl:choose>
      <xsl:when test="normalize-space($trait) != ''">
        <xsl:sequence select="ed:entry-link($named)"/>
        <xsl:for-each select="$when">
          <xsl:text> (</xsl:text>
          <span class="trait-date"><xsl:value-of select="."/></span>
          <xsl:text>)</xsl:text>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$when"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A floruit's time: its attributes in words, else its words. -->
  <xsl:function name="ed:trait-dates" as="xs:string?">
    <xsl:param name="trait" as="element(ed:trait)"/>
    <xsl:sequence select="(r:date-attribute-words($trait), normalize-space($trait))
        [. != ''][1]"/>
  </xsl:function>

  <!-- An entry's relations, "Relations: parent of Anna Weber; married with Karl Weber": the
       index pages, the book's index and the cards of the reading pages say them so. $self is
       the entry's name. -->
  <xsl:function name="ed:relations-words" as="node()+">
    <xsl:param name="relations" as="element(ed:relation)+"/>
    <xsl:param name="self" as="xs:string"/>
    <xsl:value-of select="r:msg('index.relations') || ' '"/>
    <xsl:for-each select="$relations">
      <xsl:if test="position() gt 1">
        <xsl:text>; </xsl:text>
      </xsl:if>
      <xsl:sequence select="ed:relation-words(., $self)"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A relation as the entry reads it: "parent of Anna Weber" (the entry is the parent),
       "child of Karl Weber" (the entry is the passive side of a "parent" relation), "married
       with ..."; a name TEI's examples do not use, as written: "teacher Anna Weber" from the
       active side, "Karl Weber teacher Hans" from the passive side, "colleagues: ..." of a
       mutual one. Its dates (att.datable) and its description follow in brackets, and a link
       to where its @ref leads when that is a web address. -->
  <xsl:function name="ed:relation-words" as="node()*">
    <xsl:param name="relation" as="element(ed:relation)"/>
    <xsl:param name="self" as="xs:string"/>
    <!-- ", " between the others: "; " is between the relations -->
    <xsl:variable name="others" as="node()*" select="ed:entry-links($relation/ed:other, ', ')"/>
    <!-- the kind it is (@name), else how it is classed (@type) -->
    <xsl:variable name="name" as="xs:string" select="r:relation-name($relation)"/>
    <!-- a name written as a code, the words joined by "_" and ending in their preposition
         (DraCor's "parent_of", "associated_with"), is read as its words: the persons page
         said "Henriette von Wolzogen parent_of Charlotte" (probe 48) -->
    <xsl:variable name="words" as="xs:string" select="normalize-space(replace($name, '_', ' '))"/>
    <xsl:variable name="keys" as="xs:string*" select="$ed:relation-keys(replace(lower-case($words),
        '[ -](of|with|to)$', ''))"/>
    <xsl:variable name="role" as="xs:string" select="string($relation/@role)"/>
    <xsl:variable name="said" as="text()">
      <xsl:value-of select="$words"/>
    </xsl:variable>
    <xsl:variable name="own" as="text()">
      <xsl:value-of select="$self"/>
    </xsl:variable>
    <span class="index-relation">
      <xsl:sequence select="
          if (exists($keys)) then ed:fill(if ($role = 'passive') then $keys[last()] else $keys[1],
              [$others])
          else if ($name = '') then ed:fill('relation.unnamed', [$others])
          else if ($role = 'active') then ed:fill('relation.active', [$said, $others])
          else if ($role = 'passive') then ed:fill('relation.passive', [$said, $others, $own])
          else ed:fill('relation.mutual', [$said, $others])"/>
      <!-- when it held, as the timeline says dates: "(from 1890 to 1910)" -->
      <xsl:for-each select="r:date-attribute-words($relation)">
        <xsl:text> (</xsl:text>
        <span class="relation-date"><xsl:value-of select="."/></span>
        <xsl:text>)</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="$relation/ed:desc">
        <xsl:text> (</xsl:text>
        <span class="relation-desc"><xsl:value-of select="."/></span>
        <xsl:text>)</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="r:relation-links($relation)">
        <xsl:text> </xsl:text>
        <a href="{.}" rel="external" class="relation-ref">
          <xsl:value-of select="r:msg('relation.ref')"/>
        </a>
      </xsl:for-each>
    </span>
  </xsl:function>

</xsl:stylesheet>

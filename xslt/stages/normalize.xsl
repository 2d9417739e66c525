<?xml version="1.0" encoding="UTF-8"?>
<!--
  Normalisation stage: gated TEI -> normalized TEI, the one middle representation that every
  writer (HTML, EPUB, index) reads.

  It changes only two things and copies everything else (on-no-match="shallow-copy"):
  1. stable ids: every element an output links to (div, p, head, note, pb, list items, verse,
     speeches, tables, figures, names, dates, bibl, the surfaces of a sourceDoc) gets an xml:id
     when it has none. Ids are
     derived from document order through accumulators (O(1) per node; never generate-id(),
     whose values change from run to run). A generated id that would clash with an existing
     one gets a suffix.
  2. resolved register keys: a name whose @ref points at a register entry (#id or file.xml#id)
     gets ed:entity (the entry's xml:id) and ed:kind (person, place, org, ...); a name whose
     @ref does not resolve gets ed:unresolved="true"; a speech (sp) gets ed:speakers, the
     entries its @who points at (persons of particDesc or a register, cast list roles).
     Registers arrive as one parameter document, never through doc(), with every entry once
     (pipeline/stages.py merges the entries that several files declare by id).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="xs tei"
    expand-text="no">

  <!-- <ed:registers> with copies of every register list (listPerson, listPlace, listOrg, ...) -->
  <xsl:param name="registers" as="document-node()?" select="()"/>

  <xsl:mode on-no-match="shallow-copy" on-multiple-match="fail" use-accumulators="#all"/>

  <xsl:key name="entry" match="*[@xml:id]" use="string(@xml:id)"/>
  <xsl:key name="local-id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- One counter per kind of generated id: prefix -> accumulator. -->
  <xsl:accumulator name="n-div" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5"
        select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="n-p" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:p | tei:ab | tei:head | tei:lg | tei:sp | tei:stage
        | tei:table | tei:figure | tei:list | tei:item | tei:quote | tei:bibl | tei:listBibl
        | tei:castList" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="n-note" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="n-pb" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:pb" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="n-surface" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:sourceDoc//tei:surface" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="n-mention" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="(tei:text | tei:sourceDoc)//(tei:persName | tei:placeName | tei:orgName
        | tei:name | tei:rs | tei:date | tei:geogName | tei:objectName)"
        select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5">
    <xsl:call-template name="with-id">
      <xsl:with-param name="candidate" select="'d' || accumulator-before('n-div')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:head | tei:lg | tei:sp | tei:stage | tei:table
      | tei:figure | tei:list | tei:item | tei:quote | tei:bibl | tei:listBibl | tei:castList">
    <xsl:call-template name="with-id">
      <xsl:with-param name="candidate" select="'b' || accumulator-before('n-p')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A speech: its speakers (sp/@who) resolved like names, as ed:speakers (entity ids). -->
  <xsl:template match="tei:sp[@who]" priority="2">
    <xsl:variable name="speakers" as="xs:string*" select="distinct-values(
        for $t in tokenize(normalize-space(@who), ' ')
        return ($registers/key('entry', replace($t, '^.*#', '')))[1]/@xml:id/string())"/>
    <xsl:call-template name="with-id">
      <xsl:with-param name="candidate" select="'b' || accumulator-before('n-p')"/>
      <xsl:with-param name="extra" as="attribute()*">
        <xsl:if test="exists($speakers)">
          <xsl:attribute name="ed:speakers" select="string-join($speakers, ' ')"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:note">
    <xsl:call-template name="with-id">
      <xsl:with-param name="candidate" select="'note' || accumulator-before('n-note')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:pb">
    <xsl:call-template name="with-id">
      <xsl:with-param name="candidate" select="'page' || accumulator-before('n-pb')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A page of a documentary transcription: the reading page and the book link to it. -->
  <xsl:template match="tei:sourceDoc//tei:surface">
    <xsl:call-template name="with-id">
      <xsl:with-param name="candidate" select="'surface' || accumulator-before('n-surface')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="(tei:text | tei:sourceDoc)//(tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs
      | tei:date | tei:geogName | tei:objectName)" priority="2">
    <xsl:call-template name="with-id">
      <xsl:with-param name="candidate" select="'m' || accumulator-before('n-mention')"/>
      <xsl:with-param name="extra" as="attribute()*">
        <xsl:apply-templates select="@ref" mode="resolve"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="with-id" as="element()">
    <xsl:param name="candidate" as="xs:string" required="yes"/>
    <xsl:param name="extra" as="attribute()*" select="()"/>
    <xsl:copy>
      <xsl:if test="not(@xml:id)">
        <xsl:attribute name="xml:id"
            select="if (exists(key('local-id', $candidate))) then $candidate || '-g' else $candidate"/>
      </xsl:if>
      <xsl:sequence select="$extra"/>
      <xsl:apply-templates select="@* | node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- @ref -> ed:entity / ed:kind, or ed:unresolved. The first token that resolves to a register
       entry wins. xml:id is document-scoped (DESIGN.md section 5 rule 7): "#k" names this
       document's element k when there is one, and is an entity only when that element is a
       register entry (in this document's own listPerson, listPlace, ...); otherwise "#k" and
       "file.xml#k" look k up in the entity namespace, the registers merged by id. -->
  <xsl:template match="@ref" mode="resolve" as="attribute()*">
    <xsl:variable name="here" as="node()" select="root(.)"/>
    <xsl:variable name="entry" as="element()?"
        select="(for $t in tokenize(normalize-space(.), ' ')[contains(., '#')]
                 return ed:entity-of($t, $here))[1]"/>
    <xsl:choose>
      <xsl:when test="exists($entry)">
        <xsl:attribute name="ed:entity" select="$entry/@xml:id"/>
        <xsl:attribute name="ed:kind" select="local-name($entry)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:attribute name="ed:unresolved" select="'true'"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The register entry a pointer token names, seen from the document $here. -->
  <xsl:function name="ed:entity-of" as="element()?">
    <xsl:param name="token" as="xs:string"/>
    <xsl:param name="here" as="node()"/>
    <xsl:variable name="key" as="xs:string" select="substring-after($token, '#')"/>
    <xsl:variable name="local" as="element()?" select="if (starts-with($token, '#'))
        then key('local-id', $key, $here)[1] else ()"/>
    <xsl:sequence select="if (exists($local) and not(ed:is-entry($local))) then ()
        else ($registers/key('entry', $key))[1]"/>
  </xsl:function>

  <!-- An entry of the entity namespace: a person, place, ... directly in a register list. -->
  <xsl:function name="ed:is-entry" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="local-name($element) = ('person', 'personGrp', 'place', 'org',
        'event', 'object', 'nym') and local-name($element/..) = ('listPerson', 'listPlace',
        'listOrg', 'listEvent', 'listObject', 'listNym')"/>
  </xsl:function>

</xsl:stylesheet>

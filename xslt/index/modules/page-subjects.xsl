<?xml version="1.0" encoding="UTF-8"?>
<!--
  The body of subjects.html: the texts' index entries (ed:subjects, modules/subjects.xsl) as a
  back-of-book index. One part per index (index/@indexName; the unnamed index first, under the
  interface's "Subjects", the others under their names, in the collation's order), each with
  its terms in the collation the other index pages use (page-entries.xsl ed:collation), by
  their sortKey, else key, else words, under a heading per initial letter; a term's
  sub-entries (the index nested after it) under it, as deep as the texts nest them. Each
  locator links to the entry's anchor on the reading page it is on (@file: the part of a long
  text), named by the text's title, its section's heading and its page.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="xs ed r">

  <xsl:template name="ed:subject-index" as="element()+">
    <xsl:param name="subjects" as="element(ed:subject)*" required="yes"/>
    <xsl:param name="collation-lang" as="xs:string" tunnel="yes" required="yes"/>
    <xsl:variable name="names" as="xs:string*">
      <xsl:perform-sort select="distinct-values($subjects/@index)">
        <xsl:sort select=". != ''"/>
        <xsl:sort select="r:sort-key(., $collation-lang)" collation="{ed:collation($collation-lang)}"/>
        <xsl:sort select="."/>
      </xsl:perform-sort>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="empty($subjects)">
        <p><xsl:value-of select="r:msg('index.no-subjects')"/></p>
      </xsl:when>
      <!-- one index: the page's heading is its heading -->
      <xsl:when test="count($names) eq 1 and $names = ''">
        <xsl:call-template name="ed:subject-letters">
          <xsl:with-param name="subjects" select="$subjects"/>
          <xsl:with-param name="prefix" select="'ed-letter-'"/>
          <xsl:with-param name="level" select="2"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$names">
          <xsl:variable name="id" as="xs:string" select="'ed-subjects-' || position()"/>
          <section class="subject-index" aria-labelledby="{$id}">
            <h2 id="{$id}">
              <xsl:value-of select="if (. = '') then r:msg('nav.subjects') else ."/>
            </h2>
            <xsl:call-template name="ed:subject-letters">
              <xsl:with-param name="subjects" select="$subjects[@index = current()]"/>
              <xsl:with-param name="prefix" select="$id || '-'"/>
              <xsl:with-param name="level" select="3"/>
            </xsl:call-template>
          </section>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One index's terms under their initial letters (ed:initial of page-entries.xsl), the
       letters as a navigation first; ids begin with $prefix, so that the letters of two
       indexes on one page do not clash. -->
  <xsl:template name="ed:subject-letters" as="element()*">
    <xsl:param name="subjects" as="element(ed:subject)+" required="yes"/>
    <xsl:param name="prefix" as="xs:string" required="yes"/>
    <xsl:param name="level" as="xs:integer" required="yes"/>
    <xsl:param name="collation-lang" as="xs:string" tunnel="yes" required="yes"/>
    <xsl:variable name="groups" as="map(*)*">
      <xsl:for-each-group select="$subjects" group-by="ed:initial(ed:term[1]/@sort)">
        <xsl:sort select="current-grouping-key() = ''"/>
        <xsl:sort select="r:sort-key(current-grouping-key(), $collation-lang)"
            collation="{ed:collation($collation-lang)}"/>
        <xsl:sequence select="map { 'letter': current-grouping-key(),
            'subjects': current-group() }"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="id" as="function(xs:string) as xs:string"
        select="function($letter) { $prefix || (if ($letter = '') then 'other' else $letter) }"/>
    <xsl:if test="count($groups) gt 1">
      <nav class="index-letters" aria-label="{r:msg('index.letters')}">
        <ul>
          <xsl:for-each select="$groups">
            <li><a href="#{$id(?letter)}"><xsl:value-of select="ed:letter-label(?letter)"/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
    <xsl:for-each select="$groups">
      <section class="index-letter index-group" aria-labelledby="{$id(?letter)}">
        <xsl:element name="h{$level}" namespace="http://www.w3.org/1999/xhtml">
          <xsl:attribute name="id" select="$id(?letter)"/>
          <xsl:attribute name="class" select="'index-letter-heading'"/>
          <xsl:value-of select="ed:letter-label(?letter)"/>
        </xsl:element>
        <xsl:call-template name="ed:subject-terms">
          <xsl:with-param name="subjects" select="?subjects"/>
          <xsl:with-param name="depth" select="1"/>
          <xsl:with-param name="level" select="$level + 1"/>
        </xsl:call-template>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- The terms at $depth of entries that agree above it, in the collation's order: a term
       is one entry however often it is indexed (by its key, else its words), written as it
       is first. A term of the first level is an index entry of its own (the filter box of
       reader.js shows or hides it whole); below it, a list. -->
  <xsl:template name="ed:subject-terms" as="element()*">
    <xsl:param name="subjects" as="element(ed:subject)+" required="yes"/>
    <xsl:param name="depth" as="xs:integer" required="yes"/>
    <xsl:param name="level" as="xs:integer" select="0"/>
    <xsl:param name="collation-lang" as="xs:string" tunnel="yes" required="yes"/>
    <xsl:for-each-group select="$subjects" group-by="ed:term[$depth]/@same">
      <xsl:sort select="r:sort-key(ed:term[$depth]/@sort, $collation-lang)"
          collation="{ed:collation($collation-lang)}"/>
      <xsl:sort select="r:sort-key(ed:term[$depth], $collation-lang)"
          collation="{ed:collation($collation-lang)}"/>
      <xsl:sort select="current-grouping-key()"/>
      <xsl:variable name="term" as="element(ed:term)" select="ed:term[$depth]"/>
      <xsl:variable name="own" as="element(ed:subject)*"
          select="current-group()[count(ed:term) eq $depth]"/>
      <xsl:variable name="below" as="element(ed:subject)*"
          select="current-group()[count(ed:term) gt $depth]"/>
      <xsl:variable name="content" as="node()*">
        <xsl:if test="exists($own)">
          <xsl:text> </xsl:text>
          <xsl:call-template name="ed:subject-locators">
            <xsl:with-param name="subjects" select="$own"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="exists($below)">
          <ul class="index-subentries">
            <xsl:call-template name="ed:subject-terms">
              <xsl:with-param name="subjects" select="$below"/>
              <xsl:with-param name="depth" select="$depth + 1"/>
            </xsl:call-template>
          </ul>
        </xsl:if>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$depth eq 1">
          <section class="index-entry index-subject">
            <xsl:element name="h{$level}" namespace="http://www.w3.org/1999/xhtml">
              <xsl:call-template name="ed:term-words">
                <xsl:with-param name="term" select="$term"/>
              </xsl:call-template>
            </xsl:element>
            <xsl:sequence select="$content"/>
          </section>
        </xsl:when>
        <xsl:otherwise>
          <li>
            <xsl:call-template name="ed:term-words">
              <xsl:with-param name="term" select="$term"/>
            </xsl:call-template>
            <xsl:sequence select="$content"/>
          </li>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template name="ed:term-words" as="element()">
    <xsl:param name="term" as="element(ed:term)" required="yes"/>
    <span class="index-term">
      <xsl:call-template name="ed:lang">
        <xsl:with-param name="lang" select="$term/@lang"/>
      </xsl:call-template>
      <xsl:value-of select="$term"/>
    </span>
  </xsl:template>

  <!-- Where a term is indexed, in corpus and document order: a link to each place, named by
       its text's title, its section's heading (or part) and its page. -->
  <xsl:template name="ed:subject-locators" as="element()">
    <xsl:param name="subjects" as="element(ed:subject)+" required="yes"/>
    <xsl:param name="documents" as="element(ed:documents)?" tunnel="yes" required="yes"/>
    <ol class="index-occurrences">
      <xsl:for-each select="$subjects">
        <xsl:variable name="document" as="element(ed:document)?"
            select="ed:document($documents, @document)"/>
        <li>
          <a href="{@file}#{@mention}">
            <span>
              <xsl:call-template name="ed:lang">
                <xsl:with-param name="lang" select="string(($document/@title-lang,
                    $document/@lang)[1])"/>
              </xsl:call-template>
              <xsl:value-of select="($document/@title[normalize-space()], @document)[1]"/>
            </span>
            <xsl:for-each select="@heading[normalize-space()], @part[empty(../@heading[normalize-space()])]">
              <xsl:text>, </xsl:text>
              <span>
                <xsl:if test="self::attribute(heading)">
                  <xsl:call-template name="ed:lang">
                    <xsl:with-param name="lang" select="string($document/@lang)"/>
                  </xsl:call-template>
                </xsl:if>
                <xsl:value-of select="if (self::attribute(part)) then ed:part-label(.) else ."/>
              </span>
            </xsl:for-each>
            <xsl:for-each select="@page[normalize-space()]">
              <xsl:value-of select="', ' || r:page-label(string(.))"/>
            </xsl:for-each>
          </a>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

</xsl:stylesheet>

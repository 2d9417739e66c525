<?xml version="1.0" encoding="UTF-8"?>
<!--
  One part of a book (named template ee:subjects-part, called by xslt/epub/book.xsl): the
  text's index entries (TEI index/term, xslt/common/subjects.xsl) -> the subject index
  (subjects.xhtml), a chapter of the back matter in the EPUB Indexes vocabulary, as the site's
  subjects.html lays it out (xslt/index/modules/page-subjects.xsl): one part per index
  (@indexName, the unnamed one first), its terms in the collation of the book's language
  under their initial letters (index-group), sub-entries in a nested index-entry-list, and one
  index-locator per place, linking to the entry's anchor in its content document.
  Output: <ee:document href="subjects.xhtml">, or <ee:none/> when the text has no entry.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="ee:subjects-file" as="xs:string" select="'subjects.xhtml'"/>

  <!-- Every path of terms of the book's entries, with where its entry is. -->
  <xsl:variable name="ee:subjects" as="element(ee:subject)*">
    <xsl:for-each select="r:subject-entries(r:main-text(/tei:TEI))">
      <xsl:variable name="index" as="element(tei:index)" select="."/>
      <xsl:for-each select="r:subject-paths(.)">
        <ee:subject index="{r:index-name($index)}" href="{ee:href($index)}"
            where="{ee:where($index)}">
          <xsl:sequence select="r:term"/>
        </ee:subject>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>

  <xsl:template name="ee:subjects-part" as="element()">
    <xsl:variable name="collation" as="xs:string" select="r:index-collation(ee:language())"/>
    <xsl:variable name="names" as="xs:string*">
      <xsl:perform-sort select="distinct-values($ee:subjects/@index)">
        <xsl:sort select=". != ''"/>
        <xsl:sort select="r:sort-key(., $collation)" collation="{$collation}"/>
        <xsl:sort select="."/>
      </xsl:perform-sort>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="empty($ee:subjects)">
        <ee:none/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ee:document">
          <xsl:with-param name="href" select="$ee:subjects-file"/>
          <xsl:with-param name="title" select="r:msg('index.subjects') || ' — ' || ee:title()"/>
          <xsl:with-param name="body-type" select="'backmatter'"/>
          <xsl:with-param name="content" as="node()*">
            <section epub:type="index" role="doc-index" id="subjects"
                aria-labelledby="subjects-title">
              <h1 id="subjects-title"><xsl:value-of select="r:msg('index.subjects')"/></h1>
              <xsl:for-each select="$names">
                <xsl:variable name="subjects" as="element(ee:subject)+"
                    select="$ee:subjects[@index = current()]"/>
                <xsl:choose>
                  <xsl:when test="count($names) eq 1">
                    <xsl:call-template name="ee:subject-letters">
                      <xsl:with-param name="subjects" select="$subjects"/>
                      <xsl:with-param name="prefix" select="'subjects-'"/>
                      <xsl:with-param name="level" select="2"/>
                      <xsl:with-param name="collation" select="$collation"/>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:variable name="id" as="xs:string" select="'subjects-' || position()"/>
                    <section epub:type="index-group" id="{$id}" aria-labelledby="{$id}-title">
                      <h2 id="{$id}-title">
                        <xsl:value-of select="if (. = '') then r:msg('nav.subjects') else ."/>
                      </h2>
                      <xsl:call-template name="ee:subject-letters">
                        <xsl:with-param name="subjects" select="$subjects"/>
                        <xsl:with-param name="prefix" select="$id || '-'"/>
                        <xsl:with-param name="level" select="3"/>
                        <xsl:with-param name="collation" select="$collation"/>
                      </xsl:call-template>
                    </section>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </section>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ee:subject-letters" as="element()+">
    <xsl:param name="subjects" as="element(ee:subject)+" required="yes"/>
    <xsl:param name="prefix" as="xs:string" required="yes"/>
    <xsl:param name="level" as="xs:integer" required="yes"/>
    <xsl:param name="collation" as="xs:string" required="yes"/>
    <xsl:for-each-group select="$subjects" group-by="r:index-initial(r:term[1]/@sort)">
      <xsl:sort select="current-grouping-key() = ''"/>
      <xsl:sort select="r:sort-key(current-grouping-key(), $collation)" collation="{$collation}"/>
      <xsl:variable name="id" as="xs:string" select="$prefix
          || (if (current-grouping-key() = '') then 'other' else current-grouping-key())"/>
      <section epub:type="index-group" id="{$id}" aria-labelledby="{$id}-title">
        <xsl:element name="h{$level}" namespace="http://www.w3.org/1999/xhtml">
          <xsl:attribute name="id" select="$id || '-title'"/>
          <xsl:value-of select="if (current-grouping-key() = '')
              then r:msg('index.other-initial') else current-grouping-key()"/>
        </xsl:element>
        <ul epub:type="index-entry-list">
          <xsl:call-template name="ee:subject-terms">
            <xsl:with-param name="subjects" select="current-group()"/>
            <xsl:with-param name="depth" select="1"/>
            <xsl:with-param name="collation" select="$collation"/>
          </xsl:call-template>
        </ul>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <!-- The terms at $depth, one entry per key (else words), its places and sub-entries. -->
  <xsl:template name="ee:subject-terms" as="element()+">
    <xsl:param name="subjects" as="element(ee:subject)+" required="yes"/>
    <xsl:param name="depth" as="xs:integer" required="yes"/>
    <xsl:param name="collation" as="xs:string" required="yes"/>
    <xsl:for-each-group select="$subjects" group-by="r:term[$depth]/@same">
      <xsl:sort select="r:sort-key(r:term[$depth]/@sort, $collation)" collation="{$collation}"/>
      <xsl:sort select="r:sort-key(r:term[$depth], $collation)" collation="{$collation}"/>
      <xsl:sort select="current-grouping-key()"/>
      <xsl:variable name="term" as="element(r:term)" select="r:term[$depth]"/>
      <xsl:variable name="below" as="element(ee:subject)*"
          select="current-group()[count(r:term) gt $depth]"/>
      <li epub:type="index-entry">
        <span epub:type="index-term" class="index-term">
          <xsl:for-each select="r:lang(string($term/@lang))[. ne ee:language()]">
            <xsl:attribute name="xml:lang" select="."/>
            <xsl:attribute name="lang" select="."/>
          </xsl:for-each>
          <xsl:value-of select="$term"/>
        </span>
        <xsl:for-each select="current-group()[count(r:term) eq $depth]">
          <xsl:value-of select="if (position() eq 1) then ', ' else '; '"/>
          <a epub:type="index-locator" href="{@href}"><xsl:value-of select="@where"/></a>
        </xsl:for-each>
        <xsl:if test="exists($below)">
          <ul epub:type="index-entry-list">
            <xsl:call-template name="ee:subject-terms">
              <xsl:with-param name="subjects" select="$below"/>
              <xsl:with-param name="depth" select="$depth + 1"/>
              <xsl:with-param name="collation" select="$collation"/>
            </xsl:call-template>
          </ul>
        </xsl:if>
      </li>
    </xsl:for-each-group>
  </xsl:template>

</xsl:stylesheet>

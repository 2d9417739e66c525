<?xml version="1.0" encoding="UTF-8"?>
<!--
  One part of a book (named template ee:index-part, called by xslt/epub/book.xsl):
  normalized TEI + entity data -> the back-of-book index of names
  (index.xhtml), marked up with the EPUB Indexes vocabulary: one index-group per kind of
  entity (persons, places, organisations, other), each an index-entry-list whose entries
  (id = the register xml:id) hold an index-term and one index-locator per mention.

  Entity data: the index builder's shared product ($entities, see modules/entities.xsl)
  when there is one, else derived from the text's resolved names (ed:entity, ed:kind) and the
  registers. Output: <ee:document href="index.xhtml">, or <ee:none/> when the text names no
  entity (then the book has no index).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ed="urn:edition"
    xmlns:ee="urn:edition:epub"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="ee:kinds" as="map(xs:string, xs:string)" select="map {
      'person': r:msg('nav.persons'), 'place': r:msg('nav.places'),
      'org': r:msg('nav.organisations') }"/>

  <xsl:template name="ee:index-part" as="element()">
    <xsl:variable name="entities" as="element(ee:entity)*" select="$ee:index-entities"/>
    <xsl:choose>
      <xsl:when test="empty($entities)">
        <ee:none/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ee:document">
          <xsl:with-param name="href" select="$ee:index-file"/>
          <xsl:with-param name="title" select="r:msg('epub.index') || ' — ' || ee:title()"/>
          <xsl:with-param name="body-type" select="'backmatter'"/>
          <xsl:with-param name="content" as="node()*">
            <section epub:type="index" role="doc-index" id="index" aria-labelledby="index-title">
              <!-- the interface's words in its language and direction inside a book in
                   another (probe 102: an Arabic book's "Index of names" unmarked) -->
              <h1 id="index-title"><xsl:sequence select="r:ui-attributes(ee:language(),
                  ee:direction())"/><xsl:value-of select="r:msg('epub.index')"/></h1>
              <!-- a play's characters and groups of persons with the persons, as the
                   site's index pages list them (names.xsl, r:index-page) -->
              <xsl:for-each-group select="$entities"
                  group-by="if (r:index-page(@kind) = 'persons.html') then 'person'
                      else if (map:contains($ee:kinds, @kind)) then @kind else 'other'">
                <xsl:sort select="index-of(('person', 'place', 'org', 'other'), current-grouping-key())"/>
                <section epub:type="index-group" id="index-{current-grouping-key()}"
                    aria-labelledby="index-{current-grouping-key()}-title">
                  <h2 id="index-{current-grouping-key()}-title">
                    <xsl:sequence select="r:ui-attributes(ee:language(), ee:direction())"/>
                    <xsl:value-of select="($ee:kinds(current-grouping-key()), r:msg('epub.index.other'))[1]"/>
                  </h2>
                  <ul epub:type="index-entry-list">
                    <xsl:for-each select="current-group()">
                      <!-- in the book's language, as the web's index pages sort in theirs -->
                      <xsl:sort select="r:script-rank(@sort, ee:language())"/>
                      <xsl:sort select="r:sort-key(@sort, ee:language())"
                          collation="{r:index-collation(ee:language())}"/>
                      <!-- names one key files alike ("Dal", "Ðal") as the index page
                           orders them -->
                      <xsl:sort select="normalize-unicode(@sort, 'NFD')"
                          collation="{r:index-collation(ee:language())}"/>
                      <xsl:apply-templates select="." mode="ee:index-entry"/>
                    </xsl:for-each>
                  </ul>
                </section>
              </xsl:for-each-group>
            </section>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:mode name="ee:index-entry" on-no-match="fail" on-multiple-match="fail"/>

  <!-- An entry named in a life or a relation: a link to its entry of the book's index when
       the index lists it, else its name (the web's index pages are not in the book). -->
  <xsl:function name="ed:entry-link" as="node()">
    <xsl:param name="record" as="element()"/>
    <xsl:choose>
      <xsl:when test="$record/@id = $ee:index-entities/@id">
        <a href="{$ee:index-file}#{$record/@id}"><xsl:value-of select="$record"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$record"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A term's or a heading's language and direction when they are not the book's: an
       English name in an Arabic book's index ran right to left, its dates and locators
       reordered (probe 165); lang without dir left it so. -->
  <xsl:function name="ee:lang-attributes" as="attribute()*">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:for-each select="r:lang($lang)[. ne ee:language()]">
      <xsl:attribute name="xml:lang" select="."/>
      <xsl:attribute name="lang" select="."/>
      <xsl:if test="r:lang-dir(.) ne ee:direction()">
        <xsl:attribute name="dir" select="r:lang-dir(.)"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- Locators grouped by the part of the text (div, or page when there are pbs) they are in. -->
  <xsl:template match="ee:entity" mode="ee:index-entry">
    <li epub:type="index-entry" id="{@id}">
      <span epub:type="index-term" class="index-term">
        <xsl:sequence select="ee:lang-attributes(string(@lang))"/>
        <xsl:value-of select="@name"/>
      </span>
      <!-- a person's birth and death, as the page's card says them: "(2 March 1850, Leipzig
           – 1910)" -->
      <xsl:variable name="entry" as="element()?" select="r:entry(@id)"/>
      <xsl:variable name="life" as="node()*" select="$entry[self::tei:person]
          ! r:entry-dates(.)"/>
      <xsl:if test="exists($life)">
        <xsl:text> </xsl:text>
        <span class="index-life">(<xsl:sequence select="$life"/>)</span>
      </xsl:if>
      <xsl:for-each-group select="ee:mention" group-adjacent="@where">
        <xsl:value-of select="if (position() eq 1) then ', ' else '; '"/>
        <!-- isolated: "p. 1ب" read "بp. 1" in an Arabic book (probe 102) -->
        <!-- in its own language (probe 165: an English division's heading inherited an
             Arabic book's language) -->
        <bdi class="index-where"><xsl:sequence
            select="ee:lang-attributes(string(@lang))"/><xsl:value-of
            select="current-grouping-key()"/></bdi>
        <xsl:for-each select="current-group()">
          <xsl:text> </xsl:text>
          <a epub:type="index-locator" href="{@href}"><xsl:value-of select="position()"/></a>
        </xsl:for-each>
      </xsl:for-each-group>
      <!-- its relations, "Relations: parent of Anna Weber" -->
      <xsl:variable name="relations" as="element(ed:relation)*" select="r:relations(@id)"/>
      <xsl:if test="exists($relations)">
        <xsl:text>. </xsl:text>
        <span class="index-relations">
          <xsl:sequence select="ed:relations-words($relations, r:preferred-name($entry,
              string(@id)))"/>
        </span>
      </xsl:if>
      <!-- its notes, as the site's card shows them: an edition's corrections and identifications
           are there ("the register note says so": probe 128, the book had none of them) -->
      <xsl:for-each select="$entry/tei:note[normalize-space()]">
        <p class="index-note">
          <!-- a note in another language than the book's says which, and its direction -->
          <xsl:for-each select="@xml:lang ! r:lang(.)[. ne ee:language()]">
            <xsl:attribute name="xml:lang" select="."/>
            <xsl:attribute name="lang" select="."/>
            <xsl:if test="r:lang-dir(.) ne ee:direction()">
              <xsl:attribute name="dir" select="r:lang-dir(.)"/>
            </xsl:if>
          </xsl:for-each>
          <xsl:apply-templates mode="r:card"/>
        </p>
      </xsl:for-each>
    </li>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The title page (title.xhtml), generated from the teiHeader: title, authors, who did what,
  edition, publisher and date, licence, and the source the text was taken from.
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

  <xsl:variable name="ee:titlepage-file" as="xs:string" select="'title.xhtml'"/>

  <xsl:template name="ee:titlepage" as="element(ee:document)">
    <xsl:variable name="stmt" as="element(tei:titleStmt)?" select="$ee:file-desc/tei:titleStmt"/>
    <xsl:variable name="pub" as="element(tei:publicationStmt)?"
        select="$ee:file-desc/tei:publicationStmt"/>
    <xsl:call-template name="ee:document">
      <xsl:with-param name="href" select="$ee:titlepage-file"/>
      <xsl:with-param name="title" select="ee:title()"/>
      <xsl:with-param name="body-type" select="'frontmatter'"/>
      <xsl:with-param name="content" as="node()*">
        <section epub:type="titlepage" class="titlepage" id="titlepage">
          <h1 epub:type="fulltitle"><xsl:value-of select="ee:title()"/></h1>
          <xsl:for-each select="r:authors($ee:tei)">
            <p class="author"><xsl:value-of select="."/></p>
          </xsl:for-each>
          <xsl:for-each select="$ee:tei">
            <xsl:call-template name="r:letter-head">
              <xsl:with-param name="neighbours" select="false()"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:if test="exists($stmt/(tei:editor | tei:respStmt))">
            <dl class="credits">
              <xsl:for-each select="$stmt/tei:editor">
                <dt><xsl:value-of select="r:msg('epub.editor')"/></dt>
                <dd><xsl:value-of select="r:agent-name(.)"/></dd>
              </xsl:for-each>
              <xsl:for-each select="$stmt/tei:respStmt">
                <dt><xsl:value-of select="ee:capital(ee:plain(tei:resp))"/></dt>
                <dd><xsl:value-of select="string-join((tei:name | tei:persName | tei:orgName) ! r:name-text(.), ', ')"/></dd>
              </xsl:for-each>
            </dl>
          </xsl:if>
          <xsl:for-each select="$ee:file-desc/tei:editionStmt[ee:plain(.) != '']">
            <p class="edition"><xsl:value-of select="ee:plain(.)"/></p>
          </xsl:for-each>
          <xsl:variable name="imprint" as="xs:string*"
              select="($pub/tei:publisher)[1] ! r:agent-name(.), ee:date() ! r:date-words(., true())"/>
          <xsl:if test="exists($imprint[. != ''])">
            <p class="imprint"><xsl:value-of select="string-join($imprint[. != ''], ', ')"/></p>
          </xsl:if>
          <xsl:if test="ee:rights() != ''">
            <p class="rights"><xsl:value-of select="r:msg(if ($pub/tei:availability/tei:p
                [normalize-space()]) then 'fact.rights' else 'fact.licence') || ': ' || ee:rights()"/></p>
          </xsl:if>
          <xsl:variable name="source" as="xs:string" select="ee:source()"/>
          <xsl:if test="$source != ''">
            <p class="source"><xsl:value-of select="r:msg('text.source') || ' ' || $source"/></p>
          </xsl:if>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="ee:capital" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  One text's header as a section of the about page: publication facts, licence, sources,
  editorial declarations, project and encoding description, revision history, and a citation.
  Notes inside the header have no list of footnotes to go to: they run in brackets.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:s="urn:edition:shell"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:mode name="about-text" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:variable name="decl-labels" as="map(xs:string, xs:string)" select="map {
      'correction': 'Correction', 'normalization': 'Normalisation', 'quotation': 'Quotation',
      'hyphenation': 'Hyphenation', 'segmentation': 'Segmentation',
      'interpretation': 'Interpretation', 'punctuation': 'Punctuation',
      'stdVals': 'Standard values'}"/>

  <xsl:template match="TEI" mode="about-text" as="element()">
    <xsl:variable name="header" as="element()?" select="teiHeader"/>
    <xsl:variable name="multiple" as="xs:boolean" select="count(../TEI) gt 1"/>
    <section id="text-{@ed:stem}" class="about-text" aria-labelledby="text-{@ed:stem}-title">
      <h2 id="text-{@ed:stem}-title"><xsl:value-of select="r:title(.)"/></h2>
      <xsl:if test="exists(r:authors(.))">
        <p class="authors"><xsl:value-of select="string-join(r:authors(.), '; ')"/></p>
      </xsl:if>
      <xsl:if test="exists(r:editors(.))">
        <p class="editors"><xsl:value-of select="string-join(r:editors(.), '; ')
            || ' (' || r:msg(if (count(r:editors(.)) gt 1) then 'citation.editors'
            else 'citation.editor') || ')'"/></p>
      </xsl:if>
      <p><a href="{@ed:stem}.html">Read the text</a></p>
      <xsl:call-template name="facts"/>
      <xsl:for-each select="$header/fileDesc/sourceDesc">
        <h3>Source</h3>
        <xsl:for-each select="*">
          <xsl:choose>
            <xsl:when test="self::bibl or self::biblStruct or self::biblFull or self::listBibl">
              <xsl:apply-templates select="." mode="r:source"/>
            </xsl:when>
            <!-- a letter's correspondence description heads its reading page -->
            <xsl:when test="self::correspDesc"/>
            <xsl:otherwise>
              <xsl:apply-templates select="." mode="r:main"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:if test="$multiple">
        <xsl:for-each select="$header/encodingDesc/projectDesc">
          <h3>Project</h3>
          <xsl:apply-templates select="*" mode="r:main"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:for-each select="$header/encodingDesc/editorialDecl[normalize-space()]">
        <h3>Editorial declarations</h3>
        <xsl:apply-templates select="p | ab" mode="r:main"/>
        <xsl:for-each select="* except (p | ab)">
          <h4><xsl:value-of select="($decl-labels(local-name()), local-name())[1]"/></h4>
          <xsl:apply-templates select="*" mode="r:main"/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:call-template name="encoding"/>
      <xsl:for-each select="$header/revisionDesc[change]">
        <h3>Revision history</h3>
        <ul class="changes">
          <xsl:for-each select="change">
            <li>
              <xsl:if test="@when">
                <time datetime="{@when[matches(., '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')]}">
                  <xsl:value-of select="@when"/>
                </time>
                <xsl:text>: </xsl:text>
              </xsl:if>
              <xsl:apply-templates mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:for-each>
      <h3>How to cite this text</h3>
      <p class="citation"><xsl:value-of select="r:citation(., $date)"/></p>
    </section>
  </xsl:template>

  <xsl:template name="facts" as="element()">
    <xsl:variable name="licence" as="element()?" select="r:licence(.)"/>
    <dl class="facts">
      <xsl:for-each select="teiHeader/fileDesc/editionStmt/edition">
        <dt>Edition</dt>
        <dd><xsl:value-of select="r:plain(.)"/></dd>
      </xsl:for-each>
      <xsl:if test="exists(r:publisher(.))">
        <dt>Publisher</dt>
        <dd><xsl:value-of select="r:publisher(.)"/></dd>
      </xsl:if>
      <xsl:if test="exists(r:publication-date(.))">
        <dt>Date</dt>
        <dd><xsl:value-of select="r:publication-date(.)"/></dd>
      </xsl:if>
      <xsl:for-each select="r:revision-date(.)">
        <dt><xsl:value-of select="r:msg('text.revised')"/></dt>
        <dd><time datetime="{.}"><xsl:value-of select="."/></time></dd>
      </xsl:for-each>
      <xsl:if test="exists(r:identifier(.))">
        <dt>Identifier</dt>
        <dd>
          <xsl:variable name="id" as="xs:string" select="r:identifier(.)"/>
          <xsl:choose>
            <xsl:when test="matches($id, '^https?://')"><a href="{$id}"><xsl:value-of select="$id"/></a></xsl:when>
            <xsl:otherwise><code><xsl:value-of select="$id"/></code></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
      <dt>Licence</dt>
      <dd>
        <xsl:variable name="href" as="xs:string?" select="r:safe-url($licence/@target)"/>
        <xsl:choose>
          <xsl:when test="empty($licence)">Not stated in the header</xsl:when>
          <xsl:when test="exists($href)">
            <a href="{$href}" rel="license">
              <xsl:value-of select="if (normalize-space($licence)) then r:plain($licence) else $href"/>
            </a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="r:plain($licence)"/></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt>Reading page</dt>
      <dd><a href="{@ed:stem}.html"><xsl:value-of select="@ed:stem || '.html'"/></a></dd>
    </dl>
  </xsl:template>

  <!-- What the encoding description says, in short, and where the full guide is. -->
  <xsl:template name="encoding" as="element()*">
    <xsl:variable name="encoding" as="element()?" select="teiHeader/encodingDesc"/>
    <xsl:variable name="keywords" as="xs:string*"
        select="teiHeader/profileDesc/textClass/keywords/term ! r:plain(.)[. != '']"/>
    <xsl:variable name="languages" as="xs:string*"
        select="teiHeader/profileDesc/langUsage/language ! r:plain(.)[. != '']"/>
    <h3>Encoding</h3>
    <p>
      <xsl:text>The text is encoded in TEI P5 XML</xsl:text>
      <xsl:if test="normalize-space($encoding/@n)">
        <xsl:value-of select="' (' || normalize-space($encoding/@n) || ')'"/>
      </xsl:if>
      <xsl:text>. Names of persons, places and organisations and dates are linked to the
        edition's registers and index where the encoding identifies them.</xsl:text>
      <xsl:if test="$guide-url != '' and exists(r:safe-url($guide-url))">
        <xsl:text> See the </xsl:text>
        <a href="{r:safe-url($guide-url)}">encoding guidelines</a>
        <xsl:text>.</xsl:text>
      </xsl:if>
    </p>
    <xsl:if test="exists($languages)">
      <p><xsl:value-of select="'Languages: ' || string-join($languages, '; ') || '.'"/></p>
    </xsl:if>
    <xsl:if test="exists($keywords)">
      <p><xsl:value-of select="'Keywords: ' || string-join($keywords, '; ') || '.'"/></p>
    </xsl:if>
    <xsl:for-each select="$encoding/tagsDecl/namespace[tagUsage]">
      <table class="tag-usage">
        <caption>Elements used</caption>
        <thead><tr><th scope="col">Element</th><th scope="col">Occurrences</th></tr></thead>
        <tbody>
          <xsl:for-each select="tagUsage">
            <tr><td><code><xsl:value-of select="@gi"/></code></td><td><xsl:value-of select="@occurs"/></td></tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:for-each>
  </xsl:template>

  <!-- Header notes run in brackets: the about page has no list of footnotes. -->
  <xsl:template match="teiHeader//note" mode="r:main" as="element()">
    <span class="note-inline">
      <xsl:text> (</xsl:text>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:text>)</xsl:text>
    </span>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes. A note inside running text becomes a numbered footnote: a marker in the text
  (role doc-noteref, id = the note's xml:id + "-ref") and an entry in the list of notes that
  r:footnotes renders at the end of a text, with a link back to the marker (doc-backlink).
  A note that stands between paragraphs (a child of a div, a list of notes) is rendered where
  it is. A note inside a note is rendered in brackets inside its footnote.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="i18n.xsl"/>

  <xsl:function name="r:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <!-- notes of the apparatus (in an app, a reading or a witness detail) and of a witness
         are rendered in its entry (apparatus.xsl) -->
    <xsl:sequence select="empty($note/ancestor::note) and not($note/parent::*[r:is-div(.)
        or self::body or self::front or self::back or self::text or self::noteGrp
        or self::floatingText or self::lg or self::sp or self::list or self::listBibl
        or self::app]) and empty($note/ancestor::*[self::rdg or self::rdgGrp or self::witDetail
        or self::witness])"/>
  </xsl:function>

  <!-- The number shown for a footnote: its @n, else its position among the text's footnotes. -->
  <xsl:function name="r:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($note/@n)"/>
    <xsl:choose>
      <xsl:when test="$n != ''"><xsl:sequence select="$n"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="number" as="xs:string">
          <xsl:for-each select="$note">
            <xsl:number level="any" count="note[r:is-footnote(.)]"
                from="text[not(ancestor::text)]"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:sequence select="$number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="r:note-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($note/@xml:id, 'ed-note-' || count($note/preceding::note) + 1)[1]"/>
  </xsl:function>

  <xsl:template match="note" mode="r:main" as="element()">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="number" as="xs:string" select="r:note-number(.)"/>
    <xsl:variable name="id" as="xs:string" select="r:note-id(.)"/>
    <xsl:choose>
      <xsl:when test="ancestor::note">
        <span class="note-inline">
          <xsl:call-template name="r:attributes"/>
          <xsl:text> (</xsl:text>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:text>) </xsl:text>
        </span>
      </xsl:when>
      <xsl:when test="not(r:is-footnote(.))">
        <xsl:call-template name="r:block">
          <xsl:with-param name="class" select="'note block-note'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$r:in-link">
        <sup class="noteref" id="{$id}-ref"><xsl:value-of select="$number"/></sup>
      </xsl:when>
      <xsl:otherwise>
        <a class="noteref" id="{$id}-ref" href="#{$id}" role="doc-noteref"
            aria-label="{r:msg('notes.ref', $number)}">
          <sup><xsl:value-of select="$number"/></sup>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The list of footnotes of $scope (a text), or nothing when it has none. -->
  <xsl:template name="r:footnotes" as="element()?">
    <xsl:param name="scope" as="element()" required="yes"/>
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:variable name="notes" as="element()*" select="$scope//note[r:is-footnote(.)]"/>
    <xsl:if test="exists($notes)">
      <section class="footnotes" role="doc-endnotes" aria-labelledby="ed-notes-title">
        <xsl:element name="h{$level}">
          <xsl:attribute name="id" select="'ed-notes-title'"/>
          <xsl:value-of select="r:msg('notes.title')"/>
        </xsl:element>
        <ol>
          <xsl:apply-templates select="$notes" mode="r:footnote"/>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="note" mode="r:footnote" as="element()">
    <xsl:variable name="id" as="xs:string" select="r:note-id(.)"/>
    <li id="{$id}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'footnote'"/>
        <xsl:with-param name="id" select="false()"/>
      </xsl:call-template>
      <a class="backlink" href="#{$id}-ref" role="doc-backlink"
          aria-label="{r:msg('notes.back', r:note-number(.))}">
        <xsl:value-of select="r:note-number(.)"/>
      </a>
      <xsl:text> </xsl:text>
      <div class="footnote-body">
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="false()" tunnel="yes"/>
          <xsl:with-param name="r:in-link" select="false()" tunnel="yes"/>
        </xsl:apply-templates>
      </div>
    </li>
  </xsl:template>

</xsl:stylesheet>

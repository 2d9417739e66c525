<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes as EPUB footnotes (mode ee:text): a note reference is
  <a epub:type="noteref" role="doc-noteref">, the note an <aside epub:type="footnote"
  role="doc-footnote"> with a back link (role doc-backlink) to its first reference.

  Two encodings are met:
  - a note at the point it annotates (inside p, l, head, ...): the reference is rendered where
    the note stands, the aside at the end of the content document that holds it;
  - a note that stands apart (in a div of notes, ELTeC's back matter) and is pointed at by
    ref/ptr target="#id": the aside is rendered where the note stands, the references where
    the pointers stand (possibly in another content document of the book).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ee="urn:edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:key name="ee:pointers" match="tei:ref[@target] | tei:ptr[@target]"
      use="tokenize(normalize-space(@target), ' ')[starts-with(., '#')] ! substring(., 2)"/>

  <!-- A note that stands apart from the text it annotates (rendered where it is). -->
  <xsl:function name="ee:in-place" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/@xml:id) and exists(key('ee:pointers', $note/@xml:id, root($note)))
        or exists($note/parent::*[ee:is-div(.)] | $note/parent::tei:body | $note/parent::tei:back
            | $note/parent::tei:front | $note/parent::tei:listBibl)"/>
  </xsl:function>

  <xsl:function name="ee:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="number" as="xs:string">
      <xsl:number select="$note" level="any" from="tei:text"
          count="tei:note[not(ee:in-place(.))]"/>
    </xsl:variable>
    <xsl:sequence select="if (normalize-space($note/@n) != '') then normalize-space($note/@n)
        else $number"/>
  </xsl:function>

  <!-- The id of the n-th reference to a note (the first one is the back link's target). -->
  <xsl:function name="ee:noteref-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="'noteref-' || $note/@xml:id || (if ($n gt 1) then '-' || $n else '')"/>
  </xsl:function>

  <xsl:template name="ee:noteref">
    <xsl:param name="note" as="element(tei:note)" required="yes"/>
    <xsl:param name="label" as="xs:string" required="yes"/>
    <xsl:param name="n" as="xs:integer" select="
        if (self::tei:note) then 1
        else index-of(key('ee:pointers', $note/@xml:id, root($note)) ! generate-id(.),
            generate-id(.))[1]"/>
    <sup class="noteref">
      <a epub:type="noteref" role="doc-noteref" id="{ee:noteref-id($note, $n)}"
          href="{ee:href($note)}">
        <xsl:value-of select="if ($label != '') then $label else '*'"/>
      </a>
    </sup>
  </xsl:template>

  <xsl:template match="tei:note" mode="ee:text">
    <xsl:choose>
      <xsl:when test="ee:in-place(.)">
        <xsl:apply-templates select="." mode="ee:footnote"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ee:noteref">
          <xsl:with-param name="note" select="."/>
          <xsl:with-param name="label" select="ee:note-label(.)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:mode name="ee:footnote" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="tei:note" mode="ee:footnote">
    <xsl:variable name="pointers" as="element()*"
        select="if (@xml:id) then key('ee:pointers', @xml:id) else ()"/>
    <xsl:variable name="back" as="xs:string?" select="
        if (not(ee:in-place(.))) then '#' || ee:noteref-id(., 1)
        else if (exists($pointers)) then ee:file($pointers[1]) || '#' || ee:noteref-id(., 1)
        else ()"/>
    <xsl:variable name="label" as="xs:string" select="
        if (not(ee:in-place(.))) then ee:note-label(.)
        else normalize-space($pointers[1])"/>
    <aside epub:type="footnote" role="doc-footnote" class="note">
      <xsl:call-template name="ee:id"/>
      <xsl:call-template name="ee:lang"/>
      <xsl:variable name="blocks" as="xs:boolean"
          select="exists(tei:p | tei:lg | tei:quote[tei:p | tei:l] | tei:list | tei:table)"/>
      <xsl:variable name="backlink" as="element()?">
        <xsl:if test="exists($back)">
          <a role="doc-backlink" href="{$back}" class="backlink"
              aria-label="{'Back to note reference' || (if ($label != '') then ' ' || $label else '')}">↩</a>
        </xsl:if>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$blocks">
          <xsl:apply-templates mode="ee:text"/>
          <xsl:if test="exists($backlink)">
            <p class="backlink"><xsl:sequence select="$backlink"/></p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <xsl:if test="not(ee:in-place(.))">
              <span class="note-label"><xsl:value-of select="ee:note-label(.)"/>. </span>
            </xsl:if>
            <xsl:apply-templates mode="ee:text">
              <xsl:with-param name="inline" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
            <xsl:if test="exists($backlink)">
              <xsl:text> </xsl:text>
              <xsl:sequence select="$backlink"/>
            </xsl:if>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </aside>
  </xsl:template>

  <!-- The asides of the notes at point inside some rendered nodes (end of a document). -->
  <xsl:template name="ee:footnotes">
    <xsl:param name="nodes" as="node()*" required="yes"/>
    <xsl:variable name="notes" as="element(tei:note)*"
        select="$nodes/descendant-or-self::tei:note[not(ee:in-place(.))]"/>
    <xsl:if test="exists($notes)">
      <section class="footnotes" aria-label="Notes">
        <xsl:apply-templates select="$notes" mode="ee:footnote">
          <xsl:with-param name="inline" select="false()" tunnel="yes"/>
        </xsl:apply-templates>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

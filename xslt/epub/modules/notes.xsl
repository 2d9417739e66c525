<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB override of the shared rendering (mode r:main) for notes: EPUB footnotes. A note
  reference is <a epub:type="noteref" role="doc-noteref">, the note an <aside
  epub:type="footnote" role="doc-footnote"> with a back link (role doc-backlink) to its first
  reference. The shared rendering's list of endnotes is not used.

  Two encodings are met:
  - a note at the point it annotates (inside p, l, head ...: r:is-footnote): the reference is
    rendered where the note stands, the aside at the end of the content document holding it;
  - a note that stands apart (in a div of notes, as in ELTeC's back matter) or is pointed at by
    ref/ptr target="#id": the aside is rendered where the note stands, the references where
    the pointers stand (links.xsl), possibly in another content document of the book.
  A note inside a note stays inline, as the shared rendering does it.
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

  <xsl:key name="ee:pointers" match="tei:ref[@target] | tei:ptr[@target]"
      use="tokenize(normalize-space(@target))[starts-with(., '#')] ! substring(., 2)"/>

  <!-- A note rendered where it stands (pointed at, or standing between blocks). -->
  <xsl:function name="ee:in-place" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <!-- a ref or ptr calls a note that stands apart; a footnote keeps its call at its point,
         and a pointer at it is a cross-reference ("see note 1"): probe 59's made the
         footnote an aside inside its paragraph, which epubcheck refused -->
    <xsl:sequence select="empty($note/ancestor::tei:note) and not(r:is-footnote($note))"/>
  </xsl:function>

  <!-- Whether a note is read from a call (a footnote: its call at its point, a pointer at
       it, the words it annotates) rather than where it stands (ee:footnote). -->
  <xsl:function name="ee:called" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="ee:at-point($note)
        or exists($note/@xml:id ! key('ee:pointers', string(.), root($note)))
        or exists(r:pointers($note) except key('r:note-pointers', string($note/@xml:id),
            root($note)))"/>
  </xsl:function>

  <xsl:function name="ee:at-point" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="empty($note/ancestor::tei:note) and not(ee:in-place($note))
        and not(r:entry-note($note))"/>
  </xsl:function>

  <!-- Notes at point that the web page does not number (a margin note, one inline), counted
       from the start of the (innermost preceding) text or sourceDoc in one pass over the text
       instead of a walk back over every earlier note for each note (a list of 4,000 persons,
       each with a note, took a minute). -->
  <xsl:accumulator name="ee:note-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text | tei:sourceDoc" select="0"/>
    <xsl:accumulator-rule match="tei:note[ee:at-point(.)][not(r:is-called(.))]
        [not(normalize-space(@n))]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The labels such notes of a text give themselves (@n): the letters left out of the
       others' (probe 54: a margin note lettered "a" and one whose @n is "a"). -->
  <xsl:function name="ee:own-letters" as="xs:string*" cache="yes">
    <xsl:param name="text" as="element()?"/>
    <xsl:sequence select="distinct-values($text//tei:note[ee:at-point(.)]
        [not(r:is-called(.))] ! normalize-space(@n)[. != ''])"/>
  </xsl:function>

  <!-- A note's label: the number the web page gives it (r:note-number), so that "n. 2" is
       the same note in the book; a note the page shows beside the text without a number (in
       the margin, inline) is lettered, a, b, c ..., apart from the numbered ones. -->
  <xsl:function name="ee:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="
        if (normalize-space($note/@n) != '') then normalize-space($note/@n)
        else if (r:is-called($note)) then r:note-number($note)
        else ee:letter($note/accumulator-before('ee:note-number'),
            ee:own-letters($note/ancestor::*[self::tei:text or self::tei:sourceDoc][1]))"/>
  </xsl:function>

  <!-- The $n-th of a, b, c ... that is none of $taken. -->
  <xsl:function name="ee:letter" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="taken" as="xs:string*"/>
    <xsl:sequence select="(for $i in 1 to $n + count($taken) return format-integer($i, 'a'))
        [not(. = $taken)][$n]"/>
  </xsl:function>

  <!-- The reference to a note after an element it annotates (note/@target): as a note's call
       in the text is (the web page's button opens a popover, which a book has not). -->
  <xsl:template name="r:annotation-call" as="element()">
    <xsl:param name="note" as="element()" required="yes"/>
    <xsl:param name="n" as="xs:integer" required="yes"/>
    <!-- numbered after the refs that call the same note, which have the first ids -->
    <xsl:variable name="refs" as="xs:integer"
        select="count(key('ee:pointers', string($note/@xml:id), root($note)))"/>
    <a epub:type="noteref" role="doc-noteref" id="{ee:noteref-id($note, $refs + $n)}"
        href="{ee:href($note)}" class="noteref">
      <sup><xsl:value-of select="ee:note-label($note)"/></sup>
    </a>
  </xsl:template>

  <!-- The id of the n-th reference to a note (the first one is the back link's target). -->
  <xsl:function name="ee:noteref-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="'noteref-' || $note/@xml:id || (if ($n gt 1) then '-' || $n else '')"/>
  </xsl:function>

  <xsl:template name="ee:noteref" as="element()">
    <xsl:param name="note" as="element(tei:note)" required="yes"/>
    <xsl:param name="label" as="xs:string" required="yes"/>
    <xsl:variable name="n" as="xs:integer" select="
        if (self::tei:note) then 1
        else (index-of(key('ee:pointers', $note/@xml:id, root($note)) ! generate-id(.),
            generate-id(.))[1], 1)[1]"/>
    <a epub:type="noteref" role="doc-noteref" id="{ee:noteref-id($note, $n)}"
        href="{ee:href($note)}" class="noteref">
      <sup><xsl:value-of select="if ($label != '') then $label else '*'"/></sup>
    </a>
  </xsl:template>

  <xsl:template match="tei:note" mode="r:main" as="element()">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="exists(ancestor::tei:note)">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="ee:in-place(.)">
        <xsl:apply-templates select="." mode="ee:footnote"/>
      </xsl:when>
      <!-- a note on a bibliography's entry is read in it, in brackets, as on the web page -->
      <xsl:when test="r:entry-note(.)">
        <xsl:next-match/>
      </xsl:when>
      <xsl:when test="$r:in-link">
        <sup class="noteref"><xsl:value-of select="ee:note-label(.)"/></sup>
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

  <xsl:template match="tei:note" mode="ee:footnote" as="element()">
    <xsl:variable name="pointers" as="element()*"
        select="if (@xml:id) then key('ee:pointers', @xml:id) else ()"/>
    <!-- what the note annotates (@target), followed by its reference -->
    <xsl:variable name="annotated" as="element()*"
        select="r:pointers(.) except key('r:note-pointers', string(@xml:id))"/>
    <xsl:variable name="at-point" as="xs:boolean" select="ee:at-point(.)"/>
    <xsl:variable name="back" as="xs:string?" select="
        if ($at-point) then '#' || ee:noteref-id(., 1)
        else if (exists(($pointers, $annotated))) then ee:file(($pointers, $annotated)[1]) || '#'
            || ee:noteref-id(., 1)
        else ()"/>
    <xsl:variable name="label" as="xs:string" select="if ($at-point or empty($pointers)
        and exists($annotated)) then ee:note-label(.) else normalize-space($pointers[1])"/>
    <!-- a note nothing points at (a block between paragraphs) is read where it stands: as
         a footnote nothing refers to, reading systems that show footnotes only when called
         (Apple Books) never showed it, and probe 78's letters lost whole passages -->
    <xsl:variable name="called" as="xs:boolean" select="ee:called(.)"/>
    <xsl:element name="{if ($called) then 'aside' else 'div'}">
      <xsl:choose>
        <xsl:when test="$called">
          <xsl:attribute name="epub:type" select="'footnote'"/>
          <xsl:attribute name="role" select="'doc-footnote'"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="role" select="'note'"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="if ($called) then 'note' else 'note block-note'"/>
      </xsl:call-template>
      <xsl:variable name="backlink" as="element()?">
        <xsl:if test="exists($back)">
          <a role="doc-backlink" href="{$back}" class="backlink"
              aria-label="{normalize-space(r:msg('epub.note.back', $label))}">↩</a>
        </xsl:if>
      </xsl:variable>
      <xsl:choose>
        <!-- a note of blocks (paragraphs, verse, a list of references ...) keeps them -->
        <xsl:when test="r:note-of-blocks(.)">
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="false()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="false()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="r:note-resp">
            <xsl:with-param name="block" select="true()"/>
          </xsl:call-template>
          <xsl:if test="exists($backlink)">
            <p class="backlink"><xsl:sequence select="$backlink"/></p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <xsl:if test="$at-point or empty($pointers) and exists($annotated)">
              <span class="note-label"><xsl:value-of select="$label"/>. </span>
            </xsl:if>
            <xsl:apply-templates mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              <xsl:with-param name="r:in-link" select="false()" tunnel="yes"/>
            </xsl:apply-templates>
            <xsl:call-template name="r:note-resp"/>
            <xsl:if test="exists($backlink)">
              <xsl:text> </xsl:text>
              <xsl:sequence select="$backlink"/>
            </xsl:if>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- The asides of the notes at point inside the nodes of a content document (at its end). -->
  <xsl:template name="ee:footnotes" as="element()?">
    <xsl:param name="nodes" as="node()*" required="yes"/>
    <xsl:variable name="notes" as="element(tei:note)*"
        select="$nodes/descendant-or-self::tei:note[ee:at-point(.)]"/>
    <xsl:if test="exists($notes)">
      <section class="footnotes" aria-label="{r:msg('notes.title')}">
        <xsl:apply-templates select="$notes" mode="ee:footnote"/>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

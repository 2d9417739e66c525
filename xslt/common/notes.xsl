<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes (TEI Guidelines 3.9). Three encodings are met, and each note keeps its words and a
  way there and back:

  - a note at the point it annotates (inside p, l, head ...: r:is-footnote): a numbered call
    (a button: it opens the note in a popover, no script needed) and an entry in a list of
    notes with a link back to the call. Footnotes (@place foot, bottom or none) are listed at
    the end of their section (the innermost titled div without headed divs inside: a chapter,
    a scene; an untitled part of a text is no section: r:lists-notes), endnotes (@place end)
    and notes outside any section at the end of the text (r:footnotes). A margin note
    (@place margin, left, right ...) stays where it is, set in the margin on wide screens; an
    inline one (@place inline) runs in brackets, and so does a note of an utterance that says
    no place (a transcriber's "(Applause.)": where it happened, not at the end).
  - a note that stands apart (a div of notes in the back, a noteGrp) and is pointed at by a
    ref or ptr (target="#id"), or points itself at what it annotates (@target): rendered
    where it stands, labelled, with links back to each pointer; every pointer becomes a call
    with the note's popover, and an annotated element is followed by a call.
  - a note inside a note runs in brackets inside it.
  - a note the standOff keeps (a listAnnotation, Guidelines 16.10): after the text, called by
    the text's ref and ptr as a note standing apart is (r:notes-apart, r:standoff-notes).

  Numbers: a note's @n, else the text of the ref that calls it ("[1]" -> 1), else its place
  in the sequence of called notes of the text (accumulator r:note, so numbering costs the
  same for the thousandth note as for the first). @type is a class (type-editorial ...) and
  names the note in its popover. Ids: the note's xml:id (normalisation gives every note
  one); its call is <id>-ref (<id>-ref-2 ... for further pointers), its popover <id>-pop.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="i18n.xsl"/>

  <!-- Pointers at a note: ref and ptr whose target names it. -->
  <xsl:key name="r:note-pointers" match="ref[@target] | ptr[@target]"
      use="tokenize(normalize-space(@target))[starts-with(., '#')] ! substring(., 2)"/>
  <!-- Notes by the ids of what their calls follow (r:annotated-ids). -->
  <xsl:key name="r:annotations" match="note[@target] | annotation[@target]/note"
      use="r:annotated-ids(.)"/>
  <xsl:key name="r:note-by-id" match="note[@xml:id]" use="string(@xml:id)"/>
  <!-- The notes of the text, for the lists and popovers: one pass over the tree to build the
       index instead of one descendant scan per list (generate-id() is a lookup key here,
       never written out). -->
  <xsl:key name="r:text-notes" match="(text | sourceDoc)//note" use="'all'"/>
  <xsl:key name="r:section-notes" match="(text | sourceDoc)//note"
      use="if (r:listed(.)) then r:note-section(.) ! generate-id(.) else ()"/>

  <!-- A note at the point it annotates (not between blocks, not in another note). -->
  <xsl:function name="r:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <!-- notes of the apparatus (in an app, a reading or a witness detail) and of a witness
         are rendered in its entry (apparatus.xsl), those of a person or place in a list kept
         in the text in the entry's card (names.xsl) -->
    <!-- a noteGrp is one note of several parts: it stands where its note would -->
    <xsl:variable name="at" as="element()" select="($note/parent::noteGrp, $note)[1]"/>
    <!-- but the reading the text shows, the first rdg of an app without lem (r:lemma), is
         the text as a lem is: its note is the text's (probe 34: a synoptic edition's note
         on a word of its first manuscript, an aside inside a verse line of the book) -->
    <xsl:sequence select="empty($note/ancestor::note) and not($at/parent::*[r:is-div(.)
        or self::body or self::front or self::back or self::text or self::noteGrp
        or self::floatingText or self::lg or self::sp or self::list or self::listBibl
        or self::app or self::listAnnotation]) and empty($note/ancestor::listAnnotation)
        and empty($note/ancestor::*[self::rdg
        [not(. is (ancestor::app[1] ! r:lemma(.)))]
        or self::rdgGrp[empty(descendant::* intersect (ancestor::app[1] ! r:lemma(.)))]
        or self::witDetail
        or self::witness or self::listPerson or self::listPlace or self::listOrg
        or self::listEvent or self::listObject or self::listNym])"/>
  </xsl:function>

  <!-- A note on an entry of a bibliography (TEI 3.12.2.7) that says no place: part of the
       entry, read with it (in brackets), not a footnote of the text far from the work. So is
       one in a dictionary's entry (a note is model.global, allowed in any part of an entry;
       dictionaries print such remarks in the entry): a Coptic lemma list's "selten" (rare) in a grammar group and "Koptisch?" after a
       translation were nine footnotes under three entries (probe 40). -->
  <xsl:function name="r:entry-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="normalize-space($note/@place) = '' and empty($note/ancestor::note)
        and exists($note/ancestor::*[self::bibl or self::biblStruct or self::biblFull]
            [ancestor::listBibl] | $note/ancestor::*[self::entry or self::entryFree
            or self::superEntry])"/>
  </xsl:function>

  <xsl:function name="r:note-place" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="place" as="xs:string" select="lower-case(normalize-space($note/@place))"/>
    <xsl:sequence select="
        if (matches($place, '^(margin|left|right|inner|outer|opposite|overleaf)')) then 'margin'
        else if ($place = ('inline', 'interlinear', 'above', 'below', 'inspace')) then 'inline'
        else if ($place = 'end') then 'end'
        else if ($place = '' and exists($note/ancestor::u)) then 'inline'
        else if (r:entry-note($note)) then 'inline'
        else 'foot'"/>
  </xsl:function>

  <!-- What calls a note standing apart: ref/ptr with its id as target, elements it annotates.
       A footnote has its call where it stands: a ref at it is a cross-reference (another
       note's "see note 1"), which took the note's number for its words (probe 59). -->
  <xsl:function name="r:pointers" as="element()*">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="root" as="node()" select="root($note)"/>
    <xsl:sequence select="if (empty($note/@xml:id) or r:is-footnote($note)) then ()
        else (key('r:note-pointers', string($note/@xml:id), $root)
              | (if (exists(r:note-target($note)) and not(r:is-footnote($note)))
                 then r:annotated-ids($note) ! key('r:entry', ., $root)[not(self::note)]
                 else ()))"/>
  </xsl:function>

  <!-- The ids of what a note standing apart annotates, after which its call stands: its
       @target; for a passage (@target the start, @targetEnd the end: Guidelines 16.3), its
       end, as a call follows the words it is on. -->
  <xsl:function name="r:annotated-ids" as="xs:string*">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="at" as="element()?" select="r:note-target($note)/.."/>
    <xsl:sequence select="tokenize(normalize-space(($at/@targetEnd[normalize-space()],
        $at/@target)[1]))[starts-with(., '#')] ! substring(., 2)"/>
  </xsl:function>

  <!-- What a note says it annotates: its @target, else, for the note of a standOff's
       annotation (Guidelines 16.10: annotation/@target, its note the words), the
       annotation's (probe 90: such a note was a footnote of nothing, called nowhere, and
       the book's call led to no note). -->
  <xsl:function name="r:note-target" as="attribute()?">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($note/@target, $note/parent::annotation/@target)[1]"/>
  </xsl:function>

  <!-- Notes that have a call: footnotes and endnotes at point, and notes standing apart that
       something points at. -->
  <xsl:function name="r:is-called" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="empty($note/ancestor::note) and (
        if (r:is-footnote($note)) then r:note-place($note) = ('foot', 'end')
        else exists(r:pointers($note)))"/>
  </xsl:function>

  <!-- Called notes, counted from the start of the (innermost preceding) text: each text of a
       group numbers its notes from 1, as a book of essays does, on the page and in the book
       alike (the book labels its notes with r:note-number). -->
  <!-- A note standing apart that only what it annotates calls (no ref) is counted where its
       first call stands, after the end of what it annotates, not where the note does: the
       calls of a text read 1, 2, 3 in its order ("mill 2 ... river 1" before). -->
  <xsl:accumulator name="r:note" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="text | sourceDoc" select="0"/>
    <xsl:accumulator-rule match="(text | sourceDoc)//note[r:is-called(.)][empty(r:called-at(.))]"
        select="$value + 1"/>
    <!-- a note kept apart in the standOff (r:notes-apart) is counted where a ref or ptr of
         the text first calls it, else after the text's notes -->
    <xsl:accumulator-rule match="(text | sourceDoc)//*[$r:has-apart][self::ref or self::ptr]
        [@target]" select="let $p := . return $value
            + count(r:target-note($p)[r:apart-call(.) is $p])"/>
    <xsl:accumulator-rule match="standOff//listAnnotation//note[r:is-called(.)]
        [empty(r:called-at(.))][empty(r:apart-call(.))]" select="$value + 1"/>
    <xsl:accumulator-rule match="(text | sourceDoc)//*[$r:annotated][@xml:id]
        [not(self::note or self::text or self::sourceDoc)]
        [exists(key('r:annotations', string(@xml:id)))]" phase="end"
        select="$value + count(r:called-here(.))"/>
  </xsl:accumulator>

  <!-- Whether the document keeps notes in a standOff: the pattern counting their calls is
       tried on every ref and ptr only then. -->
  <xsl:variable name="r:has-apart" as="xs:boolean"
      select="exists(/descendant::standOff//listAnnotation//note)"/>

  <!-- The first ref or ptr of the text calling a note kept in the standOff, if any. -->
  <xsl:function name="r:apart-call" as="element()?">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if (empty($note/ancestor::standOff) or empty($note/@xml:id)) then ()
        else key('r:note-pointers', string($note/@xml:id), root($note))
            [ancestor::text or ancestor::sourceDoc][1]"/>
  </xsl:function>

  <!-- Where a note standing apart is first called, when only what it annotates calls it: the
       first of those elements in the text; else none (counted where it stands). -->
  <xsl:function name="r:called-at" as="element()?">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="callers" as="element()*"
        select="if (r:is-footnote($note)) then () else r:pointers($note)"/>
    <xsl:sequence select="if (exists($callers[self::ref or self::ptr])) then () else $callers[1]"/>
  </xsl:function>

  <!-- The notes first called after an element, in the order of the notes. -->
  <xsl:function name="r:called-here" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="key('r:annotations', string($e/@xml:id), root($e))
        [empty(ancestor::note)][r:is-called(.)][r:called-at(.) is $e]"/>
  </xsl:function>

  <!-- The label of a note: @n, else the words of the ref calling it, else its number. -->
  <xsl:function name="r:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($note/@n)"/>
    <xsl:variable name="called" as="xs:string?" select="(r:pointers($note)[self::ref]
        ! normalize-space(replace(normalize-space(.), '^[\[\(]+|[\]\)]+$', '')))[. != ''][1]"/>
    <xsl:variable name="at" as="element()?" select="r:called-at($note)"/>
    <xsl:variable name="here" as="element()*" select="$at ! r:called-here(.)"/>
    <xsl:variable name="apart" as="element()?" select="r:apart-call($note)"/>
    <xsl:sequence select="if ($n != '') then $n else if (exists($called)) then $called
        else if (exists($apart)) then string($apart/accumulator-before('r:note'))
        else if (exists($at)) then string($at/accumulator-after('r:note') - count($here)
            + index-of($here ! generate-id(.), generate-id($note))[1])
        else string($note/accumulator-before('r:note'))"/>
  </xsl:function>

  <xsl:function name="r:note-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($note/@xml:id, 'ed-note-' || count($note/preceding::note) + 1)[1]"/>
  </xsl:function>

  <!-- "Note 3", or "Editorial note 3" ... for a typed note. -->
  <xsl:function name="r:note-name" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space($note/@type))"/>
    <xsl:variable name="key" as="xs:string" select="
        if ($type = ('editorial', 'editor', 'ed', 'commentary', 'comment')) then 'notes.editorial'
        else if ($type = ('authorial', 'author', 'auth')) then 'notes.authorial'
        else if ($type = ('translation', 'translator', 'trans')) then 'notes.translator'
        else 'notes.note'"/>
    <xsl:sequence select="r:msg($key, r:note-number($note))"/>
  </xsl:function>

  <!-- The call of a note: a button opening its popover, with the id the note links back to. -->
  <xsl:template name="r:note-call" as="element()">
    <xsl:param name="note" as="element()" required="yes"/>
    <xsl:param name="n" as="xs:integer" select="1"/>
    <xsl:param name="label" as="node()*" select="()"/>
    <xsl:variable name="id" as="xs:string" select="r:note-id($note)"/>
    <button type="button" class="noteref" id="{$id}-ref{if ($n gt 1) then '-' || $n else ''}"
        popovertarget="{$id}-pop" aria-label="{r:note-name($note)}">
      <xsl:choose>
        <xsl:when test="exists($label)"><xsl:sequence select="$label"/></xsl:when>
        <xsl:otherwise><sup><xsl:value-of select="r:note-number($note)"/></sup></xsl:otherwise>
      </xsl:choose>
    </button>
  </xsl:template>

  <!-- A group of notes on one place (TEI 3.9.1): each note is a note of its own. -->
  <xsl:template match="noteGrp" mode="r:main" as="node()*">
    <xsl:apply-templates select="note" mode="r:main"/>
  </xsl:template>

  <xsl:template match="note" mode="r:main" as="element()">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="ancestor::note or (r:is-footnote(.) and r:note-place(.) = 'inline')">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'note-inline note-content'"/>
          </xsl:call-template>
          <xsl:call-template name="r:in-brackets">
            <xsl:with-param name="after" select="' '"/>
            <!-- who the note is by, as a footnote says it: a dictionary's commentary read in
                 its entry lost its author (probe 40) -->
            <xsl:with-param name="last" as="element()*">
              <xsl:call-template name="r:note-resp"/>
            </xsl:with-param>
          </xsl:call-template>
        </span>
      </xsl:when>
      <!-- a note that stands between blocks (a poem's stanzas, a list's items) in the margin
           (@place left, margin ...), with no number and nothing calling it, is a margin note
           too: probe 18, a Whitman manuscript's words in the left margin beside a stanza
           (note place="left" type="authorial") were set off as a note between stanzas -->
      <xsl:when test="r:note-place(.) = 'margin' and (r:is-footnote(.)
          or (parent::*[self::lg or self::list or self::sp or self::body or r:is-div(.)]
              and empty(r:pointers(.)) and normalize-space(@n) = ''
              and not(parent::*[r:is-div(.)][@type = ('notes', 'endnotes', 'footnotes')
                  or ancestor::back])))">
        <xsl:element name="{if ($r:phrasing) then 'span' else 'aside'}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'margin-note note-content'"/>
          </xsl:call-template>
          <!-- a space at each edge of a margin note inside a line: drawn as a block, it
               shows none, but what reads the page as text (the search index, a copy
               without styles) read "end<note>margin words</note> more" as "endmargin
               words" (probe 100) -->
          <xsl:if test="$r:phrasing">
            <xsl:attribute name="role" select="'note'"/>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates mode="r:main"/>
          <xsl:call-template name="r:note-resp">
            <xsl:with-param name="block" select="not($r:phrasing) and r:note-of-blocks(.)"/>
          </xsl:call-template>
          <xsl:if test="$r:phrasing"><xsl:text> </xsl:text></xsl:if>
        </xsl:element>
      </xsl:when>
      <xsl:when test="not(r:is-footnote(.))">
        <xsl:call-template name="r:note-entry">
          <xsl:with-param name="element" select="if ($r:phrasing) then 'span' else 'div'"/>
        </xsl:call-template>
      </xsl:when>
      <!-- inside a link a button is not allowed: the number, which the list links back to -->
      <xsl:when test="$r:in-link">
        <sup class="noteref" id="{r:note-id(.)}-ref"><xsl:value-of select="r:note-number(.)"/></sup>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:note-call">
          <xsl:with-param name="note" select="."/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Who a note is by (note/@resp, TEI 3.9.1): a note of the editor among the author's, a
       translator's note. Each pointer names a person of the document (an editor, a respStmt,
       a person of its header) or of the registers, by name; else its id, as written. -->
  <!-- (the note of a standOff's annotation, which says no @resp, is by whom the annotation's
       respStmt names) -->
  <xsl:function name="r:note-resp" as="xs:string*">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if ($note/@resp) then r:pointed-names($note, $note/@resp)
        else ($note/parent::annotation/respStmt/(persName | name | orgName)
            ! r:agent-words(.), $note/parent::annotation/@resp
            ! r:pointed-names($note, .))[. != '']"/>
  </xsl:function>

  <!-- The words of a name that says who did something, without what it tells of them (probe
       172: "Helena Geitz Johannes Gutenberg-Universität Mainz", her affiliation inside her
       persName, read as one person's name). -->
  <xsl:function name="r:agent-words" as="xs:string">
    <xsl:param name="named" as="element()"/>
    <xsl:sequence select="normalize-space(r:plain($named/node()[not(self::affiliation
        or self::email or self::address or self::idno or self::ptr or self::note
        or self::birth or self::death or self::occupation or self::residence)]))"/>
  </xsl:function>

  <!-- The names of the people $pointers (@resp, a change's @who) point at from $e's document,
       as r:note-resp gives them. -->
  <xsl:function name="r:pointed-names" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="pointers" as="attribute()?"/>
    <xsl:for-each select="distinct-values(tokenize(normalize-space($pointers)))">
      <xsl:variable name="id" as="xs:string" select="substring-after(., '#')"/>
      <xsl:variable name="target" as="element()?" select="if (starts-with(., '#'))
          then (key('r:entry', $id, root($e))[1], r:entry($id))[1] else ()"/>
      <xsl:variable name="named" as="element()?" select="($target/self::respStmt/(persName | name
          | orgName), $target/(persName | name | orgName), $target[self::persName or self::name
          or self::orgName or self::editor or self::author])[1]"/>
      <xsl:sequence select="if (exists($named)) then r:agent-words($named)
          else replace(., '^.*[#/]', '')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The mark of a note's @resp at the end of its words: " — Jane Roe" (a paragraph of its
       own after a note made of paragraphs). And the hand a note is written in (note/@hand,
       att.written), as the titles of additions and deletions name theirs: a recipient's
       pencil remark in the margin read as the author's words (probe 169), "ja! — Hand:
       Empfängervermerk Moritz Feilchenfelds, Bleistift." -->
  <xsl:template name="r:note-resp" as="element()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="block" as="xs:boolean" select="false()"/>
    <xsl:variable name="names" as="xs:string*" select="r:note-resp(.)[. != '']"/>
    <xsl:variable name="hand" as="xs:string?"
        select="self::note[normalize-space(@hand)] ! r:hand-title(.)"/>
    <xsl:if test="exists($names)">
      <xsl:element name="{if ($block) then 'p' else 'span'}">
        <xsl:attribute name="class" select="'note-resp'"/>
        <xsl:value-of select="(if ($block) then '— ' else ' — ') || string-join($names, ', ')"/>
      </xsl:element>
    </xsl:if>
    <xsl:if test="exists($hand)">
      <xsl:element name="{if ($block) then 'p' else 'span'}">
        <xsl:attribute name="class" select="'note-hand'"/>
        <xsl:value-of select="(if ($block) then '— ' else if (exists($names)) then '; '
            else ' — ') || $hand"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- Whether a note's words are blocks (paragraphs, verse, a list ...), not a phrase. -->
  <xsl:function name="r:note-of-blocks" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/(p | ab | lg | list | table | quote[p | l] | listBibl))"/>
  </xsl:function>

  <!-- A note standing apart: its label (linking back to what points at it) and its words. -->
  <xsl:template name="r:note-entry" as="element()">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="element" as="xs:string" select="'div'"/>
    <xsl:variable name="note" as="element()" select="."/>
    <xsl:variable name="id" as="xs:string" select="r:note-id(.)"/>
    <xsl:variable name="pointers" as="element()*" select="r:pointers(.)"/>
    <!-- in a list of notes every note has a label (a self-link when nothing calls it);
         a lone note between paragraphs is set off as a block -->
    <xsl:variable name="listed" as="xs:boolean" select="exists($pointers)
        or normalize-space(@n) != '' or exists(parent::noteGrp | parent::*[r:is-div(.)]
        [@type = ('notes', 'endnotes', 'footnotes') or ancestor::back])"/>
    <xsl:element name="{$element}">
      <xsl:attribute name="id" select="$id"/>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'note ' || (if ($listed) then 'note-entry'
            else 'block-note') || (if ($element = 'span') then ' block' else '')"/>
        <xsl:with-param name="id" select="false()"/>
      </xsl:call-template>
      <xsl:if test="exists($pointers) or normalize-space(@n)">
        <span class="note-label">
          <xsl:for-each select="$pointers">
            <xsl:variable name="n" as="xs:integer" select="position()"/>
            <a class="backlink" role="doc-backlink"
                href="#{$id}-ref{if ($n gt 1) then '-' || $n else ''}"
                aria-label="{r:msg('notes.back', r:note-number($note))}">
              <xsl:value-of select="if ($n = 1) then r:note-number($note) else '↩' || $n"/>
            </a>
            <xsl:text> </xsl:text>
          </xsl:for-each>
          <xsl:if test="empty($pointers)">
            <xsl:value-of select="normalize-space(@n)"/>
            <xsl:text> </xsl:text>
          </xsl:if>
        </span>
      </xsl:if>
      <!-- nothing points at it: a link to itself, so that it can be cited -->
      <xsl:if test="$listed and empty($pointers) and not(normalize-space(@n))">
        <span class="note-label"><a class="note-anchor" href="#{$id}"
            aria-label="{r:msg('notes.anchor')}">#</a></span>
      </xsl:if>
      <xsl:element name="{$element}">
        <xsl:attribute name="class" select="'note-content' ||
            (if ($element = 'span') then ' block' else '')"/>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="$element = 'span'" tunnel="yes"/>
          <xsl:with-param name="r:in-link" select="false()" tunnel="yes"/>
        </xsl:apply-templates>
        <xsl:call-template name="r:note-resp">
          <xsl:with-param name="block" select="$element = 'div' and r:note-of-blocks(.)"/>
        </xsl:call-template>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <!-- A ref or ptr to a note is its call: the words of the ref ("[1]"), or its number. -->
  <xsl:template match="ref[@target][r:target-note(.)] | ptr[@target][r:target-note(.)]"
      mode="r:main" as="node()+" priority="5">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="note" as="element()" select="r:target-note(.)"/>
    <xsl:choose>
      <xsl:when test="$r:in-link">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:note-call">
          <xsl:with-param name="note" select="$note"/>
          <xsl:with-param name="n" select="index-of(r:pointers($note) ! generate-id(.),
              generate-id(.))[1]"/>
          <xsl:with-param name="label" as="node()*">
            <xsl:if test="self::ref and normalize-space(.)">
              <xsl:apply-templates mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="r:target-note" as="element()?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="first" as="xs:string?"
        select="tokenize(normalize-space($pointer/@target))[1]"/>
    <xsl:sequence select="if (starts-with($first, '#'))
        then key('r:note-by-id', substring($first, 2), root($pointer))
            [empty(ancestor::note)][not(r:is-footnote(.))][1]
        else ()"/>
  </xsl:function>

  <!-- Whether the text has notes that point at what they annotate: a pattern matching any
       element is tried on every element, so the key is looked up only when there are. -->
  <xsl:variable name="r:annotated" as="xs:boolean"
      select="exists(/descendant::note[@target][not(ancestor::teiHeader)]
          | /descendant::annotation[@target]/note)"/>

  <!-- An element a note annotates (note/@target) is followed by the note's call: inside it at
       its end when it is a block (a paragraph, a division), so that no call stands alone
       between two paragraphs. -->
  <xsl:template match="*[$r:annotated][@xml:id][exists(key('r:annotations', string(@xml:id)))]"
      mode="r:main" as="node()+" priority="10">
    <xsl:variable name="here" as="element()" select="."/>
    <xsl:variable name="calls" as="element()*">
      <!-- (only where the note's pointers have it: a note annotating a note, which
           r:pointers leaves out, has no call there; it failed the page, probe 149) -->
      <xsl:for-each select="key('r:annotations', string(@xml:id))[not(r:is-footnote(.))]
          [empty(ancestor::note)]">
        <xsl:variable name="n" as="xs:integer?" select="index-of(r:pointers(.)
            ! generate-id(.), generate-id($here))[1]"/>
        <xsl:if test="exists($n)">
          <xsl:call-template name="r:annotation-call">
            <xsl:with-param name="note" select="."/>
            <xsl:with-param name="n" select="$n"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="rendered" as="node()*">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="count($rendered) = 1 and exists($calls) and $rendered instance of element()
          and local-name($rendered) = ('p', 'div', 'section', 'blockquote', 'li', 'dd', 'td')">
        <xsl:for-each select="$rendered">
          <!-- before the paragraph's own link (¶), which ends it -->
          <xsl:variable name="link" as="node()?"
              select="node()[last()][local-name() = 'a'][@class = 'anchor']"/>
          <xsl:copy>
            <xsl:sequence select="@*, node() except $link, $calls, $link"/>
          </xsl:copy>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$rendered, $calls"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The call of a note after the n-th element it annotates (a book makes its own). -->
  <xsl:template name="r:annotation-call" as="element()">
    <xsl:param name="note" as="element()" required="yes"/>
    <xsl:param name="n" as="xs:integer" required="yes"/>
    <xsl:call-template name="r:note-call">
      <xsl:with-param name="note" select="$note"/>
      <xsl:with-param name="n" select="$n"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Notes lists ========================================================================== -->

  <!-- The section that lists a footnote: the innermost div around it that lists notes
       (r:lists-notes); none for an endnote or a note outside such a div (listed at the end
       of the text). -->
  <xsl:function name="r:note-section" as="element()?">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if (r:note-place($note) = 'end') then ()
        else $note/ancestor::*[r:is-div(.)][r:lists-notes(.)][1]"/>
  </xsl:function>

  <!-- Divisions with a heading, by their parent's generate-id(). -->
  <xsl:key name="r:headed-divs" match="*[r:is-div(.)][head]" use="generate-id(..)"/>

  <!-- Whether a div lists its notes: none of its children is a headed div, and it is a
       section a reader can name: it has a heading (its own, or one the rendering gives it:
       r:generated-head, or the label of an EpiDoc textpart: "Section 5" of a homily), or it
       stands among headed divisions (an untitled preface beside the chapters). The untitled
       divisions of one text (a letter's two hands, <div type="ersteHandschrift">, <div
       type="zweiteHandschrift">: probe 46) are parts of the text, not sections: their notes
       go to the section around them, else to the end of the text, one list after the letter
       rather than one between its hands. The headed-div children are looked up, as this is
       asked for every note: scanning the children for each note made a chapter of 3,000
       paragraphs with a footnote each take 8 s instead of 0.3 s. -->
  <xsl:function name="r:lists-notes" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="indexed" as="xs:boolean" select="root($div) instance of document-node()"/>
    <xsl:sequence select="(if ($indexed)
        then empty(key('r:headed-divs', generate-id($div), root($div)))
        else not($div/*[r:is-div(.)][head]))
        and (exists($div/head) or r:generated-head($div)
            or exists($div[@type = 'textpart'][normalize-space(@n) or normalize-space(@subtype)])
            or (if ($indexed and exists($div/..))
                then exists(key('r:headed-divs', generate-id($div/..), root($div)))
                else exists($div/../*[r:is-div(.)][head])))"/>
  </xsl:function>

  <xsl:function name="r:listed" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="r:is-footnote($note) and empty($note/ancestor::note)
        and r:note-place($note) = ('foot', 'end')"/>
  </xsl:function>

  <!-- The notes listed at the end of a div (called from the div's template). -->
  <xsl:template name="r:section-notes" as="element()?">
    <xsl:context-item as="element()" use="required"/>
    <xsl:if test="r:lists-notes(.)">
      <xsl:variable name="div" as="element()" select="."/>
      <xsl:call-template name="r:notes-list">
        <xsl:with-param name="notes" select="key('r:section-notes', generate-id($div))"/>
        <xsl:with-param name="level"
            select="min((6, 2 + count(ancestor-or-self::*[r:is-div(.)][head])))"/>
        <xsl:with-param name="id" select="(@xml:id, 'ed-div')[1] || '-notes'"/>
        <xsl:with-param name="around" select="$div"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The notes of $scope (a text, or the parts of it one page of a long text shows) not
       listed with a section: endnotes and notes outside sections, at the end of the text. -->
  <xsl:template name="r:footnotes" as="element()?">
    <xsl:param name="scope" as="element()+" required="yes"/>
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:call-template name="r:notes-list">
      <xsl:with-param name="notes" select="r:notes-of($scope)[r:listed(.)]
          [empty(r:note-section(.))]"/>
      <xsl:with-param name="level" select="$level"/>
      <xsl:with-param name="id" select="'ed-notes'"/>
      <xsl:with-param name="around" select="r:notes-around($scope)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The element whose language and direction are around the notes of $scope on the page:
       the text (the reading page's article and main carry its language). -->
  <xsl:function name="r:notes-around" as="element()">
    <xsl:param name="scope" as="element()+"/>
    <xsl:sequence select="(($scope[1]/ancestor-or-self::*[self::text or self::sourceDoc])[1],
        $scope[1])[1]"/>
  </xsl:function>

  <!-- lang and dir of the interface's words about notes around $around (r:ui-words), or,
       in a text that declares no language, its script's direction (an undeclared Persian
       text is set right to left: "Notes" in it was too). -->
  <xsl:function name="r:notes-ui" as="attribute()*">
    <xsl:param name="around" as="element()"/>
    <xsl:variable name="declared" as="xs:boolean" select="exists(($around/ancestor-or-self::*
        /@xml:lang, root($around)/TEI/teiHeader/profileDesc/langUsage/language/@ident))"/>
    <xsl:sequence select="if ($declared) then r:ui-words($around)
        else r:ui-attributes((), root($around)/TEI ! r:text-dir(.))"/>
  </xsl:function>

  <!-- The notes inside $scope (a text, or the nodes of one page), in document order. -->
  <xsl:function name="r:notes-of" as="element()*">
    <xsl:param name="scope" as="element()+"/>
    <xsl:sequence select="if (count($scope) eq 1 and $scope/(self::text | self::sourceDoc))
        then key('r:text-notes', 'all', root($scope[1]))[ancestor::* intersect $scope]
        else $scope/descendant-or-self::note[ancestor::text or ancestor::sourceDoc]"/>
  </xsl:function>

  <xsl:template name="r:notes-list" as="element()?">
    <xsl:param name="notes" as="element()*" required="yes"/>
    <xsl:param name="level" as="xs:integer" required="yes"/>
    <xsl:param name="id" as="xs:string" required="yes"/>
    <!-- what the list stands in: its heading is the interface's words, so inside a text in
         another language or direction it says which (probe 32: "Notes" in a Persian text
         was marked Persian, right to left) -->
    <xsl:param name="around" as="element()" required="yes"/>
    <xsl:if test="exists($notes)">
      <section class="footnotes" role="doc-endnotes" aria-labelledby="{$id}-title">
        <xsl:element name="h{$level}">
          <xsl:attribute name="id" select="$id || '-title'"/>
          <xsl:attribute name="class" select="'notes-title'"/>
          <xsl:sequence select="r:notes-ui($around)"/>
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
      <div class="footnote-body note-content">
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="false()" tunnel="yes"/>
          <xsl:with-param name="r:in-link" select="false()" tunnel="yes"/>
        </xsl:apply-templates>
        <xsl:call-template name="r:note-resp">
          <xsl:with-param name="block" select="r:note-of-blocks(.)"/>
        </xsl:call-template>
      </div>
    </li>
  </xsl:template>

  <!-- Notes kept apart ================================================================== -->

  <!-- The notes a text keeps in its standOff (a listAnnotation, Guidelines 16.10), which
       its ref or ptr call (the Mondriaan letters' <ptr target="#WaardeVrienden"/>) or which
       point at what they annotate (@target), or which annotate the text as a whole (a
       letter's dating): probe 31, they were shown nowhere and their calls led nowhere. An
       empty note (a placeholder) is no note to read. Their names and dates are mentions of
       the index, with ids, as the text's (pipeline/locators.py notes_apart, task 38). -->
  <xsl:function name="r:notes-apart" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/standOff//listAnnotation//note[empty(ancestor::note)]
        [normalize-space() or exists(* except (ptr | anchor | pb | lb))]"/>
  </xsl:function>

  <!-- After the text: a section of them, each list with its language. -->
  <xsl:template name="r:standoff-notes" as="element()?">
    <xsl:param name="tei" as="element()" required="yes"/>
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:variable name="notes" as="element()*" select="r:notes-apart($tei)"/>
    <!-- a note that says what it annotates by something the page cannot point at (an XPath
         with offsets, as Recogito writes them: probe 114, its notes stood under "Notes" as
         "Canada — aboutgeo", about nothing said) is told, once each -->
    <xsl:for-each select="$notes[exists(r:note-target(.))][not(some $token in
        tokenize(normalize-space(r:note-target(.))) satisfies (starts-with($token, '#')
        and exists(key('r:entry', substring($token, 2), root(.)))))]">
      <xsl:call-template name="r:diagnostic">
        <xsl:with-param name="code" select="'html.annotation-target'"/>
        <xsl:with-param name="message" select="'a note of the standOff annotates @target=&quot;'
            || substring(normalize-space(r:note-target(.)), 1, 80) || '&quot;, which names no '
            || 'element of the text: it is shown under the notes, about nothing the reader can '
            || 'see; point at the element it is about (#id, an anchor or a seg around the words)'"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:if test="exists($notes)">
      <section class="standoff-notes" id="ed-standoff-notes"
          aria-labelledby="ed-standoff-notes-title">
        <xsl:sequence select="r:editorial-lang($tei)"/>
        <xsl:element name="h{$level}">
          <xsl:attribute name="id" select="'ed-standoff-notes-title'"/>
          <xsl:attribute name="class" select="'notes-title'"/>
          <xsl:value-of select="r:msg('notes.title')"/>
        </xsl:element>
        <xsl:for-each-group select="$notes" group-adjacent="generate-id(
            ancestor::listAnnotation[1])">
          <div>
            <xsl:for-each select="ancestor::listAnnotation[1]">
              <xsl:call-template name="r:attributes">
                <xsl:with-param name="class" select="'listAnnotation'"/>
              </xsl:call-template>
              <!-- lists of several kinds say which each is, by its head, else its @type in
                   words: the Escher letters' lists typed dating and remarks ran on as one
                   list of notes (probe 31) -->
              <xsl:variable name="kind" as="xs:string?" select="(head[1] ! r:plain(.),
                  r:token-words(@type))[. != ''][1]"/>
              <xsl:for-each select="$kind[count(distinct-values($notes/ancestor::listAnnotation[1]
                  /generate-id())) gt 1]">
                <xsl:element name="h{min(($level + 1, 6))}">
                  <xsl:attribute name="class" select="'notes-title notes-kind'"/>
                  <xsl:value-of select="upper-case(substring(., 1, 1)) || substring(., 2)"/>
                </xsl:element>
              </xsl:for-each>
            </xsl:for-each>
            <xsl:apply-templates select="current-group()" mode="r:main"/>
          </div>
        </xsl:for-each-group>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Popovers ============================================================================ -->

  <!-- One popover per called note of $scope: the note's words again (without ids, which
       belong to the note's own rendering), a link to the note and a close button. -->
  <xsl:template name="r:note-popovers" as="element()?">
    <xsl:param name="scope" as="element()+" required="yes"/>
    <!-- notes kept apart (r:notes-apart) that the page shows -->
    <xsl:param name="apart" as="element()*" select="()"/>
    <xsl:variable name="notes" as="element()*"
        select="(r:notes-of($scope), $apart)[r:is-called(.)]"/>
    <!-- the popovers stand in the page's main, in the text's language and direction -->
    <xsl:variable name="ui" as="attribute()*" select="r:notes-ui(r:notes-around($scope))"/>
    <xsl:if test="exists($notes)">
      <div class="note-popovers">
        <xsl:for-each select="$notes">
          <xsl:variable name="id" as="xs:string" select="r:note-id(.)"/>
          <xsl:variable name="body" as="node()*">
            <xsl:apply-templates mode="r:main">
              <xsl:with-param name="r:phrasing" select="false()" tunnel="yes"/>
              <xsl:with-param name="r:in-link" select="false()" tunnel="yes"/>
            </xsl:apply-templates>
            <xsl:call-template name="r:note-resp">
              <xsl:with-param name="block" select="r:note-of-blocks(.)"/>
            </xsl:call-template>
          </xsl:variable>
          <div id="{$id}-pop" popover="" role="dialog" aria-labelledby="{$id}-pop-title"
              class="note-popover{r:token-class('type', @type) ! (' ' || .)}">
            <p class="note-popover-title" id="{$id}-pop-title">
              <xsl:sequence select="$ui"/>
              <xsl:value-of select="r:note-name(.)"/>
            </p>
            <div class="note-popover-body">
              <xsl:apply-templates select="$body" mode="r:copy-without-ids"/>
            </div>
            <p class="note-popover-more"><xsl:sequence select="$ui"/><a href="#{$id}"><xsl:value-of
                select="r:msg('notes.goto')"/></a></p>
            <button type="button" class="card-close" popovertarget="{$id}-pop"
                popovertargetaction="hide"><xsl:sequence select="$ui"/><xsl:value-of
                select="r:msg('notes.close')"/></button>
          </div>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:mode name="r:copy-without-ids" on-no-match="shallow-copy" on-multiple-match="fail"/>
  <xsl:template match="@id | @aria-labelledby" mode="r:copy-without-ids" as="empty-sequence()"/>

</xsl:stylesheet>

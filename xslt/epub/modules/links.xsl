<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB overrides of the shared rendering (mode r:main) for links inside the book.

  A pointer to an element of the same text ("#id") must name the content document that holds
  the target, since the text may be split over several documents (plan.xsl); a pointer to a
  note is a note reference (notes.xsl). Other pointers are left to the shared rendering
  (web links pass its URL allow-list). Dates are not links (the web edition links them to its
  timeline page, which the book does not have).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Elements a link can reach: those of the text, and those of a manuscript description
       that the book shows (a catalogue record's or a transcription's, manuscripts.xsl), and the notes the standOff
       keeps (r:notes-apart). -->
  <xsl:key name="ee:id" match="(tei:text | tei:sourceDoc)//*[@xml:id] | tei:sourceDesc//tei:msDesc/descendant-or-self::*[@xml:id]
      | tei:standOff//tei:listAnnotation//tei:note[@xml:id]"
      use="string(@xml:id)"/>

  <!-- The element of this text a pointer's first target names, if any: "#id", or a bare
       "id" (a relative URL naming no file) that is an id of the text. -->
  <xsl:function name="ee:local-target" as="element()?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="target" as="xs:string?"
        select="tokenize(normalize-space($pointer/@target))[1]"/>
    <xsl:variable name="id" as="xs:string?" select="if (starts-with($target, '#'))
        then substring($target, 2)
        else if (matches($target, '^[\p{L}_][\p{L}\p{N}_.-]*$') and not(matches($target, '\.x?html?$|\.xml$')))
        then $target else ()"/>
    <!-- and the notes the standOff keeps, which the book shows after the text -->
    <xsl:sequence select="(if (exists($id)) then key('ee:id', $id, root($pointer)) else ())
        [ancestor::* intersect r:main-text($ee:tei)
         or exists(ancestor-or-self::* intersect r:record-descriptions($ee:tei))
         or exists(. intersect r:notes-apart($ee:tei))][1]"/>
  </xsl:function>

  <!-- Where a locus leads in the book: the folio the book shows, in the content document
       that holds it; a web address as on the page; else nowhere (common/manuscripts.xsl). -->
  <xsl:function name="r:locus-href" as="xs:string?">
    <xsl:param name="locus" as="element()"/>
    <xsl:variable name="target" as="element()?" select="ee:local-target($locus)"/>
    <xsl:variable name="first" as="xs:string"
        select="string(tokenize(normalize-space($locus/@target))[1])"/>
    <xsl:sequence select="if (exists($target)) then ee:href($target)
        else if (matches($first, '^https?:', 'i')) then r:safe-url($first) else ()"/>
  </xsl:function>

  <!-- The other part of a division in the book: the content document that holds it, when it
       is in this text; a part in another text is named, not linked (each text is a book of
       its own). -->
  <xsl:function name="r:continued-href" as="xs:string?">
    <xsl:param name="here" as="element()?"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:sequence select="$here[ancestor::* intersect r:main-text($ee:tei)] ! ee:href(.)"/>
  </xsl:function>

  <!-- A quotation's source given by a pointer stands apart, as on the page (common/biblio.xsl;
       the templates below outrank that module's). -->
  <xsl:template match="(tei:ref | tei:ptr)[r:is-cit-source(.)]" mode="r:main" as="node()*"
      priority="3">
    <xsl:call-template name="r:cit-source">
      <xsl:with-param name="content" as="node()*"><xsl:next-match/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A pointer that leads nowhere in the book (another file of the corpus, an id the book does
       not show): its words without a link. Web addresses stay links. -->
  <xsl:function name="ee:dead-link" as="xs:boolean">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="target" as="xs:string"
        select="string(tokenize(normalize-space($pointer/@target))[1])"/>
    <xsl:sequence select="empty(ee:local-target($pointer))
        and not(matches($target, '^(https?|mailto):', 'i'))"/>
  </xsl:function>

  <xsl:template match="tei:ref[@target][ee:dead-link(.)] | tei:ptr[@target][ee:dead-link(.)]"
      mode="r:main" as="node()*" priority="1">
    <xsl:choose>
      <!-- a ref without words says what it named, as on the page (common/biblio.xsl: its
           @n, else its target; IAph's related inscriptions read ": , , , , .", probe 42) -->
      <xsl:when test="self::tei:ref and not(normalize-space()) and empty(*)
          and (normalize-space(@n) or exists(r:safe-url(@target)) or r:private-uri(@target))">
        <!-- (a register entry's name, a text's title, as on the page: probe 125) -->
        <xsl:call-template name="ee:ptr-apart">
          <xsl:with-param name="words" select="(normalize-space(@n)[. != ''],
              r:pointed-entry(@target) ! r:entry-words(.), r:linked-title(@target),
              tokenize(normalize-space(@target))[1])[1]"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="self::tei:ref">
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="'ref'"/>
        </xsl:call-template>
      </xsl:when>
      <!-- a ptr to a register entry names it (the book has no index to link to) -->
      <xsl:when test="exists(r:pointed-entry(@target))">
        <xsl:variable name="entry" as="element()" select="r:pointed-entry(@target)"/>
        <xsl:call-template name="ee:ptr-apart">
          <xsl:with-param name="words" select="r:entry-words($entry)"/>
        </xsl:call-template>
      </xsl:when>
      <!-- to another text of the edition (its own book): that text's title; to an element
           of its document the book does not show (a hand of the header), that element's
           words, as on the page (probe 164: the book read "#h1", the page "Anna writes.");
           else the address as written, as the web page shows a link it cannot follow -->
      <!-- (and a key of a private scheme, bib:b0148, as on the page: probe 42) -->
      <xsl:when test="exists((r:linked-title(@target), r:safe-url(@target)))
          or r:private-uri(@target)">
        <xsl:call-template name="ee:ptr-apart">
          <xsl:with-param name="words" select="r:pointer-words(., '')"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A ptr's words, set apart from a word it is written against, as on the page
       (common/biblio.xsl, r:ptr-glued: "America bms.00001_n1", probe 18). -->
  <xsl:template name="ee:ptr-apart" as="node()+">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="words" as="xs:string" required="yes"/>
    <xsl:if test="r:ptr-glued(preceding-sibling::node()[1], true())">
      <xsl:text> </xsl:text>
    </xsl:if>
    <span class="ptr"><xsl:value-of select="$words"/></span>
    <xsl:if test="r:ptr-glued(following-sibling::node()[1], false())">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:ref[exists(ee:local-target(.))] | tei:ptr[exists(ee:local-target(.))]"
      mode="r:main" as="node()+" priority="2">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="target" as="element()" select="ee:local-target(.)"/>
    <xsl:choose>
      <xsl:when test="$target/self::tei:note and ee:in-place($target) and not($r:in-link)">
        <!-- a ptr has no words: the note's number, as the web page shows it -->
        <xsl:call-template name="ee:noteref">
          <xsl:with-param name="note" select="$target"/>
          <xsl:with-param name="label" select="if (self::tei:ptr) then ee:note-label($target)
              else normalize-space(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$r:in-link">
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- a ptr's words set apart from a word it is written against, as on the page -->
        <xsl:if test="self::tei:ptr and r:ptr-glued(preceding-sibling::node()[1], true())">
          <xsl:text> </xsl:text>
        </xsl:if>
        <a href="{ee:href($target)}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="local-name()"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:if test="self::tei:ptr or normalize-space(.) = ''">
            <xsl:value-of select="ee:target-label($target)"/>
          </xsl:if>
        </a>
        <xsl:if test="self::tei:ptr and r:ptr-glued(following-sibling::node()[1], false())">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a pointer without words says of the element it leads to: as the page says it
       (common/biblio.xsl, r:pointer-words), an entry by its name (probe 125). -->
  <xsl:function name="ee:target-label" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:sequence select="if (r:is-div($target)) then ee:label($target)
        else if ($target/self::tei:pb) then r:msg(if (matches(normalize-space($target/@n),
            '^(\d+[rvRV]|[IVXLCDM]+[rv])[ab]?$')) then 'tr.folio' else 'tr.page') || ' '
            || ee:page-label($target)
        else if ($target/self::tei:note) then r:msg('notes.note', ee:note-label($target))
        else if (local-name($target) = ('person', 'personGrp', 'place', 'org', 'event',
            'object', 'nym')) then r:entry-words($target)
        else (r:element-words($target), '#' || $target/@xml:id)[1]"/>
  </xsl:function>

  <xsl:template match="tei:date" mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:variable name="when" as="xs:string?"
        select="@when[matches(., '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')]"/>
    <xsl:element name="{if (exists($when)) then 'time' else 'span'}">
      <xsl:if test="exists($when)">
        <xsl:attribute name="datetime" select="$when"/>
      </xsl:if>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'date'"/>
      </xsl:call-template>
      <xsl:call-template name="r:date-content"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>

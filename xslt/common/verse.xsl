<?xml version="1.0" encoding="UTF-8"?>
<!--
  Verse (TEI Guidelines chapter 6): line groups (lg), lines (l), caesurae, rhyme.

  Line numbers. Every fifth line shows its number in the margin (aria-hidden: a screen
  reader reads the verse, not the count): the trailing number of l/@n when the encoding
  numbers its lines ("1.1.15" -> 15), else the line's position in its unit, counted by the
  accumulator r:line: a unit is a scene or other div for the lines of a play (l inside sp),
  and a poem for other verse (an lg with its own head, or an outermost lg made of stanzas;
  stanzas side by side in a div are one poem, the div; an lg standing among the paragraphs
  of prose is one of its own: probe 32, bayts quoted between an Arabic chronicle's
  paragraphs were counted through the division, the third quotation's second line "5").
  Lines of verse quoted in prose (an lg inside a paragraph or quotation) are not counted: a
  novel's epigraph has no line numbers. Parts M and F of a split line count with its part I.

  Split lines (l/@part I, M, F, or @next and @prev: one verse line shared by several
  speakers; r:part). Part M and F
  start where the earlier parts ended: the accumulator r:split-before holds the text of the
  line's earlier parts, given to the line as data-before; the stylesheets print it as an
  invisible ::before (so nothing is read or copied twice), which measures exactly the width
  those words take in the reader's font.
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

  <!-- The count of verse lines in the current unit (a div, or a poem outside drama); a line
       numbered in the source (l/@n "245", "1.1.35") sets the count, so that the lines after
       it go on from its number (an edition that numbers every fifth line alone). -->
  <!-- The lines and stanzas of a variant reading or a note (r:aside) are neither counted nor
       start a count. -->
  <xsl:accumulator name="r:line" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7
        | lg[not(ancestor::sp)][head or not(ancestor::lg) and lg][not(r:aside(.))]
        | lg[not(ancestor::sp or ancestor::lg)][../(p | ab)]" select="0"/>
    <xsl:accumulator-rule match="l[not(r:part(.) = ('M', 'F'))][not(r:aside(.))]" select="
        if (matches(normalize-space(@n), '[0-9]+$'))
        then xs:integer(replace(normalize-space(@n), '^.*?([0-9]+)$', '$1'))
        else if (r:song-apart(.)) then $value else $value + 1"/>
  </xsl:accumulator>

  <!-- Whether an element stands aside from the text as edited: in a note (lines quoted in a
       note on a line of the poem were counted as the poem's), or in a variant reading: a
       reading of an app other than the one the text shows (r:lemma: the lem, else the first
       rdg), or any reading of an entry beside a base text that holds its words (only its
       call shows in the text). An apparatus at the level of lines (Guidelines 12.1: a
       transposition or omission of whole lines, <rdg wit="#C"><l>..</l><l>..</l></rdg>)
       holds lines of the witnesses, not of the edition: counted, they put a number inside
       the apparatus entry and pushed the text's later lines off by as many (probe 165). -->
  <xsl:function name="r:aside" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::note) or (some $app in $e/ancestor::app
        satisfies (r:beside-base-text($app) or empty($e/ancestor::* intersect r:lemma($app))))"/>
  </xsl:function>

  <!-- Whether the text numbers its verse lines itself (l/@n). -->
  <xsl:variable name="r:numbered-lines" as="xs:boolean" select="exists(/descendant::l[@n])"/>

  <!-- An unnumbered line of a song in a speech (lg inside sp) of a text that numbers its
       lines: no line of the count the text's numbers keep (probe 93: a song's lines after
       line 9 took the numbers 10, 11 ..., and "10" stood twice in the margin, beside the
       song and beside the speech's own line 10). -->
  <xsl:function name="r:song-apart" as="xs:boolean">
    <xsl:param name="l" as="element()"/>
    <xsl:sequence select="$r:numbered-lines and normalize-space($l/@n) = ''
        and exists($l/ancestor::lg[ancestor::sp])"/>
  </xsl:function>

  <!-- The words of the earlier parts of a split line, for its part M or F. -->
  <xsl:accumulator name="r:split-before" as="xs:string" initial-value="''">
    <xsl:accumulator-rule match="l" phase="end" select="
        if (r:aside(.)) then $value
        else if (r:part(.) = 'I') then r:line-text(.)
        else if (r:part(.) = 'M') then normalize-space($value || ' ' || r:line-text(.))
        else ''"/>
  </xsl:accumulator>

  <!-- Which part of a split line a line is: its @part (I, M, F), else what its @prev and
       @next say (probe 52: a line split by l next="#v11b" and l prev="#v11a", the
       Guidelines' way of joining the parts of a discontinuous element, was two lines); ""
       for a whole line, and for part="Y" or "N" (a line whose completeness is all @part
       says). -->
  <xsl:function name="r:part" as="xs:string">
    <xsl:param name="l" as="element()"/>
    <xsl:variable name="part" as="xs:string" select="upper-case(normalize-space($l/@part))"/>
    <xsl:variable name="prev" as="xs:boolean" select="matches(normalize-space($l/@prev), '^#\S+$')"/>
    <xsl:variable name="next" as="xs:boolean" select="matches(normalize-space($l/@next), '^#\S+$')"/>
    <xsl:sequence select="if ($part = ('I', 'M', 'F')) then $part
        else if ($part != '') then ''
        else if ($prev and $next) then 'M' else if ($prev) then 'F' else if ($next) then 'I'
        else ''"/>
  </xsl:function>

  <!-- The words a line shows in the reading text: the lemma of an app and the chosen side of
       a choice, no note, no deletion (probe 156: a split line's later part stood the width of
       every variant reading and of the sic beside its corr further right). -->
  <xsl:function name="r:line-text" as="xs:string">
    <xsl:param name="l" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($l//text()[not(ancestor::note)]
        [r:read-in(., $l)] ! r:joined(.)))"/>
  </xsl:function>

  <!-- Lines counted for numbering: lines of a play, and of poems standing between blocks. A
       poem whose stanzas stand in the lemma of an app (an apparatus at the level of stanzas)
       stands where its app does. -->
  <xsl:function name="r:counted" as="xs:boolean">
    <xsl:param name="l" as="element()"/>
    <xsl:sequence select="exists($l/ancestor::sp) or exists($l/ancestor::lg[last()]
        /ancestor::*[not(self::app or self::lem or self::rdg or self::rdgGrp)][1]
        [r:is-div(.) or self::body or self::front or self::back or self::text
        or self::floatingText])"/>
  </xsl:function>

  <!-- The number a line shows in the margin, if it is a fifth line: none in a variant
       reading or a note (r:aside), which are not the text as edited. -->
  <xsl:function name="r:line-number" as="xs:string?">
    <xsl:param name="l" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($l/@n)"/>
    <xsl:variable name="number" as="xs:integer?" select="
        if (r:part($l) = ('M', 'F') or r:aside($l)) then ()
        else if ($n != '') then (if (matches($n, '[0-9]+$'))
            then xs:integer(replace($n, '^.*?([0-9]+)$', '$1')) else ())
        else if (r:counted($l) and not(r:song-apart($l))) then $l/accumulator-before('r:line')
        else ()"/>
    <xsl:sequence select="if ($number gt 0 and $number mod 5 = 0) then string($number) else ()"/>
  </xsl:function>

  <xsl:template match="lg" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="prosody" as="element()?" select="r:prosody(., $r:phrasing)"/>
    <xsl:variable name="number" as="element()?" select="r:stanza-number(.)"/>
    <xsl:choose>
      <xsl:when test="empty($prosody) and empty($number)">
        <xsl:call-template name="r:block">
          <xsl:with-param name="class" select="'lg'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- the stanza's metre and rhyme scheme below its heading, above its lines -->
        <xsl:variable name="lead" as="element()?" select="head[1][empty(preceding-sibling::*)]"/>
        <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'lg' || (' block')[$r:phrasing]"/>
          </xsl:call-template>
          <xsl:sequence select="$number"/>
          <xsl:apply-templates select="node()[exists($lead) and not(. >> $lead)]" mode="r:main"/>
          <xsl:sequence select="$prosody"/>
          <xsl:apply-templates select="node()[empty($lead) or . >> $lead]" mode="r:main"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A stanza's number (lg/@n) in the margin before its first line, as printed editions
       number the stanzas of a hymn or a ballad: it was shown nowhere (probe 58). Only a stanza
       of lines (not a poem's group of stanzas) without a heading of its own, which would say
       it twice; a marker like a line's number, not part of the verse. -->
  <xsl:function name="r:stanza-number" as="element()?">
    <xsl:param name="lg" as="element()"/>
    <xsl:for-each select="$lg[l][empty(head)]/@n[normalize-space()]">
      <!-- named a stanza's on hover and set bolder than a line's number: a "2" beside a
           stanza's first line, line 3, was read as that line's number (probe 177) -->
      <span class="lg-n" aria-hidden="true" data-pagefind-ignore=""
          title="{r:msg('milestone.unit.stanza') || ' ' || normalize-space(.)}">
        <xsl:value-of select="normalize-space(.)"/>
      </span>
    </xsl:for-each>
  </xsl:function>

  <!-- The metrical structure (@met, in the notation the header's metDecl declares) and the
       rhyme scheme (@rhyme, "abab") of a line group, as the Guidelines (6.4) encode them:
       they were shown nowhere (probe 32's sonnets). Said by the interface, set apart from
       the verse (not copied with it, not indexed by the search), read out by a screen
       reader with its label. -->
  <xsl:function name="r:prosody" as="element()?">
    <xsl:param name="lg" as="element()"/>
    <xsl:param name="phrasing" as="xs:boolean"/>
    <xsl:variable name="facts" as="map(xs:string, xs:string)*" select="
        $lg/@met[normalize-space()] ! map { 'key': 'verse.met', 'value': normalize-space(.) },
        $lg/@rhyme[normalize-space()] ! map { 'key': 'verse.rhyme', 'value': normalize-space(.) }"/>
    <xsl:if test="exists($facts)">
      <xsl:element name="{if ($phrasing) then 'span' else 'p'}">
        <xsl:attribute name="class" select="'lg-prosody' || (' block')[$phrasing]"/>
        <xsl:attribute name="data-pagefind-ignore" select="''"/>
        <xsl:sequence select="r:ui-words($lg)"/>
        <xsl:for-each select="$facts">
          <xsl:if test="position() gt 1"><xsl:text> · </xsl:text></xsl:if>
          <xsl:value-of select="r:msg(?key, ?value)"/>
        </xsl:for-each>
      </xsl:element>
    </xsl:if>
  </xsl:function>

  <!-- A line's metrical structure (l/@met) and its actual realisation where it differs
       (l/@real, Guidelines 6.4: the scansion of the line as read, against the norm @met
       gives), at the end of the line as its number is: "x/x/ → /xx/". -->
  <xsl:function name="r:line-metre" as="element()?">
    <xsl:param name="l" as="element()"/>
    <xsl:variable name="met" as="xs:string" select="normalize-space($l/@met)"/>
    <xsl:variable name="real" as="xs:string" select="normalize-space($l/@real)"/>
    <xsl:if test="$met != '' or $real != ''">
      <span class="l-met" data-pagefind-ignore="">
        <xsl:sequence select="r:ui-words($l)"/>
        <span class="visually-hidden">
          <xsl:value-of select="string-join((r:msg('verse.met', $met)[$met != ''],
              r:msg('verse.real', $real)[$real != '']), '; ')"/>
        </span>
        <span aria-hidden="true">
          <xsl:value-of select="string-join(($met[. != ''], $real[. != '']), ' → ')"/>
        </span>
      </span>
    </xsl:if>
  </xsl:function>

  <!-- A poem's or a stanza's title is a heading, a level below the headed divisions around
       it (it was a paragraph: a screen reader's outline had no entry for the poems of a
       collection). -->
  <xsl:template match="lg/head[. is ../head[1]][normalize-space() or *]" mode="r:main"
      as="element()">
    <xsl:call-template name="r:heading">
      <xsl:with-param name="level"
          select="r:heading-depth(.) + count(ancestor::lg[head]) - 1 + $r:heading-shift"/>
      <xsl:with-param name="class" select="'head lg-head'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="l" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- false where a line is shown a second time, its ids standing in the text: the lemma
         quoted in its apparatus entry (with the editor's signs) has its numbers in the text -->
    <xsl:param name="r:ids" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:variable name="part" as="xs:string" select="r:part(.)"/>
    <xsl:variable name="before" as="xs:string"
        select="if ($part = ('M', 'F')) then accumulator-before('r:split-before') else ''"/>
    <xsl:variable name="number" as="xs:string?" select="if ($r:ids) then r:line-number(.) else ()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="string-join(('l', ('block')[$r:phrasing],
            ('part-' || lower-case($part))[$part = ('I', 'M', 'F')]), ' ')"/>
      </xsl:call-template>
      <xsl:if test="$before != ''">
        <xsl:attribute name="data-before" select="$before"/>
      </xsl:if>
      <xsl:if test="exists($number)">
        <xsl:call-template name="r:line-number-mark">
          <xsl:with-param name="number" select="$number"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:sequence select="r:line-metre(.)"/>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- The number in a line's margin (aria-hidden: a screen reader reads the verse, not the
       count). The reading page makes it a link to the line (html/modules/reading.xsl); the
       book keeps it a number, as it has no pilcrows. -->
  <xsl:template name="r:line-number-mark" as="element()">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="number" as="xs:string" required="yes"/>
    <span class="l-n" aria-hidden="true" data-pagefind-ignore=""><xsl:value-of select="$number"/></span>
  </xsl:template>

  <!-- A caesura is a pause in the line: a wide space. -->
  <xsl:template match="caesura" mode="r:main" as="element()">
    <span class="caesura">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
      <xsl:text>&#x2003;</xsl:text>
    </span>
  </xsl:template>

  <!-- The second hemistich of a line written as segs (seg type="hemistich", or a seg of
       @part "M" or "F" after another seg of the line) stands apart as after a caesura: the
       halves of an Arabic couplet's line ran together ("... حَومَلِ") where the
       same poem's lines with a caesura had their gap (probe 58). -->
  <xsl:template match="seg[parent::l][preceding-sibling::seg]
      [lower-case(normalize-space(@type)) = ('hemistich', 'half-line', 'halfline')
       or @part = ('M', 'F')]" mode="r:main" as="node()+" priority="5">
    <span class="caesura" aria-hidden="true"><xsl:text>&#x2003;</xsl:text></span>
    <xsl:next-match/>
  </xsl:template>

  <!-- A rhyme's words; its label (rhyme/@label, Guidelines 6.4: its letter in the rhyme
       scheme, "a") raised after them, the editors' notation: not copied with the verse,
       not indexed by the search, read out with its meaning by a screen reader. -->
  <xsl:template match="rhyme" mode="r:main" as="node()+">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="'rhyme'"/>
    </xsl:call-template>
    <xsl:for-each select="@label[normalize-space()]">
      <span class="rhyme-label" data-pagefind-ignore="">
        <xsl:sequence select="r:ui-words(..)"/>
        <span class="visually-hidden">
          <xsl:value-of select="' ' || r:msg('verse.rhyme-label', normalize-space(.))"/>
        </span>
        <sup aria-hidden="true"><xsl:value-of select="normalize-space(.)"/></sup>
      </span>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Parallel texts (TEI Guidelines 16.4, "Correspondence and Alignment"): a text and its
  translation, said to correspond by @corresp (either way, or both) or by a link
  (<link target="#la #en"/>, in the text or in the standOff), are one parallel view on the
  reading page: the corresponding divisions (or the texts of a group) side by side as columns,
  their corresponding blocks in rows.

  What is parallel: a run of consecutive sibling divisions (or texts of one group), each
  corresponding to one before it in the run and in a language none of those has. Correspondence
  between passages of one language (a division and its commentary), or of a division with
  something that is not beside it (a register entry, a bibliography), changes nothing: those
  are references, not translations, and moving a passage would change the order of the text.

  How (HTML only; the book keeps the passages in sequence, epub/modules/structure.xsl): the
  first division of a run renders every division of it, each by its own template (ids, notes,
  apparatus, lang and dir as ever), in one <div class="parallel">; the others render nothing
  where they stand. The rendered children of the columns are then given rows (r:parallel-rows):
  blocks that correspond share one, the columns' headings share the first, and the others flow
  in their column. The rows are CSS custom properties (style="-\-row: 3") that the style sheet
  turns into a grid with subgrid columns on a wide screen; a narrow one ignores them and the
  columns follow one another. Nothing is copied or moved in the DOM but the later columns'
  place, which is where the source has them anyway (the run is consecutive).

  A translation that does not stand beside its original (another division between them) stays
  in sequence where it is, and each links to the other after its heading, on the page as in
  the book, a paragraph to its counterpart at its end (r:linked-counterparts, probe 169).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:r="urn:edition:render"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="counterparts.xsl"/>

  <!-- The parallel run $e is in, in order; () when it is in none, or when the run does not
       stand on one page (r:one-page). -->
  <xsl:function name="r:parallel-set" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="run" as="element()*"
        select="r:parallel-runs($e/..)[exists(?* intersect $e)][1]?*"/>
    <xsl:sequence select="$run[r:one-page($run)]"/>
  </xsl:function>

  <!-- The translations of the division $e that are not its columns (probe 169): divisions
       said to correspond to it (r:counterparts) in a language neither it nor its columns
       have (r:passage-langs), and it in none of theirs, that are not in its parallel run on
       this page (r:parallel-set) and neither hold it nor stand inside it: a
       poem and its translation with another poem between them, a run split over the pages of
       a long text. They stay in sequence where they are, and each links to the other after
       its heading (r:counterpart-links, the book's ee:parallel-links), as the book links the
       columns of a run: the translation of a division is said (TEI Guidelines 16.4) whether
       or not it stands beside it. -->
  <xsl:function name="r:linked-counterparts" as="element()*" cache="yes">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (not(r:parallel-unit($e))
        or empty(key('r:aligning', 'all', root($e)))) then ()
        else (r:counterparts($e)[r:parallel-unit(.)]
            [not(r:passage-lang(.) = r:passage-langs($e))]
            [not(r:passage-lang($e) = r:passage-langs(.))]
            [not(. intersect $e/ancestor::*)][not(ancestor::* intersect $e)]
          except r:parallel-set($e))"/>
  </xsl:function>

  <!-- The languages of a division and of the columns beside it: a passage in one of them
       that corresponds to it is no translation of it but a reference (an English commentary
       on a Latin text printed with its English translation), as a run takes no second
       column of a language it has (counterparts.xsl). -->
  <xsl:function name="r:passage-langs" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e, r:parallel-set($e)) ! r:passage-lang(.)"/>
  </xsl:function>

  <!-- A passage's language in the interface's words ("English"); its id when it says none. -->
  <xsl:function name="r:passage-language" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="lang" as="xs:string" select="r:passage-lang($e)"/>
    <xsl:sequence select="if ($lang = '') then string($e/@xml:id) else r:language-name($e, $lang)"/>
  </xsl:function>

  <!-- Where a link to a passage of this text leads: its id on this page (a page of a split
       text has the link to another part's id given that part's file, html/modules/parts.xsl;
       the book overrides it with its own file, epub/modules/structure.xsl). -->
  <xsl:function name="r:passage-href" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="'#' || $e/@xml:id"/>
  </xsl:function>

  <!-- After a division's heading, a link to each of its translations that is not beside it
       (r:linked-counterparts), as the book links the columns of a parallel text: "Parallel
       text: Hebrew" (probe 169: a poem and its translation with another poem between them
       were linked neither on the page nor in the book). -->
  <xsl:template name="r:counterpart-links" as="element()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="r:ids" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:variable name="div" as="element()" select="."/>
    <xsl:for-each select="r:linked-counterparts(.)[@xml:id][$r:ids]">
      <p class="parallel-text">
        <xsl:sequence select="r:ui-words($div)"/>
        <a href="{r:passage-href(.)}">
          <xsl:for-each select="r:lang(r:passage-lang(.))">
            <xsl:attribute name="hreflang" select="."/>
          </xsl:for-each>
          <xsl:value-of select="r:msg('parallel.text', r:passage-language(.))"/>
        </a>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- At the end of a paragraph, a link to each passage that corresponds to it in a
       translation of its division that is not beside it (r:linked-counterparts): the
       paragraph's counterpart is not in the row beside it, as in a parallel view (probe
       169); the book links those of the columns too (epub/modules/structure.xsl). -->
  <!-- Whether the document rendered aligns anything: asked once, not by each paragraph's
       pilcrow (a key of its root each time). -->
  <xsl:variable name="r:aligns" as="xs:boolean" select="exists(key('r:aligning', 'all', /))"/>

  <xsl:template name="r:counterpart-passage-links" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <!-- a text that aligns nothing (most) asks no paragraph's divisions -->
    <xsl:param name="others" as="element()*"
        select="if (root(.) is $r:root and not($r:aligns)
            or empty(key('r:aligning', 'all', root(.)))) then ()
            else ancestor::*[r:parallel-unit(.)] ! r:linked-counterparts(.)"/>
    <xsl:param name="r:ids" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:variable name="block" as="element()" select="."/>
    <xsl:for-each select="(if (exists($others) and $r:ids) then r:counterparts(.) else ())
        [@xml:id][exists(ancestor::* intersect $others)]">
      <xsl:text> </xsl:text>
      <a class="parallel-link" href="{r:passage-href(.)}"
          aria-label="{r:msg('parallel.passage', r:passage-language(.))}">
        <xsl:sequence select="r:ui-words($block)"/>
        <xsl:for-each select="r:lang(r:passage-lang(.))">
          <xsl:attribute name="hreflang" select="."/>
        </xsl:for-each>
        <xsl:value-of select="'[' || r:passage-language(.) || ']'"/>
      </a>
    </xsl:for-each>
  </xsl:template>

  <!-- Whether these passages are rendered on one page: always, unless a long text is split
       (html/modules/parts.xsl overrides this), where a run across two pages stays in
       sequence (the index places each name by the plan, which knows nothing of columns). -->
  <xsl:function name="r:one-page" as="xs:boolean">
    <xsl:param name="passages" as="element()*"/>
    <xsl:sequence select="true()"/>
  </xsl:function>

  <!-- A column of a run: the first renders the run, the others nothing where they stand;
       rendered as a column ($r:column), the passage is itself (xsl:next-match). Not in the
       book, whose reading systems cannot be relied on for columns. -->
  <xsl:template match="(div | div1 | div2 | div3 | div4 | div5 | div6 | div7 | group/text)
      [@corresp or @xml:id]" mode="r:main" as="element()*" use-when="$r:output = 'html'">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="r:column" as="xs:boolean" select="false()"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="set" as="element()*" select="if ($r:column or $r:phrasing
        or count($content) ne count(node())) then () else r:parallel-set(.)"/>
    <xsl:choose>
      <xsl:when test="empty($set)">
        <xsl:next-match>
          <xsl:with-param name="content" select="$content"/>
        </xsl:next-match>
      </xsl:when>
      <xsl:when test=". is $set[1]">
        <xsl:call-template name="r:parallel">
          <xsl:with-param name="set" select="$set"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise/>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="r:parallel" as="element()">
    <xsl:param name="set" as="element()+"/>
    <xsl:variable name="columns" as="element()*">
      <xsl:for-each select="$set">
        <xsl:apply-templates select="." mode="r:main">
          <xsl:with-param name="r:column" select="true()"/>
        </xsl:apply-templates>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="rows" as="map(xs:string, xs:integer)"
        select="r:parallel-rows($columns, r:parallel-partners($columns, root($set[1])))"/>
    <div class="parallel" style="--columns: {count($columns)}">
      <xsl:for-each select="$columns">
        <xsl:copy>
          <xsl:sequence select="@* except @class"/>
          <xsl:attribute name="class" select="normalize-space(@class || ' parallel-column')"/>
          <xsl:attribute name="style" select="'--column: ' || position() || '; --rows: '
              || max((1, map:for-each($rows, function($k, $v) { $v })))"/>
          <xsl:apply-templates mode="r:rows">
            <xsl:with-param name="rows" select="$rows" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:copy>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- The blocks of a rendered column that take rows: its children, and those of a text's
       front, body and back (r:flat), so that the blocks of a text of a group and of its
       translation stand in rows too. -->
  <xsl:function name="r:row-items" as="element()*">
    <xsl:param name="column" as="element()"/>
    <xsl:sequence select="$column/*/(if (r:flat(.)) then * else .)"/>
  </xsl:function>

  <!-- A wrapper of a column that the grid sees through (CSS display: contents): it has no id
       to scroll to, so that having no box of its own loses nothing. -->
  <xsl:function name="r:flat" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::h:div][empty(@id)]
        [tokenize(@class) = ('front', 'body', 'back')])"/>
  </xsl:function>

  <!-- A column's copy with the row of each block (style="-\-row: 3"). -->
  <xsl:mode name="r:rows" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template match="*" mode="r:rows" as="element()">
    <xsl:param name="rows" as="map(xs:string, xs:integer)" tunnel="yes"/>
    <xsl:copy>
      <xsl:choose>
        <xsl:when test="r:flat(.)">
          <xsl:sequence select="@* except @class"/>
          <xsl:attribute name="class" select="@class || ' parallel-flat'"/>
          <xsl:apply-templates mode="r:rows"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="@* except @style"/>
          <xsl:attribute name="style"
              select="string-join((@style, '--row: ' || $rows(generate-id(.))), '; ')"/>
          <xsl:sequence select="node()"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>

  <!-- For each rendered block of a column (by generate-id), the rendered blocks of the other
       columns that correspond to it: by the TEI elements whose ids they carry, and the
       columns' opening headings to each other. -->
  <xsl:function name="r:parallel-partners" as="map(xs:string, xs:string*)">
    <xsl:param name="columns" as="element()*"/>
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="by-id" as="map(xs:string, element())" select="map:merge(
        $columns ! r:row-items(.)[@id] ! map:entry(string(@id), .),
        map { 'duplicates': 'use-first' })"/>
    <xsl:variable name="headings" as="element()*"
        select="$columns ! r:row-items(.)[1][self::h:h1 | self::h:h2 | self::h:h3 | self::h:h4
            | self::h:h5 | self::h:h6]"/>
    <xsl:map>
      <xsl:for-each select="$columns ! r:row-items(.)">
        <xsl:variable name="block" as="element()" select="."/>
        <xsl:variable name="source" as="element()?"
            select="(@id ! key('r:entry', string(.), $tei))[1]"/>
        <xsl:variable name="partners" as="element()*" select="(($source ! r:counterparts(.))
            /@xml:id ! $by-id(string(.)), $headings[exists($block intersect $headings)])
            [not(root(.) is root($block))]"/>
        <xsl:map-entry key="generate-id(.)" select="distinct-values($partners ! generate-id(.))"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:function>

  <!-- The row of each rendered block (by generate-id), one row after another: blocks that
       correspond and stand first in their columns share the next row (with the first blocks
       of the other columns that correspond to nothing still to come); else the first blocks
       that correspond to nothing still to come; else (correspondences that cross) the first
       block of the first column alone. -->
  <xsl:function name="r:parallel-rows" as="map(xs:string, xs:integer)">
    <xsl:param name="columns" as="element()*"/>
    <xsl:param name="partners" as="map(xs:string, xs:string*)"/>
    <!-- column -> its blocks (generate-id), and generate-id -> (column, place in it) -->
    <xsl:variable name="blocks" as="map(xs:integer, xs:string*)" select="map:merge(
        for $c in 1 to count($columns)
        return map:entry($c, r:row-items($columns[$c]) ! generate-id(.)))"/>
    <xsl:variable name="where" as="map(xs:string, xs:integer+)" select="map:merge(
        for $c in 1 to count($columns), $i in 1 to count($blocks($c))
        return map:entry($blocks($c)[$i], ($c, $i)))"/>
    <xsl:variable name="headings" as="xs:string*" select="$columns ! r:row-items(.)[self::h:h1
        | self::h:h2 | self::h:h3 | self::h:h4 | self::h:h5 | self::h:h6] ! generate-id(.)"/>
    <xsl:iterate select="1 to map:size($where)">
      <xsl:param name="next" as="xs:integer*" select="$columns ! 1"/>
      <xsl:param name="rows" as="map(xs:string, xs:integer)" select="map {}"/>
      <xsl:on-completion select="$rows"/>
      <xsl:variable name="row" as="xs:integer" select="."/>
      <xsl:variable name="firsts" as="xs:string*"
          select="for $c in 1 to count($columns) return $blocks($c)[$next[$c]]"/>
      <!-- the partners of a block not yet given a row -->
      <xsl:variable name="waiting" as="function(xs:string) as xs:string*" select="function($b) {
          $partners($b)[let $w := $where(.) return $w[2] ge $next[$w[1]]] }"/>
      <!-- a heading that corresponds to nothing takes a row of its own before blocks of
           other columns: a translation's generated "Translation" beside an original with no
           heading took the row of the original's poem, and the translation began a row
           below it (probe 67) -->
      <xsl:variable name="unpaired" as="xs:string*" select="$firsts[empty($waiting(.))]"/>
      <xsl:variable name="free-headings" as="xs:string*" select="$unpaired[. = $headings]"/>
      <xsl:variable name="free" as="xs:string*" select="if (exists($free-headings)
          and count($free-headings) lt count($unpaired)) then $free-headings else $unpaired"/>
      <xsl:variable name="paired" as="xs:string?"
          select="$firsts[exists($waiting(.)[. = $firsts])][1]"/>
      <xsl:variable name="together" as="xs:string*" select="
          if (exists($paired)) then ($paired, $waiting($paired)[. = $firsts], $free)
          else if (exists($free)) then $free else $firsts[1]"/>
      <xsl:choose>
        <xsl:when test="empty($firsts)">
          <xsl:break select="$rows"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="taken" as="xs:integer*" select="$together ! $where(.)[1]"/>
          <xsl:next-iteration>
            <xsl:with-param name="next" select="for $c in 1 to count($columns)
                return $next[$c] + (if ($c = $taken) then 1 else 0)"/>
            <xsl:with-param name="rows" select="fold-left($together, $rows,
                function($done, $block) { map:put($done, $block, $row) })"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

</xsl:stylesheet>

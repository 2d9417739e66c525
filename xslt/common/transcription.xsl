<?xml version="1.0" encoding="UTF-8"?>
<!--
  Representation of primary sources (TEI Guidelines ch. 11, PH, and the editorial elements of
  ch. 3.5, CO): additions and deletions (add, del, subst, mod, restore, retrace, addSpan,
  delSpan, metamark), unclear and damaged text, gaps, supplied and superfluous text, spaces,
  changes of hand, the editorial choice (sic/corr, orig/reg, abbr/expan, am/ex), forme work,
  and the breaks of the source: lines, columns and pages (lb, cb, pb, with break="no").

  Two views of one page. The reading view shows the edited text: corrections, expansions and
  regularisations, additions in the line, deletions, surplus text and forme work left out. The
  diplomatic view shows the source: original spellings, abbreviations, errors, deletions struck
  through, additions raised or lowered to where they stand, spaces, changes of hand, line-end
  hyphens. Both are in the page: what only one view shows carries the class ed-read or ed-dipl,
  and the CSS shows the reading view unless the article has the class view-diplomatic (set by
  the page's script; without script the reading view shows and no switch is offered).

  $r:views (true here) says whether the output has both views. The EPUB sets it to false: it
  has the reading view only, and what only the diplomatic view shows is kept in the book with
  the hidden attribute (so that no anchor an index or a link points at is lost).

  r:has-views(root) tells a page whether the views differ at all (to offer the switch).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:me="http://www.menota.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="i18n.xsl"/>

  <!-- r:views (base.xsl): whether the output carries both views. -->

  <!-- Elements that make the two views differ: r:has-views. -->
  <!-- Asked by the page and the line breaks; answered once for the document being rendered
       by scans of element names (fast on Saxon's trees; no index of every element is built). -->
  <xsl:function name="r:has-views" as="xs:boolean">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="if (root($root) is $r:doc) then $r:doc-views
        else r:find-views(root($root))"/>
  </xsl:function>

  <xsl:function name="r:find-views" as="xs:boolean">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="exists($doc//del) or exists($doc//add) or exists($doc//subst)
        or exists($doc//choice[sic | orig | abbr]) or exists($doc//lb[@break = 'no'])
        or exists($doc//mod) or exists($doc//restore) or exists($doc//surplus)
        or exists($doc//handShift) or exists($doc//space) or exists($doc//am)
        or exists($doc//ex) or exists($doc//metamark) or exists($doc//fw)
        or exists($doc//catchwords) or exists($doc//signatures) or exists($doc//delSpan)
        or exists($doc//addSpan) or exists($doc//retrace) or exists($doc//alt[@weights])
        or exists($doc//charDecl//mapping[@type = 'diplomatic'])
        or exists($doc//me:norm[../me:dipl or ../me:facs]) or exists($doc//me:dipl[../me:facs])"/>
  </xsl:function>

  <!-- An inline rendering of the context element shown in one view only ($view 'read' or
       'dipl'), or in both (no $view). -->
  <xsl:template name="r:view-inline" as="element()">
    <xsl:param name="element" as="xs:string" select="'span'"/>
    <xsl:param name="class" as="xs:string" required="yes"/>
    <xsl:param name="view" as="xs:string?" select="()"/>
    <xsl:param name="title" as="xs:string?" select="()"/>
    <xsl:param name="content" as="node()*" select="node()"/>
    <!-- false for a sign that is no word of the text (a column break's "‖"): the search index
         leaves it out, and the halves of a word broken there are found as one -->
    <xsl:param name="indexed" as="xs:boolean" select="true()"/>
    <xsl:element name="{$element}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="string-join(($class, $view ! ('ed-' || .),
            r:hand-class(.)), ' ')"/>
      </xsl:call-template>
      <xsl:if test="not($indexed)">
        <xsl:attribute name="data-pagefind-ignore" select="''"/>
      </xsl:if>
      <xsl:if test="$view = 'dipl' and not($r:views)">
        <xsl:attribute name="hidden" select="'hidden'"/>
      </xsl:if>
      <xsl:if test="normalize-space($title)">
        <xsl:attribute name="title" select="normalize-space($title)"/>
      </xsl:if>
      <xsl:variable name="marks" as="xs:string*" select="r:marks(.)"/>
      <xsl:sequence select="r:mark($marks[1])"/>
      <xsl:apply-templates select="$content" mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:sequence select="r:mark($marks[2])"/>
    </xsl:element>
  </xsl:template>

  <!-- The editorial signs around an element (the Leiden conventions, as the Guidelines' ch. 11
       and EpiDoc use them): [supplied], ⟨supplied where the scribe omitted it⟩, ⟦secluded⟧,
       {surplus}, (expansion), an error kept as the source has it, "recieve [sic]" (outside a
       choice, which names the correction), an abbreviation the editor does not expand,
       "στρατηγ( )" (in an edition division: elsewhere an abbr is a plain abbreviation, "Dr.";
       in a variant reading it is the witness's as written, probe 104: "p.( )"),
       and "?" where the editor doubts (@cert low or unknown). They are text of the page, not generated by CSS,
       so that a copied passage and a printout keep them; r:mark keeps them out of the search
       index, so that "κα[ὶ]" is found as "καὶ". -->
  <xsl:function name="r:marks" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="doubt" as="xs:string"
        select="if ($e/@cert = ('low', 'unknown')) then '?' else ''"/>
    <xsl:sequence select="
        if ($e/self::supplied) then
          if ($e/@reason = 'omitted') then ('⟨', $doubt || '⟩') else ('[', $doubt || ']')
        else if ($e/self::secl) then ('⟦', $doubt || '⟧')
        else if ($e/self::surplus) then ('{', $doubt || '}')
        else if ($e/self::del and r:leiden-kept($e)) then ('⟦', $doubt || '⟧')
        (: a deletion whose letters are not given (an empty del, the Homer Multitext's):
           its place, as ⟦⟧, or it would leave no mark in either view :)
        else if ($e/self::del and empty($e/node())) then ('⟦', $doubt || '⟧')
        else if ($e/self::ex) then ('(', $doubt || ')')
        else if ($e/self::unclear and $doubt != '') then ('', $doubt)
        else if ($e/self::sic and not($e/parent::choice)) then ('', ' [sic]')
        else if ($e/self::delSpan) then ('⟦', '') else if ($e/self::addSpan) then ('⸂', '')
        else if ($e/self::abbr and not($e/parent::choice) and empty($e/ancestor::expan)
            and empty($e/ancestor::rdg) and exists($e/ancestor::div[@type = 'edition'])) then ('', '( )' || ($doubt ! '(?)')[$doubt != ''])
        else ()"/>
  </xsl:function>

  <xsl:function name="r:mark" as="element()?">
    <xsl:param name="sign" as="xs:string?"/>
    <xsl:if test="$sign">
      <span class="sign" data-pagefind-ignore="">
        <xsl:value-of select="$sign"/>
      </span>
    </xsl:if>
  </xsl:function>

  <!-- hand-N classes are not given: hands are named in the title, never by colour alone. -->
  <xsl:function name="r:hand-class" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/@hand) then 'has-hand' else ()"/>
  </xsl:function>

  <!-- Who wrote a hand a handNote describes: its @scribe, else the name of the entry its
       @scribeRef points at (a person of the registers: "John Ward", where the about page said
       "pers_0042", probe 152); a pointer that leads nowhere names no one (probe 155: the
       id "nobody" stood as the scribe). -->
  <xsl:function name="r:scribe" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="ref" as="xs:string?"
        select="tokenize(normalize-space($note/@scribeRef))[1] ! replace(., '^.*[#/]', '')"/>
    <xsl:sequence select="($note/@scribe[normalize-space()] ! normalize-space(.),
        $ref ! r:entry(.) ! r:preferred-name(., ''))[. != ''][1]"/>
  </xsl:function>

  <!-- The hands a header describes, numbered through it so that no two are one number:
       those of profileDesc/handNotes (all of them) first, which the about page lists and
       numbers in this order ("Hand 2" for a hand of no scribe), then those of its
       manuscript's description (physDesc/handDesc, Guidelines 10.7.2), of the whole and of
       each of its parts (msPart, msFrag) in document order, as the description names them
       (probe 158: they were titled by their ids; probe 159: numbered within each handDesc,
       the second hands of the manuscript and of its part B were both "Hand 2"). A
       description outside the header numbers its own hands. -->
  <xsl:function name="r:hand-number" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="header" as="element()?" select="$note/ancestor::teiHeader[1]"/>
    <xsl:variable name="hands" as="element()*" select="if (exists($header))
        then ($header/profileDesc/handNotes/handNote, $header//handDesc//handNote)
        else $note/ancestor::msDesc[last()]//handDesc//handNote"/>
    <xsl:sequence select="for $i in 1 to count($hands)
        return (if ($hands[$i] is $note) then r:msg('hand.n', string($i)) else ())"/>
  </xsl:function>

  <!-- The name of a hand (@hand, @new: "#id" of a handNote), for titles. -->
  <xsl:function name="r:hand-name" as="xs:string?">
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:variable name="id" as="xs:string?"
        select="tokenize(normalize-space($pointer))[1] ! replace(., '^#', '')"/>
    <xsl:variable name="note" as="element()?" select="$pointer ! r:hand-entry(.)"/>
    <!-- a scribe described in a register (scribeRef="#pmb2563", a person of the letter's
         back or of the edition's registers) is named by the entry's name, not its whole
         description (probe 24) -->
    <xsl:variable name="named" as="element()?" select="$note[self::person or self::personGrp
        or self::org]/(persName[@type = 'preferred'], persName, orgName, name)[1]"/>
    <xsl:variable name="description" as="xs:string?" select="r:plain($note)[. != '']
        ! (if (string-length(.) gt 80) then substring(., 1, 79) || '…' else .)"/>
    <!-- the scribe's name before the description, unless the description names them
         (probe 52: scribe="WilhelmGrimm" and "Wilhelm Grimm, pencil" read "WilhelmGrimm:
         Wilhelm Grimm, pencil") -->
    <xsl:variable name="scribe" as="xs:string?" select="$note ! r:scribe(.)
        [not(contains(r:letters($description), r:letters(.)))]"/>
    <xsl:variable name="described" as="xs:string"
        select="string-join(($scribe, $description), ': ')"/>
    <!-- (a hand of no scribe and no words is numbered as the about page numbers it, where
         its id, "hand_2", stood in the titles: probe 155) -->
    <xsl:sequence select="if (exists($named)) then r:plain($named)
        else if ($described != '') then $described
        else ($note[self::handNote] ! r:hand-number(.), $id)[1]"/>
  </xsl:function>

  <!-- Words as letters and digits alone, in lower case: to see that one names another
       ("WilhelmGrimm" in "Wilhelm Grimm, pencil"). -->
  <xsl:function name="r:letters" as="xs:string">
    <xsl:param name="words" as="xs:string?"/>
    <xsl:sequence select="lower-case(replace(string($words), '[^\p{L}\p{N}]', ''))"/>
  </xsl:function>

  <!-- The element a hand's pointer leads to, in the text or the edition's registers. -->
  <xsl:function name="r:hand-entry" as="element()?">
    <xsl:param name="pointer" as="attribute()"/>
    <xsl:variable name="id" as="xs:string?"
        select="tokenize(normalize-space($pointer))[1] ! replace(., '^#', '')"/>
    <xsl:sequence select="if (empty($id)) then ()
        else (key('r:entry', $id, root($pointer)), $registers ! key('r:entry', $id, .))[1]"/>
  </xsl:function>

  <xsl:function name="r:hand-title" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/@hand ! r:msg('tr.hand', r:hand-name(.))"/>
  </xsl:function>

  <!-- Where an addition stands in the source, as a class: above, below, margin or inline.
       The Latin forms many projects write (supralinear, infralinear: probe 39, a Leopardi
       autograph whose additions over the line sat on the line in the diplomatic view) are
       above and below the line as superlinear and sublinear are. Written over the erased
       letters (overstrike, overwritten: probe 172) is in the line, on the back of the
       leaf (overleaf) elsewhere than above it. -->
  <xsl:function name="r:place-class" as="xs:string?">
    <xsl:param name="place" as="attribute()?"/>
    <xsl:variable name="p" as="xs:string" select="lower-case(normalize-space($place))"/>
    <xsl:sequence select="
        if ($p = '') then ()
        else if (matches($p, 'overstrike|overwrit|erasure|inline|in-line|intralinear'))
          then 'place-inline'
        else if (matches($p, 'overleaf')) then 'place-margin'
        else if (matches($p, 'above|super|supra|top|over')) then 'place-above'
        else if (matches($p, 'below|sub|infra|bottom|foot|under')) then 'place-below'
        else if (matches($p, 'margin|left|right|opposite|end|overleaf')) then 'place-margin'
        else 'place-inline'"/>
  </xsl:function>

  <!-- Additions and deletions. -->
  <xsl:template match="add" mode="r:main" as="element()">
    <!-- the addition of a substitution undone: shown in the diplomatic view alone -->
    <xsl:variable name="undone" as="xs:boolean" select="exists(parent::subst[r:undone(.)])"/>
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="element" select="'ins'"/>
      <xsl:with-param name="class" select="string-join(('add', r:place-class(@place),
          'undone'[$undone]), ' ')"/>
      <xsl:with-param name="view" select="'dipl'[$undone]"/>
      <xsl:with-param name="title" select="string-join((r:msg('tr.add'),
          r:msg('tr.undo')[$undone],
          @place ! r:msg('tr.place', normalize-space(.)), r:hand-title(.)), '; ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="del" mode="r:main" as="element()+">
    <xsl:variable name="restored" as="xs:boolean"
        select="r:restored(.) or r:undone(.)"/>
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="element" select="'del'"/>
      <xsl:with-param name="class" select="'del' || (if ($restored) then ' restored' else '')
          || (if (r:leiden-kept(.)) then ' erasure' else '')"/>
      <!-- a deletion in a variant reading is what that witness has: shown struck in both
           views (probe 104: "creaturas <del>tuas</del>" read "creaturas", and a reading
           that was a deletion alone read as nothing, in the reading view and the book) -->
      <xsl:with-param name="view" select="if ($restored or r:leiden-kept(.) or ancestor::rdg)
          then () else 'dipl'"/>
      <xsl:with-param name="title" select="string-join((r:msg('tr.del'),
          @rend ! r:value-words(., true()), r:hand-title(.)), '; ')"/>
    </xsl:call-template>
    <!-- the words a restore inside it takes back, of a deletion that stays one: the reading
         view and the book read them (probe 127: "<del>alte <restore>neue</restore></del>"
         hid "neue" with "alte") -->
    <xsl:variable name="taken-back" as="element()*" select="if ($restored or ancestor::rdg
        or r:leiden-kept(.)) then () else .//restore[normalize-space()]
        [empty(ancestor::restore[ancestor::* intersect current()])]"/>
    <xsl:if test="exists($taken-back)">
      <xsl:variable name="again" as="element()">
        <xsl:call-template name="r:view-inline">
          <!-- the words again, for the reading view: their ids are the diplomatic view's
               (probe 143: a note or a name in them was two elements of one id) -->
          <xsl:with-param name="r:ids" select="false()" tunnel="yes"/>
          <xsl:with-param name="class" select="'restore'"/>
          <xsl:with-param name="view" select="'read'"/>
          <xsl:with-param name="title" select="r:msg('tr.restore')"/>
          <!-- the restores' own nodes, which r:view-inline renders: rendered here, they were
               rendered a second time there, and a deletion inside a restore, as HTML, was
               asked for its undo in a tree of no document (probe 139: the text failed) -->
          <xsl:with-param name="content" as="node()*">
            <xsl:for-each select="$taken-back">
              <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
              <xsl:sequence select="node()"/>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:variable>
      <!-- without the ids and the calls of notes and apparatus entries anything inside them
           gave (probe 144: a note in a hi, an app's entry, stood twice with one id) -->
      <xsl:apply-templates select="$again" mode="r:again"/>
    </xsl:if>
  </xsl:template>

  <!-- The words of a restore shown again (the del template): the page's own elements
       without their ids, and without the calls of notes and apparatus entries and the
       notes' popovers, which stand once, in the deletion. -->
  <xsl:mode name="r:again" on-no-match="shallow-copy" on-multiple-match="fail"/>
  <xsl:template match="@id" mode="r:again" as="empty-sequence()"/>
  <xsl:template match="*[tokenize(@class) = ('noteref', 'app-ref') or @popover]" mode="r:again"
      as="empty-sequence()"/>

  <xsl:template match="subst | mod | restore | retrace | damage | redo | undo" mode="r:main"
      as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="title" select="string-join((
          if (self::subst) then () else r:msg('tr.' || local-name()),
          (@agent, @type)[1] ! normalize-space(.), r:hand-title(.)), '; ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Transpositions (TEI 12.3.4.5): each transpose lists, by pointers, segments the writer
       marked to be read in another order than they stand. The text keeps the source's order;
       where the list stands, a bracketed editorial note says in which order to read them,
       quoting the segments: [transposition: read "difficulty" then "labour"]. A pointer to
       an element quotes its text; to a milestone or anchor with @spanTo, the text up to the
       element @spanTo names; a pointer that leads nowhere is quoted as written. The list's
       desc follows in parentheses. -->
  <xsl:template match="listTranspose" mode="r:main" as="element()">
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'transpositions'"/>
      </xsl:call-template>
      <xsl:apply-templates select="transpose" mode="r:main"/>
      <xsl:if test="desc[normalize-space()]">
        <xsl:value-of select="' (' || string-join(desc ! normalize-space(.), '; ') || ')'"/>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="transpose" mode="r:main" as="element()">
    <xsl:variable name="segments" as="xs:string*"
        select="ptr ! tokenize(normalize-space(@target)) ! r:transposed(., current())"/>
    <xsl:variable name="label" as="xs:string" select="r:msg('tr.transpose',
        string-join($segments ! r:msg('tr.segment', .), ' ' || r:msg('tr.then') || ' '))"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'transpose'"/>
      </xsl:call-template>
      <xsl:value-of select="'[' || $label || ']'"/>
    </span>
  </xsl:template>

  <!-- The words of the segment a transpose's pointer names (deletions, marks, notes and forme
       work left out), shortened past 60 characters. -->
  <xsl:function name="r:transposed" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="element()"/>
    <xsl:variable name="target" as="element()?" select="if (starts-with($pointer, '#'))
        then key('r:entry', substring($pointer, 2), root($context))[1] else ()"/>
    <xsl:variable name="end" as="element()?" select="$target/@spanTo[starts-with(., '#')]
        ! key('r:entry', substring(., 2), root($context))[1]"/>
    <xsl:variable name="texts" as="text()*"
        select="if (exists($end)) then r:text-before($target, $end) else $target//text()"/>
    <!-- What the reading view leaves out is not part of what is to be read, nor is the
         indentation between elements (a zone's lines). -->
    <xsl:variable name="kept" as="text()*" select="$texts[not(ancestor::del | ancestor::metamark
        | ancestor::note | ancestor::fw)][normalize-space() or ../text()[normalize-space()]]"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space(string-join(
        for $i in 1 to count($kept) return r:break-before($kept[$i - 1], $kept[$i]) || $kept[$i]))"/>
    <xsl:sequence select="if ($words = '') then $pointer
        else if (string-length($words) gt 60) then substring($words, 1, 59) || '…'
        else $words"/>
  </xsl:function>

  <!-- The text nodes after $start and before $end, in document order; the walk stops at $end
       (a filter on the following axis would go on to the end of the document for each
       pointer: 3,000 transpositions in one text took 3 s). -->
  <xsl:function name="r:text-before" as="text()*">
    <xsl:param name="start" as="element()"/>
    <xsl:param name="end" as="element()"/>
    <xsl:iterate select="$start/following::text()">
      <xsl:param name="found" as="text()*" select="()"/>
      <xsl:on-completion select="$found"/>
      <xsl:choose>
        <xsl:when test=". >> $end">
          <xsl:break select="$found"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:next-iteration>
            <xsl:with-param name="found" select="$found, ."/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- Between two pieces of a quoted segment: " | " where a line of a zone ends (a word may be
       split there: the source does not say), nothing at an lb with break="no", a space at
       another lb. -->
  <xsl:function name="r:break-before" as="xs:string">
    <xsl:param name="before" as="text()?"/>
    <xsl:param name="after" as="text()"/>
    <!-- the first lb after $before, if it comes before $after: a filter on the whole
         following axis would walk to the end of the document for every piece -->
    <xsl:variable name="lb" as="element()?" select="$before/following::lb[1][. &lt;&lt; $after]"/>
    <xsl:variable name="lines" as="element()*"
        select="$before/ancestor::line[1], $after/ancestor::line[1]"/>
    <xsl:sequence select="if (empty($before)) then ''
        else if (exists($lines) and not(count($lines) = 2 and $lines[1] is $lines[2])) then ' | '
        else if (empty($lb)) then ''
        else if ($lb/@break = 'no') then '' else ' '"/>
  </xsl:function>

  <!-- Marks of the source and its furniture: shown as in the source, in the diplomatic view. -->
  <xsl:template match="metamark | fw | catchwords | signatures | am" mode="r:main" as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="local-name()"/>
      <!-- an abbreviation's mark in a variant reading is the witness's, in both views
           (probe 104: "p<am>.</am>" read "p( )") -->
      <xsl:with-param name="view" select="if (self::am and ancestor::rdg) then () else 'dipl'"/>
      <xsl:with-param name="title" select="if (self::metamark) then string-join((
          r:msg('tr.metamark'), @function ! normalize-space(.)), ': ') else ()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The mark of an ellipsis (the source's own "...", standing for what it leaves out) is
       text of the reading too, not only of the diplomatic view. -->
  <xsl:template match="ellipsis/metamark" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="'metamark'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- titled as add and del are: where the span stands and whose hand made it (a wife's
       postscript, addSpan hand="#Caroline") -->
  <xsl:template match="addSpan | delSpan | damageSpan" mode="r:main" as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="view" select="'dipl'"/>
      <xsl:with-param name="title" select="string-join((r:msg('tr.' || local-name()),
          self::addSpan/@place ! r:msg('tr.place', normalize-space(.)),
          self::delSpan/@rend ! normalize-space(.), r:hand-title(.)), '; ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The anchor that ends a deletion's or an addition's span closes its sign. -->
  <xsl:key name="r:span-end" match="delSpan | addSpan"
      use="replace(normalize-space(@spanTo), '^#', '')"/>

  <xsl:template match="anchor[@xml:id][$r:has-spans]" mode="r:main" as="node()*"
      priority="2">
    <xsl:variable name="id" as="xs:string" select="string(@xml:id)"/>
    <!-- key() needs a document: a part of a text may be rendered from a copy without one -->
    <xsl:variable name="spans" as="element()*" select="if (root(.) instance of document-node())
        then key('r:span-end', $id) else root(.)//(delSpan | addSpan)
            [replace(normalize-space(@spanTo), '^#', '') = $id]"/>
    <xsl:next-match/>
    <xsl:call-template name="r:span-close">
      <xsl:with-param name="spans" select="$spans"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The closing sign of a span that runs to the end of an element of words, after them
       (base.xsl: r:span-last). -->
  <xsl:template match="delSpan | addSpan" mode="r:span-closed" as="element()?">
    <xsl:call-template name="r:span-close">
      <xsl:with-param name="spans" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- The closing sign of the span that ends at the context element: at an anchor, after it;
       at a page break or a milestone (probe 39, a Leopardi autograph's addSpan to a pb:
       ⸂ opened and nothing closed it), before it, called by their templates. -->
  <xsl:template name="r:span-close" as="element()?">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="spans" as="element()*" select="if (empty(@xml:id) or not($r:has-spans)
        or not(root(.) instance of document-node())) then ()
        else key('r:span-end', string(@xml:id))"/>
    <xsl:for-each select="$spans[1]">
      <span class="{local-name()}-end ed-dipl">
        <xsl:if test="not($r:views)">
          <xsl:attribute name="hidden" select="'hidden'"/>
        </xsl:if>
        <xsl:sequence select="r:mark(if (self::delSpan) then '⟧' else '⸃')"/>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- A change of hand: a mark in the diplomatic view, named in its title. -->
  <!-- The new hand: the handNote @new points at, else the scribe the shift names itself
       (att.handFeatures: @scribe, @scribeRef; a letter edition's scribe="Caroline" for the
       wife's postscript), its script and medium. A shift that names none says only that the
       hand changes, not "change of hand:" and nothing. -->
  <xsl:template match="handShift" mode="r:main" as="element()">
    <!-- @scribe is a name, but editions write a pointer there too (scribe="#pmb2563", the
         Schnitzler letters: "change of hand: #pmb2563"); one that leads to an entry is read
         as @scribeRef is -->
    <xsl:variable name="hand" as="xs:string*" select="(@new ! r:hand-name(.),
        (@scribe[empty(current()/@new)] ! (if (matches(normalize-space(.), '^#\S+$')
            and exists(r:hand-entry(.))) then r:hand-name(.) else normalize-space(.)),
         @scribeRef[empty(current()/(@new, @scribe))] ! r:hand-name(.))[. != ''],
        @script ! r:words(.))[. != '']"/>
    <!-- the medium, unless the hand's description gives it ("Wilhelm Grimm, pencil, pencil") -->
    <xsl:variable name="medium" as="xs:string?" select="@medium ! normalize-space(.)
        [. != ''][not(contains(r:letters(string-join($hand, ' ')), r:letters(.)))]"/>
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="'handShift'"/>
      <xsl:with-param name="view" select="'dipl'"/>
      <xsl:with-param name="title" select="if (exists(($hand, $medium))) then r:msg(
          'tr.handShift', string-join(($hand, $medium), ', ')) else r:msg('tr.handShift-plain')"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:text>¦</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Text the editor reads with doubt, or could not read. -->
  <xsl:template match="unclear" mode="r:main" as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="string-join(('unclear',
          @cert[. = ('low', 'unknown')] ! 'cert-low'), ' ')"/>
      <xsl:with-param name="title" select="string-join((r:msg('tr.unclear'),
          @reason ! r:value-words(., false()), @cert ! r:msg('tr.cert', normalize-space(.))),
          '; ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="supplied | secl" mode="r:main" as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="title" select="string-join((string-join((r:msg('tr.' || local-name()),
          (@reason ! r:value-words(., false()), @source ! r:words(replace(., '^#', '')))[1]),
          ': '),
          @cert ! r:msg('tr.cert', normalize-space(.))), '; ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Superfluous text: in the source, left out of the reading. -->
  <xsl:template match="surplus" mode="r:main" as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="'surplus'"/>
      <xsl:with-param name="view" select="if (r:leiden-kept(.)) then () else 'dipl'"/>
      <xsl:with-param name="title" select="string-join((r:msg('tr.surplus'),
          @reason ! r:value-words(., false())), ': ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An expansion's letters: in brackets in the reading, absent from the source. -->
  <xsl:template match="ex" mode="r:main" as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="'ex'"/>
      <xsl:with-param name="view" select="'read'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A blank in the source: one space in the reading, its extent in the diplomatic view. -->
  <xsl:template match="space" mode="r:main" as="node()+">
    <xsl:variable name="size" as="xs:double?"
        select="(@quantity, @extent)[1][. castable as xs:double] ! xs:double(.)"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="'space ' || (
          if (@dim = 'vertical' or @unit = ('line', 'lines')) then 'space-lines'
          else if (empty($size) or $size le 2) then 'space-s'
          else if ($size le 6) then 'space-m' else 'space-l')"/>
      <xsl:with-param name="view" select="'dipl'"/>
      <xsl:with-param name="title" select="r:msg('tr.space', r:extent(.))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Letters cut as a ligature in the edition division of an inscription (EpiDoc's
       <hi rend="ligature">, Leiden: a tie over the joined letters) take that tie, U+0361
       after each letter but the last ("Zeth͡i"): the class alone showed nothing, and the
       reader did not learn the letters were joined (probe 42). The tie is a sign of the
       editor, out of the search index, so the word is found as written. Letters with markup
       of their own inside keep their rendering. -->
  <xsl:template match="hi[lower-case(normalize-space(@rend)) = 'ligature'][empty(*)]
      [ancestor::div[@type = 'edition']]" mode="r:main" as="element()" priority="1">
    <xsl:variable name="letters" as="xs:string*"
        select="string-to-codepoints(normalize-space(.)) ! codepoints-to-string(.)"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'hi'"/>
      </xsl:call-template>
      <xsl:for-each select="$letters">
        <xsl:variable name="at" as="xs:integer" select="position()"/>
        <xsl:value-of select="."/>
        <!-- a combining mark of the source stays on its letter: the tie follows it -->
        <xsl:if test="$at lt last() and not(matches(., '\s'))
            and not(matches($letters[$at + 1], '^[\p{M}\s]'))">
          <xsl:sequence select="r:mark('&#x361;')"/>
        </xsl:if>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- A blank in the edition division of an inscription or papyrus (EpiDoc's div
       type="edition") is the editor's "vacat", a sign its readers know: "vac." with its
       extent when it is counted ("vac. 3", "vac. ca. 4", "vac. 2 lines"), in both views. It
       was a space in the reading view, a dotted box in the diplomatic one, so the reading
       text did not say the stone was left blank there (probe 42). Elsewhere a blank is
       layout, as above. -->
  <xsl:template match="space[ancestor::div[@type = 'edition']]" mode="r:main" as="node()+"
      priority="1">
    <xsl:variable name="count" as="xs:string?" select="r:count(.)"/>
    <xsl:variable name="lines" as="xs:boolean"
        select="@dim = 'vertical' or lower-case(normalize-space(@unit)) = ('line', 'lines')"/>
    <xsl:variable name="label" as="xs:string" select="normalize-space(r:msg('tr.space', r:extent(.)))"/>
    <xsl:text> </xsl:text>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'space leiden'"/>
      </xsl:call-template>
      <xsl:attribute name="title" select="$label"/>
      <!-- a sign of the editor, out of the search index, as a gap's -->
      <span class="sign" data-pagefind-ignore="">
        <xsl:value-of select="string-join(('vac.', if (empty($count)) then ()
            else if ($lines) then r:with-unit($count, 'lines') else $count), ' ')"/>
      </span>
      <span class="visually-hidden">
        <xsl:sequence select="r:ui-words(.)"/>
        <xsl:value-of select="' ' || $label"/>
      </span>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Text left out: a visible mark, and what is missing in words for screen readers (in the
       interface's language, also inside a Greek or Hebrew division). In the edition division
       of an epigraphic or papyrological text (EpiDoc's div type="edition") a gap of lost or
       illegible characters or lines takes the Leiden sign its readers know (r:leiden-gap);
       anywhere else "[…]". -->
  <xsl:template match="gap" mode="r:main" as="element()">
    <xsl:variable name="what" as="xs:string" select="string-join((r:extent(.),
        (@reason, @agent)[1] ! ('(' || r:value-words(., false()) || ')')), ' ')"/>
    <xsl:variable name="label" as="xs:string"
        select="normalize-space(r:msg('tr.gap', $what))"/>
    <xsl:variable name="leiden" as="xs:string?" select="r:leiden-gap(.)"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="if (exists($leiden)) then 'gap leiden' else 'gap'"/>
      </xsl:call-template>
      <xsl:attribute name="title" select="$label"/>
      <xsl:choose>
        <!-- a sign of the editor, not words of the text (out of the search index, as
             r:mark); "[3 lines lost]" is in the interface's language and direction -->
        <xsl:when test="exists($leiden)">
          <span class="sign" data-pagefind-ignore="">
            <xsl:sequence select="if (matches($leiden, '\p{L}{2}')) then r:ui-words(.) else ()"/>
            <xsl:value-of select="$leiden"/>
          </span>
        </xsl:when>
        <xsl:otherwise>[…</xsl:otherwise>
      </xsl:choose>
      <span class="visually-hidden">
        <xsl:sequence select="r:ui-words(.)"/>
        <xsl:value-of select="' ' || $label"/>
      </span>
      <xsl:choose>
        <xsl:when test="exists($leiden)">
          <xsl:for-each select="desc[normalize-space()]">
            <xsl:text> (</xsl:text>
            <xsl:apply-templates select="node()" mode="r:main"/>
            <xsl:text>)</xsl:text>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="desc" mode="r:main"/>
          <xsl:text>]</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- The Leiden sign of a gap (Guidelines 11.4, "Omissions"; EpiDoc's and the papyrological
       editions' practice): lost characters in square brackets, one dot each ("[....]"), or
       their number when they are more than eight or counted roughly ("[– ca. 12 –]",
       "[– ca. 3–5 –]"), "[– – –]" when nobody knows how many; illegible characters the same
       without brackets (".." , "– ca. 12 –", "– ca. ? –"); lost lines "[3 lines lost]", or a
       row of dashes when their number is unknown; illegible lines "traces of 2 lines". Empty
       for any other gap, and outside an edition division, where "[…]" is the sign. -->
  <xsl:function name="r:leiden-gap" as="xs:string?">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="unit" as="xs:string" select="lower-case(normalize-space($gap/@unit))"/>
    <xsl:variable name="chars" as="xs:boolean"
        select="$unit = ('character', 'characters', 'char', 'chars', 'letter', 'letters')"/>
    <xsl:variable name="lines" as="xs:boolean" select="$unit = ('line', 'lines')"/>
    <xsl:variable name="reason" as="xs:string" select="lower-case(normalize-space($gap/@reason))"/>
    <xsl:variable name="lost" as="xs:boolean" select="$reason = 'lost'"/>
    <xsl:if test="($lost or $reason = 'illegible') and ($chars or $lines)
        and exists($gap/ancestor::div[@type = 'edition'])">
      <xsl:variable name="count" as="xs:integer?"
          select="$gap/@quantity[. castable as xs:integer] ! xs:integer(.)"/>
      <xsl:variable name="low" as="xs:integer?"
          select="$gap/@atLeast[. castable as xs:integer] ! xs:integer(.)"/>
      <xsl:variable name="high" as="xs:integer?"
          select="$gap/@atMost[. castable as xs:integer] ! xs:integer(.)"/>
      <xsl:variable name="rough" as="xs:boolean" select="$gap/@precision = ('low', 'medium')"/>
      <xsl:variable name="number" as="xs:string?" select="if (exists($count)
          or (empty($gap/@quantity) and exists($low) and exists($high))) then r:count($gap)
          else ()"/>
      <xsl:sequence select="
          if ($chars and exists($count) and $count le 8 and not($rough) and $count gt 0) then
            (if ($lost) then '[' else '') || string-join((1 to $count) ! '.')
              || (if ($lost) then ']' else '')
          else if ($chars) then
            (if ($lost) then '[' else '')
              || (if (exists($number))
                  then '– ' || (if (exists($count) and $rough) then '' else r:msg('tr.circa') || ' ')
                       || $number || ' –'
                  else if ($lost) then '– – –' else '– ' || r:msg('tr.circa') || ' ? –')
              || (if ($lost) then ']' else '')
          else
            let $extent := if (exists($number)) then $number || ' ' || r:msg(
                if ($count eq 1 and not($rough)) then 'unit.line' else 'unit.lines')
              else () return
            if ($lost) then (if (exists($extent)) then '[' || r:msg('tr.lines-lost', $extent) || ']'
                             else '– – – – – –')
            else r:msg('tr.lines-traces', ($extent, '? ' || r:msg('unit.lines'))[1])"/>
    </xsl:if>
  </xsl:function>

  <!-- "3 words", "1 line", "ca. 7 lines", "3–5 characters" ... from @quantity (and
       @precision), @extent, @atLeast and @atMost, and @unit ('' when none). -->
  <xsl:function name="r:extent" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="count" as="xs:string?" select="r:count($e)"/>
    <xsl:variable name="amount" as="xs:string" select="normalize-space(string-join(($count,
        $e/@extent, if (exists($count)) then ()
        else ($e/@atLeast ! ('≥ ' || .), $e/@atMost ! ('≤ ' || .))), ' '))"/>
    <xsl:sequence select="r:with-unit($amount, normalize-space($e/@unit))"/>
  </xsl:function>

  <!-- An amount and its unit in the interface's words: "1 line", "214 leaves", "3 cm"; a unit
       of no known key as written. -->
  <xsl:function name="r:with-unit" as="xs:string">
    <xsl:param name="amount" as="xs:string"/>
    <xsl:param name="unit" as="xs:string"/>
    <xsl:variable name="unit-key" as="xs:string?" select="map {
        'char': 'chars', 'chars': 'chars', 'character': 'chars', 'characters': 'chars',
        'letter': 'chars', 'letters': 'chars', 'word': 'words', 'words': 'words',
        'line': 'lines', 'lines': 'lines', 'page': 'pages', 'pages': 'pages',
        'leaf': 'leaves', 'leaves': 'leaves', 'cm': 'cm', 'mm': 'mm'}(lower-case($unit))"/>
    <!-- one of a unit is singular: "1 line", not "1 lines"; one of a unit the catalogue
         does not know is as written (probe 97: a Schnitzler letter's <measure unit="karte"
         quantity="1"/> asked the map for no key, and its page could not be made) -->
    <xsl:variable name="one" as="xs:string?" select="if ($amount = '1' and exists($unit-key))
        then map {
        'chars': 'char', 'words': 'word', 'lines': 'line', 'pages': 'page',
        'leaves': 'leaf'}($unit-key) else ()"/>
    <xsl:sequence select="normalize-space(string-join(($amount,
        if (exists($one)) then r:msg('unit.' || $one)
        else if (exists($unit-key)) then r:msg('unit.' || $unit-key) else r:words($unit)), ' '))"/>
  </xsl:function>

  <!-- A number of units as written: "12", "ca. 12" (@precision low or medium), "3–5"
       (@atLeast and @atMost); empty without @quantity or both bounds. -->
  <xsl:function name="r:count" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
        if (normalize-space($e/@quantity)) then (if ($e/@precision = ('low', 'medium'))
          then r:msg('tr.circa') || ' ' else '') || normalize-space($e/@quantity)
        else if (normalize-space($e/@atLeast) and normalize-space($e/@atMost))
          then normalize-space($e/@atLeast) || '–' || normalize-space($e/@atMost)
        else ()"/>
  </xsl:function>

  <!-- An attribute token as words: "saut_du_meme" -> "saut du meme", "marginLeft" ->
       "margin left". -->
  <!-- A value of the Guidelines' suggested lists (gap/@reason "illegible", @agent "water",
       del/@rend "strikethrough") in the interface's language, else as words (r:words): a
       German page read "vom Herausgeber ergänzt: omitted" (probe 169). A @rend is a list of
       tokens ($tokens), a reason one value: a name given as a reason keeps its case. -->
  <xsl:function name="r:value-words" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="tokens" as="xs:boolean"/>
    <xsl:sequence select="string-join((if ($tokens) then tokenize($value) else normalize-space($value))
        ! (let $key := 'val.' || lower-case(.) return
           if (r:has-msg($key)) then r:msg($key) else r:words(.)), ', ')"/>
  </xsl:function>

  <xsl:function name="r:words" as="xs:string">
    <xsl:param name="token" as="xs:string?"/>
    <xsl:variable name="spaced" as="xs:string"
        select="normalize-space(replace(string($token), '[_#]', ' '))"/>
    <!-- a camel-case token is words of a vocabulary ("illegibleDamage" -> "illegible
         damage"); any other keeps its case: a reason or source may be a name ("Maimonides",
         a gap where a Mishnah manuscript has his commentary; source="#Kaufmann") -->
    <xsl:sequence select="if (matches($spaced, '[a-z][A-Z]'))
        then lower-case(replace($spaced, '([a-z])([A-Z])', '$1 $2')) else $spaced"/>
  </xsl:function>

  <!-- The editorial choice: the reading view shows the editor's form (corr, reg, expan), the
       diplomatic view the source's (sic, orig, abbr), each naming the other in its title.
       Other alternatives (two readings of an unclear word ...) show in brackets in both. -->
  <xsl:template match="choice" mode="r:main" as="element()">
    <xsl:variable name="reading" as="element()?" select="r:chosen(.)"/>
    <xsl:variable name="source" as="element()?" select="(sic, orig, abbr)[1]"/>
    <!-- a choice inside a word ("Wein<choice><sic>berg</sic><corr>burg</corr></choice>"):
         the search reads the reading view's word alone (pipeline/builders/search.py) -->
    <xsl:variable name="in-word" as="xs:boolean" select="r:in-word(.)"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'choice' || (if ($in-word) then ' in-word' else '')"/>
      </xsl:call-template>
      <xsl:apply-templates select="$reading" mode="r:choice">
        <xsl:with-param name="view" select="if (exists($source)) then 'read' else ()"/>
        <xsl:with-param name="other" select="$source"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="$source" mode="r:choice">
        <xsl:with-param name="view" select="'dipl'"/>
        <xsl:with-param name="other" select="$reading"/>
      </xsl:apply-templates>
      <xsl:for-each select="* except ($reading, $source)">
        <!-- the space outside the sign and the hidden label out of the search: "aaa" and
             "corrected:" were one word there (probe 69) -->
        <span class="alt alt-{local-name()}">
          <xsl:text> </xsl:text>
          <xsl:sequence select="r:mark('[')"/>
          <span class="visually-hidden" data-pagefind-ignore="">
            <xsl:value-of select="r:alt-label(.) || ' '"/>
          </span>
          <xsl:apply-templates select="." mode="r:choice"/>
          <xsl:sequence select="r:mark(']')"/>
        </span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:mode name="r:choice" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="*" mode="r:choice" as="element()">
    <xsl:param name="view" as="xs:string?" select="()"/>
    <xsl:param name="other" as="element()?" select="()"/>
    <!-- the editor's certainty of the intervention (@cert on a reg, a corr, an expan), said
         as an unclear or a supplied one says it (probe 114: a reg cert="low" read as sure) -->
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="element" select="if (self::abbr) then 'abbr' else 'span'"/>
      <xsl:with-param name="class" select="string-join((local-name(),
          @cert[. = ('low', 'unknown')] ! 'cert-low'), ' ')"/>
      <xsl:with-param name="view" select="$view"/>
      <xsl:with-param name="title" select="string-join((
          $other ! (r:alt-label(.) || ' ' || r:other-words(.)),
          @cert[normalize-space()] ! r:msg('tr.cert', normalize-space(.))), '; ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The other side of a choice as its title says it: an abbreviation as written, with its
       marks (am), which the reading text leaves out ("abbreviated: Frankf" for
       <abbr>Frankf<am>.</am></abbr>, probe 59); an empty one as such. -->
  <xsl:function name="r:other-words" as="xs:string">
    <xsl:param name="other" as="element()"/>
    <!-- an abbreviation's children one by one: r:plain reads a mark asked for itself -->
    <xsl:variable name="words" as="xs:string" select="if ($other/self::abbr)
        then r:plain($other/node()) else r:plain($other)"/>
    <!-- an empty correction deletes what the source has: "corrected: (nothing)", not a label
         of nothing (probe 59) -->
    <xsl:sequence select="if ($words = '' and empty($other/*)) then r:msg('tr.nothing')
        else $words"/>
  </xsl:function>

  <xsl:function name="r:alt-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="r:msg(if ($e/self::sic) then 'tr.sic'
        else if ($e/self::corr) then 'tr.corr'
        else if ($e/self::orig) then 'tr.orig'
        else if ($e/self::reg) then 'tr.reg'
        else if ($e/self::abbr) then 'tr.abbr'
        else if ($e/self::expan) then 'tr.expan'
        else 'tr.or')"/>
  </xsl:function>

  <!-- The same elements outside a choice: shown in both views, marked. -->
  <xsl:template match="sic | corr | orig | reg | expan" mode="r:main" as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="abbr" mode="r:main" as="element()">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="element" select="'abbr'"/>
      <xsl:with-param name="class" select="'abbr'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Whether the document being rendered has two views (the page's text). -->
  <xsl:variable name="r:doc-views" as="xs:boolean" select="r:find-views(/)"/>

  <!-- Line breaks. In a text without two views a line break is a line break. In a text with
       them, the diplomatic view keeps the lines of the source and the reading view lets the
       text run on (a space where the line ended); a break inside a word (break="no") joins the
       word in the reading view, and shows as a hyphen and a new line in the diplomatic view
       (no second hyphen when the source has one before it). In an edition division (EpiDoc's
       div type="edition") both views and the book keep the lines of the inscription or
       papyrus, numbered, as Leiden editions print them: its apparatus and commentary cite
       them by line. -->
  <xsl:template match="lb" mode="r:main" as="element()+">
    <xsl:choose>
      <xsl:when test="r:edition-lines(.)">
        <xsl:choose>
          <xsl:when test="@break = 'no'">
            <span>
              <xsl:call-template name="r:attributes">
                <xsl:with-param name="class" select="string-join(('lb-joined', 'lb-kept',
                    if (matches(string(preceding-sibling::node()[not(r:at-break(.))][1]
                    [self::text()]), '[-‐¬=­]\s*$'))
                    then 'hyphenated' else ()), ' ')"/>
              </xsl:call-template>
            </span>
          </xsl:when>
          <!-- the first line of a block starts with it: no empty line before -->
          <xsl:when test="empty(preceding-sibling::node()[self::* or normalize-space()])">
            <span>
              <xsl:call-template name="r:attributes">
                <xsl:with-param name="class" select="'lb'"/>
              </xsl:call-template>
            </span>
          </xsl:when>
          <xsl:otherwise>
            <br>
              <xsl:call-template name="r:attributes"/>
            </br>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:sequence select="r:source-line-number(.)"/>
      </xsl:when>
      <xsl:when test="@break = 'no'">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="string-join(('lb-joined', 'ed-dipl',
                if (matches(string(preceding-sibling::node()[not(r:at-break(.))][1]
                    [self::text()]), '[-‐¬=­]\s*$'))
                then 'hyphenated' else ()), ' ')"/>
          </xsl:call-template>
        </span>
        <!-- after the span, whose ::after is the new line -->
        <xsl:sequence select="r:source-line-number(.)"/>
      </xsl:when>
      <xsl:when test="$r:doc-views">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'lb'"/>
          </xsl:call-template>
          <!-- no space where a line of Chinese or Japanese goes on (r:unspaced): those
               scripts put none between words, and a line break is no word boundary -->
          <xsl:variable name="space" as="xs:string" select="if (r:unspaced(.)) then '' else ' '"/>
          <xsl:choose>
            <xsl:when test="$r:views">
              <span class="ed-read"><xsl:value-of select="$space"/></span>
              <xsl:if test="not(r:block-start(.))">
                <br class="ed-dipl"/>
              </xsl:if>
              <xsl:sequence select="r:source-line-number(.)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="$space"/>
            </xsl:otherwise>
          </xsl:choose>
        </span>
      </xsl:when>
      <!-- a line beginning (TEI's lb) that opens its block, or stands between blocks (before
           a division's head): the block starts a line anyway, and a break there drew an empty
           line above every paragraph of a text marked line by line (<p><lb/>...) -->
      <xsl:when test="r:block-start(.)">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'lb'"/>
          </xsl:call-template>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <br>
          <xsl:call-template name="r:attributes"/>
        </br>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- True when a line break has no words of its block before it: the first thing of a block
       (or of an inline element that is the first thing of its block: <p><hi><lb/>...), or a
       break directly in a division, between its blocks; not one that opens a phrase inside
       a line (<p>words <hi><lb/>...), which breaks the line. -->
  <xsl:function name="r:block-start" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="up" as="element()?" select="$node/parent::*"/>
    <xsl:sequence select="exists($up[self::div or matches(local-name(), '^div\d$') or self::body
            or self::front or self::back])
        or (empty($node/preceding-sibling::node()[normalize-space()
                or self::*[not(self::pb or self::cb or self::milestone or self::anchor)]])
            and exists($up)
            and (not(r:is-inline($up) or r:phrase-inside($up)) or r:block-start($up)))"/>
  </xsl:function>

  <!-- A phrase that r:is-inline does not see, as its parent is no running text: a reading of
       an apparatus entry (app/lem), a child of a choice or a substitution, a number inside a
       measure, a word of a sentence ... A break opening it breaks the line when the phrase
       stands after words ("und<app><lem><lb/>ihm</lem>..</app>" is two words, not one). -->
  <xsl:function name="r:phrase-inside" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::app or self::lem or self::rdg or self::rdgGrp
        or self::choice or self::subst or self::w or self::num or self::measure
        or self::damage or self::s or self::phr or self::cl or self::secl or self::redo
        or self::gloss or self::distinct or self::seg or self::hi or self::emph or self::foreign
        or self::q or self::said or self::title or self::persName or self::placeName
        or self::orgName or self::name or self::rs or self::date or self::ref or self::add
        or self::del or self::unclear or self::supplied or self::sic or self::corr
        or self::orig or self::reg or self::abbr or self::expan or self::term
        or self::mentioned or self::soCalled])"/>
  </xsl:function>

  <!-- The number a line of the source has (lb/@n), at its start in the diplomatic view, where
       an edition prints one: every fifth line, a number that is no plain count ("7a"), and
       where the count starts again or jumps (a new column, the other face). Hidden from
       screen readers and from a selection, so that a copied passage is the source's words. -->
  <xsl:function name="r:source-line-number" as="element()?">
    <xsl:param name="lb" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($lb/@n)"/>
    <xsl:variable name="before" as="xs:string"
        select="normalize-space($lb/preceding::lb[1]/@n)"/>
    <xsl:variable name="edition" as="xs:boolean" select="r:edition-lines($lb)"/>
    <xsl:if test="($edition or $r:views and $r:doc-views) and $n != ''
        and (not($n castable as xs:integer)
        or xs:integer($n) mod 5 = 0 or not($before castable as xs:integer)
        or xs:integer($before) + 1 != xs:integer($n))">
      <span class="lb-n{if ($edition) then '' else ' ed-dipl'}" aria-hidden="true"
          data-pagefind-ignore="">
        <xsl:value-of select="$n"/>
      </span>
    </xsl:if>
  </xsl:function>

  <!-- Whether a line break is one of an edition division's lines, kept in every view. -->
  <xsl:function name="r:edition-lines" as="xs:boolean">
    <xsl:param name="lb" as="element()"/>
    <xsl:sequence select="exists($lb/ancestor::div[@type = 'edition'])"/>
  </xsl:function>

  <!-- A column break: a mark in the diplomatic view (and a space between two words); one of
       a witness or edition (cb edRef="#C", probe 34) says whose column it is, as a page
       break of one does. -->
  <xsl:template match="cb" mode="r:main" as="node()+">
    <xsl:if test="r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="'cb'"/>
      <xsl:with-param name="view" select="'dipl'"/>
      <xsl:with-param name="indexed" select="false()"/>
      <xsl:with-param name="title" select="string-join((r:msg('tr.column'),
          normalize-space(@n)[. != ''], r:break-ed(.)[. != ''] ! ('(' || r:token-words(.) || ')')),
          ' ')"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:text>‖</xsl:text>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

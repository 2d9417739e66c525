<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mentions: where a name or date of a normalized text sits (document, section, block, page),
  what it says and a short context snippet. Used by entities.xsl for entity occurrences,
  timeline dates and the problem lists.

  Everything here is local to the mention: ancestors (section, block), one accumulator value
  (page) and at most $ed:context-nodes neighbouring text nodes inside the mention's block.
  No whole-document string processing (DESIGN.md section 4: regexes over a novel are slow).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="xs map tei r">

  <!-- r:read-in(): the words of the reading text (one side of a choice, a lemma, no
       deletions), as the reading page shows them. -->
  <xsl:import href="../../common/reading.xsl"/>

  <!-- About 60 characters of context on each side of a mention, cut at a word boundary. -->
  <xsl:variable name="ed:context-width" as="xs:integer" select="60"/>
  <!-- Neighbouring text nodes of the reading text read on each side (bounds the work per
       mention), among at most $ed:context-reach nodes: a text abbreviated word by word writes
       three or four nodes a word (an abbr, its expan, an ex), of which the reading reads two;
       twelve nodes of any kind began a context inside a word ('annes de Souerby', probe 147). -->
  <xsl:variable name="ed:context-nodes" as="xs:integer" select="20"/>
  <!-- What a gap (text lost, illegible or left out: Guidelines 11.4) reads in a name, a date
       or a context: the letters around it are no whole word (probe 156: "M<gap/>LII", a date
       of 1152, read "MLII"; "Hu<gap/>" the spelling "Hu"). -->
  <xsl:variable name="ed:gap" as="xs:string" select="'[…]'"/>
  <xsl:variable name="ed:context-reach" as="xs:integer" select="40"/>

  <!-- The nearest preceding pb of the same document's own pagination (reset at each
       ed:document): a break of a second edition's pages (pb ed="shamela" among breaks
       without @ed) gave its number to the mentions after it, "p. 19" where the reading page
       says "p. 22" (probes 3 and 4). -->
  <xsl:accumulator name="ed:page" as="element(tei:pb)?" initial-value="()">
    <xsl:accumulator-rule match="ed:document" select="()"/>
    <xsl:accumulator-rule match="tei:pb[not(ed:secondary-pb(.))]" select="."/>
  </xsl:accumulator>

  <!-- Whether a page break is of another pagination than the text's main one: the rule of
       r:secondary-pb (common/base.xsl), which the reading page and the book follow, taken
       within the break's own document of the corpus. -->
  <xsl:function name="ed:secondary-pb" as="xs:boolean">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:variable name="ed" as="xs:string" select="ed:break-ed($pb)"/>
    <xsl:sequence select="$ed != '' and (ed:in-variant($pb) or $ed ne ed:main-edition((
        $pb/ancestor::ed:document[1], root($pb)/*)[1]))"/>
  </xsl:function>

  <!-- r:in-variant (common/base.xsl): in a reading that is not the text's. -->
  <xsl:function name="ed:in-variant" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::tei:rdg[1][preceding-sibling::tei:rdg
        or ancestor::tei:app[1]/(tei:lem | tei:rdgGrp/tei:lem)])"/>
  </xsl:function>

  <!-- Once per document: the edition most of its breaks name, '' when some name none or
       when each names a witness of the apparatus (no pagination of the text's own). -->
  <xsl:function name="ed:main-edition" as="xs:string" cache="yes">
    <xsl:param name="document" as="element()"/>
    <xsl:variable name="eds" as="xs:string*"
        select="$document//tei:pb[not(ed:in-variant(.))] ! ed:break-ed(.)"/>
    <xsl:variable name="named" as="xs:string*" select="distinct-values($eds)"/>
    <xsl:variable name="counts" as="xs:integer*"
        select="for $n in $named return count($eds[. = $n])"/>
    <xsl:variable name="witnesses" as="xs:boolean" select="count($named) gt 1
        and (every $n in $named satisfies starts-with($n, '#')
            and exists($document//tei:witness[@xml:id = substring($n, 2)]))"/>
    <xsl:sequence select="if (empty($eds) or $eds = '' or $witnesses) then ''
        else $named[index-of($counts, max($counts))[1]]"/>
  </xsl:function>

  <xsl:function name="ed:break-ed" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="normalize-space(($pb/@ed[normalize-space()], $pb/@edRef)[1])"/>
  </xsl:function>

  <!-- Ordinal of a name or date inside tei:text (or tei:sourceDoc) or a note its standOff
       keeps, per document: the same pattern as the normalisation stage, so Python finds the
       element in the source tree (for its line: index_checks._MentionLines). -->
  <xsl:accumulator name="ed:ordinal" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="ed:document" select="0"/>
    <xsl:accumulator-rule match="(tei:text | tei:sourceDoc | tei:TEI/tei:standOff
        //tei:listAnnotation//tei:note)//(tei:persName | tei:placeName | tei:orgName
        | tei:name | tei:rs | tei:date | tei:geogName | tei:objectName | tei:eventName
        | tei:settlement | tei:region | tei:country | tei:district | tei:bloc)"
        select="$value + 1"/>
  </xsl:accumulator>

  <!-- Whether a mention is in a note the standOff keeps (a listAnnotation), which the page
       shows after the text, under its notes' heading (r:standoff-notes). -->
  <xsl:function name="ed:apart" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="exists($node/ancestor::tei:note/ancestor::tei:listAnnotation
        /ancestor::tei:standOff[parent::tei:TEI])"/>
  </xsl:function>

  <!-- The innermost section of a mention. -->
  <xsl:function name="ed:section" as="element()?">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="$node/ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2
        or self::tei:div3 or self::tei:div4 or self::tei:div5][1]"/>
  </xsl:function>

  <!-- The words of a section's heading, read once per section: every mention in it asks
       (a newspaper's article of 200 names read its heading 200 times). -->
  <xsl:function name="ed:heading" as="xs:string?" cache="yes">
    <xsl:param name="section" as="element()"/>
    <xsl:sequence select="(r:main-head($section) ! ed:text(.))[1]"/>
  </xsl:function>

  <!-- The language of a section's heading: the nearest xml:lang around it (TEI inherits
       xml:lang), read once per section as its words are. -->
  <xsl:function name="ed:heading-lang" as="xs:string?" cache="yes">
    <xsl:param name="section" as="element()"/>
    <xsl:sequence select="(r:main-head($section)/ancestor-or-self::*[@xml:lang][1]
        /@xml:lang[normalize-space()] ! string(.))[1]"/>
  </xsl:function>

  <!-- The innermost block carrying an anchor (the ids added by normalisation); an utterance
       is one (probe 152: a name's context in a transcript ran into the other speakers'
       turns and the registers after them). -->
  <xsl:function name="ed:block" as="element()?">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="$node/ancestor::*[@xml:id][self::tei:p or self::tei:ab or self::tei:head
        or self::tei:lg or self::tei:sp or self::tei:stage or self::tei:table or self::tei:figure
        or self::tei:item or self::tei:list or self::tei:quote or self::tei:bibl
        or self::tei:listBibl or self::tei:note or self::tei:u][1]"/>
  </xsl:function>

  <!-- Text of an element without the notes it contains, whitespace normalised. -->
  <!-- The parts of a name written with nothing between them ("<forename>Ada</forename>
       <surname>Lovelace</surname>") are words apart: a space before the first text of a part
       that follows another element. -->
  <!-- A name of words alone (<persName ref="#p1">Anna</persName>, most names a text has) is
       its one text node, and a register's name of words and parts of words (forename,
       surname ...) its words with a space before a part that follows another: nothing in
       them is left out or joined, so their words are read without the tests below, which
       cost a text of 8,000 names a tenth of its index's time (each mention is read twice,
       for its variant and its record, and each entry's name for its sort key too). -->
  <xsl:function name="ed:text" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if (empty($element/*) and count($element/text()) le 1)
        then normalize-space($element)
        else if (ed:name-of-parts($element)) then normalize-space(string-join($element/node()
            ! (if (. instance of text()) then string(.)
               else if (. instance of element()) then (if (text() and preceding-sibling::node()[1]
                   instance of element()) then ' ' else '') || string(.)
               else '')))
        else normalize-space(string-join(
        $element//(text() | tei:g[not(string(.))] | tei:gap)
            [not(ancestor::tei:note[. >> $element])][not(ancestor::tei:gap)]
            [not(ancestor::*[self::tei:location or self::tei:geo][. >> $element])]
            [r:read-in(., $element)]
        ! (if (self::tei:g) then ed:broken(., $element) || r:glyph-read(.)
           else if (self::tei:gap) then ed:broken(., $element) || $ed:gap
           else if (empty(preceding-sibling::node()) and ..[ed:name-part(.)]
               and ../preceding-sibling::node()[1] instance of element()) then ' ' || .
           else ed:broken(., $element) || r:joined(.))))"/>
  </xsl:function>

  <!-- " " before a text that follows a line, page or column break inside $within (no
       break="no"): a name written over two lines ("Frankfurter Zeitung<lb/>und
       Handelsblatt") read "Zeitungund" in every export and context (probe 105). -->
  <xsl:function name="ed:broken" as="xs:string">
    <xsl:param name="text" as="node()"/>
    <xsl:param name="within" as="element()"/>
    <xsl:variable name="last" as="node()?" select="$text/preceding::node()[1][. >> $within]"/>
    <xsl:sequence select="if ($last[self::tei:lb or self::tei:pb
        or self::tei:cb][not(@break = 'no')]) then ' '
        (: a space the source writes as an element, of some extent (probe 170: a space
           element between 'Frankfurt a. M.,' and '2. Aug.' read 'M.,2.') :)
        else if ($last[self::tei:space][not(number(@quantity) = 0)]) then ' '
        (: a seg written against the one before it begins a word of its own with a capital
           or a digit, unless that one ends in a hyphen (pre- War), as the page reads it
           (r:seg-joins, probe 170: a dateline's two segs, Redaction. and Frankfurt, read
           as one word) :)
        else if ($last instance of text() and matches($text, '^[\p{Lu}\p{Nd}]')
            and not(matches($last, '\p{L}\p{M}*[\-‐‑]$'))
            and exists($text/ancestor::tei:seg[1][preceding-sibling::node()[1]
                is $last/ancestor::tei:seg[1]][not(.//text()[. &lt;&lt; $text]
                [normalize-space()])])) then ' '
        else if (ed:block-start($text, $within)) then ' '
        (: an event of a transcript (a door bangs, a pause) is words apart from those around
           it, as the page sets it: 'crosseddoor bangsnot' (probe 152) :)
        else if (exists($last) and exists(($last/ancestor-or-self::*[ed:event(.)]
            except $text/ancestor::*))) then ' '
        else if (exists($last) and exists($text/ancestor::*[ed:event(.)][. >> $last])) then ' '
        else ''"/>
  </xsl:function>

  <xsl:function name="ed:event" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:vocal or self::tei:kinesic or self::tei:incident
        or self::tei:pause or self::tei:shift or self::tei:writing])"/>
  </xsl:function>

  <!-- Whether a text (or a mention) begins a block of a letter's opening or closing, a
       line, a paragraph or an item inside the scope, after words of the scope: a dateline
       and its salute, written without space between, read "31. Januar 1890Sehr geehrter"
       on the timeline (probe 107); a table's cells and a list's labels are so (probe 147:
       "VesselFromTayRiga"). -->
  <xsl:function name="ed:block-start" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="within" as="element()"/>
    <xsl:variable name="block" as="element()?" select="$node/ancestor-or-self::*[self::tei:dateline
        or self::tei:salute or self::tei:signed or self::tei:address or self::tei:addrLine
        or self::tei:p or self::tei:ab or self::tei:l or self::tei:item or self::tei:head
        or self::tei:postscript or self::tei:closer or self::tei:opener or self::tei:cell
        or self::tei:label or self::tei:u][1][. >> $within]"/>
    <xsl:sequence select="exists($block) and empty($block//text()[. &lt;&lt; $node]
        [normalize-space()]) and exists($within//text()[. &lt;&lt; $block][normalize-space()])"/>
  </xsl:function>

  <!-- Whether an element is a name whose children are words and parts of a name, each part
       holding one text node at most. -->
  <xsl:function name="ed:name-of-parts" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:persName or self::tei:placeName or self::tei:orgName
            or self::tei:name or self::tei:objectName or self::tei:eventName or self::tei:geogName])
        and (every $part in $e/* satisfies ed:name-part($part) and count($part/node()) le 1
            and empty($part/*))"/>
  </xsl:function>

  <xsl:function name="ed:name-part" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:forename or self::tei:surname or self::tei:addName
        or self::tei:genName or self::tei:nameLink or self::tei:roleName or self::tei:settlement
        or self::tei:region or self::tei:country or self::tei:district or self::tei:bloc])"/>
  </xsl:function>

  <!-- Context before a mention, inside its block (or section), notes of the block left out.
       String functions only, no regular expressions: this runs once per mention. -->
  <xsl:function name="ed:before" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="scope" as="element()"/>
    <!-- the nearest read nodes, one more than are read to know whether words are left out;
         in document order, the farthest first -->
    <xsl:variable name="read" as="node()*"
        select="$mention/preceding::node()[self::text() or self::tei:g[not(string(.))]
                or self::tei:gap][not(ancestor::tei:gap)]
                [position() le $ed:context-reach][. >> $scope]
                [not(ancestor::tei:note[. >> $scope])][ed:read-with(., $mention, $scope)]
                [position() le $ed:context-nodes + 1]"/>
    <xsl:variable name="nodes" as="node()*" select="if (count($read) gt $ed:context-nodes)
        then subsequence($read, 2) else $read"/>
    <!-- (words of the scope before those read that are read: a long note's are none, probe
         151; looked for in the scope, a block, from its start) -->
    <xsl:variable name="more" as="xs:boolean" select="count($read) gt $ed:context-nodes
        or exists($nodes) and exists($scope//text()[normalize-space()][. &lt;&lt; $nodes[1]]
            [not(ancestor::tei:note[. >> $scope])][ed:read-with(., $mention, $scope)])"/>
    <!-- whether the first node read begins a word: after a space, a note, a break or at a
         block's start (probe 154: the cell before "… g h" was dropped as a part of a word) -->
    <xsl:variable name="first" as="node()?" select="$nodes[1]"/>
    <xsl:variable name="before" as="text()?" select="$first/preceding::text()[1][. >> $scope]"/>
    <xsl:variable name="whole" as="xs:boolean" select="empty($first)
        or matches(ed:read($first), '^\s') or empty($before) or matches($before, '\s$')
        or exists($before/ancestor::tei:note[. >> $scope]) or ed:broken($first, $scope) ne ''
        or exists($first/self::tei:gap)"/>
    <xsl:variable name="joined" as="xs:string"
        select="string-join(($nodes ! (ed:broken(., $scope) || ed:read(.)),
            ed:broken($mention, $scope)))"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space($joined)
        || (if (normalize-space($joined) and ed:space(substring($joined, string-length($joined))))
            then ' ' else '')"/>
    <xsl:variable name="start" as="xs:integer"
        select="string-length($text) - $ed:context-width + 1"/>
    <xsl:variable name="cut" as="xs:string" select="substring($text, $start)"/>
    <!-- words left out before the nodes read: the first word may be a part of one, and the
         context says that words are missing -->
    <xsl:sequence select="
        if ($start le 1 and $more) then '…' || (if (not($whole) and contains($text, ' '))
            then substring-after($text, ' ') else $text)
        else if ($start le 1) then $text
        else if (substring($text, $start - 1, 1) eq ' ') then '…' || $cut
        else if (contains($cut, ' ')) then '…' || substring-after($cut, ' ')
        else '…' || $cut"/>
  </xsl:function>

  <!-- Context after a mention, inside its block (or section), notes of the block left out. -->
  <xsl:function name="ed:after" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="read" as="node()*"
        select="$mention/following::node()[self::text() or self::tei:g[not(string(.))]
                or self::tei:gap][not(ancestor::tei:gap)]
                [position() le $ed:context-reach]
                [some $a in ancestor::* satisfies $a is $scope]
                [not(ancestor::tei:note[. >> $scope])][ed:read-with(., $mention, $scope)]
                [position() le $ed:context-nodes + 1]"/>
    <xsl:variable name="nodes" as="node()*" select="subsequence($read, 1, $ed:context-nodes)"/>
    <xsl:variable name="more" as="xs:boolean" select="count($read) gt $ed:context-nodes
        or exists($nodes) and exists($scope//text()[normalize-space()][. >> $nodes[last()]]
            [not(ancestor::tei:note[. >> $scope])][ed:read-with(., $mention, $scope)])"/>
    <xsl:variable name="joined" as="xs:string"
        select="string-join($nodes ! (ed:broken(., $scope) || ed:read(.)))"/>
    <!-- whether the last node read ends a word: before a space, a note, a break or a block
         (probe 154: the last word read was dropped as a part of one, whole as it was) -->
    <xsl:variable name="last" as="node()?" select="$nodes[last()]"/>
    <xsl:variable name="next" as="node()?" select="$last/following::node()[self::text()
        or self::tei:gap][not(ancestor::tei:gap)][some $a in ancestor::* satisfies $a is $scope][1]"/>
    <xsl:variable name="whole" as="xs:boolean" select="empty($last) or empty($next)
        or matches(ed:read($last), '\s$') or matches(ed:read($next), '^\s')
        or exists($next/ancestor::tei:note[. >> $scope]) or ed:broken($next, $scope) ne ''
        or exists(($last | $next)/self::tei:gap)"/>
    <xsl:variable name="text" as="xs:string"
        select="(if (normalize-space($joined) and ed:space(substring($joined, 1, 1)))
                 then ' ' else '') || normalize-space($joined)"/>
    <xsl:variable name="cut" as="xs:string" select="substring($text, 1, $ed:context-width)"/>
    <xsl:sequence select="
        if (string-length($text) le $ed:context-width and $more) then (if (not($whole)
            and contains(substring($text, 2), ' ')) then ed:before-last-space($text)
            else $text) || '…'
        else if (string-length($text) le $ed:context-width) then $text
        else if (substring($text, $ed:context-width + 1, 1) eq ' ') then $cut || '…'
        else if (contains(substring($cut, 2), ' ')) then ed:before-last-space($cut) || '…'
        else $cut || '…'"/>
  </xsl:function>

  <!-- Whether a node is read in a mention's context: what the reading text reads; but a
       name in a variant reading is read in the words of its witness, its own reading's
       words with it and the lemma it stands for left out (probe 34: <lem>Hartman</lem>
       <rdg><persName>Otto</persName> von Owe</rdg> had the context "Der was HartmanOtto
       genant."). -->
  <xsl:function name="ed:read-with" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="reading" as="element()?" select="$mention/ancestor::tei:rdg[1]"/>
    <xsl:sequence select="not(ed:other-reading($node, $mention))
        and (r:read-in($node, $scope) or exists($reading)
            and exists($node/ancestor::* intersect $reading) and r:read-in($node, $reading))"/>
  </xsl:function>

  <!-- Whether a node is in another reading (lem or rdg) of an app a mention is in. -->
  <xsl:function name="ed:other-reading" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="apps" as="element()*" select="$mention/ancestor::tei:app"/>
    <xsl:sequence select="exists($apps) and (some $r in $node/ancestor::*[self::tei:lem
        or self::tei:rdg] satisfies (empty($r intersect $mention/ancestor::*)
            and exists($r/ancestor::tei:app[1] intersect $apps)))"/>
  </xsl:function>

  <!-- The words a node of a context reads: a text's, without the spaces around a break
       inside a word (r:joined: "her <lb break='no'/>nephews" is "hernephews" on the page,
       probe 147), a glyph's mapping (r:glyph-read). -->
  <xsl:function name="ed:read" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($node/self::tei:g) then r:glyph-read($node)
        else if ($node/self::tei:gap) then $ed:gap
        else if ($node instance of text()) then r:joined($node) else string($node)"/>
  </xsl:function>

  <xsl:function name="ed:space" as="xs:boolean">
    <xsl:param name="char" as="xs:string"/>
    <xsl:sequence select="$char = (' ', '&#9;', '&#10;', '&#13;')"/>
  </xsl:function>

  <!-- "a b c" -> "a b": everything before the last space. -->
  <xsl:function name="ed:before-last-space" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="reversed" as="xs:string"
        select="codepoints-to-string(reverse(string-to-codepoints($text)))"/>
    <xsl:sequence select="codepoints-to-string(reverse(string-to-codepoints(
        substring-after($reversed, ' '))))"/>
  </xsl:function>

  <!-- A correspondent's words: the name's, else the name of the register entry it points at
       (entities.xsl's registers; the normalisation stage resolved the pointer to ed:entity). -->
  <xsl:function name="ed:corresp-words" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if (normalize-space($name)) then ed:text($name)
        else string(($registers ! key('entry', string($name/@ed:entity), .)[1]
            ! ed:entry-of(.) ! ed:preferred-name(.), '')[1])"/>
  </xsl:function>

  <!-- The record of the date a letter was sent (its header's correspDesc), shaped as a
       mention's: where the letter's description stands on its page (its anchor), the date's
       words, and as context who sent it to whom
       ("Anna Weber → Karl Braun: ", in no language of the interface). -->
  <xsl:template name="ed:letter-date-record" as="node()*">
    <xsl:context-item as="element(tei:date)" use="required"/>
    <xsl:param name="anchor" as="xs:string" required="yes"/>
    <xsl:variable name="desc" as="element(tei:correspDesc)" select="ancestor::tei:correspDesc[1]"/>
    <xsl:variable name="lang" as="xs:string?"
        select="ancestor-or-self::*[@xml:lang][1]/@xml:lang/string()"/>
    <!-- the names of the sending and receiving actions, or of the older sender and
         addressee (their names, else their words) -->
    <!-- (a name of no words that points at its entry, <persName ref="#k"/>, is named by the
         entry, as the letter's head names it: probe 155) -->
    <xsl:variable name="who" as="xs:string*" select="for $type in ('sent', 'received') return
        string-join((r:corresp-names($desc, $type) ! ed:corresp-words(.),
            ((if ($type = 'sent') then $desc/tei:sender else $desc/tei:addressee)
            ! (if (tei:persName | tei:orgName | tei:name | tei:rs)
               then tei:persName | tei:orgName | tei:name | tei:rs else .))
            [normalize-space()] ! ed:text(.))[. != ''], ', ')"/>
    <xsl:variable name="stem" as="xs:string" select="ancestor::ed:document[1]/@ed:stem"/>
    <xsl:attribute name="document" select="$stem"/>
    <xsl:attribute name="file" select="$stem || '.html'"/>
    <xsl:attribute name="mention" select="$anchor"/>
    <!-- a letter dated by its arrival alone: the timeline says so -->
    <xsl:if test="r:is-received-date(.)">
      <xsl:attribute name="received" select="'true'"/>
    </xsl:if>
    <xsl:attribute name="ordinal" select="0"/>
    <xsl:attribute name="section" select="''"/>
    <xsl:attribute name="heading" select="''"/>
    <xsl:attribute name="block" select="''"/>
    <xsl:attribute name="page" select="''"/>
    <xsl:attribute name="page-id" select="''"/>
    <xsl:if test="exists($lang)">
      <xsl:attribute name="lang" select="$lang"/>
    </xsl:if>
    <ed:text>
      <xsl:value-of select="ed:text(.)"/>
    </ed:text>
    <ed:before>
      <!-- the arrow points from the sender in the letter's direction: "→" read left to right
           pointed back at a Hebrew letter's sender (probe 61) -->
      <xsl:value-of select="string-join($who[. != ''], if (matches(string($lang),
          '^(ar|he|iw|fa|ur|yi|ps|syr|dv|ckb|ug|sd|arc|sam)(-|$)', 'i')
          and not(matches(string($lang), '-latn', 'i'))) then ' ← '
          else ' → ') ! (if (. = '') then '' else . || ': ')"/>
    </ed:before>
    <ed:after/>
  </xsl:template>

  <!-- An unheaded introduction, preface ... is named by its kind where the index pages list
       a mention or a speech in it, as the book's contents name it (epub/modules/labels.xsl):
       its @part. -->
  <xsl:template name="ed:part" as="attribute()?">
    <xsl:param name="section" as="element()?"/>
    <xsl:for-each select="$section[empty(tei:head)]/@type[normalize-space()]">
      <xsl:variable name="type" as="xs:string" select="normalize-space(.)"/>
      <!-- numbered among its siblings of that kind when there are several ("Chapter 3") -->
      <xsl:variable name="numbers" as="map(xs:string, xs:integer)"
          select="if (exists(../..)) then ed:kind-numbers(../.., local-name(..), $type)
              else map { }"/>
      <!-- its own number (@n) first, as the book's contents give it (probe 54) -->
      <xsl:variable name="n" as="xs:string" select="normalize-space(../@n)"/>
      <!-- an EpiDoc textpart by its subtype, as the page names it ("Face a", probe 147:
           "Part a" on the index pages) -->
      <xsl:variable name="kind" as="xs:string" select="if ($type = 'textpart'
          and normalize-space(../@subtype)) then normalize-space(../@subtype) else $type"/>
      <xsl:attribute name="part" select="$kind || (if ($n != '' and $type != 'titlepage')
          then ' ' || $n else if (map:size($numbers) gt 1)
          then ' ' || $numbers(generate-id(..)) else '')"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The place of each child of $parent named $name and of type $type among them, by id.
       Cached: every mention in such a section asks it, and counting the siblings before the
       section for each took an issue of 2,000 unheaded articles with four names each 61 s. -->
  <xsl:function name="ed:kind-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="parent" as="node()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="same" as="element()*"
        select="$parent/*[local-name() = $name][normalize-space(@type) = $type]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($same)
        return map:entry(generate-id($same[$i]), $i))"/>
  </xsl:function>

  <!-- Where a mention is and what it says: attributes and children shared by every record
       of a mention (entity occurrence, dated mention, unresolved or untagged name). -->
  <xsl:template name="ed:mention-record" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="section" as="element()?" select="ed:section(.)"/>
    <xsl:variable name="block" as="element()?" select="ed:block(.)"/>
    <!-- (a name in an event between the turns of a transcript, "<incident><desc>Anna enters
         </desc></incident>", has the event's words: its context ran over the turns around
         it, probe 155) -->
    <xsl:variable name="event" as="element()?" select="ancestor::*[ed:event(.)]
        [empty(ancestor::tei:u)][not(. &lt;&lt; $block)][1]"/>
    <!-- (an acquisition or a provenance its attributes date is a record of its own words:
         its context ran over the whole history, "mid-fifteenth century, Kingsbridge Owned
         by Ralph Thoresby", probe 157) -->
    <xsl:variable name="scope" as="element()" select="(self::tei:acquisition
        | self::tei:provenance, $event, $block, $section, ancestor::tei:text[1],
        ancestor::tei:sourceDoc[1], ..)[1]"/>
    <xsl:variable name="apart" as="xs:boolean" select="ed:apart(.)"/>
    <!-- a note after the text is on no page of the source the text's last pb begins -->
    <xsl:variable name="page" as="element(tei:pb)?"
        select="if ($apart) then () else accumulator-before('ed:page')"/>
    <xsl:variable name="lang" as="xs:string?"
        select="ancestor-or-self::*[@xml:lang][1]/@xml:lang/string()"/>
    <!-- the language of the words around it, when a part of the text (a translation beside
         its original) is in another than the text's: its context was marked as the text's
         (probe 61: an English translation's words set right to left as Hebrew) -->
    <xsl:variable name="around" as="xs:string?"
        select="ancestor::*[@xml:lang][1]/@xml:lang/string()"/>
    <!-- compared with the language the index pages take for the text (its text's xml:lang
         before its root's): an English division of a text xml:lang=ar under an English
         root was left unmarked and so read as Arabic, right to left (probe 165) -->
    <xsl:variable name="text-lang" as="xs:string?"
        select="ancestor::ed:document[1]/*[1] ! ed:document-lang(.)"/>
    <xsl:attribute name="document" select="ancestor::ed:document[1]/@ed:stem"/>
    <xsl:attribute name="file" select="ed:file(.)"/>
    <xsl:attribute name="mention" select="@xml:id"/>
    <xsl:if test="exists($around) and $around ne string($text-lang)">
      <xsl:attribute name="context-lang" select="$around"/>
    </xsl:if>
    <xsl:attribute name="ordinal" select="accumulator-before('ed:ordinal')"/>
    <xsl:attribute name="section" select="$section/@xml:id"/>
    <xsl:attribute name="heading" select="($section ! ed:heading(.), '')[1]"/>
    <!-- and its heading's, the nearest xml:lang around the head (probe 165: an English
         division's heading was marked as its Arabic text's) -->
    <xsl:for-each select="$section ! ed:heading-lang(.)[. ne string($text-lang)]">
      <xsl:attribute name="heading-lang" select="."/>
    </xsl:for-each>
    <!-- a note kept in the standOff is listed under the notes, as the page heads them -->
    <xsl:if test="$apart and empty($section)">
      <xsl:attribute name="part" select="'notes'"/>
    </xsl:if>
    <xsl:call-template name="ed:part">
      <xsl:with-param name="section" select="$section"/>
    </xsl:call-template>
    <!-- a name in a verse or drama line is where its line is (the line's anchor, as a name
         in prose is where its paragraph is); its context stays the line group's words -->
    <xsl:attribute name="block" select="(ancestor::tei:l[@xml:id][1][empty($block)
        or . >> $block], $block)[1]/@xml:id"/>
    <xsl:attribute name="page" select="$page/@n"/>
    <xsl:attribute name="page-id" select="$page/@xml:id"/>
    <xsl:if test="exists($lang)">
      <xsl:attribute name="lang" select="$lang"/>
    </xsl:if>
    <ed:text>
      <xsl:value-of select="ed:text(.)"/>
    </ed:text>
    <ed:before>
      <xsl:value-of select="ed:before(., $scope)"/>
    </ed:before>
    <ed:after>
      <xsl:value-of select="ed:after(., $scope)"/>
    </ed:after>
  </xsl:template>

</xsl:stylesheet>

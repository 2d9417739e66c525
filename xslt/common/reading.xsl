<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading text: what the reading view of a page shows (transcription.xsl, apparatus.xsl),
  said once for every place that needs a text's words without its markup: plain text of
  headings in the contents and the books' navigation (r:plain, base.xsl), and the index's
  names and contexts (xslt/index/modules/mentions.xsl). A choice counts by its preferred
  side, an apparatus by its lemma, and deletions, superfluous text and forme work not at all;
  without this, "Frist" and "First" run together ("FristFirst").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:r="urn:edition:render"
    xmlns:me="http://www.menota.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The reading that stands in the text: the lem, else the first rdg in the order written
       (a first reading inside a rdgGrp came after the app's own rdg: probe 74). None for an
       entry beside a base text that holds its words (r:beside-base-text): its readings are
       all variants, and the first was cited as the lemma, "FOUR-P P ] four ] FOUR-C C"
       (probe 74). -->
  <xsl:function name="r:lemma" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="($app/lem, $app/rdgGrp/lem, if (r:beside-base-text($app)) then ()
        else ($app/rdg | $app/rdgGrp/rdg))[1]"/>
  </xsl:function>

  <!-- Whether an apparatus entry stands beside a base text that holds its words: located by
       @loc, or attached by double end-points (@from/@to name where its words begin and end
       in the base text: Guidelines 12.2.2; probe 52, an app after its anchored words printed
       them twice), or the text declares either method. -->
  <!-- A text that declares parallel segmentation holds its readings in its apps, whose @loc
       only labels where they are (probe 91: "I am a <app loc="1"><lem>wondrous</lem>...",
       declared so, read "I am a creature"): its @loc says nothing of a base text. -->
  <xsl:function name="r:beside-base-text" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="declared" as="xs:string*" select="root($app)/TEI/teiHeader
        /encodingDesc/variantEncoding/@method ! normalize-space(.)"/>
    <xsl:sequence select="exists($app/(@from, @to))
        or exists($app/@loc) and not($declared = 'parallel-segmentation')
        or $declared = ('location-referenced', 'double-end-point')"/>
  </xsl:function>

  <!-- The side of a choice the reading view shows: the reading level of a word written at
       levels (below), a correction, a regularisation, an expansion, else a segment or an
       unclear reading, else what is not the source's form. -->
  <xsl:function name="r:chosen" as="element()?">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="(r:level-read($choice), $choice/corr, $choice/reg, $choice/expan,
        $choice/seg, $choice/unclear, $choice/*[not(self::sic | self::orig | self::abbr)],
        $choice/*)[1]"/>
  </xsl:function>

  <!-- The levels of a Menota transcription (the Medieval Nordic Text Archive's TEI
       customisation: each word, w or pc, or a choice in it, holds the same word at up to three
       levels, me:facs as the letters stand, me:dipl with abbreviations expanded, me:norm in
       normalised spelling). The reading text is the most edited level the word has; the
       diplomatic view shows the diplomatic level, else the facsimile one (levels.xsl). -->
  <xsl:function name="r:level-read" as="element()?">
    <xsl:param name="holder" as="element()?"/>
    <xsl:sequence select="($holder/me:norm, $holder/me:dipl, $holder/me:facs)[1]"/>
  </xsl:function>

  <xsl:function name="r:level-dipl" as="element()?">
    <xsl:param name="holder" as="element()?"/>
    <xsl:sequence select="($holder/me:dipl, $holder/me:facs)[1]"/>
  </xsl:function>

  <!-- Whether an element is left out of the reading text, with everything in it. -->
  <xsl:function name="r:left-out" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="up" as="element()?" select="$e/.."/>
    <xsl:sequence select="
        if ($e[self::me:facs or self::me:dipl or self::me:norm]) then not($e is r:level-read($up))
        else if ($up/self::choice) then not($e is r:chosen($up))
        else if ($up[self::app or self::rdgGrp]) then
          empty($e/descendant-or-self::* intersect r:lemma($e/ancestor::app[1]))
        else not(r:leiden-kept($e)) and exists($e[self::del[not(r:restored(.))]
            [not(r:undone(.))] or self::add[parent::subst][r:undone(..)] or self::surplus
            or self::am or self::metamark or self::fw or self::catchwords or self::signatures
            or r:metadata(.)])"/>
  </xsl:function>

  <!-- Whether a restore cancels a deletion (Guidelines 11.3.1.6): one around it, or one that
       holds every word of it (<del><restore>...</restore></del>: probe 127, the Faust
       edition's restored deletions were hidden with their deletion, and lost in the book). -->
  <xsl:function name="r:restored" as="xs:boolean">
    <xsl:param name="del" as="element()"/>
    <!-- (its children restores alone, and the editor's notes: a gap or other words of the
         deletion beside a restore keep it a deletion, probe 130) -->
    <xsl:sequence select="exists($del/ancestor::restore) or (exists($del/restore)
        and empty($del/node()[not(self::restore or self::note
            or self::text()[not(normalize-space())])]))"/>
  </xsl:function>

  <!-- What the page does not show as words, being about the text (inline.xsl): an
       editor's certainty and precision (probe 90: a certainty's description was the context
       of a date on the timeline, as words of the paragraph), alignments, interpretations
       (an interp or a span alone too: probe 133), feature structures. -->
  <xsl:function name="r:metadata" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::alt or self::altGrp or self::link or self::linkGrp
        or self::join or self::joinGrp or self::substJoin or self::timeline or self::certainty or self::precision
        or self::respons or self::interpGrp or self::spanGrp or self::fs or self::fLib
        or self::fvLib or self::interp or self::span[not(ancestor::annotationBlock)]])"/>
  </xsl:function>

  <!-- Deletions an undo cancels (TEI 11.3.4.5: undo/@target, or the deletions between an
       undo and the end its @spanTo names): the words are the text again, as a restore's
       deletion is (probe 90: "its old rope", whose deletion of "old" was cancelled, read
       "its rope" in the reading view and the book). -->
  <xsl:key name="r:undone" match="undo[@target]"
      use="tokenize(normalize-space(@target))[starts-with(., '#')] ! substring(., 2)"/>
  <xsl:variable name="r:span-undo" as="xs:boolean" select="exists(/descendant::undo[@spanTo])"/>
  <!-- Every element by its xml:id, in the stylesheets reading.xsl serves, the index's among
       them, which have no r:entry (base.xsl): probe 92, "Key 'r:entry' has not been defined"
       cost a text with an undo's @spanTo its index. (The letters' anchors ask it too:
       timeline.xsl.) -->
  <xsl:key name="r:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!-- A substitution is undone as a whole (11.3.4.5: "the previous alteration is undone")
       when an undo names it or cancels its deletion: the deletion is the text again and the
       addition is no longer (probe 93: "goodfine", both read, where the writer went back to
       "good"); the deletion of a substitution an undo names is undone too. (key() needs a
       document: a deletion in a tree a stylesheet made in a variable, whose root is an
       element, is looked for in that tree by a walk.) -->
  <xsl:function name="r:undone" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/self::subst) then some $d in $e/del satisfies r:undone($d)
        else r:undone-itself($e) or $e/parent::subst ! r:undone-itself(.)"/>
  </xsl:function>

  <xsl:function name="r:undone-itself" as="xs:boolean">
    <xsl:param name="del" as="element()"/>
    <xsl:variable name="top" as="node()" select="root($del)"/>
    <xsl:variable name="keyed" as="xs:boolean" select="$top instance of document-node()"/>
    <xsl:sequence select="exists(for $id in $del/@xml:id ! string(.) return if ($keyed)
            then key('r:undone', $id, $top)
            else $top//undo[tokenize(normalize-space(@target)) = '#' || $id])
        or $r:span-undo and (some $undo in $del/preceding::undo[starts-with(@spanTo, '#')]
            satisfies exists((if ($keyed) then key('r:id', substring($undo/@spanTo, 2),
                $top) else $top//*[@xml:id = substring($undo/@spanTo, 2)])[. >> $del]))"/>
  </xsl:function>


  <!-- What an edition division (EpiDoc's div type="edition") reads in its Leiden signs, where
       another transcription's reading view leaves it out: superfluous letters, {et}, and an
       erasure, ⟦Commodo⟧, are the editor's text of an inscription or papyrus. -->
  <xsl:function name="r:leiden-kept" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::surplus or self::del[@rend = ('erasure', 'erased')]]
        /ancestor::div[@type = 'edition'])"/>
  </xsl:function>

  <!-- A division's heading: its first head that is not a subtitle (a head type="sub" may
       stand before the main one), else its first head. A head of notes alone (TEI-CORPO's
       <head><note type="start">..</note><note type="end">..</note></head>, the times of
       the division) names nothing: it was a heading of two note calls, and "Section" in the
       contents (probe 28). It is no heading: its notes are kept where it stands (a line of
       the division, structure.xsl), and the contents pass over the division as over one
       without a head. -->
  <xsl:function name="r:main-head" as="element()?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="heads" as="element()*" select="$div/head[not(r:notes-only(.))]"/>
    <xsl:sequence select="($heads[not(@type = ('sub', 'subtitle', 'subhead'))], $heads)[1]"/>
  </xsl:function>

  <xsl:function name="r:notes-only" as="xs:boolean">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="exists($head/note) and empty(($head/node() except $head/note)
        [not(self::text()[not(normalize-space())])])"/>
  </xsl:function>

  <!-- Whether a break inside a word (break="no") stands right after (before) a node, past the
       breaks that stand at the same place without saying whether they end a word: a column
       or page break without @break, the running head or catchword printed there, and the
       whitespace between them. A column that begins in the middle of a word is encoded
       "enpre-<cb n="2"/> <lb break="no"/>star" (probe 28: the Siete Partidas of 1491): the
       line break says the word goes on, and the column break at the same place does not
       contradict it ("enpre- star" split the word in two). -->
  <xsl:function name="r:break-no-after" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/following-sibling::node()[not(r:at-break(.))][1]
        [self::lb or self::pb or self::cb][@break = 'no'])"/>
  </xsl:function>

  <xsl:function name="r:break-no-before" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/preceding-sibling::node()[not(r:at-break(.))][1]
        [self::lb or self::pb or self::cb][@break = 'no'])"/>
  </xsl:function>

  <xsl:function name="r:at-break" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node[self::text()][not(normalize-space())]
        | $node[self::pb or self::cb][not(@break)] | $node[self::fw or self::catchwords
        or self::signatures])"/>
  </xsl:function>

  <!-- A text node's words without the spaces around a break inside a word (lb, pb or cb with
       break="no"), which joins its halves: "Hy<lb break='no'/>  phen" reads "Hyphen". -->
  <xsl:function name="r:joined" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="trimmed" as="xs:string" select="if (r:break-no-after($text))
        then replace($text, '\s+$', '') else string($text)"/>
    <xsl:sequence select="if (r:break-no-before($text)) then replace($trimmed, '^\s+', '')
        else $trimmed"/>
  </xsl:function>

  <!-- Whether a node inside $scope is read: no element between them is left out, nor is it a
       ruby gloss (the plain words are the base's, as r:plain has them) or an index entry's
       term (the index's words, not the text's). -->
  <xsl:function name="r:read-in" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="empty($node/ancestor::*[. >> $scope][self::rt or self::index
            or r:left-out(.)])
        and not(r:layout-space($node))"/>
  </xsl:function>

  <!-- Whether a node is whitespace laying out an element whose content TEI allows to be
       elements alone (choice, subst, app): the page renders their children and nothing
       between them, so the plain words must not read that whitespace either. A pretty-printed
       "Will<choice> <expan>elm</expan> <abbr>m̄</abbr> </choice>us" (a charter's abbreviation
       inside a name) read "Will elm us" in the index, the contents and the book's navigation. -->
  <xsl:function name="r:layout-space" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/self::text()[not(normalize-space())]
        [parent::choice or parent::subst or parent::app]) or r:pc-layout($node)
        or r:seg-layout($node)"/>
  </xsl:function>

  <!-- Whether a node is whitespace between two segments of a verse line that carries its
       word spaces inside its segments: a line scanned into feet (TEI 6.4, the scansion
       corpora: <seg>O what </seg> newline <seg>can ail </seg> newline <seg>thee, knight-</seg>
       newline <seg>at-arms,</seg>) puts a foot's boundary inside a word, and the file's
       layout between the feet read "knight- at-arms", "pale ly loit er ing" (probe 36). Only
       a line of segments and no words of its own, some segment of its stanza ending with a
       space (the stanza is written so; a line of it may have no space inside a foot): a stanza
       whose segments hold no spaces keeps the whitespace between them as its word space; and
       only after a foot that ends inside a word (a letter, a hyphen): one that ends with a
       mark ("y air," newline "and striding", a space forgotten) keeps it. -->
  <xsl:function name="r:seg-layout" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="ws" as="text()?" select="$node/self::text()[not(normalize-space())]
        [parent::l][preceding-sibling::node()[1][self::seg][matches(string(.), '[\w\-‐]$')]]
        [following-sibling::node()[1][self::seg]]"/>
    <xsl:sequence select="exists($ws) and empty($ws/../text()[normalize-space()])
        and (some $seg in ($ws/ancestor::lg[1], $ws/..)[1]//l/seg
             satisfies matches(string($seg), '\s$'))"/>
  </xsl:function>

  <!-- Whether a node is whitespace between a token and the punctuation that closes it, or
       between an opening punctuation and its token: a text written one token per line
       (<w>Stephanus</w> newline <pc>,</pc>, Guidelines 17.1) lays its tokens out so, and
       means "Stephanus, dei gratia", not "Stephanus , dei gratia". Only a pc says a token is
       punctuation; only marks that never stand apart from their word are read so (no dash,
       no quotation mark, which open in one language and close in another), and a French
       text keeps its space before the double marks (; : ! ?), as its typography has it. -->
  <xsl:function name="r:pc-layout" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="ws" as="text()?" select="$node/self::text()[not(normalize-space())]"/>
    <!-- (or the whitespace ending a phrase that such a mark follows: "<hi>word newline</hi>
         <pc>,</pc>", a dictionary's form laid out on lines, read "word ,": probe 123) -->
    <xsl:variable name="inner" as="xs:boolean" select="exists($ws)
        and empty($ws/following-sibling::node()) and exists($ws/preceding-sibling::node())"/>
    <xsl:variable name="after" as="element()?" select="($ws/following-sibling::node()[1],
        $ws[$inner]/../following-sibling::node()[not(self::text()[not(normalize-space())])][1])
        [1][self::pc][not(@pre = ('true', '1'))]"/>
    <xsl:variable name="before" as="element()?"
        select="$ws/preceding-sibling::node()[1][self::pc]"/>
    <xsl:variable name="prev" as="element()?" select="$ws/preceding-sibling::node()[1][self::*]"/>
    <xsl:variable name="next" as="element()?" select="$ws/following-sibling::node()[1][self::*]"/>
    <!-- the marks of other scripts that close their word as the Latin ones do (probe 127:
         "قال ، نعم ؟", "הָאָֽרֶץ ׃", "λέγει ·"): the Arabic comma, semicolon, question mark and
         full stop, the Hebrew sof pasuq and maqaf (which joins the next word too), the
         Greek ano teleia and question mark, the ideographic and full-width marks, the
         danda, the Armenian full stop, the Ethiopic marks (literal patterns: one built at
         each call was compiled at each call, five times the time of a page) -->
    <xsl:sequence select="exists($ws) and (
        (exists($after) and (exists($prev) or $inner)
         and (if (lang('fr', $after)) then matches(normalize-space($after), '^[\p{Pe},.…]+$')
             (: the middle dot closes a Greek word (as the ano teleia, which it often
                stands for), and parts the words of an inscription in Latin: probe 130 :)
             else if ($after = '&#xB7;') then (lang('el', $after) or lang('grc', $after)
                 (: of no language, by the word before it (probe 131) :)
                 or (empty($after/ancestor-or-self::*/@xml:lang) and matches(substring(
                     string(($prev, $ws/preceding-sibling::node()[1])[1]), string-length(
                     string(($prev, $ws/preceding-sibling::node()[1])[1]))),
                     '[\p{IsGreek}\p{IsGreekExtended}]')))
             else matches(normalize-space($after), '^[\p{Pe},.;:!?…&#x060C;&#x061B;&#x061F;&#x06D4;&#x05C3;&#x05BE;&#x0387;&#x037E;&#x3001;&#x3002;&#xFF0C;&#xFF0E;&#xFF1A;&#xFF1B;&#xFF1F;&#xFF01;&#x0964;&#x0965;&#x0589;&#x1361;-&#x1368;]+$')))
        or (exists($before) and exists($next) and not($next/self::pc)
            and ($before/@pre = ('true', '1') or matches(normalize-space($before),
                '^[\p{Ps}¿¡&#x05BE;]+$')))
        (: tokens of a script written without spaces (Chinese, Japanese, Thai), one a line:
           the line ends are no word spaces, 天地 ， 玄黃 (probe 127) :)
        or (if ($prev[self::w or self::pc or self::c] and $next[self::w or self::pc or self::c])
            then matches(substring(string($prev), string-length(string($prev)))
                || substring(normalize-space($next), 1, 1), '^[\p{IsCJKUnifiedIdeographs}\p{IsCJKUnifiedIdeographsExtensionA}\p{IsHiragana}\p{IsKatakana}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}\p{IsThai}]{2}$')
            else false()))"/>
  </xsl:function>

  <!-- A characteristic or an event of a person written in blocks (Guidelines 13.3.2.1: an
       event holds a label and a desc, or a head and paragraphs), read as its title and its
       words: "Married: Married Marie in Bern", where its words ran together ("MarriedMarried
       Marie", "ExileWent into exile.Came back.": probe 155). $words: each block's words, as
       the caller reads them. The empty string for a characteristic of running words. -->
  <xsl:function name="r:trait-blocks" as="xs:string">
    <xsl:param name="trait" as="element()"/>
    <xsl:param name="words" as="function(element()) as xs:string"/>
    <xsl:variable name="titles" as="xs:string*"
        select="$trait/(label | head) ! normalize-space($words(.))[. != '']"/>
    <xsl:variable name="blocks" as="xs:string*"
        select="$trait/(desc | p | ab) ! normalize-space($words(.))[. != '']"/>
    <xsl:sequence select="string-join((string-join($titles, '; ')[. != ''],
        string-join($blocks, ' ')[. != '']), ': ')"/>
  </xsl:function>

  <!-- A work's short form, as a pointer at it reads ("Jones 1999"): its @n when it has one
       ("[12]"), else its first author's or editor's surname (or name, before a comma), else
       its title, and its year. One rule for the reading pages (common/biblio.xsl,
       r:short-citation) and the index, which names the works of the bibliography page and
       the exports by it (index/modules/entries.xsl) and compiles without the rendering:
       $words reads an element's words as each does, without its notes (r:plain there,
       ed:text here). The index had its own copy, which read a note in a surname into the
       name ("Lettichthe epigraphist 1983"). -->
  <xsl:function name="r:short-form" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:param name="words" as="function(element()) as xs:string"/>
    <xsl:sequence select="if (normalize-space($bibl/@n)) then normalize-space($bibl/@n)
        else normalize-space(string-join((r:citation-agent($bibl, $words),
            r:citation-year($bibl)), ' '))"/>
  </xsl:function>

  <!-- Who a work is cited by: its first author's or editor's surname, else the name before a
       comma ("Jones, Peter" is Jones); else, as for a work of no author, its title. -->
  <xsl:function name="r:citation-agent" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:param name="words" as="function(element()) as xs:string"/>
    <xsl:variable name="agent" as="element()?"
        select="($bibl//author, $bibl//editor)[normalize-space()][1]"/>
    <xsl:variable name="name" as="xs:string?" select="if (empty($agent)) then ()
        else if ($agent//surname[normalize-space()]) then $words(($agent//surname)[1])
        else normalize-space(substring-before($words($agent) || ',', ','))"/>
    <xsl:sequence select="if ($name) then $name
        else string(($bibl//title[normalize-space()])[1] ! $words(.))"/>
  </xsl:function>

  <!-- A work's year: the first four-digit year of its dates (their attributes first). -->
  <xsl:function name="r:citation-year" as="xs:string?">
    <xsl:param name="bibl" as="element()"/>
    <xsl:sequence select="($bibl//date/(string(@when), string(@notBefore), string(@from),
        string(.)) ! replace(normalize-space(.), '^.*?(\d{4}).*$', '$1')
        [matches(., '^\d{4}$')])[1]"/>
  </xsl:function>

  <!-- A character or glyph the text declares (TEI 5, g): what its declaration maps it to
       (inline.xsl shows it so). -->
  <xsl:key name="r:char-decl" match="char | glyph" use="string(@xml:id)"/>

  <!-- The declaration a g points at (char or glyph of the header's charDecl), if any. -->
  <xsl:function name="r:glyph-decl" as="element()?">
    <xsl:param name="g" as="element()"/>
    <xsl:variable name="id" as="xs:string?"
        select="$g/@ref[starts-with(normalize-space(.), '#')] ! substring(normalize-space(.), 2)"/>
    <xsl:sequence select="if (empty($id)) then ()
        else if (root($g) instance of document-node()) then key('r:char-decl', $id, root($g))[1]
        else ($g/ancestor::TEI//(char | glyph)[@xml:id = $id])[1]"/>
  </xsl:function>

  <!-- The mapping a reading shows of a declaration: the standard one, else the normalised
       one, else any but the diplomatic one; never a private-use code point alone. -->
  <xsl:function name="r:glyph-shown" as="element()?">
    <xsl:param name="decl" as="element()?"/>
    <xsl:variable name="mappings" as="element()*"
        select="$decl/mapping[string(.) != ''][not(matches(., '^[&#xE000;-&#xF8FF;]+$'))]"/>
    <xsl:sequence select="($mappings[@type = 'standard'],
        $mappings[@type = ('normalized', 'normalised')], $mappings[not(@type = 'diplomatic')],
        $mappings)[1]"/>
  </xsl:function>

  <!-- The sign a glyph of no declaration stands for by its @type, for the types EpiDoc's
       guidelines name (a papyrus's <g type="stauros"/>): its name in brackets read as a word
       the editor restored, "[stauros]", where Leiden prints the cross (probe 123). -->
  <!-- (as EpiDoc's own stylesheets print them: the cross, stauros, a dagger; the staurogram,
       rho-cross or taurho, the tau-rho sign; the dipunct a ratio sign: probe 130; the
       letters Greek numerals write, stigma, digamma, koppa and sampi: probe 147) -->
  <xsl:variable name="r:glyph-types" as="map(xs:string, xs:string)" select="map {
      'stauros': '&#x2020;', 'cross': '&#x2020;',
      'staurogram': '&#x2CE8;', 'rho-cross': '&#x2CE8;', 'taurho': '&#x2CE8;',
      'chirho': '&#x2627;', 'chi-rho': '&#x2627;', 'christogram': '&#x2627;',
      'interpunct': '&#xB7;', 'middot': '&#xB7;', 'dipunct': '&#x2236;',
      'hedera': '&#x2766;', 'leaf': '&#x2766;',
      'stigma': '&#x3DB;', 'digamma': '&#x3DD;', 'koppa': '&#x3DF;', 'sampi': '&#x3E1;'}"/>
  <xsl:function name="r:glyph-symbol" as="xs:string?">
    <xsl:param name="g" as="element()"/>
    <xsl:sequence select="if (exists(r:glyph-decl($g))) then ()
        else $r:glyph-types(lower-case(normalize-space($g/@type)))"/>
  </xsl:function>

  <!-- What a g without words reads as in the reading text (the index's names and contexts:
       "<g ref="#pbar"/>kin" is "perkin", as the page reads it; probe 147 read "kin"). -->
  <xsl:function name="r:glyph-read" as="xs:string">
    <xsl:param name="g" as="element()"/>
    <xsl:sequence select="((r:glyph-shown(r:glyph-decl($g)) ! string(.), r:glyph-symbol($g))[1],
        '')[1]"/>
  </xsl:function>

</xsl:stylesheet>

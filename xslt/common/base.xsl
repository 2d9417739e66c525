<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared foundation of the TEI -> XHTML rendering: parameters, declared modes, keys, small
  functions (ids, classes, languages, the URL allow-list) and the one diagnostics template.

  Every concern module (structure, blocks, inline, notes, names, biblio, toc, header) imports
  this module, so each of them compiles on its own; render.xsl imports them all. The policy
  for elements without a template is in fallback.xsl, which render.xsl imports first: a module
  imported several times takes the precedence of its last import, so no template that matches
  elements may live here.

  Result elements are XHTML (the HTML page and the EPUB content documents share them). Two
  tunnel parameters describe the context a template renders into:
    r:phrasing  true inside an HTML element that only admits phrasing content (p, h2, a, i ...):
                block-like TEI (quote, lg, list ...) then renders as span with a class;
    r:in-link   true inside an a element: names and refs then render without their own link.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:me="http://www.menota.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <!-- r:msg(): the interface's labels in the edition's interface language. -->
  <xsl:import href="i18n.xsl"/>
  <!-- r:left-out(), r:chosen(), r:lemma(): what the reading text is made of. -->
  <xsl:import href="reading.xsl"/>
  <xsl:import href="langusage.xsl"/>

  <!-- Which output is being made: 'html' (the web pages) or 'epub' (the books). Static, so
       that a customisation can keep a declaration to one output with
       use-when="$r:output = 'epub'" (docs/customising.md); pipeline/xslt.py sets it when it
       compiles the EPUB stylesheets. -->
  <xsl:param name="r:output" static="yes" as="xs:string" select="'html'"/>

  <!-- The file stem of the text being made: its page is <stem>.html, its book
       ../epub/<stem>.epub ('' on a page of no one text: home, about, index pages). -->
  <xsl:param name="stem" as="xs:string" select="''"/>

  <!-- The other texts a text's links name, one per line: the file part of a @target as written
       ("letter-2.xml"), the page the build publishes it as ("letter-2.html") and its title,
       tab-separated; made by pipeline/links.py from the whole build. Given (even empty), a
       relative link that is not in it leads to nothing the edition publishes and is shown
       without a link (the build warns, at its line); not given (a page rendered alone),
       "file.xml" becomes "file.html". -->
  <xsl:param name="linked-files" as="xs:string?" select="()"/>
  <!-- The same lines, given to a book: it links to no other text (each is a book of its own)
       but names them by their titles. -->
  <xsl:param name="linked-titles" as="xs:string?" select="()"/>
  <xsl:variable name="r:linked" as="map(xs:string, xs:string)?" select="if (empty($linked-files))
      then () else map:merge(r:linked-lines($linked-files) ! map:entry(?1, ?2),
          map {'duplicates': 'use-first'})"/>
  <!-- The title of each text a link names (a ptr, which has no words, shows it). -->
  <xsl:variable name="r:linked-titles" as="map(xs:string, xs:string)" select="map:merge(
      r:linked-lines(($linked-files, $linked-titles))[array:size(.) ge 3][normalize-space(?3)]
      ! map:entry(?1, ?3), map {'duplicates': 'use-first'})"/>
  <xsl:function name="r:linked-lines" as="array(xs:string)*">
    <xsl:param name="lines" as="xs:string*"/>
    <xsl:sequence select="$lines ! tokenize(., '&#10;')[contains(., '&#9;')]
        ! array {tokenize(., '&#9;')}"/>
  </xsl:function>

  <!-- <ed:registers> with every register list of the corpus (docs/design.md). -->
  <xsl:param name="registers" as="document-node()?" select="()"/>

  <!-- Main rendering of text content. -->
  <xsl:mode name="r:main" on-no-match="fail" on-multiple-match="fail"/>
  <!-- Footnote bodies, collected at the end of a text. -->
  <xsl:mode name="r:footnote" on-no-match="fail" on-multiple-match="fail"/>
  <!-- Register entry -> the card shown in a popover. -->
  <xsl:mode name="r:card" on-no-match="fail" on-multiple-match="fail"/>
  <!-- Headings -> table of contents entries. -->
  <xsl:mode name="r:toc" on-no-match="fail" on-multiple-match="fail"/>
  <!-- Plain text of a heading or title, without notes (for labels and <title>). -->
  <xsl:mode name="r:plain" on-no-match="text-only-copy" on-multiple-match="fail"/>
  <!-- A span whose last words were just rendered: its closing sign (transcription.xsl),
       nothing in a stylesheet that draws no signs. -->
  <xsl:mode name="r:span-closed" on-no-match="deep-skip" on-multiple-match="fail"/>

  <xsl:key name="r:entry" match="*[@xml:id]" use="string(@xml:id)"/>
  <xsl:key name="r:by-name" match="*" use="node-name()"/>

  <!-- Diagnostics: the only place that emits xsl:message. Format: CODE|line|message (the line
       is left empty: Saxon HE knows no source lines; the builder may find them with lxml). -->
  <xsl:template name="r:diagnostic" as="empty-sequence()">
    <xsl:param name="code" as="xs:string" required="yes"/>
    <xsl:param name="message" as="xs:string" required="yes"/>
    <xsl:message select="$code || '||' || $message"/>
  </xsl:template>

  <!-- True: the output carries both views, reading and diplomatic (HTML); false: the reading
       view only (EPUB: epub/modules/transcription.xsl). Declared here, where the text nodes
       are rendered, so that every module importing base.xsl has it. -->
  <xsl:variable name="r:views" as="xs:boolean" select="true()"/>

  <xsl:template match="text()" mode="r:main r:footnote r:card" as="text()?">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- Characters of the scripts written without spaces between words: Chinese characters
       (with their extensions and compatibility forms), kana, their punctuation, Thai, Lao,
       Myanmar, Khmer, Tibetan. A break between two of them ("剥<pb/>爛", a Chinese sentence
       going on on the next page) is no word boundary: a space there would split the phrase
       for the reader, a copied passage and the search index. Korean writes spaces, so Hangul
       is not among them. Static, and declared before its first use: the two tests every text
       node and every break meet (the template of a text() with a line end, r:unspaced) take
       it as a literal pattern, compiled once; a pattern held in a variable was compiled again
       at each call (10 microseconds against 1: 0.12 s for a novel's 13,474 text nodes). -->
  <xsl:variable name="r:unspaced-chars" static="yes" as="xs:string" select="'['
      || '&#x0E00;-&#x0EFF;&#x0F00;-&#x0FFF;&#x1000;-&#x109F;&#x1780;-&#x17FF;'
      || '&#x2E80;-&#x2FDF;&#x3000;-&#x30FF;&#x3190;-&#x31FF;&#x3400;-&#x4DBF;'
      || '&#x4E00;-&#x9FFF;&#xF900;-&#xFAFF;&#xFF00;-&#xFF65;&#x20000;-&#x3134F;]'"/>

  <!-- Han, kana and the full-width forms: the characters of Chinese and Japanese, written
       without spaces between words. -->
  <xsl:variable name="r:han-kana" static="yes" as="xs:string" select="'['
      || '&#x2E80;-&#x2FDF;&#x3000;-&#x30FF;&#x3190;-&#x31FF;&#x3400;-&#x4DBF;'
      || '&#x4E00;-&#x9FFF;&#xF900;-&#xFAFF;&#xFF00;-&#xFF65;&#x20000;-&#x3134F;]'"/>

  <!-- A line of Chinese or Japanese ended in the file and went on on the next (a text kept
       line by line as its print or manuscript has it): the line end is no word boundary in
       those scripts (r:unspaced-chars), but a browser renders the newline and the indent as a
       space, as CSS asks only Firefox to leave out; so a reader saw a gap in the middle of a
       phrase at every line of the source, and a copy and the search index had it too. The
       whitespace holding a line end between two such characters is left out, in this text
       or across its neighbour (a line ending before an <app> or a <hi>). -->
  <xsl:template _match="text()[$r:has-unspaced or not(root(.) is $r:root)][contains(., '&#10;')]
      [matches(., '{$r:unspaced-chars}')]"
      mode="r:main r:footnote r:card" as="text()?" priority="0.5">
    <xsl:variable name="break" as="xs:string" select="'[ \t\r]*\n\s*'"/>
    <xsl:variable name="inside" as="xs:string" select="replace(replace(.,
        '(' || $r:unspaced-chars || ')' || $break || '(' || $r:unspaced-chars || ')', '$1$2'),
        '(' || $r:unspaced-chars || ')' || $break || '(' || $r:unspaced-chars || ')', '$1$2')"/>
    <!-- past a line, page or column break and the whitespace around it: CBETA's "照見五
         <lb/>蘊皆空" kept its newline before the break (probe 79: "照見五 蘊皆空") -->
    <xsl:variable name="before" as="node()?" select="preceding-sibling::node()
        [not(self::lb or self::pb or self::cb or self::text()[not(normalize-space())])][1]"/>
    <xsl:variable name="after" as="node()?" select="following-sibling::node()
        [not(self::lb or self::pb or self::cb or self::text()[not(normalize-space())])][1]"/>
    <xsl:variable name="start" as="xs:string" select="if (exists($before)
        and matches(r:last-char($before), $r:unspaced-chars)
        and matches($inside, '^' || $break || $r:unspaced-chars))
        then replace($inside, '^\s+', '') else $inside"/>
    <xsl:value-of select="if (exists($after)
        and matches(substring(string($after), 1, 1), $r:unspaced-chars)
        and matches($start, $r:unspaced-chars || $break || '$'))
        then replace($start, '\s+$', '') else $start"/>
  </xsl:template>

  <!-- The text between an addSpan or a delSpan and the anchor its @spanTo names is added or
       deleted (Guidelines 11.3.1.4), across as many lines and blocks as it runs: a text node
       inside such a range is marked as the text of an add or a del is (a deletion: the
       diplomatic view only, and hidden in a book by its class). Here, with the other
       templates of text, because this module's copies have the highest import precedence of
       any (an accumulator cannot be declared in a module imported more than once). The
       ranges are walked once per document, each from its span to its anchor (r:span-texts:
       the text nodes inside them by generate-id); a document without spans pays one
       variable's test per text node. -->
  <xsl:function name="r:spans" as="element()*">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="root" as="node()" select="root($node)"/>
    <xsl:sequence select="if (not($root instance of document-node())) then ()
        else (key('r:by-name', QName('http://www.tei-c.org/ns/1.0', 'delSpan'), $root),
              key('r:by-name', QName('http://www.tei-c.org/ns/1.0', 'addSpan'), $root))"/>
  </xsl:function>

  <xsl:variable name="r:has-spans" as="xs:boolean"
      select="exists(/descendant::delSpan[1]) or exists(/descendant::addSpan[1])"/>

  <!-- generate-id of each text node inside a range -> 'del' and/or 'add'. -->
  <xsl:variable name="r:span-texts" as="map(xs:string, xs:string+)" select="if ($r:has-spans)
      then map:merge(r:spans(/*) ! r:span-range(.), map { 'duplicates': 'combine' })
      else map { }"/>

  <xsl:function name="r:span-range" as="map(xs:string, xs:string)">
    <xsl:param name="span" as="element()"/>
    <xsl:variable name="end" as="element()?" select="key('r:entry',
        replace(normalize-space($span/@spanTo), '^#', ''), root($span))[1]"/>
    <!-- a deletion an undo cancels is the text again (reading.xsl, r:undone): 'restored' -->
    <xsl:variable name="kind" as="xs:string" select="if ($span/self::delSpan and r:undone($span))
        then 'restored' else substring(local-name($span), 1, 3)"/>
    <xsl:choose>
      <xsl:when test="empty($end) or not($span &lt;&lt; $end)">
        <xsl:sequence select="map { }"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- from the span to its anchor, and no further; to the end of the content of an
             element of words it names (Guidelines, att.spanning: "to the end of the content
             of the element pointed to") -->
        <xsl:iterate select="$span/following::text()">
          <xsl:param name="found" as="map(xs:string, xs:string)" select="map { }"/>
          <xsl:on-completion select="$found"/>
          <xsl:choose>
            <xsl:when test="not(. &lt;&lt; $end) and empty(ancestor::* intersect $end)">
              <xsl:break select="$found"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:next-iteration>
                <xsl:with-param name="found" select="map:put($found, generate-id(.), $kind)"/>
              </xsl:next-iteration>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:iterate>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- generate-id of the last words of an element of words a span runs to the end of (a
       seg, a w, a line) -> the spans that end there, whose closing sign follows those words
       (an anchor, a page break or a milestone closes its own: transcription.xsl,
       r:span-close; probe 39 left the sign of a span to a seg unclosed). -->
  <xsl:variable name="r:span-last" as="map(xs:string, element()+)" select="if ($r:has-spans)
      then map:merge(r:spans(/*) ! r:span-last(.), map { 'duplicates': 'combine' })
      else map { }"/>

  <xsl:function name="r:span-last" as="map(xs:string, element())?">
    <xsl:param name="span" as="element()"/>
    <xsl:variable name="end" as="element()?" select="key('r:entry',
        replace(normalize-space($span/@spanTo), '^#', ''), root($span))[1]
        [not(self::anchor | self::pb | self::milestone)][$span &lt;&lt; .]"/>
    <!-- the last words of the element itself: a note's end inside it is rendered apart -->
    <xsl:sequence select="($end//text()[normalize-space()]
        [empty(ancestor::note intersect $end/descendant::note)])[last()]
        ! map { generate-id(.): $span }"/>
  </xsl:function>

  <xsl:template match="text()[$r:has-spans][normalize-space()]
      [map:contains($r:span-texts, generate-id(.))]" mode="r:main" as="element()+" priority="3">
    <xsl:variable name="kinds" as="xs:string+" select="$r:span-texts(generate-id(.))"/>
    <xsl:variable name="deleted" as="xs:boolean" select="$kinds = 'del'"/>
    <xsl:variable name="restored" as="xs:boolean" select="not($deleted) and $kinds = 'restored'"/>
    <xsl:element name="{if ($deleted or $restored) then 'del' else 'ins'}">
      <xsl:attribute name="class" select="if ($deleted) then 'del del-span ed-dipl'
          else if ($restored) then 'del del-span restored' else 'add add-span'"/>
      <xsl:next-match/>
    </xsl:element>
    <xsl:apply-templates select="$r:span-last(generate-id(.))[1]" mode="r:span-closed"/>
  </xsl:template>

  <!-- A text whose spaces are characters of their own (<c> </c>, as the Folger texts write
       one token per line: <w>Now</w> <pc>,</pc> <c> </c> <w>fair</w>) has no other: the
       whitespace between its tokens is the file's layout, which would read "Now , fair". -->
  <!-- (a block is written so when its space characters part its words, about one a word:
       one <c> </c> among words parted by spaces made every other space layout, "The
       standownerMr Smithcame", probe 152) -->
  <xsl:template match="text()[$r:has-c][not(normalize-space())][r:c-spaced(..)]"
      mode="r:main" as="empty-sequence()" priority="2"/>

  <xsl:function name="r:c-spaced" as="xs:boolean" cache="yes">
    <xsl:param name="parent" as="node()?"/>
    <xsl:variable name="spaces" as="xs:integer" select="count($parent/c[not(normalize-space())])"/>
    <!-- (and words parted by whitespace alone are few beside them: "<w>I</w> <w>saw</w><c>
         </c><w>him</w>" read "Isaw him", probe 155) -->
    <xsl:variable name="bare" as="xs:integer" select="count($parent/w[following-sibling::node()
        [not(self::text()[not(normalize-space())])][1][self::w]])"/>
    <xsl:sequence select="$spaces gt 0 and exists($parent/(w | pc))
        and 2 * $spaces ge count($parent/w) - 1 and $spaces ge 2 * $bare"/>
  </xsl:function>

  <!-- A token's closing punctuation on a line of its own (r:pc-layout) joins it. -->
  <xsl:template match="text()[$r:has-tokens or not(root(.) is $r:root)][r:pc-layout(.)]"
      mode="r:main r:footnote r:card" as="empty-sequence()" priority="1.5"/>

  <!-- Whitespace laying out the feet of a scanned line (r:seg-layout) is no word space. -->
  <xsl:template match="text()[not(normalize-space())][parent::l][r:seg-layout(.)]"
      mode="r:main r:footnote r:card" as="empty-sequence()" priority="1.6"/>

  <!-- Whitespace inside a subst lays out its children: TEI gives a subst elements alone
       (11.3.1.5), so the whitespace is no word space of the reading text (r:layout-space
       says the same for the plain words). A correction inside a word, pretty-printed
       "baldige <subst> <del>A</del> <add>a</add> </subst>ufklär", read "baldige a ufklär"
       (probe 46, a Kraus letter). The diplomatic view keeps it between the deleted and the
       added words of a subst between words ("the <subst> <del>cat</del> <add>dog</add>
       </subst> sat"), never before the first or after the last, nor in a subst inside a
       word: "felt<subst> <del>zq</del> <add>wvx</add> </subst> the" read "felt zq wvx" there,
       and the search index "zq wvx" for the word "feltwvx" (probe 100). The mixed content of
       mod, restore or retrace keeps its whitespace: there it is text, and the
       Shelley-Godwin Archive spaces words by it ("the <mod> ... <add>bright</add>
       </mod>summit"). -->
  <xsl:template match="text()[not(normalize-space())][parent::subst]"
      mode="r:main r:footnote r:card" as="element()?" priority="1.7">
    <xsl:if test="$r:views and not(r:in-word(..)) and preceding-sibling::* and following-sibling::*">
      <span class="ed-dipl"><xsl:value-of select="."/></span>
    </xsl:if>
  </xsl:template>

  <!-- Whether an element stands inside a word: a letter right before or after it
       ("Wein<choice>...</choice>", "felt<subst>...</subst>"). -->
  <!-- A comment or an instruction between is nothing; a line, page or column break with
       break="no" joins; a phrase element (hi, persName) ending or beginning with a letter
       is a part of the word too (probe 103: "felt<lb break="no"/><subst>", "<hi>felt</hi>
       <subst>", "felt<!- - c - -><subst>" were taken for words apart). -->
  <xsl:function name="r:in-word" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="before" as="node()?"
        select="$e/preceding-sibling::node()[not(self::comment() or self::processing-instruction())][1]"/>
    <xsl:variable name="after" as="node()?"
        select="$e/following-sibling::node()[not(self::comment() or self::processing-instruction())][1]"/>
    <xsl:sequence select="exists(($before, $after)[self::lb or self::pb or self::cb][@break = 'no'])
        or matches(string($before[self::text() or self::*[not(self::note or self::lb or self::pb
            or self::cb)]]), '\w$')
        or matches(string($after[self::text() or self::*[not(self::note or self::lb or self::pb
            or self::cb)]]), '^\w')"/>
  </xsl:function>

  <!-- The whitespace laying out a damage whose content is elements alone (a supplied reading,
       a gap) before its first or after its last element is no word space either: a letter
       lost to a hole inside a word, pretty-printed "Witteru<damage> <supplied>n</supplied>
       </damage>g", read "Witteru [n] g" in both views (probe 47, a Bahr letter). A damage
       with words of its own keeps its whitespace, which is then text. -->
  <xsl:template match="text()[not(normalize-space())][parent::damage]
      [empty(../text()[normalize-space()])][empty(preceding-sibling::*) or empty(following-sibling::*)]"
      mode="r:main r:footnote r:card" as="empty-sequence()" priority="1.7"/>

  <!-- Asked once of the document rendered, so that a text node of it is not asked each
       question a template of text puts (a novel's page: 5,300 elements and 10,000 text nodes,
       4 in 10 of its time went to the tests of a break inside a word, of punctuation laid
       out on lines, of Chinese line ends and of apparatus entries attached by pointers, none
       of which it has). A node of another document (a register's entry in a card, a tree the
       stylesheet built) is asked as before. -->
  <xsl:variable name="r:root" as="node()" select="/"/>
  <!-- a break inside a word (break="no") or a token joined to its neighbour (@join) -->
  <xsl:variable name="r:has-joins" as="xs:boolean"
      select="exists(/descendant::*[@break = 'no' or @join][1])"/>
  <!-- tokens: punctuation, words, characters (r:pc-layout looks at their neighbours) -->
  <xsl:variable name="r:has-tokens" as="xs:boolean"
      select="exists(/descendant::*[self::pc or self::w or self::c][1])"/>
  <!-- a character of the scripts written without spaces (one pass over the text, against
       one for each of its text nodes) -->
  <xsl:variable name="r:has-unspaced" as="xs:boolean"
      _select="matches(string(/), '{$r:unspaced-chars}')"/>

  <!-- Asked once: only a document with c elements looks at a whitespace node's siblings. -->
  <xsl:variable name="r:has-c" as="xs:boolean" select="exists(/descendant::c[1])"/>

  <!-- A text with levels of transcription in its words (Menota's me:facs, me:dipl, me:norm:
       levels.xsl) writes one token per line, and each level on a line of its own: the
       whitespace between tokens and between levels is the file's layout, which would read
       "heitit , er"; the spaces between words come from r:word-space. -->
  <xsl:template match="text()[$r:has-levels][not(normalize-space())]
      [../(me:facs | me:dipl | me:norm) or preceding-sibling::node()[1][self::w or self::pc]
       or following-sibling::node()[1][self::w or self::pc]]"
      mode="r:main" as="empty-sequence()" priority="2"/>

  <xsl:variable name="r:has-levels" as="xs:boolean"
      select="exists(/descendant::me:norm[1]) or exists(/descendant::me:dipl[1])
              or exists(/descendant::me:facs[1])"/>

  <!-- Two paginations in one text (pb/@ed: a print edition's pages beside a digital one's):
       the main one is that of the page breaks without @ed, else the edition most of them
       name (the first of equals); a page break of another edition is a secondary one, shown
       apart and left out of a book's page list. Only a pb with @ed asks. Page breaks naming
       two or more witnesses of the apparatus (pb ed="#A", ed="#C": a critical text recording
       where each manuscript's leaves turn) give the text no pagination of its own, so none is
       the main one and each says whose leaf it is (probe 27: the witness with the most breaks
       was taken for the text's pages, "p. 254r" without its siglum). The edition may be
       named by @ed or by a pointer, @edRef (att.edition; probe 34: a synoptic Middle High
       German edition's pb edRef="#A" ... edRef="#E", four leaves in a row taken for the
       text's own pages, "p. 197", "p. 249r", none saying whose). -->
  <xsl:function name="r:secondary-pb" as="xs:boolean">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="ed" as="xs:string" select="r:break-ed($pb)"/>
    <xsl:sequence select="$ed != '' and (r:in-variant($pb) or $ed ne r:main-edition($pb))"/>
  </xsl:function>

  <!-- Whether an element is in a variant reading, not in the text: a rdg of an entry with a
       lemma, or after the first reading (which the text shows when there is no lemma). A
       witness's leaf turning inside its reading (<rdg wit="#B"><pb ed="#B" n="72r"/>) is that
       witness's, never the text's pagination (probe 59: "p. 72r" in the book's page list). -->
  <xsl:function name="r:in-variant" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::rdg[1][preceding-sibling::rdg
        or ancestor::app[1]/(lem | rdgGrp/lem)])"/>
  </xsl:function>

  <xsl:function name="r:main-edition" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="root" as="node()" select="root($pb)"/>
    <xsl:variable name="eds" as="xs:string*" select="(if ($root instance of document-node())
        then key('r:by-name', node-name($pb), $root) else $pb)[not(r:in-variant(.))]
        ! r:break-ed(.)"/>
    <xsl:variable name="named" as="xs:string*" select="distinct-values($eds)"/>
    <xsl:variable name="counts" as="xs:integer*"
        select="for $n in $named return count($eds[. = $n])"/>
    <xsl:variable name="witnesses" as="xs:boolean" select="count($named) gt 1
        and $root instance of document-node()
        and (every $n in $named satisfies exists(key('r:entry', replace($n, '^#', ''), $root)
            [self::witness][starts-with($n, '#')]))"/>
    <xsl:sequence select="if (empty($eds) or $eds = '' or $witnesses) then ''
        else $named[index-of($counts, max($counts))[1]]"/>
  </xsl:function>

  <!-- The edition a break belongs to: its @ed, else its @edRef. -->
  <xsl:function name="r:break-ed" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="normalize-space(($pb/@ed[normalize-space()], $pb/@edRef)[1])"/>
  </xsl:function>

  <!-- Whether an element's words are already in brackets ("(full digital facsimile)"): a
       note run in brackets takes no second pair, one with brackets inside its own neither
       (probe 171: "((similarly PesiqtaR 33 (153b)))"); "(a) and (b)" is no one pair. -->
  <xsl:function name="r:self-bracketed" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="s" as="xs:string" select="normalize-space(string($e))"/>
    <xsl:variable name="inner" as="xs:string" select="substring($s, 2, string-length($s) - 2)"/>
    <xsl:sequence select="(starts-with($s, '(') and ends-with($s, ')')
            and r:balanced($inner, '\(', '\)'))
        or (starts-with($s, '[') and ends-with($s, ']') and r:balanced($inner, '\[', '\]'))"/>
  </xsl:function>

  <!-- Whether every bracket $open of $s is closed by a $close after it, and nothing else is
       closed (regular-expression escapes of one character each): pairs with nothing of
       theirs inside are taken away until none is left. -->
  <xsl:function name="r:balanced" as="xs:boolean">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="open" as="xs:string"/>
    <xsl:param name="close" as="xs:string"/>
    <xsl:variable name="left" as="xs:string"
        select="replace($s, $open || '[^' || $open || $close || ']*' || $close, '')"/>
    <xsl:sequence select="if ($left eq $s) then not(matches($s, $open || '|' || $close))
        else r:balanced($left, $open, $close)"/>
  </xsl:function>

  <!-- A title or a head whose @rend says it is bracketed (the Whitman Archive's titles the
       editors supplied, rend="bracketed"): its words in square brackets, wherever they are
       shown (the heading, the contents, the page's and the book's titles: r:plain), as a
       title supplied by the editors is cited (sources.xsl). Only those two elements: on other
       elements rend says how the source looked, which the pages do not copy. Words already
       in square brackets take no second pair. -->
  <xsl:function name="r:bracketed" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::title or self::head]) and tokenize($e/@rend) = 'bracketed'
        and normalize-space($e) != ''
        and not(matches(normalize-space(string($e)), '^\[[^\[\]]*\]$'))"/>
  </xsl:function>

  <!-- The children of a title or a head in mode r:main, in brackets when it is bracketed. -->
  <xsl:template name="r:children" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="bracketed" as="xs:boolean" select="r:bracketed(.)"/>
    <xsl:if test="$bracketed">[</xsl:if>
    <xsl:apply-templates mode="r:main">
      <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
    <xsl:if test="$bracketed">]</xsl:if>
  </xsl:template>

  <!-- A note run in the text around it (in a description, a witness, an apparatus entry, the
       about page, a note of a note): its words in brackets unless they are already, with
       $before and $after the space the place wants around them. -->
  <xsl:template name="r:in-brackets" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="before" as="xs:string" select="' '"/>
    <xsl:param name="after" as="xs:string" select="''"/>
    <!-- what closes the words inside the brackets (a note's " — Jane Roe") -->
    <xsl:param name="last" as="node()*" select="()"/>
    <xsl:variable name="bracketed" as="xs:boolean" select="r:self-bracketed(.)"/>
    <xsl:value-of select="$before || (if ($bracketed) then '' else '(')"/>
    <xsl:apply-templates mode="r:main">
      <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
    <xsl:sequence select="$last"/>
    <xsl:value-of select="(if ($bracketed) then '' else ')') || $after"/>
  </xsl:template>

  <!-- Word boundaries (TEI Guidelines 3.11.3, 17.1). A line, column or page break inside a
       word (break="no") joins the word: the whitespace the source has around it for
       legibility is not rendered, so "hyphen-<lb break="no"/>\n  ated" stays one word. -->
  <!-- Tokens joined by @join (TEI 17.1, att.linguistic: "right" or "both" joins the token to
       the next, "left" or "both" to the one before) lose the whitespace between them too:
       corpora with one token per line (ParlaMint) write <w join="right">Hello</w>\n<pc>,</pc>
       and mean "Hello,". -->
  <xsl:template match="text()[$r:has-joins or not(root(.) is $r:root)]
      [preceding-sibling::node()[1][@break = 'no' or @join = ('right', 'both')]
      or following-sibling::node()[1][@break = 'no' or @join = ('left', 'both')]
      or r:break-no-before(.) or r:break-no-after(.)]" mode="r:main" as="text()?" priority="1">
    <xsl:variable name="left" as="xs:boolean" select="r:break-no-before(.)
        or exists(preceding-sibling::node()[1][@join = ('right', 'both')])"/>
    <xsl:variable name="right" as="xs:boolean" select="r:break-no-after(.)
        or exists(following-sibling::node()[1][@join = ('left', 'both')])"/>
    <xsl:variable name="trimmed" as="xs:string"
        select="if ($left) then replace(., '^\s+', '') else string(.)"/>
    <xsl:variable name="text" as="xs:string"
        select="if ($right) then replace($trimmed, '\s+$', '') else $trimmed"/>
    <xsl:if test="$text != ''">
      <xsl:value-of select="$text"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="r:joins" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node[self::lb or self::pb or self::cb][@break = 'no'])"/>
  </xsl:function>

  <!-- Elements TEI separates from a neighbouring element of the same set even when no
       whitespace stands between them: tokens, segments, utterances, address lines; the parts
       of a name ("<forename>Mary</forename><surname>Shelley</surname>") and of a place or an
       address; the parts of a dictionary entry ("<orth>abeceda</orth><orth>абецеда</orth>",
       "<pos>n.</pos><gen>m.</gen>"), with a form's stress pattern and language (Guidelines
       9.3.1: "<hyph>cy|ning</hyph><stress>ˈcyning</stress>" read "cy|ningˈcyning", probe
       161). tests/words.py (TEI_TOKENS) knows the same list. -->
  <xsl:variable name="r:token-names" as="xs:string+" select="('w', 'pc', 'seg', 's', 'cl',
      'phr', 'u', 'addrLine', 'num', 'stage', 'speaker', 'persName', 'placeName', 'orgName',
      'name', 'rs', 'date', 'forename', 'surname', 'addName', 'genName', 'nameLink', 'roleName',
      'settlement', 'region', 'country', 'district', 'bloc', 'street', 'postCode', 'postBox',
      'form', 'orth', 'pron', 'hyph', 'syll', 'stress', 'lang', 'gramGrp', 'gram', 'pos', 'gen',
      'number', 'case', 'per', 'tns', 'mood', 'iType', 'subc', 'colloc', 'usg', 'lbl', 'def',
      'etym', 'xr', 'oRef', 'pRef', 'cit', 'vocal', 'kinesic', 'incident', 'writing', 'pause')"/>
  <!-- and the quotations of a dictionary's citation ("<cit><quote>a bright colour</quote>
       <quote>a dull colour</quote></cit>" read "coloura dull": probe 110; the parts of a
       cross-reference or an etymology are parted by their parent, dictionaries.xsl's
       r:spaced-parts); a citation of running text sets its quotation and source apart -->
  <xsl:function name="r:is-token" as="xs:boolean">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="$e instance of element()
        and namespace-uri($e) = 'http://www.tei-c.org/ns/1.0'
        and (local-name($e) = $r:token-names
             or $e/self::quote/parent::cit[ancestor::*[self::entry or self::entryFree
                 or self::dictScrap]])"/>
  </xsl:function>

  <!-- True when $e must be set off by a space from the element just before it: both are
       tokens and nothing (no text) stands between them, unless punctuation attaches (a pc
       joins the word before it unless @pre says it opens the next one; opening brackets,
       dashes, the "¬" old prints hyphenate with, and word-internal apostrophes join the word
       after them; so does their "=" but before a word in lower case: the Wienerisches
       Diarium's "Gros=Feld=Herrn" read "Gros= Feld= Herrn", where its "in= und vor der
       Stadt", "Leib= und Lebens=Gefahr" hang the first word's hyphen), @join says they are
       joined, or they are parts of one word (a w's children). -->
  <!-- Whether the second of two segments written against each other is the rest of the
       first one's word. The first's words (its notes left out) end in a letter, in a letter
       and an elision's apostrophe ("l’" "homme"; not a quotation's closing one: "'no'"
       "said" are two words), or in a letter and a syllable's hyphen ("glo-" "ri-" "a"), and
       the second begins with a small letter, with a hyphen and a letter ("Vo" "-ca"), or
       with an apostrophe and letters that close no quotation ("l" "’homme", "John" "'s",
       where "said" "'no'" are two words: probes 151, 154, 158). A space, a stop, a comma, a
       symbol (an arrow, a currency, a plus), a dash (a hyphen after a space) and a number
       end a word (probe 159: "see →" "below", "word -" "and then", "1914" "was" read "see
       →below", "word -and then", "1914was"); a number joins only a second that is an
       ordinal's or a book format's ending alone ("1" "st", "4" "to": probe 158), where
       "1914" "was a year" and "Psalm 23" "verse" are words apart. A word's break is written
       with a hyphen, a soft hyphen, or the marks of German and older transcriptions, ¬, = and
       ⸗ ("Verständ¬" "nis", "Lebens=" "gefahr"), and a decade's "s" ends its number ("1990"
       "s": probe 162). Probe 164: a word of four letters or more and an apostrophe is an
       English possessive ("the dogs’" "tails") unless the language elides ($elides: dell’,
       lorsqu’), a word after an apostrophe joins an elided word or is a clitic ("said"
       "’tis" are two words, "John" "'s" one), a hyphen joins a capital too ("pre-" "War"),
       a book format's ending follows three digits at most ("1914" "to"), a decade's "s" a 0.
       entries.xsl (the index) and the tests' words check (tests/words.py) say the same
       (ed:seg-joins). -->
  <xsl:function name="r:seg-joins" as="xs:boolean">
    <xsl:param name="prev" as="xs:string"/>
    <xsl:param name="next" as="xs:string"/>
    <xsl:param name="elides" as="xs:boolean"/>
    <xsl:sequence select="matches($prev, '\p{L}\p{M}*[''’\-‐‑&#xAD;¬=⸗]?$')
        and not(matches($prev, '(^|\s)[''‘’]\S*[''’]$'))
        and (matches($next, '^\p{Ll}')
                and ($elides or not(matches($prev, $r:long-elision)))
                and not(matches($prev, $r:apocope))
             or matches($next, '^[\-‐‑]\p{L}')
             or matches($next, '^[''’]\p{L}[^''’]*$')
                and ($elides or matches($next, $r:clitic)
                     or not(matches($prev, '[\p{L}\p{M}]{4,}$')))
             or matches($prev, '\p{L}\p{M}*[\-‐‑]$') and matches($next, '^[\p{Lu}\p{Nd}]'))
        or matches($prev, '\p{Nd}$') and matches($next, $r:number-ending)
           and (matches($prev, '(^|\D)\d{1,3}$') or not(matches($next, '^(to|vo|mo|fo)')))
           and (matches($prev, '0$') or not(matches($next, '^s\p{P}*$')))"/>
  </xsl:function>

  <!-- A word of four letters or more before an apostrophe ("dogs’"): a plural's possessive
       in English, an elided word only in a language that elides long words (dell’, quell’:
       r:elides); a shorter one (l’, d’, qu’) is elided in any. -->
  <xsl:variable name="r:long-elision" as="xs:string" select="'[\p{L}\p{M}]{4,}[''’]$'"/>

  <!-- An Italian word cut short (apocope: "un po’ di", "mo’", "be’", "fa’"), a word of its
       own where an elided one joins the next ("dell’anno"). -->
  <xsl:variable name="r:apocope" as="xs:string"
      select="'(^|[^\p{L}\p{M}])(po|mo|be|ca|fa|sta|va|da|di|to)[''’]$'"/>

  <!-- An English clitic after an apostrophe ("John" "'s", "we" "’ll"), which joins any word;
       another word after one ("’tis", "’twas") joins an elided word alone. -->
  <xsl:variable name="r:clitic" as="xs:string" select="'^[''’](s|ll|d|re|ve|m|t)(\P{L}|$)'"/>

  <!-- Whether $e's language writes long elided words against the next one (French, Italian,
       Catalan, Occitan: dell’anno, lorsqu’il). -->
  <xsl:function name="r:elides" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="substring(lower-case(($e/ancestor-or-self::*[@xml:lang][1]
        /@xml:lang, '')[1]), 1, 2) = ('fr', 'it', 'ca', 'oc')"/>
  </xsl:function>

  <!-- A seg that is the ending of the number before it, alone: an ordinal's (1st, 2d, 1er,
       2e, 2ème), a decade's (1990s, after a 0 alone) or a book format's (4to, 8vo, 12mo,
       2fo, after three digits at most: "1914" "to" are words apart), with a stop after it
       or not. -->
  <xsl:variable name="r:number-ending" as="xs:string"
      select="'^(st|nd|rd|th|d|s|to|vo|mo|fo|er|re|e|ème)\p{P}*$'"/>

  <!-- The types of a seg that is a word or more (a token; a phrase, a clause or a sentence
       of an alignment), never part of one: "In the beginning" "was the word" are words
       apart when typed so (probe 164); untyped, they read as the source writes them. -->
  <xsl:variable name="r:seg-apart-types" as="xs:string+"
      select="('w', 'word', 'token', 'tok', 'phrase', 'phr', 'clause', 'sentence')"/>

  <!-- A segment's words for r:seg-joins: its text, its notes left out. -->
  <xsl:function name="r:seg-words" as="xs:string">
    <xsl:param name="seg" as="element()"/>
    <xsl:sequence select="string-join($seg//text()[not(ancestor::note[. >> $seg])])"/>
  </xsl:function>

  <xsl:function name="r:space-before" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- in a text with levels the whitespace between tokens is layout, never rendered -->
    <!-- an anchor (a point of a timeline, of an alignment) is no word of its own: the
         transcript's "<w>what</w><anchor synch="#T1"/><pause/>" read "what(0.3 s)" -->
    <xsl:variable name="prev" as="node()?" select="if ($r:has-levels)
        then $e/preceding-sibling::node()[not(self::text()[not(normalize-space())])]
            [not(self::anchor)][1]
        else $e/preceding-sibling::node()[not(self::anchor)][1]"/>
    <xsl:sequence select="exists($prev) and $prev instance of element()
        and r:is-token($prev) and r:is-token($e) and empty($e/parent::w)
        and not($e/@join = ('left', 'both')) and not($prev/@join = ('right', 'both'))
        and (if (r:punctuation($e)) then $e/@pre = ('true', '1')
                 or ($e/self::w and matches(normalize-space($e), '^[\p{Ps}\p{Pi}]'))
             else if (r:punctuation($prev)) then not($prev/@pre = ('true', '1'))
                  and not(matches(normalize-space($prev), '^[\p{Ps}\p{Pi}\p{Pd}/¬]+$'))
                  and not(normalize-space($prev) = '=' and not(matches($e, '^\s*\p{Ll}')))
                  and not(matches(normalize-space($prev), '^[''’]$')
                          and $prev/preceding-sibling::node()[1][self::w])
             (: an elided word written against the next one (D' une, l' industrie): a short
                one anywhere (d', qu'), a longer one in a language that elides (dell', quell');
                English (the dogs' tails) keeps its space :)
             else not($prev/self::w and $e/self::w
                      and (matches(normalize-space($prev), '^\w{1,3}[''’]$')
                           or matches(normalize-space($prev), '\w[''’]$')
                              and substring(lower-case(($prev/ancestor-or-self::*[@xml:lang][1]
                                  /@xml:lang, '')[1]), 1, 2) = ('fr', 'it', 'ca', 'oc'))))
        (: Chinese and Japanese are written without spaces, their full-width marks too:
           the tokens 天地 ， 玄黃 read 天地， 玄黃 (probe 132); Korean parts its words
           also when they are written in Hanja, as Tibetan, Burmese and Khmer do after their
           marks (probe 137) :)
        (: a seg is an arbitrary segment (Guidelines 17.3), a part of a word as often as a
           word: the Guidelines' own scansion, the syllables Ar and ma, read Ar ma (probe
           145); one written against another joins it when the next is the rest of its
           word (r:seg-joins), and is a word apart before a capital (Verlag, Die Fackel), a digit, a
           mark or a letter of a script of no capitals (Hebrew, Arabic, Devanagari), or when
           either is a token or holds tokens; a seg beside another token (a w, a name) is a
           word apart as tokens are (probe 146: the cat read thecat) :)
        and not($e/self::seg and $prev/self::seg
                and not(($e | $prev)/self::seg[lower-case(normalize-space(@type))
                    = $r:seg-apart-types or w or pc])
                and r:seg-joins(r:seg-words($prev), normalize-space(r:seg-words($e)),
                    r:elides($prev)))
        and not(matches(r:last-char($prev), $r:han-kana)
                and matches(substring(normalize-space($e), 1, 1), $r:han-kana)
                and not(starts-with(lower-case(string($e/ancestor-or-self::*[@xml:lang][1]
                    /@xml:lang)), 'ko')))"/>
  </xsl:function>

  <!-- Whether a token is punctuation: a pc, or a w of punctuation alone, as tokenisers that
       know no pc write it (Transkribus exports of court records: "<w>huit</w><w>,</w>"),
       which joins the word before it as a pc does. -->
  <xsl:function name="r:punctuation" as="xs:boolean">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="exists($e/self::pc)
        or exists($e/self::w[matches(normalize-space(.), '^\p{P}+$')])"/>
  </xsl:function>

  <!-- The space that keeps $e apart from the token before it (r:space-before). -->
  <xsl:template name="r:word-space" as="text()?">
    <xsl:context-item as="element()" use="required"/>
    <xsl:if test="r:space-before(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- True when a milestone (pb, cb ...) without break="no" stands between two words with no
       whitespace on either side ("passing<pb/>truck"): it must render a space, or the words
       would run together. Punctuation after it ("one<pb/>.") keeps to its word, and a block
       on either side (items, lines, paragraphs) is separate anyway. Only text and phrase
       elements are looked into (the string of a whole neighbouring chapter would cost a
       novel's length per page break). -->
  <xsl:function name="r:glued" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="prev" as="node()?" select="$e/preceding-sibling::node()[1]"/>
    <xsl:variable name="next" as="node()?" select="$e/following-sibling::node()[1]"/>
    <xsl:sequence select="not($e/@break = 'no') and exists($prev) and exists($next)
        and r:phrase-level($prev) and r:phrase-level($next)
        and matches(r:last-char($prev), '[\w\p{Pe}\p{Pf}.,;:!?]')
        and matches(substring(string($next), 1, 1), '[\w\p{Ps}\p{Pi}]')
        and not(r:unspaced($e))"/>
  </xsl:function>

  <!-- True when $e (a break: lb, pb, cb, gb) stands between two characters of such a script,
       nothing else between them (whitespace written there is a boundary, as everywhere). -->
  <xsl:function name="r:unspaced" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- the characters on either side, past the whitespace a file's lines put there (probe
         79: CBETA's newline before each lb made every line end a space) -->
    <xsl:variable name="prev" as="node()?"
        select="$e/preceding-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:variable name="next" as="node()?"
        select="$e/following-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:sequence _select="exists($prev) and exists($next)
        and r:phrase-level($prev) and r:phrase-level($next)
        and matches(r:last-char($prev, true()), '{$r:unspaced-chars}')
        and matches(substring(normalize-space(substring(string($next), 1, 32)), 1, 1),
            '{$r:unspaced-chars}')"/>
  </xsl:function>

  <!-- The last character of a node's text; a regular expression anchored at the end of a
       long string would be tried at every position of it (Saxon's regex engine is slow). -->
  <xsl:function name="r:last-char" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="text" as="xs:string" select="string($node)"/>
    <xsl:sequence select="substring($text, string-length($text))"/>
  </xsl:function>

  <!-- The last character but whitespace (of the last 32 at most: see r:last-char). -->
  <xsl:function name="r:last-char" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="past-space" as="xs:boolean"/>
    <xsl:variable name="text" as="xs:string" select="string($node)"/>
    <xsl:variable name="tail" as="xs:string"
        select="normalize-space(substring($text, string-length($text) - 31))"/>
    <xsl:sequence select="if ($past-space) then substring($tail, string-length($tail))
        else r:last-char($node)"/>
  </xsl:function>

  <xsl:variable name="r:phrase-elements" as="xs:string*" select="('hi', 'emph', 'foreign',
      'persName', 'placeName', 'orgName', 'name', 'rs', 'date', 'num', 'w', 'seg', 'pc', 'title',
      'term', 'mentioned', 'soCalled', 'q', 'ref', 'choice', 'sic', 'corr', 'orig', 'reg',
      'abbr', 'expan', 'add', 'del', 'unclear', 'supplied', 'surplus', 'ex', 'am', 'c', 'g')"/>

  <xsl:function name="r:phrase-level" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node instance of text() or local-name($node) = $r:phrase-elements"/>
  </xsl:function>

  <xsl:template match="comment() | processing-instruction()" mode="r:main r:footnote r:card"
      as="empty-sequence()"/>

  <!-- id, lang and class of the HTML element rendering the context TEI element. -->
  <xsl:template name="r:attributes" as="attribute()*">
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:param name="id" as="xs:boolean" select="true()"/>
    <!-- false on a page of headers (the about page): texts share ids, and some repeat one -->
    <xsl:param name="r:ids" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:if test="$id and $r:ids and @xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
    <xsl:choose>
      <!-- the common case, kept cheap: most elements have none of these attributes -->
      <xsl:when test="empty(@xml:lang | @rend | @rendition | @type | @style | @facs)">
        <xsl:if test="$class">
          <xsl:attribute name="class" select="$class"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="lang" as="xs:string?" select="r:lang(@xml:lang)"/>
        <xsl:variable name="edition-lang" as="xs:string?"
            select="if (exists($lang)) then () else r:edition-lang(.)"/>
        <xsl:if test="exists($lang)">
          <xsl:attribute name="lang" select="$lang"/>
          <xsl:call-template name="r:dir-attribute"/>
        </xsl:if>
        <!-- xml:lang="" says no language (XML 2.12), as HTML's lang="" does: its words do
             not take the language around them (probe 138) -->
        <xsl:if test="empty($lang) and @xml:lang and normalize-space(@xml:lang) = ''">
          <xsl:attribute name="lang" select="''"/>
        </xsl:if>
        <xsl:for-each select="$edition-lang">
          <xsl:attribute name="lang" select="."/>
          <xsl:for-each select="r:lang-dir(.)[. = 'rtl']">
            <xsl:attribute name="dir" select="."/>
          </xsl:for-each>
        </xsl:for-each>
        <!-- a pointer at a zone of a facsimile (facsimile.xsl draws it, edition.js outlines it) -->
        <xsl:for-each select="tokenize(normalize-space(@facs))[starts-with(., '#')][1]">
          <xsl:attribute name="data-facs" select="substring(., 2)"/>
        </xsl:for-each>
        <xsl:variable name="classes" as="xs:string*"
            select="tokenize($class), r:rend-classes(@rend), r:rendition-classes(@rendition),
                    r:token-class('type', @type), r:style-classes(@style)"/>
        <xsl:if test="exists($classes)">
          <xsl:attribute name="class" select="string-join(distinct-values($classes), ' ')"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The language of an edition division that declares none, in a text that declares none
       (no xml:lang on it, on its text or TEI, no langUsage): the language the header gives
       the object's text, msContents/textLang/@mainLang (TEI 10.6.6), when every such textLang
       agrees. US Epigraphy's Greek graffito, <div type="edition"> and <textLang
       mainLang="grc"/>, was a text of no language ("und", probe 29). Only the edition: a
       commentary or a translation that declares no language is the editor's, not the
       object's. -->
  <xsl:function name="r:edition-lang" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="tei" as="element()?" select="$div/ancestor::TEI[1]"/>
    <xsl:variable name="main" as="xs:string*" select="distinct-values($tei/teiHeader/fileDesc
        /sourceDesc//msContents//textLang/@mainLang ! r:lang(.))"/>
    <xsl:sequence select="if ($div/self::div[@type = 'edition']
        and empty($div/ancestor-or-self::*/@xml:lang)
        and empty($tei/teiHeader/profileDesc/langUsage/language/@ident[normalize-space()])
        and count($main) eq 1 and $main ne 'und') then $main else ()"/>
  </xsl:function>

  <!-- The id of a dated mention's entry on the timeline page (index/modules/page-entries.xsl):
       the text's stem and the mention's id, so that it is unique in the edition. -->
  <xsl:function name="r:timeline-id" as="xs:string">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:param name="mention" as="xs:string"/>
    <xsl:sequence select="'date-' || replace(normalize-space($stem), '\s', '_') || '-' || $mention"/>
  </xsl:function>

  <!-- Where a date of the text links to: its entry on the timeline (the reading page, which
       knows the text's stem, overrides this: html/modules/reading.xsl). -->
  <xsl:function name="r:date-href" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="'timeline.html#' || r:timeline-id('', string($date/@xml:id))"/>
  </xsl:function>

  <!-- A link to a paragraph of the text, at its end (the reading page's pilcrow: html/modules/
       reading.xsl); nothing in the book, whose readers keep their place otherwise. -->
  <xsl:template name="r:paragraph-link" as="element()?">
    <xsl:context-item as="element()" use="required"/>
  </xsl:template>

  <!-- Renders the children into an element that is a block in flow content and a span with
       the same class in phrasing content (CSS displays it as a block). -->
  <xsl:template name="r:block" as="element()">
    <xsl:param name="element" as="xs:string" select="'div'"/>
    <xsl:param name="class" as="xs:string" required="yes"/>
    <!-- fields: the children are fields with nothing between them (r:fields) -->
    <xsl:param name="fields" as="xs:string?" select="()"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else $element}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="$class || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:call-template name="r:fields">
        <xsl:with-param name="separator" select="$fields"/>
        <xsl:with-param name="r:phrasing" select="$r:phrasing or $element = 'p'" tunnel="yes"/>
      </xsl:call-template>
    </xsl:element>
  </xsl:template>

  <!-- A heading at $level of the context element's words (a span when inside phrasing). -->
  <xsl:template name="r:heading" as="element()">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="level" as="xs:integer" required="yes"/>
    <xsl:param name="class" as="xs:string" required="yes"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'h' || max((1, min((6, $level))))}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="$class"/>
      </xsl:call-template>
      <xsl:call-template name="r:children"/>
    </xsl:element>
  </xsl:template>

  <!-- The children in mode r:main (a bracketed title or head in its brackets); with a separator, only the element children, the
       separator between two that render to words (whitespace between them is dropped). -->
  <xsl:template name="r:fields" as="node()*">
    <xsl:param name="separator" as="xs:string?" select="()"/>
    <xsl:choose>
      <xsl:when test="empty($separator) and r:bracketed(.)">
        <xsl:text>[</xsl:text>
        <xsl:apply-templates mode="r:main"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:when test="empty($separator)">
        <xsl:apply-templates mode="r:main"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:iterate select="*">
          <xsl:param name="written" as="xs:boolean" select="false()"/>
          <xsl:param name="broken" as="xs:boolean" select="false()"/>
          <xsl:variable name="one" as="node()*">
            <xsl:apply-templates select="." mode="r:main"/>
          </xsl:variable>
          <!-- a note's mark or a milestone is no field: nothing before it -->
          <xsl:variable name="field" as="xs:boolean" select="not(self::note or self::pb
              or self::lb or self::cb or self::milestone or self::anchor or self::index)
              and normalize-space(string-join($one ! string(.))) != ''"/>
          <xsl:if test="$field and $written">
            <xsl:value-of select="if ($broken) then ' ' else $separator"/>
          </xsl:if>
          <xsl:sequence select="$one"/>
          <!-- a line or column break parts the fields itself: a comma after it began the
               line ("الزهور<lb/><biblScope>الجزء ٢</biblScope>", a journal's masthead, read
               "الزهور / , الجزء ٢": probe 47); a space keeps the words apart in a copy -->
          <xsl:next-iteration>
            <xsl:with-param name="written" select="$written or $field"/>
            <xsl:with-param name="broken" select="if (self::lb[not(@break = 'no')]
                or self::cb[not(@break = 'no')]) then true() else $broken and not($field)"/>
          </xsl:next-iteration>
        </xsl:iterate>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Renders the children into a phrasing element (span, i, b, em ...). -->
  <xsl:template name="r:inline" as="element()">
    <xsl:param name="element" as="xs:string" select="'span'"/>
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:param name="fields" as="xs:string?" select="()"/>
    <xsl:element name="{$element}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="$class"/>
      </xsl:call-template>
      <xsl:call-template name="r:fields">
        <xsl:with-param name="separator" select="$fields"/>
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:call-template>
    </xsl:element>
  </xsl:template>

  <!-- True for an element whose parent is rendered as running text (a p, a line, a head ...). -->
  <xsl:function name="r:is-inline" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/parent::*[self::p or self::ab or self::l or self::head
        or self::hi or self::emph or self::seg or self::q or self::said or self::foreign
        or self::title or self::label or self::speaker or self::cell or self::item
        or self::byline or self::docAuthor or self::titlePart or self::salute or self::signed
        or self::dateline or self::bibl or self::persName or self::placeName or self::orgName
        or self::name or self::rs or self::date or self::ref or self::del or self::add
        or self::unclear or self::supplied or self::sic or self::corr or self::orig
        or self::reg or self::abbr or self::expan or self::term or self::mentioned
        or self::soCalled or self::stage[r:is-inline(.)] or self::quote[r:is-inline(.)]
        or self::trailer or self::note or self::line])"/>
  </xsl:function>

  <!-- Classes from @rend tokens: letters, digits and hyphens only. -->
  <xsl:function name="r:rend-classes" as="xs:string*">
    <xsl:param name="rend" as="attribute()?"/>
    <xsl:sequence select="for $t in tokenize(normalize-space($rend))
        return r:token-class('rend', $t)"/>
  </xsl:function>

  <xsl:function name="r:token-class" as="xs:string?">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="token" as="xs:string?"/>
    <xsl:variable name="clean" as="xs:string"
        select="replace(normalize-space($token), '[^A-Za-z0-9_-]+', '-')"/>
    <xsl:sequence select="if ($clean = ('', '-')) then () else $prefix || '-' || $clean"/>
  </xsl:function>

  <!-- URL allow-list: http, https, mailto and relative references; anything else
       (javascript:, data:, file:, vbscript: ...) gives the empty sequence. What a URL may
       not hold as written (a space, a quotation mark, braces, a bar, a backslash, a letter
       beyond ASCII, a "%" of no two hex digits) is percent-encoded, as a browser does: the
       book's links must be URLs (probe 121: epubcheck's RSC-020 of "https://e.org/a|b",
       which tei_all takes). -->
  <xsl:function name="r:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" as="xs:string" select="iri-to-uri(replace(normalize-space($url),
        '%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)', '%25$1'))"/>
    <xsl:variable name="compact" as="xs:string"
        select="lower-case(replace($u, '[\s\p{Cc}]', ''))"/>
    <xsl:choose>
      <xsl:when test="$u = ''"><xsl:sequence select="()"/></xsl:when>
      <xsl:when test="matches($compact, '^(https?|mailto):')"><xsl:sequence select="$u"/></xsl:when>
      <!-- a scheme before any / ? # makes it absolute: not allowed -->
      <xsl:when test="matches($compact, '^[^/?#]*:')"><xsl:sequence select="()"/></xsl:when>
      <xsl:when test="starts-with($compact, '//')"><xsl:sequence select="()"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="$u"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- An attribute's token as words, its case kept: "slanting-stroke" -> "slanting stroke",
       "door_slams" -> "door slams". -->
  <xsl:function name="r:token-words" as="xs:string">
    <xsl:param name="token" as="xs:string?"/>
    <xsl:sequence select="normalize-space(replace(string($token), '[-_#]', ' '))"/>
  </xsl:function>

  <!-- The calendar a date is written in (@calendar), when it is not the Gregorian one (the
       calendar @when is in): the declaration's words in calendarDesc (its p or desc), else
       the pointer's own ("#Hijri-qamari" -> "Hijri qamari", "#cal_islamic" -> "islamic"). -->
  <xsl:function name="r:calendar-name" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="token" as="xs:string" select="normalize-space($date/@calendar)"/>
    <xsl:variable name="id" as="xs:string" select="replace($token, '^.*#', '')"/>
    <xsl:variable name="declared" as="element()?"
        select="if ($id = '' or not(root($date) instance of document-node())) then ()
        else key('r:entry', $id, root($date))[self::calendar][1]"/>
    <xsl:variable name="words" as="xs:string?" select="(
        $declared/(p, desc, gloss)[normalize-space()][1] ! normalize-space(.),
        r:token-words(replace($id, '^(cal|calendar)[-_]', '', 'i')))
        [. != ''][1]"/>
    <xsl:sequence select="if ($token = '' or matches($id, 'gregor', 'i')
        or matches($words, 'gregor', 'i')) then ()
        else if (string-length($words) gt 60) then substring($words, 1, 59) || '…' else $words"/>
  </xsl:function>

  <!-- The title of the other text of the edition a pointer names ("letter-2.xml#p3"), if the
       build publishes it. -->
  <xsl:function name="r:linked-title" as="xs:string?">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:variable name="first" as="xs:string" select="string(tokenize(normalize-space($target))[1])"/>
    <xsl:sequence select="$r:linked-titles(if (contains($first, '#'))
        then substring-before($first, '#') else $first)"/>
  </xsl:function>

  <!-- A TEI pointer as an HTML link target: "#id" stays, "file.xml#id" goes to the reading page
       of that text, other URLs pass the allow-list. -->
  <xsl:function name="r:href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="first" as="xs:string?" select="tokenize(normalize-space($target))[1]"/>
    <xsl:variable name="file" as="xs:string?" select="if (contains($first, '#'))
        then substring-before($first, '#') else $first"/>
    <xsl:variable name="local" as="xs:string?" select="
        if (exists($r:linked) and $file != '' and not(matches($first, '^([A-Za-z][A-Za-z0-9+.-]*:|//)')))
        then $r:linked($file) ! (. || substring($first, string-length($file) + 1))
        else if (matches($first, '^[A-Za-z0-9_.-]+\.xml(#.*)?$'))
        then replace($first, '\.xml(#|$)', '.html$1') else $first"/>
    <xsl:sequence select="r:safe-url($local)"/>
  </xsl:function>

  <!-- The link target of a pointer attribute (ref/@target, ptr/@target): a bare "id" that is an
       xml:id of the same document (a relative URL naming no file, as many editions write
       them) is that element, "#id"; else r:href. pipeline/links.py reads bare ids alike. -->
  <xsl:function name="r:target-href" as="xs:string?">
    <xsl:param name="target" as="attribute()?"/>
    <xsl:variable name="first" as="xs:string?" select="tokenize(normalize-space($target))[1]"/>
    <xsl:variable name="doc" as="node()?" select="$target/root()[. instance of document-node()]"/>
    <xsl:sequence select="if (exists($doc) and matches($first, '^[\p{L}_][\p{L}\p{N}_.-]*$')
            and not(matches($first, '\.(xml|x?html?)$')) and exists(key('r:entry', $first, $doc)))
        then '#' || $first else r:href($target)"/>
  </xsl:function>

  <!-- xml:lang -> a language tag the HTML checkers accept (ISO 639-1 where one exists). -->
  <xsl:variable name="r:iso639-1" as="xs:string" select="
      'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
       da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
       hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
       la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
       oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
       st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
       za zh zu'"/>
  <xsl:variable name="r:lang-aliases" as="map(xs:string, xs:string)" select="map {
      (: codes out of use or of no standard (the ISO 639-2 ones are in $r:iso639-2) :)
      'sp': 'es', 'gr': 'el', 'iw': 'he', 'ji': 'yi', 'in': 'id', 'gai': 'ga', 'gaelic': 'gd',
      (: names of languages where a tag belongs (the DTA writes german) :)
      'english': 'en', 'german': 'de', 'deutsch': 'de', 'french': 'fr', 'latin': 'la',
      'italian': 'it', 'spanish': 'es', 'greek': 'el', 'dutch': 'nl', 'portuguese': 'pt',
      'russian': 'ru', 'hebrew': 'he', 'arabic': 'ar', 'chinese': 'zh', 'japanese': 'ja',
      'welsh': 'cy', 'irish': 'ga', 'polish': 'pl', 'czech': 'cs', 'swedish': 'sv',
      'danish': 'da', 'norwegian': 'no', 'icelandic': 'is', 'finnish': 'fi', 'hungarian': 'hu',
      'turkish': 'tr', 'persian': 'fa', 'sanskrit': 'sa', 'yiddish': 'yi', 'catalan': 'ca'}"/>
  <!-- ISO 639-2 codes (bibliographic and terminological) of the languages ISO 639-1 names:
       a language tag takes the two-letter code (BCP 47). Any other three-letter code is an
       ISO 639-2 or 639-3 code a tag takes as it is (grc, syr, hbo, und, zxx; chr Cherokee, kaw
       Old Javanese, cop Coptic, pra Prakrit): it was "und" before probe 15, the language
       lost. -->
  <xsl:variable name="r:iso639-2" as="map(xs:string, xs:string)" select="map:merge(
      tokenize('eng:en fre:fr fra:fr ger:de deu:de lat:la ita:it spa:es gre:el ell:el dut:nl
       nld:nl por:pt rus:ru heb:he ara:ar chi:zh zho:zh jpn:ja wel:cy cym:cy gle:ga gla:gd
       pol:pl cze:cs ces:cs swe:sv dan:da nor:no ice:is isl:is fin:fi hun:hu tur:tr per:fa
       fas:fa san:sa yid:yi hin:hi ind:id bre:br cat:ca
       aar:aa abk:ab ave:ae afr:af aka:ak amh:am arg:an asm:as ava:av aym:ay aze:az
       bak:ba bel:be bul:bg bis:bi bam:bm ben:bn bod:bo tib:bo bos:bs che:ce cha:ch cos:co
       cre:cr chu:cu chv:cv dzo:dz div:dv ewe:ee epo:eo est:et eus:eu baq:eu ful:ff fij:fj
       fao:fo fry:fy glg:gl grn:gn guj:gu glv:gv hau:ha hmo:ho hrv:hr hat:ht hye:hy arm:hy
       her:hz ina:ia ile:ie ibo:ig iii:ii ipk:ik ido:io iku:iu jav:jv kat:ka geo:ka kon:kg
       kik:ki kua:kj kaz:kk kal:kl khm:km kan:kn kor:ko kau:kr kas:ks kur:ku kom:kv cor:kw
       kir:ky ltz:lb lug:lg lim:li lin:ln lao:lo lit:lt lub:lu lav:lv mlg:mg mah:mh mri:mi
       mao:mi mkd:mk mac:mk mal:ml mon:mn mar:mr msa:ms may:ms mlt:mt mya:my bur:my nau:na
       nob:nb nde:nd nep:ne ndo:ng nno:nn nbl:nr nav:nv nya:ny oci:oc oji:oj orm:om ori:or
       oss:os pan:pa pli:pi pus:ps que:qu roh:rm run:rn ron:ro rum:ro kin:rw srd:sc snd:sd
       sme:se sag:sg sin:si slk:sk slo:sk slv:sl smo:sm sna:sn som:so sqi:sq alb:sq srp:sr
       ssw:ss sot:st sun:su swa:sw tam:ta tel:te tgk:tg tha:th tir:ti tuk:tk tgl:tl tsn:tn
       ton:to tso:ts tat:tt twi:tw tah:ty uig:ug ukr:uk urd:ur uzb:uz ven:ve vie:vi vol:vo
       wln:wa wol:wo xho:xh yor:yo zha:za zul:zu')
      ! map:entry(substring-before(., ':'), substring-after(., ':')))"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <xsl:function name="r:lang" as="xs:string?">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize(normalize-space($code), '[-_]')"/>
    <xsl:variable name="primary" as="xs:string" select="lower-case(($parts[1], '')[1])"/>
    <xsl:variable name="mapped" as="xs:string?" select="
        if ($primary = '') then ()
        else if ($primary = tokenize($r:iso639-1)) then $primary
        else if (map:contains($r:lang-aliases, $primary)) then $r:lang-aliases($primary)
        else if (map:contains($r:iso639-2, $primary)) then $r:iso639-2($primary)
        else if (matches($primary, '^[a-z]{3}$')) then $primary
        else 'und'" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <!-- a script subtag (ar-Latn: Arabic in Latin letters) and a region are kept -->
    <xsl:variable name="script" as="xs:string?" select="$parts[2][matches(., '^[A-Za-z]{4}$')]
        ! (upper-case(substring(., 1, 1)) || lower-case(substring(., 2)))"/>
    <xsl:variable name="region" as="xs:string?"
        select="$parts[position() = (if (exists($script)) then 3 else 2)]
            [matches(., '^([A-Za-z]{2}|[0-9]{3})$')] ! upper-case(.)"/>
    <xsl:sequence select="if (exists($mapped)) then string-join(($mapped, $script, $region), '-')
        else ()"/>
  </xsl:function>

  <!-- A language code in words, in the interface's language: the name of its language (CLDR's,
       in the messages document) with its script and region in brackets, as Babel's
       get_display_name gives them ("Ancient Greek" for grc, "English" for eng or english,
       "Chinese (Traditional)" for zh-Hant, "Ancient Greek (Latin)" for grc-Latn). A code CLDR
       does not name (hbo, a private-use qaa or x-...) stays as written: a reader is told what
       the source says rather than a guess. TCP's about page read "Languages: eng." (probe 23),
       a dictionary's translation "fr" (probe 5). -->
  <xsl:function name="r:language-words" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="tag" as="xs:string?" select="r:lang($code)"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize(string($tag), '-')"/>
    <!-- r:lang gives und for what is no tag at all (x-klingon): only und itself is named so -->
    <xsl:variable name="language" as="xs:string?" select="if ($parts[1] = 'und'
        and r:primary-subtag($code) ne 'und') then () else r:cldr-name('language', $parts[1])"/>
    <xsl:variable name="details" as="xs:string*" select="$parts[position() gt 1] !
        (if (string-length(.) = 4) then (r:cldr-name('script', .), .)[1]
         else (r:cldr-name('region', .), .)[1])"/>
    <xsl:sequence select="if (empty($language)) then normalize-space($code)
        else $language || (if (exists($details)) then ' (' || string-join($details, ', ') || ')'
            else '')"/>
  </xsl:function>

  <!-- What a langUsage language says its language is: its words when they name it ("English",
       "Latin, with some Greek"), else (none, or only a code: TCP's <language ident="eng">eng
       </language>) the name of its @ident; () when it has neither. -->
  <xsl:function name="r:language-label" as="xs:string?">
    <xsl:param name="language" as="element()"/>
    <xsl:variable name="words" as="xs:string" select="r:plain($language)"/>
    <xsl:variable name="ident" as="xs:string" select="normalize-space($language/@ident)"/>
    <!-- a code, not a name: two or three letters and subtags, the same language as @ident -->
    <xsl:variable name="code" as="xs:boolean" select="$words = ''
        or (matches($words, '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$')
            and ($ident = '' or lower-case($words) = lower-case($ident)
                or r:lang($words) = r:lang($ident)))"/>
    <xsl:sequence select="if (not($code)) then $words
        else if ($ident != '') then r:language-words($ident)
        else if ($words != '') then r:language-words($words) else ()"/>
  </xsl:function>

  <!-- A language by the label the header's langUsage gives its code (r:language-label), else
       its name (r:language-words). -->
  <xsl:function name="r:language-name" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="tag" as="xs:string?" select="r:lang($code)"/>
    <xsl:sequence select="((root($context)//teiHeader/profileDesc/langUsage/language
        [@ident = $code or r:lang(@ident) = $tag])[1] ! r:language-label(.),
        r:language-words($code))[1]"/>
  </xsl:function>

  <!-- Writing direction of a language tag: 'rtl' for right-to-left scripts, 'ltr' for others,
       () when the tag says nothing about a language (und, mul, zxx). A script subtag decides
       when there is one (ar-Latn is a transliteration: ltr); else the language: the living and
       historical languages written in Arabic, Hebrew, Syriac, Thaana, N'Ko, Samaritan or
       Mandaic script, by their ISO 639-1, -2 and -3 codes. Syriac's three forms have codes of
       their own (Estrangela Syre, Serto Syrj, East Syriac Syrn: Syriaca.org writes a vocalised
       name syr-Syrj), and so has Arabic in Nastaliq (Aran). -->
  <!-- (and the historical scripts written right to left: Phoenician, Punic, Aramaic and its
       descendants, Old South Arabian, Avestan, Kharoshthi, Sogdian ...: probe 139, an
       inscription in Punic was laid out left to right) -->
  <xsl:variable name="r:rtl-scripts" as="xs:string*"
      select="tokenize('arab aran hebr syrc syre syrj syrn thaa nkoo samr mand adlm rohg yezi
                        mend phnx armi palm nbat hatr sarb narb mani avst prti phli phlp khar
                        sogd sogo chrs elym ougr cprt lydi orkh hung')"/>
  <xsl:variable name="r:rtl-languages" as="xs:string*" select="tokenize('
      ar ara arb arz apc acm ajp ary aeb ayl arq afb apd
      he heb hbo iw yi yid ydd yih ji jrb jpr lad-hebr
      fa per fas prs pes ur urd ps pus pbt pbu sd snd ug uig dv div ckb ota pnb skr bal bqi glk
      mzn lrc khw ks kas
      syr syc aii cld arc tmr sam smp mid myz nqo
      phn xpu oar ae ave pal xpr xsa xna sog
      arabic hebrew persian yiddish urdu syriac')"/>

  <!-- $words in the quotation marks of the language $e is written in (its nearest
       xml:lang): words of a text quoted in its own sentence, a pointer's label ("See
       “It was a dark…”"), where the interface's marks ('quoted') are those of the words the
       edition adds (probe 143: an English text read „…“ in a German edition). -->
  <xsl:function name="r:quoted-in" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="words" as="xs:string"/>
    <!-- (a text of no declared language: the interface's marks, probe 144; one that
         declares it in its header alone, langUsage: that language, as its page's, probe 146) -->
    <xsl:variable name="tag" as="xs:string" select="lower-case(normalize-space((
        ($e/ancestor-or-self::*/@xml:lang)[last()],
        $e/ancestor-or-self::TEI[last()] ! r:declared-lang(.))[1]))"/>
    <xsl:variable name="lang" as="xs:string" select="substring-before($tag || '-', '-')"/>
    <xsl:variable name="marks" as="xs:string*" select="
        if ($lang = ('', 'und', 'mul', 'zxx', 'mis')) then ()
        (: Swiss German and Liechtenstein's write guillemets, as Swiss German dialect :)
        else if ($lang = 'de' and matches($tag, '-(ch|li)(-|$)') or $lang = 'gsw')
            then ('«', '»')
        else if ($lang = ('de', 'cs', 'sk', 'sl', 'hr', 'bg', 'lt', 'et', 'is')) then ('„', '“')
        else if ($lang = ('pl', 'hu', 'ro', 'nl')) then ('„', '”')
        else if ($lang = 'fr') then ('«&#xA0;', '&#xA0;»')
        else if ($lang = ('es', 'it', 'pt', 'ca', 'ru', 'uk', 'be', 'el', 'ar', 'fa', 'ur',
            'hy', 'ka', 'no', 'nb', 'nn')) then ('«', '»')
        else if ($lang = ('ja', 'zh')) then ('「', '」')
        else if ($lang = ('sv', 'fi')) then ('”', '”')
        else if ($lang = 'da') then ('»', '«')
        else ('“', '”')"/>
    <xsl:sequence select="if (empty($marks)) then r:msg('quoted', $words)
        else $marks[1] || $words || $marks[2]"/>
  </xsl:function>

  <xsl:function name="r:lang-dir" as="xs:string?">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="parts" as="xs:string*"
        select="tokenize(lower-case(normalize-space($code)), '[-_]')"/>
    <xsl:variable name="script" as="xs:string?"
        select="$parts[position() gt 1][matches(., '^[a-z]{4}$')][1]"/>
    <xsl:sequence select="
        if (exists($script)) then (if ($script = $r:rtl-scripts) then 'rtl' else 'ltr')
        else if (empty($parts) or $parts[1] = ('', 'und', 'mul', 'zxx', 'mis')) then ()
        else if ($parts[1] = $r:rtl-languages) then 'rtl'
        else 'ltr'"/>
  </xsl:function>

  <!-- dir for an element with xml:lang, when its direction differs from the one it stands in:
       that of the nearest ancestor with a language of known direction, else $r:dir (the
       direction of the text being rendered, a tunnel parameter set by the page). -->
  <xsl:template name="r:dir-attribute" as="attribute()?">
    <xsl:param name="r:dir" as="xs:string" tunnel="yes" select="'ltr'"/>
    <!-- a language written right to left whose words here are in no right-to-left script
         (Yiddish in Latin letters, "fraytik-tsu-nakhts", without an -Latn subtag) runs left to
         right: it was set right to left (probe 61) -->
    <xsl:variable name="said" as="xs:string?" select="r:lang-dir(@xml:lang)"/>
    <xsl:variable name="own" as="xs:string?" select="if ($said = 'rtl'
        and not(matches(@xml:lang, '-[A-Za-z]{4}(-|$)')) and matches(string(.), '\p{L}')
        and not(matches(string(.), $r:rtl-letters)))
        then 'ltr' else $said"/>
    <xsl:if test="exists($own)">
      <xsl:variable name="outer" as="xs:string"
          select="((ancestor::*[@xml:lang] ! r:lang-dir(@xml:lang))[last()], $r:dir)[1]"/>
      <xsl:if test="$own ne $outer">
        <xsl:attribute name="dir" select="$own"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The comma that parts the fields of a reference (biblio.xsl, r:fields-separator): "، "
       in a language written in Arabic script (Arabic, Persian, Urdu, Pashto, Sindhi, Kurdish
       ...: their ISO 639 codes, or a script subtag -Arab or -Aran; ar-Latn is a
       transliteration), ", " in others. al-Zuhūr's masthead read "الجزء ١, ١ آذار سنة ١٩١٠"
       (probe 47). The nearest xml:lang decides; where none says a language, the script of most
       of the reference's letters; a reference declared Arabic whose letters are mostly of
       another script (a European work cited in an Arabic text) keeps the Latin comma. -->
  <xsl:variable name="r:arabic-script-languages" as="xs:string+" select="tokenize('
      ar ara arb arz apc acm ajp ary aeb ayl arq afb apd
      fa per fas prs pes ur urd ps pus pbt pbu sd snd ug uig ckb ota pnb skr bal bqi glk mzn
      lrc khw ks kas arabic persian urdu')"/>

  <xsl:function name="r:comma" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="r:comma($e, string($e))"/>
  </xsl:function>

  <!-- The comma between $words, parts of $e joined: the language is $e's, the letters those
       of the words joined, not of all $e holds (al-Zuhūr's monogr holds transliterations and
       web addresses beside its Arabic imprint, whose parts are Arabic but for "Cairo"). -->
  <xsl:function name="r:comma" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="words" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize(lower-case(normalize-space(
        ($e/ancestor-or-self::*/@xml:lang)[last()])), '[-_]')"/>
    <xsl:variable name="script" as="xs:string?"
        select="$parts[position() gt 1][matches(., '^[a-z]{4}$')][1]"/>
    <xsl:variable name="said" as="xs:boolean?" select="
        if (exists($script)) then $script = ('arab', 'aran')
        else if (empty($parts) or $parts[1] = ('und', 'mul', 'zxx', 'mis')) then ()
        else $parts[1] = $r:arabic-script-languages"/>
    <xsl:variable name="letters" as="xs:string" select="replace($words, '\P{L}', '')"/>
    <xsl:variable name="arabic" as="xs:integer" select="string-length(replace($letters,
        '[^&#x0600;-&#x06FF;&#x0750;-&#x077F;&#x08A0;-&#x08FF;&#xFB50;-&#xFDFF;&#xFE70;-&#xFEFF;]',
        ''))"/>
    <xsl:variable name="mostly" as="xs:boolean?" select="if ($letters = '') then ()
        else $arabic * 2 gt string-length($letters)"/>
    <xsl:sequence select="if (if (exists($said)) then $said and not($mostly = false())
        else $mostly = true()) then '&#x060C; ' else ', '"/>
  </xsl:function>

  <!-- Classes for the common renditions a TEI @style states in CSS (never copied as CSS:
       a text cannot style the page). Unknown properties are left out. -->
  <!-- @rendition (att.global.rendition) points at rendition elements of the header's tagsDecl:
       each gives the classes of its CSS (r:style-classes: the Deutsches Textarchiv's "#wide",
       letter-spacing, is rend-spaced) and its id as a rend token ("#aq" -> rend-aq, "#c"),
       which the stylesheets style as they style @rend; a pointer to nothing gives the token
       only. -->
  <xsl:function name="r:rendition-classes" as="xs:string*">
    <xsl:param name="rendition" as="attribute()?"/>
    <xsl:for-each select="tokenize(normalize-space($rendition))">
      <xsl:variable name="id" as="xs:string" select="replace(., '^.*#', '')"/>
      <xsl:variable name="declared" as="element()?" select="if (starts-with(., '#'))
          then key('r:entry', $id, root($rendition))[self::rendition][1] else ()"/>
      <xsl:sequence select="r:token-class('rend', $id),
          $declared[not(@scheme) or lower-case(@scheme) = 'css'] ! r:css-classes(string(.))"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="r:style-classes" as="xs:string*">
    <xsl:param name="style" as="attribute()?"/>
    <xsl:sequence select="r:css-classes(string($style))"/>
  </xsl:function>

  <!-- The classes of CSS declarations ("font-style: italic; letter-spacing: 2pt"): the few
       that change what a reader understands, as @rend tokens' classes; no CSS of a source is
       copied into a page. -->
  <xsl:function name="r:css-classes" as="xs:string*">
    <xsl:param name="style" as="xs:string"/>
    <xsl:for-each select="tokenize(lower-case($style), ';')[contains(., ':')]">
      <xsl:variable name="property" as="xs:string" select="normalize-space(substring-before(., ':'))"/>
      <xsl:variable name="value" as="xs:string" select="normalize-space(substring-after(., ':'))"/>
      <xsl:sequence select="
          if ($property = 'font-style' and $value = ('italic', 'oblique')) then 'rend-italic'
          else if ($property = 'font-weight' and ($value = ('bold', 'bolder')
              or matches($value, '^[6-9]00$'))) then 'rend-bold'
          else if ($property = ('text-decoration', 'text-decoration-line')) then
              (if (contains($value, 'underline')) then 'rend-underline' else (),
               if (contains($value, 'line-through')) then 'rend-strikethrough' else (),
               if (contains($value, 'overline')) then 'rend-overline' else ())
          else if ($property = 'vertical-align' and $value = ('super', 'superscript', 'top'))
              then 'rend-sup'
          else if ($property = 'vertical-align' and $value = ('sub', 'subscript', 'bottom'))
              then 'rend-sub'
          else if ($property = 'font-variant' and contains($value, 'small-caps'))
              then 'rend-smallcaps'
          else if ($property = 'letter-spacing' and not($value = ('normal', '0', '0em')))
              then 'rend-spaced'
          else if ($property = 'text-align' and $value = ('center', 'right', 'left', 'start',
              'end')) then 'rend-' || $value
          else if ($property = 'text-transform' and $value = 'uppercase') then 'rend-uppercase'
          else if ($property = 'font-size' and matches($value, 'large|bigger|^[2-9][0-9]{2}%'))
              then 'rend-large'
          else if ($property = 'font-size' and matches($value, 'small|^[1-8][0-9]%'))
              then 'rend-small'
          else if ($property = 'font-family' and matches($value, 'antiqua|roman|latin'))
              then 'rend-antiqua'
          else if ($property = 'color' and $value = ('red', '#f00', '#ff0000', 'crimson'))
              then 'rend-red'
          else ()"/>
    </xsl:for-each>
  </xsl:function>

  <!-- Heading level of a div's head on the page: r:heading-depth, h6 the last. -->
  <xsl:function name="r:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="min((6, r:heading-depth($head)))"/>
  </xsl:function>

  <!-- The depth of a div's head, without the ceiling: 2 under the text title, one deeper per
       headed div, and per title of a group or of a group's text it stands under
       (r:title-depth). A book's headings are one level up and take their ceiling after that
       (epub/modules/structure.xsl, r:section-level): capped first, a book's h5 was the last,
       its sixth level under its fifth (probe 161). -->
  <xsl:function name="r:heading-depth" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:variable name="divs" as="xs:integer"
        select="count($head/ancestor::*[r:is-div(.)][head][not(. is $head/..)])"/>
    <!-- a text whose body has a heading of its own (structure.xsl) has its divisions below it -->
    <xsl:variable name="body" as="xs:integer" select="if ($head/parent::body) then 0
        else count($head/ancestor::body[1][not(parent::text/parent::group)]
            /head[1][normalize-space()])"/>
    <xsl:sequence select="2 + $divs + $body + r:title-depth($head)"/>
  </xsl:function>

  <!-- How many headings of groups and of a group's texts a node stands under: those of the
       groups and texts around it that come before it (r:title-headings). A division of a
       titled group's text whose body has a head was h2 under that h3, itself under the
       group's h2; a teiCorpus member's own division was at its title's level, and so was a
       nested corpus's member under the nested corpus's title (probe 161). 0 outside a group,
       so that a text without groups keeps its levels. -->
  <xsl:function name="r:title-depth" as="xs:integer">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="count($node/ancestor::*[self::group or self::text[parent::group]]
        ! r:title-headings(.)[$node >> .])"/>
  </xsl:function>

  <!-- The headings a group or a text of a group opens with (structure.xsl renders them):
       a group's head; a text's opening as a teiCorpus member (r:is-member-opening) and its
       body's head; the text itself when it is headed by its kind or language alone
       (r:text-label). Cached: every heading of an anthology asks it of the texts and
       groups around it. -->
  <xsl:function name="r:title-headings" as="element()*" cache="yes">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/self::group) then $e/head[normalize-space()][1]
        else ($e/front/*[r:is-member-opening(.)]/head[1][normalize-space()],
            $e/body/head[1][normalize-space()],
            $e[empty(r:group-title(.))][exists(r:text-label(.))])"/>
  </xsl:function>

  <!-- The division a teiCorpus member opens with, headed by its title (pipeline/tei_corpus.py
       marks it): the title of the member's text, which the rest of the text stands under. -->
  <xsl:function name="r:is-member-opening" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="$div/@ed:opening = 'member' and r:is-div($div)
        and exists($div/parent::front/parent::text/parent::group)"/>
  </xsl:function>

  <!-- Added to every heading level this module computes: 0 on the web page (the text's title
       is its h1), -1 in an EPUB content document (headings start at h1: epub/modules). -->
  <xsl:variable name="r:heading-shift" as="xs:integer" select="0"/>

  <!-- The level of the heading of a section-like element other than a div (a cast list's
       head ...): one below the headed divs around it. -->
  <xsl:function name="r:section-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="max((1, min((6, r:heading-depth($head) + $r:heading-shift))))"/>
  </xsl:function>

  <xsl:function name="r:is-div" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::div or self::div1 or self::div2 or self::div3
        or self::div4 or self::div5 or self::div6 or self::div7])"/>
  </xsl:function>

  <!-- What a reading page and a book show of a TEI document: its text, else its documentary
       transcription (the first sourceDoc: the pages of the source, TEI Guidelines 11.2.2). -->
  <!-- The parts of an epigraphic or documentary edition (EpiDoc's div types) that are named
       by their type when the source gives them no head: the type, or nothing. -->
  <xsl:variable name="r:part-types" as="xs:string+"
      select="('edition', 'translation', 'commentary', 'apparatus', 'bibliography')"/>

  <!-- A division with nothing in it (a template's <div type="bibliography"/>, Beta
       maṣāḥǝft's records) is named by nothing: it was a heading over nothing, and an entry of
       the contents leading there (probe 23). So is one whose blocks are all empty (I.Sicily's
       template: <div type="translation"><p><!- - too fragmentary - -></p></div>, an empty
       bibl in a listBibl of its own), which was a "Translation" over nothing (probe 42). -->
  <xsl:function name="r:part-type" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="if (empty($div/head) and r:is-div($div)
        and not(r:empty-blocks($div))
        and empty($div/ancestor::*[r:is-div(.)][@type = $r:part-types]))
        then $r:part-types[. = normalize-space($div/@type)] else ()"/>
  </xsl:function>

  <!-- Whether an element holds no words and nothing but empty blocks: paragraphs, lists and
       bibliographic entries without words, elements that only hold others. An element of
       its own meaning without words (a gap, a figure, a line break, a pointer) is content. -->
  <xsl:function name="r:empty-blocks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="r:wordless($e, false())"/>
  </xsl:function>

  <!-- Whether a division is nothing a reader can go to: its blocks are empty (r:empty-blocks),
       or they hold the sign of a gap and nothing else. ELTeC's <div type="liminal"><gap
       unit="musicalScore"/></div> before Steel's first chapter was "Liminal" in the book's
       contents, leading to "[…]"; the page's contents never listed it (probe 47). Its gap
       stays in the text. A part named by its type (r:part-type) keeps its heading and entry:
       that an edition's words are lost is what the edition says. Cached: a book's labels ask
       it of every division beside each one they number. -->
  <xsl:function name="r:nothing-to-read" as="xs:boolean" cache="yes">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="r:empty-blocks($div)
        or (empty(r:part-type($div)) and r:wordless($div, true()))"/>
  </xsl:function>

  <!-- No words, and no element but blocks (and, with $gaps, gaps) in them. A speech is a
       block too: a Hebrew play of DraCor holds divisions of empty speeches (probe 47). It stops
       at the first text node of words: a book's labels ask it of every division beside the
       one named, and normalize-space would read the whole of each. -->
  <xsl:function name="r:wordless" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="gaps" as="xs:boolean"/>
    <xsl:sequence select="empty($e//text()[normalize-space()])
        and empty($e//*[not(self::p or self::ab or self::list or self::item or self::listBibl
            or self::bibl or self::listApp or self::app or self::lg or self::l or self::seg
            or self::sp or self::speaker or self::gap[$gaps])])"/>
  </xsl:function>

  <!-- The heading of a part named by its type (r:part-type): "Translation"; with its language
       when the text has another part of that type in another language, as EpiDoc files give
       a translation and a commentary in each of two languages (probe 29, the Concordia
       inscriptions: two headings "Translation", then two "Commentary", a reader could not
       tell which was English and which Italian). The language is named by the header's
       langUsage, else by its name in the interface's language (r:language-name:
       "Translation (Italian)"). -->
  <xsl:function name="r:part-title" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="type" as="xs:string?" select="r:part-type($div)"/>
    <xsl:variable name="lang" as="xs:string?"
        select="($div/ancestor-or-self::*/@xml:lang)[last()] ! normalize-space()[. != '']"/>
    <xsl:variable name="tei" as="node()" select="($div/ancestor::TEI[1], root($div))[1]"/>
    <!-- the parts beside it (EpiDoc's stand side by side in the body): bounded work per part -->
    <xsl:variable name="other-langs" as="xs:string*" select="if (empty($type) or empty($lang))
        then () else $div/../*[r:is-div(.)][not(. is $div)][r:part-type(.) = $type]
            ! string((ancestor-or-self::*/@xml:lang)[last()])"/>
    <xsl:variable name="named" as="xs:string?" select="if (exists($other-langs[. ne $lang]))
        then r:language-name($tei, $lang) else ()"/>
    <xsl:sequence select="$type ! (r:msg('div.' || .) || $named ! (' (' || . || ')'))"/>
  </xsl:function>

  <!-- The title of a group of texts (its head), or of a text of a group (its front's
       docTitle or head, else its body's head); and the element a link to it goes to (its
       own id, else its title's, else an element with an id around the title). -->
  <xsl:function name="r:group-title" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/self::group/head,
        $e/front/*[r:is-member-opening(.)]/head[1],
        $e/front/docTitle/titlePart[not(@type = ('sub', 'desc', 'alt'))], $e/front/docTitle,
        $e/front/head, $e/body/head)[normalize-space()][1]"/>
  </xsl:function>

  <!-- The heading of a text of a group with no title, by its kind or language
       (structure.xsl), "Translation (Polish)"; here, since r:title-headings asks it. -->
  <xsl:function name="r:text-label" as="xs:string?">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="normalize-space($text/@type)"/>
    <xsl:variable name="lang" as="xs:string?"
        select="($text/ancestor-or-self::*/@xml:lang)[last()] ! normalize-space()[. != '']"/>
    <xsl:variable name="others" as="xs:string*" select="$text/../text[not(. is $text)]
        ! string((ancestor-or-self::*/@xml:lang)[last()])"/>
    <xsl:variable name="named" as="xs:string?" select="if (exists($lang)
        and exists($others[. ne $lang])) then r:language-name($text, $lang) else ()"/>
    <xsl:sequence select="if ($type != '') then r:div-kind($type) || $named ! (' (' || . || ')')
        else $named"/>
  </xsl:function>

  <xsl:function name="r:group-target" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="title" as="element()?" select="r:group-title($e)"/>
    <xsl:sequence select="($e[@xml:id], $title[@xml:id],
        $title/ancestor::*[@xml:id][ancestor::* intersect $e][1])[1]"/>
  </xsl:function>

  <xsl:function name="r:main-text" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/text, $tei/sourceDoc)[1]"/>
  </xsl:function>

  <!-- The language a text declares for itself: text/@xml:lang, else the root's, else its
       body's (the text's main matter: probe 39, the Davy notebooks, whose body alone says
       "en" while the header's langUsage lists, alphabetically, the ten languages quoted in
       the collection: the page was "de" and the search filed it under German), else the
       first language of the header's langUsage, else, for a letter, the language its
       manuscript's contents are said to be in (r:letter-lang). -->
  <xsl:function name="r:declared-lang" as="attribute()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(r:main-text($tei)/@xml:lang, $tei/@xml:lang,
        r:main-text($tei)/body/@xml:lang,
        r:langusage-lang($tei, r:main-text($tei)), r:letter-lang($tei))[1]"/>
  </xsl:function>

  <!-- A letter (its header has a correspDesc) whose manuscript's contents are in one
       language, msContents//textLang/@mainLang (TEI 10.6.6), when every such textLang
       agrees: the Cavriana letters of probe 41 declared their Italian there alone and were
       "und". Letters only: the text of a catalogue record is its description, whose language
       is the cataloguer's, not the manuscript's (xslt/index/entities.xsl and
       pipeline/citation.py ask the same). -->
  <xsl:function name="r:letter-lang" as="attribute()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="main" as="attribute()*" select="$tei[teiHeader/profileDesc/correspDesc]
        /teiHeader/fileDesc/sourceDesc//msContents//textLang/@mainLang[normalize-space()]"/>
    <xsl:sequence select="$main[count(distinct-values($main ! normalize-space())) eq 1][1]"/>
  </xsl:function>

  <!-- Readable plain text of an element: its words without notes, whitespace normalised. -->
  <xsl:function name="r:plain" as="xs:string">
    <xsl:param name="e" as="node()*"/>
    <xsl:variable name="text" as="xs:string*">
      <!-- asked for one side of a choice or a variant itself (a title naming the other
           reading), its words: what r:left-out leaves out is left out inside it -->
      <xsl:apply-templates mode="r:plain"
          select="$e ! (if (. instance of element() and r:left-out(.)) then node() else .)"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($text))"/>
  </xsl:function>

  <!-- What the mode's on-no-match (text-only-copy) does, as rules of this module: Saxon keeps
       a copy of this module's rules for each module that imports it (26 in html/page), and a
       node none of them matches was tried against every copy before the built-in rule (110
       microseconds a title: the home page of 9,761 letters 9.0 s, 2.7 s with these; the
       pages and books of ten novels 16% quicker). The elements other modules give a rule of
       this mode (apparatus.xsl, inline.xsl, manuscripts.xsl, below this module's first copy)
       are left to them: test_xslt.py checks that the list names every one. -->
  <xsl:template match="text()" mode="r:plain" as="text()" priority="-5">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="*[not(self::app or self::g or self::locus)]" mode="r:plain"
      as="item()*" priority="-5">
    <xsl:apply-templates mode="r:plain"/>
  </xsl:template>
  <!-- whitespace between a choice's (subst's, app's) children is layout, as on the page -->
  <xsl:template match="text()[r:layout-space(.)]" mode="r:plain" as="empty-sequence()"
      priority="1"/>
  <!-- a ruby gloss: the plain words are its base's ("下人", not "下人げにん"); an index entry's
       terms are the index's words (a heading "Bees" with its entry read "BeesBees"); a
       witness detail in a reading is the apparatus's words, as a note (probe 165: the lemma
       quoted in its entry read "songin red") -->
  <xsl:template match="note | teiHeader | handShift | rt | index | witDetail" mode="r:plain"
      as="empty-sequence()"/>
  <!-- a bracketed title or head (r:bracketed) in its brackets, in the contents and titles too;
       below r:left-out's priority: a title left out stays out -->
  <xsl:template match="title[r:bracketed(.)] | head[r:bracketed(.)]" mode="r:plain"
      as="xs:string*" priority="0.4">
    <xsl:sequence select="'['"/>
    <xsl:apply-templates mode="r:plain"/>
    <xsl:sequence select="']'"/>
  </xsl:template>
  <!-- a deletion, the other side of a choice, a variant reading: not in the reading text -->
  <xsl:template match="*[r:left-out(.)]" mode="r:plain" as="empty-sequence()"/>
  <!-- a break inside a word (break="no") joins its halves, with the spaces around it -->
  <xsl:template match="lb | pb | cb" mode="r:plain" as="xs:string">
    <!-- a column or page break at the place of one inside a word (r:break-no-after) too -->
    <xsl:sequence select="if (@break = 'no' or exists(self::*[self::pb or self::cb][not(@break)]
        [r:break-no-after(.) or r:break-no-before(.)])) then '' else ' '"/>
  </xsl:template>
  <xsl:template match="text()[r:break-no-before(.) or r:break-no-after(.)]" mode="r:plain"
      as="xs:string">
    <xsl:sequence select="r:joined(.)"/>
  </xsl:template>
  <!-- Tokens written against each other (<w>εν</w><w>τω</w>) are words apart in the plain
       words as on the page (r:space-before): probe 34, an apparatus of a New Testament
       collation whose lemma of w elements was cited "εντωηγαπημενω ]" before its readings
       "εν τω ηγαπημενω". Below r:left-out's priority: a token left out stays out. -->
  <xsl:template match="(w | pc | seg | s | cl | phr)[r:space-before(.)]" mode="r:plain"
      as="xs:string*" priority="0.3">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="r:plain"/>
  </xsl:template>
  <!-- The parts of a name or a place are words apart ("<forename>Ada</forename><surname>
       Lovelace</surname>" is "Ada Lovelace"), as r:space-before sets them apart on the page. -->
  <xsl:template match="forename | surname | addName | genName | nameLink | roleName | settlement
      | region | country | district | bloc" mode="r:plain" as="xs:string*">
    <xsl:if test="preceding-sibling::node()[1] instance of element()">
      <xsl:sequence select="' '"/>
    </xsl:if>
    <xsl:apply-templates mode="r:plain"/>
  </xsl:template>
  <!-- Blocks written against each other are words apart, as their lines and paragraphs are
       on the page (probe 165: a lemma of two lines "<l>One.</l><l>Two.</l>" was quoted in
       its entry as "One.Two."). Below r:left-out's priority: a block left out stays out. -->
  <xsl:template match="l | lg | p | ab | item | sp" mode="r:plain" as="xs:string*"
      priority="0.2">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="r:plain"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

</xsl:stylesheet>

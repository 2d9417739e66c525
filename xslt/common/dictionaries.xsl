<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dictionaries (TEI Guidelines chapter 9): entries (entry, superEntry, entryFree, hom, re),
  their senses and the parts of an entry's information (form, orth, pron, gramGrp, gram, pos,
  usg, def, etym, xr, lbl ...).

  An entry, a homograph and a sense are blocks, a sense led by its number (@n); everything
  inside them is running text, one span per element with its name as class, so a style sheet
  (ours: edition.css) can set headwords, grammar and definitions apart. The words are the
  source's, in its order: a dictionary's punctuation between the parts is usually encoded
  (pc, or plain text), and what is not stays a word apart (r:word-space).
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

  <xsl:template match="superEntry | entry | entryFree | hom | re | dictScrap" mode="r:main"
      as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="'dict-' || local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A homograph says its number (@n: "bank 1", "bank 2"), as a sense does. -->
  <xsl:template match="hom[normalize-space(@n)]" mode="r:main" as="node()+" priority="2">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:element name="{if ($r:phrasing or empty(*)) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'dict-hom' || (if ($r:phrasing and exists(*))
            then ' block' else '')"/>
      </xsl:call-template>
      <span class="hom-n">
        <xsl:value-of select="normalize-space(@n)"/>
      </span>
      <xsl:if test="node()">
        <xsl:text> </xsl:text>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="$r:phrasing or empty(*)" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- A homograph number given on the entry (@n, as TEI Lex-0 writes it) is printed after its
       headword, raised: "bank¹", "bank²". -->
  <xsl:template match="orth[ancestor::entry[1][normalize-space(@n)]]
      [. is ancestor::entry[1]/descendant::orth[1]]" mode="r:main" as="node()+" priority="2">
    <xsl:next-match/>
    <sup class="hom-n">
      <xsl:value-of select="normalize-space(ancestor::entry[1]/@n)"/>
    </sup>
  </xsl:template>

  <!-- An entry of a superEntry numbered as a homograph (@n) that spells no headword of its
       own, the superEntry's form standing for its entries (TEI 9.2): its number opens it,
       which no orth of its own carries (probe 110: the numbers were lost, the two entries
       told apart by nothing). -->
  <xsl:template match="entry[normalize-space(@n)][parent::superEntry][empty(.//orth)]"
      mode="r:main" as="element()" priority="2">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'dict-entry' || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <span class="hom-n"><xsl:value-of select="normalize-space(@n)"/></span>
      <xsl:text> </xsl:text>
      <xsl:call-template name="r:fields">
        <xsl:with-param name="separator" select="()"/>
        <xsl:with-param name="r:phrasing" select="$r:phrasing" tunnel="yes"/>
      </xsl:call-template>
    </xsl:element>
  </xsl:template>

  <xsl:template match="sense" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- A sense inside the words of a printed entry runs on with them: one in an entryFree
         ("a single unstructured entry") or a dictScrap (a stretch of an entry "which does not
         conform to the structure otherwise defined"), or one with words of its parent around
         it ("Abacus maior, <sense>…</sense>."). As a block it broke that line and left the
         punctuation after it on a line of its own (probe 40: Ruland's Lexicon Alchemiae). -->
    <xsl:variable name="run-in" as="xs:boolean" select="exists(parent::entryFree
        | parent::dictScrap) or exists(../text()[normalize-space()])"/>
    <xsl:if test="$run-in">
      <xsl:call-template name="r:word-space"/>
    </xsl:if>
    <xsl:element name="{if ($r:phrasing or $run-in) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'dict-sense' || (if ($run-in) then ' run-in'
            else if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <!-- the number the sense has (@n), unless the source prints it (<num>1.</num>, TEI
           Lex-0's practice), which would then read twice ("1. 1. help") -->
      <xsl:if test="normalize-space(@n) and empty(num)">
        <span class="sense-n">
          <xsl:value-of select="normalize-space(@n) || '.'"/>
        </span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="$r:phrasing or $run-in" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A form that spells its word in its own text, with no orth (or pron) to hold it
       ("<form type="lemma">Abacus</form>", as retro-digitised dictionaries write it): the
       text is the written form, set apart as a headword's orth is; plain, it read as one
       more word of the definition (probe 40). -->
  <xsl:template match="form[empty(.//orth | .//pron)][text()[normalize-space()]
      or *[r:phrase-level(.)][normalize-space()]]" mode="r:main" as="node()+" priority="1">
    <xsl:call-template name="r:word-space"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="'dict-form spelled'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An inflected form's spelling that says which form it is by its type alone, with no
       grammar beside it ("<form type="infl"><orth type="plur">gët</orth></form>", FreeDict):
       that type before it, "plur. gët", where it read as a second headword (probe 139). -->
  <!-- (nor with a part of grammar written in the form itself, model.gramPart: "<number>pl.
       </number><orth type="plur">" read "pl. plur.", probe 146; a type written with its
       stop, "pl.", takes no second one) -->
  <xsl:template match="orth[normalize-space(@type)][parent::form[lower-case(normalize-space(@type))
      = ('infl', 'inflected', 'inflection')][empty(gramGrp | gram | pos | gen | number | case
      | per | tns | mood | iType | subc)]]" mode="r:main" as="node()+" priority="1">
    <xsl:call-template name="r:word-space"/>
    <i class="dict-form-label">
      <xsl:sequence select="r:ui-words(.)"/>
      <xsl:variable name="words" as="xs:string" select="r:token-words(@type)"/>
      <xsl:value-of select="$words || (if (ends-with($words, '.')) then '' else '.')"/>
    </i>
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <!-- A pronunciation in the phonetic alphabet (pron notation="ipa") between slashes, as
       dictionaries print one, unless its words bring their own: it stood bare after the
       headword, "mălum ˈma.lum" (probe 175). The slashes are signs, not words to search. -->
  <xsl:template match="pron[node()][matches(normalize-space(@notation), '^ipa$|^ipa[-_ ]|-ipa$', 'i')]
      [not(matches(normalize-space(.), '^[/\[].*[/\]]$'))]" mode="r:main" as="node()+" priority="3">
    <xsl:call-template name="r:word-space"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'dict-pron'"/>
      </xsl:call-template>
      <xsl:sequence select="r:mark('/')"/>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:sequence select="r:mark('/')"/>
    </span>
  </xsl:template>

  <xsl:template match="form | orth | pron | hyph | syll | stress | gramGrp | gram | pos | gen
      | number | case | per | tns | mood | iType | subc | colloc | usg | lbl | def | etym | xr
      | oRef | pRef | lang" mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:choose>
      <xsl:when test="(self::etym | self::xr) and not(r:bracketed(.))">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'dict-' || local-name()"/>
          </xsl:call-template>
          <xsl:call-template name="r:spaced-parts"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="'dict-' || local-name()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <!-- a spelling of a form followed by another ("<orth>wean</orth><orth type="variant">
         wane</orth>") ends in a comma, as dictionaries print their variants: probe 133,
         "wean wane", and a Persian headword's three spellings read as five words -->
    <!-- (in the spellings' own language and script: "书、書", "کتاب، كتاب" in an English
         entry; a comment between two is no word between them: probe 135) -->
    <!-- (the ideographic comma between two of Chinese or Japanese alone, not in Korean nor
         before a transliteration, "書, shu"; Thai, Lao, Tibetan, Burmese and Khmer, which
         part phrases by spaces, by the space the tokens take: probe 138) -->
    <xsl:variable name="next" as="element()?" select="following-sibling::node()[not(self::comment()
        or self::processing-instruction() or self::text()[not(normalize-space())])][1]
        [self::orth]"/>
    <!-- (two of Thai, Lao, Tibetan, Burmese or Khmer take none; one before a Latin
         transliteration a comma, as Chinese does: probe 143, "กิน kin") -->
    <xsl:if test="self::orth and exists($next) and not(matches(r:last-char(.), $r:unspaced-chars)
        and not(matches(r:last-char(.), $r:han-kana))
        and matches(substring(normalize-space($next), 1, 1), $r:unspaced-chars))">
      <xsl:value-of select="if (matches(r:last-char(.), $r:han-kana)
              and matches(substring(normalize-space($next), 1, 1), $r:han-kana)
              and not(starts-with(lower-case(string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)),
                  'ko'))) then '、'
          else normalize-space(r:comma(., string(.)))
              || (if (following-sibling::node()[1][self::comment() or self::processing-instruction()])
                  then ' ' else '')"/>
    </xsl:if>
  </xsl:template>

  <!-- The parts of a cross-reference or an etymology, each the words of its own: the
       references of an xr, the words, glosses and languages of an etym, written against each
       other ("<ref>hue</ref><ref>tint</ref>", "<mentioned>color</mentioned><gloss>") read as
       one word on the page, in the book and the search (probe 110); a space between two of
       them with nothing between. A phrase of no meaning of its own (hi, c, seg: "<ref>hu</ref>
       <hi>e</hi>") goes on the word, as a note or a break does not part (probe 116). Here,
       from the parent: a template of the part (the book's link of a local ref) outranks any
       one of the parts' own. -->
  <xsl:template name="r:spaced-parts" as="node()*">
    <xsl:param name="nodes" as="node()*" select="node()"/>
    <xsl:for-each select="$nodes">
      <xsl:if test="r:parts-apart(preceding-sibling::node()[not(self::anchor)][1], .)">
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates select="." mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- Whether a space parts $node from $prev, written against it: a part and a part, or a
       part and a token (a label, a usage, punctuation: Lex-0's "<lbl>from</lbl><lang>Old
       French</lang>", "<ref>abbot</ref><lbl>and</lbl>": probe 117); two tokens part
       themselves (r:word-space). Punctuation keeps to the word before it, an opening
       bracket or dash to the word after it. -->
  <xsl:function name="r:parts-apart" as="xs:boolean">
    <xsl:param name="prev" as="node()?"/>
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($prev) and (r:is-part($node) or r:is-part($prev))
        and (r:is-part($node) or r:is-token($node)) and (r:is-part($prev) or r:is-token($prev))
        and not(r:punctuation($node) and not($node/@pre = ('true', '1'))
                and not(matches(normalize-space($node), '^[\p{Ps}\p{Pi}]')))
        and not(r:punctuation($prev)
                and ($prev/@pre = ('true', '1')
                     or matches(normalize-space($prev), '^[\p{Ps}\p{Pi}\p{Pd}/¬]+$')))"/>
  </xsl:function>

  <!-- Whether a cross-reference's words before its first element name its kind: they begin
       with the interface's abbreviation of it ("Syn."), its type ("syn", "synonymy") or the
       type's first three letters, whatever their case and stops. -->
  <!-- (its first word, not its first letters: "anticipated", "synthetic" name no kind,
       probe 138; "Synonyms:", "Synon.", "SYN.see", French and German "Synonyme", "Syns."
       do, probe 143) -->
  <xsl:function name="r:xr-says-kind" as="xs:boolean">
    <xsl:param name="xr" as="element()"/>
    <xsl:variable name="opening" as="xs:string"
        select="string-join($xr/text()[empty(preceding-sibling::*)])"/>
    <xsl:variable name="word" as="xs:string"
        select="lower-case((tokenize($opening, '[^\p{L}]+')[. != ''], '')[1])"/>
    <xsl:variable name="stem" as="xs:string" select="replace($word, 's$', '')"/>
    <xsl:variable name="kind" as="xs:string" select="r:xr-kind($xr)"/>
    <xsl:variable name="root" as="xs:string" select="replace($kind, 'y$', '')"/>
    <xsl:sequence select="$word != '' and (($word, $stem) = (lower-case(replace(r:msg('xr.'
            || $kind), '[\s\p{P}]', '')), lower-case(normalize-space($xr/@type)))
        (: a beginning of the kind's word, abbreviated: short, or ended by a stop or a
           colon, as Syn. or Synon. are, where Antony is a word of its own (probe 144) :)
        or string-length($stem) ge 3 and starts-with($kind, $stem)
            and (string-length($word) le 4 or matches($opening, '^[^\p{L}]*\p{L}+[.:]'))
        or $root != $kind and string-length($root) ge 4 and starts-with($word, $root))"/>
  </xsl:function>

  <xsl:function name="r:is-part" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node instance of element() and local-name($node) = ('ref', 'ptr',
        'mentioned', 'gloss', 'lang', 'term', 'foreign', 'quote', 'q', 'bibl', 'oRef', 'pRef')
        and namespace-uri($node) = 'http://www.tei-c.org/ns/1.0'"/>
  </xsl:function>

  <!-- A cross-reference of a kind the interface names (xr type="synonymy", "antonymy": TEI
       Lex-0) and no label of its own: the kind's abbreviation before the first of a run of
       them, a comma before the others ("Syn. antecessor, sucessor Ant. descendente"; probe
       79: four bare words, synonyms and antonyms told apart by nothing). One that opens
       by naming its kind ("SYN. see <ref>legal</ref>", the Guidelines' example) says it
       itself (probe 133: "Syn. SYN. see legal"); other words of its own ("also") do not
       (probe 135). -->
  <!-- (one that says its kind is a part of the run all the same, parted by the comma from
       the next: probe 138, "SYN. see lawfulalso licit") -->
  <xsl:template match="xr[r:has-msg('xr.' || r:xr-kind(.))][empty(lbl)]" mode="r:main"
      as="node()+" priority="1">
    <xsl:variable name="key" as="xs:string" select="'xr.' || r:xr-kind(.)"/>
    <!-- apart from the token before it, the last of the run too ("b,c": probe 138) -->
    <xsl:call-template name="r:word-space"/>
    <xsl:if test="empty(r:xr-beside(., false())) and not(r:xr-says-kind(.))">
      <abbr class="xr-label" title="{r:msg($key || '.title')}" lang="{r:ui-lang()}">
        <xsl:value-of select="r:msg($key)"/>
      </abbr>
      <xsl:text> </xsl:text>
    </xsl:if>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'dict-xr'"/>
      </xsl:call-template>
      <!-- the comma against the last word: the newline a file puts before </xr> made
           "antecessor , sucessor" -->
      <xsl:variable name="last" as="node()?" select="node()[not(self::text()[not(normalize-space())])][last()]"/>
      <xsl:call-template name="r:spaced-parts">
        <xsl:with-param name="nodes" select="node()[not(. >> $last)]"/>
      </xsl:call-template>
      <xsl:if test="exists(r:xr-beside(., true()))">
        <xsl:text>,</xsl:text>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- The cross-reference of the same kind and without label right after (before) $xr, with
       nothing but whitespace between. -->
  <!-- The kind of a cross-reference by Lex-0's word for it, whatever a dictionary writes
       (type="syn", "synonym", "ant": probe 110, an unlabelled "syn" got no "Syn."). -->
  <xsl:function name="r:xr-kind" as="xs:string">
    <xsl:param name="xr" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space($xr/@type))"/>
    <xsl:sequence select="if ($type = ('syn', 'synonym', 'synonyms', 'synonymy')) then 'synonymy'
        else if ($type = ('ant', 'antonym', 'antonyms', 'antonymy')) then 'antonymy' else $type"/>
  </xsl:function>

  <xsl:function name="r:xr-beside" as="element()?">
    <xsl:param name="xr" as="element()"/>
    <xsl:param name="after" as="xs:boolean"/>
    <xsl:variable name="next" as="node()?" select="(if ($after) then $xr/following-sibling::node()
        else $xr/preceding-sibling::node())[not(self::text()[not(normalize-space())])]
        [if ($after) then 1 else last()]"/>
    <xsl:sequence select="$next[self::xr][empty(lbl)][r:xr-kind(.) = r:xr-kind($xr)]"/>
  </xsl:function>

  <!-- A part of an entry's information that the printed source does not spell out, given by
       its attributes alone (att.lexicographic @value, "a value which lacks any realization in
       the printed source text", else @norm; TEI Lex-0's <gram type="case" value="genitive"/>):
       its value, set apart as implied, as an empty oRef's headword is. -->
  <xsl:template match="(form | orth | pron | hyph | syll | stress | gram | pos | gen | number
      | case | per | tns | mood | iType | subc | colloc | usg | lbl)[not(node())]
      [normalize-space((@value, @norm)[normalize-space()][1])]" mode="r:main" as="node()+" priority="2">
    <xsl:call-template name="r:word-space"/>
    <span class="dict-{local-name()} implied">
      <xsl:value-of select="normalize-space((@value, @norm)[normalize-space()][1])"/>
    </span>
  </xsl:template>

  <!-- An example or a translation in an entry (cit, and its quote) runs in the entry's text,
       a phrase apart, as dictionaries print them; one of paragraphs or verse stays a block. -->
  <xsl:template match="cit[ancestor::entry or ancestor::entryFree or ancestor::superEntry]
      [not(r:has-blocks(.))] | quote[parent::cit][ancestor::entry or ancestor::entryFree
      or ancestor::superEntry][not(r:has-blocks(.))]" mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:element name="span">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'dict-' || local-name()"/>
      </xsl:call-template>
      <!-- a translation says into which language ("en", "de"): one word of each would
           otherwise stand side by side unexplained -->
      <xsl:if test="self::cit[@type = 'translation'] and normalize-space(@xml:lang)">
        <!-- by the name the header's langUsage gives the language, else its name in the
             interface's language ("French", not "fr": probe 5) -->
        <span class="cit-lang"><xsl:sequence select="r:ui-words(.)"/><xsl:value-of
            select="r:language-name(., @xml:lang)"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <!-- equivalents of one sense side by side are parted by a comma, as dictionaries print
           them (probe 139, FreeDict's "<cit type="trans"><quote>lettre</quote></cit><cit
           type="trans"><quote>message</quote></cit>" read as one phrase, "lettre message") -->
      <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space(@type))"/>
      <xsl:if test="self::cit[$type = ('trans', 'translation', 'translationequivalent')]
          (: none after a comma or a semicolon of its own (probe 143: c,, d) :)
          [not(matches(normalize-space(.), '[,;，、،]$'))]
          [following-sibling::node()[not(self::comment() or self::processing-instruction()
           or self::text()[not(normalize-space())])][1]
           [self::cit][lower-case(normalize-space(@type)) = $type]]">
        <xsl:value-of select="normalize-space(r:comma(.))"/>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- An empty oRef or pRef stands for the headword's spelling or pronunciation (TEI 9.4,
       "the headword in an example"): it shows the entry's first (lemma) form. -->
  <xsl:template match="oRef[not(node())] | pRef[not(node())]" mode="r:main" as="node()+"
      priority="2">
    <xsl:variable name="entry" as="element()?" select="ancestor::*[self::entry or self::entryFree
        or self::superEntry or self::re][1]"/>
    <xsl:variable name="forms" as="element()*" select="if (self::oRef) then $entry//orth
        else $entry//pron"/>
    <xsl:call-template name="r:word-space"/>
    <span class="dict-{local-name()} implied">
      <xsl:value-of select="normalize-space(($forms[ancestor::form[1]/@type = 'lemma'],
          $forms)[1])"/>
    </span>
  </xsl:template>

</xsl:stylesheet>

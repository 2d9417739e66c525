<?xml version="1.0" encoding="UTF-8"?>
<!--
  Normalisation stage: gated TEI -> normalized TEI, the one middle representation that every
  writer (HTML, EPUB, index) reads.

  It changes only these things and copies everything else (on-no-match="shallow-copy"):
  1. stable ids: every element an output links to (divisions, blocks, notes, page breaks,
     verse and drama lines, the surfaces of a sourceDoc, names and dates of the text and of the
     notes a standOff keeps (listAnnotation), the names of
     the description a catalogue record shows as its text, the index entries of the text
     (index, not one nested in another: the subject index links to them)) gets an xml:id when it has none, derived
     from the structure it lives in (div-3-p-12, p-<@n>, l-<@n>, div-3-p-12-m2), never from a
     count over the whole document; an id the source repeats gets a suffix. The ids are made
     by pipeline/locators.py (the rules are written there) and arrive as $ids, one line per
     element this stage counts (ed:n: those elements and every element with an xml:id), in
     document order; an empty line keeps the element's own xml:id.
  2. resolved register keys: a name whose @ref points at a register entry (#id or file.xml#id)
     gets ed:entity (the entry's xml:id) and ed:kind (person, place, org, ...); a name whose
     @ref does not resolve gets ed:unresolved="true" (with ed:expanded, what the header's
     prefixDef made of an abbreviated pointer, psn:0012: ed:expand; ed:local when it names a bibliographic
     entry of its own text, a bibl); a name identified by @key alone gets
     the entry the edition made of its key (pipeline/keyed.py); a speech (sp) gets ed:speakers, the
     entries its @who points at (persons of particDesc or a register, cast list roles).
     Registers arrive as one parameter document, never through doc(), with every entry once
     (pipeline/stages.py merges the entries that several files declare by id); a role of the
     text's own cast list whose id another file's entry has is the entity of its scoped id
     ($cast-ids), where "#id" names it.
  3. a date whose words are an ISO 8601 day or month and that gives no value gets it as @when
     (ed:iso-words).
  4. a line, column or page break inside a word token (w) without @break gets break="no"
     (ed:break-in-word).
  5. the layout whitespace at the edge of a phrase whose neighbour gives the word space (or
     is the punctuation that ends it), and at the edges of a speaker, is left out
     (ed:edge-layout).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="xs fn map tei"
    expand-text="no">

  <xsl:import href="../common/authorities.xsl"/>

  <!-- <ed:registers> with copies of every register list (listPerson, listPlace, listOrg, ...) -->
  <xsl:param name="registers" as="document-node()?" select="()"/>

  <!-- Whether the text's page shows a manuscript description (pipeline/records.py: a
       catalogue record's as its text, a transcription's beside it): the names of that
       description (outside a cited work) are mentions, identified, resolved and counted as a
       text's are. The rest of a header is no text: its names stay as written. -->
  <xsl:param name="record" as="xs:boolean" select="false()"/>

  <!-- One line per counted element (pipeline/locators.py): its id, or "" to keep its own. -->
  <xsl:param name="ids" as="xs:string" select="''"/>

  <!-- The entries of this text's cast lists whose ids entries of other files have too, one
       line each: the id, a tab, the id of the entity the registers make of it
       (pipeline/stages.py cast_scopes: "nurse" of playa.xml is "playa.nurse"). A cast
       list's ids are its play's own (TEI Guidelines 7.2.2; DESIGN.md section 5 rule 7): two
       plays' "#nurse" were one entity, credited with both plays' speeches (known gap after
       probe 163). -->
  <xsl:param name="cast-ids" as="xs:string" select="''"/>

  <xsl:variable name="ed:cast-ids" as="map(xs:string, xs:string)" select="map:merge(
      for $line in tokenize($cast-ids, '\n')[contains(., '&#9;')]
      return map:entry(substring-before($line, '&#9;'), substring-after($line, '&#9;')))"/>

  <xsl:mode on-no-match="shallow-copy" on-multiple-match="fail" use-accumulators="#all"/>

  <xsl:key name="entry" match="*[@xml:id]" use="string(@xml:id)"/>
  <!-- a cast entry the registers gave a scoped id, by the id its play gives it -->
  <xsl:key name="cast-written" match="*[@ed:cast-id]" use="string(@ed:cast-id)"/>
  <xsl:key name="local-id" match="*[@xml:id]" use="string(@xml:id)"/>
  <!-- an entry by the addresses of its authority identifiers (ed:authority-key) -->
  <xsl:key name="authority" match="*[@xml:id][tei:idno]"
      use="tei:idno ! ed:authority-url(.) ! ed:authority-key(.)"/>

  <xsl:variable name="ed:ids" as="xs:string*" select="tokenize($ids, '\n')"/>

  <!-- The elements pipeline/locators.py gives an id (is_counted), in document order. -->
  <xsl:accumulator name="ed:n" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule select="$value + 1" match="*[@xml:id] | tei:div | tei:div1 | tei:div2
        | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:p | tei:ab | tei:head
        | tei:lg | tei:sp | tei:u | tei:stage | tei:table | tei:figure | tei:list | tei:item
        | tei:quote | tei:bibl | tei:listBibl | tei:castList | tei:note | tei:pb
        | tei:l | tei:sourceDoc//tei:surface
        | (tei:text | tei:sourceDoc)//tei:index[not(ancestor::tei:index)]
        | (tei:text | tei:sourceDoc | tei:TEI/tei:standOff//tei:listAnnotation//tei:note)
            //(tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:date
            | tei:geogName | tei:objectName | tei:eventName | tei:settlement | tei:region
            | tei:country | tei:district | tei:bloc)
        | tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc[$record]//*[ed:described(.)]"/>
  </xsl:accumulator>

  <!-- The counts must agree, or every id after the first difference would be wrong. -->
  <xsl:template match="/" as="document-node()">
    <xsl:variable name="counted" as="xs:integer" select="*/accumulator-after('ed:n')"/>
    <xsl:if test="$counted ne count($ed:ids) and not($counted = 1 and $ids = '')">
      <xsl:message terminate="yes" select="'normalize: ' || $counted || ' elements to identify, '
          || count($ed:ids) || ' ids (pipeline/locators.py and ed:n disagree)'"/>
    </xsl:if>
    <xsl:document>
      <xsl:apply-templates/>
    </xsl:document>
  </xsl:template>

  <xsl:template match="*[@xml:id] | tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4
      | tei:div5 | tei:div6 | tei:div7 | tei:p | tei:ab | tei:head | tei:lg | tei:sp | tei:u
      | tei:stage | tei:table | tei:figure | tei:list | tei:item | tei:quote | tei:bibl | tei:listBibl
      | tei:castList | tei:note | tei:pb | tei:l
      | tei:sourceDoc//tei:surface
      | (tei:text | tei:sourceDoc)//tei:index[not(ancestor::tei:index)]">
    <xsl:call-template name="with-id"/>
  </xsl:template>

  <!-- A speech or an utterance of a transcription: its speakers (sp/@who, u/@who) resolved
       like names, as ed:speakers (entity ids). -->
  <xsl:template match="tei:sp[@who] | tei:u[@who]
      | tei:u[not(@who)][parent::tei:annotationBlock[@who]]" priority="2">
    <xsl:call-template name="with-id">
      <xsl:with-param name="extra" as="attribute()*" select="ed:speakers(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Speech or thought of the text given to its speaker (said/@who, q/@who: Guidelines
       3.3.3) is theirs as a speech of a play is (probe 54: a person who only spoke was
       "never mentioned"). No id of its own (pipeline/locators.py counts no said): the index
       links the block it is in. -->
  <xsl:template match="(tei:text | tei:sourceDoc)//(tei:said[@who] | tei:q[@who])"
      priority="2">
    <xsl:choose>
      <xsl:when test="@xml:id">
        <xsl:call-template name="with-id">
          <xsl:with-param name="extra" as="attribute()*" select="ed:speakers(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy>
          <xsl:apply-templates select="@*"/>
          <xsl:sequence select="ed:speakers(.)"/>
          <xsl:apply-templates/>
        </xsl:copy>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The entries who speak $speech (its @who; an utterance of a block speaks for its
       block's speaker, annotationBlock/@who), as ed:speakers, if any. -->
  <xsl:function name="ed:speakers" as="attribute()?">
    <xsl:param name="speech" as="element()"/>
    <!-- (a pointer at a role of the play's own cast list names the play's entity of it:
         ed:registered) -->
    <xsl:variable name="speakers" as="xs:string*" select="distinct-values(
        for $t in tokenize(normalize-space(($speech/@who,
            $speech/parent::tei:annotationBlock/@who)[1]), ' ')
        , $p in ed:expand($t, $speech)
        return ed:registered($p, replace($p, '^.*#', ''))[1]
            /@xml:id/string())"/>
    <xsl:if test="exists($speakers)">
      <xsl:attribute name="ed:speakers" select="string-join($speakers, ' ')"/>
    </xsl:if>
  </xsl:function>

  <!-- A name or date of the text, or of a note the standOff keeps (a listAnnotation,
       Guidelines 16.10), which the page and the book show after the text (r:notes-apart;
       every note holding a name is shown): a mention alike (pipeline/locators.py
       notes_apart). -->
  <xsl:template match="(tei:text | tei:sourceDoc | tei:TEI/tei:standOff//tei:listAnnotation
      //tei:note)//(tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:date
      | tei:geogName | tei:objectName | tei:eventName | tei:settlement | tei:region
      | tei:country | tei:district | tei:bloc)" priority="2">
    <xsl:call-template name="with-id">
      <xsl:with-param name="extra" as="attribute()*">
        <xsl:apply-templates select="@ref" mode="resolve"/>
        <xsl:sequence select="ed:by-key(.)"/>
        <xsl:sequence select="ed:iso-words(.)"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The date a letter's description gives (correspDesc, in the header: no mention) whose
       words are its value in ISO form: that value (ed:iso-words). -->
  <xsl:template match="tei:teiHeader//tei:correspDesc//tei:date[exists(ed:iso-words(.))]"
      priority="3">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:sequence select="ed:iso-words(.)"/>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- A date that gives no value of its own (no @when, @from ..., no other calendar or
       dating method) and whose words are a day or a month written in ISO 8601, the only
       form that says its value beyond doubt: that value, as @when. Letters 1916's
       <date>1916-07-01</date> (its database's dates put into the words) was an "other date"
       at the end of the timeline, its letter off the years (probe 41). A year alone
       ("1916") is not read so: a number of four digits may be a year of another calendar. -->
  <xsl:function name="ed:iso-words" as="attribute()?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space($date)"/>
    <xsl:if test="$date/self::tei:date and empty($date/*) and empty($date/@*[matches(
        local-name(), '^((when|notBefore|notAfter|from|to)(-iso|-custom)?|calendar|datingMethod|datingPoint|dur|dur-iso)$')])
        and matches($words, '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$')
        and (if (string-length($words) eq 7) then $words || '-01' else $words)
            castable as xs:date">
      <xsl:attribute name="when" select="$words"/>
    </xsl:if>
  </xsl:function>

  <!-- A name or date of the description a catalogue record shows (pipeline/locators.py
       described_name): a mention, as a name or date of the text; a date is marked
       ed:timeline, for the index lists the dates of a header that are so marked only. -->
  <xsl:template match="tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc[$record]
      //*[ed:described(.)]" priority="2">
    <xsl:call-template name="with-id">
      <xsl:with-param name="extra" as="attribute()*">
        <xsl:apply-templates select="@ref" mode="resolve"/>
        <xsl:sequence select="ed:by-key(.)"/>
        <xsl:if test="self::tei:date or self::tei:origDate or self::tei:acquisition
            or self::tei:provenance">
          <xsl:attribute name="ed:timeline" select="'true'"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A name or date (the name elements of the text, its dates and the manuscript's date of
       origin, which the timeline lists) outside a cited work: a name in a bibl (the author
       of a catalogue or study the record cites) is the citation's, no person of the
       manuscript, and its date the citation's. -->
  <xsl:function name="ed:described" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <!-- and an acquisition or provenance its attributes date (acquisition when="1817", probe
         23: pipeline/records.py DATED_EVENTS), which is on the timeline as the block it is -->
    <xsl:sequence select="exists($name[self::tei:persName or self::tei:placeName
        or self::tei:orgName or self::tei:name or self::tei:rs or self::tei:geogName
        or self::tei:objectName or self::tei:eventName or self::tei:date
        or self::tei:origDate] | $name[self::tei:acquisition or self::tei:provenance]
            [@*[matches(local-name(), '^(when|notBefore|notAfter|from|to)(-iso)?$')]
            [normalize-space()]])
        and empty($name/ancestor::*[self::tei:bibl or self::tei:biblStruct
        or self::tei:biblFull])"/>
  </xsl:function>

  <!-- The names of a letter's sender and addressee and of their places (correspAction, or the
       older sender and addressee, in the header) are resolved like the text's names, for the letter's head and the index's
       letters; they are no mentions and no output links to them, so they are not counted
       for ids (unless they have one of their own). -->
  <xsl:template match="tei:teiHeader//tei:correspDesc/*[self::tei:correspAction
      or self::tei:sender or self::tei:addressee or self::tei:placeSender
      or self::tei:placeAddressee]/*[@ref or @key]
      | tei:teiHeader//tei:correspDesc/*[self::tei:sender or self::tei:addressee][@ref]"
      priority="3">
    <xsl:variable name="resolved" as="attribute()*">
      <xsl:apply-templates select="@ref" mode="resolve"/>
      <xsl:sequence select="ed:by-key(.)"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@xml:id">
        <xsl:call-template name="with-id">
          <xsl:with-param name="extra" select="$resolved"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy>
          <xsl:apply-templates select="@*"/>
          <xsl:sequence select="$resolved"/>
          <xsl:apply-templates select="node()"/>
        </xsl:copy>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="with-id" as="element()">
    <xsl:param name="extra" as="attribute()*" select="()"/>
    <xsl:variable name="n" as="xs:integer" select="accumulator-before('ed:n')"/>
    <xsl:variable name="id" as="xs:string?" select="$ed:ids[$n]"/>
    <xsl:copy>
      <xsl:choose>
        <xsl:when test="$id">
          <xsl:attribute name="xml:id" select="$id"/>
          <xsl:apply-templates select="@* except @xml:id"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="@*"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:sequence select="$extra"/>
      <xsl:sequence select="ed:break-in-word(.)"/>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- A line, column or page break inside a word token (w) that says nothing of words:
       break="no", which it is (TEI 3.11.3: break says whether the element bounds a word; one
       inside a w does not). The Wienerisches Diarium writes "<w>vergan<pc>=</pc><lb/>genen</w>",
       which the pages read "vergan= genen" (probe 46). -->
  <xsl:function name="ed:break-in-word" as="attribute()?">
    <xsl:param name="e" as="element()"/>
    <xsl:if test="$e[self::tei:lb or self::tei:cb or self::tei:pb][not(@break)][ancestor::tei:w]">
      <xsl:attribute name="break" select="'no'"/>
    </xsl:if>
  </xsl:function>

  <xsl:template match="(tei:lb | tei:cb)[not(@xml:id)][not(@break)][ancestor::tei:w]">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:sequence select="ed:break-in-word(.)"/>
    </xsl:copy>
  </xsl:template>

  <!-- The newline and indent a pretty-printed source puts just inside a phrase, when the words
       around the phrase already give the space, or the punctuation that follows it wants none:
       "<rs>\n<hi>Tübingen</hi>\n</rs> sehen" drew the name's underline on under the word
       space, and "<bibl>12,178<ptr/>\n</bibl>," read "12,178 ... ," (probe 48: the Tillich
       letters and the Syriaca records looked at by eye). The space is only moved into the
       neighbour's, so no words run together; whitespace that is all a phrase holds (a c or
       pc of one space), a space without a newline, xml:space="preserve" and the layout of an
       example of XML are kept. -->
  <xsl:template match="text()[not(normalize-space())][contains(., '&#10;')]
      [empty(preceding-sibling::node()) or empty(following-sibling::node())][ed:edge-layout(.)]"
      as="empty-sequence()"/>

  <!-- A word (w: "a grammatical (not necessarily orthographic) word", Guidelines 17.1) is one
       word: the newlines and indents a pretty-printed file puts between its parts are
       layout (probe 118: EpiDoc's "<w>\n <expan>\n <abbr>trib</abbr>\n <ex>unicia</ex>
       ..." read "t rib (unicia)" on the page, the book and the search). A space without a
       newline ("<w><seg>New</seg> <seg>York</seg></w>") and xml:space="preserve" are kept.
       (The word is asked for last: the other tests leave few text nodes.) -->
  <xsl:template match="text()[not(normalize-space())][contains(., '&#10;')]
      [ancestor::tei:w][not(ancestor::*[@xml:space][1]/@xml:space = 'preserve')]"
      priority="2" as="empty-sequence()"/>

  <!-- A speaker is a label the writers set apart from the speech, never run into its words:
       the whitespace at its edges is layout, drawn inside the link of a Hebrew play's speakers
       ("<speaker>\n  מאיר\n</speaker>"). -->
  <xsl:template match="tei:speaker/text()[empty(preceding-sibling::node())
      or empty(following-sibling::node())]" priority="1" as="text()?">
    <xsl:variable name="start" as="xs:string" select="if (empty(preceding-sibling::node()))
        then replace(., '^\s+', '') else string(.)"/>
    <xsl:variable name="words" as="xs:string" select="if (empty(following-sibling::node()))
        then replace($start, '\s+$', '') else $start"/>
    <xsl:if test="$words != ''">
      <xsl:value-of select="$words"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="ed:edge-layout" as="xs:boolean">
    <xsl:param name="t" as="text()"/>
    <!-- a TEI element: an example of XML (egXML) is laid out as its file is -->
    <xsl:variable name="e" as="element()?" select="$t/parent::tei:*"/>
    <xsl:variable name="last" as="xs:boolean" select="empty($t/following-sibling::node())"/>
    <xsl:variable name="first" as="xs:boolean" select="empty($t/preceding-sibling::node())"/>
    <xsl:variable name="after" as="node()?" select="$e/following-sibling::node()[1]"/>
    <xsl:variable name="before" as="node()?" select="$e/preceding-sibling::node()[1]"/>
    <!-- among words: a neighbour of the phrase holds some. Asked of the neighbours alone:
         asked of every text of its parent, a body of 16,000 paragraphs ending in an element
         and a newline took 16.9 s instead of 0.4 s (each paragraph's edge scanned them all).
         Only the edges of a phrase ask (the template's pattern): Saxon evaluated this for
         the whitespace between every two paragraphs too, which read the words of the whole
         chapter after theirs each time (ENG18400_Trollope's normalisation: 4.1 s, against
         0.22 s now). The first words found are enough: a neighbour is a whole chapter at
         times. -->
    <xsl:variable name="mixed" as="xs:boolean" select="some $n in ($after, $before) satisfies
        (if ($n instance of element()) then exists($n/descendant::text()[normalize-space()])
         else normalize-space($n) != '')"/>
    <xsl:sequence select="exists($e) and ($first or $last)
        and not($e[self::tei:c or self::tei:pc or self::tei:g or self::tei:space])
        and ($last and $after instance of text()
              and ((matches($after, '^\s') and $mixed) or matches($after, '^[,.;:!?)\]]'))
          or $first and $before instance of text() and matches($before, '\s$') and $mixed)
        and exists($e/(* | text()[normalize-space()]))
        and not($e/ancestor-or-self::*[@xml:space][1]/@xml:space = 'preserve')"/>
  </xsl:function>

  <!-- @ref -> ed:entity / ed:kind, or ed:unresolved. The first token that resolves to a register
       entry wins. xml:id is document-scoped (DESIGN.md section 5 rule 7): "#k" names this
       document's element k when there is one, and is an entity only when that element is a
       register entry (in this document's own listPerson, listPlace, ...); otherwise "#k" and
       "file.xml#k" look k up in the entity namespace, the registers merged by id. -->
  <xsl:template match="@ref" mode="resolve" as="attribute()*">
    <xsl:variable name="here" as="node()" select="root(.)"/>
    <!-- an abbreviated pointer (psn:0012) is read as its header's prefixDef expands it -->
    <xsl:variable name="tokens" as="xs:string*"
        select="for $t in tokenize(normalize-space(.), ' ') return ed:expand($t, ..)"/>
    <!-- a web address an entry gives as its authority identifier names that entry (CMIF's
         letters name their correspondents by GND and GeoNames addresses: probe 86, "points
         at 'https://d-nb.info/gnd/...', outside the registers" of an entry with that idno) -->
    <xsl:variable name="entries" as="element()*" select="for $t in $tokens return
        (if (contains($t, '#')) then ed:entity-of($t, $here) else (),
         if (matches($t, '^https?://') and exists($registers))
         then ($registers/key('authority', ed:authority-key($t)))[ed:is-entry(.)]
              [ed:kind-fits(current()/.., .)][1]
         else ())[1]"/>
    <xsl:variable name="entry" as="element()?" select="$entries[1]"/>
    <xsl:choose>
      <xsl:when test="exists($entry)">
        <xsl:attribute name="ed:entity" select="$entry/@xml:id"/>
        <xsl:attribute name="ed:kind" select="local-name($entry)"/>
        <!-- the others a name points at ("the King and Queen": ref="#charles #henrietta"):
             the index counts the mention for each; the page links to the first -->
        <xsl:variable name="also" as="xs:string*"
            select="distinct-values(subsequence($entries, 2)/@xml:id)[. != $entry/@xml:id]"/>
        <xsl:if test="exists($also)">
          <xsl:attribute name="ed:also" select="$also"/>
        </xsl:if>
        <!-- a pointer of the list that names no entry ("#anna #nobody"): told by the index
             as a name at no entry is (probe 125: the check said dangling, the build nothing) -->
        <xsl:variable name="missed" as="xs:string*" select="$tokens[contains(., '#')]
            [not(matches(., '^[A-Za-z][A-Za-z0-9+.\-]*:'))][empty(ed:entity-of(., $here))]"/>
        <xsl:if test="exists($missed)">
          <xsl:attribute name="ed:unresolved-tokens" select="distinct-values($missed)"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <!-- a name that points at a bibliographic entry of its own text (a work's title, rs
             type="work", at its bibl in the text's bibliography) names that work: ed:local,
             which the page links to; no unresolved reference. A name at any other element
             of its text (a person's name at a paragraph) stays unresolved: an id that
             shadows a register entry's, most likely -->
        <xsl:variable name="local" as="element()?" select="(for $t in
            tokenize(normalize-space(.), ' ')[starts-with(., '#')]
            return key('local-id', substring($t, 2), $here)[1]
                [self::tei:bibl or self::tei:biblStruct or self::tei:biblFull
                 or self::tei:msDesc])[1]"/>
        <xsl:choose>
          <xsl:when test="exists($local)">
            <xsl:attribute name="ed:local" select="$local/@xml:id"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="ed:unresolved" select="'true'"/>
            <xsl:if test="string-join($tokens, ' ') ne normalize-space(.)">
              <xsl:attribute name="ed:expanded" select="$tokens"/>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A name identified by @key and no @ref: the entry the edition made of its key
       (pipeline/keyed.py, whose kind_of this follows), as ed:entity and ed:kind. -->
  <xsl:key name="keyed" match="*[@ed:key]" use="string(@ed:key)"/>

  <xsl:function name="ed:by-key" as="attribute()*">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="normalize-space($name/@type)"/>
    <xsl:variable name="kind" as="xs:string?" select="map {
        'persName': 'person', 'placeName': 'place', 'geogName': 'place', 'orgName': 'org',
        'eventName': 'event', 'objectName': 'object', 'settlement': 'place', 'region': 'place',
        'country': 'place', 'district': 'place', 'bloc': 'place' }(local-name($name)),
        (if ($name[self::tei:name or self::tei:rs] and $type = ('person', 'place', 'org',
            'event', 'object')) then $type else ())"/>
    <!-- a key that is the id of a register entry of the name's kind names that entry (the
         Dodis documents key their names by the ids of their particDesc), as
         stages.registers_document, which makes no entry of such a key, expects -->
    <xsl:variable name="entry" as="element()?" select="if (exists($name/@ref)
        or not(normalize-space($name/@key)) or empty($kind) or empty($registers)) then ()
        else (($registers/key('entry', normalize-space($name/@key)))[ed:is-entry(.)]
                [replace(local-name(), 'Grp$', '') = $kind[1]],
              key('keyed', $kind[1] || ' ' || normalize-space($name/@key), $registers))[1]"/>
    <xsl:if test="exists($entry)">
      <xsl:attribute name="ed:entity" select="$entry/@xml:id"/>
      <xsl:attribute name="ed:kind" select="local-name($entry)"/>
    </xsl:if>
  </xsl:function>

  <!-- A pointer attribute other than a name's @ref (which the resolve mode reads, and
       keeps as written for its warnings) holding an abbreviated pointer whose prefix the
       header declares (ref target="psn:0002", pb facs="fac:12"): copied as the pointers its
       tokens stand for, so that every writer (a link, a page image, a witness's siglum)
       reads an ordinary pointer. The attributes are those pipeline/validate/references.py
       resolves (POINTER_ATTRIBUTES, then ELEMENT_POINTERS: those that are pointers on some
       elements only, as a date's @from is a date and a shift's @new a word). -->
  <xsl:template as="attribute()" match="@*[contains(., ':')][namespace-uri() = '']
      [local-name() = ('target', 'corresp', 'who', 'sameAs', 'copyOf', 'next', 'prev',
      'synch', 'resp', 'ana', 'hand', 'wit', 'source', 'facs', 'scribeRef', 'scriptRef',
      'decls', 'active', 'passive', 'mutual', 'spanTo', 'targetEnd', 'class', 'change',
      'edRef', 'nymRef', 'exclude', 'select', 'calendar', 'period', 'datingMethod',
      'datingPoint', 'rendition')]
      | tei:app/@from[contains(., ':')] | tei:app/@to[contains(., ':')]
      | tei:span/@from[contains(., ':')] | tei:span/@to[contains(., ':')]
      | tei:arc/@from[contains(., ':')] | tei:arc/@to[contains(., ':')]
      | tei:handShift/@new[contains(., ':')]">
    <xsl:attribute name="{name()}" select="string-join(
        for $t in tokenize(normalize-space(.), ' ') return ed:expand($t, ..), ' ')"/>
  </xsl:template>

  <!-- A link's target at an id of its document written as a URI writes it ("#%70ara.1",
       "#caf%C3%A9"): the id itself, as the check reads it, so that the page and the book
       link it (probe 140: the link was dropped without a word); abbreviated pointers are
       expanded first, as above. -->
  <xsl:template as="attribute()" priority="1"
      match="(tei:ref | tei:ptr)/@target[contains(., '%')][contains(., '#')]">
    <xsl:attribute name="{name()}" select="string-join(
        for $t in tokenize(normalize-space(.), ' ') ! ed:expand(., current()/..)
        return if (starts-with($t, '#')) then '#' || ed:percent-decoded(substring($t, 2))
               else $t, ' ')"/>
  </xsl:template>

  <!-- The pointer a token stands for (TEI Guidelines 16.2.3): a token whose prefix a
       prefixDef of the header of the element's document (or of its corpus) declares is
       replaced as the first such declaration whose pattern matches what follows the colon
       says, with XPath's replace(), as the Guidelines define it; any other token, or a pattern
       that is no regular expression, is kept as written. -->
  <xsl:function name="ed:expand" as="xs:string">
    <xsl:param name="token" as="xs:string"/>
    <xsl:param name="at" as="element()"/>
    <xsl:variable name="prefix" as="xs:string" select="substring-before($token, ':')"/>
    <xsl:variable name="rest" as="xs:string" select="substring-after($token, ':')"/>
    <xsl:variable name="declared" as="element()*" select="if ($prefix = '') then ()
        else ($at/ancestor::tei:TEI[1], $at/ancestor::tei:teiCorpus)/tei:teiHeader
             /tei:encodingDesc/tei:listPrefixDef/tei:prefixDef[@ident = $prefix]
             [@matchPattern and @replacementPattern]"/>
    <xsl:variable name="expanded" as="xs:string*">
      <xsl:for-each select="$declared">
        <xsl:try>
          <xsl:sequence select="if (matches($rest, @matchPattern))
              then replace($rest, @matchPattern, @replacementPattern) else ()"/>
          <xsl:catch select="()"/>
        </xsl:try>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="($expanded, $token)[1]"/>
  </xsl:function>

  <!-- The register entry a pointer token names, seen from the document $here. -->
  <xsl:function name="ed:entity-of" as="element()?">
    <xsl:param name="token" as="xs:string"/>
    <xsl:param name="here" as="node()"/>
    <!-- a fragment as a URI writes it: "#caf%C3%A9" is the id "café", as the check reads
         it (probe 125: the check passed, the name was no register entry in the build) -->
    <xsl:variable name="key" as="xs:string"
        select="ed:percent-decoded(substring-after($token, '#'))"/>
    <xsl:variable name="local" as="element()?" select="if (starts-with($token, '#'))
        then key('local-id', $key, $here)[1] else ()"/>
    <!-- "file.xml#id" names the entry of that file alone, as edition check reads it: an id
         of another register ("places.xml#holzinger-robert") or of no register at all
         ("nofile.xml#...") was the entry of that id wherever it was (probe 115) -->
    <!-- (a file's name as a URI writes it: "my%20persons.xml" is the file "my persons.xml";
         an entry another file gives too, by including the file that gave it first, is that
         file's as well: ed:also-in, probe 117) -->
    <xsl:sequence select="if (exists($local) and not(ed:is-entry($local))) then ()
        else ed:registered($token, $key)[substring-before($token, '#') = ''
            or starts-with($token, '#') or ed:of-file(., $token)][1]"/>
  </xsl:function>

  <!-- Whether the register entry $entry is given by the file the pointer $token names. -->
  <xsl:function name="ed:of-file" as="xs:boolean">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="token" as="xs:string"/>
    <xsl:variable name="stem" as="xs:string" select="replace(replace(
        substring-before($token, '#'), '^.*/', ''), '\.xml$', '', 'i')"/>
    <xsl:sequence select="some $s in ($entry/ancestor::*[@ed:source][1]/@ed:source,
        tokenize($entry/@ed:also-in, '&#9;'))
        satisfies ($s = $stem or encode-for-uri($s) = $stem)"/>
  </xsl:function>

  <!-- The register entries a pointer $token at the id $key may name, the likeliest first: a
       role of this text's own cast list ("#nurse") is the entity the registers made of it,
       when its id is scoped ($ed:cast-ids); a pointer naming a file ("playa.xml#nurse") may
       name a role of that file scoped so, by the id the file gives it (ed:cast-id), after an
       entry of that id. -->
  <xsl:function name="ed:registered" as="element()*">
    <xsl:param name="token" as="xs:string"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="if (starts-with($token, '#') and map:contains($ed:cast-ids, $key))
        then $registers/key('entry', $ed:cast-ids($key))
        else if (starts-with($token, '#')) then $registers/key('entry', $key)
        else ($registers/key('entry', $key),
              $registers/key('cast-written', $key)[ed:of-file(., $token)])"/>
  </xsl:function>

  <!-- A URI's part with its percent-escapes read as the UTF-8 bytes they write ("caf%C3%A9"
       is "café"); escapes that write no UTF-8 stay as written, as Python's unquote keeps
       them (pipeline/validate/references.py reads pointers with it). -->
  <xsl:function name="ed:percent-decoded" as="xs:string">
    <xsl:param name="written" as="xs:string"/>
    <xsl:sequence select="if (not(contains($written, '%'))) then $written
        else string-join(analyze-string($written, '(%[0-9A-Fa-f]{2})+')/*
            ! (if (self::fn:match) then ed:utf8(string(.)) else string(.)))"/>
  </xsl:function>

  <!-- A run of escapes ("%C3%A9") as the characters its bytes write in UTF-8, else as it is.
       Each character's bytes are matched by their UTF-8 form in one pass (a recursion over
       the bytes took time by the square of the run's length, and 20,000 escapes stopped
       the build: probe 126). -->
  <xsl:function name="ed:utf8" as="xs:string">
    <xsl:param name="escapes" as="xs:string"/>
    <xsl:variable name="parts" as="element()*" select="analyze-string(
        upper-case(translate($escapes, '%', '')), '[0-7][0-9A-F]|[CD][0-9A-F][89AB][0-9A-F]'
        || '|E[0-9A-F](?:[89AB][0-9A-F]){2}|F[0-4](?:[89AB][0-9A-F]){3}')/*"/>
    <xsl:variable name="points" as="xs:integer*"
        select="if (exists($parts[self::fn:non-match])) then -1 else $parts ! ed:code-point(.)"/>
    <xsl:sequence select="if (empty($points) or $points = -1) then $escapes
        else codepoints-to-string($points)"/>
  </xsl:function>

  <!-- The code point one character's UTF-8 bytes (as hexadecimal digits) write; -1 for an
       overlong form, a surrogate, or a character XML does not allow. -->
  <xsl:function name="ed:code-point" as="xs:integer">
    <xsl:param name="hex" as="xs:string"/>
    <xsl:variable name="digits" as="xs:integer*" select="string-to-codepoints($hex)
        ! string-length(substring-before('0123456789ABCDEF', codepoints-to-string(.)))"/>
    <xsl:variable name="bytes" as="xs:integer*" select="for $i in 1 to count($digits) idiv 2
        return 16 * $digits[2 * $i - 1] + $digits[2 * $i]"/>
    <xsl:variable name="size" as="xs:integer" select="count($bytes)"/>
    <xsl:variable name="point" as="xs:integer" select="fold-left(tail($bytes),
        $bytes[1] mod (if ($size = 1) then 128 else if ($size = 2) then 32
            else if ($size = 3) then 16 else 8),
        function($p, $b) { $p * 64 + $b - 128 })"/>
    <xsl:sequence select="if (($size = 2 and $point lt 128) or ($size = 3 and $point lt 2048)
            or ($size = 4 and $point lt 65536) or ($point ge 55296 and $point le 57343)
            or $point gt 1114111 or ($point lt 32 and not($point = (9, 10, 13)))
            or $point = (65534, 65535)) then -1 else $point"/>
  </xsl:function>

  <!-- Whether an entry found by its authority address is of the kind its name names: a
       placeName at a person's GND number names no person (probe 87); a name or an rs any. -->
  <xsl:function name="ed:kind-fits" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="wanted" as="xs:string*" select="map {
        'persName': ('person', 'personGrp'), 'placeName': 'place', 'geogName': 'place',
        'orgName': 'org', 'eventName': 'event', 'objectName': 'object', 'settlement': 'place',
        'region': 'place', 'country': 'place', 'district': 'place', 'bloc': 'place' }
        (local-name($name))"/>
    <xsl:sequence select="empty($wanted) or local-name($entry) = $wanted"/>
  </xsl:function>

  <!-- An entry of the entity namespace: a person, place, ... directly in a register list; a
       role of a play's cast list (its speeches and the names of its stage directions point
       at it: probe 54's "Enter <name ref="#orsino">Duke</name>" was no register entry). -->
  <!-- An entry nested in an entry (a city's district, an organisation's branch: Guidelines
       13.3) is one too, as pipeline/stages.py's _entries takes it: probe 94, a place nested
       in a place of a text's own standOff was "no register entry" (one of a register file
       was found). -->
  <xsl:function name="ed:is-entry" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="kinds" as="xs:string+"
        select="('person', 'personGrp', 'place', 'org', 'event', 'object', 'nym')"/>
    <xsl:sequence select="local-name($element) = $kinds
        and local-name($element/ancestor::*[not(local-name() = $kinds)][1]) = ('listPerson',
            'listPlace', 'listOrg', 'listEvent', 'listObject', 'listNym')
        or $element[self::tei:role or self::tei:castItem]/ancestor::tei:castList"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The entity index: one pass over the normalized corpus plus the registers -> entity index XML,
  the internal product every index output is made from (context.products["entities"]).

  Input: <ed:corpus> wrapping every normalized text as <ed:document ed:stem="STEM"><TEI>...
  (built in pipeline/builders/index.py); parameter $registers: the <ed:registers> document.
  Names carry ed:entity / ed:kind / ed:unresolved from the normalisation stage.

  Output (namespace urn:edition, prefix ed):

  <ed:index entities="N" mentions="N" speeches="N" letters="N" dates="N" unresolved="N"
      untagged="N">
    <ed:documents>
      <ed:document stem="belgium-1944" title="..." lang="en" mentions="N"/>   corpus order
    </ed:documents>
    <ed:entities>                        by type (person, personGrp, place, org, event, object,
                                         nym), then lower-cased sort key, name, id
      <ed:entity id="cdj"                register xml:id: the id of every output
                 type="org"              the register element's name
                 sort="Comité de Défense..." sort key: "Surname, Forename" for persons with
                                         both, else the name without a leading article
                 subtype="resistance"    the entry's @type, when it has one
                 source="organisations"  stem of the file holding the entry
                 count="11"              number of occurrences (0: never mentioned)
                 speeches="0"            number of speeches (sp/@who) the entity speaks
                 letters="0">            number of letters it sent or received (correspDesc)
        <ed:name lang="fr">Comité de Défense des Juifs</ed:name>   preferred name (lang when
                                                                     the register gives one)
        <ed:variant count="4" lang="fr">Comité de Défense des Juifs</ed:variant>*
                                         forms as written, most frequent first
        <ed:other-name lang="nl">Comité tot Verdediging der Joden</ed:other-name>*
                                         the register's other names, each once
        <ed:note>...</ed:note>?          the register note, whitespace normalised
        <ed:life birth="1819-09-13" death="1896">?   a person's birth and death: the ISO
                                         date of the register (a range as an interval,
                                         "1815-12-01/1815-12-31"), else its words of a date
          <ed:birth when="" notBefore="" ...><ed:text/>?<ed:place id="" type=""/>*</ed:birth>
          <ed:death>...</ed:death>       their dates and places (modules/facts.xsl)
        </ed:life>
        <ed:when when="" notBefore="" .../>?   an event's dates (its attributes)
        <ed:desc>...</ed:desc>*          an event's description
        <ed:place id="" type="">Leipzig</ed:place>*   where an event took place
        <ed:participant id="" type="">...</ed:participant>*   who took part in it
        <ed:trait kind="occupation" id="" entry-type="" when="" ...>words</ed:trait>*
                                         a person's occupation, affiliation, residence ...
                                         (modules/facts.xsl)
        <ed:relation name="parent" role="active|passive|mutual"><ed:other id="" type=""/>+
          <ed:desc/>?</ed:relation>*     the relations of the registers it takes part in,
                                         their attributes as written (modules/facts.xsl)
        <ed:authority type="wikidata" value="Q31" url="https://www.wikidata.org/wiki/Q31"/>*
                                         url only for known types or web addresses
        <ed:coordinates lat="51.028" long="4.481"/>?             places with location/geo
        <ed:occurrence ...mention record.../>*                     document order
                                         citation="3": a work's pointer (no name), its
                                         place among the text's pointers (ed:citation)
        <ed:speech document="" file="" speech="" section="" heading="" page="" page-id="">
          <ed:text>the speech's first words</ed:text></ed:speech>*   document order
        <ed:letter document="" file="" role="sent|transmitted|redirected|forwarded|received" when="" notBefore="" ... ref=""/>*
                                         a letter of the entity (a correspDesc whose
                                         correspAction names it), document order; when: the
                                         date it was sent, received: the day it was
                                         received, of a letter of no sending date; ref: the
                                         letter's own address
      </ed:entity>
    </ed:entities>
    <ed:timeline>                        every tei:date in a text (or a note its standOff
                                         keeps in a listAnnotation), the date a letter was
                                         sent (else received: received="true"), the dates
                                         (date, origDate) of a catalogue
                                         record's description; by start, then end, then
                                         document order
      <ed:date when="1944-11" notBefore="" notAfter="" from="" to="" period="" period-start=""
          ...mention record.../>           a century or decade (r:period, "century 18") and
                                         its first year, by which one of no other value sorts
    </ed:timeline>
    <ed:unresolved>                      names whose @ref resolves to no register entry;
                                         external="true" when every pointer is an absolute
                                         URI (an authority address, not a register entry)
      <ed:mention element="placeName" ref="#nowhere" external="true"? ...mention record.../>
      <ed:mention element="ptr" ref="biblio.xml#nope" attribute="target" pointer="true"
          ...mention record.../>         a pointer (ptr, ref, bibl/@ref, @source) at an id a
                                         bibliography file does not have
    </ed:unresolved>
    <ed:untagged>                        names tagged without @ref
      <ed:mention element="persName" ...mention record.../>
    </ed:untagged>
    <ed:subjects>                        the texts' index entries (TEI index/term), only
                                         when there are any: modules/subjects.xsl
      <ed:subject index="" document="" file="" mention="" section="" heading="" page=""
          page-id=""><ed:term sort="" same="" lang="">words</ed:term>+</ed:subject>
    </ed:subjects>
  </ed:index>

  A mention record (modules/mentions.xsl) is the attributes document (text stem), file (the
  reading page it is on: <stem>.html, or a part of a long text, <stem>-3.html, by the plan of
  xslt/common/plan.xsl for $page-chars and $part-separator; a note of the standOff is on
  <stem>.html, the single page or the contents page), mention (normalized xml:id), ordinal
  (position among the names and dates of the document's tei:text and standOff notes, to find
  the source line), section (innermost div id), heading (its head), part (an unheaded
  division's kind; "notes" for a note of the standOff), block (innermost anchored block id,
  or the verse or drama line inside it),
  page and page-id (nearest preceding pb's @n and xml:id, empty when none or in a standOff
  note), lang (when the mention is in a declared language), context-lang (the language of
  the words around it, when a part of the text is in another than the text's), heading-lang
  (its heading's, when that is another than the text's), and the
  children <ed:text> (as written), <ed:before> and <ed:after> (about 60 characters each,
  "…" marks a cut).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="xs tei map r">

  <xsl:import href="../common/plan.xsl"/>
  <xsl:import href="../common/timeline.xsl"/>
  <!-- for the dates alone (r:period: a century or decade, which the index files apart); the
       index says nothing in the interface's words -->
  <xsl:import href="../common/i18n.xsl"/>
  <xsl:import href="../common/langusage.xsl"/>
  <xsl:import href="modules/mentions.xsl"/>
  <xsl:import href="modules/entries.xsl"/>
  <xsl:import href="modules/subjects.xsl"/>

  <xsl:output method="xml" indent="no" encoding="UTF-8"/>

  <!-- <ed:registers> with copies of every register list of the corpus. -->
  <xsl:param name="registers" as="document-node()?" select="()"/>
  <!-- True for the index of one text (pipeline/builders/index_merge.py merges those): only the
       entities it names or lets speak, not every register entry. -->
  <xsl:param name="mentioned-only" as="xs:boolean" select="false()"/>

  <!-- The reading pages' paging (pipeline/builders/parts.py), for the file of each record. -->
  <xsl:param name="page-chars" as="xs:integer" select="0"/>
  <xsl:param name="part-separator" as="xs:string" select="'-'"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail" use-accumulators="#all"/>

  <!-- Per text of a long text: where each node of its plan went (generate-id() -> file). -->
  <xsl:variable name="ed:page-files" as="map(xs:string, map(xs:string, xs:string))"
      select="map:merge(for $d in /ed:corpus/ed:document return map { generate-id($d):
          r:plan-file-map(r:html-parts($d/*/tei:text[1], string($d/@ed:stem), $page-chars,
              $part-separator)) })"/>

  <!-- The reading page a node of a text is on. -->
  <xsl:function name="ed:file" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="document" as="element(ed:document)" select="$node/ancestor::ed:document[1]"/>
    <xsl:variable name="files" as="map(xs:string, xs:string)?"
        select="$ed:page-files(generate-id($document))"/>
    <xsl:variable name="page" as="xs:string" select="$document/@ed:stem || '.html'"/>
    <xsl:sequence select="if (empty($files) or map:size($files) = 0) then $page
        else r:plan-file-of($files, $node, $page)"/>
  </xsl:function>

  <xsl:key name="entry" match="*[@xml:id]" use="string(@xml:id)"/>
  <!-- Resolved names by the id of the register entries they belong to: the first their @ref
       names, and the others (@ed:also: a name of two people is a mention of each). -->
  <!-- The names of the description a catalogue record shows as its text are mentions too: the
       normalisation stage resolves them in a catalogue record alone (its $record), and
       outside a cited work, so any resolved name of a described manuscript is one. -->
  <!-- And so are the names of the notes a standOff keeps (a listAnnotation), shown after the
       text: the normalisation stage resolves them as the text's. -->
  <!-- Not the names of a register a text keeps in its back (or front): a place's location
       pointing at the city it lies in is no mention of the city (probe 97: "I., Innere
       Stadt (3)", its occurrences in the register). A list in the body (a chronicle's
       events, a prosopography) is the text's own words. -->
  <!-- Nor the names of what the page does not show, being about the text (an interp, a span
       outside a transcription's annotation block, a certainty: r:metadata): probe 135,
       the index linked to mentions no page had, and the book failed epubcheck. -->
  <xsl:key name="mentions" match="(tei:text | tei:sourceDoc
          | tei:TEI/tei:standOff//tei:listAnnotation//tei:note)//*[@ed:entity]
          [not((ancestor::tei:listPerson | ancestor::tei:listPlace | ancestor::tei:listOrg
              | ancestor::tei:listEvent | ancestor::tei:listObject | ancestor::tei:listNym)
              [ancestor::tei:back | ancestor::tei:front])]
          [empty(ancestor::*[r:metadata(.)])]
          [not(ed:shown-beside(.))]
      | tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc//*[@ed:entity]"
      use="(@ed:entity, tokenize(@ed:also)) ! ed:entry-of(key('entry', string(.), $registers)[1])
          /@xml:id"/>
  <!-- Whether a name stands in the side of a choice the reading page hides (an abbr, a sic,
       an orig) while the side it shows names the same entity: one mention, the one a reader
       sees (probe 178: "M." and "Muḥammad" were two mentions, the link of the first landing
       on an element the reading view hides, the page unmoved). -->
  <xsl:function name="ed:shown-beside" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="side" as="element()?"
        select="$name/ancestor-or-self::*[parent::tei:choice][r:left-out(.)][1]"/>
    <xsl:sequence select="exists($side) and exists(r:chosen($side/..)/descendant-or-self::*
        [@ed:entity = $name/@ed:entity])"/>
  </xsl:function>

  <!-- The pointers and names that cite a work of a bibliography file, by the work's id: a
       ptr or ref at file.xml#id (a text's "#id" is its own bibl), a reading or quotation
       whose @source is one, a short reference (bibl) whose @ref or @corresp is one, a name the normalisation stage resolved to the work (rs
       ref="works.xml#w1"); $ed:works says which ids are works. -->
  <xsl:key name="citations" match="(tei:text | tei:sourceDoc)//tei:ptr[@target]
      | (tei:text | tei:sourceDoc)//tei:ref[@target]
      | (tei:text | tei:sourceDoc)//*[@source]
      | (tei:text | tei:sourceDoc)//tei:bibl[@ref | @corresp]
      | (tei:text | tei:sourceDoc)//*[@ed:entity][@ed:kind = $ed:work-kinds]"
      use="if (@ed:entity) then string(@ed:entity)
          else (tokenize(normalize-space(@target))[1], tokenize(normalize-space(@source)),
              self::tei:bibl/(@ref, @corresp) ! tokenize(normalize-space(.))[1])
              [matches(., '^[^#:]+\.xml#.')] ! substring-after(., '#')"/>
  <xsl:variable name="ed:work-kinds" as="xs:string+" select="('bibl', 'biblStruct', 'biblFull')"/>
  <!-- The works of the bibliography files (pipeline/stages.py bibliographies): the entries
       of a listBibl the registers copied whole, not a bibl inside a person's entry. -->
  <xsl:variable name="ed:works" as="element()*" select="$registers/ed:registers/tei:listBibl
      /descendant-or-self::tei:listBibl/(tei:bibl | tei:biblStruct | tei:biblFull)[@xml:id]"/>

  <!-- The bibliography files, by their stems (the registers name the file each list was copied
       from by its stem, ed:source): a text's own listBibl is never among the registers. -->
  <xsl:variable name="ed:bibliography-stems" as="xs:string*"
      select="distinct-values($registers/ed:registers/tei:listBibl/@ed:source[. != ''])"/>

  <!-- The attributes by which an element cites a work, as the key citations reads them. -->
  <xsl:function name="ed:pointing" as="attribute()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/self::tei:ptr/@target | $e/self::tei:ref/@target
        | $e/self::tei:bibl/(@ref | @corresp) | $e/@source"/>
  </xsl:function>

  <!-- Position of an element with a citing attribute (those of the key citations) among
       those of its document's text (or sourceDoc), so Python finds the pointer in the source
       tree (index_checks._MentionLines, _citations). A pointer is no name: its
       ed:ordinal is the name's before it, whose element took the pointer's diagnostics
       (probe 169: a persName before a ref at a work was told it pointed at the bibl). -->
  <xsl:accumulator name="ed:citation" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="ed:document" select="0"/>
    <xsl:accumulator-rule match="(tei:text | tei:sourceDoc)//(tei:ptr[@target]
        | tei:ref[@target] | tei:bibl[@ref or @corresp] | *[@source])" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The pointers of a citing attribute at a bibliography file (by its stem: the index knows
       no paths) whose id that file, or any register, does not have. -->
  <xsl:function name="ed:dangling" as="xs:string*">
    <xsl:param name="attribute" as="attribute()"/>
    <xsl:variable name="tokens" as="xs:string*" select="tokenize(normalize-space($attribute))"/>
    <xsl:sequence select="if (empty($ed:bibliography-stems)) then ()
        else (if (local-name($attribute) = 'source') then $tokens else $tokens[1])
            [matches(., '^[^#:]+\.xml#.')]
            [replace(substring-before(., '#'), '^.*/|\.xml$', '') = $ed:bibliography-stems]
            [empty(key('entry', substring-after(., '#'), $registers))]"/>
  </xsl:function>

  <!-- Speeches and utterances by the ids of the entries their speakers are (sp/@ed:speakers,
       u/@ed:speakers: a speaker of a transcription is no "never mentioned" entry; said and q
       of a narrative given to their speaker). -->
  <xsl:key name="speeches" match="tei:text//tei:sp[@ed:speakers] | tei:text//tei:u[@ed:speakers]
      | tei:text//tei:said[@ed:speakers] | tei:text//tei:q[@ed:speakers]"
      use="tokenize(@ed:speakers) ! ed:entry-of(key('entry', ., $registers)[1])/@xml:id"/>

  <!-- The senders and addressees of letters (and the places they were sent from and to) by
       the ids of the entries they are: the names of the header's correspAction of type sent
       or received, resolved by the normalisation stage as the text's are; and those who
       carried, redirected or forwarded a letter (TEI 2.4.6's other types: probe 139, a
       forwarding correspondent was an entry of no letter). -->
  <xsl:key name="letters" match="tei:teiHeader/tei:profileDesc/tei:correspDesc
      /tei:correspAction[lower-case(normalize-space(@type)) = $ed:corresp-roles]/*[@ed:entity]"
      use="ed:entry-of(key('entry', string(@ed:entity), $registers)[1])/@xml:id"/>

  <xsl:variable name="ed:corresp-roles" as="xs:string+"
      select="('sent', 'transmitted', 'redirected', 'forwarded', 'received')"/>

  <xsl:variable name="ed:name-elements" as="xs:string+" select="('persName', 'placeName',
      'orgName', 'name', 'rs', 'geogName', 'objectName', 'eventName', $ed:place-parts)"/>

  <!-- The names of places by their kind (TEI 13.2.3: a settlement, a country ...), mentions
       as a placeName is (pipeline/keyed.py PLACE_PARTS). -->
  <xsl:variable name="ed:place-parts" as="xs:string+"
      select="('settlement', 'region', 'country', 'district', 'bloc')"/>

  <!-- The types of an rs that name a kind of register entry (a person, a place ...), in the
       words encoders give them; an rs of another type refers to no entry. -->
  <xsl:variable name="ed:entry-types" as="xs:string+" select="('person', 'persons', 'persname',
      'people', 'personage', 'character', 'place', 'placename', 'geogname', 'settlement',
      'org', 'orgname', 'organisation', 'organization', 'institution', 'event', 'eventname',
      'object', 'objectname', 'name')"/>

  <xsl:template match="/" as="element(ed:index)">
    <xsl:apply-templates select="ed:corpus"/>
  </xsl:template>

  <xsl:template match="ed:corpus" as="element(ed:index)">
    <xsl:variable name="corpus" as="document-node()" select="root()"/>
    <!-- One text's index (mentioned-only) looks among the entries its own names lead to, not
         through every register: a text of ten names was indexed against 26,000 entries in
         85 ms, each of 1,000 letters again. The tokens are those the keys above read (their
         superset), each led to its entry as they lead it; key('entry') then gives every
         register element of those ids, in document order, as the walk did. -->
    <xsl:variable name="named" as="xs:string*" select="if (not($mentioned-only)) then ()
        else distinct-values(//(@ed:entity | @ed:also | @ed:speakers) ! (string(.), tokenize(.))
            ! ed:entry-of(key('entry', ., $registers)[1])/@xml:id ! string(.))"/>
    <xsl:variable name="all-entries" as="element()*" select="(if (not($mentioned-only))
        then $registers//*[@xml:id] else key('entry', $named, $registers))
        [local-name() = $ed:entry-kinds][namespace-uri() = 'http://www.tei-c.org/ns/1.0']
        [not(self::tei:castItem[tei:role/@xml:id])]"/>
    <xsl:variable name="entries" as="element()*" select="if (not($mentioned-only))
        then $all-entries
        else $all-entries[exists(key('mentions', string(@xml:id), $corpus))
            or exists(key('speeches', string(@xml:id), $corpus))
            or exists(key('letters', string(@xml:id), $corpus))]"/>
    <xsl:variable name="works" as="element()*" select="if (not($mentioned-only)) then $ed:works
        else $ed:works[exists(key('citations', string(@xml:id), $corpus))]"/>
    <xsl:variable name="entities" as="element(ed:entity)*">
      <xsl:for-each select="$entries">
        <xsl:sort select="index-of($ed:entry-kinds, local-name())"/>
        <xsl:sort select="lower-case(ed:sort-key(.))"/>
        <xsl:sort select="ed:preferred-name(.)"/>
        <xsl:sort select="string(@xml:id)"/>
        <xsl:apply-templates select="." mode="ed:entity">
          <xsl:with-param name="mentions" select="key('mentions', string(@xml:id), $corpus)"/>
          <xsl:with-param name="speeches" select="key('speeches', string(@xml:id), $corpus)"/>
          <xsl:with-param name="letters" select="key('letters', string(@xml:id), $corpus)"/>
        </xsl:apply-templates>
      </xsl:for-each>
      <!-- after the other kinds, by author and year, as the bibliography page lists them -->
      <xsl:for-each select="$works">
        <xsl:sort select="lower-case(ed:work-sort(.))"/>
        <xsl:sort select="string(@xml:id)"/>
        <xsl:call-template name="ed:work">
          <xsl:with-param name="mentions" select="key('citations', string(@xml:id), $corpus)"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <!-- what a text shows: its text, else its documentary transcription (sourceDoc) -->
    <!-- and the notes its standOff keeps (a listAnnotation), shown after it: their names
         and dates are mentions as the text's are (pipeline/locators.py notes_apart) -->
    <xsl:variable name="texts" as="element()*"
        select="ed:document/*/(if (tei:text) then tei:text else tei:sourceDoc),
            ed:document//tei:TEI/tei:standOff//tei:listAnnotation//tei:note"/>
    <!-- Register entries inside a text (a letter's back/listPerson) are the entities
         themselves: their own names and dates are no mentions. -->
    <!-- and the date each letter its header describes was sent, else received (a letters
         edition's timeline is first of all its letters: r:letter-timeline-date), at the
         letter's description on its page -->
    <xsl:variable name="letter-anchors" as="map(xs:string, xs:string)" select="map:merge(
        ed:document/* ! (let $descs := r:corresp-descs(.) return for $i in 1 to count($descs)
            return map { generate-id($descs[$i]): r:letter-anchor($descs[$i], $i) }))"/>
    <!-- and the dates of the description a catalogue record shows as its text (the
         normalisation stage marks them: ed:timeline), its date of origin first of all -->
    <xsl:variable name="dates" as="element()*" select="$texts//tei:date[r:on-timeline(.)]
        | ed:document/* ! (r:corresp-descs(.) ! r:letter-timeline-date(.))
        | ed:document/*/tei:teiHeader//*[@ed:timeline = 'true'][r:dated(.)]"/>
    <!-- a correspondent the letter's header names is a name as the text's are: one whose
         @ref leads nowhere is told by the build too, not by edition check alone (probe 43:
         the letter head showed it without a link, and the build said nothing) -->
    <xsl:variable name="unresolved" as="element()*" select="($texts
        | ed:document/* ! r:corresp-descs(.))//*[@ed:unresolved = 'true'
        or (@ed:entity and not(@ed:kind = $ed:work-kinds)
            and empty(ed:entry-of(key('entry', string(@ed:entity), $registers)[1])))]"/>
    <!-- a pointer at an id a bibliography file does not have (a ptr or ref at
         master_bibliography.xml#nope, a short reference's @ref or @corresp, a reading's
         @source): it cites no work, and the page shows its words unlinked; told where a name
         at no register entry is told (edition check said refs.dangling, the build nothing) -->
    <xsl:variable name="dangling" as="element()*" select="$texts//(tei:ptr[@target]
        | tei:ref[@target] | tei:bibl[@ref | @corresp] | *[@source])
        [exists(ed:pointing(.) ! ed:dangling(.))]"/>
    <!-- a name in a bibliographic reference (the author of a book cited) is the citation's,
         not a person of the text: a bibliography's authors are not asked for a @ref; nor is
         a name the encoder identified by a @key (att.canonical: a code of an external
         authority, which this edition cannot look up) -->
    <!-- nor is a name with no words of its own: an empty rs, or one whose words are all a
         name identified inside it (probe 31, the Escher letters' <rs><persName key="...">Frau
         Stockar</persName></rs>, and an <rs> holding only spaces: "rs '' has no @ref") -->
    <!-- nor is a name inside an untagged name of the same words: one mention, written as a
         name holding its part (probe 39, a Leopardi autograph's <persName><name
         type="forename">Silvia</name></persName>: "persName 'Silvia' has no @ref (2
         times)"); a name of other words inside one (an orgName holding its placeName) is
         still asked for its own -->
    <!-- nor is an rs typed as no kind of register entry: a thematic tag (probe 27, an
         anthology's <rs type="theme">), which no register lists -->
    <!-- nor is a settlement, country ... that is a part of a name (<placeName><settlement>
         Ghent</settlement>, <country>Belgium</country></placeName>): the name is asked for
         its pointer, once -->
    <xsl:variable name="untagged" as="element()*" select="$texts//*[not(@ref | @key)]
        [local-name() = $ed:name-elements][namespace-uri() = 'http://www.tei-c.org/ns/1.0']
        [not(self::tei:rs[normalize-space(@type)][not(tokenize(lower-case(@type))
            = $ed:entry-types)])]
        [exists(.//text()[normalize-space()][empty(ancestor::*[@ref | @key]
            [local-name() = $ed:name-elements])])]
        [not(r:in-register(.))]
        [not(local-name() = $ed:place-parts and ancestor::*[local-name() = $ed:name-elements])]
        [not(ancestor::tei:bibl | ancestor::tei:biblStruct | ancestor::tei:biblFull)]
        [let $words := normalize-space(.) return empty(ancestor::*[not(@ref | @key)]
            [local-name() = $ed:name-elements][namespace-uri() = 'http://www.tei-c.org/ns/1.0']
            [normalize-space(.) = $words])]"/>
    <ed:index entities="{count($entities)}" mentions="{sum($entities/@count)}"
        speeches="{sum($entities/@speeches)}" letters="{sum($entities/@letters)}"
        dates="{count($dates)}"
        unresolved="{count($unresolved) + count($dangling ! (ed:pointing(.) ! ed:dangling(.)))}"
        untagged="{count($untagged)}">
      <ed:documents>
        <xsl:for-each select="ed:document">
          <ed:document stem="{@ed:stem}" title="{ed:title(*)}"
              lang="{ed:document-lang(*)}" title-lang="{ed:title-lang(*)}" mentions="{count(*/((tei:text | tei:sourceDoc
                  | descendant-or-self::tei:TEI/tei:standOff//tei:listAnnotation//tei:note)//*[@ed:entity]
                  | tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc//*[@ed:entity]))}"/>
        </xsl:for-each>
      </ed:documents>
      <ed:entities>
        <xsl:sequence select="$entities"/>
      </ed:entities>
      <ed:timeline>
        <xsl:for-each select="$dates">
          <xsl:sort select="if (exists(ed:date-start(.))) then 0 else 1"/>
          <!-- a century or a decade before the dates of the years it spans, however its
               value gave it (when="1750", 1700 to 1799, its words alone): the general before
               the particular, as a year's dates come before its months' -->
          <xsl:sort select="(r:period(.) ! r:period-start(.), ed:date-start(.))[1]
              ! r:date-in-order(.)"/>
          <xsl:sort select="if (exists(r:period(.))) then 0 else 1"/>
          <xsl:sort select="ed:date-start(.) ! r:date-in-order(.)"/>
          <xsl:sort select="ed:date-end(.) ! r:date-in-order(.)"/>
          <ed:date>
            <xsl:for-each select="ed:dating(.)">
              <xsl:attribute name="{local-name()}" select="normalize-space(.)"/>
            </xsl:for-each>
            <xsl:sequence select="ed:doubt(.)"/>
            <!-- words of another calendar than the values' (Old Style, a regnal year): the
                 build does not compare them with the value (pipeline/builders/date_words.py) -->
            <xsl:for-each select="(@calendar, @datingMethod)[normalize-space()]
                [not(matches(., 'gregorian', 'i'))][1]">
              <xsl:attribute name="calendar" select="normalize-space(.)"/>
            </xsl:for-each>
            <!-- values of att.datable.iso: the build's checks judge them by ISO 8601, not by
                 the W3C datatypes (a time without seconds is an ISO time), and the TEI index
                 writes them back to the attributes they came from -->
            <xsl:if test="ed:iso-dated(.)">
              <xsl:attribute name="iso" select="'true'"/>
            </xsl:if>
            <!-- a century or a decade: the timeline says it, and files it apart (r:period) -->
            <xsl:for-each select="r:period(.)">
              <xsl:attribute name="period" select="."/>
              <xsl:attribute name="period-start" select="r:period-start(.)"/>
            </xsl:for-each>
            <xsl:variable name="letter" as="element(tei:correspDesc)?"
                select="ancestor::tei:teiHeader/ancestor::ed:document ! current()/ancestor::tei:correspDesc[1]"/>
            <xsl:choose>
              <xsl:when test="exists($letter)">
                <xsl:call-template name="ed:letter-date-record">
                  <xsl:with-param name="anchor" select="$letter-anchors(generate-id($letter))"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="ed:mention-record"/>
              </xsl:otherwise>
            </xsl:choose>
          </ed:date>
        </xsl:for-each>
      </ed:timeline>
      <ed:unresolved>
        <xsl:for-each select="$unresolved">
          <ed:mention element="{local-name()}" ref="{@ref}">
            <!-- an abbreviated pointer is external when what it expands to is -->
            <xsl:if test="every $t in tokenize(normalize-space((@ed:expanded, @ref)[1]), ' ')
                satisfies matches($t, '^[A-Za-z][A-Za-z0-9+.\-]*:')">
              <xsl:attribute name="external" select="'true'"/>
            </xsl:if>
            <xsl:if test="@ed:expanded">
              <xsl:attribute name="expanded" select="@ed:expanded"/>
            </xsl:if>
            <!-- tokens written without "#" that are ids of register entries: what the
                 pointer meant (the Bullinger letters' ref="p495"), for the advice to add the
                 "#"; a placeholder (ref="no_ref") is no id and gets no such advice -->
            <xsl:variable name="bare" as="xs:string*" select="tokenize(normalize-space(@ref))
                [not(contains(., '#'))][exists(ed:entry-of(key('entry', ., $registers)[1]))]"/>
            <xsl:if test="exists($bare)">
              <xsl:attribute name="bare-ids" select="$bare"/>
            </xsl:if>
            <xsl:call-template name="ed:mention-record"/>
          </ed:mention>
        </xsl:for-each>
        <!-- the pointers of a name's list that name no entry, the others resolved -->
        <xsl:for-each select="($texts | ed:document/* ! r:corresp-descs(.))
            //*[@ed:unresolved-tokens]">
          <xsl:variable name="name" as="element()" select="."/>
          <xsl:for-each select="tokenize(@ed:unresolved-tokens)">
            <ed:mention element="{local-name($name)}" ref="{.}" partial="true">
              <xsl:for-each select="$name">
                <xsl:call-template name="ed:mention-record"/>
              </xsl:for-each>
            </ed:mention>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:for-each select="$dangling">
          <xsl:variable name="pointer" as="element()" select="."/>
          <xsl:for-each select="ed:pointing(.)">
            <xsl:variable name="attribute" as="xs:string" select="local-name()"/>
            <xsl:for-each select="ed:dangling(.)">
              <ed:mention element="{local-name($pointer)}" ref="{.}" attribute="{$attribute}"
                  pointer="true">
                <xsl:for-each select="$pointer">
                  <xsl:call-template name="ed:mention-record"/>
                </xsl:for-each>
              </ed:mention>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:for-each>
      </ed:unresolved>
      <ed:untagged>
        <xsl:for-each select="$untagged">
          <ed:mention element="{local-name()}">
            <xsl:call-template name="ed:mention-record"/>
          </ed:mention>
        </xsl:for-each>
      </ed:untagged>
      <xsl:call-template name="ed:subjects">
        <xsl:with-param name="texts"
            select="ed:document/*/(if (tei:text) then tei:text else tei:sourceDoc)"/>
      </xsl:call-template>
    </ed:index>
  </xsl:template>

  <!-- A text's language, as its reading page states it (xslt/common/base.xsl
       r:declared-lang, which this stylesheet does not import): its text's xml:lang, else the
       root's, else its body's, else the header's first language, else a letter's
       manuscript's (r:letter-lang). The root's alone left the index's context of a mention
       in a text whose language is declared on <text> (an Arabic text in probe 32) unmarked,
       read left to right as English. -->
  <xsl:function name="ed:document-lang" as="xs:string?" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="text" as="element()?" select="$tei/(tei:text, tei:sourceDoc)[1]"/>
    <xsl:variable name="letter" as="attribute()*" select="$tei[tei:teiHeader/tei:profileDesc
        /tei:correspDesc]/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msContents
        //tei:textLang/@mainLang[normalize-space()]"/>
    <xsl:sequence select="($text/@xml:lang, $tei/@xml:lang, $text/tei:body/@xml:lang,
        r:langusage-lang($tei, $text),
        $letter[count(distinct-values($letter ! normalize-space())) eq 1])
        [normalize-space()][1] ! string(.)"/>
  </xsl:function>

  <!-- The language of a text's own title (ed:title): the nearest xml:lang around it (its
       own, the header's, the root's), else the text's; as r:title-lang (header.xsl). -->
  <xsl:function name="ed:title-lang" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element(tei:title)*"
        select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:variable name="title" as="element(tei:title)?" select="($titles[@level = 'a'],
        $titles[@type = 'main'], $titles[not(@level = ('s', 'j', 'u'))]
            [not(@type = ('sub', 'desc', 'alt', 'short', 'volume', 'series', 'collection'))],
        $titles)[1]"/>
    <!-- none for a text without a title: the list names it by its file's name -->
    <xsl:sequence select="$title ! (ancestor-or-self::*[@xml:lang][1]/@xml:lang
        [normalize-space()] ! string(.), ed:document-lang($tei))[1]"/>
  </xsl:function>

  <!-- A text's own title, as the reading pages show it (xslt/common/header.xsl r:title): a
       letter's or article's (level a), else the main title, else the first that is not a
       series title. -->
  <xsl:function name="ed:title" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element(tei:title)*"
        select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:sequence select="($titles[@level = 'a'], $titles[@type = 'main'],
        $titles[not(@level = ('s', 'j', 'u'))]
            [not(@type = ('sub', 'desc', 'alt', 'short', 'volume', 'series', 'collection'))],
        $titles)[1] ! ed:text(.)"/>
  </xsl:function>

  <!-- Start and end of a dated mention, for sorting the timeline (ISO strings sort); a
       century or a decade known by its words alone starts with its first year. -->
  <xsl:function name="ed:date-start" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="(ed:first(ed:dating($date), ('when', 'from', 'notBefore', 'to',
        'notAfter')), r:period($date) ! r:period-start(.))[1]"/>
  </xsl:function>

  <!-- The value of the first of $names a dating has, in the order of $names (the merge,
       index_merge.py _date_key, asks in that order too, whatever the source's order). -->
  <xsl:function name="ed:first" as="xs:string?">
    <xsl:param name="dating" as="attribute()*"/>
    <xsl:param name="names" as="xs:string+"/>
    <xsl:sequence select="(for $n in $names return $dating[local-name() = $n])[1] ! string(.)"/>
  </xsl:function>

  <!-- A date's normalised value as the timeline files, sorts, labels and exports it: its
       att.datable.w3c attributes when it has any; else those of att.datable.iso whose values
       are calendar dates the W3C attributes take as well (1944, 1944-11, 1944-11-05, with a
       time, a signed year, counted as XSD 1.0 counts it), under the W3C names (when-iso="1944-11-05": when="1944-11-05").
       ISO 8601 forms the timeline cannot read as such (a week 2004-W05, a day of the year
       2004-035, a century "17", a duration) date nothing here: the date is kept as written,
       under "Other dates". -->
  <xsl:function name="ed:dating" as="attribute()*">
    <xsl:param name="date" as="element()"/>
    <!-- in this order, not the source's: the pages file a date by the first they find -->
    <xsl:variable name="w3c" as="attribute()*" select="$date/@when, $date/@notBefore,
        $date/@notAfter, $date/@from, $date/@to"/>
    <xsl:sequence select="if (ed:iso-dated($date)) then ed:iso-dating($date) else $w3c"/>
  </xsl:function>

  <!-- Whether a date is dated by its att.datable.iso attributes alone (ed:dating). -->
  <xsl:function name="ed:iso-dated" as="xs:boolean">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="empty($date/(@when, @notBefore, @notAfter, @from, @to)
        [normalize-space()]) and exists(ed:iso-dating($date))"/>
  </xsl:function>

  <!-- The calendar dates of a date's att.datable.iso attributes under the W3C names. An
       interval of two such dates (when-iso="1944-09/1944-12", ISO 8601's start/end: the time
       from the one to the other) is the span from the first to the second, as @from and @to
       say it, when the first is not after the second and no @from-iso or @to-iso says
       otherwise; an interval of any other form (a duration, an end abbreviated as 2004-02-01/15)
       is read as nothing. -->
  <xsl:function name="ed:iso-dating" as="attribute()*">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="when" as="xs:string" select="normalize-space($date/@when-iso)"/>
    <xsl:variable name="ends" as="xs:string*" select="tokenize($when, '/')"/>
    <xsl:choose>
      <xsl:when test="ed:calendar-date($when)">
        <xsl:attribute name="when" select="ed:w3c-of-iso($when)"/>
      </xsl:when>
      <xsl:when test="count($ends) = 2 and ed:calendar-date($ends[1])
          and ed:calendar-date($ends[2]) and ed:not-after($ends[1], $ends[2])
          and empty($date/(@from-iso, @to-iso))">
        <xsl:attribute name="from" select="ed:w3c-of-iso($ends[1])"/>
        <xsl:attribute name="to" select="ed:w3c-of-iso($ends[2])"/>
      </xsl:when>
    </xsl:choose>
    <xsl:for-each select="$date/(@notBefore-iso, @notAfter-iso, @from-iso, @to-iso)
        [ed:calendar-date(normalize-space(.))]">
      <xsl:attribute name="{substring-before(local-name(), '-iso')}"
          select="ed:w3c-of-iso(normalize-space(.))"/>
    </xsl:for-each>
  </xsl:function>

  <!-- An ISO 8601 calendar date of the forms r:is-iso-date reads, with a day that exists
       (1944-02-30 is none, and is left as written). -->
  <xsl:function name="ed:calendar-date" as="xs:boolean">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="day" as="xs:string"
        select="replace($value, '(T.*|Z|[+\-][0-9]{2}:[0-9]{2})$', '')"/>
    <xsl:sequence select="r:is-iso-date($value) and (not(matches($day, '-[0-9]{2}-[0-9]{2}$'))
        or $day castable as xs:date)"/>
  </xsl:function>

  <!-- An ISO 8601 value under the W3C names: ISO counts a year 0, 1 BCE, and -0044 is 45 BCE,
       which XSD 1.0's years, as the W3C attributes read them, write -0045 (probe 106: a
       when-iso="-0044-03-15" was filed under 44 BCE). Years from 1 on are alike. -->
  <xsl:function name="ed:w3c-of-iso" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="year" as="xs:string" select="replace($value, '^(-?[0-9]{4,}).*$', '$1')"/>
    <xsl:sequence select="if (not(starts-with($value, '-') or starts-with($value, '0000')))
        then $value
        else format-integer(abs(xs:integer($year) - 1), '0000') ! ('-' || .)
            || substring($value, string-length($year) + 1)"/>
  </xsl:function>

  <!-- Whether a date does not begin after another ends, to the precision both have
       (1944-09-15 is not after 1944-09). -->
  <xsl:function name="ed:not-after" as="xs:boolean">
    <xsl:param name="first" as="xs:string"/>
    <xsl:param name="second" as="xs:string"/>
    <xsl:variable name="a" as="xs:string*" select="r:iso-parts($first)"/>
    <xsl:variable name="b" as="xs:string*" select="r:iso-parts($second)"/>
    <xsl:variable name="n" as="xs:integer" select="min((count($a), count($b)))"/>
    <xsl:sequence select="r:date-in-order(string-join(subsequence($a, 1, $n), '-'))
        le r:date-in-order(string-join(subsequence($b, 1, $n), '-'))"/>
  </xsl:function>

  <xsl:function name="ed:date-end" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="ed:first(ed:dating($date), ('when', 'to', 'notAfter'))"/>
  </xsl:function>

</xsl:stylesheet>

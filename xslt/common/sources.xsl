<?xml version="1.0" encoding="UTF-8"?>
<!--
  The sources of a text (teiHeader/fileDesc/sourceDesc; TEI Guidelines 2.2.7 and 3.12) as
  labelled citations: each bibl, biblStruct or biblFull becomes a citation with the kind of
  source as its label ("Original source", "Digital source", "First edition" ... from @type),
  its nested sources (bibl in bibl, relatedItem, listBibl) below it, labelled in turn.

  A bibl written as running text (text between its elements: the source's own punctuation)
  is rendered as written. A structured one (elements only) is formatted: authors, editors,
  title, edition, place: publisher, date, scope, series, identifiers (web addresses become
  links), notes and licence. A biblStruct is "analytic. In: monogr. (series)".
  Manuscript descriptions (msDesc) are not citations: see the manuscripts module.

  r:citation-line gives the same citation as one string (reading page, EPUB title page and
  package); mode r:source renders the labelled block (about page).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="header.xsl"/>
  <!-- r:scope-key: a scope's unit in words -->
  <xsl:import href="biblio.xsl"/>

  <xsl:mode name="r:source" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="r:cite" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Source kinds (bibl/@type as DraCor, ELTeC and others write them) -> label keys. -->
  <xsl:variable name="r:source-kinds" as="map(xs:string, xs:string)" select="map {
      'digitalsource': 'source.digital', 'originalsource': 'source.original',
      'printsource': 'source.print', 'firstedition': 'source.first-edition',
      'copytext': 'source.copy-text', 'edition': 'source.edition',
      'manuscript': 'source.manuscript', 'facsimile': 'source.facsimile'}"/>

  <xsl:variable name="r:citation-idnos" as="xs:string*" select="('doi', 'isbn', 'issn', 'urn',
      'uri', 'url', 'handle', 'hdl', 'ark', 'oclc', 'lccn', 'pmid', 'arxiv', 'shelfmark',
      'callnumber')"/>

  <!-- The source a reader is told first: a print or original source, else the first. -->
  <xsl:function name="r:preferred-source" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="desc" as="element()*" select="$tei/teiHeader/fileDesc/sourceDesc"/>
    <xsl:variable name="all" as="element()*" select="$desc//(bibl | biblStruct | biblFull)
        [not(ancestor::msDesc)]"/>
    <xsl:sequence select="($all[lower-case(@type) = ('printsource', 'originalsource',
        'copytext', 'firstedition')], $desc/(bibl | biblStruct | biblFull), $all)[1]"/>
  </xsl:function>

  <!-- How a related item stands to the source that holds it (relatedItem/@type, an open
       list: the Guidelines' examples and what editions write) -> label keys. A source's
       "references" (DataCite's word: works it draws on) are what it cites. -->
  <xsl:variable name="r:relations" as="map(xs:string, xs:string)" select="map {
      'cites': 'source.cites', 'related': 'source.related', 'ispartof': 'source.part-of',
      'translationof': 'source.translation-of', 'otherform': 'source.other-form',
      'references': 'source.cites'}"/>

  <!-- A related item is labelled by its relation, a type of no label as written ("a
       translation of" read "Source:" like the source itself); without a type, by its kind. -->
  <xsl:function name="r:source-label" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:variable name="relation" as="xs:string" select="normalize-space(
        ($bibl/parent::relatedItem, $bibl/parent::listBibl/parent::relatedItem)[1]/@type)"/>
    <xsl:sequence select="if ($relation != '')
        then ($r:relations(lower-case($relation)) ! r:msg(.),
              r:msg('source.relation', $relation))[1]
        else r:msg(($r:source-kinds(lower-case(normalize-space($bibl/@type))),
              'source.source')[1])"/>
  </xsl:function>

  <!-- The citation of one source, without its nested sources, as one line of text. -->
  <xsl:function name="r:citation-line" as="xs:string">
    <xsl:param name="bibl" as="element()?"/>
    <xsl:variable name="html" as="node()*">
      <!-- one line: the source's notes are for the about page's full citation -->
      <xsl:apply-templates select="$bibl" mode="r:cite">
        <xsl:with-param name="r:cite-notes" select="false()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($html ! string(.)))"/>
  </xsl:function>

  <!-- The same line as text and isolates: the parts in a right-to-left script each a bdi
       (r:cite-fields), so that a line mixing scripts keeps its order. -->
  <xsl:function name="r:citation-isolated" as="node()*">
    <xsl:param name="bibl" as="element()?"/>
    <xsl:variable name="html" as="node()*">
      <xsl:apply-templates select="$bibl" mode="r:cite">
        <xsl:with-param name="r:cite-notes" select="false()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="flat" as="item()*" select="$html ! descendant-or-self::node()
        [self::text()[empty(ancestor::*:bdi)] or self::*:bdi] ! (if (self::text())
        then string(.) else .)"/>
    <!-- white space as r:citation-line has it: runs of it one space, none at either end -->
    <xsl:variable name="last" as="xs:integer" select="count($flat)"/>
    <xsl:for-each select="$flat">
      <xsl:variable name="at" as="xs:integer" select="position()"/>
      <xsl:choose>
        <xsl:when test=". instance of xs:string">
          <xsl:variable name="one" as="xs:string" select="replace(., '\s+', ' ')"/>
          <xsl:variable name="started" as="xs:string"
              select="if ($at eq 1) then replace($one, '^ ', '') else $one"/>
          <xsl:value-of select="if ($at eq $last) then replace($started, ' $', '')
              else $started"/>
        </xsl:when>
        <xsl:otherwise>
          <bdi><xsl:value-of select="normalize-space(.)"/></bdi>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- A labelled citation with its nested sources. -->
  <xsl:template match="bibl | biblStruct | biblFull" mode="r:source" as="element()">
    <xsl:variable name="nested" as="element()*" select="(bibl | biblStruct | biblFull
        | relatedItem/(bibl | biblStruct | listBibl) | listBibl/(bibl | biblStruct)
        | monogr/relatedItem/(bibl | biblStruct))"/>
    <div>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'source'"/>
      </xsl:call-template>
      <p class="source-citation">
        <!-- an entry of a related list is labelled by the list, once (below) -->
        <xsl:if test="not(parent::listBibl/parent::relatedItem)">
          <span class="source-label"><xsl:value-of select="r:source-label(.)"/></span>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="r:cite"/>
      </p>
      <xsl:apply-templates select="$nested" mode="r:source"/>
    </div>
  </xsl:template>

  <!-- A list of related works is labelled once, before its entries: each entry labelled
       read "references: Yad Vashem: https://..." four times over on the Belgian text's
       about page. -->
  <xsl:template match="listBibl" mode="r:source" as="element()*">
    <xsl:if test="parent::relatedItem">
      <p class="source-citation source-list-label">
        <span class="source-label"><xsl:value-of select="r:source-label(.)"/></span>
      </p>
    </xsl:if>
    <xsl:apply-templates select="head" mode="r:main"/>
    <xsl:apply-templates select="bibl | biblStruct | biblFull | listBibl" mode="r:source"/>
  </xsl:template>

  <!-- A bibl as written: its running text, nested sources and licences left for later. -->
  <xsl:template match="bibl[text()[normalize-space()]]" mode="r:cite" as="node()*">
    <span class="bibl">
      <xsl:apply-templates select="node() except (bibl | biblStruct | relatedItem | listBibl
          | availability | note)" mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
    <xsl:call-template name="r:cite-tail">
      <xsl:with-param name="links" select="false()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A structured bibl or biblFull: its fields in the order of a citation. -->
  <xsl:template match="bibl | biblFull | monogr | analytic" mode="r:cite" as="node()*">
    <!-- the fields of this reference, not of one it holds (a related item's bibl, itself
         inside a relatedItem, lost every field: "Translation of:" and nothing) -->
    <xsl:variable name="all" as="element()*" select="descendant::*[not((ancestor::bibl
        | ancestor::relatedItem)[ancestor::* intersect current()] | ancestor::note
        | ancestor::availability)]"/>
    <xsl:call-template name="r:cite-fields">
      <xsl:with-param name="parts" as="item()*">
        <xsl:sequence select="r:cite-names($all[self::author], ())"/>
        <xsl:variable name="editors" as="element()*"
            select="$all[self::editor][not(r:translator(.))]"/>
        <xsl:sequence select="r:cite-names($editors,
            if (count($editors) gt 1) then 'citation.editors' else 'citation.editor')"/>
        <xsl:sequence select="r:cite-names($all[self::name or self::orgName
            or self::persName[parent::respStmt]][not(ancestor::author | ancestor::editor
            | ancestor::publisher | ancestor::distributor | ancestor::pubPlace)], ())"/>
        <xsl:sequence select="r:cite-title($all[self::title])"/>
        <xsl:sequence select="r:cite-names($all[self::editor][r:translator(.)],
            'citation.translator')"/>
        <xsl:sequence select="$all[self::edition] ! r:plain(.)"/>
        <xsl:sequence select="r:cite-imprint($all, ($all[self::imprint], .)[1])"/>
        <xsl:sequence select="r:scope-list($all[self::biblScope | self::extent
            | self::citedRange], .)"/>
        <!-- the source's other dates, each by its kind (probe 24: a DraCor play's premiere
             and the date it was written, date type="premiere" and type="written" beside
             its print date, were left out of every citation of its source) -->
        <xsl:sequence select="($all[self::date][.. is current() or parent::imprint]
            except ($all[self::date])[1]) ! r:other-date(.)"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="r:cite-tail"/>
  </xsl:template>

  <!-- biblStruct: "analytic. In: monogr. (series)". -->
  <xsl:template match="biblStruct" mode="r:cite" as="node()*">
    <xsl:for-each select="analytic">
      <xsl:apply-templates select="." mode="r:cite"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="r:msg('citation.in')"/>
      <xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:apply-templates select="monogr[1]" mode="r:cite"/>
    <xsl:for-each select="series[normalize-space()]">
      <xsl:variable name="parts" as="xs:string*" select="(title ! r:plain(.),
          r:scope-list(biblScope, .))[. != '']"/>
      <xsl:value-of select="' (' || string-join($parts, r:comma(., string-join($parts, ' ')))
          || ')'"/>
    </xsl:for-each>
    <xsl:call-template name="r:cite-tail"/>
  </xsl:template>

  <!-- Parts joined with ". " and a final full stop; a part is a string or one element. -->
  <xsl:template name="r:cite-fields" as="node()*">
    <xsl:param name="parts" as="item()*" required="yes"/>
    <xsl:variable name="kept" as="item()*"
        select="$parts[if (. instance of xs:string) then . != '' else true()]"/>
    <!-- a part that ends with its own stop ("Aegyptus 90.", "Who?") takes no other -->
    <xsl:iterate select="$kept">
      <xsl:param name="stopped" as="xs:boolean" select="false()"/>
      <xsl:on-completion>
        <xsl:if test="exists($kept) and not($stopped)">
          <xsl:text>.</xsl:text>
        </xsl:if>
      </xsl:on-completion>
      <xsl:variable name="words" as="xs:string" select="if (. instance of xs:string)
          then replace(., '\.$', '') else normalize-space(string(.))"/>
      <xsl:if test="position() gt 1">
        <xsl:value-of select="if ($stopped) then ' ' else '. '"/>
      </xsl:if>
      <!-- a part in a right-to-left script is an isolate of its own, its role after it
           (probe 177: in an English line, "عبد القادر الإسكندراني (ed.)" read "(.ed)", and
           the whole line took the direction of its first Arabic letter) -->
      <xsl:variable name="role" as="xs:string?" select="if (. instance of xs:string)
          then replace($words, '^.*\S( \([^()]*\))$', '$1')[. ne $words] else ()"/>
      <xsl:choose>
        <xsl:when test="matches($words, $r:rtl-letters)">
          <bdi>
            <xsl:choose>
              <xsl:when test=". instance of xs:string">
                <xsl:value-of select="substring($words, 1,
                    string-length($words) - string-length($role))"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:sequence select="."/>
              </xsl:otherwise>
            </xsl:choose>
          </bdi>
          <xsl:value-of select="$role"/>
        </xsl:when>
        <xsl:when test=". instance of xs:string">
          <xsl:value-of select="$words"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="."/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:next-iteration>
        <xsl:with-param name="stopped" select="matches($words, '[.!?…]$')"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:template>

  <!-- What follows every citation: identifiers and links, notes, licence. -->
  <xsl:template name="r:cite-tail" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <!-- false for a bibl written as running text: its links stand where they are written -->
    <xsl:param name="links" as="xs:boolean" select="true()"/>
    <xsl:param name="r:cite-notes" as="xs:boolean" tunnel="yes" select="true()"/>
    <!-- identifiers a reader can use: web addresses and the standard numbers; a project's
         own file names and keys (idno type="sourceFile" ...) are not part of a citation -->
    <xsl:for-each select="(idno[normalize-space()][matches(normalize-space(.), '^https?://')
        or lower-case(@type) = $r:citation-idnos] | ref[@target] | ptr[@target])[$links]">
      <xsl:text> </xsl:text>
      <xsl:variable name="value" as="xs:string"
          select="(normalize-space(.)[not(current()/self::ptr)][. != ''],
                   normalize-space(@target))[1]"/>
      <xsl:variable name="href" as="xs:string?" select="if (self::idno)
          then r:safe-url($value[matches(., '^https?://')]) else r:target-href(@target)"/>
      <xsl:choose>
        <xsl:when test="exists($href)">
          <a href="{$href}" class="source-link"><xsl:value-of select="$value"/></a>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="string-join((@type[not(lower-case(.) = ('url', 'uri'))],
              $value), ' ')"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <!-- its words (r:plain of a note itself is empty: a note is no part of plain text) -->
    <xsl:for-each select="note[normalize-space()][$r:cite-notes]">
      <xsl:value-of select="' ' || r:plain(node())"/>
    </xsl:for-each>
    <xsl:for-each select="availability[normalize-space() or .//licence/@target]">
      <xsl:variable name="licence" as="element()?" select="(.//licence)[1]"/>
      <xsl:variable name="href" as="xs:string?" select="r:safe-url($licence/@target)"/>
      <!-- the interface's word, in its language and direction inside a text in another
           (".Licence:" on a Hebrew page, the English label laid out right to left) -->
      <xsl:variable name="tei" as="element(TEI)?" select="ancestor::TEI[1]"/>
      <xsl:variable name="ui" as="attribute()*" select="$tei ! r:ui-attributes(r:text-lang(.),
          r:text-dir(.))"/>
      <!-- "Licence:" only for a licence: an availability that states no licence says where
           the source is kept or who may see it (probe 39, a Leopardi autograph's "Il
           manoscritto originale è conservato presso la Biblioteca Nazionale di Napoli") -->
      <xsl:variable name="label" as="xs:string" select="r:msg(if (exists($licence))
          then 'citation.licence' else 'citation.availability')"/>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="exists($ui)">
          <span><xsl:sequence select="$ui"/><xsl:value-of select="$label"/></span>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$label"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="exists($href)">
          <a href="{$href}">
            <xsl:if test="r:licenses-text($licence)"><xsl:attribute name="rel">license</xsl:attribute></xsl:if>
            <xsl:value-of select="(r:plain($licence)[. != ''], $href)[1]"/>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="r:plain(.)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- An editor who translated (editor/@role: the TEI's word or the MARC relator code). -->
  <xsl:function name="r:translator" as="xs:boolean">
    <xsl:param name="editor" as="element()"/>
    <xsl:sequence select="lower-case(normalize-space($editor/@role))
        = ('translator', 'trl', 'translation')"/>
  </xsl:function>

  <xsl:function name="r:cite-names" as="xs:string?">
    <xsl:param name="agents" as="element()*"/>
    <xsl:param name="role" as="xs:string?"/>
    <xsl:variable name="names" as="xs:string*" select="$agents ! r:agent-name(.)[. != '']"/>
    <xsl:sequence select="if (empty($names)) then ()
        else string-join($names, '; ') || ($role ! (' (' || r:msg(.) || ')'))"/>
  </xsl:function>

  <!-- Titles: an article's in quotation marks, then the book's or journal's it is in, in
       italics; a subtitle after a colon. -->
  <xsl:function name="r:cite-title" as="element()?">
    <xsl:param name="titles" as="element()*"/>
    <xsl:variable name="named" as="element()*"
        select="$titles[not(@type = ('sub', 'short', 'alt'))][normalize-space()]"/>
    <xsl:variable name="main" as="element()?"
        select="($named[@level = ('a', 'm')], $named[not(@level)], $named)[1]"/>
    <xsl:variable name="host" as="element()?"
        select="$named[@level = ('m', 'j')][$main/@level = 'a'][not(. is $main)][1]"/>
    <xsl:variable name="sub" as="xs:string?" select="($titles[@type = 'sub'])[1] ! r:plain(.)"/>
    <xsl:if test="exists($main)">
      <!-- a title the editors supplied (the source has none) is theirs: in brackets -->
      <xsl:variable name="supplied" as="xs:boolean"
          select="exists($main[@type = 'supplied' or @subtype = 'supplied'])"/>
      <xsl:variable name="text" as="xs:string" select="(if ($supplied) then '[' else '')
          || string-join((r:plain($main), $sub), ': ') || (if ($supplied) then ']' else '')"/>
      <span class="cite-title">
        <xsl:choose>
          <xsl:when test="$main/@level = 'a'">
            <span class="title-a"><xsl:value-of select="r:msg('quoted', $text)"/></span>
          </xsl:when>
          <xsl:otherwise>
            <cite><xsl:value-of select="$text"/></cite>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:for-each select="$host">
          <xsl:value-of select="'. ' || r:msg('citation.in') || ' '"/>
          <cite><xsl:value-of select="r:plain(.)"/></cite>
        </xsl:for-each>
      </span>
    </xsl:if>
  </xsl:function>

  <!-- "1150–1180": a date given by its two ends, as an imprint writes a span. -->
  <xsl:function name="r:date-span" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="string-join((($date/@from, $date/@notBefore)[1],
        ($date/@to, $date/@notAfter)[1]) ! r:date-words(normalize-space(.), true()), '–')"/>
  </xsl:function>

  <!-- "Premiere: 28 October 1888": a date of a source besides its imprint's, said with its
       kind (@type) when it has one. A date typed century or decade (r:period) says it so
       ("18th century"), not its kind: its type is how precisely it is known, no kind of
       date. -->
  <xsl:function name="r:other-date" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="words" as="xs:string?" select="(r:period-said($date),
        r:plain($date)[. != ''], $date/@when ! r:date-words(string(.), true()),
        $date[(@from | @notBefore) and (@to | @notAfter)] ! r:date-span(.),
        ($date/@from, $date/@notBefore)[1] ! r:date-words(string(.), true()))[1]"/>
    <xsl:variable name="kind" as="xs:string" select="if (exists(r:period($date))) then ''
        else r:token-words($date/@type)"/>
    <xsl:sequence select="if (empty($words)) then () else if ($kind = '') then $words
        else upper-case(substring($kind, 1, 1)) || substring($kind, 2) || ': ' || $words"/>
  </xsl:function>

  <!-- The words of a place of publication. One place named in several languages (two or
       more placeName, each in a language of its own, and no other words: an Arabic
       newspaper's "بيروت", "Bayrūt", "Beirut", "Beyrouth") is one place: the imprint read
       the four names as one (probe 28). It names it once: in the interface language, else by
       the name typed main or preferred, else by the name that declares no language of its
       own (the text's), else by the first. -->
  <xsl:function name="r:place-words" as="xs:string">
    <xsl:param name="place" as="element()"/>
    <xsl:variable name="names" as="element()*" select="$place/placeName[normalize-space()]"/>
    <xsl:variable name="langs" as="xs:string*" select="$names ! string(@xml:lang)"/>
    <xsl:variable name="alone" as="xs:boolean" select="count($names) ge 2
        and count(distinct-values($langs)) eq count($names)
        and not($place/text()[normalize-space()])
        and empty($place/*[not(self::placeName | self::note)][normalize-space()])"/>
    <xsl:variable name="ui" as="xs:string" select="lower-case(r:ui-lang())"/>
    <xsl:variable name="chosen" as="element()?" select="if (not($alone)) then ()
        else ($names[lower-case(@xml:lang) = $ui],
              $names[lower-case(tokenize(@xml:lang, '-')[1]) = $ui],
              $names[@type = ('main', 'preferred')], $names[not(@xml:lang)], $names)[1]"/>
    <xsl:sequence select="r:plain(($chosen, $place)[1])"/>
  </xsl:function>

  <!-- "Place: Publisher, date". A place or publisher copied from a library catalogue keeps
       the catalogue's own punctuation before the next field ("Ann Arbor, MI :", "Printed by
       Stephen Day,": the Text Creation Partnership's headers); ours replaces it, where both
       read "Ann Arbor, MI :: Text Creation Partnership,, 2004" (probe 23). -->
  <!-- Place, publisher and date are the source's words: parted by the comma of their
       language, declared by $imprint (the imprint, else the reference), and of their letters
       (r:comma: "، " in Arabic script, where probe 47 found the Latin comma). -->
  <xsl:function name="r:cite-imprint" as="xs:string?">
    <xsl:param name="fields" as="element()*"/>
    <xsl:param name="imprint" as="element()"/>
    <xsl:variable name="place" as="xs:string?"
        select="string-join($fields[self::pubPlace] ! r:place-words(.) ! r:unpunctuated(.), '; ')
        [. != '']"/>
    <xsl:variable name="publisher" as="xs:string?"
        select="string-join($fields[self::publisher | self::distributor] ! r:agent-name(.)
        ! r:unpunctuated(.), '; ')[. != '']"/>
    <!-- a range of no words by its two ends (probe 104: notBefore="1150" notAfter="1180"
         was cited "1150") -->
    <xsl:variable name="date" as="xs:string?" select="($fields[self::date])[1]
        ! (r:plain(.)[. != ''], @when, .[(@from | @notBefore) and (@to | @notAfter)]
            ! r:date-span(.), @from, @notBefore)[1] ! string(.)"/>
    <xsl:variable name="who" as="xs:string?"
        select="string-join(($place, $publisher), ': ')[. != '']"/>
    <xsl:sequence select="string-join(($who, $date), r:comma($imprint,
        string-join(($who, $date), ' ')))[. != '']"/>
  </xsl:function>

  <!-- The scopes of a reference, one after the other: the comma of the reference's language
       (r:comma) when they are its words ("الجزء ١، ١ آذار سنة ١٩١٠"), the interface's when
       one is counted in the interface's words ("vol. 1, pp. 3–5" on an English page, "، "
       on an Arabic one). -->
  <xsl:function name="r:scope-list" as="xs:string">
    <xsl:param name="scopes" as="element()*"/>
    <xsl:param name="reference" as="element()"/>
    <!-- a scope that says nothing (no words, no range, no number) is left out: it read
         "volume , issue ," -->
    <xsl:variable name="all" as="xs:string*" select="$scopes ! r:scope(.)"/>
    <xsl:variable name="said" as="xs:string*" select="$all[. != '']"/>
    <xsl:variable name="labelled" as="xs:boolean" select="some $i in 1 to count($scopes)
        satisfies $all[$i] != '' and $all[$i] ne r:plain($scopes[$i])"/>
    <xsl:sequence select="string-join($said, if ($labelled) then r:ui-comma()
        else r:comma($reference, string-join($said, ' ')))"/>
  </xsl:function>

  <!-- The comma between the interface's own words: "، " in an interface in Arabic script. -->
  <xsl:function name="r:ui-comma" as="xs:string">
    <xsl:sequence select="if (r:primary-subtag(r:ui-lang()) = $r:arabic-script-languages)
        then '&#x060C; ' else ', '"/>
  </xsl:function>

  <!-- A field without the separator a catalogue wrote after it (" :", ",", " ;"). -->
  <xsl:function name="r:unpunctuated" as="xs:string">
    <xsl:param name="field" as="xs:string"/>
    <xsl:sequence select="replace(normalize-space($field), '\s*[,:;]$', '')"/>
  </xsl:function>

  <!-- A scope as written, else from its attributes ("page 269–311"), else from its number
       (<biblScope unit="volume" n="3"/> read "volume ," before probe 51: the number was not
       read); nothing when it says none of them. -->
  <xsl:function name="r:scope" as="xs:string">
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="text" as="xs:string" select="r:plain($scope)"/>
    <xsl:variable name="range" as="xs:string" select="r:scope-range($scope)"/>
    <!-- a bare number says what it counts, as a bibliography's does (probe 28: a newspaper
         issue's source read "10, 1, 1-4" for issue 10, volume 1, pages 1-4) -->
    <xsl:variable name="key" as="xs:string?"
        select="r:scope-key($scope, if ($text != '') then $text else $range)"/>
    <xsl:sequence select="if ($text = '' and $range = '') then ''
        else if (exists($key)) then r:msg($key, if ($text != '') then $text
        else $range) else if ($text != '') then $text
        else string-join(($scope/@unit, $range), ' ')"/>
  </xsl:function>

</xsl:stylesheet>

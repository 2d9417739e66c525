<?xml version="1.0" encoding="UTF-8"?>
<!--
  Index entries (TEI Guidelines 3.9.2, index and term): what the subject index of the site
  (xslt/index/modules/subjects.xsl, page-subjects.xsl) and of a book (xslt/epub/modules/
  subjects.xsl) read of a text, so that both list the same entries under the same words.

  An index element of the text marks the place where the subjects its terms name are
  discussed; the normalisation stage gives each one that stands in no other entry an id
  (pipeline/locators.py: div-3-p-12-ix1), the anchor every locator links to. Its content is
  (term, index?)*: each term is an entry, and the index right after a term holds that term's
  sub-entries, at the same place. An entry is read as the path of its terms from the outermost
  one down (r:subject-paths): <r:path><r:term .../>...</r:path>.

  Self-contained (no base.xsl): the index builder imports it beside its own modules.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="xs tei r">

  <!-- The entries of a text's main text (its text, else its sourceDoc) that the subject
       index lists: those with the anchor the normalisation stage gave them. -->
  <xsl:function name="r:subject-entries" as="element(tei:index)*">
    <xsl:param name="text" as="element()?"/>
    <xsl:sequence select="$text//tei:index[not(ancestor::tei:index)][@xml:id]"/>
  </xsl:function>

  <!-- Every path of terms an entry holds, in document order: a term alone, or a term and
       each path of the index that follows it (its sub-entries). A term of no words names
       nothing, and the paths below it are left out with it. -->
  <xsl:function name="r:subject-paths" as="element(r:path)*">
    <xsl:param name="index" as="element(tei:index)"/>
    <xsl:for-each select="$index/tei:term[normalize-space(r:term-words(.))]">
      <xsl:variable name="term" as="element(r:term)" select="r:subject-term(.)"/>
      <xsl:variable name="below" as="element(tei:index)?"
          select="following-sibling::*[1][self::tei:index]"/>
      <xsl:variable name="paths" as="element(r:path)*"
          select="$below ! r:subject-paths(.)"/>
      <xsl:choose>
        <xsl:when test="exists($paths)">
          <xsl:for-each select="$paths">
            <r:path>
              <xsl:sequence select="$term, r:term"/>
            </r:path>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <r:path>
            <xsl:sequence select="$term"/>
          </r:path>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- A term as the indexes file it: its words, the key it is sorted by (its sortKey, else
       its key, else its words: att.sortable and att.canonical), the key that makes two terms
       one entry (its key, else its words) and its language. -->
  <xsl:function name="r:subject-term" as="element(r:term)">
    <xsl:param name="term" as="element(tei:term)"/>
    <xsl:variable name="words" as="xs:string" select="r:term-words($term)"/>
    <xsl:variable name="lang" as="xs:string?"
        select="$term/ancestor-or-self::*[@xml:lang][1]/@xml:lang/string()"/>
    <r:term sort="{($term/@sortKey, $term/@key, $words)[normalize-space()][1] ! normalize-space()}"
        same="{($term/@key[normalize-space()] ! ('key ' || normalize-space()),
            'words ' || $words)[1]}">
      <xsl:if test="exists($lang)">
        <xsl:attribute name="lang" select="$lang"/>
      </xsl:if>
      <xsl:value-of select="$words"/>
    </r:term>
  </xsl:function>

  <!-- A term's words, its notes left out. -->
  <xsl:function name="r:term-words" as="xs:string">
    <xsl:param name="term" as="element(tei:term)"/>
    <xsl:sequence select="normalize-space(string-join(
        $term//text()[empty(ancestor::tei:note except $term/ancestor::tei:note)]))"/>
  </xsl:function>

  <!-- The collation of every index (the index pages' ed:collation): the Unicode Collation
       Algorithm for a language, accents and case second to the letters. -->
  <!-- A language no language tag ("en_US", as locales write it) is read as the tag meant
       ("en-US"), else as English: Saxon refuses the collation of any other, and every index
       page with it (probe 83: a text's xml:lang="en_US" left the edition without them). -->
  <xsl:function name="r:index-collation" as="xs:string">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="tag" as="xs:string" select="translate(normalize-space($lang), '_', '-')"/>
    <xsl:sequence select="'http://www.w3.org/2013/collation/UCA?lang='
        || encode-for-uri(($tag[. castable as xs:language], 'en')[1])
        || ';strength=secondary;fallback=yes'"/>
  </xsl:function>

  <!-- What an index sorts by: the key decomposed (NFD). The collation Saxon falls back to
       orders a precomposed letter its rules do not name by its code point: the Greek of a
       patristic text ("Ἀδὰμ", U+1F08) came after the Hebrew names, under a second "Α"
       (probe 46); decomposed, it is Α and a breathing, and sorts with "Ἀβραὰμ" and "Βαλαὰμ". -->
  <!-- The collation weighs the points of Hebrew, Arabic and Syriac (vowels, hamza and madda
       above an alef, shadda) and the tatweel as letters: "آمنة" came before "أبو الطيب" and
       "مֹשֶׁה" before "מאיר" (probe 61); readers file them by their letters, and they are left
       out of the key (the name itself breaks a tie). -->
  <xsl:function name="r:collation-key" as="xs:string">
    <xsl:param name="key" as="xs:string?"/>
    <!-- compatibility forms as their letters (Arabic presentation forms, "ﺍﻟﺠﺒﺮﺗﻲ", sorted
         after Hebrew: probe 63), an alif wasla as an alif -->
    <!-- Latin letters with a stroke or bar have no decomposition, and the collation sorted
         them after "Z" ("Łódź", "Ørsted", "Ðal" under headings of their own at the end):
         readers of an index in English, French or German look for them under their base
         letter, as the collation files "Ö" and "Ñ" (it is tailored to no language) -->
    <!-- Yiddish's ligatures as their letters (װ after ו, not after every letter: probe 79) -->
    <xsl:sequence select="replace(translate(normalize-unicode(replace(replace(replace(string($key),
            '&#x5F0;', '&#x5D5;&#x5D5;'), '&#x5F1;', '&#x5D5;&#x5D9;'), '&#x5F2;', '&#x5D9;&#x5D9;'),
            'NFKD'),
            'ٱØøŁłĐđÐðĦħŦŧŊŋƗɨ', 'اOoLlDdDdHhTtNnIi'),
        '[&#x591;-&#x5BD;&#x5BF;&#x5C1;&#x5C2;&#x5C4;&#x5C5;&#x5C7;&#x610;-&#x61A;&#x640;&#x64B;-&#x65F;&#x670;&#x6D6;-&#x6DC;&#x6DF;-&#x6E4;&#x6E7;&#x6E8;&#x6EA;-&#x6ED;&#x730;-&#x74A;&#x8D3;-&#x8FF;]', '')"/>
  </xsl:function>

  <!-- What an index sorts by (r:collation-key) with the letters of the Arabic script in
       their alphabet's order: the collation Saxon falls back to orders that script by code
       point, which is the Arabic alphabet's order but files the letters Persian, Urdu and
       Pashto add after every Arabic letter (probe 102: پ, چ, ژ, ک, گ and ی after ي; "پروین"
       after "لیلا"; probe 103: Pashto's ټ څ ځ ډ ړ ږ ښ ګ ڼ ې ۍ). Each such letter sorts after the words of its base letter (پ after ب,
       گ after ک), Persian's ک and ی are Arabic's ك and ي, and in an index in Persian, Urdu
       or Pashto ه comes after و, as their alphabets have it. $lang is a language or a
       collation's URI (its lang). Only sorting uses it: headings keep the letters. -->
  <xsl:function name="r:sort-key" as="xs:string">
    <xsl:param name="key" as="xs:string?"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="after" as="xs:string" select="'&#xF8FF;'"/>
    <xsl:variable name="plain" as="xs:string" select="r:collation-key($key)"/>
    <xsl:variable name="code" as="xs:string" select="lower-case(replace(if (contains($lang,
        'lang=')) then replace($lang, '^.*lang=([^;&amp;]*).*$', '$1') else $lang, '[-_].*$', ''))"/>
    <xsl:sequence select="if (not(matches($plain, '\p{IsArabic}'))) then $plain else
        let $letters := fold-left((['پ', 'ب'], ['ٹ', 'ت'], ['ټ', 'ت'], ['چ', 'ج'], ['څ', 'خ'],
            ['ځ', 'خ&#xF8FF;'], ['ڈ', 'د'], ['ډ', 'د'], ['ڑ', 'ر'], ['ړ', 'ر'], ['ژ', 'ز'],
            ['ږ', 'ز&#xF8FF;'], ['ښ', 'ش'], ['گ', 'ك'], ['ګ', 'ك'], ['ں', 'ن'], ['ڼ', 'ن'],
            ['ھ', 'ه'], ['ے', 'ي'], ['ې', 'ي'], ['ۍ', 'ي&#xF8FF;']),
            translate($plain, 'کیہەۀ', 'كيههه'),
            function($k, $pair) { replace($k, $pair(1), $pair(2) || $after) })
        return if ($code = ('fa', 'ur', 'ps', 'prs', 'pes')) then replace($letters, 'ه', 'و' || $after)
        else $letters"/>
  </xsl:function>

  <!-- Names in the script of the index's language come first (the collation's default
       order puts Latin, Greek, Cyrillic, Hebrew and Arabic in that order: an Arabic index
       opened on its Hebrew names, probe 61): 0 for a key in that script, else 1. -->
  <xsl:variable name="r:arabic-letters" as="xs:string"
      select="'[\p{IsArabic}\p{IsArabicPresentationForms-A}\p{IsArabicPresentationForms-B}]'"/>

  <!-- Greek with its polytonic letters, which Unicode keeps in another block (Greek
       Extended: "Ἀπόλλων", U+1F08, was not Greek to an index in Greek, and came after "Χορός"
       under a heading of its own: probe 79). -->
  <xsl:variable name="r:greek-letters" as="xs:string" select="'[\p{IsGreek}\p{IsGreekExtended}]'"/>

  <xsl:function name="r:script-rank" as="xs:integer">
    <xsl:param name="key" as="xs:string?"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="script" as="xs:string?" select="map {
        'ar': $r:arabic-letters, 'fa': $r:arabic-letters, 'ur': $r:arabic-letters,
        'ps': $r:arabic-letters,
        'he': '\p{IsHebrew}', 'yi': '\p{IsHebrew}', 'el': $r:greek-letters, 'grc': $r:greek-letters,
        'ru': '\p{IsCyrillic}', 'uk': '\p{IsCyrillic}', 'bg': '\p{IsCyrillic}',
        'sr': '\p{IsCyrillic}', 'syr': '\p{IsSyriac}'}(lower-case(substring-before($lang || '-',
        '-')))"/>
    <xsl:sequence select="if (empty($script)) then 0
        else if (matches(replace(string($key), '^[^\p{L}]+', ''), '^' || $script)) then 0
        else 1"/>
  </xsl:function>

  <!-- The letter a key is filed under (the index pages' ed:initial): its first letter without
       accents, in capitals; "" for a key that does not begin with a letter. -->
  <xsl:function name="r:index-initial" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <!-- the first letter of the collation's key, and the letters the collation takes for two
         (Æ as AE, Œ as OE, Þ as TH, ß as ss) as their first: "Æsop" came under a heading "Æ"
         of its own before "A" (probe 63), "ß" under "SS" (upper-case) -->
    <xsl:variable name="first" as="xs:string"
        select="replace(translate(substring(normalize-space(r:collation-key($key)), 1, 1),
            'ÆæŒœÞþß', 'AaOoTts'), '\p{M}', '')"/>
    <xsl:sequence select="if (matches($first, '^\p{L}$')) then upper-case($first) else ''"/>
  </xsl:function>

  <!-- The name of the index an entry belongs to (index/@indexName), "" for the one without a
       name. -->
  <xsl:function name="r:index-name" as="xs:string">
    <xsl:param name="index" as="element(tei:index)"/>
    <xsl:sequence select="normalize-space($index/@indexName)"/>
  </xsl:function>

</xsl:stylesheet>

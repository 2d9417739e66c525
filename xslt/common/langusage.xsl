<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which of the languages a header declares (profileDesc/langUsage) a text is written in, when
  nothing else says (no xml:lang on text, root or body): the one with the largest @usage;
  else the first whose script is the script most of the text's first letters are written in;
  else the first. A header in English describing a Chinese text lists English first (CBETA's
  sutras: probe 79, a Chinese text published as English). Shared by the reading pages and
  books (base.xsl, r:declared-lang) and the entity index (index/entities.xsl); the citation
  data asks the same in Python (pipeline/citation.py, _langusage_language).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:r="urn:edition:render"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The scripts told apart, by the letters of each (a character class's contents). -->
  <xsl:variable name="r:script-letters" as="map(xs:string, xs:string)" select="map {
      'Hani': '\p{IsCJKUnifiedIdeographs}\p{IsCJKUnifiedIdeographsExtensionA}\p{IsHiragana}\p{IsKatakana}',
      'Hang': '\p{IsHangulSyllables}',
      'Grek': '\p{IsGreek}\p{IsGreekExtended}',
      'Cyrl': '\p{IsCyrillic}',
      'Arab': '\p{IsArabic}',
      'Hebr': '\p{IsHebrew}',
      'Deva': '\p{IsDevanagari}',
      'Thai': '\p{IsThai}',
      'Armn': '\p{IsArmenian}',
      'Geor': '\p{IsGeorgian}',
      'Syrc': '\p{IsSyriac}',
      'Latn': '\p{IsBasicLatin}\p{IsLatin-1Supplement}\p{IsLatinExtended-A}\p{IsLatinExtended-B}\p{IsLatinExtendedAdditional}'}"/>

  <!-- The script a language is written in: its script subtag, else its usual one. -->
  <xsl:function name="r:usual-script" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize(lower-case($code), '[-_]')"/>
    <xsl:variable name="subtag" as="xs:string?" select="$parts[position() gt 1]
        [matches(., '^[a-z]{4}$')][1]"/>
    <!-- a script subtag this module tells apart (four letters: "1901" is a variant, and
         "Goth", which a Viennese newspaper's German wrote for its black letter, is no script
         of these: probe 80, its text published as French, the next language declared) -->
    <xsl:variable name="named" as="xs:string?" select="if (empty($subtag)) then ()
        else if ($subtag = ('hant', 'hans', 'hani', 'jpan')) then 'Hani'
        else if ($subtag = ('hang', 'kore')) then 'Hang'
        else if ($subtag = ('latf', 'latg')) then 'Latn'
        else (upper-case(substring($subtag, 1, 1)) || substring($subtag, 2))
            [map:contains($r:script-letters, .)]"/>
    <xsl:sequence select="($named, map {
        'zh': 'Hani', 'ja': 'Hani', 'lzh': 'Hani', 'ko': 'Hang',
        'el': 'Grek', 'grc': 'Grek', 'gmy': 'Grek',
        'ru': 'Cyrl', 'uk': 'Cyrl', 'be': 'Cyrl', 'bg': 'Cyrl', 'mk': 'Cyrl', 'sr': 'Cyrl',
        'cu': 'Cyrl', 'orv': 'Cyrl', 'kk': 'Cyrl', 'ky': 'Cyrl', 'tt': 'Cyrl', 'ba': 'Cyrl',
        'ar': 'Arab', 'fa': 'Arab', 'ur': 'Arab', 'ps': 'Arab', 'ota': 'Arab',
        'he': 'Hebr', 'hbo': 'Hebr', 'yi': 'Hebr', 'lad': 'Hebr',
        'hi': 'Deva', 'sa': 'Deva', 'mr': 'Deva', 'ne': 'Deva', 'th': 'Thai', 'hy': 'Armn',
        'ka': 'Geor', 'syr': 'Syrc'}($parts[1]), 'Latn')[1]"/>
  </xsl:function>

  <!-- The script most of the first letters of $text are written in ("" for none). -->
  <xsl:function name="r:sampled-script" as="xs:string">
    <xsl:param name="text" as="element()?"/>
    <xsl:variable name="sample" as="xs:string" select="replace(substring(string-join(
        ($text//text()[normalize-space()])[position() le 60], ' '), 1, 600), '\P{L}', '')"/>
    <xsl:variable name="counted" as="xs:integer*" select="sort(map:keys($r:script-letters))
        ! string-length(replace($sample, '[^' || $r:script-letters(.) || ']', ''))"/>
    <xsl:variable name="best" as="xs:integer" select="max((0, $counted))"/>
    <xsl:sequence select="if ($best = 0) then ''
        else sort(map:keys($r:script-letters))[index-of($counted, $best)[1]]"/>
  </xsl:function>

  <!-- The language of the header's langUsage the text is written in (above), or none. -->
  <xsl:function name="r:langusage-lang" as="attribute()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="text" as="element()?"/>
    <xsl:variable name="declared" as="attribute()*"
        select="$tei/teiHeader/profileDesc/langUsage/language/@ident[normalize-space()]"/>
    <xsl:variable name="used" as="element()*"
        select="$declared/..[@usage castable as xs:decimal]"/>
    <xsl:variable name="script" as="xs:string" select="if (count($declared) lt 2
        or exists($used)) then '' else r:sampled-script($text)"/>
    <xsl:sequence select="if (count($declared) lt 2) then $declared
        else if (exists($used)) then (for $u in $used return $u[xs:decimal(@usage)
            = max($used/xs:decimal(@usage))])[1]/@ident
        else ($declared[$script != ''][r:usual-script(normalize-space(.)) = $script],
            $declared)[1]"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Languages and writing direction of a whole text (TEI Guidelines, "Languages and writing
  systems": xml:lang, and vi.1 "Writing direction").

  An element's own xml:lang gives lang and, when its direction differs from the one it stands
  in, dir (base.xsl: r:attributes, r:lang-dir). This module decides the direction of a text:

  1. The declared language decides (header.xsl, r:declared-lang): text/@xml:lang, else
     TEI/@xml:lang, else body/@xml:lang, else the langUsage language the text is written in
     (langusage.xsl); a right-to-left language (Arabic, Hebrew, Persian,
     Urdu, Syriac, Yiddish ...; base.xsl lists them) or script subtag (-Arab, -Hebr, -Syrc ...)
     makes the text rtl.
  2. A text that declares no language (or only und/mul/zxx) is rtl when most letters of the
     first 200 non-blank text nodes of its text element are in the Hebrew, Arabic, Syriac, Thaana,
     N'Ko, Samaritan or Mandaic blocks (U+0590-08FF), their presentation forms or the
     historical scripts written right to left (i18n.xsl, $r:rtl-letters). The sample is
     bounded, so the cost does not grow with the text; a text whose opening is mostly in
     another script than its body should declare its language.
  The language itself is never guessed: such a text keeps lang="und" (Hebrew script is also
  Yiddish, Ladino, Judeo-Arabic ...).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>

  <!-- The direction of a text (TEI element): 'rtl' or 'ltr'. Cached: every part of a split
       text asks it several times, and in a text of no declared language each asking sampled
       the text's words again (1,000 articles of 300 characters, one page each: more than the
       build's 60 s per file, 18.7 s now; 500: 38.8 s to 3.3 s for the page). -->
  <xsl:function name="r:text-dir" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="lang" as="xs:string?" select="r:declared-lang($tei)"/>
    <xsl:variable name="declared" as="xs:string?" select="$lang ! r:lang-dir(.)"/>
    <xsl:variable name="sample" as="text()*"
        select="(r:main-text($tei)//text()[normalize-space()])[position() le 200]"/>
    <!-- a language written right to left, in letters of none of those scripts and with no
         script subtag that says so (Middle Persian, Avestan, Sogdian transliterated, as
         their editions are: probe 143), runs left to right, as such an element does
         (base.xsl, r:dir-attribute) -->
    <xsl:sequence select="if ($declared = 'rtl' and not(matches($lang, '-[A-Za-z]{4}(-|$)'))
            and matches(string-join($sample), '\p{L}')
            and not(matches(string-join($sample), $r:rtl-letters))) then 'ltr'
        else if (exists($declared)) then $declared
        else r:script-dir($sample)"/>
  </xsl:function>

  <!-- r:script-dir, the direction of the script most letters of a sample are in, is in
       i18n.xsl, which also asks it for the interface's words in a text of no language. -->

  <!-- dir for the root of a rendered text or page part in $dir inside a page in $outer. -->
  <xsl:function name="r:dir-if" as="attribute()?">
    <xsl:param name="dir" as="xs:string"/>
    <xsl:param name="outer" as="xs:string"/>
    <xsl:if test="$dir ne $outer">
      <xsl:attribute name="dir" select="$dir"/>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>

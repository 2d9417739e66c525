<?xml version="1.0" encoding="UTF-8"?>
<!--
  The shared TEI -> XHTML rendering, as one module to import (the HTML pages and the EPUB
  content documents do): a manifest of the modules, one per chapter of the TEI Guidelines
  (header and sources: 2; structure: 4; blocks and inline: 3; transcription and its levels: 11; analysis: 17; formulae: 14;
  verse: 6; drama: 7; spoken: 8; correspondence: 2.4.6 and 4.2.2; biblio: 3.12; names: 13; notes: 3.9;
  parallel texts, alignment: 16.4; alternatives, alt: 17.8, imported last), so that the rendering
  of an element is found by its chapter.
  Each module imports base.xsl (parameters, modes, functions); fallback.xsl (the policy for
  unknown elements) comes first so that it has the lowest import precedence.

  Entry points (all in mode r:main unless said otherwise):
    apply-templates select="text" mode="r:main"     the text (front, body, back)
    call-template r:toc          (scope)            table of contents of a text
    call-template r:footnotes    (scope, level)     numbered notes of a text, with back links
    call-template r:entity-cards (scope)            popover cards of the entities named in scope
    functions r:title, r:authors, r:text-lang, r:citation, r:safe-url ... (header.xsl, base.xsl)
    function r:text-dir                              a text's writing direction (languages.xsl)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all">

  <xsl:import href="fallback.xsl"/>
  <xsl:import href="header.xsl"/>
  <xsl:import href="sources.xsl"/>
  <xsl:import href="structure.xsl"/>
  <xsl:import href="blocks.xsl"/>
  <xsl:import href="inline.xsl"/>
  <xsl:import href="transcription.xsl"/>
  <xsl:import href="levels.xsl"/>
  <xsl:import href="analysis.xsl"/>
  <xsl:import href="dictionaries.xsl"/>
  <xsl:import href="formulae.xsl"/>
  <xsl:import href="verse.xsl"/>
  <xsl:import href="drama.xsl"/>
  <xsl:import href="spoken.xsl"/>
  <xsl:import href="correspondence.xsl"/>
  <xsl:import href="biblio.xsl"/>
  <xsl:import href="names.xsl"/>
  <xsl:import href="notes.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="manuscripts.xsl"/>
  <xsl:import href="facsimile.xsl"/>
  <xsl:import href="toc.xsl"/>
  <xsl:import href="languages.xsl"/>
  <xsl:import href="alignment.xsl"/>
  <xsl:import href="alternatives.xsl"/>

</xsl:stylesheet>

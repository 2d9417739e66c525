<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB entry stylesheet: normalized TEI -> every part of one book, in one transform:
    <ee:parts>
      <ee:document href="index.xhtml"/> or <ee:none/>   the index of names (modules/index.xsl)
      <ee:document href="subjects.xhtml"/> or <ee:none/>   the subject index (modules/subjects.xsl)
      <ee:book> metadata, title page, content documents  (modules/content.xsl)
      <ee:document href="nav.xhtml"/>                    the navigation document (modules/nav.xsl)
    </ee:parts>
  Python (pipeline/builders/epub.py) serialises each document and writes the package.

  One stylesheet rather than one per part: the rendering it imports is compiled once (about
  two thirds of the EPUB's compile time, paid by every build), and the text is parsed once.

  Parameters: $has-index (default: whether the text names an entity; names link to
  index.xhtml), $images (modules/structure.xsl), $map-file (modules/nav.xsl), $max-chars
  (modules/plan.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    exclude-result-prefixes="#all">

  <!-- the rendering; through its cards (common/names.xsl), the words the index pages say an
       entry's relations in (index/modules/page-facts.xsl), which modules/index.xsl links its
       own way -->
  <xsl:import href="../common/render.xsl"/>

  <xsl:include href="modules/plan.xsl"/>
  <xsl:include href="modules/header.xsl"/>
  <xsl:include href="modules/labels.xsl"/>
  <xsl:include href="modules/shell.xsl"/>
  <xsl:include href="modules/structure.xsl"/>
  <xsl:include href="modules/links.xsl"/>
  <xsl:include href="modules/names.xsl"/>
  <xsl:include href="modules/notes.xsl"/>
  <xsl:include href="modules/pages.xsl"/>
  <xsl:include href="modules/apparatus.xsl"/>
  <xsl:include href="modules/transcription.xsl"/>
  <xsl:include href="modules/facsimile.xsl"/>
  <xsl:include href="modules/manuscripts.xsl"/>
  <xsl:include href="modules/titlepage.xsl"/>
  <xsl:include href="modules/entities.xsl"/>
  <xsl:include href="modules/index.xsl"/>
  <xsl:include href="modules/subjects.xsl"/>
  <xsl:include href="modules/content.xsl"/>
  <xsl:include href="modules/nav.xsl"/>

  <xsl:global-context-item as="document-node()" use="required"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:mode on-no-match="fail" on-multiple-match="fail" use-accumulators="#all"/>

  <xsl:template match="/" as="element(ee:parts)">
    <ee:parts>
      <xsl:call-template name="ee:index-part"/>
      <xsl:call-template name="ee:subjects-part"/>
      <xsl:call-template name="ee:content-part"/>
      <xsl:call-template name="ee:nav-part"/>
    </ee:parts>
  </xsl:template>

</xsl:stylesheet>

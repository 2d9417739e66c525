<?xml version="1.0" encoding="UTF-8"?>
<!--
  Levels of transcription in one word (the Medieval Nordic Text Archive's customisation of
  TEI, "Menota", and the editions made after its handbook): each token, a w or a pc, or a
  choice inside it, holds the same word at up to three levels, me:facs (the letters as they
  stand, abbreviation marks and all), me:dipl (abbreviations expanded, the expansion in ex)
  and me:norm (normalised spelling). Rendered as they come, every word was printed two or
  three times ("k̅gr k(onun)gr konungr").

  They are the two views of transcription.xsl: the reading view shows the most edited level
  the word has (r:level-read, reading.xsl: norm, else dipl, else facs), the diplomatic view
  the diplomatic level, else the facsimile one (r:level-dipl); a level neither view shows
  (the facsimile beside a diplomatic level) is named in the title of the diplomatic one, so
  that no letter of the file is lost. A level that both views show is shown once.

  Such files write one token per line: the whitespace between the tokens and between the
  levels is the file's layout ("heitit\n,\ner" is "heitit, er"); the spaces between words
  come from r:word-space, as for tokens written without whitespace. That rule is in base.xsl,
  beside the Folger texts' one, since a text() template of a module loses to base.xsl's.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:me="http://www.menota.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="i18n.xsl"/>

  <xsl:template match="me:facs | me:dipl | me:norm" mode="r:main" as="element()?">
    <xsl:variable name="read" as="xs:boolean" select=". is r:level-read(..)"/>
    <xsl:variable name="dipl" as="xs:boolean" select=". is r:level-dipl(..)"/>
    <xsl:variable name="unshown" as="element()?"
        select="../me:facs[not(. is r:level-read(..) or . is r:level-dipl(..))]"/>
    <xsl:if test="$read or $dipl">
      <xsl:call-template name="r:view-inline">
        <xsl:with-param name="class" select="'level level-' || local-name()"/>
        <xsl:with-param name="view" select="if ($read and $dipl) then ()
            else if ($read) then 'read' else 'dipl'"/>
        <xsl:with-param name="title" select="if ($dipl and r:plain($unshown) != '')
            then r:msg('tr.facs') || ' ' || r:plain($unshown) else ()"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The choice that holds the levels is no editorial choice of transcription.xsl (one side
       read, the source's in the diplomatic view, the rest in brackets): its levels say which
       view shows them. -->
  <xsl:template match="choice[me:facs | me:dipl | me:norm]" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="'choice levels'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An expansion of the diplomatic level is part of that level, which the diplomatic view
       shows: it is not one of the reading view's expansions (transcription.xsl, ex). -->
  <xsl:template match="me:dipl//ex" mode="r:main" as="element()" priority="1">
    <xsl:call-template name="r:view-inline">
      <xsl:with-param name="class" select="'ex'"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The teiHeader as metadata: title, authors, language, publication date, stable identifier,
  licence and a citation, as plain values for page titles, <meta> elements, the home and about
  pages and the EPUB package. The header itself is never rendered in a reading page's body.
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
  <xsl:import href="i18n.xsl"/>

  <xsl:function name="r:title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element()*" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:variable name="main" as="xs:string"
        select="r:plain(($titles[@type = 'main'], $titles[not(@type)], $titles)[1])"/>
    <xsl:sequence select="if ($main != '') then $main else r:msg('title.untitled')"/>
  </xsl:function>

  <xsl:function name="r:subtitle" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/teiHeader/fileDesc/titleStmt/title[@type = 'sub'])[1] ! r:plain(.)"/>
  </xsl:function>

  <xsl:function name="r:authors" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/titleStmt/author ! r:plain(.)[. != '']"/>
  </xsl:function>

  <!-- The language of a text for the html element; "und" when the header does not say. -->
  <xsl:function name="r:text-lang" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(r:lang(($tei/text/@xml:lang, $tei/@xml:lang,
        $tei/teiHeader/profileDesc/langUsage/language[1]/@ident)[1]), 'und')[1]"/>
  </xsl:function>

  <xsl:function name="r:publication-date" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="date" as="element()?"
        select="$tei/teiHeader/fileDesc/publicationStmt/date[1]"/>
    <xsl:sequence select="($date/@when, $date[normalize-space()] ! normalize-space(.))[1] ! string(.)"/>
  </xsl:function>

  <!-- The stable identifier: a URI/DOI/URN idno of the publication statement. -->
  <xsl:function name="r:identifier" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="idnos" as="element()*"
        select="$tei/teiHeader/fileDesc/publicationStmt/idno[normalize-space()]"/>
    <xsl:sequence select="($idnos[lower-case(@type) = ('uri', 'url', 'doi', 'urn', 'handle')],
        $idnos)[1] ! normalize-space(.)"/>
  </xsl:function>

  <xsl:function name="r:licence" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/teiHeader/fileDesc/publicationStmt/availability//licence)[1]"/>
  </xsl:function>

  <xsl:function name="r:publisher" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/teiHeader/fileDesc/publicationStmt/(publisher | distributor
        | authority))[1] ! r:plain(.)"/>
  </xsl:function>

  <!-- "Authors. Title. Publisher, date. Identifier." with what the header has. -->
  <xsl:function name="r:citation" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="fallback-date" as="xs:string"/>
    <xsl:variable name="authors" as="xs:string?"
        select="string-join(r:authors($tei), '; ')[. != '']"/>
    <xsl:variable name="imprint" as="xs:string?" select="string-join((r:publisher($tei),
        (r:publication-date($tei), $fallback-date)[. != ''][1]), ', ')[. != '']"/>
    <xsl:sequence select="string-join(($authors, r:title($tei), $imprint,
        r:identifier($tei)) ! replace(., '\.$', ''), '. ') || '.'"/>
  </xsl:function>

</xsl:stylesheet>

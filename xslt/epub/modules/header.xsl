<?xml version="1.0" encoding="UTF-8"?>
<!--
  teiHeader -> the book's metadata record (<ee:metadata>), read by Python to write the OPF
  package document, and the functions the title page and the page shell share with it.

  The record holds plain strings only; Python escapes them when it writes the OPF. Roles are
  MARC relator codes: author -> aut, editor -> edt, respStmt by what its resp says (encoding
  and conversion -> mrk, transcription -> trc, translation -> trl, editing -> edt, anything else -> ctb).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    exclude-result-prefixes="#all">

  <xsl:variable name="ee:tei" as="element(tei:TEI)" select="/tei:TEI"/>
  <xsl:variable name="ee:header" as="element(tei:teiHeader)?" select="$ee:tei/tei:teiHeader"/>
  <xsl:variable name="ee:file-desc" as="element(tei:fileDesc)?" select="$ee:header/tei:fileDesc"/>

  <!-- Text of a header element with whitespace collapsed (notes left out). -->
  <xsl:function name="ee:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="normalize-space(string-join(
        $nodes/descendant-or-self::text()[not(ancestor::tei:note)], ''))"/>
  </xsl:function>

  <!-- The words that tell the book apart from the other books of the edition that share its
       title (pipeline/build.py titled_apart: the text's first heading, "Soneto Amor" of a
       sonnet bank's poems, each titled by the bank), or "": a reader's library listed them
       all alike (probe 32). -->
  <xsl:param name="title-apart" as="xs:string" select="''"/>

  <xsl:function name="ee:title" as="xs:string">
    <!-- ELTeC appends " : ELTeC edition" to the title of the work; the book is the work. -->
    <xsl:sequence select="replace(r:title($ee:tei), '\s*:\s*ELTeC edition\s*$', '')
        || string-join((' — ' || normalize-space($title-apart))[normalize-space($title-apart)])"/>
  </xsl:function>

  <!-- The language of the book's title when it is not the book's (an English title of an
       Arabic poem, probe 58: its title page and its package gave it the book's), or "". -->
  <xsl:function name="ee:title-lang" as="xs:string">
    <xsl:variable name="lang" as="xs:string?"
        select="r:title-lang($ee:tei)"/>
    <xsl:sequence select="if (exists($lang) and $lang ne ee:language()) then $lang else ''"/>
  </xsl:function>

  <!-- The book's language: the text's (text/@xml:lang, else the root's, else its body's,
       else the header's langUsage: r:declared-lang), as the reading page states it; "und"
       when nothing says. -->
  <xsl:function name="ee:language" as="xs:string">
    <xsl:sequence select="r:text-lang($ee:tei)"/>
  </xsl:function>

  <!-- The book's other languages, each once, in document order: those of its divisions
       (a translation beside its original) and those its header declares (langUsage). The
       package declares them after its own (EPUB 3.3 allows dc:language repeated, the first
       the primary one): a bilingual book declared its Arabic alone (probe 165). -->
  <xsl:function name="ee:other-languages" as="xs:string*">
    <xsl:variable name="divisions" as="attribute()*" select="$ee:tei/(tei:text | tei:sourceDoc)
        /descendant-or-self::*[self::tei:text or self::tei:group or self::tei:front
            or self::tei:body or self::tei:back or self::tei:div or self::tei:div1
            or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5
            or self::tei:div6 or self::tei:div7]/@xml:lang"/>
    <xsl:variable name="declared" as="attribute()*" select="$ee:tei/tei:teiHeader
        /tei:profileDesc/tei:langUsage/tei:language/@ident"/>
    <xsl:sequence select="distinct-values(($divisions, $declared) ! r:lang(string(.)))
        [not(. = (ee:language(), 'und', 'zxx', 'mul'))]"/>
  </xsl:function>

  <!-- The book's writing direction: rtl puts page-progression-direction on the spine. Asked
       for every content document, and a text that declares no language has its script
       sampled: read once (a sourceDoc of 1,500 pages, one document each, sampled 1,500
       times). -->
  <xsl:variable name="ee:text-dir" as="xs:string" select="r:text-dir($ee:tei)"/>
  <xsl:function name="ee:direction" as="xs:string">
    <xsl:sequence select="$ee:text-dir"/>
  </xsl:function>

  <xsl:function name="ee:resp-role" as="xs:string">
    <xsl:param name="resp" as="xs:string"/>
    <xsl:variable name="r" as="xs:string" select="lower-case($resp)"/>
    <xsl:sequence select="if (contains($r, 'transcri')) then 'trc'
        else if (matches($r, 'encod|conver|markup|mark-up')) then 'mrk'
        else if (contains($r, 'transl')) then 'trl'
        else if (contains($r, 'edit')) then 'edt'
        else if (contains($r, 'illustr')) then 'ill'
        else 'ctb'"/>
  </xsl:function>

  <!-- The source the text was taken from, as one citation (common/sources.xsl). -->
  <xsl:function name="ee:source" as="xs:string">
    <xsl:sequence select="r:citation-line(r:preferred-source($ee:tei))"/>
  </xsl:function>

  <xsl:function name="ee:rights" as="xs:string">
    <xsl:variable name="licence" as="element()?"
        select="($ee:file-desc/tei:publicationStmt//tei:licence)[1]"/>
    <!-- a licence's paragraphs are sentences apart, its other words kept beside them (probe
         99: "licensed as follows.CC BY 4.0") -->
    <xsl:variable name="text" as="xs:string" select="if ($licence[tei:p | tei:ab])
        then normalize-space(string-join($licence/node() ! (if (self::tei:p or self::tei:ab)
            then ' ' || ee:plain(.) || ' ' else if (. instance of element()) then ee:plain(.)
            else string(.)), ''))
        else ee:plain(($licence, $ee:file-desc/tei:publicationStmt/tei:availability)[1])"/>
    <!-- what the availability says beside its licence comes first: the rights in the text
         itself, when the licence covers the encoding alone -->
    <xsl:variable name="said" as="xs:string*" select="if (exists($licence))
        then $ee:file-desc/tei:publicationStmt/tei:availability/tei:p ! ee:plain(.) else ()"/>
    <xsl:sequence select="string-join(($said[. != ''], string-join(($text[. != ''],
        $licence/@target[normalize-space()]), ', ')[. != '']), ' ')"/>
  </xsl:function>

  <!-- A W3CDTF date (YYYY, YYYY-MM or YYYY-MM-DD) of publication, if the header has one. -->
  <xsl:function name="ee:date" as="xs:string?">
    <xsl:variable name="dates" as="xs:string*"
        select="$ee:file-desc/tei:publicationStmt/tei:date/(string(@when), normalize-space(.))"/>
    <xsl:sequence select="$dates[matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')][1]"/>
  </xsl:function>

  <xsl:template name="ee:metadata" as="element(ee:metadata)">
    <!-- the text, or a documentary transcription (sourceDoc: its surfaces are its pages) -->
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="stmt" as="element(tei:titleStmt)?" select="$ee:file-desc/tei:titleStmt"/>
    <xsl:variable name="pub" as="element(tei:publicationStmt)?"
        select="$ee:file-desc/tei:publicationStmt"/>
    <ee:metadata>
      <ee:title lang="{ee:title-lang()}"><xsl:value-of select="ee:title()"/></ee:title>
      <xsl:for-each select="r:authors($ee:tei)">
        <ee:creator role="aut"><xsl:value-of select="."/></ee:creator>
      </xsl:for-each>
      <xsl:for-each select="r:editors($ee:tei)">
        <ee:contributor role="edt"><xsl:value-of select="."/></ee:contributor>
      </xsl:for-each>
      <xsl:for-each select="$stmt/tei:respStmt">
        <xsl:variable name="role" as="xs:string" select="ee:resp-role(ee:plain(tei:resp))"/>
        <xsl:for-each select="(tei:name | tei:persName | tei:orgName)[r:name-text(.) != '']">
          <ee:contributor role="{$role}"><xsl:value-of select="r:name-text(.)"/></ee:contributor>
        </xsl:for-each>
      </xsl:for-each>
      <ee:language><xsl:value-of select="ee:language()"/></ee:language>
      <xsl:for-each select="ee:other-languages()">
        <ee:other-language><xsl:value-of select="."/></ee:other-language>
      </xsl:for-each>
      <ee:direction><xsl:value-of select="ee:direction()"/></ee:direction>
      <ee:text-id><xsl:value-of select="$ee:tei/@xml:id"/></ee:text-id>
      <xsl:for-each select="($pub/tei:idno[normalize-space()])[1]">
        <ee:identifier><xsl:value-of select="normalize-space(.)"/></ee:identifier>
      </xsl:for-each>
      <xsl:for-each select="($pub/tei:publisher[r:agent-name(.) != ''])[1]">
        <ee:publisher><xsl:value-of select="r:agent-name(.)"/></ee:publisher>
      </xsl:for-each>
      <xsl:if test="ee:rights() != ''">
        <ee:rights><xsl:value-of select="ee:rights()"/></ee:rights>
      </xsl:if>
      <xsl:for-each select="ee:date()">
        <ee:date><xsl:value-of select="."/></ee:date>
      </xsl:for-each>
      <xsl:variable name="source" as="xs:string" select="ee:source()"/>
      <xsl:if test="$source != ''">
        <ee:source><xsl:value-of select="$source"/></ee:source>
      </xsl:if>
      <ee:page-breaks><xsl:value-of select="count($text//tei:pb)
          + count($text/self::tei:sourceDoc//tei:surface[not(ancestor::tei:surface)])"/></ee:page-breaks>
      <ee:notes><xsl:value-of select="count($text//tei:note)"/></ee:notes>
      <ee:figures><xsl:value-of select="count($text//tei:figure)"/></ee:figures>
      <xsl:for-each select="$ee:plan">
        <ee:document href="{?file}" matter="{(?matter, 'bodymatter')[1]}"/>
      </xsl:for-each>
    </ee:metadata>
  </xsl:template>

</xsl:stylesheet>

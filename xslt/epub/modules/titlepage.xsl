<?xml version="1.0" encoding="UTF-8"?>
<!--
  The title page (title.xhtml), generated from the teiHeader: title, authors, who did what,
  edition, publisher and date, licence, and the source the text was taken from.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:ee="urn:edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="ee:titlepage-file" as="xs:string" select="'title.xhtml'"/>

  <!-- The title page's labels ("From", "Editor", "Licence") are the interface's words, in a
       document whose language is the book's: each carries the interface's lang and dir when
       the book's are others (an Arabic or a German book read them with its voice). -->
  <xsl:mode name="ee:ui-labels" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template match="*:dt | *:p[@class = 'letters-described-title']" mode="ee:ui-labels"
      as="element()">
    <xsl:copy>
      <xsl:sequence select="r:ui-attributes(ee:language(), ee:direction())"/>
      <xsl:apply-templates select="@* | node()" mode="ee:ui-labels"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template name="ee:titlepage" as="element(ee:document)">
    <xsl:variable name="ui" as="attribute()*"
        select="r:ui-attributes(ee:language(), ee:direction())"/>
    <xsl:variable name="stmt" as="element(tei:titleStmt)?" select="$ee:file-desc/tei:titleStmt"/>
    <xsl:variable name="pub" as="element(tei:publicationStmt)?"
        select="$ee:file-desc/tei:publicationStmt"/>
    <xsl:call-template name="ee:document">
      <xsl:with-param name="href" select="$ee:titlepage-file"/>
      <xsl:with-param name="title" select="ee:title()"/>
      <xsl:with-param name="body-type" select="'frontmatter'"/>
      <xsl:with-param name="content" as="node()*">
        <section epub:type="titlepage" class="titlepage" id="titlepage">
          <h1 epub:type="fulltitle">
            <!-- "Untitled text" is the interface's words inside a book in the text's
                 language (probe 32: a Persian book's title page called it Persian) -->
            <xsl:if test="empty(r:title-element($ee:tei))">
              <xsl:sequence select="r:ui-attributes(r:text-lang($ee:tei), r:text-dir($ee:tei))"/>
            </xsl:if>
            <!-- a title in another language than the book's says so (probe 58) -->
            <xsl:for-each select="ee:title-lang()[. != '']">
              <xsl:attribute name="xml:lang" select="."/>
              <xsl:attribute name="lang" select="."/>
              <xsl:attribute name="dir" select="(r:lang-dir(.), 'auto')[1]"/>
            </xsl:for-each>
            <xsl:sequence select="r:title-nodes($ee:tei, ee:title(), true())"/>
          </h1>
          <xsl:for-each select="r:parallel-titles($ee:tei)">
            <p class="parallel-title" xml:lang="{?lang}" lang="{?lang}"
                dir="{(r:lang-dir(?lang), 'auto')[1]}">
              <xsl:value-of select="?title"/>
            </p>
          </xsl:for-each>
          <xsl:for-each select="r:authors($ee:tei)">
            <p class="author"><xsl:value-of select="."/></p>
          </xsl:for-each>
          <xsl:for-each select="$ee:tei">
            <xsl:variable name="head" as="element()?">
              <xsl:call-template name="r:letter-head">
                <xsl:with-param name="neighbours" select="false()"/>
              </xsl:call-template>
            </xsl:variable>
            <xsl:apply-templates select="$head" mode="ee:ui-labels"/>
          </xsl:for-each>
          <!-- the responsibilities of the edition statement are credits as the title
               statement's are (probe 24: the Schnitzler letters' "Transkription und
               Kommentierung" and its two editors ran into the edition's name, "ASBW
               Transkription und Kommentierung Müller, Martin Anton Susen, Gerd-Hermann");
               an editor naming two people names both -->
          <xsl:variable name="resps" as="element()*"
              select="($stmt | $ee:file-desc/tei:editionStmt)/tei:respStmt"/>
          <xsl:if test="exists($stmt/tei:editor | $resps)">
            <dl class="credits">
              <xsl:for-each select="$stmt/tei:editor">
                <dt><xsl:sequence select="$ui"/><xsl:value-of select="r:msg('epub.editor')"/></dt>
                <dd><xsl:value-of select="string-join(r:agent-names(.), '; ')"/></dd>
              </xsl:for-each>
              <xsl:for-each select="$resps">
                <dt><xsl:sequence select="ee:own-lang(tei:resp[1])"/><xsl:value-of select="r:resp-label(.)"/></dt>
                <dd><xsl:value-of select="r:resp-names(.)"/></dd>
              </xsl:for-each>
            </dl>
          </xsl:if>
          <xsl:for-each select="$ee:file-desc/tei:editionStmt
              [string-join((tei:edition | tei:p) ! ee:plain(.)) != '']">
            <p class="edition"><xsl:sequence select="ee:own-lang(.)"/><xsl:value-of select="string-join((tei:edition | tei:p)
                ! ee:plain(.), ' ')"/></p>
          </xsl:for-each>
          <xsl:variable name="imprint" as="xs:string*"
              select="($pub/tei:publisher)[1] ! r:agent-name(.), ee:date() ! r:date-words(., true())"/>
          <xsl:if test="exists($imprint[. != ''])">
            <!-- the header's words (the publisher) set in the header's language and
                 direction when it is not the book's: in a right-to-left book an English
                 imprint had its comma at the wrong end (probe 74); in the book's, nothing to
                 say (probe 77: a German imprint was marked English) -->
            <p class="imprint">
              <xsl:sequence select="ee:own-lang($pub)"/>
              <xsl:value-of select="string-join($imprint[. != ''], ', ')"/>
            </p>
          </xsl:if>
          <xsl:if test="ee:rights() != ''">
            <!-- a line in the interface's direction: "Licence: CC BY 4.0" read "CC BY 4.0,
                 Licence:" in a right-to-left book (probe 74) -->
            <p class="rights">
              <xsl:sequence select="$ui[local-name() = 'dir']"/>
              <span><xsl:sequence select="$ui"/><xsl:value-of select="r:msg(if
                  ($pub/tei:availability/tei:p[normalize-space()]) then 'fact.rights'
                  else 'fact.licence') || ':'"/></span>
              <xsl:variable name="lang" as="attribute()*"
                  select="ee:own-lang(($pub//tei:licence, $pub/tei:availability)[1])"/>
              <xsl:text> </xsl:text>
              <xsl:choose>
                <xsl:when test="exists($lang)">
                  <span><xsl:sequence select="$lang"/><xsl:value-of select="ee:rights()"/></span>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:value-of select="ee:rights()"/>
                </xsl:otherwise>
              </xsl:choose>
            </p>
          </xsl:if>
          <xsl:variable name="source" as="xs:string" select="ee:source()"/>
          <xsl:if test="$source != ''">
            <!-- in the direction of the source's description: an English one in a Hebrew
                 book reads left to right, a Yiddish one right to left (probe 77) -->
            <p class="source">
              <xsl:sequence select="ee:own-lang($ee:file-desc/tei:sourceDesc)[local-name() = 'dir']"/>
              <span><xsl:sequence select="$ui"/><xsl:value-of select="r:msg('text.source')"/></span>
              <xsl:value-of select="' ' || $source"/>
            </p>
          </xsl:if>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The language of words taken from the header ($e), as lang and dir attributes, when it
       is not the book's: a header written in English for an Arabic text gives its credits
       ("Transcription", "TEI edition") in English, which a reading system must not read with
       the book's voice and direction. Nothing when the header does not say, or says the
       book's language. -->
  <xsl:function name="ee:own-lang" as="attribute()*">
    <xsl:param name="e" as="element()?"/>
    <xsl:variable name="code" as="xs:string?"
        select="r:lang($e/ancestor-or-self::*[@xml:lang][1]/@xml:lang)"/>
    <xsl:if test="exists($code) and r:primary-subtag($code) ne r:primary-subtag(ee:language())">
      <xsl:attribute name="lang" select="$code"/>
      <xsl:variable name="dir" as="xs:string" select="(r:lang-dir($code), 'ltr')[1]"/>
      <xsl:if test="$dir ne ee:direction()">
        <xsl:attribute name="dir" select="$dir"/>
      </xsl:if>
    </xsl:if>
  </xsl:function>

  <xsl:function name="ee:capital" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($s, 1, 1)) || substring($s, 2)"/>
  </xsl:function>

</xsl:stylesheet>

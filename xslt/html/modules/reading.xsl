<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading page's layout: text header (title, authors, source, downloads), the contents
  navigation, the rendered text with its footnotes, and the entity cards.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:s="urn:edition:shell"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <!-- $stem (base.xsl): the file stem of the text; its page is <stem>.html. -->
  <xsl:param name="epub" as="xs:boolean" select="true()"/>
  <!-- The text's TEI source as published (OUT/html/tei/...), "" when none is offered. -->
  <xsl:param name="tei-href" as="xs:string" select="''"/>

  <xsl:mode name="reading-page" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="TEI" mode="reading-page" as="element()">
    <!-- the text, or a documentary transcription's pages (sourceDoc) -->
    <xsl:variable name="text" as="element()" select="r:main-text(.)"/>
    <xsl:variable name="toc" as="element()?">
      <xsl:call-template name="r:toc">
        <xsl:with-param name="scope" select="$text"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="viewer" as="element()?">
      <xsl:call-template name="r:facsimile-viewer">
        <xsl:with-param name="tei" select="."/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="s:page">
      <xsl:with-param name="title" select="r:title(.)"/>
      <xsl:with-param name="page" select="$stem || '.html'"/>
      <xsl:with-param name="lang" select="r:text-lang(.)"/>
      <xsl:with-param name="dir" select="r:text-dir(.)"/>
      <xsl:with-param name="description"
          select="string-join((r:title(.), r:authors(.)), ' — ')"/>
      <xsl:with-param name="body-class"
          select="'page reading' || (if (exists($viewer)) then ' with-facs' else '')"/>
      <xsl:with-param name="skip-label" select="r:msg('skip.text')"/>
      <xsl:with-param name="search-attributes" select="r:search-filters(.)"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:sequence select="r:letter-links(.)"/>
        <xsl:call-template name="s:citation-head"/>
      </xsl:with-param>
      <xsl:with-param name="aside" as="element()?">
        <xsl:if test="exists($toc)">
          <nav class="toc" aria-labelledby="ed-toc-title">
            <details class="toc-details">
              <summary id="ed-toc-title"><xsl:value-of select="r:msg('toc.title')"/></summary>
              <xsl:sequence select="$toc"/>
            </details>
          </nav>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <article class="edition-text{if (r:has-views(.)) then ' has-views' else ''}"
            data-copied="{r:msg('link.copied')}">
          <!-- the text's own id: a pointer to the whole text from another (file.xml#id)
               leads to it (probe 76: "письмо.html#pismo" named no element) -->
          <xsl:for-each select="@xml:id">
            <xsl:attribute name="id" select="."/>
          </xsl:for-each>
          <xsl:call-template name="s:text-header"/>
          <xsl:call-template name="r:shown-descriptions"/>
          <xsl:apply-templates select="$text" mode="r:main">
            <xsl:with-param name="r:dir" select="r:text-dir(.)" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="r:standoff-apparatus">
            <xsl:with-param name="tei" select="."/>
          </xsl:call-template>
          <xsl:call-template name="r:standoff-notes">
            <xsl:with-param name="tei" select="."/>
          </xsl:call-template>
          <xsl:call-template name="r:witnesses">
            <xsl:with-param name="tei" select="."/>
          </xsl:call-template>
          <xsl:call-template name="r:footnotes">
            <xsl:with-param name="scope" select="$text"/>
          </xsl:call-template>
        </article>
        <xsl:call-template name="s:cite-this"/>
        <xsl:call-template name="r:to-top"/>
        <xsl:call-template name="r:print-citation">
          <xsl:with-param name="page" select="$stem || '.html'"/>
        </xsl:call-template>
        <xsl:sequence select="$viewer"/>
        <xsl:call-template name="r:note-popovers">
          <xsl:with-param name="scope" select="$text"/>
          <xsl:with-param name="apart" select="r:notes-apart(.)"/>
        </xsl:call-template>
        <!-- and those a catalogue record's description names, which the page shows, and
             those the notes the standOff keeps name (their buttons opened nothing) -->
        <xsl:call-template name="r:entity-cards">
          <xsl:with-param name="scope" select="$text, r:record-descriptions(.),
              r:notes-apart(.)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A date of the text links to its own entry on the timeline. -->
  <xsl:function name="r:date-href" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="'timeline.html#' || r:timeline-id($stem, string($date/@xml:id))"/>
  </xsl:function>

  <!-- A letter's date on its head links to the letter's entry on the timeline (the entry
       links back to the head: r:letter-anchor). -->
  <xsl:function name="r:letter-date-href" as="xs:string?">
    <xsl:param name="desc" as="element()"/>
    <xsl:sequence select="r:letter-position($desc) ! ('timeline.html#'
        || r:timeline-id($stem, r:letter-anchor($desc, .)))"/>
  </xsl:function>

  <!-- The text's citation and the page's address, at the end of a reading page: shown on
       paper only (edition.css); edition.js writes the address the page was read at. -->
  <xsl:template name="r:print-citation" as="element()">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="page" as="xs:string" required="yes"/>
    <div class="print-cite">
      <xsl:sequence select="s:ui-lang-attributes(.)"/>
      <p><xsl:value-of select="r:msg('print.cite')"/><xsl:text> </xsl:text>
        <span class="citation">
          <xsl:call-template name="s:printed-citation">
            <xsl:with-param name="fallback" select="r:citation(., $date)"/>
          </xsl:call-template>
        </span></p>
      <p><xsl:value-of select="r:msg('print.url')"/><xsl:text> </xsl:text>
        <span class="print-url"><xsl:value-of select="if (exists($citation))
            then s:page-url($page) else $page"/></span></p>
    </div>
  </xsl:template>

  <!-- "Back to top", after the text of every reading page. -->
  <xsl:template name="r:to-top" as="element()">
    <p class="to-top">
      <xsl:sequence select=".[. instance of element()] ! s:ui-lang-attributes(.)"/>
      <a href="#ed-main"><xsl:value-of select="r:msg('top.link')"/></a>
    </p>
  </xsl:template>

  <!-- lang and dir of the interface, for its words after or around a text (TEI element) in
       another language or direction: the main element takes the text's. -->
  <xsl:function name="s:ui-lang-attributes" as="attribute()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="r:ui-attributes(r:text-lang($tei), r:text-dir($tei))"/>
  </xsl:function>

  <!-- The pilcrow after a paragraph of the text: a link to it, which edition.js also copies
       to the clipboard (without script, it is a plain link). Notes and headers have none, nor
       has a paragraph with nothing in it: a Hebrew play's "<p> </p>" was a pilcrow alone on
       its line (probe 48). -->
  <!-- (its label looked up once, not at each paragraph) -->
  <xsl:variable name="r:paragraph-link-label" as="xs:string" select="r:msg('paragraph.link')"/>
  <xsl:template name="r:paragraph-link" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="r:ids" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:if test="$r:ids and @xml:id and ancestor::text and not(ancestor::note)
        and (normalize-space() or exists(.//(graphic | figure | media | formula | binaryObject
            | gap | space | g)))">
      <!-- its sign (¶) is the style sheet's: no character of the page that a copy, a reader
           mode or the search index would take for the text's -->
      <a class="anchor" href="#{@xml:id}" aria-label="{$r:paragraph-link-label}"/>
    </xsl:if>
    <!-- its counterpart in a translation that does not stand beside it, where a parallel
         view would have put it in the row beside (common/alignment.xsl, probe 169) -->
    <xsl:call-template name="r:counterpart-passage-links"/>
  </xsl:template>

  <!-- A line's number in the margin links to the line, so that the number a reader sees
       ("25", counted for a line without @n, or "35" of l/@n "1.1.35") gives the address of
       its line (issue 11: #l-25 led nowhere when the line had no @n); edition.js copies it
       as it copies a pilcrow. Out of the tab order and hidden from screen readers, as the
       number was: they read the verse, and the line's id is reached by its address. -->
  <xsl:template name="r:line-number-mark" as="element()">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="number" as="xs:string" required="yes"/>
    <xsl:param name="r:ids" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:choose>
      <xsl:when test="$r:ids and @xml:id and ancestor::text and not(ancestor::note)">
        <a class="l-n" href="#{@xml:id}" aria-hidden="true" tabindex="-1"
            data-pagefind-ignore=""><xsl:value-of select="$number"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="l-n" aria-hidden="true" data-pagefind-ignore=""><xsl:value-of
            select="$number"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text's header on its reading page: title, authors, source, revision, the view switch
       and the links to the about page and the book (docs/customising.md). On a page of a long
       text split into parts (parts.xsl), $part: only the title, a link to the contents page,
       and the switch. -->
  <xsl:template name="s:text-header" as="element()">
    <xsl:param name="part" as="xs:boolean" select="false()"/>
    <xsl:variable name="source" as="element()?" select="r:preferred-source(.)"/>
    <xsl:variable name="revised" as="xs:string?" select="r:revision-date(.)"/>
    <!-- the interface's words keep its language and direction inside a text in another -->
    <xsl:variable name="ui" as="attribute()*" select="s:ui-lang-attributes(.)"/>
    <header class="text-header{if ($part) then ' part-header' else ''}">
      <xsl:if test="$part">
        <h1 class="part-title"><a href="{$stem}.html">
          <xsl:if test="empty(r:title-element(.))">
            <xsl:sequence select="$ui"/>
          </xsl:if>
          <xsl:value-of select="r:title(.)"/></a></h1>
      </xsl:if>
      <xsl:if test="not($part)">
      <xsl:for-each select="r:series(.)">
        <p class="series"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <h1>
        <!-- a title in another language than its text's (an Arabic title of an English
             translation) is marked so, with its direction -->
        <xsl:variable name="tei" as="element()" select="."/>
        <!-- "Untitled text" is the interface's words, not the text's -->
        <xsl:if test="empty(r:title-element(.))">
          <xsl:sequence select="$ui"/>
        </xsl:if>
        <xsl:for-each select="r:title-lang(.)[. ne r:text-lang($tei)]">
          <xsl:attribute name="lang" select="."/>
          <xsl:attribute name="dir" select="(r:lang-dir(.), r:text-dir($tei))[1]"/>
        </xsl:for-each>
        <xsl:sequence select="r:title-nodes(., r:title(.), false())"/>
      </h1>
      <xsl:if test="exists(r:subtitle(.))">
        <p class="subtitle">
          <xsl:variable name="tei" as="element()" select="."/>
          <xsl:for-each select="(teiHeader/fileDesc/titleStmt/title[@type = 'sub'])[1]/@xml:lang
              ! r:lang(.)[. ne r:text-lang($tei)]">
            <xsl:attribute name="lang" select="."/>
            <xsl:attribute name="dir" select="(r:lang-dir(.), 'auto')[1]"/>
          </xsl:for-each>
          <xsl:value-of select="r:subtitle(.)"/>
        </p>
      </xsl:if>
      <!-- a subtitle in another language than the title's is a title of that language too:
           it is shown once (al-Zuhūr's "TEI edition" stood under its Arabic title twice,
           probe 48) -->
      <xsl:for-each select="r:parallel-titles(.)[not(?title = r:subtitle(current()))]">
        <p class="parallel-title" lang="{?lang}" dir="{(r:lang-dir(?lang), 'auto')[1]}">
          <xsl:value-of select="?title"/>
        </p>
      </xsl:for-each>
      <xsl:if test="exists(r:authors(.))">
        <p class="authors"><xsl:value-of select="string-join(r:authors(.), '; ')"/></p>
      </xsl:if>
      <xsl:call-template name="r:letter-head"/>
      <xsl:variable name="described" as="xs:string" select="r:citation-line($source)"/>
      <xsl:if test="$described != ''">
        <p class="source">
          <span class="meta-label"><xsl:sequence select="$ui"/><xsl:value-of select="r:source-label($source)"/></span>
          <xsl:text> </xsl:text>
          <!-- the source's words in whichever direction they are written: an English
               source on a Hebrew page read ".Licence: In the public domain" -->
          <!-- and in the header's language, the nearest xml:lang around the source, when
               that is not the page's (probe 165: an English header's source line inherited
               an Arabic text's lang); its direction stays the words' own (a header's
               language does not say a source's title is not Hebrew) -->
          <xsl:variable name="tei" as="element()" select="."/>
          <span dir="auto">
            <xsl:for-each select="($source/ancestor-or-self::*[@xml:lang][1]/@xml:lang
                ! r:lang(.))[1][. ne r:text-lang($tei)]">
              <xsl:attribute name="lang" select="."/>
            </xsl:for-each>
            <xsl:choose>
              <xsl:when test="matches($described, $r:rtl-letters)">
                <xsl:sequence select="r:citation-isolated($source)"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="$described"/>
              </xsl:otherwise>
            </xsl:choose>
          </span>
        </p>
      </xsl:if>
      <xsl:if test="exists($revised)">
        <p class="revised">
          <span class="meta-label"><xsl:sequence select="$ui"/><xsl:value-of select="r:msg('text.revised')"/></span>
          <xsl:text> </xsl:text>
          <!-- the date in the interface's words and order: in an Arabic page's direction
               "21 December 2022" read "December 2022 21" (probe 48) -->
          <time datetime="{$revised}"><xsl:sequence select="$ui"/><xsl:value-of
              select="r:date-words($revised, true())"/></time>
        </p>
      </xsl:if>
      </xsl:if>
      <xsl:if test="r:has-views(.)">
        <!-- shown by edition.js: without script the reading view shows, and no switch -->
        <div class="view-switch" role="group" aria-label="{r:msg('view.label')}" hidden="hidden">
          <xsl:sequence select="$ui"/>
          <button type="button" data-view="reading" aria-pressed="true">
            <xsl:value-of select="r:msg('view.reading')"/>
          </button>
          <button type="button" data-view="diplomatic" aria-pressed="false">
            <xsl:value-of select="r:msg('view.diplomatic')"/>
          </button>
        </div>
      </xsl:if>
      <xsl:if test="not($part)">
      <ul class="text-links">
        <xsl:sequence select="$ui"/>
        <li><a href="about.html#text-{$stem}"><xsl:value-of select="r:msg('text.about')"/></a></li>
        <xsl:if test="$epub">
          <li><a href="../epub/{$stem}.epub" type="application/epub+zip"><xsl:value-of select="r:msg('text.epub')"/></a></li>
        </xsl:if>
        <xsl:if test="$tei-href != ''">
          <li><a href="{$tei-href}" type="application/tei+xml"><xsl:value-of select="r:msg('text.tei')"/></a></li>
        </xsl:if>
        <xsl:if test="exists($citation)">
          <li><a href="#ed-cite-this"><xsl:value-of select="r:msg('text.cite')"/></a></li>
        </xsl:if>
      </ul>
      </xsl:if>
    </header>
  </xsl:template>


  <!-- A text's filters in the search index (pipeline/builders/search.py), on the main of
       each of its pages: its one reading page, or the contents page and every part of a
       split text alike, so that a filter by text or language finds all of it. -->
  <xsl:function name="r:search-filters" as="attribute()+">
    <xsl:param name="tei" as="element(TEI)"/>
    <!-- a text of no known language ("und") is in no language's filter: "und (1)" -->
    <!-- a text of no language whose edition division has its object's (r:edition-lang) is
         found under that language -->
    <xsl:variable name="lang" as="xs:string" select="(r:text-lang($tei)[. ne 'und'],
        ($tei/text/body//div[@type = 'edition'] ! r:edition-lang(.))[1], 'und')[1]"/>
    <xsl:attribute name="data-pagefind-filter" select="'text[data-ed-title]'
        || (if ($lang = ('und', '')) then '' else ', language[data-ed-language]')"/>
    <xsl:attribute name="data-ed-title" select="r:title($tei)"/>
    <xsl:attribute name="data-ed-language" select="$lang"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  How a reading page says how to cite its text (issue 11, item 2).

  Python makes the citation (pipeline/citation.py: the header and [tool.edition] base-url,
  editors, publisher, doi) and passes it as the document $citation:

    <ed:citation url="..." absolute="true|false" issued="YYYY-MM-DD" bibtex="cite/x.bib"
                 json="cite/x.json" edition-doi="...">
      <ed:editor>Name</ed:editor>*
      <ed:meta name="citation_title" content="..."/>*   Highwire and Dublin Core, in order
      <ed:json-ld>{...}</ed:json-ld>                    schema.org, "</" already escaped
      <ed:style label="MLA">XHTML inline content</ed:style>*   citeproc-py's output
    </ed:citation>

  This module only lays it out: s:citation-head gives the head's meta tags and JSON-LD (for
  Zotero and other reference managers), s:cite-this the "Cite this" block. The block works
  without script (the page's address, editors, date, citations, downloads); assets/reader.js
  adds the address of the passage the reader has selected or followed, and the access date.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:s="urn:edition:shell"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:param name="citation" as="document-node()?" select="()"/>

  <xsl:mode name="s:cite-copy" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <!-- citeproc's i and b, without the namespaces of the citation document -->
  <xsl:template match="*" mode="s:cite-copy" as="element()">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:apply-templates select="node()" mode="s:cite-copy"/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="s:citation-head" as="element()*">
    <xsl:for-each select="$citation/ed:citation/ed:meta">
      <meta name="{@name}" content="{@content}"/>
    </xsl:for-each>
    <xsl:for-each select="$citation/ed:citation/ed:json-ld">
      <script type="application/ld+json"><xsl:value-of select="."/></script>
    </xsl:for-each>
  </xsl:template>

  <!-- $page: the file of the page it is on when that is a part of a split text (the
       passage's address is on that page; the text's own URL is its contents page). -->
  <!-- The address of a page of the text ($page, or the text's first page): beside the
       citation's URL, which is absolute when [tool.edition] base-url is set. -->
  <xsl:function name="s:page-url" as="xs:string">
    <xsl:param name="page" as="xs:string?"/>
    <xsl:variable name="url" as="xs:string" select="string($citation/ed:citation/@url)"/>
    <xsl:sequence select="if (empty($page)) then $url
        else if (contains($url, '/')) then replace($url, '/[^/]+$', '/') || $page
        else $page"/>
  </xsl:function>

  <!-- The text's citation on paper: the first formatted style (citeproc's, with the
       configured editors, publisher and address), else the header's own words. -->
  <xsl:template name="s:printed-citation" as="node()*">
    <xsl:param name="fallback" as="xs:string" required="yes"/>
    <xsl:variable name="style" as="element(ed:style)?" select="$citation/ed:citation/ed:style[1]"/>
    <xsl:choose>
      <xsl:when test="exists($style)">
        <xsl:apply-templates select="$style/node()" mode="s:cite-copy"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$fallback"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="s:cite-this" as="element()?">
    <xsl:param name="page" as="xs:string?" select="()"/>
    <xsl:variable name="c" as="element(ed:citation)?" select="$citation/ed:citation"/>
    <xsl:if test="exists($c)">
      <section id="ed-cite-this" class="cite-this" aria-labelledby="ed-cite-this-title"
          data-url="{s:page-url($page)}">
        <!-- the interface's words after a text in another language (reading.xsl) -->
        <xsl:sequence select=".[. instance of element()] ! s:ui-lang-attributes(.)"/>
        <h2 id="ed-cite-this-title"><xsl:value-of select="r:msg('cite.title')"/></h2>
        <xsl:if test="$c/@absolute = 'false'">
          <p class="cite-relative"><xsl:value-of select="r:msg('cite.relative')"/></p>
        </xsl:if>
        <dl class="cite-fields">
          <dt><xsl:value-of select="r:msg('cite.url')"/></dt>
          <dd><a class="cite-url" href="{$c/@url}"><xsl:value-of select="$c/@url"/></a></dd>
          <!-- filled by reader.js when a passage is selected or followed (#id) -->
          <dt class="cite-passage" hidden="hidden"><xsl:value-of select="r:msg('cite.passage')"/></dt>
          <dd class="cite-passage" hidden="hidden"><a class="cite-passage-url" href="#ed-main"></a></dd>
          <xsl:if test="exists($c/ed:editor)">
            <dt><xsl:value-of select="r:msg('cite.editors')"/></dt>
            <dd><xsl:value-of select="string-join($c/ed:editor, '; ')"/></dd>
          </xsl:if>
          <dt><xsl:value-of select="r:msg('cite.date')"/></dt>
          <dd><time datetime="{$c/@issued}"><xsl:value-of select="r:date-words($c/@issued, true())"/></time></dd>
          <xsl:if test="$c/@edition-doi != ''">
            <dt><xsl:value-of select="r:msg('cite.edition-doi')"/></dt>
            <dd>
              <a href="https://doi.org/{$c/@edition-doi}"><xsl:value-of select="$c/@edition-doi"/></a>
            </dd>
          </xsl:if>
          <!-- the reader's own date: only the browser knows it -->
          <dt class="cite-accessed" hidden="hidden"><xsl:value-of select="r:msg('cite.accessed')"/></dt>
          <dd class="cite-accessed" hidden="hidden"><span class="cite-accessed-date"></span></dd>
        </dl>
        <xsl:if test="exists($c/ed:style)">
          <h3><xsl:value-of select="r:msg('cite.styles')"/></h3>
          <dl class="cite-styles">
            <xsl:for-each select="$c/ed:style">
              <dt><xsl:value-of select="@label"/></dt>
              <dd class="cite-formatted"><xsl:apply-templates select="node()" mode="s:cite-copy"/></dd>
            </xsl:for-each>
          </dl>
        </xsl:if>
        <p class="cite-downloads">
          <xsl:value-of select="r:msg('cite.downloads')"/>
          <xsl:text> </xsl:text>
          <a href="{$c/@bibtex}" type="application/x-bibtex" download=""><xsl:value-of select="r:msg('cite.bibtex')"/></a>
          <xsl:text> · </xsl:text>
          <a href="{$c/@json}" type="application/vnd.citationstyles.csl+json" download=""><xsl:value-of select="r:msg('cite.csl')"/></a>
        </p>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's downloads on the home and about pages (issue 11, item 4): each text's TEI
  source as published, the registers, the whole edition as one zip, the index exports.

  Python (pipeline/builders/downloads.py) links the files into OUT/html/tei/ and passes what
  it wrote as $downloads:

    <ed:downloads>
      <ed:file kind="text|register|edition|index" href="tei/texts/a.xml" size="12345"
               stem="a" licence="words" licence-url="https://..."
               title="a register's own title" holds="persons places ..."/>*
    </ed:downloads>

  s:tei-downloads is the short list of the home page, s:download-table the about page's table
  with sizes and licences.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:s="urn:edition:shell"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:param name="downloads" as="document-node()?" select="()"/>

  <!-- The texts of the corpus the home and about pages read, by stem (s:file-label). -->
  <xsl:key name="s:text" match="tei:TEI[@ed:stem]" use="string(@ed:stem)"/>

  <!-- A size in bytes as people read it: "812 bytes", "12.3 KB", "4.1 MB" (SI units). -->
  <xsl:function name="s:size" as="xs:string">
    <xsl:param name="bytes" as="xs:integer"/>
    <xsl:sequence select="
        if ($bytes lt 1000) then r:msg('downloads.bytes', string($bytes))
        else if ($bytes lt 1000000)
        then r:msg('downloads.kb', format-number($bytes div 1000, '0.0'))
        else r:msg('downloads.mb', format-number($bytes div 1000000, '0.0'))"/>
  </xsl:function>

  <!-- The label of a downloadable file: a text's title; a register's own title, else what
       it lists ("Persons", "Places": the index pages' names); else its path inside tei/. The
       registers were offered as "registers/persons.xml" beside the texts' titles (probe 49):
       a file name says what a register is only to those who named it. -->
  <xsl:function name="s:file-label" as="xs:string">
    <xsl:param name="file" as="element(ed:file)"/>
    <xsl:param name="texts" as="element()*"/>
    <!-- through a key: the predicate $texts[@ed:stem = ...] scanned every text for every
         file, and the home and about pages of 9,761 letters took 18 s each -->
    <xsl:variable name="text" as="element()?" select="if ($file/@kind = 'text'
        and exists($texts)) then key('s:text', string($file/@stem), root($texts[1]))[1]
        else ()"/>
    <xsl:variable name="holds" as="xs:string*" select="tokenize($file/@holds)"/>
    <xsl:sequence select="
        if ($file/@kind = 'edition') then r:msg('downloads.all')
        else if (exists($text)) then r:title($text)
        else if (normalize-space($file/@title)) then normalize-space($file/@title)
        else if (exists($holds)) then string-join($holds ! r:msg('nav.' || .), r:ui-comma())
        else s:file-name($file)"/>
  </xsl:function>

  <!-- A file's path inside tei/ (or the index folder): the name it is saved under. -->
  <xsl:function name="s:file-name" as="xs:string">
    <xsl:param name="file" as="element(ed:file)"/>
    <xsl:sequence select="replace($file/@href, '^(tei|\.\./index)/', '')"/>
  </xsl:function>

  <!-- A register named by its title or contents keeps its file name beside it, as the name
       of what is downloaded ("Persons registers/persons.xml"). -->
  <xsl:template name="s:file-name" as="node()*">
    <xsl:param name="texts" as="element()*" required="yes"/>
    <xsl:if test="@kind = 'register' and s:file-label(., $texts) ne s:file-name(.)">
      <xsl:text> </xsl:text>
      <code class="download-name"><xsl:value-of select="s:file-name(.)"/></code>
    </xsl:if>
  </xsl:template>

  <xsl:template name="s:tei-downloads" as="element()*">
    <xsl:param name="texts" as="element()*" required="yes"/>
    <xsl:variable name="files" as="element(ed:file)*"
        select="$downloads/ed:downloads/ed:file[@kind = ('text', 'register', 'edition')]"/>
    <xsl:if test="exists($files)">
      <h3><xsl:value-of select="r:msg('downloads.tei')"/></h3>
      <ul class="download-list">
        <xsl:for-each select="$files[@kind = 'edition'], $files[@kind = 'text'],
            $files[@kind = 'register']">
          <li>
            <!-- a title written right to left is set apart from the size after it (probe 84:
                 "2.1 یادداشت‌ها kB") -->
            <a href="{@href}" type="{if (@kind = 'edition') then 'application/zip'
                else 'application/tei+xml'}" dir="auto">
              <xsl:value-of select="s:file-label(., $texts)"/>
            </a>
            <xsl:call-template name="s:file-name">
              <xsl:with-param name="texts" select="$texts"/>
            </xsl:call-template>
            <xsl:text> </xsl:text>
            <span class="download-size"><xsl:value-of select="s:size(xs:integer(@size))"/></span>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="s:download-table" as="element()?">
    <xsl:param name="texts" as="element()*" required="yes"/>
    <xsl:variable name="files" as="element(ed:file)*" select="$downloads/ed:downloads/ed:file"/>
    <xsl:if test="exists($files)">
      <section id="ed-downloads" class="downloads" aria-labelledby="ed-downloads-title">
        <h2 id="ed-downloads-title"><xsl:value-of select="r:msg('downloads.title')"/></h2>
        <!-- On a phone the table's four columns did not fit: it scrolled sideways, the
             licence out of sight, each row tall (probe 49). reader.css stacks each row there,
             its cells labelled from data-label (the column's heading); it stays a table for
             screen readers (Chromium keeps its roles; explicit ARIA roles on a table's
             parts are refused by the HTML checker). -->
        <div class="table-scroll">
          <table class="download-table">
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="r:msg('downloads.file')"/></th>
                <th scope="col"><xsl:value-of select="r:msg('downloads.kind')"/></th>
                <th scope="col"><xsl:value-of select="r:msg('downloads.size')"/></th>
                <th scope="col"><xsl:value-of select="r:msg('downloads.licence')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$files[@kind = 'edition'], $files[@kind = 'text'],
                  $files[@kind = 'register'], $files[@kind = 'index']">
                <tr>
                  <td>
                    <a href="{@href}" dir="auto"><xsl:value-of select="s:file-label(., $texts)"/></a>
                    <xsl:call-template name="s:file-name">
                      <xsl:with-param name="texts" select="$texts"/>
                    </xsl:call-template>
                  </td>
                  <td data-label="{r:msg('downloads.kind')}">
                    <xsl:value-of select="r:msg('downloads.kind.' || @kind)"/>
                  </td>
                  <td class="download-size" data-label="{r:msg('downloads.size')}">
                    <xsl:value-of select="s:size(xs:integer(@size))"/>
                  </td>
                  <td data-label="{r:msg('downloads.licence')}">
                    <xsl:choose>
                      <xsl:when test="@licence-url != ''">
                        <a href="{@licence-url}"><xsl:value-of select="(@licence[. != ''], @licence-url)[1]"/></a>
                      </xsl:when>
                      <xsl:when test="@licence != ''">
                        <xsl:value-of select="@licence"/>
                      </xsl:when>
                      <xsl:when test="@kind = ('edition', 'index')">
                        <xsl:value-of select="r:msg('downloads.licence.each')"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:value-of select="r:msg('downloads.licence.none')"/></xsl:otherwise>
                    </xsl:choose>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI text structure and phrase-level elements -> XHTML, in mode ee:text.

  Written for the EPUB because the shared rendering (xslt/common/) did not exist when the
  EPUB was built; see the EPUB section of docs/design.md. Every element keeps its normalized
  xml:id as its id, so links from the nav, the page-list and the index resolve.

  Block or phrase: HTML forbids blocks inside a paragraph, so the tunnel parameter $inline
  says which one a TEI element must become (quote inside p -> span, outside -> blockquote).
  Unhandled elements: rendered visibly as a div or span carrying their TEI name as a class,
  with their content, never dropped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ee="urn:edition:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:mode name="ee:text" on-no-match="fail" on-multiple-match="fail"/>

  <!-- div types with an EPUB structural semantic and its DPUB-ARIA role. -->
  <xsl:variable name="ee:div-semantics" as="map(xs:string, xs:string*)" select="map {
      'chapter': ('chapter', 'doc-chapter'),
      'introduction': ('introduction', 'doc-introduction'),
      'preface': ('preface', 'doc-preface'),
      'prologue': ('prologue', 'doc-prologue'),
      'epilogue': ('epilogue', 'doc-epilogue'),
      'dedication': ('dedication', 'doc-dedication'),
      'afterword': ('afterword', 'doc-afterword'),
      'conclusion': ('conclusion', 'doc-conclusion'),
      'part': ('part', 'doc-part'),
      'volume': ('volume', ()),
      'group': ('part', 'doc-part')
    }"/>

  <xsl:template match="text()" mode="ee:text">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="ee:text"/>

  <xsl:template match="tei:front | tei:body | tei:back | tei:group" mode="ee:text">
    <xsl:apply-templates mode="ee:text"/>
  </xsl:template>

  <!-- ===== structure ===== -->

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5"
      mode="ee:text">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:variable name="sem" as="xs:string*" select="$ee:div-semantics(string(@type))"/>
    <section id="{@xml:id}">
      <xsl:if test="exists($sem[1])">
        <xsl:attribute name="epub:type" select="$sem[1]"/>
      </xsl:if>
      <xsl:if test="exists($sem[2])">
        <xsl:attribute name="role" select="$sem[2]"/>
      </xsl:if>
      <xsl:if test="exists(@type)">
        <xsl:attribute name="class" select="'div-' || @type"/>
      </xsl:if>
      <xsl:apply-templates select="$content" mode="ee:text"/>
    </section>
  </xsl:template>

  <xsl:function name="ee:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="min((6, count($head/ancestor::*[ee:is-div(.)]) + 1))"/>
  </xsl:function>

  <xsl:template match="tei:head" mode="ee:text">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline or not(parent::*[ee:is-div(.)] or parent::tei:body
          or parent::tei:front or parent::tei:back)">
        <xsl:call-template name="ee:block-or-span">
          <xsl:with-param name="class" select="'head'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="h{ee:heading-level(.)}">
          <xsl:call-template name="ee:id"/>
          <xsl:apply-templates mode="ee:text">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="ee:text">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($inline) then 'span' else 'p'}">
      <xsl:call-template name="ee:id"/>
      <xsl:if test="$inline">
        <xsl:attribute name="class" select="'p'"/>
      </xsl:if>
      <xsl:apply-templates mode="ee:text">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:quote | tei:lg | tei:sp | tei:epigraph | tei:floatingText
      | tei:argument | tei:opener | tei:closer | tei:postscript | tei:titlePage
      | tei:docTitle | tei:titlePart | tei:byline | tei:docAuthor | tei:docImprint
      | tei:docDate | tei:salute | tei:signed | tei:dateline | tei:trailer | tei:speaker
      | tei:stage | tei:l | tei:label | tei:figure | tei:figDesc | tei:castList"
      mode="ee:text">
    <xsl:call-template name="ee:block-or-span">
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="block" select="if (self::tei:quote) then 'blockquote' else 'div'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A block (div, blockquote) in flow content, a span with display:block inside phrases. -->
  <xsl:template name="ee:block-or-span">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="class" as="xs:string" required="yes"/>
    <xsl:param name="block" as="xs:string" select="'div'"/>
    <xsl:element name="{if ($inline) then 'span' else $block}">
      <xsl:call-template name="ee:id"/>
      <xsl:attribute name="class" select="string-join(($class, @rend ! ('rend-' || .)), ' ')"/>
      <xsl:call-template name="ee:lang"/>
      <xsl:apply-templates mode="ee:text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list | tei:listBibl" mode="ee:text">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <xsl:call-template name="ee:block-or-span">
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="tei:head" mode="ee:text"/>
        <ul class="{local-name()}">
          <xsl:call-template name="ee:id"/>
          <xsl:for-each-group select="* except tei:head"
              group-ending-with="tei:item | tei:bibl | tei:biblStruct | tei:listBibl">
            <li>
              <xsl:for-each select="current-group()">
                <xsl:choose>
                  <xsl:when test="self::tei:item | self::tei:bibl | self::tei:biblStruct">
                    <xsl:call-template name="ee:id"/>
                    <xsl:apply-templates mode="ee:text"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:apply-templates select="." mode="ee:text"/>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </li>
          </xsl:for-each-group>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item | tei:bibl | tei:biblStruct" mode="ee:text">
    <span class="{local-name()}">
      <xsl:call-template name="ee:id"/>
      <xsl:apply-templates mode="ee:text"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:table" mode="ee:text">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <xsl:call-template name="ee:block-or-span">
          <xsl:with-param name="class" select="'table'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <table>
          <xsl:call-template name="ee:id"/>
          <xsl:for-each select="tei:head">
            <caption><xsl:apply-templates mode="ee:text">
              <xsl:with-param name="inline" select="true()" tunnel="yes"/>
            </xsl:apply-templates></caption>
          </xsl:for-each>
          <tbody>
            <xsl:for-each select="tei:row">
              <tr>
                <xsl:for-each select="tei:cell">
                  <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
                    <xsl:apply-templates mode="ee:text">
                      <xsl:with-param name="inline" select="true()" tunnel="yes"/>
                    </xsl:apply-templates>
                  </xsl:element>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:milestone" mode="ee:text">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <span class="milestone" role="separator">* * *</span>
      </xsl:when>
      <xsl:otherwise>
        <hr class="milestone"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== phrases ===== -->

  <xsl:template match="tei:hi | tei:emph | tei:foreign | tei:title | tei:term | tei:mentioned
      | tei:soCalled | tei:corr | tei:sic | tei:orig | tei:reg | tei:abbr | tei:expan | tei:add
      | tei:unclear | tei:supplied | tei:num | tei:measure | tei:q | tei:said | tei:seg
      | tei:w | tei:c | tei:choice | tei:del | tei:roleName | tei:forename | tei:surname
      | tei:addName | tei:genName | tei:nameLink | tei:publisher | tei:pubPlace | tei:author
      | tei:editor | tei:idno | tei:biblScope | tei:resp | tei:respStmt | tei:edition
      | tei:imprint | tei:monogr | tei:analytic | tei:series | tei:distributor" mode="ee:text">
    <xsl:variable name="rend" as="xs:string" select="lower-case(string(@rend))"/>
    <xsl:variable name="name" as="xs:string" select="
        if (self::tei:emph) then 'em'
        else if (self::tei:hi and matches($rend, 'sup')) then 'sup'
        else if (self::tei:hi and matches($rend, 'sub')) then 'sub'
        else if (self::tei:hi and matches($rend, 'bold')) then 'b'
        else if (self::tei:hi and ($rend = '' or matches($rend, 'ital'))) then 'i'
        else if (self::tei:title) then 'cite'
        else 'span'"/>
    <xsl:element name="{$name}">
      <xsl:call-template name="ee:id"/>
      <xsl:attribute name="class" select="string-join((local-name(),
          tokenize($rend, '\s+')[. != ''] ! ('rend-' || .)), ' ')"/>
      <xsl:call-template name="ee:lang"/>
      <xsl:apply-templates mode="ee:text">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lb" mode="ee:text">
    <br/>
  </xsl:template>

  <xsl:template match="tei:cb | tei:fw | tei:anchor[not(@xml:id)] | tei:graphic | tei:binaryObject"
      mode="ee:text"/>

  <xsl:template match="tei:anchor[@xml:id]" mode="ee:text">
    <span id="{@xml:id}"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="ee:text">
    <span class="gap" title="text omitted in the source">[…]</span>
  </xsl:template>

  <xsl:template match="tei:date | tei:time" mode="ee:text">
    <span class="date">
      <xsl:call-template name="ee:id"/>
      <xsl:apply-templates mode="ee:text">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- Links: the web (allow-listed schemes), a note (noteref), anything else in the book. -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]" mode="ee:text">
    <xsl:variable name="target" as="xs:string" select="tokenize(normalize-space(@target), ' ')[1]"/>
    <xsl:variable name="local" as="element()?"
        select="if (starts-with($target, '#')) then key('ee:id', substring($target, 2)) else ()"/>
    <xsl:choose>
      <xsl:when test="$local/self::tei:note">
        <xsl:call-template name="ee:noteref">
          <xsl:with-param name="note" select="$local"/>
          <xsl:with-param name="label" select="normalize-space(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="exists(ancestor::*[ee:is-link(.)])">
        <span class="ref">
          <xsl:call-template name="ee:id"/>
          <xsl:call-template name="ee:link-text"/>
        </span>
      </xsl:when>
      <xsl:when test="exists($local/ancestor::tei:text)">
        <a href="{ee:href($local)}"><xsl:call-template name="ee:id"/><xsl:call-template name="ee:link-text"/></a>
      </xsl:when>
      <xsl:when test="matches($target, '^(https?|mailto):', 'i')">
        <a href="{$target}" class="external"><xsl:call-template name="ee:id"/><xsl:call-template name="ee:link-text"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref">
          <xsl:call-template name="ee:id"/>
          <xsl:call-template name="ee:link-text"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ee:link-text">
    <xsl:choose>
      <xsl:when test="normalize-space(.) = ''">
        <xsl:value-of select="@target"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="ee:text">
          <xsl:with-param name="inline" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr" mode="ee:text">
    <span class="ref">
      <xsl:call-template name="ee:id"/>
      <xsl:apply-templates mode="ee:text">
        <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- Anything else: visible, with its content, marked with its TEI name. -->
  <xsl:template match="*" mode="ee:text" priority="-10">
    <xsl:call-template name="ee:block-or-span">
      <xsl:with-param name="class" select="'tei-' || local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== helpers ===== -->

  <xsl:key name="ee:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <xsl:template name="ee:id">
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ee:lang">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
      <xsl:attribute name="xml:lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>


</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Blocks of running text: paragraphs, lists, quotations, tables and figures. Verse and drama
  have modules of their own (verse.xsl, drama.xsl).

  HTML is stricter than TEI about nesting: a p admits only phrasing content, a ul only li, a
  tr only cells. So a TEI p that holds a list, a table or verse becomes <div class="p">; and
  anything TEI places between list items, rows or cells (pb, milestone, notes, whitespace)
  is moved into the item, row or cell that follows it, so that no text is lost and the
  markup stays valid.
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

  <!-- True when an element holds TEI blocks that HTML does not admit inside a p. -->
  <xsl:function name="r:has-blocks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e//(list | table | lg | l | sp | floatingText | figure | p | ab
        | div | listBibl | castList | titlePage | epigraph | argument | opener | closer
        | quote[p | l | lg | list | ab] | cit[quote[p | l | lg | list | ab]])
        [not(ancestor::note[ancestor::* intersect $e])])"/>
  </xsl:function>

  <xsl:template match="p | ab" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <!-- the most frequent element of any text: a literal p is the cheapest rendering -->
      <xsl:when test="not($r:phrasing) and not(r:has-blocks(.))">
        <p>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="local-name()"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="r:paragraph-link"/>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="if (r:has-blocks(.)) then 'div' else 'p'"/>
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Lists: item -> li, with the labels and other nodes before it. -->
  <xsl:template match="list | listBibl" mode="r:main" as="element()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="items" as="element()*" select="item | bibl | biblStruct | listBibl
        | msDesc | biblFull"/>
    <xsl:apply-templates select="head" mode="r:main"/>
    <xsl:element name="{if ($r:phrasing) then 'span'
        else if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol'
        else 'ul'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name() || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <!-- the headings of a glossary's two columns (headLabel, headItem) -->
      <xsl:if test="headLabel | headItem">
        <xsl:element name="{if ($r:phrasing) then 'span' else 'li'}">
          <xsl:attribute name="class" select="'list-head' || (if ($r:phrasing) then ' block' else '')"/>
          <xsl:for-each select="headLabel | headItem">
            <xsl:if test="position() gt 1">
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:call-template name="r:inline">
              <xsl:with-param name="class" select="local-name()"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:element>
      </xsl:if>
      <xsl:for-each-group select="node() except (head | headLabel | headItem)"
          group-ending-with="*[. intersect $items]">
        <xsl:variable name="item" as="element()?" select="current-group()[. intersect $items]"/>
        <xsl:choose>
          <xsl:when test="exists($item)">
            <xsl:element name="{if ($r:phrasing) then 'span' else 'li'}">
              <xsl:for-each select="$item[self::item]">
                <xsl:call-template name="r:attributes">
                  <xsl:with-param name="class"
                      select="local-name() || (if ($r:phrasing) then ' block' else '')"/>
                </xsl:call-template>
              </xsl:for-each>
              <xsl:if test="not($item[self::item])">
                <xsl:attribute name="class"
                    select="'entry' || (if ($r:phrasing) then ' block' else '')"/>
              </xsl:if>
              <xsl:apply-templates select="current-group() except $item" mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
              <!-- a label and its item are two words even when the source runs them on -->
              <xsl:if test="$item/preceding-sibling::node()[1][self::label]">
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:apply-templates select="$item" mode="r:item"/>
            </xsl:element>
          </xsl:when>
          <!-- Trailing nodes after the last item: whitespace is dropped, anything else kept. -->
          <xsl:when test="exists(current-group()[self::* or normalize-space()])">
            <xsl:element name="{if ($r:phrasing) then 'span' else 'li'}">
              <xsl:attribute name="class" select="'after-items'"/>
              <xsl:apply-templates select="current-group()" mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:element>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each-group>
    </xsl:element>
  </xsl:template>

  <xsl:mode name="r:item" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The content of an item (its attributes went to the li). -->
  <xsl:template match="*" mode="r:item" as="node()*">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:apply-templates select="if (self::item) then node() else ."
        mode="r:main">
      <xsl:with-param name="r:phrasing" select="$r:phrasing" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="item" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="label" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="parent::list or $r:phrasing">
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="'label'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'p'"/>
          <xsl:with-param name="class" select="'label'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Quotations: a quote of paragraphs or verse is a blockquote; a short one runs in the text
       (the source's own quotation marks are kept, none are added). -->
  <xsl:template match="quote | cit" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="not($r:phrasing) and (r:has-blocks(.) or not(r:is-inline(.)))">
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'blockquote'"/>
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- a dictionary's example right after its definition is a phrase apart -->
        <xsl:call-template name="r:word-space"/>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="q | said" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Tables: head -> caption; rows and cells; stray nodes go into the next cell. -->
  <xsl:template match="table" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'table block'"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap">
          <table>
            <xsl:call-template name="r:attributes"/>
            <xsl:if test="head">
              <caption>
                <xsl:apply-templates select="head/node()" mode="r:main">
                  <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </caption>
            </xsl:if>
            <tbody>
              <xsl:call-template name="r:grouped">
                <xsl:with-param name="nodes" select="node() except head"/>
                <xsl:with-param name="unit" select="row"/>
              </xsl:call-template>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="row" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'tr'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="if ($r:phrasing) then 'row block' else ()"/>
      </xsl:call-template>
      <xsl:call-template name="r:grouped">
        <xsl:with-param name="nodes" select="node()"/>
        <xsl:with-param name="unit" select="cell"/>
      </xsl:call-template>
    </xsl:element>
  </xsl:template>

  <xsl:template match="cell" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="r:before" as="node()*" select="()"/>
    <!-- an empty cell heads nothing: a header cell only when it has words -->
    <xsl:variable name="header" as="xs:boolean" select="(@role = 'label' or ../@role = 'label')
        and (normalize-space() or exists(*))"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else if ($header) then 'th' else 'td'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="if ($r:phrasing) then 'cell' else ()"/>
      </xsl:call-template>
      <xsl:if test="not($r:phrasing)">
        <xsl:if test="matches(@cols, '^0*[2-9][0-9]*$|^0*1[0-9]+$')">
          <xsl:attribute name="colspan" select="xs:integer(@cols)"/>
        </xsl:if>
        <xsl:if test="matches(@rows, '^0*[2-9][0-9]*$|^0*1[0-9]+$')">
          <xsl:attribute name="rowspan" select="xs:integer(@rows)"/>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates select="$r:before" mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="$r:phrasing" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Renders $unit elements of $nodes, each with the non-whitespace nodes before it. -->
  <xsl:template name="r:grouped" as="node()*">
    <xsl:param name="nodes" as="node()*" required="yes"/>
    <xsl:param name="unit" as="element()*" required="yes"/>
    <xsl:for-each-group select="$nodes[self::* or normalize-space()]"
        group-ending-with="*[. intersect $unit]">
      <xsl:variable name="main" as="element()?" select="current-group()[. intersect $unit]"/>
      <xsl:choose>
        <xsl:when test="exists($main) and $main[self::row] and count(current-group()) gt 1">
          <tr class="between-rows"><td>
            <xsl:apply-templates select="current-group() except $main" mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </td></tr>
          <xsl:apply-templates select="$main" mode="r:main"/>
        </xsl:when>
        <xsl:when test="exists($main)">
          <xsl:apply-templates select="$main" mode="r:main">
            <xsl:with-param name="r:before" select="current-group() except $main"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <!-- nodes after the last row or cell: a last row or cell of their own -->
          <xsl:choose>
            <xsl:when test="$unit[1][self::row]">
              <tr class="after-rows"><td>
                <xsl:apply-templates select="current-group()" mode="r:main">
                  <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </td></tr>
            </xsl:when>
            <xsl:otherwise>
              <td class="after-cells">
                <xsl:apply-templates select="current-group()" mode="r:main">
                  <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </td>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- Figures: no image is fetched from elsewhere; a relative image URL is shown, and the
       description (figDesc) is always rendered, as alt text and as caption. -->
  <xsl:template match="figure" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'figure'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'figure' || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:apply-templates select="node() except (head | figDesc)" mode="r:main"/>
      <xsl:if test="head or figDesc">
        <xsl:element name="{if ($r:phrasing) then 'span' else 'figcaption'}">
          <xsl:for-each select="head | figDesc">
            <!-- the heading and the description of a figure are apart, whatever the source -->
            <xsl:if test="position() gt 1">
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:apply-templates select="." mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:for-each>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template match="figure/head" mode="r:main" as="element()" priority="2">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'strong'"/>
      <xsl:with-param name="class" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="figDesc" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="'figDesc'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="graphic | media" mode="r:main" as="element()?">
    <xsl:variable name="url" as="xs:string?" select="if ($graphics-checked)
        then r:graphic-src(.) else r:safe-url(@url)[not(matches(., '^(https?|mailto):', 'i'))]"/>
    <xsl:if test="exists($url)">
      <img src="{$url}" alt="{r:plain(ancestor::figure[1]/figDesc)}">
        <xsl:call-template name="r:attributes">
          <xsl:with-param name="class" select="'graphic'"/>
        </xsl:call-template>
      </img>
    </xsl:if>
  </xsl:template>

  <xsl:template match="eg | egXML" mode="r:main" as="element()">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'code'"/>
      <xsl:with-param name="class" select="'eg'"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

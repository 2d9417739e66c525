<?xml version="1.0" encoding="UTF-8"?>
<!--
  A long text on several pages (issue 11): a text whose reading page would weigh more than
  $page-chars is split by the plan of xslt/common/plan.xsl (one page per top-level division, a
  division heavier than that split again at its own divisions) into <stem><sep>1.html,
  <stem><sep>2.html ... ($part-separator, chosen by the build so that no page of one text is
  named like another text's page), and <stem>.html becomes the text's contents page: its
  header, the list of its parts and what the single page shows after the text (an
  apparatus and notes the standOff keeps, the witnesses).

  The weight is estimated from the TEI (characters of text, and $r:html-markup-weight for
  each element), so that the entity index (index/entities.xsl) computes the same plan and
  knows on which page each name and date is without seeing the pages.

  Every page of a split text: the page shell, a header with the text's title (linking to the
  contents), the navigation to the previous and next parts and the contents, the contents in
  the aside (section navigation), the part's text with its footnotes, "back to top", and the
  note popovers and entity cards of the names in it.

  The pages come back as the transform's one HTML output, each page after an XML comment
  'ed:page NAME', straight to the serialiser (no page is held as a tree: holding, copying and
  serialising them in the stylesheet took 40% of a long text's time).
  pipeline/builders/parts.py cuts them apart and gives a link to an id of the text that is on
  another of its pages (the contents, a pointer, a note called from elsewhere, a siglum)
  that page's file name.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:r="urn:edition:render"
    xmlns:s="urn:edition:shell"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="../../common/plan.xsl"/>

  <!-- The estimated weight of a page above which a text is split (0: never split). -->
  <xsl:param name="page-chars" as="xs:integer" select="0"/>
  <!-- Between a text's stem and the number of its part: "-" unless another text is named so. -->
  <xsl:param name="part-separator" as="xs:string" select="'-'"/>

  <!-- The parts of this text (common/plan.xsl units with 'file'), or none when it is one page. -->
  <xsl:variable name="r:parts" as="map(*)*"
      select="r:html-parts((/TEI/text)[1], $stem, $page-chars, $part-separator)"/>

  <!-- Whether passages are on one page (common/alignment.xsl: a parallel run split by the plan
       stays in sequence, so that the entity index's pages, computed from the plan, hold). -->
  <xsl:function name="r:one-page" as="xs:boolean">
    <xsl:param name="passages" as="element()*"/>
    <xsl:sequence select="empty($r:parts) or count(distinct-values($passages
        /descendant-or-self::*[r:is-div(.)] ! r:plan-file-of($r:part-files, ., ''))) le 1"/>
  </xsl:function>
  <xsl:variable name="r:part-files" as="map(xs:string, xs:string)"
      select="r:plan-file-map($r:parts)"/>

  <!-- A part's name: the heading of its first division, else "Part n". -->
  <xsl:function name="r:part-label" as="xs:string">
    <xsl:param name="unit" as="map(*)"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="div" as="element()?"
        select="($unit?lead, $unit?nodes/descendant-or-self::*[r:is-div(.)])[head][1]"/>
    <xsl:variable name="label" as="xs:string" select="if (exists($div)) then r:plain(r:main-head($div))
        else ''"/>
    <xsl:sequence select="if ($label != '') then $label else r:msg('parts.part', string($n))"/>
  </xsl:function>

  <!-- Every page of the split text, each after its 'ed:page' comment. -->
  <xsl:template name="r:split-pages" as="node()+">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:variable name="tei" as="element(TEI)" select="."/>
    <!-- the same contents beside every part: made once (it was a third of a split text's
         time when each of its 30 pages made it again) -->
    <xsl:variable name="toc" as="element()?">
      <xsl:call-template name="r:toc">
        <xsl:with-param name="scope" select="text"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:comment select="'ed:page ' || $stem || '.html'"/>
    <xsl:call-template name="r:contents-page"/>
    <xsl:for-each select="$r:parts">
      <xsl:comment select="'ed:page ' || ?file"/>
      <xsl:call-template name="r:part-page">
        <xsl:with-param name="toc" select="$toc"/>
        <xsl:with-param name="tei" select="$tei"/>
        <xsl:with-param name="unit" select="."/>
        <xsl:with-param name="n" select="position()"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- The contents page, <stem>.html: the text's header and a list of its parts with their
       divisions. -->
  <xsl:template name="r:contents-page" as="element()">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:call-template name="s:page">
      <xsl:with-param name="title" select="r:title(.)"/>
      <xsl:with-param name="page" select="$stem || '.html'"/>
      <xsl:with-param name="lang" select="r:text-lang(.)"/>
      <xsl:with-param name="dir" select="r:text-dir(.)"/>
      <xsl:with-param name="description" select="string-join((r:title(.), r:authors(.)), ' — ')"/>
      <xsl:with-param name="body-class" select="'page reading contents-page'"/>
      <xsl:with-param name="search-attributes" select="r:search-filters(.)"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:sequence select="r:letter-links(.)"/>
        <xsl:call-template name="s:citation-head"/>
        <link rel="next" href="{$r:parts[1]?file}"/>
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
          <!-- the manuscript it transcribes, as the single page shows it (the index's
               locators of the description's names lead here) -->
          <xsl:call-template name="r:shown-descriptions"/>
          <nav class="parts" aria-labelledby="ed-parts-title">
            <!-- the interface's heading and part names; a division's head says its language
                 (common/toc.xsl) -->
            <xsl:sequence select="s:ui-lang-attributes(.)"/>
            <h2 id="ed-parts-title"><xsl:value-of select="r:msg('toc.title')"/></h2>
            <ol class="toc-list parts-list">
              <xsl:for-each select="$r:parts">
                <xsl:call-template name="r:part-entries">
                  <xsl:with-param name="unit" select="."/>
                  <xsl:with-param name="n" select="position()"/>
                </xsl:call-template>
              </xsl:for-each>
            </ol>
          </nav>
          <xsl:call-template name="r:standoff-apparatus">
            <xsl:with-param name="tei" select="."/>
          </xsl:call-template>
          <!-- the notes the standOff keeps, as the single page shows them after the text: on
               no part page they were shown, their calls opened nothing and the index's
               locators of their names led nowhere (task 38) -->
          <xsl:call-template name="r:standoff-notes">
            <xsl:with-param name="tei" select="."/>
          </xsl:call-template>
          <xsl:call-template name="r:witnesses">
            <xsl:with-param name="tei" select="."/>
          </xsl:call-template>
        </article>
        <xsl:call-template name="r:parts-nav">
          <xsl:with-param name="n" select="0"/>
          <xsl:with-param name="landmark" select="true()"/>
        </xsl:call-template>
        <!-- the text's canonical page: its header links to this block -->
        <xsl:call-template name="s:cite-this"/>
        <xsl:call-template name="r:print-citation">
          <xsl:with-param name="page" select="$stem || '.html'"/>
        </xsl:call-template>
        <!-- the cards of the entries the notes name -->
        <xsl:call-template name="r:entity-cards">
          <xsl:with-param name="scope" select="r:notes-apart(.), r:record-descriptions(.)"/>
          <xsl:with-param name="shared" select="true()"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A part in the list of parts: the contents entries of its divisions (a division split
       again is one entry: its divisions are the parts after it), or its name. -->
  <xsl:template name="r:part-entries" as="element(h:li)+">
    <xsl:param name="unit" as="map(*)" required="yes"/>
    <xsl:param name="n" as="xs:integer" required="yes"/>
    <xsl:variable name="entries" as="element()*">
      <xsl:if test="empty($unit?lead)">
        <xsl:apply-templates select="$unit?nodes" mode="r:toc"/>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($entries)">
        <xsl:sequence select="$entries"/>
      </xsl:when>
      <xsl:otherwise>
        <li><a href="{$unit?file}"><xsl:value-of select="r:part-label($unit, $n)"/></a></li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Previous part, contents, next part. The first is a landmark; the one after the text is
       not (two navigation landmarks of one name would be ambiguous). -->
  <xsl:template name="r:parts-nav" as="element()">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:param name="n" as="xs:integer" required="yes"/>
    <xsl:param name="landmark" as="xs:boolean" required="yes"/>
    <xsl:variable name="previous" as="map(*)?" select="$r:parts[$n - 1]"/>
    <xsl:variable name="next" as="map(*)?" select="$r:parts[$n + 1]"/>
    <xsl:element name="{if ($landmark) then 'nav' else 'div'}">
      <xsl:attribute name="class" select="'parts-nav'"/>
      <xsl:sequence select="s:ui-lang-attributes(.)"/>
      <xsl:if test="$landmark">
        <xsl:attribute name="aria-label" select="r:msg('parts.nav')"/>
      </xsl:if>
      <ul>
        <xsl:if test="exists($previous)">
          <li class="parts-prev">
            <a rel="prev" href="{$previous?file}">
              <xsl:value-of select="r:msg('parts.previous', r:part-label($previous, $n - 1))"/>
            </a>
          </li>
        </xsl:if>
        <!-- before the first part comes the contents page itself: one link, not the same
             link twice under the same words -->
        <xsl:if test="$n ge 1">
          <li class="parts-up">
            <a href="{$stem}.html">
              <xsl:if test="empty($previous)">
                <xsl:attribute name="rel" select="'prev'"/>
              </xsl:if>
              <xsl:value-of select="r:msg('parts.contents')"/>
            </a>
          </li>
        </xsl:if>
        <xsl:if test="exists($next)">
          <li class="parts-next">
            <a rel="next" href="{$next?file}">
              <xsl:value-of select="r:msg('parts.next', r:part-label($next, $n + 1))"/>
            </a>
          </li>
        </xsl:if>
      </ul>
    </xsl:element>
  </xsl:template>

  <!-- One part of the text on its page. -->
  <xsl:template name="r:part-page" as="element()">
    <xsl:param name="toc" as="element()?" required="yes"/>
    <xsl:param name="tei" as="element(TEI)" required="yes"/>
    <xsl:param name="unit" as="map(*)" required="yes"/>
    <xsl:param name="n" as="xs:integer" required="yes"/>
    <xsl:variable name="nodes" as="element()*" select="$unit?before, $unit?lead, $unit?nodes,
        $unit?after"/>
    <xsl:variable name="previous" as="map(*)?" select="$r:parts[$n - 1]"/>
    <xsl:variable name="next" as="map(*)?" select="$r:parts[$n + 1]"/>
    <xsl:for-each select="$tei">
      <xsl:call-template name="s:page">
        <xsl:with-param name="title" select="r:part-label($unit, $n) || ' · ' || r:title(.)"/>
        <xsl:with-param name="page" select="$unit?file"/>
        <xsl:with-param name="lang" select="r:text-lang(.)"/>
        <xsl:with-param name="dir" select="r:text-dir(.)"/>
        <xsl:with-param name="description" select="string-join((r:title(.), r:authors(.)), ' — ')"/>
        <xsl:with-param name="body-class" select="'page reading part-page'"/>
        <xsl:with-param name="skip-label" select="r:msg('skip.text')"/>
        <xsl:with-param name="search-attributes" select="r:search-filters(.)"/>
        <xsl:with-param name="head" as="element()*">
          <xsl:sequence select="r:letter-links(.)"/>
          <!-- the text's citation (its URL is the text's first page): a reference manager
               finds the text from any of its parts -->
          <xsl:call-template name="s:citation-head"/>
          <link rel="prev" href="{if (exists($previous)) then $previous?file else $stem || '.html'}"/>
          <xsl:if test="exists($next)">
            <link rel="next" href="{$next?file}"/>
          </xsl:if>
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
          <xsl:call-template name="r:parts-nav">
            <xsl:with-param name="n" select="$n"/>
            <xsl:with-param name="landmark" select="true()"/>
          </xsl:call-template>
          <article class="edition-text part{if (r:has-views(.)) then ' has-views' else ''}"
              data-copied="{r:msg('link.copied')}">
            <xsl:call-template name="s:text-header">
              <xsl:with-param name="part" select="true()"/>
            </xsl:call-template>
            <xsl:call-template name="r:part-context">
              <xsl:with-param name="unit" select="$unit"/>
            </xsl:call-template>
            <div class="tei-text">
              <div class="{replace(($unit?matter, 'bodymatter')[1], 'matter$', '')}">
                <xsl:apply-templates select="$unit?before" mode="r:main">
                  <xsl:with-param name="r:dir" select="r:text-dir(.)" tunnel="yes"/>
                </xsl:apply-templates>
                <xsl:choose>
                  <xsl:when test="exists($unit?lead)">
                    <xsl:apply-templates select="$unit?lead" mode="r:main">
                      <xsl:with-param name="content" select="$unit?nodes"/>
                      <xsl:with-param name="r:dir" select="r:text-dir(.)" tunnel="yes"/>
                    </xsl:apply-templates>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:apply-templates select="$unit?nodes" mode="r:main">
                      <xsl:with-param name="r:dir" select="r:text-dir(.)" tunnel="yes"/>
                    </xsl:apply-templates>
                  </xsl:otherwise>
                </xsl:choose>
                <xsl:apply-templates select="$unit?after" mode="r:main">
                  <xsl:with-param name="r:dir" select="r:text-dir(.)" tunnel="yes"/>
                </xsl:apply-templates>
              </div>
            </div>
            <xsl:if test="exists($nodes)">
              <xsl:call-template name="r:footnotes">
                <xsl:with-param name="scope" select="$nodes"/>
              </xsl:call-template>
            </xsl:if>
          </article>
          <xsl:call-template name="r:parts-nav">
            <xsl:with-param name="n" select="$n"/>
            <xsl:with-param name="landmark" select="false()"/>
          </xsl:call-template>
          <xsl:call-template name="r:to-top"/>
          <!-- the text's citation, and the address of a passage of this part -->
          <xsl:call-template name="s:cite-this">
            <xsl:with-param name="page" select="$unit?file"/>
          </xsl:call-template>
          <xsl:call-template name="r:print-citation">
            <xsl:with-param name="page" select="$unit?file"/>
          </xsl:call-template>
          <xsl:call-template name="r:facsimile-viewer">
            <xsl:with-param name="tei" select="."/>
          </xsl:call-template>
          <!-- the notes the standOff keeps that this part calls: their popovers (the notes
               are on the contents page, where a popover's link leads), and the cards of
               the entries they name -->
          <xsl:variable name="apart" as="element()*" select="r:notes-apart(.)
              [some $p in r:pointers(.) satisfies exists($p/ancestor-or-self::* intersect $nodes)]"/>
          <xsl:if test="exists($nodes)">
            <xsl:call-template name="r:note-popovers">
              <xsl:with-param name="scope" select="$nodes"/>
              <xsl:with-param name="apart" select="$apart"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:call-template name="r:entity-cards">
            <xsl:with-param name="scope" select="$nodes, $apart"/>
            <xsl:with-param name="shared" select="true()"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- The headings of the divisions a part lies in when they are on earlier pages ("Volume
       II" above its chapter), so that the page's headings keep their levels; without ids. -->
  <xsl:template name="r:part-context" as="element()*">
    <xsl:param name="unit" as="map(*)" required="yes"/>
    <xsl:variable name="first" as="element()?" select="($unit?lead, $unit?nodes)[1]"/>
    <xsl:for-each select="$first/ancestor::*[r:is-div(.)][head]">
      <xsl:element name="h{r:heading-level(r:main-head(.))}">
        <xsl:attribute name="class" select="'head part-context'"/>
        <xsl:value-of select="r:plain(r:main-head(.))"/>
      </xsl:element>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>

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
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
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

  <!-- A bibliography of entries without words (I.Sicily's <listBibl type="discussion"><bibl/>
       </listBibl>) is nothing to read: it was a list of one empty bullet (probe 42). -->
  <xsl:template match="listBibl[r:empty-blocks(.)]" mode="r:main" priority="1"
      as="empty-sequence()"/>

  <!-- Lists: item -> li, with the labels and other nodes before it. -->
  <xsl:template match="list | listBibl" mode="r:main" as="element()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="items" as="element()*" select="item | bibl | biblStruct | listBibl
        | msDesc | biblFull"/>
    <xsl:variable name="ordered" as="xs:boolean"
        select="@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')"/>
    <!-- a list run into its sentence (rend or type "inline", "runin", "run-on"): its items
         one after the other, without bullets, a space between two -->
    <xsl:variable name="run-in" as="xs:boolean" select="tokenize(lower-case(normalize-space(
        string-join((@rend, @type), ' ')))) = ('inline', 'runin', 'run-in', 'run-on')"/>
    <!-- items numbered by the source (item/@n, Guidelines 3.8): an ordered list takes their
         numbers (li/@value); numbers that are no integers ("i", "a)") are written before the
         items, in place of the list's own -->
    <xsl:variable name="own-numbers" as="xs:string?" select="if (not($ordered) or $r:phrasing
        or empty(item[normalize-space(@n)])) then ()
        else if (every $n in item/@n satisfies normalize-space($n) castable as xs:integer)
        then 'value' else 'marker'"/>
    <!-- every item after its own label ("(a)", "1.", "Colophon": label, Guidelines 3.8): the
         label is the item's mark, so the list draws no bullet or number of its own; it read
         "• (a) labelled one" and, in an ordered list, "1. 1. first" (probe 50) -->
    <xsl:variable name="labelled" as="xs:boolean" select="not($r:phrasing) and exists(item)
        and (every $i in item satisfies $i/preceding-sibling::*[not(r:gloss-global(.))][1]
            [self::label])"/>
    <xsl:apply-templates select="head" mode="r:main"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else if ($ordered) then 'ol' else 'ul'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name() || (if ($r:phrasing) then ' block' else '')
            || (if ($own-numbers = 'marker') then ' own-numbers' else '')
            || (if ($run-in) then ' list-inline' else '')
            || (if ($labelled) then ' labelled' else '')"/>
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
      <!-- the items by id, as r:grouped has them (a bibliography of 16,000 entries took 2.6
           times the time of one of 8,000) -->
      <xsl:variable name="item-ids" as="map(xs:string, xs:boolean)"
          select="map:merge($items ! map:entry(generate-id(.), true()))"/>
      <!-- an entry of no words (a template's <bibl/>, I.Sicily's) is no entry: it was an
           empty bullet (probe 42) -->
      <xsl:for-each-group select="node() except (head | headLabel | headItem
          | bibl[r:empty-blocks(.)])"
          group-ending-with="*[map:contains($item-ids, generate-id(.))]">
        <xsl:variable name="item" as="element()?"
            select="current-group()[map:contains($item-ids, generate-id(.))]"/>
        <xsl:choose>
          <xsl:when test="exists($item)">
            <xsl:if test="$run-in and position() gt 1">
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:element name="{if ($r:phrasing) then 'span' else 'li'}">
              <xsl:for-each select="$item[self::item]">
                <xsl:call-template name="r:attributes">
                  <xsl:with-param name="class"
                      select="local-name() || (if ($r:phrasing) then ' block' else '')"/>
                </xsl:call-template>
                <xsl:if test="$own-numbers = 'value' and normalize-space(@n)">
                  <xsl:attribute name="value" select="xs:integer(normalize-space(@n))"/>
                </xsl:if>
              </xsl:for-each>
              <xsl:if test="not($item[self::item])">
                <xsl:attribute name="class"
                    select="'entry' || (if ($r:phrasing) then ' block' else '')"/>
              </xsl:if>
              <xsl:if test="$own-numbers = 'marker' and normalize-space($item/@n)">
                <span class="item-n"><xsl:value-of select="normalize-space($item/@n)"/></span>
                <xsl:text> </xsl:text>
              </xsl:if>
              <!-- an entry's label (@n, "a number or other label", Guidelines 1.3.1): the
                   corpus an inscription is cited by, which I.Sicily gives there alone
                   (<bibl type="corpus" n="CIL"><citedRange>10.7190</citedRange>...): the
                   entry read "10.7190", of no corpus (probe 42). Not when its words say it. -->
              <xsl:for-each select="$item[self::bibl or self::biblStruct or self::biblFull]
                  /@n[normalize-space()][not(contains(concat(' ', normalize-space(..), ' '),
                  concat(' ', normalize-space(.), ' ')))]">
                <span class="bibl-n"><xsl:value-of select="normalize-space(.)"/></span>
                <xsl:text> </xsl:text>
              </xsl:for-each>
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

  <!-- A glossary (list type="gloss", Guidelines 3.8: each item after the label it glosses)
       is a description list: a term (dt) and its gloss (dd), the two headings (headLabel,
       headItem) first. Only when every item has its label; otherwise a list as above. -->
  <xsl:function name="r:gloss-global" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::pb or self::cb or self::lb or self::milestone
        or self::fw or self::anchor])"/>
  </xsl:function>

  <!-- Whether a list is such a glossary, a description list (a book's division of it is a
       glossary of terms and their definitions: epub/modules/structure.xsl, probe 161). -->
  <xsl:function name="r:is-glossary-list" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="exists($list[self::list][@type = 'gloss'][item]
        [empty(* except (head | headLabel | headItem | label | item | pb | cb | lb | milestone
            | fw | anchor))]
        [not(text()[normalize-space()])]
        [every $i in item satisfies $i/preceding-sibling::*[not(r:gloss-global(.))][1][self::label]]
        [every $l in label satisfies $l/following-sibling::*[not(r:gloss-global(.))][1][self::item]])"/>
  </xsl:function>

  <!-- A page or column break, a milestone, a running head between its pairs (model.global)
       goes with the pair it comes before (in its term), or at the end of the last gloss. -->
  <xsl:template match="list[r:is-glossary-list(.)]" mode="r:main" as="element()+" priority="1">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="head" mode="r:main"/>
        <dl>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'list gloss'"/>
          </xsl:call-template>
          <xsl:if test="headLabel | headItem">
            <div class="list-head">
              <dt><xsl:apply-templates select="headLabel/node()" mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates></dt>
              <dd><xsl:apply-templates select="headItem/node()" mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates></dd>
            </div>
          </xsl:if>
          <xsl:for-each select="item">
            <div>
              <xsl:call-template name="r:attributes">
                <xsl:with-param name="class" select="'item'"/>
              </xsl:call-template>
              <xsl:variable name="label" as="element()"
                  select="preceding-sibling::*[not(r:gloss-global(.))][1]"/>
              <dt>
                <xsl:for-each select="$label">
                  <xsl:call-template name="r:attributes">
                    <xsl:with-param name="class" select="'label'"/>
                  </xsl:call-template>
                  <xsl:apply-templates mode="r:main" select="preceding-sibling::*
                      [r:gloss-global(.)][following-sibling::*[not(r:gloss-global(.))][1]
                      is current()], node()">
                    <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                  </xsl:apply-templates>
                </xsl:for-each>
              </dt>
              <!-- a gloss of lists or paragraphs keeps them as blocks (a dd admits them):
                   a nested list was spans, "the brazierthe basket" (probe 54) -->
              <dd>
                <xsl:apply-templates mode="r:main" select="preceding-sibling::*
                    [r:gloss-global(.)][. >> $label], node(), following-sibling::*
                    [r:gloss-global(.)][empty(following-sibling::*[not(r:gloss-global(.))])]">
                  <xsl:with-param name="r:phrasing" select="not(r:has-blocks(.))" tunnel="yes"/>
                </xsl:apply-templates>
              </dd>
            </div>
          </xsl:for-each>
        </dl>
      </xsl:otherwise>
    </xsl:choose>
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

  <xsl:template match="label" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="parent::list">
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="'label'"/>
        </xsl:call-template>
      </xsl:when>
      <!-- a label in running text names the part it begins (a Mishnah manuscript's "ג" before
           its clause, a numbered paragraph's "2."): a word apart from the text around it, so a
           space where the source writes none, or "ג" and "שום" read as one word -->
      <xsl:when test="$r:phrasing">
        <xsl:variable name="prev" as="node()?" select="preceding-sibling::node()[1]"/>
        <xsl:variable name="next" as="node()?" select="following-sibling::node()[1]"/>
        <xsl:if test="exists($prev) and r:phrase-level($prev)
            and matches(r:last-char($prev), '[\w\p{Pe}\p{Pf}.,;:!?]')">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="'label'"/>
        </xsl:call-template>
        <xsl:if test="exists($next) and r:phrase-level($next)
            and matches(substring(string($next), 1, 1), '[\w\p{Ps}\p{Pi}]')">
          <xsl:text> </xsl:text>
        </xsl:if>
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
       (the source's own quotation marks are kept, none are added), and so does one among the
       words of an element that is no paragraph (a decoNote's "written the word ..., goose."
       was a block quote with its full stop alone under it: probe 48). Inside phrasing (a
       sentence, a hi) a quote of paragraphs is a span marked "block", set off and indented
       as a blockquote is: it was a plain span whose paragraphs stood flush with the words
       around them, in the book and on the page alike (probe 47). -->
  <xsl:template match="quote | cit" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="r:has-blocks(.) or not($r:phrasing) and not(r:is-inline(.)
          or exists(../text()[normalize-space()]))">
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

  <!-- A q of paragraphs or verse (TEI 3.3.3: quoted speech or writing of any length) is a
       block quotation as a quote of them is (r:has-blocks' quote[p | l | lg | list | ab]);
       a q around a table or a figure stays a phrase with that block inside. -->
  <xsl:template match="q | said" mode="r:main" as="element()">
    <xsl:choose>
      <xsl:when test="self::q[p | l | lg | list | ab]">
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'blockquote'"/>
          <xsl:with-param name="class" select="'q'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
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
    <!-- the units by id: "intersect $unit" at every node compared it with every unit, so a
         table of 8,000 rows took eight times the time of one of 2,000 (a map is looked up in
         constant time) -->
    <xsl:variable name="units" as="map(xs:string, xs:boolean)"
        select="map:merge($unit ! map:entry(generate-id(.), true()))"/>
    <xsl:for-each-group select="$nodes[self::* or normalize-space()]"
        group-ending-with="*[map:contains($units, generate-id(.))]">
      <xsl:variable name="main" as="element()?"
          select="current-group()[map:contains($units, generate-id(.))]"/>
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
       description (figDesc) is always rendered, as alt text and as caption. The description
       is for "documenting an image without displaying it" (Guidelines 14.4): where it is the
       alt text of an image shown, its words in the caption are for the eye alone
       (aria-hidden), or a screen reader read them twice, once as the image and once after
       it (probe 50). -->
  <xsl:template match="figure" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- a heading before words the figure holds (a printed notice, a poem set apart) is read
         first, where it stands, as the heading of those words: in the caption, after them,
         it was read last (the word fuzz, bench/wordfuzz.py) -->
    <xsl:variable name="words" as="element()*" select="(p | ab | lg | l | quote | q | said | cit
        | list | table | sp | floatingText | div)[normalize-space()]"/>
    <xsl:variable name="heading" as="element()*" select="head[exists(following-sibling::*
        intersect $words)]"/>
    <xsl:variable name="shown" as="node()*">
      <xsl:for-each select="node() except (head except $heading | figDesc)">
        <xsl:choose>
          <xsl:when test=". intersect $heading">
            <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
              <xsl:attribute name="class"
                  select="'figure-head' || (if ($r:phrasing) then ' block' else '')"/>
              <xsl:apply-templates select="." mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:element>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="." mode="r:main"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="alt-texts" as="xs:string*"
        select="$shown/descendant-or-self::*:img/@alt ! string()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'figure'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'figure' || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:sequence select="$shown"/>
      <!-- a recording's or a video's description is its caption (it has no picture) -->
      <xsl:variable name="described" as="element()*"
          select="(graphic | media)[r:media-kind(.) != 'image']/desc[normalize-space()][1]"/>
      <xsl:if test="(head except $heading) or figDesc or $described">
        <xsl:element name="{if ($r:phrasing) then 'span' else 'figcaption'}">
          <xsl:for-each select="(head except $heading) | figDesc | $described">
            <!-- the heading and the description of a figure are apart, whatever the source -->
            <xsl:if test="position() gt 1">
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:variable name="caption" as="node()*">
              <xsl:apply-templates select="." mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="self::figDesc and r:plain(.) = $alt-texts
                  and count($caption) = 1 and $caption instance of element()">
                <xsl:for-each select="$caption">
                  <xsl:copy>
                    <xsl:sequence select="@*"/>
                    <xsl:attribute name="aria-hidden" select="'true'"/>
                    <xsl:sequence select="node()"/>
                  </xsl:copy>
                </xsl:for-each>
              </xsl:when>
              <xsl:otherwise>
                <xsl:sequence select="$caption"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- Notated music (TEI 3.10 "Notated Music in Written Text"): the notation itself is
       elsewhere (ptr to an MEI or MusicXML file) or drawn (graphic). It stands as a figure
       does: the drawing or the link where the source has them, its label and description
       as the caption, so that a reader knows what the music is without reading notation. -->
  <xsl:template match="notatedMusic" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'figure'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class"
            select="'figure notatedMusic' || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:apply-templates select="node() except (label | desc)" mode="r:main"/>
      <xsl:if test="(label | desc)[normalize-space()]">
        <xsl:if test="$r:phrasing">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:element name="{if ($r:phrasing) then 'span' else 'figcaption'}">
          <xsl:for-each select="(label | desc)[normalize-space()]">
            <xsl:if test="position() gt 1">
              <xsl:text> </xsl:text>
            </xsl:if>
            <span class="{local-name()}">
              <xsl:apply-templates mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </span>
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

  <!-- An image (graphic, or media of an image type) shows when its file is published (or
       under the edition's image server): its alt text is the figure's description, else its
       own desc. A recording (media of an audio type) is an audio player; a video or another
       file a link to it (a video has no captions to offer). What does not show keeps its
       description in view, as a link when its address is on the web: nothing is loaded from
       elsewhere, and no description is lost. -->
  <xsl:template match="graphic | media" mode="r:main" as="element()?">
    <xsl:variable name="url" as="xs:string?" select="if ($graphics-checked)
        then r:graphic-src(.) else r:safe-url(@url)[not(matches(., '^(https?|mailto):', 'i'))]"/>
    <xsl:variable name="kind" as="xs:string" select="r:media-kind(.)"/>
    <xsl:variable name="own-desc" as="xs:string?" select="(desc ! r:plain(.))[. != ''][1]"/>
    <!-- the words shown beside it: none when its figure's caption has them -->
    <xsl:variable name="desc" as="xs:string?"
        select="$own-desc[not(current()/parent::figure and $kind != 'image')]"/>
    <xsl:variable name="alt" as="xs:string" select="(r:plain(ancestor::figure[1]/figDesc)[. != ''],
        (parent::notatedMusic/desc ! r:plain(.))[. != ''][1], $own-desc, '')[1]"/>
    <xsl:variable name="web" as="xs:string?"
        select="r:safe-url(@url)[matches(., '^https?://', 'i')]"/>
    <xsl:choose>
      <xsl:when test="exists($url) and $kind = 'image'">
        <img src="{$url}" alt="{$alt}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'graphic'"/>
          </xsl:call-template>
        </img>
      </xsl:when>
      <xsl:when test="exists($url) and $kind = 'audio'">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'media media-audio'"/>
          </xsl:call-template>
          <audio controls="" preload="none" src="{$url}">
            <xsl:if test="$alt != ''">
              <xsl:attribute name="aria-label" select="$alt"/>
            </xsl:if>
            <a href="{$url}"><span class="media-name"><xsl:value-of select="r:file-name($url)"/></span></a>
          </audio>
          <xsl:if test="exists($desc)">
            <xsl:text> </xsl:text>
            <span class="media-desc"><xsl:value-of select="$desc"/></span>
          </xsl:if>
        </span>
      </xsl:when>
      <xsl:when test="exists(($url, $web))">
        <a href="{($url, $web)[1]}">
          <xsl:if test="empty($url)">
            <xsl:attribute name="rel" select="'external'"/>
          </xsl:if>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'media media-link'"/>
          </xsl:call-template>
          <xsl:choose>
            <xsl:when test="exists($desc)">
              <xsl:value-of select="$desc"/>
            </xsl:when>
            <!-- no words of the text to show: the file's name -->
            <xsl:otherwise>
              <span class="media-name">
                <xsl:value-of select="r:file-name(($url, $web)[1])"/>
              </span>
            </xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:when>
      <xsl:when test="exists($desc)">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'media media-desc'"/>
          </xsl:call-template>
          <xsl:value-of select="$desc"/>
        </span>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- image, audio, video or other: by @mimeType, else by the file's extension (a graphic
       without either is an image). A format browsers cannot show (TIFF) is "other". -->
  <!-- The name a reader knows a media file by: the last step of its address, without query
       or fragment ('clip.mp3' of 'media/clip.mp3?t=3'). -->
  <xsl:function name="r:file-name" as="xs:string?">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="tokenize(replace($url, '[?#].*$', ''), '/')[normalize-space()][last()]"/>
  </xsl:function>

  <xsl:function name="r:media-kind" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="mime" as="xs:string" select="lower-case(normalize-space(tokenize(
        normalize-space($e/@mimeType))[1]))"/>
    <xsl:variable name="path" as="xs:string" select="replace(normalize-space($e/@url), '[?#].*$',
        '')"/>
    <xsl:variable name="extension" as="xs:string" select="if (matches($path, '\.[A-Za-z0-9]+$'))
        then lower-case(replace($path, '^.*\.', '')) else ''"/>
    <xsl:sequence select="
        if (matches($mime, '^image/(tiff|x-tiff)')) then 'other'
        else if (starts-with($mime, 'image/')) then 'image'
        else if (starts-with($mime, 'audio/')) then 'audio'
        else if (starts-with($mime, 'video/')) then 'video'
        else if ($mime != '') then 'other'
        else if ($extension = ('png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'bmp'))
          then 'image'
        else if ($extension = ('mp3', 'wav', 'ogg', 'oga', 'm4a', 'flac', 'aac', 'opus'))
          then 'audio'
        else if ($extension = ('mp4', 'webm', 'ogv', 'mov', 'm4v')) then 'video'
        else if ($extension = ('tif', 'tiff', 'pdf', 'xml', 'txt', 'zip')) then 'other'
        else if ($e/self::graphic) then 'image' else 'other'"/>
  </xsl:function>

  <!-- An example (eg): code; between blocks, or with its whitespace kept (xml:space), a block
       that keeps its lines and indentation (edition.css, book.css: .eg-pre). -->
  <xsl:template match="eg" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="kept" as="xs:boolean"
        select="ancestor-or-self::*[@xml:space][1]/@xml:space = 'preserve'"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'code'"/>
      <xsl:with-param name="class" select="'eg' || (if ($kept) then ' eg-pre' else '')
          || (if (not($r:phrasing or r:is-inline(.))) then ' eg-block' else '')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An example of XML (egXML, in the TEI Examples namespace, Guidelines 22.1.1): its markup
       is what it shows, so its source is shown, tags and all, never rendered as the text's
       own elements. The namespace declarations the serialiser writes are left out of the
       tags alone: the words of an example that speak of one (the jTEI guidelines' "&lt;egXML
       xmlns=...&gt;", probe 24) lost them. The indentation the example has in its file is
       not the example's: the lines are moved left by what they all share. -->
  <xsl:template match="*:egXML" mode="r:main" as="element()" priority="1">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="serialized" as="xs:string" select="
        serialize(node(), map { 'method': 'xml', 'omit-xml-declaration': true() })"/>
    <!-- a tag is '<' to '>': the serialiser writes both as references in text and in
         attribute values -->
    <xsl:variable name="untagged" as="xs:string">
      <xsl:value-of>
        <xsl:analyze-string select="$serialized" regex="&lt;[^&lt;&gt;]*&gt;">
          <xsl:matching-substring>
            <xsl:value-of select="replace(.,
                '\s+xmlns(:[\w.-]+)?=(&quot;[^&quot;]*&quot;|''[^'']*'')', '')"/>
          </xsl:matching-substring>
          <xsl:non-matching-substring>
            <xsl:value-of select="."/>
          </xsl:non-matching-substring>
        </xsl:analyze-string>
      </xsl:value-of>
    </xsl:variable>
    <xsl:variable name="source" as="xs:string"
        select="r:dedent(replace($untagged, '^\s*\n|\s+$', ''))"/>
    <code>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'eg egXML eg-pre'
            || (if (not($r:phrasing or r:is-inline(.))) then ' eg-block' else '')"/>
      </xsl:call-template>
      <xsl:value-of select="$source"/>
    </code>
  </xsl:template>

  <!-- The lines of $text moved left by the white space that all of them (blank lines aside)
       begin with. -->
  <xsl:function name="r:dedent" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="lines" as="xs:string*" select="tokenize($text, '\n')"/>
    <xsl:variable name="shared" as="xs:integer" select="(min($lines[normalize-space()]
        ! (string-length(.) - string-length(replace(., '^[ \t]+', '')))), 0)[1]"/>
    <xsl:sequence select="string-join($lines ! (if (normalize-space()) then substring(.,
        $shared + 1) else ''), '&#10;')"/>
  </xsl:function>

</xsl:stylesheet>

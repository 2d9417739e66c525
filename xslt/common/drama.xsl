<?xml version="1.0" encoding="UTF-8"?>
<!--
  Performance texts (TEI Guidelines chapter 7): the cast list, speeches, speakers, stage
  directions and the setting.

  Cast list (castList): a section headed by its head (a heading at the level of a div there,
  listed in the contents: toc.xsl), its items a list: each castItem one entry, role in small
  capitals, then its description (roleDesc) and the actor, kept apart by a comma or a dash
  whatever the source's spacing; a castGroup is an entry holding its own head, its list and
  the description the group shares, printed beside the list as a bracket.

  Speeches (sp): the speaker is set off; a stage direction right after the speaker runs on
  in the speaker's line ("ARIST, in the doorway"). A prose speech runs on from the speaker
  ("GÄRTNER. Alles fertig ..."), with no blank line before the speech; a verse speech has the
  speaker on a line of its own above the lines, so that split lines can be stepped
  (verse.xsl).

  Stage directions (stage): inside a line or paragraph they run in the text, in italics; between
  speeches or lines they are paragraphs of their own, in italics, with @type as a class
  (an exit is set to the right, a setting centred: edition.css, book.css).
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

  <!-- Cast list ============================================================================= -->

  <xsl:template match="castList" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing">
        <xsl:call-template name="r:block">
          <xsl:with-param name="class" select="'castList'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (head) then 'section' else 'div'}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'castList'"/>
          </xsl:call-template>
          <xsl:apply-templates select="head" mode="r:cast-head"/>
          <xsl:call-template name="r:cast-items"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:mode name="r:cast-head" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The cast list's heading: one level below the headed divs around it. -->
  <xsl:template match="castList/head" mode="r:cast-head" as="element()">
    <xsl:element name="h{r:section-level(.)}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'head cast-head'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="castGroup/head" mode="r:cast-head" as="element()">
    <span class="castGroup-head">
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- The entries of a castList or castGroup as ul/li; anything between entries (a pb, a
       note) goes into the entry that follows it, so the list stays valid HTML. -->
  <xsl:template name="r:cast-items" as="element()?">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="entries" as="element()*" select="castItem | castGroup"/>
    <xsl:if test="exists($entries)">
      <ul class="cast">
        <xsl:for-each-group select="(node() except (head | roleDesc[parent::castGroup]))
            [self::* or normalize-space()]" group-ending-with="castItem | castGroup">
          <xsl:variable name="entry" as="element()?" select="current-group()[self::castItem
              or self::castGroup]"/>
          <li>
            <xsl:for-each select="$entry">
              <xsl:call-template name="r:attributes">
                <xsl:with-param name="class" select="local-name()"/>
              </xsl:call-template>
            </xsl:for-each>
            <xsl:apply-templates select="current-group() except $entry" mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
            <xsl:apply-templates select="$entry" mode="r:cast-entry"/>
          </li>
        </xsl:for-each-group>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:mode name="r:cast-entry" on-no-match="fail" on-multiple-match="fail"/>

  <!-- One character: role, description, actor, whitespace between them left to us: the
       separator a part gives itself (r:cast-before), else a space between two of its
       elements, which other parts of the item are (a roleName: "Jane Lady a maid" read
       "JaneLadya maid", probe 164). -->
  <xsl:template match="castItem" mode="r:cast-entry" as="node()*">
    <xsl:for-each select="node()">
      <xsl:choose>
        <xsl:when test="self::text()[not(normalize-space())]">
          <xsl:variable name="next" as="element()?" select="following-sibling::*[1]"/>
          <xsl:if test="exists(preceding-sibling::*) and exists($next)
              and not($next[self::role or self::roleDesc or self::actor]
                      [exists(r:cast-before(.))])">
            <xsl:text> </xsl:text>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A group: its head, its entries, and the description they share beside them. -->
  <xsl:template match="castGroup" mode="r:cast-entry" as="element()+">
    <xsl:apply-templates select="head" mode="r:cast-head"/>
    <div class="castGroup-body">
      <xsl:call-template name="r:cast-items"/>
      <xsl:for-each select="roleDesc">
        <span class="roleDesc group-desc">
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- Items met outside a castList's own rendering (a castItem in a castList rendered in
       running text): spans, laid out as blocks by the stylesheets. -->
  <xsl:template match="castItem | castGroup" mode="r:main" as="element()">
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name() || ' block'"/>
      </xsl:call-template>
      <xsl:apply-templates select="." mode="r:cast-entry"/>
    </span>
  </xsl:template>

  <!-- The part of a cast item just before $part, with no words of the source between them
       (a comma the source writes, between or at the start of this part, is its own: none is
       added); a note, a break or an anchor between them is no words of the entry: a voice's
       note after the role ran "Salvini¹Friend of Adelson" (probe 36). A roleName written in
       the item is such a part (probe 164). -->
  <xsl:function name="r:cast-before" as="element()?">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="$part/preceding-sibling::node()
        [not(self::text()[not(normalize-space())])]
        [not(self::note or self::pb or self::lb or self::cb or self::anchor or self::index)]
        [1][self::role or self::roleDesc or self::actor or self::roleName]"/>
  </xsl:function>

  <xsl:template match="role | roleDesc | actor" mode="r:main" as="node()+">
    <xsl:variable name="before" as="element()?" select="r:cast-before(.)"/>
    <xsl:if test="exists($before) and not(matches(r:plain(.), '^[,.;:!?—–)\]]'))">
      <xsl:value-of select="if (self::actor) then ' — '
          else if (matches(r:plain($before), '[,.;:!?—–-]$')) then ' ' else ', '"/>
    </xsl:if>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Speeches ============================================================================== -->

  <xsl:template match="sp" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="speaker" as="element()?" select="speaker[1]"/>
    <xsl:variable name="next" as="element()?" select="$speaker/following-sibling::*[1]"/>
    <!-- a stage direction right after the speaker runs on in the speaker's line -->
    <xsl:variable name="run-on" as="element()?" select="$next[self::stage]"/>
    <xsl:variable name="first" as="element()?"
        select="($speaker/following-sibling::* except $run-on)[1]"/>
    <!-- a prose speech starts in the speaker's line -->
    <xsl:variable name="prose" as="element()?" select="$first[self::p or self::ab]
        [not(r:has-blocks(.))][not($r:phrasing)]"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'sp' || (if ($r:phrasing) then ' block' else '')
            || (if (exists($prose)) then ' prose' else '')"/>
      </xsl:call-template>
      <xsl:apply-templates select="$speaker/preceding-sibling::node()" mode="r:main"/>
      <xsl:variable name="label" as="node()*">
        <!-- an empty speaker (<speaker/>, a place kept for a name) is no label: it drew an
             empty speaker line -->
        <xsl:apply-templates select="$speaker[normalize-space() or *]" mode="r:speaker"/>
        <!-- no speaker element: the speech's speakers named from @who (7.2.2: speaker is
             optional, @who says who speaks) -->
        <xsl:if test="empty($speaker[normalize-space() or *]) and normalize-space(@who)
            and exists(r:who-labels(@who, root(.))[normalize-space()])">
          <!-- in brackets, as the editors' other words are (probe 100: "Narrateur" for an
               empty speaker looked like the source's) -->
          <span class="speaker speaker-supplied" title="{r:msg('tr.supplied')}">
            <xsl:sequence select="r:mark('[')"/>
            <xsl:call-template name="r:supplied-speakers"/>
            <xsl:sequence select="r:mark(']')"/>
          </span>
        </xsl:if>
        <xsl:for-each select="$run-on">
          <xsl:text> </xsl:text>
          <xsl:apply-templates select="." mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="exists($prose)">
          <xsl:for-each select="$prose">
            <xsl:element name="{if (self::ab) then 'div' else 'p'}">
              <xsl:call-template name="r:attributes">
                <xsl:with-param name="class" select="local-name()"/>
              </xsl:call-template>
              <xsl:sequence select="$label"/>
              <xsl:text> </xsl:text>
              <xsl:apply-templates mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
              <!-- its link, as every other paragraph has (probe 24: the one paragraph of
                   most speeches of a prose play had none) -->
              <xsl:call-template name="r:paragraph-link"/>
            </xsl:element>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="exists($label)">
          <xsl:element name="{if ($r:phrasing) then 'span' else 'p'}">
            <xsl:attribute name="class"
                select="'speaker-line' || (if ($r:phrasing) then ' block' else '')"/>
            <xsl:sequence select="$label"/>
          </xsl:element>
        </xsl:when>
      </xsl:choose>
      <xsl:apply-templates select="if (exists($speaker))
          then $speaker/following-sibling::node() except ($run-on, $prose)
          else node()" mode="r:main"/>
    </xsl:element>
  </xsl:template>

  <xsl:mode name="r:speaker" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="speaker" mode="r:speaker" as="element()">
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'speaker'"/>
      </xsl:call-template>
      <!-- the words of a joint speech ("BOTH") say who speaks on hover, as no one link can -->
      <xsl:if test="count(tokenize(parent::sp/@ed:speakers)) gt 1">
        <xsl:attribute name="title"
            select="string-join(r:who-labels(parent::sp/@who, root(.)), ', ')"/>
      </xsl:if>
      <xsl:call-template name="r:speaker-link">
        <xsl:with-param name="speech" select="parent::sp"/>
        <xsl:with-param name="words" as="node()*">
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:with-param>
      </xsl:call-template>
    </span>
  </xsl:template>

  <!-- A speaker's words lead to the entry of the index that lists the speeches of the one
       role or person the speech's @who names (ed:speakers), as a name leads to its entry: a
       reader asks who speaks and what else they say. A speech of several ("BOTH") is no
       one's entry, and words that hold a link of their own (a name, a note's call) keep
       it, since a link cannot hold another. -->
  <xsl:template name="r:speaker-link" as="node()*">
    <xsl:param name="speech" as="element()?" required="yes"/>
    <xsl:param name="words" as="node()*" required="yes"/>
    <xsl:variable name="entities" as="xs:string*" select="tokenize($speech/@ed:speakers)"/>
    <xsl:variable name="href" as="xs:string?" select="if (count($entities) eq 1)
        then r:entry($entities) ! r:entry-href(.) else ()"/>
    <xsl:choose>
      <xsl:when test="exists($href)
          and empty($words/descendant-or-self::*[local-name() = ('a', 'button')])">
        <a class="speaker-link" href="{$href}">
          <xsl:sequence select="$words"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$words"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The speakers of a speech without a speaker element, named from its @who, each name
       leading to its own entry (probe 93: a joint speech, "Rosencrantz, Guildenstern", led
       nowhere, since a link names one entry); a pointer that resolves to no entry is named
       by its id and leads nowhere. -->
  <xsl:template name="r:supplied-speakers" as="node()*">
    <xsl:variable name="speech" as="element()" select="."/>
    <xsl:variable name="entities" as="xs:string*" select="tokenize(@ed:speakers)"/>
    <xsl:variable name="ids" as="xs:string*"
        select="tokenize(normalize-space(@who)) ! replace(., '^.*#', '')[. != '']"/>
    <xsl:variable name="labels" as="xs:string*" select="r:who-labels(@who, root(.))"/>
    <xsl:for-each select="$labels">
      <xsl:variable name="i" as="xs:integer" select="position()"/>
      <xsl:if test="$i gt 1">, </xsl:if>
      <!-- ed:speakers holds the ids of the entries found, in @who's order; a pointer whose
           id is not among them (a prefixed one, or none) gets no link -->
      <xsl:variable name="href" as="xs:string?" select="if ($ids[$i] = $entities)
          then r:entry($ids[$i]) ! r:entry-href(.) else ()"/>
      <xsl:choose>
        <xsl:when test="exists($href) and count($labels) gt 1">
          <a class="speaker-link" href="{$href}">
            <xsl:value-of select="."/>
          </a>
        </xsl:when>
        <xsl:when test="count($labels) gt 1">
          <xsl:value-of select="."/>
        </xsl:when>
        <xsl:otherwise>
          <!-- one speaker: the speech's one entry, however its pointer was written -->
          <xsl:call-template name="r:speaker-link">
            <xsl:with-param name="speech" select="$speech"/>
            <xsl:with-param name="words" as="text()">
              <xsl:value-of select="."/>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A further speaker element of a speech (rare): a label line of its own. -->
  <xsl:template match="speaker" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'speaker-line' || (if ($r:phrasing) then ' block' else '')"/>
      <xsl:apply-templates select="." mode="r:speaker"/>
    </xsl:element>
  </xsl:template>

  <!-- Stage directions ====================================================================== -->

  <!-- A group of speeches that belong together (TEI 7.2.3: a song, a chorus): a block. -->
  <xsl:template match="spGrp" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="'spGrp'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="stage" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing or r:is-inline(.)">
        <!-- a direction run into a line is apart from the words around it -->
        <xsl:if test="r:space-before(.) or preceding-sibling::node()[1]
            [self::text()][matches(r:last-char(.), '\w')]">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="element" select="'i'"/>
          <xsl:with-param name="class" select="'stage'"/>
        </xsl:call-template>
        <xsl:if test="following-sibling::node()[1][self::text()]
            [matches(substring(., 1, 1), '\w')]">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="if (r:has-blocks(.)) then 'div' else 'p'"/>
          <xsl:with-param name="class" select="'stage'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The setting of a play or scene, and the technical directions of a performance text. -->
  <xsl:template match="set" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="'set'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="move | view | camera | sound | caption | tech" mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="element" select="'i'"/>
      <xsl:with-param name="class" select="'stage ' || local-name()"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Transcriptions of speech (TEI Guidelines chapter 8): utterances (u) with who speaks, pauses,
  and the non-verbal events described in them (vocal, kinesic, incident, writing, shift).

  An utterance is a paragraph-like block led by its speaker's name when @who points at a
  person the registers know (else by the pointer's own id), then by the time it begins in the
  recording when its @start (or its block's) points at a timeline's when (8.4.2, 16.4.2); in
  running text it is a span displayed as a block. Two utterances never run together ("passing
  truck" / "you").
  Described events are bracketed and in italics, as transcripts print them; the description
  is the encoding's own words.
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

  <xsl:template match="u" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- an utterance of a block speaks for its block's speaker (annotationBlock/@who) -->
    <xsl:variable name="who" as="xs:string?"
        select="r:who-label((@who, parent::annotationBlock/@who)[1], root(.))"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'u' || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:if test="exists($who)">
        <span class="u-who"><xsl:value-of select="$who"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <!-- where it begins in the recording, which a reader listening to it looks for (the
           timeline itself shows nothing: inline.xsl); the first utterance of a block begins
           where the block does -->
      <xsl:variable name="start" as="attribute()?" select="(@start,
          parent::annotationBlock[current() is u[1]]/@start)[1]"/>
      <xsl:for-each select="$start ! r:timeline-seconds(.) ! r:clock-time(.)">
        <span class="u-time" title="{r:msg('spoken.time')}" dir="ltr" data-pagefind-ignore="">
          <xsl:value-of select="."/>
        </span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Times of a transcription (TEI 16.4.2, timeline and when): a when's offset from the
       timeline's origin, in seconds, summed along its @since chain of @interval, in the unit
       of the when or of its timeline. A when that gives no interval in a known unit, or whose
       @since is neither the origin nor a when before it, has no offset: an absolute clock
       time of a when other than the origin is not read. The offsets of a document's timelines
       are computed once, in one pass over each (a chain of @since from when to when, as some
       exports write them, would cost its length for every utterance). -->
  <xsl:function name="r:timeline-seconds" as="xs:decimal?">
    <xsl:param name="pointer" as="attribute()"/>
    <xsl:sequence select="r:when-offsets(root($pointer))(replace(normalize-space($pointer),
        '^#', ''))"/>
  </xsl:function>

  <!-- cached: asked once per utterance, computed once per document -->
  <xsl:function name="r:when-offsets" as="map(xs:string, xs:decimal)" cache="yes">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="map:merge($root/descendant::timeline ! r:timeline-offsets(.))"/>
  </xsl:function>

  <xsl:function name="r:timeline-offsets" as="map(xs:string, xs:decimal)">
    <xsl:param name="timeline" as="element()"/>
    <xsl:variable name="origin" as="xs:string?" select="if ($timeline/@origin)
        then replace(normalize-space($timeline/@origin), '^#', '')
        else $timeline/when[1][not(@since)]/@xml:id/string()"/>
    <xsl:iterate select="$timeline/when[@xml:id]">
      <xsl:param name="offsets" as="map(xs:string, xs:decimal)"
          select="map:merge($origin ! map:entry(., 0))"/>
      <xsl:on-completion select="$offsets"/>
      <xsl:variable name="factor" as="xs:decimal?" select="map{'ms': 0.001, 's': 1, 'min': 60,
          'h': 3600, 'd': 86400}(normalize-space((@unit, $timeline/@unit)[1]))"/>
      <xsl:variable name="since" as="xs:decimal?"
          select="$offsets(replace(normalize-space(@since), '^#', ''))"/>
      <xsl:variable name="offset" as="xs:decimal?" select="if (exists($since) and exists($factor)
          and normalize-space(@interval) castable as xs:decimal)
          then $since + xs:decimal(normalize-space(@interval)) * $factor else ()"/>
      <xsl:next-iteration>
        <xsl:with-param name="offsets" select="if (exists($offset[. ge 0])
            and not(map:contains($offsets, string(@xml:id))))
            then map:put($offsets, string(@xml:id), $offset) else $offsets"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- Seconds as a recording's clock reads them: "0:03.665", "1:02:05". -->
  <xsl:function name="r:clock-time" as="xs:string">
    <xsl:param name="seconds" as="xs:decimal"/>
    <xsl:variable name="hours" as="xs:integer" select="xs:integer($seconds idiv 3600)"/>
    <xsl:variable name="minutes" as="xs:integer" select="xs:integer(($seconds mod 3600) idiv 60)"/>
    <xsl:variable name="rest" as="xs:decimal" select="$seconds mod 60"/>
    <xsl:variable name="secs" as="xs:string"
        select="(if ($rest lt 10) then '0' else '') || string($rest)"/>
    <xsl:sequence select="if ($hours gt 0)
        then $hours || ':' || format-number($minutes, '00') || ':' || $secs
        else $minutes || ':' || $secs"/>
  </xsl:function>

  <!-- The names of whoever @who points at: persons of this text or of the registers. -->
  <xsl:function name="r:who-label" as="xs:string?">
    <xsl:param name="who" as="attribute()?"/>
    <xsl:param name="root" as="document-node()"/>
    <!-- every speaker of it: @who takes several pointers (att.ascribed), and "#A #B" named
         Anna alone for words the index counts as Ben's too (probe 110) -->
    <xsl:sequence select="string-join(r:who-labels($who, $root), ', ')[. != '']"/>
  </xsl:function>

  <!-- The names of everyone @who points at ("#a #b"), each its entry's name (a person, a
       role of the cast list), else the pointer's id. -->
  <xsl:function name="r:who-labels" as="xs:string*">
    <xsl:param name="who" as="attribute()?"/>
    <xsl:param name="root" as="document-node()"/>
    <xsl:for-each select="tokenize(normalize-space($who)) ! replace(., '^.*#', '')[. != '']">
      <xsl:variable name="id" as="xs:string" select="."/>
      <xsl:variable name="entry" as="element()?"
          select="(key('r:entry', $id, $root), $registers ! key('r:entry', $id, .))[1]"/>
      <xsl:variable name="name" as="element()?"
          select="($entry/(persName | name | orgName | label), $entry/self::role)[1]"/>
      <!-- a role of a cast list ends with the list's punctuation ("HORATIO,"), as the index
           knows (ed:preferred-name): not its name -->
      <!-- a person of no name by its label (@n: a transcript's speaker "B"), else its id
           (probe 110: "SPK1") -->
      <xsl:sequence select="if (empty($name)) then (normalize-space($entry/@n)[. != ''], $id)[1]
          else if ($name/self::role)
          then replace(r:plain($name), '[\s,.;:]+$', '') else r:plain($name)"/>
    </xsl:for-each>
  </xsl:function>

  <!-- Vocal, kinesic, incident, writing: their words, else their description (desc, then
       @type in words: "[laughing]"); one that says nothing shows nothing, not "[]". -->

  <!-- A block of a transcription and its annotations (TEI 8.4.6): its utterances. -->
  <xsl:template match="annotationBlock" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="'annotationBlock'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The annotations of a block (spanGrp: a tier, such as a translation or a comment, whose
       spans hold the annotation's words): a line after the utterances, led by the tier's
       type. Elsewhere a spanGrp is stand-off markup and shows nothing (inline.xsl). -->
  <xsl:template match="annotationBlock//spanGrp" mode="r:main" as="element()?" priority="2">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="span[normalize-space()]">
      <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
        <xsl:call-template name="r:attributes">
          <xsl:with-param name="class" select="'spanGrp' || (if ($r:phrasing) then ' block' else '')"/>
        </xsl:call-template>
        <xsl:if test="normalize-space(@type)">
          <span class="spanGrp-type"><xsl:value-of select="r:token-words(@type)"/></span>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:for-each select="span[normalize-space()]">
          <xsl:if test="position() gt 1">
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates select="." mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- A tier's annotation (and any span of a block: one inside another, one in an
       utterance, probe 135): its words, where a span elsewhere is stand-off markup that shows
       nothing (inline.xsl). -->
  <xsl:template match="annotationBlock//span" mode="r:main" as="node()+" priority="2">
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="'span'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A pause: "(…)", or its length when the transcript measured it ("(3 s)", @dur). Its
       kind (@type, TEI 8.3.2: a classification, such as "short" or "long") is said in the
       encoding's words, "(… short)", and in the title beside a length: a short and a long
       pause both read "(…)" (probe 28). -->
  <xsl:template match="pause" mode="r:main" as="node()+">
    <xsl:variable name="length" as="xs:string?" select="(@dur, @dur-iso)[1] ! r:duration-words(.)"/>
    <xsl:variable name="type" as="xs:string" select="r:token-words(@type)"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:if test="r:against-word(., false())">
      <xsl:text> </xsl:text>
    </xsl:if>
    <span title="{string-join((r:msg('spoken.pause'), $type[. != '']), ', ')}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'pause'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="exists($length)">
          <xsl:text>(</xsl:text>
          <span class="event-type"><xsl:value-of select="$length"/></span>
          <xsl:text>)</xsl:text>
        </xsl:when>
        <xsl:when test="$type != ''">
          <xsl:text>(… </xsl:text>
          <span class="event-type"><xsl:value-of select="$type"/></span>
          <xsl:text>)</xsl:text>
        </xsl:when>
        <xsl:otherwise>(…)</xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:if test="r:against-word(., true())">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Whether an event (a pause, a cough, a door slamming) stands against a word of the
       running text before it (or, $after, after it): an event is between words (8.3.2, 8.3.3),
       and "I was<pause/>there" read "I was(0.3 s)there" (probe 133; the tokens of a w
       transcript are set apart by r:word-space). -->
  <!-- (not inside a word, "wh<pause/>ere", nor in a script written without spaces, Chinese,
       Japanese, Thai: "我们<pause/>去了", probe 135; a quotation mark is a word's when it
       closes one, and an opening mark, "¡" or "¿", no word's, probe 137) -->
  <xsl:function name="r:against-word" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="after" as="xs:boolean"/>
    <xsl:variable name="beside" as="node()?" select="if ($after)
        then $e/following-sibling::node()[not(self::anchor)][1]
        else $e/preceding-sibling::node()[not(self::anchor)][1]"/>
    <xsl:variable name="char" as="xs:string" select="if ($after) then substring($beside, 1, 1)
        else substring($beside, string-length($beside))"/>
    <!-- a word of an element beside it counts as a text's, "Anna<pause/>went" as
         "<persName>Anna</persName><pause/><hi>went</hi>" (probe 135); not a token, which
         r:word-space sets apart from an event (a name, a w, a pause), nor what shows no
         word of its own there (a break, a note's mark, interpretation) -->
    <xsl:sequence select="($beside instance of text() or $beside[self::* and not(r:is-token(.))
        and not(self::c or self::pb or self::lb or self::cb or self::gb
        or self::milestone or self::note or self::interp or self::interpGrp or self::span
        or self::spanGrp or self::fw or self::shift or self::gap)])
        and empty($e/ancestor::w)
        (: nor in a word a break parts, hyphen-, lb break no, pause, ated (probe 138) :)
        and empty(($e/preceding-sibling::node()[not(self::anchor)][1],
            $e/following-sibling::node()[not(self::anchor)][1])
            [self::lb or self::pb or self::cb][@break = 'no'])
        and (if ($after) then matches($char, '[\p{L}\p{N}\p{Ps}\p{Pi}&quot;''¡¿]')
             else matches($beside, '([\p{L}\p{M}\p{N}\p{Pe}\p{Pf}.,;:!?…،؛؟]|[\p{L}\p{N}.,;:!?][&quot;''])$'))
        and not(matches($char, $r:unspaced-chars))"/>
  </xsl:function>

  <xsl:template match="vocal | kinesic | incident | writing" mode="r:main" as="node()*">
    <xsl:variable name="said" as="xs:boolean" select="normalize-space() != '' or exists(*)"/>
    <xsl:variable name="type" as="xs:string" select="r:token-words(@type)"/>
    <!-- whose it is, when it is nobody's utterance's (a cough between two speeches) -->
    <xsl:variable name="who" as="xs:string*"
        select="if (ancestor::u) then () else r:who-labels(@who, root(.))"/>
    <xsl:if test="$said or $type != '' or @xml:id">
      <xsl:call-template name="r:word-space"/>
      <xsl:if test="($said or $type != '') and r:against-word(., false())">
        <xsl:text> </xsl:text>
      </xsl:if>
      <i>
        <xsl:call-template name="r:attributes">
          <xsl:with-param name="class" select="'event ' || local-name()"/>
        </xsl:call-template>
        <xsl:if test="$said or $type != ''">
          <xsl:text>[</xsl:text>
          <xsl:choose>
            <!-- the words of a writing are what was written, not a description of it: said
                 so, and by whom (probe 90: "[Ann Hobbs MILK EGGS]" read as "[Bob Hobbs
                 shrugs]" does) -->
            <!-- (a writing described only, by its desc, says what it is, not "written") -->
            <xsl:when test="self::writing and exists((node() except desc)[self::* or
                normalize-space()])">
              <span class="event-type">
                <xsl:value-of select="if (exists($who)) then r:msg('spoken.written-by',
                    string-join($who, ', ')) else r:msg('spoken.written')"/>
              </span>
              <xsl:text>: </xsl:text>
            </xsl:when>
            <xsl:when test="exists($who)">
              <span class="u-who"><xsl:value-of select="string-join($who, ', ')"/></span>
              <xsl:text> </xsl:text>
            </xsl:when>
          </xsl:choose>
          <xsl:choose>
            <!-- described only, by several desc (TEI-CORPO's what and how long: "tousse",
                 "instantaneous"): each description apart, "[tousse; instantaneous]", where
                 they read as one with the file's spaces inside the brackets (probe 28) -->
            <xsl:when test="count(desc[normalize-space()]) gt 1
                and empty((node() except desc)[not(self::text()[not(normalize-space())])])">
              <xsl:for-each select="desc[normalize-space()]">
                <xsl:if test="position() gt 1">
                  <xsl:text>; </xsl:text>
                </xsl:if>
                <span>
                  <xsl:call-template name="r:attributes">
                    <xsl:with-param name="class" select="'desc'"/>
                  </xsl:call-template>
                  <xsl:value-of select="r:plain(.)"/>
                </span>
              </xsl:for-each>
            </xsl:when>
            <xsl:when test="$said">
              <xsl:apply-templates mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise>
              <span class="event-type"><xsl:value-of select="$type"/></span>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text>]</xsl:text>
        </xsl:if>
      </i>
      <xsl:if test="($said or $type != '') and r:against-word(., true())">
        <xsl:text> </xsl:text>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A change of voice quality, loudness, tempo ... (8.3.6): from here on the feature has
       its new value, marked as transcripts mark it ("[loud: f]"); a shift that says neither
       is only an anchor. -->
  <xsl:template match="shift" mode="r:main" as="node()*">
    <xsl:variable name="said" as="xs:string" select="string-join((@feature ! r:token-words(.),
        @new ! normalize-space(.))[. != ''], ': ')"/>
    <xsl:if test="$said != '' or @xml:id">
      <xsl:if test="$said != '' and matches(string(preceding-sibling::node()[1]), '\w$')">
        <xsl:text> </xsl:text>
      </xsl:if>
      <i>
        <xsl:call-template name="r:attributes">
          <xsl:with-param name="class" select="'event shift'"/>
        </xsl:call-template>
        <xsl:if test="$said != ''">
          <xsl:text>[</xsl:text>
          <span class="event-type"><xsl:value-of select="$said"/></span>
          <xsl:text>]</xsl:text>
        </xsl:if>
      </i>
      <!-- the mark stands before the words it changes, apart from them -->
      <xsl:if test="$said != '' and matches(string(following-sibling::node()[1]), '^\w')">
        <xsl:text> </xsl:text>
      </xsl:if>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus (TEI Guidelines ch. 12, TC): app, lem, rdg, rdgGrp, witDetail, listWit,
  witness, witStart/witEnd, lacunaStart/lacunaEnd, listApp.

  Parallel segmentation: the reading text shows each app's lemma (lem, or its first rdg when
  it has none), followed by a small numbered link to its entry in the apparatus. A location-
  referenced entry (app/@loc, or variantEncoding/@method="location-referenced") and one
  attached by double end-points (app/@from, @to, or @method="double-end-point") stand beside
  a base text that already holds their words: only the link shows in the text.

  The apparatus is a numbered list per unit (a div, or front/body/back for what is outside any
  div), rendered after the unit's own content and before its first child div (r:unit-content,
  called by the div, front, body and back templates): "lemma Sigla ] reading Sigla; reading
  Sigla", with the apparatus' Latin abbreviations (om., add., transp., post ...) expanded in
  their titles. Sigla come from listWit/witness (abbr[@type='siglum'], else @n, else the id);
  each is a link to the witness in the list of witnesses, its description in the title. Entry
  and text link to each other (the lemma's id is the app's xml:id, else
  "app-<unit id>-<number>"; the entry's is that + "-entry"). Readings' @type and @cause,
  @varSeq, rdgGrp, witDetail, notes in the app and the editor's @resp/@source are shown.

  Numbers come from an accumulator (one counter per open unit), so no entry is counted twice
  and the cost is linear. Apps inside a reading are variants of a variant: shown in brackets
  in their reading, not numbered.

  Customisation: r:witness-href (where a siglum links to; the EPUB links into its list of
  witnesses document), template r:app-ref (the link in the text), r:apparatus (the list).
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
  <xsl:import href="i18n.xsl"/>

  <!-- The entry number of every app counted in its unit: one counter per open unit. -->
  <xsl:accumulator name="r:app-number" as="xs:integer*" initial-value="0">
    <xsl:accumulator-rule match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7 | front
        | body | back" phase="start" select="$value, 0"/>
    <xsl:accumulator-rule match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7 | front
        | body | back" phase="end" select="$value[position() lt last()]"/>
    <xsl:accumulator-rule match="app[r:is-entry(.)]"
        select="$value[position() lt last()], $value[last()] + 1"/>
  </xsl:accumulator>

  <!-- An app with its own numbered entry (not inside a reading, a witness detail, a list of
       apparatus entries or the header). -->
  <xsl:function name="r:is-entry" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="empty($app/ancestor::*[self::rdg or self::witDetail or self::listApp
        or self::teiHeader])"/>
  </xsl:function>

  <!-- Whether a document has an apparatus: asked for every unit, answered once for the
       document being rendered (a scan of its element names, no index to build). -->
  <xsl:variable name="r:doc" as="document-node()?" select="/"/>
  <xsl:variable name="r:doc-apparatus" as="xs:boolean" select="exists(//app)"/>

  <xsl:function name="r:has-apparatus" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if (root($node) is $r:doc) then $r:doc-apparatus
        else exists(root($node)//app)"/>
  </xsl:function>

  <xsl:function name="r:is-unit" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="r:is-div($e) or exists($e[self::front or self::body or self::back])"/>
  </xsl:function>

  <xsl:function name="r:app-unit" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="$app/ancestor::*[r:is-unit(.)][1]"/>
  </xsl:function>

  <xsl:function name="r:app-number" as="xs:integer">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="$app/accumulator-before('r:app-number')[last()]"/>
  </xsl:function>

  <xsl:function name="r:app-id" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="unit" as="element()?" select="r:app-unit($app)"/>
    <xsl:sequence select="($app/@xml:id, 'app-' || ($unit/@xml:id, local-name($unit), 'text')[1]
        || '-' || r:app-number($app))[1]"/>
  </xsl:function>

  <!-- Whether an entry stands beside a base text that holds its words (reading.xsl). -->
  <xsl:function name="r:location-referenced" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="r:beside-base-text($app)"/>
  </xsl:function>

  <!-- A unit (div, front, body, back) as the element $element with the class $class: as
       r:block, with the unit's apparatus when the text has one. -->
  <xsl:template name="r:unit" as="element()">
    <xsl:param name="element" as="xs:string" select="'div'"/>
    <xsl:param name="class" as="xs:string" required="yes"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing or not(r:has-apparatus(.))">
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="$element"/>
          <xsl:with-param name="class" select="$class"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$element}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:call-template name="r:unit-content"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The unit's children, with the unit's apparatus after its own content (before its first
       child div). Called by the unit templates (structure.xsl, the EPUB's div) inside the
       element they create. -->
  <xsl:template name="r:unit-content" as="node()*">
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing or not(r:has-apparatus(.))">
        <xsl:apply-templates select="$content" mode="r:main"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="first-div" as="element()?" select="$content[self::*[r:is-div(.)]][1]"/>
        <xsl:variable name="rest" as="node()*"
            select="$first-div, $content[. >> $first-div]"/>
        <xsl:apply-templates select="$content except $rest" mode="r:main"/>
        <xsl:call-template name="r:apparatus">
          <xsl:with-param name="apps" select="($content except $rest)/descendant-or-self::app
              [r:is-entry(.)][r:app-unit(.) is current()]"/>
        </xsl:call-template>
        <xsl:apply-templates select="$rest" mode="r:main"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- In the text: the lemma and the link to its entry. -->
  <xsl:template match="app" mode="r:main" as="element()?">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="not(r:is-entry(.))">
        <xsl:call-template name="r:app-compact"/>
      </xsl:when>
      <!-- attached to words of the text by @from/@to and standing elsewhere (at the end of
           the paragraph, say): its call stands where its words end (r:inline-apps), as a list
           apart's does (probe 74: the calls of a paragraph's entries stood together after its
           last word, "12" in a right-to-left line) -->
      <xsl:when test="exists(r:inline-end(.))"/>
      <xsl:otherwise>
        <xsl:variable name="id" as="xs:string" select="r:app-id(.)"/>
        <xsl:element name="{if ($r:phrasing or r:is-inline(.)) then 'span' else 'div'}">
          <xsl:attribute name="id" select="$id"/>
          <xsl:attribute name="class" select="string-join(('app', r:token-class('type', @type)), ' ')"/>
          <xsl:variable name="words" as="node()*">
            <xsl:if test="not(r:location-referenced(.))">
              <!-- the reading text: a variant inside the lemma shows its own lemma only -->
              <xsl:apply-templates select="r:lemma(.)/node()" mode="r:main">
                <xsl:with-param name="r:reading-text" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:if>
          </xsl:variable>
          <xsl:variable name="call" as="element()">
            <xsl:call-template name="r:app-ref">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="number" select="r:app-number(.)"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:sequence select="r:call-at-end($words, $call)"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The reading text of a lemma with the call of its entry where its words end: after
       them, or at the end of its last block when it ends with blocks (lines, paragraphs),
       where it ends, as a call of a double-end-point entry stands after its last word
       (probe 165: the call of an app around two l stood on a line of its own after them). -->
  <xsl:function name="r:call-at-end" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="call" as="element()"/>
    <xsl:variable name="at" as="xs:integer?" select="(for $i in reverse(1 to count($nodes))
        return $i[$nodes[$i][self::* or normalize-space()]])[1]"/>
    <xsl:choose>
      <xsl:when test="exists($at) and $nodes[$at][r:is-block-out(.)]">
        <xsl:sequence select="$nodes[position() lt $at]"/>
        <xsl:for-each select="$nodes[$at]">
          <xsl:copy>
            <xsl:sequence select="@*, r:call-at-end(node(), $call)"/>
          </xsl:copy>
        </xsl:for-each>
        <xsl:sequence select="$nodes[position() gt $at]"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$nodes, $call"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Whether an element of the output is a block holding words (not a call, a figure, a
       rule), one a line or paragraph of the text rendered as a span in running text is
       too (class block). -->
  <xsl:function name="r:is-block-out" as="xs:boolean">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="$e instance of element() and (local-name($e) = ('div', 'p', 'section',
        'blockquote', 'ul', 'ol', 'li', 'dl', 'dd', 'table', 'tbody', 'tr', 'td')
        or tokenize($e/@class) = 'block')"/>
  </xsl:function>

  <xsl:template name="r:app-ref" as="element()">
    <xsl:param name="id" as="xs:string" required="yes"/>
    <xsl:param name="number" as="xs:integer" required="yes"/>
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:in-link">
        <sup class="app-ref"><xsl:value-of select="$number"/></sup>
      </xsl:when>
      <xsl:otherwise>
        <a class="app-ref" href="#{$id}-entry" aria-label="{r:msg('app.ref', string($number))}">
          <sup><xsl:value-of select="$number"/></sup>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A variant inside a variant, inside its reading: "lemma (reading Sigla; ...)" in the
       apparatus; in the reading text (the outer variant's lemma) its lemma alone. -->
  <xsl:template name="r:app-compact" as="element()">
    <xsl:param name="r:reading-text" as="xs:boolean" tunnel="yes" select="false()"/>
    <span class="app app-nested">
      <xsl:apply-templates select="r:lemma(.)/node()" mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:variable name="readings" as="element()*"
          select="if ($r:reading-text) then () else (rdg | rdgGrp/rdg) except r:lemma(.)"/>
      <xsl:if test="exists($readings)">
        <xsl:text> (</xsl:text>
        <xsl:for-each select="$readings">
          <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:call-template name="r:reading"/>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- The apparatus of a unit: the entries of $apps, or nothing. -->
  <xsl:template name="r:apparatus" as="element()?">
    <xsl:param name="apps" as="element()*" required="yes"/>
    <xsl:if test="exists($apps)">
      <xsl:variable name="id" as="xs:string" select="r:app-id($apps[1]) || '-apparatus'"/>
      <div class="apparatus">
        <xsl:copy-of select="r:editorial-lang($apps[1])"/>
        <p class="apparatus-title" id="{$id}">
          <xsl:sequence select="r:ui-words-under(r:editorial-lang($apps[1]), $apps[1])"/>
          <xsl:value-of select="r:msg('app.title')"/>
        </p>
        <ol class="apparatus-list" aria-labelledby="{$id}">
          <xsl:apply-templates select="$apps" mode="r:app-entry"/>
        </ol>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The language of the editor's words (labels, notes, the witnesses): the header's, where
       the editor writes, else the TEI element's; lemma and readings carry the text's language
       themselves (probe 156: a Latin text's English header and notes were marked Latin). -->
  <xsl:function name="r:editorial-code" as="xs:string?">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="(root($e)/TEI/teiHeader/@xml:lang, root($e)/TEI/@xml:lang)[1]"/>
  </xsl:function>

  <!-- The language of an apparatus note that says its own (note xml:lang="en"), where it is
       not the editor's. -->
  <xsl:function name="r:app-note-lang" as="attribute()*">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if ($note/@xml:lang) then r:reading-lang($note) else ()"/>
  </xsl:function>

  <xsl:function name="r:editorial-lang" as="attribute()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="code" as="xs:string?" select="r:editorial-code($e)"/>
    <xsl:if test="exists($code) and exists(r:lang($code))">
      <xsl:attribute name="lang" select="r:lang($code)"/>
      <xsl:for-each select="r:lang-dir($code)">
        <xsl:attribute name="dir" select="."/>
      </xsl:for-each>
    </xsl:if>
  </xsl:function>

  <!-- The language of a reading (of its nearest ancestor with xml:lang), where it is not the
       editor's. -->
  <xsl:function name="r:reading-lang" as="attribute()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="code" as="xs:string?" select="$e/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:variable name="editorial" as="xs:string?" select="r:editorial-code($e)"/>
    <xsl:if test="exists($code) and exists(r:lang($code)) and r:lang($code) ne string(r:lang($editorial))">
      <xsl:attribute name="lang" select="r:lang($code)"/>
      <xsl:if test="r:lang-dir($code) ne (r:lang-dir($editorial), 'ltr')[1]">
        <xsl:attribute name="dir" select="r:lang-dir($code)"/>
      </xsl:if>
    </xsl:if>
  </xsl:function>

  <xsl:mode name="r:app-entry" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="app" mode="r:app-entry" as="element()">
    <xsl:variable name="id" as="xs:string" select="r:app-id(.)"/>
    <li id="{$id}-entry" class="app-entry">
      <a class="app-back" href="#{$id}" aria-label="{r:msg('app.back', string(r:app-number(.)))}">
        <xsl:value-of select="r:app-number(.)"/>
      </a>
      <xsl:text> </xsl:text>
      <span class="app-body">
        <xsl:call-template name="r:entry-body"/>
      </span>
    </li>
  </xsl:template>

  <!-- "loc lemma Sigla ] reading Sigla; reading Sigla — witness details (notes)". A reading
       of no words is an omission, "om.", a space of no extent in it too (CBETA's <rdg><space
       quantity="0"/></rdg>, which read as a blank reading: probe 104). -->
  <xsl:template name="r:entry-body" as="node()*">
    <xsl:variable name="lemma" as="element()?" select="r:lemma(.)"/>
    <xsl:variable name="readings" as="element()*"
        select="(rdg | rdgGrp/rdg | rdgGrp/lem) except $lemma"/>
    <xsl:for-each select="@loc">
      <!-- a location that names a line of the text (its @n, the first of a range: "5-6")
           links to it (probe 91: the entries of a location-referenced apparatus led
           nowhere); a number two lines share (poems each counting from 1) links nowhere -->
      <xsl:variable name="line" as="element()?" select="r:located-line(.)"/>
      <xsl:element name="{if (exists($line)) then 'a' else 'span'}">
        <xsl:attribute name="class" select="'app-loc'"/>
        <xsl:if test="exists($line)">
          <xsl:attribute name="href" select="r:line-href($line)"/>
        </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:element>
      <xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:if test="exists($lemma) and exists($readings)">
      <xsl:call-template name="r:lemma-part">
        <xsl:with-param name="lemma" select="$lemma"/>
      </xsl:call-template>
      <xsl:text> </xsl:text>
      <span class="app-sep" aria-hidden="true">]</span>
      <xsl:text> </xsl:text>
    </xsl:if>
    <!-- an entry of a list apart with no lemma cites the words of the text it is attached to
         (probe 27: the Lucullus's <app from="#w2"><rdg wit="#B">navim</rdg></app> read
         "1 navim B", the reader left to guess what B's "navim" stands for; now "navem ]
         navim B") -->
    <!-- and so does one standing in the text, away from its words (probe 74: "1 TWO-P P") -->
    <xsl:variable name="cited" as="xs:string*"
        select="if (empty(lem | rdgGrp/lem) and exists(@from | @to)) then r:attached-words(.)
            else ()"/>
    <xsl:if test="exists($cited)">
      <span class="app-lemma app-cited">
        <xsl:value-of select="if (count($cited) gt 4) then $cited[1] || ' … ' || $cited[last()]
            else string-join($cited, ' ')"/>
      </span>
      <xsl:text> </xsl:text>
      <span class="app-sep" aria-hidden="true">]</span>
      <xsl:text> </xsl:text>
    </xsl:if>
    <!-- attached at a point (@from alone, or @from and @to at one anchor): what its readings
         add stands after the word before the point, "post Pelignis ] et quaedam pereunt Q",
         as an empty lemma in the text says it (probe 59: the reading alone, addition or
         replacement the reader could not tell) -->
    <xsl:variable name="point" as="element()?" select="if (empty(lem | rdgGrp/lem)
        and exists(@from | @to) and empty($cited)) then r:attached-point(.) else ()"/>
    <xsl:for-each select="$point">
      <xsl:variable name="before" as="xs:string?"
          select="if (r:opens-block(.)) then () else r:word-before(.)"/>
      <xsl:variable name="after" as="xs:string?"
          select="if (exists($before)) then () else r:word-after(.)"/>
      <xsl:variable name="key" as="xs:string?" select="if (exists($before)) then 'app.post'
          else if (exists($after)) then 'app.ante' else ()"/>
      <xsl:if test="exists($key)">
        <span class="app-lemma app-cited">
          <abbr class="app-label" title="{r:msg($key || '.title')}" lang="{r:ui-lang()}">
            <xsl:value-of select="r:msg($key)"/>
          </abbr>
          <xsl:text> </xsl:text>
          <xsl:value-of select="($before, $after)[1]"/>
        </span>
        <xsl:text> </xsl:text>
        <span class="app-sep" aria-hidden="true">]</span>
        <xsl:text> </xsl:text>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each-group select="if (exists($readings)) then $readings else $lemma"
        group-adjacent="if (parent::rdgGrp) then generate-id(..) else generate-id(.)">
      <xsl:if test="position() gt 1"><span class="app-sep">; </span></xsl:if>
      <xsl:choose>
        <xsl:when test="parent::rdgGrp">
          <!-- the group's readings in order, with the editor's words between them where he
               wrote them ("cicuta vel canali": a note between two conjectures) -->
          <!-- and whatever else the group holds with words in it (probe 171: the HUBP's
               cross-references, a listRef in an rdgGrp, were dropped; README: an element
               with no rendering of its own shows its words) -->
          <span class="rdgGrp">
            <xsl:for-each select="current-group() | ../note | ../*[normalize-space()][not(
                self::rdg or self::lem or self::note or self::rdgGrp or self::wit
                or self::witDetail or self::index)]">
              <xsl:choose>
                <xsl:when test="not(self::rdg or self::lem)">
                  <xsl:text> </xsl:text>
                  <span class="app-note">
                    <xsl:sequence select="r:app-note-lang(.)"/>
                    <xsl:apply-templates mode="r:main">
                      <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                    </xsl:apply-templates>
                  </span>
                  <xsl:text> </xsl:text>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:if test="position() gt 1 and not(preceding-sibling::*[1][self::note])">
                    <xsl:text>, </xsl:text>
                  </xsl:if>
                  <xsl:call-template name="r:reading"/>
                  <xsl:if test="not(. is $lemma)">
                    <xsl:call-template name="r:reading-notes"/>
                  </xsl:if>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
            <xsl:for-each select="../@type">
              <xsl:text> </xsl:text>
              <span class="app-info">
                <xsl:text>(</xsl:text>
                <xsl:call-template name="r:app-label">
                  <xsl:with-param name="token" select="string(.)"/>
                </xsl:call-template>
                <xsl:text>)</xsl:text>
              </span>
            </xsl:for-each>
          </span>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="r:reading"/>
          <xsl:if test="not(. is $lemma)">
            <xsl:call-template name="r:reading-notes"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
    <!-- the kind of variation the app classifies (its @type, Guidelines 12.1.1: a
         transposition), as a group's and a reading's are said, unless they say it (probe
         165: "dayes eyes A B D ] eyes dayes C E" read as an ordinary variant, where an
         rdgGrp's type read "(orthographic)") -->
    <xsl:variable name="said" as="xs:string*"
        select="($readings, $readings/parent::rdgGrp)/@type ! tokenize(normalize-space(.))"/>
    <!-- (a type that names the apparatus rather than the variation, the PTA's 1,338 apps
         of type="variants" and its "witnesses", and "textcritical" (probe 171), says nothing
         of the entry: not shown) -->
    <xsl:for-each select="distinct-values(tokenize(normalize-space(@type)))[not(. = $said)]
        [not(lower-case(.) = $r:generic-app-types)]">
      <xsl:text> </xsl:text>
      <span class="app-info">
        <xsl:text>(</xsl:text>
        <xsl:call-template name="r:app-label">
          <xsl:with-param name="token" select="."/>
        </xsl:call-template>
        <xsl:text>)</xsl:text>
      </span>
    </xsl:for-each>
    <!-- the witnesses as the editor writes them for the entry (wit, Guidelines 12.1.4: "B
         (both lines wanting)"), which were shown nowhere (probe 91) -->
    <xsl:for-each select="wit[normalize-space()]">
      <xsl:text> — </xsl:text>
      <span class="wit">
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
    </xsl:for-each>
    <!-- the details standing elsewhere that name a reading of this entry (probe 165: one
         after its line, which a witDetail may be, a member of model.noteLike, was a line of
         the poem and missing from the entry) -->
    <xsl:variable name="entry" as="element()" select="."/>
    <xsl:variable name="apart" as="element()*" select="if (root(.) instance of document-node())
        then key('r:details-apart', generate-id(.), root(.)) else ()"/>
    <xsl:for-each select="witDetail | $apart">
      <xsl:text> — </xsl:text>
      <span class="witDetail">
        <xsl:call-template name="r:sigla">
          <xsl:with-param name="tokens" select="@wit"/>
        </xsl:call-template>
        <xsl:choose>
          <!-- an empty detail says what it is by its type: "Na p.c." (probe 15: a DHARMA
               edition's witDetail type="pc" read "Na: ", its type lost); so does one that
               holds only the editor's certainty, which is not shown (probe 34: a collation's
               <witDetail type="ambiguous" wit="vg"><certainty .../></witDetail> read "vg: ") -->
          <xsl:when test="not(normalize-space()) and empty(* except (certainty | precision
              | respons)) and @type">
            <xsl:for-each select="tokenize(@type)">
              <xsl:text> </xsl:text>
              <xsl:call-template name="r:app-label">
                <xsl:with-param name="token" select="."/>
              </xsl:call-template>
            </xsl:for-each>
            <!-- the readings it is about, by their words: an ambiguous witness reads one of
                 them (probe 34: teiphy's target="1 2" names them by their @n, which the entry
                 did not say) -->
            <xsl:variable name="readings" as="element()*" select="tokenize(@target) ! (let $t :=
                replace(., '^#', '') return ($entry/(lem | rdg | rdgGrp/(lem | rdg))
                    [normalize-space(@n) = $t or string(@xml:id) = $t])[1])"/>
            <xsl:if test="exists($readings)">
              <xsl:value-of select="' (' || string-join($readings ! (r:plain(.)[. != ''],
                  r:msg('app.t.omission'))[1], ' / ') || ')'"/>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>: </xsl:text>
            <xsl:apply-templates mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:otherwise>
        </xsl:choose>
      </span>
    </xsl:for-each>
    <!-- a note that holds nothing a reader sees (only the relations of the readings, a
         listRelation: probe 34) is no empty pair of brackets; the note of the reading the
         text shows (the first rdg of an app without lem: probe 34, a synoptic edition's
         note on one manuscript's word) is a note of the text already, not told twice -->
    <!-- an entry that is a note alone (probe 42, I.Sicily's <app loc="3"><note>Mommsen:
         vixit</note></app>) is the note's words, not a bracket after nothing -->
    <xsl:variable name="alone" as="xs:boolean"
        select="empty(lem | rdg | rdgGrp | witDetail) and empty($lemma)"/>
    <xsl:call-template name="r:reading-notes">
      <xsl:with-param name="alone" select="$alone"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Whether a note of an entry or of one of its readings shows anything. -->
  <xsl:function name="r:shown-app-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="normalize-space($note) != '' or exists($note/descendant::*[
        self::graphic or self::figure or self::g or self::gap or self::space
        or self::ptr[@target] or self::ref[@target]])"/>
  </xsl:function>

  <!-- A reading's own notes, in brackets after its witnesses (Guidelines 12.1: a note in a
       rdg is that reading's; probe 171: the note of one reading of a group was printed after
       the group, as the last witness's); an entry's notes likewise, after the entry. An entry
       that is its notes alone ($alone) shows their words without brackets. -->
  <xsl:template name="r:reading-notes" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="alone" as="xs:boolean" select="false()"/>
    <xsl:for-each select="note[r:shown-app-note(.)]">
      <xsl:if test="not($alone) or position() gt 1">
        <xsl:text> </xsl:text>
      </xsl:if>
      <span class="app-note">
        <xsl:sequence select="r:app-note-lang(.)"/>
        <xsl:choose>
          <xsl:when test="$alone">
            <xsl:apply-templates mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="r:in-brackets">
              <xsl:with-param name="before" select="''"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- Types of an app that name what any entry of an apparatus is (its readings, its
       witnesses), not the kind of variation it records. -->
  <xsl:variable name="r:generic-app-types" as="xs:string+" select="('variant', 'variants',
      'variation', 'variations', 'reading', 'readings', 'witness', 'witnesses', 'app',
      'apparatus', 'critical', 'textual', 'default', 'main', 'general', 'textcritical',
      'text-critical', 'text_critical')"/>

  <!-- A witness detail standing outside its app (witDetail is a member of model.noteLike,
       allowed where a note is: Guidelines 12.1.1 and its specification; @target names the
       reading, @wit the witness), or inside one of its readings: the entry it belongs to is
       that of the reading (or app) its @target names, else of the app it stands in. The
       entry is one with a number, or one of a list apart: a reading of a variant inside a
       reading is the outer entry's (probe 165: one kept after its line was shown as a line
       of the poem, "correct its name if it is misspelt"). -->
  <xsl:function name="r:detail-app" as="element()?">
    <xsl:param name="detail" as="element()"/>
    <xsl:variable name="doc" as="node()" select="root($detail)"/>
    <xsl:variable name="named" as="element()*" select="if (not($doc instance of document-node()))
        then () else tokenize(normalize-space($detail/@target))[matches(., '^#?[^\s#:/]+$')]
            ! key('r:entry', replace(., '^#', ''), $doc)"/>
    <xsl:variable name="reading" as="element()?" select="($named[self::app or self::lem
        or self::rdg or self::rdgGrp][empty(ancestor::teiHeader)],
        $detail[empty(@target)]/ancestor::app[1])[1]"/>
    <xsl:sequence select="$reading/ancestor-or-self::app[r:is-entry(.) or parent::listApp][1]"/>
  </xsl:function>

  <xsl:key name="r:details-apart" match="witDetail[not(parent::app)]"
      use="r:detail-app(.) ! generate-id(.)"/>

  <!-- In the text, a detail standing apart is in its entry; one whose @target names no
       reading is shown where it stands, its witnesses and words, and told. -->
  <xsl:template match="witDetail[not(parent::app)]" mode="r:main" as="element()?">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="empty(r:detail-app(.))">
      <xsl:call-template name="r:diagnostic">
        <xsl:with-param name="code" select="'html.witdetail-target'"/>
        <!-- (one inside a reading is told so, and may leave out its @target to be its
             app's: probe 167, where it was said to stand outside an app) -->
        <xsl:with-param name="message" select="'a witDetail '
            || (if (ancestor::app) then 'inside a reading of an app' else 'outside an app')
            || ' (wit=&quot;'
            || normalize-space(@wit) || '&quot;) names by its target=&quot;'
            || substring(normalize-space(@target), 1, 80) || '&quot; no reading of the '
            || 'apparatus (a lem, rdg or rdgGrp, or an app of this document): it is shown '
            || 'where it stands, in no entry; point its @target at the reading it is about '
            || '(the xml:id of the rdg), or '
            || (if (ancestor::app) then 'remove its @target to make it its app''s'
                else 'move it into the app')"/>
      </xsl:call-template>
      <xsl:element name="{if ($r:phrasing or r:is-inline(.)) then 'span' else 'div'}">
        <xsl:call-template name="r:attributes">
          <xsl:with-param name="class" select="'witDetail witDetail-apart'"/>
        </xsl:call-template>
        <xsl:call-template name="r:sigla">
          <xsl:with-param name="tokens" select="@wit"/>
        </xsl:call-template>
        <xsl:if test="exists(@wit)"><xsl:text>: </xsl:text></xsl:if>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- The lemma: its words (the first and last when long), its sigla and the editor's
       grounds. An empty lemma (others add words here) is named by the word before it. -->
  <xsl:template name="r:lemma-part" as="node()*">
    <xsl:param name="lemma" as="element()" required="yes"/>
    <!-- the lemma's words as the text reads them: its children one by one took a deletion
         for one side of a choice, whose words r:plain keeps (probe 59: "fourteenfifteen" for
         <del>fourteen</del><add>fifteen</add>) -->
    <xsl:variable name="words" as="xs:string*" select="tokenize(r:plain($lemma))"/>
    <span class="app-lemma">
      <xsl:sequence select="r:reading-lang($lemma)"/>
      <xsl:choose>
        <xsl:when test="count($words) gt 4">
          <xsl:value-of select="$words[1] || ' … ' || $words[last()]"/>
        </xsl:when>
        <!-- a short lemma with the editor's signs (a gap, supplied or unclear words) is quoted
             with them, as the text shows it: "ein […] Wort", "ten […] ⟨eleven⟩", where its
             plain words read "ein Wort" (probe 59) -->
        <xsl:when test="exists($words) and exists($lemma//(gap | supplied | unclear | space
            | surplus | damage)[empty(ancestor::note | ancestor::app[. >> $lemma])])">
          <xsl:apply-templates select="$lemma/(node() except (note | witStart | witEnd
              | lacunaStart | lacunaEnd))" mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:ids" select="false()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:when test="exists($words)">
          <xsl:value-of select="string-join($words, ' ')"/>
        </xsl:when>
        <!-- a lemma of no words that still holds something (a gap, a space, a glyph) shows it:
             "[…] A ] virumque B", not "post Arma" as if the text had nothing there -->
        <xsl:when test="exists($lemma/(* except (witStart | witEnd | lacunaStart | lacunaEnd
            | note | app)))">
          <xsl:apply-templates select="$lemma/(node() except (note | app))" mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <!-- the text has these elements' ids already -->
            <xsl:with-param name="r:ids" select="false()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <!-- an addition that opens its paragraph or line is placed before the word after
               it, not after the last word of the heading before (probe 27: a lacuna opening a
               paragraph of the Confessiones read "post CAPUT") -->
          <!-- where the empty lemma stands: an entry attached at a point of the text
               (@from, @to) stands there; one kept apart otherwise (located by @loc alone in
               a list of its own) stands nowhere a word can be told of (probe 91: "post
               dawn", the word before the entry in its list, not before its anchor) -->
          <xsl:variable name="app" as="element()" select="$lemma/.."/>
          <xsl:variable name="at" as="element()?" select="
              if (exists($app/(@from | @to))) then (r:attached-point($app),
                  $app[empty(parent::listApp)])[1]
              else $app[empty(parent::listApp)]"/>
          <xsl:variable name="opening" as="xs:string?"
              select="if ($at ! r:opens-block(.)) then r:word-after($at) else ()"/>
          <xsl:variable name="before" as="xs:string?"
              select="if (exists($opening)) then () else $at ! r:word-before(.)"/>
          <!-- an addition before the text's first word is placed before the word after it
               ("ante εν"): probe 34, a collation opening with an empty lemma read " ] εν
               εφεσω", placed nowhere -->
          <xsl:variable name="after" as="xs:string?" select="($opening,
              if (exists($before)) then () else $at ! r:word-after(.))[1]"/>
          <xsl:variable name="key" as="xs:string?"
              select="if (exists($before)) then 'app.post' else if (exists($after))
                  then 'app.ante' else ()"/>
          <xsl:if test="exists($key)">
            <abbr class="app-label" title="{r:msg($key || '.title')}" lang="{r:ui-lang()}">
              <xsl:value-of select="r:msg($key)"/>
            </abbr>
            <xsl:text> </xsl:text>
            <xsl:value-of select="($before, $after)[1]"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:call-template name="r:reading-marks">
      <xsl:with-param name="reading" select="$lemma"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:key name="r:line-n" match="l[@n][@xml:id]" use="normalize-space(@n)"/>

  <!-- The verse line an app's @loc names: the one line of the document whose @n is the
       location, or its first part ("5" of "5-6", "1.1.35" of "1.1.35-40"); () when none or
       several are. -->
  <xsl:function name="r:located-line" as="element()?">
    <xsl:param name="loc" as="attribute()"/>
    <xsl:variable name="top" as="node()" select="root($loc)"/>
    <xsl:variable name="first" as="xs:string"
        select="replace(normalize-space($loc), '^(\S+?)([\-–—]\S*)?([\s,;].*)?$', '$1')"/>
    <xsl:variable name="lines" as="element()*" select="if ($top instance of document-node())
        then key('r:line-n', $first, $top) else ()"/>
    <!-- a canonical reference of divisions and a line ("1.2": line 2 of the division
         numbered 1), when no line is numbered so (probe 157: it linked nowhere). Its parts
         are the whole path of numbered divisions from the outermost down, not the last
         ones of a deeper path (probe 159: "1.2" matched book 2, poem 1, line 2 as well as
         book 1, line 2 and linked nowhere; "3.1", of no division 3 at the top, linked to
         book 2, poem 3, line 1): a reference that names no whole path links nowhere. A
         division numbered by a URN (an EpiDoc or Perseus edition's div type="edition"
         n="urn:cts:..." around its books) names the work, no part of a reference, and is
         no step of the path (probe 162: "1.2" linked nowhere in such an edition). -->
    <xsl:variable name="steps" as="xs:string*" select="tokenize($first, '\.')"/>
    <xsl:variable name="nested" as="element()*" select="if (exists($lines)
        or count($steps) lt 2 or not($top instance of document-node())) then ()
        else key('r:line-n', $steps[last()], $top)[string-join(ancestor::*[r:is-div(.)]
            [normalize-space(@n)][not(contains(@n, ':'))] ! normalize-space(@n), '.')
            = string-join($steps[position() lt last()], '.')]"/>
    <xsl:sequence select="($lines[count($lines) eq 1], $nested[count($nested) eq 1])[1]"/>
  </xsl:function>

  <!-- Where a link to a line of the text leads: its id on this page (a book names the
       content document that holds it: epub/modules/apparatus.xsl). -->
  <xsl:function name="r:line-href" as="xs:string">
    <xsl:param name="line" as="element()"/>
    <xsl:sequence select="'#' || $line/@xml:id"/>
  </xsl:function>

  <!-- The last word of the reading text before an app (rdg, notes and details skipped); of an
       app inside a note, the note's words before it (probe 91: an empty lemma in a gloss
       read "post still", the verse's word before the note). -->
  <xsl:function name="r:word-before" as="xs:string?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="note" as="element()?" select="$app/ancestor::note[1]"/>
    <xsl:variable name="text" as="text()?" select="if (exists($note))
        then ($note//text()[. &lt;&lt; $app][matches(., '\p{L}')][r:in-note-text(., $note)])[last()]
        else $app/preceding::text()[matches(., '\p{L}')][r:in-reading-text(.)][1]"/>
    <xsl:sequence select="(tokenize(normalize-space($text))[matches(., '\p{L}')][last()]
        ! replace(., '^\p{P}+|\p{P}+$', ''))[. != '']"/>
  </xsl:function>

  <!-- Whether words of a note are the note's own reading text (not a variant, a detail or a
       note inside it). -->
  <xsl:function name="r:in-note-text" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="empty($text/ancestor::*[. >> $note][self::rdg or self::note
        or self::witDetail])"/>
  </xsl:function>

  <!-- Whether an app stands before any word of the paragraph, line or other block it is
       in: the words before it are then another block's. -->
  <xsl:function name="r:opens-block" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="block" as="element()?" select="$app/ancestor::*[self::p or self::ab
        or self::l or self::head or self::item or self::cell or self::seg[@type = 'verse']][1]"/>
    <xsl:sequence select="exists($block) and empty($block//text()[. &lt;&lt; $app]
        [matches(., '\p{L}')][r:in-reading-text(.)])"/>
  </xsl:function>

  <!-- The first word of the reading text after an app (of an app inside a note, the note's). -->
  <xsl:function name="r:word-after" as="xs:string?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="note" as="element()?" select="$app/ancestor::note[1]"/>
    <xsl:variable name="text" as="text()?" select="if (exists($note))
        then ($note//text()[. >> $app][empty(ancestor::* intersect $app)]
            [matches(., '\p{L}')][r:in-note-text(., $note)])[1]
        else $app/following::text()[matches(., '\p{L}')][r:in-reading-text(.)][1]"/>
    <xsl:sequence select="(tokenize(normalize-space($text))[matches(., '\p{L}')][1]
        ! replace(., '^\p{P}+|\p{P}+$', ''))[. != '']"/>
  </xsl:function>

  <!-- Whether words are of the reading text: not a variant, a note, a detail, the header,
       nor what is never shown (probe 34: the descriptions of a collation's
       interpGrp before its first unit, whose empty lemma read "post text"). A reading the
       text shows for its app (the first, in parallel segmentation without lem) is the
       reading text (probe 123: an empty first reading read "ante" a word of the next verse,
       past the next app's shown words). -->
  <xsl:function name="r:in-reading-text" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:sequence select="empty($text/ancestor::*[self::note or self::witDetail
        or self::teiHeader or self::interpGrp or self::spanGrp or self::interp
        or self::span[not(ancestor::annotationBlock)] or self::certainty or self::fs or self::fLib or self::fvLib or self::index
        or self::linkGrp or self::joinGrp])
        and (every $rdg in $text/ancestor::rdg satisfies
            exists($rdg/ancestor::app[1] ! r:lemma(.) intersect $rdg))"/>
  </xsl:function>

  <!-- One reading: its words (or om.), sigla, @varSeq, and its @type and @cause. A witness
       that begins, ends, or breaks off in a lacuna with the reading (Guidelines 12.1.5:
       <rdg wit="#Ra2"><witStart/>Eryment</rdg>) is said where the mark stands, before or
       after the words: "inc. Eryment Ra2"; a mark naming only some of the reading's witnesses
       says whose text it is after the sigla, "implebis E G (inc. G)". -->
  <xsl:template name="r:reading" as="node()*">
    <xsl:variable name="all-marks" as="element()*"
        select="witStart | witEnd | lacunaStart | lacunaEnd"/>
    <xsl:variable name="own" as="element()*" select="$all-marks[r:mark-of-reading(.)]"/>
    <xsl:variable name="empty" as="xs:boolean"
        select="normalize-space(.) = '' and empty(* except (witStart | witEnd | lacunaStart
            | lacunaEnd | note | space[number(@quantity) = 0]))"/>
    <xsl:variable name="lead" as="element()*"
        select="$own[empty(preceding-sibling::node()[normalize-space(.) != ''
            or self::*[not(self::witStart or self::witEnd or self::lacunaStart
                or self::lacunaEnd)]])]"/>
    <xsl:variable name="type" as="xs:string" select="normalize-space(@type)"/>
    <xsl:choose>
      <xsl:when test="$empty and exists($own)">
        <xsl:call-template name="r:mark-labels">
          <xsl:with-param name="marks" select="$own"/>
        </xsl:call-template>
      </xsl:when>
      <!-- an empty reading of a witness that has no text there (teiphy's rend="missing", a
           fragment's lacuna: probe 34) is no omission: "lac." -->
      <xsl:when test="$empty">
        <xsl:call-template name="r:app-label">
          <xsl:with-param name="token" select="if ($type = ('deletion', 'del')) then $type
              else if (tokenize(lower-case(@rend)) = 'missing'
                  or lower-case($type) = ('lacuna', 'lacunose', 'missing')) then 'lacuna'
              else 'omission'"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$type = 'addition'">
          <xsl:call-template name="r:app-label">
            <xsl:with-param name="token" select="$type"/>
          </xsl:call-template>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="exists($lead)">
          <xsl:call-template name="r:mark-labels">
            <xsl:with-param name="marks" select="$lead"/>
          </xsl:call-template>
          <xsl:text> </xsl:text>
        </xsl:if>
        <span class="{local-name()}">
          <xsl:sequence select="r:reading-lang(.)"/>
          <xsl:apply-templates select="node() except note" mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
        <xsl:text> </xsl:text>
        <xsl:call-template name="r:mark-labels">
          <xsl:with-param name="marks" select="$own except $lead"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="r:reading-marks">
      <xsl:with-param name="reading" select="."/>
      <xsl:with-param name="skip" select="if ($empty or $type = 'addition') then $type else ()"/>
    </xsl:call-template>
    <xsl:for-each select="$all-marks except $own">
      <xsl:text> </xsl:text>
      <span class="app-info">
        <xsl:text>(</xsl:text>
        <xsl:call-template name="r:mark-labels">
          <xsl:with-param name="marks" select="."/>
        </xsl:call-template>
        <xsl:call-template name="r:sigla">
          <xsl:with-param name="tokens" select="@wit"/>
        </xsl:call-template>
        <xsl:text>)</xsl:text>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- A mark is its reading's own when it names no witness or the reading's witnesses. -->
  <xsl:function name="r:mark-of-reading" as="xs:boolean">
    <xsl:param name="mark" as="element()"/>
    <xsl:variable name="reading" as="element()" select="$mark/.."/>
    <xsl:sequence select="not(normalize-space($mark/@wit)) or deep-equal(
        sort(distinct-values(tokenize(normalize-space($mark/@wit)))),
        sort(distinct-values(tokenize(normalize-space($reading/@wit)))))"/>
  </xsl:function>

  <!-- The labels of witness marks ("inc.", "des.", "lac.", "post lac."), a space between. -->
  <xsl:template name="r:mark-labels" as="node()*">
    <xsl:param name="marks" as="element()*" required="yes"/>
    <xsl:for-each select="$marks">
      <xsl:call-template name="r:app-label">
        <xsl:with-param name="token" select="local-name()"/>
      </xsl:call-template>
      <xsl:if test="position() lt last()">
        <xsl:text> </xsl:text>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- Sigla (@wit, @source, @resp, @hand), @varSeq, and the labels of @type and @cause. -->
  <xsl:template name="r:reading-marks" as="node()*">
    <xsl:param name="reading" as="element()" required="yes"/>
    <xsl:param name="skip" as="xs:string?" select="()"/>
    <xsl:for-each select="$reading">
      <!-- witnesses, then sources, then who is responsible, then the hand: in this order
           whatever the order of the attributes, which XML leaves without meaning (probe 79:
           CBETA's resp="Taisho" stood before or after the witnesses as the file wrote it) -->
      <xsl:call-template name="r:sigla">
        <xsl:with-param name="tokens" select="@wit, @source, @hand"/>
        <xsl:with-param name="hand" select="@hand"/>
      </xsl:call-template>
      <!-- who is responsible for the reading is no witness: "according to" them, or they
           read as a manuscript's siglum (probe 104: "mortalitem A B C CDP", CBETA's
           "Taisho"); the same pointer as a @source is cited once, as that source -->
      <xsl:variable name="sources" as="xs:string*" select="tokenize(normalize-space(@source))"/>
      <xsl:for-each select="@resp[exists(tokenize(normalize-space(.))[not(. = $sources)])]">
        <!-- (a conjecture or emendation says whose it is by its own label, "coni.") -->
        <xsl:if test="not(matches(string(../@type), 'conj|coni|emend', 'i'))">
          <xsl:text> </xsl:text>
          <i class="app-label app-resp" lang="{r:ui-lang()}"><xsl:value-of
              select="r:msg('app.resp')"/></i>
        </xsl:if>
        <xsl:call-template name="r:sigla">
          <xsl:with-param name="tokens" select="."/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="@varSeq[normalize-space()]">
        <sup class="varSeq"><xsl:value-of select="normalize-space(.)"/></sup>
      </xsl:for-each>
      <xsl:for-each select="(@type[not(normalize-space() = ($skip, 'omission'))], @cause)">
        <xsl:text> </xsl:text>
        <span class="app-info">
          <xsl:text>(</xsl:text>
          <xsl:call-template name="r:app-label">
            <xsl:with-param name="token" select="string(.)"/>
          </xsl:call-template>
          <xsl:text>)</xsl:text>
        </span>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- A label of the apparatus: the conventional abbreviation when the catalogue has one
       (app.t.omission = "om."), its expansion as title; else the token as words. -->
  <xsl:template name="r:app-label" as="element()">
    <xsl:param name="token" as="xs:string" required="yes"/>
    <xsl:variable name="key" as="xs:string" select="'app.t.' || normalize-space($token)"/>
    <xsl:choose>
      <xsl:when test="r:has-msg($key)">
        <abbr class="app-label" lang="{r:ui-lang()}">
          <xsl:if test="r:has-msg($key || '.title')">
            <xsl:attribute name="title" select="r:msg($key || '.title')"/>
          </xsl:if>
          <xsl:value-of select="r:msg($key)"/>
        </abbr>
      </xsl:when>
      <xsl:otherwise>
        <i class="app-label"><xsl:value-of select="r:app-words($token)"/></i>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="r:app-words" as="xs:string">
    <xsl:param name="token" as="xs:string?"/>
    <xsl:sequence select="lower-case(normalize-space(replace(replace(string($token), '[_#]', ' '),
        '([a-z])([A-Z])', '$1 $2')))"/>
  </xsl:function>

  <xsl:key name="r:witness-n" match="witness[normalize-space(@n)]" use="normalize-space(@n)"/>

  <!-- Sigla: one link per pointer, to the witness (or source, or person) it names; a pointer
       given twice (the same editor as @resp and @source) is one siglum. -->
  <xsl:template name="r:sigla" as="node()*">
    <xsl:param name="tokens" as="attribute()*" required="yes"/>
    <!-- a hand is cited by the declaration it points at; a hand of this document that
         none declares (probe 27: hand="user1", a placeholder of the encoder's tool) is no
         siglum of the reading, which read "C user1" (edition check tells "#user1",
         refs.dangling) -->
    <xsl:param name="hand" as="attribute()?" select="()"/>
    <xsl:variable name="nowhere" as="xs:string*" select="$hand ! tokenize(normalize-space(.))
        [matches(., '^#?[^\s#:/]+$')][empty(key('r:entry', replace(., '^#', ''), root($hand)))]"/>
    <xsl:for-each select="distinct-values($tokens ! tokenize(normalize-space(.)))[not(. = $nowhere)]">
      <xsl:variable name="id" as="xs:string" select="replace(., '^#', '')"/>
      <!-- a siglum written bare (wit="B", no "#": by the Guidelines a file's address, which
           edition check tells, refs.bare-id) names the witness of the document that has it
           as its id or, a witness known only by its @n (probe 34's collation, wit="P46"
           beside witness n="P46"), as its number -->
      <xsl:variable name="target" as="element()?"
          select="if (starts-with(., '#')) then key('r:entry', $id, root($tokens[1]))[1]
              else if (matches(., '^[^\s#:/]+$')) then
                  (key('r:entry', ., root($tokens[1]))[self::witness or self::listWit],
                   key('r:witness-n', ., root($tokens[1])))[1]
              else if (matches(., '^[^#:]+\.xml#.'))
              then r:entry(substring-after(., '#'))[local-name() = $r:work-kinds]
              else ()"/>
      <!-- a work of a bibliography file (source="biblio.xml#lettich1983") is cited by its
           short form and leads to the bibliography page, as a ptr at it does -->
      <xsl:variable name="work" as="xs:boolean" select="exists($target)
          and empty($target/ancestor::TEI) and local-name($target) = $r:work-kinds"/>
      <xsl:variable name="href" as="xs:string?" select="if ($work) then r:entry-href($target)
          else $target ! r:witness-href(.)"/>
      <xsl:text> </xsl:text>
      <xsl:element name="{if (exists($href)) then 'a' else 'span'}">
        <xsl:attribute name="class" select="'siglum'"/>
        <xsl:if test="exists($href)">
          <xsl:attribute name="href" select="$href"/>
        </xsl:if>
        <!-- a work's parts (a biblStruct's monogr, imprint) are words apart -->
        <xsl:variable name="title" as="xs:string?" select="if ($work)
            then replace(normalize-space(string-join($target//text(), ' ')), '\s+([,.;:])', '$1')
            else $target ! r:siglum-title(.)"/>
        <xsl:if test="normalize-space($title)">
          <xsl:attribute name="title" select="$title"/>
        </xsl:if>
        <xsl:variable name="label" as="element()?" select="r:siglum-label($target)"/>
        <xsl:choose>
          <!-- a siglum written with its marks (B with a raised c: a corrector of B) keeps them -->
          <xsl:when test="exists($label)">
            <xsl:apply-templates select="$label/node()" mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              <xsl:with-param name="r:ids" select="false()" tunnel="yes"/>
              <xsl:with-param name="r:in-link" select="exists($href)" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <!-- a pointer elsewhere is named by its fragment, or a web address by its last
                 step; a siglum written bare is the siglum as written, slash and all (probe
                 34: a New Testament collation's wit="1910/2", a commentary manuscript's
                 second hand, read "2") -->
            <xsl:value-of select="if ($work) then r:entry-words($target)
                else if (exists($target)) then r:siglum($target)
                else if (contains(., '#')) then replace(., '^.*#', '')
                else if (matches(., '^[A-Za-z][A-Za-z0-9+.\-]*:')) then replace(., '^.*/', '')
                else ."/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:element>
    </xsl:for-each>
  </xsl:template>

  <!-- Where a siglum links to: a witness listed on this page, else nowhere. -->
  <xsl:function name="r:witness-href" as="xs:string?">
    <xsl:param name="target" as="element()"/>
    <xsl:variable name="tei" as="element()?" select="$target/ancestor::TEI[1]"/>
    <xsl:variable name="id" as="xs:string?" select="r:witness-id($target)"/>
    <xsl:sequence select="
        if (empty($id)) then ()
        else if (exists($target/ancestor::text)) then '#' || $id
        else if (exists($target/ancestor-or-self::listWit) and exists($tei)
            and not(r:text-lists-witnesses($tei))) then '#' || $id
        else ()"/>
  </xsl:function>

  <!-- Whether a text holds a listWit in its own words (the header's is then not shown).
       Cached: every siglum of the apparatus asks it, and a text without one is searched to
       its end (8,000 entries of three sigla: 10 s of a page's 15). -->
  <xsl:function name="r:text-lists-witnesses" as="xs:boolean" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="exists($tei/text//listWit)"/>
  </xsl:function>

  <!-- The anchor of a witness in the list: its xml:id; a witness known only by its @n
       (probe 34: a collation's <witness n="P46">, cited wit="P46") by that number, "wit-P46",
       unless another witness has the same number or an element that id. -->
  <xsl:function name="r:witness-id" as="xs:string?">
    <xsl:param name="target" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($target/@n)"/>
    <xsl:variable name="made" as="xs:string" select="'wit-' || replace($n, '[^\p{L}\p{N}._\-]', '_')"/>
    <xsl:sequence select="if ($target/@xml:id) then string($target/@xml:id)
        else if (empty($target/self::witness) or $n = '') then ()
        else if (not(root($target) instance of document-node())) then ()
        else if (count(key('r:witness-n', $n, root($target))) gt 1
            or exists(key('r:entry', $made, root($target)))) then ()
        else $made"/>
  </xsl:function>

  <!-- A witness named by a short label of its own and no abbr or idno of type siglum
       (probe 27: a Cicero edition's <witness xml:id="B.c"><label>B<hi rend="sup">c</hi>
       </label>, its apparatus reading "B.c"): the label identifies it (Guidelines: label,
       "used to identify part of a text"), so it is its siglum. -->
  <xsl:function name="r:siglum-label" as="element()?">
    <xsl:param name="target" as="element()?"/>
    <xsl:sequence select="$target[self::witness][empty((abbr | idno)[@type = 'siglum'])]
        /label[1][normalize-space()][string-length(normalize-space()) le 24]"/>
  </xsl:function>

  <!-- A siglum: the witness's abbr or idno of type siglum, else its label (r:siglum-label),
       else its @n; a group of witnesses or a person may go by a short head or name, a
       source (a reading's @source at a bibl, att.source) by its abbreviation or its short
       title, as an apparatus cites an edition ("Lettich 1983", "ILCV 457": probe 29, the
       Concordia inscriptions, whose apparatus read "lettich1983", "ilcv457"); else the id. -->
  <xsl:function name="r:siglum" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <!-- a group's heading without what it says in brackets: "β (the Yorkshire group)" cites
         the group as "β" (probe 59) -->
    <xsl:variable name="short" as="xs:string?"
        select="(($target/self::listWit/head ! normalize-space(replace(r:plain(.),
            '^([^(\[]+)[(\[].*$', '$1'))[. != ''], $target[self::persName or self::name
            or self::person or self::orgName or self::editor or self::author]
            /(persName, .)[1] ! r:plain(.))[1][string-length(.) le 24],
            (: a statement of responsibility (resp=#ed) by whom it names, not its id
               (probe 91: hums B A ed), each of them (probe 95: the first of two was cited
               alone), the first and et al. when they are many :)
            $target/self::respStmt[persName | name | orgName] ! r:responsible(.)
            [string-length(.) le 40])[1]"/>
    <!-- a full entry's first title is the work's, too long for a citation: the id then -->
    <xsl:variable name="cited" as="xs:string?"
        select="$target/self::bibl/(abbr, title)[normalize-space()][1]
            ! r:plain(.)[string-length(.) le 40]"/>
    <!-- a witness whose whole description is a short label in brackets is cited by it
         (CBETA's <witness xml:id="wit1">【宋】</witness>: probe 104, "wit1"), in full-width
         parentheses too, or two or three such labels together (【元】【明】: probe 109); words
         in ASCII parentheses describe ("(lost)", probe 106) -->
    <xsl:variable name="bracketed" as="xs:string?" select="$target/self::witness[empty(*)]
        ! normalize-space(.)[matches(., '^(【[^】]{1,6}】|〔[^〕]{1,6}〕|〈[^〉]{1,6}〉|《[^》]{1,6}》|（[^）]{1,6}）|\[[^\]\s]{1,6}\]){1,3}$')]"/>
    <xsl:sequence select="(($target/abbr[@type = 'siglum'], $target/idno[@type = 'siglum'])[1]
        ! normalize-space(.), r:siglum-label($target) ! r:plain(.), normalize-space($target/@n),
        $short, $cited, $bracketed, string($target/@xml:id), '')
        [. != '' or position() = last()][1]"/>
  </xsl:function>

  <!-- The people a statement of responsibility names, as an apparatus cites them: "Jane
       Roe", "John Doe, Mary Major", "John Doe et al." when all would pass 24 characters. -->
  <xsl:function name="r:responsible" as="xs:string">
    <xsl:param name="statement" as="element()"/>
    <xsl:variable name="names" as="xs:string*"
        select="$statement/(persName | name | orgName) ! r:plain(.)[. != '']"/>
    <xsl:variable name="all" as="xs:string" select="string-join($names, ', ')"/>
    <xsl:sequence select="if (count($names) gt 1 and string-length($all) gt 24)
        then $names[1] || ' et al.' else $all"/>
  </xsl:function>

  <!-- Whether a witness's siglum leads its description (left out of it, being its label),
       rather than standing inside its words: "Servius Auctus (<abbr type="siglum">DS</abbr>)"
       read "Servius Auctus ()" (probe 104). -->
  <xsl:function name="r:leading" as="xs:boolean">
    <xsl:param name="siglum" as="element()"/>
    <xsl:sequence select="empty($siglum/preceding-sibling::node()[normalize-space() or self::*])"/>
  </xsl:function>

  <!-- What a siglum stands for (its title): the witness's description without its siglum. -->
  <xsl:function name="r:siglum-title" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <!-- a statement of responsibility's parts are words apart ("edited by Jane Roe", where
         its resp and its name ran together) -->
    <xsl:variable name="text" as="xs:string" select="(if ($target/self::respStmt)
        then string-join(($target/resp ! r:plain(.)[. != ''],
            string-join($target/(persName | name | orgName) ! r:plain(.)[. != ''], ', ')
            [. != '']), ' ')
        else r:plain($target/(node() except (
        abbr[@type = 'siglum'][r:leading(.)], idno[@type = 'siglum'], r:siglum-label($target),
        listWit, witness, note))))
        ! replace(replace(., '\s*([,.;:])(\s*[,.;:])+', '$1'), '^[\s,.;:]+|[\s,.;:]+$', '')"/>
    <xsl:sequence select="if (string-length($text) gt 160) then substring($text, 1, 159) || '…'
        else if ($text = '' and $target/self::listWit)
        then string-join($target//witness ! r:siglum(.), ' ') else $text"/>
  </xsl:function>

  <!-- In the reading text, witnesses beginning and ending are marks of the apparatus only. -->
  <xsl:template match="witStart | witEnd | lacunaStart | lacunaEnd" mode="r:main"
      as="empty-sequence()"/>

  <!-- A list of apparatus entries standing apart (location-referenced, in a note or back).
       An entry attached to the text by double end-points (Guidelines 12.2.2: @from and @to
       name two anchors around the words it is about) is numbered, and its number leads back
       to where those words begin; the anchor at their end carries the same number, a link to
       the entry. -->
  <xsl:template match="listApp" mode="r:main" as="element()+">
    <xsl:apply-templates select="head" mode="r:main"/>
    <!-- one without a head of its own, nor one of its division's (its head, or the heading
         of its type, div type="apparatus") just before it, is titled as an apparatus of the
         text is (probe 165: a back/listApp of a double-end-point apparatus was a bare list);
         the standOff's has its section's heading (r:standoff-apparatus) -->
    <xsl:variable name="headed" as="xs:boolean" select="exists(head)
        or exists(preceding-sibling::*[1][self::head]) or (empty(preceding-sibling::*
            [not(self::head)]) and exists(parent::*[r:is-div(.)][head or r:generated-head(.)]))"/>
    <xsl:variable name="title" as="xs:string?" select="if ($headed or exists(ancestor::standOff
        | ancestor::note | parent::listApp)) then ()
        else (@xml:id ! (. || '-title'), 'listApp-' || count(preceding::listApp) + 1 || '-title')[1]"/>
    <xsl:variable name="list" as="element()" select="."/>
    <xsl:for-each select="$title">
      <p class="apparatus-title" id="{.}">
        <xsl:sequence select="r:ui-words($list)"/>
        <xsl:value-of select="r:msg('app.title')"/>
      </p>
    </xsl:for-each>
    <ul class="listApp">
      <xsl:call-template name="r:attributes"/>
      <xsl:for-each select="$title">
        <xsl:attribute name="aria-labelledby" select="."/>
      </xsl:for-each>
      <!-- the editor's order, even where it is not the order of the calls (their numbers):
           the list is the edition's text -->
      <xsl:for-each select="app">
        <xsl:variable name="start" as="element()?" select="r:attached-start(.)"/>
        <xsl:variable name="number" as="xs:string"
            select="(r:attached-number(.) ! string(.), '↑')[1]"/>
        <li class="app-entry">
          <xsl:for-each select="(@xml:id, $start ! r:attached-id(current()))[1]">
            <xsl:attribute name="id" select="."/>
          </xsl:for-each>
          <xsl:if test="exists($start)">
            <a class="app-back" href="{r:href-of($start, string($start/@xml:id))}"
                aria-label="{r:msg('app.back', $number)}">
              <xsl:value-of select="$number"/>
            </a>
            <xsl:text> </xsl:text>
          </xsl:if>
          <span class="app-body"><xsl:call-template name="r:entry-body"/></span>
        </li>
        <!-- a variant inside its lemma (CBETA's stand-off apparatus: a lemma's word varies
             in other witnesses than the whole) has its entry after it: its readings were
             lost (probe 104) -->
        <xsl:variable name="lemma" as="element()?" select="r:lemma(.)"/>
        <xsl:for-each select="$lemma//app[empty(ancestor::rdg[. >> $lemma])]">
          <li class="app-entry app-inner">
            <span class="app-body"><xsl:call-template name="r:entry-body"/></span>
          </li>
        </xsl:for-each>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The anchor where the words of an entry attached by @from/@to begin (or end, when it
       names no start), when the text has it. -->
  <xsl:function name="r:attached-start" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="doc" as="node()" select="root($app)"/>
    <xsl:sequence select="if (not($doc instance of document-node())) then ()
        else ($app/(@from, @to) ! key('r:entry', replace(normalize-space(.), '^#', ''), $doc)
            [ancestor::text or ancestor::sourceDoc])[1]"/>
  </xsl:function>

  <!-- The words of the text an entry attached by @from/@to is about: from the element @from
       names (its own words, a w or seg) to the one @to names (its words included), as the
       reading text has them (the other side of a choice, a deletion, a note left out). No
       words when either end is not in the text, or the ends are one empty anchor. -->
  <xsl:function name="r:attached-words" as="xs:string*">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="doc" as="node()" select="root($app)"/>
    <xsl:variable name="ends" as="element()*" select="if (not($doc instance of document-node()))
        then () else for $ref in ($app/@from, $app/@to)
          return key('r:entry', replace(normalize-space($ref), '^#', ''), $doc)
            [ancestor::text or ancestor::sourceDoc][1]"/>
    <xsl:variable name="start" as="element()?" select="$ends[1]"/>
    <xsl:variable name="end" as="element()?" select="($ends[2], $ends[1])[1]"/>
    <xsl:if test="exists($start) and count($ends) = count($app/(@from, @to))
        and not($end &lt;&lt; $start)">
      <!-- the smallest element holding both ends bounds the search: a paragraph or a line,
           not the whole document for every entry -->
      <xsl:variable name="within" as="node()"
          select="(($start/ancestor-or-self::* intersect $end/ancestor-or-self::*)[last()], $doc)[1]"/>
      <xsl:variable name="words" as="text()*" select="$within//text()
          [. &gt;&gt; $start][. &lt;&lt; $end or exists(ancestor::* intersect $end)]
          [not(ancestor::*[parent::*][self::note or self::witDetail or r:left-out(.)])]"/>
      <xsl:sequence select="tokenize(normalize-space(string-join($words)))"/>
    </xsl:if>
  </xsl:function>

  <!-- The one element of the text an entry apart is attached to when it names a point, not a
       span: @from alone, or @from and @to naming the same element; an anchor, or an empty
       element (a milestone). -->
  <xsl:function name="r:attached-point" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="doc" as="node()" select="root($app)"/>
    <xsl:variable name="ids" as="xs:string*" select="distinct-values(($app/@from, $app/@to)
        ! replace(normalize-space(.), '^#', ''))"/>
    <xsl:sequence select="if (count($ids) ne 1 or not($doc instance of document-node())) then ()
        else key('r:entry', $ids, $doc)[ancestor::text or ancestor::sourceDoc][empty(node())][1]"/>
  </xsl:function>

  <!-- Whether the document rendered has entries attached by pointers (@from, @to): asked
       once, where every element with an id asked the two keys below (a tenth of a novel's
       page). -->
  <xsl:variable name="r:has-pointing-apps" as="xs:boolean"
      select="exists(/descendant::app[@from or @to][1])"/>

  <!-- The entries attached to the words that end at an anchor (by @to, else @from). -->
  <xsl:key name="r:app-end" match="listApp/app[@from or @to]"
      use="replace(normalize-space((@to, @from)[1]), '^#', '')"/>

  <xsl:function name="r:attached-apps" as="element()*">
    <xsl:param name="anchor" as="element()"/>
    <xsl:variable name="doc" as="node()" select="root($anchor)"/>
    <xsl:sequence select="if ($doc instance of document-node())
        then key('r:app-end', string($anchor/@xml:id), $doc) else ()"/>
  </xsl:function>

  <!-- An entry in the text attached by @from/@to: the element of the text where its words end
       (@to, else @from), when that is not where the entry stands. -->
  <xsl:key name="r:inline-app-end" match="app[@from or @to][not(parent::listApp)]"
      use="replace(normalize-space((@to, @from)[1]), '^#', '')"/>

  <xsl:function name="r:inline-end" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="doc" as="node()" select="root($app)"/>
    <xsl:sequence select="if (not($doc instance of document-node()) or not(r:is-entry($app))
        or empty($app/(@from, @to))) then ()
        else key('r:entry', replace(normalize-space(($app/@to, $app/@from)[1]), '^#', ''), $doc)
            [ancestor::text][not(. is $app)][empty(ancestor::* intersect $app)]
            [empty($app/ancestor::* intersect .)][1]"/>
  </xsl:function>

  <!-- The entries standing in the text whose words end at $anchor. -->
  <xsl:function name="r:inline-apps" as="element()*">
    <xsl:param name="anchor" as="element()"/>
    <xsl:variable name="doc" as="node()" select="root($anchor)"/>
    <xsl:sequence select="if ($doc instance of document-node())
        then key('r:inline-app-end', string($anchor/@xml:id), $doc)
            [r:inline-end(.) is $anchor] else ()"/>
  </xsl:function>

  <!-- The calls of entries attached by @from/@to, counted in the order they stand in the
       text (each TEI document from 1): the entries of a list apart are numbered by where the
       text calls them, not by where they stand in the list (probe 52: calls read "2 1 3" when
       the list did not follow the text). A call stands after the element an entry ends at. -->
  <xsl:accumulator name="r:app-call" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" phase="start" select="0"/>
    <xsl:accumulator-rule match="*[$r:has-pointing-apps or not(root(.) is $r:root)][@xml:id]
        [exists(r:attached-apps(.))]" phase="end"
        select="$value + count(r:attached-apps(.))"/>
  </xsl:accumulator>

  <!-- An entry's number: the rank of its call in the text; none when the text has no element
       where its words end (no call stands there). -->
  <xsl:function name="r:attached-number" as="xs:integer?">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="doc" as="node()" select="root($app)"/>
    <xsl:variable name="end" as="element()?" select="if (not($doc instance of document-node()))
        then () else key('r:entry',
          replace(normalize-space(($app/@to, $app/@from)[1]), '^#', ''), $doc)[1]"/>
    <xsl:variable name="here" as="element()*" select="$end ! r:attached-apps(.)"/>
    <xsl:sequence select="$end ! (accumulator-after('r:app-call') - count($here)
        + index-of($here ! generate-id(.), generate-id($app))[1])"/>
  </xsl:function>

  <!-- An entry's id: its own, else "app-at-" and the id where its words begin; a second entry
       beginning there (probe 27: a Cicero edition's "from=#w35" and "from=#w35 to=#w36") takes
       its rank, "app-at-w35-2", so that no two entries share an id. -->
  <xsl:function name="r:attached-id" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="start" as="xs:string" select="normalize-space(($app/@from, $app/@to)[1])"/>
    <xsl:variable name="same" as="element()*" select="if (root($app) instance of document-node())
        then key('r:app-start', $start, root($app)) else $app"/>
    <xsl:variable name="rank" as="xs:integer"
        select="(for $i in 1 to count($same) return $i[$same[$i] is $app], 1)[1]"/>
    <xsl:sequence select="($app/@xml:id, 'app-at-' || replace($start, '^#', '')
        || (if ($rank gt 1) then '-' || $rank else ''))[1]"/>
  </xsl:function>

  <xsl:key name="r:app-start" match="listApp/app[@from or @to]"
      use="normalize-space((@from, @to)[1])"/>

  <!-- Where a link to the element $e, whose id is $id, leads: on the page, "#id" (the pages of
       a long text are relinked together: html/modules/parts.xsl); the book names the content
       document (epub/modules/apparatus.xsl). -->
  <xsl:function name="r:href-of" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="'#' || $id"/>
  </xsl:function>

  <!-- The call stands after the element an entry ends at: an anchor, or the word (w), seg or
       line that @to (else @from) names (probe 27: a Cicero edition's listApp in the back
       attached to its w elements by @from alone had no call in the text, so its entries could
       be reached from the text by no link). Priority 4: above the empty head's 3. -->
  <xsl:template match="*[$r:has-pointing-apps or not(root(.) is $r:root)][@xml:id]
      [exists(r:attached-apps(.)) or exists(r:inline-apps(.))]"
      mode="r:main" as="node()*" priority="4">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:next-match/>
    <xsl:for-each select="r:inline-apps(.)">
      <span id="{r:app-id(.)}" class="{string-join(('app', r:token-class('type', @type)), ' ')}">
        <xsl:call-template name="r:app-ref">
          <xsl:with-param name="id" select="r:app-id(.)"/>
          <xsl:with-param name="number" select="r:app-number(.)"/>
        </xsl:call-template>
      </span>
    </xsl:for-each>
    <xsl:for-each select="r:attached-apps(.)">
      <xsl:variable name="number" as="xs:integer?" select="r:attached-number(.)"/>
      <xsl:choose>
        <xsl:when test="$r:in-link">
          <sup class="app-ref"><xsl:value-of select="$number"/></sup>
        </xsl:when>
        <xsl:otherwise>
          <a class="app-ref" href="{r:href-of(., r:attached-id(.))}"
              aria-label="{r:msg('app.ref', string($number))}">
            <sup><xsl:value-of select="$number"/></sup>
          </a>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The list of witnesses: sigla set off, nested lists nested. -->
  <xsl:template match="listWit" mode="r:main" as="element()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- a head in the words of the heading the list is shown under is not said twice (probe
         74: "Witnesses" as a heading, then as the list's head) -->
    <xsl:param name="r:said-heading" as="xs:string" tunnel="yes" select="''"/>
    <xsl:apply-templates select="head[lower-case(normalize-space(r:plain(.))) ne $r:said-heading]"
        mode="r:main"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'ul'}">
      <!-- a nested list's id is on its item in the list above -->
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'listWit' || (if ($r:phrasing) then ' block' else '')"/>
        <xsl:with-param name="id" select="empty(parent::listWit)"/>
      </xsl:call-template>
      <xsl:apply-templates select="witness | listWit" mode="r:witness-item"/>
    </xsl:element>
  </xsl:template>

  <xsl:mode name="r:witness-item" on-no-match="fail" on-multiple-match="fail"/>

  <!-- One item of a list of witnesses: its siglum and its description. The witnesses a
       witness holds (no TEI, which nests a listWit, but a Tamil edition's hands of one
       manuscript, probe 15) are a list inside its item: their words ran into its own,
       "Tamilfirst hand". -->
  <xsl:template match="witness | listWit" mode="r:witness-item" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'li'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name() || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:if test="empty(@xml:id)">
        <xsl:for-each select="r:witness-id(.)">
          <xsl:attribute name="id" select="."/>
        </xsl:for-each>
      </xsl:if>
      <xsl:variable name="siglum" as="xs:string" select="r:siglum(.)"/>
      <xsl:variable name="label" as="element()?" select="r:siglum-label(.)"/>
      <xsl:if test="$siglum != '' and (self::witness or @n or abbr[@type = 'siglum'])">
        <span class="siglum">
          <xsl:choose>
            <xsl:when test="exists($label)">
              <xsl:apply-templates select="$label/node()" mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$siglum"/></xsl:otherwise>
          </xsl:choose>
        </span>
        <!-- "K: Budapest", as written after the siglum, not "K : Budapest" (probe 74) -->
        <xsl:variable name="next" as="node()?" select="(node() except (abbr[@type = 'siglum']
            [r:leading(.)], $label, witness))[1]"/>
        <xsl:if test="not($next/self::text()[matches(., '^[:;,.)\]]')])">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:if>
      <!-- the siglum, said above, is not said again -->
      <xsl:apply-templates select="if (self::listWit) then .
          else node() except (abbr[@type = 'siglum'][r:leading(.)], $label, witness)"
          mode="r:witness"/>
      <xsl:if test="self::witness[witness]">
        <xsl:element name="{if ($r:phrasing) then 'span' else 'ul'}">
          <xsl:attribute name="class"
              select="'listWit' || (if ($r:phrasing) then ' block' else '')"/>
          <xsl:apply-templates select="witness" mode="r:witness-item"/>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:mode name="r:witness" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="listWit" mode="r:witness" as="element()+">
    <xsl:apply-templates select="." mode="r:main">
      <xsl:with-param name="r:phrasing" select="false()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="node()" mode="r:witness" as="node()*">
    <xsl:apply-templates select="." mode="r:main">
      <xsl:with-param name="r:phrasing" select="empty(../(msDesc | p | ab | list | listWit))"
          tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A witness's note stays in its description (the witness list has no footnotes). -->
  <xsl:template match="witness//note" mode="r:main" as="element()">
    <span class="note-inline">
      <xsl:call-template name="r:attributes"/>
      <xsl:call-template name="r:in-brackets"/>
    </span>
  </xsl:template>

  <!-- The list of witnesses of a text with an apparatus, when the header holds it: after the
       text (nothing when the text itself holds its listWit, or has no apparatus). -->
  <!-- Whether a page lists the witnesses of its header (r:witnesses): an apparatus cites
       them and the text lists none of its own. manuscripts.xsl asks it too: a witness's
       description shown there is not shown again before the text. -->
  <xsl:function name="r:shows-witnesses" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="exists($tei/teiHeader//listWit) and r:has-apparatus($tei)
        and not(r:text-lists-witnesses($tei))"/>
  </xsl:function>

  <xsl:template name="r:witnesses" as="element()?">
    <xsl:param name="tei" as="element()" required="yes"/>
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:variable name="lists" as="element()*"
        select="$tei/teiHeader//listWit[not(ancestor::listWit)]"/>
    <xsl:if test="r:shows-witnesses($tei)">
      <section class="witnesses" id="ed-witnesses" aria-labelledby="ed-witnesses-title">
        <xsl:sequence select="r:editorial-lang($tei)"/>
        <xsl:element name="h{$level}">
          <xsl:attribute name="id" select="'ed-witnesses-title'"/>
          <xsl:sequence select="r:ui-words-under(r:editorial-lang($tei), $lists[1])"/>
          <xsl:value-of select="r:msg('app.witnesses')"/>
        </xsl:element>
        <xsl:apply-templates select="$lists" mode="r:main">
          <xsl:with-param name="r:said-heading" tunnel="yes"
              select="lower-case(normalize-space(r:msg('app.witnesses')))"/>
        </xsl:apply-templates>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The apparatus a text keeps apart in its standOff (a listApp, location-referenced or
       attached by @from/@to; Guidelines 12.2 and 16.10): after the text, before its
       witnesses. Before probe 15 it was not shown: its readings were lost, and the calls the
       text had for the entries it attaches led nowhere (epubcheck RSC-012). -->
  <xsl:template name="r:standoff-apparatus" as="element()?">
    <xsl:param name="tei" as="element()" required="yes"/>
    <xsl:param name="level" as="xs:integer" select="2"/>
    <xsl:variable name="lists" as="element()*"
        select="$tei/standOff//listApp[not(ancestor::listApp)]"/>
    <xsl:if test="exists($lists)">
      <section class="apparatus standoff-apparatus" id="ed-apparatus"
          aria-labelledby="ed-apparatus-title">
        <xsl:sequence select="r:editorial-lang($tei)"/>
        <xsl:element name="h{$level}">
          <xsl:attribute name="id" select="'ed-apparatus-title'"/>
          <xsl:sequence select="r:ui-words-under(r:editorial-lang($tei), $lists[1])"/>
          <xsl:value-of select="r:msg('app.title')"/>
        </xsl:element>
        <xsl:apply-templates select="$lists" mode="r:main"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Plain text (titles, the lemma of an entry): the reading text only. -->
  <xsl:template match="app" mode="r:plain" as="xs:string*">
    <xsl:apply-templates select="r:lemma(.)/node()" mode="r:plain"/>
  </xsl:template>

</xsl:stylesheet>

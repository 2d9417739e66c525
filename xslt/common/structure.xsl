<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text structure: text, front, body, back, group, div/div1..div7 and their heads, the title page
  (docTitle, titlePart, byline, docAuthor ...), epigraphs and arguments, floatingText and
  milestone. The parts of letters (opener, closer ...) are in correspondence.xsl. A headed div becomes a section whose heading carries a self-link
  to the section's id (the normalized xml:id); heading levels follow the nesting of headed divs
  so that they never skip a level.
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
  <xsl:import href="subjects.xsl"/>

  <xsl:template match="text | group" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="'tei-' || local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A text of a group with no title of its own, which its type or language tells from the
       texts beside it (a letter and its translation, text type="source" and
       type="translation" in one group, were shown one after the other unheaded): a heading
       of its kind, with its language when the texts beside it are in others ("Translation
       (Polish)"), or its language alone. -->
  <xsl:template match="group/text[empty(r:group-title(.))][exists(r:text-label(.))]"
      mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'tei-text' || (' block')[$r:phrasing]"/>
      </xsl:call-template>
      <!-- a level below the titles around it (r:title-depth: those of the titled groups,
           and of the texts it is a part of, probe 161) -->
      <xsl:element name="{if ($r:phrasing) then 'span' else 'h' || max((1, min((6, 2
          + r:title-depth(.) + $r:heading-shift))))}">
        <xsl:attribute name="class" select="'head part-title'"/>
        <xsl:sequence select="r:ui-words(.)"/>
        <xsl:value-of select="r:text-label(.)"/>
      </xsl:element>
      <xsl:call-template name="r:fields"/>
    </xsl:element>
  </xsl:template>

  <!-- Units of the critical apparatus: r:unit (apparatus.xsl, which declares an accumulator
       and so is imported once, by render.xsl) is r:block with the apparatus of the unit after
       its own content. -->
  <xsl:template match="front | body | back" mode="r:main" as="element()">
    <xsl:call-template name="r:unit">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A div; its apparatus follows its own content (apparatus.xsl: r:unit-content), the
       footnotes of a section without headed divs inside are listed at its end (notes.xsl),
       and a div of notes without a head gets one. -->
  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7" mode="r:main"
      as="element()">
    <!-- a div whose child divs are on other pages of a long text renders only these nodes
         (html/modules/parts.xsl, common/plan.xsl) -->
    <xsl:param name="content" as="node()*" select="node()"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing">
        <xsl:call-template name="r:block">
          <xsl:with-param name="class" select="'div'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (head or r:generated-head(.)) then 'section' else 'div'}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'div'"/>
          </xsl:call-template>
          <xsl:call-template name="r:generated-head">
            <xsl:with-param name="level" select="2"/>
          </xsl:call-template>
          <!-- the children, with the apparatus of the div after its own content; the link
               to the part before after the heading -->
          <xsl:variable name="body" as="node()*">
            <xsl:call-template name="r:unit-content">
              <xsl:with-param name="content" select="$content"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:variable name="after" as="xs:integer" select="r:after-heading($body)"/>
          <xsl:sequence select="$body[position() le $after]"/>
          <xsl:sequence select="r:continued(., @prev, 'div.continued-from', 'div.part-earlier')"/>
          <!-- its translations that do not stand beside it as columns (probe 169) -->
          <xsl:call-template name="r:counterpart-links"/>
          <xsl:sequence select="$body[position() gt $after]"/>
          <xsl:sequence select="r:continued(., @next, 'div.continued-on', 'div.part-later')"/>
          <!-- who made the division (div resp="#GPT4": a translation made by a machine, probe
               15), after its words as a note's author is named -->
          <xsl:call-template name="r:note-resp">
            <xsl:with-param name="block" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="r:section-notes"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The link to the other part of a division split over columns, pages or issues (a
       newspaper's article "continued on page 4", al-Zuhur's articles continued in the next
       issue: @prev, @next, Guidelines 16.7): "Continued from" or "Continued at" the part's
       heading, in this text, or the other text's title; nothing where the part is in no text
       the build publishes (probe 133: the two parts stood unlinked). -->
  <xsl:function name="r:continued" as="element()?">
    <xsl:param name="div" as="element()"/>
    <xsl:param name="pointer" as="attribute()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="unnamed" as="xs:string"/>
    <xsl:variable name="first" as="xs:string" select="string(tokenize(normalize-space($pointer))[1])"/>
    <xsl:variable name="doc" as="node()?" select="root($div)[. instance of document-node()]"/>
    <!-- another division of this text (not the division itself, not an element inside it:
         a pointer of no chain, probe 137) -->
    <xsl:variable name="here" as="element()?" select="(if (starts-with($first, '#') and exists($doc))
        then key('r:entry', substring($first, 2), $doc)[1] else ())
        [r:is-div(.) or self::floatingText][not(. is $div)][not(ancestor::* intersect $div)]"/>
    <xsl:variable name="there" as="xs:string?" select="if (exists($here) or $first = ''
        or starts-with($first, '#')) then () else r:linked-title($pointer)"/>
    <xsl:if test="exists($here) or exists($there)">
      <xsl:variable name="head" as="element()?" select="$here ! r:main-head(.)"/>
      <xsl:variable name="href" as="xs:string?" select="r:continued-href($here, $first)"/>
      <xsl:variable name="words" as="xs:string" select="r:msg($key, if (exists($head))
          then r:msg('quoted', r:plain($head)) else if (exists($there)) then $there
          else r:msg($unnamed))"/>
      <!-- the interface's words, in its language and direction inside a text of another
           (probe 137: "Continued from" ran right to left in an Arabic text) -->
      <p class="continued">
        <xsl:sequence select="r:ui-words($div)"/>
        <xsl:choose>
          <xsl:when test="exists($href)">
            <a href="{$href}"><xsl:value-of select="$words"/></a>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="$words"/>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
  </xsl:function>

  <!-- How many nodes of a division's rendered $body its heading ends: the position of its
       first element when that is a heading, else 0. -->
  <!-- (its headings, a subheading before the main one, and the page or column breaks
       before them: a part continued on another page opens with one, probe 137) -->
  <xsl:function name="r:after-heading" as="xs:integer">
    <xsl:param name="body" as="node()*"/>
    <xsl:variable name="stop" as="xs:integer" select="((for $i in 1 to count($body)
        return $i[not(r:heading-lead($body[$i]))])[1], count($body) + 1)[1]"/>
    <!-- (a part without a heading: after the breaks it opens with, "p. 4" above the line,
         probe 138) -->
    <xsl:sequence select="((for $i in reverse(1 to $stop - 1)
        return $i[local-name($body[$i]) = ('h1', 'h2', 'h3', 'h4', 'h5', 'h6')
                  or tokenize($body[$i]/@class) = 'head'])[1], $stop - 1)[1]"/>
  </xsl:function>

  <!-- Whether a node of a rendered division may stand before or among its headings. -->
  <xsl:function name="r:heading-lead" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node instance of text() and not(normalize-space($node)))
        or $node instance of comment()
        or ($node instance of element() and namespace-uri($node) = 'http://www.w3.org/1999/xhtml'
            and (local-name($node) = ('h1', 'h2', 'h3', 'h4', 'h5', 'h6')
                 or tokenize($node/@class) = ('pb', 'cb', 'milestone', 'anchor-only', 'anchor',
                     'head')
                 (: the book's page break, a span of no class (probe 138) :)
                 or $node/@*[local-name() = 'type'][namespace-uri() = 'http://www.idpf.org/2007/ops'] = 'pagebreak'
                 or $node/@role = 'doc-pagebreak'))"/>
  </xsl:function>

  <!-- Where the link to a division's other part leads: the part $here of this text, else the
       text of the edition $first names (the book overrides it: epub/modules/links.xsl). -->
  <xsl:function name="r:continued-href" as="xs:string?">
    <xsl:param name="here" as="element()?"/>
    <xsl:param name="first" as="xs:string"/>
    <xsl:sequence select="r:href($first)"/>
  </xsl:function>

  <!-- Whether a div without a head gets one: a div of notes, a part of an epigraphic or
       documentary edition (EpiDoc's div types say what they are: r:part-type). -->
  <xsl:function name="r:generated-head" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="empty($div/head) and ($div/@type = ('notes', 'endnotes', 'footnotes')
        and exists($div/note) or exists(r:part-type($div)))"/>
  </xsl:function>

  <!-- The heading a div without a head gets (r:generated-head), at $level under the divs
       with heads around it (the page's texts start at h2, the book's at h1), and the label of
       an unheaded textpart (EpiDoc: a face, a column, a fragment of the object), from its
       @subtype and @n: "Column ii", "Face a". -->
  <xsl:template name="r:generated-head" as="element()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="level" as="xs:integer" required="yes"/>
    <xsl:if test="r:generated-head(.)">
      <xsl:variable name="part-head" as="xs:string?" select="r:part-type(.)"/>
      <!-- and below the titles of the groups and texts around it (probe 161) -->
      <xsl:element name="h{min((6, $level + count(ancestor::*[r:is-div(.)][head])
          + r:title-depth(.)))}">
        <xsl:attribute name="class"
            select="if (exists($part-head)) then 'head part-title' else 'head notes-title'"/>
        <xsl:sequence select="r:ui-words(.)"/>
        <xsl:value-of select="if (exists($part-head)) then r:part-title(.)
            else r:msg('notes.title')"/>
      </xsl:element>
    </xsl:if>
    <!-- a textpart named by its subtype alone (probe 29: a lid's side, subtype
         "side_of_the_lid", beside the chest "b") is labelled too -->
    <xsl:for-each select="self::div[@type = 'textpart'][empty(head)]
        [normalize-space(@n) or normalize-space(@subtype)]">
      <p class="textpart-label">
        <xsl:sequence select="r:ui-words(.)"/>
        <xsl:value-of select="r:textpart-label(.)"/>
      </p>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="r:textpart-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="kind" as="xs:string"
        select="replace(r:token-words($div/@subtype), '([a-z])([A-Z])', '$1 $2')"/>
    <xsl:sequence select="if ($kind = '') then r:msg('div.textpart-n', normalize-space($div/@n))
        else normalize-space(upper-case(substring($kind, 1, 1)) || substring($kind, 2) || ' '
            || normalize-space($div/@n))"/>
  </xsl:function>

  <!-- Overridden by notes.xsl, which render.xsl imports after this module. -->
  <xsl:template name="r:section-notes" as="element()?"/>

  <!-- A head with nothing in it (a template left in place) is no heading: an empty heading
       is announced as one by screen readers. Its id stays, for the links to it. -->
  <xsl:template match="head[not(normalize-space())][not(*)]" mode="r:main" as="element()?"
      priority="3">
    <xsl:if test="@xml:id">
      <span>
        <xsl:call-template name="r:attributes"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- The main head of a div is its heading (r:main-head); the others are subheadings. -->
  <xsl:template match="head[r:is-div(..)][. is r:main-head(..)]" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="level" as="xs:integer" select="r:heading-level(.)"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'h' || $level}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'head'"/>
      </xsl:call-template>
      <xsl:call-template name="r:children"/>
      <xsl:if test="../@xml:id and not($r:phrasing)">
        <xsl:text> </xsl:text>
        <!-- its sign (#) is the style sheet's, as a paragraph's pilcrow is -->
        <a class="anchor" href="#{../@xml:id}" aria-label="{r:msg('section.link')}"/>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template match="head" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="element" select="'p'"/>
      <xsl:with-param name="class" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The title of a group of texts (an anthology's part), and that of a text of a group
       written as its body's head: headings, a level below the group around them (the
       contents list them: toc.xsl). -->
  <xsl:template match="group/head[1] | group/text/body/head[1]" mode="r:main" as="element()">
    <xsl:call-template name="r:heading">
      <!-- below the titles around it (r:title-depth): an untitled group adds no level (its
           texts' headings were h3 under no h2); a nested corpus's group is below the corpus's
           title (probe 161) -->
      <xsl:with-param name="level" select="2 + r:title-depth(.) + $r:heading-shift"/>
      <xsl:with-param name="class" select="'head group-head'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The heading of a text's body (a poem's title written as its body's head, probe 32's
       sonnets): a heading of the page, at the level of the text's first divisions, so that
       it is in the page's outline, where a paragraph styled as a heading was not. -->
  <xsl:template match="text[not(parent::group)]/body/head[1]" mode="r:main" as="element()">
    <xsl:call-template name="r:heading">
      <xsl:with-param name="level" select="2 + $r:heading-shift"/>
      <xsl:with-param name="class" select="'head body-head'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Title pages and the formal parts of chapters (those of letters: correspondence.xsl). -->
  <xsl:template match="titlePage | docTitle | epigraph | argument | floatingText
      | prologue | epilogue | performance" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An imprint is one line of a title page: its place, publisher and date run in it. -->
  <xsl:template match="docImprint" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="element" select="'p'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Lines of a title page: paragraphs, or spans inside another such line. -->
  <!-- Where software would generate a division (a table of contents, an index: TEI 4.3.2):
       the site and the book make their own contents and index pages, so nothing shows. -->
  <xsl:template match="divGen" mode="r:main" as="empty-sequence()"/>
  <!-- Its heading is the encoder's words ("Index of subjects"): kept, where it stands. -->
  <xsl:template match="divGen[head[normalize-space()]]" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="'divGen'"/>
    </xsl:call-template>
  </xsl:template>
  <!-- But an index asked for where the text has index entries is the subject index the
       site and the book make of them (subjects.html, subjects.xhtml): a link to it stands
       here, named by the encoder's heading, else the interface's words. -->
  <xsl:template match="divGen[lower-case(normalize-space(@type)) = 'index']
      [exists(r:subject-entries(ancestor::text[last()]))]" mode="r:main" priority="1"
      as="element()">
    <p class="divGen divGen-index">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
      <a href="{if ($r:output = 'epub') then 'subjects.xhtml' else 'subjects.html'}">
        <xsl:choose>
          <xsl:when test="head[normalize-space()]">
            <xsl:value-of select="r:plain(head[normalize-space()][1])"/>
          </xsl:when>
          <xsl:otherwise>
            <!-- the interface's words, none of the text's -->
            <span class="divGen-label"><xsl:value-of select="r:msg('index.subjects')"/></span>
          </xsl:otherwise>
        </xsl:choose>
      </a>
    </p>
  </xsl:template>

  <xsl:template match="titlePart | byline | docAuthor | docDate | docEdition | trailer
      | imprimatur" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing">
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:block">
          <xsl:with-param name="element" select="'p'"/>
          <xsl:with-param name="class" select="local-name()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Volume 1" from unit="volume" n="1"; the number alone when the unit says nothing
       (none, "unspecified", "undefined"). A unit the interface knows is in its language
       (r:milestone-unit: "Band 1" in German). -->
  <xsl:function name="r:milestone-label" as="xs:string">
    <xsl:param name="milestone" as="element()"/>
    <xsl:variable name="unit" as="xs:string"
        select="replace(r:token-words($milestone/@unit), '([a-z])([A-Z])', '$1 $2')"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($milestone/@n)"/>
    <xsl:variable name="known" as="xs:string?" select="r:milestone-unit($milestone)"/>
    <xsl:sequence select="if (exists($known)) then $known || ' ' || $n
        else if ($unit = ('', 'unspecified', 'undefined', 'unknown')) then $n
        else upper-case(substring($unit, 1, 1)) || substring($unit, 2) || ' ' || $n"/>
  </xsl:function>

  <!-- The interface's word for a milestone's unit when it is one a reader knows: the units
       the Guidelines suggest (att.milestoneUnit: page, column, line, book, poem, canto,
       stanza, act, scene, section) and the divisions of a book the catalogue names (chapter,
       part, volume), and paragraph ("para"); () for another (Perseus' "card", "Stephanus",
       a project's own), which stays as the source writes it. -->
  <xsl:function name="r:milestone-unit" as="xs:string?">
    <xsl:param name="milestone" as="element()"/>
    <xsl:variable name="unit" as="xs:string" select="replace(lower-case(normalize-space(
        $milestone/@unit)), '^para$', 'paragraph')"/>
    <xsl:sequence select="
        if ($unit = ('page', 'column', 'line', 'stanza', 'canto', 'paragraph'))
        then r:msg('milestone.unit.' || $unit)
        else if ($unit = ('book', 'poem', 'act', 'scene', 'section', 'chapter', 'part', 'volume'))
        then r:msg('div.' || $unit)
        else ()"/>
  </xsl:function>

  <!-- A milestone with a number shows it; an unnumbered one is a section break (* * *).
       Inside running text a numbered milestone is a reference point of a citation system
       (Perseus' unit="card", "para", "section"): a small raised number named by its unit in
       its title, as editions print section numbers in the margin, and kept out of the search
       index, where "way. 32 1 When" would read as words of the text. -->
  <xsl:template match="milestone" mode="r:main" as="element()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
    <!-- a span of the source's additions or deletions that ends here closes first -->
    <xsl:call-template name="r:span-close"/>
    <!-- references to pages, columns and lines stand thick in running text (a number at
         every line of a text): they stay raised numbers, named on hover -->
    <xsl:variable name="known" as="xs:string?" select="r:milestone-unit(.)[not(lower-case(
        normalize-space(current()/@unit)) = ('page', 'column', 'line'))]"/>
    <xsl:choose>
      <xsl:when test="$n != ''">
        <xsl:element name="{if ($r:phrasing) then 'span' else 'p'}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'milestone numbered'
                || (if ($r:phrasing and exists($known)) then ' named' else '')"/>
          </xsl:call-template>
          <xsl:if test="$r:phrasing">
            <xsl:if test="normalize-space(@unit) and empty($known)">
              <xsl:attribute name="title" select="normalize-space(@unit) || ' ' || $n"/>
            </xsl:if>
          </xsl:if>
          <!-- a label the edition makes of attributes, no words of the text: out of the search
               index between blocks too (probe 118: Perseus' "Card 1. μῆνιν"), and said in the
               interface's language when the interface names the unit -->
          <xsl:attribute name="data-pagefind-ignore" select="''"/>
          <xsl:if test="exists(r:milestone-unit(.))">
            <xsl:attribute name="lang" select="r:ui-lang()"/>
          </xsl:if>
          <!-- between blocks, what it counts is said: "Volume 1", "Juan 3", not a bare "1";
               in running text a unit a reader knows is said too, "[Section 3]" (its number
               alone told nothing but on hover: probe 3), another stays a raised number -->
          <xsl:value-of select="if (not($r:phrasing)) then r:milestone-label(.)
              else if (exists($known)) then r:msg('milestone.inline', ($known, $n)) else $n"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$r:phrasing">
        <span role="separator">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'milestone block'"/>
          </xsl:call-template>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <hr>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'milestone'"/>
          </xsl:call-template>
        </hr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Table of contents of a text: one entry per headed div (linking to the div's normalized
  xml:id), nested as the divs are; divs without a head pass their children up. The labels are
  the plain words of the heads (notes left out), so the contents never duplicate an id.
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

  <!-- The contents of $scope as an ordered list, or nothing when no div has a head. -->
  <xsl:template name="r:toc" as="element()?">
    <xsl:param name="scope" as="element()" required="yes"/>
    <xsl:variable name="entries" as="element()*">
      <xsl:apply-templates select="r:toc-children($scope)" mode="r:toc"/>
    </xsl:variable>
    <xsl:if test="exists($entries)">
      <ol class="toc-list">
        <xsl:sequence select="$entries"/>
      </ol>
    </xsl:if>
  </xsl:template>

  <xsl:function name="r:toc-children" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/(front | body | back | group | text | floatingText
        | div | div1 | div2 | div3 | div4 | div5 | div6 | div7 | castList[@xml:id]
        | lg[r:is-poem-entry(.)]
        | self::sourceDoc/(surface | surfaceGrp) | self::surfaceGrp/(surface | surfaceGrp))"/>
  </xsl:function>

  <!-- A poem encoded as a line group with a title (Guidelines 6.2: lg type="poem" holding its
       stanzas, no division around it) is an entry of the contents, as a division is: a
       collection of such poems listed none of them (probe 67). A titled stanza is none. -->
  <xsl:function name="r:is-poem-entry" as="xs:boolean">
    <xsl:param name="lg" as="element()"/>
    <xsl:sequence select="exists($lg/self::lg[@xml:id][head[normalize-space()]][not(ancestor::lg)]
        [lg or lower-case(@type) = ('poem', 'sonnet', 'song', 'ballad', 'hymn', 'ode', 'canto',
            'psalm', 'elegy', 'epigram')])"/>
  </xsl:function>

  <xsl:template match="lg" mode="r:toc" as="element()">
    <li>
      <a href="#{@xml:id}"><xsl:value-of select="r:plain(head[1])"/></a>
    </li>
  </xsl:template>

  <xsl:template match="*" mode="r:toc" as="element()*">
    <xsl:apply-templates select="r:toc-children(.)" mode="r:toc"/>
  </xsl:template>

  <!-- A play's cast list is a part of it a reader looks for. -->
  <xsl:template match="castList" mode="r:toc" as="element()">
    <xsl:variable name="label" as="xs:string" select="r:plain(head[1])"/>
    <li>
      <a href="#{@xml:id}">
        <xsl:value-of select="if ($label != '') then $label else r:msg('drama.cast')"/>
      </a>
    </li>
  </xsl:template>

  <!-- A page of a documentary transcription (facsimile.xsl): its name. -->
  <xsl:template match="sourceDoc//surface[@xml:id]" mode="r:toc" as="element()">
    <li>
      <a href="#{@xml:id}"><xsl:value-of select="if (exists(r:surface-label(.))) then r:surface-n(.)
          else r:msg('facs.page', r:surface-n(.))"/></a>
    </li>
  </xsl:template>

  <!-- A group of texts (an anthology's part) with a title, and a text of a group, by the
       title its front or body gives it: entries, with what they hold below them. Linked to
       the element's id, else its title's; without either, its entries pass up. -->
  <xsl:template match="group[head] | group/text" mode="r:toc" as="element()*">
    <xsl:variable name="title" as="element()?" select="r:group-title(.)"/>
    <xsl:variable name="target" as="xs:string?" select="r:group-target(.)/@xml:id"/>
    <xsl:variable name="children" as="element()*">
      <xsl:apply-templates select="r:toc-children(.)" mode="r:toc"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($title) and exists($target)">
        <li>
          <a href="#{$target}"><xsl:value-of select="r:plain($title)"/></a>
          <xsl:if test="exists($children)">
            <ol><xsl:sequence select="$children"/></ol>
          </xsl:if>
        </li>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$children"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The division a teiCorpus member opens with is the title of the member's text, whose
       entry (above) holds the text's other parts: no entry of its own beside them, which
       made the contents flat (probe 161). -->
  <xsl:template match="*[r:is-div(.)][r:is-member-opening(.)][exists(r:group-title(../..))]
      [exists(r:group-target(../..))]"
      mode="r:toc" as="element()*" priority="2">
    <xsl:apply-templates select="r:toc-children(.)" mode="r:toc"/>
  </xsl:template>

  <!-- A part of an edition named by its type (structure.xsl gives it that heading). -->
  <xsl:template match="*[r:is-div(.)][empty(r:main-head(.))][@xml:id][exists(r:part-type(.))]"
      mode="r:toc" as="element()">
    <xsl:variable name="children" as="element()*">
      <xsl:apply-templates select="r:toc-children(.)" mode="r:toc"/>
    </xsl:variable>
    <li>
      <a href="#{@xml:id}"><xsl:value-of select="r:part-title(.)"/></a>
      <xsl:if test="exists($children)">
        <ol><xsl:sequence select="$children"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- A division without a head, beside headed ones, whose type the interface names
       (Guidelines 4.1: div type="introduction", "preface", "chapter"): an entry under that
       name, as the book's contents have it (epub/modules/labels.xsl: its @n, else its number
       among the divisions of its type when there are several). The first edition's
       introduction was in the book's contents and not in its page's, which began at the
       second division; a novel's one chapter without a head was missing from its contents.
       Left out when its own divisions give entries, or it has no words (probe 80: a chapter
       holding a page break alone was "Chapter 9" before "CHAPTER IX."). -->
  <xsl:template match="*[r:is-div(.)][empty(r:main-head(.))][@xml:id][empty(r:part-type(.))]
      [r:is-named-headless(.)]" mode="r:toc" as="element()">
    <xsl:variable name="type" as="xs:string" select="normalize-space(@type)"/>
    <xsl:variable name="kind" as="xs:string" select="r:div-kind($type)"/>
    <xsl:variable name="same" as="element()*" select="../*[r:is-div(.)]
        [normalize-space(@type) = $type][not(r:nothing-to-read(.))]"/>
    <li>
      <a href="#{@xml:id}"><xsl:value-of select="if (normalize-space(@n) != '')
          then r:kind-numbered($kind, normalize-space(@n))
          else if (count($same) gt 1)
          then $kind || ' ' || index-of($same ! generate-id(.), generate-id(.))
          else $kind"/></a>
    </li>
  </xsl:template>

  <xsl:function name="r:is-named-headless" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="normalize-space($div/@type)"/>
    <xsl:sequence select="$type != '' and r:has-msg('div.' || $type)
        and exists($div/../*[r:is-div(.)][exists(r:main-head(.))])
        and empty($div//*[r:is-div(.)][exists(r:main-head(.))])
        and not(r:nothing-to-read($div))
        and exists(($div//text()[normalize-space()])[1])"/>
  </xsl:function>

  <!-- a head of notes alone is none (r:main-head) -->
  <xsl:template match="*[r:is-div(.)][exists(r:main-head(.))][@xml:id]" mode="r:toc"
      as="element()">
    <xsl:variable name="label" as="xs:string" select="r:plain(r:main-head(.))"/>
    <xsl:variable name="children" as="element()*">
      <xsl:apply-templates select="r:toc-children(.)" mode="r:toc"/>
    </xsl:variable>
    <li>
      <a href="#{@xml:id}">
        <xsl:if test="$label != ''">
          <xsl:sequence select="r:toc-marks(.)"/>
        </xsl:if>
        <xsl:value-of select="if ($label != '') then $label else r:msg('toc.section')"/>
      </a>
      <xsl:if test="exists($children)">
        <ol><xsl:sequence select="$children"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- The contents stand beside the text, in the interface's language: a head in another
       says which, with its direction (Arabic heads read as English, and an Arabic phrase
       ending in a number or a Latin word was reordered left to right). -->
  <xsl:function name="r:toc-marks" as="attribute()*">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="head" as="element()?" select="r:main-head($div)"/>
    <xsl:variable name="lang" as="xs:string?" select="($head/ancestor-or-self::*[@xml:lang][1]
        /@xml:lang ! r:lang(.), root($div)/*[1] ! r:text-lang(.))[1]"/>
    <xsl:variable name="dir" as="xs:string" select="(r:lang-dir($lang),
        r:script-dir($head//text()[normalize-space()]))[1]"/>
    <xsl:if test="exists($lang) and $lang ne 'und'
        and r:primary-subtag($lang) ne r:primary-subtag(r:ui-lang())">
      <xsl:attribute name="lang" select="$lang"/>
    </xsl:if>
    <xsl:if test="$dir ne r:ui-dir()">
      <xsl:attribute name="dir" select="$dir"/>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>

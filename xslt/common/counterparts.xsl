<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which passages correspond (TEI Guidelines 16.4: @corresp, either way, and link/@target, in
  the text or the standOff), and which sibling divisions are a parallel text: shared by the
  parallel view (alignment.xsl), the book's links between counterparts
  (epub/modules/structure.xsl) and the plan of a long text (plan.xsl, which keeps a parallel
  run on one page). Functions and keys only, importing nothing: plan.xsl is imported after
  the rendering by the reading page (html/modules/parts.xsl), where a second import of
  base.xsl would outrank the page's own overrides of it (the pilcrow, r:paragraph-link), and
  the entity index (index/entities.xsl, through plan.xsl) has no base.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:r="urn:edition:render"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:key name="r:corresponding" match="*[@xml:id]" use="string(@xml:id)"/>
  <!-- whether a document says anything corresponds at all: most say nothing, and their
       divisions are then asked nothing more -->
  <xsl:key name="r:aligning" match="*[@corresp] | link[@target]" use="'all'"/>
  <xsl:key name="r:corresp-to" match="*[@corresp]" use="r:local-pointers(@corresp)"/>
  <xsl:key name="r:linked" match="link[@target]" use="r:local-pointers(@target)"/>

  <!-- The ids a pointer attribute names in its own document ("#a #b"). -->
  <xsl:function name="r:local-pointers" as="xs:string*">
    <xsl:param name="pointers" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($pointers))[starts-with(., '#')]
        ! substring(., 2)[. != '']"/>
  </xsl:function>

  <!-- The elements said to correspond to $e: those its @corresp names, those whose @corresp
       names it, and the other targets of the links that name it. -->
  <xsl:function name="r:counterparts" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="id" as="xs:string" select="string($e/@xml:id)"/>
    <xsl:variable name="ids" as="xs:string*" select="r:local-pointers($e/@corresp),
        (if ($id = '') then () else key('r:linked', $id, root($e)) ! r:local-pointers(@target))"/>
    <xsl:sequence select="(key('r:corresponding', distinct-values($ids), root($e)),
        if ($id = '') then () else key('r:corresp-to', $id, root($e))) except $e"/>
  </xsl:function>

  <!-- The language a passage is in: the nearest xml:lang ('' when none is said), as written
       but for case and separators (tags are compared, not interpreted). -->
  <xsl:function name="r:passage-lang" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="lower-case(translate(normalize-space(
        ($e/ancestor-or-self::*/@xml:lang)[last()]), '_', '-'))"/>
  </xsl:function>

  <!-- What can be a column: a division, a text of a group. -->
  <xsl:function name="r:parallel-unit" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::div or self::div1 or self::div2 or self::div3
        or self::div4 or self::div5 or self::div6 or self::div7 or self::text[parent::group]])"/>
  </xsl:function>

  <!-- The parallel texts among the children of $parent, each as an array: runs of
       consecutive divisions (or texts of a group), each corresponding to one before it in the
       run and in a language none of those is in. A correspondence within one language (a
       division and its commentary) is a reference, not a translation; one with what does not
       stand beside it (a register entry) would move a passage: neither makes a run. -->
  <xsl:function name="r:parallel-runs" as="array(element())*" cache="yes">
    <xsl:param name="parent" as="element()"/>
    <xsl:iterate select="if (empty(key('r:aligning', 'all', root($parent)))) then ()
        else $parent/*">
      <xsl:param name="run" as="element()*" select="()"/>
      <xsl:on-completion>
        <xsl:sequence select="array { $run }[count($run) gt 1]"/>
      </xsl:on-completion>
      <xsl:choose>
        <xsl:when test="exists($run) and r:parallel-unit(.)
            and not(r:passage-lang(.) = $run ! r:passage-lang(.))
            and (exists(($run ! r:counterparts(.)) intersect .)
              or exists(r:counterparts(.) intersect $run))">
          <xsl:next-iteration>
            <xsl:with-param name="run" select="$run, ."/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="array { $run }[count($run) gt 1]"/>
          <xsl:next-iteration>
            <xsl:with-param name="run" select=".[r:parallel-unit(.)]"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

</xsl:stylesheet>

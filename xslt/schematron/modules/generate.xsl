<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pass 2 of the Schematron compiler: a normalised schema (concrete patterns only, see
  normalize.xsl) to a self-contained XSLT 3.0 stylesheet that writes SVRL.

  Rule semantics: every pattern has its own mode, so every pattern sees every node; inside
  a pattern a node is handled by the first rule (document order) whose context matches it:
  rule k of K gets priority K - k + 1. A pattern hands its mode only the candidate nodes,
  selected with //(context) (see c:select); a pattern with contexts where that reading is
  unsafe walks the whole tree instead (attributes and non-element nodes only when one of its
  contexts could match them), with a catch-all template at priority -1 that only walks on.

  Each rule body runs inside xsl:try: a dynamic error in one rule on one node becomes an
  edsch:runtime-error element in the SVRL (with the node's path), not a failed run.
  Assert/report elements carry edsch:pattern and edsch:rule (the ids, when the schema gives
  them) so that the reader can name the rule without svrl:fired-rule for every node.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:sch="http://purl.oclc.org/dsdl/schematron"
                xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                xmlns:edsch="urn:x-edition:schematron"
                xmlns:axsl="urn:x-edition:xsl-alias"
                xmlns:c="urn:x-edition:schematron-compiler"
                exclude-result-prefixes="#all">

  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>

  <xsl:mode name="c:generate" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="c:message" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Prefixes the generated stylesheet uses itself; a schema may not rebind them. -->
  <xsl:variable name="c:reserved" as="xs:string*" select="('', 'xml', 'xsl', 'svrl', 'edsch')"/>

  <xsl:template match="sch:schema" mode="c:generate" as="element()">
    <axsl:stylesheet version="3.0" exclude-result-prefixes="#all">
      <xsl:for-each-group select="sch:ns[not(@prefix = $c:reserved)]" group-by="string(@prefix)">
        <xsl:namespace name="{current-grouping-key()}" select="string(@uri)"/>
      </xsl:for-each-group>
      <!-- the generated stylesheet's own names (its location function and accumulator) -->
      <xsl:namespace name="edsch" select="'urn:x-edition:schematron'"/>
      <axsl:output method="xml" indent="no" encoding="UTF-8"/>
      <!-- The normalized schema itself, as data Saxon ignores: patterns that lxml can run
           on the gate's tree are read from it (pipeline/validate/sch_lxml.py), so that both
           ways of running a pattern start from the same concrete schema and numbering. -->
      <edsch:source>
        <xsl:copy-of select="."/>
      </edsch:source>
      <xsl:copy-of select="xsl:function | xsl:key"/>
      <xsl:apply-templates select="sch:let" mode="c:variable"/>
      <!-- The caller may name patterns not to run (their numbers, whitespace-separated):
           those whose rules cannot match the document. -->
      <axsl:param name="Q{{urn:x-edition:schematron}}idle" select="''"
                  as="Q{{http://www.w3.org/2001/XMLSchema}}string"/>
      <axsl:variable name="Q{{urn:x-edition:schematron}}idle-patterns"
                     select="tokenize($Q{{urn:x-edition:schematron}}idle)"
                     as="Q{{http://www.w3.org/2001/XMLSchema}}string*"/>
      <!-- A node's location as path() writes it. path() counts the siblings before each
           step, so 30,000 failed assertions in one body took 50 s: where a step has many
           siblings before it, the counts come from an accumulator (one pass over the
           document, made only then), a stack of maps from child name to children seen. -->
      <axsl:mode use-accumulators="#all"/>
      <axsl:accumulator name="edsch:seen" as="map(*)*" initial-value="map{{}}">
        <axsl:accumulator-rule match="*" phase="start"
            select="let $k := node-name(.), $top := head($value)
                    return (map{{}}, Q{{http://www.w3.org/2005/xpath-functions/map}}put($top, $k, ($top($k), 0)[1] + 1), tail($value))"/>
        <axsl:accumulator-rule match="*" phase="end" select="tail($value)"/>
      </axsl:accumulator>
      <axsl:function name="edsch:path" as="Q{{http://www.w3.org/2001/XMLSchema}}string">
        <axsl:param name="node" as="node()"/>
        <axsl:variable name="element" as="element()?"
            select="if ($node instance of attribute()) then $node/.. else $node[self::element()]"/>
        <axsl:choose>
          <axsl:when test="empty($element/ancestor-or-self::*[preceding-sibling::*[200]])">
            <axsl:sequence select="path($node)"/>
          </axsl:when>
          <axsl:otherwise>
            <axsl:sequence select="string-join($element/ancestor-or-self::* ! ('/Q{{'
                || namespace-uri(.) || '}}' || local-name(.) || '['
                || accumulator-before('edsch:seen')[2](node-name(.)) || ']'))
                || (if ($node instance of attribute())
                    then '/@' || (if (namespace-uri($node)) then 'Q{{' || namespace-uri($node)
                                  || '}}' else '') || local-name($node)
                    else '')"/>
          </axsl:otherwise>
        </axsl:choose>
      </axsl:function>
      <axsl:template match="/">
        <svrl:schematron-output phase="{c:avt(@c:phase)}">
          <xsl:if test="sch:title">
            <xsl:attribute name="title" select="c:avt(normalize-space(sch:title[1]))"/>
          </xsl:if>
          <xsl:if test="@schemaVersion">
            <xsl:attribute name="schemaVersion" select="c:avt(@schemaVersion)"/>
          </xsl:if>
          <xsl:for-each select="sch:ns">
            <svrl:ns-prefix-in-attribute-values prefix="{c:avt(@prefix)}" uri="{c:avt(@uri)}"/>
          </xsl:for-each>
          <xsl:for-each select="sch:pattern">
            <svrl:active-pattern edsch:key="{c:avt(@c:key)}">
              <xsl:if test="@id">
                <xsl:attribute name="id" select="c:avt(@id)"/>
              </xsl:if>
              <xsl:if test="sch:title">
                <xsl:attribute name="name" select="c:avt(normalize-space(sch:title[1]))"/>
              </xsl:if>
            </svrl:active-pattern>
            <xsl:if test="sch:rule[@context]">
              <!-- The number of its mode (patterns without rules have none). -->
              <xsl:variable name="number" as="xs:integer"
                            select="count(preceding-sibling::sch:pattern[sch:rule[@context]]) + 1"/>
              <!-- Errors outside a rule body (pattern lets, the candidate selection) lose
                   this pattern on this document, not the run. -->
              <axsl:if test="not('{$number}' = $Q{{urn:x-edition:schematron}}idle-patterns)">
                <axsl:try>
                  <axsl:call-template name="edsch.p{$number}"/>
                  <axsl:catch>
                    <edsch:runtime-error>
                      <xsl:if test="@id">
                        <xsl:attribute name="edsch:pattern" select="c:avt(@id)"/>
                      </xsl:if>
                      <axsl:attribute name="code" select="string($Q{{http://www.w3.org/2005/xqt-errors}}code)"/>
                      <axsl:value-of select="$Q{{http://www.w3.org/2005/xqt-errors}}description"/>
                    </edsch:runtime-error>
                  </axsl:catch>
                </axsl:try>
              </axsl:if>
            </xsl:if>
          </xsl:for-each>
        </svrl:schematron-output>
      </axsl:template>
      <xsl:apply-templates select="sch:pattern[sch:rule[@context]]" mode="c:generate"/>
    </axsl:stylesheet>
  </xsl:template>

  <xsl:template match="sch:pattern" mode="c:generate" as="element()+">
    <xsl:variable name="mode" as="xs:string" select="'edsch.p' || position()"/>
    <xsl:variable name="rules" as="element(sch:rule)+" select="sch:rule[@context]"/>
    <xsl:variable name="select" as="xs:string?" select="c:select($rules/@context)"/>
    <xsl:variable name="walk" as="xs:string?"
                  select="if (exists($select)) then () else c:walk($rules/@context)"/>
    <axsl:mode name="{$mode}" on-no-match="{if ($select) then 'deep-skip' else 'shallow-skip'}"/>
    <axsl:template name="{$mode}">
      <xsl:apply-templates select="sch:let" mode="c:variable"/>
      <axsl:apply-templates select="{($select, '.')[1]}" mode="{$mode}">
        <xsl:for-each select="sch:let">
          <axsl:with-param name="{@name}" select="${@name}" tunnel="yes"/>
        </xsl:for-each>
      </axsl:apply-templates>
    </axsl:template>
    <xsl:if test="exists($walk)">
      <axsl:template match="document-node() | *" mode="{$mode}" priority="-1">
        <axsl:apply-templates select="{$walk}" mode="{$mode}"/>
      </axsl:template>
    </xsl:if>
    <xsl:for-each select="$rules">
      <xsl:apply-templates select="." mode="c:generate">
        <xsl:with-param name="mode" select="$mode"/>
        <xsl:with-param name="priority" select="count($rules) - position() + 1"/>
        <xsl:with-param name="walk" select="$walk"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="sch:rule" mode="c:generate" as="element()">
    <xsl:param name="mode" as="xs:string" required="yes"/>
    <xsl:param name="priority" as="xs:integer" required="yes"/>
    <xsl:param name="walk" as="xs:string?" required="yes"/>
    <xsl:variable name="declared" as="xs:string*" select="ancestor::sch:schema/sch:ns/@prefix"/>
    <xsl:variable name="rule" as="element(sch:rule)" select="."/>
    <axsl:template match="{@context}" mode="{$mode}" priority="{$priority}"
                    exclude-result-prefixes="#all">
      <!-- Leniency: prefixes in scope on the rule but not declared with sch:ns. -->
      <xsl:for-each select="in-scope-prefixes(.)[not(. = ($c:reserved, $declared))]
                                [namespace-uri-for-prefix(., $rule) ne 'urn:x-edition:schematron-compiler']">
        <xsl:namespace name="{.}" select="namespace-uri-for-prefix(., $rule)"/>
      </xsl:for-each>
      <xsl:for-each select="../sch:let">
        <axsl:param name="{@name}" tunnel="yes" as="item()*"/>
      </xsl:for-each>
      <axsl:try>
        <xsl:apply-templates select="sch:let" mode="c:variable"/>
        <xsl:apply-templates select="sch:assert | sch:report" mode="c:generate"/>
        <axsl:catch>
          <edsch:runtime-error location="{{edsch:path(.)}}">
            <xsl:call-template name="c:ids"/>
            <axsl:attribute name="code" select="string($Q{{http://www.w3.org/2005/xqt-errors}}code)"/>
            <axsl:value-of select="$Q{{http://www.w3.org/2005/xqt-errors}}description"/>
          </edsch:runtime-error>
        </axsl:catch>
      </axsl:try>
      <xsl:if test="exists($walk)">
        <axsl:apply-templates select="{$walk}" mode="{$mode}"/>
      </xsl:if>
    </axsl:template>
  </xsl:template>

  <xsl:template match="sch:assert | sch:report" mode="c:generate" as="element()">
    <xsl:variable name="assert" as="xs:boolean" select="exists(self::sch:assert)"/>
    <axsl:if test="{if ($assert) then 'not((' || @test || '))' else @test}">
      <xsl:element name="svrl:{if ($assert) then 'failed-assert' else 'successful-report'}">
        <xsl:attribute name="test" select="c:avt(@test)"/>
        <xsl:attribute name="location" select="'{edsch:path(.)}'"/>
        <xsl:for-each select="@id, @flag, (@role, ../@role)[1]">
          <xsl:attribute name="{local-name()}" select="c:avt(.)"/>
        </xsl:for-each>
        <xsl:call-template name="c:ids"/>
        <xsl:variable name="here" as="element()" select="."/>
        <xsl:for-each select="tokenize(@diagnostics)">
          <xsl:variable name="id" as="xs:string" select="."/>
          <svrl:diagnostic-reference diagnostic="{c:avt($id)}">
            <svrl:text>
              <xsl:apply-templates mode="c:message"
                select="($here/ancestor::sch:schema/sch:diagnostics/sch:diagnostic[@id = $id])[1]/node()"/>
            </svrl:text>
          </svrl:diagnostic-reference>
        </xsl:for-each>
        <svrl:text>
          <xsl:apply-templates select="node()" mode="c:message"/>
        </svrl:text>
      </xsl:element>
    </axsl:if>
  </xsl:template>

  <!-- The ids of the enclosing rule and pattern (from the schema, never invented). -->
  <xsl:template name="c:ids" as="attribute()*">
    <xsl:variable name="rule" as="element(sch:rule)" select="ancestor-or-self::sch:rule[1]"/>
    <xsl:variable name="pattern" as="element(sch:pattern)" select="$rule/.."/>
    <xsl:if test="$rule/@id">
      <xsl:attribute name="edsch:rule" select="c:avt($rule/@id)"/>
    </xsl:if>
    <xsl:if test="$pattern/@id">
      <xsl:attribute name="edsch:pattern" select="c:avt($pattern/@id)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="sch:let" mode="c:variable" as="element()">
    <axsl:variable name="{@name}">
      <xsl:copy-of select="@as"/>
      <xsl:choose>
        <xsl:when test="@value">
          <xsl:attribute name="select" select="@value"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:copy-of select="node()"/>
        </xsl:otherwise>
      </xsl:choose>
    </axsl:variable>
  </xsl:template>

  <!-- Message text: sch:name and sch:value-of are evaluated; emph, dir, span and foreign
       elements keep their text. -->
  <xsl:template match="text()" mode="c:message" as="element()">
    <axsl:text>
      <xsl:value-of select="."/>
    </axsl:text>
  </xsl:template>

  <xsl:template match="sch:name" mode="c:message" as="element()">
    <axsl:value-of select="name({(@path, '.')[1]})"/>
  </xsl:template>

  <xsl:template match="sch:value-of" mode="c:message" as="element()">
    <axsl:value-of select="{@select}"/>
  </xsl:template>

  <xsl:template match="*" mode="c:message" as="element()*">
    <xsl:apply-templates select="node()" mode="c:message"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="c:message"/>

  <!-- The nodes a pattern's rules can match, as one expression: a node matches a relative
       path pattern P when it is in root()//(P) (XSLT 3.0, 5.5.3), so //(P) selects exactly
       the candidates and the templates still decide which rule takes each. Saxon answers
       //(tei:p) from its name index, far faster than dispatching every node in every mode.
       Contexts whose pattern and expression readings differ (document-node(), current(),
       predicate patterns on '.', type patterns) make the pattern walk instead. -->
  <xsl:function name="c:select" as="xs:string?">
    <xsl:param name="contexts" as="attribute()*"/>
    <xsl:variable name="odd" as="xs:boolean"
                  select="some $c in $contexts satisfies
                            (matches($c, 'document-node\s*\(|current\s*\(|namespace-node\s*\(')
                             or matches(normalize-space($c), '^[.~]'))"/>
    <xsl:sequence select="if ($odd) then ()
                          else string-join(for $c in $contexts
                                           return if (starts-with(normalize-space($c), '/'))
                                                  then '(' || $c || ')'
                                                  else '//(' || $c || ')', ' | ')"/>
  </xsl:function>

  <!-- What a pattern's walk visits below each node; see the header. -->
  <xsl:function name="c:walk" as="xs:string">
    <xsl:param name="contexts" as="attribute()*"/>
    <xsl:variable name="all" as="xs:string" select="string-join($contexts, ' ')"/>
    <xsl:variable name="any" as="xs:boolean"
                  select="some $c in $contexts satisfies normalize-space($c) = '.'"/>
    <xsl:variable name="attributes" as="xs:boolean"
                  select="$any or contains($all, '@') or contains($all, 'attribute')"/>
    <xsl:variable name="nodes" as="xs:boolean"
                  select="$any or matches($all, 'node\s*\(|text\s*\(|comment\s*\(|processing-instruction')"/>
    <xsl:sequence select="string-join((if ($attributes) then '@*' else (),
                                       if ($nodes) then 'node()' else '*'), ' | ')"/>
  </xsl:function>

  <!-- A string as the value of an attribute value template. -->
  <xsl:function name="c:avt" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="replace(replace(string($text), '\{', '{{'), '\}', '}}')"/>
  </xsl:function>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pass 1 of the Schematron compiler: from a schema to a schema of concrete patterns.

  - phase selection: the requested phase, else @defaultPhase, else #ALL; phase lets become
    lets of every pattern of the phase;
  - abstract patterns: a pattern with @is-a is replaced by a copy of the abstract pattern's
    rules in which every $name that is a sch:param of the instance is replaced by its value
    (textually, in the attributes that hold XPath: context, test, select, value, path);
  - abstract rules: sch:extends is replaced by the content of the abstract rule (found by
    id anywhere in the schema, as rules may sit in sch:rules), recursively;
  - every remaining pattern gets @c:key: its @id, else "pattern-N".
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:sch="http://purl.oclc.org/dsdl/schematron"
                xmlns:c="urn:x-edition:schematron-compiler"
                exclude-result-prefixes="#all">

  <xsl:key name="c:pattern" match="sch:pattern[@abstract = 'true']" use="@id"/>
  <xsl:key name="c:rule" match="sch:rule[@abstract = 'true']" use="@id"/>

  <xsl:mode name="c:normalize" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template name="c:normalize" as="element(sch:schema)">
    <xsl:param name="schema" as="element(sch:schema)" required="yes"/>
    <xsl:param name="phase" as="xs:string" required="yes"/>
    <xsl:param name="only" as="xs:string" required="yes"/>
    <xsl:param name="skip" as="xs:string*" required="yes"/>
    <xsl:variable name="phase-id" as="xs:string"
                  select="if ($phase) then $phase
                          else if ($schema/@defaultPhase) then string($schema/@defaultPhase)
                          else '#ALL'"/>
    <xsl:variable name="phase-element" as="element(sch:phase)?"
                  select="$schema/sch:phase[@id = $phase-id][1]"/>
    <xsl:if test="$phase-id ne '#ALL' and empty($phase-element)">
      <xsl:call-template name="c:fail">
        <xsl:with-param name="code" select="'unknown-phase'"/>
        <xsl:with-param name="message">the schema has no phase "<xsl:value-of select="$phase-id"/>"; its phases: <xsl:value-of select="'#ALL', $schema/sch:phase/@id" separator=", "/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:variable name="concrete" as="element(sch:pattern)*"
                  select="$schema/sch:pattern[not(@abstract = 'true')]"/>
    <xsl:variable name="active" as="element(sch:pattern)*"
                  select="if ($phase-element)
                          then $concrete[@id = $phase-element/sch:active/@pattern]
                          else $concrete"/>
    <sch:schema c:phase="{$phase-id}">
      <xsl:copy-of select="$schema/@*"/>
      <xsl:copy-of select="$schema/(sch:title, sch:ns, sch:let, sch:diagnostics, xsl:function,
                                    xsl:key)"/>
      <xsl:for-each select="$concrete">
        <xsl:variable name="key" as="xs:string"
                      select="(@id/string(), 'pattern-' || position())[1]"/>
        <xsl:if test="exists(. intersect $active) and ($only = ('', $key)) and not($key = $skip)">
          <xsl:apply-templates select="." mode="c:normalize">
            <xsl:with-param name="key" select="$key"/>
            <xsl:with-param name="phase-lets" select="$phase-element/sch:let"/>
          </xsl:apply-templates>
        </xsl:if>
      </xsl:for-each>
    </sch:schema>
  </xsl:template>

  <xsl:template match="sch:pattern" mode="c:normalize" as="element(sch:pattern)">
    <xsl:param name="key" as="xs:string" required="yes"/>
    <xsl:param name="phase-lets" as="element(sch:let)*" select="()"/>
    <sch:pattern c:key="{$key}">
      <xsl:copy-of select="@id, @documents"/>
      <xsl:choose>
        <xsl:when test="@is-a">
          <xsl:variable name="abstract" as="element(sch:pattern)?"
                        select="key('c:pattern', @is-a)[1]"/>
          <xsl:if test="empty($abstract)">
            <xsl:call-template name="c:fail">
        <xsl:with-param name="code" select="'is-a'"/>
        <xsl:with-param name="message">pattern <xsl:value-of select="$key"/> is an instance of "<xsl:value-of select="@is-a"/>", but there is no abstract pattern with that id</xsl:with-param>
      </xsl:call-template>
          </xsl:if>
          <xsl:variable name="params" as="map(xs:string, xs:string)"
                        select="map:merge(sch:param ! map:entry(string(@name), string(@value)),
                                          map {'duplicates': 'use-first'})"/>
          <xsl:copy-of select="(sch:title, $abstract/sch:title)[1]"/>
          <xsl:apply-templates select="$phase-lets" mode="c:normalize"/>
          <xsl:apply-templates select="$abstract/(* except (sch:title, sch:param))"
                               mode="c:normalize">
            <xsl:with-param name="params" select="$params" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$phase-lets" mode="c:normalize"/>
          <xsl:apply-templates select="*" mode="c:normalize"/>
        </xsl:otherwise>
      </xsl:choose>
    </sch:pattern>
  </xsl:template>

  <!-- Abstract rules are not rules: they only lend their content to sch:extends. -->
  <xsl:template match="sch:rule[@abstract = 'true']" mode="c:normalize"/>

  <xsl:template match="sch:extends" mode="c:normalize" as="node()*">
    <xsl:param name="seen" as="xs:string*" tunnel="yes" select="()"/>
    <xsl:if test="@href">
      <xsl:call-template name="c:fail">
        <xsl:with-param name="code" select="'extends'"/>
        <xsl:with-param name="message">extends with @href is not supported; include the rule with sch:include instead</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:variable name="target" as="element(sch:rule)?" select="key('c:rule', @rule)[1]"/>
    <xsl:if test="empty($target)">
      <xsl:call-template name="c:fail">
        <xsl:with-param name="code" select="'extends'"/>
        <xsl:with-param name="message">no abstract rule with id "<xsl:value-of select="@rule"/>"</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="@rule = $seen">
      <xsl:call-template name="c:fail">
        <xsl:with-param name="code" select="'extends'"/>
        <xsl:with-param name="message">abstract rule "<xsl:value-of select="@rule"/>" extends itself</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:apply-templates select="$target/(* except (sch:title, sch:p))" mode="c:normalize">
      <xsl:with-param name="seen" select="($seen, string(@rule))" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="@context | @test | @select | @value | @path" mode="c:normalize"
                as="attribute()">
    <xsl:param name="params" as="map(xs:string, xs:string)" tunnel="yes" select="map {}"/>
    <xsl:attribute name="{local-name()}" select="c:substitute(., $params)"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="c:normalize"/>

  <!-- Stops the compiler with a message that reaches the caller (the exception text). -->
  <xsl:template name="c:fail" as="empty-sequence()">
    <xsl:param name="code" as="xs:string" required="yes"/>
    <xsl:param name="message" as="item()*" required="yes"/>
    <xsl:sequence select="error(QName('urn:x-edition:schematron-compiler', 'c:' || $code),
                                'sch.' || $code || ': ' || string-join($message ! string(.)))"/>
  </xsl:template>

  <!-- Replaces each $name that is a key of $params; other variable references stay. -->
  <xsl:function name="c:substitute" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="params" as="map(xs:string, xs:string)"/>
    <xsl:choose>
      <xsl:when test="map:size($params) eq 0 or not(contains($text, '$'))">
        <xsl:sequence select="$text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="parts" as="xs:string*">
          <xsl:analyze-string select="$text" regex="\$([\i-[:]][\c-[:]]*)">
            <xsl:matching-substring>
              <xsl:sequence select="($params(regex-group(1)), .)[1]"/>
            </xsl:matching-substring>
            <xsl:non-matching-substring>
              <xsl:sequence select="."/>
            </xsl:non-matching-substring>
          </xsl:analyze-string>
        </xsl:variable>
        <xsl:sequence select="string-join($parts)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

</xsl:stylesheet>

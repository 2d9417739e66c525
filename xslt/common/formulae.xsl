<?xml version="1.0" encoding="UTF-8"?>
<!--
  Formulae (TEI Guidelines 14.4). A formula whose notation is MathML (or that holds a MathML
  math element) passes its MathML into the page: browsers and EPUB reading systems render it
  natively. Only MathML elements are copied, without event handlers, styles, or links that
  fail the URL allow-list; annotation-xml (which may carry HTML) is left out. Any other
  formula (TeX, plain text) shows its notation as code.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:mml="http://www.w3.org/1998/Math/MathML"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>

  <xsl:mode name="r:mathml" on-no-match="deep-skip" on-multiple-match="fail"/>

  <xsl:template match="formula" mode="r:main" as="element()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="math" as="element(mml:math)*" select=".//mml:math"/>
    <!-- a formula set apart from its sentence (@rend or @type "display" or "block", or
         MathML's display="block") is a block of its own, centred -->
    <xsl:variable name="display" as="xs:boolean" select="
        (tokenize(lower-case(normalize-space(string-join((@rend, @type), ' '))))
            = ('display', 'block', 'displayed'))
        or exists($math[@display = 'block'])"/>
    <xsl:choose>
      <xsl:when test="exists($math)">
        <span>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'formula mathml'
                || (if ($display) then ' formula-display' else '')"/>
          </xsl:call-template>
          <xsl:choose>
            <!-- words beside the MathML ("where k > 1") are kept, in their place -->
            <xsl:when test="every $m in $math satisfies $m/parent::* is current()">
              <xsl:for-each select="node()">
                <xsl:choose>
                  <xsl:when test="self::mml:math">
                    <xsl:apply-templates select="." mode="r:mathml"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:apply-templates select="." mode="r:main">
                      <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                    </xsl:apply-templates>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="$math" mode="r:mathml"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="r:formula-number"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="element" select="'code'"/>
          <xsl:with-param name="class" select="'formula'
              || (if ($display) then ' formula-display' else '')"/>
        </xsl:call-template>
        <xsl:call-template name="r:formula-number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A formula's number ("(2.1)"), beside it as the source sets it (a pointer to the formula
       shows it too). -->
  <xsl:template name="r:formula-number" as="element()?">
    <xsl:context-item as="element()" use="required"/>
    <xsl:for-each select="normalize-space(@n)[. != '']">
      <span class="formula-n">
        <xsl:value-of select="if (starts-with(., '(') or starts-with(., '[')) then .
            else '(' || . || ')'"/>
      </span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="mml:*" mode="r:mathml" as="element()">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1998/Math/MathML">
      <xsl:apply-templates select="@* | node()" mode="r:mathml"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="mml:annotation-xml" mode="r:mathml" as="empty-sequence()" priority="2"/>

  <xsl:template match="mml:*/text()" mode="r:mathml" as="text()">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- Presentation attributes in no namespace are kept; scripts, styles and links are not. -->
  <xsl:template match="mml:*/@*[namespace-uri() = '']" mode="r:mathml" as="attribute()?">
    <xsl:variable name="name" as="xs:string" select="lower-case(local-name())"/>
    <xsl:choose>
      <xsl:when test="starts-with($name, 'on') or $name = ('style', 'id', 'class')"/>
      <xsl:when test="$name = ('href', 'src', 'altimg', 'definitionurl')">
        <xsl:if test="exists(r:safe-url(.)) and not(matches(., '^(https?:)?//', 'i'))">
          <xsl:copy/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

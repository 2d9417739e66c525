<?xml version="1.0" encoding="UTF-8"?>
<!--
  The bibliography page of the entity index (pages.xsl, for $page bibliography.html): the
  works of a bibliography file, each formatted as the reading pages format an entry
  (common/biblio.xsl), which needs the whole rendering. A stylesheet of its own, so that the
  other index pages do not compile it (0.11 s against 0.55 s), and asked only by an edition
  that has works (pipeline/builders/index.py, index_page). render.xsl is imported first, so
  that the index pages' own functions (an entry's link, r:entity-href) take precedence.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="xs ed r">

  <xsl:import href="../common/render.xsl"/>
  <xsl:import href="pages.xsl"/>

  <!-- A work of a bibliography file: its entry as the reading pages show it, then the
       passages that cite it. -->
  <xsl:template match="ed:entity[@type = $r:work-kinds]" mode="ed:html" as="element()"
      priority="1">
    <section class="index-entry index-work" id="{@id}">
      <h3>
        <span><xsl:value-of select="ed:name"/></span>
        <xsl:text> </xsl:text>
        <small class="index-count">
          <xsl:value-of select="ed:plural(xs:integer(@count), 'index.mention')"/>
        </small>
      </h3>
      <div class="index-citation">
        <xsl:sequence select="ed:work/* ! r:work-citation(.)"/>
      </div>
      <xsl:if test="ed:occurrence">
        <ol class="index-occurrences">
          <xsl:apply-templates select="ed:occurrence" mode="ed:html"/>
        </ol>
      </xsl:if>
    </section>
  </xsl:template>

</xsl:stylesheet>

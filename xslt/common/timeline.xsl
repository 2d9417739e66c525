<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which dates are on the edition's timeline: the index's ed:timeline (xslt/index/entities.xsl)
  lists them, and a reading page links each to its entry there (names.xsl), so both ask the
  one function below; the index also asks which names stand in a register.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="#all">

  <!-- Inside a register (a list of persons, places, ... or a play's cast list): its entries
       are the entities themselves, so their names and dates are no mentions of the text. -->
  <xsl:function name="r:in-register" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="exists($node/ancestor::*[local-name() = ('listPerson', 'listPlace',
        'listOrg', 'listEvent', 'listObject', 'listNym', 'castList')])"/>
  </xsl:function>

  <!-- A date of what a text tells: not one of a register's entries (a birth in a list of
       persons), nor the date of a work a bibliography cites (its publication year is no event
       of the text). -->
  <xsl:function name="r:on-timeline" as="xs:boolean">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="not(r:in-register($date)) and empty($date/ancestor::*[local-name() = (
        'bibl', 'biblStruct', 'biblFull', 'listBibl')])"/>
  </xsl:function>

</xsl:stylesheet>

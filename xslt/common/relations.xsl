<?xml version="1.0" encoding="UTF-8"?>
<!--
  How an entry of the registers reads a relation it takes part in (TEI Guidelines 13.3.2.3,
  relation in listRelation): the index (index/modules/facts.xsl) and the book's index
  (epub/modules/index.xsl) ask the functions below, so both say it alike.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="#all">

  <!-- The id a pointer names: "#id", "file.xml#id" (an abbreviated pointer was expanded when
       the registers document was made: pipeline/stages.py); none for a web address. -->
  <xsl:function name="r:pointer-id" as="xs:string?">
    <xsl:param name="token" as="xs:string"/>
    <xsl:sequence select="if (matches($token, '^([^#:]+\.xml)?#.')) then substring-after($token, '#')
        else ()"/>
  </xsl:function>

  <!-- The ids a relation involves: its active, passive and mutual participants. -->
  <xsl:function name="r:relation-ids" as="xs:string*">
    <xsl:param name="relation" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space(string-join(($relation/@active,
        $relation/@passive, $relation/@mutual), ' '))) ! r:pointer-id(.)"/>
  </xsl:function>

  <!-- The side the entry $id takes: "mutual" (in @mutual, or among the active participants
       of a relation with no passive ones, which TEI reads as mutual among them all),
       "active" or "passive". -->
  <xsl:function name="r:relation-role" as="xs:string">
    <xsl:param name="relation" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="
        if (some $t in r:relation-mutual($relation) satisfies r:pointer-id($t) = $id) then 'mutual'
        else if (some $t in tokenize(normalize-space($relation/@active))
            satisfies r:pointer-id($t) = $id) then 'active'
        else 'passive'"/>
  </xsl:function>

  <xsl:function name="r:relation-mutual" as="xs:string*">
    <xsl:param name="relation" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($relation/@mutual)),
        (if (normalize-space($relation/@passive)) then ()
         else tokenize(normalize-space($relation/@active)))"/>
  </xsl:function>

  <!-- The other participants as the entry $id reads the relation: the passive ones of a
       relation it is active in, the active ones of one it is passive in, the others of a
       mutual one; each pointer once, as written. -->
  <xsl:function name="r:relation-others" as="xs:string*">
    <xsl:param name="relation" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="role" as="xs:string" select="r:relation-role($relation, $id)"/>
    <xsl:sequence select="distinct-values((if ($role = 'mutual') then r:relation-mutual($relation)
        else if ($role = 'active') then tokenize(normalize-space($relation/@passive))
        else tokenize(normalize-space($relation/@active)))[not(r:pointer-id(.) = $id)])"/>
  </xsl:function>

  <!-- The relation's name as written: @name, else @type; "" when it has neither. -->
  <xsl:function name="r:relation-name" as="xs:string">
    <xsl:param name="relation" as="element()"/>
    <xsl:sequence select="normalize-space(($relation/@name, $relation/@type)
        [normalize-space()][1])"/>
  </xsl:function>

</xsl:stylesheet>

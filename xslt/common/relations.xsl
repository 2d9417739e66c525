<?xml version="1.0" encoding="UTF-8"?>
<!--
  How an entry of the registers reads a relation it takes part in (TEI Guidelines 13.3.2.3,
  relation in listRelation): the index (index/modules/facts.xsl), the book's index
  (epub/modules/index.xsl) and the cards of the reading pages (common/names.xsl) take their
  records from r:relation-records, so all three say it alike; each names the entries its own
  way, and passes that in.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="#all">

  <!-- Relations by the ids of the entries they involve. -->
  <xsl:key name="r:relations" match="tei:relation" use="r:relation-ids(.)"/>

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

  <!-- The relations of $registers the entry $id takes part in, each as the entry reads it:

       <ed:relation name="" type="" ref="" active="" passive="" mutual="" role="">
         <ed:other id="" type="">name</ed:other>+   the others (id, type: when an entry)
         <ed:desc>words</ed:desc>?                  the relation's description
       </ed:relation>

       @name, @type, @ref, the participants and the dates (att.datable: @when, @from, @to,
       @notBefore, @notAfter and their ISO forms) are the relation's, as written (the TEI index
       writes the relation back from them); role is the entry's side. $entry is the register
       entry a pointer names, if the caller counts it an entry; $name says an entry's name as
       the caller does (the index its own way, the pages and the book as the cards do). -->
  <xsl:function name="r:relation-records" as="element(ed:relation)*">
    <xsl:param name="registers" as="document-node()?"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="entry" as="function(xs:string) as element()?"/>
    <xsl:param name="name" as="function(element()) as xs:string"/>
    <xsl:for-each select="$registers ! key('r:relations', $id, .)">
      <xsl:variable name="others" as="xs:string*" select="r:relation-others(., $id)"/>
      <xsl:if test="exists($others)">
        <ed:relation>
          <xsl:for-each select="(@name, @type, @ref, @active, @passive, @mutual,
              for $n in $r:relation-dating return @*[local-name() = $n][namespace-uri() = ''])
              [normalize-space()]">
            <xsl:attribute name="{local-name()}" select="normalize-space(.)"/>
          </xsl:for-each>
          <xsl:attribute name="role" select="r:relation-role(., $id)"/>
          <xsl:for-each select="$others">
            <xsl:variable name="other" as="element()?" select="$entry(.)"/>
            <ed:other>
              <xsl:if test="exists($other)">
                <xsl:attribute name="id" select="$other/@xml:id"/>
                <xsl:attribute name="type" select="local-name($other)"/>
              </xsl:if>
              <xsl:value-of select="if (exists($other)) then $name($other) else ."/>
            </ed:other>
          </xsl:for-each>
          <xsl:for-each select="tei:desc[normalize-space()][1]">
            <ed:desc><xsl:value-of select="normalize-space(.)"/></ed:desc>
          </xsl:for-each>
        </ed:relation>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- The attributes of att.datable.w3c, which the index's records keep as written. -->
  <xsl:variable name="r:datable" as="xs:string+"
      select="('when', 'notBefore', 'notAfter', 'from', 'to')"/>

  <!-- The attributes that date a relation (att.datable.w3c and att.datable.iso), in the order
       a record keeps them. -->
  <xsl:variable name="r:relation-dating" as="xs:string+"
      select="$r:datable, $r:datable ! (. || '-iso')"/>

  <!-- The web addresses of a relation's @ref (att.canonical: where the relation is defined or
       described further), the ones a reader can follow. -->
  <xsl:function name="r:relation-links" as="xs:string*">
    <xsl:param name="relation" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($relation/@ref))[matches(., '^https?://\S')]"/>
  </xsl:function>

</xsl:stylesheet>

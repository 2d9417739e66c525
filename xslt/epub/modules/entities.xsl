<?xml version="1.0" encoding="UTF-8"?>
<!--
  The entities the book's index lists, as <ee:entity id kind name sort> with one
  <ee:mention href where/> per occurrence in this text, in text order.

  Source: the index builder's product ($entities: the corpus entity index, shared with the
  HTML pages and the exports) when it is given and lists occurrences in this text ($stem);
  otherwise derived from the text itself: names whose @ref resolved (ed:entity, ed:kind) and
  the register entries ($registers) for their preferred names. Either way the entity ids are
  the register xml:ids, and every mention id is the normalized id of the name (m12).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:ee="urn:edition:epub"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="#all">

  <!-- $registers and $stem: declared by the shared rendering (xslt/common/base.xsl). -->
  <xsl:param name="entities" as="document-node()?" select="()"/>

  <xsl:key name="ee:entry" match="*[@xml:id]" use="string(@xml:id)"/>
  <!-- the names of a catalogue record's description are mentions too (the normalisation stage
       resolves them there alone): the book shows the description as its text -->
  <!-- and so are the names of the notes the standOff keeps (a listAnnotation), which the book
       shows after the text (r:standoff-notes) -->
  <xsl:key name="ee:mention-id" match="(tei:text | tei:sourceDoc)//*[@xml:id]
      | tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc//*[@ed:entity][@xml:id]
      | tei:TEI/tei:standOff//tei:listAnnotation//tei:note//*[@ed:entity][@xml:id]"
      use="string(@xml:id)"/>

  <!-- The entities of the book's own text: its index, and whether names link to it. -->
  <xsl:variable name="ee:index-entities" as="element(ee:entity)*" select="ee:entities(/)"/>

  <xsl:function name="ee:entities" as="element(ee:entity)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="if (exists($entities/ed:index)) then ee:shared-entities($doc)
        else ee:derived-entities($doc)"/>
  </xsl:function>

  <!-- From the index builder's product (xslt/index/entities.xsl): entities with occurrences
       in this text; an occurrence whose mention id is not in the text is left out. -->
  <xsl:function name="ee:shared-entities" as="element(ee:entity)*">
    <xsl:param name="doc" as="document-node()"/>
    <!-- a work of a bibliography file is cited, not named: the book lists it in no index -->
    <xsl:for-each select="$entities/ed:index/ed:entities/ed:entity[ed:occurrence/@document = $stem]
        [not(@type = $r:work-kinds)]">
      <xsl:variable name="mentions" as="element()*"
          select="ed:occurrence[@document = $stem] ! key('ee:mention-id', string(@mention), $doc)[1]"/>
      <xsl:if test="exists($mentions)">
        <xsl:variable name="name" as="xs:string" select="if (@type = ('person', 'personGrp')
            and normalize-space(@sort) != '') then normalize-space(@sort)
            else normalize-space((ed:name, @sort, @id)[1])"/>
        <ee:entity id="{@id}" kind="{@type}" name="{$name}" sort="{(@sort, $name)[1]}">
          <!-- the language of the name shown, when it is the register's preferred name in a
               language of its own ("Comité de Défense des Juifs": probe 113, the web's index
               says lang="fr", the book's said nothing) -->
          <xsl:for-each select="ed:name[normalize-space() = $name]/@lang[normalize-space()]">
            <xsl:attribute name="lang" select="normalize-space(.)"/>
          </xsl:for-each>
          <xsl:for-each select="$mentions">
            <ee:mention href="{ee:href(.)}" where="{ee:where(.)}"
                lang="{ee:where-lang(.)}"/>
          </xsl:for-each>
        </ee:entity>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="ee:derived-entities" as="element(ee:entity)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="names" as="element()*"
        select="(r:main-text($doc/tei:TEI), $doc/tei:TEI ! r:record-descriptions(.),
            $doc/tei:TEI/tei:standOff//tei:listAnnotation
            //tei:note)//*[@ed:entity][ee:is-name(.)][@xml:id][not(@ed:kind = $r:work-kinds)]
            [empty(ancestor::*[r:metadata(.)])]"/>
    <xsl:for-each-group select="$names" group-by="string(@ed:entity)">
      <xsl:variable name="entry" as="element()?"
          select="if (exists($registers)) then key('ee:entry', current-grouping-key(), $registers)[1] else ()"/>
      <xsl:variable name="name" as="xs:string"
          select="if (exists($entry)) then ee:entry-name($entry) else normalize-space(current-group()[1])"/>
      <ee:entity id="{current-grouping-key()}" kind="{@ed:kind}" name="{$name}"
          sort="{if (exists($entry)) then ee:entry-sort($entry) else $name}">
        <!-- the language of the register's name shown (probe 113) -->
        <xsl:for-each select="($entry/*[normalize-space() = $name]/ancestor-or-self::*
            [@xml:lang][1]/@xml:lang)[1][normalize-space()]">
          <xsl:attribute name="lang" select="normalize-space(.)"/>
        </xsl:for-each>
        <xsl:for-each select="current-group()">
          <ee:mention href="{ee:href(.)}" where="{ee:where(.)}"
                lang="{ee:where-lang(.)}"/>
        </xsl:for-each>
      </ee:entity>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The preferred name of a register entry, as a reader looks it up ("Holzinger, Robert"). -->
  <xsl:function name="ee:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" as="element()*"
        select="$entry/(tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName
            | tei:objectName | tei:eventName)"/>
    <!-- a role by its own words, a name inside them a part of them (probe 69: "Moor") -->
    <!-- the name typed preferred, else the register's first, as the site's index heads the
         entry (index/modules/entries.xsl, ed:preferred-name-element): the book took an
         English or unmarked name before the first, and named and filed an entry the site
         heads with its Arabic name by its English one (probe 165) -->
    <xsl:variable name="name" as="element()?" select="if ($entry/self::tei:role[normalize-space()])
        then () else ($names[@type = 'preferred'], $names)[1]"/>
    <xsl:choose>
      <xsl:when test="$name/tei:surname and $name/tei:forename">
        <xsl:sequence select="normalize-space(string-join($name/tei:surname, ' ')) || ', '
            || normalize-space(string-join($name/tei:forename, ' '))"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- a play's character by its role in the cast list (probe 67: "jago") -->
        <xsl:sequence select="if (exists($name)) then normalize-space($name)
            else r:preferred-name($entry, string($entry/@xml:id))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="ee:entry-sort" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="r:without-article(ee:entry-name($entry))"/>
  </xsl:function>

  <!-- The language of where a mention is (ee:where): its division's heading's, the nearest
       xml:lang around the head, or the interface's for the words it gives (a page, a kind of
       division); "" for the text's title. Probe 165: an English division's heading in an
       Arabic book's index inherited the book's Arabic. -->
  <xsl:function name="ee:where-lang" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="apart" as="xs:boolean"
        select="exists($mention/ancestor::tei:listAnnotation/ancestor::tei:standOff)"/>
    <xsl:variable name="page" as="xs:string?"
        select="if ($apart) then () else $mention/accumulator-before('ee:page')"/>
    <xsl:variable name="div" as="element()?" select="$mention/ancestor::*[ee:is-div(.)][1]"/>
    <xsl:variable name="head" as="element()?"
        select="$div ! r:main-head(.)[r:plain(.) != '']"/>
    <xsl:sequence select="if (exists($page) or (exists($div) and empty($head)) or $apart)
        then r:ui-lang()
        else string(($head/ancestor-or-self::*[@xml:lang][1]/@xml:lang, '')[1])"/>
  </xsl:function>

  <!-- Where a mention is: its page in a paginated text, else the part (div) it is in; in a
       note the standOff keeps, the notes after the text (on no page of the source: the last
       page break of the text does not begin them). -->
  <xsl:function name="ee:where" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="apart" as="xs:boolean"
        select="exists($mention/ancestor::tei:listAnnotation/ancestor::tei:standOff)"/>
    <xsl:variable name="page" as="xs:string?"
        select="if ($apart) then () else $mention/accumulator-before('ee:page')"/>
    <xsl:variable name="div" as="element()?" select="$mention/ancestor::*[ee:is-div(.)][1]"/>
    <!-- in the book's words, as the web's index pages say it ("ص ١٣": probe 61's Arabic book
         said "p. ١٣") -->
    <xsl:sequence select="if (exists($page)) then r:page-label($page)
        else if (exists($div)) then ee:label($div)
        else if ($apart) then r:msg('notes.title') else ee:title()"/>
  </xsl:function>

</xsl:stylesheet>

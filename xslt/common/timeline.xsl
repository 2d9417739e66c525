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
    xmlns:ed="urn:edition"
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
        'bibl', 'biblStruct', 'biblFull', 'listBibl')]) and r:dated($date)"/>
  </xsl:function>

  <!-- Whether a date says anything: its words, else a value of its attributes. A date of
       nothing (a catalogue's unfilled <origDate notBefore="" notAfter=""/>) had an entry of no
       date and no words on the timeline, linked to an anchor its page did not hold (probe
       35). -->
  <xsl:function name="r:dated" as="xs:boolean">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="normalize-space($date) != '' or exists($date/@*[normalize-space()]
        [matches(local-name(), '^(when|notBefore|notAfter|from|to)(-iso|-custom)?$')])"/>
  </xsl:function>

  <!-- Every correspondence description of a document's header (the TEI element): profileDesc
       may hold several, one per letter (Guidelines 2.4.6; the CMIF exchange format); else the
       first of those older editions put elsewhere (in sourceDesc). -->
  <xsl:function name="r:corresp-descs" as="element()*"
      xpath-default-namespace="http://www.tei-c.org/ns/1.0">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="profile" as="element()*" select="$tei/teiHeader/profileDesc/correspDesc"/>
    <xsl:sequence select="if (exists($profile)) then $profile
        else ($tei/teiHeader//correspDesc)[1]"/>
  </xsl:function>

  <!-- The date a described letter was sent, when its description gives one (in words or
       normalised): the timeline lists it beside the dates the texts mention. -->
  <xsl:function name="r:sent-date" as="element()?"
      xpath-default-namespace="http://www.tei-c.org/ns/1.0">
    <xsl:param name="desc" as="element()"/>
    <!-- the older form (sender, dateSender: not P5, which some letter editions keep) too -->
    <xsl:sequence select="($desc/correspAction[lower-case(normalize-space(@type)) = 'sent']/date,
        $desc/dateSender/date)[normalize-space() or @when or @notBefore or @notAfter or @from
        or @to or @when-iso or @notBefore-iso or @notAfter-iso or @from-iso or @to-iso][1]"/>
  </xsl:function>

  <!-- The date a described letter was received, when its description gives one: the first
       dated receiving action's (or the older dateAddressee's). -->
  <xsl:function name="r:received-date" as="element()?"
      xpath-default-namespace="http://www.tei-c.org/ns/1.0">
    <xsl:param name="desc" as="element()"/>
    <xsl:sequence select="($desc/correspAction[lower-case(normalize-space(@type)) = 'received']
        /date, $desc/dateAddressee/date)[normalize-space() or @when or @notBefore or @notAfter
        or @from or @to or @when-iso or @notBefore-iso or @notAfter-iso or @from-iso
        or @to-iso][1]"/>
  </xsl:function>

  <!-- The date the timeline gives a described letter: when it was sent, else, for a letter
       whose description says only when it arrived, when it was received (it was written by
       then). Such a letter was "Undated" in the calendar and on no timeline (probe 86). One
       date a letter, so that its entry has one id on the timeline. -->
  <xsl:function name="r:letter-timeline-date" as="element()?">
    <xsl:param name="desc" as="element()"/>
    <xsl:sequence select="(r:sent-date($desc), r:received-date($desc))[1]"/>
  </xsl:function>

  <!-- Whether a date of a correspondence description is when its letter was received (a
       receiving action's, the older dateAddressee's), not when it was sent. -->
  <xsl:function name="r:is-received-date" as="xs:boolean">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="exists($date/parent::*[local-name() = 'dateAddressee'
        or local-name() = 'correspAction' and lower-case(normalize-space(@type)) = 'received'])"/>
  </xsl:function>

  <!-- The part a name of a correspondence action plays in the letter: sent or received (or
       the action's other type), as its action says, unless the name says its own (some letter
       editions write both correspondents in the one sending action, telling them apart by
       persName/@type "sender" and "addressee"): such a name is the sender or the addressee
       wherever it stands. -->
  <xsl:function name="r:corresp-role" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="own" as="xs:string" select="lower-case(normalize-space($name/@type))"/>
    <xsl:sequence select="if ($own = ('sender', 'author', 'writer')) then 'sent'
        else if ($own = ('addressee', 'recipient', 'receiver')) then 'received'
        else lower-case(normalize-space($name/../@type))"/>
  </xsl:function>

  <!-- The names of a correspondence description that are its sender's (role 'sent') or its
       addressee's ('received'), in document order, whichever action holds them. -->
  <xsl:function name="r:corresp-names" as="element()*"
      xpath-default-namespace="http://www.tei-c.org/ns/1.0">
    <xsl:param name="desc" as="element()"/>
    <xsl:param name="role" as="xs:string"/>
    <!-- (and a name of no words that points at its entry: <persName ref="#k"/>, named by
         the entry, probe 152) -->
    <xsl:sequence select="$desc/correspAction/(persName | orgName | name | rs)
        [normalize-space() or @ed:entity or normalize-space(@ref)][r:corresp-role(.) = $role]"/>
  </xsl:function>

  <!-- (key r:id, every element by its xml:id: reading.xsl) -->

  <!-- The anchor of a letter's description on its page, where the timeline's entry for its
       date leads: its xml:id, else letter-N (N: its place among the header's descriptions),
       with -g when the document has that id already. -->
  <xsl:function name="r:letter-anchor" as="xs:string">
    <xsl:param name="desc" as="element()"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:variable name="made" as="xs:string" select="'letter-' || $position"/>
    <xsl:variable name="tei" as="element()?" select="$desc/ancestor::*[local-name() = 'TEI'][1]"/>
    <xsl:variable name="top" as="node()" select="root($desc)"/>
    <!-- key() needs a document; a tree made in a variable may have none -->
    <xsl:variable name="same" as="element()*" select="if ($top instance of document-node())
        then key('r:id', $made, $top) else $top/descendant-or-self::*[@xml:id = $made]"/>
    <xsl:variable name="taken" as="xs:boolean"
        select="exists($same[empty($tei) or ancestor-or-self::*[local-name() = 'TEI'][1] is $tei])"/>
    <xsl:sequence select="($desc/@xml:id[normalize-space()] ! string(.),
        if ($taken) then $made || '-g' else $made)[1]"/>
  </xsl:function>

</xsl:stylesheet>

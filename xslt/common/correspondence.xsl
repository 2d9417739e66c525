<?xml version="1.0" encoding="UTF-8"?>
<!--
  Correspondence: the correspondence description of the header (TEI Guidelines 2.4.6:
  correspDesc, correspAction, correspContext; also the pre-P5 sender, addressee, placeSender,
  placeAddressee, dateSender, dateAddressee that older letter editions still use) and the
  parts of a letter in the text (4.2.2: opener, closer, salute, dateline, signed, postscript;
  3.6.2: address and its addrLines).

  The letter head (r:letter-head) says who sent the letter, where and when, to whom, and when
  it was received; the letters before and after it (correspContext, or TEI/@prev and @next)
  link to their pages when they are part of the edition ($texts, one "stem TAB id TAB title"
  line per text of the build), and are given as rel=prev / rel=next links for the page's
  head (r:letter-links). Names that point at a register entry link to the index.

  In the text, every part of a letter is a line or block of its own; each addrLine of an
  address is one line, so that lines of an address never run together.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <!-- r:sent-date: the one choice of a letter's date -->
  <xsl:import href="timeline.xsl"/>

  <!-- The texts of the build, one per line: stem, TEI/@xml:id and title, tab-separated. -->
  <xsl:param name="texts" as="xs:string" select="''"/>

  <xsl:variable name="r:texts" as="array(xs:string*)*" select="tokenize($texts, '\n')
      [normalize-space()] ! array { tokenize(., '\t') }"/>

  <!-- Parts of a letter ===================================================================== -->

  <xsl:template match="opener | closer | postscript" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An enclosure (a floatingText, or a text of the letter's group, typed enclosure: the
       receipt, the printed notice sent with the letter) says it is one, above its own
       words and title (probe 165: one was told by a border alone, another by nothing beside
       its sibling headed "Letter"). One of no title has its kind as its heading already
       (structure.xsl, r:text-label: "Enclosure"). -->
  <xsl:template match="floatingText[r:is-enclosure(.)]
      | group/text[r:is-enclosure(.)][exists(r:group-title(.))]" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="(if (self::floatingText) then 'floatingText'
            else 'tei-text') || (' block')[$r:phrasing]"/>
      </xsl:call-template>
      <xsl:element name="{if ($r:phrasing) then 'span' else 'p'}">
        <xsl:attribute name="class" select="'enclosure-label' || (' block')[$r:phrasing]"/>
        <xsl:sequence select="r:ui-words(.)"/>
        <xsl:value-of select="r:msg('div.enclosure')"/>
      </xsl:element>
      <xsl:call-template name="r:fields"/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="r:is-enclosure" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tokenize(lower-case(normalize-space($e/@type))) = 'enclosure'"/>
  </xsl:function>

  <xsl:template match="salute | signed | dateline" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:call-template name="r:block">
      <xsl:with-param name="element" select="if (r:has-blocks(.)) then 'div' else 'p'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="address" mode="r:main" as="node()+">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'address' || (if ($r:phrasing and addrLine)
            then ' block' else '')"/>
      </xsl:call-template>
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- One line each; a space before it too, so that copied text keeps the words apart. -->
  <xsl:template match="addrLine" mode="r:main" as="node()+">
    <xsl:if test="preceding-sibling::node()[1][self::*]">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:call-template name="r:inline">
      <xsl:with-param name="class" select="'addrLine'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The letter head =============================================================== -->

  <xsl:template name="r:letter-head" as="element()?">
    <xsl:context-item as="element()" use="required"/>
    <!-- false in a book: it has no pages of the other letters to link to -->
    <xsl:param name="neighbours" as="xs:boolean" select="true()"/>
    <xsl:variable name="descs" as="element()*" select="r:corresp-descs(.)"/>
    <xsl:choose>
      <!-- a file that describes several letters (CMIF: one correspDesc per letter, often
           without their texts) lists every one, each with its address when it has one -->
      <xsl:when test="count($descs) gt 1">
        <div class="letter-head letters-described">
          <p class="letters-described-title">
            <xsl:sequence select="r:ui-words(.)"/>
            <xsl:value-of select="r:msg('letter.described', string(count($descs)))"/>
          </p>
          <ol class="letters-described-list">
            <xsl:for-each select="$descs">
              <xsl:variable name="rows" as="element()*" select="r:corresp-rows(.)"/>
              <!-- the anchor the timeline's entry for the letter's date leads to -->
              <li id="{r:letter-anchor(., position())}">
                <xsl:if test="exists($rows)">
                  <dl class="corresp"><xsl:sequence select="r:ui-labels($rows, .)"/></dl>
                </xsl:if>
                <xsl:sequence select="r:corresp-ref(.)"/>
              </li>
            </xsl:for-each>
          </ol>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="rows" as="element()*" select="if (exists($descs))
            then $descs ! r:corresp-rows(.) else r:participant-rows(.)"/>
        <xsl:variable name="context" as="element()*"
            select="if ($neighbours) then r:letter-context(.) else ()"/>
        <xsl:if test="exists($rows) or exists($context)">
          <div class="letter-head">
            <xsl:for-each select="$descs[1]">
              <xsl:attribute name="id" select="r:letter-anchor(., 1)"/>
            </xsl:for-each>
            <xsl:if test="exists($rows)">
              <dl class="corresp"><xsl:sequence select="r:ui-labels($rows, .)"/></dl>
            </xsl:if>
            <xsl:sequence select="$descs ! r:corresp-ref(.)"/>
            <xsl:if test="exists($context)">
              <nav class="corresp-context" aria-label="{r:msg(if (r:is-letter(.))
                  then 'letter.context' else 'sequence.context')}">
                <ul><xsl:sequence select="$context"/></ul>
              </nav>
            </xsl:if>
          </div>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The rows of a letter head with their labels (From, To, Received ...: the interface's
       words) marked with the interface's language where the text's is another; the names,
       places and dates beside them are the text's (probe 41: "From" and "To" in a German
       letter's head were German to a screen reader and a hyphenator). -->
  <xsl:function name="r:ui-labels" as="element()*">
    <xsl:param name="rows" as="element()*"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="ui" as="attribute()*" select="r:ui-words($context)"/>
    <xsl:for-each select="$rows">
      <xsl:choose>
        <xsl:when test="local-name() = 'dt' and exists($ui)">
          <xsl:copy>
            <xsl:sequence select="@*, $ui, node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- The address of the letter a correspondence description describes (@ref: the letter
       in its own edition, as CMIF gives it), a link out. -->
  <xsl:function name="r:corresp-ref" as="element()?">
    <xsl:param name="desc" as="element()"/>
    <xsl:for-each select="(tokenize(normalize-space($desc/@ref)) ! r:safe-url(.))
        [matches(., '^https?://')][1]">
      <p class="corresp-ref">
        <a href="{.}" rel="external"><xsl:value-of select="."/></a>
      </p>
    </xsl:for-each>
  </xsl:function>

  <!-- The rows (dt, dd) of one correspondence description: who sent it, where and when, to
       whom, when it arrived. -->
  <xsl:function name="r:corresp-rows" as="element()*">
    <xsl:param name="desc" as="element()"/>
    <xsl:apply-templates select="$desc/(correspAction | sender | addressee)" mode="r:corresp"/>
    <xsl:if test="$desc/dateAddressee[normalize-space() or date/@when]">
      <dt><xsl:value-of select="r:msg('letter.received')"/></dt>
      <dd><xsl:sequence select="r:corresp-dated($desc/dateAddressee, $desc)"/></dd>
    </xsl:if>
    <!-- what the editor notes of the letter's sending ("Draft, never sent."), in the
         description or one of its actions: it was shown nowhere (probe 86) -->
    <xsl:for-each select="$desc/(note | noteGrp/note | correspAction/note
        | correspAction/noteGrp/note)[normalize-space()]">
      <!-- a typed note says its type, as an action of the edition's own type does ("Subject",
           "Dictation": probe 87, two rows "Note" of the Dodis documents) -->
      <xsl:variable name="type" as="xs:string"
          select="r:token-words(replace(normalize-space(@type), '([a-z])([A-Z])', '$1 $2'))"/>
      <dt>
        <xsl:value-of select="if ($type != '') then upper-case(substring($type, 1, 1))
            || lower-case(substring($type, 2)) else r:msg('letter.note')"/>
      </dt>
      <dd>
        <xsl:call-template name="r:attributes">
          <xsl:with-param name="class" select="'corresp-note'"/>
        </xsl:call-template>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </dd>
    </xsl:for-each>
  </xsl:function>

  <!-- A letter without a correspondence description whose header names its writer and its
       recipient among the participants (particDesc, Guidelines 15.2: a person's @role is the
       part it plays; the Whitman Archive's letters: role="sender" ... role="addressee"): From
       and To, as a correspDesc gives them. Only when someone is the addressee or recipient,
       or someone the sender: an "author" alone (a speaker of a transcript, say) makes no
       letter. -->
  <xsl:function name="r:participant-rows" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="people" as="element()*" select="$tei/teiHeader/profileDesc/particDesc
        //(person | personGrp | org)[@role][exists(r:participant-name(.))]"/>
    <xsl:variable name="to" as="element()*"
        select="$people[r:roles(.) = ('addressee', 'recipient')]"/>
    <xsl:variable name="from" as="element()*" select="$people[r:roles(.) = 'sender'
        or (exists($to) and r:roles(.) = 'author')]"/>
    <xsl:if test="exists($from)">
      <dt><xsl:value-of select="r:msg('letter.from')"/></dt>
      <dd><xsl:sequence select="r:corresp-parts($from ! r:participant-name(.), $from[1])"/></dd>
    </xsl:if>
    <xsl:if test="exists($to)">
      <dt><xsl:value-of select="r:msg('letter.to')"/></dt>
      <dd><xsl:sequence select="r:corresp-parts($to ! r:participant-name(.), $to[1])"/></dd>
    </xsl:if>
  </xsl:function>

  <xsl:function name="r:roles" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tokenize(lower-case(normalize-space($e/@role)))"/>
  </xsl:function>

  <!-- A participant by its (first) name, linked to its index entry when the index lists it. -->
  <xsl:function name="r:participant-name" as="element()?">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="text" as="xs:string?" select="($person/(persName | orgName | name)
        ! r:plain(.))[. != ''][1]"/>
    <xsl:variable name="href" as="xs:string?" select="r:entry-href($person)"/>
    <xsl:choose>
      <xsl:when test="empty($text)"/>
      <xsl:when test="exists($href)">
        <a class="name" href="{$href}"><xsl:value-of select="$text"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name"><xsl:value-of select="$text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The correspondence description: in profileDesc, or where older editions put it (in
       sourceDesc). -->
  <xsl:function name="r:corresp-desc" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="r:corresp-descs($tei)[1]"/>
  </xsl:function>

  <xsl:mode name="r:corresp" on-no-match="deep-skip" on-multiple-match="fail"/>

  <!-- A correspondence action: sent (From), received (To, and a Received date), other
       actions (transmitted, redirected, forwarded ...) by their type. -->
  <xsl:template match="correspAction" mode="r:corresp" as="element()*">
    <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space(@type))"/>
    <xsl:variable name="desc" as="element()" select=".."/>
    <xsl:variable name="first" as="xs:boolean" select=". is ($desc/correspAction
        [lower-case(normalize-space(@type)) = $type])[1]"/>
    <!-- its names, but a name that says it is the other correspondent (persName
         type="addressee" in the sending action) is told under the other's label; the first
         action of a kind also tells such names of the other actions -->
    <xsl:variable name="who" as="element()*" select="(persName | orgName | name | rs)
        [normalize-space() or @ed:entity][r:corresp-role(.) = $type or not(r:corresp-role(.) = ('sent',
        'received'))] | (if ($first and $type = ('sent', 'received'))
        then r:corresp-names($desc, $type)[r:corresp-name-words(.) != ''] else ())"/>
    <!-- the other correspondent named only inside this action, when no action of their kind
         exists to tell them: a row of their own, From before, To after this action's -->
    <xsl:variable name="other" as="xs:string?" select="if ($type = 'sent') then 'received'
        else if ($type = 'received') then 'sent' else ()"/>
    <xsl:variable name="orphans" as="element()*" select="if ($first and exists($other)
        and empty($desc/correspAction[lower-case(normalize-space(@type)) = $other]))
        then r:corresp-names($desc, $other)[r:corresp-name-words(.) != ''] else ()"/>
    <xsl:if test="$other = 'sent' and exists($orphans)">
      <dt><xsl:value-of select="r:msg('letter.from')"/></dt>
      <dd><xsl:sequence select="r:corresp-parts($orphans ! r:corresp-name(.), .)"/></dd>
    </xsl:if>
    <xsl:variable name="where" as="element()*" select="(placeName | settlement | address)
        [normalize-space() or @ed:entity]"/>
    <!-- each of its dates: a letter begun one day and ended another (Escher's "09. / 11.
         Juli 1831", two dates in its sending action) lost its second (probe 107) -->
    <!-- (a date written twice alike is said once: probe 109, "9. Juli 1831, 9. Juli 1831") -->
    <xsl:variable name="whens" as="element()*" select="date[normalize-space() or @when
        or @when-iso or @notBefore or @notAfter or @from or @to]
        [not(some $d in preceding-sibling::date satisfies deep-equal($d, .))]"/>
    <xsl:variable name="when" as="element()?" select="$whens[1]"/>
    <xsl:variable name="label" as="xs:string" select="
        if ($type = 'sent') then 'letter.from'
        else if ($type = 'received') then 'letter.to'
        else if ($type = 'transmitted') then 'letter.transmitted'
        else if ($type = 'redirected') then 'letter.redirected'
        else if ($type = 'forwarded') then 'letter.forwarded'
        else 'letter.action'"/>
    <!-- an action of the edition's own vocabulary says its type ("signatory", "received-copy"
         of the Dodis documents: "Signatory", "Received copy"), where "Also" told nothing -->
    <xsl:variable name="own" as="xs:string" select="if ($label ne 'letter.action') then ''
        else r:token-words(replace(normalize-space(@type), '([a-z])([A-Z])', '$1 $2'))"/>
    <xsl:if test="exists($who) or exists($where) or ($type != 'received' and exists($when))">
      <dt>
        <xsl:value-of select="if ($own) then upper-case(substring($own, 1, 1))
            || lower-case(substring($own, 2)) else r:msg($label)"/>
      </dt>
      <dd>
        <xsl:sequence select="r:corresp-parts((r:corresp-people($who ! r:corresp-name(.), .),
            $where ! r:corresp-place(.), if ($type = 'received') then () else $whens
            ! r:corresp-dated(., $desc)), .)"/>
      </dd>
    </xsl:if>
    <xsl:if test="$type = 'received' and exists($when)">
      <dt><xsl:value-of select="r:msg('letter.received')"/></dt>
      <dd><xsl:sequence select="r:corresp-parts($whens ! r:corresp-dated(., $desc), .)"/></dd>
    </xsl:if>
    <xsl:if test="$other = 'received' and exists($orphans)">
      <dt><xsl:value-of select="r:msg('letter.to')"/></dt>
      <dd><xsl:sequence select="r:corresp-parts($orphans ! r:corresp-name(.), .)"/></dd>
    </xsl:if>
  </xsl:template>

  <!-- The pre-P5 form: sender with placeSender and dateSender; addressee with placeAddressee. -->
  <xsl:template match="sender | addressee" mode="r:corresp" as="element()*">
    <xsl:variable name="sent" as="xs:boolean" select="exists(self::sender)"/>
    <xsl:variable name="who" as="element()*" select="(persName | orgName | name | rs)
        [normalize-space()]"/>
    <xsl:variable name="where" as="element()*" select="(if ($sent) then ../placeSender
        else ../placeAddressee)/(placeName | settlement | address)[normalize-space()]"/>
    <xsl:variable name="when" as="element()?"
        select="if ($sent) then ../dateSender[normalize-space() or date/@when] else ()"/>
    <dt><xsl:value-of select="r:msg(if ($sent) then 'letter.from' else 'letter.to')"/></dt>
    <dd>
      <xsl:sequence select="r:corresp-parts((($who, .[empty($who)]) ! r:corresp-name(.),
          $where ! r:corresp-place(.), $when ! r:corresp-dated(., ..)), .)"/>
    </dd>
  </xsl:template>

  <!-- Parts of a letter head entry (names, places, a date: the letter's words), separated
       by the comma of the language of $within, the action or person they come from
       (r:comma: "، " in Arabic script). -->
  <!-- Several people of one action, set apart from its place and date as a list of the
       interface's language, as the home page lists them: "Emil Frey and Marie Frey, Basel,
       24 December 1851" (probe 86: one comma between all of them read "Marie Frey, Basel"
       as one; probe 165: the semicolon between two addressees, "John Bellamy; Harriet
       Bellamy", where the timeline read a comma, is left to names holding a comma,
       r:list-words). One person as it is. -->
  <xsl:function name="r:corresp-people" as="node()*">
    <xsl:param name="names" as="node()*"/>
    <xsl:param name="within" as="element()"/>
    <xsl:choose>
      <xsl:when test="count($names) gt 1">
        <span class="corresp-people">
          <xsl:sequence select="r:list-words($names,
              r:comma($within, string-join($names ! string(.), ' ')), $within)"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$names"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Names as words, joined as r:corresp-people joins them (the home page's list). -->
  <xsl:function name="r:names-said" as="xs:string?">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:param name="within" as="element()"/>
    <xsl:sequence select="string-join(r:list-words($names,
        r:comma($within, string-join($names, ' ')), ()) ! string(.))[. != '']"/>
  </xsl:function>

  <xsl:function name="r:corresp-parts" as="node()*">
    <xsl:param name="parts" as="node()*"/>
    <xsl:param name="within" as="element()"/>
    <xsl:variable name="comma" as="xs:string"
        select="r:comma($within, string-join($parts ! string(.), ' '))"/>
    <xsl:for-each select="$parts">
      <xsl:if test="position() gt 1">
        <xsl:value-of select="$comma"/>
      </xsl:if>
      <xsl:sequence select="."/>
    </xsl:for-each>
  </xsl:function>

  <!-- A correspondent's name in words: its reading, and the other readings of a name the
       transcriber read in several ways, as the text gives them (probe 41: <persName>Mary
       <choice><unclear>Scheyer</unclear><unclear>Schäfer</unclear></choice></persName> was
       "Mary Scheyer" in the letter head, "Scheyer [or: Schäfer]" in the text). -->
  <xsl:function name="r:read-name" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="others" as="xs:string*" select="$name//choice[count(unclear) gt 1]
        [empty(* except unclear)]/unclear[position() gt 1] ! r:plain(.)[. != '']"/>
    <xsl:sequence select="string-join((r:plain($name), $others ! ('[' || r:msg('tr.or') || ' '
        || . || ']')), ' ')"/>
  </xsl:function>

  <!-- A name, linked to its entry in the index when it points at a register entry (ed:entity,
       from the normalisation stage) that the index lists (r:entity-href). -->
  <!-- A correspondent's name as the head says it: its words, else, a name of no words that
       points at its entry, the entry's name (probe 152: the addressee of <persName ref="#k"/>
       was left out of the letter's head and of the home page's list). -->
  <xsl:function name="r:corresp-name-words" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(r:read-name($name)[normalize-space()],
        ($name/@ed:entity ! r:entry(string(.)),
         tokenize(normalize-space($name/@ref))[1] ! replace(., '^.*#', '') ! r:entry(.))[1]
            ! r:preferred-name(., ''), '')[1]"/>
  </xsl:function>

  <xsl:function name="r:corresp-name" as="node()">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="href" as="xs:string?"
        select="$name/@ed:entity ! r:entity-href(string(.), string($name/@ed:kind))"/>
    <xsl:variable name="text" as="xs:string" select="r:corresp-name-words($name)"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a class="name" href="{$href}">
          <xsl:value-of select="$text"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name"><xsl:value-of select="$text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="r:corresp-place" as="node()">
    <xsl:param name="place" as="element()"/>
    <xsl:choose>
      <xsl:when test="$place/self::address">
        <!-- an address's lines are the letter's words: its language's comma (r:comma) -->
        <xsl:value-of select="string-join($place/descendant::*[not(*)][normalize-space()]
            ! r:plain(.), r:comma($place))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="r:corresp-name($place)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A date of the description, linked to the letter's entry on the timeline when it is
       the date the timeline gives the letter (r:letter-timeline-date) and the page has a
       timeline to link to (r:letter-date-href): the head's date led nowhere, where every
       date of the text leads to its entry (probe 86). -->
  <xsl:function name="r:corresp-dated" as="node()">
    <xsl:param name="date" as="element()"/>
    <xsl:param name="desc" as="element()"/>
    <xsl:variable name="d" as="element()" select="($date/self::date, $date/date, $date)[1]"/>
    <xsl:variable name="href" as="xs:string?" select="if ($d is r:letter-timeline-date($desc))
        then r:letter-date-href($desc) else ()"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a class="date" href="{$href}"><xsl:sequence select="r:corresp-date($date)"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="r:corresp-date($date)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Where a letter's date on its head links: nowhere here (a book has no timeline); the
       reading page, which knows the text's stem, links the timeline's entry
       (html/modules/reading.xsl). -->
  <xsl:function name="r:letter-date-href" as="xs:string?">
    <xsl:param name="desc" as="element()"/>
    <xsl:sequence select="()"/>
  </xsl:function>

  <!-- A correspondence description's place among its document's (r:corresp-descs), from 1:
       what its anchor is made of (r:letter-anchor). -->
  <xsl:function name="r:letter-position" as="xs:integer?">
    <xsl:param name="desc" as="element()"/>
    <xsl:variable name="descs" as="element()*"
        select="$desc/ancestor::TEI[1] ! r:corresp-descs(.)"/>
    <xsl:sequence select="(for $i in 1 to count($descs) return $i[$descs[$i] is $desc])[1]"/>
  </xsl:function>

  <xsl:function name="r:corresp-date" as="node()">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="d" as="element()" select="($date/self::date, $date/date, $date)[1]"/>
    <!-- a century or a decade (r:period) is no date of the year its value names: no time
         element says that year -->
    <xsl:variable name="iso" as="xs:string?" select="($d/@when, $d/@when-iso)[1]
        [empty(r:period($d))][matches(., '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')] ! string(.)"/>
    <!-- a date without words of its own is written as people read it: "3 May 1800",
         "18th century" (also for words that are a century's number alone), "between 1850
         and 1855" (probe 60: "1850–1855" read as a time the letter took to send) -->
    <xsl:variable name="text" as="xs:string" select="(r:date-qualified($d,
        (r:period-said($d), r:plain($d)[. != ''], $iso ! r:date-words(., true()),
        r:date-attribute-words($d), '')[1]), '')[1]"/>
    <!-- a range of ISO ends (notBefore/notAfter, from/to) is machine-readable too, as a
         date of @when is (probe 165: it was words alone): in the interface's words, each end
         a time element ("between <time datetime=1851-05-06>6</time> and <time ...>9 May
         1851</time>", HTML's time taking one date); in the letter's own words, a data
         element whose value is the range in ISO 8601-2 (EDTF): "[1851-05-06..1851-05-09]",
         one day of it (notBefore, notAfter), "1852-03-02/1852-03-04", all of it (from, to),
         ".." an open end -->
    <xsl:variable name="span" as="xs:boolean"
        select="exists($d/(@from | @to | @from-iso | @to-iso))"/>
    <xsl:variable name="start" as="xs:string?" select="($d/(@from, @from-iso, @notBefore,
        @notBefore-iso))[1] ! normalize-space(.)"/>
    <xsl:variable name="end" as="xs:string?" select="($d/(@to, @to-iso, @notAfter,
        @notAfter-iso))[1] ! normalize-space(.)"/>
    <xsl:variable name="ranged" as="xs:boolean" select="empty($d/(@when | @when-iso))
        and empty(r:period($d)) and exists(($start, $end)) and (every $v in ($start, $end)
            satisfies matches($v, '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'))"/>
    <xsl:choose>
      <xsl:when test="$ranged and r:plain($d) != ''">
        <data class="date-range" value="{if ($span) then ($start, '..')[1] || '/' || ($end, '..')[1]
            else '[' || $start || '..' || $end || ']'}">
          <xsl:value-of select="$text"/>
        </data>
      </xsl:when>
      <xsl:when test="$ranged">
        <xsl:variable name="range" as="xs:string*"
            select="if (exists($start) and exists($end)) then r:whole-months($start, $end) else ()"/>
        <xsl:variable name="said" as="node()*">
          <xsl:choose>
            <xsl:when test="exists($range) and $range[1] = $range[2]">
              <time datetime="{$range[1]}"><xsl:value-of select="r:date-words($range[1], true())"/></time>
            </xsl:when>
            <xsl:when test="exists($range)">
              <xsl:variable name="ends" as="element()+">
                <time datetime="{$range[1]}">
                  <xsl:value-of select="r:range-start($range[1], $range[2])"/>
                </time>
                <time datetime="{$range[2]}">
                  <xsl:value-of select="r:date-words($range[2], true())"/>
                </time>
              </xsl:variable>
              <xsl:sequence select="r:fill-nodes(r:msg(if ($span) then 'date.from-to'
                  else 'date.between'), [$ends[1], $ends[2]])"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="one" as="element()">
                <time datetime="{($start, $end)[1]}">
                  <xsl:value-of select="r:date-words(($start, $end)[1], true())"/>
                </time>
              </xsl:variable>
              <xsl:sequence select="r:fill-nodes(r:msg(if (exists($start))
                  then (if ($span) then 'date.from' else 'date.after')
                  else if ($span) then 'date.to' else 'date.before'), [$one])"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <!-- supplied by the editor, uncertain: as r:date-qualified says a date's words -->
        <xsl:variable name="supplied" as="node()*" select="if ($d/@evidence = ('conjecture',
            'internal', 'external')) then r:fill-nodes('[{1}]', [$said]) else $said"/>
        <span class="date-range">
          <xsl:sequence select="r:ui-words($d)"/>
          <xsl:sequence select="if ($d/@cert = ('low', 'unknown'))
              then r:fill-nodes(r:msg('date.uncertain'), [$supplied]) else $supplied"/>
        </span>
      </xsl:when>
      <xsl:when test="exists($iso)">
        <time datetime="{$iso}">
          <!-- words the interface wrote for a date of none ("3 July 1568") are its language's -->
          <xsl:if test="r:plain($d) = ''">
            <xsl:sequence select="r:ui-words($d)"/>
          </xsl:if>
          <xsl:value-of select="$text"/>
        </time>
      </xsl:when>
      <!-- a century in the interface's words, on a page in another language -->
      <xsl:when test="exists(r:period-said($d)) and exists(r:ui-words($d))">
        <span>
          <xsl:sequence select="r:ui-words($d)"/>
          <xsl:value-of select="$text"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The date a letter was sent, for lists of letters. -->
  <xsl:function name="r:letter-date" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="desc" as="element()?" select="r:corresp-desc($tei)"/>
    <!-- the date the timeline and the index give the letter (r:sent-date), in its words or
         its attributes' ("between 1815 and 1816"; a century as one, r:period-said); else the
         older dateSender's words -->
    <xsl:sequence select="(($desc ! r:sent-date(.) ! r:date-qualified(., (r:period-said(.),
        r:plain(.)[. != ''], r:date-attribute-words(.))[1])),
        $desc/dateSender[not(date)] ! r:plain(.)[. != ''])[1]"/>
  </xsl:function>

  <!-- The date a letter was received, for lists of letters whose description says no
       sending date: "received 2 April 1897" (r:letter-timeline-date). -->
  <xsl:function name="r:letter-received-words" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="r:corresp-desc($tei) ! r:received-date(.) ! r:date-qualified(.,
        (r:period-said(.), r:plain(.)[. != ''], r:date-attribute-words(.))[1])
        ! r:msg('date.received', .)"/>
  </xsl:function>

  <!-- A letter's date as the editor qualified it: in brackets when the editor supplied it
       (@evidence "conjecture", "internal", "external": the letter does not say it), unless
       its words are bracketed already; "(uncertain)" after it when @cert is low. The letter
       head and the home page said "2 June 1851" of a cert="low" date the timeline called
       uncertain (probe 86). -->
  <xsl:function name="r:date-qualified" as="xs:string?">
    <xsl:param name="d" as="element()"/>
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="supplied" as="xs:boolean" select="$d/@evidence = ('conjecture',
        'internal', 'external') and not(starts-with(normalize-space($text), '['))"/>
    <xsl:variable name="shown" as="xs:string?"
        select="$text[. != ''] ! (if ($supplied) then '[' || . || ']' else .)"/>
    <xsl:sequence select="$shown ! (if ($d/@cert = ('low', 'unknown'))
        then r:msg('date.uncertain', .) else .)"/>
  </xsl:function>

  <!-- Previous and next letters ========================================================= -->

  <!-- The words of a correspContext pointer's @type and @subtype, lower case: a vocabulary's
       address up to its last "#" or "/" left out, camelCase, "_", "-", "." and ":" read as
       word breaks ("withinCollection previous_letter" -> within collection previous letter;
       ".../terms#hasNextLetter" -> has next letter). -->
  <xsl:function name="r:context-words" as="xs:string*">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="($pointer/@type, $pointer/@subtype)
        ! tokenize(lower-case(replace(replace(normalize-space(.), '^.*[#/]', ''),
            '(\p{Ll})(\p{Lu})', '$1 $2')), '[\s_.:\-]+')[. != '']"/>
  </xsl:function>

  <!-- Which way a correspContext pointer leads: 'prev', 'next', or '' (another kind: the
       correspondence the letter belongs to, a related letter). A word of its type or
       subtype says it: the Bullinger letters' "prev_same_sender", the Schnitzler letters'
       "withinCollection" + "previous_letter", a "following" one. -->
  <xsl:function name="r:context-rel" as="xs:string">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="words" as="xs:string*" select="r:context-words($pointer)"/>
    <xsl:sequence select="if ($words = ('prev', 'previous', 'preceding', 'predecessor'))
        then 'prev' else if ($words = ('next', 'following', 'follow', 'follows', 'successor'))
        then 'next' else ''"/>
  </xsl:function>

  <!-- What a pointer's type says beyond its direction, shown after it when it is not the
       only one of its kind ("within collection", "same sender"): the words that say previous,
       next or letter left out. -->
  <xsl:function name="r:context-qualifier" as="xs:string">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="string-join(r:context-words($pointer)[not(. = ('prev', 'previous',
        'preceding', 'predecessor', 'next', 'following', 'follow', 'follows', 'successor',
        'letter', 'has', 'is'))], ' ')"/>
  </xsl:function>

  <!-- The pointers of a letter's correspContext that have a target, in document order. -->
  <xsl:function name="r:context-pointers" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <!-- (a ref of words and no target says what it names, unlinked: probe 116) -->
    <xsl:sequence select="r:corresp-desc($tei)/correspContext/(ref | ptr)
        [normalize-space(@target) or self::ref[normalize-space()]]"/>
  </xsl:function>

  <!-- The one pointer shown as the letter before (or after) this one: of several (the
       Schnitzler letters' previous letter in the whole collection and in this
       correspondence), one that this edition publishes first (probe 24: the page named a
       letter of the collection that is not here and left out the previous letter of the
       correspondence, which is). -->
  <xsl:function name="r:neighbour-pointer" as="element()?">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="rel" as="xs:string"/>
    <xsl:variable name="pointers" as="element()*"
        select="r:context-pointers($tei)[r:context-rel(.) = $rel]"/>
    <xsl:sequence select="($pointers[exists(
        tokenize(normalize-space(@target))[1] ! r:text-of(.))], $pointers)[1]"/>
  </xsl:function>

  <!-- (rel, target, label, address, qualifier, own) of the letters before and after this one
       (rel 'prev' or 'next'), then of the correspContext's other pointers (rel 'prev-more',
       'next-more', 'correspondence' or 'other'), which were left out without a word (probe
       107); the address is the target resolved against the xml:base that makes an id an
       address (probe 24: the Bullinger letters' target="file10001" under the root's
       xml:base), else ''; the qualifier is what the pointer's type says beyond its
       direction, given when more than one pointer leads that way; own is "#id" when the
       target is an element of this document, else ''. -->
  <xsl:function name="r:letter-neighbours" as="array(xs:string)*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="chosen" as="element()*"
        select="('prev', 'next') ! r:neighbour-pointer($tei, .)"/>
    <xsl:for-each select="'prev', 'next'">
      <xsl:variable name="rel" as="xs:string" select="."/>
      <xsl:variable name="pointer" as="element()?" select="r:neighbour-pointer($tei, $rel)"/>
      <xsl:variable name="target" as="xs:string?"
          select="(tokenize(normalize-space($pointer/@target))[1],
                   normalize-space($tei/@*[local-name() = $rel][namespace-uri() = '']))[. != ''][1]"/>
      <xsl:if test="exists($target) or exists($pointer)">
        <xsl:variable name="several" as="xs:boolean"
            select="count(r:context-pointers($tei)[r:context-rel(.) = $rel]) gt 1"/>
        <xsl:sequence select="r:neighbour($rel, ($target, '')[1], ($pointer, $tei)[1],
            if ($several) then r:context-qualifier($pointer) else '')"/>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="r:context-pointers($tei) except $chosen">
      <xsl:variable name="rel" as="xs:string" select="r:context-rel(.)"/>
      <xsl:sequence select="r:neighbour(if ($rel != '') then $rel || '-more'
          else if (r:context-words(.) = 'correspondence') then 'correspondence' else 'other',
          (tokenize(normalize-space(@target))[1], '')[1], .,
          if ($rel = '' and r:context-words(.) = 'correspondence') then ''
          else r:context-qualifier(.))"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="r:neighbour" as="array(xs:string)">
    <xsl:param name="rel" as="xs:string"/>
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="from" as="element()"/>
    <xsl:param name="qualifier" as="xs:string"/>
    <xsl:variable name="based" as="element()?" select="$from/ancestor-or-self::*[@xml:base][1]"/>
    <xsl:variable name="address" as="xs:string" select="if (exists($based)
        and not(matches($target, '^[a-zA-Z][a-zA-Z0-9+.-]*:|^#'))
        and matches(string(base-uri($based)), '^https?://'))
        then string(resolve-uri($target, base-uri($based))) else ''"/>
    <!-- an element of this document ("#L2", or the bare id L2): a letter of the same file,
         which was left out without a word (probe 107) -->
    <xsl:variable name="own" as="xs:string?" select="replace($target, '^#', '')
        [exists(key('r:entry', ., root($from))[not(self::TEI)])] ! ('#' || .)"/>
    <xsl:sequence select="[$rel, $target, ($from[self::ref | self::ptr] ! r:plain(.), '')[1],
        $address, $qualifier, ($own, '')[1]]"/>
  </xsl:function>

  <!-- The page of a text of this build named by a pointer: "L041206.xml", "#L041206",
       "https://.../D_000007-001-002.xml" (stem or xml:id); empty when it is not built.
       $r:texts holds stem, xml:id and title of each. -->
  <!-- A web address is a text of this build by its file's name only when it names an XML
       file: another project's "https://other.org/letters/V02" led to this edition's V02
       (probe 86: two projects numbering their letters alike link each other's). -->
  <xsl:function name="r:text-of" as="array(xs:string*)?">
    <xsl:param name="target" as="xs:string"/>
    <xsl:variable name="last" as="xs:string"
        select="replace(replace($target, '^.*/', ''), '\.xml(#.*)?$', '')"/>
    <xsl:variable name="key" as="xs:string" select="replace($last, '^#', '')"/>
    <!-- no target names no text: a text without an xml:id has the key "" (probe 117: a
         correspContext ref of words alone linked the first such letter) -->
    <!-- a file of this edition named by a relative path is found by its file's name alone,
         as the build's links and the check's references find it (probe 174: letter-002.xml,
         renamed letter-02.xml, was linked by the xml:id its text kept, and warned of as
         shown without a link) -->
    <xsl:variable name="by-file" as="xs:boolean" select="matches($target, '\.xml(#.*)?$', 'i')
        and not(matches($target, '^[a-zA-Z][a-zA-Z0-9+.-]*:'))"/>
    <xsl:sequence select="($r:texts[?1 = $key], $r:texts[not($by-file)][?2 = ($key, $key || '.xml')])[1]
        [$key ne '']
        [not(matches($target, '^[a-zA-Z][a-zA-Z0-9+.-]*:'))
            or matches($target, '\.xml(#.*)?$', 'i')]"/>
  </xsl:function>

  <!-- Whether a document is a letter: a correspondence description (or the older sender,
       addressee ...) in its header, or a letter's opener, closer or salutation in its text.
       TEI/@prev and @next link any document to the one before and after it in a series (an
       issue of a newspaper, a part of a work: att.global.linking), which is no "letter"
       (probe 28: a newspaper's issues were "Previous letter" and "Next letter"). A letter's
       opener or closer counts where the text is that letter: in its body, or in the one
       division the body has; a magazine's issue printing a letter among its articles
       (probe 46: al-Zuhur's issues, an opener in two of their thirty articles) is no letter. -->
  <xsl:function name="r:is-letter" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="body" as="element()*" select="$tei/text/body"/>
    <xsl:variable name="divs" as="element()*" select="$body/*[r:is-div(.)]"/>
    <xsl:sequence select="exists(r:corresp-descs($tei))
        or exists($tei/teiHeader//(sender | addressee | dateSender | placeSender))
        or exists($body/(opener | closer | salute))
        or count($divs) eq 1 and exists($divs//(opener | closer | salute)[1])"/>
  </xsl:function>

  <xsl:function name="r:letter-context" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:for-each select="r:letter-neighbours($tei)">
      <xsl:variable name="text" as="array(xs:string*)?" select="r:text-of(?2)"/>
      <xsl:variable name="key" as="xs:string" select="if (?1 = ('correspondence', 'other'))
          then (if (?1 = 'other') then 'letter.related' else 'letter.correspondence')
          else (if (r:is-letter($tei)) then 'letter.' else 'sequence.')
              || (if (starts-with(?1, 'prev')) then 'previous' else 'next')"/>
      <!-- the link's rel says which way it leads for the one shown as the letter before or
           after; the others are links of no kind -->
      <xsl:variable name="rel" as="xs:string?" select="?1[. = ('prev', 'next')]"/>
      <xsl:variable name="label" as="xs:string"
          select="($text ! ?3, ?3[. != ''], ?2[matches(., '^https?://')][not(matches(., '\.xml$'))],
              replace(?2, '^.*/|\.xml$|^#', ''), ?2)[normalize-space()][1]"/>
      <li class="corresp-{?1}">
        <span class="meta-label">
          <xsl:sequence select="r:ui-words($tei)"/>
          <xsl:value-of select="r:msg($key)"/>
        </span>
        <xsl:text> </xsl:text>
        <xsl:choose>
          <xsl:when test="?6 != ''">
            <a href="{?6}">
              <xsl:if test="exists($rel)"><xsl:attribute name="rel" select="$rel"/></xsl:if>
              <xsl:value-of select="$label"/>
            </a>
          </xsl:when>
          <xsl:when test="exists($text)">
            <a href="{$text?1}.html">
              <xsl:if test="exists($rel)"><xsl:attribute name="rel" select="$rel"/></xsl:if>
              <xsl:value-of select="$label"/>
            </a>
          </xsl:when>
          <xsl:when test="exists(r:safe-url(?2)) and matches(?2, '^https?://')">
            <a href="{r:safe-url(?2)}" rel="external"><xsl:value-of select="$label"/></a>
          </xsl:when>
          <xsl:when test="exists(r:safe-url(?4)) and ?4 != ''">
            <a href="{r:safe-url(?4)}" rel="external"><xsl:value-of select="$label"/></a>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="$label"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="?5 != ''">
          <xsl:text> </xsl:text>
          <span class="corresp-kind">(<xsl:value-of select="?5"/>)</span>
        </xsl:if>
      </li>
    </xsl:for-each>
  </xsl:function>

  <!-- <link rel="prev|next"> for the page's head, to letters of this edition. -->
  <xsl:function name="r:letter-links" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:for-each select="r:letter-neighbours($tei)[?1 = ('prev', 'next')]">
      <xsl:variable name="text" as="array(xs:string*)?" select="r:text-of(?2)"/>
      <xsl:if test="exists($text)">
        <link rel="{?1}" href="{$text?1}.html"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

</xsl:stylesheet>

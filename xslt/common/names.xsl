<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates. A name the normalisation stage resolved (ed:entity, ed:kind) renders as a
  link to its entry in the index pages (persons.html#<entity>, places.html#, organisations.html#,
  entities.html#), with the mention's normalized xml:id as id and classes for its kind, followed
  by a button that opens the register entry in a popover (the HTML popover attribute: no
  script needed). A date links to its mention on timeline.html. Unresolved names are plain text
  with a class. Names nested in a name render inside the outer link, without a link of their
  own (HTML forbids a link in a link); their buttons follow the outer link.

  The popover cards (one per entity of a page) come from the registers parameter and are
  rendered at the end of the page by the template r:entity-cards; a card says the entry's
  relations in the words of the index pages (index/modules/page-facts.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="i18n.xsl"/>
  <xsl:import href="timeline.xsl"/>
  <!-- r:place-names, r:place-as-written, r:life-words: a life in words, as the index says it -->
  <xsl:import href="lives.xsl"/>
  <!-- r:pointer-id, r:relation-records -->
  <xsl:import href="relations.xsl"/>
  <!-- ed:relations-words: a card says an entry's relations as the index pages do -->
  <xsl:import href="../index/modules/page-facts.xsl"/>
  <xsl:import href="authorities.xsl"/>

  <xsl:variable name="r:kind-pages" as="map(xs:string, xs:string)" select="map {
      'person': 'persons.html', 'personGrp': 'persons.html', 'role': 'persons.html',
      'castItem': 'persons.html', 'place': 'places.html',
      'org': 'organisations.html', 'bibl': 'bibliography.html',
      'biblStruct': 'bibliography.html', 'biblFull': 'bibliography.html'}"/>
  <xsl:variable name="r:kind-labels" as="map(xs:string, xs:string)" select="map {
      'person': r:msg('card.person'), 'personGrp': r:msg('card.personGrp'),
      'role': r:msg('card.role'), 'castItem': r:msg('card.role'),
      'place': r:msg('card.place'), 'org': r:msg('card.org'), 'event': r:msg('card.event'),
      'object': r:msg('card.object'), 'nym': r:msg('card.nym'), 'bibl': r:msg('card.work'),
      'biblStruct': r:msg('card.work'), 'biblFull': r:msg('card.work')}"/>

  <!-- The works of a bibliography kept in a file of its own (pipeline/stages.py works):
       entries of the bibliography page, cited by a pointer's short form. -->
  <xsl:variable name="r:work-kinds" as="xs:string+" select="('bibl', 'biblStruct', 'biblFull')"/>

  <!-- The index page of an entity kind. -->
  <xsl:function name="r:index-page" as="xs:string">
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:sequence select="($r:kind-pages(string($kind)), 'entities.html')[1]"/>
  </xsl:function>

  <!-- Where the index lists the register entry $id of kind $kind, if it does (the EPUB
       overrides it: its own index.xhtml). -->
  <xsl:function name="r:entity-href" as="xs:string?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:sequence select="if (exists($registers)) then r:index-page($kind) || '#' || $id else ()"/>
  </xsl:function>

  <!-- The register entries a name points at: the first that resolved, then the others; the
       work of a bibliography file a pointer cites (r:cited-work), whose card it shows as a
       name shows its entry's. -->
  <xsl:function name="r:entities" as="xs:string*">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if ($name[self::ptr or self::ref or self::bibl])
        then r:cited-work($name) ! string(@xml:id)
        else $name/(@ed:entity ! string(.), tokenize(@ed:also))"/>
  </xsl:function>

  <!-- The work of a bibliography kept in a file of its own that a ptr or ref (its first
       target) or a short reference (bibl/@ref, @corresp) points at by file.xml#id, as
       r:pointed-entry reads it: a text's "#b1" is its own bibl, no work of the registers. -->
  <xsl:function name="r:cited-work" as="element()?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="($pointer/(self::ptr/@target, self::ref/@target, self::bibl/@ref,
            self::bibl/@corresp) ! tokenize(normalize-space(.))[1][matches(., '^[^#:]+\.xml#.')]
        ! r:entry(substring-after(., '#'))[local-name() = $r:work-kinds])[1]"/>
  </xsl:function>

  <!-- What a card and its button call an entry: a work by its short form ("Lettich 1983",
       as a pointer at it reads), anything else by its preferred name. -->
  <xsl:function name="r:entry-label" as="xs:string">
    <xsl:param name="entry" as="element()?"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:sequence select="if (local-name($entry) = $r:work-kinds) then r:entry-words($entry)
        else r:preferred-name($entry, $fallback)"/>
  </xsl:function>

  <!-- The kinds of register entries a relation's participant may be to have its name and
       link (as the book's index lists them). -->
  <xsl:variable name="r:relation-kinds" as="xs:string+"
      select="('person', 'personGrp', 'place', 'org', 'event', 'object', 'nym')"/>

  <!-- The relations of the registers the entry $id takes part in (common/relations.xsl),
       their entries named as the cards name them; the book's index asks it too. -->
  <xsl:function name="r:relations" as="element(ed:relation)*">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="r:relation-records($registers, $id,
        function ($pointer as xs:string) as element()? {
            r:pointer-id($pointer) ! r:entry(.)[local-name() = $r:relation-kinds] },
        function ($entry as element()) as xs:string {
            r:preferred-name($entry, string($entry/@xml:id)) })"/>
  </xsl:function>

  <!-- The other entry of a relation on a card: linked as the card's other links are
       (r:entity-href), else its name (page-facts.xsl's own links the index pages). -->
  <xsl:function name="ed:entry-link" as="node()">
    <xsl:param name="record" as="element()"/>
    <xsl:variable name="href" as="xs:string?"
        select="$record/@id ! r:entity-href(string(.), string($record/@type))"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a href="{$href}"><xsl:value-of select="$record"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$record"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The page of a published text a name's @ref points into, with its fragment; empty
       when the build names no such text (a book links to no other text). -->
  <xsl:function name="r:text-link" as="xs:string?">
    <xsl:param name="ref" as="attribute()?"/>
    <xsl:variable name="first" as="xs:string" select="string(tokenize(normalize-space($ref))[1])"/>
    <xsl:variable name="file" as="xs:string" select="substring-before($first, '#')"/>
    <xsl:sequence select="if ($file != '' and exists($r:linked) and map:contains($r:linked, $file))
        then r:href($first) else ()"/>
  </xsl:function>

  <xsl:function name="r:card-id" as="xs:string">
    <xsl:param name="entity" as="xs:string"/>
    <xsl:sequence select="'ed-card-' || $entity"/>
  </xsl:function>

  <!-- and a place named by its kind (a settlement, a country: TEI 13.2.3) that points at its
       entry, as a placeName does; one that points nowhere is words of a place (inline.xsl) -->
  <xsl:template match="persName | placeName | orgName | name | rs | geogName | objectName
      | eventName | (settlement | region | country | district | bloc)[@ref or @key]"
      mode="r:main" as="node()+">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:variable name="class" as="xs:string" select="string-join(distinct-values(('name',
        local-name(), (@ed:kind ! r:token-class('kind', .)), (if (@ed:unresolved = 'true')
        then (if (exists(r:text-link(@ref))) then 'elsewhere' else 'unresolved')
        else if (@ed:entity) then () else if (@ed:local) then 'local'
        else 'unkeyed'))), ' ')"/>
    <xsl:choose>
      <!-- a name at an element of its own text (a work's title at its bibl): a link there,
           which the page drops when the element is not shown (parts.without_dead_links) -->
      <xsl:when test="@ed:local and not(@ed:entity) and not($r:in-link)">
        <a href="#{@ed:local}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:when>
      <!-- a name at an element of another text of the edition (a work at its entry of a
           bibliography kept in a file of its own, works.xml#w1): a link to that text's
           page, as a ref's (probe 43); the build maps the file (pipeline/links.py) -->
      <xsl:when test="@ed:unresolved = 'true' and not($r:in-link)
          and exists(r:text-link(@ref))">
        <a href="{r:text-link(@ref)}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:when test="@ed:entity and not($r:in-link)">
        <a href="{r:index-page(@ed:kind)}#{@ed:entity}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="$class"/>
          </xsl:call-template>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
        <!-- a card for each entry it names (ref="#charles #henrietta": the link leads to
             the first, the second's button stays in view when script opens the first's) -->
        <!-- each named in the language the name stands in, when the register has a name
             of it (probe 165: the English column's buttons were "About" the Arabic name) -->
        <xsl:variable name="around" as="xs:string?"
            select="(ancestor::*[@xml:lang][1]/@xml:lang ! string(.))[1]"/>
        <xsl:for-each select="distinct-values(descendant-or-self::*/r:entities(.))">
          <xsl:call-template name="r:card-button">
            <xsl:with-param name="entity" select="."/>
            <xsl:with-param name="lang" select="$around"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="$class"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Lists of people, places, organisations, events, objects or names kept in a text among
       its prose (TEI 13.3, a "dramatis personae" of a letter edition's introduction, say): each
       entry with its name, linked to its index entry, and what its card shows. A file of such
       lists alone is a register, not a text (stages.lists_only), and never comes here. -->
  <xsl:template match="listPerson | listPlace | listOrg | listEvent | listObject | listNym"
      mode="r:main" as="element()*">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing">
        <!-- inside a line of text: the names only -->
        <span class="{local-name()} entity-list block">
          <xsl:for-each select=".//*[@xml:id][not(starts-with(local-name(), 'list'))]">
            <xsl:if test="position() gt 1">
              <xsl:text>; </xsl:text>
            </xsl:if>
            <span id="{@xml:id}" class="entry">
              <xsl:value-of select="r:preferred-name(., string(@xml:id))"/>
            </span>
          </xsl:for-each>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="head" mode="r:main"/>
        <ul>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="local-name() || ' entity-list'"/>
          </xsl:call-template>
          <xsl:for-each select="* except (head | desc | listRelation | relation | relationGrp)">
            <li>
              <xsl:choose>
                <xsl:when test="starts-with(local-name(), 'list')">
                  <xsl:apply-templates select="." mode="r:main"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="r:attributes">
                    <xsl:with-param name="class" select="'entry ' || local-name()"/>
                  </xsl:call-template>
                  <xsl:variable name="preferred" as="element()?"
                      select="r:preferred-name-element(.)"/>
                  <p class="entry-name">
                    <xsl:variable name="href" as="xs:string?" select="r:entry-href(.)"/>
                    <xsl:choose>
                      <xsl:when test="exists($href)">
                        <a href="{$href}">
                          <xsl:apply-templates select="$preferred/node()" mode="r:main">
                            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                            <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
                          </xsl:apply-templates>
                        </a>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:apply-templates select="$preferred/node()" mode="r:main">
                          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                        </xsl:apply-templates>
                      </xsl:otherwise>
                    </xsl:choose>
                  </p>
                  <!-- dates given by attributes only (<birth when="1791"/>) -->
                  <xsl:if test="empty((birth | death | floruit)[normalize-space()])">
                    <xsl:variable name="dates" as="node()*" select="r:entry-dates(.)"/>
                    <xsl:if test="exists($dates)">
                      <p class="card-dates"><xsl:sequence select="$dates"/></p>
                    </xsl:if>
                  </xsl:if>
                  <!-- everything else the entry says, in its words and in order -->
                  <!-- an object's identification (objectIdentifier: its name, which heads
                       the entry, an idno, a repository ...) its parts apart, the name once
                       (probe 90: "Mill Street BridgeNHLE 1234567" under "Mill Street
                       Bridge") -->
                  <xsl:for-each select="(* except ($preferred | idno))
                      [not(starts-with(local-name(), 'list'))][normalize-space()]
                      [not(self::objectIdentifier) or exists((* except $preferred)
                          [normalize-space()])]">
                    <p class="entry-field {local-name()}{if (self::note) then ' note-content'
                        else ''}">
                      <xsl:choose>
                        <xsl:when test="self::objectIdentifier">
                          <xsl:for-each select="(* except $preferred)[normalize-space()]">
                            <xsl:if test="position() gt 1">
                              <xsl:text>, </xsl:text>
                            </xsl:if>
                            <xsl:apply-templates select="." mode="r:main">
                              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                            </xsl:apply-templates>
                          </xsl:for-each>
                        </xsl:when>
                        <xsl:otherwise>
                          <xsl:apply-templates mode="r:main">
                            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                          </xsl:apply-templates>
                        </xsl:otherwise>
                      </xsl:choose>
                    </p>
                  </xsl:for-each>
                  <xsl:call-template name="r:authority-links"/>
                  <xsl:apply-templates select="*[starts-with(local-name(), 'list')]" mode="r:main"/>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a register entry kept in the text is listed in the index, if it is (the EPUB
       overrides it: its own index.xhtml). -->
  <xsl:function name="r:entry-href" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/@xml:id and exists($registers)
        and exists(key('r:entry', string($entry/@xml:id), $registers)))
        then r:index-page(local-name($entry)) || '#' || $entry/@xml:id else ()"/>
  </xsl:function>

  <!-- The button that opens an entity's card. -->
  <!-- Its name: the register's name in the language of the words the name stands in
       ($lang) when it has one, else the entry's preferred name. -->
  <xsl:template name="r:card-button" as="element()">
    <xsl:param name="entity" as="xs:string" required="yes"/>
    <xsl:param name="lang" as="xs:string?" select="()"/>
    <xsl:variable name="entry" as="element()?" select="r:entry($entity)"/>
    <xsl:variable name="own" as="element()?" select="$entry[not(local-name() = $r:work-kinds)]
        ! r:name-in(., $lang)"/>
    <button type="button" class="card-button" popovertarget="{r:card-id($entity)}"
        aria-label="{r:msg('card.about', if (exists($own)) then r:name-words($own)
            else r:entry-label($entry, $entity))}">
      <!-- its "i" is the style sheet's: no letter glued to the name in a copy or the index -->
    </button>
  </xsl:template>

  <!-- A register entry's name in the language $lang (its own or its list's xml:lang): one
       of the whole tag before one of its primary subtag alone (ar before ar-Latn), the
       preferred one first; none when no name is. -->
  <xsl:function name="r:name-in" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:variable name="names" as="element()*" select="$entry/(persName | placeName | orgName
        | name)[normalize-space()][exists($lang)][(ancestor-or-self::*[@xml:lang][1]/@xml:lang
            ! r:primary-subtag(.)) = r:primary-subtag(string($lang))]"/>
    <xsl:variable name="same" as="element()*" select="$names[lower-case(
        ancestor-or-self::*[@xml:lang][1]/@xml:lang) = lower-case(string($lang))]"/>
    <xsl:sequence select="($same[@type = 'preferred'], $same, $names[@type = 'preferred'],
        $names)[1]"/>
  </xsl:function>

  <xsl:function name="r:entry" as="element()?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (exists($registers)) then key('r:entry', $id, $registers)[1] else ()"/>
  </xsl:function>

  <!-- Cached: a page asks it for each name's card button and twice for each card (a text
       with 8,000 names of 4,000 entries: 1.4 s of its 2.4 s, its plain words read anew each
       time); the entry and its register do not change while a page is written. -->
  <xsl:function name="r:preferred-name" as="xs:string" cache="yes">
    <xsl:param name="entry" as="element()?"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:variable name="best" as="element()?" select="r:preferred-name-element($entry)"/>
    <xsl:sequence select="if (exists($best)) then r:name-words($best) else $fallback"/>
  </xsl:function>

  <!-- The words of a name: a name typed "full" beside its parts is the whole name (as the
       index reads it: index/modules/entries.xsl, ed:name-words), not "Vassio Vassio". -->
  <xsl:function name="r:name-words" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="fore" as="element()?" select="r:inverted-at($name)"/>
    <xsl:variable name="words" as="element()"
        select="($name/name[@type = 'full'][normalize-space()], $name)[1]"/>
    <xsl:sequence select="if (exists($fore))
        then string-join(($name/*[. &lt;&lt; $fore] ! r:plain(.))[. != ''], ' ') || ', '
            || string-join(($name/*[not(. &lt;&lt; $fore)] ! (if (self::addName)
                then r:plain(.)[. != ''] ! (if (matches(., '[\s\p{Zs}]')
                    and not(matches(., '^[(\[].*[)\]]$'))) then '(' || . || ')' else .)
                else r:plain(.)))[. != ''], ' ')
        else if (r:plain-name($words)) then normalize-space(string-join($words/node()
            ! (if (. instance of element()) then (if (preceding-sibling::node()[1] instance of
                element()) then ' ' else '') || string(.)
               else if (. instance of text()) then string(.) else '')))
        else r:plain($words)"/>
  </xsl:function>

  <!-- A register's person named surname first without a comma (<persName><surname>Bahr
       </surname><forename>Hermann</forename></persName>, as registers drawn from a
       prosopography write them, probe 43) read "Bahr Hermann", surname and forename run
       together; such a name is "Bahr, Hermann", as the book's index and every sort key
       already name it. Its first forename, where the comma goes before; nothing for a name
       written otherwise (forename first, a comma or words of its own between the parts, a
       name typed "full"). The index asks the same (index/modules/entries.xsl,
       ed:inverted-at). -->
  <xsl:function name="r:inverted-at" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="fore" as="element()?" select="$name/forename[1]"/>
    <xsl:sequence select="$fore[$name/self::persName][$name/*[. &lt;&lt; $fore]/self::surname]
        [empty($name/text()[normalize-space()])][empty($name/name[@type = 'full'])]
        [every $p in $name/*[. &lt;&lt; $fore] satisfies ($p/self::surname or $p/self::nameLink)]"/>
  </xsl:function>

  <!-- Whether a name is words and the parts of a name (forename, surname ...) holding words
       alone, whose plain words r:plain's templates give as above: its text and its parts' text,
       a space before a part that follows another. Read so, without r:plain's templates tried
       on each node (about 0.2 ms a name: 0.8 s of a page naming 4,000 entries). -->
  <xsl:function name="r:plain-name" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="exists($name[self::persName or self::placeName or self::orgName
            or self::name or self::objectName or self::eventName])
        and (every $part in $name/* satisfies exists($part[self::forename or self::surname
            or self::addName or self::genName or self::nameLink or self::roleName][empty(*)]))"/>
  </xsl:function>

  <xsl:function name="r:preferred-name-element" as="element()?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:variable name="names" as="element()*"
        select="$entry/(persName | placeName | orgName | name | objectName | eventName | label
                | form | head), $entry/self::object/objectIdentifier/objectName"/>
    <!-- a place named by its parts alone, by the most specific (as the index names it:
         index/modules/entries.xsl, ed:preferred-name-element) -->
    <xsl:variable name="parts" as="element()*" select="$entry/self::place
        ! (settlement, district, region, country, bloc)[normalize-space()]"/>
    <!-- a play's character is named by its role in the cast list (probe 67: a card said
         "jago", an id, and "Entity") -->
    <xsl:variable name="role" as="element()?"
        select="($entry/self::role, $entry/self::castItem/role)[normalize-space()][1]"/>
    <!-- a role's own words first: a name inside it ("<hi>Othello</hi>, the <persName>Moor
         </persName>") is a part of them (probe 69: "Moor") -->
    <xsl:sequence select="if (exists($role)) then $role
        else ($names[@type = 'preferred'], $names, $parts)[1]"/>
  </xsl:function>

  <!-- Dates in the text link to the timeline; @when becomes a machine-readable time. -->
  <xsl:template match="date" mode="r:main" as="node()+">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="r:word-space"/>
    <xsl:variable name="when" as="xs:string?"
        select="@when[matches(., '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')]"/>
    <xsl:variable name="time" as="element()">
      <xsl:element name="{if (exists($when)) then 'time' else 'span'}">
        <xsl:if test="exists($when)">
          <xsl:attribute name="datetime" select="$when"/>
        </xsl:if>
        <!-- a date of another calendar than @when's says which, on hover -->
        <xsl:for-each select="r:calendar-name(.)">
          <xsl:attribute name="title" select="r:msg('date.calendar', .)"/>
        </xsl:for-each>
        <xsl:if test="$r:in-link or not(r:links-to-timeline(.))">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'date'"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="r:date-content">
          <xsl:with-param name="r:in-link" select="true()" tunnel="yes"/>
        </xsl:call-template>
      </xsl:element>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="not($r:in-link) and r:links-to-timeline(.)">
        <a href="{r:date-href(.)}">
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'date'"/>
          </xsl:call-template>
          <xsl:sequence select="$time"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$time"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Whether a date has an entry on the timeline, where it links: a date of the text, or
       one of the description a catalogue record shows (marked by the normalisation stage). -->
  <xsl:function name="r:links-to-timeline" as="xs:boolean">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="exists($date/@xml:id) and (exists($date/ancestor::text)
        and r:on-timeline($date) or $date/@Q{urn:edition}timeline = 'true' and r:dated($date))"/>
  </xsl:function>

  <!-- A date's words; a date without any (<date when="1900-01-01"/>, as registers and
       bibliographies write them) says what its attributes say, in the interface's words. -->
  <xsl:template name="r:date-content" as="node()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:choose>
      <xsl:when test="normalize-space(.) or exists(descendant::*[not(self::note)])">
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <!-- in the interface's language, marked so inside a text of another (probe 147: a
             German letter's "14 February 1912" was marked German) -->
        <xsl:variable name="date" as="element()" select="."/>
        <xsl:for-each select="r:date-attribute-words(.)">
          <span class="date-supplied">
            <xsl:sequence select="r:ui-words($date)"/>
            <xsl:value-of select="."/>
          </span>
        </xsl:for-each>
        <xsl:apply-templates select="note" mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One popover card per entity named in $scope, sorted by entity id; $shared: the cards
       of a part of a text, taken from the text's cards made once ($r:shared-cards). -->
  <xsl:template name="r:entity-cards" as="element()?">
    <xsl:param name="scope" as="node()*" required="yes"/>
    <xsl:param name="shared" as="xs:boolean" select="false()"/>
    <xsl:variable name="ids" as="xs:string*"
        select="sort(distinct-values($scope/descendant-or-self::*/r:entities(.)))"/>
    <xsl:if test="exists($ids)">
      <div class="entity-cards">
        <!-- the cards' labels are the interface's words, and their entries the registers',
             not the words of a text in another language or direction -->
        <xsl:sequence select="($scope/ancestor-or-self::TEI)[1]
            ! r:ui-attributes(r:text-lang(.), r:text-dir(.))"/>
        <xsl:sequence select="if ($shared) then $ids ! ($r:shared-cards(.), r:card(.))[1]
            else $ids ! r:card(.)"/>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The cards of the entities a text split into parts (html/modules/parts.xsl) names, each
       made once: a part shows the card of every entity it names, and the parts of a
       newspaper or a letter book name the same people again and again (8,000 names of 4,000
       entries in 40 parts: 8,000 cards made, the card of each entity twice, a fifth of the
       page's time). A card depends on its entity alone: made in a function, it gets no
       tunnel parameter, and its templates read none. -->
  <xsl:variable name="r:shared-cards" as="map(xs:string, element())" select="map:merge(
      distinct-values(/descendant::*[self::text or self::sourceDoc or self::standOff]
          /descendant-or-self::*/r:entities(.)) ! map { .: r:card(.) })"/>

  <!-- The entity's id is the card's context, as it was in r:entity-cards' loop over the ids
       (a customised r:entity-card may read it). -->
  <xsl:function name="r:card" as="element()">
    <xsl:param name="entity" as="xs:string"/>
    <xsl:for-each select="$entity">
      <xsl:call-template name="r:entity-card">
        <xsl:with-param name="entity" select="$entity"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:function>

  <xsl:template name="r:entity-card" as="element()">
    <xsl:param name="entity" as="xs:string" required="yes"/>
    <xsl:variable name="entry" as="element()?" select="r:entry($entity)"/>
    <xsl:variable name="kind" as="xs:string" select="if ($entry) then local-name($entry) else ''"/>
    <xsl:variable name="id" as="xs:string" select="r:card-id($entity)"/>
    <xsl:variable name="name" as="xs:string" select="r:entry-label($entry, $entity)"/>
    <div id="{$id}" popover="" role="dialog" aria-labelledby="{$id}-title"
        class="entity-card {r:token-class('kind', $kind)}">
      <p class="card-kind">
        <xsl:value-of select="($r:kind-labels($kind), r:msg('card.entity'))[1]"/>
      </p>
      <p class="card-title" id="{$id}-title">
        <xsl:for-each select="r:lang(r:preferred-name-element($entry)/@xml:lang)">
          <xsl:attribute name="lang" select="."/>
        </xsl:for-each>
        <xsl:value-of select="$name"/>
      </p>
      <xsl:apply-templates select="$entry" mode="r:card"/>
      <!-- "Relations: parent of Anna Weber", the others linked to their index entries -->
      <xsl:variable name="relations" as="element(ed:relation)*"
          select="$entry/@xml:id ! r:relations(string(.))"/>
      <xsl:if test="exists($relations)">
        <p class="card-relations">
          <xsl:sequence select="ed:relations-words($relations, $name)"/>
        </p>
      </xsl:if>
      <p class="card-more">
        <a href="{r:index-page($kind)}#{$entity}"><xsl:value-of select="r:msg('card.entry')"/></a>
      </p>
      <button type="button" class="card-close" popovertarget="{$id}"
          popovertargetaction="hide"><xsl:value-of select="r:msg('card.close')"/></button>
    </div>
  </xsl:template>

  <!-- A work's card: its entry as the bibliography page gives it (biblio.xsl,
       r:work-citation); a bibl in an entry's note is the note's words (below), no work. -->
  <xsl:template match="(bibl | biblStruct | biblFull)[parent::listBibl]" mode="r:card"
      as="element()" priority="1">
    <div class="card-citation">
      <xsl:sequence select="r:work-citation(.)"/>
    </div>
  </xsl:template>

  <!-- The register entry's details: other names, dates, note, authority links. -->
  <xsl:template match="*" mode="r:card" as="element()*">
    <!-- the names of an event's or an object's place and people are not its own -->
    <!-- nor an organisation's (its placeName says where it sits: probe 152) -->
    <xsl:variable name="names" as="element()*" select="if (self::event or self::object)
        then (name | objectName | eventName) else if (self::org) then (orgName | name)
        else (persName | placeName | orgName | name | objectName | eventName)"/>
    <xsl:variable name="preferred" as="element()?" select="($names[@type = 'preferred'], $names)[1]"/>
    <!-- a web address kept as a name (a merged entry's, placeName type="legacy-uri-merge")
         names nothing (probe 24), as in the index's other names -->
    <xsl:variable name="entry" as="element()" select="."/>
    <xsl:variable name="other-names" as="element()*" select="($names except $preferred)
        [r:name-words(.) != ($preferred ! r:name-words(.))]
        [not(matches(r:name-words(.), '^https?://\S+$'))]"/>
    <xsl:variable name="others" as="element()*" select="for $words in distinct-values(
        $other-names ! r:name-words(.)) return $other-names[r:name-words(.) = $words][1]"/>
    <xsl:if test="exists($others)">
      <!-- each name apart in its language and direction (bdi): a Hebrew and an Arabic name
           in an English card ran together right to left, the second read first (probe 102) -->
      <xsl:variable name="around" as="xs:string*"
          select="tokenize(r:msg('card.also', '&#xE000;'), '&#xE000;')"/>
      <p class="card-also">
        <xsl:value-of select="$around[1]"/>
        <xsl:for-each select="$others">
          <xsl:if test="position() gt 1">
            <xsl:text>; </xsl:text>
          </xsl:if>
          <bdi>
            <!-- its language, else its entry's (a person of xml:lang="he": probe 103); the
                 nearest (probe 178: "(., ancestor::*)[last()]" took the entry's, a sequence
                 of the name first and its ancestors after it, "Eliezer Ben-Yehuda" marked
                 Hebrew) -->
            <xsl:for-each select="ancestor-or-self::*[@xml:lang][not(. &lt;&lt; $entry)][1]
                /@xml:lang[exists(r:lang(.))]">
              <xsl:attribute name="lang" select="r:lang(.)"/>
            </xsl:for-each>
            <xsl:value-of select="r:name-words(.)"/>
          </bdi>
        </xsl:for-each>
        <xsl:value-of select="$around[2]"/>
      </p>
    </xsl:if>
    <xsl:variable name="dates" as="node()*" select="r:entry-dates(.)"/>
    <xsl:if test="exists($dates)">
      <p class="card-dates">
        <xsl:sequence select="$dates"/>
      </p>
    </xsl:if>
    <!-- what the person was and did, as the index pages say it ("Occupation: lawyer;
         teacher"), in words: an affiliation of no words by its organisation's name -->
    <xsl:for-each-group select="(self::person | self::personGrp)/(occupation | affiliation
        | residence | education | faith | nationality | socecStatus | event)"
        group-by="local-name()">
      <!-- its words without its notes, as the index says it (probe 63: "lawyerA note ...") -->
      <xsl:variable name="words" as="xs:string*" select="current-group() ! (
          r:trait-blocks(., r:card-words#1)[. != ''], r:card-words(.)[. != ''],
          (tokenize(normalize-space(@ref)) ! r:pointer-id(.) ! r:entry(.))[1]
              ! r:preferred-name(., ''))[. != ''][1]"/>
      <xsl:if test="exists($words)">
        <p class="card-trait">
          <xsl:value-of select="r:msg('index.trait.' || current-grouping-key(),
              string-join($words, '; '))"/>
        </p>
      </xsl:if>
    </xsl:for-each-group>
    <xsl:for-each select="note">
      <p class="card-note">
        <xsl:apply-templates mode="r:card"/>
      </p>
    </xsl:for-each>
    <!-- a character's description in the cast list ("their captain") -->
    <xsl:for-each select="(self::role/.., self::castItem)/roleDesc[normalize-space()]">
      <p class="card-note">
        <xsl:apply-templates mode="r:card"/>
      </p>
    </xsl:for-each>
    <xsl:call-template name="r:authority-links"/>
  </xsl:template>

  <!-- A register entry's links to authority files (its idno), as a list, if it has any. -->
  <xsl:template name="r:authority-links" as="element()?">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="links" as="element()*">
      <xsl:apply-templates select="idno" mode="r:authority"/>
    </xsl:variable>
    <xsl:if test="exists($links)">
      <ul class="card-links">
        <xsl:for-each select="$links">
          <li><xsl:sequence select="."/></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- Inside a card's note or a character's description: the words, with emphasis kept
       (probe 69: a name in a roleDesc, "wife to <name>Othello</name>", was taken for an
       entry and said nothing). -->
  <!-- A line break and the end of a paragraph are spaces (probe 130: "Para one.Para two.",
       "Linebreak"); a word of another language says which. -->
  <xsl:template match="note//* | roleDesc//*" mode="r:card" as="node()*">
    <xsl:choose>
      <xsl:when test="self::lb">
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:when test="self::p or self::ab">
        <xsl:apply-templates mode="r:card"/>
        <xsl:if test="following-sibling::*"><xsl:text> </xsl:text></xsl:if>
      </xsl:when>
      <xsl:when test="self::hi or self::emph or self::foreign or self::title">
        <em>
          <xsl:for-each select="@xml:lang[exists(r:lang(.))]">
            <xsl:attribute name="lang" select="r:lang(.)"/>
          </xsl:for-each>
          <xsl:apply-templates mode="r:card"/>
        </em>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="r:card"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a card says of an entry's dates: its birth and death with their places ("2 March
       1850, Leipzig – between 1900 and 1910, Bonn"; "1819–1896" when no place is given), its
       floruit, its own dates (an event's: r:date-attribute-words), its coordinates; "; "
       between them. A place of the registers links to its entry. -->
  <xsl:function name="r:entry-dates" as="node()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="birth" as="node()*" select="$e/birth[1] ! r:life-part(.)"/>
    <xsl:variable name="death" as="node()*" select="$e/death[1] ! r:life-part(.)"/>
    <!-- a dash set off by spaces between parts of several words ("2 March 1850, Leipzig –
         1910", "between 1 and 31 December 1815 – 1852"), as the index pages write a life;
         "1819–1896" closed (probe 60: "...31. Dezember 1815–27. November 1852") -->
    <xsl:variable name="placed" as="xs:boolean"
        select="exists(($e/birth[1], $e/death[1]) ! (r:life-places(.), r:life-said(.)))
            or contains(string-join(($birth, $death) ! string(.)), ' ')"/>
    <xsl:variable name="parts" as="array(node()*)*">
      <xsl:if test="exists($birth) or exists($death)">
        <xsl:variable name="life" as="node()*">
          <xsl:sequence select="if (exists($birth)) then $birth else r:text('?')"/>
          <xsl:sequence select="r:text(if ($placed) then ' – ' else '–')"/>
          <xsl:sequence select="$death"/>
        </xsl:variable>
        <xsl:sequence select="[$life]"/>
      </xsl:if>
      <xsl:sequence select="$e/floruit ! r:date-of(.) ! [r:text(r:msg('date.floruit', .))]"/>
      <xsl:sequence select="r:date-attribute-words($e) ! [r:text(.)]"/>
      <xsl:sequence select="($e/location[r:own-location(.)]/geo)[1] ! [r:text(r:coordinates(.))]"/>
    </xsl:variable>
    <xsl:for-each select="$parts">
      <xsl:if test="position() gt 1">
        <xsl:sequence select="r:text('; ')"/>
      </xsl:if>
      <xsl:sequence select="?*"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="r:text" as="text()">
    <xsl:param name="words" as="xs:string"/>
    <xsl:value-of select="$words"/>
  </xsl:function>

  <!-- A birth or death: when (the words its attributes say, else as written) and where. -->
  <xsl:function name="r:life-part" as="node()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="date" as="xs:string?" select="r:date-of($e)"/>
    <xsl:variable name="places" as="node()*">
      <xsl:for-each select="r:life-places($e)">
        <xsl:if test="position() gt 1">
          <xsl:text>; </xsl:text>
        </xsl:if>
        <xsl:variable name="href" as="xs:string?"
            select="@xml:id ! r:entity-href(string(.), local-name(..))"/>
        <xsl:choose>
          <xsl:when test="@xml:id and exists($href)">
            <a href="{$href}"><xsl:value-of select="r:preferred-name(., string(@xml:id))"/></a>
          </xsl:when>
          <xsl:when test="@xml:id">
            <xsl:value-of select="r:preferred-name(., string(@xml:id))"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="r:place-as-written(.)"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <!-- or the words beside its dated attributes ("Estagel"), as the index says them -->
    <xsl:variable name="said" as="xs:string?" select="if (exists($places)) then ()
        else r:life-said($e)"/>
    <xsl:sequence select="($date ! r:text(.), (if (exists($date) and exists($places))
        then r:text(', ') else ()), $places, $said ! r:text(', ' || .))"/>
  </xsl:function>

  <!-- Where a birth or death took place: the register's places its @ref names, else the
       outermost names of places it holds, each the register's place its @ref names when it
       names one (an entry), else itself (its words). -->
  <xsl:function name="r:life-places" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="pointed" as="element()*"
        select="tokenize(normalize-space($e/@ref)) ! r:pointed-place(.)"/>
    <xsl:sequence select="if (exists($pointed)) then $pointed
        else $e/descendant::*[local-name() = $r:place-names]
            [empty(ancestor::*[local-name() = ($r:place-names, 'note')]
                intersect $e/descendant::*)]
            ! (tokenize(normalize-space(@ref)) ! r:pointed-place(.), .)[1]"/>
  </xsl:function>

  <xsl:function name="r:pointed-place" as="element()?">
    <xsl:param name="token" as="xs:string"/>
    <xsl:sequence select="r:pointer-id($token) ! r:entry(.)[self::place]"/>
  </xsl:function>

  <!-- When a birth, death or floruit was: what its attributes (or its date's) say, in words
       of the interface, else its words that name no place, else the century or decade a date
       of no other words says by its number (DISCO's <date type="century">18</date>). The
       index reads it alike (index/modules/facts.xsl). -->
  <xsl:function name="r:date-of" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="dated" as="element()?" select="($e, $e/date)
        [exists(@*[matches(local-name(), '^(when|notBefore|notAfter|from|to)(-iso)?$')]
            [normalize-space()][not(ends-with(local-name(), '-iso')
                and starts-with(normalize-space(.), '-'))])][1]"/>
    <xsl:variable name="words" as="xs:string" select="r:life-words($e)"/>
    <xsl:sequence select="($dated ! r:date-attribute-words(.), $words[. != ''],
        ($e/date ! r:period(.) ! r:period-words(.))[1])[1]"/>
  </xsl:function>

  <!-- "Coordinates: 51.028, 4.481" from a geo of two numbers; another form as written. The
       entry's first geo, the one its point on the map and entities.csv have (the index's
       ed:coordinates): a register that gives each place the coordinates of the places it
       lies in as well (the Schnitzler letters' location type="located_in_place") listed
       them all as its own, "Coordinates: 48,2012, 16,37188; Coordinates: 48,20769, ...";
       and numbers with decimal commas, which a comma then separated, read as four
       (probe 24): they are written with points, as the index writes them. -->
  <xsl:function name="r:coordinates" as="xs:string">
    <xsl:param name="geo" as="element()"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space($geo)"/>
    <!-- the numbers as the index reads them (index/modules/entries.xsl, ed:coordinates):
         "51.028;4.481" and "51.028 ,4.481" were shown as written, or as ",4.481" -->
    <xsl:variable name="parts" as="xs:string*" select="
        if (matches($text, '^[-+]?[0-9]+,[0-9]+\s*[ ;]\s*[-+]?[0-9]+,[0-9]+$'))
        then tokenize(translate($text, ',', '.'), '[ ;]+')
        else tokenize($text, '[ ,;]+')[. != '']"/>
    <!-- a geo its geoDecl declares "long lat" in the text itself (a register's copy was put
         in that order when the lists were read: pipeline/stages.py, geo_as_lat_long) -->
    <xsl:variable name="decls" as="element()*" select="root($geo)//teiHeader//geoDecl"/>
    <xsl:variable name="named" as="xs:string*" select="tokenize($geo/@decls) ! replace(., '^#', '')"/>
    <xsl:variable name="decl" as="element()?" select="if (exists($named))
        then $decls[@xml:id = $named][1] else ($decls[@default = 'true'], $decls[count($decls) = 1])[1]"/>
    <xsl:variable name="swapped" as="xs:boolean"
        select="matches(normalize-space(lower-case(string($decl))), '^(long|lng|lon )')"/>
    <xsl:sequence select="if (count($parts) = 2) then r:msg('index.coordinates',
        if ($swapped) then reverse($parts) else $parts) else $text"/>
  </xsl:function>

  <!-- idno -> a link to the authority file (allow-listed URL), or nothing. -->
  <xsl:mode name="r:authority" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:template match="idno" mode="r:authority" as="element()?">
    <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space(@type))"/>
    <xsl:variable name="value" as="xs:string" select="normalize-space(.)"/>
    <xsl:variable name="key" as="xs:string" select="normalize-space(replace($value, '^.*[/:]', ''))"/>
    <!-- the address the index gives it (authorities.xsl): an identifier that cannot be its
         authority's ("Q31x") is linked nowhere, where the card linked wikidata.org/wiki/Q31x
         and the index did not (probe 141); the build tells it, index.bad-authority -->
    <xsl:variable name="url" as="xs:string?" select="r:safe-url(ed:authority-url(.))"/>
    <xsl:variable name="label" as="xs:string" select="
        if ($type = 'wikidata') then 'Wikidata ' || $key
        else if ($type = 'viaf') then 'VIAF ' || $key
        else if ($type = 'geonames') then 'GeoNames ' || $key
        else if ($type = 'gnd') then 'GND ' || $key
        else $value"/>
    <xsl:if test="exists($url) and matches($url, '^https?://')">
      <a href="{$url}" rel="external"><xsl:value-of select="$label"/></a>
    </xsl:if>
  </xsl:template>

  <!-- A block's words on a card, its notes left out. -->
  <xsl:function name="r:card-words" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($e/descendant::text()[empty(ancestor::note
        intersect $e/descendant::note)]))"/>
  </xsl:function>

</xsl:stylesheet>

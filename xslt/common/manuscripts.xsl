<?xml version="1.0" encoding="UTF-8"?>
<!--
  Manuscript description (TEI Guidelines ch. 10, MS): msDesc as a structured, labelled
  description.

    heading      the shelfmark (settlement, repository, collection, idno; else msName)
    identifier   country, place, repository, collection, shelfmark, other identifiers
    head         the catalogue's summary (notes, relations' descriptions)
    contents     language, summary, msItem as a numbered list: locus, author, title, then
                 rubric, incipit, explicit, final rubric, colophon, filiation, notes ...
    physical     prose, then form, material, extent, dimensions, foliation, collation,
                 condition, layout, hands, decoration, additions, binding, seals ...
    history      origin (date, place), provenance, acquisition
    additional   record history, availability, surrogates, bibliography
    msPart, msFrag  a section each ("Part 1"), with the same structure

  Every child is shown: one the list above does not name is labelled with its element name in
  words; empty ones (templates left unfilled) are left out. Headings start at $r:level (a
  tunnel parameter: 2 on a reading page, deeper where the caller has headings above).

  A text is a catalogue record (r:catalogue-record) when its header describes a manuscript and
  its body holds no text outside references: the reading page then shows the description as
  the text (the about page shows a link to it); otherwise the description is on the about page.
  The images of pages without transcription (a facsimile, a sourceDoc's surfaces) are no text:
  the record of a manuscript with its photographs shows its description, then the pages (probe
  15: a Genizah record was 24 "Page" headings, its description on the about page alone).
  pipeline/builders/html.py applies the same rule for the about page, which sees headers only.
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
  <xsl:import href="i18n.xsl"/>

  <xsl:function name="r:catalogue-record" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <!-- a documentary transcription (sourceDoc) is its text, and has words -->
    <!-- an anthology's texts are its words (probe 69) -->
    <xsl:variable name="body" as="element()?"
        select="($tei/text/body, $tei/text/group, $tei/sourceDoc)[1]"/>
    <xsl:sequence select="exists($tei/teiHeader/fileDesc/sourceDesc//msDesc)
        and empty($body//text()[normalize-space()][not(ancestor::ref or ancestor::ptr
            or ancestor::desc[parent::surface or parent::graphic])])
        and empty($body//(figure | graphic[not(parent::surface)][normalize-space(@url)] | media
            | formula | table))"/>
  </xsl:function>

  <!-- The descriptions a catalogue record shows as its text, and another text beside it
       (pipeline/records.py shown_descriptions): a witness's description there is its list of
       witnesses', shown with the apparatus (apparatus.xsl r:witnesses), when it is shown. -->
  <xsl:function name="r:record-descriptions" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="all" as="element()*"
        select="$tei/teiHeader/fileDesc/sourceDesc//msDesc[not(ancestor::msDesc)]"/>
    <xsl:sequence select="if (empty($all) or r:catalogue-record($tei)
        or not(r:shows-witnesses($tei))) then $all else $all[not(ancestor::listWit)]"/>
  </xsl:function>

  <!-- The descriptions a reading page shows (its context item a TEI): a catalogue record's as
       its text; another text's (a transcription's) in a section one opens before the text,
       its names links as the text's are (probe 65: they were on the about page alone, and a
       transcription's book never said which manuscript it transcribes). $collapsed: a
       details element (a web page), else a section under a heading (a book). -->
  <xsl:template name="r:shown-descriptions" as="element()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="collapsed" as="xs:boolean" select="true()"/>
    <xsl:param name="r:level" as="xs:integer" tunnel="yes" select="2"/>
    <xsl:variable name="shown" as="element()*" select="r:record-descriptions(.)"/>
    <xsl:choose>
      <xsl:when test="empty($shown)"/>
      <xsl:when test="r:catalogue-record(.)">
        <xsl:apply-templates select="$shown" mode="r:main"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- the heading in the interface's words, beside a text in another language; the
             description in the language its header gives it (probe 69: an English
             description of an Arabic text was marked Arabic, right to left, by the text's
             root) -->
        <xsl:variable name="lang" as="attribute()*"
            select="r:ui-attributes(r:text-lang(.), r:text-dir(.))"/>
        <xsl:variable name="declared" as="xs:string?"
            select="($shown[1]/ancestor-or-self::*/@xml:lang)[last()] ! r:lang(.)"/>
        <!-- a description of no declared language is the text's only when its words are
             written in the direction of the text's (probe 171: an English description of a
             Syriac text was marked Syriac and set right to left, labels and all) -->
        <xsl:variable name="written" as="xs:string" select="if (exists($declared)) then ''
            else r:script-dir(($shown//text()[normalize-space()])[position() le 200])"/>
        <xsl:variable name="said" as="xs:string?" select="($declared,
            r:text-lang(.)[$written = r:text-dir(current())])[1]"/>
        <!-- one description without a shelfmark would repeat the summary's heading as its own
             (probe 70: "Manuscript description" twice): its parts come under the summary -->
        <xsl:variable name="headless" as="xs:boolean"
            select="count($shown) eq 1 and r:shelfmark($shown) = ''"/>
        <xsl:variable name="words" as="element()">
          <!-- else in the interface's language, in the direction of its script -->
          <div class="ms-described-body">
            <xsl:choose>
              <xsl:when test="exists($said)">
                <xsl:attribute name="lang" select="$said"/>
                <xsl:attribute name="dir" select="(r:lang-dir($said), 'ltr')[1]"/>
              </xsl:when>
              <xsl:when test="$written != ''">
                <xsl:attribute name="dir" select="$written"/>
              </xsl:when>
            </xsl:choose>
            <xsl:apply-templates select="$shown" mode="r:main">
              <xsl:with-param name="r:level" select="$r:level + 1" tunnel="yes"/>
              <xsl:with-param name="r:headless" select="$headless" tunnel="yes"/>
            </xsl:apply-templates>
          </div>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$collapsed">
            <!-- the heading in the summary: the description's headings come under it -->
            <details class="ms-described" id="ed-ms-described">
              <xsl:sequence select="$lang"/>
              <summary>
                <xsl:element name="h{min(($r:level, 6))}">
                  <xsl:attribute name="class" select="'ms-described-title'"/>
                  <xsl:value-of select="r:msg('ms.msDesc')"/>
                </xsl:element>
              </summary>
              <xsl:sequence select="$words"/>
            </details>
          </xsl:when>
          <xsl:otherwise>
            <section class="ms-described" id="ed-ms-described" aria-labelledby="ed-ms-described-title">
              <xsl:sequence select="$lang"/>
              <xsl:element name="h{min(($r:level, 6))}">
                <xsl:attribute name="id" select="'ed-ms-described-title'"/>
                <xsl:value-of select="r:msg('ms.msDesc')"/>
              </xsl:element>
              <xsl:sequence select="$words"/>
            </section>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- False for the empty templates some catalogues leave in place. A form or a material
       named by its attribute alone (<objectDesc form="fragment"/>) is content: it was left
       out with the physical description that held nothing else (probe 35). -->
  <xsl:function name="r:has-content" as="xs:boolean">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="normalize-space($e) != '' or exists($e/descendant-or-self::*[self::graphic
        or self::ptr[@target] or self::locus[exists(r:locus-bounds(.))] or self::textLang[normalize-space(@mainLang)]
        or self::handNote[@scope = ('sole', 'major', 'minor') or normalize-space(@script)
            or @xml:id]
        or self::origDate[exists(r:origin-date-words(.))]
        or (self::height | self::width | self::depth | self::dim)[r:dimension-value(.) != '']
        or self::measure[normalize-space(@quantity)]
        or self::objectDesc[normalize-space(@form)] or self::supportDesc[normalize-space(@material)]
        or self::layout[exists((
            r:layout-count(@columns, 'ms.column', 'ms.columns'),
            r:layout-count(@writtenLines, 'ms.line', 'ms.lines')))]])"/>
  </xsl:function>

  <!-- "London, British Library, Add. 14,683". -->
  <!-- The types of idno that name a shelfmark, in the words catalogues use. -->
  <xsl:variable name="r:shelfmark-types" as="xs:string"
      select="'shelf|signatur|cote|segnatura|signatura|call|press'"/>

  <xsl:function name="r:shelfmark" as="xs:string">
    <xsl:param name="ms" as="element()"/>
    <xsl:variable name="id" as="element()?" select="$ms/msIdentifier"/>
    <xsl:variable name="idno" as="element()?" select="r:shelfmark-idno($ms)"/>
    <xsl:variable name="parts" as="xs:string*"
        select="($id/(settlement, repository), $idno) ! r:plain(.)[. != '']"/>
    <xsl:variable name="name" as="xs:string?" select="($id/msName)[1] ! r:plain(.)"/>
    <xsl:sequence select="string-join((string-join($parts, ', ')[. != ''], $name[. != '']), ' — ')"/>
  </xsl:function>

  <!-- The idno a description's shelfmark gives: an idno untyped or typed as one, else
       another identifier typed as one, else an idno that is not a URI, else the first idno. -->
  <xsl:function name="r:shelfmark-idno" as="element()?">
    <xsl:param name="ms" as="element()"/>
    <xsl:variable name="id" as="element()?" select="$ms/msIdentifier"/>
    <xsl:sequence select="($id/idno[not(normalize-space(@type))
        or matches(@type, $r:shelfmark-types, 'i')], $id/altIdentifier/idno[matches(@type,
        $r:shelfmark-types, 'i')], $id/idno[not(lower-case(@type) = ('uri', 'url'))], $id/idno,
        $id/altIdentifier/idno)[1]"/>
  </xsl:function>

  <xsl:template match="msDesc | msPart | msFrag" mode="r:main" as="element()">
    <xsl:param name="r:level" as="xs:integer" tunnel="yes" select="2"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- r:headless: a description under a heading that already names it (r:shown-descriptions) -->
    <xsl:param name="r:headless" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="shelfmark" as="xs:string" select="r:shelfmark(.)"/>
    <xsl:variable name="number" as="xs:string" select="(@n, string(count(preceding-sibling::*
        [name() = name(current())]) + 1))[1]"/>
    <!-- a part whose only identifier is its number (manuscripta.se's <idno
         type="codicologicalUnit">1</idno>) is "Part 1", not "Part 1: 1" (probe 35) -->
    <xsl:variable name="label" as="xs:string" select="
        if (self::msDesc) then ($shelfmark[. != ''], r:msg('ms.msDesc'))[1]
        else string-join((r:msg('ms.' || local-name(), $number),
            $shelfmark[. != ''][. != normalize-space($number)]), ': ')"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'section'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'msDesc ms-' || local-name()
            || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:variable name="headless" as="xs:boolean" select="$r:headless and self::msDesc"/>
      <xsl:if test="not($headless)">
        <xsl:call-template name="r:ms-heading">
          <xsl:with-param name="text" select="$label"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates select="*" mode="r:ms">
        <xsl:with-param name="r:level" select="if ($headless) then $r:level else $r:level + 1"
            tunnel="yes"/>
        <xsl:with-param name="r:headless" select="false()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template name="r:ms-heading" as="element()">
    <xsl:param name="text" as="xs:string" required="yes"/>
    <xsl:param name="r:level" as="xs:integer" tunnel="yes" select="2"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'h' || min(($r:level, 6))}">
      <xsl:attribute name="class" select="'ms-heading' || (if ($r:phrasing) then ' block' else '')"/>
      <xsl:value-of select="$text"/>
    </xsl:element>
  </xsl:template>

  <!-- What kind of identifier an idno is, in brackets: its type and the subtype that names
       the register it belongs to (<idno type="id" subtype="diktyon">, manuscripta.se: the
       number's database was named nowhere, "Other identifier (id)", probe 35). -->
  <xsl:function name="r:id-kind" as="xs:string">
    <!-- the first: an altIdentifier holds one idno -->
    <xsl:param name="idno" as="element()*"/>
    <xsl:variable name="kinds" as="xs:string*"
        select="$idno[1]/(@type, @subtype) ! r:ms-words(.)[. != '']"/>
    <xsl:sequence select="if (exists($kinds)) then ' (' || string-join($kinds, ', ') || ')' else ''"/>
  </xsl:function>

  <!-- ... of an altIdentifier: its own type first (a former shelfmark, altIdentifier
       type="former", was "Other identifier" alone: probe 157), then its idno's. -->
  <xsl:function name="r:alt-kind" as="xs:string">
    <xsl:param name="alt" as="element()"/>
    <xsl:variable name="kinds" as="xs:string*" select="distinct-values(($alt/@type,
        $alt/idno[1]/(@type, @subtype)) ! r:ms-words(.)[. != ''])"/>
    <xsl:sequence select="if (exists($kinds)) then ' (' || string-join($kinds, ', ') || ')' else ''"/>
  </xsl:function>

  <xsl:mode name="r:ms" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The identifier as a list of labelled fields. -->
  <xsl:template match="msIdentifier" mode="r:ms" as="element()?">
    <!-- (a part's or a fragment's identifier its heading gives, "Part 1: Part B", is not
         given again as a field: probe 157) -->
    <xsl:variable name="headed" as="element()?" select="(..[self::msPart or self::msFrag]
        ! r:shelfmark-idno(.))[self::idno][parent::msIdentifier]"/>
    <xsl:variable name="fields" as="element()*" select="*[r:has-content(.)] except $headed"/>
    <xsl:if test="exists($fields)">
      <dl class="ms-fields ms-identifier">
        <xsl:for-each select="$fields">
          <xsl:call-template name="r:ms-field">
            <xsl:with-param name="label" select="
                if (self::idno and @type = ('URI', 'URL', 'uri', 'url')) then r:msg('ms.uri')
                (: an idno of another type than a shelfmark (a catalogue number, a persistent
                   identifier, ieArk) is no shelfmark :)
                else if (self::idno[normalize-space(@type)][not(matches(@type,
                    $r:shelfmark-types, 'i'))])
                    then r:msg('ms.altIdentifier') || r:id-kind(.)
                (: a second idno typed by its subtype alone (probe 18: the Bullinger letters'
                   subtype Hinweis, a note, and Ära, a century) is no second shelfmark :)
                else if (self::idno[not(normalize-space(@type))][normalize-space(@subtype)]
                    [preceding-sibling::idno][not(matches(@subtype, $r:shelfmark-types, 'i'))])
                    then r:msg('ms.altIdentifier') || r:id-kind(.)
                else if (self::altIdentifier) then r:msg('ms.altIdentifier') || r:alt-kind(.)
                else r:ms-label(.)"/>
            <xsl:with-param name="content" select="if (self::altIdentifier) then . else node()"/>
          </xsl:call-template>
        </xsl:for-each>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- The catalogue's head: its words, notes and relations, as paragraphs. -->
  <xsl:template match="msDesc/head | msPart/head | msFrag/head" mode="r:ms" as="element()*">
    <xsl:choose>
      <xsl:when test="note | listRelation | p | ab">
        <xsl:for-each select="note | listRelation | p | ab">
          <xsl:choose>
            <xsl:when test="self::listRelation">
              <xsl:apply-templates select="." mode="r:main"/>
            </xsl:when>
            <xsl:otherwise>
              <p class="ms-head">
                <xsl:apply-templates mode="r:main">
                  <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </p>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="r:has-content(.)">
        <p class="ms-head">
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The main areas: a subsection with a heading, prose, then labelled fields. -->
  <xsl:template match="msContents | physDesc | history | additional" mode="r:ms" as="element()?">
    <xsl:if test="r:has-content(.)">
      <section class="ms-{local-name()}">
        <xsl:call-template name="r:ms-heading">
          <xsl:with-param name="text" select="r:ms-label(.)"/>
        </xsl:call-template>
        <xsl:apply-templates select="p | ab" mode="r:main"/>
        <xsl:variable name="fields" as="node()*" select="r:ms-fields(*)"/>
        <xsl:if test="exists($fields[not(self::msItem or self::msItemStruct)])">
          <dl class="ms-fields">
            <xsl:apply-templates select="$fields[not(self::msItem or self::msItemStruct)]" mode="r:ms-field"/>
          </dl>
        </xsl:if>
        <xsl:if test="msItem | msItemStruct">
          <ol class="msItems">
            <xsl:apply-templates select="msItem | msItemStruct" mode="r:ms"/>
          </ol>
        </xsl:if>
        <!-- who described this area (physDesc resp="#PA"), after its words -->
        <xsl:call-template name="r:note-resp">
          <xsl:with-param name="block" select="true()"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Containers whose children are fields of the area above (objectDesc holds supportDesc
       and layoutDesc; supportDesc holds support, extent, collation ...). -->
  <!-- An origin of prose around its place and date ("Written at <origPlace> in the
       <origDate>, probably by a monk") is one field, its words kept: unpacked into its place
       and date, "Written at" and "probably by a monk" were lost (probe 82). Punctuation alone
       between them ("<origDate/> (<origDate/>), <origPlace/>") is no prose: a field each. -->
  <xsl:function name="r:ms-fields" as="node()*">
    <xsl:param name="children" as="element()*"/>
    <xsl:for-each select="$children[not(self::p or self::ab)][r:has-content(.)]">
      <xsl:choose>
        <xsl:when test="self::objectDesc or self::supportDesc or self::layoutDesc or self::adminInfo
            or self::recordHist[empty(p | ab)]
            or self::origin[empty(p | ab) and count(*) gt 1 and not(text()[matches(., '[\p{L}\p{N}]')])]">
          <xsl:sequence select="@form | @material, r:ms-fields(*), p[r:has-content(.)]"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <xsl:mode name="r:ms-field" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="*" mode="r:ms-field" as="element()+">
    <xsl:call-template name="r:ms-field">
      <!-- a paragraph of a container r:ms-fields opens is labelled by that container: the
           Cavriana letters' <layoutDesc><p>Single column ...</p></layoutDesc> was "P"
           (probe 41) -->
      <xsl:with-param name="label" select="if (self::p and ..[self::objectDesc or self::supportDesc
          or self::layoutDesc or self::adminInfo or self::recordHist or self::origin])
          then r:ms-label(..) else r:ms-label(.)"/>
      <xsl:with-param name="content" select="if (self::p) then . else r:field-content(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- objectDesc/@form and supportDesc/@material: values of a closed list. -->
  <xsl:template match="@form | @material" mode="r:ms-field" as="element()+">
    <xsl:variable name="value" as="xs:string" select="normalize-space(.)"/>
    <!-- the list's words in any case (Beta maṣāḥǝft's form="Codex") -->
    <xsl:variable name="key" as="xs:string" select="'ms.' || local-name() || '.' || lower-case($value)"/>
    <dt><xsl:value-of select="r:msg('ms.' || local-name())"/></dt>
    <dd><xsl:value-of select="if (r:has-msg($key)) then r:msg($key) else r:ms-words($value)"/></dd>
  </xsl:template>

  <!-- What a field shows: a hands count, a layout's columns and lines, or its content. -->
  <xsl:function name="r:field-content" as="node()*">
    <xsl:param name="e" as="element()"/>
    <xsl:choose>
      <xsl:when test="$e/self::layout and normalize-space($e) = ''">
        <!-- the ruled lines beside the written ones (probe 82: <layout ruledLines="30 32"
             columns="1"/> was "1 column") -->
        <xsl:value-of select="string-join((r:layout-count($e/@columns, 'ms.column', 'ms.columns'),
            r:layout-count($e/@writtenLines, 'ms.line', 'ms.lines'),
            r:layout-count($e/@ruledLines, 'ms.ruled-line', 'ms.ruled-lines')), ', ')"/>
      </xsl:when>
      <!-- a language given by its codes alone (Beta maṣāḥǝft's <textLang mainLang="gez"/>):
           the names the header's langUsage gives them, else their names (base.xsl); it
           showed nothing -->
      <xsl:when test="$e/self::textLang and normalize-space($e) = ''">
        <xsl:value-of select="string-join(tokenize(normalize-space(string-join(
            ($e/@mainLang, $e/@otherLangs), ' '))) ! r:language-name($e, .), ', ')"/>
      </xsl:when>
      <!-- a date of origin given by its attributes alone (<origDate notBefore="1425"
           notAfter="1450"/>) in words, "between 1425 and 1450": the date and the history
           holding it were left out as empty (probe 23) -->
      <xsl:when test="$e/self::origDate and normalize-space($e) = ''">
        <xsl:value-of select="r:origin-date-words($e)"/>
      </xsl:when>
      <!-- an event of the object's history dated by its attributes, its words silent on
           the years (<provenance notBefore="1480" notAfter="1514">In the library of ...):
           the dates after the words, as the timeline lists them (probe 65: on the timeline
           alone) -->
      <xsl:when test="$e/(self::provenance | self::acquisition | self::binding | self::custEvent
          | self::origin)[normalize-space() != ''][exists(r:date-attribute-words(.))]
          [not(r:dated-in-words(.))]">
        <xsl:variable name="dates" as="xs:string" select="r:date-attribute-words($e)"/>
        <xsl:sequence select="$e/node()"/>
        <xsl:choose>
          <xsl:when test="$e/(p | ab)">
            <!-- a paragraph of its own after the description's (a TEI one, in a document of
                 its own: the content is rendered as the TEI is) -->
            <xsl:variable name="made" as="document-node()">
              <xsl:document>
                <tei:p><xsl:value-of select="upper-case(substring($dates, 1, 1))
                    || substring($dates, 2)"/></tei:p>
              </xsl:document>
            </xsl:variable>
            <xsl:sequence select="$made/tei:p"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="' (' || $dates || ')'"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <!-- a passage quoted defective (att.msExcerpt: "incomplete through loss or damage")
           says so, as an item of the contents does (probe 82: an incipit's @defective was
           shown nowhere) -->
      <xsl:when test="$e/(self::incipit | self::explicit | self::rubric | self::finalRubric
          | self::colophon)/@defective = ('true', '1')">
        <xsl:sequence select="$e/node()"/>
        <xsl:value-of select="' (' || r:msg('ms.defective') || ')'"/>
      </xsl:when>
      <!-- a date of origin in another calendar says which: "AG 868 (calendar: Seleucid)" -->
      <xsl:when test="$e/self::origDate and exists(r:calendar-name($e))">
        <xsl:sequence select="$e/node()"/>
        <xsl:value-of select="' (' || r:msg('date.calendar', r:calendar-name($e)) || ')'"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$e/node()"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Whether the words of a dated element say every year its attributes give. -->
  <xsl:function name="r:dated-in-words" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="every $year in $e/(@when, @notBefore, @notAfter, @from, @to,
        @when-iso, @notBefore-iso, @notAfter-iso, @from-iso, @to-iso)
        ! replace(normalize-space(.), '^-?0*([0-9]+).*$', '$1') satisfies contains(string($e), $year)"/>
  </xsl:function>

  <!-- A layout's count of columns or lines: "1 column", "2 columns", "20–25 lines" (the
       attribute's minimum and maximum); 0, which some catalogues write for "not counted",
       and anything not a count say nothing. -->
  <xsl:function name="r:layout-count" as="xs:string?">
    <xsl:param name="count" as="attribute()?"/>
    <xsl:param name="one" as="xs:string"/>
    <xsl:param name="many" as="xs:string"/>
    <xsl:variable name="values" as="xs:string*" select="tokenize(normalize-space($count))"/>
    <xsl:sequence select="
        if (empty($values) or count($values) gt 2
            or (some $v in $values satisfies not($v castable as xs:nonNegativeInteger))
            or (every $v in $values satisfies xs:integer($v) = 0)) then ()
        else if (count(distinct-values($values ! xs:integer(.))) = 1 and xs:integer($values[1]) = 1)
        then r:msg($one)
        else r:msg($many, string-join(distinct-values($values ! string(xs:integer(.))), '–'))"/>
  </xsl:function>

  <!-- One labelled field: dt, and dd with the content (block content as blocks). -->
  <xsl:template name="r:ms-field" as="element()+">
    <xsl:param name="label" as="xs:string" required="yes"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <dt><xsl:value-of select="$label"/></dt>
    <dd>
      <!-- a paragraph field keeps its attributes (its id) on the paragraph inside: the dd had
           them too, two elements of one id (probe 15) -->
      <xsl:choose>
        <xsl:when test="self::p or self::ab">
          <xsl:attribute name="class" select="'ms-' || local-name()"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="r:attributes">
            <xsl:with-param name="class" select="'ms-' || local-name()"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <!-- the words these quote are the manuscript's, often in another script than the
           description's (Guidelines 10.6.1): without their own xml:lang they take the
           direction of their first letters, so an Arabic incipit in an English record reads
           right to left ("... عبد الرحمن" had its dots on the wrong side, probe 23) -->
      <xsl:if test="(self::incipit | self::explicit | self::rubric | self::finalRubric
          | self::colophon)[empty(@xml:lang)]">
        <xsl:attribute name="dir" select="'auto'"/>
      </xsl:if>
      <xsl:variable name="blocks" as="xs:boolean" select="exists($content/descendant-or-self::*
          [self::p or self::ab or self::list or self::handNote or self::decoNote or self::binding
          or self::seal or self::provenance or self::listBibl or self::msItem or self::table
          or self::lg or self::quote[p]])"/>
      <xsl:choose>
        <!-- parts without words between them (extent: measure, dimensions): "a; b" -->
        <xsl:when test="not($blocks) and count($content[self::*]) gt 1
            and empty($content[self::text()][normalize-space()])">
          <!-- an unfilled part (empty dimensions) is no part: "a; " before probe 23 -->
          <xsl:for-each select="$content[self::*][r:has-content(.)]">
            <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$content" mode="r:main">
            <xsl:with-param name="r:phrasing" select="not($blocks)" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
      <!-- who described this part (decoDesc resp="#PA"), after its words -->
      <xsl:call-template name="r:note-resp">
        <xsl:with-param name="block" select="$blocks"/>
      </xsl:call-template>
    </dd>
  </xsl:template>

  <!-- Parts of the description that are themselves descriptions. -->
  <xsl:template match="msPart | msFrag | msDesc" mode="r:ms" as="element()">
    <xsl:apply-templates select="." mode="r:main"/>
  </xsl:template>

  <!-- A description (or a part, or a fragment) told in paragraphs, the prose Guidelines 10.1
       allows instead of msContents, physDesc and the rest: its prose, as an area's own
       paragraphs are, not fields labelled "P" (probe 159: an msPart's p was "P"). -->
  <xsl:template match="msDesc/p | msDesc/ab | msPart/p | msPart/ab | msFrag/p | msFrag/ab"
      mode="r:ms" as="element()*">
    <xsl:if test="r:has-content(.)">
      <xsl:apply-templates select="." mode="r:main"/>
    </xsl:if>
  </xsl:template>

  <!-- Anything else in a description: a labelled field in a list of its own. -->
  <xsl:template match="*" mode="r:ms" as="element()?">
    <xsl:if test="r:has-content(.)">
      <dl class="ms-fields">
        <xsl:apply-templates select="." mode="r:ms-field"/>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- An item of the contents: "n. locus  Author, Title (defective)", its details, its items. -->
  <xsl:template match="msItem | msItemStruct" mode="r:ms" as="element()">
    <!-- an empty author or title (a template left unfilled) is left out, with the comma it
         took ("ff. 1a–2b , Babylonian Talmud" before probe 15) -->
    <xsl:variable name="headline" as="element()*"
        select="(locus | locusGrp)[1][r:has-content(.)], author[r:has-content(.)], title[r:has-content(.)]"/>
    <xsl:variable name="details" as="element()*"
        select="(* except ((locus | locusGrp)[1], author, title, msItem, msItemStruct))
            [r:has-content(.)]"/>
    <!-- the item's own paragraphs are its prose, not fields labelled "P" -->
    <xsl:variable name="prose" as="element()*" select="$details[self::p or self::ab]"/>
    <li>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'msItem'"/>
      </xsl:call-template>
      <p class="ms-item-head">
        <xsl:for-each select="@n[normalize-space()]">
          <span class="ms-n"><xsl:value-of select="normalize-space(.) || '.'"/></span>
          <xsl:text> </xsl:text>
        </xsl:for-each>
        <!-- a work's other titles (title type="alt", in another script or language) follow its
             title in brackets: they were three titles side by side, "Kanon Κανών Canon", as if
             the item held three works (probe 35) -->
        <xsl:variable name="alts" as="element()*" select="$headline[self::title]
            [tokenize(@type) = ('alt', 'alternative')][exists(preceding-sibling::title
                [not(tokenize(@type) = ('alt', 'alternative'))][r:has-content(.)])]"/>
        <xsl:for-each select="$headline">
          <xsl:variable name="i" as="xs:integer" select="position()"/>
          <xsl:variable name="alt" as="xs:boolean" select="exists(. intersect $alts)"/>
          <xsl:if test="$i gt 1">
            <xsl:value-of select="if ($alt) then (if (exists($headline[$i - 1] intersect $alts))
                    then '; ' else ' (')
                else if (self::title and exists($headline[self::author])) then ', '
                else ' '"/>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="self::locus or self::locusGrp">
              <xsl:apply-templates select="." mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise>
          <!-- the field's own element, without the blank lines around its content -->
          <xsl:element name="{if (self::title) then 'cite' else 'span'}">
            <xsl:call-template name="r:attributes">
              <xsl:with-param name="class" select="local-name()"/>
            </xsl:call-template>
            <xsl:apply-templates select="node()[not(self::text()[not(normalize-space())]
                and (position() = 1 or position() = last()))]" mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:element>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$alt and empty($headline[$i + 1] intersect $alts)">)</xsl:if>
        </xsl:for-each>
        <xsl:if test="@defective = ('true', '1')">
          <xsl:text> </xsl:text>
          <span class="ms-defective"><xsl:value-of select="'(' || r:msg('ms.defective') || ')'"/></span>
        </xsl:if>
        <!-- the cataloguer who described the item (att.global.responsibility), as a note's
             author is named: a record made by several hands says whose each part is -->
        <xsl:call-template name="r:note-resp"/>
      </p>
      <xsl:apply-templates select="$prose" mode="r:main"/>
      <xsl:if test="exists($details except $prose)">
        <dl class="ms-fields">
          <xsl:apply-templates select="$details except $prose" mode="r:ms-field"/>
        </dl>
      </xsl:if>
      <xsl:if test="msItem | msItemStruct">
        <ol class="msItems">
          <xsl:apply-templates select="msItem | msItemStruct" mode="r:ms"/>
        </ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- The label of a field: the catalogue's, else the element's name in words. -->
  <xsl:function name="r:ms-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="key" as="xs:string" select="'ms.' || local-name($e)"/>
    <xsl:variable name="label" as="xs:string" select="if (r:has-msg($key)) then r:msg($key)
        else r:ms-words(local-name($e))"/>
    <!-- a provenance says which event of the object's history it is (att.typed; EpiDoc's
         found, observed, transferred, and a subtype, autopsied): an inscription's findspot,
         its present place and the dates its editor saw it were three fields alike,
         "Provenance: 2011.06.15" (probe 42); so does a list of references, which may list
         other things than the object's bibliography (manuscripta.se's listBibl
         type="related-items", probe 35) -->
    <xsl:variable name="kind" as="xs:string*"
        select="$e/(self::provenance | self::listBibl)/(@type, @subtype) ! r:ms-words(.)[. != '']"/>
    <xsl:sequence select="upper-case(substring($label, 1, 1)) || substring($label, 2)
        || (if (exists($kind)) then ' (' || string-join($kind, ', ') || ')' else '')"/>
  </xsl:function>

  <!-- A token as words: a camel-case one is words of a vocabulary ("ieArk" -> "ie ark",
       "laterEndleaf"); any other keeps its case, as it may be a name or an abbreviation (a
       catalogue's "Wright", the Bodleian's "SCN" were "wright" and "scn", probe 23). -->
  <xsl:function name="r:ms-words" as="xs:string">
    <xsl:param name="token" as="xs:string?"/>
    <xsl:variable name="spaced" as="xs:string"
        select="normalize-space(replace(string($token), '[_#-]', ' '))"/>
    <xsl:sequence select="if (matches($spaced, '[a-z][A-Z]'))
        then lower-case(replace($spaced, '([a-z])([A-Z])', '$1 $2')) else $spaced"/>
  </xsl:function>

  <!-- The first and last folio a locus names: its @from and @to, else the pages its @target
       points at (Guidelines 10.3.5: a locus may point at the surfaces or images of its
       folios, <locus target="#f128r"/>), each by its @n, else by its id when that is a
       folio's number ("128r", "f128r" and "fol_128r" are 128r; "xii", "3va"): an id of another shape ("surface-12") says
       nothing a reader can use, and a web address is no folio. -->
  <xsl:variable name="r:folio-id" as="xs:string"
      select="'^(f|fo|fol|folio)?[._-]?(([0-9]+|[ivxlcdm]+)[rv]?[ab]?)$'"/>
  <xsl:function name="r:locus-bounds" as="xs:string*">
    <xsl:param name="locus" as="element()"/>
    <xsl:variable name="from" as="xs:string?" select="normalize-space($locus/@from)[. != '']"/>
    <xsl:variable name="pointed" as="xs:string*" select="if (exists($from)) then ()
        else tokenize(normalize-space($locus/@target))[starts-with(., '#')] ! substring(., 2)
        ! (let $page := (key('r:entry', ., root($locus)))[1]
           return (normalize-space($page/@n)[. != ''],
                   .[matches(., $r:folio-id, 'i')] ! replace(., $r:folio-id, '$2', 'i'))[1])"/>
    <xsl:variable name="first" as="xs:string?" select="($from, $pointed[1])[1]"/>
    <xsl:variable name="last" as="xs:string?" select="if (exists($from))
        then normalize-space($locus/@to)[. != ''] else $pointed[last()]"/>
    <xsl:sequence select="$first, $last[exists($first) and . != $first]"/>
  </xsl:function>

  <!-- Where a locus leads (Guidelines 10.3.5: @target points at the folios' page breaks,
       surfaces or images): its first target, as a ref's, when it is no "#id" of an element the
       text lacks or of its facsimile, which the page does not show. A link to an element the page does not show is dropped after
       (pipeline/builders/parts.py); the book has its own. -->
  <xsl:function name="r:locus-href" as="xs:string?">
    <xsl:param name="locus" as="element()"/>
    <xsl:variable name="first" as="xs:string?" select="tokenize(normalize-space($locus/@target))[1]"/>
    <xsl:sequence select="if (starts-with($first, '#')
            and empty(key('r:entry', substring($first, 2), root($locus))
                [empty(ancestor::facsimile)])) then ()
        else $locus/@target[normalize-space()] ! r:target-href(.)"/>
  </xsl:function>

  <!-- Phrase-level parts of descriptions, also met in witnesses and bibliographies. -->
  <xsl:template match="locus" mode="r:main" as="element()">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="bounds" as="xs:string*" select="r:locus-bounds(.)"/>
    <xsl:variable name="from" as="xs:string?" select="$bounds[1]"/>
    <xsl:variable name="to" as="xs:string?" select="$bounds[2]"/>
    <xsl:variable name="href" as="xs:string?"
        select="if ($r:in-link or (normalize-space(.) = '' and empty(*) and empty($from)))
            then () else r:locus-href(.)"/>
    <xsl:element name="{if (exists($href)) then 'a' else 'span'}">
      <xsl:if test="exists($href)">
        <xsl:attribute name="href" select="$href"/>
      </xsl:if>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'locus'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="normalize-space(.) != '' or * ">
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="r:in-link" select="$r:in-link or exists($href)" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:when test="exists($from)">
          <xsl:value-of select="r:locus-words($bounds)"/>
        </xsl:when>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="locus[normalize-space() = ''][exists(r:locus-bounds(.))]" mode="r:plain"
      as="xs:string">
    <xsl:sequence select="r:locus-words(r:locus-bounds(.))"/>
  </xsl:template>

  <!-- A locus's bounds in words: folios as "f. 3r", "ff. 2r–9v"; a place that is no folio's
       number (a cover or a pastedown, manuscripta.se's <locus scheme="other" from="RCI">,
       which read "f. RCI": probe 35) as written. -->
  <xsl:function name="r:locus-words" as="xs:string">
    <xsl:param name="bounds" as="xs:string+"/>
    <xsl:sequence select="
        if (some $b in $bounds satisfies not(matches($b, $r:folio-id, 'i')))
        then string-join($bounds, '–')
        else if (exists($bounds[2])) then r:msg('ms.locus.range', $bounds)
        else r:msg('ms.locus.one', $bounds[1])"/>
  </xsl:function>

  <xsl:template match="locusGrp | origDate | origPlace | material | objectType | height | width
      | depth | dim | watermark | stamp | secFol | heraldry | summary | catchwords | signatures
      | msName | institution | repository | collection | msIdentifier | textLang
      | origin | provenance | acquisition | source | custodialHist | custEvent | surrogates
      | rubric | incipit | explicit | finalRubric | colophon | filiation | support | extent
      | foliation | collation | condition | layout | handNote | typeNote | scriptNote | decoNote
      | binding | seal | accMat | additions | recordHist | adminInfo | musicNotation
      | objectDesc | supportDesc | layoutDesc | handDesc | typeDesc | scriptDesc | decoDesc
      | bindingDesc | sealDesc | msContents | physDesc | history | additional | msItem
      | msItemStruct" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$r:phrasing or r:is-inline(.) or empty(* except (locus | locusGrp))
          and not(self::handNote or self::decoNote or self::provenance or self::binding
          or self::seal)">
        <xsl:call-template name="r:inline">
          <xsl:with-param name="class" select="local-name()"/>
          <xsl:with-param name="fields" select="r:fields-separator(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="r:block">
          <xsl:with-param name="class" select="local-name()"/>
          <xsl:with-param name="fields" select="r:fields-separator(.)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A binding or a custodial event inside its description (bindingDesc, custodialHist: the
       field), dated by its attributes alone, its words silent on the years: the dates after
       its words, as r:field-content gives them to one that is the field itself (probe 82:
       <binding when="1750"> and <custEvent notBefore="1745" notAfter="1755"> said no year). -->
  <xsl:template match="(binding | custEvent)[normalize-space() != '']
      [exists(r:date-attribute-words(.))][not(r:dated-in-words(.))]" mode="r:main"
      priority="2" as="element()">
    <xsl:variable name="dates" as="xs:string" select="r:date-attribute-words(.)"/>
    <xsl:variable name="made" as="element()">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:element name="{local-name($made)}" namespace="{namespace-uri($made)}">
      <xsl:sequence select="$made/@*, $made/node()"/>
      <xsl:choose>
        <xsl:when test="$made/*[local-name() = ('p', 'div')]">
          <xsl:element name="p" namespace="{namespace-uri($made)}">
            <xsl:value-of select="upper-case(substring($dates, 1, 1)) || substring($dates, 2)"/>
          </xsl:element>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="' (' || $dates || ')'"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- A date of origin given by its attributes alone, inside a field (an origin of one date):
       its attributes in words, as r:field-content gives them. -->
  <xsl:template match="origDate[normalize-space() = ''][exists(r:origin-date-words(.))]"
      mode="r:main" as="element()">
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'origDate'"/>
      </xsl:call-template>
      <xsl:value-of select="r:origin-date-words(.)"/>
    </span>
  </xsl:template>

  <!-- An empty date of origin in words: its attributes' (r:date-attribute-words), else the
       date as its own calendar writes it (att.datable.custom: when-custom, from-custom ...),
       that calendar named (probe 171: a Syriac manuscript's Seleucid year, origDate
       datingMethod="#Seleucid" when-custom="1318", was published nowhere). -->
  <xsl:function name="r:origin-date-words" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="custom" as="function(xs:string) as xs:string?"
        select="function ($name) { ($date/@*[local-name() = $name]
            ! normalize-space(.))[. != ''][1] }"/>
    <xsl:variable name="start" as="xs:string?"
        select="($custom('from-custom'), $custom('notBefore-custom'))[1]"/>
    <xsl:variable name="end" as="xs:string?"
        select="($custom('to-custom'), $custom('notAfter-custom'))[1]"/>
    <xsl:variable name="span" as="xs:boolean"
        select="exists($date/(@from-custom | @to-custom))"/>
    <xsl:variable name="written" as="xs:string?" select="
        if (exists($custom('when-custom'))) then $custom('when-custom')
        else if (exists($start) and exists($end))
          then r:msg(if ($span) then 'date.from-to' else 'date.between', ($start, $end))
        else if (exists($start)) then r:msg(if ($span) then 'date.from' else 'date.after', $start)
        else if (exists($end)) then r:msg(if ($span) then 'date.to' else 'date.before', $end)
        else ()"/>
    <xsl:variable name="method" as="xs:string?" select="(r:calendar-name($date),
        r:token-words(replace(normalize-space($date/@datingMethod), '^.*#', '')))[. != ''][1]"/>
    <xsl:sequence select="(r:date-attribute-words($date),
        $written ! (. || (if (exists($method)) then ' (' || r:msg('date.calendar', $method)
            || ')' else '')))[1]"/>
  </xsl:function>

  <!-- A hand described by its attributes alone (<handNote scope="major" script="sephardi">
       with an unfilled scribe's name, the Bodleian's Hebrew and Fihrist's records): how much
       it wrote and its script in words, "Main hand; script: sephardi", where it showed
       nothing (probe 23). A hand with words is described by them (they name its script).
       One with an id and no words, which the text's hands may point at, is named first as
       their titles name it, by its scribe, else its number ("Hand 5: main hand", r:hand-name):
       it showed nothing, or the words alone, and a reader could not tell which hand a "change
       of hand: Hand 5" was (probe 159). -->
  <xsl:template match="handNote[normalize-space() = ''][@scope = ('sole', 'major', 'minor')
      or normalize-space(@script) or @xml:id]" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="words" as="xs:string" select="string-join((
        @scope[. = ('sole', 'major', 'minor')] ! r:msg('ms.scope.' || .),
        @script[normalize-space()] ! r:msg('ms.script', r:ms-words(.))), '; ')"/>
    <xsl:variable name="name" as="xs:string?"
        select="@xml:id ! (r:scribe(..), r:hand-number(..))[1]"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'handNote' || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:value-of select="if (exists($name)) then string-join(($name, $words[. != '']), ': ')
          else upper-case(substring($words, 1, 1)) || substring($words, 2)"/>
    </xsl:element>
  </xsl:template>

  <!-- Another identifier: the number, then where it belongs ("714 (Wright, Catalogue …)"). -->
  <xsl:template match="altIdentifier" mode="r:main" as="element()">
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'altIdentifier'"/>
      </xsl:call-template>
      <xsl:apply-templates select="idno" mode="r:main">
        <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:variable name="where" as="element()*" select="* except idno"/>
      <xsl:if test="exists($where)">
        <xsl:text> (</xsl:text>
        <xsl:for-each select="$where">
          <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- Dimensions: "10 × 6 3/4 in." from height, width and depth and the unit. The unit is
       the dimensions' @unit, else that of its parts (Beta maṣāḥǝft's <height unit="mm">: once
       when they share it, after each when they differ; "200 × 150 × 50" said no unit, probe
       23), and none where every part already says it ("203mm × 281mm mm"). A part without
       words gives its @quantity or its bounds; dimensions of no value at all (a catalogue's
       unfilled <height/><width/>) are left out ("unknown: × cm"). -->
  <xsl:template match="dimensions" mode="r:main" as="element()?">
    <!-- the measured parts; one left unfilled is no part ("180–190 × mm") -->
    <xsl:variable name="parts" as="element()*"
        select="(height | width | depth | dim)[r:dimension-value(.) != '']"/>
    <xsl:variable name="values" as="xs:string*" select="$parts ! r:dimension-value(.)"/>
    <xsl:variable name="units" as="xs:string*"
        select="distinct-values($parts ! normalize-space(@unit)[. != ''])"/>
    <xsl:variable name="unit" as="xs:string?" select="(normalize-space(@unit)[. != ''],
        $units[count($units) = 1][every $p in $parts satisfies normalize-space($p/@unit) = .])[1]"/>
    <xsl:variable name="said" as="xs:boolean" select="exists($unit) and exists($values)
        and (every $v in $values satisfies ends-with(replace($v, '\s', ''), $unit))"/>
    <xsl:if test="normalize-space(.) != '' or exists($values[. != ''])">
      <span>
        <xsl:call-template name="r:attributes">
          <xsl:with-param name="class" select="'dimensions'"/>
        </xsl:call-template>
        <xsl:for-each select="@type[normalize-space()]">
          <xsl:value-of select="r:ms-words(.) || ': '"/>
        </xsl:for-each>
        <xsl:for-each select="$parts">
          <xsl:if test="position() gt 1"><xsl:text> × </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test="normalize-space(.) != ''">
              <xsl:apply-templates select="." mode="r:main">
                <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise>
              <span class="{local-name()}"><xsl:value-of select="r:dimension-value(.)"/></span>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="empty($unit) and normalize-space(@unit) != ''
              and not(ends-with(replace(r:dimension-value(.), '\s', ''), normalize-space(@unit)))">
            <xsl:value-of select="' ' || normalize-space(@unit)"/>
          </xsl:if>
        </xsl:for-each>
        <xsl:if test="empty(height | width | depth | dim)">
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:if>
        <xsl:if test="exists($unit) and not($said)">
          <xsl:value-of select="' ' || $unit"/>
        </xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A height, width or depth written in the description's words, outside a dimensions
       (IAph's "lintel blocks (<height unit="metre">0.54</height>, <depth unit="metre">0.64
       </depth>)", IOSPE's letter heights): its unit, which the words leave to the attribute,
       is said after them ("0.54 metre"; a closing full stop stays last), and its kind is its
       title; it read "(0.54, 0.64)", a measure of no unit (probe 42). A value that already
       ends with its unit takes it once. -->
  <xsl:template match="(height | width | depth)[not(parent::dimensions)][ancestor::msDesc]
      [normalize-space(@unit)][normalize-space(.) != '']" mode="r:main" as="element()">
    <xsl:variable name="unit" as="xs:string" select="normalize-space(@unit)"/>
    <xsl:variable name="value" as="xs:string" select="normalize-space(.)"/>
    <xsl:variable name="said" as="xs:boolean"
        select="ends-with(replace(replace($value, '\.$', ''), '\s', ''), $unit)"/>
    <span title="{r:ms-label(.)}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$said">
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:when test="empty(*)">
          <xsl:value-of select="replace($value, '\.$', '') || ' ' || $unit
              || (if (ends-with($value, '.')) then '.' else '')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="r:main">
            <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:value-of select="' ' || $unit"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- A measured part's value: its words, else @quantity, else its bounds ("200–210"). -->
  <xsl:function name="r:dimension-value" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="low" as="xs:string?"
        select="($part/@atLeast, $part/@min)[normalize-space()][1] ! normalize-space(.)"/>
    <xsl:variable name="high" as="xs:string?"
        select="($part/@atMost, $part/@max)[normalize-space()][1] ! normalize-space(.)"/>
    <xsl:sequence select="(normalize-space($part)[. != ''],
        normalize-space($part/@quantity)[. != ''],
        string-join(($low, $high), '–')[. != ''], '')[1]"/>
  </xsl:function>

  <!-- A count of a description given as a bare number with its unit apart
       (<measure unit="leaf">214</measure>): the number and the unit in words, "214 leaves";
       it said "214". In a transcription the words are the source's and stay as written. -->
  <xsl:template match="measure[ancestor::msDesc][normalize-space(@unit)]
      [matches(normalize-space(.), '^\d+$') or (normalize-space(.) = '' and @quantity)]"
      mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'measure'"/>
      </xsl:call-template>
      <xsl:variable name="count" as="xs:string" select="r:with-unit((normalize-space(.)[. != ''],
          normalize-space(@quantity))[1], normalize-space(@unit))"/>
      <!-- what was counted, when its @type says more than the unit (<measure
           type="laidLinesIn20mm" unit="lines">16</measure> read "16 lines": probe 35) -->
      <xsl:variable name="kind" as="xs:string?" select="replace(r:ms-words(@type),
          '([a-z])([0-9])', '$1 $2')[. != ''][not(lower-case(.) = (lower-case(normalize-space(
          current()/@unit)), lower-case(replace($count, '^\S+\s+', ''))))]"/>
      <xsl:value-of select="string-join(($kind, $count), ': ')"/>
    </span>
  </xsl:template>

  <!-- A count given by its attributes alone and no unit, what it counts being its @type
       (<measure type="textblockLeaves" quantity="2"/>, a catalogue's leaves and flyleaves):
       the type in words and the number, "textblock leaves: 2", as dimensions say their type;
       it showed nothing, and an extent of "0 flyleaves" was an empty field (probe 35). -->
  <xsl:template match="measure[ancestor::msDesc][not(normalize-space(@unit))]
      [normalize-space(.) = '' and empty(*) and normalize-space(@quantity)]"
      mode="r:main" as="node()+">
    <xsl:call-template name="r:word-space"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'measure'"/>
      </xsl:call-template>
      <xsl:value-of select="string-join((r:ms-words(@type)[. != ''],
          normalize-space(@quantity)), ': ')"/>
    </span>
  </xsl:template>

  <!-- A note of a description stays in it, in brackets: a description is shown apart from the
       text's notes (on a reading page before the text, on the about page, in a witness). -->
  <xsl:template match="msDesc//note" mode="r:main" as="element()">
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'note-inline'"/>
      </xsl:call-template>
      <xsl:call-template name="r:in-brackets"/>
    </span>
  </xsl:template>

  <!-- Relations of a catalogue record (links to other records), by their descriptions. -->
  <xsl:template match="listRelation" mode="r:main" as="element()*">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:for-each select="desc[r:has-content(.)]">
      <xsl:if test="$r:phrasing and position() gt 1">
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:element name="{if ($r:phrasing) then 'span' else 'p'}">
        <xsl:attribute name="class" select="'ms-head' || (if ($r:phrasing) then ' block' else '')"/>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:element>
    </xsl:for-each>
    <!-- a relation shows its description, else the web address of what it relates to -->
    <xsl:variable name="relations" as="element()*" select="relation[desc[r:has-content(.)]
        or exists(r:safe-url(@passive)[matches(., '^https?://')])][desc or exists(../desc)]"/>
    <xsl:if test="exists($relations)">
      <xsl:if test="$r:phrasing and exists(desc[r:has-content(.)])">
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:element name="{if ($r:phrasing) then 'span' else 'ul'}">
        <xsl:attribute name="class" select="'listRelation' || (if ($r:phrasing) then ' block' else '')"/>
        <xsl:for-each select="$relations">
          <!-- spans run on: a space keeps one description's words from the next's (probe
               123: "Several words are added.The only change.") -->
          <xsl:if test="$r:phrasing and position() gt 1">
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:element name="{if ($r:phrasing) then 'span' else 'li'}">
            <xsl:choose>
              <xsl:when test="desc[r:has-content(.)]">
                <xsl:apply-templates select="desc/node()" mode="r:main">
                  <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
              </xsl:when>
              <xsl:otherwise>
                <a href="{r:safe-url(@passive)}" class="ref"><xsl:value-of select="normalize-space(@passive)"/></a>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:element>
        </xsl:for-each>
      </xsl:element>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

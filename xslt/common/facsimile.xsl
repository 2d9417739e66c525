<?xml version="1.0" encoding="UTF-8"?>
<!--
  Digital facsimiles (TEI Guidelines ch. 11.1, PH): facsimile, surface, surfaceGrp, graphic,
  zone, and the pointers of the text at them (pb/@facs at a surface, @facs of a line, word or
  lb at a zone). Page breaks (pb) render here, as they link to their page image.

  Which images may show is decided in Python, per graphic/media of the document in document
  order: the parameter $graphics has one line per element, holding the URL to show, or
  nothing (pipeline/builders/images.py: local files that exist inside the text's folder, which
  the HTML writer copies; remote images only under the configured [tool.edition] images base
  URL). So no page loads anything from elsewhere unless the edition says so, and a missing
  image is never a broken image.

  The viewer (r:facsimile-viewer) is a list of page images beside the text, one per surface
  (or facsimile/graphic) that has an image to show, in document order: each is a figure whose
  caption links to its page break in the text, while the page break's number links to its
  image. The zones the text points at are drawn over their image (SVG in the surface's
  coordinates, from @ulx/@uly/@lrx/@lry or @points); the text's element carries data-facs,
  the zone's id. edition.js keeps image and text together as the reader scrolls and outlines
  the zone of the line under the pointer; without script the images scroll on their own.

  A documentary transcription (sourceDoc, 11.2.2) holds the pages themselves: when it is what a
  document shows (r:main-text: no text), each surface is a page of the reading page, a section
  headed by its label (its own label, else @n, else "Page 2" by its place) whose heading links
  to its image, its zones and lines in document order, lines as lines and their additions and
  deletions as the transcription module renders them (transcription.xsl). Its page images are
  the viewer's pages; zones and lines with coordinates are drawn on them, and the zone or line
  in the text carries data-facs, the drawn shape's id ('facs-' and its own id, or its place).
  A surface on a surface (a slip pasted on the leaf, a detail) is a part of its page, headed
  "Part of page 1", its own image shown where its graphic stands (r:part-image).
  The book shows the pages in turn, each after a page-break marker (epub/modules/facsimile.xsl,
  r:surface-start), with its image when the book carries the page images.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    xmlns:r="urn:edition:render"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:import href="base.xsl"/>
  <xsl:import href="i18n.xsl"/>

  <!-- One line per graphic/media of the document, in document order: the URL to show, or
       nothing. Given by the HTML writer; without it no image of a facsimile shows. -->
  <xsl:param name="graphics" as="xs:string" select="''"/>
  <!-- True when $graphics was given (a text's page made by the HTML writer): then a graphic
       or media element of the text shows only the URL it names there, and a missing image
       shows nothing, where it was a broken image (blocks.xsl). -->
  <xsl:param name="graphics-checked" as="xs:boolean" select="false()"/>
  <xsl:variable name="r:graphic-urls" as="xs:string*" select="tokenize($graphics, '\n')"/>

  <!-- The elements naming an image, numbered in document order as the writers list their URLs
       (pipeline/builders/images.py, image_elements): graphic, media, and a page break naming
       its page's image itself (r:facs-file). -->
  <xsl:accumulator name="r:graphic-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="graphic | media | pb[r:facs-file(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Whether a page break's @facs names an image (its first token; "#surface" points into
       the document instead): the rule of images.facs_file. -->
  <xsl:function name="r:facs-file" as="xs:boolean">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="exists(tokenize(normalize-space($pb/@facs))[1][not(starts-with(., '#'))])"/>
  </xsl:function>

  <!-- Elements of the text pointing at a zone or surface, by the id they point at. -->
  <xsl:key name="r:facs-pointer" match="text//*[@facs]"
      use="tokenize(normalize-space(@facs))[starts-with(., '#')] ! substring(., 2)"/>

  <!-- The URL a graphic shows, if any (the EPUB overrides it with its packaged images). -->
  <xsl:function name="r:graphic-src" as="xs:string?">
    <xsl:param name="graphic" as="element()"/>
    <xsl:sequence select="$r:graphic-urls[$graphic/accumulator-before('r:graphic-number')][. != '']"/>
  </xsl:function>

  <!-- What gives a page its image: a surface's first graphic that shows, or the graphic (or
       page break naming its image) itself. Of one image in several sizes (the Baernreither
       diaries' rend="thumbnail" beside rend="facstab" and the full one), a thumbnail only
       when nothing else shows: the page showed the thumbnail, the first (probe 21). -->
  <xsl:function name="r:page-graphic" as="element()?">
    <xsl:param name="page" as="element()?"/>
    <xsl:variable name="shown" as="element()*" select="($page/self::graphic, $page/self::pb,
        $page/graphic, $page/zone/graphic)[exists(r:graphic-src(.))]"/>
    <xsl:sequence select="($shown[not(r:thumbnail(.))], $shown)[1]"/>
  </xsl:function>

  <xsl:function name="r:thumbnail" as="xs:boolean">
    <xsl:param name="graphic" as="element()"/>
    <xsl:sequence select="some $word in tokenize(lower-case(string-join(
        $graphic/(@rend, @type, @subtype), ' ')), '[\s_-]+') satisfies $word = ('thumbnail',
        'thumb', 'thumbs', 'thumbnails')"/>
  </xsl:function>

  <xsl:function name="r:page-src" as="xs:string?">
    <xsl:param name="page" as="element()?"/>
    <xsl:sequence select="r:page-graphic($page) ! r:graphic-src(.)"/>
  </xsl:function>

  <!-- The pages of a text's facsimile that have an image to show: its facsimile's, its
       documentary transcription's, and its page breaks naming their images. Cached: every
       part of a split text asks it (8,000 page breaks on 160 parts: 13 s of a page's 15). -->
  <xsl:function name="r:facsimile-pages" as="element()*" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/facsimile//(surface[not(ancestor::surface)] | graphic[parent::facsimile])
        | r:main-text($tei)/self::sourceDoc//surface[not(ancestor::surface)]
        | $tei/text//pb[r:facs-file(.)])[exists(r:page-src(.))]"/>
  </xsl:function>

  <!-- The page a pb shows the image of, when it has one: the facsimile's surface or graphic
       it points at (@facs="#surface"), or the page break itself when it names the image. -->
  <xsl:function name="r:pb-page" as="element()?">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="id" as="xs:string?"
        select="tokenize(normalize-space($pb/@facs))[starts-with(., '#')][1] ! substring(., 2)"/>
    <xsl:sequence select="if (r:facs-file($pb)) then $pb[exists(r:page-src(.))]
        else (if (exists($id)) then key('r:entry', $id, root($pb)) else ())
        [self::surface[not(ancestor::surface)] or self::graphic[parent::facsimile]]
        [ancestor::facsimile][exists(r:page-src(.))][1]"/>
  </xsl:function>

  <!-- A page's id in the viewer: from its own id, else from the number of its image among the
       document's (the same wherever it is asked: the viewer, the page break, the surface). -->
  <xsl:function name="r:page-id" as="xs:string">
    <xsl:param name="page" as="element()"/>
    <xsl:sequence select="'facs-' || ($page/@xml:id,
        r:page-graphic($page) ! ('image-' || accumulator-before('r:graphic-number')), 'page')[1]"/>
  </xsl:function>

  <!-- A page break: a marker with the page number (a link to its image when there is one),
       whose id is the pb's xml:id; a space before it when it stands between two words
       (r:glued), so that they never run together. -->
  <!-- A page break of a second pagination (r:secondary-pb): its edition and page, set apart
       ("[shamela n1-p19]"), never a "p." of the page numbers a reader follows. -->
  <!-- Its image is linked as a page of the main pagination's is (probe 39, the Auden
       letters, whose breaks name their sheet in @ed, ed="1v", and their image in @facs: the
       sheets after the first were set apart without their images, titled "page  (1v)"). -->
  <xsl:template match="pb[@ed or @edRef][r:secondary-pb(.)]" mode="r:main" as="node()+"
      priority="2">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="page" as="element()?" select="if (@facs) then r:pb-page(.) else ()"/>
    <xsl:variable name="remote" as="xs:string?" select="if (exists($page)) then ()
        else (tokenize(normalize-space(@facs))[matches(., '^https?://', 'i')] ! r:safe-url(.))[1]"/>
    <xsl:call-template name="r:span-close"/>
    <xsl:if test="r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'pb pb-secondary'"/>
      </xsl:call-template>
      <!-- a page's number is no word of the text: out of the search index, where a word
           broken at the page (break="no") is found whole -->
      <xsl:attribute name="data-pagefind-ignore" select="''"/>
      <xsl:if test="exists($page)">
        <xsl:attribute name="data-facs" select="r:page-id($page)"/>
      </xsl:if>
      <!-- the edition as the marker names it ("C"), not its pointer ("#C": probe 27) -->
      <xsl:attribute name="title" select="string-join((r:msg('tr.page'),
          normalize-space(@n)[. != ''], '(' || r:token-words(r:break-ed(.)) || ')'), ' ')"/>
      <xsl:if test="normalize-space(@n)">
        <span class="pb-n">
          <xsl:value-of select="r:token-words(r:break-ed(.)) || ' ' || normalize-space(@n)"/>
        </span>
      </xsl:if>
      <xsl:if test="(exists($page) or exists($remote)) and not($r:in-link)">
        <a class="pb-facs{if (exists($page)) then '' else ' pb-facs-out'}"
            href="{if (exists($page)) then '#' || r:page-id($page) else $remote}">
          <xsl:if test="empty($page)">
            <xsl:attribute name="rel" select="'external'"/>
          </xsl:if>
          <span class="visually-hidden"><xsl:value-of select="r:msg('facs.image-of') || ' '"/></span>
          <xsl:text>▣</xsl:text>
        </a>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- How many breaks of the main pagination stand right before $pb, nothing but white space
       between (at most 50: the margin has room for no more). -->
  <xsl:function name="r:stacked-pages" as="xs:integer">
    <xsl:param name="pb" as="element()"/>
    <xsl:param name="counted" as="xs:integer"/>
    <xsl:variable name="before" as="node()?" select="$pb/preceding-sibling::node()
        [not(self::text()[not(normalize-space())])][1]"/>
    <xsl:sequence select="if ($counted ge 50 or empty($before[self::pb][@n]
        [not((@ed or @edRef) and r:secondary-pb(.))])) then $counted
        else r:stacked-pages($before, $counted + 1)"/>
  </xsl:function>

  <xsl:template match="pb" mode="r:main" as="node()+">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="page" as="element()?" select="if (@facs) then r:pb-page(.) else ()"/>
    <!-- a page image named by its address (facs="https://.../0012.jpg", not a surface of the
         facsimile): a link out to it; nothing is loaded from elsewhere -->
    <xsl:variable name="remote" as="xs:string?" select="if (exists($page)) then ()
        else (tokenize(normalize-space(@facs))[matches(., '^https?://', 'i')] ! r:safe-url(.))[1]"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
    <!-- "p. 12", "p. 3v", "p. iv"; a page named by words, not numbered ("binding_recto",
         "interleaf"), is shown as its words, without "p." -->
    <xsl:variable name="numbered" as="xs:boolean"
        select="matches($n, '\d') or matches($n, '^[ivxlcdm]+[rv]?$', 'i')"/>
    <xsl:variable name="shown" as="xs:string" select="if ($numbered) then $n
        else r:token-words($n)"/>
    <!-- a leaf of a manuscript, "1r", "12vb", "12V", a flyleaf "IIr", is a folio, not a page
         (probe 110: "p. 1r"); "iv" stays a page of roman number -->
    <xsl:variable name="unit" as="xs:string"
        select="if (matches($n, $r:folio-n)) then 'tr.folio'
            else 'tr.page'"/>
    <!-- the interface's words in its language inside a text in another (probe 177: "page"
         read by an Arabic voice in an Arabic paragraph) -->
    <xsl:variable name="ui" as="attribute()*" select="r:ui-words(.)"/>
    <xsl:call-template name="r:span-close"/>
    <xsl:if test="r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <!-- the pages before it with nothing between (plates, blank pages: probe 177, "p.2"
         drawn over "p.3" in the margin): its number is set that many lines lower there -->
    <xsl:variable name="stacked" as="xs:integer" select="r:stacked-pages(., 0)"/>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'pb' || (if (@break = 'no') then ' pb-joined' else '')"/>
      </xsl:call-template>
      <xsl:if test="$stacked gt 0">
        <xsl:attribute name="style" select="'--pb-stack: ' || $stacked"/>
      </xsl:if>
      <xsl:attribute name="data-pagefind-ignore" select="''"/>
      <xsl:if test="exists($page)">
        <xsl:attribute name="data-facs" select="r:page-id($page)"/>
      </xsl:if>
      <xsl:choose>
        <!-- the number links to the page's image: in the viewer, or out to its address -->
        <xsl:when test="(exists($page) or exists($remote)) and not($r:in-link)">
          <a class="pb-n pb-facs{if (exists($page)) then '' else ' pb-facs-out'}"
              href="{if (exists($page)) then '#' || r:page-id($page) else $remote}">
            <xsl:if test="empty($page)">
              <xsl:attribute name="rel" select="'external'"/>
            </xsl:if>
            <span class="visually-hidden"><xsl:sequence select="$ui"/><xsl:value-of select="r:msg('facs.image-of') || ' '"/></span>
            <xsl:if test="$numbered">
              <span class="pb-abbr" aria-hidden="true"><xsl:sequence select="$ui"/><xsl:value-of select="r:msg($unit || '.abbr')"/></span>
            </xsl:if>
            <xsl:value-of select="if ($n != '') then $shown else '▣'"/>
          </a>
        </xsl:when>
        <xsl:when test="$n != ''">
          <span class="pb-n"><span class="visually-hidden"><xsl:sequence select="$ui"/><xsl:value-of select="r:msg($unit) || ' '"/></span>
            <xsl:if test="$numbered">
              <span class="pb-abbr" aria-hidden="true"><xsl:sequence select="$ui"/><xsl:value-of select="r:msg($unit || '.abbr')"/></span>
            </xsl:if>
            <xsl:value-of select="$shown"/></span>
        </xsl:when>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- The facsimile itself is not text: it shows in the viewer. -->
  <xsl:template match="facsimile | surface | surfaceGrp | zone" mode="r:main" as="empty-sequence()"/>

  <!-- A documentary transcription: the pages of the source, in order. -->
  <xsl:template match="sourceDoc" mode="r:main" as="element()">
    <div>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'source-doc'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="r:main"/>
    </div>
  </xsl:template>

  <xsl:template match="sourceDoc//surfaceGrp" mode="r:main" as="element()">
    <xsl:call-template name="r:block">
      <xsl:with-param name="class" select="'surface-group'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A page: a section headed by its label, then its zones and lines. A surface inside a zone
       (a slip pasted on a page) is a block of the zone. -->
  <xsl:template match="sourceDoc//surface" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- its image is in the web page's viewer (the book puts it at the page: r:surface-start) -->
    <xsl:variable name="page" as="xs:boolean"
        select="$r:output = 'html' and empty(ancestor::surface) and exists(r:page-src(.))"/>
    <xsl:variable name="level" as="xs:integer"
        select="max((1, min((6, 2 + count(ancestor::surface) + $r:heading-shift))))"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'section'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'surface' || (if ($r:phrasing) then ' block' else '')"/>
      </xsl:call-template>
      <xsl:if test="not($r:phrasing)">
        <xsl:attribute name="aria-labelledby" select="@xml:id || '-title'"/>
      </xsl:if>
      <xsl:if test="$page">
        <!-- edition.js brings the page's image into view as the page is read -->
        <xsl:attribute name="data-facs" select="r:page-id(.)"/>
      </xsl:if>
      <xsl:call-template name="r:surface-start"/>
      <xsl:element name="{if ($r:phrasing) then 'span' else 'h' || $level}">
        <xsl:attribute name="id" select="@xml:id || '-title'"/>
        <xsl:attribute name="class" select="'surface-title' || (if ($r:phrasing) then ' block' else '')"/>
        <xsl:choose>
          <xsl:when test="exists(r:surface-label(.))">
            <xsl:apply-templates select="r:surface-label(.)/node()" mode="r:main">
              <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:when>
          <!-- a surface on a surface (a slip pasted on the leaf, a detail with an image of
               its own) is a part of its page, not another page (probe 157: "Page 2" of a
               document of one page); its @n, when given, still names it -->
          <xsl:when test="exists(ancestor::surface)">
            <span class="surface-n"><xsl:value-of select="string-join((r:msg('facs.surface-part',
                r:surface-n(ancestor::surface[last()])), normalize-space(@n)[. != ''] ! ('(' || . || ')')),
                ' ')"/></span>
          </xsl:when>
          <xsl:otherwise>
            <span class="surface-n"><xsl:value-of select="r:msg('facs.page', r:surface-n(.))"/></span>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$page">
          <xsl:text> </xsl:text>
          <a class="surface-facs" href="#{r:page-id(.)}">
            <span class="visually-hidden"><xsl:value-of select="r:msg('facs.image-of') || ' ' || r:surface-n(.)"/></span>
            <span aria-hidden="true">▣</span>
          </a>
        </xsl:if>
      </xsl:element>
      <xsl:apply-templates select="node() except (label[1], r:surface-label(.))" mode="r:main"/>
    </xsl:element>
  </xsl:template>

  <!-- What comes first on a page of a documentary transcription: nothing on the web page (its
       image is in the viewer); the book puts a page-break marker and the image there. -->
  <xsl:template name="r:surface-start" as="node()*">
    <xsl:context-item as="element()" use="required"/>
  </xsl:template>

  <!-- A zone (a region of writing: the main text, a margin, a library's stamp) and a line (a
       topographic line of writing): blocks in order, whatever their place on the page. -->
  <xsl:template match="sourceDoc//zone | sourceDoc//line" mode="r:main" as="element()">
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- a line struck out as a whole is no line of the reading: the diplomatic view shows it
         (transcription.xsl's views; the book keeps it, hidden) -->
    <xsl:variable name="struck" as="xs:boolean" select="exists(self::line)
        and exists(.//del[not(r:restored(.))])
        and empty(.//text()[normalize-space()][empty(ancestor::del[not(r:restored(.))])])"/>
    <xsl:element name="{if ($r:phrasing) then 'span' else 'div'}">
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="string-join(('source-' || local-name(),
            @rotate[. castable as xs:double][xs:double(.) != 0] ! 'rotated',
            if ($struck) then 'ed-dipl' else (),
            if ($r:phrasing) then 'block' else ()), ' ')"/>
      </xsl:call-template>
      <xsl:if test="$struck and not($r:views)">
        <xsl:attribute name="hidden" select="'hidden'"/>
      </xsl:if>
      <xsl:if test="$r:output = 'html' and r:has-region(.)
          and exists(r:page-src(ancestor::surface[last()]))">
        <xsl:attribute name="data-facs" select="r:region-id(.)"/>
      </xsl:if>
      <!-- a line holds words; a zone lines, or words itself -->
      <xsl:apply-templates mode="r:main">
        <xsl:with-param name="r:phrasing" select="$r:phrasing or exists(self::line)
            or empty(line | zone | surface)" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- The page's image and the shapes drawn on it are the viewer's, not the text's; what the
       image's own desc says of it is the text's (probe 82: "Front cover, showing a stamp
       reading KEW" was shown nowhere). -->
  <xsl:template match="sourceDoc//graphic[parent::surface or parent::zone] | sourceDoc//path"
      mode="r:main" as="element()*" priority="1">
    <xsl:call-template name="r:part-image"/>
    <xsl:call-template name="r:graphic-desc"/>
  </xsl:template>

  <!-- The image of a part of a page (a surface on a surface, or in one of its zones) shows
       where its graphic stands: the viewer and the book's page start show the pages alone,
       and it was published and shown nowhere (probe 157). -->
  <xsl:template name="r:part-image" as="element()?">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="part" as="element()?" select="ancestor::surface[1][ancestor::surface]"/>
    <xsl:variable name="src" as="xs:string?"
        select="if (exists($part) and . is r:page-graphic($part)) then r:graphic-src(.) else ()"/>
    <xsl:if test="exists($src)">
      <xsl:element name="{if ($r:phrasing) then 'span' else 'figure'}">
        <xsl:attribute name="class" select="'facs-part' || (if ($r:phrasing) then ' block' else '')"/>
        <img src="{r:image-href($src, .)}" alt="{string-join((r:msg('facs.alt-part',
            r:surface-n($part/ancestor::surface[last()])),
            (r:plain(r:surface-label($part)), normalize-space($part/@n))[. != ''][1]
                ! ('(' || . || ')')), ' ')}">
          <xsl:for-each select="r:pixels(@width)">
            <xsl:attribute name="width" select="."/>
          </xsl:for-each>
          <xsl:for-each select="r:pixels(@height)">
            <xsl:attribute name="height" select="."/>
          </xsl:for-each>
        </img>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- Where an element's image is found from its page: its URL as it is (the book's is
       relative to its package document: epub/modules/facsimile.xsl). -->
  <xsl:function name="r:image-href" as="xs:string">
    <xsl:param name="src" as="xs:string"/>
    <xsl:param name="at" as="element()"/>
    <xsl:sequence select="string(r:safe-url($src))"/>
  </xsl:function>

  <xsl:template name="r:graphic-desc" as="element()*">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="r:phrasing" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:for-each select="self::graphic/desc[normalize-space()]">
      <xsl:element name="{if ($r:phrasing) then 'span' else 'p'}">
        <xsl:attribute name="class" select="'graphic-desc' || (if ($r:phrasing) then ' block' else '')"/>
        <xsl:apply-templates mode="r:main">
          <xsl:with-param name="r:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:element>
    </xsl:for-each>
  </xsl:template>

  <!-- What names a page: its label, else a short desc of its own words alone, as catalogues
       name a folio (manuscripta.se's <surface><desc>f. 1v</desc>: it was "Page 2" and its
       name followed as words, probe 35); a longer desc describes the page. -->
  <xsl:function name="r:surface-label" as="element()?">
    <xsl:param name="surface" as="element()"/>
    <xsl:sequence select="($surface/label[normalize-space()],
        $surface[empty(label)]/desc[empty(*)][normalize-space()]
            [string-length(normalize-space()) le 24])[1]"/>
  </xsl:function>

  <!-- A page's name: its label's words (r:surface-label), else @n, else its place among the
       document's pages; a surface on a surface is no page of its own, and is not counted
       (probe 157: a page after one with a pasted slip was "Page 3"). A part without a name
       has its page's number. -->
  <xsl:function name="r:surface-n" as="xs:string">
    <xsl:param name="surface" as="element()"/>
    <xsl:variable name="label" as="xs:string" select="r:plain(r:surface-label($surface))"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space($surface/@n)"/>
    <xsl:sequence select="if ($label != '') then $label else if ($n != '') then $n
        else string(count($surface/ancestor-or-self::surface[last()]
            /preceding::surface[ancestor::sourceDoc][empty(ancestor::surface)]) + 1)"/>
  </xsl:function>

  <!-- Whether a zone or line has a place on its page: four numbers @ulx, @uly, @lrx, @lry,
       or a polygon (@points). -->
  <xsl:function name="r:has-region" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="matches(normalize-space($e/@points), $r:points)
        or (count($e/(@ulx | @uly | @lrx | @lry)) = 4
            and (every $a in $e/(@ulx | @uly | @lrx | @lry) satisfies $a castable as xs:double))"/>
  </xsl:function>

  <xsl:variable name="r:points" as="xs:string"
      select="'^-?[0-9.]+,-?[0-9.]+( -?[0-9.]+,-?[0-9.]+)+$'"/>

  <!-- The id of the shape drawn for a zone or line of a sourceDoc: from its own id, else from
       its page's id and its place among the page's zones and lines. -->
  <xsl:function name="r:region-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="surface" as="element()?" select="$e/ancestor::surface[1]"/>
    <xsl:sequence select="'facs-' || ($e/@xml:id, $surface/@xml:id || '-r'
        || count($surface//(zone | line)[. &lt;&lt; $e]) + 1)[1]"/>
  </xsl:function>

  <!-- The viewer of a text's page images, or nothing when none shows. -->
  <xsl:template name="r:facsimile-viewer" as="element()?">
    <xsl:param name="tei" as="element()" required="yes"/>
    <xsl:variable name="pages" as="element()*" select="r:facsimile-pages($tei)"/>
    <xsl:if test="exists($pages)">
      <aside class="facs-viewer" aria-labelledby="ed-facs-title">
        <!-- its captions are the interface's words ("Page 3"), beside a text in another -->
        <xsl:sequence select="r:ui-attributes(r:text-lang($tei), r:text-dir($tei))"/>
        <p class="facs-title" id="ed-facs-title"><xsl:value-of select="r:msg('facs.title')"/></p>
        <ol class="facs-pages">
          <xsl:for-each select="$pages">
            <xsl:call-template name="r:facsimile-page">
              <xsl:with-param name="position" select="position()"/>
            </xsl:call-template>
          </xsl:for-each>
        </ol>
      </aside>
    </xsl:if>
  </xsl:template>

  <xsl:template name="r:facsimile-page" as="element()">
    <xsl:param name="position" as="xs:integer" required="yes"/>
    <xsl:variable name="graphic" as="element()" select="r:page-graphic(.)"/>
    <!-- what the caption links to: the page break pointing at the page, or the page itself
         in a documentary transcription or when it is a page break naming its image -->
    <xsl:variable name="pbs" as="element()*" select="if (ancestor::sourceDoc or self::pb) then .
        else if (@xml:id) then key('r:facs-pointer', string(@xml:id))[self::pb] else ()"/>
    <xsl:variable name="named" as="element()?" select="self::surface ! r:surface-label(.)"/>
    <xsl:variable name="number" as="xs:string" select="if (ancestor::sourceDoc) then r:surface-n(.)
        else ($pbs[1]/@n, @n, $named ! r:plain(.), $graphic/@n, string($position))
            [normalize-space()][1] ! normalize-space(.)"/>
    <!-- a page with a label of its own is named by it, before the number of the page break
         that points at it (probe 65: "fol. 1r" was captioned "Page 1r") -->
    <xsl:variable name="label" as="xs:string" select="if (ancestor::sourceDoc and exists($named))
        then $number else if (exists($named)) then normalize-space(r:plain($named))
        else r:msg('facs.page', $number)"/>
    <li class="facs-page" id="{r:page-id(.)}">
      <figure>
        <div class="facs-frame">
          <img src="{r:safe-url(r:page-src(.))}" alt="{r:msg('facs.alt', $number)}" loading="lazy" decoding="async">
            <xsl:for-each select="r:pixels($graphic/@width)">
              <xsl:attribute name="width" select="."/>
            </xsl:for-each>
            <xsl:for-each select="r:pixels($graphic/@height)">
              <xsl:attribute name="height" select="."/>
            </xsl:for-each>
          </img>
          <xsl:call-template name="r:zones">
            <xsl:with-param name="graphic" select="$graphic"/>
          </xsl:call-template>
        </div>
        <figcaption>
          <xsl:choose>
            <xsl:when test="exists($pbs[@xml:id])">
              <a href="#{$pbs[@xml:id][1]/@xml:id}"><xsl:value-of select="$label"/></a>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
          </xsl:choose>
        </figcaption>
      </figure>
    </li>
  </xsl:template>

  <!-- "2294px", "2294" -> 2294; other units (cm, in) say nothing about pixels. -->
  <xsl:function name="r:pixels" as="xs:integer?">
    <xsl:param name="size" as="attribute()?"/>
    <xsl:variable name="value" as="xs:string" select="replace(normalize-space($size), 'px$', '')"/>
    <xsl:sequence select="if (matches($value, '^[0-9]{1,6}$')) then xs:integer($value) else ()"/>
  </xsl:function>

  <!-- The zones of a page that the text points at, drawn in the page's coordinates: the
       surface's @ulx/@uly/@lrx/@lry, else the image's pixel size. -->
  <xsl:template name="r:zones" as="element()?">
    <xsl:param name="graphic" as="element()" required="yes"/>
    <xsl:variable name="box" as="xs:double*" select="
        if (count(@ulx | @uly | @lrx | @lry) = 4
            and (every $a in (@ulx, @uly, @lrx, @lry) satisfies $a castable as xs:double))
        then (xs:double(@ulx), xs:double(@uly), xs:double(@lrx) - xs:double(@ulx),
              xs:double(@lry) - xs:double(@uly))
        else if (exists(r:pixels($graphic/@width)) and exists(r:pixels($graphic/@height)))
        then (0, 0, r:pixels($graphic/@width), r:pixels($graphic/@height))
        else ()"/>
    <!-- a facsimile's zones the text points at; a documentary transcription's zones and lines
         that have a place: they are the text -->
    <xsl:variable name="source" as="xs:boolean" select="exists(ancestor::sourceDoc)"/>
    <xsl:variable name="zones" as="element()*" select="if ($source)
        then .//(zone | line)[r:has-region(.)]
        else .//zone[@xml:id][exists(key('r:facs-pointer', string(@xml:id)))]"/>
    <xsl:if test="exists($box) and $box[3] gt 0 and $box[4] gt 0 and exists($zones)">
      <svg:svg class="facs-zones" viewBox="{string-join($box ! string(.), ' ')}"
          preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <xsl:for-each select="$zones">
          <xsl:choose>
            <xsl:when test="matches(normalize-space(@points), '^-?[0-9.]+,-?[0-9.]+( -?[0-9.]+,-?[0-9.]+)+$')">
              <svg:polygon id="{if ($source) then r:region-id(.) else @xml:id}" class="zone"
                  points="{normalize-space(@points)}"/>
            </xsl:when>
            <xsl:when test="count(@ulx | @uly | @lrx | @lry) = 4
                and (every $a in (@ulx, @uly, @lrx, @lry) satisfies $a castable as xs:double)">
              <svg:rect id="{if ($source) then r:region-id(.) else @xml:id}" class="zone"
                  x="{@ulx}" y="{@uly}"
                  width="{xs:double(@lrx) - xs:double(@ulx)}" height="{xs:double(@lry) - xs:double(@uly)}"/>
            </xsl:when>
          </xsl:choose>
        </xsl:for-each>
      </svg:svg>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

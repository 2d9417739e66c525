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
  <xsl:variable name="r:graphic-urls" as="xs:string*" select="tokenize($graphics, '\n')"/>

  <xsl:accumulator name="r:graphic-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="graphic | media" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Elements of the text pointing at a zone or surface, by the id they point at. -->
  <xsl:key name="r:facs-pointer" match="text//*[@facs]"
      use="tokenize(normalize-space(@facs))[starts-with(., '#')] ! substring(., 2)"/>

  <!-- The URL a graphic shows, if any (the EPUB overrides it with its packaged images). -->
  <xsl:function name="r:graphic-src" as="xs:string?">
    <xsl:param name="graphic" as="element()"/>
    <xsl:sequence select="$r:graphic-urls[$graphic/accumulator-before('r:graphic-number')][. != '']"/>
  </xsl:function>

  <!-- The image of a page: a surface's first graphic that shows, or the graphic itself. -->
  <xsl:function name="r:page-src" as="xs:string?">
    <xsl:param name="page" as="element()?"/>
    <xsl:sequence select="(($page/self::graphic, $page/graphic, $page/zone/graphic) ! r:graphic-src(.))[1]"/>
  </xsl:function>

  <!-- The pages of a text's facsimile that have an image to show. -->
  <xsl:function name="r:facsimile-pages" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/facsimile//(surface[not(ancestor::surface)] | graphic[parent::facsimile])
        [exists(r:page-src(.))]"/>
  </xsl:function>

  <!-- The page a pb points at (@facs="#surface" or "#graphic"), when it has an image. -->
  <xsl:function name="r:pb-page" as="element()?">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="id" as="xs:string?"
        select="tokenize(normalize-space($pb/@facs))[starts-with(., '#')][1] ! substring(., 2)"/>
    <xsl:sequence select="(if (exists($id)) then key('r:entry', $id, root($pb)) else ())
        [self::surface[not(ancestor::surface)] or self::graphic[parent::facsimile]]
        [ancestor::facsimile][exists(r:page-src(.))][1]"/>
  </xsl:function>

  <xsl:function name="r:page-id" as="xs:string">
    <xsl:param name="page" as="element()"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:sequence select="'facs-' || ($page/@xml:id, 'page-' || $position)[1]"/>
  </xsl:function>

  <!-- A page break: a marker with the page number (a link to its image when there is one),
       whose id is the pb's xml:id; a space before it when it stands between two words
       (r:glued), so that they never run together. -->
  <xsl:template match="pb" mode="r:main" as="node()+">
    <xsl:param name="r:in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="page" as="element()?" select="if (@facs) then r:pb-page(.) else ()"/>
    <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
    <xsl:if test="r:glued(.)">
      <xsl:text> </xsl:text>
    </xsl:if>
    <span>
      <xsl:call-template name="r:attributes">
        <xsl:with-param name="class" select="'pb' || (if (@break = 'no') then ' pb-joined' else '')"/>
      </xsl:call-template>
      <xsl:if test="exists($page)">
        <xsl:attribute name="data-facs" select="r:page-id($page, 0)"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="exists($page) and not($r:in-link)">
          <a class="pb-n pb-facs" href="#{r:page-id($page, 0)}">
            <span class="visually-hidden"><xsl:value-of select="r:msg('facs.image-of') || ' '"/></span>
            <span class="pb-abbr" aria-hidden="true"><xsl:value-of select="r:msg('tr.page.abbr')"/></span>
            <xsl:value-of select="if ($n != '') then $n else '▣'"/>
          </a>
        </xsl:when>
        <xsl:when test="$n != ''">
          <span class="pb-n"><span class="visually-hidden"><xsl:value-of select="r:msg('tr.page') || ' '"/></span>
            <span class="pb-abbr" aria-hidden="true"><xsl:value-of select="r:msg('tr.page.abbr')"/></span>
            <xsl:value-of select="$n"/></span>
        </xsl:when>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- The facsimile itself is not text: it shows in the viewer. -->
  <xsl:template match="facsimile | surface | surfaceGrp | zone" mode="r:main" as="empty-sequence()"/>

  <!-- The viewer of a text's page images, or nothing when none shows. -->
  <xsl:template name="r:facsimile-viewer" as="element()?">
    <xsl:param name="tei" as="element()" required="yes"/>
    <xsl:variable name="pages" as="element()*" select="r:facsimile-pages($tei)"/>
    <xsl:if test="exists($pages)">
      <aside class="facs-viewer" aria-labelledby="ed-facs-title">
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
    <xsl:variable name="graphic" as="element()"
        select="(self::graphic, graphic[exists(r:graphic-src(.))], zone/graphic[exists(r:graphic-src(.))])[1]"/>
    <xsl:variable name="pbs" as="element()*"
        select="if (@xml:id) then key('r:facs-pointer', string(@xml:id))[self::pb] else ()"/>
    <xsl:variable name="number" as="xs:string"
        select="($pbs[1]/@n, @n, $graphic/@n, string($position))[normalize-space()][1] ! normalize-space(.)"/>
    <xsl:variable name="label" as="xs:string" select="r:msg('facs.page', $number)"/>
    <li class="facs-page" id="{r:page-id(., $position)}">
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
        if (every $a in (@ulx, @uly, @lrx, @lry) satisfies $a castable as xs:double
            and count(@ulx | @uly | @lrx | @lry) = 4)
        then (xs:double(@ulx), xs:double(@uly), xs:double(@lrx) - xs:double(@ulx),
              xs:double(@lry) - xs:double(@uly))
        else if (exists(r:pixels($graphic/@width)) and exists(r:pixels($graphic/@height)))
        then (0, 0, r:pixels($graphic/@width), r:pixels($graphic/@height))
        else ()"/>
    <xsl:variable name="zones" as="element()*"
        select=".//zone[@xml:id][exists(key('r:facs-pointer', string(@xml:id)))]"/>
    <xsl:if test="exists($box) and $box[3] gt 0 and $box[4] gt 0 and exists($zones)">
      <svg:svg class="facs-zones" viewBox="{string-join($box ! string(.), ' ')}"
          preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <xsl:for-each select="$zones">
          <xsl:choose>
            <xsl:when test="matches(normalize-space(@points), '^-?[0-9.]+,-?[0-9.]+( -?[0-9.]+,-?[0-9.]+)+$')">
              <svg:polygon id="{@xml:id}" class="zone" points="{normalize-space(@points)}"/>
            </xsl:when>
            <xsl:when test="every $a in (@ulx, @uly, @lrx, @lry) satisfies $a castable as xs:double
                and count(@ulx | @uly | @lrx | @lry) = 4">
              <svg:rect id="{@xml:id}" class="zone" x="{@ulx}" y="{@uly}"
                  width="{xs:double(@lrx) - xs:double(@ulx)}" height="{xs:double(@lry) - xs:double(@uly)}"/>
            </xsl:when>
          </xsl:choose>
        </xsl:for-each>
      </svg:svg>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  A plain HTML5 page shell for the index pages, used until the HTML writer's shell
  (xslt/html/modules/shell.xsl) is available: lang, title, the edition's stylesheet, a
  navigation between the index pages and the reading pages, and one main landmark.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:edition"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="xs ed">

  <xsl:template name="ed:index-shell" as="element()">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="lang" as="xs:string" required="yes"/>
    <xsl:param name="nav" as="element()*" required="yes"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:value-of select="$title"/>
        </title>
        <link rel="stylesheet" href="assets/edition.css"/>
      </head>
      <body>
        <header>
          <nav aria-label="Index">
            <ul>
              <xsl:sequence select="$nav"/>
            </ul>
          </nav>
        </header>
        <main id="main">
          <xsl:sequence select="$content"/>
        </main>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>

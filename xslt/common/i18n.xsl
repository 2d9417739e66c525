<?xml version="1.0" encoding="UTF-8"?>
<!--
  The interface's words in the edition's interface language ([tool.edition] language).

  Python passes the catalogue as the parameter document `messages` (pipeline/i18n.py: the
  chosen language merged over English, so every key resolves); stylesheets never spell a label
  themselves but call r:msg('key') or r:msg('key', (arg1, arg2)), where {1}, {2} in the
  message are replaced by the arguments. r:ui-lang() and r:ui-dir() give the chrome's lang and
  dir attributes: they belong to the interface, not to the text being shown.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:i="urn:edition:i18n"
    xmlns:r="urn:edition:render"
    exclude-result-prefixes="#all"
    expand-text="no">

  <!-- <i:messages xml:lang="..." dir="..."><i:m k="key">text</i:m>...</i:messages> -->
  <xsl:param name="messages" as="document-node()?" select="()"/>

  <xsl:key name="i:message" match="i:m" use="string(@k)"/>
  <!-- the names of languages, scripts and regions (CLDR's, pipeline/language_names.py):
       <i:language k="grc">, <i:script k="Latn">, <i:region k="TW"> -->
  <xsl:key name="i:name" match="i:language | i:script | i:region"
      use="local-name() || ' ' || string(@k)"/>

  <xsl:function name="r:msg" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="r:msg($key, ())"/>
  </xsl:function>

  <xsl:function name="r:msg" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:variable name="found" as="element(i:m)?"
        select="if (exists($messages)) then key('i:message', $key, $messages)[1] else ()"/>
    <!-- An unknown key shows itself: visible in review, never an empty label. -->
    <xsl:variable name="text" as="xs:string" select="($found/string(), $key)[1]"/>
    <xsl:sequence select="r:fill($text, $args, 1)"/>
  </xsl:function>

  <!-- True when the catalogue has $key (for labels of open value lists: a token without a
       label of its own is shown as words). -->
  <!-- A leaf of a manuscript ("1r", "12vb", "12V", a flyleaf "IIr"), a folio and no page;
       "iv" is a page of roman number. -->
  <xsl:variable name="r:folio-n" as="xs:string" select="'^(\d+[rvRV]|[IVXLCDM]+[rv])[ab]?$'"/>

  <!-- Where a page break's number puts a word of the index or the book's index: "p. 12",
       a leaf "f. 1r", as the reading page's break names it (probe 147: "p. 1r"). -->
  <xsl:function name="r:page-label" as="xs:string">
    <xsl:param name="n" as="xs:string"/>
    <xsl:sequence select="r:msg(if (matches(normalize-space($n), $r:folio-n)) then 'index.folio'
        else 'index.page', $n)"/>
  </xsl:function>

  <xsl:function name="r:has-msg" as="xs:boolean">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="exists($messages) and exists(key('i:message', $key, $messages))"/>
  </xsl:function>

  <!-- The interface language's name of a language, script or region ($kind 'language',
       'script', 'region') by its code as CLDR writes it (grc, Latn, TW); () when it has none.
       r:language-words (base.xsl) composes a language tag's name from them. -->
  <xsl:function name="r:cldr-name" as="xs:string?">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="code" as="xs:string?"/>
    <xsl:sequence select="if (exists($messages) and exists($code))
        then key('i:name', $kind || ' ' || $code, $messages)[1] ! string(.) else ()"/>
  </xsl:function>

  <!-- A division's kind in words: the catalogue's ("chapter": "Chapter"), else the token
       itself with a capital. The book's contents (epub labels.xsl) and the index pages name
       an unheaded division so. -->
  <xsl:function name="r:div-kind" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if (r:has-msg('div.' || $type)) then r:msg('div.' || $type)
        else (: a type written in camel case, ErsteHandschrift, or with hyphens or underscores,
                musical-number (a libretto's numbers, probe 36: Musical-number), as words :)
          replace(upper-case(substring($type, 1, 1)) || replace(substring($type, 2), '[-_]+', ' '),
              '(\p{Ll})(\p{Lu})', '$1 $2')"/>
  </xsl:function>

  <!-- A numbered division's kind and number, "Chapter 4"; a number that says its kind
       itself ("Chapter 4", "Kap. 4" of a chapter) is said alone. -->
  <xsl:function name="r:kind-numbered" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="n" as="xs:string"/>
    <xsl:sequence select="if (matches($n, '^\P{N}*\p{L}\p{L}') and not(matches($n,
        '^[ivxlcdmIVXLCDM]+\.?$'))) then $n else $kind || ' ' || $n"/>
  </xsl:function>

  <xsl:function name="r:fill" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n gt count($args)) then $text
        else r:fill(replace($text, '\{' || $n || '\}', replace($args[$n], '[$\\]', '\\$0')),
                    $args, $n + 1)"/>
  </xsl:function>

  <!-- A message whose arguments are nodes (a date's time elements): its words around them as
       text, each {n} the nth member of $args (nodes, or strings as text). -->
  <xsl:function name="r:fill-nodes" as="node()*"
      xmlns:array="http://www.w3.org/2005/xpath-functions/array">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="args" as="array(item()*)"/>
    <xsl:analyze-string select="$text" regex="\{{([0-9]+)\}}">
      <xsl:matching-substring>
        <xsl:variable name="n" as="xs:integer" select="xs:integer(regex-group(1))"/>
        <xsl:for-each select="if ($n le array:size($args)) then $args($n) else .">
          <xsl:choose>
            <xsl:when test=". instance of node()"><xsl:sequence select="."/></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:matching-substring>
      <xsl:non-matching-substring>
        <xsl:value-of select="."/>
      </xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:function>

  <!-- Items of a list (names) as the interface's language joins them: "A and B", "A, B and C"
       (list.and); items that hold a comma ("Schnitzler, Arthur") set apart by semicolons,
       "Stockar, Clementine; Keller, Anna and Frey, Emil" (probe 86: one comma between all
       read as one name). Probe 165: two addressees were "John Bellamy; Harriet Bellamy" in a
       letter's head and on the home page. $comma is the comma of the items' script; the
       interface's word ("and") carries its language where the source's around it is
       another ($within, r:ui-words), as a label does. -->
  <xsl:function name="r:list-words" as="node()*">
    <xsl:param name="items" as="item()*"/>
    <xsl:param name="comma" as="xs:string"/>
    <xsl:param name="within" as="element()?"/>
    <xsl:variable name="marked" as="attribute()*" select="$within ! r:ui-words(.)"/>
    <xsl:variable name="apart" as="xs:string" select="if (some $i in $items
        satisfies matches(string($i), '[,،]')) then (if (starts-with($comma, '،')) then '؛ '
        else '; ') else $comma"/>
    <xsl:variable name="and" as="xs:string" select="r:msg('list.and')"/>
    <xsl:variable name="ordered" as="xs:boolean"
        select="contains(substring-after($and, '{1}'), '{2}')"/>
    <xsl:for-each select="$items">
      <xsl:if test="position() = 1 and last() gt 1 and $ordered">
        <xsl:value-of select="substring-before($and, '{1}')"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="position() = 1"/>
        <xsl:when test="position() lt last() or not($ordered)">
          <xsl:value-of select="$apart"/>
        </xsl:when>
        <xsl:when test="exists($marked)">
          <!-- the word marked, the spaces around it the page's -->
          <xsl:variable name="joiner" as="xs:string"
              select="substring-before(substring-after($and, '{1}'), '{2}')"/>
          <xsl:value-of select="if (matches($joiner, '^\s')) then ' ' else ''"/>
          <!-- (an element of the page's: a span of no namespace was written xmlns="",
               invalid HTML, probe 167) -->
          <span xmlns="http://www.w3.org/1999/xhtml">
            <xsl:sequence select="$marked"/>
            <xsl:value-of select="normalize-space($joiner)"/>
          </span>
          <xsl:value-of select="if (matches($joiner, '\s$')) then ' ' else ''"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="substring-before(substring-after($and, '{1}'), '{2}')"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test=". instance of node()"><xsl:sequence select="."/></xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="position() = last() and last() gt 1 and $ordered">
        <xsl:value-of select="substring-after($and, '{2}')"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- Dates ============================================================================ -->

  <!-- An ISO date of the year, month or day (YYYY, YYYY-MM, YYYY-MM-DD), a year before the
       common era with a minus sign (-0098-09-11: 11 September 98 BCE, as xs:date reads it);
       a day may have its time (xs:dateTime: 1944-09-04T14:30:00) and any of them a time
       zone, as TEI's att.datable allows. -->
  <xsl:function name="r:is-iso-date" as="xs:boolean">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="matches(string($value),
        '^-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?)?)?)?(Z|[+\-][0-9]{2}:[0-9]{2})?$')"/>
  </xsl:function>

  <!-- Year, month and day of an ISO date (r:is-iso-date), the year with its sign; its time
       and time zone left out. -->
  <xsl:function name="r:iso-parts" as="xs:string*">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="date" as="xs:string"
        select="replace($value, '(T.*|Z|[+\-][0-9]{2}:[0-9]{2})$', '')"/>
    <xsl:variable name="bce" as="xs:boolean" select="starts-with($date, '-')"/>
    <xsl:variable name="parts" as="xs:string*"
        select="tokenize(if ($bce) then substring($date, 2) else $date, '-')"/>
    <xsl:sequence select="((if ($bce) then '-' else '') || $parts[1], subsequence($parts, 2))"/>
  </xsl:function>

  <!-- A year as it is read: no leading zeros (0800 -> 800); a year before the common era
       with its era (-0098 -> 98 BCE). -->
  <xsl:function name="r:year-words" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence select="if (starts-with($year, '-'))
        then r:msg('date.bce', string(xs:integer(substring($year, 2))))
        else string(xs:integer($year))"/>
  </xsl:function>

  <!-- An ISO date in words of the interface: "1944", "September 1944", "1 September 1944";
       without its year ($with-year false): "September", "1 September". Not ISO: as written. -->
  <xsl:function name="r:date-words" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="with-year" as="xs:boolean"/>
    <xsl:variable name="iso" as="xs:boolean" select="r:is-iso-date($value)"/>
    <xsl:variable name="parts" as="xs:string*" select="if ($iso) then r:iso-parts($value) else ()"/>
    <xsl:variable name="month" as="xs:string?"
        select="if ($iso) then $parts[2] ! r:msg('month.' || xs:integer(.)) else ()"/>
    <xsl:variable name="day" as="xs:string?"
        select="if ($iso) then $parts[3] ! string(xs:integer(.)) else ()"/>
    <!-- a day of every year (xs:gMonthDay: "- -09-13") or a month (xs:gMonth: "- -09") -->
    <xsl:variable name="yearless" as="xs:integer*"
        select="analyze-string($value, '^--(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$')
            /*:match//*:group[@nr = ('1', '3')] ! xs:integer(.)"/>
    <!-- hours and minutes of a time (r:is-iso-date writes both with two digits) -->
    <xsl:variable name="time" as="xs:string"
        select="if ($iso and contains($value, 'T'))
            then ', ' || substring(substring-after($value, 'T'), 1, 5) else ''"/>
    <xsl:sequence select="
        if (exists($yearless)) then (if (count($yearless) = 2)
            then r:msg('date.day-month', (string($yearless[2]), r:msg('month.' || $yearless[1])))
            else r:msg('month.' || $yearless[1]))
        else if (not($iso)) then $value
        else if (exists($day)) then (if ($with-year)
            then r:msg('date.day', ($day, $month, r:year-words($parts[1])))
            else r:msg('date.day-month', ($day, $month))) || $time
        else if (exists($month)) then (if ($with-year)
            then r:msg('date.month', ($month, r:year-words($parts[1]))) else $month)
        else r:year-words($parts[1])"/>
  </xsl:function>

  <!-- A century or a decade (date/@type, att.typed: a classification the Guidelines leave
       to the encoder; editions write "century", DISCO's poets among them, and "decade") when
       its value says which, as
       "century 18", "century -1" (1st century BCE), "decade 1840", "decade -840" (the 840s
       BCE); () when it does not. Its attributes first: a year inside it (@when: a century
       never from a year ending in 00, which two ways of counting put in different
       centuries), else its bounds spanning exactly it (notBefore/notAfter or from/to,
       1701-1800 or 1700-1799); else its words when they are its number alone
       (<date type="century">18</date>). A year before the common era is read as r:year-words
       reads it (-0098: 98 BCE). -->
  <xsl:function name="r:period" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="lower-case(normalize-space($date/@type))"/>
    <xsl:variable name="when" as="xs:integer?"
        select="($date/@when, $date/@when-iso)[1] ! r:period-year(., 0)"/>
    <xsl:variable name="start" as="xs:integer?" select="($date/(@from, @from-iso, @notBefore,
        @notBefore-iso))[1] ! r:period-year(., 1)"/>
    <xsl:variable name="end" as="xs:integer?" select="($date/(@to, @to-iso, @notAfter,
        @notAfter-iso))[1] ! r:period-year(., 12)"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space($date)"/>
    <xsl:variable name="number" as="xs:integer?" select="if (matches($words,
        if ($type = 'century') then '^-?[0-9]{1,2}$' else '^-?[0-9]{1,3}0$'))
        then xs:integer($words)[. ne 0] else ()"/>
    <xsl:variable name="found" as="xs:integer?" select="
        if ($type = 'century') then (r:century-of($when, $start, $end), $number)[1]
        else if ($type = 'decade') then (r:decade-of($when, $start, $end), $number)[1]
        else ()"/>
    <xsl:sequence select="$found ! ($type || ' ' || .)"/>
  </xsl:function>

  <!-- The year of an ISO date as a signed number (-0098: -98), when it is the whole year
       or begins ($month 1) or ends it ($month 12) as a bound of a period; any ISO date for a
       year inside it ($month 0). No year 0. -->
  <xsl:function name="r:period-year" as="xs:integer?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="month" as="xs:integer"/>
    <xsl:variable name="v" as="xs:string" select="normalize-space($value)"/>
    <xsl:variable name="parts" as="xs:string*" select="if (r:is-iso-date($v))
        then r:iso-parts($v) else ()"/>
    <xsl:variable name="bound" as="xs:boolean" select="$month = 0 or count($parts) = 1
        or xs:integer($parts[2]) = $month and (count($parts) = 2
            or $parts[3] = (if ($month = 1) then '01' else '31'))"/>
    <xsl:sequence select="if (exists($parts) and $bound and not(contains($v, 'T')))
        then xs:integer($parts[1])[. ne 0] else ()"/>
  </xsl:function>

  <!-- The century (negative before the common era) a year lies in, or bounds span exactly. -->
  <xsl:function name="r:century-of" as="xs:integer?">
    <xsl:param name="when" as="xs:integer?"/>
    <xsl:param name="start" as="xs:integer?"/>
    <xsl:param name="end" as="xs:integer?"/>
    <!-- before the common era, counted back: 200-101 BCE or 199-100 BCE, the 2nd -->
    <xsl:variable name="bce" as="xs:boolean" select="(($when, $start)[1], 0)[1] lt 0"/>
    <xsl:variable name="first" as="xs:integer?"
        select="if ($bce) then $start ! abs(.) else $start"/>
    <xsl:variable name="last" as="xs:integer?" select="if ($bce) then $end ! abs(.) else $end"/>
    <xsl:variable name="n" as="xs:integer?" select="
        if (exists($when)) then (abs($when) idiv 100 + 1)[abs($when) mod 100 ne 0]
        else if (empty($first) or empty($last) or ($start lt 0) ne ($end lt 0)) then ()
        else if (not($bce) and $last - $first = 99)
          then (if ($first mod 100 = 1) then $last idiv 100
                else if ($first mod 100 = 0) then $first idiv 100 + 1 else ())
        else if ($bce and $first - $last = 99)
          then (if ($first mod 100 = 0) then $first idiv 100
                else if ($first mod 100 = 99) then ($first + 1) idiv 100 else ())
        else ()"/>
    <xsl:sequence select="$n ! (if ($bce) then - . else .)"/>
  </xsl:function>

  <!-- The decade (its first year as it is named, "1840s"; before the common era "840s BCE",
       849-840 BCE) a year lies in, or bounds span exactly. -->
  <xsl:function name="r:decade-of" as="xs:integer?">
    <xsl:param name="when" as="xs:integer?"/>
    <xsl:param name="start" as="xs:integer?"/>
    <xsl:param name="end" as="xs:integer?"/>
    <xsl:variable name="d" as="xs:integer?" select="
        if (exists($when)) then (if ($when gt 0) then $when - $when mod 10
          else - (abs($when) - abs($when) mod 10))
        else if (empty($start) or empty($end) or $end - $start ne 9) then ()
        else if ($start gt 0 and $start mod 10 = 0) then $start
        else if ($end lt 0 and abs($end) mod 10 = 0) then $end
        else ()"/>
    <xsl:sequence select="$d[. ne 0]"/>
  </xsl:function>

  <!-- A period of r:period in words of the interface: "18th century", "1st century BCE",
       "1840s"; () for a century the catalogue has no ordinal for. -->
  <xsl:function name="r:period-words" as="xs:string?">
    <xsl:param name="period" as="xs:string"/>
    <xsl:variable name="kind" as="xs:string" select="substring-before($period, ' ')"/>
    <xsl:variable name="n" as="xs:integer" select="xs:integer(substring-after($period, ' '))"/>
    <xsl:variable name="words" as="xs:string?" select="if ($kind = 'century')
        then tokenize(r:msg('date.century-ordinals'), '\s*\|\s*')[abs($n)]
            ! r:msg('date.century', .)
        else r:msg('date.decade', string(abs($n)))"/>
    <xsl:sequence select="$words ! (if ($n lt 0) then r:msg('date.bce', .) else .)"/>
  </xsl:function>

  <!-- What a date typed century or decade says where it stands alone (a letter's head, a
       citation's other dates): its period in words ("18th century") when it has no words
       of its own, or its number alone ("18", "1750"), which tell a reader nothing there;
       () when it is no period or its words say more ("the 1840s" stays). -->
  <xsl:function name="r:period-said" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="r:period($date)[matches(normalize-space($date), '^(-?[0-9]+)?$')]
        ! r:period-words(.)"/>
  </xsl:function>

  <!-- The first year of a period, ISO (century 18: 1701; century -1: -0100; decade -840:
       -0849): where the timeline files a period its attributes do not bound. -->
  <xsl:function name="r:period-start" as="xs:string">
    <xsl:param name="period" as="xs:string"/>
    <xsl:variable name="n" as="xs:integer" select="xs:integer(substring-after($period, ' '))"/>
    <xsl:variable name="year" as="xs:integer" select="
        if (starts-with($period, 'century '))
          then (if ($n gt 0) then ($n - 1) * 100 + 1 else $n * 100)
        else if ($n gt 0) then $n else $n - 9"/>
    <xsl:sequence select="(if ($year lt 0) then '-' else '') || format-number(abs($year), '0000')"/>
  </xsl:function>

  <!-- An ISO 8601 century (@when-iso, att.datable.iso: a calendar date of reduced precision
       written by its first two digits) as its first and last years: "17" is 1700 to 1799,
       neither the 17th century as counted (1601-1700) nor quite the 18th (1701-1800), so it
       is said by its years, never as a counted century. "00" is left out: its first year,
       0000, is 1 BCE in ISO 8601. () for any other value. -->
  <xsl:function name="r:iso-century" as="xs:integer*">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="normalize-space($value)[matches(., '^(0[1-9]|[1-9][0-9])$')]
        ! xs:integer(.) ! (. * 100, . * 100 + 99)"/>
  </xsl:function>

  <!-- A name as an index files it: without a leading article, English or French ("The
       Hague", "La Rochelle", "l'Isle-Adam") or Arabic's, written against the word
       ("القاهرة" under ق, as Arabic indexes file it; probe 61: every organisation and many
       places were filed under ا), with its vowels or an alif wasla ("اَلْجَبَرْتِيّ",
       "ٱلجبرتي": probe 63) too. -->
  <xsl:function name="r:without-article" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="replace(replace($name, '^((the|le|la|les)\s+|l[’'']\s*)', '', 'i'),
        '^[اٱ]\p{M}*ل\p{M}*(\p{L}\p{M}*\p{L})', '$1')"/>
  </xsl:function>

  <!-- The start of a range in words, leaving out what its end repeats: "between September and
       December 1944", "between 1 and 15 September 1944". -->
  <xsl:function name="r:range-start" as="xs:string">
    <xsl:param name="start" as="xs:string"/>
    <xsl:param name="end" as="xs:string"/>
    <xsl:variable name="s" as="xs:string*" select="r:iso-parts($start)"/>
    <xsl:variable name="e" as="xs:string*" select="r:iso-parts($end)"/>
    <xsl:sequence select="
        if (not(r:is-iso-date($start) and r:is-iso-date($end)) or $s[1] ne $e[1]
            or count($s) ne count($e) or count($s) = 1) then r:date-words($start, true())
        else if (count($s) = 3 and $s[2] = $e[2]) then r:day-alone(xs:integer($s[3]))
        else r:date-words($start, false())"/>
  </xsl:function>

  <!-- A day of the month as the interface's language writes it before its month: the day of
       its date.day message with the signs written against it ("1." in German, "1" in
       English): "zwischen 1 und 15. April 1841" lacked the German dot (probe 60). -->
  <xsl:function name="r:day-alone" as="xs:string">
    <xsl:param name="day" as="xs:integer"/>
    <xsl:variable name="full" as="xs:string"
        select="r:msg('date.day', (string($day), '&#xE002;', '&#xE003;'))"/>
    <xsl:sequence select="(analyze-string($full, '[0-9]+[^\s\p{L}&#xE002;&#xE003;]*')
        /*:match ! string(.), string($day))[1]"/>
  </xsl:function>

  <!-- A date as a key that sorts in time: an ISO date of the common era is its own key; a
       year before it (-0098) sorts before every such date, the earlier the year the sooner
       (its years counted down from 9999, its months and days in their order). The index
       orders its timeline by it, and the timeline page the registers' dated entries among
       those dates. -->
  <xsl:function name="r:date-in-order" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="if (matches($value, '^-[0-9]{4}'))
        then '0' || format-number(9999 - xs:integer(substring($value, 2, 4)), '0000')
            || substring($value, 6)
        else '1' || $value"/>
  </xsl:function>

  <!-- A range from the first day of a month to the last day of a month is a range of months
       (1944-09-01 to 1944-12-31: September to December 1944), and one from 1 January to
       31 December a range of years. The timeline, the index pages and the cards say them so
       (probe 60: a card said "between 1 December 1815 and 31 December 1815" where the index
       said "December 1815"). -->
  <xsl:function name="r:whole-months" as="xs:string+">
    <xsl:param name="start" as="xs:string"/>
    <xsl:param name="end" as="xs:string"/>
    <xsl:variable name="months" as="xs:boolean" select="r:is-iso-date($start) and r:is-iso-date($end)
        and string-length($start) = 10 and string-length($end) = 10 and ends-with($start, '-01')
        and ($end castable as xs:date)
        and xs:date($end) = xs:date(substring($end, 1, 8) || '01') + xs:yearMonthDuration('P1M')
            - xs:dayTimeDuration('P1D')"/>
    <xsl:sequence select="
        if (not($months)) then ($start, $end)
        else if (substring($start, 6, 5) = '01-01' and substring($end, 6, 5) = '12-31')
          then (substring($start, 1, 4), substring($end, 1, 4))
        else (substring($start, 1, 7), substring($end, 1, 7))"/>
  </xsl:function>

  <!-- What a date element without words of its own says by its attributes (att.datable:
       "<date when="1900-01-01"/>", "<date from="1890" to="1910"/>"), in words of the
       interface: "1 January 1900", "from 1890 to 1910", "between 1890 and 1910" (notBefore and
       notAfter: an uncertain date), "until 1910" ...; a century or a decade as such
       (r:period: "18th century"); an ISO 8601 century by its years (r:iso-century:
       when-iso="17", "1700–1799"); empty when nothing dates it. -->
  <xsl:function name="r:date-attribute-words" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="iso-century" as="xs:integer*"
        select="$date[empty(@when)] ! r:iso-century(@when-iso)"/>
    <xsl:variable name="period" as="xs:string?" select="(r:period($date) ! r:period-words(.),
        string-join($iso-century ! string(.), '–')[. != ''])[1]"/>
    <xsl:variable name="when" as="xs:string?" select="($date/@when, $date/@when-iso)[1]
        ! normalize-space(.)[. != '']"/>
    <xsl:variable name="span" as="xs:boolean" select="exists($date/(@from | @to | @from-iso
        | @to-iso))"/>
    <xsl:variable name="start" as="xs:string?" select="($date/(@from, @from-iso, @notBefore,
        @notBefore-iso))[1] ! normalize-space(.)[. != '']"/>
    <xsl:variable name="end" as="xs:string?" select="($date/(@to, @to-iso, @notAfter,
        @notAfter-iso))[1] ! normalize-space(.)[. != '']"/>
    <xsl:sequence select="
        if (exists($period)) then $period
        else if (exists($when)) then r:date-words($when, true())
        else if (exists($start) and exists($end)) then (
          let $range := r:whole-months($start, $end)
          return if ($range[1] = $range[2]) then r:date-words($range[1], true())
            else r:msg(if ($span) then 'date.from-to' else 'date.between',
              (r:range-start($range[1], $range[2]), r:date-words($range[2], true()))))
        else if (exists($start)) then r:msg(if ($span) then 'date.from' else 'date.after',
          r:date-words($start, true()))
        else if (exists($end)) then r:msg(if ($span) then 'date.to' else 'date.before',
          r:date-words($end, true()))
        else ()"/>
  </xsl:function>

  <!-- An xs:duration as a reader reads it: "PT1H2M30S" -> "1 h 2 min 30 s"; as written when it
       is none. -->
  <xsl:function name="r:duration-words" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="v" as="xs:string" select="normalize-space($value)"/>
    <xsl:choose>
      <xsl:when test="$v castable as xs:dayTimeDuration">
        <xsl:variable name="d" as="xs:dayTimeDuration" select="xs:dayTimeDuration($v)"/>
        <xsl:variable name="hours" as="xs:integer"
            select="days-from-duration($d) * 24 + hours-from-duration($d)"/>
        <xsl:variable name="seconds" as="xs:decimal" select="seconds-from-duration($d)"/>
        <xsl:sequence select="(string-join(($hours[. ne 0] ! (. || ' h'),
            minutes-from-duration($d)[. ne 0] ! (. || ' min'),
            $seconds[. ne 0] ! (. || ' s')), ' ')[. != ''], $v)[1]"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$v"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- lang and dir of the interface for the words it adds inside a text (a heading "Edition",
       "omitted 3 characters" for a screen reader), when the language around them is another:
       the nearest xml:lang, else the header's first declared language; in a text that
       declares none, the direction of its script (probe 32: OpenITI's Persian texts of no
       declared language read a gap's "omitted 2 words" right to left, unmarked), as it
       decides the text's (languages.xsl, r:text-dir). -->
  <xsl:function name="r:ui-words" as="attribute()*">
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="around" as="xs:string?" select="($context/ancestor-or-self::*[@xml:lang][1]
        /@xml:lang, root($context)/*/*:teiHeader/*:profileDesc/*:langUsage/*:language[1]
        /@ident)[1]"/>
    <xsl:variable name="tei" as="element()?" select="$context/ancestor-or-self::*:TEI[last()]"/>
    <xsl:sequence select="if (exists($around) or empty($tei)) then r:ui-attributes($around, ())
        else r:ui-attributes((), r:undeclared-dir($tei))"/>
  </xsl:function>

  <!-- The direction of the script of a text's words, once per text: r:ui-words asks it for
       every word the interface adds. -->
  <xsl:function name="r:undeclared-dir" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="r:script-dir((($tei/*:text, $tei/*:sourceDoc)[1]
        //text()[normalize-space()])[position() le 200])"/>
  </xsl:function>

  <!-- The letters of the scripts written right to left: Hebrew to Arabic Extended-A (with
       Syriac, Thaana, N'Ko, Samaritan, Mandaic), the presentation forms, the historical
       scripts from Cypriot to Elymaic (Phoenician, Aramaic, Kharoshthi, Avestan, Sogdian
       ...), and Mende Kikakui, Adlam and Arabic mathematical letters. -->
  <xsl:variable name="r:rtl-letters" as="xs:string"
      select="'[&#x0590;-&#x08FF;&#xFB1D;-&#xFDFF;&#xFE70;-&#xFEFF;&#x10800;-&#x10FFF;&#x1E800;-&#x1EEFF;]'"/>

  <!-- 'rtl' when most letters of $sample are in a right-to-left script block. -->
  <xsl:function name="r:script-dir" as="xs:string">
    <xsl:param name="sample" as="text()*"/>
    <xsl:variable name="letters" as="xs:string" select="replace(string-join($sample), '\P{L}', '')"/>
    <xsl:variable name="rtl" as="xs:string" select="replace($letters,
        '[^' || substring($r:rtl-letters, 2), '')"/>
    <xsl:sequence select="if (string-length($rtl) * 2 gt string-length($letters)) then 'rtl'
        else 'ltr'"/>
  </xsl:function>

  <!-- The same, for words inside an element that carries $marked (its lang and dir, which
       may be empty): those are what is around them on the page, whatever the source's
       language about $context ("Witnesses" in a section marked Tamil, from a header in
       English, took the Tamil). -->
  <xsl:function name="r:ui-words-under" as="attribute()*">
    <xsl:param name="marked" as="attribute()*"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="if (exists($marked[local-name() = 'lang']))
        then r:ui-attributes(string($marked[local-name() = 'lang']),
            $marked[local-name() = 'dir'] ! string(.))
        else r:ui-words($context)"/>
  </xsl:function>

  <!-- lang and dir of the interface when the language ($lang) or the direction ($dir) of what
       is around its words is another; nothing when they are not known. -->
  <xsl:function name="r:ui-attributes" as="attribute()*">
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:param name="dir" as="xs:string?"/>
    <xsl:if test="(exists($lang) and r:primary-subtag($lang) ne r:primary-subtag(r:ui-lang()))
        or (exists($dir) and $dir ne r:ui-dir())">
      <xsl:attribute name="lang" select="r:ui-lang()"/>
      <xsl:attribute name="dir" select="r:ui-dir()"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="r:primary-subtag" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:sequence select="lower-case(tokenize(normalize-space($code), '[-_]')[1])"/>
  </xsl:function>

  <xsl:function name="r:ui-lang" as="xs:string">
    <xsl:sequence select="(string($messages/*/@xml:lang)[. != ''], 'en')[1]"/>
  </xsl:function>

  <xsl:function name="r:ui-dir" as="xs:string">
    <xsl:sequence select="(string($messages/*/@dir)[. = ('ltr', 'rtl')], 'ltr')[1]"/>
  </xsl:function>

</xsl:stylesheet>

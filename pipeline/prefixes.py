"""Private URI prefixes (TEI Guidelines 16.2.3, ``listPrefixDef``/``prefixDef``) for the
reference checker: ``psn:0012`` is an abbreviated pointer whose expansion the document's
header declares (``matchPattern="([0-9]{4})" replacementPattern="persons.xml#p$1"``).

gated tree -> ``Prefixes.of(root)`` (the header's declarations, in order) -> ``expand(token)``
for each pointer token with a declared prefix -> the ordinary pointer (``persons.xml#p0012``,
relative to the document) that ``validate.references`` resolves. The build expands the same
way in XSLT (``ed:expand`` in ``xslt/stages/normalize.xsl``), with XPath's own ``replace()``;
the patterns are read here as XPath reads them (``xpath_regex``).

A prefix no ``prefixDef`` declares (``http:``, ``gnd:`` of an authority file) is no
abbreviated pointer: the token is kept as written, an address outside the edition.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex
from lxml import etree

from . import xpath_regex
from .gate import TEI_NS

#: Where declarations stand: the header of the document, or of a corpus's members.
_PATHS = tuple(
    f"{member}{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}encodingDesc/{{{TEI_NS}}}listPrefixDef/"
    f"{{{TEI_NS}}}prefixDef"
    for member in ("", f"{{{TEI_NS}}}TEI/")
)
_TOKEN = re.compile(r"([A-Za-z][A-Za-z0-9+.\-_]*):(.*)", re.S)


#: The seconds a pattern may take on one token. A pattern whose alternatives overlap
#: ("(a|aa)+$") takes time exponential in the token's length where it fails to match,
#: which no reading of the pattern can tell for every pattern; Saxon stops such a match at
#: its backtracking limit and the build keeps the token as written, so the check does the
#: same at this limit (a language server or a check held for minutes by one pointer).
TIME_LIMIT = 0.1


class _Rule(NamedTuple):
    ident: str
    match: regex.Pattern[str]
    replacement: str  # in the form re.sub reads


class Prefixes(NamedTuple):
    """The ``prefixDef`` declarations of one document, in document order."""

    rules: tuple[_Rule, ...]

    @classmethod
    def of(cls, root: etree._Element) -> Prefixes:
        rules = []
        for element in (e for path in _PATHS for e in root.iterfind(path)):
            ident = (element.get("ident") or "").strip()
            pattern = element.get("matchPattern")
            replacement = element.get("replacementPattern")
            if not ident or pattern is None or replacement is None:
                continue
            # read as XPath reads it (probe 125: "(\\w+)" made "#anna_b" of "anna_b" where
            # the build made "#anna_#b"; "\\p{Lu}" expanded nothing here and "(?i)" nothing
            # there)
            written = xpath_regex.to_python(pattern)
            try:
                # the regex module's matcher, Python's own read alike (VERSION0), for its
                # time limit: re has none
                compiled = regex.compile(written, regex.VERSION0) if written is not None else None
            except (regex.error, OverflowError, RecursionError):  # never a crash (probe 129)
                compiled = None
            if compiled is None:
                continue  # a pattern XPath refuses expands nothing (never a crash)
            if _search(compiled, "") is not None:
                continue  # XPath's replace() refuses a pattern that matches nothing at all
            template = _template(replacement, compiled.groups)
            if template is not None:
                rules.append(_Rule(ident, compiled, template))
        return cls(tuple(rules))

    def expand(self, token: str) -> str:
        """The pointer ``token`` stands for: the replacement of the first declaration of its
        prefix whose pattern matches what follows the colon, else ``token`` as written."""
        found = _TOKEN.fullmatch(token) if self.rules else None
        if found is None:
            return token
        prefix, rest = found.groups()
        for rule in self.rules:
            if rule.ident == prefix and _search(rule.match, rest):
                try:
                    return rule.match.sub(rule.replacement, rest, timeout=TIME_LIMIT)
                except TimeoutError:
                    continue
        return token


def _search(pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """The first match of ``pattern`` in ``text``, or None, also when finding it takes
    longer than ``TIME_LIMIT`` (as Saxon's backtracking limit: no match)."""
    try:
        return pattern.search(text, timeout=TIME_LIMIT)
    except TimeoutError:
        return None


def _template(replacement: str, groups: int) -> str | None:
    """A replacement of XPath's ``replace()`` in the form ``re.sub`` reads, or None for one
    XPath refuses (a backslash before anything but "$" or a backslash, a "$" before no
    digit: probe 129, "\\8" and a trailing backslash failed the whole file). "$12" is group
    12 when the pattern has twelve groups, else group 1 and a "2" (the longest number of a
    group there is, as F&O's ``fn:replace`` reads it); a group the pattern does not have is
    the empty string."""
    out: list[str] = []
    i = 0
    while i < len(replacement):
        c = replacement[i]
        if c == "\\":
            following = replacement[i + 1 : i + 2]
            if following not in ("\\", "$"):
                return None
            out.append("\\\\" if following == "\\" else "$")
            i += 2
        elif c == "$":
            digits = _DIGITS.match(replacement, i + 1)
            if digits is None:
                return None
            run = digits.group()
            cut = next((n for n in range(len(run), 0, -1) if int(run[:n]) <= groups), 1)
            number = int(run[:cut])
            out.append(f"\\g<{number}>" if number <= groups else "")
            out.append(run[cut:])
            i = digits.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


_DIGITS = re.compile(r"\d+")

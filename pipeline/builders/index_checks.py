"""The diagnostics of the entity index: what in the corpus the index could not use.

entity index XML + corpus -> unresolved references (``index.unresolved-ref``, or
``index.external-ref`` for addresses outside the registers), names without ``@ref`` (one
``index.untagged-name`` per form), register entries never mentioned
(``index.unused-entry``: neither named nor speaking; a cast list's roles are listed by it),
entries without an id (``index.entry-without-id``), entries declared differently in several
files (``index.entity-differs``) and, in registers that link to authority files, entries
whose identifier is unknown (``index.no-authority``), each placed at its line in the source
files and, for an entry, at the "<" of its start tag (``stages.entry_place``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic, Severity, quoted
from ..gate import SourceDocument
from ..links import pointed_ids
from ..locators import MENTIONS, XML_ID, notes_apart
from ..sources import used_ids as used_by_text
from ..stages import (
    WORK_KINDS,
    CastScopes,
    HasLists,
    entity_differences,
    entries_without_id,
    entry_place,
    register_entries,
)
from ..validate.references import EXPECTED_KIND, REGISTER_ENTRIES
from .date_words import disagreement
from .index_model import DATABLE, NS, TEI_NS
from .missed import untagged_mentions

if TYPE_CHECKING:
    from ..build import Corpus

_ORIGIN = "index"


@dataclass(frozen=True)
class Untagged:
    """The names of one form tagged without ``@ref`` in one text: how many, and the first."""

    form: str
    element: str
    count: int
    path: str
    line: int | None
    column: int | None = None


@dataclass(frozen=True)
class TextProblems:
    """What one text's index says is wrong, placed in the text (``text_problems``)."""

    references: tuple[Diagnostic, ...] = ()
    untagged: tuple[Untagged, ...] = ()


def text_problems(
    document: SourceDocument,
    index: str,
    unresolved: Severity = Severity.WARNING,
    published: Set[str] = frozenset(),
) -> TextProblems:
    """Unresolved and external references, and untagged names by form, of one text's index.
    ``published``: the files, as written, that the build publishes as texts (the
    ``linked-files`` of the page): a name pointing into one links to its page, and is not
    told (probe 43)."""
    root = etree.fromstring(index.encode("utf-8"))
    lines = _MentionLines({document.stem: document})
    told = (
        *_references(root, lines, unresolved, published),
        *_wrong_kinds(root, lines),
        *_bad_dates(root, lines),
        *untagged_mentions(document),
    )
    return TextProblems(told, tuple(_untagged(root, lines)))


def index_diagnostics(
    corpus: Corpus, root: etree._Element, *, unresolved: Severity = Severity.ERROR
) -> list[Diagnostic]:
    """Unresolved references, names without @ref (one per form) and unused register entries."""
    lines = _MentionLines({t.stem: t.source for t in corpus.texts})
    found = [*_references(root, lines, unresolved), *_wrong_kinds(root, lines)]
    found += _bad_dates(root, lines)
    found += [d for t in corpus.texts for d in untagged_mentions(t.source)]
    sources = [*corpus.register_files, *(t.source for t in corpus.texts)]
    used = {c for t in corpus.texts for c in used_by_text(t.source.root)}
    untagged = [_untagged(root, lines)]
    return found + corpus_problems(root, untagged, sources, used, corpus.scopes)


def corpus_problems(
    root: etree._Element,
    untagged: Iterable[Iterable[Untagged]],
    sources: Sequence[HasLists],
    used_ids: Set[str] = frozenset(),
    scopes: CastScopes | None = None,
) -> list[Diagnostic]:
    """What only the whole corpus shows: each untagged form once (with its count over every
    text, at its first place), register entries never mentioned, entries declared
    differently in several files. ``sources``: the register files, then the texts, in the
    order ``registers_document`` merged them; ``scopes``: the cast entries it scoped
    (``stages.cast_scopes`` of ``sources``, worked out when not given)."""
    forms: dict[str, list[Untagged]] = {}
    for per_text in untagged:
        for item in per_text:
            forms.setdefault(item.form, []).append(item)
    found = []
    for form, items in forms.items():
        first, total = items[0], sum(i.count for i in items)
        found.append(
            diag.warning(
                first.path,
                "index.untagged-name",
                f"{first.element} {quoted(form)} has no @ref ({total} "
                f"{'time' if total == 1 else 'times'}); point it at a register entry",
                line=first.line,
                column=first.column,
                origin=_ORIGIN,
            )
        )
    found.extend(_unused(root, sources, used_ids))
    found.extend(_without_id(sources))
    found.extend(entity_differences(sources, scopes))
    found.extend(_without_authority(root, sources))
    found.extend(_malformed_authority(sources))
    return found


#: The identifiers of the authority files the pages link (xslt/common/authorities.xsl,
#: ``ed:authorities``, which the index and the cards read alike): what one must look like.
AUTHORITY_FORMS = {
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "Wikidata", "Q followed by digits, Q31"),
    "viaf": (re.compile(r"[0-9]+"), "VIAF", "digits, 102333412"),
    "geonames": (re.compile(r"[0-9]+"), "GeoNames", "digits, 2802361"),
    "gnd": (re.compile(r"[0-9]+[0-9X]?(-[0-9X])?"), "GND", "digits, 118540238 or 4005728-8"),
}
_PREFIXED = re.compile(r"[A-Za-z-]+:\s*")


def _written_idno(idno: etree._Element, value: str) -> str:
    """An idno as written: its type, and its subtype when it has one (probe 144: a subtype's
    authority was quoted as the type)."""
    attributes = "".join(f' {n}="{idno.get(n)}"' for n in ("type", "subtype") if idno.get(n))
    return f"<idno{attributes}>{value}</idno>"


def _malformed_authority(sources: Sequence[HasLists]) -> list[Diagnostic]:
    """``index.bad-authority``: an identifier typed as one of a known authority file that
    cannot be one ("Q31x", "Belgium" for Wikidata): the pages link it nowhere, and the
    editors believed the entry identified (probe 141: the card linked wikidata.org/wiki/Q31x,
    the index did not, and the entry's ``index.no-authority`` note was gone). An address
    (http, https) is the editors' own and is not judged."""
    found = []
    for doc in sources:
        for entry, key in register_entries(doc):
            for idno in entry.iterfind(f"{{{TEI_NS}}}idno"):
                kind = (idno.get("type") or "").strip().lower()
                if kind in ("url", "uri", "link"):
                    # typed by its form, its authority named by @subtype (authorities.xsl)
                    kind = (idno.get("subtype") or "").strip().lower()
                value = " ".join("".join(idno.itertext()).split())
                form = AUTHORITY_FORMS.get(kind)
                if form is None or not value or re.match(r"https?://", value):
                    continue
                bare = _PREFIXED.sub("", value, count=1)
                if form[0].fullmatch(value) or form[0].fullmatch(bare):
                    continue
                path, line, column = entry_place(doc, entry)
                found.append(
                    diag.warning(
                        path,
                        "index.bad-authority",
                        f"register entry {quoted(key)} has {_written_idno(idno, value)}, "
                        f"which is no {form[1]} identifier ({form[2]}): the pages link it to "
                        "nothing; correct it, or leave the idno empty while it is unknown",
                        line=line,
                        column=column,
                        origin=_ORIGIN,
                    )
                )
    return found


def _without_authority(root: etree._Element, sources: Sequence[HasLists]) -> list[Diagnostic]:
    """``index.no-authority``: an indexed entry with no authority identifier, or only an
    empty one, in registers that give identifiers (some entry has an ``idno``). An identifier
    the editors are unsure of is left out, and the entry stays unidentified until somebody
    finds it: the build says which entries wait (the reading of belgium-1944 against its
    source). Registers without any ``idno`` link to no authority file and are told nothing."""
    names = {
        str(e.get("id")): e.findtext("ed:name", "", NS)
        for e in root.iterfind("ed:entities/ed:entity", NS)
    }
    first: dict[str, tuple[HasLists, etree._Element]] = {}
    for doc in sources:
        for entry, key in register_entries(doc):
            if key in names:
                first.setdefault(key, (doc, entry))
    written = {
        key: ["".join(i.itertext()).strip() for i in entry.iterfind(f"{{{TEI_NS}}}idno")]
        for key, (_, entry) in first.items()
    }
    if not any(written.values()):
        return []
    found = []
    for key, (doc, entry) in first.items():
        if any(written[key]):
            continue
        path, line, column = entry_place(doc, entry)
        # an idno left empty is the editors' "unknown": say so, it is no forgotten value
        why = "its idno is empty" if written[key] else "no idno"
        found.append(
            diag.info(
                path,
                "index.no-authority",
                f"register entry {quoted(key)} ({names[key] or key}) has no authority identifier "
                f"({why}): the index links it to no authority file",
                line=line,
                column=column,
                origin=_ORIGIN,
            )
        )
    return found


def _without_id(sources: Sequence[HasLists]) -> list[Diagnostic]:
    """``index.entry-without-id``: a named register entry that cannot be in the index (probe
    16: a Syriaca.org gazetteer record whose place has no id, only its names have: the place
    was left out of the index and nothing said so). An entry without a name of its own (a
    dated event of a publication history, described by its desc) is no entity anybody looks
    up: it passes without a word."""
    found = []
    for doc in sources:
        for entry in entries_without_id(doc):
            named = [
                child
                for child in entry
                if isinstance(child.tag, str)
                # a place of a gazetteer may be named by its parts alone (probe 18)
                and re.fullmatch(
                    r"name|[a-z]+Name|settlement|district|region|country|bloc",
                    etree.QName(child).localname,
                )
            ]
            names = [" ".join("".join(child.itertext()).split()) for child in named]
            # an entry whose every name points at an entry of the registers is that entry,
            # named again where it is part of another (probe 24: an event's place,
            # <place><placeName ref="pmb337">Hotel de France</placeName></place>)
            if not any(names) or all(
                (child.get("ref") or child.get("key") or "").strip() for child in named
            ):
                continue
            path, line, column = entry_place(doc, entry)
            first = next(n for n in names if n)
            found.append(
                diag.warning(
                    path,
                    "index.entry-without-id",
                    f"register entry {etree.QName(entry).localname} ({first}) has no xml:id: "
                    "nothing can point at it, and the index leaves it out",
                    line=line,
                    column=column,
                    origin=_ORIGIN,
                )
            )
    return found


def _references(
    root: etree._Element,
    lines: _MentionLines,
    unresolved: Severity,
    published: Set[str] = frozenset(),
) -> Iterator[Diagnostic]:
    for mention in root.iterfind("ed:unresolved/ed:mention", NS):
        first = (mention.get("ref") or "").split()[:1]
        if first and "#" in first[0] and first[0].partition("#")[0] in published:
            continue
        if mention.get("pointer") == "true":
            yield _dangling(mention, lines, unresolved)
            continue
        name = f"{mention.get('element')} {quoted(mention.findtext('ed:text', '', NS))}"
        path, line, column = lines.place(mention, "ref")
        if mention.get("external") == "true":
            # an address names the entry that gives it as its idno; a prefixed name
            # (viaf:123) does once its prefix is declared as the address it stands for
            ref = mention.get("ref") or ""
            element = lines.element(mention)
            declared = element is not None and _declares(element, ref.partition(":")[0])
            advice = (
                "give the register entry meant that address as its idno (the name then names "
                "the entry), or point at the entry"
                if re.match(r"(?i)https?://", mention.get("expanded") or ref)
                # a prefix its header declares, whose pattern did not read the pointer (or
                # that XPath refused, or gave up on): probe 129 was told to declare it
                else "its header's prefixDef for that prefix does not read it (its pattern "
                "does not match, or XPath refuses it or gives up on it): fix the prefixDef or "
                "the pointer"
                if declared
                else "declare its prefix in the header (prefixDef) as the address an entry "
                "gives as its idno, or point at the entry"
            )
            yield diag.warning(
                path,
                "index.external-ref",
                f"{name} points at {quoted(mention.get('ref'))}, outside the registers, and is "
                f"not indexed; {advice}",
                line=line,
                column=column,
                origin=_ORIGIN,
            )
            continue
        if mention.get("partial") == "true":
            # one pointer of a list whose others name entries (probe 125)
            said = (
                f"{name} points at {quoted(mention.get('ref'))} too, which is no register entry "
                f"(the mention is indexed under the others){_UNRESOLVED_ADVICE}"
            )
        else:
            # an abbreviated pointer: what the header's prefixDef made of it, where it was
            # looked for
            expanded = mention.get("expanded")
            read = f" (read as {quoted(expanded)} by its header's prefixDef)" if expanded else ""
            bare = _bare_ids(mention.get("bare-ids") or "")
            said = f"{name} points at {quoted(mention.get('ref'))}{read}" + (
                bare or f", which is no register entry{_UNRESOLVED_ADVICE}"
            )
        yield Diagnostic(path, line, column, unresolved, "index.unresolved-ref", said, _ORIGIN)


_UNRESOLVED_ADVICE = "; add the entry to a register or fix the @ref"


def _wrong_kinds(root: etree._Element, lines: _MentionLines) -> Iterator[Diagnostic]:
    """A person's, place's or organisation's name whose @ref names an entry of another kind
    (an orgName at a place): the index files the mention under that entry, as it was
    pointed, and ``edition check`` calls it ``refs.wrong-kind``; the build says so too,
    a warning, at the same attribute."""
    for entity in root.iterfind("ed:entities/ed:entity", NS):
        kind = entity.get("type", "")
        for occurrence in entity.iterfind("ed:occurrence", NS):
            element = lines.element(occurrence)
            if element is None or not isinstance(element.tag, str):
                continue
            name = etree.QName(element).localname
            expected = EXPECTED_KIND.get(name)
            if not expected or kind in expected or element.get("ref") is None:
                continue
            path, line, column = lines.place(occurrence, "ref")
            words = " ".join(occurrence.findtext("ed:text", "", NS).split())
            kinds = " or ".join(filter(None, (", ".join(expected[:-1]), expected[-1])))
            yield diag.warning(
                path,
                "index.wrong-kind",
                f"{name} {quoted(words)} points at {quoted(entity.get('id'))}, which is "
                f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}: the "
                f"index lists it there; use the element of what the name names, or point "
                f"@ref at the {kinds} entry meant",
                line=line,
                column=column,
                origin=_ORIGIN,
            )


def _declares(element: etree._Element, prefix: str) -> bool:
    """Whether the header of ``element``'s document (or corpus) declares ``prefix``."""
    if not prefix:
        return False
    for holder in element.iterancestors(f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        for found in holder.iterfind(
            f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}encodingDesc/{{{TEI_NS}}}listPrefixDef/"
            f"{{{TEI_NS}}}prefixDef"
        ):
            if (found.get("ident") or "").strip() == prefix:
                return True
    return False


def _dangling(mention: etree._Element, lines: _MentionLines, severity: Severity) -> Diagnostic:
    """A pointer at an id a bibliography file does not have (``pointer="true"``: a ``ptr``
    or ``ref``, a short reference's ``@ref``, a reading's ``@source``), placed at its
    attribute as ``edition check`` places ``refs.dangling``."""
    element, attribute = mention.get("element", ""), mention.get("attribute", "")
    ref = mention.get("ref", "")
    written, _, ident = ref.partition("#")
    path, line, column = lines.place_pointer(mention)
    return Diagnostic(
        path,
        line,
        column,
        severity,
        "index.unresolved-ref",
        f'{element} @{attribute}="{ref}" points at no work: the bibliography {written} has no '
        f'xml:id "{ident}", and the words are shown without a link; add the work to the '
        "bibliography or fix the id",
        _ORIGIN,
    )


def _bare_ids(bare: str) -> str:
    """The advice for a @ref written as a bare id (probe 18: the Bullinger letters'
    ref="p495", their registers' ids): a pointer is a URI, so "p495" names a file, and the
    warning said "no register entry" of an id the registers have. ``bare``: the tokens the
    index found to be ids of register entries (``bare-ids``; a placeholder such as
    ``no_ref`` is none, and is told no "#", probe 21)."""
    tokens = bare.split()
    if not tokens:
        return ""
    # the entry is there: what is wrong is the missing "#" (probe 88: "which is no register
    # entry" was said of an entry the registers have)
    ids = ", ".join(tokens)
    return (
        f", the address of a file of that name, not the register entry {ids}: to point at an "
        "entry's id, write " + " ".join(f"#{token}" for token in tokens)
    )


def _bad_dates(root: etree._Element, lines: _MentionLines) -> Iterator[Diagnostic]:
    """The timeline's values that are no date (``1852-02-30``, ``1944-13``, ``Nov. 1944``):
    they are published as written, so the build says so where ``edition check`` would."""
    for date in root.iterfind("ed:timeline/ed:date", NS):
        # read from att.datable.iso (``iso``): the index took only calendar dates that exist,
        # and ISO 8601 allows what the W3C types do not (a time without seconds)
        iso = date.get("iso") == "true"
        for name in () if iso else DATABLE:
            value = date.get(name)
            why = None if value is None else date_problem(value)
            if why is not None:
                path, line, column = lines.place(date, name)
                yield diag.warning(
                    path,
                    "index.bad-date",
                    f'@{name}="{value}" {why}; the timeline and the text show it as '
                    "written: correct the value (edition check says how)",
                    line=line,
                    column=column,
                    origin=_ORIGIN,
                )
        for start, end in (("from", "to"), ("notBefore", "notAfter")):
            first, last = date.get(start), date.get(end)
            if first is None or last is None:
                continue
            earliest, latest = _bounds(first), _bounds(last)
            if earliest is not None and latest is not None and earliest[0] > latest[1]:
                suffix = "-iso" if iso else ""
                path, line, column = lines.place(date, start + suffix)
                yield diag.warning(
                    path,
                    "index.bad-date",
                    f'@{start}{suffix}="{first}" comes after @{end}{suffix}="{last}": the range '
                    "ends before it begins, and the timeline files it at its start; swap the "
                    "values",
                    line=line,
                    column=column,
                    origin=_ORIGIN,
                )
        told = _words_disagree(date, iso)
        if told is not None:
            name, why = told
            path, line, column = lines.place(date, name)
            words = " ".join((date.findtext("ed:text", "", NS) or "").split())
            yield diag.warning(
                path,
                "index.date-words",
                f'@{name}="{date.get(name)}" does not say "{words}": {why}, and the timeline '
                "files it by its value; correct the value or the words, or, for words of "
                "another calendar (Old Style), name it (@calendar)",
                line=line,
                column=column,
                origin=_ORIGIN,
            )


def _words_disagree(date: etree._Element, iso: bool) -> tuple[str, str] | None:
    """The attribute of a timeline record whose value its words contradict ("April 1943",
    when="1943-05": probe 94), and why; None when they agree or cannot be compared (a value of
    another calendar, an ISO value, a century, a value that is no date)."""
    if iso or date.get("calendar") or date.get("period"):
        return None
    words = date.findtext("ed:text", "", NS) or ""
    start = next((n for n in ("when", "from", "notBefore") if date.get(n)), None)
    end = next((n for n in ("when", "to", "notAfter") if date.get(n)), None)
    first = _bounds(date.get(start, "")) if start else None
    last = _bounds(date.get(end, "")) if end else None
    if not words.strip() or (first is None and last is None):
        return None
    # an open range is open on its open side
    earliest = first[0] if first is not None else (-9999, 1, 1)
    latest = last[1] if last is not None else (9999, 12, 31)
    told = disagreement(words, earliest, latest)
    if told is None:
        return None
    why, side = told
    return str((end if side == "end" else start) or start or end), why


def _bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """The first and the last day a date, a month or a year (with or without a time) takes
    in: (year, month, day) twice; None for a value that is no such date."""
    if date_problem(value) is not None:
        return None
    for kind in ("date", "dateTime", "gYearMonth", "gYear"):
        match = _SHAPES[kind].fullmatch(value)
        if match is not None:
            year, *rest = (int(p) for p in match.groups()[:3] if p is not None)
            if kind == "gYear":
                return (year, 1, 1), (year, 12, 31)
            if kind == "gYearMonth":
                return (year, rest[0], 1), (year, rest[0], 31)
            return (year, rest[0], rest[1]), (year, rest[0], rest[1])
    return None


_ZONE = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"(-?\d{4,})"
_TIME = r"(\d\d):(\d\d):(\d\d)(?:\.\d+)?"
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: The W3C datatypes TEI allows in those attributes, and the parts each names.
_SHAPES = {
    "date": re.compile(rf"{_YEAR}-(\d\d)-(\d\d){_ZONE}"),
    "dateTime": re.compile(rf"{_YEAR}-(\d\d)-(\d\d)T{_TIME}{_ZONE}"),
    "gYearMonth": re.compile(rf"{_YEAR}-(\d\d){_ZONE}"),
    "gYear": re.compile(rf"{_YEAR}{_ZONE}"),
    "gMonthDay": re.compile(rf"--(\d\d)-(\d\d){_ZONE}"),
    "gMonth": re.compile(rf"--(\d\d){_ZONE}"),
    "gDay": re.compile(rf"---(\d\d){_ZONE}"),
    "time": re.compile(rf"{_TIME}{_ZONE}"),
}


def date_problem(value: str) -> str | None:
    """Why ``value`` is no W3C date, time or partial date (None when it is one): a month or
    day that does not exist (the proleptic Gregorian calendar; XML Schema 1.1 counts a year
    0000), a time past 24:00:00, or no such shape at all."""
    for kind, shape in _SHAPES.items():
        match = shape.fullmatch(value)
        if match is None:
            continue
        parts = [int(p) for p in match.groups()]
        year = parts[0] if kind in ("date", "dateTime", "gYearMonth", "gYear") else 0
        month_at = {"date": 1, "dateTime": 1, "gYearMonth": 1, "gMonthDay": 0, "gMonth": 0}
        if kind in month_at:
            month = parts[month_at[kind]]
            if not 1 <= month <= 12:
                return f"has no month {month:02d}"
            if kind in ("date", "dateTime", "gMonthDay"):
                day = parts[month_at[kind] + 1]
                leap = kind == "gMonthDay" or calendar.isleap(year)
                last = 29 if month == 2 and leap else _DAYS[month - 1]
                if not 1 <= day <= last:
                    return f"has no day {day:02d} (the month has {last} days)"
        if kind == "gDay" and not 1 <= parts[0] <= 31:
            return f"has no day {parts[0]:02d}"
        if kind in ("dateTime", "time"):
            hour, minute, second = parts[-3:]
            if (hour, minute, second) != (24, 0, 0) and not (
                hour < 24 and minute < 60 and second < 60
            ):
                return f"has no time {hour:02d}:{minute:02d}:{second:02d}"
        return None
    return "is no ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time)"


def _untagged(root: etree._Element, lines: _MentionLines) -> list[Untagged]:
    forms: dict[str, list[etree._Element]] = {}
    for mention in root.iterfind("ed:untagged/ed:mention", NS):
        forms.setdefault(mention.findtext("ed:text", "", NS), []).append(mention)
    found = []
    for form, mentions in forms.items():
        path, line, column = lines.place(mentions[0])
        element = str(mentions[0].get("element"))
        found.append(Untagged(form, element, len(mentions), path, line, column))
    return found


def _mentions(root: etree._Element) -> list[etree._Element]:
    """The names and dates of a text in document order, as the index stylesheet counts them
    (``ed:ordinal``): those of its outermost ``text`` and ``sourceDoc`` elements (a nested text
    is inside one of them) and of the notes its ``standOff`` keeps (``notes_apart``)."""
    texts = (f"{{{TEI_NS}}}text", f"{{{TEI_NS}}}sourceDoc")
    holders = [t for t in root.iter(*texts) if not any(a.tag in texts for a in t.iterancestors())]
    apart = notes_apart(root)
    if not apart:  # the common case: no ancestor looked up for each name
        return [e for text in holders for e in text.iter(*MENTIONS) if e is not text]
    within = set(holders) | set(apart)
    return [e for e in root.iter(*MENTIONS) if any(a in within for a in e.iterancestors())]


#: The elements that may cite a work by an attribute, as the index's key ``citations`` reads
#: them (ptr and ref by @target, bibl by @ref or @corresp, any element by @source).
_CITING: dict[str, tuple[str, ...]] = {
    f"{{{TEI_NS}}}{name}": attributes
    for name, attributes in (
        ("ptr", ("target",)),
        ("ref", ("target",)),
        ("bibl", ("ref", "corresp")),
    )
}


def _citations(root: etree._Element) -> list[etree._Element]:
    """The elements of a text that may cite a work, in document order, as the index
    stylesheet counts them (``ed:citation``): those inside its ``text`` and ``sourceDoc``
    elements."""
    texts = (f"{{{TEI_NS}}}text", f"{{{TEI_NS}}}sourceDoc")
    holders = [t for t in root.iter(*texts) if not any(a.tag in texts for a in t.iterancestors())]
    return [
        e
        for text in holders
        for e in text.iter(etree.Element)
        if e is not text
        and (
            e.get("source") is not None
            or any(e.get(a) is not None for a in _CITING.get(str(e.tag), ()))
        )
    ]


def _tokens(element: etree._Element, attribute: str) -> list[str]:
    return (element.get(attribute) or "").split()


def _correspondent(root: etree._Element, mention: etree._Element) -> etree._Element | None:
    """The name of a ``correspDesc`` the mention records: the first written with its
    ``@ref`` and its words (the index counts no names of the header among the text's)."""
    ref = mention.get("ref")
    words = " ".join(mention.findtext("ed:text", "", NS).split())
    for desc in root.iter(f"{{{TEI_NS}}}correspDesc"):
        for name in desc.iter(*MENTIONS):
            if name.get("ref") == ref and " ".join("".join(name.itertext()).split()) == words:
                return name
    return None


class _MentionLines:
    """Where mentions were written, found by their ordinal among the names and dates of a
    text (included content is placed in its own file)."""

    def __init__(self, texts: dict[str, SourceDocument]) -> None:
        self._texts = texts
        self._cache: dict[str, list[etree._Element]] = {}
        self._pointers: dict[str, list[etree._Element]] = {}

    def element(self, mention: etree._Element) -> etree._Element | None:
        """The source element a mention record stands for, by its ordinal; a pointer citing
        a work (``citation``), by its place among the pointers: its ordinal is that of the
        name before it, which took its diagnostics (probe 169)."""
        stem = mention.get("document", "")
        source = self._texts[stem]
        citation = mention.get("citation")
        if citation is not None:
            if stem not in self._pointers:
                self._pointers[stem] = _citations(source.root)
            pointers, n = self._pointers[stem], int(citation)
            return pointers[n - 1] if 0 < n <= len(pointers) else None
        if stem not in self._cache:
            self._cache[stem] = _mentions(source.root)
        ordinal = int(mention.get("ordinal", "0"))
        elements = self._cache[stem]
        if 0 < ordinal <= len(elements):
            return elements[ordinal - 1]
        # a correspondent of the header, before the text's first name (ordinal 0)
        return _correspondent(source.root, mention)

    def place(
        self, mention: etree._Element, attribute: str | None = None
    ) -> tuple[str, int | None, int | None]:
        """File, line and column of the mention's start tag, or of its ``attribute`` when
        it has one: the column an editor's problem matcher jumps to, as ``edition check``
        gives it for the same element."""
        source = self._texts[mention.get("document", "")]
        element = self.element(mention)
        if element is None:
            return source.display, None, None
        path = source.locate(element)[0]
        if attribute is not None and element.get(attribute) is not None:
            return path, *source.attribute_place(element, attribute)
        return path, *source.element_place(element)

    def place_pointer(self, mention: etree._Element) -> tuple[str, int | None, int | None]:
        """File, line and column of the attribute of a pointer the index found dangling
        (``pointer="true"``): the element of its name and pointer that follows as many names
        and dates as its ordinal says (a pointer is no mention of its own)."""
        source = self._texts[mention.get("document", "")]
        stem = mention.get("document", "")
        if stem not in self._cache:
            self._cache[stem] = _mentions(source.root)
        names = {id(e) for e in self._cache[stem]}
        tag, attribute = f"{{{TEI_NS}}}{mention.get('element')}", mention.get("attribute", "")
        ref, ordinal, seen = mention.get("ref", ""), int(mention.get("ordinal", "0")), 0
        for element in source.root.iter(etree.Element):
            # a name's ordinal counts the name itself (accumulator-before)
            seen += id(element) in names
            if seen > ordinal:
                break
            if seen == ordinal and element.tag == tag and ref in _tokens(element, attribute):
                return source.locate(element)[0], *source.attribute_place(element, attribute)
        return source.display, None, None


#: What a register entry may hold of other entries (TEI's place holds places, its org orgs
#: and persons): the entries `edition check` knows (validate/references.py).
_ENTRY_TAGS = frozenset(f"{{{TEI_NS}}}{name}" for name in REGISTER_ENTRIES)


#: The entries of a cast list (``castItem/role`` with an id, a ``castItem`` with one): the
#: index's entity types for them (index/entities.xsl).
_CAST_KINDS = frozenset({"role", "castItem"})


def _holds_entries(element: etree._Element) -> bool:
    """Whether a register entry holds entries of its own, with ids (a country its cities)."""
    return any(child.tag in _ENTRY_TAGS and child.get(XML_ID) for child in element)


def _unused(
    root: etree._Element, sources: Sequence[HasLists], used_ids: Set[str]
) -> list[Diagnostic]:
    """Entries neither named in a text, nor speaking in a play, nor a letter's sender,
    addressee or place in its ``correspDesc``, nor what a ``ref`` or ``ptr`` points at
    (``used_ids``, ``sources.used_ids``), nor listed in a play's cast list."""
    unused = [
        e
        for e in root.iterfind("ed:entities/ed:entity", NS)
        if e.get("count") == "0"
        and e.get("speeches", "0") == "0"
        # a letter's sender named by @key alone is no id a text uses, but has its letter
        and e.get("letters", "0") == "0"
        and e.get("id", "") not in used_ids
        # a bibliography file lists the works of the project, which a text need not cite
        # (a master bibliography shared by several editions)
        and e.get("type") not in WORK_KINDS
        # a cast list is the play's own list of its persons, the mute ones with the others
        # (a page who bows and exits): a role is mentioned by being listed there (probe 161:
        # "never mentioned; tag its mentions with @ref or remove it" of a dramatis personae)
        and e.get("type") not in _CAST_KINDS
    ]
    if not unused:
        return []
    # the first declaration of each entry, placed only for the entries told of
    where: dict[str, tuple[HasLists, etree._Element]] = {}
    for doc in sources:
        for element, key in register_entries(doc):
            where.setdefault(key, (doc, element))
    # an entry another entry points at (a person's affiliation/@ref, an event's @where), or a
    # relation of a register (probe 79), is used by it, as `edition check` has it (probe 57:
    # "never mentioned; remove it")
    linked = {found for doc in sources for found in pointed_ids(doc.root)}
    unused = [e for e in unused if e.get("id", "") not in linked]
    # entries kept outside the register lists: where their id is
    missing = {e.get("id", "") for e in unused} - where.keys()
    for doc in sources if missing else ():
        for element in doc.root.iter(etree.Element):
            key = element.get(XML_ID)
            if key in missing:
                where[key] = (doc, element)
                missing.discard(key)
    found = []
    for entity in unused:
        declared = where.get(entity.get("id", ""))
        if declared is not None and _holds_entries(declared[1]):
            continue  # a country of the cities the texts name: used by them (probe 57)
        path, line, column = ("-", None, None) if declared is None else entry_place(*declared)
        # an entry of no name of its own is named by its id (a role <role xml:id="mute"/>):
        # "'mute' (mute)" said it twice, and "()" before it was named at all
        name = entity.findtext("ed:name", "", NS)
        named = f" ({name})" if name and name != entity.get("id") else ""
        found.append(
            diag.warning(
                path,
                "index.unused-entry",
                f"register entry {quoted(entity.get('id'))}{named} is never mentioned; tag its "
                "mentions with @ref or remove it",
                line=line,
                column=column,
                origin=_ORIGIN,
            )
        )
    return found

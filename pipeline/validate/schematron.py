"""Schematron: schema -> XSLT 3.0 (xslt/schematron/compile.xsl) -> SVRL on Saxon -> diagnostics.

A ``.sch`` schema has its ``sch:include`` resolved here (through the gate, inside the
schema's folder tree); a ``.rng`` schema lends its embedded ``sch:pattern`` and ``sch:ns``
elements to a synthetic schema. The compiled stylesheet is made once per schema and phase
per process and kept on disk, keyed by the hash of everything it was made from. A pattern
that does not compile is skipped with a warning instead of losing the whole schema. Patterns
whose rule contexts need names a document lacks (``pattern_needs``) are not run on it, and
Saxon is not called at all when no pattern can fire. Patterns whose expressions mean the
same in XPath 1.0 run with lxml on the gate's tree instead (``sch_lxml``).
``svrl`` reads the report into diagnostics, resolving its locations to lines.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..errors import StylesheetError
from ..gate import SourceDocument, read_document, tree_of_copy
from ..io import write_cache
from ..parallel import untimed
from ..paths import XSLT_DIR, cache_dir, display
from ..xslt import Stylesheet, engine
from . import sch_dialects, sch_lxml, svrl
from .rng_names import split
from .rng_prune import Vocabulary
from .sch_lxml import LxmlRules
from .svrl import EDSCH_NS
from .svrl import location_line as _line  # noqa: F401 (the old name: tests call it here)

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_RNG_NS = "http://relaxng.org/ns/structure/1.0"
_SCH = f"{{{SCH_NS}}}"
_EDSCH = f"{{{EDSCH_NS}}}"
_COMPILER = "schematron/compile"
_MAX_INCLUDES = 200


@dataclass(frozen=True)
class _Source:
    """A schema ready for the compiler: its text, the bytes it came from, pattern lines."""

    text: str
    digest: str
    pattern_lines: dict[str, int]
    #: What the schema needed to run that its author did not write (sch_dialects).
    notes: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class SchematronValidator:
    """A compiled schema; ``validate`` runs it over one gated document."""

    schema: Path
    phase: str | None
    #: The Saxon stylesheet: compiled when first needed (lxml may run every pattern that
    #: fires in a whole run, and then Saxon is never started).
    compiled: _Lazy = field(repr=False)
    skipped: tuple[Diagnostic, ...] = ()
    #: What each pattern needs in a document to fire (see ``pattern_needs``).
    needs: PatternNeeds | None = field(default=None, repr=False)
    #: Notes on the schema itself (``sch.implicit-namespace``), placed in the schema file.
    notes: tuple[Diagnostic, ...] = ()
    #: The patterns that run on lxml (``sch_lxml``); None: all run on Saxon.
    lxml: LxmlRules | None = field(default=None, repr=False)
    #: ``idle`` patterns by vocabulary.
    remembered: dict[Vocabulary, frozenset[int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def stylesheet(self) -> Stylesheet:
        return self.compiled.get()

    def validate(
        self, doc: SourceDocument, vocabulary: Vocabulary | None = None
    ) -> list[Diagnostic]:
        """The report on ``doc``; ``vocabulary`` is its names when the caller has them.

        Patterns that can fire run on lxml when ``sch_lxml`` accepts them, the others on
        Saxon; Saxon is not called (nor does it parse the document) when none is left."""
        idle: set[int] = set()
        if self.needs is not None:
            idle = self.idle(vocabulary or Vocabulary.of(doc.root))
            if len(idle) == self.needs.patterns:
                return []  # no rule can match: nothing to report, nothing for Saxon to parse
        found: list[Diagnostic] = []
        if self.lxml is not None and self.lxml.patterns and sch_lxml.enabled():
            mine = set(self.lxml.numbers - idle)
            total = self.needs.patterns if self.needs is not None else self.lxml.total
            if mine:
                got = self.lxml.run(doc, mine)
                if got is not None:
                    found, idle = got, idle | mine
            if len(idle) == total:
                return found
        params = {_IDLE: " ".join(str(n) for n in sorted(idle))} if idle else {}
        try:
            output = self.stylesheet.transform(doc.xml_text(), params).output
        except StylesheetError as exc:
            return [svrl.runtime_error(doc.display, None, str(exc), 1)]
        return found + svrl.read(output, doc)

    def idle(self, vocabulary: Vocabulary) -> set[int]:
        """The patterns none of whose rules can match a node of a document with these names."""
        # Documents of one corpus share vocabularies (letters, say): remembered.
        known = self.remembered.get(vocabulary)
        if known is None:
            if len(self.remembered) > 4096:
                self.remembered.clear()
            known = self.remembered[vocabulary] = frozenset(self._idle(vocabulary))
        return set(known)

    def _idle(self, vocabulary: Vocabulary) -> set[int]:
        have = set(vocabulary.elements)
        have.update(f"{{{split(t)[0]}}}*" for t in vocabulary.elements)
        have.update(vocabulary.attributes)
        have.update(
            f"{{{split(t)[0]}}}* {a}"
            for t, _, a in (p.partition(" ") for p in vocabulary.attributes)
        )
        return {
            number
            for number, alternatives in (self.needs.by_pattern if self.needs else {}).items()
            if not any(needed <= have for needed in alternatives)
        }


_validators: dict[tuple[str, int, str | None], SchematronValidator] = {}


def validator_for(schema: Path, phase: str | None = None) -> SchematronValidator:
    """The validator of ``schema`` (``.sch``, or ``.rng`` with embedded Schematron)."""
    resolved = schema.resolve()
    try:
        mtime = resolved.stat().st_mtime_ns
    except OSError as exc:
        raise StylesheetError(f"{display(schema)}: cannot read the schema: {exc.strerror}") from exc
    key = (str(resolved), mtime, phase)
    found = _validators.get(key)
    if found is None:
        found = _build(schema, phase)
        _validators[key] = found
    return found


def has_embedded_schematron(rng: Path) -> bool:
    """Whether a RELAX NG schema carries Schematron patterns (remembered per file version)."""
    try:
        key = (str(rng.resolve()), rng.stat().st_mtime_ns)
    except OSError:
        return False
    known = _embedded_known.get(key)
    if known is None:
        document = read_document(rng).document
        known = (
            document is not None
            and (
                SCH_NS.encode() in document.data or sch_dialects.SCH15_NS.encode() in document.data
            )
            and sch_dialects.has_schematron(document.root)
        )
        _embedded_known[key] = known
        if known and document is not None:
            _handed_over[key] = document  # the rules are read next: parse tei_all once
    return known


_embedded_known: dict[tuple[str, int], bool] = {}
#: A schema ``has_embedded_schematron`` parsed, taken (once) by ``_gated``.
_handed_over: dict[tuple[str, int], SourceDocument] = {}


# --- compiling -------------------------------------------------------------------------


def _build(schema: Path, phase: str | None) -> SchematronValidator:
    source = _load(schema)
    digest = hashlib.sha256()
    digest.update(source.digest.encode())
    # What the compiler reads, after the Python side's changes (includes, 1.5 renamed,
    # prefixes bound): a change there must not reuse an old compile.
    digest.update(hashlib.sha256(source.text.encode()).hexdigest().encode())
    digest.update(_compiler_digest().encode())
    digest.update(f"\0phase={phase or ''}".encode())
    cached = _cache_file(digest.hexdigest())
    name = f"schematron {display(schema)}"
    text = _read_cache(cached) if cached is not None else None
    if text is not None:
        try:
            return SchematronValidator(
                schema,
                phase,
                _Lazy(text, name),
                _skipped_from(text, schema),
                pattern_needs(text),
                source.notes,
                _lxml_rules(text),
            )
        except etree.XMLSyntaxError:
            pass  # a damaged cache entry is rebuilt
    text, stylesheet, skipped = _compile(source, schema, phase, name)
    if cached is not None:
        write_cache(cached, text.encode("utf-8"))  # an optimisation: failures only warn
    return SchematronValidator(
        schema,
        phase,
        _Lazy(text, name, [stylesheet]),
        skipped,
        pattern_needs(text),
        source.notes,
        _lxml_rules(text),
    )


@dataclass(frozen=True)
class _Lazy:
    """A generated stylesheet, compiled on Saxon the first time it is asked for."""

    text: str
    name: str
    done: list[Stylesheet] = field(default_factory=list)

    def get(self) -> Stylesheet:
        if not self.done:
            with untimed():  # once per run and process: on no file's time limit
                self.done.append(engine().compile_text(self.text, self.name))
        return self.done[0]


def _lxml_rules(text: str) -> LxmlRules | None:
    """The patterns of a compiled stylesheet that lxml can run (from its edsch:source)."""
    root = etree.fromstring(text.encode())
    source = root.find(f"{_EDSCH}source/{_SCH}schema")
    return LxmlRules.of(source) if source is not None else None


def _cache_file(key: str) -> Path | None:
    try:
        return cache_dir() / "schematron" / f"{key}.xsl"
    except (OSError, RuntimeError, KeyError):  # no home folder: run without the cache
        return None


#: What a rule may not ask: the process's environment (a CI's secrets: probe 121, a rule
#: reporting environment-variable('PATH') put it in the report), by name or by a function
#: found at run time. Files and addresses are the locked processor's to refuse
#: (pipeline/xslt.py).
_READS_ENVIRONMENT = re.compile(
    r"(?<![\w.-])(?:[\w-]+:|Q\{[^}]*\})?(environment-variable|available-environment-variables"
    r"|function-lookup)\s*\("
)
_XSL_EVALUATE = "{http://www.w3.org/1999/XSL/Transform}evaluate"


def _asks_environment(stylesheet: str) -> str | None:
    """What of a compiled stylesheet asks for the environment: a call in an expression (an
    attribute: the XSLT's select, test, match, an attribute value template), or an
    xsl:evaluate, which runs an expression made as a string; None when nothing does. The
    words of a message never run (probe 122: an assert saying "never fill with
    function-lookup() output" was skipped, and its error went untold)."""
    if not _READS_ENVIRONMENT.search(stylesheet) and "evaluate" not in stylesheet:
        return None
    root = tree_of_copy(stylesheet)
    for element in root.iter(etree.Element):
        if element.tag == _XSL_EVALUATE:
            return "xsl:evaluate"
        for value in element.attrib.values():
            found = _READS_ENVIRONMENT.search(value)
            if found is not None:
                return found.group(1)
    return None


def _environment_readers(
    compiler: Stylesheet, source: _Source, params: dict[str, str | bool]
) -> dict[str, str]:
    """The patterns whose rules read the environment, by key, with the reason told."""
    if not _READS_ENVIRONMENT.search(source.text) and "evaluate" not in source.text:
        return {}
    listed = compiler.transform(source.text, {**params, "list-patterns": True}).output
    readers = {}
    for key in re.sub(r"^<\?xml[^>]*\?>", "", listed).split():
        one = compiler.transform(source.text, {**params, "only": key}).output
        found = _asks_environment(one)
        if found is not None:
            readers[key] = (
                f"it asks for the environment ({found}), which a rule may not read: the "
                "report would show it"
            )
    return readers


def _compile(
    source: _Source, schema: Path, phase: str | None, name: str
) -> tuple[str, Stylesheet, tuple[Diagnostic, ...]]:
    compiler = engine().stylesheet(_COMPILER)
    params: dict[str, str | bool] = {"phase": phase or ""}
    refused = _environment_readers(compiler, source, params)
    text = compiler.transform(source.text, {**params, "skip": "\n".join(refused)}).output
    if _asks_environment(text):  # outside any pattern: a schema's let, a function
        raise StylesheetError(f"{name} asks for the environment, which a rule may not read")
    bad: dict[str, str] = {}
    try:
        stylesheet = engine().compile_text(text, name)
    except StylesheetError as whole:
        listed = compiler.transform(source.text, {**params, "list-patterns": True}).output
        # the list is serialised as XML, declaration first: glued to the first key, it made
        # the first pattern unfindable, and a schema whose first pattern breaks was refused
        listed = re.sub(r"^<\?xml[^>]*\?>", "", listed)
        for key in (k for k in listed.split() if k not in refused):
            one = compiler.transform(source.text, {**params, "only": key}).output
            try:
                engine().compile_text(one, f"{name} pattern {key}")
            except StylesheetError as exc:
                bad[key] = str(exc).split(": ", 1)[-1]
        if not bad:
            raise whole
        skip = "\n".join([*refused, *bad])
        text = compiler.transform(source.text, {**params, "skip": skip}).output
    if not refused and not bad:
        return text, stylesheet, ()
    skipped = tuple(
        diag.warning(
            display(schema),
            "sch.pattern-skipped",
            f"pattern {key} skipped: {reason}",
            source.pattern_lines.get(key),
            origin=svrl.ORIGIN,
        )
        for key, reason in [
            *refused.items(),
            *((k, f"it does not compile as XSLT 3.0: {svrl.shorten(r)}") for k, r in bad.items()),
        ]
    )
    text = _with_skipped(text, skipped)
    return text, engine().compile_text(text, name), skipped


def _with_skipped(text: str, skipped: tuple[Diagnostic, ...]) -> str:
    """Record skipped patterns inside the stylesheet (a data element Saxon ignores)."""
    root = etree.fromstring(text.encode())
    for item in skipped:
        element = etree.SubElement(root, f"{_EDSCH}skipped", nsmap={"edsch": EDSCH_NS})
        element.set("line", str(item.line or ""))
        element.text = item.message
    return str(etree.tostring(root, encoding="unicode"))


def _skipped_from(text: str, schema: Path) -> tuple[Diagnostic, ...]:
    if "skipped" not in text:
        return ()
    root = etree.fromstring(text.encode())
    return tuple(
        diag.warning(
            display(schema),
            "sch.pattern-skipped",
            element.text or "",
            int(element.get("line") or 0) or None,
            origin=svrl.ORIGIN,
        )
        for element in root.iterchildren(f"{_EDSCH}skipped")
    )


#: What this module makes of a schema before the compiler sees it and after: a change of it
#: (2: the patterns that ask for the environment are skipped; 3: by their expressions alone)
#: must not reuse a cached compile.
_PREPARATION = "3"


def _compiler_digest() -> str:
    digest = hashlib.sha256(_PREPARATION.encode())
    folder = XSLT_DIR / "schematron"
    for path in [folder / "compile.xsl", *sorted((folder / "modules").glob("*.xsl"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read_cache(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# --- loading the schema ----------------------------------------------------------------


def _gated(path: Path) -> SourceDocument:
    try:
        document = _handed_over.pop((str(path.resolve()), path.stat().st_mtime_ns), None)
    except OSError:
        document = None
    if document is not None:
        return document
    result = read_document(path)
    if result.document is None:
        why = "; ".join(d.message for d in result.diagnostics) or "unreadable"
        raise StylesheetError(f"{display(path)}: cannot read the schema: {why}")
    return result.document


def _load(schema: Path) -> _Source:
    document = _gated(schema)
    digest = hashlib.sha256(document.data)
    whole = sch_dialects.iso(document.root)  # Schematron 1.5 renamed into ISO
    root = whole
    if root.tag == f"{{{_RNG_NS}}}grammar":
        root = _embedded(root)
    elif root.tag != f"{_SCH}schema":
        raise StylesheetError(
            f"{display(schema)}: not a Schematron schema (sch:schema in {SCH_NS} or "
            f"{sch_dialects.SCH15_NS}) nor a RELAX NG grammar"
        )
    else:
        root = _resolve_includes(root, schema, schema.resolve().parent, digest, [schema.resolve()])
    _drop_translations(root)
    notes = sch_dialects.bind_standard_prefixes(root, schema)
    lines = {
        str(p.get("id")): p.sourceline or 0
        for p in whole.iter(f"{_SCH}pattern")
        if p.get("id") and p.sourceline
    }
    text = str(etree.tostring(root, encoding="unicode"))
    return _Source(text, digest.hexdigest(), lines, tuple(notes))


#: What a pattern is without its words: attributes that name, document or translate it.
_WORDING = frozenset({"id", "diagnostics", "properties", "see", "icon", "fpi",
                      "{http://www.w3.org/XML/1998/namespace}lang"})  # fmt: skip
_WORDS = frozenset(f"{_SCH}{t}" for t in ("title", "p", "assert", "report"))


def _drop_translations(root: etree._Element) -> None:
    """Leave out a pattern that repeats an earlier one's logic in other words.

    An ODD's constraint written in two languages becomes two patterns of one grammar
    (tei_all: ``...-addSpan-requires-spanTo-constraint-rule-44`` says "The @spanTo attribute
    of addSpan is required", ``...-fr-constraint-rule-45`` "L'attribut spanTo est requis"),
    and every fault was told twice. Patterns are the same when their rules' contexts, lets
    and the tests, roles and flags of their assertions are (the first is kept: the
    schema's own order)."""
    seen: set[tuple[object, ...]] = set()
    for pattern in list(root.iterchildren(f"{_SCH}pattern")):
        if pattern.get("is-a") is not None or pattern.get("abstract") == "true":
            continue  # an abstract pattern's parameters make its instances differ
        key = _logic(pattern)
        if key in seen:
            root.remove(pattern)
        else:
            seen.add(key)


def _logic(element: etree._Element) -> tuple[object, ...]:
    """The parts of ``element`` that decide what it finds, not what it says."""
    attributes = tuple(sorted((k, v) for k, v in element.attrib.items() if k not in _WORDING))
    if element.tag in _WORDS:
        return (element.tag, attributes)
    children = tuple(
        _logic(c)
        for c in element
        if isinstance(c.tag, str) and c.tag not in (f"{_SCH}title", f"{_SCH}p")
    )
    return (element.tag, attributes, children)


def _embedded(grammar: etree._Element) -> etree._Element:
    """A schema made of the Schematron embedded in a RELAX NG grammar, wherever it sits."""
    schema = etree.Element(f"{_SCH}schema", nsmap={"sch": SCH_NS})
    schema.set("queryBinding", "xslt2")
    prefixes: set[str] = set()
    for ns in grammar.iter(f"{_SCH}ns"):
        prefix = ns.get("prefix", "")
        if prefix not in prefixes:
            prefixes.add(prefix)
            schema.append(_copy(ns))
    for tag in ("let", "pattern", "diagnostics"):
        for element in grammar.iter(f"{_SCH}{tag}"):
            if tag != "let" or element.getparent() is grammar:
                schema.append(_copy(element))
    return schema


def _copy(element: etree._Element) -> etree._Element:
    copied = etree.fromstring(etree.tostring(element))
    copied.tail = None
    return copied


def _resolve_includes(
    root: etree._Element,
    path: Path,
    top: Path,
    digest: hashlib._Hash,
    stack: list[Path],
) -> etree._Element:
    for include in list(root.iter(f"{_SCH}include")):
        href = include.get("href", "")
        target = _include_target(href, path, top)
        if target in stack or len(stack) > _MAX_INCLUDES:
            raise StylesheetError(f"{display(path)}: sch:include of {href} makes a cycle")
        document = _gated(target)
        digest.update(b"\0" + document.data)
        included = _resolve_includes(document.root, target, top, digest, [*stack, target])
        fragment = href.partition("#")[2]
        if fragment:
            included = _by_id(included, fragment, href, path)
        replacement = (
            [e for e in included if isinstance(e.tag, str)]
            if included.tag == f"{_SCH}schema"
            else [included]
        )
        parent = include.getparent()
        if parent is None:
            return replacement[0]
        index = parent.index(include)
        parent.remove(include)
        for offset, element in enumerate(replacement):
            parent.insert(index + offset, _copy(element))
    return root


def _include_target(href: str, path: Path, top: Path) -> Path:
    location = href.partition("#")[0]
    if not location or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", location):
        raise StylesheetError(
            f"{display(path)}: sch:include of {href!r} refused: only relative paths to files "
            "in the schema's folder are included"
        )
    target = (path.parent / location).resolve()
    if not target.is_relative_to(top):
        raise StylesheetError(
            f"{display(path)}: sch:include of {href!r} refused: it is outside {display(top)}"
        )
    return target


def _by_id(root: etree._Element, fragment: str, href: str, path: Path) -> etree._Element:
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    for element in root.iter():
        if fragment in (element.get("id"), element.get(xml_id)):
            return element
    raise StylesheetError(f"{display(path)}: sch:include of {href}: no element with that id")


# --- which patterns can fire on a document ----------------------------------------------------
#
# A pattern whose rules can match no node of a document adds nothing to its report, so it
# need not run there (and Saxon need not even parse a document no pattern can fire on). For
# each rule context we derive, when the context is simple enough to read statically, names
# that any matching node needs in the document: element names ("{ns}local", "{ns}*" for any
# element of a namespace) and attributes on them ("{ns}local attr"). A context we cannot read
# needs nothing, so its pattern always runs. Predicates that could raise an error are only
# looked past where XPath would never evaluate them on a document that lacks the names.

_XSL = "{http://www.w3.org/1999/XSL/Transform}"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_IDLE = "{urn:x-edition:schematron}idle"
_MODE = re.compile(r"edsch\.p(\d+)$")
_TOKEN = re.compile(
    r"""\s*(?:(?P<str>"[^"]*"|'[^']*')|(?P<num>\d+(?:\.\d*)?|\.\d+)"""
    r"""|(?P<name>Q\{[^}]*\}(?:[A-Za-z_][\w.\-]*|\*)"""
    r"""|(?:[A-Za-z_][\w.\-]*|\*)(?::(?:[A-Za-z_][\w.\-]*|\*))?)"""
    r"""|(?P<op>::|//|!=|<=|>=|<<|>>|\.\.|[\[\]()@|,=<>+\-$!?./]))"""
)
_COMPARE = {"=", "!=", "<", "<=", ">", ">=", "eq", "ne", "lt", "le", "gt", "ge"}
_ELEMENT_AXES = {"child", "descendant", "descendant-or-self", "self"}
_SAFE_AXES = {"self", "parent", "child", "ancestor"}
Needs = tuple[frozenset[str], ...]  # alternatives: a node can match when one is all present


@dataclass(frozen=True)
class PatternNeeds:
    """The patterns of a compiled stylesheet (numbered from 1) and, for those that cannot
    fire on every document, the names they need."""

    patterns: int
    by_pattern: dict[int, Needs]


def _tokens(text: str) -> list[str] | None:
    found: list[str] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            return None
        found.append(match.group().strip())
        position = match.end()
    return found


def _closing(tokens: list[str], start: int) -> int:
    """The index of the bracket closing the one at ``start`` (-1 when unbalanced)."""
    pairs = {"(": ")", "[": "]"}
    stack: list[str] = []
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token in pairs:
            stack.append(pairs[token])
        elif token in (")", "]"):
            if not stack or stack.pop() != token:
                return -1
            if not stack:
                return index
    return -1


def _split(tokens: list[str], separator: str) -> list[list[str]] | None:
    """``tokens`` split at ``separator`` outside brackets (``None`` when unbalanced)."""
    parts: list[list[str]] = [[]]
    depth = 0
    for token in tokens:
        if token in ("(", "["):
            depth += 1
        elif token in (")", "]"):
            depth -= 1
            if depth < 0:
                return None
        if depth == 0 and token == separator:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts if depth == 0 else None


class _Reader:
    """Reads rule contexts against the namespace bindings of their template."""

    def __init__(self, namespaces: dict[str | None, str]) -> None:
        self.namespaces = namespaces

    def clark(self, name: str) -> str | None:
        """``{ns}local``, ``{ns}*`` or ``local`` for a name test; ``None`` for other tests."""
        if name.startswith("Q{"):
            uri, _, local = name[2:].partition("}")
        elif ":" in name:
            prefix, _, local = name.partition(":")
            if prefix == "*" or prefix not in self.namespaces:
                return None
            uri = self.namespaces[prefix]
        elif name == "*":
            return None
        else:
            uri, local = "", name
        return f"{{{uri}}}{local}" if uri else local

    def context(self, text: str) -> Needs:
        """Alternatives of names a node matching ``text`` needs; ``((),)`` when unknown."""
        tokens = _tokens(text)
        parts = _split(tokens, "|") if tokens else None
        if not parts or any(t in ("union", "intersect", "except") for t in tokens or []):
            return (frozenset(),)
        found: list[frozenset[str]] = []
        for part in parts:
            needs = self.path(part)
            found.append(needs if needs is not None else frozenset())
        return tuple(found)

    def path(self, tokens: list[str]) -> frozenset[str] | None:
        """What one path needs; ``None`` when it cannot be read (or might raise errors)."""
        index = 1 if tokens[:1] in (["/"], ["//"]) else 0
        needs: set[str] = set()
        last: str | None = None  # the element step before an attribute step
        while index < len(tokens):
            step_end = index
            depth = 0
            while step_end < len(tokens) and (depth or tokens[step_end] not in ("/", "//")):
                depth += tokens[step_end] in ("(", "[")
                depth -= tokens[step_end] in (")", "]")
                step_end += 1
            step = tokens[index:step_end]
            final = step_end >= len(tokens)
            read = self.step(step, final, last)
            if read is None:
                return None
            step_needs, last = read
            needs |= step_needs
            index = step_end + 1
            if final:
                break
            if index >= len(tokens):
                return None  # a path ending in a slash
        return frozenset(needs)

    def step(
        self, step: list[str], final: bool, previous: str | None
    ) -> tuple[set[str], str | None] | None:
        if not step:
            return None
        if step[0] == "(":
            end = _closing(step, 0)
            if end != len(step) - 1:
                return None
            group = _split(step[1:end], "|")
            if not group or any(self.path(p) is None for p in group):
                return None
            return set(), None
        attribute = step[0] == "@"
        index = 1 if attribute else 0
        if len(step) > 2 and step[1] == "::":
            if step[0] == "attribute":
                attribute = True
            elif step[0] not in _ELEMENT_AXES:
                return None
            index = 2
        if index >= len(step) or not _is_name(step[index]):
            return None
        if index + 1 < len(step) and step[index + 1] == "(":
            return None  # a kind test or a function call
        name = self.clark(step[index])
        predicates = self.predicates(step[index + 1 :], final)
        if predicates is None:
            return None
        if attribute:
            if not final or predicates[1]:
                return None
            if name is None or previous is None:
                return set(), None
            return {f"{previous} {name}"}, None
        attributes, elements = predicates
        needs = set(elements)
        if name is not None:
            needs.add(name)
            needs.update(f"{name} {a}" for a in attributes)
        elif step[index] == "*" and attributes:
            pass  # any element with an attribute: not worth a name of its own
        return needs, name

    def predicates(self, tokens: list[str], final: bool) -> tuple[set[str], set[str]] | None:
        """(attributes, elements) the predicates need; ``None`` when unreadable. Only the
        final step may carry predicates that can raise errors, and only after those read."""
        attributes: set[str] = set()
        elements: set[str] = set()
        index = 0
        safe = True
        while index < len(tokens):
            if tokens[index] != "[":
                return None
            end = _closing(tokens, index)
            if end < 0:
                return None
            read = self.predicate(tokens[index + 1 : end])
            if read is None:
                if not final:
                    return None
                safe = False
            elif safe:
                attributes |= read[0]
                elements |= read[1]
            index = end + 1
        return attributes, elements

    def predicate(self, tokens: list[str]) -> tuple[set[str], set[str]] | None:
        """What a predicate that cannot raise an error needs; ``None`` for other predicates."""
        if _split(tokens, "or") != [tokens]:
            return None
        conjuncts = _split(tokens, "and")
        attributes: set[str] = set()
        elements: set[str] = set()
        for conjunct in conjuncts or [tokens]:
            attribute = _attribute_test(conjunct)
            if attribute is not None:
                name = self.clark(attribute)
                if name is None:
                    return None
                attributes.add(name)
                continue
            if _safe_test(conjunct):
                continue
            counted = _count_test(conjunct)
            if counted is None:
                return None
            name = self.clark(counted)
            if name is not None:
                elements.add(name)
        return attributes, elements


def _is_name(token: str) -> bool:
    return bool(token) and (token[0].isalpha() or token[0] in "_*Q")


def _literal_list(tokens: list[str]) -> bool:
    if len(tokens) == 1:
        return tokens[0][:1] in ("'", '"')
    if tokens[:1] != ["("] or tokens[-1:] != [")"]:
        return False
    items = _split(tokens[1:-1], ",")
    return bool(items) and all(len(i) == 1 and i[0][:1] in ("'", '"') for i in items or [])


def _attribute_test(tokens: list[str]) -> str | None:
    """``@a``, ``@a = 'v'`` (a string comparison), ``starts-with(@a, 'v')``: the name ``a``."""
    if len(tokens) >= 2 and tokens[0] == "@" and _is_name(tokens[1]):
        if len(tokens) == 2:
            return tokens[1]
        if tokens[2] in _COMPARE and _literal_list(tokens[3:]):
            return tokens[1]
        return None
    if (
        len(tokens) == 7
        and tokens[0] in ("starts-with", "contains")
        and tokens[1:3] == ["(", "@"]
        and _is_name(tokens[3])
        and tokens[4] == ","
        and len(tokens[5]) > 2
        and tokens[5][:1] in ("'", '"')
        and tokens[6] == ")"
    ):
        return tokens[3]
    return None


def _safe_test(tokens: list[str]) -> bool:
    """``not(@a)``, ``self::x``, ``not(parent::x)`` and the like: never an error."""
    if len(tokens) > 3 and tokens[:2] == ["not", "("] and tokens[-1] == ")":
        tokens = tokens[2:-1]
    if len(tokens) == 2 and tokens[0] == "@" and _is_name(tokens[1]):
        return True
    return (
        len(tokens) == 3 and tokens[0] in _SAFE_AXES and tokens[1] == "::" and (_is_name(tokens[2]))
    )


def _count_test(tokens: list[str]) -> str | None:
    """``count(//x) gt 0`` (or ``> N``, ``ge N`` with N >= 1): the name ``x``."""
    if len(tokens) != 7 or tokens[:3] != ["count", "(", "//"] or tokens[4] != ")":
        return None
    if not _is_name(tokens[3]) or not tokens[6].isdigit():
        return None
    bound = int(tokens[6])
    if tokens[5] in ("gt", ">") or (tokens[5] in ("ge", ">=") and bound >= 1):
        return tokens[3]
    return None


def pattern_needs(stylesheet: str) -> PatternNeeds | None:
    """What each pattern of a compiled stylesheet needs to fire; patterns that may fire on
    any document are left out. ``None`` when the stylesheet cannot be read this way (then
    every pattern runs on every document)."""
    root = etree.fromstring(stylesheet.encode())
    if any(e.get("xpath-default-namespace") is not None for e in root.iter()):
        return None
    found: dict[int, list[frozenset[str]]] = {}
    always: set[int] = set()
    numbers: set[int] = set()
    for template in root.iterchildren(f"{_XSL}template"):
        named = _MODE.match(template.get("name") or "")
        if named is not None:
            numbers.add(int(named.group(1)))
            if template.find(f"{_XSL}variable") is not None:
                always.add(int(named.group(1)))  # pattern lets: keep their errors as they were
        mode = _MODE.match(template.get("mode") or "")
        match = template.get("match")
        if mode is None or match is None or template.get("priority") == "-1":
            continue
        number = int(mode.group(1))
        namespaces = {k: v for k, v in template.nsmap.items() if k is not None}
        alternatives = _Reader({"xml": _XML_NS, **namespaces}).context(match)
        if any(not a for a in alternatives):
            always.add(number)
        found.setdefault(number, []).extend(alternatives)
    if numbers != set(range(1, len(numbers) + 1)):
        return None
    needs = {n: tuple(a) for n, a in found.items() if n in numbers and n not in always}
    return PatternNeeds(len(numbers), needs)

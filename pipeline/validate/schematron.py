"""Schematron: schema -> XSLT 3.0 (xslt/schematron/compile.xsl) -> SVRL on Saxon -> diagnostics.

A ``.sch`` schema has its ``sch:include`` resolved here (through the gate, inside the
schema's folder tree); a ``.rng`` schema lends its embedded ``sch:pattern`` and ``sch:ns``
elements to a synthetic schema. The compiled stylesheet is made once per schema and phase
per process and kept on disk, keyed by the hash of everything it was made from. A pattern
that does not compile is skipped with a warning instead of losing the whole schema. SVRL
locations (``/Q{ns}TEI[1]/...``) are resolved to lines through the gate's lxml tree.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic, Severity
from ..errors import StylesheetError
from ..gate import SourceDocument, read_document
from ..io import write_text_atomic
from ..paths import XSLT_DIR, cache_dir, display
from ..xslt import Stylesheet, engine

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
EDSCH_NS = "urn:x-edition:schematron"
_RNG_NS = "http://relaxng.org/ns/structure/1.0"
_SCH = f"{{{SCH_NS}}}"
_SVRL = f"{{{SVRL_NS}}}"
_EDSCH = f"{{{EDSCH_NS}}}"
_ORIGIN = "schematron"
_COMPILER = "schematron/compile"
_MAX_INCLUDES = 200

_SEVERITIES = {
    "error": Severity.ERROR,
    "fatal": Severity.ERROR,
    "warning": Severity.WARNING,
    "warn": Severity.WARNING,
    "nonfatal": Severity.WARNING,  # TEI's own constraints say role="nonfatal" for warnings
    "info": Severity.INFO,
    "information": Severity.INFO,
}


@dataclass(frozen=True)
class _Source:
    """A schema ready for the compiler: its text, the bytes it came from, pattern lines."""

    text: str
    digest: str
    pattern_lines: dict[str, int]


@dataclass(frozen=True)
class SchematronValidator:
    """A compiled schema; ``validate`` runs it over one gated document."""

    schema: Path
    phase: str | None
    stylesheet: Stylesheet = field(repr=False)
    skipped: tuple[Diagnostic, ...] = ()

    def validate(self, doc: SourceDocument) -> list[Diagnostic]:
        try:
            output = self.stylesheet.transform(doc.xml_text()).output
        except StylesheetError as exc:
            return [_runtime(doc.display, None, str(exc), 1)]
        return _read_svrl(output, doc)


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
            and SCH_NS.encode() in document.data
            and next(document.root.iter(f"{_SCH}pattern"), None) is not None
        )
        _embedded_known[key] = known
    return known


_embedded_known: dict[tuple[str, int], bool] = {}


# --- compiling -------------------------------------------------------------------------


def _build(schema: Path, phase: str | None) -> SchematronValidator:
    source = _load(schema)
    digest = hashlib.sha256()
    digest.update(source.digest.encode())
    digest.update(_compiler_digest().encode())
    digest.update(f"\0phase={phase or ''}".encode())
    cached = _cache_file(digest.hexdigest())
    name = f"schematron {display(schema)}"
    text = _read_cache(cached) if cached is not None else None
    if text is not None:
        try:
            return SchematronValidator(
                schema, phase, engine().compile_text(text, name), _skipped_from(text, schema)
            )
        except (StylesheetError, etree.XMLSyntaxError):
            pass  # a damaged cache entry is rebuilt
    text, stylesheet, skipped = _compile(source, schema, phase, name)
    if cached is not None:
        with contextlib.suppress(OSError):  # the cache is an optimisation, never a failure
            write_text_atomic(cached, text)
    return SchematronValidator(schema, phase, stylesheet, skipped)


def _cache_file(key: str) -> Path | None:
    try:
        return cache_dir() / "schematron" / f"{key}.xsl"
    except (OSError, RuntimeError, KeyError):  # no home folder: run without the cache
        return None


def _compile(
    source: _Source, schema: Path, phase: str | None, name: str
) -> tuple[str, Stylesheet, tuple[Diagnostic, ...]]:
    compiler = engine().stylesheet(_COMPILER)
    params: dict[str, str | bool] = {"phase": phase or ""}
    text = compiler.transform(source.text, params).output
    try:
        return text, engine().compile_text(text, name), ()
    except StylesheetError as whole:
        listed = compiler.transform(source.text, {**params, "list-patterns": True}).output
        bad: dict[str, str] = {}
        for key in listed.split():
            one = compiler.transform(source.text, {**params, "only": key}).output
            try:
                engine().compile_text(one, f"{name} pattern {key}")
            except StylesheetError as exc:
                bad[key] = str(exc).split(": ", 1)[-1]
        if not bad:
            raise whole
    text = compiler.transform(source.text, {**params, "skip": "\n".join(bad)}).output
    skipped = tuple(
        diag.warning(
            display(schema),
            "sch.pattern-skipped",
            f"pattern {key} skipped: it does not compile as XSLT 3.0: {_shorten(reason)}",
            source.pattern_lines.get(key),
            origin=_ORIGIN,
        )
        for key, reason in bad.items()
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
            origin=_ORIGIN,
        )
        for element in root.iterchildren(f"{_EDSCH}skipped")
    )


def _compiler_digest() -> str:
    digest = hashlib.sha256()
    folder = XSLT_DIR / "schematron"
    for path in [folder / "compile.xsl", *sorted((folder / "modules").glob("*.xsl"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read_cache(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


_GENERATED_AT = re.compile(r" on line \d+ column \d+ of \S+?:(?= )")


def _shorten(text: str, limit: int = 300) -> str:
    """One line, without Saxon's position in the generated stylesheet (meaningless to users)."""
    text = _GENERATED_AT.sub(":", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- loading the schema ----------------------------------------------------------------


def _gated(path: Path) -> SourceDocument:
    result = read_document(path)
    if result.document is None:
        why = "; ".join(d.message for d in result.diagnostics) or "unreadable"
        raise StylesheetError(f"{display(path)}: cannot read the schema: {why}")
    return result.document


def _load(schema: Path) -> _Source:
    document = _gated(schema)
    digest = hashlib.sha256(document.data)
    root = document.root
    if root.tag == f"{{{_RNG_NS}}}grammar":
        root = _embedded(root)
    elif root.tag != f"{_SCH}schema":
        raise StylesheetError(
            f"{display(schema)}: not an ISO Schematron schema (sch:schema in {SCH_NS}) nor a "
            "RELAX NG grammar; Schematron 1.5 schemas must move to the ISO namespace"
        )
    else:
        root = _resolve_includes(root, schema, schema.resolve().parent, digest, [schema.resolve()])
    lines = {
        str(p.get("id")): p.sourceline or 0
        for p in document.root.iter(f"{_SCH}pattern")
        if p.get("id") and p.sourceline
    }
    text = str(etree.tostring(root, encoding="unicode"))
    return _Source(text, digest.hexdigest(), lines)


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


# --- reading SVRL ----------------------------------------------------------------------


def _read_svrl(output: str, doc: SourceDocument) -> list[Diagnostic]:
    root = etree.fromstring(output.encode())
    found: list[Diagnostic] = []
    runtime: list[etree._Element] = []
    for element in root:
        if element.tag == f"{_EDSCH}runtime-error":
            runtime.append(element)
        elif element.tag in (f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
            found.append(_diagnostic(element, doc))
    if runtime:
        first = runtime[0]
        location = first.get("location")
        where = _line(doc, location) if location is not None else None
        rule = first.get(f"{_EDSCH}rule") or first.get(f"{_EDSCH}pattern") or "a rule"
        message = f"{rule} failed to run: {first.get('code', '')} {first.text or ''}"
        found.append(_runtime(doc.display, where, message, len(runtime)))
    return found


def _diagnostic(element: etree._Element, doc: SourceDocument) -> Diagnostic:
    kind = "assert" if element.tag == f"{_SVRL}failed-assert" else "report"
    code = (
        element.get("id")
        or element.get(f"{_EDSCH}rule")
        or element.get(f"{_EDSCH}pattern")
        or f"sch.{kind}"
    )
    message = _text(element.find(f"{_SVRL}text"))
    extra = [_text(d.find(f"{_SVRL}text")) for d in element.iter(f"{_SVRL}diagnostic-reference")]
    if extra:
        message = "; ".join([message, *[e for e in extra if e]])
    severity = _severity(element.get("role"), element.get("flag"))
    line = _line(doc, element.get("location", ""))
    return Diagnostic(doc.display, line, None, severity, code, message, _ORIGIN)


def _runtime(path: str, line: int | None, message: str, count: int) -> Diagnostic:
    places = f" (and {count - 1} more in this file)" if count > 1 else ""
    text = f"schematron rule could not be evaluated: {_shorten(message)}{places}"
    return diag.error(path, "sch.runtime", text, line, origin=_ORIGIN)


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _severity(role: str | None, flag: str | None) -> Severity:
    for value in (role, flag):
        if value and value.strip().lower() in _SEVERITIES:
            return _SEVERITIES[value.strip().lower()]
    return Severity.ERROR


_STEP = re.compile(
    r"/(?:Q\{(?P<ns>[^}]*)\}(?P<local>[^/\[]+)\[(?P<pos>\d+)\]"
    r"|@(?P<attr>[^/]+)"
    r"|(?P<kind>text|comment|processing-instruction)\((?P<target>[^)]*)\)\[(?P<kpos>\d+)\])"
)


def _line(doc: SourceDocument, location: str) -> int | None:
    """The line of the node an SVRL location names; the nearest element when unresolved."""
    element: etree._Element | None = None
    for step in _STEP.finditer(location):
        if step.group("local") is not None:
            ns, local = step.group("ns"), step.group("local")
            tag = f"{{{ns}}}{local}" if ns else local
            candidates = [doc.root] if element is None else element.iterchildren(tag)
            nth = _nth((c for c in candidates if c.tag == tag), int(step.group("pos")))
            if nth is None:
                break
            element = nth
        elif element is not None and step.group("kind") is not None:
            return _other_node_line(element, step.group("kind"), step.group("target"), step)
        else:
            break  # an attribute: its element's line
    return _sourceline(doc.root if element is None else element)


def _sourceline(node: etree._Element) -> int | None:
    line = node.sourceline
    return int(line) if line else None


def _nth(items: Iterable[etree._Element], position: int) -> etree._Element | None:
    for index, item in enumerate(items, start=1):
        if index == position:
            return item
    return None


def _other_node_line(
    element: etree._Element, kind: str, target: str, step: re.Match[str]
) -> int | None:
    position = int(step.group("kpos"))
    if kind == "text":
        return _text_line(element, position)
    wanted = etree._Comment if kind == "comment" else etree._ProcessingInstruction
    nodes = (
        c
        for c in element
        if isinstance(c, wanted)
        and (kind == "comment" or not target or getattr(c, "target", None) == target)
    )
    found = _nth(nodes, position)
    return _sourceline(found if found is not None else element)


def _text_line(element: etree._Element, position: int) -> int | None:
    """Text node ``position`` of ``element``: its own text, then the tails of its children."""
    children = list(element)
    texts: list[tuple[str, int]] = []  # (text, index of the child it precedes)
    if element.text:
        texts.append((element.text, 0))
    for index, child in enumerate(children):
        if child.tail:
            texts.append((child.tail, index + 1))
    if position > len(texts):
        return _sourceline(element)
    text, before = texts[position - 1]
    following = _sourceline(children[before]) if before < len(children) else None
    if following is not None:
        return max(1, following - text.count("\n"))
    return _sourceline(children[before - 1] if before > 0 else element)

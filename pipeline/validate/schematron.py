"""Schematron: schema -> XSLT 3.0 (xslt/schematron/compile.xsl) -> SVRL on Saxon -> diagnostics.

A ``.sch`` schema has its ``sch:include`` resolved here (through the gate, inside the
schema's folder tree); a ``.rng`` schema lends its embedded ``sch:pattern`` and ``sch:ns``
elements to a synthetic schema. The compiled stylesheet is made once per schema and phase
per process and kept on disk, keyed by the hash of everything it was made from. A pattern
that does not compile is skipped with a warning instead of losing the whole schema.
``svrl`` reads the report into diagnostics, resolving its locations to lines.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..errors import StylesheetError
from ..gate import SourceDocument, read_document
from ..io import write_text_atomic
from ..paths import XSLT_DIR, cache_dir, display
from ..xslt import Stylesheet, engine
from . import svrl
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
            return [svrl.runtime_error(doc.display, None, str(exc), 1)]
        return svrl.read(output, doc)


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
            f"pattern {key} skipped: it does not compile as XSLT 3.0: {svrl.shorten(reason)}",
            source.pattern_lines.get(key),
            origin=svrl.ORIGIN,
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
            origin=svrl.ORIGIN,
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

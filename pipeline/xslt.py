"""The only module that imports saxonche: one processor per process, compiled stylesheets.

Saxon's own parser is wide open (files, URLs, XInclude), so it never sees a path: documents
arrive as text serialised from the gate's lxml tree, DOCTYPEs are disallowed, and once our
shipped stylesheets are compiled the processor is locked (``allowedProtocols`` empty), which
blocks ``doc()``, ``unparsed-text()``, ``xsl:result-document`` to files and further file
compiles. Generated stylesheets (compiled Schematron) are compiled from text after the lock.

Entry stylesheets are the ``*.xsl`` files directly inside ``xslt/<area>/`` (modules they
import live in ``xslt/common/`` or in subfolders). Because the lock cannot be lifted again,
each area gets its own processor: the first time a stylesheet of an area is asked for, every
entry stylesheet of that area is compiled once for the process and that processor is locked.
So ``edition check`` compiles only the Schematron compiler, and a build only what it runs.

A customisation (``Layers``: ``[tool.edition] xslt`` and ``templates``, docs/customising.md)
is compiled into the page and book areas before the lock: each entry stylesheet of ``html/``
and ``epub/`` is compiled as the customisation over it (``edition:render.xsl``, the one URI a
customisation imports, is mapped by an XML catalog to the entry being compiled). While
compiling, Saxon may read ``file:`` URIs only (so a customisation cannot fetch anything); once
locked, nothing. Result documents (``xsl:result-document``) are kept in memory and dropped,
never written: Saxon writes them even when no protocol is allowed.
"""

from __future__ import annotations

import contextlib
import gc
import html
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import StylesheetError
from .paths import XSLT_DIR

_SAXON = "http://saxon.sf.net/feature/"
_ALLOWED = _SAXON + "allowedProtocols"
#: The one URI a customisation imports: the edition's stylesheet being customised.
IMPORT_URI = "edition:render.xsl"
#: Areas with entry stylesheets that a customisation changes: those making pages and books
#: (every one of html/ and epub/, and index/pages and index/works, the entity index pages).
CUSTOMISED_AREAS = ("html", "epub", "index")
#: Entry stylesheets that do not import common/render.xsl themselves; customised, they get it
#: (a customisation may call any function of the rendering in every stylesheet).
_WITHOUT_RENDER = frozenset({"html/wrap", "index/pages"})
#: ``$r:output``, a static parameter of common/base.xsl: which output is being made.
_OUTPUT_PARAM = "{urn:edition:render}output"
_PARSER_FEATURE = _SAXON + "parserFeature?uri="
_PARSER_PROPERTY = _SAXON + "parserProperty?uri="
#: Saxon's built-in parser limits reject legitimate TEI; the gate enforces the real limits.
_UNLIMITED = (
    "jdk.xml.maxElementDepth",
    "jdk.xml.elementAttributeLimit",
    "jdk.xml.entityExpansionLimit",
    "jdk.xml.maxGeneralEntitySizeLimit",
    "jdk.xml.totalEntitySizeLimit",
    "jdk.xml.maxOccurLimit",
)


@dataclass(frozen=True)
class XmlText:
    """An XML document passed as a stylesheet parameter (already gated, root only)."""

    text: str


#: Sequences are not offered: building an XDM sequence in saxonche 13.1 crashes the process;
#: pass a newline-joined string and ``tokenize($p, '\n')`` it in the stylesheet instead.
ParamValue = str | bool | int | float | XmlText


@dataclass(frozen=True)
class Layers:
    """A customisation of the page and book stylesheets (``pipeline.customise`` reads it)."""

    #: ``[tool.edition] xslt``: imports ``edition:render.xsl``, overrides what it wants.
    stylesheet: Path | None = None
    #: ``[tool.edition] templates``: the web pages' shell, imported over each HTML stylesheet.
    templates: Path | None = None
    #: A content hash of every file of the customisation: another key, another compile.
    key: str = ""


@dataclass(frozen=True)
class TransformResult:
    output: str
    messages: tuple[str, ...]


class Stylesheet:
    """A compiled stylesheet; ``transform`` is safe to call many times in one process."""

    def __init__(self, engine: Engine, executable: Any, name: str) -> None:
        self._engine = engine
        self._executable = executable
        self.name = name

    def transform(
        self,
        source: str | None,
        params: Mapping[str, ParamValue] | None = None,
        *,
        initial_template: str | None = None,
    ) -> TransformResult:
        """Run on ``source`` (XML text) or, with ``initial_template``, on no input."""
        executable = self._executable
        executable.clear_parameters()
        executable.clear_xsl_messages()
        for key, value in (params or {}).items():
            executable.set_parameter(key, self._engine.value(value))
        try:
            with _quiet():
                output = self._run(executable, source, initial_template)
        except Exception as exc:  # saxonche raises PySaxonApiError, not importable for typing
            raise StylesheetError(f"{self.name}: {_clean(str(exc))}") from exc
        finally:
            messages = self._messages()
        return TransformResult(output or "", messages)

    def _run(self, executable: Any, source: str | None, initial_template: str | None) -> Any:
        if initial_template is not None:
            if source is not None:
                executable.set_global_context_item(xdm_item=self._engine.parse(source))
            return executable.call_template_returning_string(initial_template)
        node = self._engine.parse(source or "")
        return executable.transform_to_string(xdm_node=node)

    def _messages(self) -> tuple[str, ...]:
        found = self._executable.get_xsl_messages()
        if found is None:
            return ()
        return tuple(str(found.item_at(i).string_value) for i in range(found.size))


#: How many document parameters an engine keeps parsed (``Engine._document_parameter``): a
#: reading page has three (the registers and the messages, the same for every text, and the
#: text's citation), and one to spare.
_PARSED_KEPT = 4


class Engine:
    """One Saxon processor with the compiled entry stylesheets of one area (or only the one
    named ``only``), then locked."""

    def __init__(
        self,
        xslt_dir: Path = XSLT_DIR,
        area: str | None = None,
        layers: Layers | None = None,
        only: str | None = None,
    ) -> None:
        import saxonche

        self._processor = saxonche.PySaxonProcessor(license=False)
        for name in _UNLIMITED:
            self._processor.set_configuration_property(_PARSER_PROPERTY + name, "0")
        self._processor.set_configuration_property(
            _PARSER_FEATURE + "http://apache.org/xml/features/disallow-doctype-decl", "true"
        )
        self._xslt_dir = xslt_dir
        self._stylesheets: dict[str, Stylesheet] = {}
        # The document parameters parsed last and their trees, the latest last.
        self._parsed: list[tuple[str, Any]] = []
        # A stylesheet that fails to compile only breaks the feature that uses it: the error
        # is raised when that stylesheet is asked for.
        self._broken: dict[str, StylesheetError] = {}
        custom = layers if area in CUSTOMISED_AREAS and _customises(layers) else None
        with _workspace(custom) as work:
            if custom is not None and work is not None:
                # Before any protocol rule: Saxon refuses a catalog once protocols are set.
                self._processor.set_catalog_files([str(_catalog(work))])
            self._processor.set_configuration_property(_ALLOWED, "file,edition")
            self._compiler = self._processor.new_xslt30_processor()
            if area == "epub":
                epub = self._processor.make_string_value("epub")
                self._compiler.set_parameter(_OUTPUT_PARAM, epub)
            for path in sorted((xslt_dir / area).glob("*.xsl")) if area else ():
                name = f"{area}/{path.stem}"
                if only is not None and name != only:
                    continue
                # a customised engine holds the customised stylesheets only; the others of its
                # area are the plain engine's (Saxon.stylesheet asks each its own)
                if custom is not None and not customised(name):
                    continue
                try:
                    if custom is None or work is None:
                        self._stylesheets[name] = self._compile_file(path, name)
                    else:
                        self._stylesheets[name] = self._customised(path, name, custom, work)
                except StylesheetError as exc:
                    self._broken[name] = exc
        # From here on Saxon may not read or write any URI: not a file, not the network.
        self._processor.set_configuration_property(_ALLOWED, "")

    def _customised(self, path: Path, name: str, custom: Layers, work: Path) -> Stylesheet:
        """The customisation compiled over the entry stylesheet ``path``: the catalog maps
        ``edition:render.xsl`` to ``work/render.xsl``, which imports the entry (and the
        templates module over it, for a web page)."""
        imports = [self._xslt_dir / "common" / "render.xsl"] if name in _WITHOUT_RENDER else []
        imports.append(path)
        if custom.templates is not None and not name.startswith("epub/"):
            imports.append(custom.templates)
        layer = work / "render.xsl"
        layer.write_text(_importing(imports), encoding="utf-8")
        return self._compile_file(custom.stylesheet or layer, name)

    def _compile_file(self, path: Path, name: str) -> Stylesheet:
        try:
            with _quiet():
                executable = self._compiler.compile_stylesheet(stylesheet_file=str(path))
        except Exception as exc:
            detail = _clean(str(exc))
            raise StylesheetError(f"cannot compile {name}: {detail}", detail) from exc
        return self._ready(executable, name)

    def _ready(self, executable: Any, name: str) -> Stylesheet:
        executable.set_save_xsl_message(True)
        # Kept in memory and never read: no stylesheet writes a file (the lock only stops reads).
        executable.set_capture_result_documents(True)
        return Stylesheet(self, executable, name)

    def errors(self) -> dict[str, StylesheetError]:
        """The entry stylesheets of this area that did not compile, by name."""
        return dict(self._broken)

    def stylesheet(self, name: str) -> Stylesheet:
        """A compiled entry stylesheet of this engine's area by ``area/stem``."""
        if name in self._broken:
            raise self._broken[name]
        try:
            return self._stylesheets[name]
        except KeyError:
            raise StylesheetError(f"no stylesheet xslt/{name}.xsl") from None

    def compile_text(self, text: str, name: str) -> Stylesheet:
        """Compile a generated, self-contained stylesheet (it may not import files)."""
        try:
            with _quiet():
                executable = self._compiler.compile_stylesheet(stylesheet_text=text)
        except Exception as exc:
            detail = _clean(str(exc))
            raise StylesheetError(f"cannot compile {name}: {detail}", detail) from exc
        return self._ready(executable, name)

    def parse(self, text: str) -> Any:
        try:
            with _quiet():
                return self._processor.parse_xml(xml_text=text)
        except Exception as exc:
            raise StylesheetError(f"cannot hand the document to Saxon: {_clean(str(exc))}") from exc

    def _document_parameter(self, text: str) -> Any:
        """Saxon's tree of a document parameter; the same string object handed over again
        gets the same tree. The registers are a parameter of a text's normalisation, index,
        page and book, handed over as one string per run: an edition with large registers
        parsed them four times per text (a Saxon tree is immutable: one serves them all)."""
        for n, (known, node) in enumerate(self._parsed):
            if known is text:  # by identity: an equal string is not even compared
                self._parsed.append(self._parsed.pop(n))
                return node
        node = self.parse(text)
        self._parsed = [*self._parsed, (text, node)][-_PARSED_KEPT:]
        return node

    def value(self, value: ParamValue) -> Any:
        processor = self._processor
        if isinstance(value, XmlText):
            return self._document_parameter(value.text)
        if isinstance(value, bool):
            return processor.make_boolean_value(value)
        if isinstance(value, int):
            return processor.make_integer_value(value)
        if isinstance(value, float):
            return processor.make_double_value(value)
        return processor.make_string_value(value)


class Saxon:
    """The process's stylesheets by name, each compiled (and locked) on first use.

    ``stylesheet`` compiles the one stylesheet asked for in a processor of its own: a build
    that renders one text's page needs no home page compiled (0.3 s of the 0.6 s the HTML
    stylesheets take). ``area`` compiles all of an area at once (to report every error of a
    customisation); a stylesheet asked for later comes from that processor then.
    """

    def __init__(self, xslt_dir: Path = XSLT_DIR) -> None:
        self._xslt_dir = xslt_dir
        self._areas: dict[tuple[str, str], Engine] = {}
        self._single: dict[tuple[str, str], Engine] = {}

    def area(self, area: str, layers: Layers | None = None) -> Engine:
        """The engine of ``xslt/<area>/`` (customised by ``layers`` for the page and book
        areas); ``""`` is a processor with no stylesheet files."""
        custom = area in CUSTOMISED_AREAS and _customises(layers)
        key = (area, layers.key if custom and layers is not None else "")
        if key not in self._areas:
            # A customisation that changed (edition serve): its old engines are not used again.
            for old in [k for k in self._areas if k[0] == area and k[1] and k != key]:
                del self._areas[old]
            self._areas[key] = Engine(self._xslt_dir, area or None, layers if custom else None)
        return self._areas[key]

    def stylesheet(self, name: str, layers: Layers | None = None) -> Stylesheet:
        """An entry stylesheet by ``area/stem``, e.g. ``html/page``, customised by ``layers``
        when it makes pages or books."""
        area, _, _ = name.partition("/")
        chosen = layers if customised(name) and _customises(layers) else None
        layer_key = chosen.key if chosen is not None else ""
        whole = self._areas.get((area, layer_key))
        if whole is not None:
            return whole.stylesheet(name)
        key = (name, layer_key)
        if key not in self._single:
            # A customisation that changed (edition serve): its old engines are not used again.
            for old in [k for k in self._single if k[0] == name and k[1] and k != key]:
                del self._single[old]
            self._single[key] = Engine(self._xslt_dir, area or None, chosen, only=name)
        return self._single[key].stylesheet(name)

    def release(self, names: Iterable[str]) -> None:
        """Forget the stylesheets ``names`` compiled one by one (``stylesheet``), so that
        Saxon's collector can take their memory back: the page's and book's stylesheets
        are 65 MB of the build's main process, which needs them no more once the texts are
        done. Asked for again, a stylesheet is compiled again."""
        dropped = set(names)
        for key in [k for k in self._single if k[0] in dropped]:
            del self._single[key]
        # an engine and its stylesheets refer to each other: only the cycle collector frees
        # them, and with them Saxon's handles on the compiled stylesheets
        gc.collect()

    def compile_text(self, text: str, name: str) -> Stylesheet:
        """Compile a generated, self-contained stylesheet (e.g. compiled Schematron)."""
        return self.area("").compile_text(text, name)


def customised(name: str) -> bool:
    """Whether a customisation changes the entry stylesheet ``area/stem``."""
    area = name.partition("/")[0]
    return area in ("html", "epub") or name in ("index/pages", "index/works")


def _customises(layers: Layers | None) -> bool:
    return layers is not None and (layers.stylesheet is not None or layers.templates is not None)


@contextlib.contextmanager
def _workspace(custom: Layers | None) -> Iterator[Path | None]:
    """The folder of a customisation's catalog and layer file while its area compiles; none
    for the shipped stylesheets, which an edition without a customisation compiles on every
    build and check (a folder made and removed each time, for nothing written into it)."""
    if custom is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="edition-xslt-") as work:
        yield Path(work)


def _catalog(work: Path) -> Path:
    """An XML catalog mapping ``edition:render.xsl`` to ``work/render.xsl``."""
    path = work / "catalog.xml"
    path.write_text(
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        f'<uri name="{IMPORT_URI}" uri="{html.escape((work / "render.xsl").as_uri())}"/></catalog>',
        encoding="utf-8",
    )
    return path


def _importing(modules: list[Path]) -> str:
    """A stylesheet that imports ``modules`` in order (the last has the highest precedence)."""
    imports = "".join(f'<xsl:import href="{html.escape(m.resolve().as_uri())}"/>' for m in modules)
    return (
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        f"{imports}</xsl:stylesheet>"
    )


_saxon: Saxon | None = None
_saxon_lock = threading.Lock()


def engine() -> Saxon:
    """The process's stylesheets; an area's stylesheets are compiled when first asked for."""
    global _saxon
    with _saxon_lock:
        if _saxon is None:
            _saxon = Saxon()
        return _saxon


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Keep Saxon's own error listings off the terminal: its messages come back in the
    exception, and the user sees one diagnostic (``EDITION_DEBUG=1`` shows them)."""
    if os.environ.get("EDITION_DEBUG"):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


#: Where one of Saxon's reports begins in a message that gathers several.
_REPORT = re.compile(r"^\s?(?:Warning|Error|Static error|Type error|Syntax error|Fatal error)\b")


def _clean(message: str) -> str:
    """Saxon's message on one line, without the warnings it gathered before the error (a
    module imported twice, SXWN9019, stood before a customisation's real mistake and hid it)."""
    reports: list[list[str]] = []
    for line in message.splitlines():
        if _REPORT.match(line) or not reports:
            reports.append([line])
        else:
            reports[-1].append(line)
    kept = [r for r in reports if not r[0].lstrip().startswith("Warning")] or reports
    return " ".join(" ".join(line for report in kept for line in report).split())

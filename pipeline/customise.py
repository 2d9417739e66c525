"""The customisation layer: ``[tool.edition] xslt``, ``templates``, ``css`` (docs/customising.md).

Data flow: ``load(config)`` reads the files the configuration names and every stylesheet
module they import or include (a content hash of all of them: ``customisation_digest``), and
notes what breaks the lock-down rules; ``check`` reports those, then compiles the customised
page and book stylesheets once for the process (``pipeline.xslt``: compiled before Saxon is
locked, and run locked like ours) and turns Saxon's errors into diagnostics at the user's file
and line. The builders ask ``engine().stylesheet(name, layers(custom))`` and copy ``custom.css``.

The lock-down rules a customisation follows, checked here before Saxon sees it: it imports
``edition:render.xsl`` once (and the templates module not at all); its other imports and
includes are relative paths to files in the folder of the configured file (or below it), never
a URL or an absolute path; no static expression (``use-when``, a static variable or parameter,
a shadow attribute) reads anything (``doc``, ``unparsed-text`` ...). At run time Saxon reads
nothing and writes nothing (``pipeline.xslt``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from . import diagnostics as diag
from .config import Config
from .diagnostics import Diagnostic, Severity
from .errors import ConfigError
from .paths import display
from .xslt import IMPORT_URI, Layers, engine

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
_ORIGIN = "custom"
#: The stylesheet areas a customisation changes for each output (the entity index pages are
#: web pages: index/pages).
_AREAS = {"html": ("html", "index"), "epub": ("epub",)}
#: Our own stylesheets' names in OUT/html/assets/ and in the book: an edition's CSS may not
#: take them.
_OURS = frozenset({"edition.css", "reader.css", "book.css"})
_CSS_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.css$")
#: Functions that read a file or the environment: never in a static expression.
_READS = re.compile(
    r"(?<![\w.-])(?:fn:)?(doc|document|doc-available|unparsed-text|unparsed-text-lines"
    r"|unparsed-text-available|collection|uri-collection|json-doc|environment-variable"
    r"|available-environment-variables|transform|load-xquery-module)\s*\("
)
_SAXON_PLACE = re.compile(r"on line (\d+)(?: column (\d+))? of ([^\s:]+):\s*")
#: Where one entry of Saxon's report starts ("Warning at ...", "Error in ...").
_SAXON_ENTRY = re.compile(
    r"(?=\b(?:Warning|Error|Static error|Syntax error|Fatal error) (?:at|in|on)\b)"
)


@dataclass(frozen=True)
class Customisation:
    """What an edition changes of the shipped rendering, read at one moment."""

    xslt: Path | None
    templates: Path | None
    css: tuple[Path, ...]
    #: Every stylesheet file: ``xslt``, ``templates`` and the modules they import or include.
    modules: tuple[Path, ...]
    #: A hash of the content of every module and CSS file (and of the CSS files' names).
    digest: str
    #: Lock-down rules broken and other problems found while reading (``check`` reports them).
    problems: tuple[Diagnostic, ...]

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file whose change changes the output (``edition serve`` watches them)."""
        return (*self.modules, *self.css)

    @property
    def css_names(self) -> tuple[str, ...]:
        """The CSS files' names, in the order they are linked."""
        return tuple(p.name for p in self.css)

    def reread(self) -> Customisation:
        """The same customisation read again (its files may have changed since)."""
        return _read(self.xslt, self.templates, self.css)


def load(config: Config) -> Customisation | None:
    """The configuration's customisation, or None when it has none.

    Raises ``ConfigError`` (exit 2) for a named file that does not exist and for CSS file
    names that would clash; problems inside the files are diagnostics for ``check``.
    """
    if config.xslt is None and config.templates is None and not config.css:
        return None
    for key, path in (("xslt", config.xslt), ("templates", config.templates)):
        if path is not None and not path.is_file():
            raise ConfigError(f"[tool.edition] {key}: {display(path)} does not exist")
    names: set[str] = set()
    for path in config.css:
        if not path.is_file():
            raise ConfigError(f"[tool.edition] css: {display(path)} does not exist")
        if not _CSS_NAME.match(path.name) or path.name in _OURS or path.name in names:
            raise ConfigError(
                f"[tool.edition] css: {display(path)}: the file name must end in .css, hold "
                "only letters, digits, '.', '_' and '-', differ from the other files' and from "
                f"ours ({', '.join(sorted(_OURS))})"
            )
        names.add(path.name)
    return _read(config.xslt, config.templates, config.css)


def customisation_digest(config: Config) -> str:
    """A hash of the customisation's stylesheets and CSS, for the build's cache: equal
    digests mean equal customisations. Raises ``ConfigError`` as ``load`` does."""
    custom = load(config)
    return custom.digest if custom is not None else hashlib.sha256().hexdigest()


def layers(custom: Customisation | None) -> Layers | None:
    """What the stylesheet compiler needs of a customisation."""
    if custom is None or (custom.xslt is None and custom.templates is None):
        return None
    return Layers(custom.xslt, custom.templates, custom.digest)


def check(custom: Customisation | None, outputs: Iterable[str]) -> list[Diagnostic]:
    """The customisation's problems; when it breaks no rule, it is compiled for every output
    of ``outputs`` that it changes (``html``, ``epub``) and Saxon's errors are reported, each
    once, naming the stylesheets it was compiled over when it failed."""
    if custom is None:
        return []
    problems = list(custom.problems)
    found = layers(custom)
    if found is None or any(p.severity is Severity.ERROR for p in problems):
        return problems
    failed: dict[tuple[Path, int | None, int | None, str], list[str]] = {}
    for area in (a for output in sorted(set(outputs)) for a in _AREAS.get(output, ())):
        for name, error in sorted(engine().area(area, found).errors().items()):
            for place in _saxon_errors(custom, error.detail or str(error)):
                failed.setdefault(place, []).append(name)
    for (path, line, column, message), names in failed.items():
        problems.append(
            diag.error(
                display(path),
                "custom.xslt",
                f"{message} (compiled over {', '.join(names)})",
                line,
                column,
                origin=_ORIGIN,
            )
        )
    return problems


# -- reading ---------------------------------------------------------------------------------


def _read(xslt: Path | None, templates: Path | None, css: tuple[Path, ...]) -> Customisation:
    modules: list[tuple[str, Path, Path]] = []  # (role, top file, module)
    problems: list[Diagnostic] = []
    for role, top in (("xslt", xslt), ("templates", templates)):
        if top is None:
            continue
        before = len(problems)
        found, imports = _scan(top, problems)
        modules.extend((role, top, m) for m in found)
        wanted = 1 if role == "xslt" else 0
        unread = any(p.code == "custom.xslt" for p in problems[before:])
        if len(imports) != wanted and not unread:
            problems.append(_import_count(role, top, imports))
    for path in css:
        problems.extend(_css_problems(path))
    digest = hashlib.sha256()
    for role, top, module in modules:
        _feed(digest, role, module.relative_to(top.resolve().parent).as_posix(), module)
    for path in css:
        _feed(digest, "css", path.name, path)
    return Customisation(
        xslt=xslt,
        templates=templates,
        css=css,
        modules=tuple(m for _, _, m in modules),
        digest=digest.hexdigest(),
        problems=tuple(problems),
    )


def _feed(digest: hashlib._Hash, role: str, name: str, path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError:
        data = b""  # reported by the scan; the digest still differs from the file's
    for part in (role.encode(), name.encode(), data):
        digest.update(len(part).to_bytes(8, "big") + part)


def _scan(top: Path, problems: list[Diagnostic]) -> tuple[list[Path], list[etree._Element]]:
    """The modules of the tree under ``top`` (``top`` first, then in the order they are
    reached) and its imports of ``edition:render.xsl``; rule breaks go into ``problems``."""
    folder = top.resolve().parent
    queue, seen, edition = [top.resolve()], set[Path](), list[etree._Element]()
    while queue:
        module = queue.pop(0)
        if module in seen:
            continue
        seen.add(module)
        root = _parse(module, problems)
        if root is None:
            continue
        for element in root.iter(f"{{{XSL_NS}}}import", f"{{{XSL_NS}}}include"):
            try:
                target = _target(module, folder, element)
            except _Refused as exc:
                problems.append(_error(module, str(exc), element.sourceline))
                continue
            if isinstance(target, Path):
                queue.append(target)
            else:
                edition.append(element)
        problems.extend(_static_reads(module, root))
        problems.extend(_entry_parts(module, root))
        problems.extend(_no_namespace(module, root))
    return sorted(seen, key=lambda p: (p != top.resolve(), str(p))), edition


def _parse(module: Path, problems: list[Diagnostic]) -> etree._Element | None:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False
    )
    try:
        return etree.fromstring(module.read_bytes(), parser, base_url=str(module))
    except OSError as exc:
        problems.append(
            _error(module, f"cannot read the stylesheet: {exc.strerror}", None, "custom.xslt")
        )
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        # the column too, so that an editor's problem matcher lands on it
        column = exc.position[1] if line is not None and exc.position[1] > 0 else None
        problems.append(
            _error(module, f"not well-formed XML: {exc.msg}", line, "custom.xslt", column)
        )
    return None


def _target(module: Path, folder: Path, element: etree._Element) -> Path | str:
    """Where an import or include leads: ``IMPORT_URI`` or a module file of the customisation;
    ``_Refused`` says why it may not lead anywhere."""
    what = "xsl:" + etree.QName(element).localname
    href = (element.get("href") or "").strip()
    if element.get("_href") is not None:
        raise _Refused(f"{what} with a computed href (_href): write the file's path in href")
    if href == IMPORT_URI:
        if what != "xsl:import":
            raise _Refused(f"{IMPORT_URI} must be imported (xsl:import), not included")
        return IMPORT_URI
    if href.startswith("edition:"):
        raise _Refused(f"unknown {href!r}: the edition's rendering is {IMPORT_URI!r}")
    if not href or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or "\\" in href:
        raise _Refused(
            f"{what} href {href!r}: a customisation imports {IMPORT_URI!r} and its own files "
            "by relative path, nothing else"
        )
    if href.startswith("/"):
        raise _Refused(f"{what} href {href!r} is an absolute path: name the file relative to it")
    target = (module.parent / PurePosixPath(href)).resolve()
    if not target.is_relative_to(folder):
        raise _Refused(
            f"{what} href {href!r} leaves the customisation's folder ({display(folder)})"
        )
    if not target.is_file():
        raise _Refused(f"{what} href {href!r}: no such file")
    return target


class _Refused(Exception):
    """An import or include the lock-down rules refuse (the message says why)."""


def _static_reads(module: Path, root: etree._Element) -> Iterator[Diagnostic]:
    """Static expressions (evaluated while compiling) that would read a file."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        static = element.get("static") in ("yes", "true", "1")
        for key, value in element.attrib.items():
            name = etree.QName(key).localname
            if name == "use-when" or name.startswith("_") or (static and name == "select"):
                found = _READS.search(str(value))
                if found:
                    yield _error(
                        module,
                        f"{found.group(1)}() in a static expression ({name}) would read while "
                        "the stylesheet compiles: a customisation reads nothing",
                        element.sourceline,
                        "custom.static-read",
                    )


#: The modes a template without ``mode`` (or naming these) is in: the one the entry
#: stylesheets start the document in.
_DEFAULT_MODES = frozenset({"#default", "#all", "#unnamed"})


def _entry_parts(module: Path, root: etree._Element) -> Iterator[Diagnostic]:
    """What the entry stylesheets own: the serialisation (``xsl:output``, an unnamed
    ``xsl:mode``), where a transform starts (a template for the document node in the default
    mode, ``xsl:initial-template``). Probe 71: ``<xsl:template match="/"><html/></...>``
    published every page of the site as an empty ``<html>``, and ``<xsl:output
    method="text"/>`` the home page as text and no index pages; both compiled, so nothing
    stopped the build."""
    for element in root:
        if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{XSL_NS}}}"):
            continue
        name = etree.QName(element).localname
        what: str | None = None
        if name in ("output", "character-map"):
            what = f"xsl:{name}: the pages and books are serialised by the entry stylesheets"
        elif name == "mode" and not element.get("name"):
            what = "an unnamed xsl:mode: the entry stylesheets declare how their modes work"
        elif name == "template" and element.get("name") == "xsl:initial-template":
            what = "xsl:initial-template: the entry stylesheets say where a transform starts"
        elif name == "template" and _matches_document(element):
            what = (
                f'a template for the document (match="{element.get("match")}"): the entry '
                "stylesheets make the page from it; match the elements you change"
            )
        if what is not None:
            yield _error(
                module, f"{what} (docs/customising.md)", element.sourceline, "custom.entry"
            )


def _matches_document(template: etree._Element) -> bool:
    """Whether a template of the default mode may match the document node: "/", ".",
    ``root()``, ``document-node(...)`` as one of its pattern's alternatives."""
    modes = set((template.get("mode") or "#default").split())
    if not modes & _DEFAULT_MODES:
        return False
    for alternative in (template.get("match") or "").split("|"):
        pattern = "".join(alternative.split())
        if pattern in ("/", ".", "root()") or pattern.startswith("document-node("):
            return True
    return False


def _no_namespace(module: Path, root: etree._Element) -> Iterator[Diagnostic]:
    """A literal result element in no namespace: the pages and books are XHTML, where it
    would be an unknown element (the stylesheet lacks xmlns="http://www.w3.org/1999/xhtml")."""
    for element in root.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            yield diag.warning(
                display(module),
                "custom.namespace",
                f"<{element.tag}> is in no namespace: the pages and books are XHTML; declare "
                'xmlns="http://www.w3.org/1999/xhtml" on the stylesheet',
                element.sourceline,
                origin=_ORIGIN,
            )
            return


def _import_count(role: str, top: Path, imports: list[etree._Element]) -> Diagnostic:
    if role == "templates":
        return _error(
            top,
            f"the templates module is imported over the edition's stylesheets: "
            f"it must not import {IMPORT_URI}",
            imports[0].sourceline,
        )
    if not imports:
        return _error(
            top,
            f"the customisation does not import the edition's rendering: add "
            f'<xsl:import href="{IMPORT_URI}"/> before its templates',
            None,
        )
    return _error(
        top, f"{IMPORT_URI} is imported {len(imports)} times: import it once", imports[1].sourceline
    )


def _css_problems(path: Path) -> Iterator[Diagnostic]:
    """CSS that refers to other files: they are not copied, so the reference would break."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        yield _error(path, f"cannot read the stylesheet: {exc.strerror}", None, "custom.css")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if re.search(r"@import\b|url\(\s*(?![\"']?\s*(data:|#))", line, re.IGNORECASE):
            yield diag.warning(
                display(path),
                "custom.css",
                "the stylesheet refers to another file (url() or @import), which is not copied "
                "into the site or the books: put it in the CSS (a data: URL) or leave it out",
                number,
                origin=_ORIGIN,
            )
            return


def _error(
    module: Path,
    message: str,
    line: int | None,
    code: str = "custom.import",
    column: int | None = None,
) -> Diagnostic:
    return diag.error(display(module), code, message, line, column, origin=_ORIGIN)


# -- compiling -------------------------------------------------------------------------------


def _saxon_errors(
    custom: Customisation, detail: str
) -> Iterator[tuple[Path, int | None, int | None, str]]:
    """Each error of Saxon's report (its warnings left out) at the user's module and line when
    it names one of them, else at the configured file."""
    top = custom.xslt or custom.templates
    assert top is not None
    entries = [e.strip() for e in _SAXON_ENTRY.split(detail) if e.strip()]
    errors = [e for e in entries if not e.startswith("Warning")] or [detail]
    for entry in errors:
        place = _SAXON_PLACE.search(entry)
        module = None
        if place is not None:
            module = next((m for m in custom.modules if m.name == place.group(3)), None)
        if place is None or module is None:
            yield top, None, None, entry
            continue
        column = int(place.group(2)) if place.group(2) else None
        yield module, int(place.group(1)), column, entry[place.end() :] or entry


__all__ = ["Customisation", "check", "customisation_digest", "layers", "load"]

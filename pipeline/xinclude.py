"""XInclude, resolved by the gate itself (DESIGN.md section 5 rule 1).

gated tree with ``xi:include`` -> each target checked (a relative path inside the corpus
root, no URL, no absolute path) -> the target read and gated like any file (size limit,
DOCTYPE policy, hardened parse) -> its own includes expanded -> the part named by
``xpointer`` (a bare id, ``element()``, an ``xpointer()`` path) copied in place of the
include, with ``xml:base`` and ``xml:lang`` fix-ups as XInclude asks (jing does the same, so
verdicts agree, but for ``xpointer()`` paths, which jing does not read).
``parse="text"`` inserts the file's text; ``xi:fallback`` stands in for a missing target.

lxml's own ``xinclude()`` is never called: it expands external entities of included files.
Included elements keep the line numbers of their own file; ``Expansion.parts`` records the
top element of each included subtree and its file, so diagnostics can name the right file.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import hashlib
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from . import columns, files
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .gate import (
    XI_INCLUDE,
    XI_NS,
    XML_ID,
    XML_NS,
    GateResult,
    Inclusion,
    parse_one,
    read_bytes,
)
from .paths import display, is_dir, is_file, resolved

#: The buffers open in an editor, by resolved path, which stand for their files when a part is
#: included (the language server's: ``open_buffers``); none elsewhere.
_OPEN: ContextVar[Mapping[Path, bytes] | None] = ContextVar("open_buffers", default=None)


@contextlib.contextmanager
def open_buffers(buffers: Mapping[Path, bytes]) -> Iterator[None]:
    """Include the ``buffers`` (an editor's unsaved texts, by resolved path) in place of
    their files while the block runs: an includer open beside its part read the part from
    the disk, its fixed problems still told until it was saved (probe 150)."""
    token = _OPEN.set(buffers)
    try:
        yield
    finally:
        _OPEN.reset(token)


def _read(target: Path, max_bytes: int) -> tuple[bytes, GateResult | None]:
    """A part's bytes: its open buffer's, else its file's."""
    held = (_OPEN.get() or {}).get(target)
    if held is not None and len(held) <= max_bytes:
        return held, None
    return read_bytes(target, max_bytes)


#: An include's href as a text writes it (any prefix, or none where the namespace is the
#: default one): group 1 the attribute's name, 3 its value; or, matched first and passed
#: over, a comment, a CDATA section, an instruction or a document type declaration, whose
#: words are no include (probe 155: `<!-- <xi:include href="ch3.xml"/> -->` made ch3.xml
#: a part of that file). An unclosed one runs to the end, as the parser reads it.
_INCLUDE_HREF = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<\?.*?(?:\?>|\Z)"
    r"|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"""|<(?:[\w.-]+:)?include\b[^>]*?\b(href)\s*=\s*(["'])(.*?)\2""",
    re.DOTALL,
)


def include_hrefs(text: str) -> Iterator[tuple[int, str]]:
    """The includes a document's text writes, found without parsing it (check's parts
    checked alone, the language server's place of a part's problems): the place of each
    ``href`` attribute and its value as written."""
    for found in _INCLUDE_HREF.finditer(text):
        if found.group(1) is not None:
            yield found.start(1), found.group(3)


#: Includes nested deeper than this are refused (a document including itself, at last).
MAX_DEPTH = 16
#: Most include operations in one document (an include bomb multiplies them).
MAX_INCLUSIONS = 10_000
#: What to do about a chain of includes, by whether it closes on itself (True) or is too deep
_LOOP_ADVICE = {
    True: "remove the xi:include that closes the loop, or point it at another file",
    False: "include the innermost files directly from fewer levels",
}

XI_FALLBACK = f"{{{XI_NS}}}fallback"
XML_BASE = f"{{{XML_NS}}}base"
XML_LANG = f"{{{XML_NS}}}lang"
_ORIGIN = "gate"
_SCHEME = re.compile(r"([A-Za-z_][\w.-]*)\(((?:[^()^]|\^.)*)\)")
#: A bare id: compiled (by ``re``, once) when an XPointer first needs it, not at every check's
#: start (its Unicode classes took 3 ms; most corpora have no XPointer at all).
_NCNAME = r"^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*$"
_XPOINTER_ID = re.compile(r"""^id\(\s*["']([^"']+)["']\s*\)$""")


@dataclass(frozen=True)
class IncludedFile:
    path: Path  # resolved
    sha256: str


@dataclass(frozen=True)
class Expansion:
    """The outcome of expanding one document's includes (the tree is changed in place)."""

    diagnostics: tuple[Diagnostic, ...]
    failed: bool
    files: tuple[IncludedFile, ...]
    parts: tuple[Inclusion, ...]


def corpus_root(
    paths: Sequence[Path], configured: Path | None = None, cwd: Path | None = None
) -> Path:
    """The folder includes may read from.

    ``configured`` (``--root`` or ``[tool.edition] root``) when given; else the folder of the
    nearest ``pyproject.toml`` above the PATHS; else the working directory when every PATH
    lies inside it; else the common parent of the PATHS.
    """
    if configured is not None:
        return configured.resolve()
    here = (cwd or Path.cwd()).resolve()
    folders = [resolved(p) if is_dir(p) else resolved(p).parent for p in paths] or [here]
    common = Path(os.path.commonpath([str(f) for f in folders]))
    for folder in (common, *common.parents):
        if is_file(folder / "pyproject.toml"):
            return folder
    if all(_within(f, here) for f in folders):
        return here
    return common


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def expand(tree: etree._ElementTree, path: Path, root: Path, max_bytes: int) -> Expansion:
    """Resolve every ``xi:include`` of ``tree`` (the gated file ``path``) in place."""
    expander = _Expander(root.resolve(), max_bytes)
    top = path.resolve()
    expander.expand_in(tree.getroot(), top, ((top, ""),))
    return Expansion(
        tuple(expander.diagnostics),
        expander.failed,
        tuple(expander.files.values()),
        tuple(expander.parts),
    )


@dataclass
class _Expander:
    root: Path
    max_bytes: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False
    files: dict[Path, IncludedFile] = field(default_factory=dict)
    parts: list[Inclusion] = field(default_factory=list)
    gated: dict[Path, GateResult] = field(default_factory=dict)
    inclusions: int = 0
    read: int = 0
    #: The line of the checked file's own xi:include being expanded (a loop is its problem).
    top_line: int | None = None
    top_column: int | None = None

    def expand_in(
        self, container: etree._Element, file: Path, chain: tuple[tuple[Path, str], ...]
    ) -> None:
        for include in list(_pending(container)):
            # the checked file's own includes are each told of (probe 108: only the first of
            # three refused ones was, the next run telling the second); inside a part that
            # failed, nothing more
            if self.failed and len(chain) > 1:
                return
            self._one(include, file, chain)

    def _error(
        self, file: Path, code: str, message: str, line: int | None, column: int | None = None
    ) -> None:
        self.failed = True
        made = diag.error(display(file), code, message, line, column, origin=_ORIGIN)
        self.diagnostics.append(made)

    def _warn(
        self, file: Path, code: str, message: str, line: int | None, column: int | None = None
    ) -> None:
        made = diag.warning(display(file), code, message, line, column, origin=_ORIGIN)
        self.diagnostics.append(made)

    def _at(self, include: etree._Element, file: Path) -> tuple[int | None, int | None]:
        """Where an include's error points: its href, the one thing the scholar mends
        (libxml2 gives the line where the tag ends and no column at all)."""
        href = include.get("href")
        if not href:
            return include.sourceline, None
        return columns.attribute_place(file, include.sourceline, "href", href)

    def _one(
        self, include: etree._Element, file: Path, chain: tuple[tuple[Path, str], ...]
    ) -> None:
        line, column = self._at(include, file)
        if len(chain) == 1:
            self.top_line, self.top_column = line, column
        href = include.get("href", "")
        parse = include.get("parse", "xml")
        xpointer = include.get("xpointer")
        fallback = next((c for c in include if c.tag == XI_FALLBACK), None)
        refused = _unsupported(include, href, parse, xpointer)
        if refused is not None:
            self._error(file, "gate.xinclude", refused, line, column)
            return
        target, outside = _target(include, href, file, self.root)
        if outside is not None or target is None:
            if fallback is not None:
                # XInclude 1.0 4.4: a resource that cannot be had gives way to the fallback;
                # a URL is never fetched and a path out of the root never read, so the same
                said = f"{outside or href}: its xi:fallback stands in"
                self._warn(file, "gate.xinclude-fallback", said, line, column)
                self._use_fallback(include, fallback, file, chain)
                return
            self._error(file, "gate.xinclude-outside", outside or href, line, column)
            return
        if not files.is_file(target) and (kind := _special(target)) is not None:
            # never opened: reading a named pipe waits for a writer, and the check with it
            said = f"the included path {href!r} is {kind}, not a file ({display(target)})"
            if fallback is not None:
                self._warn(file, "gate.xinclude-fallback",
                           f"{said}: its xi:fallback stands in", line, column)  # fmt: skip
                self._use_fallback(include, fallback, file, chain)
                return
            self._error(file, "gate.xinclude", f"{said}; name a file in the href", line, column)
            return
        if not files.is_file(target):
            if fallback is not None:
                self._use_fallback(include, fallback, file, chain)
                return
            self._error(
                file,
                "gate.xinclude-missing",
                f"the included file {href!r} "
                f"{'is not a regular file' if target.exists() else 'does not exist'} (looked "
                f"at {display(target)}); fix the href or add an xi:fallback",
                line,
                column,
            )
            return
        key = (target, xpointer or "")
        # a text inclusion is the file's characters, not read as XML: it includes nothing in
        # its turn, so including a document's own source as text is no loop
        if parse != "text" and (key in chain or len(chain) > MAX_DEPTH):
            names = " -> ".join(display(p) + (f"#{x}" if x else "") for p, x in (*chain, key))
            why = "includes itself" if key in chain else f"nests includes over {MAX_DEPTH} deep"
            # filed under the checked file, at its own include that starts the chain: the
            # loop closed in another file was that file's error twice, and none of this one
            top, where = chain[0][0], ""
            if file != top:
                where = f" (closed at {display(file)}:{line})" if line else ""
                line, column = self.top_line, self.top_column
            self._error(
                top,
                "gate.xinclude-loop",
                f"the document {why}: {names}{where}; {_LOOP_ADVICE[key in chain]}",
                line,
                column,
            )
            return
        self.inclusions += 1
        if self.inclusions == MAX_INCLUSIONS + 1:
            # the checked document's problem, told once at its own include that leads there
            # (probe 136: it was told at the include of a part, itself fine, that reached the
            # count, and again at each of the document's includes after it)
            top, where = chain[0][0], ""
            if file != top:
                where = (
                    f" (number {MAX_INCLUSIONS + 1:,} at {display(file)}:{line})" if line else ""
                )
                line, column = self.top_line, self.top_column
            self._error(
                top,
                "gate.xinclude",
                f"more than {MAX_INCLUSIONS:,} inclusions{where}: the document is refused",
                line,
                column,
            )
            return
        if self.inclusions > MAX_INCLUSIONS:
            return
        if parse == "text":
            self._include_text(include, target, file)
        else:
            self._include_xml(include, target, xpointer, fallback, file, (*chain, key))

    def _include_xml(
        self,
        include: etree._Element,
        target: Path,
        xpointer: str | None,
        fallback: etree._Element | None,
        file: Path,
        chain: tuple[tuple[Path, str], ...],
    ) -> None:
        gated = self._gate(target)
        if gated.document is None:
            self._error(
                file,
                "gate.xinclude",
                f"the included file {display(target)} was refused by the gate (see its own "
                "diagnostics)",
                *self._at(include, file),
            )
            return
        if not self._spend(len(gated.document.data), file, include):
            return
        whole = copy.deepcopy(gated.document.root)
        self.expand_in(whole, target, chain)
        if self.failed:
            return
        chosen = _select(whole, xpointer) if xpointer else [whole]
        if chosen is None:
            if fallback is not None:
                self._use_fallback(include, fallback, file, chain[:-1])
                return
            self._error(
                file,
                "gate.xinclude",
                f'xpointer="{xpointer}" selects nothing in {display(target)}: only a bare id, '
                "element(), xpointer(id('...')) and xpointer() paths of elements are "
                "understood; fix it or add an xi:fallback",
                *self._at(include, file),
            )
            return
        parts = [self._place(include, node, whole, target, file) for node in chosen]
        _replace(include, parts, "")

    def _place(
        self,
        include: etree._Element,
        node: etree._Element,
        whole: etree._Element,
        target: Path,
        file: Path,
    ) -> etree._Element:
        """One selected element, ready to stand where ``include`` stands: a copy (unless it
        is the whole included document) with ``xml:base`` and ``xml:lang`` as XInclude asks."""
        language = _language(node)
        entire = node is whole
        if not entire:
            node = copy.deepcopy(node)
        node.tail = None
        _fix_base(node, include.get("href", ""))
        if node.get(XML_LANG) is None and language != _language(include):
            node.set(XML_LANG, language)
        self.parts.append(
            Inclusion(node, target, f"{display(file)}:{include.sourceline}", whole=entire)
        )
        return node

    def _gate(self, target: Path) -> GateResult:
        found = self.gated.get(target)
        if found is None:
            data, refusal = _read(target, self.max_bytes)
            found = refusal if refusal is not None else parse_one(data, target)
            self.gated[target] = found
            self.diagnostics.extend(found.diagnostics)
            self.files.setdefault(target, IncludedFile(target, hashlib.sha256(data).hexdigest()))
        return found

    def _spend(self, size: int, file: Path, include: etree._Element) -> bool:
        self.read += size
        if self.read <= self.max_bytes:
            return True
        self._error(
            file,
            "gate.too-large",
            f"the included files add up to over {self.max_bytes:,} bytes; the document is "
            "refused (split it or raise [tool.edition] max-bytes in pyproject.toml)",
            *self._at(include, file),
        )
        return False

    def _include_text(self, include: etree._Element, target: Path, file: Path) -> None:
        data, refusal = _read(target, self.max_bytes)
        if refusal is not None:
            self.diagnostics.extend(refusal.diagnostics)
            self._error(
                file, "gate.xinclude", f"cannot include {display(target)}", *self._at(include, file)
            )
            return
        self.files.setdefault(target, IncludedFile(target, hashlib.sha256(data).hexdigest()))
        if not self._spend(len(data), file, include):
            return
        text = _decode(data, include.get("encoding"))
        if text is None:
            self._error(
                file,
                "gate.xinclude",
                f"{display(target)} is not text in the encoding "
                f"{include.get('encoding') or 'UTF-8'}: give the right encoding attribute",
                *self._at(include, file),
            )
            return
        try:
            _replace(include, [], text)
        except ValueError:
            self._error(
                file,
                "gate.xinclude",
                f"{display(target)} holds characters that XML does not allow (control "
                "characters or NUL): it cannot be included as text",
                *self._at(include, file),
            )

    def _use_fallback(
        self,
        include: etree._Element,
        fallback: etree._Element,
        file: Path,
        chain: tuple[tuple[Path, str], ...],
    ) -> None:
        self.expand_in(fallback, file, chain)
        if not self.failed:
            _replace(include, list(fallback), fallback.text or "")


def _pending(container: etree._Element) -> Iterator[etree._Element]:
    """The includes to process in ``container``: not those inside another include (the
    fallback of an include is processed when it is used)."""
    for include in container.iter(XI_INCLUDE):
        node = include.getparent()
        while node is not None and node is not container:
            if node.tag in (XI_INCLUDE, XI_FALLBACK):
                break
            node = node.getparent()
        if node is None or node is container:
            yield include


def _unsupported(
    include: etree._Element, href: str, parse: str, xpointer: str | None
) -> str | None:
    if include.getparent() is None:
        return "an xi:include cannot be the root element of a document"
    if parse not in ("xml", "text"):
        return f'parse="{parse}" is not XInclude: use parse="xml" or parse="text"'
    if not href:
        return (
            "xi:include without href (a reference into the same document) is not supported: "
            "copy the part or give the file's name"
        )
    if parse == "text" and xpointer:
        return 'xpointer is not allowed with parse="text"'
    if "#" in href:
        return (
            f"xi:include href={href!r} has a fragment; name the file only and select a part "
            "with xpointer"
        )
    return None


def _target(
    include: etree._Element, href: str, file: Path, root: Path
) -> tuple[Path | None, str | None]:
    """The resolved file an href names, or why it may not be read."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, (
            f"xi:include href={href!r} is a URL; only relative paths to files inside the "
            f"corpus root ({display(root)}) are included, nothing is fetched: save the "
            "file inside the corpus and include it by its relative path"
        )
    relative = unquote(parts.path)
    base = _base(include, file)
    if relative.startswith("/") or base is None:
        return None, (
            f"xi:include href={href!r} is an absolute path (or sits under an absolute "
            "xml:base); write a path relative to the including file"
        )
    target = Path(os.path.normpath(base.parent / relative)).resolve()
    if not _within(target, root):
        return None, (
            f"xi:include href={href!r} leaves the corpus root {display(root)}; move the "
            "file inside it or widen the root with --root or [tool.edition] root"
        )
    return target, None


def _special(target: Path) -> str | None:
    """What ``target`` is when it is there but no regular file (a folder, a named pipe, a
    device), told by its status alone; None when it is a file or nothing is there."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def _base(include: etree._Element, file: Path) -> Path | None:
    """The base the href resolves against: ``file`` with the relative ``xml:base`` values of
    the include's ancestors applied (None when one is absolute or a URL)."""
    values = [e.get(XML_BASE) for e in include.iterancestors() if e.get(XML_BASE) is not None]
    base = file
    for value in reversed(values):
        parts = urlsplit(value or "")
        if parts.scheme or parts.netloc or parts.path.startswith("/"):
            return None
        relative = unquote(parts.path)
        base = Path(os.path.normpath(base.parent / relative)) if relative else base
        if relative.endswith("/"):
            base = base / "_"
    return base


def _select(whole: etree._Element, xpointer: str) -> list[etree._Element] | None:
    """The elements an XPointer names: a bare id, element(), xpointer(id('...')), or an
    xpointer() path with the namespaces of the xmlns() parts before it."""
    pointer = xpointer.strip()
    if re.match(_NCNAME, pointer):
        found = _by_id(whole, pointer)
        return [found] if found is not None else None
    namespaces: dict[str, str] = {}
    for scheme, data in _SCHEME.findall(pointer):
        data = re.sub(r"\^(.)", r"\1", data)
        chosen: list[etree._Element] | None = None
        if scheme == "xmlns":
            # XPointer xmlns() scheme: binds a prefix for the parts that follow it
            prefix, _, uri = data.partition("=")
            if prefix.strip() and uri.strip():
                namespaces[prefix.strip()] = uri.strip()
            continue
        if scheme == "element":
            one = _element_scheme(whole, data)
            chosen = [one] if one is not None else None
        elif scheme == "xpointer":
            match = _XPOINTER_ID.match(data.strip())
            if match:
                one = _by_id(whole, match.group(1))
                chosen = [one] if one is not None else None
            else:
                chosen = _by_path(whole, data, namespaces)
        if chosen:
            return chosen
    return None


def _by_path(
    whole: etree._Element, path: str, namespaces: dict[str, str]
) -> list[etree._Element] | None:
    """The elements an ``xpointer()`` path selects, in document order (editions share one
    header file and take parts of it, ``xpointer(//tei:publicationStmt/*)``: libxml2 and eXist
    read the path, so the part is in the document, not the fallback meant for tools that
    cannot). XPath 1.0 without extensions, over a copy of the included file; a path that
    selects anything but elements is not understood, as one that does not compile."""
    try:
        found = etree.XPath(path, namespaces=namespaces, regexp=False, smart_strings=False)(
            etree.ElementTree(whole)
        )
    except (etree.XPathError, TypeError, ValueError):
        return None
    if not isinstance(found, list) or not found:
        return None
    if not all(isinstance(node, etree._Element) and isinstance(node.tag, str) for node in found):
        return None
    return [node for node in found if isinstance(node, etree._Element)]


def _by_id(whole: etree._Element, value: str) -> etree._Element | None:
    return next((e for e in whole.iter(etree.Element) if e.get(XML_ID) == value), None)


def _element_scheme(whole: etree._Element, data: str) -> etree._Element | None:
    """``element(id)``, ``element(id/2/1)``, ``element(/1/2)`` (1-based element children)."""
    first, *steps = data.split("/")
    node: etree._Element | None
    if first:
        node = _by_id(whole, first)
    else:
        if not steps or steps[0] != "1":
            return None
        node, steps = whole, steps[1:]
    for step in steps:
        if node is None or not step.isdigit() or int(step) < 1:
            return None
        children = [c for c in node if isinstance(c.tag, str)]
        node = children[int(step) - 1] if int(step) <= len(children) else None
    return node


def _language(element: etree._Element) -> str:
    for node in (element, *element.iterancestors()):
        value = node.get(XML_LANG)
        if value is not None:
            return str(value)
    return ""


def _fix_base(element: etree._Element, href: str) -> None:
    """``xml:base`` on an included element: where it came from, relative to the includer."""
    own = element.get(XML_BASE)
    if own is not None and not urlsplit(own).scheme and not own.startswith("/"):
        folder = href.rsplit("/", 1)[0] + "/" if "/" in href else ""
        element.set(XML_BASE, os.path.normpath(folder + own) if folder else own)
    elif own is None:
        element.set(XML_BASE, href)


def _replace(include: etree._Element, nodes: list[etree._Element], text: str) -> None:
    """Put ``text`` then ``nodes`` where ``include`` stands, keeping the text after it."""
    parent = include.getparent()
    assert parent is not None  # _unsupported refused a root include
    tail = include.tail or ""
    previous = include.getprevious()
    if nodes:
        nodes[-1].tail = (nodes[-1].tail or "") + tail
        tail = ""
    lead = text + tail
    if lead:
        if previous is not None:
            previous.tail = (previous.tail or "") + lead
        else:
            parent.text = (parent.text or "") + lead
    index = parent.index(include)
    parent.remove(include)
    for offset, node in enumerate(nodes):
        parent.insert(index + offset, node)


def _decode(data: bytes, encoding: str | None) -> str | None:
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        if data.startswith(codecs.BOM_UTF8):
            return data[3:].decode("utf-8")
        text: str = data.decode(encoding or "utf-8")
        return text
    except (UnicodeDecodeError, LookupError):
        return None

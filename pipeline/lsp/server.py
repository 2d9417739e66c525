"""The language server: LSP messages (pygls, lsprotocol) in, ``project``/``grammar`` answers out.

Diagnostics are computed on one worker thread (so that completion never waits behind a
check), ``DEBOUNCE`` seconds after the last change of a document, and published only if the
document has not changed again meanwhile; a long text (``FIRST_PASS_SIZE``) has them in two
publications of its version, all but Schematron's first. Completion, hover, definition and
references run on the protocol's own thread and read the project's index, which the worker
swaps whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls import uris
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
    JsonRpcServerNotInitialized,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import RPCMessage, RPCRequest
from pygls.workspace import TextDocument

from .. import __version__
from .. import diagnostics as diag
from ..diagnostics import Diagnostic, Severity
from ..xinclude import include_hrefs
from . import scan
from .complete import POINTERS, complete
from .fixes import fixes
from .grammar import Model, model_for
from .project import Analysis, Entry, Project, Projects

#: Seconds of quiet after a change before the document is checked.
DEBOUNCE = 0.1
#: Characters from which a document's first pass (all but Schematron) is published before
#: the whole check: the rules on Saxon take about 0.1 s a megabyte, and on a 5 MB text the
#: whole check came 1.4-2.1 s after a change (probe 45). Shorter texts get one publication,
#: not two in a tenth of a second.
FIRST_PASS_SIZE = 1_000_000
#: Files whose change outside the editor may change an open document's diagnostics: the
#: edition's TEI and its schemas.
WATCHED = ("xml", "rng", "sch")
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_WORD = re.compile(r"\S+")
_T = TypeVar("_T")


_LINE_END = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class Lines:
    """The offsets where the lines of a text start, to turn positions into offsets."""

    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Lines:
        # a CR alone ends a line too, for the protocol as for XML (probe 120: a file of CR
        # line ends had every diagnostic at the start of one long line)
        return cls(text, (0, *(m.end() for m in _LINE_END.finditer(text))))

    def line(self, number: int) -> str:
        if number >= len(self.starts):
            return ""
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[number] : end].rstrip("\r\n")

    def offset(self, position: lsp.Position, document: TextDocument) -> int:
        """The offset of a position given in the client's units (UTF-16 by default)."""
        line = self.line(position.line)
        start = self.starts[min(position.line, len(self.starts) - 1)]
        count = units_of(document)
        chars = min(position.character, len(line))
        while chars > 0 and count(line[:chars]) > position.character:
            chars -= 1  # characters beyond the basic plane take two UTF-16 units
        return start + chars


def units_of(document: TextDocument) -> Callable[[str], int]:
    """How many of the client's position units a text takes (at C speed: a line may be a
    whole novel)."""
    encoding = document.position_codec.encoding
    # (a lone surrogate counts as the unit it is: a hover on one was -32603, probe 121)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return lambda text: len(text.encode("utf-8", "surrogatepass"))
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len
    return lambda text: len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True)
class _Refused:
    """A request that cannot be read as its method's, and why (EditionProtocol)."""

    id: int | str
    error: JsonRpcException


class EditionProtocol(LanguageServerProtocol):
    """pygls's protocol, as the specification has it where pygls is silent (probe 81): a
    request after ``shutdown`` is answered InvalidRequest (it was never answered: a client
    waiting for it hung), one before ``initialize`` ServerNotInitialized (it was an internal
    error with a Python traceback), and ``exit`` without ``shutdown`` ends the process with 1
    (pygls's exit status was lost: 0)."""

    #: The status ``exit`` asks for; 0 until then (an editor that closes the pipe).
    exit_code = 0
    initialize_asked = False

    def structure_message(self, data: dict[str, Any]) -> Any:
        """A request whose params are not the method's is answered InvalidParams (probe
        111: pygls raised it out of the reading loop, the editor got an "Error in server"
        pop-up and the request no answer, so a client waiting for it hung)."""
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "jsonrpc" in data and "method" in data and "id" in data:
                return _Refused(data["id"], error)
            raise

    def handle_message(self, message: RPCMessage) -> None:
        if isinstance(message, _Refused):
            self._send_response(message.id, error=message.error.to_response_error())
            return
        method = getattr(message, "method", "")
        if method == lsp.EXIT:
            self.exit_code = 0 if self._shutdown else 1
        elif method == lsp.INITIALIZE:
            self.initialize_asked = True
        if isinstance(message, RPCRequest) and method not in (lsp.EXIT, lsp.INITIALIZE):
            refused = (
                JsonRpcInvalidRequest("the server is shutting down: no more requests")
                if self._shutdown
                else None
                if self.initialize_asked or method == lsp.SHUTDOWN
                else JsonRpcServerNotInitialized("the server was not initialized yet")
            )
            if refused is not None:
                self._send_response(message.id, error=refused.to_response_error())
                return
        super().handle_message(message)


class EditionLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("edition", __version__, protocol_cls=EditionProtocol)
        self.projects = Projects()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="edition-check")
        self.pending: dict[str, asyncio.Task[None]] = {}
        self._lines: dict[str, Lines] = {}

    def report_server_error(self, error: Exception, source: type[Exception]) -> None:
        """A message that is no JSON (a body cut short, a broken client) is answered as
        JSON-RPC says, a Parse error of no id, not with an "Error in server" pop-up in the
        user's editor (probe 111)."""
        if isinstance(error, ValueError) and not isinstance(error, JsonRpcException):
            self.protocol._send_response(None, error=JsonRpcParseError().to_response_error())  # type: ignore[arg-type]
            return
        super().report_server_error(error, source)  # type: ignore[arg-type]

    # -- documents --------------------------------------------------------------------------

    def path_of(self, uri: str) -> Path:
        return path_of(uri, self.workspace_folder())

    def workspace_folder(self) -> Path | None:
        """The folder the editor opened, as it said at ``initialize`` (its first workspace
        folder, else its ``rootUri``): an editor started from elsewhere (a desktop launcher's
        working folder is the home folder) had an unsaved buffer's relative schema looked for
        there (probe 45)."""
        try:
            workspace = self.workspace
        except RuntimeError:  # not initialized yet
            return None
        given = [f.uri for f in workspace.folders.values()]
        for uri in (*given, workspace.root_uri):
            found = uris.to_fs_path(uri) if uri else None
            if found and Path(found).is_dir():
                return Path(found)
        return None

    def lines(self, document: TextDocument) -> Lines:
        text = document.source
        known = self._lines.get(document.uri)
        if known is None or known.text is not text:
            known = self._lines[document.uri] = Lines.of(text)
        return known

    def schedule(self, uri: str, delay: float, follow: bool = True) -> None:
        """Check ``uri`` after ``delay`` seconds; ``follow``: then the other open documents
        of its project too (they may point at what changed)."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        task = self._diagnose(uri, delay, follow)
        self.pending[uri] = asyncio.get_running_loop().create_task(task)

    def _follow(self, uri: str, project: object) -> None:
        """Check again the other open documents of ``project``: an entry added to an open
        register left "no such entry" on the open texts that point at it until they were
        edited. Each once, and not while a check of its own is on its way."""
        for other in list(self.workspace.text_documents):
            if other == uri or self.projects.of(self.path_of(other)) is not project:
                continue
            waiting = self.pending.get(other)
            if waiting is None or waiting.done():
                self.schedule(other, DEBOUNCE, follow=False)

    async def _diagnose(self, uri: str, delay: float, follow: bool = True) -> None:
        """Check ``uri``; a long text has the diagnostics of a first pass published at once,
        those of the whole check (with Schematron) when they are ready, for the same
        version. A result is dropped when the document has changed meanwhile."""
        await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        path = self.path_of(uri)
        if not scan.is_tei(path.name, text):
            # the edition's schema, a stylesheet, another XML: no TEI to check
            self._publish(uri, version, [], path, document)
            return
        project = self.projects.of(path)
        # the other open buffers stand for their files where this one includes them
        others = {
            self.path_of(u): d.source
            for u, d in list(self.workspace.text_documents.items())
            if u != uri and u.startswith("file:")
        }
        first = await self._run(path, project.first_pass, path, text, others)
        if self._stale(uri, version):
            return
        if isinstance(first, Analysis):
            if len(text) >= FIRST_PASS_SIZE and not first.final:
                self._publish(uri, version, first.diagnostics, path, document)
            found = await self._run(path, project.finish, first)
            if self._stale(uri, version):
                return
        else:
            found = first
        self._publish(uri, version, found, path, document)
        if follow:
            self._follow(uri, project)

    async def _run(
        self, path: Path, work: Callable[..., _T], *args: object
    ) -> _T | list[Diagnostic]:
        """``work`` on the check's thread; a failure (a bug of ours) said in the editor, as
        check says it."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.worker, work, *args)
        except Exception as exc:
            return [
                diag.error(
                    str(path),
                    "check.internal",
                    f"internal error while checking this file ({type(exc).__name__}: {exc}); "
                    "please report it",
                    origin="check",
                )
            ]

    def _stale(self, uri: str, version: int | None) -> bool:
        """Whether ``uri`` changed since ``version`` (a newer check is on its way)."""
        current = self.workspace.text_documents.get(uri)
        return current is None or current.version != version

    def _publish(
        self,
        uri: str,
        version: int | None,
        found: Sequence[Diagnostic],
        path: Path,
        document: TextDocument,
    ) -> None:
        items = [self.convert(d, path, document) for d in found]
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version)
        )

    def convert(self, d: Diagnostic, path: Path, document: TextDocument) -> lsp.Diagnostic:
        """A diagnostic of ``check`` as the editor shows it: on its line (on the first line,
        naming its file, when it belongs to another file, such as an included one)."""
        lines = self.lines(document)
        message = d.message
        line = (d.line or 1) - 1
        column = d.column
        if Path(d.path).resolve() != path.resolve():
            where = f"{d.path}:{d.line}" if d.line else d.path
            message, line, column = f"in {where}: {d.message}", 0, None
            # a part the document includes: at the href of the include that brings it in
            # (probe 150: on the declaration, at the part's own column)
            place = _include_place(document.source, path, Path(d.path))
            if place is not None:
                line, column = place
        text = lines.line(line)
        units = units_of(document)
        if column:
            begin = units(text[: column - 1])
            word = _WORD.match(text, column - 1)
            end = begin + units(word.group(0)) if word else begin
        else:
            begin = units(text[: len(text) - len(text.lstrip())])
            end = units(text.rstrip())
        return lsp.Diagnostic(
            range=lsp.Range(lsp.Position(line, begin), lsp.Position(line, max(end, begin))),
            message=message,
            severity=_SEVERITY[d.severity],
            code=d.code,
            source="edition",
        )

    def model(self, project: Project, path: Path, text: str) -> Model | None:
        schema = project.schema(path, text)
        if schema is None:
            return None
        try:
            return model_for(schema)
        except Exception:  # a schema that does not compile: diagnostics say why
            return None


def _include_place(text: str, path: Path, part: Path) -> tuple[int, int] | None:
    """The line (from 0) and 1-based column of the href of the first include in ``text``
    (the document at ``path``) that names the file ``part``; None when none does."""
    wanted = part.resolve()
    for at, written in include_hrefs(text):  # at the attribute, as the check places it
        href = unquote(written.split("#")[0].strip())
        if not href or (path.parent / href).resolve() != wanted:
            continue
        line = text.count("\n", 0, at)
        return line, at - (text.rfind("\n", 0, at) + 1) + 1
    return None


def path_of(uri: str, folder: Path | None = None) -> Path:
    """The file of ``uri``; a buffer never saved (``untitled:``) stands in ``folder`` (the
    workspace's), else in the working folder: its relative ``<?xml-model?>`` and its
    edition are looked for from there."""
    found = uris.to_fs_path(uri)
    return Path(found) if found else (folder or Path.cwd()) / "untitled.xml"


def uri_of(path: Path) -> str:
    return uris.from_fs_path(str(path)) or path.as_uri()


server = EditionLanguageServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: EditionLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0.0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: EditionLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: EditionLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0.0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: EditionLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls._lines.pop(uri, None)
    path = ls.path_of(uri)
    project = ls.projects.of(path)
    ls.worker.submit(project.closed, path)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    # the file on disk stands for the buffer again: the open texts pointing into it are
    # checked against it (probe 81: a register closed unsaved left them the diagnostics of
    # the edits it threw away)
    ls._follow(uri, project)


@server.feature(lsp.INITIALIZED)
def initialized(ls: EditionLanguageServer, params: lsp.InitializedParams) -> None:
    """Ask the editor to tell of the edition's files changed outside it, where it can."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace is not None else None
    if watched is None or not watched.dynamic_registration:
        return
    watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/*.{suffix}") for suffix in WATCHED]
    options = lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    registration = lsp.Registration(
        id="edition-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
    )
    ls.client_register_capability(lsp.RegistrationParams(registrations=[registration]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(
    ls: EditionLanguageServer, params: lsp.DidChangeWatchedFilesParams
) -> None:
    """A file changed, appeared or went away outside the editor (a register restored by git,
    saved by another program, deleted): the open documents' pointers may lead into it, so
    they are checked again. Their diagnostics were those of the files as they had been, until
    each was edited again (probe 45)."""
    for uri in list(ls.workspace.text_documents):
        waiting = ls.pending.get(uri)
        if waiting is None or waiting.done():
            ls.schedule(uri, DEBOUNCE, follow=False)


@server.feature(lsp.SHUTDOWN)
def shutdown(ls: EditionLanguageServer, params: None) -> None:
    for task in ls.pending.values():
        task.cancel()
    ls.worker.shutdown(wait=False, cancel_futures=True)


#: What of the word being completed follows the cursor, by what is completed.
_REST = {
    "element": re.compile(r"[\w.:-]*"),
    "end": re.compile(r"[\w.:-]*"),
    "attribute": re.compile(r"[\w.:-]*"),
    "value": re.compile(r"[^\s\"'<>]*"),
}


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION,
    lsp.CompletionOptions(trigger_characters=["<", "/", " ", '"', "'", "#"]),
)
def completion(ls: EditionLanguageServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    document = ls.workspace.get_text_document(params.text_document.uri)
    path = ls.path_of(document.uri)
    project = ls.projects.of(path)
    lines = ls.lines(document)
    offset = lines.offset(params.position, document)
    context = scan.context_at(lines.text, offset)
    items = complete(context, project, ls.model(project, path, lines.text), path)
    units = units_of(document)
    start = lsp.Position(params.position.line, params.position.character - units(context.prefix))
    # the rest of the word after the cursor is replaced too: a value chosen with the cursor
    # inside "chapterx" was put before its rest ("introductionchapterx", probe 81)
    rest = _REST.get(context.kind)
    found = rest.match(lines.text, offset) if rest is not None else None
    after = found.group(0) if found is not None else ""
    end = lsp.Position(params.position.line, params.position.character + units(after))
    edit_range = lsp.Range(start, end)
    for item in items:
        item.text_edit = lsp.TextEdit(range=edit_range, new_text=item.insert_text or item.label)
        item.insert_text = None
    return lsp.CompletionList(is_incomplete=False, items=items)


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
)
def code_action(ls: EditionLanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """The quick fixes the diagnostics of the range ask for (``fixes``: a near spelling)."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    lines = ls.lines(document)
    units = units_of(document)

    def position(offset: int) -> lsp.Position:
        line = lines.text.count("\n", 0, offset)
        return lsp.Position(line, units(lines.text[lines.starts[line] : offset]))

    actions = []
    for d in params.context.diagnostics:
        if d.source != "edition":
            continue
        offset = lines.offset(d.range.start, document)
        for fix in fixes(lines.text, offset, d.message):
            edits = [
                lsp.TextEdit(lsp.Range(position(e.start), position(e.end)), e.text)
                for e in fix.edits
            ]
            actions.append(
                lsp.CodeAction(
                    title=fix.title,
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[d],
                    is_preferred=True,
                    edit=lsp.WorkspaceEdit(changes={document.uri: edits}),
                )
            )
    return actions


def _pointer_at(
    ls: EditionLanguageServer, uri: str, position: lsp.Position
) -> tuple[Project, Path, scan.TagAt | None, Entry | None]:
    """The entry the cursor points at: a ``#id`` under it, else the ``@ref`` of the tag or
    of the name element it stands in."""
    document = ls.workspace.get_text_document(uri)
    path = ls.path_of(uri)
    project = ls.projects.of(path)
    lines = ls.lines(document)
    offset = lines.offset(position, document)
    tag = scan.tag_at(lines.text, offset)
    pointer = ""
    if tag is not None:
        pointer = tag.token if "#" in tag.token else _first_pointer(tag.attributes)
    else:
        context = scan.context_at(lines.text, offset)
        if context.kind == "text" and context.parent is not None:
            pointer = _first_pointer(context.parent.attributes)
    entry = project.entry(pointer, path) if pointer else None
    return project, path, tag, entry


def _first_pointer(attributes: dict[str, str]) -> str:
    for name in POINTERS:
        for token in attributes.get(name, "").split():
            if "#" in token:
                return token
    return ""


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: EditionLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
    project, _, tag, entry = _pointer_at(ls, params.text_document.uri, params.position)
    if entry is None and tag is not None and "xml:id" in tag.attributes:
        entry = project.entries().get(tag.attributes["xml:id"])
    if entry is None:
        return None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=describe(entry, project))
    )


def describe(entry: Entry, project: Project) -> str:
    """An entry as hover shows it: name, kind and id, note, where, how often mentioned."""
    mentions = project.mentions(entry)
    lines = [f"**{entry.label or entry.id}** ({entry.kind} `#{entry.id}`)"]
    if entry.note:
        lines.append(entry.note)
    count = len(mentions)
    where = _shown(entry.path, project.root)
    lines.append(f"{where}:{entry.line} · {count} mention{'s' * (count != 1)}")
    return "\n\n".join(lines)


def _shown(path: Path, root: Path | None) -> str:
    """``path`` inside the edition's folder as a path from it (``tei/registers/persons.xml``),
    else whole: the server's own working folder is no place the editor knows (probe 124:
    "probe124/my-letters/tei/..." for a server started one folder up)."""
    if root is not None:
        with contextlib.suppress(ValueError):
            return path.resolve().relative_to(root.resolve()).as_posix()
    return str(path)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: EditionLanguageServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    _, _, _, entry = _pointer_at(ls, params.text_document.uri, params.position)
    if entry is None:
        return None
    return _location(ls, entry.path, entry.line, f'xml:id="{entry.id}"')


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: EditionLanguageServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    project, _, tag, entry = _pointer_at(ls, params.text_document.uri, params.position)
    if tag is not None and "xml:id" in tag.attributes and "#" not in tag.token:
        entry = project.entries().get(tag.attributes["xml:id"]) or entry
    if entry is None:
        return None
    # the second mention on a line at its own place, not the first's (probe 111)
    seen: Counter[tuple[Path, int]] = Counter()
    found = []
    for mention in project.mentions(entry):
        nth = seen[mention.path, mention.line]
        seen[mention.path, mention.line] += 1
        found.append(_location(ls, mention.path, mention.line, f"#{mention.fragment}", nth))
    if params.context.include_declaration:
        found.insert(0, _location(ls, entry.path, entry.line, f'xml:id="{entry.id}"'))
    return found


def _location(
    ls: EditionLanguageServer, path: Path, line: int, needle: str, nth: int = 0
) -> lsp.Location:
    """The place of the ``nth`` (from 0) ``needle`` on ``line`` of ``path`` (the whole line
    when not found there)."""
    uri = uri_of(path)
    text = _line_text(ls, uri, path, line - 1)
    at = _find_word(text, needle, nth)
    document = ls.workspace.get_text_document(uri)
    units = units_of(document)
    if at < 0:
        begin, end = 0, units(text)
    else:
        begin, end = units(text[:at]), units(text[: at + len(needle)])
    return lsp.Location(uri, lsp.Range(lsp.Position(line - 1, begin), lsp.Position(line - 1, end)))


def _find_word(text: str, needle: str, nth: int = 0) -> int:
    """Where the ``nth`` (from 0) ``needle`` stands in ``text`` not followed by more of a
    name (``#a`` in ``#ab`` is no match)."""
    for match in re.finditer(re.escape(needle), text):
        after = text[match.end() : match.end() + 1]
        if not (after.isalnum() or after in "-_.:"):
            if nth == 0:
                return match.start()
            nth -= 1
    return -1


def _line_text(ls: EditionLanguageServer, uri: str, path: Path, number: int) -> str:
    """A line of an open buffer, else of the file on disk."""
    open_documents = ls.workspace.text_documents
    if uri in open_documents:
        return ls.lines(open_documents[uri]).line(number)
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for index, line in enumerate(handle):
                if index == number:
                    return line.rstrip("\r\n")
    except OSError:
        pass
    return ""


def run() -> None:
    """Serve one editor over standard input and output until it says ``exit``: the status
    the protocol asks for (1 after an exit without shutdown)."""
    server.start_io()
    code = getattr(server.protocol, "exit_code", 0)
    if code:
        raise SystemExit(code)

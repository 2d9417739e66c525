"""`edition lsp` driven by a scripted client over stdio (raw JSON-RPC messages), on a copy of
the edition: diagnostics equal to `edition check`'s on open and on change, completion of
register ids, element and attribute names and values, hover, definition and references."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SCHEMAS, tei_text

from pipeline.check import CheckOptions, check
from pipeline.lsp import scan
from pipeline.lsp.fixes import Edit, fixes

ROOT = Path(__file__).resolve().parents[1]


class Client:
    """A language client that speaks JSON-RPC over the server's standard input and output."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "lsp", "--stdio"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(stream.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics.put(message["params"])
            else:
                self.messages.put(message)

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message.get("result")

    def published(self, uri: str, version: int | None = None, timeout: float = 30) -> list[Any]:
        """The diagnostics next published for ``uri`` (for ``version`` when given)."""
        deadline = time.monotonic() + timeout
        while True:
            params = self.diagnostics.get(timeout=max(0.01, deadline - time.monotonic()))
            if params["uri"] == uri and (version is None or params.get("version") == version):
                return params["diagnostics"]  # type: ignore[no-any-return]

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(10)
        finally:
            _ended(self)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lsp") / "edition"
    folder.mkdir()
    shutil.copytree(ROOT / "tei", folder / "tei")
    shutil.copytree(ROOT / "schema", folder / "schema")
    (folder / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\n')
    return folder


@pytest.fixture(scope="module")
def client(project: Path) -> Iterator[Client]:
    started = Client(project)
    started.request(
        "initialize",
        {"processId": None, "rootUri": project.as_uri(), "capabilities": {}},
    )
    started.notify("initialized", {})
    yield started
    started.close()
    assert started.process.returncode == 0


TEXT = "tei/texts/belgium-1944.xml"
PERSONS = "tei/registers/persons.xml"


class Document:
    """A document open in the client, edited as whole texts."""

    def __init__(self, client: Client, path: Path) -> None:
        self.client = client
        self.path = path
        self.uri = path.as_uri()
        self.text = path.read_text(encoding="utf-8")
        self.version = 1
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": self.uri,
                    "languageId": "xml",
                    "version": 1,
                    "text": self.text,
                }
            },
        )
        self.opened = client.published(self.uri, 1)

    def change(self, text: str) -> list[Any]:
        self.version += 1
        self.text = text
        self.client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": self.uri, "version": self.version},
                "contentChanges": [{"text": text}],
            },
        )
        return self.client.published(self.uri, self.version)

    def position(self, marker: str, after: str = "") -> dict[str, int]:
        """The position just after ``after`` in the first ``marker`` of the text."""
        offset = self.text.index(marker) + (len(after) if after else 0)
        line = self.text.count("\n", 0, offset)
        return {"line": line, "character": offset - (self.text.rfind("\n", 0, offset) + 1)}

    def ask(self, method: str, position: dict[str, int], **extra: Any) -> Any:
        params = {"textDocument": {"uri": self.uri}, "position": position, **extra}
        return self.client.request(f"textDocument/{method}", params)

    def close(self) -> None:
        self.client.notify("textDocument/didClose", {"textDocument": {"uri": self.uri}})
        self.client.published(self.uri)


@pytest.fixture
def text(client: Client, project: Path) -> Iterator[Document]:
    document = Document(client, project / TEXT)
    original = document.text
    yield document
    if document.text != original:
        document.change(original)
    document.close()


def check_says(project: Path, relative: str, content: str) -> set[tuple[str, int, str]]:
    """What `edition check` reports for the file holding ``content``: (code, line, message)."""
    copy = project.parent / "check-copy"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(project, copy)
    (copy / relative).write_text(content, encoding="utf-8")
    report = check([copy / "tei"], CheckOptions(jobs=1))
    wanted = (copy / relative).resolve()
    return {
        (d.code, d.line or 1, d.message)
        for d in report.diagnostics
        if Path(d.path).resolve() == wanted
    }


def said(items: list[Any]) -> set[tuple[str, int, str]]:
    return {(d["code"], d["range"]["start"]["line"] + 1, d["message"]) for d in items}


def test_a_valid_file_has_no_diagnostics(text: Document) -> None:
    assert text.opened == []


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('<persName ref="#holzinger-robert">', '<persName ref="#nobody">', "refs.dangling"),
        ('<persName ref="#holzinger-robert">', '<persName ref="#belgium">', "refs.wrong-kind"),
        ("<head>Transitioning", "<frob/><head>Transitioning", "rng.unexpected-element"),
        ('<date when="1944-11">November 1944', '<date when="1944-13">November 1944', "ed-date-iso"),
        ("</head>", "</heading>", "gate.not-well-formed"),
        ("<p>In <date", "<p>&mdash; In <date", "gate.undefined-entity"),
    ],
    ids=["dangling", "wrong-kind", "unexpected-element", "schematron", "syntax", "entity"],
)
def test_diagnostics_on_change_are_those_of_check(
    text: Document, project: Path, old: str, new: str, code: str
) -> None:
    edited = text.text.replace(old, new, 1)
    found = text.change(edited)
    assert code in {d["code"] for d in found}, found
    assert said(found) == check_says(project, TEXT, edited)
    for item in found:
        assert item["source"] == "edition"
        assert item["severity"] in (1, 2, 3)
        line = edited.splitlines()[item["range"]["start"]["line"]]
        assert item["range"]["end"]["character"] <= len(line.encode("utf-16-le")) // 2


def test_a_buffer_of_cr_line_ends_has_its_diagnostics_at_their_columns(text: Document) -> None:
    """Probe 120: in a buffer whose lines end in a CR alone (the protocol's line end, as
    XML's) every diagnostic was at character 0 of its line, an empty range."""
    edited = text.text.replace("\r\n", "\n").replace(
        '<persName ref="#holzinger-robert">', '<persName ref="#nobody">', 1
    )
    line = next(n for n, t in enumerate(edited.split("\n")) if 'ref="#nobody"' in t)
    column = edited.split("\n")[line].index('ref="#nobody"')
    (found,) = [d for d in text.change(edited.replace("\n", "\r")) if d["code"] == "refs.dangling"]
    start, end = found["range"]["start"], found["range"]["end"]
    assert (start["line"], start["character"]) == (line, column), found
    assert end["character"] > start["character"], found


def test_a_buffer_is_read_as_its_file_is(client: Client, project: Path) -> None:
    """Probe 121: a file of one byte a character declaring UTF-16 was "read correctly" by
    the server (it made UTF-16 of the buffer), where the check refuses it; a buffer holding
    a lone surrogate had no diagnostic at all. Both are told as the check tells them."""
    lying = project / "tei" / "lying.xml"
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    lying.write_bytes(text.encode("ascii"))
    try:
        document = Document(client, lying)
        assert [d["code"] for d in document.opened] == ["gate.encoding"], document.opened
        assert "no byte order mark" in document.opened[0]["message"]
        found = document.change(text.replace("UTF-16", "UTF-8").replace("/>", ">a\ud800b</TEI>"))
        assert found and all(d["code"].startswith("gate.") for d in found), found
        document.close()
    finally:
        lying.unlink()


def test_the_editions_schema_and_other_xml_are_not_checked_as_tei(
    client: Client, project: Path
) -> None:
    """Probe 68: the edition's own schema, a stylesheet and a page of notes in XML were each
    told "not allowed as the root element; expected TEI". A buffer is checked when it is a
    *.xml whose root is a TEI (a part in the TEI namespace too), or cannot be read yet."""
    for name in ("schema/edition.rng", "schema/edition.sch"):
        assert Document(client, project / name).opened == []
    notes = project / "notes.xml"
    notes.write_text("<?xml version='1.0'?>\n<!-- mine -->\n<notes><n>x</n></notes>")
    assert Document(client, notes).opened == []
    part = project / "tei" / "part.xml"
    part.write_text('<div xmlns="http://www.tei-c.org/ns/1.0"><frob/></div>')
    assert Document(client, part).opened != []


def test_a_buffers_root_says_whether_it_is_tei() -> None:
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    assert scan.is_tei("a.xml", "<?xml version='1.0'?><!-- c --><!DOCTYPE TEI>" + tei)
    assert scan.is_tei("a.XML", "<TEI/>")  # a namespace forgotten: check says so
    assert scan.is_tei("a.xml", '<t:div xmlns:t="http://www.tei-c.org/ns/1.0"/>')
    assert not scan.is_tei("a.xml", '<grammar xmlns="http://relaxng.org/ns/structure/1.0"/>')
    assert not scan.is_tei("a.rng", tei) and not scan.is_tei("a.xsl", tei)
    assert scan.is_tei("a.xml", "<TEI xmlns=")  # being typed
    assert scan.is_tei("a.xml", "<<TEI><teiHeader>")  # no root to read yet


def test_a_reference_problem_of_an_unsaved_buffer_is_placed_in_the_buffer(
    text: Document,
) -> None:
    """Probe 68: the columns of reference problems were read from the saved file, so that a
    pointer typed in an unsaved buffer was a whole line, and one after typed words stood at
    the column it has on the disk."""
    old = '<persName ref="#holzinger-robert">'
    edited = text.text.replace(old, 'sixteen letters <persName ref="#nobody">', 1)
    found = [d for d in text.change(edited) if d["code"] == "refs.dangling"]
    assert len(found) == 1, found
    start = found[0]["range"]["start"]
    line = edited.splitlines()[start["line"]]
    assert line[start["character"] :].startswith('ref="#nobody"'), (line, start)


def test_register_entries_are_complete_in_ref(text: Document) -> None:
    position = text.position('<persName ref="#holzinger-robert">', '<persName ref="#')
    result = text.ask("completion", position)
    labels = {i["label"]: i for i in result["items"]}
    assert set(labels) == {"#holzinger-robert"}, "persName offers persons only"
    item = labels["#holzinger-robert"]
    assert item["detail"] == "Robert Holzinger (person)"
    assert "Association des Juifs en Belgique" in item["documentation"]["value"]
    edit = item["textEdit"]
    assert edit["newText"] == "#holzinger-robert"
    # the word the cursor is in is replaced whole, before and after it (probe 81: a value
    # chosen inside "chapterx" went before its rest, "introductionchapterx")
    assert edit["range"]["end"] == {**position, "character": position["character"] + 16}
    assert edit["range"]["start"]["character"] == position["character"] - 1
    position = text.position('<orgName ref="#cdj"', '<orgName ref="')
    organisations = {i["label"] for i in text.ask("completion", position)["items"]}
    assert {"#cdj", "#allies", "#belgian-resistance"} <= organisations
    assert "#belgium" not in organisations


def test_unsaved_register_edits_are_offered_at_once(client: Client, project: Path) -> None:
    register = Document(client, project / PERSONS)
    text = Document(client, project / TEXT)
    try:
        entry = (
            '<person xml:id="new-person"><persName type="preferred">Nora New</persName>'
            "<note>Added while editing.</note></person>\n      "
        )
        register.change(
            register.text.replace(
                '<person xml:id="holzinger-robert">', entry + '<person xml:id="holzinger-robert">'
            )
        )
        position = text.position('<persName ref="#holzinger-robert">', '<persName ref="#')
        items = {i["label"]: i for i in text.ask("completion", position)["items"]}
        assert items["#new-person"]["detail"] == "Nora New (person)"
    finally:
        register.close()
        text.close()


def test_an_entry_added_to_an_open_register_clears_the_texts_dangling_pointer(
    client: Client, project: Path
) -> None:
    """The open text kept "no such entry" after the entry was added to the open register,
    until the text itself was edited: an edit checks the project's other open documents
    again, and so does closing one unsaved."""
    register = Document(client, project / PERSONS)
    text = Document(client, project / TEXT)
    original = text.text
    closed = False
    try:
        found = text.change(original.replace('ref="#holzinger-robert"', 'ref="#nora-new"', 1))
        assert "refs.dangling" in {d["code"] for d in found}
        entry = '<person xml:id="nora-new"><persName type="preferred">Nora New</persName></person>'
        register.change(
            register.text.replace(
                '<person xml:id="holzinger-robert">', entry + '<person xml:id="holzinger-robert">'
            )
        )
        again = client.published(text.uri, text.version)
        assert "refs.dangling" not in {d["code"] for d in again}, again
        # closed unsaved, the register is its file on disk again, which has no such entry
        # (probe 81: the text kept the diagnostics of the edit thrown away)
        register.close()
        closed = True
        after = client.published(text.uri, text.version)
        assert "refs.dangling" in {d["code"] for d in after}, after
    finally:
        text.change(original)
        if not closed:
            register.close()
        text.close()


def test_a_register_changed_outside_the_editor_checks_the_open_texts_again(
    project: Path,
) -> None:
    """Probe 45: a register's entry renamed on disk (by git, by another program), then
    renamed back: the open text's diagnostics were those of the register as it had been,
    until the text was edited. The server asks the editor to watch the edition's files and
    checks the open documents again when it is told of a change."""
    client = Client(project)
    capabilities = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
    client.request(
        "initialize",
        {"processId": None, "rootUri": project.as_uri(), "capabilities": capabilities},
    )
    client.notify("initialized", {})
    asked = client.messages.get(timeout=10)
    assert asked["method"] == "client/registerCapability", asked
    (registration,) = asked["params"]["registrations"]
    assert registration["method"] == "workspace/didChangeWatchedFiles"
    assert {"globPattern": "**/*.xml"} in registration["registerOptions"]["watchers"]
    client.send({"id": asked["id"], "result": None})
    register = project / PERSONS
    kept = register.read_text(encoding="utf-8")
    text = Document(client, project / TEXT)
    changed = {"changes": [{"uri": register.as_uri(), "type": 2}]}
    try:
        assert text.opened == []
        register.write_text(kept.replace('"holzinger-robert"', '"holzinger"'), encoding="utf-8")
        client.notify("workspace/didChangeWatchedFiles", changed)
        found = client.published(text.uri, text.version, timeout=10)
        assert [d["code"] for d in found] == ["refs.dangling"]
        register.write_text(kept, encoding="utf-8")
        client.notify("workspace/didChangeWatchedFiles", changed)
        assert client.published(text.uri, text.version, timeout=10) == []
    finally:
        register.write_text(kept, encoding="utf-8")
        text.close()
        client.close()
    assert client.process.returncode == 0


#: The body of the edition's text this many times: 2.5 MB, over ``FIRST_PASS_SIZE``, so
#: that its Schematron rules take long enough on Saxon (0.2-0.3 s) for a change to come
#: in meanwhile.
DENSE = 240


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, Path]]:
    """A copy of the edition whose text is its body ``DENSE`` times, and a server on it."""
    folder = tmp_path_factory.mktemp("lsp-dense") / "edition"
    folder.mkdir()
    shutil.copytree(ROOT / "tei", folder / "tei")
    shutil.copytree(ROOT / "schema", folder / "schema")
    (folder / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\n')
    source = folder / TEXT
    text = source.read_text(encoding="utf-8")
    start, end = text.index("<body>") + len("<body>"), text.index("</body>")
    source.write_text(text[:start] + text[start:end] * DENSE + text[end:], encoding="utf-8")
    started = Client(folder)
    started.request(
        "initialize", {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}}
    )
    started.notify("initialized", {})
    yield started, folder
    started.close()
    assert started.process.returncode == 0


def publications(client: Client, uri: str, count: int) -> list[tuple[int, list[Any]]]:
    """The next ``count`` publications for ``uri``: (version, diagnostics) in order."""
    found = []
    deadline = time.monotonic() + 60
    while len(found) < count:
        params = client.diagnostics.get(timeout=max(0.01, deadline - time.monotonic()))
        if params["uri"] == uri:
            found.append((params["version"], params["diagnostics"]))
    return found


def test_a_long_text_has_a_first_pass_then_the_whole_check(dense: tuple[Client, Path]) -> None:
    """Probe 45: on a 5 MB text dense with names the diagnostics came 1.4-2.1 s after a
    change, 60% of it Schematron on Saxon. A text over ``FIRST_PASS_SIZE`` has all but the
    rules published at once, then the whole check, for the same version: that of ``edition
    check``."""
    from pipeline.lsp.server import FIRST_PASS_SIZE

    client, folder = dense
    document = Document(client, folder / TEXT)
    original = document.text
    assert len(original) >= FIRST_PASS_SIZE
    try:
        assert document.opened == []
        assert publications(client, document.uri, 1) == [(1, [])]
        edited = (
            original.replace('<date when="1944-11">', '<date when="1944-13">', 1)
            .replace('<placeName ref="#belgium">', '<placeName ref="#nowhere">', 1)
            .replace("<head>Transitioning", "<frob/><head>Transitioning", 1)
        )
        first = document.change(edited)
        ((version, final),) = publications(client, document.uri, 1)
        assert version == document.version
        codes = {d["code"] for d in first}
        assert {"rng.unexpected-element", "refs.dangling"} <= codes
        assert "ed-date-iso" not in codes  # a rule: the whole check tells it
        assert "ed-date-iso" in {d["code"] for d in final}
        assert said(final) == check_says(folder, TEXT, edited)
    finally:
        document.change(original)
        publications(client, document.uri, 1)
        document.close()


def test_a_change_during_the_whole_check_drops_its_result(dense: tuple[Client, Path]) -> None:
    """A change that comes while the rules of the version before run on Saxon: that
    version's whole check is never published (it would replace the newer version's first
    pass with stale diagnostics), the new version has both its publications."""
    client, folder = dense
    document = Document(client, folder / TEXT)
    original = document.text
    try:
        publications(client, document.uri, 1)
        dangling = original.replace('<placeName ref="#belgium">', '<placeName ref="#x">', 1)
        document.change(dangling)  # its first pass: the rules are running now
        fixed = dangling.replace("<head>Transitioning", "<frob/><head>Transitioning", 1)
        document.version += 1
        document.text = fixed
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": document.uri, "version": document.version},
                "contentChanges": [{"text": fixed}],
            },
        )
        # Under load the older version's whole check may end before the change is even sent
        # (make test, two workers: once in about a hundred runs); it is then rightly
        # published. What must never be is an older version's result after a newer one's.
        found = publications(client, document.uri, 2)
        while [version for version, _ in found].count(document.version) < 2:
            found += publications(client, document.uri, 1)
        versions = [version for version, _ in found]
        assert versions == sorted(versions), found
        assert versions[-2:] == [document.version] * 2 and len(versions) <= 3, found
        assert said(found[-1][1]) == check_says(folder, TEXT, fixed)
    finally:
        document.change(original)
        publications(client, document.uri, 1)
        document.close()


def test_a_schema_edited_meanwhile_is_read_again(tmp_path: Path) -> None:
    """The server's checks were one run of ``check_file``'s schema cache: a Schematron
    rule edited while the server ran was never read again (its old message stayed)."""
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\n')
    started = Client(tmp_path)
    try:
        started.request(
            "initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}
        )
        started.notify("initialized", {})
        document = Document(started, tmp_path / TEXT)
        edited = document.text.replace('<date when="1944-11">', '<date when="1944-13">', 1)
        (before,) = [d["message"] for d in document.change(edited) if d["code"] == "ed-date-iso"]
        rules = tmp_path / "schema" / "edition.sch"
        rules.write_text(
            rules.read_text(encoding="utf-8").replace("is not an ISO 8601 date", "is no date"),
            encoding="utf-8",
        )
        (after,) = [
            d["message"] for d in document.change(edited + "\n") if d["code"] == "ed-date-iso"
        ]
        assert "is not an ISO 8601 date" in before
        assert "is no date" in after
    finally:
        started.close()


def test_elements_allowed_at_the_cursor(text: Document) -> None:
    marker = "found themselves at"
    edited = text.text.replace(marker, "<" + marker, 1)
    text.change(edited)
    labels = [i["label"] for i in text.ask("completion", text.position("<" + marker, "<"))["items"]]
    assert {"persName", "placeName", "date", "hi", "note", "lb"} <= set(labels)
    assert "p" not in labels and "div" not in labels, "no p inside a p"
    header = text.text.replace("</fileDesc>", "</fileDesc>\n    <", 1)
    text.change(header)
    labels = [
        i["label"]
        for i in text.ask("completion", text.position("</fileDesc>\n    <", "</fileDesc>\n    <"))[
            "items"
        ]
    ]
    assert labels == ["encodingDesc", "profileDesc", "revisionDesc"], "what may follow fileDesc"


def test_closing_tag(text: Document) -> None:
    marker = "<head>Transitioning from Resistance to Reconstruction"
    edited = text.text.replace(marker, marker + "</", 1)
    text.change(edited)
    items = text.ask("completion", text.position(marker + "</", marker + "</"))["items"]
    assert [i["label"] for i in items] == ["head"]
    assert items[0]["textEdit"]["newText"] == "head>"


def test_attributes_and_closed_values(text: Document) -> None:
    marker = '<div type="section">'
    edited = text.text.replace(marker, '<div type="section" >', 1)
    text.change(edited)
    items = text.ask("completion", text.position('<div type="section" >', '<div type="section" '))
    labels = {i["label"] for i in items["items"]}
    assert {"xml:id", "xml:lang", "n", "rend"} <= labels and "type" not in labels
    values = text.ask("completion", text.position(marker, '<div type="'))["items"]
    assert {"chapter", "section", "letter", "sources"} <= {i["label"] for i in values}
    assert values[0]["textEdit"]["range"]["start"] == text.position(marker, '<div type="')
    assert values[0]["textEdit"]["range"]["end"] == text.position(marker, '<div type="section')


def test_hover_shows_the_entry(text: Document) -> None:
    for position in (
        text.position('<orgName ref="#cdj"', "<orgN"),  # on the name element
        text.position('<orgName ref="#cdj"', '<orgName ref="#c'),  # on its @ref
        text.position(
            '<orgName ref="#cdj" xml:lang="fr">Comité', '<orgName ref="#cdj" xml:lang="fr">Com'
        ),
    ):
        hover = text.ask("hover", position)
        value = hover["contents"]["value"]
        assert value.startswith("**Comité de Défense des Juifs** (org `#cdj`)"), value
        assert "It hid several thousand Jewish children." in value
        assert "tei/registers/organisations.xml:" in value and "mentions" in value
    assert text.ask("hover", text.position("found themselves", "found")) is None


def test_definition_goes_to_the_register_entry(text: Document, project: Path) -> None:
    location = text.ask(
        "definition", text.position('<placeName ref="#auschwitz"', '<placeName ref="#au')
    )
    assert location["uri"] == (project / "tei/registers/places.xml").as_uri()
    line = (
        (project / "tei/registers/places.xml")
        .read_text()
        .splitlines()[location["range"]["start"]["line"]]
    )
    start, end = location["range"]["start"]["character"], location["range"]["end"]["character"]
    assert line[start:end] == 'xml:id="auschwitz"'


def test_references_from_a_register_entry(client: Client, project: Path) -> None:
    register = Document(client, project / "tei/registers/organisations.xml")
    try:
        position = register.position('<org xml:id="cdj"', '<org xml:id="c')
        found = register.ask("references", position, context={"includeDeclaration": False})
        text = (project / TEXT).read_text(encoding="utf-8")
        assert len(found) == text.count('ref="#cdj"')
        assert {f["uri"] for f in found} == {(project / TEXT).as_uri()}
        lines = text.splitlines()
        for item in found:
            start = item["range"]["start"]
            line = lines[start["line"]]
            assert line[start["character"] : item["range"]["end"]["character"]] == "#cdj"
        with_declaration = register.ask(
            "references", position, context={"includeDeclaration": True}
        )
        assert len(with_declaration) == len(found) + 1
    finally:
        register.close()


def test_an_entry_nested_in_an_entry_is_known(text: Document, project: Path) -> None:
    """Probe 111: the edition's places nest (a camp in Mechelen in Belgium, Guidelines
    13.3.4), which the check and the build resolve; hover, definition and completion knew
    none of the nested ones (null, and only the three top-level places offered)."""
    at = text.position('<placeName ref="#mechelen-transit-camp"', '<placeName ref="#mech')
    hover = text.ask("hover", at)
    assert hover is not None and "`#mechelen-transit-camp`" in hover["contents"]["value"]
    location = text.ask("definition", at)
    line = (
        (project / "tei/registers/places.xml")
        .read_text()
        .splitlines()[location["range"]["start"]["line"]]
    )
    assert 'xml:id="mechelen-transit-camp"' in line
    start = text.position('<placeName ref="#mechelen-transit-camp"', '<placeName ref="#')
    offered = {i["label"] for i in text.ask("completion", start)["items"]}
    assert {"#mechelen", "#mechelen-transit-camp", "#belgium"} <= offered, offered


def test_two_mentions_on_one_line_are_two_places(client: Client, project: Path) -> None:
    """Probe 111: the second mention of an entry on a line was given the first's range."""
    register = Document(client, project / "tei/registers/places.xml")
    try:
        position = register.position('<place xml:id="belgium"', '<place xml:id="b')
        found = register.ask("references", position, context={"includeDeclaration": False})
        places = [
            (f["uri"], f["range"]["start"]["line"], f["range"]["start"]["character"]) for f in found
        ]
        assert len(places) == len(set(places)) > 1, places
        lines = {
            f["uri"]: Path(f["uri"].removeprefix("file://")).read_text().splitlines() for f in found
        }
        for item in found:
            start, end = item["range"]["start"], item["range"]["end"]
            assert lines[item["uri"]][start["line"]][start["character"] : end["character"]] == (
                "#belgium"
            )
    finally:
        register.close()


def test_a_file_of_another_schema(tmp_path: Path) -> None:
    """A file outside any edition, naming TEI's tei_all in its xml-model: completion follows
    that grammar and diagnostics come without an edition around it."""
    schema = SCHEMAS / "tei_all.rng"
    if not schema.is_file():
        pytest.skip("tei_all.rng is not in ../shared/schemas")
    path = tmp_path / "letter.xml"
    path.write_text(
        f'<?xml-model href="{schema}" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        "</sourceDesc></fileDesc></teiHeader><text><body><sp><</sp></body></text></TEI>\n"
    )
    started = Client(tmp_path)
    try:
        started.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        started.notify("initialized", {})
        document = Document(started, path)
        assert {d["code"] for d in document.opened} == {"gate.not-well-formed"}
        labels = {
            i["label"]
            for i in document.ask("completion", document.position("<sp><", "<sp><"))["items"]
        }
        assert {"speaker", "p", "l", "stage"} <= labels
    finally:
        started.close()


def test_an_untitled_buffer_finds_its_schema_from_the_workspace_folder(
    project: Path, tmp_path: Path
) -> None:
    """Probe 45 left: an ``untitled:`` buffer's relative ``<?xml-model?>`` was looked for from
    the server's working folder (an editor started from elsewhere): its schema was not found.
    It is looked for from the workspace folder the editor gave at initialize."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    client = Client(elsewhere)
    folders = [{"uri": project.as_uri(), "name": "edition"}]
    client.request(
        "initialize",
        {"processId": None, "rootUri": None, "workspaceFolders": folders, "capabilities": {}},
    )
    client.notify("initialized", {})
    uri = "untitled:Untitled-1"
    text = (
        '<?xml-model href="schema/edition.rng" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        "</sourceDesc></fileDesc></teiHeader><text><body><p>a <bogus/> "
        '<persName ref="#holzinger-robert">R</persName></p></body></text></TEI>\n'
    )
    try:
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "xml", "version": 1, "text": text}},
        )
        found = client.published(uri, 1)
        codes = {d["code"] for d in found}
        # the edition's grammar, found beside the workspace's pyproject.toml, refuses the
        # element; the register entry of the workspace's edition resolves the pointer
        assert any(d["code"].startswith("rng.") and "bogus" in d["message"] for d in found), found
        assert "refs.dangling" not in codes, found
        assert not any("schema" in d["message"] and "not found" in d["message"] for d in found)
    finally:
        client.close()


# --- the scanner on its own --------------------------------------------------------------


def test_scan_reads_namespaces_and_closed_children() -> None:
    text = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:m="urn:m"><text><body><p>a '
        "<!-- <fake> --><hi>b</hi><lb/><m:x/>"
    )
    context = scan.context_at(text, len(text))
    assert context.kind == "text"
    parent = context.parent
    assert parent is not None and parent.local == "p" and parent.ns.endswith("tei-c.org/ns/1.0")
    assert parent.children == [
        ("http://www.tei-c.org/ns/1.0", "hi"),
        ("http://www.tei-c.org/ns/1.0", "lb"),
        ("urn:m", "x"),
    ]


@pytest.mark.parametrize(
    ("tail", "kind", "prefix", "attribute"),
    [
        ("<per", "element", "per", ""),
        ("</", "end", "", ""),
        ('<persName ref="#a b', "value", "b", "ref"),
        ("<persName ref='#a ", "value", "", "ref"),
        ('<persName ref="#a" ty', "attribute", "ty", ""),
        ('<persName ref="#a"', "other", "", ""),
        ("<!-- <persName ", "other", "", ""),
    ],
)
def test_scan_partial_markup(tail: str, kind: str, prefix: str, attribute: str) -> None:
    text = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>' + tail
    context = scan.context_at(text, len(text))
    assert (context.kind, context.prefix, context.attribute) == (kind, prefix, attribute)


def apply(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with an LSP client's text edits applied (positions in UTF-16 units)."""
    lines = text.split("\n")

    def offset(position: dict[str, int]) -> int:
        line = lines[position["line"]]
        units, chars = 0, 0
        while units < position["character"]:
            units += len(line[chars].encode("utf-16-le")) // 2
            chars += 1
        return sum(len(x) + 1 for x in lines[: position["line"]]) + chars

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def test_a_misspelt_name_has_a_quick_fix(text: Document) -> None:
    """The editor offers to write the name the message suggests, in both tags of an element,
    and the fixed file has that diagnostic no more."""
    original = text.text
    edited = original.replace(
        "Belgium</placeName> found themselves",
        "Belgium</placeName> <persname>Ōno</persname> found themselves <hi rnd='it'>x</hi>",
        1,
    )
    found = [d for d in text.change(edited) if d["code"].startswith("rng.unexpected")]
    assert len(found) == 2, found
    actions = text.client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": text.uri},
            "range": found[0]["range"],
            "context": {"diagnostics": found},
        },
    )
    assert [a["title"] for a in actions] == [
        'Replace "persname" with "persName"',
        'Replace "rnd" with "rend"',
    ]
    assert all(a["kind"] == "quickfix" and a["isPreferred"] for a in actions)
    fixed = edited
    for action in actions:
        fixed = apply(fixed, action["edit"]["changes"][text.uri])
    assert fixed == edited.replace("persname>", "persName>").replace("rnd=", "rend=")
    assert not any(d["code"].startswith("rng.unexpected") for d in text.change(fixed))


def test_quick_fixes_rename_the_matching_end_tag() -> None:
    message = (
        'element "persname" is not defined by the schema; expected "p"; did you mean "persName"?'
    )
    text = "<p><persname>a<persname/> <!-- </persname> --><persname>b</persname></persname></p>"
    [fix] = fixes(text, 3, message)
    last = text.rindex("</persname>") + 2
    assert fix.edits == (Edit(4, 12, "persName"), Edit(last, last + 8, "persName"))
    prefixed = "<tei:persname a='>'>x</tei:persname>"
    assert fixes(prefixed, 0, message)[0].edits == (
        Edit(5, 13, "persName"),
        Edit(27, 35, "persName"),
    )
    assert fixes("<persname/>", 0, message)[0].edits == (Edit(1, 9, "persName"),)
    assert fixes("<persname>unclosed", 0, message) == []  # half a rename would break the file
    attribute = 'attribute "id" is not allowed on element "div"; did you mean "xml:id"?'
    assert fixes('<div id="a">', 5, attribute)[0].edits == (Edit(5, 7, "xml:id"),)
    assert fixes('<div n="a">', 5, attribute) == []  # the text moved since the check
    assert fixes("<p>", 0, 'element "p" is not allowed inside "p"; expected text') == []


def test_the_lifecycle_is_the_specification_s(project: Path) -> None:
    """Probe 81: a request before initialize was an internal error with a Python traceback
    (ServerNotInitialized, -32002, is the specification's); one after shutdown was never
    answered, and a client waiting for it hung (InvalidRequest, -32600); exit without
    shutdown ended the server with 0 (1 is the specification's)."""
    client = Client(project)
    try:

        def answer(method: str, params: Any) -> dict[str, Any]:
            client.next_id += 1
            client.send({"id": client.next_id, "method": method, "params": params})
            while True:
                message = client.messages.get(timeout=30)
                if message.get("id") == client.next_id:
                    return message

        hover = {"textDocument": {"uri": (project / TEXT).as_uri()},
                 "position": {"line": 0, "character": 0}}  # fmt: skip
        early = answer("textDocument/hover", hover)
        assert early["error"]["code"] == -32002 and "Traceback" not in str(early), early
        started = {"processId": None, "rootUri": project.as_uri(), "capabilities": {}}
        assert "result" in answer("initialize", started)
        client.notify("initialized", {})
        assert "result" in answer("shutdown", None)
        late = answer("textDocument/hover", hover)
        assert late["error"]["code"] == -32600, late
        client.notify("exit", None)
        assert client.process.wait(10) == 0
    finally:
        _ended(client)
    # exit without shutdown
    other = Client(project)
    try:
        other.request("initialize", {"processId": None, "rootUri": project.as_uri(),
                                     "capabilities": {}})  # fmt: skip
        other.notify("exit", None)
        assert other.process.wait(10) == 1
    finally:
        _ended(other)


def test_messages_that_cannot_be_read_are_answered_as_json_rpc_says(project: Path) -> None:
    """Probe 111: a body that is no JSON, and a request whose params are not its method's,
    showed an "Error in server" pop-up in the editor, and the request got no answer (a
    client waiting for it hung). They are answered Parse error (-32700, id null) and
    Invalid params (-32602, to the request's id); the server goes on."""
    client = Client(project)
    try:
        client.request("initialize", {"processId": None, "rootUri": project.as_uri(),
                                      "capabilities": {}})  # fmt: skip
        client.notify("initialized", {})
        assert client.process.stdin is not None
        for body in (b"{not json}", b'{"jsonrpc": "2.0", "id": 99, "method": "shutd'):
            client.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            client.process.stdin.flush()
            answer = client.messages.get(timeout=30)
            assert answer.get("id") is None and answer["error"]["code"] == -32700, answer
        client.send({"id": "x", "method": "textDocument/hover", "params": {"bogus": 1}})
        answer = client.messages.get(timeout=30)
        assert answer["id"] == "x" and answer["error"]["code"] == -32602, answer
        # nothing else was said to the user, and the server still answers
        assert client.messages.empty()
        assert client.request("shutdown", None) is None
        client.notify("exit", None)
        assert client.process.wait(10) == 0
    finally:
        _ended(client)


def _ended(client: Client) -> None:
    """The server process stopped and its pipes closed."""
    if client.process.poll() is None:
        client.process.kill()
    client.process.wait(10)
    for stream in (client.process.stdin, client.process.stdout, client.process.stderr):
        if stream is not None:
            stream.close()


def test_hover_names_a_register_from_the_editions_folder(tmp_path: Path) -> None:
    """Probe 124: hover named the register from the server's working folder
    ("probe124/my-letters/tei/registers/persons.xml", a server started one folder up). It is
    named from the edition's folder, else whole."""
    from pipeline.lsp.server import _shown

    edition = tmp_path / "my-letters"
    register = edition / "tei" / "registers" / "persons.xml"
    assert _shown(register, edition) == "tei/registers/persons.xml"
    assert _shown(tmp_path / "elsewhere.xml", edition) == str(tmp_path / "elsewhere.xml")
    assert _shown(register, None) == str(register)


def test_a_root_setting_that_is_no_folder_is_told_and_the_project_read(tmp_path: Path) -> None:
    """Probe 130: once the root setting was asked where used, the server took "nope" as the
    corpus root, told nothing of it and read no include. It says what is wrong with the
    settings, and reads from the project's folder."""
    from pipeline.lsp.project import Project

    (tmp_path / "tei").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\nroot = "nope"\n')
    project = Project(tmp_path, tmp_path / "tei" / "a.xml")
    assert "root names" in project.problem and "no folder" in project.problem
    assert project.options.root == tmp_path.resolve()


def test_a_part_included_by_a_text_is_checked_and_counted_as_the_check_does(
    tmp_path: Path,
) -> None:
    """Probe 140: a part kept apart to be included (a bare div), opened in the editor, was
    "element div is not allowed as the root element", where edition check passes it; its
    pointer at an entry was counted twice, from the part and from the text including it ("3
    mentions", the index's 2)."""
    from pipeline.lsp.project import Project

    tei = tmp_path / "tei"
    (tei / "texts").mkdir(parents=True)
    (tei / "parts").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\n')
    ns = 'xmlns="http://www.tei-c.org/ns/1.0"'
    part = tei / "parts" / "ch.xml"
    part.write_text(f'<div {ns}><p><persName ref="../texts/t.xml#p">P</persName></p></div>')
    (tei / "texts" / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#p">P</persName></p><listPerson><person xml:id="p"><persName>'
            "P</persName></person></listPerson>"
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="../parts/ch.xml"/>',
            xmlns=' xmlns:xi="http://www.w3.org/2001/XInclude"',
        )
    )
    project = Project(tmp_path, part)
    project.refresh()
    found = project.analyse(part, part.read_text())
    assert [d.code for d in found if d.code.startswith("rng.")] == [], found
    entry = project.entry("#p", tei / "texts" / "t.xml")
    assert entry is not None
    assert len(project.mentions(entry)) == 2
    # a part no file includes is still told what it is
    alone = tei / "parts" / "alone.xml"
    alone.write_text(f"<div {ns}><p>Alone.</p></div>")
    assert "rng.unexpected-element" in {d.code for d in project.analyse(alone, alone.read_text())}


def test_a_parts_problems_are_placed_at_the_include_that_brings_it_in(tmp_path: Path) -> None:
    """Probe 150: the problems of an included part, told on the including document, stood
    on its first line (the XML declaration), one at the part's own column; they stand at the
    href of the include that brings the part in, where check places a problem of it."""
    from pipeline.lsp.server import _include_place

    (tmp_path / "parts").mkdir()
    part = tmp_path / "parts" / "p%1.xml"
    part.write_text("<div/>")
    text = (
        '<?xml version="1.0"?>\n<TEI>\n  <xi:include href="parts/other.xml"/>\n'
        '      <xi:include\n   href="parts/p%251.xml"/>\n</TEI>'
    )
    assert _include_place(text, tmp_path / "t.xml", part) == (4, 4)
    assert _include_place(text, tmp_path / "t.xml", tmp_path / "elsewhere.xml") is None
    # not at an include left in a comment before it (probe 155: at the comment's)
    commented = text.replace("<TEI>", '<TEI><!-- <xi:include href="parts/p%251.xml"/> -->')
    assert _include_place(commented, tmp_path / "t.xml", part) == (4, 4)


def test_an_includer_reads_its_parts_open_buffer(tmp_path: Path) -> None:
    """Probe 150: a part fixed in its open buffer left its problems on the open document
    including it, read from the part's file until it was saved; the README promises that
    the other open files count as they stand in the editor."""
    from pipeline.lsp.project import Project

    tei = tmp_path / "tei"
    (tei / "parts").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\n')
    ns = 'xmlns="http://www.tei-c.org/ns/1.0"'
    part = tei / "parts" / "ch.xml"
    part.write_text(f"<div {ns}><p>One <bogus>bad</bogus> word.</p></div>")
    text = tei / "t.xml"
    text.write_text(
        tei_text(
            '<p>Before.</p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
            'href="parts/ch.xml"/>',
            xmlns=' xmlns:xi="http://www.w3.org/2001/XInclude"',
        )
    )
    project = Project(tmp_path, text)
    project.refresh()
    saved = [d.code for d in project.analyse(text, text.read_text()) if d.path.endswith("ch.xml")]
    assert "rng.unexpected-element" in saved, saved
    fixed = f"<div {ns}><p>One bad word.</p></div>"
    found = project.analyse(text, text.read_text(), {part: fixed})
    assert [d for d in found if d.path.endswith("ch.xml")] == [], found
    assert part.read_text() != fixed  # the file on disk is not touched

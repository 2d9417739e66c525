"""Rendering a ``Report``: text (GNU style), JSON, JSON Lines, JUnit XML, GitHub annotations,
SARIF 2.1.0; baselines; and the writer of streamed reports (text and JSON Lines as files
finish).

Pure functions from diagnostics to strings: the CLI picks one and prints it. The text format is
``path:line:col: severity: message [code]`` (``:col`` and then ``:line`` dropped when
unknown), the form editors and CI problem matchers parse.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from lxml import etree

from . import __version__
from .diagnostics import Diagnostic, Report, Severity
from .errors import EditionError
from .paths import same_file

FORMATS = ("text", "json", "jsonl", "junit", "github", "sarif")


def shown(path: str) -> str:
    """A file name on one line of the text format: a newline or another character that is
    not printable written as Python writes it (``bad\\nname.xml``), so that a problem
    matcher reading ``path:line:col:`` reads the right name. The other formats escape it
    their own way."""
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def location(d: Diagnostic) -> str:
    path = shown(d.path)
    if d.line is None:
        return path
    if d.column is None:
        return f"{path}:{d.line}"
    return f"{path}:{d.line}:{d.column}"


def format_line(d: Diagnostic) -> str:
    return f"{location(d)}: {d.severity.value}: {d.message} [{d.code}]"


def listed(items: Iterable[Diagnostic], limit: int) -> list[Diagnostic]:
    """The diagnostics to print of a sorted list: at most ``limit`` of each code in each
    file, the rest said in one ``build.too-many`` line after them, as severe as the worst
    left out (a text with 30,000 dangling names is 30,000 warnings a reader cannot use;
    the totals still count them all, and ``edition check`` lists them with --max-errors)."""
    kept: list[Diagnostic] = []
    left: dict[tuple[str, str], list[Diagnostic]] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for d in items:
        key = (d.path, d.code)
        seen[key] += 1
        if seen[key] <= limit:
            kept.append(d)
        else:
            left.setdefault(key, []).append(d)
    for (path, code), rest in left.items():
        severity = min((d.severity for d in rest), key=_RANK.index)
        kept.append(
            Diagnostic(
                path,
                None,
                None,
                severity,
                "build.too-many",
                f"{len(rest):,} more {code} {_PLURAL[severity]} in this file are not listed "
                f"(at most {limit} of a kind per file: --max-errors)",
                "build",
            )
        )
    return kept


_RANK = [Severity.ERROR, Severity.WARNING, Severity.INFO]
_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "notes"}


def counted(number: int, noun: str) -> str:
    """ "1 warning", "2 warnings", "0 errors": a count of an English noun with a plural in -s
    (the summaries of check, build and serve)."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary_line(report: Report, baselined: int = 0) -> str:
    parts = [
        counted(len(report.files), "file") + " checked",
        counted(report.errors, "error"),
        counted(report.warnings, "warning"),
    ]
    if baselined:
        parts.append(f"{baselined} known from the baseline")
    return "summary: " + ", ".join(parts) + f" in {report.seconds:.2f} s"


def render_text(report: Report, baselined: int = 0, grouped: bool = True) -> str:
    lines = [format_line(d) for d in report.sorted()]
    if grouped and not report.empty:
        lines.append("")
        lines.extend(text_totals(report))
    lines.append(summary_line(report, baselined))
    return "\n".join(lines) + "\n"


def text_totals(report: Report) -> list[str]:
    """The "by rule:" and "by file:" sections of the text format."""
    lines = ["by rule:"]
    for code, count in sorted(report.by_code().items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {count:6d}  {code}")
    by_file = report.by_file()
    lines.append("by file:")
    for path, count in sorted(by_file.items(), key=lambda kv: (-kv[1], kv[0]))[:50]:
        lines.append(f"  {count:6d}  {shown(path)}")
    if len(by_file) > 50:
        lines.append(f"  ... and {len(by_file) - 50} more files")
    return lines


def as_dict(d: Diagnostic) -> dict[str, object]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "severity": d.severity.value,
        "code": d.code,
        "message": d.message,
        "origin": d.origin,
    }


def render_json(report: Report, baselined: int = 0) -> str:
    payload = {
        "diagnostics": [as_dict(d) for d in report.sorted()],
        "summary": _summary(report, baselined),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def jsonl_line(d: Diagnostic) -> str:
    """One diagnostic as a line of JSON Lines (the keys of the json format's entries)."""
    return json.dumps(as_dict(d), ensure_ascii=False)


def jsonl_summary(report: Report, baselined: int = 0) -> str:
    """The last line of a JSON Lines report: ``{"summary": {...}}``."""
    return json.dumps({"summary": _summary(report, baselined)}, ensure_ascii=False)


def render_jsonl(report: Report, baselined: int = 0) -> str:
    """JSON Lines: one diagnostic per line, then the summary (as streamed, but sorted)."""
    lines = [jsonl_line(d) for d in report.sorted()]
    lines.append(jsonl_summary(report, baselined))
    return "\n".join(lines) + "\n"


def _summary(report: Report, baselined: int) -> dict[str, object]:
    return {
        "files": len(report.files),
        "errors": report.errors,
        "warnings": report.warnings,
        "baselined": baselined,
        "seconds": round(report.seconds, 3),
        "by_code": dict(sorted(report.by_code().items())),
    }


def render_junit(report: Report, baselined: int = 0) -> str:
    """One test case per file; each error is a failure, warnings go to system-out. What is
    said of no checked file and is no error (the note of the default schema) goes to the
    suite's system-out: it is no test (probe 108: the schema was a test case); a path that
    could not be read (a link to nothing, a pipe) is a failing one."""
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in report.files}
    aside: list[Diagnostic] = []
    for d in report.sorted():
        if d.path in by_file or d.severity is Severity.ERROR:
            by_file.setdefault(d.path, []).append(d)
        else:
            aside.append(d)
    suites = etree.Element("testsuites", name="edition check")
    suite = etree.SubElement(
        suites,
        "testsuite",
        name="edition check",
        tests=str(len(by_file)),
        failures=str(sum(1 for ds in by_file.values() if _errors(ds))),
        errors="0",
        time=f"{report.seconds:.3f}",
    )
    for path in sorted(by_file):
        items = by_file[path]
        case = etree.SubElement(suite, "testcase", classname="edition.check", name=_xml_safe(path))
        errors = _errors(items)
        if errors:
            failure = etree.SubElement(
                case,
                "failure",
                message=f"{len(errors)} error{'s' if len(errors) != 1 else ''}",
                type="validation",
            )
            failure.text = _xml_safe("\n".join(format_line(d) for d in errors))
        others = [d for d in items if d.severity is not Severity.ERROR]
        if others:
            out = etree.SubElement(case, "system-out")
            out.text = _xml_safe("\n".join(format_line(d) for d in others))
    if aside:
        out = etree.SubElement(suite, "system-out")
        out.text = _xml_safe("\n".join(format_line(d) for d in aside))
    text: str = etree.tostring(suites, encoding="unicode", pretty_print=True)
    return text


#: What XML 1.0 cannot carry: control characters but tab, newline and return; surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """``text`` for an XML attribute: what XML cannot carry written as the text format
    writes it (``ctl\\x01name.xml``); one odd file name must not sink the whole report."""
    return _NOT_XML.sub(lambda m: repr(m.group())[1:-1], text)


def _errors(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in items if d.severity is Severity.ERROR]


def render_github(report: Report, baselined: int = 0) -> str:
    lines = []
    for d in report.sorted():
        kind = {"error": "error", "warning": "warning", "info": "notice"}[d.severity.value]
        props = [f"file={_gh_escape_prop(d.path)}"]
        if d.line is not None:
            props.append(f"line={d.line}")
        if d.column is not None:
            props.append(f"col={d.column}")
        props.append(f"title={_gh_escape_prop(d.code)}")
        lines.append(f"::{kind} {','.join(props)}::{_gh_escape_data(d.message)}")
    lines.append(summary_line(report, baselined))
    return "\n".join(lines) + "\n"


def _gh_escape_data(text: str) -> str:
    # GitHub unescapes these three alone; any other character that is not printable (an
    # escape sequence, a bell in a file's name) is written as the text format writes it,
    # where it went raw into the log, and click deleted the escape sequences of a name when
    # the output was no terminal, naming a file that does not exist (probe 166)
    if not text.isprintable():
        text = "".join(c if c.isprintable() or c in "\r\n" else repr(c)[1:-1] for c in text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


#: SARIF's word for each severity ("note" is its information).
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: Report, baselined: int = 0) -> str:
    """A SARIF 2.1.0 log (OASIS), as code-scanning services and editors' viewers read it: one
    run, a rule per code, a result per diagnostic at its file, line and column (columns
    count characters, as ours do: ``columnKind`` says so). Relative paths are relative to
    the working directory (``%SRCROOT%``); the summary is the run's property bag."""
    items = report.sorted()
    codes = sorted({d.code for d in items})
    index = {code: i for i, code in enumerate(codes)}
    results = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for d in items:
        # the baseline's fingerprint (a known problem keeps it when lines move), numbered
        # among the file's problems of the same code and words, as GitHub numbers its hashes
        key = _fingerprint(d)
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join(key).encode("utf-8", "surrogatepass")).hexdigest()
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": _sarif_location(d)}],
            "partialFingerprints": {"editionProblem/v1": f"{digest}:{seen[key]}"},
        }
        if d.origin:
            result["properties"] = {"origin": d.origin}
        results.append(result)
    run = {
        "tool": {
            "driver": {
                "name": "edition",
                "version": __version__,
                "rules": [{"id": code} for code in codes],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": _summary(report, baselined),
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_location(d: Diagnostic) -> dict[str, object]:
    path = Path(d.path)
    if path.is_absolute():
        artifact: dict[str, str] = {"uri": path.as_uri()}
    else:
        artifact = {"uri": quote(path.as_posix()), "uriBaseId": "%SRCROOT%"}
    location: dict[str, object] = {"artifactLocation": artifact}
    if d.line is not None:
        region: dict[str, int] = {"startLine": d.line}
        if d.column is not None:
            region["startColumn"] = d.column
        location["region"] = region
    return location


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "junit": render_junit,
    "github": render_github,
    "sarif": render_sarif,
}


# --- baselines -------------------------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    """Known problems: (path, code, message) with how many times each was seen.

    Lines are left out of the fingerprint on purpose: editing a file above a known problem
    moves it, and that must not make it new; so are the line numbers a message names
    ("first defined at line 12", "move it before the "p" at line 10").

    Paths are kept absolute here and written relative to the baseline file's folder
    (version 2): written as the report showed them, relative to the folder the check ran
    in, a baseline matched nothing from another folder (probe 142: run from inside the
    checked folder, 66 known problems were new). A version 1 file's paths are read from the
    folder the check runs in, as they were written.
    """

    counts: Counter[tuple[str, str, str]]

    @classmethod
    def from_report(cls, report: Report) -> Baseline:
        return cls(Counter(_fingerprint(d) for d in report.diagnostics))

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["problems"]
            base = _folder(path) if data.get("version", 1) >= 2 else os.getcwd()
            return cls(
                Counter(
                    {
                        (
                            _absolute(e["path"], base),
                            e["code"],
                            _without_lines(e["message"]),
                        ): int(e["count"])
                        for e in entries
                    }
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EditionError(f"cannot read the baseline {path}: {exc}") from exc

    def dumps(self, path: Path) -> str:
        """The baseline file's text, its paths relative to ``path``'s folder."""
        base = _folder(path)
        problems = [
            {"path": _relative(p, base), "code": c, "message": m, "count": n}
            for (p, c, m), n in sorted(self.counts.items())
        ]
        problems.sort(key=lambda e: (str(e["path"]), str(e["code"]), str(e["message"])))
        return json.dumps({"version": 2, "problems": problems}, ensure_ascii=False, indent=2) + "\n"

    def filter(self, report: Report) -> tuple[Report, int]:
        """A report without the known problems, and how many were left out."""
        remaining = Counter(self.counts)
        kept: list[Diagnostic] = []
        known = 0
        for d in report.sorted():
            key = _fingerprint(d)
            if remaining[key] > 0:
                remaining[key] -= 1
                known += 1
            else:
                kept.append(d)
        return Report(diagnostics=kept, files=list(report.files), seconds=report.seconds), known


def _fingerprint(d: Diagnostic) -> tuple[str, str, str]:
    return (_absolute(d.path, os.getcwd()), d.code, _without_lines(d.message))


def _folder(path: Path) -> str:
    return os.path.dirname(same_file(str(path)))


def _absolute(path: str, base: str) -> str:
    # by the folders' real paths: a folder reached through a symbolic link is the folder
    # (probe 155: `edition check --baseline known.json link`, link -> ed/tei, made every
    # known problem new)
    return same_file(os.path.join(base, path))


def _relative(path: str, base: str) -> str:
    """``path`` from ``base``, with forward slashes (a baseline kept in git is read on
    every system); absolute when it is on another drive."""
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return path


_LINE_NUMBER = re.compile(r"\b(lines?) \d+")
#: A path a message names, of folders and a file ("tei/schema/x.rng", "../../s.rng",
#: "/opt/x.xml"), up to its file's name: shown relative to the folder the check runs in.
_NAMED_PATH = re.compile(r"(?<![\w.])(?:[^\s'\"(),:/]*/)+([^\s'\"(),:/]+)")


def _without_lines(message: str) -> str:
    """A message as a baseline knows it: without the line numbers it names, and with the
    paths it names as their files' names (probe 153: "looked at tei/schema/x.rng" was new
    when the check ran from another folder)."""
    return _NAMED_PATH.sub(r"\1", _LINE_NUMBER.sub(r"\1 N", message))


# --- streamed reports --------------------------------------------------------------------


class StreamWriter:
    """Writes diagnostics as ``check`` hands them on (a ``check.Stream``), then the end:
    for text the totals and the summary line, for JSON Lines the summary object."""

    def __init__(self, out: TextIO, output_format: str) -> None:
        self.out = out
        self.format = output_format
        self.written = False

    def __call__(self, items: Sequence[Diagnostic]) -> None:
        line = format_line if self.format == "text" else jsonl_line
        self.out.write("".join(line(d) + "\n" for d in items))
        self.out.flush()
        self.written = True

    def finish(self, report: Report, baselined: int = 0) -> None:
        if self.format == "text":
            totals = ["", *text_totals(report)] if not report.empty else []
            self.out.write("".join(t + "\n" for t in [*totals, summary_line(report, baselined)]))
        else:
            self.out.write(jsonl_summary(report, baselined) + "\n")
        self.out.flush()

"""The output folder: what the build owns in it, and publishing a whole edition in one step.

Layout of ``OUT`` (``--out``)::

    OUT/html/ OUT/epub/ OUT/index/          the published edition: real folders
    OUT/.edition/OWNER                      marks the folder as written by ``edition build``
    OUT/.edition/lock                       the build lock (``pipeline.lock``)
    OUT/.edition/current -> gen-<id>        the published generation
    OUT/.edition/rescued/gen-<id>/...       a person's file a build could neither carry nor
                                            leave (``finish_publishing``)
    OUT/.edition/gen-<id>/                  one generation: sources/ cache/ manifest.json
                          html -> ../../html  (while it is written: html/ epub/ index/)

A build writes a new generation beside the published one. Its manifest names every file
with its hash and owner, and the inode of each new output folder; one atomic rename of the
``current`` link commits it, then each output folder is put in place by one atomic exchange
with ``OUT/<name>`` (``renameat2``), and the generation's own entry becomes a link back to
it, so that ``generation.root / "html/..."`` reads the published files either way. A build
killed between the commit and the last exchange leaves the folders to be put in place by the
next build, which does that first (the inodes say which folders have moved). The build
only ever replaces what it made: ``OUT/html`` must be its own folder (or the link an older
version made), ``OUT/.edition`` must carry ``OWNER``; a file that someone put into or
changed in a published output is carried into the next one, or publishing stops
(``build.foreign-file``) rather than lose it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import stat as st
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import diagnostics as diag
from . import lock
from .diagnostics import Diagnostic
from .errors import EditionError, EnvironmentFailure, OptionError
from .io import sweep_leftovers, temp_parts, write_bytes_atomic

OUTPUTS = ("html", "epub", "index")
MARKER = ".edition"
OWNER = "OWNER"
#: What the build lock's file holds: nothing, or "PID START" (pipeline/lock.py).
_LOCK_TEXT = re.compile(rb"(?:[0-9]+ [0-9]*\n)?")
OWNER_TEXT = (
    "This folder is the working area of `edition build`; it owns the folders html, epub and\n"
    "index beside it. Do not put files here. Format 1.\n"
)
CURRENT = "current"
MANIFEST = "manifest.json"
SOURCES = "sources"
_ORIGIN = "build"
#: The owner of a file the build did not write and carries from one generation to the next.
KEPT = "!kept"
#: Where finishing an interrupted publishing moves a person's file it cannot carry.
RESCUED = "rescued"


@dataclass(frozen=True)
class FileRecord:
    """A file of a generation: its hash and size, and who it belongs to.

    ``owner`` is the stem of the text it was made from (``""``: the whole edition, such as the
    home page or the index), or ``"!kept"`` for a file the build did not write and carries on.
    """

    sha256: str
    size: int
    owner: str = ""
    #: The file's modification time and inode when recorded: while both are the same, its
    #: bytes are (a file hard-linked into a later generation keeps them), so the next build
    #: need not read it again.
    mtime_ns: int = 0
    inode: int = 0

    def same_file(self, path: Path) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return False
        return self.same_stat(stat)

    def same_stat(self, stat: os.stat_result) -> bool:
        return (stat.st_size, stat.st_mtime_ns, stat.st_ino) == (
            self.size,
            self.mtime_ns,
            self.inode,
        )


@dataclass(frozen=True)
class SourceRecord:
    """The last good version of one source file, kept to rebuild it if it later fails."""

    sha256: str
    snapshot: str  # path inside the generation
    kind: str  # "text" or "register"


@dataclass
class Manifest:
    files: dict[str, FileRecord] = field(default_factory=dict)
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    #: What the next build may reuse (``pipeline.cache``): free-form, checked when read.
    cache: dict[str, object] = field(default_factory=dict)
    #: The inode of each output folder of the generation, recorded before it is published:
    #: which folders have been put in place is told by them (``OutputFolder.place``).
    folders: dict[str, int] = field(default_factory=dict)
    _owners: tuple[int, dict[tuple[str, str], list[str]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def dumps(self) -> bytes:
        data = {
            "format": 2,
            "outputs": sorted(self.outputs),
            "files": {
                k: [r.sha256, r.size, r.owner, r.mtime_ns, r.inode]
                for k, r in sorted(self.files.items())
            },
            "sources": {k: [r.sha256, r.snapshot, r.kind] for k, r in sorted(self.sources.items())},
            "cache": self.cache,
            "folders": dict(sorted(self.folders.items())),
        }
        # Compact: with an indent, json uses its pure-Python encoder, which took a quarter
        # of a second over the ELTeC edition's 8,000 files (`python -m json.tool` shows it).
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.encode("utf-8") + b"\n"

    @classmethod
    def loads(cls, data: bytes) -> Manifest:
        raw = json.loads(data)
        if raw.get("format") not in (1, 2):
            raise ValueError("unknown manifest format")
        cache = raw.get("cache", {})
        folders = raw.get("folders", {})
        return cls(
            files={
                k: FileRecord(str(v[0]), int(v[1]), str(v[2]), *(int(x) for x in v[3:5]))
                for k, v in raw["files"].items()
            },
            sources={
                k: SourceRecord(str(v[0]), str(v[1]), str(v[2])) for k, v in raw["sources"].items()
            },
            outputs=[str(o) for o in raw["outputs"]],
            cache=cache if isinstance(cache, dict) else {},
            folders={str(k): int(v) for k, v in folders.items()}
            if isinstance(folders, dict)
            else {},
        )

    def owned_by(self, output: str, owner: str) -> list[str]:
        """The files of ``output`` that ``owner`` wrote, sorted. Asked for every text and
        output of a build, so answered from an index made once (made again when files are
        added or removed: only the previous generation's manifest is asked, never changed)."""
        if self._owners is None or self._owners[0] != len(self.files):
            index: dict[tuple[str, str], list[str]] = {}
            for path, record in sorted(self.files.items()):
                index.setdefault((path.split("/", 1)[0], record.owner), []).append(path)
            self._owners = (len(self.files), index)
        return list(self._owners[1].get((output, owner), ()))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Generation:
    """A generation folder: written while a build runs, published, or the published one."""

    def __init__(self, root: Path, manifest: Manifest | None = None) -> None:
        self.root = root
        self.manifest = manifest or Manifest()

    @property
    def name(self) -> str:
        return self.root.name

    def output(self, name: str) -> Path:
        """The folder of one output (created on first use)."""
        folder = self.root / name
        try:
            folder.mkdir(mode=0o755, exist_ok=True)
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "create the folder", folder) from exc
        return folder

    def record_output(
        self, name: str, owners: dict[str, str], previous: Generation | None = None
    ) -> None:
        """Add every file under ``name/`` to the manifest; ``owners`` maps paths to stems. A
        file linked from ``previous`` unchanged keeps its recorded digest (not read again)."""
        base = self.root / name
        if not base.is_dir():
            return
        if name not in self.manifest.outputs:
            self.manifest.outputs.append(name)
        for key, stat in walk(self.root, name):
            if not st.S_ISREG(stat.st_mode):
                continue
            known = self.manifest.files.get(key)
            if known is not None and known.owner == KEPT:
                continue  # carried for someone else: never counted as the build's
            old = previous.manifest.files.get(key) if previous is not None else None
            owner = owners.get(key, "")
            if old is not None and old.owner != KEPT and old.same_stat(stat):
                # linked over unchanged (most files of an incremental build): the record is
                # the last one when the owner is too
                same = old.owner == owner
                self.manifest.files[key] = old if same else replace(old, owner=owner)
                continue
            self.manifest.files[key] = FileRecord(
                sha256_file(self.root / key), stat.st_size, owner, stat.st_mtime_ns, stat.st_ino
            )

    def keep_source(self, key: str, data: bytes, kind: str, previous: Generation | None) -> None:
        """Keep the bytes of a source that built, for a later build in which it fails."""
        self.record_source(key, store_source(self.root, key, data, kind, previous))

    def record_source(self, key: str, record: SourceRecord) -> None:
        """Note in the manifest a source copy that ``store_source`` wrote (in a worker)."""
        self.manifest.sources[key] = record

    def snapshot(self, key: str) -> bytes | None:
        """The last good bytes of source ``key`` (its resolved path), if this generation has it."""
        record = self.manifest.sources.get(key)
        if record is None:
            return None
        try:
            return (self.root / record.snapshot).read_bytes()
        except OSError:
            return None

    def carry(self, previous: Generation, paths: Iterable[str], owner: str | None = None) -> None:
        """Bring files of ``previous`` into this generation unchanged (hard links)."""
        for key in paths:
            source = previous.root / key
            if link_or_copy(source, self.root / key):
                record = previous.manifest.files.get(key)
                if record is not None:
                    stat = (self.root / key).stat()
                    self.manifest.files[key] = FileRecord(
                        record.sha256,
                        record.size,
                        owner if owner is not None else record.owner,
                        stat.st_mtime_ns,
                        stat.st_ino,
                    )

    def carry_output(self, previous: Generation, name: str) -> None:
        """An output not built this time keeps its published files."""
        if name in previous.manifest.outputs:
            # a person's file kept there is carried by ``foreign_files``, as in a built
            # output: carried here too, it was "a file of the same name" the new edition had,
            # and every --only build after the first that kept it stopped (probe 73)
            self.carry(
                previous,
                [
                    k
                    for k, record in previous.manifest.files.items()
                    if k.startswith(name + "/") and record.owner != KEPT
                ],
            )
            if name not in self.manifest.outputs:
                self.manifest.outputs.append(name)

    def write_manifest(self) -> None:
        write_bytes_atomic(self.root / MANIFEST, self.manifest.dumps())


def store_source(
    root: Path, key: str, data: bytes, kind: str, previous: Generation | None
) -> SourceRecord:
    """Write the copy of a source into the generation at ``root`` (a hard link to the
    previous generation's copy when the bytes are the same); its manifest record."""
    digest = hashlib.sha256(data).hexdigest()
    snapshot = f"{SOURCES}/{hashlib.sha256(key.encode()).hexdigest()[:24]}.xml"
    old = previous.manifest.sources.get(key) if previous is not None else None
    reused = (
        previous is not None
        and old is not None
        and old.sha256 == digest
        and link_or_copy(previous.root / old.snapshot, root / snapshot)
    )
    if not reused:
        write_bytes_atomic(root / snapshot, data)
    return SourceRecord(digest, snapshot, kind)


def link_or_copy(source: str | Path, target: str | Path) -> bool:
    """Hard-link ``source`` at ``target`` (copy across file systems); False if it is gone."""
    # The common case in one system call: an incremental build links thousands of files,
    # and the checks below cost three more calls each (0.15 s of a one-page rebuild).
    with contextlib.suppress(OSError):
        os.link(source, target)
        return True
    source, target = Path(source), Path(target)
    if not source.is_file():
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "write", target) from exc
    return True


class OutputFolder:
    """``OUT``: checked for ownership, locked, and published into one generation at a time."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.marker = out / MARKER
        #: The published generation as ``current`` last read it, and its manifest's stat.
        self._read: tuple[tuple[str, int, int, int], Generation] | None = None

    # -- ownership -------------------------------------------------------------------------

    def check_ownership(self) -> None:
        """``OptionError`` unless every part of ``OUT`` the build would replace is its own."""
        out = self.out
        if out.exists() and not out.is_dir():
            raise OptionError(f"--out {out}: is a file, not a folder; choose a folder")
        if self.marker.is_symlink() or (
            self.marker.exists() and not self._owned_marker() and not self._vacant_marker()
        ):
            raise OptionError(
                f"{self.marker} exists and was not made by edition build; move it away or "
                "choose another --out"
            )
        published = self._published()
        for name in OUTPUTS:
            path = out / name
            if os.path.lexists(path) and not self._own_link(path, name, published):
                raise OptionError(
                    f"{path} exists and was not made by edition build (it would be replaced): "
                    "move it away or choose another --out"
                )

    def _vacant_marker(self) -> bool:
        """Whether ``OUT/.edition`` is a folder holding nothing, or nothing but the build's
        lock file (empty, or the process id the lock writes): what a first build that could
        not write ``OWNER`` (a full disk) or an interrupted ``edition clean`` leaves. Nothing
        in it is anyone's, and it was refused for ever (probe 89: "was not made by edition
        build", for build and clean alike)."""
        try:
            children = list(os.scandir(self.marker))
            return all(
                c.is_file(follow_symlinks=False)
                and (
                    (
                        c.name == "lock"
                        and c.stat(follow_symlinks=False).st_size <= 100
                        and _LOCK_TEXT.fullmatch(Path(c.path).read_bytes()) is not None
                    )
                    or self._owner_being_written(c)
                )
                for c in children
            )
        except OSError:
            return False

    @staticmethod
    def _owner_being_written(entry: os.DirEntry[str]) -> bool:
        """Whether ``entry`` is the temp file of ``OWNER`` a first build writes (or left,
        killed before renaming it): probe 179, a second first build into the same new
        ``--out`` was told that ``.edition`` "was not made by edition build", where it
        should wait its turn at the lock, and one killed at that moment left a folder every
        later build refused."""
        parts = temp_parts(entry.name)
        if parts is None or parts[0] != OWNER:
            return False
        size = entry.stat(follow_symlinks=False).st_size
        return size <= len(OWNER_TEXT.encode()) and OWNER_TEXT.encode().startswith(
            Path(entry.path).read_bytes()
        )

    def _owned_marker(self) -> bool:
        try:
            return (self.marker / OWNER).read_text(encoding="utf-8").startswith(OWNER_TEXT[:40])
        except (OSError, UnicodeDecodeError):
            return False

    def _own_link(self, path: Path, name: str, published: set[str]) -> bool:
        """Whether ``path`` is the build's own: its published folder (``published``: the
        outputs the published generation lists), or the link older versions made."""
        try:
            stat = path.lstat()
        except OSError:
            return False
        if st.S_ISLNK(stat.st_mode):
            return is_legacy_link(path, name)
        # A folder is the build's when its published generation lists it. Its inode is not
        # asked for: a copy of the whole output folder (``cp -a``, a restored backup) is still
        # the build's, and a file in it the manifest does not know is carried, never lost.
        return st.S_ISDIR(stat.st_mode) and self._owned_marker() and name in published

    def _published(self) -> set[str]:
        """The outputs the published generation lists (none when it cannot be read)."""
        try:
            target = self._current_target()
            if target is None:
                return set()
            manifest = Manifest.loads((self.marker / target / MANIFEST).read_bytes())
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return set()
        return set(manifest.outputs)

    def _current_target(self) -> str | None:
        """The generation ``OUT/.edition/current`` names: its link's target, or, where a copy
        of the output folder followed the link (``zip -r``, ``cp -rL``, ``rsync -L``) and
        made it a folder, the generation of the same manifest (probe 134: such a copy was
        refused by build and clean as "not made by edition build"). ``OSError`` where the
        link cannot be read; None where there is none."""
        link = self.marker / CURRENT
        try:
            return os.readlink(link)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno != errno.EINVAL or not link.is_dir():
                raise
        try:
            copied = (link / MANIFEST).read_bytes()
        except OSError:
            return None
        for generation in sorted(self._generations()):
            with contextlib.suppress(OSError):
                if (generation / MANIFEST).read_bytes() == copied:
                    return generation.name
        return None

    def _relink_current(self) -> None:
        """Make a ``current`` that a copy made a folder (``_current_target``) a link again,
        under the lock: publishing replaces the link, which it cannot do to a folder."""
        link = self.marker / CURRENT
        if link.is_symlink() or not link.is_dir():
            return
        target = self._current_target()
        if target is None:
            return
        temporary = self.marker / f".{CURRENT}-{os.getpid()}"
        aside = self.marker / f".{CURRENT}-copy-{os.getpid()}"
        try:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            os.symlink(target, temporary)
            os.rename(link, aside)
            os.replace(temporary, link)
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "repair the record of", self.marker) from exc
        shutil.rmtree(aside, ignore_errors=True)

    @contextlib.contextmanager
    def claimed(self) -> Iterator[list[Diagnostic]]:
        """Create ``OUT/.edition`` when needed and hold the build lock for the block; the block
        gets what finishing an interrupted publishing had to say (``finish_publishing``)."""
        self.check_ownership()
        try:
            self.marker.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "create the output folder", self.marker) from exc
        if not (self.marker / OWNER).is_file():
            write_bytes_atomic(self.marker / OWNER, OWNER_TEXT.encode())
        sweep_leftovers(self.marker / OWNER)  # one a build killed while writing it left
        with lock.hold(self.marker / "lock", str(self.out)):
            self._relink_current()
            yield self.finish_publishing()

    def clean(self) -> list[Path]:
        """Remove the published edition (``OUT/html``, ``epub``, ``index``) and the build's
        records (``OUT/.edition``), nothing else of ``OUT``: ``edition clean``, which the
        Makefiles' ``clean`` runs (probe 73: the scaffold's ``rm -rf '$(OUT)'`` took a
        person's files in ``dist/`` with it, and any folder an inherited ``OUT`` named).
        When an output holds a file the build did not write (or a rescued one), nothing is
        removed and those files are returned: they are someone's."""
        self.check_ownership()
        if not self.marker.is_dir():
            return []
        with lock.hold(self.marker / "lock", str(self.out)):
            self._relink_current()
            self.finish_publishing()
            theirs: list[Path] = []
            current = self.current()
            if current is not None:
                theirs = [self.out / key for key, _ in self.foreign_scan(current)]
            rescued = self.marker / RESCUED
            if rescued.is_dir():
                theirs += [self.marker / key for key, _ in walk(self.marker, RESCUED)]
            if theirs:
                return sorted(theirs)
            for name in OUTPUTS:
                path = self.out / name
                if os.path.islink(path):
                    _remove(path)
                elif path.is_dir():
                    _remove_or_fail(path)
            # OWNER goes after everything it vouches for: an interrupted clean leaves a
            # folder still marked as the build's, or one holding only the lock (vacant); a
            # file that cannot be removed (immutable, a folder nobody may write) is named and
            # OWNER kept (probe 101: the mark went, the file stayed, and every later build and
            # clean called the folder "not made by edition build")
            for child in sorted(self.marker.iterdir(), key=lambda c: c.name == OWNER):
                if child.name != "lock":
                    _remove_or_fail(child)
            _remove(self.marker)  # the lock's file goes last; the kernel's lock with it
        with contextlib.suppress(OSError):
            self.out.rmdir()  # only when nothing else is in it
        return []

    # -- generations -----------------------------------------------------------------------

    def current(self) -> Generation | None:
        """The published generation, or None; ``EditionError`` if its manifest is damaged."""
        link = self.marker / CURRENT
        try:
            target = self._current_target()
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "read", link) from exc
        if target is None:
            return None
        root = self.marker / target
        try:
            # Asked twice a build (finishing an interrupted publishing, then the build): a
            # large edition's manifest takes 50 ms to read, so it is read again only when
            # the file changed.
            info = (root / MANIFEST).stat()
            seen = (target, info.st_ino, info.st_mtime_ns, info.st_size)
            if self._read is not None and self._read[0] == seen:
                return self._read[1]
            manifest = Manifest.loads((root / MANIFEST).read_bytes())
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "read", root / MANIFEST) from exc
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise EditionError(
                f"{root / MANIFEST}: the record of what the last build wrote is damaged "
                f"({exc}); move your own files out of {self.out}, remove it and build again"
            ) from exc
        generation = Generation(root, manifest)
        self._read = (seen, generation)
        return generation

    def remove_unpublished(self) -> None:
        """Remove generations left by builds that were killed before they published."""
        current = self._current_name()
        for child in self._generations():
            if child.name != current:
                shutil.rmtree(child, ignore_errors=True)

    def is_current(self, generation: Generation) -> bool:
        """Whether ``generation`` is the published one (read from disk, not remembered)."""
        return self._current_name() == generation.name

    def _current_name(self) -> str | None:
        try:
            return self._current_target()
        except OSError:
            return None

    def _generations(self) -> list[Path]:
        try:
            return [p for p in self.marker.iterdir() if p.name.startswith("gen-") and p.is_dir()]
        except FileNotFoundError:
            return []

    def new_generation(self) -> Generation:
        name = f"gen-{time.time_ns():x}-{os.getpid()}"
        root = self.marker / name
        try:
            root.mkdir(mode=0o755)
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "create the folder", root) from exc
        return Generation(root)

    def discard(self, generation: Generation) -> None:
        shutil.rmtree(generation.root, ignore_errors=True)

    # -- publishing ------------------------------------------------------------------------

    def foreign_scan(self, previous: Generation) -> list[tuple[str, FileRecord | None]]:
        """The files of the published outputs that are not as the build wrote them (with the
        manifest's record of each, if any): what ``foreign_files`` acts on. A walk over every
        output file, which a build does while Pagefind runs (``pipeline.build``)."""
        found: list[tuple[str, FileRecord | None]] = []
        for name in previous.manifest.outputs:
            for key, stat in walk(previous.root, name):
                record = previous.manifest.files.get(key)
                if _foreign(previous.root, key, stat, record):
                    found.append((key, record))
        return found

    def foreign_files(
        self,
        previous: Generation,
        new: Generation,
        scanned: list[tuple[str, FileRecord | None]] | None = None,
    ) -> list[Diagnostic]:
        """Carry into ``new`` what someone else put into the published outputs.

        A file the manifest does not list (or lists with other bytes) was not written by the
        build: it is carried on as it is, or, when the new edition has a file of that name,
        publishing stops with an error naming it. Returns those diagnostics. ``scanned``:
        what ``foreign_scan`` found earlier in the build (a file since gone is passed over).
        """
        problems: list[Diagnostic] = []
        told: set[str] = set()
        for key, record in self.foreign_scan(previous) if scanned is None else scanned:
            path = previous.root / key
            if scanned is not None and not os.path.lexists(path):
                continue
            shown = self.out / key
            kept = record is not None and record.owner == KEPT
            # a folder of someone's where the new edition writes a file (probe 89: a folder
            # named as a new book: "cannot write: something is already there" of a file
            # inside it, and no word that nothing was published)
            folder = _file_above(new.root, key)
            if folder is not None:
                if folder not in told:
                    told.add(folder)
                    problems.append(
                        diag.error(
                            str(self.out / folder),
                            "build.foreign-file",
                            "this folder was not written by edition build, and the new "
                            "edition has a file of that name; nothing was published: move the "
                            "folder elsewhere and build again",
                            origin=_ORIGIN,
                        )
                    )
                continue
            if (new.root / key).exists() or (new.root / key).is_symlink():
                foreign = record is None or kept
                code = "build.foreign-file" if foreign else "build.modified-output"
                what = (
                    "was not written by edition build"
                    if foreign
                    else ("was changed after the build wrote it")
                )
                problems.append(
                    diag.error(
                        str(shown),
                        code,
                        f"this file {what}, and the new edition has a file of that name; "
                        "nothing was published: move the file elsewhere and build again",
                        origin=_ORIGIN,
                    )
                )
                continue
            _carry_foreign(path, new.root / key)
            new.manifest.files[key] = FileRecord("", 0, KEPT)
            if not kept:  # told when a build first finds it; kept on without a word since
                problems.append(_kept_warning(shown))
        return problems

    def publish(
        self, generation: Generation, pause: Callable[[str], None] | None = None
    ) -> list[Diagnostic]:
        """Make ``generation`` the published edition: one atomic rename commits it, then its
        output folders are put in place, one atomic exchange each; then tidy up. Returns
        what it tells of files someone put into the last edition meanwhile (``place``)."""
        step = pause or (lambda name: None)
        previous = self._current_name()
        before = self._manifest_of(previous) if previous != generation.name else None
        generation.manifest.folders = {}
        for name in generation.manifest.outputs:
            with contextlib.suppress(OSError):
                stat = (generation.root / name).lstat()
                if st.S_ISDIR(stat.st_mode):
                    generation.manifest.folders[name] = stat.st_ino
        generation.write_manifest()
        _sync(generation.root)
        for name in sorted(generation.manifest.folders):
            _replaceable(self.out / name)  # before the commit: never half an edition
        step("before-publish")
        link = self.marker / CURRENT
        temporary = self.marker / f".{CURRENT}-{os.getpid()}"
        try:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            os.symlink(generation.name, temporary)
            os.replace(temporary, link)  # the one step that commits the new edition
            _sync(self.marker)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise EnvironmentFailure.of(exc, "publish the edition in", self.marker) from exc
        step("after-publish")
        try:
            late = self.place(generation, step, before)
        except EnvironmentFailure:
            # a folder that would not move: the folders moved go back, the last edition
            # is current again (what _replaceable could not foresee, the system refused)
            self._unplace(generation, previous)
            raise
        if previous is not None and previous != generation.name:
            shutil.rmtree(self.marker / previous, ignore_errors=True)
        return late

    def _manifest_of(self, name: str | None) -> Manifest | None:
        """The manifest of the generation ``name``, when it can be read."""
        if name is None:
            return None
        try:
            return Manifest.loads((self.marker / name / MANIFEST).read_bytes())
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def finish_publishing(self) -> list[Diagnostic]:
        """Put in place the folders of a published generation whose build was killed before
        it had moved them all (run under the lock, before anything else).

        The folders it replaces are still the last edition's, and someone may have put a file
        into them or changed one since: such a file is carried into the committed edition, as
        a build carries it (``foreign_files``); when that edition has a file of the same name,
        the person's file is moved to ``OUT/.edition/rescued/`` and a warning says where.
        Nothing is removed that the build did not write."""
        try:
            generation = self.current()
        except EditionError:
            return []  # said by the build when it reads the generation
        if generation is None or not generation.manifest.folders:
            return []
        waiting = [
            name
            for name, inode in sorted(generation.manifest.folders.items())
            if not _is_folder(self.out / name, inode)
        ]
        problems = self._keep_foreign(generation, waiting) if waiting else []
        problems += self.place(generation)
        return problems

    def _keep_foreign(self, generation: Generation, waiting: list[str]) -> list[Diagnostic]:
        """Carry (or rescue) what someone put into the folders ``OUT/<waiting>`` that the last
        edition's generation does not list as its own."""
        previous = self._last_generation(generation, waiting[0])
        if previous is None:
            return []  # no record of what the build wrote there: nothing to tell apart
        problems: list[Diagnostic] = []
        carried = False
        for name in waiting:
            for key, stat in walk(self.out, name):
                record = previous.manifest.files.get(key)
                if not _foreign(self.out, key, stat, record):
                    continue
                source = self.out / key
                staged = generation.root / key
                carried_record = generation.manifest.files.get(key)
                if carried_record is not None and carried_record.owner == KEPT:
                    # the committed edition carries this person's file already (a file kept
                    # by an earlier build, and the build killed after its commit): the same
                    # file, or its copy of an older state of it, which the file as it is
                    # now replaces. No clash with a file of the build's: probe 134, such a
                    # file was "rescued" at every interrupted publishing, and clean refused.
                    if not _same_file(source, staged):
                        _discard(staged)
                        _carry_foreign(source, staged)
                        carried = True
                    continue
                if not (staged.exists() or staged.is_symlink()):
                    _carry_foreign(source, staged)
                    generation.manifest.files[key] = FileRecord("", 0, KEPT)
                    carried = True
                    if record is None or record.owner != KEPT:  # told once, as publishing does
                        problems.append(_kept_warning(source))
                    continue
                rescued = self._rescue(generation, source, key)
                problems.append(
                    diag.warning(
                        str(source),
                        "build.rescued-file",
                        "this file was not written by edition build (or was changed after "
                        "it), and the edition an interrupted build had published has a file "
                        f"of that name: yours was moved to {rescued}; nothing else was lost",
                        origin=_ORIGIN,
                    )
                )
        if problems or carried:
            generation.write_manifest()
        return problems

    def _rescue(self, generation: Generation, source: Path, key: str) -> Path:
        """Move someone's file ``source`` (``OUT/<key>`` as it was) out of the way of
        ``generation``'s file of that name, to ``OUT/.edition/rescued/``; where it went."""
        rescued = self.marker / RESCUED / generation.name / key
        try:
            rescued.parent.mkdir(parents=True, exist_ok=True)
            os.rename(source, rescued)
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "keep the file", rescued) from exc
        return rescued

    def _last_generation(self, current: Generation, name: str) -> Generation | None:
        """The generation whose folder ``OUT/<name>`` still is: the edition a killed build was
        replacing (kept until the new one is in place), told by the folder's inode, which its
        manifest records; None when there is none."""
        try:
            inode = (self.out / name).lstat().st_ino
        except OSError:
            return None
        for root in self._generations():
            if root.name == current.name:
                continue
            try:
                manifest = Manifest.loads((root / MANIFEST).read_bytes())
            except (OSError, ValueError, KeyError, TypeError, IndexError):
                continue
            if manifest.folders.get(name) == inode:
                return Generation(root, manifest)
        return None

    def _unplace(self, generation: Generation, previous: str | None) -> None:
        """Undo a ``publish`` whose folders could not all be placed: exchange back those
        that were, and make ``previous`` current again (best effort: what fails here is
        mended by the next build's ``finish_publishing``)."""
        for name, inode in sorted(generation.manifest.folders.items()):
            staged, target = generation.root / name, self.out / name
            with contextlib.suppress(OSError):
                if _is_folder(target, inode) and os.path.isdir(staged):
                    exchange(staged, target)
        if previous is None:
            return
        temporary = self.marker / f".{CURRENT}-{os.getpid()}"
        with contextlib.suppress(OSError):
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            os.symlink(previous, temporary)
            os.replace(temporary, self.marker / CURRENT)
            _sync(self.marker)

    def place(
        self,
        generation: Generation,
        pause: Callable[[str], None] | None = None,
        before: Manifest | None = None,
    ) -> list[Diagnostic]:
        """Move each output folder of the committed ``generation`` to ``OUT/<name>``, in one
        atomic exchange with what was there; leave a link back in its place. ``before``: the
        manifest of the edition replaced, whose folders are looked through for files someone
        put there since the build scanned them (``_late_files``) before they go."""
        step = pause or (lambda name: None)
        late: list[Diagnostic] = []
        folders = sorted(generation.manifest.folders.items())
        # the exchanges first, one after the other: a reader may see the new html beside the
        # old epub only for the time of these few calls, not while old folders are removed
        for name, inode in folders:
            staged = generation.root / name
            target = self.out / name
            try:
                if not _is_folder(target, inode) and _is_folder(staged, inode):
                    if not os.path.lexists(target):
                        os.rename(staged, target)
                    elif not exchange(staged, target):
                        # no exchange on this file system: for a moment there is no folder
                        _retire(target, generation.root / f".retired-{name}")
                        os.rename(staged, target)
                    step(f"placed-{name}")
            except OSError as exc:
                raise EnvironmentFailure.of(exc, "publish the folder", target) from exc
        for name, inode in folders:
            staged = generation.root / name
            try:
                if _is_folder(self.out / name, inode) and not _is_back_link(staged, name):
                    _retire(staged, generation.root / f".retired-{name}")
                    os.symlink(f"../../{name}", staged)
            except OSError as exc:
                raise EnvironmentFailure.of(exc, "publish the folder", self.out / name) from exc
        for name, _ in folders:
            if before is not None:
                late += self._late_files(generation, name, before)
            _remove(generation.root / f".retired-{name}")
        _sync(self.out)
        return late

    def _late_files(self, generation: Generation, name: str, before: Manifest) -> list[Diagnostic]:
        """Keep what someone put into the replaced folder ``name`` after the build scanned it
        (probe 119: files written into the published pages in the last seconds of a build
        went with the old folder): moved into the new edition's folder, or, where the new
        edition has a file of that name, to ``OUT/.edition/rescued/``, each told."""
        retired = f".retired-{name}"
        problems: list[Diagnostic] = []
        carried = False
        for found, stat in walk(generation.root, retired):
            key = name + found[len(retired) :]
            if not _foreign(generation.root, found, stat, before.files.get(key)):
                continue
            now = generation.manifest.files.get(key)
            if now is not None and now.owner == KEPT:
                continue  # carried by foreign_files when the build scanned
            source, target = generation.root / found, self.out / key
            if not os.path.lexists(target) and _file_above(self.out, key) is None:
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.rename(source, target)
                except OSError:
                    pass
                else:
                    generation.manifest.files[key] = FileRecord("", 0, KEPT)
                    carried = True
                    problems.append(_kept_warning(target))
                    continue
            rescued = self._rescue(generation, source, key)
            problems.append(
                diag.warning(
                    str(self.out / key),
                    "build.rescued-file",
                    "this file was put into the edition (or changed) while a build published "
                    "a new one, which has a file of that name: yours was moved to "
                    f"{rescued}; nothing else was lost",
                    origin=_ORIGIN,
                )
            )
        if carried:
            generation.write_manifest()
        return problems


def _replaceable(target: Path) -> None:
    """Refuse, with the reason, an output folder the build cannot exchange for the new one:
    a mount point (a docroot bind-mounted there) or a folder marked immutable or append-only
    (``chattr +i``). Found after the commit, each left a new books folder beside the old
    pages, and every later build failed the same way, advising to "run again"."""
    if not os.path.isdir(target) or os.path.islink(target):
        return
    if _mount_point(target):
        raise EnvironmentFailure(
            str(target),
            "env.mount-point",
            "cannot publish the folder: it is a mount point, and a build replaces the whole "
            "folder in one step; mount the folder above it (the output folder) instead, or "
            "point the web server at this folder's parent",
        )
    if _fixed(target):
        raise EnvironmentFailure(
            str(target),
            "env.immutable",
            "cannot publish the folder: it is marked immutable or append-only (chattr +i or "
            "+a), so it cannot be replaced; remove the mark (chattr -i -a) and build again",
        )


def _mount_point(folder: Path) -> bool:
    """Whether ``folder`` is a mount point, a bind mount of a folder of the same file system
    too (which ``os.path.ismount`` cannot tell: same device, another inode than its parent)."""
    if os.path.ismount(folder):
        return True
    real = os.path.realpath(folder)
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as table:
            for line in table:
                fields = line.split(" ")
                # the fifth field is the mount point, with space, tab, newline and backslash
                # written as octal escapes
                if len(fields) > 4 and _unescape(fields[4]) == real:
                    return True
    except OSError:
        return False
    return False


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


_FS_IOC_GETFLAGS = 0x80086601
_FIXED_FLAGS = 0x10 | 0x20  # FS_IMMUTABLE_FL, FS_APPEND_FL


def _fixed(folder: Path) -> bool:
    """Whether the folder's inode flags forbid renaming it (Linux; False where unknown)."""
    import array
    import fcntl

    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
        return bool(flags[0] & _FIXED_FLAGS)
    except OSError:
        return False  # a file system without these flags
    finally:
        os.close(fd)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``).
    False where the system or the file system cannot; ``OSError`` for any other refusal."""
    call = _renameat2()
    if call is None:
        return False
    if call(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_RENAMEAT2: list[Callable[..., int] | None] = []


def _renameat2() -> Callable[..., int] | None:
    if not _RENAMEAT2:
        try:
            function = ctypes.CDLL(None, use_errno=True).renameat2
            function.argtypes = [
                ctypes.c_int,
                ctypes.c_char_p,
                ctypes.c_int,
                ctypes.c_char_p,
                ctypes.c_uint,
            ]
            function.restype = ctypes.c_int
            _RENAMEAT2.append(function)
        except (OSError, AttributeError):  # not Linux, or a C library before glibc 2.28
            _RENAMEAT2.append(None)
    return _RENAMEAT2[0]


def _is_folder(path: Path, inode: int) -> bool:
    """Whether ``path`` is a real folder (not a link) with that inode."""
    try:
        stat = path.lstat()
    except OSError:
        return False
    return st.S_ISDIR(stat.st_mode) and stat.st_ino == inode


def is_legacy_link(path: Path, name: str) -> bool:
    """Whether ``path`` is the link to ``.edition/current/<name>`` that versions before
    2026-12-01 made in place of each output folder."""
    try:
        return os.readlink(path) == f"{MARKER}/{CURRENT}/{name}"
    except OSError:
        return False


def _is_back_link(path: Path, name: str) -> bool:
    try:
        return os.readlink(path) == f"../../{name}"
    except OSError:
        return False


def _retire(path: Path, place: Path) -> None:
    """Move ``path`` (anything) out of the way to ``place``, replacing what was there."""
    if not os.path.lexists(path):
        return
    _remove(place)
    os.rename(path, place)


def _file_above(root: Path, key: str) -> str | None:
    """The folder of ``key`` (below its output's own) that is a file in the generation at
    ``root``, if any: ``epub/a.epub`` for ``epub/a.epub/notes.txt`` when the new edition
    writes a book of that name."""
    parts = key.split("/")
    for n in range(2, len(parts)):
        above = "/".join(parts[:n])
        candidate = root / above
        if candidate.is_symlink() or candidate.is_file():
            return above
    return None


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _remove_or_fail(path: Path) -> None:
    """Remove ``path`` (a folder with all it holds), or raise ``EnvironmentFailure`` naming
    the first file that cannot go (what went before it stays gone)."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink(missing_ok=True)
            return
        for folder, folders, files in os.walk(path, topdown=False):
            for name in files + [f for f in folders if os.path.islink(os.path.join(folder, f))]:
                os.unlink(os.path.join(folder, name))
            for name in folders:
                if not os.path.islink(os.path.join(folder, name)):
                    os.rmdir(os.path.join(folder, name))
        os.rmdir(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "remove", exc.filename or path) from exc


def _kept_warning(path: Path) -> Diagnostic:
    return diag.warning(
        str(path),
        "build.kept-file",
        "this file was not written by edition build; it is kept in the new edition as it is, "
        "and in later builds without a word",
        origin=_ORIGIN,
    )


def _foreign(root: Path, key: str, stat: os.stat_result, record: FileRecord | None) -> bool:
    """Whether the file ``root/key`` is not as the build wrote it: not in its manifest, kept
    there for someone else, or changed since."""
    return record is None or record.owner == KEPT or not _unchanged(root, key, stat, record)


def _unchanged(root: Path, key: str, stat: os.stat_result, record: FileRecord) -> bool:
    """Whether the file ``root/key`` (``stat``: its lstat) still has the recorded bytes; its
    path is made only when its bytes must be read (most of 8,000 files are told by stat)."""
    if not st.S_ISREG(stat.st_mode) or stat.st_size != record.size:
        return False
    try:
        return record.same_stat(stat) or sha256_file(root / key) == record.sha256
    except OSError:
        return False


def walk(root: Path, name: str) -> list[tuple[str, os.stat_result]]:
    """Every file and symbolic link under ``root/name`` (links not followed, but for a
    published generation's link back to ``OUT/<name>``) as its path relative to ``root`` with
    its lstat, sorted by path; none when it is not a folder.
    (``os.walk`` and string paths: pathlib's rglob took a second over an edition's pages.)"""
    found = []
    top = os.path.join(root, name)
    if not os.path.isdir(top) or (os.path.islink(top) and not _is_back_link(Path(top), name)):
        return []
    for folder, folders, files in os.walk(top):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        # a link to a folder is listed as a folder by os.walk but never entered
        for entry in files + [d for d in folders if os.path.islink(os.path.join(folder, d))]:
            try:
                found.append((f"{relative}/{entry}", os.lstat(os.path.join(folder, entry))))
            except OSError:
                continue
    return sorted(found, key=lambda item: item[0])


def _same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file (one inode), or links that say the same."""
    if a.is_symlink() or b.is_symlink():
        try:
            return a.is_symlink() and b.is_symlink() and os.readlink(a) == os.readlink(b)
        except OSError:
            return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _discard(path: Path) -> None:
    """Remove a staged file of the build's own generation (not yet published)."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "replace the file", path) from exc


def _carry_foreign(source: Path, target: Path) -> None:
    """Carry a file (or a symbolic link, as a link) someone put into a published output."""
    if not source.is_symlink():
        link_or_copy(source, target)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(os.readlink(source), target)
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "keep the file", target) from exc


def _sync(folder: Path) -> None:
    """Flush a folder's entries to disk, so the published link never points at nothing."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

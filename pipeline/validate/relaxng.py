"""RELAX NG validation of gated trees, reporting every invalid element readably.

The facade over the stages:
schema file -> ``rng_schema.prepare``: flattened, annotations stripped, one define per
element pattern (cached on disk by ``rng_cache``)
-> ``rng_prune.prune`` to the vocabulary of the documents: element names, and for each
element the attribute names it carries (cached on disk)
-> ``rng_compiled``: libxml2 (lxml), compiled once per vocabulary and process, decides
valid or not.
For an invalid document a top-down search validates subtrees in isolation (the pruned
grammar's start accepts any of its elements) to find each element that is wrong in itself,
and ``rng_messages`` says what is wrong with it. The caller's tree is never modified.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, Severity
from ..errors import EditionError
from ..gate import TEI_NS, SourceDocument, xml_ids
from ..paths import DEFAULT_SCHEMA
from . import rng_cache, rng_ids, rng_messages
from .rng_compiled import Compiled as _Compiled  # the old name: tests patch it here
from .rng_names import split
from .rng_patterns import Grammar
from .rng_prune import Vocabulary, prune, zero_states_of
from .rng_schema import prepare, read_schema


def load_prepared(schema: Path) -> tuple[etree._Element, str]:
    """The prepared grammar (from the disk cache when current) and its content digest."""
    resolved = schema.resolve()
    data = read_schema(resolved)
    key = rng_cache.digest("prepared", str(resolved), data)
    cached = rng_cache.read(key)
    if cached is not None and rng_cache.deps_current(cached):
        return cached, rng_cache.digest(cached.get(rng_cache.DEPS) or "")
    deps: dict[Path, str] = {}
    root = prepare(resolved, deps)
    root.set(rng_cache.DEPS, "\n".join(f"{p}\t{d}" for p, d in sorted(deps.items())))
    rng_cache.write(key, root)
    return root, rng_cache.digest(root.get(rng_cache.DEPS) or "")


# --- the validator ---------------------------------------------------------------------------

_ORIGIN = "relaxng"


#: Element names the vocabulary a grammar was grown to keeps at most (``_remember``).
SEEN_ELEMENTS = 400
_NONE = Vocabulary(frozenset(), frozenset())


class Found(list[Diagnostic]):
    """A validation's diagnostics; ``cut``: the search for them stopped before the end of the
    document, so that more may be wrong than they say (the caller says so: rng.too-many)."""

    def __init__(self, items: Iterable[Diagnostic] = (), cut: bool = False) -> None:
        super().__init__(items)
        self.cut = cut


class RelaxNGValidator:
    """Validates gated documents against one schema; compiled once per vocabulary."""

    def __init__(self, schema: Path) -> None:
        self.schema = schema
        self._prepared, self._digest = load_prepared(schema)
        self._compiled: _Compiled | None = None
        self._exact: dict[Vocabulary, _Compiled] = {}
        self._grammar: Grammar | None = None
        self._zero: dict[str, str] | None = None
        #: What ``_seen`` read (``_NONE``: nothing), None until it is asked.
        self._known: Vocabulary | None = None
        self._corpus = ""

    def use_corpus(self, corpus: str) -> None:
        """Say which corpus the next documents are of (``CheckOptions.corpus``): the names a
        grammar was grown to are remembered per corpus. One remembered for all let a check
        of the tei-samples grow the start of every later ELTeC check to 369 element names,
        and libxml2 validates the novels three times more slowly against that grammar (1.37
        s against 0.47 s with their own 71)."""
        if corpus != self._corpus:
            self._corpus = corpus
            self._known = None

    def compiled_for(self, vocabulary: Vocabulary) -> _Compiled:
        current = self._compiled
        if current is not None and vocabulary.within(current.vocabulary):
            return current
        if current is not None:
            vocabulary = vocabulary | current.vocabulary  # grow, so compiles stay rare
        seen = self._seen()
        if seen is not None and len((vocabulary | seen).elements) <= SEEN_ELEMENTS:
            vocabulary = vocabulary | seen
        self._compiled = self._build(vocabulary)
        if seen is None or not vocabulary.within(seen):
            self._remember(vocabulary)
        return self._compiled

    def _seen(self) -> Vocabulary | None:
        """The names this grammar was grown to before, by any process (the disk cache).

        A worker grows its grammar as documents bring new names, and which documents a
        worker meets changes from run to run: each run pruned tei_all for vocabularies never
        seen before (a prune costs about 0.1 s; they were 40% of a check of the ELTeC novels).
        Starting from what earlier runs met, a worker of a corpus checked again compiles once,
        a grammar the cache holds. Verdicts do not depend on it, nor do the words of a report
        (``exactly``)."""
        if self._known is None:
            text = rng_cache.read_text(self._seen_key())
            self._known = Vocabulary.from_key(text) if text is not None else _NONE
        return self._known if self._known is not _NONE else None

    def _remember(self, vocabulary: Vocabulary) -> None:
        """Keep ``vocabulary`` as what this grammar was grown to, with what was kept before
        while that stays under ``SEEN_ELEMENTS`` names (corpora of other kinds, checked
        against one schema for years, must not grow every compile towards the whole of it)."""
        known = self._known if self._known is not None and self._known is not _NONE else None
        if known is not None and len((known | vocabulary).elements) <= SEEN_ELEMENTS:
            vocabulary = known | vocabulary
        self._known = vocabulary
        rng_cache.write_text(self._seen_key(), vocabulary.key())

    def _seen_key(self) -> str:
        return rng_cache.digest("seen", self._digest, self._corpus)

    def _build(self, vocabulary: Vocabulary) -> _Compiled:
        key = rng_cache.digest("pruned", self._digest, vocabulary.key())
        grammar = rng_cache.read(key)
        if grammar is None:
            if self._zero is None:
                self._zero = zero_states_of(self._prepared)
            grammar = prune(self._prepared, vocabulary, self._zero)
            rng_cache.write(key, grammar)
        return _Compiled.build(self.schema, grammar, vocabulary)

    def exactly(self, node: etree._Element) -> _Compiled:
        """The grammar pruned to the names of ``node``'s subtree alone. libxml2's own words
        about an invalid element depend on the pruned grammar, and the grown one of
        ``compiled_for`` depends on which documents this process met before: where its words
        are used, they come from this one, so that a report does not depend on how files were
        shared out among workers (a pool, or a Dask cluster). Subtrees of one kind share
        names across a corpus, so few of these are compiled."""
        vocabulary = Vocabulary.of(node)
        found = self._exact.get(vocabulary)
        if found is None:
            if len(self._exact) > 64:
                self._exact.clear()
            found = self._exact[vocabulary] = self._build(vocabulary)
        return found

    def warm(self, docs: Iterable[SourceDocument]) -> None:
        """Compile once for all of ``docs`` (optional: otherwise the grammar is pruned and
        compiled again each time a document brings names the last compile did not know)."""
        vocabulary = Vocabulary(frozenset(), frozenset())
        for doc in docs:
            vocabulary = vocabulary | Vocabulary.of(doc.root)
        self.compiled_for(vocabulary)

    @functools.cached_property
    def id_attributes(self) -> frozenset[str]:
        """Attributes the schema types as xsd:ID (TEI: xml:id), as Clark names."""
        return rng_ids.id_attributes(self._prepared)

    @functools.cached_property
    def id_owners(self) -> dict[str, frozenset[tuple[str, str]]]:
        """The elements an attribute is an ID on, where it is not one on all (rng_ids)."""
        return rng_ids.id_owners(self._prepared)

    @property
    def grammar(self) -> Grammar:
        if self._grammar is None:
            self._grammar = Grammar(self._prepared)
        return self._grammar

    def validate(
        self,
        doc: SourceDocument,
        max_errors: int = 100,
        vocabulary: Vocabulary | None = None,
        carriers: Iterable[etree._Element] | None = None,
    ) -> Found:
        """One diagnostic per invalid element (at most ``max_errors``, at least one for an
        invalid document; ``Found.cut`` when more may be wrong); none for a valid one.
        Never modifies ``doc``. ``vocabulary`` is the document's names when the caller has
        them already, ``carriers`` the elements that carry any of ``id_attributes``
        (``Vocabulary.survey``)."""
        compiled = self.compiled_for(vocabulary or Vocabulary.of(doc.root))
        limit = max(1, max_errors)
        # libxml2 rejects a repeated xsd:ID value with words about the attribute or the
        # whole document; jing says 'ID "y1" has already been defined'. Duplicates are
        # reported here, each with its first occurrence, and validation sees unique values.
        duplicates = rng_ids.duplicates(doc.root, self.id_attributes, carriers, self.id_owners)
        with rng_ids.made_unique(duplicates):
            cut = False
            findings: list[rng_messages.Finding] = []
            if not compiled.valid(doc.tree):
                root_invalid = compiled.judged_alone(doc.tree)
                findings, cut = self._explain(doc.root, compiled, limit, root_invalid)
                findings = findings or [_fallback(doc.root, self.exactly(doc.root))]
        found = rng_ids.diagnostics(doc, duplicates, _ORIGIN)
        # Elements included from other files (xi:include) are reported in their own file.
        advised = False
        for finding in findings:
            path, line = doc.locate(finding.node)
            # the advice once a file, at its first such element (probe 126: 251 times)
            note = "" if advised else self._own_schema_note(finding)
            advised = advised or bool(note)
            message = finding.message + note + doc.inclusion_note(finding.node)
            if finding.attribute is not None:
                line, column = doc.attribute_place(finding.node, finding.attribute)
            elif finding.text is not None:
                line, column = doc.text_place(finding.node, finding.text == "tail")
            else:
                line, column = doc.element_place(finding.node)
            found.append(
                Diagnostic(path, line, column, Severity.ERROR, finding.code, message, _ORIGIN)
            )
        # in document order, column too: a file of one line (generated, minified) kept
        # later problems and cut an earlier one from the first --max-errors (probe 95)
        found.sort(key=lambda d: (d.path != doc.display, d.path, d.line or 0, d.column or 0))
        return Found(found[:limit], cut=cut)

    @functools.cached_property
    def _tools_own(self) -> bool:
        """Whether the schema is the tool's own default (asked once, not per finding)."""
        return _same_file(self.schema, DEFAULT_SCHEMA)

    def _own_schema_note(self, finding: rng_messages.Finding) -> str:
        """What to do about a TEI element the edition's own schema leaves out: that schema
        (``edition new`` copies it) allows what the texts used when it was made, and a new
        user's first poem was "not defined by the schema" without a word of why (probe 124).
        Nothing for a name that is likely misspelt (a "did you mean" is said)."""
        if (
            self.schema.name != "edition.rng"
            # the tool's own, the default of files naming no schema: check.default-schema
            # says what to do, and the tool's file is none to edit (probe 126)
            or self._tools_own
            or finding.code != "rng.unexpected-element"
            or "is not defined by the schema" not in finding.message
            or "did you mean" in finding.message
            or etree.QName(finding.node).namespace != TEI_NS
        ):
            return ""
        return (
            # (named by its folder and name, as an edition has it: the same words wherever
            # the check runs, and in the language server)
            f"; this edition's own schema ({self.schema.parent.name}/{self.schema.name}) allows "
            "only the elements its "
            f"texts use: if <{etree.QName(finding.node).localname}> is meant, add it to that "
            "schema, or check against the whole TEI (tei_all.rng) with --schema or "
            "[tool.edition] schema"
        )

    def _explain(
        self, root: etree._Element, compiled: _Compiled, budget: int, root_invalid: bool = False
    ) -> tuple[list[rng_messages.Finding], bool]:
        """About ``budget`` explanations, and whether more may be wrong than they say. The
        search looks at ``budget`` culprits first; when they give fewer explanations (many
        covered by one: probe 93, a dictionary's 80 entries in divisions the grammar refuses
        read as 9 errors, the rest unsaid) and the document goes on, it looks again, four
        times as far each time, up to ``CULPRITS_PER_ERROR`` culprits per explanation."""
        culprits = budget
        while True:
            elements, stopped = _invalid_elements(compiled, root, culprits, root_invalid)
            found = self._explain_these(root, compiled, budget, elements)
            if len(found) >= budget or not stopped:
                return found, False
            if culprits >= budget * CULPRITS_PER_ERROR:
                return found, True
            culprits = min(culprits * 4, budget * CULPRITS_PER_ERROR)

    def _explain_these(
        self,
        root: etree._Element,
        compiled: _Compiled,
        budget: int,
        elements: list[tuple[etree._Element, bool]],
    ) -> list[rng_messages.Finding]:
        g = self.grammar
        found: dict[tuple[int, str, str], rng_messages.Finding] = {}
        finding = rng_messages.root_finding(g, root)
        if finding is not None:
            found[(id(root), finding.code, finding.message)] = finding
            if not g.definitions(*split(root.tag)):
                return list(found.values())
        explained: set[int] = set()
        for element, culprit in elements:
            target: etree._Element | None = element
            while target is not None and not g.definitions(*split(target.tag)):
                target = target.getparent()
            if target is None or id(target) in explained:
                continue
            explained.add(id(target))
            if any(f.subject is target for f in found.values()):
                continue  # its parent told what is wrong with it where it stands (_check_in_place)
            findings = rng_messages.explain(g, target)
            if culprit:
                findings += _libxml2_findings(g, target, compiled, findings, self.exactly)
            findings += _other_bad_values(g, target, findings)
            for finding in findings:
                found.setdefault((id(finding.node), finding.code, finding.message), finding)
            if len(found) >= budget:
                break
        return list(found.values())


def _invalid_elements(
    compiled: _Compiled, root: etree._Element, budget: int, root_invalid: bool = False
) -> tuple[list[tuple[etree._Element, bool]], bool]:
    """The elements invalid on their own, in document order, each with whether it is a
    culprit: invalid though each of its children is valid on its own. Only culprits need
    libxml2's word; the others may still break the grammar by their own attributes or by
    the names and order of their children, which ``rng_messages.explain`` checks.
    ``root_invalid``: the root is known to be invalid on its own (not validated again).
    With whether the search stopped at ``budget`` culprits before the document's end."""
    found: list[tuple[etree._Element, bool]] = []
    culprits = 0
    stopped = False

    def visit(element: etree._Element, checked: bool = True) -> None:
        """``checked``: ``element`` is known to be invalid alone; a large one (``_large``)
        is searched unvalidated, and validated only when none of its children is bad (its
        own attributes and sequence then give few errors, which cost little)."""
        nonlocal culprits, stopped
        # lazily: a body of 50,000 bad paragraphs validated each before the first 100 were
        # explained (12 s, where the budget needs a hundred of them)
        bad = _suspects(compiled, element)
        first = next(bad, None)
        if first is None and not checked and compiled.valid_alone(element):
            return  # searched, and valid after all
        found.append((element, first is None))
        culprits += first is None
        for child, known in itertools.chain([first] if first is not None else [], bad):
            if culprits >= budget:
                stopped = True
                return
            visit(child, known)

    if root_invalid or not compiled.valid_alone(root):
        visit(root)
    return found, stopped


#: How far the search for explanations widens (``_explain``): culprits an explanation covers
#: (every entry of a division the grammar does not allow there) do not count towards
#: ``max_errors``, so the search goes on past them, up to this many culprits per explanation
#: wanted, and no further through a corpus of them.
CULPRITS_PER_ERROR = 20


def _suspects(
    compiled: _Compiled, element: etree._Element
) -> Iterator[tuple[etree._Element, bool]]:
    """The children that may be invalid alone, each with whether it was validated (a large
    one is not: it is searched)."""
    for child in element.iterchildren(etree.Element):
        if _large(child):
            yield child, False
        elif not compiled.valid_alone(child):
            yield child, True


#: Elements a subtree may hold before it is searched rather than validated alone.
LARGE_SUBTREE = 2000


def _large(element: etree._Element) -> bool:
    """Whether validating ``element`` alone may cost more than searching its children.

    lxml gives each libxml2 error the path of its element, found by counting the siblings
    before it and before each ancestor: 30,000 bad dates in a body took 9.5 s to validate,
    where grouped in 240 divisions they take a hundredth of it. A large subtree is searched
    child by child instead (each child's errors cost as much, but the search stops at the
    budget); one none of whose children is bad is validated then, and left out when valid."""
    return (
        next(itertools.islice(element.iter(etree.Element), LARGE_SUBTREE, None), None) is not None
    )


_INVALID_ATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_ATTRIBUTES_FAILED = re.compile(r"Element (\S+) failed to validate attributes")
_BAD_TYPE = re.compile(r"Type \S+ doesn't allow value '(.*)'$")
_ATTRIBUTE_CODES = ("rng.unexpected-attribute", "rng.bad-value", "rng.missing-attribute")


def _libxml2_findings(
    g: Grammar,
    target: etree._Element,
    compiled: _Compiled,
    findings: list[rng_messages.Finding],
    exactly: Callable[[etree._Element], _Compiled],
) -> list[rng_messages.Finding]:
    """What libxml2 adds: bad datatype values, or its own words when ours found nothing."""
    if any(f.code in _ATTRIBUTE_CODES and f.node is target for f in findings):
        return []
    errors = exactly(target).errors_alone(target) or compiled.errors_alone(target)
    local = split(target.tag)[1]
    for entry in errors:
        match = _INVALID_ATTR.match(entry.message)
        if match and match.group(2) == local:
            names = [k for k in target.attrib if split(k)[1] == match.group(1)]
            if names:
                return [rng_messages.bad_value(g, target, names[0])]
        match = _BAD_TYPE.match(entry.message)
        if match:
            names = [k for k, v in target.attrib.items() if v == match.group(1)]
            if names:
                return [rng_messages.bad_value(g, target, names[0])]
        # libxml2 names no attribute when a single (not a list) datatype refuses a value: a
        # catalogue's unfilled <graphic url=""/> was "element graphic failed to validate
        # attributes" (probe 23), and so was the DTA's hi rendition="#gg" (probe 25; jing
        # names "#gg"), where a ref's empty @target was explained
        match = _ATTRIBUTES_FAILED.match(entry.message)
        if match and match.group(1) == local:
            names = rng_messages.refused_attributes(g, target)
            if names:
                return [rng_messages.bad_value(g, target, names[0])]
    if findings or not errors:
        return []
    dangling = _dangling_idref(target, errors[0].message)
    if dangling is not None:
        return [dangling]
    return [
        rng_messages.Finding(target, "rng.invalid", rng_messages.rewrite_libxml2(errors[0].message))
    ]


def _other_bad_values(
    g: Grammar, target: etree._Element, findings: list[rng_messages.Finding]
) -> list[rng_messages.Finding]:
    """Every other attribute of ``target`` whose value no datatype of its name takes, as
    jing tells each: libxml2 stops at an element's first bad value, and an element whose
    child is wrong too is no culprit, whose values were not looked at (probe 142: <locus
    from="" to=""> was one error, and <msItem defective=""> around a bad locus none)."""
    told = {f.attribute for f in findings if f.node is target and f.attribute is not None}
    return [
        rng_messages.bad_value(g, target, name)
        for name in rng_messages.refused_attributes(g, target)
        if name not in told
    ]


_UNKNOWN_ID = re.compile(r"IDREFS? attribute (\S+) references an unknown ID")


def _dangling_idref(target: etree._Element, message: str) -> rng_messages.Finding | None:
    """An IDREF(S) pointing at no ID, said with the values that point nowhere: libxml2
    names the first value of an IDREFS ("t9"), dangling or not, as jing does not."""
    match = _UNKNOWN_ID.match(message)
    if match is None:
        return None
    names = [k for k in target.attrib if split(k)[1] == match.group(1)]
    if not names:
        return None
    ids = xml_ids(target, "id")
    missing = [v for v in (target.get(names[0]) or "").split() if v not in ids]
    if not missing:
        return None
    listed = ", ".join(f'"{v}"' for v in dict.fromkeys(missing))
    return rng_messages.Finding(
        target,
        "rng.bad-value",
        f'attribute "{match.group(1)}" of element {rng_messages.label(target)} refers to {listed}, '
        "which no ID of this document has: add the ID or fix the reference",
        attribute=names[0],
    )


def _fallback(root: etree._Element, compiled: _Compiled) -> rng_messages.Finding:
    errors = compiled.errors_alone(root)
    if not errors:
        return rng_messages.Finding(root, "rng.invalid", "the document is not valid")
    entry = errors[0]
    node = next((e for e in root.iter(etree.Element) if e.sourceline == entry.line), root)
    return rng_messages.Finding(node, "rng.invalid", rng_messages.rewrite_libxml2(entry.message))


_VALIDATORS: dict[tuple[str, int, int], RelaxNGValidator] = {}


def validator_for(schema: Path) -> RelaxNGValidator:
    """The validator of ``schema``, compiled once per process (and per version of the file)."""
    resolved = schema.resolve()
    try:
        stat = resolved.stat()
    except OSError as exc:
        raise EditionError(f"cannot read the schema {schema}: {exc.strerror}") from exc
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    validator = _VALIDATORS.get(key)
    if validator is None:
        validator = _VALIDATORS[key] = RelaxNGValidator(schema)
    return validator


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False

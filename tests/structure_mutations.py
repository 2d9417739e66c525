"""Word-preserving structural mutations of TEI, for the word fuzz (bench/wordfuzz.py).

Unlike tests/mutations.py, which damages files to look for crashes, every operator here keeps
each word of the text where it was: it wraps a run of inline content in a phrase-level element
(a name, a date, an emphasis, a correction with its copy, a lemma with a reading ...), wraps a
block in a division, a quotation, a floating text or a figure, or moves a block into a note,
a cell, an item, a head, a speech, a stanza, a letter's opener or closer, the front or the
back. The mutants stay namespace-correct TEI, mostly what the Guidelines allow; the words a
reader should meet are what tests/words.py reads from the mutant itself, so an operator may
change what is expected (a block moved into a note is compared with the notes) but never
makes a word vanish from the source. Deterministic from the ``random.Random`` given.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

Operator = Callable[[etree._Element, random.Random], str | None]

#: Elements whose text is running prose or verse: a run inside them may be wrapped.
CONTAINERS = frozenset(
    [
        "p",
        "l",
        "ab",
        "head",
        "item",
        "cell",
        "seg",
        "hi",
        "emph",
        "q",
        "quote",
        "said",
        "foreign",
        "title",
        "name",
        "persName",
        "placeName",
        "s",
        "salute",
        "signed",
        "dateline",
        "speaker",
        "stage",
        "label",
        "note",
        "lem",
        "corr",
        "expan",
        "reg",
        "add",
        "supplied",
        "unclear",
        "term",
        "soCalled",
        "mentioned",
        "trailer",
        "byline",
        "docAuthor",
        "closer",
        "opener",
    ]
)
#: Elements no run may be wrapped across (they are blocks, or hold elements alone).
NOT_INLINE = frozenset(
    [
        "p",
        "l",
        "lg",
        "ab",
        "div",
        "head",
        "list",
        "item",
        "table",
        "row",
        "cell",
        "sp",
        "figure",
        "floatingText",
        "quote",
        "note",
        "app",
        "choice",
        "subst",
        "listBibl",
        "castList",
        "opener",
        "closer",
    ]
)

#: Phrase-level wrappers: name, attributes (a function of the generator: some vary).
PHRASES: list[tuple[str, Callable[[random.Random], dict[str, str]]]] = [
    (
        "hi",
        lambda r: {
            "rend": r.choice(
                [
                    "italic",
                    "bold",
                    "sup",
                    "smallcaps",
                    "underline",
                    "spaced",
                    "sub",
                    "strikethrough",
                ]
            )
        },
    ),
    ("emph", lambda r: {}),
    ("foreign", lambda r: {XML_LANG: r.choice(["la", "fr", "de", "grc", "he", "ar"])}),
    ("term", lambda r: {}),
    ("name", lambda r: {"type": r.choice(["person", "place", "ship"])}),
    ("persName", lambda r: {"ref": "#p" + str(r.randrange(3))}),
    ("placeName", lambda r: {}),
    ("orgName", lambda r: {}),
    ("rs", lambda r: {"type": "person"}),
    ("date", lambda r: {"when": "1848-0" + str(r.randint(1, 9))}),
    ("num", lambda r: {"value": str(r.randint(1, 99))}),
    ("measure", lambda r: {"quantity": "2", "unit": "mile"}),
    ("q", lambda r: {}),
    ("quote", lambda r: {}),
    ("said", lambda r: {"aloud": "true"}),
    ("soCalled", lambda r: {}),
    ("mentioned", lambda r: {}),
    ("title", lambda r: {"level": r.choice(["m", "a", "j"])}),
    ("ref", lambda r: {"target": r.choice(["https://example.org/a", "#nowhere"])}),
    ("seg", lambda r: {"type": r.choice(["phrase", "clause"])}),
    ("add", lambda r: {"place": r.choice(["above", "margin", "inline"])}),
    ("corr", lambda r: {}),
    ("sic", lambda r: {}),
    ("orig", lambda r: {}),
    ("reg", lambda r: {}),
    ("abbr", lambda r: {}),
    ("expan", lambda r: {}),
    ("unclear", lambda r: {"reason": "faded"}),
    ("supplied", lambda r: {"reason": "omitted"}),
    ("damage", lambda r: {"agent": "water"}),
    ("gloss", lambda r: {}),
    ("distinct", lambda r: {}),
    ("s", lambda r: {}),
    ("phr", lambda r: {}),
    ("cl", lambda r: {}),
    ("secl", lambda r: {}),
    ("redo", lambda r: {}),
]
#: Pairs of a choice: the first is preferred by words.py (corr, reg, expan), the second shown
#: in brackets; both children hold the same words, so nothing is lost whichever is read.
CHOICES = [("sic", "corr"), ("orig", "reg"), ("abbr", "expan"), ("corr", "sic")]


def _put(
    parent: etree._Element, index: int, element: etree._Element, before: str, after: str
) -> None:
    """``element`` into the text slot ``index`` of ``parent`` (-1: its text; else the tail of
    its child ``index``), between the slot's words ``before`` and ``after``."""
    element.tail = after
    if index < 0:
        parent.text = before
        parent.insert(0, element)
    else:
        parent[index].tail = before
        parent.insert(index + 1, element)


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag[len(TEI) :] if isinstance(tag, str) and tag.startswith(TEI) else ""


def _tei(name: str, attributes: dict[str, str] | None = None) -> etree._Element:
    element = etree.Element(TEI + name)
    for key, value in (attributes or {}).items():
        element.set(key, value)
    return element


def _text_slots(body: etree._Element) -> list[tuple[etree._Element, int]]:
    """Places of text with two words or more: (parent, -1) for its text, (parent, i) for the
    tail of its child i."""
    slots = []
    for element in body.iter():
        if _local(element) not in CONTAINERS:
            continue
        if len((element.text or "").split()) >= 1:
            slots.append((element, -1))
        for index, child in enumerate(element):
            if isinstance(child.tag, str) and len((child.tail or "").split()) >= 1:
                slots.append((element, index))
    return slots


def _cut_run(text: str, rnd: random.Random, one_word: bool) -> tuple[str, str, str]:
    """``text`` cut at whitespace into before, run, after (the run has whole words)."""
    pieces = re.split(r"(\s+)", text)
    words = [i for i, piece in enumerate(pieces) if piece and not piece.isspace()]
    first = rnd.choice(words)
    last = first if one_word else rnd.choice([w for w in words if w >= first][:6])
    return "".join(pieces[:first]), "".join(pieces[first : last + 1]), "".join(pieces[last + 1 :])


def _wrapper(rnd: random.Random, run: list[etree._Element] | str) -> etree._Element:
    """A phrase element (or a choice, an app) holding ``run`` (text, or nodes moved in)."""
    kind = rnd.random()
    if kind < 0.15 and isinstance(run, str):  # copies of elements would duplicate ids, notes
        first, second = rnd.choice(CHOICES)
        outer = _tei("choice")
        one, two = _tei(first), _tei(second)
        _fill(one, run)
        _fill(two, run)
        outer.extend([one, two] if rnd.random() < 0.5 else [two, one])
        return outer
    if kind < 0.2:
        # a substitution: a deleted word replaced by the run (the reading view shows the add)
        outer = _tei("subst")
        deleted = etree.SubElement(outer, TEI + "del", {"rend": "strikethrough"})
        deleted.text = "deleted"
        added = etree.SubElement(outer, TEI + "add", {"place": "above"})
        _fill(added, run)
        return outer
    if kind < 0.25:
        outer = _tei("app")
        lemma = _tei("lem", {"wit": "#A"})
        _fill(lemma, run)
        reading = _tei("rdg", {"wit": "#B"})
        reading.text = "varia lectio"
        outer.extend([lemma, reading])
        return outer
    name, attributes = rnd.choice(PHRASES)
    outer = _tei(name, attributes(rnd))
    _fill(outer, run)
    return outer


def _fill(element: etree._Element, run: list[etree._Element] | str) -> None:
    if isinstance(run, str):
        element.text = run
        return
    element.extend(run)


def wrap_words(body: etree._Element, rnd: random.Random) -> str | None:
    """A run of words of one text node, in a phrase element."""
    slots = _text_slots(body)
    if not slots:
        return None
    parent, index = rnd.choice(slots)
    text = parent.text if index < 0 else parent[index].tail
    one_word = rnd.random() < 0.1
    before, run, after = _cut_run(text or "", rnd, one_word)
    wrapper = _tei("w") if one_word and rnd.random() < 0.5 else _wrapper(rnd, run)
    if _local(wrapper) == "w":
        wrapper.text = run
    _put(parent, index, wrapper, before, after)
    return f"words-in-{_describe(wrapper)}-in-{_local(parent)}"


def wrap_nodes(body: etree._Element, rnd: random.Random) -> str | None:
    """A run of sibling inline elements (with the text between them) in a phrase element."""
    parents = [
        e
        for e in body.iter()
        if _local(e) in CONTAINERS
        and any(isinstance(c.tag, str) and _local(c) not in NOT_INLINE for c in e)
    ]
    if not parents:
        return None
    parent = rnd.choice(parents)
    children = list(parent)
    inline = [i for i, c in enumerate(children) if isinstance(c.tag, str)]
    first = rnd.choice(inline)
    last = first
    while (
        last + 1 < len(children)
        and rnd.random() < 0.6
        and _local(children[last + 1]) not in NOT_INLINE
    ):
        last += 1
    run = children[first : last + 1]
    if any(_local(c) in NOT_INLINE for c in run):
        return None
    tail = run[-1].tail
    run[-1].tail = None
    wrapper = _wrapper(rnd, run)
    wrapper.tail = tail
    parent.insert(first, wrapper)
    return f"nodes-in-{_describe(wrapper)}-in-{_local(parent)}"


def _describe(element: etree._Element) -> str:
    name = _local(element)
    return f"{name}.{_local(element[0])}" if name in ("choice", "app") and len(element) else name


#: Blocks that can be moved or wrapped.
BLOCKS = frozenset(["p", "ab", "lg", "sp", "list", "table", "quote"])


def _blocks(body: etree._Element) -> list[etree._Element]:
    return [e for e in body.iter() if _local(e) in BLOCKS and e.getparent() is not None]


def wrap_block(body: etree._Element, rnd: random.Random) -> str | None:
    """A block in a div, a block quotation, a floating text or a figure."""
    blocks = [b for b in _blocks(body) if _local(b.getparent()) in ("div", "body", "quote")]
    if not blocks:
        return None
    block = rnd.choice(blocks)
    kind = rnd.choice(
        ["div", "quote", "floatingText", "figure", "cit", "epigraph", "argument", "said"]
    )
    parent = block.getparent()
    index = parent.index(block)
    tail = block.tail
    if kind == "floatingText":
        outer = _tei("floatingText", {"type": "letter"})
        inner = etree.SubElement(outer, TEI + "body")
        div = etree.SubElement(inner, TEI + "div")
        div.append(block)
    elif kind == "cit":
        outer = _tei("cit")
        quote = etree.SubElement(outer, TEI + "quote")
        quote.append(block)
    elif kind == "div":
        if _local(parent) not in ("div", "body") or any(
            _local(s) not in ("div", "head") for s in parent[index + 1 :] if isinstance(s.tag, str)
        ):
            # a div among blocks is only allowed after them: wrap the rest of them too
            outer = _tei("div", {"type": "section"})
            for sibling in list(parent[index:]):
                outer.append(sibling)
            parent.append(outer)
            outer.tail = None
            return "block-and-rest-in-div"
        outer = _tei("div", {"type": "section"})
        outer.append(block)
    else:
        outer = _tei(kind)
        outer.append(block)
    outer.tail = tail
    block.tail = None
    parent.insert(index, outer)
    return f"block-{_local(block)}-in-{kind}"


def _paragraphs(body: etree._Element) -> list[etree._Element]:
    return [e for e in body.iter(TEI + "p", TEI + "ab") if len("".join(e.itertext()).split()) > 0]


def _take(block: etree._Element) -> tuple[etree._Element, int]:
    """Remove ``block`` from its parent, keeping its tail there; its old place."""
    parent = block.getparent()
    index = parent.index(block)
    previous = block.getprevious()
    if block.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + block.tail
        else:
            parent.text = (parent.text or "") + block.tail
    block.tail = None
    parent.remove(block)
    return parent, index


def into_container(body: etree._Element, rnd: random.Random) -> str | None:
    """A paragraph moved into a cell, an item, a speech, a note, a head, a stanza's lines,
    a letter's opener and closer; in place."""
    paragraphs = _paragraphs(body)
    paragraphs = [p for p in paragraphs if _local(p.getparent()) in ("div", "body")]
    if not paragraphs:
        return None
    block = rnd.choice(paragraphs)
    kind = rnd.choice(["cell", "item", "sp", "note", "head", "lg", "opener", "closer", "label"])
    parent, index = _take(block)
    if kind == "cell":
        outer = _tei("table")
        row = etree.SubElement(outer, TEI + "row")
        cell = etree.SubElement(row, TEI + "cell")
        cell.append(block) if rnd.random() < 0.5 else _inline(cell, block)
    elif kind == "item":
        outer = _tei("list", {"rend": rnd.choice(["bulleted", "numbered"])})
        item = etree.SubElement(outer, TEI + "item")
        item.append(block) if rnd.random() < 0.5 else _inline(item, block)
    elif kind == "label":
        outer = _tei("list", {"type": "gloss"})
        label = etree.SubElement(outer, TEI + "label")
        _inline(label, block)
        item = etree.SubElement(outer, TEI + "item")
        item.text = "gloss"
    elif kind == "sp":
        outer = _tei("sp", {"who": "#a"})
        speaker = etree.SubElement(outer, TEI + "speaker")
        speaker.text = "A."
        outer.append(block)
    elif kind == "note":
        outer = _tei("p")
        outer.text = "Called "
        note = etree.SubElement(outer, TEI + "note", {"place": "foot"})
        note.tail = " here."
        note.append(block)
    elif kind == "head":
        if _local(parent) != "div" or any(
            _local(s) not in ("head", "") for s in parent[:index] if isinstance(s.tag, str)
        ):
            parent.insert(index, block)
            return None
        outer = _tei("head")
        _inline(outer, block)
    elif kind == "lg":
        outer = _tei("lg", {"type": "stanza"})
        line = etree.SubElement(outer, TEI + "l")
        _inline(line, block)
    else:
        outer = _tei(kind)
        inner = etree.SubElement(outer, TEI + rnd.choice(["salute", "signed", "dateline", "p"]))
        _inline(inner, block)
    parent.insert(index, outer)
    return f"p-into-{kind}"


def _inline(target: etree._Element, block: etree._Element) -> None:
    """The content of ``block`` (a paragraph), moved into ``target``."""
    target.text = block.text
    for child in list(block):
        target.append(child)


def into_front_back(body: etree._Element, rnd: random.Random) -> str | None:
    """A division of the body moved to a new front or back (the text's matter around it)."""
    text = body.getparent()
    divisions = [d for d in body if _local(d) == "div"]
    if text is None or _local(text) != "text" or len(divisions) < 2:
        return None
    division = rnd.choice(divisions)
    where = rnd.choice(["front", "back"])
    if text.find(TEI + where) is not None:
        return None
    _take(division)
    matter = _tei(where)
    matter.append(division)
    if where == "front":
        text.insert(0, matter)
    else:
        text.append(matter)
    return f"div-into-{where}"


def into_paragraph(body: etree._Element, rnd: random.Random) -> str | None:
    """A paragraph moved into the middle of another, between two of its words: as a quoted
    paragraph, a list's item, a stanza's line, a table's cell or a floating text."""
    paragraphs = [p for p in _paragraphs(body) if _local(p.getparent()) in ("div", "body")]
    if len(paragraphs) < 2:
        return None
    block, host = rnd.sample(paragraphs, 2)
    if block in host.iterancestors():
        return None
    slots = [(host, -1)] if (host.text or "").split() else []
    slots += [(host, i) for i, c in enumerate(host) if (c.tail or "").split()]
    if not slots:
        return None
    _take(block)
    kind = rnd.choice(["quote", "list", "lg", "table", "floatingText", "note"])
    if kind == "quote":
        outer = _tei("quote")
        outer.append(block)
    elif kind == "list":
        outer = _tei("list")
        _inline(etree.SubElement(outer, TEI + "item"), block)
    elif kind == "lg":
        outer = _tei("quote")
        lg = etree.SubElement(outer, TEI + "lg")
        _inline(etree.SubElement(lg, TEI + "l"), block)
    elif kind == "table":
        outer = _tei("table")
        row = etree.SubElement(outer, TEI + "row")
        _inline(etree.SubElement(row, TEI + "cell"), block)
    elif kind == "note":
        outer = _tei("note", {"place": "margin"})
        outer.append(block)
    else:
        outer = _tei("floatingText")
        inner = etree.SubElement(outer, TEI + "body")
        inner.append(block)
    parent, index = rnd.choice(slots)
    text = (parent.text if index < 0 else parent[index].tail) or ""
    pieces = re.split(r"(\s+)", text)
    spaces = [i for i, piece in enumerate(pieces) if piece.isspace()] or [len(pieces)]
    cut = rnd.choice(spaces)
    before, after = "".join(pieces[:cut]), "".join(pieces[cut:])
    _put(parent, index, outer, before, after)
    return f"p-into-p-as-{kind}"


def words_into_note(body: etree._Element, rnd: random.Random) -> str | None:
    """A run of words made a note where they stand (its words are compared with the notes)."""
    slots = _text_slots(body)
    if not slots:
        return None
    parent, index = rnd.choice(slots)
    text = parent.text if index < 0 else parent[index].tail
    before, run, after = _cut_run(text or "", rnd, False)
    note = _tei("note", {"place": rnd.choice(["foot", "end", "margin", "inline"])})
    inner = _wrapper(rnd, run) if rnd.random() < 0.5 else None
    if inner is None:
        note.text = run
    else:
        note.append(inner)
    _put(parent, index, note, before, after)
    return f"words-into-note-in-{_local(parent)}"


def split_word(body: etree._Element, rnd: random.Random) -> str | None:
    """A word broken across a line, page or column (break="no"), its second half perhaps in
    a phrase element: "hyph<lb break="no"/><hi>enated</hi>" is still one word."""
    slots = _text_slots(body)
    if not slots:
        return None
    parent, index = rnd.choice(slots)
    text = (parent.text if index < 0 else parent[index].tail) or ""
    long_words = [m for m in re.finditer(r"\w{4,}", text)]
    if not long_words:
        return None
    word = rnd.choice(long_words)
    cut = word.start() + rnd.randint(2, len(word.group()) - 2)
    milestone = _tei(rnd.choice(["lb", "lb", "pb", "cb"]), {"break": "no"})
    if _local(milestone) == "pb":
        milestone.set("n", "7")
    rest = text[cut:]
    wrapped = rnd.random() < 0.5
    if wrapped:
        end = word.end() - cut
        name, attributes = rnd.choice(PHRASES[:4] + PHRASES[20:32])
        phrase = _tei(name, attributes(rnd))
        phrase.text = rest[:end]
        phrase.tail = rest[end:]
        milestone.tail = None
        new = [milestone, phrase]
    else:
        milestone.tail = rest
        new = [milestone]
    if index < 0:
        parent.text = text[:cut]
        position = 0
    else:
        parent[index].tail = text[:cut]
        position = index + 1
    for offset, node in enumerate(new):
        parent.insert(position + offset, node)
    return f"word-split-by-{_local(milestone)}" + (f"-into-{_local(new[1])}" if wrapped else "")


def head_into(body: etree._Element, rnd: random.Random) -> str | None:
    """A paragraph's words made the head of a stanza, a list, a table or a figure beside it."""
    hosts = [e for e in body.iter(TEI + "lg", TEI + "list", TEI + "table", TEI + "figure")]
    paragraphs = [p for p in _paragraphs(body) if _local(p.getparent()) in ("div", "body")]
    if not hosts or not paragraphs:
        return None
    host, block = rnd.choice(hosts), rnd.choice(paragraphs)
    if block in host.iterancestors() or host in block.iterdescendants():
        return None
    _take(block)
    head = _tei("head")
    _inline(head, block)
    host.insert(0, head)
    return f"p-into-head-of-{_local(host)}"


def blocks_in_app(body: etree._Element, rnd: random.Random) -> str | None:
    """A paragraph or stanza as the lemma of an apparatus entry between blocks, with a
    reading of its own."""
    blocks = [b for b in _blocks(body) if _local(b) in ("p", "lg", "ab")]
    blocks = [b for b in blocks if _local(b.getparent()) in ("div", "body")]
    if not blocks:
        return None
    block = rnd.choice(blocks)
    parent = block.getparent()
    index = parent.index(block)
    app = _tei("app")
    lemma = etree.SubElement(app, TEI + "lem", {"wit": "#A"})
    app.tail, block.tail = block.tail, None
    lemma.append(block)
    reading = etree.SubElement(app, TEI + "rdg", {"wit": "#B"})
    other = etree.SubElement(reading, TEI + "p")
    other.text = "A reading of another witness."
    parent.insert(index, app)
    return f"{_local(block)}-as-lemma"


def into_front_matter(body: etree._Element, rnd: random.Random) -> str | None:
    """A paragraph moved to a new front: as the title page's title, a byline, an epigraph,
    an argument, a dedication (a division) or a preface; or to a new back, as a trailer of a
    division there."""
    text = body.getparent()
    paragraphs = [p for p in _paragraphs(body) if _local(p.getparent()) in ("div", "body")]
    if text is None or _local(text) != "text" or len(paragraphs) < 2:
        return None
    where = "front" if text.find(TEI + "front") is None else "back"
    if text.find(TEI + where) is not None:
        return None
    block = rnd.choice(paragraphs)
    _take(block)
    matter = _tei(where)
    kind = rnd.choice(["titlePart", "byline", "epigraph", "argument", "dedication", "trailer"])
    if kind in ("titlePart", "byline"):
        page = etree.SubElement(matter, TEI + "titlePage")
        holder = etree.SubElement(page, TEI + "docTitle") if kind == "titlePart" else page
        _inline(etree.SubElement(holder, TEI + kind), block)
    elif kind in ("epigraph", "argument"):
        div = etree.SubElement(matter, TEI + "div")
        etree.SubElement(div, TEI + kind).append(block)
    elif kind == "dedication":
        etree.SubElement(matter, TEI + "div", {"type": "dedication"}).append(block)
    else:
        div = etree.SubElement(matter, TEI + "div")
        paragraph = etree.SubElement(div, TEI + "p")
        paragraph.text = "Matter"
        _inline(etree.SubElement(div, TEI + "trailer"), block)
    if where == "front":
        text.insert(0, matter)
    else:
        text.append(matter)
    return f"p-into-{where}-{kind}"


#: The operators, weighted by repetition: runs of words are the most varied.
OPERATORS: list[Operator] = [
    *[wrap_words] * 3,
    *[wrap_nodes] * 2,
    wrap_block,
    *[into_container] * 2,
    into_front_back,
    *[into_paragraph] * 2,
    words_into_note,
    *[split_word] * 2,
    head_into,
    blocks_in_app,
    into_front_matter,
]


def mutate_structure(text: etree._Element, rnd: random.Random, rounds: int) -> list[str]:
    """Apply ``rounds`` operators to the body of ``text`` (a TEI text element); their names."""
    body = text.find(TEI + "body")
    if body is None:
        return []
    names = []
    for _ in range(rounds * 3):
        if len(names) >= rounds:
            break
        name = rnd.choice(OPERATORS)(body, rnd)
        if name:
            names.append(name)
    return names

"""Preparing a RELAX NG schema: the first stage of ``relaxng``.

schema file -> hardened parse; includes and externalRefs flattened (local files only);
annotations stripped; names, namespaces and datatype libraries made explicit; nested
grammars and divs flattened -> one grammar with one define per element pattern, which
``rng_prune`` prunes and ``rng_cache`` keeps on disk.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from ..gate import DEFAULT_MAX_BYTES
from .rng_names import RNG_NS, XML_NS

_R = f"{{{RNG_NS}}}"


def schema_parser() -> etree.XMLParser:
    # Internal entities are expanded (dropping them would change the schema); external ones,
    # DTDs and the network are never read.
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )


#: Patterns whose children form a group: a define's patterns can be spliced into them.
GROUPING = {"element", "define", "group", "oneOrMore", "zeroOrMore", "optional", "mixed", "list"}


# --- preparing a schema: flatten, strip, make names explicit -----------------------------


#: The largest schema file read (tei_all.rng is 1.1 MB): a file named by a document's
#: <?xml-model?> may be any file of the machine (probe 121: a 1 GB one took 2.1 GB).
SCHEMA_MAX_BYTES = DEFAULT_MAX_BYTES


def read_schema(path: Path) -> bytes:
    """The bytes of a schema file, when it is a regular file (not a device or a pipe: a link
    to /dev/zero was read without end) no larger than ``SCHEMA_MAX_BYTES``."""
    try:
        status = path.stat()
    except OSError as exc:
        raise EditionError(f"cannot read the schema {path}: {exc.strerror}") from exc
    if not stat.S_ISREG(status.st_mode):
        raise EditionError(f"the schema {path} is not a regular file")
    if status.st_size > SCHEMA_MAX_BYTES:
        raise EditionError(
            f"the schema {path} is larger than {SCHEMA_MAX_BYTES // (1024 * 1024)} MB: "
            "it is not read"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(SCHEMA_MAX_BYTES + 1)
    except OSError as exc:
        raise EditionError(f"cannot read the schema {path}: {exc.strerror}") from exc
    if len(data) > SCHEMA_MAX_BYTES:  # grown since it was looked at
        raise EditionError(f"the schema {path} is larger than it was: it is not read")
    return data


def _parse_schema(path: Path, deps: dict[Path, str]) -> etree._Element:
    try:
        data = read_schema(path)
        deps[path] = hashlib.sha256(data).hexdigest()
        return etree.fromstring(data, schema_parser(), base_url=str(path))
    except OSError as exc:
        raise EditionError(f"cannot read the schema {path}: {exc.strerror}") from exc
    except etree.XMLSyntaxError as exc:
        if path.suffix == ".rnc":
            # ParlaMint ships each schema as .rnc beside .rng; "Start tag expected" did not
            # say that the compact syntax is what was given
            raise EditionError(
                f"the schema {path} is RELAX NG compact syntax, which is not read: give the "
                f"XML syntax (.rng) beside it, or convert it (trang {path.name} "
                f"{path.with_suffix('.rng').name})"
            ) from exc
        raise EditionError(f"the schema {path} is not well-formed XML: {exc}") from exc


def _load(
    path: Path, inherited_ns: str | None, stack: tuple[Path, ...], deps: dict[Path, str]
) -> etree._Element:
    """One schema file with its includes and externalRefs replaced by their content."""
    if path in stack:
        raise EditionError(f"the schema {path} includes itself")
    root = _parse_schema(path, deps)
    if not isinstance(root.tag, str) or not root.tag.startswith(_R):
        raise EditionError(f"{path} is not a RELAX NG schema in XML syntax")
    _strip_foreign(root)
    for component in root.iter(_R + "define", _R + "start"):
        component.set(_SOURCE, str(path))
    if inherited_ns is not None and root.get("ns") is None:
        root.set("ns", inherited_ns)
    _make_names_explicit(root)
    for node in list(root.iter(_R + "include", _R + "externalRef")):
        target = _local_href(node, path)
        loaded = _load(target, node.get("ns"), (*stack, path), deps)
        if node.tag == _R + "externalRef":
            _replace(node, loaded)
        else:
            _merge_include(node, loaded, target)
    return root


#: Where a define or start was written, kept while the schema is prepared (for messages).
_SOURCE = "{urn:x-edition:rng}source"


def _check_combine(grammar: etree._Element) -> None:
    """RELAX NG 4.17: of the defines of one name (and of the starts) in a grammar, at most
    one may lack ``combine``. libxml2 said only "Some defines for paras needs the combine
    attribute", in every file checked (a ParlaMint schema whose include defines ``paras``
    too); this names both places and is raised before any file is read."""
    places: dict[str, list[str]] = {}
    for component in grammar:
        if component.tag not in (_R + "define", _R + "start") or component.get("combine"):
            continue
        name = component.get("name") if component.tag == _R + "define" else None
        where = f"{component.get(_SOURCE)}:{component.sourceline}"
        places.setdefault(f'"{name}" is defined' if name else "the start is given", []).append(
            where
        )
    for what, found in places.items():
        if len(found) > 1:
            raise EditionError(
                f"{what} {len(found)} times without a combine attribute ({', '.join(found)}): "
                'give all but one combine="choice" or combine="interleave", or override it in '
                "the include"
            )


def _local_href(node: etree._Element, base: Path) -> Path:
    href = (node.get("href") or "").strip()
    if not href or "://" in href or href.startswith(("//", "file:")):
        raise EditionError(f"{base}: only local files can be included (href={href!r}); never a URL")
    target = (base.parent / href).resolve()
    if not target.is_file():
        raise EditionError(f"{base}: the included schema {href} does not exist")
    return target


def _strip_foreign(root: etree._Element) -> None:
    """Drop annotations: elements and attributes of other namespaces, comments, PIs."""
    for node in list(root.iter()):
        if not isinstance(node.tag, str) or not node.tag.startswith(_R):
            parent = node.getparent()
            if parent is not None:
                _remove(node)
            continue
        for name in list(node.attrib):
            if name.startswith("{"):
                del node.attrib[name]
        if len(node) and node.tag not in (_R + "value", _R + "param", _R + "name"):
            node.text = None
            for child in node:
                child.tail = None


def _remove(node: etree._Element) -> None:
    parent = node.getparent()
    assert parent is not None
    parent.remove(node)


def _make_names_explicit(root: etree._Element) -> None:
    """Give every name, namespace and datatype library its value where it is used, so that
    patterns can be moved to other parents without changing their meaning."""
    for node in root.iter(_R + "*"):
        kind = etree.QName(node).localname
        if kind in ("element", "attribute") and node.get("name") is not None:
            _resolve_qname(node, inherited=kind == "element")
        elif kind in ("name", "nsName", "value", "include", "externalRef"):
            if node.get("ns") is None:
                node.set("ns", _inherited(node, "ns"))
            if kind == "name" and ":" in (node.text or ""):
                prefix, local = (node.text or "").strip().split(":", 1)
                node.set("ns", _prefix_uri(node, prefix))
                node.text = local
        if kind in ("data", "value") and node.get("datatypeLibrary") is None:
            node.set("datatypeLibrary", _inherited(node, "datatypeLibrary"))


#: The XML Schema datatypes library (RELAX NG's ``datatypeLibrary`` for ``xsd:`` types).
XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"

#: XML Schema types whose values keep their white space (``string``) or have it replaced,
#: not collapsed (``normalizedString``): their patterns see the value as written.
_UNCOLLAPSED = {"string", "normalizedString"}


def _patterns_after_collapse(root: etree._Element) -> None:
    """Let a ``pattern`` facet of a white-space-collapsing type ignore the white space
    around the value. XML Schema matches the pattern against the collapsed value, as jing
    does, but libxml2 matches it against the value as written when the type is not derived
    from ``token`` (``anyURI``, numbers, dates): ParlaMint's ``idno`` (``anyURI`` with the
    pattern ``https?://.+``) was invalid when its address stood on a line of its own.
    The group keeps a top-level ``|`` of the pattern inside."""
    for param in root.iter(_R + "param"):
        data = param.getparent()
        if (
            param.get("name", "").strip() != "pattern"
            or data is None
            or data.tag != _R + "data"
            or data.get("datatypeLibrary") != XSD_DATATYPES
            or (data.get("type") or "").strip() in _UNCOLLAPSED
        ):
            continue
        param.text = rf"\s*({param.text or ''})\s*"


def _resolve_qname(node: etree._Element, *, inherited: bool) -> None:
    name = (node.get("name") or "").strip()
    if ":" in name:
        prefix, local = name.split(":", 1)
        node.set("ns", _prefix_uri(node, prefix))
        node.set("name", local)
    elif node.get("ns") is None:
        node.set("ns", _inherited(node, "ns") if inherited else "")
    else:
        node.set("name", name)


def _inherited(node: etree._Element, attribute: str) -> str:
    current: etree._Element | None = node
    while current is not None:
        value = current.get(attribute)
        if value is not None:
            return str(value)
        current = current.getparent()
    return ""


def _prefix_uri(node: etree._Element, prefix: str) -> str:
    uri = XML_NS if prefix == "xml" else node.nsmap.get(prefix)
    if uri is None:
        raise EditionError(f"the schema uses the undeclared prefix {prefix!r}")
    return str(uri)


def _replace(old: etree._Element, new: etree._Element) -> None:
    parent = old.getparent()
    if parent is None:
        raise EditionError("a schema cannot consist of an externalRef alone")
    parent.replace(old, new)


def _merge_include(node: etree._Element, grammar: etree._Element, target: Path) -> None:
    """RELAX NG 4.7: the included grammar's components, minus those the include overrides."""
    if grammar.tag != _R + "grammar":
        raise EditionError(f"the included schema {target} is not a grammar")
    overrides = {d.get("name") for d in node.iter(_R + "define")}
    overrides_start = any(True for _ in node.iter(_R + "start"))
    for component in list(grammar.iter(_R + "define", _R + "start")):
        if _in_nested_grammar(component, grammar):
            continue
        overridden = (
            overrides_start if component.tag == _R + "start" else component.get("name") in overrides
        )
        if overridden:
            _remove(component)
    div = etree.Element(_R + "div")
    div.extend(list(grammar))
    div.extend(list(node))
    _replace(node, div)


def _in_nested_grammar(node: etree._Element, grammar: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not grammar:
        if parent.tag == _R + "grammar":
            return True
        parent = parent.getparent()
    return False


def _flatten_divs(grammar: etree._Element) -> None:
    for div in reversed(list(grammar.iter(_R + "div"))):
        parent = div.getparent()
        assert parent is not None
        index = parent.index(div)
        parent[index : index + 1] = list(div)


def _flatten_groups(root: etree._Element) -> None:
    """Splice groups into the patterns that group their children anyway: the same meaning,
    and libxml2 rejects valid text when a group of attributes follows mixed content."""
    for group in reversed(list(root.iter(_R + "group"))):
        parent = group.getparent()
        if parent is not None and etree.QName(parent).localname in GROUPING:
            index = parent.index(group)
            parent[index : index + 1] = list(group)


def _scope(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != _R + "grammar":
        parent = parent.getparent()
    return parent


def _flatten_grammars(root: etree._Element, schema: Path) -> None:
    """RELAX NG 4.18: the defines of nested grammars (an externalRef to a grammar) renamed
    apart and moved to the top grammar; each nested grammar replaced by its start."""
    nested = [g for g in root.iter(_R + "grammar") if g is not root]
    renames: dict[int, dict[str, str]] = {id(root): {}}
    for number, grammar in enumerate(nested, 1):
        renames[id(grammar)] = {
            d.get("name") or "": f"{d.get('name')}.grammar{number}"
            for d in grammar.iter(_R + "define")
            if _scope(d) is grammar
        }
    for ref in list(root.iter(_R + "ref", _R + "parentRef")):
        target = _scope(ref)
        if ref.tag == _R + "parentRef":
            target = _scope(target) if target is not None else None
            if target is None:
                raise EditionError(f"{schema}: parentRef outside a nested grammar")
            ref.tag = _R + "ref"
        assert target is not None
        name = ref.get("name") or ""
        ref.set("name", renames[id(target)].get(name, name))
    for grammar in reversed(nested):
        for define in [c for c in grammar if c.tag == _R + "define"]:
            define.set("name", renames[id(grammar)][define.get("name") or ""])
            root.append(define)
        starts = [c for c in grammar if c.tag == _R + "start"]
        if len(starts) != 1 or len(starts[0]) != 1:
            raise EditionError(f"{schema}: a nested grammar needs exactly one start pattern")
        _replace(grammar, starts[0][0])


def _extract_elements(grammar: etree._Element) -> None:
    """Put every element pattern alone into a define of its own (RELAX NG 4.19)."""
    counter = 0
    for element in list(grammar.iter(_R + "element")):
        parent = element.getparent()
        assert parent is not None
        if (
            parent.tag == _R + "define"
            and parent.getparent() is grammar
            and parent.get("combine") is None
            and len(parent) == 1
        ):
            continue
        counter += 1
        name = f"edition.element.{counter}"
        define = etree.SubElement(grammar, _R + "define", name=name)
        parent.replace(element, etree.Element(_R + "ref", name=name))
        define.append(element)


def prepare(schema: Path, deps: dict[Path, str]) -> etree._Element:
    """The schema as one grammar with explicit names and one define per element pattern."""
    root = _load(schema.resolve(), None, (), deps)
    if root.tag != _R + "grammar":
        grammar = etree.Element(_R + "grammar")
        etree.SubElement(grammar, _R + "start").append(root)
        root = grammar
    _flatten_divs(root)
    _patterns_after_collapse(root)
    _flatten_grammars(root, schema)
    _check_combine(root)
    for component in root.iter(_R + "define", _R + "start"):
        component.attrib.pop(_SOURCE, None)
    _flatten_groups(root)
    defined = {d.get("name") for d in root.iter(_R + "define")}
    for ref in root.iter(_R + "ref"):
        if ref.get("name") not in defined:
            raise EditionError(f"{schema}: reference to the undefined pattern {ref.get('name')!r}")
    if not any(True for _ in root.iterchildren(_R + "start")):
        raise EditionError(f"{schema}: the grammar has no start pattern")
    _extract_elements(root)
    return root

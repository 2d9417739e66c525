"""Completion items for a cursor context (``scan.Context``).

- after ``<``: the elements the grammar allows there (``grammar.Model.elements``);
- after ``</``: the element to close;
- in a start tag: the attributes of its element not written yet, required ones first;
- in a value: ``#id`` of the register entries for ``@ref``, ``@who`` and ``@corresp`` (and
  any pointer being written with ``#``), the entry's name as detail and its note as
  documentation, only entries of the kind the element names (``persName`` -> ``person``);
  and the closed list of values the grammar allows for the attribute.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp

from ..validate.references import EXPECTED_KIND
from . import scan
from .grammar import Model
from .project import Entry, Project

#: Attributes whose values complete with register ids even before ``#`` is typed.
POINTERS = ("ref", "who", "corresp")
WHO_KINDS = ("person", "personGrp")


def complete(
    context: scan.Context, project: Project, model: Model | None, path: Path
) -> list[lsp.CompletionItem]:
    if context.kind == "element":
        return _elements(context, model) if model is not None else []
    if context.kind == "end":
        return _closing(context)
    if context.kind == "attribute":
        return _attributes(context, model) if model is not None else []
    if context.kind == "value":
        return _values(context, project, model)
    return []


def qname(ns: str, local: str, namespaces: dict[str, str]) -> str | None:
    """The name as written where ``namespaces`` are in scope; None when it cannot be."""
    if ns == scan.XML_NS:
        return f"xml:{local}"
    if ns == namespaces.get("", ""):
        return local
    for prefix, uri in sorted(namespaces.items()):
        if uri == ns and prefix:
            return f"{prefix}:{local}"
    return None


def _elements(context: scan.Context, model: Model) -> list[lsp.CompletionItem]:
    parent = context.parent
    if parent is None:
        names = model.elements(None, [])
        namespaces = {"xml": scan.XML_NS}
    else:
        names = model.elements((parent.ns, parent.local), parent.children)
        namespaces = parent.namespaces
    items = []
    for order, (ns, local) in enumerate(names):
        written = qname(ns, local, namespaces)
        insert = written or f'{local} xmlns="{ns}"'
        items.append(
            lsp.CompletionItem(
                label=written or local,
                kind=lsp.CompletionItemKind.Class,
                detail=f"element ({ns})" if ns else "element",
                insert_text=insert,
                sort_text=f"{order:04d}",
            )
        )
    return items


def _closing(context: scan.Context) -> list[lsp.CompletionItem]:
    parent = context.parent
    if parent is None:
        return []
    return [
        lsp.CompletionItem(
            label=parent.qname,
            kind=lsp.CompletionItemKind.Class,
            detail="close the element",
            insert_text=f"{parent.qname}>",
        )
    ]


def _attributes(context: scan.Context, model: Model) -> list[lsp.CompletionItem]:
    element = scan.clark(context.tag, context.namespaces)
    items = []
    for order, info in enumerate(model.attributes(element)):
        written = qname(info.ns, info.local, {**context.namespaces, "": ""})
        if written is None or written in context.present:
            continue
        detail = "required attribute" if info.required else "attribute"
        if info.values:
            detail += ": " + " | ".join(info.values[:8]) + (" | …" if len(info.values) > 8 else "")
        items.append(
            lsp.CompletionItem(
                label=written,
                kind=lsp.CompletionItemKind.Property,
                detail=detail,
                insert_text=f'{written}=""',
                sort_text=f"{order:04d}",
            )
        )
    return items


def _values(
    context: scan.Context, project: Project, model: Model | None
) -> list[lsp.CompletionItem]:
    element = scan.clark(context.tag, context.namespaces)
    attribute = scan.clark(context.attribute, context.namespaces, attribute=True)
    items: list[lsp.CompletionItem] = []
    pointer = attribute == ("", context.attribute) and context.attribute in POINTERS
    if pointer or context.prefix.startswith("#"):
        kinds = kinds_for(element[1], context.attribute)
        entries = [e for e in project.entries().values() if kinds is None or e.kind in kinds]
        items.extend(_entry_item(e) for e in sorted(entries, key=lambda e: e.id))
    if model is not None:
        for order, value in enumerate(model.values(element, attribute)):
            items.append(
                lsp.CompletionItem(
                    label=value,
                    kind=lsp.CompletionItemKind.EnumMember,
                    detail=f"a value of @{context.attribute}",
                    sort_text=f"{order:04d}",
                )
            )
    return items


def _entry_item(entry: Entry) -> lsp.CompletionItem:
    documentation = entry.note or ""
    return lsp.CompletionItem(
        label=f"#{entry.id}",
        kind=lsp.CompletionItemKind.Reference,
        detail=f"{entry.label} ({entry.kind})" if entry.label else entry.kind,
        documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=documentation)
        if documentation
        else None,
        filter_text=f"#{entry.id}",
    )


def kinds_for(element: str, attribute: str) -> tuple[str, ...] | None:
    """The kinds of entry a pointer may name; None: any."""
    if attribute == "ref" and element in EXPECTED_KIND:
        return EXPECTED_KIND[element]
    if attribute == "who":
        return WHO_KINDS
    return None

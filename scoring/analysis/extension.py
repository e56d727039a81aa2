"""An organisation's phrasebook extension: its own rules and words on top of a language's book.

An extension is a YAML file in the phrasebook format with only ``language``, ``lists`` and
``rules`` (see the header of ``phrasebooks/en.yaml``). Its lists add entries to the book's
lists of the same name (or add new lists); its rules join the book's rules and are compiled
into the same lookup table, so they cost nothing at analysis time. Rule ids must not repeat
the book's. The text is passed in: reading the file is the caller's business.
"""

from __future__ import annotations

from scoring.analysis.phrasebook import Phrasebook, compile_rule, read_lists
from scoring.analysis.phrasebook_fields import NodeReader, parse_phrasebook_yaml
from scoring.yaml_tree import YNode

_KEYS = ("language", "lists", "rules")


def extend_phrasebook(book: Phrasebook, text: str, path: str) -> None:
    """Add the extension in ``text`` to ``book`` (compiled fresh for it); PhrasebookError
    with file:line:column on any problem."""
    r = NodeReader(path)
    top = r.mapping(parse_phrasebook_yaml(text, path), "the phrasebook extension", _KEYS)
    if "language" not in top:
        raise r.fail(None, f"the extension needs 'language: {book.lang}'")
    lang_node = top["language"][1]
    if r.text(lang_node, "language") != book.lang:
        raise r.fail(lang_node, f"this extension is for '{book.lang}' phrasebooks only")
    if "lists" in top:
        read_lists(r, book, top["lists"][1])
    known = {rule.id for rule in book.rules}
    seen: dict[str, YNode] = {}
    added = []
    rules_node = top.get("rules")
    for node in r.sequence(rules_node[1], "rules") if rules_node else []:
        id_node = node.value.get("id") if node.is_map() else None
        if id_node is not None and str(id_node.value) in known:
            raise r.fail(
                id_node,
                f"rule id '{id_node.value}' is already in the {book.lang} phrasebook",
                "give the organisation's rules their own ids, e.g. org.eta.courier",
            )
        added.append(compile_rule(r, book, node, seen))
    book.rules = (*book.rules, *added)

r"""Babel extraction method: the messages of ``relgraph/messages`` and ``relgraph/io/schema.py``.

relgraph keeps its English texts as data (``TEMPLATES``, ``TERMS``, the column docs of the
input schemas), not as ``gettext()`` calls, so Babel's Python extractor would find nothing.
This method reads those literals with :mod:`ast` (nothing is imported or run) and yields
each as a ``pgettext(context, English)`` call:

======================================  ==========================================
source                                  context (``msgctxt``)
======================================  ==========================================
``TEMPLATES[key]``                      ``key``
``TERMS[vocabulary][value]``            ``vocabulary:value``
``TableSchema("people", ..., doc=…)``   ``table_doc:people``
``Column("name", ..., doc=…)``          ``column_doc:people.name``
======================================  ==========================================

``babel.cfg`` maps both files to ``relgraph.locale.extract.extract``; ``make catalog`` runs
``pybabel extract -F babel.cfg``.

Examples
--------
>>> import io
>>> src = b'TEMPLATES = {"hi": "hello {who}"}\nTERMS = {"role": {"user": "user"}}\n'
>>> list(extract(io.BytesIO(src), ["pgettext"], [], {}))
[(1, 'pgettext', ('hi', 'hello {who}'), []), (2, 'pgettext', ('role:user', 'user'), [])]
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

__all__ = ["Message", "extract", "messages_from_source"]

#: ``(line, context, English text)`` of one message.
Message = tuple[int, str, str]


def _text(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _dict_items(node: ast.Dict) -> Iterator[tuple[str, ast.expr]]:
    for key, value in zip(node.keys, node.values, strict=True):
        k = _text(key)
        if k is not None:
            yield k, value


def _assigned(tree: ast.Module, name: str) -> ast.Dict | None:
    for node in tree.body:
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        if isinstance(target, ast.Name) and target.id == name and isinstance(value, ast.Dict):
            return value
    return None


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id
    return None


def _doc(call: ast.Call) -> str | None:
    return next((_text(k.value) for k in call.keywords if k.arg == "doc"), None)


def _schema_messages(tree: ast.Module) -> Iterator[Message]:
    for node in ast.walk(tree):
        if _call_name(node) != "TableSchema" or not isinstance(node, ast.Call) or not node.args:
            continue
        table = _text(node.args[0])
        if table is None:
            continue
        doc = _doc(node)
        if doc:
            yield node.lineno, f"table_doc:{table}", doc
        for col in ast.walk(node):
            if _call_name(col) == "Column" and isinstance(col, ast.Call) and col.args:
                name, cdoc = _text(col.args[0]), _doc(col)
                if name is not None and cdoc:
                    yield col.lineno, f"column_doc:{table}.{name}", cdoc


def messages_from_source(source: str | bytes) -> list[Message]:
    """Return every message of a source file: templates, display words and schema docs.

    Parameters
    ----------
    source : str or bytes
        The text of a ``relgraph/messages`` module or of ``relgraph/io/schema.py``.

    Returns
    -------
    list of (line, context, English text)

    Examples
    --------
    >>> messages_from_source('TableSchema("orgs", (Column("id", doc="org id"),), doc="Orgs.")')
    [(1, 'table_doc:orgs', 'Orgs.'), (1, 'column_doc:orgs.id', 'org id')]
    """
    tree = ast.parse(source)
    out: list[Message] = []
    templates = _assigned(tree, "TEMPLATES")
    if templates is not None:
        out += [(v.lineno, k, t) for k, v in _dict_items(templates) if (t := _text(v)) is not None]
    terms = _assigned(tree, "TERMS")
    if terms is not None:
        for vocab, table in _dict_items(terms):
            if isinstance(table, ast.Dict):
                for value, word in _dict_items(table):
                    text = _text(word)
                    if text is not None:
                        out.append((word.lineno, f"{vocab}:{value}", text))
    out += _schema_messages(tree)
    return out


def extract(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method (``[relgraph.locale.extract.extract: relgraph/messages/io.py]``).

    Parameters
    ----------
    fileobj : binary file
        The source file Babel opened.
    keywords, comment_tags, options
        Babel's arguments (unused: every message is a ``pgettext`` call).

    Yields
    ------
    (line, "pgettext", (context, English text), [])
    """
    for line, context, text in messages_from_source(fileobj.read()):
        yield line, "pgettext", (context, text), []

"""Griffe extension: numpydoc/Sphinx cross-references become mkdocstrings links.

relgraph's docstrings follow numpydoc and name other objects with Sphinx roles
(``:func:`load```, ``:data:`TIE_KINDS```, ``:meth:`with_settings```, ``:mod:`relgraph.io```).
mkdocstrings renders docstrings as Markdown, where such a role would show as raw text.
This extension rewrites each role, before the docstring is parsed, into an autorefs
cross-reference ``[`title`][target]``; with the handler's ``scoped_crossrefs`` option a
short target (``load``) is resolved from the documented object's scope the way Python
would. A target that resolves to no documented object is reported by autorefs
("Could not find cross-reference target"), which ``mkdocs build --strict`` turns into an
error, so no role is ever shown unresolved.

Sphinx's ``#:`` comments, which document module constants and class attributes in
relgraph (``#: Columns of the frame returned by ...`` above ``ROUTE_COLUMNS = [...]``, or
after the assignment on the same line), become those attributes' docstrings when they
have none, so the constants render and roles pointing at them resolve.

Likewise a class attribute with no docstring of its own (a dataclass field) takes its
description from the numpydoc ``Attributes`` section of its class, so ``:attr:`Plan.status```
has an entry to link to.

Role syntax understood (as Sphinx): ``:role:`target```, ``:py:role:`target```,
``:role:`~a.b.c``` (shows ``c``), ``:role:`title <target>``` and ``:role:`!target```
(no link, shown as code). A target in the standard library (``:mod:`csv```,
``:class:`datetime.date```) is shown as code too: the site is built offline, without
Python's object inventory to link to.

Configured in mkdocs.yml under the python handler's options::

    extensions:
      - scripts/griffe_sphinx_roles.py
"""

from __future__ import annotations

import ast
import functools
import re
import sys
from pathlib import Path
from typing import Any

import griffe

ROLES = ("func", "meth", "class", "data", "attr", "mod", "exc", "obj", "const", "type")

_ROLE = re.compile(
    r":(?:py:)?(?P<role>" + "|".join(ROLES) + r"):`(?P<body>[^`]+)`",
)
_TITLED = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


def to_markdown(text: str) -> str:
    """Rewrite every Sphinx cross-reference role in ``text`` as a Markdown cross-reference.

    Parameters
    ----------
    text : str
        A docstring.

    Returns
    -------
    str
        The docstring with ``:role:`target``` replaced by ``[`title`][target]``.

    Examples
    --------
    >>> to_markdown("See :func:`relgraph.load` and :meth:`~Plan.to_excel`.")
    'See [`relgraph.load`][relgraph.load] and [`to_excel`][Plan.to_excel].'
    >>> to_markdown(":class:`the network <relgraph.network.RelationshipNetwork>`")
    '[the network][relgraph.network.RelationshipNetwork]'
    >>> to_markdown(":data:`!NOT_DOCUMENTED`, ``:func:`literal```")
    '`NOT_DOCUMENTED`, ``:func:`literal```'
    >>> to_markdown("a :class:`datetime.date` read with :mod:`csv`")
    'a `datetime.date` read with `csv`'
    """
    out = []
    pos = 0
    for m in _ROLE.finditer(text):
        if _inside_literal(text, m.start()):
            continue
        out.append(text[pos : m.start()])
        out.append(_link(m.group("body").strip()))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _inside_literal(text: str, at: int) -> bool:
    """Whether position ``at`` lies inside a double-backtick literal (````...````)."""
    return text.count("``", 0, at) % 2 == 1


def _link(body: str) -> str:
    titled = _TITLED.match(body)
    if titled is not None:
        return f"[{titled.group('title')}][{titled.group('target').strip()}]"
    if body.startswith("!"):
        return f"`{body[1:]}`"
    if body.lstrip("~").split(".", 1)[0] in sys.stdlib_module_names:
        return f"`{body.lstrip('~')}`"
    if body.startswith("~"):
        target = body[1:]
        return f"[`{target.rsplit('.', 1)[-1]}`][{target}]"
    return f"[`{body}`][{body}]"


def comment_docstring(lines: list[str], lineno: int) -> str | None:
    r"""Return the ``#:`` comment documenting the assignment on line ``lineno`` (1-based).

    Parameters
    ----------
    lines : list of str
        The module's source lines.
    lineno : int
        The line of the assignment.

    Returns
    -------
    str or None
        The comment's text (the ``#:`` lines just above, else a trailing ``#:``), or None.

    Examples
    --------
    >>> comment_docstring(["#: Columns of", "#: the frame.", "COLS = ['a']"], 3)
    'Columns of\nthe frame.'
    >>> comment_docstring(["LIMIT = 10  #: at most this many", "X = 1"], 1)
    'at most this many'
    >>> comment_docstring(["# a plain comment", "X = 1"], 2) is None
    True
    """
    above: list[str] = []
    i = lineno - 2
    while i >= 0 and lines[i].lstrip().startswith("#:"):
        above.insert(0, lines[i].lstrip()[2:].strip())
        i -= 1
    if above:
        return "\n".join(above)
    trailing = re.search(r"#:\s*(.+)$", lines[lineno - 1]) if lineno <= len(lines) else None
    return trailing.group(1).strip() if trailing else None


def attributes_section(doc: str) -> dict[str, str]:
    r"""Name → description of every entry of a numpydoc ``Attributes`` section.

    Parameters
    ----------
    doc : str
        A class docstring.

    Returns
    -------
    dict of str to str
        One item per ``name : type`` entry, the description dedented; empty when the
        docstring has no Attributes section.

    Examples
    --------
    >>> attributes_section(
    ...     "A plan.\n\nAttributes\n----------\nstatus : DataFrame\n    One row per person;\n"
    ...     "    see X.\nnotes : tuple\n    What was left out.\n\nExamples\n--------\n"
    ... )
    {'status': 'One row per person;\nsee X.', 'notes': 'What was left out.'}
    """
    m = re.search(r"^Attributes\n-{3,}\n(.*?)(?=^\S[^\n]*\n-{3,}\n|\Z)", doc, re.S | re.M)
    if m is None:
        return {}
    out: dict[str, list[str]] = {}
    name = None
    for line in m.group(1).splitlines():
        entry = re.match(r"^(\w+)\s*(?::.*)?$", line)
        if entry is not None:
            name = entry.group(1)
            out[name] = []
        elif name is not None and line.strip():
            out[name].append(line.strip())
    return {k: "\n".join(v) for k, v in out.items() if v}


@functools.lru_cache(maxsize=256)
def _source_lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8").splitlines()


def _docstring(text: str, lineno: int | None, agent: griffe.Visitor | griffe.Inspector) -> Any:
    """Return a griffe docstring parsed the way the loader parses every other one."""
    return griffe.Docstring(
        text, lineno=lineno, parser=agent.docstring_parser, parser_options=agent.docstring_options
    )


class SphinxRoles(griffe.Extension):
    """Rewrite the Sphinx roles of every docstring; read ``#:`` comments as docstrings."""

    def on_instance(
        self,
        *,
        node: ast.AST | griffe.ObjectNode,
        obj: griffe.Object,
        agent: griffe.Visitor | griffe.Inspector,
        **kwargs: Any,
    ) -> None:
        """Complete and rewrite the docstring of a newly created object (before parsing)."""
        if obj.docstring is None and obj.is_attribute and isinstance(obj.lineno, int):
            path = obj.filepath
            if isinstance(path, Path) and path.suffix == ".py":
                text = comment_docstring(_source_lines(str(path)), obj.lineno)
                if text is not None:
                    obj.docstring = _docstring(text, obj.lineno, agent)
        if obj.docstring is not None and ":`" in obj.docstring.value:
            obj.docstring.value = to_markdown(obj.docstring.value)

    def on_class_members(
        self,
        *,
        node: ast.AST | griffe.ObjectNode,
        cls: griffe.Class,
        agent: griffe.Visitor | griffe.Inspector,
        **kwargs: Any,
    ) -> None:
        """Give undocumented attributes their description from the class's Attributes."""
        if cls.docstring is None:
            return
        described = attributes_section(cls.docstring.value)
        for name, text in described.items():
            member = cls.members.get(name)
            if member is not None and not member.is_alias and member.is_attribute:
                if member.docstring is None:
                    member.docstring = _docstring(to_markdown(text), member.lineno, agent)

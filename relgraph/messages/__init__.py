"""relgraph's English messages as data, by topic; :mod:`relgraph.text` renders them.

Each module holds one ``TEMPLATES`` dict (or ``TERMS``, the vocabularies' display words).
Babel extracts them (``babel.cfg``, :mod:`relgraph.locale.extract`); a key is defined in
exactly one module (checked on import).
"""

from __future__ import annotations

from relgraph.messages import analysis, cli, general, io, plan, viz
from relgraph.messages.terms import TERMS

__all__ = ["MODULES", "TEMPLATES", "TERMS"]

#: The template modules, in the order their keys are merged.
MODULES = (general, analysis, viz, plan, io, cli)


def _merged() -> dict[str, str]:
    out: dict[str, str] = {}
    for module in MODULES:
        twice = sorted(set(out) & set(module.TEMPLATES))
        if twice:
            raise RuntimeError(f"templates defined twice ({module.__name__}): {twice}")
        out.update(module.TEMPLATES)
    return out


TEMPLATES: dict[str, str] = _merged()

"""Every sentence a user reads, as templates in one place (English first).

Analyses build their ``why`` texts, gap descriptions and headers with :func:`say`, so a
translation can be added later by swapping :data:`TEMPLATES` without touching them.
Each topic keeps its templates in its own section below.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TEMPLATES", "say"]

TEMPLATES: dict[str, str] = {
    # -- general ---------------------------------------------------------------
    "defaults_note": "uses relgraph's default settings (see docs/methodology.md)",
    # -- influence (chain, leverage, hidden influencers, simulate) --------------
    # -- routes ------------------------------------------------------------------
    # -- coverage and targets ----------------------------------------------------
    # -- interactions ------------------------------------------------------------
    # -- maps and plots ----------------------------------------------------------
}


def say(key: str, **values: Any) -> str:
    """Fill the template ``key`` with ``values``.

    Examples
    --------
    >>> TEMPLATES["_example"] = "sways {who} as {tie}"
    >>> say("_example", who="the CEO", tie="former boss")
    'sways the CEO as former boss'
    """
    try:
        template = TEMPLATES[key]
    except KeyError:
        raise KeyError(f"no text template {key!r}") from None
    return template.format(**values)

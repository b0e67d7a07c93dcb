"""How a network shows itself: ``repr`` in a terminal, a short summary view in Jupyter.

:class:`NetworkSummary` is a part of :class:`relgraph.network.RelationshipNetwork` (a mixin,
in its own module as :mod:`relgraph._netviews` is): counts first, then where the data came
from, the reference date, the language, the settings that differ from relgraph's defaults
and what default outputs leave out for privacy.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from relgraph.io.html_table import format_value, html_result, html_table
from relgraph.model import Settings
from relgraph.text import TERMS, clauses, say, term

__all__ = ["NetworkSummary", "settings_changes"]

_OPPORTUNITY_COLUMNS = ["id", "name", "account", "stage", "goal", "competitors"]
_NOT_NUMBERS = ("as_of", "language")  # shown on their own lines, not as changed settings


def _text(value: object) -> str:
    if isinstance(value, frozenset | set):
        return "{" + ", ".join(sorted(str(v) for v in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(format_value(v) for v in value) + ")"
    return format_value(value)


def settings_changes(settings: Settings) -> list[str]:
    """List the settings that differ from relgraph's defaults, as ``name=value`` texts.

    Mappings list only their changed keys (``tie_strength[friend]=0.8``). The reference
    date and the language are left out (they are not judgement calls).

    Parameters
    ----------
    settings : Settings

    Returns
    -------
    list of str
        Empty when every number is a default.

    Examples
    --------
    >>> settings_changes(Settings().replace(max_hops=2, tie_strength={"friend": 0.8}))
    ['tie_strength[friend]=0.8', 'max_hops=2']
    >>> settings_changes(Settings(language="zh"))
    []
    """
    default = Settings()
    out: list[str] = []
    for f in dataclasses.fields(settings):
        if f.name in _NOT_NUMBERS:
            continue
        mine, theirs = getattr(settings, f.name), getattr(default, f.name)
        if mine == theirs:
            continue
        if isinstance(mine, Mapping):
            keys = sorted(set(mine) | set(theirs), key=str)
            out += [
                f"{f.name}[{k}]={_text(mine.get(k))}" for k in keys if mine.get(k) != theirs.get(k)
            ]
        else:
            out.append(f"{f.name}={_text(mine)}")
    return out


class NetworkSummary:
    """``__repr__`` and ``_repr_html_`` of a :class:`~relgraph.network.RelationshipNetwork`."""

    if TYPE_CHECKING:  # provided by RelationshipNetwork
        settings: Settings
        source: str

        @property
        def people(self) -> pd.DataFrame: ...
        @property
        def orgs(self) -> pd.DataFrame: ...
        @property
        def ties(self) -> pd.DataFrame: ...
        @property
        def opportunities(self) -> pd.DataFrame: ...
        @property
        def party(self) -> pd.Series: ...
        @property
        def edges(self) -> pd.DataFrame: ...
        def affiliation_sensitive(self) -> np.ndarray: ...

    def __repr__(self) -> str:
        """One line: the counts, then any changed settings and a language other than English.

        Examples
        --------
        >>> import relgraph as rg
        >>> rg.datasets.tiny().with_settings(max_hops=2, language="zh")
        RelationshipNetwork(6 people, 3 orgs, 7 ties, 1 opportunities; max_hops=2; language='zh')
        """
        extra = settings_changes(self.settings)
        if self.settings.language != "en":
            extra.append(f"language={self.settings.language!r}")
        return (
            f"{type(self).__name__}({len(self.people)} people, {len(self.orgs)} orgs, "
            f"{len(self.ties)} ties, {len(self.opportunities)} opportunities"
            + "".join(f"; {e}" for e in extra)
            + ")"
        )

    def _facts(self) -> list[str]:
        lang = self.settings.language
        kinds = self.party.value_counts()
        counts = say("list_sep", lang=lang).join(
            say("repr_count", what=term("org_kind", k, lang=lang), n=int(kinds[k]), lang=lang)
            for k in TERMS["org_kind"]
            if k in kinds.index
        )
        as_of = self.settings.as_of
        changes = settings_changes(self.settings)
        return [
            say("repr_net_source", source=_shown_source(self.source), lang=lang),
            say("repr_net_parties", counts=counts or "–", lang=lang),
            say(
                "repr_net_as_of",
                as_of=as_of.isoformat()
                if isinstance(as_of, _dt.date)
                else say("repr_net_today", lang=lang),
                lang=lang,
            ),
            say("repr_net_language", language=lang, lang=lang),
            say("repr_net_settings", changes=clauses(changes, lang=lang), lang=lang)
            if changes
            else say("repr_net_defaults", lang=lang),
            self._privacy(),
        ]

    def _privacy(self) -> str:
        lang = self.settings.language
        ties = int(self.edges["sensitive"].to_numpy(dtype=bool).sum())
        affiliations = int(self.affiliation_sensitive().sum())
        if not ties and not affiliations:
            return say("repr_net_privacy_none", lang=lang)
        return say("repr_net_privacy", ties=ties, affiliations=affiliations, lang=lang)

    def _repr_html_(self) -> str:
        """Return the notebook view: counts, source, dates, language, settings, privacy, deals."""
        lang = self.settings.language
        title = say(
            "repr_net_title",
            people=len(self.people),
            orgs=len(self.orgs),
            ties=len(self.ties),
            opportunities=len(self.opportunities),
            lang=lang,
        )
        tables = []
        if len(self.opportunities):
            table = html_table(self.opportunities, columns=_OPPORTUNITY_COLUMNS, lang=lang)
            tables.append((say("repr_caption_opportunities", lang=lang), table))
        return html_result(title, facts=self._facts(), tables=tables)


def _shown_source(source: str) -> str:
    r"""Return the file or folder name of ``source``, not its path (notebooks get shared).

    >>> _shown_source("/home/ann/accounts/acme.xlsx"), _shown_source("DataFrames")
    ('acme.xlsx', 'DataFrames')
    >>> _shown_source(r"C:\Users\ann\acme.xlsx")
    'acme.xlsx'
    """
    if "\\" in source:
        return PureWindowsPath(source).name or source
    return Path(source).name or source if "/" in source else source

"""What may leave the building: the one rule every shared export applies to personal data.

Family, faith and neighbourhood ties (``Settings.sensitive_tie_kinds``), affiliations of a
sensitive kind, and anything marked ``sensitive`` are personal data (DOMAIN.md §11). A
shared artefact (HTML map, spreadsheet, graph file) leaves them out unless the caller opts
in, and says what it left out. An outsider (a person at an org of kind ``other``) whose
every tie is sensitive — a spouse, a neighbour — is left out too, since their presence alone
tells the relationship.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from relgraph.network import RelationshipNetwork
from relgraph.text import say

__all__ = ["SharePolicy", "share_policy"]


@dataclass(frozen=True)
class SharePolicy:
    """Masks of what a shared export may contain, and a sentence saying what was left out.

    Attributes
    ----------
    people : numpy.ndarray of bool
        Per row of ``net.people``: may be shown.
    ties : numpy.ndarray of bool
        Per row of ``net.ties``: may be shown.
    affiliations : numpy.ndarray of bool
        Per row of ``net.affiliations``: may be shown.
    hidden_ties, hidden_people, hidden_affiliations : int
        How many were left out.
    include_sensitive : bool
        Whether the caller opted in.
    language : str
        The language of :attr:`note` (the network's ``settings.language``).
    """

    people: np.ndarray
    ties: np.ndarray
    affiliations: np.ndarray
    hidden_ties: int
    hidden_people: int
    hidden_affiliations: int
    include_sensitive: bool
    language: str = "en"

    @property
    def note(self) -> str:
        """Plain words for the export: what was left out and how to include it."""
        lang = self.language
        if self.include_sensitive:
            return say("privacy_included", lang=lang)
        if not (self.hidden_ties or self.hidden_people or self.hidden_affiliations):
            return say("privacy_none", lang=lang)
        parts = [
            say(f"privacy_{what}{'_one' if n == 1 else ''}", n=n, lang=lang)
            for what, n in (
                ("ties", self.hidden_ties),
                ("people", self.hidden_people),
                ("affiliations", self.hidden_affiliations),
            )
            if n
        ]
        return say("privacy_hidden", parts=say("list_sep", lang=lang).join(parts), lang=lang)


def share_policy(net: RelationshipNetwork, *, include_sensitive: bool = False) -> SharePolicy:
    """Decide what a shared export of ``net`` may contain.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    include_sensitive : bool
        Opt in to sensitive ties, the people known only through them, and sensitive
        affiliations.

    Returns
    -------
    SharePolicy

    Examples
    --------
    >>> import relgraph as rg
    >>> p = share_policy(rg.datasets.sample())
    >>> p.hidden_ties > 0, p.note.endswith("to include them.")
    (True, True)
    >>> share_policy(rg.datasets.tiny()).note
    'No sensitive personal data in this network.'
    """
    n = net.n_people
    edges = net.edges
    n_ties = len(edges)
    n_aff = len(net.affiliations)
    if include_sensitive:
        return SharePolicy(
            np.ones(n, bool),
            np.ones(n_ties, bool),
            np.ones(n_aff, bool),
            0,
            0,
            0,
            True,
            net.settings.language,
        )
    sensitive = edges["sensitive"].to_numpy(dtype=bool)
    u = edges["u"].to_numpy()
    v = edges["v"].to_numpy()
    has_plain = np.zeros(n, bool)
    has_plain[u[~sensitive]] = True
    has_plain[v[~sensitive]] = True
    has_sensitive = np.zeros(n, bool)
    has_sensitive[u[sensitive]] = True
    has_sensitive[v[sensitive]] = True
    in_roles = net.person_ids.isin(net.roles["person"].astype(str))
    outsider = net.party.isin(["other"]).to_numpy()
    only_sensitive = has_sensitive & ~has_plain & ~in_roles & outsider
    people = ~only_sensitive
    ties = ~sensitive & people[u] & people[v]
    aff = net.affiliations
    if n_aff:
        kinds = {str(k) for k in net.settings.sensitive_affiliation_kinds}
        default = aff["kind"].astype(str).isin(kinds)
        sens_aff = aff["sensitive"].astype("boolean").fillna(default).to_numpy(dtype=bool)
        pos = net.person_ids.get_indexer(pd.Index(aff["person"].astype(str)))
        keep_aff = ~sens_aff & people[pos]
    else:
        keep_aff = np.ones(0, bool)
    return SharePolicy(
        people,
        ties,
        keep_aff,
        int(sensitive.sum()),
        int(only_sensitive.sum()),
        int((~keep_aff).sum()),
        False,
        net.settings.language,
    )

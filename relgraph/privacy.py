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

__all__ = ["SharePolicy", "share_policy", "shared_tables", "withhold_people"]


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
    include_sensitive = bool(include_sensitive)
    return net.memo(
        ("privacy.share_policy", include_sensitive), lambda: _policy(net, include_sensitive)
    )


def _policy(net: RelationshipNetwork, include_sensitive: bool) -> SharePolicy:
    """Build :func:`share_policy` (memoised on the network, so its masks are read-only)."""
    policy = _build_policy(net, include_sensitive)
    for mask in (policy.people, policy.ties, policy.affiliations):
        mask.flags.writeable = False  # one policy per network, shared by every caller
    return policy


def _build_policy(net: RelationshipNetwork, include_sensitive: bool) -> SharePolicy:
    n = net.n_people
    n_ties = len(net.ties)
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
    sensitive = net.tie_sensitive()
    only_sensitive = _only_sensitive(net, sensitive)
    people = ~only_sensitive
    ties = ~sensitive
    if only_sensitive.any():
        u, v = net.endpoints()
        ties &= people[u] & people[v]
    aff = net.affiliations
    if n_aff:
        pos = net.person_ids.get_indexer(pd.Index(aff["person"].astype(str)))
        keep_aff = ~net.affiliation_sensitive() & people[pos]
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


def _only_sensitive(net: RelationshipNetwork, sensitive: np.ndarray) -> np.ndarray:
    """People known only through sensitive ties: outsiders, no role, every tie sensitive."""
    outsider = net.party.isin(["other"]).to_numpy(dtype=bool)
    if not outsider.any():  # only outsiders are ever left out: no tie needs a look
        return outsider
    u, v = net.endpoints()
    has_plain = np.zeros(len(outsider), bool)
    has_plain[u[~sensitive]] = True
    has_plain[v[~sensitive]] = True
    has_sensitive = np.zeros(len(outsider), bool)
    has_sensitive[u[sensitive]] = True
    has_sensitive[v[sensitive]] = True
    in_roles = net.person_ids.isin(net.roles["person"].astype(str))
    return has_sensitive & ~has_plain & ~in_roles & outsider


def withhold_people(
    frame: pd.DataFrame,
    net: RelationshipNetwork,
    *,
    include_sensitive: bool = False,
    column: str = "person",
    positions: np.ndarray | None = None,
) -> pd.DataFrame:
    """Leave out the rows of people known only through sensitive ties, and say so.

    The one filter every per-person table applies before it is returned by default
    (:func:`share_policy`'s ``people`` mask): the numbers are computed on the full network
    first, so nobody else's row changes when the withheld rows go.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table with a column of person ids.
    net : RelationshipNetwork
        The network the ids belong to.
    include_sensitive : bool
        Keep every row (the caller opted in).
    column : str
        The column holding the person ids.
    positions : numpy.ndarray, optional
        Each row's position in ``net.people`` when the caller knows them (saves matching
        the ids again); ``column`` is then not read.

    Returns
    -------
    pandas.DataFrame
        The kept rows (index reset), with ``attrs["withheld_people"]`` (how many rows were
        left out) and ``attrs["withheld_note"]`` (the sentence saying so; ``""`` when none
        was).

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.sample()
    >>> t = withhold_people(net.people.rename(columns={"id": "person"}), net)
    >>> "E03" in set(t["person"]), t.attrs["withheld_people"]
    (False, 1)
    >>> t.attrs["withheld_note"].startswith("1 person(s) known only through sensitive ties")
    True
    """
    attrs = dict(frame.attrs)
    if include_sensitive:
        out = frame.copy()
        n = 0
    else:
        shown = net.memo(("privacy.people",), lambda: share_policy(net).people)
        if shown.all():  # nobody to withhold: no id to match (a shallow copy, copy-on-write)
            keep = np.ones(len(frame), bool)
        elif positions is not None:
            keep = shown[np.asarray(positions, dtype=np.int64)]
        else:
            pos = net.person_ids.get_indexer(pd.Index(frame[column].astype(str)))
            keep = (pos < 0) | shown[np.maximum(pos, 0)]
        n = int((~keep).sum())
        out = frame[keep].reset_index(drop=True) if n else frame.reset_index(drop=True)
    out.attrs = attrs
    out.attrs["withheld_people"] = n
    note = say("withheld_people", n=n, lang=net.settings.language) if n else ""
    out.attrs["withheld_note"] = note
    return out


def shared_tables(
    net: RelationshipNetwork, *, include_sensitive: bool = False
) -> dict[str, pd.DataFrame]:
    """Return the network's tables as a shareable copy of the account, with ``notes``.

    Rows the policy hides (:func:`share_policy`: sensitive ties and affiliations, people
    known only through sensitive ties, their roles) and touchpoints marked sensitive or
    naming a withheld person are left out; the ``notes`` table (a sheet the loaders
    ignore) says what was, so the copy says it wherever it goes.

    Examples
    --------
    >>> import relgraph as rg
    >>> t = shared_tables(rg.datasets.sample())
    >>> "E03" in set(t["people"]["id"]), t["notes"]["note"].iloc[0].startswith("4 sensitive")
    (False, True)
    """
    policy = share_policy(net, include_sensitive=include_sensitive)
    tables = dict(net.to_frames())
    notes = [policy.note]
    if not include_sensitive:
        hidden = set(net.person_ids[~policy.people])
        tables["people"] = tables["people"][policy.people]
        tables["ties"] = tables["ties"][policy.ties]
        tables["affiliations"] = tables["affiliations"][policy.affiliations]
        roles = tables["roles"]
        tables["roles"] = roles[~roles["person"].astype(str).isin(hidden)]
        acts = tables["interactions"]
        named = acts["their_people"].map(
            lambda v: bool(hidden & {x.strip() for x in str(v).split(";")})
        )
        drop = acts["sensitive"].fillna(False).astype(bool) | named.astype(bool)
        tables["interactions"] = acts[~drop.to_numpy()]
        if n := int(drop.sum()):
            notes.append(say("int_plot_left_out", n=n, lang=net.settings.language))
    tables = {k: v.reset_index(drop=True) for k, v in tables.items()}
    tables["notes"] = pd.DataFrame({"note": notes})
    return tables

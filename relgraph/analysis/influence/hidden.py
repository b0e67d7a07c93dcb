"""Hidden influencers: people without a formal role who sway the decision chain (DOMAIN §3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph._tie_arrays import person_id_array
from relgraph.analysis.influence.model import model
from relgraph.analysis.influence.support import downstream, power, roles_text
from relgraph.analysis.paths.render import tie_words
from relgraph.checks import check_bool, check_float, check_optional_int
from relgraph.network import RelationshipNetwork
from relgraph.privacy import share_policy
from relgraph.text import say, term_list

__all__ = [
    "HIDDEN_COLUMNS",
    "hidden_influencers",
    "tie_phrase",
    "ties_between_many",
]


_PHRASE_KEYS = {
    "influences": "via_influences",
    "family": "via_family",
    "friend": "via_friend",
    "former_colleague": "via_former_colleague",
    "alumni": "via_alumni",
    "club": "via_club",
    "neighbour": "via_neighbour",
    "faith": "via_faith",
    "works_with": "via_works_with",
    "supplier": "via_supplier",
    "customer_of": "via_customer_of",
    "other": "via_other",
}


def tie_phrase(kind: str, strength: float, boss: bool | None, *, lang: str = "en") -> str:
    """Say how a tie sways ("as their boss", "as a former colleague" …)."""
    if kind == "reports_to":
        return say("via_boss" if boss else "via_report", lang=lang)
    return say(_PHRASE_KEYS.get(kind, "via_other"), strength=strength, lang=lang)


Tie = tuple[str, float, bool | None, bool]


def ties_between_many(net: RelationshipNetwork, i: np.ndarray, j: np.ndarray) -> list[list[Tie]]:
    """Ties by which ``i[k]`` sways ``j[k]``, for every k: (kind, strength, i_is_boss, sensitive).

    Every tie between the two (one vectorised lookup in the network's pair index) whose
    sway weight in the direction ``i[k] → j[k]`` is positive
    (:meth:`RelationshipNetwork.sway_weights`), in table order.
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    out: list[list[Tie]] = [[] for _ in range(len(i))]
    pair, rows = net.pair_index().lookup(i, j)
    if not len(pair):
        return out
    order = np.lexsort((rows, pair))  # each pair's ties in table order
    pair, rows = pair[order], rows[order]
    forward, backward = net.sway_weights()
    e = net.edges  # read by position: only the rows found, no whole-column conversion
    src = e["u"].to_numpy(np.int64)[rows]
    sways = np.where(src == i[pair], forward[rows], backward[rows]) > 0
    pair, rows, src = pair[sways], rows[sways], src[sways]
    kind = e["kind"].array
    for k, kind_of, strength, sensitive, boss in zip(
        pair.tolist(),
        np.asarray(kind.categories, dtype=object)[kind.codes[rows]].tolist(),
        e["strength"].to_numpy(dtype=float)[rows].tolist(),
        e["sensitive"].to_numpy(dtype=bool)[rows].tolist(),
        (src == j[pair]).tolist(),
        strict=True,
    ):
        is_boss = bool(boss) if kind_of == "reports_to" else None
        out[k].append((str(kind_of), float(strength), is_boss, sensitive))
    return out


def _via_kind(tie: tuple[str, float, bool | None, bool], lang: str) -> str:
    """Return the tie as read from the person who sways: a boss "manages" their report.

    A ``reports_to`` tie runs from the report to the boss; read from the boss it is the
    network's reverse tie word (:func:`relgraph.analysis.paths.render.tie_words`).
    """
    return tie_words(tie[0], reverse=True, lang=lang) if tie[2] else tie[0]


def _describe(net: RelationshipNetwork, pid: str, roles: str) -> str:
    who = net.describe(pid)
    words = term_list("role", roles, lang=net.settings.language)
    return f"{who} ({words})" if roles else who


def hidden_influencers(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    k: int | None = None,
    min_leverage: float = 0.005,
    include_sensitive: bool = False,
) -> pd.DataFrame:
    """People without a formal role who sway the decision chain, ranked by leverage.

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    k : int, optional
        Keep only the top ``k``; all above ``min_leverage`` when omitted.
    min_leverage : float
        Leave out people with less leverage than this (default 0.005).
    include_sensitive : bool
        Name sensitive ties (family, faith, neighbour, or marked sensitive) as evidence.
        When False (the default) they still count in the model, but the evidence is
        withheld and counted in ``withheld``.

    Returns
    -------
    pandas.DataFrame
        ``rank, person, name, party, org, attitude, backs, leverage, sways`` (ids of the
        decision-chain members they sway directly, comma-joined), ``influences`` (those
        people described), ``via`` (the ties, kind and strength, read from this person: a
        boss "manages" their report, a report "reports_to" their boss), ``withheld`` (sensitive
        ties left out of the evidence), ``do_not_contact`` and ``why`` (columns
        :data:`HIDDEN_COLUMNS`). A person known only through sensitive ties (a spouse, a
        neighbour) is counted but not named unless ``include_sensitive``: their row has a
        blank ``person`` and says so.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    ValueError
        For a negative ``k`` or ``min_leverage``.

    Notes
    -----
    Candidates are everyone with no role in the opportunity, plus role holders outside
    the customer org, excluding our and competitor staff. Their leverage is computed as
    in :func:`leverage`. Leverage splits exactly over the people ``j`` a candidate ``i``
    sways: ``leverage_i = (1 − λ_i)(p_i/Σp + Σ_j λ_j W[j, i] z_j)`` with
    ``z = (I − ΛW)⁻ᵀp/Σp``; the chain members they sway are listed by their term
    ``λ_j W[j, i] z_j``, largest first. A candidate with no direct tie into the chain is
    described by the person with the largest such term.

    Examples
    --------
    >>> import relgraph as rg
    >>> hi = hidden_influencers(rg.datasets.tiny())
    >>> hi[["person", "leverage", "sways"]].round(3)
      person  leverage sways
    0     p4     0.299    p1
    >>> for part in hi.loc[0, "why"].split("; "):
    ...     print(part)
    sways Ann, CEO (decider) through a direct influence tie (0.8)
    0.299 of the index moves with this person
    """
    k = check_optional_int("k", k, minimum=1)
    min_leverage = check_float("min_leverage", min_leverage, minimum=0)
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    m = model(net)
    opp, p, roles = power(net, opportunity)
    z = downstream(m, p, opp)
    lev = (1.0 - m.lam) * z
    account = net.account_of(opp)
    org = net.people["org"].astype(str).to_numpy()
    candidate = ((p <= 0) | (org != account)) & ~m.outside & (lev >= min_leverage)
    order = np.flatnonzero(candidate)
    order = order[np.lexsort((person_id_array(net)[order], -lev[order]))]
    if k is not None:
        order = order[:k]
    shown = share_policy(net, include_sensitive=include_sensitive).people
    evidence = _Evidence(
        net,
        m.WT,
        p,
        m.lam * z,
        roles_text(roles),
        include_sensitive,
        net.memo(("influence.hidden", "columns"), lambda: _Evidence.people_columns(net)),
    )
    named = [int(i) for i in order if shown[i]]
    found = dict(zip(named, evidence.ties(named), strict=True))
    rows = [
        evidence.row(rank, int(i), float(lev[i]), found[int(i)])
        if shown[i]
        else _withheld_row(net, rank, float(lev[i]))
        for rank, i in enumerate(order, start=1)
    ]
    typed: dict[str, Any] = {"attitude": "Int64", "withheld": int, "rank": int, "leverage": float}
    typed["do_not_contact"] = bool
    return pd.DataFrame(
        {
            c: pd.array([r[c] for r in rows], dtype=typed[c])
            if c in typed
            else ([r[c] for r in rows] if rows else np.zeros(0, dtype=object))
            for c in HIDDEN_COLUMNS
        },
        columns=HIDDEN_COLUMNS,
    )


#: Columns of :func:`hidden_influencers`.
HIDDEN_COLUMNS = [
    "rank",
    "person",
    "name",
    "party",
    "org",
    "attitude",
    "backs",
    "leverage",
    "sways",
    "influences",
    "via",
    "withheld",
    "do_not_contact",
    "why",
]


@dataclass(frozen=True)
class _Evidence:
    """What a hidden influencer's row is built from: who they sway, and by which ties."""

    net: RelationshipNetwork
    WT: sp.csr_matrix  # row i: the people i sways and by how much
    power: np.ndarray
    flow: np.ndarray  # flow through j: λ_j · z_j per unit of W[j, i]
    roles: dict[str, str]
    include_sensitive: bool
    #: The people columns a row shows, by position (read once, not once per row).
    columns: dict[str, Any]

    @staticmethod
    def people_columns(net: RelationshipNetwork) -> dict[str, Any]:
        """Return name, party, org, attitude and backing of everyone, by position."""
        ppl = net.people
        return {
            "name": net.labels.array,
            "party": net.party.array,
            "org": ppl["org"].array,
            "attitude": ppl["attitude"].astype("Int64").array,
            "backs": ppl["supports"].fillna("").array,
        }

    def chain(self, i: int) -> np.ndarray:
        """Return the chain members ``i`` sways directly, by their share of ``i``'s leverage."""
        lo, hi = self.WT.indptr[i], self.WT.indptr[i + 1]
        swayed, wts = self.WT.indices[lo:hi], self.WT.data[lo:hi]
        sel = (swayed != i) & (self.power[swayed] > 0)
        return swayed[sel][np.argsort(-(wts[sel] * self.flow[swayed[sel]]), kind="stable")]

    def ties(self, people: list[int]) -> list[list[tuple[int, list[Tie]]]]:
        """Per person, each chain member they sway with the ties between (one lookup)."""
        chains = [self.chain(i) for i in people]
        src = np.repeat(np.array(people, dtype=np.int64), [len(c) for c in chains])
        dst = np.concatenate(chains) if chains else np.zeros(0, np.int64)
        found = ties_between_many(self.net, src, dst.astype(np.int64, copy=False))
        out, at = [], 0
        for c in chains:
            out.append(list(zip(c.tolist(), found[at : at + len(c)], strict=True)))
            at += len(c)
        return out

    def row(
        self, rank: int, i: int, lev: float, found: list[tuple[int, list[Tie]]]
    ) -> dict[str, Any]:
        net = self.net
        lang = net.settings.language
        lo, hi = self.WT.indptr[i], self.WT.indptr[i + 1]
        swayed, wts = self.WT.indices[lo:hi], self.WT.data[lo:hi]
        withheld = 0
        targets: list[str] = []
        described: list[str] = []
        vias: list[str] = []
        phrases: list[str] = []
        ids = person_id_array(net)
        for j, ties in found:
            shown = [t for t in ties if self.include_sensitive or not t[3]]
            withheld += len(ties) - len(shown)
            if not shown:
                continue
            pid = str(ids[j])
            targets.append(pid)
            described.append(_describe(net, pid, str(self.roles.get(pid, ""))))
            vias.append(", ".join(f"{_via_kind(t, lang)} {t[1]:.1f} → {pid}" for t in shown))
            both = say("and_sep", lang=lang)
            phrases.append(both.join(tie_phrase(t[0], t[1], t[2], lang=lang) for t in shown))
        if described:
            why = say("hidden_why", target=described[0], tie=phrases[0], lev=lev, lang=lang)
            if len(described) > 1:
                why = say("hidden_why_more", why=why, more=len(described) - 1, lang=lang)
        elif withheld:
            why = say("hidden_why_withheld", lev=lev, lang=lang)
        else:
            nb = swayed[swayed != i]
            best = nb[np.argmax(wts[swayed != i] * self.flow[nb])] if len(nb) else -1
            through = net.labels.iat[int(best)] if best >= 0 else "?"
            why = say("hidden_why_indirect", through=through, lev=lev, lang=lang)
            described.append(say("through", who=through, lang=lang))
        if withheld:
            why = why + say("withheld_note", n=withheld, lang=lang)
        dnc = bool(net.do_not_contact()[i])
        if dnc:
            why = say("hidden_why_dnc", why=why, lang=lang)
        cols = self.columns
        return {
            "rank": rank,
            "person": str(person_id_array(net)[i]),
            "name": str(cols["name"][i]),
            "party": str(cols["party"][i]),
            "org": str(cols["org"][i]),
            "attitude": cols["attitude"][i],
            "backs": str(cols["backs"][i]),
            "leverage": lev,
            "sways": ", ".join(targets),
            "influences": "; ".join(described),
            "via": "; ".join(vias),
            "withheld": withheld,
            "do_not_contact": dnc,
            "why": why,
        }


def _withheld_row(net: RelationshipNetwork, rank: int, lev: float) -> dict[str, Any]:
    """Count, not name, a person known only through sensitive ties (DOMAIN.md §11)."""
    return {
        "rank": rank,
        "person": "",
        "name": say("hidden_withheld_name", lang=net.settings.language),
        "party": "",
        "org": "",
        "attitude": pd.NA,
        "backs": "",
        "leverage": lev,
        "sways": "",
        "influences": "",
        "via": "",
        "withheld": 1,
        "do_not_contact": False,
        "why": say("hidden_why_withheld_person", lev=lev, lang=net.settings.language),
    }

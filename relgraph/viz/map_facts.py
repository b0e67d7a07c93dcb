"""What the HTML map knows about each person and tie, gathered once through the public API.

:func:`gather` reads the network and the opportunity's analyses (roles, leverage, hidden
influencers, coverage) into plain arrays in the network's row order, applying the sharing
policy (:func:`relgraph.privacy.share_policy`) once, so the layout and the page builder
never look at data they may not show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph.palette import competitor_colours, main_role
from relgraph.viz.plot_common import competitor_order
from relgraph.vocab import TieKind

if TYPE_CHECKING:
    from relgraph.analysis.coverage import CoverageReport
    from relgraph.network import RelationshipNetwork
    from relgraph.privacy import SharePolicy

__all__ = ["HIDDEN_TOP", "MapFacts", "blank", "gather"]

#: How many of the top hidden influencers the map names and marks.
HIDDEN_TOP = 10
_DIRECTED = frozenset(str(k) for k in TieKind if k.directed)
_FORMAL = frozenset({"reports_to", "influences", "covers", "informs"})


@dataclass
class MapFacts:
    """Per-person arrays (network row order) and the shareable ties, for one map."""

    net: RelationshipNetwork
    opp: str | None
    policy: SharePolicy
    party: np.ndarray
    level: np.ndarray
    roles_of: dict[int, list[tuple[str, str]]]
    role_main: np.ndarray
    stage_main: np.ndarray
    lev: np.ndarray | None
    hidden_why: dict[int, str]
    sways: dict[int, list[int]]
    supports: np.ndarray
    support: np.ndarray
    dnc: np.ndarray
    eu: np.ndarray
    ev: np.ndarray
    kind: np.ndarray
    strength: np.ndarray
    note: np.ndarray
    owners: dict[int, list[int]]
    comp_colour: dict[str, str]
    comps: list[str]
    report: CoverageReport | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        """Number of people in the network."""
        return int(self.net.n_people)

    def directed(self, j: int) -> bool:
        """Whether shown tie ``j`` has a direction."""
        return str(self.kind[j]) in _DIRECTED

    def hidden_tie(self, j: int) -> bool:
        """Whether shown tie ``j`` is hidden influence (drawn dashed).

        An ``influences`` tie from someone without a role, or a personal tie of a top hidden
        influencer — never a tie between two of our people or involving competitor staff.
        """
        a, b, k = int(self.eu[j]), int(self.ev[j]), str(self.kind[j])
        if {self.party[a], self.party[b]} & {"us", "competitor"}:
            return False
        if k == "influences":
            return a not in self.roles_of
        return k not in _FORMAL and (a in self.hidden_why or b in self.hidden_why)


def blank(value: Any) -> bool:
    """Whether a cell is empty (None, NaN, NA or "")."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value)) or str(value) == ""
    except (TypeError, ValueError):
        return False


def gather(
    net: RelationshipNetwork,
    opp: str | None,
    *,
    include_sensitive: bool,
    as_of: Any = None,
) -> MapFacts:
    """Collect everything the map shows about ``net`` for opportunity ``opp``."""
    from relgraph.privacy import share_policy

    policy = share_policy(net, include_sensitive=include_sensitive)
    people = net.people
    e = net.edges
    shown = policy.ties
    eu = e["u"].to_numpy()[shown].astype(np.int64)
    ev = e["v"].to_numpy()[shown].astype(np.int64)
    kind = e["kind"].to_numpy()[shown].astype(str)
    owners: dict[int, list[int]] = {}
    for a, b in zip(eu[kind == "covers"], ev[kind == "covers"], strict=True):
        owners.setdefault(int(b), []).append(int(a))
    roles_of = _roles(net, opp)
    n = net.n_people
    role_main = np.full(n, "", dtype=object)  # "" for everyone without a role
    stage_main = np.full(n, "", dtype=object)
    for i, held in roles_of.items():
        role_main[i] = main_role(r for r, _ in held)
        stage_main[i] = _stage_of(held)
    comps = net.competitors_of(opp) if opp is not None else []
    supports = people["supports"].fillna("").astype(str).to_numpy()
    facts = MapFacts(
        net=net,
        opp=opp,
        policy=policy,
        party=net.party.fillna("other").astype(str).to_numpy(),
        level=pd.to_numeric(people["level"], errors="coerce").to_numpy(dtype=float),
        roles_of=roles_of,
        role_main=role_main,
        stage_main=stage_main,
        lev=None,
        hidden_why={},
        sways={},
        supports=supports,
        support=pd.to_numeric(people["support"], errors="coerce").fillna(2.0).to_numpy(float),
        dnc=net.do_not_contact(),
        eu=eu,
        ev=ev,
        kind=kind,
        strength=e["strength"].to_numpy()[shown].astype(float),
        note=net.ties["note"].to_numpy()[shown],
        owners=owners,
        comp_colour=competitor_colours(competitor_order(net, opp)),
        comps=comps,
    )
    if opp is not None:
        _influence(facts, include_sensitive)
        facts.report = _coverage(net, opp, include_sensitive, as_of)
    return facts


def _roles(net: RelationshipNetwork, opp: str | None) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    if opp is None:
        return out
    r = net.opportunity_roles(opp)
    if not len(r):
        return out
    idx = net.index_of(r["person"].astype(str).tolist())
    for i, role, stage in zip(idx, r["role"], r["stage"], strict=True):
        out.setdefault(int(i), []).append((str(role), "" if blank(stage) else str(stage)))
    return out


def _stage_of(roles: list[tuple[str, str]]) -> str:
    """Return the stage of a person's most powerful role ("" when none is given)."""
    main = main_role(r for r, _ in roles)
    for role, stage in roles:
        if role == main and stage:
            return stage
    return next((s for _, s in roles if s), "")


def _influence(facts: MapFacts, include_sensitive: bool) -> None:
    """Leverage per person and the top shareable hidden influencers (why, whom they sway).

    Kept on the network per opportunity and privacy choice (the map only reads them).
    """
    key = ("viz.map_influence", facts.opp, include_sensitive)
    lev, hidden_why, sways = facts.net.memo(key, lambda: _influence_facts(facts, include_sensitive))
    facts.lev = lev
    facts.hidden_why = dict(hidden_why)
    facts.sways = {i: list(s) for i, s in sways.items()}


def _influence_facts(
    facts: MapFacts, include_sensitive: bool
) -> tuple[np.ndarray, dict[int, str], dict[int, list[int]]]:
    from relgraph.analysis.influence import hidden_influencers, leverage

    net, opp = facts.net, facts.opp
    lev_df = leverage(net, opp, include_sensitive=True)  # the policy filters what is drawn
    lev = (
        pd.Series(lev_df["leverage"].to_numpy(float), index=lev_df["person"].astype(str))
        .reindex(net.person_ids)
        .fillna(0.0)
        .to_numpy()
    )
    lev.flags.writeable = False
    ok = facts.policy.people
    extra = int((~ok).sum())
    hi = hidden_influencers(net, opp, k=HIDDEN_TOP + extra, include_sensitive=include_sensitive)
    hi = hi[hi["person"].astype(str).ne("")]  # people known only through sensitive ties
    idx = net.index_of(hi["person"].astype(str).tolist()) if len(hi) else np.array([], int)
    keep = [k for k, i in enumerate(idx) if ok[int(i)]][:HIDDEN_TOP]
    hidden_why: dict[int, str] = {}
    sways: dict[int, list[int]] = {}
    for k in keep:
        i = int(idx[k])
        hidden_why[i] = str(hi["why"].iloc[k])
        swayed = [s.strip() for s in str(hi["sways"].iloc[k] or "").split(",") if s.strip()]
        known = [s for s in swayed if s in net.person_ids]
        sways[i] = [int(j) for j in net.index_of(known)] if known else []
    return lev, hidden_why, sways


def _coverage(
    net: RelationshipNetwork, opp: str, include_sensitive: bool, as_of: Any
) -> CoverageReport:
    """Return the coverage report the map reads (summary, gaps, factions), once per day.

    Kept on the network (``net.memo``) so that drawing the map again — another view, group
    or focus — does not check the coverage again; the map only reads the report.
    """
    from relgraph.analysis.coverage import coverage
    from relgraph.checks import check_date

    day = check_date("as_of", as_of, default=net.as_of)
    return net.memo(
        ("viz.map_coverage", opp, include_sensitive, day),
        lambda: coverage(net, opp, as_of=day, include_sensitive=include_sensitive),
    )

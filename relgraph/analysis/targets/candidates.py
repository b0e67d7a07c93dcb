"""Every person we could work on, with every term of their expected gain (DOMAIN.md §6).

gain = leverage × move × reach × feasibility. Leverage is how much of our support index
moves per point of the person's attitude; move is how far the objective asks them to go;
reach is the strength of our best route to them; feasibility is how much of that move a
realistic effort buys: someone firmly in a competitor's camp is rarely turned head-on, a
large move is harder than a small one, a stubborn person moves less, and a strong supporter
who is already double-covered needs upkeep rather than more work. For an entrenched
opponent the practice works on the people they listen to: those people get the objective
"work through" (make them advocates, +2) and name whom they sway.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from relgraph._tie_arrays import person_id_array
from relgraph.analysis.coverage.context import Context
from relgraph.analysis.coverage.parity import parity
from relgraph.analysis.influence.model import model
from relgraph.analysis.influence.support import leverage_array, ranked_leverage
from relgraph.analysis.paths.graph import RouteRules
from relgraph.analysis.paths.reach import best_routes
from relgraph.analysis.paths.search import TeamReach
from relgraph.network import RelationshipNetwork

__all__ = ["CANDIDATE_COLUMNS", "GOAL_ATTITUDE", "Candidates", "candidates"]

#: Goal attitude by current attitude: opponents → neutral, neutrals → +1 (a supporter),
#: supporters one step further (mobilised); +3 has no feasible move.
GOAL_ATTITUDE: Mapping[int, int] = {-3: 0, -2: 0, -1: 0, 0: 1, 1: 2, 2: 3, 3: 3}
#: The goal of someone we work through to reach an entrenched opponent: an advocate.
ADVOCATE = 2
#: Default backing of a competitor's supporter whose ``support`` is blank.
_DEFAULT_BACKING = 2.0

#: Columns of :func:`candidates` (and the term columns of the targets).
CANDIDATE_COLUMNS = [
    "person",
    "objective",
    "competitor",
    "sways",
    "attitude",
    "goal",
    "move",
    "leverage",
    "reach",
    "backing",
    "f_backing",
    "f_distance",
    "f_susceptibility",
    "f_upkeep",
    "feasibility",
    "gain",
    "n_owners",
    "do_not_contact",
]


@dataclass(frozen=True)
class Candidates:
    """The candidate table and what the selection needs to extend it."""

    ctx: Context
    frame: pd.DataFrame
    rules: RouteRules
    reach: TeamReach
    pending: dict[str, list[str]]

    #: The frame's columns as arrays, and each person's row in them (−1: none).
    _columns: tuple[dict[str, np.ndarray], np.ndarray] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        where = np.full(len(self.ctx.ids_a), -1, dtype=np.int64)
        where[self.frame.index.to_numpy()] = np.arange(len(self.frame))
        columns = {str(c): self.frame[c].to_numpy() for c in self.frame.columns}
        object.__setattr__(self, "_columns", (columns, where))

    def row(self, i: int) -> dict[str, Any]:
        """Return the row of person ``i`` (a position) as a dict: ``frame.loc[i]``, faster."""
        columns, where = self._columns
        at = int(where[i])
        return {name: values[at] for name, values in columns.items()}


def candidates(
    net: RelationshipNetwork,
    ctx: Context,
    *,
    include_sensitive: bool,
    include_do_not_contact: bool,
) -> Candidates:
    """Score everyone with a feasible move (positive leverage × move), best gain first.

    See :func:`relgraph.recommend_targets` for the formula; the frame has
    :data:`CANDIDATE_COLUMNS`, one row per person (by position in ``net.people``).
    """
    s = net.settings
    lev = ranked_leverage(net, ctx.opp)  # everyone's number; target_candidates filters rows
    levv = leverage_array(net, ctx.opp)  # the same numbers, by position
    att = np.clip(np.nan_to_num(ctx.att_a, nan=0.0).round().astype(int), -3, 3)
    backing = np.where(ctx.backs_a != "", np.nan_to_num(ctx.backing_a, nan=_DEFAULT_BACKING), 0.0)
    entrenched = (backing >= s.entrenched_backing) | (att <= -2)
    sways = _sways_entrenched(net, entrenched, ctx.id_rank())
    through = np.array([bool(x) for x in sways]) & ~entrenched & (ctx.backs_a == "") & (att >= 0)
    goal = np.array([GOAL_ATTITUDE[int(a)] for a in range(-3, 4)])[att + 3]
    goal = np.where(through, np.maximum(goal, ADVOCATE), goal)
    move = goal - att
    n_owners = np.array([len(ctx.owners.get(str(p), ())) for p in ctx.ids_a], dtype=np.int64)
    f_back = np.clip(1.0 - s.backing_resistance * backing, 0.0, 1.0)
    f_dist = np.where(move > 0, s.move_resistance ** np.maximum(move - 1, 0), 0.0)
    f_sus = _susceptibility_factor(net)
    f_up = np.where(att >= 2, s.upkeep_factor ** n_owners.astype(float), 1.0)
    feas = f_back * f_dist * f_sus * f_up
    rules = RouteRules(include_sensitive, include_do_not_contact)
    reach = best_routes(net, rules)
    outside = (ctx.party_a == "us") | (ctx.party_a == "competitor")
    ok = ~outside & (levv * move > 0)
    if not include_do_not_contact:
        ok &= ~ctx.dnc_a
    # A decider or approver who also sways the opponent is worked on for their own vote
    # (convert/mobilise, goal still +2); "work through" is for those whose value is whom
    # they sway.
    label = through & ~ctx.makers_a
    objective, competitor, pending = _objectives(ctx, lev, att, label, include_sensitive)
    frame = pd.DataFrame(
        {
            "person": ctx.ids_a.astype(str),
            "objective": objective,
            "competitor": competitor,
            "sways": ["; ".join(x) for x in sways],
            "attitude": att,
            "goal": goal,
            "move": move,
            "leverage": levv,
            "reach": reach.strength,
            "backing": backing.astype(int),
            "f_backing": f_back,
            "f_distance": f_dist,
            "f_susceptibility": f_sus,
            "f_upkeep": f_up,
            "feasibility": feas,
            "gain": levv * move * reach.strength * feas,
            "n_owners": n_owners,
            "do_not_contact": ctx.dnc_a,
        }
    )
    return Candidates(ctx, frame[ok], rules, reach, pending)


def _sways_entrenched(
    net: RelationshipNetwork, entrenched: np.ndarray, rank: np.ndarray
) -> list[tuple[str, ...]]:
    """Per person: the entrenched opponents they sway directly (``W[o, i] > 0``), by id.

    ``rank`` is each person's place in id order (:meth:`Context.id_rank`).
    """
    out: list[tuple[str, ...]] = [() for _ in range(net.n_people)]
    idx = np.flatnonzero(entrenched)
    if not len(idx):
        return out
    sub = model(net).W[idx].tocoo()
    o, j = idx[sub.row], sub.col.astype(np.int64)
    keep = o != j
    o, j = o[keep], j[keep]
    pair = np.unique(j * net.n_people + rank[o])  # by swayer, then the opponents' ids
    ids = person_id_array(net)
    by_rank = np.empty(net.n_people, dtype=np.int64)
    by_rank[rank] = np.arange(net.n_people)
    swayer, opp = pair // net.n_people, ids[by_rank[pair % net.n_people]]
    starts = [0, *(np.flatnonzero(np.diff(swayer)) + 1).tolist(), len(pair)]
    who, names = swayer.tolist(), [str(x) for x in opp.tolist()]
    for a, b in zip(starts, starts[1:], strict=False):
        if b > a:
            out[who[a]] = tuple(names[a:b])
    return out


def _susceptibility_factor(net: RelationshipNetwork) -> np.ndarray:
    """min(1, λ_i / default λ) where a person's susceptibility is given, else 1."""
    sus = net.people["susceptibility"].to_numpy(dtype=float, na_value=np.nan)
    base = float(net.settings.susceptibility)
    if base <= 0:
        return np.ones(len(sus))
    return np.where(np.isnan(sus), 1.0, np.minimum(1.0, np.nan_to_num(sus) / base))


def _objectives(
    ctx: Context,
    lev: pd.Series,
    att: np.ndarray,
    through: np.ndarray,
    include_sensitive: bool,
) -> tuple[np.ndarray, np.ndarray, dict[str, list[str]]]:
    """Objective and competitor per person, and the level-parity gaps still to address."""
    objective = np.where(att < 0, "neutralise", np.where(att == 0, "convert", "mobilise"))
    objective = np.where(through, "work_through", objective).astype(object)
    competitor = np.full(len(att), "", dtype=object)
    pending: dict[str, list[str]] = {}
    for comp, cands in parity(ctx, lev, include_sensitive).candidates.items():
        pending[comp] = list(cands)
        for p in cands:
            i = ctx.pos[p]
            if not competitor[i]:
                competitor[i] = comp
                objective[i] = "counter"
    return objective, competitor, pending

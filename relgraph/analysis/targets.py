"""Whom to work on next: targets ranked by expected gain in our support index (DOMAIN.md §6)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from relgraph.analysis.coverage import _as_date, _Ctx, _parity
from relgraph.analysis.influence import leverage
from relgraph.analysis.routes import routes_to_many
from relgraph.analysis.sponsors import match_sponsor, our_load
from relgraph.errors import RelgraphError
from relgraph.model import Settings
from relgraph.network import RelationshipNetwork
from relgraph.text import say

__all__ = ["GOAL_ATTITUDE", "OBJECTIVES", "TARGET_COLUMNS", "recommend_targets"]

#: Objectives a target can have.
OBJECTIVES = ("neutralise", "convert", "mobilise", "counter")

#: Goal attitude by current attitude: opponents → neutral, neutrals → +1 (a supporter),
#: supporters one step further (mobilised); +3 has no feasible move.
GOAL_ATTITUDE: Mapping[int, int] = {-3: 0, -2: 0, -1: 0, 0: 1, 1: 2, 2: 3, 3: 3}

#: Columns of the frame returned by :func:`recommend_targets`.
TARGET_COLUMNS = [
    "rank",
    "person",
    "name",
    "objective",
    "competitor",
    "level",
    "attitude",
    "goal",
    "move",
    "leverage",
    "reach",
    "gain",
    "owner_a",
    "owner_b",
    "sponsor",
    "route",
    "why",
]


def _owner_pick(
    net: RelationshipNetwork,
    pid: str,
    existing: list[str],
    route_source: str,
    load: dict[str, int],
    hours_left: dict[str, float] | None,
    hours: float,
    max_load: int,
    include_sensitive: bool,
) -> tuple[str, str]:
    """Owner A and owner B for one target, respecting loads and hours."""
    ranked = match_sponsor(
        net,
        pid,
        max_load=max_load,
        include_sensitive=include_sensitive,
        load=load,
    )
    order = [str(x) for x in ranked["sponsor"]]

    def free(o: str, cost: float) -> bool:
        if hours_left is not None:
            return hours_left.get(o, 0.0) >= cost - 1e-9
        return True

    first = [o for o in order if o in existing]
    a = next((o for o in first + order if free(o, hours)), "")
    b_first = [o for o in order if o in existing and o != a]
    b = next((o for o in b_first + order if o != a and free(o, hours / 2)), "")
    return a, b


def recommend_targets(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    capacity: int | Mapping[str, float] | None = None,
    k: int | None = None,
    settings: Settings | None = None,
    hours: float = 40.0,
    max_load: int = 8,
    include_sensitive: bool = False,
    as_of: Any = None,
) -> pd.DataFrame:
    """Rank whom to work on next, with owners, sponsor and route (DOMAIN.md §6).

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    capacity : int or Mapping of str to float, optional
        The team's capacity in the cycle: an int is a number of targets; a mapping gives
        the hours each of our people can spend (people × hours; a target costs ``hours``
        to its owner A and ``hours / 2`` to owner B, and is skipped when nobody has
        enough left). None: no overall limit (see ``k``).
    k : int, optional
        At most this many targets; 10 when neither ``k`` nor ``capacity`` is given.
    settings : Settings, optional
        Weights, powers and susceptibility; ``net.settings`` when omitted.
    hours : float
        Hours one target costs its owner A over the cycle (B spends half).
    max_load : int
        How many customer people one of our people can own (the load term of owner and
        sponsor matching).
    include_sensitive : bool
        Let routes use sensitive ties (family, neighbour …). Off by default.
    as_of : date or str, optional
        Unused by the ranking; accepted for symmetry with :func:`coverage`.

    Returns
    -------
    pandas.DataFrame
        One row per chosen target, in the order picked (columns :data:`TARGET_COLUMNS`):
        ``rank``, ``person``, ``name``, ``objective`` (neutralise, convert, mobilise, or
        counter — convert someone who can constrain competitor ``competitor``'s top
        supporter at ``level``), ``competitor``, ``level``, ``attitude`` (blank counts
        as 0), ``goal`` (goal attitude), ``move`` (goal − attitude), ``leverage``,
        ``reach``, ``gain``, ``owner_a``, ``owner_b``, ``sponsor``, ``route`` and ``why``
        (every term of the gain). ``attrs`` holds ``total_gain``, ``unreachable``
        (people with a positive upper bound but no route) and ``changes`` (the expected
        attitudes to pass to :func:`relgraph.simulate` to check additivity).

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    RelgraphError
        For a non-positive ``k``, ``capacity``, ``hours`` or ``max_load``, or hours given
        for someone not on our team.

    Notes
    -----
    gain_i = leverage_i × move_i × reach_i, where

    - leverage_i = ∂I/∂x0_i (:func:`relgraph.leverage`),
    - move_i = goal − attitude with the goal from :data:`GOAL_ATTITUDE` (opponents to
      neutral, neutrals to +1, supporters one point further; an exclusive supporter at
      +3 has no feasible move and is not listed),
    - reach_i = 1 for people we already cover (they have an owner), else the strength of
      the best route from our team (:func:`relgraph.routes_to_many`: product of tie
      strengths, no sensitive ties, never through or to a do-not-contact person).

    reach reads as the chance the move happens, so the expected attitude after the plan
    is attitude + reach × move. Because our index is linear in initial attitudes
    (Friedkin–Johnsen: I = Σ leverage_i · x0_i), the gains add up exactly: the sum of the
    chosen targets' gains equals the index change :func:`relgraph.simulate` predicts when
    every chosen person's attitude is set to attitude + reach × move
    (``attrs["changes"]``).

    Greedy selection: repeatedly pick the largest gain among feasible people (ties by
    id), then re-evaluate — a picked person whose goal is a supporter (goal ≥ +1) becomes
    a contact who can introduce us, so anyone with a direct non-sensitive tie of strength
    s to them gets reach max(reach, reach_picked × s); the
    owners' loads (and hours) are updated, so later targets get other owners, and a
    target nobody has hours for is skipped. Do-not-contact people are never candidates.

    Owners: A is an existing owner when there is one (else the best match), B a second
    existing owner or the best other match; matches come from
    :func:`relgraph.match_sponsor` (level parity, business, existing tie, load). The
    sponsor is the best match among our executives (level ≤ 3, or everyone if none).

    Examples
    --------
    >>> import relgraph as rg
    >>> t = recommend_targets(rg.datasets.tiny(), k=2)
    >>> t[["person", "objective", "move", "reach", "owner_a"]].values.tolist()
    [['p1', 'neutralise', 1, 1.0, 'u2'], ['p2', 'mobilise', 1, 1.0, 'u1']]
    """
    if k is not None and k < 1:
        raise RelgraphError(f"k must be at least 1; got {k!r}")
    if hours <= 0 or max_load < 1:
        raise RelgraphError(f"hours and max_load must be positive; got {hours!r}, {max_load!r}")
    ours = list(net.our_people())
    limit: int | None = k
    hours_left: dict[str, float] | None = None
    if isinstance(capacity, Mapping):
        hours_left = {}
        for who, h in capacity.items():
            pid = net.resolve_person(str(who))
            if pid not in ours:
                raise RelgraphError(f"capacity given for {pid!r}, not one of our people")
            hours_left[pid] = float(h)
    elif capacity is not None:
        if int(capacity) < 1:
            raise RelgraphError(f"capacity must be at least 1 target; got {capacity!r}")
        limit = int(capacity) if k is None else min(int(capacity), k)
    elif k is None:
        limit = 10
    s = net.settings if settings is None else settings
    ctx = _Ctx(net, opportunity, s, _as_date(as_of) if as_of is not None else _as_date(None))

    lev_f = leverage(net, ctx.opp, settings=s)
    lev = pd.Series(lev_f["leverage"].to_numpy(float), index=lev_f["person"].astype(str))
    counter: dict[str, tuple[str, int | None]] = {}
    for comp, cands in _parity(ctx, lev, include_sensitive)[1].items():
        for p in cands:
            counter.setdefault(p, (comp, ctx.lvl(p)))

    ids = net.person_ids
    att = ctx.attitude.reindex(ids).fillna(0).to_numpy(dtype=float).round().astype(int)
    goal = np.array([GOAL_ATTITUDE[int(a)] for a in np.clip(att, -3, 3)])
    move = goal - att
    levv = lev.reindex(ids).fillna(0.0).to_numpy(float)
    outside = ctx.party.reindex(ids).isin(["us", "competitor"]).to_numpy()
    dnc = ctx.dnc.reindex(ids).to_numpy(dtype=bool)
    ub = levv * move
    ok = (~outside) & (~dnc) & (ub > 0)
    covered = np.array([bool(ctx.owners.get(p)) for p in ids])
    reach = np.where(covered, 1.0, np.nan)  # NaN: route not looked up yet
    boost = np.zeros(len(ids))  # reach through targets picked earlier
    route_text = np.full(len(ids), "", dtype=object)
    route_src = np.full(len(ids), "", dtype=object)
    via_text = np.full(len(ids), "", dtype=object)
    for c in np.flatnonzero(covered).tolist():
        route_text[c] = say("tgt_reach_covered", owners=", ".join(ctx.owners[str(ids[c])]))
    order = np.flatnonzero(ok)
    order = order[np.lexsort((ids.to_numpy()[order], -ub[order]))]
    batch = 2 * (limit or 10) + 10
    pos = 0  # next index into `order` whose route is not yet known

    def fetch(upto: int) -> None:
        nonlocal pos
        want = [i for i in order[pos:upto] if np.isnan(reach[i])]
        pos = max(pos, upto)
        if not want:
            return
        r = routes_to_many(net, list(ids[want]), include_sensitive=include_sensitive)
        r = r.set_index(r["target"].astype(str))
        for i in want:
            pid = ids[i]
            reach[i] = float(r.at[pid, "best_strength"]) if pid in r.index else 0.0
            route_text[i] = str(r.at[pid, "best_route"]) if pid in r.index else ""
            route_src[i] = str(r.at[pid, "best_source"]) if pid in r.index else ""

    fetch(batch)
    contact = net.adjacency(symmetric=True, include_sensitive=include_sensitive).tocsr()
    load = {str(k_): int(v) for k_, v in our_load(net).items()}
    execs = [o for o in ours if ctx.lvl(o) is not None and (ctx.lvl(o) or 9) <= 3] or ours
    chosen: list[dict[str, Any]] = []
    skipped: set[int] = set()
    changes: dict[str, float] = {}
    while limit is None or len(chosen) < limit:
        known = order[:pos]
        eff = np.maximum(np.nan_to_num(reach[known]), boost[known])
        gains = np.where(np.isnan(reach[known]), 0.0, ub[known] * eff)
        if skipped:
            gains[np.isin(known, list(skipped))] = 0.0
        best = int(np.argmax(gains)) if len(gains) else -1
        best_gain = gains[best] if best >= 0 else 0.0
        if pos < len(order) and ub[order[pos]] > best_gain:
            fetch(pos + batch)
            continue
        if best < 0 or best_gain <= 0:
            break
        i = int(known[best])
        pid = str(ids[i])
        a, b = _owner_pick(
            net,
            pid,
            ctx.owners.get(pid, []),
            str(route_src[i]),
            load,
            hours_left,
            hours,
            max_load,
            include_sensitive,
        )
        if not a:
            skipped.add(i)
            continue
        load[a] = load.get(a, 0) + (0 if a in ctx.owners.get(pid, []) else 1)
        if b:
            load[b] = load.get(b, 0) + (0 if b in ctx.owners.get(pid, []) else 1)
        if hours_left is not None:
            hours_left[a] -= hours
            if b:
                hours_left[b] -= hours / 2
        spon = match_sponsor(
            net,
            pid,
            candidates=execs,
            max_load=max_load,
            include_sensitive=include_sensitive,
            load=load,
        )
        sponsor = str(spon["sponsor"].iloc[0]) if len(spon) else ""
        g = float(best_gain)
        r_i = float(max(reach[i], boost[i]))
        comp, lvl = counter.get(pid, ("", ctx.lvl(pid)))
        a0, g0 = int(att[i]), int(goal[i])
        if comp:
            objective = "counter"
            obj_text = say("tgt_obj_counter", competitor=ctx.comp_names.get(comp, comp), level=lvl)
        else:
            objective = "neutralise" if a0 < 0 else ("convert" if a0 == 0 else "mobilise")
            obj_text = say(f"tgt_obj_{objective}")
        why = say(
            "tgt_why",
            objective=obj_text,
            gain=g,
            leverage=float(levv[i]),
            move=int(move[i]),
            frm=a0,
            to=g0,
            reach=r_i,
            how=(via_text[i] if boost[i] > np.nan_to_num(reach[i]) else route_text[i])
            or say("tgt_reach_none"),
            a=net.labels[a] if a else "-",
            b=net.labels[b] if b else say("tgt_no_b"),
            sponsor=net.labels[sponsor] if sponsor else "-",
        )
        chosen.append(
            {
                "rank": len(chosen) + 1,
                "person": pid,
                "name": str(net.labels[pid]),
                "objective": objective,
                "competitor": comp,
                "level": lvl if lvl is not None else pd.NA,
                "attitude": a0,
                "goal": g0,
                "move": int(move[i]),
                "leverage": float(levv[i]),
                "reach": r_i,
                "gain": g,
                "owner_a": a,
                "owner_b": b,
                "sponsor": sponsor,
                "route": str(via_text[i] if boost[i] > np.nan_to_num(reach[i]) else route_text[i]),
                "why": why,
            }
        )
        changes[pid] = float(att[i] + r_i * move[i])
        skipped.add(i)
        # Re-evaluate: a picked future supporter is now a contact who can introduce us.
        lo, hi = (contact.indptr[i], contact.indptr[i + 1]) if goal[i] >= 1 else (0, 0)
        for j, st in zip(contact.indices[lo:hi], contact.data[lo:hi], strict=True):
            via = r_i * float(st)
            if ok[j] and int(j) not in skipped and via > max(np.nan_to_num(reach[j]), boost[j]):
                boost[j] = via
                via_text[j] = say("tgt_reach_via", who=net.labels[pid], strength=float(st))
    out = pd.DataFrame(chosen, columns=TARGET_COLUMNS)
    out["level"] = out["level"].astype("Int64")
    for col in ("rank", "attitude", "goal", "move"):
        out[col] = out[col].astype(int)
    for col in ("leverage", "reach", "gain"):
        out[col] = out[col].astype(float)
    fetched = order[:pos]
    out.attrs["total_gain"] = float(out["gain"].sum()) if len(out) else 0.0
    out.attrs["unreachable"] = [str(ids[i]) for i in fetched if reach[i] == 0 and boost[i] == 0]
    out.attrs["changes"] = changes
    if math.isnan(out.attrs["total_gain"]):
        out.attrs["total_gain"] = 0.0
    return out

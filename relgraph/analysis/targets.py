"""Whom to work on next: targets ranked by expected gain in our support index (DOMAIN.md §6)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from relgraph.analysis.coverage.context import Context
from relgraph.analysis.coverage.parity import parity
from relgraph.analysis.coverage.tables import route_texts
from relgraph.analysis.influence.support import leverage
from relgraph.analysis.paths.graph import RouteRules
from relgraph.analysis.paths.reach import best_routes
from relgraph.analysis.sponsors import _ranked, _scores, our_load
from relgraph.checks import check_date
from relgraph.errors import RelgraphError
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


def recommend_targets(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    capacity: int | Mapping[str, float] | None = None,
    k: int | None = None,
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
    - reach_i = the strength of the best route from our team, the same for everyone,
      covered or not (a ``covers`` tie is a one-hop route of its own strength): product
      of tie strengths over at most ``settings.max_hops`` hops, no sensitive ties unless
      ``include_sensitive``, never through or to a do-not-contact person; equal to
      ``best_strength`` of :func:`relgraph.routes_to_many`, found for everyone by one
      hop-bounded multi-source search.

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
    Level parity (DOMAIN.md §5.1) reserves places: with a number of targets as the
    limit, once the first target is picked and the places left are no more than the
    competitors whose level-parity gap (see :func:`relgraph.coverage`) no pick has
    addressed yet, only those gaps' candidates are eligible (the best gain among them),
    so every such gap gets a "counter" target when anyone reachable can restore parity.

    Owners and sponsor come from the :func:`relgraph.match_sponsor` score (level parity,
    business, existing tie, load). The sponsor is the best-scoring of our executives
    (level ≤ 3, or everyone if none). A is an existing owner when there is one (else the
    best match); B a second existing owner, else the best other match who is not the
    sponsor (the sponsor's time goes to the executive relationship, not to the backup
    role).

    Examples
    --------
    >>> import relgraph as rg
    >>> t = recommend_targets(rg.datasets.tiny(), k=2)
    >>> t[["person", "objective", "move", "reach", "owner_a"]].round(2).values.tolist()
    [['p1', 'neutralise', 1, 0.7, 'u2'], ['p4', 'counter', 1, 0.56, 'u1']]
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
    ctx = Context.of(net, opportunity, check_date("as_of", as_of, default=net.as_of))

    lev_f = leverage(net, ctx.opp)
    lev = pd.Series(lev_f["leverage"].to_numpy(float), index=lev_f["person"].astype(str))
    ids = net.person_ids
    pos_of = ctx.pos
    counter: dict[str, tuple[str, int | None]] = {}
    pending: dict[str, set[int]] = {}  # level-parity gaps not yet addressed: candidates
    for comp, cands in parity(ctx, lev, include_sensitive).candidates.items():
        pending[comp] = {pos_of[p] for p in cands}
        for p in cands:
            counter.setdefault(p, (comp, ctx.lvl(p)))

    att = np.clip(np.nan_to_num(ctx.att_a, nan=0.0).round().astype(int), -3, 3)
    goal = np.array([GOAL_ATTITUDE[int(a)] for a in range(-3, 4)])[att + 3]
    move = goal - att
    levv = lev.reindex(ctx.ids_a).fillna(0.0).to_numpy(float)
    outside = (ctx.party_a == "us") | (ctx.party_a == "competitor")
    ub = levv * move
    ok = (~outside) & (~ctx.dnc_a) & (ub > 0)
    rules = RouteRules(include_sensitive=include_sensitive)
    r = best_routes(net, rules)
    reach = r.strength
    boost = np.zeros(len(ids))  # reach through targets picked earlier
    via_text = np.full(len(ids), "", dtype=object)
    contact = net.adjacency(symmetric=True, include_sensitive=include_sensitive).tocsr()
    ours = [str(o) for o in ours]
    load = {str(k_): int(v) for k_, v in our_load(net).items()}
    execs = [o for o in ours if (ctx.lvl(o) or 9) <= 3] or ours
    labels = ctx.labels_d
    chosen: list[dict[str, Any]] = []
    changes: dict[str, float] = {}
    live = np.flatnonzero(ok)  # candidates still open
    id_rank = ctx.id_rank()
    live_ub = ub[live]
    while limit is None or len(chosen) < limit:
        if not len(live):
            break
        gains = live_ub * np.maximum(reach[live], boost[live])
        slots = None if limit is None else limit - len(chosen)
        if pending and chosen and slots is not None and slots <= len(pending):
            # keep the last slots for the level-parity gaps not addressed yet
            want = set().union(*pending.values())
            mask = np.isin(live, list(want))
            if (gains[mask] > 0).any():
                gains = np.where(mask, gains, 0.0)
            else:
                pending.clear()  # nobody reachable can restore parity
        # the largest gain, ties to the lowest id (as a lexsort by (-gain, id) would)
        top = np.flatnonzero(gains == gains.max()) if not np.isnan(gains).any() else None
        if top is None:
            best = int(np.lexsort((id_rank[live], -gains))[0])
        else:
            best = int(top[np.argmin(id_rank[live[top]])])
        if gains[best] <= 0:
            break
        i = int(live[best])
        g = float(gains[best])
        live = np.delete(live, best)
        live_ub = np.delete(live_ub, best)
        pid = str(ids[i])
        existing = list(ctx.owners.get(pid, ()))
        a, b, sponsor = _people_for(
            net, i, existing, ours, execs, load, hours_left, hours, max_load, include_sensitive
        )
        if not a:
            continue  # nobody has the hours: skipped
        load[a] = load.get(a, 0) + (0 if a in existing else 1)
        if b:
            load[b] = load.get(b, 0) + (0 if b in existing else 1)
        if hours_left is not None:
            hours_left[a] -= hours
            if b:
                hours_left[b] -= hours / 2
        r_i = float(max(reach[i], boost[i]))
        addressed = [c for c, cs in pending.items() if i in cs]
        for c in addressed:
            del pending[c]
        comp, lvl = counter.get(pid, ("", ctx.lvl(pid)))
        if addressed:
            comp = addressed[0]
        a0, g0 = int(att[i]), int(goal[i])
        if comp:
            objective = "counter"
            obj_text = say("tgt_obj_counter", competitor=ctx.comp(comp), level=lvl)
        else:
            objective = "neutralise" if a0 < 0 else ("convert" if a0 == 0 else "mobilise")
            obj_text = say(f"tgt_obj_{objective}")
        route = str(via_text[i]) if boost[i] > reach[i] else route_texts(ctx, rules, r, [i])[0]
        why = say(
            "tgt_why",
            objective=obj_text,
            gain=g,
            leverage=float(levv[i]),
            move=int(move[i]),
            frm=a0,
            to=g0,
            reach=r_i,
            how=route or say("tgt_reach_none"),
            a=labels[a] if a else "-",
            b=labels[b] if b else say("tgt_no_b"),
            sponsor=labels[sponsor] if sponsor else "-",
        )
        if existing:
            why += say("tgt_existing", owners=", ".join(labels[o] for o in existing))
        chosen.append(
            {
                "rank": len(chosen) + 1,
                "person": pid,
                "name": labels[pid],
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
                "route": route,
                "why": why,
            }
        )
        changes[pid] = float(att[i] + r_i * move[i])
        # Re-evaluate: a picked future supporter is now a contact who can introduce us.
        lo, hi = (contact.indptr[i], contact.indptr[i + 1]) if goal[i] >= 1 else (0, 0)
        for j, st in zip(
            contact.indices[lo:hi].tolist(), contact.data[lo:hi].tolist(), strict=True
        ):
            via = r_i * float(st)
            if ok[j] and via > max(reach[j], boost[j]):
                boost[j] = via
                via_text[j] = say("tgt_reach_via", who=labels[pid], strength=float(st))
    out = pd.DataFrame(chosen, columns=TARGET_COLUMNS)
    out["level"] = out["level"].astype("Int64")
    for col in ("rank", "attitude", "goal", "move"):
        out[col] = out[col].astype(int)
    for col in ("leverage", "reach", "gain"):
        out[col] = out[col].astype(float)
    out.attrs["total_gain"] = float(out["gain"].sum()) if len(out) else 0.0
    lost = np.flatnonzero(ok & (reach <= 0) & (boost <= 0))
    lost = lost[np.lexsort((id_rank[lost], -ub[lost]))]
    out.attrs["unreachable"] = [str(x) for x in ctx.ids_a[lost].tolist()]
    out.attrs["changes"] = changes
    if math.isnan(out.attrs["total_gain"]):
        out.attrs["total_gain"] = 0.0
    return out


def _people_for(
    net: RelationshipNetwork,
    i: int,
    existing: list[str],
    ours: list[str],
    execs: list[str],
    load: dict[str, int],
    hours_left: dict[str, float] | None,
    hours: float,
    max_load: int,
    include_sensitive: bool,
) -> tuple[str, str, str]:
    """Owner A, owner B and sponsor for one target (see :func:`recommend_targets`)."""
    sc = _scores(net, i, ours, max_load=max_load, include_sensitive=include_sensitive, load=load)
    order = [ours[j] for j in _ranked(sc, ours).tolist()]
    exec_set = set(execs)
    sponsor = next((o for o in order if o in exec_set), "")

    def free(o: str, cost: float) -> bool:
        return hours_left is None or hours_left.get(o, 0.0) >= cost - 1e-9

    first = [o for o in order if o in existing]
    a = next((o for o in first + order if free(o, hours)), "")
    rest = [o for o in order if o != a and (o in existing or o != sponsor)]
    b_first = [o for o in rest if o in existing]
    b = next((o for o in b_first + rest if free(o, hours / 2)), "")
    return a, b, sponsor

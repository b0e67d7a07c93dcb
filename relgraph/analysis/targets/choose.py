"""Whom to work on next: a greedy pick of the best expected gains under the team's capacity."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from relgraph._tie_arrays import person_id_array
from relgraph.analysis.coverage.context import Context
from relgraph.analysis.paths.graph import other_side, route_graph
from relgraph.analysis.targets.candidates import CANDIDATE_COLUMNS, Candidates, candidates
from relgraph.analysis.targets.people import MAX_OWNER_A, Staffing, staff
from relgraph.analysis.targets.words import route_texts, target_why
from relgraph.checks import (
    check_bool,
    check_date,
    check_float,
    check_int,
    check_optional_int,
    invalid,
)
from relgraph.network import RelationshipNetwork
from relgraph.privacy import withhold_people
from relgraph.text import message

__all__ = ["TARGET_COLUMNS", "recommend_targets"]

#: Columns of the frame returned by :func:`recommend_targets`.
TARGET_COLUMNS = [
    "rank",
    "person",
    "name",
    "objective",
    "competitor",
    "sways",
    "level",
    "attitude",
    "goal",
    "move",
    "leverage",
    "reach",
    "feasibility",
    "gain",
    "expected",
    "owner_a",
    "owner_b",
    "sponsor",
    "route",
    "path",
    "do_not_contact",
    "why",
]


@dataclass
class _Pick:
    """The state of the greedy selection."""

    cand: Candidates
    limit: int | None
    live: np.ndarray  # positions (rows of net.people) still open
    boost: np.ndarray  # reach through targets picked earlier
    via: dict[int, tuple[tuple[int, ...], str]] = field(default_factory=dict)  # boosted path
    chosen: list[dict[str, Any]] = field(default_factory=list)
    #: gain with owner A's own (weaker) route, found when the candidate was last on top
    owned: dict[int, float] = field(default_factory=dict)
    #: per person: leverage × move × feasibility, and reach (set by the first pick)
    base: tuple[np.ndarray, np.ndarray] | None = None
    #: next in line but nobody of ours had room to own them: (position, route, how many
    #: were picked by then), in the order they were passed over
    skipped: list[tuple[int, tuple[tuple[int, ...], float, str], int]] = field(default_factory=list)


def recommend_targets(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    capacity: int | Mapping[str, float] | None = None,
    k: int | None = None,
    hours: float = 40.0,
    max_load: int = 8,
    max_owner_a: int = MAX_OWNER_A,
    include_sensitive: bool = False,
    include_do_not_contact: bool = False,
    as_of: _dt.date | str | None = None,
) -> pd.DataFrame:
    """Rank whom to work on next, with owners, sponsor and route (DOMAIN.md §6).

    Parameters
    ----------
    net : RelationshipNetwork
        The network; every default number comes from ``net.settings``.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    capacity : int or Mapping of str to float, optional
        The team's capacity in the cycle: an int is a number of targets; a mapping gives
        the hours each of our people can spend (a target costs ``hours`` to its owner A and
        ``hours / 2`` to owner B, and is skipped when nobody has enough left). None: no
        overall limit (see ``k``).
    k : int, optional
        At most this many targets; 10 when neither ``k`` nor ``capacity`` is given.
    hours : float
        Hours one target costs its owner A over the cycle (B spends half).
    max_load : int
        How many customer people one of our people can own (the load term of owner and
        sponsor matching).
    max_owner_a : int
        How many of the targets one person of ours may be owner A of (3 by default,
        ``MAX_OWNER_A`` in :mod:`relgraph.analysis.targets.people`); our top executives at most
        half of it, rounded up. A target nobody may own is skipped.
    include_sensitive : bool
        Let routes use sensitive ties (family, neighbour …). Off by default.
    include_do_not_contact : bool
        Let do-not-contact people be targets, owners, sponsors or route steps. Off by default.
    as_of : date or str, optional
        The day owners' and attitudes' ages are measured on (``net.settings.as_of`` when
        omitted); the ranking itself does not depend on it.

    Returns
    -------
    pandas.DataFrame
        One row per chosen target, in the order picked (columns :data:`TARGET_COLUMNS`):
        ``rank``, ``person``, ``name``, ``objective`` (``neutralise``, ``convert``,
        ``mobilise``, ``work_through`` — make an advocate of someone an entrenched opponent
        listens to, named in ``sways`` — or ``counter`` competitor ``competitor``'s top
        supporter, restoring level parity), ``level``, ``attitude`` (blank counts as 0),
        ``goal``, ``move``, ``leverage``, ``reach``, ``feasibility``, ``gain``,
        ``expected`` (the attitude the plan should leave: attitude + reach × feasibility ×
        move), ``owner_a``, ``owner_b``, ``sponsor``, ``route`` and ``path`` (the one route
        the plan uses), ``do_not_contact`` and ``why`` (every term of the gain, and why
        this target ranks above the next). The sum of ``gain`` is the expected change of
        our support index; :func:`target_candidates` lists everyone considered.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    InvalidParameterError
        For a non-positive ``k``, ``capacity``, ``hours``, ``max_load`` or ``max_owner_a``,
        or hours given for someone not on our team.

    Notes
    -----
    gain_i = leverage_i × move_i × reach_i × feasibility_i, where

    - leverage_i = ∂I/∂x0_i (:func:`relgraph.leverage`);
    - move_i = goal − attitude: opponents to neutral, neutrals to +1, supporters one point
      further (+3 has no move); someone who sways an entrenched opponent (a competitor's
      supporter backing at least ``settings.entrenched_backing``, or anyone at −2 or
      below), and is not on the other side, gets goal +2 (an advocate) and the objective
      ``work_through``;
    - reach_i = the strength of our best route (the route engine's team reach: product of
      tie strengths, at most ``settings.max_hops`` hops, nobody on the other side or
      do-not-contact as a middle step, sensitive ties only with ``include_sensitive``);
    - feasibility_i = f_backing × f_distance × f_susceptibility × f_upkeep, with f_backing
      = max(0, 1 − ``backing_resistance`` × backing) (backing 0..3, 2 when a supporter's
      strength is blank), f_distance = ``move_resistance`` ^ (move − 1), f_susceptibility =
      min(1, λ_i / ``settings.susceptibility``) where the person's susceptibility is given
      (else 1), f_upkeep = ``upkeep_factor`` ^ owners for supporters at +2 or more (else 1).

    reach × feasibility reads as the share of the move the plan achieves, so the expected
    attitude is attitude + reach × feasibility × move, and because our index is linear in
    initial attitudes (Friedkin–Johnsen) the gains add up exactly: their sum equals the
    index change :func:`relgraph.simulate` predicts with ``changes`` = the ``expected``
    column.

    Greedy selection: repeatedly pick the largest gain (ties by id), then re-evaluate — a
    picked person whose goal is a supporter (+1 or more) and who is not on the other side
    becomes a contact who can introduce us, so anyone with a direct tie of strength s to
    them gets reach max(reach, reach_picked × s); the owners' loads (and hours) are
    updated, and a target nobody has hours for is skipped. Level parity (DOMAIN.md §5.1)
    reserves places: once the places left are no more than the competitors whose
    level-parity gap no pick has addressed, only those gaps' candidates are eligible.

    Owners and sponsor (:mod:`relgraph.analysis.targets.people`): owner A is the existing
    owner with the strongest relationship, else the person of ours the route starts from,
    else the best :func:`relgraph.match_sponsor` match — the first with room (at most
    ``max_owner_a`` targets; our top executives own only targets at their level or above,
    at most half as many). When owner A has a direct tie to the target and the best route
    starts with someone else, the route is owner A's own tie (reach, gain and expected
    follow it, and a candidate whose gain drops that way below the next best is weighed
    again with the rest before it is picked, so gains fall in pick order); otherwise owner
    A is the one the route introduces. The sponsor is one of our executives senior to both
    owners (reporting line, else level), never one of them.

    Role holders of the opportunity whom no route reaches, and whose gain with a route
    (leverage × move × feasibility) would have earned a place (at least the smallest gain
    picked), follow the picks as extra rows (``reach`` and ``gain`` 0, no ``path``, owners
    when anyone has room): they need a new way in, and ``why`` says so. They do not count
    toward ``k`` or ``capacity``.

    A candidate who was next in line but whom nobody of ours has room to own (every one of
    ours who may own them is at ``max_owner_a``, at ``max_load`` or out of hours) is not
    dropped silently: such people follow as rows without owners whose ``why`` says
    nobody has room — in the order they were passed over, those passed over before
    someone picked later, and more until the table has ``k`` rows (10 when ``k`` is not
    given); at most ``k`` of them. They do not count toward ``k`` or ``capacity`` either;
    the plan turns each into one action: find an owner.

    Examples
    --------
    The CEO Ann backs the competitor at strength 2 (entrenched): rather than at Ann
    head-on, we work on the people she listens to — the board member Di (who also restores
    level parity against Rival) and the CTO Bo.

    >>> import relgraph as rg
    >>> t = recommend_targets(rg.datasets.tiny(), k=2)
    >>> t[["person", "objective", "sways", "move", "owner_a", "sponsor"]].values.tolist()
    [['p4', 'counter', 'p1', 2, 'u1', 'u2'], ['p2', 'work_through', 'p1', 1, 'u1', 'u2']]
    """
    limit, hours_left = _limits(net, capacity, k, hours, max_load)
    max_owner_a = check_int("max_owner_a", max_owner_a, minimum=1)
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    include_do_not_contact = check_bool("include_do_not_contact", include_do_not_contact)
    ctx = Context.of(net, opportunity, check_date("as_of", as_of, default=net.as_of))
    cand = candidates(
        net,
        ctx,
        include_sensitive=include_sensitive,
        include_do_not_contact=include_do_not_contact,
    )
    team = staff(
        net,
        ctx,
        hours_left,
        hours,
        max_load,
        max_owner_a,
        include_sensitive,
        include_do_not_contact,
    )
    pick = _Pick(cand, limit, cand.frame.index.to_numpy(), np.zeros(net.n_people))
    while limit is None or len(pick.chosen) < limit:
        if not _pick_next(net, pick, team):
            break
    picked = len(pick.chosen)
    _unreached(net, pick, team)
    _no_room(net, pick, picked)
    return _frame(net, pick)


def _limits(
    net: RelationshipNetwork,
    capacity: int | Mapping[str, float] | None,
    k: int | None,
    hours: float,
    max_load: int,
) -> tuple[int | None, dict[str, float] | None]:
    """Return the number of targets allowed and the hours per person of ours (checked)."""
    k = check_optional_int("k", k, minimum=1)
    check_float("hours", hours, minimum=0, open_minimum=True)
    check_int("max_load", max_load, minimum=1)
    if isinstance(capacity, Mapping):
        ours = set(net.our_people())
        hours_left = {}
        for who, h in capacity.items():
            pid = net.resolve_person(str(who))
            if pid not in ours:
                expected = message("exp_our_person_of", ids=", ".join(sorted(ours)))
                raise invalid("capacity", who, expected)
            hours_left[pid] = check_float(f"capacity[{who!r}]", h, minimum=0)
        return k, hours_left
    if capacity is not None:
        cap = check_int("capacity", capacity, minimum=1)
        return (cap if k is None else min(cap, k)), None
    return (10 if k is None else k), None


def _gains(pick: _Pick) -> np.ndarray:
    if pick.base is None:  # the same for every pick
        f = pick.cand.frame
        base = np.zeros(len(pick.boost))
        base[f.index.to_numpy()] = (f["leverage"] * f["move"] * f["feasibility"]).to_numpy(float)
        pick.base = base, pick.cand.reach.strength
    base, reach = pick.base
    gains: np.ndarray = base[pick.live] * np.maximum(reach[pick.live], pick.boost[pick.live])
    if pick.owned:
        for n in np.flatnonzero(np.isin(pick.live, list(pick.owned))).tolist():
            gains[n] = min(gains[n], pick.owned[int(pick.live[n])])
    return gains


def _eligible(pick: _Pick, gains: np.ndarray) -> np.ndarray:
    """Keep the last places for the level-parity gaps not addressed yet."""
    pending = pick.cand.pending
    slots = None if pick.limit is None else pick.limit - len(pick.chosen)
    if not (pending and pick.chosen and slots is not None and slots <= len(pending)):
        return gains
    want = {pick.cand.ctx.pos[p] for cs in pending.values() for p in cs}
    mask = np.isin(pick.live, list(want))
    if (gains[mask] > 0).any():
        return np.where(mask, gains, 0.0)
    pending.clear()  # nobody reachable can restore parity
    return gains


def _pick_next(net: RelationshipNetwork, pick: _Pick, team: Staffing) -> bool:
    """Pick the best remaining candidate; False when nobody is worth picking."""
    if not len(pick.live):
        return False
    gains = _eligible(pick, _gains(pick))
    rank = pick.cand.ctx.id_rank()[pick.live]
    order = np.lexsort((rank, -gains))
    best = int(order[0])
    if not gains[best] > 0:
        return False
    i = int(pick.live[best])
    route = _route(pick, i)
    start = str(person_id_array(net)[route[0][0]]) if route[0] else ""
    people = team.assign(i, start, book=False)
    if people is None:
        pick.live = np.delete(pick.live, best)
        pick.skipped.append((i, route, len(pick.chosen)))  # listed after the picks
        return True
    route = _owners_route(net, pick, i, route, people[0])
    f = pick.cand.row(i)
    gain = float(f["leverage"] * f["move"] * f["feasibility"]) * route[1]
    runner_up = float(gains[order[1]]) if len(order) > 1 else 0.0
    if gain < runner_up and pick.owned.get(i) != gain:
        pick.owned[i] = gain  # owner A's own route is weaker: weigh it again with the rest
        return True
    pick.live = np.delete(pick.live, best)
    team.book(i, people)
    row = _row(net, pick, i, route, people)
    pick.chosen.append(row)
    for comp in [c for c, cs in pick.cand.pending.items() if row["person"] in cs]:
        del pick.cand.pending[comp]
    if row["goal"] >= 1 and not other_side(net)[i]:
        _spread(net, pick, i, float(row["reach"]), row["path"])
    return True


def _spread(
    net: RelationshipNetwork, pick: _Pick, i: int, r_i: float, path: tuple[int, ...]
) -> None:
    """Let a picked future supporter introduce us to their direct contacts (raise their reach)."""
    contact = net.adjacency(symmetric=True, include_sensitive=pick.cand.rules.include_sensitive)
    lo, hi = contact.indptr[i], contact.indptr[i + 1]
    rows = pick.cand.frame.index.to_numpy()
    reach = np.zeros(net.n_people)  # the candidates' reach, 0 for everyone else
    reach[rows] = pick.cand.reach.strength[rows]
    open_ = np.zeros(net.n_people, bool)
    open_[pick.live] = True
    who = str(net.labels.iat[i])
    for j, st in zip(contact.indices[lo:hi].tolist(), contact.data[lo:hi].tolist(), strict=True):
        via = r_i * float(st)
        if open_[j] and via > max(reach[j], pick.boost[j]):
            pick.boost[j] = via
            pick.via[j] = (path + (j,), who)
            pick.owned.pop(j, None)


def _route(pick: _Pick, i: int) -> tuple[tuple[int, ...], float, str]:
    """Return the best route to ``i``: path, strength and the earlier pick it goes through."""
    f = pick.cand.row(i)
    if i in pick.via and pick.boost[i] > float(f["reach"]):
        return pick.via[i][0], float(pick.boost[i]), pick.via[i][1]
    return pick.cand.reach.path(i), float(f["reach"]), ""


def _owners_route(
    net: RelationshipNetwork, pick: _Pick, i: int, route: tuple[tuple[int, ...], float, str], a: str
) -> tuple[tuple[int, ...], float, str]:
    """Prefer owner A's own direct tie to the target over a route from a colleague."""
    path = route[0]
    if not (path and a):
        return route
    pa = pick.cand.ctx.pos[a]
    if path[0] == pa:
        return route
    s = route_graph(net, pick.cand.rules).real.strength_of(pa, i)
    return ((pa, i), s, "") if s > 0 else route


def _row(
    net: RelationshipNetwork,
    pick: _Pick,
    i: int,
    route: tuple[tuple[int, ...], float, str],
    people: tuple[str, str, str],
    *,
    new_way_in: bool = False,
    no_room: bool = False,
) -> dict[str, Any]:
    f = pick.cand.row(i)
    path, reach, via = route
    att, move = int(f["attitude"]), int(f["move"])
    feas = float(f["feasibility"])
    worked = not no_room  # nobody works on a person nobody has room to own: gain 0 for now
    gain = float(f["leverage"]) * move * reach * feas if worked else 0.0
    return {
        "rank": len(pick.chosen) + 1,
        "person": str(f["person"]),
        "name": str(net.labels.iat[i]),
        "objective": str(f["objective"]),
        "competitor": str(f["competitor"]),
        "sways": str(f["sways"]),
        "level": pick.cand.ctx.lvl(str(f["person"])),
        "attitude": att,
        "goal": int(f["goal"]),
        "move": move,
        "leverage": float(f["leverage"]),
        "reach": reach,
        "feasibility": feas,
        "gain": gain,
        "expected": att + reach * feas * move if worked else float(att),
        "owner_a": people[0],
        "owner_b": people[1],
        "sponsor": people[2],
        "path": tuple(int(x) for x in path),
        "via": via,
        "new_way_in": new_way_in,
        "no_room": no_room,
        "do_not_contact": bool(f["do_not_contact"]),
    }


def _unreached(net: RelationshipNetwork, pick: _Pick, team: Staffing) -> None:
    """Add the role holders no route reaches whose gain with a route would earn a place."""
    f = pick.cand.frame
    ctx = pick.cand.ctx
    holders = ctx.mask(ctx.power_d)  # role holders, by position
    bar = min((r["gain"] for r in pick.chosen), default=0.0)
    potential = (f["leverage"] * f["move"] * f["feasibility"]).to_numpy(float)
    rows = f.index.to_numpy()
    unreached = (f["reach"].to_numpy(float) <= 0) & (pick.boost[rows] <= 0)
    keep = unreached & holders[rows] & (potential >= bar)
    keep &= potential > 0
    order = np.lexsort((ctx.id_rank()[rows[keep]], -potential[keep]))
    for i in rows[keep][order].tolist():
        people = team.assign(int(i)) or ("", "", "")  # no route: nothing to prefer
        pick.chosen.append(_row(net, pick, int(i), ((), 0.0, ""), people, new_way_in=True))


def _no_room(net: RelationshipNetwork, pick: _Pick, picked: int) -> None:
    """Add the people passed over because nobody of ours had room to own them (no owners).

    In the order they were passed over: those passed over before a later pick (``picked``
    picks in all), and more until the table has ``k`` rows (10 without ``k``); at most
    ``k`` of them.
    """
    k = pick.limit or 10
    before = sum(1 for *_, n_picked in pick.skipped if n_picked < picked)
    shown = max(k - len(pick.chosen), min(before, k))
    for i, route, _ in pick.skipped[:shown]:
        pick.chosen.append(_row(net, pick, i, route, ("", "", ""), no_room=True))


def _frame(net: RelationshipNetwork, pick: _Pick) -> pd.DataFrame:
    rows = pick.chosen
    routes = route_texts(net, pick.cand, [row["path"] for row in rows])
    for n, (row, route) in enumerate(zip(rows, routes, strict=True)):
        nxt = rows[n + 1] if n + 1 < len(rows) else None
        if nxt is not None and (nxt["new_way_in"] or nxt["no_room"] or nxt["gain"] > row["gain"]):
            nxt = None  # rows that need a new way in or an owner follow the ranking
        row["route"], row["why"] = route, target_why(net, pick.cand, row, nxt, route)
        row["path"] = tuple(str(person_id_array(net)[p]) for p in row["path"])
    typed: dict[str, Any] = {"level": "Int64", "do_not_contact": bool}
    typed |= dict.fromkeys(("rank", "attitude", "goal", "move"), int)
    typed |= dict.fromkeys(("leverage", "reach", "feasibility", "gain", "expected"), float)
    columns = {c: [r[c] for r in rows] for c in TARGET_COLUMNS}
    return pd.DataFrame(
        {
            c: pd.array(v, dtype=typed[c]) if c in typed else (v or np.zeros(0, dtype=object))
            for c, v in columns.items()
        },
        columns=TARGET_COLUMNS,
    )


def target_candidates(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    include_sensitive: bool = False,
    include_do_not_contact: bool = False,
) -> pd.DataFrame:
    """Everyone :func:`recommend_targets` considers, with every term of their gain.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    include_sensitive, include_do_not_contact : bool
        As for :func:`recommend_targets`.

    Returns
    -------
    pandas.DataFrame
        One row per person with a feasible move, best gain first (ties by id): ``person,
        name``, then :data:`~relgraph.analysis.targets.candidates.CANDIDATE_COLUMNS`
        (objective, competitor, sways, attitude, goal, move, leverage, reach, backing and
        the four feasibility factors, feasibility, gain, owners, do-not-contact). A row
        with ``reach`` 0 has no route from our team: a gain to unlock with a new tie.
        People known only through sensitive ties are left out unless
        ``include_sensitive`` (``attrs["withheld_people"]`` and ``attrs["withheld_note"]``
        say how many: :func:`relgraph.privacy.withhold_people`).

    Examples
    --------
    >>> import relgraph as rg
    >>> c = target_candidates(rg.datasets.tiny())
    >>> c[["person", "objective", "f_backing", "f_distance", "feasibility"]].round(2)
      person     objective  f_backing  f_distance  feasibility
    0     p4       counter        1.0         0.7          0.7
    1     p2  work_through        1.0         1.0          1.0
    2     p1    neutralise        0.5         1.0          0.5
    3     p3      mobilise        1.0         1.0          0.5
    """
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    ctx = Context.of(net, opportunity, net.as_of)
    cand = candidates(
        net,
        ctx,
        include_sensitive=include_sensitive,
        include_do_not_contact=check_bool("include_do_not_contact", include_do_not_contact),
    )
    f = cand.frame.copy()
    f.insert(1, "name", net.labels.to_numpy()[f.index.to_numpy()])
    order = np.lexsort((ctx.id_rank()[f.index.to_numpy()], -f["gain"].to_numpy(float)))
    f = f.iloc[order].reset_index(drop=True)[["person", "name", *CANDIDATE_COLUMNS[1:]]]
    return withhold_people(f, net, include_sensitive=include_sensitive)

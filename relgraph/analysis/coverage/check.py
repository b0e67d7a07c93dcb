"""The coverage check of one opportunity (DOMAIN.md §5): gather the evidence, run the rules."""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from relgraph.analysis.coverage.context import Context
from relgraph.analysis.coverage.parity import Parity, parity
from relgraph.analysis.coverage.report import CoverageReport
from relgraph.analysis.coverage.rules import Evidence, find_gaps
from relgraph.analysis.coverage.tables import faction_frame, matrix, people_frame, summary
from relgraph.analysis.factions import faction_membership, factions_cap
from relgraph.analysis.influence.hidden import hidden_influencers
from relgraph.analysis.influence.support import ranked_leverage
from relgraph.analysis.interactions import last_contact
from relgraph.analysis.issues import customer_issues
from relgraph.analysis.paths.graph import RouteRules
from relgraph.analysis.paths.reach import best_routes, best_routes_to
from relgraph.analysis.paths.search import TeamReach
from relgraph.checks import check_bool, check_date, check_float, check_int
from relgraph.network import RelationshipNetwork

__all__ = ["ROUTE_EVERYONE_UP_TO", "coverage", "coverage_gaps"]

#: Up to this many people, coverage routes everyone (one cheap search, shared with targets
#: and the plan); above, it re-routes only the key people it shows.
ROUTE_EVERYONE_UP_TO = 20_000


def coverage(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    as_of: _dt.date | str | None = None,
    key_power: float = 0.5,
    include_sensitive: bool = False,
    seed: int = 0,
    with_factions: bool | None = None,
) -> CoverageReport:
    """Check an opportunity's coverage against the rules of DOMAIN.md §5.

    Parameters
    ----------
    net : RelationshipNetwork
        The network; every default number comes from ``net.settings``.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    as_of : datetime.date or str, optional
        The day to measure ages against (stale attitudes, tie ages, last contact), as a
        date or ``YYYY-MM-DD``; ``net.settings.as_of`` (today unless set) when omitted.
    key_power : float
        Role holders with at least this power are key people for the two-channel and
        matching-level rules, and their single-threaded gaps are "high" (default 0.5:
        deciders, approvers and buyers at the default powers).
    include_sensitive : bool
        Use sensitive ties (family, neighbour …) as evidence of sway (level-parity
        candidates) and as routes. Off by default.
    seed : int
        Seed of the community detection used for factions.
    with_factions : bool, optional
        Find factions (Louvain) and check the faction rule. None (default): only when the
        account has at most 1,000 people (networkx's Louvain takes about a quarter of a
        second per thousand people, more than the rest of the report together);
        ``.notes`` says when it was skipped.

    Returns
    -------
    CoverageReport
        ``.people``, ``.gaps``, ``.summary``, ``.matrix``, ``.factions``, ``.notes``.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    InvalidParameterError
        For a ``key_power`` outside 0..1, an ``as_of`` that is not a date, or a flag that is
        not a bool.

    Notes
    -----
    Definitions used by the rules (gap ids in :data:`RULES`; each rule is one function in
    :mod:`relgraph.analysis.coverage.rules`):

    - *supporter* of ours: attitude ≥ +1; a competitor's supporter: ``supports`` names it.
    - *owner*: one of our people with a ``covers`` tie to the person; A/B needs two.
    - *information channel*: the source of an ``informs`` tie to the person (owners are
      relationships, not independent sources, so they do not count). Channels are
      *independent* when neither reports, directly or indirectly, to the other; the count
      keeps only channels none of whose bosses is also a channel.
    - *level parity*: per competitor, their top supporter T in the account (lowest level
      number, then strongest backing, then power). We are at parity when one of our
      supporters S is T's boss (directly or not), sways T directly, or sits at a higher or
      the same level without reporting to T. Someone who reports to T, directly or not, is
      weaker even at the same level. Candidates to restore parity: T's bosses, people with a
      direct tie that sways T (influence weight from the settings; ``reports_to`` bosses
      further up count as weight^distance), and the account's people above T's level —
      never do-not-contact people, competitor staff, or anyone backing a competitor. They
      are ordered by sway on T, then level, then leverage; the best
      :data:`~relgraph.analysis.coverage.parity.MAX_CANDIDATES` are named (the text counts
      the rest).
    - *high leverage* (unmanaged opponent): ranking inside the top N by leverage, N being
      the number of role holders.
    - *stale*: ``updated`` earlier than ``as_of − settings.stale_days``.
    - *stale contact* (only with an interactions log): a role holder who has an owner but
      whose last logged contact (:func:`relgraph.last_contact`) is missing or earlier than
      ``as_of − settings.contact_stale_days``; "medium" for people with at least
      ``key_power``, else "low".
    - *open issue*: a key person (any row of ``.people``) is among the people affected by
      a customer issue that :func:`relgraph.customer_issues` reports open and overdue
      (open longer than ``settings.open_issue_days``); "high" for people with at least
      ``key_power``, else "medium".
    - summary: *many* = share of the account's people with any direct tie to the party's
      staff; *deep* = mean strength of those ties; *long* = median age in years of those
      with a ``since`` date or, failing that, a first logged contact
      (:func:`relgraph.tie_strengths`). ``index`` and ``power_share`` come from
      :func:`relgraph.support_index`.

    ``route_strength`` and ``route`` are the best route from our whole team, the route
    engine's team reach (:mod:`relgraph.analysis.paths`, the same routes as
    :func:`relgraph.routes_to_many`'s ``best_*`` columns without affiliations: product of
    tie strengths, at most ``settings.max_hops`` hops, never through a do-not-contact
    person, sensitive ties only with ``include_sensitive``). Leverage is solved once per
    network and shared by every rule.

    References
    ----------
    DOMAIN.md §5 (the coverage rules of the key-account planning practice).

    Examples
    --------
    >>> import relgraph as rg
    >>> rep = coverage(rg.datasets.tiny(), as_of="2026-01-01")
    >>> for row in rep.gaps[["rule", "person", "competitor"]].head(3).values.tolist():
    ...     print(row)
    ['level_parity', 'p1', 'R']
    ['no_decider_support', 'p1', '']
    ['unowned_influencer', 'p4', '']
    """
    key_power = check_float("key_power", key_power, minimum=0, maximum=1)
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    seed = check_int("seed", seed)
    if with_factions is not None:
        with_factions = check_bool("with_factions", with_factions)
    day = check_date("as_of", as_of, default=net.as_of)
    return _report(net, opportunity, day, key_power, include_sensitive, seed, with_factions)


def coverage_gaps(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    as_of: _dt.date | str | None = None,
    include_sensitive: bool = False,
) -> CoverageReport:
    """:func:`coverage` for a caller that reads only ``.gaps``, ``.summary`` and ``.notes``.

    The same gaps, summary and notes as :func:`coverage` with its defaults; ``.people``
    has the same rows, but no rule reads a route or the reading of a row, so its
    ``route_strength``, ``route`` and ``why`` are left empty (no route search), as is
    ``.matrix``.
    :func:`relgraph.diff` compares two snapshots' gaps with it.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> lean = coverage_gaps(net, as_of="2026-01-01")
    >>> lean.gaps.equals(coverage(net, as_of="2026-01-01").gaps), lean.people["route"].eq("").all()
    (True, np.True_)
    """
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    day = check_date("as_of", as_of, default=net.as_of)
    return _report(net, opportunity, day, 0.5, include_sensitive, 0, None, lean=True)


def _report(
    net: RelationshipNetwork,
    opportunity: str | None,
    day: _dt.date,
    key_power: float,
    include_sensitive: bool,
    seed: int,
    with_factions: bool | None,
    *,
    lean: bool = False,
) -> CoverageReport:
    """Gather the evidence and run the rules (options checked); see :func:`coverage`.

    ``lean``: only what the rules read (see :func:`coverage_gaps`).
    """
    ctx = Context.of(net, opportunity, day)
    notes: list[str] = []
    lev = ranked_leverage(net, ctx.opp)  # everyone's number; rows filtered later
    hid = hidden_influencers(net, ctx.opp, include_sensitive=include_sensitive)
    par = parity(ctx, lev, include_sensitive)
    if (n_withheld := int(hid["person"].eq("").sum())) > 0:
        notes.append(ctx.say("cov_note_withheld_people", n=n_withheld))
    membership = _membership(ctx, seed, include_sensitive, with_factions, notes)
    last, issues = _interactions(ctx, day, notes)
    keys = _key_people(ctx, hid, par)
    hidden = set(hid["person"].astype(str)) - {""}
    reach = None if lean else _reach(ctx, keys, include_sensitive)
    people = people_frame(ctx, keys, lev, hidden, membership, reach, last)
    fac = faction_frame(ctx, membership)
    ev = Evidence(ctx, people, lev, key_power, par.gaps, fac, last is not None, issues)
    gaps = find_gaps(ev)
    for comp, (theirs, ours) in par.held.items():
        notes.append(
            ctx.say(
                "cov_note_parity_holds",
                competitor=ctx.comp(comp),
                theirs=ctx.who(theirs),
                level=ctx.lvl(theirs),
                ours=ctx.who(ours),
            )
        )
    if net.settings.uses_defaults():
        notes.append(ctx.say("defaults_note"))
    return CoverageReport(
        opportunity=ctx.opp,
        as_of=day,
        people=people,
        gaps=gaps,
        summary=summary(ctx),
        matrix=pd.DataFrame() if lean else matrix(ctx),
        factions=fac,
        notes=tuple(notes),
        language=ctx.lang,
    )


def _reach(
    ctx: Context, keys: dict[str, list[str]], include_sensitive: bool
) -> tuple[RouteRules, TeamReach]:
    """Return the team's best routes to the key people (memoised).

    Up to :data:`ROUTE_EVERYONE_UP_TO` people this is everyone's routes, which targets and
    the plan read next; above, only the key people are re-routed. The key people's routes
    are the same either way (:func:`~relgraph.analysis.paths.reach.best_routes_to`).
    """
    rules = RouteRules(include_sensitive=include_sensitive)
    if ctx.net.n_people <= ROUTE_EVERYONE_UP_TO:
        return rules, best_routes(ctx.net, rules)
    pos = np.array([ctx.pos[i] for i in keys], dtype=np.int64)
    key = ("coverage.reach", rules, pos.tobytes())
    return rules, ctx.net.memo(key, lambda: best_routes_to(ctx.net, rules, pos))


def _key_people(ctx: Context, hid: pd.DataFrame, par: Parity) -> dict[str, list[str]]:
    """Who is a key person, and why: role holders, hidden influencers, backers, candidates."""
    keys: dict[str, list[str]] = {}
    for pid in ctx.power.index:
        keys.setdefault(str(pid), []).append("role")
    for pid in hid["person"].astype(str):
        if pid:  # blank: known only through sensitive ties, counted in the notes
            keys.setdefault(pid, []).append("hidden")
    backers = ctx.people.index[
        ctx.backs.isin(ctx.competitors).to_numpy() & ~ctx.party.isin(["us", "competitor"])
    ]
    for pid in backers:
        keys.setdefault(str(pid), []).append("backer")
    for pid in sorted({c for cands in par.candidates.values() for c in cands}):
        keys.setdefault(pid, []).append("candidate")
    return keys


def _membership(
    ctx: Context,
    seed: int,
    include_sensitive: bool,
    with_factions: bool | None,
    notes: list[str],
) -> pd.Series | None:
    n_account = int(ctx.org.eq(ctx.account).sum())
    if with_factions is None:
        with_factions = n_account <= factions_cap()
    if not with_factions:
        notes.append(ctx.say("cov_note_no_factions", n=n_account))
        return None
    return faction_membership(ctx.net, ctx.account, seed=seed, include_sensitive=include_sensitive)


def _interactions(
    ctx: Context, day: _dt.date, notes: list[str]
) -> tuple[pd.Series | None, pd.DataFrame | None]:
    """Last contact per person and the customer issues, from the interactions log."""
    net = ctx.net
    if net.interactions.empty:
        notes.append(ctx.say("cov_note_empty_interactions"))
        return None, None
    lc = last_contact(net, as_of=day)
    last = pd.Series(pd.to_datetime(lc["last_contact"]).to_numpy(), index=lc["person"].astype(str))
    return last, customer_issues(net, as_of=day)

"""Build the yearly planning set of one opportunity from the coverage check and the targets."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from relgraph.analysis.coverage import coverage
from relgraph.analysis.paths.graph import RouteRules
from relgraph.analysis.targets import recommend_targets
from relgraph.analysis.targets.people import MAX_OWNER_A, top_cap
from relgraph.checks import check_bool, check_choice, check_date, check_int
from relgraph.network import RelationshipNetwork
from relgraph.plan.actions import (
    Action,
    Calendar,
    reviewer_of,
    route_actions,
    sponsor_actions,
    staffing_action,
)
from relgraph.plan.document import (
    ACTION_COLUMNS,
    CARD_COLUMNS,
    PERIODS,
    STATUS_COLUMNS,
    TARGET_COLUMNS,
    Plan,
    _coerce,
)
from relgraph.privacy import share_policy
from relgraph.text import say, term

__all__ = ["plan"]

Period = Literal["year", "half-year"]
_URGENT = frozenset({"neutralise", "counter"})


@dataclass(frozen=True)
class _Cycle:
    """The planning cycle: its start, half-way review, end and first weekly review."""

    start: _dt.date
    half: _dt.date
    end: _dt.date
    period: str

    @property
    def first_review(self) -> _dt.date:
        day = self.start
        return day + _dt.timedelta(days=(7 - day.weekday()) % 7 or 7)


def plan(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    capacity: int | Mapping[str, float] | None = None,
    period: Period = "year",
    as_of: _dt.date | str | None = None,
    k: int | None = None,
    max_owner_a: int = MAX_OWNER_A,
    include_sensitive: bool = False,
) -> Plan:
    """Build the yearly planning set of one opportunity.

    Parameters
    ----------
    net : RelationshipNetwork
        The network; every default number comes from ``net.settings``.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    capacity : int or mapping of str to float, optional
        The team's capacity for the cycle, passed to :func:`relgraph.recommend_targets` (a
        number of targets, or hours per person of ours).
    period : {"year", "half-year"}
        The planning cycle; sets the deadlines and review dates.
    as_of : datetime.date or str, optional
        Start of the cycle and the day attitudes' age is measured on (``YYYY-MM-DD``);
        ``net.settings.as_of`` (today unless set) when omitted.
    k : int, optional
        At most this many targets (10 when neither ``k`` nor ``capacity`` is given).
    max_owner_a : int
        How many targets one person of ours may be owner A of (3 by default; our top
        executives half of it, rounded up), passed to :func:`relgraph.recommend_targets`.
    include_sensitive : bool
        Let the analyses and routes use sensitive ties, and keep people known only
        through them. Off by default; the cover says what was left out.

    Returns
    -------
    Plan
        ``.status``, ``.targets``, ``.actions``, ``.cards`` and the writers.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    InvalidParameterError
        For an unknown ``period``, an ``as_of`` that is not a date or a ``max_owner_a``
        below 1.

    Notes
    -----
    *Status* is :func:`relgraph.coverage`'s ``people`` with, per person, the gap rules
    naming them (do-not-contact people are marked). *Targets* are
    :func:`relgraph.recommend_targets`'s picks: objective, goal, owners A and B, and the
    sponsor (a senior person of ours other than owner A). Deadline: targets to neutralise
    or counter are due at the half-way review, the others at the end of the cycle.
    *Actions* per target, in the practice's order (:mod:`relgraph.plan.actions`): the steps
    of the target's one route (the same route in every sheet), two weeks apart, the first
    taken by the person of ours closest to the customer; owner A's follow-up meeting a week
    after the introduction; the sponsor's key-dates calendar, visit, forum and quarterly
    exchanges — all after the introduction, and no sponsor over
    ``settings.sponsor_occasions`` occasions in a calendar month across their targets
    (later ones move to the next month with room); the weekly review by owner A's manager
    (never owner A; the sponsor when A has no manager in the data) and the half-year
    adjustment. A target nobody of ours had room to own (no owner A) has one step instead,
    kind ``staffing``: the account team finds an owner A; then the half-year adjustment.
    The *card* gathers these per target.

    Examples
    --------
    >>> import relgraph as rg
    >>> p = plan(rg.datasets.tiny(), as_of="2026-01-05", k=2)
    >>> p.targets[["person", "objective", "attitude", "goal", "deadline"]]
      person     objective  attitude  goal   deadline
    0     p4       counter         0     2 2026-07-06
    1     p2  work_through         1     2 2027-01-05
    >>> p.actions.query("target == 'p4'")["kind"].value_counts().sort_index().to_dict()
    {'key_dates': 1, 'review': 2, 'route': 1, 'sponsor': 5}
    """
    period = check_choice("period", period, ("year", "half-year"))
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    max_owner_a = check_int("max_owner_a", max_owner_a, minimum=1)
    opp = net.resolve_opportunity(opportunity)
    start = check_date("as_of", as_of, default=net.as_of)
    days = PERIODS[period]
    cycle = _Cycle(
        start, start + _dt.timedelta(days=days // 2), start + _dt.timedelta(days=days), period
    )
    policy = share_policy(net, include_sensitive=include_sensitive)
    hidden = set(net.person_ids[~policy.people])
    cov = coverage(net, opp, as_of=start, include_sensitive=include_sensitive)
    status = _status(cov.people, cov.gaps, hidden)
    rec = recommend_targets(
        net,
        opp,
        capacity=capacity,
        k=k,
        max_owner_a=max_owner_a,
        include_sensitive=include_sensitive,
        as_of=start,
    )
    rec = rec[~rec["person"].astype(str).isin(hidden)].reset_index(drop=True)
    rules = RouteRules(include_sensitive=include_sensitive)
    calendar = Calendar(int(net.settings.sponsor_occasions))
    targets, actions, cards = [], [], []
    for r in rec.to_dict("records"):
        t, acts, card = _one_target(net, rules, calendar, cycle, r, cov.people)
        targets.append(t)
        actions += acts
        cards.append(card)
    notes = [policy.note]
    left_status = int(cov.people["person"].astype(str).isin(hidden).sum())
    if left_status:
        notes.append(say("plan_left_status", n=left_status, lang=net.settings.language))
    notes += [n for n in cov.notes if n not in notes]
    n_new = int((rec["reach"] <= 0).sum())  # role holders that need a new way in
    n_free = int(rec["owner_a"].astype(str).eq("").sum())  # nobody of ours had room
    counts = (len(targets), n_new, n_free)
    settings = _settings_lines(net, opp, cycle, (capacity, k, max_owner_a), counts)
    return Plan(
        status,
        _coerce(pd.DataFrame(targets), TARGET_COLUMNS),
        _coerce(pd.DataFrame(actions), ACTION_COLUMNS),
        _coerce(pd.DataFrame(cards), CARD_COLUMNS),
        opp,
        start,
        period,
        tuple(settings),
        tuple(notes),
        net.settings.language,
    )


def _status(people: pd.DataFrame, gaps: pd.DataFrame, hidden: set[str]) -> pd.DataFrame:
    people = people[~people["person"].astype(str).isin(hidden)].copy()
    by = (
        gaps.assign(person=gaps["person"].astype(str))
        .groupby("person", sort=False)["rule"]
        .agg(lambda r: "; ".join(dict.fromkeys(map(str, r))))
    )
    people["gaps"] = people["person"].astype(str).map(by).fillna("")
    return _coerce(people, STATUS_COLUMNS)


def _one_target(
    net: RelationshipNetwork,
    rules: RouteRules,
    calendar: Calendar,
    cycle: _Cycle,
    r: dict[str, Any],
    cov_people: pd.DataFrame,
) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """Return the target row, its dated actions and its card."""
    lang = net.settings.language
    pid, owner_a, sponsor = str(r["person"]), str(r["owner_a"]), str(r["sponsor"])
    who = _who(net, pid)
    if owner_a:
        channel, acts = route_actions(net, rules, pid, tuple(r["path"]), owner_a, cycle.start)
        intro = max(a.when for a in acts)
        acts += sponsor_actions(net, calendar, sponsor, pid, intro, cycle.end)
    else:  # nobody of ours had room: nothing can start before the target has an owner
        channel = say("plan_channel_no_owner", lang=lang)
        acts = [staffing_action(net, pid, cycle.first_review)]
    reviewer, review_why = reviewer_of(net, owner_a, sponsor)
    rev = _who(net, reviewer) if reviewer else say("plan_team_meeting", lang=lang)
    if owner_a:
        weekly = say(
            "plan_review_weekly", reviewer=rev, owner=_who(net, owner_a), target=who, lang=lang
        )
        acts.append(Action("review", reviewer, weekly, cycle.first_review, review_why))
    acts.append(
        Action(
            "review",
            reviewer,
            say("plan_review_half", target=who, lang=lang),
            cycle.half,
            review_why,
        )
    )
    acts.sort(key=lambda a: a.when)
    deadline = cycle.half if (r["objective"] in _URGENT and cycle.period == "year") else cycle.end
    target_row = {
        **{c: r.get(c) for c in ("rank", "person", "name", "objective", "competitor", "sways")},
        "attitude": int(r["attitude"]),
        "goal": int(r["goal"]),
        "owner_a": _who(net, owner_a) if owner_a else "",
        "owner_b": _who(net, str(r["owner_b"])) if r["owner_b"] else "",
        "sponsor": _who(net, sponsor)
        if sponsor
        else say("tgt_no_sponsor" if owner_a else "plan_sponsor_no_owner", lang=lang),
        "deadline": deadline,
        "measure": _measure(
            net, str(r["objective"]), str(r["name"]), int(r["goal"]), str(r["competitor"])
        ),
        "gain": float(r["gain"]),
        "route": str(r["route"]) or channel,
        "why": str(r["why"]),
    }
    action_rows = [
        {
            "target": pid,
            "name": r["name"],
            "step": n,
            "kind": a.kind,
            "who": _who(net, a.who) if a.who else "—",
            "action": a.text,
            "when": a.when,
            "why": a.why,
        }
        for n, a in enumerate(acts, start=1)
    ]
    card = _card(net, r, target_row, channel, acts, rev, cycle, cov_people)
    return target_row, action_rows, card


def _card(
    net: RelationshipNetwork,
    r: dict[str, Any],
    t: dict[str, Any],
    channel: str,
    acts: list[Action],
    reviewer: str,
    cycle: _Cycle,
    cov_people: pd.DataFrame,
) -> dict[str, Any]:
    """Return the key-customer expansion card of one target (DOMAIN.md §8)."""
    pid = str(r["person"])
    row = net.people.iloc[int(net.index_of(pid)[0])]
    roles = cov_people.loc[cov_people["person"].astype(str).eq(pid), "roles"]
    backs = row.get("supports")
    return {
        "target": pid,
        "name": r["name"],
        "org": str(net.org_labels.get(str(row["org"]), row["org"])),
        "title": row["title"],
        "level": row["level"],
        "roles": roles.iloc[0] if len(roles) else "",
        "attitude": t["attitude"],
        "goal": t["goal"],
        "competitor": t["competitor"] or ("" if backs is None or pd.isna(backs) else str(backs)),
        "owner_a": t["owner_a"],
        "owner_b": t["owner_b"],
        "sponsor": t["sponsor"],
        "trust_channel": t["route"] or channel,
        "activities": "\n".join(
            f"{a.when.isoformat()}: {a.text}" for a in acts if a.kind != "review"
        ),
        "review": say(
            "plan_card_review",
            reviewer=reviewer,
            first=cycle.first_review.isoformat(),
            half=cycle.half.isoformat(),
            lang=net.settings.language,
        ),
    }


def _targets_text(counts: tuple[int, int, int], lang: str) -> str:
    """How many targets the plan holds: all, those needing a new way in, those without owner."""
    n, new, free = counts
    text = say("plan_cover_targets_text", n=n, new=new, lang=lang) if new else str(n)
    if free:
        text += say("plan_cover_targets_no_owner", n=free, lang=lang)
    return text


def _who(net: RelationshipNetwork, pid: str) -> str:
    return f"{pid} {net.labels[pid]}" if pid in net.person_ids else str(pid)


def _measure(
    net: RelationshipNetwork, objective: str, name: str, goal: int, competitor: str
) -> str:
    lang = net.settings.language
    key = f"plan_measure_{objective}"
    return say(
        key,
        name=name,
        goal=goal,
        competitor=net.org_labels.get(competitor, competitor or "—"),
        lang=lang,
    )


def _settings_lines(
    net: RelationshipNetwork,
    opp: str,
    cycle: _Cycle,
    limits: tuple[Any, int | None, int],
    counts: tuple[int, int, int],
) -> list[tuple[str, str]]:
    lang = net.settings.language
    row = net.opportunities[net.opportunities["id"].astype(str).eq(opp)].iloc[0]
    opp_name = row["name"] if isinstance(row.get("name"), str) and row["name"] else opp
    cap = _capacity_text(net, *limits)
    settings = say(
        "defaults_note" if net.settings.uses_defaults() else "plan_custom_settings", lang=lang
    )
    stale = say(
        "plan_cover_stale_text",
        days=net.settings.stale_days,
        as_of=cycle.start.isoformat(),
        lang=lang,
    )
    return [
        (say("plan_cover_opportunity", lang=lang), f"{opp}: {opp_name}"),
        (say("plan_cover_account", lang=lang), str(net.org_labels.get(net.account_of(opp), ""))),
        (
            say("plan_cover_period", lang=lang),
            f"{term('period', cycle.period, lang=lang)}: "
            f"{cycle.start.isoformat()} – {cycle.end.isoformat()}",
        ),
        (
            say("plan_cover_reviews", lang=lang),
            say("plan_cover_reviews_text", half=cycle.half.isoformat(), lang=lang),
        ),
        (say("plan_cover_capacity", lang=lang), cap),
        (say("plan_cover_targets", lang=lang), _targets_text(counts, lang)),
        (say("plan_cover_settings", lang=lang), settings),
        (
            say("plan_cover_sponsor_budget", lang=lang),
            say("plan_cover_sponsor_budget_text", n=net.settings.sponsor_occasions, lang=lang),
        ),
        (say("plan_cover_stale", lang=lang), stale),
    ]


def _capacity_text(net: RelationshipNetwork, capacity: Any, k: int | None, max_owner_a: int) -> str:
    """Say the capacity the targets were chosen under, as :func:`recommend_targets` does."""
    lang = net.settings.language
    top = top_cap(max_owner_a)
    if isinstance(capacity, Mapping):
        hours = "; ".join(
            f"{net.labels[net.resolve_person(str(w))]}: {v:g} h" for w, v in capacity.items()
        )
        limit = (
            say("plan_cover_no_limit", lang=lang)
            if k is None
            else say("plan_cover_limit", n=k, lang=lang)
        )
        return say(
            "plan_cover_capacity_hours",
            hours=hours,
            limit=limit,
            max_a=max_owner_a,
            top=top,
            lang=lang,
        )
    n = min(x for x in (capacity, k) if x is not None) if (capacity or k) else 10
    return say("plan_cover_capacity_targets", n=n, max_a=max_owner_a, top=top, lang=lang)

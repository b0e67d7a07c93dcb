"""The relationship action plan of one target: route steps, meetings, sponsor occasions, reviews.

The practice's order (DOMAIN.md §7–§9): the person of ours closest to the customer opens the
door (our colleagues never "introduce" each other; a shared affiliation is a place to meet,
not an introduction), and the one introduced is owner A — when the route starts with a
colleague, that colleague takes owner A along, so nobody hands the target over afterwards;
owner A meets the target only after the introduction that reaches them; the sponsor — a
senior person of ours other than owner A — spends a scarce budget of occasions a month
across all their targets; and someone senior to owner A (their manager), never the owner,
reviews the work every week.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from relgraph.analysis.paths.graph import RouteRules, affiliation_overlay
from relgraph.analysis.paths.render import Hop, describe_path
from relgraph.analysis.sponsors import is_senior
from relgraph.network import RelationshipNetwork
from relgraph.text import say, term

__all__ = [
    "Action",
    "Calendar",
    "reviewer_of",
    "route_actions",
    "sponsor_actions",
    "staffing_action",
]

#: Days between the steps of a route (each introduction needs time to happen).
STEP_DAYS = 14
#: Sponsor occasions after the introduction: (template, days after it); then quarterly.
_OCCASIONS = (("plan_touch_visit", 7), ("plan_touch_forum", 45))
_QUARTER = 91


@dataclass(frozen=True)
class Action:
    """One dated action of the plan."""

    kind: str  # route, meeting, key_dates, sponsor, review
    who: str  # person id of ours who acts ("" when nobody can)
    text: str
    when: _dt.date
    why: str


@dataclass
class Calendar:
    """Each sponsor's occasions per calendar month, so no sponsor is over their budget."""

    per_month: int
    booked: dict[str, dict[tuple[int, int], int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )

    def book(self, sponsor: str, wanted: _dt.date) -> _dt.date:
        """Return the first day on or after ``wanted`` in a month with a free occasion."""
        day = wanted
        while self.booked[sponsor][(day.year, day.month)] >= self.per_month:
            day = (day.replace(day=1) + _dt.timedelta(days=32)).replace(day=1)
        self.booked[sponsor][(day.year, day.month)] += 1
        return day


def _who(net: RelationshipNetwork, pid: str) -> str:
    return f"{pid} {net.labels[pid]}" if pid in net.person_ids else str(pid)


def staffing_action(net: RelationshipNetwork, target: str, when: _dt.date) -> Action:
    """Return the one action of a target nobody of ours had room to own: find owner A.

    The account team's weekly meeting acts (no one of ours is named: none had room).
    """
    lang = net.settings.language
    text = say("plan_step_find_owner", target=_who(net, target), lang=lang)
    return Action("staffing", "", text, when, say("plan_why_find_owner", lang=lang))


def route_actions(
    net: RelationshipNetwork,
    rules: RouteRules,
    target: str,
    path: Sequence[str],
    owner_a: str,
    start: _dt.date,
) -> tuple[str, list[Action]]:
    """Return the trust channel text and the route's actions, the owner's meeting last.

    The route's first person (ours, the closest to the customer) acts; each further hop
    is an introduction by the person before it — or, for a shared affiliation, a meeting
    at an occasion it offers. The one introduced is owner A: when the route starts with a
    colleague, the colleague takes owner A along (to the target, or to the first contact
    who introduces owner A onwards). Owner A follows up after the last step, unless that
    step already was owner A meeting the target.
    """
    lang = net.settings.language
    if not path:
        find = Action(
            "route",
            owner_a,
            say("plan_step_find", target=_who(net, target), lang=lang),
            start + _dt.timedelta(days=STEP_DAYS),
            say("plan_why_no_route", lang=lang),
        )
        return say("plan_no_route", lang=lang), [find]
    idx = [int(i) for i in net.index_of(list(path))]
    route = describe_path(net, rules, idx)
    acts = [
        Action(
            "route",
            _actor(path, i),
            _step_text(net, rules, (path, owner_a or path[0]), i, hop),
            start + _dt.timedelta(days=STEP_DAYS * i),
            say("plan_why_route", lang=lang),
        )
        for i, hop in enumerate(route.hops, start=1)
    ]
    if not (path[0] == owner_a and len(path) == 2) and owner_a:
        last = acts[-1].when + _dt.timedelta(days=7)
        text = say(
            "plan_step_follow_up", who=_who(net, owner_a), target=_who(net, target), lang=lang
        )
        acts.append(Action("meeting", owner_a, text, last, say("plan_why_meeting", lang=lang)))
    channel = say("plan_channel", first=_who(net, path[0]), hops=len(route.hops), lang=lang)
    return channel, acts


def _actor(path: Sequence[str], i: int) -> str:
    """Who acts at hop ``i``: our first person asks, then each contact introduces."""
    return path[0] if i == 1 else path[i - 1]


def _step_text(
    net: RelationshipNetwork,
    rules: RouteRules,
    route: tuple[Sequence[str], str],
    i: int,
    hop: Hop,
) -> str:
    """Say hop ``i`` of ``route`` (the path and owner A, the one introduced)."""
    lang = net.settings.language
    path, owner = route
    ours, here, there = _who(net, path[0]), _who(net, path[i - 1]), _who(net, path[i])
    me = _who(net, owner)
    along = owner != path[0]  # a colleague opens the door and takes owner A along
    if hop.affiliation:
        place = _place(net, rules, path[i - 1], path[i], hop)
        if i > 1:
            return say("plan_step_bring_to", via=here, who=me, target=there, place=place, lang=lang)
        if along:
            return say(
                "plan_step_meet_at_with", who=ours, owner=me, target=there, place=place, lang=lang
            )
        return say("plan_step_meet_at", who=ours, target=there, place=place, lang=lang)
    tie = say("plan_tie", kind=hop.words, strength=hop.strength, lang=lang)
    final = _who(net, path[-1])
    if i == 1 and len(path) == 2:
        if along:
            return say("plan_step_take", who=ours, owner=me, target=there, tie=tie, lang=lang)
        return say("plan_step_meet", who=ours, target=there, tie=tie, lang=lang)
    if i == 1:
        if along:
            return say(
                "plan_step_ask_for", who=ours, via=there, owner=me, target=final, tie=tie, lang=lang
            )
        return say("plan_step_ask", who=ours, via=there, target=final, tie=tie, lang=lang)
    return say("plan_step_introduce", via=here, who=me, target=there, tie=tie, lang=lang)


def _place(net: RelationshipNetwork, rules: RouteRules, u: str, v: str, hop: Hop) -> str:
    """Return the affiliation a hop meets at ("club Jiangnan Entrepreneurs Club")."""
    lang = net.settings.language
    a, b = (int(x) for x in net.index_of([u, v]))
    opening = affiliation_overlay(net, rules)[1].get((a, b))
    kind = opening.kind if opening else hop.kind.split(":", 1)[-1]
    where = term("affiliation_kind", kind, lang=lang)
    return say("plan_place", kind=where, name=opening.name if opening else "", lang=lang).strip()


def sponsor_actions(
    net: RelationshipNetwork,
    calendar: Calendar,
    sponsor: str,
    target: str,
    after: _dt.date,
    end: _dt.date,
) -> list[Action]:
    """Return the sponsor's occasions with a target, after the introduction and within budget."""
    lang = net.settings.language
    if not sponsor:
        return []
    sp, tgt = _who(net, sponsor), _who(net, target)
    why = say("plan_why_sponsor", lang=lang)
    out = [
        Action(
            "key_dates",
            sponsor,
            say("plan_touch_dates", sponsor=sp, target=tgt, lang=lang),
            after,
            why,
        )
    ]
    wanted = [(key, after + _dt.timedelta(days=d)) for key, d in _OCCASIONS]
    day = wanted[-1][1] + _dt.timedelta(days=_QUARTER)
    while day < end:
        wanted.append(("plan_touch_exchange", day))
        day += _dt.timedelta(days=_QUARTER)
    for key, when in wanted:
        booked = calendar.book(sponsor, when)
        if booked < end:
            out.append(
                Action("sponsor", sponsor, say(key, sponsor=sp, target=tgt, lang=lang), booked, why)
            )
    return out


def reviewer_of(net: RelationshipNetwork, owner_a: str, sponsor: str) -> tuple[str, str]:
    """Who reviews owner A's work each week, and why (DOMAIN.md §9).

    The reviewer is senior to owner A (:func:`relgraph.analysis.sponsors.is_senior`), never
    owner A nor someone below them: owner A's manager (``reports_to``, one of ours), else
    the sponsor when senior to A. When nobody qualifies, nobody is named: the account
    team's weekly meeting reviews, and the reason says that owner A's manager is missing.
    """
    lang = net.settings.language
    if not owner_a:
        return "", say("plan_why_review_nobody", lang=lang)
    ours = set(net.our_people())
    boss = net.bosses.get(owner_a, "")
    if boss in ours and is_senior(net, boss, owner_a):
        return boss, say("plan_why_review", lang=lang)
    if sponsor in ours and is_senior(net, sponsor, owner_a):
        return sponsor, say("plan_why_review_sponsor", lang=lang)
    return "", say("plan_why_review_nobody", lang=lang)

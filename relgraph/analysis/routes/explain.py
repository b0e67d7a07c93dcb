"""Why a route was offered, and why another was not: the words behind every route choice.

The practice decides whom we may ask (DOMAIN.md §7): an introduction is asked of people on
our side or neutral; someone who opposes us or backs a competitor would warn the other side.
These helpers name the person (or tie) that kept a stronger route out, and the people on an
offered route whose stance was never assessed.
"""

from __future__ import annotations

from relgraph.analysis.paths.graph import RouteGraph, RouteRules, other_side, swayed_by
from relgraph.analysis.paths.render import Route
from relgraph.network import RelationshipNetwork
from relgraph.text import clauses, say, term

__all__ = [
    "EXCLUSION_RULES",
    "blocking_reason",
    "broken_rules",
    "excluded_text",
    "left_out_text",
    "rule_counts",
    "unassessed",
]

#: The rules that can leave a route out, in the order they are reported.
EXCLUSION_RULES = ("opponents", "swayed", "do_not_contact", "sensitive")


def blocking_reason(net: RelationshipNetwork, rules: RouteRules, r: Route) -> str:
    """Say what keeps route ``r`` out under ``rules`` ("" when nothing does)."""
    lang = net.settings.language
    middle = r.path[1:-1]
    if not rules.include_opponents:
        side = other_side(net)
        for i in middle:
            if side[i]:
                who = net.labels.iat[i]
                return say("routes_reason_person", who=who, why=stance(net, i), lang=lang)
    if not rules.include_swayed and (asked := _asked_swayed(net, r)):
        who, target = net.labels.iat[asked[0]], net.labels.iat[r.path[-1]]
        return say("routes_reason_swayed", who=who, target=target, lang=lang)
    if not rules.include_do_not_contact:
        dnc = net.do_not_contact()
        for i in r.path[1:]:
            if dnc[i]:
                return say("routes_reason_dnc", who=net.labels.iat[i], lang=lang)
    if not rules.include_sensitive:
        for (a, b), hop in zip(zip(r.path, r.path[1:], strict=False), r.hops, strict=True):
            if hop.sensitive:
                return say(
                    "routes_reason_sensitive",
                    a=net.labels.iat[a],
                    b=net.labels.iat[b],
                    kind=hop.words,
                    lang=lang,
                )
    return ""


def stance(net: RelationshipNetwork, i: int) -> str:
    """Say why person ``i`` is on the other side: their backing, employer or attitude."""
    lang = net.settings.language
    if str(net.party.iat[i]) == "competitor":
        org = str(net.people["org"].iat[i])
        return say("routes_stance_staff", competitor=net.org_labels.get(org, org), lang=lang)
    backs = str(net.people["supports"].fillna("").iat[i]).strip()
    if backs:
        return say("routes_stance_backs", competitor=net.org_labels.get(backs, backs), lang=lang)
    att = net.people["attitude"].astype("Float64").to_numpy(dtype=float, na_value=0.0)[i]
    return say("routes_stance_opposes", attitude=term("attitude", int(att), lang=lang), lang=lang)


def unassessed(g: RouteGraph, r: Route) -> tuple[int, ...]:
    """Middle people of ``r`` whose attitude toward us was never assessed (check first)."""
    net = g.net
    blank = net.memo(("routes.unassessed",), lambda: net.people["attitude"].isna().to_numpy())
    return tuple(i for i in r.path[1:-1] if not g.ours[i] and blank[i])


def excluded_text(net: RelationshipNetwork, by_rule: dict[str, int], *, cli: bool = False) -> str:
    """Say how many routes each rule left out, and how to opt in ("" when none)."""
    lang = net.settings.language
    parts = [
        say(f"routes_left_out_{rule}{'_cli' if cli else ''}", n=n, lang=lang)
        for rule in EXCLUSION_RULES
        if (n := by_rule.get(rule, 0))
    ]
    return clauses(parts, lang=lang)


def broken_rules(net: RelationshipNetwork, rules: RouteRules, r: Route) -> tuple[str, ...]:
    """Return the rules of :data:`EXCLUSION_RULES` that keep route ``r`` out under ``rules``."""
    middle = list(r.path[1:-1])
    out = []
    if not rules.include_opponents and middle and other_side(net)[middle].any():
        out.append("opponents")
    if not rules.include_swayed and _asked_swayed(net, r):
        out.append("swayed")
    if not rules.include_do_not_contact and net.do_not_contact()[list(r.path[1:])].any():
        out.append("do_not_contact")
    if not rules.include_sensitive and any(h.sensitive for h in r.hops):
        out.append("sensitive")
    return tuple(out)


def left_out_text(lang: str, counts: dict[str, int], several: int, *, cli: bool = False) -> str:
    """Say which rules left routes out, in ``lang`` ("" when none).

    ``counts``: per rule, the routes that break it (a route counts under every rule it
    breaks); ``several``: the routes that break more than one. Shared by
    :func:`connection_routes`, :func:`routes_to_many` and the Spark port.
    """
    parts = [
        say(f"routes_left_out_{rule}{'_cli' if cli else ''}", n=n, lang=lang)
        for rule in EXCLUSION_RULES
        if (n := counts.get(rule, 0))
    ]
    if parts and several:
        parts.append(say("routes_left_out_several", n=several, lang=lang))
    return clauses(parts, lang=lang)


def rule_counts(
    net: RelationshipNetwork, rules: RouteRules, routes: list[Route]
) -> tuple[dict[str, int], int]:
    """Per rule, how many of ``routes`` break it, and how many break more than one."""
    counts: dict[str, int] = {}
    several = 0
    for r in routes:
        broken = broken_rules(net, rules, r)
        several += len(broken) > 1
        for rule in broken:
            counts[rule] = counts.get(rule, 0) + 1
    return counts, several


def _asked_swayed(net: RelationshipNetwork, r: Route) -> list[int]:
    """Middle people of ``r`` whom its target sways (``swayed_by``)."""
    swayed = set(swayed_by(net, r.path[-1]).tolist())
    return [i for i in r.path[1:-1] if i in swayed]

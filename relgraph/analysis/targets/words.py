"""The words of a target row: its route, every term of its gain, and why it ranks where it does."""

from __future__ import annotations

from typing import Any

from relgraph.analysis.paths.graph import affiliation_overlay
from relgraph.analysis.paths.render import describe, person_texts, route_text
from relgraph.analysis.targets.candidates import Candidates
from relgraph.network import RelationshipNetwork
from relgraph.text import clauses, say, term

__all__ = ["route_texts", "target_why"]


def route_texts(
    net: RelationshipNetwork, cand: Candidates, paths: list[tuple[int, ...]]
) -> list[str]:
    """Return each target's route as one line ("" without a path), described in one lookup."""
    found = [(0.0, p) for p in paths if p]
    if not found:
        return ["" for _ in paths]
    openings = affiliation_overlay(net, cand.rules)[1] if len(net.affiliations) else None
    routes = iter(describe(net, cand.rules, found, openings))
    texts = person_texts(net, [x for p in paths for x in p])
    out = []
    for p in paths:
        r = next(routes) if p else None
        out.append(route_text(net, r.path, r.hops, texts) if r is not None else "")
    return out


def target_why(
    net: RelationshipNetwork,
    cand: Candidates,
    row: dict[str, Any],
    nxt: dict[str, Any] | None,
    route: str,
) -> str:
    """Return the ``why`` of one target row (``route``: its line from :func:`route_texts`)."""
    lang = net.settings.language
    how = route or say("tgt_reach_none", lang=lang)
    if row.get("via"):
        how = say("tgt_reach_via_route", who=row["via"], route=route, lang=lang)
    parts = []
    if row.get("no_room"):
        parts.append(say("tgt_no_room", lang=lang))
    if row.get("new_way_in"):
        f = cand.row(cand.ctx.pos[row["person"]])
        potential = float(f["leverage"] * f["move"] * f["feasibility"])
        parts.append(say("tgt_new_way_in", gain=potential, lang=lang))
    gain = row["gain"]
    if row.get("no_room"):  # its gain counts 0 until someone owns them: say the potential
        gain = row["leverage"] * row["move"] * row["reach"] * row["feasibility"]
    parts += [
        say(
            "tgt_why_potential" if row.get("no_room") else "tgt_why_terms",
            objective=_objective(net, cand, row),
            gain=gain,
            leverage=row["leverage"],
            move=row["move"],
            frm=row["attitude"],
            to=row["goal"],
            reach=row["reach"],
            how=how,
            feasibility=row["feasibility"],
            factors=_factors(net, cand, row),
            lang=lang,
        ),
        _people(net, cand, row),
    ]
    if nxt is not None:
        parts.append(
            say("tgt_why_above", who=cand.ctx.labels_d[nxt["person"]], gain=nxt["gain"], lang=lang)
        )
    return clauses(parts, lang=lang)


def _objective(net: RelationshipNetwork, cand: Candidates, row: dict[str, Any]) -> str:
    lang = net.settings.language
    obj = str(row["objective"])
    if obj == "counter":
        comp = cand.ctx.comp(row["competitor"])
        return say("tgt_obj_counter", competitor=comp, level=row["level"], lang=lang)
    who = ", ".join(cand.ctx.who(p) for p in str(row["sways"]).split("; ") if p)
    if obj == "work_through":
        return say("tgt_obj_work_through", who=who, lang=lang)
    if who and obj in ("convert", "mobilise"):  # a decider/approver who also sways them
        objective = term("objective", obj, lang=lang)
        return say("tgt_obj_also_sways", objective=objective, who=who, lang=lang)
    return term("objective", obj, lang=lang)


def _factors(net: RelationshipNetwork, cand: Candidates, row: dict[str, Any]) -> str:
    """Say the feasibility factors that are not 1."""
    lang = net.settings.language
    f = cand.row(cand.ctx.pos[row["person"]])
    parts = []
    if f["f_backing"] < 1:
        comp = cand.ctx.comp(cand.ctx.backs_d.get(row["person"], ""))
        parts.append(
            say("tgt_f_backing", f=f["f_backing"], competitor=comp, b=int(f["backing"]), lang=lang)
        )
    if f["f_distance"] < 1:
        parts.append(say("tgt_f_distance", f=f["f_distance"], points=int(row["move"]), lang=lang))
    if f["f_susceptibility"] < 1:
        parts.append(say("tgt_f_susceptibility", f=f["f_susceptibility"], lang=lang))
    if f["f_upkeep"] < 1:
        parts.append(say("tgt_f_upkeep", f=f["f_upkeep"], n=int(f["n_owners"]), lang=lang))
    return " × ".join(parts) if parts else say("tgt_f_none", lang=lang)


def _people(net: RelationshipNetwork, cand: Candidates, row: dict[str, Any]) -> str:
    lang = net.settings.language
    label = cand.ctx.labels_d  # each person's label (as ``net.labels``), by id
    existing = ", ".join(label[o] for o in cand.ctx.owners.get(row["person"], ()))
    covered = say("tgt_covered_by", owners=existing, lang=lang) if existing else ""
    if row.get("no_room"):  # no owners to name (said first): only who covers them now
        return covered
    none = say("tgt_no_b", lang=lang)
    text = say(
        "tgt_why_people",
        a=label[row["owner_a"]] if row["owner_a"] else "-",
        b=label[row["owner_b"]] if row["owner_b"] else none,
        sponsor=label[row["sponsor"]] if row["sponsor"] else say("tgt_no_sponsor", lang=lang),
        lang=lang,
    )
    return clauses([text, covered], lang=lang)

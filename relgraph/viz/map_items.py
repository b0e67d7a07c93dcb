"""The map's people and ties as records for the page, with their plain-text tooltips."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from relgraph.analysis.paths.render import tie_words
from relgraph.palette import OUR_COLOUR, TIE_COLOURS, attitude_colour
from relgraph.text import TERMS, say, term
from relgraph.viz.map_facts import blank

if TYPE_CHECKING:
    from relgraph.viz.map_facts import MapFacts

__all__ = ["edge_records", "node_records", "sizes"]

_PERSONAL_COLOUR = TIE_COLOURS["personal"]
#: How strongly each kind of tie is drawn: hidden influence stands out, the formal lines and
#: our coverage are context (they show in full when a person is clicked).
_OPACITY = {"hidden": 0.95, "influences": 0.8, "reports_to": 0.35, "covers": 0.3, "informs": 0.35}


def sizes(facts: MapFacts, keep: np.ndarray) -> dict[int, float]:
    """Node radius in pixels: 9 + 10·sqrt(leverage / max leverage) (12 without leverage)."""
    if facts.lev is None or not len(keep):
        return {int(i): 12.0 for i in keep}
    lev = np.maximum(facts.lev[keep], 0.0)
    top = float(lev.max())
    scaled = 9.0 + 10.0 * np.sqrt(lev / top) if top > 0 else np.full(len(keep), 12.0)
    return {int(i): round(float(s), 1) for i, s in zip(keep, scaled, strict=True)}


def node_records(
    facts: MapFacts,
    keep: np.ndarray,
    labels: list[str],
    size: dict[int, float],
    story: np.ndarray,
) -> list[dict[str, Any]]:
    """One record per kept person (opaque id ``n<k>``): look, tooltip, filters and search."""
    net = facts.net
    pids = net.person_ids.to_numpy()
    full = net.labels.to_numpy()
    people = net.people
    recs = people.astype(object).where(people.notna(), None).to_dict("records")
    org_name = {str(k): str(v) for k, v in net.org_labels.items()}
    owners = {i: sorted(str(full[o]) for o in v) for i, v in facts.owners.items()}
    en = people["name_en"].fillna("").astype(str).tolist()
    out = []
    for k, i in enumerate(keep.tolist()):
        row = recs[i]
        party = str(facts.party[i])
        sup = facts.supports[i]
        ring = facts.comp_colour.get(sup) if sup else None
        if party == "us":
            fill = OUR_COLOUR
        elif party == "competitor":
            fill = facts.comp_colour.get(str(row["org"]), "#555555")
        else:
            fill = attitude_colour(None if blank(row["attitude"]) else row["attitude"])
        role = str(facts.role_main[i]) or "none"
        out.append(
            {
                "id": f"n{k}",
                "pid": str(pids[i]),
                "label": labels[i],
                "title": _tooltip(facts, i, str(full[i]), row, org_name, owners.get(i, [])),
                "role": role,
                "party": party,
                "size": size[i],
                "fill": fill,
                "ring": ring,
                "rw": round(1.5 + float(facts.support[i]), 1) if ring else 1.0,
                "hid": i in facts.hidden_why,
                "dnc": bool(facts.dnc[i]),
                "story": bool(story[k]),
                # the English name too, so a Chinese map is found by either name
                "search": " ".join([str(full[i]), str(pids[i]), en[i]]).casefold(),
            }
        )
    return out


def _tooltip(
    facts: MapFacts,
    i: int,
    label: str,
    row: dict[str, Any],
    org_name: dict[str, str],
    owners: list[str],
) -> str:
    """Plain-text tooltip (vis-network shows string titles as text, never as HTML)."""
    lang = facts.net.settings.language
    lines = [label]
    org = org_name.get(str(row["org"]), str(row["org"]))
    title = "" if blank(row["title"]) else str(row["title"])
    lines.append(f"{title} · {org}" if title else org)
    if not blank(row["level"]):
        lines.append(say("viz_tip_level", level=int(row["level"]), lang=lang))
    roles = facts.roles_of.get(i, [])
    if roles:
        stage = {s: term("stage", s, lang=lang) if s in TERMS["stage"] else s for _, s in roles}
        text = ", ".join(
            f"{term('role', r, lang=lang)} ({stage[s]})" if s else term("role", r, lang=lang)
            for r, s in roles
        )
        lines.append(say("viz_tip_role", roles=text, lang=lang))
    if not blank(row["attitude"]):
        att = int(row["attitude"])
        lines.append(
            say(
                "viz_tip_attitude",
                value=f"{att:+d}",
                word=term("attitude", att, lang=lang),
                lang=lang,
            )
        )
    sup = facts.supports[i]
    if sup:
        lines.append(
            say(
                "viz_tip_backs",
                org=org_name.get(sup, sup),
                support=int(facts.support[i]),
                lang=lang,
            )
        )
    if owners:
        lines.append(say("viz_tip_owners", owners=", ".join(owners), lang=lang))
    elif i in facts.roles_of:
        lines.append(say("viz_tip_no_owner", lang=lang))
    if facts.lev is not None and facts.party[i] not in ("us", "competitor"):
        lines.append(say("viz_tip_leverage", leverage=f"{facts.lev[i]:.3f}", lang=lang))
    if i in facts.hidden_why:
        lines.append(say("viz_tip_why", why=facts.hidden_why[i], lang=lang))
    if facts.dnc[i]:
        lines.append(say("viz_tip_dnc", lang=lang))
    return "\n".join(lines)


def edge_records(
    facts: MapFacts, keep: np.ndarray, labels_full: np.ndarray
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """One record per shown tie between kept people, drawn in the direction of influence.

    ``influences`` and ``covers`` point from source to target; ``reports_to`` points from
    the manager to the report (the manager sways the report); other ties have no arrow.
    Returns the records and the mask of shown ties that are drawn.
    """
    lang = facts.net.settings.language
    pos = np.full(facts.n, -1)
    pos[keep] = np.arange(len(keep))
    inside = (pos[facts.eu] >= 0) & (pos[facts.ev] >= 0)
    out: list[dict[str, Any]] = []
    for j in np.flatnonzero(inside).tolist():
        a, b, kind = int(facts.eu[j]), int(facts.ev[j]), str(facts.kind[j])
        hidden = facts.hidden_tie(j)
        src, dst = (b, a) if kind == "reports_to" else (a, b)
        strength = float(facts.strength[j])
        tip = _edge_tip(kind, str(labels_full[a]), str(labels_full[b]), strength, lang)
        if hidden:
            tip += "\n" + say("viz_tie_hidden", lang=lang)
        note = facts.note[j]
        if not blank(note):
            tip += "\n" + str(note)
        colour = TIE_COLOURS.get(kind, _PERSONAL_COLOUR)
        weight = 1.0 if math.isnan(strength) else strength
        out.append(
            {
                "id": f"e{len(out)}",
                "from": f"n{pos[src]}",
                "to": f"n{pos[dst]}",
                "kind": kind,
                "title": tip,
                "dashes": hidden,
                "arrows": "to" if kind in ("influences", "covers", "reports_to") else "",
                "width": round(1.0 + 2.0 * weight if hidden else 0.8 + 0.8 * weight, 2),
                "color": colour,
                "opacity": _OPACITY["hidden" if hidden else kind]
                if hidden or kind in _OPACITY
                else 0.45,
            }
        )
    return out, inside


def _edge_tip(kind: str, a: str, b: str, strength: float, lang: str) -> str:
    s = f"{strength:.2f}"
    if kind == "reports_to":
        return say("viz_tie_tip_reports_to", a=a, b=b, strength=s, lang=lang)
    if kind in ("influences", "covers"):
        return say(
            "viz_tie_tip_directed", a=a, b=b, kind=tie_words(kind, lang=lang), strength=s, lang=lang
        )
    return say("viz_tie_tip", a=a, b=b, kind=tie_words(kind, lang=lang), strength=s, lang=lang)

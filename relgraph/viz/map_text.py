"""The words of the map page: the situation line, the legend and the controls' labels.

Every sentence comes from :data:`relgraph.text.TEMPLATES`; every user string (names, org
names, departments) is HTML-escaped here, where it enters markup.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from relgraph.io.encode import html_text
from relgraph.palette import (
    ATTITUDE_COLOURS,
    DNC_COLOUR,
    HIDDEN_COLOUR,
    OUR_COLOUR,
    ROLE_ORDER,
    ROLE_SCALE,
    TIE_COLOURS,
    UNKNOWN_COLOUR,
    role_path,
)
from relgraph.text import TEMPLATES, say
from relgraph.viz.map_facts import blank

if TYPE_CHECKING:
    from relgraph.viz.map_facts import MapFacts

__all__ = ["default_title", "legend_html", "situation", "ui_text"]

_GAP_RULES = (
    "level_parity",
    "no_decider_support",
    "uncovered_role",
    "unmanaged_opponent",
    "single_threaded",
)


def default_title(facts: MapFacts) -> str:
    """Account and opportunity names (or a plain title without an opportunity)."""
    net, opp = facts.net, facts.opp
    if opp is None:
        return say("viz_title_plain")
    row = net.opportunities[net.opportunities["id"].astype(str).eq(opp)].iloc[0]
    account = str(net.org_labels.get(str(row["account"]), str(row["account"])))
    name = str(opp) if blank(row["name"]) else f"{row['name']} ({opp})"
    return say("viz_title", account=account, opportunity=name)


def situation(facts: MapFacts) -> list[str]:
    """Where the deal stands: our support index against each competitor's, and the top gap."""
    rep = facts.report
    if rep is None or rep.summary is None or not len(rep.summary):
        return []
    org_name = {str(k): str(v) for k, v in facts.net.org_labels.items()}
    idx = {
        str(p): float(v)
        for p, v in zip(rep.summary["party"], rep.summary["index"], strict=True)
        if not math.isnan(float(v))
    }
    if "us" not in idx:  # no role holders yet: there is no index to compare
        return [say("viz_situation_no_roles")]
    ours = idx.pop("us")
    others = sorted(idx.items(), key=lambda kv: (-kv[1], kv[0]))
    items = [
        say("viz_situation_item", name=org_name.get(p, p), index=f"{v:+.2f}") for p, v in others
    ]
    if not others:
        lines = [say("viz_situation_alone", ours=f"{ours:+.2f}")]
    elif others[0][1] > ours:
        leader, lead = others[0]
        rest = "; ".join(items[1:])
        lines = [
            say(
                "viz_situation_behind",
                leader=org_name.get(leader, leader),
                lead=f"{lead:+.2f}",
                ours=f"{ours:+.2f}",
                others=say("viz_situation_others", items=rest) if rest else "",
            )
        ]
    else:
        lines = [say("viz_situation_ahead", ours=f"{ours:+.2f}", others="; ".join(items))]
    gap = _top_gap(facts, org_name)
    if gap:
        lines.append(say("viz_top_gap", text=gap))
    return lines


def _top_gap(facts: MapFacts, org_name: dict[str, str]) -> str:
    """Describe the most severe gap about a person the map may show, in a short sentence."""
    rep = facts.report
    assert rep is not None
    net = facts.net
    ok = set(net.person_ids[facts.policy.people].tolist())
    for row in rep.gaps.itertuples(index=False):
        pid = str(row.person) if not blank(row.person) else ""
        if pid and pid not in ok:
            continue
        who = net.label(pid) if pid else ""
        comp = str(row.competitor) if not blank(row.competitor) else ""
        rule = str(row.rule)
        if rule in _GAP_RULES:
            return say(f"viz_gap_{rule}", who=who, competitor=org_name.get(comp, comp))
        return str(row.why)
    return ""


def _icon(path: str, fill: str, stroke: str = "#4d4d4d", dash: str = "", width: float = 1.2) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        '<svg class="ic" viewBox="-12 -12 24 24" width="18" height="18" aria-hidden="true">'
        f'<path d="{path}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{extra}/></svg>'
    )


def _line(colour: str, dash: str = "", arrow: bool = False) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    head = f'<path d="M22 5L16 2L16 8Z" fill="{colour}"/>' if arrow else ""
    return (
        '<svg class="ic ln" viewBox="0 0 24 10" width="28" height="12" aria-hidden="true">'
        f'<line x1="1" y1="5" x2="{17 if arrow else 23}" y2="5" stroke="{colour}" '
        f'stroke-width="2"{extra}/>{head}</svg>'
    )


def legend_html(facts: MapFacts) -> str:
    """Render the legend: colour, shape, ring, marks, ties, size and groups (escaped)."""
    esc = html_text  # markup escaped, control characters and bidi overrides removed
    dot = role_path("", 8)
    out = [f"<h2>{esc(say('viz_legend'))}</h2>", f"<h3>{esc(say('viz_legend_role'))}</h3><ul>"]
    for role in [*ROLE_ORDER, ""]:
        key = f"viz_role_{role}" if role else "viz_role_none"
        path = role_path(role, 8.0 * ROLE_SCALE[role])
        out.append(f"<li>{_icon(path, '#bdbdbd')}{esc(say(key))}</li>")
    out.append(f"</ul><h3>{esc(say('viz_legend_attitude'))}</h3><ul>")
    for att, col in sorted(ATTITUDE_COLOURS.items()):
        word = esc(say(f"viz_attitude_{att}"))
        out.append(f"<li>{_icon(dot, col)}{att:+d} {word}</li>")
    out.append(f"<li>{_icon(dot, UNKNOWN_COLOUR)}{esc(say('viz_attitude_unknown'))}</li>")
    out.append(f"<li>{_icon(dot, OUR_COLOUR)}{esc(say('viz_party_us'))}</li></ul>")
    org_name = {str(k): str(v) for k, v in facts.net.org_labels.items()}
    if facts.comp_colour:
        out.append(f"<h3>{esc(say('viz_legend_ring'))}</h3><ul>")
        for org, col in facts.comp_colour.items():
            name = esc(org_name.get(org, org))
            out.append(f"<li>{_icon(dot, '#ffffff', col, width=3.5)}{name}</li>")
        out.append("</ul>")
    slash = "M-10 0A10 10 0 1 0 10 0A10 10 0 1 0 -10 0ZM-7 -7L7 7"
    out.append(
        f"<h3>{esc(say('viz_legend_marks'))}</h3><ul>"
        f"<li>{_icon(dot, '#bdbdbd', HIDDEN_COLOUR, '3 2', 2.0)}"
        f"{esc(say('viz_legend_hidden'))}</li>"
        f"<li>{_icon(slash, 'none', DNC_COLOUR, width=2.2)}{esc(say('viz_legend_dnc'))}</li>"
        f"<li>{_icon('M-11 -8H11V8H-11Z', '#eeeeee', '#888888')}{esc(say('viz_legend_group'))}</li>"
        f"<li>{esc(say('viz_legend_size'))}</li></ul>"
        f"<h3>{esc(say('viz_legend_ties'))}</h3><ul>"
    )
    for kind in ("reports_to", "influences", "covers", "informs", "personal"):
        arrow = kind in ("reports_to", "influences", "covers")
        out.append(f"<li>{_line(TIE_COLOURS[kind], arrow=arrow)}{esc(say(f'viz_tie_{kind}'))}</li>")
    out.append(
        f"<li>{_line(HIDDEN_COLOUR, '4 3', True)}{esc(say('viz_tie_hidden_legend'))}</li></ul>"
    )
    return "".join(out)


def ui_text() -> dict[str, str]:
    """Words the page's script shows (filled in the browser with plain text only)."""
    keys = [k for k in TEMPLATES if k.startswith("viz_ui_")]
    out = {k[len("viz_ui_") :]: TEMPLATES[k] for k in keys}
    out["found"], out["none"] = TEMPLATES["viz_search_found"], TEMPLATES["viz_search_none"]
    return out

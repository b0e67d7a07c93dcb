"""The words of the map page: the situation line, the legend and the controls' labels.

Every sentence comes from :data:`relgraph.text.TEMPLATES`; every user string (names, org
names, departments) is HTML-escaped here, where it enters markup.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from relgraph.io.encode import html_text
from relgraph.locale import translate
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
from relgraph.text import TEMPLATES, clauses, say, term
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
    lang = facts.net.settings.language
    net, opp = facts.net, facts.opp
    if opp is None:
        return say("viz_title_plain", lang=lang)
    row = net.opportunities[net.opportunities["id"].astype(str).eq(opp)].iloc[0]
    account = str(net.org_labels.get(str(row["account"]), str(row["account"])))
    name = str(opp) if blank(row["name"]) else f"{row['name']} ({opp})"
    return say("viz_title", account=account, opportunity=name, lang=lang)


def situation(facts: MapFacts) -> list[str]:
    """Where the deal stands: our support index against each competitor's, and the top gap."""
    lang = facts.net.settings.language
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
        return [say("viz_situation_no_roles", lang=lang)]
    ours = idx.pop("us")
    others = sorted(idx.items(), key=lambda kv: (-kv[1], kv[0]))
    items = [
        say("viz_situation_item", name=org_name.get(p, p), index=f"{v:+.2f}", lang=lang)
        for p, v in others
    ]
    if not others:
        lines = [say("viz_situation_alone", ours=f"{ours:+.2f}", lang=lang)]
    elif others[0][1] > ours:
        leader, lead = others[0]
        rest = clauses(items[1:], lang=lang)
        lines = [
            say(
                "viz_situation_behind",
                leader=org_name.get(leader, leader),
                lead=f"{lead:+.2f}",
                ours=f"{ours:+.2f}",
                others=say("viz_situation_others", items=rest, lang=lang) if rest else "",
                lang=lang,
            )
        ]
    else:
        lines = [
            say(
                "viz_situation_ahead",
                ours=f"{ours:+.2f}",
                others=clauses(items, lang=lang),
                lang=lang,
            )
        ]
    gap = _top_gap(facts, org_name)
    if gap:
        lines.append(say("viz_top_gap", text=gap, lang=lang))
    return lines


def _top_gap(facts: MapFacts, org_name: dict[str, str]) -> str:
    """Describe the most severe gap about a person the map may show, in a short sentence."""
    lang = facts.net.settings.language
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
            return say(f"viz_gap_{rule}", who=who, competitor=org_name.get(comp, comp), lang=lang)
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
    lang = facts.net.settings.language

    def w(key: str) -> str:
        return html_text(say(key, lang=lang))

    def t(vocabulary: str, value: object) -> str:
        return html_text(term(vocabulary, value, lang=lang))

    dot = role_path("", 8)
    out = [f"<h2>{w('viz_legend')}</h2>", f"<h3>{w('viz_legend_role')}</h3><ul>"]
    for role in [*ROLE_ORDER, ""]:
        path = role_path(role, 8.0 * ROLE_SCALE[role])
        out.append(
            f"<li>{_icon(path, '#bdbdbd')}{t('role', role) if role else w('viz_role_none')}</li>"
        )
    out.append(f"</ul><h3>{w('viz_legend_attitude')}</h3><ul>")
    for att, col in sorted(ATTITUDE_COLOURS.items()):
        out.append(f"<li>{_icon(dot, col)}{att:+d} {t('attitude', att)}</li>")
    out.append(f"<li>{_icon(dot, UNKNOWN_COLOUR)}{t('attitude', 'unknown')}</li>")
    out.append(f"<li>{_icon(dot, OUR_COLOUR)}{t('party', 'us')}</li></ul>")
    org_name = {str(k): str(v) for k, v in facts.net.org_labels.items()}
    if facts.comp_colour:
        out.append(f"<h3>{w('viz_legend_ring')}</h3><ul>")
        for org, col in facts.comp_colour.items():
            name = html_text(org_name.get(org, org))
            out.append(f"<li>{_icon(dot, '#ffffff', col, width=3.5)}{name}</li>")
        out.append("</ul>")
    slash = "M-10 0A10 10 0 1 0 10 0A10 10 0 1 0 -10 0ZM-7 -7L7 7"
    box = "M-11 -8H11V8H-11Z"
    out.append(
        f"<h3>{w('viz_legend_marks')}</h3><ul>"
        f"<li>{_icon(dot, '#bdbdbd', HIDDEN_COLOUR, '3 2', 2.0)}{w('viz_legend_hidden')}</li>"
        f"<li>{_icon(slash, 'none', DNC_COLOUR, width=2.2)}{w('viz_legend_dnc')}</li>"
        f"<li>{_icon(box, '#eeeeee', '#888888')}{w('viz_legend_group')}</li>"
        f"<li>{w('viz_legend_size')}</li></ul>"
        f"<h3>{w('viz_legend_ties')}</h3><ul>"
    )
    for kind in ("reports_to", "influences", "covers", "informs", "personal"):
        arrow = kind in ("reports_to", "influences", "covers")
        out.append(f"<li>{_line(TIE_COLOURS[kind], arrow=arrow)}{w(f'viz_tie_{kind}')}</li>")
    out.append(f"<li>{_line(HIDDEN_COLOUR, '4 3', True)}{w('viz_tie_hidden_legend')}</li></ul>")
    return "".join(out)


def ui_text(lang: str = "en") -> dict[str, str]:
    """Words the page's script shows, in ``lang`` (filled in with plain text only).

    Placeholders such as ``{n}`` stay for the script to fill.
    """

    def raw(key: str) -> str:
        return translate(key, TEMPLATES[key], lang=lang) if lang != "en" else TEMPLATES[key]

    out = {k[len("viz_ui_") :]: raw(k) for k in TEMPLATES if k.startswith("viz_ui_")}
    out["found"], out["none"] = raw("viz_search_found"), raw("viz_search_none")
    return out

"""Interactive HTML network maps: one self-contained, offline, escaped file per map."""

from __future__ import annotations

import base64
import hashlib
import html as _html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from relgraph.model import TieKind
from relgraph.network import RelationshipNetwork
from relgraph.palette import (
    ATTITUDE_COLOURS,
    OUR_COLOUR,
    ROLE_ORDER,
    ROLE_SHAPES,
    ROLE_SYMBOLS,
    TIE_COLOURS,
    UNKNOWN_COLOUR,
    attitude_colour,
    competitor_colours,
    main_role,
)
from relgraph.text import say

__all__ = ["MAP_MAX_PEOPLE", "NetworkMap", "to_html"]

#: Above this many people a map keeps the decision chain and the most relevant people and
#: says what it left out (a browser stays responsive with about this many nodes drawn
#: without physics).
MAP_MAX_PEOPLE = 1500
#: How many of the top hidden influencers get their personal ties drawn dashed.
HIDDEN_TOP = 10

Layout = Literal["layered", "spring"]
_LAYOUTS = ("layered", "spring")
_BLOCKS = ("us", "customer", "partner", "other", "competitor")
_DX, _DY, _DSUB, _GAP = 110.0, 260.0, 70.0, 260.0
_DIRECTED = {str(k) for k in TieKind if k.directed}
_FORMAL = ("reports_to", "influences", "covers", "informs")
_CSS_LENGTH = re.compile(r"^\d{2,5}(px|vh)$")


@dataclass(frozen=True)
class NetworkMap:
    """An HTML network map: the page as a string, with what it shows and leaves out.

    Display it in Jupyter (it renders in an isolated iframe), or write it with
    :meth:`save`. Built by :func:`to_html`.

    Attributes
    ----------
    html : str
        The whole self-contained page (no external resources).
    people, ties : int
        How many people and ties the map draws.
    hidden_sensitive : int
        Sensitive ties left out (0 when ``include_sensitive=True``).
    hidden_people : int
        People left out because they are known only through sensitive ties (a spouse, a
        neighbour; see :func:`relgraph.privacy.share_policy`); 0 when
        ``include_sensitive=True``.
    left_out : int
        People left out by the size limit (not counting a focus).
    notes : tuple of str
        The notes shown on the map, as plain text.
    height : str
        Height of the network canvas (CSS length).

    Examples
    --------
    >>> import relgraph as rg
    >>> m = rg.to_html(rg.datasets.tiny())
    >>> m.people, m.ties, m.hidden_sensitive, m.html.startswith("<!DOCTYPE html>")
    (6, 7, 0, True)
    """

    html: str
    people: int
    ties: int
    hidden_sensitive: int
    left_out: int
    hidden_people: int = 0
    notes: tuple[str, ...] = ()
    height: str = "760px"
    node_ids: tuple[str, ...] = field(default=(), repr=False)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (UTF-8) and return the path.

        Parameters
        ----------
        path : str or Path
            Where to write (the folder must exist); nothing else is written.

        Returns
        -------
        Path
        """
        out = Path(path)
        out.write_text(self.html, encoding="utf-8")
        return out

    def _repr_html_(self) -> str:
        """Render in Jupyter inside a sandboxed ``srcdoc`` iframe (scripts only, no origin)."""
        px = int(re.sub(r"\D", "", self.height) or 760)
        frame_h = f"{px + 220}px" if self.height.endswith("px") else "95vh"
        return (
            '<iframe title="relgraph map" sandbox="allow-scripts" '
            f'style="width:100%;height:{frame_h};border:0" '
            f'srcdoc="{_html.escape(self.html, quote=True)}"></iframe>'
        )

    def __repr__(self) -> str:
        return (
            f"NetworkMap({self.people} people, {self.ties} ties, "
            f"{self.hidden_sensitive} sensitive ties and {self.hidden_people} people hidden, "
            f"{self.left_out} people left out)"
        )


def to_html(
    net: RelationshipNetwork,
    path: str | Path | None = None,
    *,
    opportunity: str | None = None,
    focus: str | None = None,
    radius: int = 2,
    include_sensitive: bool = False,
    max_people: int = MAP_MAX_PEOPLE,
    layout: Layout = "layered",
    seed: int = 0,
    title: str | None = None,
    height: str = "760px",
) -> NetworkMap:
    r"""Draw the network as one self-contained interactive HTML page (opens offline).

    Colour is the attitude toward us (−3 red … 0 grey … +3 green, colour-blind safe), shape
    the buying role in the opportunity, size the person's leverage on the decision, a
    coloured ring the backing of a competitor; dashed ties are hidden influence; our team
    is blue and placed as its own group. Hovering shows a text tooltip (title, level, role,
    attitude, owners, why); the page has a legend, a search by name and filters by role,
    party and tie kind.

    Parameters
    ----------
    net : RelationshipNetwork
    path : str or Path, optional
        Write the page here too. Nothing is written when omitted.
    opportunity : str, optional
        Opportunity for roles, leverage and hidden influence; may be left out when the
        network has one (or none: the map then shows people and ties only).
    focus : str, optional
        A person's id or name: draw only their ego network up to ``radius`` ties away.
    radius : int
        Ties away from ``focus`` to include (default 2).
    include_sensitive : bool
        Put sensitive ties (family, faith, neighbour, or marked sensitive) and the people
        known only through them in the page. By default both are left out of the file's
        data (:func:`relgraph.privacy.share_policy`) and the map says how many.
    max_people : int
        Size limit (default :data:`MAP_MAX_PEOPLE` = 1,500). Above it the map keeps the
        role holders, the focus, the top hidden influencers and then the people with the
        most leverage (then the most ties), and states what it left out.
    layout : {"layered", "spring"}
        ``"layered"`` (default): rows by level, each org kind in its own block, people
        under their managers — deterministic and fast at any size. ``"spring"``: a
        networkx spring layout with ``seed`` (slower; for small maps).
    seed : int
        Seed of the spring layout.
    title : str, optional
        Page heading; defaults to the account and opportunity names.
    height : str
        Height of the canvas, e.g. ``"760px"`` or ``"80vh"``.

    Returns
    -------
    NetworkMap
        The page (``.html``), with counts of what it shows and left out; ``.save(path)``
        writes it; in Jupyter it renders inline.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    UnknownPersonError
        For an unknown ``focus``.
    ValueError
        For a bad ``radius``, ``max_people``, ``layout`` or ``height``, or a ``focus``
        known only through sensitive ties (without ``include_sensitive=True``).

    Notes
    -----
    Size is ``10 + 40·sqrt(leverage / max leverage)`` pixels, with leverage from
    :func:`relgraph.leverage` (how far the decision support index moves per point of the
    person's attitude). A tie is drawn dashed (hidden influence) when it is an
    ``influences`` tie from someone without a role in the opportunity, or a personal tie of
    one of the top :data:`HIDDEN_TOP` hidden influencers (:func:`relgraph.hidden_influencers`).

    The page embeds vis-network 9.1.2 (shipped with pyvis) and its own small script; it
    loads nothing from the network and sets a Content-Security-Policy that allows only
    those two scripts (by hash). People get opaque ids (``n0``, ``n1`` …); every user
    string is escaped (``<``, ``>`` and ``&`` as ``\\u003c`` … inside the JSON data, HTML
    entities in the page) and tooltips are plain text. pyvis's own template is not used:
    its filter menus load Bootstrap from a CDN and it writes headings and ids unescaped.

    Examples
    --------
    >>> import relgraph as rg
    >>> m = rg.to_html(rg.datasets.tiny())
    >>> m
    NetworkMap(6 people, 7 ties, 0 sensitive ties and 0 people hidden, 0 people left out)
    >>> "https://" in m.html.split("<body")[1].split("vis-network")[0]
    False
    """
    if isinstance(radius, bool) or not isinstance(radius, (int, np.integer)) or radius < 0:
        raise ValueError(f"radius = {radius!r}; expected a whole number >= 0")
    if isinstance(max_people, bool) or not isinstance(max_people, (int, np.integer)):
        raise ValueError(f"max_people = {max_people!r}; expected a whole number >= 1")
    if max_people < 1:
        raise ValueError(f"max_people = {max_people!r}; expected a whole number >= 1")
    if layout not in _LAYOUTS:
        raise ValueError(f"layout = {layout!r}; valid: {', '.join(_LAYOUTS)}")
    if not _CSS_LENGTH.match(str(height)):
        raise ValueError(f"height = {height!r}; expected a CSS length such as '760px' or '80vh'")

    # with no opportunities a named one is unknown: resolve raises
    has_opp = len(net.opportunities) or opportunity is not None
    opp = net.resolve_opportunity(opportunity) if has_opp else None
    n = net.n_people
    pids = net.person_ids
    notes: list[str] = []

    # ---- what may be shared: ties and people (relgraph.privacy)
    from relgraph.privacy import share_policy

    policy = share_policy(net, include_sensitive=include_sensitive)
    e = net.edges
    hidden_sensitive = policy.hidden_ties
    shown_ties = policy.ties
    eu = e["u"].to_numpy()[shown_ties]
    ev = e["v"].to_numpy()[shown_ties]
    ekind = e["kind"].to_numpy()[shown_ties].astype(str)
    estrength = e["strength"].to_numpy()[shown_ties].astype(float)
    enote = net.ties["note"].to_numpy()[shown_ties]

    # ---- roles, leverage, hidden influencers
    roles_of: dict[int, list[tuple[str, str]]] = {}
    if opp is not None:
        r = net.opportunity_roles(opp)
        for pid, role, stage in zip(r["person"], r["role"], r["stage"], strict=True):
            idx = int(net.index_of(str(pid))[0])
            roles_of.setdefault(idx, []).append((str(role), "" if _blank(stage) else str(stage)))
    role_main = np.array([main_role(x for x, _ in roles_of.get(i, [])) for i in range(n)], object)
    lev, hidden_why = _influence(net, opp, include_sensitive, policy.people)
    if lev is None and opp is not None:
        notes.append(say("viz_no_leverage"))
    hidden_top = [int(x) for x in net.index_of(list(hidden_why))] if hidden_why else []

    # ---- which people
    degree = np.bincount(np.concatenate([eu, ev]), minlength=n) if len(eu) else np.zeros(n, int)
    candidates = np.flatnonzero(policy.people)
    focus_idx: int | None = None
    if focus is not None:
        focus_idx = int(net.index_of(net.resolve_person(focus))[0])
        if not policy.people[focus_idx]:
            raise ValueError(say("viz_focus_sensitive", who=str(pids[focus_idx])))
        candidates = _ego(n, eu, ev, focus_idx, int(radius))
        candidates = candidates[policy.people[candidates]]
        notes.append(
            say("viz_focus", who=net.labels.iloc[focus_idx], radius=radius, n=len(candidates))
        )
    keep = _select(candidates, roles_of, hidden_top, focus_idx, lev, degree, max_people)
    left_out = len(candidates) - len(keep)
    pos_of = np.full(n, -1)
    pos_of[keep] = np.arange(len(keep))
    tie_in = (pos_of[eu] >= 0) & (pos_of[ev] >= 0)
    if left_out:
        party_all = net.party.fillna("other").astype(str).to_numpy()
        dropped = np.setdiff1d(candidates, keep)
        parts = ", ".join(
            f"{int((party_all[dropped] == b).sum()):,} {say(f'viz_party_{b}')}"
            for b in _BLOCKS
            if (party_all[dropped] == b).any()
        )
        notes.append(
            say(
                "viz_left_out",
                parts=parts,
                shown=f"{len(keep):,}",
                total=f"{len(candidates):,}",
                left=f"{left_out:,}",
                ties=f"{int((~tie_in).sum()):,}",
                limit=f"{max_people:,}",
            )
        )
    if hidden_sensitive:
        notes.append(say("viz_sensitive_hidden", n=hidden_sensitive))
    if policy.hidden_people:
        notes.append(say("viz_sensitive_people", n=policy.hidden_people))
    if include_sensitive:
        notes.append(say("viz_sensitive_included"))

    # ---- positions
    party = net.party.fillna("other").astype(str).to_numpy()
    level = net.people["level"].astype("Float64").fillna(6).to_numpy(dtype=float)
    xy = _positions(net, keep, party, level, eu, ev, ekind, layout, seed)

    # ---- nodes
    people = net.people
    recs = people.astype(object).where(people.notna(), None).to_dict("records")
    orgs = net.orgs.assign(id=net.orgs["id"].astype(str)).set_index("id")
    org_name = {oid: _org_label(row["name"], row.get("name_en")) for oid, row in orgs.iterrows()}
    comps = net.competitors_of(opp) if opp is not None else []
    backed = people["supports"].fillna("").astype(str)
    comp_colour = competitor_colours([*comps, *sorted(set(backed[backed.ne("")]) - set(comps))])
    labels = net.labels.to_numpy()
    owners: dict[int, list[str]] = {}
    for a, b, k in zip(eu, ev, ekind, strict=True):
        if k == "covers":
            owners.setdefault(int(b), []).append(str(labels[a]))
    lev_max = float(np.nanmax(lev)) if lev is not None and len(lev) and np.nanmax(lev) > 0 else 0.0
    nodes: list[dict[str, Any]] = []
    for k, i in enumerate(keep):
        row = recs[i]
        att = row["attitude"]
        sup = str(row["supports"] or "")
        support = row["support"]
        role = str(role_main[i])
        if party[i] == "us":
            fill = OUR_COLOUR
        elif party[i] == "competitor":
            fill = comp_colour.get(str(row["org"]), "#555555")
        else:
            fill = attitude_colour(None if _blank(att) else att)
        ring = comp_colour.get(sup) if sup else None
        size = 16.0
        if lev is not None:
            size = 10.0 + 40.0 * float(np.sqrt(max(lev[i], 0.0) / lev_max)) if lev_max else 10.0
        tip = _tooltip(
            str(labels[i]),
            row,
            org_name,
            roles_of.get(i, []),
            owners.get(i, []),
            None if lev is None else float(lev[i]),
            hidden_why.get(str(pids[i]), ""),
        )
        nodes.append(
            {
                "id": f"n{k}",
                "label": str(labels[i]),
                "title": tip,
                "shape": ROLE_SHAPES[role],
                "size": round(size, 2),
                "x": round(float(xy[k, 0]), 1),
                "y": round(float(xy[k, 1]), 1),
                "group": party[i],
                "color": {
                    "background": fill,
                    "border": ring or "#4d4d4d",
                    "highlight": {"background": fill, "border": "#000000"},
                    "hover": {"background": fill, "border": "#000000"},
                },
                "borderWidth": (1.5 + _support(support)) if ring else 1.0,
                "borderWidthSelected": 3.0 if not ring else 2.5 + _support(support),
                "role": role or "none",
                "party": party[i],
                "search": str(labels[i]).casefold() + " " + str(pids[i]).casefold(),
            }
        )

    # ---- edges
    hidden_set = set(hidden_top)
    role_holders = set(roles_of)
    edges: list[dict[str, Any]] = []
    for j in np.flatnonzero(tie_in):
        a, b, kind = int(eu[j]), int(ev[j]), str(ekind[j])
        directed = kind in _DIRECTED
        dashed = (kind == "influences" and a not in role_holders) or (
            kind not in _FORMAL and (a in hidden_set or b in hidden_set)
        )
        note = "" if _blank(enote[j]) else str(enote[j])
        tip = say(
            "viz_tie_tip",
            a=labels[a],
            arrow="→" if directed else "—",
            b=labels[b],
            kind=kind.replace("_", " "),
            strength=f"{estrength[j]:.2f}",
        )
        if dashed:
            tip += "\n" + say("viz_tie_hidden")
        if note:
            tip += "\n" + note
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": f"n{pos_of[a]}",
                "to": f"n{pos_of[b]}",
                "kind": kind,
                "title": tip,
                "dashes": bool(dashed),
                "arrows": "to" if directed else "",
                "width": round(0.5 + 2.5 * float(estrength[j]), 2),
                "color": {"color": TIE_COLOURS.get(kind, TIE_COLOURS["personal"]), "opacity": 0.8},
            }
        )

    # ---- page
    pyvis_nodes, pyvis_edges, options = _through_pyvis(nodes, edges, len(keep))
    heading = title if title is not None else _default_title(net, opp, org_name)
    roles_present = [r for r in ROLE_ORDER if (role_main[keep] == r).any()]
    if (role_main[keep] == "").any():
        roles_present.append("none")
    data = {
        "nodes": pyvis_nodes,
        "edges": pyvis_edges,
        "options": options,
        "filters": {
            "role": [
                _choice(r, say(f"viz_role_{r}"), role_main[keep], r if r != "none" else "")
                for r in roles_present
            ],
            "party": [
                _choice(p, say(f"viz_party_{p}"), party[keep], p)
                for p in _BLOCKS
                if (party[keep] == p).any()
            ],
            "kind": [
                _choice(k, k.replace("_", " "), ekind[tie_in], k)
                for k in sorted(set(ekind[tie_in]))
            ],
        },
        "text": {"found": say("viz_search_found", n="{n}"), "none": say("viz_search_none")},
    }
    page = _render(heading, notes, data, _legend(comps, comp_colour, org_name), height)
    result = NetworkMap(
        html=page,
        people=len(keep),
        ties=len(edges),
        hidden_sensitive=hidden_sensitive,
        left_out=left_out,
        hidden_people=policy.hidden_people,
        notes=tuple(notes),
        height=height,
        node_ids=tuple(str(pids[i]) for i in keep),
    )
    if path is not None:
        result.save(path)
    return result


# ---------------------------------------------------------------------- helpers
def _blank(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value)) or str(value) == ""
    except (TypeError, ValueError):
        return False


def _support(value: Any) -> float:
    return 2.0 if _blank(value) else float(value)


def _org_label(name: Any, name_en: Any) -> str:
    name = str(name)
    if _blank(name_en) or str(name_en) == name:
        return name
    return f"{name_en} ({name})"


def _influence(
    net: RelationshipNetwork, opp: str | None, include_sensitive: bool, shareable: np.ndarray
) -> tuple[np.ndarray | None, dict[str, str]]:
    """Leverage per person (matrix order) and the top shareable hidden influencers' why."""
    if opp is None:
        return None, {}
    try:
        from relgraph.analysis.influence import hidden_influencers, leverage
    except ImportError:
        return None, {}
    lev_df = leverage(net, opp)
    lev = (
        pd.Series(lev_df["leverage"].to_numpy(float), index=lev_df["person"].astype(str))
        .reindex(net.person_ids)
        .fillna(0.0)
        .to_numpy()
    )
    extra = int((~shareable).sum())
    hi = hidden_influencers(net, opp, k=HIDDEN_TOP + extra, include_sensitive=include_sensitive)
    ok = set(net.person_ids[shareable])
    hi = hi[hi["person"].astype(str).isin(ok)].head(HIDDEN_TOP)
    why = dict(zip(hi["person"].astype(str), hi["why"].astype(str), strict=True))
    return lev, why


def _ego(n: int, eu: np.ndarray, ev: np.ndarray, start: int, radius: int) -> np.ndarray:
    """People within ``radius`` ties of ``start`` (ties in either direction), BFS order."""
    import scipy.sparse as sp

    adj = sp.csr_matrix((np.ones(2 * len(eu)), (np.r_[eu, ev], np.r_[ev, eu])), shape=(n, n))
    seen = np.zeros(n, bool)
    seen[start] = True
    order = [np.array([start])]
    frontier = order[0]
    for _ in range(radius):
        nxt = np.unique(adj[frontier].indices)
        nxt = nxt[~seen[nxt]]
        if not len(nxt):
            break
        seen[nxt] = True
        order.append(nxt)
        frontier = nxt
    return np.concatenate(order)


def _select(
    candidates: np.ndarray,
    roles_of: dict[int, list[tuple[str, str]]],
    hidden_top: Sequence[int],
    focus_idx: int | None,
    lev: np.ndarray | None,
    degree: np.ndarray,
    max_people: int,
) -> np.ndarray:
    """Keep everyone when under the limit; else the most relevant ``max_people``."""
    if len(candidates) <= max_people:
        return np.sort(candidates)
    tier = np.full(len(candidates), 3)
    tier[np.isin(candidates, list(hidden_top))] = 1
    tier[np.isin(candidates, list(roles_of))] = 0
    if focus_idx is not None:
        tier[candidates == focus_idx] = -1
    lv = np.zeros(len(candidates)) if lev is None else lev[candidates]
    order = np.lexsort((candidates, -degree[candidates], -lv, tier))
    return np.sort(candidates[order[:max_people]])


def _positions(
    net: RelationshipNetwork,
    keep: np.ndarray,
    party: np.ndarray,
    level: np.ndarray,
    eu: np.ndarray,
    ev: np.ndarray,
    ekind: np.ndarray,
    layout: Layout,
    seed: int,
) -> np.ndarray:
    """Pixel positions (one row per kept person) computed in Python; the page runs no physics."""
    if layout == "spring":
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(range(len(keep)))
        pos_of = {int(i): k for k, i in enumerate(keep)}
        g.add_edges_from(
            (pos_of[int(a)], pos_of[int(b)])
            for a, b in zip(eu, ev, strict=True)
            if int(a) in pos_of and int(b) in pos_of and a != b
        )
        pos = nx.spring_layout(g, seed=seed)
        scale = 60.0 * np.sqrt(max(len(keep), 1))
        return np.array([pos[k] for k in range(len(keep))], float).reshape(-1, 2) * scale

    dept = net.people["department"].fillna("").astype(str).to_numpy()
    labels = net.labels.to_numpy()
    bosses: dict[int, list[int]] = {}
    for a, b, k in zip(eu, ev, ekind, strict=True):
        if k == "reports_to":
            bosses.setdefault(int(a), []).append(int(b))
    x: dict[int, float] = {}
    y: dict[int, float] = {}
    offset = 0.0
    for block in _BLOCKS:
        members = keep[party[keep] == block]
        if not len(members):
            continue
        per_row = max(8, int(2.0 * np.sqrt(len(members))))
        width = 0.0
        placed: dict[int, float] = {}
        for lv in sorted(set(level[members])):
            row = [int(i) for i in members[level[members] == lv]]
            keys = {}
            for i in row:  # under the mean position of their managers, then by department
                bx = [placed[b] for b in bosses.get(i, []) if b in placed]
                keys[i] = (float(np.mean(bx)) if bx else -1e9, dept[i], str(labels[i]))
            row.sort(key=keys.__getitem__)
            for start in range(0, len(row), per_row):
                chunk = row[start : start + per_row]
                sub = start // per_row
                for c, i in enumerate(chunk):
                    placed[i] = c * _DX
                    y[i] = lv * _DY + sub * _DSUB + (c % 2) * 18.0
                width = max(width, (len(chunk) - 1) * _DX)
        for i, px in placed.items():
            x[i] = offset + px
        offset += width + _GAP + _DX
    return np.array([[x[int(i)], y[int(i)]] for i in keep], float).reshape(-1, 2)


def _tooltip(
    label: str,
    row: dict[str, Any],
    org_name: dict[str, str],
    roles: list[tuple[str, str]],
    owners: list[str],
    lev: float | None,
    why: str,
) -> str:
    """Plain-text tooltip (vis-network shows string titles as text, never as HTML)."""
    lines = [label]
    org = org_name.get(str(row["org"]), str(row["org"]))
    title = "" if _blank(row["title"]) else str(row["title"])
    lines.append(f"{title} · {org}" if title else org)
    if not _blank(row["level"]):
        lines.append(say("viz_tip_level", level=int(row["level"])))
    if roles:
        lines.append(
            say(
                "viz_tip_role",
                roles=", ".join(f"{r} ({s})" if s else r for r, s in roles),
            )
        )
    if not _blank(row["attitude"]):
        att = int(row["attitude"])
        lines.append(say("viz_tip_attitude", value=f"{att:+d}", word=say(f"viz_attitude_{att}")))
    sup = "" if _blank(row["supports"]) else str(row["supports"])
    if sup:
        lines.append(
            say("viz_tip_backs", org=org_name.get(sup, sup), support=int(_support(row["support"])))
        )
    if owners:
        lines.append(say("viz_tip_owners", owners=", ".join(sorted(owners))))
    if lev is not None:
        lines.append(say("viz_tip_leverage", leverage=f"{lev:.3f}"))
    if why:
        lines.append(say("viz_tip_why", why=why))
    return "\n".join(lines)


def _choice(value: str, text: str, column: np.ndarray, match: str) -> dict[str, Any]:
    return {"value": value, "text": text, "count": int((column == match).sum())}


def _default_title(net: RelationshipNetwork, opp: str | None, org_name: dict[str, str]) -> str:
    if opp is None:
        return say("viz_title_plain")
    row = net.opportunities[net.opportunities["id"].astype(str).eq(opp)].iloc[0]
    account = org_name.get(str(row["account"]), str(row["account"]))
    name = str(opp) if _blank(row["name"]) else f"{row['name']} ({opp})"
    return say("viz_title", account=account, opportunity=name)


def _through_pyvis(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], n_nodes: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Assemble the vis-network data with pyvis (its template is not used; see to_html)."""
    from pyvis.network import Network

    g = Network(directed=True, cdn_resources="in_line")
    g.node_ids = [nd["id"] for nd in nodes]
    g.node_map = {}
    for nd in nodes:
        opts = {k: v for k, v in nd.items() if k not in ("id", "label", "shape")}
        g.nodes.append(_pyvis_node(nd["id"], nd["shape"], nd["label"], opts))
    for ed in edges:
        opts = {k: v for k, v in ed.items() if k not in ("from", "to")}
        g.edges.append(_pyvis_edge(ed["from"], ed["to"], opts))
    big = n_nodes > 500
    g.set_options(
        json.dumps(
            {
                "physics": {"enabled": False},
                "layout": {"improvedLayout": False},
                "interaction": {
                    "hover": True,
                    "tooltipDelay": 120,
                    "hideEdgesOnDrag": big,
                    "hideEdgesOnZoom": big,
                    "navigationButtons": False,
                    "multiselect": True,
                },
                "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.5}}},
                "nodes": {
                    "font": {"size": 16, "face": "sans-serif"},
                    "scaling": {"label": {"drawThreshold": 9 if big else 3}},
                },
            }
        )
    )
    out_nodes, out_edges, _heading, _h, _w, options = g.get_network_data()
    return out_nodes, out_edges, json.loads(options)


def _pyvis_node(nid: str, shape: str, label: str, opts: dict[str, Any]) -> dict[str, Any]:
    from pyvis.node import Node

    return dict(Node(nid, shape, label=label, **opts).options)


def _pyvis_edge(a: str, b: str, opts: dict[str, Any]) -> dict[str, Any]:
    from pyvis.edge import Edge

    return dict(Edge(a, b, directed=True, **opts).options)


# ---------------------------------------------------------------------- page
def _json_for_script(obj: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or U+2028/9."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS as shipped inside the installed pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)  # no reference to a file we do not ship
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _sha256(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def _legend(comps: list[str], comp_colour: dict[str, str], org_name: dict[str, str]) -> str:
    esc = _html.escape
    items: list[str] = [f"<h2>{esc(say('viz_legend'))}</h2>"]
    items.append(f"<h3>{esc(say('viz_legend_attitude'))}</h3><ul>")
    for att, col in sorted(ATTITUDE_COLOURS.items()):
        items.append(
            f'<li><span class="sw" style="background:{col}"></span>'
            f"{att:+d} {esc(say(f'viz_attitude_{att}'))}</li>"
        )
    items.append(
        f'<li><span class="sw" style="background:{UNKNOWN_COLOUR}"></span>'
        f"{esc(say('viz_attitude_unknown'))}</li>"
        f'<li><span class="sw" style="background:{OUR_COLOUR}"></span>'
        f"{esc(say('viz_party_us'))}</li></ul>"
    )
    items.append(f"<h3>{esc(say('viz_legend_role'))}</h3><ul>")
    for role in ROLE_ORDER[:-1]:
        items.append(f"<li>{ROLE_SYMBOLS[role]} {esc(say(f'viz_role_{role}'))}</li>")
    items.append(f"<li>{ROLE_SYMBOLS['']} {esc(say('viz_role_none'))}</li></ul>")
    if comp_colour:
        items.append(f"<h3>{esc(say('viz_legend_ring'))}</h3><ul>")
        for org, col in comp_colour.items():
            items.append(
                f'<li><span class="sw ring" style="border-color:{col}"></span>'
                f"{esc(org_name.get(org, org))}</li>"
            )
        items.append("</ul>")
    items.append(f"<h3>{esc(say('viz_legend_ties'))}</h3><ul>")
    for kind, col in TIE_COLOURS.items():
        items.append(
            f'<li><span class="ln" style="border-top-color:{col}"></span>'
            f"{esc(say(f'viz_tie_{kind}'))}</li>"
        )
    items.append(
        f'<li><span class="ln dash"></span>{esc(say("viz_tie_hidden_legend"))}</li>'
        f"<li>{esc(say('viz_legend_size'))}</li></ul>"
    )
    return "".join(items)


_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("relgraph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("relgraph-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  network.once("afterDrawing", function () {
    window.relgraphMapReady = true;
    document.body.setAttribute("data-drawn", "1");
  });
  window.relgraphNetwork = network;
  var state = {role: {}, party: {}, kind: {}};
  function apply() {
    nodes.update(data.nodes.map(function (nd) {
      return {id: nd.id, hidden: !(state.role[nd.role] && state.party[nd.party])};
    }));
    edges.update(data.edges.map(function (ed) {
      return {id: ed.id, hidden: !state.kind[ed.kind]};
    }));
  }
  function addFilter(boxId, key) {
    var box = document.getElementById(boxId);
    data.filters[key].forEach(function (choice) {
      state[key][choice.value] = true;
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.checked = true;
      input.setAttribute("data-value", choice.value);
      input.addEventListener("change", function () {
        state[key][choice.value] = input.checked;
        apply();
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + choice.text + " (" + choice.count + ")"));
      box.appendChild(label);
    });
  }
  addFilter("relgraph-filter-role", "role");
  addFilter("relgraph-filter-party", "party");
  addFilter("relgraph-filter-kind", "kind");
  var search = document.getElementById("relgraph-search");
  var status = document.getElementById("relgraph-search-status");
  function doSearch() {
    var q = search.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); status.textContent = ""; return; }
    var hits = data.nodes.filter(function (nd) {
      return nd.search.indexOf(q) >= 0;
    }).map(function (nd) { return nd.id; });
    network.selectNodes(hits);
    if (hits.length) {
      network.fit({nodes: hits, animation: false});
      status.textContent = data.text.found.replace("{n}", String(hits.length));
    } else {
      status.textContent = data.text.none;
    }
  }
  search.addEventListener("input", doSearch);
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="relgraph">
<title>@@TITLE@@</title>
<style>@@VISCSS@@</style>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0;
  color: #222; background: #fff; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 18px; margin: 4px 0; }
.note { margin: 2px 0; font-size: 13px; color: #8a4b00; }
.wrap { display: flex; align-items: stretch; }
#relgraph-network { flex: 1; height: @@HEIGHT@@; min-width: 300px; }
aside { width: 260px; padding: 8px 12px; border-left: 1px solid #ddd; font-size: 12px;
  overflow-y: auto; max-height: @@HEIGHT@@; }
aside h2 { font-size: 14px; margin: 8px 0 4px; }
aside h3 { font-size: 12px; margin: 8px 0 2px; }
aside ul { list-style: none; margin: 0; padding: 0; }
aside li { margin: 1px 0; }
aside label { display: block; }
.sw { display: inline-block; width: 12px; height: 12px; border: 1px solid #4d4d4d;
  margin-right: 6px; vertical-align: middle; border-radius: 50%; }
.sw.ring { border-width: 3px; background: #bdbdbd; }
.ln { display: inline-block; width: 24px; margin-right: 6px; vertical-align: middle;
  border-top: 2px solid #7f7f7f; }
.ln.dash { border-top: 2px dashed #762a83; }
#relgraph-search { width: 100%; box-sizing: border-box; }
.vis-tooltip { white-space: pre-wrap; max-width: 420px; font-size: 12px; }
</style>
</head>
<body>
<header>
<h1>@@HEADING@@</h1>
@@NOTES@@
</header>
<div class="wrap">
<div id="relgraph-network" role="img" aria-label="@@TITLE@@"></div>
<aside>
<label for="relgraph-search">@@SEARCH@@</label>
<input id="relgraph-search" type="search" autocomplete="off">
<div id="relgraph-search-status" aria-live="polite"></div>
<div id="relgraph-legend">@@LEGEND@@</div>
<h2>@@FILTERS@@</h2>
<h3>@@F_ROLE@@</h3><div id="relgraph-filter-role"></div>
<h3>@@F_PARTY@@</h3><div id="relgraph-filter-party"></div>
<h3>@@F_KIND@@</h3><div id="relgraph-filter-kind"></div>
</aside>
</div>
<script type="application/json" id="relgraph-data">@@DATA@@</script>
<script>@@VISJS@@</script>
<script>@@APPJS@@</script>
</body>
</html>
"""


def _render(heading: str, notes: list[str], data: dict[str, Any], legend: str, height: str) -> str:
    esc = _html.escape
    js, css = _vis_assets()
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(js)} {_sha256(_APP_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": csp,
        "TITLE": esc(heading),
        "HEADING": esc(heading),
        "NOTES": "".join(f'<p class="note">{esc(t)}</p>' for t in notes),
        "HEIGHT": height,
        "SEARCH": esc(say("viz_search")),
        "LEGEND": legend,
        "FILTERS": esc(say("viz_filters")),
        "F_ROLE": esc(say("viz_filter_role")),
        "F_PARTY": esc(say("viz_filter_party")),
        "F_KIND": esc(say("viz_filter_kind")),
        "DATA": _json_for_script(data),
        "VISCSS": css,
        "VISJS": js,
        "APPJS": _APP_JS,
    }
    # One pass, so a user string that happens to contain a marker is never expanded.
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], _PAGE)

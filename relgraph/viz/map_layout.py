"""Where the map puts people: the story grid, the groups' places and the spring layout.

The story grid has one column per buying stage (need → … → purchase) and one row per level
(board on top), our team in a band underneath; a person without a role sits in the column
of the role holder they are most tied to. Sizes are in screen pixels at zoom 1, so that at
the default zoom every label is drawn at :data:`LABEL_PX` pixels. The people of a group get
a block of their own to the right, where they appear when the group is opened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from relgraph.palette import ROLE_ORDER, ROLE_SCALE
from relgraph.text import TERMS, say, term
from relgraph.vocab import Stage

if TYPE_CHECKING:
    from relgraph.viz.map_facts import MapFacts
    from relgraph.viz.map_select import Group

__all__ = [
    "LABEL_PX",
    "Bands",
    "declutter",
    "display_labels",
    "force_places",
    "group_places",
    "story_grid",
]

#: Label font size in pixels at zoom 1: the smallest the default view draws them (it zooms in
#: when there is room, never out).
LABEL_PX = 12
_LINE = LABEL_PX + 1
_GAP_X, _GAP_Y, _COL_GAP = 12.0, 10.0, 20.0
#: The canvas at 1600 × 1000 (the window less the title and the side panel), and the room the
#: level names, the stage names, our team's band and the groups take around the grid.
_SCREEN_W, _SCREEN_H = 1340.0, 890.0
_AROUND_W, _AROUND_H = 300.0, 110.0
_ANCHOR_DX, _ANCHOR_DY = 230.0, 34.0
_STAGES = [str(s) for s in Stage]
_US, _OUTSIDE = "\x00us", "\x00outside"


@dataclass
class Bands:
    """Column and row headers of the story grid, drawn behind the people."""

    cols: list[dict[str, object]] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0


def display_labels(net_labels: np.ndarray, names: np.ndarray, names_en: np.ndarray) -> list[str]:
    """Canvas labels: ``name`` over ``name_en`` when the label is ``name (name_en)``."""
    out = []
    for lab, name, en in zip(net_labels, names, names_en, strict=True):
        lab, name, en = str(lab), str(name), str(en)
        out.append(f"{name}\n{en}" if en and lab == f"{name} ({en})" else lab)
    return out


def text_width(label: str, px: float = LABEL_PX) -> float:
    """Estimate, generously, a label's drawn width (widest line) in pixels."""
    return max(
        sum(px if ord(ch) >= 0x2E80 else 0.56 * px for ch in line) for line in label.split("\n")
    )


def _drawn(facts: MapFacts, sizes: dict[int, float], i: int) -> float:
    """Drawn radius of a person: role outline scale, plus the do-not-contact circle."""
    return sizes[i] * ROLE_SCALE.get(str(facts.role_main[i]), 1.0) + (6.0 if facts.dnc[i] else 0)


def _label_height(label: str) -> float:
    return (label.count("\n") + 1) * _LINE + 2.0


def _columns(facts: MapFacts, ids: list[int], story: set[int]) -> dict[int, str]:
    """Column key of each story person (stage, an org, outside the chain, or our band)."""
    holders = [i for i in ids if i in facts.roles_of]
    col: dict[int, str] = {}
    for i in holders:
        col[i] = str(facts.stage_main[i])
    strongest: dict[int, tuple[float, int]] = {}
    for a, b, s in zip(facts.eu.tolist(), facts.ev.tolist(), facts.strength.tolist(), strict=True):
        for x, y in ((a, b), (b, a)):
            if x in story and y in col and (x not in strongest or s > strongest[x][0]):
                strongest[x] = (s, y)
    org = facts.net.people["org"].astype(str).to_numpy()
    for i in ids:
        if i in col:
            continue
        if facts.party[i] == "us":
            col[i] = _US
            continue
        swayed = [j for j in facts.sways.get(i, []) if j in col and j in facts.roles_of]
        if swayed:
            col[i] = col[swayed[0]]
        elif i in strongest and strongest[i][1] in facts.roles_of:
            col[i] = col[strongest[i][1]]
        elif not holders:
            col[i] = "org:" + org[i]
        else:
            col[i] = _OUTSIDE
    return col


def _col_order(keys: set[str]) -> list[str]:
    stages = [s for s in _STAGES if s in keys]
    other = sorted(k for k in keys if k.startswith("org:"))
    rest = [k for k in ("", _OUTSIDE) if k in keys]
    unknown = sorted(keys - set(stages) - set(other) - set(rest) - {_US})
    return [*stages, *unknown, *other, *rest]


def _col_text(key: str, org_name: dict[str, str], lang: str) -> str:
    if key in _STAGES:
        return term("stage", key, lang=lang).capitalize()
    if key.startswith("org:"):
        return org_name.get(key[4:], key[4:])
    if key == _OUTSIDE:
        return say("viz_stage_outside", lang=lang)
    return say("viz_stage_none", lang=lang) if key == "" else key


def level_text(level: float, lang: str = "en") -> str:
    """Row header of a level (``nan``: not given), in the language ``lang``."""
    if math.isnan(level):
        return say("viz_level_none", lang=lang)
    key = str(int(level))
    return (
        "L" + term("level", key, lang=lang)
        if key in TERMS["level"]
        else say("viz_level_n", level=key, lang=lang)
    )


def _sort_key(facts: MapFacts, labels: list[str], i: int) -> tuple[int, float, str]:
    role = str(facts.role_main[i])
    rank = ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)
    lev = 0.0 if facts.lev is None else float(facts.lev[i])
    return (rank, -lev, labels[i])


def _wraps(
    cells: dict[tuple[str, float], list[int]],
    cols: list[str],
    colw: dict[str, float],
    pitch: dict[float, float],
) -> dict[str, int]:
    """People side by side per column: as few wrapped lines as fit the screen's shape.

    Starts with every cell on one line, then narrows columns one at a time while that lets
    the whole map be drawn larger on a :data:`_SCREEN_W` × :data:`_SCREEN_H` canvas.
    """
    top = {c: max(len(v) for (cc, _), v in cells.items() if cc == c) for c in cols}
    wrap = dict(top)

    def scale(w: dict[str, int]) -> float:
        width = sum(w[c] * colw[c] for c in cols) + _COL_GAP * (len(cols) - 1)
        height = sum(
            pitch[r] * max(math.ceil(len(v) / w[c]) for (c, rr), v in cells.items() if rr == r)
            for r in pitch
        )
        return min(_SCREEN_W / (width + _AROUND_W), _SCREEN_H / (height + _AROUND_H))

    best = scale(wrap)
    changed = True
    while changed:  # coordinate descent: best wrap of one column at a time
        changed = False
        for c in cols:
            for k in range(1, top[c] + 1):
                trial = {**wrap, c: k}
                got = scale(trial)
                if got > best + 1e-9:
                    best, wrap, changed = got, trial, True
    return wrap


def story_grid(
    facts: MapFacts, ids: list[int], labels: list[str], sizes: dict[int, float]
) -> tuple[dict[int, tuple[float, float]], Bands]:
    """Positions of the story people on the stage × level grid, and the grid's headers."""
    lang = facts.net.settings.language
    col = _columns(facts, ids, set(ids))
    lv = {i: (float(facts.level[i]) if not math.isnan(facts.level[i]) else math.inf) for i in ids}
    cells: dict[tuple[str, float], list[int]] = {}
    for i in sorted(ids, key=lambda i: _sort_key(facts, labels, i)):
        if col[i] != _US:
            cells.setdefault((col[i], lv[i]), []).append(i)
    cols = _col_order({c for c, _ in cells})
    colw = dict.fromkeys(cols, 0.0)
    pitch: dict[float, float] = {}
    for (c, r), members in cells.items():
        for i in members:
            wide = max(text_width(labels[i]), 2 * _drawn(facts, sizes, i))
            colw[c] = max(colw[c], wide + _GAP_X, 70.0)
            need = 2 * _drawn(facts, sizes, i) + 3 + _label_height(labels[i]) + _GAP_Y
            pitch[r] = max(pitch.get(r, 0.0), need)
    wrap = _wraps(cells, cols, colw, pitch) if cells else {}
    bands = Bands()
    x0: dict[str, float] = {}
    x = 0.0
    org_name = {str(k): str(v) for k, v in facts.net.org_labels.items()}
    for c in cols:
        x0[c] = x
        bands.cols.append(
            {"x0": x, "x1": x + wrap[c] * colw[c], "text": _col_text(c, org_name, lang)}
        )
        x += wrap[c] * colw[c] + _COL_GAP
    bands.right = max(x - _COL_GAP, 0.0)
    xy: dict[int, tuple[float, float]] = {}
    y = 0.0
    for level in sorted(pitch):
        rmax = max(_drawn(facts, sizes, i) for (c, r), m in cells.items() if r == level for i in m)
        subrows = 1
        for c in cols:
            m = cells.get((c, level), [])
            for k, i in enumerate(m):
                sub, pos = divmod(k, wrap[c])
                shift = (wrap[c] - min(len(m) - sub * wrap[c], wrap[c])) * colw[c] / 2
                xy[i] = (x0[c] + shift + (pos + 0.5) * colw[c], y + rmax + sub * pitch[level])
                subrows = max(subrows, sub + 1)
        text = level_text(math.nan if math.isinf(level) else level, lang)
        bands.rows.append({"y0": y - 6, "y1": y + subrows * pitch[level] - 6, "text": text})
        y += subrows * pitch[level]
    ours = [i for i in ids if col[i] == _US]
    if ours:
        y = _our_band(facts, ours, labels, sizes, xy, y)
        bands.rows.append(
            {
                "y0": bands.rows[-1]["y1"] if bands.rows else 0.0,
                "y1": y,
                "text": term("party", "us", lang=lang),
            }
        )
    bands.top, bands.bottom = -6.0, y
    return xy, bands


def _our_band(
    facts: MapFacts,
    ours: list[int],
    labels: list[str],
    sizes: dict[int, float],
    xy: dict[int, tuple[float, float]],
    y: float,
) -> float:
    """Place our people in a row under the chain, each under the people they cover."""
    covered: dict[int, list[float]] = {}
    for person, owners in facts.owners.items():
        if person in xy:
            for o in owners:
                covered.setdefault(o, []).append(xy[person][0])
    target = {i: float(np.mean(covered[i])) if i in covered else math.inf for i in ours}
    rmax = max(sizes[i] for i in ours)
    cy = y + 24.0 + rmax
    x_prev = -math.inf
    w_prev = 0.0
    for i in sorted(ours, key=lambda i: (target[i], labels[i])):
        w = max(text_width(labels[i]), 2 * sizes[i]) + _GAP_X
        want = target[i] if math.isfinite(target[i]) else x_prev + w
        x = max(want, x_prev + (w + w_prev) / 2) if math.isfinite(x_prev) else want
        if not math.isfinite(x):
            x = w / 2
        xy[i] = (x, cy)
        x_prev, w_prev = x, w
    return cy + rmax + max(_label_height(labels[i]) for i in ours) + _GAP_Y


def group_places(
    facts: MapFacts,
    groups: list[Group],
    labels: list[str],
    bands: Bands,
) -> tuple[list[tuple[float, float]], dict[int, tuple[float, float]]]:
    """Each group's node position (right of the grid) and its members' places when opened."""
    height = max(bands.bottom - bands.top, _ANCHOR_DY)
    nrows = max(1, int(1.15 * height // _ANCHOR_DY))
    left = bands.right + 50.0
    anchors = []
    for k in range(len(groups)):
        c, r = divmod(k, nrows)
        anchors.append((left + 20.0 + c * _ANCHOR_DX, bands.top + 14.0 + r * _ANCHOR_DY))
    ncols = math.ceil(len(groups) / nrows) if groups else 0
    x0 = left + ncols * _ANCHOR_DX + 160.0
    y = bands.top
    homes: dict[int, tuple[float, float]] = {}
    bosses = _bosses(facts)
    for g in groups:
        rel, h = _block(facts, g.members, labels, bosses)
        for i, (dx, dy) in rel.items():
            homes[i] = (x0 + dx, y + dy)
        y += h + 120.0
    return anchors, homes


def _bosses(facts: MapFacts) -> dict[int, list[int]]:
    sel = facts.kind == "reports_to"
    bosses: dict[int, list[int]] = {}
    for a, b in zip(facts.eu[sel].tolist(), facts.ev[sel].tolist(), strict=True):
        bosses.setdefault(a, []).append(b)
    return bosses


def _block(
    facts: MapFacts, members: np.ndarray, labels: list[str], bosses: dict[int, list[int]]
) -> tuple[dict[int, tuple[float, float]], float]:
    """Rows by level, people under their managers, wrapped: relative places and height."""
    dx, dy = 120.0, 2 * 14.0 + 2 * _LINE + 4.0 + _GAP_Y
    dept = facts.net.people["department"].fillna("").astype(str).to_numpy()
    level = np.where(np.isnan(facts.level[members]), 99.0, facts.level[members])
    per_row = max(6, int(2.0 * math.sqrt(len(members))))
    placed: dict[int, float] = {}
    out: dict[int, tuple[float, float]] = {}
    y = 14.0
    for lv in sorted(set(level.tolist())):
        row = [int(i) for i in members[level == lv]]
        keys = {}
        for i in row:
            bx = [placed[b] for b in bosses.get(i, []) if b in placed]
            keys[i] = (float(np.mean(bx)) if bx else -1e9, dept[i], labels[i])
        row.sort(key=keys.__getitem__)
        for start in range(0, len(row), per_row):
            for c, i in enumerate(row[start : start + per_row]):
                placed[i] = c * dx
                out[i] = (c * dx, y)
            y += dy
    return out, y


def force_places(
    facts: MapFacts,
    story_ids: list[int],
    groups: dict[str, list[Group]],
    labels: list[str],
    seed: int,
) -> tuple[dict[int, tuple[float, float]], dict[str, list[tuple[float, float]]]]:
    """Start positions of a force layout: the story and each group as one node, seeded.

    A networkx spring (Fruchterman–Reingold) layout of the story with the first grouping's
    groups, run to convergence and scaled so that neighbours sit about 150 px apart within
    a screen; the other groupings' groups are then placed with the story held still.
    """
    import networkx as nx

    member_of = {
        how: {int(i): k for k, g in enumerate(gs) for i in g.members} for how, gs in groups.items()
    }
    story = set(story_ids)
    xy: dict[int, tuple[float, float]] = {}
    anchors: dict[str, list[tuple[float, float]]] = {}
    hows: list[str | None] = [*groups] or [None]
    for n, how in enumerate(hows):
        g = nx.Graph()
        g.add_nodes_from(story_ids)
        mine = member_of[how] if how else {}
        g.add_nodes_from(("g", k) for k in range(len(groups[how]) if how else 0))
        for a, b in zip(facts.eu.tolist(), facts.ev.tolist(), strict=True):
            ra = a if a in story else ("g", mine[a]) if a in mine else None
            rb = b if b in story else ("g", mine[b]) if b in mine else None
            if ra is not None and rb is not None and ra != rb:
                g.add_edge(ra, rb)
        if n:
            start = {i: (p[0] / 1000.0, p[1] / 1000.0) for i, p in xy.items()}
            pos = nx.spring_layout(g, seed=seed, pos=start, fixed=list(xy), iterations=300)
            scale = 1000.0
        else:
            pos = _components(g, seed)
            scale = _spread(pos)
        if not n:
            keys = list(pos)
            pts = np.array([pos[key] for key in keys], dtype=float).reshape(-1, 2) * scale
            pts = declutter(pts, np.array([_box(facts, key, labels) for key in keys]))
            pos = {key: pts[k] / scale for k, key in enumerate(keys)}
            xy = {
                int(i): (float(p[0]) * scale, float(p[1]) * scale)
                for i, p in pos.items()
                if i in story
            }
        if how:
            anchors[how] = [
                (float(pos[("g", k)][0]) * scale, float(pos[("g", k)][1]) * scale)
                for k in range(len(groups[how]))
            ]
    return xy, anchors


def _box(facts: MapFacts, key: object, labels: list[str]) -> tuple[float, float, float, float]:
    """Return a person's (or a group's) drawn box around its spot: left, top, right, bottom."""
    if isinstance(key, tuple):  # a group: icon, label (up to two lines) to its right
        return (-24.0, -22.0, 290.0, 22.0)
    i = int(key)  # type: ignore[call-overload]
    r = 16.0 * ROLE_SCALE.get(str(facts.role_main[i]), 1.0)
    w = max(text_width(labels[i]), 2 * r) / 2 + 6
    return (-w, -r - 4, w, r + 3 + _label_height(labels[i]) + 4)


def declutter(pts: np.ndarray, boxes: np.ndarray, rounds: int = 80) -> np.ndarray:
    """Push apart points whose boxes overlap (each pair along its shallower overlap).

    ``boxes`` holds each point's drawn extent relative to it (left, top, right, bottom).
    """
    pts = pts.copy()
    n = len(pts)
    if n < 2:
        return pts
    upper = np.triu(np.ones((n, n), bool), 1)
    for _ in range(rounds):
        lo = pts + boxes[:, :2]
        hi = pts + boxes[:, 2:]
        ox = np.minimum(hi[:, None, 0], hi[None, :, 0]) - np.maximum(lo[:, None, 0], lo[None, :, 0])
        oy = np.minimum(hi[:, None, 1], hi[None, :, 1]) - np.maximum(lo[:, None, 1], lo[None, :, 1])
        hit = (ox > 0) & (oy > 0) & upper
        if not hit.any():
            break
        a, b = np.nonzero(hit)
        along_x = ox[a, b] < oy[a, b]
        d = pts[b] - pts[a]
        sign = np.where(np.where(along_x, d[:, 0], d[:, 1]) >= 0, 1.0, -1.0)
        push = np.where(along_x, ox[a, b], oy[a, b]) / 2 + 1
        shift = np.zeros((len(a), 2))
        shift[along_x, 0] = sign[along_x] * push[along_x]
        shift[~along_x, 1] = sign[~along_x] * push[~along_x]
        np.add.at(pts, b, shift)
        np.add.at(pts, a, -shift)
    return pts


def _components(g: Any, seed: int) -> dict[object, np.ndarray]:
    """Spring layout of the largest connected part; the other parts in a row under it.

    (A spring layout of disconnected parts flings them apart and squeezes the rest.)
    """
    import networkx as nx

    parts = sorted(nx.connected_components(g), key=lambda c: (-len(c), sorted(map(str, c))))
    main = nx.spring_layout(g.subgraph(parts[0]), seed=seed, iterations=300)
    pts = np.array(list(main.values()), dtype=float).reshape(-1, 2)
    pos: dict[object, np.ndarray] = dict(main)
    step = 0.12 * max(float(np.ptp(pts[:, 0])) if len(pts) > 1 else 1.0, 0.5)
    x = float(pts[:, 0].min()) if len(pts) else 0.0
    y = float(pts[:, 1].max()) + step if len(pts) else 0.0
    for part in parts[1:]:
        for node in sorted(part, key=str):
            pos[node] = np.array([x, y])
            x += step
            if x > float(pts[:, 0].max()):
                x, y = float(pts[:, 0].min()), y + step
    return pos


def _spread(pos: dict[object, np.ndarray]) -> float:
    """Scale a unit spring layout: neighbours about 150 px apart, within about a screen."""
    pts = np.array(list(pos.values()), dtype=float).reshape(-1, 2)
    if len(pts) < 2:
        return 1.0
    d = np.sqrt(((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(d, np.inf)
    near = float(np.median(d.min(axis=1)))
    span = np.maximum(pts.max(axis=0) - pts.min(axis=0), 1e-9)
    fit = min(1250.0 / span[0], 800.0 / span[1])
    return min(150.0 / near, fit) if near > 0 else fit

"""Interactive HTML network maps: one self-contained, offline, escaped file per map."""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

import numpy as np

from relgraph.checks import check_bool, check_choice, check_int, invalid
from relgraph.io.files import atomic_write_text
from relgraph.palette import DNC_COLOUR, HIDDEN_COLOUR, ROLE_POLYGONS, ROLE_SCALE
from relgraph.text import message, say, term
from relgraph.viz.map_facts import HIDDEN_TOP, gather
from relgraph.viz.map_layout import LABEL_PX
from relgraph.viz.networkmap import NetworkMap

if TYPE_CHECKING:
    from relgraph.network import RelationshipNetwork
    from relgraph.viz.map_facts import MapFacts
    from relgraph.viz.map_select import Group

__all__ = ["HIDDEN_TOP", "MAP_MAX_PEOPLE", "NetworkMap", "Positions", "to_html"]

#: Above this many people a map keeps the decision chain and the most relevant people and
#: says what it left out (a browser stays responsive with about this many nodes).
MAP_MAX_PEOPLE = 1500
#: Saved node positions: a file written by the map's "positions" button, or a mapping
#: person id → (x, y).
Positions = Union[str, Path, Mapping[str, Sequence[float]]]  # noqa: UP007

Layout = Literal["auto", "layered", "force", "spring"]
View = Literal["story", "all"]
GroupBy = Literal["department", "org", "faction"]
_CSS_LENGTH = re.compile(r"^\d{2,5}(px|vh)$")
_FONT_FACE = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif"


def to_html(
    net: RelationshipNetwork,
    path: str | Path | None = None,
    *,
    opportunity: str | None = None,
    focus: str | None = None,
    radius: int = 2,
    include_sensitive: bool = False,
    max_people: int = MAP_MAX_PEOPLE,
    view: View = "story",
    group_by: GroupBy = "department",
    layout: Layout = "auto",
    positions: Positions | None = None,
    seed: int = 0,
    title: str | None = None,
    height: str | None = None,
    as_of: Any = None,
) -> NetworkMap:
    r"""Draw the network as one self-contained interactive HTML page (opens offline).

    The default view tells the story of the deal: the decision chain's role holders in
    columns by buying stage (need → … → purchase) and rows by level, the hidden influencers
    next to the people they sway, the people backing a competitor, and our people who cover
    them in a band underneath; everyone else is collapsed into groups (by department,
    organisation or faction) that open on click. The title lines state our support index
    against each competitor's and the top coverage gap.

    Colour is the attitude toward us (−3 red … 0 grey … +3 green, colour-blind safe), shape
    the buying role (one outline per role), size the leverage on the decision, a coloured
    ring the backing of a competitor, a dashed outline a hidden influencer and a crossed
    circle a person not to be contacted; dashed purple ties are hidden influence, and
    arrows point the way influence flows (from a manager to the report). Clicking a person
    dims everyone outside their neighbourhood; dragged people stay where they are dropped
    (kept in the browser and downloadable); the page exports PNG and SVG and has a print
    style.

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
    view : {"story", "all"}
        ``"story"`` (default): the people above one by one, the others in groups (a map of
        at most 40 people shows everyone). ``"all"``: every group open.
    group_by : {"department", "org", "faction"}
        How the default view groups the others (the page can switch).
    layout : {"auto", "layered", "force", "spring"}
        ``"layered"``: the stage × level grid, groups to the right (deterministic, fast at
        any size). ``"force"``: a force-directed layout of the story and the groups
        (networkx's Fruchterman–Reingold, seeded), run until it settles and then frozen:
        the page runs no physics, so nothing drifts and dragged people stay put.
        ``"spring"``: the same force layout of every person, ungrouped. ``"auto"``
        (default): layered when at least half of the people have a level, else force.
    positions : str, Path or mapping, optional
        Node positions to reuse: the JSON file downloaded from a map's "positions" button,
        or ``{person id: (x, y)}``. People not in it are placed by ``layout``.
    seed : int
        Seed of the spring and force layouts.
    title : str, optional
        Page heading; defaults to the account and opportunity names.
    height : str, optional
        Height of the canvas, e.g. ``"760px"`` or ``"80vh"``; by default it fills the
        window under the title.
    as_of : date or str, optional
        Date for the coverage gaps in the title (:func:`relgraph.coverage`; default today).

    Returns
    -------
    NetworkMap
        The page (``.html``), with counts of what it shows and left out; ``.save(path)``
        writes it as HTML, PNG or SVG; in Jupyter it renders inline (compressed).

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    UnknownPersonError
        For an unknown ``focus``.
    InvalidParameterError
        For a bad option or ``positions`` file, or a ``focus`` known only through
        sensitive ties (without ``include_sensitive=True``).

    Notes
    -----
    Size is ``9 + 10·sqrt(leverage / max leverage)`` pixels, with leverage from
    :func:`relgraph.leverage`. A tie is hidden influence (dashed) when it is an
    ``influences`` tie from someone without a role, or a personal tie of one of the top
    :data:`HIDDEN_TOP` hidden influencers (:func:`relgraph.hidden_influencers`) — never a
    tie between two of our people. Labels are drawn at 12 px at zoom 1; the default view
    zooms in (up to 1.3×) when the map leaves room, never out.

    The page embeds vis-network 9.1.2 (shipped with pyvis, checked by hash) and relgraph's
    own script; it loads nothing from the network and sets a Content-Security-Policy that
    allows only those scripts (by hash). People get opaque ids (``n0``, ``n1`` …); every
    user string is escaped (``<``, ``>`` and ``&`` as ``\\u003c`` … inside the JSON data,
    HTML entities in the page) and reaches the screen as text only.

    Examples
    --------
    >>> import relgraph as rg
    >>> m = rg.to_html(rg.datasets.tiny())
    >>> m
    NetworkMap(6 people, 7 ties, 0 sensitive ties and 0 people hidden, 0 people left out)
    >>> "https://" in m.html.split("<body")[1].split("vis-network")[0]
    False
    """
    opts = _check(radius, include_sensitive, max_people, view, group_by, layout, seed, height)
    if title is not None and not isinstance(title, str):
        raise invalid("title", title, message("exp_text_or_none"))
    _check_path(net, path)
    has_opp = len(net.opportunities) or opportunity is not None
    opp = net.resolve_opportunity(opportunity) if has_opp else None
    user_pos = _read_positions(positions)
    facts = gather(net, opp, include_sensitive=opts["include_sensitive"], as_of=as_of)
    from relgraph.viz.map_select import candidates, groupings, select, story_mask

    cands, focus_idx, notes = candidates(facts, focus, opts["radius"])
    keep, cut = select(facts, cands, focus_idx, opts["max_people"])
    notes += cut + _privacy_notes(facts)
    story = story_mask(facts, keep, focus_idx)
    if opts["layout"] == "spring":  # everyone one by one, in one force layout
        story[:] = True
    groups = groupings(facts, keep, story)
    data, in_view, n_ties = _data(facts, keep, story, groups, opts, user_pos, notes)
    counts = {"in_view": in_view, "ties": n_ties, "left_out": len(cands) - len(keep)}
    return _finish(facts, keep, data, notes, title, opts, counts, path)


def _check(
    radius: Any,
    include_sensitive: Any,
    max_people: Any,
    view: Any,
    group_by: Any,
    layout: Any,
    seed: Any,
    height: Any,
) -> dict[str, Any]:
    if height is not None and not _CSS_LENGTH.match(str(height)):
        raise invalid("height", height, message("exp_css_length"))
    return {
        "radius": check_int("radius", radius, minimum=0),
        "include_sensitive": check_bool("include_sensitive", include_sensitive),
        "max_people": check_int("max_people", max_people, minimum=1),
        "view": check_choice("view", view, ("story", "all")),
        "group_by": check_choice("group_by", group_by, ("department", "org", "faction")),
        "layout": check_choice("layout", layout, ("auto", "layered", "force", "spring")),
        "seed": check_int("seed", seed, minimum=0),
        "height": height,
    }


def _read_positions(value: Positions | None) -> dict[str, tuple[float, float]]:
    """Read saved positions from a downloaded file or a mapping, checked."""
    if value is None:
        return {}
    raw: Any = value
    if isinstance(value, (str, Path)):
        try:
            raw = json.loads(Path(value).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise invalid("positions", str(value), message("viz_positions_file")) from err
        if isinstance(raw, dict) and isinstance(raw.get("positions"), dict):
            raw = raw["positions"]
    if not isinstance(raw, Mapping):
        raise invalid("positions", value, message("viz_positions_file"))
    out: dict[str, tuple[float, float]] = {}
    for pid, xy in raw.items():
        ok = isinstance(xy, Sequence) and not isinstance(xy, str) and len(xy) == 2
        nums = [float(v) for v in xy if isinstance(v, (int, float))] if ok else []
        if len(nums) != 2 or not all(math.isfinite(v) for v in nums):
            raise invalid("positions", {pid: xy}, message("viz_positions_entry"))
        out[str(pid)] = (nums[0], nums[1])
    return out


def _privacy_notes(facts: MapFacts) -> list[str]:
    lang = facts.net.settings.language
    policy = facts.policy
    notes = []
    if policy.hidden_ties:
        notes.append(say("viz_sensitive_hidden", n=policy.hidden_ties, lang=lang))
    if policy.hidden_people:
        notes.append(say("viz_sensitive_people", n=policy.hidden_people, lang=lang))
    if policy.include_sensitive:
        notes.append(say("privacy_included", lang=lang))
    return notes


def _data(
    facts: MapFacts,
    keep: np.ndarray,
    story: np.ndarray,
    groups: dict[str, list[Group]],
    opts: dict[str, Any],
    user_pos: dict[str, tuple[float, float]],
    notes: list[str],
) -> tuple[dict[str, Any], int, int]:
    """Build the page's JSON: nodes, edges, groups, layout and words."""
    from relgraph.viz.map_items import edge_records, node_records, sizes
    from relgraph.viz.map_place import place
    from relgraph.viz.map_text import ui_text

    lang = facts.net.settings.language
    net = facts.net
    labels = _labels(facts)
    size = sizes(facts, keep)
    nodes = node_records(facts, keep, labels, size, story)
    edges, drawn = edge_records(facts, keep, net.labels.to_numpy())
    mode, bands, group_data = place(facts, keep, story, groups, labels, size, nodes, opts)
    known = set(net.person_ids[keep].tolist())
    unused = sorted(set(user_pos) - known)
    if unused:
        notes.append(say("viz_positions_unused", n=len(unused), lang=lang))
    grouping = [h for h in ("department", "org", "faction") if h in groups]
    group_by = opts["group_by"] if opts["group_by"] in grouping else grouping[0]
    view_all = opts["view"] == "all" or bool(story.all())
    data = {
        "key": hashlib.sha256("\x1f".join(sorted(known)).encode()).hexdigest()[:16],
        "nodes": nodes,
        "edges": edges,
        "groupings": grouping,
        "groups": group_data,
        "groupBy": "none" if view_all else group_by,
        "layout": mode,
        "bands": bands,
        "positions": {p: list(xy) for p, xy in user_pos.items() if p in known},
        "shapes": {r or "none": [list(p) for p in poly] for r, poly in ROLE_POLYGONS.items()},
        "scales": {r or "none": k for r, k in ROLE_SCALE.items()},
        "colours": {"dnc": DNC_COLOUR, "hidden": HIDDEN_COLOUR},
        "labelPx": LABEL_PX,
        "maxZoom": 1.3,
        "fontFace": _FONT_FACE,
        "filters": _filters(facts, keep, drawn),
        "text": ui_text(lang),
        "options": _options(mode, len(keep), opts["seed"]),
    }
    in_view = len(keep) if view_all else int(story.sum())
    return data, in_view, len(edges)


def _labels(facts: MapFacts) -> list[str]:
    from relgraph.viz.map_layout import display_labels

    people = facts.net.people
    return display_labels(
        facts.net.labels.to_numpy(),
        people["name"].astype(str).to_numpy(),
        people["name_en"].fillna("").astype(str).to_numpy(),
    )


def _filters(facts: MapFacts, keep: np.ndarray, drawn: np.ndarray) -> dict[str, Any]:
    from relgraph.analysis.paths.render import tie_words
    from relgraph.palette import ROLE_ORDER

    lang = facts.net.settings.language
    role = np.array([str(r) or "none" for r in facts.role_main[keep]], dtype=object)
    party = facts.party[keep]
    kinds = facts.kind[drawn]

    def choice(value: str, text: str, column: np.ndarray) -> dict[str, Any]:
        return {"value": value, "text": text, "count": int((column == value).sum())}

    return {
        "role": [
            choice(r, term("role", r, lang=lang), role)
            for r in [*ROLE_ORDER, "none"]
            if (role == r).any()
        ],
        "party": [
            choice(p, term("party", p, lang=lang), party)
            for p in ("us", "customer", "partner", "other", "competitor")
            if (party == p).any()
        ],
        "kind": [choice(k, tie_words(k, lang=lang), kinds) for k in sorted(set(kinds.tolist()))],
    }


def _options(mode: str, n: int, seed: int) -> dict[str, Any]:
    big = n > 500
    return {
        # no physics in the page: positions are computed ahead (the force layout too), so
        # nothing moves unless dragged
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": True,
            "navigationButtons": False,
        },
        "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.6}}, "hoverWidth": 0.5},
        "nodes": {
            "font": {
                "size": LABEL_PX,
                "face": _FONT_FACE,
                "color": "#1a1a1a",
                "background": "rgba(255,255,255,0.85)",
            },
            "scaling": {"label": {"drawThreshold": 5}},
        },
    }


def _check_path(net: RelationshipNetwork, path: str | Path | None) -> None:
    """Refuse an opportunity id given where the file name goes (``to_html(net, "O1")``)."""
    if path is None or Path(path).suffix:
        return
    if str(path) in set(net.opportunities["id"].astype(str)):
        raise invalid("path", path, message("exp_map_file"), f"opportunity={path!r}")


def _finish(
    facts: MapFacts,
    keep: np.ndarray,
    data: dict[str, Any],
    notes: list[str],
    title: str | None,
    opts: dict[str, Any],
    counts: dict[str, int],
    path: str | Path | None,
) -> NetworkMap:
    from relgraph.viz.map_page import page
    from relgraph.viz.map_text import default_title, legend_html, situation

    lang = facts.net.settings.language
    heading = title if title is not None else default_title(facts)
    lines = situation(facts)
    legend = legend_html(facts)
    parts = {
        "heading": heading,
        "situation": lines,
        "notes": notes,
        "data": data,
        "legend": legend,
        "height": opts["height"],
        "lang": lang,
    }
    pids = facts.net.person_ids
    result = NetworkMap(
        html=page(heading, lines, notes, data, legend, opts["height"], lang=lang),
        people=len(keep),
        ties=counts["ties"],
        hidden_sensitive=facts.policy.hidden_ties,
        left_out=counts["left_out"],
        hidden_people=facts.policy.hidden_people,
        notes=tuple(notes),
        height=opts["height"],
        situation=tuple(lines),
        in_view=counts["in_view"],
        groups=0 if data["groupBy"] == "none" else len(data["groups"].get(data["groupBy"], [])),
        node_ids=tuple(str(pids[i]) for i in keep),
        inputs=facts.net._inputs(),
        _parts=parts,
    )
    if path is not None and Path(path).suffix.lower() in (".png", ".svg"):
        result.save(path)
    elif path is not None:  # any other suffix: the page itself
        atomic_write_text(path, result.html, inputs=result.inputs)
    return result

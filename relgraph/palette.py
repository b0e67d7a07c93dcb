"""The shared palette: attitude colours, competitor rings, role shapes and tie colours.

Used by every output that colours people (the HTML map, the plots, the plan's HTML page and
workbook), so it sits below all of them. One shape per buying role, defined once as a
polygon (:data:`ROLE_POLYGONS`) and used by the map's canvas, its legend, its SVG export and
the matplotlib plots, so all of them draw the same symbol for the same role.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

__all__ = [
    "ATTITUDE_COLOURS",
    "COMPETITOR_COLOURS",
    "DNC_COLOUR",
    "HIDDEN_COLOUR",
    "OUR_COLOUR",
    "ROLE_MARKERS",
    "ROLE_ORDER",
    "ROLE_POLYGONS",
    "ROLE_SCALE",
    "ROLE_SHAPES",
    "ROLE_SYMBOLS",
    "TIE_COLOURS",
    "UNKNOWN_COLOUR",
    "attitude_colour",
    "competitor_colours",
    "main_role",
    "role_path",
]

#: Fill colour per attitude toward us, −3 (opposed) … 0 (neutral, grey) … +3 (mobilised).
#: The red side is ColorBrewer RdBu, the green side ColorBrewer BrBG's blue-green: both
#: schemes are marked colour-blind safe, the two ends differ in the blue-yellow axis that
#: red-green colour-blind readers keep, and lightness falls with |attitude| on both sides.
ATTITUDE_COLOURS: dict[int, str] = {
    -3: "#b2182b",
    -2: "#d6604d",
    -1: "#f4a582",
    0: "#bdbdbd",
    1: "#80cdc1",
    2: "#35978f",
    3: "#01665e",
}
#: Fill of a person whose attitude was never assessed.
UNKNOWN_COLOUR = "#ffffff"
#: Fill of our own people (they have no attitude toward us).
OUR_COLOUR = "#0072b2"
#: Ring colours for competitors, in order of appearance (Okabe–Ito, minus our blue and the
#: reds and greens used for attitude).
COMPETITOR_COLOURS: tuple[str, ...] = ("#e69f00", "#cc79a7", "#000000", "#f0e442", "#56b4e9")
#: Colour of the do-not-contact mark (a crossed circle over the person).
DNC_COLOUR = "#c00000"
#: Colour of hidden influence: dashed ties and the dashed outline of hidden influencers.
HIDDEN_COLOUR = "#762a83"

#: Buying roles from the most to the least powerful default (a person with several roles is
#: drawn with the first of theirs in this order).
ROLE_ORDER: tuple[str, ...] = (
    "decider",
    "approver",
    "buyer",
    "influencer",
    "user",
    "initiator",
    "gatekeeper",
    "other",
)


def _regular(n: int, start: float, radius: float = 1.0) -> tuple[tuple[float, float], ...]:
    """Vertices of a regular ``n``-gon (y up), the first at angle ``start`` (degrees)."""
    return tuple(
        (
            round(radius * math.cos(math.radians(start + 360.0 * k / n)), 4),
            round(radius * math.sin(math.radians(start + 360.0 * k / n)), 4),
        )
        for k in range(n)
    )


def _star(points: int, inner: float) -> tuple[tuple[float, float], ...]:
    out = []
    for k in range(2 * points):
        r = 1.0 if k % 2 == 0 else inner
        a = math.radians(90.0 + 180.0 * k / points)
        out.append((round(r * math.cos(a), 4), round(r * math.sin(a), 4)))
    return tuple(out)


_PLUS = (
    (-0.35, 1.0),
    (0.35, 1.0),
    (0.35, 0.35),
    (1.0, 0.35),
    (1.0, -0.35),
    (0.35, -0.35),
    (0.35, -1.0),
    (-0.35, -1.0),
    (-0.35, -0.35),
    (-1.0, -0.35),
    (-1.0, 0.35),
    (-0.35, 0.35),
)

#: One outline per role, as polygon vertices on the unit circle (x right, y up); ``()`` is a
#: circle. Distinct silhouettes, so the role reads without colour: star = decider, diamond
#: = approver, square = buyer, triangle up = influencer, hexagon = user, triangle down =
#: initiator, pentagon = gatekeeper, plus = other role, circle = no role.
ROLE_POLYGONS: dict[str, tuple[tuple[float, float], ...]] = {
    "decider": _star(5, 0.45),
    "approver": _regular(4, 90.0),
    "buyer": _regular(4, 45.0),
    "influencer": _regular(3, 90.0),
    "user": _regular(6, 0.0),
    "initiator": _regular(3, -90.0),
    "gatekeeper": _regular(5, 90.0),
    "other": _PLUS,
    "": (),
}
#: How much larger than a person's radius each outline is drawn, so that every role's symbol
#: looks about as large as a circle of that radius (a star's points cover less area).
ROLE_SCALE: dict[str, float] = {
    "decider": 1.4,
    "approver": 1.2,
    "buyer": 1.1,
    "influencer": 1.35,
    "user": 1.05,
    "initiator": 1.35,
    "gatekeeper": 1.1,
    "other": 1.1,
    "": 1.0,
}
#: Shape name per role (the map draws :data:`ROLE_POLYGONS` with these names).
ROLE_SHAPES: dict[str, str] = {
    "decider": "star",
    "approver": "diamond",
    "buyer": "square",
    "influencer": "triangle",
    "user": "hexagon",
    "initiator": "triangleDown",
    "gatekeeper": "pentagon",
    "other": "plus",
    "": "dot",
}
#: matplotlib marker per role: the same outline as :data:`ROLE_POLYGONS` (a circle for none).
ROLE_MARKERS: dict[str, Any] = {
    role: (list(poly) if poly else "o") for role, poly in ROLE_POLYGONS.items()
}
#: A text symbol per role, for legends written as plain text (terminal, Markdown).
ROLE_SYMBOLS: dict[str, str] = {
    "decider": "★",
    "approver": "◆",
    "buyer": "■",
    "influencer": "▲",
    "user": "⬢",
    "initiator": "▼",
    "gatekeeper": "⬟",
    "other": "✚",
    "": "●",
}
#: Line colour per tie kind (personal ties share one warm colour).
TIE_COLOURS: dict[str, str] = {
    "reports_to": "#7f7f7f",
    "influences": HIDDEN_COLOUR,
    "covers": "#0072b2",
    "informs": "#56b4e9",
    "personal": "#d08c4a",
}


def role_path(role: str, size: float = 1.0) -> str:
    """Return an SVG path (y down) of a role's outline, centred on 0,0 with radius ``size``.

    Parameters
    ----------
    role : str
        A role of :data:`ROLE_ORDER`, or ``""`` for no role (a circle).
    size : float
        Radius in SVG units.

    Returns
    -------
    str
        The ``d`` attribute of a ``<path>``.

    Examples
    --------
    >>> role_path("buyer", 10)
    'M7.07 -7.07L-7.07 -7.07L-7.07 7.07L7.07 7.07Z'
    >>> role_path("", 2)
    'M-2 0A2 2 0 1 0 2 0A2 2 0 1 0 -2 0Z'
    """
    poly = ROLE_POLYGONS.get(role, ())
    s = _num(size)
    if not poly:
        return f"M-{s} 0A{s} {s} 0 1 0 {s} 0A{s} {s} 0 1 0 -{s} 0Z"
    return "M" + "L".join(f"{_num(x * size)} {_num(-y * size)}" for x, y in poly) + "Z"


def _num(value: float) -> str:
    return f"{round(value, 2) + 0.0:g}"  # + 0.0 turns -0.0 into 0.0


def attitude_colour(attitude: Any) -> str:
    """Return the fill colour for an attitude (−3..+3; blank → white).

    Parameters
    ----------
    attitude : number or None
        Attitude toward us; values are rounded and clipped to −3..+3.

    Returns
    -------
    str
        A ``#rrggbb`` colour from :data:`ATTITUDE_COLOURS`, or :data:`UNKNOWN_COLOUR`.

    Examples
    --------
    >>> attitude_colour(3), attitude_colour(0), attitude_colour(None)
    ('#01665e', '#bdbdbd', '#ffffff')
    """
    try:
        value = float(attitude)
    except (TypeError, ValueError):
        return UNKNOWN_COLOUR
    if value != value:  # NaN
        return UNKNOWN_COLOUR
    return ATTITUDE_COLOURS[int(max(-3, min(3, round(value))))]


def competitor_colours(competitors: Iterable[str]) -> dict[str, str]:
    """Assign a ring colour to each competitor org id, in the order given (colours repeat).

    Examples
    --------
    >>> competitor_colours(["ORI", "BOR"])
    {'ORI': '#e69f00', 'BOR': '#cc79a7'}
    """
    return {
        c: COMPETITOR_COLOURS[i % len(COMPETITOR_COLOURS)]
        for i, c in enumerate(dict.fromkeys(competitors))
    }


def main_role(roles: Iterable[str]) -> str:
    """Return the most powerful role of a person's roles ("" when there is none).

    Examples
    --------
    >>> main_role(["user", "approver"]), main_role([])
    ('approver', '')
    """
    have = {str(r) for r in roles if r}
    for role in ROLE_ORDER:
        if role in have:
            return role
    return ""

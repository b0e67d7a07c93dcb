"""The shared palette: attitude colours, competitor rings, role shapes and tie colours.

Used by every output that colours people (the HTML map, the plots, the plan's HTML page and
workbook), so it sits below all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "ATTITUDE_COLOURS",
    "COMPETITOR_COLOURS",
    "OUR_COLOUR",
    "ROLE_MARKERS",
    "ROLE_ORDER",
    "ROLE_SHAPES",
    "ROLE_SYMBOLS",
    "TIE_COLOURS",
    "UNKNOWN_COLOUR",
    "attitude_colour",
    "competitor_colours",
    "main_role",
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
#: vis-network node shape per role ("" = no role in the opportunity). vis-network has seven
#: shapes whose size can be set, so initiator and gatekeeper (both process roles) share one.
ROLE_SHAPES: dict[str, str] = {
    "decider": "star",
    "approver": "diamond",
    "buyer": "square",
    "influencer": "triangle",
    "user": "hexagon",
    "initiator": "triangleDown",
    "gatekeeper": "triangleDown",
    "other": "dot",
    "": "dot",
}
#: matplotlib marker per role, matching :data:`ROLE_SHAPES`.
ROLE_MARKERS: dict[str, str] = {
    "decider": "*",
    "approver": "D",
    "buyer": "s",
    "influencer": "^",
    "user": "h",
    "initiator": "v",
    "gatekeeper": "v",
    "other": "o",
    "": "o",
}
#: A text symbol per role, for legends written as text.
ROLE_SYMBOLS: dict[str, str] = {
    "decider": "★",
    "approver": "◆",
    "buyer": "■",
    "influencer": "▲",
    "user": "⬢",
    "initiator": "▼",
    "gatekeeper": "▼",
    "other": "●",
    "": "●",
}
#: Line colour per tie kind (personal ties share one warm colour).
TIE_COLOURS: dict[str, str] = {
    "reports_to": "#7f7f7f",
    "influences": "#762a83",
    "covers": "#0072b2",
    "informs": "#56b4e9",
    "personal": "#d08c4a",
}


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

"""Shared look of maps and plots: attitude palette, role shapes, tie styles and CJK fonts."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from relgraph.text import say

__all__ = [
    "ATTITUDE_COLOURS",
    "COMPETITOR_COLOURS",
    "CJK_FONT_CANDIDATES",
    "OUR_COLOUR",
    "ROLE_MARKERS",
    "ROLE_ORDER",
    "ROLE_SHAPES",
    "ROLE_SYMBOLS",
    "TIE_COLOURS",
    "UNKNOWN_COLOUR",
    "attitude_colour",
    "cjk_font_family",
    "competitor_colours",
    "has_cjk",
    "main_role",
    "use_cjk_fonts",
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

#: Font families tried, in order, for Chinese, Japanese and Korean names in plots.
CJK_FONT_CANDIDATES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Arial Unicode MS",
)


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


def has_cjk(text: str) -> bool:
    """Whether ``text`` contains a Chinese, Japanese or Korean character.

    Examples
    --------
    >>> has_cjk("方华 (Fang Hua)"), has_cjk("Fang Hua")
    (True, False)
    """
    return any(
        0x2E80 <= ord(ch) <= 0x9FFF or 0xAC00 <= ord(ch) <= 0xD7AF or 0xF900 <= ord(ch) <= 0xFAFF
        for ch in text
    )


@lru_cache(maxsize=1)
def _installed_cjk_fonts() -> tuple[str, ...]:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return tuple(name for name in CJK_FONT_CANDIDATES if name in installed)


def cjk_font_family(*, warn: bool = True) -> list[str] | None:
    """Return a matplotlib font-family list that renders Latin and CJK text, or None.

    The list is the current sans-serif font first (for Latin letters and digits) followed by
    the first installed font of :data:`CJK_FONT_CANDIDATES`; matplotlib (3.6 and later) falls
    back glyph by glyph along the list, so mixed labels such as "方华 (Fang Hua)" render
    without missing-glyph boxes.

    Parameters
    ----------
    warn : bool
        Warn (once per call) with installation advice when no CJK font is installed.

    Returns
    -------
    list of str or None
        None when no CJK font is installed; plots then show English names where given.

    Warns
    -----
    UserWarning
        When no CJK font is found and ``warn`` is true. Install one, e.g.
        ``apt-get install fonts-noto-cjk`` (Debian/Ubuntu), ``dnf install
        google-noto-sans-cjk-fonts`` (Fedora), or the Noto Sans CJK OTF files from
        https://github.com/notofonts/noto-cjk, then clear matplotlib's font cache.

    Examples
    --------
    >>> fam = cjk_font_family(warn=False)
    >>> fam is None or len(fam) >= 2
    True
    """
    import matplotlib as mpl

    found = _installed_cjk_fonts()
    if not found:
        if warn:
            warnings.warn(say("viz_no_cjk_font"), UserWarning, stacklevel=2)
        return None
    latin = [f for f in mpl.rcParams["font.sans-serif"] if f not in found][:1] or ["DejaVu Sans"]
    return [*latin, found[0]]


def use_cjk_fonts() -> list[str] | None:
    """Make every later matplotlib figure render CJK text (changes global ``rcParams``).

    relgraph's own plots set their fonts themselves; call this only for your own figures.

    Returns
    -------
    list of str or None
        The font-family list now in ``rcParams["font.sans-serif"]`` (None: no CJK font,
        nothing changed).

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with mpl.rc_context():
    ...     fam = use_cjk_fonts()
    """
    import matplotlib as mpl

    fam = cjk_font_family()
    if fam is None:
        return None
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = fam + [
        f for f in mpl.rcParams["font.sans-serif"] if f not in fam
    ]
    return fam

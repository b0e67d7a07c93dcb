"""Fonts for maps and plots: CJK font fallback for matplotlib (colours: :mod:`relgraph.palette`)."""

from __future__ import annotations

import warnings
from functools import lru_cache

from relgraph.text import say

__all__ = [
    "CJK_FONT_CANDIDATES",
    "cjk_font_family",
    "has_cjk",
]

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

"""The result of :func:`relgraph.to_html`: the map page, what it shows, and how to save it."""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relgraph.checks import check_choice, check_float, check_int
from relgraph.io.files import atomic_write, atomic_write_text

__all__ = ["NetworkMap"]

_SUFFIXES = (".html", ".htm", ".png", ".svg")


@dataclass(frozen=True)
class NetworkMap:
    """An HTML network map: the page as a string, with what it shows and leaves out.

    Display it in Jupyter (it renders in an isolated iframe, compressed), or write it with
    :meth:`save` as HTML, PNG or SVG. Built by :func:`relgraph.to_html`.

    Attributes
    ----------
    html : str
        The whole self-contained page (no external resources).
    people, ties : int
        How many people and ties the page holds.
    hidden_sensitive : int
        Sensitive ties left out (0 when ``include_sensitive=True``).
    left_out : int
        People left out by the size limit (not counting a focus).
    hidden_people : int
        People left out because they are known only through sensitive ties (a spouse, a
        neighbour; see :func:`relgraph.privacy.share_policy`); 0 when
        ``include_sensitive=True``.
    notes : tuple of str
        The notes shown on the map, as plain text.
    height : str or None
        Height of the network canvas (CSS length); None fills the window.
    situation : tuple of str
        The title lines: the support indices and the top gap.
    in_view : int
        People drawn one by one in the default view (the rest are in groups).
    groups : int
        Group nodes in the default view.
    node_ids : tuple of str
        The person id behind each node ``n0``, ``n1`` … of the page.

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
    height: str | None = None
    situation: tuple[str, ...] = ()
    in_view: int = 0
    groups: int = 0
    node_ids: tuple[str, ...] = field(default=(), repr=False)
    #: The files the network was read from: :meth:`save` never writes over them.
    inputs: tuple[str, ...] = field(default=(), repr=False)
    _parts: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def save(
        self,
        path: str | Path,
        *,
        width: int = 1600,
        height: int = 1000,
        scale: float = 1.0,
        browser: str | None = None,
    ) -> Path:
        """Write the map as HTML, or as a PNG or SVG image of its default view.

        Parameters
        ----------
        path : str or Path
            Where to write; the suffix chooses the format: ``.html`` (the page itself),
            ``.png`` or ``.svg`` (drawn by a headless Chromium). The folder must exist.
        width, height : int
            Size of the image in CSS pixels (PNG and SVG only).
        scale : float
            Pixels per CSS pixel of a PNG (2 for sharp slides).
        browser : str, optional
            A Chromium or Chrome executable; by default playwright's own Chromium, else
            ``chromium`` (or Chrome) on the PATH.

        Returns
        -------
        Path

        Raises
        ------
        InvalidParameterError
            For another suffix, or a size or scale out of range.
        MissingDependencyError
            For a PNG or SVG when playwright or a Chromium is not installed
            (``pip install playwright``; ``playwright install chromium`` or your system's
            ``chromium`` package).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import relgraph as rg
        >>> m = rg.to_html(rg.datasets.tiny())
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     out = m.save(pathlib.Path(tmp) / "map.html")
        ...     out.read_text(encoding="utf-8") == m.html
        True
        """
        out = Path(path)
        suffix = check_choice("path suffix", out.suffix.lower(), _SUFFIXES)
        if suffix in (".html", ".htm"):
            return atomic_write_text(out, self.html, inputs=self.inputs)
        width = check_int("width", width, minimum=200, maximum=8000)
        height = check_int("height", height, minimum=200, maximum=8000)
        scale = check_float("scale", scale, minimum=0.5, maximum=4.0)
        from relgraph.viz.browser import render_image

        image = render_image(
            self.html, suffix[1:], width=width, height=height, scale=scale, executable=browser
        )
        return atomic_write(out, lambda tmp: tmp.write_bytes(image), inputs=self.inputs)

    def compact_html(self) -> str:
        """Return the page with vis-network, its script and the data gzip-compressed.

        Returns
        -------
        str
            A self-contained page that unpacks itself in the browser; about a fifth of
            :attr:`html` for the sample account.
        """
        from relgraph.viz.map_page import page

        p = self._parts
        if not p:
            return self.html
        return page(
            p["heading"],
            p["situation"],
            p["notes"],
            p["data"],
            p["legend"],
            p["height"],
            compact=True,
            lang=p.get("lang", "en"),
        )

    def _repr_html_(self) -> str:
        """Render in Jupyter inside a sandboxed ``srcdoc`` iframe (scripts only, no origin)."""
        height = self.height or "760px"
        px = int(re.sub(r"\D", "", height) or 760)
        frame_h = f"{px + 240}px" if height.endswith("px") else "95vh"
        return (
            '<iframe title="relgraph map" sandbox="allow-scripts allow-downloads" '
            f'style="width:100%;height:{frame_h};border:0" '
            f'srcdoc="{_html.escape(self.compact_html(), quote=True)}"></iframe>'
        )

    def __repr__(self) -> str:
        return (
            f"NetworkMap({self.people} people, {self.ties} ties, "
            f"{self.hidden_sensitive} sensitive ties and {self.hidden_people} people hidden, "
            f"{self.left_out} people left out)"
        )

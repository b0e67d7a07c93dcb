"""Chains of sway: the strongest ways one person's influence reaches another.

Runs on the one route engine (:mod:`relgraph.analysis.paths`): the same hop-bounded Yen
search and the same renderer as introduction routes, on the directed graph of sway
(``a → b`` when ``b`` listens to ``a``) instead of the contact graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph._tie_arrays import person_id_array
from relgraph.analysis.influence.hidden import Tie, ties_between_many
from relgraph.analysis.influence.model import model
from relgraph.analysis.paths.frontier import contains
from relgraph.analysis.paths.graph import ContactGraph
from relgraph.analysis.paths.render import Hop, person_texts, route_text, tie_words
from relgraph.analysis.paths.search import hop_dist, hops_from, yen
from relgraph.checks import check_bool, check_int, invalid
from relgraph.io.html_table import html_result, html_table
from relgraph.network import RelationshipNetwork
from relgraph.text import message, say

__all__ = ["PATH_COLUMNS", "InfluencePaths", "influence_paths"]

#: Columns of :attr:`InfluencePaths.paths`.
PATH_COLUMNS = ["rank", "strength", "hops", "path", "kinds", "route", "why"]


@dataclass(frozen=True)
class InfluencePaths:
    """The strongest chains of sway from one person to another (see :func:`influence_paths`).

    Attributes
    ----------
    source, target : str
        The two people (ids).
    paths : pandas.DataFrame
        One row per chain, strongest first: ``rank``, ``strength`` (product of the hops'
        weights), ``hops``, ``path`` (list of person ids), ``kinds`` (list, one label per
        hop: its tie kinds joined by ``+``; a boss swaying their report is labelled with the
        reverse tie words, ``manages``), ``route`` (readable chain) and ``why``. Empty
        (same columns) when no chain exists.
    withheld : int
        Hops between people on some chain within the limit that only sensitive ties carry;
        left out unless ``include_sensitive``.
    max_hops : int
        The hop limit.
    language : str
        The language of the texts (``net.settings.language``).

    Examples
    --------
    >>> import relgraph as rg
    >>> res = rg.influence_paths(rg.datasets.tiny(), "p3", "p1")
    >>> print(res.summary_lines()[0])
    1 chain(s) of sway from p3 to p1:
    >>> res.paths.loc[0, "route"].split(" — ")[1]
    'reports to 0.25 → Bo [customer, CTO]'
    """

    source: str
    target: str
    paths: pd.DataFrame
    withheld: int
    max_hops: int
    language: str = "en"

    def summary_lines(self) -> list[str]:
        """Plain-language lines: a header, one line per chain, and what was withheld."""
        lang = self.language
        lines = [
            say("path_header", n=len(self.paths), source=self.source, target=self.target, lang=lang)
        ]
        lines += [
            f"{r} [{s:.3f}] {t}" for r, s, t in self.paths[["rank", "strength", "route"]].values
        ]
        if not len(self.paths):
            lines.append(say("path_none", max_hops=self.max_hops, lang=lang))
        if self.withheld:
            lines.append(say("path_withheld", n=self.withheld, lang=lang))
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    def __repr__(self) -> str:
        n = len(self.paths)
        best = f", best {float(self.paths['strength'].iloc[0]):.3f}" if n else ""
        return (
            f"InfluencePaths({self.source!r} → {self.target!r}: {n} chain"
            f"{'s' if n != 1 else ''}{best})"
        )

    def _repr_html_(self) -> str:
        lang = self.language
        head, *rest = self.summary_lines()
        cols = ["rank", "strength", "hops", "route", "why"]
        tables = [("", html_table(self.paths, columns=cols, lang=lang))] if len(self.paths) else []
        return html_result(head, tables=tables, notes=rest[len(self.paths) :])


def _sway_graph(
    net: RelationshipNetwork, include_sensitive: bool
) -> tuple[ContactGraph, ContactGraph]:
    """Every sway hop (``F[a, b] = W[b, a] > 0``), and the hops that may be shown (cached)."""

    def build() -> tuple[ContactGraph, ContactGraph]:
        F = model(net).WT  # F[a, b] = W[b, a]: sway flows from a to b
        F = (F - sp.diags(F.diagonal())).tocsr()
        F.eliminate_zeros()
        shown = F.multiply(_shown_hops(net, include_sensitive) > 0).tocsr()
        return (
            ContactGraph.from_matrix(F, directed=True),
            ContactGraph.from_matrix(shown, directed=True),
        )

    return net.memo(("influence.sway_graph", include_sensitive), build)


def _shown_hops(net: RelationshipNetwork, include_sensitive: bool) -> sp.csr_matrix:
    """Sparse ``S[a, b] > 0`` when a tie that may be shown carries sway from a to b."""
    u, v = net.endpoints()
    forward, backward = net.sway_weights()
    fwd, bwd = forward > 0, backward > 0
    if not include_sensitive:
        plain = ~net.edges["sensitive"].to_numpy(dtype=bool)
        fwd, bwd = fwd & plain, bwd & plain
    rows = np.concatenate([u[fwd], v[bwd]])
    cols = np.concatenate([v[fwd], u[bwd]])
    n = net.n_people
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))


def influence_paths(
    net: RelationshipNetwork,
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int = 6,
    include_sensitive: bool = False,
) -> InfluencePaths:
    """Find the ``k`` strongest chains of sway from one person to another.

    Parameters
    ----------
    net : RelationshipNetwork
        The network; weights come from ``net.settings``.
    source : str
        The person whose influence flows (id or name).
    target : str
        The person it should reach, typically a decision maker (id or name).
    k : int
        How many chains to return (default 3).
    max_hops : int
        Ignore chains longer than this (default 6).
    include_sensitive : bool
        Allow hops that exist only through sensitive ties, and name sensitive tie kinds.

    Returns
    -------
    InfluencePaths
        ``.paths`` (one row per chain, strongest first; columns :data:`PATH_COLUMNS`) and
        ``.withheld`` (hops left out because only sensitive ties carry them); prints as a
        readable summary that says what was withheld.

    Raises
    ------
    UnknownPersonError
        For an unknown source or target.
    InvalidParameterError
        For ``k < 1``, ``max_hops < 1`` or ``source == target``.

    Notes
    -----
    A hop ``a → b`` exists when ``W[b, a] > 0`` (``b`` listens to ``a``); its weight is
    ``W[b, a]`` from :func:`influence_matrix`, and a chain's strength is the product of
    its hops' weights. The ``k`` strongest simple chains of at most ``max_hops`` hops are
    the ``k`` shortest on the cost ``−log W[b, a]``, found by the route engine's
    hop-bounded Yen search (:mod:`relgraph.analysis.paths`).

    References
    ----------
    .. [1] J. Y. Yen, "Finding the k shortest loopless paths in a network", Management
       Science 17(11):712–716, 1971.

    Examples
    --------
    >>> import relgraph as rg
    >>> res = influence_paths(rg.datasets.tiny(), "p3", "p1")
    >>> res.paths[["rank", "strength", "kinds"]]
       rank  strength                     kinds
    0     1      0.05  [reports_to, reports_to]
    """
    k = check_int("k", k, minimum=1)
    max_hops = check_int("max_hops", max_hops, minimum=1)
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    src, dst = net.resolve_person(source), net.resolve_person(target)
    if src == dst:
        raise invalid("target", target, message("exp_other_person"))
    a, b = (int(x) for x in net.index_of([src, dst]))
    every, shown = _sway_graph(net, include_sensitive)
    near = (hops_from(every, a, max_hops) + hop_dist(every, b, max_hops)) <= max_hops
    withheld = _withheld(every, shown, near)
    found = yen(shown, [a], b, k, max_hops, np.zeros(net.n_people, bool), multi=False)
    frame = pd.DataFrame(_rows(net, found, include_sensitive), columns=PATH_COLUMNS)
    frame["rank"] = frame["rank"].astype(int)
    frame["hops"] = frame["hops"].astype(int)
    frame["strength"] = frame["strength"].astype(float)
    return InfluencePaths(src, dst, frame, withheld, max_hops, net.settings.language)


def _withheld(every: ContactGraph, shown: ContactGraph, near: np.ndarray) -> int:
    """Hops among people on some chain within the limit that only sensitive ties carry."""
    rows = every.rows()
    inside = near[rows] & near[every.indices]
    keys = rows[inside] * every.n + every.indices[inside]
    shown_keys = shown.rows() * shown.n + shown.indices  # sorted: rows, then sorted indices
    return int((~contains(shown_keys, keys)).sum())


def _rows(
    net: RelationshipNetwork, found: list[tuple[float, tuple[int, ...]]], include_sensitive: bool
) -> list[dict[str, object]]:
    """Return the table rows of the chains found (every hop of every chain in one lookup)."""
    src = [a for _, path in found for a in path[:-1]]
    dst = [b for _, path in found for b in path[1:]]
    weights = np.asarray(model(net).W[dst, src]).ravel().tolist() if src else []
    between = ties_between_many(net, np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64))
    texts = person_texts(net, [p for _, path in found for p in path])
    hops = [
        _hop(net, ties, weight, include_sensitive)
        for ties, weight in zip(between, weights, strict=True)
    ]
    rows, at = [], 0
    for rank, (cost, path) in enumerate(found, 1):
        n = len(path) - 1
        rows.append(_row(net, rank, cost, path, hops[at : at + n], texts))
        at += n
    return rows


def _hop(net: RelationshipNetwork, between: list[Tie], weight: float, sensitive: bool) -> Hop:
    """One hop of a chain: the ties that carry its sway (sensitive ones only when allowed)."""
    lang = net.settings.language
    ties = [t for t in between if sensitive or not t[3]]
    # a boss swaying a report reads as the tie's reverse word ("manages"), not as the
    # report's own tie ("reports_to")
    parts = [
        tie_words(t[0], reverse=True, lang=lang) if t[0] == "reports_to" and t[2] else t[0]
        for t in ties
    ]
    label = "+".join(dict.fromkeys(parts))
    words = " + ".join(
        dict.fromkeys(
            tie_words(t[0], reverse=t[0] == "reports_to" and bool(t[2]), lang=lang) for t in ties
        )
    )
    return Hop(label, words, float(weight), any(t[3] for t in ties), True)


def _row(
    net: RelationshipNetwork,
    rank: int,
    cost: float,
    path: tuple[int, ...],
    hops: list[Hop],
    texts: dict[int, str],
) -> dict[str, object]:
    lang = net.settings.language
    strength = float(np.exp(-cost))
    ids = [str(x) for x in person_id_array(net)[list(path)].tolist()]
    return {
        "rank": rank,
        "strength": strength,
        "hops": len(hops),
        "path": ids,
        "kinds": [h.kind for h in hops],
        "route": route_text(net, path, hops, texts),
        "why": say(
            "path_why",
            source=net.labels.iat[path[0]],
            target=net.labels.iat[path[-1]],
            hops=len(hops),
            strength=strength,
            lang=lang,
        ),
    }

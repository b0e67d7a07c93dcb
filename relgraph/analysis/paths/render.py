"""The one way routes and chains are described: every hop's tie, and the route as text.

Every output that shows a route — connection routes, bulk routes, coverage, targets, the
plan, sway chains — describes its hops with :func:`hop_details` and prints it with
:func:`route_text`, so one route reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from relgraph.analysis.paths.graph import AffiliationOpening, RouteRules
from relgraph.network import RelationshipNetwork
from relgraph.text import TERMS, say, term

__all__ = [
    "Hop",
    "Route",
    "describe",
    "describe_many",
    "describe_path",
    "hop_details",
    "person_text",
    "person_texts",
    "route_text",
    "tie_words",
]

_AFFILIATION = "affiliation:"


@dataclass(frozen=True)
class Hop:
    """One step of a route: the tie used (or the affiliation opening) and its strength.

    Attributes
    ----------
    kind : str
        Tie kind, or ``"affiliation:<kind>"`` for a shared affiliation (not yet a tie).
    words : str
        How the hop reads ("former colleague", "reports to", "shared school X, not yet a
        tie,").
    strength : float
    sensitive : bool
    explicit : bool
        The strength was given (or derived from the interactions log), not a default.
    """

    kind: str
    words: str
    strength: float
    sensitive: bool
    explicit: bool

    @property
    def affiliation(self) -> bool:
        """Whether the hop is a shared affiliation (an opening, not a tie)."""
        return self.kind.startswith(_AFFILIATION)


@dataclass(frozen=True)
class Route:
    """A path with its hops described."""

    cost: float
    path: tuple[int, ...]
    hops: tuple[Hop, ...]

    @property
    def strength(self) -> float:
        """Product of the hops' strengths (1.0 for an empty route)."""
        return float(np.prod([h.strength for h in self.hops])) if self.hops else 1.0

    @property
    def affiliation(self) -> bool:
        """Whether any hop is a shared affiliation (not yet a tie)."""
        return any(h.affiliation for h in self.hops)

    @property
    def sensitive(self) -> bool:
        """Whether any hop is a sensitive tie or affiliation."""
        return any(h.sensitive for h in self.hops)


def hop_details(
    net: RelationshipNetwork,
    rules: RouteRules,
    paths: Iterable[Sequence[int]],
    openings: Mapping[tuple[int, int], AffiliationOpening] | None = None,
) -> dict[tuple[int, int], Hop]:
    """Describe every hop of ``paths``: the strongest usable tie per pair, else its opening.

    One vectorised lookup in the network's pair index for all hops of all paths.
    """
    pairs = _pairs(tuple(int(x) for x in p) for p in paths)
    (rows,) = _strongest_rows(net, [pairs], [rules.include_sensitive])
    return _hops(net, pairs, rows, openings)


def _pairs(paths: Iterable[tuple[int, ...]]) -> list[tuple[int, int]]:
    """Every hop of ``paths`` once, sorted."""
    return sorted({(u, v) for p in paths for u, v in zip(p, p[1:], strict=False)})


def _strongest_rows(
    net: RelationshipNetwork, pair_sets: list[list[tuple[int, int]]], sensitive: list[bool]
) -> list[np.ndarray]:
    """Per set of pairs: the strongest tie (row) of each pair usable under its ``sensitive``.

    One lookup for every pair of every set, with the ties usable by any set; a pair whose
    strongest tie its own set may not use (a sensitive one) is looked up again. The
    strongest of the wider choice, when usable, is also the strongest of the narrower one.
    """
    every = sorted(set().union(*pair_sets))
    if not every:
        return [np.zeros(0, dtype=np.int64) for _ in pair_sets]
    strength, public = _tie_numbers(net)

    def usable(sens: bool) -> np.ndarray:
        return np.ones(len(strength), dtype=bool) if sens else public

    src = np.array([a for a, _ in every], dtype=np.int64)
    dst = np.array([c for _, c in every], dtype=np.int64)
    rows = net.strongest_ties(src, dst, strength, usable(any(sensitive)))
    slot = {pair: k for k, pair in enumerate(every)}
    out = []
    for pairs, sens in zip(pair_sets, sensitive, strict=True):
        at = np.array([slot[pair] for pair in pairs], dtype=np.int64)
        mine = rows[at]
        again = (mine >= 0) & ~usable(sens)[np.maximum(mine, 0)]
        if again.any():
            mine[again] = net.strongest_ties(src[at[again]], dst[at[again]], strength, usable(sens))
        out.append(mine)
    return out


def _tie_numbers(net: RelationshipNetwork) -> tuple[np.ndarray, np.ndarray]:
    """Each tie's resolved strength and whether it is public (not sensitive), as arrays."""
    e = net.edges
    return e["strength"].to_numpy(dtype=float), ~e["sensitive"].to_numpy(dtype=bool)


def _hops(
    net: RelationshipNetwork,
    pairs: list[tuple[int, int]],
    rows: np.ndarray,
    openings: Mapping[tuple[int, int], AffiliationOpening] | None,
) -> dict[tuple[int, int], Hop]:
    """Return the hop of each pair: its tie (``rows``, -1 for none), else its opening."""
    out: dict[tuple[int, int], Hop] = {}
    if not pairs:
        return out
    # read the found ties only (a firm's tie table has millions of rows)
    e, hit = net.edges, np.maximum(rows, 0)
    kind, basis = e["kind"].array, e["basis"].array
    kinds = np.asarray(kind.categories, dtype=object)[kind.codes[hit]]
    given = np.asarray(basis.categories, dtype=object)[basis.codes[hit]] != "default"
    rev = (e["u"].to_numpy()[hit] != np.array([a for a, _ in pairs])).tolist()
    sens = e["sensitive"].to_numpy(dtype=bool)[hit].tolist()
    strength = e["strength"].to_numpy(dtype=float)[hit].tolist()
    lang = net.settings.language
    words_of: dict[tuple[str, bool], str] = {}  # a few kinds, each read one or the other way
    for k, (pair, r) in enumerate(zip(pairs, rows.tolist(), strict=True)):
        if r >= 0:
            kind = str(kinds[k])
            if (kind, rev[k]) not in words_of:
                words_of[(kind, rev[k])] = tie_words(kind, reverse=rev[k], lang=lang)
            words = words_of[(kind, rev[k])]
            out[pair] = Hop(kind, words, strength[k], sens[k], bool(given[k]))
        elif openings is not None and pair in openings:
            o = openings[pair]
            where = term("affiliation_kind", o.kind, lang=lang)
            words = say("routes_affiliation_hop", kind=where, name=o.name, lang=lang)
            out[pair] = Hop(f"{_AFFILIATION}{o.kind}", words, o.strength, o.sensitive, False)
    return out


def tie_words(kind: str, *, reverse: bool = False, lang: str = "en") -> str:
    """How a tie kind reads in a sentence ("former colleague"), in the language ``lang``.

    ``reverse``: a directed tie read from its target ("manages" for ``reports_to``).

    Examples
    --------
    >>> tie_words("former_colleague"), tie_words("reports_to", reverse=True)
    ('former colleague', 'manages')
    """
    if reverse and kind in TERMS["tie_kind_reverse"]:
        return term("tie_kind_reverse", kind, lang=lang)
    return term("tie_kind", kind, lang=lang) if kind in TERMS["tie_kind"] else kind


def describe(
    net: RelationshipNetwork,
    rules: RouteRules,
    found: Iterable[tuple[float, Sequence[int]]],
    openings: Mapping[tuple[int, int], AffiliationOpening] | None = None,
) -> list[Route]:
    """Turn (cost, path) pairs into :class:`Route` objects with their hops described."""
    return describe_many(net, [(rules, found, openings)])[0]


#: What :func:`describe_many` describes: rules, (cost, path) pairs and the openings in use.
DescribeRequest = tuple[
    RouteRules,
    Iterable[tuple[float, Sequence[int]]],
    Mapping[tuple[int, int], AffiliationOpening] | None,
]


def describe_many(net: RelationshipNetwork, requests: list[DescribeRequest]) -> list[list[Route]]:
    """:func:`describe` of several requests (each under its own rules), one tie lookup for all.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> path = tuple(net.index_of(["u2", "p1"]).tolist())
    >>> found = [(0.0, path)]
    >>> mine, free = describe_many(
    ...     net, [(RouteRules(), found, None), (RouteRules().everything, found, None)]
    ... )
    >>> mine == free == describe(net, RouteRules(), [(0.0, path)])
    True
    """
    found = [[(float(c), tuple(int(x) for x in p)) for c, p in f] for _, f, _ in requests]
    pair_sets = [_pairs(p for _, p in f) for f in found]
    rows = _strongest_rows(net, pair_sets, [r.include_sensitive for r, _, _ in requests])
    out = []
    for (_, _, openings), f, pairs, r in zip(requests, found, pair_sets, rows, strict=True):
        details = _hops(net, pairs, r, openings)
        out.append(
            [
                Route(c, p, tuple(details[(u, v)] for u, v in zip(p, p[1:], strict=False)))
                for c, p in f
            ]
        )
    return out


def describe_path(net: RelationshipNetwork, rules: RouteRules, path: Sequence[int]) -> Route:
    """Describe one path found by the engine, its openings included (see :func:`describe`)."""
    from relgraph.analysis.paths.graph import affiliation_overlay

    openings = affiliation_overlay(net, rules)[1] if len(net.affiliations) else None
    return describe(net, rules, [(0.0, path)], openings)[0]


def person_text(net: RelationshipNetwork, i: int) -> str:
    """Return one person as a route shows them: ``label [party, title]``.

    A do-not-contact person (on a route only when the caller opted in) is marked
    ``[party, title, DO NOT CONTACT]``.
    """
    return person_texts(net, [i])[i]


def _party_word(party: str, lang: str) -> str:
    """Return an org kind in ``lang`` ("customer", "客户"); any other text as it is."""
    return term("org_kind", party, lang=lang) if party in TERMS["org_kind"] else party


def person_texts(net: RelationshipNetwork, people: Iterable[int]) -> dict[int, str]:
    """:func:`person_text` of many people at once, by position (one vectorised lookup).

    Examples
    --------
    >>> import relgraph as rg
    >>> person_texts(rg.datasets.tiny(), [4, 0])
    {0: 'Ann [customer, CEO]', 4: 'Eve [us, Account manager]'}
    """
    idx = np.unique(np.fromiter(people, dtype=np.int64))
    if 64 <= len(idx) and len(idx) * 64 < net.n_people:  # a batch among many: only theirs
        labels, titles, parties, dnc = _people_columns(net, idx)
        at = np.arange(len(idx))
    else:
        labels, titles, parties, dnc = net.memo(
            ("paths.render", "people"), lambda: _people_columns(net, None)
        )
        at = idx
    lang = net.settings.language
    words = {p: _party_word(str(p), lang) for p in set(parties[at].tolist())}
    mark = say("routes_dnc_mark", lang=lang)
    out = {}
    for i, j in zip(idx.tolist(), at.tolist(), strict=True):
        party, title = words[parties[j]], str(titles[j])
        inner = f"{party}, {title}" if title else party
        if dnc[j]:  # on a route only when the caller opted in
            inner += ", " + mark
        out[i] = f"{labels[j]} [{inner}]"
    return out


def _people_columns(
    net: RelationshipNetwork, idx: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Labels, titles, parties and do-not-contact marks of ``idx`` (everyone when None)."""
    if idx is None:
        cols = [net.labels, net.titles, net.party, net.people["do_not_contact"]]
    else:  # titles as net.titles has them, without building that view for everyone
        cols = [c.take(idx) for c in (net.labels, net.people["title"], net.party)]
        cols[1] = cols[1].fillna("").astype(str)
        cols.append(net.people["do_not_contact"].take(idx))
    labels, titles, parties = (c.to_numpy(dtype=object) for c in cols[:3])
    return labels, titles, parties, cols[3].astype("boolean").fillna(False).to_numpy(dtype=bool)


def route_text(
    net: RelationshipNetwork,
    path: Sequence[int],
    hops: Sequence[Hop],
    texts: Mapping[int, str] | None = None,
) -> str:
    """Return a route as one line: ``A (us, VP) — former colleague 0.60 → B (customer, CTO) …``.

    ``texts`` (from :func:`person_texts`) saves a lookup per person when many routes are
    printed at once.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> r = describe(net, RouteRules(), [(0.0, net.index_of(["u2", "p1"]).tolist())])[0]
    >>> route_text(net, r.path, r.hops)
    'Fay [us, VP Sales] — covers 0.70 → Ann [customer, CEO]'
    """
    if texts is None:  # one lookup for the whole route
        texts = person_texts(net, path)
    parts = [texts[path[0]]]
    for node, hop in zip(path[1:], hops, strict=False):
        parts.append(f" — {hop.words} {hop.strength:.2f} → {texts[node]}")
    return "".join(parts)

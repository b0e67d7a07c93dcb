"""Warm-introduction routes: the most reliable chains of ties from our team to a person."""

from __future__ import annotations

import heapq
import html
import math
import time
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.network import RelationshipNetwork
from relgraph.text import say

__all__ = [
    "BULK_COLUMNS",
    "ROUTE_COLUMNS",
    "RouteReport",
    "connection_routes",
    "routes_to_many",
]

#: Columns of :attr:`RouteReport.routes`, in order (a contract other analyses rely on).
ROUTE_COLUMNS: tuple[str, ...] = (
    "rank",
    "source",
    "target",
    "strength",
    "hops",
    "weakest_link",
    "weakest_strength",
    "path",
    "kinds",
    "strengths",
    "affiliation",
    "disjoint",
    "sensitive",
    "route",
    "why",
)

#: Columns of :func:`routes_to_many`'s result, in order.
BULK_COLUMNS: tuple[str, ...] = (
    "target",
    "name",
    "best_strength",
    "best_hops",
    "best_source",
    "best_path",
    "best_route",
    "best_affiliation",
    "alt_strength",
    "alt_hops",
    "alt_source",
    "alt_path",
    "alt_route",
    "alt_affiliation",
    "excluded",
    "why",
)

_DIRECTED_WORDS = {
    "reports_to": ("reports to", "manages"),
    "covers": ("covers", "covered by"),
    "influences": ("influences", "influenced by"),
    "informs": ("informs", "informed by"),
}

_TINY = 1e-12  # cost floor so that ties of strength 1.0 stay edges in scipy's csgraph


# ---------------------------------------------------------------------------- graph views
@dataclass
class _CSR:
    """A contact graph as raw CSR arrays: ``cost = -log(strength)``."""

    n: int
    indptr: np.ndarray
    indices: np.ndarray
    strength: np.ndarray
    cost: np.ndarray

    @classmethod
    def from_matrix(cls, mat: sp.csr_matrix) -> _CSR:
        m = sp.csr_matrix(mat, copy=True)
        m.eliminate_zeros()
        m.sort_indices()
        s = m.data.astype(float)
        return cls(
            int(m.shape[0]),
            m.indptr.astype(np.int64),
            m.indices.astype(np.int64),
            s,
            -np.log(s),
        )

    def edge_slots(self, front: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions in ``indices``/``cost`` of the edges leaving ``front``, and counts per node.

        Row by row, in ``front``'s order.
        """
        lo = self.indptr[front]
        cnt = self.indptr[front + 1] - lo
        total = int(cnt.sum())
        return np.repeat(lo, cnt) + np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt), cnt

    def strength_of(self, u: int, v: int) -> float:
        lo, hi = self.indptr[u], self.indptr[u + 1]
        i = lo + int(np.searchsorted(self.indices[lo:hi], v))
        if i < hi and self.indices[i] == v:
            return float(self.strength[i])
        return 0.0


@dataclass
class _Bundle:
    """Everything a route search needs for one network and one choice of opt-ins."""

    net: RelationshipNetwork
    include_sensitive: bool
    include_do_not_contact: bool
    real: _CSR
    ours: np.ndarray
    blocked: np.ndarray
    _aff: tuple[_CSR, dict[tuple[int, int], tuple[str, str, float, bool]]] | None = None
    _bulk: dict[bool, tuple[sp.csr_matrix, _Forward]] = field(default_factory=dict)
    _edges: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def edge_index(self) -> tuple[np.ndarray, np.ndarray]:
        """Usable ties' unordered pair keys ``min * n + max``, sorted, and their rows."""
        if self._edges is None:
            e = self.net.edges
            usable = np.flatnonzero(
                np.ones(len(e), bool) if self.include_sensitive else ~e["sensitive"].to_numpy(bool)
            )
            u, v = e["u"].to_numpy(np.int64)[usable], e["v"].to_numpy(np.int64)[usable]
            key = np.minimum(u, v) * np.int64(self.real.n) + np.maximum(u, v)
            order = np.argsort(key, kind="stable")
            self._edges = (key[order], usable[order])
        return self._edges

    @property
    def affiliation_graph(
        self,
    ) -> tuple[_CSR, dict[tuple[int, int], tuple[str, str, float, bool]]]:
        """Real ties plus shared affiliations (for pairs with no real tie)."""
        if self._aff is None:
            self._aff = _affiliation_graph(self)
        return self._aff


_BUNDLES: weakref.WeakKeyDictionary[RelationshipNetwork, dict[tuple[bool, bool], _Bundle]] = (
    weakref.WeakKeyDictionary()
)


def _bundle(net: RelationshipNetwork, include_sensitive: bool, include_dnc: bool) -> _Bundle:
    per = _BUNDLES.setdefault(net, {})
    key = (bool(include_sensitive), bool(include_dnc))
    if key not in per:
        adj = net.adjacency(symmetric=True, include_sensitive=include_sensitive)
        ours = net.party.eq("us").to_numpy()
        blocked = np.zeros(net.n_people, bool) if include_dnc else net.do_not_contact().copy()
        per[key] = _Bundle(net, key[0], key[1], _CSR.from_matrix(adj), ours, blocked)
    return per[key]


def _affiliation_graph(
    b: _Bundle,
) -> tuple[_CSR, dict[tuple[int, int], tuple[str, str, float, bool]]]:
    net = b.net
    aff = net.affiliations
    info: dict[tuple[int, int], tuple[str, str, float, bool]] = {}
    if len(aff):
        kinds = aff["kind"].astype(str)
        sens_kinds = {str(k) for k in net.settings.sensitive_affiliation_kinds}
        sens = aff["sensitive"].astype("boolean").fillna(kinds.isin(sens_kinds)).to_numpy(bool)
        strength_of = {str(k): float(v) for k, v in net.settings.affiliation_strength.items()}
        pos = net.person_ids.get_indexer(pd.Index(aff["person"].astype(str)))
        frame = pd.DataFrame(
            {"pos": pos, "name": aff["affiliation"].astype(str), "kind": kinds, "sens": sens}
        )
        if not b.include_sensitive:
            frame = frame[~frame["sens"]]
        for (name, kind), grp in frame.groupby(["name", "kind"], sort=True):
            members = sorted(set(grp["pos"].tolist()))
            s = strength_of.get(str(kind), 0.0)
            sensitive = bool(grp["sens"].any())
            if s <= 0 or len(members) < 2:
                continue
            for i, u in enumerate(members):
                for v in members[i + 1 :]:
                    if b.real.strength_of(u, v) > 0:
                        continue  # a real tie exists: the affiliation is already used
                    for key in ((u, v), (v, u)):
                        if key not in info or info[key][2] < s:
                            info[key] = (str(kind), str(name), s, sensitive)
    real = b.real
    rows = np.repeat(np.arange(real.n), np.diff(real.indptr))
    au = np.array([k[0] for k in info], dtype=np.int64)
    av = np.array([k[1] for k in info], dtype=np.int64)
    aw = np.array([val[2] for val in info.values()], dtype=float)
    mat = sp.csr_matrix(
        (
            np.concatenate([real.strength, aw]),
            (np.concatenate([rows, au]), np.concatenate([real.indices, av])),
        ),
        shape=(real.n, real.n),
    )
    return _CSR.from_matrix(mat), info


# ---------------------------------------------------------------------------- search core
_Level = tuple[np.ndarray, np.ndarray, np.ndarray]  # nodes (sorted), cost, predecessor


def _hop_search(
    g: _CSR,
    starts: np.ndarray,
    start_cost: np.ndarray,
    max_hops: int,
    blocked: np.ndarray,
    banned: np.ndarray | None = None,
    scratch: np.ndarray | None = None,
    target: int | None = None,
    finish: np.ndarray | None = None,
    finish_min: float | None = None,
    dist: np.ndarray | None = None,
) -> list[_Level]:
    """Hop-bounded multi-source shortest paths (Bellman–Ford by levels, frontier only).

    Level ``h`` lists the nodes whose best cost improved using exactly ``h`` hops; a node
    is entered only when strictly cheaper, so reconstructed paths never revisit a person.
    ``blocked`` nodes are never entered; ``banned`` holds ``u * n + v`` keys of edges not
    to use. ``scratch`` (all ``inf``) is reused and restored, for many small searches.

    Only one answer is wanted, so the search prunes: with ``target``, anything no cheaper
    than the best cost found at the target so far, and at the last level only the
    target's own ties are read (the graph is symmetric); with ``finish`` (the cost to
    complete a route from each node, ``inf`` where none), anything whose cost plus the
    smallest finish cannot beat the best completed route so far. ``dist`` (hops from
    each person to ``target``, see :func:`_hop_dist`) drops anyone who cannot reach the
    target within the hops left; it is exact, since blocks and bans only lengthen routes.
    """
    n = g.n
    best = np.full(n, np.inf) if scratch is None else scratch
    order = np.argsort(starts, kind="stable")
    front, fcost = starts[order].astype(np.int64), start_cost[order].astype(float)
    levels: list[_Level] = [(front, fcost, np.full(len(front), -1, dtype=np.int64))]
    best[front] = fcost
    fmin = 0.0
    ub = np.inf
    if finish is not None:
        fin = finish[front] + fcost
        ub = float(fin.min()) if len(fin) else np.inf
        if finish_min is None:
            finite = finish[np.isfinite(finish)]
            finish_min = float(finite.min()) if len(finite) else 0.0
        fmin = finish_min
    for level in range(max_hops):
        if target is not None:
            ub = float(best[target])
        live = fcost + fmin < ub
        if not live.all():
            front, fcost = front[live], fcost[live]
        if not len(front):
            break
        if target is not None and level == max_hops - 1:
            lo, hi = g.indptr[target], g.indptr[target + 1]
            nb = g.indices[lo:hi]
            pos = np.minimum(np.searchsorted(front, nb), len(front) - 1)
            hit = front[pos] == nb
            cand = fcost[pos[hit]] + g.cost[lo:hi][hit]
            prv = nb[hit]
            if banned is not None and len(banned):
                ok = ~np.isin(prv * n + target, banned)
                cand, prv = cand[ok], prv[ok]
            if not len(cand):
                break
            j = int(np.lexsort((prv, cand))[0])
            if cand[j] < best[target]:
                best[target] = cand[j]
                levels.append((np.array([target], dtype=np.int64), cand[j : j + 1], prv[j : j + 1]))
            break
        idx, cnt = g.edge_slots(front)
        if not len(idx):
            break
        rep = np.repeat(np.arange(len(front)), cnt)
        nbr = g.indices[idx]
        cand = fcost[rep] + g.cost[idx]
        prv = front[rep]
        keep = ~blocked[nbr] & (cand < best[nbr]) & (cand + fmin < ub)
        if dist is not None:  # only people who can still reach the target in time
            keep &= dist[nbr] <= max_hops - level - 1
        if finish is not None and level == max_hops - 1:
            keep &= np.isfinite(finish[nbr])
        if banned is not None and len(banned):
            keep &= ~np.isin(prv * n + nbr, banned)
        nbr, cand, prv = nbr[keep], cand[keep], prv[keep]
        if not len(nbr):
            break
        o = np.lexsort((prv, cand, nbr))
        nbr, cand, prv = nbr[o], cand[o], prv[o]
        first = np.ones(len(nbr), bool)
        first[1:] = nbr[1:] != nbr[:-1]
        nbr, cand, prv = nbr[first], cand[first], prv[first]
        best[nbr] = cand
        levels.append((nbr, cand, prv))
        front, fcost = nbr, cand
        if finish is not None:
            fin = cand + finish[nbr]
            ub = min(ub, float(fin.min()))
    if scratch is not None:
        for nodes, _, _ in levels:
            scratch[nodes] = np.inf
    return levels


def _lookup(levels: list[_Level], node: int, bound: int) -> tuple[int, int] | None:
    for lev in range(min(bound, len(levels) - 1), -1, -1):
        nodes = levels[lev][0]
        i = int(np.searchsorted(nodes, node))
        if i < len(nodes) and nodes[i] == node:
            return lev, i
    return None


def _path_to(levels: list[_Level], node: int, bound: int) -> tuple[float, tuple[int, ...]] | None:
    hit = _lookup(levels, node, bound)
    if hit is None:
        return None
    cost = float(levels[hit[0]][1][hit[1]])
    path = [node]
    while hit is not None:
        lev, i = hit
        pred = int(levels[lev][2][i])
        if pred < 0:
            break
        path.append(pred)
        hit = _lookup(levels, pred, lev - 1)
    return cost, tuple(reversed(path))


def _hop_dist(g: _CSR, target: int, depth: int) -> np.ndarray:
    """Hops from every person to ``target`` (breadth first, ``depth + 1`` when farther)."""
    dist = np.full(g.n, depth + 1, dtype=np.int64)
    dist[target] = 0
    front = np.array([target], dtype=np.int64)
    for h in range(1, depth + 1):
        idx, _ = g.edge_slots(front)
        if not len(idx):
            break
        nbr = np.unique(g.indices[idx])
        front = nbr[dist[nbr] > h]
        dist[front] = h
    return dist


def _shortest(
    g: _CSR,
    starts: Sequence[int],
    target: int,
    max_hops: int,
    blocked: np.ndarray,
    banned: Iterable[tuple[int, int]] = (),
    dist: np.ndarray | None = None,
) -> tuple[float, tuple[int, ...]] | None:
    if max_hops < 1 or not len(starts):
        return None
    keys = np.array([u * g.n + v for u, v in banned], dtype=np.int64)
    arr = np.asarray(list(starts), dtype=np.int64)
    levels = _hop_search(
        g, arr, np.zeros(len(arr)), max_hops, blocked, keys, target=target, dist=dist
    )
    return _path_to(levels, target, max_hops)


def _path_cost(g: _CSR, path: Sequence[int]) -> float:
    return float(sum(-math.log(g.strength_of(u, v)) for u, v in zip(path, path[1:], strict=False)))


def _yen(
    g: _CSR,
    starts: Sequence[int],
    target: int,
    k: int,
    max_hops: int,
    blocked: np.ndarray,
    multi: bool,
) -> list[tuple[float, tuple[int, ...]]]:
    """Yen's k most reliable loopless routes, each of at most ``max_hops`` hops.

    With ``multi`` the routes start at any of ``starts`` (a virtual root joins them), and
    a second route from another start is found by spurring at that root.
    """
    dist = _hop_dist(g, target, max_hops - 1)
    first = _shortest(g, starts, target, max_hops, blocked, dist=dist)
    if first is None:
        return []
    accepted = [first]
    seen = {first[1]}
    heap: list[tuple[float, int, tuple[int, ...]]] = []
    while len(accepted) < k:
        last = accepted[-1][1]
        spurs = range(-1 if multi else 0, len(last) - 1)
        for i in spurs:
            if i == -1:
                used = {p[0] for _, p in accepted}
                found = _shortest(
                    g, [s for s in starts if s not in used], target, max_hops, blocked, dist=dist
                )
                cand = found
            else:
                root = last[: i + 1]
                banned = {(p[i], p[i + 1]) for _, p in accepted if p[: i + 1] == root}
                blk = blocked.copy()
                blk[list(root[:-1])] = True
                found = _shortest(g, [root[-1]], target, max_hops - i, blk, banned, dist)
                cand = None
                if found is not None:
                    path = root[:-1] + found[1]
                    cand = (_path_cost(g, root) + found[0], path)
            if cand is not None and cand[1] not in seen:
                seen.add(cand[1])
                heapq.heappush(heap, (cand[0], len(cand[1]), cand[1]))
        if not heap:
            break
        cost, _, path = heapq.heappop(heap)
        accepted.append((cost, path))
    return accepted


# ---------------------------------------------------------------------------- describing routes
@dataclass(frozen=True)
class _Hop:
    kind: str  # tie kind, or "affiliation:<kind>"
    words: str  # e.g. "former colleague", "shared school X, not yet a tie"
    strength: float
    sensitive: bool
    explicit: bool


def _hop_details(
    b: _Bundle, paths: Iterable[Sequence[int]], aff_info: dict[tuple[int, int], Any] | None
) -> dict[tuple[int, int], _Hop]:
    """Describe every hop of ``paths``: the strongest usable tie (or affiliation) per pair."""
    pairs = {(int(u), int(v)) for p in paths for u, v in zip(p, p[1:], strict=False)}
    out: dict[tuple[int, int], _Hop] = {}
    if not pairs:
        return out
    n = b.real.n
    keys, edge_rows = b.edge_index
    want = np.array(sorted({min(a, c) * n + max(a, c) for a, c in pairs}), dtype=np.int64)
    lo_i = np.searchsorted(keys, want, side="left")
    hi_i = np.searchsorted(keys, want, side="right")
    rows = np.concatenate([np.arange(a, c) for a, c in zip(lo_i, hi_i, strict=True)])
    sub = b.net.edges.iloc[edge_rows[rows]]
    # a strength counts as "not a default" when given or derived from the interactions log
    given = sub["basis"].ne("default") if "basis" in sub.columns else sub["explicit"]
    best: dict[tuple[int, int], tuple[float, str, int, int, bool, bool]] = {}
    for su, sv, kind, s, expl, sens in zip(
        sub["u"].tolist(),
        sub["v"].tolist(),
        sub["kind"].tolist(),
        sub["strength"].tolist(),
        np.asarray(given, dtype=bool).tolist(),
        sub["sensitive"].tolist(),
        strict=True,
    ):
        key = (min(int(su), int(sv)), max(int(su), int(sv)))
        rec = (float(s), str(kind), int(su), int(sv), bool(expl), bool(sens))
        if key not in best or (rec[0], rec[1]) > (best[key][0], best[key][1]):
            best[key] = rec
    for a, c in pairs:
        key = (min(a, c), max(a, c))
        if key in best:
            s, kind, su, _sv, expl, sens = best[key]
            pair = _DIRECTED_WORDS.get(kind)
            words = (pair[0] if su == a else pair[1]) if pair else kind.replace("_", " ")
            out[(a, c)] = _Hop(kind, words, s, sens, expl)
        elif aff_info is not None and (a, c) in aff_info:
            akind, name, s, sens = aff_info[(a, c)]
            words = say("routes_affiliation_hop", kind=akind, name=name)
            out[(a, c)] = _Hop(f"affiliation:{akind}", words, s, sens, False)
    return out


_TEXTS: weakref.WeakKeyDictionary[RelationshipNetwork, list[str]] = weakref.WeakKeyDictionary()


def _person_text(net: RelationshipNetwork, i: int) -> str:
    texts = _TEXTS.get(net)
    if texts is None:
        people = net.people
        name = people["name"].astype(str).to_numpy()
        en = people["name_en"].fillna("").astype(str).to_numpy()
        title = people["title"].fillna("").astype(str).to_numpy()
        party = net.party.astype(str).to_numpy()
        texts = []
        for nm, e, ti, pa in zip(name, en, title, party, strict=True):
            shown = f"{e} {nm}" if e and e != nm else nm
            texts.append(f"{shown} ({pa}, {ti})" if ti else f"{shown} ({pa})")
        _TEXTS[net] = texts
    return texts[i]


def _route_text(net: RelationshipNetwork, path: Sequence[int], hops: Sequence[_Hop]) -> str:
    parts = [_person_text(net, path[0])]
    for node, hop in zip(path[1:], hops, strict=False):
        parts.append(f" — {hop.words} {hop.strength:.2f} → {_person_text(net, node)}")
    return "".join(parts)


def _short(net: RelationshipNetwork, i: int) -> str:
    return str(net.labels.iloc[i])


@dataclass(frozen=True)
class _Route:
    cost: float
    path: tuple[int, ...]
    hops: tuple[_Hop, ...]

    @property
    def strength(self) -> float:
        return float(np.prod([h.strength for h in self.hops])) if self.hops else 1.0

    @property
    def affiliation(self) -> bool:
        return any(h.kind.startswith("affiliation:") for h in self.hops)

    @property
    def sensitive(self) -> bool:
        return any(h.sensitive for h in self.hops)


def _row(
    net: RelationshipNetwork,
    rank: int,
    r: _Route,
    disjoint: bool,
    dnc: np.ndarray,
    extra_why: str = "",
) -> dict[str, Any]:
    ids = net.person_ids
    strengths = tuple(h.strength for h in r.hops)
    w = int(np.argmin(strengths))
    weakest = (str(ids[r.path[w]]), str(ids[r.path[w + 1]]))
    formula = " × ".join(f"{s:.2f}" for s in strengths)
    why = [
        say(
            "routes_why",
            hops=len(r.hops),
            strength=r.strength,
            formula=formula,
            weakest=r.hops[w].words,
            weakest_strength=strengths[w],
            a=_short(net, r.path[w]),
            b=_short(net, r.path[w + 1]),
        )
    ]
    if r.affiliation:
        why.append(say("routes_why_affiliation"))
    if disjoint and rank > 1:
        why.append(say("routes_why_disjoint"))
    uses_dnc = [str(ids[i]) for i in r.path[1:-1] if dnc[i]]
    if r.sensitive or uses_dnc:
        why.append(say("routes_why_sensitive"))
    if (
        not all(h.explicit for h in r.hops if not h.kind.startswith("affiliation:"))
        or r.affiliation
    ):
        why.append(say("defaults_note"))
    if extra_why:
        why.append(extra_why)
    return {
        "rank": rank,
        "source": str(ids[r.path[0]]),
        "target": str(ids[r.path[-1]]),
        "strength": r.strength,
        "hops": len(r.hops),
        "weakest_link": weakest,
        "weakest_strength": strengths[w],
        "path": tuple(str(ids[i]) for i in r.path),
        "kinds": tuple(h.kind for h in r.hops),
        "strengths": strengths,
        "affiliation": r.affiliation,
        "disjoint": disjoint,
        "sensitive": r.sensitive or bool(uses_dnc),
        "route": _route_text(net, r.path, r.hops),
        "why": "; ".join(why),
    }


def _no_route_row(target: str, source: str, why: str) -> dict[str, Any]:
    return {
        "rank": 1,
        "source": source,
        "target": target,
        "strength": 0.0,
        "hops": 0,
        "weakest_link": None,
        "weakest_strength": 0.0,
        "path": (),
        "kinds": (),
        "strengths": (),
        "affiliation": False,
        "disjoint": False,
        "sensitive": False,
        "route": say("routes_none_short"),
        "why": why,
    }


# ---------------------------------------------------------------------------- the report
@dataclass(frozen=True)
class RouteReport:
    """The k most reliable warm-introduction routes to one person, explained.

    Attributes
    ----------
    target : str
        The person to reach (id).
    source : str or None
        The one person the routes start from, or None for anyone on our team.
    routes : pandas.DataFrame
        One row per route, best first (columns :data:`ROUTE_COLUMNS`): ``rank, source,
        target, strength, hops, weakest_link`` (pair of ids), ``weakest_strength, path``
        (ids, source first), ``kinds`` and ``strengths`` (per hop), ``affiliation`` (uses
        a shared affiliation that is not yet a tie), ``disjoint`` (shares no person with a
        better route, apart from the target and a named source), ``sensitive`` (uses a
        sensitive tie or a do-not-contact person; only when opted in), ``route`` (readable),
        ``why``. Unreachable: one row with strength 0 whose ``why`` explains.
    excluded : int
        How many of the k best routes found without the sensitive and do-not-contact rules
        were left out because of them.
    single_point_of_failure : tuple of str or None
        People every route passes through (for a team-wide search, also a single one of our
        people who alone can start a route); None when there is no such person.
    max_hops : int
        The hop limit in force.
    include_sensitive, include_do_not_contact : bool
        The opt-ins used.

    Examples
    --------
    >>> import relgraph as rg
    >>> rep = rg.connection_routes(rg.datasets.tiny(), "Di", k=1)
    >>> rep.best["path"], round(float(rep.best["strength"]), 2), rep.excluded
    (('u2', 'p1', 'p4'), 0.56, 0)
    """

    target: str
    source: str | None
    routes: pd.DataFrame
    excluded: int
    single_point_of_failure: tuple[str, ...] | None
    max_hops: int
    include_sensitive: bool = False
    include_do_not_contact: bool = False
    target_label: str = field(default="", repr=False)
    source_label: str = field(default="", repr=False)

    @property
    def best(self) -> pd.Series | None:
        """The best route's row, or None when there is no route."""
        r = self.routes
        return None if r.empty or float(r["strength"].iloc[0]) <= 0 else r.iloc[0]

    def summary_lines(self) -> list[str]:
        """Plain-language lines: header, one per route, exclusions and single point of failure."""
        lines = [
            say(
                "routes_header",
                target=self.target_label or self.target,
                origin=self.source_label or self.source or "our team",
                n=int((self.routes["strength"] > 0).sum()),
                max_hops=self.max_hops,
            )
        ]
        for rank, strength, route, why in zip(
            self.routes["rank"],
            self.routes["strength"],
            self.routes["route"],
            self.routes["why"],
            strict=True,
        ):
            if float(strength) > 0:
                lines.append(f"{rank}. [{float(strength):.2f}] {route}")
            else:
                lines.append(f"- {why}")
        if self.excluded:
            lines.append(say("routes_excluded", n=self.excluded))
        if self.single_point_of_failure:
            lines.append(say("routes_spof", who=", ".join(self.single_point_of_failure)))
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    def _repr_html_(self) -> str:
        head, *rest = self.summary_lines()
        cols = ["rank", "strength", "hops", "route", "why"]
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(f'{v:.2f}' if isinstance(v, float) else str(v))}</td>"
                for v in row
            )
            + "</tr>"
            for row in self.routes[cols].itertuples(index=False)
        )
        notes = "".join(f"<p>{html.escape(x)}</p>" for x in rest if not x[:1].isdigit())
        header = "".join(f"<th>{c}</th>" for c in cols)
        return (
            f"<div><p><b>{html.escape(head)}</b></p><table><thead><tr>{header}</tr></thead>"
            f"<tbody>{body}</tbody></table>{notes}</div>"
        )


def _check_k(k: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a whole number >= 1; got {k!r}")
    return int(k)


def _ranked(
    b: _Bundle,
    starts: Sequence[int],
    target: int,
    k: int,
    max_hops: int,
    multi: bool,
    affiliations: bool,
) -> tuple[list[_Route], dict[tuple[int, int], Any] | None]:
    """Top-k routes (real ties, plus affiliation routes that beat every real one)."""
    blocked = b.blocked.copy()
    if multi:
        blocked |= b.ours  # our people start routes; they are never a middle hop
    blocked[target] = False
    found = [(c, p, False) for c, p in _yen(b.real, starts, target, k, max_hops, blocked, multi)]
    info = None
    if affiliations and len(b.net.affiliations):
        g, info = b.affiliation_graph
        bar = found[0][0] if found else math.inf
        for c, p in _yen(g, starts, target, k, max_hops, blocked, multi):
            uses = any((u, v) in info for u, v in zip(p, p[1:], strict=False))
            if uses and c < bar - 1e-12:
                found.append((c, p, True))
    found.sort(key=lambda x: (x[0], len(x[1]), x[1]))
    found = found[:k]
    details = _hop_details(b, [p for _, p, _ in found], info)
    routes = [
        _Route(c, p, tuple(details[(u, v)] for u, v in zip(p, p[1:], strict=False)))
        for c, p, _ in found
    ]
    return routes, info


def connection_routes(
    net: RelationshipNetwork,
    target: str,
    *,
    source: str | None = None,
    k: int = 3,
    include_sensitive: bool = False,
    include_do_not_contact: bool = False,
    affiliations: bool = True,
) -> RouteReport:
    r"""Find the k most reliable warm-introduction routes from our team to a person.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    target : str
        The person to reach: an id, a name or an English name.
    source : str, optional
        Start every route at this person (id or name). By default a route may start at
        any of our people (org kind ``us``), and our people are never a middle hop (the
        colleague would start the route).
    k : int
        How many routes to return (the best node-disjoint alternative is appended when
        none of the k is one).
    include_sensitive : bool
        Use sensitive ties (family, faith, neighbour, anything marked sensitive) and
        sensitive affiliations. Routes using them are marked ``sensitive``.
    include_do_not_contact : bool
        Let routes pass through (or end at) do-not-contact people.
    affiliations : bool
        Offer routes through shared affiliations (not yet ties) when no real route is
        stronger.

    Returns
    -------
    RouteReport
        ``.routes`` (columns :data:`ROUTE_COLUMNS`), ``.excluded``,
        ``.single_point_of_failure``; prints as a readable summary.

    Raises
    ------
    UnknownPersonError
        When ``target`` or ``source`` is not in the network.
    ValueError
        When ``k`` is not a whole number of at least 1.

    Notes
    -----
    The contact graph holds every tie, of any kind, as undirected, with its resolved
    strength; parallel ties keep the strongest. A route's strength is the product of its
    hops' strengths, :math:`s(P) = \prod_{(u,v) \in P} s_{uv}`, so the most reliable
    route is the shortest path on :math:`-\log s_{uv}`. Routes longer than
    ``net.settings.max_hops`` hops (default 4) are not offered; the k best are found with
    Yen's algorithm over a hop-bounded Bellman–Ford search. A shared affiliation between
    two people with no tie counts as a hop of strength ``settings.affiliation_strength``
    for its kind, marked "not yet a tie"; such routes are listed only when they beat every
    route made of real ties. ``excluded`` compares the k best routes found with both
    opt-ins switched on against the result, and counts the routes that the rules removed.

    References
    ----------
    J. Y. Yen, "Finding the k shortest loopless paths in a network", Management Science
    17(11):712–716, 1971.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> rep = rg.connection_routes(net, "Di", k=2)
    >>> rep.routes[["source", "strength", "hops"]]
      source  strength  hops
    0     u2      0.56     2
    1     u1      0.50     1
    >>> rep.routes["path"].iloc[0]
    ('u2', 'p1', 'p4')
    """
    k = _check_k(k)
    tid = net.resolve_person(target)
    sid = None if source is None else net.resolve_person(source)
    t = int(net.index_of(tid)[0])
    max_hops = int(net.settings.max_hops)
    b = _bundle(net, include_sensitive, include_do_not_contact)
    multi = sid is None
    label = _short(net, t)

    def report(
        rows: list[dict[str, Any]], excluded: int, spof: tuple[str, ...] | None
    ) -> RouteReport:
        frame = pd.DataFrame(rows, columns=list(ROUTE_COLUMNS))
        frame["rank"] = frame["rank"].astype(int)
        frame["hops"] = frame["hops"].astype(int)
        frame["strength"] = frame["strength"].astype(float)
        frame["weakest_strength"] = frame["weakest_strength"].astype(float)
        return RouteReport(
            tid,
            sid,
            frame,
            excluded,
            spof,
            max_hops,
            bool(include_sensitive),
            bool(include_do_not_contact),
            label,
            "" if sid is None else _short(net, int(net.index_of(sid)[0])),
        )

    src_text = "" if sid is None else sid
    if (multi and b.ours[t]) or sid == tid:
        return report([_no_route_row(tid, src_text, say("routes_none_ours", who=label))], 0, None)
    if multi:
        starts = [int(i) for i in np.flatnonzero(b.ours & ~b.blocked)]
    else:
        starts = [int(net.index_of(str(sid))[0])]

    dnc = net.do_not_contact()
    target_blocked = bool(b.blocked[t])
    routes: list[_Route] = []
    if not target_blocked:
        routes, _info = _ranked(b, starts, t, k, max_hops, multi, affiliations)

    # excluded: the k best without the rules, minus what survived under them
    excluded = 0
    if _rules_bite(net, include_sensitive, include_do_not_contact, affiliations):
        free = _bundle(net, True, True)
        fstarts = [int(i) for i in np.flatnonzero(free.ours)] if multi else starts
        unrestricted, _ = _ranked(free, fstarts, t, k, max_hops, multi, affiliations)
        kept = {r.path for r in routes}
        excluded = sum(1 for r in unrestricted if r.path not in kept)

    if not routes:
        if target_blocked:
            why = say("routes_none_dnc", who=label)
        else:
            start = "our team" if multi else _short(net, starts[0])
            why = say("routes_none", who=label, start=start, max_hops=max_hops)
        if excluded:
            why += "; " + say("routes_excluded", n=excluded)
        return report([_no_route_row(tid, src_text, why)], excluded, None)

    # disjointness against better routes (a named source and the target are shared)
    def people(r: _Route) -> set[int]:
        inner = set(r.path[1:-1])
        return inner | ({r.path[0]} if multi else set())

    rows = []
    listed_paths = [r.path for r in routes]
    for rank, r in enumerate(routes, start=1):
        disjoint = all(not (people(r) & people(better)) for better in routes[: rank - 1])
        rows.append(_row(net, rank, r, disjoint, dnc))

    blocked = b.blocked.copy()
    if multi:
        blocked |= b.ours
    blocked[t] = False
    best = routes[0]
    graph = b.real
    aff_info = None
    if best.affiliation:
        graph, aff_info = b.affiliation_graph

    if not any(not (people(r) & people(best)) for r in routes[1:]):
        blk = blocked.copy()
        avoid = sorted(people(best))
        blk[avoid] = True
        alt_starts = [s for s in starts if s not in avoid]
        # a named source's direct tie shares no middle person with anything: the
        # alternative is then any other route, so only that tie itself is left out
        direct = [(best.path[0], t)] if not multi and len(best.path) == 2 else []
        alt = _shortest(graph, alt_starts, t, max_hops, blk, direct)
        if alt is None and not best.affiliation and affiliations and len(net.affiliations):
            graph2, aff_info = b.affiliation_graph
            alt = _shortest(graph2, alt_starts, t, max_hops, blk, direct)
        if alt is not None and alt[1] not in {r.path for r in routes}:
            det = _hop_details(b, [alt[1]], aff_info)
            r = _Route(
                alt[0],
                alt[1],
                tuple(det[(u, v)] for u, v in zip(alt[1], alt[1][1:], strict=False)),
            )
            rows.append(_row(net, len(rows) + 1, r, True, dnc, say("routes_why_alternative", k=k)))
            listed_paths.append(r.path)

    # single point of failure: a person whose removal leaves no route at all (none when
    # a listed route shares no person with the best one)
    if not multi:
        listed_paths = [p[1:] for p in listed_paths]
    spof: list[str] = []
    independent = any(not (set(p) & people(best)) for p in listed_paths[1:])
    for c in [] if independent else sorted(people(best)):
        blk = blocked.copy()
        blk[c] = True
        alt_starts = [s for s in starts if s != c]
        if _shortest(graph, alt_starts, t, max_hops, blk) is None:
            spof.append(str(net.person_ids[c]))
    return report(rows, excluded, tuple(spof) if spof else None)


# ---------------------------------------------------------------------------- bulk mode
@dataclass
class _Forward:
    """Per person: the best and second-best direct tie from one of our people."""

    c1: np.ndarray
    s1: np.ndarray
    c2: np.ndarray
    s2: np.ndarray
    c_min: float


def _forward_labels(g: _CSR, sources: np.ndarray) -> _Forward:
    n = g.n
    idx, cnt = g.edge_slots(sources)
    total = len(idx)
    src = np.repeat(sources, cnt)
    dst = g.indices[idx]
    cost = g.cost[idx]
    o = np.lexsort((src, cost, dst))
    src, dst, cost = src[o], dst[o], cost[o]
    c1 = np.full(n, np.inf)
    s1 = np.full(n, -1, dtype=np.int64)
    c2 = np.full(n, np.inf)
    s2 = np.full(n, -1, dtype=np.int64)
    if total:
        start = np.ones(total, bool)
        start[1:] = dst[1:] != dst[:-1]
        f = np.flatnonzero(start)
        c1[dst[f]], s1[dst[f]] = cost[f], src[f]
        second = f + 1
        ok = second < total
        ok[ok] &= ~start[second[ok]]
        sec = second[ok]
        c2[dst[sec]], s2[dst[sec]] = cost[sec], src[sec]
    finite = c1[np.isfinite(c1)]
    return _Forward(c1, s1, c2, s2, float(finite.min()) if len(finite) else 0.0)


def _backward_best(
    g: _CSR,
    fwd: _Forward,
    target: int,
    avoid: Sequence[int],
    avoid_source: int,
    max_hops: int,
    blocked: np.ndarray,
    scratch: np.ndarray,
) -> tuple[float, tuple[int, ...]] | None:
    """Best route to ``target`` avoiding ``avoid`` and one source, searching from the target.

    The target's ball of ``max_hops - 1`` hops (never entering our people) is joined with
    each ball member's strongest direct tie from one of our people other than
    ``avoid_source``: exact for routes of at most ``max_hops`` hops.
    """
    avoid = [int(a) for a in avoid]
    # the finish cost per person: its best tie from one of ours, the avoided source left out
    patched: list[int] = []
    if avoid_source >= 0:
        nb = g.indices[g.indptr[avoid_source] : g.indptr[avoid_source + 1]]
        patched = [int(a) for a in nb[fwd.s1[nb] == avoid_source]]
    saved_c = fwd.c1[patched].copy()
    saved_s = fwd.s1[patched].copy()
    fwd.c1[patched] = fwd.c2[patched]
    fwd.s1[patched] = fwd.s2[patched]
    saved_b = blocked[avoid].copy()
    blocked[avoid] = True
    try:
        levels = _hop_search(
            g,
            np.array([target], dtype=np.int64),
            np.zeros(1),
            max_hops - 1,
            blocked,
            None,
            scratch,
            finish=fwd.c1,
            finish_min=fwd.c_min,
        )
        nodes = np.concatenate([lv[0] for lv in levels])
        costs = np.concatenate([lv[1] for lv in levels])
        total = costs + fwd.c1[nodes]
        if not len(total) or not np.isfinite(total).any():
            return None
        j = int(np.argmin(total))
        node = int(nodes[j])
        back = _path_to(levels, node, max_hops - 1)
        assert back is not None
        return float(total[j]), (int(fwd.s1[node]), *reversed(back[1]))
    finally:
        blocked[avoid] = saved_b
        fwd.c1[patched] = saved_c
        fwd.s1[patched] = saved_s


def _bulk_graph(b: _Bundle, affiliations: bool) -> tuple[_CSR, dict[tuple[int, int], Any] | None]:
    """Return the bulk contact graph: real ties, plus shared affiliations when asked."""
    if affiliations and len(b.net.affiliations):
        g, info = b.affiliation_graph
        if info:
            return g, info
    return b.real, None


_BulkResult = tuple[int, tuple[int, ...] | None, tuple[int, ...] | None, str]


def _bulk_search(
    b: _Bundle,
    tidx: np.ndarray,
    max_hops: int,
    affiliations: bool,
    bar: Any,
) -> tuple[list[_BulkResult], dict[tuple[int, int], Any] | None]:
    """Best route and one disjoint alternative per target: (target, best, alt, status)."""
    from scipy.sparse.csgraph import dijkstra

    g, info = _bulk_graph(b, affiliations)
    n = g.n
    sources = np.flatnonzero(b.ours & ~b.blocked).astype(np.int64)
    blocked = b.blocked | b.ours
    key = info is not None
    if key not in b._bulk:
        # our people only start routes and do-not-contact people are never entered: drop
        # the edges into them once, so one multi-source Dijkstra respects both rules
        rows_of = np.repeat(np.arange(n), np.diff(g.indptr))
        keep = ~blocked[g.indices] & ~b.blocked[rows_of]
        csgraph = sp.csr_matrix(
            (np.maximum(g.cost[keep], _TINY), g.indices[keep], _indptr_from_rows(rows_of[keep], n)),
            shape=(n, n),
        )
        b._bulk[key] = (csgraph, _forward_labels(g, sources))
    csgraph, fwd = b._bulk[key]
    if len(sources):
        _dist, pred, _src = dijkstra(
            csgraph, directed=True, indices=sources, min_only=True, return_predecessors=True
        )
    else:
        pred = np.full(n, -9999)
    scratch = np.full(n, np.inf)
    out: list[_BulkResult] = []
    for t in tidx.tolist():
        if b.ours[t]:
            out.append((t, None, None, "ours"))
        elif b.blocked[t]:
            out.append((t, None, None, "dnc"))
        else:
            best = _pred_path(pred, t)
            if best is not None and len(best) - 1 > max_hops:
                found = _backward_best(g, fwd, t, (), -1, max_hops, blocked, scratch)
                best = None if found is None else found[1]
            if best is None:
                out.append((t, None, None, "none"))
            else:
                alt = _backward_best(g, fwd, t, best[1:-1], best[0], max_hops, blocked, scratch)
                out.append((t, best, None if alt is None else alt[1], ""))
        bar.update(1)
    return out, info


def routes_to_many(
    net: RelationshipNetwork,
    targets: Iterable[str] | None = None,
    *,
    include_sensitive: bool = False,
    include_do_not_contact: bool = False,
    affiliations: bool = True,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Best route and one node-disjoint alternative from our whole team to many people.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    targets : iterable of str, optional
        People to reach (ids or names); every person outside our team when omitted.
    include_sensitive : bool
        Use sensitive ties and sensitive affiliations.
    include_do_not_contact : bool
        Let routes pass through (or end at) do-not-contact people.
    affiliations : bool
        Offer routes through shared affiliations (not yet ties) where no route of real
        ties is stronger, as :func:`connection_routes` does.
    progress : bool, optional
        Show a tqdm progress bar: None (default) shows it only once the run has taken
        more than a second; True always; False never.

    Returns
    -------
    pandas.DataFrame
        One row per target (columns :data:`BULK_COLUMNS`): ``target, name,
        best_strength, best_hops, best_source, best_path, best_route, best_affiliation``
        (uses a shared affiliation, not yet a tie), the same for the alternative
        (``alt_*``; strength 0 and empty path when none exists), ``excluded`` (how many
        of the best route and alternative found without the sensitive and do-not-contact
        rules those rules removed) and ``why``. An unreachable target has
        ``best_strength`` 0.

    Raises
    ------
    UnknownPersonError
        For a target not in the network.

    Notes
    -----
    Same contact graph and strength as :func:`connection_routes` (product of hop
    strengths, at most ``settings.max_hops`` hops, our people only at the start). A
    shared affiliation between two people with no tie is an edge of strength
    ``settings.affiliation_strength`` for its kind, so an affiliation route is chosen
    only when it beats every route of real ties. The best routes come from one
    multi-source ``scipy.sparse.csgraph.dijkstra`` call (``min_only=True``) over
    :math:`-\log s`; a target whose best path is longer than the hop limit is searched
    again within it. The alternative avoids every person of the best route (its source
    included): a hop-bounded search from the target, ``max_hops - 1`` hops deep, is
    joined with each reached person's strongest direct tie from one of our people, which
    is exact because our people never sit in the middle of a route. ``excluded`` repeats
    the search with both opt-ins switched on (only when the rules remove anything from
    this network) and counts its best and alternative paths that are not in the result.

    Examples
    --------
    >>> import relgraph as rg
    >>> df = rg.routes_to_many(rg.datasets.tiny(), ["p1", "p4"])
    >>> df[["target", "best_strength", "best_source", "alt_strength", "alt_source"]]
      target  best_strength best_source  alt_strength alt_source
    0     p1           0.70          u2          0.49         u1
    1     p4           0.56          u2          0.50         u1
    """
    max_hops = int(net.settings.max_hops)
    if targets is None:
        tids = [str(p) for p in net.person_ids[~net.party.eq("us").to_numpy()]]
    else:
        tids = [net.resolve_person(t) for t in targets]
    began = time.perf_counter()
    b = _bundle(net, include_sensitive, include_do_not_contact)
    tidx = np.asarray(net.index_of(tids) if tids else np.zeros(0), dtype=np.int64)
    bite = _rules_bite(net, include_sensitive, include_do_not_contact, affiliations)
    bar = _progress(len(tids) * (2 if bite else 1), progress, began)
    try:
        results, info = _bulk_search(b, tidx, max_hops, affiliations, bar)
        excluded = np.zeros(len(results), dtype=np.int64)
        if bite:
            free, _ = _bulk_search(_bundle(net, True, True), tidx, max_hops, affiliations, bar)
            for i, (mine, theirs) in enumerate(zip(results, free, strict=True)):
                kept = {mine[1], mine[2]}
                excluded[i] = sum(1 for p in (theirs[1], theirs[2]) if p and p not in kept)
    finally:
        bar.close()

    paths = [p for r in results for p in (r[1], r[2]) if p is not None]
    details = _hop_details(b, paths, info)
    out = []
    ids = net.person_ids
    for (t, best_p, alt_p, status), n_excl in zip(results, excluded.tolist(), strict=True):
        label = _short(net, t)
        row: dict[str, Any] = {"target": str(ids[t]), "name": label, "excluded": n_excl}
        for prefix, p in (("best", best_p), ("alt", alt_p)):
            if p is None:
                row.update(
                    {
                        f"{prefix}_strength": 0.0,
                        f"{prefix}_hops": 0,
                        f"{prefix}_source": "",
                        f"{prefix}_path": (),
                        f"{prefix}_route": "",
                        f"{prefix}_affiliation": False,
                    }
                )
            else:
                hops = [details[(u, v)] for u, v in zip(p, p[1:], strict=False)]
                row.update(
                    {
                        f"{prefix}_strength": float(np.prod([h.strength for h in hops])),
                        f"{prefix}_hops": len(hops),
                        f"{prefix}_source": str(ids[p[0]]),
                        f"{prefix}_path": tuple(str(ids[i]) for i in p),
                        f"{prefix}_route": _route_text(net, p, hops),
                        f"{prefix}_affiliation": any(
                            h.kind.startswith("affiliation:") for h in hops
                        ),
                    }
                )
        if status == "ours":
            why = say("routes_none_ours", who=label)
        elif status == "dnc":
            why = say("routes_none_dnc", who=label)
        elif status == "none":
            why = say("routes_none", who=label, start="our team", max_hops=max_hops)
        elif alt_p is None:
            why = say("routes_bulk_no_alt", max_hops=max_hops)
        else:
            why = say("routes_bulk_two", best=row["best_strength"], alt=row["alt_strength"])
        if row["best_affiliation"] or row["alt_affiliation"]:
            why += "; " + say("routes_why_affiliation")
        if n_excl:
            why += "; " + say("routes_excluded", n=n_excl)
        row["why"] = why
        out.append(row)
    frame = pd.DataFrame(out, columns=list(BULK_COLUMNS))
    for c in ("best_hops", "alt_hops", "excluded"):
        frame[c] = frame[c].astype(int)
    for c in ("best_strength", "alt_strength"):
        frame[c] = frame[c].astype(float)
    for c in ("best_affiliation", "alt_affiliation"):
        frame[c] = frame[c].astype(bool)
    return frame


def _rules_bite(
    net: RelationshipNetwork, include_sensitive: bool, include_dnc: bool, affiliations: bool
) -> bool:
    """Whether the sensitive / do-not-contact rules can remove anything from ``net``."""
    if not include_sensitive and bool(net.edges["sensitive"].any()):
        return True
    if not include_dnc and bool(net.do_not_contact().any()):
        return True
    return not include_sensitive and affiliations and len(net.affiliations) > 0


def _indptr_from_rows(rows: np.ndarray, n: int) -> np.ndarray:
    counts = np.bincount(rows, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr


def _pred_path(pred: np.ndarray, t: int) -> tuple[int, ...] | None:
    if pred[t] < 0:
        return None
    path = [t]
    node = t
    while pred[node] >= 0:
        node = int(pred[node])
        path.append(node)
    return tuple(reversed(path))


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, progress: bool | None, began: float) -> Any:
    if progress is False or total == 0:
        return _NoBar()
    import importlib.util

    # tqdm.auto warns ("IProgress not found") in Jupyter when ipywidgets is missing.
    widgets = importlib.util.find_spec("ipywidgets") is not None
    tqdm = importlib.import_module("tqdm.auto" if widgets else "tqdm.std").tqdm

    delay = 0.0 if progress else max(0.0, 1.0 - (time.perf_counter() - began))
    return tqdm(total=total, desc="routes", unit="target", delay=delay, leave=False)

"""The contact graph routes run on, and the rules of who may be a step of a route.

A route is a chain of real ties (DOMAIN.md §7): every tie of any kind counts as undirected,
with its resolved strength, and parallel ties keep the strongest. A route starts at one of
our people (org kind ``us``) — when the whole team searches, our people are never a middle
step, since the colleague would start the route — and never enters a do-not-contact person
or uses a sensitive tie unless the caller opts in. A shared affiliation (school, club …)
between one of our people and someone outside our team with no tie is an *opening*, not a
tie, used only by our person who shares it: it appears only in the (directed) overlay graph
of :func:`affiliation_overlay`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.network import RelationshipNetwork

__all__ = [
    "AffiliationOpening",
    "other_side",
    "ContactGraph",
    "RouteGraph",
    "RouteRules",
    "affiliation_overlay",
    "contact_graph",
    "openings_used",
    "route_graph",
    "sway_lists",
    "swayed_by",
]

#: Cost floor so that ties of strength 1.0 stay edges in scipy's csgraph.
TINY = 1e-12


@dataclass(frozen=True)
class RouteRules:
    """What a route may use beyond the default (each an explicit opt-in of the caller).

    Attributes
    ----------
    include_sensitive : bool
        Sensitive ties (family, faith, neighbour, anything marked sensitive) and sensitive
        affiliations.
    include_do_not_contact : bool
        Do-not-contact people, as a step or as the target.
    include_opponents : bool
        People who oppose us (attitude ≤ −1), back a competitor, or work for one, as a middle
        step (asking them for an introduction warns the other side, DOMAIN.md §7). They may
        always be the target.
    include_swayed : bool
        The people a role-less target sways, as a middle step of a route to that target
        (``swayed_by``). Not a caller's option: only switched on to count the routes
        the rule left out.
    """

    include_sensitive: bool = False
    include_do_not_contact: bool = False
    include_opponents: bool = False
    include_swayed: bool = False

    @property
    def everything(self) -> RouteRules:
        """The same search with every opt-in switched on (to count what the rules left out)."""
        return RouteRules(True, True, True, True)

    def allowing(self, rule: str) -> RouteRules:
        """Return these rules with one more opt-in: sensitive, do_not_contact, opponents, swayed."""
        return RouteRules(
            self.include_sensitive or rule == "sensitive",
            self.include_do_not_contact or rule == "do_not_contact",
            self.include_opponents or rule == "opponents",
            self.include_swayed or rule == "swayed",
        )

    def opt_ins(self) -> tuple[str, ...]:
        """Return the rules in force here that can leave routes out (their names)."""
        return tuple(
            name
            for name, on in (
                ("sensitive", self.include_sensitive),
                ("do_not_contact", self.include_do_not_contact),
                ("opponents", self.include_opponents),
                ("swayed", self.include_swayed),
            )
            if not on
        )


@dataclass(frozen=True)
class ContactGraph:
    """A graph as raw CSR arrays with ``cost = -log(strength)`` per edge.

    ``rev`` holds the transposed graph for directed graphs (sway chains); an undirected
    contact graph is its own transpose (``rev`` None).
    """

    n: int
    indptr: np.ndarray
    indices: np.ndarray
    strength: np.ndarray
    cost: np.ndarray
    rev: ContactGraph | None = None

    @classmethod
    def from_matrix(
        cls, mat: sp.spmatrix, *, directed: bool = False, copy: bool = True
    ) -> ContactGraph:
        """Build from a sparse matrix of strengths (entry ``[i, j]``: edge ``i → j``).

        With ``copy=False`` a CSR matrix already in canonical form (sorted indices, no
        duplicates, no explicit zeros) lends its strengths as a read-only view instead of
        being copied; the matrix must then never change.
        """
        m = _canonical(mat, copy)
        s = np.asarray(m.data, dtype=float).view()
        s.flags.writeable = False
        rev = cls.from_matrix(m.T.tocsr()) if directed else None
        return cls(
            int(m.shape[0]),
            m.indptr.astype(np.int64),
            m.indices.astype(np.int64),
            s,
            -np.log(s),
            rev,
        )

    @property
    def backward(self) -> ContactGraph:
        """The graph with every edge reversed (itself when undirected)."""
        return self if self.rev is None else self.rev

    def edge_slots(self, front: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions in ``indices``/``cost`` of the edges leaving ``front``, and counts per node.

        Row by row, in ``front``'s order.
        """
        lo = self.indptr[front]
        cnt = self.indptr[front + 1] - lo
        total = int(cnt.sum())
        return np.repeat(lo, cnt) + np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt), cnt

    def strength_of(self, u: int, v: int) -> float:
        """Strength of the edge ``u → v`` (0 when there is none)."""
        lo, hi = self.indptr[u], self.indptr[u + 1]
        i = lo + int(np.searchsorted(self.indices[lo:hi], v))
        if i < hi and self.indices[i] == v:
            return float(self.strength[i])
        return 0.0

    def rows(self) -> np.ndarray:
        """Return the source node of every edge (same order as ``indices``; built once)."""
        if "_rows" not in self.__dict__:  # a cache on a frozen instance
            rows = np.repeat(np.arange(self.n), np.diff(self.indptr))
            rows.flags.writeable = False
            self.__dict__["_rows"] = rows
        out: np.ndarray = self.__dict__["_rows"]
        return out


def _canonical(mat: sp.spmatrix, copy: bool) -> sp.csr_matrix:
    """Return the matrix as CSR with sorted indices, no duplicates and no explicit zeros."""
    if (
        not copy
        and isinstance(mat, sp.csr_matrix)
        and mat.has_canonical_format
        and bool((mat.data != 0).all())
    ):
        return mat
    m = sp.csr_matrix(mat, copy=True)
    m.eliminate_zeros()
    m.sort_indices()
    return m


@dataclass(frozen=True)
class RouteGraph:
    """Everything a route search needs for one network and one set of rules.

    Attributes
    ----------
    real : ContactGraph
        Real ties only (sensitive ones only when the rules allow them).
    ours : numpy.ndarray of bool
        Our people (they start routes).
    blocked : numpy.ndarray of bool
        People no route may enter (do-not-contact, unless the rules allow them).
    stops : numpy.ndarray of bool
        People who may end a route but not be a middle step of one: who opposes us, backs a
        competitor or works for one (unless the rules allow them).
    """

    net: RelationshipNetwork
    rules: RouteRules
    real: ContactGraph
    ours: np.ndarray
    blocked: np.ndarray
    stops: np.ndarray

    def starts(self) -> np.ndarray:
        """Our people who may start a route (not blocked), as positions."""
        return np.flatnonzero(self.ours & ~self.blocked).astype(np.int64)

    def team_blocked(self) -> np.ndarray:
        """People a team-wide route may not pass through: the blocked and our own people."""
        return self.blocked | self.ours

    def middle_blocked(self, target: int, *, team: bool) -> np.ndarray:
        """Who a route to ``target`` may not pass through (a fresh, writable mask).

        Besides the rules' blocks and stops, the people ``target`` is reached to work on
        (``swayed_by``): we never ask them to introduce us to their own influencer.
        """
        out = (self.team_blocked() if team else self.blocked) | self.stops
        if not self.rules.include_swayed:
            out[swayed_by(self.net, target)] = True
        out[target] = bool(self.blocked[target])
        return out


def route_graph(net: RelationshipNetwork, rules: RouteRules) -> RouteGraph:
    """Return the route graph of a network under ``rules`` (built once per network).

    Examples
    --------
    >>> import relgraph as rg
    >>> g = route_graph(rg.datasets.tiny(), RouteRules())
    >>> g.real.n, int(g.ours.sum()), int(g.blocked.sum())
    (6, 2, 0)
    """

    def build() -> RouteGraph:
        ours = net.party.eq("us").to_numpy()
        blocked = np.zeros(net.n_people, bool)
        if not rules.include_do_not_contact:
            blocked = net.do_not_contact().copy()
        stops = np.zeros(net.n_people, bool) if rules.include_opponents else other_side(net)
        for a in (ours, blocked, stops):
            a.flags.writeable = False
        real = contact_graph(net, include_sensitive=rules.include_sensitive)
        return RouteGraph(net, rules, real, ours, blocked, stops)

    return net.memo(("paths.graph", rules), build)


def contact_graph(net: RelationshipNetwork, *, include_sensitive: bool) -> ContactGraph:
    """Return the graph of real ties (built once per network and sensitivity).

    It reads the network's symmetric contact matrix (``net.adjacency``) without copying
    it. A network with no sensitive tie has one contact graph, whatever the rules.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> contact_graph(net, include_sensitive=True) is contact_graph(net, include_sensitive=False)
    True
    """
    if include_sensitive and not net.tie_sensitive().any():
        include_sensitive = False  # the same ties either way

    def build() -> ContactGraph:
        adj = net.adjacency(symmetric=True, include_sensitive=include_sensitive)
        return ContactGraph.from_matrix(adj, copy=False)

    return net.memo(("paths.contact", include_sensitive), build)


def other_side(net: RelationshipNetwork) -> np.ndarray:
    """Who is on the other side: attitude ≤ −1, backing a competitor, or competitor staff.

    Built once per network (a read-only mask over everyone).
    """
    return net.memo(("paths.other_side",), lambda: _build_other_side(net))


def _build_other_side(net: RelationshipNetwork) -> np.ndarray:
    att = net.people["attitude"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    backs = net.people["supports"].fillna("").astype(str).str.strip().ne("").to_numpy()
    out = (np.nan_to_num(att, nan=0.0) <= -1) | backs | net.party.eq("competitor").to_numpy()
    out.flags.writeable = False
    return out


@dataclass(frozen=True)
class AffiliationOpening:
    """A shared affiliation between two people with no tie: an opening, not yet a tie."""

    kind: str
    name: str
    strength: float
    sensitive: bool


def affiliation_overlay(
    net: RelationshipNetwork, rules: RouteRules
) -> tuple[ContactGraph, dict[tuple[int, int], AffiliationOpening]]:
    """Real ties plus shared affiliations between people with no tie (built once).

    Each member of ours and each member outside our team of one affiliation (same name and
    kind) with no real tie between them get an edge, **from our person to the other**, of
    ``settings.affiliation_strength`` for its kind (the strongest when they share several);
    sensitive affiliations only when the rules allow them. The overlay is directed: an
    opening is used only by the person of ours who shares it, to meet someone there
    (DOMAIN.md §7: "meet at", not "introduced by"), never by a partner or a customer
    person. Since our people only start team-wide routes, such a route uses at most one
    opening, as its first hop; with a named source, ``openings_used`` checks it.

    Returns
    -------
    tuple
        The overlay graph and, per ordered pair of positions, the opening it uses.
    """
    return net.memo(("paths.affiliations", rules), lambda: _build_overlay(net, rules))


def _build_overlay(
    net: RelationshipNetwork, rules: RouteRules
) -> tuple[ContactGraph, dict[tuple[int, int], AffiliationOpening]]:
    g = route_graph(net, rules)
    real, ours = g.real, g.ours
    info: dict[tuple[int, int], AffiliationOpening] = {}
    strength_of = {str(k): float(v) for k, v in net.settings.affiliation_strength.items()}
    for (name, kind), members, sensitive in _affiliation_groups(net, rules):
        s = strength_of.get(kind, 0.0)
        mine = [u for u in members if ours[u]]
        if s <= 0 or not mine or len(mine) == len(members):
            continue
        for u in mine:  # one of ours meets someone outside our team there, never the reverse
            for v in members:
                if ours[v] or real.strength_of(u, v) > 0:
                    continue  # a real tie exists: the affiliation is already used
                if (u, v) not in info or info[(u, v)].strength < s:
                    info[(u, v)] = AffiliationOpening(str(kind), str(name), s, sensitive)
    au = np.array([k[0] for k in info], dtype=np.int64)
    av = np.array([k[1] for k in info], dtype=np.int64)
    aw = np.array([o.strength for o in info.values()], dtype=float)
    mat = sp.csr_matrix(
        (
            np.concatenate([real.strength, aw]),
            (np.concatenate([real.rows(), au]), np.concatenate([real.indices, av])),
        ),
        shape=(real.n, real.n),
    )
    return ContactGraph.from_matrix(mat, directed=True), info


def _affiliation_groups(
    net: RelationshipNetwork, rules: RouteRules
) -> list[tuple[tuple[str, str], list[int], bool]]:
    """Members (sorted positions) of each affiliation, and whether it is sensitive."""
    aff = net.affiliations
    if not len(aff):
        return []
    kinds = aff["kind"].astype(str)
    sens_kinds = {str(k) for k in net.settings.sensitive_affiliation_kinds}
    sens = aff["sensitive"].astype("boolean").fillna(kinds.isin(sens_kinds)).to_numpy(bool)
    pos = net.person_ids.get_indexer(pd.Index(aff["person"].astype(str)))
    frame = pd.DataFrame(
        {"pos": pos, "name": aff["affiliation"].astype(str), "kind": kinds, "sens": sens}
    )
    if not rules.include_sensitive:
        frame = frame[~frame["sens"]]
    out = []
    for (name, kind), grp in frame.groupby(["name", "kind"], sort=True):
        members = sorted(set(grp["pos"].tolist()))
        out.append(((str(name), str(kind)), members, bool(grp["sens"].any())))
    return out


def openings_used(
    openings: dict[tuple[int, int], AffiliationOpening] | None, path: tuple[int, ...]
) -> int:
    """How many hops of ``path`` are affiliation openings (a route may use at most one)."""
    if not openings:
        return 0
    return sum(1 for hop in zip(path, path[1:], strict=False) if hop in openings)


def swayed_by(net: RelationshipNetwork, target: int) -> np.ndarray:
    """Positions of the people a route to ``target`` must not pass through: whom they sway.

    When ``target`` holds no role in any opportunity, they matter for whom they sway
    (a hidden influencer), so a route to them never asks the very people we want them to
    work on: anyone ``target`` has an ``influences`` tie to, and anyone who reports to
    ``target``. A role holder is reached for their own part in the decision, so their
    reports and the people they influence may introduce us (none are returned).

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.sample()
    >>> [str(net.person_ids[i]) for i in swayed_by(net, int(net.index_of("E02")[0]))]
    ['C006']
    """
    indptr, indices = sway_lists(net)
    out: np.ndarray = indices[indptr[target] : indptr[target + 1]]
    return out


def sway_lists(net: RelationshipNetwork) -> tuple[np.ndarray, np.ndarray]:
    """CSR lists (memoised): per person without a role, whom they influence or manage."""
    return net.memo(("paths.swayed",), lambda: _build_sway_lists(net))


def _build_sway_lists(net: RelationshipNetwork) -> tuple[np.ndarray, np.ndarray]:
    n = net.n_people
    e = net.edges
    u, v = e["u"].to_numpy(np.int64), e["v"].to_numpy(np.int64)
    kind = e["kind"].array  # categorical: compare codes, not strings
    inf, rep = (
        np.flatnonzero(kind.codes == _category(kind, k)) for k in ("influences", "reports_to")
    )
    who = np.concatenate([u.take(inf), v.take(rep)])  # the influencer, the boss
    whom = np.concatenate([v.take(inf), u.take(rep)])
    holders = net.person_ids.isin(net.roles["person"].astype(str))
    keep = ~holders[who] & (who != whom)
    # by person, then whom they sway, once each: a counting sort by person (scipy's COO to
    # CSR), then each person's short row sorted and its repeats summed
    mat = sp.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.int32), (who[keep], whom[keep])), shape=(n, n)
    )
    mat.sum_duplicates()
    return mat.indptr.astype(np.int64), mat.indices.astype(np.int64)


def _category(values: pd.Categorical, name: str) -> int:
    """Return the code of category ``name`` (-1, matching nothing, when it is not one)."""
    cats = list(values.categories)
    return cats.index(name) if name in cats else -1

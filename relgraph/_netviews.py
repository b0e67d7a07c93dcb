"""The network's derived views: relationships (owners, channels, bosses) and the tie arrays.

:class:`NetworkViews` is a part of :class:`relgraph.network.RelationshipNetwork` (a mixin, in
its own module to keep both readable). Every view is built once per network — per network
and settings where the settings matter — through the network's own cache helpers
(``memo`` and ``_table_view`` in :mod:`relgraph.network`); nothing here keeps a cache.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.errors import UnknownPersonError
from relgraph.io.collect import index_positions
from relgraph.model import Settings
from relgraph.views import (
    TIE_KINDS,
    Incidence,
    PairIndex,
    frozen,
    grouped,
    kind_weights,
    max_csr,
    strongest_ties,
)
from relgraph.vocab import TIE_KIND_SYNONYMS, TieKind, parse_term, suggest

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["NetworkViews"]

_BASIS = ("explicit", "interactions", "default")
_INFLUENCES = TIE_KINDS.index("influences")
_T = TypeVar("_T")

#: Lookups of a few tie pairs answered by a scan before the network builds its pair index.
PAIR_SCANS = 16


class NetworkViews:
    """Relationship and tie views of a :class:`~relgraph.network.RelationshipNetwork`."""

    if TYPE_CHECKING:  # provided by RelationshipNetwork
        settings: Settings

        @property
        def people(self) -> pd.DataFrame: ...
        @property
        def ties(self) -> pd.DataFrame: ...
        @property
        def interactions(self) -> pd.DataFrame: ...
        @property
        def affiliations(self) -> pd.DataFrame: ...
        @property
        def person_ids(self) -> pd.Index: ...
        @property
        def n_people(self) -> int: ...
        @property
        def party(self) -> pd.Series: ...
        @property
        def labels(self) -> pd.Series: ...
        @property
        def as_of(self) -> _dt.date: ...
        def memo(self, key: Hashable, build: Callable[[], _T]) -> _T: ...
        def _table_view(self, key: str, build: Callable[[], _T]) -> _T: ...
        def _has_table_view(self, *keys: str) -> bool: ...

        def resolve_person(self, key: str) -> str: ...

    @property
    def titles(self) -> pd.Series:
        """Each person's title ("" when blank), by person id."""
        return self._table_view(
            "titles",
            lambda: pd.Series(
                self.people["title"].fillna("").astype(str).to_numpy(dtype=object),
                index=self.person_ids,
                name="title",
            ),
        )

    def describe(self, person: str) -> str:
        """Label and title of one person id: ``王志远 (Wang Zhiyuan), CEO``.

        Examples
        --------
        >>> import relgraph as rg
        >>> rg.datasets.tiny().describe("p1")
        'Ann, CEO'
        """
        pid = self.resolve_person(person)
        title = str(self.titles[pid])
        return f"{self.labels[pid]}, {title}" if title else str(self.labels[pid])

    def _ties_of_kind(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        code = TIE_KINDS.index(kind)
        sel = self.tie_kind_codes() == code
        u, v = self.endpoints()
        ids = self.person_ids.to_numpy(dtype=object)
        return ids[u[sel]], ids[v[sel]]

    @property
    def owners(self) -> Mapping[str, tuple[str, ...]]:
        """Who of ours owns each relationship: person id → our people with a ``covers`` tie.

        Sorted, distinct ids of our people (org kind ``us``); a person nobody covers is
        absent. Owner A/B in the practice are two of these (DOMAIN.md §5.3).

        Examples
        --------
        >>> import relgraph as rg
        >>> dict(rg.datasets.tiny().owners)
        {'p1': ('u2',), 'p2': ('u1',), 'p3': ('u1',)}
        """

        def build() -> dict[str, tuple[str, ...]]:
            src, dst = self._ties_of_kind("covers")
            ours = self.party.reindex(src).eq("us").to_numpy(dtype=bool)
            return grouped(dst[ours], src[ours])

        return self._table_view("owners", build)

    @property
    def channels(self) -> Mapping[str, tuple[str, ...]]:
        """Information channels: person id → sources of ``informs`` ties about them (sorted)."""

        def build() -> dict[str, tuple[str, ...]]:
            src, dst = self._ties_of_kind("informs")
            return grouped(dst, src)

        return self._table_view("channels", build)

    @property
    def bosses(self) -> Mapping[str, str]:
        """Each person's boss (the target of their first ``reports_to`` tie), by person id."""

        def build() -> dict[str, str]:
            src, dst = self._ties_of_kind("reports_to")
            first = ~pd.Index(src).duplicated(keep="first")  # each one's first tie
            return dict(
                zip(src[first].astype(str).tolist(), dst[first].astype(str).tolist(), strict=True)
            )

        return self._table_view("bosses", build)

    def chain_of_command(self, person: str) -> list[str]:
        """Return a person's bosses, nearest first (stops at a reporting cycle).

        Examples
        --------
        >>> import relgraph as rg
        >>> rg.datasets.tiny().chain_of_command("p3")
        ['p2', 'p1']
        """
        out: list[str] = []
        seen = {person}
        cur = self.bosses.get(person)
        while cur is not None and cur not in seen:
            out.append(cur)
            seen.add(cur)
            cur = self.bosses.get(cur)
        return out

    def pair_index(self) -> PairIndex:
        """Every tie by its unordered pair of people (see :class:`relgraph.views.PairIndex`)."""
        return self._table_view(
            "pair_index", lambda: PairIndex.build(*self.endpoints(), self.n_people)
        )

    def strongest_ties(
        self, src: np.ndarray, dst: np.ndarray, strength: np.ndarray, usable: np.ndarray
    ) -> np.ndarray:
        """For each pair ``(src[k], dst[k])``: the strongest usable tie (its row), or -1.

        Among equally strong ties the first in table order wins (see
        :meth:`relgraph.views.PairIndex.strongest`). A few pairs among many ties are looked
        up by one pass over the ties' people; once ``PAIR_SCANS`` (16) such lookups have
        been made, the network builds its pair index instead (:meth:`pair_index`, about
        twenty scans' work), which serves every later one.
        """
        few = len(src) * 64 < len(strength)
        if few and not self._has_table_view("pair_index"):
            scans = self._table_view("pair_scans", lambda: [0])  # a count shared by copies
            if scans[0] < PAIR_SCANS:
                scans[0] += 1
                u, v = self.endpoints()
                return strongest_ties(u, v, self.n_people, src, dst, strength, usable)
        return self.pair_index().strongest(src, dst, strength, usable)

    def incidence(self) -> Incidence:
        """Every tie seen from each of its people (see :class:`relgraph.views.Incidence`)."""
        return self._table_view(
            "incidence", lambda: Incidence.build(*self.endpoints(), self.n_people)
        )

    def sway_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """Per tie: how much its source sways its target (forward) and the reverse (backward).

        From ``settings.influence_weight`` per kind; an ``influences`` tie sways forward
        with its resolved strength and not backward; ``covers``/``informs`` not at all. The
        influence matrix (:func:`relgraph.influence_matrix`) is built from these.
        """

        def build() -> tuple[np.ndarray, np.ndarray]:
            fwd_t, bwd_t = kind_weights(self.settings.influence_weight, TIE_KINDS)
            fwd_t[_INFLUENCES] = bwd_t[_INFLUENCES] = 0.0
            codes = self.tie_kind_codes()
            f, b = fwd_t[codes], bwd_t[codes]
            np.copyto(f, self._tie_strengths()[0], where=codes == _INFLUENCES)
            return frozen(f), frozen(b)

        return self.memo(("network", "sway_weights"), build)

    # ------------------------------------------------------------------ derived views
    def endpoints(self) -> tuple[np.ndarray, np.ndarray]:
        """Integer positions of every tie's source and target (read-only arrays, cached).

        Taken from validation when the network was loaded (the ids were matched once
        there), else matched here with one vectorised hash lookup per column.

        Examples
        --------
        >>> import relgraph as rg
        >>> u, v = rg.datasets.tiny().endpoints()
        >>> u[:2].tolist(), v[:2].tolist()
        ([1, 2], [0, 1])
        """

        def build() -> tuple[np.ndarray, np.ndarray]:
            t = self.ties
            u = index_positions(t["source"].astype(str), self.person_ids)
            v = index_positions(t["target"].astype(str), self.person_ids)
            for found, col in ((u, "source"), (v, "target")):
                if (found < 0).any():
                    bad = str(t[col].iat[int(np.flatnonzero(found < 0)[0])])
                    raise UnknownPersonError(bad, suggest(bad, self.person_ids))
            return frozen(u), frozen(v)

        return self._table_view("endpoints", build)

    def tie_kind_codes(self) -> np.ndarray:
        """Each tie's kind as its position in :data:`TIE_KINDS` (read-only int8, cached).

        Examples
        --------
        >>> import relgraph as rg
        >>> from relgraph.network import TIE_KINDS
        >>> [TIE_KINDS[c] for c in rg.datasets.tiny().tie_kind_codes()[:2]]
        ['reports_to', 'reports_to']
        """

        def build() -> np.ndarray:
            codes, uniques = pd.factorize(self.ties["kind"], use_na_sentinel=True)
            known = {k: i for i, k in enumerate(TIE_KINDS)}
            lookup = np.array([known.get(str(u), -1) for u in uniques] + [-1], dtype=np.int8)
            out = lookup[codes]  # codes == -1 (missing) picks the trailing -1
            if (out < 0).any():
                bad = str(self.ties["kind"].iat[int(np.flatnonzero(out < 0)[0])])
                raise ValueError(f"unknown tie kind {bad!r}; valid: {', '.join(TIE_KINDS)}")
            return frozen(out)

        return self._table_view("kind_codes", build)

    @property
    def edges(self) -> pd.DataFrame:
        """Ties with integer endpoints and resolved defaults (cached).

        Returns
        -------
        pandas.DataFrame
            ``u, v`` (int positions of source and target), ``kind`` (categorical over
            :data:`TIE_KINDS`), ``strength`` (given, or the settings' default for the kind),
            ``explicit`` (strength was given), ``sensitive`` (given, or True for the
            settings' sensitive kinds), ``derived`` (strength derived from the interactions
            log for ``covers`` and personal ties, as of its latest touchpoint; NaN without
            contact) and ``basis`` (categorical: ``explicit``, ``interactions`` or
            ``default``). A tie without an explicit strength takes the derived one when
            there is one (see :func:`relgraph.analysis.interactions.tie_strengths`).

        Notes
        -----
        Built from integer arrays only (kind codes index per-kind default tables), with no
        per-row Python work, so ten million ties take seconds.
        """
        return self.memo(("network", "edges"), self._build_edges)

    def _build_edges(self) -> pd.DataFrame:
        u, v = self.endpoints()
        codes = self.tie_kind_codes()
        resolved, explicit, derived, basis = self._tie_strengths()
        return pd.DataFrame(
            {
                "u": u.copy(),
                "v": v.copy(),
                "kind": pd.Categorical.from_codes(codes, categories=pd.Index(TIE_KINDS)),
                "strength": resolved,
                "explicit": explicit,
                "sensitive": self.tie_sensitive(),
                "derived": derived,
                "basis": pd.Categorical.from_codes(basis, categories=pd.Index(_BASIS)),
            },
            copy=False,
        )

    def tie_sensitive(self) -> np.ndarray:
        """Per tie: given ``sensitive`` flag, else True for the settings' sensitive kinds.

        Read-only, cached (the ``sensitive`` column of ``edges``, without building it).

        Examples
        --------
        >>> import relgraph as rg
        >>> int(rg.datasets.sample().tie_sensitive().sum()) > 0
        True
        """

        def build() -> np.ndarray:
            s = self.settings
            sens_kind = np.array([TieKind(k) in s.sensitive_tie_kinds for k in TIE_KINDS])
            flag = self.ties["sensitive"].astype("boolean")
            given = flag.to_numpy(dtype=bool, na_value=False)
            return frozen(np.where(flag.isna().to_numpy(), sens_kind[self.tie_kind_codes()], given))

        return self.memo(("network", "tie_sensitive"), build)

    def affiliation_sensitive(self) -> np.ndarray:
        """Per affiliation row: its ``sensitive`` flag, else whether its kind is sensitive.

        The sensitive kinds are ``settings.sensitive_affiliation_kinds`` (faith and
        neighbourhood by default); what :func:`relgraph.privacy.share_policy` leaves out.

        Examples
        --------
        >>> import relgraph as rg
        >>> int(rg.datasets.sample().affiliation_sensitive().sum())
        6
        """

        def build() -> np.ndarray:
            aff = self.affiliations
            kinds = {str(k) for k in self.settings.sensitive_affiliation_kinds}
            default = aff["kind"].astype(str).isin(kinds)
            flag = aff["sensitive"].astype("boolean").fillna(default)
            return frozen(flag.to_numpy(dtype=bool, na_value=False))

        return self.memo(("network", "affiliation_sensitive"), build)

    def _tie_strengths(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per tie: resolved strength, explicit flag, derived strength and basis code."""

        def build() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
            codes = self.tie_kind_codes()
            s = self.settings
            default = np.array([float(s.tie_strength.get(TieKind(k), np.nan)) for k in TIE_KINDS])
            given = self.ties["strength"].to_numpy(dtype=float, na_value=np.nan)
            derived = self._derived_tie_strength(codes)
            explicit = ~np.isnan(given)
            resolved = np.where(explicit, given, default[codes])
            basis = (~explicit).view(np.int8) * np.int8(2)  # explicit 0, default 2
            use = ~explicit & ~np.isnan(derived)
            if use.any():  # strengths derived from the interactions log
                resolved[use] = derived[use]
                basis[use] = 1
            return (frozen(resolved), frozen(explicit), frozen(derived), frozen(basis))

        return self.memo(("network", "tie_strengths"), build)

    def touchpoint_pairs(self) -> pd.DataFrame:
        """Return the interactions log expanded to (touchpoint, their person) rows (cached)."""
        from relgraph import _touchpoints as tp

        return self._table_view(
            "touchpoint_pairs", lambda: tp.touchpoint_pairs(self.interactions, self.person_ids)
        )

    def _derived_tie_strength(self, codes: np.ndarray) -> np.ndarray:
        """Strength derived from the interactions log per tie as of :attr:`as_of` (NaN: none)."""
        u, v = self.endpoints()
        if len(self.interactions) == 0 or len(u) == 0:
            return np.full(len(u), np.nan)
        from relgraph import _touchpoints as tp

        _, day = tp.as_of_day(self.as_of, self.interactions)
        terms = tp.pair_strengths(self.touchpoint_pairs(), self.n_people, self.settings, day)
        kind = np.asarray(TIE_KINDS, dtype=object)[codes]
        return tp.resolve_tie_strengths(
            u.astype(np.int64), v.astype(np.int64), kind, terms, self.n_people, self.settings
        )

    def adjacency(
        self,
        kinds: Sequence[str | TieKind] | None = None,
        *,
        symmetric: bool = False,
        include_sensitive: bool = True,
        weight: str | None = "strength",
    ) -> sp.csr_matrix:
        """Return a sparse ``n × n`` matrix of ties (cached), for bulk algorithms.

        Parameters
        ----------
        kinds : sequence of str, optional
            Tie kinds to include (any accepted word); all kinds when omitted.
        symmetric : bool
            Add each tie in both directions (the contact graph of routes is
            ``adjacency(symmetric=True, include_sensitive=...)``).
        include_sensitive : bool
            Keep sensitive ties.
        weight : {"strength", None}
            Entry value: the resolved strength, or 1.0. Parallel ties keep the largest value.

        Returns
        -------
        scipy.sparse.csr_matrix
            Entry ``[i, j]`` for a tie from person ``i`` to person ``j``.
        """
        kset = (
            None
            if kinds is None
            else tuple(sorted(str(parse_term(TieKind, TIE_KIND_SYNONYMS, k)) for k in kinds))
        )

        def build() -> sp.csr_matrix:
            u, v = self.endpoints()
            mask: np.ndarray | None = None
            if kset is not None:
                wanted = np.array([TIE_KINDS.index(k) for k in kset], dtype=np.int8)
                mask = np.isin(self.tie_kind_codes(), wanted)
            sensitive = self.tie_sensitive()
            if not include_sensitive and sensitive.any():
                mask = ~sensitive if mask is None else mask & ~sensitive
            w = self._tie_strengths()[0] if weight == "strength" else np.ones(len(u))
            if mask is not None:
                u, v, w = u[mask], v[mask], w[mask]
            return max_csr(u, v, w, self.n_people, symmetric=symmetric)

        return self.memo(
            ("network", "adjacency", kset, symmetric, include_sensitive, weight), build
        )

    def to_networkx(self) -> nx.MultiDiGraph:
        """Everything as a networkx ``MultiDiGraph`` that networkx algorithms read faithfully.

        Nodes are person ids with every ``people`` column as attributes plus ``label`` and
        ``party``. Directed ties (``reports_to``, ``influences``, ``covers``, ``informs``)
        are one edge from source to target; an undirected personal tie (friend, family …)
        is present in BOTH directions with the same attributes, so reachability and
        shortest paths see it from either end. Edges are keyed by kind and carry the tie's
        columns, ``strength`` resolved, ``sensitive`` resolved and ``directed``. Built on
        first use, then cached: treat it as read-only. Sensitive ties are included (it is
        an analysis view; shared exports use :mod:`relgraph.export`, which leaves them out).

        Examples
        --------
        >>> import networkx as nx
        >>> import relgraph as rg
        >>> g = rg.datasets.tiny().to_networkx()
        >>> g.number_of_nodes(), g.has_edge("p1", "p4"), g.has_edge("p4", "p1")
        (6, False, True)
        """
        return self.memo(("network", "networkx"), self._build_networkx)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """Alias of :meth:`to_networkx` (kept for existing code; prefer the method)."""
        return self.to_networkx()

    def _build_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx

        g = nx.MultiDiGraph()
        people = self.people
        attrs = people.astype(object).where(people.notna(), None).to_dict("records")
        for pid, row, lab, party in zip(
            self.person_ids, attrs, self.labels, self.party, strict=True
        ):
            g.add_node(pid, **row, label=lab, party=party)
        ties = self.ties.astype(object).where(self.ties.notna(), None)
        e = self.edges
        for rec, s, sens in zip(
            ties.to_dict("records"), e["strength"], e["sensitive"], strict=True
        ):
            directed = TieKind(rec["kind"]).directed
            rec.update(strength=float(s), sensitive=bool(sens), directed=directed)
            g.add_edge(rec["source"], rec["target"], key=rec["kind"], **rec)
            if not directed and rec["source"] != rec["target"]:
                g.add_edge(rec["target"], rec["source"], key=rec["kind"], **rec)
        return g

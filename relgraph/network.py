"""RelationshipNetwork: the validated tables (the source of truth) and cached graph views."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.errors import UnknownOpportunityError, UnknownPersonError
from relgraph.io.read import read_frames
from relgraph.io.schema import SCHEMAS
from relgraph.io.validate import _empty_column, _positions, validate_tables
from relgraph.model import TIE_KIND_SYNONYMS, Settings, TieKind, parse_term, suggest

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["TIE_KINDS", "RelationshipNetwork"]

_TABLES = ("orgs", "people", "ties", "opportunities", "roles", "affiliations", "interactions")

#: Every tie kind in a fixed order: :meth:`RelationshipNetwork.tie_kind_codes` indexes it.
TIE_KINDS: tuple[str, ...] = tuple(str(k) for k in TieKind)
_BASIS = ("explicit", "interactions", "default")


class RelationshipNetwork:
    """A customer's people, ties and opportunities, validated, with graph views.

    Build one with :func:`relgraph.load` (CSV folder or Excel workbook),
    :meth:`from_frames` (pandas DataFrames) or :func:`relgraph.datasets.sample`. The tables
    are the source of truth and are never changed in place, so a network is immutable:
    views (sparse matrices, a networkx graph) and analysis results (the influence solve)
    are derived on demand and cached on it; :meth:`with_settings` gives a new network.

    Parameters
    ----------
    tables : Mapping of str to DataFrame
        Validated tables as returned by :func:`relgraph.io.validate.validate_tables`. Use the
        loaders rather than this constructor.
    settings : Settings, optional
        Defaults for strengths, powers and weights; ``Settings()`` when omitted.
    source : str, optional
        Where the data came from, for messages.
    endpoints : tuple of two int arrays, optional
        Position of each tie's source and target in the people table, as found by
        validation (:func:`relgraph.io.validate.validate_tables` with ``codes=``); computed
        on first use when omitted.

    Attributes
    ----------
    orgs, people, ties, opportunities, roles, affiliations, interactions : pandas.DataFrame
        The typed tables (absent optional tables are empty frames with every column).
    settings : Settings
        The defaults in force for this network.

    Examples
    --------
    >>> import pandas as pd
    >>> import relgraph as rg
    >>> net = rg.RelationshipNetwork.from_frames(
    ...     orgs=pd.DataFrame({"id": ["A", "U"], "name": ["Acme", "Us"],
    ...                        "kind": ["customer", "us"]}),
    ...     people=pd.DataFrame({"id": ["p1", "p2", "u1"], "name": ["Ann", "Bo", "Cy"],
    ...                          "org": ["A", "A", "U"]}),
    ...     ties=pd.DataFrame({"source": ["p2", "u1"], "target": ["p1", "p2"],
    ...                        "kind": ["汇报", "covers"]}),
    ... )
    >>> net
    RelationshipNetwork(3 people, 2 orgs, 2 ties, 0 opportunities)
    >>> net.ties["kind"].tolist()
    ['reports_to', 'covers']
    >>> net.graph.number_of_edges()
    2
    """

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame],
        *,
        settings: Settings | None = None,
        source: str | None = None,
        endpoints: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self._tables: dict[str, pd.DataFrame] = {}
        for name in _TABLES:
            if name in tables:
                # a shallow copy: with pandas' copy-on-write, later changes to the caller's
                # frame do not reach the network (whose cached views assume fixed tables)
                self._tables[name] = tables[name].copy(deep=False)
            else:
                schema = SCHEMAS[name]
                self._tables[name] = pd.DataFrame(
                    {c.name: _empty_column(c, 0) for c in schema.columns}
                )
        self.settings: Settings = settings or Settings()
        self.source = source or "<DataFrame>"
        #: Views that depend on the settings (strengths, matrices, model results).
        self._cache: dict[Any, Any] = {}
        #: Views that depend on the tables only; shared with :meth:`with_settings` copies.
        self._shared: dict[str, Any] = {}
        if endpoints is not None:
            u, v = (np.asarray(a, dtype=np.int64) for a in endpoints)
            n_ties = len(self._tables["ties"])
            if len(u) == n_ties and len(v) == n_ties and (u >= 0).all() and (v >= 0).all():
                self._shared["endpoints"] = (_frozen_array(u), _frozen_array(v))

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_frames(
        cls,
        orgs: pd.DataFrame,
        people: pd.DataFrame,
        ties: pd.DataFrame | None = None,
        opportunities: pd.DataFrame | None = None,
        roles: pd.DataFrame | None = None,
        affiliations: pd.DataFrame | None = None,
        interactions: pd.DataFrame | None = None,
        *,
        settings: Settings | None = None,
        today: _dt.date | None = None,
    ) -> RelationshipNetwork:
        """Validate DataFrames and build a network.

        Parameters
        ----------
        orgs, people : DataFrame
            Required tables (DESIGN.md §1; ``docs/data-format.md``).
        ties, opportunities, roles, affiliations, interactions : DataFrame, optional
            Optional tables.
        settings : Settings, optional
            Defaults to use.
        today : datetime.date, optional
            Reference date for the "not in the future" checks.

        Returns
        -------
        RelationshipNetwork

        Raises
        ------
        ValidationError
            With every problem found (row numbers are 0-based DataFrame positions).
        """
        frames = {
            "orgs": orgs,
            "people": people,
            "ties": ties,
            "opportunities": opportunities,
            "roles": roles,
            "affiliations": affiliations,
            "interactions": interactions,
        }
        raws, problems = read_frames(frames)
        codes: dict[tuple[str, str], np.ndarray] = {}
        tables = validate_tables(raws, problems, today=today, codes=codes)
        return cls(tables, settings=settings, endpoints=endpoints_from_codes(codes))

    def with_settings(
        self, settings: Settings | None = None, **changes: Any
    ) -> RelationshipNetwork:
        """Return a network sharing these tables with other settings (caches start empty).

        Parameters
        ----------
        settings : Settings, optional
            New settings; defaults to the current ones.
        **changes
            Changes applied with :meth:`Settings.replace`.

        Returns
        -------
        RelationshipNetwork
        """
        base = settings or self.settings
        new = type(self)(
            self._tables, settings=base.replace(**changes) if changes else base, source=self.source
        )
        new._tables = self._tables  # the very same tables …
        new._shared = self._shared  # … so the same id mappings
        return new

    # ------------------------------------------------------------------ tables
    @property
    def orgs(self) -> pd.DataFrame:
        """The organisations table."""
        return self._tables["orgs"]

    @property
    def people(self) -> pd.DataFrame:
        """The people table."""
        return self._tables["people"]

    @property
    def ties(self) -> pd.DataFrame:
        """The ties table."""
        return self._tables["ties"]

    @property
    def opportunities(self) -> pd.DataFrame:
        """The opportunities table."""
        return self._tables["opportunities"]

    @property
    def roles(self) -> pd.DataFrame:
        """The buying-roles table."""
        return self._tables["roles"]

    @property
    def affiliations(self) -> pd.DataFrame:
        """The affiliations table."""
        return self._tables["affiliations"]

    @property
    def interactions(self) -> pd.DataFrame:
        """The interactions (touchpoints) log; empty when the dataset has none."""
        return self._tables["interactions"]

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Return copies of all tables, keyed by table name."""
        return {name: t.copy() for name, t in self._tables.items()}

    def to_csv(self, folder: str | Path) -> Path:
        """Write every table as ``<table>.csv`` (UTF-8) into ``folder``; return the folder."""
        from relgraph.io.write import write_csv_folder

        return write_csv_folder(self._tables, folder)

    def to_excel(self, path: str | Path) -> Path:
        """Write every table as a sheet of one ``.xlsx`` workbook; return the path."""
        from relgraph.io.write import write_excel

        return write_excel(self._tables, path)

    def __repr__(self) -> str:
        return (
            f"RelationshipNetwork({len(self.people)} people, {len(self.orgs)} orgs, "
            f"{len(self.ties)} ties, {len(self.opportunities)} opportunities)"
        )

    def summary(self) -> pd.Series:
        """Count everything in the network, for a quick look.

        Returns
        -------
        pandas.Series
            people, orgs, ties, opportunities, roles, affiliations, and people per org kind.
        """
        counts = {name: len(t) for name, t in self._tables.items()}
        for kind, n in self.party.value_counts().sort_index().items():
            counts[f"people ({kind})"] = int(n)
        return pd.Series(counts, name="count")

    # ------------------------------------------------------------------ people
    @cached_property
    def person_ids(self) -> pd.Index:
        """Person ids in table order; position = integer index in every matrix."""
        return pd.Index(self.people["id"].astype(str), name="person")

    @property
    def n_people(self) -> int:
        """Number of people."""
        return len(self.person_ids)

    def index_of(self, ids: str | Iterable[str]) -> np.ndarray:
        """Integer positions of person ids (raises :class:`UnknownPersonError` for unknowns).

        Examples
        --------
        >>> import relgraph as rg
        >>> net = rg.datasets.tiny()
        >>> net.index_of(["p2", "p1"]).tolist()
        [1, 0]
        """
        many = [ids] if isinstance(ids, str) else list(ids)
        pos = self.person_ids.get_indexer(pd.Index(many))
        if (pos < 0).any():
            bad = many[int(np.flatnonzero(pos < 0)[0])]
            raise UnknownPersonError(bad, suggest(bad, self.person_ids))
        return pos

    @cached_property
    def party(self) -> pd.Series:
        """Each person's org kind (customer, us, competitor, partner, other), by person id."""
        kind = pd.Series(self.orgs["kind"].to_numpy(), index=self.orgs["id"].astype(str))
        return pd.Series(
            self.people["org"].astype(str).map(kind).to_numpy(), index=self.person_ids, name="party"
        )

    @cached_property
    def labels(self) -> pd.Series:
        """Display label per person: ``name (name_en)`` when an English rendering is given."""
        name = self.people["name"].astype(str)
        en = self.people["name_en"].fillna("").astype(str)
        both = en.ne("") & en.ne(name)
        lab = name.where(~both, name + " (" + en + ")")
        return pd.Series(lab.to_numpy(), index=self.person_ids, name="label")

    @cached_property
    def org_labels(self) -> pd.Series:
        """Display label per org id, in the same name order as :attr:`labels`.

        ``name (name_en)`` when an English name is given and differs, else ``name`` (a blank
        ``name_en`` never hides the name, so two competitors stay distinguishable).

        Examples
        --------
        >>> import relgraph as rg
        >>> rg.datasets.tiny().org_labels.to_dict()
        {'A': 'Acme', 'U': 'Us', 'R': 'Rival'}
        """
        o = self.orgs
        name = o["name"].astype(str)
        en = o["name_en"].fillna("").astype(str).str.strip()
        both = en.ne("") & en.ne(name)
        lab = name.where(~both, name + " (" + en + ")")
        return pd.Series(lab.to_numpy(), index=pd.Index(o["id"].astype(str), name="org"))

    def label(self, person: str) -> str:
        """Display label of one person id."""
        return str(self.labels[self.resolve_person(person)])

    def resolve_person(self, key: str) -> str:
        """Return the person id for an id, a name or an English name (case-insensitive).

        Raises
        ------
        UnknownPersonError
            When nothing matches, or a name matches several people (the message lists them).

        Examples
        --------
        >>> import relgraph as rg
        >>> rg.datasets.tiny().resolve_person("ann")
        'p1'
        """
        key = str(key)
        if key in self.person_ids:
            return key
        folded = key.strip().casefold()
        people = self.people
        for col in ("name", "name_en"):
            hits = people.loc[people[col].fillna("").astype(str).str.casefold().eq(folded), "id"]
            if len(hits) == 1:
                return str(hits.iloc[0])
            if len(hits) > 1:
                ids = ", ".join(hits.astype(str))
                raise UnknownPersonError(key, detail=f"it names several people ({ids}); use an id")
        choices = [*self.person_ids, *people["name"].astype(str), *people["name_en"].astype(str)]
        raise UnknownPersonError(key, suggest(key, choices))

    def our_people(self) -> pd.Index:
        """Ids of people at orgs of kind ``us``."""
        return self.person_ids[self.party.eq("us").to_numpy()]

    def people_at(self, org: str) -> pd.Index:
        """Ids of the people at one org."""
        return self.person_ids[self.people["org"].astype(str).eq(org).to_numpy()]

    def do_not_contact(self) -> np.ndarray:
        """Boolean array: True for people flagged do-not-contact (blank counts as False)."""
        return self.people["do_not_contact"].fillna(False).to_numpy(dtype=bool)

    # ------------------------------------------------------------------ opportunities
    def resolve_opportunity(self, opportunity: str | None = None) -> str:
        """Return an opportunity id; with None, the only opportunity (error when several).

        Raises
        ------
        UnknownOpportunityError
        """
        known = self.opportunities["id"].astype(str).tolist()
        if opportunity is None:
            if len(known) == 1:
                return known[0]
            raise UnknownOpportunityError(None, known)
        if str(opportunity) not in known:
            raise UnknownOpportunityError(opportunity, known)
        return str(opportunity)

    def opportunity_roles(self, opportunity: str | None = None) -> pd.DataFrame:
        """Role rows of one opportunity, with ``power`` filled from the settings' defaults.

        Returns
        -------
        pandas.DataFrame
            Columns ``person, role, power, stage`` (one row per person and role).
        """
        opp = self.resolve_opportunity(opportunity)
        r = self.roles[self.roles["opportunity"].astype(str).eq(opp)]
        default = r["role"].map(lambda x: self.settings.role_power[x] if x else np.nan)
        power = r["power"].astype(float).fillna(default.astype(float))
        return pd.DataFrame(
            {
                "person": r["person"].astype(str).to_numpy(),
                "role": r["role"].to_numpy(),
                "power": power.to_numpy(),
                "stage": r["stage"].to_numpy(),
            }
        )

    def competitors_of(self, opportunity: str | None = None) -> list[str]:
        """Competitor org ids of an opportunity: listed ones, else every backed competitor."""
        opp = self.resolve_opportunity(opportunity)
        row = self.opportunities[self.opportunities["id"].astype(str).eq(opp)].iloc[0]
        listed = [c for c in str(row["competitors"] or "").split(";") if c]
        if listed:
            return listed
        backed = self.people["supports"].astype(str)
        return sorted(set(backed[backed.ne("")]))

    def account_of(self, opportunity: str | None = None) -> str:
        """Return the customer org id of an opportunity."""
        opp = self.resolve_opportunity(opportunity)
        return str(
            self.opportunities.loc[self.opportunities["id"].astype(str).eq(opp), "account"].iloc[0]
        )

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
        if "endpoints" not in self._shared:
            t = self.ties
            u = _positions(t["source"].astype(str), self.person_ids)
            v = _positions(t["target"].astype(str), self.person_ids)
            for found, col in ((u, "source"), (v, "target")):
                if (found < 0).any():
                    bad = str(t[col].iat[int(np.flatnonzero(found < 0)[0])])
                    raise UnknownPersonError(bad, suggest(bad, self.person_ids))
            self._shared["endpoints"] = (_frozen_array(u), _frozen_array(v))
        ends: tuple[np.ndarray, np.ndarray] = self._shared["endpoints"]
        return ends

    def tie_kind_codes(self) -> np.ndarray:
        """Each tie's kind as its position in :data:`TIE_KINDS` (read-only int8, cached).

        Examples
        --------
        >>> import relgraph as rg
        >>> from relgraph.network import TIE_KINDS
        >>> [TIE_KINDS[c] for c in rg.datasets.tiny().tie_kind_codes()[:2]]
        ['reports_to', 'reports_to']
        """
        if "kind_codes" not in self._shared:
            codes, uniques = pd.factorize(self.ties["kind"], use_na_sentinel=True)
            known = {k: i for i, k in enumerate(TIE_KINDS)}
            lookup = np.array([known.get(str(u), -1) for u in uniques] + [-1], dtype=np.int8)
            out = lookup[codes]  # codes == -1 (missing) picks the trailing -1
            if (out < 0).any():
                bad = str(self.ties["kind"].iat[int(np.flatnonzero(out < 0)[0])])
                raise ValueError(f"unknown tie kind {bad!r}; valid: {', '.join(TIE_KINDS)}")
            self._shared["kind_codes"] = _frozen_array(out)
        codes_out: np.ndarray = self._shared["kind_codes"]
        return codes_out

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
        if "edges" not in self._cache:
            u, v = self.endpoints()
            codes = self.tie_kind_codes()
            resolved, explicit, derived, basis = self._tie_strengths()
            self._cache["edges"] = pd.DataFrame(
                {
                    "u": u.copy(),
                    "v": v.copy(),
                    "kind": pd.Categorical.from_codes(codes, categories=pd.Index(TIE_KINDS)),
                    "strength": resolved,
                    "explicit": explicit,
                    "sensitive": self._tie_sensitive(),
                    "derived": derived,
                    "basis": pd.Categorical.from_codes(basis, categories=pd.Index(_BASIS)),
                },
                copy=False,
            )
        edges: pd.DataFrame = self._cache["edges"]
        return edges

    def _tie_sensitive(self) -> np.ndarray:
        """Per tie: given ``sensitive`` flag, else True for the settings' sensitive kinds."""
        if "tie_sensitive" not in self._cache:
            codes = self.tie_kind_codes()
            s = self.settings
            sens_kind = np.array([TieKind(k) in s.sensitive_tie_kinds for k in TIE_KINDS])
            flag = self.ties["sensitive"].astype("boolean")
            self._cache["tie_sensitive"] = _frozen_array(
                np.where(
                    flag.isna().to_numpy(),
                    sens_kind[codes],
                    flag.to_numpy(dtype=bool, na_value=False),
                )
            )
        out: np.ndarray = self._cache["tie_sensitive"]
        return out

    def _tie_strengths(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per tie: resolved strength, explicit flag, derived strength and basis code."""
        if "tie_strengths" not in self._cache:
            u, v = self.endpoints()
            codes = self.tie_kind_codes()
            s = self.settings
            default = np.array([float(s.tie_strength.get(TieKind(k), np.nan)) for k in TIE_KINDS])
            given = self.ties["strength"].to_numpy(dtype=float, na_value=np.nan)
            derived = self._derived_tie_strength(u, v, codes)
            explicit = ~np.isnan(given)
            use = ~explicit & ~np.isnan(derived)
            resolved = np.where(explicit, given, np.where(use, derived, default[codes]))
            basis = np.where(explicit, 0, np.where(use, 1, 2)).astype(np.int8)
            self._cache["tie_strengths"] = tuple(
                _frozen_array(a) for a in (resolved, explicit, derived, basis)
            )
        out: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] = self._cache["tie_strengths"]
        return out

    def _derived_tie_strength(self, u: np.ndarray, v: np.ndarray, codes: np.ndarray) -> np.ndarray:
        """Strength derived from the interactions log per tie (NaN where none), cached."""
        if len(self.interactions) == 0 or len(u) == 0:
            return np.full(len(u), np.nan)
        from relgraph import _touchpoints as tp

        if "touchpoint_pairs" not in self._shared:
            self._shared["touchpoint_pairs"] = tp.touchpoint_pairs(
                self.interactions, self.person_ids
            )
        _, day = tp.as_of_day(None, self.interactions)
        terms = tp.pair_strengths(
            self._shared["touchpoint_pairs"], self.n_people, self.settings, day
        )
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
            Add each tie in both directions.
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
        key = ("adj", kset, symmetric, include_sensitive, weight)
        if key not in self._cache:
            u, v = self.endpoints()
            mask: np.ndarray | None = None
            if kset is not None:
                wanted = np.array([TIE_KINDS.index(k) for k in kset], dtype=np.int8)
                mask = np.isin(self.tie_kind_codes(), wanted)
            if not include_sensitive:
                keep = ~self._tie_sensitive()
                mask = keep if mask is None else mask & keep
            if weight == "strength":
                w = self._tie_strengths()[0]
            else:
                w = np.ones(len(u))
            if mask is not None:
                u, v, w = u[mask], v[mask], w[mask]
            if symmetric:
                u, v, w = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
            self._cache[key] = _max_csr(u, v, w, self.n_people)
        mat: sp.csr_matrix = self._cache[key]
        return mat

    @property
    def graph(self) -> nx.MultiDiGraph:
        """Everything as a networkx MultiDiGraph (built on first use, then cached).

        Nodes are person ids with every ``people`` column as attributes plus ``label`` and
        ``party``; each tie is one edge from source to target (keyed by kind) with its
        columns as attributes, ``strength`` resolved and ``directed`` False for personal
        ties. Meant for interop and small-graph work; bulk algorithms use :meth:`adjacency`.
        """
        if "graph" not in self._cache:
            import networkx as nx

            g = nx.MultiDiGraph()
            people = self.people
            attrs = people.astype(object).where(people.notna(), None).to_dict("records")
            for pid, row, lab, party in zip(
                self.person_ids, attrs, self.labels, self.party, strict=True
            ):
                row["label"] = lab
                row["party"] = party
                g.add_node(pid, **row)
            ties = self.ties.astype(object).where(self.ties.notna(), None)
            e = self.edges
            for rec, s, sens in zip(
                ties.to_dict("records"), e["strength"], e["sensitive"], strict=True
            ):
                rec["strength"] = float(s)
                rec["sensitive"] = bool(sens)
                rec["directed"] = TieKind(rec["kind"]).directed
                g.add_edge(rec["source"], rec["target"], key=rec["kind"], **rec)
            self._cache["graph"] = g
        graph: nx.MultiDiGraph = self._cache["graph"]
        return graph


def _frozen_array(a: np.ndarray) -> np.ndarray:
    """Make an array read-only and return it (cached views must not be changed by callers)."""
    a.flags.writeable = False
    return a


def endpoints_from_codes(
    codes: Mapping[tuple[str, str], np.ndarray],
) -> tuple[np.ndarray, np.ndarray] | None:
    """Tie endpoint positions from validation's id codes, or None when it has none."""
    u, v = codes.get(("ties", "source")), codes.get(("ties", "target"))
    return None if u is None or v is None else (u, v)


def _max_csr(u: np.ndarray, v: np.ndarray, w: np.ndarray, n: int) -> sp.csr_matrix:
    """CSR matrix where duplicate (u, v) entries keep the maximum weight (NaN only if all are).

    Each entry's row and column are packed into one integer key ``u·n + v``. When the
    distinct weights are few enough to fit their rank in the key's spare low bits (the
    usual case: default strengths per kind, or strengths given to two decimals), the rank
    is packed below the key, so one plain sort orders the entries by (row, column, weight)
    and the last of each run holds the maximum. Otherwise an argsort of the key and
    ``np.fmax.reduceat`` over each run. Either way the CSR arrays are written directly, in
    canonical order (sorted indices, no duplicates): ten million ties take about a second
    in the packed case, a few seconds otherwise.
    """
    idx_dtype = np.int32 if n <= np.iinfo(np.int32).max else np.int64
    w = np.asarray(w, dtype=float)
    if len(u) == 0:
        return sp.csr_matrix((n, n), dtype=float)
    key = np.asarray(u, dtype=np.int64) * n + np.asarray(v, dtype=np.int64)
    key_bits = max(1, int(n * n - 1).bit_length())
    keys: np.ndarray | None = None
    sample = w[:: max(1, len(w) // 65_536)]
    if key_bits + 13 <= 64 and len(np.unique(sample)) <= 4_096:
        codes, uniq = pd.factorize(w, use_na_sentinel=True)  # NaN -> -1
        rank_bits = int(len(uniq)).bit_length()  # ranks 0 (NaN) .. len(uniq)
        if key_bits + rank_bits <= 64:
            order = np.argsort(uniq)
            rank_of = np.zeros(len(uniq) + 1, dtype=np.uint64)  # trailing 0 for NaN
            rank_of[order] = np.arange(1, len(uniq) + 1, dtype=np.uint64)
            shift = np.uint64(rank_bits)
            packed = np.sort((key.view(np.uint64) << shift) | rank_of[codes])
            run_keys = packed >> shift
            last = np.ones(len(packed), dtype=bool)
            last[:-1] = run_keys[1:] != run_keys[:-1]
            keys = run_keys[last].view(np.int64)
            top = (packed[last] & np.uint64((1 << rank_bits) - 1)).astype(np.intp)
            data = np.concatenate([[np.nan], np.asarray(uniq, dtype=float)[order]])[top]
    if keys is None:
        order = np.argsort(key, kind="stable")
        ks = key[order]
        first = np.ones(len(ks), dtype=bool)
        first[1:] = ks[1:] != ks[:-1]
        starts = np.flatnonzero(first)
        keys, data = ks[starts], np.fmax.reduceat(w[order], starts)
    rows, cols = np.divmod(keys, n)
    indptr = np.zeros(n + 1, dtype=idx_dtype)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    mat = sp.csr_matrix((data, cols.astype(idx_dtype), indptr), shape=(n, n), copy=False)
    mat.has_sorted_indices = True
    return mat

"""RelationshipNetwork: the validated tables (the source of truth) and cached graph views."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from relgraph._netsummary import NetworkSummary
from relgraph._netviews import NetworkViews
from relgraph.errors import UnknownOpportunityError, UnknownPersonError
from relgraph.io.collect import index_positions
from relgraph.io.convert import empty_column
from relgraph.io.read import read_frames
from relgraph.io.schema import SCHEMAS
from relgraph.io.validate import validate_tables
from relgraph.model import Settings
from relgraph.textvec import take_text
from relgraph.views import TIE_KINDS, frozen, label_text
from relgraph.vocab import suggest

if TYPE_CHECKING:
    pass

__all__ = ["TIE_KINDS", "RelationshipNetwork"]

_TABLES = ("orgs", "people", "ties", "opportunities", "roles", "affiliations", "interactions")

_T = TypeVar("_T")


class RelationshipNetwork(NetworkSummary, NetworkViews):
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
    tie_kinds : int array, optional
        Each tie's kind as its position in :data:`TIE_KINDS`, as found by validation
        (``codes[("ties", "kind")]``); computed on first use when omitted.

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
        tie_kinds: np.ndarray | None = None,
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
                    {c.name: empty_column(c, 0) for c in schema.columns}
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
                self._shared["endpoints"] = (frozen(u), frozen(v))
        if tie_kinds is not None:
            k = np.asarray(tie_kinds, dtype=np.int8)
            if len(k) == len(self._tables["ties"]) and (k >= 0).all():
                self._shared["kind_codes"] = frozen(k)

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
        return cls(
            tables,
            settings=settings,
            endpoints=endpoints_from_codes(codes),
            tie_kinds=codes.get(("ties", "kind")),
        )

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

    def memo(self, key: Hashable, build: Callable[[], _T]) -> _T:
        """Return the value cached under ``key``, building it once with ``build()``.

        The one cache of derived results (views that depend on the settings, and analysis
        results such as the influence solve): analyses call this instead of keeping caches
        of their own. Keys are tuples whose first item names the module that owns them
        (``("paths.graph", …)``). The network's tables never change, so a value stays valid
        for the network's life; :meth:`with_settings` starts with an empty cache.

        Examples
        --------
        >>> import relgraph as rg
        >>> net = rg.datasets.tiny()
        >>> net.memo(("doc", "answer"), lambda: 42), net.memo(("doc", "answer"), lambda: 0)
        (42, 42)
        """
        if key not in self._cache:
            self._cache[key] = build()
        value: _T = self._cache[key]
        return value

    @property
    def as_of(self) -> _dt.date:
        """The date analyses measure against by default: ``settings.as_of``, else today."""
        return self.settings.as_of or _dt.date.today()

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
        """Write every table as ``<table>.csv`` (UTF-8) into ``folder``; return the folder.

        Written atomically, never over the files the network was loaded from; text that a
        spreadsheet would run as a formula is stored as text (see :mod:`relgraph.io.encode`).
        """
        from relgraph.io.write import write_csv_folder

        return write_csv_folder(self._tables, folder, inputs=self._inputs())

    def to_excel(self, path: str | Path) -> Path:
        """Write every table as a sheet of one ``.xlsx`` workbook; return the path.

        Written atomically, never over the files the network was loaded from; no cell is a
        formula.
        """
        from relgraph.io.write import write_excel

        return write_excel(self._tables, path, inputs=self._inputs())

    def _inputs(self) -> tuple[str, ...]:
        """Return the file or folder the network was loaded from (none for DataFrames)."""
        return () if self.source.startswith("<") else (self.source,)

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
        if len(many) <= _FEW_IDS:  # a hash lookup each: no index of the ids to build
            found = [self._position(x) for x in many]
            if all(p >= 0 for p in found):
                return np.array(found, dtype=np.intp)
        pos = self.person_ids.get_indexer(pd.Index(many))
        if (pos < 0).any():
            bad = many[int(np.flatnonzero(pos < 0)[0])]
            raise UnknownPersonError(bad, suggest(bad, self.person_ids))
        return pos

    def find_ids(self, ids: Sequence[str]) -> np.ndarray:
        """Positions of person ids, -1 for an id that is not one (no error, no names).

        One pass of everyone's id over the distinct ids asked about (Arrow's ``index_in``),
        not a hash of every id: a thousand ids among a million people cost one scan.
        :meth:`index_of` is the checked lookup (it raises for an unknown id).

        Examples
        --------
        >>> import relgraph as rg
        >>> rg.datasets.tiny().find_ids(["p2", "nobody", "p1", "p2"]).tolist()
        [1, -1, 0, 1]
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        wanted, back = np.unique(np.asarray(list(ids), dtype=object), return_inverse=True)
        hit = pc.index_in(pa.array(self.person_ids.array), value_set=pa.array(wanted, pa.string()))
        hit = pc.fill_null(hit, -1).to_numpy(zero_copy_only=False)
        found = np.full(len(wanted), -1, dtype=np.int64)
        found[hit[hit >= 0]] = np.flatnonzero(hit >= 0)  # ids are distinct: one person each
        out: np.ndarray = found[back.reshape(-1)]
        return out

    def _position(self, pid: Any) -> int:
        """Return the position of one id (-1 when unknown or not unique)."""
        try:
            loc = self.person_ids.get_loc(pid)
        except (KeyError, TypeError):
            return -1
        return int(loc) if isinstance(loc, (int, np.integer)) else -1

    @cached_property
    def party(self) -> pd.Series:
        """Each person's org kind (customer, us, competitor, partner, other), by person id."""
        org_ids = pd.Index(self.orgs["id"].astype(str))
        pos = index_positions(self.people["org"].astype(str), org_ids)
        if len(pos) and pos.min() >= 0 and org_ids.is_unique:  # one hash lookup, one take
            kinds = pd.Index(self.orgs["kind"].astype(str))
            return pd.Series(take_text(kinds, pos), index=self.person_ids, name="party")
        kind = pd.Series(self.orgs["kind"].to_numpy(), index=org_ids)
        return pd.Series(
            self.people["org"].astype(str).map(kind).to_numpy(), index=self.person_ids, name="party"
        )

    @cached_property
    def labels(self) -> pd.Series:
        """Display label per person, in the name order of ``settings.language``.

        English: ``name (name_en)`` when an English rendering is given; Chinese: the name
        alone when it is written in Chinese characters (:func:`relgraph.locale.person_label`).
        """
        lab = label_text(self.people["name"], self.people["name_en"], lang=self.settings.language)
        return pd.Series(lab, index=self.person_ids, name="label")

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
        lab = label_text(o["name"], o["name_en"], lang=self.settings.language)
        return pd.Series(lab, index=pd.Index(o["id"].astype(str), name="org"), name="label")

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
        """Boolean array: True for people flagged do-not-contact (blank counts as False).

        Built once per network and read-only (copy it to change it).
        """

        def build() -> np.ndarray:
            flags = self.people["do_not_contact"].fillna(False).to_numpy(dtype=bool)
            flags.flags.writeable = False
            return flags

        return self._table_view("do_not_contact", build)

    # ------------------------------------------------------------------ relationships
    def _table_view(self, key: str, build: Callable[[], _T]) -> _T:
        """Cache a view that depends on the tables only (shared with settings copies)."""
        if key not in self._shared:
            self._shared[key] = build()
        value: _T = self._shared[key]
        return value

    def _has_table_view(self, *keys: str) -> bool:
        """Whether any of these table views is built (asked, never written, by the views)."""
        return any(k in self._shared for k in keys)

    # ------------------------------------------------------------------ opportunities
    def resolve_opportunity(self, opportunity: str | None = None) -> str:
        """Return an opportunity id; with None, the only opportunity (error when several).

        Raises
        ------
        UnknownOpportunityError
        """
        known = list(self._opportunity_records())
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
        row = self._opportunity_records()[self.resolve_opportunity(opportunity)]
        listed = [c for c in str(row["competitors"] or "").split(";") if c]
        if listed:
            return listed
        backed = self.people["supports"].astype(str)
        return sorted(set(backed[backed.ne("")]))

    def account_of(self, opportunity: str | None = None) -> str:
        """Return the customer org id of an opportunity."""
        return str(self._opportunity_records()[self.resolve_opportunity(opportunity)]["account"])

    def _opportunity_records(self) -> dict[str, dict[str, Any]]:
        """Each opportunity's row as a plain dict, by id (the first row of a repeated id)."""

        def build() -> dict[str, dict[str, Any]]:
            out: dict[str, dict[str, Any]] = {}
            for row in self.opportunities.to_dict("records"):
                out.setdefault(str(row["id"]), {str(k): v for k, v in row.items()})
            return out

        return self._table_view("opportunity_records", build)


#: Up to this many ids, :meth:`RelationshipNetwork.index_of` looks each one up on its own.
_FEW_IDS = 8


def endpoints_from_codes(
    codes: Mapping[tuple[str, str], np.ndarray],
) -> tuple[np.ndarray, np.ndarray] | None:
    """Tie endpoint positions from validation's id codes, or None when it has none."""
    u, v = codes.get(("ties", "source")), codes.get(("ties", "target"))
    return None if u is None or v is None else (u, v)

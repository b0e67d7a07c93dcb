"""Coverage: where we are weaker than a competitor, rule by rule (DOMAIN.md §5)."""

from __future__ import annotations

import collections
import copy
import datetime as _dt
import html
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.analysis.factions import faction_membership
from relgraph.analysis.influence import hidden_influencers, leverage, support_index
from relgraph.analysis.sponsors import _tie_kinds
from relgraph.model import Role, Settings, TieKind
from relgraph.network import RelationshipNetwork
from relgraph.text import say

__all__ = [
    "GAP_COLUMNS",
    "MATRIX_NAME",
    "PEOPLE_COLUMNS",
    "RULES",
    "SUMMARY_COLUMNS",
    "CoverageReport",
    "coverage",
]

#: Minimum attitude of a supporter of ours (on −3..+3).
SUPPORTER = 1
#: At most this many level-parity candidates are named per competitor (best first).
MAX_CANDIDATES = 10
#: Above this many account people, factions are skipped unless asked for.
_FACTIONS_MAX = 1_000

#: Gap rules: id → (default severity, what the rule checks). Severity of some rules rises
#: with the person's power (see :func:`coverage`).
RULES: Mapping[str, tuple[str, str]] = {
    "level_parity": ("high", "a competitor's top supporter outranks our top supporter"),
    "no_decider_support": ("high", "no decider or approver supports us"),
    "uncovered_role": ("high", "a role holder has no owner on our team"),
    "unmanaged_opponent": ("high", "an opponent with high leverage has no owner"),
    "no_supporter_in_role": ("medium", "a competitor has a supporter in a role where we have none"),
    "key_players_against": ("medium", "the decider supports us but most key players do not"),
    "faction_without_supporter": ("medium", "a faction holding decision power has no supporter"),
    "single_threaded": ("medium", "a key person has one owner (A/B rule)"),
    "few_channels": ("medium", "a key person has fewer than two independent channels"),
    "no_competitor_supporter": ("medium", "no supporter of a competitor identified"),
    "level_mismatch": ("low", "a key person's owners all sit below their level"),
    "open_issue": ("medium", "a key person has a customer issue open for too long"),
    "stale_contact": ("low", "a covered role holder has had no logged contact for too long"),
    "stale_attitude": ("low", "an attitude has not been assessed for too long"),
}
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

#: Columns of :attr:`CoverageReport.people`.
PEOPLE_COLUMNS = [
    "person",
    "name",
    "org",
    "title",
    "level",
    "roles",
    "power",
    "attitude",
    "backs",
    "backing",
    "leverage",
    "hidden",
    "owners",
    "n_owners",
    "channels",
    "n_channels",
    "route_strength",
    "route",
    "last_contact",
    "updated",
    "stale",
    "do_not_contact",
    "faction",
    "why",
]

#: Columns of :attr:`CoverageReport.gaps`.
GAP_COLUMNS = ["rule", "severity", "person", "name", "competitor", "candidates", "why"]

#: Columns of :attr:`CoverageReport.summary`.
SUMMARY_COLUMNS = [
    "party",
    "name",
    "kind",
    "index",
    "supporters",
    "power_share",
    "top_supporter",
    "top_level",
    "many",
    "deep",
    "long_years",
    "why",
]

#: Names of the axes of :attr:`CoverageReport.matrix`.
MATRIX_NAME = ("our level", "their level")


@dataclass(frozen=True, eq=False)
class CoverageReport:
    """What :func:`coverage` found for one opportunity.

    Attributes
    ----------
    opportunity : str
        The opportunity id.
    as_of : datetime.date
        The date ages (stale attitudes, tie ages) are measured against.
    people : pandas.DataFrame
        One row per key person (role holders, hidden influencers, competitors' supporters,
        level-parity candidates); columns :data:`PEOPLE_COLUMNS`.
    gaps : pandas.DataFrame
        One row per broken rule, most severe first; columns :data:`GAP_COLUMNS`.
    summary : pandas.DataFrame
        One row per party (us, then each competitor); columns :data:`SUMMARY_COLUMNS`.
    matrix : pandas.DataFrame
        Level × level: rows our people's level, columns the account's people's level;
        each cell counts the pairs with a direct, non-sensitive tie (the organisational
        layer: executives should meet executives).
    factions : pandas.DataFrame
        The account's factions with the decision power each holds in this opportunity.
    notes : tuple of str
        What the report could not do or left out (e.g. missing interaction data).

    Examples
    --------
    >>> import relgraph as rg
    >>> rep = rg.coverage(rg.datasets.tiny(), as_of="2026-01-01")
    >>> rep
    CoverageReport('O1', as of 2026-01-01: 4 key people, 9 gaps (4 high, 4 medium, 1 low))
    >>> rep.summary[["party", "index", "supporters"]].round(3)
      party  index  supporters
    0    us  0.068           2
    1     R  0.748           1
    """

    opportunity: str
    as_of: _dt.date
    people: pd.DataFrame
    gaps: pd.DataFrame
    summary: pd.DataFrame
    matrix: pd.DataFrame
    factions: pd.DataFrame
    notes: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        counts = self.gaps["severity"].value_counts()
        parts = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in _SEVERITY_ORDER)
        return (
            f"CoverageReport({self.opportunity!r}, as of {self.as_of}: {len(self.people)} "
            f"key people, {len(self.gaps)} gaps ({parts}))"
        )

    def _repr_html_(self) -> str:
        def table(frame: pd.DataFrame) -> str:
            return frame.to_html(index=False, escape=True, na_rep="")

        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<h4>{html.escape(say('cov_title', opportunity=self.opportunity, as_of=self.as_of))}"
            f"</h4><h5>{html.escape(say('cov_gaps'))}</h5>{table(self.gaps)}"
            f"<h5>{html.escape(say('cov_summary'))}</h5>{table(self.summary)}"
            f"<h5>{html.escape(say('cov_matrix'))}</h5>"
            f"{self.matrix.to_html(escape=True)}"
            f"<h5>{html.escape(say('cov_people'))}</h5>{table(self.people)}"
            + (f"<ul>{notes}</ul>" if notes else "")
        )


# --------------------------------------------------------------------------- context
class _Ctx:
    """Everything the rules share, computed once per network and opportunity."""

    def __init__(
        self,
        net: RelationshipNetwork,
        opportunity: str | None,
        settings: Settings,
        as_of: _dt.date,
    ) -> None:
        self.net = net
        self.s = settings
        self.opp = net.resolve_opportunity(opportunity)
        self.account = net.account_of(self.opp)
        self.competitors = net.competitors_of(self.opp)
        self.as_of = as_of
        ids = net.person_ids
        ppl = net.people
        self.ids_a = ids.to_numpy(dtype=object)
        id_list = [str(x) for x in self.ids_a.tolist()]
        self.pos = dict(zip(id_list, range(len(id_list)), strict=True))
        self.people = ppl.set_index(ids)
        # numpy views (positional) for the vectorised rules, pandas views by id, and plain
        # dicts for the per-person lookups in the texts (pandas scalar access is slow with
        # Arrow-backed strings, so nothing below iterates over a pandas column).
        self.lvl_a = ppl["level"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        self.att_a = ppl["attitude"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        self.backing_a = ppl["support"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        self.backs_a = ppl["supports"].fillna("").astype(str).to_numpy(dtype=object)
        self.org_a = ppl["org"].astype(str).to_numpy(dtype=object)
        self.party_a = net.party.astype(str).to_numpy(dtype=object)
        self.dnc_a = net.do_not_contact()
        self.acct_a = self.org_a == self.account
        self.level = pd.Series(pd.array(self.lvl_a, dtype="Float64"), index=ids)
        self.attitude = pd.Series(pd.array(self.att_a, dtype="Float64"), index=ids)
        self.backs = pd.Series(self.backs_a, index=ids)
        self.backing = pd.Series(pd.array(self.backing_a, dtype="Float64"), index=ids)
        self.org = pd.Series(self.org_a, index=ids)
        self.party = net.party
        self.dnc = pd.Series(self.dnc_a, index=ids)
        roles = net.opportunity_roles(self.opp)
        roles["role"] = roles["role"].astype(str)
        roles["person"] = roles["person"].astype(str)
        self.roles = roles
        self.power = roles.groupby("person")["power"].max()
        self.power.index = self.power.index.astype(str)
        ordered = roles.sort_values(["person", "power", "role"], ascending=[True, False, True])
        self.roles_text = (
            ordered.drop_duplicates(["person", "role"]).groupby("person")["role"].agg(", ".join)
        )
        t = net.ties
        kind = t["kind"].astype(str).to_numpy(dtype=object)
        src = t["source"].astype(str).to_numpy(dtype=object)
        dst = t["target"].astype(str).to_numpy(dtype=object)
        ours = set(net.our_people().astype(str))
        is_ours = np.array([x in ours for x in src.tolist()], dtype=bool)
        self.owners = _grouped(src, dst, (kind == "covers") & is_ours)
        self.informs = _grouped(src, dst, kind == "informs")
        rep = kind == "reports_to"
        self.boss: dict[str, str] = {}
        for a_, b_ in zip(src[rep].tolist(), dst[rep].tolist(), strict=True):
            self.boss.setdefault(a_, b_)
        # derived once and shared by the copies :meth:`of` hands out (reports matrix,
        # level-parity results, id ranks)
        self.memo: dict[Any, Any] = {}
        self.comp_names = _org_names(net)
        self.lvl_d = dict(
            zip(id_list, [None if v != v else int(v) for v in self.lvl_a.tolist()], strict=True)
        )
        self.att_d = dict(
            zip(id_list, [None if v != v else float(v) for v in self.att_a.tolist()], strict=True)
        )
        self.backs_d = dict(zip(id_list, self.backs_a.tolist(), strict=True))
        self.power_d = {str(k): float(v) for k, v in self.power.items()}
        self.labels_d = dict(zip(id_list, net.labels.astype(str).tolist(), strict=True))
        self.title_d = dict(zip(id_list, ppl["title"].fillna("").astype(str).tolist(), strict=True))

    @classmethod
    def of(
        cls,
        net: RelationshipNetwork,
        opportunity: str | None,
        settings: Settings,
        as_of: _dt.date,
    ) -> _Ctx:
        """Return the context, reusing the one cached on the network for its own settings."""
        if settings is not net.settings:
            return cls(net, opportunity, settings, as_of)
        key = ("coverage_ctx", net.resolve_opportunity(opportunity))
        base = net._cache.get(key)
        if not isinstance(base, cls):
            base = cls(net, opportunity, settings, as_of)
            net._cache[key] = base
        ctx = copy.copy(base)
        ctx.as_of = as_of
        return ctx

    def mask(self, pids: Iterable[str]) -> np.ndarray:
        """Return a boolean array over everyone, True for ``pids``."""
        out = np.zeros(len(self.ids_a), dtype=bool)
        out[[self.pos[p] for p in pids]] = True
        return out

    def below(self, pid: str) -> np.ndarray:
        """Return a boolean array over everyone: True for who reports to ``pid``, at any depth."""
        reports = self.memo.get("reports")
        if reports is None:
            n = len(self.ids_a)
            subs = [self.pos[a_] for a_ in self.boss]
            bosses = [self.pos[b_] for b_ in self.boss.values()]
            reports = sp.csr_matrix(
                (np.ones(len(subs)), (np.array(bosses, dtype=np.int64), np.array(subs))),
                shape=(n, n),
            )
            self.memo["reports"] = reports
        indptr, indices = reports.indptr, reports.indices
        out = np.zeros(len(self.ids_a), dtype=bool)
        frontier = np.array([self.pos[pid]], dtype=np.int64)
        while len(frontier):  # breadth-first, one level of reports per round
            lo, hi = indptr[frontier], indptr[frontier + 1]
            lens = hi - lo
            if not lens.sum():
                break
            idx = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
            kids = np.unique(indices[idx])
            kids = kids[~out[kids]]
            out[kids] = True
            frontier = kids
        out[self.pos[pid]] = False
        return out

    def id_rank(self) -> np.ndarray:
        """Each person's position in id order (an integer stand-in for id tie-breaks)."""
        rank = self.memo.get("id_rank")
        if rank is None:
            rank = np.empty(len(self.ids_a), dtype=np.int64)
            rank[np.argsort(self.ids_a.astype(str), kind="stable")] = np.arange(len(self.ids_a))
            self.memo["id_rank"] = rank
        out: np.ndarray = rank
        return out

    def chain(self, pid: str) -> list[str]:
        """Return the person's bosses, nearest first (stops at a cycle)."""
        out: list[str] = []
        seen = {pid}
        cur = self.boss.get(pid)
        while cur is not None and cur not in seen:
            out.append(cur)
            seen.add(cur)
            cur = self.boss.get(cur)
        return out

    def lvl(self, pid: str) -> int | None:
        return self.lvl_d.get(pid)

    def att(self, pid: str) -> float | None:
        return self.att_d.get(pid)

    def title(self, pid: str) -> str:
        return self.title_d.get(pid, "")

    def who(self, pid: str) -> str:
        """Label with title: 'Wang Zhiyuan (CEO)'."""
        lab = str(self.labels_d[pid])
        t = self.title(pid)
        return f"{lab}, {t}" if t else lab

    def independent(self, channels: Iterable[str]) -> list[str]:
        """Channels none of whose bosses (direct or not) is another channel."""
        chans = list(dict.fromkeys(channels))
        cset = set(chans)
        return [c for c in chans if not (set(self.chain(c)) & (cset - {c}))]


def _org_names(net: RelationshipNetwork) -> dict[str, str]:
    en = net.orgs["name_en"].fillna("").astype(str)
    name = en.where(en.ne(""), net.orgs["name"].astype(str))
    return dict(zip(net.orgs["id"].astype(str), name, strict=True))


def _grouped(src: np.ndarray, dst: np.ndarray, mask: np.ndarray) -> dict[str, list[str]]:
    """Map each target to its sorted, distinct sources over the masked ties."""
    out: dict[str, list[str]] = {}
    for a_, b_ in sorted(set(zip(dst[mask].tolist(), src[mask].tolist(), strict=True))):
        out.setdefault(a_, []).append(b_)
    return out


def _rows(frame: pd.DataFrame) -> Iterator[Any]:
    """Return ``frame.itertuples(index=False)``, read column by column.

    Same values and types; much faster on Arrow-backed text columns, which pandas
    otherwise iterates one element at a time.
    """
    row = collections.namedtuple("Row", list(frame.columns), rename=True)  # type: ignore[misc]
    return map(row._make, zip(*[frame[c].tolist() for c in frame.columns], strict=True))


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """Return a function of a sibling analysis module, or None when it is absent."""
    try:
        mod = importlib.import_module(f"relgraph.analysis.{module}")
    except ImportError:
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


# --------------------------------------------------------------------------- reach
class _Reach:
    """Best route from our whole team to everyone, from one hop-bounded multi-source search.

    Same contact graph as :func:`relgraph.routes_to_many` (``net.adjacency(symmetric=True)``,
    strongest tie per pair; sensitive ties only when asked; never through or to a
    do-not-contact person; our people only at the start; at most ``settings.max_hops``
    hops). Route strength is the product of the hop strengths, found as the shortest path
    on −log strength by ``max_hops`` rounds of vectorised Bellman–Ford relaxation.
    """

    def __init__(self, net: RelationshipNetwork, include_sensitive: bool) -> None:
        n = net.n_people
        self.net = net
        self.include_sensitive = bool(include_sensitive)
        adj = net.adjacency(symmetric=True, include_sensitive=include_sensitive).tocoo()
        ours = net.party.eq("us").to_numpy()
        dnc = net.do_not_contact()
        u, v, st = adj.row.astype(np.int64), adj.col.astype(np.int64), adj.data.astype(float)
        keep = (st > 0) & ~dnc[u] & ~dnc[v] & ~ours[v]
        u, v, st = u[keep], v[keep], st[keep]
        cost = -np.log(st)
        dist = np.full(n, np.inf)
        src = np.full(n, -1, dtype=np.int64)
        start = np.flatnonzero(ours & ~dnc)
        dist[start] = 0.0
        src[start] = start
        # per round: who improved, through whom, over which tie strength
        self.pred: list[np.ndarray] = []
        self.hop_s: list[np.ndarray] = []
        self.improved: list[np.ndarray] = []
        changed = np.zeros(n, dtype=bool)
        changed[start] = True
        for _ in range(int(net.settings.max_hops)):
            e = changed[u]
            if not e.any():
                break
            eu, ev, cand = u[e], v[e], dist[u[e]] + cost[e]
            order = np.lexsort((eu, cand, ev))  # per target: cheapest, then lowest id
            eu, ev, cand, es = eu[order], ev[order], cand[order], st[e][order]
            first = np.ones(len(ev), dtype=bool)
            first[1:] = ev[1:] != ev[:-1]
            eu, ev, cand, es = eu[first], ev[first], cand[first], es[first]
            better = cand < dist[ev] - 1e-12
            eu, ev, cand, es = eu[better], ev[better], cand[better], es[better]
            pred = np.full(n, -1, dtype=np.int64)
            hop = np.zeros(n)
            pred[ev], hop[ev] = eu, es
            new_src = src.copy()
            new_src[ev] = src[eu]
            dist = dist.copy()
            dist[ev] = cand
            src = new_src
            changed = np.zeros(n, dtype=bool)
            changed[ev] = True
            self.pred.append(pred)
            self.hop_s.append(hop)
            self.improved.append(changed)
        self.strength = np.where(np.isfinite(dist), np.exp(-dist), 0.0)
        self.strength[ours] = 0.0
        self.source = np.where(ours, -1, src)

    def path(self, i: int) -> tuple[list[int], list[float]]:
        """Return the best route to ``i``: positions from our person to ``i``, hop strengths."""
        if self.strength[i] <= 0:
            return [], []
        nodes, hops = [i], []
        node, level = i, len(self.pred) - 1
        while level >= 0:
            if self.improved[level][node]:
                hops.append(float(self.hop_s[level][node]))
                node = int(self.pred[level][node])
                nodes.append(node)
            level -= 1
        return nodes[::-1], hops[::-1]

    def text(self, i: int, labels: Mapping[str, str] | np.ndarray) -> str:
        """Describe the best route to ``i`` as 'A —friend 0.80→ B …' ('' when none)."""
        return self.texts([i], labels)[0]

    def texts(self, idx: Iterable[int], labels: Mapping[str, str] | np.ndarray) -> list[str]:
        """:meth:`text` for many people at once (one vectorised lookup of every hop's kind)."""
        paths = [self.path(int(i)) for i in idx]
        src = [a_ for nodes, _ in paths for a_ in nodes[:-1]]
        dst = [b_ for nodes, _ in paths for b_ in nodes[1:]]
        kinds = iter(_tie_kinds(self.net, np.array(src), np.array(dst), self.include_sensitive))
        lab = self.net.labels.to_numpy() if not isinstance(labels, np.ndarray) else labels
        out: list[str] = []
        for nodes, hops in paths:
            if not nodes:
                out.append("")
                continue
            parts = [str(lab[nodes[0]])]
            for node, h in zip(nodes[1:], hops, strict=True):
                kind = next(kinds).replace("_", " ")
                parts.append(say("cov_route_hop", kind=kind, strength=h, who=str(lab[node])))
            out.append("".join(parts))
        return out


def _reach(net: RelationshipNetwork, include_sensitive: bool) -> _Reach:
    """Return the :class:`_Reach` of a network (cached on it)."""
    key = ("coverage_reach", bool(include_sensitive))
    r = net._cache.get(key)
    if not isinstance(r, _Reach):
        r = _Reach(net, include_sensitive)
        net._cache[key] = r
    return r


# --------------------------------------------------------------------------- parity
def _sway_on(ctx: _Ctx, target: str, include_sensitive: bool) -> dict[str, tuple[float, str]]:
    """Direct sway of each person on ``target``: (weight, tie kind) from the settings."""
    e = ctx.net.edges
    ids = ctx.net.person_ids
    ti = int(ctx.net.index_of(target)[0])
    u, v = e["u"].to_numpy(), e["v"].to_numpy()
    mask = (u == ti) | (v == ti)
    if not include_sensitive:
        mask &= ~e["sensitive"].to_numpy()
    out: dict[str, tuple[float, str]] = {}
    w = ctx.s.influence_weight
    for uu, vv, k, st in zip(u[mask], v[mask], e["kind"][mask], e["strength"][mask], strict=True):
        kind = TieKind(str(k))
        if kind is TieKind.INFLUENCES:
            weight = float(st) if vv == ti else 0.0
        else:
            fwd, bwd = w.get(kind, (0.0, 0.0))
            weight = float(fwd) if vv == ti else float(bwd)
        if kind is TieKind.REPORTS_TO:
            continue  # bosses come from the reporting chain below; reports never constrain
        other = str(ids[uu if vv == ti else vv])
        if other != target and weight > out.get(other, (0.0, ""))[0]:
            out[other] = (weight, str(kind))
    # Bosses further up the line sway through the chain: weight = boss weight ** distance.
    boss_w = float(w.get(TieKind.REPORTS_TO, (0.2, 0.6))[1])
    for d, b in enumerate(ctx.chain(target), start=1):
        if boss_w**d > out.get(b, (0.0, ""))[0]:
            out[b] = (boss_w**d, "reports_to")
    return out


def _parity(
    ctx: _Ctx, lev: pd.Series, include_sensitive: bool
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """Level-parity gaps, and per competitor the people who could restore parity.

    Memoised on the context (shared by :meth:`_Ctx.of` copies, so coverage and targets
    on one network compute it once): ``lev`` is always the leverage of the context's
    network, opportunity and settings, and nothing here depends on ``as_of``.
    """
    key = ("parity", bool(include_sensitive))
    if key not in ctx.memo:
        ctx.memo[key] = _parity_uncached(ctx, lev, include_sensitive)
    gaps, cands = ctx.memo[key]
    return [dict(g) for g in gaps], {c: list(p) for c, p in cands.items()}


def _parity_uncached(
    ctx: _Ctx, lev: pd.Series, include_sensitive: bool
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    gaps: list[dict[str, Any]] = []
    candidates_all: dict[str, list[str]] = {}
    acct = ctx.acct_a
    has_lvl = ~np.isnan(ctx.lvl_a)
    lvl0 = np.nan_to_num(ctx.lvl_a, nan=99.0)
    sup = acct & (np.nan_to_num(ctx.att_a, nan=-9.0) >= SUPPORTER) & has_lvl
    ours_i = np.flatnonzero(sup)
    levv = lev.reindex(ctx.ids_a).fillna(0.0).to_numpy(dtype=float)
    for comp in ctx.competitors:
        theirs_i = np.flatnonzero(acct & (ctx.backs_a == comp) & has_lvl)
        if not len(theirs_i):
            continue
        power = np.array([ctx.power_d.get(str(ctx.ids_a[i]), 0.0) for i in theirs_i])
        first = np.lexsort(
            (
                ctx.ids_a[theirs_i],
                -power,
                -np.nan_to_num(ctx.backing_a[theirs_i], nan=0.0),
                lvl0[theirs_i],
            )
        )[0]
        top = str(ctx.ids_a[theirs_i[first]])
        top_lvl = ctx.lvl(top)
        sway = _sway_on(ctx, top, include_sensitive)
        under_m = ctx.below(top)
        above = set(ctx.chain(top))
        ours_ids = ctx.ids_a[ours_i]
        in_line = under_m[ours_i]
        # at parity: one of ours is T's boss, sways T, or sits at T's level or above
        # without reporting to T (someone in T's line is weaker even at the same level).
        strong = (
            ctx.mask(above | {k for k, (w, _) in sway.items() if w > 0})[ours_i]
            | (lvl0[ours_i] <= (top_lvl if top_lvl is not None else -1))
        ) & ~in_line
        if strong.any():
            continue
        # Candidates: people who can constrain their supporter (bosses, people who sway
        # them, anyone in the account at a higher level), never do-not-contact people, our
        # or competitor staff, or anyone backing a competitor.
        pool = acct & (lvl0 < (top_lvl or 0))
        pool_i = set(np.flatnonzero(pool).tolist()) | {ctx.pos[p] for p in sway}
        idx = np.array(sorted(pool_i), dtype=np.int64)
        att = ctx.att_a[idx]
        keep = (
            ~ctx.dnc_a[idx]
            & (ctx.party_a[idx] != "us")
            & (ctx.party_a[idx] != "competitor")
            & (ctx.backs_a[idx] == "")
            & (np.isnan(att) | (np.nan_to_num(att) > -1))
            & (ctx.ids_a[idx] != top)
            & ~under_m[idx]
        )
        idx = idx[keep]
        sw = np.array([sway.get(str(ctx.ids_a[i]), (0.0, ""))[0] for i in idx], dtype=float)
        order = np.lexsort((ctx.ids_a[idx], -levv[idx], np.nan_to_num(ctx.lvl_a[idx], nan=9), -sw))
        cands = [str(x) for x in ctx.ids_a[idx[order]][:MAX_CANDIDATES]]
        n_more = max(0, len(idx) - MAX_CANDIDATES)
        candidates_all[comp] = cands
        if len(ours_i):
            bi = ours_i[np.lexsort((ours_ids, -ctx.att_a[ours_i], lvl0[ours_i]))[0]]
            best = str(ctx.ids_a[bi])
            if under_m[bi]:
                chain = ctx.chain(best)
                between = chain[: chain.index(top)]
                via = (
                    say("cov_via_people", people=", ".join(str(ctx.labels_d[b]) for b in between))
                    if between
                    else ""
                )
                ours_text = say(
                    "cov_parity_ours_below",
                    ours=ctx.who(best),
                    level=ctx.lvl(best),
                    theirs=ctx.labels_d[top],
                    via=via,
                )
            else:
                ours_text = say("cov_parity_ours_lower", ours=ctx.who(best), level=ctx.lvl(best))
        else:
            ours_text = say("cov_parity_ours_none")
        need = max(1, (top_lvl or 2) - 1)
        need_text = say("cov_level_board") if need == 1 else say("cov_level_n", level=need)
        cand_text = (
            "; ".join(_cand_phrase(ctx, p, sway) for p in cands)
            if cands
            else say("cov_parity_no_candidate")
        )
        if n_more:
            cand_text += say("cov_parity_more", n=n_more)
        gaps.append(
            _gap(
                ctx,
                "level_parity",
                "high",
                top,
                comp,
                cands,
                say(
                    "cov_gap_level_parity",
                    competitor=ctx.comp_names.get(comp, comp),
                    theirs=ctx.who(top),
                    level=top_lvl,
                    ours=ours_text,
                    need=need_text,
                    short=ctx.labels_d[top],
                    candidates=cand_text,
                ),
            )
        )
    return gaps, candidates_all


def _cand_phrase(ctx: _Ctx, p: str, sway: Mapping[str, tuple[float, str]]) -> str:
    w, kind = sway.get(p, (0.0, ""))
    lab = ctx.who(p)
    if w <= 0:
        return say("cov_cand_level", who=lab, level=ctx.lvl(p))
    if kind == "reports_to":
        return say("cov_cand_boss", who=lab)
    return say("cov_cand_sways", who=lab, kind=kind.replace("_", " "), weight=w)


# --------------------------------------------------------------------------- rules
def _gap(
    ctx: _Ctx,
    rule: str,
    severity: str,
    person: str,
    competitor: str,
    candidates: Iterable[str],
    why: str,
) -> dict[str, Any]:
    return {
        "rule": rule,
        "severity": severity,
        "person": person,
        "name": str(ctx.labels_d[person]) if person else "",
        "competitor": competitor,
        "candidates": "; ".join(candidates),
        "why": why,
    }


def _roles_of(ctx: _Ctx, pid: str) -> str:
    return str(ctx.roles_text.get(pid, "")) or say("cov_no_role")


def _severity(power: float, key_power: float, low: str = "medium") -> str:
    return "high" if power >= key_power else low


def _people_rules(
    ctx: _Ctx,
    people: pd.DataFrame,
    lev: pd.Series | None,
    key_power: float,
) -> list[dict[str, Any]]:
    gaps: list[dict[str, Any]] = []
    holders = people[people["power"] > 0].sort_values(
        ["power", "backing", "person"], ascending=[False, False, True], na_position="last"
    )
    for r in _rows(holders):
        pid = str(r.person)
        if r.do_not_contact:
            continue
        if r.n_owners == 0:
            gaps.append(
                _gap(
                    ctx,
                    "uncovered_role",
                    "high",
                    pid,
                    str(r.backs),
                    (),
                    say(
                        "cov_gap_uncovered",
                        who=ctx.who(pid),
                        roles=r.roles,
                        extra=_backs_text(ctx, pid),
                    ),
                )
            )
        elif r.n_owners == 1:
            gaps.append(
                _gap(
                    ctx,
                    "single_threaded",
                    _severity(r.power, key_power),
                    pid,
                    str(r.backs),
                    (),
                    say(
                        "cov_gap_single_threaded",
                        who=ctx.who(pid),
                        roles=r.roles,
                        owner=ctx.labels_d[r.owners],
                        extra=_backs_text(ctx, pid),
                    ),
                )
            )
    for r in _rows(holders[holders["power"] >= key_power]):
        pid = str(r.person)
        if r.do_not_contact:
            continue
        if r.n_channels < 2:
            chans = ctx.informs.get(pid, [])
            listed = ", ".join(str(ctx.labels_d[c]) for c in chans)
            gaps.append(
                _gap(
                    ctx,
                    "few_channels",
                    "medium",
                    pid,
                    str(r.backs),
                    (),
                    say(
                        "cov_gap_few_channels",
                        who=ctx.who(pid),
                        roles=r.roles,
                        n=int(r.n_channels),
                        listed=say("cov_channels_listed", people=listed) if chans else "",
                    ),
                )
            )
        lvl = ctx.lvl(pid)
        owners = ctx.owners.get(pid, [])
        own_lvls = [lv for o in owners if (lv := ctx.lvl(o)) is not None]
        if lvl is not None and own_lvls and min(own_lvls) > lvl:
            gaps.append(
                _gap(
                    ctx,
                    "level_mismatch",
                    "low",
                    pid,
                    "",
                    (),
                    say(
                        "cov_gap_level_mismatch",
                        who=ctx.who(pid),
                        level=lvl,
                        owners=", ".join(f"{ctx.labels_d[o]} ({ctx.lvl(o)})" for o in owners),
                    ),
                )
            )
    if lev is not None:
        n_top = max(1, int((people["power"] > 0).sum()))
        ranked = lev.sort_values(ascending=False, kind="stable")
        rank = pd.Series(np.arange(1, len(ranked) + 1), index=ranked.index)
        opp_rows = people[
            ((people["attitude"] <= -1).fillna(False) | people["backs"].ne(""))
            & people["n_owners"].eq(0)
            & ~people["do_not_contact"]
        ]
        for r in _rows(opp_rows.sort_values("leverage", ascending=False)):
            pid = str(r.person)
            rk = int(rank.get(pid, len(rank) + 1))
            if rk > n_top or not (r.leverage > 0):
                continue
            gaps.append(
                _gap(
                    ctx,
                    "unmanaged_opponent",
                    "high",
                    pid,
                    str(r.backs),
                    (),
                    say(
                        "cov_gap_unmanaged_opponent",
                        who=ctx.who(pid),
                        stance=_stance(ctx, pid),
                        leverage=float(r.leverage),
                        rank=rk,
                        n=n_top,
                    ),
                )
            )
    return gaps


def _backs_text(ctx: _Ctx, pid: str) -> str:
    comp = ctx.backs_d.get(pid, "")
    return say("cov_backs_text", competitor=ctx.comp_names.get(comp, comp)) if comp else ""


def _stance(ctx: _Ctx, pid: str) -> str:
    a = ctx.att(pid)
    parts = [] if a is None else [say("cov_attitude_text", attitude=int(a))]
    comp = ctx.backs_d.get(pid, "")
    if comp:
        parts.append(say("cov_backs_short", competitor=ctx.comp_names.get(comp, comp)))
    return ", ".join(parts) or say("cov_not_assessed")


def _chain_rules(ctx: _Ctx) -> list[dict[str, Any]]:
    gaps: list[dict[str, Any]] = []
    roles = ctx.roles
    if not len(roles):
        return gaps
    sup = {p for p in ctx.power.index if (ctx.att(p) or 0) >= SUPPORTER}
    makers = roles[roles["role"].isin([str(Role.DECIDER), str(Role.APPROVER)])]
    maker_ids = list(dict.fromkeys(makers.sort_values("power", ascending=False)["person"]))
    if maker_ids and not (set(maker_ids) & sup):
        gaps.append(
            _gap(
                ctx,
                "no_decider_support",
                "high",
                maker_ids[0],
                "",
                maker_ids,
                say(
                    "cov_gap_no_decider_support",
                    people="; ".join(f"{ctx.who(p)} ({_stance(ctx, p)})" for p in maker_ids),
                ),
            )
        )
    deciders = list(dict.fromkeys(roles.loc[roles["role"].eq(str(Role.DECIDER)), "person"]))
    ours_d = [d for d in deciders if d in sup]
    if ours_d:
        others = ctx.power.drop(labels=ours_d)
        total = float(others.sum())
        share_not = float(others[~others.index.isin(sup)].sum()) / total if total > 0 else 0.0
        if share_not > 0.5:
            gaps.append(
                _gap(
                    ctx,
                    "key_players_against",
                    "medium",
                    ours_d[0],
                    "",
                    (),
                    say(
                        "cov_gap_key_players_against",
                        deciders=", ".join(str(ctx.labels_d[d]) for d in ours_d),
                        share=share_not,
                    ),
                )
            )
    for role in sorted(set(roles["role"])):
        holders = set(roles.loc[roles["role"].eq(role), "person"])
        if holders & sup:
            continue
        for comp in ctx.competitors:
            backers = sorted(
                (p for p in holders if ctx.backs_d.get(p, "") == comp),
                key=lambda p: (-float(ctx.power_d.get(p, 0.0)), p),
            )
            if backers:
                gaps.append(
                    _gap(
                        ctx,
                        "no_supporter_in_role",
                        "high" if role in (str(Role.DECIDER), str(Role.APPROVER)) else "medium",
                        backers[0],
                        comp,
                        (),
                        say(
                            "cov_gap_no_supporter_in_role",
                            competitor=ctx.comp_names.get(comp, comp),
                            role=role,
                            theirs=", ".join(ctx.who(b) for b in backers),
                        ),
                    )
                )
    backed_any = False
    for comp in ctx.competitors:
        if ctx.backs.eq(comp).any():
            backed_any = True
            continue
        gaps.append(
            _gap(
                ctx,
                "no_competitor_supporter",
                "medium",
                "",
                comp,
                (),
                say("cov_gap_no_competitor_supporter", competitor=ctx.comp_names.get(comp, comp)),
            )
        )
    if not ctx.competitors and not backed_any:
        gaps.append(
            _gap(
                ctx,
                "no_competitor_supporter",
                "medium",
                "",
                "",
                (),
                say("cov_gap_no_competitor_at_all"),
            )
        )
    return gaps


def _stale_rules(ctx: _Ctx, people: pd.DataFrame) -> list[dict[str, Any]]:
    gaps: list[dict[str, Any]] = []
    stale = people[people["stale"]].sort_values(["updated", "person"])
    for r in _rows(stale):
        days = (ctx.as_of - pd.Timestamp(r.updated).date()).days
        gaps.append(
            _gap(
                ctx,
                "stale_attitude",
                "low",
                str(r.person),
                str(r.backs),
                (),
                say(
                    "cov_gap_stale",
                    who=ctx.who(str(r.person)),
                    date=pd.Timestamp(r.updated).date().isoformat(),
                    days=days,
                    as_of=ctx.as_of.isoformat(),
                    limit=ctx.s.stale_days,
                ),
            )
        )
    return gaps


def _contact_rules(
    ctx: _Ctx, people: pd.DataFrame, has_log: bool, key_power: float
) -> list[dict[str, Any]]:
    """Covered role holders with no logged contact within ``settings.contact_stale_days``."""
    gaps: list[dict[str, Any]] = []
    if not has_log or people.empty:
        return gaps
    limit = pd.Timestamp(ctx.as_of) - pd.Timedelta(days=ctx.s.contact_stale_days)
    last = pd.to_datetime(people["last_contact"])
    holder = people["roles"].fillna("").astype(str).str.len().gt(0)
    owned = people["n_owners"].fillna(0).astype(int).gt(0)
    cold = (last.isna() | (last < limit)).to_numpy(dtype=bool)
    pick = people[holder.to_numpy(dtype=bool) & owned.to_numpy(dtype=bool) & cold]
    for r in _rows(pick.sort_values(["power", "person"], ascending=[False, True])):
        when = pd.Timestamp(r.last_contact)
        if pd.isna(when):
            detail = say("cov_contact_never")
        else:
            days = (ctx.as_of - when.date()).days
            detail = say("cov_contact_last", date=when.date().isoformat(), days=days)
        gaps.append(
            _gap(
                ctx,
                "stale_contact",
                "medium" if float(r.power) >= key_power else "low",
                str(r.person),
                str(r.backs),
                (),
                say(
                    "cov_gap_stale_contact",
                    who=ctx.who(str(r.person)),
                    owners=", ".join(
                        str(ctx.labels_d.get(o, o))
                        for o in (x.strip() for x in str(r.owners).split(";"))
                        if o
                    ),
                    detail=detail,
                    limit=ctx.s.contact_stale_days,
                ),
            )
        )
    return gaps


def _issue_rules(
    ctx: _Ctx, people: pd.DataFrame, issues: pd.DataFrame | None, key_power: float
) -> list[dict[str, Any]]:
    """Key people with a customer issue open longer than ``settings.open_issue_days``."""
    gaps: list[dict[str, Any]] = []
    if issues is None or not len(issues):
        return gaps
    od = issues[issues["overdue"].astype(bool) & issues["status"].eq("open")]
    keyset = set(people["person"].astype(str))
    per: dict[str, list[str]] = {}
    for r in _rows(od):
        item = say(
            "cov_issue_item",
            issue=str(r.issue) or say("cov_issue_noref"),
            opened=pd.Timestamp(r.opened).date().isoformat(),
            days=int(r.age_days),
            owner=str(r.owner_name),
        )
        for pid in str(r.people).split(";"):
            if pid in keyset:
                per.setdefault(pid, []).append(item)
    for pid in sorted(per, key=lambda x: (-ctx.power_d.get(x, 0.0), x)):
        gaps.append(
            _gap(
                ctx,
                "open_issue",
                _severity(ctx.power_d.get(pid, 0.0), key_power),
                pid,
                ctx.backs_d.get(pid, ""),
                (),
                say(
                    "cov_gap_open_issue",
                    who=ctx.who(pid),
                    roles=_roles_of(ctx, pid),
                    n=len(per[pid]),
                    limit=ctx.s.open_issue_days,
                    items="; ".join(per[pid]),
                ),
            )
        )
    return gaps


# --------------------------------------------------------------------------- tables
def _people_frame(
    ctx: _Ctx,
    keys: Mapping[str, list[str]],
    lev: pd.Series | None,
    hidden: set[str],
    membership: pd.Series | None,
    reach: _Reach,
    last_contact: pd.Series | None,
) -> pd.DataFrame:
    ids = list(keys)
    p = ctx.people.loc[ids]
    owners = [ctx.owners.get(i, []) for i in ids]
    chans = [ctx.informs.get(i, []) for i in ids]
    indep = [ctx.independent(c) for c in chans]
    upd = pd.to_datetime(p["updated"])
    limit = pd.Timestamp(ctx.as_of) - pd.Timedelta(days=ctx.s.stale_days)
    stale = (upd < limit).fillna(False) & ctx.attitude.loc[ids].notna()
    out = pd.DataFrame(
        {
            "person": ids,
            "name": [str(ctx.labels_d[i]) for i in ids],
            "org": p["org"].astype(str).to_numpy(),
            "title": p["title"].fillna("").astype(str).to_numpy(),
            "level": p["level"].astype("Int64").to_numpy(),
            "roles": [str(ctx.roles_text.get(i, "")) for i in ids],
            "power": [float(ctx.power_d.get(i, 0.0)) for i in ids],
            "attitude": p["attitude"].astype("Int64").to_numpy(),
            "backs": ctx.backs.loc[ids].to_numpy(),
            "backing": p["support"].astype("Int64").to_numpy(),
            "leverage": (lev.reindex(ids).astype(float).to_numpy() if lev is not None else np.nan),
            "hidden": [i in hidden for i in ids],
            "owners": ["; ".join(o) for o in owners],
            "n_owners": [len(o) for o in owners],
            "channels": ["; ".join(c) for c in indep],
            "n_channels": [len(c) for c in indep],
            "route_strength": np.nan,
            "route": "",
            "last_contact": pd.NaT,
            "updated": upd.to_numpy(),
            "stale": stale.to_numpy(dtype=bool),
            "do_not_contact": ctx.dnc.loc[ids].to_numpy(dtype=bool),
            "faction": (
                membership.reindex(ids).astype("Int64").to_numpy()
                if membership is not None
                else pd.array([pd.NA] * len(ids), dtype="Int64")
            ),
        }
    )
    pos = np.array([ctx.pos[i] for i in ids], dtype=np.int64)
    out["route_strength"] = reach.strength[pos] if len(pos) else np.zeros(0)
    labels = ctx.net.labels.to_numpy()
    out["route"] = reach.texts(pos.tolist(), labels)
    if last_contact is not None:
        out["last_contact"] = pd.to_datetime(last_contact.reindex(ids)).to_numpy()
    out["why"] = [_person_why(ctx, row, keys[row.person]) for row in _rows(out)]
    return out[PEOPLE_COLUMNS]


def _person_why(ctx: _Ctx, r: Any, reasons: list[str]) -> str:
    listed = ", ".join(say(f"cov_listed_{x}") for x in reasons)
    parts = [say("cov_person_listed", why=listed)]
    if r.roles:
        parts.append(say("cov_person_roles", roles=r.roles, power=r.power))
    parts.append(_stance(ctx, str(r.person)))
    if r.n_owners == 0:
        parts.append(say("cov_person_no_owner"))
    else:
        parts.append(
            say(
                "cov_person_owners",
                n=r.n_owners,
                owners=", ".join(str(ctx.labels_d[o]) for o in r.owners.split("; ")),
            )
        )
    parts.append(say("cov_person_channels", n=r.n_channels))
    if pd.notna(r.leverage):
        parts.append(say("cov_person_leverage", leverage=r.leverage))
    if pd.notna(r.route_strength) and r.route:
        parts.append(say("cov_person_route", strength=r.route_strength, route=r.route))
    if r.stale:
        parts.append(say("cov_person_stale", date=pd.Timestamp(r.updated).date().isoformat()))
    if r.do_not_contact:
        parts.append(say("cov_person_dnc"))
    return "; ".join(parts)


def _relationship_stats(ctx: _Ctx, party_org_ids: Iterable[str]) -> tuple[float, float, float]:
    """Many (share of account people tied), deep (mean strength), long (median age, years)."""
    net = ctx.net
    e = net.edges
    org = net.people["org"].astype(str).to_numpy()
    staff = pd.Series(org).isin(list(party_org_ids)).to_numpy()
    acct = org == ctx.account
    u, v = e["u"].to_numpy(), e["v"].to_numpy()
    hit = (staff[u] & acct[v]) | (staff[v] & acct[u])
    n_acct = int(acct.sum())
    if not hit.any() or n_acct == 0:
        return 0.0, float("nan"), float("nan")
    their = np.where(acct[u[hit]], u[hit], v[hit])
    many = len(np.unique(their)) / n_acct
    deep = float(e["strength"].to_numpy()[hit].mean())
    since = pd.to_datetime(net.ties["since"]).to_numpy()
    log = getattr(net, "interactions", None)
    strengths_fn = _optional("interactions", "tie_strengths")
    if strengths_fn is not None and isinstance(log, pd.DataFrame) and not log.empty:
        # a tie without a `since` date counts from its first logged contact
        first = pd.to_datetime(strengths_fn(net, as_of=ctx.as_of)["first_contact"]).to_numpy()
        since = np.where(pd.isna(since), first, since)
    since = since[hit]
    ages = (np.datetime64(ctx.as_of) - since[~pd.isna(since)]).astype("timedelta64[D]")
    long = float(np.median(ages.astype(float)) / 365.25) if len(ages) else float("nan")
    return float(many), deep, long


def _summary(ctx: _Ctx) -> pd.DataFrame:
    idx = support_index(ctx.net, ctx.opp, settings=ctx.s).set_index("party")
    rows = []
    acct = ctx.org.eq(ctx.account)
    us_orgs = ctx.net.orgs.loc[ctx.net.orgs["kind"].astype(str).eq("us"), "id"].astype(str)
    for party in ["us", *ctx.competitors]:
        if party == "us":
            sup = acct & (ctx.attitude >= SUPPORTER).fillna(False)
            orgs = list(us_orgs)
            name = say("cov_party_us")
            kind = "us"
        else:
            sup = acct & ctx.backs.eq(party)
            orgs = [party]
            name = ctx.comp_names.get(party, party)
            kind = "competitor"
        si = np.flatnonzero(sup.to_numpy())
        si = si[
            np.lexsort(
                (ctx.ids_a[si], -np.nan_to_num(ctx.att_a[si]), np.nan_to_num(ctx.lvl_a[si], nan=9))
            )
        ]
        sup_ids = [str(x) for x in ctx.ids_a[si].tolist()]
        top = sup_ids[0] if sup_ids else ""
        many, deep, long = _relationship_stats(ctx, orgs)
        index = float(idx.at[party, "index"]) if party in idx.index else float("nan")
        share = (
            float(idx.at[party, "supporter_power_share"]) if party in idx.index else float("nan")
        )
        rows.append(
            {
                "party": party,
                "name": name,
                "kind": kind,
                "index": index,
                "supporters": len(sup_ids),
                "power_share": share,
                "top_supporter": top,
                "top_level": ctx.lvl(top) if top else pd.NA,
                "many": many,
                "deep": deep,
                "long_years": long,
                "why": say(
                    "cov_summary_why",
                    name=name,
                    index=index,
                    n=len(sup_ids),
                    share=share,
                    top=ctx.who(top) if top else say("cov_nobody"),
                    level=ctx.lvl(top) if top else "-",
                    many=many,
                    deep=deep,
                    long="n/a" if np.isnan(long) else f"{long:.1f}",
                ),
            }
        )
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    out["top_level"] = out["top_level"].astype("Int64")
    return out


def _matrix(ctx: _Ctx) -> pd.DataFrame:
    net = ctx.net
    e = net.edges
    e = e[~e["sensitive"].to_numpy()]
    party = net.party.to_numpy()
    org = net.people["org"].astype(str).to_numpy()
    lvl = net.people["level"].astype("Float64").fillna(0).to_numpy(dtype=float).astype(int)
    u, v = e["u"].to_numpy(), e["v"].to_numpy()
    us_u = (party[u] == "us") & (org[v] == ctx.account)
    us_v = (party[v] == "us") & (org[u] == ctx.account)
    ours = np.concatenate([u[us_u], v[us_v]])
    theirs = np.concatenate([v[us_u], u[us_v]])
    pairs = pd.DataFrame({"o": ours, "t": theirs}).drop_duplicates()
    levels = sorted(set(lvl[org == ctx.account]) | set(lvl[party == "us"]))
    labels = {lv: (str(lv) if lv > 0 else "?") for lv in levels}
    m = pd.crosstab(
        pd.Categorical(lvl[pairs["o"]], categories=levels),
        pd.Categorical(lvl[pairs["t"]], categories=levels),
        dropna=False,
    )
    m.index = pd.Index([labels[x] for x in m.index], name=MATRIX_NAME[0])
    m.columns = pd.Index([labels[x] for x in m.columns], name=MATRIX_NAME[1])
    return m.astype(int)


def _faction_frame(ctx: _Ctx, membership: pd.Series) -> pd.DataFrame:
    power = ctx.power.reindex(membership.index).fillna(0.0)
    sup = (ctx.attitude.reindex(membership.index) >= SUPPORTER).fillna(False)
    total = float(ctx.power.sum()) or 1.0
    g = pd.DataFrame({"faction": membership, "power": power, "sup": sup.astype(int)})
    agg = g.groupby("faction").agg(
        size=("power", "size"), power=("power", "sum"), supporters=("sup", "sum")
    )
    members = g.groupby("faction").apply(lambda x: tuple(x.index), include_groups=False)
    agg["members"] = members
    agg["power_share"] = agg["power"] / total
    return agg.reset_index()[["faction", "size", "members", "power", "power_share", "supporters"]]


def _faction_rules(ctx: _Ctx, fac: pd.DataFrame, key_power: float) -> list[dict[str, Any]]:
    gaps: list[dict[str, Any]] = []
    rows: list[Any] = fac.to_dict("records")
    for r in rows:
        if int(r["supporters"]) > 0:
            continue
        members: list[str] = list(r["members"])
        holders = [p for p in members if float(ctx.power_d.get(p, 0.0)) >= key_power]
        if not holders:
            continue
        holders.sort(key=lambda p: (-float(ctx.power_d.get(p, 0.0)), p))
        back = ctx.backs.reindex(members)
        backs = back[back.ne("")].value_counts()
        lean = (
            say("cov_gap_lean", competitor=ctx.comp_names.get(backs.index[0], backs.index[0]))
            if len(backs)
            else ""
        )
        gaps.append(
            _gap(
                ctx,
                "faction_without_supporter",
                "medium",
                holders[0],
                str(backs.index[0]) if len(backs) else "",
                holders,
                say(
                    "cov_gap_faction",
                    faction=int(r["faction"]),
                    size=int(r["size"]),
                    holders=", ".join(ctx.who(h) for h in holders),
                    share=float(r["power_share"]),
                    lean=lean,
                ),
            )
        )
    return gaps


# --------------------------------------------------------------------------- entry point
def coverage(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    as_of: _dt.date | str | None = None,
    settings: Settings | None = None,
    key_power: float = 0.5,
    include_sensitive: bool = False,
    seed: int = 0,
    with_factions: bool | None = None,
) -> CoverageReport:
    """Check an opportunity's coverage against the rules of DOMAIN.md §5.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    as_of : datetime.date or str, optional
        The date to measure ages against (stale attitudes, tie ages); today when omitted.
        Pass it explicitly for reproducible results.
    settings : Settings, optional
        Defaults (stale_days, powers, weights); ``net.settings`` when omitted.
    key_power : float
        Role holders with at least this power are key people for the two-channel and
        matching-level rules, and their single-threaded gaps are "high" (default 0.5:
        deciders, approvers and buyers at the default powers).
    include_sensitive : bool
        Use sensitive ties (family, neighbour …) as evidence of sway (level-parity
        candidates) and as routes. Off by default.
    seed : int
        Seed of the community detection used for factions.
    with_factions : bool, optional
        Find factions (Louvain) and check the faction rule. None (default): only when the
        account has at most 1,000 people (networkx's Louvain takes about a quarter of a
        second per thousand people, more than the rest of the report together);
        ``.notes`` says when it was skipped.

    Returns
    -------
    CoverageReport
        ``.people``, ``.gaps``, ``.summary``, ``.matrix``, ``.factions``, ``.notes``.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    ValueError
        For a ``key_power`` outside 0..1 or an unreadable ``as_of``.

    Notes
    -----
    Definitions used by the rules (gap ids in :data:`RULES`):

    - *supporter* of ours: attitude ≥ +1; a competitor's supporter: ``supports`` names it.
    - *owner*: one of our people with a ``covers`` tie to the person; A/B needs two.
    - *information channel*: the source of an ``informs`` tie to the person (owners are
      relationships, not independent sources, so they do not count). Channels are
      *independent* when neither reports, directly or indirectly, to the other; the count
      keeps only channels none of whose bosses is also a channel.
    - *level parity*: per competitor, their top supporter T in the account (lowest level
      number, then strongest backing, then power). We are at parity when one of our
      supporters S is T's boss (directly or not), sways T directly, or sits at a higher or
      the same level without reporting to T. Someone who reports to T, directly or not, is
      weaker even at the same level. Candidates to restore parity: T's bosses, people with a
      direct tie that sways T (influence weight from the settings; ``reports_to`` bosses
      further up count as weight^distance), and the account's people above T's level —
      never do-not-contact people, competitor staff, or anyone backing a competitor. They
      are ordered by sway on T, then level, then leverage; the best
      :data:`MAX_CANDIDATES` are named (the text counts the rest).
    - *high leverage* (unmanaged opponent): ranking inside the top N by leverage, N being
      the number of role holders.
    - *stale*: ``updated`` earlier than ``as_of − settings.stale_days``.
    - *stale contact* (only with an interactions log): a role holder who has an owner but
      whose last logged contact (:func:`relgraph.last_contact`) is missing or earlier than
      ``as_of − settings.contact_stale_days``; "medium" for people with at least
      ``key_power``, else "low".
    - *open issue*: a key person (any row of ``.people``) is among the people affected by
      a customer issue that :func:`relgraph.customer_issues` reports open and overdue
      (open longer than ``settings.open_issue_days``); "high" for people with at least
      ``key_power``, else "medium".
    - summary: *many* = share of the account's people with any direct tie to the party's
      staff; *deep* = mean strength of those ties; *long* = median age in years of those
      with a ``since`` date or, failing that, a first logged contact
      (:func:`relgraph.tie_strengths`). ``index`` and ``power_share`` come from
      :func:`relgraph.analysis.influence.support_index`.

    ``route_strength`` and ``route`` are the best route from our whole team, found for
    everyone at once by one hop-bounded multi-source search on the contact graph of
    :func:`relgraph.routes_to_many` (same strengths: product of tie strengths, at most
    ``settings.max_hops`` hops, never through a do-not-contact person, sensitive ties only
    with ``include_sensitive``). Leverage is solved once per call and shared by every
    rule. ``last_contact`` and the open-issue rule use
    :mod:`relgraph.analysis.interactions`; without an interactions log the column is
    blank and :attr:`CoverageReport.notes` says so.

    References
    ----------
    DOMAIN.md §5 (the coverage rules of the key-account planning practice).

    Examples
    --------
    >>> import relgraph as rg
    >>> rep = coverage(rg.datasets.tiny(), as_of="2026-01-01")
    >>> for row in rep.gaps[["rule", "person", "competitor"]].head(3).values.tolist():
    ...     print(row)
    ['level_parity', 'p1', 'R']
    ['no_decider_support', 'p1', '']
    ['no_supporter_in_role', 'p1', 'R']
    """
    if not 0.0 <= key_power <= 1.0:
        raise ValueError(f"key_power = {key_power!r}; expected 0..1")
    s = net.settings if settings is None else settings
    day = _as_date(as_of)
    ctx = _Ctx.of(net, opportunity, s, day)
    notes: list[str] = []

    lev_frame = leverage(net, ctx.opp, settings=s)
    lev = pd.Series(lev_frame["leverage"].to_numpy(float), index=lev_frame["person"].astype(str))
    hid = hidden_influencers(net, ctx.opp, settings=s, include_sensitive=include_sensitive)
    hidden = set(hid["person"].astype(str))

    parity_gaps, candidates = _parity(ctx, lev, include_sensitive)

    keys: dict[str, list[str]] = {}
    for pid in ctx.power.index:
        keys.setdefault(str(pid), []).append("role")
    for pid in hid["person"].astype(str):
        keys.setdefault(pid, []).append("hidden")
    backers = ctx.people.index[
        ctx.backs.isin(ctx.competitors).to_numpy() & ~ctx.party.isin(["us", "competitor"])
    ]
    for pid in backers:
        keys.setdefault(str(pid), []).append("backer")
    for pid in sorted({c for cands in candidates.values() for c in cands}):
        keys.setdefault(pid, []).append("candidate")

    n_account = int(ctx.org.eq(ctx.account).sum())
    if with_factions is None:
        with_factions = n_account <= _FACTIONS_MAX
    membership: pd.Series | None = None
    if with_factions:
        membership = faction_membership(
            net, ctx.account, seed=seed, include_sensitive=include_sensitive
        )
    else:
        notes.append(say("cov_note_no_factions", n=n_account))
    reach = _reach(net, include_sensitive)
    last_fn = _optional("interactions", "last_contact")
    issues_fn = _optional("interactions", "customer_issues")
    log = getattr(net, "interactions", None)
    last = None
    issues: pd.DataFrame | None = None
    if last_fn is None or issues_fn is None:
        notes.append(say("cov_note_no_interactions"))
    elif not isinstance(log, pd.DataFrame) or log.empty:
        notes.append(say("cov_note_empty_interactions"))
    else:
        lc = last_fn(net, as_of=day, settings=s)
        last = pd.Series(
            pd.to_datetime(lc["last_contact"]).to_numpy(), index=lc["person"].astype(str)
        )
        issues = issues_fn(net, as_of=day, settings=s)

    people = _people_frame(ctx, keys, lev, hidden, membership, reach, last)
    fac = (
        _faction_frame(ctx, membership)
        if membership is not None
        else pd.DataFrame(
            columns=["faction", "size", "members", "power", "power_share", "supporters"]
        )
    )
    gaps = [
        *parity_gaps,
        *_chain_rules(ctx),
        *_people_rules(ctx, people, lev, key_power),
        *_faction_rules(ctx, fac, key_power),
        *_stale_rules(ctx, people),
        *_contact_rules(ctx, people, last is not None, key_power),
        *_issue_rules(ctx, people, issues, key_power),
    ]
    gframe = pd.DataFrame(gaps, columns=GAP_COLUMNS)
    order = list(RULES)
    gframe["_s"] = gframe["severity"].map(_SEVERITY_ORDER)
    gframe["_r"] = gframe["rule"].map(order.index)
    gframe = (
        gframe.reset_index()
        .sort_values(["_s", "_r", "index"], kind="stable")
        .drop(columns=["_s", "_r", "index"])
        .reset_index(drop=True)
    )
    if s != net.settings or s == type(s)():
        notes.append(say("defaults_note"))
    return CoverageReport(
        opportunity=ctx.opp,
        as_of=day,
        people=people,
        gaps=gframe,
        summary=_summary(ctx),
        matrix=_matrix(ctx),
        factions=fac,
        notes=tuple(notes),
    )


def _as_date(value: _dt.date | str | None) -> _dt.date:
    if value is None:
        return _dt.date.today()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise ValueError(f"as_of = {value!r}; expected a date or 'YYYY-MM-DD'") from err

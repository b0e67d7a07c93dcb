"""The tables of a coverage report: key people, parties, level-by-level ties, factions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from relgraph.analysis.coverage.context import SUPPORTER, Context, rows
from relgraph.analysis.influence.support import support_index
from relgraph.analysis.interactions import tie_strengths
from relgraph.analysis.paths.graph import RouteRules, affiliation_overlay
from relgraph.analysis.paths.render import describe, person_texts, route_text
from relgraph.analysis.paths.search import TeamReach
from relgraph.text import clauses

__all__ = [
    "MATRIX_NAME",
    "PEOPLE_COLUMNS",
    "SUMMARY_COLUMNS",
    "faction_frame",
    "matrix",
    "people_frame",
    "summary",
]

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


def people_frame(
    ctx: Context,
    keys: Mapping[str, list[str]],
    lev: pd.Series,
    hidden: set[str],
    membership: pd.Series | None,
    reach: tuple[RouteRules, TeamReach] | None,
    last_contact: pd.Series | None,
) -> pd.DataFrame:
    """One row per key person (columns :data:`PEOPLE_COLUMNS`).

    Without ``reach`` (only the gap rules read the frame) the routes and the reading of
    each row (``route_strength``, ``route``, ``why``) are left empty.
    """
    ids = list(keys)
    at = np.array([ctx.pos[i] for i in ids], dtype=np.int64)
    p = ctx.people.iloc[at]  # by position: the same rows as by id, without a lookup
    owners = [ctx.owners.get(i, ()) for i in ids]
    indep = [ctx.independent(ctx.informs.get(i, ())) for i in ids]
    upd = pd.to_datetime(p["updated"])
    limit = pd.Timestamp(ctx.as_of) - pd.Timedelta(days=ctx.s.stale_days)
    stale = (upd < limit).fillna(False).to_numpy(dtype=bool) & ~np.isnan(ctx.att_a[at])
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
            "backs": ctx.backs_a[at],
            "backing": p["support"].astype("Int64").to_numpy(),
            "leverage": lev.reindex(ids).astype(float).to_numpy(),
            "hidden": [i in hidden for i in ids],
            "owners": ["; ".join(o) for o in owners],
            "n_owners": [len(o) for o in owners],
            "channels": ["; ".join(c) for c in indep],
            "n_channels": [len(c) for c in indep],
            "route_strength": np.nan,
            "route": "",
            "last_contact": pd.NaT,
            "updated": upd.to_numpy(),
            "stale": stale,
            "do_not_contact": ctx.dnc_a[at].astype(bool),
            "faction": (
                membership.reindex(ids).astype("Int64").to_numpy()
                if membership is not None
                else pd.array([pd.NA] * len(ids), dtype="Int64")
            ),
        }
    )
    if last_contact is not None:
        out["last_contact"] = pd.to_datetime(last_contact.reindex(ids)).to_numpy()
    if reach is None:
        out["why"] = ""
        return out[PEOPLE_COLUMNS]
    rules, best = reach
    out["route_strength"] = best.strength[at] if len(at) else np.zeros(0)
    out["route"] = route_texts(ctx, rules, best, at)
    out["why"] = [_person_why(ctx, row, keys[row.person]) for row in rows(out)]
    return out[PEOPLE_COLUMNS]


def route_texts(ctx: Context, rules: RouteRules, best: TeamReach, pos: Iterable[int]) -> list[str]:
    """Return the best route from our team to each person, as the route engine prints it."""
    paths = best.paths(np.fromiter(pos, dtype=np.int64))
    net = ctx.net
    openings = affiliation_overlay(net, rules)[1] if len(net.affiliations) else None
    found = describe(net, rules, [(0.0, p) for p in paths if p], openings)
    who = person_texts(net, (i for r in found for i in r.path))
    text = {r.path: route_text(ctx.net, r.path, r.hops, who) for r in found}
    return [text.get(p, "") for p in paths]


def _person_why(ctx: Context, r: Any, reasons: list[str]) -> str:
    listed = ctx.join(ctx.say(f"cov_listed_{x}") for x in reasons)
    parts = [ctx.say("cov_person_listed", why=listed)]
    if r.roles:
        parts.append(ctx.say("cov_person_roles", roles=ctx.role_words(r.roles), power=r.power))
    parts.append(ctx.stance(str(r.person)))
    if r.n_owners == 0:
        parts.append(ctx.say("cov_person_no_owner"))
    else:
        owners = ctx.join(str(ctx.labels_d[o]) for o in r.owners.split("; "))
        parts.append(ctx.say("cov_person_owners", n=r.n_owners, owners=owners))
    parts.append(ctx.say("cov_person_channels", n=r.n_channels))
    if pd.notna(r.leverage):
        parts.append(ctx.say("cov_person_leverage", leverage=r.leverage))
    if pd.notna(r.route_strength) and r.route:
        parts.append(ctx.say("cov_person_route", strength=r.route_strength, route=r.route))
    if r.stale:
        parts.append(ctx.say("cov_person_stale", date=pd.Timestamp(r.updated).date().isoformat()))
    if r.do_not_contact:
        parts.append(ctx.say("cov_person_dnc"))
    return clauses(parts, lang=ctx.lang)


def _relationship_stats(ctx: Context, party_org_ids: Iterable[str]) -> tuple[float, float, float]:
    """Many (share of account people tied), deep (mean strength), long (median age, years)."""
    net = ctx.net
    e = net.edges
    org = ctx.org_a
    staff = np.isin(org, np.array(list(party_org_ids), dtype=object))
    acct = ctx.acct_a
    u, v = e["u"].to_numpy(), e["v"].to_numpy()
    hit = (staff[u] & acct[v]) | (staff[v] & acct[u])
    n_acct = int(acct.sum())
    if not hit.any() or n_acct == 0:
        return 0.0, float("nan"), float("nan")
    their = np.where(acct[u[hit]], u[hit], v[hit])
    many = len(np.unique(their)) / n_acct
    deep = float(e["strength"].to_numpy()[hit].mean())
    since = _tie_since(ctx)[hit]
    ages = (np.datetime64(ctx.as_of) - since[~pd.isna(since)]).astype("timedelta64[D]")
    long = float(np.median(ages.astype(float)) / 365.25) if len(ages) else float("nan")
    return float(many), deep, long


def _tie_since(ctx: Context) -> np.ndarray:
    """Since when each tie exists; without a ``since`` date, from its first logged contact."""
    key = ("tie_since", ctx.as_of)
    if key not in ctx.memo:
        net = ctx.net
        since = pd.to_datetime(net.ties["since"]).to_numpy()
        if len(net.interactions):
            first = tie_strengths(net, as_of=ctx.as_of)["first_contact"]
            since = np.where(pd.isna(since), pd.to_datetime(first).to_numpy(), since)
        since.flags.writeable = False
        ctx.memo[key] = since
    out: np.ndarray = ctx.memo[key]
    return out


def summary(ctx: Context) -> pd.DataFrame:
    """One row per party, us first (columns :data:`SUMMARY_COLUMNS`)."""
    idx = support_index(ctx.net, ctx.opp).set_index("party")
    out = pd.DataFrame(
        [_party_row(ctx, idx, party) for party in ["us", *ctx.competitors]],
        columns=SUMMARY_COLUMNS,
    )
    out["top_level"] = out["top_level"].astype("Int64")
    return out


def _party_row(ctx: Context, idx: pd.DataFrame, party: str) -> dict[str, Any]:
    acct = ctx.acct_a
    orgs: list[str]
    if party == "us":
        with np.errstate(invalid="ignore"):
            sup = acct & (ctx.att_a >= SUPPORTER)  # a blank attitude (NaN) is no supporter
        orgs = (
            ctx.net.orgs.loc[ctx.net.orgs["kind"].astype(str).eq("us"), "id"].astype(str).tolist()
        )
        name, kind = ctx.say("party_us"), "us"
    else:
        sup, orgs = acct & (ctx.backs_a == party), [party]
        name, kind = ctx.comp(party), "competitor"
    si = np.flatnonzero(sup)
    si = si[
        np.lexsort(
            (ctx.ids_a[si], -np.nan_to_num(ctx.att_a[si]), np.nan_to_num(ctx.lvl_a[si], nan=9))
        )
    ]
    sup_ids = [str(x) for x in ctx.ids_a[si].tolist()]
    top = sup_ids[0] if sup_ids else ""
    many, deep, long = _relationship_stats(ctx, orgs)
    nan = float("nan")
    index = float(idx.loc[party, "index"]) if party in idx.index else nan  # type: ignore[arg-type]
    share = float(idx.loc[party, "supporter_power_share"]) if party in idx.index else nan  # type: ignore[arg-type]
    why = ctx.say(
        "cov_summary_why" if not np.isnan(index) else "cov_summary_why_no_index",
        name=name,
        index=index,
        n=len(sup_ids),
        share=share,
        top=ctx.who(top) if top else ctx.say("cov_nobody"),
        level=ctx.lvl(top) if top else "-",
        many=many,
        deep=ctx.say("not_available") if np.isnan(deep) else f"{deep:.2f}",
        long=ctx.say("not_available") if np.isnan(long) else f"{long:.1f}",
    )
    return {
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
        "why": why,
    }


def matrix(ctx: Context) -> pd.DataFrame:
    """Level × level counts of pairs with a direct, non-sensitive tie (ours × theirs)."""
    net = ctx.net
    e = net.edges
    e = e[~e["sensitive"].to_numpy()]
    party, org = ctx.party_a, ctx.org_a
    lvl = np.nan_to_num(ctx.lvl_a, nan=0.0).astype(int)
    u, v = e["u"].to_numpy(), e["v"].to_numpy()
    us_u = (party[u] == "us") & (org[v] == ctx.account)
    us_v = (party[v] == "us") & (org[u] == ctx.account)
    ours = np.concatenate([u[us_u], v[us_v]])
    theirs = np.concatenate([v[us_u], u[us_v]])
    n = len(party)
    pair = np.unique(ours.astype(np.int64) * n + theirs)  # each pair of people once
    levels = np.array(sorted(set(lvl[org == ctx.account]) | set(lvl[party == "us"])), dtype=int)
    counts = np.zeros((len(levels), len(levels)), dtype=np.int64)
    np.add.at(
        counts,
        (np.searchsorted(levels, lvl[pair // n]), np.searchsorted(levels, lvl[pair % n])),
        1,
    )
    names = [str(lv) if lv > 0 else "?" for lv in levels.tolist()]
    return pd.DataFrame(
        counts,
        index=pd.Index(names, name=MATRIX_NAME[0]),
        columns=pd.Index(names, name=MATRIX_NAME[1]),
    )


def faction_frame(ctx: Context, membership: pd.Series | None) -> pd.DataFrame:
    """Return the account's factions with the decision power each holds in this opportunity."""
    cols = ["faction", "size", "members", "power", "power_share", "supporters"]
    if membership is None:
        return pd.DataFrame(columns=cols)
    power = ctx.power.reindex(membership.index).fillna(0.0)
    sup = (ctx.attitude.reindex(membership.index) >= SUPPORTER).fillna(False)
    total = float(ctx.power.sum()) or 1.0
    faction = membership.to_numpy(dtype=np.int64)
    number, at, size = np.unique(faction, return_inverse=True, return_counts=True)
    order = np.argsort(at, kind="stable")  # members in table order within each faction
    ids = membership.index.to_numpy(dtype=object)[order]
    members = np.split(ids, np.cumsum(size)[:-1]) if len(size) else []
    agg = pd.DataFrame(
        {
            "faction": number,
            "size": size.astype(np.int64),
            "members": [tuple(m.tolist()) for m in members],
            "power": power.groupby(faction).sum().to_numpy(),  # pandas' group sum, as before
            "supporters": np.bincount(at, weights=sup.to_numpy(dtype=np.int64)).astype(np.int64),
        }
    )
    agg["power_share"] = agg["power"] / total
    return agg[cols]

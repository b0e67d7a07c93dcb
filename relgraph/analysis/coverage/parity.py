"""Level parity with competitors (DOMAIN.md §5.1): their top supporter against ours.

If a competitor's supporter is the customer's CEO, our support must come from the board or
another level that can constrain the CEO. Per competitor: their top supporter T in the
account; whether one of our supporters holds parity; otherwise the people who could restore
it (T's bosses, the people who sway T, and the account's people above T's level).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from relgraph._tie_arrays import tie_arrays
from relgraph.analysis.coverage.context import SUPPORTER, Context, Severity, gap
from relgraph.text import clauses, term
from relgraph.vocab import TieKind

__all__ = ["MAX_CANDIDATES", "Parity", "parity"]

#: At most this many level-parity candidates are named per competitor (best first).
MAX_CANDIDATES = 10


@dataclass(frozen=True)
class Parity:
    """Level parity of one opportunity, per competitor.

    Attributes
    ----------
    gaps : list of dict
        Level-parity gap rows (competitors whose top supporter outranks ours).
    candidates : dict of str to list of str
        Per competitor with a gap, the people who could restore parity, best first.
    held : dict of str to tuple of (str, str)
        Per competitor at parity: their top supporter and the supporter of ours who holds
        parity against them.
    """

    gaps: list[dict[str, Any]]
    candidates: dict[str, list[str]]
    held: dict[str, tuple[str, str]]


def sway_on(ctx: Context, target: str, include_sensitive: bool) -> dict[str, tuple[float, str]]:
    """Direct sway of each person on ``target``: (weight, tie kind) from the settings.

    Bosses further up the line sway through the chain: weight = boss weight ** distance.
    """
    net = ctx.net
    ti = ctx.pos[target]
    inc = net.incidence()
    sl = inc.of(ti)
    others, rows, outgoing = inc.other[sl], inc.rows[sl], inc.outgoing[sl]
    forward, backward = net.sway_weights()
    ties = tie_arrays(net)
    sensitive, kinds = ties.sensitive, ties.kind
    out: dict[str, tuple[float, str]] = {}
    for other, r, target_is_source in zip(
        others.tolist(), rows.tolist(), outgoing.tolist(), strict=True
    ):
        if (sensitive[r] and not include_sensitive) or kinds[r] == str(TieKind.REPORTS_TO):
            continue  # bosses come from the reporting chain below; reports never constrain
        weight = float(backward[r] if target_is_source else forward[r])
        pid = str(ctx.ids_a[other])
        if pid != target and weight > out.get(pid, (0.0, ""))[0]:
            out[pid] = (weight, str(kinds[r]))
    boss_w = float(ctx.s.influence_weight.get(TieKind.REPORTS_TO, (0.2, 0.6))[1])
    for d, b in enumerate(ctx.chain(target), start=1):
        if boss_w**d > out.get(b, (0.0, ""))[0]:
            out[b] = (boss_w**d, "reports_to")
    return out


def parity(ctx: Context, lev: pd.Series, include_sensitive: bool) -> Parity:
    """Level-parity gaps, candidates and holders, per competitor (memoised on the context).

    ``lev`` is always the leverage of the context's network and opportunity, and nothing
    here depends on ``as_of``, so coverage and targets on one network compute it once.
    """
    key = ("parity", bool(include_sensitive))
    if key not in ctx.memo:
        ctx.memo[key] = _parity(ctx, lev, include_sensitive)
    found: Parity = ctx.memo[key]
    return Parity(
        [dict(g) for g in found.gaps],
        {c: list(p) for c, p in found.candidates.items()},
        dict(found.held),
    )


def _parity(ctx: Context, lev: pd.Series, include_sensitive: bool) -> Parity:
    out = Parity([], {}, {})
    has_lvl = ~np.isnan(ctx.lvl_a)
    sup = ctx.acct_a & (np.nan_to_num(ctx.att_a, nan=-9.0) >= SUPPORTER) & has_lvl
    ours_i = np.flatnonzero(sup)
    levv = lev.reindex(ctx.ids_a).fillna(0.0).to_numpy(dtype=float)
    for comp in ctx.competitors:
        top = _top_supporter(ctx, comp)
        if top is None:
            continue
        sway = sway_on(ctx, top, include_sensitive)
        holder = _holder(ctx, top, sway, ours_i)
        if holder is not None:
            out.held[comp] = (top, holder)
            continue
        cands, n_more = _candidates(ctx, top, sway, levv)
        out.candidates[comp] = cands
        out.gaps.append(_gap_row(ctx, comp, top, sway, ours_i, cands, n_more))
    return out


def _top_supporter(ctx: Context, comp: str) -> str | None:
    """Return the competitor's top supporter: lowest level, then strongest backing, then power."""
    theirs_i = np.flatnonzero(ctx.acct_a & (ctx.backs_a == comp) & ~np.isnan(ctx.lvl_a))
    if not len(theirs_i):
        return None
    power = np.array([ctx.power_d.get(str(ctx.ids_a[i]), 0.0) for i in theirs_i])
    first = np.lexsort(
        (
            ctx.ids_a[theirs_i],
            -power,
            -np.nan_to_num(ctx.backing_a[theirs_i], nan=0.0),
            np.nan_to_num(ctx.lvl_a[theirs_i], nan=99.0),
        )
    )[0]
    return str(ctx.ids_a[theirs_i[first]])


def _holder(
    ctx: Context, top: str, sway: Mapping[str, tuple[float, str]], ours_i: np.ndarray
) -> str | None:
    """Our supporter who holds parity against ``top``, or None.

    One of ours is at parity when they are T's boss, sway T, or sit at T's level or above
    without reporting to T (someone in T's line is weaker even at the same level). The
    strongest such supporter (lowest level, then highest attitude, then id) is named.
    """
    top_lvl = ctx.lvl(top)
    lvl0 = np.nan_to_num(ctx.lvl_a, nan=99.0)
    above = set(ctx.chain(top)) | {k for k, (w, _) in sway.items() if w > 0}
    strong = (
        ctx.mask(above)[ours_i] | (lvl0[ours_i] <= (top_lvl if top_lvl is not None else -1))
    ) & ~ctx.below(top)[ours_i]
    if not strong.any():
        return None
    held = ours_i[strong]
    order = np.lexsort((ctx.ids_a[held], -ctx.att_a[held], lvl0[held]))
    return str(ctx.ids_a[held[order[0]]])


def _candidates(
    ctx: Context, top: str, sway: Mapping[str, tuple[float, str]], levv: np.ndarray
) -> tuple[list[str], int]:
    """Who could restore parity, best first, and how many more were not named.

    T's bosses, people with a direct tie that sways T, and the account's people above T's
    level — never do-not-contact people, our or competitor staff, anyone backing a
    competitor or opposing us, or anyone in T's own line. Ordered by sway on T, then level,
    then leverage.
    """
    top_lvl = ctx.lvl(top)
    lvl0 = np.nan_to_num(ctx.lvl_a, nan=99.0)
    pool_i = set(np.flatnonzero(ctx.acct_a & (lvl0 < (top_lvl or 0))).tolist())
    pool_i |= {ctx.pos[p] for p in sway}
    idx = np.array(sorted(pool_i), dtype=np.int64)
    att = ctx.att_a[idx]
    keep = (
        ~ctx.dnc_a[idx]
        & (ctx.party_a[idx] != "us")
        & (ctx.party_a[idx] != "competitor")
        & (ctx.backs_a[idx] == "")
        & (np.isnan(att) | (np.nan_to_num(att) > -1))
        & (ctx.ids_a[idx] != top)
        & ~ctx.below(top)[idx]
    )
    idx = idx[keep]
    sw = np.array([sway.get(str(ctx.ids_a[i]), (0.0, ""))[0] for i in idx], dtype=float)
    order = np.lexsort((ctx.ids_a[idx], -levv[idx], np.nan_to_num(ctx.lvl_a[idx], nan=9), -sw))
    cands = [str(x) for x in ctx.ids_a[idx[order]][:MAX_CANDIDATES]]
    return cands, max(0, len(idx) - MAX_CANDIDATES)


def _ours_text(ctx: Context, top: str, ours_i: np.ndarray) -> str:
    """Who our best supporter is and why they fall short of ``top``."""
    if not len(ours_i):
        return ctx.say("cov_parity_ours_none")
    lvl0 = np.nan_to_num(ctx.lvl_a, nan=99.0)
    bi = ours_i[np.lexsort((ctx.ids_a[ours_i], -ctx.att_a[ours_i], lvl0[ours_i]))[0]]
    best = str(ctx.ids_a[bi])
    if not ctx.below(top)[bi]:
        return ctx.say("cov_parity_ours_lower", ours=ctx.who(best), level=ctx.lvl(best))
    chain = ctx.chain(best)
    between = chain[: chain.index(top)]
    via = (
        ctx.say("cov_via_people", people=ctx.join(str(ctx.labels_d[b]) for b in between))
        if between
        else ""
    )
    return ctx.say(
        "cov_parity_ours_below",
        ours=ctx.who(best),
        level=ctx.lvl(best),
        theirs=ctx.labels_d[top],
        via=via,
    )


def _gap_row(
    ctx: Context,
    comp: str,
    top: str,
    sway: Mapping[str, tuple[float, str]],
    ours_i: np.ndarray,
    cands: list[str],
    n_more: int,
) -> dict[str, Any]:
    top_lvl = ctx.lvl(top)
    need = max(1, (top_lvl or 2) - 1)
    need_text = ctx.say("cov_level_board") if need == 1 else ctx.say("cov_level_n", level=need)
    cand_text = (
        clauses((_cand_phrase(ctx, p, top, sway) for p in cands), lang=ctx.lang)
        if cands
        else ctx.say("cov_parity_no_candidate")
    )
    if n_more:
        cand_text += ctx.say("cov_parity_more", n=n_more)
    why = ctx.say(
        "cov_gap_level_parity",
        competitor=ctx.comp(comp),
        theirs=ctx.who(top),
        level=top_lvl,
        ours=_ours_text(ctx, top, ours_i),
        need=need_text,
        short=ctx.labels_d[top],
        candidates=cand_text,
    )
    return gap(ctx, "level_parity", Severity.HIGH, top, comp, cands, why)


def _cand_phrase(ctx: Context, p: str, top: str, sway: Mapping[str, tuple[float, str]]) -> str:
    """Say how candidate ``p`` constrains ``top``.

    By level, as their boss, higher up the reporting line (above the boss nearest ``top``),
    or by a tie that sways them.
    """
    w, kind = sway.get(p, (0.0, ""))
    lab = ctx.who(p)
    if w <= 0:
        return ctx.say("cov_cand_level", who=lab, level=ctx.lvl(p))
    if kind == "reports_to":
        bosses = ctx.chain(top)
        if bosses and bosses[0] != p:  # sway_on's reporting chain: p is further up
            return ctx.say("cov_cand_boss_up", who=lab, boss=ctx.labels_d[bosses[0]])
        return ctx.say("cov_cand_boss", who=lab)
    return ctx.say("cov_cand_sways", who=lab, kind=term("tie_kind", kind, lang=ctx.lang), weight=w)

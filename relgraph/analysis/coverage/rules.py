"""The coverage rules of DOMAIN.md §5, as a declared table of small rule functions.

Each rule is one function of the shared :class:`Evidence` returning its gap rows; the table
:data:`RULE_TABLE` gives its id, default severity and what it checks, in report order. To
add a rule: write the function, add one :class:`Rule` line, add its text templates to
:mod:`relgraph.text`, and a scenario test (``docs/architecture.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from relgraph.analysis.coverage.context import SUPPORTER, Context, Severity, gap, rows
from relgraph.analysis.coverage.report import GAP_COLUMNS
from relgraph.text import clauses, term
from relgraph.vocab import Role

__all__ = ["RULES", "RULE_TABLE", "Evidence", "Rule", "find_gaps"]

Gaps = list[dict[str, Any]]


@dataclass(frozen=True)
class Evidence:
    """What the rules read, gathered once per :func:`relgraph.coverage` call."""

    ctx: Context
    people: pd.DataFrame
    leverage: pd.Series
    key_power: float
    parity_gaps: Gaps
    factions: pd.DataFrame
    has_log: bool
    issues: pd.DataFrame | None

    #: :meth:`holders`, sorted once for every rule that reads them.
    _holders: pd.DataFrame = field(init=False, repr=False, compare=False)
    #: One named tuple per row of ``people`` (read once; :meth:`rows` hands them out).
    _records: list[Any] = field(init=False, repr=False, compare=False)
    #: Each person's place by leverage (1 = most), equal values in the given order.
    _lev_rank: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        people = self.people
        holders = people[people["power"] > 0].sort_values(
            ["power", "backing", "person"], ascending=[False, False, True], na_position="last"
        )
        object.__setattr__(self, "_holders", holders)
        object.__setattr__(self, "_records", list(rows(people)))
        ranked = self.leverage.sort_values(ascending=False, kind="stable").index
        rank = dict(zip(ranked.astype(str).tolist(), range(1, len(ranked) + 1), strict=True))
        object.__setattr__(self, "_lev_rank", rank)

    def leverage_rank(self, pid: str) -> int:
        """Return a person's place by leverage (1 = the most; after everyone when unknown)."""
        return self._lev_rank.get(pid, len(self._lev_rank) + 1)

    def rows(self, part: pd.DataFrame) -> list[Any]:
        """Return the rows of ``part`` (some of ``people``, in its order) as named tuples.

        The same values as :func:`relgraph.analysis.coverage.context.rows`, read from the
        people table once.
        """
        at = self.people.index.get_indexer(part.index)
        return [self._records[i] for i in at.tolist()]

    def holders(self) -> pd.DataFrame:
        """Role holders, most powerful first (then strongest competitor backing, then id)."""
        return self._holders

    def severity(self, power: float, low: Severity = Severity.MEDIUM) -> Severity:
        """High for people with at least the key power, else ``low``."""
        return Severity.HIGH if power >= self.key_power else low


@dataclass(frozen=True)
class Rule:
    """One coverage rule: its id, default severity and its function.

    What the rule checks, in words, is the catalogue's ``gap_rule_check`` term of its id.
    """

    id: str
    severity: Severity
    find: Callable[[Evidence], Gaps]

    @property
    def checks(self) -> str:
        """What the rule checks, in plain English (:func:`relgraph.text.term`)."""
        return term("gap_rule_check", self.id)


# --------------------------------------------------------------------------- chain rules
def level_parity(ev: Evidence) -> Gaps:
    """Flag competitors whose top supporter outranks ours (see :mod:`.parity`)."""
    return ev.parity_gaps


def no_decider_support(ev: Evidence) -> Gaps:
    """Flag an opportunity where no decider or approver supports us."""
    ctx = ev.ctx
    roles = ctx.roles
    sup = {p for p in ctx.power.index if (ctx.att(p) or 0) >= SUPPORTER}
    makers = roles[roles["role"].isin([str(Role.DECIDER), str(Role.APPROVER)])]
    ids = list(dict.fromkeys(makers.sort_values("power", ascending=False)["person"]))
    if not ids or set(ids) & sup:
        return []
    people = clauses((f"{ctx.who(p)} ({ctx.stance(p)})" for p in ids), lang=ctx.lang)
    why = ctx.say("cov_gap_no_decider_support", people=people)
    return [gap(ctx, "no_decider_support", Severity.HIGH, ids[0], "", ids, why)]


def key_players_against(ev: Evidence) -> Gaps:
    """Flag a decider on our side whom most of the other decision power opposes."""
    ctx = ev.ctx
    roles = ctx.roles
    sup = {p for p in ctx.power.index if (ctx.att(p) or 0) >= SUPPORTER}
    deciders = list(dict.fromkeys(roles.loc[roles["role"].eq(str(Role.DECIDER)), "person"]))
    ours = [d for d in deciders if d in sup]
    if not ours:
        return []
    others = ctx.power.drop(labels=ours)
    total = float(others.sum())
    share_not = float(others[~others.index.isin(sup)].sum()) / total if total > 0 else 0.0
    if share_not <= 0.5:
        return []
    names = ctx.join(str(ctx.labels_d[d]) for d in ours)
    why = ctx.say("cov_gap_key_players_against", deciders=names, share=share_not)
    return [gap(ctx, "key_players_against", Severity.MEDIUM, ours[0], "", (), why)]


def no_supporter_in_role(ev: Evidence) -> Gaps:
    """Flag roles where a competitor has a supporter and we have none."""
    ctx = ev.ctx
    roles = ctx.roles
    sup = {p for p in ctx.power.index if (ctx.att(p) or 0) >= SUPPORTER}
    by_role: dict[str, set[str]] = {}
    for role, pid in zip(roles["role"].tolist(), roles["person"].tolist(), strict=True):
        by_role.setdefault(role, set()).add(pid)
    out: Gaps = []
    for role in sorted(by_role):
        holders = by_role[role]
        if holders & sup:
            continue
        for comp in ctx.competitors:
            backers = sorted(
                (p for p in holders if ctx.backs_d.get(p, "") == comp),
                key=lambda p: (-float(ctx.power_d.get(p, 0.0)), p),
            )
            if not backers:
                continue
            high = role in (str(Role.DECIDER), str(Role.APPROVER))
            why = ctx.say(
                "cov_gap_no_supporter_in_role",
                competitor=ctx.comp(comp),
                role=term("role", role, lang=ctx.lang),
                theirs=ctx.join(ctx.who(b) for b in backers),
            )
            sev = Severity.HIGH if high else Severity.MEDIUM
            out.append(gap(ctx, "no_supporter_in_role", sev, backers[0], comp, (), why))
    return out


def no_competitor_supporter(ev: Evidence) -> Gaps:
    """Flag competitors with no supporter identified (we do not know whom they have)."""
    ctx = ev.ctx
    out: Gaps = []
    for comp in ctx.competitors:
        if not ctx.backs.eq(comp).any():
            why = ctx.say("cov_gap_no_competitor_supporter", competitor=ctx.comp(comp))
            out.append(gap(ctx, "no_competitor_supporter", Severity.MEDIUM, "", comp, (), why))
    if not ctx.competitors:
        why = ctx.say("cov_gap_no_competitor_at_all")
        out.append(gap(ctx, "no_competitor_supporter", Severity.MEDIUM, "", "", (), why))
    return out


# --------------------------------------------------------------------------- people rules
def uncovered_role(ev: Evidence) -> Gaps:
    """Flag role holders with no owner on our team."""
    ctx = ev.ctx
    out: Gaps = []
    for r in ev.rows(ev.holders()):
        if r.do_not_contact or r.n_owners != 0:
            continue
        pid = str(r.person)
        why = ctx.say(
            "cov_gap_uncovered",
            who=ctx.who(pid),
            roles=ctx.role_words(r.roles),
            extra=ctx.backs_text(pid),
        )
        out.append(gap(ctx, "uncovered_role", Severity.HIGH, pid, str(r.backs), (), why))
    return out


def single_threaded(ev: Evidence) -> Gaps:
    """Flag key people with one owner (the A/B rule asks for two)."""
    ctx = ev.ctx
    out: Gaps = []
    for r in ev.rows(ev.holders()):
        if r.do_not_contact or r.n_owners != 1:
            continue
        pid = str(r.person)
        why = ctx.say(
            "cov_gap_single_threaded",
            who=ctx.who(pid),
            roles=ctx.role_words(r.roles),
            owner=ctx.labels_d[r.owners],
            extra=ctx.backs_text(pid),
        )
        sev = ev.severity(r.power)
        out.append(gap(ctx, "single_threaded", sev, pid, str(r.backs), (), why))
    return out


def few_channels(ev: Evidence) -> Gaps:
    """Flag key people with fewer than two independent information channels."""
    ctx = ev.ctx
    out: Gaps = []
    holders = ev.holders()
    for r in ev.rows(holders[holders["power"] >= ev.key_power]):
        pid = str(r.person)
        if r.do_not_contact or r.n_channels >= 2:
            continue
        chans = ctx.informs.get(pid, ())
        listed = ctx.join(str(ctx.labels_d[c]) for c in chans)
        why = ctx.say(
            "cov_gap_few_channels",
            who=ctx.who(pid),
            roles=ctx.role_words(r.roles),
            n=int(r.n_channels),
            listed=ctx.say("cov_channels_listed", people=listed) if chans else "",
        )
        out.append(gap(ctx, "few_channels", Severity.MEDIUM, pid, str(r.backs), (), why))
    return out


def level_mismatch(ev: Evidence) -> Gaps:
    """Flag key people whose owners all sit below their level."""
    ctx = ev.ctx
    out: Gaps = []
    holders = ev.holders()
    for r in ev.rows(holders[holders["power"] >= ev.key_power]):
        pid = str(r.person)
        lvl = ctx.lvl(pid)
        owners = ctx.owners.get(pid, ())
        own_lvls = [lv for o in owners if (lv := ctx.lvl(o)) is not None]
        if r.do_not_contact or lvl is None or not own_lvls or min(own_lvls) <= lvl:
            continue
        listed = ctx.join(f"{ctx.labels_d[o]} ({ctx.lvl(o)})" for o in owners)
        why = ctx.say("cov_gap_level_mismatch", who=ctx.who(pid), level=lvl, owners=listed)
        out.append(gap(ctx, "level_mismatch", Severity.LOW, pid, "", (), why))
    return out


def unmanaged_opponent(ev: Evidence) -> Gaps:
    """Flag opponents and competitor backers with high leverage and no owner."""
    people = ev.people
    pick = people[
        ((people["attitude"] <= -1).fillna(False) | people["backs"].ne(""))
        & people["n_owners"].eq(0)
        & ~people["do_not_contact"]
    ]
    return _high_leverage(ev, pick.sort_values("leverage", ascending=False), "unmanaged_opponent")


def unowned_influencer(ev: Evidence) -> Gaps:
    """Flag hidden influencers with high leverage and no owner on our team."""
    people = ev.people
    pick = people[people["hidden"] & people["n_owners"].eq(0) & ~people["do_not_contact"]]
    ranked = pick.sort_values(["leverage", "person"], ascending=[False, True])
    return _high_leverage(ev, ranked, "unowned_influencer")


def _high_leverage(ev: Evidence, ranked: pd.DataFrame, rule: str) -> Gaps:
    """One gap per person of ``ranked`` whose leverage ranks among the role holders' count.

    "High leverage": at most as far down everyone's leverage ranking as there are role
    holders (at least 1), and above 0. The ``why`` is the rule's ``cov_gap_<rule>`` text.
    """
    ctx = ev.ctx
    n_top = max(1, int((ev.people["power"] > 0).sum()))
    out: Gaps = []
    for r in ev.rows(ranked):
        pid = str(r.person)
        rk = ev.leverage_rank(pid)
        if rk > n_top or not (r.leverage > 0):
            continue
        why = ctx.say(
            f"cov_gap_{rule}",
            who=ctx.who(pid),
            stance=ctx.stance(pid),
            leverage=float(r.leverage),
            rank=rk,
            n=n_top,
        )
        out.append(gap(ctx, rule, Severity.HIGH, pid, str(r.backs), (), why))
    return out


def faction_without_supporter(ev: Evidence) -> Gaps:
    """Flag factions holding decision power with no supporter of ours."""
    ctx = ev.ctx
    out: Gaps = []
    for r in ev.factions.to_dict("records"):
        members: list[str] = list(r["members"])
        holders = [p for p in members if float(ctx.power_d.get(p, 0.0)) >= ev.key_power]
        if int(r["supporters"]) > 0 or not holders:
            continue
        holders.sort(key=lambda p: (-float(ctx.power_d.get(p, 0.0)), p))
        back = ctx.backs.reindex(members)
        backs = back[back.ne("")].value_counts()
        lean = ctx.say("cov_gap_lean", competitor=ctx.comp(backs.index[0])) if len(backs) else ""
        why = ctx.say(
            "cov_gap_faction",
            faction=int(r["faction"]),
            size=int(r["size"]),
            holders=ctx.join(ctx.who(h) for h in holders),
            share=float(r["power_share"]),
            lean=lean,
        )
        comp = str(backs.index[0]) if len(backs) else ""
        out.append(
            gap(ctx, "faction_without_supporter", Severity.MEDIUM, holders[0], comp, holders, why)
        )
    return out


# --------------------------------------------------------------------------- time rules
def open_issue(ev: Evidence) -> Gaps:
    """Flag key people with a customer issue open longer than ``open_issue_days``."""
    ctx = ev.ctx
    if ev.issues is None or not len(ev.issues):
        return []
    od = ev.issues[ev.issues["overdue"].astype(bool) & ev.issues["status"].eq("open")]
    keyset = set(ev.people["person"].astype(str))
    per: dict[str, list[str]] = {}
    for r in rows(od):
        item = ctx.say(
            "cov_issue_item",
            issue=str(r.issue) or ctx.say("cov_issue_noref"),
            opened=pd.Timestamp(r.opened).date().isoformat(),
            days=int(r.age_days),
            owner=str(r.owner_name),
        )
        for pid in str(r.people).split(";"):
            if pid in keyset:
                per.setdefault(pid, []).append(item)
    out: Gaps = []
    for pid in sorted(per, key=lambda x: (-ctx.power_d.get(x, 0.0), x)):
        why = ctx.say(
            "cov_gap_open_issue",
            who=ctx.who(pid),
            roles=ctx.roles_of(pid),
            n=len(per[pid]),
            limit=ctx.s.open_issue_days,
            items=clauses(per[pid], lang=ctx.lang),
        )
        sev = ev.severity(ctx.power_d.get(pid, 0.0))
        out.append(gap(ctx, "open_issue", sev, pid, ctx.backs_d.get(pid, ""), (), why))
    return out


def stale_contact(ev: Evidence) -> Gaps:
    """Flag covered role holders with no logged contact for ``contact_stale_days``."""
    ctx, people = ev.ctx, ev.people
    if not ev.has_log or people.empty:
        return []
    limit = pd.Timestamp(ctx.as_of) - pd.Timedelta(days=ctx.s.contact_stale_days)
    last = pd.to_datetime(people["last_contact"])
    holder = people["roles"].fillna("").astype(str).str.len().gt(0).to_numpy(dtype=bool)
    owned = people["n_owners"].fillna(0).astype(int).gt(0).to_numpy(dtype=bool)
    cold = (last.isna() | (last < limit)).to_numpy(dtype=bool)
    out: Gaps = []
    for r in ev.rows(
        people[holder & owned & cold].sort_values(["power", "person"], ascending=[False, True])
    ):
        when = pd.Timestamp(r.last_contact)
        if pd.isna(when):
            detail = ctx.say("cov_contact_never")
        else:
            days = (ctx.as_of - when.date()).days
            detail = ctx.say("cov_contact_last", date=when.date().isoformat(), days=days)
        owners = [o for o in (x.strip() for x in str(r.owners).split(";")) if o]
        why = ctx.say(
            "cov_gap_stale_contact",
            who=ctx.who(str(r.person)),
            owners=ctx.join(str(ctx.labels_d.get(o, o)) for o in owners),
            detail=detail,
            limit=ctx.s.contact_stale_days,
        )
        sev = Severity.MEDIUM if float(r.power) >= ev.key_power else Severity.LOW
        out.append(gap(ctx, "stale_contact", sev, str(r.person), str(r.backs), (), why))
    return out


def stale_attitude(ev: Evidence) -> Gaps:
    """Flag attitudes assessed longer ago than ``settings.stale_days``."""
    ctx = ev.ctx
    out: Gaps = []
    stale = ev.rows(ev.people[ev.people["stale"]])
    for r in sorted(stale, key=lambda r: (r.updated, r.person)):  # a stale date is never blank
        day = pd.Timestamp(r.updated).date()
        why = ctx.say(
            "cov_gap_stale",
            who=ctx.who(str(r.person)),
            date=day.isoformat(),
            days=(ctx.as_of - day).days,
            as_of=ctx.as_of.isoformat(),
            limit=ctx.s.stale_days,
        )
        out.append(gap(ctx, "stale_attitude", Severity.LOW, str(r.person), str(r.backs), (), why))
    return out


#: Every rule, in report order (within a severity, gaps are listed in this order).
RULE_TABLE: tuple[Rule, ...] = (
    Rule("level_parity", Severity.HIGH, level_parity),
    Rule("no_decider_support", Severity.HIGH, no_decider_support),
    Rule("uncovered_role", Severity.HIGH, uncovered_role),
    Rule("unmanaged_opponent", Severity.HIGH, unmanaged_opponent),
    Rule("unowned_influencer", Severity.HIGH, unowned_influencer),
    Rule("no_supporter_in_role", Severity.MEDIUM, no_supporter_in_role),
    Rule("key_players_against", Severity.MEDIUM, key_players_against),
    Rule("faction_without_supporter", Severity.MEDIUM, faction_without_supporter),
    Rule("single_threaded", Severity.MEDIUM, single_threaded),
    Rule("few_channels", Severity.MEDIUM, few_channels),
    Rule("no_competitor_supporter", Severity.MEDIUM, no_competitor_supporter),
    Rule("level_mismatch", Severity.LOW, level_mismatch),
    Rule("open_issue", Severity.MEDIUM, open_issue),
    Rule("stale_contact", Severity.LOW, stale_contact),
    Rule("stale_attitude", Severity.LOW, stale_attitude),
)

#: Gap rules: id → (default severity, what the rule checks), from :data:`RULE_TABLE`.
RULES: Mapping[str, tuple[str, str]] = {r.id: (str(r.severity), r.checks) for r in RULE_TABLE}
_SEVERITY_ORDER = {str(s): i for i, s in enumerate(Severity)}


def find_gaps(ev: Evidence) -> pd.DataFrame:
    """Run every rule; gaps sorted by severity, then rule order, then as each rule found them."""
    found = [g for rule in RULE_TABLE for g in rule.find(ev)]
    order = {r.id: i for i, r in enumerate(RULE_TABLE)}
    found.sort(key=lambda g: (_SEVERITY_ORDER[g["severity"]], order[g["rule"]]))  # stable
    return pd.DataFrame(found, columns=GAP_COLUMNS)

"""Monitoring over time: what changed between two snapshots of an account, and the trend.

A snapshot is the account's tables as the team recorded them on a date (a folder of CSV
files named ``YYYY-MM-DD``, or a loaded network). :func:`diff` lists the changes the
planning practice asks the team to watch (DOMAIN.md §9): people joining, leaving or
changing position — key positions first —, attitude shifts with the date they were
assessed, new or lost competitor supporters, coverage gaps opened and closed, and the
change of the decision support index. :func:`load_history` reads a series of snapshots
into a trend table of the support index per party; :func:`relgraph.viz.trend.plot_trend`
draws it.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph.analysis._people_changes import person_changes as _person_changes
from relgraph.checks import check_bool, check_date
from relgraph.errors import UnknownOpportunityError
from relgraph.io.html_table import html_result, html_table
from relgraph.loading import Snapshot, load, load_snapshots
from relgraph.network import RelationshipNetwork
from relgraph.text import clauses, say

if TYPE_CHECKING:
    pass

__all__ = [
    "CHANGE_COLUMNS",
    "CHANGE_KINDS",
    "INDEX_COLUMNS",
    "TREND_COLUMNS",
    "Snapshot",
    "SnapshotDiff",
    "diff",
    "load_history",
]


#: Kinds of change, in the order they are listed (after key-position personnel changes).
CHANGE_KINDS: tuple[str, ...] = (
    "joined",
    "left",
    "position",
    "role",
    "attitude",
    "new_supporter",
    "lost_supporter",
    "support_strength",
    "gap_opened",
    "gap_closed",
    "index",
)
_PERSONNEL = frozenset({"joined", "left", "position", "role"})

#: Columns of :attr:`SnapshotDiff.changes`.
CHANGE_COLUMNS = [
    "kind",
    "person",
    "label",
    "key_position",
    "opportunity",
    "before",
    "after",
    "date",
    "why",
]
#: Columns of :attr:`SnapshotDiff.index`.
INDEX_COLUMNS = ["opportunity", "party", "name", "before", "after", "change"]
#: Columns of the trend table returned by :func:`load_history`.
TREND_COLUMNS = [
    "date",
    "opportunity",
    "party",
    "name",
    "kind",
    "index",
    "supporters",
    "supporter_power_share",
]
_GAP_KEYS = ("rule", "person", "competitor")
_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EPS = 1e-9


@dataclass(frozen=True, eq=False)
class SnapshotDiff:
    """What changed between two snapshots of an account.

    Attributes
    ----------
    changes : pandas.DataFrame
        One row per change, personnel changes in key positions first; columns
        :data:`CHANGE_COLUMNS`: ``kind`` (one of :data:`CHANGE_KINDS`), ``person`` (id;
        blank for index rows), ``label``, ``key_position`` (holds a buying role or sits at
        level 1–2 in either snapshot), ``opportunity`` (for roles, gaps and the index),
        ``before`` and ``after`` (text; a gap's ``rule (severity)`` ids), ``date`` (when
        the new state was assessed: the person's ``updated`` for attitudes and backing,
        else the new snapshot's date; NaT when unknown) and ``why``.
    index : pandas.DataFrame
        The support index per opportunity and party in both snapshots; columns
        :data:`INDEX_COLUMNS`.
    old_date, new_date : pandas.Timestamp or None
        The snapshots' dates (given, or read from ``YYYY-MM-DD`` folder names).
    note : str
        What was left out for privacy, and what could not be compared.
    language : str
        The language of the texts: the later snapshot's ``settings.language`` (the
        earlier snapshot is compared in the same language).

    Examples
    --------
    >>> import relgraph as rg
    >>> d = rg.diff(rg.datasets.tiny(), rg.datasets.tiny())
    >>> len(d), d.changes.empty
    (0, True)
    """

    changes: pd.DataFrame
    index: pd.DataFrame
    old_date: pd.Timestamp | None = None
    new_date: pd.Timestamp | None = None
    note: str = ""
    notes: tuple[str, ...] = field(default=())
    language: str = "en"

    def __len__(self) -> int:
        return len(self.changes)

    def __repr__(self) -> str:
        return f"SnapshotDiff({len(self.changes)} changes, {_when(self.old_date, self.new_date)})"

    @property
    def narrative(self) -> str:
        """A short plain-language summary: one headline, then one line per group."""
        return _narrative(self)

    def _repr_html_(self) -> str:
        lang = self.language
        head, *lines = self.narrative.splitlines()
        if self.note and lines and lines[-1] == self.note:
            lines.pop()  # the notes show as notes, under the tables
        tables = [
            (say("repr_caption_changes", lang=lang), html_table(self.changes, lang=lang)),
            (say("repr_caption_diff_index", lang=lang), html_table(self.index, lang=lang)),
        ]
        return html_result(head, facts=lines, tables=tables, notes=self.notes)


def _when(old: pd.Timestamp | None, new: pd.Timestamp | None, lang: str = "en") -> str:
    a = old.date().isoformat() if old is not None else say("mon_before", lang=lang)
    b = new.date().isoformat() if new is not None else say("mon_now", lang=lang)
    return say("mon_between", old=a, new=b, lang=lang)


def _as_stamp(value: Any, name: str = "date") -> pd.Timestamp | None:
    """Return a snapshot's date (ISO ``YYYY-MM-DD``, a date or a timestamp), or raise."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(check_date(name, value))


def _load(snapshot: Snapshot) -> tuple[RelationshipNetwork, pd.Timestamp | None]:
    if isinstance(snapshot, RelationshipNetwork):
        return snapshot, None
    path = Path(snapshot)
    stamp = _as_stamp(path.name) if _DATE_DIR.match(path.name) else None
    return load(path), stamp


def _hidden_people(net: RelationshipNetwork, include_sensitive: bool) -> set[str]:
    from relgraph.privacy import share_policy

    policy = share_policy(net, include_sensitive=include_sensitive)
    return set(net.person_ids[~policy.people])


def _common_opportunities(
    old: RelationshipNetwork, new: RelationshipNetwork, opportunity: str | None
) -> list[str]:
    a = old.opportunities["id"].astype(str).tolist()
    b = new.opportunities["id"].astype(str).tolist()
    if opportunity is not None:
        for known in (a, b):
            if str(opportunity) not in known:
                raise UnknownOpportunityError(opportunity, known)
        return [str(opportunity)]
    return [o for o in b if o in a]


def _gap_changes(
    old: RelationshipNetwork,
    new: RelationshipNetwork,
    opps: Iterable[str],
    old_date: pd.Timestamp | None,
    new_date: pd.Timestamp | None,
    include_sensitive: bool,
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], pd.DataFrame]]:
    """Gaps opened and closed (one coverage run per snapshot and opportunity).

    Also returns each run's support-index summary, keyed by (``"old"``/``"new"``, opp), so
    the index table needs no second influence solve.
    """
    from relgraph.analysis.coverage.check import coverage_gaps

    rows: list[dict[str, Any]] = []
    summaries: dict[tuple[str, str], pd.DataFrame] = {}
    lang = new.settings.language

    def key(g: pd.DataFrame) -> pd.Series:
        parts = [g[c].astype(object).where(g[c].notna(), "").astype(str) for c in _GAP_KEYS]
        return parts[0] + "\x1f" + parts[1] + "\x1f" + parts[2]

    for opp in opps:
        ca = coverage_gaps(old, opp, as_of=_date_arg(old_date), include_sensitive=include_sensitive)
        if new is old and new_date == old_date:
            cb = ca  # the same snapshot twice: one run
        else:
            cb = coverage_gaps(
                new, opp, as_of=_date_arg(new_date), include_sensitive=include_sensitive
            )
        summaries[("old", opp)], summaries[("new", opp)] = ca.summary, cb.summary
        ga, gb = ca.gaps, cb.gaps
        ka, kb = key(ga), key(gb)
        for kind, frame, closed in (
            ("gap_opened", gb[~kb.isin(ka).to_numpy(bool)], False),
            ("gap_closed", ga[~ka.isin(kb).to_numpy(bool)], True),
        ):
            if not len(frame):
                continue
            f = frame.astype(object).where(frame.notna(), "")
            person = f["person"].astype(str)
            name = f["name"].astype(str)
            gap = f["rule"].astype(str) + " (" + f["severity"].astype(str) + ")"
            for pid, label, text, why in zip(
                person, name.where(name.ne(""), person), gap, f["why"].astype(str), strict=True
            ):
                rows.append(
                    {
                        "kind": kind,
                        "person": pid,
                        "label": label,
                        "key_position": False,
                        "opportunity": opp,
                        "before": text if closed else "",
                        "after": "" if closed else text,
                        "date": new_date,
                        "why": say(f"mon_{kind}", opp=opp, why=why, lang=lang),
                    }
                )
    return rows, summaries


def _date_arg(stamp: pd.Timestamp | None) -> _dt.date | None:
    return None if stamp is None else stamp.date()


def _index_table(
    old: RelationshipNetwork,
    new: RelationshipNetwork,
    opps: Iterable[str],
    summaries: Mapping[tuple[str, str], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    from relgraph.analysis.influence import support_index

    def index_of(which: str, net: RelationshipNetwork, opp: str) -> pd.DataFrame:
        if summaries is not None and (which, opp) in summaries:
            s = summaries[(which, opp)]
            names = net.org_labels
            party = s["party"].astype(str)
            us = say("party_us", lang=net.settings.language)
            name = party.map(lambda p: us if p == "us" else str(names.get(p, p)))
            return pd.DataFrame({"party": party, "name": name, "index": s["index"].astype(float)})
        return support_index(net, opp)[["party", "name", "index"]]

    frames = []
    for opp in opps:
        a = index_of("old", old, opp).rename(columns={"index": "before"})
        b = index_of("new", new, opp).rename(columns={"index": "after"})
        m = b.merge(a.drop(columns="name"), on="party", how="outer")
        m["name"] = m["name"].fillna(m["party"])
        m.insert(0, "opportunity", opp)
        m["change"] = m["after"] - m["before"]
        frames.append(m)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in INDEX_COLUMNS})
    return pd.concat(frames, ignore_index=True)[INDEX_COLUMNS]


def diff(
    old: Snapshot,
    new: Snapshot,
    *,
    opportunity: str | None = None,
    old_date: _dt.date | str | None = None,
    new_date: _dt.date | str | None = None,
    gaps: bool = True,
    include_sensitive: bool = False,
) -> SnapshotDiff:
    """List what changed between two snapshots of an account.

    Parameters
    ----------
    old, new : RelationshipNetwork, str or Path
        The earlier and the later snapshot: networks, or folders / workbooks to load.
        A folder named ``YYYY-MM-DD`` gives the snapshot's date.
    opportunity : str, optional
        Compare roles, gaps and the support index of this opportunity only; by default,
        every opportunity present in both snapshots.
    old_date, new_date : datetime.date or str, optional
        The snapshots' dates (override the folder names). Coverage gaps are checked as of
        these dates (stale attitudes depend on them).
    gaps : bool
        Also compare coverage gaps (:func:`relgraph.analysis.coverage.coverage`, one run
        per snapshot and opportunity).
    include_sensitive : bool
        Also list changes of people known to us only through sensitive ties, and let
        coverage use sensitive ties.

    Returns
    -------
    SnapshotDiff
        ``.changes`` (:data:`CHANGE_COLUMNS`), ``.index``, ``.narrative``, ``.note``.

    Raises
    ------
    UnknownOpportunityError
        When ``opportunity`` is missing from either snapshot.
    ValidationError
        When a snapshot path does not load.

    Notes
    -----
    People are matched by id. A person present only in ``new`` joined, only in ``old``
    left; a changed title or level is a ``position`` change; a changed set of buying roles
    in an opportunity is a ``role`` change. An attitude shift is any change of the −3..+3
    score (blank counts as unknown). A person who starts backing a competitor, or backs a
    different one, is a new supporter of it (and a lost supporter of the old one). A gap
    is identified by (rule, person, competitor): present only in ``new`` it opened, only
    in ``old`` it closed. Index rows appear when a party's support index (see
    :func:`relgraph.analysis.influence.support_index`) moved by more than 1e-9.
    Personnel changes of people in key positions (a buying role or level 1–2 in either
    snapshot) come first, then the other personnel changes, then the rest in the order of
    :data:`CHANGE_KINDS`.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> len(diff(net, net))
    0
    >>> people = net.people.assign(attitude=net.people["attitude"].where(
    ...     net.people["id"] != "p2", -1))
    >>> later = rg.RelationshipNetwork.from_frames(net.orgs, people, net.ties,
    ...                                            net.opportunities, net.roles)
    >>> d = diff(net, later, gaps=False)
    >>> d.changes[["kind", "person", "before", "after"]].iloc[:1]
           kind person before after
    0  attitude     p2     +1    -1
    >>> d.changes["kind"].tolist()
    ['attitude', 'index']
    """
    given = (_as_stamp(old_date, "old_date"), _as_stamp(new_date, "new_date"))
    gaps = check_bool("gaps", gaps)
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    old_net, old_stamp = _load(old)
    new_net, new_stamp = _load(new)
    lang = (new_net if isinstance(new, RelationshipNetwork) else old_net).settings.language
    old_net, new_net = _in_language(old_net, lang), _in_language(new_net, lang)
    old_stamp = given[0] if given[0] is not None else old_stamp
    new_stamp = given[1] if given[1] is not None else new_stamp
    rows = _person_changes(old_net, new_net, new_stamp)
    hidden = _hidden_people(old_net, include_sensitive) | _hidden_people(new_net, include_sensitive)
    n_people_rows = len(rows)
    rows = [r for r in rows if r["person"] not in hidden]
    left_out = n_people_rows - len(rows)
    opps = _common_opportunities(old_net, new_net, opportunity)
    summaries = None
    if gaps:
        gap_rows, summaries = _gap_changes(
            old_net, new_net, opps, old_stamp, new_stamp, include_sensitive
        )
        kept = [r for r in gap_rows if r["person"] not in hidden]
        left_out += len(gap_rows) - len(kept)
        rows += kept
    index = _index_table(old_net, new_net, opps, summaries)
    r: Any
    for r in index.itertuples(index=False):
        if pd.isna(r.before) or pd.isna(r.after) or abs(float(r.change)) > _EPS:
            before = "" if pd.isna(r.before) else f"{float(r.before):+.3f}"
            after = "" if pd.isna(r.after) else f"{float(r.after):+.3f}"
            rows.append(
                {
                    "kind": "index",
                    "person": "",
                    "label": str(r.name),
                    "key_position": False,
                    "opportunity": str(r.opportunity),
                    "before": before,
                    "after": after,
                    "date": new_stamp,
                    "why": say(
                        "mon_index",
                        party=r.name,
                        opp=r.opportunity,
                        before=before or "—",
                        after=after or "—",
                        lang=lang,
                    ),
                }
            )
    changes = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    if len(changes):
        order = {k: i for i, k in enumerate(CHANGE_KINDS)}
        personnel = changes["kind"].isin(_PERSONNEL)
        group = np.where(personnel & changes["key_position"], 0, np.where(personnel, 1, 2))
        changes = (
            changes.assign(_g=group, _k=changes["kind"].map(order))
            .sort_values(["_g", "_k"], kind="stable")
            .drop(columns=["_g", "_k"])
            .reset_index(drop=True)
        )
    changes["date"] = pd.to_datetime(changes["date"])
    changes["key_position"] = changes["key_position"].astype(bool)
    notes: list[str] = []
    if left_out:
        notes.append(say("mon_left_out", n=left_out, lang=lang))
    if hidden:
        notes.append(say("mon_withheld_people", n=len(hidden), lang=lang))
    if not left_out and not hidden:
        notes.append(
            say("mon_included" if include_sensitive else "mon_nothing_left_out", lang=lang)
        )
    if not gaps:
        notes.append(say("mon_no_gaps", lang=lang))
    note = " ".join(notes)
    return SnapshotDiff(changes, index, old_stamp, new_stamp, note, tuple(notes), lang)


def _in_language(net: RelationshipNetwork, lang: str) -> RelationshipNetwork:
    """Return the network writing its texts in ``lang`` (itself when it already does)."""
    return net if net.settings.language == lang else net.with_settings(language=lang)


def _narrative(d: SnapshotDiff) -> str:
    lang = d.language
    when = _when(d.old_date, d.new_date, lang)
    c = d.changes
    if not len(c):
        return say("mon_none", when=when, lang=lang)
    lines = [say("mon_head", n=len(c), when=when, lang=lang)]
    personnel = c["kind"].isin(_PERSONNEL)
    groups = [
        ("mon_group_key", personnel & c["key_position"]),
        ("mon_group_people", personnel & ~c["key_position"]),
        ("mon_group_attitude", c["kind"].eq("attitude")),
        (
            "mon_group_backing",
            c["kind"].isin(["new_supporter", "lost_supporter", "support_strength"]),
        ),
    ]
    for key, mask in groups:
        if mask.any():
            lines.append(say(key, items=clauses(c.loc[mask, "why"], lang=lang), lang=lang))
    opened = int(c["kind"].eq("gap_opened").sum())
    closed = int(c["kind"].eq("gap_closed").sum())
    if opened or closed:
        lines.append(say("mon_group_gaps", opened=opened, closed=closed, lang=lang))
    idx = c["kind"].eq("index")
    if idx.any():
        lines.append(say("mon_group_index", items=clauses(c.loc[idx, "why"], lang=lang), lang=lang))
    if d.note:
        lines.append(d.note)
    return "\n".join(lines)


# --------------------------------------------------------------------------- history
def load_history(
    source: str | Path | Mapping[Any, Snapshot],
    *,
    opportunity: str | None = None,
) -> pd.DataFrame:
    """Read a series of snapshots into a trend table of the support index per party.

    Parameters
    ----------
    source : str, Path or mapping
        A folder whose subfolders named ``YYYY-MM-DD`` are snapshots (other entries are
        ignored), or a mapping of date → network or path (e.g.
        :func:`relgraph.datasets.snapshots`).
    opportunity : str, optional
        One opportunity; by default every opportunity of each snapshot.

    Returns
    -------
    pandas.DataFrame
        One row per date, opportunity and party, oldest first; columns
        :data:`TREND_COLUMNS` (``index`` is ours on −3..+3, a competitor's on 0..3, as in
        :func:`relgraph.analysis.influence.support_index`). ``attrs["language"]`` is the
        latest snapshot's ``settings.language`` (:func:`relgraph.plot_trend` draws in it).

    Raises
    ------
    RelgraphError
        When the folder holds no dated snapshot.
    ValueError
        For an unreadable date in a mapping.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.tiny()
    >>> h = load_history({"2026-01-31": net, "2026-06-30": net})
    >>> h[["date", "opportunity", "party"]]
            date opportunity party
    0 2026-01-31          O1    us
    1 2026-01-31          O1     R
    2 2026-06-30          O1    us
    3 2026-06-30          O1     R
    """
    from relgraph.analysis.influence import support_index

    frames = []
    lang = "en"
    for day, net in load_snapshots(source):
        stamp = pd.Timestamp(day)
        lang = net.settings.language
        opps = (
            [net.resolve_opportunity(opportunity)]
            if opportunity is not None
            else net.opportunities["id"].astype(str).tolist()
        )
        for opp in opps:
            si = support_index(net, opp)
            si.insert(0, "opportunity", opp)
            si.insert(0, "date", stamp)
            frames.append(si)
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TREND_COLUMNS})
    out = pd.concat(frames, ignore_index=True)[TREND_COLUMNS]
    out["date"] = pd.to_datetime(out["date"])
    out.attrs["language"] = lang
    return out

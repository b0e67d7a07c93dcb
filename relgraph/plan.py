"""The yearly planning set: status assessment, target task book, action plan, customer cards.

:func:`plan` turns the coverage check and the target recommendations of one opportunity
into the four documents the account team works from (DOMAIN.md §8–§9) and writes them as
one formatted Excel workbook, a self-contained HTML page or Markdown.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from relgraph.network import RelationshipNetwork
from relgraph.text import say

__all__ = [
    "ABOUT_COLUMNS",
    "ABOUT_SHEET",
    "ACTION_COLUMNS",
    "CARD_COLUMNS",
    "PERIODS",
    "REQUIRED",
    "SHEETS",
    "STATUS_COLUMNS",
    "TARGET_COLUMNS",
    "Plan",
    "column_meaning",
    "plan",
]

Period = Literal["year", "half-year"]
#: Planning cycles and their length in days.
PERIODS: Mapping[str, int] = {"year": 365, "half-year": 182}

#: Columns of :attr:`Plan.status` and their types.
STATUS_COLUMNS: dict[str, str] = {
    "person": "str",
    "name": "str",
    "title": "str",
    "level": "int",
    "roles": "str",
    "power": "float",
    "attitude": "int",
    "updated": "date",
    "stale": "bool",
    "backs": "str",
    "backing": "int",
    "hidden": "bool",
    "owners": "str",
    "n_owners": "int",
    "channels": "str",
    "n_channels": "int",
    "route_strength": "float",
    "last_contact": "date",
    "gaps": "str",
    "why": "str",
}
#: Columns of :attr:`Plan.targets` and their types.
TARGET_COLUMNS: dict[str, str] = {
    "rank": "int",
    "person": "str",
    "name": "str",
    "objective": "str",
    "competitor": "str",
    "attitude": "int",
    "goal": "int",
    "owner_a": "str",
    "owner_b": "str",
    "sponsor": "str",
    "deadline": "date",
    "measure": "str",
    "gain": "float",
    "route": "str",
    "why": "str",
}
#: Columns of :attr:`Plan.actions` and their types.
ACTION_COLUMNS: dict[str, str] = {
    "target": "str",
    "name": "str",
    "step": "int",
    "kind": "str",
    "who": "str",
    "action": "str",
    "when": "date",
    "why": "str",
}
#: Columns of :attr:`Plan.cards` and their types.
CARD_COLUMNS: dict[str, str] = {
    "target": "str",
    "name": "str",
    "org": "str",
    "title": "str",
    "level": "int",
    "roles": "str",
    "attitude": "int",
    "goal": "int",
    "competitor": "str",
    "owner_a": "str",
    "owner_b": "str",
    "sponsor": "str",
    "trust_channel": "str",
    "activities": "str",
    "review": "str",
}
#: Sheet names and their columns, in workbook order (after the cover).
SHEETS: dict[str, dict[str, str]] = {
    "Status": STATUS_COLUMNS,
    "Targets": TARGET_COLUMNS,
    "Actions": ACTION_COLUMNS,
    "Cards": CARD_COLUMNS,
}
#: Columns that are never blank, per sheet.
REQUIRED: dict[str, tuple[str, ...]] = {
    "Status": ("person", "name", "n_owners", "n_channels", "why"),
    "Targets": (
        "rank",
        "person",
        "name",
        "objective",
        "attitude",
        "goal",
        "owner_a",
        "sponsor",
        "deadline",
        "measure",
        "gain",
        "route",
        "why",
    ),
    "Actions": ("target", "name", "step", "kind", "who", "action", "when", "why"),
    "Cards": (
        "target",
        "name",
        "org",
        "attitude",
        "goal",
        "owner_a",
        "sponsor",
        "trust_channel",
        "activities",
        "review",
    ),
}
#: Name of the last sheet of the workbook, which explains every sheet and column.
ABOUT_SHEET = "About"
#: Columns of :meth:`Plan.about`.
ABOUT_COLUMNS: tuple[str, ...] = ("sheet", "column", "type", "meaning")
_ATTITUDE_COLUMNS = ("attitude", "goal")
_URGENT = frozenset({"neutralise", "counter"})


def _coerce(frame: pd.DataFrame, schema: Mapping[str, str]) -> pd.DataFrame:
    """Give ``frame`` exactly the columns and types of ``schema`` (blank text is "")."""
    out = pd.DataFrame(index=range(len(frame)))
    for col, kind in schema.items():
        s = (
            frame[col].reset_index(drop=True)
            if col in frame
            else pd.Series([None] * len(frame), dtype=object)
        )
        if kind == "str":
            out[col] = s.astype(object).where(s.notna(), "").astype(str).astype(object)
        elif kind == "int":
            out[col] = pd.to_numeric(s, errors="coerce").round().astype("Int64")
        elif kind == "float":
            out[col] = pd.to_numeric(s, errors="coerce").astype(float)
        elif kind == "bool":
            out[col] = s.astype("boolean").fillna(False).astype(bool)
        elif kind == "date":
            out[col] = pd.to_datetime(s, errors="coerce").dt.normalize().astype("datetime64[ns]")
        else:  # pragma: no cover - schemas are constants
            raise ValueError(kind)
    return out


@dataclass(frozen=True, eq=False)
class Plan:
    """The yearly planning set of one opportunity (DOMAIN.md §9).

    Attributes
    ----------
    status : pandas.DataFrame
        The status assessment: every key person (role holders, hidden influencers,
        competitors' supporters, level-parity candidates) with role, level, attitude and
        when it was assessed, competitor backing, owners, information channels, best
        route strength, last contact and the gaps that name them (columns
        :data:`STATUS_COLUMNS`).
    targets : pandas.DataFrame
        The target task book: per target, current → goal attitude, objective, owners A
        and B, sponsor, deadline, measure of success (columns :data:`TARGET_COLUMNS`).
    actions : pandas.DataFrame
        The relationship action plan: per target the route steps, the sponsor's
        touchpoints and the review dates (columns :data:`ACTION_COLUMNS`).
    cards : pandas.DataFrame
        One key-customer expansion card per target: identification, sponsor, trust
        channel, activities, review (columns :data:`CARD_COLUMNS`).
    opportunity : str
        The opportunity planned.
    as_of : datetime.date
        Start of the planning cycle.
    period : str
        ``"year"`` or ``"half-year"``.
    settings : tuple of (str, str)
        The settings used, as shown on the cover sheet.
    notes : tuple of str
        What was left out for privacy, and anything the analyses could not do.

    Examples
    --------
    >>> import relgraph as rg
    >>> p = rg.plan(rg.datasets.tiny(), as_of="2026-01-05", k=2)
    >>> p
    Plan('O1', year from 2026-01-05: 4 key people, 2 targets, 20 actions)
    >>> p.targets["person"].tolist()
    ['p1', 'p4']
    """

    status: pd.DataFrame
    targets: pd.DataFrame
    actions: pd.DataFrame
    cards: pd.DataFrame
    opportunity: str
    as_of: _dt.date
    period: str = "year"
    settings: tuple[tuple[str, str], ...] = field(default=())
    notes: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        return (
            f"Plan({self.opportunity!r}, {self.period} from {self.as_of}: "
            f"{len(self.status)} key people, {len(self.targets)} targets, "
            f"{len(self.actions)} actions)"
        )

    @property
    def sheets(self) -> dict[str, pd.DataFrame]:
        """The four parts by sheet name (:data:`SHEETS` order)."""
        return {
            "Status": self.status,
            "Targets": self.targets,
            "Actions": self.actions,
            "Cards": self.cards,
        }

    def cover_lines(self) -> list[tuple[str, str]]:
        """Lines of the cover sheet: the settings used, what was left out, the sheets."""
        lines = list(self.settings)
        lines += [(say("plan_cover_note"), n) for n in self.notes]
        lines += [(name, say(f"plan_sheet_{name.lower()}")) for name in SHEETS]
        lines.append((ABOUT_SHEET, say("plan_cover_about_text")))
        return lines

    def about(self, *, generated: _dt.date | None = None) -> pd.DataFrame:
        """Return what every sheet and column means: the workbook's last sheet, ``About``.

        Parameters
        ----------
        generated : datetime.date, optional
            The date the workbook is written (today when omitted).

        Returns
        -------
        pandas.DataFrame
            Columns :data:`ABOUT_COLUMNS` (``sheet, column, type, meaning``): first the
            workbook rows (when and by which relgraph version it was written, each note on
            what was left out for privacy), then for each sheet one row describing the
            sheet (``column`` blank) and one row per column with its type (``str``, ``int``,
            ``float``, ``date``, ``bool``) and meaning (from :func:`column_meaning`).

        Examples
        --------
        >>> import datetime as dt
        >>> import relgraph as rg
        >>> p = rg.plan(rg.datasets.tiny(), as_of="2026-01-05", k=2)
        >>> a = p.about(generated=dt.date(2026, 1, 5))
        >>> a.iloc[0]["meaning"].split(" by ")[0]
        'written on 2026-01-05'
        >>> a.set_index(["sheet", "column"]).loc[("Targets", "goal"), "meaning"]
        'goal attitude at the deadline, −3..+3'
        """
        from relgraph._version import __version__

        day = generated or _dt.date.today()
        book = say("plan_about_workbook")
        rows: list[tuple[str, str, str, str]] = [
            (
                book,
                "",
                "",
                say(
                    "plan_about_generated",
                    date=day.isoformat(),
                    version=__version__,
                    as_of=self.as_of.isoformat(),
                ),
            )
        ]
        rows += [(book, "", "", say("plan_about_left_out", note=n)) for n in self.notes]
        rows.append(("Cover", "", "", say("plan_about_cover")))
        for name, schema in SHEETS.items():
            rows.append((name, "", "", say(f"plan_sheet_{name.lower()}")))
            rows += [(name, col, typ, column_meaning(name, col)) for col, typ in schema.items()]
        return pd.DataFrame(rows, columns=list(ABOUT_COLUMNS))

    def to_excel(self, path: str | Path, *, generated: _dt.date | None = None) -> Path:
        """Write the plan as one workbook (Cover, Status, Targets, Actions, Cards, About).

        Parameters
        ----------
        path : str or Path
            The ``.xlsx`` file to write.
        generated : datetime.date, optional
            The date stated on the ``About`` sheet (today when omitted).

        Returns
        -------
        Path
            The file written.

        Notes
        -----
        Frozen header rows, fitted column widths (CJK characters count double), wrapped
        text and an attitude colour scale (−3 red … +3 green) on ``attitude`` and
        ``goal``; see :mod:`relgraph.io.excel_format`. The last sheet, ``About``
        (:meth:`about`), explains every sheet and column. :meth:`read_excel` reads the four
        tables back.
        """
        from relgraph.io.excel_format import write_workbook

        return write_workbook(
            path,
            {**self.sheets, ABOUT_SHEET: self.about(generated=generated)},
            cover=(say("plan_title", opportunity=self.opportunity), self.cover_lines()),
            attitude_columns=_ATTITUDE_COLUMNS,
        )

    @staticmethod
    def read_excel(path: str | Path) -> dict[str, pd.DataFrame]:
        """Read the four tables of a workbook written by :meth:`to_excel`, typed as written.

        Parameters
        ----------
        path : str or Path
            The workbook.

        Returns
        -------
        dict of str to DataFrame
            ``Status``, ``Targets``, ``Actions``, ``Cards`` with the documented columns and
            types.
        """
        frames = pd.read_excel(path, sheet_name=list(SHEETS), dtype=object)
        return {name: _coerce(frames[name], schema) for name, schema in SHEETS.items()}

    def to_html(self, path: str | Path | None = None) -> str:
        """Render the plan as one self-contained HTML page (no scripts, no external files).

        Parameters
        ----------
        path : str or Path, optional
            Also write the page here (UTF-8).

        Returns
        -------
        str
            The page. Every value is HTML-escaped; attitude cells are coloured.
        """
        parts = [
            "<!DOCTYPE html><html><head><meta charset='utf-8'>",
            f"<title>{html.escape(say('plan_title', opportunity=self.opportunity))}</title>",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<style>body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;"
            "margin:1em 1.5em;color:#222}table{border-collapse:separate;border-spacing:0;"
            "margin-bottom:1.5em;max-width:100%}th,td{border:1px solid #c8c8c8;border-width:0 1px"
            " 1px 0;padding:3px 5px;vertical-align:top;text-align:left;overflow-wrap:break-word}"
            "tr>:first-child{border-left-width:1px}th{background:#ddebf7}"
            "table.sheet{width:100%;font-size:13px;line-height:1.35}"
            "table.sheet thead th{position:sticky;top:0;z-index:1;border-top-width:1px}"
            "table.sheet tbody:nth-child(odd) td{background-color:#f7f9fb}"
            "tr.more td{color:#444;font-size:12.5px;padding:1px 8px 5px;overflow-wrap:anywhere}"
            "tr.more p{margin:2px 0}th{overflow-wrap:anywhere}"
            "@media print{table.sheet thead th{position:static}tbody{break-inside:avoid}}"
            "</style></head><body>",
            f"<h1>{html.escape(say('plan_title', opportunity=self.opportunity))}</h1>",
            "<table>",
        ]
        for item, value in self.cover_lines():
            parts.append(f"<tr><th>{html.escape(item)}</th><td>{html.escape(value)}</td></tr>")
        parts.append("</table>")
        for name, frame in self.sheets.items():
            parts.append(f"<h2>{html.escape(name)}</h2>")
            parts.append(_html_table(frame))
        parts.append("</body></html>")
        page = "\n".join(parts)
        if path is not None:
            out = Path(path)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(page, encoding="utf-8")
        return page

    def to_markdown(self) -> str:
        """Render the plan as Markdown: the cover lines, then one pipe table per part."""
        lines = [f"# {say('plan_title', opportunity=self.opportunity)}", ""]
        lines += [f"- **{_md(item)}**: {_md(value)}" for item, value in self.cover_lines()]
        for name, frame in self.sheets.items():
            lines += ["", f"## {name}", ""]
            cols = [str(c) for c in frame.columns]
            lines.append("| " + " | ".join(cols) + " |")
            lines.append("| " + " | ".join("---" for _ in cols) + " |")
            for row in frame.itertuples(index=False, name=None):
                lines.append("| " + " | ".join(_md(_text(v)) for v in row) + " |")
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        return "".join(
            f"<h4>{html.escape(name)}</h4>{_html_table(frame)}"
            for name, frame in self.sheets.items()
        )


def column_meaning(sheet: str, column: str) -> str:
    """Return what a column of the planning workbook means, in plain language.

    Parameters
    ----------
    sheet : str
        A sheet of :data:`SHEETS` (``Status``, ``Targets``, ``Actions``, ``Cards``).
    column : str
        One of that sheet's columns.

    Returns
    -------
    str
        The text template ``plan_col_<sheet>_<column>`` when the column means something
        particular on that sheet, else the shared ``plan_col_<column>``
        (:data:`relgraph.text.TEMPLATES`).

    Raises
    ------
    KeyError
        For a sheet or column that is not in the workbook.

    Examples
    --------
    >>> column_meaning("Actions", "why")
    'why this action is in the plan'
    >>> column_meaning("Cards", "attitude") == column_meaning("Status", "attitude")
    True
    """
    from relgraph.text import TEMPLATES

    if sheet not in SHEETS or column not in SHEETS[sheet]:
        raise KeyError(f"no column {column!r} on sheet {sheet!r}; sheets: {', '.join(SHEETS)}")
    key = f"plan_col_{sheet}_{column}"
    return say(key if key in TEMPLATES else f"plan_col_{column}")


def _text(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _md(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _html_table(frame: pd.DataFrame) -> str:
    from relgraph.palette import attitude_colour

    # Columns of long text (a median over 60 characters: why, activities …) go to a full-width
    # line under each row, so the table fits a laptop screen and rows stay a few lines tall.
    texts = {c: [_text(v) for v in frame[c]] for c in frame.columns}
    wide = [
        c for c in frame.columns if texts[c] and sorted(map(len, texts[c]))[len(frame) // 2] > 60
    ]
    short = [c for c in frame.columns if c not in wide]
    head = "".join(f"<th>{html.escape(str(c)).replace('_', '_<wbr>')}</th>" for c in short)
    bodies = []
    for k in range(len(frame)):
        cells = []
        for col in short:
            text = texts[col][k]
            style = ""
            if col in _ATTITUDE_COLUMNS and text:
                style = f" style='background:{attitude_colour(int(text))}'"
            cells.append(f"<td{style}>{html.escape(text)}</td>")
        more = "".join(
            f"<p><b>{html.escape(str(c))}</b>: {html.escape(texts[c][k])}</p>"
            for c in wide
            if texts[c][k]
        )
        row = f"<tr>{''.join(cells)}</tr>"
        if more:
            row += f"<tr class='more'><td colspan='{len(short)}'>{more}</td></tr>"
        bodies.append(f"<tbody>{row}</tbody>")
    return f"<table class='sheet'><thead><tr>{head}</tr></thead>{''.join(bodies)}</table>"


# --------------------------------------------------------------------------- building
def _as_date(value: Any) -> _dt.date:
    if value is None:
        return _dt.date.today()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return pd.Timestamp(str(value)).date()
    except ValueError as err:
        raise ValueError(f"unreadable as_of {value!r}; expected YYYY-MM-DD") from err


def _managers(net: RelationshipNetwork) -> dict[str, str]:
    t = net.ties
    rt = t[t["kind"].astype(str).eq("reports_to")]
    return dict(zip(rt["source"].astype(str), rt["target"].astype(str), strict=True))


def _who(net: RelationshipNetwork, pid: str) -> str:
    return f"{pid} {net.labels[pid]}" if pid in net.person_ids else str(pid)


def _direct_tie(
    net: RelationshipNetwork, a: str, b: str, include_sensitive: bool
) -> tuple[str, float] | None:
    """Return the strongest direct tie between two people (either direction), if any."""
    e = net.edges
    i, j = (int(x) for x in net.index_of([a, b]))
    hit = ((e["u"] == i) & (e["v"] == j)) | ((e["u"] == j) & (e["v"] == i))
    if not include_sensitive:
        hit &= ~e["sensitive"].astype(bool)
    if not hit.any():
        return None
    best = e[hit].sort_values("strength", ascending=False, kind="stable").iloc[0]
    return str(best["kind"]), float(best["strength"])


def _route_steps(
    net: RelationshipNetwork,
    pid: str,
    owner: str,
    include_sensitive: bool,
) -> tuple[str, list[tuple[str, str]]]:
    """Trust channel text and (who, action) steps from ``owner`` (or our team) to ``pid``."""
    from relgraph.analysis.routes import connection_routes

    if owner:
        direct = _direct_tie(net, owner, pid, include_sensitive)
        if direct is not None:
            kind, strength = direct
            tie = say("plan_tie", kind=kind.replace("_", " "), strength=strength)
            text = say("plan_step_meet", who=_who(net, owner), target=_who(net, pid), tie=tie)
            return say("plan_direct", who=_who(net, owner), tie=tie), [(owner, text)]
    report = None
    if owner:
        report = connection_routes(
            net, pid, source=owner, k=1, include_sensitive=include_sensitive, affiliations=True
        )
    if report is None or not len(report.routes) or pd.isna(report.routes["strength"].iloc[0]):
        report = connection_routes(net, pid, k=1, include_sensitive=include_sensitive)
    routes = report.routes
    if not len(routes) or pd.isna(routes["strength"].iloc[0]) or not routes["path"].iloc[0]:
        return say("plan_no_route"), [(owner or "", say("plan_step_find", target=_who(net, pid)))]
    r = routes.iloc[0]
    path = [str(p) for p in r["path"]]
    kinds = [str(k) for k in r["kinds"]]
    strengths = [float(s) for s in r["strengths"]]
    src = path[0]
    steps: list[tuple[str, str]] = []
    for i in range(1, len(path)):
        tie = say("plan_tie", kind=kinds[i - 1].replace("_", " "), strength=strengths[i - 1])
        if i == 1 and len(path) == 2:
            text = say("plan_step_meet", who=_who(net, src), target=_who(net, path[1]), tie=tie)
        elif i == 1:
            text = say(
                "plan_step_ask",
                who=_who(net, src),
                via=_who(net, path[1]),
                target=_who(net, pid),
                tie=tie,
            )
        else:
            text = say(
                "plan_step_introduce",
                via=_who(net, path[i - 1]),
                who=_who(net, src),
                target=_who(net, path[i]),
                tie=tie,
            )
        steps.append((src if i == 1 else path[i - 1], text))
    return str(r["route"]), steps


def _measure(objective: str, name: str, goal: int, competitor: str) -> str:
    key = f"plan_measure_{objective}" if objective else "plan_measure_convert"
    try:
        return say(key, name=name, goal=goal, competitor=competitor or "—")
    except KeyError:
        return say("plan_measure_convert", name=name, goal=goal, competitor=competitor)


def _next_monday(day: _dt.date) -> _dt.date:
    return day + _dt.timedelta(days=(7 - day.weekday()) % 7 or 7)


def plan(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    capacity: int | Mapping[str, float] | None = None,
    period: Period = "year",
    as_of: _dt.date | str | None = None,
    k: int | None = None,
    include_sensitive: bool = False,
) -> Plan:
    """Build the yearly planning set of one opportunity.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    capacity : int or mapping of str to float, optional
        The team's capacity for the cycle, passed to
        :func:`relgraph.analysis.targets.recommend_targets` (a number of targets, or hours
        per person of ours).
    period : {"year", "half-year"}
        The planning cycle; sets the deadlines and review dates.
    as_of : datetime.date or str, optional
        Start of the cycle and the date attitudes' age is measured against; today when
        omitted (pass it for reproducible plans).
    k : int, optional
        At most this many targets (10 when neither ``k`` nor ``capacity`` is given).
    include_sensitive : bool
        Let the analyses and routes use sensitive ties, and keep people known only
        through them. Off by default; the cover says what was left out.

    Returns
    -------
    Plan
        ``.status``, ``.targets``, ``.actions``, ``.cards`` and the writers.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    ValueError
        For an unknown ``period`` or an unreadable ``as_of``.

    Notes
    -----
    *Status* is :func:`relgraph.analysis.coverage.coverage`'s ``people`` with, per person,
    the gap rules naming them. *Targets* are
    :func:`relgraph.analysis.targets.recommend_targets`'s picks; the goal attitude and
    objective come from there. Deadline: targets to neutralise or counter (a competitor's
    ground) are due at the half-way review (as_of + half the cycle), the others at the end
    of the cycle (as_of + 365 or 182 days). *Actions* per target: the steps of the most
    reliable route from owner A (or else our whole team) to the target
    (:func:`relgraph.analysis.routes.connection_routes`), two weeks apart; the sponsor's
    touchpoints (set up the key-dates calendar in week 1, a visit within 30 days, a forum
    or exhibition invitation at 60 days, then a regular exchange every quarter from 90
    days); the weekly review with owner A's manager (first on the Monday after as_of) and
    the half-year adjustment. The *card* gathers these per target.

    Examples
    --------
    >>> import relgraph as rg
    >>> p = plan(rg.datasets.tiny(), as_of="2026-01-05", k=2)
    >>> p.targets[["person", "objective", "attitude", "goal", "deadline"]].iloc[:1]
      person   objective  attitude  goal   deadline
    0     p1  neutralise        -1     0 2026-07-06
    >>> p.actions.query("target == 'p1'")["kind"].value_counts().sort_index().to_dict()
    {'review': 2, 'route': 1, 'sponsor': 7}
    """
    from relgraph.analysis.coverage import coverage
    from relgraph.analysis.targets import recommend_targets
    from relgraph.privacy import share_policy

    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose one of {', '.join(PERIODS)}")
    opp = net.resolve_opportunity(opportunity)
    start = _as_date(as_of)
    days = PERIODS[period]
    end = start + _dt.timedelta(days=days)
    half = start + _dt.timedelta(days=days // 2)
    policy = share_policy(net, include_sensitive=include_sensitive)
    hidden = set(net.person_ids[~policy.people])

    cov = coverage(net, opp, as_of=start, include_sensitive=include_sensitive)
    people = cov.people[~cov.people["person"].astype(str).isin(hidden)].copy()
    gaps_by = (
        cov.gaps.assign(person=cov.gaps["person"].astype(str))
        .groupby("person", sort=False)["rule"]
        .agg(lambda r: "; ".join(dict.fromkeys(map(str, r))))
    )
    people["gaps"] = people["person"].astype(str).map(gaps_by).fillna("")
    status = _coerce(people, STATUS_COLUMNS)

    rec = recommend_targets(
        net, opp, capacity=capacity, k=k, include_sensitive=include_sensitive, as_of=start
    )
    rec = rec[~rec["person"].astype(str).isin(hidden)].reset_index(drop=True)
    managers = _managers(net)
    target_rows: list[dict[str, Any]] = []
    action_rows: list[dict[str, Any]] = []
    card_rows: list[dict[str, Any]] = []
    first_review = _next_monday(start)
    for r in rec.itertuples(index=False):
        pid = str(r.person)
        name = str(r.name)
        objective = str(r.objective)
        competitor = "" if pd.isna(r.competitor) else str(r.competitor)
        goal = int(r.goal)
        att = 0 if pd.isna(r.attitude) else int(r.attitude)
        owner_a, owner_b = str(r.owner_a or ""), str(r.owner_b or "")
        sponsor = str(r.sponsor or "") or owner_a
        deadline = half if (objective in _URGENT and period == "year") else end
        channel, steps = _route_steps(net, pid, owner_a, include_sensitive)
        target_rows.append(
            {
                "rank": r.rank,
                "person": pid,
                "name": name,
                "objective": objective,
                "competitor": competitor,
                "attitude": att,
                "goal": goal,
                "owner_a": _who(net, owner_a) if owner_a else "",
                "owner_b": _who(net, owner_b) if owner_b else "",
                "sponsor": _who(net, sponsor) if sponsor else "",
                "deadline": deadline,
                "measure": _measure(objective, name, goal, competitor),
                "gain": float(r.gain),
                "route": str(r.route) or channel,
                "why": str(r.why),
            }
        )
        acts: list[tuple[str, str, str, _dt.date, str]] = []
        for i, (who, text) in enumerate(steps, start=1):
            acts.append(
                ("route", who, text, start + _dt.timedelta(days=14 * i), say("plan_why_route"))
            )
        if sponsor:
            sp = _who(net, sponsor)
            tgt = _who(net, pid)
            for key, offset in (
                ("plan_touch_dates", 7),
                ("plan_touch_visit", 30),
                ("plan_touch_forum", 60),
            ):
                acts.append(
                    (
                        "sponsor",
                        sponsor,
                        say(key, sponsor=sp, target=tgt),
                        start + _dt.timedelta(days=offset),
                        say("plan_why_sponsor"),
                    )
                )
            for q in range(90, days + 1, 91):
                acts.append(
                    (
                        "sponsor",
                        sponsor,
                        say("plan_touch_exchange", sponsor=sp, target=tgt),
                        start + _dt.timedelta(days=q),
                        say("plan_why_sponsor"),
                    )
                )
        manager = managers.get(owner_a, "") if owner_a else ""
        reviewer = manager or owner_a
        acts.append(
            (
                "review",
                reviewer,
                say(
                    "plan_review_weekly",
                    reviewer=_who(net, reviewer) if reviewer else "—",
                    owner=_who(net, owner_a) if owner_a else "—",
                    target=_who(net, pid),
                ),
                first_review,
                say("plan_why_review"),
            )
        )
        acts.append(
            (
                "review",
                reviewer,
                say("plan_review_half", target=_who(net, pid)),
                half,
                say("plan_why_review"),
            )
        )
        acts.sort(key=lambda a: a[3])
        for step, (kind, who, text, when, why) in enumerate(acts, start=1):
            action_rows.append(
                {
                    "target": pid,
                    "name": name,
                    "step": step,
                    "kind": kind,
                    "who": _who(net, who) if who else "—",
                    "action": text,
                    "when": when,
                    "why": why,
                }
            )
        row = net.people.iloc[int(net.index_of(pid)[0])]
        roles = cov.people.loc[cov.people["person"].astype(str).eq(pid), "roles"]
        card_rows.append(
            {
                "target": pid,
                "name": name,
                "org": _org_label(net, str(row["org"])),
                "title": row["title"],
                "level": row["level"],
                "roles": roles.iloc[0] if len(roles) else "",
                "attitude": att,
                "goal": goal,
                "competitor": competitor or _backs(row),
                "owner_a": _who(net, owner_a) if owner_a else "",
                "owner_b": _who(net, owner_b) if owner_b else "",
                "sponsor": _who(net, sponsor) if sponsor else "",
                "trust_channel": channel,
                "activities": "\n".join(
                    f"{w.isoformat()}: {t}" for kind, _, t, w, _ in acts if kind != "review"
                ),
                "review": say(
                    "plan_card_review",
                    reviewer=_who(net, reviewer) if reviewer else "—",
                    first=first_review.isoformat(),
                    half=half.isoformat(),
                ),
            }
        )
    targets = _coerce(pd.DataFrame(target_rows), TARGET_COLUMNS)
    actions = _coerce(pd.DataFrame(action_rows), ACTION_COLUMNS)
    cards = _coerce(pd.DataFrame(card_rows), CARD_COLUMNS)

    left_status = int(cov.people["person"].astype(str).isin(hidden).sum())
    notes = [policy.note]
    if left_status:
        notes.append(say("plan_left_status", n=left_status))
    notes += [n for n in cov.notes if n not in notes]
    settings = _settings_lines(net, opp, start, end, half, period, capacity, k, len(targets))
    return Plan(
        status,
        targets,
        actions,
        cards,
        opp,
        start,
        period,
        tuple(settings),
        tuple(notes),
    )


def _backs(row: pd.Series) -> str:
    sup = row.get("supports")
    return "" if sup is None or pd.isna(sup) else str(sup)


def _org_label(net: RelationshipNetwork, org: str) -> str:
    o = net.orgs[net.orgs["id"].astype(str).eq(org)]
    if not len(o):
        return org
    name = str(o["name"].iloc[0])
    en = o["name_en"].iloc[0] if "name_en" in o else None
    return f"{name} ({en})" if isinstance(en, str) and en and en != name else name


def _settings_lines(
    net: RelationshipNetwork,
    opp: str,
    start: _dt.date,
    end: _dt.date,
    half: _dt.date,
    period: str,
    capacity: Any,
    k: int | None,
    n_targets: int,
) -> list[tuple[str, str]]:
    from relgraph.model import Settings

    row = net.opportunities[net.opportunities["id"].astype(str).eq(opp)].iloc[0]
    opp_name = row["name"] if isinstance(row.get("name"), str) and row["name"] else opp
    cap = (
        "; ".join(f"{k_}: {v:g} h" for k_, v in capacity.items())
        if isinstance(capacity, Mapping)
        else ("—" if capacity is None else str(capacity))
    )
    defaults = net.settings == Settings()
    return [
        (say("plan_cover_opportunity"), f"{opp}: {opp_name}"),
        (say("plan_cover_account"), _org_label(net, net.account_of(opp))),
        (say("plan_cover_period"), f"{period}: {start.isoformat()} – {end.isoformat()}"),
        (say("plan_cover_reviews"), say("plan_cover_reviews_text", half=half.isoformat())),
        (say("plan_cover_capacity"), f"{cap}; k = {k if k is not None else '—'}"),
        (say("plan_cover_targets"), str(n_targets)),
        (
            say("plan_cover_settings"),
            say("defaults_note") if defaults else say("plan_custom_settings"),
        ),
        (
            say("plan_cover_stale"),
            say("plan_cover_stale_text", days=net.settings.stale_days, as_of=start.isoformat()),
        ),
    ]

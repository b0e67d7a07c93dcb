"""The planning set as a document: its sheets and columns, and the workbook, HTML and Markdown.

:class:`Plan` holds the four parts the account team works from (DOMAIN.md §9) — status
assessment, target task book, action plan, key-customer cards — as typed tables, and writes
them; :func:`relgraph.plan` builds one (:mod:`relgraph.plan.build`).
"""

from __future__ import annotations

import datetime as _dt
import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from relgraph.io.encode import md_text
from relgraph.io.files import atomic_write_text
from relgraph.io.html_table import html_result, html_table
from relgraph.locale import LANGUAGES
from relgraph.plan.localize import read_back, sheet_name, shown
from relgraph.text import TEMPLATES, plan_header, say, term

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
    "do_not_contact": "bool",
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
    "sways": "str",
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
    n = len(frame)
    cols: dict[str, Any] = {}
    for col, kind in schema.items():
        s = (
            frame[col].reset_index(drop=True)
            if col in frame
            else pd.Series([None] * n, dtype=object)
        )
        if kind == "str":
            cols[col] = pd.Series(
                ["" if v is None or v is pd.NA or v != v else str(v) for v in s.tolist()],
                dtype=object,
            )
        elif kind == "int":
            cols[col] = pd.to_numeric(s, errors="coerce").round().astype("Int64")
        elif kind == "float":
            cols[col] = pd.to_numeric(s, errors="coerce").astype(float)
        elif kind == "bool":
            cols[col] = s.astype("boolean").fillna(False).astype(bool)
        elif kind == "date":
            cols[col] = pd.to_datetime(s, errors="coerce").dt.normalize().astype("datetime64[ns]")
        else:  # pragma: no cover - schemas are constants
            raise ValueError(kind)
    out = pd.DataFrame(cols, index=range(n))
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
        touchpoints and the review dates; for a target without owner A, the staffing step
        (columns :data:`ACTION_COLUMNS`).
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
    language : str
        The language of its texts (``net.settings.language``). The tables keep English
        column names and canonical codes; the workbook, HTML and Markdown show the sheet
        names, headers and words of this language (``relgraph.plan.localize``).

    Examples
    --------
    >>> import relgraph as rg
    >>> p = rg.plan(rg.datasets.tiny(), as_of="2026-01-05", k=2)
    >>> p
    Plan('O1', year from 2026-01-05: 4 key people, 2 targets, 18 actions)
    >>> p.targets["person"].tolist()
    ['p4', 'p2']
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
    language: str = "en"

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

    def shown_sheets(self) -> dict[str, pd.DataFrame]:
        """Return the four parts as people read them: sheet name → table in the language."""
        lang = self.language
        return {
            sheet_name(name, lang): shown(frame, name, SHEETS[name], lang)
            for name, frame in self.sheets.items()
        }

    def cover_lines(self) -> list[tuple[str, str]]:
        """Lines of the cover sheet: the settings used, what was left out, the sheets."""
        lang = self.language
        lines = list(self.settings)
        lines += [(say("plan_cover_note", lang=lang), n) for n in self.notes]
        lines += [
            (sheet_name(name, lang), say(f"plan_sheet_{name.lower()}", lang=lang))
            for name in SHEETS
        ]
        lines.append((sheet_name(ABOUT_SHEET, lang), say("plan_cover_about_text", lang=lang)))
        return lines

    @property
    def _attitude_headers(self) -> list[str]:
        return sorted(
            {plan_header(s, c, lang=self.language) for s in SHEETS for c in _ATTITUDE_COLUMNS}
        )

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

        lang = self.language
        day = generated or _dt.date.today()
        book = say("plan_about_workbook", lang=lang)
        made = say(
            "plan_about_generated",
            date=day.isoformat(),
            version=__version__,
            as_of=self.as_of.isoformat(),
            lang=lang,
        )
        rows: list[tuple[str, str, str, str]] = [(book, "", "", made)]
        rows += [(book, "", "", say("plan_about_note", note=n, lang=lang)) for n in self.notes]
        rows.append((sheet_name("Cover", lang), "", "", say("plan_about_cover", lang=lang)))
        for name, schema in SHEETS.items():
            shown_name = sheet_name(name, lang)
            rows.append((shown_name, "", "", say(f"plan_sheet_{name.lower()}", lang=lang)))
            rows += [
                (
                    shown_name,
                    col if lang == "en" else plan_header(name, col, lang=lang),
                    typ if lang == "en" else term("column_type", typ, lang=lang),
                    column_meaning(name, col, lang=lang),
                )
                for col, typ in schema.items()
            ]
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

        lang = self.language
        about = self.about(generated=generated)
        if lang != "en":
            about.columns = [say(f"plan_about_{c}", lang=lang) for c in ABOUT_COLUMNS]
        return write_workbook(
            path,
            {**self.shown_sheets(), sheet_name(ABOUT_SHEET, lang): about},
            cover=(self._title(), self.cover_lines()),
            attitude_columns=self._attitude_headers,
            cover_sheet=sheet_name("Cover", lang),
        )

    def _title(self) -> str:
        return say("plan_title", opportunity=self.opportunity, lang=self.language)

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
            types, whatever the language the workbook was written in.
        """
        frames = pd.read_excel(path, sheet_name=None, dtype=object)
        out = {}
        for name, schema in SHEETS.items():
            found = [sheet_name(name, lang) for lang in LANGUAGES]
            frame = next((frames[f] for f in found if f in frames), None)
            if frame is None:
                raise KeyError(f"no sheet {' / '.join(found)} in {path}")
            out[name] = _coerce(read_back(frame, name, schema), schema)
        return out

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
        title = html.escape(self._title())
        parts = [
            f"<!DOCTYPE html><html lang='{LANGUAGES[self.language]}'><head><meta charset='utf-8'>",
            f"<title>{title}</title>",
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
            f"<h1>{title}</h1>",
            "<table>",
        ]
        for item, value in self.cover_lines():
            parts.append(f"<tr><th>{html.escape(item)}</th><td>{html.escape(value)}</td></tr>")
        parts.append("</table>")
        for name, frame in self.shown_sheets().items():
            parts.append(f"<h2>{html.escape(name)}</h2>")
            parts.append(_html_table(frame, self._attitude_headers))
        parts.append("</body></html>")
        page = "\n".join(parts)
        if path is not None:
            out = Path(path)
            atomic_write_text(out, page)
        return page

    def to_markdown(self) -> str:
        """Render the plan as Markdown: the cover lines, then one pipe table per part."""
        title = md_text(self._title())
        lines = [f"# {title}", ""]
        lines += [f"- **{md_text(item)}**: {md_text(value)}" for item, value in self.cover_lines()]
        for name, frame in self.shown_sheets().items():
            lines += ["", f"## {md_text(name)}", ""]
            cols = [md_text(c) for c in frame.columns]
            lines.append("| " + " | ".join(cols) + " |")
            lines.append("| " + " | ".join("---" for _ in cols) + " |")
            for row in frame.itertuples(index=False, name=None):
                lines.append("| " + " | ".join(md_text(_text(v)) for v in row) + " |")
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        lang = self.language
        facts = [
            say(
                "repr_plan_facts",
                targets=len(self.targets),
                actions=len(self.actions),
                people=len(self.status),
                lang=lang,
            )
        ]
        facts += [
            say("repr_item", item=item, value=value, lang=lang) for item, value in self.settings
        ]
        tables = [(name, html_table(frame, lang=lang)) for name, frame in self.sheets.items()]
        title = say("plan_title", opportunity=self.opportunity, lang=lang)
        return html_result(title, facts=facts, tables=tables, notes=self.notes)


def column_meaning(sheet: str, column: str, *, lang: str = "en") -> str:
    """Return what a column of the planning workbook means, in plain language.

    Parameters
    ----------
    sheet : str
        A sheet of :data:`SHEETS` (``Status``, ``Targets``, ``Actions``, ``Cards``).
    column : str
        One of that sheet's columns.
    lang : {"en", "zh"}, default "en"

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
    if sheet not in SHEETS or column not in SHEETS[sheet]:
        raise KeyError(f"no column {column!r} on sheet {sheet!r}; sheets: {', '.join(SHEETS)}")
    key = f"plan_col_{sheet}_{column}"
    return say(key if key in TEMPLATES else f"plan_col_{column}", lang=lang)


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


def _html_table(frame: pd.DataFrame, attitude_columns: Iterable[str] = _ATTITUDE_COLUMNS) -> str:
    from relgraph.palette import attitude_colour

    # Columns of long text (a median over 60 characters: why, activities …) go to a full-width
    # line under each row, so the table fits a laptop screen and rows stay a few lines tall.
    texts = {c: [_text(v) for v in frame[c]] for c in frame.columns}
    wide = [
        c for c in frame.columns if texts[c] and sorted(map(len, texts[c]))[len(frame) // 2] > 60
    ]
    short = [c for c in frame.columns if c not in wide]
    coloured = set(attitude_columns)
    head = "".join(f"<th>{html.escape(str(c)).replace('_', '_<wbr>')}</th>" for c in short)
    bodies = []
    for k in range(len(frame)):
        cells = []
        for col in short:
            text = texts[col][k]
            style = ""
            if col in coloured and text:
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

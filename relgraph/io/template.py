"""The input workbook: an ``.xlsx`` with one sheet per table, notes and drop-down lists.

``relgraph template PATH.xlsx [--lang zh] [--example]`` (:func:`write_template`) writes a
workbook a team fills in instead of starting from an empty folder of CSV files:

- a first sheet (``README`` / ``说明``) explaining every table and column; relgraph does not
  read it;
- one sheet per table of :data:`relgraph.io.schema.SCHEMAS`, named after the table, whose
  first row holds the column names :func:`relgraph.load` reads (the same in every language,
  so a workbook filled in Chinese loads anywhere);
- a note (comment) on every column name, in the chosen language: what the column means,
  whether it is required, and what may be written;
- Excel data validation on every column with a fixed vocabulary (role, tie kind, org kind,
  stage, goal, affiliation and interaction kinds, direction, the yes/no columns) as a
  drop-down list in the chosen language, whose words are ones the loader accepts; attitude,
  level and support as drop-downs of their numbers (the attitude scale in words as the input
  message); strength, power and value limited to their ranges;
- optionally (``example=True``) the bundled sample account as rows, its vocabulary written
  in the chosen language.

Notes
-----
The headers stay the English identifiers on purpose: they are what the loader, the CSV
files, the data-format reference and every script read, and a translated header would make
a Chinese workbook unreadable to them. The meaning of each column is in its note and on the
first sheet.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd

from relgraph import vocab as m
from relgraph.checks import check_bool
from relgraph.io.excel_format import display_width, write_frame
from relgraph.io.read import read_csv_folder
from relgraph.io.schema import SCHEMAS, Column, TableSchema
from relgraph.locale import check_language, translate
from relgraph.text import say, term
from relgraph.vocab import normalize_term

__all__ = ["VOCABULARIES", "choices", "column_note", "range_rule", "write_template"]

#: Each synonym table of the schemas, with its vocabulary enum and its name in
#: :data:`relgraph.text.TERMS`.
VOCABULARIES: tuple[tuple[Mapping[str, str], type[Enum], str], ...] = (
    (m.ROLE_SYNONYMS, m.Role, "role"),
    (m.TIE_KIND_SYNONYMS, m.TieKind, "tie_kind"),
    (m.ORG_KIND_SYNONYMS, m.OrgKind, "org_kind"),
    (m.AFFILIATION_KIND_SYNONYMS, m.AffiliationKind, "affiliation_kind"),
    (m.GOAL_SYNONYMS, m.Goal, "goal"),
    (m.STAGE_SYNONYMS, m.Stage, "stage"),
    (m.INTERACTION_KIND_SYNONYMS, m.InteractionKind, "interaction_kind"),
    (m.DIRECTION_SYNONYMS, m.Direction, "direction"),
)
_SAMPLE = Path(__file__).resolve().parents[1] / "datasets" / "sample"
_LAST_ROW = 1_048_576  # Excel's last row: validations cover the whole column
_EXCEL_TEXT_LIMIT = 255  # list formulas, error and input messages
_SMALL_RANGE = 10  # whole-number columns with at most this many values get a drop-down


def _vocabulary(col: Column) -> tuple[type[Enum], str]:
    for synonyms, enum, name in VOCABULARIES:
        if col.vocab is synonyms:
            return enum, name
    raise KeyError(f"column {col.name!r} has a vocabulary the input workbook does not know")


def choices(col: Column, *, lang: str = "en") -> dict[str, str]:
    """Return the drop-down words of a column: canonical value → word in ``lang``.

    English lists the canonical identifiers (as in the CSV files and the data-format
    reference); Chinese the practice's words (:func:`relgraph.text.term`), each of which the
    loader accepts for that value. Yes/no columns list ``true``/``false`` (``是``/``否``).
    Columns without a fixed vocabulary have none.

    Examples
    --------
    >>> from relgraph.io.schema import SCHEMAS
    >>> list(choices(SCHEMAS["roles"].column("role"), lang="zh").values())[:4]
    ['发起者', '使用者', '影响者', '决定者']
    >>> choices(SCHEMAS["ties"].column("sensitive"), lang="zh")
    {'true': '是', 'false': '否'}
    """
    lang = check_language(lang)
    if col.type == "bool":
        return {
            v: (v if lang == "en" else term("boolean", v, lang=lang)) for v in ("true", "false")
        }
    if col.type != "term":
        return {}
    enum, vocab = _vocabulary(col)
    values = [str(m.value) for m in enum]
    return {v: (v if lang == "en" else term(vocab, v, lang=lang)) for v in values}


def range_rule(col: Column, *, lang: str = "en") -> str:
    """Say which numbers a column takes, in ``lang`` ("a whole number from 1 to 5").

    Examples
    --------
    >>> from relgraph.io.schema import SCHEMAS
    >>> range_rule(SCHEMAS["people"].column("level"), lang="zh")
    '1 到 5 之间的整数'
    """
    lo, hi = col.lo, col.hi
    if lo is None:
        return say("tpl_number", lang=lang)
    if hi is None:
        return say("tpl_number_min", lang=lang, lo=f"{lo:g}")
    key = "tpl_whole_range" if col.type == "int" else "tpl_number_range"
    return say(key, lang=lang, lo=f"{lo:g}", hi=f"{hi:g}")


def _number_rule(col: Column, lang: str) -> str:
    if col.name == "attitude":
        words = [term("attitude", v, lang=lang) for v in range(-3, 4)]
        keys = ("m3", "m2", "m1", "zero", "p1", "p2", "p3")
        return say("tpl_attitude_scale", lang=lang, **dict(zip(keys, words, strict=True)))
    return range_rule(col, lang=lang)


def _rule(col: Column, lang: str) -> str:
    sep = say("list_sep", lang=lang)
    if col.type in ("term", "bool"):
        words = list(choices(col, lang=lang).values())
        if col.type == "bool":
            return say("tpl_bool", lang=lang, yes=words[0], no=words[1])
        return say("tpl_choices", lang=lang, choices=sep.join(words))
    if col.type in ("int", "float"):
        return _number_rule(col, lang)
    if col.type == "date":
        return say("tpl_date", lang=lang)
    if col.ref is not None:
        return say("tpl_ref_list" if col.type == "list" else "tpl_ref", lang=lang, table=col.ref)
    return ""


def _meaning(table: str, col: Column, lang: str) -> str:
    return translate(f"column_doc:{table}.{col.name}", col.doc, lang=lang) if col.doc else ""


def column_note(table: str, column: str, *, lang: str = "en") -> str:
    """Return the note on a column name of the input workbook, in ``lang``.

    Parameters
    ----------
    table : str
        A table of :data:`relgraph.io.schema.SCHEMAS`.
    column : str
        One of its columns.
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    str
        Its meaning, whether it is required, and what may be written, one per line.

    Examples
    --------
    >>> print(column_note("roles", "role", lang="zh"))
    决定者、批准者、购买者、影响者、使用者、发起者、控制者、其他
    必填:每一行都要填写
    可选值:发起者、使用者、影响者、决定者、批准者、购买者、控制者、其他
    """
    lang = check_language(lang)
    col = SCHEMAS[table].column(column)
    need = say("tpl_required" if col.nonblank else "tpl_optional", lang=lang)
    return "\n".join(p for p in (_meaning(table, col, lang), need, _rule(col, lang)) if p)


def _clip(text: str) -> str:
    return text if len(text) <= _EXCEL_TEXT_LIMIT else text[: _EXCEL_TEXT_LIMIT - 1] + "…"


def _validation(col: Column, lang: str) -> Any | None:
    """Return the data validation of one column, or None when it has none."""
    from openpyxl.worksheet.datavalidation import DataValidation

    words = list(choices(col, lang=lang).values())
    if not words and col.type == "int" and col.lo is not None and col.hi is not None:
        if col.hi - col.lo <= _SMALL_RANGE:
            words = [str(v) for v in range(int(col.lo), int(col.hi) + 1)]
    if words:
        dv = DataValidation(type="list", formula1=_clip('"' + ",".join(words) + '"'))
        dv.errorTitle = say("tpl_list_error_title", lang=lang)
        dv.error = _clip(say("tpl_list_error", lang=lang, choices=", ".join(words)))
        if col.name == "attitude":
            dv.promptTitle = col.name
            dv.prompt = _clip(_number_rule(col, lang))
            dv.showInputMessage = True
    elif col.type in ("int", "float") and col.lo is not None:
        kind = "whole" if col.type == "int" else "decimal"
        if col.hi is None:
            dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=f"{col.lo:g}")
        else:
            dv = DataValidation(type=kind, operator="between")
            dv.formula1, dv.formula2 = f"{col.lo:g}", f"{col.hi:g}"
        dv.errorTitle = say("tpl_number_error_title", lang=lang)
        dv.error = _clip(_number_rule(col, lang))
    else:
        return None
    dv.allow_blank = True
    dv.showErrorMessage = True
    return dv


def _cell(col: Column, text: str, lang: str) -> Any:
    """One sample value (text as read) as the cell a person would have typed, in ``lang``."""
    if text == "":
        return None
    if col.type == "term":
        _, vocab = _vocabulary(col)
        value = (col.vocab or {}).get(normalize_term(text), text)
        return value if lang == "en" else term(vocab, value, lang=lang)
    if col.type == "bool":
        value = "true" if normalize_term(text) in ("true", "yes", "1") else "false"
        return value if lang == "en" else term("boolean", value, lang=lang)
    if col.type == "int":
        return int(float(text))
    if col.type == "float":
        return float(text)
    if col.type == "date":
        return _dt.date.fromisoformat(text[:10])
    return text


def _frame(schema: TableSchema, sample: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    names = [c.name for c in schema.columns]
    if sample is None:
        return pd.DataFrame({n: pd.Series(dtype=object) for n in names})
    extra = [c for c in sample.columns if c not in names]
    data: dict[str, list[Any]] = {}
    for col in schema.columns:
        texts = sample[col.name].tolist() if col.name in sample else [""] * len(sample)
        data[col.name] = [_cell(col, str(t), lang) for t in texts]
    for name in extra:
        data[name] = [t or None for t in sample[name].tolist()]
    return pd.DataFrame(data, dtype=object)


def _write_table(ws: Any, schema: TableSchema, frame: pd.DataFrame, lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    write_frame(ws, frame, attitude_columns=("attitude",))
    for j, col in enumerate(schema.columns, start=1):
        note = column_note(schema.name, col.name, lang=lang)
        lines = note.split("\n")
        width = max(display_width(line) for line in lines)
        comment = Comment(note, "relgraph")
        comment.width = min(max(width, 20), 60) * 7 + 20
        comment.height = (sum(1 + display_width(x) // 60 for x in lines) + 1) * 20
        ws.cell(row=1, column=j).comment = comment
        dv = _validation(col, lang)
        if dv is not None:
            letter = get_column_letter(j)
            dv.add(f"{letter}2:{letter}{_LAST_ROW}")
            ws.add_data_validation(dv)


def _readme_rows(lang: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for name, schema in SCHEMAS.items():
        doc = translate(f"table_doc:{name}", schema.doc, lang=lang)
        rows.append([name, term("table", name, lang=lang), "", "", doc, ""])
        for col in schema.columns:
            need = term("boolean", col.nonblank, lang=lang)
            rows.append(["", "", col.name, need, _meaning(name, col, lang), _rule(col, lang)])
    return rows


_README_WIDTHS = (15, 12, 16, 8, 48, 60)


def _write_readme(ws: Any, path: Path, lang: str, example: bool) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    wrap = Alignment(wrap_text=True, vertical="top")
    lines = [
        say("tpl_readme_intro", lang=lang, file=path.name),
        say("tpl_readme_example", lang=lang) if example else "",
        say("tpl_readme_not_read", lang=lang),
    ]
    title = ws.cell(row=1, column=1)
    title.value, title.font = say("tpl_readme_title", lang=lang), Font(bold=True, size=14)
    for i, text in enumerate((t for t in lines if t), start=2):
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=len(_README_WIDTHS))
        cell = ws.cell(row=i, column=1)
        cell.value, cell.alignment = text, wrap
        ws.row_dimensions[i].height = 16 * (1 + display_width(text) // sum(_README_WIDTHS))
    heads = [
        say(f"tpl_head_{k}", lang=lang)
        for k in ("sheet", "table", "column", "required", "meaning", "values")
    ]
    top = len(lines) + 3
    fill = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
    for j, text in enumerate(heads, start=1):
        cell = ws.cell(row=top, column=j)
        cell.value, cell.font, cell.fill = text, Font(bold=True), fill
    for i, row in enumerate(_readme_rows(lang), start=top + 1):
        for j, text in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j)
            cell.value, cell.alignment = text or None, wrap
            if row[0]:
                cell.font, cell.fill = Font(bold=True), fill
    for letter, width in zip("ABCDEF", _README_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{top + 1}"
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def write_template(
    path: str | Path, *, lang: str = "en", example: bool = False, force: bool = False
) -> Path:
    """Write the input workbook: one sheet per table, column notes and drop-down lists.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file to write (parent folders are created).
    lang : {"en", "zh"}, default "en"
        Language of the notes, the first sheet and the drop-down words.
    example : bool, default False
        Fill the sheets with the bundled sample account (its vocabulary in ``lang``).
    force : bool, default False
        Overwrite ``path`` when it exists; otherwise an existing file is never touched.

    Returns
    -------
    Path
        The file written. :func:`relgraph.load` reads it back (filled in, or with
        ``example=True`` as it is).

    Raises
    ------
    FileExistsError
        When ``path`` exists and ``force`` is False.
    relgraph.errors.InvalidParameterError
        For a path not ending in ``.xlsx``, an unknown language, or a non-boolean flag.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> import relgraph as rg
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_template(f"{d}/account.xlsx", lang="zh", example=True)
    ...     book = openpyxl.load_workbook(p)
    ...     net = rg.load(p)
    >>> book.sheetnames[:3], book["roles"]["C2"].value, net
    (['说明', 'orgs', 'people'], '发起者', RelationshipNetwork(78 people, 8 orgs, 131 ties, 2 opportunities))
    """  # noqa: E501
    from relgraph.errors import InvalidParameterError

    lang = check_language(lang)
    example = check_bool("example", example)
    force = check_bool("force", force)
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise InvalidParameterError("path", str(path), say("tpl_xlsx_path", lang=lang))
    if out.exists() and not force:
        raise FileExistsError(say("tpl_exists", lang=lang, path=out, flag="force=True"))
    from openpyxl import Workbook

    samples: dict[str, pd.DataFrame] = {}
    if example:
        tables, _ = read_csv_folder(_SAMPLE)
        samples = {name: raw.frame for name, raw in tables.items()}
    wb = Workbook()
    readme = wb.active
    readme.title = say("tpl_readme_sheet", lang=lang)
    _write_readme(readme, out, lang, example)
    for name, schema in SCHEMAS.items():
        _write_table(wb.create_sheet(name), schema, _frame(schema, samples.get(name), lang), lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out

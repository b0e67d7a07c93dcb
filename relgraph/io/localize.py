"""Validation problems in the reader's language: hints, reason words and column headers.

The validator writes its hints in English. For a value that a drop-down list of the input
workbook (:mod:`relgraph.io.template`) would have refused — a word outside a vocabulary, a
yes/no value, a number out of range — :func:`localize_problem` writes the hint again in the
chosen language, with the allowed values as that language's words, from the problem's table,
column and value. :func:`problem_frame` renders a list of problems as a table with the
headers and reasons in that language (``relgraph validate --lang zh``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import pandas as pd

from relgraph.errors import Problem, Reason
from relgraph.io.schema import SCHEMAS, Column
from relgraph.io.template import choices, range_rule
from relgraph.locale import check_language
from relgraph.text import say, term
from relgraph.vocab import normalize_term, suggest

__all__ = ["LOCALIZED_REASONS", "localize_problem", "problem_frame"]

#: Reasons whose hint :func:`localize_problem` writes in the chosen language.
LOCALIZED_REASONS = frozenset(
    {
        Reason.UNKNOWN_TERM,
        Reason.NOT_A_BOOLEAN,
        Reason.OUT_OF_RANGE,
        Reason.NOT_A_NUMBER,
        Reason.NOT_AN_INTEGER,
    }
)
_PROBLEM_COLUMNS = ("source", "table", "row", "column", "value", "reason", "hint")


def _column(problem: Problem) -> Column | None:
    schema = SCHEMAS.get(problem.table)
    if schema is None or problem.column is None:
        return None
    try:
        return schema.column(problem.column)
    except KeyError:
        return None


def _unknown_term(col: Column, value: str, lang: str) -> str:
    words = choices(col, lang=lang)
    near = suggest(value, col.vocab or {})
    dym = ""
    if near is not None:
        canonical = (col.vocab or {}).get(normalize_term(near), near)
        dym = say("val_did_you_mean", lang=lang, near=words.get(canonical, near))
    valid = say("list_sep", lang=lang).join(words.values())
    return say("val_unknown_term", lang=lang, column=col.name, value=value, dym=dym, valid=valid)


def localize_problem(problem: Problem, *, lang: str = "en") -> Problem:
    """Return ``problem`` with its hint in ``lang`` when it is about a value out of a list.

    Parameters
    ----------
    problem : Problem
        One validation problem.
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    Problem
        The same problem with its hint in ``lang``: for a reason of
        :data:`LOCALIZED_REASONS` on a known column, rewritten naming the allowed values
        in that language's words; otherwise its catalogue sentence
        (:meth:`relgraph.errors.Problem.text`) rendered in ``lang``.

    Examples
    --------
    >>> from relgraph.errors import Problem, Reason
    >>> p = Problem("roles", 3, "role", "老板", Reason.UNKNOWN_TERM, "unknown role '老板'")
    >>> localize_problem(p, lang="zh").hint
    "role 列的值 '老板' 无法识别;可选值:发起者、使用者、影响者、决定者、批准者、购买者、控制者、其他"
    """  # noqa: E501
    lang = check_language(lang)
    col = _column(problem)
    if lang == "en":
        return problem
    if col is None or problem.reason not in LOCALIZED_REASONS:
        return _in_language(problem, lang)
    if problem.reason is Reason.UNKNOWN_TERM and col.type == "term":
        hint = _unknown_term(col, problem.value, lang)
    elif problem.reason is Reason.NOT_A_BOOLEAN:
        yes, no = choices(col, lang=lang).values()
        hint = say("val_not_boolean", lang=lang, yes=yes, no=no)
    elif problem.reason is Reason.OUT_OF_RANGE and col.type in ("int", "float"):
        hint = say("val_range", lang=lang, column=col.name, rule=range_rule(col, lang=lang))
    elif col.type in ("int", "float"):
        hint = say("val_expected", lang=lang, rule=range_rule(col, lang=lang))
    else:
        return _in_language(problem, lang)
    return dataclasses.replace(problem, hint=hint)


def _in_language(problem: Problem, lang: str) -> Problem:
    """Render the problem's catalogue sentence in ``lang`` (a problem without one is kept)."""
    if problem.message is None:
        return problem
    return dataclasses.replace(problem, hint=problem.text(lang))


def problem_frame(problems: Iterable[Problem], *, lang: str = "en") -> pd.DataFrame:
    """Return problems as a table for people: headers, reasons and hints in ``lang``.

    Parameters
    ----------
    problems : iterable of Problem
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    pandas.DataFrame
        One row per problem, columns source, table, row, column, value, reason, hint (their
        headers in ``lang``); the reason as a word and the hint localised by
        :func:`localize_problem`. The table and column names stay the identifiers the data
        uses.

    Examples
    --------
    >>> from relgraph.errors import Problem, Reason
    >>> p = Problem("people", 5, "do_not_contact", "maybe", Reason.NOT_A_BOOLEAN, "…")
    >>> f = problem_frame([p], lang="zh")
    >>> list(f.columns)
    ['来源', '表', '行', '列', '值', '原因', '说明']
    >>> f.loc[0, "原因"], f.loc[0, "说明"]
    ('不是“是/否”', '应填是或否;留空则取默认值')
    """
    lang = check_language(lang)
    rows = []
    for p in problems:
        q = localize_problem(p, lang=lang)
        reason = term("reason", str(q.reason), lang=lang)
        rows.append((q.source, q.table, q.row, q.column, q.value, reason, q.hint))
    frame = pd.DataFrame(rows, columns=list(_PROBLEM_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    return frame.rename(columns={c: term("problem_column", c, lang=lang) for c in frame.columns})

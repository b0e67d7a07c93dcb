"""What the commands share: loading with the common options, safe writing, name lookups.

:func:`load` applies ``--lang`` and ``--as-of`` to the network's settings
(``net.with_settings``), so every analysis reads them from ``net.settings``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from relgraph.cli.output import Printer, echo, echo_json, problems_table, records, render_table
from relgraph.errors import UnknownOpportunityError, UnknownPersonError, ValidationError
from relgraph.text import say

if TYPE_CHECKING:
    import pandas as pd

    from relgraph.network import RelationshipNetwork

__all__ = [
    "check_outputs",
    "load",
    "parse_day",
    "print_problems",
    "resolve_opportunity",
    "resolve_person",
    "table_files",
    "with_names",
    "write_account",
    "write_text",
]


def print_problems(err: ValidationError, where: object, *, lang: str, as_json: bool) -> None:
    """List every problem of ``err`` (in ``lang``) on stderr, or as JSON on stdout."""
    from relgraph.io.localize import localize_problem, problem_frame

    echo(say("val_problems", lang=lang, n=len(err.problems), path=where), err=True)
    if as_json:
        localized = ValidationError([localize_problem(p, lang=lang) for p in err.problems])
        rows = records(localized.frame().rename(columns={"source": "file"}))
        echo_json({"path": str(where), "valid": False, "problems": rows})
        return
    echo(problems_table(problem_frame(err.problems, lang=lang)), err=True)


def load(
    path: Path,
    *,
    lang: str | None = None,
    as_of: str | None = None,
    as_json: bool = False,
) -> RelationshipNetwork:
    """Load a dataset with ``--lang`` and ``--as-of`` applied; exit 1 listing every problem."""
    from relgraph.checks import check_date
    from relgraph.loading import load as load_network

    if not path.exists():
        msg = say("cli_no_such_path", lang=lang or "en", path=path)
        raise typer.BadParameter(msg)
    try:
        net = load_network(path)
    except ValidationError as err:
        print_problems(err, path, lang=lang or "en", as_json=as_json)
        raise typer.Exit(1) from err
    changes: dict[str, Any] = {}
    if lang is not None:
        changes["language"] = lang
    if as_of is not None:
        changes["as_of"] = check_date("--as-of", as_of)
    return net.with_settings(**changes) if changes else net


def parse_day(option: str, value: str | None) -> dt.date | None:
    """Return the date of a ``YYYY-MM-DD`` option (checked when parsed), or None."""
    from relgraph.checks import check_date

    return None if value is None else check_date(option, value)


def resolve_opportunity(net: RelationshipNetwork, value: str | None) -> str:
    """Return the opportunity ``-o/--opportunity`` names (or the only one); usage error if unknown.

    An unknown id gets the nearest known one as a did-you-mean.
    """
    from relgraph.vocab import suggest

    try:
        return net.resolve_opportunity(value)
    except UnknownOpportunityError:
        lang = net.settings.language
        known = net.opportunities["id"].astype(str).tolist()
        ids = say("list_sep", lang=lang).join(known[:10])
        if value is None:
            key = "cli_opportunity_several" if known else "cli_no_opportunities"
            message = say(key, lang=lang, n=len(known), ids=ids)
        else:
            near = suggest(value, known)
            dym = say("cli_did_you_mean", lang=lang, words=repr(near)) if near else ""
            message = say("cli_unknown_opportunity", lang=lang, value=value, ids=ids) + dym
        raise typer.BadParameter(message, param_hint="--opportunity") from None


def resolve_person(net: RelationshipNetwork, key: str, option: str) -> str:
    """Return the person ``option`` names (id or name); usage error with did-you-mean if unknown."""
    from relgraph.vocab import suggest

    try:
        return net.resolve_person(key)
    except UnknownPersonError as err:
        lang = net.settings.language
        several = re.search(r"several people \((.+)\)", str(err))
        if several:
            message = say("cli_person_ambiguous", lang=lang, value=key, ids=several[1])
        else:
            people = net.people
            names = [*net.person_ids, *people["name"].astype(str), *people["name_en"].astype(str)]
            near = suggest(key, names)
            dym = say("cli_did_you_mean", lang=lang, words=repr(near)) if near else ""
            message = say("cli_unknown_person", lang=lang, value=key) + dym
        raise typer.BadParameter(message, param_hint=option) from None


def check_outputs(
    files: Sequence[Path | None], inputs: Sequence[Path | None], folders: Sequence[Path] = ()
) -> None:
    """Refuse, before any work, outputs that would overwrite an input (exit 2, one line)."""
    from relgraph.io.files import check_outputs as check

    check(
        [f for f in files if f is not None],
        inputs=[i for i in inputs if i is not None],
        folders=folders,
    )


def write_text(out: Path, text: str, inputs: Sequence[Path | None]) -> Path:
    """Write a page atomically, never over an input of the run."""
    from relgraph.io.files import atomic_write_text

    return atomic_write_text(out, text, inputs=[i for i in inputs if i is not None])


def table_files(out: Path) -> list[Path]:
    """List the files that writing the tables to ``out`` produces (workbook or CSV per table)."""
    from relgraph.io.schema import TABLE_ORDER

    if out.suffix.lower() == ".xlsx":
        return [out]
    return [out / f"{name}.csv" for name in TABLE_ORDER]


def write_account(net: RelationshipNetwork, out: Path, inputs: Sequence[Path | None]) -> Path:
    """Write the account's tables (workbook or CSV folder), never over an input of the run."""
    from relgraph.io.write import write_tables

    write_tables(net.to_frames(), out, inputs=[i for i in inputs if i is not None])
    return out


def with_names(
    net: RelationshipNetwork,
    frame: pd.DataFrame,
    columns: Sequence[str],
    *,
    shown: Sequence[str],
    out: Printer,
) -> pd.DataFrame:
    """Return ``frame`` with the person ids of ``columns`` shown as names, if it still fits.

    Names are what a reader knows people by; when the table (its ``shown`` columns) would
    then be wider than the terminal, the ids stay (the details under the table name them).
    """
    from relgraph.io.excel_format import display_width

    labels = net.labels

    def name(value: object) -> object:
        return labels.get(value, value) if isinstance(value, str) and value else value

    named = frame.assign(**{c: frame[c].map(name) for c in columns if c in frame.columns})
    text = render_table(named[list(shown)], lang=out.lang, width=1_000_000)
    fits = max((display_width(line) for line in text.splitlines()), default=0) <= out.width
    return named if fits else frame

"""``relgraph diff`` and ``relgraph tier``: what changed in an account, and customer grades."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from relgraph.cli.app import app
from relgraph.cli.common import load, parse_day
from relgraph.cli.options import Debug, IncludeSensitive, Json, Lang, Opportunity, checked, h
from relgraph.cli.output import Printer, echo_json, records
from relgraph.errors import InvalidParameterError
from relgraph.text import TERMS, say, term

__all__ = ["diff_cmd", "tier_cmd"]


def _day(value: str | None) -> str | None:
    from relgraph.checks import check_date

    if value is not None:
        checked(check_date, "--old-date / --new-date", value)
    return value


def _dated(path: Path) -> str | None:
    """Return the day a snapshot folder is named by (``2026-05-31/``), if it is."""
    return path.name if re.fullmatch(r"\d{4}-\d{2}-\d{2}", path.name) else None


@app.command("diff", help=h("cli_help_diff"))
def diff_cmd(
    old: Annotated[Path, typer.Argument(help=h("cli_help_old"), metavar="OLD", show_default=False)],
    new: Annotated[Path, typer.Argument(help=h("cli_help_new"), metavar="NEW", show_default=False)],
    opportunity: Opportunity = None,
    old_date: Annotated[
        str | None,
        typer.Option(
            "--old-date", help=h("cli_help_old_date"), callback=_day, metavar="YYYY-MM-DD"
        ),
    ] = None,
    new_date: Annotated[
        str | None,
        typer.Option(
            "--new-date", help=h("cli_help_new_date"), callback=_day, metavar="YYYY-MM-DD"
        ),
    ] = None,
    include_sensitive: IncludeSensitive = False,
    as_json: Json = False,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph diff``: what changed between two snapshots (key positions first)."""
    from relgraph.analysis.monitor import diff

    before, after = load(old, lang=lang), load(new, lang=lang)
    d = diff(
        before,
        after,
        opportunity=opportunity,
        old_date=parse_day("--old-date", old_date or _dated(old)),
        new_date=parse_day("--new-date", new_date or _dated(new)),
        include_sensitive=include_sensitive,
    )
    if as_json:
        echo_json(
            {
                "narrative": d.narrative,
                "changes": records(d.changes),
                "index": records(d.index),
                "note": d.note,
            }
        )
        return
    out = Printer(after.settings.language)
    out.text(d.narrative)
    if len(d.changes):
        out.blank()
        cols = ["kind", "person", "label", "opportunity", "before", "after", "date"]
        out.table(_readable(d.changes.fillna(""), out.lang), cols)
    if d.note:
        out.notes([d.note])


_GAP = re.compile(r"^(\w+) \((\w+)\)$")


def _gap_words(value: object, lang: str) -> str:
    """Return a gap's ``rule (severity)`` ids in words; anything else as it is."""
    match = _GAP.match(str(value))
    if match is None or match[1] not in TERMS["gap_rule"] or match[2] not in TERMS["severity"]:
        return str(value)
    rule, severity = term("gap_rule", match[1], lang=lang), term("severity", match[2], lang=lang)
    return f"{rule} ({severity})"


def _readable(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the changes with their kinds and gap ids as words of ``lang`` (for the terminal)."""
    kinds = TERMS["change_kind"]
    return changes.assign(
        kind=[term("change_kind", k, lang=lang) if k in kinds else str(k) for k in changes["kind"]],
        before=[_gap_words(v, lang) for v in changes["before"]],
        after=[_gap_words(v, lang) for v in changes["after"]],
    )


@app.command("tier", help=h("cli_help_tier"))
def tier_cmd(
    accounts: Annotated[
        Path, typer.Argument(help=h("cli_help_accounts"), metavar="ACCOUNTS", show_default=False)
    ],
    as_json: Json = False,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph tier``: grade customers S/A/B/C."""
    from relgraph.analysis.tiering import tier_customers

    out = Printer(lang or "en")
    if not accounts.is_file():
        raise typer.BadParameter(say("cli_no_such_path", lang=out.lang, path=accounts))
    try:
        frame = pd.read_csv(accounts, dtype={"account": str})
    except (OSError, ValueError) as err:
        message = say("cli_cannot_read", lang=out.lang, path=accounts, error=err)
        out.say("cli_error", err=True, error=message)
        raise typer.Exit(1) from err
    frame.index = frame.index + 2  # rows as a spreadsheet shows the file (header: row 1)
    try:
        t = tier_customers(frame, lang=out.lang)
    except InvalidParameterError as err:  # the file's content, not an option: exit 1
        message = say("cli_bad_accounts", lang=out.lang, path=accounts, error=err.text(out.lang))
        out.say("cli_error", err=True, error=message)
        raise typer.Exit(1) from err
    if as_json:
        echo_json(records(t))
        return
    # the weighted terms are in the why; a column the file did not give (a blank name) is left out
    terms = {"why", "value_term", "potential_term", "fit_term"}
    cols = [c for c in t.columns if c not in terms and t[c].astype(str).str.strip().ne("").any()]
    out.table(t, cols, details="why", label=["account"], digits=1)

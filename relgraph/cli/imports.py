"""``relgraph import …``: Salesforce exports, LinkedIn connections and Salesforce activities."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import pandas as pd
import typer

from relgraph.cli.app import RelgraphGroup, app
from relgraph.cli.common import (
    check_outputs,
    load,
    parse_day,
    print_problems,
    resolve_person,
    table_files,
    write_account,
)
from relgraph.cli.options import AccountArg, Debug, Json, Lang, OutOpt, h, vocabulary_word
from relgraph.cli.output import Printer, echo_json, records
from relgraph.errors import InvalidParameterError, ValidationError
from relgraph.text import say

if TYPE_CHECKING:
    pass

__all__ = ["import_app", "import_linkedin_cmd", "import_salesforce_activity_cmd"]

import_app = typer.Typer(
    cls=RelgraphGroup, help=h("cli_help_import"), no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(import_app, name="import")


def _file(value: Path | None) -> Path | None:
    """Check, while parsing, that a file option names an existing file."""
    if value is not None and not value.is_file():
        raise typer.BadParameter(say("cli_no_such_path", path=value))
    return value


def _print_report(report: pd.DataFrame, printer: Printer) -> None:
    """Print an import report: file names (the folder was given), the reasons below."""
    shown = report.fillna("").assign(source=[Path(str(f)).name for f in report["source"]])
    printer.table(
        shown, [c for c in shown.columns if c != "why"], details="why", label=["source", "row"]
    )


def _problems(err: ValidationError, where: object, lang: str) -> typer.Exit:
    """List the problems of an import (exit 1)."""
    print_problems(err, where, lang=lang, as_json=False)
    return typer.Exit(1)


@import_app.command("salesforce", help=h("cli_help_import_salesforce"))
def import_salesforce_cmd(
    folder: Annotated[
        Path, typer.Argument(help=h("cli_help_sf_folder"), metavar="FOLDER", show_default=False)
    ],
    out: Annotated[Path, typer.Option("--out", help=h("cli_help_sf_out"))],
    us_name: Annotated[str, typer.Option("--us-name", help=h("cli_help_us_name"))] = "Our company",
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph import salesforce``: relgraph tables from a Salesforce export."""
    from relgraph.importers.salesforce import import_salesforce

    printer = Printer(lang or "en")
    check_outputs(table_files(out), [folder])
    try:
        result = import_salesforce(folder, us_name=us_name)
    except ValidationError as err:
        raise _problems(err, folder, printer.lang) from err
    net = result.network
    assert net is not None  # import_salesforce always builds one
    written = write_account(net, out, [folder])
    printer.say("cli_import_done", net=repr(net), path=written)
    deleted = int(result.report["why"].eq(say("imp_deleted")).sum())
    if deleted:
        printer.say("imp_deleted_count", n=deleted)
    if len(result.report):
        printer.say("cli_not_mapped", n=len(result.report))
        _print_report(result.report, printer)


@import_app.command("linkedin", help=h("cli_help_import_linkedin"))
def import_linkedin_cmd(
    path: AccountArg,
    connections: Annotated[
        Path,
        typer.Option("--connections", help=h("cli_help_connections"), callback=_file),
    ],
    owner: Annotated[str, typer.Option("--owner", help=h("cli_help_owner"))],
    out: OutOpt,
    add_unmatched: Annotated[
        bool, typer.Option("--add-unmatched/--no-add-unmatched", help=h("cli_help_add_unmatched"))
    ] = True,
    kind: Annotated[
        str,
        typer.Option("--kind", help=h("cli_help_kind"), callback=vocabulary_word("tie_kind")),
    ] = "other",
    as_json: Json = False,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph import linkedin``: one of our people's connections as ties."""
    from relgraph.importers.linkedin import add_linkedin_connections

    check_outputs(table_files(out), [path, connections])
    net = load(path, lang=lang)
    printer = Printer(net.settings.language)
    owner_id = resolve_person(net, owner, "--owner")
    try:
        result = add_linkedin_connections(
            net, connections, owner=owner_id, add_unmatched=add_unmatched, kind=kind
        )
        new, report = result.network, result.report
        assert new is not None  # a network was given
    except ValidationError as err:
        raise _problems(err, connections, printer.lang) from err
    except InvalidParameterError as err:  # the owner is not one of ours
        hint = f"--{err.parameter.replace('_', '-')}"
        raise typer.BadParameter(str(err), param_hint=hint) from err
    written = write_account(new, out, [path, connections])
    counts = report["action"].value_counts()
    if as_json:
        echo_json(
            {
                "written": str(written),
                "network": repr(new),
                "connections": len(report),
                "actions": {str(k): int(v) for k, v in counts.items()},
                "report": records(report),
            }
        )
        return
    tied, added = int(counts.get("tie added", 0)), int(counts.get("new person", 0))
    printer.say("imp_written", net=repr(new), out=written)
    printer.say(
        "imp_linkedin_done",
        rows=len(report),
        owner=net.label(owner_id),
        tied=tied,
        new=added,
        other=len(report) - tied - added,
    )
    printer.say("imp_report_head", n=len(report))
    cols = ["row", "first_name", "last_name", "company", "matched_by", "person", "action", "why"]
    shown = report.assign(
        first_name=report["first_name"].fillna(""), last_name=report["last_name"].fillna("")
    )
    printer.table(shown, cols[:-1], details="why", label=["row"])


@import_app.command("salesforce-activity", help=h("cli_help_import_activity"))
def import_salesforce_activity_cmd(
    path: AccountArg,
    tasks: Annotated[Path, typer.Option("--tasks", help=h("cli_help_tasks"), callback=_file)],
    out: OutOpt,
    events: Annotated[
        Path | None,
        typer.Option("--events", help=h("cli_help_events"), callback=_file),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", "--today", help=h("cli_help_today"), metavar="YYYY-MM-DD"),
    ] = None,
    as_json: Json = False,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph import salesforce-activity``: a Task/Event export into the log."""
    from relgraph.importers.salesforce_activity import import_salesforce_activities

    day = parse_day("--as-of/--today", as_of)
    check_outputs(table_files(out), [path, tasks, events])
    net = load(path, lang=lang)
    printer = Printer(net.settings.language)
    files = [f for f in (tasks, events) if f is not None]
    try:
        res = import_salesforce_activities(files, network=net, today=day)
    except ValidationError as err:
        raise _problems(err, ", ".join(map(str, files)), printer.lang) from err
    combined, report, new = res.network, res.report, res.added["interactions"]
    assert combined is not None  # a network was given
    written = write_account(combined, out, [path, tasks, events])
    skipped = int(report["outcome"].eq("skipped").sum())
    other = int(report["action"].eq("kind set to 'other'").sum())
    if as_json:
        echo_json(
            {
                "written": str(written),
                "network": repr(combined),
                "imported": len(new),
                "not_imported": skipped,
                "kind_set_to_other": other,
                "interactions": len(combined.interactions),
                "report": records(report),
            }
        )
        return
    printer.say("imp_written", net=repr(combined), out=written)
    printer.say(
        "imp_activity_done",
        imported=len(new),
        files=", ".join(f.name for f in files),
        skipped=skipped,
        other=other,
        total=len(combined.interactions),
    )
    if len(report):
        printer.say("imp_report_head", n=len(report))
        _print_report(report, printer)
    else:
        printer.say("imp_nothing_unmapped")

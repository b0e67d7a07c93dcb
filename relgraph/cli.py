"""The ``relgraph`` command line: validate data, run the demo, and the analyses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from relgraph.errors import RelgraphError, ValidationError

__all__ = ["app", "main"]

app = typer.Typer(
    name="relgraph",
    help="Decision chains, hidden influencers, coverage gaps and introduction routes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathArg = Annotated[Path, typer.Argument(help="A folder of CSV files or an .xlsx workbook.")]


def _table(frame: pd.DataFrame) -> str:
    with pd.option_context(
        "display.unicode.east_asian_width",
        True,
        "display.width",
        200,
        "display.max_colwidth",
        90,
        "display.max_rows",
        500,
    ):
        return frame.to_string(index=False)


def _load(path: Path):  # type: ignore[no-untyped-def]
    from relgraph.io import load

    try:
        return load(path)
    except ValidationError as err:
        typer.echo(f"{len(err.problems)} problem(s) in {path}:", err=True)
        typer.echo(_table(err.frame()), err=True)
        raise typer.Exit(1) from err


@app.command()
def validate(path: PathArg) -> None:
    """Check a dataset; list every problem (exit 1) or print a summary (exit 0)."""
    net = _load(path)
    typer.echo(f"OK: {path} is valid. {net!r}")
    typer.echo(net.summary().to_string())


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo's outputs.")] = Path("demo-output"),
) -> None:
    """Run every analysis on the bundled sample account and write the outputs to OUT."""
    from relgraph.demo import run_demo

    run_demo(out, echo=typer.echo)


# -- influence commands

# -- routes commands

# -- coverage commands

# -- interactions commands

# -- maps commands


# -- interop commands
import_app = typer.Typer(help="Import CRM exports into relgraph tables.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@import_app.command("salesforce")
def import_salesforce_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder with Contact.csv, Account.csv, ….")],
    out: Annotated[Path, typer.Option(help="Output: a folder (CSV files) or a .xlsx file.")],
    us_name: Annotated[str, typer.Option(help="Name of our own org.")] = "Our company",
) -> None:
    """Import a Salesforce export; write relgraph tables and list what did not map."""
    from relgraph.io.salesforce import import_salesforce

    try:
        result = import_salesforce(folder, us_name=us_name)
    except ValidationError as err:
        typer.echo(_table(err.frame()), err=True)
        raise typer.Exit(1) from err
    net = result.network
    written = net.to_excel(out) if out.suffix.lower() == ".xlsx" else net.to_csv(out)
    typer.echo(f"Imported {net!r} → {written}")
    if len(result.report):
        typer.echo(f"{len(result.report)} value(s) did not map one-to-one:")
        typer.echo(_table(result.report))


def main() -> None:
    """Entry point of the ``relgraph`` console script."""
    try:
        app()
    except RelgraphError as err:
        typer.echo(f"error: {err}", err=True)
        raise SystemExit(2) from err


if __name__ == "__main__":
    main()

"""Commands about the data itself: ``validate``, ``template`` and the ``demo``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from relgraph.cli.app import app
from relgraph.cli.common import check_outputs, load
from relgraph.cli.options import AsOf, Debug, Json, Lang, PathArg, h
from relgraph.cli.output import Printer, cli_words, echo, echo_json, render_table
from relgraph.text import TERMS, say, term

__all__ = ["demo", "template_cmd", "validate"]


def _summary(summary: pd.Series, lang: str) -> pd.DataFrame:
    """Return the network's counts as a two-column table, its labels in ``lang``."""
    labels = []
    for key in summary.index.astype(str):
        table, _, rest = key.partition(" (")
        word = term("table", table, lang=lang) if table in TERMS["table"] else table
        kind = rest.rstrip(")")
        if kind in TERMS["org_kind"]:
            kind_word = term("org_kind", kind, lang=lang)
            word = say("cli_people_of_kind", lang=lang, table=word, kind=kind_word)
        labels.append(word)
    return pd.DataFrame({"table": labels, "rows": summary.to_numpy()})


@app.command(help=h("cli_help_validate"))
def validate(
    path: PathArg,
    lang: Lang = None,
    as_json: Json = False,
    as_of: AsOf = None,
    debug: Debug = False,
) -> None:
    """``relgraph validate``: every problem (exit 1) or a summary (exit 0)."""
    from relgraph.io.read import ignored_inputs

    net = load(path, lang=lang, as_of=as_of, as_json=as_json)
    lang = net.settings.language
    ignored = ignored_inputs(path)
    if as_json:
        counts = {str(k): int(v) for k, v in net.summary().items()}
        echo_json(
            {
                "path": str(path),
                "valid": True,
                "problems": [],
                "summary": counts,
                "not_read": list(ignored),
            }
        )
        return
    out = Printer(lang)
    out.say("val_ok", path=path)
    echo(render_table(_summary(net.summary(), lang), lang=lang))
    if ignored:
        out.say("val_not_read", names=say("list_sep", lang=lang).join(ignored))


@app.command(help=h("cli_help_demo"))
def demo(
    out: Annotated[Path, typer.Option("--out", help=h("cli_help_demo_out"))] = Path("demo-output"),
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph demo``: every analysis on the bundled sample account."""
    from relgraph.datasets import sample_path
    from relgraph.demo import run_demo

    check_outputs([], [sample_path()], folders=[out])
    # the demo's notes name the options as the command line spells them (--include-sensitive)
    run_demo(out, echo=lambda line: echo(cli_words(line)), lang=lang or "en")


@app.command("template", help=h("cli_help_template"))
def template_cmd(
    path: Annotated[
        Path, typer.Argument(help=h("cli_help_template_path"), metavar="PATH", show_default=False)
    ],
    lang: Lang = None,
    example: Annotated[bool, typer.Option("--example", help=h("cli_help_example"))] = False,
    force: Annotated[bool, typer.Option("--force", help=h("cli_help_force"))] = False,
    debug: Debug = False,
) -> None:
    """``relgraph template``: an input workbook to fill in."""
    from relgraph.io.schema import SCHEMAS
    from relgraph.io.template import write_template

    lang = lang or "en"
    out = Printer(lang)
    try:
        written = write_template(path, lang=lang, example=example, force=force)
    except FileExistsError as err:
        raise typer.BadParameter(
            say("tpl_exists", lang=lang, path=path, flag="--force"), param_hint="PATH"
        ) from err
    out.say("tpl_written", path=written, n=len(SCHEMAS) + 1, language=lang)
    if example:
        out.say("tpl_written_example")
    out.say("tpl_next", path=written)

"""The ``relgraph`` command line: validate data, run the demo, and the analyses."""

from __future__ import annotations

import contextlib
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from relgraph.errors import (
    InvalidParameterError,
    RelgraphError,
    UnknownPersonError,
    ValidationError,
)

__all__ = ["app", "main"]

app = typer.Typer(
    name="relgraph",
    help="Decision chains, hidden influencers, coverage gaps and introduction routes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathArg = Annotated[Path, typer.Argument(help="A folder of CSV files or an .xlsx workbook.")]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Measure ages, staleness and interaction decay as of this day, YYYY-MM-DD "
        "(default: today).",
    ),
]


# -- output safety: every line printed and every file written goes through these
def _echo(text: object = "", *, err: bool = False) -> None:
    """Print a line; user data in it cannot control the terminal (see ``term_text``)."""
    from relgraph.io.encode import term_text

    typer.echo(term_text(text), err=err)


def _echo_json(data: object) -> None:
    r"""Print JSON (an object, or JSON text); terminal-active characters stay ``\u``-escaped."""
    import json

    from relgraph.io.encode import json_text

    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    typer.echo(json_text(text))


def _fail(err: RelgraphError) -> typer.Exit:
    """Say what is wrong in one line on stderr; the caller raises the returned exit (code 2)."""
    _echo(f"error: {err}", err=True)
    return typer.Exit(2)


def _check_outputs(
    files: Sequence[Path | None], inputs: Sequence[Path | None], folders: Sequence[Path] = ()
) -> None:
    """Refuse, before any work, outputs that would overwrite an input (exit 2, one line)."""
    from relgraph.io.files import check_outputs

    try:
        check_outputs(
            [f for f in files if f is not None],
            inputs=[i for i in inputs if i is not None],
            folders=folders,
        )
    except RelgraphError as err:
        raise _fail(err) from err


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """Turn a refused or failed write (OutputError) into one line and exit code 2."""
    try:
        yield
    except RelgraphError as err:
        raise _fail(err) from err


def _write_text(out: Path, text: str, inputs: Sequence[Path | None]) -> Path:
    """Write a page atomically, never over an input of the run."""
    from relgraph.io.files import atomic_write_text

    with _writing():
        return atomic_write_text(out, text, inputs=[i for i in inputs if i is not None])


def _table_files(out: Path) -> list[Path]:
    """List the files that writing the tables to ``out`` produces (workbook or CSV per table)."""
    from relgraph.io.schema import TABLE_ORDER

    if out.suffix.lower() == ".xlsx":
        return [out]
    return [out / f"{name}.csv" for name in TABLE_ORDER]


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


def _width(text: str) -> int:
    """Terminal columns of ``text``: a Chinese (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _problems_table(frame: pd.DataFrame) -> str:
    """Render validation problems as an aligned, left-justified table, one line each."""

    def cell(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return ""  # a problem about a whole file has no row or column (not "nan")
        text = str(value)
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")

    rows = [list(frame.columns)] + [[cell(v) for v in r] for r in frame.itertuples(index=False)]
    widths = [max(_width(r[i]) for r in rows) for i in range(len(frame.columns) - 1)]
    return "\n".join(
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(r[:-1], widths, strict=True))
        + "  "
        + r[-1]
        for r in rows
    )


def _load(path: Path, as_of: str | None = None, lang: str = "en"):  # type: ignore[no-untyped-def]
    """Load a dataset (exit 1 listing every problem); ``--as-of`` becomes ``settings.as_of``."""
    from relgraph.checks import check_date
    from relgraph.errors import InvalidParameterError
    from relgraph.loading import load

    day = None
    if as_of is not None:
        try:
            day = check_date("--as-of", as_of)
        except InvalidParameterError as err:
            raise typer.BadParameter(str(err), param_hint="--as-of") from err
    try:
        net = load(path)
    except ValidationError as err:
        from relgraph.io.localize import problem_frame
        from relgraph.text import say

        _echo(say("val_problems", lang=lang, n=len(err.problems), path=path), err=True)
        _echo(_problems_table(problem_frame(err.problems, lang=lang)), err=True)
        raise typer.Exit(1) from err
    return net if day is None else net.with_settings(as_of=day)


LangOpt = Annotated[
    str, typer.Option("--lang", help="Language of the messages: en or zh (简体中文).")
]


@app.command()
def validate(path: PathArg, lang: LangOpt = "en") -> None:
    """Check a dataset; list every problem (exit 1) or print a summary (exit 0)."""
    from relgraph.io.read import ignored_inputs
    from relgraph.locale import check_language
    from relgraph.text import say

    lang = check_language(lang)
    net = _load(path, lang=lang)
    _echo(f"{say('val_ok', lang=lang, path=path)} {net!r}")
    _echo(net.summary().to_string())
    ignored = ignored_inputs(path)
    if ignored:
        _echo(say("val_not_read", lang=lang, names=say("list_sep", lang=lang).join(ignored)))


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo's outputs.")] = Path("demo-output"),
) -> None:
    """Run every analysis on the bundled sample account and write the outputs to OUT."""
    from relgraph.datasets import sample_path
    from relgraph.demo import run_demo

    _check_outputs([], [sample_path()], folders=[out])
    with _writing():
        run_demo(out, echo=_echo)


# -- influence commands
@app.command()
def influence(
    path: PathArg,
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (may be left out if there is one).")
    ] = None,
    top: Annotated[int, typer.Option(help="Rows of the leverage and hidden tables.")] = 10,
    include_sensitive: Annotated[
        bool, typer.Option(help="Name sensitive ties in the evidence.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    as_of: AsOf = None,
) -> None:
    """Support index per party, top hidden influencers and the leverage table."""
    import json

    from relgraph.analysis.influence import hidden_influencers, leverage, support_index

    net = _load(path, as_of)
    opp = net.resolve_opportunity(opportunity)
    index = support_index(net, opp)
    hidden = hidden_influencers(net, opp, k=top, include_sensitive=include_sensitive)
    lev = leverage(net, opp, include_sensitive=include_sensitive).head(top)
    lev_cols = ["person", "name", "party", "roles", "attitude", "predicted", "leverage", "why"]
    hid_cols = ["rank", "person", "name", "leverage", "influences", "via", "why"]
    if as_json:
        out = {
            "opportunity": opp,
            "index": json.loads(index.to_json(orient="records", force_ascii=False)),
            "hidden_influencers": json.loads(hidden.to_json(orient="records", force_ascii=False)),
            "leverage": json.loads(lev.to_json(orient="records", force_ascii=False)),
            "leverage_withheld_note": lev.attrs["withheld_note"],
        }
        _echo_json(out)
        return
    _echo(f"Decision support index for {opp} (−3..+3 for us, 0..3 for competitors):")
    _echo(_table(index[["party", "name", "index", "supporters", "why"]].round(3)))
    _echo(f"\nTop hidden influencers in {opp}:")
    _echo(_table(hidden[hid_cols].round(3)) if len(hidden) else "(none)")
    _echo(f"\nLeverage (top {top}):")
    _echo(_table(lev[lev_cols].round(3)))
    if lev.attrs["withheld_note"]:
        _echo(lev.attrs["withheld_note"])


# -- routes commands
def _routes_targets(  # type: ignore[no-untyped-def]
    net,
    to: list[str],
    opportunity: str | None,
    role: str | None,
) -> tuple[list[str], str | None]:
    """Resolve ``--to`` / ``--opportunity`` / ``--role`` to person ids and the role's word.

    The ids come in the order given, each person once.
    """
    from relgraph.errors import UnknownOpportunityError
    from relgraph.model import ROLE_SYNONYMS, Role, parse_term
    from relgraph.text import say

    if to and opportunity is not None:
        raise typer.BadParameter(say("routes_cli_to_and_opp"), param_hint="--to / --opportunity")
    if role is not None and opportunity is None:
        raise typer.BadParameter(say("routes_cli_role_needs_opp"), param_hint="--role")
    if not to and opportunity is None:
        raise typer.BadParameter(say("routes_cli_need_target"), param_hint="--to / --opportunity")
    ids: list[str] = []
    word: str | None = None
    if to:
        for key in to:
            try:
                ids.append(net.resolve_person(key))
            except UnknownPersonError as err:
                raise typer.BadParameter(str(err), param_hint="--to") from err
    else:
        try:
            held = net.opportunity_roles(opportunity)
        except UnknownOpportunityError as err:
            raise typer.BadParameter(str(err), param_hint="--opportunity") from err
        if role is not None:
            try:
                wanted = parse_term(Role, ROLE_SYNONYMS, role)
            except ValueError as err:
                raise typer.BadParameter(str(err), param_hint="--role") from err
            word = str(wanted)
            present = sorted({str(r) for r in held["role"] if r})
            held = held[held["role"].astype(str).eq(word)]
            if held.empty:
                raise typer.BadParameter(
                    say(
                        "routes_cli_no_holders",
                        role=word,
                        opp=opportunity,
                        present=", ".join(present) or "none",
                    ),
                    param_hint="--role",
                )
        ids = held["person"].astype(str).tolist()
        if not ids:
            raise typer.BadParameter(
                say("routes_cli_no_roles", opp=opportunity), param_hint="--opportunity"
            )
    return list(dict.fromkeys(ids)), word


def _flat_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with tuple / list cells joined by ``;`` (one value per CSV cell)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(
                lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return out


@app.command()
def routes(
    ctx: typer.Context,
    path: PathArg,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", help="The person to reach (id or name); repeat for several people."),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", help="Start every route at this person (default: our team)."),
    ] = None,
    k: Annotated[int, typer.Option("-k", "--k", help="How many routes.")] = 3,
    opportunity: Annotated[
        str | None,
        typer.Option(
            "--opportunity", help="Reach every role holder of this opportunity (instead of --to)."
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role", help="With --opportunity: only holders of this role (e.g. decider, 决策者)."
        ),
    ] = None,
    include_sensitive: Annotated[
        bool, typer.Option(help="Use sensitive ties (family, faith, neighbour …).")
    ] = False,
    include_do_not_contact: Annotated[
        bool, typer.Option(help="Let routes pass through do-not-contact people.")
    ] = False,
    include_opponents: Annotated[
        bool,
        typer.Option(help="Let routes pass through people who oppose us or back a competitor."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    csv: Annotated[
        Path | None,
        typer.Option("--csv", help="Also write every column of the result to this CSV file."),
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Show the most reliable warm-introduction routes to a person, explained.

    With several --to people, or --opportunity (optionally --role), prints one row per
    person: the best route from our team and an independent alternative.
    """
    import json

    from relgraph.analysis.routes import connection_routes, routes_to_many
    from relgraph.io.write import write_csv
    from relgraph.text import say

    _check_outputs([csv], [path])
    net = _load(path, as_of)
    to = to or []
    targets, role = _routes_targets(net, to, opportunity, role)
    bulk = opportunity is not None or len(targets) > 1
    if bulk:
        if from_ is not None:
            raise typer.BadParameter(say("routes_cli_from_bulk"), param_hint="--from")
        k_source = ctx.get_parameter_source("k")  # typer's own click: compare by name
        if k_source is not None and k_source.name not in ("DEFAULT", "DEFAULT_MAP"):
            raise typer.BadParameter(say("routes_cli_k_bulk"), param_hint="-k")
        frame = routes_to_many(
            net,
            targets,
            include_sensitive=include_sensitive,
            include_do_not_contact=include_do_not_contact,
            include_opponents=include_opponents,
            progress=False if as_json else None,
        )
        excluded = int(frame["excluded"].sum())
        if csv is not None:
            with _writing():
                write_csv(_flat_for_csv(frame), csv, inputs=[path])
        if as_json:
            out_bulk = {
                "opportunity": opportunity,
                "role": role,
                "max_hops": int(net.settings.max_hops),
                "excluded": excluded,
                "include_sensitive": include_sensitive,
                "routes": _records(frame),
            }
            _echo_json(out_bulk)
            return
        what = f"{opportunity} role holders" if opportunity is not None else "people"
        if role is not None:
            what = f"{opportunity} holders of role {role}"
        _echo(
            say(
                "routes_cli_bulk_header",
                n=len(frame),
                what=what,
                max_hops=int(net.settings.max_hops),
            )
        )
        cols = [
            "target",
            "name",
            "best_strength",
            "best_source",
            "alt_strength",
            "alt_source",
            "excluded",
            "best_route",
        ]
        shown = frame[cols].round(3)
        shown["best_route"] = [
            r or w for r, w in zip(frame["best_route"], frame["why"], strict=True)
        ]
        _echo(_table(shown))
        if excluded:
            _echo(say("routes_cli_excluded", n=excluded))
        elif not excluded:
            _echo(say("routes_cli_none_excluded"))
        if csv is not None:
            _echo(say("routes_cli_csv", n=len(frame), path=csv))
        return

    rep = connection_routes(
        net,
        targets[0],
        source=from_,
        k=k,
        include_sensitive=include_sensitive,
        include_do_not_contact=include_do_not_contact,
        include_opponents=include_opponents,
    )
    if csv is not None:
        with _writing():
            write_csv(_flat_for_csv(rep.routes), csv, inputs=[path])
    if as_json:
        out = {
            "target": rep.target,
            "source": rep.source,
            "max_hops": rep.max_hops,
            "excluded": rep.excluded,
            "single_point_of_failure": list(rep.single_point_of_failure or []),
            "routes": json.loads(rep.routes.to_json(orient="records", force_ascii=False)),
        }
        _echo_json(out)
        return
    _echo(str(rep))
    _echo("")
    _echo(_table(rep.routes[["rank", "strength", "hops", "why"]].round(3)))
    if csv is not None:
        _echo(say("routes_cli_csv", n=len(rep.routes), path=csv))


# -- coverage commands
@app.command("coverage")
def coverage_cmd(
    path: PathArg,
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (may be left out if there is one).")
    ] = None,
    as_of: AsOf = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Coverage gaps against competitors' supporters, the parties and the key people."""
    import json

    from relgraph.analysis.coverage import coverage

    net = _load(path, as_of)
    rep = coverage(net, opportunity)
    if as_json:

        def records(frame: pd.DataFrame) -> object:
            return json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso"))

        matrix = rep.matrix.copy()
        matrix.index = matrix.index.astype(str)
        out = {
            "opportunity": rep.opportunity,
            "as_of": rep.as_of.isoformat(),
            "gaps": records(rep.gaps),
            "summary": records(rep.summary),
            "matrix": json.loads(matrix.to_json(orient="index")),
            "people": records(rep.people.drop(columns=["faction"])),
            "notes": list(rep.notes),
        }
        _echo_json(out)
        return
    _echo(repr(rep))
    _echo("\nGaps:")
    _echo(_table(rep.gaps[["rule", "severity", "person", "competitor", "why"]]))
    _echo("\nParties:")
    cols = ["party", "name", "index", "supporters", "power_share", "many", "deep", "long_years"]
    _echo(_table(rep.summary[cols].round(3)))
    _echo("\nLevel by level (our people × theirs):")
    _echo(rep.matrix.to_string())
    for note in rep.notes:
        _echo(f"note: {note}")


@app.command()
def targets(
    path: PathArg,
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (may be left out if there is one).")
    ] = None,
    capacity: Annotated[
        int | None, typer.Option(help="How many targets the team can take on.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    as_of: AsOf = None,
) -> None:
    """Whom to work on next: targets by expected gain, with owners A/B, sponsor and route."""
    import json

    from relgraph.analysis.targets import recommend_targets, target_candidates

    net = _load(path, as_of)
    rec = recommend_targets(net, opportunity, capacity=capacity)
    if as_json:
        cands = target_candidates(net, opportunity)
        out = {
            "total_gain": float(rec["gain"].sum()),
            "unreachable": cands.loc[cands["reach"] <= 0, "person"].tolist(),
            "targets": json.loads(rec.to_json(orient="records", force_ascii=False)),
        }
        _echo_json(out)
        return
    cols = ["rank", "person", "name", "objective", "gain", "owner_a", "owner_b", "sponsor"]
    _echo(_table(rec[cols].round(4)))
    _echo("\nWhy:")
    for r in rec.itertuples(index=False):
        _echo(f"{r.rank}. {r.person}: {r.why}")


# -- interactions commands
@app.command()
def activity(
    path: PathArg,
    as_of: AsOf = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Also draw the touchpoints over time to this .png/.svg/.pdf."),
    ] = None,
) -> None:
    """Relationship strength, last contact and customer issues from the interactions log."""
    import json

    from relgraph.analysis.interactions import (
        customer_issues,
        last_contact,
        relationship_strength,
    )
    from relgraph.text import say

    _check_outputs([plot], [path])
    net = _load(path, as_of)
    if len(net.interactions) == 0:
        _echo(say("int_cli_empty", path=path), err=True)
        raise typer.Exit(1)
    strength = relationship_strength(net)
    last = last_contact(net)
    issues = customer_issues(net)
    day = net.as_of
    if plot is not None:
        from matplotlib.figure import Figure

        from relgraph.io.files import atomic_path
        from relgraph.viz.activity import plot_touchpoints

        fig = Figure(figsize=(11, 7), layout="constrained")
        plot_touchpoints(net, ax=fig.add_subplot())
        with _writing(), atomic_path(plot, inputs=[path]) as tmp:
            fig.savefig(tmp, dpi=150)
        _echo(say("int_cli_plot", path=plot), err=True)
    if as_json:
        out = {
            "as_of": day.isoformat(),
            **{
                name: json.loads(
                    frame.to_json(orient="records", force_ascii=False, date_format="iso")
                )
                for name, frame in [
                    ("strength", strength),
                    ("last_contact", last),
                    ("issues", issues),
                ]
            },
        }
        _echo_json(out)
        return
    _echo(say("int_cli_strength", as_of=day.isoformat()))
    cols = ["our_person", "their_person", "their_name", "touchpoints", "first_contact"]
    cols += ["last_contact", "reciprocity", "strength", "ties"]
    _echo(_table(strength[cols].round({"reciprocity": 3, "strength": 3})))
    _echo("\n" + say("int_cli_last"))
    cols = ["person", "name", "level", "last_contact", "days_since", "stale", "by"]
    _echo(_table(last[cols]))
    _echo("\n" + say("int_cli_issues"))
    cols = ["issue", "status", "opened", "age_days", "overdue", "owner", "people"]
    _echo(_table(issues[cols]))
    for ref, why in zip(issues["issue"].tolist(), issues["why"].tolist(), strict=True):
        _echo(f"- {ref or '(no ref)'}: {why}")


# -- maps commands
@app.command("map")
def map_(
    path: PathArg,
    out: Annotated[Path, typer.Option("--out", help="Where to write the HTML map.")] = Path(
        "map.html"
    ),
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (needed when there are several).")
    ] = None,
    focus: Annotated[
        str | None, typer.Option(help="Draw only this person's ego network (id or name).")
    ] = None,
    radius: Annotated[int, typer.Option(help="Ties away from --focus to include.")] = 2,
    include_sensitive: Annotated[
        bool, typer.Option(help="Put sensitive ties (family, faith, neighbour …) in the map.")
    ] = False,
    as_of: AsOf = None,
) -> None:
    """Write a self-contained interactive HTML map of the network (opens offline)."""
    from relgraph.viz.html import to_html

    _check_outputs([out], [path])
    net = _load(path, as_of)
    m = to_html(
        net,
        opportunity=opportunity,
        focus=focus,
        radius=radius,
        include_sensitive=include_sensitive,
    )
    _write_text(out, m.html, [path])
    _echo(f"Wrote {out}: {m.people} people, {m.ties} ties.")
    for note in m.notes:
        _echo(note)


# -- planning commands
@app.command("plan")
def plan_cmd(
    path: PathArg,
    xlsx: Annotated[Path, typer.Option("--xlsx", help="Where to write the workbook.")],
    opportunity: Annotated[
        str | None, typer.Option(help="Opportunity id (may be left out if there is one).")
    ] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML page.")
    ] = None,
    md: Annotated[Path | None, typer.Option("--md", help="Also write Markdown.")] = None,
    period: Annotated[str, typer.Option(help="Planning cycle: year or half-year.")] = "year",
    as_of: AsOf = None,
    capacity: Annotated[
        int | None, typer.Option(help="How many targets the team can work on.")
    ] = None,
    include_sensitive: Annotated[
        bool, typer.Option(help="Keep sensitive ties and the people known only through them.")
    ] = False,
) -> None:
    """Write the yearly planning set (status, targets, actions, cards) as a workbook."""
    from relgraph.plan import plan

    _check_outputs([xlsx, html_out, md], [path])
    net = _load(path, as_of)
    p = plan(
        net,
        opportunity,
        capacity=capacity,
        period=period,  # type: ignore[arg-type]
        include_sensitive=include_sensitive,
    )
    with _writing():
        written = p.to_excel(xlsx)
    _echo(f"{p!r}\nWrote {written}")
    if html_out is not None:
        _write_text(html_out, p.to_html(), [path])
        _echo(f"Wrote {html_out}")
    if md is not None:
        _write_text(md, p.to_markdown(), [path])
        _echo(f"Wrote {md}")
    for note in p.notes:
        _echo(f"note: {note}")


@app.command("diff")
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The earlier snapshot (folder or .xlsx).")],
    new: Annotated[Path, typer.Argument(help="The later snapshot (folder or .xlsx).")],
    opportunity: Annotated[
        str | None, typer.Option(help="Compare this opportunity only (default: all).")
    ] = None,
    old_date: Annotated[str | None, typer.Option(help="Date of OLD, YYYY-MM-DD.")] = None,
    new_date: Annotated[str | None, typer.Option(help="Date of NEW, YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show what changed between two snapshots of an account (key positions first)."""
    import json

    from relgraph.analysis.monitor import diff

    for p in (old, new):
        if not p.exists():
            _echo(f"error: {p} does not exist", err=True)
            raise typer.Exit(2)
    d = diff(
        _load(old),
        _load(new),
        opportunity=opportunity,
        old_date=old_date or _dated(old),
        new_date=new_date or _dated(new),
    )
    if as_json:
        out = {
            "narrative": d.narrative,
            "changes": json.loads(
                d.changes.to_json(orient="records", force_ascii=False, date_format="iso")
            ),
            "index": json.loads(d.index.to_json(orient="records", force_ascii=False)),
            "note": d.note,
        }
        _echo_json(out)
        return
    _echo(d.narrative)
    if len(d.changes):
        _echo("")
        cols = ["kind", "person", "label", "opportunity", "before", "after", "date"]
        shown = d.changes[cols].assign(date=d.changes["date"].dt.strftime("%Y-%m-%d"))
        _echo(_table(shown.fillna("")))


def _dated(path: Path) -> str | None:
    import re

    return path.name if re.fullmatch(r"\d{4}-\d{2}-\d{2}", path.name) else None


@app.command("tier")
def tier_cmd(
    accounts: Annotated[
        Path,
        typer.Argument(
            help="CSV: account, current_value, future_potential, strategic_fit (0..5), name."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Grade customers S/A/B/C from current value, future potential and strategic fit."""
    from relgraph.analysis.tiering import tier_customers

    try:
        frame = pd.read_csv(accounts, dtype={"account": str})
    except (OSError, ValueError) as err:
        _echo(f"error: cannot read {accounts}: {err}", err=True)
        raise typer.Exit(2) from err
    t = tier_customers(frame)
    if as_json:
        _echo_json(t.to_json(orient="records", force_ascii=False, indent=2))
        return
    _echo(_table(t.drop(columns=["why"]).round(3)))
    for r in t.itertuples(index=False):
        _echo(f"- {r.account}: {r.why}")


# -- interop commands
import_app = typer.Typer(help="Import CRM exports into relgraph tables.", no_args_is_help=True)
app.add_typer(import_app, name="import")


@app.command("export")
def export_cmd(
    path: PathArg,
    format: Annotated[str, typer.Option(help="gexf, graphml or json.")] = "gexf",
    out: Annotated[Path | None, typer.Option(help="Output file (default: network.FORMAT).")] = None,
    opportunity: Annotated[
        str | None, typer.Option(help="Add roles, power and leverage for this opportunity.")
    ] = None,
    include_sensitive: Annotated[
        bool, typer.Option(help="Include family/faith/neighbour and other sensitive ties.")
    ] = False,
    as_of: AsOf = None,
) -> None:
    """Export the network for Gephi/yEd (GEXF, GraphML) or as node-link JSON."""
    from relgraph.export import export_graph, to_networkx

    target = out or Path(f"network.{format.lower()}")
    _check_outputs([target], [path])
    net = _load(path, as_of)
    with _writing():
        written = export_graph(
            net,
            target,
            format=format.lower(),  # type: ignore[arg-type]
            opportunity=opportunity,
            include_sensitive=include_sensitive,
            inputs=[path],
        )
    g = to_networkx(net, opportunity=opportunity, include_sensitive=include_sensitive)
    _echo(f"Wrote {written} ({g.number_of_nodes()} people, {g.number_of_edges()} ties).")
    _echo(g.graph["note"])


@import_app.command("salesforce")
def import_salesforce_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder with Contact.csv, Account.csv, ….")],
    out: Annotated[Path, typer.Option(help="Output: a folder (CSV files) or a .xlsx file.")],
    us_name: Annotated[str, typer.Option(help="Name of our own org.")] = "Our company",
) -> None:
    """Import a Salesforce export; write relgraph tables and list what did not map."""
    from relgraph.importers.salesforce import import_salesforce
    from relgraph.text import say

    _check_outputs(_table_files(out), [folder])
    try:
        result = import_salesforce(folder, us_name=us_name)
    except ValidationError as err:
        _echo(_table(err.frame()), err=True)
        raise typer.Exit(1) from err
    net = result.network
    written = _write_account(net, out, [folder])
    _echo(f"Imported {net!r} → {written}")
    deleted = int(result.report["why"].eq(say("imp_deleted")).sum())
    if deleted:
        _echo(say("imp_deleted_count", n=deleted))
    if len(result.report):
        _echo(f"{len(result.report)} value(s) did not map one-to-one:")
        _echo(_table(result.report))


AccountArg = Annotated[
    Path,
    typer.Argument(help="The account: a folder of CSV files or an .xlsx workbook.", exists=True),
]
OutOpt = Annotated[
    Path,
    typer.Option("--out", help="Write the updated account here: a folder (CSV files) or .xlsx."),
]


def _write_account(net, out: Path, inputs: Sequence[Path | None]) -> Path:  # type: ignore[no-untyped-def]
    """Write the account's tables (workbook or CSV folder), never over an input of the run."""
    from relgraph.io.write import write_tables

    with _writing():
        write_tables(net.to_frames(), out, inputs=[i for i in inputs if i is not None])
    return out


def _records(frame: pd.DataFrame) -> object:
    import json

    return json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso"))


@import_app.command("linkedin")
def import_linkedin_cmd(
    path: AccountArg,
    connections: Annotated[
        Path,
        typer.Option(
            "--connections",
            help="LinkedIn's Connections.csv export.",
            exists=True,
            dir_okay=False,
        ),
    ],
    owner: Annotated[
        str, typer.Option("--owner", help="Whose connections these are (id or name, ours).")
    ],
    out: OutOpt,
    add_unmatched: Annotated[
        bool,
        typer.Option(help="Add connections that match nobody as new people (else report only)."),
    ] = True,
    kind: Annotated[str, typer.Option(help="Tie kind of the new ties.")] = "other",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Add one of our people's LinkedIn connections as ties; report what matched."""
    from relgraph.importers.linkedin import add_linkedin_connections
    from relgraph.text import say

    _check_outputs(_table_files(out), [path, connections])
    net = _load(path)
    try:
        new, report = add_linkedin_connections(
            net, connections, owner=owner, add_unmatched=add_unmatched, kind=kind
        )
    except ValidationError as err:
        _echo(f"{len(err.problems)} problem(s) in {connections}:", err=True)
        _echo(_problems_table(err.frame()), err=True)
        raise typer.Exit(1) from err
    except UnknownPersonError as err:
        raise typer.BadParameter(str(err), param_hint="--owner") from err
    except InvalidParameterError as err:
        raise typer.BadParameter(str(err), param_hint=f"--{err.parameter}") from err
    except (RelgraphError, ValueError) as err:
        raise typer.BadParameter(str(err), param_hint="--kind") from err
    written = _write_account(new, out, [path, connections])
    counts = report["action"].value_counts()
    tied, added = int(counts.get("tie added", 0)), int(counts.get("new person", 0))
    summary = say(
        "imp_linkedin_done",
        rows=len(report),
        owner=net.label(net.resolve_person(owner)),
        tied=tied,
        new=added,
        other=len(report) - tied - added,
    )
    if as_json:
        out_json = {
            "written": str(written),
            "network": repr(new),
            "connections": len(report),
            "actions": {str(k): int(v) for k, v in counts.items()},
            "report": _records(report),
        }
        _echo_json(out_json)
        return
    _echo(say("imp_written", net=repr(new), out=written))
    _echo(summary)
    _echo(say("imp_report_head", n=len(report)))
    cols = ["row", "first_name", "last_name", "company", "matched_by", "person", "action", "why"]
    shown = report[cols].assign(
        first_name=report["first_name"].fillna(""), last_name=report["last_name"].fillna("")
    )
    _echo(_table(shown))


@import_app.command("salesforce-activity")
def import_salesforce_activity_cmd(
    path: AccountArg,
    tasks: Annotated[
        Path,
        typer.Option("--tasks", help="Salesforce Task.csv export.", exists=True, dir_okay=False),
    ],
    out: OutOpt,
    events: Annotated[
        Path | None,
        typer.Option("--events", help="Salesforce Event.csv export.", exists=True, dir_okay=False),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="Date for the no-future-touchpoints check, YYYY-MM-DD (default today)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Add a Salesforce Task/Event export to the account's interactions log; report the rest.

    Activities join the touchpoints already in the log; a row whose ``Id`` is already there
    (``salesforce_id``) is reported and not added twice.
    """
    import datetime as dt

    from relgraph.importers.salesforce_activity import import_salesforce_activities
    from relgraph.network import RelationshipNetwork
    from relgraph.text import say

    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError as err:
        raise typer.BadParameter(
            f"{today!r} is not a date YYYY-MM-DD", param_hint="--today"
        ) from err
    _check_outputs(_table_files(out), [path, tasks, events])
    net = _load(path)
    files = [f for f in (tasks, events) if f is not None]
    imported: list[pd.DataFrame] = []
    reports: list[pd.DataFrame] = []
    try:
        for f in files:
            res = import_salesforce_activities(f, network=net, today=day)
            imported.append(res.interactions)
            reports.append(res.report)
    except ValidationError as err:
        _echo(f"{len(err.problems)} problem(s) in {', '.join(map(str, files))}:", err=True)
        _echo(_problems_table(err.frame()), err=True)
        raise typer.Exit(1) from err
    new = pd.concat(imported, ignore_index=True)
    origin = [str(f) for f, part in zip(files, imported, strict=True) for _ in range(len(part))]
    report = pd.concat([r for r in reports if len(r)] or reports[:1], ignore_index=True)
    frames = net.to_frames()
    old = frames["interactions"]
    if "salesforce_id" in old.columns and len(new):
        known = set(old["salesforce_id"].dropna().astype(str)) - {""}
        dup = new["salesforce_id"].astype(str).isin(known)
        if dup.any():
            dups = pd.DataFrame(
                {
                    "file": [o for o, d in zip(origin, dup, strict=True) if d],
                    "row": pd.NA,
                    "column": "Id",
                    "value": new.loc[dup, "salesforce_id"].to_numpy(),
                    "action": say("imp_activity_dup_action"),
                    "why": say("imp_activity_dup"),
                }
            )
            report = pd.concat([report, dups], ignore_index=True)
            new = new.loc[~dup].reset_index(drop=True)
    frames["interactions"] = pd.concat(
        [f for f in (old, new) if len(f)] or [old], ignore_index=True
    )
    try:
        combined = RelationshipNetwork.from_frames(**frames, settings=net.settings, today=day)
    except ValidationError as err:
        _echo(f"{len(err.problems)} problem(s) in the combined log:", err=True)
        _echo(_problems_table(err.frame()), err=True)
        raise typer.Exit(1) from err
    written = _write_account(combined, out, [path, tasks, events])
    skipped = int(report["action"].eq("row not imported").sum())
    other = int(report["action"].eq("kind set to 'other'").sum())
    summary = say(
        "imp_activity_done",
        imported=len(new),
        files=", ".join(f.name for f in files),
        skipped=skipped,
        other=other,
        total=len(combined.interactions),
    )
    if as_json:
        out_json = {
            "written": str(written),
            "network": repr(combined),
            "imported": len(new),
            "not_imported": skipped,
            "kind_set_to_other": other,
            "interactions": len(combined.interactions),
            "report": _records(report),
        }
        _echo_json(out_json)
        return
    _echo(say("imp_written", net=repr(combined), out=written))
    _echo(summary)
    if len(report):
        _echo(say("imp_report_head", n=len(report)))
        _echo(_table(report.fillna("")))
    else:
        _echo(say("imp_nothing_unmapped"))


@app.command("template")
def template_cmd(
    path: Annotated[Path, typer.Argument(help="The .xlsx input workbook to write.")],
    lang: LangOpt = "en",
    example: Annotated[
        bool, typer.Option("--example", help="Fill the sheets with the sample account.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite PATH if it exists.")] = False,
) -> None:
    """Write an input workbook: a sheet per table, column notes and drop-down lists."""
    from relgraph.io.template import write_template
    from relgraph.locale import check_language
    from relgraph.text import say

    lang = check_language(lang)
    try:
        out = write_template(path, lang=lang, example=example, force=force)
    except FileExistsError as err:
        _echo(say("tpl_exists", lang=lang, path=path, flag="--force"), err=True)
        raise typer.Exit(2) from err
    from relgraph.io.schema import SCHEMAS

    _echo(say("tpl_written", lang=lang, path=out, n=len(SCHEMAS) + 1, language=lang))
    if example:
        _echo(say("tpl_written_example", lang=lang))
    _echo(say("tpl_next", lang=lang, path=out))


def _printable_output() -> None:
    """Let stdout and stderr print Chinese names (and −, →) whatever the locale says.

    A stream whose encoding cannot hold them (``LANG=C`` on old systems, a Windows code
    page, ``PYTHONIOENCODING=latin-1``) is switched to UTF-8; any stream replaces a
    character it cannot encode instead of crashing half-way through a report.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            "方华 −→↔…".encode(getattr(stream, "encoding", None) or "ascii")
        except (UnicodeEncodeError, LookupError):
            reconfigure(encoding="utf-8", errors="replace")
        else:
            reconfigure(errors="replace")


def main() -> None:
    """Entry point of the ``relgraph`` console script."""
    _printable_output()
    try:
        app()
    except RelgraphError as err:
        _echo(f"error: {err}", err=True)
        raise SystemExit(2) from err


if __name__ == "__main__":
    main()

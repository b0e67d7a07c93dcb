"""``relgraph routes``: warm-introduction routes to one person, several, or a whole chain."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import pandas as pd
import typer

from relgraph.cli.app import app
from relgraph.cli.common import (
    check_outputs,
    load,
    resolve_opportunity,
    resolve_person,
    with_names,
)
from relgraph.cli.options import (
    AsOf,
    Debug,
    IncludeSensitive,
    Json,
    Lang,
    PathArg,
    Top,
    checked,
    h,
    vocabulary_word,
)
from relgraph.cli.output import Printer, echo_json, records
from relgraph.cli.withheld import Withheld, withheld
from relgraph.text import say, term

if TYPE_CHECKING:
    from relgraph.analysis.routes import RouteReport
    from relgraph.network import RelationshipNetwork

__all__ = ["routes"]

_BULK_COLUMNS = ["target", "name", "best_strength", "best_source", "alt_strength", "alt_source"]


def _role_holders(net: RelationshipNetwork, opportunity: str, role: str | None) -> list[str]:
    """Return who holds a role (or ``role``) in ``opportunity``, in the table's order."""
    lang = net.settings.language
    held = net.opportunity_roles(opportunity)
    if role is not None:
        present = sorted({str(r) for r in held["role"] if r})
        held = held[held["role"].astype(str).eq(role)]
        if held.empty:
            none = say("demo_none", lang=lang)
            msg = say(
                "routes_cli_no_holders",
                lang=lang,
                role=role,
                opp=opportunity,
                present=", ".join(present) or none,
            )
            raise typer.BadParameter(msg, param_hint="--role")
    ids = held["person"].astype(str).tolist()
    if not ids:
        msg = say("routes_cli_no_roles", lang=lang, opp=opportunity)
        raise typer.BadParameter(msg, param_hint="--opportunity")
    return ids


def _targets(
    net: RelationshipNetwork, to: list[str], opportunity: str | None, role: str | None
) -> list[str]:
    """Resolve ``--to`` / ``--opportunity`` / ``--role`` to person ids, each person once."""
    lang = net.settings.language
    if to and opportunity is not None:
        msg = say("routes_cli_to_and_opp", lang=lang)
        raise typer.BadParameter(msg, param_hint="--to / --opportunity")
    if role is not None and opportunity is None:
        raise typer.BadParameter(say("routes_cli_role_needs_opp", lang=lang), param_hint="--role")
    if not to and opportunity is None:
        msg = say("routes_cli_need_target", lang=lang)
        raise typer.BadParameter(msg, param_hint="--to / --opportunity")
    if to:
        ids = [resolve_person(net, key, "--to") for key in to]
    else:
        ids = _role_holders(net, resolve_opportunity(net, opportunity), role)
    return list(dict.fromkeys(ids))


def _flat_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with tuple / list cells joined by ``;`` (one value per CSV cell)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(
                lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return out


def _left_out(rep: RouteReport, lang: str) -> list[str]:
    """Return the route rules' exclusions, each with the option that lifts it."""
    lines = [
        say(f"routes_left_out_{rule}_cli", lang=lang, n=n)
        for rule, n in rep.excluded_by.items()
        if n and rule in ("opponents", "do_not_contact", "sensitive")
    ]
    if rep.excluded and not lines:
        lines.append(say("routes_cli_excluded", lang=lang, n=rep.excluded))
    if rep.single_point_of_failure:
        lines.append(say("routes_spof", lang=lang, who=", ".join(rep.single_point_of_failure)))
    return lines


def _print_single(rep: RouteReport, keep: Withheld, out: Printer) -> None:
    lang = out.lang
    origin = rep.source_label or rep.source or term("party", "us", lang=lang)
    found = int((rep.routes["strength"] > 0).sum())
    out.say(
        "routes_header",
        target=rep.target_label or rep.target,
        origin=origin,
        n=found,
        max_hops=rep.max_hops,
    )
    shown = keep.rows(rep.routes, ("path",))
    for rank, strength, route, why in zip(
        shown["rank"], shown["strength"].astype(float), shown["route"], shown["why"], strict=True
    ):
        if strength > 0:
            out.item(f"{rank}. [{strength:.2f}] {route}")
            out.item(str(why), indent="   ")
        else:
            out.item(f"- {why}")
    out.notes(_left_out(rep, lang))


def _bulk(
    net: RelationshipNetwork, targets: list[str], keep: Withheld, options: dict[str, bool]
) -> pd.DataFrame:
    """Best route and an independent alternative per person."""
    from relgraph.analysis.routes import routes_to_many

    frame = routes_to_many(net, targets, progress=False, **options)
    return keep.rows(frame, ("target", "best_path", "alt_path"))


def _single(
    net: RelationshipNetwork,
    target: str,
    source: str | None,
    top: int,
    keep: Withheld,
    options: dict[str, bool],
) -> tuple[RouteReport, pd.DataFrame, dict[str, object]]:
    """Return the ``--top`` routes to one person, the rows to show and the JSON header."""
    from relgraph.analysis.routes import connection_routes

    rep = connection_routes(net, target, source=source, k=top, **options)
    data: dict[str, object] = {
        "target": rep.target,
        "source": rep.source,
        "max_hops": rep.max_hops,
        "excluded": rep.excluded,
        "single_point_of_failure": list(rep.single_point_of_failure or []),
    }
    return rep, keep.rows(rep.routes, ("path",)), data


def _print_bulk(
    net: RelationshipNetwork, frame: pd.DataFrame, what: str, max_hops: int, out: Printer
) -> None:
    out.say("routes_cli_bulk_header", n=len(frame), what=what, max_hops=max_hops)
    cols = [*_BULK_COLUMNS, "excluded"]
    shown = with_names(net, frame, ["best_source", "alt_source"], shown=cols, out=out).assign(
        best_route=[r or w for r, w in zip(frame["best_route"], frame["why"], strict=True)],
        # no route is shown as a blank, not as a strength of 0
        best_strength=frame["best_strength"].where(frame["best_strength"] > 0),
        alt_strength=frame["alt_strength"].where(frame["alt_strength"] > 0),
    )
    out.table(shown, cols, details="best_route", label=["target", "name"])
    excluded = int(frame["excluded"].sum())
    out.blank()
    out.say("routes_cli_excluded", n=excluded) if excluded else out.say("routes_cli_none_excluded")


@app.command(help=h("cli_help_routes"))
def routes(
    ctx: typer.Context,
    path: PathArg,
    to: Annotated[list[str] | None, typer.Option("--to", help=h("cli_help_to"))] = None,
    from_: Annotated[str | None, typer.Option("--from", help=h("cli_help_from"))] = None,
    top: Top = 3,
    k_old: Annotated[int | None, typer.Option("--k", hidden=True)] = None,
    opportunity: Annotated[
        str | None, typer.Option("--opportunity", "-o", help=h("cli_help_routes_opportunity"))
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", help=h("cli_help_role"), callback=vocabulary_word("role")),
    ] = None,
    include_sensitive: IncludeSensitive = False,
    include_do_not_contact: Annotated[
        bool, typer.Option("--include-do-not-contact", help=h("cli_help_include_dnc"))
    ] = False,
    include_opponents: Annotated[
        bool, typer.Option("--include-opponents", help=h("cli_help_include_opponents"))
    ] = False,
    as_json: Json = False,
    csv: Annotated[Path | None, typer.Option("--csv", help=h("cli_help_csv"))] = None,
    as_of: AsOf = None,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """``relgraph routes``: the most reliable warm-introduction routes, explained."""
    from relgraph.checks import check_int
    from relgraph.io.write import write_csv

    if k_old is not None:  # the spelling of relgraph 0.1 (--k), kept working
        top = int(checked(check_int, "--k", k_old, minimum=1))
    check_outputs([csv], [path])
    net = load(path, lang=lang, as_of=as_of)
    out = Printer(net.settings.language)
    if k_old is not None:
        out.say("cli_deprecated", err=True, old="--k", new="--top/-k")
    keep = withheld(net, include_sensitive=include_sensitive)
    options = {
        "include_sensitive": include_sensitive,
        "include_do_not_contact": include_do_not_contact,
        "include_opponents": include_opponents,
    }
    targets = _targets(net, to or [], opportunity, role)
    max_hops = int(net.settings.max_hops)
    rep = None
    if opportunity is not None or len(targets) > 1:
        _refuse_single_options(ctx, from_, k_old, out.lang)
        frame = _bulk(net, targets, keep, options)
        data: dict[str, object] = {
            "opportunity": opportunity,
            "role": role,
            "max_hops": max_hops,
            "excluded": int(frame["excluded"].sum()),
            **options,
        }
    else:
        source = None if from_ is None else resolve_person(net, from_, "--from")
        rep, frame, data = _single(net, targets[0], source, top, keep, options)
    if csv is not None:
        write_csv(_flat_for_csv(frame), csv, inputs=[path])
    if as_json:
        echo_json({**data, "routes": records(frame), "sensitive": keep.summary()})
        return
    if rep is not None:
        _print_single(rep, keep, out)
    else:
        _print_bulk(net, frame, _what(opportunity, role, out.lang), max_hops, out)
    if csv is not None:
        out.say("routes_cli_csv", n=len(frame), path=csv)
    out.notes(n for n in [keep.note()] if n)


def _what(opportunity: str | None, role: str | None, lang: str) -> str:
    if opportunity is None:
        return say("cli_what_people", lang=lang)
    if role is None:
        return say("cli_what_role_holders", lang=lang, opp=opportunity)
    return say(
        "cli_what_holders_of", lang=lang, opp=opportunity, role=term("role", role, lang=lang)
    )


def _refuse_single_options(
    ctx: typer.Context, from_: str | None, k_old: int | None, lang: str
) -> None:
    """``--from`` and ``--top`` are for one person's routes, not for several people."""
    if from_ is not None:
        raise typer.BadParameter(say("routes_cli_from_bulk", lang=lang), param_hint="--from")
    source = ctx.get_parameter_source("top")  # typer's own click: compare by name
    given = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
    if given or k_old is not None:
        raise typer.BadParameter(say("routes_cli_k_bulk", lang=lang), param_hint="--top/-k")

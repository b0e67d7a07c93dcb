"""The ``relgraph`` application: the command group, its exit codes and the entry point.

Exit codes: 0 success; 1 the input data is invalid (every problem listed) or an analysis
cannot run on it; 2 a usage error (an unknown option, a bad option value, an unknown
person or opportunity, an output that would overwrite an input), with the valid choices;
3 an internal error (a bug: one line, and ``--debug`` shows the traceback). No user
mistake ends in a traceback.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from relgraph.cli.options import Lang, h
from relgraph.cli.output import echo, problems_table, wrap
from relgraph.errors import (
    InvalidParameterError,
    NotFoundError,
    OutputError,
    RelgraphError,
    ValidationError,
)
from relgraph.io.excel_format import display_width
from relgraph.locale import LANGUAGES
from relgraph.text import TEMPLATES, say

__all__ = ["EXIT_DATA", "EXIT_INTERNAL", "EXIT_USAGE", "RelgraphGroup", "app", "main"]

EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3
#: Click's base exception class (typer ships its own copy of click from 0.22 on).
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
_USAGE_ERRORS = (InvalidParameterError, NotFoundError, OutputError)
#: English help text → its template key, to show the help in another language.
_HELP_KEYS = {text: key for key, text in TEMPLATES.items() if key.startswith("cli_help_")}


def _argv_lang(argv: Sequence[str]) -> str:
    """Return the ``--lang`` given on the command line (for messages before parsing), or en."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value in LANGUAGES:
            return value
    return "en"


class RelgraphGroup(TyperGroup):
    """The command group: turns every error into a message and an exit code."""

    lang = "en"

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line ``args``; exit with 0, 1, 2 or 3 (see the module)."""
        argv = list(sys.argv[1:] if args is None else args)
        self.lang = _argv_lang(argv)
        _prepare_help(self, self.lang)
        try:
            rv = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except Exception as err:
            if "--debug" in argv and not isinstance(err, _CLICK_ERROR):
                raise
            code = report(err, lang=self.lang)
        if standalone_mode:
            sys.exit(code)
        return code

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Find the command named by ``args[0]``; an unknown name says the nearest one."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from relgraph.vocab import suggest

            near = suggest(name, list(self.commands))
            lang = getattr(ctx.find_root().command, "lang", "en")
            dym = say("cli_did_you_mean", lang=lang, words=near) if near else ""
            known = ", ".join(sorted(self.commands))
            msg = say("cli_no_such_command", lang=lang, name=name, dym=dym, known=known)
            ctx.fail(msg)
        return super().resolve_command(ctx, args)


class _WideFormatter(TyperGroup.context_class.formatter_class):  # type: ignore[misc,name-defined]
    """Click's help formatter, wrapping by display width (a Chinese character is two)."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for n, paragraph in enumerate(text.split("\n\n")):
            lines = wrap(" ".join(paragraph.split()), self.width, indent=indent, hang=indent)
            self.write(("\n" if n else "") + "\n".join(lines) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first_col = min(max(display_width(r[0]) for r in rows), col_max) + col_spacing
        hang = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            gap = first_col - display_width(first)
            self.write(" " * gap if gap >= col_spacing else "\n" + hang)
            lines = wrap(" ".join(second.split()), max(self.width - first_col - 2, 10))
            self.write(lines[0] + "\n" + "".join(f"{hang}{line}\n" for line in lines[1:]))


def _prepare_help(command: Any, lang: str) -> None:
    """Wrap the help of ``command`` and its subcommands by display width, in ``lang``."""
    command.context_class = type(
        "WideContext", (command.context_class,), {"formatter_class": _WideFormatter}
    )
    for sub in getattr(command, "commands", {}).values():
        _prepare_help(sub, lang)
    if lang == "en":
        return
    for holder in (command, *getattr(command, "params", ())):
        key = _HELP_KEYS.get(getattr(holder, "help", None) or "")
        if key is not None:
            holder.help = say(key, lang=lang)
    if command.help:  # the command list shows the first sentence
        command.short_help = command.help.split("。")[0]
    make_help_option = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make_help_option(ctx)
        if option is not None:
            option.help = say("cli_help_help", lang=lang)
        return option

    command.get_help_option = get_help_option  # this run's command objects only


def report(err: Exception, *, lang: str) -> int:
    """Say what went wrong on stderr and return the exit code."""
    if type(err).__name__ == "NoArgsIsHelpError":  # a bare group: its help is the answer
        echo(err.ctx.get_help())  # type: ignore[attr-defined]
        return int(getattr(err, "exit_code", EXIT_USAGE))
    if isinstance(err, _CLICK_ERROR):
        return _report_usage(err, lang)
    if isinstance(err, typer.Abort):
        echo(say("cli_aborted", lang=lang), err=True)
        return EXIT_DATA
    if isinstance(err, ValidationError):
        from relgraph.io.localize import problem_frame

        echo(say("cli_problems", lang=lang, n=len(err.problems)), err=True)
        echo(problems_table(problem_frame(err.problems, lang=lang)), err=True)
        return EXIT_DATA
    if isinstance(err, RelgraphError):
        _error_line(error_text(err, lang), lang)
        return EXIT_USAGE if isinstance(err, _USAGE_ERRORS) else EXIT_DATA
    if isinstance(err, OSError) and err.filename is not None:
        _error_line(say("cli_os_error", lang=lang, path=err.filename, error=err.strerror), lang)
        return EXIT_DATA
    _error_line(say("cli_internal", lang=lang, kind=type(err).__name__, error=err), lang)
    echo(say("cli_debug_hint", lang=lang), err=True)
    return EXIT_INTERNAL


def _error_line(text: str, lang: str) -> None:
    from relgraph.io.encode import term_text

    echo(say("cli_error", lang=lang, error=term_text(text, newlines=False)), err=True)


def error_text(err: Exception, lang: str) -> str:
    """Return the message of a relgraph error in ``lang`` (a bad option value is rebuilt)."""
    if lang == "en" or not isinstance(err, InvalidParameterError):
        return str(err)
    if err.sentence is not None:  # a sentence of the catalogue (relgraph.checks.invalid)
        return err.text(lang)
    near = re.search(r"; did you mean (.+)\?$", str(err))
    dym = say("cli_did_you_mean", lang=lang, words=near.group(1)) if near else ""
    shown = InvalidParameterError.shown(err.value)
    return say(
        "cli_invalid_value",
        lang=lang,
        name=err.parameter,
        value=shown,
        expected=err.expected,
        dym=dym,
    )


def _report_usage(err: Any, lang: str) -> int:
    cause = err.__cause__
    kind = type(err).__name__
    if isinstance(cause, RelgraphError):
        text = error_text(cause, lang)
        if err.param_hint and not text.startswith(err.param_hint):
            text = say("cli_bad_parameter", lang=lang, option=err.param_hint, error=text)
    elif kind == "NoSuchOption":
        near = ", ".join(sorted(err.possibilities or ()))
        dym = say("cli_did_you_mean", lang=lang, words=near) if near else ""
        text = say("cli_no_such_option", lang=lang, option=err.option_name, dym=dym)
    elif kind == "MissingParameter" and err.param is not None:
        what = "cli_missing_argument" if err.param.param_type_name == "argument" else "cli_missing"
        name = err.param.opts[0] if what == "cli_missing" else err.param.name.upper()
        text = say(what, lang=lang, name=name)
    elif isinstance(err, typer.BadParameter):
        hint = err.param_hint or (err.param.opts[0] if err.param is not None else "")
        hint = hint if isinstance(hint, str) else " / ".join(hint)
        text = (
            say("cli_bad_parameter", lang=lang, option=hint, error=err.message)
            if hint
            else err.message
        )
    else:
        text = err.format_message()
    _error_line(text, lang)
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        echo(say("cli_try_help", lang=lang, command=f"{ctx.command_path} -h"), err=True)
    return int(getattr(err, "exit_code", EXIT_USAGE))


def _show_version(value: bool) -> None:
    if value:
        from relgraph._version import __version__

        echo(say("cli_version", version=__version__))
        raise typer.Exit()


app = typer.Typer(
    name="relgraph",
    cls=RelgraphGroup,
    help=h("cli_help_app"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _lang_defaults(command: Any, lang: str) -> dict[str, Any]:
    """``--lang`` as the default of every subcommand (click's ``default_map``)."""
    return {
        name: _lang_defaults(sub, lang) if hasattr(sub, "commands") else {"lang": lang}
        for name, sub in command.commands.items()
    }


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help=h("cli_help_version"),
            callback=_show_version,
            is_eager=True,
            expose_value=False,
        ),
    ] = False,
    lang: Lang = None,
) -> None:
    """Decision chains, hidden influencers, coverage gaps and introduction routes."""
    if lang is not None:  # relgraph --lang zh COMMAND: the command's default
        ctx.default_map = _lang_defaults(ctx.command, lang)


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
    """Entry point of the ``relgraph`` console script (and ``python -m relgraph``)."""
    _printable_output()
    app()

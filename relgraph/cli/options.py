"""The options the commands share: one spelling, one check and one help text each.

Every option is checked while the command line is parsed, before any data is read: a bad
value is a usage error (exit 2) naming the valid choices (:mod:`relgraph.checks`). Help
texts are templates of :mod:`relgraph.text` (keys ``cli_help_*``), so ``--lang zh -h``
shows them in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from relgraph.checks import check_choice, check_date, check_int, check_optional_int
from relgraph.errors import InvalidParameterError
from relgraph.locale import LANGUAGES
from relgraph.text import TEMPLATES

__all__ = [
    "AccountArg",
    "AsOf",
    "Capacity",
    "Debug",
    "IncludeSensitive",
    "Json",
    "Lang",
    "Opportunity",
    "OutOpt",
    "PathArg",
    "Top",
    "checked",
    "h",
    "vocabulary_word",
]


def h(key: str) -> str:
    """Return the help text ``key`` in English (``--lang zh -h`` swaps in its translation)."""
    return TEMPLATES[key]


def checked(check: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a check of :mod:`relgraph.checks`; its refusal becomes a usage error (exit 2)."""
    try:
        return check(*args, **kwargs)
    except InvalidParameterError as err:
        raise typer.BadParameter(str(err)) from err


def vocabulary_word(vocabulary: str) -> Callable[[str | None], str | None]:
    """Return a parse-time check of a ``role`` or ``tie_kind`` word (English, Chinese, CRM)."""

    def check(value: str | None) -> str | None:
        from relgraph.vocab import ROLE_SYNONYMS, TIE_KIND_SYNONYMS, Role, TieKind, parse_term

        enum, synonyms = {"role": (Role, ROLE_SYNONYMS), "tie_kind": (TieKind, TIE_KIND_SYNONYMS)}[
            vocabulary
        ]
        if value is None:
            return None
        try:
            return str(parse_term(enum, synonyms, value))  # type: ignore[arg-type,type-var]
        except ValueError as err:
            raise typer.BadParameter(str(err)) from err

    return check


def _lang(value: str | None) -> str | None:
    return None if value is None else checked(check_choice, "--lang", value, LANGUAGES)


def _as_of(value: str | None) -> str | None:
    if value is not None:
        checked(check_date, "--as-of", value)
    return value


def _capacity(value: int | None) -> int | None:
    return checked(check_optional_int, "--capacity", value, minimum=1)  # type: ignore[no-any-return]


def _top(value: int) -> int:
    return int(checked(check_int, "--top", value, minimum=1))


PathArg = Annotated[
    Path, typer.Argument(help=h("cli_help_path"), metavar="PATH", show_default=False)
]
AccountArg = Annotated[
    Path, typer.Argument(help=h("cli_help_account"), metavar="PATH", show_default=False)
]
OutOpt = Annotated[Path, typer.Option("--out", help=h("cli_help_out_account"))]
Lang = Annotated[
    str | None,
    typer.Option("--lang", help=h("cli_help_lang"), callback=_lang, metavar="en|zh"),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help=h("cli_help_as_of"), callback=_as_of, metavar="YYYY-MM-DD"),
]
Opportunity = Annotated[
    str | None, typer.Option("--opportunity", "-o", help=h("cli_help_opportunity"))
]
Capacity = Annotated[
    int | None, typer.Option("--capacity", help=h("cli_help_capacity"), callback=_capacity)
]
Top = Annotated[int, typer.Option("--top", "-k", help=h("cli_help_top"), callback=_top)]
IncludeSensitive = Annotated[
    bool, typer.Option("--include-sensitive", help=h("cli_help_include_sensitive"))
]
Json = Annotated[bool, typer.Option("--json", help=h("cli_help_json"))]
Debug = Annotated[
    bool,
    # read from the command line by relgraph.cli.app.RelgraphGroup before any parsing
    typer.Option("--debug", help=h("cli_help_debug"), expose_value=False),
]

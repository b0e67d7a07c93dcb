"""What the commands print: safe lines, JSON, tables that fit the terminal, wrapped text.

Every line goes through :func:`relgraph.io.encode.term_text` (names and notes from the data
cannot control the terminal) and every JSON document through
:func:`relgraph.io.encode.json_text`. Widths count a Chinese character as two columns
(:func:`relgraph.io.excel_format.display_width`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import typer

from relgraph.io.encode import json_text, term_text
from relgraph.io.excel_format import display_width
from relgraph.text import TERMS, say, term

__all__ = [
    "Printer",
    "cli_words",
    "echo",
    "echo_json",
    "problems_table",
    "records",
    "render_table",
    "terminal_width",
    "wrap",
]

#: Columns whose values are vocabulary words, shown in the reader's language.
_VOCABULARY = {
    "objective": "objective",
    "severity": "severity",
    "rule": "gap_rule",
    "party": "party",
    "kind": "party",
    "roles": "role",
    "role": "role",
    "stage": "stage",
    "tier": "tier",
    "ties": "tie_kind",
}
_MIN_COLUMN = 12
_OPT_INS = (
    ("include_sensitive=True", "--include-sensitive"),
    ("include_do_not_contact=True", "--include-do-not-contact"),
    ("include_opponents=True", "--include-opponents"),
)
_WIDE = "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
#: Where a line may break: at spaces, and around wide (CJK) characters; a run of at most
#: four (a Chinese name) stays whole.
_TOKENS = re.compile(rf"\s+|[{_WIDE}]+|[^\s{_WIDE}]+")
_NAME = 4
_CLOSING = "、。,,;;::!!??))」』】》…"
#: A run of Chinese characters up to its punctuation: a name stays whole if short.
_PHRASES = re.compile(rf"[^{_CLOSING}]*[{_CLOSING}]*")


def echo(text: object = "", *, err: bool = False) -> None:
    """Print a line; user data in it cannot control the terminal (see ``term_text``)."""
    typer.echo(term_text(text), err=err)


def echo_json(data: object) -> None:
    r"""Print JSON (an object, or JSON text); terminal-active characters stay ``\u``-escaped.

    Texts name an opt-in as the command line spells it (``--include-sensitive``).
    """
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    typer.echo(json_text(cli_words(text)))


def records(frame: pd.DataFrame) -> Any:
    """Return ``frame`` as a list of JSON-ready records (dates as ISO text)."""
    return json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso"))


def terminal_width() -> int:
    """Return the columns to wrap to: ``COLUMNS``, else the terminal's, else 100; at least 40.

    Output that goes to a file or a pipe is wrapped at 100 columns whatever terminal the
    program was started from.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return max(40, int(columns))
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((100, 24)).columns)
    return 100


def wrap(text: str, width: int, *, indent: str = "", hang: str = "") -> list[str]:
    """Wrap ``text`` to ``width`` columns; Chinese text may break between any two characters.

    ``indent`` starts the first line, ``hang`` every further one.

    Examples
    --------
    >>> wrap("one two three four", 9)
    ['one two', 'three', 'four']
    >>> wrap("王志远是首席执行官", 8, hang="  ")
    ['王志远是', '  首席执', '  行官']
    >>> wrap("ranked above 高峰 (Gao Feng)", 14)
    ['ranked above', '高峰 (Gao', 'Feng)']
    """
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        lines += _wrap_line(paragraph, width, indent if not lines else hang, hang)
    return lines


def _wrap_line(text: str, width: int, first: str, hang: str) -> list[str]:
    lines: list[str] = []
    line, used = first, display_width(first)
    fresh = True  # nothing but the indent on the line yet
    for token in _tokens(text):
        size = display_width(token)
        if token.isspace():
            if not fresh:
                line, used = line + token, used + size
            continue
        if used + size > width and not fresh:
            lines.append(line.rstrip())
            line, used, fresh = hang, display_width(hang), True
        while used + size > width and fresh and size > 1:  # a word longer than the line
            cut = _fit(token, width - used)
            lines.append(line + token[:cut])
            token = token[cut:]
            size = display_width(token)
            line, used = hang, display_width(hang)
        line, used, fresh = line + token, used + size, False
    lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for token in _TOKENS.findall(text):
        wide = not token.isspace() and display_width(token) == 2 * len(token)
        for part in [p for p in _PHRASES.findall(token) if p] if wide else [token]:
            words = part.rstrip(_CLOSING)
            pieces = list(words) if wide and len(words) > _NAME else [words] if words else []
            pieces[-1:] = [pieces[-1] + part[len(words) :]] if pieces else [part]
            for piece in pieces:
                if piece[0] in _CLOSING and out and not out[-1].isspace():
                    out[-1] += piece  # no line starts with a comma or a closing bracket
                else:
                    out.append(piece)
    return out


def _fit(token: str, room: int) -> int:
    """How many leading characters of ``token`` fit in ``room`` columns (at least one)."""
    used = 0
    for i, ch in enumerate(token):
        used += display_width(ch)
        if used > room:
            return max(i, 1)
    return len(token)


def _cell(value: object, lang: str, decimals: int | None = None) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        return f"{value:.{decimals}f}" if decimals is not None else f"{value:g}"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return term("boolean", bool(value), lang=lang)  # type: ignore[arg-type]
    if isinstance(value, (list, tuple)):
        return say("list_sep", lang=lang).join(map(str, value))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return term_text(value, newlines=False)


def _decimals(column: pd.Series, digits: int) -> int | None:
    """Decimals to show a float column with: none when every value is whole."""
    if not pd.api.types.is_float_dtype(column):
        return None
    values = column.dropna().to_numpy(dtype=float)
    return 0 if (values == values.round()).all() else digits


def cli_words(text: str) -> str:
    """Say an opt-in the way the command line spells it (``--include-sensitive``).

    Examples
    --------
    >>> cli_words("pass include_sensitive=True to name them")
    'pass --include-sensitive to name them'
    """
    for python, option in _OPT_INS:
        text = text.replace(python, option)
    return text


def render_table(
    frame: pd.DataFrame, *, lang: str = "en", width: int | None = None, digits: int = 3
) -> str:
    """Render ``frame`` as aligned columns that fit ``width`` (text cells wrap if needed).

    Headers and vocabulary values (objective, severity, rule, party, role …) are shown in
    ``lang``; numbers are rounded to ``digits`` decimals and right-aligned.

    Examples
    --------
    >>> import pandas as pd
    >>> print(render_table(pd.DataFrame({"person": ["C1", "C22"], "gain": [0.5, 0.25]})))
    person   gain
    C1      0.500
    C22     0.250
    """
    if frame.empty:
        return say("cli_none", lang=lang)
    limit = width or terminal_width()
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    decimals = [_decimals(frame[c], digits) for c in frame.columns]
    headers = [_header(str(c), lang) for c in frame.columns]
    rows = [
        [
            _cell(_word(c, v, lang), lang, d)
            for c, v, d in zip(frame.columns, r, decimals, strict=True)
        ]
        for r in frame.itertuples(index=False)
    ]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(headers)
    ]
    # only columns of several words (names, titles, routes) wrap, never below their header
    floor = [
        max(display_width(h), _MIN_COLUMN, *(min(_longest_word(r[i]), 24) for r in rows))
        for i, h in enumerate(headers)
    ]
    text_cols = [i for i, num in enumerate(numeric) if not num and any(" " in r[i] for r in rows)]
    while sum(widths) + 2 * (len(widths) - 1) > limit:
        wide = [i for i in text_cols if widths[i] > floor[i]]
        if not wide:
            break  # wider than the terminal: the terminal wraps it
        widths[max(wide, key=lambda i: widths[i])] -= 1
    lines = _render_rows([headers, *rows], widths, numeric)
    return "\n".join(lines)


def _longest_word(text: str) -> int:
    return max((display_width(w) for w in text.split()), default=0)


def _render_rows(rows: list[list[str]], widths: list[int], numeric: list[bool]) -> list[str]:
    out: list[str] = []
    for row in rows:
        cells = [wrap(text, w) or [""] for text, w in zip(row, widths, strict=True)]
        for k in range(max(len(c) for c in cells)):
            parts = []
            for cell, w, num in zip(cells, widths, numeric, strict=True):
                text = cell[k] if k < len(cell) else ""
                pad = " " * max(0, w - display_width(text))
                parts.append(pad + text if num else text + pad)
            out.append("  ".join(parts).rstrip())
    return out


def _header(column: str, lang: str) -> str:
    if lang == "en" or column not in TERMS["cli_column"]:
        return column
    return term("cli_column", column, lang=lang)


def _word(column: object, value: object, lang: str) -> object:
    vocabulary = _VOCABULARY.get(str(column))
    if vocabulary is None or not isinstance(value, str) or not value:
        return value
    words = [w.strip() for w in re.split("[,;]", value)]
    if not all(w in TERMS[vocabulary] for w in words):
        return value  # an org id in "party", a free word: as written
    return say("list_sep", lang=lang).join(term(vocabulary, w, lang=lang) for w in words)


def problems_table(frame: pd.DataFrame) -> str:
    """Render validation problems as an aligned, left-justified table, one line each.

    Line breaks and tabs in values are shown as an escaped n or t, so a problem is one line
    (``grep`` finds it); the last column (the hint) is not padded.
    """

    def cell(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return ""  # a problem about a whole file has no row or column (not "nan")
        text = str(value)
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")

    rows = [list(frame.columns)] + [[cell(v) for v in r] for r in frame.itertuples(index=False)]
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(frame.columns) - 1)]
    return "\n".join(
        "  ".join(c + " " * (w - display_width(c)) for c, w in zip(r[:-1], widths, strict=True))
        + "  "
        + r[-1]
        for r in rows
    )


class Printer:
    """Print one command's report in one language: lines, tables and wrapped details.

    Parameters
    ----------
    lang : {"en", "zh"}
        The language of every sentence and header.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.width = terminal_width()

    def say(self, key: str, *, err: bool = False, **values: Any) -> None:
        """Print the template ``key`` filled with ``values``, wrapped to the terminal."""
        self.text(say(key, lang=self.lang, **values), err=err)

    def text(self, text: str, *, err: bool = False) -> None:
        """Print ``text`` wrapped to the terminal (long words and paths are kept whole)."""
        for line in cli_words(str(text)).split("\n"):
            echo("\n".join(wrap(term_text(line, newlines=False), self.width)), err=err)

    def blank(self) -> None:
        """Print an empty line."""
        echo("")

    def notes(self, notes: Iterable[str]) -> None:
        """Print each note as ``note: …``, wrapped with a hanging indent."""
        for note in notes:
            self.item(say("cli_note", lang=self.lang, note=note))

    def item(self, text: str, *, indent: str = "") -> None:
        """Print one list item after ``indent``, wrapped with a hanging indent of four spaces."""
        line = cli_words(term_text(text, newlines=False))
        echo("\n".join(wrap(line, self.width, indent=indent, hang=indent + "    ")))

    def table(
        self,
        frame: pd.DataFrame,
        columns: Sequence[str],
        *,
        details: str | None = None,
        label: Sequence[str] = ("person",),
        digits: int = 3,
    ) -> None:
        """Print ``frame[columns]`` as a table; then, if ``details``, that text per row.

        The long text column ``details`` (a ``why``) is printed under the table, one
        wrapped item per row, introduced by the row's ``label`` columns.
        """
        echo(render_table(frame[list(columns)], lang=self.lang, width=self.width, digits=digits))
        if details is None or frame.empty:
            return
        self.blank()
        self.say("cli_why_head")
        keys = [c for c in label if c in frame.columns]
        for row in frame[[*keys, details]].itertuples(index=False):
            cells = zip(keys, row[:-1], strict=True)
            head = " ".join(_cell(_word(c, v, self.lang), self.lang) for c, v in cells)
            text = str(row[-1] or "")
            label_text = head.strip()
            self.item(
                say("cli_detail", lang=self.lang, label=label_text, text=text)
                if label_text
                else text
            )

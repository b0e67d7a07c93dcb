"""The one exception hierarchy of relgraph.

::

    RelgraphError                     anything relgraph raises on purpose
    ├── ValidationError               bad input tables; carries every problem as rows
    ├── InvalidParameterError         an option outside its valid choices (names them)
    ├── OutputError                   an output that would overwrite an input, or cannot be written
    ├── NotFoundError                 something named that is not in the network
    │   ├── UnknownPersonError        a person id (or name)
    │   └── UnknownOpportunityError   an opportunity id
    └── MissingDependencyError        an optional package a feature needs is not installed

All of them derive from ``ValueError`` (or ``LookupError``) too, so generic handlers work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "InvalidParameterError",
    "MissingDependencyError",
    "NotFoundError",
    "OutputError",
    "Problem",
    "Reason",
    "RelgraphError",
    "UnknownOpportunityError",
    "UnknownPersonError",
    "ValidationError",
]


class Reason(str, Enum):
    """Why a value was rejected: the reason codes of :class:`ValidationError` rows."""

    MISSING_TABLE = "missing_table"
    UNKNOWN_TABLE = "unknown_table"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    EMPTY_TABLE = "empty_table"
    UNREADABLE = "unreadable"
    ENCODING = "encoding"
    BLANK = "blank"
    DUPLICATE_ID = "duplicate_id"
    DUPLICATE_ROW = "duplicate_row"
    UNKNOWN_REFERENCE = "unknown_reference"
    WRONG_ORG_KIND = "wrong_org_kind"
    NOT_A_NUMBER = "not_a_number"
    NOT_AN_INTEGER = "not_an_integer"
    OUT_OF_RANGE = "out_of_range"
    NOT_A_BOOLEAN = "not_a_boolean"
    BAD_DATE = "bad_date"
    FUTURE_DATE = "future_date"
    UNKNOWN_TERM = "unknown_term"
    SELF_TIE = "self_tie"
    REPORTING_CYCLE = "reporting_cycle"
    TWO_MANAGERS = "two_managers"
    INCONSISTENT = "inconsistent"
    FIELD_COUNT = "field_count"
    EXCEL_ERROR = "excel_error"
    UNCACHED_FORMULA = "uncached_formula"
    LOOKALIKE_ID = "lookalike_id"

    def __str__(self) -> str:
        return str(self.value)


class Sentence(Protocol):
    """A sentence that can be read in several languages (:class:`relgraph.text.Message`)."""

    def text(self, lang: str = "en") -> str:
        """Return the sentence in ``lang``."""
        ...


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    Attributes
    ----------
    table : str
        The table (``people``, ``ties`` …).
    row : int or None
        The row as a spreadsheet shows it (the header is row 1, the first data row is row 2);
        for DataFrames passed directly, the 0-based row position. None for whole-table
        problems.
    column : str or None
        The column, or None for whole-row/whole-table problems.
    value : str
        The offending value, as given (shortened when very long).
    reason : Reason
        A stable reason code.
    hint : str
        What is wrong and how to fix it, in plain words.
    source : str
        The file (or sheet) the table came from, or ``"<DataFrame>"``.
    message : Sentence or None
        The hint as a catalogue sentence (a :class:`relgraph.text.Message`), so it can
        be shown in another language (:meth:`text`); ``hint`` is its English.
    """

    table: str
    row: int | None
    column: str | None
    value: str
    reason: Reason
    hint: str
    source: str = ""
    message: Sentence | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        table: str,
        row: int | None,
        column: str | None,
        value: str,
        reason: Reason,
        hint: Sentence,
        source: str = "",
    ) -> Problem:
        """Build a problem whose hint is the catalogue sentence ``hint``."""
        return cls(table, row, column, value, reason, hint.text(), source, hint)

    def text(self, lang: str = "en") -> str:
        """Return the hint in ``lang`` (English when it has no catalogue sentence)."""
        return self.message.text(lang) if self.message is not None else self.hint


class RelgraphError(Exception):
    """Base class of every error relgraph raises on purpose.

    Examples
    --------
    >>> import relgraph as rg
    >>> try:
    ...     rg.load("no/such/folder")
    ... except rg.RelgraphError as err:
    ...     print(type(err).__name__, isinstance(err, ValueError))
    ValidationError True
    """


class ValidationError(RelgraphError, ValueError):
    """The input tables have problems; ``.problems`` lists every one of them.

    Parameters
    ----------
    problems : sequence of Problem
        All problems found (validation never stops at the first one).

    Examples
    --------
    >>> from relgraph.errors import Problem, Reason, ValidationError
    >>> err = ValidationError([Problem("people", 3, "attitude", "7", Reason.OUT_OF_RANGE,
    ...                                "attitude must be an integer from -3 to +3")])
    >>> len(err.problems), err.frame().loc[0, "reason"]
    (1, 'out_of_range')
    """

    MAX_SHOWN = 50

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self._message())

    def frame(self, lang: str = "en") -> pd.DataFrame:
        """Return the problems as a DataFrame (source, table, row, column, value, reason, hint).

        ``lang`` is the language of the hints ("en" or "zh").
        """
        import pandas as pd

        cols = ["source", "table", "row", "column", "value", "reason", "hint"]
        rows = [
            {
                "source": p.source,
                "table": p.table,
                "row": p.row,
                "column": p.column,
                "value": p.value,
                "reason": str(p.reason),
                "hint": p.text(lang),
            }
            for p in self.problems
        ]
        out = pd.DataFrame(rows, columns=cols)
        out["row"] = out["row"].astype("Int64")
        return out

    def _message(self) -> str:
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} in the input:"]
        for p in self.problems[: self.MAX_SHOWN]:
            where = p.source or p.table
            at = f" row {p.row}" if p.row is not None else ""
            col = f", column {p.column!r}" if p.column else ""
            val = f" (value {p.value!r})" if p.value != "" else ""
            lines.append(f"  {where}{at}{col}{val}: [{p.reason}] {p.hint}")
        if n > self.MAX_SHOWN:
            lines.append(f"  … and {n - self.MAX_SHOWN} more (see .problems or .frame())")
        return "\n".join(lines)


class InvalidParameterError(RelgraphError, ValueError):
    """An option of a public function got a value outside its valid choices.

    The message names the parameter, the value received and what is valid; raised at the
    entry of the function (see :mod:`relgraph.checks`), never from deep inside.

    Parameters
    ----------
    name : str
        The parameter.
    value : object
        The value received.
    expected : str or Sentence
        What is valid, in plain words (a list of choices, a range …); a catalogue sentence
        (:class:`relgraph.text.Message`) keeps it translatable.
    suggestion : str, optional
        The nearest valid choice, shown as "did you mean …?".
    message : str or Sentence, optional
        The whole message, when the standard one ("name = value is not valid; expected …")
        would read worse (a word of a vocabulary, a setting with its own wording). As a
        catalogue sentence it can be read in every shipped language (:meth:`text`).

    Examples
    --------
    >>> err = InvalidParameterError("period", "quarterly", "one of: year, half-year")
    >>> print(err)
    period = 'quarterly' is not valid; expected one of: year, half-year
    >>> err.parameter, isinstance(err, ValueError)
    ('period', True)
    """

    def __init__(
        self,
        name: str,
        value: object,
        expected: str | Sentence,
        suggestion: str | None = None,
        *,
        message: str | Sentence | None = None,
    ) -> None:
        shown = self.shown(value)
        wanted = expected if isinstance(expected, str) else expected.text()
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        if message is None or isinstance(message, str):
            self.sentence: Sentence | None = None
            text = message or f"{name} = {shown} is not valid; expected {wanted}{hint}"
        else:
            self.sentence, text = message, message.text()
        super().__init__(text)
        self.parameter = name
        self.value = value
        self.expected = wanted
        self.suggestion = suggestion

    @staticmethod
    def shown(value: object) -> str:
        """Return ``value`` as the message shows it: its repr, cut to 80 characters.

        >>> InvalidParameterError.shown("x" * 100)[-5:]
        'xx...'
        """
        text = repr(value)
        return text if len(text) <= 80 else text[:77] + "..."

    def text(self, lang: str = "en") -> str:
        """Return the message in ``lang`` when it is a catalogue sentence, else as raised.

        :func:`relgraph.checks.invalid` builds errors whose whole message is a sentence of
        the catalogue, so the command line shows them in the language asked for.
        """
        return self.sentence.text(lang) if self.sentence is not None else str(self)


class OutputError(RelgraphError, ValueError):
    """An output that would overwrite an input of the same run, or that cannot be written.

    Raised before anything is written (the check compares resolved paths, through
    symbolic links, and every file a folder output would produce), or when the file system
    refuses the write; the message names the paths and the fix. A failed write leaves any
    earlier file at that path as it was.

    Parameters
    ----------
    message : str
        What is wrong and how to fix it.
    path : str, optional
        The output concerned.

    Examples
    --------
    >>> err = OutputError("acct.xlsx is an input of this run", path="acct.xlsx")
    >>> err.path, isinstance(err, ValueError)
    ('acct.xlsx', True)
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path


class NotFoundError(RelgraphError, LookupError):
    """Something named by the caller (a person, an opportunity) is not in the network.

    Examples
    --------
    >>> import relgraph as rg
    >>> try:
    ...     rg.datasets.tiny().resolve_person("nobody")
    ... except rg.NotFoundError as err:
    ...     print(type(err).__name__)
    UnknownPersonError
    """


class UnknownPersonError(NotFoundError):
    """A person id or name that is not in the network.

    Examples
    --------
    >>> import relgraph as rg
    >>> try:
    ...     rg.datasets.tiny().resolve_person("Dii")
    ... except rg.UnknownPersonError as err:
    ...     print(err)
    unknown person 'Dii'; did you mean 'Di'?
    """

    def __init__(
        self, person: object, suggestion: str | None = None, detail: str | None = None
    ) -> None:
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        msg = f"{person!r} is ambiguous: {detail}" if detail else f"unknown person {person!r}{hint}"
        super().__init__(msg)
        self.person = person


class UnknownOpportunityError(NotFoundError):
    """An opportunity id that is not in the network, or a missing one when several exist.

    Examples
    --------
    >>> import relgraph as rg
    >>> try:
    ...     rg.support_index(rg.datasets.sample())
    ... except rg.UnknownOpportunityError as err:
    ...     print(err)
    this network has 2 opportunities (OPP-1, OPP-2); name one
    """

    def __init__(self, opportunity: object, known: Iterable[str]) -> None:
        known = list(known)
        if opportunity is None:
            msg = (
                f"this network has {len(known)} opportunities ({', '.join(known[:10])}); name one"
                if known
                else "this network has no opportunities; add an opportunities table"
            )
        else:
            msg = f"unknown opportunity {opportunity!r}; known: {', '.join(known[:10]) or 'none'}"
        super().__init__(msg)
        self.opportunity = opportunity


class MissingDependencyError(RelgraphError, ImportError):
    """An optional package needed for a feature is not installed.

    Examples
    --------
    >>> print(MissingDependencyError("pyvis", "The HTML map", "maps"))
    The HTML map needs the package 'pyvis'; install it with: pip install 'relgraph[maps]'
    """

    def __init__(self, package: str, feature: str, extra: str | None = None) -> None:
        how = f"pip install 'relgraph[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{feature} needs the package {package!r}; install it with: {how}")

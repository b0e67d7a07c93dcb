"""Parameter checks, in one place: every public function checks its options at entry.

Each check returns the value in its canonical form (an ``int``, a ``datetime.date``, an enum
member's string …) or raises one :class:`~relgraph.errors.InvalidParameterError` naming the
parameter, the value received and the valid choices (with a did-you-mean where one is
close). The same checks serve the Python API and the command line, so a bad option reads
the same in a notebook and in a terminal.

Examples
--------
>>> from relgraph.checks import check_choice, check_int
>>> check_int("k", 3, minimum=1)
3
>>> check_choice("period", "year", ("year", "half-year"))
'year'
>>> check_choice("period", "yaer", ("year", "half-year"))
Traceback (most recent call last):
...
relgraph.errors.InvalidParameterError: period = 'yaer' is not valid; expected one of: year, half-year; did you mean 'year'?
"""  # noqa: E501

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from relgraph.errors import InvalidParameterError
from relgraph.vocab import suggest

__all__ = [
    "check_bool",
    "check_choice",
    "check_date",
    "check_float",
    "check_int",
    "check_optional_int",
]

_T = TypeVar("_T")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_choice(name: str, value: Any, choices: Iterable[_T]) -> _T:
    """Return ``value`` when it is one of ``choices`` (compared as text), else raise.

    Parameters
    ----------
    name : str
        The parameter, for the message.
    value : object
        What the caller passed.
    choices : iterable
        The valid values; an enum class works (its members compare as their text).

    Returns
    -------
    object
        The matching choice itself (so an enum member for an enum).

    Raises
    ------
    InvalidParameterError
        Listing the valid choices, with the nearest one when it is close.
    """
    options = list(choices)
    for c in options:
        if value == c or (isinstance(value, str) and value == str(c)):
            return c
    texts = [str(c) for c in options]
    return _fail(name, value, "one of: " + ", ".join(texts), suggest(value, texts))


def check_int(
    name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as an ``int`` when it is a whole number in range, else raise.

    ``True``/``False`` and fractional numbers are refused; a float with no fractional part
    (``3.0``) and a numeric string (``"3"``, from a command line) are accepted.

    Examples
    --------
    >>> check_int("k", "2", minimum=1)
    2
    >>> check_int("k", 0, minimum=1)
    Traceback (most recent call last):
    ...
    relgraph.errors.InvalidParameterError: k = 0 is not valid; expected a whole number >= 1
    """
    expected = _range_text("a whole number", minimum, maximum)
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, numbers.Real) and math.isfinite(float(value)):
        number = int(float(value)) if float(value).is_integer() else None
    elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        number = int(value)
    if number is None:
        return _fail(name, value, expected)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return _fail(name, value, expected)
    return number


def check_optional_int(
    name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """:func:`check_int`, letting ``None`` through (an option left out)."""
    return None if value is None else check_int(name, value, minimum=minimum, maximum=maximum)


def check_float(
    name: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    open_minimum: bool = False,
) -> float:
    """Return ``value`` as a finite ``float`` in range, else raise.

    ``open_minimum`` excludes the minimum itself (for "must be positive").

    Examples
    --------
    >>> check_float("key_power", 0.5, minimum=0, maximum=1)
    0.5
    >>> check_float("hours", 0, minimum=0, open_minimum=True)
    Traceback (most recent call last):
    ...
    relgraph.errors.InvalidParameterError: hours = 0 is not valid; expected a number > 0
    """
    expected = _range_text("a number", minimum, maximum, open_minimum=open_minimum)
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
        return _fail(name, value, expected)
    try:
        number = float(value)
    except ValueError:
        return _fail(name, value, expected)
    if not math.isfinite(number):
        return _fail(name, value, expected)
    if minimum is not None and (number < minimum or (open_minimum and number == minimum)):
        return _fail(name, value, expected)
    if maximum is not None and number > maximum:
        return _fail(name, value, expected)
    return number


def check_bool(name: str, value: Any) -> bool:
    """Return ``value`` when it is ``True`` or ``False`` (numpy booleans too), else raise."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)
    return _fail(name, value, "True or False")


def check_date(name: str, value: Any, *, default: _dt.date | None = None) -> _dt.date:
    """Return a calendar date from a ``date``, a ``datetime`` or an ISO ``YYYY-MM-DD`` text.

    ``None`` gives ``default`` (today when that is None too). Anything else — another
    text format, an impossible day such as ``2026-02-30`` — is refused: dates are never
    guessed.

    Examples
    --------
    >>> check_date("as_of", "2026-03-01")
    datetime.date(2026, 3, 1)
    >>> check_date("as_of", "2026-13-01")
    Traceback (most recent call last):
    ...
    relgraph.errors.InvalidParameterError: as_of = '2026-13-01' is not valid; expected a date as YYYY-MM-DD (a real calendar day)
    """  # noqa: E501
    if value is None:
        return default if default is not None else _dt.date.today()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime") and not isinstance(value, str):  # pandas Timestamp
        try:
            return value.to_pydatetime().date()  # type: ignore[no-any-return]
        except (ValueError, AttributeError):
            pass
    expected = "a date as YYYY-MM-DD (a real calendar day)"
    if isinstance(value, str) and _ISO_DAY.match(value.strip()):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    return _fail(name, value, expected)


def _range_text(
    what: str, minimum: float | None, maximum: float | None, *, open_minimum: bool = False
) -> str:
    if minimum is not None and maximum is not None:
        lo = "above" if open_minimum else "from"
        return f"{what} {lo} {minimum:g} to {maximum:g}"
    if minimum is not None:
        return f"{what} {'>' if open_minimum else '>='} {minimum:g}"
    if maximum is not None:
        return f"{what} <= {maximum:g}"
    return what


def _fail(name: str, value: Any, expected: str, suggestion: str | None = None) -> Any:
    raise InvalidParameterError(name, value, expected, suggestion)

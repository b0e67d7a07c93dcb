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
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from relgraph.errors import InvalidParameterError, Sentence
from relgraph.text import Message, message
from relgraph.vocab import suggest

__all__ = [
    "check_bool",
    "check_choice",
    "check_date",
    "check_float",
    "check_ids",
    "check_int",
    "check_mapping",
    "check_optional_int",
    "invalid",
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
    return _fail(
        name, value, message("exp_one_of", choices=", ".join(texts)), suggest(value, texts)
    )


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
    expected = _range_text("int", minimum, maximum)
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
    expected = _range_text("num", minimum, maximum, open_minimum=open_minimum)
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
    return _fail(name, value, message("exp_bool"))


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
    expected = message("exp_date")
    if isinstance(value, str) and _ISO_DAY.match(value.strip()):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    return _fail(name, value, expected)


def check_ids(name: str, value: Any) -> list[str] | None:
    """Return people (or other ids) given as a list, a tuple, a Series …, as a list of texts.

    ``None`` (the option left out) passes; a single text is one id. Anything that is not
    a collection of texts or numbers is refused.

    Examples
    --------
    >>> check_ids("leaves", ("p1", "p2")), check_ids("leaves", "p1"), check_ids("leaves", None)
    (['p1', 'p2'], ['p1'], None)
    >>> check_ids("leaves", 3)
    Traceback (most recent call last):
    ...
    relgraph.errors.InvalidParameterError: leaves = 3 is not valid; expected a list of ids
    """
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    expected = message("exp_ids")
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        return _fail(name, value, expected)
    items = list(value)
    if any(isinstance(v, bool) or not isinstance(v, (str, numbers.Number)) for v in items):
        return _fail(name, value, expected)
    return [str(v) for v in items]


def check_mapping(name: str, value: Any, *, expected: str | Sentence) -> Mapping[Any, Any]:
    """Return ``value`` when it is a mapping (a dict …), else raise; ``None`` gives ``{}``.

    Examples
    --------
    >>> check_mapping("changes", {"p1": 2}, expected="a dict of person to attitude")
    {'p1': 2}
    >>> check_mapping("changes", [("p1", 2)], expected="a dict of person to attitude")
    Traceback (most recent call last):
    ...
    relgraph.errors.InvalidParameterError: changes = [('p1', 2)] is not valid; expected a dict of person to attitude
    """  # noqa: E501
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        return _fail(name, value, expected)
    return value


def _range_text(
    kind: str, minimum: float | None, maximum: float | None, *, open_minimum: bool = False
) -> Message:
    """Return "a whole number >= 1", "a number above 0 to 1" … (``kind``: int or num)."""
    lo = None if minimum is None else f"{minimum:g}"
    hi = None if maximum is None else f"{maximum:g}"
    if lo is not None and hi is not None:
        shape = "above_to" if open_minimum else "between"
    elif lo is not None:
        shape = "above" if open_minimum else "at_least"
    else:
        shape = "at_most" if hi is not None else "any"
    values = {k: v for k, v in (("lo", lo), ("hi", hi)) if v is not None}
    return message(f"exp_{kind}_{shape}", **values)


def invalid(
    name: str, value: Any, expected: str | Sentence, suggestion: str | None = None
) -> InvalidParameterError:
    """Return the error for option ``name``: its whole message a sentence of the catalogue.

    Raise what it returns. The message names the parameter, the value received, what is
    valid (``expected``, best a :class:`relgraph.text.Message` so it translates too) and
    the nearest valid choice; :meth:`InvalidParameterError.text` renders it in any shipped
    language (the command line does).

    Examples
    --------
    >>> err = invalid("period", "yaer", message("exp_one_of", choices="year, half-year"), "year")
    >>> print(err)
    period = 'yaer' is not valid; expected one of: year, half-year; did you mean 'year'?
    >>> err.text("zh")
    "period = 'yaer' 无效;应为以下之一:year, half-year;您是不是要填 'year'?"
    """
    dym = message("err_did_you_mean", near=repr(suggestion)) if suggestion else ""
    shown = InvalidParameterError.shown(value)
    sentence = message("err_invalid_value", name=name, value=shown, expected=expected, dym=dym)
    return InvalidParameterError(name, value, expected, suggestion, message=sentence)


def _fail(name: str, value: Any, expected: str | Sentence, suggestion: str | None = None) -> Any:
    raise invalid(name, value, expected, suggestion)

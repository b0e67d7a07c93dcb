"""Spark column expressions that read text values as the pandas validator reads them.

Private: :mod:`relgraph.spark.validate` uses them to find bad values, and the analyses use
them to read validated tables (vocabulary words, numbers, flags, dates). Every expression
is null where the value is blank or cannot be read, never an error (ANSI mode safe).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pyspark.sql import Column
from pyspark.sql import functions as F

__all__ = [
    "DATE_PATTERNS",
    "FALSE_WORDS",
    "TRUE_WORDS",
    "blank",
    "boolean",
    "date",
    "folded",
    "number",
    "term",
]

#: Words read as true / false (the pandas validator's sets).
TRUE_WORDS = ("true", "t", "yes", "y", "1", "1.0", "x", "是", "对", "真")
FALSE_WORDS = ("false", "f", "no", "n", "0", "0.0", "否", "不", "假")
#: Date formats tried in turn (ISO 8601 first), as Spark datetime patterns.
DATE_PATTERNS = (
    "yyyy-M-d",
    "yyyy-M-d'T'H:m[:s]",
    "yyyy-M-d H:m[:s]",
    "yyyyMMdd",
    "yyyy/M/d",
    "d MMM yyyy",
    "d MMMM yyyy",
    "yyyy年M月d日",
    "yyyy.M.d",
)
# The number forms pandas.to_numeric reads (after strip): sign, digits, point, exponent.
_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


def blank(c: Column) -> Column:
    """Return True where the text is empty."""
    return c == F.lit("")


def folded(c: Column) -> Column:
    """:func:`relgraph.model.normalize_term` as an expression: trim, lower, unify separators."""
    low = F.lower(F.regexp_replace(c, r"[_\-]", " "))
    return F.regexp_replace(F.regexp_replace(low, r"(?U)\s+", " "), r"^ | $", "")


def term(c: Column, vocab: Mapping[str, str]) -> Column:
    """Return the canonical word for a vocabulary value (null when blank or unknown)."""
    pairs: list[Any] = []
    for key, canonical in sorted(vocab.items()):
        pairs += [F.lit(key), F.lit(canonical)]
    return F.try_element_at(F.create_map(*pairs), folded(c))


def number(c: Column) -> Column:
    """Return the value as a finite double (null when blank or not a plain number)."""
    d = F.when(c.rlike(_NUMBER), c.try_cast("double"))
    return F.when(~F.isnan(d) & (F.abs(d) != F.lit(float("inf"))), d)


def boolean(c: Column) -> Column:
    """Return the value as a boolean (null when blank or not one of the accepted words)."""
    low = F.lower(c)
    return F.when(low.isin(*TRUE_WORDS), F.lit(True)).when(low.isin(*FALSE_WORDS), F.lit(False))


#: A date-time with a UTC offset (``Z``, ``+08:00``, ``-0500``): group 1 is the local
#: date-time as written, group 2 the offset (the pandas reader's rule).
_OFFSET = r"^(.*\d[T ]\d{2}(?::?\d{2}){0,2}(?:[.,]\d+)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)$"
#: Offsets that exist: less than 24 hours, minutes below 60.
_VALID_OFFSET = r"^(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$"


def date(c: Column) -> Column:
    """Return the value as a date, trying :data:`DATE_PATTERNS` in turn (null when none fits).

    A date-time with a UTC offset keeps the calendar date as written
    (``2026-01-01T23:30:00-05:00`` is 1 January), provided the offset is valid; fractions of
    a second are ignored.
    """
    offset = F.regexp_extract(c, _OFFSET, 2)
    local = F.when(offset != "", F.regexp_extract(c, _OFFSET, 1)).otherwise(c)
    local = F.regexp_replace(local, r"(\d[T ]\d{1,2}:\d{1,2}:\d{1,2})[.,]\d+$", "$1")
    tries = [F.to_date(F.try_to_timestamp(local, F.lit(p))) for p in DATE_PATTERNS]
    good = (offset == "") | offset.rlike(_VALID_OFFSET)
    return F.when(~blank(c) & good, F.coalesce(*tries))

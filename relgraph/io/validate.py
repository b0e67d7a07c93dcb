"""Check and convert raw tables in vectorised passes, collecting every problem at once.

Each check works on whole columns (or on the distinct values of a column), never row by
row in Python, so a table of ten million ties validates in seconds. The rules:

* structure: missing table, missing required column, empty required table;
* values: blanks in required columns, numbers (type, integer, range), booleans, dates
  (format, not in the future), vocabulary words (with a did-you-mean);
* identity: duplicate ids, duplicate rows (same key twice);
* references: every person, org and opportunity id named must exist; ``supports`` and
  ``competitors`` must name competitor orgs, ``account`` a customer org, ``covers`` ties
  must start at one of our people;
* structure of the org chart: no self-ties, nobody reports to two managers, no cycles in
  ``reports_to``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.read import RawTable
from relgraph.io.schema import SCHEMAS, Column, TableSchema
from relgraph.model import normalize_term, suggest

__all__ = ["MAX_PROBLEMS_PER_CHECK", "validate_tables"]

#: At most this many rows are listed for one (table, column, reason); a final row counts
#: the rest, so nothing is hidden without saying so.
MAX_PROBLEMS_PER_CHECK = 1000

_TRUE = {"true", "t", "yes", "y", "1", "1.0", "x", "是", "对", "真"}
_FALSE = {"false", "f", "no", "n", "0", "0.0", "否", "不", "假"}
_LIST_SPLIT = re.compile(r"\s*[;,；，|]\s*")
_DATE_COLUMNS_NOT_IN_FUTURE = {"updated", "since"}


class _Collector:
    """Accumulates problems, capping each (table, column, reason) at a fixed count."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def rows(
        self,
        raw: RawTable,
        mask: np.ndarray | pd.Series,
        column: str | None,
        reason: Reason,
        hint: str | Callable[[str], str],
        values: pd.Series | None = None,
    ) -> None:
        """Add one problem per selected row (capped), with the row's value and a hint."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        positions = np.flatnonzero(mask)
        if values is None:
            values = raw.frame[column] if column in raw.frame else None
        shown = positions[:MAX_PROBLEMS_PER_CHECK]
        vals = values.iloc[shown].tolist() if values is not None else [""] * len(shown)
        for pos, val in zip(shown, vals, strict=True):
            text = str(val)
            h = hint(text) if callable(hint) else hint
            if len(text) > 200:
                text = text[:200] + "…"
            self.problems.append(
                Problem(raw.name, int(pos) + raw.first_row, column, text, reason, h, raw.source)
            )
        extra = len(positions) - len(shown)
        if extra > 0:
            self.problems.append(
                Problem(
                    raw.name,
                    None,
                    column,
                    "",
                    reason,
                    f"… and {extra} more rows with the same problem",
                    raw.source,
                )
            )


def _blank(s: pd.Series) -> np.ndarray:
    return np.asarray(s.eq(""), dtype=bool)


def _by_uniques(s: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a converter to the distinct values only, then spread back (fast on repeats)."""
    codes, uniques = pd.factorize(s, sort=False)
    converted = func(pd.Series(uniques, dtype=object))
    out = converted.take(codes) if len(codes) else converted.iloc[:0]
    out.index = s.index
    return out


def _convert_term(raw: RawTable, col: Column, bag: _Collector) -> pd.Series:
    s = raw.frame[col.name]
    vocab = col.vocab or {}
    mapped = _by_uniques(s, lambda u: u.map(lambda v: vocab.get(normalize_term(v))))
    bad = mapped.isna().to_numpy() & ~_blank(s)
    if bad.any():
        choices = sorted(set(vocab.values()))

        def hint(value: str) -> str:
            near = suggest(value, vocab)
            dym = f"did you mean {near!r}? " if near else ""
            return f"unknown {col.name} {value!r}; {dym}valid: {', '.join(choices)}"

        bag.rows(raw, bad, col.name, Reason.UNKNOWN_TERM, hint)
    return mapped.where(mapped.notna(), None).astype(object)


def _convert_number(raw: RawTable, col: Column, bag: _Collector) -> pd.Series:
    s = raw.frame[col.name]
    blank = _blank(s)
    num = _by_uniques(s, lambda u: pd.to_numeric(u.where(u != ""), errors="coerce"))
    num = num.astype(float)
    nan = np.isnan(num.to_numpy()) & ~blank
    rng = _range_text(col)
    bag.rows(raw, nan, col.name, Reason.NOT_A_NUMBER, f"expected a number{rng}")
    ok = ~blank & ~nan
    if col.type == "int":
        frac = ok & (np.mod(num.to_numpy(), 1) != 0)
        bag.rows(raw, frac, col.name, Reason.NOT_AN_INTEGER, f"expected a whole number{rng}")
        ok &= ~frac
    vals = num.to_numpy()
    out_of = np.zeros(len(s), dtype=bool)
    if col.lo is not None:
        out_of |= ok & (vals < col.lo)
    if col.hi is not None:
        out_of |= ok & (vals > col.hi)
    bag.rows(raw, out_of, col.name, Reason.OUT_OF_RANGE, f"{col.name} must be{rng[1:]}")
    num = num.where(ok & ~out_of)
    if col.type == "int":
        return num.round().astype("Int64")
    return num.astype(float)


def _range_text(col: Column) -> str:
    lo = None if col.lo is None else f"{col.lo:g}"
    hi = None if col.hi is None else f"{col.hi:g}"
    if lo is not None and hi is not None:
        return f" from {lo} to {hi}"
    if lo is not None:
        return f" of at least {lo}"
    if hi is not None:
        return f" of at most {hi}"
    return ""


def _convert_bool(raw: RawTable, col: Column, bag: _Collector) -> pd.Series:
    s = raw.frame[col.name]

    def conv(u: pd.Series) -> pd.Series:
        low = u.str.strip().str.lower()
        return low.map(lambda v: True if v in _TRUE else (False if v in _FALSE else None))

    mapped = _by_uniques(s, conv)
    bad = mapped.isna().to_numpy() & ~_blank(s)
    bag.rows(
        raw,
        bad,
        col.name,
        Reason.NOT_A_BOOLEAN,
        "expected true/false (or yes/no, 1/0); leave blank for the default",
    )
    return mapped.astype("boolean")


def _parse_dates(u: pd.Series) -> pd.Series:
    vals = u.where(u != "")
    iso = pd.to_datetime(vals, format="ISO8601", errors="coerce")
    rest = iso.isna() & vals.notna()
    if rest.any():
        for i in np.flatnonzero(rest.to_numpy()):
            text = str(vals.iloc[i])
            for fmt in ("%Y/%m/%d", "%d %b %Y", "%d %B %Y", "%Y年%m月%d日", "%Y.%m.%d"):
                try:
                    iso.iloc[i] = pd.Timestamp(_dt.datetime.strptime(text, fmt))
                    break
                except ValueError:
                    continue
    if getattr(iso.dt, "tz", None) is not None:
        iso = iso.dt.tz_localize(None)
    return iso.dt.normalize().astype("datetime64[ns]")


def _convert_date(raw: RawTable, col: Column, bag: _Collector, today: _dt.date) -> pd.Series:
    s = raw.frame[col.name]
    dates = _by_uniques(s, _parse_dates)
    dates = pd.to_datetime(dates)
    bad = dates.isna().to_numpy() & ~_blank(s)
    bag.rows(
        raw, bad, col.name, Reason.BAD_DATE, "not a date; write it as YYYY-MM-DD (e.g. 2026-03-31)"
    )
    if col.name in _DATE_COLUMNS_NOT_IN_FUTURE:
        future = (dates > pd.Timestamp(today)).to_numpy() & ~bad & ~_blank(s)
        bag.rows(
            raw,
            future,
            col.name,
            Reason.FUTURE_DATE,
            f"date is after today ({today.isoformat()}); check the year and the day/month order",
        )
        dates = dates.where(~future)
    return dates


def _convert_list(raw: RawTable, col: Column) -> pd.Series:
    s = raw.frame[col.name]
    return _by_uniques(
        s, lambda u: u.map(lambda v: ";".join(x for x in _LIST_SPLIT.split(v) if x) if v else "")
    ).astype(object)


def _convert_table(
    raw: RawTable, schema: TableSchema, bag: _Collector, today: _dt.date
) -> pd.DataFrame | None:
    frame = raw.frame
    missing = [c for c in schema.required_columns if c not in frame.columns]
    for name in missing:
        near = suggest(name, [str(c) for c in frame.columns])
        dym = f" (is {near!r} meant to be {name!r}?)" if near else ""
        bag.add(
            Problem(
                raw.name,
                1 if raw.first_row == 2 else None,
                name,
                "",
                Reason.MISSING_COLUMN,
                f"required column {name!r} is missing{dym}; the header needs "
                + ",".join(schema.required_columns),
                raw.source,
            )
        )
    if missing:
        return None
    if len(frame) == 0:
        if schema.required:
            bag.add(
                Problem(
                    raw.name,
                    None,
                    None,
                    "",
                    Reason.EMPTY_TABLE,
                    f"the {raw.name} table has a header but no rows; add at least one row",
                    raw.source,
                )
            )
            return None
    out: dict[str, pd.Series] = {}
    for col in schema.columns:
        if col.name not in frame.columns:
            out[col.name] = _empty_column(col, len(frame))
            continue
        s = frame[col.name]
        if col.nonblank:
            bag.rows(
                raw,
                _blank(s),
                col.name,
                Reason.BLANK,
                f"{col.name} is required and cannot be blank",
            )
        if col.type == "term":
            out[col.name] = _convert_term(raw, col, bag)
        elif col.type in ("int", "float"):
            out[col.name] = _convert_number(raw, col, bag)
        elif col.type == "bool":
            out[col.name] = _convert_bool(raw, col, bag)
        elif col.type == "date":
            out[col.name] = _convert_date(raw, col, bag, today)
        elif col.type == "list":
            out[col.name] = _convert_list(raw, col)
        else:
            out[col.name] = s.astype(object)
        if col.unique:
            dup = s.duplicated(keep="first").to_numpy() & ~_blank(s)
            if dup.any():
                first = s[~s.duplicated(keep="first")]
                first_row = pd.Series(
                    first.index.to_numpy() + raw.first_row, index=first.to_numpy()
                )
                bag.rows(
                    raw,
                    dup,
                    col.name,
                    Reason.DUPLICATE_ID,
                    functools.partial(_duplicate_hint, col.name, first_row),
                )
    known = {c.name for c in schema.columns}
    for name in frame.columns:
        if name not in known:
            out[name] = frame[name].astype(object)
    result = pd.DataFrame(out, index=pd.RangeIndex(len(frame)))
    if schema.key:
        keys = [frame[k] for k in schema.key]
        dup = pd.DataFrame(dict(zip(schema.key, keys, strict=True))).duplicated(keep="first")
        dup_mask = dup.to_numpy()
        if dup_mask.any():
            label = ", ".join(schema.key)
            joined = frame[list(schema.key)].astype(str).agg(" / ".join, axis=1)
            bag.rows(
                raw,
                dup_mask,
                None,
                Reason.DUPLICATE_ROW,
                f"the same ({label}) appears twice; remove or merge the repeated row",
                values=joined,
            )
    return result


def _empty_column(col: Column, n: int) -> pd.Series:
    if col.type == "int":
        return pd.Series(pd.array([pd.NA] * n, dtype="Int64"))
    if col.type == "float":
        return pd.Series(np.full(n, np.nan))
    if col.type == "bool":
        return pd.Series(pd.array([pd.NA] * n, dtype="boolean"))
    if col.type == "date":
        return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    if col.type == "list":
        return pd.Series([""] * n, dtype=object)
    if col.type == "term":
        return pd.Series([None] * n, dtype=object)
    return pd.Series([""] * n, dtype=object)


def _check_refs(
    raws: Mapping[str, RawTable], tables: Mapping[str, pd.DataFrame], bag: _Collector
) -> None:
    ids = {
        name: pd.Index(tables[name]["id"].astype(str))
        for name in ("orgs", "people", "opportunities")
        if name in tables
    }
    for name, table in tables.items():
        schema = SCHEMAS[name]
        raw = raws[name]
        for col in schema.columns:
            if col.ref is None or (col.ref in raws and col.ref not in ids):
                continue  # no reference, or the referenced table failed its own checks
            s = table[col.name].astype(str)
            known = ids.get(col.ref, pd.Index([]))
            if col.type == "list":
                exploded = s.str.split(";").explode()
                exploded = exploded[exploded.ne("") & exploded.notna()]
                unknown_rows = exploded[~exploded.isin(known)]
                mask = np.zeros(len(s), dtype=bool)
                mask[unknown_rows.index.to_numpy()] = True
            else:
                mask = (s.ne("") & ~s.isin(known)).to_numpy()
            if mask.any():
                choices = list(known.astype(str)[:5000])
                bag.rows(
                    raw,
                    mask,
                    col.name,
                    Reason.UNKNOWN_REFERENCE,
                    functools.partial(_unknown_ref_hint, ref=col.ref, choices=choices),
                )


def _duplicate_hint(column: str, first_row: pd.Series, value: str) -> str:
    return f"{column} {value!r} is already used in row {first_row.get(value)}; ids must be unique"


def _unknown_ref_hint(value: str, ref: str | None, choices: list[str]) -> str:
    what = {"orgs": "org", "people": "person", "opportunities": "opportunity"}.get(ref or "", "id")
    parts = [p for p in value.split(";") if p and p not in set(choices)] or [value]
    near = suggest(parts[0], choices)
    dym = f"; did you mean {near!r}?" if near else ""
    return f"no {what} with id {parts[0]!r} in the {ref} table{dym}"


def _org_kind_checks(
    raws: Mapping[str, RawTable], tables: Mapping[str, pd.DataFrame], bag: _Collector
) -> None:
    if "orgs" not in tables:
        return
    kind = pd.Series(tables["orgs"]["kind"].to_numpy(), index=tables["orgs"]["id"].astype(str))
    kind = kind[~kind.index.duplicated()]
    if "people" in tables:
        people = tables["people"]
        raw = raws["people"]
        sup = people["supports"].astype(str)
        has = sup.ne("") & sup.isin(kind.index)
        wrong = has & sup.map(kind).ne("competitor")
        bag.rows(
            raw,
            wrong.to_numpy(),
            "supports",
            Reason.WRONG_ORG_KIND,
            lambda v: (
                f"{v!r} is not a competitor org (its kind is {kind.get(v)!r}); "
                "supports must name an org of kind competitor"
            ),
        )
        no_comp = people["support"].notna().to_numpy() & sup.eq("").to_numpy()
        bag.rows(
            raw,
            no_comp,
            "support",
            Reason.INCONSISTENT,
            "support is given but supports (which competitor) is blank; fill in supports "
            "or clear support",
        )
    if "opportunities" in tables:
        opp = tables["opportunities"]
        raw = raws["opportunities"]
        acc = opp["account"].astype(str)
        wrong = acc.isin(kind.index) & acc.map(kind).ne("customer")
        bag.rows(
            raw,
            wrong.to_numpy(),
            "account",
            Reason.WRONG_ORG_KIND,
            lambda v: f"account {v!r} is not a customer org (its kind is {kind.get(v)!r})",
        )
        comps = opp["competitors"].astype(str).str.split(";").explode()
        comps = comps[comps.ne("") & comps.isin(kind.index)]
        bad = comps[comps.map(kind).ne("competitor")]
        mask = np.zeros(len(opp), dtype=bool)
        mask[bad.index.to_numpy()] = True
        bag.rows(
            raw,
            mask,
            "competitors",
            Reason.WRONG_ORG_KIND,
            "competitors must name orgs of kind competitor",
        )
    if "ties" in tables and "people" in tables:
        ties = tables["ties"]
        raw = raws["ties"]
        people = tables["people"]
        org_of = pd.Series(people["org"].to_numpy(), index=people["id"].astype(str))
        org_of = org_of[~org_of.index.duplicated()]
        covers = ties["kind"].eq("covers")
        src_kind = ties["source"].astype(str).map(org_of).map(kind)
        wrong = covers & src_kind.notna() & src_kind.ne("us")
        bag.rows(
            raw,
            wrong.to_numpy(),
            "source",
            Reason.WRONG_ORG_KIND,
            "a covers tie must start at one of our people (an org of kind us); "
            "use another kind for a competitor's or partner's contact",
        )


def _tie_structure_checks(raw: RawTable, ties: pd.DataFrame, bag: _Collector) -> None:
    src = ties["source"].astype(str)
    tgt = ties["target"].astype(str)
    self_tie = (src.eq(tgt) & src.ne("")).to_numpy()
    bag.rows(raw, self_tie, "target", Reason.SELF_TIE, "a tie must join two different people")
    rep = ties["kind"].eq("reports_to").to_numpy() & ~self_tie
    if not rep.any():
        return
    pairs = pd.DataFrame({"s": src[rep], "t": tgt[rep]})
    n_mgr = pairs.groupby("s")["t"].transform("nunique")
    two = np.zeros(len(ties), dtype=bool)
    two[pairs.index[(n_mgr > 1).to_numpy()].to_numpy()] = True
    if two.any():
        mgrs = pairs.groupby("s")["t"].agg(lambda t: ", ".join(sorted(set(t))))
        bag.rows(
            raw,
            two,
            "source",
            Reason.TWO_MANAGERS,
            lambda v: (
                f"{v!r} reports to more than one manager ({mgrs.get(v)}); keep one "
                "reports_to tie and record the other as 'influences' or 'works_with'"
            ),
            values=src,
        )
    first = pairs.drop_duplicates("s")
    for cycle in _reporting_cycles(first["s"].to_numpy(), first["t"].to_numpy()):
        members = " → ".join([*cycle, cycle[0]])
        mask = np.zeros(len(ties), dtype=bool)
        in_cycle = set(cycle)
        idx = first.index[first["s"].isin(in_cycle).to_numpy()].to_numpy()
        mask[idx[:1]] = True
        bag.rows(
            raw,
            mask,
            "target",
            Reason.REPORTING_CYCLE,
            f"reports_to forms a cycle: {members}; someone at the top must report to nobody",
        )


def _reporting_cycles(src: np.ndarray, tgt: np.ndarray) -> list[list[str]]:
    """Cycles of a functional graph (each person at most one manager), by pointer doubling."""
    names, codes = np.unique(np.concatenate([src, tgt]), return_inverse=True)
    n = len(names)
    parent = np.full(n, -1, dtype=np.int64)
    parent[codes[: len(src)]] = codes[len(src) :]
    jump = parent.copy()
    steps = 1
    while steps < n:
        nxt = np.where(jump >= 0, jump[np.maximum(jump, 0)], -1)
        jump = nxt
        steps *= 2
    on_cycle_entry = np.unique(jump[jump >= 0])
    seen: set[int] = set()
    cycles: list[list[str]] = []
    for start in on_cycle_entry.tolist():
        if start in seen:
            continue
        cyc = [start]
        node = int(parent[start])
        while node != start and len(cyc) <= n:
            cyc.append(node)
            node = int(parent[node])
        seen.update(cyc)
        cycles.append([str(names[i]) for i in cyc])
    return cycles


def validate_tables(
    raws: Mapping[str, RawTable],
    problems: list[Problem] | None = None,
    *,
    today: _dt.date | None = None,
) -> dict[str, pd.DataFrame]:
    """Check every raw table and return the converted tables, or raise with every problem.

    Parameters
    ----------
    raws : Mapping of str to RawTable
        Tables as read by :mod:`relgraph.io.read`.
    problems : list of Problem, optional
        Problems already found while reading; they are reported together with the rest.
    today : datetime.date, optional
        Dates after this are rejected; defaults to today's date.

    Returns
    -------
    dict of str to DataFrame
        Typed tables: ids as text, vocabulary words canonical, numbers as ``Int64`` or
        ``float64``, flags as nullable ``boolean``, dates as ``datetime64[ns]``; every known
        column present (blank where not given), unknown columns kept after them.

    Raises
    ------
    ValidationError
        Listing every problem found, in table order.
    """
    today = today or _dt.date.today()
    bag = _Collector()
    for p in problems or []:
        bag.add(p)
    tables: dict[str, pd.DataFrame] = {}
    for name, schema in SCHEMAS.items():
        if name not in raws:
            continue
        converted = _convert_table(raws[name], schema, bag, today)
        if converted is not None:
            tables[name] = converted
    _check_refs(raws, tables, bag)
    _org_kind_checks(raws, tables, bag)
    if "ties" in tables:
        _tie_structure_checks(raws["ties"], tables["ties"], bag)
    if bag.problems:
        raise ValidationError(bag.problems)
    return tables

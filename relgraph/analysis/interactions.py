"""Interaction history: relationship strength, last contact and customer issues from a log."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
import pandas as pd

from relgraph import _touchpoints as tp
from relgraph.analysis.paths.render import tie_words
from relgraph.checks import check_date
from relgraph.model import Settings
from relgraph.network import RelationshipNetwork
from relgraph.text import say, term
from relgraph.textvec import (
    Coded,
    counts_text,
    day_text,
    join,
    piece,
    say_many,
    take_text,
    text_backend,
    text_column,
)

__all__ = ["customer_issues", "last_contact", "relationship_strength", "tie_strengths"]

DateLike = str | _dt.date | pd.Timestamp | None

_STRENGTH_COLUMNS = [
    "our_person",
    "their_person",
    "our_name",
    "their_name",
    "touchpoints",
    "ours",
    "theirs",
    "mutual",
    "first_contact",
    "last_contact",
    "days_since",
    "volume",
    "balance",
    "reciprocity",
    "strength",
    "ties",
    "why",
]


def _as_of(net: RelationshipNetwork, as_of: DateLike) -> tuple[pd.Timestamp | None, int]:
    """Return the reference day: ``as_of`` (a date or YYYY-MM-DD), else ``net.as_of``."""
    return tp.as_of_day(check_date("as_of", as_of, default=net.as_of), net.interactions)


def _day_to_date(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[ns]")


def _terms(
    net: RelationshipNetwork, as_of: DateLike
) -> tuple[dict[str, np.ndarray], pd.Timestamp | None, int, Settings]:
    s = net.settings
    ts, day = _as_of(net, as_of)
    terms = tp.pair_strengths(net.touchpoint_pairs(), net.n_people, s, day)
    return terms, ts, day, s


def relationship_strength(
    net: RelationshipNetwork,
    *,
    as_of: DateLike = None,
) -> pd.DataFrame:
    r"""Strength of each (our person × their person) relationship, derived from the log.

    Parameters
    ----------
    net : RelationshipNetwork
        A network with an ``interactions`` table (an empty result otherwise).
    as_of : date or str, optional
        The reference day (a date or ``YYYY-MM-DD``); touchpoints after it are ignored.
        ``net.settings.as_of`` (today unless set) when omitted; pass it for reproducible
        results.

    Returns
    -------
    pandas.DataFrame
        One row per pair with logged contact, sorted by our person then their person (table
        order): ``our_person, their_person, our_name, their_name, touchpoints, ours,
        theirs, mutual`` (counts by who initiated), ``first_contact`` (the "long" measure),
        ``last_contact, days_since, volume, balance, reciprocity, strength``, ``ties``
        (recorded tie kinds between the two, ``;``-separated, blank for none) and ``why``.

    Raises
    ------
    ValueError
        When ``as_of`` is not a date.

    Notes
    -----
    For touchpoints :math:`i` of the pair on days :math:`t_i \le T` (``T`` = ``as_of``),
    with kind weight :math:`w_k` (``Settings.interaction_weight``) and half-life :math:`h`:

    .. math::

        V = \sum_i w_{k_i} 2^{-(T - t_i)/h}, \qquad
        s = \frac{V_\text{theirs} + V_\text{mutual}/2}{V}, \qquad
        B = 1 - |2s - 1|,

        R = \rho + (1 - \rho) B, \qquad
        \text{strength} = c \, (1 - e^{-V/\sigma}) \, R

    ``volume`` is :math:`V` (recency and frequency), ``balance`` is :math:`B` (1 when both
    sides initiate equally, 0 when one side does everything; a blank direction counts as
    mutual), ``reciprocity`` is :math:`R` with :math:`\rho` =
    ``Settings.interaction_one_way``, :math:`\sigma` = ``Settings.interaction_saturation``
    and the cap :math:`c` = ``Settings.interaction_cap``. With no new touchpoints the
    strength only falls as ``as_of`` moves later (every term decays by the same factor, so
    :math:`B` is unchanged). Sums run over the sorted distinct (pair, day, kind, direction)
    keys, so the order of the log's rows does not change any number.

    References
    ----------
    Granovetter, M. (1973). The strength of weak ties. *American Journal of Sociology*
    78(6): tie strength combines time, emotional intensity, intimacy and reciprocity.
    Marsden, P. V. & Campbell, K. E. (1984). Measuring tie strength. *Social Forces* 63(2):
    frequency and recency of contact as indicators.

    Examples
    --------
    >>> import pandas as pd
    >>> import relgraph as rg
    >>> t = rg.datasets.tiny().to_frames()
    >>> t["interactions"] = pd.DataFrame({
    ...     "date": ["2026-01-05", "2026-01-12"], "our_person": ["u1", "u1"],
    ...     "their_people": ["p2", "p2"], "kind": ["meeting", "电话"],
    ...     "direction": ["ours", "theirs"]})
    >>> net = rg.RelationshipNetwork.from_frames(**t)
    >>> r = relationship_strength(net, as_of="2026-01-12")
    >>> r[["our_person", "their_person", "touchpoints", "balance", "strength"]].round(3)
      our_person their_person  touchpoints  balance  strength
    0         u1           p2            2    0.611     0.475
    """
    terms, ts, day, s = _terms(net, as_of)
    n = len(terms["u"])
    if n == 0 or ts is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _STRENGTH_COLUMNS})
    backend = text_backend()
    lang = net.settings.language
    u, v = terms["u"], terms["v"]
    days_since = day - terms["last_day"]
    ties = _tie_kinds(net, u, v)
    initiative = say_many(
        "int_initiative",
        n,
        backend=backend,
        lang=lang,
        ours=terms["ours"],
        theirs=terms["theirs"],
        mutual=terms["mutual"],
    )
    no_tie = ties == ""
    kind_words = [term("interaction_kind", k, lang=lang) for k in tp.KIND_CODES]
    why = say_many(
        "int_strength_why",
        n,
        backend=backend,
        lang=lang,
        n=terms["touchpoints"],
        first=day_text(terms["first_day"]),
        last=day_text(terms["last_day"]),
        kinds=counts_text(terms["kind_counts"], kind_words, backend=backend),
        volume=terms["volume"],
        half_life=float(s.interaction_half_life_days),
        initiative=initiative,
        reciprocity=terms["reciprocity"],
        strength=terms["strength"],
    )
    if no_tie.any():
        tail = Coded(no_tie.astype(np.int64), ["", say("int_no_tie", lang=lang)])
        if backend == "python":
            why = why + np.asarray(tail.texts, dtype=object)[tail.codes]
        else:
            why = join([why, piece(tail, "", backend)], n, backend)
    return pd.DataFrame(
        {
            "our_person": take_text(net.person_ids, u),
            "their_person": take_text(net.person_ids, v),
            "our_name": take_text(net.labels, u),
            "their_name": take_text(net.labels, v),
            "touchpoints": terms["touchpoints"],
            "ours": terms["ours"],
            "theirs": terms["theirs"],
            "mutual": terms["mutual"],
            "first_contact": _day_to_date(terms["first_day"]),
            "last_contact": _day_to_date(terms["last_day"]),
            "days_since": days_since.astype(np.int64),
            "volume": terms["volume"],
            "balance": terms["balance"],
            "reciprocity": terms["reciprocity"],
            "strength": terms["strength"],
            "ties": text_column(ties),
            "why": text_column(why),
        }
    )


def _tie_kinds(net: RelationshipNetwork, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Return the recorded tie kinds between each (u, v) pair, either way, ';'-joined."""
    if len(net.ties) == 0 or len(u) == 0:
        return np.full(len(u), "", dtype=object)
    e = net.edges
    if len(e) == 0:
        return np.full(len(u), "", dtype=object)
    n = np.int64(net.n_people)
    a, b = e["u"].to_numpy(), e["v"].to_numpy()
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    both = pd.DataFrame({"key": lo * n + hi, "kind": e["kind"].to_numpy()})
    both = both.drop_duplicates().sort_values(["key", "kind"])
    joined = both.groupby("key", sort=True)["kind"].agg(";".join)
    want = np.minimum(u, v) * n + np.maximum(u, v)
    return joined.reindex(want).fillna("").to_numpy(dtype=object)


def tie_strengths(
    net: RelationshipNetwork,
    *,
    as_of: DateLike = None,
) -> pd.DataFrame:
    """Every tie's resolved strength: explicit, else derived from the log, else the default.

    Parameters
    ----------
    net : RelationshipNetwork
    as_of : date or str, optional
        Reference day for the derived strengths (default ``net.settings.as_of``, today
        unless set).

    Returns
    -------
    pandas.DataFrame
        One row per tie, in the ties table's order: ``source, target, kind, strength``
        (resolved), ``basis`` (``explicit``, ``interactions`` or ``default``), ``explicit``
        (the given strength or NaN), ``derived`` (from :func:`relationship_strength`, or
        NaN), ``default`` (the kind's default), ``first_contact``, ``last_contact`` and
        ``why``. ``net.edges`` uses the same rule at the default ``as_of``.

    Notes
    -----
    ``strength = explicit`` when given; otherwise, for ``covers`` and personal ties
    (``Settings.interaction_tie_kinds``) whose pair has logged contact, ``strength =
    derived``; otherwise the kind's default (``Settings.tie_strength``). A ``covers`` tie
    matches the pair (source, target); a personal tie matches either orientation.

    Examples
    --------
    >>> import datetime as dt
    >>> import pandas as pd
    >>> import relgraph as rg
    >>> t = rg.datasets.tiny().to_frames()
    >>> t["interactions"] = pd.DataFrame({"date": ["2026-01-05"], "our_person": ["u1"],
    ...     "their_people": ["p2;p4"], "kind": ["visit"], "direction": ["mutual"]})
    >>> day = rg.Settings(as_of=dt.date(2026, 1, 5))
    >>> net = rg.RelationshipNetwork.from_frames(**t, settings=day)
    >>> tie_strengths(net)[["source", "target", "kind", "strength", "basis"]].round(3)
      source target        kind  strength         basis
    0     p2     p1  reports_to     0.700       default
    1     p3     p2  reports_to     0.700       default
    2     p4     p1  influences     0.800      explicit
    3     u1     p2      covers     0.496  interactions
    4     u1     p3      covers     0.700       default
    5     u2     p1      covers     0.700       default
    6     u1     p4      friend     0.500      explicit
    """
    s = net.settings
    t = net.ties
    src = t["source"].astype(str).to_numpy()
    tgt = t["target"].astype(str).to_numpy()
    kind = t["kind"].astype(str).to_numpy()
    explicit = t["strength"].astype(float).to_numpy()
    default = pd.Series(kind).map({str(k): v for k, v in s.tie_strength.items()}).to_numpy(float)
    u = net.person_ids.get_indexer(pd.Index(src)).astype(np.int64)
    v = net.person_ids.get_indexer(pd.Index(tgt)).astype(np.int64)
    terms = _terms(net, as_of)[0] if len(net.interactions) else None
    if terms is not None and len(terms["u"]):
        derived = tp.resolve_tie_strengths(u, v, kind, terms, net.n_people, s)
        idx = pd.Index(terms["u"] * np.int64(net.n_people) + terms["v"])
        n = np.int64(net.n_people)
        hit = idx.get_indexer(u * n + v)
        back = idx.get_indexer(v * n + u)
        hit = np.where(hit >= 0, hit, back)
        first = np.where(
            hit >= 0, _day_to_date(terms["first_day"])[np.maximum(hit, 0)], np.datetime64("NaT")
        )
        last = np.where(
            hit >= 0, _day_to_date(terms["last_day"])[np.maximum(hit, 0)], np.datetime64("NaT")
        )
        first = np.where(np.isnan(derived), np.datetime64("NaT"), first)
        last = np.where(np.isnan(derived), np.datetime64("NaT"), last)
    else:
        derived = np.full(len(t), np.nan)
        first = last = np.full(len(t), np.datetime64("NaT"), dtype="datetime64[ns]")
    has_exp = ~np.isnan(explicit)
    has_der = ~np.isnan(derived)
    strength = np.where(has_exp, explicit, np.where(has_der, derived, default))
    basis = np.where(has_exp, "explicit", np.where(has_der, "interactions", "default"))
    eligible = {str(k) for k in s.interaction_tie_kinds}
    why = []
    lang = net.settings.language
    nothing = say("int_derived_nothing", lang=lang)
    for i in range(len(t)):
        der = f"{derived[i]:.2f}" if has_der[i] else nothing
        words = tie_words(str(kind[i]), lang=lang)
        if has_exp[i]:
            why.append(say("int_tie_explicit", strength=explicit[i], derived=der, lang=lang))
        elif has_der[i]:
            why.append(say("int_tie_derived", derived=derived[i], lang=lang))
        elif kind[i] in eligible:
            why.append(say("int_tie_default", kind=words, strength=default[i], lang=lang))
        else:
            why.append(say("int_tie_not_eligible", kind=words, strength=default[i], lang=lang))
    return pd.DataFrame(
        {
            "source": src,
            "target": tgt,
            "kind": kind,
            "strength": strength,
            "basis": basis,
            "explicit": explicit,
            "derived": derived,
            "default": default,
            "first_contact": pd.to_datetime(first),
            "last_contact": pd.to_datetime(last),
            "why": why,
        }
    )


def last_contact(
    net: RelationshipNetwork,
    *,
    as_of: DateLike = None,
) -> pd.DataFrame:
    """When each customer person was last in touch with any of our people, and staleness.

    Parameters
    ----------
    net : RelationshipNetwork
    as_of : date or str, optional
        Reference day; touchpoints after it are ignored (default ``net.settings.as_of``,
        today unless set).

    Returns
    -------
    pandas.DataFrame
        One row per customer person, plus any outside person who appears in the log:
        ``person, last_contact, days_since, stale, name, level, by`` (our person(s) at the
        last contact), ``kind`` (of the last contact), ``first_contact, touchpoints,
        owners`` (how many of our people have been in touch) and ``why``. Stale first (never
        contacted, then longest ago), then by person id.

    Notes
    -----
    ``days_since = as_of − last_contact``; ``stale = days_since > contact_stale_days`` or
    no touchpoint at all. Every kind counts as contact, complaints included.

    Examples
    --------
    >>> import pandas as pd
    >>> import relgraph as rg
    >>> t = rg.datasets.tiny().to_frames()
    >>> t["interactions"] = pd.DataFrame({"date": ["2026-01-05", "2026-06-01"],
    ...     "our_person": ["u2", "u1"], "their_people": ["p1", "p2"],
    ...     "kind": ["meal", "email"]})
    >>> last_contact(net := rg.RelationshipNetwork.from_frames(**t), as_of="2026-06-01")[
    ...     ["person", "last_contact", "days_since", "stale", "by"]]
      person last_contact  days_since  stale   by
    0     p3          NaT        <NA>   True
    1     p4          NaT        <NA>   True
    2     p1   2026-01-05         147   True  u2
    3     p2   2026-06-01           0  False  u1
    """
    s = net.settings
    ts, day = _as_of(net, as_of)
    assert ts is not None  # a reference day is always given or defaulted
    p = net.touchpoint_pairs()
    p = p[p["day"].to_numpy() <= day]
    ids = net.person_ids
    customer = net.party.eq("customer").to_numpy()
    seen = np.zeros(len(ids), dtype=bool)
    seen[p["v"].to_numpy()] = True
    rows = np.flatnonzero(customer | seen)
    # last contact: sort by (v, day, kind, u) so the latest is last in each group
    order = np.lexsort((p["u"].to_numpy(), p["kind"].to_numpy(), p["day"].to_numpy(), p["v"]))
    ps = p.iloc[order]
    g = ps.groupby("v", sort=True)
    last_day = g["day"].max()
    first_day = g["day"].min()
    count = g.size()
    owners = g["u"].nunique()
    at_last = ps[ps["day"].to_numpy() == last_day.reindex(ps["v"]).to_numpy()]
    by = at_last.groupby("v")["u"].agg(lambda x: ";".join(ids[np.unique(x.to_numpy())]))
    kind_last = at_last.groupby("v")["kind"].agg(
        lambda x: ";".join(tp.KIND_CODES[k] for k in np.unique(x.to_numpy()))
    )
    rows_idx = pd.Index(rows)
    ld = last_day.reindex(rows_idx)
    has = ld.notna().to_numpy()
    last_dates = np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
    last_dates[has] = _day_to_date(ld.to_numpy()[has].astype(np.int64))
    first_dates = np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
    fd = first_day.reindex(rows_idx).to_numpy()
    first_dates[has] = _day_to_date(fd[has].astype(np.int64))
    days = pd.array(np.where(has, day - np.nan_to_num(ld.to_numpy()), 0), dtype="Int64")
    days[~has] = pd.NA
    stale = ~has | (np.where(has, day - np.nan_to_num(ld.to_numpy()), 0) > s.contact_stale_days)
    level = net.people["level"].iloc[rows].reset_index(drop=True)
    labels = net.labels.to_numpy()[rows]
    by_s = by.astype(object).reindex(rows_idx).fillna("").to_numpy(dtype=object)
    kind_s = kind_last.astype(object).reindex(rows_idx).fillna("").to_numpy(dtype=object)
    n_s = count.reindex(rows_idx).fillna(0).to_numpy().astype(np.int64)
    own_s = owners.reindex(rows_idx).fillna(0).to_numpy().astype(np.int64)
    as_of_text, lang = ts.date().isoformat(), net.settings.language
    why = []
    for i in range(len(rows)):
        if not has[i]:
            why.append(say("int_last_never", as_of=as_of_text, lang=lang))
        else:
            why.append(
                say(
                    "int_last_why",
                    date=str(last_dates[i])[:10],
                    days=int(days[i]),
                    as_of=as_of_text,
                    limit=s.contact_stale_days,
                    by=by_s[i],
                    kind=_kind_words(kind_s[i], lang),
                    n=int(n_s[i]),
                    owners=int(own_s[i]),
                    first=str(first_dates[i])[:10],
                    lang=lang,
                )
            )
    out = pd.DataFrame(
        {
            "person": ids.to_numpy()[rows],
            "last_contact": last_dates,
            "days_since": days,
            "stale": stale,
            "name": labels,
            "level": level,
            "by": by_s,
            "kind": kind_s,
            "first_contact": first_dates,
            "touchpoints": n_s,
            "owners": own_s,
            "why": why,
        }
    )
    sort_days = np.where(has, day - np.nan_to_num(ld.to_numpy()), np.inf)
    order = np.lexsort((out["person"].to_numpy(), -sort_days, ~out["stale"].to_numpy()))
    return out.iloc[order].reset_index(drop=True)


_ISSUE_COLUMNS = [
    "issue",
    "status",
    "opened",
    "closed",
    "age_days",
    "overdue",
    "owner",
    "owner_name",
    "people",
    "names",
    "key_people",
    "subject",
    "row",
    "why",
]


def _kind_words(kinds: str, lang: str) -> str:
    """Interaction kinds (``meeting;call``) as the words of ``lang``, ';'-joined."""
    return ";".join(term("interaction_kind", k, lang=lang) for k in kinds.split(";") if k)


def customer_issues(
    net: RelationshipNetwork,
    *,
    as_of: DateLike = None,
) -> pd.DataFrame:
    """Match customer complaints to their closure: open and closed issues, age and owner.

    Parameters
    ----------
    net : RelationshipNetwork
    as_of : date or str, optional
        Reference day; log rows after it are ignored (default ``net.settings.as_of``,
        today unless set).

    Returns
    -------
    pandas.DataFrame
        One row per issue: ``issue`` (the log's issue reference, blank when none),
        ``status`` (``open``, ``closed``, or ``unmatched_closure`` for an ``issue_closed``
        row that matches no complaint), ``opened, closed, age_days`` (days open so far, or
        until closed), ``overdue`` (open and older than ``open_issue_days``), ``owner`` (our
        person who took the complaint) and ``owner_name``, ``people`` and ``names`` (the
        customer people affected, ``;``-separated), ``key_people`` (those holding a role in
        an opportunity), ``subject`` (blank for sensitive rows), ``row`` (position of the
        opening row in ``net.interactions``) and ``why``. Open first, oldest first.

    Notes
    -----
    Complaints with the same ``issue`` reference form one issue, opened on the first of
    them; it is closed by the first ``issue_closed`` row with that reference dated on or
    after its last complaint. A complaint without a reference is its own issue; an
    ``issue_closed`` row without a reference closes, in date order, the oldest open
    unreferenced complaint on or before it that shares at least one customer person.
    Rows are taken in a canonical order (date, kind, reference, owner, the sorted people,
    sensitivity, subject), so the order of the log's rows changes nothing but ``row``.

    Examples
    --------
    >>> import pandas as pd
    >>> import relgraph as rg
    >>> t = rg.datasets.tiny().to_frames()
    >>> t["interactions"] = pd.DataFrame({
    ...     "date": ["2026-01-05", "2026-01-20", "2026-02-01", "2026-03-01"],
    ...     "our_person": ["u1", "u1", "u2", "u2"],
    ...     "their_people": ["p2", "p2", "p1", "p1"],
    ...     "kind": ["complaint", "issue_closed", "投诉", "meeting"],
    ...     "issue": ["T-1", "T-1", "", ""]})
    >>> customer_issues(rg.RelationshipNetwork.from_frames(**t), as_of="2026-03-01")[
    ...     ["issue", "status", "opened", "age_days", "overdue", "owner", "people"]]
      issue  status     opened  age_days  overdue owner people
    0          open 2026-02-01        28    False    u2     p1
    1   T-1  closed 2026-01-05        15    False    u1     p2
    """
    s = net.settings
    ts, day = _as_of(net, as_of)
    inter = net.interactions
    if ts is None or len(inter) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _ISSUE_COLUMNS})
    dates = pd.to_datetime(inter["date"]).to_numpy().astype("datetime64[D]").astype(np.int64)
    kind = inter["kind"].astype(str).to_numpy()
    sel = np.flatnonzero((dates <= day) & np.isin(kind, ["complaint", "issue_closed"]))
    if len(sel) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _ISSUE_COLUMNS})
    sub = pd.DataFrame(
        {
            "row": sel,
            "day": dates[sel],
            "kind": kind[sel],
            "issue": inter["issue"].astype(object).fillna("").astype(str).to_numpy()[sel],
            "owner": inter["our_person"].astype(str).to_numpy()[sel],
            "people": [_canonical_people(x) for x in inter["their_people"].to_numpy()[sel]],
            "subject": inter["subject"].astype(object).fillna("").astype(str).to_numpy()[sel],
            "sensitive": inter["sensitive"].fillna(False).to_numpy(dtype=bool)[sel],
        }
    ).sort_values(
        ["day", "kind", "issue", "owner", "people", "sensitive", "subject", "row"], kind="stable"
    )
    items: list[dict[str, Any]] = []
    # -- referenced issues
    ref = sub[sub["issue"].ne("")]
    for issue, grp in ref.groupby("issue", sort=True):
        comp = grp[grp["kind"].eq("complaint")]
        clos = grp[grp["kind"].eq("issue_closed")]
        if len(comp) == 0:
            for _, c in clos.iterrows():
                items.append(_item(c, "unmatched_closure", None, str(issue)))
            continue
        first = comp.iloc[0]
        people = sorted({p for x in comp["people"] for p in x.split(";") if p})
        after = clos[clos["day"].to_numpy() >= int(comp["day"].max())]
        closed = int(after["day"].iloc[0]) if len(after) else None
        items.append(
            _item(first, "closed" if closed is not None else "open", closed, str(issue), people)
        )
    # -- unreferenced complaints, closed FIFO per shared person
    plain = sub[sub["issue"].eq("")]
    open_items: list[dict[str, Any]] = []
    for _, r in plain.iterrows():
        if r["kind"] == "complaint":
            it = _item(r, "open", None, "")
            items.append(it)
            open_items.append(it)
            continue
        mine = set(r["people"].split(";"))
        match = next(
            (
                it
                for it in open_items
                if it["_day"] <= r["day"] and mine & set(it["people"].split(";"))
            ),
            None,
        )
        if match is None:
            items.append(_item(r, "unmatched_closure", None, ""))
        else:
            match["status"] = "closed"
            match["_closed"] = int(r["day"])
            open_items.remove(match)
    return _issue_frame(net, items, day, s)


def _canonical_people(value: Any) -> str:
    """Return ``'c2;c1;c2'`` as ``'c1;c2'``: sorted, distinct, blanks dropped."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return ";".join(sorted({p.strip() for p in str(value).split(";") if p.strip()}))


def _item(
    r: pd.Series, status: str, closed: int | None, issue: str, people: list[str] | None = None
) -> dict[str, Any]:
    return {
        "issue": issue,
        "status": status,
        "_day": int(r["day"]),
        "_closed": closed if status != "unmatched_closure" else int(r["day"]),
        "owner": str(r["owner"]),
        "people": ";".join(people) if people else str(r["people"]),
        "subject": "" if bool(r["sensitive"]) else str(r["subject"]),
        "row": int(r["row"]),
    }


def _issue_frame(
    net: RelationshipNetwork, items: list[dict[str, Any]], day: int, s: Settings
) -> pd.DataFrame:
    role_holders = set(net.roles["person"].astype(str))
    labels = net.labels
    lang = net.settings.language
    complaint = term("interaction_kind", "complaint", lang=lang)
    rows = []
    for it in items:
        opened = int(it["_day"])
        closed = it["_closed"]
        status = it["status"]
        age = (day - opened) if status == "open" else (int(closed) - opened)
        people = [p for p in it["people"].split(";") if p]
        key = [p for p in people if p in role_holders]
        names = ";".join(str(labels.get(p, p)) for p in people)
        names_text = say("list_sep", lang=lang).join(str(labels.get(p, p)) for p in people)
        owner_name = str(labels.get(it["owner"], it["owner"]))
        overdue = status == "open" and age > s.open_issue_days
        opened_s = str(np.datetime64(opened, "D"))
        closed_s = str(np.datetime64(int(closed), "D")) if closed is not None else ""
        if status == "open":
            why = say(
                "int_issue_open",
                kind=complaint,
                people=names_text,
                opened=opened_s,
                age=age,
                limit=s.open_issue_days,
                owner=owner_name,
                lang=lang,
            )
        elif status == "closed":
            why = say(
                "int_issue_closed",
                kind=complaint,
                people=names_text,
                opened=opened_s,
                closed=closed_s,
                age=age,
                owner=owner_name,
                lang=lang,
            )
        else:
            why = say(
                "int_issue_orphan", closed=closed_s, owner=owner_name, people=names_text, lang=lang
            )
        if key:
            why += say("int_issue_key", holders=", ".join(key), lang=lang)
        rows.append(
            {
                "issue": it["issue"],
                "status": status,
                "opened": pd.Timestamp(opened_s),
                "closed": pd.Timestamp(closed_s) if closed_s else pd.NaT,
                "age_days": int(age),
                "overdue": bool(overdue),
                "owner": it["owner"],
                "owner_name": owner_name,
                "people": ";".join(people),
                "names": names,
                "key_people": ";".join(key),
                "subject": it["subject"],
                "row": it["row"],
                "why": why,
            }
        )
    out = pd.DataFrame(rows, columns=_ISSUE_COLUMNS)
    rank = out["status"].map({"open": 0, "closed": 1, "unmatched_closure": 2})
    out = out.assign(_rank=rank.to_numpy()).sort_values(
        ["_rank", "opened", "issue", "owner", "people", "closed", "subject", "row"], kind="stable"
    )
    return out.drop(columns="_rank").reset_index(drop=True)

"""Customer issues from the interaction log: complaints matched to their closure."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from relgraph.analysis.interactions import DateLike, _as_of
from relgraph.model import Settings
from relgraph.network import RelationshipNetwork
from relgraph.text import say, term

__all__ = ["customer_issues"]

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

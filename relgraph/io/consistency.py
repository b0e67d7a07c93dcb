"""Cross-table rules about who is on which side: buying roles and reporting lines.

* **Role holders are the customer's people.** A buying role (decider, influencer …) in an
  opportunity is held by someone at the customer or at an outside org (a partner, a
  consultant, a tendering agent: kinds ``customer``, ``partner``, ``other``). One of our
  own people or a competitor's staff as a role holder is refused: our involvement is a
  ``covers``/``informs`` tie, a competitor's an ``influences`` tie or ``supports``.
* **Reporting lines stay on one side.** A ``reports_to`` tie between an org of kind ``us``
  or ``competitor`` and an org of another kind (our account manager "reporting to" the
  customer's CEO) is refused: that is influence or a working relationship, not a reporting
  line. Lines between customers, partners and others (a seconded consultant) are allowed,
  and so are lines between two orgs of the same kind.

Both work on integer positions found once by the reference check, never row by row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from relgraph.errors import Reason
from relgraph.io.collect import repeated_text
from relgraph.io.lookalike import ProblemRows
from relgraph.text import message
from relgraph.vocab import TieKind

__all__ = ["check_reporting_lines", "check_role_holders", "check_sides"]

#: Org kinds that are one side of the sale: their people hold no buying role and report
#: only within their own kind.
_SIDES = ("us", "competitor")


#: Org kinds as small integers (index in this tuple; -1 for an unknown org).
_KINDS = ("customer", "us", "competitor", "partner", "other")


#: Per distinct person id (first row wins, the order of the reference check's codes): the
#: org kind code, and the person's row in the people table.
_Kinds = tuple[np.ndarray, np.ndarray]


def _kind_by_person(
    tables: Mapping[str, pd.DataFrame],
    codes: Mapping[tuple[str, str], np.ndarray],
    repeated: np.ndarray | None = None,
) -> _Kinds | None:
    """Org kind code of each distinct person id, and the row holding it (see ``_Kinds``).

    ``repeated``: the people rows repeating an earlier id, when already known.
    """
    if "people" not in tables or "orgs" not in tables:
        return None
    people, orgs = tables["people"], tables["orgs"]
    if repeated is None or len(repeated) != len(people):
        repeated = repeated_text(people["id"].astype(str))
    rows = np.flatnonzero(~repeated)
    org_ids = pd.Index(orgs["id"].astype(str))
    keep = ~org_ids.duplicated()
    pos = codes.get(("people", "org"))  # positions among the distinct org ids, found once
    if pos is None or len(pos) != len(people):
        pos = pd.Index(org_ids[keep]).get_indexer(people["org"].astype(str).to_numpy(dtype=object))
    pos = np.asarray(pos)[rows]
    kinds = pd.Index(_KINDS).get_indexer(orgs["kind"].astype(object).to_numpy()[keep])
    code = np.full(len(rows), -1, dtype=np.int8)
    if len(kinds):
        code[pos >= 0] = kinds[pos[pos >= 0]]
    return code, rows


def check_sides(
    raws: Mapping[str, Any],
    tables: Mapping[str, pd.DataFrame],
    bag: ProblemRows,
    codes: Mapping[tuple[str, str], np.ndarray],
    kinds: _Kinds | None = None,
) -> None:
    """Run :func:`check_role_holders` and :func:`check_reporting_lines` (kinds found once)."""
    if ("roles", "person") not in codes and ("ties", "source") not in codes:
        return
    kinds = kinds if kinds is not None else _kind_by_person(tables, codes)
    if kinds is not None:
        check_role_holders(raws, tables, bag, codes, kinds)
        check_reporting_lines(raws, tables, bag, codes, kinds)


_REPORTS_TO = [str(k) for k in TieKind].index("reports_to")

_SIDE_CODES = np.array([_KINDS.index(k) for k in _SIDES], dtype=np.int8)


def check_role_holders(
    raws: Mapping[str, Any],
    tables: Mapping[str, pd.DataFrame],
    bag: ProblemRows,
    codes: Mapping[tuple[str, str], np.ndarray],
    kinds: _Kinds | None = None,
) -> None:
    """Report role holders who are our people or a competitor's staff."""
    found = codes.get(("roles", "person"))
    if found is None or "roles" not in tables or not len(found):
        return
    info = kinds if kinds is not None else _kind_by_person(tables, codes)
    if info is None:
        return
    kind, person_row = info
    hit = found >= 0
    at = np.maximum(found, 0)
    holder = np.where(hit, kind[at] if len(kind) else -1, -1)
    wrong = hit & np.isin(holder, _SIDE_CODES)
    if not wrong.any():
        return
    people = tables["roles"]["person"].astype(str)
    kind_of = dict(zip(people[wrong], holder[wrong], strict=True))
    orgs = tables["people"]["org"].astype(str).to_numpy()[person_row[at[wrong]]]
    org_of = dict(zip(people[wrong], orgs, strict=True))
    bag.rows(
        raws["roles"],
        wrong,
        "person",
        Reason.WRONG_ORG_KIND,
        lambda v: message(
            "val_role_holder_side",
            person=v,
            side=message(f"val_side_{_KINDS[kind_of.get(v, 1)]}"),
            org=org_of.get(v, ""),
        ),
        values=people,
    )


def check_reporting_lines(
    raws: Mapping[str, Any],
    tables: Mapping[str, pd.DataFrame],
    bag: ProblemRows,
    codes: Mapping[tuple[str, str], np.ndarray],
    kinds: _Kinds | None = None,
) -> None:
    """Report ``reports_to`` ties between our (or a competitor's) people and another side."""
    src, tgt = codes.get(("ties", "source")), codes.get(("ties", "target"))
    if src is None or tgt is None or "ties" not in tables:
        return
    ties = tables["ties"]
    kind_codes = codes.get(("ties", "kind"))
    if kind_codes is not None and len(kind_codes) == len(ties):  # no text compared
        rows = np.flatnonzero(kind_codes == _REPORTS_TO)
    else:
        rows = np.flatnonzero(ties["kind"].to_numpy(dtype=object) == "reports_to")
    rows = rows[(src[rows] >= 0) & (tgt[rows] >= 0)]
    info = kinds if kinds is not None else _kind_by_person(tables, codes)
    if not len(rows) or info is None:
        return
    kind = info[0]
    ks, kt = kind[src[rows]], kind[tgt[rows]]
    sided = np.isin(ks, _SIDE_CODES) | np.isin(kt, _SIDE_CODES)
    bad = sided & (ks != kt) & (ks >= 0) & (kt >= 0)
    if not bad.any():
        return
    wrong = np.zeros(len(ties), dtype=bool)
    wrong[rows[bad]] = True
    kind_at = dict(zip(rows[bad], zip(ks[bad], kt[bad], strict=True), strict=True))
    shown = np.flatnonzero(wrong)[:1000]
    source = ties["source"].astype(str).to_numpy()
    target = ties["target"].astype(str).to_numpy()
    texts = [f"{source[p]} → {target[p]}" for p in shown]
    hints = {
        text: message(
            "val_reports_across",
            source=source[p],
            target=target[p],
            source_kind=_KINDS[kind_at[p][0]],
            target_kind=_KINDS[kind_at[p][1]],
        )
        for text, p in zip(texts, shown, strict=True)
    }
    values = np.full(len(ties), "", dtype=object)
    values[shown] = texts
    bag.rows(
        raws["ties"],
        wrong,
        None,
        Reason.WRONG_ORG_KIND,
        lambda v: hints[v],
        values=pd.Series(values, dtype=object),
    )

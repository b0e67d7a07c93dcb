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
from relgraph.io.lookalike import ProblemRows
from relgraph.text import say

__all__ = ["check_reporting_lines", "check_role_holders"]

#: Org kinds that are one side of the sale: their people hold no buying role and report
#: only within their own kind.
_SIDES = ("us", "competitor")


def _kind_by_person(tables: Mapping[str, pd.DataFrame]) -> tuple[np.ndarray, pd.Series] | None:
    """Org kind of each distinct person id (first row wins), and the org id, as arrays."""
    if "people" not in tables or "orgs" not in tables:
        return None
    people, orgs = tables["people"], tables["orgs"]
    first = ~pd.Index(people["id"].astype(str)).duplicated()
    org = people["org"].astype(str).to_numpy(dtype=object)[first]
    org_ids = pd.Index(orgs["id"].astype(str))
    keep = ~org_ids.duplicated()
    pos = pd.Index(org_ids[keep]).get_indexer(org)
    kinds = orgs["kind"].astype(object).to_numpy()[keep]
    kind = np.full(len(org), None, dtype=object)
    if len(kinds):
        kind[pos >= 0] = kinds[pos[pos >= 0]]
    return kind, pd.Series(org, dtype=object)


def check_role_holders(
    raws: Mapping[str, Any],
    tables: Mapping[str, pd.DataFrame],
    bag: ProblemRows,
    codes: Mapping[tuple[str, str], np.ndarray],
) -> None:
    """Report role holders who are our people or a competitor's staff."""
    found = codes.get(("roles", "person"))
    info = _kind_by_person(tables)
    if found is None or info is None or "roles" not in tables or not len(found):
        return
    kind, org = info
    hit = found >= 0
    at = np.maximum(found, 0)
    holder_kind = np.where(hit, kind[at] if len(kind) else None, None)
    wrong = hit & np.isin(holder_kind, _SIDES)
    if not wrong.any():
        return
    roles = tables["roles"]
    people = roles["person"].astype(str)
    kind_of = dict(zip(people[wrong], holder_kind[wrong], strict=True))
    org_of = dict(zip(people[wrong], org.to_numpy()[at[wrong]], strict=True))
    bag.rows(
        raws["roles"],
        wrong,
        "person",
        Reason.WRONG_ORG_KIND,
        lambda v: say(
            "val_role_holder_side",
            person=v,
            side=say(f"val_side_{kind_of.get(v, 'us')}"),
            org=org_of.get(v, ""),
        ),
        values=people,
    )


def check_reporting_lines(
    raws: Mapping[str, Any],
    tables: Mapping[str, pd.DataFrame],
    bag: ProblemRows,
    codes: Mapping[tuple[str, str], np.ndarray],
) -> None:
    """Report ``reports_to`` ties between our (or a competitor's) people and another side."""
    src, tgt = codes.get(("ties", "source")), codes.get(("ties", "target"))
    info = _kind_by_person(tables)
    if src is None or tgt is None or info is None or "ties" not in tables:
        return
    ties = tables["ties"]
    rep = (
        ties["kind"].astype(object).eq("reports_to").to_numpy(dtype=bool) & (src >= 0) & (tgt >= 0)
    )
    if not rep.any():
        return
    kind = info[0]
    ks = np.full(len(ties), None, dtype=object)
    kt = np.full(len(ties), None, dtype=object)
    ks[rep], kt[rep] = kind[src[rep]], kind[tgt[rep]]
    sided = np.isin(ks, _SIDES) | np.isin(kt, _SIDES)
    wrong = rep & sided & (ks != kt) & pd.notna(ks) & pd.notna(kt)
    if not wrong.any():
        return
    shown = np.flatnonzero(wrong)[:1000]
    source = ties["source"].astype(str).to_numpy()
    target = ties["target"].astype(str).to_numpy()
    texts = [f"{source[p]} → {target[p]}" for p in shown]
    hints = {
        text: say(
            "val_reports_across",
            source=source[p],
            target=target[p],
            source_kind=ks[p],
            target_kind=kt[p],
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

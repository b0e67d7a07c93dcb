"""People changes between snapshots equal a plain per-person reference on random snapshots."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import relgraph as rg
from relgraph.analysis._people_changes import person_changes

ORGS = pd.DataFrame(
    {
        "id": ["A", "U", "R", "S"],
        "name": ["Acme", "Us", "Rival", "Second"],
        "kind": ["customer", "us", "competitor", "competitor"],
    }
)
TITLES = ["CEO", "CTO", "Engineer", None]
ROLES = ["decider", "influencer", "user"]


def _snapshot(rng: np.random.Generator, ids: list[str]) -> rg.RelationshipNetwork:
    n = len(ids)
    level = rng.integers(1, 6, n).astype(float)
    level[rng.random(n) < 0.2] = np.nan
    attitude = rng.integers(-3, 4, n).astype(float)
    attitude[rng.random(n) < 0.3] = np.nan
    supports = rng.choice(np.array(["", "R", "S"], dtype=object), n, p=[0.6, 0.2, 0.2])
    support = np.where(supports != "", rng.integers(1, 4, n), np.nan).astype(float)
    support[rng.random(n) < 0.3] = np.nan
    people = pd.DataFrame(
        {
            "id": ids,
            "name": [f"N{i}" for i in ids],
            "org": "A",
            "title": rng.choice(np.array(TITLES, dtype=object), n),
            "level": pd.array(level, dtype="Float64").astype("Int64"),
            "attitude": pd.array(attitude, dtype="Float64").astype("Int64"),
            "supports": supports,
            "support": pd.array(support, dtype="Float64").astype("Int64"),
            "updated": pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 300, n), "D"),
        }
    )
    holders = rng.choice(n, min(n, 4), replace=False)
    roles = pd.DataFrame(
        {
            "opportunity": "O",
            "person": [ids[i] for i in holders],
            "role": rng.choice(ROLES, 4)[: len(holders)],
        }
    )
    opps = pd.DataFrame({"id": ["O"], "account": ["A"], "competitors": ["R;S"]})
    return rg.RelationshipNetwork.from_frames(ORGS, people, None, opps, roles)


def _position(title: Any, level: Any) -> str:
    t = "" if pd.isna(title) else str(title)
    return (t or "?") if pd.isna(level) else f"{t or '?'} (level {int(level)})"


def _same(a: Any, b: Any) -> bool:
    return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)


def _backing(sup: str, strength: Any) -> str:
    return "" if not sup else sup if pd.isna(strength) else f"{sup} ({int(strength)})"


def reference(old: rg.RelationshipNetwork, new: rg.RelationshipNetwork) -> list[tuple[str, ...]]:
    """One person at a time, in the documented order of kinds."""
    po = {r["id"]: r for r in old.people.to_dict("records")}
    pn = {r["id"]: r for r in new.people.to_dict("records")}
    out: list[tuple[str, ...]] = []
    for pid in pn:
        if pid not in po:
            out.append(("joined", pid, "", _position(pn[pid]["title"], pn[pid]["level"])))
    for pid in po:
        if pid not in pn:
            out.append(("left", pid, _position(po[pid]["title"], po[pid]["level"]), ""))
    both = [pid for pid in pn if pid in po]
    for pid in both:
        a, b = po[pid], pn[pid]
        if not (_same(a["title"], b["title"]) and _same(a["level"], b["level"])):
            out.append(
                (
                    "position",
                    pid,
                    _position(a["title"], a["level"]),
                    _position(b["title"], b["level"]),
                )
            )

    def roles(net: rg.RelationshipNetwork) -> dict[tuple[str, str], str]:
        got: dict[tuple[str, str], set[str]] = {}
        for r in net.roles.to_dict("records"):
            got.setdefault((str(r["opportunity"]), str(r["person"])), set()).add(str(r["role"]))
        return {k: ", ".join(sorted(v)) for k, v in got.items()}

    ro, rn = roles(old), roles(new)
    for opp, pid in sorted(set(ro) | set(rn)):
        before, after = ro.get((opp, pid), ""), rn.get((opp, pid), "")
        if before != after and pid in both:
            out.append(("role", pid, before or "no role", after or "no role"))
    for pid in both:
        a, b = po[pid]["attitude"], pn[pid]["attitude"]
        if not _same(a, b):
            sign = ["" if pd.isna(x) else f"{int(x):+d}" for x in (a, b)]
            out.append(("attitude", pid, sign[0], sign[1]))
    others = sorted(set(pn) ^ set(po))
    for pid in sorted(both) + others:
        a, b = po.get(pid), pn.get(pid)
        sa = (a["supports"] or "") if a else ""
        sb = (b["supports"] or "") if b else ""
        before = _backing(sa, a["support"]) if a else ""
        after = _backing(sb, b["support"]) if b else ""
        if sa and sa != sb:
            out.append(("lost_supporter", pid, before, after))
        if sb and sa != sb:
            out.append(("new_supporter", pid, before, after))
        if sa and sa == sb and a and b and not _same(a["support"], b["support"]):
            out.append(("support_strength", pid, before, after))
    return out


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(1, 12))
def test_person_changes_equal_the_per_person_reference(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    ids = [f"p{i}" for i in range(n)]
    old = _snapshot(rng, ids)
    kept = [i for i in ids if rng.random() < 0.8] or ids[:1]
    later = _snapshot(rng, kept + [f"x{i}" for i in range(int(rng.integers(0, 3)))])
    rows = person_changes(old, later, pd.Timestamp("2026-06-01"))
    got = [(r["kind"], r["person"], r["before"], r["after"]) for r in rows]
    assert got == reference(old, later)
    for r in rows:
        assert r["label"] == f"N{r['person']}"
        assert r["date"] is not None and r["why"]

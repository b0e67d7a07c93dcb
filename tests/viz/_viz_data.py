"""Datasets shared by the map tests: an XSS payload account and a synthetic large account."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

import relgraph as rg

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"></option><script>window.__pwned=1</script>',
)


def xss_network() -> rg.RelationshipNetwork:
    """Every user string carries a script payload; one tie is sensitive."""
    p0, p1, p2 = PAYLOADS
    orgs = pd.DataFrame(
        {
            "id": ["A", "U", "R"],
            "name": [f"Acme {p0}", f"Us {p1}", f"Rival {p2}"],
            "kind": ["customer", "us", "competitor"],
        }
    )
    people = pd.DataFrame(
        {
            "id": ["c1", "c2", "c3", "u1"],
            "name": [f"Ann {p0}", f"Bo {p1}", f"Cy {p2}", f"Eve {p0}"],
            "org": ["A", "A", "A", "U"],
            "title": [f"CEO {p1}", f"CTO {p2}", f"Eng {p0}", "AM"],
            "department": [p2, p0, p1, ""],
            "level": [2, 2, 4, 4],
            "attitude": [-1, 1, 0, None],
            "supports": ["R", "", "", ""],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["c2", "c3", "u1", "u1", "c3"],
            "target": ["c1", "c2", "c2", "c3", "c1"],
            "kind": ["reports_to", "influences", "covers", "friend", "family"],
            "note": [p0, p1, p2, p0, p1],
        }
    )
    opps = pd.DataFrame(
        {"id": ["O1"], "account": ["A"], "name": [f"Deal {p0}{p2}"], "competitors": ["R"]}
    )
    roles = pd.DataFrame(
        {"opportunity": ["O1", "O1"], "person": ["c1", "c2"], "role": ["decider", "influencer"]}
    )
    return rg.RelationshipNetwork.from_frames(orgs, people, ties, opps, roles)


_DEPARTMENTS = (
    "Network",
    "IT",
    "Finance",
    "Procurement",
    "Marketing",
    "Human Resources",
    "Operations",
    "Strategy",
    "Legal",
    "Sales",
    "Research",
    "Customer Service",
)


def synthetic(n: int, *, seed: int = 0) -> rg.RelationshipNetwork:
    """A customer org chart of ``n`` people, 10 of ours, 20 roles, ~3 ties per person.

    Vectorised, so a 100,000-person account is built in seconds (for the benchmarks).
    """
    rng = np.random.default_rng(seed)
    ids = np.array([f"C{i:05d}" for i in range(n)], dtype=object)
    level = np.minimum(1 + np.floor(np.log(np.arange(n) + 1) / np.log(6)), 5).astype(int)
    boss = (rng.random(n) * (np.arange(n) // 5 + 1)).astype(int)
    ours = [f"N{i:02d}" for i in range(10)]
    people = pd.DataFrame(
        {
            "id": [*ids, *ours],
            "name": [f"客户{i} Person {i}" for i in range(n)] + [f"Our {i}" for i in range(10)],
            "org": ["A"] * n + ["U"] * 10,
            "department": [_DEPARTMENTS[i % len(_DEPARTMENTS)] for i in range(n)] + [""] * 10,
            "level": [*level.tolist(), *[4] * 10],
            "attitude": [*rng.integers(-3, 4, n).tolist(), *[None] * 10],
            "supports": np.where(rng.random(n) < 0.05, "R", "").tolist() + [""] * 10,
        }
    )
    src = [ids[1:], ids[rng.integers(0, n, 2 * n)], np.array(ours * (3 * n // 10 // 10 + 1))]
    tgt = [ids[boss[1:]], ids[rng.integers(0, n, 2 * n)], ids[rng.integers(0, n, len(src[2]))]]
    kinds = [
        np.full(n - 1, "reports_to", dtype=object),
        rng.choice(np.array(["friend", "works_with", "influences", "family"], dtype=object), 2 * n),
        np.full(len(src[2]), "covers", dtype=object),
    ]
    ties = pd.DataFrame(
        {
            "source": np.concatenate(src),
            "target": np.concatenate(tgt),
            "kind": np.concatenate(kinds),
        }
    )
    a, b = ties["source"].to_numpy(str), ties["target"].to_numpy(str)
    lo, hi = np.where(a < b, a, b), np.where(a < b, b, a)
    key = pd.DataFrame({"lo": lo, "hi": hi, "kind": ties["kind"]})
    ties = ties[(a != b) & ~key.duplicated().to_numpy()].reset_index(drop=True)
    orgs = pd.DataFrame(
        {
            "id": ["A", "U", "R"],
            "name": ["Acme", "Us", "Rival"],
            "kind": ["customer", "us", "competitor"],
        }
    )
    opps = pd.DataFrame({"id": ["O1"], "account": ["A"], "competitors": ["R"]})
    holders = [ids[i] for i in range(0, min(n, 200), 10)]
    roles = pd.DataFrame(
        {
            "opportunity": "O1",
            "person": holders,
            "role": [
                ["decider", "approver", "influencer", "user"][k % 4] for k in range(len(holders))
            ],
        }
    )
    return rg.RelationshipNetwork.from_frames(orgs, people, ties, opps, roles)


def page_data(html: str) -> dict:
    """The JSON data block embedded in a map page."""
    m = re.search(r'<script type="application/json" id="relgraph-data">(.*?)</script>', html, re.S)
    assert m is not None
    return json.loads(m.group(1))


def xss_big_network(extra: int = 45) -> rg.RelationshipNetwork:
    """The XSS account with ``extra`` more customer people in hostile departments (so the
    default view groups them) and one person whose id carries a payload."""
    f = xss_network().to_frames()
    people = f["people"]
    more = pd.DataFrame(
        {
            "id": [f"x{i}" for i in range(extra - 1)] + [f"id {PAYLOADS[0]}"],
            "name": [f"Extra {i} {PAYLOADS[i % 3]}" for i in range(extra)],
            "org": ["A"] * extra,
            "title": [PAYLOADS[(i + 1) % 3] for i in range(extra)],
            "department": [PAYLOADS[i % 3] for i in range(extra)],
            "level": [3 + i % 3 for i in range(extra)],
            "attitude": [(i % 7) - 3 for i in range(extra)],
        }
    )
    ties = pd.concat(
        [
            f["ties"],
            pd.DataFrame(
                {
                    "source": list(more["id"]),
                    "target": ["c1"] * extra,
                    "kind": ["reports_to"] * extra,
                    "note": [PAYLOADS[2]] * extra,
                }
            ),
        ],
        ignore_index=True,
    )
    frames = f | {"people": pd.concat([people, more], ignore_index=True), "ties": ties}
    return rg.RelationshipNetwork.from_frames(**frames)


def without_levels(net: rg.RelationshipNetwork) -> rg.RelationshipNetwork:
    """The same network with every person's level left blank."""
    f = net.to_frames()
    return rg.RelationshipNetwork.from_frames(**f | {"people": f["people"].assign(level=None)})

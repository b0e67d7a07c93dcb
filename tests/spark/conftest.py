"""One SparkSession for every Spark test (local[2], few shuffle partitions, no UI)."""

from __future__ import annotations

import importlib.util
import shutil
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

HAVE_PYSPARK = importlib.util.find_spec("pyspark") is not None
HAVE_JAVA = shutil.which("java") is not None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = None
    if not HAVE_PYSPARK:
        reason = "pyspark is not installed (pip install 'relgraph[spark]')"
    elif not HAVE_JAVA:
        reason = "no Java runtime (apt-get install openjdk-17-jre-headless)"
    for item in items:
        if "tests/spark/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.spark)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from relgraph.spark import local_session

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        session = local_session("local[2]", shuffle_partitions=2, driver_memory="1g")
    yield session
    session.stop()


def portfolio(
    n_accounts: int = 3, seed: int = 7
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A generated multi-account portfolio: the firm-wide tables and each account's own tables.

    Our people and the competitors are shared; each account has its own people, org chart,
    personal ties (random strengths, so equally strong routes do not occur), an outsider,
    a competitor's salesman, our ``covers`` ties and one or two opportunities. An account's
    own tables are exactly its slice of the firm-wide tables, rows in the same order.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    orgs = [
        ("US", "Us", "us"),
        ("R1", "Rival One", "competitor"),
        ("R2", "Rival Two", "competitor"),
        ("OTH", "Others", "other"),
    ]
    ours = [(f"U{i}", f"Our {i}", "US", str(3 + i % 2), "", "", "") for i in range(6)]
    people: list[tuple[str, ...]] = list(ours)
    ties: list[tuple[str, str, str, str]] = []
    opps: list[tuple[str, str, str]] = []
    roles: list[tuple[str, str, str]] = []
    members: dict[str, list[str]] = {}
    for a in range(n_accounts):
        acc = f"A{a}"
        orgs.append((acc, f"Account {a}", "customer"))
        ids = [f"{acc}p{i}" for i in range(12)]
        for i, pid in enumerate(ids):
            att = str(int(rng.integers(-2, 3))) if rng.random() < 0.8 else ""
            sup = (
                str(rng.choice(["R1", "R2"])) if att in ("-2", "-1") and rng.random() < 0.6 else ""
            )
            people.append(
                (pid, f"Person {pid}", acc, str(min(5, 1 + i // 3)), att, sup, "2" if sup else "")
            )
        out, sales = f"{acc}x", f"{acc}r"
        people += [
            (out, f"Outsider {a}", "OTH", "", "1", "", ""),
            (sales, f"Rep {a}", "R1", "", "", "", ""),
        ]
        for i in range(1, len(ids)):
            ties.append((ids[i], ids[(i - 1) // 3], "reports_to", f"{rng.uniform(0.3, 0.95):.6f}"))
        pairs = {frozenset((ids[i], ids[(i - 1) // 3])) for i in range(1, len(ids))}
        for _ in range(14):
            u, v = rng.choice(len(ids), 2, replace=False)
            if frozenset((ids[u], ids[v])) in pairs:
                continue
            pairs.add(frozenset((ids[u], ids[v])))
            kind = str(rng.choice(["friend", "works_with", "former_colleague", "influences"]))
            ties.append((ids[u], ids[v], kind, f"{rng.uniform(0.2, 0.95):.6f}"))
        ties.append((out, ids[int(rng.integers(0, 12))], "friend", f"{rng.uniform(0.3, 0.9):.6f}"))
        ties.append(
            (sales, ids[int(rng.integers(0, 12))], "works_with", f"{rng.uniform(0.3, 0.9):.6f}")
        )
        for u in rng.choice(6, 3, replace=False):
            for v in rng.choice(12, 2, replace=False):
                ties.append((f"U{u}", ids[int(v)], "covers", f"{rng.uniform(0.3, 0.95):.6f}"))
        for o in range(1 + a % 2):
            oid = f"{acc}-O{o}"
            opps.append((oid, acc, "R1;R2"))
            for pid, role in zip(
                ids[:4], ["decider", "approver", "influencer", "user"], strict=True
            ):
                roles.append((oid, pid, role))
        members[acc] = ids + [out, sales]
    frames = {
        "orgs": pd.DataFrame(orgs, columns=["id", "name", "kind"]),
        "people": pd.DataFrame(
            people, columns=["id", "name", "org", "level", "attitude", "supports", "support"]
        ),
        "ties": pd.DataFrame(ties, columns=["source", "target", "kind", "strength"]),
        "opportunities": pd.DataFrame(opps, columns=["id", "account", "competitors"]),
        "roles": pd.DataFrame(roles, columns=["opportunity", "person", "role"]),
    }
    per: dict[str, dict[str, Any]] = {}
    for acc, ids in members.items():
        keep = {p for p, *_ in ours} | set(ids)
        t = frames["ties"]
        own = frames["opportunities"][frames["opportunities"]["account"] == acc]
        per[acc] = {
            "orgs": frames["orgs"][frames["orgs"]["id"].isin(["US", "R1", "R2", "OTH", acc])],
            "people": frames["people"][frames["people"]["id"].isin(keep)],
            "ties": t[t["source"].isin(keep) & t["target"].isin(keep)],
            "opportunities": own,
            "roles": frames["roles"][frames["roles"]["opportunity"].isin(own["id"])],
        }
    return frames, per

"""Bundled data: the sample account (a fictional mobile operator) and a tiny network."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from relgraph.network import RelationshipNetwork

__all__ = ["SAMPLE_DATE", "sample", "sample_path", "snapshots", "tiny"]

#: The "today" of the sample account's story (the date of the current snapshot).
SAMPLE_DATE = "2026-11-15"


def sample_path() -> Path:
    """Folder of the sample account's CSV files (copy it as a template for your own data).

    Examples
    --------
    >>> sorted(p.name for p in sample_path().glob("*.csv"))[:2]
    ['affiliations.csv', 'interactions.csv']
    """
    return Path(__file__).parent / "sample"


def sample() -> RelationshipNetwork:
    """Load the bundled sample account: Xinghe Mobile's 5G core-network tender.

    The story, and what each analysis should find in it, is in ``docs/sample-account.md``.
    The network's ``settings.as_of`` is the snapshot date (:data:`SAMPLE_DATE`), so ages,
    staleness and interaction decay are measured as of that day, not today.

    Returns
    -------
    RelationshipNetwork

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.sample()
    >>> int((net.party == "customer").sum()) >= 60
    True
    """
    import datetime as dt

    from relgraph.loading import load
    from relgraph.model import Settings

    return load(sample_path(), settings=Settings(as_of=dt.date.fromisoformat(SAMPLE_DATE)))


def snapshots() -> dict[str, Path]:
    """Dated snapshots of the sample account, oldest first: date → folder.

    ``2026-05-31`` is the account as recorded then (in ``datasets/snapshots/``); the
    current one (:data:`SAMPLE_DATE`) is the sample itself (:func:`sample_path`). Between
    them: the CTO was replaced (Ma Guoliang, C062, left; his deputy Li Mingzhe, C006,
    became CTO and the decider), the CFO C007 turned from supporter (+1) to opponent (−1),
    and the wireless manager C019 started backing Borealis. Pass the mapping to
    :func:`relgraph.analysis.monitor.load_history`, or two of its folders to
    :func:`relgraph.analysis.monitor.diff`.

    Returns
    -------
    dict of str to Path

    Examples
    --------
    >>> list(snapshots())
    ['2026-05-31', '2026-11-15']
    """
    folder = Path(__file__).parent / "snapshots"
    found = {p.name: p for p in sorted(folder.iterdir()) if p.is_dir() and p.name[:1].isdigit()}
    return {**found, SAMPLE_DATE: sample_path()}


def tiny() -> RelationshipNetwork:
    """Build the six-person network used in docstring examples.

    Acme (customer): Ann the CEO (decider, backs Rival), Bo the CTO (reports to Ann),
    Cy an engineer (reports to Bo), Di a board member who sways Ann. Us: Eve (account
    manager) and Fay (our VP). One opportunity, ``O1``, contested by Rival.

    Returns
    -------
    RelationshipNetwork

    Examples
    --------
    >>> tiny()
    RelationshipNetwork(6 people, 3 orgs, 7 ties, 1 opportunities)
    """
    orgs = pd.DataFrame(
        {
            "id": ["A", "U", "R"],
            "name": ["Acme", "Us", "Rival"],
            "kind": ["customer", "us", "competitor"],
        }
    )
    people = pd.DataFrame(
        {
            "id": ["p1", "p2", "p3", "p4", "u1", "u2"],
            "name": ["Ann", "Bo", "Cy", "Di", "Eve", "Fay"],
            "org": ["A", "A", "A", "A", "U", "U"],
            "title": ["CEO", "CTO", "Engineer", "Board member", "Account manager", "VP Sales"],
            "level": [2, 2, 4, 1, 4, 3],
            "attitude": [-1, 1, 2, 0, None, None],
            "supports": ["R", "", "", "", "", ""],
            "support": [2, None, None, None, None, None],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["p2", "p3", "p4", "u1", "u1", "u2", "u1"],
            "target": ["p1", "p2", "p1", "p2", "p3", "p1", "p4"],
            "kind": [
                "reports_to",
                "reports_to",
                "influences",
                "covers",
                "covers",
                "covers",
                "friend",
            ],
            "strength": [None, None, 0.8, None, None, None, 0.5],
        }
    )
    opportunities = pd.DataFrame({"id": ["O1"], "account": ["A"], "competitors": ["R"]})
    roles = pd.DataFrame(
        {
            "opportunity": ["O1", "O1", "O1"],
            "person": ["p1", "p2", "p3"],
            "role": ["decider", "influencer", "user"],
        }
    )
    return RelationshipNetwork.from_frames(orgs, people, ties, opportunities, roles)

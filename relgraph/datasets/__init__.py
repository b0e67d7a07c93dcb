"""Bundled data: the sample account (a fictional mobile operator) and a tiny network."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from relgraph.network import RelationshipNetwork

__all__ = ["sample", "sample_path", "tiny"]


def sample_path() -> Path:
    """Folder of the sample account's CSV files (copy it as a template for your own data).

    Examples
    --------
    >>> sorted(p.name for p in sample_path().glob("*.csv"))[:2]
    ['affiliations.csv', 'opportunities.csv']
    """
    return Path(__file__).parent / "sample"


def sample() -> RelationshipNetwork:
    """Load the bundled sample account: Xinghe Mobile's 5G core-network tender.

    The story, and what each analysis should find in it, is in ``docs/sample-account.md``.

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
    from relgraph.io import load

    return load(sample_path())


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

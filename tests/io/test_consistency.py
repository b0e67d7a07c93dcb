"""Buying roles are held by the customer's people; reporting lines stay on one side."""

from __future__ import annotations

import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import Problem, Reason, ValidationError


def frames(roles: list[tuple[str, str]], reports: list[tuple[str, str]]) -> dict[str, pd.DataFrame]:
    return {
        "orgs": pd.DataFrame(
            {
                "id": ["A", "U", "R", "P"],
                "name": ["Acme", "Us", "Rival", "Agency"],
                "kind": ["customer", "us", "competitor", "partner"],
            }
        ),
        "people": pd.DataFrame(
            {
                "id": ["p1", "p2", "u1", "u2", "r1", "r2", "a1"],
                "name": ["Ann", "Bo", "Eve", "Fay", "Rex", "Roy", "Al"],
                "org": ["A", "A", "U", "U", "R", "R", "P"],
            }
        ),
        "ties": pd.DataFrame(reports, columns=["source", "target"]).assign(kind="reports_to"),
        "opportunities": pd.DataFrame({"id": ["O1"], "account": ["A"], "competitors": ["R"]}),
        "roles": pd.DataFrame(roles, columns=["person", "role"]).assign(opportunity="O1"),
    }


def problems(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        rg.RelationshipNetwork.from_frames(**tables)
    return info.value.problems


def test_customer_and_partner_people_hold_roles_and_lines_within_a_side_are_fine() -> None:
    net = rg.RelationshipNetwork.from_frames(
        **frames(
            [("p1", "decider"), ("a1", "gatekeeper")],
            [("p2", "p1"), ("u2", "u1"), ("r2", "r1"), ("a1", "p1")],
        )
    )
    assert len(net.roles) == 2 and len(net.ties) == 4


@pytest.mark.parametrize(("who", "side"), [("u1", "one of our own people"), ("r1", "competitor")])
def test_our_or_a_competitors_people_hold_no_buying_role(who: str, side: str) -> None:
    (p,) = problems(frames([("p1", "decider"), (who, "decider")], []))
    assert (p.table, p.row, p.column, p.value, p.reason) == (
        "roles",
        1,
        "person",
        who,
        Reason.WRONG_ORG_KIND,
    )
    assert side in p.hint and "covers" in p.hint


@pytest.mark.parametrize(("source", "target"), [("u1", "p1"), ("p1", "u1"), ("r1", "p2")])
def test_a_reporting_line_does_not_cross_from_a_side(source: str, target: str) -> None:
    (p,) = problems(frames([("p1", "decider")], [("p2", "p1"), (source, target)]))
    assert (p.table, p.row, p.reason) == ("ties", 1, Reason.WRONG_ORG_KIND)
    assert p.value == f"{source} → {target}"
    assert "cannot report to" in p.hint and "influences or works_with" in p.hint

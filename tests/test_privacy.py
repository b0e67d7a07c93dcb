import pandas as pd

import relgraph as rg
from relgraph.privacy import share_policy


def _net(sensitive_flag: object = "") -> rg.RelationshipNetwork:
    orgs = pd.DataFrame(
        {"id": ["A", "U", "H"], "name": ["Acme", "Us", "Home"], "kind": ["customer", "us", "other"]}
    )
    people = pd.DataFrame(
        {
            "id": ["cfo", "eng", "spouse", "me"],
            "name": ["CFO", "Engineer", "Spouse", "Me"],
            "org": ["A", "A", "H", "U"],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["spouse", "spouse", "me", "me", "eng"],
            "target": ["cfo", "cfo", "cfo", "eng", "cfo"],
            "kind": ["family", "influences", "covers", "neighbour", "works_with"],
            "sensitive": ["", "true", "", "", sensitive_flag],
        }
    )
    affiliations = pd.DataFrame(
        {
            "person": ["cfo", "me", "eng"],
            "affiliation": ["St Mary", "Tsinghua", "Tsinghua"],
            "kind": ["faith", "school", "school"],
        }
    )
    return rg.RelationshipNetwork.from_frames(orgs, people, ties, affiliations=affiliations)


def test_sensitive_ties_and_outsiders_known_only_through_them_are_hidden() -> None:
    net = _net()
    p = share_policy(net)
    # family (default-sensitive), influences marked sensitive, neighbour (default-sensitive)
    assert p.ties.tolist() == [False, False, True, False, True]
    assert p.hidden_ties == 3
    # the spouse is an outsider whose every tie is sensitive; the engineer is customer staff
    assert net.person_ids[~p.people].tolist() == ["spouse"]
    assert p.hidden_people == 1
    assert p.affiliations.tolist() == [False, True, True]  # faith is sensitive
    assert "3 sensitive ties" in p.note and "1 person" in p.note and "1 sensitive affil" in p.note


def test_opting_in_keeps_everything_and_says_so() -> None:
    p = share_policy(_net(), include_sensitive=True)
    assert p.ties.all() and p.people.all() and p.affiliations.all()
    assert p.hidden_ties == p.hidden_people == p.hidden_affiliations == 0
    assert "INCLUDED" in p.note


def test_explicit_flag_marks_an_ordinary_tie_sensitive() -> None:
    p = share_policy(_net(sensitive_flag="true"))
    assert p.ties.tolist()[4] is False
    assert p.hidden_ties == 4


def test_sample_account_hides_the_cfo_spouse() -> None:
    net = rg.datasets.sample()
    p = share_policy(net)
    hidden = set(net.person_ids[~p.people])
    assert hidden == {"E03"}  # the CFO's husband: family + sensitive influence only
    kept = net.ties[p.ties]
    assert not kept["kind"].isin(["family", "neighbour", "faith"]).any()

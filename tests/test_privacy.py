from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.errors import InvalidParameterError
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


# -- people known only through sensitive ties, in every default per-person table ----------
def _spouse_account() -> rg.RelationshipNetwork:
    """A decider swayed by his spouse (family + a sensitive influence tie, nothing else).

    By hand: the spouse is an outsider (org kind other), holds no role and has only
    sensitive ties, so the share policy withholds her; the friend is an outsider with a plain
    friend tie, so he stays. The spouse sways the decider, so her leverage is positive.
    """
    orgs = pd.DataFrame(
        {
            "id": ["A", "U", "H"],
            "name": ["Acme", "Us", "Home"],
            "kind": ["customer", "us", "other"],
        }
    )
    people = pd.DataFrame(
        {
            "id": ["dec", "eng", "spouse", "pal", "me"],
            "name": ["Decider", "Engineer", "Spouse", "Pal", "Me"],
            "org": ["A", "A", "H", "H", "U"],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["spouse", "spouse", "me", "eng", "pal"],
            "target": ["dec", "dec", "eng", "dec", "dec"],
            "kind": ["family", "influences", "covers", "works_with", "friend"],
            "sensitive": ["", "true", "", "", ""],
        }
    )
    opps = pd.DataFrame({"id": ["O1"], "name": ["Deal"], "account": ["A"]})
    roles = pd.DataFrame({"opportunity": ["O1"], "person": ["dec"], "role": ["decider"]})
    return rg.RelationshipNetwork.from_frames(orgs, people, ties, opps, roles)


def test_leverage_withholds_the_spouse_and_keeps_everyone_elses_numbers() -> None:
    net = _spouse_account()
    full = rg.leverage(net, include_sensitive=True)
    shown = rg.leverage(net)
    assert set(full["person"]) == {"dec", "eng", "spouse", "pal", "me"}
    assert "spouse" not in set(shown["person"])
    assert shown.attrs["withheld_people"] == 1
    assert shown.attrs["withheld_note"].startswith("1 person(s) known only through sensitive")
    spouse = float(full.loc[full["person"].eq("spouse"), "leverage"].iloc[0])
    assert spouse > 0  # she sways the decider
    rest = full[full["person"].ne("spouse")].reset_index(drop=True)
    pd.testing.assert_frame_equal(shown, rest, check_flags=False)
    # leverage sums to 1 over everyone: what is shown is 1 minus what was withheld
    assert abs(shown["leverage"].sum() - (1.0 - spouse)) < 1e-9


def test_leverage_checks_its_opt_in() -> None:
    with pytest.raises(InvalidParameterError, match="include_sensitive"):
        rg.leverage(_spouse_account(), include_sensitive="yes")  # type: ignore[arg-type]


def test_target_candidates_withhold_the_spouse() -> None:
    from relgraph.analysis.targets import target_candidates

    net = _spouse_account()
    full = target_candidates(net, include_sensitive=True)
    shown = target_candidates(net)
    assert "spouse" in set(full["person"])  # a feasible move with positive leverage
    assert "spouse" not in set(shown["person"])
    assert shown.attrs["withheld_people"] == 1 and shown.attrs["withheld_note"]
    # nobody else's leverage changes (reach may: the sensitive tie is a route rule)
    lev = full.set_index("person")["leverage"]
    for pid, value in shown.set_index("person")["leverage"].items():
        assert value == lev[pid]


def test_bulk_routes_default_targets_withhold_the_spouse_named_targets_stay() -> None:
    net = _spouse_account()
    default = rg.routes_to_many(net, progress=False)
    assert set(default["target"]) == {"dec", "eng", "pal"}  # everyone but us and her
    assert default.attrs["withheld_people"] == 1 and default.attrs["withheld_note"]
    assert set(rg.routes_to_many(net, include_sensitive=True, progress=False)["target"]) == {
        "dec",
        "eng",
        "pal",
        "spouse",
    }
    named = rg.routes_to_many(net, ["spouse"], progress=False)
    assert named["target"].tolist() == ["spouse"] and named.attrs["withheld_people"] == 0


def test_simulate_withholds_the_spouse_and_her_name_in_other_rows() -> None:
    net = _spouse_account()
    res = rg.simulate(net, new_ties=[("eng", "spouse", "friend")])
    assert "spouse" not in set(res.people["person"])
    assert res.people.attrs["withheld_people"] == 1
    change = res.people.set_index("person").at["eng", "change"]
    assert "Spouse" not in change and "withheld" in change
    full = rg.simulate(net, new_ties=[("eng", "spouse", "friend")], include_sensitive=True)
    assert "Spouse" in full.people.set_index("person").at["eng", "change"]
    # the same model either way: the rows shown are equal
    rest = full.people[full.people["person"].ne("spouse")].reset_index(drop=True)
    cols = ["person", "before", "after", "delta"]
    pd.testing.assert_frame_equal(res.people[cols], rest[cols])


def test_shared_tables_leave_out_what_the_policy_hides_and_say_so(tmp_path: Path) -> None:
    from relgraph.io.write import write_excel
    from relgraph.privacy import shared_tables

    net = _spouse_account()
    t = shared_tables(net)
    assert "spouse" not in set(t["people"]["id"])
    assert t["ties"]["kind"].tolist() == ["covers", "works_with", "friend"]
    assert t["notes"]["note"].tolist() == [share_policy(net).note]
    back = rg.load(write_excel(t, tmp_path / "share.xlsx"))  # the notes sheet is ignored
    assert len(back.people) == 4 and len(back.ties) == 3
    assert len(shared_tables(net, include_sensitive=True)["people"]) == 5

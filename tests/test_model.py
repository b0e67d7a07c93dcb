"""Vocabularies (English, Chinese, Salesforce), did-you-mean, and the Settings object."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import Enum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.model import Settings
from relgraph.vocab import (
    AFFILIATION_KIND_SYNONYMS,
    GOAL_SYNONYMS,
    ORG_KIND_SYNONYMS,
    ROLE_SYNONYMS,
    STAGE_SYNONYMS,
    TIE_KIND_SYNONYMS,
    AffiliationKind,
    Goal,
    OrgKind,
    Role,
    Stage,
    TieKind,
    normalize_term,
    parse_term,
    suggest,
)

VOCABS: list[tuple[type[Enum], Mapping[str, str]]] = [
    (Role, ROLE_SYNONYMS),
    (TieKind, TIE_KIND_SYNONYMS),
    (OrgKind, ORG_KIND_SYNONYMS),
    (AffiliationKind, AFFILIATION_KIND_SYNONYMS),
    (Goal, GOAL_SYNONYMS),
    (Stage, STAGE_SYNONYMS),
]


@pytest.mark.parametrize(("enum", "synonyms"), VOCABS)
def test_every_member_is_its_own_synonym(enum: type[Enum], synonyms: Mapping[str, str]) -> None:
    for member in enum:
        assert parse_term(enum, synonyms, member.value) is member
        assert parse_term(enum, synonyms, member.value.upper().replace("_", " ")) is member
        assert parse_term(enum, synonyms, member) is member
        assert member == member.value and str(member) == member.value


@pytest.mark.parametrize(("enum", "synonyms"), VOCABS)
def test_every_synonym_names_a_member(enum: type[Enum], synonyms: Mapping[str, str]) -> None:
    values = {m.value for m in enum}
    assert set(synonyms.values()) <= values
    assert all(key == normalize_term(key) for key in synonyms)


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("决定者", Role.DECIDER),
        ("决策者", Role.DECIDER),
        ("影响者", Role.INFLUENCER),
        ("批准者", Role.APPROVER),
        ("购买者", Role.BUYER),
        ("采购", Role.BUYER),
        ("使用者", Role.USER),
        ("发起者", Role.INITIATOR),
        ("控制者", Role.GATEKEEPER),
        ("把关者", Role.GATEKEEPER),
    ],
)
def test_chinese_roles(word: str, role: Role) -> None:
    assert parse_term(Role, ROLE_SYNONYMS, word) is role


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("Business User", Role.USER),
        ("Decision Maker", Role.DECIDER),
        ("Economic Buyer", Role.APPROVER),
        ("Economic Decision Maker", Role.DECIDER),
        ("Evaluator", Role.INFLUENCER),
        ("Executive Sponsor", Role.APPROVER),
        ("Influencer", Role.INFLUENCER),
        ("Technical Buyer", Role.INFLUENCER),
        ("Other", Role.OTHER),
        ("  economic-decision_maker ", Role.DECIDER),
    ],
)
def test_salesforce_contact_roles(word: str, role: Role) -> None:
    assert parse_term(Role, ROLE_SYNONYMS, word) is role


@pytest.mark.parametrize(
    ("enum", "synonyms", "word", "member"),
    [
        (TieKind, TIE_KIND_SYNONYMS, "汇报", TieKind.REPORTS_TO),
        (TieKind, TIE_KIND_SYNONYMS, "配偶", TieKind.FAMILY),
        (TieKind, TIE_KIND_SYNONYMS, "老领导", TieKind.FORMER_COLLEAGUE),
        (TieKind, TIE_KIND_SYNONYMS, "校友", TieKind.ALUMNI),
        (TieKind, TIE_KIND_SYNONYMS, "Former-Colleague", TieKind.FORMER_COLLEAGUE),
        (TieKind, TIE_KIND_SYNONYMS, "neighbor", TieKind.NEIGHBOUR),
        (OrgKind, ORG_KIND_SYNONYMS, "友商", OrgKind.COMPETITOR),
        (OrgKind, ORG_KIND_SYNONYMS, "我方", OrgKind.US),
        (OrgKind, ORG_KIND_SYNONYMS, "客户", OrgKind.CUSTOMER),
        (AffiliationKind, AFFILIATION_KIND_SYNONYMS, "大学", AffiliationKind.SCHOOL),
        (AffiliationKind, AFFILIATION_KIND_SYNONYMS, "neighborhood", AffiliationKind.NEIGHBOURHOOD),
        (Goal, GOAL_SYNONYMS, "突破", Goal.BREAKTHROUGH),
        (Stage, STAGE_SYNONYMS, "评标", Stage.EVALUATION),
    ],
)
def test_other_vocabularies(
    enum: type[Enum], synonyms: Mapping[str, str], word: str, member: Enum
) -> None:
    assert parse_term(enum, synonyms, word) is member


def test_unknown_word_says_did_you_mean_and_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown tiekind 'freind'; did you mean 'friend'\?"):
        parse_term(TieKind, TIE_KIND_SYNONYMS, "freind")
    with pytest.raises(ValueError) as info:
        parse_term(Role, ROLE_SYNONYMS, "qqqqqq")
    msg = str(info.value)
    assert "did you mean" not in msg
    assert "valid: initiator, user, influencer, decider, approver, buyer, gatekeeper" in msg


def test_suggest() -> None:
    assert suggest("decidr", ROLE_SYNONYMS) == "decider"
    assert suggest("Reports-To", TIE_KIND_SYNONYMS) == "reports to"
    assert suggest("c01", ["C001", "U1"]) == "C001"  # ids keep their case
    assert suggest("zzzz", ["friend"]) is None


@pytest.mark.parametrize(
    ("word", "synonyms", "near"),
    [
        ("朋有", TIE_KIND_SYNONYMS, "朋友"),  # one character of two off
        ("决定人", ROLE_SYNONYMS, "决定者"),
        ("影响", ROLE_SYNONYMS, "影响者"),
        ("竞争对象", ORG_KIND_SYNONYMS, "竞争对手"),
    ],
)
def test_chinese_did_you_mean(word: str, synonyms: Mapping[str, str], near: str) -> None:
    assert suggest(word, synonyms) == near
    assert suggest("天气", synonyms) is None  # unrelated words get no suggestion


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=20))
def test_parse_term_either_returns_a_member_or_raises_value_error(word: str) -> None:
    try:
        member = parse_term(TieKind, TIE_KIND_SYNONYMS, word)
    except ValueError as err:
        assert "valid:" in str(err)
    else:
        assert isinstance(member, TieKind)


def test_tie_direction() -> None:
    directed = {k for k in TieKind if k.directed}
    assert directed == {TieKind.REPORTS_TO, TieKind.INFLUENCES, TieKind.COVERS, TieKind.INFORMS}
    assert all(k.personal != k.directed for k in TieKind)


# -- Settings ---------------------------------------------------------------------------


def test_defaults_match_the_design() -> None:
    s = Settings()
    assert s.tie_strength[TieKind.FAMILY] == 0.9
    assert s.tie_strength[TieKind.FRIEND] == 0.7
    assert s.tie_strength[TieKind.OTHER] == 0.3
    assert s.affiliation_strength[AffiliationKind.EMPLOYER] == 0.3
    assert s.influence_weight[TieKind.REPORTS_TO] == (0.2, 0.6)
    assert s.influence_weight[TieKind.COVERS] == (0.0, 0.0)
    assert [s.role_power[r] for r in ("decider", "approver", "buyer", "influencer")] == [
        1.0,
        0.8,
        0.5,
        0.4,
    ]
    assert (s.susceptibility, s.stale_days, s.max_hops) == (0.5, 180, 4)
    assert TieKind.FAMILY in s.sensitive_tie_kinds
    assert set(s.tie_strength) == set(TieKind)  # every kind has a default
    assert set(s.role_power) == set(Role)
    assert set(s.affiliation_strength) == set(AffiliationKind)


def test_replace_merges_mappings_and_accepts_words() -> None:
    s = Settings()
    t = s.replace(tie_strength={"朋友": 0.8}, role_power={"Economic Buyer": 0.9}, max_hops=3)
    assert t.tie_strength[TieKind.FRIEND] == 0.8
    assert t.tie_strength[TieKind.FAMILY] == 0.9  # untouched
    assert t.role_power[Role.APPROVER] == 0.9
    assert t.max_hops == 3
    assert s.tie_strength[TieKind.FRIEND] == 0.7 and s.max_hops == 4  # original unchanged
    u = s.replace(sensitive_tie_kinds=["family", "宗教"])
    assert u.sensitive_tie_kinds == frozenset({TieKind.FAMILY, TieKind.FAITH})


def test_settings_are_frozen_and_immutable() -> None:
    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.max_hops = 9  # type: ignore[misc]
    with pytest.raises(TypeError):
        s.tie_strength[TieKind.FRIEND] = 0.1  # type: ignore[index]


@pytest.mark.parametrize(
    "change",
    [
        {"tie_strength": {"friend": 1.5}},
        {"role_power": {"decider": -0.1}},
        {"affiliation_strength": {"school": 2}},
        {"influence_weight": {"friend": (0.5,)}},
        {"influence_weight": {"friend": (0.5, 1.2)}},
        {"susceptibility": 1.1},
        {"stale_days": -1},
        {"max_hops": 0},
    ],
)
def test_invalid_settings_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="expected"):
        Settings().replace(**change)


def test_unknown_setting_or_word() -> None:
    with pytest.raises(TypeError, match="unknown setting"):
        Settings().replace(max_hop=3)
    with pytest.raises(ValueError, match="did you mean 'friend'"):
        Settings().replace(tie_strength={"freind": 0.5})

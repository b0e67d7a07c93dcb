import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.analysis.tiering import TIER_COLUMNS, tier_customers
from relgraph.errors import RelgraphError


def _accounts():
    return pd.DataFrame(
        {
            "account": ["XM", "YT", "ZB", "QQ"],
            "name": ["星河移动", "Yuntai", "Zhibo", "Quiet"],
            "current_value": [400, 100, 0, 200],
            "future_potential": [100, 200, 50, 0],
            "strategic_fit": [5, 2.5, 0, 1],
        }
    )


def test_hand_computed():
    t = tier_customers(_accounts())
    assert list(t.columns) == TIER_COLUMNS
    # XM: 100*(0.4*1 + 0.35*0.5 + 0.25*1) = 82.5 -> S
    # YT: 100*(0.4*0.25 + 0.35*1 + 0.25*0.5) = 57.5 -> A
    # QQ: 100*(0.4*0.5 + 0 + 0.25*0.2) = 25.0 -> B (threshold inclusive)
    # ZB: 100*(0 + 0.35*0.25 + 0) = 8.75 -> C
    assert t["account"].tolist() == ["XM", "YT", "QQ", "ZB"]
    assert t["score"].tolist() == [82.5, 57.5, 25.0, 8.8]
    assert t["tier"].tolist() == ["S", "A", "B", "C"]
    assert t["rank"].tolist() == [1, 2, 3, 4]
    xm = t.iloc[0]
    assert (xm["value_term"], xm["potential_term"], xm["fit_term"]) == (1.0, 0.5, 1.0)
    assert "82.5" in xm["why"] and "S (strategic" in xm["why"]


def test_weights_and_thresholds():
    t = tier_customers(
        _accounts(),
        weights={"value": 1, "potential": 1, "fit": 2},
        thresholds={"S": 90, "A": 60, "B": 30},
    )
    # weights normalise to 0.25, 0.25, 0.5; XM: 25 + 12.5 + 50 = 87.5 -> A
    xm = t.set_index("account").loc["XM"]
    assert xm["score"] == 87.5 and xm["tier"] == "A"
    with pytest.raises(RelgraphError, match="value, potential, fit"):
        tier_customers(_accounts(), weights={"value": 1})
    with pytest.raises(RelgraphError, match="S ≥ A ≥ B"):
        tier_customers(_accounts(), thresholds={"S": 10, "A": 50, "B": 25})


def test_bad_input():
    with pytest.raises(RelgraphError, match="missing column"):
        tier_customers(_accounts().drop(columns="strategic_fit"))
    bad = _accounts().assign(current_value=[1, -1, 2, 3])
    with pytest.raises(RelgraphError, match="numbers ≥ 0"):
        tier_customers(bad)
    with pytest.raises(RelgraphError, match="0..5"):
        tier_customers(_accounts().assign(strategic_fit=[6, 1, 1, 1]))
    with pytest.raises(RelgraphError, match="repeat"):
        tier_customers(_accounts().assign(account=["A", "A", "B", "C"]))


def test_input_not_mutated():
    a = _accounts()
    before = a.copy()
    tier_customers(a)
    pd.testing.assert_frame_equal(a, before)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 1e9), st.floats(0, 1e9), st.floats(0, 5)), min_size=1, max_size=12
    )
)
def test_scores_bounded_and_monotone(rows):
    df = pd.DataFrame(rows, columns=["current_value", "future_potential", "strategic_fit"])
    df.insert(0, "account", [f"a{i}" for i in range(len(df))])
    t = tier_customers(df)
    assert t["score"].between(0, 100).all()
    assert t["score"].is_monotonic_decreasing
    order = {"S": 0, "A": 1, "B": 2, "C": 3}
    assert t["tier"].map(order).is_monotonic_increasing


def test_why_in_chinese():
    accounts = pd.DataFrame(
        {"account": ["XM", "YT"], "current_value": [5, 1], "future_potential": [2, 9]}
    ).assign(strategic_fit=[5, 2])
    en, zh = tier_customers(accounts), tier_customers(accounts, lang="zh")
    assert en["tier"].tolist() == zh["tier"].tolist()
    assert "(partner, " in en["why"].iloc[0] and "伙伴客户" in zh["why"].iloc[0]
    with pytest.raises(RelgraphError, match="expected one of: en, zh"):
        tier_customers(accounts, lang="cn")

"""The contract every public analysis, plan and drawing function keeps (issue 12).

Every function of ``relgraph.__all__`` that takes a network first is found by
introspection and run through the same checks: an unknown opportunity or person, a network
without people, without ties, an opportunity without roles, ties of strength 0, roles of
power 0, ``k`` of 0 or below, a bad ``as_of`` and an option of the wrong type. Each must end
in a clear :class:`relgraph.RelgraphError` (``InvalidParameterError``, a ``NotFoundError``
with a did-you-mean, a ``ValidationError``) or in a well-formed result — the same columns
as on a normal network, no ``nan`` in the sentences people read — never in a ``KeyError``,
``IndexError`` or ``ZeroDivisionError`` from inside. A new public function fails the first
test until it is added here.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from collections.abc import Iterator
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import relgraph as rg  # noqa: E402

# How to call each function on the tiny network (O1 at Acme; p1 Ann the CEO … u1, u2 ours).
CALLS: dict[str, dict[str, Any]] = {
    "connection_routes": {"target": "p1"},
    "coverage": {"as_of": "2026-01-05"},
    "customer_issues": {"as_of": "2026-01-05"},
    "decision_chain": {},
    "factions": {"account": "A"},
    "hidden_influencers": {},
    "influence_matrix": {},
    "influence_paths": {"source": "p3", "target": "p1"},
    "last_contact": {"as_of": "2026-01-05"},
    "leverage": {},
    "match_sponsor": {"person": "p1"},
    "plan": {"as_of": "2026-01-05"},
    "plot_coverage": {},
    "plot_decision_chain": {},
    "plot_power_map": {},
    "plot_route": {"route": ["u1", "p2", "p1"]},
    "plot_touchpoints": {},
    "predicted_attitudes": {},
    "recommend_targets": {"as_of": "2026-01-05"},
    "relationship_strength": {"as_of": "2026-01-05"},
    "routes_to_many": {"progress": False},
    "simulate": {"changes": {"p4": 2}},
    "support_index": {},
    "target_candidates": {},
    "tie_strengths": {"as_of": "2026-01-05"},
    "to_html": {},
}
#: Network-first functions this contract leaves to their own tests, and why.
ELSEWHERE = {"add_linkedin_connections": "an importer of a file (tests/importers)"}

#: Options naming people (or an account), with a near miss of a real one.
NEAR_MISSES: dict[str, dict[str, Any]] = {
    "connection_routes": {"target": "p11", "source": "u11"},
    "factions": {"account": "A1"},
    "influence_paths": {"source": "p33", "target": "p11"},
    "match_sponsor": {"person": "p11", "candidates": ["u11"]},
    "plot_route": {"route": ["u1", "p22", "p1"]},
    "routes_to_many": {"targets": ["p11"]},
    "simulate": {"changes": {"p44": 2}, "leaves": ["p33"]},
    "to_html": {"focus": "p11"},
}
_PEOPLE_OPTIONS = {"target", "source", "person", "candidates", "route", "targets", "focus"} | {
    "changes",
    "leaves",
    "account",
}
_NAN_WORD = re.compile(r"\bnan\b|\bNaN\b|nan%|\binf\b")


def _public_network_first() -> list[str]:
    names = []
    for name in rg.__all__:
        obj = getattr(rg, name)
        if inspect.isfunction(obj):
            first = next(iter(inspect.signature(obj).parameters.values()), None)
            if first is not None and first.name == "net":
                names.append(name)
    return sorted(names)


FUNCTIONS = _public_network_first()


def _params(name: str) -> dict[str, inspect.Parameter]:
    return dict(inspect.signature(getattr(rg, name)).parameters)


def _with(param: str) -> list[str]:
    return [name for name in sorted(CALLS) if param in _params(name)]


def call(name: str, net: rg.RelationshipNetwork, **options: Any) -> Any:
    """Run one function with its usual arguments and ``options``, closing any figure."""
    try:
        return getattr(rg, name)(net, **CALLS[name] | options)
    finally:
        plt.close("all")


def outcome(name: str, net: rg.RelationshipNetwork, **options: Any) -> Any:
    """The result, or the RelgraphError raised; any other exception fails the test."""
    try:
        return call(name, net, **options)
    except rg.RelgraphError as err:
        return err


def frames(result: Any) -> Iterator[tuple[str, pd.DataFrame]]:
    """Every table a result carries (a DataFrame, or the DataFrame fields of a result)."""
    if isinstance(result, pd.DataFrame):
        yield "", result
    elif dataclasses.is_dataclass(result):
        for f in dataclasses.fields(result):
            value = getattr(result, f.name)
            if isinstance(value, pd.DataFrame):
                yield f.name, value


def assert_well_formed(result: Any, baseline: Any, what: str) -> None:
    """Same type and columns as on the normal network; no 'nan' in a sentence."""
    assert type(result) is type(baseline), what
    base = dict(frames(baseline))
    for field, frame in frames(result):
        assert list(frame.columns) == list(base[field].columns), f"{what}: {field} columns"
        for col in frame.columns:
            if pd.api.types.is_string_dtype(frame[col]) or frame[col].dtype == object:
                text = frame[col].map(lambda v: v if isinstance(v, str) else "")
                bad = text[text.str.contains(_NAN_WORD)]
                assert bad.empty, f"{what}: {field}.{col}: {bad.iloc[0] if len(bad) else ''}"


# ------------------------------------------------------------------ networks
@pytest.fixture(scope="module")
def tiny() -> rg.RelationshipNetwork:
    return rg.datasets.tiny()


def _variant(**changes: pd.DataFrame) -> rg.RelationshipNetwork:
    f = rg.datasets.tiny().to_frames()
    return rg.RelationshipNetwork.from_frames(**f | changes)


def _frames() -> dict[str, pd.DataFrame]:
    return rg.datasets.tiny().to_frames()


VARIANTS = {
    "no ties": lambda: _variant(ties=_frames()["ties"].iloc[0:0]),
    "no roles": lambda: _variant(roles=_frames()["roles"].iloc[0:0]),
    "ties of strength 0": lambda: _variant(ties=_frames()["ties"].assign(strength=0.0)),
    "roles of power 0": lambda: _variant(roles=_frames()["roles"].assign(power=0.0)),
}


@functools.cache
def variant(name: str) -> rg.RelationshipNetwork:
    """One degenerate network, built once (networks are immutable, analyses share it)."""
    return VARIANTS[name]()


@pytest.fixture(scope="module")
def baselines(tiny: rg.RelationshipNetwork) -> dict[str, Any]:
    return {name: call(name, tiny) for name in CALLS}


# ------------------------------------------------------------------ the contract
def test_every_network_first_function_is_in_the_contract() -> None:
    assert set(FUNCTIONS) == set(CALLS) | set(ELSEWHERE)
    named = {p for name in CALLS for p in _params(name) if p in _PEOPLE_OPTIONS}
    listed = {p for options in NEAR_MISSES.values() for p in options}
    assert named == listed  # every option that names people has a near miss below


def test_normal_calls_leave_the_network_unchanged(
    tiny: rg.RelationshipNetwork, baselines: dict[str, Any]
) -> None:
    before = tiny.to_frames()
    for name in CALLS:
        call(name, tiny)
    for table, frame in tiny.to_frames().items():
        pd.testing.assert_frame_equal(frame, before[table])


@pytest.mark.parametrize("name", _with("opportunity"))
def test_unknown_opportunity_names_the_known_ones(name: str, tiny: rg.RelationshipNetwork) -> None:
    with pytest.raises(rg.UnknownOpportunityError) as info:
        call(name, tiny, opportunity="O11")
    assert "'O11'" in str(info.value) and "O1" in str(info.value).replace("'O11'", "")


@pytest.mark.parametrize(
    ("name", "option"), [(n, o) for n, options in NEAR_MISSES.items() for o in options]
)
def test_unknown_person_says_did_you_mean(
    name: str, option: str, tiny: rg.RelationshipNetwork
) -> None:
    with pytest.raises(rg.NotFoundError, match="did you mean"):
        call(name, tiny, **{option: NEAR_MISSES[name][option]})


def test_a_network_without_people_is_refused_at_load() -> None:
    f = rg.datasets.tiny().to_frames()
    empty = {k: v.iloc[0:0] for k, v in f.items()}
    with pytest.raises(rg.ValidationError) as info:
        rg.RelationshipNetwork.from_frames(**empty)
    assert "empty_table" in info.value.frame()["reason"].tolist()


@pytest.mark.parametrize("name", sorted(CALLS))
def test_an_empty_network_gives_clear_errors_or_empty_results(
    name: str, baselines: dict[str, Any]
) -> None:
    # built with the bare constructor (loading refuses it, see above): every table empty
    result = outcome(name, rg.RelationshipNetwork({}))
    if isinstance(result, rg.RelgraphError):
        assert isinstance(result, rg.NotFoundError), repr(result)
    else:
        assert_well_formed(result, baselines[name], name)


@pytest.mark.parametrize("kind", sorted(VARIANTS))
@pytest.mark.parametrize("name", sorted(CALLS))
def test_degenerate_networks_give_well_formed_results(
    name: str, kind: str, baselines: dict[str, Any]
) -> None:
    result = outcome(name, variant(kind))
    if isinstance(result, rg.RelgraphError):  # e.g. a route to draw over ties that are gone
        assert isinstance(result, rg.InvalidParameterError | rg.NotFoundError), repr(result)
        assert (name, kind) == ("plot_route", "no ties")
    else:
        assert_well_formed(result, baselines[name], f"{name} on {kind}")


def test_factions_on_ties_of_strength_0_with_networkx(monkeypatch: pytest.MonkeyPatch) -> None:
    from relgraph.analysis import factions as fac

    monkeypatch.setattr(fac, "_igraph", lambda: None)  # networkx's Louvain
    monkeypatch.setattr(fac, "_igraph_installed", lambda: False)
    net = VARIANTS["ties of strength 0"]()  # a fresh one: nothing cached from igraph
    assert fac.factions_backend() == "networkx"
    groups = rg.factions(net, "A")
    assert groups["size"].tolist() == [1, 1, 1, 1]  # no tie is evidence of a group
    assert rg.coverage(net, as_of="2026-01-05", with_factions=True).factions["size"].sum() == 4


def test_zero_power_index_says_why_there_is_none() -> None:
    idx = rg.support_index(variant("roles of power 0"))
    assert idx["index"].isna().all()
    assert idx["why"].str.contains("no role holder of this opportunity has any").all()


@pytest.mark.parametrize("k", [0, -1, 2.5, "many"])
@pytest.mark.parametrize("name", _with("k"))
def test_k_below_one_is_refused(name: str, k: Any, tiny: rg.RelationshipNetwork) -> None:
    with pytest.raises(rg.InvalidParameterError, match="k = "):
        call(name, tiny, k=k)


@pytest.mark.parametrize("as_of", ["2026-13-01", "2026-02-30", "yesterday", 5])
@pytest.mark.parametrize("name", _with("as_of"))
def test_bad_as_of_is_refused(name: str, as_of: Any, tiny: rg.RelationshipNetwork) -> None:
    with pytest.raises(rg.InvalidParameterError, match="as_of = "):
        call(name, tiny, as_of=as_of)


def _options() -> list[tuple[str, str]]:
    out = []
    for name in sorted(CALLS):
        for p in _params(name).values():
            if p.kind is inspect.Parameter.KEYWORD_ONLY:
                out.append((name, p.name))
    return out


@pytest.mark.parametrize(("name", "option"), _options())
def test_an_option_of_the_wrong_type_is_refused_clearly(
    name: str, option: str, tiny: rg.RelationshipNetwork
) -> None:
    with pytest.raises((rg.InvalidParameterError, rg.NotFoundError)) as info:
        call(name, tiny, **{option: object()})
    assert option in str(info.value) or isinstance(info.value, rg.NotFoundError)

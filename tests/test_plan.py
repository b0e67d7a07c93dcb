import datetime as dt
import shutil
import subprocess

import pandas as pd
import pytest

import relgraph as rg
from relgraph.io.encode import md_text
from relgraph.plan import ABOUT_COLUMNS, ABOUT_SHEET, REQUIRED, SHEETS, Plan, column_meaning, plan

openpyxl = pytest.importorskip("openpyxl")

AS_OF = "2026-11-15"


@pytest.fixture(scope="module")
def sample_plan():
    return plan(rg.datasets.sample(), "OPP-1", as_of=AS_OF)


@pytest.fixture(scope="module")
def workbook(sample_plan, tmp_path_factory):
    return sample_plan.to_excel(tmp_path_factory.mktemp("plan") / "plan.xlsx")


def _blank(v):
    return v is None or (isinstance(v, str) and not v.strip())


def test_tables_have_documented_columns_and_no_blank_required(sample_plan):
    for name, frame in sample_plan.sheets.items():
        assert list(frame.columns) == list(SHEETS[name]), name
        assert len(frame), name
        for col in REQUIRED[name]:
            blank = frame[col].isna() | frame[col].astype(str).str.strip().eq("")
            assert not blank.any(), (name, col, frame.loc[blank].head())


def test_content_follows_coverage_and_targets(sample_plan):
    from relgraph.analysis.coverage import coverage
    from relgraph.analysis.targets import recommend_targets

    net = rg.datasets.sample()
    cov = coverage(net, "OPP-1", as_of=AS_OF)
    rec = recommend_targets(net, "OPP-1", as_of=AS_OF)
    st = sample_plan.status.set_index("person")
    # every key person except the one known only through a sensitive tie (E03)
    assert set(st.index) == set(cov.people["person"]) - {"E03"}
    assert st.loc["C005", "owners"] == "N02" and st.loc["C005", "backs"] == "ORI"
    assert "level_parity" in st.loc["C005", "gaps"]
    assert set(st.loc[st["stale"]].index) == {"C001", "C004", "E04", "C008", "C043", "C030"}
    t = sample_plan.targets
    assert t["person"].tolist() == rec["person"].tolist()
    assert (t["goal"] >= t["attitude"]).all()
    start = dt.date(2026, 11, 15)
    urgent = t["objective"].isin(["neutralise", "counter"])
    assert (t.loc[urgent, "deadline"] == pd.Timestamp(start + dt.timedelta(days=182))).all()
    assert (t.loc[~urgent, "deadline"] == pd.Timestamp(start + dt.timedelta(days=365))).all()
    # one card per target; actions per target are numbered 1.. in date order
    assert sample_plan.cards["target"].tolist() == t["person"].tolist()
    for _, grp in sample_plan.actions.groupby("target"):
        assert grp["step"].tolist() == list(range(1, len(grp) + 1))
        assert grp["when"].is_monotonic_increasing
        # route steps, owner A's follow-up (when the route does not start with a meeting of
        # A's own), the sponsor's occasions and the reviews
        assert {"route", "sponsor", "review"} <= set(grp["kind"]) <= {
            "route", "meeting", "key_dates", "sponsor", "review"
        }  # fmt: skip
    # the weekly review starts the Monday after 2026-11-15 (a Sunday)
    weekly = sample_plan.actions[sample_plan.actions["action"].str.contains("every week")]
    assert set(weekly["when"]) == {pd.Timestamp("2026-11-16")}


def test_workbook_opens_with_documented_sheets(sample_plan, workbook):
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == ["Cover", *SHEETS, ABOUT_SHEET]
    for name, columns in SHEETS.items():
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert [c.value for c in ws[1]] == list(columns)
        assert ws.max_row == len(sample_plan.sheets[name]) + 1
        idx = {c: i for i, c in enumerate(columns)}
        for row in ws.iter_rows(min_row=2, values_only=True):
            for col in REQUIRED[name]:
                assert not _blank(row[idx[col]]), (name, col, row)
        # attitude colour scale on the attitude column
        if "attitude" in columns:
            assert ws.conditional_formatting, name
    # Chinese text intact
    assert wb["Status"]["B2"].value == sample_plan.status["name"].iloc[0]
    assert any("星河移动" in str(c.value) for row in wb["Cover"].iter_rows() for c in row)


def test_about_sheet_describes_every_column_of_every_sheet(sample_plan, workbook):
    ws = openpyxl.load_workbook(workbook)[ABOUT_SHEET]
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(ABOUT_COLUMNS)
    about = pd.DataFrame(rows[1:], columns=list(ABOUT_COLUMNS))
    described = about.dropna(subset=["column"])
    for name, schema in SHEETS.items():
        mine = described[described["sheet"] == name]
        # every column once, in sheet order, with its type and a real sentence
        assert mine["column"].tolist() == list(schema), name
        assert mine["type"].tolist() == list(schema.values()), name
        for col, meaning in zip(mine["column"], mine["meaning"], strict=True):
            assert isinstance(meaning, str) and len(meaning.split()) >= 3, (name, col)
            assert "plan_col" not in meaning and "{" not in meaning, (name, col)
            assert meaning == column_meaning(name, col)
        # one row describing the sheet itself
        assert (about["sheet"].eq(name) & about["column"].isna()).sum() == 1
    # the same column name can mean something particular on one sheet
    assert column_meaning("Actions", "why") != column_meaning("Targets", "why")
    assert column_meaning("Cards", "owner_a") == column_meaning("Targets", "owner_a")
    # the generation date and what was left out for privacy
    book = about[about["sheet"] == "workbook"]["meaning"].tolist()
    today = dt.date.today()
    assert any(
        f"written on {d.isoformat()}" in book[0]
        for d in (today, today - dt.timedelta(days=1))  # a run across midnight
    )
    assert "planning cycle from 2026-11-15" in book[0]
    assert any(
        "1 hidden influencer(s) known only through sensitive ties withheld" in b for b in book
    )
    assert any("include_sensitive=True" in b for b in book)
    # the cover points to it
    cover = openpyxl.load_workbook(workbook)["Cover"]
    assert ABOUT_SHEET in [r[0] for r in cover.iter_rows(min_row=3, values_only=True)]


def test_about_date_is_the_one_given(sample_plan, tmp_path):
    path = sample_plan.to_excel(tmp_path / "p.xlsx", generated=dt.date(2027, 2, 3))
    about = pd.read_excel(path, sheet_name=ABOUT_SHEET)
    assert about["meaning"].iloc[0].startswith("written on 2027-02-03 by relgraph ")
    with pytest.raises(KeyError, match="no column 'nope' on sheet 'Status'"):
        column_meaning("Status", "nope")


def test_cover_states_settings_and_privacy(workbook):
    ws = openpyxl.load_workbook(workbook)["Cover"]
    text = "\n".join(f"{r[0]}: {r[1]}" for r in ws.iter_rows(min_row=3, values_only=True))
    assert "planning cycle: year: 2026-11-15 – 2027-11-15" in text
    assert "sensitive" in text and "include_sensitive=True" in text
    assert "1 hidden influencer(s) known only through sensitive ties withheld" in text


def test_sensitive_people_left_out_unless_opted_in(sample_plan, workbook):
    wb = openpyxl.load_workbook(workbook)
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value]
    assert not any("E03" in c or "蔡明" in c or "Cai Ming" in c for c in cells)
    # the shared renderings leave him out too, and say what was left out
    for text in (sample_plan.to_html(), sample_plan.to_markdown().replace("\\", "")):
        assert "蔡明" not in text and "Cai Ming" not in text and "E03" not in text
        assert "1 hidden influencer(s) known only through sensitive ties withheld" in text
        assert "4 sensitive ties, 1 person known only through them" in text
    opted = plan(rg.datasets.sample(), "OPP-1", as_of=AS_OF, include_sensitive=True)
    assert "E03" in set(opted.status["person"])
    assert any("INCLUDED" in n for n in opted.notes)


def test_round_trip(sample_plan, workbook):
    back = Plan.read_excel(workbook)
    for name, frame in sample_plan.sheets.items():
        pd.testing.assert_frame_equal(back[name], frame)
    # plain pandas gives the same values (blank text reads back as NaN)
    raw = pd.read_excel(workbook, sheet_name="Targets")
    t = sample_plan.targets
    assert raw["person"].tolist() == t["person"].tolist()
    assert raw["gain"].tolist() == pytest.approx(t["gain"].tolist(), rel=1e-14)
    assert raw["deadline"].tolist() == t["deadline"].tolist()
    assert raw["competitor"].fillna("").tolist() == t["competitor"].tolist()


# LibreOffice's CSV filter options: comma, double quote, UTF-8 (76), from line 1, ...,
# and -1 at the end = every sheet into its own file <name>-<Sheet>.csv (LibreOffice >= 7.2).
_CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def test_libreoffice_converts(sample_plan, workbook, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed; conversion check skipped "
            "(Debian: apt-get install libreoffice-calc-nogui, see scripts/install-system-deps.sh)"
        )
    profile = (tmp_path / "lo-profile").as_uri()  # own profile: safe next to a running soffice
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            _CSV_ALL_SHEETS,
            "--outdir",
            str(tmp_path / "out"),
            str(workbook),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    for name, columns in SHEETS.items():
        back = pd.read_csv(tmp_path / "out" / f"plan-{name}.csv", dtype=str, keep_default_na=False)
        frame = sample_plan.sheets[name]
        assert list(back.columns) == list(columns), name
        assert len(back) == len(frame), name
        for col in REQUIRED[name]:
            assert back[col].str.strip().ne("").all(), (name, col)
        first = [c for c in columns if SHEETS[name][c] == "str"][0]
        assert back[first].tolist() == frame[first].tolist(), name  # Chinese text intact
    cover = (tmp_path / "out" / "plan-Cover.csv").read_text(encoding="utf-8")
    assert "星河移动" in cover and "include_sensitive=True" in cover
    about = pd.read_csv(tmp_path / "out" / f"plan-{ABOUT_SHEET}.csv", dtype=str)
    assert list(about.columns) == list(ABOUT_COLUMNS)
    assert about["meaning"].str.contains("−3").any()  # non-ASCII text intact


def _hostile_net():
    net = rg.datasets.tiny()
    f = net.to_frames()
    people = f["people"].copy()
    people.loc[people["id"].eq("p1"), "name"] = "<script>alert(1)</script> | 王"
    return rg.RelationshipNetwork.from_frames(**f | {"people": people})


def test_html_escaped_and_self_contained(tmp_path):
    p = plan(_hostile_net(), as_of="2026-01-05", k=2)
    page = p.to_html(tmp_path / "plan.html")
    assert (tmp_path / "plan.html").read_text(encoding="utf-8") == page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    for name in SHEETS:
        assert f"<h2>{name}</h2>" in page
    md = p.to_markdown()
    assert md.count("\n## ") == 4
    assert "\\| 王" in md  # pipes in cells are escaped
    header = md.split("## Targets\n\n")[1].splitlines()[0]
    assert header == "| " + " | ".join(md_text(c) for c in SHEETS["Targets"]) + " |"


def test_half_year_period_and_errors():
    net = rg.datasets.tiny()
    p = plan(net, as_of="2026-01-05", period="half-year", k=1)
    assert (p.targets["deadline"] == pd.Timestamp("2026-07-06")).all()
    with pytest.raises(ValueError, match="year, half-year"):
        plan(net, as_of="2026-01-05", period="quarter")  # type: ignore[arg-type]
    with pytest.raises(rg.UnknownOpportunityError):
        plan(rg.datasets.sample())


def test_input_network_unchanged():
    net = rg.datasets.tiny()
    before = {k: v.copy() for k, v in net.to_frames().items()}
    plan(net, as_of="2026-01-05", k=2)
    for k, v in net.to_frames().items():
        pd.testing.assert_frame_equal(v, before[k])


def test_cli_plan_diff_tier(tmp_path):
    from typer.testing import CliRunner

    from relgraph.cli import app

    runner = CliRunner()
    sample = str(rg.datasets.sample_path())
    xlsx, md = tmp_path / "p.xlsx", tmp_path / "p.md"
    res = runner.invoke(
        app,
        [
            "plan",
            sample,
            "--opportunity",
            "OPP-1",
            "--as-of",
            AS_OF,
            "--xlsx",
            str(xlsx),
            "--md",
            str(md),
        ],
    )
    assert res.exit_code == 0, res.output
    assert openpyxl.load_workbook(xlsx).sheetnames == ["Cover", *SHEETS, ABOUT_SHEET]
    assert md.read_text(encoding="utf-8").startswith("# Relationship plan: OPP-1")
    old = str(next(iter(rg.datasets.snapshots().values())))
    res = runner.invoke(app, ["diff", old, sample, "--new-date", AS_OF, "--opportunity", "OPP-1"])
    assert res.exit_code == 0, res.output
    assert "马国良 (Ma Guoliang), Chief Technology Officer (level 2), left" in res.output
    res = runner.invoke(app, ["diff", sample, sample, "--json"])
    assert res.exit_code == 0 and '"changes": []' in res.output
    acc = tmp_path / "accounts.csv"
    acc.write_text("account,current_value,future_potential,strategic_fit\nA,10,10,5\nB,0,0,0\n")
    res = runner.invoke(app, ["tier", str(acc)])
    assert res.exit_code == 0 and "→ S (strategic" in res.output and "→ C (general" in res.output


def test_plan_in_chinese_reads_back_as_the_same_tables(tmp_path):
    """language="zh": Chinese sheet names, headers and words; the tables keep their codes."""
    p = plan(rg.datasets.sample().with_settings(language="zh"), "OPP-1", as_of=AS_OF)
    assert p.language == "zh" and set(p.targets["objective"]) <= {
        "neutralise",
        "convert",
        "mobilise",
        "counter",
        "work_through",
    }
    path = p.to_excel(tmp_path / "规划.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "封面",
        "现状评估表",
        "目标任务书",
        "公关计划",
        "关键客户拓展卡",
        "说明",
    ]
    targets = book["目标任务书"]
    head = [c.value for c in targets[1]]
    assert head[:4] == ["序号", "人员编号", "姓名", "公关目标"]
    assert {targets.cell(r, 4).value for r in range(2, targets.max_row + 1)} <= {
        "中和",
        "争取",
        "巩固",
        "制约",
        "迂回",
    }
    status = book["现状评估表"]
    stale = [c.value for c in status[1]].index("评估过期") + 1
    assert {status.cell(r, stale).value for r in range(2, status.max_row + 1)} <= {"是", "否"}
    back = Plan.read_excel(path)
    for name, frame in p.sheets.items():
        pd.testing.assert_frame_equal(back[name], frame)
    page = p.to_html()
    assert "<html lang='zh-CN'>" in page and "<h2>目标任务书</h2>" in page
    assert "## 公关计划" in p.to_markdown()

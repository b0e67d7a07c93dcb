"""The input workbook: sheets, notes, drop-downs in the chosen language, and the round trip."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app
from relgraph.errors import InvalidParameterError
from relgraph.io.schema import SCHEMAS
from relgraph.io.template import choices, column_note, write_template
from relgraph.vocab import normalize_term

runner = CliRunner()
CJK = re.compile("[\u4e00-\u9fff]")
TABLES = list(SCHEMAS)


def validations(ws: Any) -> dict[str, Any]:
    """Column letter → the data validation covering it from row 2."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            start, end = rng.split(":")
            assert start[1:] == "2" and end[1:] == "1048576", rng
            out[re.sub(r"\d", "", start)] = dv
    return out


def headers(ws: Any) -> list[str]:
    return [c.value for c in ws[1]]


@pytest.fixture(scope="module")
def zh_empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("t") / "account.xlsx", lang="zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_sheet_per_table_with_the_columns_the_loader_reads(lang: str, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang=lang))
    readme = "说明" if lang == "zh" else "README"
    assert book.sheetnames == [readme, *TABLES]
    for name, schema in SCHEMAS.items():
        ws = book[name]
        assert headers(ws) == [c.name for c in schema.columns]
        assert ws.max_row == 1 and ws.freeze_panes == "A2"
        for j, col in enumerate(schema.columns, start=1):
            note = ws.cell(row=1, column=j).comment
            assert note is not None and note.text == column_note(name, col.name, lang=lang)
            assert bool(CJK.search(note.text)) is (lang == "zh"), (name, col.name)
    listed = {c.value for c in book[readme]["C"] if c.value}
    assert {c.name for s in SCHEMAS.values() for c in s.columns} <= listed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_vocabulary_column_has_a_drop_down_of_words_the_loader_accepts(
    lang: str, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang=lang))
    checked = 0
    for name, schema in SCHEMAS.items():
        dvs = validations(book[name])
        for j, col in enumerate(schema.columns, start=1):
            letter = openpyxl.utils.get_column_letter(j)
            if col.type not in ("term", "bool") and col.name != "attitude":
                continue
            dv = dvs[letter]
            assert dv.type == "list" and dv.allow_blank and dv.showErrorMessage
            words = dv.formula1.strip('"').split(",")
            if col.name == "attitude":
                assert words == ["-3", "-2", "-1", "0", "1", "2", "3"]
                assert "强烈反对" in dv.prompt if lang == "zh" else "strongly opposed" in dv.prompt
                continue
            assert words == list(choices(col, lang=lang).values())
            if col.type == "term":
                canonical = [(col.vocab or {})[normalize_term(w)] for w in words]
                assert canonical == list(choices(col, lang=lang)), (name, col.name)
            if lang == "zh":
                assert all(CJK.search(w) for w in words), words
            checked += 1
    wanted = [c for s in SCHEMAS.values() for c in s.columns if c.type in ("term", "bool")]
    assert checked == len(wanted) >= 13  # role, kinds, stage, goal, direction, the yes/no


def test_numbers_are_limited_to_their_ranges(zh_empty: Path) -> None:
    people = validations(openpyxl.load_workbook(zh_empty)["people"])
    level = people["G"]
    assert level.type == "list" and level.formula1 == '"1,2,3,4,5"'
    strength = validations(openpyxl.load_workbook(zh_empty)["ties"])["D"]
    assert (strength.type, strength.operator, strength.formula1, strength.formula2) == (
        "decimal",
        "between",
        "0",
        "1",
    )
    assert strength.error == "0 到 1 之间的数字"


def fill_in_chinese(path: Path) -> None:
    """What a team types into the Chinese template: ids, names and Chinese vocabulary."""
    book = openpyxl.load_workbook(path)
    rows: dict[str, list[list[Any]]] = {
        "orgs": [
            ["XM", "星河移动", "客户", "Xinghe Mobile", "S"],
            ["NIM", "云岭网络", "我方", None, None],
            ["ORI", "猎户通信", "竞争对手", None, None],
        ],
        "people": [
            ["C1", "陈建国", "XM", None, "董事长", None, 1, 0, None, None, "否", None, None],
            ["C2", "王志远", "XM", None, "CTO", None, 2, -2, "ORI", 3, "否", dt.date(2026, 3, 1)],
            ["C3", "李静", "XM", None, "采购经理", None, 4, 1, None, None, "是", None, 0.4],
            ["N1", "周明", "NIM", None, "客户经理", None, 4, None, None, None, None, None, None],
        ],
        "ties": [
            ["C2", "C1", "汇报给", None, None, None, None],
            ["C3", "C2", "汇报给", None, None, None, None],
            ["N1", "C2", "对接", 0.6, dt.date(2024, 5, 1), None, None],
            ["C1", "C3", "朋友", None, None, "是", "同乡"],
            ["N1", "C3", "工作往来", None, None, None, None],
        ],
        "opportunities": [["OPP-1", "XM", "核心网招标", "ORI", "竞争", 1e8, "评估"]],
        "roles": [
            ["OPP-1", "C1", "批准者", None, "审批"],
            ["OPP-1", "C2", "决定者", None, "决策"],
            ["OPP-1", "C3", "购买者", 0.5, "采购"],
        ],
        "affiliations": [
            ["C2", "星河邮电大学", "学校", None, None],
            ["N1", "星河邮电大学", "学校"],
        ],
        "interactions": [
            [dt.date(2026, 2, 3), "N1", "C2;C3", "拜访", "我方发起", None, "方案交流", None, "否"],
            [dt.date(2026, 2, 9), "N1", "C3", "投诉", "对方发起", "I-1", None, None, None],
        ],
    }
    for table, values in rows.items():
        for row in values:
            book[table].append(row)
    book.save(path)


def test_a_chinese_template_filled_in_chinese_loads_and_validates(
    zh_empty: Path, tmp_path: Path
) -> None:
    path = tmp_path / "filled.xlsx"
    path.write_bytes(zh_empty.read_bytes())
    fill_in_chinese(path)
    net = rg.load(path)
    assert repr(net) == "RelationshipNetwork(4 people, 3 orgs, 5 ties, 1 opportunities)"
    assert net.orgs.set_index("id")["kind"].to_dict() == {
        "XM": "customer",
        "NIM": "us",
        "ORI": "competitor",
    }
    assert net.ties["kind"].tolist() == [
        "reports_to",
        "reports_to",
        "covers",
        "friend",
        "works_with",
    ]
    assert net.roles.set_index("person")["role"].to_dict() == {
        "C1": "approver",
        "C2": "decider",
        "C3": "buyer",
    }
    assert net.opportunities.loc[0, ["goal", "stage"]].tolist() == ["competitive", "evaluation"]
    people = net.people.set_index("id")
    assert people["do_not_contact"].tolist()[:3] == [False, False, True]
    assert people.loc["C2", "updated"] == pd.Timestamp("2026-03-01")
    assert net.interactions["direction"].tolist() == ["ours", "theirs"]
    assert net.affiliations["kind"].tolist() == ["school", "school"]
    result = runner.invoke(app, ["validate", str(path), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "检查通过" in result.output and "说明" in result.output  # the README sheet: not read


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_example_workbook_holds_the_sample_account(lang: str, tmp_path: Path) -> None:
    path = write_template(tmp_path / "example.xlsx", lang=lang, example=True)
    roles = openpyxl.load_workbook(path)["roles"]
    assert roles["C2"].value == ("发起者" if lang == "zh" else "initiator")
    net, sample = rg.load(path), rg.datasets.sample()
    for table in TABLES:
        pd.testing.assert_frame_equal(
            getattr(net, table).reset_index(drop=True),
            getattr(sample, table).reset_index(drop=True),
            check_dtype=False,
            obj=table,
        )


def bad_workbook(zh_empty: Path, tmp_path: Path) -> Path:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(zh_empty.read_bytes())
    fill_in_chinese(path)
    book = openpyxl.load_workbook(path)
    book["roles"]["C3"].value = "决定着"  # typo of 决定者, outside the drop-down list
    book["roles"]["C4"].value = "老板"  # not a role at all
    book["people"]["K4"].value = "也许"  # do_not_contact: not yes/no
    book.save(path)
    return path


def test_a_value_outside_a_drop_down_is_reported_in_chinese(zh_empty: Path, tmp_path: Path) -> None:
    path = bad_workbook(zh_empty, tmp_path)
    result = runner.invoke(app, ["validate", str(path), "--lang", "zh"])
    assert result.exit_code == 1
    out = result.output
    assert f"{path} 中有 3 个问题" in out
    lines = {line.split()[4]: line for line in out.splitlines() if "[roles]" in line}
    valid = "可选值:发起者、使用者、影响者、决定者、批准者、购买者、控制者、其他"
    assert lines["决定着"].split()[2] == "3"  # the row as the spreadsheet shows it
    assert "您是不是要填 '决定者'?" in lines["决定着"] and valid in lines["决定着"]
    assert lines["老板"].split()[2] == "4" and valid in lines["老板"]
    assert "应填是或否" in out
    assert "来源" in out.splitlines()[1] and "unknown_term" not in out


def test_the_same_problems_read_in_english_without_lang(zh_empty: Path, tmp_path: Path) -> None:
    path = bad_workbook(zh_empty, tmp_path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"3 problem(s) in {path}" in result.output
    assert "valid: approver, buyer, decider" in result.output
    assert "可选值" not in result.output


def test_an_existing_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"my own workbook")
    with pytest.raises(FileExistsError, match="force=True"):
        write_template(path)
    result = runner.invoke(app, ["template", str(path), "--lang", "zh"])
    assert result.exit_code == 2
    assert "已存在" in result.output and "--force" in result.output
    assert path.read_bytes() == b"my own workbook"
    result = runner.invoke(app, ["template", str(path), "--lang", "zh", "--force", "--example"])
    assert result.exit_code == 0, result.output
    assert "relgraph validate" in result.output
    assert rg.load(path).people.shape[0] == 78


def test_bad_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidParameterError, match="ending in .xlsx"):
        write_template(tmp_path / "account.csv")
    with pytest.raises(InvalidParameterError, match="lang = 'cn'"):
        write_template(tmp_path / "a.xlsx", lang="cn")
    with pytest.raises(InvalidParameterError, match="example"):
        write_template(tmp_path / "a.xlsx", example="yes")  # type: ignore[arg-type]
    assert not (tmp_path / "a.xlsx").exists()
    result = runner.invoke(app, ["template", str(tmp_path / "b.xlsx"), "--lang", "fr"])
    assert result.exit_code != 0 and not (tmp_path / "b.xlsx").exists()

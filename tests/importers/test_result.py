"""ImportResult and ReportRows: one result shape for every importer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.importers.result import OUTCOMES, REPORT_COLUMNS, ImportResult, ReportRows

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def results() -> dict[str, ImportResult]:
    sf = rg.import_salesforce(DATA / "salesforce", us_name="Nimbus Networks")
    act = rg.import_salesforce_activities(
        DATA / "salesforce_activity", network=sf.network, today="2026-11-15"
    )
    li = rg.add_linkedin_connections(
        rg.datasets.sample(), DATA / "linkedin" / "Connections.csv", owner="N04"
    )
    return {"salesforce": sf, "activity": act, "linkedin": li}


@pytest.mark.parametrize("name", ["salesforce", "activity", "linkedin"])
def test_every_importer_returns_the_same_shape(results, name) -> None:
    res = results[name]
    assert isinstance(res, ImportResult)
    assert isinstance(res.network, rg.RelationshipNetwork)
    assert list(res.report.columns[: len(REPORT_COLUMNS)]) == list(REPORT_COLUMNS)
    assert set(res.report["outcome"]) <= set(OUTCOMES)
    assert str(res.report["row"].dtype) == "Int64"
    assert res.report["why"].str.len().gt(0).all()
    assert sum(res.counts().values()) == len(res.report)
    # the added rows are in the new network
    for table, rows in res.added.items():
        if len(rows):
            assert set(rows.iloc[:, 0].astype(str)) <= set(
                getattr(res.network, table).iloc[:, 0].astype(str)
            )


def test_counts_summary_and_skipped(results) -> None:
    act = results["activity"]
    counts = act.counts()
    # 11 rows: 7 imported (one with kind other), 4 not imported
    assert counts == {"added": 0, "changed": 1, "skipped": 4}
    assert len(act.skipped) == 4 and act.skipped["outcome"].eq("skipped").all()
    assert len(act.added["interactions"]) == 7
    assert act.summary() == (
        "Event.csv, Task.csv: 7 interactions added; 1 value(s) changed, 4 row(s) skipped"
    )
    assert repr(act) == f"ImportResult({act.summary()})"
    li = results["linkedin"]
    assert li.counts() == {"added": 4, "changed": 0, "skipped": 1}
    assert "2 people, 4 ties added" in li.summary()


def test_html_repr_escapes_what_the_user_wrote() -> None:
    rows = ReportRows()
    rows.add(
        "<b>x.csv</b>",
        2,
        "Type",
        "<script>alert(1)</script>",
        "changed",
        "kind set to 'other'",
        "imp_act_type_unknown",
    )
    res = ImportResult(None, rows.frame(), {}, "<img src=x onerror=alert(1)>")
    page = res._repr_html_()
    assert "<script>" not in page and "<img" not in page and "<b>x.csv" not in page
    assert "&lt;script&gt;" in page
    assert "nothing added" in page


def test_sentences_follow_the_network_language() -> None:
    net = rg.datasets.sample().with_settings(language="zh")
    tasks = pd.DataFrame(
        {
            "WhoId": ["C001", ""],
            "OwnerId": ["N01", "N01"],
            "ActivityDate": ["2026-03-02"] * 2,
            "Type": ["Meeting"] * 2,
        }
    )
    res = rg.import_salesforce_activities(tasks, network=net, today="2026-11-15")
    assert res.report["why"].tolist() == [
        "没有联系人(WhoId 为空):只关联到客户单位的活动无法对应到具体的人"
    ]
    assert "跳过 1 行" in res.summary()


def test_report_rows_fill_extra_columns() -> None:
    rows = ReportRows(("matched_by",))
    rows.add(
        "f.csv",
        None,
        "",
        "Ana",
        "skipped",
        "reported",
        "linkedin_reported",
        details={"matched_by": ""},
    )
    frame = rows.frame()
    assert list(frame.columns) == [*REPORT_COLUMNS, "matched_by"]
    assert frame["row"].isna().all() and len(rows) == 1

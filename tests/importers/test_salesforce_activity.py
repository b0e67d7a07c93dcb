import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from relgraph.analysis.interactions import customer_issues, relationship_strength
from relgraph.errors import ValidationError
from relgraph.importers.salesforce import import_salesforce
from relgraph.importers.salesforce_activity import import_salesforce_activities

DATA = Path(__file__).parent / "data"
ACT = DATA / "salesforce_activity"


def test_folder_with_task_and_event_maps_every_row_or_reports_it() -> None:
    res = import_salesforce_activities(ACT)
    it = res.interactions
    # Event.csv is read before Task.csv (sorted names); 3 events + 8 tasks = 11 rows
    assert len(it) + res.report["action"].eq("row not imported").sum() == 11
    by_id = it.set_index("salesforce_id")
    assert by_id.loc[
        "00T0000001", ["date", "our_person", "their_people", "kind", "direction"]
    ].tolist() == ["2026-03-02", "005U0000001", "003C0000001", "call", "ours"]
    assert by_id.loc["00T0000002", "kind"] == "email"  # from TaskSubtype
    assert by_id.loc["00T0000005", ["kind", "direction"]].tolist() == ["complaint", "theirs"]
    assert by_id.loc["00T0000006", "kind"] == "other"
    assert by_id.loc["00U0000002", ["date", "kind"]].tolist() == ["2026-04-15", "meal"]
    assert by_id.loc["00U0000003", "kind"] == "visit"
    assert by_id.loc["00U0000001", "location"] == "Hangzhou HQ"  # extra columns kept
    rep = res.report
    skipped = rep[rep["action"] == "row not imported"]
    assert sorted(skipped["why"].str.split().str[0]) == ["WhoId", "no", "no"]
    assert set(skipped["row"]) == {4, 5, 9}  # spreadsheet rows of Task.csv
    other = rep[rep["action"] == "kind set to 'other'"]
    assert other["value"].tolist() == ["Carrier Pigeon"]


def test_with_network_unknown_people_are_reported_and_log_is_validated() -> None:
    net = import_salesforce(DATA / "salesforce").network
    res = import_salesforce_activities(ACT, network=net, today=dt.date(2026, 11, 15))
    assert "003C0000099" not in set(res.interactions["their_people"])
    unknown = res.report[res.report["value"] == "003C0000099"]
    assert unknown["why"].str.contains("not in the network").all()
    assert res.network is not None
    assert len(res.network.interactions) == len(res.interactions)
    r = relationship_strength(res.network)
    assert set(r["our_person"]) == {"005U0000001", "005U0000002"}
    assert customer_issues(res.network)["status"].tolist() == ["open"]


def test_missing_columns_are_a_validation_error() -> None:
    frame = pd.DataFrame({"WhoId": ["003"], "Subject": ["x"]})
    with pytest.raises(ValidationError) as exc:
        import_salesforce_activities(frame)
    assert set(exc.value.frame()["column"]) == {"ownerid", "activitydate"}


def test_future_activity_fails_validation_of_the_combined_network() -> None:
    net = import_salesforce(DATA / "salesforce").network
    frame = pd.DataFrame(
        {
            "WhoId": ["003C0000001"],
            "OwnerId": ["005U0000001"],
            "ActivityDate": ["2027-01-01"],
            "Type": ["Call"],
        }
    )
    with pytest.raises(ValidationError) as exc:
        import_salesforce_activities(frame, network=net, today=dt.date(2026, 11, 15))
    assert exc.value.frame()["reason"].tolist() == ["future_date"]


def test_missing_whoid_in_files_names_every_file_and_the_fix(tmp_path: Path) -> None:
    (tmp_path / "Task.csv").write_text("Id,OwnerId,ActivityDate\n00T1,005A,2026-01-02\n")
    (tmp_path / "Event.csv").write_text("Id,WhoId,OwnerId\n00U1,003A,005A\n")
    with pytest.raises(ValidationError) as exc:
        import_salesforce_activities(tmp_path)
    frame = exc.value.frame()
    assert frame[["row", "column"]].values.tolist() == [[1, "activitydate"], [1, "whoid"]]
    assert [Path(s).name for s in frame["source"]] == ["Event.csv", "Task.csv"]
    assert "'WhoId'" in frame["hint"].iloc[1] and "API field names" in frame["hint"].iloc[1]


def test_bad_dates_in_a_file_are_reported_per_row_and_every_row_is_counted(
    tmp_path: Path,
) -> None:
    (tmp_path / "Task.csv").write_text(
        "Id,WhoId,OwnerId,ActivityDate,Type\n"
        "00T1,003A,005A,2026-13-45,Call\n"
        "00T2,003B,005A,2026-02-03,Call\n"
        "00T3,003C,005A,yesterday,Call\n"
        "00T4,003D,,2026-01-01,Call\n"
    )
    res = import_salesforce_activities(tmp_path / "Task.csv")
    skipped = res.report[res.report["action"] == "row not imported"]
    assert len(res.interactions) + len(skipped) == 4  # nothing dropped silently
    assert skipped[["row", "column", "value"]].values.tolist() == [
        [2, "ActivityDate", "2026-13-45"],
        [4, "ActivityDate", "yesterday"],
        [5, "OwnerId", ""],
    ]
    assert skipped["file"].str.endswith("Task.csv").all()
    assert res.interactions["salesforce_id"].tolist() == ["00T2"]


def test_deleted_activities_are_not_imported_and_are_reported() -> None:
    tasks = pd.DataFrame(
        {
            "Id": ["00T1", "00T2", "00T3"],
            "WhoId": ["003A", "003B", "003C"],
            "OwnerId": ["005U"] * 3,
            "ActivityDate": ["2026-03-02"] * 3,
            "Type": ["Call"] * 3,
            "IsDeleted": ["false", "true", "1"],
        }
    )
    res = import_salesforce_activities(tasks)
    assert res.interactions["salesforce_id"].tolist() == ["00T1"]
    assert "isdeleted" not in res.interactions.columns
    skipped = res.report[res.report["action"].eq("row not imported")]
    assert skipped["row"].tolist() == [1, 2] and set(skipped["column"]) == {"IsDeleted"}
    assert all("IsDeleted=true" in why for why in skipped["why"])


def test_a_date_time_with_an_offset_keeps_its_calendar_day() -> None:
    tasks = pd.DataFrame(
        {
            "WhoId": ["003A"],
            "OwnerId": ["005U"],
            "ActivityDate": [""],
            "ActivityDateTime": ["2026-01-01T23:30:00-05:00"],
            "Type": ["Call"],
        }
    )
    assert import_salesforce_activities(tasks).interactions["date"].tolist() == ["2026-01-01"]

from pathlib import Path

import pandas as pd
import pytest

import relgraph as rg
from relgraph.importers.salesforce import import_salesforce

DATA = Path(__file__).parent / "data" / "salesforce"


@pytest.fixture(scope="module")
def result():
    return import_salesforce(DATA, us_name="Nimbus Networks")


def test_orgs_are_mapped_from_account_types(result) -> None:
    orgs = result.network.orgs.set_index("id")
    assert orgs.loc["001A0000001", "kind"] == "customer"
    assert orgs.loc["001A0000002", "kind"] == "competitor"
    assert orgs.loc["001A0000003", "kind"] == "partner"
    assert orgs.loc["001A0000004", "kind"] == "other"  # "Press" is reported
    assert orgs.loc["US", "kind"] == "us"
    assert orgs.loc["US", "name"] == "Nimbus Networks"
    assert orgs.loc["001A0000004", "crm_type"] == "Press"


def test_people_names_extra_columns_and_owners(result) -> None:
    people = result.network.people.set_index("id")
    assert len(people) == 8  # 6 contacts + 2 owners
    assert people.loc["003C0000001", "name"] == "方华"  # Chinese: family name first
    assert people.loc["003C0000002", "name"] == "Li Na"
    assert people.loc["003C0000005", "org"] == "001A0000003"
    # extra columns survive, lower-cased
    assert people.loc["003C0000001", "email"] == "fang.hua@example.com"
    assert people.loc["003C0000005", "leadsource"] == "Event"
    assert people.loc["005U0000001", "name"] == "Rui Zhou"
    assert people.loc["005U0000001", "title"] == "Key Account Manager"
    assert result.network.party["005U0000002"] == "us"


def test_reporting_lines_and_covers(result) -> None:
    ties = result.network.ties
    rep = ties[ties["kind"] == "reports_to"][["source", "target"]].values.tolist()
    # empty ReportsToId makes no tie; the missing manager 003C0000099 makes none (reported)
    assert sorted(map(tuple, rep)) == [
        ("003C0000001", "003C0000004"),
        ("003C0000002", "003C0000001"),
        ("003C0000005", "003C0000004"),  # manager at another account: kept, reported
    ]
    covers = ties[ties["kind"] == "covers"]
    assert len(covers) == 5  # 003C0000006 has no owner
    assert set(covers["source"]) == {"005U0000001", "005U0000002"}


def test_roles_through_synonyms_and_custom_values(result) -> None:
    roles = result.network.roles.set_index("person")
    assert roles.loc["003C0000004", "role"] == "decider"  # Economic Decision Maker
    assert roles.loc["003C0000001", "role"] == "influencer"  # Technical Buyer
    assert roles.loc["003C0000002", "role"] == "user"  # Business User
    assert roles.loc["003C0000005", "role"] == "influencer"
    assert roles.loc["003C0000003", "role"] == "other"  # custom value, reported
    assert roles.loc["003C0000003", "crm_role"] == "Procurement Gatekeeper (custom)"
    assert roles.loc["003C0000004", "is_primary"] == "true"
    opp = result.network.opportunities
    assert opp["id"].tolist() == ["006O0000001"]
    assert opp["account"].tolist() == ["001A0000001"]  # most of its contacts' account


def test_report_lists_exactly_the_unmapped_values(result) -> None:
    rep = result.report[["column", "value", "action"]].values.tolist()
    assert rep == [
        ["type", "Press", "kind set to 'other'"],
        ["reportstoid", "003C0000004", "reports_to tie kept"],
        ["reportstoid", "003C0000099", "no reports_to tie"],
        ["role", "Procurement Gatekeeper (custom)", "role set to 'other'"],
    ]
    assert result.report["row"].tolist() == [5, 6, 7, 5]


def test_missing_contact_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "Account.csv").write_text("Id,Name\nA,Acme\n")
    with pytest.raises(rg.ValidationError, match="Contact.csv is missing"):
        import_salesforce(tmp_path)


def test_missing_api_column_is_reported(tmp_path: Path) -> None:
    (tmp_path / "Contact.csv").write_text("Id,Account Name,LastName\nC1,Acme,Lee\n")
    with pytest.raises(rg.ValidationError) as err:
        import_salesforce(tmp_path)
    frame = err.value.frame()
    assert frame.loc[0, "column"] == "accountid"
    assert frame.loc[0, "reason"] == "missing_column"


def test_contacts_without_accounts_file_create_customer_orgs(tmp_path: Path) -> None:
    (tmp_path / "Contact.csv").write_text(
        "Id,AccountId,FirstName,LastName\nC1,A1,Ann,Lee\nC2,,Bo,Wu\n"
    )
    res = import_salesforce(tmp_path)
    orgs = res.network.orgs.set_index("id")
    assert orgs.loc["A1", "kind"] == "customer"
    assert res.network.people.set_index("id").loc["C2", "org"] == "NO_ACCOUNT"
    assert set(res.report["action"]) == {"org created as customer", "org set to NO_ACCOUNT"}
    assert isinstance(res.report, pd.DataFrame)


def _with_deleted(tmp_path: Path) -> Path:
    """The fixture export with an IsDeleted column: one account, contact and role deleted."""
    folder = tmp_path / "sf"
    folder.mkdir()
    deleted = {
        "Account.csv": "001A0000004",
        "Contact.csv": "003C0000003",  # owned by 005U0000001: would get a covers tie
        "OpportunityContactRole.csv": "00K00000002",
    }
    for f in DATA.iterdir():
        frame = pd.read_csv(f, dtype=str, keep_default_na=False)
        if f.name in deleted:
            frame["IsDeleted"] = frame["Id"].eq(deleted[f.name]).map({True: "true", False: "false"})
        frame.to_csv(folder / f.name, index=False)
    return folder


def test_deleted_rows_are_skipped_and_counted(tmp_path: Path) -> None:
    res = import_salesforce(_with_deleted(tmp_path), us_name="Nimbus Networks")
    net = res.network
    assert "003C0000003" not in set(net.people["id"])
    assert not net.ties["target"].eq("003C0000003").any()  # no covers tie to a deleted contact
    assert "001A0000004" not in set(net.orgs["id"])
    assert "003C0000001" not in set(net.roles["person"])  # its only role row was deleted
    skipped = res.report[res.report["column"].eq("isdeleted")]
    assert len(skipped) == 3 and set(skipped["action"]) == {"row skipped"}
    assert all("IsDeleted=true" in why for why in skipped["why"])
    by_file = dict(zip(skipped["file"].map(lambda f: Path(f).name), skipped["row"], strict=True))
    assert by_file == {"Account.csv": 5, "Contact.csv": 4, "OpportunityContactRole.csv": 3}
    # the deleted contact's role row is reported as such; later rows keep their own numbers
    role = res.report[res.report["value"].eq("003C0000003")]
    assert role["action"].tolist() == ["role row skipped"]
    roles = pd.read_csv(DATA / "OpportunityContactRole.csv", dtype=str)
    assert role["row"].tolist() == [int(roles.index[roles["ContactId"] == "003C0000003"][0]) + 2]

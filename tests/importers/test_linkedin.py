import pandas as pd
import pytest

import relgraph as rg
from relgraph.importers.linkedin import LINKEDIN_ORG, REPORT_COLUMNS

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)


def write(tmp_path, rows, notes=NOTES, header=HEADER):
    path = tmp_path / "Connections.csv"
    path.write_text(notes + header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def net():
    base = rg.datasets.sample()
    frames = base.to_frames()
    people = frames["people"]
    people["linkedin"] = ""
    people["email"] = ""
    people.loc[people["id"] == "C029", "linkedin"] = "https://www.linkedin.com/in/tang-min/"
    people.loc[people["id"] == "C040", "email"] = "Mao.XY@xinghe.example"
    return rg.RelationshipNetwork.from_frames(**frames)


def test_matches_by_url_email_and_name_company(net, tmp_path):
    path = write(
        tmp_path,
        [
            "Min,Tang,http://linkedin.com/in/tang-min?trk=x,,Someone Else,Director,01 Jan 2024",
            "X,Y,,mao.xy@XINGHE.example,,Manager,15 Feb 2023",
            "Mingzhe,Li,,,Xinghe Mobile,CTO,3 Mar 2022",
            "Ana,Novak,https://www.linkedin.com/in/ana,,Xinghe Mobile,Engineer,10 Oct 2021",
            "Bob,Stone,,,Acme Widgets,Sales,",
            "Kai,Deng,,,Xinghe Telecom Planning and Design Institute,Engineer,05 May 2020",
        ],
    )
    before = net.to_frames()
    out, report = rg.add_linkedin_connections(net, path, owner="N04")
    assert list(report.columns) == list(REPORT_COLUMNS)
    assert report["row"].tolist() == [5, 6, 7, 8, 9, 10]
    assert report["matched_by"].tolist() == ["url", "email", "name+company", "", "", "name+company"]
    assert report["person"].tolist()[:3] == ["C029", "C040", "C006"]
    assert report.loc[5, "person"] == "E01"
    assert report["action"].tolist() == [
        "tie added",
        "tie added",
        "tie added",
        "new person",
        "new person",
        "tie added",
    ]
    assert report.loc[0, "connected_on"] == pd.Timestamp("2024-01-01")
    # the original is untouched; the new network has the ties
    for k, v in net.to_frames().items():
        pd.testing.assert_frame_equal(v, before[k])
    new_ties = out.ties.iloc[len(net.ties) :]
    assert set(new_ties["target"]) >= {"C029", "C040", "C006"}
    assert (new_ties["source"] == "N04").all() and (new_ties["kind"] == "other").all()
    # unmatched: company known -> that org; unknown -> the LINKEDIN org of kind other
    ana = report.loc[3, "person"]
    bob = report.loc[4, "person"]
    people = out.people.set_index("id")
    assert people.loc[ana, "org"] == "XM" and people.loc[ana, "name"] == "Ana Novak"
    assert people.loc[bob, "org"] == LINKEDIN_ORG
    assert out.orgs.set_index("id").loc[LINKEDIN_ORG, "kind"] == "other"
    # and the new tie (an acquaintance, default 0.3) is usable for routes
    r = rg.connection_routes(out, "C029", source="N04", k=10).routes
    assert ("N04", "C029") not in rg.connection_routes(net, "C029", source="N04").routes[
        "path"
    ].tolist()
    direct = r[r["path"] == ("N04", "C029")]
    assert len(direct) == 1 and direct["strength"].iloc[0] == pytest.approx(0.3)


def test_unmatched_only_reported_and_already_tied(net, tmp_path):
    path = write(
        tmp_path,
        [
            "Ana,Novak,,,Nowhere,Engineer,10 Oct 2021",
            "Rui,Zhou,,,Nimbus Networks,KAM,10 Oct 2021",  # the owner himself
            "Kai,Deng,,,Xinghe Telecom Planning and Design Institute,Engineer,05 May 2020",
        ],
    )
    out, report = rg.add_linkedin_connections(net, path, owner="N03", add_unmatched=False)
    assert report["action"].tolist() == ["reported", "owner", "already tied"]
    assert len(out.people) == len(net.people) and len(out.ties) == len(net.ties)


def test_bad_files(net, tmp_path):
    bad_date = write(tmp_path, ["Ana,Novak,,,X,Y,31 Foo 2021", ",,,,X,Y,01 Jan 2020"])
    with pytest.raises(rg.ValidationError) as err:
        rg.add_linkedin_connections(net, bad_date, owner="N03")
    frame = err.value.frame()
    assert frame["row"].tolist() == [5, 6]
    assert frame["reason"].tolist() == ["bad_date", "blank"]
    assert str(bad_date) in frame["source"].iloc[0]
    assert "01 Jan 2024" in frame["hint"].iloc[0]

    no_header = tmp_path / "other.csv"
    no_header.write_text("a,b\n1,2\n")
    with pytest.raises(rg.ValidationError, match="First Name"):
        rg.add_linkedin_connections(net, no_header, owner="N03")
    missing = write(tmp_path, ["Ana,Novak,x"], header="First Name,Last Name,URL\n")
    with pytest.raises(rg.ValidationError, match="Connected On"):
        rg.add_linkedin_connections(net, missing, owner="N03")
    with pytest.raises(rg.ValidationError, match="does not exist"):
        rg.add_linkedin_connections(net, tmp_path / "nope.csv", owner="N03")
    with pytest.raises(rg.UnknownPersonError):
        rg.add_linkedin_connections(net, missing, owner="nobody")


def test_header_without_notes(net, tmp_path):
    path = write(tmp_path, ["Ana,Novak,,,Nowhere,Engineer,10 Oct 2021"], notes="")
    _, report = rg.add_linkedin_connections(net, path, owner="N03")
    assert report["row"].tolist() == [2]


def test_keeps_the_interaction_log(net, tmp_path):
    # The import used to drop the interactions table, so every covers tie lost its
    # strength derived from the log (e.g. N09 -> C006 fell from 0.73 to the 0.7 default).
    path = write(tmp_path, ["Ana,Novak,,,Nowhere,Engineer,10 Oct 2021"])
    net2, _ = rg.add_linkedin_connections(net, path, owner="N03")
    pd.testing.assert_frame_equal(net2.interactions, net.interactions)
    before = rg.connection_routes(net, "C006", source="N09").routes["strength"].iloc[0]
    after = rg.connection_routes(net2, "C006", source="N09").routes["strength"].iloc[0]
    assert after == pytest.approx(before)
    assert before != pytest.approx(net.settings.tie_strength["covers"])


def test_empty_file_is_a_clear_error(net, tmp_path):
    empty = tmp_path / "Connections.csv"
    empty.write_bytes(b"")
    with pytest.raises(rg.ValidationError, match="the file is empty") as err:
        rg.add_linkedin_connections(net, empty, owner="N03")
    assert err.value.frame()["source"].tolist() == [str(empty)]


def test_gbk_encoded_file_is_read(net, tmp_path):
    # Excel on a Chinese Windows saves CSV as GBK; the names must come through intact.
    path = tmp_path / "Connections.csv"
    text = "Notes:\n\n" + HEADER + "华,方,,,远方科技,经理,01 Jan 2024\n"
    path.write_bytes(text.encode("gbk"))
    out, report = rg.add_linkedin_connections(net, path, owner="N03")
    assert report["row"].tolist() == [4]
    assert report["action"].tolist() == ["new person"]
    new = out.people.set_index("id").loc[report["person"].iloc[0]]
    assert new["name"] == "华 方"


def test_row_with_too_many_fields_is_reported_not_shifted(net, tmp_path):
    path = write(
        tmp_path,
        ["Ana,Novak,,,X,Y,01 Jan 2020", "Bo,Li,,,Acme, Inc,Sales,01 Jan 2020,x"],
        notes="",
    )
    with pytest.raises(rg.ValidationError) as err:
        rg.add_linkedin_connections(net, path, owner="N03")
    frame = err.value.frame()
    assert frame["row"].tolist() == [3]
    assert frame["reason"].tolist() == ["unreadable"]
    assert "9 fields but the header has 7" in frame["hint"].iloc[0]
    assert "quotes" in frame["hint"].iloc[0]


def test_blank_lines_keep_file_line_numbers_and_every_row_is_reported(net, tmp_path):
    path = write(
        tmp_path,
        ["Ana,Novak,,,Nowhere,Engineer,10 Oct 2021", "", "Bo,Li,,,Nowhere,Sales,10 Oct 2021"],
        notes="",
    )
    _, report = rg.add_linkedin_connections(net, path, owner="N03")
    assert report["row"].tolist() == [2, 4]  # the blank line 3 is skipped, not renumbered
    bad = write(tmp_path, ["Ana,Novak,,,X,Y,10 Oct 2021", "", "Bo,Li,,,X,Y,31 Foo 2021"], notes="")
    with pytest.raises(rg.ValidationError) as err:
        rg.add_linkedin_connections(net, bad, owner="N03")
    assert err.value.frame()[["row", "column"]].values.tolist() == [[4, "Connected On"]]


def test_columns_in_another_order_are_read_by_name(net, tmp_path):
    header = "Connected On,First Name,Last Name,URL,Email Address,Company,Position\n"
    path = write(tmp_path, ["10 Oct 2021,Ana,Novak,,,Nowhere,Engineer"], notes="", header=header)
    _, report = rg.add_linkedin_connections(net, path, owner="N03")
    assert report["connected_on"].tolist() == [pd.Timestamp("2021-10-10")]
    assert report["action"].tolist() == ["new person"]


@pytest.mark.parametrize("owner", ["C005", "R01"])
def test_the_owner_must_be_one_of_ours(net, tmp_path, owner):
    from relgraph.errors import InvalidParameterError

    path = write(tmp_path, ["Gus,Lee,,,Globex,CTO,15 Mar 2023"])
    if owner not in set(net.people["id"]):
        owner = next(p for p, k in net.party.items() if k == "competitor")
    with pytest.raises(InvalidParameterError) as info:
        rg.add_linkedin_connections(net, path, owner=owner)
    assert info.value.parameter == "owner"
    assert "one of our people" in str(info.value) and f"kind {net.party[owner]}" in str(info.value)

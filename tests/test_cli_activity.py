import json

from typer.testing import CliRunner

import relgraph as rg
from relgraph.cli import app


def test_activity_json_on_the_sample() -> None:
    res = CliRunner().invoke(
        app, ["activity", str(rg.datasets.sample_path()), "--json", "--as-of", "2026-11-15"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["as_of"] == "2026-11-15"
    assert {"strength", "last_contact", "issues"} <= set(out)
    open_ = [i for i in out["issues"] if i["status"] == "open"]
    assert [i["issue"] for i in open_] == ["INC-2026-031"]


def test_activity_text_and_as_of() -> None:
    res = CliRunner().invoke(
        app, ["activity", str(rg.datasets.sample_path()), "--as-of", "2026-06-30"]
    )
    assert res.exit_code == 0, res.output
    assert "as of 2026-06-30" in res.output
    assert "INC-2026-031" not in res.output  # opened after 2026-06-30


def test_activity_bad_date_and_no_log(tmp_path) -> None:
    res = CliRunner().invoke(app, ["activity", str(rg.datasets.sample_path()), "--as-of", "x"])
    assert res.exit_code != 0
    rg.datasets.tiny().to_csv(tmp_path / "t")
    (tmp_path / "t" / "interactions.csv").unlink()
    res = CliRunner().invoke(app, ["activity", str(tmp_path / "t")])
    assert res.exit_code == 1


def test_activity_plot_option_writes_the_chart(tmp_path) -> None:
    out = tmp_path / "touchpoints.png"
    res = CliRunner().invoke(
        app,
        ["activity", str(rg.datasets.sample_path()), "--json", "--as-of", "2026-11-15"]
        + ["--plot", str(out)],
    )
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    assert json.loads(res.stdout)["as_of"] == "2026-11-15"  # the note goes to stderr

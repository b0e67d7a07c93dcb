import importlib
import sys

import pytest

import relgraph.viz.vis_assets as assets
from relgraph.errors import RelgraphError


def test_the_shipped_vis_network_is_the_tested_build():
    assert "vis-network" in assets.vis_js()[:200]
    assert "\r" not in assets.vis_js() and "</script" not in assets.vis_js()
    assert "sourceMappingURL" not in assets.vis_js()


def _reimport():
    sys.modules.pop("relgraph.viz.vis_assets", None)
    return importlib.import_module("relgraph.viz.vis_assets")


def test_a_moved_asset_fails_at_import_with_what_to_install(monkeypatch):
    monkeypatch.setattr(assets, "VIS_NETWORK_PATH", ("templates", "lib", "vis-99", "x.js"))
    with pytest.raises(RelgraphError, match=r"pip install 'pyvis>=0.3.2,<0.4'"):
        assets._vis_file()


def test_a_changed_asset_fails_at_import(monkeypatch, tmp_path):
    fake = tmp_path / "vis-network.min.js"
    fake.write_text("/* another build */", encoding="utf-8")
    with pytest.raises(RelgraphError, match="has not been tested with"):
        assets._check(fake)


def test_import_runs_the_check(monkeypatch):
    monkeypatch.setattr(
        "hashlib.sha256", lambda data: type("H", (), {"hexdigest": lambda s: "0"})()
    )
    try:
        with pytest.raises(RelgraphError, match="not been tested"):
            _reimport()
    finally:
        monkeypatch.undo()
        _reimport()

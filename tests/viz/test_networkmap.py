import builtins
import sys

import pytest

import relgraph as rg
from relgraph.errors import InvalidParameterError, MissingDependencyError


@pytest.fixture(scope="module")
def tiny_map():
    return rg.to_html(rg.datasets.tiny())


def test_save_writes_html_by_suffix(tiny_map, tmp_path):
    out = tiny_map.save(tmp_path / "map.HTM")
    assert out.read_text(encoding="utf-8") == tiny_map.html
    with pytest.raises(InvalidParameterError, match=r"\.html, \.htm, \.png, \.svg"):
        tiny_map.save(tmp_path / "map.pdf")
    with pytest.raises(InvalidParameterError, match="width"):
        tiny_map.save(tmp_path / "map.png", width=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.HTM"]


def test_image_without_playwright_says_what_to_install(tiny_map, tmp_path, monkeypatch):
    real = builtins.__import__

    def no_playwright(name, *args, **kwargs):
        if name.startswith("playwright"):
            raise ImportError("No module named 'playwright'")
        return real(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "playwright.sync_api", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_playwright)
    with pytest.raises(MissingDependencyError, match="pip install playwright"):
        tiny_map.save(tmp_path / "map.png")
    assert not (tmp_path / "map.png").exists()


def test_image_without_a_browser_says_what_to_install(tiny_map, tmp_path):
    pytest.importorskip("playwright.sync_api")
    with pytest.raises(MissingDependencyError, match="playwright install chromium"):
        tiny_map.save(tmp_path / "map.svg", browser=str(tmp_path / "no-such-chrome"))
    assert not (tmp_path / "map.svg").exists()


def test_repr_and_counts(tiny_map):
    assert repr(tiny_map).startswith("NetworkMap(6 people, 7 ties")
    assert tiny_map.in_view == 6 and tiny_map.groups == 0
    assert tiny_map.situation[0].startswith("Rival leads with a support index")

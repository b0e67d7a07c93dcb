"""With ``language="zh`` every output a person reads is Chinese: no English word is left.

Each analysis, the plan (workbook, HTML, Markdown), the map (visible text and the words its
script shows), the plots (every matplotlib text) and the demo run on the sample account in
Chinese; every text a person reads is collected and scanned for English words of three or
more letters. Allowed: what the data itself holds (ids, titles, departments, opportunity and
affiliation names, notes — the sample writes them in English) and a short list of code
names the texts must quote (``include_sensitive=True``), file formats and the product name.
Names must be the Chinese ones: ``name_en`` is not allowed where a Chinese name exists.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path

import matplotlib
import openpyxl
import pandas as pd
import pytest

import relgraph as rg
from relgraph.datasets import snapshots
from relgraph.demo import run_demo
from relgraph.export import to_networkx

matplotlib.use("Agg")

ENGLISH = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile("[\u4e00-\u9fff]")
#: Code names a Chinese text quotes as they are (parameters, files), proper nouns, formats.
ALLOWED = re.compile(
    r"\binclude_\w+=True\b|\S*/\S*|\b[\w-]+\.(?:csv|xlsx|html|png)\b"
    r"|\brelgraph\b|\bPNG\b|\bSVG\b|\bLinkedIn\b"
)
#: Free-text columns of the input tables: what the data says, in its own words.
DATA_COLUMNS = {
    "people": ["id", "title", "department"],
    "orgs": ["id"],
    "opportunities": ["id", "name"],
    "affiliations": ["affiliation"],
    "interactions": ["issue", "subject", "note"],
    "ties": ["note"],
}


def _data_values(nets: Iterable[rg.RelationshipNetwork]) -> re.Pattern[str]:
    """One pattern matching every data value of the networks (longest first, whole words)."""
    values: set[str] = set()
    for net in nets:
        for table, columns in DATA_COLUMNS.items():
            frame = getattr(net, table)
            for col in columns:
                if col in frame:
                    values |= {str(v).strip() for v in frame[col].dropna() if str(v).strip()}
    alts = (re.escape(v) for v in sorted(values, key=len, reverse=True))
    return re.compile("|".join(rf"(?<![A-Za-z]){v}(?![A-Za-z])" for v in alts))


def english_words(text: str, data: re.Pattern[str]) -> list[str]:
    """English words left in ``text`` once data values and allowed code names are removed."""
    return ENGLISH.findall(data.sub(" ", ALLOWED.sub(" ", text)))


def _columns(frame: pd.DataFrame, *cols: str) -> list[str]:
    return [str(v) for c in cols for v in frame[c].tolist() if isinstance(v, str) and v]


def _analyses(net: rg.RelationshipNetwork, old: rg.RelationshipNetwork) -> dict[str, list[str]]:
    rep = rg.coverage(net, "OPP-1")
    routes = rg.connection_routes(net, "C002")
    sim = rg.simulate(net, "OPP-1", changes={"C005": 2}, new_ties=[("N03", "C007", "friend")])
    d = rg.diff(old, net)
    people_changes = d.changes[~d.changes["kind"].str.startswith("gap_")]
    accounts = pd.DataFrame(
        {"account": ["XM", "YT"], "current_value": [5, 1], "future_potential": [2, 9]}
    ).assign(strategic_fit=[5, 2])
    return {
        "coverage gaps": _columns(rep.gaps, "name", "why"),
        "coverage people": _columns(rep.people, "name", "route", "why"),
        "coverage summary": _columns(rep.summary, "name", "why"),
        "coverage notes": list(rep.notes),
        "coverage notebook headings": re.findall(r"<h[45]>(.*?)</h[45]>", rep._repr_html_()),
        "hidden influencers": _columns(
            rg.hidden_influencers(net, "OPP-1"), "name", "influences", "why"
        ),
        "support index": _columns(rg.support_index(net, "OPP-1"), "name", "why"),
        "leverage": _columns(rg.leverage(net, "OPP-1"), "name", "why"),
        "influence paths": [str(rg.influence_paths(net, "C005", "C001"))],
        "connection routes": [str(routes), *_columns(routes.routes, "route", "why")],
        "routes to many": _columns(
            rg.routes_to_many(net, ["C001", "C002", "C010", "N03"], progress=False),
            "name",
            "best_route",
            "alt_route",
            "why",
        ),
        "recommend targets": _columns(
            rg.recommend_targets(net, "OPP-1", capacity=5),
            "name",
            "owner_a",
            "owner_b",
            "sponsor",
            "route",
            "why",
        ),
        "target candidates": _columns(rg.target_candidates(net, "OPP-1"), "name"),
        "match sponsor": _columns(rg.match_sponsor(net, "C005"), "name", "why"),
        # before/after of a gap row are its rule id and severity (codes, like `rule`)
        "diff": [
            d.narrative,
            *_columns(d.changes, "label", "why"),
            *_columns(people_changes, "before", "after"),
        ],
        "factions": _columns(rg.factions(net, "XM"), "names", "why"),
        "tie strengths": _columns(rg.tie_strengths(net), "why"),
        "relationship strength": _columns(rg.relationship_strength(net), "why"),
        "last contact": _columns(rg.last_contact(net), "name", "why"),
        "customer issues": _columns(rg.customer_issues(net), "owner_name", "names", "why"),
        "simulate": [*_columns(sim.people, "name", "change"), *_columns(sim.index, "name")],
        "decision chain": [rg.decision_chain(net, "OPP-1").graph["flow"]],
        "tiers": _columns(rg.tier_customers(accounts, lang="zh"), "why"),
        "export note": [to_networkx(net).graph["note"]],
    }


def _visible(page: str) -> str:
    """The text a browser shows: no scripts, no styles, no tags, entities decoded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _plan(net: rg.RelationshipNetwork, folder: Path) -> dict[str, list[str]]:
    p = rg.plan(net, "OPP-1", capacity=5)
    book = openpyxl.load_workbook(p.to_excel(folder / "plan.xlsx"))
    cells = [
        str(c.value)
        for ws in book
        for row in ws.iter_rows()
        for c in row
        if c.value is not None and not isinstance(c.value, (int, float))
    ]
    return {
        "plan workbook sheet names": list(book.sheetnames),
        "plan workbook cells": cells,
        "plan html": [_visible(p.to_html())],
        "plan markdown": [p.to_markdown().replace("\\", "")],  # without Markdown escapes
    }


def _map(net: rg.RelationshipNetwork) -> dict[str, list[str]]:
    page = rg.to_html(net, opportunity="OPP-1").html
    data = json.loads(
        re.search(r'id="relgraph-data">(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
    )
    groups = [g[k] for gs in data["groups"].values() for g in gs for k in ("label", "short")]
    return {
        "map page": [_visible(page)],
        "map tooltips": [n["title"] for n in data["nodes"]] + [e["title"] for e in data["edges"]],
        "map labels": [n["label"] for n in data["nodes"]] + groups,
        "map bands": [b["text"] for side in ("cols", "rows") for b in data["bands"][side]],
        "map filters": [c["text"] for choices in data["filters"].values() for c in choices],
        "map script words": list(data["text"].values()),
    }


def _texts_of(ax: matplotlib.axes.Axes) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in ax.figure.findobj(Text) if t.get_text().strip()]


def _plots(net: rg.RelationshipNetwork) -> dict[str, list[str]]:
    import matplotlib.pyplot as plt

    route = rg.connection_routes(net, "C006", source="N03").routes.iloc[0]
    history = rg.load_history(
        {day: rg.load(path, settings=net.settings) for day, path in snapshots().items()},
        opportunity="OPP-1",
    )
    drawn = {
        "plot decision chain": rg.plot_decision_chain(net, "OPP-1"),
        "plot power map": rg.plot_power_map(net, "OPP-1"),
        "plot coverage": rg.plot_coverage(net, "OPP-1"),
        "plot route": rg.plot_route(net, route),
        "plot touchpoints": rg.plot_touchpoints(net),
        "plot trend": rg.plot_trend(history, opportunity="OPP-1"),
    }
    out = {name: _texts_of(ax) for name, ax in drawn.items()}
    plt.close("all")
    return out


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[str]], re.Pattern[str]]:
    net = rg.datasets.sample().with_settings(language="zh")
    old = rg.load(snapshots()["2026-05-31"])
    folder = tmp_path_factory.mktemp("zh")
    lines: list[str] = []
    run_demo(folder / "demo", echo=lines.append, lang="zh")
    texts = {
        **_analyses(net, old),
        **_plan(net, folder),
        **_map(net),
        **_plots(net),
        "demo": lines,
    }
    return texts, _data_values([net, old])


NAMES = [
    *"""coverage gaps|coverage people|coverage summary|coverage notes|coverage notebook headings
    |hidden influencers|support index|leverage|influence paths|connection routes|routes to many
    |recommend targets|target candidates|match sponsor|diff|factions|tie strengths
    |relationship strength|last contact|customer issues|simulate|decision chain|tiers
    |export note|plan workbook sheet names|plan workbook cells|plan html|plan markdown|map page
    |map tooltips|map labels|map bands|map filters|map script words|plot decision chain
    |plot power map|plot coverage|plot route|plot touchpoints|plot trend|demo""".split("|")
]


@pytest.mark.parametrize("name", [n.strip() for n in NAMES])
def test_no_english_left(zh: tuple[dict[str, list[str]], re.Pattern[str]], name: str) -> None:
    texts, data = zh
    found = texts[name]
    assert found, f"{name}: nothing collected"
    assert any(CJK.search(t) for t in found), f"{name}: no Chinese at all"
    left = {w: t for t in found for w in english_words(t, data)}
    assert not left, (
        f"{name}: English words {sorted(left)[:12]} in e.g. {next(iter(left.values()))[:300]!r}"
    )


def test_every_output_is_scanned(zh: tuple[dict[str, list[str]], re.Pattern[str]]) -> None:
    assert sorted(zh[0]) == sorted(n.strip() for n in NAMES)


def test_names_are_the_chinese_ones(zh: tuple[dict[str, list[str]], re.Pattern[str]]) -> None:
    texts, _ = zh
    every = "\n".join(t for found in texts.values() for t in found)
    assert "王志远" in every and "Wang Zhiyuan" not in every
    assert "星河移动" in every and "星河移动 (Xinghe Mobile)" not in every


def test_the_scan_finds_an_english_template() -> None:
    """The scan is not blind: the same output in English is full of English words."""
    net = rg.datasets.sample()
    data = _data_values([net])
    en = rg.coverage(net, "OPP-1").gaps["why"].tolist()
    assert sum(len(english_words(t, data)) for t in en) > 100
    zh = rg.coverage(net.with_settings(language="zh"), "OPP-1").gaps["why"].tolist()
    assert sum(len(english_words(t, data)) for t in zh) == 0

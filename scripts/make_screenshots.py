"""Regenerate the map and plot pictures in docs/img/ (shown in docs/howto/maps-and-plots.md).

Usage: ``python scripts/make_screenshots.py [OUTPUT_FOLDER]`` (default ``docs/img``).

Maps are opened in headless Chromium (playwright with the system's ``chromium``) at 1600 ×
1000, exactly as a user opens the file, and the whole window is captured; plots are saved
by matplotlib. Pictures: the sample account's map (default view and one group opened with
a person in focus), a 25-person account, a 1,500-person account, and the four plots of
the sample account.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import relgraph as rg  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "viz"))
VIEW = {"width": 1600, "height": 1000}


def small_account() -> rg.RelationshipNetwork:
    """Cut the sample down to a 25-person account: OPP-1's people and a few around them."""
    f = rg.datasets.sample().to_frames()
    roles = f["roles"][f["roles"]["opportunity"].eq("OPP-1")]
    keep = set(roles["person"]) | {"C002", "E02", "N03", "N09"}
    people = f["people"][f["people"]["id"].isin(keep)]
    ties = f["ties"][f["ties"]["source"].isin(keep) & f["ties"]["target"].isin(keep)]
    inter = f["interactions"][f["interactions"]["our_person"].isin(keep)]
    inter = inter.assign(
        their_people=inter["their_people"].map(
            lambda s: ";".join(p for p in str(s).split(";") if p in keep)
        )
    )
    inter = inter[inter["their_people"].ne("")]
    return rg.RelationshipNetwork.from_frames(
        **f
        | {
            "people": people,
            "ties": ties,
            "roles": roles,
            "opportunities": f["opportunities"][f["opportunities"]["id"].eq("OPP-1")],
            "affiliations": f["affiliations"][f["affiliations"]["person"].isin(keep)],
            "interactions": inter,
        }
    )


def large_account(n: int = 1500) -> rg.RelationshipNetwork:
    """Make a synthetic account of ``n`` people (the benchmarks' generator)."""
    from _viz_data import synthetic

    return synthetic(n - 10)


def shoot(page_html: str, out: Path, *, action: str | None = None) -> None:
    """Open a map page in headless Chromium at 1600 × 1000 and capture the window."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "map.html"
        path.write_text(page_html, encoding="utf-8")
        browser = p.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport=VIEW)
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        page.goto(path.as_uri())
        page.wait_for_function("window.relgraphMapReady === true", timeout=60_000)
        if action:
            page.evaluate(action)
            page.wait_for_timeout(600)
        page.screenshot(path=str(out))
        browser.close()
    small(out)
    print(f"wrote {out}")


def small(path: Path) -> None:
    """Store a picture with a 256-colour palette (a third of the size, same look)."""
    from PIL import Image

    with Image.open(path) as im:
        pal = im.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    pal.save(path, optimize=True)


def plots(net: rg.RelationshipNetwork, folder: Path) -> None:
    """Save the four plots of the sample account, at slide size."""
    from matplotlib.figure import Figure

    route = rg.connection_routes(net, "C005", source="N03").routes.iloc[0]
    jobs = [
        (
            "plot_decision_chain.png",
            (11, 9),
            lambda ax: rg.plot_decision_chain(net, "OPP-1", ax=ax),
        ),
        ("plot_power_map.png", (11, 7), lambda ax: rg.plot_power_map(net, "OPP-1", ax=ax)),
        ("plot_coverage.png", (14, 7.5), lambda ax: rg.plot_coverage(net, "OPP-1", ax=ax)),
        (
            "plot_route.png",
            (11, 3.6),
            lambda ax: rg.plot_route(net, route, opportunity="OPP-1", ax=ax),
        ),
    ]
    for name, size, draw in jobs:
        fig = Figure(figsize=size, layout="constrained")
        draw(fig.add_subplot())
        fig.savefig(folder / name, dpi=100)
        small(folder / name)
        print(f"wrote {folder / name}")


def main() -> None:
    """Write every picture into the folder given (default docs/img)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"
    folder.mkdir(parents=True, exist_ok=True)
    sample = rg.datasets.sample()
    as_of = "2026-01-05"  # the sample's reference date: the same title line on every run
    shoot(rg.to_html(sample, opportunity="OPP-1", as_of=as_of).html, folder / "map_sample.png")
    focus = (
        "(() => { const m = window.relgraphMap, net = m.network;"
        " m.openGroup(m.groups()[0]);"
        " const ceo = net.body.data.nodes.get().find(n => n.title.startsWith('王志远')).id;"
        " m.focus(ceo); m.home(); })()"
    )
    shoot(
        rg.to_html(sample, opportunity="OPP-1", as_of=as_of).html,
        folder / "map_sample_focus.png",
        action=focus,
    )
    small = small_account()
    assert small.n_people == 25, small.n_people
    shoot(rg.to_html(small, as_of=as_of).html, folder / "map_25_people.png")
    big = large_account()
    shoot(rg.to_html(big, as_of=as_of).html, folder / "map_1500_people.png")
    plots(sample, folder)


if __name__ == "__main__":
    main()

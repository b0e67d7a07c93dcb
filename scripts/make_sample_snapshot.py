"""Regenerate the earlier snapshot of the sample account (relgraph/datasets/snapshots/2026-05-31).

The snapshot is the sample account as the team recorded it on 2026-05-31, before three
changes the monitoring docs and tests rely on:

1. the CTO was replaced: Ma Guoliang (马国良, C062) was CTO and the OPP-1 decider; Li Mingzhe
   (C006) was Deputy CTO (level 3, reporting to C062, an influencer at specification);
2. the CFO Liu Yaqin (C007) was a supporter (+1, assessed 2026-02-10); she later turned
   opponent (-1, 2026-09-30);
3. the wireless manager Yuan Ye (C019) did not yet back Borealis.

Everything else equals the current sample, except that assessments dated after
2026-05-31 carry a date six months earlier (a May snapshot cannot hold later dates), and
the interactions stop at 2026-05-31 (those with the CTO were with Ma Guoliang).
Run from the repo root: ``python scripts/make_sample_snapshot.py``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "relgraph" / "datasets" / "sample"
DATE = "2026-05-31"
OUT = ROOT / "relgraph" / "datasets" / "snapshots" / DATE


def main() -> None:
    """Write the dated snapshot folder from the current sample account."""
    OUT.mkdir(parents=True, exist_ok=True)
    read = {"dtype": str, "keep_default_na": False}
    people = pd.read_csv(SAMPLE / "people.csv", **read)
    ties = pd.read_csv(SAMPLE / "ties.csv", **read)
    roles = pd.read_csv(SAMPLE / "roles.csv", **read)

    late = people["updated"].gt(DATE)
    earlier = pd.to_datetime(people.loc[late, "updated"]) - pd.DateOffset(months=6)
    people.loc[late, "updated"] = earlier.dt.strftime("%Y-%m-%d")

    cto = people["id"].eq("C006")
    people.loc[cto, ["title", "level"]] = ["Deputy Chief Technology Officer", "3"]
    cfo = people["id"].eq("C007")
    people.loc[cfo, ["attitude", "updated"]] = ["1", "2026-02-10"]
    wireless = people["id"].eq("C019")
    people.loc[wireless, ["supports", "support", "updated"]] = ["", "", "2026-03-15"]
    old_cto = people[cto].copy()
    old_cto[["id", "name", "name_en", "title", "level", "attitude", "updated"]] = [
        "C062",
        "马国良",
        "Ma Guoliang",
        "Chief Technology Officer",
        "2",
        "1",
        "2026-04-10",
    ]
    at = int(people.index[cto][0]) + 1
    people = pd.concat([people.iloc[:at], old_cto, people.iloc[at:]], ignore_index=True)

    # C006 reported to the CEO as CTO; back then he reported to C062, who reported to the CEO.
    is_c006_up = (
        ties["source"].eq("C006") & ties["target"].eq("C005") & ties["kind"].eq("reports_to")
    )
    ties.loc[is_c006_up, "target"] = "C062"
    blank = dict.fromkeys(ties.columns, "")
    extra = [
        {**blank, "source": "C062", "target": "C005", "kind": "reports_to"},
        {**blank, "source": "N09", "target": "C062", "kind": "covers"},
    ]
    ties = pd.concat([ties, pd.DataFrame(extra)], ignore_index=True)
    # N09 covered the CTO of the day; N05 already covered Li Mingzhe.
    ties = ties[~(ties["source"].eq("N09") & ties["target"].eq("C006"))]

    is_c006 = roles["opportunity"].eq("OPP-1") & roles["person"].eq("C006")
    roles.loc[is_c006, ["role", "power", "stage"]] = ["influencer", "", "specification"]
    new_role = {
        "opportunity": "OPP-1",
        "person": "C062",
        "role": "decider",
        "power": "0.8",
        "stage": "decision",
    }
    roles = pd.concat([roles, pd.DataFrame([new_role])], ignore_index=True)

    people.to_csv(OUT / "people.csv", index=False)
    ties.to_csv(OUT / "ties.csv", index=False)
    roles.to_csv(OUT / "roles.csv", index=False)
    inter_path = SAMPLE / "interactions.csv"
    if inter_path.exists():  # only what had happened by the snapshot's date
        inter = pd.read_csv(inter_path, **read)
        inter = inter[inter["date"].le(DATE)]
        # the meetings with the CTO of the day were with Ma Guoliang
        inter["their_people"] = inter["their_people"].str.replace("C006", "C062")
        inter.to_csv(OUT / "interactions.csv", index=False)
    for name in ("orgs", "opportunities", "affiliations"):
        (OUT / f"{name}.csv").write_bytes((SAMPLE / f"{name}.csv").read_bytes())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

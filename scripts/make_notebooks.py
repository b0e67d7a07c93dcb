"""Write the tutorial notebooks in ``notebooks/`` from the cell texts below.

The notebooks are generated so that they stay reproducible and are committed without
outputs: every cell has a fixed id, ``execution_count`` is null, there are no outputs, and
the metadata holds only the kernel and language. ``tests/test_notebooks.py`` checks that
the committed files equal what this script writes, and executes each of them.

Run from anywhere: ``python scripts/make_notebooks.py`` (``--check`` only reports whether
the committed notebooks are up to date, and exits 1 when they are not).
"""

from __future__ import annotations

import sys
from pathlib import Path
from textwrap import dedent
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"

#: Notebook metadata: the kernel and language only (no versions, no widget state).
METADATA: dict[str, Any] = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}

SETUP = """\
import pandas as pd

import relgraph as rg

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)
net = rg.datasets.sample()
net"""

QUICKSTART = [
    (
        "md",
        """\
        # Quickstart: one account, one tender

        **The sales question.** We are bidding for a large contract at a customer. Who takes
        the decision, who is for us and who is for a competitor, whose opinion moves the
        outcome most, and what does the whole web of people look like?

        relgraph answers this from a few tables (people, ties, roles in the deal). This
        notebook uses the bundled, entirely fictional sample account: **Xinghe Mobile
        (星河移动)**, a provincial mobile operator buying a 5G core network. We are Nimbus
        Networks; Orion Telecom and Borealis Systems compete. The story is told in
        `docs/sample-account.md`.

        Nothing here writes to disk, and sensitive ties (family, faith, neighbours) stay
        hidden, as they do by default everywhere in relgraph.""",
    ),
    ("code", SETUP),
    (
        "md",
        """\
        ## The deals and the people

        Two opportunities are open at the account. We follow `OPP-1`, the 5G core tender.
        Attitudes run from −3 (strongly against us) to +3 (strongly for us); `supports`
        names the competitor a person backs.""",
    ),
    ("code", 'net.opportunities[["id", "name", "stage", "goal", "competitors"]]'),
    (
        "code",
        """\
        cols = ["id", "name", "name_en", "title", "level", "attitude", "supports"]
        net.people[cols].head(8)""",
    ),
    (
        "md",
        """\
        ## The decision chain

        Who acts at which stage of the buying process, from the person who raised the need
        to the buyers. `decision_chain` returns a graph; its `flow` is the chain as one line,
        and each node carries the person's role, power and attitude. People without a role
        who sway a role holder directly are added as *hidden* nodes.""",
    ),
    (
        "code",
        """\
        chain = rg.decision_chain(net, "OPP-1")
        print(chain.graph["flow"])
        withheld = chain.graph["withheld"]
        print(f"hidden sway left out because only sensitive ties carry it: {withheld}")""",
    ),
    (
        "code",
        """\
        members = pd.DataFrame(
            [
                {
                    "person": pid,
                    "who": data["label"],
                    "role": data.get("role", "(hidden influencer)"),
                    "stage": data.get("stage"),
                    "power": data["power"],
                    "attitude": data["attitude"],
                    "backs": data["supports"],
                }
                for pid, data in chain.nodes(data=True)
            ]
        )
        members = members.fillna({"backs": ""})
        members.sort_values(["power", "person"], ascending=[False, True]).head(12)""",
    ),
    (
        "md",
        """\
        `rg.plot_decision_chain(net, "OPP-1")` draws the same chain with matplotlib, stage by
        stage (see the maps-and-plots how-to).""",
    ),
    (
        "md",
        """\
        ## Where we stand, and whose opinion matters most

        The *support index* is the power-weighted attitude of the role holders after
        everyone has listened to the people who sway them (the Friedkin–Johnsen model; see
        the methodology page). *Leverage* is how far our index moves per point of one
        person's attitude: the people to work on first.""",
    ),
    ("code", 'rg.support_index(net, "OPP-1")[["party", "name", "index", "supporters", "why"]]'),
    (
        "code",
        """\
        lev = rg.leverage(net, "OPP-1")
        lev[["person", "name", "roles", "attitude", "backs", "leverage"]].head(10)""",
    ),
    ("code", 'print(lev.loc[0, "name"], "—", lev.loc[0, "why"])'),
    (
        "md",
        """\
        ## The map

        `to_html` draws the account as an interactive map (layered by level, coloured by
        attitude). In Jupyter the map object displays itself inline; `m.save(path)` would
        write the self-contained page. Its notes say what was left out for privacy.""",
    ),
    (
        "code",
        """\
        m = rg.to_html(net, opportunity="OPP-1", height="520px")
        print(m.notes)
        m""",
    ),
    (
        "md",
        """\
        ## Next

        One notebook per job:

        - `01_hidden_influencers_and_what_if.ipynb`: who sways the deal without a role, and
          what happens if their attitude changes;
        - `02_coverage_and_targets.ipynb`: where competitors are stronger, whom to work on,
          with which sponsor;
        - `03_routes.ipynb`: warm introductions, including from a LinkedIn export;
        - `04_planning_and_monitoring.ipynb`: the yearly plan, what changed, trends,
          account tiers and the interaction history.""",
    ),
]

INFLUENCERS = [
    (
        "md",
        """\
        # Hidden influencers and what-if

        **The sales question.** The organisation chart shows who signs. But the CEO consults
        an independent director before every big investment, and the CTO still listens to
        his former boss. Who are these people without a formal role in the deal, how does
        their view travel to the decision makers, and how much would it help us to win one
        of them over?""",
    ),
    ("code", SETUP),
    (
        "md",
        """\
        ## Who sways the deal without a role

        `hidden_influencers` ranks people with no role in the opportunity by their
        leverage, with the ties that make them influential as evidence. The CFO's husband
        (E03) is influential only through a family tie: he is listed, but the evidence is
        withheld (`withheld` counts it) unless you pass `include_sensitive=True` for your
        own, unshared analysis.""",
    ),
    (
        "code",
        """\
        hidden = rg.hidden_influencers(net, "OPP-1", k=5)
        hidden[["rank", "person", "name", "attitude", "backs", "leverage", "via", "withheld"]]""",
    ),
    (
        "code",
        """\
        for row in hidden.itertuples():
            print(f"{row.rank}. {row.name}: {row.why}")""",
    ),
    (
        "md",
        """\
        ## How their view travels

        `influence_paths` finds the strongest chains of sway from one person to another. The
        independent director Lin Shuyi (C002) reaches the CEO (C005) in one hop. The
        engineer Cheng Hao (C020) sways two members of the evaluation committee, but his
        view reaches the CEO only through long, weak chains.""",
    ),
    (
        "code",
        'rg.influence_paths(net, "C002", "C005").paths[["rank", "strength", "hops", "route"]]',
    ),
    (
        "code",
        """\
        chains = rg.influence_paths(net, "C020", "C005", k=3)
        for row in chains.paths.itertuples():
            print(f"{row.strength:.5f}  {row.route}")""",
    ),
    (
        "md",
        """\
        ## What if?

        `simulate` predicts every attitude and each party's support index before and after
        a change: an attitude we win (`changes`), a person who leaves (`leaves`) or a tie
        that forms (`new_ties`). The input network is never modified.

        First: we win over the independent director (neutral → +2).""",
    ),
    (
        "code",
        """\
        won = rg.simulate(net, "OPP-1", changes={"C002": 2})
        won.index""",
    ),
    (
        "code",
        """\
        moved = won.people.reindex(won.people["delta"].abs().sort_values(ascending=False).index)
        moved[["person", "name", "roles", "before", "after", "delta", "change"]].head(6)""",
    ),
    (
        "md",
        """\
        Second: Orion's man, the CEO, leaves the company. Orion loses most of its index.""",
    ),
    ("code", 'rg.simulate(net, "OPP-1", leaves=["C005"]).index'),
    (
        "md",
        """\
        Third: our strongest supporter, the VP of Networks Zhang Weidong (C015), starts to
        advise the CTO directly (a new `influences` tie of strength 0.7).""",
    ),
    (
        "code",
        """\
        tie = rg.simulate(net, "OPP-1", new_ties=[("C015", "C006", "influences", 0.7)])
        tie.index[["party", "name", "before", "after", "delta"]]""",
    ),
]

COVERAGE = [
    (
        "md",
        """\
        # Coverage gaps, targets and sponsors

        **The sales question.** Are we talking to the right people, at the right level, with
        more than one relationship each? Where is a competitor stronger than us? Given a
        limited team, whom should we work on next, who owns each relationship, and which of
        our executives should sponsor it?

        `coverage` checks the classic key-account rules: every role holder has an owner, key
        people have two owners (A/B) and two independent information channels, and for each
        competitor our best supporter sits at least as high as theirs (*level parity*).""",
    ),
    ("code", SETUP),
    (
        "code",
        """\
        cov = rg.coverage(net, "OPP-1", as_of=rg.datasets.SAMPLE_DATE)
        cov.summary[["party", "name", "index", "supporters", "top_supporter", "top_level"]]""",
    ),
    (
        "md",
        """\
        ## The gaps, most severe first

        One row per broken rule. The `why` column says what is wrong and what would fix it.""",
    ),
    ("code", 'cov.gaps["rule"].value_counts()'),
    ("code", 'cov.gaps[["rule", "severity", "person", "name", "competitor"]].head(12)'),
    (
        "md",
        """\
        ## Level parity against the competitors

        Orion is backed by the CEO, a level-2 decider; our highest supporter is a VP at
        level 3 who reports to the CEO. We need someone on the board, or someone the CEO
        listens to. The candidates are listed in the gap.""",
    ),
    (
        "code",
        """\
        parity = cov.gaps[cov.gaps["rule"] == "level_parity"]
        for row in parity.itertuples():
            print(f"[{row.rule}] against {row.competitor}: {row.why}")
            print()""",
    ),
    (
        "md",
        """\
        Executives should meet executives: the level matrix counts direct ties between our
        people (rows) and the account's people (columns) by level.""",
    ),
    ("code", "cov.matrix"),
    ("code", 'rg.plot_coverage(net, "OPP-1");'),
    (
        "md",
        """\
        ## Whom to work on next

        `recommend_targets` ranks people by the expected gain in our support index:
        leverage × the attitude move we aim for × the chance to reach them. Each target gets
        owners A and B, an executive sponsor and a route.""",
    ),
    (
        "code",
        """\
        targets = rg.recommend_targets(net, "OPP-1", k=5)
        targets[["rank", "person", "name", "objective", "attitude", "goal", "gain",
                 "owner_a", "owner_b", "sponsor"]]""",
    ),
    (
        "md",
        """\
        The gains add up: simulating the expected attitudes of all five targets moves our
        index by exactly their total gain.""",
    ),
    (
        "code",
        """\
        expected = dict(zip(targets["person"], targets["expected"]))
        check = rg.simulate(net, "OPP-1", changes=expected)
        delta = check.index.loc[check.index["party"] == "us", "delta"].item()
        total = targets["gain"].sum()
        print(f"total gain {total:.4f}; simulated index change {delta:.4f}")
        print("the gains add up:", abs(total - delta) < 1e-9)""",
    ),
    (
        "md",
        """\
        ## A sponsor for the independent director

        Lin Shuyi (C002) is the first level-parity candidate. `match_sponsor` scores our
        people on level parity, business overlap, past interaction and free capacity.""",
    ),
    (
        "code",
        """\
        rg.match_sponsor(net, "C002", k=3)[["rank", "sponsor", "name", "title", "score", "why"]]""",
    ),
]

ROUTES = [
    (
        "md",
        """\
        # Warm-introduction routes

        **The sales question.** We want a meeting with someone we do not know well. Who on
        our team can ask whom for an introduction? Is there a second way in if that person
        says no, and does everything hinge on one person?

        A route's strength is the product of its ties' strengths, so it reads as the chance
        the introduction works. Routes never use sensitive ties (family, faith, neighbours)
        nor pass through people marked do-not-contact, unless you opt in.""",
    ),
    ("code", SETUP),
    (
        "md",
        """\
        ## From our key account manager to the CTO

        Zhou Rui (N03) shared an office with Deng Kai (E01) for six years; Deng Kai was the
        CTO's classmate. That route beats the one through the VP of Networks, which is a
        node-disjoint alternative: a true second way in.""",
    ),
    (
        "code",
        """\
        report = rg.connection_routes(net, "C006", source="N03")
        print(report)""",
    ),
    (
        "code",
        'report.routes[["rank", "strength", "hops", "weakest_link", "disjoint", "affiliation"]]',
    ),
    (
        "md",
        """\
        From anyone on the team, the Sales VP's own coverage of the CTO comes first. A
        shared club or university that is not yet a tie can also be a route (`affiliation`).""",
    ),
    (
        "code",
        """\
        team = rg.connection_routes(net, "C006", k=4)
        team.routes[["rank", "source", "strength", "hops", "disjoint", "affiliation", "route"]]""",
    ),
    (
        "md",
        """\
        ## A single point of failure

        Every route to the accountant Ren Jie (C041) runs through Mao Xiaoyan (C040), an
        evaluation-committee member nobody on our team covers — and every way to her passes
        someone on the other side (the CFO is cool toward us, the finance director backs
        Borealis, the procurement director Orion). By default relgraph offers no route and
        says why; allowing those people (`include_opponents=True`, a last resort the team
        decides on knowingly) shows the single point of failure.""",
    ),
    (
        "code",
        """\
        print(rg.connection_routes(net, "C041"))
        spof = rg.connection_routes(net, "C041", include_opponents=True)
        print(spof)
        print("single point of failure:", spof.single_point_of_failure)""",
    ),
    (
        "md",
        """\
        ## Sensitive ties and do-not-contact people are left out

        The employee-representative director Su Wenjing (C004) can be reached only through a
        neighbour tie, and the discipline-office clerk Wen Jing (C052) only through the bid
        supervision group, whom we must not contact during the tender. Both reports say how
        many routes were left out and how to opt in (`include_sensitive=True`,
        `include_do_not_contact=True`) if you decide it is appropriate.""",
    ),
    (
        "code",
        """\
        for target in ["C004", "C052"]:
            blocked = rg.connection_routes(net, target)
            print(f"{target}: {blocked.excluded} route(s) left out")
            print("   ", blocked.routes.loc[0, "why"])""",
    ),
    (
        "md",
        """\
        ## Many targets at once

        `routes_to_many` gives the best route and one node-disjoint alternative for each
        person: here the uncovered role holders and two board members.""",
    ),
    (
        "code",
        """\
        many = rg.routes_to_many(net, ["C029", "C030", "C040", "C003", "C004"])
        many[["target", "name", "best_strength", "best_source", "best_hops", "alt_strength",
              "alt_source"]]""",
    ),
    (
        "md",
        """\
        ## Adding a LinkedIn export

        LinkedIn lets every user download their connections as `Connections.csv`. Here we
        write a small one for Zhou Rui into a temporary folder and add it to the network:
        each row is matched to a known person (by profile URL, e-mail, or name and company)
        or added as a new person, and every row is reported.""",
    ),
    (
        "code",
        """\
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp(prefix="relgraph-linkedin-"))
        connections = folder / "Connections.csv"
        connections.write_text(
            "Notes:\\n"
            '"When exporting your connection data, some e-mail addresses may be missing."\\n'
            "\\n"
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
            "Xiaoyan,Mao,,,Xinghe Mobile,Budget and Investment Manager,20 Sep 2026\\n"
            "Kai,Deng,https://www.linkedin.com/in/dengkai,,"
            "Xinghe Telecom Planning and Design Institute,Senior Engineer,03 Jun 2019\\n"
            "Anna,Schmidt,https://www.linkedin.com/in/anna-schmidt,,"
            "Nordwind Consulting,Partner,07 Feb 2024\\n",
            encoding="utf-8",
        )
        net2, imported = rg.add_linkedin_connections(net, connections, owner="Zhou Rui")
        imported[["row", "first_name", "last_name", "matched_by", "person", "action", "why"]]""",
    ),
    (
        "md",
        """\
        Zhou Rui turns out to know Mao Xiaoyan directly: the best route to her is now one
        hop (a LinkedIn acquaintance counts as an `other` tie, strength 0.3), instead of two
        hops through the CFO.""",
    ),
    (
        "code",
        """\
        for label, network in [("before", net), ("after", net2)]:
            best = rg.routes_to_many(network, ["C040"]).iloc[0]
            strength, hops, source = best[["best_strength", "best_hops", "best_source"]]
            print(f"{label + ':':7} {strength:.2f} via {hops} hop(s) from {source}")""",
    ),
]

PLANNING = [
    (
        "md",
        """\
        # Planning and monitoring

        **The sales questions.** What is our relationship plan for the year, in a form the
        team can work from? What changed at the account since the last review, and is our
        position getting better or worse? Which accounts deserve this much effort at all?
        And are we actually in touch with the people who matter?

        Files are written only into a temporary folder.""",
    ),
    ("code", SETUP),
    (
        "md",
        """\
        ## The yearly plan

        `plan` assembles the planning set: the status of every key person, the target task
        book (current → goal attitude, owners A and B, sponsor, deadline, measure of
        success), the action plan and one card per target. With `capacity=5` the team
        takes on five targets.""",
    ),
    (
        "code",
        """\
        yearly = rg.plan(net, "OPP-1", as_of=rg.datasets.SAMPLE_DATE, capacity=5)
        print(yearly)
        for note in yearly.notes:
            print("note:", note)""",
    ),
    (
        "code",
        """\
        yearly.targets[["rank", "name", "objective", "attitude", "goal", "owner_a", "sponsor",
                        "deadline"]]""",
    ),
    (
        "code",
        """\
        import tempfile
        from pathlib import Path

        from openpyxl import load_workbook

        out = Path(tempfile.mkdtemp(prefix="relgraph-plan-"))
        workbook = yearly.to_excel(out / "OPP-1-plan.xlsx")
        print(workbook.name, "sheets:", load_workbook(workbook, read_only=True).sheetnames)""",
    ),
    (
        "md",
        """\
        ## What changed since May

        The sample comes with an earlier snapshot of the account (2026-05-31). `diff` lists
        the changes, personnel changes in key positions first: the CTO was replaced, the CFO
        turned against us, and the wireless manager started backing Borealis.""",
    ),
    (
        "code",
        """\
        snaps = rg.datasets.snapshots()
        print(list(snaps))
        changes = rg.diff(
            snaps["2026-05-31"],
            snaps[rg.datasets.SAMPLE_DATE],
            opportunity="OPP-1",
            new_date=rg.datasets.SAMPLE_DATE,
        )
        print(changes.narrative)""",
    ),
    ("code", 'changes.changes[["kind", "label", "before", "after"]].head(8)'),
    (
        "md",
        """\
        ## The trend

        `load_history` reads every snapshot into one table of the support index per party;
        `plot_trend` draws it. Our index fell from +0.15 to about zero.""",
    ),
    (
        "code",
        """\
        history = rg.load_history(snaps, opportunity="OPP-1")
        history[["date", "party", "name", "index", "supporters"]]""",
    ),
    ("code", "rg.plot_trend(history);"),
    (
        "md",
        """\
        ## Which accounts deserve this

        `tier_customers` grades a portfolio S (strategic), A, B or C from current value,
        future potential and strategic fit. The numbers below are made up for the example.""",
    ),
    (
        "code",
        """\
        accounts = pd.DataFrame(
            {
                "account": ["XM", "YT", "ZB", "HN"],
                "name": ["Xinghe Mobile", "Yutong Telecom", "Zhongbei Cable", "Hainan Broadband"],
                "current_value": [480, 120, 20, 60],
                "future_potential": [300, 600, 30, 45],
                "strategic_fit": [5, 3, 1, 2],
            }
        )
        rg.tier_customers(accounts)[["rank", "account", "name", "score", "tier", "why"]]""",
    ),
    (
        "md",
        """\
        ## Are we in touch?

        The sample has a year of logged touchpoints (meetings, calls, e-mails, complaints).
        `relationship_strength` turns them into a strength per pair (recency, frequency and
        whether both sides initiate). The CEO's only owner has met him three times, always
        at our initiative.""",
    ),
    (
        "code",
        """\
        strength = rg.relationship_strength(net)
        cols = ["our_name", "their_name", "touchpoints", "reciprocity", "strength"]
        strength.sort_values("strength", ascending=False)[cols].head(5)""",
    ),
    (
        "code",
        """\
        ceo = strength[(strength["our_person"] == "N02") & (strength["their_person"] == "C005")]
        ceo[cols + ["days_since", "why"]]""",
    ),
    (
        "code",
        """\
        contact = rg.last_contact(net)
        customers = contact["person"].isin(net.people.loc[net.people["org"] == "XM", "id"])
        print(f"{int(contact.loc[customers, 'stale'].sum())} of {int(customers.sum())} customer "
              "people are stale or never contacted")
        contact[contact["person"].isin(["C005", "C029", "C030", "C040"])][
            ["person", "name", "last_contact", "days_since", "stale"]]""",
    ),
    (
        "md",
        """\
        Complaints and their closure: one issue is still open and overdue, and it touches a
        user in the tender.""",
    ),
    (
        "code",
        """\
        rg.customer_issues(net)[["issue", "status", "opened", "age_days", "overdue", "owner_name",
                                 "names"]]""",
    ),
]

SPARK = [
    (
        "md",
        """\
        # relgraph on Apache Spark (local)

        **The question.** The same analyses, when the tables are a firm's whole data lake: every
        account, every contact, every logged touchpoint. `relgraph.spark` runs relgraph's rules
        and analyses on Spark DataFrames; here on this machine's cores (`local[*]`), on the
        bundled sample account, so the results can be compared with the other notebooks.
        `docs/scaling-out.md` tells how to run the same code on a cluster.

        Spark needs Java and the `spark` extra (`pip install 'relgraph[spark]'`).""",
    ),
    (
        "code",
        """\
        import os
        import warnings

        # pyspark 4 warns on each pandas conversion under pandas 3: quiet it here and in workers
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        os.environ["PYTHONWARNINGS"] = "ignore::FutureWarning"

        import relgraph as rg
        from relgraph.spark import coverage, local_session, read_tables, routes_to_many, validate

        spark = local_session("local[*]")
        tables = read_tables(spark, rg.datasets.sample_path())
        sorted(tables.frames)""",
    ),
    (
        "md",
        """\
        **Validation at scale**: the same rules as `relgraph validate`, as DataFrame filters. The
        problems come back as a Spark DataFrame (the first ones per rule listed, all counted).""",
    ),
    (
        "code",
        """\
        found = validate(tables, today="2026-11-30")
        print("problems:", found.total())""",
    ),
    (
        "md",
        """\
        **Firm-wide routes**: the best route and a node-disjoint alternative from all of our
        people to each target, one join per hop. People who oppose us or back a competitor are
        not asked for an introduction unless `include_opponents=True`.""",
    ),
    (
        "code",
        """\
        routes = routes_to_many(tables, ["C005", "C002"])
        routes.select("target", "best_strength", "best_path", "alt_strength").toPandas()""",
    ),
    (
        "md",
        """\
        **Portfolio analyses**: coverage for every opportunity of every account in one job
        (here one account with two opportunities); the same gaps as `rg.coverage`.""",
    ),
    (
        "code",
        """\
        gaps = coverage(tables, as_of="2026-11-20").gaps
        high = gaps.where("severity = 'high'").select("opportunity", "rule", "person", "competitor")
        high.toPandas().head(8)""",
    ),
    ("code", "spark.stop()"),
]

#: File name → cells as ``(kind, text)``, kind ``"md"`` or ``"code"``.
NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "00_quickstart.ipynb": QUICKSTART,
    "01_hidden_influencers_and_what_if.ipynb": INFLUENCERS,
    "02_coverage_and_targets.ipynb": COVERAGE,
    "03_routes.ipynb": ROUTES,
    "04_planning_and_monitoring.ipynb": PLANNING,
    "05_spark.ipynb": SPARK,
}


def build(name: str) -> Any:
    """Build one notebook (an ``nbformat`` node) with stripped outputs and fixed cell ids.

    Parameters
    ----------
    name : str
        A key of :data:`NOTEBOOKS`.

    Returns
    -------
    nbformat.NotebookNode
    """
    import nbformat

    stem = name.split("_", 1)[0]
    cells = []
    for i, (kind, text) in enumerate(NOTEBOOKS[name]):
        source = dedent(text).strip("\n")
        cell_id = f"nb{stem}-{i:02d}"
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
        else:
            cell = nbformat.v4.new_code_cell(source, id=cell_id)
        cells.append(cell)
    nb = nbformat.v4.new_notebook(cells=cells, metadata=METADATA)
    nbformat.validate(nb)
    return nb


def render(name: str) -> str:
    """Return the notebook's file text exactly as :func:`main` writes it.

    Parameters
    ----------
    name : str
        A key of :data:`NOTEBOOKS`.

    Returns
    -------
    str
    """
    import nbformat

    return nbformat.writes(build(name)) + "\n"


def main(argv: list[str]) -> int:
    """Write (or with ``--check``, compare) every notebook; return the exit code.

    Parameters
    ----------
    argv : list of str
        Command-line arguments after the script name.

    Returns
    -------
    int
        0 when written or up to date, 1 when ``--check`` found a difference.
    """
    check = "--check" in argv
    stale = []
    FOLDER.mkdir(exist_ok=True)
    for name in NOTEBOOKS:
        path = FOLDER / name
        text = render(name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("out of date (run python scripts/make_notebooks.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

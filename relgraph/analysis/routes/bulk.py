"""Routes to many people at once: the best route and one independent alternative each."""

from __future__ import annotations

import importlib
import importlib.util
import time
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from relgraph.analysis.paths.batch import alternatives_each, into_labelled
from relgraph.analysis.paths.graph import (
    ContactGraph,
    RouteGraph,
    RouteRules,
    route_graph,
    sway_lists,
)
from relgraph.analysis.paths.reach import Openings, best_routes_to, routes_near, search_graph
from relgraph.analysis.paths.render import Route, describe_many, person_texts, route_text
from relgraph.analysis.paths.search import Forward, forward_labels
from relgraph.analysis.routes.explain import left_out_text, rule_counts
from relgraph.analysis.routes.single import rules_bite
from relgraph.checks import check_bool, check_ids
from relgraph.network import RelationshipNetwork
from relgraph.privacy import withhold_people
from relgraph.text import clauses, say, term

__all__ = ["BULK_COLUMNS", "routes_to_many"]

#: Columns of :func:`routes_to_many`'s result, in order.
BULK_COLUMNS: tuple[str, ...] = (
    "target",
    "name",
    "best_strength",
    "best_hops",
    "best_source",
    "best_path",
    "best_route",
    "best_affiliation",
    "alt_strength",
    "alt_hops",
    "alt_source",
    "alt_path",
    "alt_route",
    "alt_affiliation",
    "excluded",
    "why",
)

_Result = tuple[int, tuple[int, ...] | None, tuple[int, ...] | None, str]

#: Fewer targets than one in this many people: search only the people near them.
_FEW = 16


def _forward(
    net: RelationshipNetwork, g: RouteGraph, graph: ContactGraph
) -> tuple[Forward, ContactGraph]:
    """Every person's best direct ties from our people, and the edges into such people."""

    def build() -> tuple[Forward, ContactGraph]:
        fwd = forward_labels(graph, g.starts())
        return fwd, into_labelled(graph, fwd)

    return net.memo(("paths.forward", g.rules, graph is not g.real), build)


def _search(
    net: RelationshipNetwork, rules: RouteRules, tidx: np.ndarray, affiliations: bool, bar: Any
) -> tuple[list[_Result], Openings]:
    """Best route and one disjoint alternative per target: (target, best, alt, status)."""
    g = route_graph(net, rules)
    graph, openings = search_graph(g, affiliations)
    few = len(tidx) * _FEW < net.n_people  # search near them only, not everyone
    reach = (routes_near if few else best_routes_to)(net, rules, tidx, affiliations=affiliations)
    best = reach.paths(tidx)
    status = np.where(g.ours[tidx], "ours", np.where(g.blocked[tidx], "dnc", ""))
    status[(status == "") & (reach.strength[tidx] <= 0)] = "none"
    todo = np.flatnonzero(status == "")  # reached: search an alternative
    avoid = _avoid(net, rules, tidx[todo], [best[j] for j in todo.tolist()])
    fwd, into = _forward(net, g, graph)
    blocked = g.team_blocked() | g.stops  # the alternative's middle steps: not the other side
    sources = np.array([best[j][0] for j in todo.tolist()], dtype=np.int64)
    max_hops = int(net.settings.max_hops)
    _, alts = alternatives_each(graph, fwd, tidx[todo], sources, max_hops, blocked, avoid, into)
    alt: list[tuple[int, ...] | None] = [None] * len(tidx)
    for j, p in zip(todo.tolist(), alts, strict=True):
        alt[j] = p or None
    bar.update(len(tidx))
    out = [(t, best[j] or None, alt[j], "") for j, t in enumerate(tidx.tolist())]
    for j in np.flatnonzero(status != "").tolist():  # ours, do not contact, or no route
        out[j] = (out[j][0], None, None, str(status[j]))
    return out, openings


def _avoid(
    net: RelationshipNetwork, rules: RouteRules, tidx: np.ndarray, best: list[tuple[int, ...]]
) -> tuple[np.ndarray, np.ndarray]:
    """Per target: whom its alternative avoids (the best route's middle, whom it sways)."""
    middle = [p[1:-1] for p in best]
    rows = [np.fromiter(m, dtype=np.int64, count=len(m)) for m in middle]
    if not rules.include_swayed:  # never ask whom the target sways
        indptr, indices = sway_lists(net)
        rows = [
            np.concatenate([r, indices[indptr[t] : indptr[t + 1]]])
            for r, t in zip(rows, tidx.tolist(), strict=True)
        ]
    counts = np.array([len(r) for r in rows], dtype=np.int64)
    out = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64), out.astype(np.int64)


def routes_to_many(
    net: RelationshipNetwork,
    targets: Iterable[str] | None = None,
    *,
    include_sensitive: bool = False,
    include_do_not_contact: bool = False,
    include_opponents: bool = False,
    affiliations: bool = True,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Best route and one node-disjoint alternative from our whole team to many people.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    targets : iterable of str, optional
        People to reach (ids or names); every person outside our team when omitted
        (then without the people known only through sensitive ties unless
        ``include_sensitive``: ``attrs["withheld_people"]`` and ``attrs["withheld_note"]``
        say how many, :func:`relgraph.privacy.withhold_people`).
    include_sensitive : bool
        Use sensitive ties and sensitive affiliations.
    include_do_not_contact : bool
        Let routes pass through (or end at) do-not-contact people.
    include_opponents : bool
        Let routes pass through people who oppose us, back a competitor or work for one
        (they can always be the target), as :func:`connection_routes` does.
    affiliations : bool
        Let routes use shared affiliations (not yet ties) as openings, at their
        ``settings.affiliation_strength``.
    progress : bool, optional
        Show a tqdm progress bar: None (default) shows it only once the run has taken
        more than a second; True always; False never.

    Returns
    -------
    pandas.DataFrame
        One row per target (columns :data:`BULK_COLUMNS`): ``target, name,
        best_strength, best_hops, best_source, best_path, best_route, best_affiliation``
        (uses a shared affiliation, not yet a tie), the same for the alternative
        (``alt_*``; strength 0 and empty path when none exists), ``excluded`` (how many
        of the best route and alternative found with every opt-in switched on the rules
        removed) and ``why`` (which names the rule each left-out route breaks, in the
        words of :func:`connection_routes`). An unreachable target has
        ``best_strength`` 0.

    Raises
    ------
    UnknownPersonError
        For a target not in the network.
    InvalidParameterError
        For a flag that is not a bool.

    Notes
    -----
    Same contact graph, strength, rules and search as :func:`connection_routes` (product of
    hop strengths, at most ``settings.max_hops`` hops, our people only at the start, nobody
    on the other side as a middle step). A shared affiliation between two people with no
    tie is an opening of strength ``settings.affiliation_strength`` for its kind, ranked
    with the real ties. The best routes to everyone come from
    one hop-bounded multi-source search from our whole team (the route engine's team
    reach, shared with coverage and the targets). The alternative avoids every person of
    the best route (its source included): a hop-bounded search from the target,
    ``max_hops - 1`` hops deep (all targets in one batched search), is joined with each
    reached person's strongest direct tie from one of our people, which is exact because
    our people never sit in the middle of a route. ``excluded`` repeats the search with
    every opt-in switched on (only when the rules remove anything from this network) and
    counts its best and alternative paths that are not in the result.

    Examples
    --------
    >>> import relgraph as rg
    >>> df = rg.routes_to_many(rg.datasets.tiny(), ["p1", "p4"])
    >>> df[["target", "best_strength", "best_source", "alt_strength", "alt_source"]]
      target  best_strength best_source  alt_strength alt_source
    0     p1            0.7          u2          0.49         u1
    1     p4            0.5          u1          0.00
    """
    rules = RouteRules(
        check_bool("include_sensitive", include_sensitive),
        check_bool("include_do_not_contact", include_do_not_contact),
        check_bool("include_opponents", include_opponents),
    )
    affiliations = check_bool("affiliations", affiliations)
    progress = None if progress is None else check_bool("progress", progress)
    given = check_ids("targets", targets)
    if given is None:
        tidx = np.flatnonzero(~net.party.eq("us").to_numpy()).astype(np.int64)
    else:
        tidx = _positions(net, given)
    began = time.perf_counter()
    bite = rules_bite(net, rules, affiliations)
    bar = _progress(len(tidx) * (2 if bite else 1), progress, began)
    try:
        results, openings = _search(net, rules, tidx, affiliations, bar)
        free, free_open = (
            _search(net, rules.everything, tidx, affiliations, bar) if bite else (None, None)
        )
    finally:
        bar.close()
    left = _left_out(results, free)
    kept = {p for r in results for p in (r[1], r[2]) if p is not None}
    mine, theirs = describe_many(
        net,
        [
            (rules, [(0.0, p) for p in kept], openings),
            (rules.everything, [(0.0, p) for p in {p for out in left for p in out}], free_open),
        ],
    )
    described = {r.path: r for r in mine}
    free_routes = {r.path: r for r in theirs}
    lang = net.settings.language
    reasons = [  # which rule left each out: the same words as connection_routes
        left_out_text(lang, *rule_counts(net, rules, [free_routes[p] for p in out])) if out else ""
        for out in left
    ]
    excluded = np.array([len(out) for out in left], dtype=np.int64)
    frame = _frame(net, results, described, excluded, reasons)
    # Default targets leave out people known only through sensitive ties; named ones stay.
    return withhold_people(
        frame,
        net,
        include_sensitive=rules.include_sensitive or targets is not None,
        column="target",
    )


def _positions(net: RelationshipNetwork, given: list[str]) -> np.ndarray:
    """Positions of people given by id or name: ids in one pass, names one by one."""
    pos = net.find_ids(given)
    for j in np.flatnonzero(pos < 0).tolist():  # a name (or unknown: the error names it)
        pos[j] = net.index_of(net.resolve_person(given[j]))[0]
    return pos


def _left_out(results: list[_Result], free: list[_Result] | None) -> list[list[tuple[int, ...]]]:
    """Per target: the best and alternative found with every opt-in on that are not ours."""
    if free is None:
        return [[] for _ in results]
    out = []
    for mine, theirs in zip(results, free, strict=True):
        kept = {mine[1], mine[2]}
        out.append([p for p in (theirs[1], theirs[2]) if p and p not in kept])
    return out


def _frame(
    net: RelationshipNetwork,
    results: list[_Result],
    described: dict[tuple[int, ...], Route],
    excluded: np.ndarray,
    reasons: list[str],
) -> pd.DataFrame:
    paths = [p for r in results for p in (r[1], r[2]) if p is not None]
    names = _Names(net, [r[0] for r in results] + [i for p in paths for i in p])
    out = []
    for (t, best_p, alt_p, status), n_excl, reason in zip(
        results, excluded.tolist(), reasons, strict=True
    ):
        row: dict[str, Any] = {"target": names.ids[t], "name": names.labels[t], "excluded": n_excl}
        for prefix, p in (("best", best_p), ("alt", alt_p)):
            row.update(_route_cells(net, names, prefix, described.get(p) if p else None))
        row["why"] = _why(net, names.labels[t], status, row, reason)
        out.append(row)
    frame = pd.DataFrame(out, columns=list(BULK_COLUMNS))
    for c in ("best_hops", "alt_hops", "excluded"):
        frame[c] = frame[c].astype(int)
    for c in ("best_strength", "alt_strength"):
        frame[c] = frame[c].astype(float)
    for c in ("best_affiliation", "alt_affiliation"):
        frame[c] = frame[c].astype(bool)
    return frame


class _Names:
    """Ids, labels and route texts of the people in a result, looked up in one pass."""

    def __init__(self, net: RelationshipNetwork, people: list[int]) -> None:
        idx = np.unique(np.asarray(people, dtype=np.int64))
        ids, labels = (
            c.array.take(idx).to_numpy(dtype=object) for c in (net.person_ids, net.labels)
        )
        self.ids = {i: str(x) for i, x in zip(idx.tolist(), ids, strict=True)}
        self.labels = {i: str(x) for i, x in zip(idx.tolist(), labels, strict=True)}
        self.texts = person_texts(net, idx.tolist())


def _route_cells(
    net: RelationshipNetwork, names: _Names, prefix: str, r: Route | None
) -> dict[str, Any]:
    if r is None:
        return {
            f"{prefix}_strength": 0.0,
            f"{prefix}_hops": 0,
            f"{prefix}_source": "",
            f"{prefix}_path": (),
            f"{prefix}_route": "",
            f"{prefix}_affiliation": False,
        }
    return {
        f"{prefix}_strength": r.strength,
        f"{prefix}_hops": len(r.hops),
        f"{prefix}_source": names.ids[r.path[0]],
        f"{prefix}_path": tuple(names.ids[i] for i in r.path),
        f"{prefix}_route": route_text(net, r.path, r.hops, names.texts),
        f"{prefix}_affiliation": r.affiliation,
    }


def _why(
    net: RelationshipNetwork, label: str, status: str, row: dict[str, Any], reason: str
) -> str:
    max_hops = int(net.settings.max_hops)
    lang = net.settings.language
    if status == "ours":
        why = say("routes_none_ours", who=label, lang=lang)
    elif status == "dnc":
        why = say("routes_none_dnc", who=label, lang=lang)
    elif status == "none":
        why = say(
            "routes_none",
            who=label,
            start=term("party", "us", lang=lang),
            max_hops=max_hops,
            lang=lang,
        )
    elif not row["alt_path"]:
        why = say("routes_bulk_no_alt", max_hops=max_hops, lang=lang)
    else:
        why = say("routes_bulk_two", best=row["best_strength"], alt=row["alt_strength"], lang=lang)
    meets = row["best_affiliation"] or row["alt_affiliation"]
    meet = say("routes_why_affiliation", lang=lang) if meets else ""
    return clauses([why, meet, reason], lang=lang)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, progress: bool | None, began: float) -> Any:
    if progress is False or total == 0:
        return _NoBar()
    # tqdm.auto warns ("IProgress not found") in Jupyter when ipywidgets is missing.
    widgets = importlib.util.find_spec("ipywidgets") is not None
    tqdm = importlib.import_module("tqdm.auto" if widgets else "tqdm.std").tqdm
    delay = 0.0 if progress else max(0.0, 1.0 - (time.perf_counter() - began))
    return tqdm(total=total, desc="routes", unit="target", delay=delay, leave=False)

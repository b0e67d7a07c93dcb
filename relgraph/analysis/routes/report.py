"""The result of :func:`relgraph.connection_routes`: routes as rows, and how they print."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from relgraph._tie_arrays import person_id_array
from relgraph.analysis.paths.render import Route, route_text
from relgraph.io.html_table import html_result, html_table
from relgraph.network import RelationshipNetwork
from relgraph.text import clauses, say, term

__all__ = ["ROUTE_COLUMNS", "RouteReport", "no_route_row", "route_row"]

#: Columns of :attr:`RouteReport.routes`, in order (a contract other analyses rely on).
ROUTE_COLUMNS: tuple[str, ...] = (
    "rank",
    "source",
    "target",
    "strength",
    "hops",
    "weakest_link",
    "weakest_strength",
    "path",
    "kinds",
    "strengths",
    "affiliation",
    "disjoint",
    "sensitive",
    "unassessed",
    "route",
    "why",
)


def route_row(
    net: RelationshipNetwork,
    rank: int,
    r: Route,
    disjoint: bool,
    dnc: np.ndarray,
    extra_why: str = "",
    unassessed: tuple[int, ...] = (),
) -> dict[str, Any]:
    """One row of :attr:`RouteReport.routes` for route ``r``."""
    ids = person_id_array(net)
    lang = net.settings.language
    strengths = tuple(h.strength for h in r.hops)
    w = int(np.argmin(strengths))
    formula = " × ".join(f"{s:.2f}" for s in strengths)
    why = [
        say(
            "routes_why",
            hops=len(r.hops),
            strength=r.strength,
            formula=formula,
            weakest=r.hops[w].words,
            weakest_strength=strengths[w],
            a=net.labels.iat[r.path[w]],
            b=net.labels.iat[r.path[w + 1]],
            lang=lang,
        )
    ]
    if r.affiliation:
        why.append(say("routes_why_affiliation", lang=lang))
    if disjoint and rank > 1:
        why.append(say("routes_why_disjoint", lang=lang))
    uses_dnc = [str(ids[i]) for i in r.path[1:-1] if dnc[i]]
    if r.sensitive:
        why.append(say("routes_why_sensitive_tie", lang=lang))
    marked = [i for i in r.path[1:] if dnc[i]]  # a middle step, or the target itself
    if marked:
        who = say("list_sep", lang=lang).join(str(net.labels.iat[i]) for i in marked)
        why.append(say("routes_why_dnc", who=who, lang=lang))
    if not all(h.explicit for h in r.hops if not h.affiliation) or r.affiliation:
        why.append(say("defaults_note", lang=lang))
    if extra_why:
        why.append(extra_why)
    return {
        "rank": rank,
        "source": str(ids[r.path[0]]),
        "target": str(ids[r.path[-1]]),
        "strength": r.strength,
        "hops": len(r.hops),
        "weakest_link": (str(ids[r.path[w]]), str(ids[r.path[w + 1]])),
        "weakest_strength": strengths[w],
        "path": tuple(str(ids[i]) for i in r.path),
        "kinds": tuple(h.kind for h in r.hops),
        "strengths": strengths,
        "affiliation": r.affiliation,
        "disjoint": disjoint,
        "sensitive": r.sensitive or bool(uses_dnc),
        "unassessed": tuple(str(ids[i]) for i in unassessed),
        "route": route_text(net, r.path, r.hops),
        "why": clauses(why, lang=lang),
    }


def no_route_row(target: str, source: str, why: str, *, lang: str = "en") -> dict[str, Any]:
    """Return the one row of a report without a route."""
    return {
        "rank": 1,
        "source": source,
        "target": target,
        "strength": 0.0,
        "hops": 0,
        "weakest_link": None,
        "weakest_strength": 0.0,
        "path": (),
        "kinds": (),
        "strengths": (),
        "affiliation": False,
        "disjoint": False,
        "sensitive": False,
        "unassessed": (),
        "route": say("routes_none_short", lang=lang),
        "why": why,
    }


def routes_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Return the rows as a frame with :data:`ROUTE_COLUMNS` and stable types."""
    frame = pd.DataFrame(rows, columns=list(ROUTE_COLUMNS))
    for col in ("rank", "hops"):
        frame[col] = frame[col].astype(int)
    for col in ("strength", "weakest_strength"):
        frame[col] = frame[col].astype(float)
    return frame


@dataclass(frozen=True)
class RouteReport:
    """The k most reliable warm-introduction routes to one person, explained.

    Attributes
    ----------
    target : str
        The person to reach (id).
    source : str or None
        The one person the routes start from, or None for anyone on our team.
    routes : pandas.DataFrame
        One row per route, best first (columns :data:`ROUTE_COLUMNS`): ``rank, source,
        target, strength, hops, weakest_link`` (pair of ids), ``weakest_strength, path``
        (ids, source first), ``kinds`` and ``strengths`` (per hop), ``affiliation`` (uses
        a shared affiliation that is not yet a tie), ``disjoint`` (shares no person with a
        better route, apart from the target and a named source), ``sensitive`` (uses a
        sensitive tie or a do-not-contact person; only when opted in), ``unassessed``
        (middle steps whose attitude toward us was never assessed: check before asking),
        ``route`` (readable), ``why``. Unreachable: one row with strength 0 whose ``why``
        explains.
    excluded : int
        How many of the k best routes found without the rules (sensitive ties,
        do-not-contact people, people on the other side as middle steps) were left out
        because of them.
    single_point_of_failure : tuple of str or None
        People every route passes through (for a team-wide search, also a single one of our
        people who alone can start a route); None when there is no such person.
    max_hops : int
        The hop limit in force.
    include_sensitive, include_do_not_contact, include_opponents : bool
        The opt-ins used.
    excluded_by : dict of str to int
        Per rule (``opponents``, ``do_not_contact``, ``sensitive``): how many of the k best
        routes would come back if that rule alone were relaxed.
    note : str
        What was left out, in words, with how to opt in ("" when nothing was).
    language : str
        The language of the texts (``net.settings.language``).

    Examples
    --------
    >>> import relgraph as rg
    >>> rep = rg.connection_routes(rg.datasets.tiny(), "Di", k=1)
    >>> rep.best["path"], round(float(rep.best["strength"]), 2), rep.excluded
    (('u1', 'p4'), 0.5, 1)
    """

    target: str
    source: str | None
    routes: pd.DataFrame
    excluded: int
    single_point_of_failure: tuple[str, ...] | None
    max_hops: int
    include_sensitive: bool = False
    include_do_not_contact: bool = False
    target_label: str = field(default="", repr=False)
    source_label: str = field(default="", repr=False)
    include_opponents: bool = False
    excluded_by: dict[str, int] = field(default_factory=dict)
    note: str = field(default="", repr=False)
    language: str = field(default="en", repr=False)

    @property
    def best(self) -> pd.Series | None:
        """The best route's row, or None when there is no route."""
        r = self.routes
        return None if r.empty or float(r["strength"].iloc[0]) <= 0 else r.iloc[0]

    def summary_lines(self) -> list[str]:
        """Plain-language lines: header, one per route, exclusions and single point of failure."""
        lang = self.language
        lines = [
            say(
                "routes_header",
                target=self.target_label or self.target,
                origin=self.source_label or self.source or term("party", "us", lang=lang),
                n=int((self.routes["strength"] > 0).sum()),
                max_hops=self.max_hops,
                lang=lang,
            )
        ]
        for rank, strength, route, why in zip(
            self.routes["rank"],
            self.routes["strength"],
            self.routes["route"],
            self.routes["why"],
            strict=True,
        ):
            if float(strength) > 0:
                lines.append(f"{rank}. [{float(strength):.2f}] {route}")
            else:
                lines.append(f"- {why}")
        if self.excluded:
            lines.append(self.note or say("routes_excluded", n=self.excluded, lang=lang))
        if self.single_point_of_failure:
            lines.append(say("routes_spof", who=", ".join(self.single_point_of_failure), lang=lang))
        return lines

    def __str__(self) -> str:
        return "\n".join(self.summary_lines())

    def __repr__(self) -> str:
        found = self.routes[self.routes["strength"] > 0]
        best = f", best {float(found['strength'].iloc[0]):.2f}" if len(found) else ""
        origin = repr(self.source) if self.source else "our team"
        left = f"; {self.excluded} left out" if self.excluded else ""
        return (
            f"RouteReport({self.target!r} from {origin}: {len(found)} route"
            f"{'s' if len(found) != 1 else ''}{best}{left})"
        )

    def _repr_html_(self) -> str:
        lang = self.language
        head, *rest = self.summary_lines()
        found = self.routes[self.routes["strength"] > 0]
        table = html_table(found, columns=["rank", "strength", "hops", "route", "why"], lang=lang)
        notes = rest[len(found) :]
        return html_result(head, tables=[("", table)] if len(found) else [], notes=notes)

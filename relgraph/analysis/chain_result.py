"""The result of :func:`relgraph.decision_chain`: people and edges as tables, stages, a graph."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from relgraph.io.html_table import html_result, html_table
from relgraph.text import TERMS, say, term

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EDGE_COLUMNS", "PEOPLE_COLUMNS", "DecisionChain", "flow_text"]

#: Columns of :attr:`DecisionChain.people`.
PEOPLE_COLUMNS = [
    "person",
    "name",
    "title",
    "level",
    "party",
    "hidden",
    "role",
    "roles",
    "power",
    "stage",
    "stages",
    "attitude",
    "supports",
    "why",
]

#: Columns of :attr:`DecisionChain.edges`.
EDGE_COLUMNS = ["source", "target", "kind", "weight", "ties", "why"]

_SHOWN_PEOPLE = ["person", "name", "role", "power", "stage", "attitude", "supports", "why"]
_SHOWN_EDGES = ["source", "target", "kind", "weight", "why"]


def flow_text(stages: Mapping[str, list[str]], *, lang: str = "en") -> str:
    """Return the stages in buying order as one line: ``need: C015 → specification: …``.

    Stages without anyone show a dash; the people whose role has no stage come last, and
    only when there are any.

    Examples
    --------
    >>> flow_text({"need": ["p1"], "decision": [], "unstaged": []})
    'need: p1 → decision: –'
    """
    return " → ".join(
        say(
            "chain_flow",
            stage=term("stage", st, lang=lang)
            if st in TERMS["stage"]
            else say("viz_stage_none", lang=lang),
            people=", ".join(ps) or "–",
            lang=lang,
        )
        for st, ps in stages.items()
        if st != "unstaged" or ps
    )


def _none(value: Any) -> Any:
    """Return a cell as networkx attributes had it: None for blank text and missing values."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return value or None
    return value.item() if hasattr(value, "item") else value


@dataclass(frozen=True, eq=False)
class DecisionChain:
    """The decision chain of one opportunity: who acts at which stage, and who sways them.

    Attributes
    ----------
    opportunity : str
        The opportunity id.
    people : pandas.DataFrame
        One row per person in the chain (columns :data:`PEOPLE_COLUMNS`): role holders
        first, most powerful first, then hidden influencers in the network's order.
        ``person``, ``name`` (display label), ``title`` ("" when blank), ``level``
        (1 = board … 5 = staff; NA when blank), ``party``, ``hidden`` (True for people
        without a role who sway a role holder directly), ``role`` (the most powerful;
        "" for hidden influencers), ``roles`` (tuple, most powerful first), ``power``
        (largest; 0 for hidden influencers), ``stage`` (of the most powerful role; "" when
        none), ``stages`` (tuple), ``attitude`` (−3..+3; NA when not assessed),
        ``supports`` (competitor org id or ""), ``why`` (plain language).
    edges : pandas.DataFrame
        One row per edge (columns :data:`EDGE_COLUMNS`): ``kind`` ``"formal"`` for a
        ``reports_to`` line between two role holders (from the report to the boss, as in
        the ties table) or ``"hidden"`` from a hidden influencer to the role holder they
        sway; ``weight`` is the share of the target's attention the source holds in the
        influence model (``W[target, source]``); ``ties`` the tie kinds (tuple); ``why``.
    stages : dict of str to list of str
        Every stage in buying order (need → specification → evaluation → decision →
        approval → purchase) to the people acting at it; people whose role has no stage
        under ``"unstaged"``.
    withheld : int
        Hidden sway edges left out because only sensitive ties carry them.
    language : str
        The language of the texts (``net.settings.language``).

    Examples
    --------
    >>> import relgraph as rg
    >>> chain = rg.decision_chain(rg.datasets.tiny())
    >>> chain
    DecisionChain('O1': 3 role holders, 1 hidden influencer, 3 edges)
    >>> chain.people[["person", "role", "power", "hidden"]]
      person        role  power  hidden
    0     p1     decider    1.0   False
    1     p2  influencer    0.4   False
    2     p3        user    0.3   False
    3     p4                0.0    True
    >>> chain.edges[["source", "target", "kind"]].values.tolist()
    [['p2', 'p1', 'formal'], ['p3', 'p2', 'formal'], ['p4', 'p1', 'hidden']]
    >>> chain.people.loc[3, "why"]
    'no role; sways Ann through a direct influence tie (0.8): 80% of their attention'
    """

    opportunity: str
    people: pd.DataFrame
    edges: pd.DataFrame
    stages: dict[str, list[str]]
    withheld: int = 0
    language: str = field(default="en", repr=False)

    @property
    def flow(self) -> str:
        """The chain as one line, stage by stage (``need: C015 → specification: …``)."""
        return flow_text(self.stages, lang=self.language)

    @property
    def graph(self) -> dict[str, Any]:
        """The chain's facts as networkx keeps a graph's attributes (``G.graph``).

        ``opportunity``, ``stages``, ``flow`` and ``withheld``: what
        ``decision_chain(...).graph[...]`` gave when it returned a networkx graph. A new
        dict on every access.
        """
        return {
            "opportunity": self.opportunity,
            "stages": {k: list(v) for k, v in self.stages.items()},
            "flow": self.flow,
            "withheld": self.withheld,
        }

    def __len__(self) -> int:
        return len(self.people)

    def __contains__(self, person: object) -> bool:
        return isinstance(person, str) and bool(self.people["person"].eq(person).any())

    def to_networkx(self) -> nx.DiGraph:
        """Return the chain as a networkx ``DiGraph`` (nodes: person ids; edges as :attr:`edges`).

        Node attributes are the :attr:`people` columns (``name`` also as ``label``; lists
        for ``roles`` and ``stages``; None for blanks), edge attributes ``kind``,
        ``weight``, ``ties`` (list) and ``why``; ``G.graph`` is :attr:`graph`.

        Examples
        --------
        >>> import relgraph as rg
        >>> G = rg.decision_chain(rg.datasets.tiny()).to_networkx()
        >>> G.nodes["p1"]["role"], G.nodes["p4"]["hidden"], G.edges["p4", "p1"]["ties"]
        ('decider', True, ['influences'])
        """
        import networkx as nx

        g = nx.DiGraph(**self.graph)
        for row in self.people.to_dict("records"):
            attrs = {str(k): _none(v) for k, v in row.items() if k != "person"}
            attrs["label"] = row["name"]
            attrs["roles"] = list(row["roles"])
            attrs["stages"] = list(row["stages"])
            attrs["power"] = float(row["power"])
            attrs["hidden"] = bool(row["hidden"])
            g.add_node(row["person"], **attrs)
        for row in self.edges.to_dict("records"):
            g.add_edge(
                row["source"],
                row["target"],
                kind=row["kind"],
                weight=float(row["weight"]),
                ties=list(row["ties"]),
                why=row["why"],
            )
        return g

    def _title(self) -> str:
        hidden = int(self.people["hidden"].sum())
        return say(
            "repr_chain_title",
            opportunity=self.opportunity,
            holders=len(self.people) - hidden,
            hidden=hidden,
            lang=self.language,
        )

    def __repr__(self) -> str:
        hidden = int(self.people["hidden"].sum())
        holders = len(self.people) - hidden
        return (
            f"DecisionChain({self.opportunity!r}: {holders} role holder"
            f"{'s' if holders != 1 else ''}, {hidden} hidden influencer"
            f"{'s' if hidden != 1 else ''}, {len(self.edges)} edge"
            f"{'s' if len(self.edges) != 1 else ''})"
        )

    def _repr_html_(self) -> str:
        lang = self.language
        notes = [say("repr_chain_withheld", n=self.withheld, lang=lang)] if self.withheld else []
        return html_result(
            self._title(),
            facts=[say("repr_chain_flow", flow=self.flow, lang=lang)],
            tables=[
                (
                    say("repr_caption_people", lang=lang),
                    html_table(self.people, columns=_SHOWN_PEOPLE, lang=lang),
                ),
                (
                    say("repr_caption_edges", lang=lang),
                    html_table(self.edges, columns=_SHOWN_EDGES, lang=lang),
                ),
            ],
            notes=notes,
        )

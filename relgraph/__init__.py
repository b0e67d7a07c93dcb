"""relgraph: decision chains, hidden influencers, coverage gaps and introduction routes.

A Python library for B2B key-account selling. Load a customer's people and ties, then
analyse who decides, who sways them, where competitors are stronger, whom to work on next
and through whom to reach them.

Names are imported on first use (PEP 562): ``import relgraph`` loads neither pandas nor
scipy, networkx, matplotlib, pyvis or openpyxl; ``relgraph.load`` (or any other name)
imports the module that defines it. To add a public name, add one line to ``_LAZY``, one to
the ``TYPE_CHECKING`` block and the name to ``__all__`` (``tests/test_init.py`` checks that
the three agree).
"""

import importlib
import sys
import types
import typing

from relgraph._version import __version__

if typing.TYPE_CHECKING:  # what type checkers and IDEs see; at run time, ``__getattr__`` below
    from relgraph import datasets
    from relgraph.analysis.chain import decision_chain
    from relgraph.analysis.coverage import CoverageReport, coverage
    from relgraph.analysis.factions import factions
    from relgraph.analysis.influence import (
        InfluencePaths,
        friedkin_johnsen,
        hidden_influencers,
        influence_matrix,
        influence_paths,
        leverage,
        predicted_attitudes,
        support_index,
    )
    from relgraph.analysis.interactions import (
        customer_issues,
        last_contact,
        relationship_strength,
        tie_strengths,
    )
    from relgraph.analysis.monitor import SnapshotDiff, diff, load_history
    from relgraph.analysis.routes import RouteReport, connection_routes, routes_to_many
    from relgraph.analysis.simulate import SimulationResult, simulate
    from relgraph.analysis.sponsors import match_sponsor
    from relgraph.analysis.targets import recommend_targets, target_candidates
    from relgraph.analysis.tiering import tier_customers
    from relgraph.errors import (
        InvalidParameterError,
        MissingDependencyError,
        NotFoundError,
        OutputError,
        RelgraphError,
        UnknownOpportunityError,
        UnknownPersonError,
        ValidationError,
    )
    from relgraph.importers.linkedin import add_linkedin_connections
    from relgraph.importers.salesforce_activity import ActivityImport, import_salesforce_activities
    from relgraph.io.template import write_template
    from relgraph.loading import load
    from relgraph.model import Settings
    from relgraph.network import RelationshipNetwork
    from relgraph.plan import Plan, plan
    from relgraph.viz.activity import plot_touchpoints
    from relgraph.viz.html import NetworkMap, to_html
    from relgraph.viz.plots import plot_coverage, plot_decision_chain, plot_power_map, plot_route
    from relgraph.viz.trend import plot_trend
    from relgraph.vocab import (
        AffiliationKind,
        Direction,
        Goal,
        InteractionKind,
        OrgKind,
        Role,
        Stage,
        TieKind,
    )

#: Public submodules, imported when first used.
_SUBMODULES = frozenset({"datasets"})

#: Public name → the module that defines it (imported when the name is first used).
_LAZY: dict[str, str] = {
    "decision_chain": "relgraph.analysis.chain",
    "CoverageReport": "relgraph.analysis.coverage",
    "coverage": "relgraph.analysis.coverage",
    "factions": "relgraph.analysis.factions",
    "friedkin_johnsen": "relgraph.analysis.influence",
    "hidden_influencers": "relgraph.analysis.influence",
    "influence_matrix": "relgraph.analysis.influence",
    "influence_paths": "relgraph.analysis.influence",
    "leverage": "relgraph.analysis.influence",
    "predicted_attitudes": "relgraph.analysis.influence",
    "support_index": "relgraph.analysis.influence",
    "customer_issues": "relgraph.analysis.interactions",
    "last_contact": "relgraph.analysis.interactions",
    "relationship_strength": "relgraph.analysis.interactions",
    "tie_strengths": "relgraph.analysis.interactions",
    "SnapshotDiff": "relgraph.analysis.monitor",
    "diff": "relgraph.analysis.monitor",
    "load_history": "relgraph.analysis.monitor",
    "RouteReport": "relgraph.analysis.routes",
    "connection_routes": "relgraph.analysis.routes",
    "routes_to_many": "relgraph.analysis.routes",
    "SimulationResult": "relgraph.analysis.simulate",
    "simulate": "relgraph.analysis.simulate",
    "match_sponsor": "relgraph.analysis.sponsors",
    "recommend_targets": "relgraph.analysis.targets",
    "tier_customers": "relgraph.analysis.tiering",
    "MissingDependencyError": "relgraph.errors",
    "RelgraphError": "relgraph.errors",
    "UnknownOpportunityError": "relgraph.errors",
    "UnknownPersonError": "relgraph.errors",
    "ValidationError": "relgraph.errors",
    "add_linkedin_connections": "relgraph.importers.linkedin",
    "ActivityImport": "relgraph.importers.salesforce_activity",
    "import_salesforce_activities": "relgraph.importers.salesforce_activity",
    "load": "relgraph.loading",
    "AffiliationKind": "relgraph.vocab",
    "Direction": "relgraph.vocab",
    "Goal": "relgraph.vocab",
    "InteractionKind": "relgraph.vocab",
    "OrgKind": "relgraph.vocab",
    "Role": "relgraph.vocab",
    "Settings": "relgraph.model",
    "Stage": "relgraph.vocab",
    "TieKind": "relgraph.vocab",
    "RelationshipNetwork": "relgraph.network",
    "Plan": "relgraph.plan",
    "plan": "relgraph.plan",
    "plot_touchpoints": "relgraph.viz.activity",
    "NetworkMap": "relgraph.viz.html",
    "to_html": "relgraph.viz.html",
    "plot_coverage": "relgraph.viz.plots",
    "plot_decision_chain": "relgraph.viz.plots",
    "plot_power_map": "relgraph.viz.plots",
    "plot_route": "relgraph.viz.plots",
    "plot_trend": "relgraph.viz.trend",
    "InfluencePaths": "relgraph.analysis.influence",
    "target_candidates": "relgraph.analysis.targets",
    "InvalidParameterError": "relgraph.errors",
    "NotFoundError": "relgraph.errors",
    "OutputError": "relgraph.errors",
    "write_template": "relgraph.io.template",
}

__all__ = [
    "ActivityImport",
    "AffiliationKind",
    "CoverageReport",
    "Direction",
    "Goal",
    "InfluencePaths",
    "InteractionKind",
    "InvalidParameterError",
    "MissingDependencyError",
    "NetworkMap",
    "NotFoundError",
    "OrgKind",
    "OutputError",
    "Plan",
    "RelationshipNetwork",
    "RelgraphError",
    "Role",
    "RouteReport",
    "Settings",
    "SimulationResult",
    "SnapshotDiff",
    "Stage",
    "TieKind",
    "UnknownOpportunityError",
    "UnknownPersonError",
    "ValidationError",
    "__version__",
    "add_linkedin_connections",
    "connection_routes",
    "coverage",
    "customer_issues",
    "datasets",
    "decision_chain",
    "diff",
    "factions",
    "friedkin_johnsen",
    "hidden_influencers",
    "import_salesforce_activities",
    "influence_matrix",
    "influence_paths",
    "last_contact",
    "leverage",
    "load",
    "load_history",
    "match_sponsor",
    "plan",
    "plot_coverage",
    "plot_decision_chain",
    "plot_power_map",
    "plot_route",
    "plot_touchpoints",
    "plot_trend",
    "predicted_attitudes",
    "recommend_targets",
    "relationship_strength",
    "routes_to_many",
    "simulate",
    "support_index",
    "target_candidates",
    "tie_strengths",
    "tier_customers",
    "to_html",
    "write_template",
]


def __getattr__(name: str) -> typing.Any:
    """Import a public name on first use and keep it (PEP 562)."""
    if name in _SUBMODULES:
        value: typing.Any = importlib.import_module(f"{__name__}.{name}")
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Every public name, including those not imported yet."""
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package's module type: a submodule import never hides a public name.

    Importing ``relgraph.plan`` (the module) sets the package attribute ``plan``, which
    would hide the function ``relgraph.plan`` when nothing had asked for it yet.
    """

    def __setattr__(self, name: str, value: typing.Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return  # ``relgraph.plan`` stays the function; the module is in sys.modules
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

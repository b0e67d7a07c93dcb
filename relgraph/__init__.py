"""relgraph: decision chains, hidden influencers, coverage gaps and introduction routes.

A Python library for B2B key-account selling. Load a customer's people and ties, then
analyse who decides, who sways them, where competitors are stronger, whom to work on next
and through whom to reach them.
"""

from relgraph import datasets
from relgraph._version import __version__  # noqa: E402
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
from relgraph.model import (
    AffiliationKind,
    Direction,
    Goal,
    InteractionKind,
    OrgKind,
    Role,
    Settings,
    Stage,
    TieKind,
)
from relgraph.network import RelationshipNetwork
from relgraph.plan import Plan, plan
from relgraph.viz.activity import plot_touchpoints
from relgraph.viz.html import NetworkMap, to_html
from relgraph.viz.plots import plot_coverage, plot_decision_chain, plot_power_map, plot_route
from relgraph.viz.trend import plot_trend

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

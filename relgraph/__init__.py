"""relgraph: decision chains, hidden influencers, coverage gaps and introduction routes.

A Python library for B2B key-account selling. Load a customer's people and ties, then
analyse who decides, who sways them, where competitors are stronger, whom to work on next
and through whom to reach them.
"""

from relgraph import datasets
from relgraph.errors import (
    MissingDependencyError,
    RelgraphError,
    UnknownOpportunityError,
    UnknownPersonError,
    ValidationError,
)
from relgraph.io import load
from relgraph.model import AffiliationKind, Goal, OrgKind, Role, Settings, Stage, TieKind
from relgraph.network import RelationshipNetwork

# -- influence exports
# -- routes exports
# -- coverage exports
# -- interactions exports
# -- maps exports

__version__ = "0.1.0"

__all__ = [
    "AffiliationKind",
    "Goal",
    "MissingDependencyError",
    "OrgKind",
    "RelationshipNetwork",
    "RelgraphError",
    "Role",
    "Settings",
    "Stage",
    "TieKind",
    "UnknownOpportunityError",
    "UnknownPersonError",
    "ValidationError",
    "__version__",
    "datasets",
    "load",
]

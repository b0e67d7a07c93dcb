"""The one route engine: contact graph and rules, search core, and the route renderer.

Every analysis that finds or shows a way from our people to someone — connection routes,
bulk routes, coverage's reach, targets, the plan, sway chains — uses these modules:

- :mod:`~relgraph.analysis.paths.graph`: the contact graph (``-log`` strength costs), the
  rules of who may be a step (:class:`RouteRules`), shared-affiliation openings;
- :mod:`~relgraph.analysis.paths.search`: hop-bounded best paths, Yen's k best, team-wide
  reach and node-disjoint alternatives;
- :mod:`~relgraph.analysis.paths.batch`: many targeted searches in one pass (each target
  with people of its own that its route may not pass);
- :mod:`~relgraph.analysis.paths.render`: hop descriptions and the route as text.
"""

from relgraph.analysis.paths.graph import RouteGraph, RouteRules, route_graph
from relgraph.analysis.paths.render import Hop, Route, route_text

__all__ = ["Hop", "Route", "RouteGraph", "RouteRules", "route_graph", "route_text"]

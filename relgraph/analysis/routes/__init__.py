"""Warm-introduction routes: the most reliable chains of ties from our team to a person.

:func:`connection_routes` answers for one person (k routes, an independent alternative, the
single point of failure); :func:`routes_to_many` for many at once. Both run on the one route
engine, :mod:`relgraph.analysis.paths`.
"""

from relgraph.analysis.routes.bulk import BULK_COLUMNS, routes_to_many
from relgraph.analysis.routes.report import ROUTE_COLUMNS, RouteReport
from relgraph.analysis.routes.single import connection_routes

__all__ = ["BULK_COLUMNS", "ROUTE_COLUMNS", "RouteReport", "connection_routes", "routes_to_many"]

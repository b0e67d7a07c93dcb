"""The ``relgraph`` command line: validate data, run the demo, the analyses and the exports.

The commands live in one module per topic (:mod:`relgraph.cli.data`, ``influence``,
``routes``, ``coverage``, ``activity``, ``files``, ``monitor``, ``imports``); importing
this package registers them all on :data:`app`. :func:`main` is the console script.
"""

from __future__ import annotations

from relgraph.cli.app import app, main

# Each module registers its commands on app; their order is the order of --help.
# isort: off
from relgraph.cli import data  # noqa: F401
from relgraph.cli import influence  # noqa: F401
from relgraph.cli import routes  # noqa: F401
from relgraph.cli import coverage  # noqa: F401
from relgraph.cli import activity  # noqa: F401
from relgraph.cli import files  # noqa: F401
from relgraph.cli import monitor  # noqa: F401
from relgraph.cli import imports  # noqa: F401

# isort: on

__all__ = ["app", "main"]

"""Per-tie and per-person columns as plain numpy arrays, converted once per network.

Analyses that look up a few ties or people at a time (one pair of people, one route's
hops) read these arrays instead of converting whole ``net.edges`` columns, or indexing
``net.person_ids`` (arrow strings), on every call. Memoised by the network
(:meth:`relgraph.RelationshipNetwork.memo`), so they live as long as the network and its
settings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from relgraph.network import RelationshipNetwork

__all__ = ["TieArrays", "person_id_array", "tie_arrays"]


@dataclass(frozen=True)
class TieArrays:
    """Columns of :attr:`relgraph.RelationshipNetwork.edges` as read-only numpy arrays.

    Attributes
    ----------
    u, v : numpy.ndarray
        Positions of each tie's source and target (int64).
    kind : numpy.ndarray
        Each tie's kind (object array of str).
    strength : numpy.ndarray
        Resolved strength (float).
    sensitive : numpy.ndarray
        Sensitive flag (bool).
    public : numpy.ndarray
        ``~sensitive``: the ties a default output may use.
    given : numpy.ndarray
        Whether the strength was given or derived, not the kind's default (bool).
    """

    u: np.ndarray
    v: np.ndarray
    kind: np.ndarray
    strength: np.ndarray
    sensitive: np.ndarray
    public: np.ndarray
    given: np.ndarray

    def usable(self, include_sensitive: bool) -> np.ndarray:
        """Ties a route or an evidence list may use: all, or only the non-sensitive ones."""
        return np.ones(len(self.strength), bool) if include_sensitive else self.public


def tie_arrays(net: RelationshipNetwork) -> TieArrays:
    """Return the network's tie columns as arrays (built once per network and settings).

    Examples
    --------
    >>> import relgraph as rg
    >>> t = tie_arrays(rg.datasets.tiny())
    >>> t.kind[:2].tolist(), t.u[:2].tolist(), bool(t.sensitive[0])
    (['reports_to', 'reports_to'], [1, 2], False)
    """

    def build() -> TieArrays:
        e = net.edges
        kind, basis = e["kind"].array, e["basis"].array
        arrays = {
            "u": e["u"].to_numpy(np.int64),
            "v": e["v"].to_numpy(np.int64),
            "kind": np.asarray(kind.categories, dtype=object)[kind.codes],
            "strength": e["strength"].to_numpy(dtype=float),
            "sensitive": e["sensitive"].to_numpy(dtype=bool),
            "public": ~e["sensitive"].to_numpy(dtype=bool),
            "given": np.asarray(basis.categories, dtype=object)[basis.codes] != "default",
        }
        for a in arrays.values():
            a.flags.writeable = False
        return TieArrays(**arrays)

    return net.memo(("analysis.tie_arrays", "ties"), build)


def person_id_array(net: RelationshipNetwork) -> np.ndarray:
    """Return person ids by position as a read-only numpy object array of str (memoised).

    Examples
    --------
    >>> import relgraph as rg
    >>> person_id_array(rg.datasets.tiny())[:2].tolist()
    ['p1', 'p2']
    """

    def build() -> np.ndarray:
        ids = np.array([str(x) for x in net.person_ids.to_numpy(dtype=object).tolist()], object)
        ids.flags.writeable = False
        return ids

    return net.memo(("analysis.tie_arrays", "person_ids"), build)

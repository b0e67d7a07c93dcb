"""Factions: groups inside a customer found by seeded community detection on its internal ties.

Community detection maximises modularity. With python-igraph installed
(``pip install relgraph[fast]``) it runs igraph's C implementation of Leiden (Louvain plus
a refinement step that keeps every community connected), 10-35× faster than networkx's
pure-Python Louvain and reaching the same or a higher modularity
(``benchmarks/bench_factions.py``); without it, networkx's Louvain.
:func:`factions_backend` says which one runs and :func:`factions_cap` up to how many
account people an analysis runs factions by default.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from collections.abc import Sequence
from types import ModuleType
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.checks import check_bool, check_int
from relgraph.errors import NotFoundError
from relgraph.model import suggest
from relgraph.network import RelationshipNetwork
from relgraph.text import say, term

__all__ = [
    "FACTION_COLUMNS",
    "FACTIONS_CAP",
    "factions",
    "faction_membership",
    "communities",
    "factions_backend",
    "factions_cap",
]

Backend = Literal["igraph", "networkx"]

#: Default cap on the account size for factions, per backend: an analysis that runs
#: factions only when asked to above it (``coverage(with_factions=None)``) reads it through
#: :func:`factions_cap`. networkx's Louvain takes about 0.1 s at 1,000 people and 4 s at
#: 20,000; igraph's Leiden 0.01 s and 0.12 s (benchmarks/bench_factions.py).
FACTIONS_CAP: dict[str, int] = {"networkx": 1_000, "igraph": 200_000}

#: Columns of the frame returned by :func:`factions`.
FACTION_COLUMNS = [
    "faction",
    "size",
    "members",
    "names",
    "mean_attitude",
    "leans_to",
    "leaning",
    "supporters",
    "has_supporter",
    "why",
]


def _igraph() -> ModuleType | None:
    """Return the igraph module when python-igraph is installed, else None."""
    try:
        return importlib.import_module("igraph")
    except ImportError:
        return None


def _igraph_installed() -> bool:
    """Whether python-igraph is installed, without importing it (about a second)."""
    return importlib.util.find_spec("igraph") is not None


def factions_backend() -> Backend:
    """Return the community-detection library factions run on: ``"igraph"`` or ``"networkx"``.

    Returns
    -------
    str
        ``"igraph"`` when python-igraph is installed (extra ``fast``), else ``"networkx"``.

    Examples
    --------
    >>> factions_backend() in ("igraph", "networkx")
    True
    """
    return "igraph" if _igraph_installed() else "networkx"


def factions_cap() -> int:
    """Return the account size up to which factions run by default, for the installed backend.

    Returns
    -------
    int
        :data:`FACTIONS_CAP` of :func:`factions_backend`: 1,000 people with networkx,
        200,000 with igraph.

    Examples
    --------
    >>> factions_cap() == FACTIONS_CAP[factions_backend()]
    True
    """
    return FACTIONS_CAP[factions_backend()]


def communities(
    n: int,
    edges: tuple[Sequence[int], Sequence[int], Sequence[float]],
    *,
    seed: int = 0,
    backend: Backend | None = None,
) -> list[list[int]]:
    """Modularity communities of an undirected weighted graph on the nodes ``0 .. n-1``.

    Leiden on igraph, Louvain on networkx (see the module's description).

    Parameters
    ----------
    n : int
        Number of nodes (isolated ones form communities of one).
    edges : (rows, cols, weights)
        One entry per undirected edge (each pair once).
    seed : int
        Seed of the visiting order; the same seed gives the same communities.
    backend : {"igraph", "networkx"}, optional
        The library to use; None (default): :func:`factions_backend`.

    Returns
    -------
    list of list of int
        The communities, each sorted, largest first (ties: by first node).

    Examples
    --------
    >>> communities(4, ([0, 2, 1], [1, 3, 2], [1.0, 1.0, 0.1]))
    [[0, 1], [2, 3]]
    """
    # a tie of strength 0 is no evidence of a group (and an all-zero graph would divide by
    # zero in networkx's modularity): leave such edges out
    weights = np.asarray(edges[2], dtype=float).reshape(-1)
    kept = weights > 0
    rows = np.asarray(edges[0], dtype=np.int64).reshape(-1)[kept]
    cols = np.asarray(edges[1], dtype=np.int64).reshape(-1)[kept]
    weights = weights[kept]
    use = backend or factions_backend()
    if use == "igraph":
        found = _leiden_igraph(n, rows, cols, weights, seed)
    else:
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        graph.add_weighted_edges_from(
            zip(rows.tolist(), cols.tolist(), weights.tolist(), strict=True)
        )
        found = [
            sorted(c) for c in nx.community.louvain_communities(graph, weight="weight", seed=seed)
        ]
    return sorted(found, key=lambda c: (-len(c), c[0]))


def _leiden_igraph(
    n: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, seed: int
) -> list[list[int]]:
    """Leiden communities, each a sorted list of nodes."""
    ig = _igraph()
    if ig is None:
        raise ImportError("python-igraph is not installed: pip install 'relgraph[fast]'")
    graph = ig.Graph(
        n=n, edges=list(zip(rows.tolist(), cols.tolist(), strict=True)), directed=False
    )
    graph.es["weight"] = weights.tolist()
    # igraph draws from Python's random module by default; seed a private generator for
    # the call and put the module back.
    ig.set_random_number_generator(random.Random(seed))
    try:  # two iterations (igraph's default) already beat networkx's Louvain on Q
        membership = graph.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=2
        ).membership
    finally:
        ig.set_random_number_generator(random)
    group = np.asarray(membership, dtype=np.int64)
    order = np.argsort(group, kind="stable")  # nodes ascending within each community
    cuts = np.flatnonzero(np.diff(group[order])) + 1
    return [part.tolist() for part in np.split(order, cuts)] if n else []


def _resolve_account(net: RelationshipNetwork, account: str) -> str:
    orgs = net.orgs["id"].astype(str)
    if account in set(orgs):
        return account
    if account in set(net.opportunities["id"].astype(str)):
        return net.account_of(account)
    customers = orgs[net.orgs["kind"].astype(str).eq("customer")].tolist()
    near = suggest(account, [*customers, *net.opportunities["id"].astype(str)])
    hint = f"; did you mean {near!r}?" if near else ""
    raise NotFoundError(
        f"unknown account {account!r}; expected a customer org id ({', '.join(customers)}) "
        f"or an opportunity id{hint}"
    )


def faction_membership(
    net: RelationshipNetwork, account: str, *, seed: int = 0, include_sensitive: bool = False
) -> pd.Series:
    """Return the faction number of every person of the account (0 = the largest faction).

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    account : str
        A customer org id (or an opportunity id, meaning its account).
    seed : int
        Seed of the community detection; the same seed gives the same factions (for one
        backend: igraph and networkx may split a tie between equally good partitions
        differently, see :func:`factions_backend`).
    include_sensitive : bool
        Use sensitive ties (family, neighbour …) as evidence of a group.

    Returns
    -------
    pandas.Series
        Faction number (int) indexed by person id, for every person of the account.

    Examples
    --------
    >>> import relgraph as rg
    >>> faction_membership(rg.datasets.tiny(), "A").sort_index().tolist()
    [0, 1, 1, 0]
    """
    seed = check_int("seed", seed)
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    org = _resolve_account(net, str(account))
    members = net.people_at(org)
    pos = net.person_ids.get_indexer(members)  # all found: the network's own ids
    adj = net.adjacency(symmetric=True, include_sensitive=include_sensitive)
    key = ("factions.membership", org, seed, include_sensitive, factions_backend())
    label = net.memo(key, lambda: _labels(adj[pos][:, pos].tocoo(), len(pos), seed))
    return pd.Series(label.copy(), index=pd.Index(members, name="person"), name="faction")


def _labels(sub: sp.coo_matrix, n: int, seed: int) -> np.ndarray:
    """Faction number per node: by size (largest first), then by the first member."""
    keep = sub.row < sub.col
    edges = (sub.row[keep], sub.col[keep], sub.data[keep])
    label = np.empty(n, dtype=np.int64)
    for k, comm in enumerate(communities(n, edges, seed=seed)):
        label[comm] = k
    return label


def factions(
    net: RelationshipNetwork, account: str, *, seed: int = 0, include_sensitive: bool = False
) -> pd.DataFrame:
    """Find the factions inside a customer: who sticks together, where they lean.

    Community detection (seeded: Leiden with igraph, else Louvain) on the ties between the
    account's own people
    (reporting lines, influence and personal ties; all undirected, weighted by strength).

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    account : str
        A customer org id (or an opportunity id, meaning its account).
    seed : int
        Seed of the community detection; the same seed gives the same factions.
    include_sensitive : bool
        Use sensitive ties as evidence of a group (off by default).

    Returns
    -------
    pandas.DataFrame
        One row per faction, largest first: ``faction`` (0, 1, …), ``size``, ``members``
        (tuple of person ids), ``names`` (their labels, '; '-joined), ``mean_attitude``
        (mean of the assessed attitudes toward us; NaN when none is assessed),
        ``leans_to`` (the competitor with the largest total backing in the faction, '' when
        none), ``leaning`` (that total backing, sum of ``support``), ``supporters`` (members
        with attitude ≥ +1), ``has_supporter``, ``why``.

    Raises
    ------
    NotFoundError
        When ``account`` is neither a customer org nor an opportunity (with the nearest
        one when it is close).
    InvalidParameterError
        When ``seed`` is not a whole number or ``include_sensitive`` not a boolean.

    Notes
    -----
    Louvain maximises modularity Q = (1/2m) Σ_ij (A_ij − k_i k_j / 2m) δ(c_i, c_j) greedily;
    the result depends on the visiting order, hence the ``seed``. People with no internal
    tie form factions of one. With python-igraph installed (extra ``fast``) it runs Leiden
    on igraph, Louvain with a refinement step that keeps communities connected (same or
    higher Q), else Louvain on networkx (:func:`factions_backend`).

    References
    ----------
    Blondel, Guillaume, Lambiotte & Lefebvre (2008), Fast unfolding of communities in large
    networks, J. Stat. Mech. P10008. Traag, Waltman & van Eck (2019), From Louvain to
    Leiden: guaranteeing well-connected communities, Sci. Rep. 9, 5233.

    Examples
    --------
    >>> import relgraph as rg
    >>> f = factions(rg.datasets.tiny(), "A")
    >>> f[["faction", "size", "leans_to", "supporters"]].values.tolist()
    [[0, 2, 'R', 0], [1, 2, '', 2]]
    """
    member = faction_membership(net, account, seed=seed, include_sensitive=include_sensitive)
    people = net.people.set_index(net.person_ids).loc[member.index]
    att = people["attitude"].astype("Float64")
    backs = people["supports"].fillna("").astype(str)
    backing = people["support"].astype("Float64").fillna(1.0)
    org_names = net.org_labels
    lang = net.settings.language
    rows = []
    for k, group in member.groupby(member, sort=True).groups.items():
        ids = [str(x) for x in group]
        a = att.loc[ids].dropna()
        mean = float(a.mean()) if len(a) else float("nan")
        b = backing.loc[ids][backs.loc[ids].ne("")].groupby(backs.loc[ids]).sum()
        leans = str(b.sort_values(ascending=False, kind="stable").index[0]) if len(b) else ""
        n_sup = int((a >= 1).sum())
        mean_text = term("attitude", "unknown", lang=lang) if np.isnan(mean) else f"{mean:+.2f}"
        lean_text = (
            say(
                "fac_leans",
                competitor=org_names.get(leans, leans),
                backing=float(b.max()),
                lang=lang,
            )
            if leans
            else say("fac_no_lean", lang=lang)
        )
        rows.append(
            {
                "faction": int(str(k)),
                "size": len(ids),
                "members": tuple(ids),
                "names": "; ".join(net.labels.loc[ids]),
                "mean_attitude": mean,
                "leans_to": leans,
                "leaning": float(b.max()) if len(b) else 0.0,
                "supporters": n_sup,
                "has_supporter": n_sup > 0,
                "why": say(
                    "fac_why",
                    size=len(ids),
                    mean=mean_text,
                    lean=lean_text,
                    supporters=n_sup,
                    lang=lang,
                ),
            }
        )
    return pd.DataFrame(rows, columns=FACTION_COLUMNS)

"""Factions: groups inside a customer found by seeded community detection on its internal ties."""

from __future__ import annotations

import numpy as np
import pandas as pd

from relgraph.errors import RelgraphError
from relgraph.network import RelationshipNetwork
from relgraph.text import say

__all__ = ["FACTION_COLUMNS", "factions", "faction_membership"]

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


def _resolve_account(net: RelationshipNetwork, account: str) -> str:
    orgs = net.orgs["id"].astype(str)
    if account in set(orgs):
        return account
    if account in set(net.opportunities["id"].astype(str)):
        return net.account_of(account)
    customers = orgs[net.orgs["kind"].astype(str).eq("customer")].tolist()
    raise RelgraphError(
        f"unknown account {account!r}; expected a customer org id ({', '.join(customers)}) "
        "or an opportunity id"
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
        Seed of the Louvain method; the same seed gives the same factions.
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
    import networkx as nx

    org = _resolve_account(net, account)
    members = net.people_at(org)
    pos = net.index_of(members)
    adj = net.adjacency(symmetric=True, include_sensitive=include_sensitive)
    sub = adj[pos][:, pos].tocoo()
    graph = nx.Graph()
    graph.add_nodes_from(range(len(pos)))
    keep = sub.row < sub.col
    graph.add_weighted_edges_from(
        zip(sub.row[keep].tolist(), sub.col[keep].tolist(), sub.data[keep].tolist(), strict=True)
    )
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    # Stable numbering: by size (largest first), then by the first member's table position.
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    label = np.empty(len(pos), dtype=np.int64)
    for k, comm in enumerate(ordered):
        label[comm] = k
    return pd.Series(label, index=pd.Index(members, name="person"), name="faction")


def factions(
    net: RelationshipNetwork, account: str, *, seed: int = 0, include_sensitive: bool = False
) -> pd.DataFrame:
    """Find the factions inside a customer: who sticks together, where they lean.

    Community detection (Louvain, seeded) on the ties between the account's own people
    (reporting lines, influence and personal ties; all undirected, weighted by strength).

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    account : str
        A customer org id (or an opportunity id, meaning its account).
    seed : int
        Seed of the Louvain method; the same seed gives the same factions.
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
    RelgraphError
        When ``account`` is neither a customer org nor an opportunity.

    Notes
    -----
    Louvain maximises modularity Q = (1/2m) Σ_ij (A_ij − k_i k_j / 2m) δ(c_i, c_j) greedily;
    the result depends on the visiting order, hence the ``seed``. People with no internal
    tie form factions of one.

    References
    ----------
    Blondel, Guillaume, Lambiotte & Lefebvre (2008), Fast unfolding of communities in large
    networks, J. Stat. Mech. P10008.

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
    org_names = dict(
        zip(
            net.orgs["id"].astype(str),
            net.orgs["name_en"]
            .fillna("")
            .astype(str)
            .where(net.orgs["name_en"].fillna("").astype(str).ne(""), net.orgs["name"].astype(str)),
            strict=True,
        )
    )
    rows = []
    for k, group in member.groupby(member, sort=True).groups.items():
        ids = [str(x) for x in group]
        a = att.loc[ids].dropna()
        mean = float(a.mean()) if len(a) else float("nan")
        b = backing.loc[ids][backs.loc[ids].ne("")].groupby(backs.loc[ids]).sum()
        leans = str(b.sort_values(ascending=False, kind="stable").index[0]) if len(b) else ""
        n_sup = int((a >= 1).sum())
        mean_text = "not assessed" if np.isnan(mean) else f"{mean:+.2f}"
        lean_text = (
            say("fac_leans", competitor=org_names.get(leans, leans), backing=float(b.max()))
            if leans
            else say("fac_no_lean")
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
                    "fac_why", size=len(ids), mean=mean_text, lean=lean_text, supporters=n_sup
                ),
            }
        )
    return pd.DataFrame(rows, columns=FACTION_COLUMNS)

"""Tests for relgraph.analysis.paths.graph: the contact graph routes run on."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

import relgraph as rg
from relgraph.analysis.paths.graph import ContactGraph, RouteRules, contact_graph, route_graph


def test_contact_graph_reads_the_network_matrix_without_copying_it() -> None:
    net = rg.datasets.sample()
    adj = net.adjacency(symmetric=True, include_sensitive=False)
    g = contact_graph(net, include_sensitive=False)
    copied = ContactGraph.from_matrix(adj)
    assert np.shares_memory(g.strength, adj.data) and not g.strength.flags.writeable
    assert not np.shares_memory(copied.strength, adj.data)
    for name in ("indptr", "indices", "strength", "cost"):
        assert np.array_equal(getattr(g, name), getattr(copied, name))
    assert route_graph(net, RouteRules()).real is g
    assert route_graph(net, RouteRules(include_sensitive=True)).real is not g  # sensitive ties


def test_a_matrix_with_explicit_zeros_or_unsorted_indices_is_cleaned_not_borrowed() -> None:
    mat = sp.csr_matrix((np.array([0.5, 0.0, 0.25]), np.array([1, 0, 0]), np.array([0, 2, 3])))
    mat.has_sorted_indices = False
    g = ContactGraph.from_matrix(mat, copy=False)
    assert g.indices.tolist() == [1, 0] and g.strength.tolist() == [0.5, 0.25]
    assert not np.shares_memory(g.strength, mat.data)

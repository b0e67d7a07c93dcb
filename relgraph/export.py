"""Export the network to GEXF and GraphML (Gephi, yEd) and to node-link JSON.

Nodes carry who the person is (label, org, party, title, level), their attitude and
competitor backing, and — for an opportunity — their buying roles, power and leverage.
Sensitive personal data follows :mod:`relgraph.privacy`: left out unless
``include_sensitive=True``; the graph's ``note`` attribute says what was left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from relgraph.checks import check_choice
from relgraph.io.encode import xml_text
from relgraph.io.files import PathLike, atomic_write, check_outputs
from relgraph.network import RelationshipNetwork
from relgraph.privacy import share_policy

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ExportFormat", "export_graph", "to_networkx"]

ExportFormat = Literal["gexf", "graphml", "json"]
_FORMATS = ("gexf", "graphml", "json")
_TEXT = ("name", "name_en", "org", "title", "department", "supports")
_INT = ("level", "attitude", "support")


def to_networkx(
    net: RelationshipNetwork,
    *,
    opportunity: str | None = None,
    include_sensitive: bool = False,
) -> nx.MultiDiGraph:
    """Build a clean, exportable networkx graph (no blanks; scalar attributes only).

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    opportunity : str, optional
        Adds ``roles``, ``power`` and ``leverage`` for this opportunity (the only one when
        the network has exactly one; none when it has several and none is named).
    include_sensitive : bool
        Keep sensitive ties and the outsiders known only through them.

    Returns
    -------
    networkx.MultiDiGraph
        Node attributes: ``label, name, name_en, org, org_name, party, title, department,
        level, attitude, supports, support, do_not_contact`` and, with an opportunity,
        ``roles, power, leverage``; blank numbers are omitted. Edge attributes: ``kind,
        strength, directed`` (and ``since`` when given). Graph attributes: ``note`` (what was
        left out), ``opportunity``.

    Examples
    --------
    >>> import relgraph as rg
    >>> g = to_networkx(rg.datasets.tiny(), opportunity="O1")
    >>> g.nodes["p1"]["roles"], round(g.nodes["p1"]["leverage"], 3) >= 0
    ('decider', True)
    """
    import networkx as nx

    policy = share_policy(net, include_sensitive=include_sensitive)
    opp = _opportunity_or_none(net, opportunity)
    people = net.people
    org_name = dict(zip(net.orgs["id"].astype(str), net.orgs["name"].astype(str), strict=True))
    extra: pd.DataFrame | None = None
    if opp is not None:
        from relgraph.analysis.influence import leverage

        lev = leverage(net, opp, include_sensitive=True).set_index("person")["leverage"]
        roles = net.opportunity_roles(opp)
        role_text = roles.groupby("person")["role"].agg(lambda r: ", ".join(sorted(set(r))))
        power = roles.groupby("person")["power"].max()
        extra = pd.DataFrame({"leverage": lev, "roles": role_text, "power": power})
    g = nx.MultiDiGraph(note=policy.note, opportunity=opp or "")
    dnc = net.do_not_contact()
    for i, pid in enumerate(net.person_ids):
        if not policy.people[i]:
            continue
        row = people.iloc[i]
        attrs: dict[str, object] = {
            "label": str(net.labels.iloc[i]),
            "party": str(net.party.iloc[i]),
            "org_name": org_name.get(str(row["org"]), ""),
            "do_not_contact": bool(dnc[i]),
        }
        for col in _TEXT:
            attrs[col] = "" if pd.isna(row[col]) else str(row[col])
        for col in _INT:
            if not pd.isna(row[col]):
                attrs[col] = int(row[col])
        if extra is not None:
            attrs["roles"] = str(extra["roles"].get(pid, "") or "")
            for col in ("power", "leverage"):
                value: Any = extra.at[pid, col] if pid in extra.index else None
                if value is not None and not pd.isna(value):
                    attrs[col] = float(value)
        g.add_node(str(pid), **attrs)
    edges = net.edges
    ties = net.ties
    ids = net.person_ids
    from relgraph.vocab import TieKind

    for pos in range(len(edges)):
        if not policy.ties[pos]:
            continue
        e = edges.iloc[pos]
        kind = str(e["kind"])
        eattrs: dict[str, object] = {
            "kind": kind,
            "strength": float(e["strength"]),
            "directed": TieKind(kind).directed,
        }
        since = ties["since"].iloc[pos]
        if not pd.isna(since):
            eattrs["since"] = pd.Timestamp(since).strftime("%Y-%m-%d")
        g.add_edge(str(ids[int(e["u"])]), str(ids[int(e["v"])]), key=kind, **eattrs)
    return g


def _add_gexf_description(path: Path, note: str) -> None:
    """Put the privacy note into the GEXF ``<meta><description>`` (networkx writes none)."""
    from xml.sax.saxutils import escape

    text = path.read_text(encoding="utf-8")
    desc = f"<description>{escape(note)}</description>"
    if "</creator>" in text:
        text = text.replace("</creator>", "</creator>" + desc, 1)
    else:
        text = text.replace("<graph ", f"<meta>{desc}</meta><graph ", 1)
    path.write_text(text, encoding="utf-8")


def _xml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return ``g`` with the characters XML cannot hold replaced (ids and text attributes).

    The same graph when there are none (the usual case); see
    :func:`relgraph.io.encode.xml_text`.
    """
    import networkx as nx

    def clean(value: Any) -> Any:
        return xml_text(value) if isinstance(value, str) else value

    def dirty(value: Any) -> bool:
        return isinstance(value, str) and clean(value) != value

    if not (
        any(dirty(n) or any(map(dirty, d.values())) for n, d in g.nodes(data=True))
        or any(
            dirty(k) or any(map(dirty, d.values())) for _, _, k, d in g.edges(keys=True, data=True)
        )
        or any(map(dirty, g.graph.values()))
    ):
        return g
    out = nx.MultiDiGraph(**{k: clean(v) for k, v in g.graph.items()})
    for n, d in g.nodes(data=True):
        out.add_node(clean(n), **{k: clean(v) for k, v in d.items()})
    for u, v, key, d in g.edges(keys=True, data=True):
        out.add_edge(clean(u), clean(v), key=clean(key), **{k: clean(x) for k, x in d.items()})
    return out


def _opportunity_or_none(net: RelationshipNetwork, opportunity: str | None) -> str | None:
    if opportunity is not None:
        return net.resolve_opportunity(opportunity)
    return net.resolve_opportunity() if len(net.opportunities) == 1 else None


def export_graph(
    net: RelationshipNetwork,
    path: str | Path,
    *,
    format: ExportFormat | None = None,
    opportunity: str | None = None,
    include_sensitive: bool = False,
    inputs: Iterable[PathLike] = (),
) -> Path:
    """Write the network as GEXF, GraphML or node-link JSON, atomically.

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    path : str or Path
        Output file; missing folders are created. It is written to a temporary file first
        and renamed into place, so a failure leaves any earlier file unchanged.
    format : {"gexf", "graphml", "json"}, optional
        Defaults to the file's suffix.
    opportunity : str, optional
        Adds roles, power and leverage for this opportunity (see :func:`to_networkx`).
    include_sensitive : bool
        Keep sensitive personal data (left out by default; the file's ``note`` says so).
    inputs : iterable of path
        The run's inputs, which ``path`` must not overwrite (see
        :func:`relgraph.io.files.check_outputs`).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InvalidParameterError
        For an unknown format (the message lists the valid ones).
    OutputError
        When ``path`` is an input of the run, a folder, or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx, relgraph as rg
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "acme.gexf"
    >>> _ = export_graph(rg.datasets.tiny(), out)
    >>> nx.read_gexf(out).number_of_nodes()
    6
    """
    import networkx as nx

    path = Path(path)
    name = "format" if format is not None else "format (from the file's suffix)"
    fmt = check_choice(name, str(format or path.suffix.lstrip(".")).lower(), _FORMATS)
    inputs = list(inputs)
    check_outputs([path], inputs=inputs)
    g = to_networkx(net, opportunity=opportunity, include_sensitive=include_sensitive)

    def write(tmp: Path) -> None:
        if fmt == "gexf":
            safe = _xml_safe(g)
            nx.write_gexf(safe, tmp)
            _add_gexf_description(tmp, str(safe.graph["note"]))
        elif fmt == "graphml":
            nx.write_graphml(_xml_safe(g), tmp)
        else:
            data = nx.node_link_data(g, edges="links")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    return atomic_write(path, write, inputs=inputs)

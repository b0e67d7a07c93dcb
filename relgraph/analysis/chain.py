"""The decision chain of one opportunity: roles, reporting lines and hidden sway."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph._tie_arrays import person_id_array
from relgraph.analysis.chain_result import EDGE_COLUMNS, PEOPLE_COLUMNS, DecisionChain
from relgraph.analysis.influence.hidden import tie_phrase, ties_between_many
from relgraph.analysis.influence.model import model
from relgraph.analysis.influence.support import power
from relgraph.checks import check_bool
from relgraph.model import Stage
from relgraph.text import TERMS, clauses, say, term
from relgraph.views import TIE_KINDS

if TYPE_CHECKING:
    from relgraph.network import RelationshipNetwork

__all__ = ["decision_chain"]

#: One role held: (role, power, stage or "").
_Held = tuple[str, float, str]
#: One hidden edge: (source position, target position, weight, tie kinds, how they sway).
_Sway = tuple[int, int, float, tuple[str, ...], str]


def decision_chain(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    include_sensitive: bool = False,
) -> DecisionChain:
    """Build the decision chain of an opportunity: role holders, stages, reporting lines, sway.

    Parameters
    ----------
    net : RelationshipNetwork
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    include_sensitive : bool
        Keep hidden edges carried only by sensitive ties (family, faith, neighbour or
        marked sensitive). When False (the default) they are left out and counted in
        :attr:`DecisionChain.withheld`.

    Returns
    -------
    DecisionChain
        ``.people`` (one row per role holder and hidden influencer, with a plain-language
        ``why``), ``.edges`` (formal reporting lines between role holders and hidden sway
        into the chain), ``.stages`` (stage → people, in buying order), ``.flow`` (the
        same as one line), ``.withheld`` and ``.to_networkx()`` (a ``DiGraph``). An
        opportunity without roles gives empty tables with the same columns.

    Raises
    ------
    UnknownOpportunityError
        For an unknown opportunity, or when it is left out and there are several.
    InvalidParameterError
        When ``include_sensitive`` is not a boolean.

    Notes
    -----
    Hidden edges come from the influence model (:func:`relgraph.influence_matrix`):
    ``u → v`` when ``W[v, u] > 0``, ``u`` holds no role and is not our or a competitor's
    staff, and ``v`` holds one. Every edge's ``weight`` is ``W[target, source]``.

    References
    ----------
    .. [1] F. E. Webster and Y. Wind, "A general model for understanding organizational
       buying behavior", Journal of Marketing 36(2):12–19, 1972.

    Examples
    --------
    >>> import relgraph as rg
    >>> chain = decision_chain(rg.datasets.tiny())
    >>> chain.people["person"].tolist(), chain.stages["unstaged"]
    (['p1', 'p2', 'p3', 'p4'], ['p1', 'p2', 'p3'])
    >>> chain.edges[["source", "target", "kind"]].values.tolist()
    [['p2', 'p1', 'formal'], ['p3', 'p2', 'formal'], ['p4', 'p1', 'hidden']]
    >>> chain.people.loc[0, "why"]
    'decider, power 1.00; attitude -1 (cool); backs Rival'
    """
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    opp, _, roles = power(net, opportunity)
    held = _held_roles(roles)
    hold = np.zeros(net.n_people, dtype=bool)
    hold[net.index_of(list(held))] = True
    formal = _formal_lines(net, hold)
    sways, withheld = _hidden_sway(net, hold, include_sensitive)
    stages: dict[str, list[str]] = {str(st): [] for st in Stage}
    stages["unstaged"] = []
    for pid, roles_held in held.items():
        for st in dict.fromkeys(st for _, _, st in roles_held if st) or ["unstaged"]:
            stages[st].append(pid)
    return DecisionChain(
        opportunity=opp,
        people=_people_frame(net, held, sways),
        edges=_edges_frame(net, formal, sways),
        stages=stages,
        withheld=withheld,
        language=net.settings.language,
    )


def _held_roles(roles: pd.DataFrame) -> dict[str, list[_Held]]:
    """Each role holder's roles, most powerful first; holders in that order too."""
    rows = list(
        zip(
            roles["person"].tolist(),
            roles["role"].astype(str).tolist(),
            roles["power"].tolist(),
            roles["stage"].tolist(),
            strict=True,
        )
    )
    rows.sort(key=lambda r: (-r[2], r[1]))  # most powerful first, then by role (stable)
    held: dict[str, list[_Held]] = {}
    for pid, role, pw, stage in rows:
        st = "" if stage is None or stage is pd.NA or stage != stage else str(stage)
        held.setdefault(str(pid), []).append((role, float(pw), st))
    return held


def _formal_lines(net: RelationshipNetwork, hold: np.ndarray) -> list[tuple[int, int]]:
    """``reports_to`` ties between two role holders, as (report, boss) positions."""
    u, v = net.endpoints()
    rep = (net.tie_kind_codes() == TIE_KINDS.index("reports_to")) & hold[u] & hold[v]
    return list(zip(u[rep].tolist(), v[rep].tolist(), strict=True))


def _hidden_sway(
    net: RelationshipNetwork, hold: np.ndarray, include_sensitive: bool
) -> tuple[list[_Sway], int]:
    """Sway into the chain from people without a role: ``W[j, c] > 0``, j a role holder.

    Returns the edges shown, by source position (as the network lists people), and how many
    were left out because only sensitive ties carry them.
    """
    m = model(net)
    rows = np.flatnonzero(hold)
    sub = m.W[rows].tocoo()
    listener = rows[sub.row]
    keep = ~hold[sub.col] & ~m.outside[sub.col] & (sub.col != listener)
    pairs = sorted(
        zip(sub.col[keep].tolist(), listener[keep].tolist(), sub.data[keep].tolist(), strict=True)
    )
    shown: list[_Sway] = []
    withheld = 0
    found = ties_between_many(
        net,
        np.array([c for c, _, _ in pairs], np.int64),
        np.array([j for _, j, _ in pairs], np.int64),
    )
    for (c, j, w), between in zip(pairs, found, strict=True):
        ties = [t for t in between if include_sensitive or not t[3]]
        if ties:
            kinds = tuple(dict.fromkeys(t[0] for t in ties))
            words = ", ".join(
                dict.fromkeys(
                    tie_phrase(t[0], t[1], t[2], lang=net.settings.language) for t in ties
                )
            )
            shown.append((c, j, float(w), kinds, words))
        else:
            withheld += 1
    return shown, withheld


def _holder_why(
    net: RelationshipNetwork, roles_held: list[_Held], attitude: Any, supports: str
) -> str:
    """Why a role holder is in the chain: roles, power, stage, attitude and backing."""
    lang = net.settings.language
    role, pw, stage = roles_held[0]
    if attitude is pd.NA:
        stance = term("attitude", "unknown", lang=lang)
    else:
        word = term("attitude", int(attitude), lang=lang)
        stance = say("chain_why_attitude", value=int(attitude), word=word, lang=lang)
    at_stage = ""
    if stage in TERMS["stage"]:
        at_stage = say("chain_why_stage", stage=term("stage", stage, lang=lang), lang=lang)
    backs = ""
    if supports:
        who = net.org_labels.get(supports, supports)
        backs = say("chain_why_backs", competitor=who, lang=lang)
    names = dict.fromkeys(term("role", r, lang=lang) for r, _, _ in roles_held)
    return say(
        "chain_why_holder",
        roles=", ".join(names),
        power=pw,
        stage=at_stage,
        attitude=stance,
        backs=backs,
        lang=lang,
    )


def _people_frame(
    net: RelationshipNetwork, held: dict[str, list[_Held]], sways: list[_Sway]
) -> pd.DataFrame:
    """One row per role holder (most powerful first), then per hidden influencer."""
    lang = net.settings.language
    ids = person_id_array(net)
    labels = net.labels.to_numpy(dtype=object)
    hidden = list(dict.fromkeys(str(ids[c]) for c, *_ in sways))
    order = list(held) + hidden
    pos = net.index_of(order) if order else np.zeros(0, dtype=np.int64)
    ppl = net.people
    # each column taken at the rows shown first (a few hundred), then converted
    attitude = ppl["attitude"].astype("Int64").array.take(pos)
    supports = pd.Series(ppl["supports"].array.take(pos)).fillna("").astype(str)
    sways_of: dict[str, list[str]] = {pid: [] for pid in hidden}
    for c, j, w, _, words in sways:
        text = say("chain_why_sways", who=labels[j], ties=words, share=w, lang=lang)
        sways_of[str(ids[c])].append(text)
    why = [
        say("chain_why_hidden", sways=clauses(sways_of[pid], lang=lang), lang=lang)
        if pid in sways_of
        else _holder_why(net, held[pid], attitude[i], supports.iat[i])
        for i, pid in enumerate(order)
    ]
    roles = [held.get(pid, []) for pid in order]
    frame = pd.DataFrame(
        {
            "person": pd.Series(order, dtype=object),
            "name": labels[pos],
            "title": net.titles.to_numpy(dtype=object)[pos],
            "level": ppl["level"].astype("Int64").array.take(pos),
            "party": net.party.to_numpy(dtype=object)[pos],
            "hidden": np.array([pid in sways_of for pid in order], dtype=bool),
            "role": [r[0][0] if r else "" for r in roles],
            "roles": [tuple(dict.fromkeys(x for x, _, _ in r)) for r in roles],
            "power": np.array([max((p for _, p, _ in r), default=0.0) for r in roles], float),
            "stage": [r[0][2] if r else "" for r in roles],
            "stages": [tuple(dict.fromkeys(st for _, _, st in r if st)) for r in roles],
            "attitude": attitude,
            "supports": supports.array,
            "why": why,
        },
        columns=PEOPLE_COLUMNS,
    )
    return frame


def _entries(mat: Any, rows: list[int], cols: list[int]) -> list[float]:
    """``mat[rows[k], cols[k]]`` for every k, in one sparse lookup."""
    if not rows:
        return []
    return [float(x) for x in np.asarray(mat[rows, cols]).ravel().tolist()]


def _edges_frame(
    net: RelationshipNetwork, formal: list[tuple[int, int]], sways: list[_Sway]
) -> pd.DataFrame:
    """Formal reporting lines (report → boss), then hidden sway, with their weights."""
    lang = net.settings.language
    W = model(net).W
    ids = person_id_array(net)
    labels = net.labels.to_numpy(dtype=object)
    u = [a for a, _ in formal] + [c for c, *_ in sways]
    v = [b for _, b in formal] + [j for _, j, *_ in sways]
    why = [
        say("chain_edge_formal", source=labels[a], target=labels[b], lang=lang) for a, b in formal
    ]
    why += [
        say("chain_edge_hidden", source=labels[c], target=labels[j], ties=words, share=w, lang=lang)
        for c, j, w, _, words in sways
    ]
    at_u, at_v = np.array(u, dtype=np.int64), np.array(v, dtype=np.int64)
    return pd.DataFrame(
        {
            "source": pd.Series(ids[at_u], dtype=object),
            "target": pd.Series(ids[at_v], dtype=object),
            "kind": ["formal"] * len(formal) + ["hidden"] * len(sways),
            "weight": np.array(
                _entries(W, [b for _, b in formal], [a for a, _ in formal])
                + [w for _, _, w, _, _ in sways],
                dtype=float,
            ),
            "ties": [("reports_to",)] * len(formal) + [kinds for _, _, _, kinds, _ in sways],
            "why": why,
        },
        columns=EDGE_COLUMNS,
    )

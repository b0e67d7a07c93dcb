"""Which people a map draws: the focus, the size limit, the story and the groups.

The *story* is what the default view shows person by person: the decision chain's role
holders, the top hidden influencers, the people backing a competitor and our people who
cover them. Everyone else is collapsed into groups (by department, organisation or
faction) that open on click.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from relgraph.text import say, term
from relgraph.viz.map_facts import blank

if TYPE_CHECKING:
    from relgraph.viz.map_facts import MapFacts

__all__ = [
    "GROUPINGS",
    "STORY_ALL",
    "Group",
    "candidates",
    "groupings",
    "select",
    "story_mask",
]

#: A map of at most this many people shows everyone individually (nothing is grouped).
STORY_ALL = 40
#: At most this many role holders and this many competitor backers are story people.
_STORY_ROLES, _STORY_BACKERS = 60, 12
#: The ways the page can group the people outside the story.
GROUPINGS = ("department", "org", "faction")
_BLOCKS = ("us", "customer", "partner", "other", "competitor")


@dataclass(frozen=True)
class Group:
    """People outside the story collapsed into one node: its label and members (row indices)."""

    key: str
    label: str
    members: np.ndarray


def candidates(
    facts: MapFacts, focus: str | None, radius: int
) -> tuple[np.ndarray, int | None, list[str]]:
    """Shareable people (row indices), restricted to a focus person's ego network."""
    lang = facts.net.settings.language
    net = facts.net
    cands = np.flatnonzero(facts.policy.people)
    if focus is None:
        return cands, None, []
    idx = int(net.index_of(net.resolve_person(focus))[0])
    if not facts.policy.people[idx]:
        raise ValueError(say("viz_focus_sensitive", who=str(net.person_ids[idx]), lang=lang))
    ego = _ego(facts.n, facts.eu, facts.ev, idx, radius)
    ego = ego[facts.policy.people[ego]]
    note = say("viz_focus", who=net.labels.iloc[idx], radius=radius, n=len(ego), lang=lang)
    return ego, idx, [note]


def select(
    facts: MapFacts, cands: np.ndarray, focus_idx: int | None, max_people: int
) -> tuple[np.ndarray, list[str]]:
    """Everyone when under ``max_people``; else the most relevant, with a note saying so."""
    lang = facts.net.settings.language
    if len(cands) <= max_people:
        return np.sort(cands), []
    degree = np.bincount(np.concatenate([facts.eu, facts.ev]), minlength=facts.n)
    tier = np.full(len(cands), 3)
    tier[np.isin(cands, list(facts.hidden_why))] = 1
    tier[np.isin(cands, list(facts.roles_of))] = 0
    if focus_idx is not None:
        tier[cands == focus_idx] = -1
    lev = np.zeros(len(cands)) if facts.lev is None else facts.lev[cands]
    order = np.lexsort((cands, -degree[cands], -lev, tier))
    keep = np.sort(cands[order[:max_people]])
    dropped = np.setdiff1d(cands, keep)
    party = facts.party
    parts = ", ".join(
        f"{int((party[dropped] == b).sum()):,} {term('party', b, lang=lang)}"
        for b in _BLOCKS
        if (party[dropped] == b).any()
    )
    inside = np.zeros(facts.n, bool)
    inside[keep] = True
    ties_out = int((~(inside[facts.eu] & inside[facts.ev])).sum())
    note = say(
        "viz_left_out",
        parts=parts,
        shown=f"{len(keep):,}",
        total=f"{len(cands):,}",
        left=f"{len(dropped):,}",
        ties=f"{ties_out:,}",
        limit=f"{max_people:,}",
        lang=lang,
    )
    return keep, [note]


def story_mask(facts: MapFacts, keep: np.ndarray, focus_idx: int | None) -> np.ndarray:
    """Per kept person: shown individually in the default view (True) or grouped."""
    if len(keep) <= STORY_ALL:
        return np.ones(len(keep), bool)
    inside = np.zeros(facts.n, bool)
    inside[keep] = True
    lev = np.zeros(facts.n) if facts.lev is None else facts.lev
    holders = np.array([i for i in facts.roles_of if inside[i]], dtype=np.int64)
    holders = holders[np.argsort(-lev[holders], kind="stable")][:_STORY_ROLES]
    chosen = set(holders.tolist()) | {i for i in facts.hidden_why if inside[i]}
    backers = np.flatnonzero(
        inside & (facts.supports != "") & ~np.isin(facts.party, ["us", "competitor"])
    )
    backers = backers[np.argsort(-lev[backers], kind="stable")][:_STORY_BACKERS]
    chosen |= set(backers.tolist())
    if focus_idx is not None:
        chosen.add(focus_idx)
    for i in list(chosen):
        chosen |= {o for o in facts.owners.get(i, []) if inside[o]}
    return np.isin(keep, list(chosen))


def groupings(facts: MapFacts, keep: np.ndarray, story: np.ndarray) -> dict[str, list[Group]]:
    """Group the people outside the story, for each way of grouping them."""
    net = facts.net
    rest = keep[~story]
    org = net.people["org"].astype(str).to_numpy()
    dept = net.people["department"].fillna("").astype(str).to_numpy()
    org_name = {str(k): str(v) for k, v in net.org_labels.items()}
    by_faction = _factions(facts)
    out: dict[str, list[Group]] = {}
    for how in GROUPINGS:
        if how == "faction" and not by_faction:
            continue
        keys: dict[str, list[int]] = {}
        labels: dict[str, str] = {}
        for i in rest.tolist():
            key, label = _group_of(how, i, org, dept, facts, org_name, by_faction)
            keys.setdefault(key, []).append(i)
            labels[key] = label
        order = sorted(keys, key=lambda k: (_block_rank(facts, keys[k][0]), -len(keys[k]), k))
        out[how] = [Group(k, labels[k], np.array(keys[k], dtype=np.int64)) for k in order]
    return out


def _block_rank(facts: MapFacts, i: int) -> int:
    order = ("customer", "partner", "other", "competitor", "us")
    party = str(facts.party[i])
    return order.index(party) if party in order else 2


def _group_of(
    how: str,
    i: int,
    org: np.ndarray,
    dept: np.ndarray,
    facts: MapFacts,
    org_name: dict[str, str],
    by_faction: dict[int, tuple[int, str]],
) -> tuple[str, str]:
    lang = facts.net.settings.language
    name = org_name.get(org[i], org[i])
    if how == "faction" and i in by_faction:
        number, lean = by_faction[i]
        if lean:
            return f"f{number}", say("viz_group_faction_lean", n=number + 1, org=lean, lang=lang)
        return f"f{number}", say("viz_group_faction", n=number + 1, lang=lang)
    if how == "department" and facts.party[i] == "customer":
        d = dept[i]
        if not blank(d):
            return f"d{org[i]}\x1f{d}", d
        return f"d{org[i]}\x1f", say("viz_group_no_department", org=name, lang=lang)
    return f"o{org[i]}", name


def _factions(facts: MapFacts) -> dict[int, tuple[int, str]]:
    """Row index → (faction number, label of the competitor it leans to or '').

    The factions are the coverage report's (:func:`relgraph.coverage`); a faction leans to
    the competitor with the largest total backing among its members.
    """
    rep = facts.report
    if rep is None or rep.factions is None or not len(rep.factions):
        return {}
    net = facts.net
    org_name = {str(k): str(v) for k, v in net.org_labels.items()}
    out: dict[int, tuple[int, str]] = {}
    for number, members in zip(rep.factions["faction"], rep.factions["members"], strict=True):
        known = [str(m) for m in members if str(m) in net.person_ids]
        idx = net.index_of(known) if known else np.array([], dtype=np.int64)
        backing: dict[str, float] = {}
        for i in idx.tolist():
            if facts.supports[i]:
                backing[facts.supports[i]] = backing.get(facts.supports[i], 0.0) + facts.support[i]
        lean = max(sorted(backing), key=backing.__getitem__) if backing else ""
        for i in idx.tolist():
            out[int(i)] = (int(number), org_name.get(lean, lean))
    return out


def _ego(n: int, eu: np.ndarray, ev: np.ndarray, start: int, radius: int) -> np.ndarray:
    """People within ``radius`` ties of ``start`` (ties in either direction), BFS order."""
    import scipy.sparse as sp

    adj = sp.csr_matrix((np.ones(2 * len(eu)), (np.r_[eu, ev], np.r_[ev, eu])), shape=(n, n))
    seen = np.zeros(n, bool)
    seen[start] = True
    order = [np.array([start])]
    frontier = order[0]
    for _ in range(radius):
        nxt = np.unique(adj[frontier].indices)
        nxt = nxt[~seen[nxt]]
        if not len(nxt):
            break
        seen[nxt] = True
        order.append(nxt)
        frontier = nxt
    return np.concatenate(order)

"""Sponsor matching: which of our executives should sponsor a key customer person."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from relgraph.errors import RelgraphError
from relgraph.network import RelationshipNetwork
from relgraph.text import say

__all__ = ["SPONSOR_COLUMNS", "SPONSOR_WEIGHTS", "match_sponsor", "our_load"]

#: Weights of the four terms of the sponsor score (they sum to 1).
SPONSOR_WEIGHTS: Mapping[str, float] = {
    "parity": 0.4,
    "business": 0.2,
    "history": 0.3,
    "capacity": 0.1,
}

#: Columns of the frame returned by :func:`match_sponsor`.
SPONSOR_COLUMNS = [
    "rank",
    "sponsor",
    "name",
    "title",
    "level",
    "parity",
    "business",
    "history",
    "load",
    "capacity",
    "score",
    "why",
]

_WORD = re.compile(r"[a-z]{3,}|[^\x00-\x7f]")
_STOP = frozenset({"and", "the", "for", "with", "office", "team", "manager", "director", "vice"})


def _words(text: object) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(str(text or "").lower()) if w not in _STOP)


def our_load(net: RelationshipNetwork) -> pd.Series:
    """Count the customer-side people each of our people covers (``covers`` ties).

    Examples
    --------
    >>> import relgraph as rg
    >>> our_load(rg.datasets.tiny()).to_dict()
    {'u1': 2, 'u2': 1}
    """
    ours = net.our_people()
    t = net.ties
    cov = t[t["kind"].astype(str).eq("covers") & t["source"].astype(str).isin(ours)]
    counts = cov.drop_duplicates(["source", "target"])["source"].astype(str).value_counts()
    return counts.reindex(ours, fill_value=0).astype(int).rename("load")


def _history(
    net: RelationshipNetwork, target: int, include_sensitive: bool
) -> tuple[np.ndarray, list[str]]:
    """Strongest direct tie (any kind, either direction) between everyone and ``target``."""
    e = net.edges
    mask = (e["u"].to_numpy() == target) | (e["v"].to_numpy() == target)
    if not include_sensitive:
        mask &= ~e["sensitive"].to_numpy()
    sub = e[mask]
    other = np.where(sub["u"].to_numpy() == target, sub["v"].to_numpy(), sub["u"].to_numpy())
    best = np.zeros(net.n_people)
    kind = [""] * net.n_people
    for o, k, s in zip(other, sub["kind"], sub["strength"], strict=True):
        if s > best[o]:
            best[o] = s
            kind[o] = str(k)
    return best, kind


def match_sponsor(
    net: RelationshipNetwork,
    person: str,
    *,
    candidates: Iterable[str] | None = None,
    max_load: int = 8,
    k: int | None = None,
    include_sensitive: bool = False,
    load: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Rank our people as executive sponsor of one customer person (DOMAIN.md §8).

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    person : str
        The customer person to sponsor (id or name).
    candidates : iterable of str, optional
        Our people to consider; all of our people when omitted.
    max_load : int
        How many customer people one of our people can own in a cycle (the capacity term).
    k : int, optional
        Return only the best ``k``.
    include_sensitive : bool
        Count sensitive ties (family, neighbour …) as past interaction.
    load : Mapping of str to int, optional
        Current load per our person; defaults to :func:`our_load` (their ``covers`` ties).

    Returns
    -------
    pandas.DataFrame
        One row per candidate, best first: ``rank``, ``sponsor`` (id), ``name``, ``title``,
        ``level``, ``parity``, ``business``, ``history``, ``load``, ``capacity``, ``score``,
        ``why``.

    Raises
    ------
    UnknownPersonError
        For an unknown person or candidate.
    RelgraphError
        When ``max_load`` is below 1 or a candidate is not one of our people.

    Notes
    -----
    score = 0.4·parity + 0.2·business + 0.3·history + 0.1·capacity (:data:`SPONSOR_WEIGHTS`):

    - parity = 1 − |level_sponsor − level_person| / 4 (0.5 when a level is missing);
    - business = Jaccard overlap of the words of department and title (common words such as
      "manager" and "office" ignored);
    - history = strength of the strongest direct tie between the two (any kind; sensitive
      ties only with ``include_sensitive``);
    - capacity = max(0, 1 − load / max_load).

    Examples
    --------
    >>> import relgraph as rg
    >>> m = match_sponsor(rg.datasets.tiny(), "p1")
    >>> m[["sponsor", "parity", "history"]].values.tolist()
    [['u2', 0.75, 0.7], ['u1', 0.5, 0.0]]
    """
    if max_load < 1:
        raise RelgraphError(f"max_load must be at least 1; got {max_load!r}")
    pid = net.resolve_person(person)
    ours = net.our_people()
    if candidates is None:
        cand = list(ours)
    else:
        cand = [net.resolve_person(c) for c in candidates]
        bad = [c for c in cand if c not in set(ours)]
        if bad:
            raise RelgraphError(f"{bad} are not our people; valid: {', '.join(ours)}")
    if "sponsor_words" not in net._cache:
        ppl = net.people
        net._cache["sponsor_words"] = [
            _words(d) | _words(t)
            for d, t in zip(ppl["department"].fillna(""), ppl["title"].fillna(""), strict=True)
        ]
    words_of: list[frozenset[str]] = net._cache["sponsor_words"]
    levels: list[int | None] = [
        None if pd.isna(v) else int(v) for v in net.people["level"].astype("Float64")
    ]
    titles = net.people["title"].fillna("").astype(str)
    target_i = int(net.index_of(pid)[0])
    t_level = levels[target_i]
    t_words = words_of[target_i]
    history, kinds = _history(net, target_i, include_sensitive)
    current = our_load(net) if load is None else pd.Series(dict(load), dtype=int)
    rows = []
    for c, ci in zip(cand, net.index_of(cand), strict=True):
        lvl = levels[int(ci)]
        if lvl is None or t_level is None:
            parity = 0.5
        else:
            parity = max(0.0, 1.0 - abs(int(lvl) - int(t_level)) / 4.0)
        words = words_of[int(ci)]
        union = words | t_words
        business = len(words & t_words) / len(union) if union else 0.0
        hist = float(history[int(ci)])
        n_load = int(current.get(c, 0))
        capacity = max(0.0, 1.0 - n_load / max_load)
        score = (
            SPONSOR_WEIGHTS["parity"] * parity
            + SPONSOR_WEIGHTS["business"] * business
            + SPONSOR_WEIGHTS["history"] * hist
            + SPONSOR_WEIGHTS["capacity"] * capacity
        )
        rows.append(
            {
                "sponsor": c,
                "name": net.labels[c],
                "title": titles.iat[int(ci)],
                "level": pd.NA if lvl is None else lvl,
                "parity": round(parity, 6),
                "business": round(business, 6),
                "history": round(hist, 6),
                "load": n_load,
                "capacity": round(capacity, 6),
                "score": round(score, 6),
                "why": say(
                    "spo_why",
                    level="?" if lvl is None else lvl,
                    their_level="?" if t_level is None else t_level,
                    parity=parity,
                    business=business,
                    history=hist,
                    tie=say("spo_tie", kind=kinds[int(ci)]) if hist > 0 else say("spo_no_tie"),
                    load=n_load,
                    max_load=max_load,
                    capacity=capacity,
                    score=score,
                ),
            }
        )
    out = pd.DataFrame(rows, columns=[c for c in SPONSOR_COLUMNS if c != "rank"])
    out = out.sort_values(["score", "sponsor"], ascending=[False, True], kind="stable")
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    if k is not None:
        out = out.head(k)
    return out.reset_index(drop=True)

"""Sponsor matching: which of our executives should sponsor a key customer person."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from relgraph.analysis.paths.render import tie_words
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
    out = counts.reindex(ours, fill_value=0).astype(int).rename("load")
    out.index = out.index.astype(str)
    return out


class _Base:
    """Per-network arrays sponsor scoring needs, built once (cached on the network)."""

    def __init__(self, net: RelationshipNetwork) -> None:
        ppl = net.people
        self.levels = ppl["level"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        self.departments = ppl["department"].fillna("").astype(str).to_numpy(dtype=object)
        self.titles = ppl["title"].fillna("").astype(str).to_numpy(dtype=object)
        self.labels = net.labels.astype(str).to_numpy(dtype=object)
        self.ours = [str(x) for x in net.our_people()]
        self.ours_set = frozenset(self.ours)
        ids = [str(x) for x in net.person_ids.to_numpy(dtype=object).tolist()]
        self.pos = dict(zip(ids, range(len(ids)), strict=True))
        self._words: dict[int, frozenset[str]] = {}

    def words(self, i: int) -> frozenset[str]:
        """Words of person ``i``'s department and title (computed on first use)."""
        w = self._words.get(i)
        if w is None:
            w = _words(self.departments[i]) | _words(self.titles[i])
            self._words[i] = w
        return w


def _base(net: RelationshipNetwork) -> _Base:
    return net.memo(("sponsors.base",), lambda: _Base(net))


def _history(
    net: RelationshipNetwork, target: int, include_sensitive: bool
) -> dict[int, tuple[float, str]]:
    """Strongest direct tie (strength, kind; either direction) from ``target`` to each neighbour.

    Among equally strong ties the first in table order wins (as
    :meth:`relgraph.views.PairIndex.strongest` picks).
    """
    inc = net.incidence()
    sl = inc.of(target)
    e = net.edges
    strength = e["strength"].to_numpy(dtype=float)
    usable = np.ones(len(e), bool) if include_sensitive else ~e["sensitive"].to_numpy(bool)
    kinds = e["kind"].astype(str).to_numpy(dtype=object)
    best: dict[int, tuple[float, str]] = {}
    for o, r in zip(inc.other[sl].tolist(), inc.rows[sl].tolist(), strict=True):
        if usable[r] and strength[r] > best.get(o, (0.0, ""))[0]:
            best[o] = (float(strength[r]), str(kinds[r]))
    return best


def _scores(
    net: RelationshipNetwork,
    target: int,
    cand: list[str],
    *,
    max_load: int,
    include_sensitive: bool,
    load: Mapping[str, int],
) -> dict[str, np.ndarray]:
    """Score every candidate for one target: the four terms and the total (vectorised)."""
    base = _base(net)
    ci = np.array([base.pos[c] for c in cand], dtype=np.int64)
    lv = base.levels[ci]
    t_level = base.levels[target]
    if np.isnan(t_level):
        parity = np.full(len(ci), 0.5)
    else:
        parity = np.where(
            np.isnan(lv), 0.5, np.maximum(0.0, 1.0 - np.abs(np.nan_to_num(lv) - t_level) / 4.0)
        )
    t_words = base.words(target)
    business = np.array(
        [
            (len(w & t_words) / len(w | t_words)) if (w | t_words) else 0.0
            for w in (base.words(int(i)) for i in ci)
        ],
        dtype=float,
    )
    history = _history(net, target, include_sensitive)
    hist = np.array([history.get(int(i), (0.0, ""))[0] for i in ci], dtype=float)
    n_load = np.array([int(load.get(c, 0)) for c in cand], dtype=np.int64)
    capacity = np.maximum(0.0, 1.0 - n_load / max_load)
    score = (
        SPONSOR_WEIGHTS["parity"] * parity
        + SPONSOR_WEIGHTS["business"] * business
        + SPONSOR_WEIGHTS["history"] * hist
        + SPONSOR_WEIGHTS["capacity"] * capacity
    )
    return {
        "pos": ci,
        "level": lv,
        "parity": parity,
        "business": business,
        "history": hist,
        "load": n_load,
        "capacity": capacity,
        "score": score,
    }


def _ranked(scores: Mapping[str, np.ndarray], cand: list[str]) -> np.ndarray:
    """Candidate positions best first: score (rounded as shown) descending, then id."""
    return np.lexsort((np.array(cand, dtype=object), -np.round(scores["score"], 6)))


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
    base = _base(net)
    if candidates is None:
        cand = list(base.ours)
    else:
        cand = [c if c in base.ours_set else net.resolve_person(c) for c in candidates]
        bad = [c for c in cand if c not in base.ours_set]
        if bad:
            raise RelgraphError(f"{bad} are not our people; valid: {', '.join(base.ours)}")
    target_i = base.pos[pid]
    current = our_load(net) if load is None else pd.Series(dict(load), dtype=int)
    sc = _scores(
        net,
        target_i,
        cand,
        max_load=max_load,
        include_sensitive=include_sensitive,
        load={str(k_): int(v) for k_, v in current.items()},
    )
    ties = _history(net, target_i, include_sensitive)
    t_level = base.levels[target_i]
    rows = []
    lang = net.settings.language
    for j in _ranked(sc, cand).tolist():
        ci = int(sc["pos"][j])
        lvl = sc["level"][j]
        parity, business = float(sc["parity"][j]), float(sc["business"][j])
        hist, capacity = float(sc["history"][j]), float(sc["capacity"][j])
        score, n_load = float(sc["score"][j]), int(sc["load"][j])
        rows.append(
            {
                "sponsor": cand[j],
                "name": base.labels[ci],
                "title": base.titles[ci],
                "level": pd.NA if np.isnan(lvl) else int(lvl),
                "parity": round(parity, 6),
                "business": round(business, 6),
                "history": round(hist, 6),
                "load": n_load,
                "capacity": round(capacity, 6),
                "score": round(score, 6),
                "why": say(
                    "spo_why",
                    level="?" if np.isnan(lvl) else int(lvl),
                    their_level="?" if np.isnan(t_level) else int(t_level),
                    parity=parity,
                    business=business,
                    history=hist,
                    tie=(
                        say("spo_tie", kind=tie_words(ties[ci][1], lang=lang), lang=lang)
                        if hist > 0
                        else say("spo_no_tie", lang=lang)
                    ),
                    load=n_load,
                    max_load=max_load,
                    capacity=capacity,
                    score=score,
                    lang=lang,
                ),
            }
        )
        if k is not None and len(rows) >= k:
            break
    out = pd.DataFrame(rows, columns=[c for c in SPONSOR_COLUMNS if c != "rank"])
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)

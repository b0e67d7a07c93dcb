"""Sponsor matching: which of our executives should sponsor a key customer person."""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from relgraph._tie_arrays import tie_arrays
from relgraph.analysis.paths.render import tie_words
from relgraph.checks import (
    check_bool,
    check_ids,
    check_int,
    check_mapping,
    check_optional_int,
    invalid,
)
from relgraph.network import RelationshipNetwork
from relgraph.text import message, say

__all__ = [
    "EXECUTIVE_LEVEL",
    "SPONSOR_COLUMNS",
    "SPONSOR_WEIGHTS",
    "executives",
    "is_senior",
    "match_sponsor",
    "may_own",
    "our_load",
    "owners_by_strength",
    "top_executives",
]

#: Our executives are our people at this level or above (1 board, 2 C-suite, 3 vice
#: president); see :func:`executives`.
EXECUTIVE_LEVEL = 3

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
    ours = net.our_people().astype(str)
    # the network's owners view holds each (person, owner of ours) pair once
    counts = collections.Counter(o for owners in net.owners.values() for o in owners)
    return pd.Series([counts.get(o, 0) for o in ours], index=ours, dtype=int, name="load")


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
        self._above: dict[str, frozenset[str]] = {}

    def above(self, net: RelationshipNetwork, pid: str) -> frozenset[str]:
        """Everyone ``pid`` reports to, directly or not (computed on first use)."""
        found = self._above.get(pid)
        if found is None:
            found = frozenset(net.chain_of_command(pid))
            self._above[pid] = found
        return found

    def words(self, i: int) -> frozenset[str]:
        """Words of person ``i``'s department and title (computed on first use)."""
        w = self._words.get(i)
        if w is None:
            w = _words(self.departments[i]) | _words(self.titles[i])
            self._words[i] = w
        return w


def _base(net: RelationshipNetwork) -> _Base:
    return net.memo(("sponsors.base",), lambda: _Base(net))


def _level(net: RelationshipNetwork, pid: str) -> float:
    base = _base(net)
    i = base.pos.get(pid)
    return float("nan") if i is None else float(base.levels[i])


def is_senior(net: RelationshipNetwork, x: str, y: str) -> bool:
    """Whether person ``x`` is senior to person ``y`` (DOMAIN.md §8).

    ``x`` is senior when ``y`` reports to ``x`` (directly or up the ``reports_to`` line)
    and not the other way round; when neither reports to the other, when ``x``'s level is
    more senior (a smaller number). A blank level is never more senior, and nobody is
    senior to themselves.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.sample()
    >>> is_senior(net, "N01", "N02"), is_senior(net, "N02", "N01"), is_senior(net, "N02", "N03")
    (True, False, True)
    """
    if x == y:
        return False
    base = _base(net)
    above_y, above_x = base.above(net, y), base.above(net, x)
    if x in above_y or y in above_x:
        return x in above_y and y not in above_x
    ix, iy = base.pos.get(x), base.pos.get(y)
    lx = np.nan if ix is None else float(base.levels[ix])
    ly = np.nan if iy is None else float(base.levels[iy])
    return bool(not np.isnan(lx) and not np.isnan(ly) and lx < ly)


def executives(net: RelationshipNetwork, people: Iterable[str] | None = None) -> list[str]:
    """Our executives among ``people`` (all of ours when omitted), in the given order.

    An executive is at level :data:`EXECUTIVE_LEVEL` (3) or above; someone of ours with a
    blank level counts when one of our people reports to them.

    Examples
    --------
    >>> import relgraph as rg
    >>> executives(rg.datasets.sample())
    ['N01', 'N02', 'N09']
    """
    base = _base(net)
    ours = base.ours if people is None else [str(p) for p in people]
    managers = {b for o, b in net.bosses.items() if o in base.ours_set}
    out = []
    for o in ours:
        lvl = _level(net, o)
        if (not np.isnan(lvl) and lvl <= EXECUTIVE_LEVEL) or (np.isnan(lvl) and o in managers):
            out.append(o)
    return out


def top_executives(net: RelationshipNetwork, people: Iterable[str] | None = None) -> frozenset[str]:
    """Our top executives among ``people`` (all of ours when omitted).

    They are the people at the most senior known level among them (the CEO, and anyone of
    ours at the CEO's level). They sponsor, and own only the customer's top people
    (:func:`may_own`).

    Examples
    --------
    >>> import relgraph as rg
    >>> sorted(top_executives(rg.datasets.sample()))
    ['N01', 'N02']
    """
    base = _base(net)
    ours = base.ours if people is None else [str(p) for p in people]
    levels = {o: _level(net, o) for o in ours}
    known = [lv for lv in levels.values() if not np.isnan(lv)]
    return frozenset(o for o, lv in levels.items() if known and lv == min(known))


def may_own(net: RelationshipNetwork, who: str, person: str, top: frozenset[str]) -> bool:
    """Whether ``who`` may be an owner (A or B) of ``person``: level parity (对等).

    A top executive (in ``top``) owns only people at their own level or above (a known
    level number no larger than theirs); anyone else may own anyone.

    Examples
    --------
    >>> import relgraph as rg
    >>> net = rg.datasets.sample()
    >>> top = top_executives(net)
    >>> may_own(net, "N01", "C001", top), may_own(net, "N01", "C017", top)
    (True, False)
    """
    if who not in top:
        return True
    lp = _level(net, person)
    return bool(not np.isnan(lp) and lp <= _level(net, who))


def _history(
    net: RelationshipNetwork, target: int, include_sensitive: bool
) -> dict[int, tuple[float, str]]:
    """Strongest direct tie (strength, kind; either direction) from ``target`` to each neighbour.

    Among equally strong ties the first in table order wins (as
    :meth:`relgraph.views.PairIndex.strongest` picks).
    """
    inc = net.incidence()
    sl = inc.of(target)
    ties = tie_arrays(net)
    strength, kinds = ties.strength, ties.kind
    usable = ties.usable(include_sensitive)
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
    return _with_load(_terms(net, target, cand, include_sensitive), cand, load, max_load)


def _terms(
    net: RelationshipNetwork, target: int, cand: list[str], include_sensitive: bool
) -> dict[str, np.ndarray]:
    """Return the load-free terms of :func:`_scores`: level, parity, business and history.

    Computed once per target and candidate set; :func:`_subset` picks some candidates' terms
    and :func:`_with_load` adds capacity and the total.
    """
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
    return {"pos": ci, "level": lv, "parity": parity, "business": business, "history": hist}


def _subset(terms: Mapping[str, np.ndarray], keep: np.ndarray) -> dict[str, np.ndarray]:
    """Return the terms of the candidates at positions ``keep`` (of the list scored)."""
    return {name: values[keep] for name, values in terms.items()}


def _with_load(
    terms: Mapping[str, np.ndarray], cand: list[str], load: Mapping[str, int], max_load: int
) -> dict[str, np.ndarray]:
    """Add the capacity term (from each candidate's ``load``) and the weighted total."""
    n_load = np.array([int(load.get(c, 0)) for c in cand], dtype=np.int64)
    capacity = np.maximum(0.0, 1.0 - n_load / max_load)
    score = (
        SPONSOR_WEIGHTS["parity"] * terms["parity"]
        + SPONSOR_WEIGHTS["business"] * terms["business"]
        + SPONSOR_WEIGHTS["history"] * terms["history"]
        + SPONSOR_WEIGHTS["capacity"] * capacity
    )
    return {**terms, "load": n_load, "capacity": capacity, "score": score}


def _ranked(scores: Mapping[str, np.ndarray], cand: list[str]) -> np.ndarray:
    """Candidate positions best first: score (rounded as shown) descending, then id."""
    return np.lexsort((np.array(cand, dtype=object), -np.round(scores["score"], 6)))


def owners_by_strength(
    net: RelationshipNetwork, person: str, *, include_sensitive: bool = False
) -> list[str]:
    """Return the existing owners (``covers`` ties from our people), strongest tie first.

    Each owner's relationship is the strongest direct tie between the two (any kind, as
    the ``history`` term reads it; sensitive ties only with ``include_sensitive``); equal
    strengths keep id order. Owner A is the first (DOMAIN.md §5.3).

    Examples
    --------
    >>> import relgraph as rg
    >>> owners_by_strength(rg.datasets.sample(), "C006")
    ['N09', 'N05']
    """
    base = _base(net)
    pid = net.resolve_person(person)
    ties = _history(net, base.pos[pid], include_sensitive)
    owners = [o for o in net.owners.get(pid, ()) if o in base.ours_set]
    return sorted(owners, key=lambda o: -ties.get(base.pos[o], (0.0, ""))[0])


def match_sponsor(
    net: RelationshipNetwork,
    person: str,
    *,
    candidates: Iterable[str] | None = None,
    owner_a: str | None = None,
    max_load: int = 8,
    k: int | None = None,
    include_sensitive: bool = False,
    load: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Rank our executives as sponsor of one customer person (DOMAIN.md §8).

    Parameters
    ----------
    net : RelationshipNetwork
        The network.
    person : str
        The customer person to sponsor (id or name); not one of our own people.
    candidates : iterable of str, optional
        Our executives to consider (:func:`executives`); all of them when omitted.
    owner_a : str, optional
        The person's owner A, who is never their sponsor; by default the existing owner
        with the strongest relationship (:func:`owners_by_strength`) who may own them
        (:func:`may_own`: a top executive owns only the customer's top people), if any.
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
        ``why``. Empty when no executive of ours qualifies.

    Raises
    ------
    UnknownPersonError
        For an unknown person, candidate or owner A.
    InvalidParameterError
        When ``person`` is one of our own people, ``max_load`` or ``k`` is below 1,
        ``owner_a`` is not one of ours, or a candidate is not one of our executives, is
        owner A or reports to owner A.

    Notes
    -----
    Only executives are ranked: our people at level ≤ 3 (:data:`EXECUTIVE_LEVEL`), or with
    a blank level and someone of ours reporting to them. Owner A and anyone who reports to
    owner A (directly or further down the ``reports_to`` line) are left out: the sponsor is
    senior to the day-to-day owner, never the owner himself.

    score = 0.4·parity + 0.2·business + 0.3·history + 0.1·capacity (:data:`SPONSOR_WEIGHTS`):

    - parity = 1 − |level_sponsor − level_person| / 4 (0.5 when a level is missing);
    - business = Jaccard overlap of the words of department and title (common words such as
      "manager" and "office" ignored);
    - history = strength of the strongest direct tie between the two (any kind; sensitive
      ties only with ``include_sensitive``);
    - capacity = max(0, 1 − load / max_load).

    Examples
    --------
    Bo (p2) is owned by Eve (u1, level 4); our only executive is Fay (u2, VP, level 3):

    >>> import relgraph as rg
    >>> m = match_sponsor(rg.datasets.tiny(), "p2")
    >>> m[["sponsor", "parity", "history"]].values.tolist()
    [['u2', 0.75, 0.0]]
    """
    max_load = check_int("max_load", max_load, minimum=1)
    k = check_optional_int("k", k, minimum=1)
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    given = check_ids("candidates", candidates)
    loads = check_mapping("load", load, expected=message("exp_load"))
    pid = net.resolve_person(person)
    base = _base(net)
    if pid in base.ours_set:
        raise invalid("person", person, message("exp_customer_person"))
    cand = _sponsor_candidates(net, pid, given, owner_a, include_sensitive)
    target_i = base.pos[pid]
    if load is None:
        current = our_load(net)
    else:
        counts = {str(a): check_int(f"load[{a!r}]", v, minimum=0) for a, v in loads.items()}
        current = pd.Series(counts, dtype=int)
    sc = _scores(
        net,
        target_i,
        cand,
        max_load=max_load,
        include_sensitive=include_sensitive,
        load={str(k_): int(v) for k_, v in current.items()},
    )
    ties = _history(net, target_i, include_sensitive)
    order = _ranked(sc, cand).tolist()[:k]
    rows = [_sponsor_row(net, sc, j, cand[j], target_i, ties, max_load) for j in order]
    out = pd.DataFrame(rows, columns=[c for c in SPONSOR_COLUMNS if c != "rank"])
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def _sponsor_candidates(
    net: RelationshipNetwork,
    pid: str,
    candidates: Iterable[str] | None,
    owner_a: str | None,
    include_sensitive: bool,
) -> list[str]:
    """Our executives who may sponsor ``pid``: not owner A, nobody reporting to owner A."""
    base = _base(net)
    if owner_a is None:
        top = top_executives(net)
        owners = owners_by_strength(net, pid, include_sensitive=include_sensitive)
        a = next((o for o in owners if may_own(net, o, pid, top)), "")
    else:
        a = owner_a if owner_a in base.ours_set else net.resolve_person(owner_a)
        if a not in base.ours_set:
            raise invalid("owner_a", owner_a, message("exp_our_person"))

    def fits(c: str) -> bool:
        return c != a and not (a and a in net.chain_of_command(c))

    if candidates is None:
        return [c for c in executives(net) if fits(c)]
    cand = [c if c in base.ours_set else net.resolve_person(c) for c in candidates]
    execs = executives(net)
    for c in cand:
        if c not in execs or not fits(c):
            allowed = ", ".join(e for e in execs if fits(e)) or "-"
            expected = message("exp_sponsor_candidate", owner=a or "-", allowed=allowed)
            raise invalid("candidates", c, expected)
    return cand


def _sponsor_row(
    net: RelationshipNetwork,
    sc: Mapping[str, np.ndarray],
    j: int,
    who: str,
    target_i: int,
    ties: dict[int, tuple[float, str]],
    max_load: int,
) -> dict[str, object]:
    """One row of :func:`match_sponsor`: the terms and the ``why``."""
    base = _base(net)
    lang = net.settings.language
    ci = int(sc["pos"][j])
    lvl, t_level = sc["level"][j], base.levels[target_i]
    parity, business = float(sc["parity"][j]), float(sc["business"][j])
    hist, capacity = float(sc["history"][j]), float(sc["capacity"][j])
    score, n_load = float(sc["score"][j]), int(sc["load"][j])
    tie = (
        say("spo_tie", kind=tie_words(ties[ci][1], lang=lang), lang=lang)
        if hist > 0
        else say("spo_no_tie", lang=lang)
    )
    return {
        "sponsor": who,
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
            tie=tie,
            load=n_load,
            max_load=max_load,
            capacity=capacity,
            score=score,
            lang=lang,
        ),
    }

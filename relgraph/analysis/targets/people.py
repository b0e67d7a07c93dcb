"""Who of ours works on each target: owner A, owner B and an executive sponsor (DOMAIN §5.3, §8).

The rules (docs/methodology.md, "Owners and sponsor"):

- **Owner A** is, in this order, the target's existing owner with the strongest
  relationship, the person of ours the target's route starts from, then the best match
  (the :func:`relgraph.match_sponsor` score) — the first who is allowed to own the target
  and has room: at most ``max_owner_a`` targets as owner A per person of ours;
- **our top executives** (our people at our most senior level) own only the customer's top
  people — targets at their own level or above (level parity, 对等) — and at most
  ⌈``max_owner_a`` / 2⌉ of them as owner A; their time goes to sponsoring;
- **owner B** is a second existing owner (strongest first), else the best other match,
  under the same top-executive rule;
- **the sponsor** is one of our executives senior to both owner A and owner B
  (:func:`relgraph.analysis.sponsors.is_senior`: above them in the reporting line, or at a
  more senior level when neither reports to the other), so never one of them and never
  someone who reports to either. When nobody is senior to both, B is re-chosen among the
  people the best sponsor for A is senior to; when nobody is senior to A, there is no
  sponsor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from relgraph.analysis.coverage.context import Context
from relgraph.analysis.sponsors import (
    _ranked,
    _subset,
    _terms,
    _with_load,
    executives,
    is_senior,
    may_own,
    our_load,
    owners_by_strength,
    top_executives,
)
from relgraph.network import RelationshipNetwork

__all__ = ["MAX_OWNER_A", "Staffing", "staff", "top_cap"]

#: Default of ``max_owner_a``: how many of one cycle's targets one person of ours can be
#: owner A of. Owner A meets the target regularly and answers for the goal (DOMAIN.md §5.6:
#: a target's owner writes it into their goals; the plan must fit their time), so three key
#: relationships to move in a cycle, on top of B roles and the day job.
MAX_OWNER_A = 3


def top_cap(max_owner_a: int) -> int:
    """How many targets a top executive may be owner A of: ⌈max_owner_a / 2⌉.

    Examples
    --------
    >>> top_cap(3), top_cap(1)
    (2, 1)
    """
    return (max_owner_a + 1) // 2


@dataclass
class Staffing:
    """Our people, their loads and hours, and the rule for picking A, B and the sponsor."""

    net: RelationshipNetwork
    ctx: Context
    ours: list[str]
    execs: list[str]
    top: frozenset[str]
    load: dict[str, int]
    sponsored: dict[str, int] = field(default_factory=dict)
    owner_a_of: dict[str, int] = field(default_factory=dict)
    hours_left: dict[str, float] | None = None
    hours: float = 40.0
    max_load: int = 8
    max_owner_a: int = MAX_OWNER_A
    include_sensitive: bool = False

    def assign(self, i: int, start: str = "", *, book: bool = True) -> tuple[str, str, str] | None:
        """Owner A, owner B and sponsor for person ``i``; None when nobody may be owner A.

        ``start`` is the person of ours the target's route starts from (preferred as A
        after the existing owners). Loads, hours and owner-A counts are updated unless
        ``book`` is False (a preview).
        """
        if not self.ours:
            return None
        pid = str(self.ctx.ids_a[i])
        existing = self._existing(pid)
        terms = _terms(self.net, i, self.ours, self.include_sensitive)
        sc = _with_load(terms, self.ours, self.load, self.max_load)
        order = [self.ours[j] for j in _ranked(sc, self.ours).tolist()]
        first = [start] if start in self.ours else []
        a = next((o for o in dict.fromkeys(existing + first + order) if self._may_be_a(o, pid)), "")
        if not a:
            return None
        b_pref = [
            o
            for o in dict.fromkeys(existing + order)
            if o != a and self._may_own(o, pid) and self._free(o, self.hours / 2)
        ]
        sponsor, b = self._sponsor_and_b(terms, a, b_pref)
        if book:
            self._book(a, b, sponsor, existing)
        return a, b, sponsor

    def book(self, i: int, people: tuple[str, str, str]) -> None:
        """Book what :meth:`assign` previewed (``book=False``) for person ``i``, unchanged.

        Nothing was booked since the preview, so assigning again would give ``people``.
        """
        self._book(*people, self._existing(str(self.ctx.ids_a[i])))

    def _existing(self, pid: str) -> list[str]:
        """Existing owners of ``pid`` among ours, strongest tie first."""
        owners = owners_by_strength(self.net, pid, include_sensitive=self.include_sensitive)
        return [o for o in owners if o in self.ours]

    def cap(self, o: str) -> int:
        """How many targets ``o`` may be owner A of."""
        return top_cap(self.max_owner_a) if o in self.top else self.max_owner_a

    def _may_own(self, o: str, pid: str) -> bool:
        """Whether ``o`` may own ``pid``: a top executive only at their level or above."""
        return may_own(self.net, o, pid, self.top)

    def _may_be_a(self, o: str, pid: str) -> bool:
        return (
            self._may_own(o, pid)
            and self.owner_a_of.get(o, 0) < self.cap(o)
            and self._free(o, self.hours)
        )

    def _sponsor_and_b(
        self, terms: dict[str, np.ndarray], a: str, b_pref: list[str]
    ) -> tuple[str, str]:
        """Return the sponsor (senior to A and B) and owner B."""
        b = b_pref[0] if b_pref else ""
        above_a = [o for o in self.execs if is_senior(self.net, o, a)]
        if not above_a:
            return "", b
        both = [o for o in above_a if not b or is_senior(self.net, o, b)]
        if both:
            return self._best(terms, both), b
        sponsor = self._best(terms, above_a)
        return sponsor, next((o for o in b_pref if is_senior(self.net, sponsor, o)), "")

    def _best(self, terms: dict[str, np.ndarray], execs: list[str]) -> str:
        """Return the best of ``execs`` (what they sponsor counts as load).

        ``terms`` are the target's sponsor terms for all of :attr:`ours` (``execs`` are
        among them), so nothing is scored twice.
        """
        load = {o: self.load.get(o, 0) + self.sponsored.get(o, 0) for o in execs}
        at = {o: n for n, o in enumerate(self.ours)}
        keep = np.array([at[o] for o in execs], dtype=np.int64)
        sc = _with_load(_subset(terms, keep), execs, load, self.max_load)
        return execs[int(_ranked(sc, execs)[0])]

    def _free(self, o: str, cost: float) -> bool:
        return self.hours_left is None or self.hours_left.get(o, 0.0) >= cost - 1e-9

    def _book(self, a: str, b: str, sponsor: str, existing: list[str]) -> None:
        self.load[a] = self.load.get(a, 0) + (0 if a in existing else 1)
        self.owner_a_of[a] = self.owner_a_of.get(a, 0) + 1
        if b:
            self.load[b] = self.load.get(b, 0) + (0 if b in existing else 1)
        if sponsor:
            self.sponsored[sponsor] = self.sponsored.get(sponsor, 0) + 1
        if self.hours_left is not None:
            self.hours_left[a] -= self.hours
            if b:
                self.hours_left[b] -= self.hours / 2


def staff(
    net: RelationshipNetwork,
    ctx: Context,
    hours_left: dict[str, float] | None,
    hours: float,
    max_load: int,
    max_owner_a: int,
    include_sensitive: bool,
    include_do_not_contact: bool,
) -> Staffing:
    """Our people who may own or sponsor targets (not do-not-contact unless opted in).

    Our top executives are those at the most senior known level among them
    (:func:`relgraph.analysis.sponsors.top_executives`).
    """
    ours = [str(o) for o in net.our_people()]
    if not include_do_not_contact:
        ours = [o for o in ours if not ctx.dnc_a[ctx.pos[o]]]
    top = top_executives(net, ours)
    load = {str(k): int(v) for k, v in our_load(net).items()}
    return Staffing(
        net,
        ctx,
        ours,
        executives(net, ours),
        top,
        load,
        hours_left=hours_left,
        hours=hours,
        max_load=max_load,
        max_owner_a=max_owner_a,
        include_sensitive=include_sensitive,
    )

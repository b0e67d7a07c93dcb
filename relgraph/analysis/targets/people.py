"""Who of ours works on each target: owner A, owner B and an executive sponsor (DOMAIN §5.3, §8)."""

from __future__ import annotations

from dataclasses import dataclass, field

from relgraph.analysis.coverage.context import Context
from relgraph.analysis.sponsors import _ranked, _scores, our_load
from relgraph.network import RelationshipNetwork

__all__ = ["Staffing", "staff"]


@dataclass
class Staffing:
    """Our people, their loads and hours, and the rule for picking A, B and the sponsor."""

    net: RelationshipNetwork
    ctx: Context
    ours: list[str]
    execs: set[str]
    load: dict[str, int]
    sponsored: dict[str, int] = field(default_factory=dict)
    hours_left: dict[str, float] | None = None
    hours: float = 40.0
    max_load: int = 8
    include_sensitive: bool = False

    def assign(self, i: int) -> tuple[str, str, str] | None:
        """Owner A, owner B and sponsor for person ``i``; None when nobody has the hours.

        A is an existing owner when one has the hours (else the best match); the sponsor is
        the best-scoring executive other than A; B a second existing owner, else the best
        other match who is neither A nor the sponsor. Loads and hours are updated.
        """
        if not self.ours:
            return None
        pid = str(self.ctx.ids_a[i])
        existing = [o for o in self.ctx.owners.get(pid, ()) if o in self.ours]
        sc = _scores(
            self.net,
            i,
            self.ours,
            max_load=self.max_load,
            include_sensitive=self.include_sensitive,
            load=self.load,
        )
        order = [self.ours[j] for j in _ranked(sc, self.ours).tolist()]
        a = next((o for o in existing + order if self._free(o, self.hours)), "")
        if not a:
            return None
        sponsor = self._sponsor(i, a)
        rest = [o for o in order if o != a and (o in existing or o != sponsor)]
        b_first = [o for o in rest if o in existing]
        b = next((o for o in b_first + rest if self._free(o, self.hours / 2)), "")
        self._book(a, b, sponsor, existing)
        return a, b, sponsor

    def _sponsor(self, i: int, a: str) -> str:
        """Return the best executive sponsor other than owner A (counting what they sponsor).

        A sponsor is senior: an executive at owner A's level or above (DOMAIN.md §8). When
        owner A is our most senior person, there is nobody to sponsor above them.
        """
        a_level = self.ctx.lvl(a) or 9
        execs = [
            o for o in self.ours if o in self.execs and o != a and (self.ctx.lvl(o) or 9) <= a_level
        ]
        if not execs:
            return ""
        load = {o: self.load.get(o, 0) + self.sponsored.get(o, 0) for o in execs}
        sc = _scores(
            self.net,
            i,
            execs,
            max_load=self.max_load,
            include_sensitive=self.include_sensitive,
            load=load,
        )
        return execs[int(_ranked(sc, execs)[0])]

    def _free(self, o: str, cost: float) -> bool:
        return self.hours_left is None or self.hours_left.get(o, 0.0) >= cost - 1e-9

    def _book(self, a: str, b: str, sponsor: str, existing: list[str]) -> None:
        self.load[a] = self.load.get(a, 0) + (0 if a in existing else 1)
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
    include_sensitive: bool,
    include_do_not_contact: bool,
) -> Staffing:
    """Our people who may own or sponsor targets (not do-not-contact unless opted in)."""
    ours = [str(o) for o in net.our_people()]
    if not include_do_not_contact:
        ours = [o for o in ours if not ctx.dnc_a[ctx.pos[o]]]
    execs = {o for o in ours if (ctx.lvl(o) or 9) <= 3} or set(ours)
    load = {str(k): int(v) for k, v in our_load(net).items()}
    return Staffing(
        net,
        ctx,
        ours,
        execs,
        load,
        hours_left=hours_left,
        hours=hours,
        max_load=max_load,
        include_sensitive=include_sensitive,
    )

"""What every coverage rule reads: one opportunity's people, roles, owners and stances."""

from __future__ import annotations

import collections
import copy
import datetime as _dt
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from relgraph.network import RelationshipNetwork
from relgraph.text import say, term, term_list
from relgraph.vocab import Role

__all__ = ["SUPPORTER", "Context", "Severity", "gap", "rows"]

#: Minimum attitude of a supporter of ours (on −3..+3).
SUPPORTER = 1


class Severity(str, Enum):
    """How urgent a coverage gap is."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    def __str__(self) -> str:
        return str(self.value)


class Context:
    """Everything the rules share, computed once per network and opportunity.

    Built by :meth:`of`, which keeps one per network and opportunity (through the network's
    cache) and hands out shallow copies with the ``as_of`` of the call.
    """

    def __init__(self, net: RelationshipNetwork, opportunity: str | None, as_of: _dt.date) -> None:
        self.net = net
        self.s = net.settings
        self.lang = net.settings.language
        self.opp = net.resolve_opportunity(opportunity)
        self.account = net.account_of(self.opp)
        self.competitors = net.competitors_of(self.opp)
        self.as_of = as_of
        ids = net.person_ids
        ppl = net.people
        self.ids_a = ids.to_numpy(dtype=object)
        id_list = [str(x) for x in self.ids_a.tolist()]
        self.pos = dict(zip(id_list, range(len(id_list)), strict=True))
        self.people = ppl.set_index(ids)
        # numpy views (positional) for the vectorised rules, pandas views by id, and plain
        # dicts for the per-person lookups in the texts (pandas scalar access is slow with
        # Arrow-backed strings, so nothing below iterates over a pandas column).
        self.lvl_a = ppl["level"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        self.att_a = ppl["attitude"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        self.backing_a = ppl["support"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        self.backs_a = ppl["supports"].fillna("").astype(str).to_numpy(dtype=object)
        self.org_a = ppl["org"].astype(str).to_numpy(dtype=object)
        self.party_a = net.party.astype(str).to_numpy(dtype=object)
        self.dnc_a = net.do_not_contact()
        self.acct_a = self.org_a == self.account
        self.level = pd.Series(pd.array(self.lvl_a, dtype="Float64"), index=ids)
        self.attitude = pd.Series(pd.array(self.att_a, dtype="Float64"), index=ids)
        self.backs = pd.Series(self.backs_a, index=ids)
        self.org = pd.Series(self.org_a, index=ids)
        self.party = net.party
        self.dnc = pd.Series(self.dnc_a, index=ids)
        self._roles(net)
        self.owners = net.owners
        self.informs = net.channels
        # derived once and shared by the copies :meth:`of` hands out
        self.memo: dict[Any, Any] = {}
        self.comp_names = {str(k): str(v) for k, v in net.org_labels.items()}
        self.lvl_d = dict(
            zip(id_list, [None if v != v else int(v) for v in self.lvl_a.tolist()], strict=True)
        )
        self.att_d = dict(
            zip(id_list, [None if v != v else float(v) for v in self.att_a.tolist()], strict=True)
        )
        self.backs_d = dict(zip(id_list, self.backs_a.tolist(), strict=True))
        self.labels_d = dict(zip(id_list, net.labels.astype(str).tolist(), strict=True))
        self.title_d = dict(zip(id_list, net.titles.tolist(), strict=True))

    def _roles(self, net: RelationshipNetwork) -> None:
        roles = net.opportunity_roles(self.opp)
        roles["role"] = roles["role"].astype(str)
        roles["person"] = roles["person"].astype(str)
        self.roles = roles
        # per person: the largest power (NaN when none is known) and the roles, most
        # powerful first, then by name, each once (plain Python: a few hundred rows)
        held: dict[str, list[tuple[bool, float, str]]] = {}
        for pid, role, pw in zip(
            roles["person"].tolist(), roles["role"].tolist(), roles["power"].tolist(), strict=True
        ):
            known = pw == pw
            held.setdefault(pid, []).append((not known, -pw if known else 0.0, role))
        people = sorted(held)
        self.roles_text = {
            pid: ", ".join(dict.fromkeys(r for *_, r in sorted(held[pid]))) for pid in people
        }
        best = [-min(h)[1] if not min(h)[0] else np.nan for h in (held[p] for p in people)]
        self.power = pd.Series(
            best, index=pd.Index(people, dtype=roles["person"].dtype, name="person"), name="power"
        )
        self.power_d = {str(k): float(v) for k, v in zip(people, best, strict=True)}
        makers = roles["role"].isin([str(Role.DECIDER), str(Role.APPROVER)])
        #: Whether each person (by position) decides or approves this opportunity.
        self.makers_a = self.mask(roles.loc[makers, "person"])

    @classmethod
    def of(cls, net: RelationshipNetwork, opportunity: str | None, as_of: _dt.date) -> Context:
        """Return the context of an opportunity as of a day (built once per network)."""
        opp = net.resolve_opportunity(opportunity)
        base = net.memo(("coverage.context", opp), lambda: cls(net, opp, as_of))
        ctx = copy.copy(base)
        ctx.as_of = as_of
        return ctx

    def mask(self, pids: Iterable[str]) -> np.ndarray:
        """Return a boolean array over everyone, True for ``pids``."""
        out = np.zeros(len(self.ids_a), dtype=bool)
        out[[self.pos[p] for p in pids]] = True
        return out

    def below(self, pid: str) -> np.ndarray:
        """Return a boolean array over everyone: True for who reports to ``pid``, at any depth."""
        reports = self.memo.get("reports")
        if reports is None:
            n = len(self.ids_a)
            bosses = self.net.bosses
            subs = [self.pos[a_] for a_ in bosses]
            heads = [self.pos[b_] for b_ in bosses.values()]
            reports = sp.csr_matrix(
                (np.ones(len(subs)), (np.array(heads, dtype=np.int64), np.array(subs))),
                shape=(n, n),
            )
            self.memo["reports"] = reports
        indptr, indices = reports.indptr, reports.indices
        out = np.zeros(len(self.ids_a), dtype=bool)
        frontier = np.array([self.pos[pid]], dtype=np.int64)
        while len(frontier):  # breadth-first, one level of reports per round
            lo, hi = indptr[frontier], indptr[frontier + 1]
            lens = hi - lo
            if not lens.sum():
                break
            idx = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
            kids = np.unique(indices[idx])
            kids = kids[~out[kids]]
            out[kids] = True
            frontier = kids
        out[self.pos[pid]] = False
        return out

    def id_rank(self) -> np.ndarray:
        """Each person's position in id order (an integer stand-in for id tie-breaks)."""
        rank = self.memo.get("id_rank")
        if rank is None:
            rank = np.empty(len(self.ids_a), dtype=np.int64)
            rank[np.argsort(self.ids_a.astype(str), kind="stable")] = np.arange(len(self.ids_a))
            self.memo["id_rank"] = rank
        out: np.ndarray = rank
        return out

    def chain(self, pid: str) -> list[str]:
        """Return the person's bosses, nearest first (stops at a cycle)."""
        return self.net.chain_of_command(pid)

    def lvl(self, pid: str) -> int | None:
        """Return a person's level (1 = board … 5 = staff), or None."""
        return self.lvl_d.get(pid)

    def att(self, pid: str) -> float | None:
        """Return a person's attitude toward us, or None when not assessed."""
        return self.att_d.get(pid)

    def who(self, pid: str) -> str:
        """Label with title: 'Wang Zhiyuan (CEO)'."""
        lab = str(self.labels_d[pid])
        t = self.title_d.get(pid, "")
        return f"{lab}, {t}" if t else lab

    def independent(self, channels: Iterable[str]) -> list[str]:
        """Channels none of whose bosses (direct or not) is another channel."""
        chans = list(dict.fromkeys(channels))
        cset = set(chans)
        return [c for c in chans if not (set(self.chain(c)) & (cset - {c}))]

    def comp(self, competitor: str) -> str:
        """Return a competitor's display name."""
        return self.comp_names.get(competitor, competitor)

    def say(self, key: str, **values: Any) -> str:
        """:func:`relgraph.text.say` in the network's language."""
        return say(key, lang=self.lang, **values)

    def join(self, items: Iterable[str]) -> str:
        """Join display texts with the language's list separator (", " in English)."""
        return self.say("list_sep").join(items)

    def stance(self, pid: str) -> str:
        """Return a person's attitude and competitor backing in words."""
        a = self.att(pid)
        parts = [] if a is None else [self.say("cov_attitude_text", attitude=int(a))]
        comp = self.backs_d.get(pid, "")
        if comp:
            parts.append(self.say("cov_backs_short", competitor=self.comp(comp)))
        return self.join(parts) or self.say("cov_not_assessed")

    def backs_text(self, pid: str) -> str:
        """Return "; backs X" for a competitor's supporter, else an empty text."""
        comp = self.backs_d.get(pid, "")
        return self.say("cov_backs_text", competitor=self.comp(comp)) if comp else ""

    def role_words(self, codes: str) -> str:
        """Return role codes ("decider, approver") as the words of the language."""
        return term_list("role", str(codes), lang=self.lang)

    def roles_of(self, pid: str) -> str:
        """Return a person's roles in words ("no role" when none)."""
        return self.role_words(self.roles_text.get(pid, "")) or term("role", "none", lang=self.lang)


def gap(
    ctx: Context,
    rule: str,
    severity: Severity | str,
    person: str,
    competitor: str,
    candidates: Iterable[str],
    why: str,
) -> dict[str, Any]:
    """One row of :attr:`CoverageReport.gaps`."""
    return {
        "rule": rule,
        "severity": str(severity),
        "person": person,
        "name": str(ctx.labels_d[person]) if person else "",
        "competitor": competitor,
        "candidates": "; ".join(candidates),
        "why": why,
    }


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """Return ``frame.itertuples(index=False)``, read column by column.

    Same values and types; much faster on Arrow-backed text columns, which pandas
    otherwise iterates one element at a time.
    """
    row = collections.namedtuple("Row", list(frame.columns), rename=True)  # type: ignore[misc]
    return map(row._make, zip(*[frame[c].tolist() for c in frame.columns], strict=True))

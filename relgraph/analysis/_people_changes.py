"""What changed for people between two snapshots: personnel, roles, attitudes and backing.

The part of :func:`relgraph.analysis.monitor.diff` that compares the people tables. Every
comparison is one vectorised pass over all people (matched by id); Python work is done per
change only, and each change's sentence is a template of :mod:`relgraph.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from relgraph.network import RelationshipNetwork
from relgraph.text import say, term, term_list

__all__ = ["as_stamp", "person_changes", "people_frame"]


def as_stamp(value: Any) -> pd.Timestamp | None:
    """Return a date as a day-precision Timestamp (None for None or a blank date)."""
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"unreadable date {value!r}; expected YYYY-MM-DD") from err
    return None if pd.isna(stamp) else stamp.normalize()


def _position(title: Any, level: Any, lang: str) -> str:
    t = "" if pd.isna(title) else str(title)
    if pd.isna(level):
        return t or "?"
    return say("mon_position_text", title=t or "?", level=int(level), lang=lang)


def _signed(value: Any) -> str:
    return "" if pd.isna(value) else f"{int(value):+d}"


def _stance(value: Any, lang: str) -> str:
    if pd.isna(value):
        return term("stance", "unknown", lang=lang)
    v = int(value)
    return term("stance", "support" if v >= 1 else "oppose" if v <= -1 else "neutral", lang=lang)


def _backing(sup: str, strength: Any) -> str:
    if not sup:
        return ""
    return sup if pd.isna(strength) else f"{sup} ({int(strength)})"


def _roles_by_person(net: RelationshipNetwork) -> dict[tuple[str, str], str]:
    """Comma-joined buying roles per (opportunity, person), roles sorted."""
    r = net.roles
    out: dict[tuple[str, str], str] = {}
    if not len(r):
        return out
    frame = pd.DataFrame(
        {
            "opp": r["opportunity"].astype(str),
            "person": r["person"].astype(str),
            "role": r["role"].astype(str),
        }
    )
    joined = (
        frame.drop_duplicates()
        .sort_values(["opp", "person", "role"])
        .groupby(["opp", "person"], sort=True)["role"]
        .agg(", ".join)
    )
    for (opp, pid), roles in joined.items():
        out[(str(opp), str(pid))] = str(roles)
    return out


def people_frame(net: RelationshipNetwork) -> pd.DataFrame:
    """Return the people columns a diff compares, indexed by person id (object dtype)."""
    p = net.people
    return pd.DataFrame(
        {
            "title": p["title"].to_numpy(),
            "level": p["level"].astype("Int64").to_numpy(),
            "attitude": p["attitude"].astype("Int64").to_numpy(),
            "supports": p["supports"].fillna("").astype(str).to_numpy(),
            "support": p["support"].astype("Int64").to_numpy(),
            "updated": pd.to_datetime(p["updated"]).to_numpy(),
            "org": p["org"].astype(str).to_numpy(),
        },
        index=pd.Index(net.person_ids.to_numpy(dtype=object), dtype=object),
    )


@dataclass
class _Changes:
    """The two snapshots' people, matched by id, and the change rows found so far."""

    po: pd.DataFrame
    pn: pd.DataFrame
    labels: dict[str, str]
    key: set[str]
    orgs: dict[str, str]
    new_date: pd.Timestamp | None
    lang: str
    rows: list[dict[str, Any]]

    @classmethod
    def of(
        cls, old: RelationshipNetwork, new: RelationshipNetwork, new_date: pd.Timestamp | None
    ) -> _Changes:
        po, pn = people_frame(old), people_frame(new)
        ro, rn = _roles_by_person(old), _roles_by_person(new)
        top = [f.index[f["level"].le(2).fillna(False).to_numpy(bool)] for f in (po, pn)]
        labels = dict(zip(old.person_ids.tolist(), old.labels.tolist(), strict=True))
        labels.update(zip(new.person_ids.tolist(), new.labels.tolist(), strict=True))
        orgs = {str(k): str(v) for k, v in old.org_labels.items()}
        orgs.update((str(k), str(v)) for k, v in new.org_labels.items())
        key = {pid for _, pid in ro} | {pid for _, pid in rn} | set(top[0]) | set(top[1])
        return cls(po, pn, labels, key, orgs, new_date, new.settings.language, [])

    def add(
        self, kind: str, pid: str, before: str, after: str, date: Any, why: str, opp: str = ""
    ) -> None:
        """Record one change (``date`` None or blank: the new snapshot's date)."""
        stamp = as_stamp(date) if date is not None and not pd.isna(date) else self.new_date
        self.rows.append(
            {
                "kind": kind,
                "person": pid,
                "label": str(self.labels.get(pid, pid)),
                "key_position": pid in self.key,
                "opportunity": opp,
                "before": before,
                "after": after,
                "date": stamp,
                "why": why,
            }
        )


def person_changes(
    old: RelationshipNetwork,
    new: RelationshipNetwork,
    new_date: pd.Timestamp | None,
) -> list[dict[str, Any]]:
    """Personnel, role, attitude and backing changes; masks over all people, rows per change.

    Rows in this order: joined, left, position, role, attitude, backing (lost, new,
    strength per person); :func:`relgraph.analysis.monitor.diff` sorts them stably.
    """
    ch = _Changes.of(old, new, new_date)
    in_old = ch.pn.index.isin(ch.po.index)
    joined, both = ch.pn.index[~in_old], ch.pn.index[in_old]
    left = ch.po.index[~ch.po.index.isin(ch.pn.index)]
    a, b = ch.po.loc[both], ch.pn.loc[both]
    _personnel(ch, joined, left, both, a, b)
    _roles(ch, old, new, set(both))
    _attitudes(ch, both, a, b)
    _backing_changes(ch, both, joined.append(left))
    return ch.rows


def _personnel(
    ch: _Changes, joined: pd.Index, left: pd.Index, both: pd.Index, a: pd.DataFrame, b: pd.DataFrame
) -> None:
    """People who joined, left, or changed title or level (``a``/``b``: both, old and new)."""
    po, pn, labels, lang = ch.po, ch.pn, ch.labels, ch.lang
    for pid, title, level in zip(
        joined, pn.loc[joined, "title"], pn.loc[joined, "level"], strict=True
    ):
        pos = _position(title, level, lang)
        why = say("mon_joined", who=labels[pid], position=pos, lang=lang)
        ch.add("joined", pid, "", pos, None, why)
    for pid, title, level in zip(left, po.loc[left, "title"], po.loc[left, "level"], strict=True):
        pos = _position(title, level, lang)
        why = say("mon_left", who=labels[pid], position=pos, lang=lang)
        ch.add("left", pid, pos, "", None, why)
    ta, tb = a["title"], b["title"]
    la, lb = a["level"], b["level"]
    same_title = (ta.isna() & tb.isna()).to_numpy(bool) | ta.eq(tb).to_numpy(bool)
    same_level = (la.isna() & lb.isna()).to_numpy(bool) | la.eq(lb).fillna(False).to_numpy(bool)
    ta_, tb_ = ta.to_numpy(object), tb.to_numpy(object)
    la_, lb_ = la.to_numpy(dtype=object), lb.to_numpy(dtype=object)  # NA where blank
    for k in np.flatnonzero(~(same_title & same_level)).tolist():
        pid = str(both[k])
        before, after = _position(ta_[k], la_[k], lang), _position(tb_[k], lb_[k], lang)
        why = say("mon_moved", who=labels[pid], before=before, after=after, lang=lang)
        ch.add("position", pid, before, after, None, why)


def _roles(
    ch: _Changes, old: RelationshipNetwork, new: RelationshipNetwork, present: set[str]
) -> None:
    """Record changed sets of buying roles per opportunity (people in both snapshots)."""
    ro, rn = _roles_by_person(old), _roles_by_person(new)
    lang = ch.lang
    none = term("role", "none", lang=lang)
    for opp, pid in sorted(set(ro) | set(rn)):
        before, after = ro.get((opp, pid), ""), rn.get((opp, pid), "")
        if before != after and pid in present:
            b = term_list("role", before, lang=lang) or none
            a = term_list("role", after, lang=lang) or none
            why = say("mon_role", who=ch.labels[pid], opp=opp, before=b, after=a, lang=lang)
            ch.add("role", pid, b, a, None, why, opp)


def _attitudes(ch: _Changes, both: pd.Index, a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Any change of the −3..+3 score (blank counts as unknown), dated by ``updated``."""
    xa, xb = a["attitude"], b["attitude"]
    na_a, na_b = xa.isna().to_numpy(bool), xb.isna().to_numpy(bool)
    moved = ~(na_a & na_b) & (na_a | na_b | xa.ne(xb).fillna(False).to_numpy(bool))
    xa_, xb_ = xa.to_numpy(dtype=object), xb.to_numpy(dtype=object)  # NA where blank
    updated_b = b["updated"].to_numpy()
    for k in np.flatnonzero(moved).tolist():
        pid = str(both[k])
        when = updated_b[k]
        why = say(
            "mon_attitude",
            who=ch.labels[pid],
            before=_signed(xa_[k]) or "?",
            after=_signed(xb_[k]) or "?",
            shift=f"{_stance(xa_[k], ch.lang)} → {_stance(xb_[k], ch.lang)}",
            date=("?" if pd.isna(when) else pd.Timestamp(when).date().isoformat()),
            lang=ch.lang,
        )
        ch.add("attitude", pid, _signed(xa_[k]), _signed(xb_[k]), when, why)


def _backing_changes(ch: _Changes, both: pd.Index, others: pd.Index) -> None:
    """Record new, lost and changed backing: people in both (by id), then the rest."""
    po, pn, lang = ch.po, ch.pn, ch.lang
    order = pd.Index(sorted(both) + sorted(others), dtype=object)
    sa = po["supports"].reindex(order).fillna("").to_numpy(object)
    sb = pn["supports"].reindex(order).fillna("").to_numpy(object)
    ka, kb = po["support"].reindex(order), pn["support"].reindex(order)
    ka_, kb_ = np.asarray(ka.astype(object)), np.asarray(kb.astype(object))
    wb = pn["updated"].reindex(order).to_numpy()
    in_a, in_b = order.isin(po.index), order.isin(pn.index)
    switched = sa != sb
    lost = (sa != "") & switched
    gained = (sb != "") & switched
    na_a, na_b = ka.isna().to_numpy(bool), kb.isna().to_numpy(bool)
    changed = na_a != na_b  # blank on one side only; else both set and unequal
    set_both = ~(na_a | na_b)
    changed[set_both] = ka_[set_both] != kb_[set_both]
    strength = (sa != "") & ~switched & in_a & in_b & changed
    for k in np.flatnonzero(lost | gained | strength):
        pid = str(order[k])
        when = wb[k] if in_b[k] else None
        before = _backing(sa[k], ka_[k]) if in_a[k] else ""
        after = _backing(sb[k], kb_[k]) if in_b[k] else ""
        who = ch.labels[pid]
        if lost[k]:
            competitor = ch.orgs.get(sa[k], sa[k])
            why = say("mon_lost_supporter", who=who, competitor=competitor, lang=lang)
            ch.add("lost_supporter", pid, before, after, when, why)
        if gained[k]:
            strength_text = "?" if pd.isna(kb_[k]) else int(kb_[k])
            competitor = ch.orgs.get(sb[k], sb[k])
            why = say(
                "mon_new_supporter",
                who=who,
                competitor=competitor,
                strength=strength_text,
                lang=lang,
            )
            ch.add("new_supporter", pid, before, after, when, why)
        if strength[k]:
            why = say("mon_support_strength", who=who, before=before, after=after, lang=lang)
            ch.add("support_strength", pid, before, after, when, why)

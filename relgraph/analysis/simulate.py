"""What-if simulation: predicted attitudes and support indices before and after a change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from relgraph.analysis.influence.model import build_model, model
from relgraph.analysis.influence.support import downstream, index_frame, power, roles_array
from relgraph.checks import check_bool, check_float, check_ids, check_mapping, invalid
from relgraph.io.html_table import html_result, html_table
from relgraph.model import Settings
from relgraph.privacy import share_policy, withhold_people
from relgraph.text import clauses, message, say, term
from relgraph.vocab import TIE_KIND_SYNONYMS, TieKind, parse_term

if TYPE_CHECKING:
    from relgraph.network import RelationshipNetwork

__all__ = ["SimulationResult", "simulate"]


@dataclass(frozen=True)
class SimulationResult:
    """Before/after tables of a what-if simulation (see :func:`simulate`).

    Attributes
    ----------
    people : pandas.DataFrame
        One row per person: ``person, name, party, roles, before, after, delta, change``.
    index : pandas.DataFrame
        One row per party (us, then competitors): ``party, name, kind, before, after,
        delta``.
    language : str
        The language of its texts (``net.settings.language``).

    Examples
    --------
    >>> import relgraph as rg
    >>> res = rg.simulate(rg.datasets.tiny(), leaves=["p4"])
    >>> res
    SimulationResult(us +0.068 → +0.243, R +0.748 → +0.897; 4 people move)
    >>> res.index[["party", "before", "after"]].round(3)
      party  before  after
    0    us   0.068  0.243
    1     R   0.748  0.897
    """

    people: pd.DataFrame
    index: pd.DataFrame
    language: str = field(default="en", repr=False)

    def _moved(self) -> pd.DataFrame:
        """People whose predicted attitude moves (or who left), largest move first."""
        p = self.people
        delta = p["delta"].astype(float)
        moved = p[delta.abs().gt(_MOVE) | (p["after"].isna() & p["before"].notna())]
        order = moved["delta"].astype(float).abs().fillna(np.inf)
        return moved.loc[order.sort_values(ascending=False, kind="stable").index]

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{party} {before:+.3f} → {after:+.3f}"
            for party, before, after in self.index[["party", "before", "after"]].values
        )
        return f"SimulationResult({parts}; {len(self._moved())} people move)"

    def _repr_html_(self) -> str:
        lang = self.language
        facts = [
            say("repr_sim_index", party=party, before=b, after=a, delta=a - b, lang=lang)
            for party, b, a in self.index[["party", "before", "after"]].values
        ]
        moved = self._moved()
        return html_result(
            say("repr_sim_title", n=len(moved), lang=lang),
            facts=facts,
            tables=[
                (say("repr_caption_index", lang=lang), html_table(self.index, lang=lang)),
                (say("repr_caption_moves", lang=lang), html_table(moved, lang=lang)),
            ],
        )


#: A predicted attitude that moves by more than this counts as a move in the summary.
_MOVE = 0.005


def _new_ties(net: RelationshipNetwork, new_ties: Any, settings: Settings) -> pd.DataFrame:
    if new_ties is None:
        return pd.DataFrame(
            {"source": [], "target": [], "u": [], "v": [], "kind": [], "strength": []}
        )
    frame = new_ties.copy() if isinstance(new_ties, pd.DataFrame) else None
    if frame is None:
        expected = message("exp_new_ties")
        if isinstance(new_ties, str | Mapping) or not isinstance(new_ties, Iterable):
            raise invalid("new_ties", new_ties, expected)
        items = list(new_ties)
        if any(isinstance(r, str) or not isinstance(r, Iterable) for r in items):
            raise invalid("new_ties", new_ties, expected)
        rows = [tuple(r) for r in items]
        if any(len(r) not in (3, 4) for r in rows):
            raise invalid("new_ties", new_ties, expected)
        frame = pd.DataFrame(
            [(*r, None) if len(r) == 3 else r for r in rows],
            columns=["source", "target", "kind", "strength"],
        )
    missing = {"source", "target", "kind"} - set(frame.columns)
    if missing:
        expected = message("exp_tie_columns", missing=", ".join(sorted(missing)))
        raise invalid("new_ties", list(frame.columns), expected)
    kinds = [parse_term(TieKind, TIE_KIND_SYNONYMS, k) for k in frame["kind"]]
    given = (
        pd.to_numeric(frame["strength"], errors="raise").astype(float)
        if "strength" in frame
        else pd.Series(np.nan, index=frame.index)
    )
    default = pd.Series([float(settings.tie_strength[k]) for k in kinds], index=frame.index)
    strength = given.fillna(default).to_numpy(dtype=float)
    if ((strength < 0) | (strength > 1)).any():
        raise invalid("new_ties strength", strength.tolist(), message("exp_strengths"))
    src = [net.resolve_person(str(x)) for x in frame["source"]]
    dst = [net.resolve_person(str(x)) for x in frame["target"]]
    return pd.DataFrame(
        {
            "source": src,
            "target": dst,
            "u": net.index_of(src) if src else np.array([], dtype=np.int64),
            "v": net.index_of(dst) if dst else np.array([], dtype=np.int64),
            "kind": [str(k) for k in kinds],
            "strength": strength,
        }
    )


def simulate(
    net: RelationshipNetwork,
    opportunity: str | None = None,
    *,
    changes: Mapping[str, int | float] | None = None,
    leaves: Iterable[str] | None = None,
    new_ties: pd.DataFrame | Iterable[tuple[Any, ...]] | None = None,
    include_sensitive: bool = False,
) -> SimulationResult:
    """Predict attitudes and support indices before and after hypothetical changes.

    Parameters
    ----------
    net : RelationshipNetwork
        The network; never modified.
    opportunity : str, optional
        Opportunity id; may be left out when the network has only one.
    changes : mapping of person to attitude, optional
        New initial attitudes (−3..+3), e.g. ``{"C002": 2}`` ("we win her over").
    leaves : iterable of person, optional
        People who leave the company: their ties and roles disappear.
    new_ties : DataFrame or iterable of tuples, optional
        Ties that form: columns (or tuple items) ``source, target, kind[, strength]``; a
        blank strength takes the kind's default.
    include_sensitive : bool
        Keep the rows of people known only through sensitive ties (a spouse, a neighbour)
        in ``.people``. By default they are computed with everyone else but left out of
        the table (and not named in other rows' ``change``); ``.people.attrs`` says how
        many (:func:`relgraph.privacy.withhold_people`).

    Returns
    -------
    SimulationResult
        ``.people`` (``person, name, party, roles, before, after, delta, change``; after
        is NaN for people who left) and ``.index`` (``party, name, kind, before, after,
        delta``).

    Raises
    ------
    UnknownPersonError
        For an unknown person in ``changes``, ``leaves`` or ``new_ties``.
    UnknownOpportunityError
        For an unknown opportunity.
    InvalidParameterError
        For an attitude outside −3..+3, an unknown tie kind or a bad ``new_ties`` row.

    Notes
    -----
    Both sides use the model of :func:`relgraph.support_index`: ``x* = (I − ΛW)⁻¹(I −
    Λ)x0``. After the change, ``x0`` holds the new attitudes; people who leave lose every
    tie, role and competitor backing (W is rebuilt without them and the index is the
    power-weighted mean over the remaining role holders); new ties add their sway to
    ``R`` before normalisation, so they also dilute the person's other influences.

    Examples
    --------
    >>> import relgraph as rg
    >>> res = simulate(rg.datasets.tiny(), changes={"p4": 3})
    >>> res.index[["party", "before", "after"]].round(3)
      party  before  after
    0    us   0.068  0.965
    1     R   0.748  0.748
    """
    include_sensitive = check_bool("include_sensitive", include_sensitive)
    s = net.settings
    lang = s.language
    names = net.labels.to_numpy(dtype=object).copy()
    if not include_sensitive:
        names[~share_policy(net).people] = say("hidden_withheld_name", lang=lang)
    opp, p, roles = power(net, opportunity)
    competitors = net.competitors_of(opp)
    before_m = model(net)
    n = net.n_people
    note = np.full(n, "", dtype=object)
    x0 = before_m.x0.copy()
    changes = check_mapping("changes", changes, expected=message("exp_changes"))
    for who, value in changes.items():
        v = check_float(f"changes[{who!r}]", value, minimum=-3, maximum=3)
        i = int(net.index_of(net.resolve_person(str(who)))[0])
        x0[i] = v
        note[i] = say("sim_changed", value=round(v), lang=lang)
    removed = np.zeros(n, dtype=bool)
    for who in check_ids("leaves", leaves) or ():
        i = int(net.index_of(net.resolve_person(str(who)))[0])
        removed[i] = True
        note[i] = say("sim_left", lang=lang)
    extra = _new_ties(net, new_ties, s)
    for src, dst, kind in zip(extra["source"], extra["target"], extra["kind"], strict=True):
        for a, b in ((src, dst), (dst, src)):
            i = int(net.index_of(a)[0])
            text = say(
                "sim_new_tie",
                kind=term("tie_kind", kind, lang=lang),
                other=names[int(net.index_of(b)[0])],
                lang=lang,
            )
            note[i] = clauses([note[i], text], lang=lang)
    after_m = build_model(net, extra=extra, attitude=x0, removed=removed)
    xb = before_m.predicted()
    xa = np.where(removed, np.nan, after_m.predicted())
    ib = index_frame(
        net, before_m, p, competitors, (1.0 - before_m.lam) * downstream(before_m, p, opp)
    )
    ia = index_frame(net, after_m, p, competitors, (1.0 - after_m.lam) * downstream(after_m, p))
    index = pd.DataFrame(
        {
            "party": ib["party"],
            "name": ib["name"],
            "kind": ib["kind"],
            "before": ib["index"],
            "after": ia["index"],
            "delta": ia["index"] - ib["index"],
        }
    )
    role_text = roles_array(net, roles)
    people = pd.DataFrame(
        {
            "person": net.person_ids.to_numpy(),
            "name": net.labels.to_numpy(),
            "party": net.party.to_numpy(),
            "roles": role_text,
            "before": xb,
            "after": xa,
            "delta": xa - xb,
            "change": note,
        }
    )
    people = withhold_people(people, net, include_sensitive=include_sensitive)
    return SimulationResult(people=people, index=index, language=net.settings.language)

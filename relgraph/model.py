"""The one settings object: every default number relgraph uses lives in :class:`Settings`.

Documented in ``docs/methodology.md``. The vocabularies and their synonyms live in
:mod:`relgraph.vocab` (re-exported here, where they used to be).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from relgraph.errors import InvalidParameterError
from relgraph.locale import LANGUAGES
from relgraph.text import Message, message

# The vocabularies live in relgraph.vocab; re-exported here for compatibility.
from relgraph.vocab import (  # noqa: F401
    _DIRECTED_KINDS,
    AFFILIATION_KIND_SYNONYMS,
    DIRECTION_SYNONYMS,
    GOAL_SYNONYMS,
    INTERACTION_KIND_SYNONYMS,
    ORG_KIND_SYNONYMS,
    ROLE_SYNONYMS,
    STAGE_SYNONYMS,
    TIE_KIND_SYNONYMS,
    AffiliationKind,
    Direction,
    Goal,
    InteractionKind,
    OrgKind,
    Role,
    Stage,
    TieKind,
    _Vocab,
    normalize_term,
    parse_term,
    suggest,
)

__all__ = [
    "AFFILIATION_KIND_SYNONYMS",
    "DIRECTION_SYNONYMS",
    "GOAL_SYNONYMS",
    "INTERACTION_KIND_SYNONYMS",
    "ORG_KIND_SYNONYMS",
    "ROLE_SYNONYMS",
    "STAGE_SYNONYMS",
    "TIE_KIND_SYNONYMS",
    "AffiliationKind",
    "Direction",
    "Goal",
    "InteractionKind",
    "OrgKind",
    "Role",
    "Settings",
    "Stage",
    "TieKind",
    "normalize_term",
    "parse_term",
    "suggest",
]


def _bad_setting(name: str, value: object, expected: str | Message) -> InvalidParameterError:
    """Return the error for a setting outside its range, naming it, the value and the range."""
    text = message("err_bad_setting", name=name, value=repr(value), expected=expected)
    return InvalidParameterError(f"Settings.{name}", value, expected, message=text)


def _frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping))


_TIE_STRENGTH = {
    TieKind.FAMILY: 0.9,
    TieKind.FRIEND: 0.7,
    TieKind.REPORTS_TO: 0.7,
    TieKind.COVERS: 0.7,
    TieKind.FORMER_COLLEAGUE: 0.6,
    TieKind.WORKS_WITH: 0.6,
    TieKind.INFLUENCES: 0.6,
    TieKind.INFORMS: 0.5,
    TieKind.SUPPLIER: 0.5,
    TieKind.CUSTOMER_OF: 0.5,
    TieKind.ALUMNI: 0.4,
    TieKind.CLUB: 0.4,
    TieKind.NEIGHBOUR: 0.4,
    TieKind.FAITH: 0.4,
    TieKind.OTHER: 0.3,
}

_AFFILIATION_STRENGTH = {
    AffiliationKind.EMPLOYER: 0.3,
    AffiliationKind.CLUB: 0.25,
    AffiliationKind.SCHOOL: 0.2,
    AffiliationKind.NEIGHBOURHOOD: 0.2,
    AffiliationKind.FAITH: 0.2,
    AffiliationKind.OTHER: 0.15,
}

# (weight with which the tie's source sways its target, weight with which the target sways
# the source). For reports_to the source is the report: the boss sways the report at 0.6,
# the report advises the boss at 0.2.
_INFLUENCE_WEIGHT = {
    TieKind.REPORTS_TO: (0.2, 0.6),
    TieKind.FAMILY: (0.6, 0.6),
    TieKind.FRIEND: (0.4, 0.4),
    TieKind.FORMER_COLLEAGUE: (0.3, 0.3),
    TieKind.WORKS_WITH: (0.2, 0.2),
    TieKind.ALUMNI: (0.1, 0.1),
    TieKind.CLUB: (0.1, 0.1),
    TieKind.NEIGHBOUR: (0.1, 0.1),
    TieKind.FAITH: (0.1, 0.1),
    TieKind.SUPPLIER: (0.1, 0.1),
    TieKind.CUSTOMER_OF: (0.1, 0.1),
    TieKind.OTHER: (0.05, 0.05),
    TieKind.COVERS: (0.0, 0.0),
    TieKind.INFORMS: (0.0, 0.0),
}

_ROLE_POWER = {
    Role.DECIDER: 1.0,
    Role.APPROVER: 0.8,
    Role.BUYER: 0.5,
    Role.INFLUENCER: 0.4,
    Role.USER: 0.3,
    Role.INITIATOR: 0.2,
    Role.GATEKEEPER: 0.1,
    Role.OTHER: 0.1,
}

# Weight of one fresh touchpoint of each kind in the derived relationship strength
# (relgraph.analysis.interactions): time together in person counts most, a mail least;
# a complaint is contact too, but a weak (and unwelcome) one.
_INTERACTION_WEIGHT = {
    InteractionKind.MEAL: 1.0,
    InteractionKind.VISIT: 0.8,
    InteractionKind.MEETING: 0.7,
    InteractionKind.TRAINING: 0.5,
    InteractionKind.EVENT: 0.4,
    InteractionKind.CALL: 0.3,
    InteractionKind.ISSUE_CLOSED: 0.3,
    InteractionKind.OTHER: 0.2,
    InteractionKind.EMAIL: 0.1,
    InteractionKind.COMPLAINT: 0.1,
}


@dataclass(frozen=True)
class Settings:
    """Every default number relgraph uses, in one documented, overridable place.

    The defaults are a starting judgement (DESIGN.md §2), to be refined with users; outputs
    that depend on them say so. Override with :meth:`replace`, then pass the result to a
    network: ``net.with_settings(s)`` (every analysis reads ``net.settings``).

    Attributes
    ----------
    tie_strength : Mapping[TieKind, float]
        Contact strength of a tie of each kind when the tie gives none (used by routes).
    affiliation_strength : Mapping[AffiliationKind, float]
        Strength of a shared affiliation that is not yet a tie.
    influence_weight : Mapping[TieKind, tuple[float, float]]
        ``(forward, backward)``: how much a tie's source sways its target, and the target the
        source. ``influences`` ties use their own strength forward and 0 backward. For
        ``reports_to`` (source = the report) the default is ``(0.2, 0.6)``: the boss sways
        the report at 0.6, the report advises the boss at 0.2.
    role_power : Mapping[Role, float]
        Decision power of each buying role when ``roles.power`` is blank.
    susceptibility : float
        Default susceptibility λ in [0, 1] (0 = never moves, 1 = only follows others);
        a ``susceptibility`` column in ``people`` overrides it per person.
    stale_days : int
        An attitude assessed longer ago than this is stale.
    max_hops : int
        Introduction routes longer than this are not offered.
    weak_route : float
        A best route of real ties weaker than this (0.25) is weak: the best shared-affiliation
        opening is then offered beside it even when it ranks below the top k.
    backing_resistance : float
        Feasibility of moving a competitor's supporter falls by this much per point of
        backing (0.25: backing 3 leaves 0.25 of the effort's effect).
    move_resistance : float
        Each point of attitude change beyond the first multiplies feasibility by this (0.7).
    upkeep_factor : float
        Mobilising a strong supporter (+2 or more) is worth this factor per owner they already
        have (0.5: two owners leave a quarter) — upkeep, not a top target.
    entrenched_backing : int
        A competitor's supporter backing at least this strongly (2), or an opponent at −2
        or below, is entrenched: the practice works on the people they listen to.
    sponsor_occasions : int
        How many occasions (visits, forums, exchanges) a sponsor has per month across all
        their targets (4); the plan spreads them.
    sensitive_tie_kinds : frozenset[TieKind]
        Tie kinds that are personal data (hidden from shared exports unless opted in).
    sensitive_affiliation_kinds : frozenset[AffiliationKind]
        Affiliation kinds that are personal data.
    interaction_weight : Mapping[InteractionKind, float]
        Weight of one fresh touchpoint of each kind in the derived relationship strength
        (meal 1.0, visit 0.8, meeting 0.7, training 0.5, event 0.4, call 0.3, issue_closed
        0.3, other 0.2, email 0.1, complaint 0.1).
    interaction_half_life_days : float
        A touchpoint's weight halves every this many days (180).
    interaction_saturation : float
        Decayed weight at which the derived strength reaches 1 − 1/e ≈ 63 % of the cap
        (1.0: one fresh meeting gives 0.45, a meeting every quarter for a year 0.75, every
        month 0.89, before the reciprocity factor).
    interaction_cap : float
        The derived strength never exceeds this (0.9), however much contact there is.
    interaction_one_way : float
        Reciprocity factor of entirely one-sided contact (0.6); balanced contact gets 1.0.
    interaction_tie_kinds : frozenset[TieKind]
        Ties of these kinds without an explicit strength take the strength derived from the
        interactions log when the pair has one (``covers`` and every personal kind).
    contact_stale_days : int
        A customer person last contacted longer ago than this (or never) is stale (90).
    open_issue_days : int
        An open customer issue older than this is overdue (30).
    as_of : datetime.date or None
        The date every analysis measures ages and decay against when it is not given an
        ``as_of`` of its own (stale attitudes, last contact, interaction decay, planning
        cycle); None means today. The bundled sample account sets its snapshot date.
    language : {"en", "zh"}
        The language of every text relgraph writes for people ("en"); see
        :func:`relgraph.text.say`.

    Examples
    --------
    >>> s = Settings()
    >>> s.tie_strength[TieKind.FRIEND]
    0.7
    >>> s2 = s.replace(susceptibility=0.3, tie_strength={TieKind.FRIEND: 0.8})
    >>> s2.susceptibility, s2.tie_strength[TieKind.FRIEND], s2.tie_strength[TieKind.FAMILY]
    (0.3, 0.8, 0.9)
    """

    tie_strength: Mapping[TieKind, float] = field(default_factory=lambda: _frozen(_TIE_STRENGTH))
    affiliation_strength: Mapping[AffiliationKind, float] = field(
        default_factory=lambda: _frozen(_AFFILIATION_STRENGTH)
    )
    influence_weight: Mapping[TieKind, tuple[float, float]] = field(
        default_factory=lambda: _frozen(_INFLUENCE_WEIGHT)
    )
    role_power: Mapping[Role, float] = field(default_factory=lambda: _frozen(_ROLE_POWER))
    susceptibility: float = 0.5
    stale_days: int = 180
    max_hops: int = 4
    sensitive_tie_kinds: frozenset[TieKind] = frozenset(
        {TieKind.FAMILY, TieKind.NEIGHBOUR, TieKind.FAITH}
    )
    sensitive_affiliation_kinds: frozenset[AffiliationKind] = frozenset(
        {AffiliationKind.FAITH, AffiliationKind.NEIGHBOURHOOD}
    )
    interaction_weight: Mapping[InteractionKind, float] = field(
        default_factory=lambda: _frozen(_INTERACTION_WEIGHT)
    )
    interaction_half_life_days: float = 180.0
    interaction_saturation: float = 1.0
    interaction_cap: float = 0.9
    interaction_one_way: float = 0.6
    interaction_tie_kinds: frozenset[TieKind] = frozenset(
        {TieKind.COVERS} | {k for k in TieKind if k not in _DIRECTED_KINDS}
    )
    contact_stale_days: int = 90
    open_issue_days: int = 30
    weak_route: float = 0.25
    backing_resistance: float = 0.25
    move_resistance: float = 0.7
    upkeep_factor: float = 0.5
    entrenched_backing: int = 2
    sponsor_occasions: int = 4
    as_of: _dt.date | None = None
    language: str = "en"

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise _bad_setting(
                "language", self.language, message("exp_one_of", choices=", ".join(LANGUAGES))
            )
        for name in ("tie_strength", "affiliation_strength", "role_power", "interaction_weight"):
            for key, val in getattr(self, name).items():
                if not 0.0 <= float(val) <= 1.0:
                    raise _bad_setting(f"{name}[{key!s}]", val, "0..1")
        for key, pair in self.influence_weight.items():
            if len(pair) != 2 or any(not 0.0 <= float(v) <= 1.0 for v in pair):
                raise _bad_setting(f"influence_weight[{key!s}]", pair, message("exp_weight_pair"))
        if not 0.0 <= self.susceptibility <= 1.0:
            raise _bad_setting("susceptibility", self.susceptibility, "0..1")
        for name, low in (("stale_days", 0), ("max_hops", 1), ("sponsor_occasions", 1)):
            if getattr(self, name) < low:
                raise _bad_setting(name, getattr(self, name), f">= {low}")
        for name in (
            "interaction_cap",
            "interaction_one_way",
            "weak_route",
            "backing_resistance",
            "move_resistance",
            "upkeep_factor",
        ):
            if not 0.0 <= float(getattr(self, name)) <= 1.0:
                raise _bad_setting(name, getattr(self, name), "0..1")
        for name in ("interaction_half_life_days", "interaction_saturation"):
            if not float(getattr(self, name)) > 0.0:
                raise _bad_setting(name, getattr(self, name), "> 0")
        if not 1 <= self.entrenched_backing <= 3:
            raise _bad_setting("entrenched_backing", self.entrenched_backing, "1..3")
        for name in ("contact_stale_days", "open_issue_days"):
            if getattr(self, name) < 0:
                raise _bad_setting(name, getattr(self, name), ">= 0")
        if self.as_of is not None and not isinstance(self.as_of, _dt.date):
            raise _bad_setting("as_of", self.as_of, message("exp_date_or_none"))

    def uses_defaults(self) -> bool:
        """Whether every number is relgraph's default (the reference date and language aside).

        Outputs that depend on the defaults say so (they are a starting judgement).

        Examples
        --------
        >>> import datetime as dt
        >>> Settings(as_of=dt.date(2026, 1, 1)).uses_defaults()
        True
        >>> Settings().replace(max_hops=2).uses_defaults()
        False
        """
        return dataclasses.replace(self, as_of=None, language="en") == type(self)()

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some values changed; mappings are merged, not replaced.

        Parameters
        ----------
        **changes
            Field names and new values. For mapping fields, only the given keys change;
            keys may be vocabulary members or their words (``{"friend": 0.8}``).

        Returns
        -------
        Settings

        Raises
        ------
        TypeError
            For an unknown field name.
        """
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise TypeError(f"unknown setting(s) {unknown}; valid: {sorted(known)}")
        merged: dict[str, Any] = {}
        enums: dict[str, tuple[type[_Vocab], Mapping[str, str]]] = {
            "tie_strength": (TieKind, TIE_KIND_SYNONYMS),
            "influence_weight": (TieKind, TIE_KIND_SYNONYMS),
            "affiliation_strength": (AffiliationKind, AFFILIATION_KIND_SYNONYMS),
            "role_power": (Role, ROLE_SYNONYMS),
            "interaction_weight": (InteractionKind, INTERACTION_KIND_SYNONYMS),
        }
        for name, value in changes.items():
            if name in enums:
                enum, syn = enums[name]
                base = dict(getattr(self, name))
                base.update({parse_term(enum, syn, k): v for k, v in dict(value).items()})
                merged[name] = _frozen(base)
            elif name in ("sensitive_tie_kinds", "interaction_tie_kinds"):
                merged[name] = frozenset(parse_term(TieKind, TIE_KIND_SYNONYMS, v) for v in value)
            elif name == "sensitive_affiliation_kinds":
                merged[name] = frozenset(
                    parse_term(AffiliationKind, AFFILIATION_KIND_SYNONYMS, v) for v in value
                )
            elif name == "as_of" and value is not None and not isinstance(value, _dt.date):
                from relgraph.checks import check_date

                merged[name] = check_date("as_of", value)
            else:
                merged[name] = value
        return dataclasses.replace(self, **merged)

"""Declarative schemas of the input tables: columns, types, vocabularies and references.

The schemas are data, not code: :mod:`relgraph.io.validate` reads them to check and
convert every table in vectorised passes, and ``docs/data-format.md`` documents the same
columns. Adding a column here is all it takes to load, validate and document it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from relgraph.vocab import (
    AFFILIATION_KIND_SYNONYMS,
    DIRECTION_SYNONYMS,
    GOAL_SYNONYMS,
    INTERACTION_KIND_SYNONYMS,
    ORG_KIND_SYNONYMS,
    ROLE_SYNONYMS,
    STAGE_SYNONYMS,
    TIE_KIND_SYNONYMS,
)

__all__ = ["SCHEMAS", "TABLE_ORDER", "Column", "ColumnType", "TableSchema"]

ColumnType = Literal["str", "term", "int", "float", "bool", "date", "list"]


@dataclass(frozen=True)
class Column:
    """One column of an input table.

    Attributes
    ----------
    name : str
        Lower-case column name.
    type : {"str", "term", "int", "float", "bool", "date", "list"}
        How values are checked and converted. ``term`` maps words through ``vocab``;
        ``list`` is a ``;``-separated list of ids.
    required : bool
        The column must be present.
    nonblank : bool
        Every value must be filled in.
    unique : bool
        Values must not repeat (ids).
    lo, hi : float or None
        Inclusive range for numbers.
    vocab : Mapping or None
        Synonym table for ``term`` columns.
    ref : str or None
        Table whose ``id`` each non-blank value must name.
    doc : str
        One line for the data-format reference.
    """

    name: str
    type: ColumnType = "str"
    required: bool = False
    nonblank: bool = False
    unique: bool = False
    lo: float | None = None
    hi: float | None = None
    vocab: Mapping[str, str] | None = None
    ref: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class TableSchema:
    """The schema of one table.

    Attributes
    ----------
    name : str
        Table name; also the CSV file stem and the Excel sheet name.
    columns : tuple of Column
        Known columns, in output order. Unknown columns are kept after them as text.
    required : bool
        The table must be present.
    key : tuple of str
        Columns whose combination must not repeat (besides ``unique`` columns).
    doc : str
        One line for the data-format reference.
    """

    name: str
    columns: tuple[Column, ...]
    required: bool = False
    key: tuple[str, ...] = ()
    doc: str = ""

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required_columns(self) -> list[str]:
        """Names of the columns that must be present."""
        return [c.name for c in self.columns if c.required]


ORGS = TableSchema(
    "orgs",
    (
        Column("id", required=True, nonblank=True, unique=True, doc="organisation id"),
        Column("name", required=True, nonblank=True, doc="organisation name"),
        Column(
            "kind",
            "term",
            required=True,
            nonblank=True,
            vocab=ORG_KIND_SYNONYMS,
            doc="customer, us, competitor, partner or other",
        ),
        Column("name_en", doc="English rendering of the name"),
        Column("tier", doc="customer tier S, A, B or C"),
    ),
    required=True,
    doc="Organisations: the customer, us, competitors, partners and others.",
)

PEOPLE = TableSchema(
    "people",
    (
        Column("id", required=True, nonblank=True, unique=True, doc="person id"),
        Column("name", required=True, nonblank=True, doc="name as the team writes it"),
        Column("org", required=True, nonblank=True, ref="orgs", doc="the person's organisation"),
        Column("name_en", doc="English (or other) rendering of the name"),
        Column("title", doc="job title"),
        Column("department", doc="department or function"),
        Column(
            "level",
            "int",
            lo=1,
            hi=5,
            doc="1 board, 2 C-suite, 3 VP/director, 4 manager, 5 staff",
        ),
        Column("attitude", "int", lo=-3, hi=3, doc="stance toward us, -3 .. +3"),
        Column("supports", ref="orgs", doc="id of the competitor this person backs"),
        Column("support", "int", lo=1, hi=3, doc="strength of that backing, 1 .. 3"),
        Column("do_not_contact", "bool", doc="true: never route through or target"),
        Column("updated", "date", doc="date the attitude was assessed"),
        Column("susceptibility", "float", lo=0, hi=1, doc="how far others move them, 0 .. 1"),
    ),
    required=True,
    doc="People: customer staff, our team, competitors' staff and outsiders.",
)

TIES = TableSchema(
    "ties",
    (
        Column("source", required=True, nonblank=True, ref="people", doc="person id"),
        Column("target", required=True, nonblank=True, ref="people", doc="person id"),
        Column(
            "kind",
            "term",
            required=True,
            nonblank=True,
            vocab=TIE_KIND_SYNONYMS,
            doc="reports_to, influences, covers, informs, or a personal kind",
        ),
        Column("strength", "float", lo=0, hi=1, doc="0 .. 1; blank = default per kind"),
        Column("since", "date", doc="date the tie began"),
        Column("sensitive", "bool", doc="personal data; blank = default per kind"),
        Column("note", doc="free text"),
    ),
    key=("source", "target", "kind"),
    doc="Ties between people: formal, influence, ours and personal.",
)

OPPORTUNITIES = TableSchema(
    "opportunities",
    (
        Column("id", required=True, nonblank=True, unique=True, doc="opportunity id"),
        Column("account", required=True, nonblank=True, ref="orgs", doc="customer org id"),
        Column("name", doc="opportunity name"),
        Column("competitors", "list", ref="orgs", doc="';'-separated competitor org ids"),
        Column("goal", "term", vocab=GOAL_SYNONYMS, doc="breakthrough, share, profit, competitive"),
        Column("value", "float", lo=0, doc="deal value"),
        Column("stage", "term", vocab=STAGE_SYNONYMS, doc="current buying stage"),
    ),
    doc="Opportunities (deals) at a customer.",
)

ROLES = TableSchema(
    "roles",
    (
        Column("opportunity", required=True, nonblank=True, ref="opportunities"),
        Column("person", required=True, nonblank=True, ref="people"),
        Column(
            "role",
            "term",
            required=True,
            nonblank=True,
            vocab=ROLE_SYNONYMS,
            doc="decider, approver, buyer, influencer, user, initiator, gatekeeper, other",
        ),
        Column("power", "float", lo=0, hi=1, doc="decision power; blank = default per role"),
        Column("stage", "term", vocab=STAGE_SYNONYMS, doc="the stage where they act"),
    ),
    key=("opportunity", "person", "role"),
    doc="Buying roles: who holds which role in which opportunity.",
)

AFFILIATIONS = TableSchema(
    "affiliations",
    (
        Column("person", required=True, nonblank=True, ref="people"),
        Column("affiliation", required=True, nonblank=True, doc="school, club … name"),
        Column(
            "kind",
            "term",
            required=True,
            nonblank=True,
            vocab=AFFILIATION_KIND_SYNONYMS,
            doc="school, club, employer, neighbourhood, faith, other",
        ),
        Column("since", "date", doc="date the affiliation began"),
        Column("sensitive", "bool", doc="personal data; blank = default per kind"),
    ),
    key=("person", "affiliation"),
    doc="Shared circles (schools, clubs, employers …) that can become ties.",
)

INTERACTIONS = TableSchema(
    "interactions",
    (
        Column("date", "date", required=True, nonblank=True, doc="day of the touchpoint"),
        Column(
            "our_person",
            required=True,
            nonblank=True,
            ref="people",
            doc="our person who took part (a person at an org of kind us)",
        ),
        Column(
            "their_people",
            "list",
            required=True,
            nonblank=True,
            ref="people",
            doc="';'-separated ids of the customer (or other outside) people met",
        ),
        Column(
            "kind",
            "term",
            required=True,
            nonblank=True,
            vocab=INTERACTION_KIND_SYNONYMS,
            doc="meeting, call, visit, meal, event, email, training, complaint, issue_closed, "
            "other",
        ),
        Column(
            "direction",
            "term",
            vocab=DIRECTION_SYNONYMS,
            doc="who initiated: ours, theirs or mutual; blank counts as mutual",
        ),
        Column(
            "issue",
            doc="issue reference linking a complaint to the issue_closed row that closes it",
        ),
        Column("subject", doc="short subject line"),
        Column("note", doc="free text (never shown in shared outputs)"),
        Column("sensitive", "bool", doc="personal data (e.g. a private dinner); blank = false"),
    ),
    doc="Touchpoints: meetings, calls, visits, meals, events, e-mails, complaints (optional).",
)

#: Every table, in dependency order (a table's references point to earlier tables).
SCHEMAS: Mapping[str, TableSchema] = {
    s.name: s for s in (ORGS, PEOPLE, TIES, OPPORTUNITIES, ROLES, AFFILIATIONS, INTERACTIONS)
}
TABLE_ORDER: tuple[str, ...] = tuple(SCHEMAS)

"""Import a LinkedIn ``Connections.csv`` export as ties of one of our people."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from pathlib import Path
from typing import Any, cast

import pandas as pd

from relgraph.checks import check_bool, check_choice
from relgraph.errors import InvalidParameterError, Problem, Reason, ValidationError
from relgraph.io.csv_checks import MAX_ROW_PROBLEMS, wrong_length_problem
from relgraph.network import RelationshipNetwork
from relgraph.text import say, term
from relgraph.vocab import TIE_KIND_SYNONYMS, TieKind, parse_term

from ._common import Export, decode_export, extend_network, fail, problem
from ._linkedin_match import Matcher, ties_of
from .result import REPORT_COLUMNS, ImportResult, ReportRows

__all__ = [
    "LINKEDIN_COLUMNS",
    "LINKEDIN_ORG",
    "LINKEDIN_REPORT_COLUMNS",
    "add_linkedin_connections",
]

#: The header of LinkedIn's export (after a few "Notes:" lines).
LINKEDIN_COLUMNS: tuple[str, ...] = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)

#: Id of the org (kind ``other``) that holds new people whose company is not in the data.
LINKEDIN_ORG = "LINKEDIN"

_DETAIL: tuple[str, ...] = (
    "first_name",
    "last_name",
    "company",
    "position",
    "connected_on",
    "matched_by",
)

#: Columns of the LinkedIn import report: :data:`~relgraph.importers.result.REPORT_COLUMNS`,
#: then the connection's names, company, position, date and what matched it.
LINKEDIN_REPORT_COLUMNS: tuple[str, ...] = (*REPORT_COLUMNS, *_DETAIL)

_TABLE = "linkedin"
_AGAIN = "LinkedIn"
_HEADER_SEARCH = 50  # LinkedIn puts a few "Notes:" lines before the header


def _header_line(lines: list[str], src: str) -> int:
    """Return the 0-based line of the header (the first with a ``First Name`` field)."""
    for i, line in enumerate(lines[:_HEADER_SEARCH]):
        if "First Name" in (c.strip().strip('"') for c in line.split(",")):
            return i
    fail(
        _TABLE,
        src,
        Reason.MISSING_COLUMN,
        "imp_li_no_header",
        n=_HEADER_SEARCH,
        header=",".join(LINKEDIN_COLUMNS),
    )


def _records(lines: list[str], header: int, src: str) -> Export:
    """Read the rows under the header, each numbered by its file line (blank lines count).

    A row with more or fewer fields than the header is a problem, not shifted or padded.
    """
    reader = csv.reader(io.StringIO("\n".join(lines[header:])))
    records: list[list[str]] = []
    numbers: list[int] = []
    problems: list[Problem] = []
    try:
        columns = [str(c).strip() for c in next(reader)]
        start = reader.line_num
        for rec in reader:
            line, start = header + start + 1, reader.line_num  # 1-based line of the record
            if not any(cell.strip() for cell in rec):
                continue
            if len(rec) != len(columns) and len(problems) < MAX_ROW_PROBLEMS:
                text = ",".join(rec)
                problems.append(
                    wrong_length_problem(_TABLE, src, line, text, len(rec), len(columns))
                )
            records.append(rec)
            numbers.append(line)
    except csv.Error as exc:
        row = header + 1 + reader.line_num
        fail(_TABLE, src, Reason.UNREADABLE, "imp_bad_csv", row=row, error=exc, again=_AGAIN)
    problems = [
        problem(
            _TABLE,
            src,
            Reason.MISSING_COLUMN,
            "imp_li_missing_column",
            row=header + 1,
            column=c,
            name=c,
            header=", ".join(columns),
        )
        for c in LINKEDIN_COLUMNS
        if c not in columns
    ] or problems
    if problems:
        raise ValidationError(problems)
    frame = pd.DataFrame(records, columns=columns, dtype=object)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    extra = [c for c in frame.columns if c not in LINKEDIN_COLUMNS]
    frame = frame[[*LINKEDIN_COLUMNS, *extra]].map(lambda v: str(v).strip())
    return Export(src, frame.reset_index(drop=True), tuple(numbers))


def _read(path: Path) -> Export:
    """Read the file (encoding checks of the table reader; LinkedIn's columns first)."""
    text = decode_export(path, _TABLE, again=_AGAIN)
    lines = text.splitlines()
    return _records(lines, _header_line(lines, str(path)), str(path))


def _parse_date(text: str) -> pd.Timestamp | None:
    """``01 Jan 2024`` (LinkedIn's form) or ISO ``2024-01-01``; None when blank.

    Raises ValueError for anything else.
    """
    if not text:
        return None
    try:
        return pd.Timestamp(_dt.datetime.strptime(text, "%d %b %Y"))
    except ValueError:
        return pd.Timestamp(_dt.date.fromisoformat(text))


def _dates(export: Export) -> list[pd.Timestamp | None]:
    """Return each row's connection date; a row without a name or a bad date is a problem."""
    problems: list[Problem] = []
    dates: list[pd.Timestamp | None] = []
    src = export.source
    for line, (first, last, when) in zip(
        export.rows,
        export.frame[["First Name", "Last Name", "Connected On"]].to_numpy(),
        strict=True,
    ):
        if not first and not last:
            problems.append(
                problem(_TABLE, src, Reason.BLANK, "imp_li_no_name", row=line, column="First Name")
            )
        try:
            dates.append(_parse_date(when))
        except ValueError:
            dates.append(None)
            problems.append(
                problem(
                    _TABLE,
                    src,
                    Reason.BAD_DATE,
                    "imp_li_bad_date",
                    row=line,
                    column="Connected On",
                    value=when,
                )
            )
    if problems:
        raise ValidationError(problems)
    return dates


def _check_owner(net: RelationshipNetwork, owner: str) -> str:
    """Return the owner's id; they must be one of our people."""
    owner_id = net.resolve_person(owner)
    if owner_id not in set(net.our_people()):
        party = str(net.party.get(owner_id, "unknown"))
        lang = net.settings.language
        who = say("linkedin_owner_not_ours", who=net.label(owner_id), party=party, lang=lang)
        raise InvalidParameterError("owner", owner, who)
    return owner_id


def _check_kind(kind: object) -> str:
    """Return the tie kind (synonyms welcome), or raise naming the valid kinds."""
    try:
        return str(parse_term(TieKind, TIE_KIND_SYNONYMS, kind))
    except ValueError:
        return str(check_choice("kind", kind, [str(k) for k in TieKind]))


class _Import:
    """The decisions of one import: which row becomes a tie, a new person, or a report row."""

    def __init__(
        self, net: RelationshipNetwork, owner: str, kind: str, add_unmatched: bool
    ) -> None:
        self.net, self.owner, self.kind, self.add_unmatched = net, owner, kind, add_unmatched
        self.lang = net.settings.language
        self.owner_label = net.label(owner)
        self.matcher = Matcher(net)
        self.tied = ties_of(net, owner)
        self.existing = set(net.person_ids)
        self.done: set[str] = set()
        self.people: list[dict[str, Any]] = []
        self.ties: list[dict[str, Any]] = []
        self.report = ReportRows(_DETAIL, lang=self.lang)
        self.counter = 0

    def row(self, source: str, line: int, rec: dict[str, str], when: pd.Timestamp | None) -> None:
        """Decide one connection and report it."""
        detail = {
            "first_name": rec["First Name"],
            "last_name": rec["Last Name"],
            "company": rec["Company"],
            "position": rec["Position"],
            "connected_on": when,
        }
        hits, how, column = self.matcher.match(rec)
        where = (source, line, column, rec.get(column, "") if column else _name(rec))

        def report(outcome: str, action: str, why: str, person: str = "", **values: Any) -> None:
            details = {**detail, "matched_by": how}
            self.report.add(*where, outcome, action, why, person=person, details=details, **values)

        if len(hits) > 1:
            people = ", ".join(hits)
            column_hint = self.matcher.url_column or "linkedin"
            report("skipped", "ambiguous", "linkedin_ambiguous", people=people, column=column_hint)
        elif hits:
            self._matched(hits[0], how, when, report)
        elif not self.add_unmatched:
            report("skipped", "reported", "linkedin_reported")
        else:
            pid, org = self._new_person(rec)
            self._tie(pid, when)
            report("added", "new person", "linkedin_new", person=pid, org=org)

    def _matched(self, pid: str, how: str, when: pd.Timestamp | None, report: Any) -> None:
        if pid == self.owner:
            report("skipped", "owner", "linkedin_owner", person=pid)
        elif pid in self.done:
            report("skipped", "duplicate", "linkedin_duplicate", person=pid)
        elif pid in self.tied:
            kind = term("tie_kind", self.tied[pid], lang=self.lang)
            report(
                "skipped",
                "already tied",
                "linkedin_already",
                person=pid,
                kind=kind,
                owner=self.owner_label,
            )
        else:
            self._tie(pid, when)
            report("added", "tie added", "linkedin_matched", person=pid, how=how)

    def _new_person(self, rec: dict[str, str]) -> tuple[str, str]:
        self.counter += 1
        while f"LI-{self.counter}" in self.existing:
            self.counter += 1
        pid = f"LI-{self.counter}"
        self.existing.add(pid)
        org = self.matcher.org_of_company(rec["Company"]) or LINKEDIN_ORG
        self.people.append(
            {
                "id": pid,
                "name": _name(rec),
                "org": org,
                "title": rec["Position"],
                "linkedin": rec["URL"],
                "email": rec["Email Address"],
                "company": rec["Company"],
            }
        )
        return pid, org

    def _tie(self, pid: str, when: pd.Timestamp | None) -> None:
        self.done.add(pid)
        note = say("linkedin_tie", owner=self.owner_label, lang=self.lang)
        self.ties.append(
            {"source": self.owner, "target": pid, "kind": self.kind, "since": when, "note": note}
        )

    def added(self) -> dict[str, pd.DataFrame]:
        """Return the new rows per table (the LinkedIn org only when a new person needs it)."""
        people = pd.DataFrame(self.people)
        orgs = pd.DataFrame(columns=["id", "name", "kind"])
        needs_org = len(people) and people["org"].eq(LINKEDIN_ORG).any()
        if needs_org and LINKEDIN_ORG not in set(self.net.orgs["id"].astype(str)):
            name = say("linkedin_org_name", lang=self.lang)
            orgs = pd.DataFrame([{"id": LINKEDIN_ORG, "name": name, "kind": "other"}])
        return {"orgs": orgs, "people": people, "ties": pd.DataFrame(self.ties)}


def _name(rec: dict[str, str]) -> str:
    return " ".join(x for x in (rec["First Name"], rec["Last Name"]) if x)


def add_linkedin_connections(
    net: RelationshipNetwork,
    path: str | Path,
    *,
    owner: str,
    add_unmatched: bool = True,
    kind: str = "other",
) -> ImportResult:
    r"""Return a new network with one of our people's LinkedIn connections added as ties.

    Parameters
    ----------
    net : RelationshipNetwork
        The network (not changed).
    path : str or Path
        LinkedIn's ``Connections.csv`` (a few "Notes:" lines, then the header ``First
        Name,Last Name,URL,Email Address,Company,Position,Connected On``; dates like
        ``01 Jan 2024``; emails often blank).
    owner : str
        Whose connections these are: an id or a name of one of the network's people.
    add_unmatched : bool
        Add a connection that matches nobody as a new person (at the org whose name or
        English name equals the connection's company, else at the org ``LINKEDIN`` of kind
        ``other``). With False such rows are only reported. Nothing is ever dropped
        silently: every row of the file is in the report.
    kind : str
        Tie kind of the new ties (default ``other``: an acquaintance, default strength
        ``settings.tie_strength[other]``); synonyms such as ``colleague`` are welcome.

    Returns
    -------
    ImportResult
        ``network``: a new, validated network with the ties (and any new people) added;
        ``added``: the new ``orgs``, ``people`` and ``ties`` rows; ``report``: one row per
        connection (columns :data:`LINKEDIN_REPORT_COLUMNS`), with ``row`` its file line,
        ``outcome`` ``added`` or ``skipped``, ``action`` one of ``tie added``, ``new
        person``, ``reported``, ``already tied``, ``ambiguous``, ``owner``, ``duplicate``,
        ``matched_by`` (``url``, ``email``, ``name+company`` or blank), ``person`` (id)
        and ``why``.

    Raises
    ------
    ValidationError
        For a file that is missing, not text, lacks the header or a column, or has rows
        with too many or too few fields, without a name, or with a bad date (every
        problem, with file, row, column and a hint).
    UnknownPersonError
        When ``owner`` is not in the network.
    InvalidParameterError
        When ``owner`` is not one of our people (a person at an org of kind ``us``): the
        connections of a customer's or a competitor's person are not ours to import; when
        ``kind`` is not a tie kind or ``add_unmatched`` not a bool.

    Notes
    -----
    A connection is matched to an existing person, in this order, by the LinkedIn URL (a
    ``linkedin`` or ``url`` column in ``people``; scheme, ``www.``, query and trailing
    slash ignored), by e-mail (an ``email`` column; case-insensitive), or by name and
    company together (``First Last`` or ``Last First``, with or without a space, against
    ``name`` or ``name_en``; company against the person's org ``name`` or ``name_en``).
    A name+company that fits several people is reported as ambiguous and not tied.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import relgraph as rg
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text(
    ...     'Notes:\n"When exporting..."\n\n'
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    ...     "Di,,https://www.linkedin.com/in/di,,Acme,Board member,01 Jan 2024\n"
    ...     "Gus,Lee,https://www.linkedin.com/in/gus,,Globex,CTO,15 Mar 2023\n")
    >>> result = rg.add_linkedin_connections(
    ...     rg.datasets.tiny(), folder / "Connections.csv", owner="Fay")
    >>> result.report[["row", "matched_by", "person", "action"]]
       row    matched_by person       action
    0    5  name+company     p4    tie added
    1    6                 LI-1   new person
    >>> result.network
    RelationshipNetwork(7 people, 4 orgs, 9 ties, 1 opportunities)
    """
    add_unmatched = check_bool("add_unmatched", add_unmatched)
    tie_kind = _check_kind(kind)
    owner_id = _check_owner(net, owner)
    export = _read(Path(path))
    dates = _dates(export)
    run = _Import(net, owner_id, tie_kind, add_unmatched)
    records = cast("list[dict[str, str]]", export.frame.to_dict("records"))
    for line, rec, when in zip(export.rows, records, dates, strict=True):
        run.row(export.source, line, rec, when)
    added = run.added()
    out = extend_network(net, added)
    return ImportResult(out, run.report.frame(), added, export.source, net.settings.language)

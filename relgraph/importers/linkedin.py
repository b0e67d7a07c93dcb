"""Import a LinkedIn ``Connections.csv`` export as ties of one of our people."""

from __future__ import annotations

import datetime as _dt
import io
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.network import RelationshipNetwork
from relgraph.text import say, term

__all__ = ["LINKEDIN_COLUMNS", "LINKEDIN_ORG", "REPORT_COLUMNS", "add_linkedin_connections"]

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

#: Columns of the import report.
REPORT_COLUMNS: tuple[str, ...] = (
    "row",
    "first_name",
    "last_name",
    "company",
    "position",
    "connected_on",
    "matched_by",
    "person",
    "action",
    "why",
)

_TABLE = "linkedin"


def _norm_url(value: object) -> str:
    text = str(value or "").strip().lower()
    text = re.sub(r"^https?://", "", text)
    text = re.sub(r"^www\.", "", text)
    text = text.split("?")[0].split("#")[0]
    return text.rstrip("/")


def _norm(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return " ".join(str(value).split()).casefold()


def _read(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """Read the file; return the rows (LinkedIn's columns first) and each row's file line.

    Blank lines are skipped but counted, so every reported line is the one an editor shows;
    a row with more fields than the header (an unquoted comma) is an error, not a shift.
    """
    import csv

    from relgraph.io.read import decode_bytes

    def fail(reason: Reason, hint: str, row: int | None = None, column: str | None = None) -> None:
        raise ValidationError([Problem(_TABLE, row, column, "", reason, hint, str(path))])

    if not path.is_file():
        fail(Reason.UNREADABLE, f"{path} does not exist or is not a file")
    raw = path.read_bytes()
    if not raw.strip():
        fail(Reason.EMPTY_TABLE, "the file is empty; export Connections.csv again from LinkedIn")
    try:
        text, _ = decode_bytes(raw)
    except UnicodeDecodeError:
        fail(Reason.ENCODING, "the file is not UTF-8; export it again from LinkedIn")
    lines = text.splitlines()
    header = next(
        (
            i
            for i, line in enumerate(lines[:50])
            if "First Name" in (c.strip().strip('"') for c in line.split(","))
        ),
        None,
    )
    if header is None:
        fail(
            Reason.MISSING_COLUMN,
            "no header line 'First Name,Last Name,URL,Email Address,Company,Position,"
            "Connected On' in the first 50 lines; is this LinkedIn's Connections.csv?",
        )
    assert header is not None
    reader = csv.reader(io.StringIO("\n".join(lines[header:])))
    try:
        columns = [str(c).strip() for c in next(reader)]
        records: list[list[str]] = []
        numbers: list[int] = []
        problems: list[Problem] = []
        start = reader.line_num
        for rec in reader:
            line = header + start + 1  # 1-based file line where this record starts
            start = reader.line_num
            if not any(cell.strip() for cell in rec):
                continue
            if len(rec) > len(columns):
                problems.append(
                    Problem(
                        _TABLE,
                        line,
                        None,
                        ",".join(rec),
                        Reason.UNREADABLE,
                        f"this row has {len(rec)} fields but the header has {len(columns)}; "
                        "put quotes around values that contain a comma",
                        str(path),
                    )
                )
                continue
            records.append(rec + [""] * (len(columns) - len(rec)))
            numbers.append(line)
    except csv.Error as exc:
        fail(
            Reason.UNREADABLE,
            f"not a readable CSV file ({exc}); export it again from LinkedIn",
            header + 1 + reader.line_num,
        )
    missing = [c for c in LINKEDIN_COLUMNS if c not in columns]
    if missing:
        raise ValidationError(
            [
                Problem(
                    _TABLE,
                    header + 1,
                    c,
                    "",
                    Reason.MISSING_COLUMN,
                    f"LinkedIn's export has a {c!r} column; the header here is "
                    f"{', '.join(columns)}",
                    str(path),
                )
                for c in missing
            ]
        )
    if problems:
        raise ValidationError(problems)
    frame = pd.DataFrame(records, columns=columns, dtype=object)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    extra = [c for c in frame.columns if c not in LINKEDIN_COLUMNS]
    return frame[[*LINKEDIN_COLUMNS, *extra]].reset_index(drop=True), numbers


def add_linkedin_connections(
    net: RelationshipNetwork,
    path: str | Path,
    *,
    owner: str,
    add_unmatched: bool = True,
    kind: str = "other",
) -> tuple[RelationshipNetwork, pd.DataFrame]:
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
        ``settings.tie_strength[other]``).

    Returns
    -------
    network : RelationshipNetwork
        A new, validated network with the ties (and any new people) added.
    report : pandas.DataFrame
        One row per connection (columns :data:`REPORT_COLUMNS`): file ``row`` (1-based
        line), the names, company, position, ``connected_on``, ``matched_by`` (``url``,
        ``email``, ``name+company`` or blank), ``person`` (id), ``action`` (``tie added``,
        ``new person``, ``reported``, ``already tied``, ``ambiguous``, ``owner``,
        ``duplicate``) and ``why``.

    Raises
    ------
    ValidationError
        For a file that is missing, not UTF-8, lacks the header or a column, or has rows
        without a name or with a bad date (every problem, with file, row and a hint).
    UnknownPersonError
        When ``owner`` is not in the network.
    InvalidParameterError
        When ``owner`` is not one of our people (a person at an org of kind ``us``): the
        connections of a customer's or a competitor's person are not ours to import.

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
    >>> net2, report = rg.add_linkedin_connections(
    ...     rg.datasets.tiny(), folder / "Connections.csv", owner="Fay")
    >>> report[["row", "matched_by", "person", "action"]]
       row    matched_by person       action
    0    5  name+company     p4    tie added
    1    6                 LI-1   new person
    >>> net2
    RelationshipNetwork(7 people, 4 orgs, 9 ties, 1 opportunities)
    """
    from relgraph.vocab import TIE_KIND_SYNONYMS, TieKind, parse_term

    tie_kind = str(parse_term(TieKind, TIE_KIND_SYNONYMS, kind))
    lang = net.settings.language
    owner_id = net.resolve_person(owner)
    if owner_id not in set(net.our_people()):
        from relgraph.errors import InvalidParameterError

        party = str(net.party.get(owner_id, "unknown"))
        raise InvalidParameterError(
            "owner",
            owner,
            say("linkedin_owner_not_ours", who=net.label(owner_id), party=party, lang=lang),
        )
    p = Path(path)
    frame, line_of = _read(p)

    problems: list[Problem] = []
    dates: list[pd.Timestamp | None] = []
    for i, rec in enumerate(frame.itertuples(index=False)):
        line = line_of[i]
        first, last = str(rec[0]).strip(), str(rec[1]).strip()
        if not first and not last:
            problems.append(
                Problem(
                    _TABLE,
                    line,
                    "First Name",
                    "",
                    Reason.BLANK,
                    "both First Name and Last Name are blank; fill one in or delete the row",
                    str(p),
                )
            )
        when = str(rec[6]).strip()
        stamp: pd.Timestamp | None = None
        if when:
            try:
                stamp = pd.Timestamp(_dt.datetime.strptime(when, "%d %b %Y"))
            except ValueError:
                try:
                    stamp = pd.Timestamp(_dt.date.fromisoformat(when))
                except ValueError:
                    problems.append(
                        Problem(
                            _TABLE,
                            line,
                            "Connected On",
                            when,
                            Reason.BAD_DATE,
                            "expected a date like '01 Jan 2024' (or 2024-01-01)",
                            str(p),
                        )
                    )
        dates.append(stamp)
    if problems:
        raise ValidationError(problems)

    people = net.people
    orgs = net.orgs
    ids = people["id"].astype(str).to_numpy()
    url_col = next((c for c in ("linkedin", "url") if c in people.columns), None)
    by_url: dict[str, list[str]] = {}
    if url_col:
        for pid, u in zip(ids, people[url_col], strict=False):
            if _norm_url(u if isinstance(u, str) else ""):
                by_url.setdefault(_norm_url(u), []).append(pid)
    by_email: dict[str, list[str]] = {}
    if "email" in people.columns:
        for pid, e in zip(ids, people["email"], strict=False):
            if _norm(e):
                by_email.setdefault(_norm(e), []).append(pid)
    org_names: dict[str, set[str]] = {}
    for oid, name, en in zip(orgs["id"].astype(str), orgs["name"], orgs["name_en"], strict=False):
        org_names[oid] = {x for x in (_norm(name), _norm(en)) if x}
    company_to_org: dict[str, str] = {}
    for oid, names in org_names.items():
        for nm in names:
            company_to_org.setdefault(nm, oid)
    by_name: dict[str, list[str]] = {}
    for pid, name, en in zip(ids, people["name"], people["name_en"], strict=False):
        for nm in {_norm(name), _norm(en)} - {""}:
            by_name.setdefault(nm, []).append(pid)
    org_of = dict(zip(ids, people["org"].astype(str), strict=False))

    pairs = net.ties[["source", "target", "kind"]].astype(str)
    tied: dict[str, str] = {}
    for s, t, k in pairs.itertuples(index=False):
        if s == owner_id:
            tied.setdefault(t, k)
        elif t == owner_id:
            tied.setdefault(s, k)

    existing = set(ids)
    new_people: list[dict[str, Any]] = []
    new_ties: list[dict[str, Any]] = []
    need_org = False
    done: set[str] = set()
    report: list[dict[str, Any]] = []
    counter = 0
    owner_label = net.label(owner_id)
    for i, rec in enumerate(frame.itertuples(index=False)):
        first, last, url, email, company, position = (str(x).strip() for x in rec[:6])
        line = line_of[i]
        row: dict[str, Any] = {
            "row": line,
            "first_name": first,
            "last_name": last,
            "company": company,
            "position": position,
            "connected_on": dates[i],
            "matched_by": "",
            "person": "",
        }
        hits: list[str] = []
        how = ""
        if _norm_url(url) and _norm_url(url) in by_url:
            hits, how = by_url[_norm_url(url)], "url"
        elif _norm(email) and _norm(email) in by_email:
            hits, how = by_email[_norm(email)], "email"
        else:
            names = {_norm(f"{first} {last}"), _norm(f"{last} {first}"), _norm(f"{last}{first}")}
            cands = sorted({pid for nm in names - {""} for pid in by_name.get(nm, [])})
            comp = _norm(company)
            hits = [pid for pid in cands if comp and comp in org_names.get(org_of[pid], set())]
            how = "name+company" if hits else ""
        if len(hits) > 1:
            row.update(
                action="ambiguous",
                matched_by=how,
                why=say(
                    "linkedin_ambiguous",
                    people=", ".join(hits),
                    column=url_col or "linkedin",
                    lang=lang,
                ),
            )
            report.append(row)
            continue
        if hits:
            pid = hits[0]
            row.update(matched_by=how, person=pid)
            if pid == owner_id:
                row.update(action="owner", why=say("linkedin_owner", lang=lang))
            elif pid in done:
                row.update(action="duplicate", why=say("linkedin_duplicate", lang=lang))
            elif pid in tied:
                kind_words = term("tie_kind", tied[pid], lang=lang)
                row.update(
                    action="already tied",
                    why=say("linkedin_already", kind=kind_words, owner=owner_label, lang=lang),
                )
            else:
                new_ties.append(_tie(owner_id, pid, tie_kind, dates[i], owner_label, lang))
                done.add(pid)
                row.update(action="tie added", why=say("linkedin_matched", how=how, lang=lang))
            report.append(row)
            continue
        if not add_unmatched:
            row.update(action="reported", why=say("linkedin_reported", lang=lang))
            report.append(row)
            continue
        counter += 1
        while f"LI-{counter}" in existing:
            counter += 1
        pid = f"LI-{counter}"
        existing.add(pid)
        org = company_to_org.get(_norm(company))
        if org is None:
            org, need_org = LINKEDIN_ORG, True
        new_people.append(
            {
                "id": pid,
                "name": " ".join(x for x in (first, last) if x),
                "org": org,
                "title": position,
                "linkedin": url,
                "email": email,
                "company": company,
            }
        )
        new_ties.append(_tie(owner_id, pid, tie_kind, dates[i], owner_label, lang))
        done.add(pid)
        row.update(person=pid, action="new person", why=say("linkedin_new", org=org, lang=lang))
        report.append(row)

    frames = net.to_frames()
    if new_people:
        frames["people"] = pd.concat(
            [frames["people"], pd.DataFrame(new_people)], ignore_index=True
        )
    if need_org and LINKEDIN_ORG not in set(orgs["id"].astype(str)):
        frames["orgs"] = pd.concat(
            [
                frames["orgs"],
                pd.DataFrame(
                    [
                        {
                            "id": LINKEDIN_ORG,
                            "name": say("linkedin_org_name", lang=lang),
                            "kind": "other",
                        }
                    ]
                ),
            ],
            ignore_index=True,
        )
    if new_ties:
        frames["ties"] = pd.concat([frames["ties"], pd.DataFrame(new_ties)], ignore_index=True)
    out = RelationshipNetwork.from_frames(
        frames["orgs"],
        frames["people"],
        frames["ties"],
        frames["opportunities"],
        frames["roles"],
        frames["affiliations"],
        frames.get("interactions"),
        settings=net.settings,
    )
    rep = pd.DataFrame(report, columns=list(REPORT_COLUMNS))
    return out, rep


def _tie(
    owner: str, pid: str, kind: str, when: pd.Timestamp | None, label: str, lang: str
) -> dict[str, Any]:
    return {
        "source": owner,
        "target": pid,
        "kind": kind,
        "since": when,
        "note": say("linkedin_tie", owner=label, lang=lang),
    }

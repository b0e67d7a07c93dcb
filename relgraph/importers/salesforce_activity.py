"""Import a Salesforce Task/Event export as relgraph's ``interactions`` table.

The mapping (one Salesforce activity row → one touchpoint):

* ``ActivityDate`` → ``date`` (``ActivityDateTime`` or ``StartDateTime`` when it is blank);
* ``OwnerId`` → ``our_person`` (the user who owns the activity);
* ``WhoId`` → ``their_people`` (a Contact id); with ``TaskWhoIds``/``EventWhoIds``
  (shared activities, several ids) every contact is listed;
* ``Type`` → ``kind`` through relgraph's interaction-kind synonyms (``Call``, ``Email``,
  ``Meeting``, ``Site Visit`` …); when ``Type`` is blank, ``TaskSubtype``/``EventSubtype``
  and then a ``Call:``/``Email:`` prefix of ``Subject`` decide; an unknown value becomes
  ``other`` and is reported;
* ``CallType`` → ``direction`` (``Outbound`` → ours, ``Inbound`` → theirs);
* ``Subject`` → ``subject``; ``Id`` → ``salesforce_id``; every other column is kept,
  lower-cased.

Rows that cannot become a touchpoint (deleted in Salesforce, ``IsDeleted=true``; no
contact, a Lead instead of a Contact, no owner, no or an unreadable date, an id unknown to
the network, an ``Id`` already in the network's log) are not imported and are listed in
the report with the reason: nothing is dropped silently.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from relgraph.checks import check_date, invalid
from relgraph.errors import Problem, Reason, ValidationError
from relgraph.network import RelationshipNetwork
from relgraph.text import message
from relgraph.vocab import INTERACTION_KIND_SYNONYMS, normalize_term

from ._common import (
    DATAFRAME,
    Export,
    extend_network,
    frame_export,
    missing_columns,
    problem,
    read_export,
    without_deleted,
)
from .result import ImportResult, ReportRows

__all__ = ["import_salesforce_activities"]

_FILES = ("task.csv", "tasks.csv", "event.csv", "events.csv")
_REQUIRED = {"whoid": "WhoId", "ownerid": "OwnerId", "activitydate": "ActivityDate"}
_KNOWN = {
    "id",
    "whoid",
    "ownerid",
    "activitydate",
    "activitydatetime",
    "startdatetime",
    "subject",
    "type",
    "tasksubtype",
    "eventsubtype",
    "calltype",
    "taskwhoids",
    "eventwhoids",
    "isdeleted",
}
_BASE = ["date", "our_person", "their_people", "kind", "direction", "issue", "subject"]
_DIRECTION = {"outbound": "ours", "inbound": "theirs"}

Source = str | Path | pd.DataFrame


def _paths(source: str | Path) -> tuple[list[Path], list[Problem]]:
    path = Path(source)
    if not path.is_dir():
        return [path], []
    paths = sorted(p for p in path.iterdir() if p.name.lower() in _FILES)
    if paths:
        return paths, []
    return [], [problem("activity", str(path), Reason.MISSING_TABLE, "imp_act_no_files")]


def _exports(sources: Sequence[Source]) -> list[Export]:
    """Every source as an :class:`Export`; raise every reading and column problem at once."""
    problems: list[Problem] = []
    out: list[Export] = []
    for source in sources:
        if isinstance(source, pd.DataFrame):
            out.append(frame_export(source))
            continue
        paths, found = _paths(source)
        problems += found
        for p in paths:
            export, found = read_export(p, "activity")
            problems += found
            if export is not None:
                out.append(export)
    for export in out:
        problems += missing_columns(
            export, "activity", _REQUIRED, "imp_sf_missing_column", what="Task/Event"
        )
    if problems:
        raise ValidationError(problems)
    return out


def _kind(type_: str, subtype: str, subject: str) -> tuple[str | None, str]:
    """Return (canonical kind or None, the value that decided)."""
    for value in (type_, subtype):
        if value:
            return INTERACTION_KIND_SYNONYMS.get(normalize_term(value)), value
    head = subject.split(":", 1)[0] if ":" in subject else ""
    if head and normalize_term(head) in INTERACTION_KIND_SYNONYMS:
        return INTERACTION_KIND_SYNONYMS[normalize_term(head)], head
    return None, ""


class _Log:
    """What the activities may refer to: the network's people, ours, and its log's ids."""

    def __init__(self, network: RelationshipNetwork | None) -> None:
        self.people = set(network.person_ids) if network is not None else None
        self.ours = set(network.our_people()) if network is not None else set()
        log = network.interactions if network is not None else pd.DataFrame()
        known = log["salesforce_id"].dropna().astype(str) if "salesforce_id" in log else []
        self.ids = set(known) - {""}

    def skip(self, rec: dict[str, Any]) -> tuple[str, str, str, dict[str, Any]] | None:
        """Why a row cannot become a touchpoint: (column, value, template key, values)."""
        who, owner = rec["who"], rec["ownerid"]
        if not who:
            return "WhoId", "", "imp_act_no_contact", {}
        leads = [w for w in who if w.startswith("00Q")]
        if leads:
            return "WhoId", leads[0], "imp_act_lead", {"id": leads[0]}
        if not owner:
            return "OwnerId", "", "imp_act_no_owner", {}
        if pd.isna(rec["when"]):
            return "ActivityDate", rec["date_text"], "imp_act_no_date", {}
        if self.people is not None:
            unknown = [w for w in who if w not in self.people]
            if unknown:
                return "WhoId", unknown[0], "imp_act_unknown", {"id": unknown[0]}
            if owner not in self.ours:
                return "OwnerId", owner, "imp_act_not_ours", {"id": owner}
        if rec["id"] and rec["id"] in self.ids:
            return "Id", rec["id"], "imp_activity_dup", {}
        return None


def _prepare(rec: dict[str, Any]) -> dict[str, Any]:
    """Add the contacts (``who``), the date text and the parsed date (``when``) to a row."""
    multi = rec["taskwhoids"] or rec["eventwhoids"]
    rec["who"] = [w for w in (multi or rec["whoid"]).replace(",", ";").split(";") if w]
    rec["date_text"] = rec["activitydate"] or rec["activitydatetime"] or rec["startdatetime"]
    rec["when"] = pd.to_datetime(rec["date_text"], errors="coerce", format="ISO8601")
    return rec


def _touchpoints(export: Export, log: _Log, report: ReportRows) -> list[dict[str, Any]]:
    """Map the export's rows to touchpoints; report every other row with its reason."""
    export = without_deleted(export, report)
    frame = export.frame
    extra = [c for c in frame.columns if c not in _KNOWN]
    full = frame.assign(**{c: "" for c in _KNOWN if c not in frame.columns})
    out: list[dict[str, Any]] = []
    for row, rec in zip(export.rows, full.to_dict("records"), strict=True):
        rec = _prepare(rec)
        why = log.skip(rec)
        if why is not None:
            column, value, key, values = why
            report.add(
                export.source, row, column, value, "skipped", "row not imported", key, **values
            )
            continue
        subtype = rec["tasksubtype"] or rec["eventsubtype"]
        kind, decided = _kind(rec["type"], subtype, rec["subject"])
        if kind is None:
            key = "imp_act_type_unknown" if decided else "imp_act_no_type"
            report.add(export.source, row, "Type", decided, "changed", "kind set to 'other'", key)
        out.append(
            {
                "date": pd.Timestamp(rec["when"]).strftime("%Y-%m-%d"),
                "our_person": rec["ownerid"],
                "their_people": ";".join(rec["who"]),
                "kind": kind or "other",
                "direction": _DIRECTION.get(normalize_term(rec["calltype"]), ""),
                "issue": "",
                "subject": rec["subject"],
                "salesforce_id": rec["id"],
                **{c: rec[c] for c in extra},
            }
        )
    return out


def import_salesforce_activities(
    source: Source | Sequence[Source],
    *,
    network: RelationshipNetwork | None = None,
    today: _dt.date | str | None = None,
) -> ImportResult:
    """Turn a Salesforce Task/Event export into ``interactions`` rows, with a report.

    Parameters
    ----------
    source : str, Path, DataFrame, or a list of them
        ``Task.csv`` or ``Event.csv`` (API field names as headers), a folder holding
        either or both, a DataFrame with those columns, or several of these.
    network : RelationshipNetwork, optional
        The network the activities belong to (e.g. from
        :func:`relgraph.importers.salesforce.import_salesforce`). Rows naming people it
        does not have, an owner who is not one of ours, or an ``Id`` its interactions log
        already holds (``salesforce_id``) are reported and not imported; the result then
        carries a new network with the interactions added to its log.
    today : datetime.date or str, optional
        Reference date (``YYYY-MM-DD``) for the "not in the future" check of the new
        network (default: today).

    Returns
    -------
    ImportResult
        ``added["interactions"]``: the touchpoints (text values, as a CSV would hold
        them); ``network``: the new network (None without ``network``); ``report``: every
        row not imported and every value not mapped one-to-one (columns
        :data:`~relgraph.importers.result.REPORT_COLUMNS`, ``column`` the API name).

    Raises
    ------
    ValidationError
        When a file is unreadable or lacks ``WhoId``, ``OwnerId`` or ``ActivityDate``
        (every file's problems at once), or the new network does not validate.
    InvalidParameterError
        When ``network`` is not a network or ``today`` not a date.

    Examples
    --------
    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"Id": ["00T1", "00T2", "00T3"], "WhoId": ["003A", "", "00QB"],
    ...     "OwnerId": ["005U", "005U", "005U"], "ActivityDate": ["2026-03-02"] * 3,
    ...     "Subject": ["Call: budget", "Email: deck", "Intro"], "Type": ["", "Email", ""]})
    >>> res = import_salesforce_activities(tasks)
    >>> res.added["interactions"][["date", "our_person", "their_people", "kind"]]
             date our_person their_people  kind
    0  2026-03-02       005U         003A  call
    >>> res.report["why"].tolist()
    ['no contact (WhoId blank): an activity on an account only cannot be tied to a person',
     'WhoId 00QB is a Lead, not a Contact; convert the lead or add the person by hand']
    """
    if network is not None and not isinstance(network, RelationshipNetwork):
        raise invalid("network", network, message("imp_expected_network"))
    day = None if today is None else check_date("today", today)
    sources = [source] if isinstance(source, (str, Path, pd.DataFrame)) else list(source)
    exports = _exports(sources)
    lang = network.settings.language if network is not None else "en"
    report = ReportRows(lang=lang)
    log = _Log(network)
    rows = [tp for export in exports for tp in _touchpoints(export, log, report)]
    table = (
        pd.DataFrame(rows).fillna("") if rows else pd.DataFrame(columns=[*_BASE, "salesforce_id"])
    )
    added = {"interactions": table}
    new = extend_network(network, added, today=day) if network is not None else None
    what = ", ".join(e.source if e.source == DATAFRAME else Path(e.source).name for e in exports)
    return ImportResult(new, report.frame(), added, what, lang)

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
the network) are not imported and are listed in the report with the reason: nothing is
dropped silently.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.read import _read_one_csv
from relgraph.network import RelationshipNetwork
from relgraph.text import say
from relgraph.vocab import INTERACTION_KIND_SYNONYMS, normalize_term

__all__ = ["ActivityImport", "import_salesforce_activities"]

_REPORT_COLUMNS = ["file", "row", "column", "value", "action", "why"]
_FILES = ("task.csv", "tasks.csv", "event.csv", "events.csv")
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
_TRUE = {"true", "1", "yes", "y", "t"}


@dataclass(frozen=True)
class ActivityImport:
    """The result of :func:`import_salesforce_activities`.

    Attributes
    ----------
    interactions : pandas.DataFrame
        The touchpoints as an ``interactions`` table (text values, as a CSV would hold them).
    report : pandas.DataFrame
        ``file, row, column, value, action, why`` for every row not imported and every value
        not mapped one-to-one.
    network : RelationshipNetwork or None
        When a network was given: a new network with these interactions added (validated).

    Examples
    --------
    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"WhoId": ["003A"], "OwnerId": ["005U"],
    ...     "ActivityDate": ["2026-03-02"], "Subject": ["Lunch"], "Type": ["Meeting"]})
    >>> res = import_salesforce_activities(tasks)
    >>> len(res.interactions), len(res.report), res.network is None
    (1, 0, True)
    """

    interactions: pd.DataFrame
    report: pd.DataFrame
    network: RelationshipNetwork | None


def _sources(source: str | Path | pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    if isinstance(source, pd.DataFrame):
        text = source.astype(object).where(source.notna(), "").astype(str)
        text.columns = [str(c).strip().lower() for c in source.columns]
        return [("<DataFrame>", text.reset_index(drop=True))]
    path = Path(source)
    paths = (
        sorted(p for p in path.iterdir() if p.name.lower() in _FILES) if path.is_dir() else [path]
    )
    out: list[tuple[str, pd.DataFrame]] = []
    problems: list[Problem] = []
    for p in paths:
        table, probs = _read_one_csv(p, "activity")
        problems += probs
        if table is not None:
            out.append((str(p), table.frame))
    if not paths:
        problems.append(
            Problem(
                "activity",
                None,
                None,
                "",
                Reason.MISSING_TABLE,
                "no Task.csv or Event.csv in the folder",
                str(path),
            )
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


def import_salesforce_activities(
    source: str | Path | pd.DataFrame,
    *,
    network: RelationshipNetwork | None = None,
    today: _dt.date | None = None,
) -> ActivityImport:
    """Turn a Salesforce Task/Event export into an ``interactions`` table, with a report.

    Parameters
    ----------
    source : str, Path or DataFrame
        ``Task.csv`` or ``Event.csv`` (API field names as headers), a folder holding
        either or both, or a DataFrame with those columns.
    network : RelationshipNetwork, optional
        The network the activities belong to (e.g. from
        :func:`relgraph.importers.salesforce.import_salesforce`). Rows naming people it does not
        have, or an owner who is not one of ours, are reported and not imported; the result
        then carries a new network with the interactions added.
    today : datetime.date, optional
        Reference date for the "not in the future" check of the combined network.

    Returns
    -------
    ActivityImport

    Raises
    ------
    ValidationError
        When a file is unreadable or lacks ``WhoId``, ``OwnerId`` or ``ActivityDate``.

    Examples
    --------
    >>> import pandas as pd
    >>> tasks = pd.DataFrame({"Id": ["00T1", "00T2", "00T3"], "WhoId": ["003A", "", "00QB"],
    ...     "OwnerId": ["005U", "005U", "005U"], "ActivityDate": ["2026-03-02"] * 3,
    ...     "Subject": ["Call: budget", "Email: deck", "Intro"], "Type": ["", "Email", ""]})
    >>> res = import_salesforce_activities(tasks)
    >>> res.interactions[["date", "our_person", "their_people", "kind"]]
      date  our_person their_people  kind
    0  2026-03-02       005U         003A  call
    >>> res.report["why"].tolist()
    ['no contact (WhoId blank): an activity on an account only cannot be tied to a person',
     'WhoId 00QB is a Lead, not a Contact; convert the lead or add the person by hand']
    """
    rows: list[dict[str, str]] = []
    report: list[dict[str, object]] = []
    known_people = set(network.person_ids) if network is not None else None
    ours = set(network.our_people()) if network is not None else None
    lang = network.settings.language if network is not None else "en"
    sources = _sources(source)
    api = {"whoid": "WhoId", "ownerid": "OwnerId", "activitydate": "ActivityDate"}
    lacking = [
        Problem(
            "activity",
            None if name == "<DataFrame>" else 1,
            col,
            "",
            Reason.MISSING_COLUMN,
            f"a Salesforce Task/Event export needs the column {api[col]!r} (API name); export "
            "it again with API field names as headers (e.g. Data Loader) or rename the column",
            name,
        )
        for name, frame in sources
        for col in api
        if col not in frame.columns
    ]
    if lacking:  # every file's missing columns at once
        raise ValidationError(lacking)
    for name, frame in sources:
        first_row = 0 if name == "<DataFrame>" else 2
        extra = [c for c in frame.columns if c not in _KNOWN]
        col = {c: frame[c] if c in frame else pd.Series([""] * len(frame)) for c in _KNOWN}
        for i in range(len(frame)):
            rownum = i + first_row

            def skip(
                column: str, value: str, why: str, rownum: int = rownum, name: str = name
            ) -> None:
                report.append(
                    {
                        "file": name,
                        "row": rownum,
                        "column": column,
                        "value": value,
                        "action": "row not imported",
                        "why": why,
                    }
                )

            deleted = col["isdeleted"].iloc[i]
            if deleted.strip().lower() in _TRUE:
                skip("IsDeleted", deleted, say("imp_deleted", lang=lang))
                continue
            multi = col["taskwhoids"].iloc[i] or col["eventwhoids"].iloc[i]
            who = [w for w in (multi or col["whoid"].iloc[i]).replace(",", ";").split(";") if w]
            owner = col["ownerid"].iloc[i]
            date_text = (
                col["activitydate"].iloc[i]
                or col["activitydatetime"].iloc[i]
                or col["startdatetime"].iloc[i]
            )
            date = pd.to_datetime(date_text, errors="coerce", format="ISO8601")
            if not who:
                skip("WhoId", "", say("imp_act_no_contact", lang=lang))
                continue
            leads = [w for w in who if w.startswith("00Q")]
            if leads:
                skip("WhoId", leads[0], say("imp_act_lead", id=leads[0], lang=lang))
                continue
            if not owner:
                skip("OwnerId", "", say("imp_act_no_owner", lang=lang))
                continue
            if pd.isna(date):
                skip("ActivityDate", date_text, say("imp_act_no_date", lang=lang))
                continue
            if known_people is not None and ours is not None:
                unknown = [w for w in who if w not in known_people]
                if unknown:
                    skip("WhoId", unknown[0], say("imp_act_unknown", id=unknown[0], lang=lang))
                    continue
                if owner not in ours:
                    skip("OwnerId", owner, say("imp_act_not_ours", id=owner, lang=lang))
                    continue
            subject = col["subject"].iloc[i]
            type_ = col["type"].iloc[i]
            sub = col["tasksubtype"].iloc[i] or col["eventsubtype"].iloc[i]
            kind, decided = _kind(type_, sub, subject)
            if kind is None:
                kind = "other"
                report.append(
                    {
                        "file": name,
                        "row": rownum,
                        "column": "Type",
                        "value": decided,
                        "action": "kind set to 'other'",
                        "why": say(
                            "imp_act_type_unknown" if decided else "imp_act_no_type", lang=lang
                        ),
                    }
                )
            call = normalize_term(col["calltype"].iloc[i])
            direction = {"outbound": "ours", "inbound": "theirs"}.get(call, "")
            rec = {
                "date": pd.Timestamp(date).strftime("%Y-%m-%d"),
                "our_person": owner,
                "their_people": ";".join(who),
                "kind": kind,
                "direction": direction,
                "issue": "",
                "subject": subject,
                "salesforce_id": col["id"].iloc[i],
            }
            rec.update({c: frame[c].iloc[i] for c in extra})
            rows.append(rec)
    base = ["date", "our_person", "their_people", "kind", "direction", "issue", "subject"]
    interactions = (
        pd.DataFrame(rows).fillna("") if rows else pd.DataFrame(columns=[*base, "salesforce_id"])
    )
    out_report = pd.DataFrame(report, columns=_REPORT_COLUMNS)
    new_net = None
    if network is not None:
        frames = network.to_frames()
        frames["interactions"] = interactions
        new_net = RelationshipNetwork.from_frames(**frames, settings=network.settings, today=today)
    return ActivityImport(interactions, out_report, new_net)

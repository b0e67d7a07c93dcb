"""Salesforce contacts and users as people: names, orgs, reporting lines, owners."""

from __future__ import annotations

import pandas as pd

from relgraph.errors import Reason

from ._common import Export, fail
from .result import ReportRows

__all__ = ["NO_ACCOUNT", "US_ORG", "owners", "people_of", "reporting_lines"]

#: Id of our own org, which holds the contacts' owners.
US_ORG = "US"
#: Id of the org (kind ``other``) of contacts without an account.
NO_ACCOUNT = "NO_ACCOUNT"

# Real characters (not a raw string): pyarrow's regex engine, behind pandas 3's text
# columns, rejects \u escapes before pyarrow 26.
_CJK = "^[\u3400-\u9fff\uf900-\ufaff]+$"

#: Contact columns the mapping uses; every other one is kept on the person.
_MAPPED = {"id", "accountid", "firstname", "lastname", "title", "department", "reportstoid"}


def full_names(first: pd.Series, last: pd.Series) -> pd.Series:
    """Return ``First Last``, or ``姓名`` (family name first, no space) when both parts are CJK.

    Examples
    --------
    >>> full_names(pd.Series(["Ann", "华"]), pd.Series(["Lee", "方"])).tolist()
    ['Ann Lee', '方华']
    """
    western = (first + " " + last).str.strip()
    cjk = first.str.match(_CJK) & last.str.match(_CJK)
    return western.where(~cjk, last + first)


def people_of(contacts: Export, report: ReportRows) -> pd.DataFrame:
    """Return the contacts as people; a contact without an account goes to :data:`NO_ACCOUNT`."""
    c = contacts.frame
    people = pd.DataFrame(
        {
            "id": c["id"],
            "name": full_names(contacts.column("firstname"), c["lastname"]),
            "org": c["accountid"],
            "title": contacts.column("title"),
            "department": contacts.column("department"),
        }
    )
    for col in c.columns:
        if col not in _MAPPED:
            people[col if col not in people.columns else f"crm_{col}"] = c[col]
    blank = c["accountid"].eq("")
    people.loc[blank, "org"] = NO_ACCOUNT
    for pos in blank.to_numpy().nonzero()[0]:
        report.add(
            contacts.source,
            contacts.rows[pos],
            "AccountId",
            "",
            "changed",
            "org set to NO_ACCOUNT",
            "imp_sf_no_account",
            person=c["id"].iloc[pos],
            org=NO_ACCOUNT,
        )
    return people


def reporting_lines(contacts: Export, report: ReportRows) -> list[dict[str, object]]:
    """Return ``ReportsToId`` as ``reports_to`` ties.

    A manager missing from the export is reported (no tie); one at another account is kept
    and reported.
    """
    c = contacts.frame
    ids = set(c["id"])
    account_of = dict(zip(c["id"], c["accountid"], strict=True))
    ties: list[dict[str, object]] = []
    for pos, (cid, mgr) in enumerate(zip(c["id"], contacts.column("reportstoid"), strict=True)):
        if not mgr:
            continue
        where = (contacts.source, contacts.rows[pos], "ReportsToId", mgr)
        if mgr not in ids:
            report.add(*where, "skipped", "no reports_to tie", "imp_sf_manager_missing", person=cid)
            continue
        ties.append({"source": cid, "target": mgr, "kind": "reports_to"})
        if account_of.get(mgr) != account_of.get(cid):
            report.add(
                *where, "added", "reports_to tie kept", "imp_sf_manager_elsewhere", person=cid
            )
    return ties


def owners(contacts: Export, users: Export | None) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """Return the contacts' owners as our people (named from User.csv), with their covers ties."""
    c = contacts.frame
    owner_of = contacts.column("ownerid")
    ids = sorted(set(owner_of) - {""})
    if not ids:
        return pd.DataFrame(), []
    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    if users is not None:
        full = (users.column("firstname") + " " + users.column("lastname")).str.strip()
        names = dict(zip(users.frame["id"], full, strict=True))
        titles = dict(zip(users.frame["id"], users.column("title"), strict=True))
    clash = sorted(set(ids) & set(c["id"]))
    if clash:
        fail(
            "user",
            contacts.source,
            Reason.DUPLICATE_ID,
            "imp_sf_user_is_contact",
            column="OwnerId",
            value=clash[0],
            id=clash[0],
        )
    ours = pd.DataFrame(
        {
            "id": ids,
            "name": [names.get(o) or o for o in ids],
            "org": US_ORG,
            "title": [titles.get(o, "") for o in ids],
        }
    )
    covers: list[dict[str, object]] = [
        {"source": owner, "target": cid, "kind": "covers"}
        for cid, owner in zip(c["id"], owner_of, strict=True)
        if owner
    ]
    return ours, covers

"""Import a Salesforce export (Accounts, Contacts, OpportunityContactRoles) as relgraph tables.

The mapping (documented in ``docs/salesforce.md`` and tested on a fixture with the real
column names):

* ``Account.csv`` → ``orgs``: ``Id`` → id, ``Name`` → name, ``Type`` → kind
  (``Customer…``/``Prospect`` → customer, ``Competitor`` → competitor,
  ``Partner``/``Reseller``/``Integrator`` → partner, anything else or blank → other, and
  reported).
* ``Contact.csv`` → ``people``: ``Id`` → id, ``FirstName`` + ``LastName`` → name
  (``LastName`` + ``FirstName`` without a space when both are Chinese), ``AccountId`` →
  org, ``Title``, ``Department``; every other column is kept (lower-cased).
  ``ReportsToId`` → a ``reports_to`` tie (a manager at another account is kept and
  reported; a manager missing from the export is reported and no tie is made).
  ``OwnerId`` → one of our people (named from ``User.csv`` when given) with a ``covers`` tie.
* ``OpportunityContactRole.csv`` → ``roles``: ``Role`` through relgraph's role synonyms;
  a value it does not know becomes role ``other``, keeps the original in ``crm_role`` and
  is reported; ``IsPrimary`` → ``is_primary``. Opportunities come from ``Opportunity.csv``
  when given, else one per ``OpportunityId`` with the account most of its contacts belong to.

Rows Salesforce marks ``IsDeleted=true`` (in the recycle bin; a "queryAll" export includes
them) are skipped in every file and listed in the report: a deleted contact is never
imported as a live person with a ``covers`` tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from relgraph.errors import Problem, Reason, ValidationError
from relgraph.io.read import RawTable, _read_one_csv
from relgraph.network import RelationshipNetwork
from relgraph.text import say
from relgraph.vocab import ROLE_SYNONYMS, normalize_term

__all__ = ["SalesforceImport", "import_salesforce"]

US_ORG = "US"
# Real characters (not a raw string): pyarrow's regex engine, behind pandas 3's text
# columns, rejects \u escapes before pyarrow 26.
_CJK = "^[\u3400-\u9fff\uf900-\ufaff]+$"

_FILES = {
    "account": ("account.csv", "accounts.csv"),
    "contact": ("contact.csv", "contacts.csv"),
    "role": ("opportunitycontactrole.csv", "opportunitycontactroles.csv"),
    "opportunity": ("opportunity.csv", "opportunities.csv"),
    "user": ("user.csv", "users.csv"),
}

_REQUIRED = {
    "account": ["id", "name"],
    "contact": ["id", "accountid", "lastname"],
    "role": ["opportunityid", "contactid", "role"],
    "opportunity": ["id", "accountid"],
    "user": ["id"],
}

_REPORT_COLUMNS = ["file", "row", "column", "value", "action", "why"]


@dataclass(frozen=True)
class SalesforceImport:
    """The result of :func:`import_salesforce`.

    Attributes
    ----------
    network : RelationshipNetwork
        The imported, validated network.
    report : pandas.DataFrame
        One row per value that was not mapped one-to-one (``file, row, column, value,
        action, why``); empty when everything mapped cleanly.
    """

    network: RelationshipNetwork
    report: pd.DataFrame


def _account_kind(value: str) -> str | None:
    v = normalize_term(value)
    if v.startswith("customer") or v == "prospect":
        return "customer"
    if v.startswith("competitor"):
        return "competitor"
    if v in {"partner", "reseller", "integrator", "technology partner", "channel partner"}:
        return "partner"
    return None


def _find(folder: Path) -> dict[str, Path]:
    files = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    found = {}
    for key, names in _FILES.items():
        for name in names:
            if name in files:
                found[key] = files[name]
                break
    return found


_TRUE = {"true", "1", "yes", "y", "t"}


def _read(
    path: Path, key: str, problems: list[Problem], report: list[dict[str, object]]
) -> RawTable | None:
    table, probs = _read_one_csv(path, key)
    problems += probs
    if table is None:
        return None
    table = _without_deleted(table, report)
    missing = [c for c in _REQUIRED[key] if c not in table.frame.columns]
    for col in missing:
        problems.append(
            Problem(
                key,
                1,
                col,
                "",
                Reason.MISSING_COLUMN,
                f"a Salesforce {key} export needs the column {col!r} (API name); "
                "export with API field names",
                str(path),
            )
        )
    return None if missing else table


def import_salesforce(folder: str | Path, *, us_name: str = "Our company") -> SalesforceImport:
    r"""Import a folder of Salesforce CSV exports.

    Parameters
    ----------
    folder : str or Path
        A folder with ``Contact.csv`` (required), and optionally ``Account.csv``,
        ``OpportunityContactRole.csv``, ``Opportunity.csv``, ``User.csv`` (file names
        case-insensitive; API field names as column headers).
    us_name : str
        Name of our own org, which holds the contacts' owners.

    Returns
    -------
    SalesforceImport
        The network and a report of every value that was not mapped one-to-one.

    Raises
    ------
    ValidationError
        When a file is missing, unreadable or lacks a required column, or the mapped tables
        do not validate (the problems name the Salesforce file and row).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "Account.csv").write_text("Id,Name,Type\nA1,Acme,Customer - Direct\n")
    >>> _ = (d / "Contact.csv").write_text(
    ...     "Id,AccountId,FirstName,LastName,Title,ReportsToId\n"
    ...     "C1,A1,Ann,Lee,CEO,\nC2,A1,Bo,Wu,CTO,C1\n")
    >>> result = import_salesforce(d)
    >>> result.network
    RelationshipNetwork(2 people, 1 orgs, 1 ties, 0 opportunities)
    >>> len(result.report)
    0
    """
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        raise ValidationError(
            [
                Problem(
                    "contact",
                    None,
                    None,
                    str(folder),
                    Reason.UNREADABLE,
                    "not a folder; give the folder holding the Salesforce CSV exports",
                    str(folder),
                )
            ]
        )
    files = _find(folder)
    if "contact" not in files:
        raise ValidationError(
            [
                Problem(
                    "contact",
                    None,
                    None,
                    "",
                    Reason.MISSING_TABLE,
                    "Contact.csv is missing; export the Contact object with API field names",
                    str(folder / "Contact.csv"),
                )
            ]
        )
    report: list[dict[str, object]] = []
    raw = {key: _read(path, key, problems, report) for key, path in files.items()}
    if problems:
        raise ValidationError(problems)
    contacts = raw["contact"]
    assert contacts is not None
    c = contacts.frame

    # -- orgs
    orgs_rows: list[dict[str, object]] = []
    account_ids = set(c["accountid"]) - {""}
    if raw.get("account") is not None:
        acc = raw["account"]
        assert acc is not None
        a = acc.frame
        types = a["type"] if "type" in a else pd.Series([""] * len(a))
        for pos, (aid, name, typ) in enumerate(zip(a["id"], a["name"], types, strict=True)):
            kind = _account_kind(typ)
            if kind is None:
                kind = "other"
                report.append(
                    _rep(
                        acc,
                        pos,
                        "type",
                        typ,
                        "kind set to 'other'",
                        "account type is not a customer, competitor or partner type",
                    )
                )
            orgs_rows.append({"id": aid, "name": name, "kind": kind, "crm_type": typ})
        known = set(a["id"])
    else:
        known = set()
    for aid in sorted(account_ids - known):
        orgs_rows.append({"id": aid, "name": aid, "kind": "customer", "crm_type": ""})
        report.append(
            {
                "file": str(files["contact"]),
                "row": None,
                "column": "accountid",
                "value": aid,
                "action": "org created as customer",
                "why": "contacts name an account that is not in Account.csv",
            }
        )

    # -- people
    first = c["firstname"] if "firstname" in c else pd.Series([""] * len(c))
    name = _full_names(first, c["lastname"])
    people = pd.DataFrame(
        {
            "id": c["id"],
            "name": name,
            "org": c["accountid"],
            "title": c.get("title", ""),
            "department": c.get("department", ""),
        }
    )
    skip = {"id", "accountid", "firstname", "lastname", "title", "department", "reportstoid"}
    skip.add("__row__")
    for col in c.columns:
        if col not in skip:
            people[col if col not in people.columns else f"crm_{col}"] = c[col]
    blank_org = c["accountid"].eq("")
    if blank_org.any():
        orgs_rows.append(
            {"id": "NO_ACCOUNT", "name": "(no account)", "kind": "other", "crm_type": ""}
        )
        people.loc[blank_org, "org"] = "NO_ACCOUNT"
        for pos in blank_org[blank_org].index:
            report.append(
                _rep(
                    contacts,
                    int(pos),
                    "accountid",
                    "",
                    "org set to NO_ACCOUNT",
                    "the contact has no account",
                )
            )

    # -- reporting lines
    ties_rows: list[dict[str, object]] = []
    contact_ids = set(c["id"])
    account_of = dict(zip(c["id"], c["accountid"], strict=True))
    if "reportstoid" in c:
        for pos, (cid, mgr) in enumerate(zip(c["id"], c["reportstoid"], strict=True)):
            if not mgr:
                continue
            if mgr not in contact_ids:
                report.append(
                    _rep(
                        contacts,
                        pos,
                        "reportstoid",
                        mgr,
                        "no reports_to tie",
                        "the manager is not in Contact.csv",
                    )
                )
                continue
            ties_rows.append({"source": cid, "target": mgr, "kind": "reports_to"})
            if account_of.get(mgr) != account_of.get(cid):
                report.append(
                    _rep(
                        contacts,
                        pos,
                        "reportstoid",
                        mgr,
                        "reports_to tie kept",
                        "the manager belongs to another account",
                    )
                )

    # -- owners: our people with covers ties
    if "ownerid" in c and c["ownerid"].ne("").any():
        users = raw.get("user")
        user_names: dict[str, str] = {}
        user_titles: dict[str, str] = {}
        if users is not None:
            u = users.frame
            fn = u["firstname"] if "firstname" in u else pd.Series([""] * len(u))
            ln = u["lastname"] if "lastname" in u else pd.Series([""] * len(u))
            user_names = dict(zip(u["id"], (fn + " " + ln).str.strip(), strict=True))
            if "title" in u:
                user_titles = dict(zip(u["id"], u["title"], strict=True))
        orgs_rows.append({"id": US_ORG, "name": us_name, "kind": "us", "crm_type": ""})
        owners = sorted(set(c["ownerid"]) - {""})
        our = pd.DataFrame(
            {
                "id": owners,
                "name": [user_names.get(o) or o for o in owners],
                "org": US_ORG,
                "title": [user_titles.get(o, "") for o in owners],
            }
        )
        clash = set(owners) & contact_ids
        if clash:
            raise ValidationError(
                [
                    Problem(
                        "user",
                        None,
                        "id",
                        sorted(clash)[0],
                        Reason.DUPLICATE_ID,
                        "a user id equals a contact id; the exports are inconsistent",
                        str(files["contact"]),
                    )
                ]
            )
        people = pd.concat([people, our], ignore_index=True).fillna("")
        for cid, owner in zip(c["id"], c["ownerid"], strict=True):
            if owner:
                ties_rows.append({"source": owner, "target": cid, "kind": "covers"})

    # -- opportunities and roles
    opps = roles = None
    if raw.get("role") is not None:
        rr = raw["role"]
        assert rr is not None
        r = rr.frame
        crm_role = r["role"]
        mapped = crm_role.map(lambda v: ROLE_SYNONYMS.get(normalize_term(v)))
        for pos in mapped[mapped.isna()].index:
            report.append(
                _rep(
                    rr,
                    int(pos),
                    "role",
                    crm_role.iloc[pos],
                    "role set to 'other'",
                    "not a role relgraph knows; add it to your data as a known "
                    "role or keep 'other'",
                )
            )
        roles = pd.DataFrame(
            {
                "opportunity": r["opportunityid"],
                "person": r["contactid"],
                "role": mapped.fillna("other"),
                "crm_role": crm_role,
                "is_primary": r.get("isprimary", ""),
            }
        )
        missing_contact = ~roles["person"].isin(contact_ids)
        for pos in missing_contact[missing_contact].index:
            report.append(
                _rep(
                    rr,
                    int(pos),
                    "contactid",
                    roles.at[pos, "person"],
                    "role row skipped",
                    "the contact is not in Contact.csv",
                )
            )
        roles = roles[~missing_contact].reset_index(drop=True)
        if raw.get("opportunity") is not None:
            ro = raw["opportunity"]
            assert ro is not None
            o = ro.frame
            opps = pd.DataFrame(
                {"id": o["id"], "account": o["accountid"], "name": o.get("name", "")}
            )
        else:
            acct = roles.assign(account=roles["person"].map(account_of))
            top = acct.groupby("opportunity")["account"].agg(lambda s: s.value_counts().index[0])
            opps = pd.DataFrame({"id": top.index, "account": top.to_numpy(), "name": ""})
        orgs_kind = {str(row["id"]): row["kind"] for row in orgs_rows}
        for i, acc_id in opps["account"].items():
            if orgs_kind.get(acc_id) not in (None, "customer"):
                for row in orgs_rows:
                    if row["id"] == acc_id:
                        row["kind"] = "customer"
                report.append(
                    {
                        "file": "",
                        "row": None,
                        "column": "account",
                        "value": acc_id,
                        "action": "org kind set to customer",
                        "why": f"opportunity {opps.at[i, 'id']} is at this account",
                    }
                )

    orgs = pd.DataFrame(orgs_rows, columns=["id", "name", "kind", "crm_type"])
    ties = pd.DataFrame(ties_rows, columns=["source", "target", "kind"])
    side = _side_of(people, orgs)
    ties, roles = _keep_to_sides(ties, roles, side, report, str(files["contact"]))
    net = RelationshipNetwork.from_frames(orgs, people, ties, opps, roles)
    return SalesforceImport(net, pd.DataFrame(report, columns=_REPORT_COLUMNS))


def _side_of(people: pd.DataFrame, orgs: pd.DataFrame) -> dict[str, str]:
    """Person id → the kind of their org."""
    kind = dict(zip(orgs["id"].astype(str), orgs["kind"].astype(str), strict=True))
    return {str(p): kind.get(str(o), "") for p, o in zip(people["id"], people["org"], strict=True)}


def _keep_to_sides(
    ties: pd.DataFrame,
    roles: pd.DataFrame | None,
    side: dict[str, str],
    report: list[dict[str, object]],
    contact_file: str,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Leave out (and report) what relgraph refuses across sides.

    A reporting line between a competitor's contact and a customer's (or partner's), and a
    buying role held by a competitor's contact, are CRM data a relgraph dataset cannot
    hold (see :mod:`relgraph.io.consistency`).
    """
    sides = ("us", "competitor")
    ks, kt = ties["source"].map(side), ties["target"].map(side)
    across = ties["kind"].eq("reports_to") & ks.ne(kt) & (ks.isin(sides) | kt.isin(sides))
    for pos in across[across].index:
        report.append(
            {
                "file": contact_file,
                "row": None,
                "column": "reportstoid",
                "value": f"{ties['source'].iloc[pos]} → {ties['target'].iloc[pos]}",
                "action": "no reports_to tie",
                "why": say("imp_sf_across_sides", contact=ks[pos], manager=kt[pos]),
            }
        )
    if roles is not None:
        held = roles["person"].map(side).isin(sides)
        for pos in held[held].index:
            report.append(
                {
                    "file": "",
                    "row": None,
                    "column": "contactid",
                    "value": roles.at[pos, "person"],
                    "action": "role row skipped",
                    "why": say("imp_sf_role_competitor"),
                }
            )
        roles = roles[~held].reset_index(drop=True)
    return ties[~across].reset_index(drop=True), roles


def _without_deleted(table: RawTable, report: list[dict[str, object]]) -> RawTable:
    """Drop the rows Salesforce marks ``IsDeleted`` (the recycle bin), reporting each one.

    The rows kept remember their row in the file (column ``__row__``) for the report.
    """
    frame = table.frame
    rows = pd.Series(range(table.first_row, table.first_row + len(frame)), dtype="int64")
    if "isdeleted" not in frame.columns:
        return table
    deleted = frame["isdeleted"].astype(str).str.strip().str.lower().isin(_TRUE).to_numpy()
    for pos in deleted.nonzero()[0]:
        report.append(
            {
                "file": table.source,
                "row": int(rows.iloc[pos]),
                "column": "isdeleted",
                "value": str(frame["isdeleted"].iloc[pos]),
                "action": say("imp_deleted_action"),
                "why": say("imp_deleted"),
            }
        )
    kept = frame.loc[~deleted].drop(columns=["isdeleted"]).reset_index(drop=True)
    kept["__row__"] = rows[~deleted].to_numpy()
    return RawTable(table.name, kept, table.source, table.first_row)


def _full_names(first: pd.Series, last: pd.Series) -> pd.Series:
    """``First Last``, or ``姓名`` (family name first, no space) when both parts are CJK."""
    western = (first + " " + last).str.strip()
    cjk = first.str.match(_CJK) & last.str.match(_CJK)
    return western.where(~cjk, last + first)


def _rep(
    table: RawTable, pos: int, column: str, value: object, action: str, why: str
) -> dict[str, object]:
    rows = table.frame["__row__"] if "__row__" in table.frame.columns else None
    return {
        "file": table.source,
        "row": int(rows.iloc[pos]) if rows is not None else pos + table.first_row,
        "column": column,
        "value": value,
        "action": action,
        "why": why,
    }

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

from pathlib import Path

import pandas as pd

from relgraph.checks import invalid
from relgraph.errors import Problem, Reason, ValidationError
from relgraph.network import RelationshipNetwork
from relgraph.text import message, say
from relgraph.vocab import ROLE_SYNONYMS, normalize_term

from ._common import Export, fail, missing_columns, read_export, without_deleted
from ._salesforce_people import NO_ACCOUNT, US_ORG, owners, people_of, reporting_lines
from .result import ImportResult, ReportRows

__all__ = ["import_salesforce"]

_FILES = {
    "account": ("account.csv", "accounts.csv"),
    "contact": ("contact.csv", "contacts.csv"),
    "role": ("opportunitycontactrole.csv", "opportunitycontactroles.csv"),
    "opportunity": ("opportunity.csv", "opportunities.csv"),
    "user": ("user.csv", "users.csv"),
}

#: Required columns of each export: lower-cased name → Salesforce API name.
_REQUIRED = {
    "account": {"id": "Id", "name": "Name"},
    "contact": {"id": "Id", "accountid": "AccountId", "lastname": "LastName"},
    "role": {"opportunityid": "OpportunityId", "contactid": "ContactId", "role": "Role"},
    "opportunity": {"id": "Id", "accountid": "AccountId"},
    "user": {"id": "Id"},
}

#: The Salesforce object each export holds, for messages.
_OBJECTS = {
    "account": "Account",
    "contact": "Contact",
    "role": "OpportunityContactRole",
    "opportunity": "Opportunity",
    "user": "User",
}

_PARTNER_TYPES = {"partner", "reseller", "integrator", "technology partner", "channel partner"}


def _account_kind(value: str) -> str | None:
    v = normalize_term(value)
    if v.startswith("customer") or v == "prospect":
        return "customer"
    if v.startswith("competitor"):
        return "competitor"
    return "partner" if v in _PARTNER_TYPES else None


def _files(folder: Path) -> dict[str, Path]:
    """Find the exports in ``folder`` (names case-insensitive); Contact.csv is required."""
    if not folder.is_dir():
        fail("contact", str(folder), Reason.UNREADABLE, "imp_sf_not_folder", path=str(folder))
    files = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    found = {
        key: files[name]
        for key, names in _FILES.items()
        for name in names[::-1]  # the singular name wins when both exist
        if name in files
    }
    if "contact" not in found:
        fail("contact", str(folder / "Contact.csv"), Reason.MISSING_TABLE, "imp_sf_no_contacts")
    return found


def _read_all(files: dict[str, Path], report: ReportRows) -> dict[str, Export]:
    """Read every export (deleted rows reported and left out); raise all problems at once."""
    problems: list[Problem] = []
    out: dict[str, Export] = {}
    for key, path in files.items():
        export, found = read_export(path, key)
        problems += found
        if export is None:
            continue
        export = without_deleted(export, report)
        lacking = missing_columns(
            export, key, _REQUIRED[key], "imp_sf_missing_column", what=_OBJECTS[key]
        )
        problems += lacking
        if not lacking:
            out[key] = export
    if problems:
        raise ValidationError(problems)
    return out


def _orgs(raw: dict[str, Export], report: ReportRows) -> list[dict[str, object]]:
    """Accounts as orgs; an account the contacts name but Account.csv lacks is created."""
    rows: list[dict[str, object]] = []
    acc = raw.get("account")
    if acc is not None:
        a = acc.frame
        for pos, (aid, name, typ) in enumerate(
            zip(a["id"], a["name"], acc.column("type"), strict=True)
        ):
            kind = _account_kind(typ)
            if kind is None:
                kind = "other"
                report.add(
                    acc.source,
                    acc.rows[pos],
                    "Type",
                    typ,
                    "changed",
                    "kind set to 'other'",
                    "imp_sf_type_other",
                )
            rows.append({"id": aid, "name": name, "kind": kind, "crm_type": typ})
    contacts = raw["contact"]
    known = set(acc.frame["id"]) if acc is not None else set()
    for aid in sorted(set(contacts.frame["accountid"]) - {""} - known):
        rows.append({"id": aid, "name": aid, "kind": "customer", "crm_type": ""})
        report.add(
            contacts.source,
            None,
            "AccountId",
            aid,
            "added",
            "org created as customer",
            "imp_sf_account_created",
        )
    return rows


def _roles(raw: dict[str, Export], report: ReportRows) -> pd.DataFrame | None:
    """Contact roles through relgraph's role synonyms (an unknown role → ``other``)."""
    rr = raw.get("role")
    if rr is None:
        return None
    r = rr.frame
    crm_role = r["role"]
    mapped = crm_role.map(lambda v: ROLE_SYNONYMS.get(normalize_term(v)))
    contact_ids = set(raw["contact"].frame["id"])
    keep = []
    for pos, (person, role, known) in enumerate(
        zip(r["contactid"], crm_role, mapped.notna(), strict=True)
    ):
        if not known:
            report.add(
                rr.source,
                rr.rows[pos],
                "Role",
                role,
                "changed",
                "role set to 'other'",
                "imp_sf_role_unknown",
                person=person,
            )
        if person not in contact_ids:
            report.add(
                rr.source,
                rr.rows[pos],
                "ContactId",
                person,
                "skipped",
                "role row skipped",
                "imp_sf_role_no_contact",
                person=person,
            )
        keep.append(person in contact_ids)
    roles = pd.DataFrame(
        {
            "opportunity": r["opportunityid"],
            "person": r["contactid"],
            "role": mapped.fillna("other"),
            "crm_role": crm_role,
            "is_primary": rr.column("isprimary"),
        }
    )
    return roles[keep].reset_index(drop=True)


def _opportunities(
    raw: dict[str, Export],
    roles: pd.DataFrame,
    orgs: list[dict[str, object]],
    report: ReportRows,
) -> pd.DataFrame:
    """Opportunity.csv, else one opportunity per role's OpportunityId at its main account.

    An opportunity's account becomes a customer (reported when it was another kind).
    """
    ro = raw.get("opportunity")
    if ro is not None:
        o = ro.frame
        opps = pd.DataFrame({"id": o["id"], "account": o["accountid"], "name": ro.column("name")})
    else:
        c = raw["contact"].frame
        account_of = dict(zip(c["id"], c["accountid"], strict=True))
        acct = roles.assign(account=roles["person"].map(account_of))
        top = acct.groupby("opportunity")["account"].agg(lambda s: s.value_counts().index[0])
        opps = pd.DataFrame({"id": top.index, "account": top.to_numpy(), "name": ""})
    by_id = {str(row["id"]): row for row in orgs}
    for opp, acc_id in zip(opps["id"], opps["account"], strict=True):
        org = by_id.get(acc_id)
        if org is not None and org["kind"] != "customer":
            org["kind"] = "customer"
            report.add(
                "",
                None,
                "AccountId",
                acc_id,
                "changed",
                "org kind set to customer",
                "imp_sf_opportunity_account",
                opportunity=opp,
            )
    return opps


def _keep_to_sides(
    ties: pd.DataFrame,
    roles: pd.DataFrame | None,
    side: dict[str, str],
    report: ReportRows,
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
        source, target = ties["source"].iloc[pos], ties["target"].iloc[pos]
        report.add(
            contact_file,
            None,
            "ReportsToId",
            f"{source} → {target}",
            "skipped",
            "no reports_to tie",
            "imp_sf_across_sides",
            person=source,
            contact=ks[pos],
            manager=kt[pos],
        )
    if roles is not None:
        held = roles["person"].map(side).isin(sides)
        for person in roles.loc[held, "person"]:
            report.add(
                "",
                None,
                "ContactId",
                person,
                "skipped",
                "role row skipped",
                "imp_sf_role_competitor",
                person=person,
            )
        roles = roles[~held].reset_index(drop=True)
    return ties[~across].reset_index(drop=True), roles


def _side_of(people: pd.DataFrame, orgs: pd.DataFrame) -> dict[str, str]:
    """Person id → the kind of their org."""
    kind = dict(zip(orgs["id"].astype(str), orgs["kind"].astype(str), strict=True))
    return {str(p): kind.get(str(o), "") for p, o in zip(people["id"], people["org"], strict=True)}


def import_salesforce(folder: str | Path, *, us_name: str = "Our company") -> ImportResult:
    r"""Import a folder of Salesforce CSV exports.

    Parameters
    ----------
    folder : str or Path
        A folder with ``Contact.csv`` (required), and optionally ``Account.csv``,
        ``OpportunityContactRole.csv``, ``Opportunity.csv``, ``User.csv`` (file names
        case-insensitive; API field names as column headers).
    us_name : str
        Name of our own org, which holds the contacts' owners (not blank).

    Returns
    -------
    ImportResult
        ``network``: the imported, validated network; ``added``: its tables; ``report``:
        every row not imported (deleted in Salesforce, a role of an unknown contact …)
        and every value not mapped one-to-one (columns
        :data:`~relgraph.importers.result.REPORT_COLUMNS`, ``column`` the API name).

    Raises
    ------
    ValidationError
        When a file is missing, unreadable or lacks a required column, or the mapped tables
        do not validate (the problems name the Salesforce file, row and column).
    InvalidParameterError
        When ``us_name`` is blank or not text.

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
    us_name = _check_name("us_name", us_name)
    folder = Path(folder)
    report = ReportRows()
    raw = _read_all(_files(folder), report)
    contacts = raw["contact"]
    orgs_rows = _orgs(raw, report)
    people = people_of(contacts, report)
    if people["org"].eq(NO_ACCOUNT).any():
        name = say("imp_sf_no_account_org")
        orgs_rows.append({"id": NO_ACCOUNT, "name": name, "kind": "other", "crm_type": ""})
    ties_rows = reporting_lines(contacts, report)
    ours, covers = owners(contacts, raw.get("user"))
    if len(ours):
        orgs_rows.append({"id": US_ORG, "name": us_name, "kind": "us", "crm_type": ""})
        people = pd.concat([people, ours], ignore_index=True).fillna("")
        ties_rows += covers
    roles = _roles(raw, report)
    opps = _opportunities(raw, roles, orgs_rows, report) if roles is not None else None
    orgs = pd.DataFrame(orgs_rows, columns=["id", "name", "kind", "crm_type"])
    ties = pd.DataFrame(ties_rows, columns=["source", "target", "kind"])
    ties, roles = _keep_to_sides(ties, roles, _side_of(people, orgs), report, contacts.source)
    net = RelationshipNetwork.from_frames(orgs, people, ties, opps, roles)
    added = {k: v for k, v in net.to_frames().items() if len(v)}
    return ImportResult(net, report.frame(), added, str(folder), net.settings.language)


def _check_name(name: str, value: object) -> str:
    """``value`` as stripped, non-blank text, else an InvalidParameterError."""
    if not isinstance(value, str) or not value.strip():
        raise invalid(name, value, message("imp_expected_name"))
    return value.strip()

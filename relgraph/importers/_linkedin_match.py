"""Match LinkedIn connections to a network's people (by URL, e-mail, or name and company)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from relgraph.network import RelationshipNetwork

__all__ = ["Matcher", "ties_of"]


def norm_url(value: object) -> str:
    """Return a LinkedIn URL without scheme, ``www.``, query, fragment and trailing slash.

    Examples
    --------
    >>> norm_url("https://www.LinkedIn.com/in/ana/?trk=x")
    'linkedin.com/in/ana'
    """
    text = str(value or "").strip().lower()
    text = re.sub(r"^https?://", "", text)
    text = re.sub(r"^www\.", "", text)
    text = text.split("?")[0].split("#")[0]
    return text.rstrip("/")


def norm(value: object) -> str:
    """Text compared case-insensitively, with runs of white space as one space."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return " ".join(str(value).split()).casefold()


def _index(
    keys: Iterable[object], ids: np.ndarray, normalise: Callable[[object], str]
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pid, value in zip(ids, keys, strict=True):
        key = normalise(value if isinstance(value, str) else "")
        if key:
            out.setdefault(key, []).append(pid)
    return out


class Matcher:
    """The network's people indexed by LinkedIn URL, e-mail, name, and their org's names."""

    def __init__(self, net: RelationshipNetwork) -> None:
        people, orgs = net.people, net.orgs
        ids = people["id"].astype(str).to_numpy()
        self.url_column = next((c for c in ("linkedin", "url") if c in people.columns), None)
        self.by_url = _index(people[self.url_column], ids, norm_url) if self.url_column else {}
        self.by_email = _index(people["email"], ids, norm) if "email" in people.columns else {}
        self.by_name: dict[str, list[str]] = {}
        for pid, name, en in zip(ids, people["name"], people["name_en"], strict=True):
            for nm in {norm(name), norm(en)} - {""}:
                self.by_name.setdefault(nm, []).append(pid)
        self.org_names: dict[str, set[str]] = {}
        self.company_to_org: dict[str, str] = {}
        for oid, name, en in zip(
            orgs["id"].astype(str), orgs["name"], orgs["name_en"], strict=True
        ):
            self.org_names[oid] = {x for x in (norm(name), norm(en)) if x}
            for nm in self.org_names[oid]:
                self.company_to_org.setdefault(nm, oid)
        self.org_of = dict(zip(ids, people["org"].astype(str), strict=True))

    def match(self, rec: dict[str, str]) -> tuple[list[str], str, str]:
        """Return the people a connection matches, how, and the LinkedIn column that matched.

        How is ``url``, ``email``, ``name+company`` or blank; the column is blank for a
        name match or none.
        """
        url, email = norm_url(rec["URL"]), norm(rec["Email Address"])
        if url and url in self.by_url:
            return self.by_url[url], "url", "URL"
        if email and email in self.by_email:
            return self.by_email[email], "email", "Email Address"
        first, last = rec["First Name"], rec["Last Name"]
        names = {norm(f"{first} {last}"), norm(f"{last} {first}"), norm(f"{last}{first}")}
        candidates = sorted({pid for nm in names - {""} for pid in self.by_name.get(nm, [])})
        company = norm(rec["Company"])
        hits = [
            pid
            for pid in candidates
            if company and company in self.org_names.get(self.org_of[pid], set())
        ]
        return hits, ("name+company" if hits else ""), ""

    def org_of_company(self, company: str) -> str | None:
        """Return the org whose name or English name is ``company``, if any."""
        return self.company_to_org.get(norm(company))


def ties_of(net: RelationshipNetwork, person: str) -> dict[str, str]:
    """Return the people ``person`` already has a tie with → the kind of the first tie."""
    tied: dict[str, str] = {}
    for s, t, k in net.ties[["source", "target", "kind"]].astype(str).itertuples(index=False):
        if s == person:
            tied.setdefault(t, k)
        elif t == person:
            tied.setdefault(s, k)
    return tied

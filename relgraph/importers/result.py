"""What every importer returns: :class:`ImportResult` (the new network and a row-by-row report).

Every importer (LinkedIn connections, a Salesforce export, Salesforce activities) returns
the same shape, so that a notebook, the command line and a test read an import the same
way: ``result.network`` is the new network, ``result.added`` the rows the import added per
table, and ``result.report`` one row per input row (or value) that was not taken over
one-to-one, with a plain-language ``why``. Nothing the user gave is dropped silently: a
row that was not imported is in the report with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from relgraph.io.html_table import html_result, html_table
from relgraph.network import RelationshipNetwork
from relgraph.text import say, term

__all__ = ["OUTCOMES", "REPORT_COLUMNS", "ImportResult", "ReportRows"]

#: The columns every import report starts with, in this order.
REPORT_COLUMNS: tuple[str, ...] = (
    "source",
    "row",
    "column",
    "value",
    "outcome",
    "action",
    "person",
    "why",
)

#: The values of the report's ``outcome`` column: taken over as given, taken over with a
#: value changed (or a missing record created), or not imported.
OUTCOMES: tuple[str, ...] = ("added", "changed", "skipped")


class ReportRows:
    """Collects the rows of an import report (:data:`REPORT_COLUMNS` plus any ``extra``).

    Parameters
    ----------
    extra : sequence of str
        Importer-specific columns that follow the shared ones (LinkedIn's names, company …).
    lang : str
        Language of the ``why`` sentences.

    Examples
    --------
    >>> rows = ReportRows()
    >>> rows.add("Task.csv", 4, "OwnerId", "", "skipped", "row not imported",
    ...          "imp_act_no_owner")
    >>> rows.frame()[["row", "outcome", "why"]]
       row  outcome                        why
    0    4  skipped  no owner (OwnerId blank)
    """

    def __init__(self, extra: tuple[str, ...] = (), *, lang: str = "en") -> None:
        self.columns = (*REPORT_COLUMNS, *extra)
        self.lang = lang
        self._rows: list[dict[str, Any]] = []

    def add(
        self,
        source: str,
        row: int | None,
        column: str,
        value: object,
        outcome: str,
        action: str,
        why: str,
        /,
        *,
        person: str = "",
        details: Mapping[str, Any] | None = None,
        **values: Any,
    ) -> None:
        """Add one row.

        ``why`` is a template key of :mod:`relgraph.text` filled with ``values``;
        ``details`` fills the ``extra`` columns.
        """
        assert outcome in OUTCOMES, outcome
        self._rows.append(
            {
                "source": source,
                "row": row,
                "column": column,
                "value": value,
                "outcome": outcome,
                "action": action,
                "person": person,
                "why": say(why, lang=self.lang, **values),
                **(details or {}),
            }
        )

    def __len__(self) -> int:
        return len(self._rows)

    def frame(self) -> pd.DataFrame:
        """Return the report as a DataFrame (``row`` as nullable integers)."""
        out = pd.DataFrame(self._rows, columns=list(self.columns))
        out["row"] = out["row"].astype("Int64")
        return out


@dataclass(frozen=True)
class ImportResult:
    """The result of every importer: the new network, the rows added, and the report.

    Attributes
    ----------
    network : RelationshipNetwork or None
        The new, validated network (the input network is never changed). None only for
        :func:`~relgraph.importers.salesforce_activity.import_salesforce_activities` called
        without a network.
    report : pandas.DataFrame
        One row per input row or value that was not taken over one-to-one (LinkedIn: one
        row per connection). Columns :data:`REPORT_COLUMNS` — ``source`` (file),
        ``row`` (as a spreadsheet or editor shows it), ``column``, ``value`` (as given),
        ``outcome`` (one of :data:`OUTCOMES`), ``action`` (a stable code such as
        ``row not imported``), ``person`` (the person it concerns, when known), ``why``
        (a sentence in the network's language) — then any importer-specific columns.
    added : Mapping of str to pandas.DataFrame
        The rows the import added, per table (``people``, ``ties``, ``interactions`` …).
    source : str
        What was imported (the file or folder, ``<DataFrame>``), for the summary.
    language : str
        Language of the summary.

    Examples
    --------
    >>> import pandas as pd
    >>> import relgraph as rg
    >>> tasks = pd.DataFrame({"WhoId": ["003A", ""], "OwnerId": ["005U", "005U"],
    ...     "ActivityDate": ["2026-03-02", "2026-03-03"], "Type": ["Meeting", "Call"]})
    >>> result = rg.import_salesforce_activities(tasks)
    >>> result
    ImportResult(<DataFrame>: 1 interactions added; 0 value(s) changed, 1 row(s) skipped)
    >>> result.counts()
    {'added': 0, 'changed': 0, 'skipped': 1}
    """  # noqa: E501

    network: RelationshipNetwork | None
    report: pd.DataFrame
    added: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    source: str = ""
    language: str = "en"

    def counts(self) -> dict[str, int]:
        """Report rows per :data:`OUTCOMES` value."""
        found = self.report["outcome"].value_counts()
        return {o: int(found.get(o, 0)) for o in OUTCOMES}

    @property
    def skipped(self) -> pd.DataFrame:
        """The report rows of input that was not imported."""
        return self.report[self.report["outcome"].eq("skipped")].reset_index(drop=True)

    def summary(self) -> str:
        """One sentence: what was added, how many values changed and rows were skipped."""
        sep = say("list_sep", lang=self.language)
        parts = sep.join(
            f"{len(rows)} {term('table', table, lang=self.language)}"
            for table, rows in self.added.items()
            if len(rows)
        )
        counts = self.counts()
        return say(
            "imp_summary",
            source=self.source,
            added=parts or say("imp_nothing_added", lang=self.language),
            changed=counts["changed"],
            skipped=counts["skipped"],
            lang=self.language,
        )

    def __repr__(self) -> str:
        return f"ImportResult({self.summary()})"

    def _repr_html_(self) -> str:
        lang = self.language
        facts = [repr(self.network)] if self.network is not None else []
        tables = [
            (
                say("repr_caption_added", what=term("table", name, lang=lang), lang=lang),
                html_table(frame, lang=lang),
            )
            for name, frame in self.added.items()
            if len(frame)
        ]
        tables.append((say("repr_caption_report", lang=lang), html_table(self.report, lang=lang)))
        return html_result(self.summary(), facts=facts, tables=tables)

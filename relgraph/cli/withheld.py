"""Personal data in terminal and JSON output: left out by default, counted, opted into.

The command line follows the share policy of every shared file
(:func:`relgraph.privacy.share_policy`): a person known only through sensitive ties (a
spouse, a neighbour) is neither listed nor named unless ``--include-sensitive`` is given,
and the output says what it left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from relgraph.text import say

if TYPE_CHECKING:
    from relgraph.network import RelationshipNetwork
    from relgraph.privacy import SharePolicy

__all__ = ["Withheld", "withheld"]


@dataclass(frozen=True)
class Withheld:
    """Who a default output leaves out, and how to say so.

    Attributes
    ----------
    ids : frozenset of str
        The people left out (known only through sensitive ties).
    names : tuple of str
        Their labels and names, longest first, to take out of any text.
    policy : SharePolicy
        The share policy they come from (counts of ties, people and affiliations).
    lang : str
        The language of the notes.
    """

    ids: frozenset[str]
    names: tuple[str, ...]
    policy: SharePolicy
    lang: str

    def rows(self, frame: pd.DataFrame, columns: Sequence[str] = ("person",)) -> pd.DataFrame:
        """``frame`` without rows about a withheld person, their names taken out of texts."""
        if not self.ids or frame.empty:
            return frame
        keep = pd.Series(True, index=frame.index)
        for col in columns:
            if col in frame.columns:
                keep &= ~frame[col].map(self._mentions)
        out = frame.loc[keep].copy()
        placeholder = say("cli_withheld_person", lang=self.lang)
        for col in out.columns:
            if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                out[col] = out[col].map(lambda v: self._scrub(v, placeholder))
        return out

    def people(self, ids: Iterable[str]) -> list[str]:
        """``ids`` without the withheld people."""
        return [i for i in ids if i not in self.ids]

    def _mentions(self, value: object) -> bool:
        if isinstance(value, (list, tuple, set, frozenset)):
            return any(str(v) in self.ids for v in value)
        if isinstance(value, str):
            return any(part.strip() in self.ids for part in value.split(";"))
        return False

    def _scrub(self, value: object, placeholder: str) -> object:
        if not isinstance(value, str):
            return value
        for name in self.names:
            if name in value:
                value = value.replace(name, placeholder)
        return value

    def note(self) -> str | None:
        """Return what the output left out and how to include it; None when nothing."""
        p = self.policy
        if p.include_sensitive:
            return say("cli_sensitive_included", lang=self.lang)
        parts = [
            say(key, lang=self.lang, n=n)
            for key, n in (
                ("cli_sensitive_ties", p.hidden_ties),
                ("cli_sensitive_people", p.hidden_people),
                ("cli_sensitive_affiliations", p.hidden_affiliations),
            )
            if n
        ]
        if not parts:
            return None
        what = say("list_sep", lang=self.lang).join(parts)
        return say("cli_sensitive_left_out", lang=self.lang, what=what)

    def summary(self) -> dict[str, object]:
        """Return the same for JSON output: the counts, the opt-in and the note."""
        p = self.policy
        return {
            "include_sensitive": p.include_sensitive,
            "people_withheld": p.hidden_people,
            "sensitive_ties_withheld": p.hidden_ties,
            "sensitive_affiliations_withheld": p.hidden_affiliations,
            "note": self.note() or "",
        }


def withheld(net: RelationshipNetwork, *, include_sensitive: bool) -> Withheld:
    """Decide what the command's output leaves out (see :func:`relgraph.privacy.share_policy`)."""
    from relgraph.privacy import share_policy

    policy = share_policy(net, include_sensitive=include_sensitive)
    ids = frozenset(net.person_ids[~policy.people].astype(str))
    people = net.people.set_index(net.people["id"].astype(str))
    names: set[str] = set()
    for pid in ids:
        names.add(net.label(pid))
        for col in ("name", "name_en"):
            if col in people.columns and isinstance(people.at[pid, col], str):
                names.add(people.at[pid, col])
    ordered = tuple(sorted((n for n in names if n.strip()), key=len, reverse=True))
    return Withheld(ids, ordered, policy, net.settings.language)

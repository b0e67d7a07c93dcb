"""Render the data-format reference (``docs/data-format.md``) from the schemas.

Run ``python -m relgraph.io.reference > docs/data-format.md`` after changing a schema or a
vocabulary; a test checks that the file is up to date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from relgraph.io.schema import SCHEMAS, Column

__all__ = ["render_reference"]

_TYPE_TEXT = {
    "str": "text",
    "term": "word",
    "int": "whole number",
    "float": "number",
    "bool": "true/false",
    "date": "date (YYYY-MM-DD)",
    "list": "';'-separated ids",
}


def _synonyms(vocab: Mapping[str, str]) -> dict[str, list[str]]:
    words: dict[str, list[str]] = defaultdict(list)
    for word, canonical in vocab.items():
        if word != canonical.replace("_", " ") and word != canonical:
            words[canonical].append(word)
    return words


def _rules(col: Column) -> str:
    parts = []
    if col.required:
        parts.append("required column")
    if col.nonblank:
        parts.append("no blanks")
    if col.unique:
        parts.append("unique")
    if col.lo is not None or col.hi is not None:
        lo = "" if col.lo is None else f"{col.lo:g}"
        hi = "" if col.hi is None else f"{col.hi:g}"
        parts.append(f"range {lo}..{hi}")
    if col.ref:
        parts.append(f"must name an id in `{col.ref}`")
    return "; ".join(parts)


def render_reference() -> str:
    """Return the data-format reference as Markdown.

    Examples
    --------
    >>> text = render_reference()
    >>> "## `people`" in text and "决定者" in text
    True
    """
    out = [
        "# Data format",
        "",
        "Generated from `relgraph/io/schema.py` and `relgraph/vocab.py` by "
        "`python -m relgraph.io.reference`; do not edit by hand.",
        "",
        "A dataset is a folder with one CSV file per table (`people.csv` …), an Excel workbook "
        "with one sheet per table, or pandas DataFrames. Column names are case-insensitive; "
        "unknown columns are kept as attributes. Rows in error messages are numbered as a "
        "spreadsheet shows them (the header is row 1); for DataFrames, by position from 0.",
        "",
    ]
    vocabularies: dict[str, Mapping[str, str]] = {}
    for schema in SCHEMAS.values():
        need = "required" if schema.required else "optional"
        out += [f"## `{schema.name}` ({need})", "", schema.doc, ""]
        out += ["| column | type | rules | meaning |", "| --- | --- | --- | --- |"]
        for col in schema.columns:
            out.append(f"| `{col.name}` | {_TYPE_TEXT[col.type]} | {_rules(col)} | {col.doc} |")
        if schema.key:
            out += ["", f"Each ({', '.join(schema.key)}) may appear only once."]
        out.append("")
        for col in schema.columns:
            if col.vocab is not None:
                vocabularies[f"{schema.name}.{col.name}"] = col.vocab
    out += ["## Vocabularies", "", "Accepted words, case- and separator-insensitive.", ""]
    for where, vocab in vocabularies.items():
        out += [f"### `{where}`", "", "| value | also accepted |", "| --- | --- |"]
        syn = _synonyms(vocab)
        for canonical in sorted(set(vocab.values())):
            also = ", ".join(sorted(syn.get(canonical, []))) or "—"
            out.append(f"| `{canonical}` | {also} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(render_reference())

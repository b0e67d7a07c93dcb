"""Find the table files of an input folder or workbook.

Canonical names, synonyms (``人员.csv``, ``contacts.csv`` …), near-misses and what is not read.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from relgraph.errors import Problem, Reason
from relgraph.io.schema import SCHEMAS
from relgraph.text import message
from relgraph.vocab import normalize_term

__all__ = ["ignored_inputs"]

_FOLDER_SUFFIXES = (".csv", ".parquet")

#: Files in a dataset folder that look like data; those that are not a table are checked
#: for a misspelt table name and listed by :func:`ignored_inputs`.
_DATA_SUFFIXES = (".csv", ".parquet", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".json")

#: Names people give their files or sheets for each table (compared after
#: :func:`relgraph.vocab.normalize_term`); a file called so is refused with a rename hint
#: when the table itself is absent, rather than being ignored.
_TABLE_SYNONYMS: Mapping[str, str] = {
    normalize_term(word): table
    for table, words in {
        "orgs": [
            "org",
            "organisation",
            "organisations",
            "organization",
            "organizations",
            "companies",
            "company",
            "accounts",
            "组织",
            "公司",
            "单位",
        ],
        "people": ["person", "persons", "contacts", "contact", "人员", "联系人", "人物"],
        "ties": [
            "tie",
            "relationships",
            "relationship",
            "relations",
            "edges",
            "links",
            "关系",
            "人脉",
        ],
        "opportunities": ["opportunity", "deals", "deal", "opps", "商机", "项目"],
        "roles": ["role", "buying roles", "contact roles", "角色"],
        "affiliations": ["affiliation", "memberships", "circles", "圈子"],
        "interactions": [
            "interaction",
            "touchpoints",
            "activities",
            "activity",
            "互动",
            "拜访记录",
        ],
    }.items()
    for word in words
}


def _find_files(folder: Path) -> tuple[dict[str, Path], list[Problem]]:
    found: dict[str, list[Path]] = {}
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() in _FOLDER_SUFFIXES and p.is_file():
            found.setdefault(p.stem.strip().lower(), []).append(p)
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    for stem, paths in found.items():
        if len(paths) > 1 and stem in SCHEMAS:
            names = ", ".join(p.name for p in paths)
            hint = message("val_several_files", table=stem, names=names)
            problems.append(
                Problem.of(stem, None, None, names, Reason.INCONSISTENT, hint, str(folder))
            )
            continue
        files[stem] = paths[0]
    return files, problems


def _meant_table(name: str) -> str | None:
    """Return the table a file or sheet called ``name`` was probably meant to hold, or None.

    Examples
    --------
    >>> _meant_table("Tie"), _meant_table("联系人"), _meant_table("people_2026")
    ('ties', 'people', 'people')
    >>> _meant_table("notes") is None
    True
    """
    key = normalize_term(name)
    for word in (key, key.split(" ")[0]):  # "people 2026", "roles (draft)" too
        if word in _TABLE_SYNONYMS:
            return _TABLE_SYNONYMS[word]
        if word in SCHEMAS:
            return word
    found = difflib.get_close_matches(key, list(SCHEMAS), n=1, cutoff=0.75)
    return found[0] if found else None


def _misnamed(name: str, stem: str, src: str, what: str) -> Problem:
    """Describe a file or sheet that was surely meant to be an absent table."""
    tables = ", ".join(SCHEMAS)
    meant = _meant_table(stem)
    assert meant is not None
    if what == "file" and normalize_term(stem) == meant:
        hint = message("val_wrong_suffix", name=name, meant=meant)
    elif what == "file":
        hint = message("val_misnamed_file", name=name, meant=meant, tables=tables)
    else:
        hint = message("val_misnamed_sheet", name=name, meant=meant, tables=tables)
    return Problem.of(meant, None, None, name, Reason.UNKNOWN_TABLE, hint, src)


def _unused_files(folder: Path, files: Mapping[str, Path]) -> list[Path]:
    used = {path for stem, path in files.items() if stem in SCHEMAS}
    return [
        p
        for p in sorted(folder.iterdir())
        if p.is_file()
        and p.suffix.lower() in _DATA_SUFFIXES
        and p not in used
        and not (p.suffix.lower() in _FOLDER_SUFFIXES and p.stem.strip().lower() in SCHEMAS)
    ]


def ignored_inputs(path: str | Path) -> list[str]:
    """Files in a dataset folder (or sheets in a workbook) that are not read as a table.

    Loading never reads them; ``relgraph validate`` lists them so that nothing the user
    gave is passed over without a word. (A name that is surely a misspelt table, such as
    ``tie.csv`` when there is no ``ties.csv``, is a validation problem instead.)

    Parameters
    ----------
    path : str or Path
        A dataset folder or an Excel workbook.

    Returns
    -------
    list of str
        File names (for a folder) or sheet names (for a workbook), sorted.

    Examples
    --------
    >>> import relgraph as rg
    >>> ignored_inputs(rg.datasets.sample_path())
    []
    """
    p = Path(path)
    if p.is_dir():
        files, _ = _find_files(p)
        return [f.name for f in _unused_files(p, files)]
    if p.is_file() and p.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            with pd.ExcelFile(p, engine="openpyxl") as book:
                names = [str(n) for n in book.sheet_names]
        except Exception:  # an unreadable workbook is reported by the loader
            return []
        return sorted(n for n in names if n.strip().lower() not in SCHEMAS)
    return []

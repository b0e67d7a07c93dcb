"""Write validated tables back out as a CSV folder or an Excel workbook (round-trip safe)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

__all__ = ["table_as_text", "write_csv_folder", "write_excel"]


def table_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Render a typed table as text the loaders read back to the same values.

    Dates become ``YYYY-MM-DD``, flags ``true``/``false``, blanks empty strings.
    """
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[col] = s.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_bool_dtype(s.dtype):
            out[col] = s.map({True: "true", False: "false"}).astype(object).fillna("")
        else:
            out[col] = s.astype(object).where(s.notna(), "").astype(str)
    return pd.DataFrame(out, index=frame.index)


def write_csv_folder(tables: Mapping[str, pd.DataFrame], folder: str | Path) -> Path:
    """Write each table to ``folder/<name>.csv`` in UTF-8; create the folder if needed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        table_as_text(frame).to_csv(folder / f"{name}.csv", index=False, encoding="utf-8")
    return folder


def write_excel(tables: Mapping[str, pd.DataFrame], path: str | Path) -> Path:
    """Write each table as one sheet (named after the table) of an ``.xlsx`` workbook."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in tables.items():
            table_as_text(frame).to_excel(writer, sheet_name=name, index=False)
    return path

"""Decode CSV files, and the row-level checks a table reader cannot make.

* :func:`decode_bytes`, :func:`decode_csv`: UTF-8 (with or without BOM), UTF-16 and
  GBK/GB18030 are detected per file.

* :func:`file_data`, :func:`is_ascii`: a large file is mapped into memory, not copied.
* :func:`non_utf8_lines`: a UTF-8 file with a row typed or pasted in another encoding
  (GBK, Windows-1252 …) is reported with the line, instead of the whole file being
  decoded as GB18030 (turning every other Chinese name into mojibake).
* :func:`field_count_problems`: a row with fewer fields than the header (``p4,Four,HT``
  under a four-column header) or more is reported, instead of being padded with blanks
  or shifted.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from relgraph.errors import Problem, Reason
from relgraph.text import message

__all__ = [
    "MAX_ROW_PROBLEMS",
    "decode_bytes",
    "decode_csv",
    "field_count_problems",
    "file_data",
    "is_ascii",
    "mixed_encoding_problems",
    "non_utf8_lines",
    "wrong_length_problem",
]

#: At most this many rows are listed for one file's encoding or field-count problems.
MAX_ROW_PROBLEMS = 100


def decode_bytes(data: bytes) -> tuple[str, str]:
    r"""Decode a text file's bytes, detecting UTF-8 (BOM or not), UTF-16 and GB18030.

    UTF-16 is recognised by its BOM or, without one, by the zero bytes that ASCII
    characters leave in every other position.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    text, encoding : str, str

    Raises
    ------
    UnicodeDecodeError
        When no supported encoding fits.

    Examples
    --------
    >>> decode_bytes("名字".encode("gbk"))
    ('名字', 'gb18030')
    >>> decode_bytes(b"\xef\xbb\xbfid")
    ('id', 'utf-8-sig')
    >>> decode_bytes("id,名字".encode("utf-16-le"))
    ('id,名字', 'utf-16-le')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    head = data[:4096]
    if len(data) % 2 == 0 and b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        try:
            if even == 0 and odd * 8 > len(head):
                return data.decode("utf-16-le"), "utf-16-le"
            if odd == 0 and even * 8 > len(head):
                return data.decode("utf-16-be"), "utf-16-be"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("gb18030"), "gb18030"


def decode_csv(data: bytes, name: str, src: str) -> tuple[str | None, str, list[Problem]]:
    """Decode a CSV file's bytes: the text, its encoding, and the problems (text None then).

    A UTF-8 file with rows in another encoding is reported by line (:func:`non_utf8_lines`),
    not decoded as a whole in the wrong encoding.
    """
    try:
        text, encoding = decode_bytes(data)
    except UnicodeDecodeError:
        if data.startswith(b"\xef\xbb\xbf"):
            lines = non_utf8_lines(data[3:], utf8_declared=True)
            return None, "", mixed_encoding_problems(data[3:], name, src, lines)
        hint = message("val_not_text")
        return None, "", [Problem.of(name, None, None, "", Reason.ENCODING, hint, src)]
    if encoding == "gb18030":
        lines = non_utf8_lines(data)
        if lines:
            return None, "", mixed_encoding_problems(data, name, src, lines)
    return text, encoding, []


def non_utf8_lines(data: bytes, *, utf8_declared: bool = False) -> list[int]:
    r"""Lines (1-based) that are not UTF-8 in a file that is otherwise UTF-8.

    Each line holding non-ASCII bytes is tried as UTF-8. When at least as many such lines
    are valid UTF-8 as are not (or the file starts with a UTF-8 byte-order mark), the file
    is UTF-8 and the others are wrong; when most are not UTF-8 the file is in a legacy
    encoding throughout (GBK/GB18030) and nothing is returned.

    Parameters
    ----------
    data : bytes
        The file's content (without a byte-order mark).
    utf8_declared : bool
        The file started with a UTF-8 byte-order mark: every non-UTF-8 line is wrong.

    Returns
    -------
    list of int

    Examples
    --------
    >>> data = "id,name\np1,方华\n".encode() + "p2,王伟\n".encode("gbk")
    >>> non_utf8_lines(data), non_utf8_lines("id,name\np2,王伟\n".encode("gbk"))
    ([3], [])
    """
    good = 0
    bad: list[int] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
        else:
            good += 1
    if utf8_declared or (good and good >= len(bad)):
        return bad
    return []


def mixed_encoding_problems(
    data: bytes, table: str, source: str, lines: list[int]
) -> list[Problem]:
    """One ENCODING problem per line of ``lines`` (capped), showing how the line reads as GBK."""
    rows = data.split(b"\n")
    out = []
    for number in lines[:MAX_ROW_PROBLEMS]:
        shown = rows[number - 1].decode("gb18030", errors="replace").strip()
        if len(shown) > 80:
            shown = shown[:80] + "…"
        hint = message("val_mixed_encoding", line=number, n=len(lines))
        out.append(Problem.of(table, number, None, shown, Reason.ENCODING, hint, source))
    return out


def wrong_length_problem(
    table: str, source: str, line: int | None, text: str, fields: int, expected: int
) -> Problem:
    """Describe one row with ``fields`` fields under a header of ``expected`` fields."""
    key = "val_short_row" if fields < expected else "val_long_row"
    if text.count('"') % 2:
        key = "val_unclosed_quote"
    shown = text if len(text) <= 120 else text[:120] + "…"
    hint = message(key, fields=fields, expected=expected)
    return Problem.of(table, line, None, shown, Reason.FIELD_COUNT, hint, source)


def field_count_problems(
    text: str, table: str, source: str, header: Sequence[str], *, longer_only: bool = False
) -> list[Problem]:
    r"""Rows of a CSV text with more or fewer fields than its header (blank lines skipped).

    A pure-Python pass (:mod:`csv`), used when pyarrow, which reports such rows itself, is
    not available; ``longer_only`` reports only rows with extra fields.

    Examples
    --------
    >>> probs = field_count_problems("id,name,org,title\np1,One,HT,\np4,Four,HT\n", "people",
    ...                              "people.csv", ["id", "name", "org", "title"])
    >>> [(p.row, p.value, p.reason.value) for p in probs]
    [(3, 'p4,Four,HT', 'field_count')]
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    out: list[Problem] = []
    row = 0  # rows as a spreadsheet numbers them: the header is 1, blank lines skipped
    for rec in reader:
        if not rec:
            continue
        row += 1
        if row == 1:
            continue
        if len(rec) > len(header) or (len(rec) < len(header) and not longer_only):
            shown = ",".join(rec)
            out.append(wrong_length_problem(table, source, row, shown, len(rec), len(header)))
            if len(out) >= MAX_ROW_PROBLEMS:
                break
    return out


#: Files from this size on are mapped into memory instead of read (no copy of their bytes).
_MAP_FROM = 1 << 24


def file_data(path: Path) -> bytes | mmap.mmap:
    r"""Return the bytes of a file: read, or for a large file mapped into memory (read-only).

    A mapped file of hundreds of megabytes is parsed where it lies (the page cache),
    without a copy in the process; both kinds have ``find`` and slicing.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "a.csv").write_bytes(b"id\np1\n")
    ...     file_data(Path(tmp) / "a.csv")
    6
    b'id\np1\n'
    """
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size >= _MAP_FROM:
            try:
                return _mapped(fh.fileno())
            except (OSError, ValueError):
                pass  # not a regular file: read it
        return fh.read()


def _mapped(fd: int) -> mmap.mmap:
    """Map a file read-only; on Linux with its pages mapped at once (``MAP_POPULATE``).

    Every byte is read (the ASCII check, then the parser): the kernel mapping the pages
    in one go costs less than one page fault per 4 KiB page as they are first touched.
    """
    populate = getattr(mmap, "MAP_POPULATE", 0)
    if populate:
        flags = mmap.MAP_SHARED | populate
        return mmap.mmap(fd, 0, flags=flags, prot=mmap.PROT_READ)
    return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)


def is_ascii(data: bytes | mmap.mmap) -> bool:
    """Tell whether every byte is ASCII (of bytes or a mapped file).

    Examples
    --------
    >>> is_ascii(b"id,name"), is_ascii("方华".encode())
    (True, False)
    """
    if isinstance(data, bytes):
        return data.isascii()
    return bool(np.frombuffer(data, dtype=np.uint8).max(initial=0) < 0x80)

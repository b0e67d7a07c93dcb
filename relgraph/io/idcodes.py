"""Short ids as integers: matching ten million tie endpoints without hashing text.

Ids are mostly short (``P0001234``, ``c17``, ``OPP1``): at most 8 bytes of UTF-8 fit one
int64 (:func:`short_words`), and equal ids give equal integers. Matching integers is
already twice as fast as hashing text; when the known ids also sit close together once
their bytes are numbered (a prefix and a counter, as most systems make them), each id's
bytes give its slot in a table directly (:func:`short_positions`), with no hash table at
all: about four table reads per value, all in the processor's cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["short_positions", "short_words"]


def short_words(*arrays: Any) -> list[np.ndarray] | None:
    """Each value of some pyarrow text arrays as one int64 of its UTF-8 bytes, or None.

    Possible when every value has at most 8 bytes and none is null. Equal texts give equal
    integers and different texts different ones, across all the arrays: when every value
    has the same length the integer is the bytes (zero-padded), else (values of up to 7
    bytes) the bytes zero-padded with the length in the last byte. Ids such as
    ``P0001234`` or ``c17`` qualify: matching them as integers is twice as fast as hashing
    their text.

    Examples
    --------
    >>> import pyarrow as pa
    >>> a, b = short_words(pa.array(["p1", "p10", ""]), pa.array(["p10", "p1"]))
    >>> [int(x) for x in a[:2]] == [int(x) for x in b[::-1]], len(set(a.tolist()))
    (True, 3)
    >>> short_words(pa.array(["a-rather-long-id"])) is None
    True
    """
    parts = [_text_chunks(arr) for arr in arrays]
    width = _width(parts)
    if width is None:
        return None
    return [_words(chunks, width) for chunks in parts]  # type: ignore[arg-type]


def short_positions(values: Any, keys: Any) -> np.ndarray | None:
    """Position of each value among the unique ``keys`` (-1 when absent), or None.

    Both are pyarrow text arrays (or chunked arrays) of short ids, packed as words (see
    :func:`short_words`); None when they are not. The words are read as four 16-bit
    digits. Each digit position gets a table of the digits the keys use there, numbered
    densely (a position where every key has the same digit is compared instead); a word's
    number is then its digits' numbers in mixed radix, and one table maps numbers to key
    positions. Used when those numbers span at most a few times as many slots as there
    are keys; otherwise pyarrow's hash lookup of the integers.

    The values are packed and looked up a block of rows at a time, so no temporary array
    is larger than the processor's cache: ten million tie endpoints never become an 80 MB
    array of words or of slot numbers (on a machine where fresh memory is slow to touch,
    that halves the time).

    Examples
    --------
    >>> import pyarrow as pa
    >>> short_positions(pa.array(["p2", "q1", "p1", "p2"]), pa.array(["p1", "p2"])).tolist()
    [1, -1, 0, 1]
    >>> short_positions(pa.array(["a-rather-long-id"]), pa.array(["p1"])) is None
    True
    """
    chunks, key_chunks = _text_chunks(values), _text_chunks(keys)
    width = _width([chunks, key_chunks])
    if width is None or chunks is None or key_chunks is None:
        return None
    key_words = _words(key_chunks, width)
    table = _Table.of(key_words)
    if table is None:  # too sparse for a table: one hash lookup of all the words
        return _hashed(_words(chunks, width), key_words)
    out = np.empty(sum(len(o) - 1 for o, _ in chunks), dtype=np.int64)
    at = 0
    for offsets, data in chunks:
        for start in range(0, len(offsets) - 1, _BLOCK):
            stop = min(start + _BLOCK, len(offsets) - 1)
            out[at : at + stop - start] = table.find(_pack(offsets[start : stop + 1], data, width))
            at += stop - start
    return out


#: Rows packed and looked up at a time by :func:`short_positions` (their temporaries,
#: a few hundred kilobytes, stay in the processor's cache).
_BLOCK = 1 << 16

_Chunks = list[tuple[np.ndarray, np.ndarray]]


def _text_chunks(arr: Any) -> _Chunks | None:
    """Return the (offsets, bytes) of each chunk of a text array; None: not text, or nulls."""
    import pyarrow as pa

    out: _Chunks = []
    for chunk in arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]:
        text = pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)
        if not text or chunk.null_count:
            return None
        _, offsets_buf, data_buf = chunk.buffers()
        kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets_buf, dtype=kind)
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1]
        data = np.zeros(0, np.uint8) if data_buf is None else np.frombuffer(data_buf, np.uint8)
        out.append((offsets, data))
    return out


def _width(parts: list[_Chunks | None]) -> int | None:
    """Return every value's common byte length (-1: they differ, all ≤ 7; None: no packing)."""
    lo, hi = 8, 0
    for chunks in parts:
        if chunks is None:
            return None
        for offsets, _ in chunks:
            for start in range(0, len(offsets) - 1, _BLOCK):  # small temporaries
                lengths = np.diff(offsets[start : start + _BLOCK + 1])
                lo, hi = min(lo, int(lengths.min())), max(hi, int(lengths.max()))
            if hi > 8:
                return None
    if lo == hi:
        return lo
    return None if hi > 7 else -1


def _words(chunks: _Chunks, width: int) -> np.ndarray:
    """Pack every value of ``chunks`` into one array of words."""
    return np.concatenate([_pack(o, d, width) for o, d in chunks] or [np.zeros(0, np.int64)])


def _pack(offsets: np.ndarray, data: np.ndarray, width: int) -> np.ndarray:
    """Pack the values between ``offsets`` as int64 words (see :func:`short_words`)."""
    n = len(offsets) - 1
    if width == 8 and offsets[0] % 8 == 0:  # the bytes are the words already: no copy
        return data[offsets[0] : offsets[-1]].view(np.int64)
    out = np.zeros((n, 8), dtype=np.uint8)
    if width >= 0:  # one length: the bytes are a (rows, width) block already
        out[:, :width] = data[offsets[0] : offsets[-1]].reshape(n, width)
    else:
        starts, lengths = offsets[:-1], np.diff(offsets)
        for j in range(int(lengths.max(initial=0))):
            rows = np.flatnonzero(lengths > j)
            out[rows, j] = data[starts[rows] + j]
        out[:, 7] = lengths
    return out.view(np.int64).reshape(n)


@dataclass(frozen=True)
class _Table:
    """The digit tables of some packed keys and the table of their positions."""

    luts: list[tuple[int, np.ndarray]]
    span: int
    positions: np.ndarray
    mask: np.uint64  # the digits every key shares (compared, not looked up) …
    shared: np.uint64  # … and their value

    @classmethod
    def of(cls, keys: np.ndarray) -> _Table | None:
        """Build the tables of ``keys``; None when the numbers would span too many slots."""
        digits = keys.view(np.uint16).reshape(len(keys), 4)
        luts: list[tuple[int, np.ndarray]] = []
        fixed = np.zeros(4, dtype=np.uint16)
        span = 1
        for j in range(4):
            used = np.zeros(1 << 16, dtype=bool)
            used[digits[:, j]] = True
            k = int(used.sum())
            if k == 1:
                fixed[j] = 0xFFFF
                continue
            lut = np.full(1 << 16, _STRAY, dtype=np.int32)  # a digit no key has here
            lut[used] = np.arange(k, dtype=np.int32) * span
            luts.append((j, lut))
            span *= k
            if span > min(max(4 * len(keys), 1 << 16), _MAX_SPAN):
                return None
        positions = np.full(span + 1, -1, dtype=np.int32)  # the last slot: not a key
        # a repeated key keeps its first position (as a hash lookup does): assigned last
        positions[_numbers(keys, luts, span)[::-1]] = np.arange(len(keys), dtype=np.int32)[::-1]
        mask = fixed.view(np.uint64)[0]
        shared = keys[:1].view(np.uint64)[0] & mask if len(keys) else np.uint64(0)
        return cls(luts, span, positions, mask, shared)

    def find(self, words: np.ndarray) -> np.ndarray:
        """Each word's key position (-1 when absent)."""
        number = _numbers(words, self.luts, self.span)
        if self.mask:
            number[(words.view(np.uint64) & self.mask) != self.shared] = self.span
        return self.positions[number]


#: Added for a digit no key uses at its position: four of them still fit an int32, and
#: any one keeps the sum negative (slot numbers stay below ``_MAX_SPAN``).
_STRAY = -(1 << 29)

_MAX_SPAN = 1 << 26


def _numbers(words: np.ndarray, luts: list[tuple[int, np.ndarray]], span: int) -> np.ndarray:
    """Each word's slot number (``span`` for a word using a digit no key uses there)."""
    digits = words.view(np.uint16).reshape(len(words), 4)
    number = np.zeros(len(words), dtype=np.int32)
    part = np.empty_like(number)
    for j, lut in luts:
        np.take(lut, digits[:, j], out=part)
        number += part
    number[number < 0] = span
    return number


def _hashed(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.index_in(pa.array(values), value_set=pa.array(keys)).fill_null(-1)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)

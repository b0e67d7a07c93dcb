"""Write output files safely: never over an input of the run, atomically, folders created.

Every writer of relgraph goes through :func:`atomic_write` (or one of its forms), so all of
them follow the same three rules:

1. **No input is ever overwritten.** :func:`check_outputs` compares each output with the
   run's inputs by their resolved paths (through symbolic links, and by file identity,
   which also catches hard links and case-insensitive file systems). An input folder
   counts as its data files, and as the table files it would read (``people.csv`` …)
   even when they do not exist yet; a folder output counts as every file it will
   produce. A clash raises :class:`~relgraph.errors.OutputError` naming both paths before
   anything is written.
2. **Writes are atomic.** The content goes to a temporary file in the destination's own
   folder, is flushed to disk (``fsync``) and only then renamed over the destination
   (``os.replace``), so a write that fails half-way (a full disk, a value the format
   refuses) leaves the previous file exactly as it was, and a reader never sees half a
   file. Several files written together (a CSV folder) are all prepared before the first
   one replaces its predecessor.
3. **Missing folders are created** (the one rule for every writer), and a path that cannot
   be written (a parent that is a file, no permission, a file open in another program)
   raises :class:`~relgraph.errors.OutputError` with the reason, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from relgraph.errors import OutputError
from relgraph.io.schema import SCHEMAS
from relgraph.text import say

__all__ = [
    "PathLike",
    "atomic_path",
    "atomic_write",
    "atomic_write_many",
    "atomic_write_text",
    "check_outputs",
]

#: A path given by a caller.
PathLike = str | os.PathLike[str]

#: Files in an input folder that are data (read, or checked for a misnamed table).
_DATA_SUFFIXES = (".csv", ".parquet", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".json")
#: Names a dataset folder reads as tables, whether or not they exist yet.
_TABLE_FILES = frozenset(f"{t}{s}" for t in SCHEMAS for s in (".csv", ".parquet"))


def _real(path: PathLike) -> Path:
    """Resolve ``path``: absolute, symbolic links followed (the file that would be written)."""
    return Path(os.path.realpath(os.path.abspath(os.fspath(path))))


def _key(path: Path) -> str:
    return os.path.normcase(str(path))


def _same(a: Path, b: Path) -> bool:
    """Whether two resolved paths name the same file (identity when both exist)."""
    if _key(a) == _key(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


class _Inputs:
    """The run's inputs, expanded: files (resolved) and folders (resolved)."""

    def __init__(self, inputs: Iterable[PathLike]) -> None:
        self.files: list[tuple[Path, str]] = []
        self.folders: list[tuple[Path, str]] = []
        for given in inputs:
            real = _real(given)
            if real.is_dir():
                self.folders.append((real, os.fspath(given)))
                for child in sorted(real.iterdir()):
                    if child.is_file() and child.suffix.lower() in _DATA_SUFFIXES:
                        self.files.append((_real(child), str(Path(os.fspath(given)) / child.name)))
            else:
                self.files.append((real, os.fspath(given)))

    def clash(self, output: Path, given: str) -> str | None:
        """Say why writing ``output`` would overwrite (or add to) an input, or return None."""
        for real, shown in self.files:
            if _same(output, real):
                return say("out_overwrites_input", output=given, input=shown)
        for real, shown in self.folders:
            if _same(output, real):
                return say("out_overwrites_input", output=given, input=shown)
            if _same(output.parent, real) and output.name.lower() in _TABLE_FILES:
                return say("out_in_input_folder", output=given, folder=shown)
        return None


def _check_parent(output: Path, shown: str) -> None:
    """Refuse early when a parent of ``output`` exists but is not a folder."""
    for parent in output.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(
                    say("out_parent_not_folder", output=shown, parent=parent), path=shown
                )
            return


def check_outputs(
    files: Iterable[PathLike],
    *,
    inputs: Iterable[PathLike] = (),
    folders: Iterable[PathLike] = (),
) -> list[Path]:
    """Check every output of a run before anything is written.

    Parameters
    ----------
    files : iterable of path
        Every file the run will write (for a folder output, every file it will produce).
    inputs : iterable of path
        The run's inputs: files, or dataset folders (their data files count, and so do the
        table files the folder would read, such as ``people.csv``, even when absent).
    folders : iterable of path
        Folders the run writes into (a CSV folder, the demo's output folder): each must not
        be an input folder or an existing file.

    Returns
    -------
    list of Path
        The files, resolved (symbolic links followed: the files that will be written).

    Raises
    ------
    OutputError
        When a file would overwrite an input (or add a table to an input folder), is an
        existing folder, has a parent that is a file, or is given twice; or when a folder
        is an input folder or a file. The message names the paths and the fix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "acct.xlsx").write_bytes(b"")
    >>> try:
    ...     check_outputs([d / "out" / ".." / "acct.xlsx"], inputs=[d / "acct.xlsx"])
    ... except OutputError as err:
    ...     print("refused:", "an input of this run" in str(err))
    refused: True
    >>> [p.name for p in check_outputs([d / "plan.xlsx"], inputs=[d / "acct.xlsx"])]
    ['plan.xlsx']
    """
    given = _Inputs(inputs)
    seen: dict[str, str] = {}
    out: list[Path] = []
    for folder in folders:
        shown = os.fspath(folder)
        real = _real(folder)
        if real.exists() and not real.is_dir():
            raise OutputError(say("out_is_file", output=shown), path=shown)
        for inp, inp_shown in [*given.folders, *given.files]:
            if _same(real, inp):
                raise OutputError(
                    say("out_overwrites_input", output=shown, input=inp_shown), path=shown
                )
        _check_parent(real / "_", shown)
    for path in files:
        shown = os.fspath(path)
        real = _real(path)
        if real.is_dir():
            raise OutputError(
                say("out_is_folder", output=shown, example=Path(shown) / "out"), path=shown
            )
        message = given.clash(real, shown)
        if message is not None:
            raise OutputError(message, path=shown)
        if _key(real) in seen:
            raise OutputError(say("out_twice", output=shown, other=seen[_key(real)]), path=shown)
        seen[_key(real)] = shown
        _check_parent(real, shown)
        out.append(real)
    return out


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable (POSIX); a no-op where folders cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temporary(final: Path) -> Path:
    """Create an empty temporary file next to ``final`` (same suffix: writers choose by it)."""
    for _ in range(100):
        tmp = final.with_name(f".{final.stem}.{secrets.token_hex(4)}.tmp{final.suffix}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        if final.exists():
            with contextlib.suppress(OSError):
                shutil.copymode(final, tmp)
        return tmp
    raise FileExistsError(final)  # pragma: no cover - 100 random names all taken


def _os_error(err: OSError, shown: str) -> OutputError:
    reason = err.strerror or type(err).__name__
    return OutputError(say("out_cannot_write", output=shown, reason=reason), path=shown)


def atomic_write_many(
    writers: Mapping[PathLike, Callable[[Path], object]],
    *,
    inputs: Iterable[PathLike] = (),
) -> list[Path]:
    """Write several files at once: each through a temporary file, all replaced at the end.

    Parameters
    ----------
    writers : mapping of path to callable
        For each destination, a function that writes the content to the path it is given
        (a temporary file in the destination's folder, with the same suffix).
    inputs : iterable of path
        The run's inputs, which no destination may overwrite (see :func:`check_outputs`).

    Returns
    -------
    list of Path
        The destinations, as given, in order.

    Raises
    ------
    OutputError
        From :func:`check_outputs`, or when the file system refuses a write (then no
        destination has been replaced, and the temporary files are removed).

    Notes
    -----
    Missing parent folders are created. When every temporary file is ready, they replace
    their destinations one after the other; only a failure between two of those renames
    (very unlikely) could leave some files new and some old.
    """
    names = [os.fspath(p) for p in writers]
    finals = check_outputs(names, inputs=inputs)
    temps: list[Path] = []
    try:
        for final, shown, write in zip(finals, names, writers.values(), strict=True):
            try:
                final.parent.mkdir(parents=True, exist_ok=True)
                tmp = _temporary(final)
                temps.append(tmp)
                write(tmp)
                _fsync(tmp)
            except OSError as err:
                raise _os_error(err, shown) from err
        for final, shown, tmp in zip(finals, names, temps, strict=True):
            try:
                os.replace(tmp, final)
            except OSError as err:
                raise _os_error(err, shown) from err
        for folder in {f.parent for f in finals}:
            _fsync_folder(folder)
    finally:
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return [Path(n) for n in names]


def atomic_write(
    path: PathLike, write: Callable[[Path], object], *, inputs: Iterable[PathLike] = ()
) -> Path:
    """Write one file atomically: ``write(tmp)``, then flush and rename it over ``path``.

    Parameters
    ----------
    path : str or Path
        The destination (missing folders are created; a symbolic link is written through).
    write : callable
        Writes the content to the path it receives (a temporary file with the same suffix
        in the same folder), e.g. ``lambda p: workbook.save(p)``.
    inputs : iterable of path
        The run's inputs, which ``path`` must not overwrite (see :func:`check_outputs`).

    Returns
    -------
    Path
        The file written (the path as given).

    Raises
    ------
    OutputError
        When ``path`` is an input of the run, a folder, or cannot be written. Any earlier
        file at ``path`` is then unchanged, and so it is when ``write`` raises.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "new" / "notes.txt"
    >>> atomic_write(out, lambda p: p.write_text("v1")).read_text()
    'v1'
    >>> def broken(p):
    ...     p.write_text("half")
    ...     raise RuntimeError("the writer failed")
    >>> try:
    ...     atomic_write(out, broken)
    ... except RuntimeError:
    ...     pass
    >>> out.read_text(), sorted(f.name for f in out.parent.iterdir())
    ('v1', ['notes.txt'])
    """
    return atomic_write_many({path: write}, inputs=inputs)[0]


def atomic_write_text(
    path: PathLike, text: str, *, inputs: Iterable[PathLike] = (), encoding: str = "utf-8"
) -> Path:
    r"""Write ``text`` to ``path`` atomically (see :func:`atomic_write`).

    Parameters
    ----------
    path : str or Path
        The destination; missing folders are created.
    text : str
        The content.
    inputs : iterable of path
        The run's inputs, which ``path`` must not overwrite.
    encoding : str
        The text encoding (UTF-8 by default).

    Returns
    -------
    Path
        The file written (the path as given).

    Raises
    ------
    OutputError
        When ``path`` is an input of the run, a folder, or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "plan.md"
    >>> atomic_write_text(out, "# Plan\n").read_text()
    '# Plan\n'
    """
    data = text.encode(encoding)
    return atomic_write(path, lambda p: p.write_bytes(data), inputs=inputs)


@contextlib.contextmanager
def atomic_path(path: PathLike, *, inputs: Iterable[PathLike] = ()) -> Iterator[Path]:
    """Give a temporary path to write to; on success it replaces ``path`` atomically.

    For writers that want a file name (``fig.savefig(tmp)``); the temporary file has the
    same suffix, so such writers pick the same format.

    Parameters
    ----------
    path : str or Path
        The destination; missing folders are created.
    inputs : iterable of path
        The run's inputs, which ``path`` must not overwrite.

    Yields
    ------
    Path
        Where to write.

    Raises
    ------
    OutputError
        When ``path`` is an input of the run, a folder, or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "chart.svg"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("<svg/>")
    >>> out.read_text()
    '<svg/>'
    """
    shown = os.fspath(path)
    final = check_outputs([shown], inputs=inputs)[0]
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temporary(final)
    except OSError as err:
        raise _os_error(err, shown) from err
    try:
        yield tmp
        try:
            _fsync(tmp)
            os.replace(tmp, final)
        except OSError as err:
            raise _os_error(err, shown) from err
        _fsync_folder(final.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()

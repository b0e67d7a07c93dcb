"""Print pip constraints pinning every runtime dependency of relgraph to its lowest version.

Reads the requirements of the installed ``relgraph`` distribution (so ``pyproject.toml`` is
the one source) and turns each lower bound ``name>=X`` into ``name==X``; requirements of
the extras named on the command line are included too. ``make test-min`` installs relgraph
with these constraints into a separate environment and runs the tests there.

Usage::

    python scripts/lowest_deps.py [EXTRA ...] > constraints.txt
"""

from __future__ import annotations

import importlib.metadata
import re
import sys

_REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*(?P<spec>[^;]*?)\s*(?:;\s*(?P<marker>.*))?$"
)


def lowest_pins(requirements: list[str], extras: set[str]) -> list[str]:
    """Return ``name==lowest`` for every requirement with a ``>=`` bound.

    Parameters
    ----------
    requirements : list of str
        Requirement strings as in the distribution metadata (``Requires-Dist``).
    extras : set of str
        Extras whose requirements are pinned too; the others are skipped.

    Returns
    -------
    list of str
        One ``name==version`` line per pinned requirement, in the order given.

    Raises
    ------
    SystemExit
        When a requirement of the runtime or a named extra has no ``>=`` lower bound.

    Examples
    --------
    >>> lowest_pins(["pandas<4,>=2.0", "pyarrow>=14; extra == 'parquet'"], set())
    ['pandas==2.0']
    >>> lowest_pins(["pyarrow<25,>=14; extra == 'parquet'"], {"parquet"})
    ['pyarrow==14']
    """
    pins = []
    for req in requirements:
        m = _REQUIREMENT.match(req.strip())
        if m is None:
            raise SystemExit(f"cannot read the requirement {req!r}")
        extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", m.group("marker") or "")
        if extra is not None and extra.group(1) not in extras:
            continue
        low = re.search(r">=\s*([^,\s]+)", m.group("spec"))
        if low is None:
            raise SystemExit(f"{req!r} has no lower bound (name>=version) to test")
        pins.append(f"{m.group('name')}=={low.group(1)}")
    return pins


def main() -> None:
    """Print the constraints for the runtime requirements and the extras named."""
    requirements = importlib.metadata.requires("relgraph") or []
    print("\n".join(lowest_pins(requirements, set(sys.argv[1:]))))


if __name__ == "__main__":
    main()

"""``relgraph.__all__`` is sorted, complete and importable (httpx's exported-members test)."""

from __future__ import annotations

import types

import relgraph


def test_all_is_sorted_and_unique() -> None:
    names = list(relgraph.__all__)
    assert names == sorted(names)
    assert len(names) == len(set(names))


def test_every_exported_name_exists() -> None:
    for name in relgraph.__all__:
        assert hasattr(relgraph, name), name
        exec(f"from relgraph import {name}", {})


def test_no_public_name_is_missing_from_all() -> None:
    public = {
        name
        for name, value in vars(relgraph).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public - set(relgraph.__all__) == set()


def test_foundation_names_are_exported() -> None:
    for name in (
        "RelationshipNetwork",
        "Settings",
        "ValidationError",
        "load",
        "datasets",
        "Role",
        "TieKind",
        "OrgKind",
        "MissingDependencyError",
    ):
        assert name in relgraph.__all__


def test_exported_objects_say_where_they_live() -> None:
    for name in relgraph.__all__:
        value = getattr(relgraph, name)
        module = getattr(value, "__module__", None)
        if module is not None and not isinstance(value, types.ModuleType):
            assert module.startswith("relgraph"), (name, module)

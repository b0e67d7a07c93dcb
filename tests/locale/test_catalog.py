"""The message catalogues: current with the sources, complete, compiled; names per language."""

from __future__ import annotations

import gettext
import math
from pathlib import Path

import pandas as pd
import pytest

from relgraph.errors import InvalidParameterError
from relgraph.locale import (
    DOMAIN,
    LANGUAGES,
    LOCALE_DIR,
    catalog,
    check_language,
    label_series,
    org_label,
    person_label,
    translate,
)
from relgraph.locale.extract import messages_from_source
from relgraph.model import Settings

babel = pytest.importorskip(
    "babel", reason="Babel manages the catalogues (pip install -e '.[test]')"
)
from babel.messages.pofile import read_po  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    line.split(":", 1)[1].strip(" ]")
    for line in (ROOT / "babel.cfg").read_text(encoding="utf-8").splitlines()
    if line.startswith("[")
]
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
FIX = "run `make catalog`, translate what it lists, and commit relgraph/locale"


def extracted() -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for src in SOURCES:
        out |= {(ctx, msg) for _, ctx, msg in messages_from_source((ROOT / src).read_bytes())}
    return out


def po(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return read_po(fh)


def test_babel_cfg_names_the_text_and_schema_sources() -> None:
    modules = ["general", "analysis", "viz", "plan", "io", "cli", "terms"]
    assert SOURCES == [*(f"relgraph/messages/{m}.py" for m in modules), "relgraph/io/schema.py"]


def test_the_template_catalogue_is_current_with_the_sources() -> None:
    pot = {(m.context, m.id) for m in po(LOCALE_DIR / f"{DOMAIN}.pot") if m.id}
    fresh = extracted()
    assert fresh - pot == set(), f"messages missing from relgraph.pot: {FIX}"
    assert pot - fresh == set(), f"relgraph.pot has messages no source has: {FIX}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_reviewed(lang: str) -> None:
    cat = po(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po")
    entries = {(m.context, m.id): m for m in cat if m.id}
    missing = sorted(ctx for ctx, msg in extracted() if not entries.get((ctx, msg)))
    empty = sorted(ctx for (ctx, _), m in entries.items() if not m.string)
    fuzzy = sorted(ctx for (ctx, _), m in entries.items() if m.fuzzy)
    assert not missing, f"{lang}: messages not in the .po: {missing[:20]}; {FIX}"
    assert not empty, f"{lang}: untranslated messages: {empty[:20]}"
    assert not fuzzy, f"{lang}: fuzzy (English changed, review the translation): {fuzzy[:20]}"
    assert not cat.obsolete, f"{lang}: obsolete entries left in the .po"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_shipped_mo_is_compiled_from_the_po(lang: str) -> None:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    with (folder / f"{DOMAIN}.mo").open("rb") as fh:
        shipped = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    expected = {f"{m.context}\x04{m.id}": m.string for m in po(folder / f"{DOMAIN}.po") if m.id}
    shipped = {k: v for k, v in shipped.items() if k != ""}
    assert shipped == expected, f"{folder / (DOMAIN + '.mo')} is stale: {FIX}"


def test_languages_are_checked_with_a_clear_message() -> None:
    assert check_language("zh") == "zh"
    with pytest.raises(InvalidParameterError, match="lang = 'zh-CN' is not valid"):
        check_language("zh-CN")
    with pytest.raises(InvalidParameterError):
        catalog("jp")
    assert translate("severity:low", "low", lang="en") == "low"
    assert translate("severity:low", "low", lang="zh") == "低"


def test_settings_carry_the_language() -> None:
    assert Settings().language == "en"
    assert Settings().replace(language="zh").language == "zh"
    with pytest.raises(ValueError, match="Settings.language = 'fr'; expected one of: en, zh"):
        Settings(language="fr")


NAMES = [
    ("王志远", "Wang Zhiyuan"),
    ("王志远", ""),
    ("王志远", None),
    ("王志远", math.nan),
    ("Anna Berg", "Anna Berg"),
    ("Anna Berg", "  "),
    ("Li Na", "李娜"),
    ("Orion Telecom", "猎户通信"),
    ("方华", " Fang Hua "),
]


def test_names_in_one_order_per_language() -> None:
    assert person_label("王志远", "Wang Zhiyuan") == "王志远 (Wang Zhiyuan)"
    assert person_label("王志远", "Wang Zhiyuan", lang="zh") == "王志远"
    assert person_label("Li Na", "李娜", lang="zh") == "Li Na (李娜)"
    assert person_label("方华", " Fang Hua ") == "方华 (Fang Hua)"
    for name, en in NAMES:
        assert person_label(name, en, lang="zh").startswith(name)  # the name always shows
        assert org_label(name, en, lang="zh") == person_label(name, en, lang="zh")


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_label_series_matches_person_label_row_by_row(lang: str) -> None:
    names = pd.Series([n for n, _ in NAMES], index=[f"p{i}" for i in range(len(NAMES))])
    english = pd.Series([e for _, e in NAMES], index=names.index, dtype=object)
    got = label_series(names, english, lang=lang)
    assert list(got.index) == list(names.index)
    assert got.tolist() == [person_label(n, e, lang=lang) for n, e in NAMES]

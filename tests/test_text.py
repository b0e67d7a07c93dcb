"""Templates and display words: every one complete in every language, and renderable."""

from __future__ import annotations

import re
import string
from typing import Any

import pytest

from relgraph.analysis.coverage import RULES
from relgraph.errors import InvalidParameterError, Reason
from relgraph.io.template import VOCABULARIES as INPUT_VOCABULARIES
from relgraph.locale import LANGUAGES, catalog
from relgraph.plan import ABOUT_SHEET, SHEETS
from relgraph.text import TEMPLATES, TERMS, plan_header, say, term, terms
from relgraph.vocab import OrgKind, Role, TieKind, parse_term

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
CJK = re.compile("[\u4e00-\u9fff]")

#: Every vocabulary people see, with the values the code uses (the catalogue must name each).
VOCABULARIES: dict[str, list[str]] = {
    **{name: [str(v.value) for v in enum] for _, enum, name in INPUT_VOCABULARIES},
    "role": [str(v.value) for v in Role] + ["none"],
    "party": [str(v.value) for v in OrgKind],
    "attitude": [str(v) for v in range(-3, 4)] + ["unknown"],
    "gap_rule": list(RULES),
    "gap_rule_check": list(RULES),
    "severity": sorted({sev for sev, _ in RULES.values()}),
    "objective": ["neutralise", "convert", "mobilise", "counter", "work_through"],
    "tier": ["S", "A", "B", "C"],
    "level": ["1", "2", "3", "4", "5", "outside"],
    "tie_kind_reverse": [str(k.value) for k in TieKind if k.directed],
    "boolean": ["true", "false"],
    "reason": [str(r) for r in Reason],
    "plan_sheet": ["Cover", *SHEETS, ABOUT_SHEET],
    "column_type": sorted({t for cols in SHEETS.values() for t in cols.values()}),
}


def fields(template: str) -> set[tuple[str, str, str | None]]:
    """(name, format spec, conversion) of every placeholder of a template."""
    return {
        (name, spec or "", conv)
        for _, name, spec, conv in string.Formatter().parse(template)
        if name is not None
    }


def sample_value(spec: str) -> Any:
    """A value the format spec accepts: an int for ``d``, a float for ``f``, ``%``, ``g``."""
    if spec.endswith("d") or spec in (",", "_"):
        return 2
    if spec and spec[-1] in "f%geE":
        return 0.25
    return "值 X"


def sample_values(template: str) -> dict[str, Any]:
    return {name: sample_value(spec) for name, spec, _ in fields(template)}


def in_catalogue(lang: str, context: str, message: str) -> bool:
    return f"{context}\x04{message}" in catalog(lang)._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_template_has_a_translation_with_the_same_placeholders(lang: str) -> None:
    missing, mismatched = [], []
    for key, english in TEMPLATES.items():
        if key.startswith("_"):  # doctest scratch entries
            continue
        if not in_catalogue(lang, key, english):
            missing.append(key)
            continue
        translated = catalog(lang).pgettext(key, english)
        if fields(translated) != fields(english):
            mismatched.append((key, sorted(fields(english) ^ fields(translated))))
    assert not missing, f"templates with no {lang} translation (run `make catalog`): {missing}"
    assert not mismatched, f"placeholders differ between English and {lang}: {mismatched}"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_template_renders_with_sample_values(lang: str) -> None:
    for key, english in TEMPLATES.items():
        if key.startswith("_"):
            continue
        text = say(key, lang=lang, **sample_values(english))
        assert "{" not in text.replace("{{", ""), (key, text)
        if lang == "zh" and CJK.search(english) is None and re.search("[A-Za-z]{3}", english):
            # a sentence (not a bare format like "{kind} {strength:.2f}") reads in Chinese
            prose = re.sub(r"\{[^}]*\}", "", english)
            if re.search("[a-z]{3,}", prose):
                assert CJK.search(text), (key, text)


def test_no_template_uses_a_placeholder_say_reserves() -> None:
    clashes = [k for k, t in TEMPLATES.items() if {"lang", "key"} & {f[0] for f in fields(t)}]
    assert not clashes


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("vocabulary", sorted(VOCABULARIES))
def test_every_vocabulary_value_has_a_word_in_every_language(vocabulary: str, lang: str) -> None:
    for value in VOCABULARIES[vocabulary]:
        english = term(vocabulary, value)
        assert english.strip(), (vocabulary, value)
        assert in_catalogue(lang, f"{vocabulary}:{value}", english), (vocabulary, value)
        assert CJK.search(term(vocabulary, value, lang=lang)), (vocabulary, value)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_display_word_in_terms_is_translated(lang: str) -> None:
    missing = [
        f"{vocab}:{value}"
        for vocab, words in TERMS.items()
        for value, english in words.items()
        if not in_catalogue(lang, f"{vocab}:{value}", english)
    ]
    assert not missing


@pytest.mark.parametrize(("synonyms", "enum", "vocabulary"), INPUT_VOCABULARIES)
def test_chinese_vocabulary_words_are_read_back_by_the_loader(
    synonyms: Any, enum: Any, vocabulary: str
) -> None:
    for member in enum:
        word = term(vocabulary, member, lang="zh")
        assert parse_term(enum, synonyms, word) is member, (vocabulary, member, word)


def test_attitude_words_follow_the_practice() -> None:
    words = [term("attitude", v, lang="zh") for v in range(-3, 4)]
    assert words[0] == "强烈反对" and words[3] == "中立" and words[-1] == "排他性支持"
    assert len(set(words)) == 7
    objectives = terms("objective", lang="zh")
    assert objectives["neutralise"] == "中和" and objectives["convert"] == "争取"
    assert term("gap_rule", "single_threaded", lang="zh") == "缺少AB角"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_plan_headers_are_distinct_on_every_sheet(lang: str) -> None:
    for sheet, columns in SHEETS.items():
        headers = [plan_header(sheet, c, lang=lang) for c in columns]
        assert len(set(headers)) == len(headers), (sheet, headers)
        if lang == "en":
            assert headers == list(columns)


def test_plan_sheets_carry_the_names_of_the_three_piece_set() -> None:
    names = terms("plan_sheet", lang="zh")
    assert (names["Status"], names["Targets"], names["Actions"]) == (
        "现状评估表",
        "目标任务书",
        "公关计划",
    )
    assert names["Cards"] == "关键客户拓展卡"


def test_say_falls_back_to_english_for_a_message_the_catalogue_lacks() -> None:
    TEMPLATES["_untranslated"] = "only in English: {x}"
    try:
        assert say("_untranslated", lang="zh", x=1) == "only in English: 1"
    finally:
        del TEMPLATES["_untranslated"]


def test_unknown_language_key_or_value_is_refused_clearly() -> None:
    with pytest.raises(InvalidParameterError, match="expected one of: en, zh"):
        say("cov_nobody", lang="fr")
    with pytest.raises(KeyError, match="no text template 'nope'"):
        say("nope", lang="zh")
    with pytest.raises(KeyError, match="known: initiator"):
        term("role", "boss")
    with pytest.raises(KeyError, match="no vocabulary 'roles'"):
        term("roles", "decider")

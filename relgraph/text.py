"""Every sentence and display word a user reads, in one place (English is the source).

Analyses build their ``why`` texts, gap descriptions and headers with :func:`say`, and show
vocabulary values (roles, attitudes, tie kinds, gap rules …) with :func:`term`. Both take
``lang``: ``"en"`` renders :data:`TEMPLATES` / :data:`TERMS` as written here, ``"zh"`` the
Chinese of the shipped gettext catalogue (:mod:`relgraph.locale`). The English texts live
by topic in :mod:`relgraph.messages`; after adding or changing one, run ``make catalog`` and
translate the new entries of ``relgraph/locale/zh/LC_MESSAGES/relgraph.po``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from relgraph.locale import check_language, translate
from relgraph.messages import TEMPLATES, TERMS

__all__ = [
    "TEMPLATES",
    "TERMS",
    "Message",
    "clauses",
    "message",
    "plan_header",
    "say",
    "term",
    "term_list",
    "terms",
]


def say(key: str, *, lang: str = "en", **values: Any) -> str:
    """Fill the template ``key`` with ``values``, in the language ``lang``.

    Parameters
    ----------
    key : str
        A key of :data:`TEMPLATES`.
    lang : {"en", "zh"}, default "en"
        The language. A template the catalogue does not translate falls back to English
        (``tests/test_i18n.py`` makes sure no shipped language lacks one).
    **values
        The template's placeholders. Values are inserted as given: render vocabulary values
        with :func:`term` and names with :func:`relgraph.locale.person_label` first.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        For an unknown key.
    relgraph.errors.InvalidParameterError
        For a language that is not shipped.

    Examples
    --------
    >>> TEMPLATES["_example"] = "sways {who} as {tie}"
    >>> say("_example", who="the CEO", tie="former boss")
    'sways the CEO as former boss'
    >>> say("cov_gap_uncovered", lang="zh", who="王志远", roles="决定者", extra="")
    '王志远(决定者)在我方没有责任人'
    """
    try:
        template = TEMPLATES[key]
    except KeyError:
        raise KeyError(f"no text template {key!r}") from None
    if lang != "en":
        template = translate(key, template, lang=check_language(lang))
    return template.format(**values)


def clauses(parts: Iterable[str], *, lang: str = "en") -> str:
    """Join the non-empty clauses ``parts`` of one explanation, as the language writes them.

    English separates clauses with "; ", Chinese with ";" (the catalogue's punctuation).

    Examples
    --------
    >>> clauses(["best 0.80", "", "alternative 0.57"])
    'best 0.80; alternative 0.57'
    >>> clauses(["最佳路径 0.80", "独立备选路径 0.57"], lang="zh")
    '最佳路径 0.80;独立备选路径 0.57'
    """
    return say("clause_sep", lang=lang).join(p for p in parts if p)


def _term_key(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def term(vocabulary: str, value: object, *, lang: str = "en") -> str:
    """Return the display word of one vocabulary value, in the language ``lang``.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`TERMS`: ``role``, ``attitude`` (−3..+3 and ``unknown``), ``stance``,
        ``objective``, ``tie_kind``, ``org_kind``, ``party``, ``gap_rule`` (and
        ``gap_rule_check``, what the rule checks), ``severity``, ``stage``,
        ``affiliation_kind``, ``interaction_kind``, ``direction``, ``goal``, ``tier``,
        ``boolean``, ``table``, ``plan_sheet``, ``plan_column``, ``column_type``,
        ``problem_column``, ``reason``.
    value : object
        The canonical value: an enum member or its text (``TieKind.REPORTS_TO``,
        ``"reports_to"``), an attitude as an int (``-3``), a bool for ``boolean``.
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    str
        The word people read; in English the canonical value made readable
        (``"reports to"``), in Chinese the practice's word (``"汇报给"``).

    Raises
    ------
    KeyError
        For an unknown vocabulary or value (the message lists the valid values).

    Examples
    --------
    >>> term("tie_kind", "former_colleague")
    'former colleague'
    >>> term("role", "decider", lang="zh"), term("attitude", -3, lang="zh")
    ('决定者', '强烈反对')
    >>> term("objective", "neutralise", lang="zh"), term("gap_rule", "single_threaded", lang="zh")
    ('中和', '缺少AB角')
    """
    try:
        words = TERMS[vocabulary]
    except KeyError:
        raise KeyError(f"no vocabulary {vocabulary!r}; known: {', '.join(TERMS)}") from None
    key = _term_key(value)
    try:
        english = words[key]
    except KeyError:
        raise KeyError(f"no {vocabulary} {key!r}; known: {', '.join(words)}") from None
    if lang == "en":
        return english
    return translate(f"{vocabulary}:{key}", english, lang=check_language(lang))


def term_list(vocabulary: str, values: str | Iterable[object], *, lang: str = "en") -> str:
    """Return the display words of several values, joined by the language's list separator.

    Parameters
    ----------
    vocabulary : str
        A key of :data:`TERMS`.
    values : str or iterable
        The canonical values, or one text of them separated by commas (``"decider,
        approver"``, as the role columns of result tables hold them).
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    str
        ``""`` for no values.

    Examples
    --------
    >>> term_list("role", "decider, approver"), term_list("role", ["decider", "buyer"], lang="zh")
    ('decider, approver', '决定者、购买者')
    """
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",")]
    words = [term(vocabulary, v, lang=lang) for v in values if str(v).strip()]
    return say("list_sep", lang=lang).join(words)


def terms(vocabulary: str, *, lang: str = "en") -> dict[str, str]:
    """Return every value of a vocabulary with its display word, in :data:`TERMS` order.

    Examples
    --------
    >>> terms("severity", lang="zh")
    {'high': '高', 'medium': '中', 'low': '低'}
    """
    if vocabulary not in TERMS:
        raise KeyError(f"no vocabulary {vocabulary!r}; known: {', '.join(TERMS)}")
    return {value: term(vocabulary, value, lang=lang) for value in TERMS[vocabulary]}


def plan_header(sheet: str, column: str, *, lang: str = "en") -> str:
    """Return the header of a plan workbook column (``relgraph.plan`` sheets) in ``lang``.

    A ``<Sheet>.<column>`` entry of ``TERMS["plan_column"]`` wins over the shared
    ``<column>`` one. English headers are the column identifiers themselves.

    Examples
    --------
    >>> plan_header("Status", "owners", lang="zh"), plan_header("Targets", "attitude", lang="zh")
    ('我方责任人', '当前态度')
    >>> plan_header("Status", "n_owners")
    'n_owners'
    """
    key = f"{sheet}.{column}"
    return term("plan_column", key if key in TERMS["plan_column"] else column, lang=lang)


@dataclass(frozen=True)
class Message:
    """A sentence of the message catalogue: its template key and values, in any language.

    Values that are themselves messages (a "did you mean …?" inside a hint) are rendered in
    the same language.

    Examples
    --------
    >>> m = Message("val_blank_required", (("column", "name"),))
    >>> m.text()
    'name is required and cannot be blank'
    >>> m.text("zh")
    'name 为必填项,不能为空'
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        """Render the sentence in ``lang`` (see :func:`relgraph.text.say`)."""
        values = {k: v.text(lang) if isinstance(v, Message) else v for k, v in self.values}
        return say(self.key, lang=lang, **values)


def message(key: str, /, **values: object) -> Message:
    """Return the :class:`Message` ``key`` with ``values`` (keyword arguments)."""
    return Message(key, tuple(values.items()))

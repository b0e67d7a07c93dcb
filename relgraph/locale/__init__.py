"""The message catalogues: gettext ``.mo`` files compiled with Babel, read with stdlib gettext.

English is the source language: every template of :data:`relgraph.text.TEMPLATES` and every
display word of :data:`relgraph.text.TERMS` is a message whose gettext *context*
(``msgctxt``) is its key and whose ``msgid`` is the English text. A translation is looked up
by both, so changing an English text marks its translations for review (``pybabel update``
flags them fuzzy) instead of silently keeping an outdated sentence.

The catalogue files live beside this module::

    relgraph/locale/relgraph.pot                  every message (made by ``make catalog``)
    relgraph/locale/zh/LC_MESSAGES/relgraph.po    the Chinese translations (edited by hand)
    relgraph/locale/zh/LC_MESSAGES/relgraph.mo    compiled, shipped in the wheel

``make catalog`` runs ``pybabel extract`` (with :func:`relgraph.locale.extract.extract`),
``pybabel update`` and ``pybabel compile``; ``tests/test_i18n.py`` fails when the committed
``.pot`` or ``.mo`` is not what those steps give. Reading a catalogue needs only the standard
library.

Examples
--------
>>> translate("cov_person_dnc", "do not contact", lang="zh")
'请勿联系'
>>> translate("cov_person_dnc", "do not contact", lang="en")
'do not contact'
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "catalog",
    "check_language",
    "label_series",
    "org_label",
    "person_label",
    "translate",
]

#: The gettext domain: the catalogue files are called ``relgraph.po`` / ``relgraph.mo``.
DOMAIN = "relgraph"
#: The folder holding ``<lang>/LC_MESSAGES/relgraph.mo``.
LOCALE_DIR = Path(__file__).resolve().parent
#: Shipped languages and their BCP 47 tags (for ``<html lang=...>``).
LANGUAGES: Mapping[str, str] = MappingProxyType({"en": "en", "zh": "zh-CN"})


def check_language(lang: object) -> str:
    """Return ``lang`` when it is a shipped language, else raise a clear error.

    Parameters
    ----------
    lang : object
        A language code, ``"en"`` or ``"zh"``.

    Returns
    -------
    str

    Raises
    ------
    relgraph.errors.InvalidParameterError
        For anything else (the message names the valid codes).

    Examples
    --------
    >>> check_language("zh")
    'zh'
    >>> check_language("cn")
    Traceback (most recent call last):
    ...
    relgraph.errors.InvalidParameterError: lang = 'cn' is not valid; expected one of: en, zh
    """
    if isinstance(lang, str) and lang in LANGUAGES:
        return lang
    from relgraph.checks import check_choice

    return str(check_choice("lang", lang, tuple(LANGUAGES)))


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """Return the compiled catalogue of a shipped language (English: the identity).

    Parameters
    ----------
    lang : str
        ``"en"`` or ``"zh"``.

    Returns
    -------
    gettext.NullTranslations
        A :class:`gettext.GNUTranslations` read from the shipped ``.mo`` file; for English a
        :class:`gettext.NullTranslations`, which returns every message as given.

    Raises
    ------
    FileNotFoundError
        When the ``.mo`` file of a shipped language is missing (a broken install).

    Examples
    --------
    >>> catalog("zh").pgettext("severity:high", "high")
    '高'
    """
    if check_language(lang) == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


def translate(context: str, message: str, *, lang: str) -> str:
    """Translate one message, identified by its context and its English text.

    Parameters
    ----------
    context : str
        The message's key: a template key (``"cov_gap_uncovered"``), or
        ``"<vocabulary>:<value>"`` for a display word (``"role:decider"``).
    message : str
        The English text (the ``msgid``).
    lang : str
        ``"en"`` or ``"zh"``.

    Returns
    -------
    str
        The translation; the English text when the catalogue has none (the completeness
        test forbids that for shipped languages).

    Examples
    --------
    >>> translate("role:decider", "decider", lang="zh")
    '决定者'
    """
    return catalog(lang).pgettext(context, message)


# -- names in one consistent order per language ------------------------------------------
_HAS_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def _blank(value: object) -> bool:
    return value is None or value != value or str(value).strip() == ""


def person_label(name: str, name_en: object = None, *, lang: str = "en") -> str:
    """Return how a person is named in outputs, in one consistent order per language.

    English: ``name (name_en)`` when an English rendering is given and differs (the order of
    ``net.labels``). Chinese: the name alone when it is written in Chinese characters, else
    ``name (name_en)`` as in English. A blank ``name_en`` never hides the name.

    Parameters
    ----------
    name : str
        The name as the team writes it (``people.name``).
    name_en : str, optional
        Its English (or other) rendering (``people.name_en``); blank or NaN for none.
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    str

    Examples
    --------
    >>> person_label("王志远", "Wang Zhiyuan")
    '王志远 (Wang Zhiyuan)'
    >>> person_label("王志远", "Wang Zhiyuan", lang="zh")
    '王志远'
    >>> person_label("Anna Berg", "", lang="zh"), person_label("Li Na", "李娜", lang="zh")
    ('Anna Berg', 'Li Na (李娜)')
    """
    name = str(name)
    chinese = check_language(lang) == "zh"
    if _blank(name_en) or str(name_en).strip() == name or (chinese and _HAS_CJK.search(name)):
        return name
    return f"{name} ({str(name_en).strip()})"


def org_label(name: str, name_en: object = None, *, lang: str = "en") -> str:
    """Return how an organisation is named in outputs: the same order as :func:`person_label`.

    Examples
    --------
    >>> org_label("星河移动", "Xinghe Mobile"), org_label("星河移动", "Xinghe Mobile", lang="zh")
    ('星河移动 (Xinghe Mobile)', '星河移动')
    """
    return person_label(name, name_en, lang=lang)


def label_series(names: pd.Series, names_en: pd.Series, *, lang: str = "en") -> pd.Series:
    """Vectorised :func:`person_label` / :func:`org_label` over two aligned columns.

    Parameters
    ----------
    names, names_en : pandas.Series
        ``name`` and ``name_en`` of a table, on the same index (NaN, None or "" = none).
    lang : {"en", "zh"}, default "en"

    Returns
    -------
    pandas.Series
        One label per row, same index; equal to :func:`person_label` row by row.

    Examples
    --------
    >>> import pandas as pd
    >>> label_series(pd.Series(["王志远", "Ann"]), pd.Series(["Wang Zhiyuan", None]),
    ...              lang="zh").tolist()
    ['王志远', 'Ann']
    """
    chinese = check_language(lang) == "zh"
    name = names.astype(str)
    en = names_en.astype(object).where(names_en.notna(), "").astype(str).str.strip()
    both = en.ne("") & en.ne(name)
    if chinese:
        both &= ~name.str.contains(_HAS_CJK.pattern, regex=True)
    return name.where(~both, name + " (" + en + ")")

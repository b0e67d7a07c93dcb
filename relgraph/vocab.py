"""The vocabularies (roles, tie kinds, org kinds …) and every word a user may type for them.

Each vocabulary is an enum whose members compare equal to their canonical lower-case
string; the ``*_SYNONYMS`` tables map English, Chinese and Salesforce words to them
(documented in ``docs/data-format.md``). :func:`parse_term` reads one value,
:func:`normalize_term` is the comparison key, :func:`suggest` the "did you mean".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from enum import Enum
from types import MappingProxyType
from typing import TypeVar

from relgraph.errors import InvalidParameterError
from relgraph.text import message

__all__ = [
    "AFFILIATION_KIND_SYNONYMS",
    "DIRECTION_SYNONYMS",
    "GOAL_SYNONYMS",
    "INTERACTION_KIND_SYNONYMS",
    "ORG_KIND_SYNONYMS",
    "ROLE_SYNONYMS",
    "STAGE_SYNONYMS",
    "TIE_KIND_SYNONYMS",
    "AffiliationKind",
    "Direction",
    "Goal",
    "InteractionKind",
    "OrgKind",
    "Role",
    "Stage",
    "TieKind",
    "normalize_term",
    "parse_term",
    "suggest",
]


class _Vocab(str, Enum):
    """A vocabulary: members compare equal to their canonical lower-case string."""

    def __str__(self) -> str:
        return str(self.value)


class Role(_Vocab):
    """A buying role in an opportunity's decision chain (DOMAIN.md §3).

    Members compare equal to their canonical word; :func:`parse_term` also accepts the
    Chinese and CRM synonyms listed in the data-format reference.

    Examples
    --------
    >>> Role.DECIDER == "decider"
    True
    >>> parse_term(Role, ROLE_SYNONYMS, "Economic Decision Maker")
    <Role.DECIDER: 'decider'>
    """

    INITIATOR = "initiator"
    USER = "user"
    INFLUENCER = "influencer"
    DECIDER = "decider"
    APPROVER = "approver"
    BUYER = "buyer"
    GATEKEEPER = "gatekeeper"
    OTHER = "other"


class TieKind(_Vocab):
    """The kind of a tie between two people (DESIGN.md §1).

    Members compare equal to their canonical word; :func:`parse_term` also accepts the
    Chinese and CRM synonyms listed in the data-format reference.

    Examples
    --------
    >>> TieKind.ALUMNI == "alumni"
    True
    >>> parse_term(TieKind, TIE_KIND_SYNONYMS, "校友")
    <TieKind.ALUMNI: 'alumni'>
    >>> TieKind.REPORTS_TO.directed, TieKind.FRIEND.personal
    (True, True)
    """

    REPORTS_TO = "reports_to"
    INFLUENCES = "influences"
    COVERS = "covers"
    INFORMS = "informs"
    FAMILY = "family"
    FRIEND = "friend"
    FORMER_COLLEAGUE = "former_colleague"
    ALUMNI = "alumni"
    NEIGHBOUR = "neighbour"
    CLUB = "club"
    FAITH = "faith"
    WORKS_WITH = "works_with"
    SUPPLIER = "supplier"
    CUSTOMER_OF = "customer_of"
    OTHER = "other"

    @property
    def directed(self) -> bool:
        """Whether the tie's direction carries meaning (formal, influence and our ties)."""
        return self in _DIRECTED_KINDS

    @property
    def personal(self) -> bool:
        """Whether the tie is a personal (undirected) relationship."""
        return self not in _DIRECTED_KINDS


_DIRECTED_KINDS = frozenset(
    {TieKind.REPORTS_TO, TieKind.INFLUENCES, TieKind.COVERS, TieKind.INFORMS}
)


class OrgKind(_Vocab):
    """What an organisation is to us.

    Members compare equal to their canonical word; :func:`parse_term` also accepts the
    Chinese and CRM synonyms listed in the data-format reference.

    Examples
    --------
    >>> OrgKind.COMPETITOR == "competitor"
    True
    >>> parse_term(OrgKind, ORG_KIND_SYNONYMS, "竞争对手")
    <OrgKind.COMPETITOR: 'competitor'>
    """

    CUSTOMER = "customer"
    US = "us"
    COMPETITOR = "competitor"
    PARTNER = "partner"
    OTHER = "other"


class AffiliationKind(_Vocab):
    """A shared circle that can become a tie (DOMAIN.md §7).

    Members compare equal to their canonical word; :func:`parse_term` also accepts the
    Chinese and CRM synonyms listed in the data-format reference.

    Examples
    --------
    >>> AffiliationKind.SCHOOL == "school"
    True
    >>> parse_term(AffiliationKind, AFFILIATION_KIND_SYNONYMS, "学校")
    <AffiliationKind.SCHOOL: 'school'>
    """

    SCHOOL = "school"
    CLUB = "club"
    EMPLOYER = "employer"
    NEIGHBOURHOOD = "neighbourhood"
    FAITH = "faith"
    OTHER = "other"


class Goal(_Vocab):
    """The business goal of an opportunity (DOMAIN.md §6).

    Members compare equal to their canonical word; :func:`parse_term` also accepts the
    Chinese and CRM synonyms listed in the data-format reference.

    Examples
    --------
    >>> Goal.BREAKTHROUGH == "breakthrough"
    True
    >>> parse_term(Goal, GOAL_SYNONYMS, "突破")
    <Goal.BREAKTHROUGH: 'breakthrough'>
    """

    BREAKTHROUGH = "breakthrough"
    SHARE = "share"
    PROFIT = "profit"
    COMPETITIVE = "competitive"


class Stage(_Vocab):
    """A stage of the buying process, in order (DOMAIN.md §3).

    Members compare equal to their canonical word; :func:`parse_term` also accepts the
    Chinese and CRM synonyms listed in the data-format reference.

    Examples
    --------
    >>> Stage.EVALUATION == "evaluation"
    True
    >>> parse_term(Stage, STAGE_SYNONYMS, "评估")
    <Stage.EVALUATION: 'evaluation'>
    >>> [str(s) for s in Stage][:3]
    ['need', 'specification', 'evaluation']
    """

    NEED = "need"
    SPECIFICATION = "specification"
    EVALUATION = "evaluation"
    DECISION = "decision"
    APPROVAL = "approval"
    PURCHASE = "purchase"


class InteractionKind(_Vocab):
    """The kind of a logged touchpoint between our person and customer people (issue 9).

    Members compare equal to their canonical word; :func:`parse_term` also accepts the
    Chinese and CRM synonyms listed in the data-format reference.

    Examples
    --------
    >>> InteractionKind.CALL == "call"
    True
    >>> parse_term(InteractionKind, INTERACTION_KIND_SYNONYMS, "电话")
    <InteractionKind.CALL: 'call'>
    """

    MEETING = "meeting"
    CALL = "call"
    VISIT = "visit"
    MEAL = "meal"
    EVENT = "event"
    EMAIL = "email"
    TRAINING = "training"
    COMPLAINT = "complaint"
    ISSUE_CLOSED = "issue_closed"
    OTHER = "other"


class Direction(_Vocab):
    """Who initiated a touchpoint: we did, they did, or both sides (a joint event).

    Members compare equal to their canonical word; :func:`parse_term` also accepts the
    Chinese and CRM synonyms listed in the data-format reference.

    Examples
    --------
    >>> Direction.THEIRS == "theirs"
    True
    >>> parse_term(Direction, DIRECTION_SYNONYMS, "inbound")
    <Direction.THEIRS: 'theirs'>
    """

    OURS = "ours"
    THEIRS = "theirs"
    MUTUAL = "mutual"


def _syn(table: dict[str, Iterable[str]]) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for canonical, words in table.items():
        for word in (canonical, *words):
            out[normalize_term(word)] = canonical
    return MappingProxyType(out)


def normalize_term(value: object) -> str:
    """Fold a vocabulary word for lookup: strip, lower-case, and unify separators.

    Parameters
    ----------
    value : object
        What the user wrote.

    Returns
    -------
    str
        The folded form: ``"Economic  Decision-Maker "`` becomes ``"economic decision maker"``.

    Examples
    --------
    >>> normalize_term(" Former-Colleague ")
    'former colleague'
    """
    text = str(value).strip().lower().replace("_", " ").replace("-", " ")
    return " ".join(text.split())


#: Words accepted for each buying role: English, Chinese, and Salesforce contact roles.
ROLE_SYNONYMS: Mapping[str, str] = _syn(
    {
        "initiator": ["发起者", "发起人", "需求方", "requester"],
        "user": ["使用者", "用户", "business user", "end user", "使用人"],
        "influencer": [
            "影响者",
            "影响人",
            "evaluator",
            "technical buyer",
            "technical evaluator",
            "评估者",
            "技术把关者",
        ],
        "decider": [
            "决定者",
            "决策者",
            "拍板人",
            "decision maker",
            "economic decision maker",
            "final decision maker",
        ],
        "approver": ["批准者", "审批者", "审批人", "economic buyer", "executive sponsor"],
        "buyer": ["购买者", "采购者", "采购", "procurement", "purchaser", "purchasing"],
        "gatekeeper": ["控制者", "把关者", "守门人", "gate keeper"],
        "other": ["其他", "其它"],
    }
)

#: Words accepted for each tie kind.
TIE_KIND_SYNONYMS: Mapping[str, str] = _syn(
    {
        "reports_to": ["reports to", "汇报", "汇报给", "上级", "直属上级", "manager"],
        "influences": ["影响", "sways", "influence"],
        "covers": ["负责", "对接", "owner", "owns", "account owner"],
        "informs": ["信息渠道", "informant", "information channel"],
        "family": ["亲属", "家人", "家庭", "配偶", "spouse", "relative", "亲戚"],
        "friend": ["朋友", "好友", "friendship"],
        "former_colleague": ["前同事", "老同事", "ex colleague", "former boss", "老领导"],
        "alumni": ["校友", "同学", "classmate", "alumnus", "alumna"],
        "neighbour": ["邻居", "neighbor"],
        "club": ["俱乐部", "球友", "club member"],
        "faith": ["宗教", "信仰", "religion", "church"],
        "works_with": [
            "同事",
            "合作",
            "工作往来",
            "colleague",
            "coworker",
            "co worker",
            "works with",
        ],
        "supplier": ["供应商", "vendor"],
        "customer_of": ["客户", "customer", "customer of"],
        "other": ["其他", "其它"],
    }
)

#: Words accepted for each organisation kind.
ORG_KIND_SYNONYMS: Mapping[str, str] = _syn(
    {
        "customer": ["客户", "account", "client"],
        "us": ["我方", "我们", "本公司", "ours", "our company", "self", "we"],
        "competitor": ["竞争对手", "友商", "对手", "rival"],
        "partner": ["合作伙伴", "伙伴", "渠道", "channel", "reseller"],
        "other": ["其他", "其它"],
    }
)

#: Words accepted for each affiliation kind.
AFFILIATION_KIND_SYNONYMS: Mapping[str, str] = _syn(
    {
        "school": ["学校", "大学", "university", "college", "alma mater"],
        "club": ["俱乐部", "协会", "association"],
        "employer": ["雇主", "前雇主", "former employer", "company"],
        "neighbourhood": ["小区", "社区", "neighborhood", "home"],
        "faith": ["宗教", "信仰", "religion", "church", "temple"],
        "other": ["其他", "其它"],
    }
)

#: Words accepted for each opportunity goal.
GOAL_SYNONYMS: Mapping[str, str] = _syn(
    {
        "breakthrough": ["突破", "new logo", "new customer"],
        "share": ["份额", "market share"],
        "profit": ["利润", "margin"],
        "competitive": ["竞争", "beat competitor", "win back"],
    }
)

#: Words accepted for each buying stage.
STAGE_SYNONYMS: Mapping[str, str] = _syn(
    {
        "need": ["需求", "initiation", "identify need"],
        "specification": ["规格", "技术规范", "spec", "requirements"],
        "evaluation": ["评估", "评标", "evaluate"],
        "decision": ["决策", "决定", "decide", "award"],
        "approval": ["审批", "批准", "approve"],
        "purchase": ["采购", "purchasing", "contract", "buy"],
    }
)

#: Words accepted for each interaction kind: English, Chinese and CRM activity types.
INTERACTION_KIND_SYNONYMS: Mapping[str, str] = _syn(
    {
        "meeting": ["会议", "会谈", "开会", "座谈", "交流", "汇报会", "meet", "in person meeting"],
        "call": ["电话", "通话", "电话会议", "phone", "phone call", "log a call", "video call"],
        "visit": ["拜访", "走访", "登门拜访", "参观", "考察", "site visit", "customer visit"],
        "meal": ["宴请", "吃饭", "聚餐", "饭局", "晚宴", "lunch", "dinner", "breakfast"],
        "event": ["论坛", "展会", "峰会", "活动", "研讨会", "forum", "exhibition", "conference"],
        "email": ["邮件", "电子邮件", "e mail", "mail", "send email", "letter"],
        "training": ["培训", "讲座", "workshop", "seminar"],
        "complaint": ["投诉", "客户投诉", "问题", "issue", "case", "escalation", "complain"],
        "issue_closed": ["问题关闭", "投诉关闭", "已解决", "结案", "resolved", "closed", "close"],
        "other": ["其他", "其它", "task", "to do"],
    }
)

#: Words accepted for who initiated a touchpoint.
DIRECTION_SYNONYMS: Mapping[str, str] = _syn(
    {
        "ours": ["我方", "我方发起", "主动", "outbound", "us", "we", "our"],
        "theirs": ["客户", "客户发起", "对方", "对方发起", "inbound", "them", "they", "customer"],
        "mutual": ["双方", "共同", "相互", "both", "joint", "two way"],
    }
)

_E = TypeVar("_E", bound=_Vocab)


def suggest(value: object, choices: Iterable[str]) -> str | None:
    """Return the closest valid word to ``value``, or None when nothing is close.

    Examples
    --------
    >>> suggest("freind", TIE_KIND_SYNONYMS)
    'friend'
    >>> suggest("zzzz", TIE_KIND_SYNONYMS) is None
    True
    >>> suggest("c01", ["C001", "C002", "U1"])
    'C001'
    >>> suggest("朋有", TIE_KIND_SYNONYMS)  # one character of two off: close for Chinese
    '朋友'

    Notes
    -----
    Closeness is :class:`difflib.SequenceMatcher`'s ratio, at least 0.6; for words with
    Chinese (or other CJK) characters, where one character carries a whole syllable and
    words are two or three characters long, at least 0.5.
    """
    folded: dict[str, str] = {}
    for choice in choices:
        folded.setdefault(normalize_term(choice), str(choice))
    key = normalize_term(value)
    cutoff = 0.5 if any("\u2e80" <= ch <= "\u9fff" for ch in key) else 0.6
    found = difflib.get_close_matches(key, list(folded), n=1, cutoff=cutoff)
    return folded[found[0]] if found else None


def parse_term(enum: type[_E], synonyms: Mapping[str, str], value: object) -> _E:
    """Turn a user's word into a vocabulary member, or raise a clear error with a hint.

    Parameters
    ----------
    enum : type of Enum
        The vocabulary, e.g. :class:`Role`.
    synonyms : Mapping
        Its synonym table, e.g. :data:`ROLE_SYNONYMS`.
    value : object
        The user's word, in English, Chinese or CRM wording.

    Returns
    -------
    Enum member

    Raises
    ------
    InvalidParameterError
        When the word is unknown (a ``ValueError``); the message names the closest valid
        word.

    Examples
    --------
    >>> parse_term(Role, ROLE_SYNONYMS, "决定者")
    <Role.DECIDER: 'decider'>
    >>> parse_term(Role, ROLE_SYNONYMS, "Economic Decision Maker")
    <Role.DECIDER: 'decider'>
    """
    if isinstance(value, enum):
        return value
    key = normalize_term(value)
    if key in synonyms:
        return enum(synonyms[key])
    near = suggest(value, synonyms)
    valid = ", ".join(m.value for m in enum)
    dym = message("err_did_you_mean", near=repr(near)) if near else ""
    name = enum.__name__.lower()
    text = message("err_unknown_term", name=name, value=repr(value), dym=dym, valid=valid)
    raise InvalidParameterError(
        name, value, message("exp_one_of", choices=valid), near, message=text
    )

"""The role of each part of a document: tasks, or context, targets and formal clauses around them.

指导思想, 基本原则 and 发展目标 are read and shown but are not tasks: a national guiding idea with
no local counterpart is no gap, and targets go to the targets comparison. The role is read from a
heading's title (its first clause), inherited by everything under it, and can be set by the user
(`Document.with_roles`). A regulation's effective-date or interpreting-body clause (本办法自…施行,
由…负责解释) is formal.
"""
from __future__ import annotations

import re
from dataclasses import replace

from compare.documents.keys import key_of
from compare.documents.model import Item, SectionRole, title_of

_TASK_WORDS = r"重点任务|主要任务|工作任务|重点工作|主要举措|保障措施|政策措施|具体措施|工作措施|支持政策|组织实施|实施保障|组织保障|主要内容|任务分工"
_TARGET_WORDS = r"发展目标|主要目标|工作目标|总体目标|预期目标|建设目标|具体目标|行动目标|阶段目标|目标要求"
_CONTEXT_WORDS = (
    r"指导思想|总体要求|基本原则|工作原则|主要原则|总体思路|基本思路|发展思路|重要意义|背景|发展基础|发展现状|现状|形势|"
    r"总体考虑|编制依据|政策依据|适用范围"
)
_FORMAL_WORDS = r"附\s*则"
_TITLE_CHARS = 16  # a role word inside a longer title ("完善…的工作原则和实施机制") is not a heading of that role

_LAW = r"(?:办法|条例|规定|细则|实施细则|规则|方案|意见|通知|措施|政策|决定|规范|指引)"
_FORMAL = re.compile(rf"本(?:实施|行动|工作|暂行|试行)?{_LAW}(?:自.{{0,40}}(?:施行|实施|执行|生效)|由.{{1,40}}负责解释|的解释权)")
# "2019年印发的《…》同时废止。": the clause that repeals what this text replaces.
_REPEAL = re.compile(r"(?:同时|予以|一并)废止$|(?:同时)?停止执行$")
_CLAUSE_TITLE_CHARS = 10  # "执行期限。本措施自…实施": a short title before the clause
# Under a 附则 heading, the clauses every policy ends with: no double subsidies, which rule
# prevails. Elsewhere such words sit inside a measure.
_BOILERPLATE = re.compile(rf"不(?:得)?重复(?:享受|支持|奖励|补助|申报)|就高不重复|从高不重复|与本{_LAW}不一致")


def heading_role(title: str) -> SectionRole | None:
    """The role a heading's title names ("总体要求" -> CONTEXT), or None for an ordinary title."""
    title = key_of(title).strip().rstrip("。.:：")
    if not title or len(title) > _TITLE_CHARS:
        return None
    if re.search(_TASK_WORDS, title):
        return SectionRole.TASK
    if re.search(_TARGET_WORDS, title):
        return SectionRole.TARGET
    if re.search(_CONTEXT_WORDS, title):
        return SectionRole.CONTEXT
    if re.fullmatch(_FORMAL_WORDS, title):
        return SectionRole.FORMAL
    return None


def _opening_sentence(text: str) -> str:
    """The first sentence of `text`, past a short title ("执行期限。本措施自…")."""
    sentences = [s.strip() for s in re.split(r"[。；;\n]", key_of(text)) if s.strip()]
    if len(sentences) > 1 and len(sentences[0]) <= _CLAUSE_TITLE_CHARS and not _FORMAL.match(sentences[0]):
        return sentences[1]
    return sentences[0] if sentences else ""


def _formal_opening(opening: str) -> bool:
    return bool(_FORMAL.match(opening) or _REPEAL.search(opening))


def is_formal_clause(text: str) -> bool:
    """Whether `text` opens with an effective-date or interpreting-body clause (本办法自…施行,
    本政策由…负责解释): a measure that ends with one, or mentions one ("在本办法自…施行后3个月内
    制定细则"), stays a measure."""
    return _formal_opening(_opening_sentence(text))


def clause_role(item: Item, under_formal: bool = False) -> SectionRole | None:
    """FORMAL for a regulation's effective-date or interpreting-body clause, and under a 附则
    heading for its boilerplate (`_BOILERPLATE`); else None.

    Purpose, scope and definition articles stay tasks: a local regulation restates them and a
    reviewer expects them paired (the labelled regulation cases link them)."""
    if len(item.text) > 300:
        return None
    opening = _opening_sentence(item.text)
    formal = _formal_opening(opening) or (under_formal and bool(_BOILERPLATE.search(opening)))
    return SectionRole.FORMAL if formal else None


def assign_roles(items: list[Item]) -> list[Item]:
    """Each item's role: named by its own title, else its clause, else its parent's; TASK by default."""
    role_of: dict[str, SectionRole] = {}
    formal_headings: set[str] = set()
    out: list[Item] = []
    for item in items:
        inherited = role_of.get(item.parent or "", SectionRole.TASK)
        own = heading_role(title_of(item.text)) if item.text else None
        if own is SectionRole.FORMAL:
            formal_headings.add(item.id)
        under_formal = (item.parent or "") in formal_headings
        # A role the segmenter already knows (closing words) stands.
        role = item.role if item.role is not SectionRole.TASK else own or clause_role(item, under_formal) or inherited
        if own is None and inherited is not SectionRole.TASK:
            role = inherited  # under 总体要求 everything is context, whatever it says
        # 附则 marks its own heading only: the articles under it are judged one by one (a 附则 can
        # still assign a task: "市民政部门应当制定…招标指引").
        role_of[item.id] = inherited if own is SectionRole.FORMAL else role
        out.append(replace(item, role=role) if role is not item.role else item)
    return out

"""Who leads and who supports each task: responsibility extraction and the department × task matrix.

A 分工方案 or an action plan says who is responsible in three ways, all read here:

- table columns (负责部门, 牵头单位, 配合单位, 责任单位, 国家分工 …), kept by the readers as item attributes;
- tags in parentheses after a task (（省工业和信息化厅、省通信管理局分工负责）), the trailing one already
  split off by the segmenter into the attribute 负责部门, others still inside the text;
- wording in the text itself (由市商务局牵头，市发展改革委等配合; 市政府办公厅会同市协同办 …).

Names come back canonical (`compare.analyses.unit_names.normalise_unit`), so 区发改委 and 区发展改革委 count once.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from compare.documents.model import Document, Item
from compare.documents.normalize import matching_key
from compare.analyses.unit_names import looks_like_unit, naming_variants, normalise_unit, split_units

__all__ = [
    "DepartmentMatrix",
    "LEAD",
    "SUPPORT",
    "Responsibility",
    "department_matrix",
    "responsibility_of",
]

LEAD = "牵头"
SUPPORT = "配合"

# Role words inside a tag, longest first. 会同 makes what precedes it lead and what follows support.
_ROLE = re.compile(
    r"牵头负责|牵头|按照职责分工负责|按职责分工负责|按职责负责|分工负责|分别负责|共同负责|负责|"
    r"配合|参与|协助|协同|协办|会同"
)
_SUPPORT_WORDS = ("配合", "参与", "协助", "协同", "协办")
# 牵头单位：… 配合单位：… inside one cell or tag.
_FIELD = re.compile(
    r"(牵头单位|牵头部门|责任单位|责任部门|负责单位|负责部门|主责单位|主办单位|配合单位|配合部门|协办单位|参与单位|协助单位)[:：]"
)
# A parenthesis inside an item's text that may be a tag.
_PAREN = re.compile(r"[(]([^()]{2,160})[)]")
# Clause breaks in running text: a unit list never spans them.
_CLAUSE = re.compile(r"[，,。；;：:！!？?\n]")
# Characters that continue a body's name after something that already looks like one (市政府|办公厅).
_CONTINUES = re.compile(r"^(?:门|办公|委员|管委|局|厅|委|办|部|中心|集团|分行|分公司|公司|公|会|室|院|处)")


@dataclass(frozen=True, slots=True)
class Responsibility:
    lead: tuple[str, ...] = ()  # canonical names, in the order written
    support: tuple[str, ...] = ()

    @property
    def units(self) -> tuple[str, ...]:
        return self.lead + self.support

    def __bool__(self) -> bool:
        return bool(self.lead or self.support)


class _Roles:
    """Lead and support names collected in order, each unit once (lead wins)."""

    def __init__(self) -> None:
        self.lead: dict[str, str] = {}  # canonical -> first spelling
        self.support: dict[str, str] = {}

    def add(self, names: Iterable[str], role: str) -> None:
        target = self.lead if role == LEAD else self.support
        for name in names:
            canonical = normalise_unit(name)
            if canonical and looks_like_unit(canonical):
                target.setdefault(canonical, name)

    def merge(self, other: _Roles) -> None:
        for canonical, name in other.lead.items():
            self.lead.setdefault(canonical, name)
        for canonical, name in other.support.items():
            self.support.setdefault(canonical, name)

    def result(self) -> Responsibility:
        return Responsibility(tuple(self.lead), tuple(c for c in self.support if c not in self.lead))

    def spellings(self) -> list[str]:
        return list(self.lead.values()) + list(self.support.values())


def _parse_tag(text: str, default: str = LEAD) -> _Roles:
    """Roles in a tag or a responsibility cell: "A、B牵头，C配合", "A会同B负责", "责任单位：A、B"."""
    roles = _Roles()
    key = matching_key(text)
    fields = list(_FIELD.finditer(key))
    if fields:
        for n, m in enumerate(fields):
            end = fields[n + 1].start() if n + 1 < len(fields) else len(key)
            label = m.group(1)
            role = SUPPORT if any(w in label for w in _SUPPORT_WORDS) else LEAD
            roles.merge(_parse_tag(key[m.end() : end], role))
        return roles
    has_lead_word = LEAD in key
    after_with = False
    start = 0
    for m in _ROLE.finditer(key):
        word = m.group(0)
        names = split_units(key[start : m.start()])
        if word == "会同":
            roles.add(names, LEAD)
            after_with = True
        elif after_with or any(w in word for w in _SUPPORT_WORDS):
            roles.add(names, SUPPORT)
            after_with = False
        elif LEAD in word or not has_lead_word:
            roles.add(names, LEAD)  # 牵头; or 负责 where nobody is said to lead
        else:
            roles.add(names, SUPPORT)  # "A牵头，B负责": B carries out, A leads
        start = m.end()
    rest = split_units(key[start:])
    if after_with:
        roles.add(rest, SUPPORT)
    elif rest:
        roles.add(rest, default if not roles.lead else SUPPORT)
    return roles


def _is_tag(inner: str) -> bool:
    """A parenthesis that assigns units rather than explains (（包括自然灾害、事故灾难…）)."""
    key = matching_key(inner)
    names = split_units(key)
    if not names:
        return False
    if _ROLE.search(key) or _FIELD.search(key):
        return True
    return all(looks_like_unit(normalise_unit(n)) for n in re.split(r"[、,，;；]", key) if n.strip("等 "))


def _leading_unit(text: str) -> str:
    """The unit name a clause starts with ("市协同办定期开展…" -> "市协同办"), "" when none."""
    for end in range(2, min(len(text), 24) + 1):
        head = text[:end]
        if looks_like_unit(head) and not _CONTINUES.match(text[end:]):
            return head
    return ""


def _units_only(chunk: str) -> list[str]:
    """The names of a clause made only of unit names ("由市商务局", "市发展改革委等"), else []."""
    pieces = [p for p in re.split(r"[、]", re.sub(r"^由", "", chunk)) if p]
    pieces = [re.sub(r"等$", "", p) for p in pieces]
    if not pieces or not all(looks_like_unit(p) and len(p) <= 24 for p in pieces):
        return []
    return pieces


def _parse_wording(text: str) -> _Roles:
    """牵头 / 会同 / 配合 / 负责 wording in running text, where a clause names only units before the word."""
    roles = _Roles()
    key = matching_key(text)
    for clause in _CLAUSE.split(key):
        for m in _ROLE.finditer(clause):
            word = m.group(0)
            before = clause[: m.start()]
            names = _units_only(before)
            if not names:
                break  # the clause opens with something else: the role word is about the subject of the text
            if word == "会同":
                roles.add(names, LEAD)
                after = _leading_unit(clause[m.end() :])
                roles.add([after] if after else [], SUPPORT)
                break
            roles.add(names, SUPPORT if any(w in word for w in _SUPPORT_WORDS) else LEAD)
            break
    return roles


_BY = re.compile(r"由([^，,。；;：:]{2,60}?)(?:牵头|负责|组织|统筹|承担)")
# A subject taken for a unit ends like a government body (looser endings, …处 or …中心, also end
# ordinary phrases: 落到实处, 研发中心) and is short unless it names its level or place.
_BODY_ENDINGS = r"(?:局|厅|委|办|部|管委会|委员会|办公室|政府)"
_BODY_NAME = re.compile(rf"^.{{1,7}}{_BODY_ENDINGS}$")
_WORDS_LIKE_BODIES = ("格局", "布局", "大局", "全局", "结局", "开局", "当局")
# A body named with its level or place anywhere in the text (…报送至省工业和信息化厅…); not 区域,
# 市场, 县域, 乡村, which only start like one.
_PLACED_BODY = re.compile(rf"(?:国务院|国家|省(?!份)|市(?!场)|区(?!域|别)|县(?!域)|镇|乡(?!村)|街道)[^，,。；;：:、（）()\s]{{1,10}}?{_BODY_ENDINGS}")


def _mentioned_units(text: str) -> list[str]:
    """Units a text names without a role word: a clause that opens with one or more units as its
    subject (区经发局、区建设局加快…), "由…负责" inside a clause, or a body named with its level or
    place anywhere (省工业和信息化厅). Not counted as leads; enough to say the text names a unit."""
    key = matching_key(text)
    found = [name for m in _BY.finditer(key) for name in split_units(m.group(1))]
    found += [
        m.group() for m in _PLACED_BODY.finditer(key)
        if not _CONTINUES.match(key[m.end() :]) and looks_like_unit(normalise_unit(m.group()))
    ]
    for clause in _CLAUSE.split(key):
        while (
            (head := _leading_unit(clause))
            and (_PLACED_BODY.fullmatch(head) or (_BODY_NAME.match(head) and not head.endswith(_WORDS_LIKE_BODIES)))
            and not clause[len(head) :].startswith(("的", "和", "与"))
        ):
            found.append(head)
            rest = clause[len(head) :]
            if not rest.startswith("、"):
                break  # the subject ends here
            clause = rest[1:]
    return found


def _column_role(name: str) -> str | None:
    """How a table column names units: LEAD, SUPPORT, "assignment" (上级分工) or None (not a unit column)."""
    if "需" in name or "事项" in name or "工作" in name:
        return None  # 需市级部门协助开展的工作: help asked of another level, not this item's units
    if any(w in name for w in _SUPPORT_WORDS):
        return SUPPORT
    if any(w in name for w in ("牵头", "负责", "责任", "主责", "主办", "承办", "部门", "单位")):
        return LEAD
    if "分工" in name:
        return "assignment"
    return None


def _roles_of(item: Item) -> _Roles:
    roles = _Roles()
    assignments: list[str] = []
    for name, value in item.attributes:
        role = _column_role(name)
        if role == "assignment":
            assignments.append(value)
        elif role is not None:
            roles.merge(_parse_tag(value, role))
    if not roles.lead:
        for value in assignments:
            roles.merge(_parse_tag(value, LEAD))
    key = matching_key(item.text)
    for m in _PAREN.finditer(key):
        if _is_tag(m.group(1)):
            roles.merge(_parse_tag(m.group(1)))
    plain = _PAREN.sub("", key)
    roles.merge(_parse_wording(plain))
    # "…改造。责任单位：区建设局" written into the text itself, outside parentheses.
    field = _FIELD.search(plain)
    if field:
        roles.merge(_parse_tag(plain[field.start():].split("。")[0]))
    return roles


def responsibility_of(item: Item) -> Responsibility:
    """The canonical lead and support units of one item (empty when the document does not say)."""
    return _roles_of(item).result()


@dataclass(frozen=True, slots=True)
class DepartmentMatrix:
    units: tuple[str, ...]  # canonical names, most leads first
    items: tuple[Item, ...]  # the document's task items, in document order
    roles: dict[tuple[str, str], str]  # (unit, item id) -> LEAD | SUPPORT
    items_without_lead: tuple[Item, ...]  # tasks naming no unit, with no lead in their parent or their parts
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()  # units written in more than one way
    responsibilities: dict[str, Responsibility] = field(default_factory=dict)  # item id -> its units
    # (unit, role) -> its tasks in document order: grouped once, not scanned unit by unit
    tasks_by_role: dict[tuple[str, str], tuple[Item, ...]] = field(default_factory=dict)

    def count(self, unit: str, role: str) -> int:
        return len(self.items_of(unit, role))

    def items_of(self, unit: str, role: str) -> tuple[Item, ...]:
        """The tasks `unit` has `role` in, in document order."""
        return self.tasks_by_role.get((unit, role), ())

    @property
    def has_units(self) -> bool:
        return bool(self.units)


def department_matrix(document: Document) -> DepartmentMatrix:
    """Which unit leads or supports which task of `document` (only items that carry a task)."""
    tasks = tuple(it for it in document.items if it.is_task)
    found: dict[str, _Roles] = {it.id: _roles_of(it) for it in document.items}
    responsibilities = {it.id: found[it.id].result() for it in tasks}
    roles: dict[tuple[str, str], str] = {}
    leads: Counter[str] = Counter()
    supports: Counter[str] = Counter()
    for item_id, resp in responsibilities.items():
        for unit in resp.lead:
            roles[(unit, item_id)] = LEAD
            leads[unit] += 1
        for unit in resp.support:
            roles[(unit, item_id)] = SUPPORT
            supports[unit] += 1
    units = tuple(sorted(set(leads) | set(supports), key=lambda u: (-leads[u], -supports[u], u)))
    tasks_by_role: dict[tuple[str, str], list[Item]] = {}
    for item in tasks:
        for unit in responsibilities[item.id].units:
            tasks_by_role.setdefault((unit, roles[(unit, item.id)]), []).append(item)
    led = {item_id for item_id, roles_ in found.items() if roles_.lead}
    index = document.index()

    def ancestors(item_id: str) -> Iterable[str]:
        parent = index[item_id].parent
        while parent is not None and parent in index:
            yield parent
            parent = index[parent].parent

    # A group's tag covers its parts, and parts that name their leads cover the group.
    groups_with_led_parts = {a for item_id in led for a in ancestors(item_id)}

    def covered(item: Item) -> bool:
        return item.id in groups_with_led_parts or any(a in led for a in ancestors(item.id))

    # Only a task that names no unit at all is reported: one that names a unit without saying it
    # leads (区建设局配合) has a unit a reader can ask, and a list of "no unit" must not contradict the text.
    named = {item_id for item_id, roles_ in found.items() if roles_.lead or roles_.support}
    without = tuple(
        it for it in tasks
        if it.id not in led and it.id not in named and not covered(it) and not _mentioned_units(it.text)
    )
    spellings = [name for roles_ in found.values() for name in roles_.spellings()]
    return DepartmentMatrix(
        units=units,
        items=tasks,
        roles=roles,
        items_without_lead=without,
        variants=tuple(naming_variants(spellings)),
        responsibilities=responsibilities,
        tasks_by_role={key: tuple(items) for key, items in tasks_by_role.items()},
    )


"""Names of responsible units (部门、单位): splitting a list of them and folding spellings to one form.

Policy texts name the same body in several ways: 区发改委 / 区发展改革委 / 区发展和改革委员会,
市工信局 / 市工业和信息化局, 繁體 and 简体. `normalise_unit` folds these to one canonical spelling, the
规范简称 used in official documents (发展改革委, 工业和信息化局, 人力资源社会保障厅, 住房城乡建设委,
卫生健康委, 市场监管局 …). The folding only rewrites the part of a name that says what kind of body
it is; the level and place (省、市、区、县、国家、天津市、滨海新区 …) are kept as written, so 省科技厅 and
市科技局 stay two units. Bodies that are really different stay apart: 科委 (科学技术委员会) is not
科技局, 经信委 is not 工信局, 教委 is not 教育局.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from compare.documents.normalize import matching_key

# Full or colloquial spellings -> the canonical short form, longest first so that a long form is
# replaced before a shorter one inside it. Each pair names the same kind of body.
_ALIASES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        (
            ("发展和改革委员会", "发展改革委"),
            ("发展改革委员会", "发展改革委"),
            ("发展和改革委", "发展改革委"),
            ("发改委", "发展改革委"),
            ("发展和改革局", "发展改革局"),
            ("发改局", "发展改革局"),
            ("工业和信息化委员会", "工业和信息化委"),
            ("工信厅", "工业和信息化厅"),
            ("工信局", "工业和信息化局"),
            ("工信部", "工业和信息化部"),
            ("工信委", "工业和信息化委"),
            ("经济和信息化委员会", "经济和信息化委"),
            ("经信委", "经济和信息化委"),
            ("人力资源和社会保障", "人力资源社会保障"),
            ("人社厅", "人力资源社会保障厅"),
            ("人社局", "人力资源社会保障局"),
            ("人社部", "人力资源社会保障部"),
            ("住房和城乡建设", "住房城乡建设"),
            ("住建委", "住房城乡建设委"),
            ("住建局", "住房城乡建设局"),
            ("住建厅", "住房城乡建设厅"),
            ("住建部", "住房城乡建设部"),
            ("卫生健康委员会", "卫生健康委"),
            ("卫生和健康委员会", "卫生健康委"),
            ("卫健委", "卫生健康委"),
            ("卫健局", "卫生健康局"),
            ("科学技术厅", "科技厅"),
            ("科学技术局", "科技局"),
            ("科学技术部", "科技部"),
            ("科学技术委员会", "科委"),
            ("教育委员会", "教委"),
            ("市场监督管理局", "市场监管局"),
            ("市场监督管理总局", "市场监管总局"),
            ("国有资产监督管理委员会", "国资委"),
            ("交通运输委员会", "交通运输委"),
            ("交通委员会", "交通运输委"),
            ("交通委", "交通运输委"),
            ("交运局", "交通运输局"),
            ("交通局", "交通运输局"),
            ("交通厅", "交通运输厅"),
            ("农业农村委员会", "农业农村委"),
            ("文旅厅", "文化和旅游厅"),
            ("文旅局", "文化和旅游局"),
            ("文旅部", "文化和旅游部"),
            ("规自局", "规划和自然资源局"),
            ("应急局", "应急管理局"),
            ("应急厅", "应急管理厅"),
            ("医疗保障局", "医保局"),
            ("地方金融监督管理局", "地方金融监管局"),
            ("金融监督管理局", "金融监管局"),
            ("大数据管理局", "大数据局"),
            ("网络安全和信息化委员会办公室", "网信办"),
            ("机构编制委员会办公室", "编办"),
            ("外事办公室", "外办"),
            ("人民政府办公厅", "政府办公厅"),
            ("人民政府办公室", "政府办公室"),
            ("人民政府", "政府"),
            ("管理委员会", "管委会"),
            ("商务委员会", "商务委"),
            ("民族宗教事务委员会", "民族宗教委"),
            ("人行", "人民银行"),
            ("退役军人事务", "退役军人"),
        ),
        key=lambda pair: -len(pair[0]),
    )
)
# Short forms that are whole names only at the end (政府办 -> 政府办公室; 区委改革办 stays).
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("政府办", "政府办公室"),
    ("委办", "委办公室"),
)
_ALIAS_PATTERN = re.compile("|".join(re.escape(a) for a, _ in _ALIASES))
_ALIAS_MAP = dict(_ALIASES)

# The last characters of a name that is a body: 委、厅、局 … Single characters that also end common
# words (会 in 社会, 台 in 平台, 行 in 试行, 室 in 实验室) only count inside a longer ending.
ORG_SUFFIX = re.compile(
    r"(?:委员会|管委会|协会|学会|商会|联合会|总工会|工商联|妇联|残联|侨联|科协|办公厅|办公室|指挥部|领导小组|工作小组|"
    r"中心|政府|集团|公司|分行|银行|海关|法院|检察院|总队|支队|委|厅|局|办|部|院|署|处)$"
)
# Words a unit name never starts with: the name is part of a sentence (鼓励…, 推动…, 经批准…),
# unless the word is followed only by a body's ending (建设局, 推进办: a bureau named after its
# work). 经 starts 经济…, 经发局, 经信委 and 经开区….
_SENTENCE_START = re.compile(
    r"^(?:如|将|把|对|在|为|以|按|经(?![济发信开贸])|向|从|和|与|及|并|或|本|该|其|即|鼓励|推动|支持|加强|推进|引导|组织|"
    r"指导|督促|协调|会同|联合|依托|通过|积极|加快|进一步|部分|创建|建设|破除|发挥|充分|强化|完善|开展|落实|实施)"
)
_BODY_ENDING = re.compile(r"(?:局|厅|委|办|部|处|委员会|办公室|管委会|银行)")
# Words a unit name never holds anywhere (本办法由…, 以下简称…).
_NOT_IN_NAME = re.compile(r"由|的|简称|试行|暂行|以下|包括|例如|其中|一批|若干|负责|牵头|配合|[“”《》\d]")
_GENERIC = re.compile(r"^(?:分|子|各)?(?:中心|集团|公司|学会|协会|商会|办|部|院|处|委)$")

# Punctuation and joining words between names in a list.
_LIST_BREAK = re.compile(r"[、,，;；/／\s]+|以及")
_PAIR_JOIN = re.compile(r"[和及与]")
# Words around a name that are not part of it.
_LEAD_WORDS = re.compile(r"^(?:由|请|会同|联合|协调|组织|指导|督促|支持|责任单位|牵头单位|配合单位|负责单位|责任部门)[:：]?")
_TAIL_WORDS = re.compile(
    r"(?:等)?(?:有关|相关)?(?:部门|单位)?(?:按职责分工负责|按照职责分工负责|按职责负责|分工负责|分别负责|"
    r"牵头负责|共同负责|负责|牵头|配合|参与|协助|协同|落实|实施|推进)?$"
)
_ETC = re.compile(r"(?:等(?:部门|单位|机构)?)$")
# A collective that names no body: 各有关部门, 市有关单位, 相关部门, 其他成员单位.
_VAGUE = re.compile(
    r"^(?:[省市区县]直?|国家|中央|国务院)?(?:各|其他|其它)?(?:有关|相关|其他|成员|责任)?(?:部门|单位|方面|机构|成员单位|职能部门)$"
)
_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    """Simplified characters, half-width forms and no spaces: the spelling a name is compared in."""
    return _SPACE.sub("", matching_key(text))


def looks_like_unit(name: str) -> bool:
    """A name that ends like a body (…委、…局、…政府) and is short enough to be one."""
    start = _SENTENCE_START.match(name)
    return (
        2 <= len(name) <= 30
        and bool(ORG_SUFFIX.search(name))
        and not (start and not _BODY_ENDING.fullmatch(name[start.end():]))
        and not _NOT_IN_NAME.search(name)
        and not _GENERIC.match(name)
    )


def normalise_unit(name: str) -> str:
    """The canonical spelling of one unit name ("" when it names no body, like 各有关部门)."""
    text = _fold(name).strip("“”\"'()（）[]【】<>《》:：。.")
    text = _LEAD_WORDS.sub("", text)
    text = _ETC.sub("", text)
    if _VAGUE.match(text) or not text:
        return ""
    text = _ALIAS_PATTERN.sub(lambda m: _ALIAS_MAP[m.group(0)], text)
    for short, full in _ENDINGS:
        if text.endswith(short):
            text = text[: -len(short)] + full
            break
    return text


def split_units(text: str) -> list[str]:
    """The unit names of a list ("市发展改革委、市财政局等按职责分工负责" -> [市发展改革委, 市财政局]),
    in the order written, each spelled as written but folded to Simplified, half-width characters
    (not yet normalised). Vague collectives (各有关部门) and words that name no body are dropped."""
    names: list[str] = []
    for chunk in _LIST_BREAK.split(_fold(text)):
        chunk = _TAIL_WORDS.sub("", _LEAD_WORDS.sub("", chunk.strip("“”\"'()（）。.")))
        chunk = _ETC.sub("", chunk)
        for part in _split_pair(chunk):
            if looks_like_unit(normalise_unit(part)):
                names.append(part)
    return list(dict.fromkeys(names))


def _split_pair(chunk: str) -> list[str]:
    """"市财政局和市税务局" is two names; "工业和信息化厅" and "文化和旅游局" are one."""
    for m in _PAIR_JOIN.finditer(chunk):
        left, right = chunk[: m.start()], chunk[m.end() :]
        if looks_like_unit(left) and looks_like_unit(right):
            return [left, *_split_pair(right)]
    return [chunk]


def naming_variants(names: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Units written in more than one way: (canonical name, the distinct spellings seen), by canonical name.

    Spellings that differ only in width, spaces or 繁/简 count as one (they read the same)."""
    spellings: dict[str, dict[str, str]] = defaultdict(dict)
    for name in names:
        canonical = normalise_unit(name)
        if canonical:
            spellings[canonical].setdefault(_fold(name), name.strip())
    return [
        (canonical, tuple(seen.values()))
        for canonical, seen in sorted(spellings.items())
        if len(seen) > 1
    ]

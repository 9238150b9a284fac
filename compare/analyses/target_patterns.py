"""The vocabulary of quantitative targets: numbers (Arabic and Chinese), units, cue words.

Every pattern runs on an item's matching key (NFKC, Simplified, lower case), which has one
character per character of the displayed text, so a match span is also a span of the text.
In the key full-width digits, "％" and "，" have become "0-9", "%" and ",".
"""
from __future__ import annotations

import re

# --- numbers -------------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}

ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = r"[零〇○一二两三四五六七八九十百千]+"
# A magnitude that stays with the unit, as Chinese statistics write it: 8000亿元, 3万亿元, 2.7万人.
MAGNITUDE = r"万亿|亿|万"
MAGNITUDE_FACTOR = {"": 1.0, "万": 1e4, "亿": 1e8, "万亿": 1e12}


def chinese_number(text: str) -> float | None:
    """The value of a Chinese numeral: 一千 -> 1000, 两 -> 2, 十五 -> 15, 三千五百 -> 3500,
    二〇二七 -> 2027 (a digit-by-digit year). None when `text` is not a numeral."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text):
        if len(text) == 1:
            return float(_CN_DIGITS[text])
        # Only a year is written digit by digit; "三四个" is an estimate, not 34.
        return float("".join(str(_CN_DIGITS[ch]) for ch in text)) if len(text) == 4 and "两" not in text else None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_LARGE:
            section += digit or 0
            total = (total + section) * _CN_LARGE[ch] if _CN_LARGE[ch] > 10_000 else total + section * _CN_LARGE[ch]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


def number_value(text: str) -> float | None:
    """An Arabic or Chinese number as written in the key (thousands separators allowed)."""
    if not text:
        return None
    if text[0].isdigit():
        return float(text.replace(",", ""))
    return chinese_number(text)


# --- units ---------------------------------------------------------------------------------

# Longest first so that 个百分点 wins over 个 and 千瓦时 over 千瓦.
_UNITS = (
    "个百分点", "百分点", "个工作日", "工作日", "个月", "平方公里", "平方千米", "平方米", "立方米",
    "标准箱", "标箱", "teu", "千瓦时", "千瓦", "兆瓦", "吉瓦", "公里", "千米", "公顷", "千克", "公斤",
    "美元", "欧元", "元", "人次", "家", "个", "项", "件", "条", "座", "所", "名", "人", "户", "台",
    "套", "辆", "艘", "架", "处", "栋", "张", "款", "种", "类", "场", "届", "床", "位", "只", "头",
    "株", "篇", "部", "份", "门", "列", "趟", "亩", "米", "吨", "倍", "天", "小时", "分钟", "次",
)
UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
SHARE_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "倍"})

# --- cue words -----------------------------------------------------------------------------

# Words that bound the number (they become the qualifier). Checked right before the number.
BOUND_BEFORE = (
    "不少于", "不低于", "不超过", "不高于", "不多于", "超过", "突破", "高于", "低于", "多于", "达到", "达",
    "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增至", "扩大到", "扩大至",
    "降低到", "降低至", "下降到", "下降至", "降至", "控制在", "保持在", "稳定在", "以上", "约",
)
AT_MOST = frozenset({"不超过", "不高于", "不多于", "低于", "降低到", "降低至", "下降到", "下降至", "降至", "控制在", "以内", "以下"})
# Qualifiers written after the unit.
AFTER = r"以上|左右|以内|以下"
# Action verbs that make a count a target when they govern it (推出20条, 实施10个, 新增10家).
ACTIONS = (
    "新增", "累计", "入库", "培育", "打造", "建成", "建设", "新建", "改造", "推出", "推荐", "实施", "引进",
    "引育", "形成", "完成", "开展", "举办", "认定", "创建", "储备", "招引", "落地", "增长", "提高", "提升",
    "下降", "降低", "减少", "增加", "扩大", "覆盖", "实现", "集聚", "聚集", "吸引", "带动", "保持",
    "新开", "开通", "建立", "设立", "组建", "制定", "修订", "达标", "获批", "争创", "培训", "救助", "帮扶",
    "服务", "惠及", "招收", "招聘", "吸纳", "安置", "就业", "转化", "孵化", "申报", "培养",
)
# Within this many characters (no punctuation, no 的 between) a cue still governs the number:
# a bound reaches over a short subject (超过行业平均水平3个百分点 is rare; 达到 is adjacent), an
# action over a word like 另外 (完成另外38个).
BOUND_REACH = 4
ACTION_REACH = 2
# Ambitions: their presence before a number in the sentence marks the number as a target.
FUTURE = re.compile(r"将|力争|争取|确保|预计|计划|目标|到\d{4}年|至\d{4}年|努力|力求|要求")
# The stronger of those: enough on their own to make a number in their clause a target (not
# 将, which also introduces an object: 将政策措施细化为124项).
AMBITION = re.compile(r"力争|争取|确保|预计|计划|目标|到\d{4}年|至\d{4}年|力求")
# Reports of what has been done: a number they govern is a fact, not a target.
FACT = re.compile(r"已|(?<!为)(?<!除)了(?!解)|以来|目前|截至|截止|同比|环比|较上|比上年|上年|去年|\d+月份|上半年|前三季度|共有")
# Money a policy pays out, and rates it charges: amounts, not targets.
SUPPORT = re.compile(r"补助|补贴|奖励|资助|给予|贴息|返还|减按|减征|免征|税率|费率|利率|担保费|最高|每家|每人|每个|每户|每项")
# A number right after these is a list summary, an ordinal or a version, never a target.
NOT_BEFORE = ("第", "首批", "等", "这", "该", "上述", "前述", "其中", "为期", "期限", "有效期", "近")
# A unit followed by these is a specification (30万吨级, 12英寸) or a condition (1亿元以上的企业).
NOT_AFTER = re.compile(r"级|型|的|版|制|工程|期间|内外|英寸")
# Units that also begin common words (位于, 部门, 条件, 名单, 台阶, 门类, 头部, 类型).
UNIT_WORDS = {"位": "于置", "部": "门署分", "条": "件例款", "名": "单称录", "台": "阶账", "门": "类槛户", "头": "部", "类": "型别", "天": "然津", "次": "要级", "处": "理置于"}
RANK = re.compile(r"(?:进入|跻身|保持|位居|位列|稳居|争创)[^,，;；。、]{0,12}?前(?P<num>\d+|[一二三四五六七八九十]+)(?P<unit>位|名|强)")

QUANTITY = re.compile(
    rf"(?P<num>{ARABIC}|{CHINESE})(?P<approx>余|多)?(?P<mag>{MAGNITUDE})?(?P<unit>%|‰|{UNIT})(?P<after>{AFTER})?"
    rf"|百分之(?P<pct>{ARABIC}|{CHINESE})"
    rf"|(?<=达到|突破|超过)(?P<bare>{MAGNITUDE})(?P<bunit>{UNIT})"
)

# --- years and deadlines -------------------------------------------------------------------

YEAR = r"(?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3}"
DEADLINE = re.compile(
    rf"(?P<before>到|至|在|于|力争|确保|争取|计划|预计|力求)?(?P<year>{YEAR})年"
    r"(?P<month>\d{1,2}月(?:\d{1,2}日)?|[一二三四五六七八九十]{1,2}月)?"
    r"(?P<after>年底前|年底|底前|年末|底|末|以前|之前|前|内|上半年|年内)?"
)
# Verbs that, right after a year, make it the time something is done by (2021年顺利启动实施).
DONE_BY = re.compile(r"(?:顺利|基本|全面|全部|如期|率先|初步)?(?:完成|建成|实现|启动|投产|投用|开工|竣工|达到|覆盖|取得|形成|落地|通车|运营|上线|出台)")
NOT_A_DEADLINE = re.compile(r"以来|来|度|版|的|是|起|开始|发布|印发|出台的|制定的")
BOUNDARY = ",;。:!?、，；：！？\n"
SENTENCE = re.compile(r"[。;；!！?？\n]")
QUOTED = re.compile(r"“[^”]{0,40}”|\"[^\"]{0,40}\"|《[^》]{0,80}》|〔[^〕]{0,10}〕|\[[^\]]{0,10}\]|（[^）]{0,40}）|\([^)]{0,40}\)")

"""Lines that are not part of a policy text: web page furniture, document foot matter, signatures.

Every test runs on the matching key of a WHOLE line (Simplified, NFKC-folded, lower case) and
only on short lines without a sentence end: a word such as 技术支持 or 联系我们 inside a sentence
of policy text never removes it. Where a line sits (before the title, after the signature) is
decided by `layout`; the predicates here only say what a line looks like, and each returns the
reason a reader is shown when the line is set aside.
"""
from __future__ import annotations

import re

# The longest line a furniture rule may remove; policy sentences are longer or end in 。
SHORT = 80

_NAVIGATION = re.compile(r"^(?:当前位置|您的位置|您现在的位置|位置)\s*[:>]")
# Metadata fields of a government page or a document's foot: "发布日期：2021-07-30", "公开方式：主动公开".
_METADATA = re.compile(
    r"^(?:名\s*称|索\s*引\s*号|统一编号|发布机构|发文机关|发布机关|发文字号|文\s*号|主题分类|主\s*题\s*词|成文日期|发文日期|"
    r"发布日期|实施日期|生效日期|失效日期|废止日期|文件状态|有\s*效\s*性|来\s*源|信息来源|作\s*者|编\s*辑|责任编辑|"
    r"浏览次数|点击数|访问量|字\s*号|字体大小|所属机构|公文种类|稿\s*源|分\s*类|公开方式|公开属性|相关附件|标\s*签)\s*[:]"
)
# Share bars, print/close buttons, QR notices: a line made only of such words, brackets and symbols.
_WIDGET_WORDS = (
    "打印本页|打印|关闭窗口|关闭|收藏|下载|分享到|分享|返回顶部|返回|扫一扫|扫码浏览|用手机扫|微信|微博|qq空间|"
    "字体|大|中|小|默认|视力保护色|上一篇|下一篇|相关链接|重点链接|友情链接|相关文件|相关解读|图片解读|基本信息|"
    "关注|广州政府网"
)
_WIDGET_LINE = re.compile(rf"^(?:[\s【】\[\]\(\)·•:|/>«»‹›<-]|{_WIDGET_WORDS})+$")
# A share or QR prompt: "• 扫一扫在手机打开当前页", "分享到：".
_SHARE = re.compile(r"^[•·\s]*(?:扫一扫|分享到|打印本页|用手机扫|手机扫码|扫码)")
# A site footer: two or more footer fields on one line, or one field with its value.
_FOOTER_FIELD = re.compile(r"主办单位|承办单位|技术支持|版权所有|icp备|网站标识码|公网安备|政务邮箱|联系我们|联络我们|网站地图|网站声明")
# Links to related material printed around a page's article: 【音频解读】… 【一图读懂】…
_RELATED = re.compile(r"^【(?:[^】]{0,6}解读|一图读懂|图解|视频|音频|相关[^】]{0,4})】")
# Page numbers of a printed document: "— 3 —", "- 12 -", "第 3 页", "第3页 共12页".
_PAGE_NUMBER = re.compile(r"^[-—─–_\s]*\d{1,4}[-—─–_\s]*$|^第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?$")
# A table-of-contents line: "一、总体要求 ........ 3", "目 录".
CONTENTS_LEADER = re.compile(r"\s*(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*\d{1,4}\s*$")
CONTENTS_HEADING = re.compile(r"^目\s*录$")
# Contact details printed under a notice: "联系人：张三", "传真：010-…", "邮编：100085".
_CONTACT = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,12}?联\s*系\s*人(?:及电话)?|联系电话|联系方式|电\s*话|传\s*真|电子?邮\s*箱|电子信箱|电\s*邮|e-?mail|"
    r"邮\s*编|邮政编码|通讯地址|地\s*址)\s*[:]"
)
# Distribution lines at the foot of an official document: 抄送：…  ／  XX办公厅 2019年5月14日印发
_DISTRIBUTION = re.compile(
    r"^(?:抄\s*送|抄\s*报|主\s*送|分\s*送|发\s*送)\s*[:]"
    r"|^.{0,40}?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$"
)
_DATE = re.compile(
    r"^\(?(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\)?$"
)
_ISSUER_END = re.compile(
    r"(?:政府|委员会|党委|市委|区委|县委|办公厅|办公室|厅|局|委|部|署|院|中心|总局|小组|会|司|处|行|办|公司|组)$"
)
# Courtesy closings of letters and replies, each a line of its own.
_CLOSING = re.compile(r"^(?:特此(?:通知|公告|批复|函复|函告)|此复|此致|敬礼|专此函告|专此|最后[,，]?\s*再次感谢.*|再次感谢.*|感谢贵.*)[。!！]?$")
# An attachment list entry: "附件：1.《…》", "附件2：…清单". A bare "附件" / "附件1" line opens the annex itself.
ATTACHMENT_ENTRY = re.compile(r"^附\s*件\s*[:]\s*\S")
# A line that starts an annex: "附件", "附件2", "附件3-3", "附件1：", "附件2 关于…任务分工表".
ANNEX_START = re.compile(r"^附\s*件\s*(\d{1,2}(?:\s*[-－—]\s*\d{1,2})?|[一二三四五六七八九十]{1,3})?\s*[:]?\s*(.{0,80})$")
# 文号 of an official document: 穗府办规〔2022〕13号, 发改办财金规〔2019〕860号, 国务院令第746号.
DOCUMENT_NUMBER = re.compile(r"^.{0,16}[〔\[(［]\d{4}[〕\])］]\s*\d{1,5}\s*号$|^.{0,20}令\s*第\s*\d{1,5}\s*号$")
# A line in parentheses of its own: （2021年7月27日国务院令第746号公布）, （征求意见稿）.
PARENTHETICAL = re.compile(r"^[(（].{1,80}[)）]$")
# The addressee of a notice: "各区人民政府，市政府各部门：", "各学院：".
ADDRESSEE = re.compile(r"^(?!为|根据|按照|依据|经|现将|现就)[^。；;]{1,60}[:]$")


# A template engine's markers left in a file: {{?list}}, {{/list}}, ${name}.
_TEMPLATE = re.compile(r"^(?:\{\{[^{}]{0,40}\}\}|\$\{[^{}]{0,40}\})+$")


def _short(key: str, limit: int = SHORT) -> bool:
    return len(key) <= limit and not key.endswith(("。", "；", ";"))


def furniture_reason(key: str) -> str | None:
    """Why a whole line is page furniture ("网页导航", "页码" …), or None when it is text."""
    key = key.strip()
    if not key:
        return "空行"
    if CONTENTS_LEADER.search(key) and len(key) <= 120:
        return "目录"
    if not _short(key, 160):
        return None
    if _PAGE_NUMBER.match(key):
        return "页码"
    if not re.search(r"[\u4e00-\u9fff0-9a-z]", key):
        return "网页符号"
    if _TEMPLATE.match(key):
        return "模板占位符"
    if _NAVIGATION.match(key):
        return "网页导航"
    if _METADATA.match(key) and len(key) <= SHORT:
        return "网页或文件的信息栏"
    if _WIDGET_LINE.match(key) or (_SHARE.match(key) and len(key) <= 40):
        return "网页按钮"
    if _RELATED.match(key):
        return "网页相关链接"
    fields = _FOOTER_FIELD.findall(key)
    if len(set(fields)) >= 2 or (fields and re.match(rf"^(?:{_FOOTER_FIELD.pattern})\s*[:]", key)):
        return "网站页脚"
    if "&" in key and "=" in key and len(re.findall(r"[&=]", key)) >= 3:
        return "网址参数"
    return None


def is_furniture(key: str) -> bool:
    return furniture_reason(key) is not None


def is_contact(key: str) -> bool:
    return len(key) <= SHORT and bool(_CONTACT.match(key.strip()))


def is_distribution(key: str) -> bool:
    """抄送 / 主送 lines and the "…办公厅 2019年5月14日印发" line of a document's foot."""
    return len(key) <= 200 and bool(_DISTRIBUTION.match(key.strip()))


def is_date_line(key: str) -> bool:
    return bool(_DATE.match(key.strip()))


def is_issuer_line(key: str) -> bool:
    """A short line naming one or more offices, as printed above the date of a signature."""
    key = key.strip()
    if not 2 < len(key) <= 60 or re.search(r"[。，,;；:：!?、“”《》()]", key):
        return False
    return all(_ISSUER_END.search(name) for name in key.split())


def is_office_list(key: str) -> bool:
    """A line naming offices only, as a 抄送 list wraps onto: "各民主党派市委。", "市法院，市检察院。"."""
    names = [n.strip() for n in re.split(r"[，,、；;\s]", key.strip().rstrip("。.")) if n.strip()]
    return bool(names) and len(key) <= 60 and all(_ISSUER_END.search(n) for n in names)


def is_closing(key: str) -> bool:
    """Courtesy closings of letters and replies (特此通知, 此复, 此致, 再次感谢 …), a line of their own."""
    key = key.strip()
    thanks = key.startswith(("最后", "再次感谢", "感谢贵"))  # a reply's closing thanks run longer
    return (len(key) <= 40 or (thanks and len(key) <= 200)) and bool(_CLOSING.match(key))

"""Lines that are not part of a policy text: web page furniture, signatures, dates, closings.

Every test runs on the matching key of a whole line (Simplified, NFKC-folded, lower case), so
full-width digits and Traditional characters need no patterns of their own.
"""
from __future__ import annotations

import re

_FURNITURE = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|位置)\s*[:>]"
    r"|^(?:名\s*称|索\s*引\s*号|发布机构|发文机关|发文字号|文\s*号|主题分类|主\s*题\s*词|成文日期|发文日期|发布日期|"
    r"生效日期|废止日期|有\s*效\s*性|来\s*源|信息来源|作\s*者|编\s*辑|责任编辑|浏览次数|点击数|访问量|字\s*号|"
    r"所属机构|公文种类|稿\s*源|工作人员|分\s*类)\s*[:]"
    r"|扫一扫|分享到|打印本页|关闭窗口|【打印】|【关闭】|【字体|字体[:]\s*[【\[]?大|返回顶部|相关词条|热门词条|"
    r"联络我们|联系我们|网站地图|版权所有|icp备|技术支持|主办单位|承办单位|网站标识码|公网安备|政务邮箱|"
    r"政府网站$|系统网站$|^重点链接$|^相关链接$|^友情链接$|^相关文件$|^相关解读$|^图片解读$|^上一篇|^下一篇|"
    r"^\(图片为资料图\)$|^\(此件.{0,8}\)$|^\(此页无正文\)$|^【?(?:打印|关闭|收藏|下载|分享|返回)】?$|"
    r"^[\d\s]{1,30}$|[&=].*[&=].*[&=]"
)
# Page numbers of a printed document: "— 3 —", "- 12 -", "第 3 页", "第3页 共12页".
_PAGE_NUMBER = re.compile(r"^[-—─–_\s]*\d{1,4}[-—─–_\s]*$|^第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?$")
# A table-of-contents line: "一、总体要求 ........ 3", "目 录".
CONTENTS_LEADER = re.compile(r"\s*(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*\d{1,4}\s*$")
CONTENTS_HEADING = re.compile(r"^目\s*录$")
# Contact details printed under a notice: "联系人：张三", "传真：010-…", "邮编：100085".
_CONTACT = re.compile(
    r"^(?:联\s*系\s*人(?:及电话)?|联系电话|联系方式|电\s*话|传\s*真|电子?邮\s*箱|电子信箱|电\s*邮|e-?mail|"
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
    r"(?:政府|委员会|党委|市委|区委|县委|办公厅|办公室|厅|局|委|部|署|院|中心|总局|小组|会|司|处|行|办|公司)$"
)
_CLOSING = re.compile(r"^(?:以上(?:具体)?(?:措施|任务|举措|内容|意见)|特此(?:通知|公告|批复|函复)|此复|专此|最后[,，]?\s*再次感谢|再次感谢|感谢贵)")
# An attachment list entry: "附件：1.《…》", "附件2：…清单". A bare "附件" / "附件1" line opens the annex itself.
ATTACHMENT_ENTRY = re.compile(r"^附\s*件\s*\d{0,2}\s*[:]\s*\S")
ANNEX_MARKER = re.compile(r"^附\s*件\s*(\d{0,2})(?:\s*[:]\s*)?$")


def is_furniture(key: str) -> bool:
    """A line of page furniture: navigation, metadata, share buttons, counters, page numbers, URL junk."""
    key = key.strip()
    return bool(_FURNITURE.search(key) or _PAGE_NUMBER.match(key) or CONTENTS_LEADER.search(key)) or is_contact(key)


def is_contact(key: str) -> bool:
    return len(key) <= 80 and bool(_CONTACT.match(key.strip()))


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


def is_closing(key: str) -> bool:
    """Courtesy closings of letters and replies (特此通知, 此复, 再次感谢 …)."""
    return bool(_CLOSING.match(key.strip()))

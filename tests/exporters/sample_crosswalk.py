"""A hand-built crosswalk with every kind of row the exporters must handle.

Upper (tasks)                              Lower (measures)
一、统筹推进疫情应对……                       一、疫情应对
  1.1 沟通机制        -> L1.1 confirmed         L1.1 沟通机制 (负责部门, 协助)
  1.2 复工复产        -> L1.2 auto, L1.3 auto   L1.2 复工复产政策
  1.3 重大工程        gap, item note            L1.3 人员流动 (duplicate of L1.2)
二、着力提升关键领域科技创新能力             二、科技创新
  2.1 科学中心规划    -> L2.1 auto (weak)       L2.1 科技创新规划 (serves 2.1 and 2.2: overlap)
  2.2 高校科研平台    -> L2.1 auto              L2.2 "=HYPERLINK…" measure
  2.3 职称评审        不适用                     L2.3 extra (its only link was rejected)
  2.4 "=SUM…" text    -> L2.2 manual, note "-…"  L2.4 REITs extra
                      -> L2.3 rejected
"""
from __future__ import annotations

from compare.alignment.crosswalk import Crosswalk, Duplicate, Evidence, Link, LinkStatus, Side, Thresholds
from compare.documents.model import Document, Item, ItemKind, Source, SourceKind
from compare.documents.normalize import matching_key

THRESHOLDS = Thresholds(link=0.3, strong=0.45, duplicate=0.85)

UPPER_SECTIONS = {
    "1": ("一、", "统筹推进疫情应对和经济社会秩序恢复"),
    "2": ("二、", "着力提升关键领域科技创新能力"),
}
LOWER_SECTIONS = {
    "1": ("一、", "疫情应对"),
    "2": ("二、", "科技创新"),
}

UPPER_TASKS = (
    ("1.1", "1.", "建立国家级新区应对疫情工作沟通机制，加大对新区疫情防控、企业复工复产、经济社会秩序恢复等工作协调，研究提出有关政策措施。", {"国家分工": "国家发改委"}),
    ("1.2", "2.", "完善相关举措，精准有序扎实推动复工复产，加强企业运营全链条服务保障，实现人财物有序流动、产供销有机衔接。", {"国家分工": "各国家级新区"}),
    ("1.3", "3.", "加快推动国家规划已明确的重大工程和基础设施建设，抓好标志性外资项目落地。", {"国家分工": "有关省级人民政府"}),
    ("2.1", "4.", "研究谋划综合性国家科学中心“十四五”规划，建设一批国家重大科技基础设施和重点项目。", {}),
    ("2.2", "5.", "支持高校在国家级新区建设科研平台、基地等，联合产业链上下游企业加快关键领域核心技术攻关。", {"国家分工": "教育部"}),
    ("2.3", "6.", "指导新区所在地区进一步下放职称评审权，支持新区科研机构自主开展职称评审。", {}),
    ("2.4", "7.", "=SUM(A1:A3)开展\x07优势示范企业培育工作，推动知识产权高质量发展。", {}),
)

LOWER_MEASURES = (
    ("1.1", "1.", "理顺新区疫情防控指挥部与各部门之间的工作机制，建立应对疫情工作沟通机制。",
     {"新区负责部门": "区防控工作指挥部、区政府办", "需市级部门协助开展的工作和分工": "配合解决企业进出口通关检疫问题。（市商务局）"}),
    ("1.2", "2.", "落实国家、天津市出台的各项企业复工复产支持政策，指导企业制定复工复产精细化方案。", {"新区负责部门": "区工信局"}),
    ("1.3", "3.", "制定疫情期间人员流动管理方案，实现人财物有序流动。", {"新区负责部门": "区交运局"}),
    ("2.1", "4.", "编制滨海新区“十四五”科技创新规划，建设一批重点科技基础设施；同时支持高校建设科研平台。", {"新区负责部门": "区科技局"}),
    ("2.2", "5.", "=HYPERLINK(\"http://x\")开展优势示范企业培育工作，推进知识产权强区建设。", {"新区负责部门": "+区市场局"}),
    ("2.3", "6.", "成立卫生技术系列高级职称评审委员会，自主开展职称评审。", {"新区负责部门": "区人社局"}),
    ("2.4", "7.", "创新投融资模式，积极组织开展基础设施REITs业务，盘活存量资产。", {"新区负责部门": "区发改委"}),
)


def _items(sections: dict[str, tuple[str, str]], entries) -> tuple[Item, ...]:
    items: list[Item] = []
    paragraph = 0
    for sid, (label, text) in sections.items():
        heading = f"{label}{text}"
        items.append(Item(sid, label, 0, (), text, matching_key(text), ItemKind.HEADING, None, Source(SourceKind.PARAGRAPH, paragraph)))
        paragraph += 1
        for iid, ilabel, itext, attrs in entries:
            if iid.split(".")[0] != sid:
                continue
            items.append(
                Item(
                    iid, ilabel, 1, (heading,), itext, matching_key(itext), ItemKind.ITEM, sid,
                    Source(SourceKind.PARAGRAPH, paragraph), tuple(attrs.items()),
                )
            )
            paragraph += 1
    return tuple(items)


def upper_document() -> Document:
    return Document("2020年国家级新区重点任务", "upper.txt", "text", _items(UPPER_SECTIONS, UPPER_TASKS))


def lower_document() -> Document:
    return Document("滨海新区2020年重点任务具体措施", "lower.txt", "text", _items(LOWER_SECTIONS, LOWER_MEASURES))


def evidence(upper: Document, lower: Document, uid: str, lid: str, *phrases: str) -> tuple[Evidence, ...]:
    """Evidence spans of phrases that occur in both texts."""
    u, l = upper.item(uid).text, lower.item(lid).text
    spans = []
    for phrase in phrases:
        a, b = u.index(phrase), l.index(phrase)
        spans.append(Evidence((a, a + len(phrase)), (b, b + len(phrase))))
    return tuple(spans)


def sample_crosswalk() -> Crosswalk:
    upper, lower = upper_document(), lower_document()
    links = (
        Link("1.1", "1.1", 0.82, LinkStatus.CONFIRMED, evidence(upper, lower, "1.1", "1.1", "应对疫情工作沟通机制", "疫情防控"), "已核实，措施对应"),
        Link("1.2", "1.2", 0.66, LinkStatus.AUTO, evidence(upper, lower, "1.2", "1.2", "复工复产")),
        Link("1.2", "1.3", 0.38, LinkStatus.AUTO, evidence(upper, lower, "1.2", "1.3", "人财物有序流动")),
        Link("2.1", "2.1", 0.40, LinkStatus.AUTO, evidence(upper, lower, "2.1", "2.1", "“十四五”", "科技基础设施")),
        Link("2.2", "2.1", 0.70, LinkStatus.AUTO, evidence(upper, lower, "2.2", "2.1", "建设科研平台")),
        Link("2.4", "2.2", None, LinkStatus.MANUAL, evidence(upper, lower, "2.4", "2.2", "优势示范企业培育工作"), "-由审核人手工对应"),
        Link("2.4", "2.3", 0.35, LinkStatus.REJECTED, evidence(upper, lower, "2.4", "2.3", "开展")),
    )
    duplicates = (Duplicate(Side.LOWER, ("1.2", "1.3"), 0.86),)
    return Crosswalk.build(
        upper,
        lower,
        links,
        duplicates,
        THRESHOLDS,
        not_applicable=(("2.3", "本地区已完成职称评审权下放"),),
        item_notes=((Side.UPPER, "1.3", "@待区发改委补充措施"), (Side.LOWER, "2.4", "REITs 项目由区发改委牵头")),
    )


# What the sample must produce, derived by hand from the table in the module docstring.
ACTIVE_LINKS = 6
GAPS = ("1.3",)
WEAK = ("2.1",)
EXTRAS = ("2.3", "2.4")
NOT_APPLICABLE_WITHOUT_LINKS = ("2.3",)
TABLE_ROWS = ACTIVE_LINKS + len(GAPS) + len(NOT_APPLICABLE_WITHOUT_LINKS) + len(EXTRAS)

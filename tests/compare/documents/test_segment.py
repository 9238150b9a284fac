"""Segmentation of policy text into numbered items, on small documents written for each case."""
from __future__ import annotations

import opencc
import pytest

from compare.errors import ReadError
from compare.documents.model import Block, ItemKind, RawDocument, Source, SourceKind
from compare.documents.normalize import matching_key
from compare.documents.readers.text import lines_to_blocks
from compare.documents.segment import RESPONSIBLE, segment


def _segment(text: str):
    return segment(RawDocument(path="政策.txt", format="txt", blocks=lines_to_blocks(text)))


def _shape(doc) -> list[tuple[str, str, int, str]]:
    return [(it.id, it.label, it.level, it.kind.value) for it in doc.items]


NESTED = """关于推进工作的实施方案
为落实有关要求，制定本方案。
一、总体要求
（一）指导思想
坚持稳中求进工作总基调。
（二）主要目标
到2025年，形成一批示范项目。
二、重点任务
（一）推动产业升级
1.实施技术改造工程。加大投入力度。（省工业和信息化厅负责）
2.培育龙头企业。（市发展改革委）
（二）强化要素保障
1.加大金融支持。（省发展改革委牵头，省财政厅配合）
2.保障用地需求。（责任单位：省自然资源厅、省住房城乡建设厅）
（1）优先保障重点项目。
（2）盘活存量土地。
三、保障措施
加强组织领导，压实工作责任。
抄送：省委各部门，省人大常委会办公厅。
省人民政府办公厅
2023年5月6日印发
"""


def test_nesting_restarting_numbers_and_paths() -> None:
    doc = _segment(NESTED)
    assert doc.title == "关于推进工作的实施方案"
    # A numbered title and the paragraph under it are one item: "（一）指导思想" with its text.
    assert _shape(doc) == [
        ("1", "一、", 0, "heading"),
        ("1.1", "（一）", 1, "item"),
        ("1.2", "（二）", 1, "item"),
        ("2", "二、", 0, "heading"),
        ("2.1", "（一）", 1, "heading"),
        ("2.1.1", "1.", 2, "item"),
        ("2.1.2", "2.", 2, "item"),
        ("2.2", "（二）", 1, "heading"),
        ("2.2.1", "1.", 2, "item"),
        ("2.2.2", "2.", 2, "heading"),
        ("2.2.2.1", "（1）", 3, "item"),
        ("2.2.2.2", "（2）", 3, "item"),
        ("3", "三、", 0, "item"),
    ]
    assert doc.item("1.1").text == "指导思想\n坚持稳中求进工作总基调。"
    assert doc.item("3").text == "保障措施\n加强组织领导，压实工作责任。"
    roles = {it.id: it.role.value for it in doc.items}
    assert roles["1"] == roles["1.1"] == "context" and roles["1.2"] == "target"
    assert {roles[i] for i in ("2", "2.1.1", "2.2.2.2", "3")} == {"task"}
    assert [it.id for it in doc.items if it.is_task] == ["2.1.1", "2.1.2", "2.2.1", "2.2.2.1", "2.2.2.2", "3"]
    item = doc.item("2.2.2.1")
    assert item.path == ("二、重点任务", "（二）强化要素保障", "2.保障用地需求")
    assert item.parent == "2.2.2"
    assert len({it.id for it in doc.items}) == len(doc.items)


def test_responsibility_tags_become_an_attribute() -> None:
    doc = _segment(NESTED)
    expected = {
        "2.1.1": ("实施技术改造工程。加大投入力度。", "省工业和信息化厅"),
        "2.1.2": ("培育龙头企业。", "市发展改革委"),
        "2.2.1": ("加大金融支持。", "省发展改革委牵头，省财政厅配合"),
        "2.2.2": ("保障用地需求。", "省自然资源厅、省住房城乡建设厅"),
    }
    for item_id, (text, responsible) in expected.items():
        item = doc.item(item_id)
        assert (item.text, item.attribute(RESPONSIBLE)) == (text, responsible)
        assert item.key == matching_key(item.text)


def test_parentheses_that_are_not_tags_stay_in_the_text() -> None:
    doc = _segment("一、重点任务\n1.实施行动计划（2021—2023年）。\n2.建设示范区（以下简称示范区）。\n")
    assert [it.text for it in doc.leaves] == ["实施行动计划（2021—2023年）。", "建设示范区（以下简称示范区）。"]
    assert all(not it.attribute(RESPONSIBLE) for it in doc.items)


def test_distribution_and_signature_lines_are_not_items() -> None:
    doc = _segment(NESTED)
    texts = "\n".join(it.text for it in doc.items)
    assert doc.item("3").text == "保障措施\n加强组织领导，压实工作责任。"
    for foot in ("抄送", "印发", "办公厅"):
        assert foot not in texts
    assert {d.reason for d in doc.dropped} >= {"版记（抄送、印发）", "落款单位"}  # set aside, with a reason


def test_targets_and_enumerations() -> None:
    doc = _segment(
        "一、工作目标\n到2027年，协同发展水平显著提升：\n──先进制造研发基地规模实力明显增强。\n──航运核心区服务辐射功能明显增强。\n"
        "二、重点举措\n提出了3项内容。一是加强统筹，形成合力。二是完善机制。三是强化保障。\n"
    )
    assert _shape(doc) == [
        ("1", "一、", 0, "heading"),
        ("1.t1", "──", 1, "target"),
        ("1.t2", "──", 1, "target"),
        ("2", "二、", 0, "heading"),
        ("2.1", "一是", 1, "item"),
        ("2.2", "二是", 1, "item"),
        ("2.3", "三是", 1, "item"),
    ]
    assert doc.item("1").text == "工作目标\n到2027年，协同发展水平显著提升："
    assert doc.item("1").role.value == doc.item("1.t2").role.value == "target"
    assert doc.item("2").text == "重点举措\n提出了3项内容。"
    assert doc.item("2.1").text == "加强统筹，形成合力。"


def test_question_and_answer_layout() -> None:
    doc = _segment(
        "一、政策出台的目的是什么？\n主要是为了推动高质量发展。\n"
        "二、提出了哪些重点举措？\n提出了2项内容。一是下放权力事项。二是强化用地保障。\n"
    )
    assert _shape(doc) == [
        ("1", "一、", 0, "item"),
        ("2", "二、", 0, "heading"),
        ("2.1", "一是", 1, "item"),
        ("2.2", "二是", 1, "item"),
    ]
    assert doc.item("2.2").path == ("二、提出了哪些重点举措",)


def test_articles_under_chapters() -> None:
    doc = _segment("第一章 总则\n第一条 为规范管理，制定本办法。\n第二条 本办法适用于全省。\n第二章 附则\n第三条 本办法自印发之日起施行。\n")
    assert _shape(doc) == [
        ("1", "第一章", 0, "heading"),
        ("1.1", "第一条", 1, "item"),
        ("1.2", "第二条", 1, "item"),
        ("2", "第二章", 0, "heading"),
        ("2.3", "第三条", 1, "item"),
    ]


def test_page_furniture_contents_and_page_numbers_are_dropped() -> None:
    doc = _segment(
        "当前位置：首页 > 政务公开\n发布日期：2020-07-01\n目 录\n一、总体要求 ........ 3\n二、重点任务 ........ 5\n"
        "一、总体要求\n坚持系统观念。\n— 3 —\n二、重点任务\n联系人：张三\n联系电话：010-12345678\n推进数字化转型。\n扫一扫在手机打开当前页\n"
    )
    assert [(it.id, it.text) for it in doc.items] == [
        ("1", "总体要求\n坚持系统观念。"),
        # Contact lines inside the body stay where they are; only a document's foot is set aside.
        ("2", "重点任务\n联系人：张三\n联系电话：010-12345678\n推进数字化转型。"),
    ]
    reasons = {d.text: d.reason for d in doc.dropped}
    assert reasons["当前位置：首页 > 政务公开"] == "网页导航"
    assert reasons["— 3 —"] == "页码" and reasons["扫一扫在手机打开当前页"] == "网页按钮"
    assert reasons["一、总体要求 ........ 3"] == "目录"


def test_attachment_list_is_not_an_item_and_annexes_nest() -> None:
    doc = _segment(
        "各有关单位：\n现将《实施方案》印发给你们，请认真贯彻执行。\n附件：1.实施方案\n2.任务清单.pdf\n"
        "工业和信息化部办公厅\n2018年1月15日\n附件1\n实施方案\n一、总体要求\n坚持稳中求进。\n二、主要任务\n推进转型升级。\n"
    )
    # The notice only issues its attachment: the attachment is the document.
    assert _shape(doc) == [("1", "一、", 0, "item"), ("2", "二、", 0, "item")]
    assert doc.item("2").text == "主要任务\n推进转型升级。"
    assert any("附件1" in w for w in doc.warnings)
    assert {d.text for d in doc.dropped if d.reason == "附件清单"} == {"附件：1.实施方案", "2.任务清单.pdf"}


def test_a_flattened_table_annex_is_kept_as_one_block() -> None:
    rows = "\n".join(f"{n}{n}.任务{n}。措施{n}。区发改委" for n in range(1, 6))
    doc = _segment(f"一、重点任务\n1.推进改革。\n附件\n分工方案\n序号方面任务分工措施负责部门\n{rows}\n")
    assert [it.id for it in doc.items] == ["1", "1.1"]
    (annex,) = doc.annexes
    assert annex.is_table and annex.title == "分工方案"
    assert "区发改委" in annex.text
    assert doc.warnings


def test_cell_per_line_table_is_one_paragraph() -> None:
    cells = "\n".join(["序号", "姓名", "职务", "电话", "单位", "备注", "1", "张三", "处长"])
    doc = _segment(f"一、申报要求\n按要求填写下表。\n{cells}\n二、时间安排\n6月底前完成。\n")
    assert [it.id for it in doc.items] == ["1", "2"]
    assert doc.item("1").text.startswith("申报要求\n按要求填写下表。\n序号\n姓名")


HARD_WRAPPED = """一、发展成效
数字基础设施规模能级大幅提升。截至2022年底，累计建
成开通5G基站231.2万个，5G用户达5.61亿户，全球占比均
超过60%。全国110个城市达到千兆城市建设标准，千兆光网
具备覆盖超过5亿户家庭能力。移动物联网终端用户数达到
18.45 亿户，成为全球主要经济体中首个实现规模化的国家。
数据资源体系加快建设。数据资源规模快速增长，全国一体
化政务数据共享枢纽发布各类数据资源1.5万类，累计支撑
1.5 万次共享调用，促进数据要素价值释放，成效显著提升。
二、发展形势
当前，新一轮科技革命和产业变革突飞猛进，数字中国建设
进入整体布局、全面推进的新阶段。
"""


def test_hard_wrapped_lines_are_joined() -> None:
    doc = _segment(HARD_WRAPPED)
    # Paragraphs that each open with a title of their own are points of their own under the bare
    # section title; a paragraph without one is the section's text.
    assert [it.id for it in doc.items] == ["1", "1.p1", "1.p2", "2"]
    first, second = doc.item("1.p1").text, doc.item("1.p2").text
    assert first.startswith("数字基础设施规模能级大幅提升。截至2022年底，累计建成开通5G基站")
    assert first.endswith("首个实现规模化的国家。")
    assert "1.5 万次共享调用" in second
    assert doc.item("2").text.count("\n") == 1


def test_word_numbering_and_outline_levels_from_blocks() -> None:
    blocks = (
        Block("总体要求", Source(SourceKind.PARAGRAPH, 0), label="一、"),
        Block("加强统筹。", Source(SourceKind.PARAGRAPH, 1), label="1."),
        Block("完善机制。", Source(SourceKind.PARAGRAPH, 2), label="2."),
        Block("保障措施", Source(SourceKind.PARAGRAPH, 3), label="二、"),
        Block("加强领导。", Source(SourceKind.PARAGRAPH, 4), label="1."),
    )
    doc = segment(RawDocument(path="a.docx", format="docx", blocks=blocks))
    assert _shape(doc) == [
        ("1", "一、", 0, "heading"),
        ("1.1", "1.", 1, "item"),
        ("1.2", "2.", 1, "item"),
        ("2", "二、", 0, "heading"),
        ("2.1", "1.", 1, "item"),
    ]
    assert doc.item("1.2").source.index == 2


def test_table_rows_become_rows_with_attributes() -> None:
    header = ("序号", "方面", "任务", "负责部门")
    blocks = tuple(
        Block(
            f"任务{n}",
            Source(SourceKind.TABLE_ROW, n, table=0),
            cells=tuple(zip(header, (str(n), "科技创新", f"任务{n}", "区科技局"))),
            text_column="任务",
            label_column="序号",
            section_column="方面",
        )
        for n in (1, 2)
    )
    doc = segment(RawDocument(path="a.xlsx", format="xlsx", blocks=blocks))
    assert [(it.id, it.kind, it.path, it.attribute("负责部门")) for it in doc.items] == [
        ("1", ItemKind.ROW, ("科技创新",), "区科技局"),
        ("2", ItemKind.ROW, ("科技创新",), "区科技局"),
    ]


def test_unnumbered_text_gives_one_item_per_paragraph() -> None:
    doc = _segment("各有关单位：\n请于6月底前报送材料。\n逾期不再受理。\n")
    assert [it.text for it in doc.items] == ["各有关单位：", "请于6月底前报送材料。", "逾期不再受理。"]


def test_nothing_but_furniture_is_a_clear_error() -> None:
    with pytest.raises(ReadError) as raised:
        _segment("扫一扫在手机打开当前页\n2020年6月30日\n")
    assert "没有找到任何文字条目" in raised.value.message


def test_text_cut_off_mid_item_is_read() -> None:
    doc = _segment(NESTED[: NESTED.index("盘活")] + "盘")
    assert doc.items[-1].text == "盘"


def test_traditional_text_segments_like_its_simplified_twin() -> None:
    to_traditional = opencc.OpenCC("s2t")
    simplified = _segment(NESTED)
    traditional = _segment(to_traditional.convert(NESTED))
    assert _shape(traditional) == _shape(simplified)
    assert [it.key for it in traditional.items] == [it.key for it in simplified.items]
    assert traditional.item("2.1.1").attribute(RESPONSIBLE) == "省工業和信息化廳"


def test_enumeration_pieces_with_nothing_said_are_not_items() -> None:
    doc = _segment("一、加强组织领导。\n二、强化保障。一是加强资金保障；二是；三是加强人才保障。\n")
    assert [it.label for it in doc.items if it.parent == "2"] == ["一是", "三是"]

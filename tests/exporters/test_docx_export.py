"""The Word report: reopened with python-docx and checked in its XML."""
from __future__ import annotations

import datetime

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from exporters.docx_export import build_document, export_docx
from tests.exporters.sample_crosswalk import ACTIVE_LINKS, TABLE_ROWS, sample_crosswalk

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "报告.docx"
    export_docx(sample_crosswalk(), path)
    return docx.Document(path)


def _east_asia(element) -> str | None:
    rfonts = element.find(f"{W}rPr/{W}rFonts")
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def _cell_text(tc) -> str:
    return "".join(t.text for t in tc.iter(f"{W}t"))


def test_title_date_and_summary(report):
    paragraphs = [p for p in report.paragraphs if p.text]
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "《滨海新区2020年重点任务具体措施》对标情况"
    assert paragraphs[1].text.startswith("（") and "年" in paragraphs[1].text
    summary = paragraphs[2].text
    for fact in ("共列任务7项", "已覆盖4项", "弱覆盖1项", "缺口1项", "不适用1项", "覆盖率67%（含弱覆盖83%）", "本级新增措施2项", "一项措施对应多项任务的1项"):
        assert fact in summary
    assert report.core_properties.author == "对标"


def test_official_fonts_are_set_for_east_asian_text(report):
    styles = report.styles
    assert _east_asia(styles["Normal"].element) == "仿宋_GB2312"
    assert styles["Normal"].font.size == Pt(16)
    assert _east_asia(styles["Heading 1"].element) == "黑体"
    assert _east_asia(styles["Heading 2"].element) == "楷体_GB2312"
    assert _east_asia(styles["Title"].element) == "方正小标宋简体"
    assert styles["Title"].font.size == Pt(22)
    for name in ("Heading 1", "Heading 2", "Title"):
        rfonts = styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert rfonts.get(qn("w:asciiTheme")) is None and rfonts.get(qn("w:eastAsiaTheme")) is None
    title_run = report.paragraphs[0].runs[0]
    assert _east_asia(title_run._element) == "方正小标宋简体"
    # Table text takes its font from the paragraph style of its size (runs carry no fonts of their own).
    table_paragraphs = list(report.tables[1]._tbl.iter(f"{W}p"))
    style_ids = {p.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) for p in table_paragraphs}
    assert style_ids == {"DuibiaoTable21"}  # 五号: nine columns leave too little width for 小四
    table_style = next(st for st in styles if st.style_id == "DuibiaoTable21")
    assert _east_asia(table_style.element) == "仿宋_GB2312" and table_style.font.size == Pt(10.5)
    font_table = next(p for p in report.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml").blob.decode()
    assert 'w:name="仿宋_GB2312"' in font_table and 'w:altName w:val="仿宋"' in font_table
    assert 'w:name="方正小标宋简体"' in font_table and 'w:altName w:val="黑体"' in font_table


def test_pages_follow_gbt_9704(report):
    portrait, wide, back, *chapters = report.sections  # chapters: responsibility and targets tables
    assert abs(portrait.page_width - Mm(210)) < Mm(0.1) and abs(portrait.page_height - Mm(297)) < Mm(0.1)
    margins = (portrait.top_margin, portrait.bottom_margin, portrait.left_margin, portrait.right_margin)
    assert all(abs(m - Mm(mm)) < Mm(0.1) for m, mm in zip(margins, (37, 35, 28, 26)))
    assert wide.orientation == 1 and abs(wide.page_width - Mm(297)) < Mm(0.1)
    assert back.orientation == 0 and abs(back.page_width - Mm(210)) < Mm(0.1)
    assert report.settings.odd_and_even_pages_header_footer
    for footer in (portrait.footer, portrait.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "— " in xml and " —" in xml


def test_coverage_table(report):
    table = report.tables[0]
    rows = [[_cell_text(tc) for tc in tr.iter(f"{W}tc")] for tr in table._tbl.iter(f"{W}tr")]
    assert rows[0] == ["方面", "任务数", "已覆盖", "弱覆盖", "缺口", "不适用", "覆盖率", "含弱覆盖"]
    assert rows[-1] == ["合计", "7", "4", "1", "1", "1", "67%", "83%"]
    assert len(rows) == 4


def test_crosswalk_table_rows_header_and_merges(report):
    tbl = report.tables[1]._tbl
    trs = list(tbl.iter(f"{W}tr"))
    header = trs[0]
    assert header.find(f"{W}trPr/{W}tblHeader") is not None
    assert [_cell_text(tc) for tc in header.iter(f"{W}tc")] == [
        "序号", "上级任务", "上级分工", "本级具体措施", "本级负责部门", "需上级协助事项", "匹配度", "状态", "审核意见"
    ]
    bands = [tr for tr in trs[1:] if tr.find(f"{W}tc/{W}tcPr/{W}gridSpan") is not None]
    assert [_cell_text(tr) for tr in bands] == [
        "一、统筹推进疫情应对和经济社会秩序恢复", "二、着力提升关键领域科技创新能力", "本级新增措施（未对应上级任务）"
    ]
    data = [tr for tr in trs[1:] if tr not in bands]
    assert len(data) == TABLE_ROWS
    statuses = [_cell_text(list(tr.iter(f"{W}tc"))[7]) for tr in data]
    assert statuses.count("本级新增") == 2 and statuses.count("缺口") == 1 and statuses.count("不适用") == 1
    assert sum(1 for tr in data if _cell_text(list(tr.iter(f"{W}tc"))[6])) == ACTIVE_LINKS
    merges = [tc.find(f"{W}tcPr/{W}vMerge") for tc in (list(tr.iter(f"{W}tc"))[1] for tr in data[1:3])]
    assert merges[0].get(qn("w:val")) == "restart" and merges[1].get(qn("w:val")) is None  # task 1.2, two measures
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(qn("w:type")) == "fixed"


def _marked(tc, flag: str) -> list[str]:
    """Texts of the runs of `tc` whose properties hold `flag` (an element, or a style id)."""
    found = []
    for r in tc.iter(f"{W}r"):
        props = r.find(f"{W}rPr")
        style = props.find(f"{W}rStyle") if props is not None else None
        if props is not None and (props.find(flag) is not None or (style is not None and style.get(qn("w:val")) == flag)):
            found.append("".join(t.text for t in r.iter(f"{W}t")))
    return found


def _first_task_cells(document):
    first = list(document.tables[1]._tbl.iter(f"{W}tr"))[2]  # row of task 1.1 (after header and band)
    return list(first.iter(f"{W}tc"))[1], list(first.iter(f"{W}tc"))[3]


def test_only_shared_phrases_are_marked_by_default(report):
    upper_cell, lower_cell = _first_task_cells(report)
    assert "应对疫情工作沟通机制" in "".join(_marked(upper_cell, "DuibiaoShared"))
    assert "应对疫情工作沟通机制" in "".join(_marked(lower_cell, "DuibiaoShared"))
    shared = next(st for st in report.styles if st.style_id == "DuibiaoShared")
    assert shared.font.bold and shared.element.find(f"{W}rPr/{W}shd").get(qn("w:fill")) == "FFF2CC"
    for cell in (upper_cell, lower_cell):
        assert not _marked(cell, f"{W}strike") and not _marked(cell, f"{W}u")
    assert _cell_text(upper_cell) == "1.建立国家级新区应对疫情工作沟通机制，加大对新区疫情防控、企业复工复产、经济社会秩序恢复等工作协调，研究提出有关政策措施。"
    legend = next(p.text for p in report.paragraphs if p.text.startswith("表中加粗"))
    assert "删除线" not in legend


def test_the_redline_option_strikes_what_is_left_out_and_underlines_what_is_added(tmp_path):
    document = docx.Document(export_docx(sample_crosswalk(), tmp_path / "修订.docx", redline=True))
    upper_cell, lower_cell = _first_task_cells(document)
    assert "研究提出有关政策措施" in "".join(_marked(upper_cell, f"{W}strike"))
    assert "指挥部与各部门之间" in "".join(_marked(lower_cell, f"{W}u"))
    assert not _marked(upper_cell, f"{W}u") and not _marked(lower_cell, f"{W}strike")
    assert "应对疫情工作沟通机制" in "".join(_marked(upper_cell, "DuibiaoShared"))
    assert any("删除线" in p.text for p in document.paragraphs)


def test_gap_weak_not_applicable_and_extra_lists(report):
    texts = [p.text for p in report.paragraphs]
    headings = {p.text: p.style.name for p in report.paragraphs if p.style.name.startswith("Heading")}
    assert [h for h, style in headings.items() if style == "Heading 1"][2:5] == [
        "三、缺口与弱覆盖任务", "四、不适用的上级任务", "五、本级新增措施"
    ]
    gaps = texts[texts.index("（一）缺口任务") + 1]
    # the document's own number without its full stop: no "原序号3.；"
    assert gaps.startswith("1．加快推动国家规划") and gaps.endswith(
        "（原序号3；所在部分：一、统筹推进疫情应对和经济社会秩序恢复；审核意见：@待区发改委补充措施）"
    )
    weak = texts[texts.index("（二）弱覆盖任务") + 2]
    assert weak.startswith("1．研究谋划") and weak.endswith("（原序号4；最接近的措施匹配度40%）")
    not_applicable = texts[texts.index("四、不适用的上级任务") + 1 : texts.index("五、本级新增措施")]
    assert not_applicable[0].startswith("经审核，以下1项上级任务不适用于本级")
    assert not_applicable[1].startswith("1．指导新区所在地区") and not_applicable[1].endswith("（原序号6；理由：本地区已完成职称评审权下放）")
    extras = texts[texts.index("五、本级新增措施") + 1 :]
    assert extras[0].startswith("1．成立卫生技术系列") and extras[1].startswith("2．创新投融资模式")
    assert headings["（一）缺口任务"] == "Heading 2"


def test_scores_are_whole_percents_and_a_manual_link_says_so(report):
    rows = [[_cell_text(tc) for tc in tr.iter(f"{W}tc")] for tr in report.tables[1]._tbl.iter(f"{W}tr")]
    scores = [r[6] for r in rows[1:] if len(r) > 6 and r[6]]
    assert scores == ["82%", "66%", "38%", "40%", "70%", "人工"]


def test_a_huge_item_and_a_huge_note_are_shortened_with_a_note(tmp_path):
    from dataclasses import replace

    from compare.alignment.crosswalk import Crosswalk
    from compare.documents.normalize import matching_key

    cw = sample_crosswalk()
    text = "加快推动重大工程建设" * 100_000  # 1,000,000 characters
    items = tuple(replace(it, text=text, key=matching_key(text)) if it.id == "1.3" else it for it in cw.upper.items)
    huge = Crosswalk.build(replace(cw.upper, items=items), cw.lower, cw.links, cw.duplicates, cw.thresholds, cw.not_applicable,
                           cw.item_notes).with_link_note("1.1", "1.1", "备" * 10_500_000)
    document = docx.Document(export_docx(huge, tmp_path / "长.docx"))
    cells = [_cell_text(tc) for tc in document.tables[1]._tbl.iter(f"{W}tc")]
    task = next(c for c in cells if c.startswith("3.加快推动"))  # in the table
    assert len(task) < 5200 and "原文共1,000,000字" in task and "只列前5,000字" in task
    note = next(c for c in cells if c.startswith("备备"))
    assert len(note) < 5200 and "原文共10,500,000字" in note


def test_control_characters_never_reach_the_xml(report):
    xml = report.element.xml
    assert "\x07" not in xml
    assert "=SUM(A1:A3)开展" in "".join(t.text for t in report.tables[1]._tbl.iter(f"{W}t"))


def test_columns_without_content_are_left_out(tmp_path):
    from dataclasses import replace

    from compare.alignment.crosswalk import Crosswalk

    cw = sample_crosswalk()
    plain = lambda doc: replace(doc, items=tuple(replace(it, attributes=()) for it in doc.items))  # noqa: E731
    bare = Crosswalk.build(plain(cw.upper), plain(cw.lower), cw.links, cw.duplicates, cw.thresholds)
    document = build_document(bare, today=datetime.date(2024, 3, 5)).document
    header = next(document.tables[1]._tbl.iter(f"{W}tr"))
    assert [_cell_text(tc) for tc in header.iter(f"{W}tc")] == ["序号", "上级任务", "本级具体措施", "匹配度", "状态", "审核意见"]
    assert any(p.text == "（2024年3月5日）" for p in document.paragraphs)

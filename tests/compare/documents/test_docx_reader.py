"""The .docx reader: text as accepted, Word's automatic numbering, headings, tables, bad files."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from compare.errors import ReadError
from compare.documents.model import RawDocument, SourceKind
from compare.documents.readers import ReadOptions, read_document, read_raw
from compare.documents.readers.docx_numbering import chinese_counting, format_number
from compare.documents.readers.docx_reader import TRACKED_CHANGES_WARNING, read_docx
from tests.compare.documents.docx_factory import Cell, DocxBuilder, paragraph, run, table

CN_OUTLINE = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))


def _read(builder: DocxBuilder, tmp_path: Path, name: str = "doc.docx", options: ReadOptions = ReadOptions()) -> RawDocument:
    return read_docx(builder.save(tmp_path / name), options)


def _labelled(raw: RawDocument) -> list[tuple[str, str]]:
    return [(b.label, b.text) for b in raw.blocks]


# --- numbering ------------------------------------------------------------------------------


def test_chinese_outline_numbering_restarts_deeper_levels(tmp_path: Path) -> None:
    b = DocxBuilder()
    n = b.add_list(*CN_OUTLINE)
    for text, ilvl in [("总体要求", 0), ("指导思想", 1), ("坚持创新", 2), ("坚持协调", 2), ("工作目标", 1), ("到2025年", 2),
                       ("重点任务", 0), ("科技创新", 1), ("建设平台", 2)]:
        b.text(text, num=n, ilvl=ilvl)
    assert _labelled(_read(b, tmp_path)) == [
        ("一、", "总体要求"), ("（一）", "指导思想"), ("1.", "坚持创新"), ("2.", "坚持协调"), ("（二）", "工作目标"),
        ("1.", "到2025年"), ("二、", "重点任务"), ("（一）", "科技创新"), ("1.", "建设平台"),
    ]


def test_lists_sharing_a_definition_continue_and_start_override_restarts(tmp_path: Path) -> None:
    b = DocxBuilder()
    first = b.add_list(("decimal", "%1."))
    b.text("甲", "乙", num=first, ilvl=0)
    b.text("插入的说明")
    b.text("丙", num=b.add_num(b.abstract_of(first)), ilvl=0)  # same definition, no override: continues
    b.text("丁", "戊", num=b.add_num(b.abstract_of(first), {0: 5}), ilvl=0)  # "restart at 5"
    assert _labelled(_read(b, tmp_path)) == [("1.", "甲"), ("2.", "乙"), ("", "插入的说明"), ("3.", "丙"), ("5.", "丁"), ("6.", "戊")]


def test_start_value_multi_level_placeholders_and_never_restarting_level(tmp_path: Path) -> None:
    b = DocxBuilder()
    n = b.add_list(("decimal", "第%1部分", 3), ("decimal", "%1.%2"), restart={1: 0})
    b.text("总则", num=n, ilvl=0)
    b.text("条一", "条二", num=n, ilvl=1)
    b.text("分则", num=n, ilvl=0)
    b.text("条三", num=n, ilvl=1)
    assert [b.label for b in _read(b, tmp_path).blocks] == ["第3部分", "3.1", "3.2", "第4部分", "4.3"]


def test_numbering_inherited_from_paragraph_style_and_its_base(tmp_path: Path) -> None:
    b = DocxBuilder()
    n = b.add_list(("chineseCounting", "%1、"), ("chineseCounting", "（%2）"))
    b.add_style("TaskHeading", "任务标题", num=n, ilvl=0)
    b.add_style("TaskSub", "任务子标题", ilvl=1, based_on="TaskHeading")  # numId from the base style
    b.text("总体要求", style="TaskHeading")
    b.text("指导思想", "基本原则", style="TaskSub")
    b.text("不编号的正文", style="TaskHeading", num="0")  # numId 0 switches numbering off
    b.text("保障措施", style="TaskHeading")
    assert _labelled(_read(b, tmp_path)) == [
        ("一、", "总体要求"), ("（一）", "指导思想"), ("（二）", "基本原则"), ("", "不编号的正文"), ("二、", "保障措施")
    ]


def test_list_style_built_into_word_template(tmp_path: Path) -> None:
    b = DocxBuilder()
    b.text("第一项", "第二项", style="ListNumber")  # numId in the style, level from the lvl's pStyle
    assert [b.label for b in _read(b, tmp_path).blocks] == ["1.", "2."]


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        ("decimalEnclosedCircle", "%1", ["①", "②", "③"]),
        ("ideographTraditional", "%1、", ["甲、", "乙、", "丙、"]),
        ("decimalFullWidth", "%1．", ["１．", "２．", "３．"]),
        ("upperLetter", "%1.", ["A.", "B.", "C."]),
        ("bullet", "\uf0b7", ["", "", ""]),
    ],
)
def test_number_formats_in_a_document(tmp_path: Path, fmt: str, text: str, expected: list[str]) -> None:
    b = DocxBuilder()
    n = b.add_list((fmt, text))
    b.text("一项", "二项", "三项", num=n, ilvl=0)
    assert [b.label for b in _read(b, tmp_path).blocks] == expected


def test_number_formats() -> None:
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 21, 99, 100, 101, 110, 1000)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十", "一千"
    ]
    assert format_number(11, "chineseCountingThousand") == "十一"
    assert format_number(11, "ideographTraditional") == "甲"  # ten stems, then round again
    assert format_number(21, "decimalEnclosedCircle") == "21"
    assert format_number(7, "decimalZero") == "07"
    assert format_number(14, "lowerRoman") == "xiv"
    assert format_number(1994, "upperRoman") == "MCMXCIV"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(12, "chineseLegalSimplified") == "拾贰"
    assert format_number(3, "ordinal") == "3"  # unknown to us: printed as a plain number


# --- text as accepted -----------------------------------------------------------------------


def test_tracked_changes_read_as_accepted_with_warning(tmp_path: Path) -> None:
    ins = '<w:ins w:id="1" w:author="审核人" w:date="2024-01-01T00:00:00Z">{}</w:ins>'
    dele = '<w:del w:id="2" w:author="审核人" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>'
    b = DocxBuilder()
    n = b.add_list(("decimal", "%1."))
    b.add(
        paragraph(run("加快") + ins.format(run("建设")) + dele + run("创新平台。"), num=n, ilvl=0),
        paragraph(dele, num=n, ilvl=0, mark='<w:del w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"/>'),  # a deleted item
        paragraph(run("前半句，"), num=n, ilvl=0, mark='<w:del w:id="4" w:author="a" w:date="2024-01-01T00:00:00Z"/>'),
        paragraph(run("后半句。"), num=n, ilvl=0),
    )
    raw = _read(b, tmp_path)
    assert _labelled(raw) == [("1.", "加快建设创新平台。"), ("2.", "前半句，后半句。")]
    assert raw.warnings == (TRACKED_CHANGES_WARNING,)


def test_no_warning_without_tracked_changes(tmp_path: Path) -> None:
    assert _read(DocxBuilder().text("普通段落"), tmp_path).warnings == ()


def test_content_controls_smart_tags_and_hyperlinks_keep_their_text(tmp_path: Path) -> None:
    b = DocxBuilder()
    b.add(
        f"<w:sdt><w:sdtPr/><w:sdtContent>{paragraph(run('块级内容控件里的段落'))}</w:sdtContent></w:sdt>",
        paragraph(run("截至") + f"<w:sdt><w:sdtPr/><w:sdtContent>{run('2025年')}</w:sdtContent></w:sdt>" + run("底")),
        paragraph(run("由") + f'<w:smartTag w:uri="urn:x" w:element="place">{run("天津市")}</w:smartTag>' + run("负责")),
        paragraph(run("详见") + f'<w:hyperlink w:anchor="a">{run("附件")}</w:hyperlink>'),
        paragraph(f"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{run('单击此处输入文字。')}</w:sdtContent></w:sdt>"),
        paragraph(run("第一行") + "<w:r><w:br/><w:t>第二行</w:t><w:tab/><w:t>续</w:t></w:r>"),
    )
    assert [b.text for b in _read(b, tmp_path).blocks] == [
        "块级内容控件里的段落", "截至2025年底", "由天津市负责", "详见附件", "第一行\n第二行 续"
    ]


def test_table_of_contents_is_left_out(tmp_path: Path) -> None:
    b = DocxBuilder()
    b.add_style("TOC1", "toc 1")
    gallery = '<w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
    toc_line = paragraph(run("一、总体要求") + "<w:r><w:tab/><w:t>1</w:t></w:r>")
    b.add(f"<w:sdt>{gallery}<w:sdtContent>{toc_line}</w:sdtContent></w:sdt>")
    b.text("二、重点任务\t3", style="TOC1")
    b.text("一、总体要求")
    assert [b.text for b in _read(b, tmp_path).blocks] == ["一、总体要求"]


# --- headings and title ---------------------------------------------------------------------


def test_heading_styles_and_outline_levels(tmp_path: Path) -> None:
    b = DocxBuilder(title="关于推进高质量发展的实施意见")
    b.add_style("CnHeading2", "标题 2", based_on="Normal")
    b.add_style("Custom", "自定义大纲", outline=2)
    b.text("总体要求", style="Heading1")
    b.text("主要目标", style="CnHeading2")
    b.text("三级标题", style="Custom")
    b.text("直接设置大纲级别", outline=0)
    b.text("正文段落")
    raw = _read(b, tmp_path)
    assert [b.outline_level for b in raw.blocks] == [0, 1, 2, 0, None]
    assert raw.title_hint == "关于推进高质量发展的实施意见"
    assert raw.format == "docx"
    assert [b.source.index for b in raw.blocks] == [0, 1, 2, 3, 4]
    assert all(b.source.kind is SourceKind.PARAGRAPH for b in raw.blocks)


# --- tables ---------------------------------------------------------------------------------


def test_table_rows_become_row_blocks_with_merged_cells_read_once(tmp_path: Path) -> None:
    b = DocxBuilder()
    b.text("附件")
    b.add(
        table(
            [
                [Cell("《某区落实措施》分工方案", span=4)],
                ["序号", "方面", "具体措施", "负责部门"],
                ["1", Cell("科技创新", vmerge="restart"), "建设创新平台。", Cell("区科技局", span=1)],
                ["2", Cell("", vmerge="continue"), "培育高新技术企业。", "区科技局、区发改委"],
                [Cell("对外开放", span=4)],  # a caption row across the table
                ["3", "", Cell("推进自贸试验区建设。", span=2)],  # text spans two columns: read once
            ]
        )
    )
    raw = _read(b, tmp_path)
    assert [b.text for b in raw.blocks if not b.cells] == ["附件", "《某区落实措施》分工方案"]
    rows = [b for b in raw.blocks if b.cells]
    assert [b.cells for b in rows] == [
        (("序号", "1"), ("方面", "科技创新"), ("具体措施", "建设创新平台。"), ("负责部门", "区科技局")),
        (("序号", "2"), ("方面", "科技创新"), ("具体措施", "培育高新技术企业。"), ("负责部门", "区科技局、区发改委")),
        (("序号", "3"), ("方面", "对外开放"), ("具体措施", "推进自贸试验区建设。"), ("负责部门", "")),
    ]
    assert {(b.text_column, b.label_column, b.section_column) for b in rows} == {("具体措施", "序号", "方面")}
    assert [(b.source.kind, b.source.table, b.source.index) for b in rows] == [
        (SourceKind.TABLE_ROW, 0, 2), (SourceKind.TABLE_ROW, 0, 3), (SourceKind.TABLE_ROW, 0, 5)
    ]


def test_automatic_numbers_in_a_table_cell_are_its_value(tmp_path: Path) -> None:
    b = DocxBuilder()
    n = b.add_list(("decimal", "%1"))
    numbered = Cell(paragraph("", num=n, ilvl=0))
    b.add(table([["序号", "工作任务", "牵头单位"], [numbered, "任务甲", "市发展改革委"], [numbered, "任务乙", "市财政局"]]))
    rows = _read(b, tmp_path).blocks
    assert [(dict(r.cells)["序号"], r.text) for r in rows] == [("1", "任务甲"), ("2", "任务乙")]


def test_layout_tables_read_as_paragraphs(tmp_path: Path) -> None:
    b = DocxBuilder()
    n = b.add_list(("chineseCounting", "%1、"))
    b.add(table([[Cell(paragraph(run("总体要求"), num=n, ilvl=0) + paragraph(run("坚持稳中求进。")))]]))
    b.add(table([["发文机关", "天津市人民政府"], ["日期", "2024年1月1日"]]))  # two columns, no header words
    raw = _read(b, tmp_path)
    assert _labelled(raw) == [("一、", "总体要求"), ("", "坚持稳中求进。"), ("", "发文机关"), ("", "天津市人民政府"), ("", "日期"), ("", "2024年1月1日")]
    assert all(not b.cells for b in raw.blocks)


def test_column_choice_overrides_the_guess_and_unknown_column_is_explained(tmp_path: Path) -> None:
    b = DocxBuilder()
    b.add(table([["序号", "国家任务", "本区措施", "负责部门"], ["1", "上级任务甲", "本区措施甲", "区发改委"]]))
    path = b.save(tmp_path / "t.docx")
    assert read_docx(path, ReadOptions()).blocks[0].text == "本区措施甲"
    assert read_docx(path, ReadOptions(text_column="国家任务")).blocks[0].text == "上级任务甲"
    with pytest.raises(ReadError) as err:
        read_docx(path, ReadOptions(text_column="具体内容"))
    assert "具体内容" in err.value.message and "“本区措施”" in err.value.message


# --- end to end -------------------------------------------------------------------------------

PLAIN = [
    "关于印发某区实施方案的通知",
    "一、总体要求",
    "（一）指导思想。坚持以人民为中心。",
    "（二）工作目标。到2025年，基本建成创新体系。",
    "二、重点任务",
    "（一）加快科技创新",
    "1.建设创新平台。",
    "2.培育科技企业。",
    "（二）扩大对外开放",
    "1.推进自贸试验区建设。",
    "三、保障措施",
    "加强组织领导，压实各方责任。",
]


def _auto_numbered_twin(tmp_path: Path) -> Path:
    """The text of PLAIN with its labels generated by Word's numbering instead of typed."""
    b = DocxBuilder()
    n = b.add_list(*CN_OUTLINE)
    levels = {"一、": 0, "二、": 0, "三、": 0, "（一）": 1, "（二）": 1, "1.": 2, "2.": 2}
    for line in PLAIN:
        label = next((lab for lab in levels if line.startswith(lab)), None)
        if label is None:
            b.text(line)
        else:
            b.text(line[len(label):], num=n, ilvl=levels[label])
    return b.save(tmp_path / "auto.docx")


def test_auto_numbered_docx_segments_like_the_same_text_typed(tmp_path: Path) -> None:
    txt = tmp_path / "typed.txt"
    txt.write_text("\n".join(PLAIN), encoding="utf-8")
    typed, auto = read_document(txt), read_document(_auto_numbered_twin(tmp_path))

    def shape(doc):  # type: ignore[no-untyped-def]
        return [(it.id, it.label, it.level, it.path, it.text, it.kind) for it in doc.items]

    assert shape(auto) == shape(typed)
    assert auto.title == typed.title == "关于印发某区实施方案的通知"


# --- bad files --------------------------------------------------------------------------------


def _zip_with(path: Path, document_xml: str) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", document_xml)
    return path


def test_truncated_file_is_a_read_error(tmp_path: Path) -> None:
    whole = DocxBuilder().text("正文" * 2000).save(tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReadError, match="损坏或不完整"):
        read_raw(cut)


def test_malformed_xml_is_a_read_error(tmp_path: Path) -> None:
    path = _zip_with(tmp_path / "bad.docx", "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>")
    with pytest.raises(ReadError, match="损坏或不完整"):
        read_docx(path, ReadOptions())


def test_entity_expansion_attack_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
        "<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = _zip_with(tmp_path / "bomb.docx", xml)
    with pytest.raises(ReadError, match="不安全"):
        read_docx(path, ReadOptions())


def test_password_protected_docx_is_explained(tmp_path: Path) -> None:
    fake = tmp_path / "加密.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024)
    with pytest.raises(ReadError, match="密码"):
        read_document(fake)


def test_document_without_text_is_explained(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="没有文字"):
        _read(DocxBuilder().text(""), tmp_path)


def test_annex_table_after_the_measures_is_kept_as_one_block(tmp_path: Path) -> None:
    """A notice whose annex is the 分工方案 as a real Word table: the rows repeat the measures,
    so they are kept as an annex block, not read as more measures."""
    import docx

    document = docx.Document()
    document.add_paragraph("一、统筹推进疫情应对")
    document.add_paragraph("1.理顺疫情防控指挥部与各部门之间的工作机制。")
    document.add_paragraph("2.落实各项企业复工复产支持政策。")
    document.add_paragraph("附件")
    document.add_paragraph("分工方案")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("序号", "具体措施", "负责部门"), ("1", "理顺工作机制", "区卫健委"), ("2", "落实支持政策", "区发改委")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    path = tmp_path / "notice.docx"
    document.save(path)
    doc = read_document(path)
    assert [it.display for it in doc.leaves] == ["1.理顺疫情防控指挥部与各部门之间的工作机制。", "2.落实各项企业复工复产支持政策。"]
    assert len(doc.annexes) == 1 and doc.annexes[0].is_table
    assert "区发改委" in doc.annexes[0].text

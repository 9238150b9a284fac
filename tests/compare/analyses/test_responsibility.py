"""Responsibility extraction: unit names, roles from columns, tags and wording, and the matrix."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare.documents.model import Document, Item, ItemKind
from compare.documents.readers import read_document
from compare.analyses.responsibility import LEAD, SUPPORT, Responsibility, department_matrix, responsibility_of
from compare.analyses.unit_names import naming_variants, normalise_unit, split_units
from tests.conftest import CORPUS, SEEDS, require_shared


def _item(text: str, item_id: str = "1", parent: str | None = None, attributes=(), kind=ItemKind.ITEM) -> Item:
    return Item(id=item_id, label="", level=0, path=(), text=text, key=text, kind=kind, parent=parent, attributes=attributes)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("区发改委", "区发展改革委"),
        ("区发展和改革委员会", "区发展改革委"),
        ("市工信局", "市工业和信息化局"),
        ("省人社厅", "省人力资源社会保障厅"),
        ("市住建委", "市住房城乡建设委"),
        ("区卫健委", "区卫生健康委"),
        ("省工業和信息化廳", "省工业和信息化厅"),
        (" 市 财政局 ", "市财政局"),
        ("区政府办", "区政府办公室"),
        ("济南市人民政府", "济南市政府"),
        ("市科委", "市科委"),  # 科学技术委员会 is not a 科技局
        ("市科学技术局", "市科技局"),
        ("省经信委", "省经济和信息化委"),  # not merged with 工业和信息化
        ("各有关部门", ""),
        ("市有关单位", ""),
    ],
)
def test_normalise_unit(name: str, canonical: str) -> None:
    assert normalise_unit(name) == canonical


def test_level_prefix_keeps_units_apart() -> None:
    assert normalise_unit("省科技厅") != normalise_unit("市科技局")
    assert normalise_unit("区发改委") != normalise_unit("市发改委")


def test_split_units() -> None:
    assert split_units("市发展改革委、市财政局等按职责分工负责") == ["市发展改革委", "市财政局"]
    assert split_units("省文化和旅游厅、省工业和信息化厅") == ["省文化和旅游厅", "省工业和信息化厅"]
    assert split_units("市财政局和市税务局") == ["市财政局", "市税务局"]
    assert split_units("各有关部门、各市政府") == ["各市政府"]
    assert split_units("区防控工作指挥部、区政府办;各开发区管委会,区工信局") == [
        "区防控工作指挥部", "区政府办", "各开发区管委会", "区工信局",
    ]


def test_naming_variants_only_lists_units_spelled_several_ways() -> None:
    variants = naming_variants(["区发改委", "区发展改革委", "区发改委", "区财政局", "區財政局"])
    assert variants == [("区发展改革委", ("区发改委", "区发展改革委"))]


def test_trailing_tag_attribute_with_lead_and_support() -> None:
    item = _item("推进项目建设。", attributes=(("负责部门", "省大数据局、省政府办公厅牵头，各有关部门、各市政府配合"),))
    assert responsibility_of(item) == Responsibility(("省大数据局", "省政府办公厅"), ("各市政府",))


def test_shared_responsibility_tag_makes_every_unit_lead() -> None:
    item = _item("加快网络建设。", attributes=(("负责部门", "省工业和信息化厅、省通信管理局分工负责"),))
    assert responsibility_of(item).lead == ("省工业和信息化厅", "省通信管理局")


def test_inner_tags_and_wording_in_the_text() -> None:
    item = _item(
        "完善平台（省发改委牵头，省财政厅配合）。建设系统（省财政厅负责）。由市商务局牵头，市发展改革委等配合，开展评估。"
    )
    resp = responsibility_of(item)
    assert resp.lead == ("省发展改革委", "省财政厅", "市商务局")
    assert resp.support == ("市发展改革委",)


def test_hui_tong_makes_the_first_unit_lead() -> None:
    resp = responsibility_of(_item("市委办公厅、市政府办公厅会同市协同办定期开展工作督导。"))
    assert resp == Responsibility(("市委办公厅", "市政府办公厅"), ("市协同办",))


def test_sentences_that_name_no_unit_give_nothing() -> None:
    for text in (
        "鼓励优秀创新型企业牵头，联合创建国家制造业创新中心。",
        "本办法由国家能源局负责解释。",
        "配合市有关部门出台若干措施。",
        "建设平台（以下简称平台）。",
        "实施办法（试行）。",
    ):
        assert not responsibility_of(_item(text)), text


def test_table_columns() -> None:
    item = _item(
        "措施",
        attributes=(
            ("国家分工", "国家发改委"),
            ("新区负责部门", "区统计局、区发改委"),
            ("需市级部门协助开展的工作和分工", "配合新区开展统计（市统计局）"),
            ("配合单位", "区财政局"),
        ),
    )
    assert responsibility_of(item) == Responsibility(("区统计局", "区发展改革委"), ("区财政局",))
    upper = _item("任务", attributes=(("国家分工", "国家发改委、商务部"),))
    assert responsibility_of(upper).lead == ("国家发展改革委", "商务部")


def test_matrix_counts_roles_and_finds_tasks_without_lead() -> None:
    items = (
        _item("一、加快发展", "1", kind=ItemKind.HEADING),
        _item("推进A。（区发改委牵头，区财政局配合）", "1.1", parent="1"),
        _item("推进B。（区发展改革委负责）", "1.2", parent="1"),
        _item("推进C，加强统筹协调，确保各项任务落到实处。", "1.3", parent="1"),
    )
    matrix = department_matrix(Document("t", "t.txt", "txt", items))
    assert [it.id for it in matrix.items] == ["1.1", "1.2", "1.3"]
    assert matrix.units == ("区发展改革委", "区财政局")
    assert matrix.roles[("区发展改革委", "1.1")] == LEAD
    assert matrix.roles[("区财政局", "1.1")] == SUPPORT
    assert matrix.count("区发展改革委", LEAD) == 2
    assert [it.id for it in matrix.items_without_lead] == ["1.3"]
    assert matrix.variants == (("区发展改革委", ("区发改委", "区发展改革委")),)


def test_group_lead_covers_its_parts() -> None:
    items = (
        _item("（一）强化攻坚，提升能力，推动产业发展。（省科技厅牵头）", "1"),
        _item("1.突破关键技术，开展示范应用。", "1.1", parent="1"),
    )
    matrix = department_matrix(Document("t", "t.txt", "txt", items))
    assert matrix.items_without_lead == ()


def test_seed_004_traditional_wording() -> None:
    doc = read_document(require_shared(SEEDS / "004_79fc7983f95c3d9d.txt"))
    matrix = department_matrix(doc)
    assert matrix.units == ("市委办公厅", "市政府办公厅", "市协同办")
    (item,) = matrix.items_of("市协同办", SUPPORT)
    assert item.display.startswith("(一)加強組織領導")


def test_seed_002_body_names_no_unit() -> None:
    doc = read_document(require_shared(SEEDS / "002_316de45e39d2cb83.txt"))
    assert department_matrix(doc).units == ()


def test_corpus_texts_do_not_crash(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(require_shared(CORPUS), read_only=True)
    try:
        texts = [
            (sheet.title, row[0], row[5])
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(min_row=2, values_only=True)
            if len(row) > 5 and isinstance(row[5], str) and row[5].strip()
        ]
    finally:
        workbook.close()
    assert len(texts) >= 200
    found: dict[tuple[str, object], tuple[int, int]] = {}
    for n, (sheet, no, text) in enumerate(texts):
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        matrix = department_matrix(read_document(path))
        found[(sheet, no)] = (len(matrix.units), len(matrix.items_without_lead))
    six = next(v for (sheet, no), v in found.items() if sheet.startswith("ShanDong") and no == 6)
    assert six == (38, 0)  # 数字山东 action plan: every task tagged, 38 distinct units (hand count)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("经发局、建设局按职责分工负责。", ("经发局", "建设局")),  # bodies named after their work
        ("加快推进产业园区建设（经发局、建设局）", ("经发局", "建设局")),
        ("推进老旧小区改造。责任单位：区建设局", ("区建设局",)),  # a field written into the text
        ("加快经开区基础设施建设。（经开区管委会）", ("经开区管委会",)),
    ],
)
def test_bare_bureau_names_and_fields_in_the_text(text: str, lead: tuple[str, ...]) -> None:
    assert responsibility_of(_item(text)).lead == lead


def test_a_task_that_names_a_unit_is_never_listed_as_naming_none() -> None:
    items = (
        _item("推进产业园区建设，区经发局、区建设局加快推进配套设施建设。", "1"),  # units as the subject
        _item("完善工作机制，日常工作由区经发局负责。", "2"),
        _item("区建设局配合做好老旧小区改造。", "3"),  # a unit, though not said to lead
        _item("加强统筹协调，确保各项任务落到实处。", "4"),  # 落到实处 is no unit
    )
    matrix = department_matrix(Document("t", "t.txt", "txt", items))
    assert [it.id for it in matrix.items_without_lead] == ["4"]


def test_corpus_tasks_with_a_unit_as_subject_are_not_listed_without_unit(tmp_path: Path) -> None:
    """ShanDong 8 (人工智能 projects): "省工业和信息化厅建立并不断完善…" names its unit as the subject."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(require_shared(CORPUS), read_only=True)
    try:
        text = next(row[5] for row in workbook["ShanDong Policies Table"].iter_rows(min_row=2, values_only=True) if row[0] == 8)
    finally:
        workbook.close()
    path = tmp_path / "sd8.txt"
    path.write_text(text, encoding="utf-8")
    listed = department_matrix(read_document(path)).items_without_lead
    assert not [it for it in listed if "省工业和信息化厅" in it.text]

"""Targets and deadlines: each pattern on hand-written items, the comparison on a tiny crosswalk,
and a no-crash pass over the seeds and the corpus."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from compare.alignment.align import align
from compare.alignment.crosswalk import LinkStatus
from compare.documents.model import Document, Item, ItemKind
from compare.documents.normalize import matching_key
from compare.documents.readers import read_document
from compare.analyses.target_compare import TargetVerdict, compare_targets
from compare.analyses.target_patterns import chinese_number
from compare.analyses.targets import Bound, TargetKind, document_targets, extract_targets
from tests.conftest import CORPUS, SEEDS, require_shared


def _item(text: str, item_id: str = "1", kind: ItemKind = ItemKind.ITEM, parent: str | None = None) -> Item:
    return Item(id=item_id, label="", level=1, path=(), text=text, key=matching_key(text), kind=kind, parent=parent)


def _facts(text: str) -> list[tuple[float | None, str, int | None]]:
    return [(t.value, t.unit, t.year) for t in extract_targets(_item(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2027年,承接北京非首都功能新增项目投资额累计超过8000亿元。", [(8000, "亿元", 2027)]),
        ("提升创新券服务覆盖面,全年新增服务机构和推荐机构10家以上。", [(10, "家", None)]),
        ("力争2020年国家科技型中小企业入库2450家、雏鹰企业入库1150家。", [(2450, "家", 2020), (1150, "家", 2020)]),
        ("确保滨海新区新建民用建筑100%执行2019版《绿色建筑评价标准》。", [(100, "%", None)]),
        ("到2022年,在化工装置等领域选择不少于1000家企业,实施专项行动。", [(1000, "家", 2022)]),
        ("力争全国重点实验室达到一千家,研发投入强度达到百分之三。", [(1000, "家", None), (3, "%", None)]),
        ("到二〇二七年,新增两万家企业上云。", [(2, "万家", 2027)]),
        ("全市規模以上工業總產值達到3萬億元左右。", [(3, "万亿元", None)]),
        ("國際航運中心發展指數排名進入全球前18位。", [(18, "位", None)]),
    ],
)
def test_quantities(text, expected):
    assert _facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "根据《关于印发实施方案的通知》(津政发〔2020〕12号)要求,制定本措施。",
        "成文日期:2020年6月30日,第十二条规定的事项,联系电话:022-23456789。",
        "编制滨海新区“十四五”科技创新规划,实施“1+2+N”系列招商活动。",
        "2020年以来,已建成加氢站12座,7月份以来新设机构30家。",
        "实施天津港30万吨级主航道工程,推进南港120万吨乙烯项目建成投产。",
        "对年营业收入1亿元以上的企业给予最高100万元奖励。",
        "逐步打造国家航空产业集群、国家工业生物产业集群等三个产业集群。",
        "本文件共5页,突出一个工作重点,实施7×24小时服务。",
        "2021年全国农产品网络零售额达4221亿元。",
    ],
)
def test_numbers_that_are_not_targets(text):
    assert extract_targets(_item(text)) == ()


def test_deadline_without_number():
    (t,) = extract_targets(_item("研究制定资金管理办法,确保专项资金2021年顺利启动实施。"))
    assert (t.kind, t.value, t.unit, t.year, t.qualifier) == (TargetKind.DEADLINE, None, "", 2021, "确保")
    (lead,) = extract_targets(_item("到2027年,京津冀协同发展指数显著提升。"))
    assert lead.kind is TargetKind.DEADLINE and lead.year == 2027 and lead.metric == "京津冀协同发展指数显著提升"
    assert extract_targets(_item("2021—2025年是关键时期,2024年是十周年。")) == ()


def test_fields_span_qualifier_and_bound():
    item = _item("到2025年，全社会研发投入强度达到3.7%左右，年实际使用外资70億美元以上，PM2.5浓度控制在30以内。")
    share, money = extract_targets(item)
    assert item.text[share.span[0] : share.span[1]] == share.text == "全社会研发投入强度达到3.7%左右"
    assert (share.kind, share.metric, share.qualifier, share.year) == (TargetKind.SHARE, "全社会研发投入强度", "左右", 2025)
    assert (money.unit, money.qualifier, money.base_unit, money.base_value) == ("亿美元", "以上", "美元", 70e8)
    (cap,) = extract_targets(_item("单位产品能耗下降到5%以内。"))
    assert cap.bound is Bound.AT_MOST and money.bound is Bound.AT_LEAST


def test_chinese_numerals():
    assert [chinese_number(s) for s in ("一千", "两", "十五", "三千五百", "二〇二七", "一亿三千万", "三四")] == [
        1000, 2, 15, 3500, 2027, 130_000_000, None
    ]


def test_bullets_take_the_year_of_their_lead_and_headings_are_skipped():
    items = (
        Item("0", "一、", 0, (), "工作目标", matching_key("工作目标"), ItemKind.HEADING),
        _item("到2027年,协同发展水平显著提升。", "1", parent="0"),
        _item("战略性新兴产业规模突破1万亿元。", "2", ItemKind.TARGET, parent="0"),
    )
    doc = Document("d", "d.txt", "txt", items)
    assert [(t.item_id, t.value, t.year) for t in document_targets(doc)] == [("1", None, 2027), ("2", 1, 2027)]


def _document(name: str, rows: list[str]) -> Document:
    items = [Item("0", "一、", 0, (), "重点任务", matching_key("重点任务"), ItemKind.HEADING)]
    for n, text in enumerate(rows, 1):
        items.append(Item(str(n), f"{n}.", 1, ("一、重点任务",), text, matching_key(text), parent="0"))
    return Document(name, f"{name}.txt", "txt", tuple(items))


UPPER = [
    "培育科技型中小企业和瞪羚企业，到2022年科技型中小企业入库不少于1000家。",
    "建设国家知识产权示范城区，到2025年高价值发明专利拥有量达到5000件。",
    "研究设立海洋经济发展基金，支持远洋渔业船队更新改造，到2025年新增远洋渔船50艘。",
    "推广电子证照和电子印章应用，政务服务事项全程网上办理，到2023年网办率达到90%。",
]
LOWER = [
    "培育科技型中小企业和瞪羚企业，到2022年本区科技型中小企业入库1200家。",
    "建设国家知识产权示范城区，到2026年高价值发明专利拥有量达到3000件。",
    "推广电子证照和电子印章应用，推动政务服务事项全程网上办理，建设一网通平台。",
]


@pytest.fixture(scope="module")
def crosswalk():
    cw = align(_document("upper", UPPER), _document("lower", LOWER))
    # The test is about targets, not the matcher: pin the intended links.
    for upper, lower in (("1", "1"), ("2", "2"), ("4", "3")):
        cw = cw.with_manual_link(upper, lower)
    for link in cw.links:
        if link.pair not in {("1", "1"), ("2", "2"), ("4", "3")}:
            cw = cw.with_link_status(link.upper, link.lower, LinkStatus.REJECTED)
    return cw


def test_compare_targets_verdicts(crosswalk):
    report = compare_targets(crosswalk)
    got = [(r.upper_item, r.lower_item, r.upper.value if r.upper else None, r.lower.value if r.lower else None, r.verdict) for r in report.rows]
    assert got == [
        ("1", "1", 1000, 1200, TargetVerdict.CARRIED),
        ("2", "2", 5000, 3000, TargetVerdict.BELOW),
        ("3", None, 50, None, TargetVerdict.NOT_CARRIED),
        ("4", "3", 90, None, TargetVerdict.NOT_QUANTIFIED),
    ]
    assert [(t.item_id, t.value) for t in report.uncarried] == [("3", 50), ("4", 90)]


def test_later_deadline_and_not_applicable(crosswalk):
    later = compare_targets(crosswalk.with_not_applicable("3", "本区无远洋渔业"))
    assert [r.verdict for r in later.rows if r.upper_item == "3"] == [TargetVerdict.NOT_APPLICABLE]
    assert [t.item_id for t in later.uncarried] == ["4"]
    lower = _document("lower", ["建设国家知识产权示范城区，到2026年高价值发明专利拥有量达到6000件。"])
    upper = _document("upper", UPPER[1:2])
    cw = align(upper, lower).with_manual_link("1", "1")
    assert [r.verdict for r in compare_targets(cw).rows] == [TargetVerdict.LATER]


def _seed(prefix: str) -> Path:
    require_shared(SEEDS)
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.mark.corpus
def test_seed_004_traditional_targets():
    targets = document_targets(read_document(_seed("004")))
    found = {(t.value, t.unit, t.year) for t in targets}
    assert {(8000, "亿元", 2027), (3.7, "%", 2027), (2700, "万标准箱", 2027), (510, "公里", 2027)} <= found
    assert all(t.text and t.text in read_document(_seed("004")).item(t.item_id).text for t in targets)


@pytest.mark.corpus
def test_seed_003_reports_progress_not_targets():
    values = {t.value for t in document_targets(read_document(_seed("003")))}
    assert not values & {12, 665, 372, 142, 124, 30, 5621, 9.7}


@pytest.mark.corpus
def test_corpus_texts_do_not_crash():
    import openpyxl

    wb = openpyxl.load_workbook(require_shared(CORPUS), read_only=True)
    texts = [str(row[5]) for ws in wb for row in ws.iter_rows(min_row=2, values_only=True) if row[5]]
    wb.close()
    total = 0
    with tempfile.TemporaryDirectory() as folder:
        for n, text in enumerate(texts):
            path = Path(folder) / f"{n}.txt"
            path.write_text(text, encoding="utf-8")
            document = read_document(path)
            for t in document_targets(document):
                item = document.item(t.item_id)
                assert item.text[t.span[0] : t.span[1]] == t.text
                assert t.year is None or 1990 <= t.year <= 2100
                total += 1
    assert len(texts) >= 200 and total > 0


def test_a_number_of_something_else_is_not_carried():
    """Seed 002's measure 6: "推荐5家双创载体" is not carried by a measure whose only "5家" counts
    service and recommending institutions (issue 12)."""
    upper = _document("upper", ["持续推进国家双创示范基地建设，推荐5家双创载体申报国家级、市级双创载体资格。"])
    lower = _document("lower", ["提升创新券服务覆盖面，全年新增服务机构和推荐机构5家以上。"])
    cw = align(upper, lower).with_manual_link("1", "1")
    (row,) = [r for r in compare_targets(cw).rows if r.upper is not None]
    assert row.verdict is TargetVerdict.NOT_QUANTIFIED and row.lower is None
    assert [t.text for t in compare_targets(cw).uncarried] == ["推荐5家双创载体申报国家级"]


def test_the_same_object_in_other_words_is_carried():
    upper = _document("upper", ["培育科技型中小企业，到2022年科技型中小企业入库不少于1000家。"])
    lower = _document("lower", ["全年本区科技型中小企业入库1200家。"])
    cw = align(upper, lower).with_manual_link("1", "1")
    (row,) = [r for r in compare_targets(cw).rows if r.upper is not None]
    assert row.verdict is TargetVerdict.CARRIED and row.lower.value == 1200

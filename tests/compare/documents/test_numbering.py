"""Recognising printed numbering: which labels are labels, their style and their number."""
from __future__ import annotations

import pytest

from compare.documents.normalize import matching_key
from compare.documents.numbering import chinese_to_int, find_enumeration, label_value, match_label


def _label(text: str):
    return match_label(text, matching_key(text))


@pytest.mark.parametrize(
    ("text", "label", "style", "value"),
    [
        ("一、总体要求", "一、", "cn_dun", 1),
        ("十二、其他", "十二、", "cn_dun", 12),
        ("（三）加强组织领导", "（三）", "cn_paren", 3),
        ("(三)加强组织领导", "(三)", "cn_paren", 3),
        ("12.完善机制", "12.", "ar_dot", 12),
        ("3、完善机制", "3、", "ar_dot", 3),
        ("４．完善机制", "４．", "ar_dot", 4),
        ("（2）建立台账", "（2）", "ar_paren", 2),
        ("2）建立台账", "2）", "ar_half", 2),
        ("③推广应用", "③", "circled", 3),
        ("第五条 本办法自印发之日起施行。", "第五条", "article", 5),
        ("第十二条　申报条件", "第十二条", "article", 12),
        ("第二章 总则", "第二章", "chapter", 2),
        ("第3章 适用范围", "第3章", "chapter", 3),
        ("第一部分 基础共性标准", "第一部分", "part", 1),
        ("一是加强统筹。", "一是", "enum", 1),
        ("──全国先进制造研发基地规模实力明显增强。", "──", "target", None),
        ("1.2 总体目标", "1.2", "ar_decimal", 2),
        ("1.2.1 近期目标", "1.2.1", "ar_decimal3", 1),
        ("第一條 為規範管理", "第一條", "article", 1),
        ("（七）推動區域內改革試點示範走深走實", "（七）", "cn_paren", 7),
    ],
)
def test_labels_are_recognised(text: str, label: str, style: str, value: int | None) -> None:
    found = _label(text)
    assert found is not None
    assert (found.text, found.style, found.value) == (label, style, value)


@pytest.mark.parametrize(
    "text",
    [
        "2.5亿元用于支持重点项目",  # a decimal number, not a label
        "1.5 万类数据资源",  # a decimal with a unit after a wrapped line
        "10.3%的增速",
        "2019年全市规模以上工业增加值增长",
        "这是一项长期任务",  # 是 after a word that is no number
        "一、",  # a label alone on its line carries no item
        "统一是关键",
    ],
)
def test_numbers_in_running_text_are_not_labels(text: str) -> None:
    assert _label(text) is None


def test_chinese_numbers() -> None:
    assert [chinese_to_int(w) for w in ("一", "十", "十二", "二十", "二十三", "一百零三", "二〇")] == [1, 10, 12, 20, 23, 103, 20]
    assert chinese_to_int("甲") is None
    assert label_value("（十五）") == 15
    assert label_value("⑫") == 12


def test_enumeration_inside_a_paragraph() -> None:
    text = "提出了3项内容。一是加强统筹，二是完善机制；三是强化保障。"
    spots = find_enumeration(matching_key(text))
    assert [v for _, _, v in spots] == [1, 2, 3]
    assert [text[s:e] for s, e, _ in spots] == ["一是", "二是", "三是"]


def test_enumeration_must_count_up_from_one() -> None:
    assert find_enumeration("二是加强统筹。三是完善机制。") == []
    assert find_enumeration("一是加强统筹。") == []  # one alone is no enumeration

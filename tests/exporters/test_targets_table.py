"""The 目标与时限 sheets built from a tiny crosswalk."""
from __future__ import annotations

from compare.alignment.align import align
from compare.documents.model import Document, Item, ItemKind
from compare.documents.normalize import matching_key
from exporters.targets_table import targets_tables


def _document(name: str, rows: list[str]) -> Document:
    items = [Item("0", "一、", 0, (), "重点任务", matching_key("重点任务"), ItemKind.HEADING)]
    for n, text in enumerate(rows, 1):
        items.append(Item(str(n), f"{n}.", 1, ("一、重点任务",), text, matching_key(text), parent="0"))
    return Document(name, f"{name}.txt", "txt", tuple(items))


def test_targets_tables():
    upper = _document("upper", ["到2027年，承接项目投资额累计超过8000亿元。", "到2025年新增远洋渔船50艘。"])
    lower = _document("lower", ["到2027年，本区承接项目投资额累计超过900亿元。"])
    cw = align(upper, lower).with_manual_link("1", "1")
    pairs, missing = targets_tables(cw)
    assert [t.title for t in (pairs, missing)] == ["目标与时限", "未承接的上级目标"]
    assert all(len(t.title) <= 31 for t in (pairs, missing))
    assert [c.header for c in pairs.columns] == [
        "上级编号", "上级目标", "上级数值", "上级单位", "上级年份",
        "本级编号", "本级目标", "本级数值", "本级单位", "本级年份", "对照结果",
    ]
    assert pairs.rows[0] == (
        "一、1.", "承接项目投资额累计超过8000亿元", 8000, "亿元", 2027,
        "一、1.", "本区承接项目投资额累计超过900亿元", 900, "亿元", 2027, "本级低于上级",
    )
    assert pairs.rows[-1][-1] == "本级未承接"
    assert missing.rows == (("一、2.", "到2025年新增远洋渔船50艘", 50, "艘", 2025, "新增远洋渔船"),)

"""The plain tables that the pair workbook and report add after the crosswalk: the 本级
document's responsibility sheets (the upper document's 分工 is already a column of the 对照表)."""
from __future__ import annotations

from dataclasses import replace

from compare.alignment.crosswalk import Crosswalk
from exporters.plain_table import PlainTable
from exporters.responsibility_table import responsibility_tables
from exporters.summary import document_name

LOWER_PREFIX = "本级"


def lower_responsibility_tables(cw: Crosswalk) -> tuple[PlainTable, ...]:
    """The lower document's responsibility tables, titled and noted as the 本级 units'."""
    name = document_name(cw.lower)
    scope = f"本表统计本级文件《{name}》中的责任单位。"
    return tuple(
        replace(t, title=(LOWER_PREFIX + t.title)[:31], note=scope + t.note,
                empty=t.empty.replace("本文件", f"本级文件《{name}》", 1))
        for t in responsibility_tables(cw.lower)
    )

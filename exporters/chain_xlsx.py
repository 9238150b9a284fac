"""Chain -> .xlsx: one 对照表 per level pair, the 链条 of every first-level task, and 覆盖统计.

Each pair sheet is the same 对照表 as in a pair workbook (without its hidden review record: a
chain's review is kept in the session, and a pair is re-imported from its own workbook).
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from compare.cascade import Chain
from exporters.atomic import write_atomic
from exporters.chain_tables import chain_table, end_to_end_table, pair_coverage_table, pair_sheet_name
from exporters.summary import AUTHOR, document_name, report_title
from exporters.xlsx_export import write_crosswalk_sheet
from exporters.xlsx_plain import write_plain_sheet
from exporters.xlsx_style import add_styles

SHEET_CHAIN = "链条"
SHEET_COVERAGE = "覆盖统计"
# 贯通 / 断开 / 不适用, the colours of 已确认 / 缺口 / 不适用 in the 对照表
_OUTCOME_FILLS = {"贯通": "E2EFDA", "断开": "F8CBAD", "不适用": "EDEDED"}


def chain_title(chain: Chain) -> str:
    return f"《{document_name(chain.documents[-1])}》逐级对标情况"


def export_chain_xlsx(chain: Chain, path: str | Path) -> Path:
    """Write the chain workbook to `path` atomically and return the path."""
    return write_atomic(path, build_chain_workbook(chain).save)


def build_chain_workbook(chain: Chain) -> Workbook:
    wb = Workbook()
    title = chain_title(chain)
    wb.properties.title = title
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.subject = " — ".join(document_name(d) for d in chain.documents)
    add_styles(wb)
    coverage = wb.active
    coverage.title = SHEET_COVERAGE
    write_plain_sheet(coverage, (pair_coverage_table(chain), end_to_end_table(chain)), title, summary=True)

    links = wb.create_sheet(SHEET_CHAIN)
    table = chain_table(chain)
    write_plain_sheet(links, table, title)
    outcome_column = len(table.columns) - 1
    for r in range(2, len(table.rows) + 2):
        cell = links.cell(r, outcome_column)
        fill = next((f for word, f in _OUTCOME_FILLS.items() if str(cell.value).startswith(word)), None)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)

    for n, step in enumerate(chain.steps):
        write_crosswalk_sheet(wb.create_sheet(pair_sheet_name(chain, n)), step, report_title(step))
    return wb

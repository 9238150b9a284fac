"""Chain -> .xlsx: one 对照表 per level pair, the 链条 of every first-level task, and 覆盖统计.

Each pair sheet is the same 对照表 as in a pair workbook (without its hidden review record: a
chain's review is kept in the session, and a pair is re-imported from its own workbook).
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from compare.analyses.cascade import Chain, ChainOutcome
from compare.atomic_write import write_atomic
from exporters.chain_tables import chain_table, chain_title, end_to_end_table, pair_coverage_table, pair_sheet_name
from exporters.summary import document_name, report_title
from exporters.xlsx_export import write_crosswalk_sheet
from exporters.xlsx_plain import write_plain_sheet
from exporters.xlsx_style import new_workbook

SHEET_CHAIN = "链条"
SHEET_COVERAGE = "覆盖统计"
# The 贯通情况 cell: green, red or grey, lighter than the 状态 colours of the 对照表.
_OUTCOME_FILLS = {ChainOutcome.REACHED: "E2EFDA", ChainOutcome.BROKEN: "F8CBAD", ChainOutcome.NOT_APPLICABLE: "EDEDED"}


def export_chain_xlsx(chain: Chain, path: str | Path) -> Path:
    """Write the chain workbook to `path` atomically and return the path."""
    return write_atomic(path, build_chain_workbook(chain).save)


def build_chain_workbook(chain: Chain) -> Workbook:
    title = chain_title(chain)
    tasks = chain.end_to_end()
    wb = new_workbook(title, " — ".join(document_name(d) for d in chain.documents))
    coverage = wb.active
    coverage.title = SHEET_COVERAGE
    write_plain_sheet(coverage, (pair_coverage_table(chain), end_to_end_table(chain, chain.coverage(tasks))), title, summary=True)

    links = wb.create_sheet(SHEET_CHAIN)
    table = chain_table(chain, tasks)
    write_plain_sheet(links, table, title)
    outcome_column = len(table.columns) - 1
    for r, task in enumerate(tasks, start=2):
        links.cell(r, outcome_column).fill = PatternFill("solid", fgColor=_OUTCOME_FILLS[task.outcome])

    for n, step in enumerate(chain.steps):
        write_crosswalk_sheet(wb.create_sheet(pair_sheet_name(chain, n)), step, report_title(step))
    return wb

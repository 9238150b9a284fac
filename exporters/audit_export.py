"""分工方案 audit (`compare.analyses.audit.AuditReport`) -> .xlsx / .docx / .json.

The workbook has one sheet per `audit_tables` table, the overview first; the report lists the
same tables under numbered headings.
"""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from openpyxl import Workbook

from compare.analyses.audit import AuditReport
from compare.atomic_write import write_atomic, write_bytes_atomic
from exporters.audit_tables import audit_tables
from exporters.docx_layout import ReportFile, new_report
from exporters.docx_plain import add_plain_chapter, add_plain_table
from exporters.plain_table import PlainTable
from exporters.xlsx_plain import write_plain_sheet
from exporters.xlsx_style import new_workbook

AUDIT_FORMAT = "duibiao-audit"
AUDIT_VERSION = 1


def audit_title(report: AuditReport) -> str:
    return f"《{report.upper_title}》分工方案审核情况" if report.checked_upper else "分工方案审核情况"


def build_audit_workbook(report: AuditReport) -> Workbook:
    title = audit_title(report)
    wb = new_workbook(title)
    for n, table in enumerate(audit_tables(report)):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = table.title
        write_plain_sheet(ws, table, title, summary=n == 0)
    return wb


def build_audit_document(report: AuditReport, *, today: datetime.date | None = None) -> ReportFile:
    overview, *findings = audit_tables(report, findings_at="下文同名部分")
    document = new_report(audit_title(report), today)
    add_plain_table(document, overview, "一、审核概况", landscape=False, heading_style="Heading 1")
    # Findings with rows first, in the overview's order: what needs work comes before what is fine.
    add_plain_chapter(document, "二、审核发现的问题", sorted(findings, key=lambda t: not t.rows))
    return document


def _table_json(table: PlainTable) -> dict[str, object]:
    return {"title": table.title, "note": table.note, "columns": [c.header for c in table.columns], "rows": [list(r) for r in table.rows]}


def export_audit_xlsx(report: AuditReport, path: str | Path) -> Path:
    """Write the audit workbook to `path` atomically and return the path."""
    return write_atomic(path, build_audit_workbook(report).save)


def export_audit_docx(report: AuditReport, path: str | Path) -> Path:
    """Write the audit report to `path` atomically and return the path."""
    return write_atomic(path, build_audit_document(report).save)


def export_audit_json(report: AuditReport, path: str | Path) -> Path:
    data = {
        "format": AUDIT_FORMAT,
        "version": AUDIT_VERSION,
        "upper_title": report.upper_title,
        "tables": [_table_json(t) for t in audit_tables(report)],
    }
    return write_bytes_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

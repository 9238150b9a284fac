"""Crosswalk, chain and audit results -> .json / .xlsx / .docx. No Qt, no parsing.

Writers are imported when a format is asked for: python-docx and openpyxl are slow to load and a
`compare --out x.json` needs neither.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from compare.crosswalk import Crosswalk
from compare.errors import WriteError

if TYPE_CHECKING:
    from compare.audit import AuditReport
    from compare.cascade import Chain


def _check_suffixes(paths: list[Path]) -> None:
    """Refuse an unknown format before anything is written."""
    for path in paths:
        if path.suffix.lower() not in (".json", ".xlsx", ".docx"):
            raise WriteError(path, f"不支持输出 {path.suffix or '无扩展名'} 格式", "请使用 .json、.xlsx 或 .docx")


def write_outputs(crosswalk: Crosswalk, paths: list[Path]) -> list[Path]:
    """Write each requested output of one upper/lower pair, chosen by its extension."""
    _check_suffixes(paths)
    written = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".json":
            from exporters.crosswalk_json import export_json

            written.append(export_json(crosswalk, path))
        elif suffix == ".xlsx":
            from exporters.xlsx_export import export_xlsx

            written.append(export_xlsx(crosswalk, path))
        else:
            from exporters.docx_export import export_docx

            written.append(export_docx(crosswalk, path))
    return written


def write_chain_outputs(chain: Chain, paths: list[Path]) -> list[Path]:
    """Write each requested output of a chain of documents, chosen by its extension."""
    _check_suffixes(paths)
    written = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".json":
            from exporters.crosswalk_json import export_chain_json

            written.append(export_chain_json(chain, path))
        elif suffix == ".xlsx":
            from exporters.chain_xlsx import export_chain_xlsx

            written.append(export_chain_xlsx(chain, path))
        else:
            from exporters.chain_docx import export_chain_docx

            written.append(export_chain_docx(chain, path))
    return written


def write_audit_outputs(report: AuditReport, paths: list[Path]) -> list[Path]:
    """Write each requested output of a 分工方案 audit, chosen by its extension."""
    _check_suffixes(paths)
    from exporters.audit_export import export_audit_docx, export_audit_json, export_audit_xlsx

    writers = {".json": export_audit_json, ".xlsx": export_audit_xlsx, ".docx": export_audit_docx}
    return [writers[path.suffix.lower()](report, path) for path in paths]

"""Crosswalk, chain and audit results -> .json / .xlsx / .docx. No Qt, no parsing.

Writers are imported when a format is asked for: python-docx and openpyxl are slow to load and a
`compare --out x.json` needs neither.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.alignment.crosswalk import Crosswalk
from compare.errors import WriteError

if TYPE_CHECKING:
    from compare.analyses.audit import AuditReport
    from compare.analyses.cascade import Chain


@dataclass(frozen=True, slots=True)
class ExportOptions:
    # The Word report also strikes through what the measures leave out of a task and underlines
    # what a measure adds (a drafting aid; by default only the shared phrases are marked).
    redline: bool = False


def _check_suffixes(paths: list[Path]) -> None:
    """Refuse an unknown format before anything is written."""
    for path in paths:
        if path.suffix.lower() not in (".json", ".xlsx", ".docx"):
            raise WriteError(path, f"不支持输出 {path.suffix or '无扩展名'} 格式", "请使用 .json、.xlsx 或 .docx")


Writer = tuple[str, str, dict[str, Any]]  # module, function, keyword options


def _write(result: object, paths: list[Path], writers: dict[str, Writer]) -> list[Path]:
    """Write `result` once per path with the writer its extension names.

    When one output fails, the message also says which were written and which were not.
    """
    _check_suffixes(paths)
    written: list[Path] = []
    for n, path in enumerate(paths):
        module, function, options = writers[path.suffix.lower()]
        try:
            written.append(getattr(import_module(module), function)(result, path, **options))
        except WriteError as exc:
            if len(paths) == 1:
                raise
            saved = "、".join(p.name for p in written) or "无"
            missing = "、".join(p.name for p in paths[n:])
            raise WriteError(exc.path, exc.problem, f"{exc.advice}（已保存：{saved}；未保存：{missing}）") from exc
    return written


def write_outputs(crosswalk: Crosswalk, paths: list[Path], options: ExportOptions = ExportOptions()) -> list[Path]:
    """Write each requested output of one upper/lower pair, chosen by its extension."""
    return _write(crosswalk, paths, {
        ".json": ("exporters.crosswalk_json", "export_json", {}),
        ".xlsx": ("exporters.xlsx_export", "export_xlsx", {}),
        ".docx": ("exporters.docx_export", "export_docx", {"redline": options.redline}),
    })


def write_chain_outputs(chain: Chain, paths: list[Path], options: ExportOptions = ExportOptions()) -> list[Path]:
    """Write each requested output of a chain of documents, chosen by its extension."""
    return _write(chain, paths, {
        ".json": ("exporters.crosswalk_json", "export_chain_json", {}),
        ".xlsx": ("exporters.chain_xlsx", "export_chain_xlsx", {}),
        ".docx": ("exporters.chain_docx", "export_chain_docx", {"redline": options.redline}),
    })


def write_audit_outputs(report: AuditReport, paths: list[Path]) -> list[Path]:
    """Write each requested output of a 分工方案 audit, chosen by its extension."""
    return _write(report, paths, {
        ".json": ("exporters.audit_export", "export_audit_json", {}),
        ".xlsx": ("exporters.audit_export", "export_audit_xlsx", {}),
        ".docx": ("exporters.audit_export", "export_audit_docx", {}),
    })

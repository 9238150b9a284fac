"""Crosswalk -> .json / .xlsx / .docx. No Qt, no parsing."""
from __future__ import annotations

from pathlib import Path

from compare.crosswalk import Crosswalk
from compare.errors import WriteError


def write_outputs(crosswalk: Crosswalk, paths: list[Path]) -> list[Path]:
    """Write each requested output, chosen by its extension."""
    for path in paths:
        if path.suffix.lower() not in (".json", ".xlsx", ".docx"):
            raise WriteError(path, f"不支持输出 {path.suffix or '无扩展名'} 格式", "请使用 .json、.xlsx 或 .docx")
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

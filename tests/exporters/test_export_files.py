"""Writing the files: atomic, with clear Chinese errors, and readable end to end."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from compare.errors import WriteError
from compare import atomic_write
from exporters.docx_export import export_docx
from exporters.xlsx_export import SHEET_TABLE, export_xlsx
from tests.conftest import BENCHMARKS, PROJECT, require_shared
from tests.exporters.sample_crosswalk import sample_crosswalk

EXPORTERS = [pytest.param(export_xlsx, ".xlsx", id="xlsx"), pytest.param(export_docx, ".docx", id="docx")]


@pytest.mark.parametrize(("export", "suffix"), EXPORTERS)
def test_a_file_open_in_another_program_gives_a_clear_error_and_leaves_the_old_file(tmp_path, monkeypatch, export, suffix):
    target = tmp_path / f"报告{suffix}"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_write.os, "replace", locked)
    monkeypatch.setattr(atomic_write, "RETRY_DELAY_S", 0)
    with pytest.raises(WriteError, match="请先关闭该文件"):
        export(sample_crosswalk(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temp file left


@pytest.mark.parametrize(("export", "suffix"), EXPORTERS)
def test_a_folder_without_write_permission_gives_a_clear_error(tmp_path, monkeypatch, export, suffix):
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_write.tempfile, "mkstemp", refused)
    with pytest.raises(WriteError, match="没有在该文件夹中保存文件的权限"):
        export(sample_crosswalk(), tmp_path / f"报告{suffix}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user: root may write into read-only folders")
@pytest.mark.parametrize(("export", "suffix"), EXPORTERS)
def test_a_real_read_only_folder(tmp_path, export, suffix):
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteError):
            export(sample_crosswalk(), folder / f"报告{suffix}")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize(("export", "suffix"), EXPORTERS)
def test_a_failure_while_writing_leaves_nothing(tmp_path, monkeypatch, export, suffix):
    from openpyxl.workbook.workbook import Workbook

    from exporters.docx_layout import ReportFile

    def disk_full(self, path):
        Path(path).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", disk_full)
    monkeypatch.setattr(ReportFile, "save", disk_full)
    with pytest.raises(WriteError, match="写入失败"):
        export(sample_crosswalk(), tmp_path / f"报告{suffix}")
    assert list(tmp_path.iterdir()) == []


def test_compare_command_writes_all_three_formats(tmp_path):
    upper = require_shared(BENCHMARKS / "binhai2020_national_tasks.txt")
    lower = require_shared(BENCHMARKS / "binhai2020_local_measures.txt")
    outputs = [tmp_path / "x.json", tmp_path / "y.xlsx", tmp_path / "z.docx"]
    args = [sys.executable, str(PROJECT / "main.py"), "compare", str(upper), str(lower)]
    for out in outputs:
        args += ["--out", str(out)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    assert all(p.exists() for p in outputs)
    import json

    data = json.loads(outputs[0].read_text(encoding="utf-8"))
    active = [k for k in data["links"] if k["status"] != "rejected"]
    expected_rows = len(active) + len(data["upper_gaps"]) + len(data["lower_extras"]) + sum(
        1 for na in data["not_applicable"] if not any(k["upper"] == na["upper"] for k in active)
    )
    ws = openpyxl.load_workbook(outputs[1])[SHEET_TABLE]
    assert ws["A1"].value == "序号" and ws.max_row - 1 == expected_rows
    upper_ids = [ws.cell(r, 11).value for r in range(2, ws.max_row + 1) if ws.cell(r, 11).value]
    task_ids = [it["id"] for it in data["upper"]["items"] if it["kind"] != "heading"]
    assert list(dict.fromkeys(upper_ids)) == [i for i in task_ids if i in set(upper_ids)]  # upper order
    report = docx.Document(outputs[2])
    assert report.paragraphs[0].style.name == "Title"
    # coverage and 对照表 first; the responsibility and target chapters may add tables after them
    assert [t.rows[0].cells[0].text for t in report.tables[:2]] == ["方面", "序号"]
    assert f"共列任务{len(task_ids)}项" in "".join(p.text for p in report.paragraphs)


@pytest.mark.soffice
def test_libreoffice_renders_both_files_to_pdf(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    cw = sample_crosswalk()
    files = [export_xlsx(cw, tmp_path / "对照表.xlsx"), export_docx(cw, tmp_path / "报告.docx")]
    profile = (tmp_path / "profile").as_uri()
    for source in files:
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
            capture_output=True, timeout=180,
        )
        assert done.returncode == 0, done.stderr
        pdf = source.with_suffix(".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


@pytest.mark.soffice
def test_libreoffice_lays_out_a_report_with_a_million_character_item(tmp_path):
    """The Word export caps each item (issue 13: an uncapped 1,000,000-character item made
    LibreOffice hang beyond its timeout); the cut is said in the text."""
    from dataclasses import replace

    from compare.alignment.crosswalk import Crosswalk
    from compare.documents.normalize import matching_key

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    cw = sample_crosswalk()
    text = "推进重大工程建设" * 125_000  # 1,000,000 characters
    items = tuple(replace(it, text=text, key=matching_key(text)) if it.id == "1.2" else it for it in cw.upper.items)
    huge = Crosswalk.build(replace(cw.upper, items=items), cw.lower, cw.links, cw.duplicates, cw.thresholds,
                           cw.not_applicable, cw.item_notes)
    source = export_docx(huge, tmp_path / "长条目.docx")
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert source.with_suffix(".pdf").read_bytes().startswith(b"%PDF")

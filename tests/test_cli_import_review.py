"""The headless `import-review` command: a colleague's edited workbook back into a saved review."""
from __future__ import annotations

import openpyxl

from compare.alignment.align import align
from compare.alignment.crosswalk import LinkStatus
from compare.documents.readers import read_document
from compare.session import Session, document_ref, load_session, save_session
from exporters.xlsx_export import COL_DEPARTMENT, COL_LOWER_ID, COL_STATUS, COL_UPPER_ID, SHEET_TABLE, TABLE_COLUMNS, export_xlsx
from tests.test_cli_compare import LOWER, UPPER, run

COLUMN = {c.header: n for n, c in enumerate(TABLE_COLUMNS, start=1)}


def _saved_review(tmp_path):
    upper, lower = tmp_path / "u.txt", tmp_path / "l.txt"
    upper.write_text(UPPER, encoding="utf-8")
    lower.write_text(LOWER, encoding="utf-8")
    cw = align(read_document(upper), read_document(lower))
    session = tmp_path / "审核.duibiao"
    save_session(session, Session((document_ref(upper), document_ref(lower)), (cw.review_state(),)))
    workbook = export_xlsx(cw, tmp_path / "分工方案.xlsx")
    wb = openpyxl.load_workbook(workbook)
    ws = wb[SHEET_TABLE]
    for r in range(2, ws.max_row + 1):
        if (ws.cell(r, COLUMN[COL_UPPER_ID]).value, ws.cell(r, COLUMN[COL_LOWER_ID]).value) == ("1.1", "1.2"):
            ws.cell(r, COLUMN[COL_STATUS]).value = "已确认"
            ws.cell(r, COLUMN[COL_DEPARTMENT]).value = "区商务局"
    wb.save(workbook)
    return session, workbook


def test_import_review_prints_the_changes_and_writes_the_session(tmp_path):
    session, workbook = _saved_review(tmp_path)
    dry = run("import-review", str(workbook), "--session", str(session), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "确认关联 1 条" in dry.stdout and "“本级负责部门”列有 1 处修改" in dry.stdout
    assert load_session(session).reviews[0].links == ()
    out = tmp_path / "导入后.duibiao"
    result = run("import-review", str(workbook), "--session", str(session), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"已保存：{out}" in result.stdout
    links = load_session(out).reviews[0].links
    assert [(k.pair, k.status) for k in links] == [(("1.1", "1.2"), LinkStatus.CONFIRMED)]


def test_import_review_explains_bad_input_in_chinese(tmp_path):
    session, workbook = _saved_review(tmp_path)
    result = run("import-review", str(session), "--session", str(session))
    assert result.returncode == 2 and "这不是 Excel 工作簿" in result.stderr and "Traceback" not in result.stderr
    result = run("import-review", str(workbook), "--session", str(workbook))
    assert result.returncode == 2 and "不是有效的审核进度文件" in result.stderr

"""Open the workbench on the demo and every window and dialog it can show, on the screen the
environment describes (QT_QPA_PLATFORM=offscreen:configfile=…, QT_SCALE_FACTOR), and print their
sizes as JSON. Run in a fresh process by test_window_fit.py: a screen is fixed per process.

    python tests/ui/fit_probe.py [--large-text]
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget  # noqa: E402

from compare.documents.readers import ReadOptions  # noqa: E402
from ui import dialogs  # noqa: E402
from ui.app import install_qt_translations  # noqa: E402
from ui.appearance import apply_appearance  # noqa: E402
from ui.background_tasks import responsibility_view, targets_view  # noqa: E402
from ui.chain_dialog import ChainDialog  # noqa: E402
from ui.import_dialog import ImportPreviewDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.open_options_dialog import OpenOptionsDialog  # noqa: E402
from ui.relink_dialog import RelinkDialog  # noqa: E402
from ui.resources import DEMO_LOWER, DEMO_UPPER  # noqa: E402
from ui.settings import Settings  # noqa: E402
from ui.table_view_dialog import TableViewDialog  # noqa: E402
from ui.text_dialog import TextDialog  # noqa: E402

LONG = "由于文件中的表格跨页且合并单元格较多，无法确定正文所在的列。" * 6


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def entry(name: str, window: QWidget) -> dict:
    frame, minimum = window.frameGeometry(), window.minimumSizeHint().expandedTo(window.minimumSize())
    return {"name": name, "frame": [frame.x(), frame.y(), frame.width(), frame.height()], "minimum": [minimum.width(), minimum.height()]}


def main() -> int:
    app = QApplication(sys.argv[:1])
    install_qt_translations(app)
    apply_appearance(app, "--large-text" in sys.argv)
    window = MainWindow(Settings(Path(tempfile.mkdtemp(prefix="duibiao-fit-")) / "appdata"))
    window.show()
    window.open_pair(DEMO_UPPER, DEMO_LOWER)
    deadline = time.perf_counter() + 120
    while (window.workspace.crosswalk is None or window.workspace.is_busy) and time.perf_counter() < deadline:
        settle(app, 0.05)
    cw = window.workspace.crosswalk
    if cw is None:
        print("the demo did not align", file=sys.stderr)
        return 1
    settle(app)
    area = window.screen().availableGeometry()
    found = [entry("主窗口", window)]
    window.trees_action.setChecked(True)
    window.set_document_trees(True)
    settle(app)
    found.append(entry("主窗口（显示文件目录）", window))
    task = next(t for t in cw.upper.leaves if len(t.text) > 80)
    ranked = [(s.lower, s.score, "共同表述") for s in cw.suggestions_for(task.id)]
    made: list[tuple[str, QWidget]] = [
        ("重新关联", RelinkDialog(cw.lower, "添加关联：选择本级措施", None, window, about=task.display, ranked=ranked)),
        ("对标链条", ChainDialog([DEMO_UPPER, DEMO_LOWER], lambda: None, window)),
        ("打开选项", OpenOptionsDialog(DEMO_LOWER, ReadOptions(), LONG, window)),
        ("审核意见", TextDialog("审核意见", "审核意见（可写多行）：", LONG, window)),
        ("导入预览", ImportPreviewDialog("导入同事修改的分工方案", LONG, [LONG] * 12, [LONG] * 8, window)),
        ("打开文件", dialogs.build_file_dialog(window, "打开上级文件", str(DEMO_UPPER.parent), dialogs.document_filter(), save=False)),
        ("保存文件", dialogs.build_file_dialog(window, "导出", str(DEMO_UPPER.parent / "x.xlsx"), dialogs.workbook_filter(), save=True)),
        ("恢复审核进度", dialogs.build_recovery_box(window, LONG)),
        ("提示", dialogs.build_message(window, LONG * 2, "warning", [(QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.ButtonRole.AcceptRole)])),
        ("部门任务矩阵", TableViewDialog("部门任务矩阵", responsibility_view(cw.lower, lambda done, total: None), None, window)),
        ("目标与时限对照", TableViewDialog("目标与时限对照", targets_view(cw, lambda done, total: None), lambda: None, window)),
    ]
    for name, dialog in made:
        dialog.show()
        settle(app)
        found.append(entry(name, dialog))
        dialog.close()
    print(json.dumps({"available": [area.x(), area.y(), area.width(), area.height()], "windows": found}, ensure_ascii=False))
    window.workspace.undo_stack.setClean()
    window.workspace.runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

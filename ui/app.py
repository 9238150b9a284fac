"""Start the workbench: application object, Chinese translations, fonts, error hook, demo."""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from ui import dialogs
from ui.appearance import apply_appearance
from ui.main_window import MainWindow
from ui.resources import APP_ICON, DEMO_LOWER, DEMO_UPPER
from ui.settings import Settings

log = logging.getLogger(__name__)


def install_qt_translations(app: QCoreApplication) -> QTranslator | None:
    """Load Qt's own Chinese strings so standard buttons read 确定/取消."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    log.warning("qtbase_zh_CN.qm not found in %s; standard buttons stay in English", folder)
    return None


def install_excepthook(parent: QWidget | None, log_path: str) -> None:
    """Log unexpected exceptions and tell the user, instead of dying silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.critical("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        dialogs.show_error(
            parent,
            QCoreApplication.translate("app", "程序遇到意外错误（{0}），当前操作未完成。已做的审核决定已自动保存，可继续工作；"
                                               "如问题反复出现，请把日志文件 {1} 发给技术支持人员。").format(kind.__name__, log_path),
        )

    sys.excepthook = hook


def _log_to_file(settings: Settings) -> None:
    handler = logging.FileHandler(settings.log_path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logging.getLogger().addHandler(handler)


def offer_recovery(window: MainWindow) -> bool:
    """If the last run left an autosave behind, offer to restore it."""
    path = window.settings.recovery_path
    if not path.is_file():
        return False
    question = QCoreApplication.translate(
        "app", "上次程序没有正常关闭，发现自动保存的审核进度。是否恢复？\n选择“否”将删除这份自动保存的进度。"
    )
    if not dialogs.ask_yes_no(window, question):
        path.unlink(missing_ok=True)
        return False
    window.open_session(path, recovered=True)
    return True


def run_gui(demo: bool, large_text: bool, session: Path | None = None) -> int:
    """Show the workbench: an autosave the user restores, else the `session` file, else the demo if asked."""
    QCoreApplication.setOrganizationName("Duibiao")
    QCoreApplication.setApplicationName("Duibiao")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "对标"))
    app.setDesktopFileName("duibiao")  # ties the window to packaging/linux/duibiao.desktop (icon, name)
    if APP_ICON.is_file():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    install_qt_translations(app)
    settings = Settings()
    _log_to_file(settings)
    if large_text:
        settings.large_text = True
    apply_appearance(app, settings.large_text)
    window = MainWindow(settings)
    install_excepthook(window, str(settings.log_path))
    window.show()
    window.workspace.runner.prepare()  # load the engine in the background while the user picks files
    if not offer_recovery(window):
        if session is not None:
            QTimer.singleShot(0, lambda: window.open_session(session))
        elif demo:
            QTimer.singleShot(0, lambda: window.open_pair(DEMO_UPPER, DEMO_LOWER))
    return app.exec()

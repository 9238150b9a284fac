"""Fixtures for driving the real MainWindow: settings in tmp_path, scripted dialogs, sample files."""
from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest

from compare.alignment.crosswalk import LinkStatus
from ui import dialogs
from ui.rows import RowKind

UPPER_TEXT = """国家级新区重点任务
一、科技创新
1.支持高校在国家级新区建设科研平台，联合产业链上下游企业开展关键核心技术攻关。
2.鼓励优秀创新型企业牵头，与高校、科研院所联合创建国家制造业创新中心。
二、对外开放
3.加快自贸试验区改革创新试点，总结形成一批高质量的试点经验，有序做好复制推广工作。
4.研究依托内陆国家物流枢纽实行启运港退税政策，支持设立航空货运枢纽。
"""

LOWER_TEXT = """本区具体措施
一、科技创新
1.支持天津大学等高校在新区建设科研平台，联合产业链上下游企业开展关键核心技术攻关。
2.鼓励优秀创新型企业牵头，与高校、科研院所联合创建国家制造业创新中心。
二、对外开放
3.加快自贸试验区改革创新试点，总结形成一批高质量的试点经验，做好复制推广工作。
三、城市建设
4.举办全民健身运动会，丰富群众文体生活。
"""


def pytest_collection_modifyitems(items):
    # The offscreen platform reports that it cannot propagate size hints whenever a window is
    # shown; that is a property of the test platform, not of the program.
    for item in items:
        if "tests/ui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


class ScriptedDialogs:
    """Stands in for `ui.dialogs`: answers come from queues, messages are recorded."""

    def __init__(self) -> None:
        self.open_paths: deque[Path | None] = deque()
        self.save_paths: deque[Path | None] = deque()
        self.yes_no: deque[bool] = deque()
        self.texts: deque[str | None] = deque()
        self.items: deque[str | None] = deque()
        self.read_options: deque = deque()
        self.import_answers: deque[bool] = deque()
        self.recovery_answers: deque[str] = deque()
        self.close_answer = "discard"
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.questions: list[str] = []
        self.option_problems: list[str] = []
        self.opened_folders: list[Path] = []
        self.item_requests: list[dict] = []  # what each item chooser showed: about, ranked
        self.import_previews: list[dict] = []  # what each import preview showed
        self.recovery_prompts: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(dialogs, "get_open_path", lambda *a: self.open_paths.popleft())
        monkeypatch.setattr(dialogs, "get_save_path", lambda *a: self.save_paths.popleft())
        monkeypatch.setattr(dialogs, "show_error", lambda parent, message: self.errors.append(message))
        monkeypatch.setattr(dialogs, "show_info", lambda parent, message: self.infos.append(message))
        monkeypatch.setattr(dialogs, "ask_yes_no", self._ask_yes_no)
        monkeypatch.setattr(dialogs, "ask_save_discard_cancel", lambda parent, q: self.close_answer)
        monkeypatch.setattr(dialogs, "ask_text", lambda *a: self.texts.popleft())
        monkeypatch.setattr(dialogs, "choose_item", self._choose_item)
        monkeypatch.setattr(dialogs, "confirm_import", self._confirm_import)
        monkeypatch.setattr(dialogs, "ask_recovery", self._ask_recovery)
        monkeypatch.setattr(dialogs, "choose_read_options", self._choose_read_options)
        monkeypatch.setattr(dialogs, "open_folder", self.opened_folders.append)

    def _ask_yes_no(self, parent, question: str) -> bool:
        self.questions.append(question)
        return self.yes_no.popleft() if self.yes_no else False  # unscripted questions are declined

    def _choose_item(self, parent, document, title, current=None, about="", ranked=()):
        self.item_requests.append({"title": title, "current": current, "about": about, "ranked": list(ranked)})
        return self.items.popleft()

    def _confirm_import(self, parent, title, intro, changes, ignored):
        self.import_previews.append({"intro": intro, "changes": list(changes), "ignored": list(ignored)})
        return self.import_answers.popleft()

    def _ask_recovery(self, parent, description):
        self.recovery_prompts.append(description)
        return self.recovery_answers.popleft()

    def _choose_read_options(self, parent, path, options, problem=""):
        self.option_problems.append(problem)
        return self.read_options.popleft()


@pytest.fixture
def fake_dialogs(monkeypatch: pytest.MonkeyPatch) -> ScriptedDialogs:
    scripted = ScriptedDialogs()
    scripted.install(monkeypatch)
    return scripted


@pytest.fixture
def settings(tmp_path: Path, qapp):
    from ui.settings import Settings

    result = Settings(tmp_path / "appdata")
    result.autosave_seconds = 1
    return result


@pytest.fixture
def sample_files(tmp_path: Path) -> tuple[Path, Path]:
    upper, lower = tmp_path / "upper.txt", tmp_path / "lower.txt"
    upper.write_text(UPPER_TEXT, encoding="utf-8")
    lower.write_text(LOWER_TEXT, encoding="utf-8")
    return upper, lower


@pytest.fixture
def window(qtbot, settings, fake_dialogs):
    from ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.workspace.runner.shutdown()


# How long a test waits on the engine's background process: a cold start of the sentence model
# embeds every item and its clauses, tens of seconds on a busy two-core machine. A bound that only
# stops a hung test, not a speed target (benchmarks/gui_responsiveness.py measures speed).
ENGINE_WAIT = 90_000


def wait_aligned(qtbot, win, timeout: int = ENGINE_WAIT) -> None:
    qtbot.waitUntil(lambda: win.workspace.crosswalk is not None and not win.workspace.is_busy, timeout=timeout)


@pytest.fixture
def aligned(qtbot, window, sample_files):
    window.open_pair(*sample_files)
    wait_aligned(qtbot, window)
    return window


def make_gap(win, fragment: str = "启运港退税"):
    """Reject every link of the task containing `fragment` (the sample's unrelated task 4, which
    the scorer may still offer as weak coverage) and return its gap row."""
    while True:
        links = [
            r for r in win.crosswalk.visible_rows()
            if r.kind is RowKind.LINK and fragment in r.upper_text and r.link_status is not LinkStatus.REJECTED
        ]
        if not links:
            break
        assert win.crosswalk.select_where(lambda r: r.key == links[0].key)
        win.review.reject.trigger()
    return next(r for r in win.crosswalk.visible_rows() if r.kind is RowKind.GAP and fragment in r.upper_text)

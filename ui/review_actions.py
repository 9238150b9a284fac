"""Review decisions on the selected crosswalk row: confirm, reject, re-link, add a link, take one
of the engine's suggestions, 不适用, note, and moving to the next unreviewed row. Each decision
goes on the undo stack."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from compare.alignment.crosswalk import Crosswalk, LinkStatus, Side, Suggestion
from ui import dialogs
from ui.crosswalk_panel import CrosswalkPanel
from ui.rows import Flag, Row, RowKind
from ui.workspace import Workspace

SUGGESTION_KEYS = 5  # Alt+1 … Alt+5 take the engine's candidates beside a gap or weak task


def shared_phrases(text: str, spans) -> str:
    """The phrases of `text` at `spans` (evidence), in order and without repeats."""
    phrases = dict.fromkeys(text[max(start, 0):end] for start, end in sorted(spans) if end > start)
    return "、".join(p for p in phrases if p)


class ReviewActions(QObject):
    def __init__(self, window: QWidget, workspace: Workspace, panel: CrosswalkPanel) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._panel = panel

        def action(text: str, shortcut: str, slot, tip: str) -> QAction:
            act = QAction(text, window)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                tip = f"{tip}（{QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)}）"
            act.setStatusTip(tip)
            act.setToolTip(tip)
            act.triggered.connect(slot)
            return act

        self.next_unreviewed = action(self.tr("下一条未审核"), "F3", self.go_next_unreviewed, self.tr("转到下一条待审核的关联"))
        self.confirm = action(self.tr("确认"), "Ctrl+Return", self.confirm_link, self.tr("确认所选关联正确"))
        self.reject = action(self.tr("否决"), "Ctrl+Delete", self.reject_link, self.tr("否决所选关联"))
        self.relink = action(self.tr("重新关联…"), "Ctrl+L", self.relink_row, self.tr("将所选行关联到另一条本级措施（缺口行：选择一条措施）"))
        self.add_link = action(self.tr("添加关联…"), "Ctrl+Shift+L", self.add_manual_link, self.tr("为所选条目人工添加一条关联"))
        self.not_applicable = action(self.tr("不适用…"), "Ctrl+B", self.mark_not_applicable, self.tr("将所选上级任务标记为不适用并填写理由"))
        self.note = action(self.tr("审核意见…"), "Ctrl+M", self.edit_note, self.tr("为所选行填写审核意见"))
        self.take_suggestion = tuple(
            action(
                self.tr("采纳建议 {0}").format(n + 1),
                f"Alt+{n + 1}",
                lambda checked=False, n=n: self.accept_suggestion(n),
                self.tr("将所选任务关联到程序建议的第 {0} 条本级措施").format(n + 1),
            )
            for n in range(SUGGESTION_KEYS)
        )
        self.all = (self.next_unreviewed, self.confirm, self.reject, self.relink, self.add_link, self.not_applicable, self.note)
        self.update_enabled(None)

    def update_enabled(self, row: Row | None) -> None:
        has_cw = self._workspace.crosswalk is not None
        is_link = has_cw and row is not None and row.kind is RowKind.LINK
        self.next_unreviewed.setEnabled(has_cw)
        self.confirm.setEnabled(is_link and row.link_status is not LinkStatus.CONFIRMED)
        self.reject.setEnabled(is_link and row.link_status is not LinkStatus.REJECTED)
        self.relink.setEnabled(is_link or (has_cw and row is not None and row.kind is RowKind.GAP))
        self.add_link.setEnabled(has_cw and row is not None)
        self.not_applicable.setEnabled(has_cw and row is not None and row.upper is not None)
        self.note.setEnabled(has_cw and row is not None)
        offered = len(self.candidates(row))
        for n, act in enumerate(self.take_suggestion):
            act.setEnabled(n < offered)

    # --- the engine's suggestions ------------------------------------------------------------

    def candidates(self, row: Row | None) -> list[Suggestion]:
        """The engine's candidate measures offered beside a gap or weakly covered task, best
        first, without the measures the task is already linked to."""
        cw = self._workspace.crosswalk
        if cw is None or row is None or row.upper is None:
            return []
        if row.kind is not RowKind.GAP and Flag.WEAK not in row.flags:
            return []
        linked = {k.lower for k in cw.links_of_upper(row.upper) if k.active}
        lower = cw.lower.index()
        return [s for s in cw.suggestions_for(row.upper) if s.lower not in linked and s.lower in lower]

    def accept_suggestion(self, n: int) -> None:
        row = self._row()
        offered = self.candidates(row)
        if row is None or n >= len(offered):
            return
        self.link_to(row.upper, offered[n].lower)

    def link_to(self, upper: str, lower: str) -> None:
        cw = self._workspace.crosswalk
        if cw is None:
            return
        self._workspace.decide(self.tr("添加关联"), cw.with_manual_link(upper, lower))
        self._panel.select_where(lambda r: r.upper == upper and r.lower == lower, emit=True)

    def _ranked_measures(self, cw: Crosswalk, upper: str) -> list[tuple[str, float, str]]:
        lower = cw.lower.index()
        linked = {k.lower for k in cw.links_of_upper(upper) if k.active}
        return [
            (s.lower, s.score, shared_phrases(lower[s.lower].text, [e.lower for e in s.evidence]))
            for s in cw.suggestions_for(upper)
            if s.lower in lower and s.lower not in linked
        ]

    def _ranked_tasks(self, cw: Crosswalk, lower_id: str) -> list[tuple[str, float, str]]:
        """Tasks whose candidates include the measure `lower_id`, best first."""
        upper = cw.upper.index()
        offers = sorted((s for s in cw.suggestions if s.lower == lower_id and s.upper in upper), key=lambda s: -s.score)
        return [(s.upper, s.score, shared_phrases(upper[s.upper].text, [e.upper for e in s.evidence])) for s in offers]

    # --- decisions ---------------------------------------------------------------------------

    def _row(self) -> Row | None:
        return self._panel.current_row() if self._workspace.crosswalk is not None else None

    def go_next_unreviewed(self) -> bool:
        found = self._panel.select_where(lambda r: Flag.UNREVIEWED in r.flags, start_after_current=True)
        if not found:
            self._window.statusBar().showMessage(self.tr("当前显示的行中没有待审核的关联。"), 5000)
        return found

    def _set_status(self, status: LinkStatus, text: str) -> None:
        row, cw = self._row(), self._workspace.crosswalk
        if row is None or cw is None or row.kind is not RowKind.LINK:
            return
        self._workspace.decide(text, cw.with_link_status(row.upper, row.lower, status))
        self.go_next_unreviewed()

    def confirm_link(self) -> None:
        self._set_status(LinkStatus.CONFIRMED, self.tr("确认关联"))

    def reject_link(self) -> None:
        self._set_status(LinkStatus.REJECTED, self.tr("否决关联"))

    def relink_row(self) -> None:
        row, cw = self._row(), self._workspace.crosswalk
        if row is None or cw is None:
            return
        if row.kind is RowKind.GAP:  # nothing to replace: link the task to a measure
            self.add_manual_link()
            return
        if row.kind is not RowKind.LINK:
            return
        new = dialogs.choose_item(
            self._window, cw.lower, self.tr("重新关联：选择本级措施"), row.lower,
            about=row.upper_text, ranked=self._ranked_measures(cw, row.upper),
        )
        if new is None or new == row.lower:
            return
        self._workspace.decide(self.tr("重新关联"), cw.with_relink(row.upper, row.lower, new))
        self._panel.select_where(lambda r: r.upper == row.upper and r.lower == new, emit=True)

    def add_manual_link(self) -> None:
        row, cw = self._row(), self._workspace.crosswalk
        if row is None or cw is None:
            return
        if row.upper is None:  # an extra measure: find the task it answers
            upper = dialogs.choose_item(
                self._window, cw.upper, self.tr("添加关联：选择上级任务"),
                about=row.lower_text, ranked=self._ranked_tasks(cw, row.lower),
            )
            lower = row.lower
        else:
            upper = row.upper
            lower = dialogs.choose_item(
                self._window, cw.lower, self.tr("添加关联：选择本级措施"),
                about=row.upper_text, ranked=self._ranked_measures(cw, row.upper),
            )
        if upper is None or lower is None:
            return
        self.link_to(upper, lower)

    def mark_not_applicable(self) -> None:
        row, cw = self._row(), self._workspace.crosswalk
        if row is None or cw is None or row.upper is None:
            return
        current = cw.not_applicable_reason(row.upper)
        reason = dialogs.ask_text(
            self._window,
            self.tr("标记为不适用"),
            self.tr("不适用的理由（例如：不涉及本地区工作）。清空理由并确定则取消不适用标记："),
            current or "",
        )
        if reason is None:
            return
        reason = reason.strip()
        if not reason and current is None:
            return
        text = self.tr("标记为不适用") if reason else self.tr("取消不适用")
        upper = row.upper
        self._workspace.decide(text, cw.with_not_applicable(upper, reason or None))
        self._panel.select_where(lambda r: r.upper == upper, emit=True)

    def edit_note(self) -> None:
        row, cw = self._row(), self._workspace.crosswalk
        if row is None or cw is None:
            return
        note = dialogs.ask_text(self._window, self.tr("审核意见"), self.tr("审核意见（可写多行）："), row.note)
        if note is None or note.strip() == row.note:
            return
        note = note.strip()
        if row.kind is RowKind.LINK:
            new = cw.with_link_note(row.upper, row.lower, note)
        else:
            new = (
                cw.with_item_note(Side.UPPER, row.upper, note)
                if row.upper is not None
                else cw.with_item_note(Side.LOWER, row.lower, note)
            )
        self._workspace.decide(self.tr("填写审核意见"), new)

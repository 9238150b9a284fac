"""Review decisions on the selected crosswalk row: confirm, reject, re-link, add a link,
不适用, note, and moving to the next unreviewed row. Each decision goes on the undo stack."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from compare.alignment.crosswalk import LinkStatus, Side
from ui import dialogs
from ui.crosswalk_panel import CrosswalkPanel
from ui.rows import Flag, Row, RowKind
from ui.workspace import Workspace


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
        self.relink = action(self.tr("重新关联…"), "Ctrl+L", self.relink_row, self.tr("将所选关联改为另一条本级措施"))
        self.add_link = action(self.tr("添加关联…"), "Ctrl+Shift+L", self.add_manual_link, self.tr("为所选条目人工添加一条关联"))
        self.not_applicable = action(self.tr("不适用…"), "Ctrl+B", self.mark_not_applicable, self.tr("将所选上级任务标记为不适用并填写理由"))
        self.note = action(self.tr("审核意见…"), "Ctrl+M", self.edit_note, self.tr("为所选行填写审核意见"))
        self.all = (self.next_unreviewed, self.confirm, self.reject, self.relink, self.add_link, self.not_applicable, self.note)
        self.update_enabled(None)

    def update_enabled(self, row: Row | None) -> None:
        has_cw = self._workspace.crosswalk is not None
        is_link = has_cw and row is not None and row.kind is RowKind.LINK
        self.next_unreviewed.setEnabled(has_cw)
        self.confirm.setEnabled(is_link and row.link_status is not LinkStatus.CONFIRMED)
        self.reject.setEnabled(is_link and row.link_status is not LinkStatus.REJECTED)
        self.relink.setEnabled(is_link)
        self.add_link.setEnabled(has_cw and row is not None)
        self.not_applicable.setEnabled(has_cw and row is not None and row.upper is not None)
        self.note.setEnabled(has_cw and row is not None)

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
        if row is None or cw is None or row.kind is not RowKind.LINK:
            return
        new = dialogs.choose_item(self._window, cw.lower, self.tr("重新关联：选择本级措施"), row.lower)
        if new is None or new == row.lower:
            return
        self._workspace.decide(self.tr("重新关联"), cw.with_relink(row.upper, row.lower, new))
        self._panel.select_where(lambda r: r.upper == row.upper and r.lower == new, emit=True)

    def add_manual_link(self) -> None:
        row, cw = self._row(), self._workspace.crosswalk
        if row is None or cw is None:
            return
        if row.upper is None:  # an extra measure: find the task it answers
            upper = dialogs.choose_item(self._window, cw.upper, self.tr("添加关联：选择上级任务"))
            lower = row.lower
        else:
            upper = row.upper
            lower = dialogs.choose_item(self._window, cw.lower, self.tr("添加关联：选择本级措施"))
        if upper is None or lower is None:
            return
        self._workspace.decide(self.tr("添加关联"), cw.with_manual_link(upper, lower))
        self._panel.select_where(lambda r: r.upper == upper and r.lower == lower, emit=True)

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
        note = dialogs.ask_text(self._window, self.tr("审核意见"), self.tr("审核意见："), row.note)
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


"""The reader choices a file may need when they cannot be guessed: encoding, sheet, columns."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from compare.documents.readers import ReadOptions

ENCODINGS = ("", "utf-8", "gb18030", "gbk", "big5", "utf-16")


class OpenOptionsDialog(QDialog):
    def __init__(self, path: Path, options: ReadOptions, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打开选项"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("文件：{0}").format(path.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if problem:
            warning = QLabel(problem)
            warning.setWordWrap(True)
            warning.setObjectName("problemLabel")
            layout.addWidget(warning)
        hint = QLabel(self.tr("无法自动识别时，请指定下列选项；不需要的项留空即可。"))
        hint.setWordWrap(True)
        layout.addWidget(hint)

        form = QFormLayout()
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        for name in ENCODINGS:
            self.encoding.addItem(name or self.tr("自动识别"), name)
        index = self.encoding.findData(options.encoding or "")
        if index >= 0:
            self.encoding.setCurrentIndex(index)
        else:
            self.encoding.setEditText(options.encoding or "")
        form.addRow(self.tr("文本编码："), self.encoding)
        self.sheet = QLineEdit(options.sheet or "")
        self.sheet.setPlaceholderText(self.tr("默认读取全部工作表"))
        form.addRow(self.tr("Excel 工作表："), self.sheet)
        self.text_column = QLineEdit(options.text_column or "")
        self.text_column.setPlaceholderText(self.tr("例如：具体措施"))
        form.addRow(self.tr("正文所在列的表头："), self.text_column)
        self.label_column = QLineEdit(options.label_column or "")
        self.label_column.setPlaceholderText(self.tr("例如：序号"))
        form.addRow(self.tr("序号所在列的表头："), self.label_column)
        self.section_column = QLineEdit(options.section_column or "")
        self.section_column.setPlaceholderText(self.tr("例如：方面"))
        form.addRow(self.tr("分组所在列的表头："), self.section_column)
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 1000)
        self.header_row.setSpecialValueText(self.tr("自动识别"))
        self.header_row.setValue(options.header_row or 0)
        form.addRow(self.tr("表头所在行："), self.header_row)
        layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> ReadOptions:
        index = self.encoding.currentIndex()
        typed = self.encoding.currentText().strip()
        if index >= 0 and self.encoding.itemText(index) == typed:
            encoding = self.encoding.itemData(index) or None
        else:
            encoding = typed or None
        return ReadOptions(
            encoding=encoding,
            sheet=self.sheet.text().strip() or None,
            text_column=self.text_column.text().strip() or None,
            label_column=self.label_column.text().strip() or None,
            section_column=self.section_column.text().strip() or None,
            header_row=self.header_row.value() or None,
        )

"""One error family for everything the engine refuses, each with a Chinese message a clerk can act on."""
from __future__ import annotations

import errno
from pathlib import Path


def describe_os_error(exc: OSError) -> str:
    """A Chinese description of an OS error; the system's own (often English) text is a last resort."""
    if isinstance(exc, IsADirectoryError):
        return "同名的文件夹已存在"
    if isinstance(exc, FileNotFoundError):
        return "文件或文件夹不存在"
    if isinstance(exc, PermissionError):
        return "没有访问权限"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足"
    if exc.errno == errno.EROFS:
        return "该位置是只读的"
    if exc.errno == errno.ENAMETOOLONG:
        return "文件名或路径过长"
    if exc.errno == errno.ELOOP:
        return "路径中的快捷方式（符号链接）互相指向，形成了循环"
    return f"系统错误 {exc.errno or ''}".strip()


class DuibiaoError(Exception):
    """Base of the errors the user sees. `message` says what is wrong and what to do next."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ReadError(DuibiaoError):
    """A file could not be read as a policy document."""

    def __init__(self, path: str | Path, problem: str, advice: str = "") -> None:
        name = Path(path).name
        text = f"无法读取文件“{name}”：{problem}"
        if advice:
            text += f"。{advice}"
        if not text.endswith(("。", "！", "？")):
            text += "。"
        super().__init__(text)
        self.path = str(path)
        self.problem = problem
        self.advice = advice

    def __reduce__(self):  # travels from a background process to the window
        return (type(self), (self.path, self.problem, self.advice))


class ReadOptionsError(ReadError):
    """The file can be read, but a choice made when opening it (its encoding, worksheet, columns or
    header row) is wrong or must be made by the user: the window offers the open-options dialog
    for these, and only for these (a picture renamed .docx needs no encoding)."""


class WriteError(DuibiaoError):
    """A result file could not be written; nothing half-written is left behind."""

    def __init__(self, path: str | Path, problem: str, advice: str = "") -> None:
        name = Path(path).name
        text = f"无法保存文件“{name}”：{problem}"
        if advice:
            text += f"。{advice}"
        if not text.endswith(("。", "！", "？")):
            text += "。"
        super().__init__(text)
        self.path = str(path)
        self.problem = problem
        self.advice = advice

    def __reduce__(self):  # travels from a background process to the window
        return (type(self), (self.path, self.problem, self.advice))


class AlignError(DuibiaoError):
    """Two documents cannot be compared as they are (too large for memory)."""


class Cancelled(DuibiaoError):
    """The user cancelled a long operation."""

    def __init__(self) -> None:
        super().__init__("操作已取消。")

    def __reduce__(self):
        return (type(self), ())

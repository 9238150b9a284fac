"""Duibiao (对标) entry point: the desktop workbench, the demo, and the headless commands.

    python main.py                      open the workbench
    python main.py --demo               open the workbench on the bundled Binhai 2020 example
    python main.py 审核进度.duibiao      open a saved review session (what a double-click on one runs)
    python main.py parse FILE [--json]  print the items a reader found in FILE
    python main.py compare UPPER LOWER --out result.json [--out report.xlsx --out report.docx]
    python main.py compare NATIONAL PROVINCE CITY ... --out chain.xlsx   (a chain of 2–6 documents)
    python main.py audit TABLE [--upper UPPER] --out audit.xlsx          (check an existing 分工方案)
    python main.py import-review WORKBOOK --session S [--out S2] [--dry-run]
                                        (a colleague's edited 对照表 back into a saved review)
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from compare.errors import DuibiaoError, WriteError

if TYPE_CHECKING:
    from compare.documents.readers import ReadOptions

log = logging.getLogger("duibiao")

COMMANDS = ("parse", "compare", "audit", "import-review")  # the subcommands (tests check the parser agrees)
# The installed program has no `python -m`: ui/jobs.py starts its background processes as
# `<program> --worker`, and main() hands them to ui.worker_process before anything else.
WORKER_ARGUMENT = "--worker"


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its own words in Chinese, and usage errors that say what to do."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        self._arguments: list[str] = []

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        self._arguments = list(sys.argv[1:] if args is None else args)  # kept for the hint in `error`
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        message = (
            message.replace("the following arguments are required", "缺少必需的参数")
            .replace("unrecognized arguments", "无法识别的参数")
            .replace("invalid choice", "无效的选项")
            .replace("expected one argument", "需要一个值")
            .replace("argument ", "参数 ")
            .replace("choose from", "可选")
        )
        command = " ".join(["python main.py", *self.prog.split()[1:], "-h"])
        self.exit(2, f"错误：{message}。\n{self._dash_hint()}请运行 “{command}” 查看用法。\n")

    def _dash_hint(self) -> str:
        """A file name that starts with "-" reads as an option: say how to write it."""
        names = [
            a for a in self._arguments
            if a.startswith("-") and not a.startswith("--") and a not in self._option_string_actions
            and ("." in a or os.sep in a or "/" in a or not a.isascii())
        ]
        if not names:
            return ""
        return (
            f"文件名“{names[0]}”以“-”开头，会被当作选项：请在前面加上“./”，写成“./{names[0]}”"
            f"（要对比的文件也可以放在“--”之后）。\n"
        )

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：")

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：")


def _reader_options(args: argparse.Namespace) -> ReadOptions:
    from compare.documents.readers import ReadOptions

    return ReadOptions(
        encoding=args.encoding,
        sheet=args.sheet,
        text_column=args.text_column,
        label_column=args.label_column,
        section_column=args.section_column,
    )


def _add_reader_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("读取选项（无法自动识别时使用；compare 时对两个文件都适用）")
    group.add_argument("--encoding", help="文本文件的编码，例如 gbk 或 utf-8（默认自动识别）")
    group.add_argument("--sheet", help="Excel 工作表名称（默认读取全部工作表）")
    group.add_argument("--text-column", help="表格中条目正文所在列的表头")
    group.add_argument("--label-column", help="表格中序号所在列的表头")
    group.add_argument("--section-column", help="表格中分组（方面）所在列的表头")


def cmd_parse(args: argparse.Namespace) -> int:
    from compare.documents.readers import read_document
    from exporters.crosswalk_json import document_to_json

    doc = read_document(args.file, replace(_reader_options(args), annex=args.annex))
    if args.json:
        payload = document_to_json(doc)
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"标题：{doc.title}")
    print(f"格式：{doc.format}" + (f"（编码 {doc.encoding}）" if doc.encoding else ""))
    for warning in doc.warnings:
        print(f"提示：{warning}")
    for item in doc.items:
        marker = {"heading": "■", "target": "◆", "row": "·", "item": "·"}[item.kind.value]
        text = item.text if len(item.text) <= 60 else item.text[:58] + "……"
        print(f"{'  ' * item.level}{marker} [{item.id}] {item.label}{text}")
    for annex in doc.annexes:
        print(f"附件：{annex.marker} {annex.title}（未列为条目；用 --annex 读取）")
    print(f"共 {len(doc.items)} 个条目，其中 {len(doc.leaves)} 个任务或措施；{len(doc.dropped)} 行文字未列为条目（--json 列出原因）。")
    return 0


def _check_outputs(outputs: list[Path], inputs: list[str]) -> None:
    # realpath, unlike Path.resolve, never raises: not on a symbolic link loop, nor on a name too long.
    sources = {os.path.realpath(p) for p in inputs}
    for path in outputs:
        if path.suffix.lower() not in (".json", ".xlsx", ".docx"):
            raise WriteError(path, f"不支持输出 {path.suffix or '无扩展名'} 格式", "请使用 .json、.xlsx 或 .docx")
        if os.path.realpath(path) in sources:
            raise WriteError(path, "输出文件与要对比的文件相同", "请另取一个文件名，以免覆盖原文件")


def cmd_compare(args: argparse.Namespace) -> int:
    from compare.alignment.align import AlignOptions
    from compare.analyses.cascade import MAX_DOCUMENTS, align_chain
    from compare.alignment.crosswalk import Sensitivity
    from compare.documents.readers import read_document
    from exporters import ExportOptions, write_chain_outputs, write_outputs
    from exporters.summary import coverage_sentence, method_sentence

    if len(args.documents) > MAX_DOCUMENTS:
        raise DuibiaoError(f"一次最多对标 {MAX_DOCUMENTS} 份文件（现在是 {len(args.documents)} 份）。请减少文件后再试。")
    outputs = [Path(p) for p in args.out]
    _check_outputs(outputs, args.documents)
    options = _reader_options(args)
    documents = [
        read_document(path, replace(options, annex=args.lower_annex) if n == len(args.documents) - 1 else options)
        for n, path in enumerate(args.documents)
    ]
    chain = align_chain(documents, options=AlignOptions(sensitivity=Sensitivity(args.sensitivity)))
    export_options = ExportOptions(redline=args.redline)
    if chain.levels == 2:
        written = write_outputs(chain.steps[0], outputs, export_options)
    else:
        written = write_chain_outputs(chain, outputs, export_options)
    for path in written:
        print(f"已保存：{path}")
    methods = [method_sentence(crosswalk) for crosswalk in chain.steps]
    per_level = len(set(methods)) > 1  # the levels were compared differently (one too small for the sentence model)
    if not per_level:
        print(methods[0])
    for n, crosswalk in enumerate(chain.steps, start=1):
        prefix = f"第{n}级→第{n + 1}级：" if chain.levels > 2 else ""
        if per_level:
            print(prefix + methods[n - 1])
        print(prefix + coverage_sentence(crosswalk))
    if chain.levels > 2:
        total = chain.coverage()
        breaks = "，".join(f"断在第{n + 2}级 {count} 项" for n, count in enumerate(total.broken_at) if count)
        print(
            f"逐级贯通：第1级任务 {total.tasks} 项中 {total.reached} 项落实到第{chain.levels}级（{total.percent:.0f}%）"
            + (f"，{breaks}" if breaks else "")
            + (f"，不适用 {total.not_applicable} 项" if total.not_applicable else "")
            + "。"
        )
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from compare.analyses.audit import audit_division_table
    from compare.analyses.division_table import ROLE_NAMES, read_division_table
    from compare.documents.readers import read_document
    from exporters import write_audit_outputs

    outputs = [Path(p) for p in args.out]
    _check_outputs(outputs, [args.table] + ([args.upper] if args.upper else []))
    names = {name: role for role, name in ROLE_NAMES.items()}
    overrides = {}
    for pair in args.column or []:
        role, _, header = pair.partition("=")
        if role not in names or not header:
            raise DuibiaoError(f"“--column {pair}”无法识别。请写成 列用途=表头，列用途可选：{'、'.join(names)}。")
        overrides[names[role]] = header
    table = read_division_table(args.table, overrides=overrides, options=_reader_options(args))
    upper = read_document(args.upper, _reader_options(args)) if args.upper else None
    report = audit_division_table(table, upper)
    for path in write_audit_outputs(report, outputs):
        print(f"已保存：{path}")
    print(f"分工方案共 {len(table.rows)} 行；识别的列：{table.columns.describe()}。")
    if upper is None:
        print("未提供上级文件（--upper），未检查缺漏的上级任务。")
    else:
        print(f"缺漏的上级任务 {len(report.missing)} 项，注明不适用 {len(report.not_applicable)} 项。")
    print(
        f"措施与任务不符 {len(report.weak)} 行，内容不完整 {len(report.incomplete)} 行，"
        f"重复列出的措施 {len(report.repeated)} 组，部门名称不一致 {len(report.name_variants)} 处。"
    )
    return 0


def cmd_import_review(args: argparse.Namespace) -> int:
    from compare.alignment.align import AlignOptions
    from compare.analyses.cascade import align_chain
    from compare.documents.readers import read_document
    from compare.session import Session, changed_documents, document_ref, load_session, save_session
    from exporters.xlsx_import import change_lines, import_review_xlsx, review_changes
    from ui.background_tasks import merged, orphaned_part

    session = load_session(args.session)
    if len(session.documents) != 2:
        raise DuibiaoError(
            f"“{Path(args.session).name}”是 {len(session.documents)} 份文件的对标链条；"
            "分工方案的导入只适用于两份文件的审核进度。请在程序中打开链条，切换到相应的两级后逐级审核。"
        )
    print("审核进度中的文件：" + "；".join(ref.path for ref in session.documents))
    for ref in changed_documents(session):
        print(f"提示：文件“{Path(ref.path).name}”在保存审核进度之后已被修改或移走，请核对导入结果。")
    documents = [read_document(ref.path, ref.options) for ref in session.documents]
    review = session.reviews[0]
    crosswalk = align_chain(documents, options=AlignOptions(sensitivity=session.sensitivity), reviews=[review]).steps[0]
    imported, ignored = import_review_xlsx(args.workbook, crosswalk)
    changes = change_lines(review_changes(crosswalk, imported), imported)
    print("将导入：" if changes else "工作簿中的审核结果与审核进度一致，没有需要导入的内容。")
    for line in changes:
        print(f"  · {line}")
    if ignored:
        print("不会导入：")
        for line in ignored:
            print(f"  · {line}")
    if args.dry_run or not changes:
        return 0
    target = Path(args.out or args.session)
    refs = tuple(document_ref(ref.path, ref.options) for ref in session.documents)
    saved = Session(refs, (merged(imported.review_state(), orphaned_part(crosswalk, review)),), session.sensitivity)
    print(f"已保存：{save_session(target, saved)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="main.py",
        description="对标：上级任务与本级措施逐项对标对表",
        epilog="给出一个 .duibiao 文件（或双击该文件）即在工作台中打开保存的审核进度。",
    )
    parser.add_argument("--demo", action="store_true", help="打开内置示例（滨海新区2020年具体措施）")
    parser.add_argument("--large-text", action="store_true", help="大字号显示（适合投影）")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", title="命令", parser_class=ChineseArgumentParser)

    p_parse = sub.add_parser("parse", help="显示文件中识别出的条目")
    p_parse.add_argument("file")
    p_parse.add_argument("--json", action="store_true", help="以 JSON 输出（含未列为条目的文字及原因）")
    p_parse.add_argument("--annex", type=int, metavar="N", help="读取文件中的第 N 个附件（例如附件中的任务分工表），而不是正文")
    _add_reader_arguments(p_parse)
    p_parse.set_defaults(run=cmd_parse)

    p_compare = sub.add_parser("compare", help="对标两个文件（或从上到下 2–6 份文件的链条）并输出结果")
    p_compare.add_argument("documents", nargs="+", metavar="文件", help="上级文件在前、本级文件在后；三份及以上按层级依次排列")
    p_compare.add_argument("--out", action="append", required=True, help="输出文件：.json、.xlsx 或 .docx，可多次指定")
    p_compare.add_argument(
        "--sensitivity", choices=["strict", "balanced", "lenient"], default="balanced", help="匹配灵敏度"
    )
    p_compare.add_argument("--lower-annex", type=int, metavar="N", help="本级文件取其第 N 个附件（例如随通知印发的任务分工表）")
    p_compare.add_argument(
        "--redline", action="store_true",
        help="Word 报告中另用删除线标出本级措施未体现的上级任务内容、用下划线标出本级新增内容（默认只标出共同表述）",
    )
    _add_reader_arguments(p_compare)
    p_compare.set_defaults(run=cmd_compare)

    p_audit = sub.add_parser("audit", help="检查已有的分工方案表格")
    p_audit.add_argument("table", help="分工方案（.xlsx、.docx，或含表格的 .txt）")
    p_audit.add_argument("--upper", help="上级文件：用于查找表格中缺漏的上级任务")
    p_audit.add_argument("--out", action="append", required=True, help="输出文件：.xlsx 或 .docx，可多次指定")
    p_audit.add_argument(
        "--column", action="append", metavar="列用途=表头", help="指定列，例如 --column 本级措施=具体举措（可多次指定）"
    )
    _add_reader_arguments(p_audit)
    p_audit.set_defaults(run=cmd_audit)

    p_import = sub.add_parser("import-review", help="把同事在 Excel 中修改过的对照表导入审核进度")
    p_import.add_argument("workbook", metavar="工作簿", help="由本程序导出、同事修改过的对照表（.xlsx）")
    p_import.add_argument("--session", required=True, help="对应的审核进度文件（.duibiao）")
    p_import.add_argument("--out", help="导入后另存为的审核进度文件（默认写回 --session 指定的文件）")
    p_import.add_argument("--dry-run", action="store_true", help="只列出将导入和不会导入的内容，不写入文件")
    p_import.set_defaults(run=cmd_import_review)
    return parser


def split_session(argv: list[str]) -> tuple[Path | None, list[str]]:
    """A first bare argument that is not a command is a session file to open in the workbench.

    That is how a double-click on a .duibiao file, "open with" and a file dropped on the program's
    icon start it. The top-level options take no value, so the first bare argument is positional.
    """
    for index, argument in enumerate(argv):
        if not argument.startswith("-"):
            if argument in COMMANDS:
                break
            return Path(argument), argv[:index] + argv[index + 1:]
    return None, argv


def _interrupt(signum: int, frame: object) -> NoReturn:
    """`kill` stops a command as Ctrl+C does, so an export in progress removes its temporary files."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [WORKER_ARGUMENT]:
        from ui.worker_process import main as run_worker

        return run_worker()
    # A Windows console or a redirect may not be UTF-8; never fail on a character it lacks.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    session, argv = split_session(argv)
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if args.command is None:
        from ui.app import run_gui

        return run_gui(demo=args.demo, large_text=args.large_text, session=session)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return args.run(args)
    except DuibiaoError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # the reader of a pipe (| head) has gone: stop quietly
        return 0
    except Exception:
        log.exception("unexpected error")
        print("错误：程序内部出错，结果可能没有全部保存。请加 -v 重新运行，并把输出发给维护人员。", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

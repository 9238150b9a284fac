"""Duibiao (对标) entry point: the desktop workbench, the demo, and the headless commands.

    python main.py                      open the workbench
    python main.py --demo               open the workbench on the bundled Binhai 2020 example
    python main.py parse FILE [--json]  print the items a reader found in FILE
    python main.py compare UPPER LOWER --out result.json [--out report.xlsx --out report.docx]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from compare.errors import DuibiaoError, WriteError

if TYPE_CHECKING:
    from compare.readers import ReadOptions

log = logging.getLogger("duibiao")


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its own words in Chinese, and usage errors that say what to do."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        message = (
            message.replace("the following arguments are required", "缺少必需的参数")
            .replace("unrecognized arguments", "无法识别的参数")
            .replace("invalid choice", "无效的选项")
            .replace("expected one argument", "需要一个值")
        )
        self.exit(2, f"错误：{message}。\n请运行 “python main.py {self.prog.split()[-1] if ' ' in self.prog else ''} -h” 查看用法。\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：")

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：")


def _reader_options(args: argparse.Namespace) -> ReadOptions:
    from compare.readers import ReadOptions

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
    from compare.readers import read_document
    from exporters.crosswalk_json import document_to_json

    doc = read_document(args.file, _reader_options(args))
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
    print(f"共 {len(doc.items)} 个条目，其中 {len(doc.leaves)} 个具体条目。")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from compare.align import AlignOptions, align
    from compare.crosswalk import Sensitivity
    from compare.readers import read_document
    from exporters import write_outputs

    outputs = [Path(p) for p in args.out]
    inputs = {Path(args.upper).resolve(), Path(args.lower).resolve()}
    for path in outputs:
        if path.suffix.lower() not in (".json", ".xlsx", ".docx"):
            raise WriteError(path, f"不支持输出 {path.suffix or '无扩展名'} 格式", "请使用 .json、.xlsx 或 .docx")
        if path.resolve() in inputs:
            raise WriteError(path, "输出文件与要对比的文件相同", "请另取一个文件名，以免覆盖原文件")
    upper = read_document(args.upper, _reader_options(args))
    lower = read_document(args.lower, _reader_options(args))
    crosswalk = align(upper, lower, options=AlignOptions(sensitivity=Sensitivity(args.sensitivity)))
    for path in write_outputs(crosswalk, outputs):
        print(f"已保存：{path}")
    cov = crosswalk.coverage()
    print(
        f"上级任务 {cov.tasks} 项：已覆盖 {cov.covered} 项，弱覆盖 {cov.weak} 项，缺口 {cov.gaps} 项；"
        f"本级新增 {len(crosswalk.lower_extras)} 项，一对多 {len(crosswalk.overlaps)} 项。"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="main.py", description="对标：上级任务与本级措施逐项对标对表")
    parser.add_argument("--demo", action="store_true", help="打开内置示例（滨海新区2020年具体措施）")
    parser.add_argument("--large-text", action="store_true", help="大字号显示（适合投影）")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", title="命令", parser_class=ChineseArgumentParser)

    p_parse = sub.add_parser("parse", help="显示文件中识别出的条目")
    p_parse.add_argument("file")
    p_parse.add_argument("--json", action="store_true", help="以 JSON 输出")
    _add_reader_arguments(p_parse)
    p_parse.set_defaults(run=cmd_parse)

    p_compare = sub.add_parser("compare", help="对标两个文件并输出结果")
    p_compare.add_argument("upper", help="上级文件（任务）")
    p_compare.add_argument("lower", help="本级文件（措施）")
    p_compare.add_argument("--out", action="append", required=True, help="输出文件：.json、.xlsx 或 .docx，可多次指定")
    p_compare.add_argument(
        "--sensitivity", choices=["strict", "balanced", "lenient"], default="balanced", help="匹配灵敏度"
    )
    _add_reader_arguments(p_compare)
    p_compare.set_defaults(run=cmd_compare)
    return parser


def main(argv: list[str] | None = None) -> int:
    # A Windows console or a redirect may not be UTF-8; never fail on a character it lacks.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if args.command is None:
        from ui.app import run_gui

        return run_gui(demo=args.demo, large_text=args.large_text)
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
        print("错误：程序内部出错，结果未保存。请加 -v 重新运行，并把输出发给维护人员。", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""How long reading and segmenting takes: the 221 corpus texts as .txt, and a 1,000-page .docx.

    python benchmarks/read_speed.py

Targets on a 2-core machine: the whole corpus under 10 s, the 1,000-page .docx under 5 s.
"""
from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from compare.documents.readers import read_document  # noqa: E402

CORPUS = PROJECT.parent / "shared" / "corpus" / "policies_central_shandong.xlsx"
CONTENT_COLUMN = 5  # column F, "Policy Content"
PAGES = 1000
PARAGRAPHS_PER_PAGE = 30
CN = "一二三四五六七八九十"


def corpus_texts() -> list[str]:
    workbook = openpyxl.load_workbook(CORPUS, read_only=True)
    try:
        return [
            row[CONTENT_COLUMN]
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(min_row=2, values_only=True)
            if len(row) > CONTENT_COLUMN and isinstance(row[CONTENT_COLUMN], str) and row[CONTENT_COLUMN].strip()
        ]
    finally:
        workbook.close()


def bench_corpus(folder: Path) -> None:
    if not CORPUS.exists():
        print(f"语料库：跳过（{CORPUS} 不存在）")
        return
    paths = []
    for n, text in enumerate(corpus_texts()):
        path = folder / f"corpus_{n:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    start = time.perf_counter()
    items = sum(len(read_document(p).items) for p in paths)
    elapsed = time.perf_counter() - start
    print(f"语料库 .txt：{len(paths)} 个文件，{chars:,} 字，{items:,} 个条目，用时 {elapsed:.2f} 秒（目标 < 10 秒）")


def write_long_docx(path: Path) -> int:
    """A plan of PAGES pages: 一、 parts, （一） groups and numbered measures with responsibility tags."""
    import docx

    document = docx.Document()
    sentence = "加快推进重点领域改革创新，完善工作机制，强化要素保障，推动各项政策措施落地见效，形成可复制可推广的经验。"
    paragraphs = 0
    part = group = 0
    while paragraphs < PAGES * PARAGRAPHS_PER_PAGE:
        if paragraphs % 600 == 0:
            part, group = part + 1, 0
            document.add_paragraph(f"{CN[(part - 1) % 10]}、第{part}部分重点任务")
        elif paragraphs % 60 == 0:
            group += 1
            document.add_paragraph(f"（{CN[(group - 1) % 10]}）第{group}组任务")
        else:
            document.add_paragraph(f"{paragraphs % 60}.{sentence}（区发展改革委牵头，区财政局配合）")
        paragraphs += 1
    document.save(path)
    return paragraphs


def bench_docx(folder: Path) -> None:
    if importlib.util.find_spec("compare.documents.readers.docx_reader") is None:
        print("1000 页 .docx：跳过（.docx 读取模块尚不存在）")
        return
    path = folder / "long.docx"
    paragraphs = write_long_docx(path)
    start = time.perf_counter()
    doc = read_document(path)
    elapsed = time.perf_counter() - start
    print(f"1000 页 .docx：{paragraphs:,} 段，{len(doc.items):,} 个条目，用时 {elapsed:.2f} 秒（目标 < 5 秒）")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bench_corpus(Path(tmp))
        bench_docx(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long reading and segmenting takes: the 221 corpus texts as .txt, a 1,000-page .docx, and
how the time grows from 1,000 to 100,000 paragraphs (.txt and .docx).

    python benchmarks/read_speed.py [--sizes 1000 10000 100000]

Targets on a 2-core machine: the whole corpus under 10 s, the 1,000-page .docx under 5 s, and
growth close to linear (ten times the paragraphs, about ten times the time).
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from compare.documents.readers import read_document, read_raw  # noqa: E402
from compare.documents.segment import segment  # noqa: E402

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


SENTENCE = "加快推进重点领域改革创新，完善工作机制，强化要素保障，推动各项政策措施落地见效，形成可复制可推广的经验。"


def plan_lines(count: int) -> list[str]:
    """`count` paragraphs of a plan: 一、 parts, （一） groups and numbered measures with responsibility tags."""
    lines = []
    part = group = 0
    for n in range(count):
        if n % 600 == 0:
            part, group = part + 1, 0
            lines.append(f"{CN[(part - 1) % 10]}、第{part}部分重点任务")
        elif n % 60 == 0:
            group += 1
            lines.append(f"（{CN[(group - 1) % 10]}）第{group}组任务")
        else:
            lines.append(f"{n % 60}.{SENTENCE}（区发展改革委牵头，区财政局配合）")
    return lines


def write_docx(path: Path, lines: list[str]) -> None:
    """A .docx of one paragraph per line, its body written as XML (python-docx takes minutes for 100,000)."""
    import zipfile
    from xml.sax.saxutils import escape

    import docx

    docx.Document().save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    head, _, rest = parts["word/document.xml"].decode("utf-8").partition("<w:body>")
    section = rest[rest.index("<w:sectPr"):]
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines)
    parts["word/document.xml"] = f"{head}<w:body>{body}{section}".encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def write_long_docx(path: Path) -> int:
    """A plan of PAGES pages."""
    lines = plan_lines(PAGES * PARAGRAPHS_PER_PAGE)
    write_docx(path, lines)
    return len(lines)


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


def bench_growth(folder: Path, sizes: list[int]) -> None:
    """Reading and segmenting at each size, as .txt and .docx, with the growth from the size before."""
    print("段落数        格式   读取(秒)  分段(秒)  合计(秒)  条目数    增长（相对上一档）")
    for suffix in (".txt", ".docx"):
        before: tuple[int, float] | None = None
        for size in sizes:
            path = folder / f"plan_{size}{suffix}"
            lines = plan_lines(size)
            if suffix == ".txt":
                path.write_text("\n".join(lines), encoding="utf-8")
            else:
                write_docx(path, lines)
            start = time.perf_counter()
            raw = read_raw(path)
            read = time.perf_counter() - start
            document = segment(raw)
            total = time.perf_counter() - start
            growth = f"段落 ×{size / before[0]:.0f}，时间 ×{total / before[1]:.1f}" if before else ""
            print(f"{size:>9,}  {suffix:>6}  {read:8.2f}  {total - read:8.2f}  {total:8.2f}  {len(document.items):>7,}    {growth}")
            before = (size, total)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="paragraph counts to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_corpus(Path(tmp))
        bench_docx(Path(tmp))
        bench_growth(Path(tmp), args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

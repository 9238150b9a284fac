"""Scale curve of the alignment: time and peak memory for N × N items drawn from the corpus.

usage: python benchmarks/scale.py [SIZES ...]        (default: 100 500 1000 2000 4000 5000)

Beyond compare.alignment.align.MAX_PAIRS pairs (4,000 × 4,000) a comparison is refused up front;
the curve shows "refused" there and the memory the refusal took.

Items are real paragraphs of ../shared/corpus/policies_central_shandong.xlsx; the lower side is
the upper side's paragraphs lightly edited and shuffled, so there is something to find. Each size
runs in a fresh process, so the peak resident memory printed is that run's own.
"""
from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus" / "policies_central_shandong.xlsx"
sys.path.insert(0, str(PROJECT))
from benchmarks.labelled_cases import RESERVED  # noqa: E402  (the blind-test rows: never used)


def corpus_paragraphs() -> list[str]:
    import openpyxl

    wb = openpyxl.load_workbook(CORPUS, read_only=True)
    found: list[str] = []
    for sheet in wb.sheetnames:
        for row in wb[sheet].iter_rows(min_row=2, values_only=True):
            if (sheet, row[0]) in RESERVED or not row[5]:
                continue
            for para in re.split(r"[\r\n]+", str(row[5])):
                para = para.strip().replace("\u3000", "")
                if 30 <= len(para) <= 400:
                    found.append(para)
    wb.close()
    return found


def run_one(n: int) -> dict:
    sys.path.insert(0, str(PROJECT))
    from compare.alignment.align import align
    from compare.documents.model import Document, Item, ItemKind
    from compare.documents.normalize import matching_key

    rng = random.Random(n)
    paragraphs = corpus_paragraphs()
    picked = rng.sample(paragraphs, min(n, len(paragraphs)))

    def edit(text: str) -> str:
        cut = rng.randrange(len(text) // 3)
        return text[cut:] + "，并抓好落实。"

    lower_texts = [edit(t) for t in picked]
    rng.shuffle(lower_texts)

    def document(texts: list[str], name: str) -> Document:
        items = tuple(
            Item(id=str(k + 1), label=f"{k + 1}.", level=0, path=(), text=t, key=matching_key(t), kind=ItemKind.ITEM)
            for k, t in enumerate(texts)
        )
        return Document(title=name, source_path=name, format="txt", items=items)

    upper, lower = document(picked, "upper"), document(lower_texts, "lower")
    t0 = time.perf_counter()
    align(document(picked[:3], "warm-up"), document(lower_texts[:3], "warm-up"))  # imports, dictionaries
    warm_up = time.perf_counter() - t0
    from compare.errors import AlignError

    t0 = time.perf_counter()
    try:
        cw = align(upper, lower)
    except AlignError:  # beyond MAX_PAIRS: refused before anything large is allocated
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {"n": len(picked), "seconds": "refused", "start_up": round(warm_up, 2), "peak_mb": round(peak_mb), "links": 0}
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": len(picked), "seconds": round(seconds, 2), "start_up": round(warm_up, 2), "peak_mb": round(peak_mb), "links": len(cw.links)}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} is absent: the scale curve draws its items from the shared corpus")
    sizes = [int(a) for a in sys.argv[1:]] or [100, 500, 1000, 2000, 4000, 5000]
    print("seconds: scoring + linking (+ evidence and duplicates); start-up: one-off imports and dictionaries")
    print(f"{'items a side':>12} {'seconds':>8} {'start-up':>8} {'peak MB':>8} {'links':>6}")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['n']:>12} {r['seconds']:>8} {r['start_up']:>8} {r['peak_mb']:>8} {r['links']:>6}")


if __name__ == "__main__":
    main()

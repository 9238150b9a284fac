"""Time the Excel and Word exports of a 2,000-link crosswalk (target: under 5 s each).

    .venv/bin/python benchmarks/export_speed.py [--links 2000]

Item texts are sentences of the seed documents in ../shared/seeds (realistic lengths and
vocabulary); without them, sentences are assembled from a built-in phrase list. Each measure
repeats part of its task so the diff and the evidence spans look like real pairs.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from compare.alignment.crosswalk import Crosswalk, Evidence, Link, LinkStatus, Thresholds  # noqa: E402
from compare.documents.model import Document, Item, ItemKind  # noqa: E402
from compare.documents.normalize import matching_key  # noqa: E402
from exporters.docx_export import export_docx  # noqa: E402
from exporters.xlsx_export import export_xlsx  # noqa: E402

SEEDS = PROJECT.parent / "shared" / "seeds"
_PHRASES = ("推进", "完善", "体制机制", "高质量发展", "重点项目", "营商环境", "科技创新", "产业集群", "公共服务",
            "统筹协调", "支持政策", "基础设施", "数字经济", "绿色低碳", "对外开放", "人才引进", "监督管理")


def sentences(rng: random.Random) -> list[str]:
    found: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else ():
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [s.strip() + "。" for s in re.split(r"[。\n]", text) if 20 <= len(s.strip()) <= 200]
    if len(found) < 200:
        found = ["，".join(rng.choice(_PHRASES) + rng.choice(_PHRASES) for _ in range(rng.randint(3, 12))) + "。" for _ in range(2000)]
    return found


def build(links_wanted: int, seed: int = 7) -> Crosswalk:
    rng = random.Random(seed)
    pool = sentences(rng)
    n_upper = links_wanted // 2
    sections = 20
    upper_items: list[Item] = []
    lower_items: list[Item] = []
    links: list[Link] = []
    for s in range(sections):
        heading = f"{s + 1}、第{s + 1}方面重点任务"
        upper_items.append(Item(f"u{s}", f"{s + 1}、", 0, (), heading[len(f"{s + 1}、"):], matching_key(heading), ItemKind.HEADING))
        lower_items.append(Item(f"l{s}", f"{s + 1}、", 0, (), heading, matching_key(heading), ItemKind.HEADING))
    for n in range(n_upper):
        s = n * sections // n_upper
        task = " ".join(rng.sample(pool, rng.randint(1, 2)))
        uid = f"u{s}.{n}"
        upper_items.append(Item(uid, f"{n + 1}.", 1, (f"{s + 1}、第{s + 1}方面重点任务",), task, matching_key(task),
                                parent=f"u{s}", attributes=(("国家分工", "国家发改委"),)))
        measures = 2 if len(links) + 2 * (n_upper - n) <= links_wanted else 1
        measures = max(measures, links_wanted - len(links) - 2 * (n_upper - n - 1)) if n == n_upper - 1 else measures
        for m in range(measures):
            start = rng.randrange(0, max(1, len(task) - 12))
            borrowed = task[start : start + 12]
            text = rng.choice(pool)[:60] + borrowed + rng.choice(pool)[:80]
            lid = f"l{s}.{len(lower_items)}"
            lower_items.append(Item(lid, f"{len(lower_items)}.", 1, (f"{s + 1}、",), text, matching_key(text), parent=f"l{s}",
                                    attributes=(("负责部门", "区发改委、区科技局"),)))
            offset = text.index(borrowed)
            status = LinkStatus.CONFIRMED if rng.random() < 0.3 else LinkStatus.AUTO
            links.append(Link(uid, lid, rng.uniform(0.3, 0.95), status,
                              (Evidence((start, start + len(borrowed)), (offset, offset + len(borrowed))),)))
    for n in range(links_wanted // 20):  # some extras
        text = rng.choice(pool)
        lower_items.append(Item(f"x{n}", f"{len(lower_items)}.", 1, (), text, matching_key(text)))
    upper = Document("上级重点任务（基准）", "upper.txt", "text", tuple(upper_items))
    lower = Document("本级具体措施（基准）", "lower.txt", "text", tuple(lower_items))
    return Crosswalk.build(upper, lower, tuple(links), (), Thresholds(0.3, 0.45, 0.85))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=2000)
    args = parser.parse_args()
    started = time.perf_counter()
    cw = build(args.links)
    print(f"crosswalk: {len(cw.links)} links, {len(cw.upper.leaves)} tasks, {len(cw.lower.leaves)} measures "
          f"({len(cw.lower_extras)} extras); built in {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        for name, export in (("xlsx", export_xlsx), ("docx", export_docx)):
            path = Path(folder) / f"benchmark.{name}"
            started = time.perf_counter()
            export(cw, path)
            elapsed = time.perf_counter() - started
            print(f"{name}: {elapsed:.2f} s, {path.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

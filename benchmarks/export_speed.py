"""Time and peak memory of writing a crosswalk as .json, .xlsx and .docx at 500 / 2,000 / 5,000 links.

    .venv/bin/python benchmarks/export_speed.py [--links 500 2000 5000] [--formats json xlsx docx]

Each export runs in a fresh process, so its peak memory (the process's maximum resident set) is
its own; "export" is what the export added to the peak over the built crosswalk. Item texts are
sentences of the seed documents in ../shared/seeds (realistic lengths and vocabulary); without
them, sentences are assembled from a built-in phrase list. Each measure repeats part of its task
so the diff and the evidence spans look like real pairs; some tasks are gaps, some 不适用, some
links rejected or manual, as in a reviewed crosswalk.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from compare.alignment.crosswalk import Crosswalk, Evidence, Link, LinkStatus, Thresholds  # noqa: E402
from compare.documents.model import Document, Item, ItemKind  # noqa: E402
from compare.documents.normalize import matching_key  # noqa: E402

SEEDS = PROJECT.parent / "shared" / "seeds"
_PHRASES = ("推进", "完善", "体制机制", "高质量发展", "重点项目", "营商环境", "科技创新", "产业集群", "公共服务",
            "统筹协调", "支持政策", "基础设施", "数字经济", "绿色低碳", "对外开放", "人才引进", "监督管理")
FORMATS = ("json", "xlsx", "docx")


def sentences(rng: random.Random) -> list[str]:
    found: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else ():
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [s.strip() + "。" for s in re.split(r"[。\n]", text) if 20 <= len(s.strip()) <= 200]
    if len(found) < 200:
        found = ["，".join(rng.choice(_PHRASES) + rng.choice(_PHRASES) for _ in range(rng.randint(3, 12))) + "。" for _ in range(2000)]
    return found


def build(links_wanted: int, seed: int = 7) -> Crosswalk:
    """About `links_wanted` links: half as many tasks with two measures each, 1 in 20 tasks a gap,
    1 in 50 不适用, extras worth 5 % of the links."""
    rng = random.Random(seed)
    pool = sentences(rng)
    n_upper = round(links_wanted / 1.9)  # 1 in 20 tasks is a gap: two links for the others
    sections = 20
    upper_items: list[Item] = []
    lower_items: list[Item] = []
    links: list[Link] = []
    not_applicable: list[tuple[str, str]] = []
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
        if n % 20 == 19:
            continue  # a gap
        if n % 50 == 49:
            not_applicable.append((uid, "本地区不涉及该项工作"))
        for _ in range(2):
            start = rng.randrange(0, max(1, len(task) - 12))
            borrowed = task[start : start + 12]
            text = rng.choice(pool)[:60] + borrowed + rng.choice(pool)[:80]
            lid = f"l{s}.{len(lower_items)}"
            lower_items.append(Item(lid, f"{len(lower_items)}.", 1, (f"{s + 1}、",), text, matching_key(text), parent=f"l{s}",
                                    attributes=(("负责部门", "区发改委、区科技局"),)))
            offset = text.index(borrowed)
            roll = rng.random()
            status = (LinkStatus.CONFIRMED if roll < 0.3 else LinkStatus.REJECTED if roll < 0.35
                      else LinkStatus.MANUAL if roll < 0.37 else LinkStatus.AUTO)
            links.append(Link(uid, lid, None if status is LinkStatus.MANUAL else rng.uniform(0.3, 0.95), status,
                              (Evidence((start, start + len(borrowed)), (offset, offset + len(borrowed))),)))
    for n in range(links_wanted // 20):  # extras
        text = rng.choice(pool)
        lower_items.append(Item(f"x{n}", f"{len(lower_items)}.", 1, (), text, matching_key(text)))
    upper = Document("上级重点任务（基准）", "upper.txt", "text", tuple(upper_items))
    lower = Document("本级具体措施（基准）", "lower.txt", "text", tuple(lower_items))
    return Crosswalk.build(upper, lower, tuple(links), (), Thresholds(0.3, 0.45, 0.85), tuple(not_applicable))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(links: int, fmt: str) -> dict[str, float]:
    """Build the crosswalk and write one format; runs in the child process."""
    from exporters import write_outputs

    cw = build(links)
    before = _peak_mib()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"benchmark.{fmt}"
        started, cpu = time.perf_counter(), _cpu_seconds()
        write_outputs(cw, [path])
        elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        size = path.stat().st_size
    return {"links": len(cw.links), "seconds": elapsed, "cpu": cpu, "peak_mib": _peak_mib(), "added_mib": _peak_mib() - before,
            "kib": size / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--child", nargs=2, metavar=("LINKS", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(int(args.child[0]), args.child[1])))
        return 0
    # CPU time beside wall time: on a shared machine the wall time also counts waiting for a core.
    print(f"{'links':>6} {'format':>6} {'time s':>8} {'CPU s':>7} {'peak MiB':>9} {'export MiB':>11} {'file KiB':>9}")
    for links in args.links:
        for fmt in args.formats:
            child = subprocess.run([sys.executable, __file__, "--child", str(links), fmt],
                                   capture_output=True, text=True, check=True)
            r = json.loads(child.stdout.strip().splitlines()[-1])
            print(f"{r['links']:>6} {fmt:>6} {r['seconds']:>8.2f} {r['cpu']:>7.2f} {r['peak_mib']:>9.0f} {r['added_mib']:>11.0f} {r['kib']:>9.0f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How responsive the workbench is: start-up, the demo, and GUI-thread stalls on a large pair.

    .venv/bin/python benchmarks/gui_responsiveness.py [--items 2000] [--platform offscreen]

Prints: time from launch to a usable window; time to open and align the bundled demo; the
longest gap between ticks of a 10 ms QTimer on the GUI thread while reading and aligning two
synthetic documents of N items each (target: under 100 ms).
"""
from __future__ import annotations

import time

LAUNCH = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SUBJECTS = ["国家级新区", "自贸试验区", "开发区", "高新区", "综合保税区", "产业园区", "各街镇", "市场主体", "高校院所", "龙头企业"]
VERBS = ["加快推进", "深化", "完善", "支持", "鼓励", "研究制定", "健全", "优化", "推动", "落实"]
OBJECTS = [
    "科技创新平台建设", "营商环境评价机制", "知识产权服务体系", "重大项目清单管理", "人才引进服务机制",
    "产业链招商", "政务服务“一网通办”", "跨境贸易便利化", "绿色建筑标准", "城市精细化管理",
    "职称评审改革", "融资担保体系", "数字经济发展", "应急管理能力", "公共服务设施配套",
]
TAILS = ["，形成一批可复制推广的经验。", "，提升服务能力和水平。", "，建立长效工作机制。", "，加强统筹协调和督促落实。", "。"]
NUMERALS = "一二三四五六七八九十"


def synthetic_document(path: Path, title: str, items: int, seed: int) -> Path:
    """Corpus-like numbered policy sentences in sections of 50 items."""
    rng = random.Random(seed)
    lines = [title, ""]
    for n in range(items):
        if n % 50 == 0:
            section = n // 50
            name = NUMERALS[section % 10] if section < 10 else f"{NUMERALS[section // 10 - 1] if section >= 20 else ''}十{NUMERALS[section % 10 - 1] if section % 10 else ''}"
            lines.append(f"{name}、{rng.choice(VERBS)}{rng.choice(OBJECTS)}")
        sentence = "".join(
            f"{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}" for _ in range(rng.randint(1, 3))
        )
        lines.append(f"{n + 1}.{sentence}{rng.choice(TAILS)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000, help="items per synthetic document")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for each alignment")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = args.platform

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import install_qt_translations
    from ui.appearance import apply_appearance
    from ui.main_window import MainWindow
    from ui.resources import DEMO_LOWER, DEMO_UPPER
    from ui.settings import Settings

    app = QApplication(sys.argv[:1])
    install_qt_translations(app)
    apply_appearance(app, False)
    folder = Path(tempfile.mkdtemp(prefix="duibiao-bench-"))
    window = MainWindow(Settings(folder / "appdata"))
    window.resize(1366, 768)
    window.show()
    window.workspace.runner.prepare()  # as `run_gui` does
    app.processEvents()
    print(f"launch to usable window: {time.perf_counter() - LAUNCH:.2f} s")

    def wait_aligned(limit: float) -> bool:
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            app.processEvents()
            if window.workspace.crosswalk is not None and not window.workspace.is_busy:
                return True
            time.sleep(0.002)
        return False

    start = time.perf_counter()
    window.open_pair(DEMO_UPPER, DEMO_LOWER)
    if not wait_aligned(args.timeout):
        print("demo: did not finish in time")
        return 1
    print(f"open and align the demo: {time.perf_counter() - start:.2f} s")

    upper = synthetic_document(folder / "upper.txt", "上级重点任务（合成）", args.items, 1)
    lower = synthetic_document(folder / "lower.txt", "本级具体措施（合成）", args.items, 2)
    longest = 0
    ticks = 0
    clock = QElapsedTimer()

    def tick() -> None:
        nonlocal longest, ticks
        longest = max(longest, clock.restart())
        ticks += 1

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    start = time.perf_counter()
    clock.start()
    timer.start()
    window.open_pair(upper, lower)
    finished = wait_aligned(args.timeout)
    timer.stop()
    elapsed = time.perf_counter() - start
    if not finished:
        print(f"{args.items} x {args.items}: did not finish within {args.timeout:.0f} s")
        return 1
    cw = window.workspace.crosswalk
    print(f"open and align {args.items} x {args.items} items: {elapsed:.1f} s, {len(cw.links)} links, {window.crosswalk.model.rowCount()} table rows")
    print(f"longest GUI-thread stall while reading, aligning and showing: {longest} ms over {ticks} ticks (target < 100 ms)")
    window.workspace.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How the readers and the segmenter read real office files, against what a careful reader gets.

usage: python benchmarks/real_files.py [FILE_NAME ...]

Reads every file of ../shared/realfiles (Word/WPS/LibreOffice .docx, .doc, .wps, .xlsx, law PDFs,
saved government pages) and prints, per file: items, tasks, the label styles found, lines set
aside with a reason, annexes, sentences lost without a word (must be 0), and whether the result
matches the expectation written for the file in benchmarks/real_files_expected.json (written by
reading each file). The last line counts the files read as expected.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
REALFILES = PROJECT.parent / "shared" / "realfiles"
EXPECTED = PROJECT / "benchmarks" / "real_files_expected.json"
sys.path.insert(0, str(PROJECT))

from compare.documents.accounting import unaccounted_lines  # noqa: E402
from compare.documents.model import Document, Item, ItemKind  # noqa: E402
from compare.documents.readers import ReadOptions, read_raw  # noqa: E402
from compare.documents.segment import RESPONSIBLE, segment  # noqa: E402
from compare.errors import DuibiaoError  # noqa: E402


def expectations() -> dict[str, dict]:
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return {name: spec for name, spec in data.items() if not name.startswith("_")}


def _children(doc: Document, parent: str | None) -> list[Item]:
    return [it for it in doc.items if it.parent == parent]


def find_path(doc: Document, path: list[str]) -> Item | None:
    """The item a path of printed labels names ("~作品名称" names an unnumbered item by its text)."""
    parent: str | None = None
    found: Item | None = None
    for step in path:
        kids = _children(doc, parent)
        if step.startswith("~"):
            found = next((it for it in kids if it.text.startswith(step[1:])), None)
        else:
            found = next((it for it in kids if it.label.strip() == step), None)
        if found is None:
            return None
        parent = found.id
    return found


def check(name: str, spec: dict, options: ReadOptions = ReadOptions()) -> tuple[list[str], dict]:
    """Problems with how `name` reads against `spec`, and figures for the table."""
    path = REALFILES / name
    try:
        raw = read_raw(path, options)
        doc = segment(raw)
    except DuibiaoError as exc:
        wanted = spec.get("error")
        if wanted and all(w in str(exc) for w in wanted):
            return [], {"error": str(exc)}
        return [f"refused: {exc}"], {"error": str(exc)}
    if "error" in spec:
        return [f"read, but should be refused with {spec['error']}"], {}
    problems: list[str] = []
    lost = unaccounted_lines(raw, doc)
    if lost:
        problems.append(f"{len(lost)} sentences lost without a word, e.g. {lost[0][:30]!r}")
    if "title" in spec and doc.title != spec["title"]:
        problems.append(f"title {doc.title!r}, expected {spec['title']!r}")
    top = [it.label.strip() for it in _children(doc, None) if it.label]
    if "top_labels" in spec and top != spec["top_labels"]:
        problems.append(f"top-level labels {top}, expected {spec['top_labels']}")
    if "top_labels_start" in spec and top[: len(spec["top_labels_start"])] != spec["top_labels_start"]:
        problems.append(f"top-level labels start {top[:12]}, expected {spec['top_labels_start']}")
    if "articles" in spec:
        articles = sum(1 for it in doc.items if re.fullmatch(r"第[一二三四五六七八九十百零〇两\d]+条", it.label.strip()))
        if articles != spec["articles"]:
            problems.append(f"{articles} articles, expected {spec['articles']}")
    for item_spec in spec.get("items", []):
        problems += _check_item(doc, item_spec)
    if "annexes" in spec:
        titles = [a.title for a in doc.annexes]
        if len(titles) < len(spec["annexes"]) or any(not t.startswith(w) for t, w in zip(titles, spec["annexes"])):
            problems.append(f"annexes {titles}, expected {spec['annexes']}")
        if not spec["annexes"] and titles:
            problems.append(f"annexes {titles}, expected none")
    texts = [it.label + it.text for it in doc.items]
    for text in spec.get("nowhere", []):
        if any(text in t for t in texts):
            problems.append(f"{text!r} is in an item")
    for text in spec.get("somewhere", []):
        if not any(text in t for t in texts):
            problems.append(f"{text!r} is in no item")
    for words in spec.get("somewhere_in_one_item", []):
        if not any(all(w in t for w in words) for t in texts):
            problems.append(f"no item holds {words}")
    for warning in spec.get("warnings", []):
        if not any(warning in w for w in doc.warnings):
            problems.append(f"no warning saying {warning!r}")
    labels = {it.label.strip() for it in doc.items}
    for label in spec.get("labels_present", []):
        if label not in labels:
            problems.append(f"label {label!r} not found")
    for prefix in spec.get("no_label_starting", []):
        if any(lbl.startswith(prefix) for lbl in labels):
            problems.append(f"a label starts with {prefix!r}")
    for unit in spec.get("no_department", []):
        if any(it.attribute(RESPONSIBLE) == unit for it in doc.items):
            problems.append(f"{unit!r} read as a department")
    for pair in spec.get("siblings", []):
        problems += _check_siblings(doc, pair)
    rows = sum(1 for it in doc.items if it.kind is ItemKind.ROW)
    if "rows" in spec and rows != spec["rows"]:
        problems.append(f"{rows} table rows, expected {spec['rows']}")
    if "rows_min" in spec and rows < spec["rows_min"]:
        problems.append(f"{rows} table rows, expected at least {spec['rows_min']}")
    if "annex_as_document" in spec:
        problems += _check_annex_document(raw, spec["annex_as_document"])
    figures = {
        "items": len(doc.items),
        "tasks": sum(1 for it in doc.items if it.is_task),
        "labels": Counter(_label_shape(it.label) for it in doc.items if it.label),
        "dropped": len(doc.dropped),
        "annexes": len(doc.annexes),
        "lost": len(lost),
    }
    return problems, figures


def _check_item(doc: Document, spec: dict) -> list[str]:
    item = find_path(doc, spec["path"])
    where = "/".join(spec["path"])
    if item is None:
        return [f"no item {where}"]
    problems = []
    kids = [it.label.strip() for it in _children(doc, item.id)]
    if "children" in spec and kids != spec["children"]:
        problems.append(f"{where} has children {kids}, expected {spec['children']}")
    if "children_start" in spec and kids[: len(spec["children_start"])] != spec["children_start"]:
        problems.append(f"{where} children start {kids[:6]}, expected {spec['children_start']}")
    if spec.get("no_children") and kids:
        problems.append(f"{where} has children {kids[:4]}")
    for text in spec.get("contains", []):
        if text not in item.text:
            problems.append(f"{where} lacks {text!r}")
    for text in spec.get("not_contains", []):
        if text in item.text:
            problems.append(f"{where} holds {text!r}")
    if "task" in spec and item.is_task != spec["task"]:
        problems.append(f"{where} is{'' if item.is_task else ' not'} a task")
    if "role" in spec and item.role.value != spec["role"]:
        problems.append(f"{where} has role {item.role.value}, expected {spec['role']}")
    if "rows" in spec:
        rows = sum(1 for it in _children(doc, item.id) if it.kind is ItemKind.ROW)
        if rows != spec["rows"]:
            problems.append(f"{where} has {rows} table rows, expected {spec['rows']}")
    return problems


def _check_siblings(doc: Document, labels: list[str]) -> list[str]:
    """Every item labelled labels[0] is followed by a sibling labelled labels[1], never a child."""
    index = doc.index()
    problems = []
    for item in doc.items:
        if item.label.strip() == labels[1]:
            parent = index.get(item.parent or "")
            if parent is not None and parent.label.strip() == labels[0]:
                problems.append(f"{labels[1]} nested under {labels[0]}")
    return problems


def _check_annex_document(raw, spec: dict) -> list[str]:
    try:
        doc = segment(raw, annex=spec["annex"])
    except DuibiaoError as exc:
        return [f"annex {spec['annex']} as a document: {exc}"]
    tasks = sum(1 for it in doc.items if it.is_task)
    problems = [] if tasks >= spec["min_tasks"] else [f"annex {spec['annex']} as a document has {tasks} tasks"]
    for text in spec.get("contains", []):
        if not any(text in it.text for it in doc.items):
            problems.append(f"annex {spec['annex']} as a document lacks {text!r}")
    return problems


def _label_shape(label: str) -> str:
    return re.sub(r"\d+", "N", re.sub(r"[一二三四五六七八九十百零〇两]+", "X", label.strip()))


def main() -> None:
    if not REALFILES.exists():
        raise SystemExit(f"{REALFILES} is absent: this benchmark reads the shared real files beside the project")
    specs = expectations()
    names = sys.argv[1:] or sorted(p.name for p in REALFILES.iterdir() if p.name != "README.md")
    good = 0
    print(f"{'file':42s} {'items':>5s} {'tasks':>5s} {'dropped':>7s} {'annex':>5s} {'lost':>4s}  result")
    for name in names:
        spec = specs.get(name)
        if spec is None:
            print(f"{name:42s} no expectation written")
            continue
        problems, figures = check(name, spec)
        good += not problems
        if "error" in figures:
            print(f"{name:42s} {'refused':>30s}  {'as expected' if not problems else 'WRONG'}")
        else:
            print(
                f"{name:42s} {figures['items']:5d} {figures['tasks']:5d} {figures['dropped']:7d} {figures['annexes']:5d} "
                f"{figures['lost']:4d}  {'as expected' if not problems else 'WRONG'}"
            )
            shapes = ", ".join(f"{s}×{n}" for s, n in figures["labels"].most_common(6))
            print(f"{'':42s} labels: {shapes}")
        for problem in problems:
            print(f"{'':42s} - {problem}")
    print(f"{good}/{len(names)} files read as expected")


if __name__ == "__main__":
    main()

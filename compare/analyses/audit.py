"""Audit of an existing 分工方案 table: what it leaves out, what does not fit, what it repeats.

Four findings, each on the product's own scales:
- upper tasks without a row (each row's task is matched to the upper document with the engine's
  scoring), unless a remark marks them 不涉及 / 不适用;
- rows whose measure does not address their task, and rows with no measure or no responsible
  department: the task × measure pair scored by the engine, calibrated to 匹配度, below the link threshold;
- one measure listed under several tasks: identical text, or near-identical by the engine's
  duplicate test;
- one department named in several ways (区发改委 / 区发展改革委).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from compare.alignment.align import PRESETS
from compare.alignment.crosswalk import Sensitivity, Thresholds
from compare.analyses.division_table import DivisionRow, DivisionTable
from compare.alignment.align import content_items, score_documents
from compare.alignment.scoring import ScoringOptions
from compare.documents.model import Document, Item, ItemKind
from compare.documents.normalize import matching_key
from compare.documents.numbering import label_value
from compare.analyses.unit_names import naming_variants, split_units

_NOT_APPLICABLE_CELL = ("不涉及", "不适用", "无需落实", "不需落实")


@dataclass(frozen=True, slots=True)
class MissingTask:
    item: Item  # the upper task that no row of the table takes up


@dataclass(frozen=True, slots=True)
class NotApplicableTask:
    number: int | None
    item: Item | None  # None when the upper document does not print the task either
    remark: str  # where the table says so


@dataclass(frozen=True, slots=True)
class RowMatch:
    row: DivisionRow
    upper: Item | None  # the upper task the row's task text matches, None when none does
    score: float  # calibrated 匹配度 of that match


@dataclass(frozen=True, slots=True)
class WeakRow:
    row: DivisionRow
    score: float  # calibrated 匹配度 of the row's measure against its own task


@dataclass(frozen=True, slots=True)
class IncompleteRow:
    row: DivisionRow
    problem: str  # 无上级任务 / 无本级措施 / 无负责部门


@dataclass(frozen=True, slots=True)
class RepeatedMeasure:
    rows: tuple[DivisionRow, ...]  # rows listing the same measure, in table order
    similarity: float  # 1.0 for identical text; else the lowest raw similarity within the group
    task_count: int  # how many different tasks the measure is listed under


@dataclass(frozen=True, slots=True)
class NameVariant:
    canonical: str
    spellings: tuple[tuple[str, tuple[str, ...]], ...]  # (spelling, locations of the rows using it)


@dataclass(frozen=True, slots=True)
class AuditReport:
    table: DivisionTable
    upper_title: str  # "" when the audit ran without the upper document
    thresholds: Thresholds
    matches: tuple[RowMatch, ...]
    missing: tuple[MissingTask, ...]
    not_applicable: tuple[NotApplicableTask, ...]
    weak: tuple[WeakRow, ...]
    incomplete: tuple[IncompleteRow, ...]
    repeated: tuple[RepeatedMeasure, ...]
    name_variants: tuple[NameVariant, ...]

    @property
    def checked_upper(self) -> bool:
        return bool(self.upper_title)

    @property
    def unmatched_rows(self) -> tuple[RowMatch, ...]:
        """Rows whose task text the upper document does not contain (only with an upper document)."""
        if not self.checked_upper:
            return ()
        return tuple(m for m in self.matches if m.upper is None and m.row.upper_task)


def _row_item(row: DivisionRow, n: int, text: str, side: str) -> Item:
    return Item(
        id=f"{side}{n}",
        label=row.number,
        level=0,
        path=(row.section,) if row.section else (),
        text=text,
        key=matching_key(text),
        kind=ItemKind.ROW,
        source=row.source,
    )


# Rows of a 分工方案 copy the upper task's words: the lexical model matches them, and a table of
# hundreds of rows is not held up by the sentence model.
LEXICAL = ScoringOptions(meaning=False)


def _row_marked_not_applicable(row: DivisionRow) -> str:
    text = f"{row.lower_measure} {row.departments}"
    return text.strip() if any(word in text for word in _NOT_APPLICABLE_CELL) and len(row.lower_measure) <= 40 else ""


def _match_rows(rows: list[DivisionRow], ups: list[Item], thresholds: Thresholds) -> list[RowMatch]:
    tasks = [_row_item(row, n, row.upper_task, "t") for n, row in enumerate(rows)]
    with_task = [n for n, row in enumerate(rows) if row.upper_task]
    if not ups or not with_task:
        return [RowMatch(row, None, 0.0) for row in rows]
    raw, _ = score_documents(ups, [tasks[n] for n in with_task], LEXICAL)
    column = {n: c for c, n in enumerate(with_task)}
    out: list[RowMatch] = []
    for n, row in enumerate(rows):
        if n not in column:
            out.append(RowMatch(row, None, 0.0))
            continue
        best = int(np.argmax(raw[:, column[n]]))
        score = float(raw[best, column[n]])
        out.append(RowMatch(row, ups[best] if score >= thresholds.link else None, round(score, 4)))
    return out


def _pair_scores(rows: list[DivisionRow], thresholds: Thresholds) -> tuple[dict[int, float], list[tuple[int, int, float]]]:
    """Calibrated score of each row's own task × measure pair, and near-duplicate measure pairs."""
    scored = [n for n, row in enumerate(rows) if row.upper_task and row.has_measure]
    measured = [n for n, row in enumerate(rows) if row.has_measure]
    if not measured:
        return {}, []
    # No row has both a task and a measure: an empty task stands in as the upper side, so the
    # measures are still compared with each other for near-duplicates.
    tasks = [_row_item(rows[n], n, rows[n].upper_task, "t") for n in scored] or [_row_item(rows[0], 0, "", "t")]
    measures = [_row_item(rows[n], n, rows[n].lower_measure, "m") for n in measured]
    raw, scores = score_documents(tasks, measures, LEXICAL, duplicate_threshold=thresholds.duplicate)
    column = {n: c for c, n in enumerate(measured)}
    pair = {n: round(float(raw[r, column[n]]), 4) for r, n in enumerate(scored)}
    near = [(measured[i], measured[j], value) for i, j, value in scores.lower_duplicates]
    return pair, near


def _repeated(rows: list[DivisionRow], near: list[tuple[int, int, float]]) -> list[RepeatedMeasure]:
    parent = list(range(len(rows)))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    by_text: dict[str, list[int]] = defaultdict(list)
    for n, row in enumerate(rows):
        if row.has_measure:
            by_text["".join(ch for ch in matching_key(row.lower_measure) if ch.isalnum())].append(n)
    pairs = [(group[0], other, 1.0) for group in by_text.values() for other in group[1:]] + near
    for a, b, _ in pairs:
        parent[find(a)] = find(b)
    lowest: dict[int, float] = {}  # group root -> lowest similarity of a pair inside the group
    for a, _, value in pairs:
        root = find(a)
        lowest[root] = min(value, lowest.get(root, value))
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(rows)):
        groups[find(n)].append(n)
    found: list[RepeatedMeasure] = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        tasks = {matching_key(rows[n].upper_task) for n in members if rows[n].upper_task}
        found.append(RepeatedMeasure(tuple(rows[n] for n in members), round(lowest[root], 4), len(tasks)))
    return sorted(found, key=lambda r: r.rows[0].source.index)


def _name_variants(rows: list[DivisionRow]) -> list[NameVariant]:
    where: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for name in split_units(row.departments):
            where[name].append(row.location)
    variants: list[NameVariant] = []
    for canonical, spellings in naming_variants(where):
        variants.append(NameVariant(canonical, tuple((s, tuple(dict.fromkeys(where.get(s, [])))) for s in spellings)))
    return variants


def _not_applicable(
    table: DivisionTable, rows: list[DivisionRow], notes: dict[int, str], ups: list[Item], matched: set[str]
) -> list[NotApplicableTask]:
    remark = "；".join(table.remarks)
    by_number: dict[int, Item] = {}
    for item in ups:
        value = label_value(matching_key(item.label)) if item.label else None
        if value is not None:
            by_number.setdefault(value, item)
    found = [NotApplicableTask(n, by_number.get(n), remark) for n in table.not_applicable if by_number.get(n) is None or by_number[n].id not in matched]
    listed = set(table.not_applicable)
    for n, note in notes.items():
        row = rows[n]
        if row.upper_number not in listed:
            found.append(NotApplicableTask(row.upper_number, by_number.get(row.upper_number or -1), f"{row.location}：{note}"))
    return found


def audit_division_table(
    table: DivisionTable, upper: Document | None, *, thresholds: Thresholds = PRESETS["lexical"][Sensitivity.BALANCED]
) -> AuditReport:
    """Check a 分工方案 table, against the upper document when one is given."""
    rows = list(table.rows)
    ups = content_items(upper) if upper is not None else []
    matches = _match_rows(rows, ups, thresholds) if upper is not None else [RowMatch(row, None, 0.0) for row in rows]
    matched = {m.upper.id for m in matches if m.upper is not None}
    marked = {n: note for n, row in enumerate(rows) if (note := _row_marked_not_applicable(row))}
    not_applicable = _not_applicable(table, rows, marked, ups, matched)
    na_ids = {t.item.id for t in not_applicable if t.item is not None}
    missing = [MissingTask(item) for item in ups if item.id not in matched and item.id not in na_ids]
    pair, near = _pair_scores(rows, thresholds)
    weak = [WeakRow(rows[n], score) for n, score in pair.items() if score < thresholds.link and n not in marked]
    incomplete: list[IncompleteRow] = []
    for n, row in enumerate(rows):
        if n in marked:
            continue
        if not row.upper_task:
            incomplete.append(IncompleteRow(row, "无上级任务"))
        if not row.has_measure:
            incomplete.append(IncompleteRow(row, "无本级措施"))
        elif table.columns.departments and not split_units(row.departments):
            incomplete.append(IncompleteRow(row, "无负责部门"))
    return AuditReport(
        table=table,
        upper_title=upper.title if upper is not None else "",
        thresholds=thresholds,
        matches=tuple(matches),
        missing=tuple(missing),
        not_applicable=tuple(not_applicable),
        weak=tuple(weak),
        incomplete=tuple(incomplete),
        repeated=tuple(_repeated(rows, near)),
        name_variants=tuple(_name_variants(rows)),
    )


__all__ = [
    "AuditReport",
    "MissingTask",
    "NameVariant",
    "NotApplicableTask",
    "RepeatedMeasure",
    "RowMatch",
    "IncompleteRow",
    "WeakRow",
    "audit_division_table",
]

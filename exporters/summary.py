"""Titles and the summary sentence that the Excel and Word exports share."""
from __future__ import annotations

from pathlib import Path

from compare.alignment import meaning
from compare.alignment.align import content_items
from compare.alignment.crosswalk import Coverage, Crosswalk, Link
from compare.documents.model import Document

AUTHOR = "对标"


def document_name(doc: Document) -> str:
    return doc.title.strip() or Path(doc.source_path).stem or "未命名文件"


def report_title(cw: Crosswalk) -> str:
    return f"《{document_name(cw.lower)}》对标情况"


MANUAL_SCORE = "人工"  # the 匹配度 of a reviewer's own link: a judgement, not a match degree


def whole_percent(value: float) -> int:
    """A 0–100 figure as a whole percent that never claims 0 or 100 it did not reach: a clerk
    reads "100%" as "nothing missing" (99.7 → 99, 0.3 → 1)."""
    rounded = round(value)
    if rounded >= 100 and value < 100:
        return 99
    if rounded <= 0 < value:
        return 1
    return rounded


def percent(value: float) -> str:
    """A 0–100 figure as every view prints it, scores and coverage alike: "71%"."""
    return f"{whole_percent(value)}%"


def score_text(link: Link) -> str:
    """A link's 匹配度: "71%", or 人工 for a reviewer's own link, which has no score."""
    return MANUAL_SCORE if link.score is None else percent(100 * link.score)


def method_sentence(cw: Crosswalk) -> str:
    """What the links rest on: shared words and the sentence model, or shared words alone and why."""
    if cw.thresholds.model == "meaning":
        return "比对依据：共有词句，以及语义模型判断的意思相近程度。"
    reason = meaning.unavailable_reason(len(content_items(cw.upper)), len(content_items(cw.lower)))
    return f"比对依据：仅共有词句（{reason or '未使用语义比对'}）。"


def summary_sentence(cw: Crosswalk) -> str:
    cov = cw.coverage()
    measures = len(cw.lower.leaves)
    text = (
        f"上级文件《{document_name(cw.upper)}》共列任务{cov.tasks}项，"
        f"本级文件《{document_name(cw.lower)}》共列措施{measures}项。"
        f"经逐项对标，已覆盖{cov.covered}项，弱覆盖{cov.weak}项，缺口{cov.gaps}项，"
        f"不适用{cov.not_applicable}项，覆盖率{percent(cov.percent)}（含弱覆盖{percent(cov.percent_with_weak)}）；"
        f"本级新增措施{len(cw.lower_extras)}项，一项措施对应多项任务的{len(cw.overlaps)}项"
    )
    if cw.duplicates:
        text += f"，疑似重复条目{len(cw.duplicates)}对"
    return text + "。" + method_sentence(cw)


# The coverage table of the workbook's 统计 sheet and the report: three honest numbers (covered,
# weak, gaps), 覆盖率 counting covered tasks only and 含弱覆盖 beside it.
COVERAGE_HEADERS = ("方面", "任务数", "已覆盖", "弱覆盖", "缺口", "不适用", "覆盖率", "含弱覆盖")


def coverage_lines(cw: Crosswalk) -> list[tuple[str, Coverage]]:
    """(方面, its coverage) per top-level section of the upper document, then ("合计", overall)."""
    lines = [(section or "（未分组）", cw.coverage(section)) for section in cw.sections()]
    return lines + [("合计", cw.coverage())]


def coverage_counts(cov: Coverage) -> tuple[int, int, int, int, int]:
    """任务数, 已覆盖, 弱覆盖, 缺口, 不适用."""
    return (cov.tasks, cov.covered, cov.weak, cov.gaps, cov.not_applicable)


def coverage_sentence(cw: Crosswalk) -> str:
    """One line for the command line: the three honest numbers and what else was found."""
    cov = cw.coverage()
    if not cov.applicable:
        return "上级文件中没有可对标的任务（见读取提示），未计算覆盖率。"
    return (
        f"上级任务 {cov.tasks} 项：已覆盖 {cov.covered} 项，弱覆盖 {cov.weak} 项，缺口 {cov.gaps} 项"
        + (f"，不适用 {cov.not_applicable} 项" if cov.not_applicable else "")
        + f"；覆盖率 {percent(cov.percent)}（含弱覆盖 {percent(cov.percent_with_weak)}）；"
        f"本级新增 {len(cw.lower_extras)} 项，一对多 {len(cw.overlaps)} 项。"
    )

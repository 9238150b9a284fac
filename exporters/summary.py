"""Titles and the summary sentence that the Excel and Word exports share."""
from __future__ import annotations

from pathlib import Path

from compare.alignment.crosswalk import Crosswalk, Link
from compare.documents.model import Document

AUTHOR = "对标"


def document_name(doc: Document) -> str:
    return doc.title.strip() or Path(doc.source_path).stem or "未命名文件"


def report_title(cw: Crosswalk) -> str:
    return f"《{document_name(cw.lower)}》对标情况"


def percent(value: float) -> str:
    """A percentage as a clerk writes it: 75%, 66.7%."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def score_text(link: Link) -> str:
    """A link's match degree as shown in tables: "人工" for a reviewer's own link, which has none."""
    return "人工" if link.score is None else percent(100 * link.score)


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
    return text + "。"

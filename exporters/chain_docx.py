"""Chain -> .docx: the report of a multi-level 对标 (national → provincial → district …).

Portrait: title, a summary paragraph, coverage per level pair and end to end, the first-level
tasks whose chain breaks; then one landscape section per level pair with its 对照表.
"""
from __future__ import annotations

import datetime
from pathlib import Path


from compare.analyses.cascade import Chain, ChainCoverage, ChainOutcome
from compare.atomic_write import write_atomic
from exporters.chain_tables import (
    chain_title,
    end_to_end_table,
    level_name,
    level_numbers,
    levels_sentence,
    outcome_text,
    pair_coverage_table,
    pair_name,
    reached_numbers,
)
from exporters.docx_export import add_crosswalk_section, numbered
from exporters.docx_layout import ReportFile, chinese_ordinal, new_report
from exporters.docx_plain import add_plain_table
from exporters.sanitize import xml_text
from exporters.summary import document_name, percent, summary_sentence


def export_chain_docx(chain: Chain, path: str | Path, *, redline: bool = False) -> Path:
    """Write the chain report to `path` atomically and return the path."""
    return write_atomic(path, build_chain_document(chain, redline=redline).save)


def chain_summary(chain: Chain, cov: ChainCoverage) -> str:
    """The opening paragraph: the levels and the end-to-end counts of `cov` (`chain.coverage()`)."""
    last = level_name(chain.levels - 1)
    text = (
        f"本次逐级对标共{chain.levels}级文件，{levels_sentence(chain)}"
        f"{level_name(0)}文件共列任务{cov.tasks}项，经逐级对应落实到{last}的{cov.reached}项，"
        f"贯通率{percent(cov.percent)}"
    )
    breaks = "，".join(f"断在{level_name(n + 1)}{count}项" for n, count in enumerate(cov.broken_at) if count)
    if breaks:
        text += f"；{breaks}"
    if cov.not_applicable:
        text += f"；不适用{cov.not_applicable}项"
    if cov.partial:
        text += f"；已贯通的任务中有{cov.partial}项部分分支未向下落实"
    return text + "。"


def build_chain_document(chain: Chain, *, today: datetime.date | None = None, redline: bool = False) -> ReportFile:
    chains = chain.end_to_end()
    cov = chain.coverage(chains)
    report = new_report(chain_title(chain), today)
    document = report.document
    document.add_paragraph(xml_text(chain_summary(chain, cov)))
    document.add_paragraph("一、覆盖情况", style="Heading 1")
    add_plain_table(report, pair_coverage_table(chain), "（一）逐级覆盖", landscape=False)
    add_plain_table(report, end_to_end_table(chain, cov), "（二）逐级贯通", landscape=False)

    document.add_paragraph("二、未贯通的任务", style="Heading 1")
    first = chain.documents[0].index()
    numbers = level_numbers(chain)
    broken = [c for c in chains if c.outcome is ChainOutcome.BROKEN]
    if not broken:
        document.add_paragraph(f"{level_name(0)}文件的任务均已落实到{level_name(chain.levels - 1)}或注明不适用。")
    for n, task in enumerate(broken, start=1):
        path = "；".join(f"{level_name(level)}：{reached}" for level, reached in enumerate(reached_numbers(task, numbers), start=1))
        item = first[task.task]
        numbered(document, n, item, item.section, path, outcome_text(task))

    for n, step in enumerate(chain.steps):
        heading = f"{chinese_ordinal(n + 3)}、{pair_name(n)}对照情况（《{document_name(step.upper)}》→《{document_name(step.lower)}》）"
        add_crosswalk_section(report, step, heading, intro=summary_sentence(step), redline=redline)
    return report


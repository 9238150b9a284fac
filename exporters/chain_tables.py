"""The tables of a chain export as `PlainTable`s: one row per first-level task followed down the
chain (链条), coverage per level pair, and the end-to-end counts. The chain workbook and the
chain report draw them in the house style."""
from __future__ import annotations

from collections.abc import Sequence

from compare.analyses.cascade import Chain, ChainCoverage, ChainOutcome, TaskChain
from exporters.plain_table import PlainColumn, PlainTable, shorten
from exporters.summary import document_name, percent
from exporters.targets_table import ItemNumbers

_INVALID_SHEET_CHARS = frozenset("[]:*?/\\")
_TASK_CHARS = 80  # task text in the 链条 sheet: enough to recognise it, short enough to print


def chain_title(chain: Chain) -> str:
    return f"《{document_name(chain.documents[-1])}》逐级对标情况"


def level_name(n: int) -> str:
    """"第2级" for documents[1]."""
    return f"第{n + 1}级"


def pair_name(n: int) -> str:
    """The level pair of step `n` as a clerk names it: 第1级→第2级."""
    return f"{level_name(n)}→{level_name(n + 1)}"


def pair_sheet_name(chain: Chain, n: int) -> str:
    """"对照表1 国家→省" when both titles fit in a sheet name (31 characters), else "对照表1 第1级→第2级"."""
    upper, lower = document_name(chain.documents[n]), document_name(chain.documents[n + 1])
    named = f"对照表{n + 1} {upper}→{lower}"
    if len(named) <= 31 and not _INVALID_SHEET_CHARS & set(named):
        return named
    return f"对照表{n + 1} {pair_name(n)}"


def outcome_text(task: TaskChain) -> str:
    if task.outcome is ChainOutcome.BROKEN and task.broken_at is not None:
        return f"{task.outcome.label}（{level_name(task.broken_at)}）"
    return task.outcome.label


def levels_sentence(chain: Chain) -> str:
    """"第1级为《…》，第2级为《…》。"""
    return "，".join(f"{level_name(n)}为《{document_name(d)}》" for n, d in enumerate(chain.documents)) + "。"


def level_numbers(chain: Chain) -> list[ItemNumbers]:
    """The printed numbers of each level's items, for `reached_numbers`."""
    return [ItemNumbers(document) for document in chain.documents]


def reached_numbers(task: TaskChain, numbers: Sequence[ItemNumbers]) -> list[str]:
    """The printed numbers of the items `task` reaches, one string per level below the first,
    down to where its chain stops (`numbers` from `level_numbers`)."""
    return ["、".join(numbers[level](i) for i in ids) for level, ids in enumerate(task.reached[1:], start=1)]


def chain_table(chain: Chain, tasks: Sequence[TaskChain]) -> PlainTable:
    """One row per task of `tasks` (`chain.end_to_end()`, in its order)."""
    first = chain.documents[0].index()
    numbers = level_numbers(chain)
    rows = []
    for n, task in enumerate(tasks, start=1):
        reached = reached_numbers(task, numbers)
        reached += [""] * (chain.levels - 1 - len(reached))
        item = first[task.task]
        rows.append((n, shorten(item.display, _TASK_CHARS), *reached, outcome_text(task), "是" if task.partial else ""))
    return PlainTable(
        title="链条",
        columns=(
            PlainColumn("序号", 5, 6, centre=True),
            PlainColumn(f"{level_name(0)}任务", 30, 44),
            *(PlainColumn(f"{level_name(n)}对应条目", 10, 24) for n in range(1, chain.levels)),
            PlainColumn("贯通情况", 10, 14, centre=True),
            PlainColumn("部分分支中断", 8, 10, centre=True),
        ),
        rows=tuple(rows),
        note=levels_sentence(chain)
        + f"“贯通”指该任务经逐级对应落实到{level_name(chain.levels - 1)}；“断开（第n级）”指第n级文件中没有对应条目；"
        "“部分分支中断”指已贯通，但途中有的对应条目未再向下落实。",
    )


def pair_coverage_table(chain: Chain) -> PlainTable:
    rows = []
    for n, step in enumerate(chain.steps):
        cov = step.coverage()
        rows.append((pair_name(n), cov.tasks, cov.covered, cov.weak, cov.gaps, cov.not_applicable, percent(cov.percent)))
    return PlainTable(
        title="逐级覆盖",
        columns=(
            PlainColumn("对照层级", 12, 24, centre=True),
            PlainColumn("任务数", 7, 8, centre=True),
            PlainColumn("已覆盖", 7, 8, centre=True),
            PlainColumn("弱覆盖", 7, 8, centre=True),
            PlainColumn("缺口", 6, 8, centre=True),
            PlainColumn("不适用", 7, 8, centre=True),
            PlainColumn("覆盖率", 8, 9, centre=True),
        ),
        rows=tuple(rows),
        note=levels_sentence(chain) + "每一级对照中，上级任务在下一级文件中的覆盖情况；覆盖率只计已覆盖（不含弱覆盖），不计不适用任务。",
    )


def end_to_end_table(chain: Chain, cov: ChainCoverage) -> PlainTable:
    """The end-to-end counts of `cov` (`chain.coverage()`)."""
    last = level_name(chain.levels - 1)

    def share(count: int) -> str:
        return percent(100 * count / cov.tasks) if cov.tasks else ""

    rows: list[tuple[object, ...]] = [
        (f"{level_name(0)}任务", cov.tasks, ""),
        (f"贯通到{last}", cov.reached, share(cov.reached)),
        ("其中部分分支中断", cov.partial, share(cov.partial)),
    ]
    rows += [(f"断在{level_name(n + 1)}", count, share(count)) for n, count in enumerate(cov.broken_at)]
    rows += [
        ("不适用", cov.not_applicable, share(cov.not_applicable)),
        ("贯通率（不计不适用）", None, percent(cov.percent)),
    ]
    return PlainTable(
        title="逐级贯通",
        columns=(PlainColumn("项目", 20, 24), PlainColumn("任务数", 8, 8, centre=True), PlainColumn("占比", 8, 9, centre=True)),
        rows=tuple(rows),
        note=f"{level_name(0)}文件的每项任务沿对应关系逐级向下追踪，落实到{last}的为贯通。",
    )

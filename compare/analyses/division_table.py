"""An existing 分工方案 table read into rows: upper task, upper division, lower measure, departments.

Sources: a table in an .xlsx or .docx file (through the project's readers, which already continue
a merged cell down the rows it spans), or text holding the table flattened to lines — one line
per row, cells either separated (tab, |, wide spaces) or run together as web pages print them
("1一、统筹…1.建立…。国家发改委理顺…。区卫健委1.配合…"). Run-together rows are split with
the header row and the 序号 cells for the row boundaries, and with the shape of the cells for
the column boundaries: an upper task opens with its number, a division or department cell is a
list of unit names, an assistance cell opens with a number or closes with the units in brackets.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from compare.errors import ReadError
from compare.documents.furniture import is_furniture
from compare.documents.model import Block, RawDocument, Source
from compare.documents.normalize import matching_key
from compare.documents.numbering import CN_DIGITS, chinese_to_int
from compare.documents.readers import ReadOptions, read_raw

# Roles of the columns, in the order a 分工方案 prints them, with their Chinese names.
ROLE_NAMES = {
    "number": "序号",
    "section": "方面",
    "upper_task": "上级任务",
    "upper_division": "上级分工",
    "lower_measure": "本级措施",
    "departments": "负责部门",
    "assistance": "需上级协助事项",
}
# Header words of each role, tried in this order so that "需市级部门协助…分工" is assistance,
# not departments or division, and "重点任务具体措施" is the measure, not the task.
_ROLE_HEADERS = (
    ("number", re.compile(r"序号|编号|^序$|^no\.?$", re.IGNORECASE)),
    ("section", re.compile(r"方面|类别|领域|板块|分类|分组")),
    ("assistance", re.compile(r"协助|配合|需.{0,4}(?:上级|市级|省级|国家|部门)|支持事项|协调事项")),
    ("upper_division", re.compile(r"(?:国家|上级|中央|省级|市级|部委)分工|^分工$|牵头部门|牵头单位")),
    ("departments", re.compile(r"负责|责任|承办|落实部门|落实单位|^部门$|^单位$")),
    ("lower_measure", re.compile(r"措施|举措|本级|本区|本市|落实")),
    ("upper_task", re.compile(r"任务|上级|国家|条款|要求|政策")),
)
# A header run together into one line ("序号方面…重点任务国家分工…具体措施新区负责部门需…"):
# each role ends at its anchor word, searched in the printed order.
_HEADER_ANCHORS = (
    ("number", re.compile(r"序号|编号")),
    ("section", re.compile(r"方面|类别|领域|板块")),
    ("upper_task", re.compile(r"任务|条款")),
    ("upper_division", re.compile(r"分工|牵头部门|牵头单位")),
    ("lower_measure", re.compile(r"措施|举措")),
    ("departments", re.compile(r"负责部门|责任单位|责任部门|负责单位|承办单位|部门|单位")),
    ("assistance", re.compile(r".*(?:协助|配合|支持)[^序]*$")),
)
_NOT_APPLICABLE = re.compile(r"不涉及|不适用|无需落实|不需落实|不再落实|无此项")
# "第26-28项", "第3、5、7项", "第26至28条", "第二十六项": the numbers named in a 不适用 remark.
_NUMBERED_SPAN = re.compile(rf"第\s*([\d{CN_DIGITS}\s、,，\-－—–~～至到和及]+?)\s*[项条]")
_PLACEHOLDER = re.compile(r"^[\s\-—–─_/、.。·…无]*$")

# Cells run together: the shapes that tell where one cell ends and the next begins.
_TASK_LABEL = re.compile(r"\d{1,3}\s*[.、](?!\d)")
_SECTION_LABEL = re.compile(rf"[{CN_DIGITS}]{{1,3}}[、.]")
_UNIT_SUFFIX = (
    r"(?:管委会|指挥部|委员会|领导小组|总局|总署|分局|集团|政府|新区|中心|街镇|街道|单位|公司|"
    r"银行|分行|部|委|局|办|署|会|院|厅|处|室|所|站|队|团|组|镇|城)"
)
_UNIT_END = re.compile(_UNIT_SUFFIX + "$")
_LONG_SUFFIX = re.compile(r"(?:管委会|委员会|指挥部|领导小组|总局|总署|分局|分行|银行|集团|政府|中心|街镇|街道|公司)$")
# Sentences of a task or measure open with a verb; a unit name never does.
_VERB_START = re.compile(
    r"^(?:研究|推进|推动|支持|加快|加强|加大|指导|完善|建立|健全|鼓励|探索|开展|实施|落实|提升|优化|拓展|坚持|启动|"
    r"创新|积极|按照|根据|结合|依托|围绕|做好|抓好|确保|持续|继续|进一步|深化|统筹|组织|配合|协调|争取|申报|制定|出台|"
    r"编制|建设|打造|培育|引导|发挥|强化|扩大|促进|保障|聚焦|用好|梳理|分析|调查|运行|构建|理顺|成立|对照|借鉴|复制|"
    r"利用|通过|全面|大力|及时|认真|切实|着力|重点|逐步|力争|在|对|以|将|把|为|从|与|由|向|于)"
)
_SEPARATORS = "、,;；"
_MAX_UNIT = 16  # a unit name at the head of a longer cell
_MAX_WHOLE_UNIT = 12  # a whole segment between separators
_ASSISTANCE_START = re.compile(r"^\d{1,2}\s*[.、](?!\d)")
_ASSISTANCE_END = re.compile(r"\)\s*[。.;；]?\s*$")
_CELL_SPLIT = re.compile(r"\t|\s*\|\s*|\s{2,}")


@dataclass(frozen=True, slots=True)
class DivisionColumns:
    """Which header of the table holds each role; None when the table has no such column."""

    number: str | None = None
    section: str | None = None
    upper_task: str | None = None
    upper_division: str | None = None
    lower_measure: str | None = None
    departments: str | None = None
    assistance: str | None = None

    def describe(self) -> str:
        named = [f"{ROLE_NAMES[f.name]}=“{getattr(self, f.name)}”" for f in fields(self) if getattr(self, f.name)]
        return "；".join(named)


@dataclass(frozen=True, slots=True)
class DivisionRow:
    number: str  # the printed 序号, "" when the table has none
    section: str  # 方面, continued from the row that printed it
    upper_task: str  # without its printed number
    upper_number: int | None  # the number the upper task is printed with ("29." -> 29)
    upper_division: str
    lower_measure: str
    departments: str
    assistance: str
    source: Source

    @property
    def has_measure(self) -> bool:
        return not _PLACEHOLDER.match(self.lower_measure)

    @property
    def location(self) -> str:
        return f"序号{self.number}" if self.number else self.source.describe()


@dataclass(frozen=True, slots=True)
class DivisionTable:
    path: str
    columns: DivisionColumns
    rows: tuple[DivisionRow, ...]
    not_applicable: tuple[int, ...] = ()  # upper task numbers a remark marks 不涉及 / 不适用
    remarks: tuple[str, ...] = ()  # the remarks those numbers come from
    warnings: tuple[str, ...] = ()


# --- columns ------------------------------------------------------------------------------------


def guess_columns(headers: Sequence[str], overrides: Mapping[str, str] | None = None) -> DivisionColumns:
    """Each role's header, guessed from the header words; `overrides` maps a role to a header by name."""
    chosen: dict[str, str] = {}
    for header in headers:
        key = matching_key(header).replace(" ", "")
        for role, pattern in _ROLE_HEADERS:
            if role not in chosen and pattern.search(key):
                chosen[role] = header
                break
    for role, header in (overrides or {}).items():
        if role not in ROLE_NAMES:
            raise ValueError(f"unknown column role {role!r}")
        chosen = {r: h for r, h in chosen.items() if h != header}
        chosen[role] = header
    return DivisionColumns(**chosen)


def _check_columns(path: Path, columns: DivisionColumns, headers: Sequence[str], overrides: Mapping[str, str] | None) -> None:
    listed = "、".join(f"“{h}”" for h in headers if h) or "（无）"
    for role, header in (overrides or {}).items():
        if header not in headers:
            raise ReadError(
                path, f"表格中没有名为“{header}”的列（现有的列：{listed}）", f"请从现有的列中重新指定“{ROLE_NAMES[role]}”列"
            )
    missing = [ROLE_NAMES[r] for r in ("upper_task", "lower_measure") if getattr(columns, r) is None]
    if missing:
        raise ReadError(
            path,
            f"没有识别出分工方案的“{'”“'.join(missing)}”列（找到的列：{listed}）",
            "请把表头改为“上级任务”“本级措施”“负责部门”等名称，或在打开选项中指定对应的列",
        )


# --- .xlsx / .docx ------------------------------------------------------------------------------


def _row_key(block: Block) -> tuple[int | None, str | None, int]:
    return (block.source.table, block.source.sheet, block.source.index)


def _rows_from_blocks(path: Path, raw: RawDocument, options: ReadOptions, overrides: Mapping[str, str] | None) -> DivisionTable:
    table_blocks = [b for b in raw.blocks if b.cells]
    if not table_blocks:
        raise ReadError(path, "文件中没有表格", "请打开含有分工方案表格的 Word 或 Excel 文件，或在 Word 中把文字转换成表格")
    groups: dict[tuple[int | None, str | None], list[Block]] = {}
    for block in table_blocks:
        groups.setdefault((block.source.table, block.source.sheet), []).append(block)
    # The first table that holds both a task and a measure column is the 分工方案.
    chosen: tuple[tuple[int | None, str | None], DivisionColumns, list[str]] | None = None
    for where, blocks in groups.items():
        headers = list(dict.fromkeys(h for b in blocks for h, _ in b.cells))
        columns = guess_columns(headers, overrides if overrides and set(overrides.values()) <= set(headers) else None)
        if columns.upper_task and columns.lower_measure:
            chosen = (where, columns, headers)
            break
    if chosen is None:
        all_headers = list(dict.fromkeys(h for b in table_blocks for h, _ in b.cells))
        _check_columns(path, guess_columns(all_headers, None), all_headers, overrides)
        raise ReadError(path, "没有找到同时含有“上级任务”和“本级措施”两列的表格", "请在打开选项中指定对应的列")
    where, columns, headers = chosen
    assert columns.upper_task is not None and columns.lower_measure is not None
    _check_columns(path, columns, headers, overrides)
    # The reader keeps only rows whose item-text column is filled: read once with the measure and
    # once with the task as that column, so a task without a measure (and the reverse) is kept.
    by_row: dict[tuple[int | None, str | None, int], Block] = {}
    for text_column in (columns.lower_measure, columns.upper_task):
        again = read_raw(path, replace(options, text_column=text_column, label_column=columns.number, section_column=columns.section))
        for block in again.blocks:
            if block.cells and (block.source.table, block.source.sheet) == where:
                by_row.setdefault(_row_key(block), block)
    rows = [_row_from_cells(dict(block.cells), columns, block.source) for _, block in sorted(by_row.items(), key=lambda kv: kv[0][2])]
    texts = [b.text for b in raw.blocks if not b.cells] + [v for b in table_blocks for _, v in b.cells]
    numbers, remarks = not_applicable_numbers(texts)
    return DivisionTable(str(path), columns, tuple(rows), numbers, remarks, raw.warnings)


def _row_from_cells(cells: Mapping[str, str], columns: DivisionColumns, source: Source) -> DivisionRow:
    def cell(role: str) -> str:
        header = getattr(columns, role)
        return cells.get(header, "").strip() if header else ""

    task, number = _split_task_label(cell("upper_task"))
    return DivisionRow(
        number=cell("number"),
        section=cell("section"),
        upper_task=task,
        upper_number=number,
        upper_division=cell("upper_division"),
        lower_measure=cell("lower_measure"),
        departments=cell("departments"),
        assistance=cell("assistance"),
        source=source,
    )


def _split_task_label(text: str) -> tuple[str, int | None]:
    m = _TASK_LABEL.match(matching_key(text))
    if not m:
        return text, None
    return text[m.end() :].strip(), int(re.sub(r"\D", "", m.group()))


# --- remarks ------------------------------------------------------------------------------------


def _span_numbers(span: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"[、,，和及\s]+", span):
        ends = [p for p in re.split(r"[-－—–~～至到]", part) if p]
        values = [int(e) if e.isdigit() else chinese_to_int(e) for e in ends]
        if not values or any(v is None for v in values):
            continue
        low, high = values[0], values[-1]
        assert low is not None and high is not None
        if low <= high <= low + 200:
            numbers.extend(range(low, high + 1))
    return numbers


def not_applicable_numbers(texts: Sequence[str]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Upper task numbers that a remark marks as not concerning this level ("第26-28项不涉及…")."""
    numbers: set[int] = set()
    remarks: list[str] = []
    for text in texts:
        key = matching_key(text)
        for sentence_match in re.finditer(r"[^。;；\n]+", key):
            sentence = sentence_match.group()
            if not _NOT_APPLICABLE.search(sentence):
                continue
            found = [n for m in _NUMBERED_SPAN.finditer(sentence) for n in _span_numbers(m.group(1))]
            if found:
                numbers.update(found)
                remarks.append(text[sentence_match.start() : sentence_match.end()].strip())
    return tuple(sorted(numbers)), tuple(dict.fromkeys(remarks))


# --- flattened text -----------------------------------------------------------------------------


def _header_roles(key: str) -> list[tuple[str, str]] | None:
    """(role, header text) of a header line; None when the line is not a 分工方案 header."""
    cells = [c for c in _CELL_SPLIT.split(key.strip()) if c]
    if len(cells) >= 3:
        columns = guess_columns(cells)
        roles = {getattr(columns, r): r for r in ROLE_NAMES if getattr(columns, r)}
        if columns.upper_task and columns.lower_measure:
            return [(roles.get(c, ""), c) for c in cells]
        return None
    if len(key) > 150 or "《" in key:
        return None
    found: list[tuple[str, str]] = []
    pos = 0
    for role, anchor in _HEADER_ANCHORS:
        m = anchor.search(key, pos)
        if m and (role != "assistance" or m.start() == pos):
            found.append((role, key[pos : m.end()] if role != "assistance" else key[pos:]))
            pos = m.end() if role != "assistance" else len(key)
    roles = {r for r, _ in found}
    if {"upper_task", "lower_measure"} <= roles and len(roles) >= 3 and pos >= len(key) - 2:
        return found
    return None


def _unit_ends(key: str, start: int, limit: int) -> list[int]:
    """Ends of the unit names that open `key[start:limit]`, shortest first."""
    head = key[start : min(limit, start + _MAX_UNIT)]
    if not head or _VERB_START.match(head) or "的" in head[:4]:
        return []
    ends: list[int] = []
    for n in range(2, len(head) + 1):
        part = head[:n]
        if re.search(r"[。()“”《》:]", part) or "的" in part:
            break
        if _UNIT_END.search(part):
            ends.append(start + n)
    # "管委" + "会": a name does not end one character before a longer suffix completes it.
    return [e for e in ends if not (e + 1 in ends and (m := _LONG_SUFFIX.search(key, start, e + 1)) and m.start() < e - 1)]


def _is_unit(segment: str) -> bool:
    """A whole cell segment between separators that reads as one unit name."""
    segment = segment.strip()
    if not segment or _PLACEHOLDER.match(segment):
        return bool(segment)
    if len(segment) > _MAX_WHOLE_UNIT or _VERB_START.match(segment) or re.search(r"[。()“”《》:的,，]", segment):
        return False
    # "国家发改委利用…": a unit name followed by a verb is the start of a sentence, not a name.
    if any(_UNIT_END.search(segment[:n]) and _VERB_START.match(segment[n:]) for n in range(2, len(segment))):
        return False
    return bool(_UNIT_END.search(segment)) or len(segment) <= 6


@dataclass(frozen=True, slots=True)
class _UnitList:
    end: int
    certain: bool  # several names, a list reaching the end of the row, or a numbered cell after it


def _unit_list(key: str, start: int, *, separators: str, tail_check: bool) -> _UnitList | None:
    """A list of unit names that starts at `start` and runs to the end or into other text.

    With `tail_check`, text after the list must read as an assistance cell (numbered, or closing
    with the helping units in brackets)."""
    pos = start
    names = 0
    while pos < len(key):
        stop = next((i for i in range(pos, len(key)) if key[i] in _SEPARATORS + ",，。(:\n"), len(key))
        segment = key[pos:stop]
        if stop == len(key) and _is_unit(segment):
            return _UnitList(len(key), True)
        if stop < len(key) and key[stop] in separators and _is_unit(segment):
            pos = stop + 1
            names += 1
            continue
        ends = _unit_ends(key, pos, stop)
        if not ends:
            return None
        if not tail_check:
            return _UnitList(ends[0], names > 0)
        numbered = [e for e in ends if _ASSISTANCE_START.match(key[e:])]
        if numbered:
            return _UnitList(numbered[-1], True)
        if _ASSISTANCE_END.search(key[ends[0] :]):
            return _UnitList(ends[0], names > 0)
        return None
    return _UnitList(len(key), names > 0) if pos > start else None


def _sentence_ends(key: str, start: int) -> list[int]:
    return [m.end() for m in re.finditer(r"。", key) if m.start() >= start]


def _split_run(text: str, roles: Sequence[str], labelled_tasks: bool) -> dict[str, str]:
    """The cells of one row whose cells were run together (the 序号 already taken off)."""
    key = matching_key(text)
    cells: dict[str, str] = {}
    pos = 0
    if "section" in roles and (section := _SECTION_LABEL.match(key)):
        task_at = _TASK_LABEL.search(key, section.end())
        end = task_at.start() if task_at else len(key)
        cells["section"] = text[:end].strip()
        pos = end
    has_task = bool(_TASK_LABEL.match(key, pos)) if labelled_tasks else True
    measure_start = pos
    if has_task and "upper_task" in roles:
        task_end = None
        sentence_ends = _sentence_ends(key, pos)
        if "upper_division" in roles:
            for end in sentence_ends:
                division = _unit_list(key, end, separators="、", tail_check=False)
                if division is not None and division.end < len(key):
                    task_end = end
                    cells["upper_division"] = text[end : division.end].strip()
                    measure_start = division.end
                    break
        if task_end is None:
            task_end = sentence_ends[0] if sentence_ends else len(key)
            measure_start = task_end
        cells["upper_task"] = text[pos:task_end].strip()
    measure_end = len(key)
    if "departments" in roles:
        starts = ([measure_start] if measure_start < len(key) and not has_task else []) + _sentence_ends(key, measure_start)
        found = [(end, found) for end in starts if (found := _unit_list(key, end, separators=_SEPARATORS, tail_check="assistance" in roles))]
        # A lone name before bracketed text may open a measure sentence ("滨海新区做好…(市…)"):
        # a certain list later in the row wins over it.
        best = next((f for f in found if f[1].certain), found[0] if found else None)
        if best is not None:
            end, units = best
            measure_end = end
            cells["departments"] = text[end : units.end].strip()
            cells["assistance"] = text[units.end :].strip()
    cells["lower_measure"] = text[measure_start:measure_end].strip()
    return cells


def _row_start(key: str, expected: int | None) -> tuple[str, str] | None:
    """(序号, rest) when the line opens a new row: it starts with the next 序号 (or, for the
    first row, any number), not followed by the dot of a label ("2.帮助…" continues a cell)."""
    m = re.match(r"\d{1,3}", key)
    if not m:
        return None
    digits = m.group()
    candidates = [digits[:n] for n in range(len(digits), 0, -1)]
    for serial in candidates:
        if expected is not None and int(serial) != expected:
            continue
        rest = key[len(serial) :]
        if re.match(r"\s*[.、,，)]", rest):
            continue
        if rest[:1].isdigit() and not _TASK_LABEL.match(rest):
            continue
        return serial, rest
    return None


def _rows_from_text(path: Path, raw: RawDocument, overrides: Mapping[str, str] | None) -> DivisionTable:
    lines = [b for b in raw.blocks if not b.cells and b.text.strip()]
    keys = [matching_key(b.text) for b in lines]
    header_at: int | None = None
    header: list[tuple[str, str]] | None = None
    for n, key in enumerate(keys):
        header = _header_roles(key)
        if header is not None:
            header_at = n
            break
    numbers, remarks = not_applicable_numbers([b.text for b in lines])
    if header is None or header_at is None:
        raise ReadError(
            path,
            "没有找到分工方案表格的表头（需要一行列名，含“任务”“措施”等字样）",
            "请确认文件中含有分工方案表格；如表格在 Word 或 Excel 中，请直接打开原文件",
        )
    header_texts = [h for _, h in header]
    columns = guess_columns(header_texts, overrides)
    if overrides:
        _check_columns(path, columns, header_texts, overrides)
    roles_by_header = {getattr(columns, r): r for r in ROLE_NAMES if getattr(columns, r)}
    roles = [roles_by_header.get(h, r) for r, h in header]
    separated = len([c for c in _CELL_SPLIT.split(keys[header_at].strip()) if c]) >= 3
    # Group the lines after the header into rows by their 序号.
    runs: list[tuple[str, str, Source]] = []
    expected: int | None = None
    for block, key in zip(lines[header_at + 1 :], keys[header_at + 1 :]):
        if re.match(r"^(?:注|备注|说明)\s*[:]", key) or (runs and _NOT_APPLICABLE.search(key) and _NUMBERED_SPAN.search(key)):
            break
        start = _row_start(key, expected) if "number" in roles else ("", key)
        if start is not None:
            serial, _ = start
            runs.append((serial, block.text.strip()[len(serial) :], block.source))
            expected = int(serial) + 1 if serial else None
        elif runs and not (is_furniture(key) and not key.strip().isdigit()):
            serial, text, source = runs[-1]
            runs[-1] = (serial, text + ("\t" if separated else "") + block.text.strip(), source)
    if not runs:
        raise ReadError(path, "分工方案表格的表头下没有找到任何一行", "请确认每行以序号开头，或把表格复制到 Excel 中再打开")
    labelled = sum(1 for _, text, _ in runs if _TASK_LABEL.match(matching_key(text).lstrip(f"{CN_DIGITS}、. "))) * 2 >= len(runs)
    rows: list[DivisionRow] = []
    section = ""
    for serial, text, source in runs:
        if separated:
            values = [c.strip() for c in _CELL_SPLIT.split(text.strip())]
            own = [r for r in roles if r != "number"] if serial else roles
            cells = dict(zip(own, values))
        else:
            cells = _split_run(text.strip(), roles, labelled)
        section = cells.get("section") or section
        task, number = _split_task_label(cells.get("upper_task", ""))
        rows.append(
            DivisionRow(
                number=serial,
                section=section,
                upper_task=task,
                upper_number=number,
                upper_division=cells.get("upper_division", ""),
                lower_measure=cells.get("lower_measure", ""),
                departments=cells.get("departments", ""),
                assistance=cells.get("assistance", ""),
                source=source,
            )
        )
    return DivisionTable(str(path), columns, tuple(rows), numbers, remarks, raw.warnings)


def read_division_table(
    path: str | Path, *, overrides: Mapping[str, str] | None = None, options: ReadOptions = ReadOptions()
) -> DivisionTable:
    """Read a 分工方案 table. `overrides` maps a role (see `ROLE_NAMES`) to the header that holds it."""
    path = Path(path)
    raw = read_raw(path, options)
    if any(b.cells for b in raw.blocks):
        return _rows_from_blocks(path, raw, options, overrides)
    return _rows_from_text(path, raw, overrides)

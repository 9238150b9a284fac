"""The headless `compare` command: its JSON contract, stable ids and error handling."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEMO = PROJECT / "resources" / "demo"

UPPER = """国家任务
一、科技创新
1.建设国家知识产权示范城区，完善知识产权服务体系。
2.实施高新技术企业倍增计划，培育瞪羚企业。
3.研究设立海洋经济发展基金，支持远洋渔业船队更新改造。
"""
LOWER = """本区措施
一、创新驱动
1.实施高新技术企业倍增行动，加大瞪羚企业培育力度。（区科技局负责）
2.建设国家知识产权示范城区，加强知识产权保护。（区市场监管局）
3.开展垃圾分类宣传进社区活动。
"""


def run(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PROJECT / "main.py"), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_compare_writes_the_documented_json(tmp_path):
    (tmp_path / "u.txt").write_text(UPPER, encoding="utf-8")
    (tmp_path / "l.txt").write_text(LOWER, encoding="gbk")
    out = tmp_path / "result.json"
    result = run("compare", str(tmp_path / "u.txt"), str(tmp_path / "l.txt"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "duibiao-crosswalk" and data["version"] == 1
    for side in ("upper", "lower"):
        assert {"path", "title", "items"} <= set(data[side])
        for item in data[side]["items"]:
            assert {"id", "label", "path", "text"} <= set(item)
    texts = {it["id"]: it["text"] for it in data["lower"]["items"]}
    pairs = {(k["upper"], k["lower"]) for k in data["links"]}
    assert ("1.1", "1.2") in pairs and ("1.2", "1.1") in pairs
    assert data["upper_gaps"] == ["1.3"] and data["lower_extras"] == ["1.3"]
    assert all(k["status"] == "auto" and 0 <= k["score"] <= 1 and k["evidence"] for k in data["links"])
    assert texts["1.1"].endswith("力度。")  # the responsibility tag is an attribute, not text
    lower_items = {it["id"]: it for it in data["lower"]["items"]}
    assert lower_items["1.1"]["attributes"]["负责部门"] == "区科技局"
    assert {"overlaps", "duplicates", "weak"} <= set(data)
    assert "缺口 1 项" in result.stdout


def test_ids_are_stable_across_runs(tmp_path):
    (tmp_path / "u.txt").write_text(UPPER, encoding="utf-8")
    (tmp_path / "l.txt").write_text(LOWER, encoding="utf-8")
    outputs = []
    for n in range(2):
        out = tmp_path / f"r{n}.json"
        assert run("compare", str(tmp_path / "u.txt"), str(tmp_path / "l.txt"), "--out", str(out)).returncode == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        outputs.append(([it["id"] for it in data["upper"]["items"]], data["links"]))
    assert outputs[0] == outputs[1]


def test_compare_refuses_bad_input_in_chinese(tmp_path):
    (tmp_path / "u.txt").write_text(UPPER, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("compare", str(tmp_path / "u.txt"), str(tmp_path / "empty.txt"), "--out", str(tmp_path / "r.json"))
    assert result.returncode != 0
    assert "文件是空的" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "r.json").exists()
    result = run("compare", str(tmp_path / "u.txt"), str(tmp_path / "u.txt"), "--out", str(tmp_path / "r.csv"))
    assert result.returncode != 0 and "不支持输出" in result.stderr


def test_compare_never_overwrites_an_input(tmp_path):
    (tmp_path / "u.txt").write_text(UPPER, encoding="utf-8")
    lower = tmp_path / "l.docx"
    import docx

    document = docx.Document()
    for line in LOWER.splitlines():
        document.add_paragraph(line)
    document.save(lower)
    before = lower.read_bytes()
    result = run("compare", str(tmp_path / "u.txt"), str(lower), "--out", str(lower))
    assert result.returncode == 2 and "输出文件与要对比的文件相同" in result.stderr
    assert lower.read_bytes() == before


def test_usage_errors_are_in_chinese():
    result = run("compare")
    assert result.returncode == 2
    assert "缺少必需的参数" in result.stderr and "usage" not in result.stderr.lower()


def test_summary_gives_three_honest_numbers_and_the_redline_is_a_flag(tmp_path):
    """Coverage counts covered tasks only, with 含弱覆盖 beside it; the Word report marks only the
    shared phrases unless --redline asks for strike-through and underline too."""
    import docx

    (tmp_path / "u.txt").write_text(UPPER, encoding="utf-8")
    (tmp_path / "l.txt").write_text(LOWER, encoding="utf-8")
    plain, redline = tmp_path / "报告.docx", tmp_path / "修订.docx"
    result = run("compare", str(tmp_path / "u.txt"), str(tmp_path / "l.txt"), "--out", str(plain))
    assert result.returncode == 0, result.stderr
    summary = result.stdout.splitlines()[-1]
    assert "已覆盖" in summary and "弱覆盖" in summary and "缺口 1 项" in summary
    assert "覆盖率" in summary and "（含弱覆盖" in summary
    result = run("compare", str(tmp_path / "u.txt"), str(tmp_path / "l.txt"), "--out", str(redline), "--redline")
    assert result.returncode == 0, result.stderr

    def struck(path: Path) -> int:
        return docx.Document(path).element.xml.count("<w:strike/>")

    assert struck(plain) == 0 and struck(redline) > 0

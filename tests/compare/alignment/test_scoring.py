"""Signals of compare/alignment/scoring.py that a reader can check by eye."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from compare.alignment.scoring import _lead_features

PROJECT = Path(__file__).resolve().parents[3]


def test_a_title_line_is_the_lead_clause() -> None:
    # A sector guide's item opens with its title on a line of its own and repeats it in the body:
    # the title is what the item is about, and the counterpart task names it.
    lead = _lead_features("智能仓储标准\n智能仓储标准主要用于规范原料、中间物料、产品的出入库、运输等物流过程，实现产品出入库的实时监控。")
    assert "仓储" in lead
    assert "物流" not in lead  # the body is not the lead


def test_a_lead_ended_by_punctuation_and_a_long_opening_without_one() -> None:
    assert "组织协调" in _lead_features("加强组织协调。建立工作专班，定期调度推进情况。")
    assert _lead_features("落实国家、天津市出台的各项企业复工复产支持政策，出台指导文件，指导企业制定复工复产精细化方案。") == []


_SIGNALS_OF_THE_DEMO = """
import sys
from pathlib import Path
from compare.alignment.align import content_items
from compare.alignment.scoring import ScoringOptions, signal_matrices
from compare.documents.readers import read_document
demo = Path("resources/demo")
upper = content_items(read_document(demo / "binhai2020_national_tasks.txt"))
lower = content_items(read_document(demo / "binhai2020_local_measures.txt"))
signals = signal_matrices(upper, lower, ScoringOptions(meaning=False)).signals
sys.stdout.write("".join(name + signals[name].tobytes().hex() for name in sorted(signals)))
"""


def test_the_same_documents_give_the_same_scores_in_every_run() -> None:
    # Python salts string hashes per process; a score that depended on them could fall either side
    # of a calibration step from one run to the next.
    runs = {
        subprocess.run(
            [sys.executable, "-c", _SIGNALS_OF_THE_DEMO], cwd=PROJECT, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1

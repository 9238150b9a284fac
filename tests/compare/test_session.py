"""The session file: round trip, content hashes, versions, damaged files, atomic writes."""
from __future__ import annotations

import json

import pytest

from compare.crosswalk import Evidence, Link, LinkStatus, ReviewState, Sensitivity, Side
from compare.errors import ReadError
from compare.readers import ReadOptions
from compare.session import (
    VERSION,
    Session,
    changed_documents,
    document_ref,
    file_sha256,
    load_session,
    save_session,
)


@pytest.fixture
def session(tmp_path):
    upper, lower = tmp_path / "上级.txt", tmp_path / "本级.txt"
    upper.write_text("一、任务\n1.建设科研平台。\n", encoding="utf-8")
    lower.write_text("一、措施\n1.建设科研平台。\n", encoding="gbk")
    review = ReviewState(
        links=(
            Link("1.1", "1.1", 0.9, LinkStatus.CONFIRMED, (Evidence((0, 4), (0, 4)),), "正确"),
            Link("1.1", "1.2", 0.4, LinkStatus.REJECTED),
            Link("1.3", "1.1", 1.0, LinkStatus.MANUAL),
        ),
        not_applicable=(("1.4", "第26-28项不涉及天津工作"),),
        item_notes=((Side.UPPER, "1.1", "需区发改委确认"),),
    )
    return Session(
        upper=document_ref(upper),
        lower=document_ref(lower, ReadOptions(encoding="gbk", sheet="附件")),
        review=review,
        sensitivity=Sensitivity.LENIENT,
    )


def test_round_trip_keeps_everything(tmp_path, session):
    path = save_session(tmp_path / "进度.duibiao", session)
    assert load_session(path) == session
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "duibiao-session" and data["version"] == VERSION
    assert "第26-28项不涉及天津工作" in path.read_text(encoding="utf-8")  # readable, not escaped
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_changed_and_missing_documents_are_detected(tmp_path, session):
    assert changed_documents(session) == ()
    upper = tmp_path / "上级.txt"
    upper.write_text(upper.read_text(encoding="utf-8") + "2.新增任务。\n", encoding="utf-8")
    assert changed_documents(session) == (session.upper,)
    (tmp_path / "本级.txt").unlink()
    assert changed_documents(session) == (session.upper, session.lower)
    assert file_sha256(upper) != session.upper.sha256


def test_a_newer_version_is_refused_with_advice(tmp_path, session):
    path = save_session(tmp_path / "s.duibiao", session)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReadError, match="更新版本"):
        load_session(path)


@pytest.mark.parametrize("content", ["not json", "[]", '{"format": "other"}', '{"format": "duibiao-session", "version": 1}'])
def test_damaged_files_give_a_chinese_message(tmp_path, content):
    path = tmp_path / "bad.duibiao"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError, match="不是有效的审核进度文件"):
        load_session(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="文件不存在"):
        load_session(tmp_path / "none.duibiao")


def test_overwriting_is_atomic(tmp_path, session):
    path = tmp_path / "s.duibiao"
    save_session(path, session)
    updated = Session(session.upper, session.lower, ReviewState(), Sensitivity.STRICT)
    save_session(path, updated)
    assert load_session(path) == updated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duibiao", "上级.txt", "本级.txt"]

"""The session file: round trip, content hashes, versions, damaged files, atomic writes."""
from __future__ import annotations

import json

import pytest

from compare.alignment.crosswalk import Evidence, Link, LinkStatus, ReviewState, Sensitivity, Side
from compare.errors import ReadError
from compare.documents.readers import ReadOptions
from compare.session import (
    VERSION,
    Session,
    changed_documents,
    document_ref,
    file_sha256,
    load_session,
    save_session,
    session_to_json,
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
        documents=(document_ref(upper), document_ref(lower, ReadOptions(encoding="gbk", sheet="附件"))),
        reviews=(review,),
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
    assert changed_documents(session) == session.documents[:1]
    (tmp_path / "本级.txt").unlink()
    assert changed_documents(session) == session.documents
    assert file_sha256(upper) != session.documents[0].sha256


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
    updated = Session(session.documents, (ReviewState(),), Sensitivity.STRICT)
    save_session(path, updated)
    assert load_session(path) == updated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duibiao", "上级.txt", "本级.txt"]


def test_a_chain_keeps_one_review_per_pair(tmp_path, session):
    third = tmp_path / "区级.txt"
    third.write_text("1.建设科研平台。\n", encoding="utf-8")
    chain = Session(session.documents + (document_ref(third),), session.reviews, Sensitivity.BALANCED)
    assert chain.reviews == session.reviews + (ReviewState(),)  # the new pair starts unreviewed
    assert load_session(save_session(tmp_path / "链条.duibiao", chain)) == chain
    with pytest.raises(ValueError):
        Session(session.documents[:1])


def test_a_version_1_pair_session_still_opens(tmp_path, session):
    data = session_to_json(session)
    old = {
        "format": data["format"],
        "version": 1,
        "upper": data["documents"][0],
        "lower": data["documents"][1],
        "settings": data["settings"],
        "review": data["reviews"][0],
    }
    path = tmp_path / "旧版.duibiao"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    assert load_session(path) == session


def test_roles_a_user_set_are_saved_and_applied_on_reading(tmp_path) -> None:
    from compare.documents.model import SectionRole
    from compare.documents.readers import ReadOptions, read_document
    from compare.session import DocumentRef, Session, load_session, save_session

    text = tmp_path / "方案.txt"
    text.write_text("一、总体要求\n（一）坚持改革创新。\n二、重点任务\n（一）推进改革。\n", encoding="utf-8")
    options = ReadOptions(roles=(("1", SectionRole.TASK.value),))
    ref = DocumentRef(str(text), "0" * 64, options)
    save_session(tmp_path / "s.duibiao", Session(documents=(ref, ref)))
    loaded = load_session(tmp_path / "s.duibiao").documents[0].options
    assert loaded == options
    doc = read_document(text, loaded)
    assert doc.item("1.1").is_task and doc.item("1.1").role is SectionRole.TASK

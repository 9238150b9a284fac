"""Tampered session files are refused with a Chinese message, or cleaned so they can be saved
again; NaN, infinity and lone surrogates never reach a file."""
from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest

from compare.alignment.crosswalk import Crosswalk, Link, LinkStatus, Thresholds
from compare.documents.readers import read_document
from compare.errors import ReadError
from compare.session import Session, document_ref, load_session, save_session, session_to_json
from exporters.crosswalk_json import export_json
from tests.hostile.files import TASKS


def strict_json(path: Path) -> object:
    """Parse as strict JSON: NaN and Infinity are not JSON, so they must not parse."""
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in {path.name}")

    return json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)


@pytest.fixture
def good(tmp_path: Path) -> dict:
    upper, lower = tmp_path / "上级.txt", tmp_path / "本级.txt"
    upper.write_text(TASKS, encoding="utf-8")
    lower.write_text(TASKS, encoding="utf-8")
    session = Session(documents=(document_ref(upper), document_ref(lower)))
    data = session_to_json(session)
    data["reviews"] = [{"links": [{"upper": "1.1", "lower": "1.1", "score": 0.9, "status": "confirmed",
                                   "evidence": [[[0, 4], [0, 4]]], "note": "正确"}]}]
    return data


def tamper(data: dict, where: str, value: object) -> dict:
    """`data` with the value at a dotted path (list indexes as numbers) replaced."""
    data = copy.deepcopy(data)
    *parents, last = where.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
    node[int(last) if isinstance(node, list) else last] = value
    return data


TAMPERED = {
    "encoding a number": ("documents.0.options.encoding", 123),
    "header row a word": ("documents.0.options.header_row", "abc"),
    "header row negative": ("documents.0.options.header_row", -5),
    "header row true": ("documents.0.options.header_row", True),
    "sheet a list": ("documents.0.options.sheet", ["a"]),
    "text column an object": ("documents.0.options.text_column", {"x": 1}),
    "options a string": ("documents.0.options", "gbk"),
    "path with a NUL": ("documents.0.path", "/tmp/a\x00b.txt"),
    "evidence of words": ("reviews.0.links.0.evidence", [[["a", "b"], [0, 4]]]),
    "evidence backwards": ("reviews.0.links.0.evidence", [[[9, 4], [0, 4]]]),
    "evidence a number": ("reviews.0.links.0.evidence", 7),
    "score a word": ("reviews.0.links.0.score", "abc"),
    "score above one": ("reviews.0.links.0.score", 7.5),
    "status unknown": ("reviews.0.links.0.status", "hacked"),
    "note a list": ("reviews.0.links.0.note", ["x"]),
    "version huge": ("version", 10**30),
    "documents a string": ("documents", "x"),
    "ten documents": ("documents", [{"path": "/tmp/a.txt", "sha256": "0"}] * 10),
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_value_is_refused(tmp_path: Path, good: dict, case: str) -> None:
    where, value = TAMPERED[case]
    path = tmp_path / "进度.duibiao"
    path.write_text(json.dumps(tamper(good, where, value), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReadError, match="不是有效的审核进度文件|更新版本的程序"):
        load_session(path)


RAW = {
    "deeply nested": "[" * 100_000 + "]" * 100_000,
    "a NaN score": None,  # filled from the good session below
    "an infinite score": None,
    "a number of 5,000 digits": '{"format": "duibiao-session", "version": ' + "9" * 5000 + "}",
    "not UTF-8": b"\xff\xfe\x00",
}


@pytest.mark.parametrize("case", sorted(RAW))
def test_a_damaged_file_is_refused(tmp_path: Path, good: dict, case: str) -> None:
    text = RAW[case]
    if case == "a NaN score":
        text = json.dumps(good).replace('"score": 0.9', '"score": NaN')
    elif case == "an infinite score":
        text = json.dumps(good).replace('"score": 0.9', '"score": 1e999')
    path = tmp_path / "进度.duibiao"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ReadError, match="不是有效的审核进度文件"):
        load_session(path)


def test_a_lone_surrogate_in_a_note_still_saves(tmp_path: Path, good: dict) -> None:
    path = tmp_path / "进度.duibiao"
    # JSON may escape a lone surrogate; Python decodes it to a string no file can be written with.
    path.write_text(json.dumps(tamper(good, "reviews.0.links.0.note", "意见\ud800完")), encoding="utf-8")
    session = load_session(path)
    assert session.reviews[0].links[0].note == "意见\ufffd完"
    again = save_session(tmp_path / "again.duibiao", session)
    assert load_session(again) == session
    strict_json(again)


def test_public_json_never_holds_nan(tmp_path: Path) -> None:
    upper = tmp_path / "上级.txt"
    upper.write_text(TASKS, encoding="utf-8")
    doc = read_document(upper)
    first, second = (next(it.id for it in doc.items if word in it.text) for word in ("加强", "强化"))
    links = (Link(first, first, math.nan, LinkStatus.AUTO, note="x\udfff"), Link(first, second, math.inf, LinkStatus.CONFIRMED))
    crosswalk = Crosswalk.build(doc, doc, links, (), Thresholds(link=math.nan, strong=0.6, duplicate=0.9))
    data = strict_json(export_json(crosswalk, tmp_path / "结果.json"))
    assert [link["score"] for link in data["links"]] == [None, None]
    assert data["thresholds"]["link"] is None
    assert data["links"][0]["note"] == "x\ufffd"

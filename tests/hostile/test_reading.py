"""Files a careless or malicious sender could mail: each is refused with a Chinese message (exit
code 2 from the command line), or read correctly; never a traceback, never gigabytes of memory."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from compare.documents.readers import read_document
from compare.errors import ReadError
from tests.compare.documents.test_pdf_reader import make_pdf
from tests.hostile import files
from tests.hostile.conftest import ENGLISH, MEMORY_LIMIT, assert_refused, run_main




def _docx_with_dtd_after_comment(path: Path) -> Path:
    base = path.with_name("base.docx")
    document = docx.Document()
    document.add_paragraph("1.加强组织领导。")
    document.save(base)
    with zipfile.ZipFile(base) as zf:
        body = zf.read("word/document.xml").decode("utf-8").split("?>", 1)[1]
    filler = "".join(f"{n:x} " for n in range(200_000))[: 700 * 1024]
    crafted = f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {filler} -->\n<!DOCTYPE w [<!ENTITY e "boom">]>{body}'
    return files.rewrite_zip(base, path, {"word/document.xml": crafted.encode("utf-8")})


# Files whose reading would take gigabytes: read by the command line in a child process under a
# memory limit, which proves the reader refused them before allocating.
BOMBS = {
    "远端单元格.xlsx": (files.xlsx_far_cell, ("工作表“Sheet1”", "XFD1048576", "范围过大")),
    "整表合并.xlsx": (files.xlsx_huge_merge, ("合并单元格", "100 万")),
    "解压炸弹.pdf": (files.pdf_stream_bomb, ("异常巨大的压缩数据", "128 MB")),
    "三个炸弹.pdf": (lambda p: files.pdf_stream_bomb(p, bombs=3), ("异常巨大的压缩数据",)),
    "重复内容.pdf": (lambda p: files.pdf_stream_bomb(p, 100 << 20, listed=3), ("某一页", "256 MB")),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_bomb_is_refused_within_bounded_memory(tmp_path: Path, name: str) -> None:
    make, fragments = BOMBS[name]
    result = run_main("parse", make(tmp_path / name), memory_limit=MEMORY_LIMIT)
    assert_refused(result, f"无法读取文件“{name}”", *fragments)
    assert "扫描件" not in result.stderr  # a bomb is not a scanned PDF
    assert result.stdout == ""


REFUSED = {
    "缺共享字符串.xlsx": (files.xlsx_missing_shared_string, "文件已损坏"),
    "注释后DTD.xlsx": (files.xlsx_dtd_after_comment, "实体声明"),
    "注释后DTD.docx": (_docx_with_dtd_after_comment, "实体声明"),
    "层层嵌套.html": (files.nested_spans_html, "嵌套超过 256 层"),
    "图片.docx": (files.png_named, "这是一张图片（PNG）"),
    "空白页.pdf": (lambda p: make_pdf(p, [[]]), "PDF 中没有可读取的文字"),
    "长" * 100 + ".txt": (lambda p: p, "文件名或路径过长"),  # longer than a file system allows
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_file_is_refused_with_a_chinese_message(tmp_path: Path, name: str) -> None:
    make, fragment = REFUSED[name]
    with pytest.raises(ReadError) as refused:
        read_document(make(tmp_path / name))
    assert refused.value.message.startswith(f"无法读取文件“{name}”") and fragment in refused.value.message
    assert "扫描件" not in refused.value.message and ENGLISH.search(refused.value.message) is None


def test_big5_text_is_read_as_big5(tmp_path: Path) -> None:
    document = read_document(files.big5_text(tmp_path / "繁体.txt"))
    assert document.encoding == "big5" and not document.warnings
    assert any("加強組織領導，明確責任分工" in item.text for item in document.items)


@pytest.mark.parametrize("order", ["le", "be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, order: str) -> None:
    document = read_document(files.utf16_without_bom(tmp_path / "无BOM.txt", order))
    assert document.encoding == f"utf-16-{order}"
    assert any("加强组织领导，明确责任分工" in item.text for item in document.items)


@pytest.mark.parametrize(("maker", "name"), [(files.utf7_html, "utf7.html"), (files.utf7_mhtml, "utf7.mhtml")])
def test_utf7_lone_surrogates_are_replaced_and_reported(tmp_path: Path, maker, name: str) -> None:
    document = read_document(maker(tmp_path / name))
    assert any("加强组织领导 \ufffd 2.强化督促检查" in item.text for item in document.items)
    assert any("1 处无法识别的字符" in warning for warning in document.warnings)


def test_a_page_starting_as_xml_is_read_without_a_warning(tmp_path: Path) -> None:
    # pytest turns any warning into an error: bs4's English XMLParsedAsHTMLWarning would fail this.
    document = read_document(files.xml_page(tmp_path / "网页.html"))
    assert any("加强组织领导，明确责任分工" in item.text for item in document.items)


def test_a_dash_leading_file_name_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "-措施.txt"
    path.write_text(files.TASKS, encoding="utf-8")
    result = run_main("parse", path.name, cwd=tmp_path)
    assert_refused(result, "“./-措施.txt”", "“--”")
    result = run_main("parse", "./-措施.txt", cwd=tmp_path)
    assert result.returncode == 0 and "加强组织领导" in result.stdout


def test_text_that_decodes_to_garbage_is_flagged(tmp_path: Path) -> None:
    # Shift-JIS is valid GB18030 byte for byte, and reads as nonsense: the user is told to pick the encoding.
    path = tmp_path / "日文.txt"
    path.write_bytes("一、総合的な取り組み\n1.組織の指導を強化し、責任を明確にする。\n".encode("shift_jis"))
    document = read_document(path)
    assert any("可能是编码识别有误" in warning and "打开选项" in warning for warning in document.warnings)

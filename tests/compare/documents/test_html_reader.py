"""HTML reader: the article of a saved government web page, without the page furniture around it."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare.errors import ReadError
from compare.documents.model import SourceKind
from compare.documents.readers import ReadOptions, read_document, read_raw
from compare.documents.readers.html_reader import read_html

from tests.conftest import SEEDS, require_shared

TITLE = "天津市滨海新区人民政府对市政协十四届四次会议第0116号提案的答复"
PARAGRAPHS = [
    "中国国民党革命委员会天津市委员会：",
    "贵党派提出的“关于加强天津国家自主创新示范区发展新格局的提案”，经研究答复如下：",
    "一、强化顶层设计",
    "（一）科学编制规划。在学习借鉴全国先进示范区发展经验，深入调研和广泛听取各方意见的基础上，高水平编制示范区“十四五”发展规划。",
    "（二）完善体制机制。定期召开示范区领导小组会议，建立示范区领导小组办公室常态化议事协调工作机制。",
    "二、集聚创新资源",
    "（一）培育创新主体。实施科技型企业梯度培育计划，支持企业建设研发机构。",
]
FURNITURE_TEXT = ("首页", "政务公开", "索引号", "扫一扫", "分享到", "相关链接", "版权所有", "津ICP备", "var _hmt", "字号")


def government_page(body: str, *, charset: str = "gb2312", container: str = '<div class="TRS_Editor">{}</div>') -> str:
    """A page as a government site serves it: navigation, metadata table, QR notice, share bar, footer."""
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{TITLE}_天津市滨海新区人民政府</title>
<style>.nav {{ color: red }}</style><script>var _hmt = _hmt || [];</script></head>
<body>
<div class="header"><a href="/">天津市政府门户网站</a> <a href="mailto:x">政务邮箱</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 建议提案办理</div>
<table class="xxgk_table"><tr><td>索引号：</td><td>11120116MB1957811Y/2021-00411</td><td>发布机构：</td><td>滨海新区人民政府</td></tr>
<tr><td>成文日期：</td><td>2021-04-21</td><td>发布日期：</td><td>2021-11-22</td></tr></table>
<div class="main">
 <h1 class="article-title">{TITLE}</h1>
 <div class="info">发布日期: 2021-11-22 09:02 来源: 滨海新区人民政府 字号：<a>大</a> <a>中</a> <a>小</a></div>
 <div class="ewm"><img src="qr.png">扫一扫在手机打开当前页</div>
 <div id="zoom">{container.format(body)}</div>
 <div class="bdshare">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>
 <div class="xglj"><h3>相关链接</h3><ul><li><a href="1.html">滨海新区2021年政府工作报告</a></li>
 <li><a href="2.html">关于印发滨海新区“十四五”规划的通知</a></li><li><a href="3.html">滨海新区科技创新政策汇编</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：天津市滨海新区人民政府办公室 版权所有</p><p>津ICP备05004413号 网站标识码：1201160001</p></div>
<script>document.write("统计");</script>
</body></html>"""


def paragraphs_html(paragraphs: list[str]) -> str:
    return "\n".join(f'<p style="text-indent:2em">&nbsp;&nbsp;{p}</p>' for p in paragraphs)


def assert_clean(texts: list[str]) -> None:
    for text in texts:
        assert not any(word in text for word in FURNITURE_TEXT), text


def test_article_of_a_gbk_government_page(tmp_path: Path) -> None:
    page = tmp_path / "t20211122.htm"
    page.write_bytes(government_page(paragraphs_html(PARAGRAPHS)).encode("gbk"))
    raw = read_html(page)
    assert raw.format == "html" and raw.encoding == "gb18030"
    assert [b.text for b in raw.blocks] == PARAGRAPHS
    assert raw.title_hint == TITLE
    assert all(b.source.kind is SourceKind.PARAGRAPH for b in raw.blocks)


def test_read_document_segments_the_article(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(government_page(paragraphs_html(PARAGRAPHS), charset="utf-8"), encoding="utf-8")
    doc = read_document(page)
    assert doc.format == "html"
    assert [it.label for it in doc.items] == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_body_found_without_a_known_container_and_br_lines(tmp_path: Path) -> None:
    body = "<br>\n".join(PARAGRAPHS)
    page = tmp_path / "a.html"
    html = government_page(body, charset="utf-8", container='<table><tr><td class="bt">{}</td></tr></table>')
    page.write_text(html.replace('id="zoom"', 'id="wrap"'), encoding="utf-8")
    raw = read_html(page)
    assert [b.text for b in raw.blocks] == PARAGRAPHS


def test_data_table_rows_become_cell_blocks(tmp_path: Path) -> None:
    table = """<p>附件</p><p>滨海新区落实重点任务分工方案</p>
<table border="1"><tr><th>序号</th><th>方面</th><th>本区措施</th><th>负责部门</th></tr>
<tr><td>1</td><td rowspan="2">统筹推进疫情应对</td><td>理顺疫情防控指挥部与各部门之间的工作机制。</td><td>区卫健委</td></tr>
<tr><td>2</td><td>落实各项企业复工复产支持政策，出台指导文件。</td><td>区发改委</td></tr>
<tr><td>3</td><td>提升创新能力</td><td>编制滨海新区“十四五”科技创新规划。</td><td>区科技局</td></tr></table>"""
    page = tmp_path / "a.html"
    page.write_text(government_page(paragraphs_html(PARAGRAPHS) + table, charset="utf-8"), encoding="utf-8")
    raw = read_html(page)
    rows = [b for b in raw.blocks if b.cells]
    assert [b.text for b in raw.blocks if not b.cells] == [*PARAGRAPHS, "附件", "滨海新区落实重点任务分工方案"]
    assert len(rows) == 3
    assert rows[1].cells == (("序号", "2"), ("方面", "统筹推进疫情应对"), ("本区措施", "落实各项企业复工复产支持政策，出台指导文件。"), ("负责部门", "区发改委"))
    assert (rows[0].text_column, rows[0].label_column, rows[0].section_column) == ("本区措施", "序号", "方面")
    assert rows[2].source.kind is SourceKind.TABLE_ROW and rows[2].source.index == 3


def test_wrong_meta_charset_falls_back_to_detection(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(government_page(paragraphs_html(PARAGRAPHS), charset="gb2312").encode("utf-8"))
    raw = read_html(page)
    assert raw.encoding == "utf-8"
    assert [b.text for b in raw.blocks] == PARAGRAPHS


def test_encoding_override(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_bytes(government_page(paragraphs_html(PARAGRAPHS), charset="utf-8").encode("gbk"))
    assert [b.text for b in read_raw(page, ReadOptions(encoding="gbk")).blocks] == PARAGRAPHS


def test_mhtml_archive(tmp_path: Path) -> None:
    html = government_page(paragraphs_html(PARAGRAPHS), charset="utf-8")
    import quopri

    encoded = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    archive = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_000"\r\n\r\n'
        "------=_NextPart_000\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.tjbh.gov.cn/a.html\r\n\r\n"
        f"{encoded}\r\n------=_NextPart_000--\r\n"
    )
    page = tmp_path / "a.mhtml"
    page.write_text(archive, encoding="ascii")
    assert [b.text for b in read_html(page).blocks] == PARAGRAPHS


def test_html_saved_as_doc_is_read_as_a_web_page(tmp_path: Path) -> None:
    page = tmp_path / "通知.doc"
    page.write_text(government_page(paragraphs_html(PARAGRAPHS), charset="utf-8"), encoding="utf-8")
    raw = read_raw(page)
    assert raw.format == "html" and [b.text for b in raw.blocks] == PARAGRAPHS


def test_page_without_text_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<html><body><script>var a=1;</script><img src='x.png'></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="网页中没有找到正文文字"):
        read_html(page)


@pytest.mark.corpus
def test_seed_wrapped_in_page_furniture(tmp_path: Path) -> None:
    seed = require_shared(SEEDS / "001_90b733e55f546e50.txt").read_text(encoding="utf-8")
    start = seed.index("中国国民党革命委员会")
    end = seed.index("最后，再次感谢") if "最后，再次感谢" in seed else seed.index("最后,再次感谢")
    lines = [line.strip() for line in seed[start:end].splitlines() if line.strip()]
    page = tmp_path / "a.html"
    page.write_bytes(government_page(paragraphs_html(lines)).encode("gb18030"))
    texts = [b.text for b in read_html(page).blocks]
    assert texts == lines
    assert_clean(texts)

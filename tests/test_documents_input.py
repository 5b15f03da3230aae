"""A report as it is published: Word, PDF (text layer) and a government site's web page read to the same sentences as
the plain text, and drafted to the same facts by `extract`; files that are not a report's text (binary, scanned,
encrypted, damaged, too big, another format) refused with their reason; text in another encoding (Big5, Shift-JIS)
read as GB18030 pointed out. Fixture: the opening and the targets of the 2025 Beijing report (tests/fixtures/documents)."""

from __future__ import annotations

import io
import subprocess
import sys
import tomllib
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

import docx
import pypdf
import pytest

from conftest import sign_in
from loaders.cli import main
from loaders.extract import clean, documents, extract
from loaders.extract.documents import MAX_CHARS, MAX_FILE_MB, read_document, read_document_file
from loaders.extract.text import UnreadableText, rare_share
from loaders.project import load_project

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
TXT = FIXTURES / "report.txt"
PDF = FIXTURES / "report.pdf"
COUNTY = Path(__file__).parent / "fixtures" / "extract" / "county.txt"
REPORTS = Path(__file__).resolve().parent.parent.parent / "shared" / "reports"
LINES = TXT.read_text(encoding="utf-8").splitlines()
# Traditional Chinese and Japanese as a Taiwanese or Japanese office saves them (Big5, Shift-JIS): both decode as
# GB18030 without an error, into rare characters.
TRADITIONAL = "政府工作報告。過去一年，全市地區生產總值增長百分之五點二，城鎮調查失業率控制在百分之四點一左右，居民人均可支配收入增長。"
JAPANESE = (
    "政府の年次報告書です。昨年の地域内総生産は前年比で五・二パーセント増加し、失業率は四・一パーセント前後でした。"
)


def word_file(lines: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table):
            for cell, value in zip(row.cells, cells):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def gov_page(lines: list[str], table: str = "") -> bytes:
    """A page as a provincial government's site serves it: GB2312 declared, menus, a script, a share bar, a footer."""
    paragraphs = "\n".join(f'<p style="text-indent:2em">\u3000\u3000{line}</p>' for line in lines[1:])
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{lines[0]}_门户网站</title>
<style>p {{ margin: 0 }}</style><script>var year = 2023; document.write("访问量 12345 次");</script></head>
<body><div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/2023">2023年政府工作报告</a></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/x">政策文件</a></li></ul></nav>
<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a>政务公开</a></div>
<h1>{lines[0]}</h1><div class="info">发布时间：2025-01-21 09:30 浏览次数：1024</div>
<div id="zoom" class="TRS_Editor">
{paragraphs}
{table}
</div><!-- 2024年 12 项 -->
<div class="share">分享到：<a>微博</a><a>微信</a></div></div>
<div class="footer">主办：市人民政府办公厅 京ICP备05060933号</div><footer>网站标识码1100000088</footer></body></html>"""
    return page.encode("gbk")


def blank_pdf(pages: int = 2, password: str | None = None) -> bytes:
    """A PDF of pages without a text layer, as a scanner makes them (the image left out)."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_scanned_page(pdf: bytes) -> bytes:
    """The PDF with a page added that holds only an image (a 1×1 grey pixel standing in for a scan)."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    image = StreamObject()
    image.set_data(b"\x80")
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(1),
            NameObject("/Height"): NumberObject(1),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    page = writer.add_blank_page(595, 842)
    xobjects = DictionaryObject({NameObject("/Im0"): writer._add_object(image)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(UnreadableText) as caught:
        read_document(data, name)
    return caught.value.format("zh")


def run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main([str(a) for a in argv])
    return code, out.getvalue()


def test_pdf_and_web_page_read_to_the_sentences_of_the_text():
    expected = clean(TXT.read_text(encoding="utf-8"))
    assert clean(read_document_file(PDF)) == expected  # two pages, lines broken mid-sentence, joined again
    table = "<table><tr><td>指标</td><td>2025年目标</td></tr><tr><td>地区生产总值增长</td><td>5%左右</td></tr></table>"
    page = read_document(gov_page(LINES, table), "2025年政府工作报告.shtml")
    assert clean(page).startswith(clean("\n".join(LINES[1:])))  # the article; its <h1> stands outside it
    for furniture in ("首页", "访问量", "浏览次数", "分享到", "京ICP备", "网站标识码", "12 项", "margin"):
        assert furniture not in page, furniture
    assert "指标\t2025年目标\n地区生产总值增长\t5%左右" in page  # a table row per line, its cells apart


MENU = '<div class="menu">' + "".join(f'<a href="/{n}">栏目{n}：2024年第{n}期</a>' for n in range(30)) + "</div>"


@pytest.mark.parametrize(
    "article",
    [
        '<table><tr><td class="left">{menu}</td><td><font size="3">{br}</font></td></tr></table>',  # older sites
        '<div class="article">{divs}</div>',  # a division per paragraph
    ],
)
def test_the_article_of_other_page_layouts_is_read_without_menus_or_footer(article):
    lines = TXT.read_text(encoding="utf-8").splitlines()
    body = article.format(menu=MENU, br="<br>".join(lines), divs="".join(f"<div>{line}</div>" for line in lines))
    page = f"<html><body>{MENU}{body}<div>版权所有 2025 联系我们</div></body></html>"
    assert read_document(page.encode("utf-8"), "page.html") == "\n".join(lines)


def test_a_page_is_decoded_by_its_declared_charset_and_a_byte_order_mark_wins():
    line = "吉喆主持会议，全市生产总值增长5.2%。"  # 喆 is in GBK, not GB2312: such pages declare gb2312 all the same
    lines = ["标题", line]
    assert line in read_document(gov_page(lines), "a.html")
    utf8 = gov_page(lines).decode("gbk").replace("charset=gb2312", "charset=utf-8").encode("utf-8")
    assert line in read_document(utf8, "a.htm")
    assert line in read_document(b"\xef\xbb\xbf" + utf8.replace(b"charset=utf-8", b"charset=gbk"), "a.html")


def test_scanned_pages_among_text_pages_are_pointed_out_and_a_slow_pdf_is_refused(monkeypatch):
    notices = []
    text = read_document(with_scanned_page(PDF.read_bytes()), "report.pdf", warn=notices.append)
    assert clean(text) == clean(TXT.read_text(encoding="utf-8"))
    assert [n.format("zh") for n in notices] == [
        "注意：PDF 第 3 页只有图片、没有文字层（扫描页），这些页上的数字不会被起草"
    ]
    monkeypatch.setattr(documents, "MAX_PDF_SECONDS", 0)  # as if each page took longer than the time allowed
    assert refusal(PDF.read_bytes(), "report.pdf") == "PDF 过于复杂，0 秒内只读完 0 页：请改用 Word 或 TXT 版本"


def test_notepad_unicode_text_is_read():
    assert read_document("\n".join(LINES).encode("utf-16"), "report.txt") == "\n".join(LINES)  # with its BOM


def test_word_paragraphs_and_annex_tables_in_order():
    data = word_file(LINES, [["指标", "2025年目标"], ["地区生产总值增长", "5%左右"]])
    text = read_document(data, "报告.docx")
    assert text.endswith("\n".join(LINES) + "\n指标\t2025年目标\n地区生产总值增长\t5%左右")
    assert read_document(data, "named-wrongly.txt") == text  # a Word file is read as one, whatever its name


def write_published(path: Path) -> None:
    """The fixture's report as it is published in the format the name says: Word, PDF or a gov site's page."""
    made = {".docx": lambda: word_file(LINES), ".pdf": PDF.read_bytes, ".html": lambda: gov_page(LINES)}
    path.write_bytes(made[path.suffix]())


@pytest.mark.parametrize("name", ["report.docx", "report.pdf", "report.html"])
def test_extract_drafts_the_same_facts_from_every_format(tmp_path, name):
    write_published(tmp_path / name)
    args = ("--region", "北京市", "--report-year", 2025)
    code, from_text = run("extract", TXT, *args)
    assert code == 0 and "地区生产总值,北京市,2025,yoy_pct,target,~,5,%," in from_text
    assert run("extract", tmp_path / name, *args) == (0, from_text)


def test_the_eight_provincial_reports_read_as_reports_without_a_warning():
    for path in sorted(REPORTS.glob("2025-*.docx")):
        notices = []
        text = read_document_file(path, warn=notices.append)
        assert "政府工作报告" in text.split("\n")[0] and len(text) > 12_000, path.name
        assert notices == [] and rare_share(text) < 0.01, path.name
        assert len(extract(text, "某省", 2025).facts) > 100, path.name
    assert len(list(REPORTS.glob("2025-*.docx"))) == 8


def test_big5_and_shift_jis_are_pointed_out_and_a_report_is_not(tmp_path, capsys):
    for name, data in {"big5.txt": TRADITIONAL.encode("big5"), "sjis.txt": JAPANESE.encode("shift_jis")}.items():
        (tmp_path / name).write_bytes(data)
        code, _ = run("extract", tmp_path / name, "--region", "某市", "--report-year", 2025)
        assert code == 0
        assert "生僻字或假名" in capsys.readouterr().err, name
    run("extract", TXT, "--region", "北京市", "--report-year", 2025)
    assert "生僻字" not in capsys.readouterr().err
    notices = []
    read_document(TRADITIONAL.encode("utf-8"), "traditional.txt", warn=notices.append)
    assert notices == []  # Traditional Chinese as UTF-8 is read as it is, without a warning


def test_binary_and_foreign_files_are_refused_with_exit_1(tmp_path, capsys):
    cases = {
        "zeros.txt": b"\x00" * 5_000_000,
        "controls.txt": ("全市生产总值增长5%。" * 20 + "\x01\x02\x03\x04\x05\x06").encode("utf-8"),
        "report.rtf": b"{\\rtf1\\ansi report}",
        "report.pdf": blank_pdf(),
        "locked.pdf": blank_pdf(1, password="secret"),
        "damaged.pdf": b"%PDF-1.7\n" + bytes(range(1, 256)) * 40,
        "damaged.docx": b"PK\x03\x04" + b"not really a zip" * 10,
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 600,
    }
    said = {
        "zeros.txt": "不是文本文件",
        "controls.txt": "不是文本文件",
        "report.rtf": "不支持的文件格式 .rtf（可用：.txt, .docx, .pdf, .html, .htm）",
        "report.pdf": "没有文字层，像是扫描件：请先做文字识别（OCR）",
        "locked.pdf": "PDF 已加密",
        "damaged.pdf": "不是可读的 PDF 文件",
        "damaged.docx": "不是可读的 Word (.docx) 文件",
        "old.doc": "另存为 .docx 或 PDF",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        code, out = run("extract", tmp_path / name, "--region", "某市", "--report-year", 2025)
        err = capsys.readouterr().err
        assert (code, out) == (1, ""), name
        assert said[name] in err and "Traceback" not in err, (name, err)
    assert refusal(blank_pdf(), "scan.pdf").startswith("PDF（2 页）没有文字层")
    code, _ = run("--lang", "en", "extract", tmp_path / "report.pdf", "--region", "某市", "--report-year", 2025)
    assert code == 1 and "has no text layer, like a scan: OCR it first" in capsys.readouterr().err


def test_a_word_file_that_expands_beyond_the_limit_is_refused_before_it_is_parsed():
    good, bomb = zipfile.ZipFile(io.BytesIO(word_file(LINES))), io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in good.namelist():  # a real Word file whose text is padded with 60 MB of spaces between paragraphs
            content = good.read(part)
            padding = b" " * (60 * 1024 * 1024 if part == "word/document.xml" else 0)
            archive.writestr(part, content.replace(b"</w:body>", padding + b"</w:body>"))
    assert len(bomb.getvalue()) < 200_000
    assert "Word 文件解压后 61 MB，超过上限 50 MB，不予读取" == refusal(bomb.getvalue(), "bomb.docx")
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "不是可读的 Word" in refusal(other_zip.getvalue(), "sheet.docx")


def test_drafting_refuses_text_and_files_over_its_limits(tmp_path, capsys):
    sentence = "全市地区生产总值增长百分之五。"
    long_text = sentence * (MAX_CHARS // len(sentence) + 1)
    assert "超过起草上限 20 万字" in refusal(long_text.encode("utf-8"), "long.txt")
    assert read_document((sentence * 1000).encode("utf-8"), "fine.txt")  # well under it: read
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_FILE_MB * 1024 * 1024 + 1))
    code, _ = run("extract", big, "--region", "某市", "--report-year", 2025)
    assert code == 1 and "文件 5.0 MB，超过起草上限 5 MB" in capsys.readouterr().err


def open_review(at):
    sign_in(at)
    at.switch_page("pages/draft_review.py").run()
    assert not at.exception, [e.message for e in at.exception]
    at.text_input(key="draft_region").input("松溪县")
    at.number_input(key="draft_year").set_value(2024)


def test_the_review_page_drafts_a_word_file_and_states_its_limits(staff_app):
    at, _ = open_review_app(staff_app)
    assert "最大 5 MB / 20 万字" in at.file_uploader(key="report_text").label
    config = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] >= MAX_FILE_MB  # the limit stated is one the server lets through
    county = COUNTY.read_text(encoding="utf-8").splitlines()
    at.file_uploader(key="report_text").upload("松溪县政府工作报告.docx", word_file(county)).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error and not at.warning
    assert "起草 31 条：实绩 17，主要预期目标 6，任务目标 8" in at.markdown[0].value


def test_the_review_page_warns_of_big5_and_refuses_binary(staff_app):
    at, _ = open_review_app(staff_app)
    at.file_uploader(key="report_text").upload("report.txt", (TRADITIONAL * 3).encode("big5")).run()
    assert not at.exception and "可能是繁体 Big5 或日文 Shift-JIS" in at.warning[0].value
    at.file_uploader(key="report_text").upload("scan.pdf", blank_pdf()).run()
    assert not at.exception and "没有文字层" in at.error[0].value


def open_review_app(staff_app):
    at, root = staff_app
    open_review(at)
    return at, root


def test_a_reader_that_stops_early_gets_no_traceback():
    """`python -m loaders extract FILE ... | head`: the pipe closed before the facts are printed."""
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, "-m", "loaders", "extract", str(TXT), "--region", "北京市", "--report-year", "2025"]
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # like `head` having read what it wanted, before the command writes
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1 and b"Traceback" not in err, err.decode("utf-8", "replace")


@pytest.mark.parametrize("name", ["report.docx", "report.pdf", "report.html"])
def test_a_report_as_published_becomes_a_folder_that_validates(tmp_path, name):
    """The one route (`new … --report FILE`) from each published format to a draft folder that validates as it is."""
    write_published(tmp_path / name)
    folder = tmp_path / "beijing-2025"
    place = ("--region", "北京市", "--province", "全国", "--report-year", 2025)
    code, out = run("new", folder, *place, "--report", tmp_path / name)
    assert code == 0, out
    code, out = run("--root", folder, "validate")
    assert code == 0 and "通过" in out, out
    facts = {
        (f.indicator_id, f.period, f.measure, f.value) for f in load_project(folder).facts if f.indicator_id == "gdp"
    }
    assert ("gdp", "2025", "yoy_pct", 5.0) in facts

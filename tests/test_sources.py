"""Reading inputs: text, HTML, JSON Lines and WARC files, directories and globs, and what fails."""
import gzip
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tradefacts.corpus import extract_item, records
from tradefacts.documents import DocumentError, document_from_record
from tradefacts.sources import Failure, InputError, Record, input_files, read_records

TEXT = "Trade between Kazakhstan and Mongolia reached $150 million in 2023."
HTML = """<html><head><title>Kazakh-Mongolian trade grows</title>
<meta property="article:published_time" content="2024-03-05"></head>
<body><nav>Home | News | Contacts</nav><article><h1>Kazakh-Mongolian trade grows</h1>
<p>Trade between Kazakhstan and Mongolia reached $150 million in 2023, the ministry said on Tuesday,
and both governments expect it to keep growing as new rail links open.</p>
<p>Kazakh exports of wheat and flour to Mongolia rose by 12 percent over the year before.</p>
</article><footer>All rights reserved</footer></body></html>"""


def facts_of(item):
    outcome = extract_item(item)
    return [(f.a, f.b, f.flow, f.value, f.year) for f in outcome.facts], outcome.problems


def write_warc(path, pages, compress):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for uri, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                                          http_headers=headers))


def test_a_text_file_is_one_record_named_by_its_path_under_the_root(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text(TEXT, encoding="utf-8")  # not a kind a directory is searched for
    [(path, root)] = input_files([tmp_path])
    [record] = read_records(path, root)
    assert record.doc == "sub/a.txt" and record.format == "text"
    assert facts_of(record)[0] == [("KAZ", "MNG", "turnover", 150e6, 2023)]


def test_an_html_page_gives_its_main_text_title_and_date(tmp_path):
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    [record] = records([tmp_path])
    document = document_from_record(record)
    assert document.text.startswith("Kazakh-Mongolian trade grows\n\n")
    assert "Home | News" not in document.text and "rights reserved" not in document.text
    assert str(document.published) == "2024-03-05"
    facts, problems = facts_of(record)
    assert ("KAZ", "MNG", "turnover", 150e6, 2023) in facts and problems == []


def test_an_html_page_without_main_text_is_a_warning_not_an_error():
    facts, problems = facts_of(Record("empty.html", "/x/empty.html", b"<html><body></body></html>", "html"))
    assert facts == [] and [(p.level, p.error) for p in problems] == [("warning", "no main text found in the HTML")]


@pytest.mark.parametrize("compressed", [False, True])
def test_json_lines_hold_one_document_per_line(tmp_path, compressed):
    lines = [
        json.dumps({"id": "kz-1", "text": TEXT, "published": "2024-01-10"}),
        "",
        "{not json",
        json.dumps({"url": "https://example.org/b", "title": "Kyrgyz-Russian trade", "text": "Kyrgyz exports to Russia reached $1.2 billion last year."}),
        json.dumps({"text": 42}),
        json.dumps({"text": "No figures here."}),
    ]
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / ("news.jsonl.gz" if compressed else "news.jsonl")
    path.write_bytes(gzip.compress(data) if compressed else data)
    items = list(records([path]))
    names = [i.doc for i in items]
    assert names == ["kz-1", f"{path.name}:3", "https://example.org/b", f"{path.name}:5", f"{path.name}:6"]
    assert isinstance(items[1], Failure) and "not a JSON object" in items[1].error
    assert isinstance(items[3], Failure) and '"text"' in items[3].error
    document = document_from_record(items[2])
    assert document.text.startswith("Kyrgyz-Russian trade\n\n")
    facts, _ = facts_of(items[2])
    assert facts == [("KGZ", "RUS", "export", 1.2e9, None)]  # "last year" with no date known
    assert str(document_from_record(items[0]).published) == "2024-01-10"


@pytest.mark.parametrize("compressed", [False, True])
def test_a_warc_archive_gives_its_html_responses_named_by_uri(tmp_path, compressed):
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    write_warc(path, [("https://news.example/kz-mn", "text/html; charset=utf-8", HTML),
                      ("https://news.example/logo.png", "image/png", "PNG..."),
                      ("https://news.example/feed", "application/json", "{}")], compressed)
    items = list(records([path]))
    assert [i.doc for i in items] == ["https://news.example/kz-mn"]
    facts, _ = facts_of(items[0])
    assert ("KAZ", "MNG", "turnover", 150e6, 2023) in facts


def test_a_file_that_is_not_a_warc_is_one_failure(tmp_path):
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"this is not a gzip member at all")
    [item] = records([path])
    assert isinstance(item, Failure) and item.doc == "broken.warc.gz" and "WARC" in item.error


def test_globs_are_expanded_and_a_path_that_names_nothing_is_refused(tmp_path):
    for name in ("a.txt", "b.txt", "c.html"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [p.name for p, _ in input_files([str(tmp_path / "*.txt")])] == ["a.txt", "b.txt"]
    with pytest.raises(InputError, match="no file matches"):
        input_files([str(tmp_path / "*.jsonl")])
    with pytest.raises(InputError, match="no such file"):
        input_files([tmp_path / "missing.txt"])


def test_a_document_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 3_000_000)
    [item] = records([path], max_document_mb=2)
    assert isinstance(item, Failure) and "more than the 2 MB" in item.error


def test_binary_and_undecodable_files():
    binary = Record("img.txt", "/x/img.txt", bytes(range(256)) * 40, "text")
    with pytest.raises(DocumentError, match="binary"):
        document_from_record(binary)
    latin1 = Record("old.txt", "/x/old.txt", TEXT.replace("$150", "\xa3150").encode("latin-1"), "text")
    document = document_from_record(latin1)
    assert "\ufffd150" in document.text and "not UTF-8" in document.warnings[0]
    utf16 = Record("wide.txt", "/x/wide.txt", "\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le"), "text")
    assert document_from_record(utf16).text == TEXT

"""Reading files: encodings, line endings, and the files that are skipped with a reason."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from retrieval.parsing import SkipFile, parse_file, parse_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "parsing"
CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cp1252_file_is_decoded_with_a_warning() -> None:
    doc = parse_file(FIXTURES / "cp1252_notes.txt", source="cp1252_notes.txt")
    assert doc.warnings == ("cp1252_notes.txt is not valid UTF-8; decoded as cp1252",)
    assert doc.title == "Café owners fear new rent rules"
    assert doc.paragraphs[0].text == (
        "The owners of the café on Main Street say the rules are “unfair” – and they’ll protest."
    )


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    path = _write(tmp_path, "koeln.txt", b"Gr\xfc\xdfe aus K\xf6ln\n\nDer Dom \x81 steht.\n")
    doc = parse_file(path, source="koeln.txt")
    assert doc.warnings == ("koeln.txt is not valid UTF-8; decoded as latin-1",)
    assert doc.title == "Grüße aus Köln"


def test_utf8_bom_is_dropped_without_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.txt", codecs.BOM_UTF8 + "Título\n\nTexto.\n".encode())
    doc = parse_file(path, source="bom.txt")
    assert doc.title == "Título"
    assert doc.warnings == ()


def test_utf16_with_bom_is_decoded_not_skipped(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "notepad.txt", "Notepad title\r\n\r\nSaved as Unicode.".encode("utf-16")
    )
    doc = parse_file(path, source="notepad.txt")
    assert doc.title == "Notepad title"
    assert [p.text for p in doc.paragraphs] == ["Saved as Unicode."]


def test_crlf_and_cr_line_endings_parse_like_lf(tmp_path: Path) -> None:
    lf = (FIXTURES / "plain_article.txt").read_bytes()
    expected = parse_file(FIXTURES / "plain_article.txt", source="a.txt")
    for name, data in (
        ("crlf.txt", lf.replace(b"\n", b"\r\n")),
        ("cr.txt", lf.replace(b"\n", b"\r")),
    ):
        doc = parse_file(_write(tmp_path, name, data), source="a.txt")
        assert doc.paragraphs == expected.paragraphs
        assert doc.title == expected.title
        assert not any("\r" in p.text for p in doc.paragraphs)


def test_crlf_comment_file_keeps_its_comment_tree(tmp_path: Path) -> None:
    seed = CORPUS / "001_a3f27b942b602c7e.txt"
    crlf = _write(tmp_path, "seed.txt", seed.read_bytes().replace(b"\n", b"\r\n"))
    expected = parse_file(seed, source="seed.txt")
    doc = parse_file(crlf, source="seed.txt")
    assert doc.comments == expected.comments
    assert doc.paragraphs == expected.paragraphs


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "skipped empty.txt: empty file"),
        ("blank.txt", b"  \n\t\r\n   \n", "skipped blank.txt: the file contains only whitespace"),
        (
            "notes.bin",
            b"PK\x03\x04\x00\x00data",
            "skipped notes.bin: binary file (contains NUL bytes)",
        ),
        (
            "noise.dat",
            bytes(range(1, 9)) * 20 + b"some text",
            "skipped noise.dat: binary file (95% of its bytes are control characters)",
        ),
    ],
)
def test_unusable_files_are_skipped_with_a_reason(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(SkipFile) as raised:
        parse_file(_write(tmp_path, name, data), source=name)
    assert str(raised.value) == message
    assert raised.value.source == name


def test_oversize_file_is_skipped_but_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    text = b"Title\n\n" + b"x" * 93
    assert len(text) == 100
    assert (
        parse_file(_write(tmp_path, "ok.txt", text), source="ok.txt", max_bytes=100).title
        == "Title"
    )
    with pytest.raises(
        SkipFile,
        match=r"^skipped big\.txt: file is too large \(101 bytes; the limit is 100 bytes, "
        r"MAX_FILE_BYTES\)$",
    ):
        parse_file(_write(tmp_path, "big.txt", text + b"x"), source="big.txt", max_bytes=100)


def test_default_limit_is_five_megabytes(tmp_path: Path) -> None:
    path = _write(tmp_path, "huge.txt", b"Title\n\n" + b"word " * 1_000_000)
    with pytest.raises(
        SkipFile,
        match=r"huge\.txt: file is too large \(5\.0 MB; the limit is 5\.0 MB, MAX_FILE_BYTES\)",
    ):
        parse_file(path, source="huge.txt")


def test_missing_file_is_skipped_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(SkipFile, match=r"^skipped sub/gone\.txt: could not be read"):
        parse_file(tmp_path / "gone.txt", source="sub/gone.txt")


def test_parse_text_normalises_and_refuses_blank_text() -> None:
    doc = parse_text("Title\r\n\r\nOne\u00a0two.\r\n", source="t.txt")
    assert [p.text for p in doc.paragraphs] == ["One two."]
    with pytest.raises(SkipFile, match=r"^skipped t\.txt: the file contains only whitespace$"):
        parse_text(" \n\n ", source="t.txt")


def test_tabs_form_feeds_and_a_stray_escape_do_not_make_text_binary(tmp_path: Path) -> None:
    data = b"Title\n\n\tIndented\ttext with a page break\x0c and one stray \x1b byte.\n"
    doc = parse_file(_write(tmp_path, "report.txt", data), source="report.txt")
    assert doc.paragraphs[0].text.startswith("Indented\ttext with a page break")

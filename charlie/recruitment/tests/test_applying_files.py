"""What an uploaded file is, by its content (``recruitment.files``, pure): real PDF, DOCX and ODT
made here pass; a program, a renamed file, a spreadsheet, a macro document, an encrypted ZIP and
ZIP bombs are refused; file names are cleaned."""

from __future__ import annotations

import io
import zipfile

import pytest

from charlie.recruitment import files
from charlie.recruitment.files import DOCX, ODT, PDF, Problem, Rejected, safe_filename, sniff
from charlie.recruitment.tests.factories import _zip, docx_bytes, odt_bytes, pdf_bytes

LIMIT = 5 * 1024 * 1024


def _problem(data: bytes, limit: int = LIMIT) -> Problem:
    with pytest.raises(Rejected) as caught:
        sniff(data, max_bytes=limit)
    return caught.value.problem


def test_real_documents_are_told_by_their_content():
    assert sniff(pdf_bytes(), max_bytes=LIMIT) is PDF
    assert sniff(docx_bytes(), max_bytes=LIMIT) is DOCX
    assert sniff(odt_bytes(), max_bytes=LIMIT) is ODT


def test_a_program_named_pdf_is_refused():
    program = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program cannot be run"
    assert _problem(program) == Problem.UNKNOWN_TYPE
    assert _problem(b"\x7fELF\x02\x01\x01" + b"\x00" * 100) == Problem.UNKNOWN_TYPE
    assert _problem(b"<html><script>alert(1)</script></html>") == Problem.UNKNOWN_TYPE


def test_a_pdf_named_exe_is_a_pdf_and_gets_its_right_name():
    assert sniff(pdf_bytes(), max_bytes=LIMIT) is PDF
    assert safe_filename("cv.exe", PDF) == "cv.pdf"


def test_a_zip_that_is_no_word_document_is_refused():
    assert _problem(_zip([("readme.txt", b"hello"), ("photo.jpg", b"\xff\xd8\xff")])) == (
        Problem.UNKNOWN_TYPE
    )
    # Content types that declare only a spreadsheet.
    sheet = (
        b'<Types><Override PartName="/xl/workbook.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    assert _problem(_zip([("[Content_Types].xml", sheet), ("xl/workbook.xml", b"<x/>")])) == (
        Problem.UNKNOWN_TYPE
    )


def test_word_content_type_without_the_document_part_is_refused():
    data = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(n, archive.read(n)) for n in archive.namelist() if n != "word/document.xml"]
    assert _problem(_zip(entries)) == Problem.UNKNOWN_TYPE


def test_other_opendocument_types_are_refused():
    spreadsheet = odt_bytes(mimetype="application/vnd.oasis.opendocument.spreadsheet")
    assert _problem(spreadsheet) == Problem.UNKNOWN_TYPE


def test_a_word_document_with_macros_is_refused():
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as archive:
        entries = [(n, archive.read(n)) for n in archive.namelist()]
    assert _problem(_zip([*entries, ("word/vbaProject.bin", b"\x00" * 100)])) == Problem.MACROS


def test_an_encrypted_zip_is_refused():
    data = bytearray(docx_bytes())
    # Set the "encrypted" flag (bit 0 of the general purpose flags) in the central directory.
    index = data.find(b"PK\x01\x02")
    while index != -1:
        data[index + 8] |= 0x1
        index = data.find(b"PK\x01\x02", index + 4)
    assert _problem(bytes(data)) == Problem.ENCRYPTED


def test_a_zip_bomb_is_refused_before_anything_is_unpacked():
    # 50 MB of zeros compress to about 50 kB: a ratio of about 1,000.
    bomb = _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"\0" * 50_000_000)])
    assert len(bomb) < LIMIT
    assert _problem(bomb) == Problem.ZIP_BOMB


def test_a_zip_with_too_many_entries_is_refused():
    many = _zip([(f"f{i}.xml", b"<x/>") for i in range(files.MAX_ZIP_ENTRIES + 1)])
    assert _problem(many) == Problem.ZIP_BOMB


def test_unpacking_to_more_than_the_limit_is_refused():
    # Each entry compresses only about 100 times, but together they unpack past 20 × the limit.
    limit = 10_000
    entries = [(f"p{i}.xml", (b"<p>abc</p>" * 1000)) for i in range(25)]  # 250 kB unpacked
    data = _zip(entries)
    assert len(data) <= limit
    assert _problem(data, limit=limit) == Problem.ZIP_BOMB  # more than 20 × 10 kB


def test_too_large_empty_and_broken_files():
    assert _problem(pdf_bytes(), limit=100) == Problem.TOO_LARGE
    assert _problem(b"") == Problem.EMPTY
    assert _problem(b"PK\x03\x04 this is not really a zip") == Problem.BROKEN


def test_the_limit_itself_is_allowed():
    data = pdf_bytes()
    assert sniff(data, max_bytes=len(data)) is PDF


@pytest.mark.parametrize(
    ("original", "file_type", "expected"),
    [
        ("CV.pdf", PDF, "CV.pdf"),
        ("C:\\Users\\sara\\Dokumenter\\Ansøgning – Sara.docx", DOCX, "Ansøgning Sara.docx"),
        ("../../etc/passwd", ODT, "passwd.odt"),
        ('cv"; filename="evil.html', PDF, "cv filename evil.pdf"),
        ("cv\r\nSet-Cookie: x.pdf", PDF, "cvSet-Cookie x.pdf"),
        (".hidden", PDF, "hidden.pdf"),
        ("", DOCX, "fil.docx"),
        ("....", PDF, "fil.pdf"),
        ("Søren Ærø Åsen.odt", ODT, "Søren Ærø Åsen.odt"),
        ("a" * 300 + ".pdf", PDF, "a" * 96 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(original, file_type, expected):
    assert safe_filename(original, file_type) == expected


def test_decomposed_letters_are_composed():
    assert safe_filename("Ma\u0308rtha.pdf", PDF) == "M\u00e4rtha.pdf"

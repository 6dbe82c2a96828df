"""What an applicant's uploaded file really is: PDF, DOCX or ODT, told by its content, never by
its name or the browser's content type. Pure functions, no Django.

- **PDF** begins with ``%PDF-`` (ISO 32000-1, 7.5.2, "File Header").
- **DOCX** is a ZIP (Office Open XML, ECMA-376 part 2, Open Packaging Conventions) whose
  ``[Content_Types].xml`` declares the WordprocessingML main document
  (``application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml``) and
  which holds that part. A macro-enabled document (``.docm``, a ``vbaProject.bin``) is refused.
- **ODT** is a ZIP (OpenDocument 1.2, part 3, 3.3) whose first entry is ``mimetype``, stored
  uncompressed, holding exactly ``application/vnd.oasis.opendocument.text``.

Everything else is refused: a program renamed ``.pdf``, a spreadsheet, an image, an encrypted
ZIP, and a **ZIP bomb** (too many entries, too much uncompressed data, or a compression ratio no
office document has). Only the central directory and one small entry are read; nothing else is
unpacked. The original file name is kept only after ``safe_filename`` has cleaned it.
"""

from __future__ import annotations

import enum
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

__all__ = [
    "DOCX",
    "ODT",
    "PDF",
    "FileType",
    "Problem",
    "Rejected",
    "safe_filename",
    "sniff",
]

#: The largest number of entries a ZIP may have (an ordinary DOCX has 10–30).
MAX_ZIP_ENTRIES = 500
#: The largest total size the entries of a ZIP may unpack to, as a multiple of the upload limit.
MAX_UNPACKED_FACTOR = 20
#: The highest compression ratio one entry may have; XML compresses about 5–20 times, a ZIP bomb
#: 1,000 times and more.
MAX_RATIO = 200
#: Entries smaller than this are not judged by their ratio (a tiny XML compresses oddly).
RATIO_FLOOR = 64 * 1024
#: The most of ``[Content_Types].xml`` or ``mimetype`` that is read.
MAX_MANIFEST_BYTES = 256 * 1024
#: The longest file name kept, extension included.
MAX_NAME_LENGTH = 100


@dataclass(frozen=True, slots=True)
class FileType:
    code: str
    content_type: str
    extension: str


PDF = FileType("pdf", "application/pdf", ".pdf")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", ".odt")


class Problem(enum.StrEnum):
    """Why a file was refused (the services turn each into a Danish message)."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNKNOWN_TYPE = "unknown_type"
    BROKEN = "broken"
    ENCRYPTED = "encrypted"
    MACROS = "macros"
    ZIP_BOMB = "zip_bomb"


class Rejected(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCX_PART = "/word/document.xml"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_OVERRIDE = re.compile(r"<Override\b([^>]*)/?>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*("([^"]*)"|'([^']*)')""")


def sniff(data: bytes, *, max_bytes: int) -> FileType:
    """The type of ``data`` by its content, or ``Rejected`` with the reason.

    >>> sniff(b"%PDF-1.7 ...", max_bytes=1000).code
    'pdf'
    """
    if not data:
        raise Rejected(Problem.EMPTY)
    if len(data) > max_bytes:
        raise Rejected(Problem.TOO_LARGE)
    if data.startswith(_PDF_MAGIC):
        return PDF
    if data.startswith(_ZIP_MAGIC):
        return _sniff_zip(data, max_unpacked=max_bytes * MAX_UNPACKED_FACTOR)
    raise Rejected(Problem.UNKNOWN_TYPE)


def _sniff_zip(data: bytes, *, max_unpacked: int) -> FileType:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Rejected(Problem.BROKEN) from exc
    with archive:
        entries = archive.infolist()
        _check_bomb(entries, max_unpacked=max_unpacked)
        names = {entry.filename for entry in entries}
        if any(entry.flag_bits & 0x1 for entry in entries):
            raise Rejected(Problem.ENCRYPTED)
        if entries and entries[0].filename == "mimetype":
            if _read(archive, entries[0]).strip() == _ODT_MIMETYPE:
                return ODT
            raise Rejected(Problem.UNKNOWN_TYPE)  # a spreadsheet, a presentation, an e-book …
        if "[Content_Types].xml" in names:
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise Rejected(Problem.MACROS)
            types = _read(archive, archive.getinfo("[Content_Types].xml"))
            if _declares_word_document(types) and _DOCX_PART.lstrip("/") in names:
                return DOCX
        raise Rejected(Problem.UNKNOWN_TYPE)


def _check_bomb(entries: list[zipfile.ZipInfo], *, max_unpacked: int) -> None:
    """Judge the ZIP by its central directory alone, before anything is unpacked."""
    if len(entries) > MAX_ZIP_ENTRIES:
        raise Rejected(Problem.ZIP_BOMB)
    total = 0
    for entry in entries:
        total += entry.file_size
        if total > max_unpacked:
            raise Rejected(Problem.ZIP_BOMB)
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise Rejected(Problem.ZIP_BOMB)


def _read(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """At most ``MAX_MANIFEST_BYTES`` of one entry (its declared size may lie)."""
    if entry.file_size > MAX_MANIFEST_BYTES:
        raise Rejected(Problem.ZIP_BOMB)
    try:
        with archive.open(entry) as stream:
            content = stream.read(MAX_MANIFEST_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as exc:
        raise Rejected(Problem.BROKEN) from exc
    if len(content) > MAX_MANIFEST_BYTES:
        raise Rejected(Problem.ZIP_BOMB)
    return content


def _declares_word_document(types_xml: bytes) -> bool:
    """Whether ``[Content_Types].xml`` names ``/word/document.xml`` as the WordprocessingML
    main document. Read with a regular expression, not an XML parser: the text is untrusted
    and only two attributes of one element matter."""
    text = types_xml.decode("utf-8", errors="replace")
    for match in _OVERRIDE.finditer(text):
        attributes = {
            m.group(1).lower(): (m.group(3) if m.group(3) is not None else m.group(4))
            for m in _ATTRIBUTE.finditer(match.group(1))
        }
        if (
            attributes.get("partname", "").lower() == _DOCX_PART
            and attributes.get("contenttype", "").strip().lower() == _DOCX_MAIN
        ):
            return True
    return False


_UNSAFE = re.compile(r"[^\w .()+,-]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def safe_filename(original: str, file_type: FileType) -> str:
    """The applicant's file name fit to keep and to send back in a header: the last part of a
    path only, Unicode normalised (NFC), no control characters, quotes, slashes or other
    characters outside letters, digits and ``space . ( ) + , - _``, no leading dots, at most
    ``MAX_NAME_LENGTH`` characters, and the extension of the type the content showed.

    >>> safe_filename("C:\\\\Users\\\\sara\\\\CV – Sara.exe", PDF)
    'CV Sara.pdf'
    """
    name = original.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").lstrip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = _UNSAFE.sub(" ", stem)
    stem = _SPACES.sub(" ", stem).strip(" .")
    stem = stem[: MAX_NAME_LENGTH - len(file_type.extension)].rstrip(" .")
    return f"{stem or 'fil'}{file_type.extension}"

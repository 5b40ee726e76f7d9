"""Read a file's bytes, refuse unusable files and decode the rest to normalised text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from retrieval.parsing.errors import SkipFile

_SAMPLE_BYTES = 64 * 1024
_CONTROL_SHARE_LIMIT = 0.10
# Control bytes that ordinary text files do contain: tab, LF, CR, form feed, DOS end-of-file.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1a")


@dataclass(frozen=True)
class Decoded:
    """Decoded, normalised text and any warnings about how it was decoded."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def read_text(path: Path, *, source: str, max_bytes: int) -> Decoded:
    """Read and decode ``path``; SkipFile when it is unreadable, too large, empty or binary."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(source, _too_large(size, max_bytes))
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(source, f"could not be read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise SkipFile(source, _too_large(len(data), max_bytes))
    return decode_bytes(data, source=source)


def decode_bytes(data: bytes, *, source: str) -> Decoded:
    """Decode ``data`` (UTF-8, else cp1252, else latin-1) and normalise line ends and spaces."""
    if not data:
        raise SkipFile(source, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = _decode_utf16(data, source)
    else:
        _reject_binary(data, source)
        decoded = _decode_8bit(data, source)
    text = normalise(decoded.text)
    check_not_blank(text, source)
    return Decoded(text, decoded.encoding, decoded.warnings)


def normalise(text: str) -> str:
    """Drop a BOM, turn CRLF/CR into LF and no-break spaces into plain spaces."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")


def check_not_blank(text: str, source: str) -> None:
    """Raise SkipFile when ``text`` has nothing but whitespace."""
    if not text:
        raise SkipFile(source, "empty file")
    if not text.strip():
        raise SkipFile(source, "the file contains only whitespace")
    if "\x00" in text:
        raise SkipFile(source, "binary file (contains NUL characters)")


def _reject_binary(data: bytes, source: str) -> None:
    if b"\x00" in data:
        raise SkipFile(source, "binary file (contains NUL bytes)")
    sample = data[:_SAMPLE_BYTES]
    controls = sum(
        1 for byte in sample if (byte < 32 and byte not in _TEXT_CONTROLS) or byte == 127
    )
    if controls / len(sample) > _CONTROL_SHARE_LIMIT:
        share = round(100 * controls / len(sample))
        raise SkipFile(source, f"binary file ({share}% of its bytes are control characters)")


def _decode_utf16(data: bytes, source: str) -> Decoded:
    try:
        return Decoded(data.decode("utf-16"), "utf-16")
    except UnicodeDecodeError as exc:
        raise SkipFile(source, "binary file (starts like UTF-16 but does not decode)") from exc


def _decode_8bit(data: bytes, source: str) -> Decoded:
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    return Decoded(text, encoding, (f"{source} is not valid UTF-8; decoded as {encoding}",))


def _too_large(size: int, limit: int) -> str:
    return (
        f"file is too large ({_human_size(size)}; the limit is {_human_size(limit)}, "
        "MAX_FILE_BYTES)"
    )


def _human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"

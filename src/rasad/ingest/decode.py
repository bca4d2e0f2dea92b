"""Bytes → text: BOMs, UTF-8, UTF-16, and the legacy Arabic code pages (cp1256, ISO-8859-6), with binary detection.

Order matters: a BOM is authoritative; then strict UTF-8 (most of today's text); then UTF-16 without a BOM
(recognised by its NUL pattern, before the binary check would reject it); then binary rejection; then the legacy
Arabic code pages. cp1256 and ISO-8859-6 put Arabic letters at different byte values, so each candidate decoding is
scored by how much of it reads as Arabic/ASCII text, and charset-normalizer's guess is only a tie-breaker.
"""

from __future__ import annotations

import codecs

from rasad.errors import BinaryInputError, EmptyInputError
from rasad.text.normalize import is_arabic_letter

_LEGACY = ("cp1256", "iso-8859-6")


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) // 2)
    odd_nul = data[1::2].count(0) / (len(data) // 2)
    # Arabic in UTF-16 has 0x06 high bytes rather than NULs, so also accept that pattern.
    even_06 = data[0::2].count(6) / (len(data) // 2)
    odd_06 = data[1::2].count(6) / (len(data) // 2)
    for enc, marker in (("utf-16-le", odd_nul + odd_06), ("utf-16-be", even_nul + even_06)):
        if marker > 0.3:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many C0 control characters (outside tab/newline/CR/FF/ESC) mean this is not text."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(sample) // 200)


def _text_score(text: str) -> float:
    """Share of characters that are plausible in Arabic/Latin text (letters, digits, spaces, common punctuation)."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        if is_arabic_letter(ch) or ch.isascii() or ch in "،؛؟«»ـ\u00a0":
            good += 1
    return good / len(text)


def decode_bytes(data: bytes, origin: str = "input") -> str:
    """Decode `data` to text or raise BinaryInputError / EmptyInputError with a one-line reason."""
    if not data.strip() or not data.removeprefix(codecs.BOM_UTF8).strip():
        raise EmptyInputError(f"{origin}: empty input")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise BinaryInputError(f"{origin}: not valid {enc} text ({exc.reason})") from None
    # BOM-less UTF-16 Arabic is often valid UTF-8 byte-wise (0x06 high bytes are ASCII control codes), so it has
    # to be recognised before UTF-8 is tried.
    head = data[:4096]
    if b"\x00" in head or head.count(6) > len(head) // 8:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None and _text_score(utf16) > 0.9:
            return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if looks_binary(data):
            raise BinaryInputError(f"{origin}: binary data, not a text or HTML article")
        return text
    if looks_binary(data):
        raise BinaryInputError(f"{origin}: binary data, not a text or HTML article")
    candidates = []
    for enc in _LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_text_score(text), sum(1 for c in text if is_arabic_letter(c)), enc, text))
    if not candidates:
        raise BinaryInputError(f"{origin}: undecodable bytes (not UTF-8, UTF-16, cp1256 or ISO-8859-6)")
    candidates.sort(reverse=True)
    best = candidates[0]
    if best[0] < 0.85:
        raise BinaryInputError(f"{origin}: undecodable or binary data (best guess {best[2]} reads as noise)")
    return best[3]

import os

import pytest

from rasad.errors import BinaryInputError, EmptyInputError
from rasad.ingest.decode import decode_bytes

ARTICLE = (
    "أعلنت وزارة الخارجية المصرية اليوم الأحد أن الوزير سيزور عمّان، وقالت في بيان: «المحادثات ستتناول الأوضاع».\n"
    "وأضافت أن الزيارة تستمر يومين، بحسب وكالة أنباء الشرق الأوسط."
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"])
def test_every_supported_encoding_decodes_to_the_same_text(encoding: str) -> None:
    assert decode_bytes(ARTICLE.encode(encoding)) == ARTICLE


def test_iso_8859_6() -> None:
    text = ARTICLE.replace("«", '"').replace("»", '"').replace("ّ", "")  # ISO-8859-6 has no guillemets or shadda
    assert decode_bytes(text.encode("iso-8859-6")) == text


def test_cp1256_with_characters_outside_iso_8859_6() -> None:
    text = "گزارش چاپ شد: «پژوهش» در تهران"  # Persian letters and guillemets exist in cp1256 only
    assert decode_bytes(text.encode("cp1256")) == text


def test_random_bytes_are_binary() -> None:
    with pytest.raises(BinaryInputError):
        decode_bytes(os.urandom(4096), "x.bin")


def test_png_header_is_binary() -> None:
    with pytest.raises(BinaryInputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "img.png")


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\xef\xbb\xbf"])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode_bytes(data, "empty.txt")

"""Vietnamese text keys: NFC, tone-mark style, diacritics, prefixes."""

from __future__ import annotations

import unicodedata

import pytest

from ntm_cli.domain.text import (
    fold,
    has_diacritics,
    name_key,
    nfc,
    slug,
    split_prefix,
    tone_key,
    unit_name_key,
)


def test_nfc_folds_decomposed_text_and_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "Xã  Long Đức ")
    assert nfc(decomposed) == "Xã Long Đức"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hoà", "Hòa"),
        ("hoá", "hóa"),
        ("Thuỷ", "Thủy"),
        ("khoẻ", "khỏe"),
        ("Lương Hoà A", "Lương Hòa A"),
    ],
)
def test_tone_key_joins_old_and_new_tone_placement(old: str, new: str) -> None:
    assert tone_key(old) == tone_key(new)


def test_tone_key_keeps_different_tones_apart() -> None:
    assert tone_key("Hòa") != tone_key("Hóa")
    # a final consonant puts the mark on the second vowel in both styles: nothing to move
    assert tone_key("Hoàng") == "hoàng"
    assert tone_key("quý") == "quý"


def test_fold_removes_every_mark_and_the_stroke_of_d() -> None:
    assert fold("Đôn Xuân") == "don xuan"
    assert fold(unicodedata.normalize("NFD", "Đức Mỹ")) == "duc my"
    assert not has_diacritics("cau ke")
    assert has_diacritics("Cầu Kè")


@pytest.mark.parametrize(
    ("text", "kind", "bare"),
    [
        ("H. Cầu Kè", "district", "Cầu Kè"),
        ("Huyện Cầu Kè", "district", "Cầu Kè"),
        ("TX Duyên Hải", "town", "Duyên Hải"),
        ("TP. Trà Vinh", "city", "Trà Vinh"),
        ("Thị trấn Định An", "township", "Định An"),
        ("TT. Định An", "township", "Định An"),
        ("X. Long Đức", "commune", "Long Đức"),
        ("P.01", "ward", "01"),
        ("Cầu Kè", None, "Cầu Kè"),
        ("Hiệp Hòa", None, "Hiệp Hòa"),
        ("huyen cau ke", "district", "cau ke"),
        # names that begin like a prefix word are names
        ("Phương Thạnh", None, "Phương Thạnh"),
        ("Huyền Hội", None, "Huyền Hội"),
        ("Xã Phương Thạnh", "commune", "Phương Thạnh"),
        ("Tịnh Biên", None, "Tịnh Biên"),
        ("Tân Hòa", None, "Tân Hòa"),
        ("Hà Tiên", None, "Hà Tiên"),
    ],
)
def test_split_prefix(text: str, kind: str | None, bare: str) -> None:
    assert split_prefix(text) == (kind, bare)


def test_name_keys_match_numbered_wards_and_tone_styles() -> None:
    assert unit_name_key("P.01") == unit_name_key("Phường 1")
    assert unit_name_key("Xã Hoà Tân")[0] == name_key("hòa tân")[0]
    assert unit_name_key("Xã Hoà Tân")[1] == "hoa tan"
    assert unit_name_key("Xã Phương Thạnh") == name_key("Phương Thạnh")  # stripped once


def test_slug() -> None:
    assert slug("Xã Long Đức") == "xa-long-duc"

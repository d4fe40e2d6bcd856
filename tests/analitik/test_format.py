"""Indonesian formatting at the edge and the plain-language reading of a comparison."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analitik.format import angka, bertanda, bilangan, kalimat_unsur, kata_efek, nilai_p, persen
from analitik.keluaran import objek_banding
from analitik.tabel import dari_baris


@pytest.mark.parametrize(
    ("x", "desimal", "teks"),
    [
        (78.744, 2, "78,74"),
        (76.605, 2, "76,61"),  # half-up, as typed
        (Decimal("88.304999"), 2, "88,30"),
        (1234.5, 2, "1.234,50"),
        (-2.5, 2, "-2,50"),
        (-0.001, 2, "0,00"),  # no "-0,00"
        (3.04074, 4, "3,0407"),
        (None, 2, "–"),
    ],
)
def test_numbers_get_a_decimal_comma_and_a_thousands_point(x, desimal, teks):
    assert angka(x, desimal) == teks


def test_counts_percentages_and_signed_differences():
    assert bilangan(12345) == "12.345"
    assert persen(12.5) == "12,50%"
    assert bertanda(0.31) == "+0,31"
    assert bertanda(-1.2) == "-1,20"
    assert bertanda(0.0) == "0,00"


@pytest.mark.parametrize(
    ("p", "teks"),
    [
        (0.0004, "p < 0,001"),
        (0.002, "p = 0,002"),
        (0.0015, "p = 0,002"),
        (0.049, "p = 0,049"),
        (0.9996, "p > 0,999"),
        (1.0, "p = 1,000"),
        (None, "p –"),
    ],
)
def test_p_values(p, teks):
    assert nilai_p(p) == teks


@pytest.mark.parametrize(
    ("d", "kata"),
    [
        (0.0, "dapat diabaikan"),
        (-0.19, "dapat diabaikan"),
        (0.2, "kecil"),
        (-0.49, "kecil"),
        (0.5, "sedang"),
        (0.8, "besar"),
    ],
)
def test_effect_words_follow_cohens_thresholds(d, kata):
    assert kata_efek(d) == f"efek {kata}"


def test_a_sentence_per_unsur_says_direction_significance_and_size():
    # U3 moves from mostly 2-3 to mostly 3-4 in 200 respondents per period.
    sebelum = dari_baris([[3, 3, 2, 3, 3, 3, 3, 3, 3]] * 120 + [[3, 3, 3, 3, 3, 3, 3, 3, 3]] * 80)
    sesudah = dari_baris([[3, 3, 4, 3, 3, 3, 3, 3, 3]] * 90 + [[3, 3, 3, 3, 3, 3, 3, 3, 3]] * 110)
    obj = objek_banding(sebelum, sesudah, bootstrap=20)
    kalimat = kalimat_unsur(obj, "U3")
    assert kalimat.startswith("U3 Waktu Penyelesaian naik 1,05 poin (2,40 menjadi 3,45); ")
    assert "bermakna setelah koreksi Holm (p < 0,001)" in kalimat
    assert kalimat.endswith("efek besar")
    # Nothing to test where every answer is 3 in both periods.
    assert kalimat_unsur(obj, "U1") == (
        "U1 Persyaratan tidak berubah (3,00 menjadi 3,00); uji Welch tidak dapat dihitung: semua jawaban "
        "dalam setiap kelompok sama, sehingga tidak ada variasi; ukuran efek tidak dapat dihitung"
    )


def test_numbers_follow_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        assert angka(1234.5) == "1,234.50"
        assert angka(78.744) == "78.74"
    with translation.override("id"):
        assert angka(1234.5) == "1.234,50"

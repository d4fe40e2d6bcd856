"""The chart kinds the reports added to analitik.grafik (difference with interval, stacked
answer distributions, IKM by period with the penataan marked, difference-in-differences):
valid, accessible and deterministic SVG whose data table is the input, in Indonesian."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from analitik.grafik import Grafik, grafik_did, grafik_distribusi, grafik_ikm_periode, grafik_selisih
from analitik.tabel import KODE_UNSUR

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _indonesia() -> Iterator[None]:
    with translation.override("id"):
        yield


def banding() -> dict[str, Any]:
    unsur = {
        k: {
            "selisih": 0.1 * (i - 4),
            "ci95": [0.1 * (i - 4) - 0.2, 0.1 * (i - 4) + 0.2],
            "p_holm": 0.01 if i in (0, 8) else 0.5,
        }
        for i, k in enumerate(KODE_UNSUR)
    }
    unsur["U5"] = {"selisih": None, "ci95": [None, None], "p_holm": None}
    return {"unsur": unsur}


def hitung() -> dict[str, dict[str, tuple[int, int, int, int]]]:
    return {
        "Sebelum": dict.fromkeys(KODE_UNSUR, (1, 2, 3, 4)),
        "Sesudah": {**dict.fromkeys(KODE_UNSUR, (0, 1, 5, 4)), "U9": (0, 0, 0, 0)},
    }


def its() -> dict[str, Any]:
    nilai = [70.0, 71.5, 72.0, 80.25, 81.0, 82.5]
    koef = {
        "konstanta": {"koef": 70.0},
        "tren": {"koef": 1.0},
        "perubahan_level": {"koef": 7.0},
        "perubahan_tren": {"koef": 0.2},
    }
    return {
        "periode": [
            {"mulai": "x", "sampai": "y", "n": 40 + i, "nilai_konversi": v} for i, v in enumerate(nilai)
        ],
        "indeks_intervensi": 3,
        "koefisien": koef,
        "alasan": None,
    }


def did() -> dict[str, Any]:
    return {
        "rata": {
            "diobati_sebelum": 70.0,
            "diobati_sesudah": 78.5,
            "pembanding_sebelum": 72.0,
            "pembanding_sesudah": 74.0,
        },
        "estimasi": {"koef": 6.5},
    }


def semua() -> list[Grafik]:
    return [
        grafik_selisih(banding(), kunci="selisih"),
        grafik_distribusi(hitung(), kunci="sebaran"),
        grafik_ikm_periode(
            its(), ["S1 2023", "S2 2023", "S1 2024", "S2 2024", "S1 2025", "S2 2025"], kunci="its"
        ),
        grafik_did(did(), kunci="did"),
    ]


def test_each_is_valid_svg_with_its_title_and_description() -> None:
    for g in semua():
        akar = ET.fromstring(g.svg)
        assert akar.tag == f"{SVG}svg"
        assert akar.get("role") == "img"
        assert akar.find(f"{SVG}title").text == g.judul  # type: ignore[union-attr]
        assert akar.find(f"{SVG}desc").text == g.keterangan  # type: ignore[union-attr]
        assert all(i.startswith(f"grafik-{g.kunci}-") for i in (e.get("id") for e in akar.iter()) if i)


def test_the_same_input_gives_the_same_bytes() -> None:
    assert [g.svg for g in semua()] == [g.svg for g in semua()]


def test_the_difference_chart_tables_every_unsur_and_names_the_significant_ones() -> None:
    g = grafik_selisih(banding(), kunci="selisih")
    teks = g.baris_teks()
    assert [b[0].split(" ")[0] for b in teks] == list(KODE_UNSUR)
    assert teks[0][1:] == ["-0,40", "-0,60", "-0,20", "p = 0,010"]
    assert teks[4][1:] == ["–", "–", "–", "p –"]
    assert "U1, U9" in g.keterangan
    assert "Selisih rata-rata (sesudah − sebelum)" in g.svg


def test_the_distribution_chart_gives_shares_that_add_up_and_empty_groups_as_gaps() -> None:
    g = grafik_distribusi(hitung(), kunci="sebaran")
    teks = g.baris_teks()
    assert len(teks) == 18
    assert teks[0] == ["U1 Persyaratan", "Sebelum", "10,0", "20,0", "30,0", "40,0", "10"]
    assert teks[-1][1:] == ["Sesudah", "–", "–", "–", "–", "0"]
    for b in g.baris[:-1]:
        assert sum(v for v in b[2:6] if isinstance(v, float)) == pytest.approx(100)


def test_the_period_chart_marks_the_penataan_bands_and_fitted_segments() -> None:
    g = grafik_ikm_periode(
        its(), ["A", "B", "C", "D", "E", "F"], kunci="its", label_penanda="Penataan 1 Jul 2024"
    )
    assert g.baris_teks()[3] == ["D", "80,25", "B", "43"]
    assert "Penataan 1 Jul 2024" in g.svg
    assert "mutu B" in g.svg and "mutu C" in g.svg
    assert "3 sebelum dan 3 sesudah" in g.keterangan
    assert "regresi tersegmentasi" in g.keterangan
    with pytest.raises(ValueError, match="label"):
        grafik_ikm_periode(its(), ["A"], kunci="its")


def test_the_did_chart_tables_the_counterfactual() -> None:
    g = grafik_did(did(), kunci="did")
    assert g.baris_teks() == [
        ["Unit ditata", "70,00", "78,50", "8,50"],
        ["Unit pembanding", "72,00", "74,00", "2,00"],
        ["Unit ditata bila berubah seperti pembanding", "70,00", "72,00", "2,00"],
    ]
    assert "6,50 poin" in g.keterangan
    assert "DiD 6,50" in g.svg


def test_a_did_without_comparison_draws_what_it_has() -> None:
    kosong = {"rata": {"diobati_sebelum": 70.0, "diobati_sesudah": 71.0}, "estimasi": {"koef": None}}
    g = grafik_did(kosong, kunci="did-kosong")
    assert g.baris_teks()[1] == ["Unit pembanding", "–", "–", "–"]
    ET.fromstring(g.svg)

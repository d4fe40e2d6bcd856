"""Fixtures and helpers for the public survey pages (tests/survei/test_publik_*.py).

Import in a test module with
    from tests.survei.conftest_publik import *  # noqa: F403
so that pytest sees the fixtures, plus the helpers by name.

The surveys use the built-in SKM questionnaire installed by migration 0003, at the shared
fixtures' units: `unit` (Disdukcapil, with two services) and `unit_lain` (Dinkes, one service).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from organisasi.models import Layanan, UnitLayanan
from survei.kios import NAMA_COOKIE as NAMA_COOKIE_KIOS
from survei.kios import tanda_kios
from survei.models import KOLOM_UNSUR, Jawaban, Kuesioner, Pertanyaan, Respons, Survei
from survei.services import survei_buat, survei_buka, survei_tutup
from survei.skm import KODE_TEMPLATE_SKM, KODE_TEMPLATE_SKM_HARAPAN, URUTAN_ANGKET
from tests.factories import LayananFactory

__all__ = [
    "ambil_kunci",
    "buka_formulir",
    "isian",
    "jadikan_kios",
    "jumlah_tersimpan",
    "kuesioner_harapan",
    "kuesioner_skm",
    "layanan_akta",
    "layanan_ktp",
    "layanan_lain",
    "survei_ditutup",
    "survei_draft",
    "survei_harapan",
    "survei_satu_unit",
    "survei_skm",
    "url_isi",
    "url_kios",
]


def _survei(kuesioner: Kuesioner, *unit: UnitLayanan, judul: str, buka: bool = True) -> Survei:
    survei = survei_buat(
        kuesioner=kuesioner,
        instansi_unit=[(u, None) for u in unit],
        judul=judul,
        periode="Semester I 2025",
        mulai=date(2025, 1, 1),
        selesai=date(2025, 6, 30),
        pengguna=None,
    )
    return survei_buka(survei=survei) if buka else survei


@pytest.fixture
def kuesioner_skm(db: None) -> Kuesioner:
    return Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM)


@pytest.fixture
def kuesioner_harapan(db: None) -> Kuesioner:
    return Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM_HARAPAN)


@pytest.fixture
def layanan_akta(unit: UnitLayanan) -> Layanan:
    return LayananFactory.create(unit=unit, nama="Akta Kelahiran")


@pytest.fixture
def layanan_ktp(unit: UnitLayanan) -> Layanan:
    return LayananFactory.create(unit=unit, nama="KTP Elektronik")


@pytest.fixture
def layanan_lain(unit_lain: UnitLayanan) -> Layanan:
    return LayananFactory.create(unit=unit_lain, nama="Imunisasi Anak")


@pytest.fixture
def survei_skm(
    kuesioner_skm: Kuesioner,
    unit: UnitLayanan,
    unit_lain: UnitLayanan,
    layanan_akta: Layanan,
    layanan_ktp: Layanan,
    layanan_lain: Layanan,
) -> Survei:
    """Open, at two units."""
    return _survei(kuesioner_skm, unit, unit_lain, judul="SKM Disdukcapil dan Dinkes")


@pytest.fixture
def survei_satu_unit(kuesioner_skm: Kuesioner, unit: UnitLayanan, layanan_akta: Layanan) -> Survei:
    return _survei(kuesioner_skm, unit, judul="SKM Disdukcapil")


@pytest.fixture
def survei_harapan(kuesioner_harapan: Kuesioner, unit: UnitLayanan) -> Survei:
    return _survei(kuesioner_harapan, unit, judul="SKM dengan harapan")


@pytest.fixture
def survei_draft(kuesioner_skm: Kuesioner, unit: UnitLayanan) -> Survei:
    return _survei(kuesioner_skm, unit, judul="SKM yang belum dibuka", buka=False)


@pytest.fixture
def survei_ditutup(kuesioner_skm: Kuesioner, unit: UnitLayanan) -> Survei:
    return survei_tutup(survei=_survei(kuesioner_skm, unit, judul="SKM yang sudah ditutup"))


# Helpers ----------------------------------------------------------------------------------------


def url_isi(survei: Survei, **query: Any) -> str:
    alamat = reverse("survei:isi", kwargs={"kode": survei.kode})
    return f"{alamat}?{urlencode(query)}" if query else alamat


def url_kios(survei: Survei, unit: UnitLayanan) -> str:
    return reverse("survei:kios", kwargs={"kode": survei.kode, "unit_id": unit.pk})


def jadikan_kios(client: Client, survei: Survei, unit: UnitLayanan) -> Client:
    """The client as a device an evaluator made this unit's kiosk (survei.kios)."""
    client.cookies[NAMA_COOKIE_KIOS] = tanda_kios(survei_id=survei.pk, unit_id=unit.pk)
    return client


def ambil_kunci(html: str) -> str:
    cocok = re.search(r'<input type="hidden" name="kunci" value="([^"]+)"', html)
    assert cocok, "the form has no kunci field"
    return cocok.group(1)


def buka_formulir(client: Client, alamat: str) -> str:
    """GET the form as a citizen would and return its signed kunci."""
    respons = client.get(alamat)
    assert respons.status_code == 200
    return ambil_kunci(respons.content.decode())


def isian(kunci: str, *, unit: UnitLayanan | None = None, nilai: str = "4", **lain: Any) -> dict[str, Any]:
    """POST data answering every unsur with `nilai`; lain= adds or overrides fields."""
    data: dict[str, Any] = {"kunci": kunci, **{f"j_{kode}": nilai for kode in URUTAN_ANGKET}}
    if unit is not None:
        data["unit"] = str(unit.pk)
    data.update(lain)
    return data


def jumlah_tersimpan() -> tuple[int, int]:
    """(responses, answers) stored: the unsur answers are the responses' columns u1..u9 (counted
    when not NULL), every other answer a Jawaban row; no unsur answer may be a Jawaban row."""
    assert not Jawaban.objects.filter(pertanyaan__kelompok=Pertanyaan.Kelompok.UNSUR).exists()
    unsur = Respons.objects.aggregate(**{k: Count(k) for k in KOLOM_UNSUR})
    return Respons.objects.count(), sum(unsur.values()) + Jawaban.objects.count()

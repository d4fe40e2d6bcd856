"""Shared data for the report tests.

Rendering a PDF takes about a second, so the reports are made once per module: the fixture
`kota` builds an instansi with a merger (units A and B become C on 1 July 2024, K1 and K2
left alone, responses over three semesters on each side), its evaluator and admin, and asks
for the evaluation and SKM reports through the real service (the test settings run the task
at once). All of it lives in one transaction that is rolled back at the end of the module;
each test runs in a savepoint inside it, so the tests of a module share the data and the
rendered files but never see each other's changes.

Report files go to a temporary folder (settings.LAPORAN_FOLDER) for the whole session.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from akun.models import Pengguna
from laporan.models import Laporan
from laporan.services import laporan_minta_evaluasi, laporan_minta_skm
from organisasi.models import Instansi, Keanggotaan, LinPenataan, Penataan, UnitLayanan
from survei.models import Kuesioner, Survei
from survei.services import survei_buat, survei_buka
from survei.skm import KODE_TEMPLATE_SKM
from tests.analitik.test_selectors import isi_acak, jam
from tests.factories import (
    InstansiFactory,
    LinPenataanFactory,
    PenataanFactory,
    PenggunaFactory,
    UnitLayananFactory,
    beri_peran,
    pasang_template_skm,
)

ALAMAT_UJI = "http://testserver"


@pytest.fixture(scope="session", autouse=True)
def _folder_laporan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("laporan")
    with override_settings(LAPORAN_FOLDER=str(folder)):
        yield folder


@dataclass
class Kota:
    instansi: Instansi
    penataan: Penataan
    a: UnitLayanan
    b: UnitLayanan
    c: UnitLayanan
    k1: UnitLayanan
    k2: UnitLayanan
    survei_lama: Survei
    survei: Survei
    evaluator: Pengguna
    admin: Pengguna
    evaluasi: Laporan
    skm: Laporan


def _survei(
    unit_populasi: list[tuple[UnitLayanan, int | None]], *, judul: str, periode: str, mulai: date
) -> Survei:
    survei = survei_buat(
        kuesioner=Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM),
        instansi_unit=unit_populasi,
        judul=judul,
        periode=periode,
        mulai=mulai,
        selesai=date(mulai.year + 1, mulai.month, 1),
        pengguna=None,
    )
    return survei_buka(survei=survei)


def bangun_kota() -> dict[str, Any]:
    instansi = InstansiFactory.create(nama="Pemerintah Kota Laporan", slug="kota-laporan")
    a, b, c, k1, k2 = (
        UnitLayananFactory.create(instansi=instansi, nama=f"Dinas {k}", slug=f"dinas-{k.lower()}")
        for k in ("Alfa", "Beta", "Gabungan", "Kontrol Satu", "Kontrol Dua")
    )
    penataan = PenataanFactory.create(
        instansi=instansi,
        judul="Penggabungan Dinas Alfa dan Dinas Beta",
        tanggal_efektif=date(2024, 7, 1),
        dasar_hukum="Perda Kota Laporan No. 3 Tahun 2024",
    )
    for asal in (a, b):
        LinPenataanFactory.create(
            penataan=penataan, jenis=LinPenataan.Jenis.PENGGABUNGAN, unit_asal=asal, unit_hasil=c
        )
    survei_lama = _survei(
        [(a, 800), (b, 600), (k1, 500), (k2, None)],
        judul="SKM Kota Laporan 2023",
        periode="Tahun 2023",
        mulai=date(2023, 1, 1),
    )
    survei = _survei(
        [(c, 1500), (k1, 500), (k2, None)],
        judul="SKM Kota Laporan 2024",
        periode="Tahun 2024/2025",
        mulai=date(2024, 7, 1),
    )
    rng = random.Random(20240701)
    awal, efektif, akhir = jam(2023, 1, 1), jam(2024, 7, 1), jam(2026, 1, 1)
    for u in (a, b):
        isi_acak(survei_lama, u, 90, mulai=awal, sampai=efektif, rng=rng, rerata=2.9)
    isi_acak(survei, c, 150, mulai=efektif, sampai=akhir, rng=rng, rerata=2.9, geser={"U3": 0.8, "U8": -0.5})
    for u in (k1, k2):
        isi_acak(survei_lama, u, 60, mulai=awal, sampai=efektif, rng=rng, rerata=2.8)
        isi_acak(survei, u, 60, mulai=efektif, sampai=akhir, rng=rng, rerata=2.8)
    _isi_forum(instansi, a=a, c=c)
    evaluator = beri_peran(
        PenggunaFactory.create(email="evaluator@kota-laporan.id", first_name="Sri", last_name="Wahyuni"),
        Keanggotaan.Peran.EVALUATOR,
        instansi=instansi,
    )
    admin = beri_peran(
        PenggunaFactory.create(email="admin@kota-laporan.id"),
        Keanggotaan.Peran.ADMIN_INSTANSI,
        instansi=instansi,
    )
    return {
        "instansi": instansi,
        "penataan": penataan,
        "a": a,
        "b": b,
        "c": c,
        "k1": k1,
        "k2": k2,
        "survei_lama": survei_lama,
        "survei": survei,
        "evaluator": evaluator,
        "admin": admin,
    }


def _isi_forum(instansi: Instansi, *, a: UnitLayanan, c: UnitLayanan) -> None:
    """A discussion about Dinas Alfa before the merger and two complaints to Dinas Gabungan after
    it, filed through the forum's own service and dated into the windows."""
    from forum.models import Topik
    from forum.services import topik_buat

    warga = PenggunaFactory.create(email="warga@kota-laporan.id", email_terverifikasi=True)
    for unit, jenis, judul, tanggal in (
        (a, Topik.Jenis.DISKUSI, "Antrean panjang di Dinas Alfa", jam(2024, 3, 4, 10)),
        (c, Topik.Jenis.PENGADUAN, "Berkas hilang di Dinas Gabungan", jam(2024, 9, 2, 9)),
        (c, Topik.Jenis.PENGADUAN, "Petugas tidak ada di loket", jam(2024, 10, 7, 13)),
    ):
        topik = topik_buat(
            pengguna=warga,
            instansi=instansi,
            jenis=jenis,
            judul=judul,
            isi=f"{judul}, mohon ditindaklanjuti.",
            unit=unit,
        )
        Topik.objects.filter(pk=topik.pk).update(dibuat=tanggal)


def url_verifikasi(laporan: Laporan) -> str:
    return f"{ALAMAT_UJI}/laporan/verifikasi/{laporan.pk}/"


@pytest.fixture(scope="module")
def kota(django_db_setup: None, django_db_blocker: Any) -> Iterator[Kota]:
    with django_db_blocker.unblock(), transaction.atomic():
        pasang_template_skm()
        isi = bangun_kota()
        evaluasi = laporan_minta_evaluasi(
            penataan=isi["penataan"], pengguna=isi["evaluator"], url_verifikasi=url_verifikasi
        )
        skm = laporan_minta_skm(
            survei=isi["survei"], unit=None, pengguna=isi["evaluator"], url_verifikasi=url_verifikasi
        )
        yield Kota(**isi, evaluasi=evaluasi, skm=skm)
        transaction.set_rollback(True)


@pytest.fixture
def data_kota(kota: Kota, db: None) -> Kota:
    """The module's data inside the test's own savepoint."""
    return kota


# Small data for the tests of the job itself -----------------------------------------------------


@pytest.fixture
def survei_kecil(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    """An open survey of the conftest instansi (Palembang) at two units, with 25 random
    responses at the first (an SKM report of it is small and quick)."""
    survei = _survei(
        [(unit, 120), (unit_lain, None)],
        judul="SKM Palembang 2025",
        periode="Tahun 2025",
        mulai=date(2025, 1, 1),
    )
    isi_acak(survei, unit, 25, mulai=jam(2025, 1, 2), sampai=jam(2025, 6, 1), rng=random.Random(7))
    return survei


@pytest.fixture
def penataan_kosong(instansi: Instansi) -> Penataan:
    """A merger in the conftest instansi without a single response: its report fails at once
    with the analysis' own reason."""
    penataan = PenataanFactory.create(
        instansi=instansi, judul="Penggabungan Tanpa Data", tanggal_efektif=date(2025, 1, 1)
    )
    LinPenataanFactory.create(penataan=penataan, jenis=LinPenataan.Jenis.PENGGABUNGAN)
    return penataan


@pytest.fixture
def tanpa_pekerja(settings: Any) -> None:
    """Queue jobs without running them (the dummy backend), as if no worker were running."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

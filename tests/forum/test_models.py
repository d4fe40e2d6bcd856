"""The database itself refuses forum rows that break the rules, whatever code writes them."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from akun.models import Pengguna
from forum.models import Balasan, Blokir, Dukungan, HariLibur, PengaturanForum, Tanda, Topik
from organisasi.models import UnitLayanan
from tests.factories import PenggunaFactory

from .bantuan_inti import buat_diskusi, buat_pengaduan


@pytest.fixture
def penulis(db: None) -> Pengguna:
    return PenggunaFactory.create(email_terverifikasi=True)


def _ditolak_basis_data(buat) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        buat()


def _topik(penulis: Pengguna, unit: UnitLayanan | None, instansi, **ubah: object) -> Topik:
    data: dict[str, object] = {
        "instansi": instansi,
        "unit": unit,
        "jenis": Topik.Jenis.DISKUSI,
        "judul": "Judul",
        "isi": "Isi",
        "isi_html": "<p>Isi</p>",
        "penulis": penulis,
    }
    data.update(ubah)
    return Topik.objects.create(**data)


@pytest.mark.parametrize(
    "ubah",
    [
        {"status": "diterima"},  # a discussion has no workflow
        {"privasi": "anonim"},  # nor a privacy mode
        {"jenis": "pengaduan", "status": ""},  # a complaint always has a state
        {"jenis": "pengaduan", "status": "diterima", "unit": None},  # and a unit
        {"jenis": "pengaduan", "status": "diterima", "penilaian": 4},  # rated before the answer
        {"jenis": "pengaduan", "status": "selesai", "penilaian": 5},
        {"jenis": "pengaduan", "status": "selesai", "penilaian": 0},
        {"jenis": "pengaduan", "status": "ditolak"},  # rejected without a reason
    ],
)
def test_inconsistent_topics_are_refused(penulis, unit, ubah) -> None:
    data = {"unit": unit, **ubah}
    _ditolak_basis_data(lambda: _topik(penulis, instansi=unit.instansi, **data))


def test_consistent_complaint_rows_are_accepted(penulis, unit) -> None:
    _topik(penulis, unit, unit.instansi, jenis="pengaduan", status="selesai", penilaian=4, privasi="rahasia")
    _topik(penulis, unit, unit.instansi, jenis="pengaduan", status="ditolak", alasan_ditolak="Tidak lengkap")


def test_one_support_per_user(penulis, unit) -> None:
    topik = buat_diskusi(penulis, unit)
    Dukungan.objects.create(topik=topik, pengguna=penulis)
    _ditolak_basis_data(lambda: Dukungan.objects.create(topik=topik, pengguna=penulis))


def test_a_flag_has_exactly_one_target_and_one_per_user(penulis, unit) -> None:
    topik = buat_diskusi(penulis, unit)
    balasan = Balasan.objects.create(topik=topik, penulis=penulis, isi="x", isi_html="x")
    _ditolak_basis_data(lambda: Tanda.objects.create(pengguna=penulis, alasan="spam"))
    _ditolak_basis_data(
        lambda: Tanda.objects.create(pengguna=penulis, alasan="spam", topik=topik, balasan=balasan)
    )
    Tanda.objects.create(pengguna=penulis, alasan="spam", topik=topik)
    _ditolak_basis_data(lambda: Tanda.objects.create(pengguna=penulis, alasan="kasar", topik=topik))
    Tanda.objects.create(pengguna=penulis, alasan="spam", balasan=balasan)


def test_an_official_answer_speaks_for_a_unit(penulis, unit) -> None:
    topik = buat_pengaduan(penulis, unit)
    _ditolak_basis_data(lambda: Balasan.objects.create(topik=topik, penulis=penulis, isi="x", resmi=True))
    Balasan.objects.create(topik=topik, penulis=penulis, isi="x", resmi=True, dari_unit=unit)


def test_one_active_block_and_one_holiday_per_day_and_a_positive_threshold(penulis, instansi) -> None:
    Blokir.objects.create(instansi=instansi, pengguna=penulis, oleh=penulis, alasan="x")
    _ditolak_basis_data(
        lambda: Blokir.objects.create(instansi=instansi, pengguna=penulis, oleh=penulis, alasan="y")
    )
    HariLibur.objects.create(instansi=instansi, tanggal="2026-12-25", nama="Natal")
    _ditolak_basis_data(
        lambda: HariLibur.objects.create(instansi=instansi, tanggal="2026-12-25", nama="Lagi")
    )
    _ditolak_basis_data(lambda: PengaturanForum.objects.create(instansi=instansi, ambang_tanda=0))


def test_overdue_is_a_filter_on_the_stored_deadlines(penulis, unit) -> None:
    from datetime import date

    topik = buat_pengaduan(penulis, unit)
    assert topik.batas_verifikasi is not None
    hari = topik.batas_verifikasi
    assert not Topik.objects.terlambat(hari_ini=hari).exists()
    assert not topik.terlambat(hari_ini=hari)
    besok = date.fromordinal(hari.toordinal() + 1)
    assert list(Topik.objects.terlambat(hari_ini=besok)) == [topik]
    assert topik.terlambat(hari_ini=besok)

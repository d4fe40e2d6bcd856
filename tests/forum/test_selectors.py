"""forum.selectors: visibility as a queryset, names as a viewer may see them, lists and search,
the petugas' queue, and the complaint metrics for analitik and laporan."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from akun.models import Pengguna
from forum import selectors, services, services_moderasi
from forum.models import Topik
from forum.selectors import METRIK_KOSONG, MetrikPengaduan, metrik_pengaduan, metrik_pengaduan_per_unit
from forum.services_pengaduan import (
    pengaduan_jawab,
    pengaduan_konfirmasi,
    pengaduan_tolak,
    pengaduan_verifikasi,
)
from organisasi import izin
from tests.factories import PenataanFactory, PenggunaFactory

from .bantuan_inti import Jam, buat_diskusi, buat_pengaduan, terverifikasi, wib

AKTOR = [
    "anonim",
    "warga",
    "pelapor",
    "petugas",
    "petugas_lain",
    "evaluator",
    "evaluator_lain",
    "admin_instansi",
    "admin_lain",
    "superuser",
    "nonaktif",
]


@pytest.fixture
def pelapor(db: None) -> Pengguna:
    return PenggunaFactory.create(
        email="pelapor@contoh.id", first_name="Siti", last_name="Rahayu", email_terverifikasi=True
    )


# Visibility ----------------------------------------------------------------------------------


def test_the_visible_topics_queryset_agrees_with_the_predicate_for_every_actor(
    request, pelapor, unit, unit_anak, unit_lain, unit_instansi_lain, admin_instansi
) -> None:
    topik = [
        buat_diskusi(pelapor, unit),
        buat_pengaduan(pelapor, unit, judul="Publik"),
        buat_pengaduan(pelapor, unit, judul="Anonim", privasi=Topik.Privasi.ANONIM),
        buat_pengaduan(pelapor, unit, judul="Rahasia U1", privasi=Topik.Privasi.RAHASIA),
        buat_pengaduan(pelapor, unit_anak, judul="Rahasia anak", privasi=Topik.Privasi.RAHASIA),
        buat_pengaduan(pelapor, unit_lain, judul="Rahasia U2", privasi=Topik.Privasi.RAHASIA),
        buat_pengaduan(pelapor, unit_instansi_lain, judul="Rahasia lain", privasi=Topik.Privasi.RAHASIA),
    ]
    tersembunyi = buat_diskusi(pelapor, unit, judul="Disembunyikan")
    services_moderasi.moderasi_sembunyikan(moderator=admin_instansi, alasan="Kasar", topik=tersembunyi)
    topik.append(Topik.objects.get(pk=tersembunyi.pk))
    for nama in AKTOR:
        orang = request.getfixturevalue(nama)
        harapan = {t.pk for t in topik if izin.bisa_lihat_topik(orang, topik=t)}
        assert set(selectors.topik_terlihat(orang).values_list("pk", flat=True)) == harapan, nama


def test_rahasia_complaints_are_invisible_to_the_public(pelapor, warga, anonim, unit) -> None:
    buat_pengaduan(pelapor, unit, privasi=Topik.Privasi.RAHASIA)
    assert not selectors.topik_terlihat(anonim).exists()
    assert not selectors.topik_terlihat(warga).exists()
    assert selectors.topik_terlihat(pelapor).count() == 1


# Names ---------------------------------------------------------------------------------------


def test_an_anonim_complainant_is_anonymous_to_everyone_but_himself(
    pelapor, unit, anonim, warga, petugas, evaluator, admin_instansi, superuser
) -> None:
    terverifikasi(petugas)
    topik = buat_pengaduan(pelapor, unit, privasi=Topik.Privasi.ANONIM)
    balasan_pelapor = services.balasan_buat(topik=topik, pengguna=pelapor, isi="Tambahan")
    balasan_petugas = services.balasan_buat(topik=topik, pengguna=petugas, isi="Baik")
    riwayat = topik.riwayat.get()
    for pengamat in (anonim, warga, petugas, evaluator, admin_instansi, superuser):
        assert selectors.nama_penulis(pengamat, topik=topik) == "Pelapor anonim"
        assert (
            selectors.nama_penulis_balasan(pengamat, balasan=balasan_pelapor, topik=topik) == "Pelapor anonim"
        )
        assert selectors.nama_pelaku_riwayat(pengamat, riwayat=riwayat, topik=topik) == "Pelapor anonim"
    assert selectors.nama_penulis(pelapor, topik=topik) == "Siti Rahayu"
    assert (
        selectors.nama_penulis_balasan(anonim, balasan=balasan_petugas, topik=topik)
        == f"{petugas.get_full_name()} (petugas Dinas Kependudukan dan Pencatatan Sipil)"
    )


def test_names_are_never_email_addresses(unit) -> None:
    tanpa_nama = PenggunaFactory.create(first_name="", last_name="", email_terverifikasi=True)
    topik = buat_diskusi(tanpa_nama, unit)
    assert selectors.nama_penulis(AnonymousUser(), topik=topik) == f"Warga #{tanpa_nama.pk}"


def test_a_hidden_replys_content_is_for_its_author_and_the_instansi(
    pelapor, warga, evaluator, evaluator_lain, admin_instansi, unit
) -> None:
    topik = buat_diskusi(pelapor, unit)
    balasan = services.balasan_buat(topik=topik, pengguna=pelapor, isi="Kasar")
    services_moderasi.moderasi_sembunyikan(moderator=admin_instansi, alasan="Kasar", balasan=balasan)
    balasan.refresh_from_db()
    boleh = {p.email for p in (pelapor, warga, evaluator, evaluator_lain, admin_instansi)
             if selectors.balasan_isi_terlihat(p, balasan=balasan, topik=topik)}  # fmt: skip
    assert boleh == {pelapor.email, evaluator.email, admin_instansi.email}
    assert list(selectors.balasan_terlihat(warga, topik=topik)) == [balasan]


# Lists and search ----------------------------------------------------------------------------


def test_the_list_filters_by_unit_kind_status_and_penataan(pelapor, petugas, anonim, unit, unit_lain) -> None:
    terverifikasi(petugas)
    penataan = PenataanFactory.create(instansi=unit.instansi)
    diskusi = services.topik_buat(
        pengguna=pelapor,
        instansi=unit.instansi,
        jenis=Topik.Jenis.DISKUSI,
        judul="Penggabungan dinas",
        isi="Bagaimana pendapat Anda?",
        unit=unit,
        penataan=penataan,
    )
    pengaduan = buat_pengaduan(pelapor, unit)
    lain = buat_pengaduan(pelapor, unit_lain, judul="Di unit lain")
    pengaduan_verifikasi(topik=lain, pengguna=PenggunaFactory.create(is_superuser=True))

    def daftar(**filter: object) -> list[int]:
        return [t.pk for t in selectors.topik_daftar(anonim, **filter)]  # type: ignore[arg-type]

    assert set(daftar(instansi=unit.instansi)) == {diskusi.pk, pengaduan.pk, lain.pk}
    assert set(daftar(unit=unit)) == {diskusi.pk, pengaduan.pk}
    assert daftar(jenis="diskusi") == [diskusi.pk]
    assert daftar(status="diverifikasi") == [lain.pk]
    assert daftar(penataan=penataan) == [diskusi.pk]
    assert daftar(status="tidak-ada") == []
    # Newest activity first.
    assert daftar() == [lain.pk, pengaduan.pk, diskusi.pk]


def test_search_matches_every_word_in_title_or_text(pelapor, anonim, unit) -> None:
    keduanya = buat_diskusi(pelapor, unit, judul="Loket buka hari Sabtu?", isi="Saya bekerja di hari kerja.")
    di_isi = buat_diskusi(pelapor, unit, judul="Pertanyaan", isi="Apakah loket KTP buka pada Sabtu pagi?")
    satu_kata = buat_diskusi(pelapor, unit, judul="Loket tutup", isi="Jam istirahat.")
    rahasia = buat_pengaduan(pelapor, unit, judul="Loket Sabtu rahasia", privasi=Topik.Privasi.RAHASIA)

    def cari(kata: str) -> set[int]:
        return set(selectors.topik_daftar(anonim, cari=kata).values_list("pk", flat=True))

    assert cari("loket sabtu") == {keduanya.pk, di_isi.pk}
    assert cari("LOKET") == {keduanya.pk, di_isi.pk, satu_kata.pk}
    assert rahasia.pk not in cari("rahasia")
    assert cari("   ") == {keduanya.pk, di_isi.pk, satu_kata.pk}
    assert cari("tidakadakatasepertiini") == set()


def test_search_input_with_operators_is_plain_text(pelapor, anonim, unit) -> None:
    buat_diskusi(pelapor, unit, judul="Loket", isi="Sabtu")
    for kata in ("loket & | ! ( ) :*", "' OR 1=1 --", "%_\\", "a" * 500):
        list(selectors.topik_daftar(anonim, cari=kata))


# The petugas' queue ----------------------------------------------------------------------------


def test_the_queue_holds_the_open_complaints_of_the_users_units_overdue_first(
    monkeypatch, pelapor, unit, unit_anak, unit_lain, petugas, petugas_lain, evaluator, warga
) -> None:
    terverifikasi(petugas)
    jam = Jam(monkeypatch, wib(2026, 11, 2, 9, 0))
    lama = buat_pengaduan(pelapor, unit, judul="Lama")
    anak = buat_pengaduan(pelapor, unit_anak, judul="Anak")
    lain = buat_pengaduan(pelapor, unit_lain, judul="Lain")
    jam.ke(wib(2026, 11, 6, 9, 0))
    baru = buat_pengaduan(pelapor, unit, judul="Baru")
    ditolak = buat_pengaduan(pelapor, unit, judul="Ditolak")
    pengaduan_tolak(topik=ditolak, pengguna=petugas, alasan="Tidak lengkap")
    jam.ke(wib(2026, 11, 9, 9, 0))  # Lama and Anak are past their verification deadline

    antrean = list(selectors.pengaduan_antrean(petugas))
    assert [t.judul for t in antrean] == ["Lama", "Anak", "Baru"]
    assert [getattr(t, "terlambat_urut") for t in antrean] == [1, 1, 0]  # noqa: B009 (annotation)
    assert [t.judul for t in selectors.pengaduan_antrean(petugas, hanya_terlambat=True)] == ["Lama", "Anak"]
    assert [t.judul for t in selectors.pengaduan_antrean(petugas_lain)] == ["Lain"]
    assert {t.pk for t in selectors.pengaduan_antrean(evaluator)} == {lama.pk, anak.pk, lain.pk, baru.pk}
    assert not selectors.pengaduan_antrean(warga).exists()
    assert selectors.jumlah_terlambat_per_unit(unit_ids=[unit.pk, unit_anak.pk, unit_lain.pk]) == {
        unit.pk: 1,
        unit_anak.pk: 1,
        unit_lain.pk: 1,
    }


# Metrics -------------------------------------------------------------------------------------


@pytest.fixture
def data_metrik(monkeypatch, pelapor, unit, unit_lain, petugas, admin_instansi):
    """Five complaints at unit (and one elsewhere), November 2026; "today" is 20 November."""
    terverifikasi(petugas)
    jam = Jam(monkeypatch, wib(2026, 11, 2, 9, 0))
    a = buat_pengaduan(pelapor, unit, judul="A")
    jam.ke(wib(2026, 11, 2, 12, 0))
    b = buat_pengaduan(pelapor, unit, judul="B")
    jam.ke(wib(2026, 11, 2, 13, 0))
    services.balasan_buat(topik=b, pengguna=petugas, isi="Mohon rinciannya.")  # B: first response, 1 h
    jam.ke(wib(2026, 11, 3, 9, 0))
    buat_pengaduan(pelapor, unit, judul="C")  # never handled: late since 6 November
    jam.ke(wib(2026, 11, 3, 10, 0))
    pengaduan_verifikasi(topik=a, pengguna=petugas)  # A: first response, 25 h
    jam.ke(wib(2026, 11, 4, 9, 0))
    e = buat_pengaduan(pelapor, unit, judul="E")
    pengaduan_verifikasi(topik=b, pengguna=petugas)  # B: follow-up due 11 November
    jam.ke(wib(2026, 11, 4, 11, 0))
    pengaduan_tolak(topik=e, pengguna=petugas, alasan="Tidak lengkap")  # E: first response, 2 h
    jam.ke(wib(2026, 11, 5, 15, 0))
    pengaduan_jawab(topik=a, pengguna=petugas, isi="Selesai.")  # on time (due 10 November)
    jam.ke(wib(2026, 11, 12, 15, 0))
    pengaduan_jawab(topik=b, pengguna=petugas, isi="Maaf terlambat.")  # late
    jam.ke(wib(2026, 11, 13, 8, 0))
    pengaduan_konfirmasi(topik=a, pengguna=pelapor, nilai=4)
    pengaduan_konfirmasi(topik=b, pengguna=pelapor, nilai=2)
    jam.ke(wib(2026, 11, 19, 9, 0))
    buat_pengaduan(pelapor, unit, judul="D")  # within its deadline: not counted for timeliness
    buat_pengaduan(pelapor, unit_lain, judul="Unit lain")
    buat_diskusi(pelapor, unit, judul="Diskusi")
    buat_diskusi(pelapor, unit_lain, judul="Diskusi unit lain")
    tersembunyi = buat_diskusi(pelapor, unit, judul="Diskusi tersembunyi")
    services_moderasi.moderasi_sembunyikan(moderator=admin_instansi, alasan="Spam", topik=tersembunyi)
    jam.ke(wib(2026, 11, 20, 9, 0))
    return jam


def test_the_metrics_of_a_unit_over_a_period(data_metrik, unit) -> None:
    assert metrik_pengaduan(unit_ids=[unit.pk], mulai=date(2026, 11, 1), sampai=date(2026, 12, 1)) == (
        MetrikPengaduan(
            jumlah=5,
            jumlah_ditanggapi=3,
            median_jam_tanggapan_pertama=2.0,
            persen_tepat_waktu=pytest.approx(100 / 3),  # type: ignore[arg-type]
            rerata_penilaian=3.0,
            jumlah_penilaian=2,
            jumlah_topik_forum=1,
        )
    )


def test_a_date_bound_is_local_midnight(data_metrik, unit) -> None:
    # A and B were filed on 2 November (WIB); C on the 3rd.
    dari_tanggal = metrik_pengaduan(unit_ids=[unit.pk], mulai=date(2026, 11, 3), sampai=None)
    dari_waktu = metrik_pengaduan(unit_ids=[unit.pk], mulai=datetime(2026, 11, 3), sampai=None)
    assert dari_tanggal == dari_waktu
    assert dari_tanggal.jumlah == 3  # C, E, D
    assert metrik_pengaduan(unit_ids=[unit.pk], mulai=None, sampai=wib(2026, 11, 2, 12, 0)).jumlah == 1


def test_no_units_or_no_complaints_give_empty_metrics(data_metrik, unit) -> None:
    assert metrik_pengaduan(unit_ids=[], mulai=None, sampai=None) == METRIK_KOSONG
    kosong = metrik_pengaduan(unit_ids=[unit.pk], mulai=date(2025, 1, 1), sampai=date(2025, 2, 1))
    assert kosong == METRIK_KOSONG


def test_the_metrics_per_unit_and_period(data_metrik, unit, unit_lain) -> None:
    hasil = metrik_pengaduan_per_unit(
        unit_ids=[unit.pk, unit_lain.pk], batas=[date(2026, 11, 1), date(2026, 11, 4), date(2026, 12, 1)]
    )
    assert set(hasil) == {(unit.pk, 0), (unit.pk, 1), (unit_lain.pk, 0), (unit_lain.pk, 1)}
    awal = hasil[(unit.pk, 0)]
    assert (awal.jumlah, awal.jumlah_ditanggapi, awal.median_jam_tanggapan_pertama) == (3, 2, 13.0)
    assert awal.persen_tepat_waktu == pytest.approx(100 / 3)
    assert (awal.rerata_penilaian, awal.jumlah_topik_forum) == (3.0, 0)
    akhir = hasil[(unit.pk, 1)]
    assert (akhir.jumlah, akhir.jumlah_ditanggapi, akhir.median_jam_tanggapan_pertama) == (2, 1, 2.0)
    assert (akhir.persen_tepat_waktu, akhir.rerata_penilaian, akhir.jumlah_topik_forum) == (None, None, 1)
    assert hasil[(unit_lain.pk, 0)] == METRIK_KOSONG
    assert (hasil[(unit_lain.pk, 1)].jumlah, hasil[(unit_lain.pk, 1)].jumlah_topik_forum) == (1, 1)
    # The periods add up to the whole.
    seluruh = metrik_pengaduan(unit_ids=[unit.pk], mulai=date(2026, 11, 1), sampai=date(2026, 12, 1))
    assert awal.jumlah + akhir.jumlah == seluruh.jumlah


def test_period_bounds_must_ascend(db: None) -> None:
    with pytest.raises(ValueError, match="naik"):
        metrik_pengaduan_per_unit(unit_ids=[1], batas=[date(2026, 2, 1), date(2026, 1, 1)])
    assert metrik_pengaduan_per_unit(unit_ids=[1], batas=[date(2026, 1, 1)]) == {}


def test_the_metrics_take_two_queries(data_metrik, unit, unit_lain, django_assert_num_queries) -> None:
    with django_assert_num_queries(2):
        metrik_pengaduan(unit_ids=[unit.pk, unit_lain.pk], mulai=None, sampai=None)
    with django_assert_num_queries(2):
        metrik_pengaduan_per_unit(
            unit_ids=[unit.pk, unit_lain.pk], batas=[date(2026, 1, 1), date(2026, 7, 1), date(2027, 1, 1)]
        )

"""The complaint workflow: each step by the right actor, every wrong step refused with nothing
changed, deadlines in working days, the automatic closing and the rating."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from akun.models import Pengguna
from forum import services, services_pengaduan
from forum.models import Balasan, HariLibur, RiwayatStatus, Topik
from forum.services import KesalahanForum
from forum.services_pengaduan import (
    pengaduan_alihkan,
    pengaduan_jawab,
    pengaduan_konfirmasi,
    pengaduan_nilai,
    pengaduan_tolak,
    pengaduan_tutup_otomatis,
    pengaduan_verifikasi,
)
from tests.factories import PenggunaFactory

from .bantuan_inti import Jam, buat_pengaduan, terverifikasi, wib

Status = Topik.Status
Aksi = RiwayatStatus.Aksi


@pytest.fixture
def pelapor(db: None) -> Pengguna:
    return PenggunaFactory.create(email="pelapor@contoh.id", email_terverifikasi=True)


@pytest.fixture
def jam(monkeypatch: pytest.MonkeyPatch) -> Jam:
    return Jam(monkeypatch, wib(2026, 11, 2, 9, 0))  # Monday


@pytest.fixture
def pengaduan(jam, pelapor, unit, petugas) -> Topik:
    terverifikasi(petugas)
    return buat_pengaduan(pelapor, unit)


def _keadaan(topik: Topik) -> tuple[object, ...]:
    topik.refresh_from_db()
    return (
        topik.status,
        topik.unit_id,
        topik.batas_verifikasi,
        topik.batas_tindak_lanjut,
        topik.batas_tutup_otomatis,
        topik.tanggapan_pertama_pada,
        topik.penilaian,
        topik.riwayat.count(),
        topik.balasan.count(),
    )


def _dijawab(jam: Jam, topik: Topik, petugas: Pengguna) -> Topik:
    jam.ke(wib(2026, 11, 3, 10, 0))
    pengaduan_verifikasi(topik=topik, pengguna=petugas)
    jam.ke(wib(2026, 11, 5, 14, 0))
    pengaduan_jawab(topik=topik, pengguna=petugas, isi="Sudah kami perbaiki.")
    topik.refresh_from_db()
    return topik


# The path through ----------------------------------------------------------------------------


def test_a_complaint_goes_from_received_to_done(jam, pengaduan, pelapor, petugas) -> None:
    assert pengaduan.batas_verifikasi == date(2026, 11, 5)

    jam.ke(wib(2026, 11, 3, 10, 0))
    pengaduan_verifikasi(topik=pengaduan, pengguna=petugas, catatan="Sedang kami periksa.")
    pengaduan.refresh_from_db()
    assert pengaduan.status == Status.DIVERIFIKASI
    assert pengaduan.diverifikasi_pada == wib(2026, 11, 3, 10, 0)
    assert pengaduan.tanggapan_pertama_pada == wib(2026, 11, 3, 10, 0)
    assert pengaduan.batas_tindak_lanjut == date(2026, 11, 10)

    jam.ke(wib(2026, 11, 10, 16, 0))
    jawaban = pengaduan_jawab(topik=pengaduan, pengguna=petugas, isi="Loket tambahan dibuka mulai besok.")
    pengaduan.refresh_from_db()
    assert (jawaban.resmi, jawaban.dari_unit, jawaban.penulis) == (True, pengaduan.unit, petugas)
    assert pengaduan.status == Status.DITINDAKLANJUTI
    assert pengaduan.dijawab_pada == wib(2026, 11, 10, 16, 0)
    assert pengaduan.dijawab_tepat_waktu is True
    assert pengaduan.batas_tutup_otomatis == date(2026, 11, 24)
    assert pengaduan.tanggapan_pertama_pada == wib(2026, 11, 3, 10, 0)

    jam.ke(wib(2026, 11, 11, 8, 0))
    pengaduan_konfirmasi(topik=pengaduan, pengguna=pelapor, catatan="Terima kasih.", nilai=4)
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.penilaian, pengaduan.batas_tutup_otomatis) == (
        Status.SELESAI,
        4,
        None,
    )
    assert pengaduan.selesai_pada == wib(2026, 11, 11, 8, 0)
    assert list(pengaduan.riwayat.values_list("aksi", "dari_status", "ke_status", "pelaku")) == [
        (Aksi.DIAJUKAN, "", Status.DITERIMA, pelapor.pk),
        (Aksi.DIVERIFIKASI, Status.DITERIMA, Status.DIVERIFIKASI, petugas.pk),
        (Aksi.DIJAWAB, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, petugas.pk),
        (Aksi.DIKONFIRMASI, Status.DITINDAKLANJUTI, Status.SELESAI, pelapor.pk),
    ]


def test_a_late_official_answer_is_recorded_as_late(jam, pengaduan, petugas) -> None:
    pengaduan_verifikasi(topik=pengaduan, pengguna=petugas)
    jam.ke(wib(2026, 11, 10, 9, 0))  # the deadline is Monday 9 November
    pengaduan_jawab(topik=pengaduan, pengguna=petugas, isi="Maaf terlambat.")
    pengaduan.refresh_from_db()
    assert pengaduan.batas_tindak_lanjut == date(2026, 11, 9)
    assert pengaduan.dijawab_tepat_waktu is False


def test_holidays_of_the_instansi_move_the_deadlines(jam, pelapor, unit, petugas) -> None:
    HariLibur.objects.create(instansi=unit.instansi, tanggal=date(2026, 11, 4), nama="Libur daerah")
    topik = buat_pengaduan(pelapor, unit)
    assert topik.batas_verifikasi == date(2026, 11, 6)


def test_the_parent_units_petugas_and_the_admin_may_act(
    jam, pelapor, unit_anak, petugas, admin_instansi
) -> None:
    terverifikasi(admin_instansi)
    topik = buat_pengaduan(pelapor, unit_anak)
    pengaduan_verifikasi(topik=topik, pengguna=petugas)
    pengaduan_jawab(topik=topik, pengguna=admin_instansi, isi="Dijawab admin.")
    topik.refresh_from_db()
    assert topik.status == Status.DITINDAKLANJUTI


# Refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("aktor", ["petugas_lain", "evaluator", "warga", "pelapor", "petugas_instansi_lain"])
def test_others_cannot_act_on_the_complaint_and_nothing_changes(
    request, pengaduan, unit_lain, unit_instansi_lain, aktor
) -> None:
    if aktor == "petugas_instansi_lain":
        from tests.factories import beri_peran

        orang = beri_peran(PenggunaFactory.create(), "petugas", unit=unit_instansi_lain)
    else:
        orang = request.getfixturevalue(aktor)
    terverifikasi(orang)
    sebelum = _keadaan(pengaduan)
    for langkah in (
        lambda: pengaduan_verifikasi(topik=pengaduan, pengguna=orang),
        lambda: pengaduan_tolak(topik=pengaduan, pengguna=orang, alasan="Tidak jelas"),
        lambda: pengaduan_alihkan(
            topik=pengaduan, pengguna=orang, unit_tujuan=unit_lain, catatan="Bukan kami"
        ),
        lambda: pengaduan_jawab(topik=pengaduan, pengguna=orang, isi="Jawaban palsu"),
    ):
        with pytest.raises(KesalahanForum, match="tidak berwenang menangani"):
            langkah()
    assert _keadaan(pengaduan) == sebelum


def test_answering_before_verification_is_refused(pengaduan, petugas) -> None:
    sebelum = _keadaan(pengaduan)
    with pytest.raises(KesalahanForum, match="harus diverifikasi terlebih dahulu"):
        pengaduan_jawab(topik=pengaduan, pengguna=petugas, isi="Langsung dijawab")
    assert _keadaan(pengaduan) == sebelum
    assert not Balasan.objects.exists()


def test_confirming_before_the_answer_is_refused(jam, pengaduan, pelapor, petugas) -> None:
    with pytest.raises(KesalahanForum, match="harus diverifikasi"):
        pengaduan_konfirmasi(topik=pengaduan, pengguna=pelapor)
    pengaduan_verifikasi(topik=pengaduan, pengguna=petugas)
    sebelum = _keadaan(pengaduan)
    with pytest.raises(KesalahanForum, match="belum dijawab"):
        pengaduan_konfirmasi(topik=pengaduan, pengguna=pelapor, nilai=4)
    assert _keadaan(pengaduan) == sebelum


@pytest.mark.parametrize("langkah", ["verifikasi", "tolak", "alihkan"])
def test_verification_rejection_and_disposition_only_from_received(
    pengaduan, petugas, unit_lain, langkah
) -> None:
    pengaduan_verifikasi(topik=pengaduan, pengguna=petugas)
    sebelum = _keadaan(pengaduan)
    jalankan = {
        "verifikasi": lambda: pengaduan_verifikasi(topik=pengaduan, pengguna=petugas),
        "tolak": lambda: pengaduan_tolak(topik=pengaduan, pengguna=petugas, alasan="Tidak jelas"),
        "alihkan": lambda: pengaduan_alihkan(
            topik=pengaduan, pengguna=petugas, unit_tujuan=unit_lain, catatan="Bukan kami"
        ),
    }[langkah]
    with pytest.raises(KesalahanForum, match="tidak bisa dilakukan pada pengaduan berstatus Diverifikasi"):
        jalankan()
    assert _keadaan(pengaduan) == sebelum


def test_only_the_complainant_confirms(jam, pengaduan, petugas, warga) -> None:
    _dijawab(jam, pengaduan, petugas)
    sebelum = _keadaan(pengaduan)
    for orang in (petugas, warga):
        with pytest.raises(KesalahanForum, match="Hanya pelapor"):
            pengaduan_konfirmasi(topik=pengaduan, pengguna=orang)
    assert _keadaan(pengaduan) == sebelum


def test_a_step_taken_on_a_state_that_changed_meanwhile_is_refused(pengaduan, petugas) -> None:
    # Two petugas opened the complaint while it was diterima; the first verified it.
    basi = Topik.objects.get(pk=pengaduan.pk)
    pengaduan_verifikasi(topik=pengaduan, pengguna=petugas)
    sebelum = _keadaan(pengaduan)
    with pytest.raises(KesalahanForum, match="baru saja diubah oleh orang lain"):
        services_pengaduan._langkah(
            basi, dari=(Status.DITERIMA,), ke=Status.DITOLAK, aksi=Aksi.DITOLAK, pelaku=petugas,
            alasan_ditolak="Terlambat",
        )  # fmt: skip
    assert _keadaan(pengaduan) == sebelum


def test_a_discussion_has_no_workflow(jam, pelapor, unit, petugas) -> None:
    terverifikasi(petugas)
    topik = services.topik_buat(
        pengguna=pelapor,
        instansi=unit.instansi,
        jenis=Topik.Jenis.DISKUSI,
        judul="Hai",
        isi="Halo",
        unit=unit,
    )
    with pytest.raises(KesalahanForum, match="bukan pengaduan"):
        pengaduan_verifikasi(topik=topik, pengguna=petugas)


# Rejection and disposition -------------------------------------------------------------------


def test_rejection_needs_a_reason_and_closes_the_complaint(pengaduan, petugas, pelapor) -> None:
    sebelum = _keadaan(pengaduan)
    with pytest.raises(KesalahanForum, match="kosong") as galat:
        pengaduan_tolak(topik=pengaduan, pengguna=petugas, alasan="  ")
    assert galat.value.bidang == "alasan"
    assert _keadaan(pengaduan) == sebelum
    pengaduan_tolak(topik=pengaduan, pengguna=petugas, alasan="Uraian belum lengkap.")
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.alasan_ditolak) == (Status.DITOLAK, "Uraian belum lengkap.")
    assert pengaduan.tanggapan_pertama_pada is not None
    with pytest.raises(KesalahanForum, match="tidak bisa Anda balas"):
        services.balasan_buat(topik=pengaduan, pengguna=pelapor, isi="Kenapa ditolak?")


def test_disposition_moves_the_complaint_to_another_unit_with_a_new_deadline(
    jam, pengaduan, petugas, petugas_lain, unit, unit_lain
) -> None:
    jam.ke(wib(2026, 11, 4, 9, 0))
    pengaduan_alihkan(topik=pengaduan, pengguna=petugas, unit_tujuan=unit_lain, catatan="Kewenangan Dinkes.")
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.unit) == (Status.DITERIMA, unit_lain)
    assert pengaduan.batas_verifikasi == date(2026, 11, 9)
    riwayat = pengaduan.riwayat.last()
    assert riwayat is not None
    assert (riwayat.aksi, riwayat.unit_asal, riwayat.unit_tujuan, riwayat.catatan) == (
        Aksi.DIALIHKAN,
        unit,
        unit_lain,
        "Kewenangan Dinkes.",
    )
    # The first unit no longer handles it; the new one does.
    with pytest.raises(KesalahanForum, match="tidak berwenang"):
        pengaduan_verifikasi(topik=pengaduan, pengguna=petugas)
    pengaduan_verifikasi(topik=pengaduan, pengguna=petugas_lain)


def test_disposition_outside_the_instansi_to_the_same_unit_or_without_a_note_is_refused(
    pengaduan, petugas, unit, unit_lain, unit_instansi_lain
) -> None:
    sebelum = _keadaan(pengaduan)
    with pytest.raises(KesalahanForum, match="instansi yang sama"):
        pengaduan_alihkan(topik=pengaduan, pengguna=petugas, unit_tujuan=unit_instansi_lain, catatan="x")
    with pytest.raises(KesalahanForum, match="unit lain"):
        pengaduan_alihkan(topik=pengaduan, pengguna=petugas, unit_tujuan=unit, catatan="x")
    with pytest.raises(KesalahanForum, match="kosong"):
        pengaduan_alihkan(topik=pengaduan, pengguna=petugas, unit_tujuan=unit_lain, catatan="")
    assert _keadaan(pengaduan) == sebelum


# Answers, replies and the automatic closing --------------------------------------------------


def test_the_official_answer_needs_a_verified_email_and_text(
    jam, pengaduan, petugas_lain, unit_lain, petugas
) -> None:
    pengaduan_verifikasi(topik=pengaduan, pengguna=petugas)
    with pytest.raises(KesalahanForum, match="kosong"):
        pengaduan_jawab(topik=pengaduan, pengguna=petugas, isi=" ")
    admin_tanpa_email = PenggunaFactory.create(is_superuser=True)
    with pytest.raises(KesalahanForum, match="Verifikasi alamat e-mail"):
        pengaduan_jawab(topik=pengaduan, pengguna=admin_tanpa_email, isi="Jawaban")
    pengaduan.refresh_from_db()
    assert pengaduan.status == Status.DIVERIFIKASI
    assert not Balasan.objects.exists()


def test_a_reply_of_the_complainant_stops_the_automatic_closing_until_the_next_answer(
    jam, pengaduan, pelapor, petugas
) -> None:
    _dijawab(jam, pengaduan, petugas)
    assert pengaduan.batas_tutup_otomatis == date(2026, 11, 19)
    jam.ke(wib(2026, 11, 6, 8, 0))
    services.balasan_buat(topik=pengaduan, pengguna=pelapor, isi="Belum beres, masih antre lama.")
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.batas_tutup_otomatis) == (Status.DITINDAKLANJUTI, None)
    assert pengaduan_tutup_otomatis(hari_ini=date(2026, 12, 31)) == 0

    jam.ke(wib(2026, 11, 9, 10, 0))
    pengaduan_jawab(topik=pengaduan, pengguna=petugas, isi="Loket ketiga dibuka hari ini.")
    pengaduan.refresh_from_db()
    assert pengaduan.batas_tutup_otomatis == date(2026, 11, 23)
    assert pengaduan.dijawab_pada == wib(2026, 11, 5, 14, 0)  # the first answer stays the first
    assert pengaduan.balasan.filter(resmi=True).count() == 2


def test_an_answered_complaint_closes_itself_after_ten_working_days(jam, pengaduan, petugas) -> None:
    _dijawab(jam, pengaduan, petugas)
    assert pengaduan_tutup_otomatis(hari_ini=date(2026, 11, 19)) == 0  # the last day is still his
    jam.ke(wib(2026, 11, 20, 1, 5))
    assert pengaduan_tutup_otomatis() == 1
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.selesai_pada, pengaduan.batas_tutup_otomatis) == (
        Status.SELESAI,
        wib(2026, 11, 20, 1, 5),
        None,
    )
    riwayat = pengaduan.riwayat.last()
    assert riwayat is not None
    assert (riwayat.aksi, riwayat.pelaku) == (Aksi.DITUTUP_OTOMATIS, None)
    assert pengaduan_tutup_otomatis() == 0


def test_the_periodic_command_closes_due_complaints(jam, pengaduan, petugas) -> None:
    _dijawab(jam, pengaduan, petugas)
    keluar = StringIO()
    call_command("forum_jadwal", "--tanggal", "2026-11-19", stdout=keluar)
    assert "0 pengaduan ditutup otomatis." in keluar.getvalue()
    call_command("forum_jadwal", "--tanggal", "2026-11-20", stdout=keluar)
    assert "1 pengaduan ditutup otomatis." in keluar.getvalue()
    pengaduan.refresh_from_db()
    assert pengaduan.status == Status.SELESAI


def test_the_periodic_command_refuses_a_bad_date(db: None) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("forum_jadwal", "--tanggal", "20-11-2026")


# Rating --------------------------------------------------------------------------------------


def test_the_complainant_rates_after_the_answer_and_may_change_his_mind(
    jam, pengaduan, pelapor, petugas
) -> None:
    with pytest.raises(KesalahanForum, match="setelah unit layanan menjawab"):
        pengaduan_nilai(topik=pengaduan, pengguna=pelapor, nilai=3)
    _dijawab(jam, pengaduan, petugas)
    pengaduan_nilai(topik=pengaduan, pengguna=pelapor, nilai=2)
    pengaduan_nilai(topik=pengaduan, pengguna=pelapor, nilai=3)
    pengaduan.refresh_from_db()
    assert pengaduan.penilaian == 3
    assert pengaduan.status == Status.DITINDAKLANJUTI


@pytest.mark.parametrize("nilai", [0, 5, -1, "3", 3.0, True, None])
def test_a_rating_outside_1_to_4_is_refused(jam, pengaduan, pelapor, petugas, nilai) -> None:
    _dijawab(jam, pengaduan, petugas)
    with pytest.raises(KesalahanForum, match="1 sampai 4") as galat:
        pengaduan_nilai(topik=pengaduan, pengguna=pelapor, nilai=nilai)
    assert galat.value.bidang == "nilai"
    with pytest.raises(KesalahanForum, match="1 sampai 4"):
        pengaduan_konfirmasi(topik=pengaduan, pengguna=pelapor, nilai=nilai if nilai is not None else 9)
    pengaduan.refresh_from_db()
    assert (pengaduan.penilaian, pengaduan.status) == (None, Status.DITINDAKLANJUTI)


def test_nobody_else_rates(jam, pengaduan, petugas, warga, admin_instansi) -> None:
    _dijawab(jam, pengaduan, petugas)
    for orang in (petugas, warga, admin_instansi):
        with pytest.raises(KesalahanForum, match="Hanya pelapor"):
            pengaduan_nilai(topik=pengaduan, pengguna=orang, nilai=4)
    pengaduan.refresh_from_db()
    assert pengaduan.penilaian is None

"""The forum predicates of organisasi.izin, as matrices of the conftest actors.

Everyone in these matrices has a verified e-mail address, so that the matrices show the
roles; the e-mail, block and time conditions have their own tests below.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from akun.models import Pengguna
from forum import services, services_moderasi, services_pengaduan
from forum.models import Topik
from organisasi import izin
from organisasi.models import Instansi, UnitLayanan
from tests.factories import PenggunaFactory

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
    return PenggunaFactory.create(email="pelapor@contoh.id", email_terverifikasi=True)


@pytest.fixture
def aktor(request: pytest.FixtureRequest, unit: UnitLayanan, unit_lain: UnitLayanan) -> dict[str, object]:
    semua = {nama: request.getfixturevalue(nama) for nama in AKTOR}
    terverifikasi(*[p for p in semua.values() if isinstance(p, Pengguna)])
    return semua


def _matriks(aktor: dict[str, object], predikat, **kwargs) -> dict[str, bool]:
    return {nama: predikat(orang, **kwargs) for nama, orang in aktor.items()}


def _harapan(*benar: str) -> dict[str, bool]:
    return {nama: nama in benar for nama in AKTOR}


def _dijawab(topik: Topik, petugas: Pengguna) -> Topik:
    services_pengaduan.pengaduan_verifikasi(topik=topik, pengguna=petugas)
    services_pengaduan.pengaduan_jawab(topik=topik, pengguna=petugas, isi="Sudah kami perbaiki.")
    topik.refresh_from_db()
    return topik


# Seeing --------------------------------------------------------------------------------------


@pytest.mark.parametrize("privasi", [Topik.Privasi.PUBLIK, Topik.Privasi.ANONIM])
def test_everyone_sees_public_and_anonim_complaints(aktor, pelapor, unit, privasi) -> None:
    topik = buat_pengaduan(pelapor, unit, privasi=privasi)
    assert _matriks(aktor, izin.bisa_lihat_topik, topik=topik) == _harapan(*AKTOR)


def test_a_rahasia_complaint_is_seen_by_the_complainant_its_unit_and_the_instansi(
    aktor, pelapor, unit
) -> None:
    topik = buat_pengaduan(pelapor, unit, privasi=Topik.Privasi.RAHASIA)
    assert _matriks(aktor, izin.bisa_lihat_topik, topik=topik) == _harapan(
        "pelapor", "petugas", "evaluator", "admin_instansi", "superuser"
    )


def test_a_rahasia_complaint_of_a_sub_unit_is_seen_by_the_parent_units_petugas(
    aktor, pelapor, unit_anak
) -> None:
    topik = buat_pengaduan(pelapor, unit_anak, privasi=Topik.Privasi.RAHASIA)
    assert izin.bisa_lihat_topik(aktor["petugas"], topik=topik)
    assert izin.bisa_tangani_pengaduan(aktor["petugas"], topik=topik)
    assert not izin.bisa_lihat_topik(aktor["petugas_lain"], topik=topik)


def test_a_hidden_discussion_is_seen_by_its_author_and_the_instansi_only(aktor, pelapor, unit) -> None:
    topik = buat_diskusi(pelapor, unit)
    services_moderasi.moderasi_sembunyikan(moderator=aktor["admin_instansi"], alasan="Iklan", topik=topik)
    topik.refresh_from_db()
    assert _matriks(aktor, izin.bisa_lihat_topik, topik=topik) == _harapan(
        "pelapor", "evaluator", "admin_instansi", "superuser"
    )


# Acting on complaints ------------------------------------------------------------------------


def test_only_the_units_petugas_and_the_admins_handle_a_complaint(aktor, pelapor, unit) -> None:
    topik = buat_pengaduan(pelapor, unit)
    assert _matriks(aktor, izin.bisa_tangani_pengaduan, topik=topik) == _harapan(
        "petugas", "admin_instansi", "superuser"
    )


def test_a_discussion_is_not_handled_as_a_complaint(aktor, pelapor, unit) -> None:
    topik = buat_diskusi(pelapor, unit)
    assert _matriks(aktor, izin.bisa_tangani_pengaduan, topik=topik) == _harapan()


def test_only_the_complainant_confirms_and_rates_once_answered(aktor, pelapor, unit) -> None:
    topik = buat_pengaduan(pelapor, unit)
    assert _matriks(aktor, izin.bisa_konfirmasi_pengaduan, topik=topik) == _harapan()
    assert _matriks(aktor, izin.bisa_nilai_pengaduan, topik=topik) == _harapan()
    topik = _dijawab(topik, aktor["petugas"])
    assert _matriks(aktor, izin.bisa_konfirmasi_pengaduan, topik=topik) == _harapan("pelapor")
    assert _matriks(aktor, izin.bisa_nilai_pengaduan, topik=topik) == _harapan("pelapor")


def test_a_closed_complaint_can_still_be_rated_but_not_confirmed(aktor, pelapor, unit) -> None:
    topik = _dijawab(buat_pengaduan(pelapor, unit), aktor["petugas"])
    services_pengaduan.pengaduan_konfirmasi(topik=topik, pengguna=pelapor)
    topik.refresh_from_db()
    assert _matriks(aktor, izin.bisa_konfirmasi_pengaduan, topik=topik) == _harapan()
    assert _matriks(aktor, izin.bisa_nilai_pengaduan, topik=topik) == _harapan("pelapor")


# Identity ------------------------------------------------------------------------------------


def test_who_filed_a_public_complaint_is_known_to_the_unit_and_the_instansi(aktor, pelapor, unit) -> None:
    topik = buat_pengaduan(pelapor, unit)
    assert _matriks(aktor, izin.bisa_lihat_identitas_pelapor, topik=topik) == _harapan(
        "pelapor", "petugas", "evaluator", "admin_instansi", "superuser"
    )


def test_who_filed_an_anonim_complaint_is_known_to_nobody_but_himself(aktor, pelapor, unit) -> None:
    topik = buat_pengaduan(pelapor, unit, privasi=Topik.Privasi.ANONIM)
    assert _matriks(aktor, izin.bisa_lihat_identitas_pelapor, topik=topik) == _harapan("pelapor")


# Writing -------------------------------------------------------------------------------------


def test_every_signed_in_user_with_a_verified_email_may_write(aktor, instansi) -> None:
    assert _matriks(aktor, izin.bisa_tulis_forum, instansi=instansi) == _harapan(
        *[a for a in AKTOR if a not in ("anonim", "nonaktif")]
    )


def test_writing_needs_a_verified_email(instansi: Instansi) -> None:
    belum = PenggunaFactory.create()
    assert not izin.bisa_tulis_forum(belum, instansi=instansi)
    assert "Verifikasi alamat e-mail" in (izin.alasan_tidak_bisa_tulis_forum(belum, instansi=instansi) or "")
    terverifikasi(belum)
    assert izin.bisa_tulis_forum(belum, instansi=instansi)


def test_a_blocked_user_may_not_write_in_that_instansi_only(aktor, instansi, instansi_lain) -> None:
    warga = aktor["warga"]
    services_moderasi.blokir_buat(
        moderator=aktor["admin_instansi"], instansi=instansi, pengguna=warga, alasan="Spam"
    )
    assert not izin.bisa_tulis_forum(warga, instansi=instansi)
    assert (
        izin.alasan_tidak_bisa_tulis_forum(warga, instansi=instansi)
        == "Anda diblokir dari forum instansi ini."
    )
    assert izin.bisa_tulis_forum(warga, instansi=instansi_lain)


def test_replies_to_a_public_complaint(aktor, pelapor, unit) -> None:
    topik = buat_pengaduan(pelapor, unit)
    assert _matriks(aktor, izin.bisa_balas_topik, topik=topik) == _harapan(
        *[a for a in AKTOR if a not in ("anonim", "nonaktif")]
    )


def test_a_rahasia_complaint_is_a_conversation_of_the_complainant_and_the_unit(aktor, pelapor, unit) -> None:
    topik = buat_pengaduan(pelapor, unit, privasi=Topik.Privasi.RAHASIA)
    assert _matriks(aktor, izin.bisa_balas_topik, topik=topik) == _harapan(
        "pelapor", "petugas", "admin_instansi", "superuser"
    )


def test_a_closed_complaint_takes_no_replies(aktor, pelapor, unit) -> None:
    topik = _dijawab(buat_pengaduan(pelapor, unit), aktor["petugas"])
    services_pengaduan.pengaduan_konfirmasi(topik=topik, pengguna=pelapor)
    topik.refresh_from_db()
    assert _matriks(aktor, izin.bisa_balas_topik, topik=topik) == _harapan()


def test_flagging_needs_only_an_account(aktor) -> None:
    assert _matriks(aktor, izin.bisa_tandai_posting) == _harapan(
        *[a for a in AKTOR if a not in ("anonim", "nonaktif")]
    )


# Editing -------------------------------------------------------------------------------------


def test_only_the_author_edits_his_post(aktor, pelapor, unit) -> None:
    topik = buat_diskusi(pelapor, unit)
    balasan = services.balasan_buat(topik=topik, pengguna=pelapor, isi="Tambahan")
    assert _matriks(aktor, izin.bisa_ubah_posting, posting=topik) == _harapan("pelapor")
    assert _matriks(aktor, izin.bisa_ubah_posting, posting=balasan) == _harapan("pelapor")


def test_the_edit_window_closes(monkeypatch, pelapor, unit, settings) -> None:
    settings.FORUM_JENDELA_UBAH_MENIT = 30
    jam = Jam(monkeypatch, wib(2026, 11, 2, 9, 0))
    topik = buat_diskusi(pelapor, unit)
    jam.ke(wib(2026, 11, 2, 9, 30))
    assert izin.bisa_ubah_posting(pelapor, posting=topik)
    jam.ke(wib(2026, 11, 2, 9, 30) + timedelta(seconds=1))
    assert not izin.bisa_ubah_posting(pelapor, posting=topik)


def test_a_complaint_is_no_longer_editable_once_the_unit_acted(aktor, pelapor, unit) -> None:
    topik = buat_pengaduan(pelapor, unit)
    assert izin.bisa_ubah_posting(pelapor, posting=topik)
    services_pengaduan.pengaduan_verifikasi(topik=topik, pengguna=aktor["petugas"])
    topik.refresh_from_db()
    assert not izin.bisa_ubah_posting(pelapor, posting=topik)


def test_hidden_posts_and_blocked_authors_cannot_edit(aktor, pelapor, unit, instansi) -> None:
    topik = buat_diskusi(pelapor, unit)
    kedua = buat_diskusi(pelapor, unit, judul="Kedua")
    services_moderasi.moderasi_sembunyikan(moderator=aktor["admin_instansi"], alasan="Kasar", topik=topik)
    topik.refresh_from_db()
    assert not izin.bisa_ubah_posting(pelapor, posting=topik)
    services_moderasi.blokir_buat(
        moderator=aktor["admin_instansi"], instansi=instansi, pengguna=pelapor, alasan="x"
    )
    assert not izin.bisa_ubah_posting(pelapor, posting=kedua)


# Moderating ----------------------------------------------------------------------------------


def test_only_admins_of_the_instansi_moderate(aktor, instansi) -> None:
    assert _matriks(aktor, izin.bisa_moderasi_forum, instansi=instansi) == _harapan(
        "admin_instansi", "superuser"
    )


def test_pastikan_raises_permission_denied_with_a_message(pelapor, unit) -> None:
    from django.core.exceptions import PermissionDenied

    topik = buat_pengaduan(pelapor, unit, privasi=Topik.Privasi.RAHASIA)
    with pytest.raises(PermissionDenied, match="tidak berwenang melihat topik"):
        izin.pastikan_bisa_lihat_topik(AnonymousUser(), topik=topik)
    with pytest.raises(PermissionDenied, match="menangani pengaduan"):
        izin.pastikan_bisa_tangani_pengaduan(pelapor, topik=topik)
    with pytest.raises(PermissionDenied, match="memoderasi"):
        izin.pastikan_bisa_moderasi_forum(pelapor, instansi=unit.instansi)

"""E-mail notifications: sent after the commit, to the right people, without leaking identities."""

from __future__ import annotations

import pytest
from django.core import mail

from akun.models import Pengguna
from forum import services, services_moderasi, tasks
from forum.models import Topik
from forum.services_pengaduan import pengaduan_alihkan, pengaduan_jawab, pengaduan_verifikasi
from tests.factories import PenggunaFactory

from .bantuan_inti import buat_diskusi, buat_pengaduan, terverifikasi


@pytest.fixture
def pelapor(db: None) -> Pengguna:
    return PenggunaFactory.create(
        email="pelapor@contoh.id", first_name="Siti", last_name="Rahayu", email_terverifikasi=True
    )


def _kepada(alamat: str) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [alamat]]


def test_a_new_complaint_is_mailed_to_the_units_petugas_without_the_complainants_name(
    django_capture_on_commit_callbacks, pelapor, unit, petugas, petugas_lain
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        topik = buat_pengaduan(pelapor, unit, judul="Antrean KTP terlalu lama")
    assert [m.to for m in mail.outbox] == [[petugas.email]]
    pesan = mail.outbox[0]
    assert pesan.subject == "[Tilik] Pengaduan baru untuk Dinas Kependudukan dan Pencatatan Sipil"
    assert "Antrean KTP terlalu lama" in pesan.body
    assert topik.batas_verifikasi is not None
    for identitas in ("Siti", "Rahayu", pelapor.email):
        assert identitas not in pesan.body


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks, pelapor, unit, petugas
) -> None:
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as panggilan:
        try:
            with transaction.atomic():
                buat_pengaduan(pelapor, unit)
                raise RuntimeError("gagal sesudahnya")
        except RuntimeError:
            pass
    assert panggilan == []
    assert mail.outbox == []
    assert not Topik.objects.exists()


def test_a_reply_is_mailed_to_the_other_subscribers(
    django_capture_on_commit_callbacks, pelapor, warga, unit
) -> None:
    terverifikasi(warga)
    topik = buat_diskusi(pelapor, unit, judul="Jam buka loket")
    pengikut = PenggunaFactory.create(email="pengikut@contoh.id")
    services.langganan_ikuti(topik=topik, pengguna=pengikut)
    berhenti = PenggunaFactory.create(email="berhenti@contoh.id")
    services.langganan_ikuti(topik=topik, pengguna=berhenti)
    services.langganan_berhenti(topik=topik, pengguna=berhenti)
    with django_capture_on_commit_callbacks(execute=True):
        services.balasan_buat(topik=topik, pengguna=warga, isi="Buka sampai **pukul 12**.")
    assert sorted(m.to[0] for m in mail.outbox) == ["pelapor@contoh.id", "pengikut@contoh.id"]
    pesan = _kepada("pelapor@contoh.id")[0]
    assert pesan.subject == "[Tilik] Balasan baru: Jam buka loket"
    assert "Buka sampai **pukul 12**." in pesan.body
    assert warga.get_full_name() in pesan.body


def test_an_anonim_complainants_reply_is_mailed_under_no_name(
    django_capture_on_commit_callbacks, pelapor, unit, petugas
) -> None:
    terverifikasi(petugas)
    topik = buat_pengaduan(pelapor, unit, privasi=Topik.Privasi.ANONIM)
    services.balasan_buat(topik=topik, pengguna=petugas, isi="Mohon nomor antrean Anda.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.balasan_buat(topik=topik, pengguna=pelapor, isi="Nomor A-017.")
    pesan = _kepada(petugas.email)[0]
    assert "Pelapor anonim menulis:" in pesan.body
    for identitas in ("Siti", "Rahayu", pelapor.email):
        assert identitas not in pesan.body


def test_status_changes_are_mailed_to_the_complainant(
    django_capture_on_commit_callbacks, pelapor, unit, unit_lain, petugas, petugas_lain
) -> None:
    terverifikasi(petugas, petugas_lain)
    topik = buat_pengaduan(pelapor, unit)
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_alihkan(topik=topik, pengguna=petugas, unit_tujuan=unit_lain, catatan="Kewenangan Dinkes.")
    assert sorted(m.to[0] for m in mail.outbox) == [pelapor.email, petugas_lain.email]
    status = _kepada(pelapor.email)[0]
    assert status.subject.startswith("[Tilik] Status pengaduan: Diterima")
    assert "Dialihkan ke: Dinas Kesehatan" in status.body
    assert "Kewenangan Dinkes." in status.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_verifikasi(topik=topik, pengguna=petugas_lain)
        pengaduan_jawab(topik=topik, pengguna=petugas_lain, isi="Rekomendasi terbit hari ini.")
    kepada_pelapor = _kepada(pelapor.email)
    assert [m.subject.split(":")[1].split(" - ")[0].strip() for m in kepada_pelapor[:2]] == [
        "Diverifikasi",
        "Ditindaklanjuti",
    ]
    assert any("Jawaban resmi dari" in m.body and "Rekomendasi terbit" in m.body for m in kepada_pelapor)
    assert any("ditutup otomatis setelah 10 hari kerja" in m.body for m in kepada_pelapor)
    # The actor is not mailed about his own step.
    assert not _kepada(petugas_lain.email)


def test_a_hidden_reply_is_not_mailed(
    django_capture_on_commit_callbacks, pelapor, warga, unit, admin_instansi
) -> None:
    terverifikasi(warga)
    topik = buat_diskusi(pelapor, unit)
    balasan = services.balasan_buat(topik=topik, pengguna=warga, isi="Iklan")
    services_moderasi.moderasi_sembunyikan(moderator=admin_instansi, alasan="Spam", balasan=balasan)
    assert tasks.kabar_balasan.call(balasan.pk) == 0


def test_subscribers_who_lost_sight_of_a_topic_are_not_mailed(pelapor, warga, unit, admin_instansi) -> None:
    terverifikasi(warga)
    topik = buat_diskusi(pelapor, unit)
    services.langganan_ikuti(topik=topik, pengguna=warga)
    balasan = services.balasan_buat(topik=topik, pengguna=pelapor, isi="Tambahan")
    services_moderasi.moderasi_sembunyikan(moderator=admin_instansi, alasan="Data pribadi", topik=topik)
    mail.outbox.clear()
    assert tasks.kabar_balasan.call(balasan.pk) == 0
    assert mail.outbox == []


def test_links_use_the_site_address_when_the_detail_page_exists(settings, pelapor, unit) -> None:
    from django.urls import NoReverseMatch

    topik = buat_diskusi(pelapor, unit)
    settings.URL_SITUS = "https://tilik.contoh.go.id/"
    try:
        jalur = topik.get_absolute_url()
    except NoReverseMatch:
        assert tasks.tautan_topik(topik) == ""
    else:
        assert tasks.tautan_topik(topik) == "https://tilik.contoh.go.id" + jalur

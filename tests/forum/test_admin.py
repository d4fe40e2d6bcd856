"""The forum in the admin: scoped to the admin's instansi, read-only for posts, no deletion,
and no way to learn who filed an anonim complaint."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from forum import services
from forum.models import Balasan, HariLibur, RiwayatStatus, Topik
from forum.services_pengaduan import pengaduan_jawab, pengaduan_konfirmasi, pengaduan_verifikasi
from tests.factories import PenggunaFactory

from .bantuan_inti import buat_pengaduan, terverifikasi

Masuk = Callable[..., Client]


def url(model: type, aksi: str, *args: object) -> str:
    return reverse(f"admin:forum_{model._meta.model_name}_{aksi}", args=args)  # type: ignore[attr-defined]


@pytest.fixture
def pelapor(db: None) -> Pengguna:
    return PenggunaFactory.create(
        email="rahasia.sekali@contoh.id", first_name="Siti", last_name="Rahayu", email_terverifikasi=True
    )


@pytest.fixture
def klien_admin(admin_instansi: Pengguna, masuk: Masuk) -> Client:
    return masuk(admin_instansi, totp=True)


def test_the_admin_sees_his_instansis_topics_only(klien_admin, pelapor, unit, unit_instansi_lain) -> None:
    buat_pengaduan(pelapor, unit, judul="Pengaduan Palembang")
    lain = buat_pengaduan(pelapor, unit_instansi_lain, judul="Pengaduan Jambi")
    halaman = klien_admin.get(url(Topik, "changelist"))
    assert halaman.status_code == 200
    assert "Pengaduan Palembang" in halaman.content.decode()
    assert "Pengaduan Jambi" not in halaman.content.decode()
    assert klien_admin.get(url(Topik, "change", lain.pk)).status_code == 403


def test_an_anonim_complainant_stays_anonymous_in_the_admin(
    klien_admin, pelapor, unit, petugas, masuk, superuser
) -> None:
    terverifikasi(petugas)
    topik = buat_pengaduan(pelapor, unit, privasi=Topik.Privasi.ANONIM)
    balasan = services.balasan_buat(topik=topik, pengguna=pelapor, isi="Tambahan dari pelapor")
    pengaduan_verifikasi(topik=topik, pengguna=petugas)
    pengaduan_jawab(topik=topik, pengguna=petugas, isi="Jawaban")
    pengaduan_konfirmasi(topik=topik, pengguna=pelapor)
    for klien in (klien_admin, masuk(superuser, totp=True)):
        for alamat in (
            url(Topik, "change", topik.pk),
            url(Topik, "changelist"),
            url(Balasan, "change", balasan.pk),
            url(Balasan, "changelist"),
        ):
            halaman = klien.get(alamat)
            assert halaman.status_code == 200, alamat
            isi = halaman.content.decode()
            for identitas in ("rahasia.sekali", "Siti", "Rahayu"):
                assert identitas not in isi, (alamat, identitas)
        assert "Pelapor anonim" in klien.get(url(Topik, "change", topik.pk)).content.decode()
    # Searching by e-mail cannot single him out either.
    assert klien_admin.get(url(Topik, "changelist") + "?q=rahasia.sekali").context["cl"].result_count == 0
    assert RiwayatStatus.objects.filter(topik=topik, pelaku=pelapor).count() == 2


def test_posts_cannot_be_added_changed_or_deleted_in_the_admin(
    klien_admin, masuk, superuser, pelapor, unit
) -> None:
    topik = buat_pengaduan(pelapor, unit)
    for klien in (klien_admin, masuk(superuser, totp=True)):
        assert klien.get(url(Topik, "delete", topik.pk)).status_code == 403
        assert klien.post(url(Topik, "delete", topik.pk), {"post": "yes"}).status_code == 403
        assert klien.get(url(Topik, "add")).status_code == 403
        klien.post(url(Topik, "change", topik.pk), {"judul": "Diubah admin"})
    topik.refresh_from_db()
    assert topik.judul == "Antrean KTP terlalu lama"


def test_the_admin_keeps_the_holiday_calendar_of_his_instansi(klien_admin, instansi, instansi_lain) -> None:
    respons = klien_admin.post(
        url(HariLibur, "add"),
        {"instansi": instansi.pk, "tanggal": "2026-12-24", "nama": "Cuti bersama Natal"},
    )
    assert respons.status_code == 302
    assert HariLibur.objects.get().instansi == instansi
    respons = klien_admin.post(
        url(HariLibur, "add"),
        {"instansi": instansi_lain.pk, "tanggal": "2026-12-31", "nama": "Bukan miliknya"},
    )
    assert respons.status_code == 200
    assert HariLibur.objects.count() == 1

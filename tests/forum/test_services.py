"""forum.services: topics, replies, support, subscriptions; every refusal leaves nothing behind."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from akun.models import Pengguna
from forum import services, services_moderasi
from forum.models import Balasan, Dukungan, Langganan, RiwayatStatus, Topik
from forum.services import BatasLajuTerlampaui, KesalahanForum
from organisasi.models import Instansi, UnitLayanan
from tests.factories import LayananFactory, PenataanFactory, PenggunaFactory

from .bantuan_inti import Jam, buat_pengaduan, terverifikasi, wib


@pytest.fixture
def penulis(db: None) -> Pengguna:
    return PenggunaFactory.create(email="penulis@contoh.id", email_terverifikasi=True)


def _buat(penulis: Pengguna, unit: UnitLayanan, /, **ubah: object) -> Topik:
    data: dict[str, object] = {
        "pengguna": penulis,
        "instansi": unit.instansi,
        "jenis": Topik.Jenis.DISKUSI,
        "judul": "Jam buka loket",
        "isi": "Apakah loket buka hari Sabtu?",
        "unit": unit,
    }
    data.update(ubah)
    return services.topik_buat(**data)  # type: ignore[arg-type]


def _tidak_ada_yang_tersimpan() -> None:
    assert not Topik.objects.exists()
    assert not RiwayatStatus.objects.exists()
    assert not Langganan.objects.exists()


# Starting a topic ----------------------------------------------------------------------------


def test_a_topic_is_stored_with_its_rendered_html_and_the_author_subscribed(penulis, unit) -> None:
    topik = _buat(penulis, unit, isi="**Penting**: <script>alert(1)</script>")
    assert topik.isi == "**Penting**: <script>alert(1)</script>"
    assert topik.isi_html == "<p><strong>Penting</strong>: &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert topik.status == ""
    assert topik.privasi == Topik.Privasi.PUBLIK
    assert Langganan.objects.filter(topik=topik, pengguna=penulis).exists()


def test_a_complaint_is_received_with_a_verification_deadline(monkeypatch, penulis, unit) -> None:
    Jam(monkeypatch, wib(2026, 11, 6, 19, 0))  # Friday evening
    topik = buat_pengaduan(penulis, unit)
    assert topik.status == Topik.Status.DITERIMA
    assert topik.batas_verifikasi == date(2026, 11, 11)
    riwayat = topik.riwayat.get()
    assert (riwayat.aksi, riwayat.ke_status, riwayat.pelaku, riwayat.unit_tujuan) == (
        RiwayatStatus.Aksi.DIAJUKAN,
        Topik.Status.DITERIMA,
        penulis,
        unit,
    )


def test_a_service_gives_the_topic_its_unit(penulis, unit) -> None:
    layanan = LayananFactory.create(unit=unit)
    topik = _buat(penulis, unit, unit=None, layanan=layanan)
    assert topik.unit == unit


def test_a_discussion_may_be_about_a_penataan(penulis, unit) -> None:
    penataan = PenataanFactory.create(instansi=unit.instansi)
    assert _buat(penulis, unit, penataan=penataan).penataan == penataan


@pytest.mark.parametrize(
    ("ubah", "pesan", "bidang"),
    [
        ({"isi": ""}, "Isi tulisan tidak boleh kosong.", "isi"),
        ({"isi": "   \n\t  "}, "Isi tulisan tidak boleh kosong.", "isi"),
        ({"isi": "\u200b\u200b\ufeff"}, "Isi tulisan tidak boleh kosong.", "isi"),
        ({"isi": "\x00\x00"}, "Isi tulisan tidak boleh kosong.", "isi"),
        ({"judul": " "}, "Judul tidak boleh kosong.", "judul"),
        ({"isi": "a" * 10_001}, "paling banyak 10.000 karakter, tulisan ini 10.001 karakter", "isi"),
        ({"judul": "j" * 201}, "paling banyak 200 karakter", "judul"),
        ({"jenis": "gosip"}, "Jenis topik tidak dikenal.", "jenis"),
        ({"privasi": "anonim"}, "Mode anonim dan rahasia hanya untuk pengaduan.", "privasi"),
        ({"jenis": "pengaduan", "privasi": "terbuka"}, "Pilihan privasi tidak dikenal.", "privasi"),
        ({"jenis": "pengaduan", "unit": None}, "Pilih unit layanan yang diadukan.", "unit"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(penulis, unit, ubah, pesan, bidang) -> None:
    with pytest.raises(KesalahanForum) as galat:
        _buat(penulis, unit, **ubah)
    assert pesan in galat.value.pesan
    assert galat.value.bidang == bidang
    _tidak_ada_yang_tersimpan()


def test_the_longest_allowed_post_is_stored(penulis, unit) -> None:
    topik = _buat(penulis, unit, judul="j" * 200, isi="a" * 10_000)
    assert len(topik.isi) == 10_000


def test_control_characters_are_removed_and_whitespace_trimmed(penulis, unit) -> None:
    topik = _buat(penulis, unit, judul="  Jam\tbuka\n loket ", isi="  a\x00b\x07c\r\nd  ")
    assert topik.judul == "Jam buka loket"
    assert topik.isi == "abc\nd"


def test_a_unit_service_or_penataan_of_another_instansi_is_refused(
    penulis, unit, unit_lain, unit_instansi_lain
) -> None:
    with pytest.raises(KesalahanForum, match="bukan bagian dari instansi ini"):
        _buat(penulis, unit, unit=unit_instansi_lain)
    with pytest.raises(KesalahanForum, match="bukan layanan unit yang dipilih"):
        _buat(penulis, unit, layanan=LayananFactory.create(unit=unit_lain))
    with pytest.raises(KesalahanForum, match="bukan milik instansi ini"):
        _buat(penulis, unit, penataan=PenataanFactory.create(instansi=unit_instansi_lain.instansi))
    _tidak_ada_yang_tersimpan()


def test_a_complaint_about_a_dissolved_unit_is_refused(penulis, unit) -> None:
    unit.aktif_sampai = wib(2020, 1, 1).date()
    unit.save()
    with pytest.raises(KesalahanForum, match="sudah tidak aktif"):
        buat_pengaduan(penulis, unit)
    _tidak_ada_yang_tersimpan()


def test_posting_needs_a_verified_email(unit) -> None:
    belum = PenggunaFactory.create()
    with pytest.raises(KesalahanForum, match="Verifikasi alamat e-mail"):
        _buat(belum, unit)
    _tidak_ada_yang_tersimpan()


def test_a_blocked_user_cannot_post(penulis, unit, admin_instansi) -> None:
    services_moderasi.blokir_buat(
        moderator=admin_instansi, instansi=unit.instansi, pengguna=penulis, alasan="Spam"
    )
    with pytest.raises(KesalahanForum, match="diblokir"):
        _buat(penulis, unit)
    _tidak_ada_yang_tersimpan()


def test_posting_is_rate_limited_per_user(penulis, unit, settings) -> None:
    settings.FORUM_BATAS_LAJU = (3, 600)
    for i in range(3):
        _buat(penulis, unit, judul=f"Topik {i}")
    with pytest.raises(BatasLajuTerlampaui) as galat:
        _buat(penulis, unit, judul="Topik 4")
    assert "terlalu sering" in galat.value.pesan
    assert 0 < galat.value.coba_lagi_detik <= 601
    assert Topik.objects.count() == 3
    # Another user is not slowed down by him.
    lain = PenggunaFactory.create(email_terverifikasi=True)
    _buat(lain, unit, judul="Topik orang lain")


def test_a_refused_post_does_not_use_up_the_rate_limit(penulis, unit, settings) -> None:
    settings.FORUM_BATAS_LAJU = (1, 600)
    with pytest.raises(KesalahanForum):
        _buat(penulis, unit, isi="")
    _buat(penulis, unit)


# Editing -------------------------------------------------------------------------------------


def test_the_author_edits_within_the_window(monkeypatch, penulis, unit) -> None:
    jam = Jam(monkeypatch, wib(2026, 11, 2, 9, 0))
    topik = _buat(penulis, unit)
    jam.ke(wib(2026, 11, 2, 9, 10))
    services.topik_ubah(topik=topik, pengguna=penulis, judul="Jam buka loket Sabtu", isi="_Sabtu_?")
    topik.refresh_from_db()
    assert (topik.judul, topik.isi_html, topik.diubah) == (
        "Jam buka loket Sabtu",
        "<p><em>Sabtu</em>?</p>",
        wib(2026, 11, 2, 9, 10),
    )


def test_editing_after_the_window_or_someone_elses_post_changes_nothing(
    monkeypatch, penulis, warga, unit
) -> None:
    terverifikasi(warga)
    jam = Jam(monkeypatch, wib(2026, 11, 2, 9, 0))
    topik = _buat(penulis, unit)
    balasan = services.balasan_buat(topik=topik, pengguna=penulis, isi="Asli")
    with pytest.raises(KesalahanForum, match="tidak bisa Anda ubah"):
        services.topik_ubah(topik=topik, pengguna=warga, judul="Dibajak", isi="Dibajak")
    with pytest.raises(KesalahanForum, match="tidak bisa Anda ubah"):
        services.balasan_ubah(balasan=balasan, pengguna=warga, isi="Dibajak")
    jam.ke(wib(2026, 11, 2, 10, 0))
    with pytest.raises(KesalahanForum, match="tidak bisa Anda ubah"):
        services.balasan_ubah(balasan=balasan, pengguna=penulis, isi="Terlambat")
    topik.refresh_from_db()
    balasan.refresh_from_db()
    assert (topik.judul, balasan.isi, topik.diubah, balasan.diubah) == ("Jam buka loket", "Asli", None, None)


def test_an_edit_with_bad_input_changes_nothing(penulis, unit) -> None:
    topik = _buat(penulis, unit)
    with pytest.raises(KesalahanForum, match="kosong"):
        services.topik_ubah(topik=topik, pengguna=penulis, judul="Baru", isi=" ")
    topik.refresh_from_db()
    assert topik.judul == "Jam buka loket"


# Replies -------------------------------------------------------------------------------------


def test_a_reply_counts_subscribes_and_moves_the_topic_up(monkeypatch, penulis, warga, unit) -> None:
    terverifikasi(warga)
    jam = Jam(monkeypatch, wib(2026, 11, 2, 9, 0))
    topik = _buat(penulis, unit)
    jam.ke(wib(2026, 11, 2, 11, 0))
    balasan = services.balasan_buat(topik=topik, pengguna=warga, isi="Buka sampai pukul 12.")
    topik.refresh_from_db()
    assert (topik.jumlah_balasan, topik.aktivitas_terakhir) == (1, wib(2026, 11, 2, 11, 0))
    assert balasan.dari_unit is None and not balasan.resmi
    assert Langganan.objects.filter(topik=topik, pengguna=warga).exists()


def test_a_petugas_replying_on_his_units_topic_speaks_for_the_unit(penulis, petugas, unit) -> None:
    terverifikasi(petugas)
    topik = _buat(penulis, unit)
    assert services.balasan_buat(topik=topik, pengguna=petugas, isi="Buka.").dari_unit == unit


def test_the_units_first_reply_to_a_complaint_is_its_first_response(
    monkeypatch, penulis, petugas, unit
) -> None:
    terverifikasi(petugas)
    jam = Jam(monkeypatch, wib(2026, 11, 2, 9, 0))
    topik = buat_pengaduan(penulis, unit)
    jam.ke(wib(2026, 11, 2, 10, 0))
    services.balasan_buat(topik=topik, pengguna=penulis, isi="Tambahan dari saya.")
    topik.refresh_from_db()
    assert topik.tanggapan_pertama_pada is None
    jam.ke(wib(2026, 11, 2, 13, 0))
    services.balasan_buat(topik=topik, pengguna=petugas, isi="Mohon kirim nomor antrean.")
    jam.ke(wib(2026, 11, 2, 15, 0))
    services.balasan_buat(topik=topik, pengguna=petugas, isi="Terima kasih.")
    topik.refresh_from_db()
    assert topik.tanggapan_pertama_pada == wib(2026, 11, 2, 13, 0)
    assert topik.status == Topik.Status.DITERIMA


def test_bad_replies_are_refused_and_nothing_is_stored(penulis, warga, unit) -> None:
    topik = _buat(penulis, unit)
    with pytest.raises(KesalahanForum, match="kosong"):
        services.balasan_buat(topik=topik, pengguna=penulis, isi="\n\n")
    with pytest.raises(KesalahanForum, match=r"10\.000"):
        services.balasan_buat(topik=topik, pengguna=penulis, isi="x" * 10_001)
    with pytest.raises(KesalahanForum, match="Verifikasi alamat e-mail"):
        services.balasan_buat(topik=topik, pengguna=warga, isi="Halo")
    topik.refresh_from_db()
    assert not Balasan.objects.exists()
    assert topik.jumlah_balasan == 0


def test_nobody_else_replies_to_a_rahasia_complaint(penulis, warga, evaluator, unit) -> None:
    terverifikasi(warga, evaluator)
    topik = buat_pengaduan(penulis, unit, privasi=Topik.Privasi.RAHASIA)
    for orang in (warga, evaluator):
        with pytest.raises(KesalahanForum, match="tidak bisa Anda balas"):
            services.balasan_buat(topik=topik, pengguna=orang, isi="Halo")
    assert not Balasan.objects.exists()


# Support and subscriptions ------------------------------------------------------------------


def test_support_is_one_per_user(penulis, warga, unit) -> None:
    terverifikasi(warga)
    topik = _buat(penulis, unit)
    assert services.dukungan_beri(topik=topik, pengguna=warga) is True
    assert services.dukungan_beri(topik=topik, pengguna=warga) is False
    topik.refresh_from_db()
    assert (topik.jumlah_dukungan, Dukungan.objects.count()) == (1, 1)
    assert services.dukungan_batal(topik=topik, pengguna=warga) is True
    assert services.dukungan_batal(topik=topik, pengguna=warga) is False
    topik.refresh_from_db()
    assert (topik.jumlah_dukungan, Dukungan.objects.count()) == (0, 0)


def test_support_of_ones_own_or_an_invisible_topic_is_refused(penulis, warga, unit) -> None:
    terverifikasi(warga)
    topik = _buat(penulis, unit)
    rahasia = buat_pengaduan(penulis, unit, privasi=Topik.Privasi.RAHASIA)
    with pytest.raises(KesalahanForum, match="topik Anda sendiri"):
        services.dukungan_beri(topik=topik, pengguna=penulis)
    with pytest.raises(KesalahanForum, match="tidak tersedia"):
        services.dukungan_beri(topik=rahasia, pengguna=warga)
    assert not Dukungan.objects.exists()


def test_subscriptions(penulis, warga, unit) -> None:
    topik = _buat(penulis, unit)
    services.langganan_ikuti(topik=topik, pengguna=warga)
    services.langganan_ikuti(topik=topik, pengguna=warga)
    assert Langganan.objects.filter(topik=topik).count() == 2
    services.langganan_berhenti(topik=topik, pengguna=warga)
    assert not Langganan.objects.filter(topik=topik, pengguna=warga).exists()
    rahasia = buat_pengaduan(penulis, unit, privasi=Topik.Privasi.RAHASIA)
    with pytest.raises(KesalahanForum, match="tidak tersedia"):
        services.langganan_ikuti(topik=rahasia, pengguna=warga)


def test_the_edit_window_setting_is_read_at_call_time(monkeypatch, penulis, unit, settings) -> None:
    jam = Jam(monkeypatch, wib(2026, 11, 2, 9, 0))
    topik = _buat(penulis, unit)
    jam.ke(wib(2026, 11, 2, 9, 0) + timedelta(minutes=45))
    settings.FORUM_JENDELA_UBAH_MENIT = 60
    services.topik_ubah(topik=topik, pengguna=penulis, judul="Masih boleh", isi="Ya")


def test_instansi_fixture_is_the_units(instansi: Instansi, unit: UnitLayanan) -> None:
    assert unit.instansi == instansi

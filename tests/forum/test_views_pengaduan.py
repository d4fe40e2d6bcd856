"""The complaint workflow through the pages: the unit's queue, each step by the right and the
wrong actor (nothing changes when refused), steps out of order, the complainant's confirmation
and rating, the evaluator's overview with its metrics, and the status mails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forum.models import Balasan, RiwayatStatus, Topik
from forum.services_pengaduan import pengaduan_konfirmasi, pengaduan_verifikasi
from tests.factories import PenggunaFactory

from .bantu_views import pengaduan, pengaduan_terjawab, pesan, teks, verifikasi

pytestmark = pytest.mark.django_db

Status = Topik.Status
ANTREAN = reverse("forum:antrean")


def url_aksi(t: Topik, aksi: str) -> str:
    return reverse(f"forum:{aksi}", kwargs={"pk": t.pk})


def url_pelapor(t: Topik, aksi: str) -> str:
    return reverse(f"forum:{aksi}", kwargs={"instansi": t.instansi.slug, "pk": t.pk})


@pytest.fixture
def pelapor(db):
    return PenggunaFactory.create(email="pelapor@contoh.id", first_name="Rina", last_name="Pelapor")


@pytest.fixture
def aduan(pelapor, unit):
    return pengaduan(pelapor, unit, judul="Loket tutup lebih awal")


def status_dan_riwayat(t: Topik) -> tuple[str, int]:
    t.refresh_from_db()
    return t.status, RiwayatStatus.objects.filter(topik=t).count()


# The queue -------------------------------------------------------------------------------------


def test_the_petugas_queue_lists_his_units_complaints_overdue_first(masuk, pelapor, unit, unit_lain, petugas):
    baru = pengaduan(pelapor, unit, judul="Masih dalam batas")
    lama = pengaduan(pelapor, unit, judul="Sudah terlambat")
    Topik.objects.filter(pk=lama.pk).update(batas_verifikasi=timezone.localdate() - timedelta(days=2))
    pengaduan(pelapor, unit_lain, judul="Pengaduan unit lain")

    r = masuk(petugas).get(ANTREAN)
    html = teks(r)

    assert r.status_code == 200
    assert html.index("Sudah terlambat") < html.index("Masih dalam batas")
    assert "Pengaduan unit lain" not in html
    assert "baris-terlambat" in html
    assert "Melewati batas waktu" in html
    assert "sisa 3 hari kerja" in html
    assert baru.batas_verifikasi is not None


def test_the_queue_filters_by_unit_and_overdue(masuk, pelapor, unit, unit_anak, petugas):
    pengaduan(pelapor, unit, judul="Induk")
    anak = pengaduan(pelapor, unit_anak, judul="Anak terlambat")
    Topik.objects.filter(pk=anak.pk).update(batas_verifikasi=timezone.localdate() - timedelta(days=2))
    klien = masuk(petugas)

    assert "Induk" not in teks(klien.get(ANTREAN, {"unit": unit_anak.pk}))
    html = teks(klien.get(ANTREAN, {"terlambat": "on"}))
    assert "Anak terlambat" in html
    assert ">Induk<" not in html


def test_the_queue_hides_an_anonim_complainant_from_the_petugas(masuk, pelapor, unit, petugas):
    pengaduan(pelapor, unit, privasi="anonim")

    html = teks(masuk(petugas).get(ANTREAN))

    assert "Pelapor anonim" in html
    assert "Rina" not in html
    assert "pelapor@contoh.id" not in html


@pytest.mark.parametrize(
    ("nama", "status"),
    [("warga", 403), ("petugas", 200), ("evaluator", 200), ("admin_instansi", 200), ("superuser", 200)],
)
def test_the_queue_for_each_actor(nama, status, request, masuk, unit):
    aktor = request.getfixturevalue(nama)

    assert masuk(aktor, totp=nama != "petugas" and nama != "warga").get(ANTREAN).status_code == status


def test_the_queue_sends_a_visitor_to_login(client):
    assert client.get(ANTREAN).status_code == 302


# The unit's steps -----------------------------------------------------------------------------


def test_the_petugas_verifies_and_the_complainant_is_mailed(
    masuk, aduan, petugas, pelapor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = masuk(petugas).post(url_aksi(aduan, "verifikasi"), {"catatan": "Lengkap."})

    assert r.status_code == 303
    assert status_dan_riwayat(aduan) == (Status.DIVERIFIKASI, 2)
    assert aduan.batas_tindak_lanjut is not None
    assert [m.to for m in mail.outbox] == [[pelapor.email]]
    assert "Diverifikasi" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("nama", "status"),
    [("petugas_lain", 403), ("evaluator", 403), ("evaluator_lain", 403), ("admin_lain", 403), ("warga", 403)],
)
def test_a_wrong_actor_changes_nothing(nama, status, request, masuk, aduan):
    aktor = request.getfixturevalue(nama)
    verifikasi(aktor)
    klien = masuk(aktor, totp=nama in ("evaluator", "evaluator_lain", "admin_lain"))

    for aksi, data in [
        ("verifikasi", {}),
        ("tolak", {"alasan": "Tidak jelas"}),
        ("alihkan", {"unit_tujuan": aduan.unit_id, "catatan": "x"}),
        ("jawab", {"isi": "Jawaban"}),
    ]:
        assert klien.post(url_aksi(aduan, aksi), data).status_code == status

    assert status_dan_riwayat(aduan) == (Status.DITERIMA, 1)
    assert not Balasan.objects.exists()


def test_a_rahasia_complaint_is_404_to_another_units_petugas(masuk, pelapor, unit, petugas_lain):
    t = pengaduan(pelapor, unit, privasi="rahasia")

    assert masuk(petugas_lain).post(url_aksi(t, "verifikasi")).status_code == 404
    assert status_dan_riwayat(t) == (Status.DITERIMA, 1)


def test_the_steps_are_post_only(masuk, aduan, petugas):
    assert masuk(petugas).get(url_aksi(aduan, "verifikasi")).status_code == 405


def test_the_admin_instansi_may_handle_a_complaint(masuk, aduan, admin_instansi):
    r = masuk(admin_instansi, totp=True).post(url_aksi(aduan, "verifikasi"))

    assert r.status_code == 303
    assert status_dan_riwayat(aduan) == (Status.DIVERIFIKASI, 2)


def test_the_petugas_of_a_parent_unit_handles_a_sub_units_complaint(masuk, pelapor, unit_anak, petugas):
    t = pengaduan(pelapor, unit_anak)

    assert masuk(petugas).post(url_aksi(t, "verifikasi")).status_code == 303
    assert status_dan_riwayat(t)[0] == Status.DIVERIFIKASI


def test_an_answer_before_verification_is_refused(masuk, aduan, petugas):
    verifikasi(petugas)

    r = masuk(petugas).post(url_aksi(aduan, "jawab"), {"isi": "Sudah kami perbaiki."})

    assert r.status_code == 400
    assert "harus diverifikasi terlebih dahulu" in teks(r)
    assert status_dan_riwayat(aduan) == (Status.DITERIMA, 1)
    assert not Balasan.objects.exists()
    assert "Sudah kami perbaiki." in teks(r)  # the answer typed is not lost


def test_a_confirmation_before_the_answer_is_refused(masuk, aduan, pelapor):
    r = masuk(pelapor).post(url_pelapor(aduan, "konfirmasi"), {"nilai": "4"})

    assert r.status_code == 403
    assert status_dan_riwayat(aduan) == (Status.DITERIMA, 1)


def test_a_second_verification_is_refused(masuk, aduan, petugas):
    klien = masuk(petugas)
    klien.post(url_aksi(aduan, "verifikasi"))

    r = klien.post(url_aksi(aduan, "verifikasi"))

    assert r.status_code == 400
    assert status_dan_riwayat(aduan) == (Status.DIVERIFIKASI, 2)


def test_a_rejection_needs_a_reason(masuk, aduan, petugas):
    for alasan in ("", "  "):
        r = masuk(petugas).post(url_aksi(aduan, "tolak"), {"alasan": alasan})

        assert r.status_code == 400
        assert "Tulis alasan penolakan." in teks(r)
    assert status_dan_riwayat(aduan) == (Status.DITERIMA, 1)


def test_a_rejection_closes_the_complaint_with_its_reason(masuk, client, aduan, petugas):
    r = masuk(petugas).post(url_aksi(aduan, "tolak"), {"alasan": "Pengaduan ganda."})

    assert r.status_code == 303
    assert status_dan_riwayat(aduan) == (Status.DITOLAK, 2)
    assert "Pengaduan ganda." in teks(client.get(aduan.get_absolute_url()))


def test_bukan_kewenangan_moves_the_complaint_to_another_unit(masuk, aduan, petugas, petugas_lain, unit_lain):
    r = masuk(petugas).post(
        url_aksi(aduan, "alihkan"), {"unit_tujuan": unit_lain.pk, "catatan": "Urusan Dinkes."}
    )

    assert r.status_code == 303
    aduan.refresh_from_db()
    assert (aduan.unit, aduan.status) == (unit_lain, Status.DITERIMA)
    # The complaint now waits in the other unit's queue, and the first unit may no longer act.
    assert "Loket tutup lebih awal" in teks(masuk(petugas_lain).get(ANTREAN))
    assert masuk(petugas).post(url_aksi(aduan, "verifikasi")).status_code == 403


@pytest.mark.parametrize("tujuan", ["sama", "instansi_lain", "kosong"])
def test_a_move_to_a_wrong_unit_is_refused(tujuan, masuk, aduan, petugas, unit_instansi_lain):
    pilihan = {"sama": aduan.unit_id, "instansi_lain": unit_instansi_lain.pk, "kosong": ""}[tujuan]

    r = masuk(petugas).post(url_aksi(aduan, "alihkan"), {"unit_tujuan": pilihan, "catatan": "x"})

    assert r.status_code == 400
    assert status_dan_riwayat(aduan) == (Status.DITERIMA, 1)
    aduan.refresh_from_db()
    assert aduan.unit_id == pilihan or tujuan != "sama"


def test_the_official_answer_is_stored_marked_and_mailed(
    masuk, client, aduan, petugas, pelapor, django_capture_on_commit_callbacks
):
    verifikasi(petugas)
    pengaduan_verifikasi(topik=aduan, pengguna=petugas)

    with django_capture_on_commit_callbacks(execute=True):
        r = masuk(petugas).post(url_aksi(aduan, "jawab"), {"isi": "Loket kini buka sampai 16.00."})

    assert r.status_code == 303
    assert status_dan_riwayat(aduan)[0] == Status.DITINDAKLANJUTI
    jawaban = Balasan.objects.get()
    assert jawaban.resmi
    assert jawaban.dari_unit == aduan.unit
    assert "Jawaban resmi" in teks(client.get(aduan.get_absolute_url()))
    penerima = sorted(m.to[0] for m in mail.outbox)
    assert penerima == [pelapor.email, pelapor.email]  # the status change and the answer


def test_an_empty_official_answer_is_refused(masuk, aduan, petugas):
    verifikasi(petugas)
    pengaduan_verifikasi(topik=aduan, pengguna=petugas)

    r = masuk(petugas).post(url_aksi(aduan, "jawab"), {"isi": ""})

    assert r.status_code == 400
    assert status_dan_riwayat(aduan) == (Status.DIVERIFIKASI, 2)


def test_the_unit_sees_its_actions_and_others_do_not(masuk, client, aduan, petugas, petugas_lain, pelapor):
    aksi = url_aksi(aduan, "verifikasi")

    assert aksi in teks(masuk(petugas).get(aduan.get_absolute_url()))
    for klien in (client, masuk(petugas_lain), masuk(pelapor)):
        assert aksi not in teks(klien.get(aduan.get_absolute_url()))


def test_the_page_shows_the_deadline_in_working_days(client, aduan):
    html = teks(client.get(aduan.get_absolute_url()))

    assert "Batas verifikasi" in html
    assert "sisa 3 hari kerja" in html


# The complainant's steps -------------------------------------------------------------------


def test_the_complainant_confirms_and_rates(masuk, pelapor, unit, petugas):
    t = pengaduan_terjawab(pelapor, unit, petugas)
    klien = masuk(pelapor)

    assert url_pelapor(t, "konfirmasi") in teks(klien.get(t.get_absolute_url()))
    r = klien.post(url_pelapor(t, "konfirmasi"), {"nilai": "3", "catatan": "Terima kasih."})

    t.refresh_from_db()
    assert r.status_code == 303
    assert (t.status, t.penilaian) == (Status.SELESAI, 3)


def test_the_complainant_rates_or_rerates_a_closed_complaint(masuk, pelapor, unit, petugas):
    t = pengaduan_terjawab(pelapor, unit, petugas)
    pengaduan_konfirmasi(topik=t, pengguna=pelapor)
    klien = masuk(pelapor)

    klien.post(url_pelapor(t, "nilai"), {"nilai": "2"})
    t.refresh_from_db()
    assert t.penilaian == 2
    klien.post(url_pelapor(t, "nilai"), {"nilai": "4"})
    t.refresh_from_db()
    assert t.penilaian == 4


@pytest.mark.parametrize("nilai", ["0", "5", "x", "", "3.5"])
def test_a_rating_outside_1_to_4_is_refused(masuk, pelapor, unit, petugas, nilai):
    t = pengaduan_terjawab(pelapor, unit, petugas)

    r = masuk(pelapor).post(url_pelapor(t, "nilai"), {"nilai": nilai})

    assert r.status_code == 400
    assert "Pilih nilai 1 sampai 4." in teks(r)
    t.refresh_from_db()
    assert t.penilaian is None


@pytest.mark.parametrize("nama", ["petugas", "warga", "admin_instansi"])
def test_only_the_complainant_confirms_or_rates(nama, request, masuk, pelapor, unit, petugas):
    t = pengaduan_terjawab(pelapor, unit, petugas)
    klien = masuk(request.getfixturevalue(nama), totp=nama == "admin_instansi")

    assert klien.post(url_pelapor(t, "konfirmasi"), {"nilai": "4"}).status_code == 403
    assert klien.post(url_pelapor(t, "nilai"), {"nilai": "1"}).status_code == 403
    t.refresh_from_db()
    assert (t.status, t.penilaian) == (Status.DITINDAKLANJUTI, None)


# The evaluator's overview --------------------------------------------------------------------


def url_evaluasi(instansi) -> str:
    return reverse("forum:evaluasi", kwargs={"instansi": instansi.slug})


@pytest.mark.parametrize(
    ("nama", "status"),
    [
        ("warga", 403),
        ("petugas", 403),
        ("evaluator", 200),
        ("evaluator_lain", 403),
        ("admin_instansi", 200),
        ("admin_lain", 403),
        ("superuser", 200),
    ],
)
def test_the_overview_for_each_actor(nama, status, request, masuk, instansi):
    aktor = request.getfixturevalue(nama)

    r = masuk(aktor, totp=nama not in ("warga", "petugas")).get(url_evaluasi(instansi))

    assert r.status_code == status


def test_the_overview_shows_the_metrics_per_unit_and_overdue_complaints(
    masuk, pelapor, unit, unit_lain, petugas, evaluator, instansi
):
    t = pengaduan_terjawab(pelapor, unit, petugas)
    pengaduan_konfirmasi(topik=t, pengguna=pelapor, nilai=3)
    terlambat = pengaduan(pelapor, unit_lain, judul="Belum disentuh", privasi="anonim")
    Topik.objects.filter(pk=terlambat.pk).update(batas_verifikasi=timezone.localdate() - timedelta(days=1))

    html = teks(masuk(evaluator, totp=True).get(url_evaluasi(instansi)))

    assert unit.nama in html
    assert unit_lain.nama in html
    assert "100,0%" in html  # answered on the day it was verified
    assert "3,00 (1 penilaian)" in html
    assert "Belum disentuh" in html
    assert "baris-terlambat" in html
    assert "Rina" not in html.split("Belum disentuh")[1][:300]  # anonim stays anonim
    assert url_aksi(terlambat, "verifikasi") not in html  # read only


def test_the_overview_period_is_validated(masuk, evaluator, instansi):
    klien = masuk(evaluator, totp=True)

    r = klien.get(url_evaluasi(instansi), {"dari": "2026-05-01", "sampai": "2026-01-01"})
    assert r.status_code == 200
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in teks(r)
    assert klien.get(url_evaluasi(instansi), {"dari": "bukan-tanggal"}).status_code == 200


def test_an_empty_period_shows_no_metrics(masuk, pelapor, unit, evaluator, instansi):
    pengaduan(pelapor, unit)

    html = teks(
        masuk(evaluator, totp=True).get(
            url_evaluasi(instansi), {"dari": "2020-01-01", "sampai": "2020-12-31"}
        )
    )

    assert "Belum ada pengaduan dalam periode ini." in html


def test_messages_confirm_each_step(masuk, aduan, petugas):
    r = masuk(petugas).post(url_aksi(aduan, "verifikasi"), follow=True)

    assert any("diverifikasi" in p for p in pesan(r))

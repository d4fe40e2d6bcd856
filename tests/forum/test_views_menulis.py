"""Writing through the pages: new topics and complaints, replies, edits, support,
subscriptions and flags; the refusals (no verified e-mail, blocked, empty, huge, another
instansi's unit, another user's post, too often), each with its message and nothing stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forum.models import Balasan, Blokir, Dukungan, Langganan, Tanda, Topik
from forum.services import balasan_buat
from tests.factories import LayananFactory, PenggunaFactory, UnitLayananFactory

from .bantu_views import pengaduan, pesan, teks, topik, verifikasi

pytestmark = pytest.mark.django_db


def url_baru(instansi, *, pengaduan: bool = False) -> str:
    nama = "forum:pengaduan_baru" if pengaduan else "forum:baru"
    return reverse(nama, kwargs={"instansi": instansi.slug})


def url_topik(t: Topik, aksi: str = "") -> str:
    nama = f"forum:{aksi}" if aksi else "forum:topik"
    return reverse(nama, kwargs={"instansi": t.instansi.slug, "pk": t.pk})


@pytest.fixture
def penulis(warga):
    verifikasi(warga)
    return warga


@pytest.fixture
def k_penulis(masuk, penulis):
    return masuk(penulis)


# New topics ----------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_login_to_write(client, instansi):
    r = client.get(url_baru(instansi))

    assert r.status_code == 302
    assert reverse("account_login") in r["Location"]


def test_a_verified_user_starts_a_topic(k_penulis, penulis, instansi, unit):
    r = k_penulis.post(
        url_baru(instansi),
        {"jenis": "pertanyaan", "judul": "Syarat KIA?", "isi": "Apa *syarat* KIA?", "unit": unit.pk},
    )

    t = Topik.objects.get()
    assert r.status_code == 303
    assert r["Location"] == t.get_absolute_url()
    assert (t.jenis, t.unit, t.penulis, t.status, t.privasi) == ("pertanyaan", unit, penulis, "", "publik")
    assert "<em>syarat</em>" in t.isi_html


def test_the_form_offers_only_the_instansis_active_units_and_services(
    k_penulis, instansi, unit, unit_instansi_lain
):
    lama = UnitLayananFactory.create(
        instansi=instansi, nama="Dinas Lama Dibubarkan", aktif_sampai=timezone.localdate() - timedelta(days=1)
    )
    LayananFactory.create(unit=unit, nama="Pembuatan KTP-el")
    LayananFactory.create(unit=unit, nama="Layanan Nonaktif", aktif=False)

    html = teks(k_penulis.get(url_baru(instansi, pengaduan=True)))

    assert unit.nama in html
    assert "Pembuatan KTP-el" in html
    assert lama.nama not in html
    assert unit_instansi_lain.nama not in html
    assert "Layanan Nonaktif" not in html


@pytest.mark.parametrize("nama_unit", ["unit_instansi_lain", "unit_lama"])
def test_a_unit_of_another_instansi_or_an_ended_one_is_refused(
    nama_unit, request, k_penulis, instansi, unit_instansi_lain
):
    unit_lama = UnitLayananFactory.create(
        instansi=instansi, aktif_sampai=timezone.localdate() - timedelta(days=1)
    )
    pilihan = unit_lama if nama_unit == "unit_lama" else unit_instansi_lain

    r = k_penulis.post(
        url_baru(instansi, pengaduan=True),
        {"judul": "Judul", "isi": "Isi", "unit": pilihan.pk, "privasi": "publik"},
    )

    assert r.status_code == 200
    assert "Pilih unit layanan instansi ini yang masih aktif." in teks(r)
    assert not Topik.objects.exists()


def test_a_complaint_enters_the_workflow_and_tells_the_units_petugas(
    k_penulis, instansi, unit, petugas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = k_penulis.post(
            url_baru(instansi, pengaduan=True),
            {"judul": "Pungli", "isi": "Diminta uang tambahan.", "unit": unit.pk, "privasi": "anonim"},
        )

    t = Topik.objects.get()
    assert r.status_code == 303
    assert (t.jenis, t.status, t.privasi, t.unit) == ("pengaduan", "diterima", "anonim", unit)
    assert t.batas_verifikasi is not None
    assert [m.to for m in mail.outbox] == [[petugas.email]]
    assert "warga@contoh.id" not in mail.outbox[0].body


def test_a_complaint_needs_a_unit(k_penulis, instansi):
    r = k_penulis.post(
        url_baru(instansi, pengaduan=True), {"judul": "Judul", "isi": "Isi", "privasi": "publik"}
    )

    assert "Pilih unit layanan yang diadukan." in teks(r)
    assert not Topik.objects.exists()


def test_a_topic_cannot_be_made_anonymous(k_penulis, instansi):
    # The topic form has no privacy field: a forged one is ignored, the topic is public.
    k_penulis.post(url_baru(instansi), {"jenis": "diskusi", "judul": "J", "isi": "I", "privasi": "rahasia"})

    assert Topik.objects.get().privasi == "publik"


def test_a_topic_form_cannot_file_a_complaint(k_penulis, instansi, unit):
    r = k_penulis.post(url_baru(instansi), {"jenis": "pengaduan", "judul": "J", "isi": "I", "unit": unit.pk})

    assert r.status_code == 200
    assert not Topik.objects.exists()


@pytest.mark.parametrize(
    ("data", "pesan_galat"),
    [
        ({"judul": "", "isi": "Isi"}, "Judul tidak boleh kosong."),
        ({"judul": "   \u200b ", "isi": "Isi"}, "Judul tidak boleh kosong."),
        ({"judul": "Judul", "isi": ""}, "Isi tulisan tidak boleh kosong."),
        ({"judul": "Judul", "isi": "\n\n  \t"}, "Isi tulisan tidak boleh kosong."),
        ({"judul": "J" * 201, "isi": "Isi"}, "paling banyak 200 karakter"),
        ({"judul": "Judul", "isi": "x" * 10_001}, "paling banyak 10.000 karakter"),
    ],
)
def test_empty_or_huge_posts_are_refused_with_a_message(k_penulis, instansi, data, pesan_galat):
    r = k_penulis.post(url_baru(instansi), {"jenis": "diskusi", **data})

    assert r.status_code == 200
    assert pesan_galat in teks(r)
    assert not Topik.objects.exists()


def test_the_text_typed_is_kept_after_an_error(k_penulis, instansi):
    r = k_penulis.post(url_baru(instansi), {"jenis": "diskusi", "judul": "", "isi": "Isi panjang saya"})

    assert "Isi panjang saya" in teks(r)


def test_an_unverified_email_cannot_post_and_is_shown_the_way(masuk, warga, instansi):
    klien = masuk(warga)

    r = klien.get(url_baru(instansi))
    assert "Verifikasi alamat e-mail Anda" in teks(r)
    assert reverse("account_email") in teks(r)
    assert "<textarea" not in teks(r)

    r = klien.post(url_baru(instansi), {"jenis": "diskusi", "judul": "Judul", "isi": "Isi"})
    assert r.status_code == 403
    assert not Topik.objects.exists()


def test_a_blocked_user_cannot_post_in_that_instansi(masuk, penulis, instansi, instansi_lain, admin_instansi):
    Blokir.objects.create(instansi=instansi, pengguna=penulis, oleh=admin_instansi, alasan="Spam")
    klien = masuk(penulis)

    r = klien.post(url_baru(instansi), {"jenis": "diskusi", "judul": "Judul", "isi": "Isi"})
    assert r.status_code == 403
    assert "Anda diblokir dari forum instansi ini." in teks(r)
    assert not Topik.objects.exists()

    klien.post(url_baru(instansi_lain), {"jenis": "diskusi", "judul": "Judul", "isi": "Isi"})
    assert Topik.objects.filter(instansi=instansi_lain).count() == 1


def test_posting_too_often_answers_429(k_penulis, instansi, settings):
    settings.FORUM_BATAS_LAJU = (2, 600)
    for i in range(2):
        k_penulis.post(url_baru(instansi), {"jenis": "diskusi", "judul": f"Judul {i}", "isi": "Isi"})

    r = k_penulis.post(url_baru(instansi), {"jenis": "diskusi", "judul": "Judul 3", "isi": "Isi"})

    assert r.status_code == 429
    assert int(r["Retry-After"]) > 0
    assert "terlalu sering menulis" in teks(r)
    assert Topik.objects.count() == 2


def test_the_new_topic_link_of_a_penataan_preselects_it(k_penulis, instansi):
    from tests.factories import PenataanFactory

    p = PenataanFactory.create(instansi=instansi, judul="Penggabungan Dinas")

    html = teks(k_penulis.get(url_baru(instansi) + f"?penataan={p.pk}"))

    assert f'<option value="{p.pk}" selected>' in html


# Replies --------------------------------------------------------------------------------------


def test_a_reply_is_stored_and_mailed_to_the_subscribers(
    masuk, penulis, petugas, instansi, django_capture_on_commit_callbacks
):
    t = topik(penulis, instansi)
    verifikasi(petugas)

    with django_capture_on_commit_callbacks(execute=True):
        r = masuk(petugas).post(url_topik(t, "balas"), {"isi": "Kantor buka pukul 08.00."})

    assert r.status_code == 303
    assert Balasan.objects.get().isi == "Kantor buka pukul 08.00."
    assert [m.to for m in mail.outbox] == [[penulis.email]]
    assert "Kantor buka pukul 08.00." in mail.outbox[0].body
    assert Langganan.objects.filter(topik=t, pengguna=petugas).exists()


@pytest.mark.parametrize(("isi", "pesan_galat"), [("  ", "tidak boleh kosong"), ("y" * 10_001, "10.000")])
def test_an_empty_or_huge_reply_is_refused(k_penulis, instansi, penulis, isi, pesan_galat):
    t = topik(penulis, instansi)

    r = k_penulis.post(url_topik(t, "balas"), {"isi": isi})

    assert r.status_code == 400
    assert pesan_galat in teks(r)
    assert not Balasan.objects.exists()


def test_an_unverified_user_cannot_reply(masuk, penulis, instansi, petugas):
    t = topik(penulis, instansi)

    r = masuk(petugas).post(url_topik(t, "balas"), {"isi": "Halo"})

    assert r.status_code == 403
    assert "Verifikasi alamat e-mail" in teks(r)
    assert not Balasan.objects.exists()


def test_a_visitor_posting_a_reply_is_sent_to_login(client, penulis, instansi):
    t = topik(penulis, instansi)

    r = client.post(url_topik(t, "balas"), {"isi": "Halo"})

    assert r.status_code == 302
    # Back to the topic after signing in, not to the POST-only address.
    assert r["Location"] == f"{reverse('account_login')}?next={url_topik(t)}"
    assert not Balasan.objects.exists()


def test_replies_are_post_only(k_penulis, penulis, instansi):
    t = topik(penulis, instansi)

    assert k_penulis.get(url_topik(t, "balas")).status_code == 405


def test_a_closed_complaint_takes_no_reply(masuk, penulis, unit, petugas):
    from forum.services_pengaduan import pengaduan_tolak

    t = pengaduan(penulis, unit)
    pengaduan_tolak(topik=t, pengguna=petugas, alasan="Bukan pengaduan")

    r = masuk(penulis).post(url_topik(t, "balas"), {"isi": "Kenapa?"})

    assert r.status_code == 403
    assert not Balasan.objects.exists()


def test_replying_too_often_answers_429(k_penulis, penulis, instansi, settings):
    t = topik(penulis, instansi)
    settings.FORUM_BATAS_LAJU = (1, 600)  # the topic already used the one post allowed

    r = k_penulis.post(url_topik(t, "balas"), {"isi": "Satu lagi"})

    assert r.status_code == 429
    assert not Balasan.objects.exists()


def test_a_rahasia_complaint_takes_no_reply_from_strangers(masuk, penulis, unit):
    t = pengaduan(penulis, unit, privasi="rahasia")
    orang_lain = PenggunaFactory.create(email_terverifikasi=True)

    r = masuk(orang_lain).post(url_topik(t, "balas"), {"isi": "Saya juga"})

    assert r.status_code == 404
    assert not Balasan.objects.exists()


# Edits --------------------------------------------------------------------------------------


def test_the_author_edits_his_topic_within_the_window(k_penulis, penulis, instansi):
    t = topik(penulis, instansi)

    assert k_penulis.get(url_topik(t, "topik_ubah")).status_code == 200
    r = k_penulis.post(url_topik(t, "topik_ubah"), {"judul": "Judul baru", "isi": "Isi **baru**"})

    t.refresh_from_db()
    assert r.status_code == 303
    assert (t.judul, t.isi_html, t.diubah is not None) == (
        "Judul baru",
        "<p>Isi <strong>baru</strong></p>",
        True,
    )


def test_another_user_cannot_edit_a_topic(masuk, penulis, instansi, admin_instansi):
    t = topik(penulis, instansi, judul="Asli")
    lain = PenggunaFactory.create(email_terverifikasi=True)

    for klien in (masuk(lain), masuk(admin_instansi, totp=True)):
        assert klien.get(url_topik(t, "topik_ubah")).status_code == 403
        assert klien.post(url_topik(t, "topik_ubah"), {"judul": "Dibajak", "isi": "x"}).status_code == 403
    t.refresh_from_db()
    assert t.judul == "Asli"


def test_the_edit_window_closes(k_penulis, penulis, instansi):
    t = topik(penulis, instansi, judul="Asli")
    Topik.objects.filter(pk=t.pk).update(dibuat=timezone.now() - timedelta(minutes=31))

    assert k_penulis.post(url_topik(t, "topik_ubah"), {"judul": "Terlambat", "isi": "x"}).status_code == 403
    t.refresh_from_db()
    assert t.judul == "Asli"


def test_an_empty_edit_is_refused(k_penulis, penulis, instansi):
    t = topik(penulis, instansi, judul="Asli")

    r = k_penulis.post(url_topik(t, "topik_ubah"), {"judul": "Asli", "isi": " "})

    assert "tidak boleh kosong" in teks(r)
    t.refresh_from_db()
    assert t.isi == "Antrean **panjang**."


def test_the_author_edits_his_reply_and_nobody_else_does(masuk, penulis, instansi, petugas):
    t = topik(penulis, instansi)
    verifikasi(petugas)
    b = balasan_buat(topik=t, pengguna=petugas, isi="Asli")
    url = reverse("forum:balasan_ubah", kwargs={"instansi": t.instansi.slug, "pk": b.pk})

    assert masuk(penulis).post(url, {"isi": "Dibajak"}).status_code == 403
    r = masuk(petugas).post(url, {"isi": "Diperbaiki"})

    b.refresh_from_db()
    assert r.status_code == 303
    assert b.isi == "Diperbaiki"


# Support and subscriptions --------------------------------------------------------------------


def test_support_counts_once_per_user_and_can_be_withdrawn(masuk, penulis, instansi):
    t = topik(penulis, instansi)
    pendukung = PenggunaFactory.create(email_terverifikasi=True)
    klien = masuk(pendukung)

    klien.post(url_topik(t, "dukung"), {"aksi": "beri"})
    r = klien.post(url_topik(t, "dukung"), {"aksi": "beri"}, follow=True)

    t.refresh_from_db()
    assert t.jumlah_dukungan == 1
    assert Dukungan.objects.count() == 1
    assert "Anda sudah mendukung topik ini." in pesan(r)

    klien.post(url_topik(t, "dukung"), {"aksi": "batal"})
    t.refresh_from_db()
    assert t.jumlah_dukungan == 0


def test_the_author_cannot_support_his_own_topic(k_penulis, penulis, instansi):
    t = topik(penulis, instansi)

    r = k_penulis.post(url_topik(t, "dukung"), {"aksi": "beri"}, follow=True)

    assert "Anda tidak bisa mendukung topik Anda sendiri." in pesan(r)
    assert not Dukungan.objects.exists()


def test_support_is_post_only_and_needs_a_login(client, penulis, instansi):
    t = topik(penulis, instansi)

    assert client.post(url_topik(t, "dukung"), {"aksi": "beri"}).status_code == 302
    assert not Dukungan.objects.exists()


def test_subscribe_and_unsubscribe(masuk, penulis, instansi, petugas):
    t = topik(penulis, instansi)
    klien = masuk(petugas)

    klien.post(url_topik(t, "langganan"), {"aksi": "ikuti"})
    assert Langganan.objects.filter(topik=t, pengguna=petugas).exists()
    assert "Berhenti mengikuti" in teks(klien.get(url_topik(t)))

    klien.post(url_topik(t, "langganan"), {"aksi": "berhenti"})
    assert not Langganan.objects.filter(topik=t, pengguna=petugas).exists()


# Flags -----------------------------------------------------------------------------------------


def test_a_user_flags_a_topic_with_a_reason(masuk, penulis, instansi, petugas):
    t = topik(penulis, instansi)
    klien = masuk(petugas)

    assert klien.get(url_topik(t, "tandai_topik")).status_code == 200
    r = klien.post(url_topik(t, "tandai_topik"), {"alasan": "spam"})

    assert r.status_code == 303
    assert Tanda.objects.get().alasan == "spam"


@pytest.mark.parametrize(
    ("data", "pesan_galat"),
    [
        ({}, "Pilih alasan penandaan."),
        ({"alasan": "bohong"}, "Pilih alasan penandaan."),
        ({"alasan": "lainnya", "keterangan": "  "}, "Jelaskan alasannya bila memilih Lainnya."),
        ({"alasan": "spam", "keterangan": "k" * 501}, "paling banyak 500 karakter"),
    ],
)
def test_a_flag_needs_a_known_reason(masuk, penulis, instansi, petugas, data, pesan_galat):
    t = topik(penulis, instansi)

    r = masuk(petugas).post(url_topik(t, "tandai_topik"), data)

    assert r.status_code == 400
    assert pesan_galat in teks(r)
    assert not Tanda.objects.exists()


def test_the_author_cannot_flag_his_own_topic(k_penulis, penulis, instansi):
    t = topik(penulis, instansi)

    r = k_penulis.post(url_topik(t, "tandai_topik"), {"alasan": "spam"})

    assert "Anda tidak bisa menandai tulisan Anda sendiri." in teks(r)
    assert not Tanda.objects.exists()


def test_enough_flags_hide_a_reply_from_the_public(client, masuk, penulis, instansi, petugas):
    t = topik(penulis, instansi)
    verifikasi(petugas)
    b = balasan_buat(topik=t, pengguna=petugas, isi="Iklan obat kuat")
    url = reverse("forum:tandai_balasan", kwargs={"instansi": instansi.slug, "pk": b.pk})
    for _ in range(3):
        masuk(PenggunaFactory.create()).post(url, {"alasan": "spam"})

    b.refresh_from_db()
    assert b.tersembunyi
    html = teks(client.get(url_topik(t)))
    assert "Iklan obat kuat" not in html
    assert "Disembunyikan oleh moderator" in html


def test_the_forms_carry_a_csrf_token_and_a_post_without_it_is_refused(penulis, instansi):
    import re

    from django.test import Client

    t = topik(penulis, instansi)
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(penulis)

    assert klien.post(url_topik(t, "balas"), {"isi": "Tanpa token"}).status_code == 403
    html = teks(klien.get(url_topik(t)))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token
    r = klien.post(url_topik(t, "balas"), {"isi": "Dengan token", "csrfmiddlewaretoken": token.group(1)})

    assert r.status_code == 303
    assert list(Balasan.objects.values_list("isi", flat=True)) == ["Dengan token"]


def test_every_mistake_of_a_submission_is_shown_at_once(k_penulis, instansi):
    r = k_penulis.post(
        url_baru(instansi, pengaduan=True), {"judul": " ", "isi": "x" * 10_001, "privasi": "publik"}
    )

    html = teks(r)
    assert "Pilih unit layanan yang diadukan." in html
    assert "Judul tidak boleh kosong." in html
    assert "paling banyak 10.000 karakter" in html
    assert not Topik.objects.exists()

"""The forum in a real browser: a new citizen writes a topic and files a complaint; the unit's
petugas verifies and answers it, and the citizen closes and rates it (on a phone); hostile text
as titles, bodies and replies stays text on every forum page; axe on the forum's pages.

Rows that only set the scene are made with forum.services (the same code the forms call); what
each test is about goes through the pages, as a person would do it.

One test is a strict xfail: it records a known fault of the unit's complaint page (its forms
share element ids). When the forms get a prefix each it passes, and the mark must go.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from akun.models import Pengguna
from forum.models import Balasan, RiwayatStatus, Topik
from forum.services import balasan_buat, topik_buat
from forum.services_moderasi import tanda_beri
from forum.services_pengaduan import pengaduan_verifikasi
from organisasi.models import Instansi, UnitLayanan
from tests.e2e.bantu import (
    daftar_dan_verifikasi,
    keluar,
    masuk,
    sisipan,
    tampil_sebagai_teks,
    teks_halaman,
)
from tests.e2e.muatan_xss import MUATAN_XSS
from tests.e2e.test_aksesibilitas import periksa_semua
from tests.factories import KATA_SANDI, PenggunaFactory, beri_totp
from tests.forum.bantuan_inti import buat_pengaduan, terverifikasi

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Locator, Page

    from tests.e2e.conftest import Penjaga

EMAIL = "rahmat.warga@contoh.id"
SANDI = "sandi-warga-forum-yang-panjang-2026"
Status = Topik.Status


def _normal(teks: str) -> str:
    return " ".join(teks.split())


def url_topik(topik: Topik) -> str:
    return topik.get_absolute_url()


def url_daftar(instansi: Instansi) -> str:
    return reverse("forum:daftar_instansi", kwargs={"instansi": instansi.slug})


def kirim(page: Page, tombol: Locator) -> None:
    """Press a form's button and wait for the page that answers (often the same address, after
    a 303, so waiting for the URL would not wait at all)."""
    with page.expect_navigation():
        tombol.click()


def pilih_unit(page: Page, unit: UnitLayanan) -> None:
    page.get_by_label("Unit layanan").select_option(str(unit.pk))


@pytest.fixture
def pelapor(db: None) -> Pengguna:
    """A citizen with a verified address (posting needs one), made without the sign-up pages."""
    orang = PenggunaFactory.create(email="pelapor@contoh.id", first_name="Rina", last_name="Pelapor")
    terverifikasi(orang)
    return orang


@pytest.fixture
def tanpa_batas_laju(settings: Any) -> None:
    # One person posts dozens of rows in seconds here; the limit is for real people.
    settings.FORUM_BATAS_LAJU = (10_000, 600)


# 1. A new citizen writes a topic and files a complaint ---------------------------------------------


def test_a_new_citizen_posts_a_topic_in_markdown_and_files_a_complaint(
    halaman: Page, mailoutbox: list[Any], unit: UnitLayanan, unit_lain: UnitLayanan, petugas: Pengguna
) -> None:
    terverifikasi(petugas)
    page = halaman
    daftar_dan_verifikasi(page, mailoutbox, EMAIL, SANDI)
    keluar(page)
    masuk(page, EMAIL, SANDI)
    assert EMAIL in page.locator("header").inner_text()

    # From the forum's front page, through the choice of instansi, to the new-topic form.
    page.goto("/forum/")
    page.get_by_role("link", name="Tulis topik atau pengaduan").click()
    page.wait_for_url("**/forum/baru/")
    kartu = page.locator("li.kartu", has=page.get_by_role("heading", name=unit.instansi.nama))
    kartu.get_by_role("link", name="Tulis topik").click()
    page.wait_for_url(f"**/forum/{unit.instansi.slug}/baru/")
    page.get_by_label("Diskusi").check()
    pilih_unit(page, unit)
    judul = "Jam buka loket KTP di hari Sabtu"
    page.get_by_label("Judul").fill(judul)
    page.get_by_label("Isi").fill(
        "Loket **tutup jam 12** padahal jadwalnya sampai jam 14.\n\n"
        "Lihat [jadwal resmi](https://contoh.go.id/jadwal) di situs dinas."
    )
    page.get_by_role("button", name="Terbitkan topik").click()
    page.wait_for_url(re.compile(rf"/forum/{unit.instansi.slug}/\d+/$"))

    topik = Topik.objects.get(judul=judul)
    assert (topik.jenis, topik.unit_id, topik.penulis.email) == (Topik.Jenis.DISKUSI, unit.pk, EMAIL)
    assert "Topik Anda sudah terbit." in teks_halaman(page)
    assert page.get_by_role("heading", level=1).inner_text() == judul
    isi = page.locator("article.posting .isi-posting").first
    assert isi.locator("strong").inner_text() == "tutup jam 12"
    tautan = isi.get_by_role("link", name="jadwal resmi")
    assert tautan.get_attribute("href") == "https://contoh.go.id/jadwal"
    rel = (tautan.get_attribute("rel") or "").split()
    assert {"nofollow", "ugc"} <= set(rel), rel
    # The Markdown source is not shown raw.
    assert "**" not in isi.inner_text()
    # The topic is on the instansi's list.
    page.goto(url_daftar(unit.instansi))
    assert page.get_by_role("link", name=judul).is_visible()

    # The complaint, from the list's button.
    page.get_by_role("link", name="Ajukan pengaduan").first.click()
    page.wait_for_url(f"**/forum/{unit.instansi.slug}/pengaduan/baru/")
    pilih_unit(page, unit)
    judul_aduan = "Petugas loket meminta biaya untuk KTP"
    page.get_by_label("Judul").fill(judul_aduan)
    page.get_by_label("Isi").fill("Saya diminta membayar Rp50.000 untuk mempercepat KTP, padahal gratis.")
    jumlah_surat = len(mailoutbox)
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_url(re.compile(rf"/forum/{unit.instansi.slug}/\d+/$"))

    aduan = Topik.objects.get(judul=judul_aduan)
    assert (aduan.jenis, aduan.status, aduan.unit_id) == (Topik.Jenis.PENGADUAN, Status.DITERIMA, unit.pk)
    assert aduan.privasi == Topik.Privasi.PUBLIK and aduan.batas_verifikasi is not None
    assert "Pengaduan Anda diterima dan diteruskan ke" in teks_halaman(page)
    status = page.locator("section.pengaduan")
    assert "Status: Diterima" in _normal(status.inner_text())
    assert f"Unit penanggung jawab: {unit.nama}" in _normal(status.inner_text())
    assert "Batas verifikasi" in status.inner_text()
    assert "Pengaduan diajukan" in status.locator("ol.riwayat").inner_text()
    assert page.locator("article.posting .lencana", has_text="Diterima").is_visible()
    # The unit's petugas was told by e-mail, with a link to the complaint.
    surat_petugas = [s for s in mailoutbox[jumlah_surat:] if s.to == [petugas.email]]
    assert len(surat_petugas) == 1 and url_topik(aduan) in surat_petugas[0].body
    # And the citizen finds it on the forum, filtered to complaints.
    page.goto(url_daftar(unit.instansi) + "?jenis=pengaduan")
    baris = page.locator("ul.daftar-survei li", has=page.get_by_role("link", name=judul_aduan))
    assert baris.locator(".lencana", has_text="Diterima").is_visible()
    assert page.get_by_role("link", name=judul).count() == 0


# 2 and 4. The petugas answers; the citizen confirms and rates on a phone -------------------------


def test_the_petugas_answers_and_the_citizen_confirms_and_rates_on_a_phone(
    buat_halaman: Callable[..., Page], unit: UnitLayanan, petugas: Pengguna, pelapor: Pengguna
) -> None:
    terverifikasi(petugas)
    aduan = buat_pengaduan(pelapor, unit, judul="Antrean KTP tiga jam", isi="Sudah tiga jam menunggu.")

    kantor = buat_halaman()
    masuk(kantor, petugas.email, KATA_SANDI)
    kantor.goto(url_daftar(unit.instansi))
    kantor.get_by_role("link", name="Antrean pengaduan unit").click()
    kantor.wait_for_url("**/kelola/forum/")
    assert "1 pengaduan terbuka" in teks_halaman(kantor)
    baris = kantor.locator("ul.daftar-survei li").filter(has_text=aduan.judul)
    assert "Batas verifikasi" in baris.inner_text() and unit.nama in baris.inner_text()
    baris.get_by_role("link", name=aduan.judul).click()
    kantor.wait_for_url(f"**{url_topik(aduan)}")
    # The unit sees who complained (a public complaint), the public does not see the address.
    assert pelapor.email in teks_halaman(kantor)

    verifikasi = kantor.locator(f"form[action='{reverse('forum:verifikasi', kwargs={'pk': aduan.pk})}']")
    verifikasi.locator("textarea[name=catatan]").fill("Diteruskan ke kepala loket.")
    kirim(kantor, verifikasi.get_by_role("button", name="Verifikasi"))
    assert kantor.url.endswith(url_topik(aduan))
    assert "Pengaduan diverifikasi." in teks_halaman(kantor)
    aduan.refresh_from_db()
    assert aduan.status == Status.DIVERIFIKASI and aduan.batas_tindak_lanjut is not None

    jawab = kantor.locator(f"form[action='{reverse('forum:jawab', kwargs={'pk': aduan.pk})}']")
    jawab.get_by_role("textbox").fill(
        "Mohon maaf. Mulai Senin loket **KTP ditambah dua**, antrean dibatasi 30 menit."
    )
    kirim(kantor, jawab.get_by_role("button", name="Kirim jawaban resmi"))
    assert "Jawaban resmi terkirim" in teks_halaman(kantor)
    aduan.refresh_from_db()
    assert aduan.status == Status.DITINDAKLANJUTI and aduan.dijawab_tepat_waktu is True
    resmi = Balasan.objects.get(topik=aduan)
    assert resmi.resmi and resmi.dari_unit_id == unit.pk and resmi.penulis_id == petugas.pk

    # The citizen, on a phone.
    ponsel = buat_halaman(ponsel=True)
    masuk(ponsel, pelapor.email, KATA_SANDI)
    ponsel.goto(url_topik(aduan))
    jawaban = ponsel.locator(f"#balasan-{resmi.pk}")
    assert jawaban.locator(".lencana", has_text="Jawaban resmi").is_visible()
    assert jawaban.locator(".isi-posting strong").inner_text() == "KTP ditambah dua"
    assert f"petugas {unit.nama}" in jawaban.inner_text()
    assert "Status: Ditindaklanjuti" in _normal(ponsel.locator("section.pengaduan").inner_text())
    assert ponsel.evaluate("document.documentElement.scrollWidth") <= 360

    konfirmasi = ponsel.locator("form[action$='/konfirmasi/']")
    konfirmasi.locator("label", has_text="3 · Baik").click()
    konfirmasi.get_by_label("Catatan (opsional)").fill("Terima kasih, sudah lebih cepat.")
    kirim(ponsel, konfirmasi.get_by_role("button", name="Ya, pengaduan selesai"))
    assert "Pengaduan Anda dinyatakan selesai." in teks_halaman(ponsel)
    status = _normal(ponsel.locator("section.pengaduan").inner_text())
    assert "Status: Selesai" in status and "Penilaian pelapor: 3 dari 4" in status
    aduan.refresh_from_db()
    assert (aduan.status, aduan.penilaian) == (Status.SELESAI, 3)
    assert aduan.selesai_pada is not None and aduan.batas_tutup_otomatis is None
    assert list(RiwayatStatus.objects.filter(topik=aduan).values_list("aksi", flat=True)) == [
        RiwayatStatus.Aksi.DIAJUKAN,
        RiwayatStatus.Aksi.DIVERIFIKASI,
        RiwayatStatus.Aksi.DIJAWAB,
        RiwayatStatus.Aksi.DIKONFIRMASI,
    ]
    # A closed complaint takes no more replies.
    assert "Topik ini tidak menerima balasan lagi." in teks_halaman(ponsel)

    # On second thought the citizen raises the rating.
    nilai = ponsel.locator("form[action$='/nilai/']")
    assert nilai.locator("input[name=nilai][value='3']").is_checked()
    nilai.locator("label", has_text="4 · Sangat baik").click()
    kirim(ponsel, nilai.get_by_role("button", name="Ubah penilaian"))
    assert "Terima kasih atas penilaian Anda." in teks_halaman(ponsel)
    aduan.refresh_from_db()
    assert (aduan.status, aduan.penilaian) == (Status.SELESAI, 4)

    # The petugas's queue is empty now.
    kantor.goto(reverse("forum:antrean"))
    assert "Tidak ada pengaduan terbuka." in teks_halaman(kantor)


def test_the_complaint_form_works_on_a_phone_and_keeps_the_text_after_an_error(
    halaman_ponsel: Page, penjaga: Penjaga, unit: UnitLayanan, pelapor: Pengguna
) -> None:
    penjaga.izinkan_status(400)
    page = halaman_ponsel
    masuk(page, pelapor.email, KATA_SANDI)
    page.goto(reverse("forum:pengaduan_baru", kwargs={"instansi": unit.instansi.slug}))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    tombol = page.get_by_role("button", name="Kirim pengaduan")
    kotak = tombol.bounding_box()
    assert kotak is not None and kotak["height"] >= 40, kotak  # a thumb-sized target

    # The unit left unchosen: the browser's own check is bypassed, as an old phone would.
    page.locator("form.formulir").evaluate("f => f.noValidate = true")
    judul = "Lampu ruang tunggu mati"
    isi = "Ruang tunggu gelap sejak pekan lalu.\nMohon diperbaiki."
    page.get_by_label("Judul").fill(judul)
    page.get_by_label("Isi").fill(isi)
    page.locator("label", has_text="Anonim").click()
    tombol.tap()
    page.wait_for_selector(".bidang--galat")
    assert "Pilih unit layanan yang diadukan." in teks_halaman(page)
    assert page.get_by_label("Judul").input_value() == judul
    assert page.get_by_label("Isi").input_value() == isi
    assert page.locator("input[name=privasi][value=anonim]").is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not Topik.objects.exists()

    pilih_unit(page, unit)
    page.get_by_role("button", name="Kirim pengaduan").tap()
    page.wait_for_url(re.compile(rf"/forum/{unit.instansi.slug}/\d+/$"))
    aduan = Topik.objects.get()
    assert (aduan.judul, aduan.isi, aduan.unit_id) == (judul, isi, unit.pk)
    assert (aduan.status, aduan.privasi) == (Status.DITERIMA, Topik.Privasi.ANONIM)
    assert page.locator(".lencana", has_text="Anonim").first.is_visible()
    assert "Status: Diterima" in _normal(page.locator("section.pengaduan").inner_text())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


_ID_GANDA = """() => {
    const n = {};
    for (const el of document.querySelectorAll("[id]")) n[el.id] = (n[el.id] || 0) + 1;
    return Object.keys(n).filter(id => n[id] > 1).sort();
}"""


def test_each_field_on_the_units_complaint_page_has_its_own_id_and_label(
    halaman: Page, unit: UnitLayanan, unit_lain: UnitLayanan, petugas: Pengguna, pelapor: Pengguna
) -> None:
    # axe 4.11 no longer reports duplicate ids, so this is checked here: a voice-control or
    # screen-reader user who asks for "Balasan Anda" must land in the reply box.
    terverifikasi(petugas)
    aduan = buat_pengaduan(pelapor, unit)
    page = halaman
    masuk(page, petugas.email, KATA_SANDI)
    ganda: dict[str, list[str]] = {}
    page.goto(url_topik(aduan))
    ganda["diterima"] = page.evaluate(_ID_GANDA)
    pengaduan_verifikasi(topik=aduan, pengguna=petugas)
    page.goto(url_topik(aduan))
    ganda["diverifikasi"] = page.evaluate(_ID_GANDA)
    tujuan = page.get_by_label("Balasan Anda").evaluate_all("els => els.map(e => e.form.action)")
    assert ganda == {"diterima": [], "diverifikasi": []}, ganda
    assert [urlsplit(t).path for t in tujuan] == [
        reverse("forum:balas", kwargs={"instansi": aduan.instansi.slug, "pk": aduan.pk})
    ], tujuan


# 3. Hostile text ------------------------------------------------------------------------------------

# What Markdown legitimately makes of three payloads in a post's body (the title is plain text):
# entities are decoded and a pair of asterisks is emphasis. Still text; the checks below read it.
DIBACA_SEBAGAI_MARKDOWN = {
    "<a href=\"&#106;avascript:alert('xss-23')\">klik</a>": "<a href=\"javascript:alert('xss-23')\">klik</a>",
    "&lt;script&gt;alert('xss-46')&lt;/script&gt;": "<script>alert('xss-46')</script>",
    "${alert('xss-53')} #{7*7} <%= 7*7 %>": "${alert('xss-53')} #{77} <%= 77 %>",
}


def tampil_di_isi(muatan: str) -> str:
    return DIBACA_SEBAGAI_MARKDOWN.get(muatan, muatan)


def aman(page: Page, *, konteks: str) -> None:
    temuan = sisipan(page)
    assert not temuan, f"{konteks}: injected markup {temuan}"


def teks_isi(lokasi: Locator) -> list[str]:
    """The visible text of each post body (.isi-posting) under `lokasi`, normalised."""
    return [_normal(t) for t in lokasi.locator(".isi-posting").all_inner_texts()]


@pytest.fixture
def tanpa_csp(buat_halaman: Callable[..., Page]) -> Page:
    # As in test_xss.py: without the CSP's safety net, so that the escaping itself is tested.
    return buat_halaman(bypass_csp=True)


def test_hostile_topics_and_replies_typed_in_the_forms_render_as_text(
    tanpa_csp: Page, penjaga: Penjaga, tanpa_batas_laju: None, unit: UnitLayanan, pelapor: Pengguna
) -> None:
    page = tanpa_csp
    masuk(page, pelapor.email, KATA_SANDI)
    baru = reverse("forum:baru", kwargs={"instansi": unit.instansi.slug})
    # Six payloads through the new-topic form (title and body), six as replies through the reply
    # form: script, handler, URL, breakout of <title> and of <textarea>, template syntax.
    judul_form = [MUATAN_XSS[i] for i in (0, 6, 20, 39, 38, 50)]
    isi_form = [MUATAN_XSS[i] for i in (2, 7, 22, 14, 45, 52)]
    balasan_form = [MUATAN_XSS[i] for i in (38, 8, 33, 27, 47, 53)]
    for judul, isi in zip(judul_form, isi_form, strict=True):
        page.goto(baru)
        page.get_by_label("Judul").fill(judul)
        page.get_by_label("Isi").fill(isi)
        page.get_by_role("button", name="Terbitkan topik").click()
        page.wait_for_url(re.compile(r"/\d+/$"))
        konteks = f"topic {judul!r}"
        aman(page, konteks=konteks)
        assert _normal(page.get_by_role("heading", level=1).inner_text()) == _normal(judul), konteks
        assert page.title().startswith(_normal(judul)), konteks
        assert teks_isi(page.locator("article.posting").first) == [_normal(tampil_di_isi(isi))], konteks

    topik = Topik.objects.get(judul=judul_form[0])
    for nomor, teks in enumerate(balasan_form, start=1):
        page.goto(url_topik(topik))
        balas = page.locator("form[action$='/balas/']")
        balas.get_by_label("Balasan Anda").fill(teks)
        balas.get_by_role("button", name="Kirim balasan").click()
        page.wait_for_url(re.compile(r"#balasan-baru$"))
        aman(page, konteks=f"reply {teks!r}")
        assert len(teks_isi(page.locator("#balasan"))) == nomor
    assert teks_isi(page.locator("#balasan")) == [_normal(tampil_di_isi(t)) for t in balasan_form]

    # Stored as typed; the list shows every title as text.
    assert sorted(Topik.objects.values_list("judul", flat=True)) == sorted(_normal(j) for j in judul_form)
    assert sorted(Balasan.objects.values_list("isi", flat=True)) == sorted(balasan_form)
    page.goto(url_daftar(unit.instansi))
    aman(page, konteks="topic list")
    for judul in judul_form:
        assert tampil_sebagai_teks(page, judul), judul
    assert not penjaga.masalah()


def test_every_payload_as_title_body_and_reply_renders_as_text_on_the_forum_pages(
    tanpa_csp: Page,
    penjaga: Penjaga,
    tanpa_batas_laju: None,
    unit: UnitLayanan,
    petugas: Pengguna,
    pelapor: Pengguna,
    warga: Pengguna,
) -> None:
    terverifikasi(petugas, warga)
    instansi = unit.instansi
    n = len(MUATAN_XSS)
    # Each payload is a title; the next one is its body. The complaints (every fourth) also
    # reach the petugas's queue.
    semua = [
        topik_buat(
            pengguna=pelapor,
            instansi=instansi,
            jenis=Topik.Jenis.PENGADUAN if i % 4 == 0 else Topik.Jenis.DISKUSI,
            judul=muatan,
            isi=MUATAN_XSS[(i + 1) % n],
            unit=unit,
        )
        for i, muatan in enumerate(MUATAN_XSS)
    ]
    # One topic whose replies are all the payloads, by another citizen and by the petugas.
    tuan_rumah = semua[0]
    for i, muatan in enumerate(MUATAN_XSS):
        balasan_buat(topik=tuan_rumah, pengguna=petugas if i % 5 == 0 else warga, isi=muatan)
    page = tanpa_csp

    # The lists: every title, as text, on the three pages of 20.
    dilihat: list[str] = []
    for nomor in (1, 2, 3):
        page.goto(url_daftar(instansi) + f"?halaman={nomor}")
        aman(page, konteks=f"list page {nomor}")
        dilihat += [_normal(t) for t in page.locator("a.daftar-survei__judul").all_inner_texts()]
    assert sorted(dilihat) == sorted(_normal(m) for m in MUATAN_XSS)
    page.goto("/forum/?" + "q=script")
    aman(page, konteks="search")

    # Each topic: the title in <h1> and <title>, the body as the Markdown text it is.
    for topik in semua:
        page.goto(url_topik(topik))
        konteks = f"topic {topik.judul!r}"
        aman(page, konteks=konteks)
        assert _normal(page.get_by_role("heading", level=1).inner_text()) == _normal(topik.judul), konteks
        assert page.title().startswith(_normal(topik.judul)), konteks
        assert teks_isi(page.locator("article.posting").first) == [_normal(tampil_di_isi(topik.isi))], konteks

    # The replies, over the topic's pages of 20.
    balasan: list[str] = []
    for nomor in (1, 2, 3):
        page.goto(url_topik(tuan_rumah) + f"?halaman={nomor}")
        aman(page, konteks=f"replies page {nomor}")
        balasan += teks_isi(page.locator("#balasan"))
    assert balasan == [_normal(tampil_di_isi(m)) for m in MUATAN_XSS]
    assert not penjaga.masalah()


def test_hostile_posts_render_as_text_in_the_queue_and_on_the_moderation_page(
    buat_halaman: Callable[..., Page],
    penjaga: Penjaga,
    tanpa_batas_laju: None,
    unit: UnitLayanan,
    petugas: Pengguna,
    admin_instansi: Pengguna,
    pelapor: Pengguna,
    warga: Pengguna,
) -> None:
    terverifikasi(petugas, admin_instansi, warga)
    instansi = unit.instansi
    muatan = MUATAN_XSS[::4]  # fourteen, of every sort
    aduan = [buat_pengaduan(pelapor, unit, judul=m, isi=m) for m in muatan]
    # Flagged: the complaints themselves, and a reply each.
    for topik, m in zip(aduan, muatan, strict=True):
        tanda_beri(pengguna=warga, alasan="lainnya", keterangan=m, topik=topik)
        b = balasan_buat(topik=topik, pengguna=warga, isi=m)
        tanda_beri(pengguna=pelapor, alasan="spam", balasan=b)

    kantor = buat_halaman(bypass_csp=True)
    masuk(kantor, petugas.email, KATA_SANDI)
    kantor.goto(reverse("forum:antrean"))
    aman(kantor, konteks="queue")
    judul = [_normal(t) for t in kantor.locator("a.daftar-survei__judul").all_inner_texts()]
    assert sorted(judul) == sorted(_normal(m) for m in muatan)
    # The unit's page of one complaint, with its forms.
    kantor.goto(url_topik(aduan[1]))
    aman(kantor, konteks="complaint with the unit's forms")
    assert teks_isi(kantor.locator("article.posting").first) == [_normal(tampil_di_isi(muatan[1]))]

    moderator = buat_halaman(bypass_csp=True)
    masuk(moderator, admin_instansi.email, KATA_SANDI, rahasia_totp=beri_totp(admin_instansi))
    moderator.goto(reverse("forum:moderasi", kwargs={"instansi": instansi.slug}))
    aman(moderator, konteks="moderation page")
    moderator.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    judul_ditandai = [_normal(t) for t in moderator.locator("article.kartu h3 a").all_inner_texts()]
    assert sorted(judul_ditandai) == sorted(_normal(m) for m in muatan)
    assert sorted(teks_isi(moderator.locator("main"))) == sorted(_normal(tampil_di_isi(m)) for m in muatan)
    for m in muatan:
        assert tampil_sebagai_teks(moderator, m), f"flag note {m!r}"
    assert not penjaga.masalah()


# Accessibility ---------------------------------------------------------------------------------------


def test_the_forum_pages_have_no_serious_accessibility_problem(
    buat_halaman: Callable[..., Page],
    unit: UnitLayanan,
    unit_lain: UnitLayanan,
    petugas: Pengguna,
    admin_instansi: Pengguna,
    pelapor: Pengguna,
    warga: Pengguna,
) -> None:
    terverifikasi(petugas, admin_instansi, warga)
    instansi = unit.instansi
    diskusi = topik_buat(
        pengguna=pelapor,
        instansi=instansi,
        jenis=Topik.Jenis.DISKUSI,
        judul="Jam buka loket",
        isi="Apakah loket **buka** hari Sabtu? [Jadwal](https://contoh.go.id/jadwal)",
        unit=unit,
    )
    balasan_buat(topik=diskusi, pengguna=warga, isi="- Sabtu: 08.00-12.00\n- Minggu: tutup")
    balasan_buat(topik=diskusi, pengguna=petugas, isi="Benar, buka sampai jam 12.")
    aduan = buat_pengaduan(pelapor, unit)
    tanda_beri(pengguna=warga, alasan="spam", topik=diskusi)

    # The citizen's pages, on a phone and a desktop.
    for ponsel in (True, False):
        page = buat_halaman(ponsel=ponsel)
        masuk(page, pelapor.email, KATA_SANDI)
        periksa_semua(
            page,
            [
                "/forum/",
                url_daftar(instansi),
                url_daftar(instansi) + "?jenis=pengaduan&q=loket",
                reverse("forum:pilih_instansi"),
                reverse("forum:baru", kwargs={"instansi": instansi.slug}),
                reverse("forum:pengaduan_baru", kwargs={"instansi": instansi.slug}),
                url_topik(diskusi),
                url_topik(aduan),
            ],
        )

    # The petugas: the queue and a complaint with the unit's forms.
    kantor = buat_halaman()
    masuk(kantor, petugas.email, KATA_SANDI)
    periksa_semua(kantor, [reverse("forum:antrean"), url_topik(aduan)])

    # The admin instansi: the moderation page, the evaluator's overview, a topic with the
    # moderation controls.
    admin = buat_halaman()
    masuk(admin, admin_instansi.email, KATA_SANDI, rahasia_totp=beri_totp(admin_instansi))
    periksa_semua(
        admin,
        [
            reverse("forum:moderasi", kwargs={"instansi": instansi.slug}),
            reverse("forum:evaluasi", kwargs={"instansi": instansi.slug}),
            url_topik(diskusi),
        ],
    )

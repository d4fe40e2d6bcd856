"""An evaluator opens the analysis of a penataan, asks for its PDF report, follows the progress
page to the download, and an anonymous visitor checks the file on the public verification page.

The test settings run the task inside the request that queues it (the ImmediateBackend), so
the report is usually finished by the time the progress page shows; the page is then checked
in its finished state. The progress bar of a job still running is checked on a row that is
put in the state a worker leaves it in mid-way (berjalan, step 2 of 5, a fresh heartbeat),
and the page is seen to follow the worker in place (with JavaScript, pausable) or by reloading
itself (without).
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone

from akun.models import Pengguna
from laporan import berkas
from laporan.models import Laporan
from laporan.pdf.umum import label_langkah
from tests.analitik.test_dasbor_penataan import Merger, merger
from tests.e2e.bantu import masuk, periksa_axe, teks_halaman
from tests.e2e.test_evaluator import siap_masuk
from tests.factories import KATA_SANDI

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["merger"]

POLA_STATUS = re.compile(r"/kelola/laporan/berkas/([0-9a-f-]{36})/$")


@pytest.fixture(autouse=True)
def _folder_laporan(settings: Any, tmp_path: Path) -> Path:
    """Report files of this test in its own folder (the live server thread reads the setting
    at call time)."""
    folder = tmp_path / "laporan"
    settings.LAPORAN_FOLDER = str(folder)
    return folder


def teks_pdf(isi: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    pembaca = PdfReader(io.BytesIO(isi))
    teks = " ".join((h.extract_text() or "") for h in pembaca.pages)
    return len(pembaca.pages), " ".join(teks.split())


def test_an_evaluator_downloads_the_pdf_report_and_a_visitor_verifies_it(
    buat_halaman: Any, evaluator: Pengguna, merger: Merger, tmp_path: Path
) -> None:
    page: Page = buat_halaman()
    masuk(page, evaluator.email, KATA_SANDI, rahasia_totp=siap_masuk(evaluator))

    # From the analysis of the penataan: "Buat laporan PDF".
    page.goto(f"/kelola/analitik/penataan/{merger.penataan.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == merger.penataan.judul
    page.get_by_role("button", name="Buat laporan PDF").click()
    page.wait_for_url(POLA_STATUS)
    laporan_id = POLA_STATUS.search(page.url).group(1)  # type: ignore[union-attr]
    laporan = Laporan.objects.get(pk=laporan_id)
    assert laporan.penataan_id == merger.penataan.pk
    assert laporan.diminta_oleh_id == evaluator.pk

    # The progress page: either still working (a progress bar and "Langkah k dari n", the
    # page reloading itself) or, once the worker is done, the finished report.
    teks = teks_halaman(page)
    assert "Permintaan laporan diterima" in teks
    if page.locator("progress#kemajuan").count():
        assert re.search(r"Langkah \d dari 5|Menunggu giliran", teks), teks
        page.get_by_role("link", name="Unduh PDF").wait_for(timeout=30_000)
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.SELESAI, laporan.pesan_galat
    assert page.locator("progress").count() == 0
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert "Laporan siap" in teks_halaman(page)
    assert laporan.sha256_berkas in teks_halaman(page)
    periksa_axe(page, konteks="status page, finished")

    # The download: a PDF of the penataan whose SHA-256 is the one recorded.
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    unduhan = info.value
    assert unduhan.suggested_filename.startswith("laporan-evaluasi-penggabungan-unit-a-dan-unit-b-")
    assert unduhan.suggested_filename.endswith(".pdf")
    jalur = tmp_path / "unduhan.pdf"
    unduhan.save_as(jalur)
    isi = jalur.read_bytes()
    assert isi.startswith(b"%PDF-")
    assert hashlib.sha256(isi).hexdigest() == laporan.sha256_berkas
    assert len(isi) == laporan.ukuran_berkas
    assert berkas.sha256_jalur(berkas.jalur(laporan.berkas)) == laporan.sha256_berkas
    halaman_pdf, teks = teks_pdf(isi)
    assert halaman_pdf == laporan.jumlah_halaman > 1
    assert merger.penataan.judul in teks
    assert str(laporan.pk) in teks  # the number the verification page is found by

    # The instansi's list shows it as finished.
    page.get_by_role("link", name="← Semua laporan").click()
    page.wait_for_url(f"**/kelola/laporan/{merger.instansi.slug}/")
    baris = page.locator("tbody tr", has_text=merger.penataan.judul)
    assert baris.count() == 1
    assert "Selesai" in baris.inner_text()
    periksa_axe(page, konteks="report list")

    # An anonymous visitor checks the copy on the public page: genuine.
    tamu: Page = buat_halaman()
    tamu.goto(f"/laporan/verifikasi/{laporan.pk}/")
    assert tamu.get_by_role("heading", level=1).inner_text() == "Verifikasi laporan Tilik"
    assert merger.instansi.nama in teks_halaman(tamu)
    periksa_axe(tamu, konteks="verification page")
    tamu.get_by_label("Berkas PDF laporan").set_input_files(str(jalur))
    tamu.get_by_role("button", name="Periksa").click()
    tamu.wait_for_load_state()
    hasil = tamu.locator(".verifikasi-hasil")
    assert "Asli." in hasil.inner_text()
    assert tamu.locator(".verifikasi-hasil[role=status]").count() == 1
    periksa_axe(tamu, konteks="verification page, genuine")

    # A copy changed in one byte: not the report Tilik produced.
    ubah = bytearray(isi)
    posisi = len(ubah) // 2
    ubah[posisi] ^= 0x01
    palsu = tmp_path / "ubahan.pdf"
    palsu.write_bytes(bytes(ubah))
    tamu.get_by_label("Berkas PDF laporan").set_input_files(str(palsu))
    tamu.get_by_role("button", name="Periksa").click()
    tamu.wait_for_load_state()
    hasil = tamu.locator(".verifikasi-hasil")
    assert "Tidak cocok." in hasil.inner_text()
    assert "Asli." not in teks_halaman(tamu)
    assert hashlib.sha256(bytes(ubah)).hexdigest() in hasil.inner_text()
    periksa_axe(tamu, konteks="verification page, not genuine")

    # The visitor cannot reach the evaluator's pages of the report.
    tamu.goto(f"/kelola/laporan/berkas/{laporan.pk}/unduh/")
    assert "/akun/login/" in tamu.url


def laporan_berjalan(merger: Merger, evaluator: Pengguna) -> Laporan:
    """The row as a worker leaves it mid-way: berjalan, step 2 of 5, a fresh heartbeat."""
    langkah = label_langkah()
    return Laporan.objects.create(
        jenis=Laporan.Jenis.EVALUASI,
        instansi=merger.instansi,
        penataan=merger.penataan,
        diminta_oleh=evaluator,
        status=Laporan.Status.BERJALAN,
        giliran=1,
        percobaan=1,
        langkah=2,
        jumlah_langkah=len(langkah),
        label_langkah=langkah[1],
        mulai=timezone.now(),
        detak=timezone.now(),
    )


def test_the_progress_page_follows_a_running_job_in_place_and_can_be_paused(
    buat_halaman: Any, evaluator: Pengguna, merger: Merger
) -> None:
    """A job a worker is busy with: the bar at the steps done, "Langkah 2 dari 5", and the page
    follows the worker without anybody touching it, in place (static/js/laporan-status.js),
    until the user pauses it."""
    page: Page = buat_halaman()
    masuk(page, evaluator.email, KATA_SANDI, rahasia_totp=siap_masuk(evaluator))
    langkah = label_langkah()
    laporan = laporan_berjalan(merger, evaluator)

    page.goto(f"/kelola/laporan/berkas/{laporan.pk}/")
    bar = page.locator("progress#kemajuan")
    assert bar.get_attribute("max") == "5"
    assert bar.get_attribute("value") == "1"
    # The bar is labelled by the step it is at, for a screen reader too.
    assert page.get_by_label(re.compile(r"Langkah 2 dari 5")).count() == 1
    assert f"Langkah 2 dari 5: {langkah[1]}" in teks_halaman(page)
    assert page.get_by_role("link", name="Unduh PDF").count() == 0
    # With JavaScript there is no timed reload in the document (the meta refresh is noscript).
    assert page.locator('meta[http-equiv="refresh"]').count() == 0

    # The worker moves on (and beats its heart): the page shows it, without reloading.
    sebelum = page.evaluate("() => performance.timeOrigin")
    Laporan.objects.filter(pk=laporan.pk).update(langkah=4, label_langkah=langkah[3], detak=timezone.now())
    page.get_by_text(f"Langkah 4 dari 5: {langkah[3]}").wait_for(timeout=10_000)
    assert page.evaluate("() => performance.timeOrigin") == sebelum
    assert page.evaluate("() => document.querySelector('progress#kemajuan').value") == 3

    # Paused, it stays where it is while the worker moves on; resumed, it catches up.
    jeda = page.get_by_role("button", name="Jeda pembaruan otomatis")
    jeda.click()
    assert jeda.get_attribute("aria-pressed") == "true"
    Laporan.objects.filter(pk=laporan.pk).update(langkah=5, label_langkah=langkah[4], detak=timezone.now())
    page.wait_for_timeout(4_000)  # longer than the 3 s interval
    assert f"Langkah 5 dari 5: {langkah[4]}" not in teks_halaman(page)
    jeda.click()
    assert jeda.get_attribute("aria-pressed") == "false"
    page.get_by_text(f"Langkah 5 dari 5: {langkah[4]}").wait_for(timeout=10_000)
    laporan.refresh_from_db()
    assert laporan.status == Laporan.Status.BERJALAN  # a live worker's job is left alone


def test_without_javascript_the_progress_page_reloads_itself(
    buat_halaman: Any, evaluator: Pengguna, merger: Merger
) -> None:
    page: Page = buat_halaman()
    masuk(page, evaluator.email, KATA_SANDI, rahasia_totp=siap_masuk(evaluator))
    laporan = laporan_berjalan(merger, evaluator)
    tanpa_js: Page = buat_halaman(java_script_enabled=False, storage_state=page.context.storage_state())
    tanpa_js.goto(f"/kelola/laporan/berkas/{laporan.pk}/")
    assert tanpa_js.locator("progress#kemajuan").count() == 1
    Laporan.objects.filter(pk=laporan.pk).update(status=Laporan.Status.GAGAL, pesan_galat="Uji: gagal.")
    # The noscript meta refresh (3 s) loads the page again, which now shows the failure.
    tanpa_js.get_by_text("Laporan gagal dibuat").wait_for(timeout=10_000)


def test_the_running_progress_page_has_no_serious_accessibility_problem(
    buat_halaman: Any, evaluator: Pengguna, merger: Merger
) -> None:
    page: Page = buat_halaman()
    masuk(page, evaluator.email, KATA_SANDI, rahasia_totp=siap_masuk(evaluator))
    laporan = laporan_berjalan(merger, evaluator)
    page.goto(f"/kelola/laporan/berkas/{laporan.pk}/")
    assert page.locator("progress#kemajuan").count() == 1
    periksa_axe(page, konteks="status page, running")

"""The public verification page and every bad input it can get: no file, both inputs, a
malformed fingerprint, an upload too large, too many checks, a number that is not a finished
report. (Checking a real report file is in test_pdf.py.)"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laporan import forms
from laporan.forms import UKURAN_UNGGAH_MAKS
from laporan.models import Laporan
from organisasi.models import Instansi
from survei.models import Kuesioner, Survei
from survei.skm import KODE_TEMPLATE_SKM

ISI = b"%PDF-1.7 isi laporan uji\n%%EOF\n"


@pytest.fixture
def laporan(instansi: Instansi) -> Laporan:
    """A finished report's row: what the public page compares against."""
    survei = Survei.objects.create(
        kuesioner=Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM),
        instansi=instansi,
        judul="SKM Rahasia 2025",
        kode="rahasia",
        periode="Tahun 2025",
        mulai=timezone.localdate(),
        selesai=timezone.localdate(),
    )
    return Laporan.objects.create(
        jenis=Laporan.Jenis.SKM,
        instansi=instansi,
        survei=survei,
        status=Laporan.Status.SELESAI,
        berkas="uji.pdf",
        sha256_berkas=hashlib.sha256(ISI).hexdigest(),
        sha256_data="0" * 64,
        dihasilkan=timezone.now(),
    )


def url(laporan: Laporan) -> str:
    return reverse("laporan:verifikasi", kwargs={"laporan_id": laporan.pk})


def berkas(isi: bytes = ISI) -> SimpleUploadedFile:
    return SimpleUploadedFile("laporan.pdf", isi, content_type="application/pdf")


def test_the_page_needs_no_account_and_shows_the_form(laporan: Laporan) -> None:
    respons = Client().get(url(laporan))
    halaman = respons.content.decode()
    assert respons.status_code == 200
    assert 'enctype="multipart/form-data"' in halaman
    assert 'name="berkas"' in halaman and 'name="sha256"' in halaman
    assert "Hasil SKM" in halaman and "Pemerintah Kota Palembang" in halaman
    assert "SKM Rahasia 2025" not in halaman  # nothing beyond authenticity
    assert laporan.sha256_berkas not in halaman


def test_the_right_file_is_authentic_and_a_wrong_one_is_not(laporan: Laporan) -> None:
    assert "Asli." in Client().post(url(laporan), {"berkas": berkas()}).content.decode()
    assert "Tidak cocok." in Client().post(url(laporan), {"berkas": berkas(ISI + b" ")}).content.decode()


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({}, "Unggah berkas PDF atau tempelkan sidik jari SHA-256-nya."),
        ({"sha256": "   "}, "Unggah berkas PDF atau tempelkan sidik jari SHA-256-nya."),
        ({"sha256": "abc123"}, "Sidik jari SHA-256 terdiri atas 64 karakter 0-9 dan a-f."),
        ({"sha256": "g" * 64}, "Sidik jari SHA-256 terdiri atas 64 karakter 0-9 dan a-f."),
        (
            {"sha256": "a" * 64, "berkas": "BERKAS"},
            "Pilih salah satu: unggah berkas atau tempelkan sidik jari.",
        ),
    ],
)
def test_bad_input_gets_a_clear_message(laporan: Laporan, data: dict[str, Any], pesan: str) -> None:
    kirim = {k: berkas() if v == "BERKAS" else v for k, v in data.items()}
    respons = Client().post(url(laporan), kirim)
    halaman = respons.content.decode()
    assert respons.status_code == 400
    assert pesan in halaman
    assert "Asli." not in halaman and "Tidak cocok." not in halaman


def test_an_upload_over_the_limit_is_refused_before_it_is_read(laporan: Laporan) -> None:
    respons = Client().post(
        url(laporan), data=b"x", content_type="multipart/form-data; boundary=b",
        CONTENT_LENGTH=str(UKURAN_UNGGAH_MAKS + 10 * 1024 * 1024),
    )  # fmt: skip
    assert respons.status_code == 413
    assert "Berkas lebih besar dari 20 MB" in respons.content.decode()


def test_a_file_over_the_limit_is_refused_by_the_form(
    laporan: Laporan, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small limit, so that the test need not send 20 MB: the form's own check.
    monkeypatch.setattr(forms, "UKURAN_UNGGAH_MAKS", 1024)
    respons = Client().post(url(laporan), {"berkas": berkas(b"%PDF" + b"0" * 2048)})
    assert respons.status_code == 400
    assert "Berkas lebih besar dari 20 MB" in respons.content.decode()


def test_too_many_checks_from_one_client_are_refused_for_a_while(laporan: Laporan, settings: Any) -> None:
    settings.LAPORAN_BATAS_VERIFIKASI = (2, 3600)
    klien = Client()
    for _ in range(2):
        assert klien.post(url(laporan), {"sha256": "a" * 64}).status_code == 200
    respons = klien.post(url(laporan), {"sha256": laporan.sha256_berkas})
    assert respons.status_code == 429
    assert int(respons["Retry-After"]) > 0
    assert "Asli." not in respons.content.decode()
    # Looking at the page stays possible.
    assert klien.get(url(laporan)).status_code == 200


@pytest.mark.parametrize("status", [Laporan.Status.ANTRI, Laporan.Status.BERJALAN, Laporan.Status.GAGAL])
def test_a_report_that_is_not_finished_has_nothing_to_verify(laporan: Laporan, status: str) -> None:
    Laporan.objects.filter(pk=laporan.pk).update(status=status)
    assert Client().get(url(laporan)).status_code == 404
    assert Client().post(url(laporan), {"berkas": berkas()}).status_code == 404


def test_an_unknown_number_is_not_found(db: None) -> None:
    alamat = reverse("laporan:verifikasi", kwargs={"laporan_id": uuid.uuid4()})
    assert Client().get(alamat).status_code == 404
    assert Client().get("/laporan/verifikasi/123/").status_code == 404


def test_only_get_and_post_are_answered(laporan: Laporan) -> None:
    assert Client().put(url(laporan)).status_code == 405

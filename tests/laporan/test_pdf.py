"""The PDF reports as a reader gets them: opened with pypdf, their sections, numbers (those
analitik computes), charts, fonts, page furniture and authenticity page; downloading them;
checking a copy on the public verification page; and the `laporan` command on the same data.

The two reports are made once for the module (tests/laporan/conftest.py: kota)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from analitik import format as fmt
from analitik.keluaran import objek_ikm
from analitik.penataan import analisis_penataan, data_penataan
from analitik.selectors import tabel_hitung
from analitik.statistik import BENIH
from analitik.tabel import KODE_UNSUR
from forum.selectors import metrik_pengaduan
from laporan import berkas
from laporan.models import Laporan
from laporan.pdf.render import sha256_data

from .conftest import Kota


@dataclass
class Dokumen:
    bita: bytes
    pembaca: PdfReader
    halaman: list[str]

    @property
    def teks(self) -> str:
        return "\n".join(self.halaman)

    def datar(self) -> str:
        """All text with runs of whitespace as one space (lines wrap anywhere)."""
        return re.sub(r"\s+", " ", self.teks)


def buka(bita: bytes) -> Dokumen:
    pembaca = PdfReader(io.BytesIO(bita))
    return Dokumen(bita, pembaca, [h.extract_text() or "" for h in pembaca.pages])


@pytest.fixture(scope="module")
def evaluasi(kota: Kota) -> Dokumen:
    return buka(berkas.jalur(kota.evaluasi.berkas).read_bytes())


@pytest.fixture(scope="module")
def skm(kota: Kota) -> Dokumen:
    return buka(berkas.jalur(kota.skm.berkas).read_bytes())


@pytest.fixture(scope="module")
def hasil(kota: Kota, django_db_blocker: Any) -> dict[str, Any]:
    """What analitik computes for the penataan, with the report's parameters."""
    with django_db_blocker.unblock(), translation.override("id"):
        data = data_penataan(penataan=kota.penataan, jeda_bulan=0, jendela_bulan=12)
        return analisis_penataan(data, bootstrap=2000, seed=BENIH)


def test_both_reports_are_finished_with_their_hashes(kota: Kota) -> None:
    for laporan in (kota.evaluasi, kota.skm):
        assert laporan.status == Laporan.Status.SELESAI, laporan.pesan_galat
        isi = berkas.jalur(laporan.berkas).read_bytes()
        assert isi.startswith(b"%PDF-")
        assert berkas.sha256_bita(isi) == laporan.sha256_berkas
        assert laporan.ukuran_berkas == len(isi)
        assert re.fullmatch(r"[0-9a-f]{64}", laporan.sha256_data)
        assert laporan.versi.startswith("tilik ")
        assert laporan.langkah == laporan.jumlah_langkah == 5
        assert laporan.percobaan == 1


# The evaluation report -----------------------------------------------------------------------------


def test_the_evaluation_report_is_a4_with_every_section_in_order(evaluasi: Dokumen, kota: Kota) -> None:
    assert len(evaluasi.pembaca.pages) == kota.evaluasi.jumlah_halaman > 10
    for h in evaluasi.pembaca.pages:
        assert (round(float(h.mediabox.width)), round(float(h.mediabox.height))) == (595, 842)
    bab = [
        "1. Ringkasan eksekutif",
        "2. Metodologi",
        "3. Profil responden",
        "4. IKM sebelum dan sesudah penataan",
        "5. Perbandingan per unsur",
        "6. Dibandingkan dengan unit yang tidak ditata",
        "7. Pengaduan dan forum",
        "8. Rencana tindak lanjut",
        "Lampiran A. Kuesioner",
        "Lampiran B. Tabel data",
        "Keaslian dokumen",
    ]
    outline = [o.title for o in evaluasi.pembaca.outline if not isinstance(o, list)]
    assert [o for o in outline if o in bab] == bab


def test_the_table_of_contents_gives_the_page_each_chapter_starts_on(evaluasi: Dokumen) -> None:
    isi = evaluasi.halaman[1]
    entri = re.findall(r"^(\d\. [^.\n]+|Lampiran [AB]\. [^.\n]+|Keaslian dokumen) ?\.{3,} ?(\d+)$", isi, re.M)
    assert len(entri) == 11
    for judul, halaman in entri:
        assert evaluasi.halaman[int(halaman) - 1].lstrip().startswith(judul.strip()), judul


def test_every_page_but_the_cover_has_the_running_header_and_its_number(
    evaluasi: Dokumen, kota: Kota
) -> None:
    n = len(evaluasi.halaman)
    assert "Halaman" not in evaluasi.halaman[0]
    for i, teks in enumerate(evaluasi.halaman[1:], start=2):
        assert f"Halaman {i} dari {n}" in teks
        assert "Laporan Evaluasi Penataan Organisasi" in teks
        assert f"Tilik · {str(kota.evaluasi.pk)[:8]}" in teks


def test_the_cover_names_the_instansi_penataan_legal_basis_windows_and_evaluator(evaluasi: Dokumen) -> None:
    sampul = re.sub(r"\s+", " ", evaluasi.halaman[0])
    for teks in (
        "Laporan Evaluasi Penataan Organisasi",
        "Penggabungan Dinas Alfa dan Dinas Beta",
        "Pemerintah Kota Laporan",
        "Perda Kota Laporan No. 3 Tahun 2024",
        "1 Juli 2024",
        "1 Juli 2023 – 30 Juni 2024",
        "1 Juli 2024 – 30 Juni 2025",
        "Sri Wahyuni",
    ):
        assert teks in sampul


def test_its_numbers_are_the_ones_analitik_computes(evaluasi: Dokumen, hasil: dict[str, Any]) -> None:
    u = hasil["unit"]["Dinas Gabungan"]
    teks = evaluasi.datar()
    with translation.override("id"):
        assert f"Nilai konversi (25–100) {fmt.angka(u['sebelum']['nilai_konversi'])} " in teks
        assert f"{fmt.angka(u['sesudah']['nilai_konversi'])}" in teks
        assert f"IKM (1–4) {fmt.angka(u['sebelum']['ikm'], 4)} {fmt.angka(u['sesudah']['ikm'], 4)}" in teks
        assert f"Responden {u['sebelum']['n']} {u['sesudah']['n']}" in teks
        metode = fmt.metode_bootstrap(u["bootstrap_metode"])
        assert metode, "each unit names how its bootstrap resampled"
        assert f"IK 95% bootstrap {fmt.interval(u['ikm']['bootstrap_ci95'])} ({metode})" in teks
        for kode in KODE_UNSUR:
            x = u["unsur"][kode]
            baris = " ".join(
                [
                    fmt.angka(x["rata_sebelum"]),
                    fmt.angka(x["rata_sesudah"]),
                    fmt.bertanda(x["selisih"]),
                ]
            )
            assert baris in teks, kode
            assert fmt.kalimat_unsur(u, kode) in teks, kode
        did = hasil["pembanding"]["did"]["estimasi"]
        assert f"Estimasi selisih-dalam-selisih {fmt.bertanda(did['koef'])}" in teks
        assert fmt.interval(did["ci95_t"]) in teks


def test_the_summary_says_what_changed_whether_it_is_real_how_large_and_what_next(
    evaluasi: Dokumen, hasil: dict[str, Any]
) -> None:
    u = hasil["unit"]["Dinas Gabungan"]
    ringkasan = re.sub(r"\s+", " ", evaluasi.halaman[2])
    # The data were drawn with U3 +0,8 and U8 -0,5 after the merger.
    assert u["unsur"]["U3"]["p_holm"] < 0.05 < u["unsur"]["U3"]["selisih"]
    assert u["unsur"]["U8"]["p_holm"] < 0.05 and u["unsur"]["U8"]["selisih"] < 0
    with translation.override("id"):
        assert "Nilai IKM Dinas Gabungan" in ringkasan
        # The direction is a word, the size a number without its sign (not "naik ... +2,35").
        arah = "naik" if u["ikm"]["selisih"] > 0 else "turun"
        assert f"Nilai IKM Dinas Gabungan {arah} dari" in ringkasan
        assert f"perubahan {fmt.angka(abs(u['ikm']['selisih']))} poin pada skala 25–100" in ringkasan
        assert "membaik secara bermakna setelah koreksi Holm: U3 Waktu Penyelesaian" in ringkasan
        assert "memburuk secara bermakna setelah koreksi Holm: U8 Penanganan Pengaduan" in ringkasan
        assert f"d = {fmt.angka(u['unsur']['U3']['cohen_d'])}" in ringkasan
        assert (
            "Prioritas tindak lanjut: U8 Penanganan Pengaduan, Saran dan Masukan (turun bermakna" in ringkasan
        )
        assert "selisih-dalam-selisih" in ringkasan


def test_the_follow_up_plan_puts_the_worsened_unsur_first_with_columns_to_complete(evaluasi: Dokumen) -> None:
    halaman = next(t for t in evaluasi.halaman if t.lstrip().startswith("8. Rencana tindak lanjut"))
    datar = re.sub(r"\s+", " ", halaman)
    assert "Program/ kegiatan" in datar or "Program/kegiatan" in datar
    assert "Penanggung jawab" in datar or "Penanggung jawab" in halaman
    pertama = re.search(r"\b1 (U\d)", datar)
    assert pertama is not None and pertama.group(1) == "U8"


def test_the_methodology_shows_sources_samples_lineage_and_tests(evaluasi: Dokumen, kota: Kota) -> None:
    teks = evaluasi.datar()
    assert "Krejcie dan Morgan" in teks
    # Dinas Alfa had a population of 800 in the 2023 survey: 260 respondents needed.
    assert "SKM Kota Laporan 2023 (Tahun 2023) Dinas Alfa 800 260" in teks
    assert "Penggabungan Dinas Alfa Dinas Gabungan" in teks
    assert "Penggabungan Dinas Beta Dinas Gabungan" in teks
    for uji in ("Welch", "Mann-Whitney", "khi-kuadrat", "Holm", "d Cohen", "delta Cliff", "bootstrap"):
        assert uji in teks


def test_the_profile_hides_cells_of_fewer_than_five_respondents(evaluasi: Dokumen) -> None:
    halaman = next(t for t in evaluasi.halaman if t.lstrip().startswith("3. Profil responden"))
    assert "Jenis kelamin" in halaman and "Usia (tahun)" in halaman
    assert "< 5" in halaman
    for jumlah in re.findall(r"(?<![\d,.])([1-4]) \(", halaman):
        pytest.fail(f"sel dengan {jumlah} responden tampil")


def test_charts_are_vector_drawings_with_their_text_and_data_tables(evaluasi: Dokumen) -> None:
    teks = evaluasi.datar()
    for judul, data in (
        (
            "Gambar 1. Nilai konversi IKM per semester: Dinas Gabungan",
            "Lampiran B, nilai konversi per semester",
        ),
        ("Gambar 2. Perubahan per unsur dan interval 95%: Dinas Gabungan", "tabel perbandingan per unsur"),
        ("Gambar 3. Sebaran jawaban per unsur: Dinas Gabungan", "Lampiran B, jumlah jawaban per nilai"),
        ("Gambar 4. Selisih-dalam-selisih", "tabel di atas"),
    ):
        assert judul in teks
        assert f"{judul.split('. ')[0]}." in teks and data in teks
    # Text drawn inside the SVG charts is text in the PDF (axis labels, legends, marks).
    for label in (
        "Nilai konversi",
        "Penataan 1 Jul 2024",
        "Selisih rata-rata (sesudah − sebelum)",
        "Persen jawaban",
    ):
        assert label in teks
    assert "Kontrafaktual" in teks
    bentuk = 0
    for h in evaluasi.pembaca.pages:
        bentuk += sum(1 for x in _xobjek(h).values() if x.get_object().get("/Subtype") == "/Form")
    assert bentuk > 0
    assert b"/Subtype /Image" not in evaluasi.bita  # no raster image anywhere


def _xobjek(halaman: Any) -> dict[str, Any]:
    sumber = halaman["/Resources"].get_object()
    return dict(sumber.get("/XObject") or {})


def _huruf(pembaca: PdfReader) -> set[str]:
    nama: set[str] = set()

    def telusur(objek: Any) -> None:
        sumber = objek.get("/Resources")
        if sumber is None:
            return
        sumber = sumber.get_object()
        for f in (sumber.get("/Font") or {}).values():
            nama.add(str(f.get_object()["/BaseFont"]).split("+")[-1])
        for x in (sumber.get("/XObject") or {}).values():
            telusur(x.get_object())

    for h in pembaca.pages:
        telusur(h)
    return nama


def test_every_font_is_the_projects_own_embedded_font(evaluasi: Dokumen, skm: Dokumen) -> None:
    for dok in (evaluasi, skm):
        huruf = _huruf(dok.pembaca)
        assert huruf
        assert all(h.startswith("Tilik-Sans") for h in huruf), huruf


def test_numbers_use_a_decimal_comma(evaluasi: Dokumen) -> None:
    teks = evaluasi.datar()
    assert re.search(r"\b\d{2},\d{2}\b", teks)
    # A time of day is written 21.01 in Indonesian; no other number has a decimal point.
    assert not re.search(r"(?<![\d.])\d{2}\.\d{2}(?![\d.]| WIB)", teks)


def test_the_last_page_prints_how_to_verify_it(evaluasi: Dokumen, kota: Kota) -> None:
    akhir = re.sub(r"\s+", " ", evaluasi.halaman[-1])
    lap = kota.evaluasi
    assert akhir.startswith("Keaslian dokumen")
    assert str(lap.pk) in akhir
    assert lap.sha256_data in akhir
    assert lap.versi in akhir
    assert f"http://testserver/laporan/verifikasi/{lap.pk}/" in akhir.replace(" ", "")
    assert "Replikasi bootstrap: 2000" in akhir
    assert "Jeda transisi (bulan): 0" in akhir
    assert "Pindai untuk verifikasi" in akhir
    assert _xobjek(evaluasi.pembaca.pages[-1]), "kode QR"


def test_the_data_hash_is_the_hash_of_the_count_tables_it_used(kota: Kota, django_db_blocker: Any) -> None:
    """Made twice from the same data, a report has the same data hash; the hash covers the
    count tables, so it is not a constant."""
    from laporan.pdf.evaluasi import PenyusunEvaluasi

    with django_db_blocker.unblock(), translation.override("id"):
        penyusun = PenyusunEvaluasi(kota.evaluasi)
        penyusun.ambil_data()
        assert penyusun.sha256_data == kota.evaluasi.sha256_data
        isi = penyusun._isi_hash()
        isi["unit"][0]["sesudah"]["unsur"]["U1"][0] += 1
        assert (
            sha256_data({"jenis": "evaluasi", "parameter": penyusun.parameter, **isi})
            != kota.evaluasi.sha256_data
        )


# The SKM report ------------------------------------------------------------------------------------


def test_the_skm_report_follows_the_usual_outline(skm: Dokumen) -> None:
    outline = [o.title for o in skm.pembaca.outline if not isinstance(o, list)]
    assert outline[1:] == [
        "Bab I Pendahuluan",
        "Bab II Pengumpulan Data",
        "Bab III Pengolahan Data",
        "Bab IV Analisis Hasil",
        "Bab V Kesimpulan",
        "Lampiran A. Kuesioner",
        "Lampiran B. Olah data",
        "Keaslian dokumen",
    ]
    teks = skm.datar()
    for bagian in ("Kelebihan dan kelemahan", "Rencana tindak lanjut", "Tren nilai SKM", "Jumlah responden"):
        assert bagian in teks


def test_the_skm_report_numbers_are_analitiks(skm: Dokumen, kota: Kota, django_db_blocker: Any) -> None:
    unit_ids = [kota.c.pk, kota.k1.pk, kota.k2.pk]
    with django_db_blocker.unblock(), translation.override("id"):
        o = objek_ikm(tabel_hitung(unit_ids=unit_ids, mulai=None, sampai=None, survei_ids=[kota.survei.pk]))
        lama = objek_ikm(
            tabel_hitung(unit_ids=unit_ids, mulai=None, sampai=None, survei_ids=[kota.survei_lama.pk])
        )
        teks = skm.datar()
        assert f"Nilai konversi (25–100) {fmt.angka(o['nilai_konversi'])}" in teks
        assert f"IKM (1–4) {fmt.angka(o['ikm'], 4)}" in teks
        for kode in KODE_UNSUR:
            u = o["unsur"][kode]
            assert f"{fmt.bilangan(u['jumlah'])} {fmt.bilangan(u['n'])} {fmt.angka(u['nrr'])}" in teks, kode
        # The trend reaches back to the 2023 survey of the same units.
        assert f"Tahun 2023 {fmt.bilangan(lama['n'])} {fmt.angka(lama['nilai_konversi'])}" in teks


def test_the_evaluation_report_has_the_complaints_of_both_windows(
    evaluasi: Dokumen, kota: Kota, django_db_blocker: Any
) -> None:
    from datetime import date

    with django_db_blocker.unblock():
        sebelum = metrik_pengaduan(
            unit_ids=[kota.a.pk, kota.b.pk], mulai=date(2023, 7, 1), sampai=date(2024, 7, 1)
        )
        sesudah = metrik_pengaduan(unit_ids=[kota.c.pk], mulai=date(2024, 7, 1), sampai=date(2025, 7, 1))
    assert (sebelum.jumlah, sebelum.jumlah_topik_forum, sesudah.jumlah) == (0, 1, 2)
    halaman = next(t for t in evaluasi.halaman if t.lstrip().startswith("7. Pengaduan dan forum"))
    datar = re.sub(r"\s+", " ", halaman)
    assert "Pengaduan masuk 0 2" in datar
    assert f"Pengaduan yang ditanggapi unit 0 {sesudah.jumlah_ditanggapi}" in datar
    assert "Topik diskusi forum 1 0" in datar


def test_the_complaints_section_shows_the_forums_metrics(
    skm: Dokumen, kota: Kota, django_db_blocker: Any
) -> None:
    from datetime import timedelta

    with django_db_blocker.unblock():
        m = metrik_pengaduan(
            unit_ids=[kota.c.pk, kota.k1.pk, kota.k2.pk],
            mulai=kota.survei.mulai,
            sampai=kota.survei.selesai + timedelta(days=1),
        )
    teks = skm.datar()
    assert m.jumlah == 2
    assert f"Pengaduan masuk {fmt.bilangan(m.jumlah)}" in teks
    assert f"Topik diskusi forum {fmt.bilangan(m.jumlah_topik_forum)}" in teks


# Downloading -----------------------------------------------------------------------------------------


def url_unduh(laporan: Laporan) -> str:
    return reverse("laporan:unduh", kwargs={"laporan_id": laporan.pk})


def test_the_evaluator_downloads_the_file_that_was_hashed(
    data_kota: Kota, masuk: Callable[..., Client]
) -> None:
    respons = masuk(data_kota.evaluator, totp=True).get(url_unduh(data_kota.evaluasi))

    assert respons.status_code == 200
    assert respons["Content-Type"] == "application/pdf"
    assert respons["Content-Disposition"].startswith("attachment;")
    assert "laporan-evaluasi-penggabungan-dinas-alfa-dan-dinas-beta-" in respons["Content-Disposition"]
    isi = b"".join(respons.streaming_content)  # type: ignore[attr-defined]
    assert berkas.sha256_bita(isi) == data_kota.evaluasi.sha256_berkas


@pytest.mark.parametrize(
    ("aktor", "status"),
    [
        ("anonim", 302),
        ("warga", 403),
        ("petugas", 403),
        ("evaluator", 403),
        ("admin_instansi", 403),
        ("superuser", 200),
    ],
)
def test_only_evaluators_and_admins_of_its_instansi_may_download(
    data_kota: Kota, masuk: Callable[..., Client], request: pytest.FixtureRequest, aktor: str, status: int
) -> None:
    """The conftest actors belong to another instansi (Palembang) than the report."""
    pengguna = request.getfixturevalue(aktor)
    klien = Client() if aktor == "anonim" else masuk(pengguna, totp=aktor != "warga" and aktor != "petugas")
    respons = klien.get(url_unduh(data_kota.evaluasi))
    assert respons.status_code == status
    if status == 302:
        assert respons["Location"].startswith(reverse("account_login"))


def test_the_admin_of_the_reports_instansi_may_download(
    data_kota: Kota, masuk: Callable[..., Client]
) -> None:
    assert masuk(data_kota.admin, totp=True).get(url_unduh(data_kota.skm)).status_code == 200


def test_a_file_changed_on_disk_is_not_served(data_kota: Kota, masuk: Callable[..., Client]) -> None:
    jalur = berkas.jalur(data_kota.skm.berkas)
    asli = jalur.read_bytes()
    try:
        jalur.write_bytes(asli[:-10] + b"0123456789")
        respons = masuk(data_kota.evaluator, totp=True).get(url_unduh(data_kota.skm))
    finally:
        jalur.write_bytes(asli)
    assert respons.status_code == 409
    assert "tidak sama lagi dengan sidik jari" in respons.content.decode()


def test_the_status_page_links_the_download_and_the_public_check(
    data_kota: Kota, masuk: Callable[..., Client]
) -> None:
    respons = masuk(data_kota.evaluator, totp=True).get(
        reverse("laporan:status", kwargs={"laporan_id": data_kota.evaluasi.pk})
    )
    isi = respons.content.decode()
    assert respons.status_code == 200
    assert url_unduh(data_kota.evaluasi) in isi
    assert data_kota.evaluasi.sha256_berkas in isi
    assert 'http-equiv="refresh"' not in isi


# Public verification -----------------------------------------------------------------------------------


def url_verifikasi(laporan: Laporan) -> str:
    return reverse("laporan:verifikasi", kwargs={"laporan_id": laporan.pk})


def unggah(isi: bytes, nama: str = "laporan.pdf") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def test_anyone_can_confirm_the_real_file(data_kota: Kota) -> None:
    isi = berkas.jalur(data_kota.evaluasi.berkas).read_bytes()
    respons = Client().post(url_verifikasi(data_kota.evaluasi), {"berkas": unggah(isi)})

    halaman = respons.content.decode()
    assert respons.status_code == 200
    assert "Asli." in halaman
    assert "Tidak cocok." not in halaman


def test_a_copy_changed_by_one_byte_does_not_match(data_kota: Kota) -> None:
    isi = bytearray(berkas.jalur(data_kota.evaluasi.berkas).read_bytes())
    i = isi.index(b"Dinas Gabungan") if b"Dinas Gabungan" in isi else len(isi) // 2
    isi[i] ^= 1
    respons = Client().post(url_verifikasi(data_kota.evaluasi), {"berkas": unggah(bytes(isi))})

    halaman = respons.content.decode()
    assert respons.status_code == 200
    assert "Tidak cocok." in halaman
    assert "Asli." not in halaman


def test_another_reports_file_does_not_match_this_number(data_kota: Kota) -> None:
    isi = berkas.jalur(data_kota.skm.berkas).read_bytes()
    respons = Client().post(url_verifikasi(data_kota.evaluasi), {"berkas": unggah(isi)})
    assert "Tidak cocok." in respons.content.decode()


def test_a_pasted_fingerprint_is_compared_too(data_kota: Kota) -> None:
    sidik = data_kota.skm.sha256_berkas.upper()
    respons = Client().post(url_verifikasi(data_kota.skm), {"sha256": f"  {sidik[:32]} {sidik[32:]} "})
    assert "Asli." in respons.content.decode()


def test_the_public_page_shows_authenticity_and_nothing_else(data_kota: Kota) -> None:
    halaman = Client().get(url_verifikasi(data_kota.evaluasi)).content.decode()
    assert "Pemerintah Kota Laporan" in halaman
    assert "Evaluasi penataan" in halaman
    for rahasia in (
        data_kota.evaluasi.sha256_berkas,
        data_kota.evaluasi.sha256_data,
        "Penggabungan Dinas Alfa",
        "Dinas Gabungan",
        "evaluator@kota-laporan.id",
        reverse("laporan:unduh", kwargs={"laporan_id": data_kota.evaluasi.pk}),
    ):
        assert rahasia not in halaman


# The command ---------------------------------------------------------------------------------------------


def test_the_command_lists_penataan_slugs_with_instansi_and_name(data_kota: Kota) -> None:
    keluaran = io.StringIO()
    call_command("laporan", "--daftar", stdout=keluaran)
    baris = "\t".join(
        [
            "penggabungan-dinas-alfa-dan-dinas-beta",
            "Pemerintah Kota Laporan",
            "Penggabungan Dinas Alfa dan Dinas Beta",
        ]
    )
    assert baris in keluaran.getvalue().splitlines()


def test_the_command_writes_the_same_report_from_the_same_data(
    data_kota: Kota, tmp_path: Path, hasil: dict[str, Any]
) -> None:
    keluar = tmp_path / "evaluasi.pdf"
    keluaran = io.StringIO()
    call_command(
        "laporan",
        "penggabungan-dinas-alfa-dan-dinas-beta",
        "--keluar",
        str(keluar),
        "--url-dasar",
        "https://tilik.kota-laporan.go.id",
        stdout=keluaran,
    )
    dibuat = Laporan.objects.exclude(pk__in=[data_kota.evaluasi.pk, data_kota.skm.pk]).get()
    dok = buka(keluar.read_bytes())
    assert dibuat.status == Laporan.Status.SELESAI
    assert dibuat.diminta_oleh is None
    assert berkas.sha256_bita(dok.bita) == dibuat.sha256_berkas
    # Same parameters, same data: the same data hash and the same numbers.
    assert dibuat.sha256_data == data_kota.evaluasi.sha256_data
    u = hasil["unit"]["Dinas Gabungan"]
    with translation.override("id"):
        assert f"IK 95% bootstrap {fmt.interval(u['ikm']['bootstrap_ci95'])}" in dok.datar()
    assert f"https://tilik.kota-laporan.go.id/laporan/verifikasi/{dibuat.pk}/" in dok.datar().replace(" ", "")
    assert str(keluar) in keluaran.getvalue()

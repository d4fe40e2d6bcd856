"""The evaluator's dashboard of one penataan (/kelola/analitik/penataan/<id>/): who may see it,
what it says (the same numbers and sentences as analitik.penataan), the cache and the
transition gap."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from akun.models import Pengguna
from analitik import format as fmt
from analitik.penataan import analisis_penataan, data_penataan
from analitik.tabel import KODE_UNSUR
from organisasi.models import Instansi, LinPenataan, Penataan, UnitLayanan
from survei.models import Survei
from tests.analitik.test_selectors import isi_acak, jam
from tests.factories import LinPenataanFactory, PenataanFactory, UnitLayananFactory
from tests.survei.test_selectors import buat_survei

Jenis = LinPenataan.Jenis


@dataclass
class Merger:
    instansi: Instansi
    penataan: Penataan
    a: UnitLayanan
    b: UnitLayanan
    c: UnitLayanan
    k1: UnitLayanan
    k2: UnitLayanan
    survei: Survei


@pytest.fixture
def merger(instansi: Instansi) -> Merger:
    """Units A and B merge into C on 1 July 2024; K1 and K2 are left alone. Forty responses per
    unit and side within a year of the date; C answers U3 better."""
    a, b, c, k1, k2 = (
        UnitLayananFactory.create(instansi=instansi, nama=f"Unit {k}", slug=f"unit-{k.lower()}")
        for k in ("A", "B", "C", "K1", "K2")
    )
    penataan = PenataanFactory.create(
        instansi=instansi,
        judul="Penggabungan Unit A dan Unit B",
        tanggal_efektif=date(2024, 7, 1),
        dasar_hukum="Perda Kota Uji No. 1 Tahun 2024",
    )
    for asal in (a, b):
        LinPenataanFactory.create(penataan=penataan, jenis=Jenis.PENGGABUNGAN, unit_asal=asal, unit_hasil=c)
    survei = buat_survei(*[(u, None) for u in (a, b, c, k1, k2)], buka=True)
    rng = random.Random(11)
    awal, efektif, akhir = jam(2023, 7, 1), jam(2024, 7, 1), jam(2025, 7, 1)
    for u in (a, b):
        isi_acak(survei, u, 40, mulai=awal, sampai=efektif, rng=rng)
    isi_acak(survei, c, 60, mulai=efektif, sampai=akhir, rng=rng, geser={"U3": 0.8})
    for u in (k1, k2):
        isi_acak(survei, u, 30, mulai=awal, sampai=efektif, rng=rng, rerata=2.8)
        isi_acak(survei, u, 30, mulai=efektif, sampai=akhir, rng=rng, rerata=2.8)
    return Merger(instansi, penataan, a, b, c, k1, k2, survei)


def url(penataan: Penataan, **query: str) -> str:
    alamat = reverse("analitik:dasbor_penataan", kwargs={"penataan_id": penataan.pk})
    return alamat + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def isi(respons: Any) -> str:
    return respons.content.decode()


# Who may see it -----------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login(client: Client, merger: Merger) -> None:
    respons = client.get(url(merger.penataan))
    assert respons.status_code == 302
    assert respons["Location"] == f"{reverse('account_login')}?next={url(merger.penataan)}"


@pytest.mark.parametrize("aktor", ["warga", "petugas", "evaluator_lain", "admin_lain"])
def test_others_are_refused(
    aktor: str, merger: Merger, masuk: Callable[..., Client], request: pytest.FixtureRequest
) -> None:
    pengguna: Pengguna = request.getfixturevalue(aktor)
    respons = masuk(pengguna, totp=aktor in ("evaluator_lain", "admin_lain")).get(url(merger.penataan))
    assert respons.status_code == 403


@pytest.mark.parametrize("aktor", ["evaluator", "admin_instansi", "superuser"])
def test_evaluators_admins_and_superusers_see_it(
    aktor: str, merger: Merger, masuk: Callable[..., Client], request: pytest.FixtureRequest
) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).get(url(merger.penataan))
    assert respons.status_code == 200
    assert "Penggabungan Unit A dan Unit B" in isi(respons)


def test_an_unknown_penataan_is_404(
    merger: Merger, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    respons = masuk(evaluator, totp=True).get(
        reverse("analitik:dasbor_penataan", kwargs={"penataan_id": merger.penataan.pk + 99})
    )
    assert respons.status_code == 404


# What it says -------------------------------------------------------------------------------


def test_it_shows_the_analysis_of_analitik_penataan_with_decimal_commas(
    merger: Merger, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    respons = masuk(evaluator, totp=True).get(url(merger.penataan))
    halaman = isi(respons)
    with translation.override("id"):
        hasil = analisis_penataan(data_penataan(penataan=merger.penataan))
        c = hasil["unit"]["Unit C"]
        assert c["unit_sebelum"] == ["Unit A", "Unit B"]
        assert "Data sebelum penataan dari: Unit A, Unit B." in halaman
        assert "Perda Kota Uji No. 1 Tahun 2024" in halaman
        for kode in KODE_UNSUR:
            assert escape(fmt.kalimat_unsur(c, kode)) in halaman
            u = c["unsur"][kode]
            assert f'<td class="angka">{fmt.interval(u["ci95"])}</td>' in halaman
            assert f'<td class="angka">{escape(fmt.nilai_p(u["p_holm"]))}</td>' in halaman
            assert f'<td class="angka">{fmt.angka(u["cliff_delta"])}</td>' in halaman
        # U3 was made better: the sentence says it rose, meaningfully.
        assert "U3 Waktu Penyelesaian naik" in fmt.kalimat_unsur(c, "U3")
        assert "bermakna setelah koreksi Holm" in fmt.kalimat_unsur(c, "U3")
        metode = fmt.metode_bootstrap(c["bootstrap_metode"])
        assert metode and f"{fmt.interval(c['ikm']['bootstrap_ci95'])} ({metode})" in halaman
        assert fmt.bertanda(c["ikm"]["selisih"]) in halaman
        assert fmt.angka(c["sesudah"]["nilai_konversi"]) in halaman
        did = hasil["pembanding"]["did"]
        assert fmt.bertanda(did["estimasi"]["koef"]) in halaman
        assert fmt.interval(did["estimasi"]["ci95_t"]) in halaman
        assert "Unit pembanding: Unit K1, Unit K2." in halaman
        # Two semesters on each side only: no interrupted time series, and the page says why.
        assert hasil["its"]["Unit C"]["alasan"] == "tidak_cukup_periode"
        assert escape(fmt.teks_alasan("tidak_cukup_periode")) in halaman
    # The NRR chart with its data table.
    assert 'id="grafik-nrr-' in halaman and "<svg" in halaman
    assert "Data diagram: NRR per unsur sebelum dan sesudah penataan" in halaman


def test_a_penataan_that_cannot_be_analysed_says_why(
    instansi: Instansi, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    baru = UnitLayananFactory.create(instansi=instansi, nama="Unit Baru", slug="unit-baru")
    penataan = PenataanFactory.create(
        instansi=instansi, judul="Pembentukan Unit Baru", tanggal_efektif=date(2024, 1, 1)
    )
    LinPenataanFactory.create(penataan=penataan, jenis=Jenis.BARU, unit_asal=None, unit_hasil=baru)
    respons = masuk(evaluator, totp=True).get(url(penataan))
    assert respons.status_code == 200
    assert "belum dapat dianalisis" in isi(respons)
    assert "Unit ini dibentuk baru tanpa unit pendahulu" in isi(respons)


# The transition gap -------------------------------------------------------------------------


def test_a_transition_gap_moves_the_start_of_the_after_window(
    merger: Merger, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    respons = masuk(evaluator, totp=True).get(url(merger.penataan, transisi="3"))
    assert respons.status_code == 200
    assert "1 Oktober 2024" in isi(respons)
    with translation.override("id"):
        hasil = analisis_penataan(data_penataan(penataan=merger.penataan, jeda_bulan=3))
        c = hasil["unit"]["Unit C"]
        assert escape(fmt.kalimat_unsur(c, "U3")) in isi(respons)


@pytest.mark.parametrize("nilai", ["25", "-1", "abc", "2.5"])
def test_a_bad_transition_gap_is_a_clear_message_and_nothing_is_computed(
    nilai: str, merger: Merger, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    klien = masuk(evaluator, totp=True)
    respons = klien.get(url(merger.penataan, transisi=nilai))
    assert respons.status_code == 400
    assert "Jeda transisi harus bilangan bulat 0 sampai 24 (bulan)" in isi(respons)
    assert "Bacaan per unsur" not in isi(respons)


# The cache ----------------------------------------------------------------------------------


def baca_tabel(kueri: dict[str, str]) -> bool:
    """A query that reads count tables: the GROUP BY over the responses' stored answer
    patterns, or the one over the harapan answers."""
    return ("pola_unsur" in kueri["sql"] and "GROUP BY" in kueri["sql"]) or "survei_jawaban" in kueri["sql"]


def test_the_second_visit_reads_the_analysis_from_the_cache_until_the_data_change(
    merger: Merger, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    klien = masuk(evaluator, totp=True)
    with CaptureQueriesContext(connection) as pertama:
        assert klien.get(url(merger.penataan)).status_code == 200
    with CaptureQueriesContext(connection) as kedua:
        halaman = isi(klien.get(url(merger.penataan)))
    assert "Bacaan per unsur" in halaman
    assert not any(map(baca_tabel, kedua.captured_queries))  # no count table was read again
    assert any(map(baca_tabel, pertama.captured_queries))
    assert len(kedua) < len(pertama)

    # Another transition gap is another analysis.
    with CaptureQueriesContext(connection) as jeda:
        klien.get(url(merger.penataan, transisi="1"))
    assert any(map(baca_tabel, jeda.captured_queries))

    # A new response changes the data version: computed again.
    isi_acak(merger.survei, merger.c, 1, mulai=jam(2024, 8, 1), sampai=jam(2024, 8, 2), rng=random.Random(1))
    with CaptureQueriesContext(connection) as ketiga:
        klien.get(url(merger.penataan))
    assert any(map(baca_tabel, ketiga.captured_queries))

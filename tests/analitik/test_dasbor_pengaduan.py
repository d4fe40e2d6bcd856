"""The complaints section of the penataan dashboard (/kelola/analitik/penataan/<id>/): the same
windows, units and figures as the evaluation report (forum.selectors.metrik_pengaduan_penataan),
formatted with a decimal comma, read fresh on every visit while the survey analysis stays
cached, aggregates only.

Complaints are filed and handled through the forum services on a moved clock, so their
statuses, first responses, deadlines and ratings are the real ones."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from pytest_django.fixtures import Settings

from akun.models import Pengguna
from analitik import format as fmt
from forum.models import Topik
from forum.selectors import MetrikPengaduan, metrik_pengaduan
from forum.services_pengaduan import (
    pengaduan_jawab,
    pengaduan_konfirmasi,
    pengaduan_tolak,
    pengaduan_verifikasi,
)
from organisasi.models import Instansi, Keanggotaan, LinPenataan, Penataan, UnitLayanan
from tests.analitik.test_dasbor_penataan import Merger, baca_tabel, isi, merger, url
from tests.factories import (
    LinPenataanFactory,
    PenataanFactory,
    PenggunaFactory,
    UnitLayananFactory,
    beri_peran,
)
from tests.forum.bantuan_inti import Jam, buat_diskusi, buat_pengaduan, terverifikasi, wib

__all__ = ["merger"]  # the fixture, imported for this module's tests

Privasi = Topik.Privasi


@pytest.fixture
def pelapor(db: None, settings: Settings) -> Pengguna:
    settings.FORUM_BATAS_LAJU = (1000, 600)
    orang = PenggunaFactory.create(email="siti.rahayu@contoh.id", first_name="Siti", last_name="Rahayu")
    terverifikasi(orang)
    return orang


def petugas_untuk(*unit: UnitLayanan) -> list[Pengguna]:
    orang = []
    for u in unit:
        p = beri_peran(PenggunaFactory.create(), Keanggotaan.Peran.PETUGAS, unit=u)
        terverifikasi(p)
        orang.append(p)
    return orang


@dataclass
class Pengaduan:
    """The titles of every topic the fixture filed (none may appear on the page)."""

    judul: list[str]


@pytest.fixture
def pengaduan(merger: Merger, pelapor: Pengguna, monkeypatch: pytest.MonkeyPatch) -> Pengaduan:
    """Around the merger of A and B into C on 1 July 2024 (windows: 1 July 2023 - 1 July 2024
    and 1 July 2024 - 1 July 2025):

    before, at A and B: P1 (A) verified after 3 h, answered on time, rated 4; P2 (B, anonim)
    verified after 24 h, answered late, rated 2; P3 (A, rahasia) never handled, long past its
    deadline; one discussion at B. Outside: a complaint at A of 30 June 2023.
    after, at C: Q1 rejected after 2 h 30; Q2 verified after 1 h 15, answered on time, rated 3;
    Q3 (rahasia) verified after 45 min, answered the same day. Outside: one at C of August
    2025 and one at K1 (a comparison unit)."""
    pa, pb, pc = petugas_untuk(merger.a, merger.b, merger.c)
    jam = Jam(monkeypatch, wib(2023, 6, 30, 9))
    buat_pengaduan(pelapor, merger.a, judul="Di luar jendela sebelum")
    jam.ke(wib(2024, 3, 4, 9))
    p1 = buat_pengaduan(pelapor, merger.a, judul="Antrean Dinas A")
    jam.ke(wib(2024, 3, 4, 12))
    pengaduan_verifikasi(topik=p1, pengguna=pa)
    jam.ke(wib(2024, 3, 5, 9))
    p2 = buat_pengaduan(pelapor, merger.b, judul="Loket Dinas B tutup", privasi=Privasi.ANONIM)
    jam.ke(wib(2024, 3, 6, 9))
    pengaduan_verifikasi(topik=p2, pengguna=pb)
    jam.ke(wib(2024, 3, 6, 10))
    pengaduan_jawab(topik=p1, pengguna=pa, isi="Sudah kami tambah petugasnya.")
    pengaduan_konfirmasi(topik=p1, pengguna=pelapor, nilai=4)
    jam.ke(wib(2024, 3, 20, 10))
    pengaduan_jawab(topik=p2, pengguna=pb, isi="Maaf terlambat.")
    pengaduan_konfirmasi(topik=p2, pengguna=pelapor, nilai=2)
    jam.ke(wib(2024, 4, 1, 9))
    buat_diskusi(pelapor, merger.b, judul="Jam buka Dinas B")
    jam.ke(wib(2024, 5, 6, 9))
    buat_pengaduan(pelapor, merger.a, judul="Berkas rahasia Dinas A", privasi=Privasi.RAHASIA)

    jam.ke(wib(2024, 9, 2, 9))
    q1 = buat_pengaduan(pelapor, merger.c, judul="Aduan tidak lengkap")
    jam.ke(wib(2024, 9, 2, 11, 30))
    pengaduan_tolak(topik=q1, pengguna=pc, alasan="Tidak lengkap")
    jam.ke(wib(2024, 9, 3, 9))
    q2 = buat_pengaduan(pelapor, merger.c, judul="Antrean Unit C")
    jam.ke(wib(2024, 9, 3, 10, 15))
    pengaduan_verifikasi(topik=q2, pengguna=pc)
    jam.ke(wib(2024, 9, 5, 10))
    pengaduan_jawab(topik=q2, pengguna=pc, isi="Antrean kini daring.")
    pengaduan_konfirmasi(topik=q2, pengguna=pelapor, nilai=3)
    jam.ke(wib(2024, 10, 7, 9))
    q3 = buat_pengaduan(pelapor, merger.c, judul="Data pribadi bocor", privasi=Privasi.RAHASIA)
    jam.ke(wib(2024, 10, 7, 9, 45))
    pengaduan_verifikasi(topik=q3, pengguna=pc)
    jam.ke(wib(2024, 10, 7, 14))
    pengaduan_jawab(topik=q3, pengguna=pc, isi="Sudah kami tangani.")
    jam.ke(wib(2024, 11, 4, 9))
    buat_pengaduan(pelapor, merger.k1, judul="Aduan unit pembanding")
    jam.ke(wib(2025, 8, 4, 9))
    buat_pengaduan(pelapor, merger.c, judul="Di luar jendela sesudah")
    monkeypatch.undo()  # the real clock again: "today" decides what is late
    return Pengaduan(judul=list(Topik.objects.values_list("judul", flat=True)))


def baris(halaman: str, label: str) -> tuple[str, str]:
    """The before and after cells of one row of the complaints table."""
    sel = r'<td class="angka">([^<]*)</td>'
    cocok = re.search(rf'<th scope="row">{re.escape(escape(label))}</th>{sel}{sel}', halaman)
    assert cocok, label
    return cocok.group(1), cocok.group(2)


def test_it_shows_the_complaints_of_both_windows_with_decimal_commas(
    merger: Merger, pengaduan: Pengaduan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    respons = masuk(evaluator, totp=True).get(url(merger.penataan))
    halaman = isi(respons)
    assert respons.status_code == 200
    assert '<h2 id="judul-pengaduan">Pengaduan dan forum</h2>' in halaman
    assert '<caption id="tabel-pengaduan-1">Pengaduan dan forum: Unit C</caption>' in halaman
    assert '<th scope="col">Indikator</th>' in halaman
    # Before: P1, P2, P3 at A and B; after: Q1, Q2, Q3 at C (the rest is outside the windows
    # or at another unit). Rahasia and anonim complaints count like the others.
    assert baris(halaman, "Pengaduan masuk") == ("3", "3")
    assert baris(halaman, "Pengaduan yang ditanggapi unit") == ("2", "3")
    # Medians of (3 h, 24 h) and of (2,5 h, 1,25 h, 0,75 h), one decimal, half up.
    assert baris(halaman, "Median waktu tanggapan pertama (jam)") == ("13,5", "1,3")
    # Before: P1 on time, P2 late, P3 past its deadline; after: Q2 and Q3 on time (Q1 rejected).
    assert baris(halaman, "Dijawab dalam batas waktu") == ("33,3%", "100,0%")
    assert baris(halaman, "Rerata penilaian penanganan (1–4)") == ("3,00 (2 penilaian)", "3,00 (1 penilaian)")
    assert baris(halaman, "Topik diskusi forum") == ("1", "0")


def test_its_figures_are_those_of_the_forum_selector_over_the_reports_windows(
    merger: Merger, pengaduan: Pengaduan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    halaman = isi(masuk(evaluator, totp=True).get(url(merger.penataan)))
    sebelum = metrik_pengaduan(
        unit_ids=[merger.a.pk, merger.b.pk], mulai=date(2023, 7, 1), sampai=date(2024, 7, 1)
    )
    sesudah = metrik_pengaduan(unit_ids=[merger.c.pk], mulai=date(2024, 7, 1), sampai=date(2025, 7, 1))
    assert sebelum == MetrikPengaduan(
        jumlah=3,
        jumlah_ditanggapi=2,
        median_jam_tanggapan_pertama=13.5,
        persen_tepat_waktu=pytest.approx(100 / 3),  # type: ignore[arg-type]
        rerata_penilaian=3.0,
        jumlah_penilaian=2,
        jumlah_topik_forum=1,
    )
    assert sesudah.median_jam_tanggapan_pertama == pytest.approx(1.25)
    with translation.override("id"):
        assert baris(halaman, "Pengaduan masuk") == (
            fmt.bilangan(sebelum.jumlah),
            fmt.bilangan(sesudah.jumlah),
        )
        assert baris(halaman, "Dijawab dalam batas waktu") == (
            fmt.persen(sebelum.persen_tepat_waktu, 1),
            fmt.persen(sesudah.persen_tepat_waktu, 1),
        )


def test_it_names_no_complainant_and_no_complaint(
    merger: Merger, pengaduan: Pengaduan, pelapor: Pengguna, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    halaman = isi(masuk(evaluator, totp=True).get(url(merger.penataan)))
    assert "Pengaduan masuk" in halaman
    for teks in ("Siti", "Rahayu", pelapor.email, *pengaduan.judul):
        assert escape(teks) not in halaman, teks


def test_the_english_page_has_the_same_figures_with_a_decimal_point(
    merger: Merger, pengaduan: Pengaduan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    klien = masuk(evaluator, totp=True)
    klien.cookies["django_language"] = "en"
    halaman = isi(klien.get(url(merger.penataan)))
    assert '<html lang="en">' in halaman
    assert '<td class="angka">13.5</td><td class="angka">1.3</td>' in halaman
    assert '<td class="angka">33.3%</td><td class="angka">100.0%</td>' in halaman


def test_without_complaints_it_says_so_instead_of_a_table(
    merger: Merger, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    halaman = isi(masuk(evaluator, totp=True).get(url(merger.penataan)))
    assert "Tidak ada pengaduan atau topik forum tentang Unit C pada kedua jendela." in halaman
    assert "tabel-pengaduan-" not in halaman
    assert "Pengaduan masuk" not in halaman
    assert "Bacaan per unsur" in halaman  # the analysis itself is there


def test_a_complaint_shows_at_once_while_the_analysis_stays_cached_in_a_bounded_number_of_queries(
    merger: Merger,
    pelapor: Pengguna,
    evaluator: Pengguna,
    masuk: Callable[..., Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    klien = masuk(evaluator, totp=True)
    assert klien.get(url(merger.penataan)).status_code == 200
    with CaptureQueriesContext(connection) as kedua:
        halaman = isi(klien.get(url(merger.penataan)))
    assert "Tidak ada pengaduan atau topik forum tentang Unit C" in halaman

    jam = Jam(monkeypatch, wib(2024, 9, 2, 9))
    for i in range(4):
        buat_pengaduan(pelapor, merger.c, judul=f"Aduan {i}")
        buat_pengaduan(pelapor, merger.a if i % 2 else merger.b, judul=f"Aduan lama {i}")
        jam.ke(wib(2024, 9, 3 + i, 9))
    monkeypatch.undo()
    with CaptureQueriesContext(connection) as ketiga:
        halaman = isi(klien.get(url(merger.penataan)))
    assert baris(halaman, "Pengaduan masuk") == ("0", "4")  # filed after the date: C's "after"
    assert not any(map(baca_tabel, ketiga.captured_queries))  # the analysis came from the cache
    assert len(ketiga) == len(kedua)
    # The complaints and the other topics of every unit of the penataan: two queries.
    assert sum("forum_topik" in q["sql"] for q in ketiga.captured_queries) == 2


@dataclass
class Pemecahan:
    penataan: Penataan
    p: UnitLayanan
    q: UnitLayanan
    r: UnitLayanan


@pytest.fixture
def pemecahan(instansi: Instansi, pelapor: Pengguna, monkeypatch: pytest.MonkeyPatch) -> Pemecahan:
    """Unit P is split into Q and R on 1 July 2024; no survey yet. Complaints: two at P before,
    one at Q in the first three months after, one at Q and one at R later."""
    p, q, r = (
        UnitLayananFactory.create(instansi=instansi, nama=f"Unit {k}", slug=f"unit-{k.lower()}")
        for k in "PQR"
    )
    penataan = PenataanFactory.create(
        instansi=instansi, judul="Pemecahan Unit P", tanggal_efektif=date(2024, 7, 1)
    )
    for hasil in (q, r):
        LinPenataanFactory.create(
            penataan=penataan, jenis=LinPenataan.Jenis.PEMECAHAN, unit_asal=p, unit_hasil=hasil
        )
    (pq,) = petugas_untuk(q)
    jam = Jam(monkeypatch, wib(2024, 2, 5, 9))
    buat_pengaduan(pelapor, p, judul="P satu")
    jam.ke(wib(2024, 2, 6, 9))
    buat_pengaduan(pelapor, p, judul="P dua")
    jam.ke(wib(2024, 8, 5, 9))
    buat_pengaduan(pelapor, q, judul="Q dalam masa transisi")
    jam.ke(wib(2024, 11, 4, 9))
    aduan_q = buat_pengaduan(pelapor, q, judul="Q sesudah transisi")
    jam.ke(wib(2024, 11, 4, 15))
    pengaduan_verifikasi(topik=aduan_q, pengguna=pq)
    jam.ke(wib(2024, 11, 5, 9))
    buat_pengaduan(pelapor, r, judul="R sesudah transisi")
    monkeypatch.undo()
    return Pemecahan(penataan, p, q, r)


def test_a_split_shares_the_predecessors_complaints_and_the_transition_gap_counts_on_neither_side(
    pemecahan: Pemecahan, evaluator: Pengguna, masuk: Callable[..., Client]
) -> None:
    respons = masuk(evaluator, totp=True).get(url(pemecahan.penataan, transisi="3"))
    halaman = isi(respons)
    assert respons.status_code == 200
    # No survey data: the analysis cannot be made, the complaints are shown all the same,
    # with the windows they cover.
    assert "belum dapat dianalisis" in halaman
    assert "1 Oktober 2024" in halaman
    tabel = dict(
        re.findall(
            r'<caption id="tabel-pengaduan-\d+">Pengaduan dan forum: ([^<]+)</caption>(.*?)</table>',
            halaman,
            re.S,
        )
    )
    assert set(tabel) == {"Unit Q", "Unit R"}
    # Both parts have P's two complaints as their "before"; Q's complaint of August falls in
    # the three months' transition gap.
    assert baris(tabel["Unit Q"], "Pengaduan masuk") == ("2", "1")
    assert baris(tabel["Unit R"], "Pengaduan masuk") == ("2", "1")
    assert baris(tabel["Unit Q"], "Median waktu tanggapan pertama (jam)") == ("–", "6,0")
    assert baris(tabel["Unit R"], "Pengaduan yang ditanggapi unit") == ("0", "0")
    # The same as the forum selector over the report's windows.
    for u in (pemecahan.q, pemecahan.r):
        sebelum = metrik_pengaduan(unit_ids=[pemecahan.p.pk], mulai=date(2023, 7, 1), sampai=date(2024, 7, 1))
        sesudah = metrik_pengaduan(unit_ids=[u.pk], mulai=date(2024, 10, 1), sampai=date(2025, 10, 1))
        assert baris(tabel[u.nama], "Pengaduan masuk") == (str(sebelum.jumlah), str(sesudah.jumlah))


def test_a_new_unit_without_predecessors_has_no_before_side(
    instansi: Instansi,
    pelapor: Pengguna,
    evaluator: Pengguna,
    masuk: Callable[..., Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    baru = UnitLayananFactory.create(instansi=instansi, nama="Unit Baru", slug="unit-baru")
    penataan = PenataanFactory.create(
        instansi=instansi, judul="Pembentukan Unit Baru", tanggal_efektif=date(2024, 1, 1)
    )
    LinPenataanFactory.create(
        penataan=penataan, jenis=LinPenataan.Jenis.BARU, unit_asal=None, unit_hasil=baru
    )
    Jam(monkeypatch, wib(2024, 2, 5, 9))
    buat_pengaduan(pelapor, baru)
    monkeypatch.undo()
    halaman = isi(masuk(evaluator, totp=True).get(url(penataan)))
    assert baris(halaman, "Pengaduan masuk") == ("–", "1")
    assert baris(halaman, "Topik diskusi forum") == ("–", "0")

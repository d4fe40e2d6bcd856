"""analitik.selectors: count tables computed by GROUP BY in the database, checked against the
same tables computed in Python (analitik.tabel.dari_baris) from the raw answers: each
response's u1..u9 (not the summaries the analysis groups by) and its harapan answer rows.

The helpers isi_acak() and respons_dengan() are also used by tests/analitik/test_penataan*.py.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from pytest_django import DjangoAssertNumQueries

from analitik.selectors import (
    Cakupan,
    gabung_tabel,
    hitung_per_sel,
    tabel_hitung,
    tabel_kosong,
    tabel_per_unit_periode,
)
from analitik.tabel import KODE_HARAPAN, KODE_UNSUR, TabelHitung, dari_baris
from organisasi.models import Instansi, UnitLayanan
from survei.models import KOLOM_UNSUR, Jawaban, Kuesioner, Pertanyaan, Respons, Survei, isian_unsur
from survei.services import kunci_baru, respons_simpan, survei_buat, survei_buka
from survei.skm import KODE_TEMPLATE_SKM_HARAPAN
from tests.factories import UnitLayananFactory
from tests.survei.test_selectors import buat_survei, tambah_respons

WIB = ZoneInfo("Asia/Jakarta")


def jam(tahun: int, bulan: int, hari: int, j: int = 0, menit: int = 0) -> datetime:
    return datetime(tahun, bulan, hari, j, menit, tzinfo=WIB)


def survei_harapan(*daftar_unit: UnitLayanan) -> Survei:
    """An open survey with the questionnaire that also asks harapan (H1..H9)."""
    survei = survei_buat(
        kuesioner=Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM_HARAPAN),
        instansi_unit=[(u, None) for u in daftar_unit],
        judul="SKM dengan harapan",
        periode="Tahun 2024",
        mulai=date(2024, 1, 1),
        selesai=date(2024, 12, 31),
        pengguna=None,
    )
    return survei_buka(survei=survei)


def respons_dengan(
    survei: Survei, unit: UnitLayanan, nilai: Sequence[int | None], waktu: datetime, **lain: object
) -> Respons:
    """One paper response through the real service (paper forms may leave unsur empty)."""
    jawaban: dict[str, object] = {k: v for k, v in zip(KODE_UNSUR, nilai, strict=True) if v is not None}
    jawaban.update(lain)
    respons, _ = respons_simpan(
        survei=survei,
        unit=unit,
        jawaban=jawaban,
        sumber=Respons.Sumber.KERTAS,
        kunci=kunci_baru(),
        waktu=waktu,
    )
    return respons


def isi_acak(
    survei: Survei,
    unit: UnitLayanan,
    n: int,
    *,
    mulai: datetime,
    sampai: datetime,
    rng: random.Random,
    rerata: float = 3.0,
    geser: dict[str, float] | None = None,
) -> None:
    """n responses of random answers dated in [mulai, sampai), written in bulk as the demo
    does: valid rows only, the unsur answers in Respons.u1..u9 with their summaries from
    isian_unsur() (bulk_create does not call Respons.save()), the other answers as Jawaban
    rows. Some unsur are left empty, some responses answer harapan and profile items, and one
    in fifty answers only a profile item (no unsur at all)."""
    pertanyaan = {p.kode: p for p in Pertanyaan.objects.filter(kuesioner=survei.kuesioner_id)}
    detik = int((sampai - mulai).total_seconds())
    respons = []
    isi: list[list[tuple[Pertanyaan, int | None, str | None]]] = []
    for _ in range(n):
        waktu = mulai + timedelta(seconds=rng.randrange(detik))
        unsur: dict[str, int | None] = {}
        leniensi = rng.gauss(0, 0.4)
        if rng.random() >= 0.02:
            for kode in KODE_UNSUR:
                if rng.random() < 0.15:
                    continue
                laten = rerata + (geser or {}).get(kode, 0.0) + leniensi + rng.gauss(0, 0.6)
                unsur[kode] = min(4, max(1, round(laten)))
        respons.append(
            Respons(
                survei=survei,
                unit=unit,
                sumber=Respons.Sumber.KERTAS,
                waktu=waktu,
                kunci=kunci_baru(),
                **isian_unsur(unsur),
            )
        )
        baris: list[tuple[Pertanyaan, int | None, str | None]] = []
        for kode in ("H1", "H5"):
            if kode in pertanyaan and rng.random() < 0.7:
                baris.append((pertanyaan[kode], rng.randint(1, 4), None))
        if rng.random() < 0.5:
            baris.append((pertanyaan["usia"], rng.randint(17, 80), None))
        if rng.random() < 0.5:
            baris.append((pertanyaan["jenis_kelamin"], None, rng.choice("LP")))
        isi.append(baris)
    Respons.objects.bulk_create(respons)
    Jawaban.objects.bulk_create(
        Jawaban(respons=r, pertanyaan=p, jenis=p.jenis, nilai=v, teks=t)
        for r, baris in zip(respons, isi, strict=True)
        for p, v, t in baris
    )


def tabel_python(
    unit_ids: Iterable[int],
    mulai: datetime | None,
    sampai: datetime | None,
    survei_ids: Iterable[int] | None = None,
) -> TabelHitung:
    """The brute-force table: every response's unsur answers (its u1..u9, not the summaries the
    analysis groups by) and harapan answers loaded into Python, then dari_baris() (harapan
    only when some response answered a harapan item)."""
    respons = Respons.objects.filter(unit_id__in=list(unit_ids))
    if mulai is not None:
        respons = respons.filter(waktu__gte=mulai)
    if sampai is not None:
        respons = respons.filter(waktu__lt=sampai)
    if survei_ids is not None:
        respons = respons.filter(survei_id__in=list(survei_ids))
    nilai: dict[int, dict[str, int | None]] = {
        pk: {k: v for k, v in zip(KODE_UNSUR, u, strict=True) if v is not None}
        for pk, *u in respons.values_list("pk", *KOLOM_UNSUR)
    }
    for respons_id, kode, v in Jawaban.objects.filter(
        respons__in=list(nilai), pertanyaan__kelompok="harapan"
    ).values_list("respons_id", "pertanyaan__kode", "nilai"):
        nilai[respons_id][kode] = v
    baris = [[n.get(k) for k in KODE_UNSUR] for n in nilai.values()]
    if not any(k in n for n in nilai.values() for k in KODE_HARAPAN):
        return dari_baris(baris)
    return dari_baris(baris, harapan=[[n.get(k) for k in KODE_HARAPAN] for n in nilai.values()])


def sama(a: TabelHitung, b: TabelHitung) -> None:
    assert dict(a.unsur) == dict(b.unsur)
    assert dict(a.harapan) == dict(b.harapan)
    assert dict(a.skor) == dict(b.skor)
    assert dict(a.pola) == dict(b.pola)


@pytest.fixture
def tiga_unit(instansi: Instansi) -> list[UnitLayanan]:
    return [
        UnitLayananFactory.create(instansi=instansi, nama=f"Unit {k}", slug=f"unit-{k.lower()}")
        for k in "ABC"
    ]


@pytest.fixture
def data_acak(tiga_unit: list[UnitLayanan]) -> Survei:
    """About 300 responses at three units over 2024, a survey with harapan items."""
    survei = survei_harapan(*tiga_unit)
    rng = random.Random(20240101)
    for i, u in enumerate(tiga_unit):
        isi_acak(survei, u, 100, mulai=jam(2024, 1, 1), sampai=jam(2025, 1, 1), rng=rng, rerata=2.6 + 0.3 * i)
    return survei


# One group against the brute force ---------------------------------------------------------


def test_the_table_of_some_units_in_a_window_equals_the_table_computed_from_raw_rows(
    data_acak: Survei, tiga_unit: list[UnitLayanan]
) -> None:
    a, b, _c = tiga_unit
    mulai, sampai = jam(2024, 3, 1), jam(2024, 10, 1)

    tabel = tabel_hitung(unit_ids=[a.pk, b.pk], mulai=mulai, sampai=sampai)

    sama(tabel, tabel_python([a.pk, b.pk], mulai, sampai))
    assert 80 < tabel.n_responden < 150


def test_unanswered_unsur_lower_only_their_own_denominator(
    data_acak: Survei, tiga_unit: list[UnitLayanan]
) -> None:
    tabel = tabel_hitung(unit_ids=[u.pk for u in tiga_unit], mulai=None, sampai=None)

    dijawab = {k: sum(c) for k, c in tabel.unsur.items()}
    assert len(set(dijawab.values())) > 1
    assert all(n < tabel.n_responden for n in dijawab.values())
    assert any(0 in pola for pola in tabel.pola)
    sama(tabel, tabel_python([u.pk for u in tiga_unit], None, None))


def test_harapan_and_profile_answers_and_responses_without_unsur_are_left_out(
    tiga_unit: list[UnitLayanan],
) -> None:
    a = tiga_unit[0]
    survei = survei_harapan(a)
    respons_dengan(
        survei, a, [4, 3, None, None, None, None, None, None, 1], jam(2024, 5, 1), H1=1, H2=1, usia=40
    )
    respons_dengan(survei, a, [2] * 9, jam(2024, 5, 2), H3=4, jenis_kelamin="P")

    tabel = tabel_hitung(unit_ids=[a.pk], mulai=None, sampai=None)

    assert tabel.unsur["U1"] == (0, 1, 0, 1)
    assert tabel.unsur["U3"] == (0, 1, 0, 0)
    assert tabel.unsur["U9"] == (1, 1, 0, 0)
    assert tabel.skor == {(8, 3): 1, (18, 9): 1}
    assert tabel.pola == {(4, 3, 0, 0, 0, 0, 0, 0, 1): 1, (2,) * 9: 1}
    assert tabel.harapan["H1"] == (1, 0, 0, 0)
    assert tabel.harapan["H3"] == (0, 0, 0, 1)
    assert tabel.harapan["H9"] == (0, 0, 0, 0)
    assert tabel_hitung(unit_ids=[a.pk], mulai=None, sampai=None, dengan_harapan=False).harapan == {}


def test_the_window_is_half_open_in_asia_jakarta_time(tiga_unit: list[UnitLayanan]) -> None:
    a = tiga_unit[0]
    survei = buat_survei((a, None), buka=True)
    respons_dengan(survei, a, [1] * 9, jam(2024, 6, 30, 23, 59))
    respons_dengan(survei, a, [2] * 9, jam(2024, 7, 1, 0, 0))  # 30 June 17:00 UTC
    respons_dengan(survei, a, [3] * 9, jam(2024, 12, 31, 23, 59))
    respons_dengan(survei, a, [4] * 9, jam(2025, 1, 1, 0, 0))

    tabel = tabel_hitung(unit_ids=[a.pk], mulai=jam(2024, 7, 1), sampai=jam(2025, 1, 1))

    assert tabel.unsur["U1"] == (0, 1, 1, 0)
    assert tabel.n_responden == 2


def test_it_can_keep_only_some_surveys(data_acak: Survei, tiga_unit: list[UnitLayanan]) -> None:
    a = tiga_unit[0]
    lain = buat_survei((a, None), judul="SKM lain", buka=True)
    tambah_respons(lain, a, 3)

    semua = tabel_hitung(unit_ids=[a.pk], mulai=None, sampai=None)
    hanya_lain = tabel_hitung(unit_ids=[a.pk], mulai=None, sampai=None, survei_ids=[lain.pk])

    assert hanya_lain.unsur["U1"] == (0, 0, 0, 3)
    assert hanya_lain.skor == {(36, 9): 3}
    assert hanya_lain.harapan == {}
    assert semua.n_responden == tabel_python([a.pk], None, None, [data_acak.pk]).n_responden + 3
    sama(
        tabel_hitung(unit_ids=[a.pk], mulai=None, sampai=None, survei_ids=[data_acak.pk]),
        tabel_python([a.pk], None, None, [data_acak.pk]),
    )


def test_no_responses_give_the_empty_table(tiga_unit: list[UnitLayanan]) -> None:
    tabel = tabel_hitung(unit_ids=[tiga_unit[0].pk], mulai=None, sampai=None)

    sama(tabel, tabel_kosong())
    assert tabel.n_responden == 0
    assert set(tabel.unsur) == set(KODE_UNSUR)


def test_without_pola_it_leaves_the_patterns_empty(data_acak: Survei, tiga_unit: list[UnitLayanan]) -> None:
    tabel = tabel_hitung(unit_ids=[tiga_unit[1].pk], mulai=None, sampai=None, dengan_pola=False)

    assert tabel.pola == {}
    assert tabel.skor == tabel_python([tiga_unit[1].pk], None, None).skor


# Per unit and period ------------------------------------------------------------------------


BATAS_TRIWULAN = [jam(2024, 1, 1), jam(2024, 4, 1), jam(2024, 7, 1), jam(2024, 10, 1), jam(2025, 1, 1)]


def test_every_unit_and_quarter_equals_its_brute_force_table(
    data_acak: Survei, tiga_unit: list[UnitLayanan]
) -> None:
    per_sel = tabel_per_unit_periode(
        unit_ids=[u.pk for u in tiga_unit], batas=BATAS_TRIWULAN, dengan_harapan=True
    )

    assert set(per_sel) == {(u.pk, i) for u in tiga_unit for i in range(4)}
    for (unit_id, i), tabel in per_sel.items():
        sama(tabel, tabel_python([unit_id], BATAS_TRIWULAN[i], BATAS_TRIWULAN[i + 1]))


def test_cells_add_up_to_the_table_of_their_union(data_acak: Survei, tiga_unit: list[UnitLayanan]) -> None:
    a, b, _c = tiga_unit
    per_sel = tabel_per_unit_periode(unit_ids=[a.pk, b.pk], batas=BATAS_TRIWULAN, dengan_harapan=True)

    gabungan = hitung_per_sel(per_sel, [(a.pk, 1), (a.pk, 2), (b.pk, 1), (b.pk, 2)])

    sama(gabungan, tabel_python([a.pk, b.pk], jam(2024, 4, 1), jam(2024, 10, 1)))
    sama(gabungan, tabel_hitung(unit_ids=[a.pk, b.pk], mulai=jam(2024, 4, 1), sampai=jam(2024, 10, 1)))


def test_open_ended_buckets_take_everything_before_and_after(
    data_acak: Survei, tiga_unit: list[UnitLayanan]
) -> None:
    c = tiga_unit[2]
    batas = [None, jam(2024, 5, 17, 13, 30), None]

    per_sel = tabel_per_unit_periode(unit_ids=[c.pk], batas=batas, dengan_harapan=True)

    sama(per_sel[(c.pk, 0)], tabel_python([c.pk], None, batas[1]))
    sama(per_sel[(c.pk, 1)], tabel_python([c.pk], batas[1], None))


def test_a_cell_without_responses_is_absent(tiga_unit: list[UnitLayanan]) -> None:
    a, b, _c = tiga_unit
    survei = buat_survei((a, None), (b, None), buka=True)
    respons_dengan(survei, a, [3] * 9, jam(2024, 2, 1))

    per_sel = tabel_per_unit_periode(unit_ids=[a.pk, b.pk], batas=BATAS_TRIWULAN)

    assert list(per_sel) == [(a.pk, 0)]
    sama(hitung_per_sel(per_sel, [(b.pk, 0), (b.pk, 3)]), tabel_kosong())


@pytest.mark.parametrize(
    "batas",
    [
        [jam(2024, 1, 1)],
        [jam(2024, 4, 1), jam(2024, 1, 1)],
        [jam(2024, 1, 1), jam(2024, 1, 1)],
        [jam(2024, 1, 1), None, jam(2025, 1, 1)],
        [datetime(2024, 1, 1), datetime(2025, 1, 1)],
    ],
)
def test_it_refuses_bounds_that_do_not_make_buckets(
    batas: list[datetime | None], tiga_unit: list[UnitLayanan]
) -> None:
    with pytest.raises(ValueError, match="batas"):
        tabel_per_unit_periode(unit_ids=[tiga_unit[0].pk], batas=batas)


# Query counts -------------------------------------------------------------------------------


def test_one_table_costs_one_query_and_one_more_for_harapan(
    data_acak: Survei, tiga_unit: list[UnitLayanan], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    ids = [u.pk for u in tiga_unit]
    with django_assert_num_queries(2):
        tabel_hitung(unit_ids=ids, mulai=jam(2024, 1, 1), sampai=jam(2025, 1, 1))
    with django_assert_num_queries(1):
        tabel_hitung(unit_ids=ids, mulai=jam(2024, 1, 1), sampai=jam(2025, 1, 1), dengan_harapan=False)
    with django_assert_num_queries(0):
        tabel_hitung(unit_ids=[], mulai=None, sampai=None)


def test_per_unit_and_period_costs_one_query_whatever_the_number_of_cells(
    data_acak: Survei, tiga_unit: list[UnitLayanan], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    bulanan = [jam(2024, b, 1) for b in range(1, 13)] + [jam(2025, 1, 1)]
    with django_assert_num_queries(1):
        per_sel = tabel_per_unit_periode(unit_ids=[u.pk for u in tiga_unit], batas=bulanan)
    assert 30 < len(per_sel) <= 36
    with django_assert_num_queries(2):
        tabel_per_unit_periode(unit_ids=[u.pk for u in tiga_unit], batas=bulanan, dengan_harapan=True)
    with django_assert_num_queries(0):
        tabel_per_unit_periode(cakupan=[Cakupan(unit_ids=[])], batas=bulanan)


# Responses from every writer ---------------------------------------------------------------


def test_responses_of_every_writer_are_counted_from_their_columns_in_one_query(
    tiga_unit: list[UnitLayanan], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # The analysis groups by the summaries stored on each response (there is no fallback that
    # reads the answers any more), so every writer must fill them from u1..u9: the bulk writers
    # with isian_unsur(), the form with respons_simpan(), the ORM (admin, scripts) with
    # Respons.save(), also when it corrects one answer later.
    a, b, _c = tiga_unit
    survei = survei_harapan(*tiga_unit)
    rng = random.Random(5)
    for u in (a, b):
        isi_acak(survei, u, 50, mulai=jam(2024, 1, 1), sampai=jam(2025, 1, 1), rng=rng)
        for i in range(10):
            respons_dengan(
                survei, u, [rng.choice([None, 1, 2, 3, 4]) for _ in KODE_UNSUR], jam(2024, 2 + i, 3)
            )
            Respons.objects.create(
                survei=survei,
                unit=u,
                sumber=Respons.Sumber.KERTAS,
                waktu=jam(2024, 2 + i, 4),
                kunci=kunci_baru(),
                **{k: rng.choice([None, 1, 2, 3, 4]) for k in KOLOM_UNSUR},
            )
    dikoreksi = Respons.objects.filter(unit=a, u3__isnull=False).exclude(u3=1).first()
    assert dikoreksi is not None
    dikoreksi.u3 = 1
    dikoreksi.save(update_fields=["u3"])
    for r in Respons.objects.all():
        isian = isian_unsur({k: getattr(r, kolom) for k, kolom in zip(KODE_UNSUR, KOLOM_UNSUR, strict=True)})
        assert (r.pola_unsur, r.jumlah_unsur, r.dijawab_unsur) == (
            isian["pola_unsur"],
            isian["jumlah_unsur"],
            isian["dijawab_unsur"],
        )
    assert not Jawaban.objects.filter(pertanyaan__kelompok="unsur").exists()
    cakupan = [Cakupan(unit_ids=[a.pk]), Cakupan(unit_ids=[b.pk], pola=False)]

    with django_assert_num_queries(1):
        per_sel = tabel_per_unit_periode(cakupan=cakupan, batas=BATAS_TRIWULAN)
    with django_assert_num_queries(1):
        semua = tabel_hitung(unit_ids=[a.pk, b.pk], mulai=None, sampai=None, dengan_harapan=False)

    for i in range(4):
        sel = per_sel[(a.pk, i)]
        sama(sel, replace(tabel_python([a.pk], BATAS_TRIWULAN[i], BATAS_TRIWULAN[i + 1]), harapan={}))
        skor = tabel_python([b.pk], BATAS_TRIWULAN[i], BATAS_TRIWULAN[i + 1]).skor
        assert dict(per_sel[(b.pk, i)].skor) == dict(skor)
    sama(semua, replace(tabel_python([a.pk, b.pk], None, None), harapan={}))
    assert semua.n_responden > 100


def test_cells_of_units_with_far_apart_ids_are_told_apart(
    instansi: Instansi, tiga_unit: list[UnitLayanan]
) -> None:
    # Ids 1 and 2**61 with four buckets do not fit the one-column numbering of the groups: the
    # grouping falls back to comparing whole rows, with the same result.
    jauh = UnitLayananFactory.create(instansi=instansi, nama="Unit jauh", slug="unit-jauh", pk=2**61)
    dekat = tiga_unit[0]
    survei = survei_harapan(dekat, jauh)
    rng = random.Random(11)
    for u in (dekat, jauh):
        isi_acak(survei, u, 60, mulai=jam(2024, 1, 1), sampai=jam(2025, 1, 1), rng=rng, rerata=2.5 + u.pk % 2)

    per_sel = tabel_per_unit_periode(unit_ids=[dekat.pk, jauh.pk], batas=BATAS_TRIWULAN)

    assert {u for u, _i in per_sel} == {dekat.pk, jauh.pk}
    for (unit_id, i), tabel in per_sel.items():
        sama(tabel, replace(tabel_python([unit_id], BATAS_TRIWULAN[i], BATAS_TRIWULAN[i + 1]), harapan={}))


# Several scopes in one pass -----------------------------------------------------------------


def test_units_without_patterns_get_only_their_scores_within_their_own_range(
    data_acak: Survei, tiga_unit: list[UnitLayanan]
) -> None:
    a, b, c = tiga_unit
    cakupan = [
        Cakupan(unit_ids=[a.pk]),
        Cakupan(unit_ids=[b.pk, c.pk], mulai=jam(2024, 4, 1), sampai=jam(2024, 10, 1), pola=False),
    ]

    per_sel = tabel_per_unit_periode(cakupan=cakupan, batas=BATAS_TRIWULAN)

    assert set(per_sel) == {(a.pk, i) for i in range(4)} | {(u.pk, i) for u in (b, c) for i in (1, 2)}
    for i in range(4):
        tabel = tabel_python([a.pk], BATAS_TRIWULAN[i], BATAS_TRIWULAN[i + 1])
        assert dict(per_sel[(a.pk, i)].unsur) == dict(tabel.unsur)
        assert dict(per_sel[(a.pk, i)].pola) == dict(tabel.pola)
    for u in (b, c):
        for i in (1, 2):
            sel = per_sel[(u.pk, i)]
            assert dict(sel.skor) == dict(tabel_python([u.pk], BATAS_TRIWULAN[i], BATAS_TRIWULAN[i + 1]).skor)
            assert (sel.unsur, sel.pola) == ({}, {})


def test_the_database_keeps_every_pattern_decodable(tiga_unit: list[UnitLayanan]) -> None:
    # A pattern decodes into the unsur values only if every digit is one answer of 1..4: the
    # database refuses a second question for one unsur in a questionnaire (its answer would
    # need the same column) and a value outside 1..4 (its digit would carry into the next
    # unsur), so the analysis never sees either.
    a = tiga_unit[0]
    kuesioner = Kuesioner.objects.create(nama="Kuesioner ganda", kode="ganda", instansi=a.instansi)
    Pertanyaan.objects.create(
        kuesioner=kuesioner, kode="U1", kelompok="unsur", jenis="skala4", unsur="U1", teks="U1", urutan=1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Pertanyaan.objects.create(
            kuesioner=kuesioner,
            kode="u1b",
            kelompok="unsur",
            jenis="skala4",
            unsur="U1",
            teks="U1 lagi",
            urutan=2,
        )
    survei = survei_buka(
        survei=survei_buat(
            kuesioner=kuesioner,
            instansi_unit=[(a, None)],
            judul="Satu per unsur",
            periode="2024",
            mulai=date(2024, 1, 1),
            selesai=date(2024, 12, 31),
            pengguna=None,
        )
    )
    for i, nilai in enumerate((5, 0)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Respons.objects.create(
                survei=survei, unit=a, sumber="kertas", waktu=jam(2024, 5, 1), kunci=f"x{i}", u1=nilai
            )
    Respons.objects.create(survei=survei, unit=a, sumber="kertas", waktu=jam(2024, 5, 1), kunci="y", u1=4)

    tabel = tabel_hitung(unit_ids=[a.pk], mulai=None, sampai=None)

    assert tabel.unsur["U1"] == (0, 0, 0, 1)
    assert tabel.unsur["U2"] == (0, 0, 0, 0)
    assert tabel.pola == {(4, 0, 0, 0, 0, 0, 0, 0, 0): 1}
    assert tabel.skor == {(4, 1): 1}


def test_joining_tables_adds_every_count() -> None:
    a = dari_baris([[4] * 9, [1, None, 2, 3, 4, 1, 2, 3, 4]], harapan=[[4] * 9, [None] * 9])
    b = dari_baris([[4] * 9, [None] * 8 + [2]])

    gabungan = gabung_tabel([a, b, tabel_kosong()])

    sama(
        gabungan,
        dari_baris(
            [[4] * 9, [1, None, 2, 3, 4, 1, 2, 3, 4], [4] * 9, [None] * 8 + [2]],
            harapan=[[4] * 9, [None] * 9, [None] * 9, [None] * 9],
        ),
    )

"""laporan.selectors: the respondents' profile and the data sources of a report, counted in the
database, against the same figures computed in Python from the raw rows. Respondents are the
responses that answered at least one unsur (Respons.u1..u9), as analitik counts them."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from analitik.selectors import tabel_hitung
from laporan.selectors import KELOMPOK_USIA, profil_responden, sumber_data
from organisasi.models import Instansi, UnitLayanan
from survei.models import KOLOM_UNSUR, Jawaban, Pertanyaan, Respons, Survei
from survei.services import kunci_baru
from tests.analitik.test_selectors import isi_acak, jam, respons_dengan, survei_harapan
from tests.factories import UnitLayananFactory


def _kelompok_usia(usia: int) -> str:
    return next(
        label for label, bawah, atas in KELOMPOK_USIA if usia >= bawah and (atas is None or usia < atas)
    )


def _responden(unit_ids: list[int], survei_ids: list[int] | None = None) -> list[Respons]:
    """The brute force: every response of the units, kept when one of its u1..u9 is set."""
    qs = Respons.objects.filter(unit_id__in=unit_ids)
    if survei_ids is not None:
        qs = qs.filter(survei_id__in=survei_ids)
    return [r for r in qs if any(getattr(r, k) is not None for k in KOLOM_UNSUR)]


@pytest.fixture
def dua_unit(instansi: Instansi) -> list[UnitLayanan]:
    return [
        UnitLayananFactory.create(instansi=instansi, nama=f"Unit {k}", slug=f"unit-{k.lower()}") for k in "AB"
    ]


@pytest.fixture
def data(dua_unit: list[UnitLayanan]) -> Survei:
    """About 120 responses at two units, some of them answering only a profile item: some
    written in bulk (a few without any unsur answer), some through the service, and three
    profile-only ones through the ORM (the service refuses those; bulk writers do not)."""
    survei = survei_harapan(*dua_unit)
    rng = random.Random(7)
    for u in dua_unit:
        isi_acak(survei, u, 50, mulai=jam(2024, 1, 1), sampai=jam(2025, 1, 1), rng=rng)
        for i in range(8):
            respons_dengan(
                survei,
                u,
                [rng.choice([None, 1, 2, 3, 4]) for _ in KOLOM_UNSUR[:-1]] + [3],
                jam(2024, 1 + i, 5),
                usia=rng.randint(17, 80),
                pendidikan=rng.choice(["SMA", "S1"]),
                pekerjaan="Swasta",
            )
    jk = Pertanyaan.objects.get(kuesioner=survei.kuesioner_id, kode="jenis_kelamin")
    for _ in range(3):
        r = Respons.objects.create(
            survei=survei,
            unit=dua_unit[0],
            sumber=Respons.Sumber.KERTAS,
            waktu=timezone.now(),
            kunci=kunci_baru(),
        )
        Jawaban.objects.create(respons=r, pertanyaan=jk, jenis=jk.jenis, teks="P")
    return survei


def test_the_profile_counts_the_respondents_of_the_index_and_their_answers(
    data: Survei, dua_unit: list[UnitLayanan], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    ids = [u.pk for u in dua_unit]

    with django_assert_num_queries(2):
        profil = profil_responden(unit_ids=ids, survei_ids=[data.pk])

    responden = _responden(ids, [data.pk])
    assert Respons.objects.filter(survei=data).count() > len(responden)  # some answered no unsur
    assert profil.n == len(responden) == tabel_hitung(unit_ids=ids, mulai=None, sampai=None).n_responden
    semestinya: dict[str, Counter[str]] = defaultdict(Counter)
    for kode, teks, nilai in Jawaban.objects.filter(
        respons__in=responden, pertanyaan__kode__in=["jenis_kelamin", "pendidikan", "pekerjaan", "usia"]
    ).values_list("pertanyaan__kode", "teks", "nilai"):
        jawaban = _kelompok_usia(nilai) if nilai is not None else teks
        assert jawaban is not None
        semestinya[kode][jawaban] += 1
    assert {k: v for k, v in profil.hitung.items() if v} == {k: dict(v) for k, v in semestinya.items()}
    assert set(profil.hitung) == {"jenis_kelamin", "pendidikan", "pekerjaan", "usia"}


def test_the_profile_keeps_to_its_window_and_units(data: Survei, dua_unit: list[UnitLayanan]) -> None:
    a = dua_unit[0]
    mulai, sampai = jam(2024, 3, 1), jam(2024, 9, 1)

    profil = profil_responden(unit_ids=[a.pk], mulai=mulai, sampai=sampai)

    assert profil.n == len([r for r in _responden([a.pk]) if mulai <= r.waktu < sampai])
    assert profil.n == tabel_hitung(unit_ids=[a.pk], mulai=mulai, sampai=sampai).n_responden
    assert profil_responden(unit_ids=[]).n == 0


def test_the_data_sources_count_the_respondents_per_survey_and_unit(
    data: Survei, dua_unit: list[UnitLayanan], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    ids = [u.pk for u in dua_unit]

    # One GROUP BY, then the survey-unit rows, the surveys and the units.
    with django_assert_num_queries(4):
        baris = sumber_data(unit_ids=ids)

    hitung = Counter((r.survei_id, r.unit_id) for r in _responden(ids))
    assert {(b.survei.pk, b.unit_id): b.n for b in baris} == dict(hitung)
    assert [b.unit_nama for b in baris] == ["Unit A", "Unit B"]
    assert sumber_data(unit_ids=ids, mulai=jam(2030, 1, 1)) == []

"""`manage.py demo`, survei step: SKM surveys per semester for the four demo cities, with
responses that carry the effects written in survei.demo.EFEK.

The command writes about 20 000 responses, so it runs once for the whole module, inside a
transaction that is rolled back at the end; each test runs in a savepoint within it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Avg, Count, F, Max, Min, Q

from organisasi.demo import SANDI_DEMO
from organisasi.models import Keanggotaan, LinPenataan, Penataan, UnitLayanan
from organisasi.selectors import unit_sebelum, unit_tidak_ditata
from survei import demo
from survei.models import KODE_UNSUR, KOLOM_UNSUR, Jawaban, Pertanyaan, Respons, Survei, SurveiUnit
from survei.skm import KODE_PROFIL, KODE_TEMPLATE_SKM, KODE_TEMPLATE_SKM_HARAPAN
from tests.factories import pasang_template_skm
from tests.survei.data import ringkasan_salah

KOTA = ["kota-palembang", "kota-serang", "kota-sawahlunto", "kota-tebing-tinggi"]
PERIODE = [f"Semester {ke} {tahun}" for tahun in range(2023, 2027) for ke in ("I", "II")]
WIB = demo.WIB


@pytest.fixture(scope="module")
def demo_survei(django_db_setup: None, django_db_blocker) -> Iterator[str]:
    with django_db_blocker.unblock(), transaction.atomic():
        pasang_template_skm()
        keluaran = StringIO()
        call_command("demo", stdout=keluaran)
        yield keluaran.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def isi(demo_survei: str, db: None) -> str:
    return demo_survei


def unit(kota: str, slug: str) -> UnitLayanan:
    return UnitLayanan.objects.get(instansi__slug=kota, slug=slug)


def penataan(kota: str) -> Penataan:
    return Penataan.objects.get(instansi__slug=kota)


def rerata(
    kode: str, daftar_unit: Iterable[UnitLayanan], *, dari: date | None = None, sampai: date | None = None
) -> float:
    """Mean answer to one unsur (its column of the response, NULL when unanswered) at some
    units, for responses dated in [dari, sampai)."""
    q = Respons.objects.filter(unit__in=list(daftar_unit))
    if dari is not None:
        q = q.filter(waktu__gte=datetime.combine(dari, datetime.min.time(), tzinfo=WIB))
    if sampai is not None:
        q = q.filter(waktu__lt=datetime.combine(sampai, datetime.min.time(), tzinfo=WIB))
    hasil = q.aggregate(r=Avg(kode.lower()))["r"]
    assert hasil is not None
    return float(hasil)


def beda_sebelum_sesudah(kota: str, slug: str, kode: str) -> float:
    """Mean of the restructured unit after its penataan minus the mean of its "before" (its
    predecessors, found through the lineage selector) before it."""
    p = penataan(kota)
    hasil = unit(kota, slug)
    sebelum = [x.unit for x in unit_sebelum(unit=hasil, penataan=p)]
    return rerata(kode, [hasil], dari=p.tanggal_efektif) - rerata(kode, sebelum, sampai=p.tanggal_efektif)


def beda_pembanding(kota: str, kode: str) -> float:
    p = penataan(kota)
    pembanding = list(unit_tidak_ditata(penataan=p))
    return rerata(kode, pembanding, dari=p.tanggal_efektif) - rerata(
        kode, pembanding, sampai=p.tanggal_efektif
    )


def potret(*, dengan_id: bool = True) -> tuple[dict[str, int], str]:
    """Row counts and a checksum of every survey, survey unit, response and answer; without
    dengan_id, the ids and storage times a re-created row gets anew are left out."""
    jumlah = {m.__name__: m._default_manager.count() for m in (Survei, SurveiUnit, Respons, Jawaban)}
    h = hashlib.sha256()
    for baris in Survei.objects.order_by("kode").values_list(
        "kode",
        "judul",
        "periode",
        "mulai",
        "selesai",
        "status",
        "kuesioner_id",
        "dibuka_pada",
        "ditutup_pada",
    ):
        h.update(repr(baris).encode())
    for baris_unit in SurveiUnit.objects.order_by("survei__kode", "unit_id").values_list(
        "survei__kode", "unit_id", "populasi"
    ):
        h.update(repr(baris_unit).encode())
    kolom = [
        *("survei_id", "kunci", "unit_id", "layanan_id", "sumber", "waktu", "dientri_oleh_id"),
        *KOLOM_UNSUR,
        *("pola_unsur", "jumlah_unsur", "dijawab_unsur"),
    ]
    for baris_respons in Respons.objects.order_by("survei_id", "kunci").values_list(
        *kolom, *(["id", "dibuat"] if dengan_id else [])
    ):
        h.update(repr(baris_respons).encode())
    for baris_jawaban in Jawaban.objects.order_by(
        "respons__survei_id", "respons__kunci", "pertanyaan_id"
    ).values_list("respons__kunci", "pertanyaan_id", "nilai", "teks"):
        h.update(repr(baris_jawaban).encode())
    return jumlah, h.hexdigest()


# Surveys and their units -------------------------------------------------------------------


def test_every_city_has_one_survey_per_semester_closed_except_the_current_one(isi):
    for kota in KOTA:
        survei = list(Survei.objects.filter(instansi__slug=kota).order_by("mulai"))
        assert [s.periode for s in survei] == PERIODE
        assert [s.status for s in survei] == ["ditutup"] * 7 + ["terbuka"]
        for s in survei:
            assert s.mulai.day == 1
            assert s.mulai.month in (1, 7)
            assert (s.selesai.month, s.selesai.day) == ((6, 30) if s.mulai.month == 1 else (12, 31))
            assert s.mulai.year == s.selesai.year
            assert s.periode in s.judul
    assert Survei.objects.get(kode="plg-2023-s1").periode == "Semester I 2023"
    assert Survei.objects.get(kode="tbt-2026-s2").status == Survei.Status.TERBUKA


def test_palembang_uses_the_questionnaire_with_harapan_and_the_others_the_plain_one(isi):
    kuesioner = dict(Survei.objects.values_list("instansi__slug", "kuesioner__kode").distinct())
    assert kuesioner == {
        "kota-palembang": KODE_TEMPLATE_SKM_HARAPAN,
        "kota-serang": KODE_TEMPLATE_SKM,
        "kota-sawahlunto": KODE_TEMPLATE_SKM,
        "kota-tebing-tinggi": KODE_TEMPLATE_SKM,
    }
    harapan = Jawaban.objects.filter(pertanyaan__kelompok=Pertanyaan.Kelompok.HARAPAN)
    assert harapan.filter(respons__survei__instansi__slug="kota-palembang").count() > 10_000
    assert not harapan.exclude(respons__survei__instansi__slug="kota-palembang").exists()


def test_each_survey_covers_exactly_the_units_active_during_its_semester(isi):
    for survei in Survei.objects.all():
        aktif = UnitLayanan.objects.filter(instansi=survei.instansi).filter(
            Q(aktif_dari__isnull=True) | Q(aktif_dari__lte=survei.selesai),
            Q(aktif_sampai__isnull=True) | Q(aktif_sampai__gte=survei.mulai),
        )
        assert set(survei.unit.all()) == set(aktif), survei


def test_a_merged_units_predecessors_are_surveyed_only_before_the_effective_date(isi):
    for lin in LinPenataan.objects.select_related("penataan", "unit_asal", "unit_hasil"):
        tanggal = lin.penataan.tanggal_efektif
        if lin.unit_asal is not None:
            assert not Survei.objects.filter(unit=lin.unit_asal, mulai__gte=tanggal).exists()
            assert Survei.objects.filter(unit=lin.unit_asal, selesai__lt=tanggal).exists()
            assert not Respons.objects.filter(
                unit=lin.unit_asal, waktu__gte=datetime.combine(tanggal, datetime.min.time(), tzinfo=WIB)
            ).exists()
        assert lin.unit_hasil is not None
        assert not Survei.objects.filter(unit=lin.unit_hasil, selesai__lt=tanggal).exists()
        assert not Respons.objects.filter(
            unit=lin.unit_hasil, waktu__lt=datetime.combine(tanggal, datetime.min.time(), tzinfo=WIB)
        ).exists()


def test_a_semester_cut_by_a_merger_holds_both_sides_each_dated_on_its_own_side(isi):
    survei = Survei.objects.get(kode="tbt-2024-s2")  # the merger is effective 1 October 2024
    assert {u.slug for u in survei.unit.all()} >= {"dpppa", "dppkb", "dp3appkb"}
    batas = datetime(2024, 10, 1, tzinfo=WIB)
    for slug, sebelum in [("dpppa", True), ("dppkb", True), ("dp3appkb", False)]:
        waktu = Respons.objects.filter(survei=survei, unit__slug=slug).aggregate(
            a=Min("waktu"), z=Max("waktu")
        )
        if sebelum:
            assert waktu["a"] >= datetime(2024, 7, 1, tzinfo=WIB)
            assert waktu["z"] < batas
        else:
            assert waktu["a"] >= batas
            assert waktu["z"] < datetime(2025, 1, 1, tzinfo=WIB)


def test_every_unit_in_a_survey_has_a_plausible_population(isi):
    populasi = SurveiUnit.objects.aggregate(a=Min("populasi"), z=Max("populasi"))
    assert not SurveiUnit.objects.filter(populasi__isnull=True).exists()
    assert 2_000 <= populasi["a"]
    assert populasi["z"] <= 100_000


# Responses ---------------------------------------------------------------------------------


def test_there_are_thousands_of_responses_with_40_to_150_per_unit_and_semester(isi):
    assert 15_000 <= Respons.objects.count() <= 25_000
    per_unit = Respons.objects.values("survei", "unit").annotate(n=Count("id"))
    assert per_unit.count() == SurveiUnit.objects.count()
    assert all(40 <= baris["n"] <= 150 for baris in per_unit)


def test_responses_are_dated_inside_their_semester_and_never_after_yesterday(isi):
    for survei in Survei.objects.all():
        waktu = survei.respons.aggregate(a=Min("waktu"), z=Max("waktu"))
        assert waktu["a"].astimezone(WIB).date() >= survei.mulai
        assert waktu["z"].astimezone(WIB).date() <= min(survei.selesai, date(2026, 11, 21))
    terakhir = Respons.objects.aggregate(z=Max("waktu"))["z"]
    assert terakhir.astimezone(WIB).date() >= date(2026, 11, 1)


def test_most_responses_come_online_with_some_from_kiosks_and_paper(isi):
    sumber = dict(Respons.objects.values_list("sumber").annotate(n=Count("id")))
    total = sum(sumber.values())
    assert set(sumber) == {"online", "kios", "kertas"}
    assert sumber["online"] / total > 0.6
    assert sumber["kios"] / total > 0.1
    assert sumber["kertas"] / total > 0.08


def test_paper_forms_at_the_demo_petugas_unit_are_keyed_in_by_him_and_others_by_nobody(isi):
    petugas = Keanggotaan.objects.get(pengguna__email="petugas@demo.tilik.id", peran="petugas")
    kertas = Respons.objects.filter(sumber=Respons.Sumber.KERTAS)
    assert kertas.filter(unit=petugas.unit).exists()
    assert not kertas.filter(unit=petugas.unit, dientri_oleh__isnull=True).exists()
    assert set(kertas.exclude(dientri_oleh=None).values_list("dientri_oleh", flat=True)) == {
        petugas.pengguna_id
    }
    assert not kertas.exclude(unit=petugas.unit).exclude(dientri_oleh=None).exists()
    assert not Respons.objects.exclude(sumber=Respons.Sumber.KERTAS).exclude(dientri_oleh=None).exists()
    assert petugas.pengguna.check_password(SANDI_DEMO)


def test_every_response_names_one_of_its_units_services(isi):
    assert not Respons.objects.filter(layanan__isnull=True).exists()
    assert not Respons.objects.exclude(layanan__unit=F("unit")).exists()


def test_every_answer_is_within_its_questions_scale_or_choices(isi):
    for k in KOLOM_UNSUR:
        unsur = Respons.objects.aggregate(a=Min(k), z=Max(k))
        assert (unsur["a"], unsur["z"]) == (1, 4), k
    skala = Jawaban.objects.filter(jenis="skala4").aggregate(a=Min("nilai"), z=Max("nilai"))
    assert (skala["a"], skala["z"]) == (1, 4)
    assert set(Jawaban.objects.values_list("pertanyaan__kelompok", flat=True).distinct()) == {
        "harapan",
        "profil",
    }
    assert not Jawaban.objects.exclude(jenis=F("pertanyaan__jenis")).exists()
    for p in Pertanyaan.objects.filter(kuesioner__survei__isnull=False, kelompok="profil").distinct():
        jawaban = Jawaban.objects.filter(pertanyaan=p)
        if p.jenis == Pertanyaan.Jenis.ANGKA:
            usia = jawaban.aggregate(a=Min("nilai"), z=Max("nilai"))
            assert p.angka_min is not None and p.angka_maks is not None
            assert p.angka_min <= usia["a"] <= usia["z"] <= p.angka_maks
        else:
            assert set(jawaban.values_list("teks", flat=True).distinct()) <= set(p.kode_pilihan())


def test_each_kunci_follows_the_demo_pattern_and_is_unique_per_survey(isi):
    assert not Respons.objects.exclude(kunci__startswith="demo-").exists()
    contoh = Respons.objects.select_related("survei", "unit").order_by("id").first()
    assert contoh is not None
    assert contoh.kunci.startswith(f"demo-{contoh.survei.kode}-{contoh.unit.slug}-")
    assert Respons.objects.values("survei", "kunci").distinct().count() == Respons.objects.count()


def test_profile_answers_are_filled_by_most_respondents_but_not_all(isi):
    total = Respons.objects.count()
    for kode in KODE_PROFIL:
        dijawab = Jawaban.objects.filter(pertanyaan__kode=kode).count()
        assert 0.7 * total < dijawab < 0.97 * total, kode
    assert Respons.objects.exclude(jawaban__pertanyaan__kelompok="profil").exists()


def test_a_few_percent_of_unsur_answers_are_missing_only_on_paper_forms(isi):
    total = Respons.objects.count()
    # Count(column) counts the answered (non-NULL) ones.
    per_unsur = Respons.objects.aggregate(**{k: Count(k.lower()) for k in KODE_UNSUR})
    assert all(per_unsur.values())
    hilang = 1 - sum(per_unsur.values()) / (9 * total)
    assert 0.01 < hilang < 0.06
    assert len(set(per_unsur.values())) > 1  # NRR denominators differ per unsur
    assert per_unsur["U8"] < per_unsur["U1"]
    # The online form and the kiosk require every unsur.
    tidak_lengkap = Respons.objects.filter(dijawab_unsur__lt=9)
    assert tidak_lengkap.exists()
    assert set(tidak_lengkap.values_list("sumber", flat=True).distinct()) == {"kertas"}
    assert not tidak_lengkap.filter(dijawab_unsur=0).exists()


def test_every_demo_response_carries_the_numbers_of_its_unsur_answers(isi):
    assert ringkasan_salah() == []


def test_a_sample_of_demo_rows_passes_model_validation(isi):
    for survei in Survei.objects.all():
        survei.full_clean()
    for su in SurveiUnit.objects.all()[:50]:
        su.full_clean()
    for respons in Respons.objects.order_by("?")[:30]:
        respons.full_clean()
        for jawaban in respons.jawaban.all():
            jawaban.full_clean()


# The intended effects ----------------------------------------------------------------------


def test_palembangs_merged_unit_is_faster_and_simpler_than_its_predecessors(isi):
    p = penataan("kota-palembang")
    hasil = unit("kota-palembang", "disperindag")
    assert {x.unit.slug for x in unit_sebelum(unit=hasil, penataan=p)} == {"disperin", "disdag"}
    assert beda_sebelum_sesudah("kota-palembang", "disperindag", "U3") > 0.35
    assert beda_sebelum_sesudah("kota-palembang", "disperindag", "U2") > 0.2
    # ... well beyond the common trend of the untouched units (difference-in-differences)
    for kode in ("U2", "U3"):
        did = beda_sebelum_sesudah("kota-palembang", "disperindag", kode) - beda_pembanding(
            "kota-palembang", kode
        )
        assert did > 0.15, kode
    # and nothing on an unsur the table leaves alone
    assert abs(beda_sebelum_sesudah("kota-palembang", "disperindag", "U7")) < 0.15


def test_palembangs_complaint_handling_dips_for_one_semester_after_the_merger_then_recovers(isi):
    hasil = unit("kota-palembang", "disperindag")
    sebelum = rerata("U8", [unit("kota-palembang", "disperin"), unit("kota-palembang", "disdag")])
    transisi = rerata("U8", [hasil], dari=date(2024, 7, 1), sampai=date(2025, 1, 1))
    sesudah = rerata("U8", [hasil], dari=date(2025, 1, 1))
    assert sebelum - transisi > 0.3
    assert abs(sesudah - sebelum) < 0.3
    assert sesudah - transisi > 0.3


def test_tebing_tinggis_merger_changes_nothing(isi):
    perbedaan = [beda_sebelum_sesudah("kota-tebing-tinggi", "dp3appkb", kode) for kode in KODE_UNSUR]
    assert all(abs(x) < 0.2 for x in perbedaan), perbedaan
    assert abs(sum(perbedaan) / 9) < 0.08
    assert max(abs(x) for x in perbedaan) < beda_sebelum_sesudah("kota-palembang", "disperindag", "U3") / 2


def test_serangs_health_units_improve_waiting_time_and_facilities_after_the_split(isi):
    for slug in ("dinkes", "uptd-labkesda"):
        assert beda_sebelum_sesudah("kota-serang", slug, "U3") > 0.25, slug
        assert beda_sebelum_sesudah("kota-serang", slug, "U9") > 0.1, slug
    assert beda_sebelum_sesudah("kota-serang", "uptd-labkesda", "U9") > beda_sebelum_sesudah(
        "kota-serang", "dinkes", "U9"
    )


def test_sawahluntos_complaint_handling_improves_where_the_new_unit_took_complaints_over(isi):
    dilayani = [unit("kota-sawahlunto", s) for s in ("disdukcapil", "dpmptsp", "dinsos", "kecamatan-talawi")]
    pembanding = [unit("kota-sawahlunto", s) for s in ("puskesmas-silungkang", "rsud-sawahlunto")]
    batas, penuh = date(2025, 3, 1), date(2026, 1, 1)
    naik = rerata("U8", dilayani, dari=penuh) - rerata("U8", dilayani, sampai=batas)
    naik_pembanding = rerata("U8", pembanding, dari=penuh) - rerata("U8", pembanding, sampai=batas)
    assert naik - naik_pembanding > 0.25
    # U8 only: another unsur moves with the common trend alone
    naik_u1 = rerata("U1", dilayani, dari=penuh) - rerata("U1", dilayani, sampai=batas)
    assert (
        abs(naik_u1 - (rerata("U1", pembanding, dari=penuh) - rerata("U1", pembanding, sampai=batas))) < 0.15
    )


def test_importance_performance_analysis_puts_u2_u3_and_u8_in_the_priority_quadrant(isi):
    kinerja = Respons.objects.filter(survei__instansi__slug="kota-palembang").aggregate(
        **{k: Avg(k.lower()) for k in KODE_UNSUR}
    )
    penting = dict(
        Jawaban.objects.filter(
            respons__survei__instansi__slug="kota-palembang", pertanyaan__kelompok="harapan"
        )
        .values_list("pertanyaan__unsur")
        .annotate(r=Avg("nilai"))
    )
    assert set(kinerja) == set(penting) == set(KODE_UNSUR)
    rata_kinerja, rata_penting = sum(kinerja.values()) / 9, sum(penting.values()) / 9
    prioritas = {k for k in KODE_UNSUR if penting[k] > rata_penting and kinerja[k] < rata_kinerja}
    assert prioritas == {"U2", "U3", "U8"}


def test_untouched_units_drift_up_a_little_over_the_years(isi):
    pembanding = list(unit_tidak_ditata(penataan=penataan("kota-palembang")))
    awal = sum(rerata(k, pembanding, sampai=date(2024, 1, 1)) for k in KODE_UNSUR) / 9
    akhir = sum(rerata(k, pembanding, dari=date(2026, 1, 1)) for k in KODE_UNSUR) / 9
    assert 0.03 < akhir - awal < 0.3


def test_the_effects_table_names_only_demo_units_and_unsur(isi):
    for efek in demo.EFEK:
        for slug in efek.unit:
            assert UnitLayanan.objects.filter(instansi__slug=efek.instansi, slug=slug).exists()
        assert set(efek.unsur) <= set(KODE_UNSUR)


# Running again -----------------------------------------------------------------------------


def test_running_it_again_changes_nothing(isi):
    sebelum = potret()
    keluaran = StringIO()
    call_command("demo", stdout=keluaran)
    assert potret() == sebelum
    assert "Survei demo: 0 baris survei dibuat, 0 diperbarui, 0 respons baru." in keluaran.getvalue()


def test_running_it_again_restores_the_responses_of_a_unit_whose_demo_responses_were_deleted(isi):
    sebelum = potret(dengan_id=False)
    survei = Survei.objects.get(kode="srg-2025-s1")
    labkesda = unit("kota-serang", "uptd-labkesda")
    Jawaban.objects.filter(respons__survei=survei, respons__unit=labkesda).delete()
    Respons.objects.filter(survei=survei, unit=labkesda).delete()
    Survei.objects.filter(pk=survei.pk).update(status=Survei.Status.TERBUKA)

    call_command("demo", stdout=StringIO())

    # The same responses and answers come back: they depend only on (city, unit, semester).
    assert potret(dengan_id=False) == sebelum
    assert Survei.objects.get(pk=survei.pk).status == Survei.Status.DITUTUP


def test_the_summary_names_every_city_and_the_number_of_responses(isi):
    for kota in KOTA:
        assert kota in isi
    assert "respons baru" in isi

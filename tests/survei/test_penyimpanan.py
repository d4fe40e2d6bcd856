"""How responses are checked and stored: one service for every source, the database as the
last line of defence, one response per rendered form."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from organisasi.models import UnitLayanan
from survei import services
from survei.models import (
    KODE_UNSUR,
    KOLOM_UNSUR,
    Jawaban,
    Kuesioner,
    Pertanyaan,
    Respons,
    Survei,
    isian_unsur,
)
from survei.services import KesalahanSurvei, ValidasiRespons
from survei.skm import KODE_TEMPLATE_SKM, KODE_TEMPLATE_SKM_HARAPAN, URUTAN_ANGKET
from tests.factories import LayananFactory
from tests.survei.data import ringkasan_salah

pytestmark = pytest.mark.django_db

SEMUA_TIGA = {f"U{i}": "3" for i in range(1, 10)}


@pytest.fixture
def skm() -> Kuesioner:
    return Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM)


@pytest.fixture
def survei(skm, unit, unit_lain) -> Survei:
    s = services.survei_buat(
        kuesioner=skm,
        instansi_unit=[(unit, 1000), (unit_lain, None)],
        judul="SKM Semester I 2025",
        periode="Semester I 2025",
        mulai=date(2025, 1, 1),
        selesai=date(2025, 6, 30),
        pengguna=None,
    )
    return services.survei_buka(survei=s)


@pytest.fixture
def survei_harapan(unit) -> Survei:
    """An open survey of the questionnaire with harapan items: H1..H9 are 1-4 answers stored as
    Jawaban rows, unlike the unsur."""
    return services.survei_buka(
        survei=services.survei_buat(
            kuesioner=Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM_HARAPAN),
            instansi_unit=[(unit, None)],
            judul="Harapan",
            periode="2025",
            mulai=date(2025, 1, 1),
            selesai=date(2025, 12, 31),
            pengguna=None,
        )
    )


def unsur_tersimpan(respons: Respons) -> dict[str, int | None]:
    """The response's unsur answers as stored, by column (u1..u9)."""
    respons.refresh_from_db()
    return {k: getattr(respons, k) for k in KOLOM_UNSUR}


def tanpa_jawaban_unsur() -> bool:
    """No answer to an unsur question is a Jawaban row: they are the response's columns."""
    return not Jawaban.objects.filter(pertanyaan__kelompok=Pertanyaan.Kelompok.UNSUR).exists()


def simpan(survei, unit, jawaban=None, **kw):
    return services.respons_simpan(
        survei=survei,
        unit=unit,
        jawaban=SEMUA_TIGA if jawaban is None else jawaban,
        sumber=kw.pop("sumber", "online"),
        kunci=kw.pop("kunci", services.kunci_baru()),
        **kw,
    )


# The built-in template --------------------------------------------------------------------------


def test_the_skm_template_has_the_nine_unsur_with_the_regulation_labels(skm):
    unsur = {p.kode: p for p in skm.pertanyaan.filter(kelompok="unsur")}
    assert sorted(unsur) == [f"U{i}" for i in range(1, 10)]
    assert all(p.jenis == "skala4" and p.wajib and p.unsur == p.kode for p in unsur.values())
    assert unsur["U4"].label_nilai == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    assert unsur["U8"].judul == "Penanganan Pengaduan, Saran dan Masukan"
    assert unsur["U8"].label_nilai[0] == "Tidak ada"
    assert unsur["U9"].label_nilai == ["Buruk", "Cukup", "Baik", "Sangat Baik"]


def test_the_template_asks_sarana_before_pengaduan_as_the_annex_does(skm):
    urutan = list(skm.pertanyaan.filter(kelompok="unsur").order_by("urutan").values_list("kode", flat=True))
    assert urutan == list(URUTAN_ANGKET)
    assert urutan[7:] == ["U9", "U8"]


def test_profile_questions_are_optional(skm):
    profil = skm.pertanyaan.filter(kelompok="profil")
    assert set(profil.values_list("kode", flat=True)) == {"jenis_kelamin", "usia", "pendidikan", "pekerjaan"}
    assert not profil.filter(wajib=True).exists()


def test_the_harapan_template_adds_one_importance_item_per_unsur():
    k = Kuesioner.objects.get(kode=KODE_TEMPLATE_SKM_HARAPAN)
    harapan = k.pertanyaan.filter(kelompok="harapan")
    assert sorted(harapan.values_list("unsur", flat=True)) == [f"U{i}" for i in range(1, 10)]
    assert all(p.kode == "H" + p.unsur[1:] for p in harapan)


# Storing -------------------------------------------------------------------------------------------


def test_a_valid_response_is_stored_with_all_its_answers(survei, unit):
    layanan = LayananFactory.create(unit=unit)
    jawaban = {**SEMUA_TIGA, "U4": 4, "jenis_kelamin": "P", "usia": "34", "pendidikan": "S1"}
    respons, baru = simpan(survei, unit, jawaban, layanan=layanan)
    assert baru
    assert respons.unit == unit and respons.layanan == layanan and respons.sumber == "online"
    assert unsur_tersimpan(respons) == {**dict.fromkeys(KOLOM_UNSUR, 3), "u4": 4}
    tersimpan = dict(respons.jawaban.values_list("pertanyaan__kode", "nilai"))
    assert tersimpan == {"jenis_kelamin": None, "usia": 34, "pendidikan": None}
    assert respons.jawaban.get(pertanyaan__kode="jenis_kelamin").teks == "P"
    assert tanpa_jawaban_unsur()


def test_the_returned_response_is_the_stored_row(survei, unit, petugas):
    waktu = timezone.now() - timedelta(days=2)
    respons, _ = simpan(survei, unit, sumber="kertas", waktu=waktu, dientri_oleh=petugas, kunci="kertas-1")

    tersimpan = Respons.objects.get()
    kolom = [f.attname for f in Respons._meta.concrete_fields]
    assert {k: getattr(respons, k) for k in kolom} == {k: getattr(tersimpan, k) for k in kolom}
    assert respons.waktu == waktu and respons.dientri_oleh_id == petugas.pk and respons.dijawab_unsur == 9
    assert not respons._state.adding


def test_the_same_form_posted_twice_stores_one_response(survei, unit):
    jawaban = {**SEMUA_TIGA, "jenis_kelamin": "L"}
    pertama, baru1 = simpan(survei, unit, jawaban, kunci="formulir-123")
    kedua, baru2 = simpan(survei, unit, jawaban, kunci="formulir-123")
    assert (baru1, baru2) == (True, False)
    assert pertama.pk == kedua.pk
    assert Respons.objects.count() == 1 and Jawaban.objects.count() == 1


def test_the_same_key_in_another_survey_is_another_response(survei, unit, skm):
    lain = services.survei_buka(
        survei=services.survei_buat(
            kuesioner=skm,
            instansi_unit=[(unit, None)],
            judul="SKM Semester II 2025",
            periode="Semester II 2025",
            mulai=date(2025, 7, 1),
            selesai=date(2025, 12, 31),
            pengguna=None,
        )
    )
    simpan(survei, unit, kunci="k")
    simpan(lain, unit, kunci="k")
    assert Respons.objects.count() == 2


# An unsur answer goes to the response's own row (refused by its CHECK), a profile answer to a
# Jawaban row written after it (refused by Jawaban's CHECK: a choice is text, not a number).
@pytest.mark.parametrize("kode", ["U8", "jenis_kelamin"])
def test_nothing_is_stored_when_an_answer_cannot_be_written(survei, unit, monkeypatch, kode):
    periksa = services.respons_periksa

    def lolos_satu_nilai_salah(**kwargs):
        # As if a bug let a value through the checks: the database refuses it.
        sah = periksa(**kwargs)
        jawaban = tuple(
            services.JawabanSah(j.pertanyaan, 7, None) if j.pertanyaan.kode == kode else j
            for j in sah.jawaban
        )
        assert jawaban != sah.jawaban
        return replace(sah, jawaban=jawaban)

    monkeypatch.setattr(services, "respons_periksa", lolos_satu_nilai_salah)
    with pytest.raises(IntegrityError):
        simpan(survei, unit, {**SEMUA_TIGA, "jenis_kelamin": "P", "usia": "30"})
    assert Respons.objects.count() == 0
    assert Jawaban.objects.count() == 0


def test_paper_forms_may_leave_unsur_unanswered_but_citizens_online_may_not(survei, unit):
    sebagian = {"U1": "2", "U2": "3"}
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, sebagian)
    assert set(e.value.kesalahan) == {"U3", "U4", "U5", "U6", "U7", "U8", "U9"}
    respons, _ = simpan(survei, unit, sebagian, sumber="kertas")
    assert unsur_tersimpan(respons) == {**dict.fromkeys(KOLOM_UNSUR), "u1": 2, "u2": 3}
    assert (respons.jumlah_unsur, respons.dijawab_unsur) == (5, 2)
    assert respons.jawaban.count() == 0


def test_a_response_without_any_unsur_is_refused_even_on_paper(survei, unit):
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, {"jenis_kelamin": "L"}, sumber="kertas")
    assert "unsur" in e.value.kesalahan["__all__"][0]
    assert Respons.objects.count() == 0


@pytest.mark.parametrize("nilai", ["5", "0", "-1", "abc", "3.5", 4.5, "", " ", True])
def test_a_bad_scale_value_is_refused_with_a_message_and_nothing_is_stored(survei, unit, nilai):
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, {**SEMUA_TIGA, "U3": nilai})
    assert e.value.kesalahan["U3"]
    assert Respons.objects.count() == 0 and Jawaban.objects.count() == 0


@pytest.mark.parametrize("nilai", [3, "3", " 3 ", 3.0, "3.0"])
def test_spreadsheet_style_numbers_are_accepted(survei, unit, nilai):
    respons, _ = simpan(survei, unit, {**SEMUA_TIGA, "U3": nilai})
    assert unsur_tersimpan(respons)["u3"] == 3


@pytest.mark.parametrize(
    ("kode", "nilai"),
    [("usia", "9"), ("usia", "121"), ("usia", "dua puluh"), ("jenis_kelamin", "X"), ("pendidikan", "SMK")],
)
def test_profile_answers_outside_their_choices_or_bounds_are_refused(survei, unit, kode, nilai):
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, {**SEMUA_TIGA, kode: nilai})
    assert list(e.value.kesalahan) == [kode]


def test_an_unknown_question_code_is_refused(survei, unit):
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, {**SEMUA_TIGA, "U10": "3"})
    assert "U10" in e.value.kesalahan["__all__"][0]


def test_a_unit_outside_the_survey_is_refused(survei, unit_instansi_lain):
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit_instansi_lain)
    assert "unit" in e.value.kesalahan
    assert Respons.objects.count() == 0


def test_a_service_of_another_unit_is_refused(survei, unit, unit_lain):
    layanan_lain = LayananFactory.create(unit=unit_lain)
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, layanan=layanan_lain)
    assert "layanan" in e.value.kesalahan


def test_oversized_text_is_refused(survei, unit, skm):
    Pertanyaan.objects.create(
        kuesioner=skm, kode="saran", kelompok="tambahan", jenis="teks", teks="Saran Anda", urutan=99
    )
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, {**SEMUA_TIGA, "saran": "x" * (services.PANJANG_TEKS_MAKS + 1)})
    assert "terlalu panjang" in e.value.kesalahan["saran"][0]


@pytest.mark.parametrize("status", ["draft", "ditutup"])
def test_a_draft_or_closed_survey_accepts_nothing(survei, unit, status):
    Survei.objects.filter(pk=survei.pk).update(status=status)
    survei.refresh_from_db()
    for sumber in ("online", "kios", "kertas", "impor"):
        with pytest.raises(KesalahanSurvei):
            simpan(survei, unit, sumber=sumber)
    assert Respons.objects.count() == 0


def test_a_missing_or_absurd_form_key_is_refused(survei, unit):
    for kunci in ("", "x" * 65):
        with pytest.raises(KesalahanSurvei):
            simpan(survei, unit, kunci=kunci)
    assert Respons.objects.count() == 0


def test_a_response_stores_no_address_or_browser_of_the_citizen():
    kolom = {f.name for f in Respons._meta.get_fields()}
    assert not kolom & {"ip", "alamat_ip", "user_agent", "peramban", "pengguna"}


# The database as the last line of defence ------------------------------------------------------------


def _respons(survei, unit):
    respons, _ = simpan(survei, unit, sumber="kertas", jawaban={"U1": 1})
    return respons


def _isian(**kolom: int | None) -> dict[str, int | None]:
    """u1..u9 as given (the rest unanswered) with the summaries that go with them."""
    return isian_unsur({k.upper(): v for k, v in kolom.items()})


@pytest.mark.parametrize("nilai", [0, 5, -3])
@pytest.mark.parametrize("kolom", KOLOM_UNSUR)
def test_the_database_rejects_an_unsur_answer_outside_1_to_4(survei, unit, kolom, nilai):
    respons = _respons(survei, unit)
    # Changed afterwards, or inserted as the bulk writers do (bulk_create, no save()), with
    # the summaries that go with the value, so that only the column's check can refuse it.
    isian = _isian(**{"u1": 1, kolom: nilai})
    with pytest.raises(IntegrityError) as diubah, transaction.atomic():
        Respons.objects.filter(pk=respons.pk).update(**isian)
    baru = Respons(
        survei=survei, unit=unit, sumber="kertas", waktu=respons.waktu, kunci="k", **_isian(**{kolom: nilai})
    )
    with pytest.raises(IntegrityError) as disisipkan, transaction.atomic():
        Respons.objects.bulk_create([baru])
    if nilai >= 0:  # a negative number also breaks the unsigned columns' own checks
        assert "respons_unsur_1_4" in str(diubah.value) and "respons_unsur_1_4" in str(disisipkan.value)
    assert unsur_tersimpan(respons) == {**dict.fromkeys(KOLOM_UNSUR), "u1": 1}
    assert Respons.objects.count() == 1


def test_an_unanswered_unsur_is_null_and_every_value_1_to_4_is_accepted(survei, unit):
    respons = _respons(survei, unit)
    for nilai in (None, 1, 2, 3, 4):
        Respons.objects.filter(pk=respons.pk).update(**_isian(u1=1, **dict.fromkeys(KOLOM_UNSUR[1:], nilai)))
    assert unsur_tersimpan(respons) == {**dict.fromkeys(KOLOM_UNSUR, 4), "u1": 1}
    assert ringkasan_salah() == []


@pytest.mark.parametrize("nilai", [0, 5, -3, None])
def test_the_database_rejects_a_harapan_value_outside_1_to_4(survei_harapan, unit, nilai):
    respons = _respons(survei_harapan, unit)
    h2 = survei_harapan.kuesioner.pertanyaan.get(kode="H2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Jawaban.objects.create(respons=respons, pertanyaan=h2, jenis="skala4", nilai=nilai)
    assert not Jawaban.objects.exists()


@pytest.mark.parametrize(("nilai", "diterima"), [(0, False), (1, True), (5, True), (6, False), (None, False)])
def test_the_database_checks_a_1_to_5_answer_against_its_scale(survei, unit, skm, nilai, diterima):
    respons = _respons(survei, unit)
    kepuasan = Pertanyaan.objects.create(
        kuesioner=skm, kode="kepuasan", kelompok="tambahan", jenis="skala5", teks="Puas?", urutan=97
    )
    if diterima:
        Jawaban.objects.create(respons=respons, pertanyaan=kepuasan, jenis="skala5", nilai=nilai)
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            Jawaban.objects.create(respons=respons, pertanyaan=kepuasan, jenis="skala5", nilai=nilai)
    assert Jawaban.objects.filter(pertanyaan=kepuasan).exists() == diterima


def test_the_database_rejects_an_answer_whose_kind_differs_from_its_question(survei_harapan, unit):
    respons = _respons(survei_harapan, unit)
    h2 = survei_harapan.kuesioner.pertanyaan.get(kode="H2")
    # A 5 would pass as a 1-5 answer: the kind must be the question's, not the writer's choice.
    with pytest.raises(IntegrityError), transaction.atomic():
        Jawaban.objects.create(respons=respons, pertanyaan=h2, jenis="skala5", nilai=5)
    assert not Jawaban.objects.filter(pertanyaan=h2).exists()


def test_the_database_rejects_changing_the_kind_of_an_answered_question(survei, unit, skm):
    simpan(survei, unit, {**SEMUA_TIGA, "usia": "30"})
    with pytest.raises(IntegrityError), transaction.atomic():
        Pertanyaan.objects.filter(kuesioner=skm, kode="usia").update(jenis="teks")
    assert skm.pertanyaan.get(kode="usia").jenis == "angka"
    # An unsur question is a 1-4 scale whatever its answers: its column holds 1-4 only.
    with pytest.raises(IntegrityError), transaction.atomic():
        Pertanyaan.objects.filter(kuesioner=skm, kode="U1").update(jenis="skala5")
    assert skm.pertanyaan.get(kode="U1").jenis == "skala4"


def test_the_database_rejects_a_second_response_with_the_same_key(survei, unit):
    respons = _respons(survei, unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        Respons.objects.create(
            survei=survei, unit=unit, sumber="online", waktu=respons.waktu, kunci=respons.kunci
        )


def test_answered_questions_and_surveys_with_responses_cannot_be_deleted(survei, unit, skm):
    simpan(survei, unit, {"U1": 1, "usia": "30"}, sumber="kertas")
    with pytest.raises(ProtectedError):
        skm.pertanyaan.get(kode="usia").delete()
    with pytest.raises(ProtectedError):
        survei.delete()


# The numbers the analysis groups by -------------------------------------------------------------------


def test_the_pattern_holds_each_unsurs_value_in_its_own_base_5_digit():
    assert isian_unsur({"U1": 4, "U3": 2, "U9": 1, "U5": None}) == {
        **dict.fromkeys(KOLOM_UNSUR),
        "u1": 4,
        "u3": 2,
        "u9": 1,
        "pola_unsur": 4 + 2 * 5**2 + 5**8,
        "jumlah_unsur": 7,
        "dijawab_unsur": 3,
    }
    assert isian_unsur({}) == {
        **dict.fromkeys(KOLOM_UNSUR),
        "pola_unsur": 0,
        "jumlah_unsur": 0,
        "dijawab_unsur": 0,
    }


def test_a_stored_response_carries_the_pattern_sum_and_count_of_its_unsur_answers(survei, unit):
    respons, _ = simpan(survei, unit, sumber="kertas", jawaban={"U1": "4", "U3": 2, "U9": "1", "usia": "40"})

    respons.refresh_from_db()
    assert (respons.pola_unsur, respons.jumlah_unsur, respons.dijawab_unsur) == (4 + 2 * 25 + 5**8, 7, 3)
    simpan(survei, unit)
    assert ringkasan_salah() == []


def test_harapan_answers_are_not_part_of_the_unsur_numbers(survei_harapan, unit):
    respons, _ = simpan(survei_harapan, unit, jawaban={**SEMUA_TIGA, **{f"H{i}": "4" for i in range(1, 10)}})

    respons.refresh_from_db()
    assert (respons.jumlah_unsur, respons.dijawab_unsur) == (27, 9)
    assert unsur_tersimpan(respons) == dict.fromkeys(KOLOM_UNSUR, 3)
    assert sorted(respons.jawaban.values_list("pertanyaan__kode", "nilai")) == [
        (f"H{i}", 4) for i in range(1, 10)
    ]
    assert ringkasan_salah() == []


@pytest.mark.parametrize("sumber", ["online", "kertas"])
def test_the_stored_response_returned_is_the_row_as_read_back(
    survei, unit, django_assert_num_queries, sumber
):
    # respons_simpan() builds its result without reading the row again: every field must be
    # there (no lazy query), equal to what the database holds, its survey and unit attached.
    jawaban = {"U1": 4, "U3": 2, "U9": 1} if sumber == "kertas" else dict.fromkeys(KODE_UNSUR, 3)
    respons, baru = simpan(survei, unit, jawaban=jawaban, sumber=sumber)
    assert baru
    dibaca = Respons.objects.get(pk=respons.pk)
    with django_assert_num_queries(0):
        nilai = {f.attname: getattr(respons, f.attname) for f in Respons._meta.concrete_fields}
        assert (respons.survei, respons.unit, respons.layanan) == (survei, unit, None)
    assert nilai == {f.attname: getattr(dibaca, f.attname) for f in Respons._meta.concrete_fields}
    assert respons == dibaca and not respons._state.adding
    respons.u2 = 1
    respons.save()
    dibaca.refresh_from_db()
    assert (dibaca.u2, dibaca.dijawab_unsur, Respons.objects.count()) == (
        1,
        len(jawaban) + (sumber == "kertas"),
        1,
    )


def test_a_response_saved_through_the_orm_gets_the_numbers_of_its_columns(survei, unit):
    respons = Respons.objects.create(
        survei=survei, unit=unit, sumber="kertas", waktu=timezone.now(), kunci="k", u1=4, u3=2
    )
    assert (respons.pola_unsur, respons.jumlah_unsur, respons.dijawab_unsur) == (4 + 2 * 25, 6, 2)
    respons.u9 = 1
    respons.save(update_fields=["u9"])
    respons.refresh_from_db()
    assert (respons.pola_unsur, respons.jumlah_unsur, respons.dijawab_unsur) == (4 + 2 * 25 + 5**8, 7, 3)
    assert ringkasan_salah() == []


@pytest.mark.parametrize(
    "nilai",
    [
        {"pola_unsur": 2},
        {"jumlah_unsur": 2},
        {"dijawab_unsur": 2},
        {"dijawab_unsur": 0},
        {"pola_unsur": None},
        {"u2": 3},  # an answer changed without its summaries
        {"u1": None},
        {"pola_unsur": 1 + 5**9},  # a tenth base-5 digit
    ],
)
def test_the_database_rejects_summaries_that_are_not_those_of_the_answers(survei, unit, nilai):
    respons = _respons(survei, unit)  # u1 = 1: pola 1, jumlah 1, dijawab 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Respons.objects.filter(pk=respons.pk).update(**nilai)
    assert ringkasan_salah() == []


def test_a_bulk_writer_that_forgets_the_summaries_is_refused(survei, unit):
    # bulk_create() skips save(): without isian_unsur() the summaries keep their defaults
    # (0, 0, 0), which would drop the response from every analysis without a word.
    lupa = Respons(survei=survei, unit=unit, sumber="impor", waktu=timezone.now(), kunci="k", u1=4, u2=3)
    with pytest.raises(IntegrityError) as galat, transaction.atomic():
        Respons.objects.bulk_create([lupa])
    assert "respons_ringkasan_sesuai_unsur" in str(galat.value)
    assert not Respons.objects.exists()


# Migrations of stored responses -------------------------------------------------------------------
# Real migrations, backwards and forwards, on rows written with the models of the time (the
# historical models of the migration state). Transactional: SQLite alters tables only outside
# a transaction. Each test ends with every app migrated to its latest migration again.

M0003 = "0003_template_skm"
M0004 = "0004_respons_ringkasan_unsur"
M0005 = "0005_unsur_di_respons"


def migrasi_survei(nama: str) -> Any:
    """Migrate the survei app to migration `nama` (forwards or backwards); the models of that state."""
    tujuan = [("survei", nama)]
    MigrationExecutor(connection).migrate(tujuan)
    return MigrationExecutor(connection).loader.project_state(tujuan).apps


@pytest.fixture
def migrasi_kembali_ke_terakhir(transactional_db: None) -> Iterator[None]:
    yield
    eksekutor = MigrationExecutor(connection)
    eksekutor.migrate(eksekutor.loader.graph.leaf_nodes())


def kuesioner_lama(apps: Any, unit: UnitLayanan) -> tuple[Any, dict[str, Any]]:
    """An open survey of a questionnaire written with the models of `apps`: the nine unsur (the
    question for U3 coded otherwise: its answer goes by unsur, not by code), H1, usia."""
    kuesioner = apps.get_model("survei", "Kuesioner").objects.create(nama="Lama", kode="lama")
    buat = apps.get_model("survei", "Pertanyaan").objects.create
    pertanyaan = {
        k: buat(kuesioner=kuesioner, kode=k, kelompok="unsur", jenis="skala4", unsur=k, teks=k, urutan=i)
        for i, k in enumerate(KODE_UNSUR, start=1)
        if k != "U3"
    }
    pertanyaan["U3"] = buat(
        kuesioner=kuesioner,
        kode="lama_layanan",
        kelompok="unsur",
        jenis="skala4",
        unsur="U3",
        teks="U3",
        urutan=20,
    )
    pertanyaan["H1"] = buat(
        kuesioner=kuesioner, kode="H1", kelompok="harapan", jenis="skala4", unsur="U1", teks="H1", urutan=21
    )
    pertanyaan["usia"] = buat(
        kuesioner=kuesioner, kode="usia", kelompok="profil", jenis="angka", teks="Usia", urutan=22
    )
    survei = apps.get_model("survei", "Survei").objects.create(
        kuesioner=kuesioner,
        instansi_id=unit.instansi_id,
        judul="Lama",
        kode="lama",
        periode="2024",
        mulai=date(2024, 1, 1),
        selesai=date(2024, 12, 31),
        status="terbuka",
    )
    return survei, pertanyaan


def respons_lama(
    apps: Any,
    survei: Any,
    unit: UnitLayanan,
    pertanyaan: dict[str, Any],
    jawaban: dict[str, int],
    **kolom: Any,
) -> int:
    """A response stored the old way, every answer a Jawaban row; its id."""
    respons = apps.get_model("survei", "Respons").objects.create(
        survei=survei,
        unit_id=unit.pk,
        sumber="kertas",
        waktu=timezone.now(),
        kunci=services.kunci_baru(),
        **kolom,
    )
    Jawaban = apps.get_model("survei", "Jawaban")
    Jawaban.objects.bulk_create(
        Jawaban(respons=respons, pertanyaan=pertanyaan[k], jenis=pertanyaan[k].jenis, nilai=v)
        for k, v in jawaban.items()
    )
    return respons.pk


RINGKASAN = ("pola_unsur", "jumlah_unsur", "dijawab_unsur")


def ringkasan_dari(jawaban: dict[str, int]) -> tuple[int | None, ...]:
    isian = isian_unsur({k: v for k, v in jawaban.items() if k in KODE_UNSUR})
    return tuple(isian[k] for k in RINGKASAN)


@pytest.mark.django_db(transaction=True)
def test_migration_0004_fills_the_numbers_of_the_responses_stored_before_it(
    unit, migrasi_kembali_ke_terakhir
):
    apps = migrasi_survei(M0003)
    survei, pertanyaan = kuesioner_lama(apps, unit)
    isi = {
        "sebagian": {"U2": 3, "U5": 1, "usia": 30},
        "lengkap": {**dict.fromkeys(KODE_UNSUR, 3), "U3": 4, "U9": 1, "H1": 2},
        "tanpa_jawaban": {},
        "profil_saja": {"usia": 60},
    }
    pk = {nama: respons_lama(apps, survei, unit, pertanyaan, jawaban) for nama, jawaban in isi.items()}

    apps = migrasi_survei(M0004)

    tersimpan = {
        r[0]: r[1:] for r in apps.get_model("survei", "Respons").objects.values_list("pk", *RINGKASAN)
    }
    assert tersimpan == {pk[nama]: ringkasan_dari(jawaban) for nama, jawaban in isi.items()}
    assert tersimpan[pk["profil_saja"]] == (0, 0, 0)


@pytest.mark.django_db(transaction=True)
def test_migration_0005_moves_the_unsur_answers_into_the_response_and_back(unit, migrasi_kembali_ke_terakhir):
    apps = migrasi_survei(M0004)
    survei, pertanyaan = kuesioner_lama(apps, unit)
    isi = {
        "lengkap": {
            "U1": 1,
            "U2": 2,
            "U3": 3,
            "U4": 4,
            "U5": 1,
            "U6": 2,
            "U7": 3,
            "U8": 4,
            "U9": 1,
            "H1": 4,
            "usia": 41,
        },
        "sebagian": {"U3": 2, "U8": 4, "usia": 30},
        "profil_saja": {"usia": 25},
    }
    # The numbers as 0004 left them: filled by the writer, not filled (NULL), none to count.
    kolom: dict[str, dict[str, int | None]] = {
        "lengkap": dict(zip(RINGKASAN, ringkasan_dari(isi["lengkap"]), strict=True)),
        "sebagian": dict.fromkeys(RINGKASAN),
        "profil_saja": dict.fromkeys(RINGKASAN, 0),
    }
    pk = {
        nama: respons_lama(apps, survei, unit, pertanyaan, jawaban, **kolom[nama])
        for nama, jawaban in isi.items()
    }
    nama_dari = {v: k for k, v in pk.items()}
    kode_dari = {p.pk: k for k, p in pertanyaan.items()}

    def jawaban_tersimpan(apps: Any) -> dict[str, dict[str, int]]:
        hasil: dict[str, dict[str, int]] = {nama: {} for nama in pk}
        for respons_id, pertanyaan_id, jenis, nilai, teks in apps.get_model(
            "survei", "Jawaban"
        ).objects.values_list("respons_id", "pertanyaan_id", "jenis", "nilai", "teks"):
            assert (jenis, teks) == (pertanyaan[kode_dari[pertanyaan_id]].jenis, None)
            hasil[nama_dari[respons_id]][kode_dari[pertanyaan_id]] = nilai
        return hasil

    assert jawaban_tersimpan(apps) == isi

    apps = migrasi_survei(M0005)

    respons = {
        nama_dari[r["pk"]]: r
        for r in apps.get_model("survei", "Respons").objects.values("pk", *KOLOM_UNSUR, *RINGKASAN)
    }
    for nama, jawaban in isi.items():
        assert {k: respons[nama][k] for k in KOLOM_UNSUR} == {k.lower(): jawaban.get(k) for k in KODE_UNSUR}
        assert tuple(respons[nama][k] for k in RINGKASAN) == ringkasan_dari(jawaban)
    assert jawaban_tersimpan(apps) == {
        nama: {k: v for k, v in j.items() if k not in KODE_UNSUR} for nama, j in isi.items()
    }

    apps = migrasi_survei(M0004)

    assert jawaban_tersimpan(apps) == isi
    ringkasan = {
        r[0]: r[1:] for r in apps.get_model("survei", "Respons").objects.values_list("pk", *RINGKASAN)
    }
    assert ringkasan == {pk[nama]: ringkasan_dari(jawaban) for nama, jawaban in isi.items()}


def test_a_questionnaire_asks_each_unsur_once(skm):
    """Each unsur has one column in the response: a second question for it would have nowhere to go."""
    kuesioner = Kuesioner.objects.create(nama="Buatan sendiri", kode="buatan")
    unsur_u1 = {"kuesioner": kuesioner, "kelompok": "unsur", "jenis": "skala4", "unsur": "U1"}
    Pertanyaan.objects.create(**unsur_u1, kode="U1", teks="Persyaratan", urutan=1)
    with pytest.raises(IntegrityError) as e, transaction.atomic():
        Pertanyaan.objects.create(**unsur_u1, kode="syarat", teks="Syarat lagi", urutan=2)
    if connection.vendor == "postgresql":
        assert "pertanyaan_satu_per_unsur" in str(e.value)
    else:  # SQLite names the columns of the unique index, not the index
        assert "survei_pertanyaan.kuesioner_id, survei_pertanyaan.unsur" in str(e.value)
    # Its harapan item, and the same unsur in another questionnaire, are other questions.
    Pertanyaan.objects.create(
        kuesioner=kuesioner,
        kode="H1",
        kelompok="harapan",
        jenis="skala4",
        unsur="U1",
        teks="Penting?",
        urutan=3,
    )
    assert skm.pertanyaan.filter(unsur="U1", kelompok="unsur").exists()
    assert list(kuesioner.pertanyaan.values_list("kode", flat=True)) == ["U1", "H1"]


# Survey runs ------------------------------------------------------------------------------------------


def test_a_new_survey_is_a_draft_with_a_short_unambiguous_code(skm, unit):
    s = services.survei_buat(
        kuesioner=skm,
        instansi_unit=[(unit, 500)],
        judul="SKM",
        periode="Tahun 2025",
        mulai=date(2025, 1, 1),
        selesai=date(2025, 12, 31),
        pengguna=None,
    )
    assert s.status == "draft"
    assert len(s.kode) == 7 and not set(s.kode) & set("01ilo")
    assert s.survei_unit.get().populasi == 500


def test_opening_and_closing_follow_the_workflow(survei):
    with pytest.raises(KesalahanSurvei):
        services.survei_buka(survei=survei)
    ditutup = services.survei_tutup(survei=survei)
    assert ditutup.status == "ditutup" and ditutup.ditutup_pada
    with pytest.raises(KesalahanSurvei):
        services.survei_tutup(survei=ditutup)
    assert services.survei_buka(survei=ditutup).status == "terbuka"


def test_a_survey_cannot_mix_units_of_two_instansi(skm, unit, unit_instansi_lain):
    with pytest.raises(KesalahanSurvei):
        services.survei_buat(
            kuesioner=skm,
            instansi_unit=[(unit, None), (unit_instansi_lain, None)],
            judul="SKM",
            periode="2025",
            mulai=date(2025, 1, 1),
            selesai=date(2025, 12, 31),
            pengguna=None,
        )
    assert not Survei.objects.exists()


def test_a_number_too_large_for_the_database_is_a_clear_message(survei, unit, skm):
    Pertanyaan.objects.create(
        kuesioner=skm,
        kode="jumlah_kunjungan",
        kelompok="tambahan",
        jenis="angka",
        teks="Berapa kali?",
        urutan=98,
    )
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, {**SEMUA_TIGA, "jumlah_kunjungan": "3000000000"})
    assert e.value.kesalahan["jumlah_kunjungan"] == ["Isi dengan bilangan bulat."]
    assert Respons.objects.count() == 0


def test_text_with_a_nul_character_is_refused_before_the_database_sees_it(survei, unit, skm):
    Pertanyaan.objects.create(
        kuesioner=skm, kode="saran", kelompok="tambahan", jenis="teks", teks="Saran Anda", urutan=99
    )
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, {**SEMUA_TIGA, "saran": "bagus\x00"}, sumber="kertas")
    assert e.value.kesalahan["saran"]
    assert Respons.objects.count() == 0


def test_a_survey_closed_after_it_was_loaded_accepts_nothing(survei, unit):
    Survei.objects.filter(pk=survei.pk).update(status="ditutup")  # closed by someone else
    with pytest.raises(KesalahanSurvei):
        simpan(survei, unit)  # the caller still holds the object that says "terbuka"
    assert Respons.objects.count() == 0

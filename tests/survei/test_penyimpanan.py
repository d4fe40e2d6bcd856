"""How responses are checked and stored: one service for every source, the database as the
last line of defence, one response per rendered form."""

from dataclasses import replace
from importlib import import_module

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError

from survei import services
from survei.models import Jawaban, Kuesioner, Pertanyaan, Respons, Survei, ringkasan_unsur
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
    from datetime import date

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
    tersimpan = dict(respons.jawaban.values_list("pertanyaan__kode", "nilai"))
    assert tersimpan["U4"] == 4 and tersimpan["U1"] == 3 and tersimpan["usia"] == 34
    assert respons.jawaban.get(pertanyaan__kode="jenis_kelamin").teks == "P"
    assert respons.jawaban.count() == 12


def test_the_returned_response_is_the_stored_row(survei, unit, petugas):
    from datetime import timedelta

    from django.utils import timezone

    waktu = timezone.now() - timedelta(days=2)
    respons, _ = simpan(survei, unit, sumber="kertas", waktu=waktu, dientri_oleh=petugas, kunci="kertas-1")

    tersimpan = Respons.objects.get()
    kolom = [f.attname for f in Respons._meta.concrete_fields]
    assert {k: getattr(respons, k) for k in kolom} == {k: getattr(tersimpan, k) for k in kolom}
    assert respons.waktu == waktu and respons.dientri_oleh_id == petugas.pk and respons.dijawab_unsur == 9
    assert not respons._state.adding


def test_the_same_form_posted_twice_stores_one_response(survei, unit):
    pertama, baru1 = simpan(survei, unit, kunci="formulir-123")
    kedua, baru2 = simpan(survei, unit, kunci="formulir-123")
    assert (baru1, baru2) == (True, False)
    assert pertama.pk == kedua.pk
    assert Respons.objects.count() == 1 and Jawaban.objects.count() == 9


def test_the_same_key_in_another_survey_is_another_response(survei, unit, skm):
    from datetime import date

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


def test_nothing_is_stored_when_an_answer_cannot_be_written(survei, unit, monkeypatch):
    periksa = services.respons_periksa

    def lolos_satu_nilai_salah(**kwargs):
        # As if a bug let a value through the checks: the database refuses that answer row.
        sah = periksa(**kwargs)
        salah = services.JawabanSah(sah.jawaban[-1].pertanyaan, 7, None)
        return replace(sah, jawaban=(*sah.jawaban[:-1], salah))

    monkeypatch.setattr(services, "respons_periksa", lolos_satu_nilai_salah)
    with pytest.raises(IntegrityError):
        simpan(survei, unit)
    assert Respons.objects.count() == 0
    assert Jawaban.objects.count() == 0


def test_paper_forms_may_leave_unsur_unanswered_but_citizens_online_may_not(survei, unit):
    sebagian = {"U1": "2", "U2": "3"}
    with pytest.raises(ValidasiRespons) as e:
        simpan(survei, unit, sebagian)
    assert set(e.value.kesalahan) == {"U3", "U4", "U5", "U6", "U7", "U8", "U9"}
    respons, _ = simpan(survei, unit, sebagian, sumber="kertas")
    assert respons.jawaban.count() == 2


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
    assert respons.jawaban.get(pertanyaan__kode="U3").nilai == 3


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


@pytest.mark.parametrize("nilai", [0, 5, -3, None])
def test_the_database_rejects_a_scale_value_outside_1_to_4(survei, unit, skm, nilai):
    respons = _respons(survei, unit)
    u2 = skm.pertanyaan.get(kode="U2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Jawaban.objects.create(respons=respons, pertanyaan=u2, jenis="skala4", nilai=nilai)


def test_the_database_rejects_an_answer_whose_kind_differs_from_its_question(survei, unit, skm):
    respons = _respons(survei, unit)
    u2 = skm.pertanyaan.get(kode="U2")
    # A 5 would pass as a 1-5 answer: the kind must be the question's, not the writer's choice.
    with pytest.raises(IntegrityError), transaction.atomic():
        Jawaban.objects.create(respons=respons, pertanyaan=u2, jenis="skala5", nilai=5)
    assert not Jawaban.objects.filter(pertanyaan=u2).exists()


def test_the_database_rejects_changing_the_kind_of_an_answered_question(survei, unit, skm):
    _respons(survei, unit)
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
    _respons(survei, unit)
    with pytest.raises(ProtectedError):
        skm.pertanyaan.get(kode="U1").delete()
    with pytest.raises(ProtectedError):
        survei.delete()


# The numbers the analysis groups by -------------------------------------------------------------------


def test_the_pattern_holds_each_unsurs_value_in_its_own_base_5_digit():
    assert ringkasan_unsur([("U1", 4), ("U3", 2), ("U9", 1)]) == (4 + 2 * 5**2 + 5**8, 7, 3)
    assert ringkasan_unsur([]) == (0, 0, 0)


def test_a_stored_response_carries_the_pattern_sum_and_count_of_its_unsur_answers(survei, unit):
    respons, _ = simpan(survei, unit, sumber="kertas", jawaban={"U1": "4", "U3": 2, "U9": "1", "usia": "40"})

    respons.refresh_from_db()
    assert (respons.pola_unsur, respons.jumlah_unsur, respons.dijawab_unsur) == (4 + 2 * 25 + 5**8, 7, 3)
    simpan(survei, unit)
    assert ringkasan_salah() == []


def test_harapan_answers_are_not_part_of_the_unsur_numbers(unit):
    from datetime import date

    s = services.survei_buka(
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
    respons, _ = simpan(s, unit, jawaban={**SEMUA_TIGA, **{f"H{i}": "4" for i in range(1, 10)}})

    respons.refresh_from_db()
    assert (respons.jumlah_unsur, respons.dijawab_unsur) == (27, 9)
    assert ringkasan_salah() == []


@pytest.mark.parametrize(
    "nilai",
    [
        {"pola_unsur": None},  # partly filled
        {"dijawab_unsur": None},
        {"jumlah_unsur": 13},  # above 4 x answered
        {"jumlah_unsur": 2},  # below 1 x answered
        {"dijawab_unsur": -1},
    ],
)
def test_the_database_rejects_numbers_that_cannot_come_from_answers(survei, unit, nilai):
    respons = _respons(survei, unit)
    Respons.objects.filter(pk=respons.pk).update(pola_unsur=5, jumlah_unsur=3, dijawab_unsur=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Respons.objects.filter(pk=respons.pk).update(**nilai)


def test_the_migration_fills_the_numbers_of_the_responses_stored_before_it(survei, unit, skm):
    migrasi = import_module("survei.migrations.0004_respons_ringkasan_unsur")
    simpan(survei, unit, sumber="kertas", jawaban={"U2": 3, "U5": 1, "usia": "30"})
    simpan(survei, unit)
    tanpa_unsur = _respons(survei, unit)
    Jawaban.objects.filter(respons=tanpa_unsur).delete()
    Respons.objects.update(pola_unsur=None, jumlah_unsur=None, dijawab_unsur=None)

    class Penyunting:  # the one method of a schema editor the migration uses
        def execute(self, sql: str) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql)

    migrasi.isi(None, Penyunting())

    assert ringkasan_salah() == []
    assert Respons.objects.get(pk=tanpa_unsur.pk).dijawab_unsur == 0


# Survey runs ------------------------------------------------------------------------------------------


def test_a_new_survey_is_a_draft_with_a_short_unambiguous_code(skm, unit):
    from datetime import date

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
    from datetime import date

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

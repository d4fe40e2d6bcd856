"""The cheap submission path of /s/<kode>/: what it costs in queries, and that its shortcuts
(the per-process copy of the survey in survei.cache, the POST read without building the form,
no key lookup before storing) keep every guarantee of the full path. Speed itself is measured
by benchmarks/bench_survei_kirim.py, never here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client

from organisasi.models import Instansi, Layanan, UnitLayanan
from survei import cache as survei_cache
from survei.forms.publik import FormulirSurvei, jawaban_dari_post, kunci_tandatangani, layanan_dari_post
from survei.models import Kuesioner, Pertanyaan, Respons, Survei, SurveiUnit
from survei.services import ValidasiRespons, kunci_baru, respons_simpan
from tests.factories import UnitLayananFactory
from tests.survei.conftest_publik import *  # noqa: F403
from tests.survei.conftest_publik import ambil_kunci, buka_formulir, isian, jumlah_tersimpan, url_isi

pytestmark = pytest.mark.django_db

JumlahQuery = Callable[..., Any]


@pytest.fixture(autouse=True)
def _salinan_kosong() -> Iterator[None]:
    survei_cache.kosongkan()
    yield
    survei_cache.kosongkan()


def kirim(client: Client, survei: Survei, data: dict[str, Any]) -> Any:
    return client.post(url_isi(survei, unit=data.get("unit", "")), data)


# Queries ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("profil", "jawaban"), [({}, 9), ({"j_jenis_kelamin": "P", "j_usia": "34"}, 11)])
def test_a_correct_submission_costs_one_statement_and_two_on_sqlite_with_other_answers(
    client: Client,
    survei_skm: Survei,
    unit: UnitLayanan,
    django_assert_num_queries: JumlahQuery,
    profil: dict[str, str],
    jawaban: int,
) -> None:
    data = isian(buka_formulir(client, url_isi(survei_skm, unit=unit.pk)), unit=unit, **profil)

    # One statement (the status read again, the response with its unsur answers, on
    # PostgreSQL its other answers too), here inside the test's transaction, so within a
    # savepoint and its release; SQLite writes the other answers with a second statement.
    with django_assert_num_queries(4 if profil and connection.vendor == "sqlite" else 3):
        assert kirim(client, survei_skm, data).status_code == 303
    assert jumlah_tersimpan() == (1, jawaban)


def test_a_correct_submission_with_a_service_reads_the_chosen_service_once(
    client: Client,
    survei_skm: Survei,
    unit: UnitLayanan,
    layanan_akta: Layanan,
    django_assert_max_num_queries: JumlahQuery,
) -> None:
    data = isian(buka_formulir(client, url_isi(survei_skm, unit=unit.pk)), unit=unit, layanan=layanan_akta.pk)

    with django_assert_max_num_queries(4 if connection.vendor == "postgresql" else 5):
        assert kirim(client, survei_skm, data).status_code == 303
    assert Respons.objects.get().layanan == layanan_akta


def test_the_form_page_reads_nothing_once_the_survey_is_known(
    client: Client,
    survei_skm: Survei,
    unit: UnitLayanan,
    layanan_akta: Layanan,
    django_assert_num_queries: JumlahQuery,
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    client.get(alamat)

    # Survey, units, their services and questions come from this process's copy.
    with django_assert_num_queries(0):
        halaman = client.get(alamat)
    assert halaman.status_code == 200 and "Akta Kelahiran" in halaman.content.decode()


def test_the_first_request_of_a_process_reads_the_survey_units_and_questions(
    client: Client, survei_skm: Survei, unit: UnitLayanan, django_assert_max_num_queries: JumlahQuery
) -> None:
    data = isian(kunci_tandatangani(kunci_baru()), unit=unit)

    with django_assert_max_num_queries(8):
        assert kirim(client, survei_skm, data).status_code == 303


# The kept page --------------------------------------------------------------------------------------


def token_csrf(html: str) -> str:
    cocok = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert cocok
    return cocok.group(1)


def test_the_kept_empty_page_gives_every_visitor_their_own_key_and_csrf_token(
    survei_skm: Survei, unit: UnitLayanan
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    pertama, kedua = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    a, b = pertama.get(alamat), kedua.get(alamat)

    assert a.templates and not b.templates  # the second page came from the cache
    html_a, html_b = a.content.decode(), b.content.decode()
    assert ambil_kunci(html_a) != ambil_kunci(html_b) and token_csrf(html_a) != token_csrf(html_b)
    assert "csrftoken" in b.cookies
    assert re.sub(r'value="[^"]+"', "", html_a) == re.sub(r'value="[^"]+"', "", html_b)
    for klien, html in ((pertama, html_a), (kedua, html_b)):
        data = {**isian(ambil_kunci(html), unit=unit), "csrfmiddlewaretoken": token_csrf(html)}
        assert klien.post(alamat, data).status_code == 303
    assert jumlah_tersimpan() == (2, 18)
    assert Respons.objects.values("kunci").distinct().count() == 2


def test_the_kept_page_is_never_served_to_a_signed_in_visitor_or_to_another_language(
    client: Client, survei_skm: Survei, unit: UnitLayanan, warga: Any, masuk: Callable[..., Client]
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    anonim = client.get(alamat).content.decode()
    masuk_warga = masuk(warga).get(alamat)

    assert masuk_warga.templates
    assert warga.email in masuk_warga.content.decode() and warga.email not in anonim
    client.cookies["django_language"] = "en"
    assert "How fast was the service delivered?" in client.get(alamat).content.decode()


def test_an_address_other_than_the_canonical_one_is_rendered_for_itself(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    client.get(alamat)

    lain = client.get(f"{alamat}&utm_source=poster")

    assert lain.templates
    assert f'name="next" value="{alamat}&amp;utm_source=poster"' in lain.content.decode()


def test_the_kept_page_follows_a_change_of_the_survey_title(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    client.get(alamat)
    survei_skm.judul = "Survei dengan judul baru"
    survei_skm.save()  # this process drops its copy of the survey, and with it the kept page

    assert "Survei dengan judul baru" in client.get(alamat).content.decode()


# The copy of the survey ----------------------------------------------------------------------------


def test_a_survey_closed_by_another_process_stores_nothing_and_is_then_shown_closed(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    data = isian(buka_formulir(client, alamat), unit=unit)
    # update() sends no signal: this process's copy still says "open", as another process's would.
    Survei.objects.filter(pk=survei_skm.pk).update(status=Survei.Status.DITUTUP)

    respons = kirim(client, survei_skm, data)

    assert respons.status_code == 410
    assert "Survei sudah ditutup" in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)
    assert client.get(alamat).status_code == 410


def test_a_survey_opened_after_a_visit_to_its_draft_is_open_at_once(
    client: Client, survei_draft: Survei, unit: UnitLayanan
) -> None:
    alamat = url_isi(survei_draft, unit=unit.pk)
    assert client.get(alamat).status_code == 404

    Survei.objects.filter(pk=survei_draft.pk).update(status=Survei.Status.TERBUKA)

    assert client.get(alamat).status_code == 200


def test_a_unit_added_to_an_open_survey_is_found_at_once(
    client: Client, survei_satu_unit: Survei, unit: UnitLayanan, instansi: Instansi
) -> None:
    client.get(url_isi(survei_satu_unit, unit=unit.pk))
    baru = UnitLayananFactory.create(instansi=instansi, nama="Unit yang baru ditambahkan")
    SurveiUnit.objects.bulk_create([SurveiUnit(survei=survei_satu_unit, unit=baru)])  # no signal

    data = isian(buka_formulir(client, url_isi(survei_satu_unit, unit=baru.pk)), unit=baru)

    assert kirim(client, survei_satu_unit, data).status_code == 303
    assert Respons.objects.get().unit == baru


def test_a_service_switched_off_elsewhere_is_refused_even_while_the_copy_offers_it(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_akta: Layanan, layanan_ktp: Layanan
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    assert "Akta Kelahiran" in client.get(alamat).content.decode()
    # Switched off as another process would (no signal reaches this one): the copy may offer it
    # for up to UMUR_DETIK, but storing checks the chosen service against the database.
    Layanan.objects.filter(pk=layanan_akta.pk).update(aktif=False)
    data = isian(buka_formulir(client, alamat), unit=unit, layanan=layanan_akta.pk)
    respons = kirim(client, survei_skm, data)
    assert respons.status_code == 400
    assert "Pilih layanan dari unit layanan yang dipilih." in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)
    # A change this process makes through the ORM drops the copy at once.
    layanan_akta.refresh_from_db()
    layanan_akta.save()
    assert "Akta Kelahiran" not in client.get(alamat).content.decode()
    assert "KTP Elektronik" in client.get(alamat).content.decode()


def test_a_service_switched_on_shows_at_once_in_this_process(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_akta: Layanan
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    assert "Legalisir" not in client.get(alamat).content.decode()
    Layanan.objects.create(unit=unit, nama="Legalisir", aktif=True)
    assert "Legalisir" in client.get(alamat).content.decode()


def test_a_service_sent_for_a_unit_without_services_is_ignored_as_the_form_does(
    client: Client, survei_skm: Survei, unit_lain: UnitLayanan, layanan_akta: Layanan
) -> None:
    # Without an active service the form has no select, so a posted value means nothing.
    Layanan.objects.filter(unit=unit_lain).update(aktif=False)
    data = isian(buka_formulir(client, url_isi(survei_skm, unit=unit_lain.pk)), unit=unit_lain)
    data["layanan"] = str(layanan_akta.pk)

    assert kirim(client, survei_skm, data).status_code == 303
    assert Respons.objects.get().layanan is None


# Storing without looking the key up first -----------------------------------------------------------


def test_a_repeat_after_the_survey_closed_still_returns_the_stored_response(
    survei_skm: Survei, unit: UnitLayanan
) -> None:
    jawaban = {f"U{i}": "3" for i in range(1, 10)}
    pertama, baru = respons_simpan(
        survei=survei_skm, unit=unit, jawaban=jawaban, sumber="online", kunci="k-1"
    )
    Survei.objects.filter(pk=survei_skm.pk).update(status=Survei.Status.DITUTUP)

    # The caller's object still says "open"; the status read inside the transaction does not.
    kedua, baru_lagi = respons_simpan(
        survei=survei_skm, unit=unit, jawaban=jawaban, sumber="online", kunci="k-1"
    )

    assert (baru, baru_lagi) == (True, False)
    assert kedua.pk == pertama.pk
    assert jumlah_tersimpan() == (1, 9)


def test_a_repeat_whose_answers_would_now_be_refused_returns_the_stored_response(
    survei_skm: Survei, unit: UnitLayanan
) -> None:
    jawaban = {f"U{i}": "3" for i in range(1, 10)}
    pertama, _baru = respons_simpan(
        survei=survei_skm, unit=unit, jawaban=jawaban, sumber="online", kunci="k-2"
    )

    kedua, baru = respons_simpan(
        survei=survei_skm, unit=unit, jawaban={**jawaban, "U1": "9"}, sumber="online", kunci="k-2"
    )

    assert (kedua.pk, baru) == (pertama.pk, False)
    with pytest.raises(ValidasiRespons):
        respons_simpan(
            survei=survei_skm, unit=unit, jawaban={**jawaban, "U1": "9"}, sumber="online", kunci="k-3"
        )
    assert jumlah_tersimpan() == (1, 9)


@pytest.mark.parametrize("profil", [{}, {"usia": "34"}])
def test_a_repeat_inserts_nothing_and_the_database_raises_nothing(
    survei_skm: Survei, unit: UnitLayanan, profil: dict[str, str]
) -> None:
    jawaban = {**{f"U{i}": "3" for i in range(1, 10)}, **profil}
    pertama, _baru = respons_simpan(
        survei=survei_skm, unit=unit, jawaban=jawaban, sumber="online", kunci="k-4"
    )
    galat: list[Exception] = []

    def amati(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        try:
            return execute(sql, params, many, context)
        except Exception as e:
            galat.append(e)
            raise

    # No unique violation for the database to report and roll back: the INSERT skips the key.
    with connection.execute_wrapper(amati), transaction.atomic():
        kedua, baru = respons_simpan(
            survei=survei_skm, unit=unit, jawaban=jawaban, sumber="online", kunci="k-4"
        )
        assert jumlah_tersimpan() == (1, 9 + len(profil))  # the transaction is still usable
    assert (galat, baru, kedua.pk) == ([], False, pertama.pk)
    # Only its id was read; every other field loads on access, as stored.
    semua = {f.attname for f in Respons._meta.concrete_fields}
    assert kedua.get_deferred_fields() == semua - {"id"}
    assert {k: getattr(kedua, k) for k in sorted(semua)} == {k: getattr(pertama, k) for k in sorted(semua)}


# Reading the POST without the form -------------------------------------------------------------------


@pytest.fixture
def kuesioner_semua_jenis(instansi: Instansi) -> list[Pertanyaan]:
    """One question of every kind the form draws."""
    kuesioner = Kuesioner.objects.create(nama="Semua jenis", kode="semua-jenis", instansi=instansi)
    buat = kuesioner.pertanyaan.create
    label = ["Tidak", "Kurang", "Baik", "Sangat baik"]
    buat(
        kode="U1",
        kelompok="unsur",
        jenis="skala4",
        unsur="U1",
        urutan=1,
        wajib=True,
        teks="?",
        label_nilai=label,
    )
    buat(
        kode="lima",
        kelompok="tambahan",
        jenis="skala5",
        urutan=2,
        teks="?",
        label_nilai=[*label, "Luar biasa"],
    )
    pilihan = [{"kode": "wa", "label": "WhatsApp"}, {"kode": "loket", "label": "Loket"}]
    buat(kode="satu", kelompok="tambahan", jenis="pilihan_tunggal", urutan=3, teks="?", pilihan=pilihan)
    buat(kode="kanal", kelompok="tambahan", jenis="pilihan_ganda", urutan=4, teks="?", pilihan=pilihan)
    buat(kode="angka", kelompok="tambahan", jenis="angka", urutan=5, teks="?", angka_min=1, angka_maks=9)
    buat(kode="saran", kelompok="tambahan", jenis="teks", urutan=6, teks="?")
    return list(kuesioner.pertanyaan.order_by("urutan"))


_NILAI_TUNGGAL = [
    "",
    " ",
    "3",
    " 3 ",
    "7",
    "abc",
    "3\x00",
    "\x00",
    "9" * 30,
    str(2**31),
    "-5",
    "wa",
    " wa",
    "٣",
]
_NILAI_GANDA: list[list[str]] = [
    [],
    [""],
    ["wa"],
    ["wa", "wa"],
    ["loket", "wa"],
    [" wa"],
    ["tv"],
    ["wa", "tv"],
    ["wa|loket"],
]


def _kasus() -> Iterator[list[tuple[str, str]]]:
    for nilai in _NILAI_TUNGGAL:
        for kode in ("U1", "lima", "satu", "angka", "saran"):
            yield [(f"j_{kode}", nilai)]
        yield [("j_U1", "2"), ("j_U1", nilai)]  # a repeated field: the last value counts
    for daftar in _NILAI_GANDA:
        yield [("j_U1", "4"), *(("j_kanal", k) for k in daftar)]
    yield [
        ("j_U1", "4"),
        ("j_lima", "5"),
        ("j_satu", "loket"),
        ("j_kanal", "wa"),
        ("j_angka", " 7 "),
        ("j_saran", " x "),
    ]


@pytest.mark.parametrize("pasangan", list(_kasus()), ids=repr)
def test_the_quick_reading_of_a_post_is_exactly_the_forms(
    kuesioner_semua_jenis: list[Pertanyaan], pasangan: list[tuple[str, str]]
) -> None:
    data = QueryDict(mutable=True)
    for nama, nilai in pasangan:
        data.appendlist(nama, nilai)

    cepat = jawaban_dari_post(data, kuesioner_semua_jenis)
    form = FormulirSurvei(data, pertanyaan=kuesioner_semua_jenis, layanan=[], bawaan=False)

    if cepat is None:
        assert not form.is_valid()
    else:
        assert form.is_valid(), form.errors
        assert cepat == form.jawaban()


@pytest.mark.parametrize(
    "nilai", [None, "", "akta", "ktp", " akta", "akta ", "1.0", "-1", "abc", "lain", "99999999999"]
)
def test_the_quick_reading_of_the_service_is_exactly_the_forms(
    unit: UnitLayanan, layanan_akta: Layanan, layanan_ktp: Layanan, layanan_lain: Layanan, nilai: str | None
) -> None:
    nyata = {"akta": layanan_akta.pk, "ktp": layanan_ktp.pk, "lain": layanan_lain.pk}
    data = QueryDict(mutable=True)
    if nilai is not None:
        kunci = nilai.strip()
        data["layanan"] = nilai.replace(kunci, str(nyata[kunci])) if kunci in nyata else nilai
    pilihan = [layanan_akta, layanan_ktp]

    for daftar in (pilihan, []):
        sah, terpilih = layanan_dari_post(data, daftar)
        form = FormulirSurvei(data, pertanyaan=[], layanan=daftar, bawaan=False)
        assert sah == form.is_valid()
        if sah:
            assert (terpilih.pk if terpilih else None) == form.layanan_terpilih()


# The prepared statement (PostgreSQL) -------------------------------------------------------------


def _eksekusi_disiapkan() -> int:
    """How many times this connection executed the submission's prepared statements (with and
    without other answers than the unsur)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["%INSERT INTO survei_respons%"],
        )
        return int(cursor.fetchone()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
@pytest.mark.parametrize("siap", [True, False])
def test_on_postgresql_the_submission_statement_is_prepared_unless_switched_off(
    client: Client, survei_skm: Survei, unit: UnitLayanan, settings: Any, siap: bool
) -> None:
    settings.DB_PREPARED_STATEMENTS = siap
    sebelum = _eksekusi_disiapkan()
    for n in range(4):
        profil = {"j_usia": "34"} if n % 2 else {}
        data = isian(buka_formulir(client, url_isi(survei_skm, unit=unit.pk)), unit=unit, **profil)
        assert kirim(client, survei_skm, data).status_code == 303
        assert jumlah_tersimpan() == (n + 1, 9 * (n + 1) + (n + 1) // 2)
    assert _eksekusi_disiapkan() - sebelum == (4 if siap else 0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_while_queries_are_logged_the_submission_shows_its_sql(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    from django.test.utils import CaptureQueriesContext

    data = isian(buka_formulir(client, url_isi(survei_skm, unit=unit.pk)), unit=unit)
    with CaptureQueriesContext(connection) as kueri:
        assert kirim(client, survei_skm, data).status_code == 303
    assert any("INSERT INTO survei_respons" in (q["sql"] or "") for q in kueri.captured_queries)
    assert jumlah_tersimpan() == (1, 9)

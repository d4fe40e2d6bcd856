"""/kelola/<instansi>/survei/baru/: a draft survey from a questionnaire, at chosen units with
their estimated populations. Every bad input shows its error and stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import Instansi, UnitLayanan
from survei.models import Kuesioner, Survei, SurveiUnit
from tests.factories import UnitLayananFactory
from tests.survei.test_selectors import template_skm

Masuk = Callable[..., Client]
URL = reverse("survei:kelola_buat", kwargs={"instansi": "palembang"})


@pytest.fixture
def klien(evaluator: Pengguna, masuk: Masuk) -> Client:
    return masuk(evaluator, totp=True)


def data_survei(*unit_populasi: tuple[UnitLayanan, object], **nilai: object) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kuesioner": template_skm().pk,
        "judul": "SKM Disdukcapil",
        "periode": "Semester I 2025",
        "mulai": "2025-01-01",
        "selesai": "2025-06-30",
        "unit": [u.pk for u, _p in unit_populasi],
    }
    for u, populasi in unit_populasi:
        data[f"populasi_{u.pk}"] = populasi
    data.update(nilai)
    return data


def galat(respons: Any, bidang: str) -> list[str]:
    return list(respons.context["form"].errors.get(bidang, []))


# Who may open the page ----------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login(client: Client, instansi: Instansi) -> None:
    respons = client.get(URL)

    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("aktor", ["warga", "petugas", "evaluator_lain", "admin_lain"])
def test_others_are_refused(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest, instansi: Instansi
) -> None:
    assert masuk(request.getfixturevalue(aktor), totp=True).get(URL).status_code == 403


@pytest.mark.parametrize("aktor", ["evaluator", "admin_instansi", "superuser"])
def test_evaluators_admins_and_superusers_get_the_form(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).get(URL)

    html = respons.content.decode()
    assert respons.status_code == 200
    assert unit.nama in html and unit_lain.nama in html
    assert f'name="populasi_{unit.pk}"' in html


def test_unknown_instansi_is_not_found(klien: Client) -> None:
    url = reverse("survei:kelola_buat", kwargs={"instansi": "tidak-ada"})

    assert klien.get(url).status_code == 404


def test_it_offers_the_built_in_templates_and_the_instansis_own_questionnaires(
    klien: Client, instansi: Instansi, instansi_lain: Instansi
) -> None:
    milik = Kuesioner.objects.create(nama="SKM Palembang plus", kode="skm-plg", instansi=instansi)
    Kuesioner.objects.create(nama="SKM Jambi", kode="skm-jambi", instansi=instansi_lain)

    pilihan = set(klien.get(URL).context["form"].fields["kuesioner"].queryset)

    assert pilihan == set(Kuesioner.objects.filter(bawaan=True)) | {milik}


def test_it_lists_only_units_still_active(klien: Client, instansi: Instansi, unit: UnitLayanan) -> None:
    UnitLayananFactory.create(instansi=instansi, nama="Kantor yang dibubarkan", aktif_sampai=date(2020, 1, 1))

    html = klien.get(URL).content.decode()

    assert unit.nama in html
    assert "Kantor yang dibubarkan" not in html


# Creating -----------------------------------------------------------------------------------


def test_it_stores_a_draft_survey_with_its_units_and_populations(
    klien: Client, evaluator: Pengguna, instansi: Instansi, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    respons = klien.post(URL, data_survei((unit, "1000"), (unit_lain, "")), follow=True)

    survei = Survei.objects.get()
    assert respons.redirect_chain == [(reverse("survei:kelola_detail", kwargs={"kode": survei.kode}), 302)]
    assert "Survei dibuat sebagai draf." in respons.content.decode()
    assert survei.status == Survei.Status.DRAFT
    assert (survei.instansi, survei.kuesioner, survei.dibuat_oleh) == (instansi, template_skm(), evaluator)
    assert (survei.judul, survei.periode) == ("SKM Disdukcapil", "Semester I 2025")
    assert (survei.mulai, survei.selesai) == (date(2025, 1, 1), date(2025, 6, 30))
    assert dict(survei.survei_unit.values_list("unit", "populasi")) == {unit.pk: 1000, unit_lain.pk: None}


def test_it_stores_only_the_checked_units(klien: Client, unit: UnitLayanan, unit_lain: UnitLayanan) -> None:
    klien.post(URL, data_survei((unit, "250")))

    assert list(SurveiUnit.objects.values_list("unit", "populasi")) == [(unit.pk, 250)]


def test_a_unit_that_ended_before_the_start_is_still_offered_for_an_earlier_period(
    klien: Client, instansi: Instansi
) -> None:
    lama = UnitLayananFactory.create(instansi=instansi, aktif_sampai=date(2025, 3, 31))

    klien.post(URL, data_survei((lama, "")))

    assert list(SurveiUnit.objects.values_list("unit", flat=True)) == [lama.pk]


# Bad input ----------------------------------------------------------------------------------


def test_end_before_start_is_refused(klien: Client, unit: UnitLayanan) -> None:
    respons = klien.post(URL, data_survei((unit, "100"), selesai="2024-12-31"))

    assert respons.status_code == 200
    assert galat(respons, "selesai") == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in respons.content.decode()
    assert not Survei.objects.exists()


def test_no_unit_chosen_is_refused(klien: Client, unit: UnitLayanan) -> None:
    respons = klien.post(URL, data_survei())

    assert galat(respons, "unit") == ["Pilih paling sedikit satu unit layanan."]
    assert "Pilih paling sedikit satu unit layanan." in respons.content.decode()
    assert not Survei.objects.exists()


def test_a_unit_of_another_instansi_is_refused(
    klien: Client, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    respons = klien.post(URL, data_survei((unit, "100"), (unit_instansi_lain, "100")))

    assert galat(respons, "unit") == [
        f"Unit layanan {unit_instansi_lain.pk} tidak dapat dipilih: unit itu bukan milik instansi ini atau "
        "sudah tidak aktif pada tanggal mulai survei."
    ]
    assert not Survei.objects.exists()
    assert not SurveiUnit.objects.exists()


def test_a_unit_that_ended_before_the_start_is_refused(klien: Client, instansi: Instansi) -> None:
    lama = UnitLayananFactory.create(instansi=instansi, aktif_sampai=date(2024, 12, 31))

    respons = klien.post(URL, data_survei((lama, "")))

    assert "sudah tidak aktif pada tanggal mulai survei" in galat(respons, "unit")[0]
    assert not Survei.objects.exists()


def test_a_unit_id_that_is_not_a_number_is_refused(klien: Client, unit: UnitLayanan) -> None:
    respons = klien.post(URL, data_survei(unit=["abc"]))

    assert galat(respons, "unit") == ["“abc” bukan unit layanan yang dikenal."]
    assert not Survei.objects.exists()


@pytest.mark.parametrize("populasi", ["-5", "0", "1,5", "banyak"])
def test_a_population_that_is_not_a_positive_whole_number_is_refused(
    populasi: str, klien: Client, unit: UnitLayanan
) -> None:
    respons = klien.post(URL, data_survei((unit, populasi)))

    assert galat(respons, f"populasi_{unit.pk}") == [
        "Isi dengan bilangan bulat paling sedikit 1, atau kosongkan bila belum diketahui."
    ]
    assert "Isi dengan bilangan bulat paling sedikit 1" in respons.content.decode()
    assert not Survei.objects.exists()


def test_a_population_for_an_unchecked_unit_is_pointed_out(
    klien: Client, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    data = data_survei((unit, "100"))
    data[f"populasi_{unit_lain.pk}"] = "300"

    respons = klien.post(URL, data)

    assert galat(respons, f"populasi_{unit_lain.pk}") == [
        "Unit ini tidak dicentang: centang unitnya, atau kosongkan populasinya."
    ]
    assert not Survei.objects.exists()


def test_a_questionnaire_of_another_instansi_is_refused(
    klien: Client, unit: UnitLayanan, instansi_lain: Instansi
) -> None:
    asing = Kuesioner.objects.create(nama="SKM Jambi", kode="skm-jambi", instansi=instansi_lain)

    respons = klien.post(URL, data_survei((unit, "100"), kuesioner=asing.pk))

    assert galat(respons, "kuesioner") == ["Pilih kuesioner bawaan atau kuesioner milik instansi ini."]
    assert not Survei.objects.exists()


@pytest.mark.parametrize("bidang", ["judul", "periode", "mulai", "selesai"])
def test_a_missing_required_field_is_refused(bidang: str, klien: Client, unit: UnitLayanan) -> None:
    respons = klien.post(URL, data_survei((unit, "100"), **{bidang: ""}))

    assert galat(respons, bidang) == ["Bidang ini tidak boleh kosong."]
    assert not Survei.objects.exists()


def test_the_form_keeps_what_was_typed_after_an_error(klien: Client, unit: UnitLayanan) -> None:
    respons = klien.post(URL, data_survei((unit, "750"), selesai="2024-01-01"))

    html = respons.content.decode()
    assert 'value="SKM Disdukcapil"' in html
    assert f'name="populasi_{unit.pk}" value="750"' in html
    assert f'value="{unit.pk}"' in html and "checked" in html


@pytest.mark.parametrize("aktor", ["evaluator_lain", "petugas", "warga"])
def test_a_post_by_someone_without_rights_stores_nothing(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest, unit: UnitLayanan
) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).post(URL, data_survei((unit, "100")))

    assert respons.status_code == 403
    assert not Survei.objects.exists()

"""survei/admin.py: questionnaires, surveys and responses in the admin, scoped to the admin
instansi's instansi like the organisation's models."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import Instansi, UnitLayanan
from survei.models import Kuesioner, Pertanyaan, Respons, Survei
from survei.services import kunci_baru, respons_simpan
from tests.survei.test_selectors import buat_survei, tambah_respons, template_skm

Masuk = Callable[..., Client]


@pytest.fixture
def klien_admin(admin_instansi: Pengguna, masuk: Masuk) -> Client:
    return masuk(admin_instansi, totp=True)


@pytest.fixture
def klien_super(superuser: Pengguna, masuk: Masuk) -> Client:
    return masuk(superuser, totp=True)


def url_admin(model: type, aksi: str, *args: object) -> str:
    return reverse(f"admin:survei_{model._meta.model_name}_{aksi}", args=args)  # type: ignore[attr-defined]


def kuesioner_milik(instansi: Instansi, kode: str) -> Kuesioner:
    kuesioner = Kuesioner.objects.create(nama=f"Kuesioner {kode}", kode=kode, instansi=instansi)
    Pertanyaan.objects.create(
        kuesioner=kuesioner, kode="catatan", kelompok="tambahan", jenis="teks", teks="Saran Anda?", urutan=1
    )
    return kuesioner


# Questionnaires ----------------------------------------------------------------------------


def test_admin_instansi_sees_built_in_templates_and_his_own_questionnaires(
    klien_admin: Client, instansi: Instansi, instansi_lain: Instansi
) -> None:
    milik = kuesioner_milik(instansi, "plg")
    kuesioner_milik(instansi_lain, "jambi")

    daftar = set(klien_admin.get(url_admin(Kuesioner, "changelist")).context["cl"].result_list)

    assert daftar == set(Kuesioner.objects.filter(bawaan=True)) | {milik}


# django_db: the client fixture is requested by name inside the test, which pytest-django cannot
# see when it orders tests; unmarked, it could run after a transactional test emptied the table.
@pytest.mark.django_db
@pytest.mark.parametrize("aktor", ["klien_admin", "klien_super"])
def test_built_in_templates_are_read_only_for_everyone(aktor: str, request: pytest.FixtureRequest) -> None:
    klien: Client = request.getfixturevalue(aktor)
    template = template_skm()

    halaman = klien.get(url_admin(Kuesioner, "change", template.pk))
    kiriman = klien.post(
        url_admin(Kuesioner, "change", template.pk), {"nama": "Diubah", "kode": template.kode}
    )

    assert halaman.status_code == 200
    assert not halaman.context["has_change_permission"]
    assert kiriman.status_code == 403
    assert klien.post(url_admin(Kuesioner, "delete", template.pk), {"post": "yes"}).status_code == 403
    template.refresh_from_db()
    assert template.nama != "Diubah"


def test_admin_instansi_is_refused_another_instansis_questionnaire(
    klien_admin: Client, instansi_lain: Instansi
) -> None:
    asing = kuesioner_milik(instansi_lain, "jambi")

    assert klien_admin.get(url_admin(Kuesioner, "change", asing.pk)).status_code == 403


def test_admin_instansi_may_edit_his_unused_questionnaire(klien_admin: Client, instansi: Instansi) -> None:
    milik = kuesioner_milik(instansi, "plg")

    respons = klien_admin.get(url_admin(Kuesioner, "change", milik.pk))

    assert respons.status_code == 200
    assert respons.context["has_change_permission"]
    formset = respons.context["inline_admin_formsets"][0]
    assert formset.has_change_permission


def test_questions_of_a_questionnaire_in_use_are_read_only(
    klien_admin: Client, instansi: Instansi, unit: UnitLayanan
) -> None:
    milik = kuesioner_milik(instansi, "plg")
    Survei.objects.create(
        kuesioner=milik, instansi=instansi, judul="Uji", kode="abcdefg", periode="2025",
        mulai="2025-01-01", selesai="2025-12-31",
    )  # fmt: skip

    formset = klien_admin.get(url_admin(Kuesioner, "change", milik.pk)).context["inline_admin_formsets"][0]

    assert not formset.has_change_permission
    assert not formset.has_add_permission
    assert not formset.has_delete_permission


# Surveys ---------------------------------------------------------------------------------


def test_admin_instansi_sees_only_his_instansis_surveys(
    klien_admin: Client, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    milik = buat_survei((unit, 10))
    asing = buat_survei((unit_instansi_lain, 10))

    daftar = klien_admin.get(url_admin(Survei, "changelist")).context["cl"].result_list

    assert list(daftar) == [milik]
    assert klien_admin.get(url_admin(Survei, "change", asing.pk)).status_code == 403


def test_surveys_are_not_added_in_the_admin(klien_super: Client) -> None:
    assert klien_super.get(url_admin(Survei, "add")).status_code == 403


def test_the_units_offered_for_a_survey_are_those_of_its_instansi(
    klien_super: Client, unit: UnitLayanan, unit_lain: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    survei = buat_survei((unit, 10))

    formset = klien_super.get(url_admin(Survei, "change", survei.pk)).context["inline_admin_formsets"][0]

    assert set(formset.formset.form.base_fields["unit"].queryset) == {unit, unit_lain}


def test_admin_instansi_may_correct_a_population(klien_admin: Client, unit: UnitLayanan) -> None:
    survei = buat_survei((unit, 10))
    su = survei.survei_unit.get()
    data = {
        "judul": survei.judul, "periode": survei.periode, "mulai": "2025-01-01", "selesai": "2025-06-30",
        "survei_unit-TOTAL_FORMS": "1", "survei_unit-INITIAL_FORMS": "1",
        "survei_unit-MIN_NUM_FORMS": "0", "survei_unit-MAX_NUM_FORMS": "1000",
        "survei_unit-0-id": su.pk, "survei_unit-0-survei": survei.pk,
        "survei_unit-0-unit": unit.pk, "survei_unit-0-populasi": "1500",
    }  # fmt: skip

    respons = klien_admin.post(url_admin(Survei, "change", survei.pk), data)

    assert respons.status_code == 302, respons.context["errors"] if respons.context else respons
    su.refresh_from_db()
    assert su.populasi == 1500


# Responses -------------------------------------------------------------------------------


def test_responses_are_scoped_and_read_only(
    klien_admin: Client, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    milik = buat_survei((unit, None), buka=True)
    asing = buat_survei((unit_instansi_lain, None), buka=True)
    tambah_respons(milik, unit, 1)
    tambah_respons(asing, unit_instansi_lain, 1)
    respons_milik = Respons.objects.get(survei=milik)
    respons_asing = Respons.objects.get(survei=asing)

    daftar = klien_admin.get(url_admin(Respons, "changelist")).context["cl"].result_list
    halaman = klien_admin.get(url_admin(Respons, "change", respons_milik.pk))

    assert list(daftar) == [respons_milik]
    assert halaman.status_code == 200
    assert not halaman.context["has_change_permission"]
    assert "U1" in halaman.content.decode()
    assert klien_admin.post(url_admin(Respons, "change", respons_milik.pk), {}).status_code == 403
    assert (
        klien_admin.post(url_admin(Respons, "delete", respons_milik.pk), {"post": "yes"}).status_code == 403
    )
    assert klien_admin.get(url_admin(Respons, "change", respons_asing.pk)).status_code == 403
    assert Respons.objects.count() == 2


def test_a_response_shows_its_nine_unsur_answers_and_its_other_answers_below(
    klien_admin: Client, unit: UnitLayanan
) -> None:
    survei = buat_survei((unit, None), buka=True)
    nilai = {"U1": 1, "U2": 2, "U3": 3, "U4": 4, "U5": 4, "U6": 3, "U7": 2, "U8": 1, "U9": 3}
    respons, _baru = respons_simpan(
        survei=survei,
        unit=unit,
        jawaban={**nilai, "usia": "41"},
        sumber=Respons.Sumber.KERTAS,
        kunci=kunci_baru(),
    )

    halaman = klien_admin.get(url_admin(Respons, "change", respons.pk))

    assert halaman.status_code == 200
    form = halaman.context["adminform"]
    tampil = {f.field["label"]: f.contents() for kelompok in form for baris in kelompok for f in baris}
    assert {k: tampil[k] for k in nilai} == {k: str(v) for k, v in nilai.items()}
    (inline,) = halaman.context["inline_admin_formsets"]
    assert [f.form.instance.pertanyaan.kode for f in inline] == ["usia"]


@pytest.mark.parametrize("aktor", ["evaluator", "petugas"])
def test_users_without_an_admin_role_do_not_get_in(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest
) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).get(url_admin(Survei, "changelist"))

    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("admin:login"))


def test_admin_instansi_finds_the_survey_models_on_the_admin_index(klien_admin: Client) -> None:
    respons = klien_admin.get(reverse("admin:index"))

    survei = next(app for app in respons.context["app_list"] if app["app_label"] == "survei")
    assert {m["object_name"] for m in survei["models"]} == {"Kuesioner", "Survei", "Respons"}

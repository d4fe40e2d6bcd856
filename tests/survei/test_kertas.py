"""Keying in paper questionnaires: /kelola/survei/<kode>/kertas/ (survei:kertas)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import UnitLayanan
from survei.forms.berkas import kunci_bertanda
from survei.impor import ZONA, hari_ini
from survei.models import KOLOM_UNSUR, Jawaban, Respons, Survei
from tests.factories import LayananFactory
from tests.survei.data import survei_skm

Masuk = Callable[..., Client]


@pytest.fixture
def survei(unit: UnitLayanan, unit_lain: UnitLayanan) -> Survei:
    return survei_skm(unit=[unit, unit_lain])


def alamat(survei: Survei) -> str:
    return reverse("survei:kertas", args=[survei.kode])


def isian(survei: Survei, unit: UnitLayanan, **ubah: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": unit.pk,
        "tanggal": (hari_ini() - timedelta(days=2)).isoformat(),
        "kunci": kunci_bertanda(survei),
        **{f"j_U{i}": str(1 + i % 4) for i in range(1, 10)},
        "j_jenis_kelamin": "P",
        "j_usia": "34",
    }
    data.update(ubah)
    return data


def tidak_ada_yang_tersimpan() -> bool:
    return Respons.objects.count() == 0 and Jawaban.objects.count() == 0


def pesan(respons: Any) -> list[str]:
    return [str(m) for m in get_messages(respons.wsgi_request)]


# The form -----------------------------------------------------------------------------------


def test_form_has_compact_numeric_boxes_labelled_with_code_and_title(
    survei: Survei, petugas: Pengguna, masuk: Masuk
) -> None:
    html = masuk(petugas).get(alamat(survei)).content.decode()

    kotak = re.search(r'<input[^>]*name="j_U1"[^>]*>', html)
    assert kotak is not None
    assert 'inputmode="numeric"' in kotak.group()
    assert 'maxlength="1"' in kotak.group()
    assert 'autocomplete="off"' in kotak.group()
    assert "U1 Persyaratan" in html
    assert "U8 Penanganan Pengaduan, Saran dan Masukan" in html


def test_questions_come_in_the_papers_order_with_sarana_before_pengaduan(
    survei: Survei, petugas: Pengguna, masuk: Masuk
) -> None:
    html = masuk(petugas).get(alamat(survei)).content.decode()

    assert html.index('name="j_U7"') < html.index('name="j_U9"') < html.index('name="j_U8"')


def test_profile_choices_are_short_code_boxes_showing_the_allowed_codes(
    survei: Survei, petugas: Pengguna, masuk: Masuk
) -> None:
    html = masuk(petugas).get(alamat(survei)).content.decode()

    kotak = re.search(r'<input[^>]*name="j_jenis_kelamin"[^>]*>', html)
    assert kotak is not None
    assert 'maxlength="1"' in kotak.group()
    assert "L/P" in html


def test_a_petugas_sees_only_the_units_he_serves(survei: Survei, petugas: Pengguna, masuk: Masuk) -> None:
    html = masuk(petugas).get(alamat(survei)).content.decode()

    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert "Dinas Kesehatan" not in html


def test_an_evaluator_sees_every_unit_of_the_survey(
    survei: Survei, evaluator: Pengguna, masuk: Masuk
) -> None:
    html = masuk(evaluator, totp=True).get(alamat(survei)).content.decode()

    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert "Dinas Kesehatan" in html


# Saving -------------------------------------------------------------------------------------


def test_it_stores_the_sheet_as_a_paper_response_at_noon_jakarta_of_the_date_on_the_paper(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    tanggal = hari_ini() - timedelta(days=2)

    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, tanggal=tanggal.isoformat()))

    assert respons.status_code == 303
    r = Respons.objects.get()
    assert r.sumber == Respons.Sumber.KERTAS
    assert r.unit == unit
    assert r.dientri_oleh == petugas
    assert r.waktu == datetime.combine(tanggal, time(12, 0), tzinfo=ZONA)
    assert [getattr(r, k) for k in KOLOM_UNSUR] == [1 + i % 4 for i in range(1, 10)]
    jawaban = {j.pertanyaan.kode: j.nilai or j.teks for j in r.jawaban.select_related("pertanyaan")}
    assert jawaban == {"jenis_kelamin": "P", "usia": 34}


def test_after_saving_the_form_is_empty_but_keeps_unit_service_and_date(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    layanan = LayananFactory.create(unit=unit, nama="Akta Kelahiran")
    klien = masuk(petugas)
    tanggal = (hari_ini() - timedelta(days=1)).isoformat()

    respons = klien.post(
        alamat(survei), isian(survei, unit, layanan=layanan.pk, tanggal=tanggal), follow=True
    )

    html = respons.content.decode()
    assert re.search(rf'<option value="{unit.pk}" selected>', html)
    assert re.search(rf'<option value="{layanan.pk}" selected>', html)
    assert f'value="{tanggal}"' in html
    kotak = re.search(r'<input[^>]*name="j_U1"[^>]*>', html)
    assert kotak is not None
    assert "value=" not in kotak.group()
    assert "autofocus" in kotak.group()


def test_the_message_counts_the_paper_forms_keyed_in_today_for_the_unit(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    klien = masuk(petugas)
    klien.post(alamat(survei), isian(survei, unit))

    respons = klien.post(alamat(survei), isian(survei, unit), follow=True)

    assert "Tersimpan. 2 kuesioner kertas dientri hari ini untuk unit ini." in pesan(respons)


def test_the_same_sheet_posted_twice_is_stored_once(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    klien = masuk(petugas)
    data = isian(survei, unit)
    klien.post(alamat(survei), data)

    respons = klien.post(alamat(survei), data, follow=True)

    assert Respons.objects.count() == 1
    assert any("sudah tersimpan sebelumnya" in p for p in pesan(respons))


def test_lower_case_choice_codes_are_accepted(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    masuk(petugas).post(alamat(survei), isian(survei, unit, j_jenis_kelamin="l", j_pendidikan="s1"))

    kode = dict(Jawaban.objects.filter(teks__isnull=False).values_list("pertanyaan__kode", "teks"))
    assert kode == {"jenis_kelamin": "L", "pendidikan": "S1"}


def test_an_unanswered_unsur_is_stored_as_missing(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    masuk(petugas).post(alamat(survei), isian(survei, unit, j_U4=""))

    r = Respons.objects.get()
    assert (r.u3, r.u4, r.u5, r.dijawab_unsur) == (4, None, 2, 8)


def test_an_evaluator_can_key_in_for_any_unit_of_the_survey(
    survei: Survei, unit_lain: UnitLayanan, evaluator: Pengguna, masuk: Masuk
) -> None:
    respons = masuk(evaluator, totp=True).post(alamat(survei), isian(survei, unit_lain))

    assert respons.status_code == 303
    assert Respons.objects.get().unit == unit_lain


def test_a_petugas_of_a_parent_unit_keys_in_for_its_sub_unit(
    unit: UnitLayanan, unit_anak: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    survei = survei_skm(unit=[unit_anak])

    respons = masuk(petugas).post(alamat(survei), isian(survei, unit_anak))

    assert respons.status_code == 303
    assert Respons.objects.get().unit == unit_anak


# Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nilai", "pesan_galat"),
    [
        ("5", "Pilih salah satu nilai 1 sampai 4."),
        ("x", "Pilih salah satu nilai 1 sampai 4."),
        ("0", "1 sampai 4"),
    ],
)
def test_an_out_of_range_or_non_numeric_answer_is_shown_beside_its_box_and_nothing_is_stored(
    nilai: str, pesan_galat: str, survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, j_U3=nilai, j_U8="9"))

    assert respons.status_code == 200
    html = respons.content.decode()
    assert pesan_galat in html
    assert "Belum disimpan" in html
    bidang_u3 = respons.context["form"]["j_U3"]
    assert bidang_u3.errors and bidang_u3.value() == nilai
    assert respons.context["form"]["j_U8"].errors
    assert not respons.context["form"]["j_U1"].errors
    assert re.search(rf'name="j_U3" value="{nilai}"', html)
    assert tidak_ada_yang_tersimpan()


def test_a_wrong_choice_code_is_refused(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, j_jenis_kelamin="X"))

    assert respons.context["form"]["j_jenis_kelamin"].errors == ["Pilih salah satu pilihan yang tersedia."]
    assert tidak_ada_yang_tersimpan()


def test_a_sheet_without_any_unsur_answer_is_refused(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    kosong = {f"j_U{i}": "" for i in range(1, 10)}

    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, **kosong))

    assert "Jawab paling sedikit satu unsur pelayanan." in respons.content.decode()
    assert tidak_ada_yang_tersimpan()


@pytest.mark.parametrize("geser", [timedelta(days=-8), timedelta(days=8)])
def test_a_date_more_than_a_week_outside_the_period_is_refused(
    geser: timedelta, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    survei = survei_skm(
        unit=[unit], mulai=hari_ini() - timedelta(days=60), selesai=hari_ini() - timedelta(days=20)
    )
    tanggal = (survei.mulai if geser.days < 0 else survei.selesai) + geser

    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, tanggal=tanggal.isoformat()))

    galat = respons.context["form"]["tanggal"].errors
    assert galat and "periode survei" in galat[0]
    assert tidak_ada_yang_tersimpan()


def test_a_date_a_few_days_after_the_period_is_accepted(
    unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    survei = survei_skm(
        unit=[unit], mulai=hari_ini() - timedelta(days=60), selesai=hari_ini() - timedelta(days=20)
    )
    tanggal = survei.selesai + timedelta(days=7)

    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, tanggal=tanggal.isoformat()))

    assert respons.status_code == 303
    assert Respons.objects.count() == 1


def test_a_date_in_the_future_is_refused(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    besok = (hari_ini() + timedelta(days=1)).isoformat()

    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, tanggal=besok))

    assert respons.context["form"]["tanggal"].errors == ["Tanggal tidak boleh setelah hari ini."]
    assert tidak_ada_yang_tersimpan()


def test_a_unit_outside_the_survey_is_refused(
    survei: Survei, unit_instansi_lain: UnitLayanan, evaluator: Pengguna, masuk: Masuk
) -> None:
    respons = masuk(evaluator, totp=True).post(alamat(survei), isian(survei, unit_instansi_lain))

    assert respons.status_code == 200
    assert "Pilih unit layanan dari daftar" in respons.context["form"]["unit"].errors[0]
    assert tidak_ada_yang_tersimpan()


def test_a_petugas_posting_for_another_unit_of_the_survey_is_refused(
    survei: Survei, unit_lain: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    respons = masuk(petugas).post(alamat(survei), isian(survei, unit_lain))

    assert respons.status_code == 200
    assert "Pilih unit layanan dari daftar" in respons.context["form"]["unit"].errors[0]
    assert tidak_ada_yang_tersimpan()


def test_a_service_of_another_unit_is_refused(
    survei: Survei, unit: UnitLayanan, unit_lain: UnitLayanan, evaluator: Pengguna, masuk: Masuk
) -> None:
    layanan_lain = LayananFactory.create(unit=unit_lain, nama="Imunisasi")

    respons = masuk(evaluator, totp=True).post(alamat(survei), isian(survei, unit, layanan=layanan_lain.pk))

    assert respons.context["form"]["layanan"].errors == ["Pilih layanan dari unit layanan yang dipilih."]
    assert tidak_ada_yang_tersimpan()


@pytest.mark.parametrize("kunci", ["", "kunci-buatan-sendiri", "abc:tandatangan-palsu"])
def test_a_tampered_key_is_refused(
    kunci: str, survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, kunci=kunci))

    assert respons.status_code == 200
    assert respons.context["form"].errors
    assert tidak_ada_yang_tersimpan()


def test_a_key_signed_for_another_survey_is_refused(
    survei: Survei, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    lain = survei_skm(unit=[unit])

    respons = masuk(petugas).post(alamat(survei), isian(survei, unit, kunci=kunci_bertanda(lain)))

    assert "Formulir tidak dikenali" in respons.content.decode()
    assert tidak_ada_yang_tersimpan()


def test_a_post_without_csrf_token_is_refused(survei: Survei, unit: UnitLayanan, petugas: Pengguna) -> None:
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(petugas)

    respons = klien.post(alamat(survei), isian(survei, unit))

    assert respons.status_code == 403
    assert tidak_ada_yang_tersimpan()


@pytest.mark.parametrize("status", [Survei.Status.DRAFT, Survei.Status.DITUTUP])
def test_a_survey_that_is_not_open_says_so_and_stores_nothing(
    status: str, unit: UnitLayanan, petugas: Pengguna, masuk: Masuk
) -> None:
    survei = survei_skm(unit=[unit], status=status)
    klien = masuk(petugas)

    halaman = klien.get(alamat(survei))
    respons = klien.post(alamat(survei), isian(survei, unit))

    assert "Survei ini tidak sedang dibuka" in halaman.content.decode()
    assert 'name="j_U1"' not in halaman.content.decode()
    assert respons.status_code == 409
    assert "Survei ini tidak sedang dibuka" in respons.content.decode()
    assert tidak_ada_yang_tersimpan()


# Who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aktor", "status"),
    [
        ("petugas", 200),
        ("admin_instansi", 200),
        ("evaluator", 200),
        ("superuser", 200),
        ("warga", 403),
        ("petugas_lain_instansi", 403),
        ("evaluator_lain", 403),
        ("admin_lain", 403),
    ],
)
def test_who_may_open_the_paper_form(
    aktor: str, status: int, unit: UnitLayanan, masuk: Masuk, request: pytest.FixtureRequest
) -> None:
    survei = survei_skm(unit=[unit])
    if aktor == "petugas_lain_instansi":
        from tests.factories import PenggunaFactory, beri_peran

        pengguna = beri_peran(
            PenggunaFactory.create(), "petugas", unit=request.getfixturevalue("unit_instansi_lain")
        )
    else:
        pengguna = request.getfixturevalue(aktor)

    assert masuk(pengguna, totp=True).get(alamat(survei)).status_code == status


def test_a_petugas_of_a_unit_outside_the_survey_gets_403_and_stores_nothing(
    unit: UnitLayanan, petugas_lain: Pengguna, masuk: Masuk
) -> None:
    survei = survei_skm(unit=[unit])

    respons = masuk(petugas_lain).post(alamat(survei), isian(survei, unit))

    assert respons.status_code == 403
    assert tidak_ada_yang_tersimpan()


def test_an_anonymous_visitor_is_sent_to_sign_in(survei: Survei, client: Client) -> None:
    respons = client.get(alamat(survei))

    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("account_login"))


def test_an_unknown_survey_is_404(petugas: Pengguna, masuk: Masuk) -> None:
    assert masuk(petugas).get(reverse("survei:kertas", args=["tidakada"])).status_code == 404

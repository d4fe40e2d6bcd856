"""/s/<kode>/ on GET: which page a citizen gets, and the form itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from organisasi.models import Instansi, Layanan, UnitLayanan
from survei.forms.publik import kunci_buka
from survei.models import Kuesioner, Survei
from tests.survei.conftest_publik import *  # noqa: F403
from tests.survei.conftest_publik import _survei, ambil_kunci, jadikan_kios, url_isi, url_kios

pytestmark = pytest.mark.django_db

FIRST_LOAD_BUDGET_BYTES = 60 * 1024


def halaman(client: Client, alamat: str, status: int = 200) -> str:
    respons = client.get(alamat)
    assert respons.status_code == status
    return respons.content.decode()


def fieldset(html: str, kode: str) -> str:
    """The fieldset holding the answer inputs of one question."""
    for blok in re.findall(r"<fieldset.*?</fieldset>", html, re.S):
        if f'name="j_{kode}"' in blok:
            return blok
    raise AssertionError(f"no fieldset for {kode}")


# Which page -------------------------------------------------------------------------------------


def test_an_unknown_code_is_not_found(client: Client, db: None) -> None:
    halaman(client, "/s/tidakada/", status=404)


def test_a_draft_survey_is_not_found(client: Client, survei_draft: Survei, unit: UnitLayanan) -> None:
    halaman(client, url_isi(survei_draft, unit=unit.pk), status=404)


def test_a_closed_survey_says_so_with_410_and_shows_no_form(
    client: Client, survei_ditutup: Survei, unit: UnitLayanan
) -> None:
    html = halaman(client, url_isi(survei_ditutup, unit=unit.pk), status=410)

    assert "Survei sudah ditutup" in html
    assert "SKM yang sudah ditutup" in html
    assert '<form class="formulir"' not in html
    assert 'name="kunci"' not in html


def test_several_units_and_none_chosen_shows_the_units_as_links(
    client: Client, survei_skm: Survei, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    html = halaman(client, url_isi(survei_skm))

    assert "Unit layanan mana yang melayani Anda?" in html
    assert f'href="/s/{survei_skm.kode}/?unit={unit.pk}">Dinas Kependudukan dan Pencatatan Sipil</a>' in html
    assert f'href="/s/{survei_skm.kode}/?unit={unit_lain.pk}">Dinas Kesehatan</a>' in html
    assert 'name="kunci"' not in html


def test_a_single_unit_survey_goes_straight_to_the_form_without_a_change_link(
    client: Client, survei_satu_unit: Survei
) -> None:
    html = halaman(client, url_isi(survei_satu_unit))

    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert 'name="kunci"' in html
    assert "Ganti unit" not in html


@pytest.mark.parametrize("unit_id", ["abc", "999999", "-1", "99999999999999999999999", "1.5"])
def test_a_unit_that_is_not_in_the_survey_offers_the_survey_units_instead(
    client: Client, survei_skm: Survei, unit_id: str
) -> None:
    html = halaman(client, url_isi(survei_skm, unit=unit_id), status=404)

    assert "Pilih unit layanan yang termasuk dalam survei ini." in html
    assert "Unit layanan mana yang melayani Anda?" in html
    assert 'name="kunci"' not in html


def test_a_unit_of_another_survey_of_the_same_instansi_is_refused(
    client: Client, survei_satu_unit: Survei, unit_lain: UnitLayanan
) -> None:
    halaman(client, url_isi(survei_satu_unit, unit=unit_lain.pk), status=404)


# The form ----------------------------------------------------------------------------------------


def test_the_form_names_the_unit_and_links_back_to_the_unit_choice(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    html = halaman(client, url_isi(survei_skm, unit=unit.pk))

    assert "SKM Disdukcapil dan Dinkes" in html
    assert "Dinas Kependudukan dan Pencatatan Sipil" in html
    assert f'<a href="/s/{survei_skm.kode}/">Ganti unit</a>' in html
    assert f'<input type="hidden" name="unit" value="{unit.pk}">' in html


def test_every_unsur_is_a_fieldset_with_a_legend_and_its_value_labels_in_order(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    html = halaman(client, url_isi(survei_skm, unit=unit.pk))

    u1 = fieldset(html, "U1")
    assert "<legend>" in u1
    assert "kesesuaian persyaratan pelayanan dengan jenis pelayanannya" in u1
    labels = re.findall(r'<input type="radio" name="j_U1" value="(\d)" id="id_j_U1_\d">([^<]+)</label>', u1)
    assert labels == [("1", "Tidak sesuai"), ("2", "Kurang sesuai"), ("3", "Sesuai"), ("4", "Sangat sesuai")]
    assert re.findall(r'name="j_U8" value="4" id="id_j_U8_3">([^<]+)<', html) == ["Dikelola dengan baik"]


def test_the_questions_follow_the_questionnaire_order_with_sarana_before_pengaduan(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    html = halaman(client, url_isi(survei_skm, unit=unit.pk))

    urutan = list(dict.fromkeys(re.findall(r'name="j_(\w+)"', html)))
    assert urutan == [
        "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8",
        "jenis_kelamin", "usia", "pendidikan", "pekerjaan",
    ]  # fmt: skip


def test_profile_questions_come_last_under_a_heading_saying_they_are_optional(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    html = halaman(client, url_isi(survei_skm, unit=unit.pk))

    judul = html.index("Tentang Anda (boleh dikosongkan)")
    assert html.index('name="j_U8"') < judul < html.index('name="j_jenis_kelamin"')
    assert '<span class="wajib" aria-hidden="true">*</span>' not in fieldset(html, "pendidikan")
    assert '<span class="wajib" aria-hidden="true">*</span>' in fieldset(html, "U1")


def test_the_age_field_is_a_labelled_number_input(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    html = halaman(client, url_isi(survei_skm, unit=unit.pk))

    assert re.search(r'<label for="id_j_usia">11\. Usia \(tahun\)\s*</label>', html)
    usia = re.search(r'<input type="number" name="j_usia"[^>]*>', html)
    assert usia
    for atribut in ('id="id_j_usia"', 'min="10"', 'max="120"', 'inputmode="numeric"'):
        assert atribut in usia.group()


def test_the_service_select_lists_the_units_active_services_only(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_akta: Layanan, layanan_lain: Layanan
) -> None:
    Layanan.objects.create(unit=unit, nama="Layanan yang dihentikan", aktif=False)

    html = halaman(client, url_isi(survei_skm, unit=unit.pk))

    select = re.search(r'<select name="layanan".*?</select>', html, re.S)
    assert select
    assert '<label for="id_layanan">Layanan yang Anda terima</label>' in html
    assert "Akta Kelahiran" in select.group()
    assert "KTP Elektronik" in select.group()
    assert "Imunisasi Anak" not in select.group()
    assert "dihentikan" not in select.group()


def test_a_unit_without_services_has_no_service_select(
    client: Client, survei_skm: Survei, unit_lain: UnitLayanan, layanan_lain: Layanan
) -> None:
    layanan_lain.aktif = False
    layanan_lain.save()

    assert 'name="layanan"' not in halaman(client, url_isi(survei_skm, unit=unit_lain.pk))


def test_a_service_in_the_address_is_preselected(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_ktp: Layanan
) -> None:
    html = halaman(client, url_isi(survei_skm, unit=unit.pk, layanan=layanan_ktp.pk))

    assert f'<option value="{layanan_ktp.pk}" selected>KTP Elektronik</option>' in html


def test_a_service_of_another_unit_in_the_address_is_ignored(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_lain: Layanan
) -> None:
    html = halaman(client, url_isi(survei_skm, unit=unit.pk, layanan=layanan_lain.pk))

    select = re.search(r'<select name="layanan".*?</select>', html, re.S)
    assert select
    assert re.findall(r'<option value="([^"]*)" selected>', select.group()) == [""]


def test_the_form_carries_a_signed_fresh_key_a_honeypot_and_a_csrf_token(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    alamat = url_isi(survei_skm, unit=unit.pk)
    html = halaman(client, alamat)

    kunci = ambil_kunci(html)
    assert kunci_buka(kunci)
    assert kunci_buka(kunci + "x") is None
    assert ambil_kunci(halaman(client, alamat)) != kunci
    assert 'name="csrfmiddlewaretoken"' in html
    jebakan = re.search(r'<div class="jebakan" aria-hidden="true">.*?</div>', html, re.S)
    assert jebakan
    assert 'name="situs_web"' in jebakan.group()
    assert 'tabindex="-1"' in jebakan.group()
    assert 'autocomplete="off"' in jebakan.group()
    css = finders.find("css/tilik.css")
    assert css
    with open(css, encoding="utf-8") as berkas:
        assert ".jebakan {" in berkas.read()


def test_the_form_page_is_never_cached(client: Client, survei_skm: Survei, unit: UnitLayanan) -> None:
    # A cached page would hand two citizens the same key, and the second answer would be lost.
    respons = client.get(url_isi(survei_skm, unit=unit.pk))

    assert "no-store" in respons["Cache-Control"]


def test_the_harapan_questionnaire_names_the_unsur_in_each_importance_question(
    client: Client, survei_harapan: Survei
) -> None:
    html = halaman(client, url_isi(survei_harapan))

    assert "Seberapa penting unsur ini bagi Saudara: Persyaratan?" in html
    assert "Seberapa penting unsur ini bagi Saudara: Sarana dan Prasarana?" in html
    assert "%(judul)s" not in html
    assert re.findall(r'name="j_H1" value="4" id="id_j_H1_3">([^<]+)<', html) == ["Sangat penting"]


@pytest.mark.parametrize(
    ("bawaan", "tampil"), [(True, "Skip to main content"), (False, "Langsung ke isi utama")]
)
def test_only_built_in_question_texts_follow_the_chosen_language(
    client: Client, instansi: Instansi, unit: UnitLayanan, bawaan: bool, tampil: str
) -> None:
    # A msgid the English catalogue already has stands in for the SKM wording (whose English
    # entries arrive with the next `make messages`).
    kuesioner = Kuesioner.objects.create(
        nama="Uji bahasa", kode=f"uji-bahasa-{bawaan}", bawaan=bawaan, instansi=None if bawaan else instansi
    )
    kuesioner.pertanyaan.create(
        kode="U1", kelompok="unsur", jenis="skala4", unsur="U1", judul="Persyaratan", urutan=1,
        teks="Langsung ke isi utama", label_nilai=["Keluar", "Masuk", "Daftar", "Survei"],
    )  # fmt: skip
    survei = _survei(kuesioner, unit, judul="Survei bahasa")
    client.cookies["django_language"] = "en"

    html = halaman(client, url_isi(survei))

    assert '<html lang="en">' in html
    assert f"</span>{tampil}" in html
    label = re.findall(r'name="j_U1" value="1" id="id_j_U1_0">([^<]+)<', html)
    assert label == (["Sign out"] if bawaan else ["Keluar"])


class _Pemeriksa(HTMLParser):
    """Collects input ids, label targets and fieldsets' legends."""

    def __init__(self) -> None:
        super().__init__()
        self.id_masukan: list[str] = []
        self.label_for: set[str] = set()
        self.dalam_label = 0
        self.masukan_dalam_label: set[str] = set()
        self.fieldset = 0
        self.legend = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "label":
            self.dalam_label += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        elif tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.id_masukan.append(str(a.get("id")))
            if self.dalam_label:
                self.masukan_dalam_label.add(str(a.get("id")))
        self.fieldset += tag == "fieldset"
        self.legend += tag == "legend"

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.dalam_label -= 1


def test_every_input_has_a_label_and_every_fieldset_a_legend(
    client: Client, survei_harapan: Survei, layanan_akta: Layanan
) -> None:
    pemeriksa = _Pemeriksa()
    pemeriksa.feed(halaman(client, url_isi(survei_harapan)))

    tanpa_label = [
        i
        for i in pemeriksa.id_masukan
        if i not in pemeriksa.label_for and i not in pemeriksa.masukan_dalam_label
    ]
    assert tanpa_label == []
    assert len(pemeriksa.id_masukan) == len(set(pemeriksa.id_masukan))
    assert pemeriksa.fieldset == pemeriksa.legend == 18 + 3


def test_the_first_load_of_the_form_with_its_stylesheet_stays_under_60_kb(
    client: Client, survei_harapan: Survei, survei_skm: Survei, unit: UnitLayanan, layanan_akta: Layanan
) -> None:
    css = finders.find("css/tilik.css")
    assert css
    with open(css, "rb") as berkas:
        ukuran_css = len(berkas.read())

    jadikan_kios(client, survei_skm, unit)
    for alamat in (url_isi(survei_harapan), url_isi(survei_skm, unit=unit.pk), url_kios(survei_skm, unit)):
        respons = client.get(alamat)
        html = respons.content
        assert b"<script" not in html
        assert b'href="/static/css/tilik.css"' in html
        assert len(html) + ukuran_css < FIRST_LOAD_BUDGET_BYTES, (alamat, len(html), ukuran_css)


def test_the_thank_you_page_links_back_to_the_list_and_stays_put(client: Client, survei_skm: Survei) -> None:
    html = halaman(client, reverse("survei:terima_kasih", kwargs={"kode": survei_skm.kode}))

    assert "Terima kasih" in html
    assert 'href="/s/"' in html
    assert 'http-equiv="refresh"' not in html


def test_the_kept_question_markup_follows_the_language_and_the_questionnaire(
    client: Client, survei_skm: Survei, survei_harapan: Survei
):
    # The empty form's questions are kept in the cache per questionnaire and language: the
    # English page must not get the Indonesian markup kept a moment before, nor another
    # questionnaire's questions.
    pertama = survei_skm.unit.order_by("pk")[0]
    indonesia = halaman(client, url_isi(survei_skm, unit=pertama.pk))
    assert "Bagaimana pendapat Saudara tentang kecepatan waktu" in indonesia
    client.cookies["django_language"] = "en"
    inggris = halaman(client, url_isi(survei_skm, unit=pertama.pk))
    assert "How fast was the service delivered?" in inggris
    assert "Bagaimana pendapat Saudara tentang kecepatan waktu" not in inggris
    harapan = halaman(client, url_isi(survei_harapan, unit=survei_harapan.unit.order_by("pk")[0].pk))
    assert 'name="j_H3"' in harapan
    assert 'name="j_H3"' not in inggris

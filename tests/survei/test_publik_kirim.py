"""POST /s/<kode>/: storing a citizen's answers once, and refusing everything else clearly,
without storing anything and without a server error."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from organisasi.models import Instansi, Layanan, UnitLayanan
from survei.forms.publik import GARAM_KUNCI, kunci_tandatangani
from survei.models import KOLOM_UNSUR, Jawaban, Kuesioner, Pertanyaan, Respons, Survei
from survei.services import survei_tutup
from tests.survei.conftest_publik import *  # noqa: F403
from tests.survei.conftest_publik import _survei, buka_formulir, isian, jumlah_tersimpan, url_isi

pytestmark = pytest.mark.django_db


def kirim(client: Client, survei: Survei, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(url_isi(survei, unit=data.get("unit", "")), data, **extra)


def siap(client: Client, survei: Survei, unit: UnitLayanan) -> str:
    return buka_formulir(client, url_isi(survei, unit=unit.pk))


def terima_kasih(survei: Survei) -> str:
    return reverse("survei:terima_kasih", kwargs={"kode": survei.kode})


def dicentang(html: str, kode: str) -> list[str]:
    return re.findall(rf'name="j_{kode}" value="([^"]+)" id="[^"]+" checked', html)


# Success -------------------------------------------------------------------------------------------


def test_only_the_redirect_after_a_stored_submission_goes_without_no_store(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    # A refused form comes back with the citizen's answers and a fresh key: never cached. The
    # 303 to the thank-you page is a response to a POST, which no cache stores without being
    # told to, and carries nothing else.
    salah = kirim(client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit, nilai="9"))
    assert salah.status_code == 400
    assert "no-store" in salah["Cache-Control"]

    benar = kirim(client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit, nilai="2"))
    assert benar.status_code == 303
    assert "Cache-Control" not in benar
    assert jumlah_tersimpan() == (1, 9)


def test_a_complete_form_is_stored_once_and_answered_with_303_to_the_thank_you_page(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_akta: Layanan
) -> None:
    kunci = siap(client, survei_skm, unit)
    data = isian(kunci, unit=unit, nilai="3", layanan=str(layanan_akta.pk), j_U4="4")
    data |= {"j_jenis_kelamin": "P", "j_usia": "34", "j_pendidikan": "S1", "j_pekerjaan": ""}

    respons = kirim(client, survei_skm, data)

    assert respons.status_code == 303
    assert respons["Location"] == terima_kasih(survei_skm)
    simpan = Respons.objects.get()
    assert (simpan.survei, simpan.unit, simpan.layanan, simpan.sumber) == (
        survei_skm,
        unit,
        layanan_akta,
        "online",
    )
    assert simpan.kunci == signing.TimestampSigner(salt=GARAM_KUNCI).unsign(kunci)
    assert [getattr(simpan, k) for k in KOLOM_UNSUR] == [3, 3, 3, 4, 3, 3, 3, 3, 3]
    assert (simpan.pola_unsur, simpan.jumlah_unsur, simpan.dijawab_unsur) == (
        sum((4 if i == 3 else 3) * 5**i for i in range(9)),
        28,
        9,
    )
    jawaban = {j.pertanyaan.kode: j.nilai if j.nilai is not None else j.teks for j in simpan.jawaban.all()}
    assert jawaban == {
        "jenis_kelamin": "P",
        "usia": 34,
        "pendidikan": "S1",
    }


def test_the_same_form_sent_twice_stores_one_response(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    data = isian(siap(client, survei_skm, unit), unit=unit)

    pertama, kedua = kirim(client, survei_skm, data), kirim(client, survei_skm, data)

    assert (pertama.status_code, kedua.status_code) == (303, 303)
    assert kedua["Location"] == terima_kasih(survei_skm)
    assert jumlah_tersimpan() == (1, 9)


def test_a_corrected_form_keeps_its_key_so_a_double_tap_after_the_fix_is_still_one_response(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    salah = kirim(client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit, j_U3=""))
    kunci_baru = re.search(r'name="kunci" value="([^"]+)"', salah.content.decode())
    assert kunci_baru

    data = isian(kunci_baru.group(1), unit=unit)
    assert [kirim(client, survei_skm, data).status_code for _ in range(2)] == [303, 303]
    assert jumlah_tersimpan() == (1, 9)


def test_two_citizens_on_two_loads_of_the_form_are_two_responses(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    for _ in range(2):
        assert kirim(client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit)).status_code == 303

    assert jumlah_tersimpan() == (2, 18)


def test_nothing_identifying_the_citizen_is_stored(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    ip, agen = "198.51.100.23", "UjiBrowser/7.1 (Ponsel Murah)"
    data = isian(siap(client, survei_skm, unit), unit=unit)

    assert kirim(client, survei_skm, data, REMOTE_ADDR=ip, HTTP_USER_AGENT=agen).status_code == 303

    respons = Respons.objects.get()
    nama_kolom = [f.name for f in Respons._meta.concrete_fields]
    assert not [n for n in nama_kolom if re.search(r"ip|agen|alamat|user|akun|peramban", n)]
    for objek in (respons, *respons.jawaban.all()):
        for kolom in type(objek)._meta.concrete_fields:
            nilai = str(kolom.value_from_object(objek))
            assert ip not in nilai
            assert "UjiBrowser" not in nilai
    assert respons.dientri_oleh is None


# Answers the services refuse ---------------------------------------------------------------------


def test_a_missing_answer_is_shown_beside_its_question_with_all_other_answers_kept(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_ktp: Layanan
) -> None:
    data = isian(
        siap(client, survei_skm, unit), unit=unit, nilai="2", j_U3="", layanan=str(layanan_ktp.pk),
        j_usia="41", j_pendidikan="SMA",
    )  # fmt: skip

    respons = kirim(client, survei_skm, data)

    html = respons.content.decode()
    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)
    assert '<p class="galat" id="id_j_U3_error">Pertanyaan ini wajib dijawab.</p>' in html
    u3 = re.findall(r'<input type="radio" name="j_U3"[^>]*>', html)
    assert len(u3) == 4
    assert all('aria-invalid="true" aria-describedby="id_j_U3_error"' in tag for tag in u3)
    assert 'aria-invalid="true"' not in "".join(re.findall(r'<input type="radio" name="j_U1"[^>]*>', html))
    # The summary at the top links to the question.
    assert html.index("Periksa kembali isian yang ditandai.") < html.index('name="j_U1"')
    assert '<a href="#id_j_U3_0">3. Waktu Penyelesaian: Pertanyaan ini wajib dijawab.</a>' in html
    # Everything else is still filled in.
    for kode in ("U1", "U2", "U4", "U5", "U6", "U7", "U8", "U9"):
        assert dicentang(html, kode) == ["2"]
    assert dicentang(html, "pendidikan") == ["SMA"]
    assert 'value="41"' in html
    assert f'<option value="{layanan_ktp.pk}" selected>' in html


def test_every_problem_is_reported_at_once(client: Client, survei_skm: Survei, unit: UnitLayanan) -> None:
    data = isian(
        siap(client, survei_skm, unit), unit=unit, j_U1="", j_U2="7", j_usia="5", j_jenis_kelamin="X"
    )

    html = kirim(client, survei_skm, data).content.decode()

    for id_ in ("id_j_U1_0", "id_j_U2_0", "id_j_usia", "id_j_jenis_kelamin_0"):
        assert f'<a href="#{id_}">' in html
    assert "Angka terkecil yang diterima 10." in html
    assert jumlah_tersimpan() == (0, 0)


@pytest.mark.parametrize(
    "nilai", ["5", "0", "-1", "abc", "3.5", "", "   ", "4,0", "1e0", "9" * 5000, "٥", "3\x00", "<b>4</b>"]
)
def test_a_scale_answer_outside_1_to_4_is_refused(
    client: Client, survei_skm: Survei, unit: UnitLayanan, nilai: str
) -> None:
    respons = kirim(client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit, j_U5=nilai))

    html = respons.content.decode()
    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)
    assert '<p class="galat" id="id_j_U5_error">' in html
    assert '<a href="#id_j_U5_0">5. Produk Spesifikasi Jenis Pelayanan: ' in html


@pytest.mark.parametrize("usia", ["abc", "5", "121", "34.5", "1e3", "99999999999999999999", "-30", "3\x004"])
def test_an_age_that_is_not_a_plausible_whole_number_is_refused(
    client: Client, survei_skm: Survei, unit: UnitLayanan, usia: str
) -> None:
    respons = kirim(client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit, j_usia=usia))

    html = respons.content.decode()
    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)
    assert 'id="id_j_usia_error"' in html
    assert re.search(r'<input type="number" name="j_usia"[^>]*aria-describedby="id_j_usia_error"', html)


@pytest.mark.parametrize("pilihan", ["X", "laki-laki", "L|P", "'; DROP TABLE survei_respons; --"])
def test_a_profile_choice_that_is_not_offered_is_refused(
    client: Client, survei_skm: Survei, unit: UnitLayanan, pilihan: str
) -> None:
    respons = kirim(
        client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit, j_jenis_kelamin=pilihan)
    )

    assert respons.status_code == 400
    assert "Pilih salah satu pilihan yang tersedia." in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)


def test_answers_to_questions_the_questionnaire_does_not_have_are_ignored(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    data = isian(siap(client, survei_skm, unit), unit=unit, j_U99="4", j_H1="4", U1="1", dientri_oleh="1")

    assert kirim(client, survei_skm, data).status_code == 303
    assert jumlah_tersimpan() == (1, 9)


@pytest.mark.parametrize("unit_id", ["999999", "abc", "", "-1", "99999999999999999999999"])
def test_a_unit_that_is_not_in_the_survey_stores_nothing(
    client: Client, survei_skm: Survei, unit: UnitLayanan, unit_id: str
) -> None:
    data = isian(siap(client, survei_skm, unit), unit=None)
    data["unit"] = unit_id

    respons = client.post(url_isi(survei_skm), data)

    assert respons.status_code == 400
    assert "Pilih unit layanan yang termasuk dalam survei ini." in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)


def test_a_unit_of_another_instansi_stores_nothing(
    client: Client, survei_skm: Survei, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    respons = kirim(client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit_instansi_lain))

    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)


@pytest.mark.parametrize("layanan", ["lain", "abc", "99999999999999999999999", "-1", "1.0"])
def test_a_service_that_is_not_one_of_the_units_services_is_refused(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_lain: Layanan, layanan: str
) -> None:
    nilai = str(layanan_lain.pk) if layanan == "lain" else layanan

    respons = kirim(client, survei_skm, isian(siap(client, survei_skm, unit), unit=unit, layanan=nilai))

    html = respons.content.decode()
    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)
    assert 'id="id_layanan_error"' in html
    assert "Pilih layanan dari unit layanan yang dipilih." in html
    assert '<a href="#id_layanan">Layanan yang Anda terima: ' in html
    assert dicentang(html, "U1") == ["4"]


def test_an_inactive_service_is_refused(
    client: Client, survei_skm: Survei, unit: UnitLayanan, layanan_akta: Layanan
) -> None:
    kunci = siap(client, survei_skm, unit)
    Layanan.objects.filter(pk=layanan_akta.pk).update(aktif=False)

    respons = kirim(client, survei_skm, isian(kunci, unit=unit, layanan=str(layanan_akta.pk)))

    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)


# The key, the honeypot, CSRF ----------------------------------------------------------------------


def _kunci_berumur(detik: int) -> str:
    class Lama(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - detik)

    return Lama(salt=GARAM_KUNCI).sign("kunci-yang-sudah-lama-sekali-dibuat")


@pytest.mark.parametrize(
    "kunci",
    [
        "",
        "tanpa-tanda-tangan",
        "kunci:1abc:tanda-tangan-palsu",
        "x:y:z",
        "A" * 100_000,
        "\x00",
    ],
)
def test_a_missing_or_tampered_key_shows_the_form_again_with_a_new_key(
    client: Client, survei_skm: Survei, unit: UnitLayanan, kunci: str
) -> None:
    respons = kirim(client, survei_skm, isian(kunci, unit=unit, nilai="3"))

    html = respons.content.decode()
    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)
    assert "Formulir ini sudah terlalu lama dibuka atau tidak dikenali" in html
    baru = re.search(r'name="kunci" value="([^"]+)"', html)
    assert baru
    assert baru.group(1) != kunci
    assert dicentang(html, "U1") == ["3"]
    # The new key works.
    assert kirim(client, survei_skm, isian(baru.group(1), unit=unit)).status_code == 303
    assert jumlah_tersimpan() == (1, 9)


def test_a_key_signed_for_another_purpose_is_refused(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    lain = signing.TimestampSigner(salt="tujuan-lain").sign("kunci-curian")

    assert kirim(client, survei_skm, isian(lain, unit=unit)).status_code == 400
    assert jumlah_tersimpan() == (0, 0)


def test_a_key_older_than_twelve_hours_is_refused_but_eleven_hours_is_fine(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    assert kirim(client, survei_skm, isian(_kunci_berumur(13 * 3600), unit=unit)).status_code == 400
    assert jumlah_tersimpan() == (0, 0)

    assert kirim(client, survei_skm, isian(_kunci_berumur(11 * 3600), unit=unit)).status_code == 303
    assert jumlah_tersimpan() == (1, 9)


def test_a_key_the_services_cannot_use_is_refused_with_their_message(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    # Correctly signed but longer than Respons.kunci holds: respons_simpan raises KesalahanSurvei.
    respons = kirim(client, survei_skm, isian(kunci_tandatangani("k" * 65), unit=unit))

    assert respons.status_code == 400
    assert "Formulir tidak dikenali. Muat ulang halaman lalu isi kembali." in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    data = isian(siap(client, survei_skm, unit), unit=unit, situs_web="https://spam.contoh")

    respons = kirim(client, survei_skm, data)

    assert respons.status_code == 303
    assert respons["Location"] == terima_kasih(survei_skm)
    assert jumlah_tersimpan() == (0, 0)


def test_a_post_without_the_csrf_token_is_forbidden_and_stores_nothing(
    survei_skm: Survei, unit: UnitLayanan
) -> None:
    client = Client(enforce_csrf_checks=True)
    kunci = siap(client, survei_skm, unit)

    respons = kirim(client, survei_skm, isian(kunci, unit=unit))

    assert respons.status_code == 403
    assert jumlah_tersimpan() == (0, 0)


def test_a_post_with_the_csrf_token_of_the_page_is_stored(survei_skm: Survei, unit: UnitLayanan) -> None:
    client = Client(enforce_csrf_checks=True)
    html = client.get(url_isi(survei_skm, unit=unit.pk)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    kunci = re.search(r'name="kunci" value="([^"]+)"', html)
    assert token
    assert kunci

    data = isian(kunci.group(1), unit=unit, csrfmiddlewaretoken=token.group(1))

    assert kirim(client, survei_skm, data).status_code == 303
    assert jumlah_tersimpan() == (1, 9)


# Surveys that do not accept answers -----------------------------------------------------------------


def test_a_closed_survey_accepts_nothing(client: Client, survei_ditutup: Survei, unit: UnitLayanan) -> None:
    respons = kirim(client, survei_ditutup, isian(kunci_tandatangani("kunci-uji-ditutup"), unit=unit))

    assert respons.status_code == 410
    assert "Survei sudah ditutup" in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)


def test_a_survey_closed_while_the_citizen_was_filling_it_in_accepts_nothing(
    client: Client, survei_skm: Survei, unit: UnitLayanan
) -> None:
    kunci = siap(client, survei_skm, unit)
    survei_tutup(survei=survei_skm)

    respons = kirim(client, survei_skm, isian(kunci, unit=unit))

    assert respons.status_code == 410
    assert "Survei sudah ditutup" in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)


def test_a_draft_survey_accepts_nothing(client: Client, survei_draft: Survei, unit: UnitLayanan) -> None:
    respons = kirim(client, survei_draft, isian(kunci_tandatangani("kunci-uji-draf"), unit=unit))

    assert respons.status_code == 404
    assert jumlah_tersimpan() == (0, 0)


def test_an_unknown_survey_accepts_nothing(client: Client, db: None) -> None:
    respons = client.post("/s/tidakada/", {"j_U1": "4"})

    assert respons.status_code == 404
    assert jumlah_tersimpan() == (0, 0)


@pytest.mark.parametrize("metode", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(
    client: Client, survei_skm: Survei, unit: UnitLayanan, metode: str
) -> None:
    assert getattr(client, metode)(url_isi(survei_skm, unit=unit.pk)).status_code == 405
    assert jumlah_tersimpan() == (0, 0)


def test_an_empty_post_is_a_clear_400(client: Client, survei_skm: Survei, unit: UnitLayanan) -> None:
    respons = client.post(url_isi(survei_skm, unit=unit.pk), {"unit": str(unit.pk)})

    assert respons.status_code == 400
    assert "tidak dikenali" in respons.content.decode()
    assert jumlah_tersimpan() == (0, 0)


# A questionnaire an instansi wrote itself -------------------------------------------------------------


@pytest.fixture
def survei_khusus(instansi: Instansi, unit: UnitLayanan) -> Survei:
    kuesioner = Kuesioner.objects.create(nama="Kuesioner Uji", kode="kuesioner-uji", instansi=instansi)
    buat = kuesioner.pertanyaan.create
    buat(
        kode="U1",
        kelompok="unsur",
        jenis="skala4",
        unsur="U1",
        judul="Persyaratan",
        urutan=1,
        wajib=True,
        teks="Apakah persyaratannya jelas?",
        label_nilai=["Tidak", "Kurang", "Jelas", "Sangat jelas"],
    )
    buat(
        kode="kanal",
        kelompok="tambahan",
        jenis="pilihan_ganda",
        urutan=2,
        teks="Dari mana Anda tahu layanan ini?",
        pilihan=[{"kode": "wa", "label": "WhatsApp"}, {"kode": "loket", "label": "Loket"}],
    )
    buat(kode="kunjungan", kelompok="tambahan", jenis="angka", urutan=3, teks="Berapa kali Anda datang?")
    buat(kode="saran", kelompok="tambahan", jenis="teks", urutan=4, teks="Saran Anda")
    return _survei(kuesioner, unit, judul="Survei khusus")


def kirim_khusus(client: Client, survei: Survei, unit: UnitLayanan, **data: Any) -> Any:
    kunci = buka_formulir(client, url_isi(survei))
    return client.post(url_isi(survei, unit=unit.pk), {"kunci": kunci, "unit": unit.pk, "j_U1": "3", **data})


def test_a_custom_questionnaire_shows_its_own_wording_and_extra_questions(
    client: Client, survei_khusus: Survei
) -> None:
    html = client.get(url_isi(survei_khusus)).content.decode()

    assert "Apakah persyaratannya jelas?" in html
    assert re.findall(r'name="j_U1" value="4" id="id_j_U1_3">([^<]+)<', html) == ["Sangat jelas"]
    assert '<input type="checkbox" name="j_kanal" value="wa" id="id_j_kanal_0">WhatsApp</label>' in html
    assert re.search(r'<textarea name="j_saran"[^>]*maxlength="2000"', html)
    assert "Pertanyaan lain" in html


def test_several_choices_and_text_are_stored(
    client: Client, survei_khusus: Survei, unit: UnitLayanan
) -> None:
    respons = kirim_khusus(
        client,
        survei_khusus,
        unit,
        j_kanal=["loket", "wa"],
        j_kunjungan="3",
        j_saran="  Antrean lebih cepat  ",
    )

    assert respons.status_code == 303
    assert Respons.objects.values_list(*KOLOM_UNSUR).get() == (3, *[None] * 8)
    jawaban = {j.pertanyaan.kode: (j.nilai, j.teks) for j in Jawaban.objects.all()}
    assert jawaban == {
        "kanal": (None, "wa|loket"),
        "kunjungan": (3, None),
        "saran": (None, "Antrean lebih cepat"),
    }


@pytest.mark.parametrize(
    "data",
    [
        {"j_saran": "x" * 2001},
        {"j_saran": "nol \x00 karakter"},
        {"j_kanal": ["wa", "tv"]},
        {"j_kanal": "wa|loket"},
        {"j_kunjungan": "99999999999999999999"},
        {"j_kunjungan": str(2**31)},
        {"j_kunjungan": "dua"},
    ],
    ids=["2001", "nul", "pilihan-asing", "pipa", "besar-sekali", "2^31", "huruf"],
)
def test_oversized_or_malformed_extra_answers_are_refused(
    client: Client, survei_khusus: Survei, unit: UnitLayanan, data: dict[str, Any]
) -> None:
    respons = kirim_khusus(client, survei_khusus, unit, **data)

    html = respons.content.decode()
    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)
    (kode,) = (k[2:] for k in data)
    assert f'id="id_j_{kode}_error"' in html


def test_a_body_over_djangos_upload_limit_is_a_400_and_stores_nothing(
    survei_khusus: Survei, unit: UnitLayanan
) -> None:
    # Django refuses it (DATA_UPLOAD_MAX_MEMORY_SIZE) before the view; the browser never sends it
    # because the textarea has maxlength.
    client = Client(raise_request_exception=False)

    respons = kirim_khusus(client, survei_khusus, unit, j_saran="x" * 3_000_000)

    assert respons.status_code == 400
    assert jumlah_tersimpan() == (0, 0)


def test_text_of_exactly_the_limit_is_stored(
    client: Client, survei_khusus: Survei, unit: UnitLayanan
) -> None:
    assert kirim_khusus(client, survei_khusus, unit, j_saran="x" * 2000).status_code == 303
    assert Jawaban.objects.get(pertanyaan__kode="saran").teks == "x" * 2000


def test_custom_question_texts_are_shown_escaped(client: Client, survei_khusus: Survei) -> None:
    Pertanyaan.objects.filter(kode="saran").update(teks='<img src=x onerror="alert(1)">')

    html = client.get(url_isi(survei_khusus)).content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x" in html

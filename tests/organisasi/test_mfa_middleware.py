"""organisasi.middleware.WajibMFAMiddleware: admins and evaluators must set up TOTP first."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import Instansi, Keanggotaan
from tests.factories import KATA_SANDI, PenggunaFactory, beri_peran, kode_totp

Masuk = Callable[..., Client]


@pytest.fixture
def aktivasi() -> str:
    return reverse("mfa_activate_totp")


@pytest.mark.parametrize("aktor", ["evaluator", "admin_instansi", "superuser"])
@pytest.mark.parametrize("alamat", ["/", "/admin/"])
def test_peran_wajib_mfa_tanpa_totp_diarahkan_ke_aktivasi(
    aktor: str, alamat: str, aktivasi: str, masuk: Masuk, request: pytest.FixtureRequest
) -> None:
    respons = masuk(request.getfixturevalue(aktor)).get(alamat)

    assert respons.status_code == 302
    assert respons["Location"] == aktivasi


def test_pengalihan_disertai_pesan_yang_menjelaskan_alasannya(evaluator: Pengguna, masuk: Masuk) -> None:
    respons = masuk(evaluator).get("/")

    [pesan] = list(get_messages(respons.wsgi_request))
    assert "verifikasi dua langkah" in str(pesan)


@pytest.mark.parametrize("alamat", ["/", "/admin/"])
def test_admin_dengan_totp_dibiarkan_lewat(alamat: str, admin_instansi: Pengguna, masuk: Masuk) -> None:
    respons = masuk(admin_instansi, totp=True).get(alamat)

    assert respons.status_code == 200


def test_evaluator_dengan_totp_dibiarkan_lewat(evaluator: Pengguna, masuk: Masuk) -> None:
    assert masuk(evaluator, totp=True).get("/").status_code == 200


@pytest.mark.parametrize("aktor", ["warga", "petugas", "petugas_lain"])
def test_warga_dan_petugas_tidak_pernah_diarahkan(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest
) -> None:
    assert masuk(request.getfixturevalue(aktor)).get("/").status_code == 200


def test_pengunjung_anonim_tidak_diarahkan(client: Client, db: None) -> None:
    assert client.get("/").status_code == 200


def test_akun_nonaktif_tidak_bisa_masuk_sama_sekali(nonaktif: Pengguna, masuk: Masuk) -> None:
    # Django forgets a disabled account's session: the visitor is anonymous, not redirected.
    respons = masuk(nonaktif).get("/")

    assert respons.status_code == 200
    assert not respons.wsgi_request.user.is_authenticated


def test_halaman_aktivasi_tidak_berputar_ke_dirinya_sendiri(
    evaluator: Pengguna, masuk: Masuk, aktivasi: str
) -> None:
    respons = masuk(evaluator).get(aktivasi, follow=True)

    # allauth asks for the password again before adding an authenticator; that page, too,
    # must be reachable.
    assert respons.status_code == 200
    [(url, _)] = respons.redirect_chain
    assert url.startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize(
    ("nama_url", "metode"),
    [
        pytest.param("sehat", "get", id="pemeriksaan kesehatan"),
        pytest.param("set_language", "post", id="ganti bahasa"),
        pytest.param("account_logout", "post", id="keluar"),
        pytest.param("account_email", "get", id="pengaturan e-mail allauth"),
        pytest.param("mfa_index", "get", id="ringkasan MFA allauth"),
    ],
)
def test_halaman_yang_dibebaskan_tetap_terbuka(
    nama_url: str, metode: str, evaluator: Pengguna, masuk: Masuk, aktivasi: str
) -> None:
    klien = masuk(evaluator)

    respons = getattr(klien, metode)(
        reverse(nama_url), {"language": "en", "next": "/"} if metode == "post" else {}
    )

    assert respons.get("Location") != aktivasi
    assert respons.status_code in {200, 302}


def test_berkas_statis_tidak_diarahkan(evaluator: Pengguna, masuk: Masuk, aktivasi: str) -> None:
    respons = masuk(evaluator).get("/static/tidak-ada.css")

    assert respons.get("Location") != aktivasi


def test_alur_lengkap_masuk_aktivasi_totp_lalu_bekerja(
    instansi: Instansi, client: Client, aktivasi: str
) -> None:
    evaluator = beri_peran(
        PenggunaFactory.create(email_terverifikasi=True), Keanggotaan.Peran.EVALUATOR, instansi=instansi
    )

    respons = client.post(reverse("account_login"), {"login": evaluator.email, "password": KATA_SANDI})
    assert respons["Location"] == "/"
    respons = client.get("/")
    assert respons["Location"] == aktivasi

    # allauth asks for the password once more before it adds an authenticator.
    respons = client.get(aktivasi)
    assert respons["Location"].startswith(reverse("account_reauthenticate"))
    respons = client.post(respons["Location"], {"password": KATA_SANDI})
    assert respons["Location"] == aktivasi

    respons = client.get(aktivasi)
    assert respons.status_code == 200
    rahasia = client.session["mfa.totp.secret"]
    respons = client.post(aktivasi, {"code": kode_totp(rahasia)})

    assert respons.status_code == 302
    assert Authenticator.objects.filter(user=evaluator, type=Authenticator.Type.TOTP).exists()
    assert client.get("/").status_code == 200


def test_kode_totp_salah_tidak_mengaktifkan_apa_pun(evaluator: Pengguna, masuk: Masuk, aktivasi: str) -> None:
    klien = masuk(evaluator)
    klien.post(reverse("account_reauthenticate"), {"password": KATA_SANDI})
    klien.get(aktivasi)
    salah = "111111" if kode_totp(klien.session["mfa.totp.secret"]) == "000000" else "000000"

    respons = klien.post(aktivasi, {"code": salah})

    assert respons.status_code == 200
    assert not Authenticator.objects.filter(user=evaluator).exists()
    assert klien.get("/")["Location"] == aktivasi

"""organisasi.izin: every actor against every permission, one line of the matrix per case."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from pytest_django import DjangoAssertNumQueries

from akun.models import Pengguna
from organisasi import izin
from organisasi.models import Instansi, Keanggotaan, UnitLayanan
from tests.factories import KeanggotaanFactory, UnitLayananFactory

AKTOR = [
    "anonim",
    "warga",
    "petugas",
    "petugas_lain",
    "evaluator",
    "evaluator_lain",
    "admin_instansi",
    "admin_lain",
    "superuser",
    "nonaktif",
]

# How each actor reads in a test id.
NAMA = {
    "anonim": "pengunjung anonim",
    "warga": "warga",
    "petugas": "petugas U1",
    "petugas_lain": "petugas unit lain",
    "evaluator": "evaluator instansi I",
    "evaluator_lain": "evaluator instansi lain",
    "admin_instansi": "admin instansi I",
    "admin_lain": "admin instansi lain",
    "superuser": "superuser",
    "nonaktif": "akun nonaktif berperan admin",
}


def matriks(
    boleh: set[str], perbuatan: str, *, ya: str = "boleh", tidak: str = "tidak boleh"
) -> list[object]:
    """One case per actor, with an id that reads like a sentence."""
    assert boleh <= set(AKTOR)
    return [
        pytest.param(aktor, aktor in boleh, id=f"{NAMA[aktor]} {ya if aktor in boleh else tidak} {perbuatan}")
        for aktor in AKTOR
    ]


@pytest.fixture
def aktor_dari(request: pytest.FixtureRequest) -> Callable[[str], Pengguna | AnonymousUser]:
    return request.getfixturevalue


# Predicates on the instansi I ------------------------------------------------------------


@pytest.mark.parametrize(("aktor", "boleh"), matriks({"admin_instansi", "superuser"}, "mengelola instansi I"))
def test_bisa_kelola_instansi(
    aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna], instansi: Instansi
) -> None:
    assert izin.bisa_kelola_instansi(aktor_dari(aktor), instansi=instansi) is boleh


@pytest.mark.parametrize(
    ("aktor", "boleh"), matriks({"evaluator", "admin_instansi", "superuser"}, "mengevaluasi instansi I")
)
def test_bisa_evaluasi_instansi(
    aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna], instansi: Instansi
) -> None:
    assert izin.bisa_evaluasi_instansi(aktor_dari(aktor), instansi=instansi) is boleh


@pytest.mark.parametrize(
    ("aktor", "boleh"),
    matriks({"evaluator", "admin_instansi", "superuser"}, "membaca data internal instansi I"),
)
def test_bisa_baca_internal_instansi(
    aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna], instansi: Instansi
) -> None:
    assert izin.bisa_baca_internal_instansi(aktor_dari(aktor), instansi=instansi) is boleh


# Predicates on the unit U1 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("aktor", "boleh"), matriks({"petugas", "admin_instansi", "superuser"}, "melayani atas nama U1")
)
def test_bisa_layani_unit(
    aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna], unit: UnitLayanan
) -> None:
    assert izin.bisa_layani_unit(aktor_dari(aktor), unit=unit) is boleh


@pytest.mark.parametrize(
    ("aktor", "boleh"),
    matriks({"petugas", "admin_instansi", "superuser"}, "melayani atas nama sub-unit U1"),
)
def test_bisa_layani_sub_unit(
    aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna], unit_anak: UnitLayanan
) -> None:
    assert izin.bisa_layani_unit(aktor_dari(aktor), unit=unit_anak) is boleh


@pytest.mark.parametrize(
    ("aktor", "boleh"),
    matriks({"petugas", "evaluator", "admin_instansi", "superuser"}, "membaca data internal U1"),
)
def test_bisa_baca_internal_unit(
    aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna], unit: UnitLayanan
) -> None:
    assert izin.bisa_baca_internal_unit(aktor_dari(aktor), unit=unit) is boleh


def test_petugas_sub_unit_tidak_melayani_unit_induknya(unit: UnitLayanan, unit_anak: UnitLayanan) -> None:
    petugas_uptd = KeanggotaanFactory.create(unit=unit_anak).pengguna

    assert izin.bisa_layani_unit(petugas_uptd, unit=unit_anak)
    assert not izin.bisa_layani_unit(petugas_uptd, unit=unit)


def test_petugas_melayani_cucu_unitnya(petugas: Pengguna, unit_anak: UnitLayanan) -> None:
    cucu = UnitLayananFactory.create(instansi=unit_anak.instansi, induk=unit_anak)

    assert izin.bisa_layani_unit(petugas, unit=cucu)


# Predicates without an object ------------------------------------------------------------


@pytest.mark.parametrize(
    ("aktor", "boleh"),
    matriks(set(AKTOR) - {"anonim", "nonaktif"}, "ikut serta sebagai warga"),
)
def test_adalah_warga(aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna]) -> None:
    assert izin.adalah_warga(aktor_dari(aktor)) is boleh


@pytest.mark.parametrize(
    ("aktor", "boleh"), matriks({"admin_instansi", "admin_lain", "superuser"}, "masuk ke halaman admin")
)
def test_bisa_masuk_admin(aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna]) -> None:
    assert izin.bisa_masuk_admin(aktor_dari(aktor)) is boleh


@pytest.mark.parametrize(
    ("aktor", "boleh"),
    matriks(
        {"evaluator", "evaluator_lain", "admin_instansi", "admin_lain", "superuser"},
        "memakai MFA",
        ya="wajib",
        tidak="tidak wajib",
    ),
)
def test_wajib_mfa(aktor: str, boleh: bool, aktor_dari: Callable[[str], Pengguna]) -> None:
    assert izin.wajib_mfa(aktor_dari(aktor)) is boleh


# Querysets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aktor", "slug"),
    [
        pytest.param("anonim", set(), id="pengunjung anonim tidak mengelola instansi apa pun"),
        pytest.param("evaluator", set(), id="evaluator tidak mengelola instansi apa pun"),
        pytest.param("admin_instansi", {"palembang"}, id="admin instansi I mengelola instansi I saja"),
        pytest.param("admin_lain", {"jambi"}, id="admin instansi lain mengelola instansinya saja"),
        pytest.param("superuser", {"palembang", "jambi"}, id="superuser mengelola semua instansi"),
        pytest.param("nonaktif", set(), id="akun nonaktif tidak mengelola instansi apa pun"),
    ],
)
def test_instansi_dikelola(
    aktor: str,
    slug: set[str],
    aktor_dari: Callable[[str], Pengguna],
    instansi: Instansi,
    instansi_lain: Instansi,
) -> None:
    assert {i.slug for i in izin.instansi_dikelola(aktor_dari(aktor))} == slug


@pytest.mark.parametrize(
    ("aktor", "slug"),
    [
        pytest.param("warga", set(), id="warga tidak mengevaluasi instansi apa pun"),
        pytest.param("petugas", set(), id="petugas tidak mengevaluasi instansi apa pun"),
        pytest.param("evaluator", {"palembang"}, id="evaluator instansi I mengevaluasi instansi I saja"),
        pytest.param("evaluator_lain", {"jambi"}, id="evaluator instansi lain mengevaluasi instansinya saja"),
        pytest.param("admin_instansi", {"palembang"}, id="admin instansi I mengevaluasi instansi I"),
        pytest.param("superuser", {"palembang", "jambi"}, id="superuser mengevaluasi semua instansi"),
    ],
)
def test_instansi_dievaluasi(
    aktor: str,
    slug: set[str],
    aktor_dari: Callable[[str], Pengguna],
    instansi: Instansi,
    instansi_lain: Instansi,
) -> None:
    assert {i.slug for i in izin.instansi_dievaluasi(aktor_dari(aktor))} == slug


@pytest.mark.parametrize(
    ("aktor", "slug"),
    [
        pytest.param("anonim", set(), id="pengunjung anonim tidak melayani unit apa pun"),
        pytest.param("warga", set(), id="warga tidak melayani unit apa pun"),
        pytest.param("petugas", {"disdukcapil", "uptd-akta"}, id="petugas U1 melayani U1 dan sub-unitnya"),
        pytest.param("petugas_lain", {"dinkes"}, id="petugas unit lain melayani unitnya saja"),
        pytest.param("evaluator", set(), id="evaluator tidak melayani unit apa pun"),
        pytest.param(
            "admin_instansi",
            {"disdukcapil", "uptd-akta", "dinkes"},
            id="admin instansi I melayani semua unit I",
        ),
        pytest.param(
            "superuser", {"disdukcapil", "uptd-akta", "dinkes", "dishub"}, id="superuser melayani semua unit"
        ),
        pytest.param("nonaktif", set(), id="akun nonaktif tidak melayani unit apa pun"),
    ],
)
@pytest.mark.usefixtures("unit_anak", "unit_lain", "unit_instansi_lain")
def test_unit_dilayani(aktor: str, slug: set[str], aktor_dari: Callable[[str], Pengguna]) -> None:
    assert {u.slug for u in izin.unit_dilayani(aktor_dari(aktor))} == slug


def test_unit_dilayani_sama_dengan_bisa_layani_unit(
    petugas: Pengguna, unit_anak: UnitLayanan, unit_lain: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    semua = UnitLayanan.objects.all()

    assert set(izin.unit_dilayani(petugas)) == {u for u in semua if izin.bisa_layani_unit(petugas, unit=u)}


# pastikan_* ------------------------------------------------------------------------------


def test_pastikan_menolak_dengan_pesan_berbahasa_indonesia(warga: Pengguna, instansi: Instansi) -> None:
    with (
        translation.override("id"),
        pytest.raises(PermissionDenied, match="tidak berwenang mengelola instansi"),
    ):
        izin.pastikan_bisa_kelola_instansi(warga, instansi=instansi)


@pytest.mark.parametrize(
    ("pastikan", "objek"),
    [
        pytest.param(izin.pastikan_bisa_kelola_instansi, "instansi", id="kelola instansi"),
        pytest.param(izin.pastikan_bisa_evaluasi_instansi, "instansi", id="evaluasi instansi"),
        pytest.param(izin.pastikan_bisa_baca_internal_instansi, "instansi", id="baca internal instansi"),
        pytest.param(izin.pastikan_bisa_layani_unit, "unit", id="layani unit"),
        pytest.param(izin.pastikan_bisa_baca_internal_unit, "unit", id="baca internal unit"),
    ],
)
def test_pastikan_diam_bila_boleh_dan_menolak_bila_tidak(
    pastikan: Callable[..., None],
    objek: str,
    admin_instansi: Pengguna,
    admin_lain: Pengguna,
    request: pytest.FixtureRequest,
) -> None:
    sasaran = {objek: request.getfixturevalue(objek)}

    pastikan(admin_instansi, **sasaran)
    with pytest.raises(PermissionDenied):
        pastikan(admin_lain, **sasaran)


# Cost and cache --------------------------------------------------------------------------


def test_keanggotaan_dibaca_sekali_per_objek_pengguna(
    admin_instansi: Pengguna,
    instansi: Instansi,
    unit: UnitLayanan,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    pengguna = Pengguna.objects.get(pk=admin_instansi.pk)

    with django_assert_num_queries(1):
        izin.wajib_mfa(pengguna)
        izin.bisa_kelola_instansi(pengguna, instansi=instansi)
        izin.bisa_evaluasi_instansi(pengguna, instansi=instansi)
        izin.bisa_layani_unit(pengguna, unit=unit)
        izin.bisa_baca_internal_unit(pengguna, unit=unit)


def test_cache_juga_bekerja_lewat_request_user_yang_malas(
    admin_instansi: Pengguna, instansi: Instansi, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # request.user is a SimpleLazyObject; the cache must live on the user behind it.
    pengguna = SimpleLazyObject(lambda: Pengguna.objects.get(pk=admin_instansi.pk))
    izin.wajib_mfa(pengguna)  # type: ignore[arg-type]

    with django_assert_num_queries(0):
        assert izin.bisa_kelola_instansi(pengguna, instansi=instansi)  # type: ignore[arg-type]
        assert izin.bisa_masuk_admin(pengguna)  # type: ignore[arg-type]


def test_menelusuri_induk_unit_cukup_satu_kueri(
    petugas: Pengguna, unit_anak: UnitLayanan, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    cucu = UnitLayananFactory.create(instansi=unit_anak.instansi, induk=unit_anak)
    pengguna = Pengguna.objects.get(pk=petugas.pk)
    izin.adalah_warga(pengguna)
    izin.wajib_mfa(pengguna)

    with django_assert_num_queries(1):
        assert izin.bisa_layani_unit(pengguna, unit=cucu)
        assert izin.bisa_layani_unit(pengguna, unit=unit_anak)


def test_perubahan_peran_terlihat_setelah_lupakan_izin(warga: Pengguna, instansi: Instansi) -> None:
    assert not izin.bisa_evaluasi_instansi(warga, instansi=instansi)
    KeanggotaanFactory.create(pengguna=warga, instansi=instansi, peran=Keanggotaan.Peran.EVALUATOR)

    izin.lupakan_izin(warga)

    assert izin.bisa_evaluasi_instansi(warga, instansi=instansi)


# View decorators -------------------------------------------------------------------------


@izin.wajib_izin_instansi(izin.bisa_evaluasi_instansi)
def _dasbor(request: HttpRequest, instansi: Instansi) -> HttpResponse:
    return HttpResponse(f"dasbor {instansi.slug}")


@izin.wajib_izin_unit(izin.bisa_layani_unit)
def _kotak_masuk(request: HttpRequest, unit: UnitLayanan) -> HttpResponse:
    return HttpResponse(f"kotak masuk {unit.instansi.slug}/{unit.slug}")


def _permintaan(pengguna: Pengguna | AnonymousUser) -> HttpRequest:
    request = RequestFactory().get("/palembang/dasbor/")
    request.user = pengguna
    return request


def test_dekorator_instansi_memberi_view_objek_instansi(evaluator: Pengguna) -> None:
    respons = _dasbor(_permintaan(evaluator), instansi="palembang")

    assert isinstance(respons, HttpResponse)
    assert respons.content == b"dasbor palembang"


def test_dekorator_instansi_mengarahkan_anonim_ke_halaman_masuk(
    anonim: AnonymousUser, instansi: Instansi
) -> None:
    respons = _dasbor(_permintaan(anonim), instansi="palembang")

    assert respons.status_code == 302
    assert respons["Location"].startswith("/akun/login/?next=")


def test_dekorator_instansi_menolak_yang_tidak_berwenang(
    evaluator_lain: Pengguna, instansi: Instansi
) -> None:
    with pytest.raises(PermissionDenied, match="mengevaluasi"):
        _dasbor(_permintaan(evaluator_lain), instansi="palembang")


def test_dekorator_instansi_404_untuk_instansi_yang_tidak_ada(evaluator: Pengguna) -> None:
    with pytest.raises(Http404):
        _dasbor(_permintaan(evaluator), instansi="tidak-ada")


def test_dekorator_unit_memberi_view_objek_unit(petugas: Pengguna, unit: UnitLayanan) -> None:
    respons = _kotak_masuk(_permintaan(petugas), instansi="palembang", unit="disdukcapil")

    assert isinstance(respons, HttpResponse)
    assert respons.content == b"kotak masuk palembang/disdukcapil"


def test_dekorator_unit_menolak_petugas_unit_lain(petugas_lain: Pengguna, unit: UnitLayanan) -> None:
    with pytest.raises(PermissionDenied):
        _kotak_masuk(_permintaan(petugas_lain), instansi="palembang", unit="disdukcapil")


def test_dekorator_unit_tidak_menemukan_unit_lewat_instansi_lain(
    admin_lain: Pengguna, unit: UnitLayanan, instansi_lain: Instansi
) -> None:
    with pytest.raises(Http404):
        _kotak_masuk(_permintaan(admin_lain), instansi="jambi", unit="disdukcapil")

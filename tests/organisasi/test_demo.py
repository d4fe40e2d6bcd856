"""`manage.py demo`: the four demo cities, their restructurings and the demo accounts."""

import base64
import time
from decimal import Decimal
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, validate_totp_code
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from organisasi import demo
from organisasi.models import Instansi, Keanggotaan, Layanan, LinPenataan, Penataan, UnitLayanan

Pengguna = get_user_model()
KOTA = ["kota-palembang", "kota-serang", "kota-sawahlunto", "kota-tebing-tinggi"]
MODEL_DEMO = [
    Instansi,
    UnitLayanan,
    Layanan,
    Penataan,
    LinPenataan,
    Keanggotaan,
    Pengguna,
    EmailAddress,
    Authenticator,
]


def langkah_gagal(*, keluaran: object) -> None:
    raise RuntimeError("langkah demo gagal")


@pytest.fixture(autouse=True)
def hanya_langkah_organisasi(monkeypatch):
    # These tests are about the organisation step; later apps' steps (thousands of survey
    # responses) are tested in their own modules and would only slow every test here down.
    from organisasi.management.commands import demo as perintah

    monkeypatch.setattr(perintah, "LANGKAH_DEMO", ["organisasi.demo.isi"])


@pytest.fixture(autouse=True)
def cache_bersih():
    # Login rate limits and used TOTP codes live in the cache, which outlives each test's
    # database rollback (and SQLite may hand the same user id out again).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def isi_demo(db) -> str:
    keluaran = StringIO()
    call_command("demo", stdout=keluaran)
    return keluaran.getvalue()


def potret() -> dict[str, list[dict[str, object]]]:
    return {m._meta.label: list(m._default_manager.order_by("pk").values()) for m in MODEL_DEMO}


def lineage(slug: str) -> list[LinPenataan]:
    return list(LinPenataan.objects.filter(penataan__instansi__slug=slug).select_related("penataan"))


def kode_totp() -> str:
    """The code an authenticator app shows now, computed from the documented secret; waits
    out the last second of a period so the server checks it in the same period."""
    periode = mfa_settings.TOTP_PERIOD
    sisa = periode - time.time() % periode
    if sisa < 2:
        time.sleep(sisa + 0.1)
    return format_hotp_value(hotp_value(demo.DEMO_TOTP_SECRET, int(time.time()) // periode))


def test_it_creates_the_four_cities_with_at_least_six_units_each(isi_demo):
    assert sorted(Instansi.objects.values_list("slug", flat=True)) == sorted(KOTA)
    for slug in KOTA:
        assert UnitLayanan.objects.filter(instansi__slug=slug).count() >= 6


def test_every_unit_has_two_to_four_services_and_active_units_offer_them(isi_demo):
    for unit in UnitLayanan.objects.all():
        layanan = Layanan.objects.filter(unit=unit)
        assert 2 <= layanan.count() <= 4, unit
        if unit.aktif_sampai is None:
            assert layanan.filter(aktif=True).count() == layanan.count(), unit
        else:
            assert not layanan.filter(aktif=True).exists(), unit


def test_palembang_and_tebing_tinggi_merge_two_units_into_one_new_unit(isi_demo):
    for slug in ["kota-palembang", "kota-tebing-tinggi"]:
        edges = lineage(slug)
        assert {e.jenis for e in edges} == {LinPenataan.Jenis.PENGGABUNGAN}
        assert len({e.unit_asal_id for e in edges}) == 2
        assert len({e.unit_hasil_id for e in edges}) == 1
        hasil = edges[0].unit_hasil
        assert hasil is not None
        assert hasil.aktif_dari == edges[0].penataan.tanggal_efektif
        assert hasil.aktif_sampai is None


def test_serang_splits_its_dinas_kesehatan_with_portions_summing_to_one(isi_demo):
    edges = lineage("kota-serang")
    assert {e.jenis for e in edges} == {LinPenataan.Jenis.PEMECAHAN}
    assert {e.unit_asal.nama for e in edges if e.unit_asal} == {"Dinas Kesehatan"}
    assert len({e.unit_hasil_id for e in edges}) == 2
    assert "Dinas Kesehatan" in {e.unit_hasil.nama for e in edges if e.unit_hasil}
    assert sum((e.porsi or Decimal(0)) for e in edges) == Decimal(1)


def test_sawahlunto_forms_a_new_complaint_unit(isi_demo):
    edges = lineage("kota-sawahlunto")
    assert [(e.jenis, e.unit_asal) for e in edges] == [(LinPenataan.Jenis.BARU, None)]
    baru = edges[0].unit_hasil
    assert baru is not None
    assert "Pengaduan" in baru.nama
    assert baru.induk is not None
    assert baru.aktif_dari == edges[0].penataan.tanggal_efektif


def test_unit_dates_follow_the_penataan_they_take_part_in(isi_demo):
    for edge in LinPenataan.objects.select_related("penataan", "unit_asal", "unit_hasil"):
        tanggal = edge.penataan.tanggal_efektif
        assert 2024 <= tanggal.year <= 2025
        if edge.unit_asal:
            assert edge.unit_asal.aktif_sampai == tanggal - demo.timedelta(days=1)
        if edge.unit_hasil:
            assert edge.unit_hasil.aktif_dari == tanggal


def test_each_city_keeps_at_least_three_untouched_units_to_compare_with(isi_demo):
    for slug in KOTA:
        tak_tersentuh = UnitLayanan.objects.filter(
            instansi__slug=slug, lineage_keluar__isnull=True, lineage_masuk__isnull=True
        )
        assert tak_tersentuh.count() >= 3
        assert not tak_tersentuh.filter(aktif_sampai__isnull=False).exists()


def test_legal_bases_are_marked_as_demo_examples(isi_demo):
    for penataan in Penataan.objects.all():
        assert "(contoh demo)" in penataan.dasar_hukum
        assert "fiktif" in penataan.deskripsi


def test_running_it_twice_changes_nothing(isi_demo):
    sebelum = potret()
    keluaran = StringIO()
    call_command("demo", stdout=keluaran)
    assert potret() == sebelum
    assert "0 baris dibuat, 0 diperbarui" in keluaran.getvalue()


def test_running_it_again_repairs_edited_demo_rows_without_touching_passwords(isi_demo):
    UnitLayanan.objects.filter(instansi__slug="kota-serang", slug="dinkes").update(nama="Salah")
    hash_warga = Pengguna.objects.get(email="warga@demo.tilik.id").password
    petugas = Pengguna.objects.get(email="petugas@demo.tilik.id")
    petugas.set_password("sandi-lain-yang-diganti")
    petugas.save()

    call_command("demo", stdout=StringIO())

    assert UnitLayanan.objects.get(instansi__slug="kota-serang", slug="dinkes").nama == "Dinas Kesehatan"
    assert Pengguna.objects.get(email="warga@demo.tilik.id").password == hash_warga
    assert Pengguna.objects.get(email="petugas@demo.tilik.id").check_password(demo.SANDI_DEMO)


def test_a_failing_later_step_leaves_nothing_behind(db, monkeypatch):
    from organisasi.management.commands import demo as perintah

    monkeypatch.setattr(
        perintah, "LANGKAH_DEMO", [*perintah.LANGKAH_DEMO, "tests.organisasi.test_demo.langkah_gagal"]
    )
    with pytest.raises(RuntimeError):
        call_command("demo", stdout=StringIO())
    assert not Instansi.objects.exists()
    assert not Pengguna.objects.exists()


def test_roles_are_exactly_as_documented(isi_demo):
    admin = Pengguna.objects.get(email="admin@demo.tilik.id")
    assert admin.is_superuser
    assert admin.is_staff

    evaluator = Keanggotaan.objects.filter(pengguna__email="evaluator@demo.tilik.id")
    assert [(k.instansi.slug, k.peran, k.unit) for k in evaluator] == [
        ("kota-palembang", Keanggotaan.Peran.EVALUATOR, None)
    ]

    petugas = list(Keanggotaan.objects.filter(pengguna__email="petugas@demo.tilik.id"))
    assert len(petugas) == 1
    assert petugas[0].peran == Keanggotaan.Peran.PETUGAS
    assert petugas[0].instansi.slug == "kota-palembang"
    unit = petugas[0].unit
    assert unit is not None
    assert unit.lineage_masuk.filter(jenis=LinPenataan.Jenis.PENGGABUNGAN).count() == 2

    assert not Keanggotaan.objects.filter(pengguna__email="warga@demo.tilik.id").exists()
    assert not Keanggotaan.objects.filter(pengguna__email="admin@demo.tilik.id").exists()
    for email in ["evaluator@demo.tilik.id", "petugas@demo.tilik.id", "warga@demo.tilik.id"]:
        pengguna = Pengguna.objects.get(email=email)
        assert not pengguna.is_superuser
        assert not pengguna.is_staff


def test_every_account_has_a_verified_primary_address(isi_demo):
    for data in demo.AKUN_DEMO:
        assert EmailAddress.objects.filter(
            user__email=data.email, email=data.email, verified=True, primary=True
        ).exists()


def test_the_documented_totp_secret_is_valid_base32_of_160_bits():
    assert len(demo.DEMO_TOTP_SECRET) == 32
    assert len(base64.b32decode(demo.DEMO_TOTP_SECRET)) == 20


def test_admin_and_evaluator_have_one_totp_authenticator_accepting_the_demo_secret(isi_demo):
    call_command("demo", stdout=StringIO())
    for email in ["admin@demo.tilik.id", "evaluator@demo.tilik.id"]:
        autentikator = Authenticator.objects.get(user__email=email)
        assert autentikator.type == Authenticator.Type.TOTP
        assert decrypt(autentikator.data["secret"]) == demo.DEMO_TOTP_SECRET
        kode = kode_totp()
        assert validate_totp_code(decrypt(autentikator.data["secret"]), kode)
        assert TOTP(autentikator).validate_code(kode)
    assert not Authenticator.objects.filter(user__email__in=["petugas@demo.tilik.id", "warga@demo.tilik.id"])


@pytest.mark.parametrize("email", ["petugas@demo.tilik.id", "warga@demo.tilik.id"])
def test_accounts_without_mfa_log_in_with_the_demo_password(isi_demo, client, email):
    respons = client.post(
        reverse("account_login"), {"login": email, "password": demo.SANDI_DEMO}, follow=True
    )
    assert respons.status_code == 200
    assert respons.wsgi_request.user.is_authenticated
    assert respons.wsgi_request.user.email == email


@pytest.mark.parametrize("email", ["admin@demo.tilik.id", "evaluator@demo.tilik.id"])
def test_accounts_with_mfa_log_in_with_the_password_and_a_totp_code(isi_demo, client, email):
    respons = client.post(
        reverse("account_login"), {"login": email, "password": demo.SANDI_DEMO}, follow=True
    )
    assert respons.redirect_chain[-1][0] == reverse("mfa_authenticate")
    assert not respons.wsgi_request.user.is_authenticated

    respons = client.post(reverse("mfa_authenticate"), {"code": kode_totp()}, follow=True)
    assert respons.status_code == 200
    assert respons.wsgi_request.user.is_authenticated
    assert respons.wsgi_request.user.email == email


def test_a_wrong_password_does_not_log_in(isi_demo, client):
    respons = client.post(
        reverse("account_login"), {"login": "warga@demo.tilik.id", "password": "salah-sandi"}, follow=True
    )
    assert not respons.wsgi_request.user.is_authenticated


def test_every_demo_row_passes_model_validation(isi_demo):
    for model in MODEL_DEMO:
        for obj in model._default_manager.all():
            # allauth declares last_used_at null=True without blank=True, so an authenticator
            # that was never used fails full_clean() on that field alone, by allauth's design.
            obj.full_clean(exclude=["last_used_at"] if model is Authenticator else None)


def test_it_prints_a_summary_per_city_and_the_accounts(isi_demo):
    for nama in ["Kota Palembang", "Kota Serang", "Kota Sawahlunto", "Kota Tebing Tinggi"]:
        assert nama in isi_demo
    for data in demo.AKUN_DEMO:
        assert data.email in isi_demo
    assert demo.DEMO_TOTP_SECRET in isi_demo

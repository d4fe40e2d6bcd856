"""factory_boy factories for the whole test suite, plus helpers for two-factor authentication.

Values come from sequences, not Faker, so a failing test shows the same data on every run.
Every factory builds a consistent object: a unit's parent, a lineage edge's units and a
petugas' unit all belong to the same instansi unless the test says otherwise.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from factory.django import DjangoModelFactory

from akun.models import Pengguna
from organisasi.models import Instansi, Keanggotaan, Layanan, LinPenataan, Penataan, UnitLayanan

KATA_SANDI = "kata-sandi-uji-yang-panjang"


class PenggunaFactory(DjangoModelFactory[Pengguna]):
    """A warga. PenggunaFactory.create(email_terverifikasi=True) can also sign in through allauth
    (ACCOUNT_EMAIL_VERIFICATION is mandatory); the password is KATA_SANDI."""

    class Meta:
        model = Pengguna
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pengguna{n}@contoh.id")
    first_name = factory.Sequence(lambda n: f"Nama{n}")
    last_name = "Uji"
    password = factory.django.Password(KATA_SANDI)
    is_active = True

    @factory.post_generation
    def email_terverifikasi(obj: Pengguna, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        if create and extracted:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class SuperuserFactory(PenggunaFactory):
    email = factory.Sequence(lambda n: f"super{n}@contoh.id")
    is_staff = True
    is_superuser = True


class InstansiFactory(DjangoModelFactory[Instansi]):
    class Meta:
        model = Instansi

    nama = factory.Sequence(lambda n: f"Pemerintah Kota Uji {n}")
    slug = factory.Sequence(lambda n: f"kota-uji-{n}")
    jenis = Instansi.Jenis.KOTA


class UnitLayananFactory(DjangoModelFactory[UnitLayanan]):
    class Meta:
        model = UnitLayanan

    instansi = factory.SubFactory(InstansiFactory)
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    slug = factory.Sequence(lambda n: f"dinas-uji-{n}")
    jenis = UnitLayanan.Jenis.DINAS


class LayananFactory(DjangoModelFactory[Layanan]):
    class Meta:
        model = Layanan

    unit = factory.SubFactory(UnitLayananFactory)
    nama = factory.Sequence(lambda n: f"Layanan Uji {n}")


class PenataanFactory(DjangoModelFactory[Penataan]):
    class Meta:
        model = Penataan

    instansi = factory.SubFactory(InstansiFactory)
    judul = factory.Sequence(lambda n: f"Penataan Organisasi {n}")
    tanggal_efektif = date(2024, 1, 1)
    dasar_hukum = factory.Sequence(lambda n: f"Perda Kota Uji No. {n} Tahun 2023")


class LinPenataanFactory(DjangoModelFactory[LinPenataan]):
    """An edge; by default a rename between two new units of the penataan's instansi."""

    class Meta:
        model = LinPenataan

    penataan = factory.SubFactory(PenataanFactory)
    jenis = LinPenataan.Jenis.GANTI_NAMA
    unit_asal = factory.SubFactory(UnitLayananFactory, instansi=factory.SelfAttribute("..penataan.instansi"))
    unit_hasil = factory.SubFactory(UnitLayananFactory, instansi=factory.SelfAttribute("..penataan.instansi"))
    porsi = None


class KeanggotaanFactory(DjangoModelFactory[Keanggotaan]):
    """An evaluator by default. Pass unit= for a petugas: the instansi follows the unit."""

    class Meta:
        model = Keanggotaan

    pengguna = factory.SubFactory(PenggunaFactory)
    unit = None
    instansi = factory.Maybe(
        "unit",
        yes_declaration=factory.SelfAttribute("unit.instansi"),
        no_declaration=factory.SubFactory(InstansiFactory),
    )
    peran = factory.Maybe(
        "unit", yes_declaration=Keanggotaan.Peran.PETUGAS, no_declaration=Keanggotaan.Peran.EVALUATOR
    )


def beri_peran(
    pengguna: Pengguna, peran: str, *, instansi: Instansi | None = None, unit: UnitLayanan | None = None
) -> Pengguna:
    """Give an existing user a role and return him, for one-line actor set-ups."""
    if instansi is None:
        assert unit is not None, "beri_peran perlu instansi atau unit"
        instansi = unit.instansi
    KeanggotaanFactory.create(pengguna=pengguna, peran=peran, instansi=instansi, unit=unit)
    return pengguna


# Two-factor authentication ---------------------------------------------------------------


def beri_totp(pengguna: Pengguna) -> str:
    """Give the user an active TOTP authenticator, as allauth's activation does; returns the
    secret, from which kode_totp() computes valid codes."""
    rahasia = generate_totp_secret()
    TOTP.activate(pengguna, rahasia)
    return rahasia


def kode_totp(rahasia: str) -> str:
    """The code an authenticator app shows now, computed with allauth's own functions.

    allauth accepts only the current time step (MFA_TOTP_TOLERANCE 0): close to the end of a
    step we wait for the next one, so the code cannot expire between here and the request.
    """
    sisa = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if sisa < 2:
        time.sleep(sisa + 0.05)
    penghitung = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(rahasia, penghitung))


def pasang_template_skm() -> None:
    """Put back the built-in SKM questionnaires that migration 0003 installed (the same
    idempotent function it runs). A transactional test (transaction=True, a live server) ends
    with a flush that removes them, and pytest-django runs such tests before the ones that
    only use a module-scoped data fixture: every fixture that builds on the template calls
    this first."""
    from survei.models import Kuesioner, Pertanyaan
    from survei.skm import pasang_template

    pasang_template(Kuesioner, Pertanyaan)

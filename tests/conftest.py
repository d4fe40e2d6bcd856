"""Fixtures shared by every test module: one instansi with its units and the actors around it.

The fixed cast (an instansi I with units U1, a sub-unit of U1 and U2, and another instansi):
- anonim: not signed in;            - warga: signed in, no role;
- petugas: petugas of U1;           - petugas_lain: petugas of U2 (same instansi);
- evaluator / evaluator_lain: evaluator of I / of the other instansi;
- admin_instansi / admin_lain: admin instansi of I / of the other instansi;
- superuser;                        - nonaktif: admin instansi of I whose account was disabled.

Tests that need a user to pass the MFA middleware use beri_totp() (tests.factories), or the
masuk fixture with totp=True.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from akun.models import Pengguna
from organisasi.models import Instansi, Keanggotaan, UnitLayanan

from .factories import (
    InstansiFactory,
    PenggunaFactory,
    SuperuserFactory,
    UnitLayananFactory,
    beri_peran,
    beri_totp,
)

Peran = Keanggotaan.Peran


@pytest.fixture(autouse=True)
def _cache_kosong() -> Iterator[None]:
    # Rate limits and allauth's "TOTP code already used" marks live in the cache; a test
    # must not inherit them from the previous one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _bahasa_bawaan() -> Iterator[None]:
    # A request in English leaves English active in the thread (LocaleMiddleware activates, and
    # nothing deactivates after the response): a later test calling a service directly would
    # get English messages, depending on which tests ran before it in the same worker.
    yield
    translation.deactivate()


# Organisation ---------------------------------------------------------------------------


@pytest.fixture
def instansi(db: None) -> Instansi:
    return InstansiFactory.create(nama="Pemerintah Kota Palembang", slug="palembang")


@pytest.fixture
def instansi_lain(db: None) -> Instansi:
    return InstansiFactory.create(nama="Pemerintah Kota Jambi", slug="jambi")


@pytest.fixture
def unit(instansi: Instansi) -> UnitLayanan:
    return UnitLayananFactory.create(
        instansi=instansi, nama="Dinas Kependudukan dan Pencatatan Sipil", slug="disdukcapil"
    )


@pytest.fixture
def unit_anak(unit: UnitLayanan) -> UnitLayanan:
    return UnitLayananFactory.create(
        instansi=unit.instansi, induk=unit, nama="UPTD Pelayanan Akta", slug="uptd-akta", jenis="uptd"
    )


@pytest.fixture
def unit_lain(instansi: Instansi) -> UnitLayanan:
    return UnitLayananFactory.create(instansi=instansi, nama="Dinas Kesehatan", slug="dinkes")


@pytest.fixture
def unit_instansi_lain(instansi_lain: Instansi) -> UnitLayanan:
    return UnitLayananFactory.create(instansi=instansi_lain, nama="Dinas Perhubungan Jambi", slug="dishub")


# Actors ---------------------------------------------------------------------------------


@pytest.fixture
def anonim() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def warga(db: None) -> Pengguna:
    return PenggunaFactory.create(email="warga@contoh.id")


@pytest.fixture
def petugas(unit: UnitLayanan) -> Pengguna:
    return beri_peran(PenggunaFactory.create(email="petugas@contoh.id"), Peran.PETUGAS, unit=unit)


@pytest.fixture
def petugas_lain(unit_lain: UnitLayanan) -> Pengguna:
    return beri_peran(PenggunaFactory.create(email="petugas.lain@contoh.id"), Peran.PETUGAS, unit=unit_lain)


@pytest.fixture
def evaluator(instansi: Instansi) -> Pengguna:
    return beri_peran(PenggunaFactory.create(email="evaluator@contoh.id"), Peran.EVALUATOR, instansi=instansi)


@pytest.fixture
def evaluator_lain(instansi_lain: Instansi) -> Pengguna:
    return beri_peran(
        PenggunaFactory.create(email="evaluator.lain@contoh.id"), Peran.EVALUATOR, instansi=instansi_lain
    )


@pytest.fixture
def admin_instansi(instansi: Instansi) -> Pengguna:
    return beri_peran(
        PenggunaFactory.create(email="admin@contoh.id"), Peran.ADMIN_INSTANSI, instansi=instansi
    )


@pytest.fixture
def admin_lain(instansi_lain: Instansi) -> Pengguna:
    return beri_peran(
        PenggunaFactory.create(email="admin.lain@contoh.id"), Peran.ADMIN_INSTANSI, instansi=instansi_lain
    )


@pytest.fixture
def superuser(db: None) -> Pengguna:
    return SuperuserFactory.create(email="super@contoh.id")


@pytest.fixture
def nonaktif(instansi: Instansi) -> Pengguna:
    return beri_peran(
        PenggunaFactory.create(email="nonaktif@contoh.id", is_active=False),
        Peran.ADMIN_INSTANSI,
        instansi=instansi,
    )


@pytest.fixture
def masuk(db: None) -> Callable[..., Client]:
    """masuk(pengguna, totp=False) -> a test client signed in as that user (a fresh client per
    call, so several actors can act in one test). totp=True first gives him an authenticator,
    so that the MFA middleware lets an admin or evaluator through."""

    def _masuk(pengguna: Pengguna, *, totp: bool = False) -> Client:
        if totp:
            beri_totp(pengguna)
        klien = Client()
        klien.force_login(pengguna)
        return klien

    return _masuk

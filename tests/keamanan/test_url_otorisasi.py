"""Every URL of Tilik, requested by every kind of visitor: the right status, and nobody else's
data in the body.

The URL patterns are read from the root resolver, recursively, so a new view cannot slip past:
a named route that has no rule in ATURAN (or is not under a prefix rule) fails
test_every_url_pattern_has_a_rule with a message that says where to add it.

Actors (tests/conftest.py): anonim; warga (signed in, no role); petugas_lain (petugas of a
unit the survey does not cover); evaluator_lain (evaluator of another instansi); and the
rightful one, by default the evaluator of the instansi (with TOTP, as the MFA middleware
requires). The world (Dunia) holds data of two instansi; each carries private markers, texts
that only its own staff may ever see (a draft survey's title, a restructuring's title, an
import's file name). A body that shows another instansi's marker is a leak.

Expected statuses: 200 (or another code a rule names), LOGIN (302 to the sign-in page), 403,
404, 405. Adding a route: write an Aturan with how to fill its kwargs from the Dunia and who
gets what; the helpers publik(), evaluator() cover the usual cases; objects the world lacks
are added by a function in PEMBANGUN. The rightful actor may be any user of the world
(Dunia.pengguna: warga, petugas, petugas_lain, evaluator, evaluator_lain, admin_instansi).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from akun.models import Pengguna
from organisasi.models import Instansi, Keanggotaan, Penataan, UnitLayanan
from survei.models import Impor, Survei
from survei.services import kunci_baru, respons_simpan, survei_tutup
from tests.factories import (
    InstansiFactory,
    LinPenataanFactory,
    PenataanFactory,
    PenggunaFactory,
    UnitLayananFactory,
    beri_peran,
    beri_totp,
)
from tests.survei.test_selectors import buat_survei

LOGIN = "login"
AKTOR = ("anonim", "warga", "petugas_lain", "evaluator_lain", "berhak")
SEMUA_UNSUR = {f"U{i}": 4 for i in range(1, 10)}


# The world -------------------------------------------------------------------------------------


@dataclass
class Dunia:
    instansi: Instansi
    unit: UnitLayanan
    survei: Survei  # open, at `unit`
    draf: Survei
    ditutup: Survei  # closed: published
    penataan: Penataan
    impor: Impor
    instansi_lain: Instansi
    rahasia: dict[str, tuple[str, ...]]  # instansi slug -> its private markers
    klien: dict[str, Client] = field(default_factory=dict)
    pengguna: dict[str, Pengguna] = field(default_factory=dict)
    # What other apps' rules need (a topic, a complaint, a report...), put here by PEMBANGUN.
    lain: dict[str, Any] = field(default_factory=dict)


# Functions that add an app's objects to the world once its actors exist: an app whose routes
# need objects (forum topics, reports) appends one, e.g.
#     def _forum(d: Dunia) -> None:
#         d.lain["topik"] = TopikFactory.create(instansi=d.instansi, penulis=d.pengguna["warga"])
#     PEMBANGUN.append(_forum)
# and its rules read them: publik(lambda d: {"instansi": d.instansi.slug, "pk": d.lain["topik"].pk}).
# A private marker of its own goes into d.rahasia[slug] (a tuple: add to it).
PEMBANGUN: list[Callable[[Dunia], None]] = []


def _forum(d: Dunia) -> None:
    """The forum's objects: a public topic with a petugas' reply, a rahasia complaint at d.unit
    (both by "pelapor", a verified citizen, rightful for his own posts) and a block to lift."""
    from allauth.account.models import EmailAddress

    from forum.models import Blokir
    from forum.services import balasan_buat, topik_buat

    pelapor = PenggunaFactory.create(email="pelapor@contoh.id", email_terverifikasi=True)
    petugas = d.pengguna["petugas"]
    EmailAddress.objects.create(user=petugas, email=petugas.email, verified=True, primary=True)
    topik = topik_buat(
        pengguna=pelapor,
        instansi=d.instansi,
        jenis="diskusi",
        judul="Diskusi Palembang",
        isi="Isi",
        unit=d.unit,
    )
    d.lain["topik"] = topik
    d.lain["aduan"] = topik_buat(
        pengguna=pelapor,
        instansi=d.instansi,
        jenis="pengaduan",
        judul="Aduan Palembang",
        isi="Isi",
        unit=d.unit,
        privasi="rahasia",
    )
    d.lain["balasan"] = balasan_buat(topik=topik, pengguna=petugas, isi="Balasan petugas")
    d.lain["blokir"] = Blokir.objects.create(
        instansi=d.instansi,
        pengguna=PenggunaFactory.create(),
        oleh=d.pengguna["admin_instansi"],
        alasan="Spam",
    )
    d.pengguna["pelapor"] = pelapor
    klien = Client()
    klien.force_login(pelapor)
    d.klien["pelapor"] = klien


PEMBANGUN.append(_forum)


def _laporan(d: Dunia) -> None:
    """A finished report of the instansi, as a row: its file is not needed here (the rightful
    evaluator's download then gets 409; everyone else is refused before the file is read)."""
    from laporan.models import Laporan

    d.lain["laporan"] = Laporan.objects.create(
        jenis="evaluasi",
        instansi=d.instansi,
        penataan=d.penataan,
        status="selesai",
        berkas="tidak-ada.pdf",
        sha256_berkas="0" * 64,
        sha256_data="0" * 64,
    )


PEMBANGUN.append(_laporan)


def _isi(survei: Survei, unit: UnitLayanan, jumlah: int) -> None:
    for _ in range(jumlah):
        respons_simpan(survei=survei, unit=unit, jawaban=SEMUA_UNSUR, sumber="kertas", kunci=kunci_baru())


def _instansi_dengan_rahasia(
    nama: str, slug: str
) -> tuple[Instansi, UnitLayanan, UnitLayanan, tuple[str, ...]]:
    instansi = InstansiFactory.create(nama=f"Pemerintah Kota {nama}", slug=slug)
    unit = UnitLayananFactory.create(instansi=instansi, nama=f"Dinas Kependudukan {nama}", slug="dukcapil")
    unit_lain = UnitLayananFactory.create(instansi=instansi, nama=f"Dinas Kesehatan {nama}", slug="dinkes")
    rahasia = (f"Draf Rahasia {nama}", f"Penataan Rahasia {nama}", f"impor-rahasia-{slug}.csv")
    return instansi, unit, unit_lain, rahasia


def _data_instansi(
    instansi: Instansi, unit: UnitLayanan, unit_lain: UnitLayanan, rahasia: tuple[str, ...]
) -> tuple[Survei, Survei, Survei, Penataan, Impor]:
    survei = buat_survei((unit, 100), judul=f"SKM {instansi.nama}", buka=True)
    _isi(survei, unit, 3)
    draf = buat_survei((unit, None), judul=rahasia[0])
    ditutup = buat_survei((unit, None), (unit_lain, None), judul=f"SKM 2024 {instansi.nama}", buka=True)
    _isi(ditutup, unit, 2)
    survei_tutup(survei=ditutup)
    penataan = PenataanFactory.create(instansi=instansi, judul=rahasia[1], tanggal_efektif=date(2025, 3, 1))
    LinPenataanFactory.create(penataan=penataan, unit_asal=unit_lain, unit_hasil=unit)
    impor = Impor.objects.create(survei=survei, nama_berkas=rahasia[2], isi=b"U1,U2\n4,4\n")
    return survei, draf, ditutup, penataan, impor


@pytest.fixture
def dunia(db: None) -> Dunia:
    instansi, unit, unit_lain, rahasia = _instansi_dengan_rahasia("Palembang", "palembang")
    survei, draf, ditutup, penataan, impor = _data_instansi(instansi, unit, unit_lain, rahasia)
    lain, unit_j, unit_j2, rahasia_j = _instansi_dengan_rahasia("Jambi", "jambi")
    _data_instansi(lain, unit_j, unit_j2, rahasia_j)
    d = Dunia(
        instansi,
        unit,
        survei,
        draf,
        ditutup,
        penataan,
        impor,
        lain,
        {"palembang": rahasia, "jambi": rahasia_j},
    )
    Peran = Keanggotaan.Peran
    d.pengguna = {
        "warga": PenggunaFactory.create(email="warga@contoh.id"),
        "petugas": beri_peran(PenggunaFactory.create(email="petugas@contoh.id"), Peran.PETUGAS, unit=unit),
        "petugas_lain": beri_peran(
            PenggunaFactory.create(email="petugas.lain@contoh.id"), Peran.PETUGAS, unit=unit_lain
        ),
        "evaluator": beri_peran(
            PenggunaFactory.create(email="evaluator@contoh.id"), Peran.EVALUATOR, instansi=instansi
        ),
        "evaluator_lain": beri_peran(
            PenggunaFactory.create(email="evaluator.lain@contoh.id"), Peran.EVALUATOR, instansi=lain
        ),
        "admin_instansi": beri_peran(
            PenggunaFactory.create(email="admin@contoh.id"), Peran.ADMIN_INSTANSI, instansi=instansi
        ),
    }
    d.klien["anonim"] = Client()
    for nama, pengguna in d.pengguna.items():
        if nama in {"evaluator", "evaluator_lain", "admin_instansi"}:
            beri_totp(pengguna)
        klien = Client()
        klien.force_login(pengguna)
        d.klien[nama] = klien
    for pembangun in PEMBANGUN:
        pembangun(d)
    return d


# The rules -------------------------------------------------------------------------------------

Isi = Callable[[Dunia], dict[str, Any]]


def _kosong(d: Dunia) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Aturan:
    """How to request one route and what each actor must get.

    isi: the route's kwargs from the world; status: actor -> expected status (LOGIN: a
    redirect to the sign-in page); berhak: which user of the world is the rightful actor;
    metode: GET or POST (a POST is sent with no data: a refusal must come before the form)."""

    status: Mapping[str, int | str]
    isi: Isi = _kosong
    berhak: str = "evaluator"
    metode: str = "GET"
    query: str = ""


def publik(isi: Isi = _kosong, *, status: int = 200, query: str = "") -> Aturan:
    return Aturan(dict.fromkeys(AKTOR, status), isi, query=query)


def evaluator(
    isi: Isi = _kosong,
    *,
    berhak: int = 200,
    metode: str = "GET",
    asing: int = 403,
    berhak_oleh: str = "evaluator",
) -> Aturan:
    """For the instansi's evaluators: anonymous visitors are sent to sign in, everyone else
    is refused (asing)."""
    status: dict[str, int | str] = {
        "anonim": LOGIN,
        "warga": asing,
        "petugas_lain": asing,
        "evaluator_lain": asing,
    }
    return Aturan({**status, "berhak": berhak}, isi, berhak=berhak_oleh, metode=metode)


def _kode(d: Dunia) -> dict[str, Any]:
    return {"kode": d.survei.kode}


def _instansi(d: Dunia) -> dict[str, Any]:
    return {"instansi": d.instansi.slug}


def _forum_objek(kunci: str, *, instansi: bool = True, **tambah: str) -> Isi:
    """The kwargs of a forum route about d.lain[kunci] (a topic, complaint, reply or block)."""

    def isi(d: Dunia) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"pk": d.lain[kunci].pk, **tambah}
        if instansi:
            kwargs["instansi"] = d.instansi.slug
        return kwargs

    return isi


def forum_aturan(
    isi: Isi,
    *,
    semua: int = 200,
    berhak: int = 200,
    berhak_oleh: str = "evaluator",
    metode: str = "GET",
    anonim: int | str = LOGIN,
    **status: int,
) -> Aturan:
    """A forum page for signed-in users: anonymous visitors sign in (or get `anonim`), the
    other actors get `semua` unless named in `status`."""
    tabel: dict[str, int | str] = {
        "anonim": anonim,
        "warga": semua,
        "petugas_lain": semua,
        "evaluator_lain": semua,
    }
    tabel.update(status)
    return Aturan({**tabel, "berhak": berhak}, isi, berhak=berhak_oleh, metode=metode)


ATURAN: dict[str, Aturan] = {
    # config
    "beranda": publik(),
    "sehat": publik(),
    # The language switch answers a POST with a redirect; a GET is refused (it changes state).
    "set_language": Aturan(dict.fromkeys(AKTOR, 302), metode="POST"),
    # survei, public side
    "survei:daftar": publik(),
    "survei:isi": publik(_kode),
    "survei:terima_kasih": publik(_kode),
    # The kiosk form answers only a device an evaluator set up (a cookie), whoever is signed in.
    "survei:kios": publik(lambda d: {"kode": d.survei.kode, "unit_id": d.unit.pk}, status=403),
    "survei:kios_terima_kasih": publik(lambda d: {"kode": d.survei.kode, "unit_id": d.unit.pk}),
    "survei:qr": publik(lambda d: {"kode": d.survei.kode, "unit_id": str(d.unit.pk), "format": "svg"}),
    # survei, evaluator side
    # Every evaluator has his own list: the other instansi's evaluator sees his (and only his).
    "survei:kelola_beranda": Aturan(
        {"anonim": LOGIN, "warga": 403, "petugas_lain": 403, "evaluator_lain": 200, "berhak": 200}
    ),
    "survei:kelola_detail": evaluator(_kode),
    "survei:kelola_buka": evaluator(lambda d: {"kode": d.draf.kode}, metode="POST", berhak=302),
    "survei:kelola_tutup": evaluator(_kode, metode="POST", berhak=302),
    "survei:kelola_populasi": evaluator(_kode),
    "survei:kelola_qr": evaluator(_kode),
    "survei:kelola_kios": evaluator(_kode),
    "survei:kelola_buat": evaluator(lambda d: {"instansi": d.instansi.slug}),
    # Paper entry is also the survey unit's petugas' work: he is the rightful one here.
    "survei:kertas": evaluator(_kode, berhak_oleh="petugas"),
    "survei:impor": evaluator(_kode),
    "survei:impor_template": evaluator(lambda d: {"kode": d.survei.kode, "format": "csv"}),
    "survei:impor_peta": evaluator(lambda d: {"kode": d.survei.kode, "pk": d.impor.pk}),
    # No problem rows in this import: the rightful evaluator is sent back to its page.
    "survei:impor_masalah": evaluator(lambda d: {"kode": d.survei.kode, "pk": d.impor.pk}, berhak=303),
    "survei:ekspor": evaluator(lambda d: {"kode": d.survei.kode, "format": "csv"}),
    # analitik: published results and open data for everyone, dashboards for evaluators
    "analitik:hasil_beranda": publik(),
    "analitik:hasil_instansi": publik(lambda d: {"instansi_slug": d.instansi.slug}),
    "analitik:hasil_unit": publik(
        lambda d: {"instansi_slug": d.instansi.slug, "survei_kode": d.ditutup.kode, "unit_id": d.unit.pk}
    ),
    "analitik:api_indeks": publik(),
    "analitik:api_instansi": publik(),
    "analitik:api_hasil": publik(),
    "analitik:api_openapi": publik(),
    "analitik:dasbor_instansi": evaluator(lambda d: {"instansi": d.instansi.slug}),
    "analitik:dasbor_penataan": evaluator(lambda d: {"penataan_id": d.penataan.pk}),
    # forum: the public forum, the complainant's and the unit's steps, moderation. Warga and
    # petugas_lain have no verified e-mail: they may read, not write.
    "forum:daftar": publik(),
    "forum:pilih_instansi": publik(),
    "forum:daftar_instansi": publik(_instansi),
    # A rahasia complaint is a 404 to everyone but the complainant, the unit and the instansi.
    "forum:topik": forum_aturan(_forum_objek("aduan"), semua=404, anonim=404, berhak_oleh="petugas"),
    "forum:baru": forum_aturan(_instansi),
    "forum:pengaduan_baru": forum_aturan(_instansi),
    "forum:topik_ubah": forum_aturan(_forum_objek("topik"), semua=403, berhak_oleh="pelapor"),
    # An empty reply by its rightful author: the form's message (400), nothing stored.
    "forum:balas": forum_aturan(
        _forum_objek("topik"), semua=403, berhak=400, berhak_oleh="pelapor", metode="POST"
    ),
    "forum:dukung": forum_aturan(_forum_objek("topik"), semua=303, berhak=303, metode="POST"),
    "forum:langganan": forum_aturan(_forum_objek("topik"), semua=303, berhak=303, metode="POST"),
    "forum:tandai_topik": forum_aturan(_forum_objek("topik")),
    # Not answered yet: even the complainant may not confirm or rate it.
    "forum:konfirmasi": forum_aturan(
        _forum_objek("aduan"), semua=404, berhak=403, berhak_oleh="pelapor", metode="POST"
    ),
    "forum:nilai": forum_aturan(
        _forum_objek("aduan"), semua=404, berhak=403, berhak_oleh="pelapor", metode="POST"
    ),
    "forum:balasan_ubah": forum_aturan(_forum_objek("balasan"), semua=403, berhak_oleh="petugas"),
    "forum:tandai_balasan": forum_aturan(_forum_objek("balasan")),
    "forum:antrean": forum_aturan(_kosong, warga=403, berhak_oleh="petugas"),
    # The unit's steps on the rahasia complaint: strangers do not see it; the instansi's
    # evaluator reads it but may not act.
    "forum:verifikasi": forum_aturan(
        _forum_objek("aduan", instansi=False), semua=404, berhak=403, metode="POST"
    ),
    "forum:tolak": forum_aturan(_forum_objek("aduan", instansi=False), semua=404, berhak=403, metode="POST"),
    "forum:alihkan": forum_aturan(
        _forum_objek("aduan", instansi=False), semua=404, berhak=403, metode="POST"
    ),
    "forum:jawab": forum_aturan(_forum_objek("aduan", instansi=False), semua=404, berhak=403, metode="POST"),
    "forum:evaluasi": evaluator(_instansi),
    "forum:moderasi": evaluator(_instansi, berhak_oleh="admin_instansi"),
    # Without a reason the moderator gets the form's message and a redirect; nothing changes.
    "forum:sembunyikan": evaluator(
        _forum_objek("topik", jenis="topik"), metode="POST", berhak=303, berhak_oleh="admin_instansi"
    ),
    "forum:pulihkan": evaluator(
        _forum_objek("topik", jenis="topik"), metode="POST", berhak=303, berhak_oleh="admin_instansi"
    ),
    "forum:blokir": evaluator(
        _forum_objek("topik", jenis="topik"), metode="POST", berhak=303, berhak_oleh="admin_instansi"
    ),
    "forum:cabut_blokir": evaluator(
        _forum_objek("blokir"), metode="POST", berhak=303, berhak_oleh="admin_instansi"
    ),
    # laporan: the instansi's evaluators ask for, follow and download reports; an empty request
    # is the form's message (400); retrying a finished report is refused with a message (302).
    # The verification page is public and shows only the authenticity facts.
    "laporan:daftar": evaluator(_instansi),
    "laporan:buat": evaluator(_instansi, metode="POST", berhak=400),
    "laporan:status": evaluator(lambda d: {"laporan_id": d.lain["laporan"].pk}),
    "laporan:ulang": evaluator(lambda d: {"laporan_id": d.lain["laporan"].pk}, metode="POST", berhak=302),
    "laporan:unduh": evaluator(lambda d: {"laporan_id": d.lain["laporan"].pk}, berhak=409),
    "laporan:verifikasi": publik(lambda d: {"laporan_id": d.lain["laporan"].pk}),
}

# Whole URL trees owned by a third-party app, with one rule each (see their tests below).
AWALAN_ATURAN = ("akun/", "admin/")


# Walking the resolver -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rute:
    pola: str
    nama: str | None


def semua_rute(resolver: URLResolver | None = None, awalan: str = "", ns: str = "") -> Iterator[Rute]:
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            nama_ns = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from semua_rute(p, awalan + str(p.pattern), nama_ns)
        elif isinstance(p, URLPattern):
            nama = (f"{ns}:{p.name}" if ns else p.name) if p.name else None
            yield Rute(awalan + str(p.pattern), nama)


def _di_bawah_awalan(rute: Rute) -> bool:
    return rute.pola.startswith(AWALAN_ATURAN)


def test_every_url_pattern_has_a_rule() -> None:
    rute = list(semua_rute())
    tanpa_nama = [r.pola for r in rute if r.nama is None and not _di_bawah_awalan(r)]
    tanpa_aturan = sorted(
        {r.nama for r in rute if r.nama and not _di_bawah_awalan(r) and r.nama not in ATURAN}
    )
    usang = sorted(set(ATURAN) - {r.nama for r in rute if r.nama})
    assert not tanpa_nama, f"name these URL patterns so that they can have a rule: {tanpa_nama}"
    assert not tanpa_aturan, (
        "these routes have no authorisation rule: add each to ATURAN in "
        f"tests/keamanan/test_url_otorisasi.py (who gets which status): {tanpa_aturan}"
    )
    assert not usang, f"rules for routes that no longer exist, remove them: {usang}"
    assert len(rute) > len(ATURAN)  # the walk really went through the includes


# Requesting -----------------------------------------------------------------------------------------------


def _klien(d: Dunia, aktor: str, aturan: Aturan) -> tuple[Client, str]:
    """The client of this actor and the name of the user behind it."""
    nama = aturan.berhak if aktor == "berhak" else aktor
    return d.klien[nama], nama


def _minta(klien: Client, metode: str, alamat: str) -> Any:
    return klien.post(alamat) if metode == "POST" else klien.get(alamat)


def _isi_teks(respons: Any) -> str:
    if getattr(respons, "streaming", False):
        return b"".join(respons.streaming_content).decode(errors="replace")
    return respons.content.decode(errors="replace")


def _terlarang(d: Dunia, nama_pengguna: str) -> tuple[str, ...]:
    """The markers this user must never see: every instansi's but his own."""
    pengguna = d.pengguna.get(nama_pengguna)
    milik = set()
    if pengguna is not None:
        milik = set(Keanggotaan.objects.filter(pengguna=pengguna).values_list("instansi__slug", flat=True))
    return tuple(m for slug, markah in d.rahasia.items() if slug not in milik for m in markah)


def _cocok(respons: Any, harapan: int | str) -> bool:
    if harapan == LOGIN:
        return respons.status_code == 302 and respons["Location"].startswith(reverse("account_login"))
    return bool(respons.status_code == harapan)


def test_each_actor_gets_the_right_status_and_nobody_elses_data(dunia: Dunia) -> None:
    salah: list[str] = []
    for nama, aturan in ATURAN.items():
        alamat = reverse(nama, kwargs=aturan.isi(dunia)) + aturan.query
        for aktor in AKTOR:
            klien, pengguna = _klien(dunia, aktor, aturan)
            respons = _minta(klien, aturan.metode, alamat)
            harapan = aturan.status[aktor]
            if not _cocok(respons, harapan):
                lokasi = respons.get("Location", "")
                salah.append(
                    f"{nama} {aturan.metode} {alamat} as {aktor}: "
                    f"{respons.status_code} {lokasi}, not {harapan}"
                )
            bocor = [m for m in _terlarang(dunia, pengguna) if m in _isi_teks(respons)]
            if bocor:
                salah.append(f"{nama} {alamat} as {aktor}: shows {bocor}")
    assert not salah, "\n".join(salah)


def test_the_rightful_evaluator_sees_his_own_private_data(dunia: Dunia) -> None:
    # The markers are really on the pages where they belong: a leak test that could not see
    # them would pass for nothing.
    klien = dunia.klien["evaluator"]
    beranda = klien.get(reverse("survei:kelola_beranda")).content.decode()
    assert dunia.rahasia["palembang"][0] in beranda
    dasbor = klien.get(reverse("analitik:dasbor_instansi", kwargs={"instansi": "palembang"})).content.decode()
    assert dunia.rahasia["palembang"][1] in dasbor
    peta = klien.get(reverse("survei:impor_peta", kwargs={"kode": dunia.survei.kode, "pk": dunia.impor.pk}))
    assert dunia.rahasia["palembang"][2] in peta.content.decode()


# The prefix rules: allauth and the admin ------------------------------------------------------------

_PENGGANTI = {
    "object_id": None,  # the pk of an object of the evaluator's instansi, per model (below)
    "id": None,
    "key": "kunci-palsu",
    "uidb36": "1",
    "app_label": None,  # the first of the pattern's alternatives
    "laporan_id": str(uuid.uuid4()),
}


def jalur_contoh(pola: str, nilai: Mapping[str, str]) -> str:
    """A concrete path for a route or regex pattern, with `nilai` for its parameters."""
    jalur = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: nilai.get(m.group(1), "1"), pola)

    def grup(m: re.Match[str]) -> str:
        if m.group(1) in nilai:
            return nilai[m.group(1)]
        return m.group(2).split("|")[0].strip("()") if "|" in m.group(2) else "1"

    jalur = re.sub(r"\(\?P<(\w+)>([^)]*\)?)\)", grup, jalur)
    return "/" + jalur.replace("^", "").replace("$", "").replace("\\.", ".")


def _rute_awalan(awalan: str) -> list[Rute]:
    return [r for r in semua_rute() if r.pola.startswith(awalan)]


def test_allauth_pages_never_fail_and_show_no_private_data(dunia: Dunia) -> None:
    salah: list[str] = []
    for rute in _rute_awalan("akun/"):
        alamat = jalur_contoh(rute.pola, {"key": "kunci-palsu", "uidb36": "1"})
        for aktor in ("anonim", "warga", "petugas_lain", "evaluator", "evaluator_lain"):
            respons = dunia.klien[aktor].get(alamat)
            if respons.status_code >= 500:
                salah.append(f"{alamat} as {aktor}: {respons.status_code}")
            bocor = [m for m in _terlarang(dunia, aktor) if m in _isi_teks(respons)]
            if bocor:
                salah.append(f"{alamat} as {aktor}: shows {bocor}")
    assert not salah, "\n".join(salah)


def test_the_admin_turns_away_everyone_but_admins_and_scopes_them_to_their_instansi(dunia: Dunia) -> None:
    objek = {"unitlayanan": dunia.unit.pk, "instansi": dunia.instansi.pk, "penataan": dunia.penataan.pk}
    salah: list[str] = []
    rute_admin = [r for r in _rute_awalan("admin/") if not r.pola.endswith("(?P<url>.*)$")]
    assert len(rute_admin) > 20
    for rute in rute_admin:
        model = rute.pola.split("/")[2] if rute.pola.count("/") > 2 else ""
        pk = str(objek.get(model, dunia.unit.pk))
        alamat = jalur_contoh(rute.pola, {"object_id": pk, "id": pk})
        if rute.nama == "admin:logout":
            continue  # POST only, and it would sign the client out for the next routes
        for aktor in ("anonim", "warga", "petugas_lain", "evaluator", "evaluator_lain"):
            respons = dunia.klien[aktor].get(alamat)
            diusir = respons.status_code in (403, 404) or (
                respons.status_code == 302 and "login" in respons["Location"]
            )
            terbuka = rute.nama in {"admin:login", "admin:jsi18n"} and respons.status_code in (200, 302)
            if not (diusir or terbuka):
                salah.append(f"{alamat} as {aktor}: {respons.status_code}")
            bocor = [m for m in _terlarang(dunia, aktor) if m in _isi_teks(respons)]
            if bocor:
                salah.append(f"{alamat} as {aktor}: shows {bocor}")
        # The admin instansi gets in, and sees nothing of the other instansi.
        respons = dunia.klien["admin_instansi"].get(alamat)
        if respons.status_code >= 500:
            salah.append(f"{alamat} as admin_instansi: {respons.status_code}")
        bocor = [m for m in _terlarang(dunia, "admin_instansi") if m in _isi_teks(respons)]
        bocor += ["Jambi"] if "Jambi" in _isi_teks(respons) else []
        if bocor:
            salah.append(f"{alamat} as admin_instansi: shows {bocor}")
    daftar = dunia.klien["admin_instansi"].get("/admin/organisasi/unitlayanan/")
    assert daftar.status_code == 200 and "Dinas Kependudukan Palembang" in daftar.content.decode()
    assert not salah, "\n".join(salah)

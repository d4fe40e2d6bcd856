"""Step 2: mapping columns to question codes (never to positions)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from ..models import KODE_UNSUR, Pertanyaan, Survei
from ..skm import UNSUR_PER_KODE
from .dasar import (
    LAYANAN,
    UNIT,
    WAKTU,
    PetaTidakSah,
)

# Mapping columns to codes ----------------------------------------------------------------------


def _norm(teks: Any) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(teks).casefold().replace("_", " ")).split())


_SINONIM_TETAP = {
    WAKTU: ("waktu", "tanggal", "tgl", "tanggal survei", "tanggal pengisian", "waktu pengisian", "timestamp"),
    UNIT: ("unit", "unit layanan", "nama unit", "opd"),
    LAYANAN: ("layanan", "jenis layanan", "jenis layanan yang diterima", "nama layanan"),
}
# Short names people give the unsur columns. Titles only, never positions ("P8", "Q9"): a
# column named by its number in some questionnaire is exactly the U8/U9 trap.
_SINONIM_UNSUR = {
    "U1": ("persyaratan",),
    "U2": ("prosedur", "sistem mekanisme prosedur", "sistem mekanisme dan prosedur"),
    "U3": ("waktu penyelesaian", "kecepatan"),
    "U4": ("biaya", "tarif", "biaya tarif"),
    "U5": ("produk", "produk layanan", "produk spesifikasi jenis pelayanan"),
    "U6": ("kompetensi", "kompetensi pelaksana"),
    "U7": ("perilaku", "perilaku pelaksana"),
    "U8": ("pengaduan", "penanganan pengaduan", "penanganan pengaduan saran dan masukan"),
    "U9": ("sarana", "sarana prasarana", "sarana dan prasarana"),
}


def judul_pertanyaan(p: Pertanyaan) -> str:
    """A question's short title in the current language (the built-in titles are in the catalogue)."""
    return _(p.judul) if p.judul else p.teks[:60]


def _urut_target(daftar_pertanyaan: Sequence[Pertanyaan]) -> list[Pertanyaan]:
    """U1..U9 in code order first (whatever the questionnaire's order), then the rest as asked."""
    unsur = sorted(
        (p for p in daftar_pertanyaan if p.kode in KODE_UNSUR), key=lambda p: KODE_UNSUR.index(p.kode)
    )
    return unsur + [p for p in daftar_pertanyaan if p.kode not in KODE_UNSUR]


def pilihan_target(daftar_pertanyaan: Sequence[Pertanyaan]) -> list[tuple[str, str]]:
    """(value, label) of everything a column can be mapped to, "" meaning ignore the column."""
    pilihan = [
        ("", _("abaikan kolom ini")),
        (WAKTU, _("waktu · tanggal pengisian")),
        (UNIT, _("unit · unit layanan")),
        (LAYANAN, _("layanan · jenis layanan")),
    ]
    for p in _urut_target(daftar_pertanyaan):
        pilihan.append((p.kode, f"{p.kode} · {judul_pertanyaan(p)}"))
    return pilihan


def peta_tebak(kolom: Sequence[str], daftar_pertanyaan: Sequence[Pertanyaan]) -> dict[int, str]:
    """Column index -> target for the columns whose name says clearly what they hold: the
    exact code ("U1", "u1", "jenis_kelamin"), a code followed by a title ("U1 Persyaratan"), the
    unsur title ("Persyaratan"), a profile name ("Jenis Kelamin"). Each target at most once."""
    kenal: dict[str, str] = {}
    for target, sinonim in _SINONIM_TETAP.items():
        for n in sinonim:
            kenal.setdefault(n, target)
    kode_ada = {p.kode for p in daftar_pertanyaan}
    for p in daftar_pertanyaan:
        kenal[_norm(p.kode)] = p.kode
    for p in daftar_pertanyaan:
        if p.kelompok == Pertanyaan.Kelompok.HARAPAN:
            continue  # an H item shares its unsur's title: only its code identifies it
        for nama in (
            p.judul,
            judul_pertanyaan(p),
            p.teks if p.kelompok == Pertanyaan.Kelompok.PROFIL else "",
        ):
            if nama:
                kenal.setdefault(_norm(nama), p.kode)
        if p.kode in UNSUR_PER_KODE:
            for n in _SINONIM_UNSUR[p.kode]:
                kenal.setdefault(n, p.kode)
    peta: dict[int, str] = {}
    dipakai: set[str] = set()
    for i, nama in enumerate(kolom):
        n = _norm(nama)
        tebakan = kenal.get(n)
        if tebakan is None:
            awal = re.match(r"^([uh][1-9])\b", n)
            if awal and awal.group(1).upper() in kode_ada:
                tebakan = awal.group(1).upper()
        if tebakan is not None and tebakan not in dipakai:
            peta[i] = tebakan
            dipakai.add(tebakan)
    return peta


def peta_periksa(
    peta: Mapping[int, str], *, kolom: Sequence[str], daftar_pertanyaan: Sequence[Pertanyaan], survei: Survei
) -> None:
    """PetaTidakSah listing every reason the mapping cannot be used."""
    sah = {v for v, _label in pilihan_target(daftar_pertanyaan) if v}
    kesalahan: list[str] = []
    per_target: dict[str, list[str]] = {}
    for i, target in peta.items():
        if not target:
            continue
        if target not in sah:
            kesalahan.append(_("Target %(target)s tidak dikenal.") % {"target": target})
        per_target.setdefault(target, []).append(kolom[i])
    for target, daftar in per_target.items():
        if len(daftar) > 1:
            kesalahan.append(
                _("%(target)s dipetakan ke lebih dari satu kolom (%(kolom)s); pilih satu.")
                % {"target": target, "kolom": ", ".join(daftar)}
            )
    if not any(t in KODE_UNSUR for t in per_target):
        kesalahan.append(
            _(
                "Tidak ada kolom yang dipetakan ke unsur SKM (U1 sampai U9). Pilih kode unsur untuk "
                "kolom jawaban; periksa judulnya, bukan urutannya."
            )
        )
    if WAKTU not in per_target:
        kesalahan.append(_("Pilih kolom yang berisi tanggal pengisian (waktu)."))
    if UNIT not in per_target and survei.survei_unit.count() > 1:
        kesalahan.append(_("Survei ini mencakup beberapa unit layanan: pilih kolom yang berisi unit."))
    if kesalahan:
        raise PetaTidakSah(kesalahan)

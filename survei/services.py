"""Writing surveys and responses. Every response, whatever its source (the public form, the
kiosk, a paper form keyed in, a spreadsheet row), is checked by respons_periksa() and stored by
respons_simpan(), so the rules live in one place."""

from __future__ import annotations

import math
import secrets
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext as _

from akun.models import Pengguna
from organisasi.models import Layanan, UnitLayanan

from .models import KOLOM_UNSUR, Impor, Kuesioner, Pertanyaan, Respons, Survei, SurveiUnit, isian_unsur

PANJANG_TEKS_MAKS = 2000
# Jawaban.nilai is a 32-bit integer column on PostgreSQL; a bigger number must be a clear
# message, not a database error.
ANGKA_MUTLAK_MAKS = 2_147_483_647
# Lower-case letters and digits without the look-alikes 0/o, 1/l/i: the code is typed from
# paper and read aloud at the counter.
_HURUF_KODE = "abcdefghjkmnpqrstuvwxyz23456789"


class KesalahanSurvei(Exception):
    """A domain error with a message meant for the person who caused it."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class ValidasiRespons(KesalahanSurvei):
    """Answers that cannot be stored; `kesalahan` maps a field (question code, "unit",
    "layanan" or "__all__") to its messages."""

    def __init__(self, kesalahan: dict[str, list[str]]) -> None:
        super().__init__(_("Periksa kembali isian yang ditandai."))
        self.kesalahan = kesalahan


@dataclass(frozen=True)
class JawabanSah:
    pertanyaan: Pertanyaan
    nilai: int | None
    teks: str | None


@dataclass(frozen=True)
class ResponsSah:
    survei: Survei
    unit: UnitLayanan
    layanan: Layanan | None
    jawaban: tuple[JawabanSah, ...]

    def isian_unsur(self) -> dict[str, int | None]:
        """The Respons fields of the unsur answers: u1..u9 and their summaries (isian_unsur)."""
        return isian_unsur(
            {
                j.pertanyaan.unsur: j.nilai
                for j in self.jawaban
                if j.pertanyaan.kelompok == Pertanyaan.Kelompok.UNSUR
            }
        )

    def jawaban_lain(self) -> tuple[JawabanSah, ...]:
        """The answers stored as Jawaban rows: every question but the unsur."""
        return tuple(j for j in self.jawaban if j.pertanyaan.kelompok != Pertanyaan.Kelompok.UNSUR)


# Checking ------------------------------------------------------------------------------------


def _kosong(nilai: Any) -> bool:
    if nilai is None:
        return True
    if isinstance(nilai, float) and math.isnan(nilai):
        return True
    if isinstance(nilai, str | list | tuple):
        return len(nilai) == 0 or (isinstance(nilai, str) and not nilai.strip())
    return False


def _bilangan_bulat(nilai: Any) -> int | None:
    """An integer from what a form, CSV or spreadsheet cell holds ("3", 3, 3.0), else None."""
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float):
        return int(nilai) if nilai.is_integer() else None
    teks = str(nilai).strip()
    if teks.endswith(".0"):
        teks = teks[:-2]
    try:
        return int(teks)
    except ValueError:
        return None


def jawaban_periksa(pertanyaan: Pertanyaan, nilai: Any) -> JawabanSah:
    """Parse one answer for its question; ValueError with a translated message if invalid."""
    jenis = Pertanyaan.Jenis(pertanyaan.jenis)
    if jenis in (Pertanyaan.Jenis.SKALA4, Pertanyaan.Jenis.SKALA5):
        maks = pertanyaan.skala_maks
        angka = _bilangan_bulat(nilai)
        if angka is None or not 1 <= angka <= (maks or 0):
            raise ValueError(_("Pilih salah satu nilai 1 sampai %(maks)d.") % {"maks": maks})
        return JawabanSah(pertanyaan, angka, None)
    if jenis == Pertanyaan.Jenis.ANGKA:
        angka = _bilangan_bulat(nilai)
        if angka is None or abs(angka) > ANGKA_MUTLAK_MAKS:
            raise ValueError(_("Isi dengan bilangan bulat."))
        if pertanyaan.angka_min is not None and angka < pertanyaan.angka_min:
            raise ValueError(_("Angka terkecil yang diterima %(min)d.") % {"min": pertanyaan.angka_min})
        if pertanyaan.angka_maks is not None and angka > pertanyaan.angka_maks:
            raise ValueError(_("Angka terbesar yang diterima %(maks)d.") % {"maks": pertanyaan.angka_maks})
        return JawabanSah(pertanyaan, angka, None)
    if jenis == Pertanyaan.Jenis.PILIHAN_TUNGGAL:
        kode = str(nilai).strip()  # a NUL or any other stray character is simply not a choice
        if kode not in pertanyaan.kode_pilihan():
            raise ValueError(_("Pilih salah satu pilihan yang tersedia."))
        return JawabanSah(pertanyaan, None, kode)
    if jenis == Pertanyaan.Jenis.PILIHAN_GANDA:
        dipilih = {
            str(k).strip() for k in (nilai if isinstance(nilai, list | tuple) else str(nilai).split("|"))
        }
        dipilih.discard("")
        tersedia = pertanyaan.kode_pilihan()
        if not dipilih or not dipilih <= set(tersedia):
            raise ValueError(_("Pilih dari pilihan yang tersedia."))
        return JawabanSah(pertanyaan, None, "|".join(k for k in tersedia if k in dipilih))
    teks = str(nilai).strip()
    if "\x00" in teks:
        # PostgreSQL cannot store NUL in text; it only arrives from tampered or broken files.
        raise ValueError(_("Jawaban berisi karakter yang tidak diizinkan."))
    if len(teks) > PANJANG_TEKS_MAKS:
        raise ValueError(
            _("Jawaban terlalu panjang (%(n)d karakter); paling banyak %(maks)d karakter.")
            % {"n": len(teks), "maks": PANJANG_TEKS_MAKS}
        )
    return JawabanSah(pertanyaan, None, teks)


def respons_periksa(
    *,
    survei: Survei,
    unit: UnitLayanan | int | None,
    layanan: Layanan | int | None = None,
    jawaban: Mapping[str, Any],
    sumber: str,
    daftar_pertanyaan: Sequence[Pertanyaan] | None = None,
    unit_survei: Mapping[int, UnitLayanan] | None = None,
) -> ResponsSah:
    """Check a whole response without writing anything; raises ValidasiRespons listing every
    problem at once. Required questions are enforced for citizens filling the form themselves;
    paper forms are stored as the citizen left them (SKM allows missing answers per unsur), but
    a response must answer at least one unsur.

    daftar_pertanyaan and unit_survei let a bulk import load them once for all its rows."""
    if not survei.menerima_respons:
        raise KesalahanSurvei(_("Survei ini tidak sedang dibuka, jadi tidak menerima jawaban."))
    kesalahan: dict[str, list[str]] = {}
    if daftar_pertanyaan is None:
        daftar_pertanyaan = list(survei.kuesioner.pertanyaan.all())
    if unit_survei is None:
        unit_survei = {u.pk: u for u in survei.unit.all()}

    unit_id = unit.pk if isinstance(unit, UnitLayanan) else unit
    unit_obj = unit_survei.get(unit_id) if unit_id is not None else None
    if unit_obj is None:
        kesalahan["unit"] = [_("Pilih unit layanan yang termasuk dalam survei ini.")]

    layanan_obj: Layanan | None = None
    if layanan is not None and layanan != "":
        if isinstance(layanan, Layanan):
            layanan_obj = layanan if layanan.aktif else None
        else:
            layanan_obj = Layanan.objects.filter(pk=layanan, aktif=True).first()
        if layanan_obj is None or (unit_obj is not None and layanan_obj.unit_id != unit_obj.pk):
            kesalahan["layanan"] = [_("Pilih layanan dari unit layanan yang dipilih.")]

    dikenal = {p.kode for p in daftar_pertanyaan}
    for kode in jawaban:
        if kode not in dikenal:
            kesalahan.setdefault("__all__", []).append(
                _("Pertanyaan %(kode)s tidak ada dalam kuesioner ini.") % {"kode": kode}
            )

    wajib = sumber in (Respons.Sumber.ONLINE, Respons.Sumber.KIOS)
    sah: list[JawabanSah] = []
    for p in daftar_pertanyaan:
        nilai = jawaban.get(p.kode)
        if _kosong(nilai):
            if wajib and p.wajib:
                kesalahan[p.kode] = [_("Pertanyaan ini wajib dijawab.")]
            continue
        try:
            sah.append(jawaban_periksa(p, nilai))
        except ValueError as e:
            kesalahan[p.kode] = [str(e)]

    if not kesalahan and not any(j.pertanyaan.kelompok == Pertanyaan.Kelompok.UNSUR for j in sah):
        kesalahan["__all__"] = [_("Jawab paling sedikit satu unsur pelayanan.")]
    if kesalahan:
        raise ValidasiRespons(kesalahan)
    assert unit_obj is not None
    return ResponsSah(survei=survei, unit=unit_obj, layanan=layanan_obj, jawaban=tuple(sah))


# Storing -------------------------------------------------------------------------------------


# The rows are written with SQL rather than through Respons.objects.create() and
# Jawaban.objects.bulk_create(): this is the one write every citizen's submission makes, and
# compiling those ORM statements cost more CPU than everything else the submission does. The
# nine unsur answers are columns of the response; only other answers (profile, harapan, extra
# questions) become Jawaban rows. On PostgreSQL it is a single statement (the status check, the
# response and any other answers: atomic by itself, one round trip), on SQLite one or two in
# one transaction. The database checks what it always checks (constraints, foreign keys, the
# answer kind); no model signals are sent for these rows (the project connects none).
_KOLOM_RESPONS = (
    "survei_id",
    "unit_id",
    "layanan_id",
    "sumber",
    "waktu",
    "kunci",
    "dientri_oleh_id",
    "dibuat",
    *KOLOM_UNSUR,
    "pola_unsur",
    "jumlah_unsur",
    "dijawab_unsur",
)
# The response is inserted only while its survey is open, read in the same statement: the
# survey may have been closed since the caller loaded it. A key already stored (the same form
# sent again: double tap, refresh, retry, or two copies racing) inserts nothing, without an
# error: the unique (survei, kunci) constraint is the conflict target, so neither PostgreSQL
# (an aborted row, an ERROR in its log) nor Python (an IntegrityError through Django's
# wrappers) pays for a repeat. ON CONFLICT waits for a racing copy to commit, and the next
# statement's snapshot sees it (_SQL_KUNCI_TERSIMPAN).
_INSERT_RESPONS = (
    f"INSERT INTO survei_respons ({', '.join(_KOLOM_RESPONS)}) "  # noqa: S608 - fixed names only
    f"SELECT {', '.join(['%s'] * len(_KOLOM_RESPONS))} "
    "WHERE EXISTS (SELECT 1 FROM survei_survei WHERE id = %s AND status = %s) "
    "ON CONFLICT (survei_id, kunci) DO NOTHING"
)
_SQL_KUNCI_TERSIMPAN = "SELECT id FROM survei_respons WHERE survei_id = %s AND kunci = %s"
# Only the unsur answered (the public form's usual submission): one row, no arrays to send.
_SQL_POSTGRESQL = f"{_INSERT_RESPONS} RETURNING id"
_SQL_POSTGRESQL_DENGAN_JAWABAN = (
    f"WITH baru AS ({_INSERT_RESPONS} RETURNING id), jawaban AS ("  # noqa: S608 - fixed names only
    "INSERT INTO survei_jawaban (respons_id, pertanyaan_id, jenis, nilai, teks) "
    "SELECT baru.id, j.pertanyaan_id, j.jenis, j.nilai, j.teks FROM baru, "
    "UNNEST(%s::bigint[], %s::varchar[], %s::integer[], %s::text[]) AS j (pertanyaan_id, jenis, nilai, teks)"
    ") SELECT id FROM baru"
)


@cache
def _kelas_kursor_siap() -> Any:
    # Imported on first use: the PostgreSQL backend module is only needed on PostgreSQL.
    from django.db.backends.postgresql.base import ServerBindingCursor

    dasar: Any = ServerBindingCursor

    class Disiapkan(dasar):
        def execute(self, query: Any, params: Any = None, *, prepare: Any = None, binary: Any = None) -> Any:
            return super().execute(query, params, prepare=True, binary=binary)

    return Disiapkan


def _kursor_siap(koneksi: Any) -> Any:
    """A cursor of Django's connection whose statements PostgreSQL prepares once per connection
    and then only executes (server-side binding, psycopg's prepare=True). Django's own cursors
    bind client-side and never prepare, so the server parses and plans every submission's
    statement anew: with ten rows, their checks and the survey-status subquery, planning was a
    third of its cost (pgbench, 20 clients: 2 900 statements/s unprepared, 4 600 prepared).

    It goes through what connection.cursor() does (health check, connect, error wrapping and
    execute_wrappers), so the 503 middleware sees its errors as any other query's.
    settings.DB_PREPARED_STATEMENTS = False (env DB_PREPARED_STATEMENTS=0)
    turns it off for a connection pooler in transaction mode without prepared-statement
    support (e.g. PgBouncer older than 1.21)."""
    kelas = _kelas_kursor_siap()
    koneksi.close_if_health_check_failed()
    koneksi.ensure_connection()
    with koneksi.wrap_database_errors:
        return koneksi._prepare_cursor(kelas(koneksi.connection))


def _tulis(
    *,
    survei: Survei,
    sah: ResponsSah,
    sumber: str,
    kunci: str,
    waktu: datetime | None,
    dientri_oleh: Pengguna | None,
) -> tuple[Respons, bool]:
    """INSERT the response and its answers while the survey is open (else KesalahanSurvei,
    nothing stored): (the stored response as if read back, True), or, when the key was stored
    before, (that response, False) and nothing written."""
    sekarang = timezone.now()
    baris_baru: dict[str, Any] = {
        "survei_id": survei.pk,
        "unit_id": sah.unit.pk,
        "layanan_id": sah.layanan.pk if sah.layanan else None,
        "sumber": sumber,
        "waktu": waktu or sekarang,
        "kunci": kunci,
        "dientri_oleh_id": dientri_oleh.pk if dientri_oleh else None,
        "impor_id": None,
        "dibuat": sekarang,
        **sah.isian_unsur(),
    }
    koneksi = connections[router.db_for_write(Respons)]
    ops = koneksi.ops
    nilai = [
        ops.adapt_datetimefield_value(baris_baru[k]) if k in ("waktu", "dibuat") else baris_baru[k]
        for k in _KOLOM_RESPONS
    ]
    nilai += [survei.pk, Survei.Status.TERBUKA.value]
    jawaban = [(j.pertanyaan.pk, j.pertanyaan.jenis, j.nilai, j.teks) for j in sah.jawaban_lain()]
    # While queries are logged (DEBUG, a test capturing them) Django's own cursor runs it, so
    # that the log shows its SQL: after a prepared execution psycopg keeps no text to log.
    siap = (
        koneksi.vendor == "postgresql"
        and getattr(settings, "DB_PREPARED_STATEMENTS", True)
        and not koneksi.queries_logged
    )
    with _kursor_siap(koneksi) if siap else koneksi.cursor() as cursor:
        if koneksi.vendor == "postgresql":
            # One statement is atomic by itself; inside a caller's transaction a savepoint
            # keeps that transaction usable when the statement fails (a repeated key).
            with transaction.atomic(using=koneksi.alias) if koneksi.in_atomic_block else nullcontext():
                if jawaban:
                    kolom_jawaban = [list(k) for k in zip(*jawaban, strict=True)]
                    cursor.execute(_SQL_POSTGRESQL_DENGAN_JAWABAN, [*nilai, *kolom_jawaban])
                else:
                    cursor.execute(_SQL_POSTGRESQL, nilai)
                baris = cursor.fetchone()
            respons_id = baris[0] if baris else None
        else:
            with transaction.atomic(using=koneksi.alias):
                cursor.execute(_INSERT_RESPONS, nilai)
                respons_id = cursor.lastrowid if cursor.rowcount == 1 else None
                if respons_id is not None and jawaban:
                    cursor.executemany(
                        "INSERT INTO survei_jawaban (respons_id, pertanyaan_id, jenis, nilai, teks) "
                        "VALUES (%s, %s, %s, %s, %s)",
                        [(respons_id, *j) for j in jawaban],
                    )
        if respons_id is None:
            # Nothing inserted: the key was stored before, or the survey is not open.
            lama = _respons_dengan_kunci(cursor, koneksi.alias, survei_id=survei.pk, kunci=kunci)
            if lama is None:
                raise KesalahanSurvei(_("Survei ini tidak sedang dibuka, jadi tidak menerima jawaban."))
            return lama, False
    terkait = {"survei": survei, "unit": sah.unit, "layanan": sah.layanan, "dientri_oleh": dientri_oleh}
    return _respons_tersimpan({"id": respons_id, **baris_baru}, db=koneksi.alias, terkait=terkait), True


def _respons_dengan_kunci(cursor: Any, db: str, *, survei_id: int, kunci: str) -> Respons | None:
    """The response stored under this key, or None. Only its id is read: the other fields load
    on first access (Django's deferred fields), and the callers of a repeat only need to know
    it exists (the public form redirects, the paper form says "already stored")."""
    cursor.execute(_SQL_KUNCI_TERSIMPAN, [survei_id, kunci])
    baris = cursor.fetchone()
    return None if baris is None else Respons.from_db(db, ["id"], [baris[0]])


def _respons_tersimpan(baris: dict[str, Any], *, db: str, terkait: dict[str, Any]) -> Respons:
    """The Respons instance of a row just written, with its related objects attached, as a
    queryset would give it. Filled in place like an unpickled model (no __init__): building it
    with Respons(**fields) cost the form's submission more than checking its nine answers."""
    respons = Respons.__new__(Respons)
    respons.__dict__.update(baris)
    respons._state = ModelState()
    respons._state.adding = False
    respons._state.db = db
    respons._state.fields_cache.update(terkait)
    return respons


def respons_simpan(
    *,
    survei: Survei,
    unit: UnitLayanan | int | None,
    layanan: Layanan | int | None = None,
    jawaban: Mapping[str, Any],
    sumber: str,
    kunci: str,
    waktu: datetime | None = None,
    dientri_oleh: Pengguna | None = None,
    daftar_pertanyaan: Sequence[Pertanyaan] | None = None,
    unit_survei: Mapping[int, UnitLayanan] | None = None,
) -> tuple[Respons, bool]:
    """Store one response and all its answers, or nothing. Returns (respons, baru): the same
    kunci posted again (double tap, refresh, retry) returns the response stored the first
    time with baru=False instead of storing a second one, even if the survey has closed or
    the answers would be refused by now.

    A caller that has already loaded the questionnaire's questions or the survey's units (the
    public form has, to render it) passes them to save the queries on the hot path.

    The usual case, a new key, costs one statement on PostgreSQL (see _tulis): the key is not
    looked up first; the INSERT skips a key stored before (the unique (survei, kunci)
    constraint), and only a refusal or a repeat then reads the response stored before. The
    response of a repeat comes back with only its id read (the rest loads on access)."""
    if not kunci or len(kunci) > 64:
        raise KesalahanSurvei(_("Formulir tidak dikenali. Muat ulang halaman lalu isi kembali."))
    try:
        sah = respons_periksa(
            survei=survei,
            unit=unit,
            layanan=layanan,
            jawaban=jawaban,
            sumber=sumber,
            daftar_pertanyaan=daftar_pertanyaan,
            unit_survei=unit_survei,
        )
    except KesalahanSurvei:
        # A repeat of a stored form refused now (closed since, or answers no longer valid):
        # the first one was stored; anything else is the caller's error to see.
        koneksi = connections[router.db_for_write(Respons)]
        with koneksi.cursor() as cursor:
            lama = _respons_dengan_kunci(cursor, koneksi.alias, survei_id=survei.pk, kunci=kunci)
        if lama is None:
            raise
        return lama, False
    return _tulis(survei=survei, sah=sah, sumber=sumber, kunci=kunci, waktu=waktu, dientri_oleh=dientri_oleh)


def kunci_baru() -> str:
    return secrets.token_urlsafe(24)


# Survey runs ---------------------------------------------------------------------------------


def kode_survei_baru() -> str:
    while True:
        kode = "".join(secrets.choice(_HURUF_KODE) for _ in range(7))
        if not Survei.objects.filter(kode=kode).exists():
            return kode


def survei_buat(
    *,
    kuesioner: Kuesioner,
    instansi_unit: Sequence[tuple[UnitLayanan, int | None]],
    judul: str,
    periode: str,
    mulai: date,
    selesai: date,
    pengguna: Pengguna | None,
) -> Survei:
    """A draft survey at the given units (each with its estimated population or None)."""
    if not instansi_unit:
        raise KesalahanSurvei(_("Pilih paling sedikit satu unit layanan."))
    instansi_id = instansi_unit[0][0].instansi_id
    if any(u.instansi_id != instansi_id for u, _p in instansi_unit):
        raise KesalahanSurvei(_("Semua unit harus berada di instansi yang sama."))
    if kuesioner.instansi_id not in (None, instansi_id):
        raise KesalahanSurvei(_("Kuesioner ini milik instansi lain."))
    if selesai < mulai:
        raise KesalahanSurvei(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    with transaction.atomic():
        survei = Survei(
            kuesioner=kuesioner,
            instansi_id=instansi_id,
            judul=judul,
            kode=kode_survei_baru(),
            periode=periode,
            mulai=mulai,
            selesai=selesai,
            dibuat_oleh=pengguna,
        )
        survei.full_clean()
        survei.save()
        SurveiUnit.objects.bulk_create(
            SurveiUnit(survei=survei, unit=unit, populasi=populasi) for unit, populasi in instansi_unit
        )
    return survei


def survei_buka(*, survei: Survei) -> Survei:
    with transaction.atomic():
        survei = Survei.objects.select_for_update().get(pk=survei.pk)
        if survei.status == Survei.Status.TERBUKA:
            raise KesalahanSurvei(_("Survei ini sudah dibuka."))
        if not survei.survei_unit.exists():
            raise KesalahanSurvei(_("Survei tanpa unit layanan tidak dapat dibuka."))
        survei.status = Survei.Status.TERBUKA
        survei.dibuka_pada = timezone.now()
        survei.ditutup_pada = None
        survei.save(update_fields=["status", "dibuka_pada", "ditutup_pada"])
    return survei


def survei_tutup(*, survei: Survei) -> Survei:
    with transaction.atomic():
        survei = Survei.objects.select_for_update().get(pk=survei.pk)
        if survei.status != Survei.Status.TERBUKA:
            raise KesalahanSurvei(_("Hanya survei yang sedang dibuka yang dapat ditutup."))
        survei.status = Survei.Status.DITUTUP
        survei.ditutup_pada = timezone.now()
        survei.save(update_fields=["status", "ditutup_pada"])
    return survei


__all__ = [
    "Impor",
    "JawabanSah",
    "KesalahanSurvei",
    "ResponsSah",
    "ValidasiRespons",
    "jawaban_periksa",
    "kunci_baru",
    "respons_periksa",
    "respons_simpan",
    "survei_buat",
    "survei_buka",
    "survei_tutup",
]

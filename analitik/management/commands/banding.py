"""`python manage.py banding SEBELUM SESUDAH [--json] [--bobot-lama] [--bootstrap B] [--seed S]
[--bootstrap-metode otomatis|multinomial|normal]`:
compare the respondents of two files in the export format (sesudah versus sebelum), per unsur
and overall. --json prints the banding object of analitik.keluaran (an interface: keep its
keys); without it a readable Indonesian report with one plain-language sentence per unsur.

`python manage.py banding --penataan SLUG [--instansi SLUG] [--jeda-bulan N] [--json]`: the
same analysis for every unit resulting from a restructuring, read from the database. That
part lives in analitik/penataan.py (the database side), as

    banding_penataan(*, penataan_slug: str, instansi_slug: str | None = None,
                     jeda_bulan: int = 0, bobot_lama: bool = False) -> dict

which is imported only when --penataan is given, so file mode works without it. The readable
report expects the dict to hold {"penataan": {...}, "unit": {name: banding object, or
{"alasan"}}, "pembanding": {"did": did object}, "its": {name: its object}} (objects of
analitik.keluaran) and prints anything else as JSON. Domain errors it raises
(ValueError, LookupError, or any exception with a `pesan` attribute) become the command's
one-line error.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from analitik.format import (
    angka,
    bertanda,
    bilangan,
    interval,
    kalimat_unsur,
    keterangan_efek,
    metode_bootstrap,
    nilai_p,
    teks_alasan,
)
from analitik.keluaran import banding_dan_metode
from analitik.statistik import BENIH, IKMTidakLengkap, ikm
from analitik.tabel import TabelHitung

from .ikm import kalimat_bobot, pesan_tidak_lengkap, tabel_dari, tulis_json


def _ringkasan_ikm(obj: dict[str, Any]) -> list[str]:
    sebelum, sesudah = obj["sebelum"], obj["sesudah"]
    lebar = 28

    def baris(label: str, a: str, b: str) -> str:
        return f"{label:<{lebar}} {a:>16} {b:>16}"

    return [
        baris("", _("Sebelum"), _("Sesudah")),
        baris(_("Jumlah responden"), bilangan(sebelum["n"]), bilangan(sesudah["n"])),
        baris(_("IKM (1-4)"), angka(sebelum["ikm"], 4), angka(sesudah["ikm"], 4)),
        baris(_("Nilai konversi"), angka(sebelum["nilai_konversi"]), angka(sesudah["nilai_konversi"])),
        baris(
            _("Mutu (kinerja)"),
            f"{sebelum['mutu']} ({_(sebelum['kinerja'])})",
            f"{sesudah['mutu']} ({_(sesudah['kinerja'])})",
        ),
    ]


def _kalimat_ikm(obj: dict[str, Any], *, bootstrap: int | None, metode: str | None = None) -> list[str]:
    k = obj["ikm"]
    selisih = k["selisih"]
    arah = _("naik") if selisih > 0 else _("turun") if selisih < 0 else _("tetap")
    baris = [
        _(
            "Nilai konversi IKM %(arah)s %(selisih)s poin, dari %(a)s (mutu %(ma)s) "
            "menjadi %(b)s (mutu %(mb)s)."
        )
        % {
            "arah": arah,
            "selisih": angka(abs(selisih)),
            "a": angka(obj["sebelum"]["nilai_konversi"]),
            "ma": obj["sebelum"]["mutu"],
            "b": angka(obj["sesudah"]["nilai_konversi"]),
            "mb": obj["sesudah"]["mutu"],
        }
    ]
    w = k["welch"]
    if w["p"] is None:
        baris.append(_("Uji Welch pada skor per responden tidak dapat dihitung."))
    else:
        baris.append(
            _(
                "Skor per responden (25 × rata-rata unsur yang dijawab): uji Welch t = %(t)s, df = %(df)s, "
                "%(p)s; interval kepercayaan 95%% selisih rata-rata: %(ci)s."
            )
            % {"t": angka(w["t"]), "df": angka(w["df"], 1), "p": nilai_p(w["p"]), "ci": interval(k["ci95"])}
        )
    if k["bootstrap_ci95"][0] is None:
        baris.append(_("Interval bootstrap tidak dapat dihitung."))
    else:
        baris.append(
            _(
                "Interval bootstrap 95%% (persentil, %(b)s replikasi, %(m)s) untuk selisih nilai "
                "konversi: %(ci)s."
            )
            % {
                "b": bilangan(bootstrap) if bootstrap else "?",
                "m": metode_bootstrap(metode) or _("metode otomatis"),
                "ci": interval(k["bootstrap_ci95"]),
            }
        )
    return baris


def _rincian_unsur(u: dict[str, Any]) -> str:
    return _(
        "IK 95%% %(ci)s; Welch t = %(t)s, df = %(df)s, %(p)s; Mann-Whitney U = %(u)s, %(pu)s; "
        "khi-kuadrat = %(x2)s, df = %(dfx)s, %(px)s; d = %(d)s; delta Cliff = %(delta)s; koreksi BH: %(bh)s"
    ) % {
        "ci": interval(u["ci95"]),
        "t": angka(u["welch"]["t"]),
        "df": angka(u["welch"]["df"], 1),
        "p": nilai_p(u["welch"]["p"]),
        "u": angka(u["mann_whitney"]["u"], 1),
        "pu": nilai_p(u["mann_whitney"]["p"]),
        "x2": angka(u["chi2"]["statistik"]),
        "dfx": "–" if u["chi2"]["df"] is None else str(u["chi2"]["df"]),
        "px": nilai_p(u["chi2"]["p"]),
        "d": bertanda(u["cohen_d"]),
        "delta": bertanda(u["cliff_delta"], 3),
        "bh": nilai_p(u["p_bh"]),
    }


def laporan_banding(
    obj: dict[str, Any], *, bootstrap: int | None = None, metode: str | None = None
) -> list[str]:
    baris = [*_ringkasan_ikm(obj), "", *_kalimat_ikm(obj, bootstrap=bootstrap, metode=metode), ""]
    baris.append(
        _(
            "Per unsur (rata-rata skala 1-4, sesudah dibanding sebelum; p uji Welch dikoreksi Holm atas "
            "unsur yang dapat diuji, bermakna bila p < 0,05):"
        )
    )
    for kode, u in obj["unsur"].items():
        baris.append("- " + kalimat_unsur(obj, kode))
        baris.append("  (" + _rincian_unsur(u) + ")")
    baris += ["", keterangan_efek(), kalimat_bobot(obj["sebelum"]["bobot"])]
    return baris


def _baris_did(did: dict[str, Any]) -> list[str]:
    e = did.get("estimasi") or {}
    baris = [_("Selisih-dalam-selisih (unit hasil penataan dibanding unit pembanding, skor 0-100):")]
    if e.get("koef") is None or e.get("se") is None:
        return [*baris, "  " + teks_alasan(did.get("alasan"))]
    return [
        *baris,
        "  "
        + _(
            "estimasi %(b)s poin; galat baku klaster per unit %(se)s; %(p)s (distribusi t, df = jumlah "
            "unit - 1); %(klaster)s klaster, %(n)s responden"
        )
        % {
            "b": bertanda(e["koef"]),
            "se": angka(e["se"]),
            "p": nilai_p(e.get("p_t")),
            "klaster": bilangan(did.get("klaster")),
            "n": bilangan(did.get("n")),
        },
    ]


def _baris_its(nama: str, its: dict[str, Any]) -> list[str]:
    level, tren = its.get("perubahan_level") or {}, its.get("perubahan_tren") or {}
    if level.get("koef") is None:
        return [f"  {nama}: " + teks_alasan(its.get("alasan"))]
    return [
        f"  {nama}: "
        + _("perubahan level %(l)s poin (%(pl)s), perubahan tren %(t)s poin per periode (%(pt)s)")
        % {
            "l": bertanda(level["koef"]),
            "pl": nilai_p(level.get("p")),
            "t": bertanda(tren.get("koef")),
            "pt": nilai_p(tren.get("p")),
        }
    ]


def laporan_penataan(hasil: Any, *, bootstrap: int | None = None) -> list[str] | None:
    """The readable report of banding_penataan's dict ({"penataan", "unit": {name: banding
    object or {"alasan"}}, "pembanding": {"did"}, "its": {name: its object}}), or None if its
    shape is not the expected one (the caller then prints JSON)."""
    if not isinstance(hasil, dict) or not isinstance(hasil.get("unit"), dict):
        return None
    kunci_banding = {"sebelum", "sesudah", "unsur", "ikm"}
    baris: list[str] = []
    penataan = hasil.get("penataan")
    if isinstance(penataan, dict) and penataan.get("judul"):
        baris += [
            _("Penataan: %(judul)s (efektif %(tanggal)s)")
            % {"judul": penataan["judul"], "tanggal": penataan.get("tanggal_efektif", "–")},
            "",
        ]
    for nama, obj in hasil["unit"].items():
        if not isinstance(obj, dict):
            return None
        baris.append(f"== {nama} ==")
        if kunci_banding <= obj.keys():
            baris += [*laporan_banding(obj, bootstrap=bootstrap, metode=obj.get("bootstrap_metode")), ""]
        else:
            baris += [str(obj.get("alasan") or _("Tidak dapat dibandingkan.")), ""]
    pembanding = hasil.get("pembanding")
    did = pembanding.get("did") if isinstance(pembanding, dict) else hasil.get("did")
    if isinstance(did, dict):
        baris += [*_baris_did(did), ""]
    its = hasil.get("its")
    if isinstance(its, dict) and its:
        baris.append(_("Deret waktu terputus (nilai konversi per periode):"))
        for nama, obj in its.items():
            if isinstance(obj, dict):
                baris += _baris_its(nama, obj)
    return baris


class Command(BaseCommand):
    help = "Membandingkan kepuasan sesudah dengan sebelum per unsur dan IKM, dari dua berkas atau penataan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sebelum", nargs="?", help=_("berkas CSV/XLSX responden sebelum"))
        parser.add_argument("sesudah", nargs="?", help=_("berkas CSV/XLSX responden sesudah"))
        parser.add_argument("--json", action="store_true", help=_("keluaran JSON"))
        parser.add_argument("--bobot-lama", action="store_true", help=_("bobot 0,111 seperti tabel lama"))
        parser.add_argument(
            "--bootstrap", type=int, default=2000, metavar="B", help=_("jumlah replikasi bootstrap")
        )
        parser.add_argument("--seed", type=int, default=BENIH, help=_("benih acak bootstrap"))
        parser.add_argument(
            "--bootstrap-metode",
            choices=["otomatis", "multinomial", "normal"],
            default="otomatis",
            help=_(
                "pengambilan ulang: otomatis (tepat bila pola jawaban sedikit, pendekatan normal bila "
                "banyak), multinomial (selalu tepat) atau normal"
            ),
        )
        parser.add_argument("--penataan", metavar="SLUG", help=_("analisis satu penataan dari basis data"))
        parser.add_argument("--instansi", metavar="SLUG", help=_("instansi penataan"))
        parser.add_argument("--jeda-bulan", type=int, default=0, metavar="N", help=_("masa transisi"))

    def handle(self, *args: Any, **opsi: Any) -> None:
        if opsi["bootstrap"] < 1:
            raise CommandError(_("--bootstrap harus paling sedikit 1."))
        if opsi["penataan"]:
            self._penataan(opsi)
            return
        if not opsi["sebelum"] or not opsi["sesudah"]:
            raise CommandError(_("Berikan dua berkas (SEBELUM dan SESUDAH), atau --penataan SLUG."))
        tabel: dict[str, TabelHitung] = {}
        for periode in ("sebelum", "sesudah"):
            tabel[periode] = tabel_dari(opsi[periode])
            try:
                ikm(tabel[periode], bobot_lama=opsi["bobot_lama"])
            except IKMTidakLengkap as e:
                raise CommandError(pesan_tidak_lengkap(e, berkas=opsi[periode])) from None
        obj, metode = banding_dan_metode(
            tabel["sebelum"],
            tabel["sesudah"],
            bobot_lama=opsi["bobot_lama"],
            bootstrap=opsi["bootstrap"],
            seed=opsi["seed"],
            metode_bootstrap=opsi["bootstrap_metode"],
        )
        if opsi["json"]:
            self.stdout.write(tulis_json(obj))
        else:
            judul = _("Perbandingan %(b)s (sesudah) dengan %(a)s (sebelum)") % {
                "a": opsi["sebelum"],
                "b": opsi["sesudah"],
            }
            laporan = laporan_banding(obj, bootstrap=opsi["bootstrap"], metode=metode)
            self.stdout.write("\n".join([judul, "", *laporan]))

    def _penataan(self, opsi: dict[str, Any]) -> None:
        if opsi["sebelum"] or opsi["sesudah"]:
            raise CommandError(_("Dengan --penataan, jangan berikan berkas."))
        # Imported here, not at the top: file mode must work while the database side of the
        # analysis does not exist yet, and an ImportError inside it must not be hidden.
        try:
            modul = importlib.import_module("analitik.penataan")
        except ModuleNotFoundError as e:
            if e.name != "analitik.penataan":
                raise
            modul = None
        fungsi = getattr(modul, "banding_penataan", None)
        if fungsi is None:
            raise CommandError(
                _("Analisis penataan dari basis data belum tersedia (analitik.penataan.banding_penataan).")
            )
        try:
            hasil = fungsi(
                penataan_slug=opsi["penataan"],
                instansi_slug=opsi["instansi"],
                jeda_bulan=opsi["jeda_bulan"],
                bobot_lama=opsi["bobot_lama"],
                bootstrap=opsi["bootstrap"],
                seed=opsi["seed"],
                metode_bootstrap=opsi["bootstrap_metode"],
            )
        except (ValueError, LookupError) as e:
            raise CommandError(getattr(e, "pesan", str(e))) from None
        except Exception as e:
            if hasattr(e, "pesan"):
                raise CommandError(e.pesan) from None
            raise
        laporan = None if opsi["json"] else laporan_penataan(hasil, bootstrap=opsi["bootstrap"])
        self.stdout.write(tulis_json(hasil) if laporan is None else "\n".join(laporan))

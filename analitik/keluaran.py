"""JSON-ready objects of the analysis, with the key names of the public interface (the
`ikm` and `banding` commands, the dashboards and the open-data API print exactly these).

Floats are unrounded; a value that cannot be computed is None (JSON null), never NaN or
infinity, and the objects always have the same keys, so a consumer can index them without
checking (a missing Welch test is {"t": null, "df": null, "p": null}, a missing interval
[null, null]). Why a value is null is not part of the interface: it follows from the data and
is stated by the readable reports (analitik.format.teks_alasan on the result objects of
analitik.statistik), e.g. a group with fewer than two answers has no Welch test.

ikm object:     {"n", "bobot", "unsur": {"U1": {"n", "jumlah", "nrr", "nrr_tertimbang"}, ...},
                 "ikm", "nilai_konversi", "mutu", "kinerja"}
banding object: {"sebelum": ikm object, "sesudah": ikm object,
                 "unsur": {"U1": {"rata_sebelum", "rata_sesudah", "selisih", "ci95": [lo, hi],
                                  "welch": {"t", "df", "p"}, "mann_whitney": {"u", "p"},
                                  "chi2": {"statistik", "df", "p"}, "cohen_d", "cliff_delta",
                                  "p_holm", "p_bh"}, ...},
                 "ikm": {"selisih", "welch": {"t", "df", "p"}, "ci95": [lo, hi],
                         "bootstrap_ci95": [lo, hi]}}

"bobot" is the weight used per unsur: 1/9 (0.111...) by default, 0.111 with bobot_lama (then
IKM = sum of NRR x 0,111, as the tables made with the printed weight compute it). Both objects
raise analitik.statistik.IKMTidakLengkap when an unsur has no answer in a period.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .statistik import (
    BENIH,
    BandingUnsur,
    HasilAlpha,
    HasilIKM,
    HasilIPA,
    Koefisien,
    MetodeBootstrap,
    UjiWelch,
    alpha,
    banding_ikm,
    banding_unsur,
    did,
    ikm,
    ipa,
    its,
)
from .statistik.did import Sel
from .tabel import TabelHitung


def _interval(ci: tuple[float, float] | None) -> list[float | None]:
    return [None, None] if ci is None else [float(ci[0]), float(ci[1])]


def _welch(w: UjiWelch) -> dict[str, float | None]:
    return {"t": w.t, "df": w.df, "p": w.p}


def objek_dari_ikm(h: HasilIKM) -> dict[str, Any]:
    return {
        "n": h.n,
        "bobot": float(h.bobot),
        "unsur": {
            k: {"n": u.n, "jumlah": u.jumlah, "nrr": float(u.nrr), "nrr_tertimbang": float(u.nrr_tertimbang)}
            for k, u in h.unsur.items()
        },
        "ikm": float(h.ikm),
        "nilai_konversi": float(h.nilai_konversi),
        "mutu": h.mutu,
        "kinerja": h.kinerja,
    }


def objek_ikm(tabel: TabelHitung, *, bobot_lama: bool = False) -> dict[str, Any]:
    return objek_dari_ikm(ikm(tabel, bobot_lama=bobot_lama))


def objek_unsur(u: BandingUnsur) -> dict[str, Any]:
    return {
        "rata_sebelum": u.rata_sebelum,
        "rata_sesudah": u.rata_sesudah,
        "selisih": u.selisih,
        "ci95": _interval(u.welch.ci95),
        "welch": _welch(u.welch),
        "mann_whitney": {"u": u.mann_whitney.u, "p": u.mann_whitney.p},
        "chi2": {"statistik": u.chi2.statistik, "df": u.chi2.df, "p": u.chi2.p},
        "cohen_d": u.cohen_d,
        "cliff_delta": u.cliff_delta,
        "p_holm": u.p_holm,
        "p_bh": u.p_bh,
    }


def objek_banding(
    sebelum: TabelHitung,
    sesudah: TabelHitung,
    *,
    bobot_lama: bool = False,
    bootstrap: int = 2000,
    seed: int = BENIH,
    metode_bootstrap: MetodeBootstrap = "otomatis",
) -> dict[str, Any]:
    """The banding object. bootstrap: replicates B; seed: its random seed; metode_bootstrap:
    "otomatis" (exact multinomial resampling while it is cheap, its normal limit for large
    pattern tables), or either one forced (see analitik.statistik.bootstrap)."""
    obj, _metode = banding_dan_metode(
        sebelum,
        sesudah,
        bobot_lama=bobot_lama,
        bootstrap=bootstrap,
        seed=seed,
        metode_bootstrap=metode_bootstrap,
    )
    return obj


def banding_dan_metode(
    sebelum: TabelHitung,
    sesudah: TabelHitung,
    *,
    bobot_lama: bool = False,
    bootstrap: int = 2000,
    seed: int = BENIH,
    metode_bootstrap: MetodeBootstrap = "otomatis",
) -> tuple[dict[str, Any], str]:
    """objek_banding and the bootstrap sampler it used ("multinomial" or "normal")."""
    keseluruhan = banding_ikm(
        sebelum,
        sesudah,
        bobot_lama=bobot_lama,
        bootstrap=bootstrap,
        seed=seed,
        metode_bootstrap=metode_bootstrap,
    )
    obj = {
        "sebelum": objek_dari_ikm(keseluruhan.sebelum),
        "sesudah": objek_dari_ikm(keseluruhan.sesudah),
        "unsur": {k: objek_unsur(u) for k, u in banding_unsur(sebelum, sesudah).items()},
        "ikm": {
            "selisih": float(keseluruhan.selisih),
            "welch": _welch(keseluruhan.welch),
            "ci95": _interval(keseluruhan.welch.ci95),
            "bootstrap_ci95": _interval(keseluruhan.bootstrap.ci95),
        },
    }
    return obj, keseluruhan.bootstrap.metode


def _koefisien(k: Koefisien | None) -> dict[str, Any]:
    if k is None:
        return {
            "koef": None,
            "se": None,
            "t": None,
            "p": None,
            "ci95": [None, None],
            "p_t": None,
            "ci95_t": [None, None],
        }
    return {
        "koef": k.koef,
        "se": k.se,
        "t": k.t,
        "p": k.p,
        "ci95": _interval(k.ci95),
        "p_t": k.p_t,
        "ci95_t": _interval(k.ci95_t),
    }


def objek_did(sel: Sequence[Sel]) -> dict[str, Any]:
    """{"n", "klaster", "rata": {"pembanding_sebelum", "pembanding_sesudah", "diobati_sebelum",
    "diobati_sesudah"}, "estimasi": koefisien of diobati x sesudah, "koefisien": {"konstanta",
    "diobati", "sesudah", "interaksi"}, "alasan"}; each koefisien {"koef", "se", "t", "p",
    "ci95", "p_t", "ci95_t"}: p and ci95 as statsmodels' cluster default (normal), p_t and
    ci95_t with Student's t and G - 1 df (prefer them with few units). Scores on the 0-100 scale."""
    h = did(sel)
    nama = {False: "pembanding", True: "diobati"}
    waktu = {False: "sebelum", True: "sesudah"}
    koef = h.koefisien or {}
    return {
        "n": h.n,
        "klaster": h.klaster,
        "rata": {f"{nama[d]}_{waktu[s]}": h.rata[(d, s)] for d in (False, True) for s in (False, True)},
        "estimasi": _koefisien(h.estimasi),
        "koefisien": {k: _koefisien(koef.get(k)) for k in ("konstanta", "diobati", "sesudah", "interaksi")},
        "alasan": h.alasan,
    }


def objek_its(nilai_per_periode: Sequence[float], indeks_intervensi: int) -> dict[str, Any]:
    """{"n_periode", "indeks_intervensi", "perubahan_level", "perubahan_tren", "koefisien":
    {"konstanta", "tren", "perubahan_level", "perubahan_tren"}, "alasan"}; each koefisien
    as in objek_did (p_t, ci95_t null: the t distribution with T - 4 df is already used);
    alasan "tidak_cukup_periode" when either side has fewer than three periods."""
    h = its(nilai_per_periode, indeks_intervensi)
    koef = h.koefisien or {}
    return {
        "n_periode": h.n_periode,
        "indeks_intervensi": h.indeks_intervensi,
        "perubahan_level": _koefisien(h.perubahan_level),
        "perubahan_tren": _koefisien(h.perubahan_tren),
        "koefisien": {
            k: _koefisien(koef.get(k)) for k in ("konstanta", "tren", "perubahan_level", "perubahan_tren")
        },
        "alasan": h.alasan,
    }


def objek_dari_ipa(h: HasilIPA) -> dict[str, Any]:
    return {
        "unsur": {
            k: {"kinerja": u.kinerja, "harapan": u.harapan, "kesesuaian": u.kesesuaian, "kuadran": u.kuadran}
            for k, u in h.unsur.items()
        },
        "rata_kinerja": h.rata_kinerja,
        "rata_harapan": h.rata_harapan,
        "kesesuaian": h.kesesuaian,
        "alasan": h.alasan,
    }


def objek_ipa(tabel: TabelHitung) -> dict[str, Any]:
    """{"unsur": {"U1": {"kinerja", "harapan", "kesesuaian" (%), "kuadran" (1-4)}, ...},
    "rata_kinerja", "rata_harapan", "kesesuaian", "alasan"}."""
    return objek_dari_ipa(ipa(tabel))


def objek_dari_alpha(h: HasilAlpha) -> dict[str, Any]:
    return {
        "n": h.n,
        "alpha": h.alpha,
        "unsur": {
            k: {"korelasi_item_total": b.korelasi_item_total, "alpha_jika_dihapus": b.alpha_jika_dihapus}
            for k, b in h.butir.items()
        },
        "alasan": h.alasan,
    }


def objek_alpha(tabel: TabelHitung) -> dict[str, Any]:
    """{"n" (complete cases), "alpha", "unsur": {"U1": {"korelasi_item_total",
    "alpha_jika_dihapus"}, ...}, "alasan"}."""
    return objek_dari_alpha(alpha(tabel))

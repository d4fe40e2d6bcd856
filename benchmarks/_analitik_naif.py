"""The naive path benchmarks/bench_analitik.py compares analitik.penataan with: every response's
nine unsur answers (its columns u1..u9, one row per response) through the ORM into pandas,
then the same statistics with scipy and statsmodels on the raw per-respondent arrays (what
one would write without count tables).

It computes what banding_penataan() reports, for the same units and windows: per unsur means,
Welch t, Mann-Whitney U, chi-square, Cohen's d, Cliff's delta, Holm and BH; the IKM of each
side, the Welch test on per-respondent scores and a 2000-replicate bootstrap of the nilai
konversi difference; the difference-in-differences with cluster-robust errors; the
interrupted time series on semester IKMs of the lineage.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests

WIB = ZoneInfo("Asia/Jakarta")
KODE = [f"U{i}" for i in range(1, 10)]
BOOTSTRAP = 2000


def _awal(t: date) -> datetime:
    return datetime.combine(t, time(0), tzinfo=WIB)


def _lebar(unit_ids: Sequence[int], mulai: datetime | None, sampai: datetime | None) -> pd.DataFrame:
    """One row per respondent (unit_id, waktu, U1..U9 with NaN for unanswered), from the ORM:
    every response of the units in the window with its u1..u9, those that answered no unsur
    dropped (they are no respondents of the index). The stored summaries are not used."""
    from survei.models import KOLOM_UNSUR, Respons

    q = Respons.objects.filter(unit_id__in=list(unit_ids))
    if mulai is not None:
        q = q.filter(waktu__gte=mulai)
    if sampai is not None:
        q = q.filter(waktu__lt=sampai)
    baris = list(q.order_by().values_list("pk", "unit_id", "waktu", *KOLOM_UNSUR))
    df = pd.DataFrame(baris, columns=["respons_id", "unit_id", "waktu", *KODE])
    df[KODE] = df[KODE].astype(float)  # None -> NaN
    return df[df[KODE].notna().any(axis=1)].reset_index(drop=True)


def _uji_unsur(a: np.ndarray, b: np.ndarray) -> dict[str, Any]:
    """sesudah b versus sebelum a, one unsur, raw values."""
    welch = stats.ttest_ind(b, a, equal_var=False)
    mw = stats.mannwhitneyu(b, a, method="asymptotic")
    nilai = np.union1d(a, b)
    tabel = np.array([[np.sum(a == v) for v in nilai], [np.sum(b == v) for v in nilai]])
    chi2 = stats.chi2_contingency(tabel)
    sd = np.sqrt(((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2))
    return {
        "selisih": b.mean() - a.mean(),
        "welch": (welch.statistic, welch.pvalue),
        "u": (mw.statistic, mw.pvalue),
        "chi2": (chi2.statistic, chi2.pvalue),
        "cohen_d": (b.mean() - a.mean()) / sd,
        "cliff_delta": 2 * mw.statistic / (len(a) * len(b)) - 1,
    }


def _konversi(m: np.ndarray) -> float:
    return float(25 * np.nanmean(m, axis=0).mean())


def _bootstrap(a: np.ndarray, b: np.ndarray, rng: np.random.Generator) -> tuple[float, float]:
    hasil = []
    blok = max(1, 2_000_000 // (9 * max(len(a), len(b))))
    for awal in range(0, BOOTSTRAP, blok):
        k = min(blok, BOOTSTRAP - awal)
        ra = a[rng.integers(0, len(a), (k, len(a)))]
        rb = b[rng.integers(0, len(b), (k, len(b)))]
        hasil.append(25 * (np.nanmean(rb, axis=1).mean(axis=1) - np.nanmean(ra, axis=1).mean(axis=1)))
    q = np.percentile(np.concatenate(hasil), [2.5, 97.5])
    return float(q[0]), float(q[1])


def _banding(sebelum: pd.DataFrame, sesudah: pd.DataFrame, rng: np.random.Generator) -> dict[str, Any]:
    a, b = sebelum[KODE].to_numpy(float), sesudah[KODE].to_numpy(float)
    unsur = {}
    for i, k in enumerate(KODE):
        x, y = a[:, i], b[:, i]
        unsur[k] = _uji_unsur(x[~np.isnan(x)], y[~np.isnan(y)])
    p = [u["welch"][1] for u in unsur.values()]
    for u, holm, bh in zip(
        unsur.values(), multipletests(p, method="holm")[1], multipletests(p, method="fdr_bh")[1], strict=True
    ):
        u["p_holm"], u["p_bh"] = holm, bh
    skor_a, skor_b = 25 * np.nanmean(a, axis=1), 25 * np.nanmean(b, axis=1)
    welch = stats.ttest_ind(skor_b, skor_a, equal_var=False)
    return {
        "unsur": unsur,
        "ikm": {
            "selisih": _konversi(b) - _konversi(a),
            "welch": (welch.statistic, welch.pvalue),
            "bootstrap_ci95": _bootstrap(a, b, rng),
        },
    }


def analisis_naif(*, penataan_id: int, jeda_bulan: int = 0, jendela_bulan: int | None = 12) -> dict[str, Any]:
    from analitik.penataan import PERIODE_BULAN, _tambah_bulan, jendela_penataan
    from organisasi.models import Penataan
    from organisasi.selectors import unit_hasil_penataan, unit_sebelum, unit_tidak_ditata

    rng = np.random.default_rng(142017)
    penataan = Penataan.objects.get(pk=penataan_id)
    j = jendela_penataan(penataan=penataan, jeda_bulan=jeda_bulan, jendela_bulan=jendela_bulan)
    hasil = list(unit_hasil_penataan(penataan=penataan))
    asal = {u.pk: [p.unit.pk for p in unit_sebelum(unit=u, penataan=penataan)] for u in hasil}
    hari = (
        None
        if j.sebelum_mulai is None or j.sesudah_sampai is None
        else max((j.efektif - j.sebelum_mulai).days, (j.sesudah_sampai - j.efektif).days)
    )
    pembanding = [u.pk for u in unit_tidak_ditata(penataan=penataan, jendela_hari=hari)]
    diobati = sorted({u.pk for u in hasil} | {a for daftar in asal.values() for a in daftar})

    mulai = None if j.sebelum_mulai is None else _awal(j.sebelum_mulai)
    sampai = None if j.sesudah_sampai is None else _awal(j.sesudah_sampai)
    df = _lebar(diobati + pembanding, mulai, sampai)
    sebelum = df["waktu"] < _awal(j.efektif)
    sesudah = df["waktu"] >= _awal(j.sesudah_mulai)

    keluaran: dict[str, Any] = {"unit": {}}
    did_baris = []
    for u in hasil:
        a = df[sebelum & df["unit_id"].isin(asal[u.pk])]
        b = df[sesudah & (df["unit_id"] == u.pk)]
        keluaran["unit"][u.nama] = _banding(a, b, rng)
        did_baris += [(a, u.pk, 1.0, 0.0), (b, u.pk, 1.0, 1.0)]
    for k in pembanding:
        did_baris += [
            (df[sebelum & (df["unit_id"] == k)], k, 0.0, 0.0),
            (df[sesudah & (df["unit_id"] == k)], k, 0.0, 1.0),
        ]
    y = np.concatenate([25 * np.nanmean(d[KODE].to_numpy(float), axis=1) for d, *_ in did_baris])
    grup = np.concatenate([np.full(len(d), g) for d, g, *_ in did_baris])
    diob = np.concatenate([np.full(len(d), x) for d, _, x, _ in did_baris])
    ses = np.concatenate([np.full(len(d), s) for d, _, _, s in did_baris])
    x = np.column_stack([np.ones_like(y), diob, ses, diob * ses])
    fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": grup})
    keluaran["did"] = (float(fit.params[3]), float(fit.pvalues[3]))

    # Interrupted time series: semester IKMs of each lineage over all its data.
    semua = _lebar(diobati, None, None)
    keluaran["its"] = {}
    for u in hasil:
        nilai = []
        for langkah in range(-8, 0):
            a, b = (
                _tambah_bulan(j.efektif, PERIODE_BULAN * langkah),
                _tambah_bulan(j.efektif, PERIODE_BULAN * (langkah + 1)),
            )
            d = semua[
                semua["unit_id"].isin(asal[u.pk]) & (semua["waktu"] >= _awal(a)) & (semua["waktu"] < _awal(b))
            ]
            if len(d):
                nilai.append(_konversi(d[KODE].to_numpy(float)))
        indeks = len(nilai)
        for langkah in range(8):
            a, b = (
                _tambah_bulan(j.sesudah_mulai, PERIODE_BULAN * langkah),
                _tambah_bulan(j.sesudah_mulai, PERIODE_BULAN * (langkah + 1)),
            )
            d = semua[(semua["unit_id"] == u.pk) & (semua["waktu"] >= _awal(a)) & (semua["waktu"] < _awal(b))]
            if len(d):
                nilai.append(_konversi(d[KODE].to_numpy(float)))
        t = np.arange(len(nilai), dtype=float)
        dd = (t >= indeks).astype(float)
        xi = np.column_stack([np.ones_like(t), t, dd, (t - indeks) * dd])
        its = sm.OLS(np.asarray(nilai), xi).fit()
        keluaran["its"][u.nama] = (float(its.params[2]), float(its.pvalues[2]))
    return keluaran

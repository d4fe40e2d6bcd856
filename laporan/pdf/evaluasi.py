"""The evaluation report of one penataan: every resulting unit before versus after, for a reader
who has to decide (a Sekretaris Daerah): what changed, whether it is real, how large, what next.

The numbers are those of analitik.penataan (data_penataan, then analisis_penataan) and the
charts those of analitik.grafik, so the report says exactly what the dashboard says; this
module only adds what a printed report needs around them (profile, sources, lineage,
complaints, follow-up plan) and puts it into sentences.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from analitik import format as fmt
from analitik.grafik import (
    Grafik,
    grafik_did,
    grafik_distribusi,
    grafik_ikm_periode,
    grafik_selisih,
)
from analitik.penataan import DataPenataan, DataUnitHasil, analisis_penataan, data_penataan
from analitik.statistik import BENIH
from analitik.tabel import KODE_UNSUR
from forum.selectors import metrik_pengaduan_penataan, metrik_pengaduan_tampil
from organisasi.models import LinPenataan
from organisasi.selectors import Pendahulu, unit_sebelum

from ..selectors import BarisSumber, ProfilResponden, profil_responden, sumber_data
from .umum import (
    ALFA,
    Penyusun,
    awal_hari,
    baris_hitung_unsur,
    bobot_teks,
    gabung_nama,
    kinerja,
    prioritas_rtl,
    profil_tampil,
    rentang_tanggal,
    tabel_json,
    tanggal,
    waktu_lokal,
)

BOOTSTRAP_BAKU = 2000


def parameter_evaluasi(
    *, penataan_id: int, jeda_bulan: int = 0, jendela_bulan: int | None = 12
) -> dict[str, Any]:
    """Everything that, with the data, determines the report's numbers."""
    return {
        "penataan": penataan_id,
        "jeda_bulan": jeda_bulan,
        "jendela_bulan": jendela_bulan,
        "bootstrap": BOOTSTRAP_BAKU,
        "seed": BENIH,
        "bobot_lama": False,
        "bahasa": "id",
    }


class PenyusunEvaluasi(Penyusun):
    template = "laporan/pdf/evaluasi.html"

    # Step 1 ------------------------------------------------------------------------------------

    def ambil_data(self) -> None:
        penataan = self.laporan.penataan
        assert penataan is not None
        p = self.parameter
        self.data: DataPenataan = data_penataan(
            penataan=penataan, jeda_bulan=int(p["jeda_bulan"]), jendela_bulan=p["jendela_bulan"]
        )
        j = self.data.jendela
        sebelum = (awal_hari(j.sebelum_mulai), awal_hari(j.efektif))
        sesudah = (awal_hari(j.sesudah_mulai), awal_hari(j.sesudah_sampai))
        self.profil: dict[int, tuple[ProfilResponden, ProfilResponden]] = {}
        self.sumber: dict[int, tuple[list[BarisSumber], list[BarisSumber]]] = {}
        self.pendahulu: dict[int, list[Pendahulu]] = {}
        for d in self.data.unit:
            asal = [x.pk for x in d.pendahulu]
            self.profil[d.unit.pk] = (
                profil_responden(unit_ids=asal, mulai=sebelum[0], sampai=sebelum[1]),
                profil_responden(unit_ids=[d.unit.pk], mulai=sesudah[0], sampai=sesudah[1]),
            )
            self.sumber[d.unit.pk] = (
                sumber_data(unit_ids=asal, mulai=sebelum[0], sampai=sebelum[1]),
                sumber_data(unit_ids=[d.unit.pk], mulai=sesudah[0], sampai=sesudah[1]),
            )
            self.pendahulu[d.unit.pk] = unit_sebelum(unit=d.unit, penataan=penataan)
        self.pengaduan = metrik_pengaduan_penataan(
            jendela=j, unit={d.unit.pk: [x.pk for x in d.pendahulu] for d in self.data.unit}
        )
        self.lineage = list(
            LinPenataan.objects.filter(penataan=penataan)
            .select_related("unit_asal", "unit_hasil")
            .order_by("unit_hasil__nama", "unit_asal__nama", "pk")
        )
        self.hash_data(self._isi_hash())

    def _isi_hash(self) -> dict[str, Any]:
        p = self.data.penataan
        return {
            "penataan": [p.pk, p.judul, p.tanggal_efektif.isoformat(), p.dasar_hukum],
            "jendela": self.data.jendela.objek(),
            "lineage": [[e.jenis, e.unit_asal_id, e.unit_hasil_id, str(e.porsi)] for e in self.lineage],
            "unit": [
                {
                    "id": d.unit.pk,
                    "nama": d.unit.nama,
                    "pendahulu": [
                        [x.unit.pk, str(x.porsi), list(x.melalui)] for x in self.pendahulu[d.unit.pk]
                    ],
                    "sebelum": tabel_json(d.sebelum),
                    "sesudah": tabel_json(d.sesudah),
                    "periode": [
                        [x.mulai.isoformat(), x.sampai.isoformat(), tabel_json(x.tabel)] for x in d.periode
                    ],
                    "indeks_intervensi": d.indeks_intervensi,
                    "profil": [[x.n, x.hitung] for x in self.profil[d.unit.pk]],
                    "sumber": [
                        [[b.survei.pk, b.unit_id, b.populasi, b.n] for b in sisi]
                        for sisi in self.sumber[d.unit.pk]
                    ],
                    "pengaduan": [None if m is None else asdict(m) for m in self.pengaduan[d.unit.pk]],
                }
                for d in self.data.unit
            ],
            "pembanding": [
                [
                    k.unit.pk,
                    sorted([list(a), c] for a, c in k.sebelum.items()),
                    sorted([list(a), c] for a, c in k.sesudah.items()),
                ]
                for k in self.data.pembanding
            ],
            "klaster": [list(k) for k in self.data.klaster],
        }

    # Step 2 ------------------------------------------------------------------------------------

    def analisis(self) -> None:
        p = self.parameter
        self.hasil = analisis_penataan(
            self.data, bobot_lama=bool(p["bobot_lama"]), bootstrap=int(p["bootstrap"]), seed=int(p["seed"])
        )
        self.data_per_id: dict[int, DataUnitHasil] = {d.unit.pk: d for d in self.data.unit}

    # Step 3 ------------------------------------------------------------------------------------

    def gambar(self) -> None:
        self.gambar_unit: dict[str, dict[str, Grafik | None]] = {}
        for nama, u in self.hasil["unit"].items():
            d = self.data_per_id[u["id"]]
            g: dict[str, Grafik | None] = {"selisih": None, "distribusi": None, "its": None}
            if "alasan" not in u:
                g["selisih"] = grafik_selisih(
                    u,
                    kunci=f"selisih-{u['id']}",
                    judul=_("Perubahan per unsur dan interval 95%%: %(unit)s") % {"unit": nama},
                )
                g["distribusi"] = grafik_distribusi(
                    {_("Sebelum"): d.sebelum.unsur, _("Sesudah"): d.sesudah.unsur},
                    kunci=f"sebaran-{u['id']}",
                    judul=_("Sebaran jawaban per unsur: %(unit)s") % {"unit": nama},
                )
            its = self.hasil["its"][nama]
            if its["periode"]:
                g["its"] = grafik_ikm_periode(
                    its,
                    [_label_periode(x["mulai"], x["sampai"]) for x in its["periode"]],
                    kunci=f"its-{u['id']}",
                    label_penanda=_("Penataan %(tanggal)s")
                    % {"tanggal": date_format(self.data.jendela.efektif, "j M Y")},
                    judul=_("Nilai konversi IKM per semester: %(unit)s") % {"unit": nama},
                )
            self.gambar_unit[nama] = g
        did = self.hasil["pembanding"]["did"]
        rata = did["rata"]
        self.gambar_did = (
            grafik_did(did, kunci="did")
            if all(
                rata.get(k) is not None
                for k in ("diobati_sebelum", "diobati_sesudah", "pembanding_sebelum", "pembanding_sesudah")
            )
            else None
        )

    # Step 4 ------------------------------------------------------------------------------------

    def konteks(self) -> dict[str, Any]:
        penataan = self.data.penataan
        j = self.data.jendela
        unit = [self._unit(nama, u) for nama, u in self.hasil["unit"].items()]
        # Charts are numbered in the order the template places them: chapter 4 (NRR, time
        # series) for every unit, then chapter 5 (changes, distributions), then the DiD.
        sumber = {
            "its": _("Lampiran B, nilai konversi per semester"),
            "selisih": _("tabel perbandingan per unsur di atas"),
            "distribusi": _("Lampiran B, jumlah jawaban per nilai"),
        }
        for bagian in (("its",), ("selisih", "distribusi")):
            for t in unit:
                for k in bagian:
                    t["gambar"][k] = self.daftar_gambar(self.gambar_unit[t["nama"]][k], sumber=sumber[k])
        did = self._did()
        bab = [
            ("ringkasan", _("Ringkasan eksekutif")),
            ("metodologi", _("Metodologi")),
            ("profil", _("Profil responden")),
            ("hasil", _("IKM sebelum dan sesudah penataan")),
            ("unsur", _("Perbandingan per unsur")),
            ("pembanding", _("Dibandingkan dengan unit yang tidak ditata")),
            ("pengaduan", _("Pengaduan dan forum")),
            ("rtl", _("Rencana tindak lanjut")),
            ("lampiran-kuesioner", _("Lampiran A. Kuesioner")),
            ("lampiran-data", _("Lampiran B. Tabel data")),
            ("keaslian", _("Keaslian dokumen")),
        ]
        return {
            "judul_laporan": _("Laporan Evaluasi Penataan Organisasi"),
            "penataan": penataan,
            "instansi": penataan.instansi,
            "tanggal_efektif": tanggal(penataan.tanggal_efektif),
            "jendela": {
                "sebelum": rentang_tanggal(j.sebelum_mulai, j.efektif),
                "sesudah": rentang_tanggal(j.sesudah_mulai, j.sesudah_sampai),
                "jeda": j.jeda_bulan,
                "jendela_bulan": j.jendela_bulan,
            },
            "dihasilkan": waktu_lokal(self.laporan.dihasilkan),
            "evaluator": _nama_pengguna(self.laporan),
            "bab": bab,
            "nomor_bab": {kunci: i for i, (kunci, _j) in enumerate(bab, start=1)},
            "ringkasan": self._ringkasan(unit, did),
            "unit": unit,
            "did": did,
            "lineage": [
                {
                    "jenis": e.get_jenis_display(),
                    "asal": e.unit_asal.nama if e.unit_asal else fmt.KOSONG,
                    "hasil": e.unit_hasil.nama if e.unit_hasil else fmt.KOSONG,
                    "porsi": fmt.persen(float(e.porsi) * 100, 0) if e.porsi is not None else fmt.KOSONG,
                }
                for e in self.lineage
            ],
            "parameter": self.parameter,
            "bobot": bobot_teks(bool(self.parameter["bobot_lama"])),
            "bootstrap": fmt.bilangan(int(self.parameter["bootstrap"])),
        }

    def _unit(self, nama: str, u: dict[str, Any]) -> dict[str, Any]:
        d = self.data_per_id[u["id"]]
        profil = self.profil[d.unit.pk]
        sumber = self.sumber[d.unit.pk]
        tampil: dict[str, Any] = {
            "id": d.unit.pk,
            "nama": nama,
            "alasan": u.get("alasan"),
            "pendahulu": [
                {
                    "nama": x.unit.nama,
                    "porsi": fmt.persen(float(x.porsi) * 100, 0) if x.porsi is not None else _("seluruhnya"),
                    "kedalaman": x.kedalaman,
                }
                for x in self.pendahulu[d.unit.pk]
            ],
            "profil": profil_tampil(profil),
            "n_profil": [fmt.bilangan(p.n) for p in profil],
            "sumber": [_sumber_tampil(sisi) for sisi in sumber],
            "pengaduan": metrik_pengaduan_tampil(
                sebelum=self.pengaduan[d.unit.pk][0], sesudah=self.pengaduan[d.unit.pk][1]
            ),
            "its": self._its(nama),
            "gambar": {},
            "hitung": baris_hitung_unsur({_("Sebelum"): d.sebelum, _("Sesudah"): d.sesudah}),
        }
        if "alasan" in u:
            tampil["rtl"] = []
            return tampil
        sebelum, sesudah, i = u["sebelum"], u["sesudah"], u["ikm"]
        tampil["ikm"] = {
            "sebelum": fmt.angka(sebelum["nilai_konversi"]),
            "sesudah": fmt.angka(sesudah["nilai_konversi"]),
            "ikm_sebelum": fmt.angka(sebelum["ikm"], 4),
            "ikm_sesudah": fmt.angka(sesudah["ikm"], 4),
            "mutu_sebelum": sebelum["mutu"],
            "mutu_sesudah": sesudah["mutu"],
            "kinerja_sebelum": kinerja(sebelum["kinerja"]),
            "kinerja_sesudah": kinerja(sesudah["kinerja"]),
            "n_sebelum": fmt.bilangan(sebelum["n"]),
            "n_sesudah": fmt.bilangan(sesudah["n"]),
            "selisih": fmt.bertanda(i["selisih"]),
            "bootstrap_ci95": fmt.interval(i["bootstrap_ci95"]),
            "bootstrap_metode": fmt.metode_bootstrap(u.get("bootstrap_metode")),
            "ci95": fmt.interval(i["ci95"]),
            "p": fmt.nilai_p(i["welch"]["p"]),
        }
        tampil["unsur"] = [
            {
                "judul": fmt.judul_unsur(k),
                "sebelum": fmt.angka(x["rata_sebelum"]),
                "sesudah": fmt.angka(x["rata_sesudah"]),
                "selisih": fmt.bertanda(x["selisih"]),
                "ci95": fmt.interval(x["ci95"]),
                "p": fmt.nilai_p(x["welch"]["p"]),
                "p_holm": fmt.nilai_p(x["p_holm"]),
                "cohen_d": fmt.bertanda(x["cohen_d"]),
                "cliff_delta": fmt.bertanda(x["cliff_delta"]),
                "bermakna": x["p_holm"] is not None and x["p_holm"] < ALFA,
                "kalimat": fmt.kalimat_unsur(u, k),
            }
            for k, x in u["unsur"].items()
            if k in KODE_UNSUR
        ]
        tampil["uji_lain"] = [
            {
                "kode": fmt.judul_unsur(k),
                "t": fmt.angka(x["welch"]["t"]),
                "df": fmt.angka(x["welch"]["df"], 1),
                "u": fmt.angka(x["mann_whitney"]["u"], 1),
                "p_u": fmt.nilai_p(x["mann_whitney"]["p"]),
                "chi2": fmt.angka(x["chi2"]["statistik"]),
                "df_chi2": fmt.KOSONG if x["chi2"]["df"] is None else str(x["chi2"]["df"]),
                "p_chi2": fmt.nilai_p(x["chi2"]["p"]),
                "p_bh": fmt.nilai_p(x["p_bh"]),
            }
            for k, x in u["unsur"].items()
            if k in KODE_UNSUR
        ]
        tampil["rtl"] = prioritas_rtl(
            {k: x["rata_sesudah"] for k, x in u["unsur"].items()},
            selisih={k: x["selisih"] for k, x in u["unsur"].items()},
            p_holm={k: x["p_holm"] for k, x in u["unsur"].items()},
        )
        return tampil

    def _its(self, nama: str) -> dict[str, Any]:
        its = self.hasil["its"][nama]
        level, tren = its["perubahan_level"], its["perubahan_tren"]
        return {
            "alasan": fmt.teks_alasan(its["alasan"]) if its["alasan"] else None,
            "n_periode": its["n_periode"],
            "level": _koef(level),
            "tren": _koef(tren),
            "periode": [
                {
                    "label": _label_periode(x["mulai"], x["sampai"]),
                    "n": fmt.bilangan(x["n"]),
                    "nilai": fmt.angka(x["nilai_konversi"]),
                    "sisi": _("sebelum") if i < its["indeks_intervensi"] else _("sesudah"),
                }
                for i, x in enumerate(its["periode"])
            ],
        }

    def _did(self) -> dict[str, Any]:
        did = self.hasil["pembanding"]["did"]
        e = did["estimasi"]
        return {
            "unit": self.hasil["pembanding"]["unit"],
            "alasan": fmt.teks_alasan(did["alasan"]) if did["alasan"] else None,
            "n": fmt.bilangan(did["n"]),
            "klaster": fmt.bilangan(did["klaster"]),
            "rata": {k: fmt.angka(v) for k, v in did["rata"].items()},
            "kontrafaktual": fmt.angka(_kontrafaktual(did["rata"])),
            "estimasi": {
                "koef": fmt.bertanda(e["koef"]),
                "ci95": fmt.interval(e["ci95_t"]),
                "p": fmt.nilai_p(e["p_t"]),
            },
            "kalimat": _kalimat_did(did, len(self.hasil["pembanding"]["unit"])),
            "gambar": self.daftar_gambar(self.gambar_did, sumber=_("tabel di atas")),
        }

    def _ringkasan(self, unit: list[dict[str, Any]], did: dict[str, Any]) -> dict[str, Any]:
        paragraf: list[dict[str, Any]] = []
        for t in unit:
            u = self.hasil["unit"][t["nama"]]
            if "alasan" in u:
                paragraf.append({"unit": t["nama"], "kalimat": [u["alasan"]]})
                continue
            paragraf.append({"unit": t["nama"], "kalimat": _kalimat_ringkasan(t["nama"], u, t["rtl"])})
        return {"paragraf": paragraf, "did": did["kalimat"]}


# Sentences ---------------------------------------------------------------------------------------


def _kalimat_ringkasan(nama: str, u: dict[str, Any], rtl: list[Any]) -> list[str]:
    """What changed, whether it is real, how large, what next: in that order."""
    a, b, i = u["sebelum"], u["sesudah"], u["ikm"]
    selisih = i["selisih"]
    arah = _("naik") if selisih > 0 else _("turun") if selisih < 0 else _("tidak berubah")
    kalimat = [
        _(
            "Nilai IKM %(unit)s %(arah)s dari %(a)s (mutu %(ma)s, %(ka)s) menjadi %(b)s (mutu %(mb)s, "
            "%(kb)s), "
            "perubahan %(selisih)s poin pada skala 25–100 (interval kepercayaan 95%% bootstrap: %(ci)s), "
            "dari %(na)s responden sebelum dan %(nb)s responden sesudah penataan."
        )
        % {
            "unit": nama,
            "arah": arah,
            "a": fmt.angka(a["nilai_konversi"]),
            "ma": a["mutu"],
            "ka": kinerja(a["kinerja"]),
            "b": fmt.angka(b["nilai_konversi"]),
            "mb": b["mutu"],
            "kb": kinerja(b["kinerja"]),
            # The direction is in "arah": the size alone, as the banding command and the SKM report
            # write it (English reads "rose by 2.35 points", not "rose by +2.35").
            "selisih": fmt.angka(abs(selisih)),
            "ci": fmt.interval(i["bootstrap_ci95"]),
            "na": fmt.bilangan(a["n"]),
            "nb": fmt.bilangan(b["n"]),
        }
    ]
    ci = i["bootstrap_ci95"]
    if ci[0] is not None and (ci[0] > 0 or ci[1] < 0):
        kalimat.append(
            _(
                "Perubahan ini nyata secara statistik: interval kepercayaannya tidak memuat nol (%(p)s, "
                "uji Welch)."
            )
            % {"p": fmt.nilai_p(i["welch"]["p"])}
        )
    else:
        kalimat.append(
            _(
                "Perubahan ini belum dapat dibedakan dari variasi acak antarresponden: interval "
                "kepercayaannya "
                "memuat nol (%(p)s, uji Welch)."
            )
            % {"p": fmt.nilai_p(i["welch"]["p"])}
        )
    naik = _daftar_unsur(u, positif=True)
    turun = _daftar_unsur(u, positif=False)
    kalimat.append(
        _("Unsur yang membaik secara bermakna setelah koreksi Holm: %(daftar)s.") % {"daftar": naik}
        if naik
        else _("Tidak ada unsur yang membaik secara bermakna setelah koreksi Holm.")
    )
    kalimat.append(
        _("Unsur yang memburuk secara bermakna setelah koreksi Holm: %(daftar)s.") % {"daftar": turun}
        if turun
        else _("Tidak ada unsur yang memburuk secara bermakna setelah koreksi Holm.")
    )
    if rtl:
        kalimat.append(
            _("Prioritas tindak lanjut: %(daftar)s (lihat Rencana Tindak Lanjut).")
            % {"daftar": gabung_nama(f"{r.judul} ({r.alasan})" for r in rtl[:3])}
        )
    return kalimat


def _daftar_unsur(u: dict[str, Any], *, positif: bool) -> str:
    bagian = []
    for k in KODE_UNSUR:
        x = u["unsur"].get(k)
        if not x or x["p_holm"] is None or x["p_holm"] >= ALFA or x["selisih"] is None:
            continue
        if (x["selisih"] > 0) != positif:
            continue
        bagian.append(
            _("%(unsur)s (%(selisih)s poin; d = %(d)s, %(efek)s)")
            % {
                "unsur": fmt.judul_unsur(k),
                "selisih": fmt.bertanda(x["selisih"]),
                "d": fmt.angka(x["cohen_d"]),
                "efek": fmt.kata_efek(x["cohen_d"]),
            }
        )
    return gabung_nama(bagian) if bagian else ""


def _kalimat_did(did: dict[str, Any], n_pembanding: int) -> str:
    e = did["estimasi"]
    if e["koef"] is None or e["p_t"] is None:
        return _(
            "Perbandingan dengan unit yang tidak ditata (selisih-dalam-selisih) tidak dapat dihitung: "
            "%(alasan)s."
        ) % {"alasan": fmt.teks_alasan(did["alasan"])}
    arah = _("lebih baik") if e["koef"] > 0 else _("lebih buruk")
    teks = _(
        "Dibandingkan dengan %(n)s unit yang tidak ditata pada periode yang sama, unit hasil penataan "
        "berubah "
        "%(besar)s poin %(arah)s (selisih-dalam-selisih; interval kepercayaan 95%%: %(ci)s; %(p)s)."
    ) % {
        "n": fmt.bilangan(n_pembanding),
        "besar": fmt.angka(abs(e["koef"])),
        "arah": arah,
        "ci": fmt.interval(e["ci95_t"]),
        "p": fmt.nilai_p(e["p_t"]),
    }
    if e["p_t"] < ALFA:
        teks += " " + _("Selisih ini bermakna: perubahan tidak hanya mengikuti tren umum instansi.")
    else:
        teks += " " + _(
            "Selisih ini tidak bermakna: perubahan belum dapat dibedakan dari tren umum yang juga dialami "
            "unit lain."
        )
    return teks


# Formatting helpers ------------------------------------------------------------------------------


def _kontrafaktual(rata: dict[str, float | None]) -> float | None:
    """Where the restructured units would be with the comparison units' change."""
    ds, ps, pt = rata.get("diobati_sebelum"), rata.get("pembanding_sebelum"), rata.get("pembanding_sesudah")
    return None if ds is None or ps is None or pt is None else ds + (pt - ps)


def _koef(k: dict[str, Any]) -> dict[str, str]:
    return {"koef": fmt.bertanda(k["koef"]), "ci95": fmt.interval(k["ci95"]), "p": fmt.nilai_p(k["p"])}


def _label_periode(mulai: str, sampai: str) -> str:
    a = date.fromisoformat(mulai)
    b = date.fromisoformat(sampai) - timedelta(days=1)
    return f"{date_format(a, 'M Y')}–{date_format(b, 'M Y')}"


def _sumber_tampil(baris: list[BarisSumber]) -> list[dict[str, str]]:
    return [
        {
            "survei": f"{b.survei.judul} ({b.survei.periode})",
            "unit": b.unit_nama,
            "populasi": fmt.bilangan(b.populasi) if b.populasi else fmt.KOSONG,
            "minimum": fmt.bilangan(b.sampel_minimum) if b.sampel_minimum else fmt.KOSONG,
            "n": fmt.bilangan(b.n),
            "margin": fmt.persen(b.margin_error * 100) if b.margin_error is not None else fmt.KOSONG,
            "tercapai": _("ya") if b.tercapai else (_("belum") if b.tercapai is False else fmt.KOSONG),
        }
        for b in baris
    ]


def _nama_pengguna(laporan: Any) -> str:
    p = laporan.diminta_oleh
    if p is None:
        return _("(dibuat dari baris perintah)")
    nama = p.get_full_name() if hasattr(p, "get_full_name") else ""
    return f"{nama} <{p.email}>" if nama else str(p.email)

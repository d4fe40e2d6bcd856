"""The SKM result report (Laporan Hasil SKM) of one survey period, for one unit or for every unit
of the survey, in the usual outline of PermenPANRB 14/2017 reports: Bab I Pendahuluan, Bab II
Pengumpulan Data, Bab III Pengolahan Data, Bab IV Analisis Hasil (strengths and weaknesses per
unsur, follow-up plan, trend), Bab V Kesimpulan, Lampiran (questionnaire, processed data).

The numbers are analitik's: count tables from analitik.selectors, the IKM of
analitik.keluaran.objek_ikm (exact 1/9 weights), the sample sizes of analitik.sampel. For the
whole instansi the IKM is that of all respondents of the survey's units together.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Any

from django.utils.translation import gettext as _

from analitik import format as fmt
from analitik.grafik import Grafik, grafik_distribusi, grafik_ipa, grafik_tren
from analitik.keluaran import objek_ikm, objek_ipa
from analitik.selectors import gabung_tabel, tabel_hitung, tabel_per_unit_periode
from analitik.statistik import IKMTidakLengkap
from analitik.tabel import KODE_UNSUR, TabelHitung
from forum.selectors import metrik_pengaduan, metrik_pengaduan_tampil
from organisasi.models import UnitLayanan
from survei.models import Survei, SurveiUnit
from survei.selectors import survei_kemajuan

from ..selectors import profil_responden
from .umum import (
    KesalahanLaporan,
    Penyusun,
    baris_hitung_unsur,
    bobot_teks,
    gabung_nama,
    kinerja,
    prioritas_rtl,
    profil_tampil,
    tabel_json,
    tanggal,
    waktu_lokal,
)

TREN_MAKS = 8  # survey periods in the trend, this one included


def parameter_skm(*, survei: Survei, unit: UnitLayanan | None) -> dict[str, Any]:
    return {
        "survei": survei.kode,
        "unit": None if unit is None else unit.pk,
        "bobot_lama": False,
        "bahasa": "id",
    }


def _ikm_bila_lengkap(t: TabelHitung | None, *, bobot_lama: bool) -> dict[str, Any] | None:
    """The IKM of a count table, or None without responses or with an unsur left unanswered."""
    if t is None:
        return None
    try:
        return objek_ikm(t, bobot_lama=bobot_lama)
    except IKMTidakLengkap:
        return None


class PenyusunSKM(Penyusun):
    template = "laporan/pdf/skm.html"

    # Step 1 ------------------------------------------------------------------------------------

    def ambil_data(self) -> None:
        survei = self.laporan.survei
        assert survei is not None
        self.survei = survei
        su = SurveiUnit.objects.filter(survei=survei).select_related("unit").order_by("unit__nama", "unit_id")
        if self.laporan.unit_id is not None:
            su = su.filter(unit_id=self.laporan.unit_id)
        self.unit: list[UnitLayanan] = [x.unit for x in su]
        if not self.unit:
            raise KesalahanLaporan(
                _("Survei “%(judul)s” belum memiliki unit layanan.") % {"judul": survei.judul}
            )
        ids = [u.pk for u in self.unit]
        per_sel = tabel_per_unit_periode(
            unit_ids=ids, batas=(None, None), survei_ids=[survei.pk], dengan_harapan=True
        )
        self.per_unit: dict[int, TabelHitung | None] = {u.pk: per_sel.get((u.pk, 0)) for u in self.unit}
        self.gabungan = gabung_tabel(t for t in self.per_unit.values() if t is not None)
        if self.gabungan.n_responden == 0:
            raise KesalahanLaporan(
                _(
                    "Survei “%(judul)s” belum memiliki respons untuk %(lingkup)s; laporan hasil SKM belum "
                    "dapat dibuat."
                )
                % {"judul": survei.judul, "lingkup": self._lingkup()}
            )
        kemajuan = {k.unit.pk: k for k in survei_kemajuan(survei=survei).unit}
        self.kemajuan = [kemajuan[u.pk] for u in self.unit if u.pk in kemajuan]
        self.profil = profil_responden(unit_ids=ids, survei_ids=[survei.pk])
        self.tren_data = self._tren(ids)
        self.pengaduan = metrik_pengaduan(
            unit_ids=ids, mulai=survei.mulai, sampai=survei.selesai + timedelta(days=1)
        )
        self.hash_data(
            {
                "survei": [
                    survei.pk,
                    survei.kode,
                    survei.periode,
                    survei.mulai.isoformat(),
                    survei.selesai.isoformat(),
                ],
                "unit": {
                    str(uid): None if t is None else tabel_json(t) for uid, t in sorted(self.per_unit.items())
                },
                "sampel": [[k.unit.pk, k.populasi, k.daring, k.kertas] for k in self.kemajuan],
                "profil": [self.profil.n, self.profil.hitung],
                "tren": [[s.pk, None if t is None else tabel_json(t)] for s, t in self.tren_data],
                "pengaduan": asdict(self.pengaduan),
            }
        )

    def _lingkup(self) -> str:
        unit = self.laporan.unit
        return unit.nama if unit is not None else _("unit mana pun")

    def _tren(self, ids: list[int]) -> list[tuple[Survei, TabelHitung | None]]:
        """The same units in the instansi's surveys up to this one (newest TREN_MAKS)."""
        daftar = list(
            Survei.objects.filter(
                instansi_id=self.survei.instansi_id,
                mulai__lte=self.survei.mulai,
                survei_unit__unit_id__in=ids,
            )
            .distinct()
            .order_by("-mulai", "-pk")[:TREN_MAKS]
        )
        daftar.reverse()
        hasil = []
        for s in daftar:
            t = tabel_hitung(
                unit_ids=ids,
                mulai=None,
                sampai=None,
                survei_ids=[s.pk],
                dengan_pola=False,
                dengan_harapan=False,
            )
            hasil.append((s, t if t.n_responden else None))
        return hasil

    # Step 2 ------------------------------------------------------------------------------------

    def analisis(self) -> None:
        bobot_lama = bool(self.parameter.get("bobot_lama"))
        try:
            self.ikm = objek_ikm(self.gabungan, bobot_lama=bobot_lama)
        except IKMTidakLengkap as e:
            raise KesalahanLaporan(
                _("IKM tidak dapat dihitung: %(unsur)s belum memiliki jawaban.")
                % {"unsur": ", ".join(e.unsur_kosong)}
            ) from e
        self.ikm_unit = {uid: _ikm_bila_lengkap(t, bobot_lama=bobot_lama) for uid, t in self.per_unit.items()}
        self.ipa = objek_ipa(self.gabungan) if self.gabungan.harapan else None
        self.tren = [(s, _ikm_bila_lengkap(t, bobot_lama=bobot_lama)) for s, t in self.tren_data]

    # Step 3 ------------------------------------------------------------------------------------

    def gambar(self) -> None:
        nama = self._nama_lingkup()
        self.gambar_distribusi: Grafik = grafik_distribusi(
            {_("Semua responden"): self.gabungan.unsur},
            kunci="sebaran",
            judul=_("Sebaran jawaban per unsur: %(lingkup)s, %(periode)s")
            % {"lingkup": nama, "periode": self.survei.periode},
        )
        self.gambar_tren: Grafik | None = None
        if len(self.tren) > 1:
            self.gambar_tren = grafik_tren(
                [s.periode for s, _o in self.tren],
                {nama: [None if o is None else o["nilai_konversi"] for _s, o in self.tren]},
                kunci="tren",
                judul=_("Tren nilai SKM: %(lingkup)s") % {"lingkup": nama},
            )
        self.gambar_ipa: Grafik | None = None
        if self.ipa is not None and self.ipa["alasan"] is None:
            self.gambar_ipa = grafik_ipa(self.ipa, kunci="ipa")

    def _nama_lingkup(self) -> str:
        unit = self.laporan.unit
        return unit.nama if unit is not None else self.survei.instansi.nama

    # Step 4 ------------------------------------------------------------------------------------

    def konteks(self) -> dict[str, Any]:
        s = self.survei
        i = self.ikm
        nrr = {k: i["unsur"][k]["nrr"] if i["unsur"][k]["n"] else None for k in KODE_UNSUR}
        urut = sorted((k for k in KODE_UNSUR if nrr[k] is not None), key=lambda k: (nrr[k], k))
        rtl = prioritas_rtl(nrr)
        bab = [
            ("bab-1", _("Bab I Pendahuluan")),
            ("bab-2", _("Bab II Pengumpulan Data")),
            ("bab-3", _("Bab III Pengolahan Data")),
            ("bab-4", _("Bab IV Analisis Hasil")),
            ("bab-5", _("Bab V Kesimpulan")),
            ("lampiran-kuesioner", _("Lampiran A. Kuesioner")),
            ("lampiran-data", _("Lampiran B. Olah data")),
            ("keaslian", _("Keaslian dokumen")),
        ]
        return {
            "judul_laporan": _("Laporan Hasil Survei Kepuasan Masyarakat"),
            "instansi": s.instansi,
            "survei": s,
            "lingkup": self._nama_lingkup(),
            "unit_tunggal": self.laporan.unit,
            "rentang": f"{tanggal(s.mulai)} – {tanggal(s.selesai)}",
            "terbuka": s.status != Survei.Status.DITUTUP,
            "dihasilkan": waktu_lokal(self.laporan.dihasilkan),
            "bab": bab,
            "daftar_unit": gabung_nama(u.nama for u in self.unit),
            "kemajuan": [
                {
                    "unit": k.unit.nama,
                    "populasi": fmt.bilangan(k.populasi) if k.populasi else fmt.KOSONG,
                    "minimum": fmt.bilangan(k.sampel_minimum) if k.sampel_minimum else fmt.KOSONG,
                    "n": fmt.bilangan(k.jumlah),
                    "daring": fmt.bilangan(k.daring),
                    "kertas": fmt.bilangan(k.kertas),
                    "margin": fmt.persen(k.margin_error_persen)
                    if k.margin_error_persen is not None
                    else fmt.KOSONG,
                    "tercapai": _("ya")
                    if k.tercapai and k.sampel_minimum
                    else (_("belum") if k.sampel_minimum else fmt.KOSONG),
                }
                for k in self.kemajuan
            ],
            "jumlah_respons": fmt.bilangan(sum(k.jumlah for k in self.kemajuan)),
            "n": fmt.bilangan(i["n"]),
            "profil": profil_tampil([self.profil]),
            "n_profil": fmt.bilangan(self.profil.n),
            "nrr": [
                {
                    "judul": fmt.judul_unsur(k),
                    "jumlah": fmt.bilangan(i["unsur"][k]["jumlah"]),
                    "n": fmt.bilangan(i["unsur"][k]["n"]),
                    "nrr": fmt.angka(i["unsur"][k]["nrr"]),
                    "tertimbang": fmt.angka(i["unsur"][k]["nrr_tertimbang"], 4),
                }
                for k in KODE_UNSUR
            ],
            "ikm": {
                "ikm": fmt.angka(i["ikm"], 4),
                "konversi": fmt.angka(i["nilai_konversi"]),
                "mutu": i["mutu"],
                "kinerja": kinerja(i["kinerja"]),
            },
            "bobot": bobot_teks(bool(self.parameter.get("bobot_lama"))),
            "per_unit": [
                {
                    "unit": u.nama,
                    "n": fmt.bilangan(o["n"])
                    if o
                    else fmt.bilangan(self.per_unit[u.pk].n_responden if self.per_unit[u.pk] else 0),  # type: ignore[union-attr]
                    "konversi": fmt.angka(o["nilai_konversi"]) if o else fmt.KOSONG,
                    "mutu": f"{o['mutu']} ({kinerja(o['kinerja'])})" if o else fmt.KOSONG,
                }
                for u in self.unit
                for o in [self.ikm_unit.get(u.pk)]
            ]
            if len(self.unit) > 1
            else [],
            "kelebihan": [self._unsur_kalimat(k) for k in reversed(urut[-3:])],
            "kelemahan": [self._unsur_kalimat(k) for k in urut[:3]],
            "rtl": rtl,
            "tren": [
                {
                    "periode": s2.periode,
                    "konversi": fmt.angka(o["nilai_konversi"]) if o else fmt.KOSONG,
                    "mutu": o["mutu"] if o else fmt.KOSONG,
                    "n": fmt.bilangan(o["n"]) if o else fmt.KOSONG,
                    "ini": s2.pk == s.pk,
                }
                for s2, o in self.tren
            ],
            "kalimat_tren": self._kalimat_tren(),
            "ipa": self._ipa(),
            "pengaduan": self._pengaduan(),
            "kesimpulan": self._kesimpulan(urut, rtl),
            "gambar": {
                "distribusi": self.daftar_gambar(
                    self.gambar_distribusi, sumber=_("Lampiran B, jumlah jawaban per nilai")
                ),
                "ipa": self.daftar_gambar(self.gambar_ipa),
                "tren": self.daftar_gambar(self.gambar_tren, sumber=_("tabel nilai SKM per periode di atas")),
            },
            "hitung": baris_hitung_unsur({_("Semua responden"): self.gabungan}),
        }

    def _unsur_kalimat(self, kode: str) -> str:
        u = self.ikm["unsur"][kode]
        return _("%(unsur)s: NRR %(nrr)s dari %(n)s penjawab") % {
            "unsur": fmt.judul_unsur(kode),
            "nrr": fmt.angka(u["nrr"]),
            "n": fmt.bilangan(u["n"]),
        }

    def _kalimat_tren(self) -> str:
        ada = [(s, o) for s, o in self.tren if o is not None]
        if len(ada) < 2:
            return _("Belum ada periode survei sebelumnya untuk dibandingkan.")
        (s0, o0), (s1, o1) = ada[-2], ada[-1]
        selisih = o1["nilai_konversi"] - o0["nilai_konversi"]
        arah = _("naik") if selisih > 0 else _("turun") if selisih < 0 else _("tetap")
        return _(
            "Dibanding periode sebelumnya (%(a)s: %(na)s, mutu %(ma)s), nilai SKM %(b)s %(arah)s "
            "%(selisih)s poin "
            "menjadi %(nb)s (mutu %(mb)s). Responden tiap periode berbeda; perbedaan kecil dapat terjadi "
            "karena "
            "variasi sampel."
        ) % {
            "a": s0.periode,
            "na": fmt.angka(o0["nilai_konversi"]),
            "ma": o0["mutu"],
            "b": s1.periode,
            "arah": arah,
            "selisih": fmt.angka(abs(selisih)),
            "nb": fmt.angka(o1["nilai_konversi"]),
            "mb": o1["mutu"],
        }

    def _ipa(self) -> dict[str, Any] | None:
        if self.ipa is None or self.ipa["alasan"] is not None:
            return None
        utama = [k for k in KODE_UNSUR if self.ipa["unsur"][k]["kuadran"] == 1]
        return {
            "utama": gabung_nama(fmt.judul_unsur(k) for k in utama) if utama else _("tidak ada"),
            "kesesuaian": fmt.persen(self.ipa["kesesuaian"]),
        }

    def _pengaduan(self) -> list[tuple[str, str]]:
        # The same rows as the evaluation report's complaints table, one column only.
        return [
            (b["label"], b["sesudah"]) for b in metrik_pengaduan_tampil(sebelum=None, sesudah=self.pengaduan)
        ]

    def _kesimpulan(self, urut: list[str], rtl: list[Any]) -> list[str]:
        i = self.ikm
        kalimat = [
            _(
                "Nilai SKM %(lingkup)s pada %(periode)s adalah %(konversi)s (IKM %(ikm)s), mutu pelayanan "
                "%(mutu)s "
                "(%(kinerja)s), dari %(n)s responden."
            )
            % {
                "lingkup": self._nama_lingkup(),
                "periode": self.survei.periode,
                "konversi": fmt.angka(i["nilai_konversi"]),
                "ikm": fmt.angka(i["ikm"], 4),
                "mutu": i["mutu"],
                "kinerja": kinerja(i["kinerja"]),
                "n": fmt.bilangan(i["n"]),
            }
        ]
        if urut:
            kalimat.append(
                _(
                    "Unsur dengan nilai tertinggi adalah %(tinggi)s; unsur dengan nilai terendah adalah "
                    "%(rendah)s."
                )
                % {"tinggi": fmt.judul_unsur(urut[-1]), "rendah": fmt.judul_unsur(urut[0])}
            )
        if rtl:
            kalimat.append(
                _("Tindak lanjut didahulukan pada %(daftar)s.")
                % {"daftar": gabung_nama(r.judul for r in rtl[:3])}
            )
        kurang = [k for k in self.kemajuan if k.sampel_minimum and not k.tercapai]
        if kurang:
            kalimat.append(
                _("Sampel minimum belum tercapai pada %(unit)s; hasil unit tersebut dibaca dengan hati-hati.")
                % {"unit": gabung_nama(k.unit.nama for k in kurang)}
            )
        return kalimat

"""The SKM questionnaire of PermenPANRB 14/2017 (annex wording) as data.

Installed as the built-in templates by migration 0003. The question texts are marked with
gettext_noop so the English catalogue carries them; the database keeps the Indonesian
regulation wording, and the form translates it on display.

Display order follows the annex questionnaire, which asks Sarana (U9) as question 8 and
Pengaduan (U8) as question 9; the codes follow the regulation's element list. Nothing ever
relies on the position: everything is keyed by code.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop as N_

KODE_TEMPLATE_SKM = "skm-permenpanrb-14-2017"
KODE_TEMPLATE_SKM_HARAPAN = "skm-permenpanrb-14-2017-harapan"


@dataclass(frozen=True)
class Unsur:
    kode: str
    judul: str
    teks: str
    label: tuple[str, str, str, str]


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        N_("Persyaratan"),
        N_("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (N_("Tidak sesuai"), N_("Kurang sesuai"), N_("Sesuai"), N_("Sangat sesuai")),
    ),
    Unsur(
        "U2",
        N_("Sistem, Mekanisme, dan Prosedur"),
        N_("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (N_("Tidak mudah"), N_("Kurang mudah"), N_("Mudah"), N_("Sangat mudah")),
    ),
    Unsur(
        "U3",
        N_("Waktu Penyelesaian"),
        N_("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (N_("Tidak cepat"), N_("Kurang cepat"), N_("Cepat"), N_("Sangat cepat")),
    ),
    Unsur(
        "U4",
        N_("Biaya/Tarif"),
        N_("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (N_("Sangat mahal"), N_("Cukup mahal"), N_("Murah"), N_("Gratis")),
    ),
    Unsur(
        "U5",
        N_("Produk Spesifikasi Jenis Pelayanan"),
        N_(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
            "standar pelayanan dengan hasil yang diberikan?"
        ),
        (N_("Tidak sesuai"), N_("Kurang sesuai"), N_("Sesuai"), N_("Sangat sesuai")),
    ),
    Unsur(
        "U6",
        N_("Kompetensi Pelaksana"),
        N_("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (N_("Tidak kompeten"), N_("Kurang kompeten"), N_("Kompeten"), N_("Sangat kompeten")),
    ),
    Unsur(
        "U7",
        N_("Perilaku Pelaksana"),
        N_(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
            "dan keramahan?"
        ),
        (
            N_("Tidak sopan dan ramah"),
            N_("Kurang sopan dan ramah"),
            N_("Sopan dan ramah"),
            N_("Sangat sopan dan ramah"),
        ),
    ),
    Unsur(
        "U8",
        N_("Penanganan Pengaduan, Saran dan Masukan"),
        N_("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            N_("Tidak ada"),
            N_("Ada tetapi tidak berfungsi"),
            N_("Berfungsi kurang maksimal"),
            N_("Dikelola dengan baik"),
        ),
    ),
    Unsur(
        "U9",
        N_("Sarana dan Prasarana"),
        N_("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (N_("Buruk"), N_("Cukup"), N_("Baik"), N_("Sangat Baik")),
    ),
)
UNSUR_PER_KODE = {u.kode: u for u in UNSUR}
# The annex questionnaire's order: Sarana (U9) is question 8, Pengaduan (U8) question 9.
URUTAN_ANGKET = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8")

LABEL_HARAPAN = (N_("Tidak penting"), N_("Kurang penting"), N_("Penting"), N_("Sangat penting"))
TEKS_HARAPAN = N_("Seberapa penting unsur ini bagi Saudara: %(judul)s?")


@dataclass(frozen=True)
class Profil:
    kode: str
    judul: str
    teks: str
    jenis: str
    pilihan: tuple[tuple[str, str], ...] = ()
    batas: tuple[int, int] | None = None


PROFIL: tuple[Profil, ...] = (
    Profil(
        "jenis_kelamin",
        N_("Jenis kelamin"),
        N_("Jenis kelamin"),
        "pilihan_tunggal",
        (("L", N_("Laki-laki")), ("P", N_("Perempuan"))),
    ),
    Profil("usia", N_("Usia"), N_("Usia (tahun)"), "angka", batas=(10, 120)),
    Profil(
        "pendidikan",
        N_("Pendidikan"),
        N_("Pendidikan terakhir"),
        "pilihan_tunggal",
        (
            ("SD", N_("SD ke bawah")),
            ("SMP", N_("SMP")),
            ("SMA", N_("SMA/sederajat")),
            ("D1-D3", N_("D1-D3")),
            ("S1", N_("S1/D4")),
            ("S2", N_("S2")),
            ("S3", N_("S3")),
        ),
    ),
    Profil(
        "pekerjaan",
        N_("Pekerjaan"),
        N_("Pekerjaan utama"),
        "pilihan_tunggal",
        (
            ("PNS", N_("PNS")),
            ("TNI", N_("TNI")),
            ("POLRI", N_("POLRI")),
            ("Swasta", N_("Pegawai swasta")),
            ("Wirausaha", N_("Wirausaha")),
            ("Lainnya", N_("Lainnya")),
        ),
    ),
)
KODE_PROFIL = tuple(p.kode for p in PROFIL)


def definisi_pertanyaan(*, dengan_harapan: bool) -> list[dict[str, Any]]:
    """Rows for Pertanyaan of a built-in template, in display order."""
    baris: list[dict[str, Any]] = []
    for kode in URUTAN_ANGKET:
        u = UNSUR_PER_KODE[kode]
        baris.append(
            {
                "kode": u.kode,
                "kelompok": "unsur",
                "jenis": "skala4",
                "unsur": u.kode,
                "judul": u.judul,
                "teks": u.teks,
                "label_nilai": list(u.label),
                "wajib": True,
            }
        )
    if dengan_harapan:
        for kode in URUTAN_ANGKET:
            u = UNSUR_PER_KODE[kode]
            baris.append(
                {
                    "kode": "H" + u.kode[1:],
                    "kelompok": "harapan",
                    "jenis": "skala4",
                    "unsur": u.kode,
                    "judul": u.judul,
                    "teks": TEKS_HARAPAN,
                    "label_nilai": list(LABEL_HARAPAN),
                    "wajib": False,
                }
            )
    for p in PROFIL:
        baris.append(
            {
                "kode": p.kode,
                "kelompok": "profil",
                "jenis": p.jenis,
                "unsur": "",
                "judul": p.judul,
                "teks": p.teks,
                "pilihan": [{"kode": k, "label": label} for k, label in p.pilihan],
                "angka_min": p.batas[0] if p.batas else None,
                "angka_maks": p.batas[1] if p.batas else None,
                "wajib": False,
            }
        )
    for urutan, b in enumerate(baris, start=1):
        b["urutan"] = urutan
    return baris


TEMPLATE = (
    {
        "kode": KODE_TEMPLATE_SKM,
        "nama": N_("SKM PermenPANRB 14/2017 (9 unsur)"),
        "deskripsi": N_(
            "Sembilan unsur Survei Kepuasan Masyarakat sesuai lampiran PermenPANRB Nomor 14 Tahun 2017, "
            "skala 1-4, ditambah profil responden yang boleh dikosongkan."
        ),
        "dengan_harapan": False,
    },
    {
        "kode": KODE_TEMPLATE_SKM_HARAPAN,
        "nama": N_("SKM PermenPANRB 14/2017 dengan harapan (IPA)"),
        "deskripsi": N_(
            "Sembilan unsur SKM ditambah tingkat kepentingan (harapan) tiap unsur untuk "
            "Importance-Performance Analysis."
        ),
        "dengan_harapan": True,
    },
)


def pasang_template(Kuesioner: Any, Pertanyaan: Any) -> None:
    """Create or refresh the built-in templates (model classes passed in, so that a data
    migration can use its historical models)."""
    for t in TEMPLATE:
        kuesioner, _ = Kuesioner.objects.update_or_create(
            kode=t["kode"],
            defaults={"nama": t["nama"], "deskripsi": t["deskripsi"], "bawaan": True, "instansi": None},
        )
        for baris in definisi_pertanyaan(dengan_harapan=bool(t["dengan_harapan"])):
            data = dict(baris)
            kode = data.pop("kode")
            Pertanyaan.objects.update_or_create(kuesioner=kuesioner, kode=kode, defaults=data)

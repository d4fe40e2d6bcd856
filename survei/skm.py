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

from django.utils.translation import gettext_noop

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
        gettext_noop("Persyaratan"),
        gettext_noop(
            "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"
        ),
        (
            gettext_noop("Tidak sesuai"),
            gettext_noop("Kurang sesuai"),
            gettext_noop("Sesuai"),
            gettext_noop("Sangat sesuai"),
        ),
    ),
    Unsur(
        "U2",
        gettext_noop("Sistem, Mekanisme, dan Prosedur"),
        gettext_noop("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
        (
            gettext_noop("Tidak mudah"),
            gettext_noop("Kurang mudah"),
            gettext_noop("Mudah"),
            gettext_noop("Sangat mudah"),
        ),
    ),
    Unsur(
        "U3",
        gettext_noop("Waktu Penyelesaian"),
        gettext_noop("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
        (
            gettext_noop("Tidak cepat"),
            gettext_noop("Kurang cepat"),
            gettext_noop("Cepat"),
            gettext_noop("Sangat cepat"),
        ),
    ),
    Unsur(
        "U4",
        gettext_noop("Biaya/Tarif"),
        gettext_noop("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
        (
            gettext_noop("Sangat mahal"),
            gettext_noop("Cukup mahal"),
            gettext_noop("Murah"),
            gettext_noop("Gratis"),
        ),
    ),
    Unsur(
        "U5",
        gettext_noop("Produk Spesifikasi Jenis Pelayanan"),
        gettext_noop(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
            "standar pelayanan dengan hasil yang diberikan?"
        ),
        (
            gettext_noop("Tidak sesuai"),
            gettext_noop("Kurang sesuai"),
            gettext_noop("Sesuai"),
            gettext_noop("Sangat sesuai"),
        ),
    ),
    Unsur(
        "U6",
        gettext_noop("Kompetensi Pelaksana"),
        gettext_noop("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
        (
            gettext_noop("Tidak kompeten"),
            gettext_noop("Kurang kompeten"),
            gettext_noop("Kompeten"),
            gettext_noop("Sangat kompeten"),
        ),
    ),
    Unsur(
        "U7",
        gettext_noop("Perilaku Pelaksana"),
        gettext_noop(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
            "dan keramahan?"
        ),
        (
            gettext_noop("Tidak sopan dan ramah"),
            gettext_noop("Kurang sopan dan ramah"),
            gettext_noop("Sopan dan ramah"),
            gettext_noop("Sangat sopan dan ramah"),
        ),
    ),
    Unsur(
        "U8",
        gettext_noop("Penanganan Pengaduan, Saran dan Masukan"),
        gettext_noop("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?"),
        (
            gettext_noop("Tidak ada"),
            gettext_noop("Ada tetapi tidak berfungsi"),
            gettext_noop("Berfungsi kurang maksimal"),
            gettext_noop("Dikelola dengan baik"),
        ),
    ),
    Unsur(
        "U9",
        gettext_noop("Sarana dan Prasarana"),
        gettext_noop("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?"),
        (gettext_noop("Buruk"), gettext_noop("Cukup"), gettext_noop("Baik"), gettext_noop("Sangat Baik")),
    ),
)
UNSUR_PER_KODE = {u.kode: u for u in UNSUR}
# The annex questionnaire's order: Sarana (U9) is question 8, Pengaduan (U8) question 9.
URUTAN_ANGKET = ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8")

LABEL_HARAPAN = (
    gettext_noop("Tidak penting"),
    gettext_noop("Kurang penting"),
    gettext_noop("Penting"),
    gettext_noop("Sangat penting"),
)
TEKS_HARAPAN = gettext_noop("Seberapa penting unsur ini bagi Saudara: %(judul)s?")


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
        gettext_noop("Jenis kelamin"),
        gettext_noop("Jenis kelamin"),
        "pilihan_tunggal",
        (("L", gettext_noop("Laki-laki")), ("P", gettext_noop("Perempuan"))),
    ),
    Profil("usia", gettext_noop("Usia"), gettext_noop("Usia (tahun)"), "angka", batas=(10, 120)),
    Profil(
        "pendidikan",
        gettext_noop("Pendidikan"),
        gettext_noop("Pendidikan terakhir"),
        "pilihan_tunggal",
        (
            ("SD", gettext_noop("SD ke bawah")),
            ("SMP", gettext_noop("SMP")),
            ("SMA", gettext_noop("SMA/sederajat")),
            ("D1-D3", gettext_noop("D1-D3")),
            ("S1", gettext_noop("S1/D4")),
            ("S2", gettext_noop("S2")),
            ("S3", gettext_noop("S3")),
        ),
    ),
    Profil(
        "pekerjaan",
        gettext_noop("Pekerjaan"),
        gettext_noop("Pekerjaan utama"),
        "pilihan_tunggal",
        (
            ("PNS", gettext_noop("PNS")),
            ("TNI", gettext_noop("TNI")),
            ("POLRI", gettext_noop("POLRI")),
            ("Swasta", gettext_noop("Pegawai swasta")),
            ("Wirausaha", gettext_noop("Wirausaha")),
            ("Lainnya", gettext_noop("Lainnya")),
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
        "nama": gettext_noop("SKM PermenPANRB 14/2017 (9 unsur)"),
        "deskripsi": gettext_noop(
            "Sembilan unsur Survei Kepuasan Masyarakat sesuai lampiran PermenPANRB Nomor 14 Tahun 2017, "
            "skala 1-4, ditambah profil responden yang boleh dikosongkan."
        ),
        "dengan_harapan": False,
    },
    {
        "kode": KODE_TEMPLATE_SKM_HARAPAN,
        "nama": gettext_noop("SKM PermenPANRB 14/2017 dengan harapan (IPA)"),
        "deskripsi": gettext_noop(
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

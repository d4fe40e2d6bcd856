"""Demo data for four cities, their restructurings and four demo accounts.

`python manage.py demo` runs `isi()`; it may run any number of times: every row is found by
its natural key and written only when it differs from the data below, so a second run changes
nothing. Nothing here reads the clock or a random source.

Everything is fiction made to look plausible: the units carry the usual names of Indonesian
perangkat daerah, but the restructurings and the numbers of their legal bases are invented
(each dasar hukum says "contoh demo") and must not be cited as real regulations.

The accounts share a publicly known password, so the command is meant for development,
demonstrations and tests, never for a production database.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.db import models, transaction

from organisasi.models import Instansi, Keanggotaan, Layanan, LinPenataan, Penataan, UnitLayanan

J = UnitLayanan.Jenis
Lin = LinPenataan.Jenis
Peran = Keanggotaan.Peran

SANDI_DEMO = "tilik-demo-2026"
# Public on purpose: whoever runs the demo types this into an authenticator app (or uses the
# otpauth:// address the command prints) to sign in as evaluator@ or admin@. Base32, 160 bits.
DEMO_TOTP_SECRET = "TILIKDEMOPALEMBANGSERANGSAWAHLUN"

# Units that existed before any demo restructuring start with the perangkat daerah formed under
# PP 18/2016 (1 January 2017 in most regions); a demo assumption, not a fact about each city.
AWAL_DATA = date(2017, 1, 1)

CATATAN_FIKSI = (
    "Data demo: peristiwa penataan dan nomor dasar hukum ini fiktif, dibuat untuk peragaan Tilik, "
    "bukan rujukan peraturan yang sebenarnya."
)


@dataclass(frozen=True)
class DataUnit:
    slug: str
    nama: str
    jenis: str
    layanan: tuple[str, ...]
    singkatan: str = ""
    induk: str | None = None  # slug of a unit listed earlier in the same city


@dataclass(frozen=True)
class DataLin:
    jenis: str
    asal: str | None
    hasil: str | None
    porsi: Decimal | None = None


@dataclass(frozen=True)
class DataPenataan:
    judul: str  # natural key within the city
    tanggal_efektif: date
    dasar_hukum: str
    deskripsi: str
    lineage: tuple[DataLin, ...]


@dataclass(frozen=True)
class DataInstansi:
    slug: str
    nama: str
    unit: tuple[DataUnit, ...]
    penataan: tuple[DataPenataan, ...] = ()


@dataclass(frozen=True)
class DataPeran:
    instansi: str
    peran: str
    unit: str | None = None


@dataclass(frozen=True)
class DataAkun:
    email: str
    nama_depan: str
    nama_belakang: str
    superuser: bool = False
    totp: bool = False
    peran: tuple[DataPeran, ...] = field(default=())


# Services that recur across cities, named once so the spelling is the same everywhere.
KTP_EL = "Penerbitan KTP elektronik"
KK = "Penerbitan Kartu Keluarga"
AKTA_LAHIR = "Akta kelahiran"
NIB = "Izin usaha (NIB) melalui OSS"
PBG = "Persetujuan Bangunan Gedung (PBG)"
SLHS = "Sertifikat laik higiene sanitasi"
SPP_IRT = "Sertifikat produksi pangan industri rumah tangga (SPP-IRT)"
RAWAT_JALAN_PKM = "Pelayanan rawat jalan umum"
KIA = "Pelayanan kesehatan ibu dan anak"
IMUNISASI = "Imunisasi"
RAWAT_JALAN = "Pelayanan rawat jalan"
IGD = "Pelayanan gawat darurat (IGD)"
RAWAT_INAP = "Pelayanan rawat inap"
PATEN = "Pelayanan Administrasi Terpadu Kecamatan (PATEN)"
AHLI_WARIS = "Surat keterangan ahli waris"
UJI_KIR = "Pengujian berkala kendaraan bermotor (uji KIR)"
PARKIR = "Izin penyelenggaraan tempat parkir"
DTKS = "Pendaftaran Data Terpadu Kesejahteraan Sosial (DTKS)"
BANSOS = "Rekomendasi bantuan sosial"
TERA = "Tera dan tera ulang alat ukur (metrologi legal)"
HALAL_IKM = "Fasilitasi sertifikasi halal bagi IKM"
PASAR = "Penempatan pedagang di pasar rakyat"
LAB_AIR = "Pemeriksaan kualitas air minum"
LAB_LINGKUNGAN = "Pemeriksaan laboratorium kesehatan lingkungan"
KEKERASAN = "Pendampingan korban kekerasan terhadap perempuan dan anak"
KONSELING = "Konseling keluarga (Puspaga)"
KB = "Pelayanan keluarga berencana (KB)"
STUNTING = "Pendampingan keluarga berisiko stunting"

# Bundles of the services every unit of that kind offers.
L_PUSKESMAS = (RAWAT_JALAN_PKM, KIA, IMUNISASI)
L_RSUD = (RAWAT_JALAN, IGD, RAWAT_INAP)
L_KECAMATAN = (PATEN, AHLI_WARIS)
L_DINKES = (SLHS, SPP_IRT)
L_DISHUB = (UJI_KIR, PARKIR)
L_DINSOS = (DTKS, BANSOS)
IKM = "Pelatihan dan pendampingan industri kecil menengah"

DISDUKCAPIL = ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", J.DINAS)
DPMPTSP = ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", J.DINAS)

INSTANSI_DEMO: tuple[DataInstansi, ...] = (
    DataInstansi(
        slug="kota-palembang",
        nama="Kota Palembang",
        unit=(
            DataUnit(*DISDUKCAPIL, (KTP_EL, KK, AKTA_LAHIR, "Akta kematian"), singkatan="Disdukcapil"),
            DataUnit(*DPMPTSP, (NIB, PBG, "Surat izin praktik tenaga kesehatan"), singkatan="DPMPTSP"),
            DataUnit("dinkes", "Dinas Kesehatan", J.DINAS, L_DINKES, singkatan="Dinkes"),
            DataUnit("puskesmas-dempo", "Puskesmas Dempo", J.PUSKESMAS, L_PUSKESMAS, induk="dinkes"),
            DataUnit("rsud-bari", "RSUD Palembang BARI", J.RSUD, L_RSUD),
            DataUnit(
                "kecamatan-ilir-timur-i",
                "Kecamatan Ilir Timur I",
                J.KECAMATAN,
                (*L_KECAMATAN, "Rekomendasi izin keramaian"),
            ),
            DataUnit("dishub", "Dinas Perhubungan", J.DINAS, L_DISHUB, singkatan="Dishub"),
            DataUnit("dinsos", "Dinas Sosial", J.DINAS, L_DINSOS, singkatan="Dinsos"),
            DataUnit("disperin", "Dinas Perindustrian", J.DINAS, (HALAL_IKM, IKM)),
            DataUnit("disdag", "Dinas Perdagangan", J.DINAS, (TERA, PASAR)),
            DataUnit(
                "disperindag",
                "Dinas Perindustrian dan Perdagangan",
                J.DINAS,
                (TERA, HALAL_IKM, IKM, PASAR),
                singkatan="Disperindag",
            ),
        ),
        penataan=(
            DataPenataan(
                judul="Penggabungan Dinas Perindustrian dan Dinas Perdagangan",
                tanggal_efektif=date(2024, 7, 1),
                dasar_hukum="Perda Kota Palembang No. 7 Tahun 2024 (contoh demo)",
                deskripsi=(
                    "Dinas Perindustrian dan Dinas Perdagangan, yang fungsinya beririsan (pembinaan "
                    "IKM, pasar rakyat, metrologi), digabung menjadi Dinas Perindustrian dan "
                    "Perdagangan. " + CATATAN_FIKSI
                ),
                lineage=(
                    DataLin(Lin.PENGGABUNGAN, "disperin", "disperindag"),
                    DataLin(Lin.PENGGABUNGAN, "disdag", "disperindag"),
                ),
            ),
        ),
    ),
    DataInstansi(
        slug="kota-serang",
        nama="Kota Serang",
        unit=(
            DataUnit(
                *DISDUKCAPIL, (KTP_EL, KK, AKTA_LAHIR, "Kartu Identitas Anak (KIA)"), singkatan="Disdukcapil"
            ),
            DataUnit(*DPMPTSP, (NIB, PBG, "Izin penyelenggaraan reklame"), singkatan="DPMPTSP"),
            # The Dinas Kesehatan before the split keeps its own row: its survey results stay
            # the "before" of both units that came out of it.
            DataUnit(
                "dinkes-2017-2024",
                "Dinas Kesehatan",
                J.DINAS,
                (SLHS, SPP_IRT, LAB_AIR, LAB_LINGKUNGAN),
                singkatan="Dinkes",
            ),
            DataUnit(
                "dinkes",
                "Dinas Kesehatan",
                J.DINAS,
                (SLHS, SPP_IRT, "Rekomendasi izin operasional klinik pratama"),
                singkatan="Dinkes",
            ),
            DataUnit(
                "uptd-labkesda",
                "UPTD Laboratorium Kesehatan Daerah",
                J.UPTD,
                ("Pemeriksaan laboratorium klinik", LAB_AIR, LAB_LINGKUNGAN),
                singkatan="Labkesda",
                induk="dinkes",
            ),
            # induk is the current structure: the puskesmas report to today's Dinas Kesehatan.
            DataUnit(
                "puskesmas-serang-kota",
                "Puskesmas Serang Kota",
                J.PUSKESMAS,
                (RAWAT_JALAN_PKM, KIA, "Pemeriksaan kesehatan gigi dan mulut"),
                induk="dinkes",
            ),
            DataUnit(
                "puskesmas-ciracas",
                "Puskesmas Ciracas",
                J.PUSKESMAS,
                (RAWAT_JALAN_PKM, IMUNISASI, KB),
                induk="dinkes",
            ),
            DataUnit("rsud-kota-serang", "RSUD Kota Serang", J.RSUD, L_RSUD),
            DataUnit("kecamatan-cipocok-jaya", "Kecamatan Cipocok Jaya", J.KECAMATAN, L_KECAMATAN),
            DataUnit("dishub", "Dinas Perhubungan", J.DINAS, L_DISHUB, singkatan="Dishub"),
            DataUnit("dinsos", "Dinas Sosial", J.DINAS, L_DINSOS, singkatan="Dinsos"),
        ),
        penataan=(
            DataPenataan(
                judul="Penataan Dinas Kesehatan dan pembentukan UPTD Laboratorium Kesehatan Daerah",
                tanggal_efektif=date(2025, 1, 1),
                dasar_hukum=(
                    "Perda Kota Serang No. 3 Tahun 2024 jo. Perwal Kota Serang No. 41 Tahun 2024 "
                    "(contoh demo)"
                ),
                deskripsi=(
                    "Dinas Kesehatan dipecah: fungsi pemeriksaan laboratorium (sekitar 30%) "
                    "dipindahkan ke UPTD Laboratorium Kesehatan Daerah, selebihnya tetap di Dinas "
                    "Kesehatan dengan susunan baru. " + CATATAN_FIKSI
                ),
                lineage=(
                    DataLin(Lin.PEMECAHAN, "dinkes-2017-2024", "dinkes", Decimal("0.7")),
                    DataLin(Lin.PEMECAHAN, "dinkes-2017-2024", "uptd-labkesda", Decimal("0.3")),
                ),
            ),
        ),
    ),
    DataInstansi(
        slug="kota-sawahlunto",
        nama="Kota Sawahlunto",
        unit=(
            DataUnit(*DISDUKCAPIL, (KTP_EL, KK, AKTA_LAHIR), singkatan="Disdukcapil"),
            DataUnit(*DPMPTSP, (NIB, PBG, "Pendaftaran usaha pariwisata"), singkatan="DPMPTSP"),
            DataUnit("dinkes", "Dinas Kesehatan", J.DINAS, L_DINKES, singkatan="Dinkes"),
            DataUnit(
                "puskesmas-silungkang", "Puskesmas Silungkang", J.PUSKESMAS, L_PUSKESMAS, induk="dinkes"
            ),
            DataUnit("rsud-sawahlunto", "RSUD Sawahlunto", J.RSUD, L_RSUD),
            DataUnit("kecamatan-talawi", "Kecamatan Talawi", J.KECAMATAN, L_KECAMATAN),
            DataUnit("dinsos", "Dinas Sosial", J.DINAS, L_DINSOS, singkatan="Dinsos"),
            DataUnit(
                "inspektorat",
                "Inspektorat Daerah",
                J.INSPEKTORAT,
                (
                    "Penanganan pengaduan terkait aparatur (whistleblowing system)",
                    "Konsultasi pengendalian gratifikasi",
                ),
            ),
            DataUnit(
                "ulpm",
                "Unit Layanan Pengaduan Masyarakat",
                J.LAINNYA,
                (
                    "Penerimaan pengaduan pelayanan publik (SP4N-LAPOR!)",
                    "Pemantauan tindak lanjut pengaduan",
                    "Pendampingan warga pengadu",
                ),
                singkatan="ULPM",
                induk="inspektorat",
            ),
        ),
        penataan=(
            DataPenataan(
                judul="Pembentukan Unit Layanan Pengaduan Masyarakat",
                tanggal_efektif=date(2025, 3, 1),
                dasar_hukum="Perwal Kota Sawahlunto No. 12 Tahun 2025 (contoh demo)",
                deskripsi=(
                    "Dibentuk Unit Layanan Pengaduan Masyarakat di bawah Inspektorat Daerah sebagai "
                    "pintu tunggal pengaduan pelayanan publik. " + CATATAN_FIKSI
                ),
                lineage=(DataLin(Lin.BARU, None, "ulpm"),),
            ),
        ),
    ),
    DataInstansi(
        slug="kota-tebing-tinggi",
        nama="Kota Tebing Tinggi",
        unit=(
            DataUnit(*DISDUKCAPIL, (KTP_EL, KK, AKTA_LAHIR), singkatan="Disdukcapil"),
            DataUnit(*DPMPTSP, (NIB, PBG, "Surat izin praktik tenaga kesehatan"), singkatan="DPMPTSP"),
            DataUnit("dinkes", "Dinas Kesehatan", J.DINAS, L_DINKES, singkatan="Dinkes"),
            DataUnit(
                "puskesmas-rantau-laban", "Puskesmas Rantau Laban", J.PUSKESMAS, L_PUSKESMAS, induk="dinkes"
            ),
            DataUnit("rsud-kumpulan-pane", "RSUD dr. H. Kumpulan Pane", J.RSUD, L_RSUD),
            DataUnit("kecamatan-padang-hulu", "Kecamatan Padang Hulu", J.KECAMATAN, L_KECAMATAN),
            DataUnit("dishub", "Dinas Perhubungan", J.DINAS, L_DISHUB, singkatan="Dishub"),
            DataUnit(
                "dpppa",
                "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
                J.DINAS,
                (KEKERASAN, KONSELING),
                singkatan="DPPPA",
            ),
            DataUnit(
                "dppkb",
                "Dinas Pengendalian Penduduk dan Keluarga Berencana",
                J.DINAS,
                (KB, STUNTING),
                singkatan="DPPKB",
            ),
            DataUnit(
                "dp3appkb",
                "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan "
                "Keluarga Berencana",
                J.DINAS,
                (KEKERASAN, KONSELING, KB, STUNTING),
                singkatan="DP3APPKB",
            ),
        ),
        penataan=(
            DataPenataan(
                judul="Penggabungan DPPPA dan DPPKB",
                tanggal_efektif=date(2024, 10, 1),
                dasar_hukum="Perda Kota Tebing Tinggi No. 5 Tahun 2024 (contoh demo)",
                deskripsi=(
                    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak serta Dinas Pengendalian "
                    "Penduduk dan Keluarga Berencana, yang sama-sama melayani keluarga, digabung "
                    "menjadi DP3APPKB. " + CATATAN_FIKSI
                ),
                lineage=(
                    DataLin(Lin.PENGGABUNGAN, "dpppa", "dp3appkb"),
                    DataLin(Lin.PENGGABUNGAN, "dppkb", "dp3appkb"),
                ),
            ),
        ),
    ),
)

AKUN_DEMO: tuple[DataAkun, ...] = (
    DataAkun("admin@demo.tilik.id", "Admin", "Demo", superuser=True, totp=True),
    DataAkun(
        "evaluator@demo.tilik.id",
        "Evaluator",
        "Demo",
        totp=True,
        peran=(DataPeran("kota-palembang", Peran.EVALUATOR),),
    ),
    # Petugas of the merged unit, so forum and complaint demos show a unit with a before/after.
    DataAkun(
        "petugas@demo.tilik.id",
        "Petugas",
        "Demo",
        peran=(DataPeran("kota-palembang", Peran.PETUGAS, "disperindag"),),
    ),
    DataAkun("warga@demo.tilik.id", "Warga", "Demo"),
)


class Keluaran(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class Hitungan:
    dibuat: int = 0
    diperbarui: int = 0


M = TypeVar("M", bound=models.Model)


def _simpan(model: type[M], *, kunci: dict[str, Any], nilai: dict[str, Any], hitung: Hitungan) -> M:
    """Find the row by its natural key; create it, or write only the fields that differ."""
    obj = model._default_manager.filter(**kunci).first()
    if obj is None:
        obj = model(**kunci, **nilai)
        obj.full_clean()
        obj.save()
        hitung.dibuat += 1
        return obj
    berubah = [nama for nama, isi in nilai.items() if getattr(obj, nama) != isi]
    if berubah:
        for nama in berubah:
            setattr(obj, nama, nilai[nama])
        obj.full_clean()
        obj.save(update_fields=berubah)
        hitung.diperbarui += 1
    return obj


def masa_aktif(data: DataInstansi) -> dict[str, tuple[date, date | None]]:
    """aktif_dari/aktif_sampai of every unit, derived from the penataan so they cannot disagree:
    a unit ends the day before the penataan that takes it apart and starts on the day of the
    one that forms it."""
    masa: dict[str, tuple[date, date | None]] = {u.slug: (AWAL_DATA, None) for u in data.unit}
    for p in data.penataan:
        for lin in p.lineage:
            if lin.asal is not None:
                masa[lin.asal] = (masa[lin.asal][0], p.tanggal_efektif - timedelta(days=1))
            if lin.hasil is not None:
                masa[lin.hasil] = (p.tanggal_efektif, masa[lin.hasil][1])
    return masa


def _isi_instansi(data: DataInstansi, hitung: Hitungan) -> Instansi:
    instansi = _simpan(
        Instansi,
        kunci={"slug": data.slug},
        nilai={"nama": data.nama, "jenis": Instansi.Jenis.KOTA},
        hitung=hitung,
    )
    masa = masa_aktif(data)
    unit: dict[str, UnitLayanan] = {}
    for u in data.unit:
        dari, sampai = masa[u.slug]
        unit[u.slug] = _simpan(
            UnitLayanan,
            kunci={"instansi": instansi, "slug": u.slug},
            nilai={
                "nama": u.nama,
                "singkatan": u.singkatan,
                "jenis": u.jenis,
                "induk": unit[u.induk] if u.induk else None,
                "aktif_dari": dari,
                "aktif_sampai": sampai,
            },
            hitung=hitung,
        )
        for nama in u.layanan:
            # A service of a unit that has ended is no longer offered; its history stays.
            _simpan(
                Layanan,
                kunci={"unit": unit[u.slug], "nama": nama},
                nilai={"aktif": sampai is None},
                hitung=hitung,
            )
    for p in data.penataan:
        penataan = _simpan(
            Penataan,
            kunci={"instansi": instansi, "judul": p.judul},
            nilai={
                "tanggal_efektif": p.tanggal_efektif,
                "dasar_hukum": p.dasar_hukum,
                "deskripsi": p.deskripsi,
            },
            hitung=hitung,
        )
        for lin in p.lineage:
            _simpan(
                LinPenataan,
                kunci={
                    "penataan": penataan,
                    "unit_asal": unit[lin.asal] if lin.asal else None,
                    "unit_hasil": unit[lin.hasil] if lin.hasil else None,
                },
                nilai={"jenis": lin.jenis, "porsi": lin.porsi},
                hitung=hitung,
            )
    return instansi


def _isi_akun(data: DataAkun, hitung: Hitungan) -> Any:
    Pengguna = get_user_model()
    nilai = {
        "first_name": data.nama_depan,
        "last_name": data.nama_belakang,
        "is_active": True,
        "is_staff": data.superuser,
        "is_superuser": data.superuser,
    }
    pengguna = Pengguna._default_manager.filter(email=data.email).first()
    if pengguna is None:
        pengguna = Pengguna(email=data.email, **nilai)
        pengguna.set_password(SANDI_DEMO)
        pengguna.full_clean()
        pengguna.save()
        hitung.dibuat += 1
    else:
        pengguna = _simpan(Pengguna, kunci={"pk": pengguna.pk}, nilai=nilai, hitung=hitung)
        # Only a password that no longer works is reset: re-hashing the same password would
        # give a new salt and count as a change (and could end sessions elsewhere).
        if not pengguna.check_password(SANDI_DEMO):
            pengguna.set_password(SANDI_DEMO)
            pengguna.save(update_fields=["password"])
            hitung.diperbarui += 1

    # Mandatory e-mail verification: without a verified address allauth would not let them in.
    # A user has at most one primary address, so another one added by hand gives way.
    EmailAddress.objects.filter(user=pengguna, primary=True).exclude(email=data.email).update(primary=False)
    _simpan(
        EmailAddress,
        kunci={"user": pengguna, "email": data.email},
        nilai={"verified": True, "primary": True},
        hitung=hitung,
    )
    for p in data.peran:
        instansi = Instansi.objects.get(slug=p.instansi)
        unit = UnitLayanan.objects.get(instansi=instansi, slug=p.unit) if p.unit else None
        _simpan(
            Keanggotaan,
            kunci={"pengguna": pengguna, "instansi": instansi, "unit": unit, "peran": p.peran},
            nilai={},
            hitung=hitung,
        )
    if data.totp:
        _pasang_totp(pengguna, hitung)
    return pengguna


def _pasang_totp(pengguna: Any, hitung: Hitungan) -> None:
    """One active TOTP authenticator with DEMO_TOTP_SECRET. The stored secret goes through the
    MFA adapter's encrypt(), which may be non-deterministic, so it is compared decrypted."""
    ada = Authenticator.objects.filter(user=pengguna, type=Authenticator.Type.TOTP).first()
    if ada is None:
        TOTP.activate(pengguna, DEMO_TOTP_SECRET)
        hitung.dibuat += 1
    elif decrypt(ada.data["secret"]) != DEMO_TOTP_SECRET:
        ada.delete()
        TOTP.activate(pengguna, DEMO_TOTP_SECRET)
        hitung.diperbarui += 1


def isi(*, keluaran: Keluaran) -> None:
    """Write the demo cities and accounts, then print what is in the database."""
    hitung = Hitungan()
    with transaction.atomic():
        semua_instansi = [_isi_instansi(data, hitung) for data in INSTANSI_DEMO]
        semua_akun = [_isi_akun(data, hitung) for data in AKUN_DEMO]

    keluaran.write(
        f"Organisasi dan akun demo: {hitung.dibuat} baris dibuat, {hitung.diperbarui} diperbarui.\n"
    )
    for instansi in semua_instansi:
        unit = UnitLayanan.objects.filter(instansi=instansi)
        keluaran.write(
            f"  {instansi.nama}: {unit.count()} unit ({unit.filter(aktif_sampai__isnull=True).count()} "
            f"aktif), {Layanan.objects.filter(unit__instansi=instansi).count()} layanan, "
            f"{Penataan.objects.filter(instansi=instansi).count()} penataan, "
            f"{LinPenataan.objects.filter(penataan__instansi=instansi).count()} garis silsilah\n"
        )
    keluaran.write(f'Akun demo (kata sandi "{SANDI_DEMO}"):\n')
    for data, pengguna in zip(AKUN_DEMO, semua_akun, strict=True):
        peran = [f"{k.get_peran_display()} {k.unit or k.instansi}" for k in pengguna.keanggotaan.all()]
        if data.superuser:
            peran.insert(0, "superuser")
        keluaran.write(f"  {data.email}: {', '.join(peran) or 'warga tanpa peran'}\n")
    keluaran.write(f"Rahasia TOTP (ketik di aplikasi authenticator): {DEMO_TOTP_SECRET}\n")
    for data, pengguna in zip(AKUN_DEMO, semua_akun, strict=True):
        if data.totp:
            keluaran.write(f"  {get_mfa_adapter().build_totp_url(pengguna, DEMO_TOTP_SECRET)}\n")

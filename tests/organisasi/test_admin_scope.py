"""The admin site: superusers see everything, an admin instansi only his own instansi."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from akun.models import Pengguna
from organisasi.models import Instansi, Keanggotaan, Layanan, LinPenataan, Penataan, UnitLayanan
from tests.factories import LayananFactory, PenataanFactory

Masuk = Callable[..., Client]


@pytest.fixture
def klien_admin(admin_instansi: Pengguna, masuk: Masuk) -> Client:
    return masuk(admin_instansi, totp=True)


@pytest.fixture
def klien_super(superuser: Pengguna, masuk: Masuk) -> Client:
    return masuk(superuser, totp=True)


def url_admin(model: type, aksi: str, *args: object) -> str:
    return reverse(f"admin:organisasi_{model._meta.model_name}_{aksi}", args=args)  # type: ignore[attr-defined]


def data_keanggotaan(**nilai: object) -> dict[str, object]:
    return {"pengguna": "warga@contoh.id", "peran": Keanggotaan.Peran.EVALUATOR, "unit": "", **nilai}


# Who gets in -------------------------------------------------------------------------------


@pytest.mark.parametrize("aktor", ["warga", "petugas", "evaluator"])
def test_pengguna_tanpa_peran_admin_diarahkan_ke_login_admin(
    aktor: str, masuk: Masuk, request: pytest.FixtureRequest
) -> None:
    respons = masuk(request.getfixturevalue(aktor), totp=True).get(reverse("admin:index"))

    assert respons.status_code == 302
    assert respons["Location"].startswith(reverse("admin:login"))


def test_login_admin_menolak_pengguna_yang_sudah_masuk_tanpa_peran_admin(
    warga: Pengguna, masuk: Masuk
) -> None:
    assert masuk(warga).get(reverse("admin:login")).status_code == 403


def test_login_admin_mengarahkan_pengunjung_ke_login_allauth(client: Client, db: None) -> None:
    respons = client.get(reverse("admin:index"), follow=True)

    assert respons.redirect_chain[-1][0] == f"{reverse('account_login')}?next=/admin/"


def test_admin_instansi_tanpa_is_staff_bisa_masuk(admin_instansi: Pengguna, klien_admin: Client) -> None:
    assert not admin_instansi.is_staff

    respons = klien_admin.get(reverse("admin:index"))

    assert respons.status_code == 200
    aplikasi = {
        app["app_label"]: {m["object_name"] for m in app["models"]} for app in respons.context["app_list"]
    }
    assert aplikasi["organisasi"] == {"Instansi", "UnitLayanan", "Layanan", "Penataan", "Keanggotaan"}
    assert "akun" not in aplikasi


def test_admin_instansi_tidak_bisa_membuka_daftar_akun(klien_admin: Client) -> None:
    assert klien_admin.get(reverse("admin:akun_pengguna_changelist")).status_code == 403


def test_superuser_bisa_membuka_daftar_akun(klien_super: Client) -> None:
    assert klien_super.get(reverse("admin:akun_pengguna_changelist")).status_code == 200


# What an admin instansi sees ---------------------------------------------------------------


def test_admin_instansi_hanya_melihat_unit_instansinya(
    klien_admin: Client, unit: UnitLayanan, unit_lain: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    respons = klien_admin.get(url_admin(UnitLayanan, "changelist"))

    assert set(respons.context["cl"].result_list) == {unit, unit_lain}
    assert unit_instansi_lain.nama not in respons.content.decode()


def test_superuser_melihat_semua_unit(
    klien_super: Client, unit: UnitLayanan, unit_lain: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    respons = klien_super.get(url_admin(UnitLayanan, "changelist"))

    assert set(respons.context["cl"].result_list) == {unit, unit_lain, unit_instansi_lain}


def test_admin_instansi_hanya_melihat_instansinya(
    klien_admin: Client, instansi: Instansi, instansi_lain: Instansi
) -> None:
    respons = klien_admin.get(url_admin(Instansi, "changelist"))

    assert list(respons.context["cl"].result_list) == [instansi]


def test_admin_instansi_hanya_melihat_layanan_dan_keanggotaan_instansinya(
    klien_admin: Client, unit: UnitLayanan, unit_instansi_lain: UnitLayanan, admin_lain: Pengguna
) -> None:
    milik = LayananFactory.create(unit=unit)
    LayananFactory.create(unit=unit_instansi_lain)

    layanan = klien_admin.get(url_admin(Layanan, "changelist")).context["cl"].result_list
    keanggotaan = klien_admin.get(url_admin(Keanggotaan, "changelist")).context["cl"].result_list

    assert list(layanan) == [milik]
    assert {k.pengguna.email for k in keanggotaan} == {"admin@contoh.id"}


def _objek_instansi_lain(nama: str, instansi_lain: Instansi, unit_instansi_lain: UnitLayanan) -> object:
    return {
        "instansi": lambda: instansi_lain,
        "unit": lambda: unit_instansi_lain,
        "layanan": lambda: LayananFactory.create(unit=unit_instansi_lain),
        "penataan": lambda: PenataanFactory.create(instansi=instansi_lain),
    }[nama]()


@pytest.mark.parametrize("aksi", ["change", "delete", "history"])
@pytest.mark.parametrize("nama", ["instansi", "unit", "layanan", "penataan"])
def test_admin_instansi_ditolak_membuka_objek_instansi_lain(
    nama: str, aksi: str, klien_admin: Client, instansi_lain: Instansi, unit_instansi_lain: UnitLayanan
) -> None:
    objek = _objek_instansi_lain(nama, instansi_lain, unit_instansi_lain)

    respons = klien_admin.get(url_admin(type(objek), aksi, objek.pk))  # type: ignore[attr-defined]

    assert respons.status_code == 403


def test_admin_instansi_ditolak_membuka_keanggotaan_instansi_lain(
    klien_admin: Client, admin_lain: Pengguna
) -> None:
    keanggotaan = admin_lain.keanggotaan.get()

    assert klien_admin.get(url_admin(Keanggotaan, "change", keanggotaan.pk)).status_code == 403


def test_admin_instansi_bisa_mengubah_unit_instansinya(klien_admin: Client, unit: UnitLayanan) -> None:
    respons = klien_admin.post(
        url_admin(UnitLayanan, "change", unit.pk),
        {"instansi": unit.instansi_id, "nama": "Disdukcapil Baru", "slug": unit.slug, "jenis": "dinas"},
    )

    assert respons.status_code == 302
    unit.refresh_from_db()
    assert unit.nama == "Disdukcapil Baru"


def test_objek_yang_tidak_ada_tetap_dilaporkan_tidak_ada(klien_admin: Client, db: None) -> None:
    respons = klien_admin.get(url_admin(UnitLayanan, "change", 987654))

    assert respons.status_code == 302


# Instansi itself --------------------------------------------------------------------------


def test_admin_instansi_tidak_bisa_menambah_atau_menghapus_instansi(
    klien_admin: Client, instansi: Instansi
) -> None:
    assert klien_admin.get(url_admin(Instansi, "add")).status_code == 403
    assert klien_admin.get(url_admin(Instansi, "delete", instansi.pk)).status_code == 403
    assert klien_admin.get(url_admin(Instansi, "change", instansi.pk)).status_code == 200


def test_superuser_bisa_menambah_instansi(klien_super: Client) -> None:
    respons = klien_super.post(
        url_admin(Instansi, "add"), {"nama": "Pemerintah Kota Baru", "slug": "baru", "jenis": "kota"}
    )

    assert respons.status_code == 302
    assert Instansi.objects.filter(slug="baru").exists()


# Granting roles ---------------------------------------------------------------------------


def test_admin_instansi_bisa_menjadikan_warga_evaluator_instansinya(
    klien_admin: Client, instansi: Instansi, warga: Pengguna
) -> None:
    respons = klien_admin.post(url_admin(Keanggotaan, "add"), data_keanggotaan(instansi=instansi.pk))

    assert respons.status_code == 302
    assert warga.keanggotaan.get().instansi == instansi


def test_pengguna_dipilih_dengan_email_tanpa_membedakan_huruf_besar(
    klien_admin: Client, instansi: Instansi, warga: Pengguna
) -> None:
    klien_admin.post(
        url_admin(Keanggotaan, "add"), data_keanggotaan(instansi=instansi.pk, pengguna="Warga@Contoh.ID")
    )

    assert warga.keanggotaan.exists()


def test_admin_instansi_tidak_bisa_memberi_peran_di_instansi_lain(
    klien_admin: Client, instansi_lain: Instansi, warga: Pengguna
) -> None:
    respons = klien_admin.post(url_admin(Keanggotaan, "add"), data_keanggotaan(instansi=instansi_lain.pk))

    assert respons.status_code == 200
    assert "instansi" in respons.context["adminform"].form.errors
    assert not Keanggotaan.objects.filter(pengguna=warga).exists()


def test_admin_instansi_tidak_bisa_menempatkan_petugas_di_unit_instansi_lain(
    klien_admin: Client, instansi: Instansi, unit_instansi_lain: UnitLayanan, warga: Pengguna
) -> None:
    respons = klien_admin.post(
        url_admin(Keanggotaan, "add"),
        data_keanggotaan(instansi=instansi.pk, unit=unit_instansi_lain.pk, peran=Keanggotaan.Peran.PETUGAS),
    )

    assert "unit" in respons.context["adminform"].form.errors
    assert not Keanggotaan.objects.filter(pengguna=warga).exists()


def test_admin_instansi_tidak_bisa_memindahkan_keanggotaan_ke_instansi_lain(
    klien_admin: Client, evaluator: Pengguna, instansi_lain: Instansi
) -> None:
    keanggotaan = evaluator.keanggotaan.get()

    respons = klien_admin.post(
        url_admin(Keanggotaan, "change", keanggotaan.pk),
        data_keanggotaan(pengguna=evaluator.email, instansi=instansi_lain.pk),
    )

    assert respons.status_code == 200
    keanggotaan.refresh_from_db()
    assert keanggotaan.instansi_id != instansi_lain.pk


def test_email_tanpa_akun_ditolak_dengan_pesan_jelas(klien_admin: Client, instansi: Instansi) -> None:
    respons = klien_admin.post(
        url_admin(Keanggotaan, "add"), data_keanggotaan(instansi=instansi.pk, pengguna="belum@contoh.id")
    )

    assert "Belum ada akun" in str(respons.context["adminform"].form.errors["pengguna"])
    assert not Keanggotaan.objects.filter(instansi=instansi, peran=Keanggotaan.Peran.EVALUATOR).exists()


def test_petugas_tanpa_unit_ditolak(klien_admin: Client, instansi: Instansi, warga: Pengguna) -> None:
    respons = klien_admin.post(
        url_admin(Keanggotaan, "add"), data_keanggotaan(instansi=instansi.pk, peran=Keanggotaan.Peran.PETUGAS)
    )

    assert "unit" in respons.context["adminform"].form.errors
    assert not Keanggotaan.objects.filter(pengguna=warga).exists()


def test_form_keanggotaan_menampilkan_email_pengguna(klien_admin: Client, evaluator: Pengguna) -> None:
    keanggotaan = evaluator.keanggotaan.get()

    respons = klien_admin.get(url_admin(Keanggotaan, "change", keanggotaan.pk))

    assert 'value="evaluator@contoh.id"' in respons.content.decode()


# Same-instansi rules of the models --------------------------------------------------------


def test_induk_unit_harus_dari_instansi_yang_sama(
    klien_super: Client, instansi: Instansi, unit_instansi_lain: UnitLayanan
) -> None:
    respons = klien_super.post(
        url_admin(UnitLayanan, "add"),
        {
            "instansi": instansi.pk,
            "nama": "UPTD Baru",
            "slug": "uptd-baru",
            "jenis": "uptd",
            "induk": unit_instansi_lain.pk,
        },
    )

    assert "induk" in respons.context["adminform"].form.errors
    assert not UnitLayanan.objects.filter(slug="uptd-baru").exists()


def data_penataan(instansi: Instansi, asal: UnitLayanan, hasil: UnitLayanan) -> dict[str, object]:
    return {
        "instansi": instansi.pk,
        "judul": "Perampingan 2024",
        "tanggal_efektif": date(2024, 1, 1).isoformat(),
        "dasar_hukum": "Perda No. 1 Tahun 2023",
        "deskripsi": "",
        "lineage-TOTAL_FORMS": "1",
        "lineage-INITIAL_FORMS": "0",
        "lineage-MIN_NUM_FORMS": "0",
        "lineage-MAX_NUM_FORMS": "1000",
        "lineage-0-jenis": LinPenataan.Jenis.GANTI_NAMA,
        "lineage-0-unit_asal": asal.pk,
        "lineage-0-unit_hasil": hasil.pk,
        "lineage-0-porsi": "",
    }


def test_penataan_beserta_silsilahnya_tersimpan_dari_admin(
    klien_admin: Client, instansi: Instansi, unit: UnitLayanan, unit_lain: UnitLayanan
) -> None:
    respons = klien_admin.post(url_admin(Penataan, "add"), data_penataan(instansi, unit, unit_lain))

    assert respons.status_code == 302
    penataan = Penataan.objects.get()
    assert [(s.unit_asal, s.unit_hasil) for s in penataan.lineage.all()] == [(unit, unit_lain)]


def test_silsilah_penataan_baru_tidak_boleh_memakai_unit_instansi_lain(
    klien_super: Client, instansi: Instansi, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    # A superuser is offered every unit, so only the model's clean() stands in the way.
    respons = klien_super.post(url_admin(Penataan, "add"), data_penataan(instansi, unit_instansi_lain, unit))

    assert respons.status_code == 200
    [kesalahan] = respons.context["inline_admin_formsets"][0].formset.errors
    assert "unit_asal" in kesalahan
    assert not Penataan.objects.exists()
    assert not LinPenataan.objects.exists()


def test_admin_instansi_tidak_ditawari_unit_instansi_lain_di_silsilah(
    klien_admin: Client, instansi: Instansi, unit: UnitLayanan, unit_instansi_lain: UnitLayanan
) -> None:
    respons = klien_admin.post(url_admin(Penataan, "add"), data_penataan(instansi, unit, unit_instansi_lain))

    assert respons.status_code == 200
    assert not Penataan.objects.exists()

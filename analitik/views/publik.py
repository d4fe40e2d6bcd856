"""Published SKM results for everyone, no account needed (/hasil/). Only closed surveys are
shown (analitik.publik); numbers are formatted here, at the edge, with analitik.format."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from organisasi.models import Instansi

from .. import publik
from ..format import angka, bilangan, judul_unsur
from ..publik import HasilUnit, SelRincian
from ..statistik import bulatkan

# The badge class of tilik.css for each mutu.
LENCANA_MUTU = {
    "A": "lencana--success",
    "B": "lencana--primary",
    "C": "lencana--warning",
    "D": "lencana--error",
}


def tampil_hasil(h: HasilUnit) -> dict[str, Any]:
    """The figures of one result as text for people."""
    if h.hasil is None:
        return {"ada": False, "n": bilangan(h.n)}
    return {
        "ada": True,
        "n": bilangan(h.n),
        "ikm": angka(bulatkan(h.hasil.ikm, 2)),
        "nilai_konversi": angka(h.hasil.nilai_konversi_bulat),
        "mutu": h.hasil.mutu,
        "kinerja": _(h.hasil.kinerja),
        "lencana": LENCANA_MUTU[h.hasil.mutu],
    }


def _tampil_rincian(sel: list[SelRincian]) -> list[dict[str, str]]:
    return [
        {"label": _(s.label), "jumlah": f"< {publik.K_MINIMUM}" if s.jumlah is None else bilangan(s.jumlah)}
        for s in sel
    ]


@require_safe
def hasil_beranda(request: HttpRequest) -> HttpResponse:
    daftar = publik.instansi_terbit()
    return render(request, "analitik/publik/beranda.html", {"daftar": daftar})


@require_safe
def hasil_instansi(request: HttpRequest, instansi_slug: str) -> HttpResponse:
    instansi = get_object_or_404(Instansi, slug=instansi_slug)
    data = publik.hasil_instansi(instansi=instansi)
    baris = [
        {
            "unit": u,
            "sel": [
                {"survei": s, "hasil": tampil_hasil(h)} if (h := data.sel.get((u.pk, s.pk))) else None
                for s in data.periode
            ],
        }
        for u in data.unit
    ]
    return render(
        request,
        "analitik/publik/instansi.html",
        {"instansi": instansi, "periode": data.periode, "baris": baris},
    )


@require_safe
def hasil_unit(request: HttpRequest, instansi_slug: str, survei_kode: str, unit_id: int) -> HttpResponse:
    hasil = publik.hasil_unit(instansi_slug=instansi_slug, survei_kode=survei_kode, unit_id=unit_id)
    if hasil is None:
        raise Http404(_("Hasil survei ini tidak ada atau belum diterbitkan."))
    h, rincian = hasil
    unsur = [
        {
            "kode": u.kode,
            "judul": judul_unsur(u.kode),
            "n": bilangan(u.n),
            "nrr": angka(None if u.nrr is None else bulatkan(u.nrr, 2)),
        }
        for u in h.unsur.values()
    ]
    konteks = {
        "instansi": h.survei.instansi,
        "survei": h.survei,
        "unit": h.unit,
        "hasil": tampil_hasil(h),
        "unsur": unsur,
        "jenis_kelamin": _tampil_rincian(rincian.jenis_kelamin),
        "pendidikan": _tampil_rincian(rincian.pendidikan),
        "k": publik.K_MINIMUM,
    }
    return render(request, "analitik/publik/unit.html", konteks)

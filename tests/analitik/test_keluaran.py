"""The JSON objects of the interface: exact key sets, no NaN ever, orientation and values
taken from the statistics unrounded."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analitik.keluaran import objek_alpha, objek_banding, objek_did, objek_ikm, objek_ipa, objek_its
from analitik.statistik import IKMTidakLengkap
from analitik.tabel import KODE_UNSUR, dari_baris

from .strategi import PROFIL_SEDIKIT, baris_responden

KUNCI_IKM = {"n", "bobot", "unsur", "ikm", "nilai_konversi", "mutu", "kinerja"}
KUNCI_UNSUR_IKM = {"n", "jumlah", "nrr", "nrr_tertimbang"}
KUNCI_UNSUR_BANDING = {
    "rata_sebelum",
    "rata_sesudah",
    "selisih",
    "ci95",
    "welch",
    "mann_whitney",
    "chi2",
    "cohen_d",
    "cliff_delta",
    "p_holm",
    "p_bh",
}
LENGKAP = [4, 3, 2, 1, 4, 3, 2, 1, 3]


def _periksa_ikm(obj):
    assert set(obj) == KUNCI_IKM
    assert list(obj["unsur"]) == list(KODE_UNSUR)
    for u in obj["unsur"].values():
        assert set(u) == KUNCI_UNSUR_IKM
    assert 1 <= obj["ikm"] <= 4
    assert 25 <= obj["nilai_konversi"] <= 100
    assert obj["mutu"] in {"A", "B", "C", "D"}


def _periksa_banding(obj):
    assert set(obj) == {"sebelum", "sesudah", "unsur", "ikm"}
    _periksa_ikm(obj["sebelum"])
    _periksa_ikm(obj["sesudah"])
    assert list(obj["unsur"]) == list(KODE_UNSUR)
    for u in obj["unsur"].values():
        assert set(u) == KUNCI_UNSUR_BANDING
        assert set(u["welch"]) == {"t", "df", "p"}
        assert set(u["mann_whitney"]) == {"u", "p"}
        assert set(u["chi2"]) == {"statistik", "df", "p"}
        assert len(u["ci95"]) == 2
    assert set(obj["ikm"]) == {"selisih", "welch", "ci95", "bootstrap_ci95"}
    assert set(obj["ikm"]["welch"]) == {"t", "df", "p"}
    assert len(obj["ikm"]["ci95"]) == 2 and len(obj["ikm"]["bootstrap_ci95"]) == 2
    # Never NaN or infinity: JSON refuses them.
    json.dumps(obj, allow_nan=False)


def test_the_ikm_object_has_exactly_the_interface_keys():
    obj = objek_ikm(dari_baris([[4, 3, 3, 4, 3, 3, 4, 2, 3], [3, 3, None, 4, 3, 4, 4, 1, 3]]))
    _periksa_ikm(obj)
    assert obj["n"] == 2
    assert obj["bobot"] == 1 / 9
    assert obj["unsur"]["U3"] == {"n": 1, "jumlah": 3, "nrr": 3.0, "nrr_tertimbang": 3 / 9}
    assert obj["nilai_konversi"] == pytest.approx(obj["ikm"] * 25, rel=1e-15)


def test_the_legacy_weight_shows_in_the_object():
    obj = objek_ikm(dari_baris([[4] * 9]), bobot_lama=True)
    assert obj["bobot"] == 0.111
    assert obj["nilai_konversi"] == pytest.approx(99.9, rel=1e-15)
    assert obj["unsur"]["U1"]["nrr_tertimbang"] == pytest.approx(0.444, rel=1e-15)


def test_an_unsur_nobody_answered_raises_for_both_objects():
    t = dari_baris([[4, 3, 3, 4, 3, 3, 4, None, 3]])
    with pytest.raises(IKMTidakLengkap):
        objek_ikm(t)
    with pytest.raises(IKMTidakLengkap):
        objek_banding(dari_baris([[3] * 9]), t)


@PROFIL_SEDIKIT
@given(sebelum=st.lists(baris_responden, max_size=12), sesudah=st.lists(baris_responden, max_size=12))
def test_the_banding_object_keeps_its_keys_and_has_no_nan_whatever_the_data(sebelum, sesudah):
    obj = objek_banding(dari_baris([*sebelum, LENGKAP]), dari_baris([*sesudah, LENGKAP]), bootstrap=50)
    _periksa_banding(obj)


def test_n_equal_one_and_identical_groups_give_nulls_not_nan():
    satu = dari_baris([[3] * 9])
    obj = objek_banding(satu, satu, bootstrap=20)
    _periksa_banding(obj)
    u = obj["unsur"]["U1"]
    assert u["selisih"] == 0.0
    assert u["welch"] == {"t": None, "df": None, "p": None}
    assert u["ci95"] == [None, None]
    assert u["cohen_d"] is None and u["p_holm"] is None
    assert u["mann_whitney"]["p"] == 1.0 and u["cliff_delta"] == 0.0
    assert obj["ikm"]["selisih"] == 0.0
    assert obj["ikm"]["bootstrap_ci95"] == [0.0, 0.0]


def test_the_banding_object_is_oriented_sesudah_minus_sebelum():
    sebelum = dari_baris([[2] * 9, [3] * 9, [2] * 9])
    sesudah = dari_baris([[3] * 9, [4] * 9, [4] * 9])
    obj = objek_banding(sebelum, sesudah, bootstrap=100)
    u = obj["unsur"]["U5"]
    assert u["selisih"] == pytest.approx(u["rata_sesudah"] - u["rata_sebelum"])
    assert u["selisih"] > 0 and u["welch"]["t"] > 0 and u["cohen_d"] > 0 and u["cliff_delta"] > 0
    assert obj["ikm"]["selisih"] == pytest.approx(
        obj["sesudah"]["nilai_konversi"] - obj["sebelum"]["nilai_konversi"]
    )
    assert obj["ikm"]["welch"]["t"] > 0
    assert obj["ikm"]["ci95"][0] < obj["ikm"]["selisih"] < obj["ikm"]["ci95"][1]


def test_did_its_ipa_and_alpha_objects_are_json_ready():
    sel = [
        ("a", True, False, {(18, 9): 3, (27, 9): 2}),
        ("a", True, True, {(27, 9): 3, (36, 9): 2}),
        ("b", False, False, {(18, 9): 2, (27, 9): 2}),
        ("b", False, True, {(18, 9): 2, (27, 9): 3}),
        ("c", False, False, {(27, 9): 4}),
        ("c", False, True, {(27, 9): 2, (36, 9): 1}),
    ]
    did = objek_did(sel)
    assert set(did) == {"n", "klaster", "rata", "estimasi", "koefisien", "alasan"}
    assert set(did["estimasi"]) == {"koef", "se", "t", "p", "ci95", "p_t", "ci95_t"}
    assert did["estimasi"] == did["koefisien"]["interaksi"]
    assert did["klaster"] == 3 and did["n"] == 26
    its = objek_its([70, 71, 72, 73, 78, 80, 83, 84], 4)
    assert set(its) == {
        "n_periode",
        "indeks_intervensi",
        "perubahan_level",
        "perubahan_tren",
        "koefisien",
        "alasan",
    }
    assert objek_its([70, 71, 72], 1)["alasan"] == "tidak_cukup_periode"
    assert objek_its([70, 71, 72], 1)["perubahan_level"]["koef"] is None
    t = dari_baris([[3] * 9, [4] * 9, [2, 3, 2, 3, 2, 3, 2, 3, 2]], harapan=[[4] * 9, [4] * 9, [3] * 9])
    ipa = objek_ipa(t)
    assert set(ipa["unsur"]["U1"]) == {"kinerja", "harapan", "kesesuaian", "kuadran"}
    alpha = objek_alpha(t)
    assert alpha["n"] == 3 and set(alpha["unsur"]["U9"]) == {"korelasi_item_total", "alpha_jika_dihapus"}
    for obj in (did, its, ipa, alpha):
        json.dumps(obj, allow_nan=False)

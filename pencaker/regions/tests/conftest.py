"""A small region tree for the regions tests: two provinces, a few levels below."""

from __future__ import annotations

import io

import pytest

SMALL_CSV = """code,name,level,parent_code,kind
16,Sumatera Selatan,province,,provinsi
16.71,Kota Palembang,regency,16,kota
16.71.01,Ilir Barat II,district,16.71,kecamatan
16.71.01.1001,Kemang Agung,village,16.71.01,kelurahan
16.71.01.1002,Karya Jaya,village,16.71.01,kelurahan
16.71.02,Seberang Ulu I,district,16.71,kecamatan
16.71.02.1001,Tuan Kentang,village,16.71.02,kelurahan
16.72,Kota Prabumulih,regency,16,kota
16.72.01,Prabumulih Barat,district,16.72,kecamatan
16.72.01.1001,Gunung Ibul,village,16.72.01,kelurahan
32,Jawa Barat,province,,provinsi
32.73,Kota Bandung,regency,32,kota
32.73.01,Sukasari,district,32.73,kecamatan
32.73.01.1001,Gegerkalong,village,32.73.01,kelurahan
"""


@pytest.fixture
def small_csv() -> str:
    return SMALL_CSV


@pytest.fixture
def regions(db):
    from pencaker.regions.models import Region
    from pencaker.regions.services import regions_import_csv

    regions_import_csv(handle=io.StringIO(SMALL_CSV))
    return {region.code: region for region in Region.objects.all()}

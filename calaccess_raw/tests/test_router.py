"""The raw tables can live in a database of their own, picked by a router."""

import pytest
from django.test import override_settings

from calaccess_raw import loading
from calaccess_raw.loading.verify import verify_table
from calaccess_raw.models import AcronymsCd

pytestmark = pytest.mark.django_db(databases=["default", "raw_routed"], transaction=True)

ROUTED = {
    "CALACCESS_RAW_DATABASE": "raw_routed",
    "DATABASE_ROUTERS": ["calaccess_raw.routers.RawDataRouter"],
}


@pytest.fixture
def acronyms_csv(tmp_path):
    path = tmp_path / "ACRONYMS_CD.csv"
    path.write_text(
        "ACRONYM,STANDS_FOR,EFFECT_DT,A_DESC\n"
        "SOS,Sec,1/1/2000 12:00:00 AM,Secretary of State\n"
        "FPPC,FPPC,,\n",
        encoding="utf-8",
    )
    return path


def test_loads_reads_and_verifies_go_to_the_routed_database(acronyms_csv, data_dir):
    with override_settings(**ROUTED):
        result = loading.load_table(AcronymsCd, acronyms_csv)
        assert result.rows == 2
        assert AcronymsCd.objects.count() == 2  # read through the router
        assert verify_table(AcronymsCd, acronyms_csv).rows == 2
    assert AcronymsCd.objects.using("raw_routed").count() == 2
    assert AcronymsCd.objects.using("default").count() == 0
    assert AcronymsCd.objects.using("raw_routed").get(acronym="FPPC").effect_dt is None


def test_router_migrates_raw_tables_only_to_their_database():
    from calaccess_raw.routers import RawDataRouter

    with override_settings(**ROUTED):
        router = RawDataRouter()
        assert router.allow_migrate("raw_routed", "calaccess_raw") is True
        assert router.allow_migrate("default", "calaccess_raw") is False
        assert router.allow_migrate("default", "django_commander") is None

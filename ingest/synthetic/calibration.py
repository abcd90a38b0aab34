"""The calibration of the synthetic generator (see ``ingest.synthetic``): shares, weights,
topic words and instruments, and the real clusters and NACE divisions the draws use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graph.model import ORG_KINDS
from graph.nace import divisions
from ingest.landscape import build_landscape

SME_SHARE = 0.81
SECTOR_GROUPS = {"industry": 0.445, "services": 0.355, "trade": 0.193, "primary": 0.006}
GROUP_SECTIONS = {"primary": "A", "industry": "BCDEF", "trade": "G", "services": "HIJKLMNPQRS"}
OWNERSHIP = ("domestic", "belgian_multinational", "foreign_multinational", "unknown")
OWNERSHIP_BY_SIZE = {  # P(ownership | size); the marginals are 37 / 27 / 34 / 2 (§3.1)
    "large": (0.10, 0.35, 0.53, 0.02),
    "sme": (0.4333, 0.2512, 0.2955, 0.02),
}
PROVINCE_WEIGHTS = {"BE-VAN": 0.8, "BE-VOV": 0.8, "BE-VBR": 0.8, "BE-VWV": 0.5, "BE-VLI": 0.5}
# the kinds drawn (index 0, 1, 2 of KIND_SHARES): graph.model.ORG_KINDS without federations and
# government bodies, in the model's order
KINDS = tuple(k for k in ORG_KINDS if k not in ("federation", "government"))
KIND_SHARES = (0.92, 0.03, 0.05)
MEMBERS_PER_CLUSTER = (100, 700)
LAST_YEAR = 2024
IBN_SUPPORT_YEARS = 3  # Tabel 1: an IBN is supported "voor max. 3 jaar"
KNOWLEDGE_LED = ("moonshot-sbo",)  # §3.3: only of the Moonshot are the leads all institutions
MULTI_CLUSTER_SHARE = 0.05
CORE_SHARE = 0.5
IN_CLUSTER_SHARE = 0.7

CORE_DIVISIONS = {  # our choice: NACE divisions typical of each spearhead cluster's domain
    "catalisti": ("19", "20", "21", "22"),
    "sim": ("22", "23", "24", "25", "27", "28"),
    "flux50": ("27", "35", "43", "62", "71"),
    "vil": ("46", "49", "50", "51", "52", "53"),
    "flanders-food": ("01", "10", "11", "46"),
    "blauwe-cluster": ("03", "30", "42", "50", "71"),
    "medvia": ("21", "26", "32", "72", "86"),
}
TOPICS = {  # topic words, mostly from the clusters' domains, Moonshot themes and project titles
    "catalisti": (
        "duurzame chemie",
        "kunststoffen",
        "biogebaseerde chemie",
        "recycling",
        "biosurfactants",
        "circulariteit van koolstof",
    ),
    "sim": (
        "materialen",
        "composieten",
        "coatings",
        "additive manufacturing",
        "corrosie",
        "lassen",
    ),
    "flux50": (
        "energie",
        "energietransitie",
        "microgrids",
        "warmtenetten",
        "energieflexibiliteit",
        "batterijen",
    ),
    "vil": (
        "logistiek",
        "luchtvracht",
        "datasharing",
        "transport",
        "supply chain",
        "havenlogistiek",
    ),
    "flanders-food": (
        "agrifood",
        "voedingsverpakking",
        "eiwitten",
        "voedselveiligheid",
        "sensoren",
        "biomassa",
    ),
    "blauwe-cluster": (
        "blauwe economie",
        "maritiem",
        "offshore energie",
        "waterbeheer",
        "aquacultuur",
        "scheepvaart",
    ),
    "medvia": (
        "healthtech",
        "medische technologie",
        "digitale zorg",
        "diagnostiek",
        "medische hulpmiddelen",
    ),
}
GENERIC_TOPICS = (
    "digitalisering",
    "industrie 4.0",
    "circulaire economie",
    "artificiële intelligentie",
    "innovatie",
)
MOONSHOT_THEMES = (
    "Biogebaseerde chemie",
    "Circulariteit van koolstof in materialen",
    "Elektrificatie & procestransformatie",
    "Energie-innovatie",
)

INSTRUMENTS = {  # id: (name, weight, first year, last year, research partners, minimum firms)
    "icon": ("ICON", 52, 2016, 2024, (1, 3), 3),
    "vis": ("VIS", 30, 2016, 2017, (0, 2), 1),
    # Tabel 6 fn 17: feasibility studies count as R&D projects from 2018 on
    "feasibility": ("Haalbaarheidsstudie", 27, 2016, 2017, (0, 1), 3),
    "coock": ("COOCK", 23, 2018, 2024, (1, 2), 2),
    # Tabel 6: R&D projects first appear in 2018
    "oo-research": ("O&O-onderzoeksproject", 17, 2018, 2024, (0, 2), 3),
    "oo-development": ("O&O-ontwikkelingsproject", 17, 2018, 2024, (0, 1), 3),
    "csbo": ("c-SBO", 16, 2016, 2024, (2, 4), 0),
    "moonshot-sbo": ("Moonshot SBO", 12, 2019, 2024, (2, 4), 0),
}
SOURCE_TITLE = (
    "Synthetic members and projects (ingest.synthetic, calibrated to "
    "seeds/000_da5ac1ebd3a3b6da.txt §3.1-3.2)"
)


@dataclass(frozen=True)
class ClusterInfo:
    id: str
    type: str
    start_year: int
    end_year: int | None
    topics: tuple[str, ...]


@lru_cache(maxsize=1)
def landscape_clusters() -> tuple[ClusterInfo, ...]:
    """The real clusters, with the years and topic words the generator needs."""
    out = []
    for n in build_landscape().nodes:
        if n.label != "Cluster":
            continue
        p = n.props
        if p["type"] == "spearhead":
            start = p.get("start_year") or LAST_YEAR  # MEDVIA: first named in 2024
            # SIM is not in the 2024 line-up (004): no members or projects after 2023
            end = LAST_YEAR - 1 if p.get("status") == "not_in_2024_lineup" else None
            topics = TOPICS.get(n.id, (p["domain"],))
        else:
            end = int(p["end_date"][:4])
            # first call: supported since the second half of 2016 (§2.5); the second call's
            # networks, ending in 2021, can have started no earlier than 3 years before
            start = 2016 if p.get("call") == "first" else end - IBN_SUPPORT_YEARS
            topics = tuple(t.strip() for t in (p.get("theme") or p["name"]).split(";"))
        out.append(ClusterInfo(n.id, p["type"], start, end, topics))
    return tuple(out)


@lru_cache(maxsize=1)
def nace_divisions() -> dict[str, tuple[str, ...]]:
    """``{sector group: NACE Rev. 2 division codes}``, in code order, from ``graph.nace``."""
    return {g: divisions(sections) for g, sections in GROUP_SECTIONS.items()}

"""The data innograph carries: its sources, as published (the NACE tables derived from them
live in ``graph/data/``, read by ``graph.nace``).

Licences and attribution are in ``README.md`` beside this file. Code finds the files through
the constants below, so nothing at run time or in a test reads outside the repository.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
CORDIS_H2020 = DATA_DIR / "cordis" / "h2020_2014_2016"  # gzip-packed, CORDIS's native layout
NACE_SOURCES = DATA_DIR / "nace"  # the NACE source tables, gzip-packed
SEEDS = DATA_DIR / "seeds"  # the Dutch source documents

"""Small derived data tables that ship with the package (see ``derive_nace.py``)."""

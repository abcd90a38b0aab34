"""Read a YAML or JSON file that must hold one mapping: a call file, a weights file.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "weights.yaml"
>>> _ = path.write_text("topical: 2\\n", encoding="utf-8")
>>> read_mapping(path, "weights file", "of name: value")
{'topical': 2}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from graph.errors import InnographError


def read_mapping(path: str | Path, what: str, fields: str) -> dict[str, Any]:
    """The mapping in ``path`` (JSON for ``.json``, YAML otherwise).

    Raises ``InnographError`` with a sentence naming the file when it cannot be read, does not
    parse, or holds something other than a mapping; ``what`` names the file in that sentence
    (``call file``) and ``fields`` what the mapping holds (``of name: value``).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InnographError(f"Cannot read the {what} {path}: {e.strerror}.") from e
    is_json = path.suffix.lower() == ".json"
    try:
        data = json.loads(text) if is_json else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as e:  # json's errors are ValueErrors
        raise InnographError(f"{path} is not valid {'JSON' if is_json else 'YAML'}: {e}") from e
    if not isinstance(data, dict):
        raise InnographError(f"{path} must hold a mapping {fields}.")
    return data

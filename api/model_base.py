"""The base of the API's pydantic models: the model class, pages and graph text values."""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict

T = TypeVar("T")


def _text(value: Any) -> Any:
    """Graph values shown as text: a year stored as 2019 or a date becomes "2019"."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


# An optional text property read from the graph, whatever type a source stored it as.
Text = Annotated[str | None, BeforeValidator(_text)]

ClusterType = Literal["spearhead", "ibn"]
OrgKind = Literal["firm", "knowledge_institution", "federation", "government", "other"]
Metric = Literal["pagerank", "betweenness", "degree", "weighted_degree"]
OutputFormat = Literal["json", "csv", "table"]


class Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Page(Model, Generic[T]):
    """One page of a list: ``items[offset : offset + limit]`` of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[T]

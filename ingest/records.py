"""The record types loaders build; defined in ``graph.records`` (the writer's interface)."""

from graph.records import Node, Records, Rel, SourceInfo

__all__ = ["Node", "Rel", "Records", "SourceInfo"]

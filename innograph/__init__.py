"""innograph: a Neo4j knowledge graph of the Flemish innovation ecosystem."""

__version__ = "0.1.0"

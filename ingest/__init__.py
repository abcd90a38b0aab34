"""Sources -> validated, resolved records -> Neo4j (through graph.load)."""

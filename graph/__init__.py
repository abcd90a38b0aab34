"""The only room that talks to Neo4j: server, driver, Cypher catalogue, schema, writers."""

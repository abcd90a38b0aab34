// Deletes relationships by element id (a purge's batch; graph.purge reads them first).
// Parameters: $rows [{eid}]
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.eid
DELETE r
RETURN count(*) AS deleted

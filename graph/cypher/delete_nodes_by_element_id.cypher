// Deletes nodes by element id, with any relationship left on them (a purge's batch; graph.purge
// deletes their relationships first and counts them). Parameters: $rows [{eid}]
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
DETACH DELETE n
RETURN count(*) AS deleted

// The Source nodes that provenance properties point to. Parameters: $rows [{id, props}], $now
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
ON CREATE SET s.first_loaded_at = datetime($now)
SET s += row.props, s.last_loaded_at = datetime($now)
RETURN count(*) AS matched

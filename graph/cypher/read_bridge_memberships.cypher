// The other clusters the members of a cluster belong to (one row per membership).
// Parameters: $id (cluster id).
MATCH (:Cluster {id: $id})<-[:MEMBER_OF]-(o:Organisation)-[r:MEMBER_OF]->(other:Cluster)
WHERE other.id <> $id
RETURN o.id AS org, other.id AS cluster, other.name AS name, other.type AS type,
       other.domain AS domain, COUNT { (other)<-[:MEMBER_OF]-() } AS members,
       r.source AS source, r.source_ref AS source_ref
ORDER BY cluster, org

// Every cluster's id, name and type (spearhead clusters first), with its member count.
// Parameters: $type (spearhead|ibn or null).
MATCH (c:Cluster)
WHERE $type IS NULL OR c.type = $type
RETURN c.id AS id, c.name AS name, c.type AS type,
       COUNT { (c)<-[:MEMBER_OF]-(:Organisation) } AS members
ORDER BY CASE c.type WHEN 'spearhead' THEN 0 ELSE 1 END, name, id

// The helix mix of every cluster (or one): members by kind, firms and SMEs among them, and the
// helix properties analytics stored on the cluster.
// Parameters: $id (or null for every cluster).
MATCH (c:Cluster)
WHERE $id IS NULL OR c.id = $id
RETURN c.id AS id, c.name AS name, c.type AS type,
       COUNT { (c)<-[:MEMBER_OF]-(:Organisation) } AS members,
       COUNT { (c)<-[:MEMBER_OF]-(o:Organisation) WHERE o.kind = 'firm' } AS firms,
       COUNT { (c)<-[:MEMBER_OF]-(o:Organisation) WHERE o.kind = 'firm' AND o.size = 'sme' } AS smes,
       COUNT { (c)<-[:MEMBER_OF]-(o:Organisation) WHERE (coalesce(o.synthetic, false) OR coalesce(o.example, false)) } AS demo_members,
       COLLECT { MATCH (c)<-[:MEMBER_OF]-(o:Organisation)
                 WITH coalesce(o.kind, 'other') AS kind, count(*) AS n
                 RETURN {kind: kind, count: n} AS row ORDER BY row.kind } AS counts,
       properties(c) AS props
ORDER BY CASE c.type WHEN 'spearhead' THEN 0 ELSE 1 END, name, id

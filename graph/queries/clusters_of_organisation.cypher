// title: Clusters of an organisation
// question: Which clusters is organisation $org a member of (and since when), and to which is
//   it otherwise tied?
// param org: the id of the organisation (example: "ORG:catalisti")
// pick: MATCH (o:Organisation)-[:MEMBER_OF|TIED_TO|MANAGES]->(:Cluster)
//   RETURN o.id AS org, count(*) AS n ORDER BY n DESC, org LIMIT 1
MATCH (o:Organisation {id: $org})-[r:MEMBER_OF|TIED_TO|MANAGES]->(c:Cluster)
RETURN c.id AS id, c.name AS name, c.type AS type, type(r) AS relationship,
       coalesce(r.role, r.relation) AS role, r.since AS since, r.until AS until
ORDER BY relationship, name

// title: Projects of a theme
// question: Which projects have a theme whose name contains $theme (any case), newest first,
//   and how many organisations and clusters take part?
// param theme: a part of the theme's name (example: "hydrogen")
MATCH (p:Project)
WHERE EXISTS { (p)-[:HAS_THEME]->(t:Theme)
               WHERE toLower(coalesce(t.name, t.id)) CONTAINS toLower($theme) }
   OR any(x IN coalesce(p.themes, []) WHERE toLower(x) CONTAINS toLower($theme))
RETURN p.id AS id, p.title AS title, p.instrument AS instrument, p.year AS year,
       COUNT { (:Organisation)-[:PARTICIPATES_IN]->(p) } AS organisations,
       COUNT { (:Cluster)-[:PARTICIPATES_IN]->(p) } AS clusters
ORDER BY year DESC, title

// title: Projects of a theme
// question: Which projects have a theme whose name contains $theme (any case), newest first,
//   and how many organisations and clusters take part?
// param theme: a part of the theme's name (example: "hydrogen")
// pick: CALL { MATCH (:Project)-[:HAS_THEME]->(t:Theme) RETURN coalesce(t.name, t.id) AS theme
//     UNION ALL MATCH (p:Project) UNWIND coalesce(p.themes, []) AS theme RETURN theme }
//   RETURN theme, count(*) AS n ORDER BY n DESC, theme LIMIT 1
MATCH (p:Project)
WHERE EXISTS { (p)-[:HAS_THEME]->(t:Theme)
               WHERE toLower(coalesce(t.name, t.id)) CONTAINS toLower($theme) }
   OR any(x IN coalesce(p.themes, []) WHERE toLower(x) CONTAINS toLower($theme))
RETURN p.id AS id, p.title AS title, p.instrument AS instrument, p.year AS year,
       COUNT { (:Organisation)-[:PARTICIPATES_IN]->(p) } AS organisations,
       COUNT { (:Cluster)-[:PARTICIPATES_IN]->(p) } AS clusters
ORDER BY year DESC, title

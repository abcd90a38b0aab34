// Cross-sector links counted from projects, when analytics has not written SECTOR_LINK:
// for NACE sections a < b, the number of projects joining an organisation of each; on the
// diagonal, the projects with two or more organisations of the section; synthetic_share: the
// share of those projects that are synthetic or example data or have such participants.
// No parameters.
MATCH (p:Project)<-[:PARTICIPATES_IN]-(o:Organisation)-[:IN_SECTOR]->(s:Sector)
WHERE s.section IS NOT NULL
WITH p, s.section AS section, count(DISTINCT o) AS n, max(CASE WHEN (coalesce(o.synthetic, false) OR coalesce(o.example, false)) THEN 1 ELSE 0 END) AS d
WITH p, collect({section: section, n: n}) AS present,
     CASE WHEN coalesce(p.synthetic, false) OR coalesce(p.example, false) OR max(d) = 1
          THEN 1 ELSE 0 END AS demo
UNWIND present AS x
UNWIND present AS y
WITH x, y, demo
WHERE x.section < y.section OR (x.section = y.section AND x.n > 1)
WITH x.section AS a, y.section AS b, count(*) AS links, sum(demo) AS demo
RETURN a, b, links, 'projects' AS via, toFloat(demo) / links AS synthetic_share
ORDER BY a, b

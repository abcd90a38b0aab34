// Cross-sector links counted from projects, when analytics has not written SECTOR_LINK:
// for NACE sections a < b, the number of projects joining an organisation of each; on the
// diagonal, the projects with two or more organisations of the section. No parameters.
MATCH (p:Project)<-[:PARTICIPATES_IN]-(o:Organisation)-[:IN_SECTOR]->(s:Sector)
WHERE s.section IS NOT NULL
WITH p, s.section AS section, count(DISTINCT o) AS n
WITH p, collect({section: section, n: n}) AS present
UNWIND present AS x
UNWIND present AS y
WITH x, y
WHERE x.section < y.section OR (x.section = y.section AND x.n > 1)
RETURN x.section AS a, y.section AS b, count(*) AS links, 'projects' AS via
ORDER BY a, b

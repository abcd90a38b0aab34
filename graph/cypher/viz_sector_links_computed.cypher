// Cross-sector links counted from projects, when analytics has not written SECTOR_LINK:
// the number of projects that join an organisation of NACE section a and one of section b
// (a = b: projects with two or more sections, counted on the diagonal once). No parameters.
MATCH (p:Project)<-[:PARTICIPATES_IN]-(:Organisation)-[:IN_SECTOR]->(s:Sector)
WITH p, collect(DISTINCT s.section) AS sections
UNWIND sections AS a
UNWIND sections AS b
WITH a, b, sections
WHERE a < b OR (a = b AND size(sections) > 1)
RETURN a, b, count(*) AS links, 'project' AS via
ORDER BY a, b

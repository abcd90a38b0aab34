// Organisation -> Project participations (withdrawn ones left out) with the project's fields
// and the relationship's provenance, for the match model. No parameters. Theme names from
// HAS_THEME come from read_project_theme_names.
MATCH (o:Organisation)-[r:PARTICIPATES_IN]->(p:Project)
WHERE r.status IS NULL OR r.status <> 'withdrawn'
RETURN o.id AS org, p.id AS project, coalesce(p.title, p.acronym) AS title, p.acronym AS acronym,
       p.grant_id AS grant, p.year AS year,
       coalesce(p.instrument_id, p.instrument) AS instrument, p.themes AS themes,
       p.topics AS topics, r.role AS role, r.source AS source, r.source_ref AS source_ref

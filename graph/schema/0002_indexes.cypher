// Schema version 2: lookup indexes for the filters of the API and the loaders' resolution,
// and full-text indexes on names (and descriptions) for search.
CREATE INDEX organisation_name_key IF NOT EXISTS FOR (n:Organisation) ON (n.name_key);
CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind);
CREATE INDEX organisation_province IF NOT EXISTS FOR (n:Organisation) ON (n.province);
CREATE INDEX organisation_nace IF NOT EXISTS FOR (n:Organisation) ON (n.nace);
CREATE INDEX organisation_country IF NOT EXISTS FOR (n:Organisation) ON (n.country);
CREATE INDEX organisation_synthetic IF NOT EXISTS FOR (n:Organisation) ON (n.synthetic);
CREATE INDEX cluster_type IF NOT EXISTS FOR (n:Cluster) ON (n.type);
CREATE INDEX cluster_name_key IF NOT EXISTS FOR (n:Cluster) ON (n.name_key);
CREATE INDEX project_instrument IF NOT EXISTS FOR (n:Project) ON (n.instrument);
CREATE INDEX project_year IF NOT EXISTS FOR (n:Project) ON (n.year);
CREATE INDEX statistic_table IF NOT EXISTS FOR (n:Statistic) ON (n.table);
CREATE INDEX sector_level IF NOT EXISTS FOR (n:Sector) ON (n.level);
CREATE FULLTEXT INDEX organisation_names IF NOT EXISTS FOR (n:Organisation) ON EACH [n.name, n.short_name, n.description];
CREATE FULLTEXT INDEX cluster_names IF NOT EXISTS FOR (n:Cluster) ON EACH [n.name, n.domain, n.description];
CREATE FULLTEXT INDEX project_titles IF NOT EXISTS FOR (n:Project) ON EACH [n.title, n.acronym, n.objective];

// Schema version 1: uniqueness on every label's stable key `id`, and on the natural keys
// that identify an organisation across sources (enterprise number, CORDIS PIC).
// Applied idempotently by `innograph schema apply` (IF NOT EXISTS).
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organisation_enterprise_number IF NOT EXISTS FOR (n:Organisation) REQUIRE n.enterprise_number IS UNIQUE;
CREATE CONSTRAINT organisation_pic IF NOT EXISTS FOR (n:Organisation) REQUIRE n.pic IS UNIQUE;
CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT instrument_id IF NOT EXISTS FOR (n:Instrument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT programme_id IF NOT EXISTS FOR (n:Programme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sector_id IF NOT EXISTS FOR (n:Sector) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT transition_priority_id IF NOT EXISTS FOR (n:TransitionPriority) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT lineup_id IF NOT EXISTS FOR (n:Lineup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT statistic_id IF NOT EXISTS FOR (n:Statistic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT analytics_run_id IF NOT EXISTS FOR (n:AnalyticsRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT schema_version_id IF NOT EXISTS FOR (n:SchemaVersion) REQUIRE n.id IS UNIQUE;

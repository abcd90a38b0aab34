// Removes every fact the analytics wrote (a purge with --no-recompute): OVERLAPS and
// SECTOR_LINK relationships, the centrality, helix, cross-sector and ranking properties
// (set_centrality, set_cluster_helix, set_project_helix, set_cluster_cross_sector,
// set_cluster_ranking) and the AnalyticsRun nodes. No parameters.
CALL () { MATCH ()-[r:OVERLAPS|SECTOR_LINK]->() DELETE r RETURN count(*) AS links }
CALL () {
  MATCH (o:Organisation) WHERE o.centrality_run_id IS NOT NULL
  REMOVE o.degree, o.weighted_degree, o.betweenness, o.betweenness_se, o.pagerank,
         o.centrality_view, o.centrality_run_id, o.centrality_from_synthetic,
         o.centrality_synthetic_share, o.centrality_at
  RETURN count(*) AS organisations
}
CALL () {
  MATCH (n) WHERE (n:Cluster OR n:Project)
    AND (n.helix_run_id IS NOT NULL OR n.cross_sector_run_id IS NOT NULL
         OR n.centrality_run_id IS NOT NULL)
  REMOVE n.helix_members, n.helix_firm, n.helix_knowledge_institution, n.helix_government,
         n.helix_federation, n.helix_other, n.sme_share, n.helix_from_synthetic,
         n.helix_synthetic_share, n.helix_run_id, n.helix_at,
         n.cross_sector_share, n.cross_sector_ties, n.sector_ties, n.cross_sector_level,
         n.cross_sector_run_id, n.cross_sector_from_synthetic, n.cross_sector_synthetic_share,
         n.top_organisations, n.top_pagerank, n.top_organisations_from_synthetic,
         n.top_organisations_synthetic_share, n.centrality_view, n.centrality_run_id
  RETURN count(*) AS holders
}
CALL () { MATCH (r:AnalyticsRun) DELETE r RETURN count(*) AS runs }
RETURN links, organisations, holders, runs

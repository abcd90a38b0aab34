// Each cluster's most central members (ids by PageRank, highest first) as cluster properties.
// Parameters: $rows (list of {from_synthetic, synthetic_share, id, top_organisations, top_pagerank}), $view, $run_id
UNWIND $rows AS row
MATCH (c:Cluster {id: row.id})
SET c.top_organisations = row.top_organisations, c.top_pagerank = row.top_pagerank,
    c.top_organisations_from_synthetic = row.from_synthetic,
    c.top_organisations_synthetic_share = row.synthetic_share,
    c.centrality_view = $view, c.centrality_run_id = $run_id
RETURN count(c) AS written

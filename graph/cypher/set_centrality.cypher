// Centrality of organisations as node properties (overwritten by every run).
// Parameters: $rows (list of {from_synthetic, synthetic_share, id, degree, weighted_degree, betweenness, betweenness_se,
// pagerank}), $view (projects|clusters|both), $run_id, $computed_at (ISO datetime)
UNWIND $rows AS row
MATCH (o:Organisation {id: row.id})
SET o.degree = row.degree, o.weighted_degree = row.weighted_degree,
    o.betweenness = row.betweenness, o.betweenness_se = row.betweenness_se,
    o.pagerank = row.pagerank, o.centrality_view = $view, o.centrality_run_id = $run_id,
    o.centrality_from_synthetic = row.from_synthetic,
    o.centrality_synthetic_share = row.synthetic_share,
    o.centrality_at = datetime($computed_at)
RETURN count(o) AS written

// Each cluster's share of cross-sector ties among its members.
// Parameters: $rows (list of {from_synthetic, synthetic_share, id, ties, cross_ties, share}), $level, $run_id
UNWIND $rows AS row
MATCH (c:Cluster {id: row.id})
SET c.cross_sector_share = row.share, c.cross_sector_ties = row.cross_ties,
    c.sector_ties = row.ties, c.cross_sector_level = $level, c.cross_sector_run_id = $run_id,
    c.cross_sector_from_synthetic = row.from_synthetic,
    c.cross_sector_synthetic_share = row.synthetic_share
RETURN count(c) AS written

// The sector x sector matrix as SECTOR_LINK relationships, from the smaller code to the larger
// (a self-loop holds the links inside a sector); Sector nodes are created when absent.
// MERGE on (via, level) then SET, so a re-run overwrites instead of adding a copy.
// Parameters: $rows (list of {from_synthetic, synthetic_share, a, b, links, label_a, label_b}), $via (projects|clusters),
// $level (section|division), $run_id, $computed_at (ISO datetime)
UNWIND $rows AS row
MERGE (a:Sector {id: row.a})
  ON CREATE SET a.level = $level, a.label_en = row.label_a, a.name = row.label_a
MERGE (b:Sector {id: row.b})
  ON CREATE SET b.level = $level, b.label_en = row.label_b, b.name = row.label_b
MERGE (a)-[r:SECTOR_LINK {via: $via, level: $level}]->(b)
SET r.links = row.links, r.run_id = $run_id, r.computed_at = datetime($computed_at),
    r.from_synthetic = row.from_synthetic, r.synthetic_share = row.synthetic_share
RETURN count(r) AS written

// The helix mix of each cluster (shares of its organisations by kind, SME share among firms
// of known size) as Cluster properties; a share of an empty cluster is removed (null).
// Parameters: $rows (list of {from_synthetic, synthetic_share, id, members, helix_firm, helix_knowledge_institution,
// helix_government, helix_federation, helix_other, sme_share}), $run_id, $computed_at
UNWIND $rows AS row
MATCH (c:Cluster {id: row.id})
SET c.helix_members = row.members, c.helix_firm = row.helix_firm,
    c.helix_knowledge_institution = row.helix_knowledge_institution,
    c.helix_government = row.helix_government, c.helix_federation = row.helix_federation,
    c.helix_other = row.helix_other, c.sme_share = row.sme_share,
    c.helix_from_synthetic = row.from_synthetic, c.helix_synthetic_share = row.synthetic_share,
    c.helix_run_id = $run_id, c.helix_at = datetime($computed_at)
RETURN count(c) AS written

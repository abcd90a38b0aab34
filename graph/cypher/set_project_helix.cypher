// The helix mix of each project (shares of its organisations by kind, SME share among firms
// of known size) as Project properties; a share of an empty project is removed (null).
// Parameters: $rows (list of {from_synthetic, synthetic_share, id, members, helix_firm, helix_knowledge_institution,
// helix_government, helix_federation, helix_other, sme_share}), $run_id, $computed_at
UNWIND $rows AS row
MATCH (p:Project {id: row.id})
SET p.helix_members = row.members, p.helix_firm = row.helix_firm,
    p.helix_knowledge_institution = row.helix_knowledge_institution,
    p.helix_government = row.helix_government, p.helix_federation = row.helix_federation,
    p.helix_other = row.helix_other, p.sme_share = row.sme_share,
    p.helix_from_synthetic = row.from_synthetic, p.helix_synthetic_share = row.synthetic_share,
    p.helix_run_id = $run_id, p.helix_at = datetime($computed_at)
RETURN count(p) AS written

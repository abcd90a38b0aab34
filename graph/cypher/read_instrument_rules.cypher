// Funding instruments and their composition and eligibility rules (stated, else our recorded
// assumption), with the title of the document they come from, for the consortium builder.
// No parameters.
MATCH (i:Instrument)
OPTIONAL MATCH (s:Source {id: i.source})
RETURN i.id AS id, i.name AS name, i.min_firms AS min_firms,
       coalesce(i.min_research_partners, i.assumed_min_research_partners) AS min_research_partners,
       coalesce(i.requires_sme, i.assumed_requires_sme) AS requires_sme,
       i.eligibility AS eligibility, i.eligibility_source_ref AS eligibility_source_ref,
       i.min_countries AS min_countries, i.rules_text AS rules_text,
       coalesce(i.min_firms_source_ref, i.min_research_partners_source_ref) AS source_ref,
       s.title AS source_title

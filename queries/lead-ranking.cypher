// name: lead-ranking
// description: Who leads the most measures? Departments ranked by measures led (equal counts share a rank), with their share of all measures.
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH count(x) AS measures
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH measures, d, count(DISTINCT m) AS leads
MATCH (o:Department)-[:LEADS]->(n:Measure)
WHERE $plan = '' OR n.plan = $plan
WITH measures, d, leads, o, count(DISTINCT n) AS other_leads
WITH measures, d, leads, count(CASE WHEN other_leads > leads THEN 1 END) AS ahead
RETURN 1 + ahead AS rank, d.name AS department, d.kind AS kind, leads, measures,
       round(100.0 * leads / measures, 1) AS share_pct
ORDER BY rank, department;

// name: lead-ranking
// description: Who leads the most measures? Departments ranked by measures led (equal counts share a rank), with their share of all measures.
// group: Workload
// param: plan str = "" -- restrict to one plan id; empty means every plan
// engine: ladybug
// Count each department's leads once, then rank within a list: a department's rank is one more
// than the number of departments that lead more (comparing every department with every other
// by a join ran out of memory at 100,000 measures).
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH count(x) AS measures
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH measures, d, count(DISTINCT m) AS leads
WITH measures, collect(leads) AS all_leads, collect({d: d, leads: leads}) AS rows
UNWIND rows AS row
WITH measures, row.d AS d, row.leads AS leads,
     size(list_filter(all_leads, x -> x > row.leads)) AS ahead
RETURN 1 + ahead AS rank, d.name AS department, d.jurisdiction AS jurisdiction, d.kind AS kind,
       leads, measures,
       round(100.0 * leads / measures, 1) AS share_pct
ORDER BY rank, department, jurisdiction;
// engine: neo4j
// Count each department's leads once, then rank within a list: a department's rank is one more
// than the number of departments that lead more (comparing every department with every other
// by a join ran out of memory at 100,000 measures).
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH count(x) AS measures
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH measures, d, count(DISTINCT m) AS leads
WITH measures, collect(leads) AS all_leads, collect({d: d, leads: leads}) AS rows
UNWIND rows AS row
WITH measures, row.d AS d, row.leads AS leads,
     size([x IN all_leads WHERE x > row.leads]) AS ahead
RETURN 1 + ahead AS rank, d.name AS department, d.jurisdiction AS jurisdiction, d.kind AS kind,
       leads, measures,
       round(100.0 * leads / measures, 1) AS share_pct
ORDER BY rank, department, jurisdiction;

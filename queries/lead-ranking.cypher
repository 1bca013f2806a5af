// name: lead-ranking
// description: Who leads the most measures? Departments ranked by measures led (equal counts share a rank), with their share of all measures.
// group: Workload
// param: plan str = "" -- restrict to one plan id; empty means every plan
// engine: ladybug
// Count each department's leads once, then group the departments by that count: a department's
// rank is one more than the number of departments in the groups that lead more. Comparing
// groups, not departments, is a few hundred by a few hundred at 100,000 measures, where every
// department against every other was 9,000 by 9,000 (over a second; a join ran out of memory).
// Parallel lists of numbers: LadybugDB 0.22's list_filter reads wrong fields from lists of
// maps longer than 2,048.
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH count(x) AS measures
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH measures, d, count(DISTINCT m) AS leads
WITH measures, leads, collect(d) AS ds
WITH measures, collect(leads) AS vals, collect(size(ds)) AS sizes, collect(ds) AS groups
UNWIND range(1, size(vals)) AS i
WITH measures, vals[i] AS leads, groups[i] AS ds,
     list_sum(list_transform(range(1, size(vals)),
                             j -> CASE WHEN vals[j] > vals[i] THEN sizes[j] ELSE 0 END)) AS ahead
UNWIND ds AS d
RETURN 1 + ahead AS rank, d.name AS department, d.jurisdiction AS jurisdiction, d.kind AS kind,
       leads, measures,
       round(100.0 * leads / measures, 1) AS share_pct
ORDER BY rank, department, jurisdiction;
// engine: neo4j
// Count each department's leads once, then group the departments by that count: a department's
// rank is one more than the number of departments in the groups that lead more. Comparing
// groups, not departments, is a few hundred by a few hundred at 100,000 measures, where every
// department against every other was 9,000 by 9,000 (over 3 s; a join ran out of memory).
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH count(x) AS measures
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH measures, d, count(DISTINCT m) AS leads
WITH measures, leads, collect(d) AS ds
WITH measures, collect({leads: leads, ds: ds}) AS groups
UNWIND groups AS g
WITH measures, g.leads AS leads, g.ds AS ds,
     reduce(s = 0, h IN groups | s + CASE WHEN h.leads > g.leads THEN size(h.ds) ELSE 0 END) AS ahead
UNWIND ds AS d
RETURN 1 + ahead AS rank, d.name AS department, d.jurisdiction AS jurisdiction, d.kind AS kind,
       leads, measures,
       round(100.0 * leads / measures, 1) AS share_pct
ORDER BY rank, department, jurisdiction;

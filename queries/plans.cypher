// name: plans
// description: Which plans are loaded? Each plan's jurisdiction, title, source file, measures, departments and assignments, with its version (the one reports see) and how many versions are stored (plan-versions lists them).
// group: Across plans
MATCH (p:Plan)
OPTIONAL MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE m.plan = p.id
WITH p, count(DISTINCT d) AS departments, count(r) AS assignments
OPTIONAL MATCH (v:PlanVersion)
WHERE v.plan = p.id
WITH p, departments, assignments, count(v) AS earlier
RETURN p.id AS plan, p.jurisdiction AS jurisdiction, p.title AS title, p.source AS source, p.measures AS measures,
       departments, assignments, coalesce(p.version, 1) AS version, earlier + 1 AS versions
ORDER BY plan;

// name: plans
// description: Which plans are loaded? Each plan's jurisdiction, title, source file, measures, departments and assignments.
// group: Across plans
MATCH (p:Plan)
OPTIONAL MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE m.plan = p.id
WITH p, count(DISTINCT d) AS departments, count(r) AS assignments
RETURN p.id AS plan, p.jurisdiction AS jurisdiction, p.title AS title, p.source AS source, p.measures AS measures,
       departments, assignments
ORDER BY plan;

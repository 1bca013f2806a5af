// name: unknown-departments
// description: Which unit names matched no known department pattern (kind other) and need a person's review? With how many measures name them.
// group: Gaps and risks
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE d.kind = 'other' AND ($plan = '' OR m.plan = $plan)
RETURN d.name AS department, d.jurisdiction AS jurisdiction, count(DISTINCT m) AS measures,
       min(m.plan) AS first_plan
ORDER BY measures DESC, department, jurisdiction;

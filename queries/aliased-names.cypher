// name: aliased-names
// description: Which names in the plans were read as another department through the alias table? Each written name with its canonical department.
// group: Gaps and risks
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE r.as_written <> d.name AND ($plan = '' OR m.plan = $plan)
RETURN r.as_written AS written, d.name AS department, d.jurisdiction AS jurisdiction,
       count(DISTINCT m) AS measures
ORDER BY written, department, jurisdiction;

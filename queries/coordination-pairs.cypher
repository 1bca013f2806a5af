// name: coordination-pairs
// description: Which departments must coordinate most? Department pairs by the number of measures they share.
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: limit int = 20 -- how many pairs to list
MATCH (a:Department)-[:LEADS|SUPPORTS]->(m:Measure)<-[:LEADS|SUPPORTS]-(b:Department)
WHERE a.name < b.name AND ($plan = '' OR m.plan = $plan)
WITH a, b, count(DISTINCT m) AS shared
RETURN a.name AS department_a, b.name AS department_b, shared
ORDER BY shared DESC, department_a, department_b
LIMIT $limit;

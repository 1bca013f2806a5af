// name: coordination-pairs
// description: Which departments must coordinate most? Department pairs by the number of measures they share.
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: limit int = 20 -- how many pairs to list
// Pairs are made within each measure's list of names, and counted with count(*): a department
// has one role on a measure (the parser keeps a name listed twice once), so a pair meets once
// a measure. (Matching both departments in one pattern and count(DISTINCT m) was 2-4x slower.)
MATCH (d:Department)-[:LEADS|SUPPORTS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH m, collect(d.name) AS names
UNWIND names AS department_a
UNWIND names AS department_b
WITH department_a, department_b
WHERE department_a < department_b
WITH department_a, department_b, count(*) AS shared
RETURN department_a, department_b, shared
ORDER BY shared DESC, department_a, department_b
LIMIT $limit;

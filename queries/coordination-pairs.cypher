// name: coordination-pairs
// description: Which departments must coordinate most? Department pairs by the number of measures they share.
// group: Coordination
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: limit int = 20 -- how many pairs to list
// Pairs are made within each measure's list of departments, and counted with count(*): a
// department has one role on a measure (the parser keeps a name listed twice once), so a pair
// meets once a measure. (Matching both departments in one pattern and count(DISTINCT m) was
// 2-4x slower.) Pairs are grouped by the department nodes, ordered by their keys: grouping
// pairs of key strings held 5 GB at 100k measures on the embedded store (9 s), nodes 0.6 GB.
MATCH (d:Department)-[:LEADS|SUPPORTS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH m, collect(d) AS ds
UNWIND ds AS a
UNWIND ds AS b
WITH a, b
WHERE a.id < b.id
WITH a, b, count(*) AS shared
ORDER BY shared DESC, a.id, b.id
LIMIT $limit
RETURN a.name AS department_a, a.jurisdiction AS jurisdiction_a, b.name AS department_b,
       b.jurisdiction AS jurisdiction_b, shared
ORDER BY shared DESC, department_a, jurisdiction_a, department_b, jurisdiction_b;

// name: coordination-pairs
// description: Which departments must coordinate most? Department pairs by the number of measures they share.
// group: Coordination
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: limit int = 20 -- how many pairs to list
// Pairs are made within each measure's list of names, and counted with count(*): a department
// has one role on a measure (the parser keeps a name listed twice once), so a pair meets once
// a measure. (Matching both departments in one pattern and count(DISTINCT m) was 2-4x slower.)
// Pairs are of department keys (jurisdiction and name), looked up for the rows kept.
MATCH (d:Department)-[:LEADS|SUPPORTS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH m, collect(d.id) AS ids
UNWIND ids AS a
UNWIND ids AS b
WITH a, b
WHERE a < b
WITH a, b, count(*) AS shared
ORDER BY shared DESC, a, b
LIMIT $limit
MATCH (da:Department)
WHERE da.id = a
MATCH (db:Department)
WHERE db.id = b
RETURN da.name AS department_a, da.jurisdiction AS jurisdiction_a, db.name AS department_b,
       db.jurisdiction AS jurisdiction_b, shared
ORDER BY shared DESC, department_a, jurisdiction_a, department_b, jurisdiction_b;

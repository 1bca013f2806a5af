// name: coordination-pairs
// description: Which departments must coordinate most? Department pairs by the number of measures they share.
// group: Coordination
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: limit int = 20 -- how many pairs to list
// engine: ladybug
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
// engine: neo4j
// Two departments share at most as many measures as the busier of them is on, so only
// departments on at least `floor` measures can be in a pair that makes the list, where `floor`
// is the count of the $limit-th pair among the pairs of the three busiest departments (a real
// count, so never above the $limit-th of all pairs; 0 when they have fewer pairs, and then every
// department is taken). Pairs are then made as below among those departments only: the same
// rows, ties included, for 2.1 s -> 0.45 s at 100,000 measures (2.1 million pairs grouped before).
// (The same pruning was slower on LadybugDB 0.22, whose plan for the probe reads every pair.)
// Pairs are made within each measure's list of departments, and counted with count(*): a
// department has one role on a measure (the parser keeps a name listed twice once), so a pair
// meets once a measure. (Matching both departments in one pattern and count(DISTINCT m) was
// 2-4x slower.) Pairs are grouped by the department nodes, ordered by their keys: grouping
// pairs of key strings held 5 GB at 100k measures on the embedded store (9 s), nodes 0.6 GB.
MATCH (d:Department)-[:LEADS|SUPPORTS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH d, count(*) AS degree
WITH collect({d: d, degree: degree}) AS all
UNWIND all AS x
WITH all, x
ORDER BY x.degree DESC, x.d.id
LIMIT 3
WITH all, x.d AS d
MATCH (d)-[:LEADS|SUPPORTS]->(m:Measure)<-[:LEADS|SUPPORTS]-(e:Department)
WHERE $plan = '' OR m.plan = $plan
WITH all, CASE WHEN d.id < e.id THEN d ELSE e END AS a, CASE WHEN d.id < e.id THEN e ELSE d END AS b, m
WITH all, a, b, count(DISTINCT m) AS shared
ORDER BY shared DESC
LIMIT $limit
WITH all, collect(shared) AS probe
WITH all, CASE WHEN size(probe) < $limit THEN 0 ELSE probe[-1] END AS floor
UNWIND [x IN all WHERE x.degree >= floor | x.d] AS d
MATCH (d)-[:LEADS|SUPPORTS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH m, collect(d) AS ds
WHERE size(ds) > 1
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

// name: top-lead-share
// description: How concentrated is leadership? The top N lead departments, each with the running share of all measures led by it or one above it.
// group: Workload
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: top int = 3 -- how many of the busiest lead departments to take (equal counts: by name)
// engine: ladybug
// Count each department's leads once and group the departments by that count; a department's
// position is one more than the number of departments ahead of it: those in the groups that
// lead more (groups against groups: a few hundred by a few hundred at 100,000 measures, where
// every department against every other was 9,000 by 9,000, over a second) and those of its own
// group with an earlier name. Only groups with fewer than $top departments ahead are opened.
// Not ORDER BY ... LIMIT $top: LadybugDB 0.22 returns wrong rows when collect() follows it.
// Lists of numbers and names where list_filter runs: it reads wrong fields from lists of maps
// longer than 2,048.
// Departments are placed by name, then jurisdiction (`name|jurisdiction` sorts as the two do).
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH d.id AS dept_key, d.name + '|' + d.jurisdiction AS name, count(DISTINCT m) AS leads
WITH leads, collect(name) AS names, collect({dept_key: dept_key, name: name}) AS tied
WITH collect(leads) AS vals, collect(size(names)) AS sizes, collect(names) AS name_groups,
     collect(tied) AS tied_groups
UNWIND range(1, size(vals)) AS i
WITH vals[i] AS leads, name_groups[i] AS names, tied_groups[i] AS tied,
     list_sum(list_transform(range(1, size(vals)),
                             j -> CASE WHEN vals[j] > vals[i] THEN sizes[j] ELSE 0 END)) AS more
WHERE more < $top
UNWIND tied AS one
WITH one.dept_key AS dept_key, leads, more + size(list_filter(names, n -> n < one.name)) AS ahead
WHERE ahead < $top
WITH collect({dept_key: dept_key, ahead: ahead, leads: leads}) AS tops
UNWIND tops AS top
UNWIND tops AS above
WITH top.dept_key AS dept_key, top.ahead AS ahead, top.leads AS leads, above.dept_key AS above_key,
     above.ahead AS above_ahead
WHERE above_ahead <= ahead
MATCH (e:Department)-[:LEADS]->(m:Measure)
WHERE e.id = above_key AND ($plan = '' OR m.plan = $plan)
WITH dept_key, ahead, leads, count(DISTINCT m) AS measures_led
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH dept_key, ahead, leads, measures_led, count(x) AS measures
MATCH (d:Department)
WHERE d.id = dept_key
RETURN 1 + ahead AS position, d.name AS department, d.jurisdiction AS jurisdiction, leads,
       measures_led, measures, round(100.0 * measures_led / measures, 1) AS share_pct
ORDER BY position;
// engine: neo4j
// Count each department's leads once and group the departments by that count; a department's
// position is one more than the number of departments ahead of it: those in the groups that
// lead more (groups against groups: a few hundred by a few hundred at 100,000 measures, where
// every department against every other was 9,000 by 9,000, over a second) and those of its own
// group with an earlier name. Only groups with fewer than $top departments ahead are opened.
// Departments are placed by name, then jurisdiction (`name|jurisdiction` sorts as the two do).
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH d.id AS dept_key, d.name + '|' + d.jurisdiction AS name, count(DISTINCT m) AS leads
WITH leads, collect(name) AS names, collect({dept_key: dept_key, name: name}) AS tied
WITH collect({leads: leads, names: names, tied: tied}) AS groups
UNWIND groups AS g
WITH g, reduce(s = 0, h IN groups | s + CASE WHEN h.leads > g.leads THEN size(h.names) ELSE 0 END)
     AS more
WHERE more < $top
UNWIND g.tied AS one
WITH one.dept_key AS dept_key, g.leads AS leads, more + size([n IN g.names WHERE n < one.name])
     AS ahead
WHERE ahead < $top
WITH collect({dept_key: dept_key, ahead: ahead, leads: leads}) AS tops
UNWIND tops AS top
UNWIND tops AS above
WITH top.dept_key AS dept_key, top.ahead AS ahead, top.leads AS leads, above.dept_key AS above_key,
     above.ahead AS above_ahead
WHERE above_ahead <= ahead
MATCH (e:Department)-[:LEADS]->(m:Measure)
WHERE e.id = above_key AND ($plan = '' OR m.plan = $plan)
WITH dept_key, ahead, leads, count(DISTINCT m) AS measures_led
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH dept_key, ahead, leads, measures_led, count(x) AS measures
MATCH (d:Department)
WHERE d.id = dept_key
RETURN 1 + ahead AS position, d.name AS department, d.jurisdiction AS jurisdiction, leads,
       measures_led, measures, round(100.0 * measures_led / measures, 1) AS share_pct
ORDER BY position;

// name: top-lead-share
// description: How concentrated is leadership? The top N lead departments, each with the running share of all measures led by it or one above it.
// group: Workload
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: top int = 3 -- how many of the busiest lead departments to take (equal counts: by name)
// engine: ladybug
// Count each department's leads once, then place it within lists: its position is one more
// than the number of departments ahead of it, those with more leads (all_leads) and those with
// as many and an earlier name (names). Comparing every department with every other by a join
// ran out of memory at 100,000 measures. Not ORDER BY ... LIMIT $top: LadybugDB 0.22 returns
// wrong rows when collect() follows it. Lists of numbers and names only: its list_filter reads
// wrong fields from lists of maps longer than 2,048.
// Departments are placed by name, then jurisdiction (`name|jurisdiction` sorts as the two do).
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH d.id AS dept_key, d.name + '|' + d.jurisdiction AS name, count(DISTINCT m) AS leads
WITH collect(leads) AS all_leads, collect({dept_key: dept_key, name: name, leads: leads}) AS rows
UNWIND rows AS row
WITH row.dept_key AS dept_key, row.name AS name, row.leads AS leads,
     size(list_filter(all_leads, x -> x > row.leads)) AS more
WITH leads, more, collect(name) AS names, collect({dept_key: dept_key, name: name}) AS tied
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
// Count each department's leads once, then place it within lists: its position is one more
// than the number of departments ahead of it, those with more leads (all_leads) and those with
// as many and an earlier name (names). Comparing every department with every other by a join
// ran out of memory at 100,000 measures.
// Departments are placed by name, then jurisdiction (`name|jurisdiction` sorts as the two do).
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH d.id AS dept_key, d.name + '|' + d.jurisdiction AS name, count(DISTINCT m) AS leads
WITH collect(leads) AS all_leads, collect({dept_key: dept_key, name: name, leads: leads}) AS rows
UNWIND rows AS row
WITH row.dept_key AS dept_key, row.name AS name, row.leads AS leads,
     size([x IN all_leads WHERE x > row.leads]) AS more
WITH leads, more, collect(name) AS names, collect({dept_key: dept_key, name: name}) AS tied
UNWIND tied AS one
WITH one.dept_key AS dept_key, leads, more + size([n IN names WHERE n < one.name]) AS ahead
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

// name: top-lead-share
// description: How concentrated is leadership? The top N lead departments, each with the running share of all measures led by it or one above it.
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: top int = 3 -- how many of the busiest lead departments to take (equal counts: by name)
// engine: ladybug
// Count each department's leads once, then place it within lists: its position is one more
// than the number of departments ahead of it, those with more leads (all_leads) and those with
// as many and an earlier name (names). Comparing every department with every other by a join
// ran out of memory at 100,000 measures. Not ORDER BY ... LIMIT $top: LadybugDB 0.22 returns
// wrong rows when collect() follows it. Lists of numbers and names only: its list_filter reads
// wrong fields from lists of maps longer than 2,048.
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH d.name AS name, count(DISTINCT m) AS leads
WITH collect(leads) AS all_leads, collect({name: name, leads: leads}) AS rows
UNWIND rows AS row
WITH row.name AS name, row.leads AS leads,
     size(list_filter(all_leads, x -> x > row.leads)) AS more
WITH leads, more, collect(name) AS names
UNWIND names AS name
WITH name, leads, more + size(list_filter(names, n -> n < name)) AS ahead
WHERE ahead < $top
WITH collect({name: name, ahead: ahead, leads: leads}) AS tops
UNWIND tops AS top
UNWIND tops AS above
WITH top.name AS department, top.ahead AS ahead, top.leads AS leads, above.name AS above_name,
     above.ahead AS above_ahead
WHERE above_ahead <= ahead
MATCH (e:Department)-[:LEADS]->(m:Measure)
WHERE e.name = above_name AND ($plan = '' OR m.plan = $plan)
WITH department, ahead, leads, count(DISTINCT m) AS measures_led
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH department, ahead, leads, measures_led, count(x) AS measures
RETURN 1 + ahead AS position, department, leads, measures_led, measures,
       round(100.0 * measures_led / measures, 1) AS share_pct
ORDER BY position;
// engine: neo4j
// Count each department's leads once, then place it within lists: its position is one more
// than the number of departments ahead of it, those with more leads (all_leads) and those with
// as many and an earlier name (names). Comparing every department with every other by a join
// ran out of memory at 100,000 measures.
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH d.name AS name, count(DISTINCT m) AS leads
WITH collect(leads) AS all_leads, collect({name: name, leads: leads}) AS rows
UNWIND rows AS row
WITH row.name AS name, row.leads AS leads,
     size([x IN all_leads WHERE x > row.leads]) AS more
WITH leads, more, collect(name) AS names
UNWIND names AS name
WITH name, leads, more + size([n IN names WHERE n < name]) AS ahead
WHERE ahead < $top
WITH collect({name: name, ahead: ahead, leads: leads}) AS tops
UNWIND tops AS top
UNWIND tops AS above
WITH top.name AS department, top.ahead AS ahead, top.leads AS leads, above.name AS above_name,
     above.ahead AS above_ahead
WHERE above_ahead <= ahead
MATCH (e:Department)-[:LEADS]->(m:Measure)
WHERE e.name = above_name AND ($plan = '' OR m.plan = $plan)
WITH department, ahead, leads, count(DISTINCT m) AS measures_led
MATCH (x:Measure)
WHERE $plan = '' OR x.plan = $plan
WITH department, ahead, leads, measures_led, count(x) AS measures
RETURN 1 + ahead AS position, department, leads, measures_led, measures,
       round(100.0 * measures_led / measures, 1) AS share_pct
ORDER BY position;

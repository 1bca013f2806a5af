// name: top-lead-share
// description: How concentrated is leadership? The top N lead departments, each with the running share of all measures led by it or one above it.
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: top int = 3 -- how many of the busiest lead departments to take (equal counts: by name)
MATCH (d:Department)-[:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH d, count(DISTINCT m) AS leads
MATCH (o:Department)-[:LEADS]->(n:Measure)
WHERE $plan = '' OR n.plan = $plan
WITH d, leads, o, count(DISTINCT n) AS other_leads
WITH d, leads,
     count(CASE WHEN other_leads > leads OR (other_leads = leads AND o.name < d.name)
           THEN 1 END) AS ahead
WHERE ahead < $top
WITH collect({name: d.name, ahead: ahead, leads: leads}) AS tops
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

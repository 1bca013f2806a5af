// name: jurisdictions
// description: Which places are loaded? Per jurisdiction, its plans, departments and the measures of its plans (a plan of unknown place is its own jurisdiction, `unknown (plan)`).
// group: Across plans
// A place named only by its departments (自贡市人社局 in a district plan) has no plans.
MATCH (p:Plan)
WITH collect(CASE WHEN p.jurisdiction = 'unknown' THEN 'unknown (' + p.id + ')'
                  ELSE p.jurisdiction END) AS of_plans
OPTIONAL MATCH (d:Department)
WITH of_plans, collect(d.jurisdiction) AS of_departments
UNWIND of_plans + of_departments AS place
WITH DISTINCT place
OPTIONAL MATCH (p:Plan)
WHERE p.jurisdiction = place OR (p.jurisdiction = 'unknown' AND 'unknown (' + p.id + ')' = place)
WITH place, count(p) AS plans, collect(p.id) AS plan_ids
OPTIONAL MATCH (m:Measure)
WHERE m.plan IN plan_ids
WITH place, plans, count(m) AS measures
OPTIONAL MATCH (d:Department)
WHERE d.jurisdiction = place
RETURN place AS jurisdiction, plans, count(d) AS departments, measures
ORDER BY jurisdiction;

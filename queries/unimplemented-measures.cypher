// name: unimplemented-measures
// description: Which measures of an implemented plan did no implementing plan pick up? Measures of every plan another loaded plan IMPLEMENTS that no child measure was matched to, with how many plans implement it.
// group: Across plans
// param: plan str = "" -- the implemented (parent) plan's id; empty means every plan
MATCH (child:Plan)-[:IMPLEMENTS]->(parent:Plan)
WHERE $plan = '' OR parent.id = $plan
WITH parent, count(child) AS implementing_plans
MATCH (m:Measure)
WHERE m.plan = parent.id AND NOT EXISTS { MATCH (:Measure)-[:CARRIES_OUT]->(m) }
RETURN parent.id AS plan, m.number AS measure, m.text AS text, implementing_plans
ORDER BY plan, m.seq;

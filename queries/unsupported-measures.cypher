// name: unsupported-measures
// description: Which measures have no supporting department? A lead alone carries them (a gap to check).
// group: Gaps and risks
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (m:Measure)
WHERE ($plan = '' OR m.plan = $plan) AND NOT EXISTS { MATCH (m)<-[:SUPPORTS]-(:Department) }
OPTIONAL MATCH (m)<-[l:LEADS]-(d:Department)
WITH m, l, d
ORDER BY l.position
SKIP 0
WITH m, collect(d.name) AS lead_names
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
RETURN m.plan AS plan, m.number AS number, t.title AS theme, lead_names, m.text AS text
ORDER BY plan, m.seq;

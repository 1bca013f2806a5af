// name: joint-lead-measures
// description: Which measures have more than one lead department (shared ownership)? Most leads first.
// group: Coordination
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[l:LEADS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH m, l, d
ORDER BY l.position
SKIP 0
WITH m, count(d) AS leads, collect(d.name) AS lead_names
WHERE leads > 1
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
RETURN m.plan AS plan, m.number AS number, t.title AS theme, leads, lead_names
ORDER BY leads DESC, plan, m.seq;

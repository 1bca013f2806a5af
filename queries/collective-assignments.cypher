// name: collective-assignments
// description: Which measures are assigned to collective units (各…成员单位, 有关单位) rather than named departments?
// group: Gaps and risks
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE d.kind = 'collective' AND ($plan = '' OR m.plan = $plan)
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
RETURN m.plan AS plan, m.number AS number, d.name AS unit, r.role AS role, t.title AS theme,
       m.text AS text
ORDER BY plan, m.seq, role, unit;

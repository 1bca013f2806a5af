// name: department-measures
// description: What does this department own? Its measures by role (lead first) and theme, with their deadlines.
// group: One department
// param: department str -- the department's name as written, e.g. 区委组织部
// example: department=区委组织部
// param: jurisdiction str = "" -- its place, when several jurisdictions have that name
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE d.name = $department AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
  AND ($plan = '' OR m.plan = $plan)
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
RETURN m.plan AS plan, r.role AS role, m.number AS number, t.title AS theme, m.text AS text,
       m.timing AS deadline, m.due AS due
ORDER BY plan, role, m.seq;

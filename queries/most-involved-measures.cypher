// name: most-involved-measures
// description: Which measures involve the most departments? Departments per measure, leads and supports, most first.
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: limit int = 10 -- how many measures to list
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH m, count(DISTINCT d) AS departments,
     count(DISTINCT CASE WHEN r.role = 'lead' THEN d.name END) AS leads,
     count(DISTINCT CASE WHEN r.role = 'support' THEN d.name END) AS supports
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
RETURN m.plan AS plan, m.number AS number, t.title AS theme, departments, leads, supports
ORDER BY departments DESC, plan, m.seq
LIMIT $limit;

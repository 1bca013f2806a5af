// name: most-involved-measures
// description: Which measures involve the most departments? Departments per measure, leads and supports, most first.
// group: Coordination
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: limit int = 10 -- how many measures to list
// A department has one role on a measure, so count(*) counts departments. The theme is looked
// up only for the measures kept (a measure is in one theme).
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE $plan = '' OR m.plan = $plan
WITH m, count(*) AS departments,
     count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS supports
WITH m, departments, leads, supports
ORDER BY departments DESC, m.plan, m.seq
LIMIT $limit
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
RETURN m.plan AS plan, m.number AS number, t.title AS theme, departments, leads, supports
ORDER BY departments DESC, plan, m.seq;

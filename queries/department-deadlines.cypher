// name: department-deadlines
// description: When are this department's tasks due? Its measures with a deadline, by due date (undated ones last), with its role.
// group: Deadlines and progress
// param: department str -- the department's name as written, e.g. 区委组织部
// example: department=区委组织部
// param: jurisdiction str = "" -- its place, when several jurisdictions have that name
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WHERE d.name = $department AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
  AND ($plan = '' OR m.plan = $plan) AND m.timing IS NOT NULL
RETURN m.plan AS plan, m.due AS due, m.timing AS deadline, r.role AS role, m.number AS number,
       m.text AS text
ORDER BY coalesce(due, '9999-12-31'), plan, role, m.seq;

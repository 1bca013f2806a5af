// name: plan-workload
// description: How does each department's load differ between plans? Leads, supports and total per department and plan.
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WITH d, m.plan AS plan,
     count(DISTINCT CASE WHEN r.role = 'lead' THEN m.id END) AS leads,
     count(DISTINCT CASE WHEN r.role = 'support' THEN m.id END) AS supports
RETURN d.name AS department, d.kind AS kind, plan, leads, supports, leads + supports AS total
ORDER BY department, plan;

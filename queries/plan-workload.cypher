// name: plan-workload
// description: How does each department's load differ between plans? Leads, supports and total per department and plan.
// group: Across plans
// count(CASE ... THEN 1 END), not count(DISTINCT ... m.id): a department has one role on a
// measure, so each relationship is a different measure.
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)
WITH d, m.plan AS plan,
     count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS supports
RETURN d.name AS department, d.jurisdiction AS jurisdiction, d.kind AS kind, plan, leads,
       supports, leads + supports AS total
ORDER BY department, jurisdiction, plan;

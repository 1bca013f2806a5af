// name: department-workload
// description: Which departments carry the most responsibilities? Leads, supports and total per department, busiest first.
// group: Workload
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)
OPTIONAL MATCH (d)-[:LEADS]->(l:Measure)
WHERE $plan = '' OR l.plan = $plan
WITH d, count(l) AS leads
OPTIONAL MATCH (d)-[:SUPPORTS]->(s:Measure)
WHERE $plan = '' OR s.plan = $plan
WITH d, leads, count(s) AS supports
WHERE leads + supports > 0
RETURN d.name AS department, d.jurisdiction AS jurisdiction, d.kind AS kind, leads, supports,
       leads + supports AS total
ORDER BY total DESC, leads DESC, department, jurisdiction;

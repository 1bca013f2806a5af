// name: department-partners
// description: Whom does this department work with? Its partner departments and the measures each pair shares.
// group: One department
// param: department str -- the department's name as written, e.g. 区委组织部
// example: department=区委组织部
// param: jurisdiction str = "" -- its place, when several jurisdictions have that name
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)<-[s:LEADS|SUPPORTS]-(p:Department)
WHERE d.name = $department AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
  AND p <> d AND ($plan = '' OR m.plan = $plan)
WITH p, count(DISTINCT m) AS shared,
     count(DISTINCT CASE WHEN r.role = 'lead' THEN m.id END) AS department_leads,
     count(DISTINCT CASE WHEN s.role = 'lead' THEN m.id END) AS partner_leads
RETURN p.name AS partner, p.jurisdiction AS jurisdiction, p.kind AS kind, shared,
       department_leads, partner_leads
ORDER BY shared DESC, partner, jurisdiction;

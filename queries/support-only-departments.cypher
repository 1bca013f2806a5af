// name: support-only-departments
// description: Which departments only ever support and never lead? With the number of measures they support.
// group: Workload
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: collectives int = 1 -- 1 lists collective units (各…成员单位) too, 0 leaves them out
MATCH (d:Department)-[:SUPPORTS]->(m:Measure)
WHERE ($plan = '' OR m.plan = $plan)
  AND ($collectives = 1 OR d.kind <> 'collective')
  AND NOT EXISTS { MATCH (d)-[:LEADS]->(l:Measure) WHERE $plan = '' OR l.plan = $plan }
WITH d, count(DISTINCT m) AS supports
RETURN d.name AS department, d.jurisdiction AS jurisdiction, d.kind AS kind, supports
ORDER BY supports DESC, department, jurisdiction;

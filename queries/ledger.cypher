// name: ledger
// description: The supervision ledger (督查台账): every measure in plan order with its lead and supporting departments and its deadline; with a department, only the measures it leads or supports (`policygraph ledger` writes it as a workbook).
// group: Deadlines and progress
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: department str = "" -- only the measures this department leads or supports; empty means all
// param: jurisdiction str = "" -- the department's place, when several jurisdictions have that name
// engine: ladybug
MATCH (m:Measure)
WHERE ($plan = '' OR m.plan = $plan)
  AND ($department = '' OR EXISTS {
    MATCH (d:Department)-[:LEADS|SUPPORTS]->(m)
    WHERE d.name = $department AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
  })
OPTIONAL MATCH (m)<-[l:LEADS]-(ld:Department)
WITH m, l, ld
ORDER BY l.position
SKIP 0
WITH m, collect(ld.name) AS leads
OPTIONAL MATCH (m)<-[s:SUPPORTS]-(sd:Department)
WITH m, leads, s, sd
ORDER BY s.position
SKIP 0
WITH m, leads, collect(sd.name) AS supports
RETURN m.plan AS plan, m.id AS id, m.number AS number, m.text AS text, leads, supports,
       m.timing AS deadline, m.due AS due
ORDER BY plan, m.seq;
// engine: neo4j
// Each measure's departments in written order by a COLLECT subquery (Neo4j 5.6+): sorting
// every assignment of the corpus, as the LadybugDB text does, then grouping them again per
// measure took most of the server's time at 100,000 measures.
MATCH (m:Measure)
WHERE ($plan = '' OR m.plan = $plan)
  AND ($department = '' OR EXISTS {
    MATCH (d:Department)-[:LEADS|SUPPORTS]->(m)
    WHERE d.name = $department AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
  })
RETURN m.plan AS plan, m.id AS id, m.number AS number, m.text AS text,
       COLLECT { MATCH (m)<-[l:LEADS]-(ld:Department) RETURN ld.name ORDER BY l.position } AS leads,
       COLLECT { MATCH (m)<-[s:SUPPORTS]-(sd:Department) RETURN sd.name ORDER BY s.position }
         AS supports,
       m.timing AS deadline, m.due AS due
ORDER BY plan, m.seq;

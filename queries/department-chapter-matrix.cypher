// name: department-chapter-matrix
// description: Where does each department work? Leads, supports and total per department and chapter (one row per cell).
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)-[:IN_THEME]->(t:Theme)
WHERE $plan = '' OR m.plan = $plan
MATCH (c:Theme)
WHERE c.plan = t.plan AND c.level = 'chapter' AND c.chapter = t.chapter
WITH d, c,
     count(DISTINCT CASE WHEN r.role = 'lead' THEN m.id END) AS leads,
     count(DISTINCT CASE WHEN r.role = 'support' THEN m.id END) AS supports
RETURN d.name AS department, c.plan AS plan, c.chapter AS chapter, c.title AS title,
       leads, supports, leads + supports AS total
ORDER BY department, plan, chapter;

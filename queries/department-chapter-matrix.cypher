// name: department-chapter-matrix
// description: Where does each department work? Leads, supports and total per department and chapter (one row per cell).
// group: Themes
// param: plan str = "" -- restrict to one plan id; empty means every plan
// Start from the chapters and find their themes (the chapter and its sections) by plan and
// chapter number, rather than looking the chapter up for every assignment. count(CASE ...
// THEN 1 END), not count(DISTINCT ... m.id): a department has one role on a measure, and a
// measure is in one theme. (The filter on m.plan repeats the one on c.plan for LadybugDB,
// which otherwise reads every assignment when $plan is given.)
MATCH (c:Theme)
WHERE c.level = 'chapter' AND ($plan = '' OR c.plan = $plan)
MATCH (t:Theme)
WHERE t.plan = c.plan AND t.chapter = c.chapter
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)-[:IN_THEME]->(t)
WHERE $plan = '' OR m.plan = $plan
WITH d, c,
     count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS supports
RETURN d.name AS department, d.jurisdiction AS jurisdiction, c.plan AS plan, c.chapter AS chapter, c.title AS title,
       leads, supports, leads + supports AS total
ORDER BY department, jurisdiction, plan, chapter;

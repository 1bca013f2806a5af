// name: department-chapter-matrix
// description: Where does each department work? Leads, supports and total per department and chapter (one row per cell).
// group: Themes
// param: plan str = "" -- restrict to one plan id; empty means every plan
// engine: ladybug
// Start from the chapters and find their themes (the chapter and its sections) by plan and
// chapter number, rather than looking the chapter up for every assignment. count(CASE ...
// THEN 1 END), not count(DISTINCT ... m.id): a department has one role on a measure, and a
// measure is in one theme. (The filter on m.plan repeats the one on c.plan for LadybugDB,
// which otherwise reads every assignment when $plan is given.)
// Departments are counted by internal id and read afterwards: grouping by the department node
// read its properties for every assignment (0.83 s -> 0.7 s at 100,000 measures).
MATCH (c:Theme)
WHERE c.level = 'chapter' AND ($plan = '' OR c.plan = $plan)
MATCH (t:Theme)
WHERE t.plan = c.plan AND t.chapter = c.chapter
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)-[:IN_THEME]->(t)
WHERE $plan = '' OR m.plan = $plan
WITH id(d) AS dept, c.plan AS plan, c.chapter AS chapter, c.title AS title,
     count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS supports
MATCH (d:Department)
WHERE id(d) = dept
RETURN d.name AS department, d.jurisdiction AS jurisdiction, plan, chapter, title,
       leads, supports, leads + supports AS total
ORDER BY department, jurisdiction, plan, chapter;
// engine: neo4j
// Start from the chapters and find their themes (the chapter and its sections) by plan and
// chapter number, rather than looking the chapter up for every assignment. count(CASE ...
// THEN 1 END), not count(DISTINCT ... m.id): a department has one role on a measure, and a
// measure is in one theme. (The filter on m.plan repeats the one on c.plan for LadybugDB,
// which otherwise reads every assignment when $plan is given.)
// The role is the relationship's type, which needs no property read.
MATCH (c:Theme)
WHERE c.level = 'chapter' AND ($plan = '' OR c.plan = $plan)
MATCH (t:Theme)
WHERE t.plan = c.plan AND t.chapter = c.chapter
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m:Measure)-[:IN_THEME]->(t)
WHERE $plan = '' OR m.plan = $plan
WITH d, c,
     count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS leads,
     count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supports
RETURN d.name AS department, d.jurisdiction AS jurisdiction, c.plan AS plan, c.chapter AS chapter, c.title AS title,
       leads, supports, leads + supports AS total
ORDER BY department, jurisdiction, plan, chapter;

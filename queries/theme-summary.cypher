// name: theme-summary
// description: How is the plan organised? Per chapter and section, its measures and distinct lead departments.
// group: Themes
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (t:Theme)
WHERE $plan = '' OR t.plan = $plan
OPTIONAL MATCH (m:Measure)-[:IN_THEME|PART_OF*1..2]->(t)
OPTIONAL MATCH (d:Department)-[:LEADS]->(m)
WITH t, count(DISTINCT m) AS measures, count(DISTINCT d) AS lead_departments
RETURN t.plan AS plan, t.chapter AS chapter,
       CASE WHEN t.level = 'section' THEN t.ordinal ELSE 0 END AS section,
       t.level AS level, t.title AS title, measures, lead_departments
ORDER BY plan, chapter, section;

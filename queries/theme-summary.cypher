// name: theme-summary
// description: How is the plan organised? Per chapter and section, its measures and distinct lead departments.
// group: Themes
// param: plan str = "" -- restrict to one plan id; empty means every plan
// engine: ladybug
// A chapter's measures are those of the themes with its plan and chapter number (itself and its
// sections), a join on two properties: the variable-length path IN_THEME|PART_OF*1..2 took
// 2.2 s of CPU in LadybugDB 0.22's recursive extend at 100,000 measures (0.97 s -> 0.23 s).
// Themes are counted by internal id and read afterwards (grouping by the node is slower).
MATCH (t:Theme)
WHERE $plan = '' OR t.plan = $plan
OPTIONAL MATCH (s:Theme)
WHERE s.plan = t.plan AND s.chapter = t.chapter AND (t.level = 'chapter' OR s.id = t.id)
OPTIONAL MATCH (m:Measure)-[:IN_THEME]->(s)
OPTIONAL MATCH (d:Department)-[:LEADS]->(m)
WITH id(t) AS theme, count(DISTINCT id(m)) AS measures, count(DISTINCT id(d)) AS lead_departments
MATCH (t:Theme)
WHERE id(t) = theme
RETURN t.plan AS plan, t.chapter AS chapter,
       CASE WHEN t.level = 'section' THEN t.ordinal ELSE 0 END AS section,
       t.level AS level, t.title AS title, measures, lead_departments
ORDER BY plan, chapter, section;
// engine: neo4j
MATCH (t:Theme)
WHERE $plan = '' OR t.plan = $plan
OPTIONAL MATCH (m:Measure)-[:IN_THEME|PART_OF*1..2]->(t)
OPTIONAL MATCH (d:Department)-[:LEADS]->(m)
WITH t, count(DISTINCT m) AS measures, count(DISTINCT d) AS lead_departments
RETURN t.plan AS plan, t.chapter AS chapter,
       CASE WHEN t.level = 'section' THEN t.ordinal ELSE 0 END AS section,
       t.level AS level, t.title AS title, measures, lead_departments
ORDER BY plan, chapter, section;

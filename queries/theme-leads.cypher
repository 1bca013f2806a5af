// name: theme-leads
// description: Who leads each chapter and section? Per theme, every lead department with the numbers of the measures it leads there.
// group: Themes
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (d:Department)-[:LEADS]->(m:Measure)-[:IN_THEME]->(t:Theme)
WHERE $plan = '' OR m.plan = $plan
WITH d, t, m
ORDER BY m.seq
SKIP 0
WITH d, t, count(m) AS leads, collect(m.number) AS measures
RETURN t.plan AS plan, t.chapter AS chapter,
       CASE WHEN t.level = 'section' THEN t.ordinal ELSE 0 END AS section,
       t.title AS title, d.name AS department, d.jurisdiction AS jurisdiction, leads, measures
ORDER BY plan, chapter, section, leads DESC, department, jurisdiction;

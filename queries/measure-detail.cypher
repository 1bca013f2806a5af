// name: measure-detail
// description: What does this measure say and who owns it? Its text, chapter, section, lead and supporting departments.
// group: One measure
// param: number int -- the measure's number as written in the plan
// example: number=13
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (m:Measure)
WHERE m.number = $number AND ($plan = '' OR m.plan = $plan)
OPTIONAL MATCH (m)<-[l:LEADS]-(ld:Department)
WITH m, l, ld
ORDER BY l.position
SKIP 0
WITH m, collect(ld.name) AS lead_names
OPTIONAL MATCH (m)<-[s:SUPPORTS]-(sd:Department)
WITH m, lead_names, s, sd
ORDER BY s.position
SKIP 0
WITH m, lead_names, collect(sd.name) AS support_names
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
OPTIONAL MATCH (t)-[:PART_OF]->(c:Theme)
RETURN m.plan AS plan, m.number AS number,
       CASE WHEN t.level = 'chapter' THEN t.title ELSE c.title END AS chapter,
       CASE WHEN t.level = 'section' THEN t.title ELSE NULL END AS section,
       m.text AS text, lead_names, support_names
ORDER BY plan, m.seq;

// name: search-measures
// description: Which measures mention these words? Measures whose text contains every space-separated term, most occurrences first, with theme and leads.
// group: One measure
// param: terms str -- the words to find, separated by spaces; a measure must contain them all, e.g. 企业家
// example: terms=企业家
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: department str = "" -- only measures this department leads or supports; empty means any
// param: jurisdiction str = "" -- the department's place, when several jurisdictions have that name
// param: limit int = 50 -- how many measures to list
// engine: ladybug
// Substring match, no word segmentation: 人才 also finds 人才库. hits counts the occurrences of
// all the terms (a sum LadybugDB widens to INT128, cast back); ties go by plan and the
// measure's order in it. Empty terms match nothing.
MATCH (m:Measure)
WHERE ($plan = '' OR m.plan = $plan)
  AND ($department = '' OR EXISTS {
        MATCH (d:Department)-[:LEADS|SUPPORTS]->(m)
        WHERE d.name = $department AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction) })
UNWIND string_split($terms, ' ') AS term
WITH m, term
WHERE term <> ''
WITH m, count(*) AS terms, sum(CASE WHEN m.text CONTAINS term THEN 1 ELSE 0 END) AS found,
     CAST(sum((size(m.text) - size(replace(m.text, term, ''))) / size(term)) AS INT64) AS hits
WHERE found = terms
WITH m, hits
ORDER BY hits DESC, m.plan, m.seq
LIMIT $limit
OPTIONAL MATCH (m)<-[l:LEADS]-(ld:Department)
WITH m, hits, l, ld
ORDER BY l.position
SKIP 0
WITH m, hits, collect(ld.name) AS leads
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
RETURN m.plan AS plan, m.number AS number, t.title AS theme, leads, hits, m.text AS text
ORDER BY hits DESC, plan, m.seq;
// engine: neo4j
MATCH (m:Measure)
WHERE ($plan = '' OR m.plan = $plan)
  AND ($department = '' OR EXISTS {
        MATCH (d:Department)-[:LEADS|SUPPORTS]->(m)
        WHERE d.name = $department AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction) })
UNWIND split($terms, ' ') AS term
WITH m, term
WHERE term <> ''
WITH m, count(*) AS terms, sum(CASE WHEN m.text CONTAINS term THEN 1 ELSE 0 END) AS found,
     sum((size(m.text) - size(replace(m.text, term, ''))) / size(term)) AS hits
WHERE found = terms
WITH m, hits
ORDER BY hits DESC, m.plan, m.seq
LIMIT $limit
OPTIONAL MATCH (m)<-[l:LEADS]-(ld:Department)
WITH m, hits, l, ld
ORDER BY l.position
WITH m, hits, collect(ld.name) AS leads
OPTIONAL MATCH (m)-[:IN_THEME]->(t:Theme)
RETURN m.plan AS plan, m.number AS number, t.title AS theme, leads, hits, m.text AS text
ORDER BY hits DESC, plan, m.seq;

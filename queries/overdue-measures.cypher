// name: overdue-measures
// description: Who is behind? Measures due before as_of whose latest status reported on or before that day is not done (已完成), most overdue first, with their leads.
// group: Deadlines and progress
// param: as_of date -- the day to judge by, e.g. 2024-07-01
// example: as_of=2030-01-01
// param: plan str = "" -- restrict to one plan id; empty means every plan
// engine: ladybug
MATCH (m:Measure)
WHERE m.due < $as_of AND ($plan = '' OR m.plan = $plan)
// The latest state: the highest n of the latest as_of (a later import of the same day wins).
OPTIONAL MATCH (p:Progress) WHERE p.measure = m.id AND p.as_of <= $as_of
WITH m, max(p.as_of) AS last
OPTIONAL MATCH (q:Progress) WHERE q.measure = m.id AND q.as_of = last
WITH m, last, max(q.n) AS n
OPTIONAL MATCH (s:Progress) WHERE s.measure = m.id AND s.as_of = last AND s.n = n
WITH m, s.status AS status, s.as_of AS reported
WHERE status IS NULL OR status <> 'done'
OPTIONAL MATCH (m)<-[l:LEADS]-(d:Department)
WITH m, status, reported, l, d
ORDER BY l.position
SKIP 0
WITH m, status, reported, collect(d.name) AS leads
RETURN m.plan AS plan, m.number AS number, m.due AS due, m.timing AS deadline,
       date($as_of) - date(m.due) AS days_overdue, status, reported, leads, m.text AS text
ORDER BY days_overdue DESC, plan, m.seq;
// engine: neo4j
MATCH (m:Measure)
WHERE m.due < $as_of AND ($plan = '' OR m.plan = $plan)
OPTIONAL MATCH (p:Progress) WHERE p.measure = m.id AND p.as_of <= $as_of
WITH m, max(p.as_of) AS last
OPTIONAL MATCH (q:Progress) WHERE q.measure = m.id AND q.as_of = last
WITH m, last, max(q.n) AS n
OPTIONAL MATCH (s:Progress) WHERE s.measure = m.id AND s.as_of = last AND s.n = n
WITH m, s.status AS status, s.as_of AS reported
WHERE status IS NULL OR status <> 'done'
OPTIONAL MATCH (m)<-[l:LEADS]-(d:Department)
WITH m, status, reported, l, d
ORDER BY l.position
SKIP 0
WITH m, status, reported, collect(d.name) AS leads
RETURN m.plan AS plan, m.number AS number, m.due AS due, m.timing AS deadline,
       duration.inDays(date(m.due), date($as_of)).days AS days_overdue, status, reported, leads,
       m.text AS text
ORDER BY days_overdue DESC, plan, m.seq;

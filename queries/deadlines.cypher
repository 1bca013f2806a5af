// name: deadlines
// description: When is each measure due? Measures whose plan gives a deadline (or time words in the text), by due date, undated ones (每年, 长期坚持) last, with their lead departments.
// group: Deadlines and progress
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (m:Measure)
WHERE m.timing IS NOT NULL AND ($plan = '' OR m.plan = $plan)
OPTIONAL MATCH (m)<-[l:LEADS]-(d:Department)
WITH m, l, d
ORDER BY l.position
SKIP 0
WITH m, collect(d.name) AS leads
RETURN m.plan AS plan, m.number AS number, m.due AS due, m.timing AS deadline,
       m.recurrence AS recurrence, m.ongoing AS ongoing, leads, m.text AS text
ORDER BY coalesce(due, '9999-12-31'), plan, m.seq;

// name: department-progress
// description: How is each department doing? Its measures (led or supported) by latest reported status as of a day, the overdue ones (due before it and not done), and a signal: red with any overdue, yellow with any 滞后, else green.
// group: Deadlines and progress
// param: as_of date = "" -- the day to judge by, e.g. 2024-07-01; empty means today
// example: as_of=2030-01-01
// param: plan str = "" -- restrict to one plan id; empty means every plan
// engine: ladybug
// Counts by count(CASE … THEN 1 END): LadybugDB 0.22's sum of integers is a 128-bit Decimal.
// Each measure's status is found once, then its departments are counted (a department has one
// role on a measure: the parser keeps a name listed twice once). Finding the status for every
// assignment instead took 2-2.5x as long at 100,000 measures on both engines.
// Departments are counted by their internal id and named afterwards: grouping 555,000
// assignments by the department node itself fetched each node's properties for every row
// (0.96 s against 0.24 s at 100,000 measures).
MATCH (m:Measure)
WHERE $plan = '' OR m.plan = $plan
OPTIONAL MATCH (p:Progress) WHERE p.measure = m.id AND p.as_of <= $as_of
WITH m, max(p.as_of) AS last
OPTIONAL MATCH (q:Progress) WHERE q.measure = m.id AND q.as_of = last
WITH m, last, max(q.n) AS n
OPTIONAL MATCH (s:Progress) WHERE s.measure = m.id AND s.as_of = last AND s.n = n
WITH m, s.status AS status,
     CASE WHEN m.due < $as_of AND (s.status IS NULL OR s.status <> 'done') THEN 1 ELSE 0 END AS late_due
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m)
WITH id(d) AS dept, count(*) AS measures, count(CASE WHEN r.role = 'lead' THEN 1 END) AS leads,
     count(CASE WHEN status = 'done' THEN 1 END) AS done,
     count(CASE WHEN status = 'in_progress' THEN 1 END) AS in_progress,
     count(CASE WHEN status = 'late' THEN 1 END) AS late,
     count(CASE WHEN late_due = 1 THEN 1 END) AS overdue,
     count(CASE WHEN status IS NULL THEN 1 END) AS unreported
MATCH (d:Department)
WHERE id(d) = dept
RETURN d.name AS department, d.jurisdiction AS jurisdiction, measures, leads, done,
       in_progress, late, overdue, unreported,
       CASE WHEN overdue > 0 THEN 'red' WHEN late > 0 THEN 'yellow' ELSE 'green' END AS signal
ORDER BY overdue DESC, late DESC, measures DESC, department, jurisdiction;
// engine: neo4j
// Each measure's status is found once, then its departments are counted (a department has one
// role on a measure: the parser keeps a name listed twice once). Finding the status for every
// assignment instead took 2-2.5x as long at 100,000 measures on both engines.
// A measure's latest report is picked from its reports in one index lookup (reduce), not three
// (latest day, then highest n on that day, then that report); the role is the relationship's
// type, which needs no property read. 1.16 s -> 0.75 s at 100,000 measures.
MATCH (m:Measure)
WHERE $plan = '' OR m.plan = $plan
OPTIONAL MATCH (p:Progress) WHERE p.measure = m.id AND p.as_of <= $as_of
WITH m, collect(p) AS reports
WITH m, reduce(s = null, p IN reports |
       CASE WHEN s IS NULL OR p.as_of > s.as_of OR (p.as_of = s.as_of AND p.n > s.n) THEN p ELSE s END)
     AS s
WITH m, s.status AS status,
     CASE WHEN m.due < $as_of AND (s.status IS NULL OR s.status <> 'done') THEN 1 ELSE 0 END AS late_due
MATCH (d:Department)-[r:LEADS|SUPPORTS]->(m)
WITH d, count(*) AS measures, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS leads,
     count(CASE WHEN status = 'done' THEN 1 END) AS done,
     count(CASE WHEN status = 'in_progress' THEN 1 END) AS in_progress,
     count(CASE WHEN status = 'late' THEN 1 END) AS late,
     count(CASE WHEN late_due = 1 THEN 1 END) AS overdue,
     count(CASE WHEN status IS NULL THEN 1 END) AS unreported
RETURN d.name AS department, d.jurisdiction AS jurisdiction, measures, leads, done,
       in_progress, late, overdue, unreported,
       CASE WHEN overdue > 0 THEN 'red' WHEN late > 0 THEN 'yellow' ELSE 'green' END AS signal
ORDER BY overdue DESC, late DESC, measures DESC, department, jurisdiction;

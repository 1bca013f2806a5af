// name: commitments
// description: What does the plan promise in money, percentages, durations, frequencies, head counts and deadlines? Every quantified commitment with its measure.
// group: Commitments
// param: plan str = "" -- restrict to one plan id; empty means every plan
// param: kind str = "" -- one kind: money, percent, duration, frequency, count or deadline; empty means all
MATCH (m:Measure)-[:COMMITS_TO]->(c:Commitment)
WHERE ($plan = '' OR m.plan = $plan) AND ($kind = '' OR c.kind = $kind)
RETURN m.plan AS plan, m.number AS number, c.kind AS kind, c.low AS low, c.high AS high,
       c.unit AS unit, c.qualifier AS qualifier, c.text AS text
ORDER BY plan, m.seq, c.id;

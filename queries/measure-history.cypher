// name: measure-history
// description: What has been reported on this measure? Every progress record imported for it, oldest first (a later report never overwrites an earlier one).
// group: Deadlines and progress
// param: measure int -- the measure's number as written in the plan (序号)
// example: measure=1
// param: plan str = "" -- restrict to one plan id; empty means every plan
MATCH (m:Measure)
WHERE m.number = $measure AND ($plan = '' OR m.plan = $plan)
MATCH (p:Progress)
WHERE p.measure = m.id
RETURN m.plan AS plan, m.number AS number, p.as_of AS as_of, p.status AS status, p.note AS note,
       p.remark AS remark, p.reported_by AS reported_by, p.source AS source, p.row AS row
ORDER BY plan, m.seq, as_of, p.n;

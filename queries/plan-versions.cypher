// name: plan-versions
// description: Which versions of each plan are stored? One row per version, oldest first: when it was loaded, from which file, its content hash and measures; `current` marks the one reports and views see (the others: `-p version=N`, `view --version N`, `diff ID@N`).
// group: Across plans
// param: plan str = "" -- restrict to one plan id; empty means every plan
// The current version is a Plan node, earlier ones PlanVersion nodes: one row for each, made
// without UNION (LadybugDB cannot order a UNION as a whole).
MATCH (p:Plan)
WHERE $plan = '' OR p.id = $plan
UNWIND [true, false] AS current
OPTIONAL MATCH (v:PlanVersion)
WHERE v.plan = p.id AND NOT current
WITH p, current, v
WHERE current OR v IS NOT NULL
RETURN p.id AS plan,
       CASE WHEN current THEN coalesce(p.version, 1) ELSE v.version END AS version,
       current,
       CASE WHEN current THEN p.loaded_at ELSE v.loaded_at END AS loaded_at,
       CASE WHEN current THEN p.source ELSE v.source END AS source,
       CASE WHEN current THEN p.content_hash ELSE v.content_hash END AS content_hash,
       CASE WHEN current THEN p.measures ELSE v.measures END AS measures,
       CASE WHEN current THEN p.title ELSE v.title END AS title
ORDER BY plan, version;

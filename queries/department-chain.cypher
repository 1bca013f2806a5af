// name: department-chain
// description: How are two departments linked? The shortest chains of shared measures between them (measures as #number, a department of another place than department_a as name（place）; each distinct chain once).
// group: Coordination
// param: department_a str -- one department's name as written
// param: department_b str -- the other department's name
// param: jurisdiction_a str = "" -- department_a's place, when several have that name
// param: jurisdiction_b str = "" -- department_b's place, when several have that name
// param: limit int = 10 -- how many of the equally short chains to list
// example: department_a=区统计局
// example: department_b=区文体广电出版局
// engine: ladybug
MATCH (a:Department), (b:Department)
WHERE a.name = $department_a AND ($jurisdiction_a = '' OR a.jurisdiction = $jurisdiction_a)
  AND b.name = $department_b AND ($jurisdiction_b = '' OR b.jurisdiction = $jurisdiction_b)
  AND a <> b
// No barrier (WITH a, b, count(*)) before the path: LadybugDB 0.22 crashed on ALL SHORTEST
// with a missing end while `name` was the key, and the barrier guarded it; found by a filter
// on name rather than a key lookup, a missing end gives no rows, and behind a barrier the
// search no longer starts from the two ends (40x slower on a 300-measure corpus).
MATCH p = (a)-[:LEADS|SUPPORTS* ALL SHORTEST 1..20]-(b)
WITH length(p) / 2 AS measures,
     list_to_string(' > ', list_transform(nodes(p),
         n -> CASE WHEN n.name IS NULL THEN '#' + cast(n.number, 'STRING')
                   WHEN n.jurisdiction = a.jurisdiction THEN n.name
                   ELSE n.name + '（' + n.jurisdiction + '）' END)) AS chain
RETURN DISTINCT measures, chain
ORDER BY chain
LIMIT $limit;
// engine: neo4j
MATCH (a:Department), (b:Department)
WHERE a.name = $department_a AND ($jurisdiction_a = '' OR a.jurisdiction = $jurisdiction_a)
  AND b.name = $department_b AND ($jurisdiction_b = '' OR b.jurisdiction = $jurisdiction_b)
  AND a <> b
WITH a, b, count(*) AS pairs
MATCH p = allShortestPaths((a)-[:LEADS|SUPPORTS*..20]-(b))
WITH length(p) / 2 AS measures,
     reduce(s = '', n IN nodes(p) |
         s + CASE WHEN s = '' THEN '' ELSE ' > ' END
           + CASE WHEN n.name IS NULL THEN '#' + toString(n.number)
                  WHEN n.jurisdiction = a.jurisdiction THEN n.name
                  ELSE n.name + '（' + n.jurisdiction + '）' END) AS chain
RETURN DISTINCT measures, chain
ORDER BY chain
LIMIT $limit;

// name: lineage
// description: Where does this plan come from, and which plans carry it out? Up: the loaded plans it implements, up to five levels (depth 1 is the plan it cites), then the other documents it cites (cited_as: basis, mention or drafts); down: the plans implementing it, up to five levels. `issuer` is a plan's jurisdiction, a document's issuer as cited.
// group: Across plans
// param: plan str -- the plan's id
// example: plan=ziliujing_talent_plan
MATCH path = (p:Plan)-[:IMPLEMENTS*1..5]->(q:Plan)
WHERE p.id = $plan
RETURN 'up' AS direction, min(length(path)) AS depth, 'plan' AS kind, q.id AS plan, q.title AS title,
       q.number AS number, q.jurisdiction AS issuer, '' AS cited_as
ORDER BY depth, plan
UNION ALL
MATCH (p:Plan)-[c:CITES]->(d:Document)
WHERE p.id = $plan AND NOT EXISTS { MATCH (p)-[i:IMPLEMENTS]->(:Plan) WHERE i.document = d.id }
RETURN 'up' AS direction, 1 AS depth, 'document' AS kind, '' AS plan, d.title AS title,
       d.number AS number, d.issuer AS issuer, c.kind AS cited_as
ORDER BY title, number
UNION ALL
MATCH path = (p:Plan)<-[:IMPLEMENTS*1..5]-(q:Plan)
WHERE p.id = $plan
RETURN 'down' AS direction, min(length(path)) AS depth, 'plan' AS kind, q.id AS plan, q.title AS title,
       q.number AS number, q.jurisdiction AS issuer, '' AS cited_as
ORDER BY depth, plan;

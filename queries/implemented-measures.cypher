// name: implemented-measures
// description: Which measures of a plan do the plans implementing it carry out? Each parent measure with the child measures matched to it, best first: the score (0-100), the words the two texts share and the departments of the same kind they name, never a bare number (see Lineage in the README).
// group: Across plans
// param: plan str = "" -- the implemented (parent) plan's id; empty means every plan
MATCH (c:Measure)-[r:CARRIES_OUT]->(p:Measure)
WHERE $plan = '' OR p.plan = $plan
RETURN p.plan AS parent_plan, p.number AS parent_measure, p.text AS parent_text,
       c.plan AS child_plan, c.number AS child_measure, c.text AS child_text, r.score AS score,
       r.shared AS shared_words, r.departments AS shared_departments
ORDER BY parent_plan, p.seq, score DESC, child_plan, c.seq;

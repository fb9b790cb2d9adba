// name: add_person_roles
// description: Add roles to people a link file names by source ID (a victim or suspect of an occurrence).
// mode: write
// param: rows: list — maps {uid, roles}
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $rows AS row
MATCH (p:Entity {uid: row.uid})
SET p.roles = reduce(acc = [r IN coalesce(p.roles, []) WHERE r <> 'unknown'], x IN row.roles |
                     CASE WHEN x IN acc THEN acc ELSE acc + x END)

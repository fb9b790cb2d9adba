// name: agenda_action_holders
// description: Who lives at each given place, keeps (owns), drives or uses each given vehicle, or uses or owns each given phone, as the graph records them now: what an open action of an earlier meeting about a place, vehicle or phone is checked against (no enforcement where a child or victim lives, nothing against a vehicle or phone that is theirs).
// param: uids: list — the place and vehicle uids open actions are about
// returns: entity, type, uid, name, dob, age, age_on, nominal_ref, aliases, roles
UNWIND $uids AS e_uid
MATCH (e:Entity {uid: e_uid})
MATCH (p:Person)-[r:LIVES_AT|OWNS|DRIVES|USES]->(e)
RETURN e_uid AS entity, type(r) AS type, p.uid AS uid, p.name AS name, p.dob AS dob,
       p.age AS age, p.age_on AS age_on, p.nominal_ref AS nominal_ref,
       coalesce(p.aliases, []) AS aliases, coalesce(p.roles, []) AS roles
ORDER BY entity, uid, type

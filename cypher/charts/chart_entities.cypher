// name: chart_entities
// description: Entities by uid with the properties a link chart shows (an allow-list, never the identity keys) and the reports that mention them.
// param: uids: list — entity uids
// returns: uid, type, props, refs
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
OPTIONAL MATCH (r:Report)-[:MENTIONS]->(n)
WITH n, collect(DISTINCT r.ref) AS refs
RETURN n.uid AS uid,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
       n {.name, .dob, .age, .age_on, .nominal_ref, .roles, .aliases, .gender, .number, .vrm, .make,
          .model, .colour, .address, .postcode, .kind, .lat, .lon, .platform, .handle,
          .start, .end, .description, .flags} AS props,
       refs
ORDER BY uid

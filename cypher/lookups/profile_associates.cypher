// name: lookup_profile_associates
// description: People linked to a person directly, through a shared phone/vehicle/address/account/event, or through calls or messages, with how.
// param: uid: str — the person's uid
// returns: uid, name, dob, roles, how, refs, rows
MATCH (p:Entity:Person {uid: $uid})
CALL (p) {
  MATCH (p)-[r:ASSOCIATE_OF|FAMILY_OF|EXPLOITS]-(o:Person)
  WHERE o <> p
  RETURN o, CASE WHEN startNode(r) = p THEN '-' + type(r) + '->' ELSE '<-' + type(r) + '-' END AS how,
         coalesce(r.refs, []) AS refs, coalesce(r.rows, []) AS rows
  UNION ALL
  MATCH (p)-[r1:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]->(e:Entity)
        <-[r2:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|HAS_ACCOUNT|SUBJECT_OF|INVOLVED_IN]-(o:Person)
  WHERE o <> p
  RETURN o, 'shared ' + [l IN labels(e) WHERE l <> 'Entity'][0] + ' ' +
            CASE WHEN e:Event THEN e.kind + ' ' + coalesce(e.start, '')
                 WHEN e:Location THEN coalesce(e.address + ', ' + e.postcode, e.address, e.postcode, e.key)
                 ELSE e.key END + ' (' + type(r1) + ' / ' + type(r2) + ')' AS how,
         coalesce(r1.refs, []) + [x IN coalesce(r2.refs, []) WHERE NOT x IN coalesce(r1.refs, [])] AS refs,
         coalesce(r1.rows, []) + [x IN coalesce(r2.rows, []) WHERE NOT x IN coalesce(r1.rows, [])] AS rows
  UNION ALL
  MATCH (p)-[u1:USES|HAS_ACCOUNT]->(x)-[c:CALLED|MESSAGED]-(y)<-[u2:USES|HAS_ACCOUNT]-(o:Person)
  WHERE o <> p AND x <> y
  RETURN o, CASE WHEN type(c) = 'CALLED' THEN 'phone contact ' ELSE 'account contact ' END +
            x.key + CASE WHEN startNode(c) = x THEN ' -' + type(c) + '-> ' ELSE ' <-' + type(c) + '- ' END +
            y.key + ' (' + coalesce(c.count, 1) + ')' AS how,
         coalesce(c.refs, []) AS refs, coalesce(c.rows, []) AS rows
}
RETURN o.uid AS uid, o.name AS name, o.dob AS dob, coalesce(o.roles, []) AS roles, how, refs, rows
ORDER BY name, uid, how

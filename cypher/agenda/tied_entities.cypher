// name: agenda_tied_entities
// description: What each phone, vehicle and place is (label, key, address, postcode, kind, make, model, colour), by uid: read once per thing, not once per tie.
// param: uids: list — phone, vehicle and place uids
// returns: entity, label, key, address, postcode, kind, make, model, colour
UNWIND $uids AS uid
MATCH (e:Entity {uid: uid})
WHERE e:Phone OR e:Vehicle OR e:Location
RETURN e.uid AS entity,
       [l IN labels(e) WHERE l IN ['Phone', 'Vehicle', 'Location']][0] AS label,
       e.key AS key, e.address AS address, e.postcode AS postcode, e.kind AS kind,
       e.make AS make, e.model AS model, e.colour AS colour
ORDER BY entity

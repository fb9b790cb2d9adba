// name: derived_place_addresses
// description: The address of each of the given places and the address keys stored on it, for graphintel.derived to recompute those keys (graphintel.clean.address) after a merge, an undo or a load.
// param: uids: list — uids of entities a write touched (others than places are skipped)
// returns: uid, address, address_key, address_unit
// Planned once (replan=skip): lookups force a seek of the uid index, as the other
// markers' queries do (cypher/derived/places.cypher).
CYPHER replan=skip
UNWIND $uids AS uid
MATCH (l:Entity {uid: uid}) USING INDEX SEEK l:Entity(uid)
WITH l WHERE l:Location
  AND (l.address IS NOT NULL OR l.address_key IS NOT NULL OR l.address_unit IS NOT NULL)
RETURN l.uid AS uid, l.address AS address, l.address_key AS address_key,
       l.address_unit AS address_unit

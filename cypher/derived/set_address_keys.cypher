// name: derived_set_address_keys
// description: Store each given place's address keys (the building's address written out, the flat's number or letter; null removes one), as graphintel.clean.address.address_parts gives them.
// mode: write
// param: rows: list — one [uid, address_key, address_unit] per place
CYPHER replan=skip
UNWIND $rows AS row
MATCH (l:Entity {uid: row[0]}) USING INDEX SEEK l:Entity(uid)
WITH l, row WHERE l:Location
SET l.address_key = row[1], l.address_unit = row[2]

// name: derived_unkeyed_places
// description: Every place with an address, its address key and unit as stored: a graph loaded before places had them, or had them as they are written now, which graphintel.derived.backfill_address_keys brings up to date once (writing those that differ), before the schema makes their index.
// returns: uid, address, address_key, address_unit
// A scan of the places, run once per graph (graphintel.schema.apply_schema, while the
// index location_address_key_v2 is missing), never by the outputs.
MATCH (l:Location)
WHERE l.address IS NOT NULL
RETURN l.uid AS uid, l.address AS address, l.address_key AS address_key,
       l.address_unit AS address_unit

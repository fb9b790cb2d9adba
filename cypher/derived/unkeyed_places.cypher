// name: derived_unkeyed_places
// description: Every place with an address and no address key: a graph loaded before places had them, which graphintel.derived.backfill_address_keys brings up to date once, before the schema makes their index.
// returns: uid, address, address_key, address_unit
// A scan of the places, run once per graph (graphintel.schema.apply_schema, while the
// index location_address_key is missing), never by the outputs.
MATCH (l:Location)
WHERE l.address IS NOT NULL AND l.address_key IS NULL
RETURN l.uid AS uid, l.address AS address, l.address_key AS address_key,
       l.address_unit AS address_unit

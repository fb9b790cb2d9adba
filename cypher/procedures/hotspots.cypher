// name: hotspots_in_server
// description: The hotspots query (cypher/queries/hotspots.cypher) answered inside the server by graphintel.hotspots (graphintel/neo4j_launcher/Hotspots.java), run in its place when the server has the procedure: the same rows, counted from the same indexes and markers with the kernel's cursors.
// param: since: date = null — count only sightings and finds on or after this date
// param: limit: int = null — at most this many places, the highest score first (all when not given)
// returns: place_uid, place, postcode, kind, score, victim_sightings, victims_seen, missing_finds, children_found, suspects_linked
CALL graphintel.hotspots($since, $limit)
YIELD place_uid, place, postcode, kind, score, victim_sightings, victims_seen, missing_finds,
      children_found, suspects_linked
RETURN place_uid, place, postcode, kind, score, victim_sightings, victims_seen, missing_finds,
       children_found, suspects_linked

// name: known_person_names
// description: Name keys and uids of every person and alias, for finding known names in narratives.
// returns: name_key, uid
MATCH (p:Person)
RETURN p.name_key AS name_key, p.uid AS uid

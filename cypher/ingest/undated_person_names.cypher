// name: undated_person_names
// description: Name keys, names (as recorded, and the aliases other reports wrote) and uids of the people with no recorded date of birth: the only people an age in another report's narrative is given to (narrative_child_ages).
// returns: name_key, uid, names
MATCH (p:Person)
WHERE p.dob IS NULL AND size(coalesce(p.other_dobs, [])) = 0 AND p.name_key CONTAINS ' '
RETURN p.name_key AS name_key, p.uid AS uid, [p.name] + coalesce(p.aliases, []) AS names

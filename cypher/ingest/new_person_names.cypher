// name: new_person_names
// description: Name keys, names (as recorded, and the aliases other reports wrote), uids and whether they have a recorded date of birth, of the people whose name key has two words or more: read at the end of a load for the people new in it, whom reports' narratives may name (an age under 18 or a sign of a child is given only to the undated, narrative_child_ages and narrative_child_signs; a victim wording to anyone).
// returns: name_key, uid, names, dated
MATCH (p:Person)
WHERE p.name_key CONTAINS ' '
RETURN p.name_key AS name_key, p.uid AS uid, [p.name] + coalesce(p.aliases, []) AS names,
       p.dob IS NOT NULL OR size(coalesce(p.other_dobs, [])) > 0 AS dated

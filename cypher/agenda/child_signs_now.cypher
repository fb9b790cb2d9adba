// name: child_signs_now
// description: People (an analysis run's candidate targets) as the graph records them now, with what may show them to be a child when no age is recorded: their flags, the places they live at or were reported missing from, the people of their name, and those with one of their aliases as a name or their name as an alias (found by a phrase of the name on the person_names full-text index, checked in Python). Read when reports were loaded after the run, so that a target the new intelligence shows may be a child is safeguarded before the analysis is run again (graphintel.signs_now).
// param: people: list — {uid, alias_keys, phrase} per person: the name keys of their aliases, and the Lucene phrase of their name key (null when it has no letters)
// returns: uid, name, name_key, dob, other_dobs, age, flags, places, namesakes, aliased
UNWIND $people AS person
MATCH (p:Entity {uid: person.uid})
WHERE p:Person
RETURN p.uid AS uid, p.name AS name, p.name_key AS name_key, p.dob AS dob,
       p.other_dobs AS other_dobs, p.age AS age, coalesce(p.flags, []) AS flags,
       COLLECT {
         MATCH (p)-[:LIVES_AT]->(l:Location)
         RETURN ['lives', coalesce(l.address, ''), coalesce(l.key, '')] AS place
         UNION ALL
         MATCH (p)-[:SUBJECT_OF]->(e:Event)-[:MISSING_FROM]->(l:Location)
         WHERE e.kind = 'missing_episode'
         RETURN ['missing', coalesce(l.address, ''), coalesce(l.key, '')] AS place
       } AS places,
       COLLECT {
         MATCH (q:Person)
         WHERE q.name_key IN [p.name_key] + person.alias_keys AND q <> p
         RETURN {uid: q.uid, name: q.name, dob: q.dob, other_dobs: q.other_dobs, age: q.age,
                 age_on: q.age_on, roles: coalesce(q.roles, []), aliases: []} AS q
       } AS namesakes,
       COLLECT {
         CALL db.index.fulltext.queryNodes('person_names', coalesce(person.phrase, '""'),
                                           {limit: 50}) YIELD node
         WITH node WHERE node <> p AND person.phrase IS NOT NULL
         RETURN {uid: node.uid, name: node.name, dob: node.dob, other_dobs: node.other_dobs,
                 age: node.age, age_on: node.age_on, roles: coalesce(node.roles, []),
                 aliases: coalesce(node.aliases, [])} AS q
       } AS aliased

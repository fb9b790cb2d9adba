// name: projection_care_places
// description: People who live at, or were reported missing from, a place, with its address and key, for the analysis to tell who lives in a children's home or care placement (graphintel.analysis.child_signs: a sign that someone of no recorded age is a child).
// returns: person, how, address, key
// Every LIVES_AT, and every missing episode's MISSING_FROM place of each of its subjects;
// the addresses are tested in Python (graphintel.redact.CARE_HOME), as partner outputs
// test them.
MATCH (p:Person)-[:LIVES_AT]->(l:Location)
RETURN p.uid AS person, 'lives' AS how, l.address AS address, l.key AS key
UNION ALL
MATCH (p:Person)-[:SUBJECT_OF]->(e:Event)-[:MISSING_FROM]->(l:Location)
WHERE e.kind = 'missing_episode'
RETURN p.uid AS person, 'missing' AS how, l.address AS address, l.key AS key

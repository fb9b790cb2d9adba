// name: protected_people
// description: Every person a partner output must not name: anyone assessed as a victim, and anyone who may be under 18 on the analysis date (a date of birth after born_after, or a stated age); with what identifies them, so that their names can be scrubbed from text about other people (an alias, a place name) whoever the output shows.
// param: born_after: str — ISO date: people born after it are under 18 on the analysis date
// returns: uid, name, dob, age, age_on, nominal_ref, roles, aliases
// A superset: anyone with a stated age is returned, and graphintel.redact decides with
// graphintel.analysis.safeguarding.age_of who is a child (the records that disagree: the
// younger counts).
MATCH (p:Person)
WHERE 'victim' IN coalesce(p.roles, []) OR toString(p.dob) > $born_after OR p.age IS NOT NULL
RETURN p.uid AS uid, p.name AS name, p.dob AS dob, p.age AS age, p.age_on AS age_on,
       p.nominal_ref AS nominal_ref, coalesce(p.roles, []) AS roles,
       coalesce(p.aliases, []) AS aliases
ORDER BY uid

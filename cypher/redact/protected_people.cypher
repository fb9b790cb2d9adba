// name: protected_people
// description: Every person a partner output must not name: anyone assessed as a victim, anyone who may be under 18 on the analysis date (a date of birth after born_after, or a stated age), and anyone the analysis run safeguarded though the graph records neither (exploited, or possibly a child recorded apart: safeguarded); with what identifies them, so that their names, phone numbers and online accounts can be scrubbed from text about other people or things (an alias, a place name, a call-data file named after a number) whoever the output shows.
// param: born_after: str — ISO date: people born after it are under 18 on the analysis date
// param: safeguarded: list = null — uids the analysis run safeguarded (its safeguarded_inferred)
// returns: uid, signs, name, dob, other_dobs, age, age_on, nominal_ref, roles, aliases, phones, accounts
// A superset: anyone with a stated age is returned, and graphintel.redact decides with
// graphintel.analysis.safeguarding.age_of who is a child (the records that disagree: the
// younger counts).
// Also anyone the graph shows to be a child without their recorded date of birth saying so
// (signs): another recorded date of birth (other_dobs) under 18, or no recorded age and a
// report calling them a child or looked after (flags called_a_child, looked_after_child):
// the analysis safeguards them, and so does a partner output even of a run older than the
// report that shows it.
MATCH (p:Person)
WITH p, any(d IN coalesce(p.other_dobs, []) WHERE toString(d) > $born_after)
        OR (p.dob IS NULL AND p.age IS NULL AND size(coalesce(p.other_dobs, [])) = 0
            AND any(f IN coalesce(p.flags, []) WHERE f IN ['called_a_child', 'looked_after_child']))
        AS signs
WHERE 'victim' IN coalesce(p.roles, []) OR toString(p.dob) > $born_after OR p.age IS NOT NULL
   OR p.uid IN coalesce($safeguarded, []) OR signs
RETURN p.uid AS uid, signs, p.name AS name, p.dob AS dob, p.other_dobs AS other_dobs, p.age AS age, p.age_on AS age_on,
       p.nominal_ref AS nominal_ref, coalesce(p.roles, []) AS roles,
       coalesce(p.aliases, []) AS aliases,
       [(p)-[:USES|OWNS]->(ph:Phone) WHERE ph.number IS NOT NULL | ph.number] AS phones,
       [(p)-[:HAS_ACCOUNT|OWNS]->(a:OnlineAccount) WHERE a.handle IS NOT NULL
        | {platform: a.platform, handle: a.handle}] AS accounts
ORDER BY uid

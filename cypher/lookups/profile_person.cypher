// name: lookup_profile_person
// description: Who a person is: name, date of birth (else a stated age with the date of the report that stated it), nominal reference, gender, aliases, roles and data-quality flags, the other dates of birth reports or merged records gave, those an analyst set aside (graphintel resolve dob), and the nominal references merged records gave that disagreed.
// param: uid: str — the person's uid
// returns: uid, name, dob, age, age_on, nominal_ref, gender, aliases, roles, flags, other_dobs, set_aside_dobs, other_nominal_refs
MATCH (p:Entity:Person {uid: $uid})
RETURN p.uid AS uid, p.name AS name, p.dob AS dob, p.age AS age, p.age_on AS age_on,
       p.nominal_ref AS nominal_ref, p.gender AS gender,
       coalesce(p.aliases, []) AS aliases, coalesce(p.roles, []) AS roles, coalesce(p.flags, []) AS flags,
       coalesce(p.other_dobs, []) AS other_dobs,
       coalesce(p.set_aside_dobs, []) AS set_aside_dobs,
       coalesce(p.other_nominal_refs, []) AS other_nominal_refs

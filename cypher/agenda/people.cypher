// name: agenda_people
// description: People of an analysis run (date of birth, else a stated age with the date of its report) with when they were loaded and the reports that mention them (for partner filtering and the agenda's reasons). Partners may see a report only when every version of it loaded permits sharing (the test of cypher/redact/partner_handling.cypher).
// param: uids: list — person uids
// returns: uid, name, dob, other_dobs, age, age_on, nominal_ref, aliases, roles, loaded_at, reports
// batched: yes
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})
WITH uid, p.name AS name, p.dob AS dob, p.other_dobs AS other_dobs, p.age AS age, p.age_on AS age_on,
     p.nominal_ref AS nominal_ref,
     coalesce(p.aliases, []) AS aliases,
     coalesce(p.roles, []) AS roles, p.loaded_at AS loaded_at,
     COLLECT { MATCH (r:Report)-[:MENTIONS]->(p)
               WITH r ORDER BY r.ref
               RETURN {ref: r.ref, date: r.date, grading: r.grading,
                       shareable: coalesce(r.partner_shareable, false)
                         AND all(g IN coalesce(r.graded_before, [])
                                 WHERE g =~ '[1-3][A-E]P|5x5x5:[A-E][1-5]2')
                         AND all(v IN coalesce(r.earlier_versions, [])
                                 WHERE v =~ '(?s)(?:(?!graded ).)*graded (?:[1-3][A-E]P|5x5x5:[A-E][1-5]2): .*')
                       } } AS reports
ORDER BY uid
WITH collect({uid: uid, name: name, dob: dob, other_dobs: other_dobs, age: age, age_on: age_on, nominal_ref: nominal_ref, aliases: aliases, roles: roles, loaded_at: loaded_at, reports: reports}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows

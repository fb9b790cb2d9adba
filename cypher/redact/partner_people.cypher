// name: partner_people
// description: What partners may be told about people's standing: each report mentioning them with the roles it assesses, its date and grading; and the reports partners may not see among those and among the reports behind everything at them (their links, and the calls, messages and sightings of the phones, accounts and vehicles they hold), so that graphintel.redact_standing can tell which roles shareable reports assess and whether their evidence rests in part on withheld intelligence without reading the reports' handling again. A report is shareable only when every version of it that was loaded permits sharing (the test of partner_handling); a reference to no report is withheld.
// param: uids: list — person uids
// returns: uid, mentions, withheld
// strength: the report's grading strength (0 for intelligence graded as suspected false: a
// suspect role it gives is not the person's standing, as the analysis does not take it).
// withheld: the reports mentioning the person that partners may not see; when there are
// none, the reports behind what is at them that partners may not see (one withheld report
// is enough to tell, so what is at someone a withheld report mentions is not read). A
// report behind something at them that also mentions them is judged with the mention.
// The handling test is written as in partner_handling (tests/test_partner_standing.py
// checks that every query reading it writes the same test).
UNWIND $uids AS uid
MATCH (p:Entity {uid: uid})
WHERE p:Person
WITH uid, p,
     COLLECT {
       MATCH (r:Report)-[m:MENTIONS]->(p)
       RETURN {ref: r.ref, roles: coalesce(m.roles, []), date: r.date, grading: r.grading,
               strength: r.grading_strength,
               shareable: r.ref IS NOT NULL
                 AND coalesce(r.partner_shareable, false)
                 AND all(g IN coalesce(r.graded_before, [])
                         WHERE g =~ '[1-3][A-E]P|5x5x5:[A-E][1-5]2')
                 AND all(v IN coalesce(r.earlier_versions, [])
                         WHERE v =~ '(?s)(?:(?!graded ).)*graded (?:[1-3][A-E]P|5x5x5:[A-E][1-5]2): .*')}
     } AS seen
WITH uid, p, seen, [m IN seen | m.ref] AS refs,
     [m IN seen WHERE NOT coalesce(m.shareable, false) | m.ref] AS hidden
RETURN uid, [m IN seen | m {.ref, .roles, .date, .grading, .strength}] AS mentions,
       hidden + COLLECT {
         CALL (p, hidden) {
           MATCH (p)-[x]-()
           WHERE size(hidden) = 0 AND type(x) <> 'MENTIONS'
           UNWIND coalesce(x.refs, []) AS ref
           RETURN ref
           UNION
           MATCH (p)-[:USES|OWNS|DRIVES|PASSENGER_IN|HAS_ACCOUNT]->(e:Entity)-[x]-(o)
           WHERE size(hidden) = 0 AND NOT o:Person AND NOT o:Report
           UNWIND coalesce(x.refs, []) AS ref
           RETURN ref
         }
         WITH ref
         WHERE NOT ref IN refs
           AND NOT EXISTS {
             MATCH (r:Report {ref: ref})
             WHERE coalesce(r.partner_shareable, false)
               AND all(g IN coalesce(r.graded_before, [])
                       WHERE g =~ '[1-3][A-E]P|5x5x5:[A-E][1-5]2')
               AND all(v IN coalesce(r.earlier_versions, [])
                       WHERE v =~ '(?s)(?:(?!graded ).)*graded (?:[1-3][A-E]P|5x5x5:[A-E][1-5]2): .*') }
         RETURN ref
       } AS withheld
ORDER BY uid

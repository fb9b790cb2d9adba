// name: partner_handling
// description: Whether partners may see each report: only when every version of it that was loaded permits sharing (3x5x2 handling P, 5x5x5 handling 2): the current grading, the grading held before each new version (graded_before) and the grading each earlier version's line records (earlier_versions), so the order reports were loaded in cannot release one. A version whose grading is unknown counts as not permitting it.
// returns: ref, shareable
// The same test is written in every query that says whether partners may see a report
// (cypher/agenda/people.cypher, people_brief.cypher, reports.cypher,
// cypher/charts/chart_reports.cypher, cypher/redact/partner_handling_of.cypher,
// partner_people.cypher); a test checks they agree (tests/test_partner_standing.py).
MATCH (r:Report)
RETURN r.ref AS ref,
       coalesce(r.partner_shareable, false)
       AND all(g IN coalesce(r.graded_before, []) WHERE g =~ '[1-3][A-E]P|5x5x5:[A-E][1-5]2')
       AND all(v IN coalesce(r.earlier_versions, [])
               WHERE v =~ '(?s)(?:(?!graded ).)*graded (?:[1-3][A-E]P|5x5x5:[A-E][1-5]2): .*')
       AS shareable
ORDER BY ref

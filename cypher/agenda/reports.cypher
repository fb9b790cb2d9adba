// name: agenda_reports
// description: Date, grading and handling of the given reports, to judge what needs corroboration and what partners may see; and for an agenda of an earlier run, whether a report came as a new version since and the grading the run weighed. Partners may see a report only when every version of it loaded permits sharing (the test of cypher/redact/partner_handling.cypher).
// param: refs: list — report references
// param: run_at: str = null — the run's created_at (ISO 8601 UTC to the second): say which reports changed after it
// returns: ref, date, grading, scheme, source, intel, shareable, changed_since_run, graded_at_run
// batched: yes
// A new version's time (version_at, replaced_at) has fractions of a second, which sort
// before "Z": a version loaded in the run's own second counts as before the run. The
// grading the run weighed is the one held before the first new version after it
// (graded_before, kept since the graph recorded it; '' when unknown).
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
WITH r, $run_at IS NOT NULL AND coalesce(r.version_at, '') > $run_at AS changed
WITH r, changed,
     CASE WHEN changed THEN
       head([i IN range(0, size(coalesce(r.replaced_at, [])) - 1)
             WHERE r.replaced_at[i] > $run_at | r.graded_before[i]])
     END AS then
WITH r, changed, CASE WHEN then <> '' THEN then END AS then ORDER BY r.ref
WITH collect({ref: r.ref, date: r.date, grading: r.grading, scheme: r.grading_scheme,
                source: r.grading_source, intel: r.grading_intel,
                shareable: coalesce(r.partner_shareable, false)
                  AND all(g IN coalesce(r.graded_before, [])
                          WHERE g =~ '[1-3][A-E]P|5x5x5:[A-E][1-5]2')
                  AND all(v IN coalesce(r.earlier_versions, [])
                          WHERE v =~ '(?s)(?:(?!graded ).)*graded (?:[1-3][A-E]P|5x5x5:[A-E][1-5]2): .*'),
                changed_since_run: changed, graded_at_run: then}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows

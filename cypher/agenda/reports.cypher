// name: agenda_reports
// description: Date, grading and handling of the given reports, to judge what needs corroboration and what partners may see.
// param: refs: list — report references
// returns: ref, date, grading, scheme, source, intel, shareable
// batched: yes
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
WITH r ORDER BY r.ref
WITH collect({ref: r.ref, date: r.date, grading: r.grading, scheme: r.grading_scheme,
                source: r.grading_source, intel: r.grading_intel,
                shareable: coalesce(r.partner_shareable, false)}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows

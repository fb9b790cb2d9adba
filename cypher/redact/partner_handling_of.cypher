// name: partner_handling_of
// description: Whether partners may see each of the given reports: only when every version of it that was loaded permits sharing (the test of partner_handling, which reads every report).
// param: refs: list — report references
// returns: ref, shareable
// batched: yes
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
WITH r.ref AS ref,
       coalesce(r.partner_shareable, false)
       AND all(g IN coalesce(r.graded_before, []) WHERE g =~ '[1-3][A-E]P|5x5x5:[A-E][1-5]2')
       AND all(v IN coalesce(r.earlier_versions, [])
               WHERE v =~ '(?s)(?:(?!graded ).)*graded (?:[1-3][A-E]P|5x5x5:[A-E][1-5]2): .*')
       AS shareable
WITH collect({ref: ref, shareable: shareable}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows

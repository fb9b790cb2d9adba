// name: report_versions
// description: The version of each given report already in the graph: its content hash, the hashes of the versions it replaced, and what a one-line summary of it needs.
// param: refs: list — report references
// returns: ref, hash, earlier, props
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
RETURN r.ref AS ref, r.content_hash AS hash, coalesce(r.earlier_hashes, []) AS earlier,
       {source_file: r.source_file, source_line: r.source_line,
        source_lines: r.source_lines, date: r.date,
        grading: r.grading, narrative: r.narrative} AS props

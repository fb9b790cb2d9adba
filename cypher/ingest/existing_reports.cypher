// name: existing_report_hashes
// description: Content hashes (and source files) of the reports already in the graph, to skip exact duplicates and tell a file-wide report shared by two files.
// param: refs: list — report references
// returns: ref, hash, source_file
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
RETURN r.ref AS ref, r.content_hash AS hash, r.source_file AS source_file

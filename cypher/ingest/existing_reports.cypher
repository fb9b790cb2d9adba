// name: existing_report_hashes
// description: Content hashes of the reports already in the graph, to skip exact duplicates.
// param: refs: list — report references
// returns: ref, hash
UNWIND $refs AS ref
MATCH (r:Report {ref: ref})
RETURN r.ref AS ref, r.content_hash AS hash

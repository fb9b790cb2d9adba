// name: complete_report
// description: Mark a per-file report as fully loaded by recording the file's content hash.
// mode: write
// param: ref: str — the per-file report reference
// param: hash: str — the file's content hash
MATCH (r:Report {ref: $ref})
SET r.content_hash = $hash

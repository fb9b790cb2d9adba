// name: merge_reports
// description: Create or update Report nodes (reference, date, grading, author, narrative, source file, line and the lines of a report of several rows), keeping the versions a new one replaces and when it came (version_at, which the workspace's cache watches), and the grading the graph held before each new version (graded_before, replaced_at: what an analysis run before then weighed).
// mode: write
// param: rows: list — maps {ref, props, earlier, earlier_hashes}; earlier (one line per version the row replaces) and earlier_hashes (their content hashes) only for a new version of a report (graphintel/ingest/versions.py)
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $rows AS row
MERGE (r:Report {ref: row.ref})
ON CREATE SET r.loaded_at = toString(datetime.truncate('second', datetime()))
// the grading an analysis run made before this write saw ('' when the report had none)
WITH r, row, coalesce(r.grading, '') AS held_grading
SET r += row.props
// the lines of a report made of several rows of a table (graphintel/ingest/report_rows.py):
// a version of one row, or from elsewhere, has none
SET r.source_lines = row.props.source_lines
WITH r, row, held_grading
WHERE row.earlier IS NOT NULL
WITH r, row, held_grading, toString(datetime()) AS now
SET r.earlier_versions = coalesce(r.earlier_versions, []) + row.earlier,
    r.earlier_hashes = coalesce(r.earlier_hashes, []) + row.earlier_hashes,
    r.graded_before = coalesce(r.graded_before, []) + [held_grading],
    r.replaced_at = coalesce(r.replaced_at, []) + [now],
    r.version_at = now

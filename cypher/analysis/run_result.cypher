// name: analysis_run_result
// description: The stored result document of one analysis run: the parts asked for (each compressed JSON), or the whole document as runs stored before the parts were kept apart.
// param: run_id: str — the analysis run
// param: parts: list = null — names of the result parts wanted (null: every stored part)
// returns: id, result_json, blobs, status
MATCH (r:AnalysisRun {id: $run_id})
RETURN r.id AS id, r.result_json AS result_json,
       CASE WHEN r.result_parts IS NULL THEN null
            ELSE [p IN coalesce($parts, r.result_parts) WHERE p IN r.result_parts
                  | [p, r['result_' + p]]] END AS blobs,
       coalesce(r.status, 'complete') AS status

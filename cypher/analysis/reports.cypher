// name: projection_reports
// description: Grading strength and date of every report, to weight the links they support.
// returns: ref, date, grading, strength
MATCH (r:Report)
RETURN r.ref AS ref, r.date AS date, r.grading AS grading, r.grading_strength AS strength

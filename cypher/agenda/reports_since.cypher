// name: agenda_reports_since
// description: How many reports were loaded after an analysis run was made, new or as a new version of a report loaded before: intelligence the run has not seen (an agenda or chart of that run warns).
// param: since: str — the run's created_at (ISO 8601 UTC to the second, as runs record it)
// returns: reports
// A report's loaded_at is the second it was first loaded and version_at the time its latest
// version was (with fractions of a second, which sort before "Z": a version loaded in the
// run's own second counts as before the run, as a report loaded in it does).
MATCH (r:Report)
WHERE r.loaded_at > $since OR r.version_at > $since
RETURN count(r) AS reports

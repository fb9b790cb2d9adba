// name: agenda_decisions_since
// description: How many identity decisions (merges, rejects, undos, dates of birth settled) were made after an analysis run, and the merges among them still applied (the record merged away and the one kept): what the run has not seen, so an agenda or chart of that run warns, and a target merged away since is not shown as one.
// param: since: str — the run's created_at (ISO 8601 UTC to the second, as runs record it)
// returns: decisions, merges
// A decision's time has microseconds and an offset; it is compared to the second, as a
// report's load time is (agenda_reports_since): one made in the run's own second counts as
// before the run.
MATCH (d:MergeDecision)
WHERE substring(toString(d.at), 0, 19) > substring($since, 0, 19)
WITH d ORDER BY d.at, d.id
RETURN count(d) AS decisions,
       collect(CASE WHEN d.kind = 'merge' AND d.status = 'applied'
                    THEN {a: d.a_uid, b: d.b_uid, at: d.at} END) AS merges

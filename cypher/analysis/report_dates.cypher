// name: analysis_report_dates
// description: The earliest and latest report dates, the default span of a series of time windows.
// returns: first, last
MATCH (r:Report)
WHERE r.date IS NOT NULL
RETURN min(substring(toString(r.date), 0, 10)) AS first,
       max(substring(toString(r.date), 0, 10)) AS last

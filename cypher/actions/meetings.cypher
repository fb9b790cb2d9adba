// name: meetings_list
// description: Recorded network meetings, earliest first.
// returns: id, run_id, date, recorded_at
MATCH (m:Meeting)
RETURN m.id AS id, m.run_id AS run_id, m.date AS date, m.recorded_at AS recorded_at
ORDER BY m.date, m.recorded_at, m.id

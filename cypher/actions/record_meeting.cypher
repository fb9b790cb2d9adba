// name: record_meeting
// description: Record a network meeting (the agenda written for it) with the actions it raised and the open actions from earlier meetings it carried over; the same meeting recorded again changes nothing. An agenda for the same date from another run is superseded: its actions nobody has changed are dropped, with a SUPERSEDED link from this meeting (and opened again if that agenda is written again). Actions an agenda for this date raised that the chair has since rejected, unchanged, are dropped with a REJECTED link (and opened again if raised again).
// mode: write
// param: meeting: map — id, run_id, date, recorded_at
// param: raised: list — actions raised here: id, key, text, network, owner, agency, due, subjects
// param: carried: list — ids of open actions of earlier meetings carried over to this one
// param: superseded: list — ids of unchanged open actions of another agenda for the same date
// param: rejected: list — ids of unchanged open actions of an agenda for this date that the chair rejected
// returns: raised, carried, superseded, rejected
MERGE (m:Meeting {id: $meeting.id})
ON CREATE SET m.run_id = $meeting.run_id, m.date = $meeting.date,
              m.recorded_at = $meeting.recorded_at
WITH m
CALL (m) {
  UNWIND $raised AS a
  MERGE (x:MeetingAction {id: a.id})
  ON CREATE SET x.key = a.key, x.text = a.text, x.network = a.network, x.owner = a.owner,
                x.agency = a.agency, x.due = a.due, x.subjects = a.subjects,
                x.status = 'open', x.outcome = '', x.created_at = $meeting.recorded_at,
                x.updated_at = $meeting.recorded_at
  MERGE (m)-[:RAISED]->(x)
  WITH x
  CALL (x) {
    WITH x WHERE x.superseded_by IS NOT NULL OR x.rejected_by IS NOT NULL
    SET x.status = 'open', x.outcome = '', x.superseded_by = null, x.rejected_by = null
  }
  RETURN count(x) AS raised
}
CALL (m) {
  UNWIND $carried AS cid
  MATCH (x:MeetingAction {id: cid})
  MERGE (m)-[:CARRIED]->(x)
  RETURN count(x) AS carried
}
CALL (m) {
  UNWIND $superseded AS sid
  MATCH (x:MeetingAction {id: sid})
  WHERE x.status = 'open' AND size(coalesce(x.history, [])) = 0
  SET x.status = 'dropped', x.superseded_by = m.id,
      x.outcome = 'superseded by the agenda of ' + m.run_id + ' for the same meeting'
  MERGE (m)-[:SUPERSEDED]->(x)
  RETURN count(x) AS superseded
}
CALL (m) {
  UNWIND $rejected AS rid
  MATCH (x:MeetingAction {id: rid})
  WHERE x.status = 'open' AND size(coalesce(x.history, [])) = 0
  SET x.status = 'dropped', x.rejected_by = m.id,
      x.outcome = 'not taken forward by the chair'
  MERGE (m)-[:REJECTED]->(x)
  RETURN count(x) AS rejected
}
RETURN raised, carried, superseded, rejected

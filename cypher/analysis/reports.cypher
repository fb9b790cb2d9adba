// name: projection_reports
// description: Grading strength and date of every report, to weight the links they support.
// returns: ref, date, grading, strength
// batched: yes
// The reports are collected as nodes, then read 5,000 to a record (see cypher_files.py).
MATCH (r:Report)
WITH collect(r) AS items
UNWIND range(0, size(items) - 1, 5000) AS i
CALL (items, i) {
  UNWIND items[i..i + 5000] AS r
  RETURN collect({ref: r.ref, date: r.date, grading: r.grading,
                  strength: r.grading_strength}) AS rows
}
RETURN rows

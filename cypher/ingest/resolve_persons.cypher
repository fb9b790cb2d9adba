// name: resolve_persons
// description: Find or create each mentioned person: by nominal reference, then name + date of birth, then key; returns the uid per mention.
// mode: write
// param: rows: list — maps {mention, uid, key, name, name_key, dob, name_dob, nominal_ref, gender, aliases, roles, flags, variant}
// returns: mention, uid
// Each row is resolved in its own subquery call so that it sees the people the rows
// before it created or completed (a nominal reference added by row 2 is found by row 3).
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (byRef:Person {nominal_ref: row.nominal_ref})
  OPTIONAL MATCH (byNd:Person {name_dob: row.name_dob})
    WHERE byNd.nominal_ref IS NULL OR row.nominal_ref IS NULL OR byNd.nominal_ref = row.nominal_ref
  WITH row, byRef, byNd ORDER BY byNd.key
  LIMIT 1
  WITH row, coalesce(byRef, byNd) AS found
  CALL (row, found) {
    WITH found WHERE found IS NULL
    MERGE (p:Entity {uid: row.uid})
    ON CREATE SET p:Person, p.key = row.key, p.name = row.name, p.name_key = row.name_key,
                  p.loaded_at = toString(datetime.truncate('second', datetime()))
    RETURN p
    UNION
    WITH found WHERE found IS NOT NULL
    RETURN found AS p
  }
  WITH row, p, [a IN row.aliases + [row.name] WHERE a <> p.name] AS new_aliases
  SET p.nominal_ref = coalesce(p.nominal_ref, row.nominal_ref),
      p.dob = coalesce(p.dob, row.dob),
      p.name_dob = coalesce(p.name_dob, row.name_dob),
      p.gender = coalesce(p.gender, row.gender),
      p.aliases = reduce(acc = coalesce(p.aliases, []), a IN new_aliases |
                         CASE WHEN a IN acc THEN acc ELSE acc + a END),
      p.roles = reduce(acc = coalesce(p.roles, []), x IN row.roles |
                       CASE WHEN x IN acc THEN acc ELSE acc + x END),
      p.flags = reduce(acc = coalesce(p.flags, []), x IN row.flags |
                       CASE WHEN x IN acc THEN acc ELSE acc + x END)
  SET p.aliases_text = reduce(s = '', a IN p.aliases | s + a + ' ; ')
  RETURN p.uid AS uid
}
RETURN row.mention AS mention, uid

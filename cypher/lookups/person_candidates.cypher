// name: lookup_person_candidates
// description: People an officer's text may name, by tier: 1 exact uid, 2 nominal reference (a record's own, or one of a record merged into it), 3 exact name key.
// param: text: str — the text as typed (trimmed)
// param: key: str — the text's name key (graphintel.clean.name_key)
// returns: tier, uid, name, dob, nominal_ref
CALL () {
  MATCH (p:Entity:Person {uid: $text})
  RETURN 1 AS tier, p
  UNION
  MATCH (p:Person)
  WHERE p.nominal_ref = $text OR p.nominal_ref = toUpper($text)
  RETURN 2 AS tier, p
  UNION
  // a nominal reference of a record merged into another: its key names the kept record
  MATCH (k:PersonKey) WHERE k.key IN ['ref:' + $text, 'ref:' + toUpper($text)]
  MATCH (p:Entity:Person {uid: k.uid})
  RETURN 2 AS tier, p
  UNION
  MATCH (p:Person {name_key: $key})
  RETURN 3 AS tier, p
}
RETURN tier, p.uid AS uid, p.name AS name, p.dob AS dob, p.nominal_ref AS nominal_ref
ORDER BY tier, name, dob, uid

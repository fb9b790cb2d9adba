// name: resolve_move_keys
// description: Point the identity keys of a person that still name one record at another: a merge gives the kept record the merged-away record's keys (a later report naming the person by them joins the kept record, not a re-created one); its undo gives them back.
// mode: write
// param: keys: list — identity keys (the person's keys property: ref:<nominal>, nd:<name key>|<dob>, n:<name key>, sid:...)
// param: from_uid: str — the record the keys name now
// param: to_uid: str — the record they are to name
// returns: moved
UNWIND $keys AS key
MATCH (k:PersonKey {key: key})
WHERE k.uid = $from_uid
SET k.uid = $to_uid
RETURN count(k) AS moved

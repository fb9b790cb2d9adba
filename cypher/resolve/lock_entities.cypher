// name: resolve_lock_entities
// description: Write-lock entities by uid, in the order given (sorted by the caller), before a merge, undo or reject reads them, so two decisions on overlapping records take turns; returns the uids that still exist.
// mode: write
// param: uids: list — entity uids, sorted (one global order: two decisions never deadlock on them)
// returns: uid
// Why: under read committed, a node read without a lock can be merged away or changed by
// another transaction before this one commits. Writing a property (set and removed: the
// node is left as it was) takes the node's exclusive lock until this transaction ends; a
// second transaction waits here, and everything it reads afterwards is the committed state.
// A node deleted while this one waited gives no row (its uid comes back null and is
// dropped), so the caller sees it is gone.
UNWIND $uids AS uid
MATCH (n:Entity {uid: uid})
SET n._lock = true
REMOVE n._lock
WITH n.uid AS uid
WHERE uid IS NOT NULL
RETURN uid

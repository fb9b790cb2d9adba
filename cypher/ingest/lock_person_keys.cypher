// name: lock_person_keys
// description: Create or write-lock the identity key nodes of a batch's people, in key order, before anything else in the transaction, so concurrent loads naming the same person take turns.
// mode: write
// param: keys: list — every identity key (ref:, nd:, n:) the batch's person mentions give, sorted
// returns: keys
// Why this is correct under Neo4j's read-committed isolation:
// - MERGE on a property with a uniqueness constraint takes the constraint's index-entry lock:
//   of two transactions creating the same key, the second waits until the first commits and
//   then finds the key node it made (two loads can never both think a person is new).
// - A key node that already exists is only read by MERGE, so it is written (a property set
//   and removed) to take its exclusive lock: a second transaction waits here until the first
//   has committed, and everything it reads about that key afterwards (resolve_persons) is the
//   committed state, which nobody else can change before it commits.
// - Every change to who a key names, and to a person's nominal reference or keys, is made by
//   a transaction holding the locks of the keys involved, so those changes are serialised.
// - The keys are locked first and in one global order (sorted), so two loads never deadlock
//   on keys. Deadlocks on other nodes are detected by Neo4j and the batch is retried whole
//   (graphintel/store.py).
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $keys AS key
MERGE (k:PersonKey {key: key})
SET k._lock = true
REMOVE k._lock
RETURN count(k) AS keys

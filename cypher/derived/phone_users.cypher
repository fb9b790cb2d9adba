// name: derived_phone_users
// description: Count the users of each of the given phones (people who use it; USES links only come from people), kept when two or more.
// mode: write
// param: uids: list — uids of entities a write touched (others than phones are skipped)
// Planned once (replan=skip): its lookups are by unique keys, so the plan does not depend
// on the graph's statistics and is not remade as a load changes them.
CYPHER replan=skip
UNWIND $uids AS uid
MATCH (ph:Entity {uid: uid})
WHERE ph:Phone
WITH ph, COUNT { (ph)<-[:USES]-() } AS users
WITH ph, CASE WHEN users >= 2 THEN users END AS users
WHERE coalesce(ph.users, 0) <> coalesce(users, 0)
SET ph.users = users

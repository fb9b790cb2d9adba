// name: derived_phone_users
// description: Count the users of each of the given phones (people who use it; USES links only come from people), kept when two or more.
// mode: write
// param: uids: list — uids of entities a write touched (others than phones are skipped)
// Planned once (replan=skip), so the plan made on an empty or small graph must hold on a
// large one: lookups force a seek of the uid index (a plan made at 1,000 reports scanned
// it for each uid), and every expansion starts from a node in hand, its far end's label
// checked after a WITH (never a label scan to expand into).
CYPHER replan=skip
UNWIND $uids AS uid
MATCH (ph:Entity {uid: uid}) USING INDEX SEEK ph:Entity(uid)
WITH ph WHERE ph:Phone
WITH ph, COUNT { (ph)<-[:USES]-() } AS users
WITH ph, CASE WHEN users >= 2 THEN users END AS users
WHERE coalesce(ph.users, 0) <> coalesce(users, 0)
SET ph.users = users

// name: set_name_ranks
// description: Store each given person's name_rank (graphintel.clean.names.name_rank of the name they show), which later mentions' names are compared with.
// mode: write
// param: rows: list — one [uid, name_rank] per person
CYPHER replan=skip
UNWIND $rows AS row
MATCH (p:Entity {uid: row[0]}) USING INDEX SEEK p:Entity(uid)
WITH p, row WHERE p:Person
SET p.name_rank = row[1]

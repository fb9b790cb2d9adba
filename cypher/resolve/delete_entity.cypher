// name: resolve_delete_entity
// description: Delete an entity merged into another, with its relationships (they were copied first).
// mode: write
// param: uid: str — the uid of the entity merged away
MATCH (n:Entity {uid: $uid})
DETACH DELETE n

// name: resolve_set_entity
// description: Replace all properties of an entity (the merged result, or the snapshot on undo).
// mode: write
// param: uid: str — the entity's uid
// param: props: map — every property it is to have
MATCH (n:Entity {uid: $uid})
SET n = $props

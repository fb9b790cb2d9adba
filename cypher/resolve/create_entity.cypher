// name: resolve_create_entity
// description: Re-create an entity merged away, with its labels and all its properties, when a merge is undone.
// mode: write
// param: labels: list — its labels (checked against the model by the caller)
// param: props: map — all its properties
// returns: element_id
CREATE (n:Entity)
SET n = $props
SET n:$($labels)
RETURN elementId(n) AS element_id

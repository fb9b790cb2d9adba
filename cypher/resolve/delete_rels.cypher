// name: resolve_delete_rels
// description: Delete relationships by element id (the merged links, when a merge is undone).
// mode: write
// param: ids: list — relationship element ids
UNWIND $ids AS id
MATCH ()-[r]->()
WHERE elementId(r) = id
DELETE r

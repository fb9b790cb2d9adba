// name: graph_counts
// description: Totals of nodes, relationships and properties, to prove an operation changed nothing.
// returns: nodes, relationships, node_properties, relationship_properties
CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS node_properties }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships, sum(size(keys(r))) AS relationship_properties }
RETURN nodes, relationships, coalesce(node_properties, 0) AS node_properties,
       coalesce(relationship_properties, 0) AS relationship_properties

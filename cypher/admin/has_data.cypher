// name: has_data
// description: Whether the graph holds any report or entity (stops at the first node found), for the warning a command gives on an empty graph.
// returns: has_data
RETURN EXISTS { MATCH (n) WHERE n:Report OR n:Entity } AS has_data

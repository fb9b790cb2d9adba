// name: show_indexes
// description: Names and states of the indexes present, to tell whether the schema is applied.
// returns: name, state
SHOW INDEXES YIELD name, state RETURN name, state ORDER BY name

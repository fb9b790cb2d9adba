// name: show_constraints
// description: Names of the constraints present, to tell whether the schema is applied.
// returns: name
SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name

// name: server_procedures
// description: graphintel's own procedures the server has (the local Neo4j registers them; another loads the jar 'graphintel neo4j plugin' writes), so the queries they answer run inside it.
// returns: name
SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'graphintel.'
RETURN name

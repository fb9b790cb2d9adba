// name: wipe_graph
// description: Delete every node and relationship in batches (tests and 'graphintel reset' only).
// mode: autocommit
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS

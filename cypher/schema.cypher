// name: schema
// description: Constraints and indexes of the POLE model; idempotent (IF NOT EXISTS).
// mode: schema
// PersonKey nodes are the identity keys of people (ref:<nominal>, nd:<name key>|<dob>,
// n:<name key>), each naming the person it identifies by uid; their uniqueness constraint is
// what serialises concurrent loads of the same person (cypher/ingest/lock_person_keys.cypher).
CREATE CONSTRAINT entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT person_nominal_ref IF NOT EXISTS FOR (n:Person) REQUIRE n.nominal_ref IS UNIQUE;
CREATE CONSTRAINT person_identity_key IF NOT EXISTS FOR (n:PersonKey) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT phone_key IF NOT EXISTS FOR (n:Phone) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT vehicle_key IF NOT EXISTS FOR (n:Vehicle) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT location_key IF NOT EXISTS FOR (n:Location) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT account_key IF NOT EXISTS FOR (n:OnlineAccount) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT report_ref IF NOT EXISTS FOR (n:Report) REQUIRE n.ref IS UNIQUE;
CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (n:AnalysisRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT merge_decision_id IF NOT EXISTS FOR (n:MergeDecision) REQUIRE n.id IS UNIQUE;
CREATE INDEX person_name_dob IF NOT EXISTS FOR (n:Person) ON (n.name_dob);
CREATE INDEX person_name_key IF NOT EXISTS FOR (n:Person) ON (n.name_key);
CREATE INDEX person_dob IF NOT EXISTS FOR (n:Person) ON (n.dob);
CREATE INDEX location_postcode IF NOT EXISTS FOR (n:Location) ON (n.postcode);
CREATE INDEX location_kind IF NOT EXISTS FOR (n:Location) ON (n.kind);
CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind);
CREATE INDEX event_start IF NOT EXISTS FOR (n:Event) ON (n.start);
CREATE INDEX report_date IF NOT EXISTS FOR (n:Report) ON (n.date);
CREATE INDEX score_run IF NOT EXISTS FOR (n:Score) ON (n.run_id);
CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (n:Person) ON EACH [n.name, n.aliases_text];
CREATE FULLTEXT INDEX report_narratives IF NOT EXISTS FOR (n:Report) ON EACH [n.narrative];

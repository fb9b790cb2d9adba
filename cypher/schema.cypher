// name: schema
// description: Constraints and indexes of the POLE model; idempotent (IF NOT EXISTS).
// mode: schema
// PersonKey nodes are the identity keys of people (ref:<nominal>, nd:<name key>|<dob>,
// n:<name key>, sid:<source key>), each naming the person it identifies by uid; their uniqueness constraint is
// what serialises concurrent loads of the same person (cypher/ingest/lock_person_keys.cypher).
// The indexes phone_users to link_found are on markers kept at write time for the
// whole-graph listings (graphintel/derived.py); a graph that lacks them predates the
// markers, and graphintel.schema.apply_schema computes those before it makes the indexes.
// The text indexes on place and account keys serve search for words inside them (CONTAINS).
CREATE CONSTRAINT entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT person_nominal_ref IF NOT EXISTS FOR (n:Person) REQUIRE n.nominal_ref IS UNIQUE;
CREATE CONSTRAINT person_identity_key IF NOT EXISTS FOR (n:PersonKey) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT phone_key IF NOT EXISTS FOR (n:Phone) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT vehicle_key IF NOT EXISTS FOR (n:Vehicle) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT location_key IF NOT EXISTS FOR (n:Location) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT account_key IF NOT EXISTS FOR (n:OnlineAccount) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT officer_key IF NOT EXISTS FOR (n:Officer) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT object_key IF NOT EXISTS FOR (n:Object) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT source_id_key IF NOT EXISTS FOR (n:SourceId) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT report_ref IF NOT EXISTS FOR (n:Report) REQUIRE n.ref IS UNIQUE;
CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (n:AnalysisRun) REQUIRE n.id IS UNIQUE;
CREATE INDEX analysis_run_created IF NOT EXISTS FOR (n:AnalysisRun) ON (n.created_at);
CREATE CONSTRAINT merge_decision_id IF NOT EXISTS FOR (n:MergeDecision) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_action_id IF NOT EXISTS FOR (n:MeetingAction) REQUIRE n.id IS UNIQUE;
CREATE INDEX source_id_uid IF NOT EXISTS FOR (n:SourceId) ON (n.uid);
CREATE INDEX merge_decision_a_uid IF NOT EXISTS FOR (n:MergeDecision) ON (n.a_uid);
CREATE INDEX person_name_dob IF NOT EXISTS FOR (n:Person) ON (n.name_dob);
CREATE INDEX person_name_key IF NOT EXISTS FOR (n:Person) ON (n.name_key);
CREATE INDEX person_dob IF NOT EXISTS FOR (n:Person) ON (n.dob);
CREATE INDEX location_postcode IF NOT EXISTS FOR (n:Location) ON (n.postcode);
// The building's address of a place, written out (graphintel.clean.address): another
// record of a child's home, with or without a postcode, is one seek away
// (cypher/redact/protected_entities.cypher). A graph that lacks this index predates the
// keys as they are written now (v2: an apostrophe joins the letters either side of it),
// and graphintel.schema.apply_schema writes them again before it makes the index, in
// place of the index of the keys written before.
DROP INDEX location_address_key IF EXISTS;
CREATE INDEX location_address_key_v2 IF NOT EXISTS FOR (n:Location) ON (n.address_key);
CREATE TEXT INDEX location_key_text IF NOT EXISTS FOR (n:Location) ON (n.key);
CREATE TEXT INDEX account_key_text IF NOT EXISTS FOR (n:OnlineAccount) ON (n.key);
CREATE INDEX location_kind IF NOT EXISTS FOR (n:Location) ON (n.kind);
CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind);
CREATE INDEX event_start IF NOT EXISTS FOR (n:Event) ON (n.start);
CREATE INDEX report_date IF NOT EXISTS FOR (n:Report) ON (n.date);
CREATE INDEX report_version_at IF NOT EXISTS FOR (n:Report) ON (n.version_at);
CREATE INDEX report_loaded_at IF NOT EXISTS FOR (n:Report) ON (n.loaded_at);
CREATE INDEX score_run IF NOT EXISTS FOR (n:Score) ON (n.run_id);
CREATE INDEX link_first_seen_associate_of IF NOT EXISTS FOR ()-[r:ASSOCIATE_OF]-() ON (r.first_seen);
CREATE INDEX link_first_seen_family_of IF NOT EXISTS FOR ()-[r:FAMILY_OF]-() ON (r.first_seen);
CREATE INDEX link_first_seen_exploits IF NOT EXISTS FOR ()-[r:EXPLOITS]-() ON (r.first_seen);
CREATE INDEX link_first_seen_uses IF NOT EXISTS FOR ()-[r:USES]-() ON (r.first_seen);
CREATE INDEX link_first_seen_owns IF NOT EXISTS FOR ()-[r:OWNS]-() ON (r.first_seen);
CREATE INDEX link_first_seen_drives IF NOT EXISTS FOR ()-[r:DRIVES]-() ON (r.first_seen);
CREATE INDEX link_first_seen_passenger_in IF NOT EXISTS FOR ()-[r:PASSENGER_IN]-() ON (r.first_seen);
CREATE INDEX link_first_seen_lives_at IF NOT EXISTS FOR ()-[r:LIVES_AT]-() ON (r.first_seen);
CREATE INDEX link_first_seen_frequents IF NOT EXISTS FOR ()-[r:FREQUENTS]-() ON (r.first_seen);
CREATE INDEX link_first_seen_seen_at IF NOT EXISTS FOR ()-[r:SEEN_AT]-() ON (r.first_seen);
CREATE INDEX link_first_seen_called IF NOT EXISTS FOR ()-[r:CALLED]-() ON (r.first_seen);
CREATE INDEX link_first_seen_has_account IF NOT EXISTS FOR ()-[r:HAS_ACCOUNT]-() ON (r.first_seen);
CREATE INDEX link_first_seen_messaged IF NOT EXISTS FOR ()-[r:MESSAGED]-() ON (r.first_seen);
CREATE INDEX link_first_seen_subject_of IF NOT EXISTS FOR ()-[r:SUBJECT_OF]-() ON (r.first_seen);
CREATE INDEX link_first_seen_involved_in IF NOT EXISTS FOR ()-[r:INVOLVED_IN]-() ON (r.first_seen);
CREATE INDEX link_first_seen_found_at IF NOT EXISTS FOR ()-[r:FOUND_AT]-() ON (r.first_seen);
CREATE INDEX link_first_seen_missing_from IF NOT EXISTS FOR ()-[r:MISSING_FROM]-() ON (r.first_seen);
CREATE INDEX link_first_seen_occurred_at IF NOT EXISTS FOR ()-[r:OCCURRED_AT]-() ON (r.first_seen);
CREATE INDEX link_first_seen_investigated_by IF NOT EXISTS FOR ()-[r:INVESTIGATED_BY]-() ON (r.first_seen);
// When a person's link was first loaded: the agenda's links new between two runs
// (cypher/agenda/new_links.cypher reads one of these per type).
CREATE INDEX link_loaded_at_associate_of IF NOT EXISTS FOR ()-[r:ASSOCIATE_OF]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_family_of IF NOT EXISTS FOR ()-[r:FAMILY_OF]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_exploits IF NOT EXISTS FOR ()-[r:EXPLOITS]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_uses IF NOT EXISTS FOR ()-[r:USES]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_owns IF NOT EXISTS FOR ()-[r:OWNS]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_drives IF NOT EXISTS FOR ()-[r:DRIVES]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_passenger_in IF NOT EXISTS FOR ()-[r:PASSENGER_IN]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_lives_at IF NOT EXISTS FOR ()-[r:LIVES_AT]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_frequents IF NOT EXISTS FOR ()-[r:FREQUENTS]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_seen_at IF NOT EXISTS FOR ()-[r:SEEN_AT]-() ON (r.loaded_at);
CREATE INDEX link_loaded_at_has_account IF NOT EXISTS FOR ()-[r:HAS_ACCOUNT]-() ON (r.loaded_at);
CREATE INDEX phone_users IF NOT EXISTS FOR (n:Phone) ON (n.users);
CREATE INDEX location_residents IF NOT EXISTS FOR (n:Location) ON (n.residents);
CREATE INDEX location_hotspot IF NOT EXISTS FOR (n:Location) ON (n.hotspot);
CREATE INDEX entity_weak2 IF NOT EXISTS FOR (n:Entity) ON (n.weak2, n.uid);
CREATE INDEX entity_weak1 IF NOT EXISTS FOR (n:Entity) ON (n.weak1, n.uid);
CREATE INDEX link_victim_seen IF NOT EXISTS FOR ()-[r:SEEN_AT]-() ON (r.victim_last_seen, r.victim_previous_seen, r.victim_first_seen, r.victim_sightings);
CREATE INDEX link_found IF NOT EXISTS FOR ()-[r:FOUND_AT]-() ON (r.found_on, r.found_child, r.found_subjects);
// superseded by link_victim_seen and link_found, which hold what the dated hotspots count
DROP INDEX link_victim_last_seen IF EXISTS;
DROP INDEX link_found_on IF EXISTS;
CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (n:Person) ON EACH [n.name, n.aliases_text];
// narratives folded to plain letters ("Zoë" is found by "Zoe" and the other way round);
// supersedes report_narratives, which kept the accents
DROP INDEX report_narratives IF EXISTS;
CREATE FULLTEXT INDEX report_narratives_folded IF NOT EXISTS FOR (n:Report) ON EACH [n.narrative]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
